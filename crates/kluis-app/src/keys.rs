//! Key rotation: a new key version, every encrypted column rewritten under it, the old versions retired.

use kluis_crypto::KeyRing;
use kluis_domain::AuditAction;
use kluis_store::OrgScope;

use crate::audit::{CLI_ACTOR, event};
use crate::auth::{display_name_aad, email_aad, totp_aad};
use crate::{App, AppError, KEY_FINGERPRINT_SETTING, Origin, RotationReport};

impl App {
    /// Adds a new key version to the key file, re-encrypts every encrypted column under it in one transaction
    /// (recording the new key fingerprint in the same transaction), then retires the old versions. If it stops
    /// half-way, running it again finishes the job. Blind indexes use a separate key and stay valid. Back up the
    /// new key file afterwards.
    pub async fn rotate_keys(&self) -> Result<RotationReport, AppError> {
        // Rotation re-encrypts every organisation's data: administration, from the command line only.
        crate::system::require_system(
            kluis_domain::SystemActor::Cli,
            kluis_domain::Permission::ManageUsers,
        )?;
        let path = self.config().effective_key_file();
        let before = KeyRing::open(&path)?.versions();
        let ring = KeyRing::rotate(&path)?;
        self.set_keys(ring.clone());
        let email_aad = email_aad();
        let totp_aad = totp_aad();
        let display_name_aad = display_name_aad();
        let mut reencrypted = 0u64;
        let mut tx = self.db().begin_write().await?;
        // Users are global and few per installation; one pass in one transaction keeps it all-or-nothing.
        for u in self.db().all_users().await? {
            if ring.needs_reencrypt(&u.email_enc) {
                tx.set_email_enc(&u.id, ring.reencrypt(&u.email_enc, &email_aad)?)
                    .await?;
                reencrypted += 1;
            }
            if let Some(name) = u
                .display_name_enc
                .as_ref()
                .filter(|n| ring.needs_reencrypt(n))
            {
                tx.set_display_name_enc(&u.id, ring.reencrypt(name, &display_name_aad)?)
                    .await?;
                reencrypted += 1;
            }
            if let Some(secret) = u
                .totp_secret_enc
                .as_ref()
                .filter(|s| ring.needs_reencrypt(s))
            {
                tx.set_totp(
                    &u.id,
                    Some(ring.reencrypt(secret, &totp_aad)?),
                    u.totp_enabled,
                )
                .await?;
                reencrypted += 1;
            }
        }
        // Documents: stored bytes and finding values (see documents.rs).
        reencrypted += crate::documents::reencrypt_documents(self, &ring, &mut tx).await?;
        tx.set_setting(KEY_FINGERPRINT_SETTING, &ring.fingerprint())
            .await?;
        let origin = Origin::cli();
        for org in self.db().orgs().await? {
            let scope = OrgScope::system(&org);
            reencrypted +=
                crate::invitations::reencrypt_invitations(&ring, &mut tx, &scope).await?;
            reencrypted +=
                crate::relations::reencrypt_relations(self, &ring, &mut tx, &scope).await?;
            reencrypted += crate::requests::reencrypt_requests(&ring, &mut tx, &scope).await?;
            reencrypted += crate::consent::reencrypt_consents(&ring, &mut tx, &scope).await?;
            reencrypted += crate::breaches::reencrypt_breaches(&ring, &mut tx, &scope).await?;
            tx.tenant(&scope)
                .append_audit(&event(
                    CLI_ACTOR,
                    AuditAction::KeysRotate,
                    "key",
                    &ring.fingerprint(),
                    &["key_version"],
                    &origin,
                ))
                .await?;
        }
        tx.commit().await?;
        let ring = KeyRing::retire_old(&path)?;
        self.set_keys(ring.clone());
        tracing::info!(version = ring.current_version(), fingerprint = %ring.fingerprint(), "keys rotated");
        Ok(RotationReport {
            retired_versions: before,
            new_version: ring.current_version(),
            reencrypted,
            key_fingerprint: ring.fingerprint(),
        })
    }
}
