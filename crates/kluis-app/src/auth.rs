//! First-run set-up, login (throttled, TOTP), sessions and turning a user or API token into an [`Actor`].

use kluis_crypto::KeyRing;
use kluis_domain::AuditAction;
use kluis_domain::Role;
use kluis_domain::identity::{EmailAddress, Password};
use kluis_store::{NewSession, NewUser, OrgScope, PendingLoginRow, UserRow, now_ms};

use crate::audit::{append_for_user, event};
use crate::{
    Actor, App, AppError, GLOBAL_SCOPE, Locale, LoginOutcome, OrgSummary, Origin, SessionInfo,
    SetupInput, UserId, UserSummary, hash_password, retry, validate_email, validate_name,
    validate_password, validate_slug, verify_password,
};

/// Blind-index purpose of users' e-mail addresses.
pub(crate) const EMAIL_INDEX_PURPOSE: &str = "user-email";
/// Only touch `last_seen_at` this often, so that reading a session is not a write on every request.
const SESSION_TOUCH_MS: i64 = 60_000;
/// Wrong TOTP codes after which a pending login is given up (the password must be entered again).
const PENDING_LOGIN_MAX_FAILURES: i64 = 5;
/// Only record API token use this often.
const TOKEN_TOUCH_MS: i64 = 60_000;

pub(crate) fn email_aad() -> Vec<u8> {
    KeyRing::aad(GLOBAL_SCOPE, "users", "email_enc")
}

pub(crate) fn display_name_aad() -> Vec<u8> {
    KeyRing::aad(GLOBAL_SCOPE, "users", "display_name_enc")
}

pub(crate) fn totp_aad() -> Vec<u8> {
    KeyRing::aad(GLOBAL_SCOPE, "users", "totp_secret_enc")
}

fn ms(d: std::time::Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

impl App {
    pub(crate) fn email_index(&self, normalized_email: &str) -> String {
        self.keys()
            .blind_index(GLOBAL_SCOPE, EMAIL_INDEX_PURPOSE, normalized_email)
    }

    /// Decrypts a user row into what pages show.
    pub(crate) fn user_summary(&self, u: &UserRow) -> Result<UserSummary, AppError> {
        let email = self.keys().decrypt(&u.email_enc, &email_aad())?;
        Ok(UserSummary {
            id: UserId(u.id.clone()),
            email: String::from_utf8(email).map_err(AppError::internal)?,
            display_name: self.display_name(u)?,
            locale: u.locale.parse().unwrap_or_default(),
            totp_enabled: u.totp_enabled,
        })
    }

    /// The decrypted display name (or the clear one of a row from before names were encrypted).
    pub(crate) fn display_name(&self, u: &UserRow) -> Result<String, AppError> {
        match &u.display_name_enc {
            Some(enc) => String::from_utf8(self.keys().decrypt(enc, &display_name_aad())?)
                .map_err(AppError::internal),
            None => Ok(u.display_name.clone()),
        }
    }

    /// Encrypts the display names still stored in clear (rows from before names were encrypted), in one
    /// transaction. Run at every start; a no-op once done. Returns how many were encrypted.
    pub(crate) async fn encrypt_clear_display_names(&self) -> Result<u64, AppError> {
        let clear: Vec<UserRow> = self
            .db()
            .all_users()
            .await?
            .into_iter()
            .filter(|u| u.display_name_enc.is_none() || !u.display_name.is_empty())
            .collect();
        if clear.is_empty() {
            return Ok(0);
        }
        let mut tx = self.db().begin_write().await?;
        for u in &clear {
            let name = self.display_name(u)?;
            tx.set_display_name_enc(
                &u.id,
                self.keys().encrypt(name.as_bytes(), &display_name_aad()),
            )
            .await?;
        }
        tx.commit().await?;
        tracing::info!(users = clear.len(), "display names encrypted at rest");
        Ok(clear.len() as u64)
    }

    /// A new user row with the e-mail encrypted and indexed.
    pub(crate) async fn new_user_row(
        &self,
        email: &EmailAddress,
        display_name: &str,
        password: &Password,
        locale: Locale,
    ) -> Result<NewUser, AppError> {
        let keys = self.keys();
        Ok(NewUser {
            id: uuid::Uuid::now_v7().to_string(),
            email_enc: keys.encrypt(email.as_str().as_bytes(), &email_aad()),
            email_index: keys.blind_index(GLOBAL_SCOPE, EMAIL_INDEX_PURPOSE, email.as_str()),
            display_name_enc: keys.encrypt(display_name.as_bytes(), &display_name_aad()),
            password_hash: hash_password(password).await?,
            locale: locale.as_str().to_owned(),
            created_at: now_ms(),
        })
    }

    /// Whether the installation still needs its first organisation and owner (no users yet).
    pub async fn needs_setup(&self) -> Result<bool, AppError> {
        Ok(self.db().user_count().await? == 0)
    }

    /// Creates the first organisation and its owner. Refuses with [`AppError::Conflict`] once any user exists,
    /// also when two set-ups race.
    pub async fn setup(&self, input: SetupInput, origin: &Origin) -> Result<Actor, AppError> {
        let slug = validate_slug(&input.org_slug)?;
        let org_name = validate_name("org_name", &input.org_name)?;
        let email = validate_email(&input.email)?;
        let display_name = validate_name("display_name", &input.display_name)?;
        let password = validate_password(&input.password)?;
        let user = self
            .new_user_row(&email, &display_name, &password, input.locale)
            .await?;
        let (org, scope) = retry!({
            let mut tx = self.db().begin_write().await?;
            // The setting is a once-only latch: a concurrent set-up blocks on it (PostgreSQL) or queues behind
            // this writer (SQLite), then sees it taken.
            if !tx.claim_setting("setup_done", "1").await? || tx.user_count().await? > 0 {
                return Err(AppError::Conflict("Kluis is already set up".into()));
            }
            let now = now_ms();
            let (org, scope) = tx
                .insert_org(
                    &uuid::Uuid::now_v7().to_string(),
                    slug.as_str(),
                    &org_name,
                    now,
                )
                .await?;
            tx.insert_user(&user).await?;
            let mut t = tx.tenant(&scope);
            t.insert_membership(&user.id, Role::Owner, now).await?;
            // One event for one change: setting up creates the organisation with its owner's account and
            // membership.
            t.append_audit(&event(
                &user.id,
                AuditAction::OrgCreate,
                "org",
                &org.id,
                &[
                    "slug",
                    "name",
                    "owner.email",
                    "owner.display_name",
                    "owner.password",
                    "owner.locale",
                ],
                origin,
            ))
            .await?;
            tx.commit().await?;
            Ok((org, scope))
        })?;
        tracing::info!(org = %org.slug, "installation set up");
        Ok(Actor::new(
            UserId(user.id),
            org.into(),
            Role::Owner,
            scope,
            origin.clone(),
        ))
    }

    fn throttle_keys(&self, email_index: &str, origin: &Origin) -> (String, String) {
        // The IP is personal data too: keep only a keyed index of it.
        let ip = self
            .keys()
            .blind_index(GLOBAL_SCOPE, "login-ip", &origin.ip);
        (format!("email:{email_index}"), format!("ip:{ip}"))
    }

    async fn check_throttle(&self, key: &str, max: u32, now: i64) -> Result<(), AppError> {
        let window = ms(self.config().login_window);
        let (count, oldest) = self.db().login_failures_since(key, now - window).await?;
        if count >= i64::from(max.max(1)) {
            let retry_ms = oldest.map_or(window, |o| o + window - now).max(1000);
            return Err(AppError::Throttled {
                retry_after_secs: u64::try_from(retry_ms / 1000).unwrap_or(1),
            });
        }
        Ok(())
    }

    /// How many more failed logins for `email` from `origin` are allowed before logins are refused for a while
    /// (the smaller of the per-address and per-IP allowance), to warn before the lock. Counted per address
    /// whether or not an account has it, so the answer says nothing about accounts.
    pub async fn login_attempts_left(&self, email: &str, origin: &Origin) -> Result<u32, AppError> {
        let normalized = EmailAddress::parse(email)
            .map(EmailAddress::into_string)
            .unwrap_or_else(|_| crate::normalize_email(email));
        let (email_key, ip_key) = self.throttle_keys(&self.email_index(&normalized), origin);
        let since = now_ms() - ms(self.config().login_window);
        let mut left = u32::MAX;
        for (key, max) in [
            (&email_key, self.config().login_max_failures),
            (&ip_key, self.config().login_max_failures_per_ip),
        ] {
            let (count, _) = self.db().login_failures_since(key, since).await?;
            let used = u32::try_from(count.max(0)).unwrap_or(u32::MAX);
            left = left.min(max.max(1).saturating_sub(used));
        }
        Ok(left)
    }

    /// Signs in with e-mail and password. Failures are counted per e-mail address and per IP in the database,
    /// so the limits hold across instances; over the limit, returns [`AppError::Throttled`]. Unknown addresses
    /// cost the same time as known ones and give the same [`AppError::Unauthenticated`]. For an account with
    /// TOTP, a correct password only opens a pending login ([`LoginOutcome::TotpRequired`]), finished by
    /// [`App::login_totp`].
    pub async fn login(
        &self,
        email: &str,
        password: &str,
        origin: &Origin,
    ) -> Result<LoginOutcome, AppError> {
        // Not an address at all: looked up as typed, so it fails (and is throttled) like an unknown account.
        let normalized = EmailAddress::parse(email)
            .map(EmailAddress::into_string)
            .unwrap_or_else(|_| crate::normalize_email(email));
        let email_index = self.email_index(&normalized);
        let (email_key, ip_key) = self.throttle_keys(&email_index, origin);
        let now = now_ms();
        self.check_throttle(&ip_key, self.config().login_max_failures_per_ip, now)
            .await?;
        self.check_throttle(&email_key, self.config().login_max_failures, now)
            .await?;

        let user = self.db().user_by_email_index(&email_index).await?;
        let password_ok =
            verify_password(password, user.as_ref().map(|u| u.password_hash.as_str())).await?;
        let user = match user {
            Some(u) if password_ok && !u.disabled => u,
            other => {
                self.login_failed(
                    other.as_ref().map(|u| u.id.as_str()),
                    &email_key,
                    &ip_key,
                    "password",
                    origin,
                )
                .await?;
                return Err(AppError::Unauthenticated);
            }
        };

        if user.totp_enabled {
            // Half-open: the browser gets a random token, the database only its digest, so any instance can
            // finish the login and the password never travels again.
            let pending_token = kluis_crypto::random_token();
            let pending = PendingLoginRow {
                id_digest: kluis_crypto::token_digest(&pending_token),
                user_id: user.id.clone(),
                created_at: now,
                expires_at: now + ms(self.config().login_totp_ttl),
                failures: 0,
            };
            retry!({
                let mut tx = self.db().begin_write().await?;
                tx.insert_pending_login(&pending).await?;
                tx.commit().await?;
                Ok(())
            })?;
            return Ok(LoginOutcome::TotpRequired {
                pending_token,
                expires_at_ms: pending.expires_at,
            });
        }
        self.start_session(&user, &email_key, None, origin).await
    }

    /// The second step of a login with TOTP: the code for the pending login behind `pending_token`. A wrong code
    /// gives [`AppError::Invalid`] (field `totp`) while the pending login lives; an unknown, expired or used
    /// pending login, or one given up after too many wrong codes, gives [`AppError::Unauthenticated`]: start
    /// again with the password. Wrong codes count towards the same throttle as wrong passwords.
    pub async fn login_totp(
        &self,
        pending_token: &str,
        code: &str,
        origin: &Origin,
    ) -> Result<LoginOutcome, AppError> {
        let digest = kluis_crypto::token_digest(pending_token.trim());
        let now = now_ms();
        let Some(pending) = self
            .db()
            .pending_login(&digest)
            .await?
            .filter(|p| p.expires_at > now && p.failures < PENDING_LOGIN_MAX_FAILURES)
        else {
            return Err(AppError::Unauthenticated);
        };
        let user = match self.db().user(&pending.user_id).await? {
            Some(u) if !u.disabled && u.totp_enabled => u,
            _ => {
                let mut tx = self.db().begin_write().await?;
                tx.delete_pending_login(&digest).await?;
                tx.commit().await?;
                return Err(AppError::Unauthenticated);
            }
        };
        let (email_key, ip_key) = self.throttle_keys(&user.email_index, origin);
        self.check_throttle(&ip_key, self.config().login_max_failures_per_ip, now)
            .await?;
        self.check_throttle(&email_key, self.config().login_max_failures, now)
            .await?;

        let code = code.trim();
        let step = if code.is_empty() {
            None
        } else {
            let secret_enc = user.totp_secret_enc.clone().unwrap_or_default();
            let secret = String::from_utf8(self.keys().decrypt(&secret_enc, &totp_aad())?)
                .map_err(AppError::internal)?;
            let unix = u64::try_from(now / 1000).unwrap_or(0);
            kluis_crypto::totp_verify_step(&secret, code, unix)
        };
        if let Some(step) = step {
            let step = i64::try_from(step).unwrap_or(i64::MAX);
            match self
                .start_session(&user, &email_key, Some((&digest, step)), origin)
                .await
            {
                Err(AppError::Invalid { .. }) => {}
                other => return other,
            }
        }
        // Wrong or replayed code: counted like a wrong password, and against this pending login.
        let given_up = retry!({
            let mut tx = self.db().begin_write().await?;
            let at = now_ms();
            tx.record_login_failure(&email_key, at).await?;
            tx.record_login_failure(&ip_key, at).await?;
            let failures = tx.record_pending_login_failure(&digest).await?;
            let given_up = failures >= PENDING_LOGIN_MAX_FAILURES;
            if given_up {
                tx.delete_pending_login(&digest).await?;
            }
            append_for_user(
                &mut tx,
                &user.id,
                &event(
                    &user.id,
                    AuditAction::LoginFailure,
                    "user",
                    &user.id,
                    &["totp"],
                    origin,
                ),
            )
            .await?;
            tx.commit().await?;
            Ok(given_up || failures == 0)
        })?;
        tracing::info!(known_account = true, factor = "totp", "login failed");
        if given_up {
            Err(AppError::Unauthenticated)
        } else {
            Err(AppError::invalid("totp", "the code is not right"))
        }
    }

    /// Opens a session for `user` in one transaction with its audit event. With `totp = (pending digest, step)`
    /// it also uses up the pending login and records the TOTP step; [`AppError::Invalid`] if the step was
    /// already used (a replayed code), [`AppError::Unauthenticated`] if the pending login is gone.
    async fn start_session(
        &self,
        user: &UserRow,
        email_key: &str,
        totp: Option<(&str, i64)>,
        origin: &Origin,
    ) -> Result<LoginOutcome, AppError> {
        let token = kluis_crypto::random_token();
        let csrf_token = kluis_crypto::random_token();
        let now = now_ms();
        let expires_at = now + ms(self.config().session_ttl);
        let memberships = self.db().memberships_of(&user.id).await?;
        let session = NewSession {
            id_digest: kluis_crypto::token_digest(&token),
            user_id: user.id.clone(),
            current_org_id: memberships.first().map(|(o, _)| o.id.clone()),
            csrf_token: csrf_token.clone(),
            now,
            expires_at,
            ip: origin.ip.clone(),
        };
        retry!({
            let mut tx = self.db().begin_write().await?;
            if let Some((digest, step)) = totp {
                if !tx.advance_totp_step(&user.id, step).await? {
                    return Err(AppError::invalid("totp", "the code was already used"));
                }
                // Single use: of two requests racing with the same pending login, one wins.
                if !tx.delete_pending_login(digest).await? {
                    return Err(AppError::Unauthenticated);
                }
            }
            tx.insert_session(&session).await?;
            tx.clear_login_failures(email_key).await?;
            append_for_user(
                &mut tx,
                &user.id,
                &event(
                    &user.id,
                    AuditAction::LoginSuccess,
                    "user",
                    &user.id,
                    &[],
                    origin,
                ),
            )
            .await?;
            tx.commit().await?;
            Ok(())
        })?;
        Ok(LoginOutcome::NewSession {
            token,
            csrf_token,
            user: self.user_summary(user)?,
            expires_at_ms: expires_at,
        })
    }

    async fn login_failed(
        &self,
        user_id: Option<&str>,
        email_key: &str,
        ip_key: &str,
        factor: &str,
        origin: &Origin,
    ) -> Result<(), AppError> {
        retry!({
            let mut tx = self.db().begin_write().await?;
            let now = now_ms();
            tx.record_login_failure(email_key, now).await?;
            tx.record_login_failure(ip_key, now).await?;
            if let Some(id) = user_id {
                append_for_user(
                    &mut tx,
                    id,
                    &event(id, AuditAction::LoginFailure, "user", id, &[factor], origin),
                )
                .await?;
            }
            tx.commit().await?;
            Ok(())
        })?;
        // No e-mail address or IP in the log: only that it happened, and whether the account exists.
        tracing::info!(known_account = user_id.is_some(), factor, "login failed");
        Ok(())
    }

    /// The session behind a cookie token, or `None` if unknown or expired. Extends the expiry (sliding).
    pub async fn session(&self, token: &str) -> Result<Option<SessionInfo>, AppError> {
        let digest = kluis_crypto::token_digest(token);
        let Some(view) = self.db().session_view(&digest).await? else {
            return Ok(None);
        };
        let (s, user) = (view.session, view.user);
        let now = now_ms();
        if s.expires_at <= now || user.disabled {
            return Ok(None);
        }
        let mut expires_at = s.expires_at;
        if now - s.last_seen_at >= SESSION_TOUCH_MS {
            expires_at = now + ms(self.config().session_ttl);
            let mut tx = self.db().begin_write().await?;
            tx.touch_session(&digest, now, expires_at).await?;
            tx.commit().await?;
        }
        let (scopes, memberships): (Vec<OrgScope>, Vec<(OrgSummary, Role)>) = view
            .memberships
            .into_iter()
            .map(|(scope, o, r)| (scope, (o.into(), r)))
            .unzip();
        let current = s
            .current_org_id
            .as_deref()
            .and_then(|id| memberships.iter().find(|(o, _)| o.id == id))
            .or_else(|| memberships.first())
            .cloned();
        let summary = self.user_summary(&user)?;
        Ok(Some(SessionInfo {
            locale: summary.locale,
            user: summary,
            csrf_token: s.csrf_token,
            current_role: current.as_ref().map(|(_, r)| *r),
            current_org: current.map(|(o, _)| o),
            memberships,
            scopes,
            expires_at_ms: expires_at,
        }))
    }

    /// Ends the session (idempotent: an unknown token is fine).
    pub async fn logout(&self, token: &str) -> Result<(), AppError> {
        let digest = kluis_crypto::token_digest(token);
        retry!({
            let mut tx = self.db().begin_write().await?;
            if let Some(s) = tx.delete_session(&digest).await? {
                let ev = event(
                    &s.user_id,
                    AuditAction::Logout,
                    "session",
                    &s.user_id,
                    &[],
                    &Origin::new(s.ip.clone(), None),
                );
                append_for_user(&mut tx, &s.user_id, &ev).await?;
            }
            tx.commit().await?;
            Ok(())
        })
    }

    /// Makes `org_slug` the session's current organisation. NotFound if the user is not a member.
    pub async fn switch_org(&self, token: &str, org_slug: &str) -> Result<(), AppError> {
        let digest = kluis_crypto::token_digest(token);
        let s = self
            .db()
            .session(&digest)
            .await?
            .filter(|s| s.expires_at > now_ms())
            .ok_or(AppError::Unauthenticated)?;
        let (_, org, _) = self
            .db()
            .member_scope_by_slug(&s.user_id, org_slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut tx = self.db().begin_write().await?;
        tx.set_session_org(&digest, &org.id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The user acting in organisation `org_slug`. NotFound when the user is not a member, whether or not the
    /// organisation exists.
    pub async fn actor(
        &self,
        user_id: &UserId,
        org_slug: &str,
        origin: &Origin,
    ) -> Result<Actor, AppError> {
        let (scope, org, role) = self
            .db()
            .member_scope_by_slug(user_id.as_str(), org_slug)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(Actor::new(
            user_id.clone(),
            org.into(),
            role,
            scope,
            origin.clone(),
        ))
    }

    /// The actor for a page request: the session's user in the organisation named in the path, from the
    /// memberships the session lookup already checked (no further query). Not found when not a member.
    pub fn session_actor(
        &self,
        session: &SessionInfo,
        org_slug: &str,
        origin: &Origin,
    ) -> Result<Actor, AppError> {
        let i = session
            .memberships
            .iter()
            .position(|(o, _)| o.slug == org_slug)
            .ok_or(AppError::NotFound)?;
        let (org, role) = session.memberships[i].clone();
        let scope = session.scopes.get(i).cloned().ok_or(AppError::NotFound)?;
        Ok(Actor::new(
            session.user.id.clone(),
            org,
            role,
            scope,
            origin.clone(),
        ))
    }

    /// The language setting of an API token's user, to answer that token in it; `None` for unknown or revoked
    /// tokens. Touches nothing.
    pub async fn api_token_locale(&self, token: &str) -> Result<Option<Locale>, AppError> {
        let digest = kluis_crypto::token_digest(token.trim());
        let Some(row) = self.db().api_token_by_digest(&digest).await? else {
            return Ok(None);
        };
        if row.revoked {
            return Ok(None);
        }
        Ok(self
            .db()
            .user(&row.user_id)
            .await?
            .map(|u| u.locale.parse().unwrap_or_default()))
    }

    /// The actor behind an API token (`Authorization: Bearer`): the token's user in the token's organisation,
    /// with the role they hold there now. Unauthenticated for unknown or revoked tokens and ended memberships.
    pub async fn actor_from_api_token(
        &self,
        token: &str,
        origin: &Origin,
    ) -> Result<Actor, AppError> {
        let digest = kluis_crypto::token_digest(token.trim());
        let row = self
            .db()
            .api_token_by_digest(&digest)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        if row.revoked {
            return Err(AppError::Unauthenticated);
        }
        let (scope, org, role) = self
            .db()
            .member_scope(&row.user_id, &row.org_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let now = now_ms();
        if row.last_used_at.is_none_or(|t| now - t >= TOKEN_TOUCH_MS) {
            let mut tx = self.db().begin_write().await?;
            tx.touch_api_token(&row.id, now).await?;
            tx.commit().await?;
        }
        Ok(Actor::new(
            UserId(row.user_id),
            org.into(),
            role,
            scope,
            origin.clone(),
        ))
    }
}
