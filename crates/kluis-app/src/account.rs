//! A user's own account: password, language, two-factor authentication.

use kluis_domain::AuditAction;
use kluis_store::now_ms;

use crate::audit::{append_for_user, event};
use crate::auth::totp_aad;
use crate::{
    App, AppError, Locale, Origin, TotpEnrollment, UserId, UserSummary, hash_password, retry,
    validate_password_field, verify_password,
};

impl App {
    /// The user's own account.
    pub async fn user(&self, user_id: &UserId) -> Result<UserSummary, AppError> {
        let u = self
            .db()
            .user(user_id.as_str())
            .await?
            .ok_or(AppError::NotFound)?;
        self.user_summary(&u)
    }

    /// Changes the user's password after checking the current one (at least 12 characters). Ends all of the
    /// user's sessions; use [`App::change_password_in_session`] to keep the one making the change.
    pub async fn change_password(
        &self,
        user_id: &UserId,
        current: &str,
        new: &str,
        origin: &Origin,
    ) -> Result<(), AppError> {
        self.change_password_keeping(user_id, current, new, None, origin)
            .await
    }

    /// Like [`App::change_password`] for the user of `session_token`, keeping that session and ending the
    /// user's other sessions.
    pub async fn change_password_in_session(
        &self,
        session_token: &str,
        current: &str,
        new: &str,
        origin: &Origin,
    ) -> Result<(), AppError> {
        let digest = kluis_crypto::token_digest(session_token);
        let s = self
            .db()
            .session(&digest)
            .await?
            .filter(|s| s.expires_at > now_ms())
            .ok_or(AppError::Unauthenticated)?;
        self.change_password_keeping(&UserId(s.user_id), current, new, Some(&digest), origin)
            .await
    }

    async fn change_password_keeping(
        &self,
        user_id: &UserId,
        current: &str,
        new: &str,
        keep_session: Option<&str>,
        origin: &Origin,
    ) -> Result<(), AppError> {
        let u = self
            .db()
            .user(user_id.as_str())
            .await?
            .ok_or(AppError::NotFound)?;
        if !verify_password(current, Some(&u.password_hash)).await? {
            return Err(AppError::invalid(
                "current_password",
                "the current password is not correct",
            ));
        }
        let new = validate_password_field("new_password", new)?;
        let hash = hash_password(&new).await?;
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.set_password_hash(user_id.as_str(), &hash).await?;
            tx.delete_user_sessions(user_id.as_str(), keep_session)
                .await?;
            let ev = event(
                user_id.as_str(),
                AuditAction::UserPassword,
                "user",
                user_id.as_str(),
                &["password"],
                origin,
            );
            append_for_user(&mut tx, user_id.as_str(), &ev).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Sets the user's interface language.
    pub async fn set_locale(&self, user_id: &UserId, locale: Locale) -> Result<(), AppError> {
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.set_locale(user_id.as_str(), locale.as_str()).await?;
            let ev = event(
                user_id.as_str(),
                AuditAction::UserLocale,
                "user",
                user_id.as_str(),
                &["locale"],
                &Origin::new("-", None),
            );
            append_for_user(&mut tx, user_id.as_str(), &ev).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Starts TOTP enrolment: a new secret to show (QR code of `uri`). Nothing is stored until
    /// [`App::totp_confirm`] proves the authenticator app has it.
    pub async fn totp_begin(&self, user_id: &UserId) -> Result<TotpEnrollment, AppError> {
        let u = self.user(user_id).await?;
        let secret = kluis_crypto::totp_secret();
        let uri = kluis_crypto::totp_uri(&secret, "Kluis", &u.email);
        Ok(TotpEnrollment { secret, uri })
    }

    /// Enables TOTP with `secret` (from [`App::totp_begin`]) once `code` matches it.
    pub async fn totp_confirm(
        &self,
        user_id: &UserId,
        secret: &str,
        code: &str,
    ) -> Result<(), AppError> {
        let unix = u64::try_from(now_ms() / 1000).unwrap_or(0);
        if !kluis_crypto::totp_verify(secret, code.trim(), unix) {
            return Err(AppError::invalid(
                "code",
                "the code does not match; check the time on your phone",
            ));
        }
        let secret_enc = self.keys().encrypt(secret.as_bytes(), &totp_aad());
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.set_totp(user_id.as_str(), Some(secret_enc.clone()), true)
                .await?;
            let ev = event(
                user_id.as_str(),
                AuditAction::UserTotpEnable,
                "user",
                user_id.as_str(),
                &["totp_secret", "totp_enabled"],
                &Origin::new("-", None),
            );
            append_for_user(&mut tx, user_id.as_str(), &ev).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Turns TOTP off after checking the password.
    pub async fn totp_disable(&self, user_id: &UserId, password: &str) -> Result<(), AppError> {
        let u = self
            .db()
            .user(user_id.as_str())
            .await?
            .ok_or(AppError::NotFound)?;
        if !verify_password(password, Some(&u.password_hash)).await? {
            return Err(AppError::invalid("password", "the password is not correct"));
        }
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.set_totp(user_id.as_str(), None, false).await?;
            let ev = event(
                user_id.as_str(),
                AuditAction::UserTotpDisable,
                "user",
                user_id.as_str(),
                &["totp_secret", "totp_enabled"],
                &Origin::new("-", None),
            );
            append_for_user(&mut tx, user_id.as_str(), &ev).await?;
            tx.commit().await?;
            Ok(())
        })
    }
}
