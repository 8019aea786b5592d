//! The tamper-evident audit chain: how an event is hashed and linked to the one before it.
//!
//! Each event's hash covers its own canonical fields and the previous event's hash, so changing, removing or
//! reordering any stored event breaks every link after it. Events never carry personal values, only the names
//! of fields that changed.

use sha2::{Digest, Sha256};

/// The hash that the first event of an organisation's chain links to.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields of an audit event that the chain protects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord<'a> {
    /// Position in the organisation's chain, starting at 1.
    pub seq: i64,
    pub org_id: &'a str,
    /// Unix time in milliseconds.
    pub at_ms: i64,
    /// The acting user's id, or a system actor such as `system:jobs` or `cli`.
    pub actor: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    /// Names of changed fields, never their values.
    pub fields: &'a [String],
    /// Where the action came from (IP address, `cli`), never a personal value beyond that.
    pub origin: &'a str,
}

/// Hash of `record` linked to `prev_hash`, as lowercase hex.
///
/// Fields are length-prefixed so that no two different records share a byte encoding.
pub fn chain_hash(prev_hash: &str, record: &AuditRecord<'_>) -> String {
    let mut h = Sha256::new();
    let mut put = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    };
    put(b"kluis-audit-v1");
    put(prev_hash.as_bytes());
    put(&record.seq.to_be_bytes());
    put(record.org_id.as_bytes());
    put(&record.at_ms.to_be_bytes());
    put(record.actor.as_bytes());
    put(record.action.as_bytes());
    put(record.entity.as_bytes());
    put(record.entity_id.as_bytes());
    put(&(record.fields.len() as u64).to_be_bytes());
    for f in record.fields {
        put(f.as_bytes());
    }
    put(record.origin.as_bytes());
    hex::encode(h.finalize())
}

/// A stored event as read back for verification.
#[derive(Debug, Clone)]
pub struct StoredAuditEvent {
    pub seq: i64,
    pub org_id: String,
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub fields: Vec<String>,
    pub origin: String,
    pub prev_hash: String,
    pub hash: String,
}

impl StoredAuditEvent {
    pub fn record(&self) -> AuditRecord<'_> {
        AuditRecord {
            seq: self.seq,
            org_id: &self.org_id,
            at_ms: self.at_ms,
            actor: &self.actor,
            action: &self.action,
            entity: &self.entity,
            entity_id: &self.entity_id,
            fields: &self.fields,
            origin: &self.origin,
        }
    }
}

/// Where and why a chain stopped verifying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub seq: i64,
    pub reason: BreakReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakReason {
    /// The event's content no longer matches its stored hash: it was altered.
    ContentAltered,
    /// The event does not link to the previous event's hash: an event before it was removed or replaced.
    LinkBroken,
    /// Sequence numbers skip or repeat: an event was removed or inserted.
    SequenceGap,
}

/// Verifies a chain read in sequence order. Feed events one by one; the first broken link is kept.
#[derive(Debug)]
pub struct ChainVerifier {
    prev_hash: String,
    next_seq: i64,
    checked: u64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            prev_hash: GENESIS_HASH.to_owned(),
            next_seq: 1,
            checked: 0,
        }
    }
}

impl ChainVerifier {
    pub fn check(&mut self, event: &StoredAuditEvent) -> Result<(), BrokenLink> {
        let broken = |reason| BrokenLink {
            seq: event.seq,
            reason,
        };
        if event.seq != self.next_seq {
            return Err(broken(BreakReason::SequenceGap));
        }
        if event.prev_hash != self.prev_hash {
            return Err(broken(BreakReason::LinkBroken));
        }
        if chain_hash(&event.prev_hash, &event.record()) != event.hash {
            return Err(broken(BreakReason::ContentAltered));
        }
        self.prev_hash.clone_from(&event.hash);
        self.next_seq += 1;
        self.checked += 1;
        Ok(())
    }

    /// Number of events verified so far.
    pub fn checked(&self) -> u64 {
        self.checked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(seq: i64, prev: &str, action: &str) -> StoredAuditEvent {
        let mut e = StoredAuditEvent {
            seq,
            org_id: "org".into(),
            at_ms: 1_700_000_000_000 + seq,
            actor: "u1".into(),
            action: action.into(),
            entity: "user".into(),
            entity_id: "u2".into(),
            fields: vec!["email".into()],
            origin: "127.0.0.1".into(),
            prev_hash: prev.into(),
            hash: String::new(),
        };
        e.hash = chain_hash(prev, &e.record());
        e
    }

    #[test]
    fn verifier_accepts_a_chain_and_names_the_first_altered_event() {
        let a = event(1, GENESIS_HASH, "create");
        let b = event(2, &a.hash, "update");
        let mut c = event(3, &b.hash, "delete");
        let mut v = ChainVerifier::default();
        for e in [&a, &b, &c] {
            v.check(e).unwrap();
        }
        assert_eq!(v.checked(), 3);

        c.action = "read".into();
        let mut v = ChainVerifier::default();
        v.check(&a).unwrap();
        v.check(&b).unwrap();
        assert_eq!(
            v.check(&c),
            Err(BrokenLink {
                seq: 3,
                reason: BreakReason::ContentAltered
            })
        );

        let mut v = ChainVerifier::default();
        v.check(&a).unwrap();
        assert_eq!(v.check(&c).unwrap_err().reason, BreakReason::SequenceGap);
    }
}
