//! A quick reachability check of a network database, so a wrong URL fails in seconds with one clear line.

use crate::commands::Failure;
use crate::config::{Settings, redact_url};
use std::time::Duration;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// For postgres:// URLs, opens (and closes) a TCP connection to the server. Database drivers retry refused
/// connections until their pool timeout (30 s by default), which reads as a hang to someone at a terminal.
pub async fn database_reachable(settings: &Settings) -> Result<(), Failure> {
    let Some(url) = settings.database_url.as_deref() else {
        return Ok(());
    };
    let Some((host, port)) = tcp_target(url) else {
        return Ok(());
    };
    let unreachable = |why: String| {
        Failure(format!(
            "cannot reach the database at {}: {why}",
            redact_url(url)
        ))
    };
    match tokio::time::timeout(
        CONNECT_TIMEOUT,
        tokio::net::TcpStream::connect((host.as_str(), port)),
    )
    .await
    {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(unreachable(e.to_string())),
        Err(_) => Err(unreachable(format!(
            "no answer within {} s",
            CONNECT_TIMEOUT.as_secs()
        ))),
    }
}

/// Host and port of a postgres URL with a TCP host; `None` for anything else (e.g. a Unix socket).
fn tcp_target(url: &str) -> Option<(String, u16)> {
    let rest = url
        .strip_prefix("postgres://")
        .or_else(|| url.strip_prefix("postgresql://"))?;
    if url.contains("host=") {
        return None;
    }
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let hostport = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    // The first host of a multi-host URL is enough for a reachability hint.
    let hostport = hostport.split(',').next()?;
    let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
        let (h, after) = v6.split_once(']')?;
        (h.to_owned(), after.strip_prefix(':'))
    } else {
        match hostport.rsplit_once(':') {
            Some((h, p)) => (h.to_owned(), Some(p)),
            None => (hostport.to_owned(), None),
        }
    };
    if host.is_empty() {
        return None;
    }
    let port = match port {
        Some(p) => p.parse().ok()?,
        None => 5432,
    };
    Some((host, port))
}

#[cfg(test)]
mod tests {
    use super::tcp_target;

    #[test]
    fn finds_host_and_port() {
        assert_eq!(
            tcp_target("postgres://nobody@127.0.0.1:1/x"),
            Some(("127.0.0.1".into(), 1))
        );
        assert_eq!(
            tcp_target("postgresql://u:p@db/kluis"),
            Some(("db".into(), 5432))
        );
        assert_eq!(
            tcp_target("postgres://[::1]:5433/k"),
            Some(("::1".into(), 5433))
        );
        assert_eq!(tcp_target("postgres:///k?host=/run/postgresql"), None);
        assert_eq!(tcp_target("sqlite:///tmp/k.db"), None);
    }
}
