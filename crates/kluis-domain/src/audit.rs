//! The tamper-evident audit chain: how an event is hashed and linked to the one before it.
//!
//! Each event's hash covers its own canonical fields and the previous event's hash, so changing, removing or
//! reordering any stored event breaks every link after it. Events never carry personal values, only the names
//! of fields that changed.
//!
//! Two hash versions exist. `kluis-audit-v1` was plain SHA-256: anyone who could write to the database could
//! edit an event and re-hash the chain from there, so it only ever caught accidents. `kluis-audit-v2` is an
//! HMAC-SHA256 under an [`AuditKey`] that lives in the key file, outside the database. Verification accepts only
//! v2; chains written as v1 are re-keyed once at the upgrade (see `kluis_app`'s `rekey_legacy_audit`), which is
//! why [`legacy_chain_hash`] is still here. Cutting events off the end, or wiping the chain and its head
//! together, leaves a shorter chain that still links: only a [`Checkpoint`] kept outside the installation
//! notices that.

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Secret key of the audit chain (or of its checkpoints), derived from the key file. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct AuditKey([u8; 32]);

impl AuditKey {
    pub fn from_bytes(bytes: [u8; 32]) -> AuditKey {
        AuditKey(bytes)
    }

    fn mac(&self) -> Hmac<Sha256> {
        // HMAC accepts keys of any length, so this cannot fail.
        <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes any key length")
    }
}

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditKey(..)")
    }
}

impl Drop for AuditKey {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

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

/// Feeds the canonical, length-prefixed encoding of `record` linked to `prev_hash` under `label`, so that no two
/// different records share a byte encoding.
fn encode(label: &[u8], prev_hash: &str, record: &AuditRecord<'_>, mut sink: impl FnMut(&[u8])) {
    let mut put = |bytes: &[u8]| {
        sink(&(bytes.len() as u64).to_be_bytes());
        sink(bytes);
    };
    put(label);
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
}

/// The keyed (`kluis-audit-v2`) hash of `record` linked to `prev_hash`, as lowercase hex: HMAC-SHA256 under the
/// installation's chain key, so that nobody without the key file can make a hash that verifies.
pub fn chain_hash(key: &AuditKey, prev_hash: &str, record: &AuditRecord<'_>) -> String {
    let mut mac = key.mac();
    encode(b"kluis-audit-v2", prev_hash, record, |b| mac.update(b));
    hex::encode(mac.finalize().into_bytes())
}

/// The unkeyed `kluis-audit-v1` hash (plain SHA-256) of chains written before the chain was keyed. Only the
/// one-time re-keying of such chains uses it; verification never accepts it.
pub fn legacy_chain_hash(prev_hash: &str, record: &AuditRecord<'_>) -> String {
    let mut h = Sha256::new();
    encode(b"kluis-audit-v1", prev_hash, record, |b| h.update(b));
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
    /// The chain no longer holds the event a signed checkpoint recorded: events were cut off the end, or the
    /// chain was wiped or rewritten, after the checkpoint was taken.
    CheckpointMismatch,
}

/// Which hash a [`ChainVerifier`] expects.
#[derive(Debug, Clone)]
enum Hashing {
    Keyed(AuditKey),
    Legacy,
}

/// Verifies a chain read in sequence order. Feed events one by one; the first broken link is kept.
#[derive(Debug)]
pub struct ChainVerifier {
    hashing: Hashing,
    prev_hash: String,
    next_seq: i64,
    checked: u64,
}

impl ChainVerifier {
    /// A verifier of keyed (v2) chains: the only kind verification accepts.
    pub fn new(key: AuditKey) -> ChainVerifier {
        ChainVerifier {
            hashing: Hashing::Keyed(key),
            prev_hash: GENESIS_HASH.to_owned(),
            next_seq: 1,
            checked: 0,
        }
    }

    /// A verifier of unkeyed v1 chains, for the one-time re-keying only.
    pub fn legacy() -> ChainVerifier {
        ChainVerifier {
            hashing: Hashing::Legacy,
            ..ChainVerifier::new(AuditKey([0; 32]))
        }
    }

    /// The hash `record` must carry when linked to `prev_hash` under this verifier's hashing.
    pub fn hash(&self, prev_hash: &str, record: &AuditRecord<'_>) -> String {
        match &self.hashing {
            Hashing::Keyed(key) => chain_hash(key, prev_hash, record),
            Hashing::Legacy => legacy_chain_hash(prev_hash, record),
        }
    }

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
        if self.hash(&event.prev_hash, &event.record()) != event.hash {
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

/// A signed statement "the chain of organisation `org_id` had event `seq` with hash `head_hash` at `at_ms`",
/// exported so that it can be kept outside the installation. A later chain that no longer holds that event
/// with that hash was cut or rewritten. Signed with HMAC-SHA256 under the checkpoint key (derived from the key
/// file, apart from the chain key), so only this installation can make or check one: a forged database cannot
/// come with a forged checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Always [`Checkpoint::FORMAT`].
    pub format: String,
    pub org_id: String,
    pub seq: i64,
    pub head_hash: String,
    /// Unix time in milliseconds when the checkpoint was taken.
    pub at_ms: i64,
    /// Hex HMAC over the fields above.
    pub signature: String,
}

impl Checkpoint {
    pub const FORMAT: &'static str = "kluis-audit-checkpoint-v1";

    fn mac(key: &AuditKey, org_id: &str, seq: i64, head_hash: &str, at_ms: i64) -> Hmac<Sha256> {
        let mut mac = key.mac();
        for part in [
            Self::FORMAT.as_bytes(),
            org_id.as_bytes(),
            &seq.to_be_bytes()[..],
            head_hash.as_bytes(),
            &at_ms.to_be_bytes()[..],
        ] {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part);
        }
        mac
    }

    /// A checkpoint of `(seq, head_hash)` of `org_id`'s chain, signed with `key`.
    pub fn sign(key: &AuditKey, org_id: &str, seq: i64, head_hash: &str, at_ms: i64) -> Checkpoint {
        let signature = hex::encode(
            Self::mac(key, org_id, seq, head_hash, at_ms)
                .finalize()
                .into_bytes(),
        );
        Checkpoint {
            format: Self::FORMAT.to_owned(),
            org_id: org_id.to_owned(),
            seq,
            head_hash: head_hash.to_owned(),
            at_ms,
            signature,
        }
    }

    /// Whether the signature was made with `key` over exactly these fields (compared in constant time).
    pub fn signature_valid(&self, key: &AuditKey) -> bool {
        let Ok(sig) = hex::decode(&self.signature) else {
            return false;
        };
        self.format == Self::FORMAT
            && Self::mac(key, &self.org_id, self.seq, &self.head_hash, self.at_ms)
                .verify_slice(&sig)
                .is_ok()
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
        e.hash = chain_hash(&key(), prev, &e.record());
        e
    }

    fn key() -> AuditKey {
        AuditKey::from_bytes([7; 32])
    }

    #[test]
    fn verifier_accepts_a_chain_and_names_the_first_altered_event() {
        let a = event(1, GENESIS_HASH, "create");
        let b = event(2, &a.hash, "update");
        let mut c = event(3, &b.hash, "delete");
        let mut v = ChainVerifier::new(key());
        for e in [&a, &b, &c] {
            v.check(e).unwrap();
        }
        assert_eq!(v.checked(), 3);

        c.action = "read".into();
        let mut v = ChainVerifier::new(key());
        v.check(&a).unwrap();
        v.check(&b).unwrap();
        assert_eq!(
            v.check(&c),
            Err(BrokenLink {
                seq: 3,
                reason: BreakReason::ContentAltered
            })
        );

        let mut v = ChainVerifier::new(key());
        v.check(&a).unwrap();
        assert_eq!(v.check(&c).unwrap_err().reason, BreakReason::SequenceGap);
    }

    #[test]
    fn an_event_rehashed_without_the_key_does_not_verify() {
        let a = event(1, GENESIS_HASH, "create");
        let mut b = event(2, &a.hash, "update");
        b.action = "read".into();
        b.hash = legacy_chain_hash(&b.prev_hash, &b.record());
        let mut v = ChainVerifier::new(key());
        v.check(&a).unwrap();
        assert_eq!(v.check(&b).unwrap_err().reason, BreakReason::ContentAltered);
        // Another key is no better than none.
        b.hash = chain_hash(&AuditKey::from_bytes([8; 32]), &b.prev_hash, &b.record());
        assert!(v.check(&b).is_err());
        // The legacy verifier is what the re-keying uses, and it does accept plain SHA-256 chains.
        let mut legacy = ChainVerifier::legacy();
        let mut c = a.clone();
        c.hash = legacy_chain_hash(GENESIS_HASH, &c.record());
        legacy.check(&c).unwrap();
    }

    #[test]
    fn a_checkpoint_signature_covers_every_field_and_needs_the_key() {
        let cp = Checkpoint::sign(&key(), "org", 5, "ab", 1_700_000_000_000);
        assert!(cp.signature_valid(&key()));
        assert!(!cp.signature_valid(&AuditKey::from_bytes([8; 32])));
        for tampered in [
            Checkpoint {
                seq: 4,
                ..cp.clone()
            },
            Checkpoint {
                org_id: "other".into(),
                ..cp.clone()
            },
            Checkpoint {
                head_hash: "cd".into(),
                ..cp.clone()
            },
            Checkpoint {
                at_ms: 1,
                ..cp.clone()
            },
            Checkpoint {
                signature: "zz".into(),
                ..cp.clone()
            },
        ] {
            assert!(!tampered.signature_valid(&key()));
        }
    }
}
