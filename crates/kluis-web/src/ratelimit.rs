//! The API rate limit: an in-process token bucket per API token (per client IP without one), so per instance.

use crate::Web;
use crate::api::Problem;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::Instant;

/// How many API requests one token (or one IP without a token) may make: `per_minute` on average, with bursts of
/// up to `burst` at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiRateLimit {
    pub per_minute: u32,
    pub burst: u32,
}

impl Default for ApiRateLimit {
    fn default() -> Self {
        ApiRateLimit {
            per_minute: 600,
            burst: 100,
        }
    }
}

/// Buckets are dropped once full again, and the map is swept when it grows past this size.
const SWEEP_AT: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    /// A keyed hash of the token: the map never holds a token.
    Token(u64),
    Ip(std::net::IpAddr),
    UnknownIp,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

pub(crate) struct Limiter {
    per_sec: f64,
    burst: f64,
    hasher: std::collections::hash_map::RandomState,
    buckets: Mutex<HashMap<Key, Bucket>>,
}

impl Limiter {
    pub(crate) fn new(limit: ApiRateLimit) -> Limiter {
        Limiter {
            per_sec: f64::from(limit.per_minute.max(1)) / 60.0,
            burst: f64::from(limit.burst.max(1)),
            hasher: std::collections::hash_map::RandomState::new(),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from `key`'s bucket, or says in how many seconds the next one is allowed.
    fn take(&self, key: Key, now: Instant) -> Result<(), u64> {
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() >= SWEEP_AT {
            let (per_sec, burst) = (self.per_sec, self.burst);
            buckets
                .retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * per_sec < burst);
        }
        let b = buckets.entry(key).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        b.tokens =
            (b.tokens + now.duration_since(b.at).as_secs_f64() * self.per_sec).min(self.burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            let wait = ((1.0 - b.tokens) / self.per_sec).ceil();
            // Whole seconds, at least one; the cast cannot overflow for any sensible limit.
            Err((wait as u64).max(1))
        }
    }
}

/// Middleware on every request: `/api/` requests over their limit get a 429 problem with `Retry-After`.
pub(crate) async fn limit_api(
    State(web): State<Web>,
    req: Request,
    next: axum::middleware::Next,
) -> Response {
    let Some(limiter) = web.limiter.as_deref() else {
        return next.run(req).await;
    };
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let key = match crate::api::bearer_of(req.headers()) {
        Some(token) => Key::Token(limiter.hasher.hash_one(token)),
        None => req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(Key::UnknownIp, |c| Key::Ip(c.0.ip())),
    };
    match limiter.take(key, Instant::now()) {
        Ok(()) => next.run(req).await,
        Err(secs) => {
            tracing::info!(retry_after = secs, "API rate limit reached");
            Problem::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate-limited",
                "Too many requests",
                format!("Too many requests. Try again in {secs} seconds."),
            )
            .args(&[("seconds", &secs.to_string())])
            .retry_after(secs)
            .into_response()
        }
    }
}
