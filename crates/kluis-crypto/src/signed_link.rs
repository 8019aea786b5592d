//! Signed, expiring links: a small payload (a relation's id and a purpose, say) carried in a URL that only this
//! installation can have made, so a public page (the preferences page of issue 15) can trust it without a login
//! and without a stored token.
//!
//! A link is `base64url(format ‖ key version ‖ expiry ‖ payload) . base64url(tag)`, the tag an HMAC-SHA256
//! (truncated to 128 bits) under a key derived from the current master key, over the organisation id, the link's
//! purpose and those bytes. Binding the organisation and the purpose means a link made for one organisation or
//! one page is refused by every other. Links rotate with the master keys: a link signed under a key the ring no
//! longer holds is refused. The payload is signed, not encrypted: put no personal data in it.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq as _;

use crate::KeyRing;

const LINK_INFO: &[u8] = b"kluis signed link v1";
const LINK_FORMAT: u8 = 1;
const TAG_BYTES: usize = 16;
/// The most a payload may carry: links travel in URLs and mails.
pub const MAX_LINK_PAYLOAD: usize = 256;
/// Longer than any link [`KeyRing::sign_link`] makes: anything longer is refused before decoding.
const MAX_LINK_LEN: usize = 2 * (1 + 4 + 8 + MAX_LINK_PAYLOAD + TAG_BYTES) + 8;

/// Why a link was refused. Forged and expired are told apart only after the tag checked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("the link is incomplete or not a link of this installation")]
    Malformed,
    #[error("the link was not made by this installation for this page")]
    Forged,
    #[error("the link has expired")]
    Expired,
}

impl KeyRing {
    /// A link for `purpose` in organisation `org_id` carrying `payload`, valid until `expires_at` (Unix seconds).
    /// `None` when the payload is longer than [`MAX_LINK_PAYLOAD`].
    pub fn sign_link(
        &self,
        org_id: &str,
        purpose: &str,
        payload: &[u8],
        expires_at: i64,
    ) -> Option<String> {
        if payload.len() > MAX_LINK_PAYLOAD {
            return None;
        }
        let version = self.current_version();
        let key = self.derived_key(version, LINK_INFO)?;
        let mut body = Vec::with_capacity(13 + payload.len());
        body.push(LINK_FORMAT);
        body.extend_from_slice(&version.to_be_bytes());
        body.extend_from_slice(&expires_at.to_be_bytes());
        body.extend_from_slice(payload);
        let tag = link_tag(&key, org_id, purpose, &body);
        Some(format!("{}.{}", B64.encode(&body), B64.encode(tag)))
    }

    /// The payload of `link` if this installation signed it for `purpose` in `org_id` and it has not expired at
    /// `now` (Unix seconds).
    pub fn verify_link(
        &self,
        org_id: &str,
        purpose: &str,
        link: &str,
        now: i64,
    ) -> Result<Vec<u8>, LinkError> {
        if link.len() > MAX_LINK_LEN {
            return Err(LinkError::Malformed);
        }
        let (body, tag) = link.split_once('.').ok_or(LinkError::Malformed)?;
        let body = B64.decode(body).map_err(|_| LinkError::Malformed)?;
        let tag = B64.decode(tag).map_err(|_| LinkError::Malformed)?;
        let (format, rest) = body.split_first().ok_or(LinkError::Malformed)?;
        if *format != LINK_FORMAT || rest.len() < 12 || tag.len() != TAG_BYTES {
            return Err(LinkError::Malformed);
        }
        let (version, rest) = rest.split_at(4);
        let (expires, payload) = rest.split_at(8);
        let version = u32::from_be_bytes(version.try_into().map_err(|_| LinkError::Malformed)?);
        let expires = i64::from_be_bytes(expires.try_into().map_err(|_| LinkError::Malformed)?);
        // A retired key version: the link cannot be checked, so it is not trusted.
        let key = self
            .derived_key(version, LINK_INFO)
            .ok_or(LinkError::Forged)?;
        let expected = link_tag(&key, org_id, purpose, &body);
        if !bool::from(expected.ct_eq(tag.as_slice())) {
            return Err(LinkError::Forged);
        }
        if now >= expires {
            return Err(LinkError::Expired);
        }
        Ok(payload.to_vec())
    }
}

fn link_tag(key: &[u8; 32], org_id: &str, purpose: &str, body: &[u8]) -> [u8; TAG_BYTES] {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    for part in [org_id.as_bytes(), purpose.as_bytes(), body] {
        mac.update(&(part.len() as u64).to_be_bytes());
        mac.update(part);
    }
    let full = mac.finalize().into_bytes();
    let mut tag = [0u8; TAG_BYTES];
    tag.copy_from_slice(&full[..TAG_BYTES]);
    tag
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    #[test]
    fn a_link_carries_its_payload_until_it_expires() {
        let ring = KeyRing::ephemeral();
        let link = ring
            .sign_link("org-a", "preferences", b"relation-1", NOW + 60)
            .expect("link");
        assert!(link.len() < 120, "{link}");
        assert!(
            !link.contains(['/', '+', '=', '?', '&']),
            "URL-safe: {link}"
        );
        assert_eq!(
            ring.verify_link("org-a", "preferences", &link, NOW),
            Ok(b"relation-1".to_vec())
        );
        assert_eq!(
            ring.verify_link("org-a", "preferences", &link, NOW + 59),
            Ok(b"relation-1".to_vec())
        );
        assert_eq!(
            ring.verify_link("org-a", "preferences", &link, NOW + 60),
            Err(LinkError::Expired)
        );
    }

    #[test]
    fn a_link_is_refused_by_another_organisation_page_or_installation() {
        let ring = KeyRing::ephemeral();
        let link = ring
            .sign_link("org-a", "preferences", b"relation-1", NOW + 60)
            .expect("link");
        assert_eq!(
            ring.verify_link("org-b", "preferences", &link, NOW),
            Err(LinkError::Forged)
        );
        assert_eq!(
            ring.verify_link("org-a", "request", &link, NOW),
            Err(LinkError::Forged)
        );
        assert_eq!(
            KeyRing::ephemeral().verify_link("org-a", "preferences", &link, NOW),
            Err(LinkError::Forged)
        );
    }

    #[test]
    fn an_altered_payload_expiry_or_tag_is_forged_and_garbage_is_malformed() {
        let ring = KeyRing::ephemeral();
        let link = ring
            .sign_link("org-a", "preferences", b"relation-1", NOW + 60)
            .expect("link");
        let (body, tag) = link.split_once('.').expect("two parts");
        let mut bytes = B64.decode(body).expect("base64");
        // A later expiry, or another relation: the tag no longer fits.
        for at in [12, bytes.len() - 1] {
            bytes[at] ^= 1;
            let altered = format!("{}.{tag}", B64.encode(&bytes));
            assert_eq!(
                ring.verify_link("org-a", "preferences", &altered, NOW),
                Err(LinkError::Forged),
                "byte {at}"
            );
            bytes[at] ^= 1;
        }
        let mut t = B64.decode(tag).expect("base64");
        t[0] ^= 0x80;
        let altered = format!("{body}.{}", B64.encode(&t));
        assert_eq!(
            ring.verify_link("org-a", "preferences", &altered, NOW),
            Err(LinkError::Forged)
        );
        for garbage in [
            "",
            ".",
            "abc",
            "a.b",
            "!!!.###",
            &"A".repeat(5000),
            body,
            &format!("{}.{tag}", B64.encode([9u8; 20])),
            &format!("{}.{tag}", B64.encode([1u8; 3])),
        ] {
            assert_eq!(
                ring.verify_link("org-a", "preferences", garbage, NOW),
                Err(LinkError::Malformed),
                "{garbage:.40}"
            );
        }
    }

    #[test]
    fn a_payload_too_long_for_a_url_is_not_signed() {
        let ring = KeyRing::ephemeral();
        assert!(
            ring.sign_link("o", "p", &[0; MAX_LINK_PAYLOAD], NOW)
                .is_some()
        );
        assert!(
            ring.sign_link("o", "p", &[0; MAX_LINK_PAYLOAD + 1], NOW)
                .is_none()
        );
    }
}
