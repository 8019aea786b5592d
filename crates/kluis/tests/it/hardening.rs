//! `kluis serve` under slow clients: half-sent heads and bodies, more connections than it serves at once.

use crate::support::{Browser, Install, Server};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

fn addr_of(server: &Server) -> SocketAddr {
    server
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .expect("server address")
}

/// Reads until the peer closes the connection (or `limit` passes); returns what arrived and how long it took.
fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (String, Duration, bool) {
    let started = Instant::now();
    stream.set_read_timeout(Some(limit)).expect("read timeout");
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let closed = loop {
        match stream.read(&mut buf) {
            Ok(0) => break true,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break true,
            Err(_) => break false,
        }
        if started.elapsed() > limit {
            break false;
        }
    };
    (
        String::from_utf8_lossy(&got).into_owned(),
        started.elapsed(),
        closed,
    )
}

#[test]
fn half_sent_requests_are_cut_off_and_health_keeps_answering() {
    let install = Install::new();
    // Each setting from another layer: the file, a KLUIS_* variable, a flag.
    let config = install.root().join("hardening.toml");
    std::fs::write(&config, "header_timeout_secs = 1\n").expect("config file");
    let server = Server::start(
        install
            .cmd()
            .arg("--config")
            .arg(&config)
            .env("KLUIS_MAX_CONNECTIONS", "100")
            .args(["serve", "--bind", "127.0.0.1:0", "--body-timeout-secs", "1"]),
    );
    let addr = addr_of(&server);

    // One head that never ends: closed after the header timeout.
    let mut slow = TcpStream::connect(addr).expect("connect");
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: kluis\r\nX-Slow: ")
        .expect("partial head");
    let (_, took, closed) = read_until_closed(&mut slow, Duration::from_secs(15));
    assert!(closed, "a half-sent head was still open after {took:?}");
    assert!(
        took >= Duration::from_millis(800) && took < Duration::from_secs(8),
        "closed after {took:?}, expected about 1 s"
    );

    // A body that stops half-way: the request fails after the body timeout instead of waiting for ever.
    let mut stalled = TcpStream::connect(addr).expect("connect");
    stalled
        .write_all(
            b"POST /login HTTP/1.1\r\nHost: kluis\r\nContent-Type: application/x-www-form-urlencoded\r\n\
              Content-Length: 1000\r\n\r\nemail=a",
        )
        .expect("partial body");
    let (answer, took, closed) = read_until_closed(&mut stalled, Duration::from_secs(15));
    assert!(
        closed || answer.starts_with("HTTP/1.1 4"),
        "a stalled body was still waiting after {took:?}: {answer}"
    );
    assert!(took < Duration::from_secs(8), "answered after {took:?}");

    // Three times as many half-sent requests as the server takes connections: the extra ones wait in the
    // backlog instead of using up file descriptors, the timeout clears them, and health checks get through.
    let mut hogs = Vec::new();
    for _ in 0..300 {
        let mut s = TcpStream::connect(addr).expect("connect a slow client");
        let _ = s.write_all(b"GET /healthz HTTP/1.1\r\nHost: kluis\r\n");
        hogs.push(s);
    }
    let started = Instant::now();
    let health = Browser::new().get(&server.at("/healthz"));
    assert_eq!(health.status, 200, "{}", health.body);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "/healthz took {:?} behind 300 half-sent requests",
        started.elapsed()
    );
    drop(hogs);
    let ready = Browser::new().get(&server.at("/readyz"));
    assert_eq!(ready.status, 200, "{}", ready.body);
    assert!(server.stop().success());
}

#[test]
fn the_default_limits_let_health_checks_through_300_half_sent_requests() {
    let install = Install::new();
    let server = install.serve();
    let addr = addr_of(&server);
    let mut hogs = Vec::new();
    for _ in 0..300 {
        let mut s = TcpStream::connect(addr).expect("connect a slow client");
        let _ = s.write_all(b"GET /healthz HTTP/1.1\r\nHost: kluis\r\n");
        hogs.push(s);
    }
    let started = Instant::now();
    let health = Browser::new().get(&server.at("/healthz"));
    assert_eq!(health.status, 200, "{}", health.body);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "/healthz took {:?}",
        started.elapsed()
    );
    drop(hogs);
}
