//! `kluis serve`: open the app, bind, announce the URL, run the job runner, stop cleanly on SIGINT/SIGTERM.

use crate::cli::ServeArgs;
use crate::commands::Failure;
use crate::config::Settings;
use kluis_app::{App, AppConfig};
use kluis_web::{ApiRateLimit, WebOptions};
use std::io::Write;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

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

    let served = axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await;
    // Let a job in progress finish, then close the pool so SQLite checkpoints its WAL.
    stop.cancel();
    let _ = jobs.await;
    app.close().await;
    tracing::info!("stopped");
    served.map_err(|e| Failure(format!("the web server stopped with an error: {e}")))
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
