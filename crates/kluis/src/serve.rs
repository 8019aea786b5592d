//! `kluis serve`: open the app, bind, announce the URL, run the job runner, stop cleanly on SIGINT/SIGTERM.

use crate::cli::ServeArgs;
use crate::commands::Failure;
use crate::config::Settings;
use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use kluis_app::{App, AppConfig};
use kluis_web::{ApiRateLimit, WebOptions};
use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

/// File descriptors kept back from the connection limit for the database, blobs, key file and the listener.
const RESERVED_FDS: u64 = 128;

pub async fn run(settings: &Settings, cfg: AppConfig, args: &ServeArgs) -> Result<(), Failure> {
    // Bind first: a taken port is the most common start-up mistake and costs nothing to detect.
    let listener = TcpListener::bind(settings.bind)
        .await
        .map_err(|e| Failure(format!("cannot listen on {}: {e}", settings.bind)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| Failure(format!("cannot read the listening address: {e}")))?;
    let app = App::open(cfg)
        .await
        .map_err(|e| Failure::app(settings, e))?;

    let stop = CancellationToken::new();
    // Unique per process, so several instances on one database can tell their job leases apart.
    let instance_id = format!("{}-{}", hostname(), std::process::id());
    let jobs = app.spawn_job_runner(instance_id, stop.clone());
    let router = kluis_web::router(
        app.clone(),
        WebOptions {
            secure_cookies: settings.secure_cookies || args.secure_cookies,
            max_upload_bytes: usize::try_from(settings.max_upload_bytes).unwrap_or(usize::MAX),
            api_rate_limit: (settings.api_rate_limit_per_minute > 0).then_some(ApiRateLimit {
                per_minute: settings.api_rate_limit_per_minute,
                burst: settings.api_rate_limit_burst,
            }),
            ..WebOptions::default()
        },
    );

    // Tests and scripts read this line to learn the real port (with --bind ...:0).
    println!("Kluis is running at http://{addr}/");
    let _ = std::io::stdout().flush();
    tracing::info!(%addr, "ready");

    let limits = Limits {
        header_timeout: Duration::from_secs(settings.header_timeout_secs.max(1)),
        max_connections: connection_limit(settings.max_connections),
    };
    let router = router.layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
        Duration::from_secs(settings.body_timeout_secs.max(1)),
    ));
    accept_loop(listener, router, limits, shutdown_signal()).await;
    // Let a job in progress finish, then close the pool so SQLite checkpoints its WAL.
    stop.cancel();
    let _ = jobs.await;
    app.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// How much a client may hold of the server: time to send its request head, and open connections overall.
#[derive(Debug, Clone, Copy)]
struct Limits {
    header_timeout: Duration,
    max_connections: usize,
}

/// The configured connection limit, lowered to what the open-file limit allows: a connection over the file
/// limit would fail `accept` for every client (the slowloris failure), one over our own limit waits in the
/// kernel's backlog until a slot frees.
fn connection_limit(configured: u32) -> usize {
    let configured = u64::from(configured.max(1));
    let files = raise_open_file_limit();
    let allowed = match files {
        Some(files) if files > RESERVED_FDS * 2 => configured.min(files - RESERVED_FDS),
        Some(files) => configured.min(files / 2).max(1),
        None => configured,
    };
    if allowed < configured {
        tracing::warn!(
            configured,
            allowed,
            "the open-file limit is too low for max_connections; raise it (ulimit -n, LimitNOFILE)"
        );
    }
    usize::try_from(allowed).unwrap_or(usize::MAX)
}

/// Raises the soft open-file limit to the hard one (as Go and nginx do); returns the limit now in force.
#[cfg(unix)]
fn raise_open_file_limit() -> Option<u64> {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut limit = getrlimit(Resource::Nofile);
    if limit.current != limit.maximum {
        let mut raised = limit;
        raised.current = limit.maximum;
        if setrlimit(Resource::Nofile, raised).is_ok() {
            limit = getrlimit(Resource::Nofile);
        }
    }
    limit.current
}

#[cfg(not(unix))]
fn raise_open_file_limit() -> Option<u64> {
    None
}

/// Serves HTTP/1.1 until `shutdown` resolves, then lets open requests finish. Unlike `axum::serve` it times out
/// a request head that does not arrive (also on idle keep-alive connections) and holds at most
/// `max_connections` connections: further clients wait in the listen backlog instead of taking the process's
/// file descriptors.
async fn accept_loop(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            () = &mut shutdown => break,
            permit = slots.clone().acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => break,
            },
        };
        let (stream, remote) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors or a connection reset before we took it: wait a moment, so a
                    // persistent error does not spin, and carry on.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let service = hyper::service::service_fn(connection_service(router.clone(), remote));
        let conn = http.serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            // A timed-out head or a client gone away ends the connection; nothing to report.
            let _ = conn.await;
            drop(permit);
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// The router for one connection, told the client's address (audit origins, per-address rate limits).
fn connection_service(
    router: Router,
    remote: SocketAddr,
) -> impl Fn(
    hyper::Request<hyper::body::Incoming>,
) -> tower::util::Oneshot<Router, hyper::Request<axum::body::Body>>
+ Clone {
    move |req: hyper::Request<hyper::body::Incoming>| {
        use tower::ServiceExt as _;
        let mut req = req.map(axum::body::Body::new);
        req.extensions_mut().insert(ConnectInfo(remote));
        router.clone().oneshot(req)
    }
}

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_owned())
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "kluis".to_owned())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM (service managers, containers).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}
