//! Values computed from one organisation's data, kept per instance until that data changes.
//!
//! Every change to an organisation's data appends an audit event in the same transaction, so the audit chain's
//! sequence number is the organisation's revision: a value computed at one revision (and, for values that
//! depend on the date, on one day) still holds while both are the same. A time-to-live bounds what a change
//! that appends no audit event (a scan that failed) can leave unseen. Several `kluis serve` instances each keep
//! their own and see each other's changes through the shared sequence number.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use time::Date;

/// How long a value may serve an unchanged organisation.
const TTL: Duration = Duration::from_secs(60);
/// Organisations kept per cache; beyond it the least recently computed entry goes.
const KEPT: usize = 1024;

/// One kind of value, per organisation.
pub(crate) struct RevisionCache<T> {
    entries: Mutex<HashMap<String, Entry<T>>>,
}

struct Entry<T> {
    revision: i64,
    day: Date,
    at: Instant,
    value: Arc<T>,
}

impl<T> Default for RevisionCache<T> {
    fn default() -> Self {
        RevisionCache {
            entries: Mutex::new(HashMap::new()),
        }
    }
}

impl<T> RevisionCache<T> {
    /// The value computed for `org` at `revision` on `day`, if it is still fresh.
    pub(crate) fn get(&self, org: &str, revision: i64, day: Date) -> Option<Arc<T>> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(org)
            .filter(|e| e.revision == revision && e.day == day && e.at.elapsed() < TTL)
            .map(|e| e.value.clone())
    }

    /// Keeps `value`, computed for `org` at `revision` (read before computing it) on `day`.
    pub(crate) fn put(&self, org: &str, revision: i64, day: Date, value: Arc<T>) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= KEPT && !entries.contains_key(org) {
            let oldest = entries
                .iter()
                .min_by_key(|(_, e)| e.at)
                .map(|(k, _)| k.clone());
            if let Some(k) = oldest {
                entries.remove(&k);
            }
        }
        entries.insert(
            org.to_owned(),
            Entry {
                revision,
                day,
                at: Instant::now(),
                value,
            },
        );
    }
}
