//! The API rate limit: an in-process token bucket per API token (per client IP without one, and per IP for
//! refused tokens), so per instance. The public pages without login (`/p/…`) are counted per client IP too.

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

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Bucket>> {
        self.buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Seconds until `key` may make a request again, without taking one; `None` if it may now.
    fn wait_for(&self, key: Key, now: Instant) -> Option<u64> {
        let buckets = self.lock();
        let b = buckets.get(&key)?;
        let tokens =
            (b.tokens + now.duration_since(b.at).as_secs_f64() * self.per_sec).min(self.burst);
        (tokens < 1.0).then(|| self.seconds_until_one(tokens))
    }

    fn seconds_until_one(&self, tokens: f64) -> u64 {
        let wait = ((1.0 - tokens) / self.per_sec).ceil();
        // Whole seconds, at least one; the cast cannot overflow for any sensible limit.
        (wait as u64).max(1)
    }

    fn knows(&self, key: Key) -> bool {
        self.lock().contains_key(&key)
    }

    fn forget(&self, key: Key) {
        self.lock().remove(&key);
    }

    /// Takes one request from `key`'s bucket, or says in how many seconds the next one is allowed.
    fn take(&self, key: Key, now: Instant) -> Result<(), u64> {
        let mut buckets = self.lock();
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
            let tokens = b.tokens;
            Err(self.seconds_until_one(tokens))
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
    // The public pages (`/p/…`, no login) count per address like the API without a token.
    let path = req.uri().path();
    if !path.starts_with("/api/") && !path.starts_with("/p/") {
        return next.run(req).await;
    }
    let ip = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(Key::UnknownIp, |c| Key::Ip(c.0.ip()));
    let token =
        crate::api::bearer_of(req.headers()).map(|t| Key::Token(limiter.hasher.hash_one(t)));
    let now = Instant::now();
    // A token never seen before is charged to its address first: otherwise a client could make up a new token
    // for every request and never meet a limit. Tokens already in use keep their own buckets.
    let checked = match token {
        Some(key) if !limiter.knows(key) => match limiter.wait_for(ip, now) {
            Some(secs) => Err(secs),
            None => limiter.take(key, now),
        },
        Some(key) => limiter.take(key, now),
        None => limiter.take(ip, now),
    };
    match checked {
        Ok(()) => {
            let res = next.run(req).await;
            if let Some(key) = token
                && res.status() == StatusCode::UNAUTHORIZED
            {
                // A refused token keeps no bucket (the map only holds tokens that work) and costs its address.
                limiter.forget(key);
                let _ = limiter.take(ip, now);
            }
            res
        }
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
