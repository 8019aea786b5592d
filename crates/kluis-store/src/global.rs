//! Global tables: organisations, users, memberships seen from the user, sessions, API token lookup, login
//! attempts and settings. Nothing here returns another organisation's tenant data.

use kluis_domain::Role;
use sqlx::{AnyConnection, Row as _};

use crate::model::parse_role;
use crate::{
    ApiTokenRow, NewSession, NewUser, OrgRow, OrgScope, PendingLoginRow, Result, SessionRow,
    SessionView, Store, UserRow, WriteTx, found,
};

fn user_sql(filter: &str) -> String {
    format!("SELECT {} FROM users u {filter}", UserRow::COLUMNS)
}

async fn q_user_by(c: &mut AnyConnection, filter: &str, value: &str) -> Result<Option<UserRow>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(user_sql(filter)))
        .bind(value)
        .fetch_optional(&mut *c)
        .await?;
    row.as_ref().map(UserRow::from_row).transpose()
}

impl Store {
    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        let mut c = self.pool().acquire().await?;
        Ok(
            sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
                .bind(key)
                .fetch_optional(&mut *c)
                .await?,
        )
    }

    pub async fn user_count(&self) -> Result<i64> {
        let mut c = self.pool().acquire().await?;
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(&mut *c)
            .await?)
    }

    pub async fn user(&self, id: &str) -> Result<Option<UserRow>> {
        let mut c = self.pool().acquire().await?;
        q_user_by(&mut c, "WHERE u.id = $1", id).await
    }

    pub async fn user_by_email_index(&self, email_index: &str) -> Result<Option<UserRow>> {
        let mut c = self.pool().acquire().await?;
        q_user_by(&mut c, "WHERE u.email_index = $1", email_index).await
    }

    /// Every user, for maintenance such as key rotation.
    pub async fn all_users(&self) -> Result<Vec<UserRow>> {
        let mut c = self.pool().acquire().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(user_sql("ORDER BY u.id")))
            .fetch_all(&mut *c)
            .await?;
        rows.iter().map(UserRow::from_row).collect()
    }

    /// All organisations (CLI, jobs).
    pub async fn orgs(&self) -> Result<Vec<OrgRow>> {
        let mut c = self.pool().acquire().await?;
        let rows =
            sqlx::query("SELECT o.id, o.slug, o.name, o.created_at FROM orgs o ORDER BY o.slug")
                .fetch_all(&mut *c)
                .await?;
        rows.iter().map(OrgRow::from_row).collect()
    }

    /// An organisation by slug, without any membership check: for the CLI and system tasks only.
    pub async fn org_by_slug(&self, slug: &str) -> Result<Option<OrgRow>> {
        let mut c = self.pool().acquire().await?;
        let row =
            sqlx::query("SELECT o.id, o.slug, o.name, o.created_at FROM orgs o WHERE o.slug = $1")
                .bind(slug)
                .fetch_optional(&mut *c)
                .await?;
        row.as_ref().map(OrgRow::from_row).transpose()
    }

    /// An organisation by id, without any membership check: for background jobs, whose rows name it.
    pub async fn org_by_id(&self, id: &str) -> Result<Option<OrgRow>> {
        let mut c = self.pool().acquire().await?;
        let row =
            sqlx::query("SELECT o.id, o.slug, o.name, o.created_at FROM orgs o WHERE o.id = $1")
                .bind(id)
                .fetch_optional(&mut *c)
                .await?;
        row.as_ref().map(OrgRow::from_row).transpose()
    }

    /// The organisations `user_id` belongs to, with the role in each, ordered by slug.
    pub async fn memberships_of(&self, user_id: &str) -> Result<Vec<(OrgRow, Role)>> {
        let mut c = self.pool().acquire().await?;
        let rows = sqlx::query(
            "SELECT o.id, o.slug, o.name, o.created_at, m.role FROM memberships m JOIN orgs o ON o.id = m.org_id \
             WHERE m.user_id = $1 ORDER BY o.slug",
        )
        .bind(user_id)
        .fetch_all(&mut *c)
        .await?;
        rows.iter()
            .map(|r| {
                let role: String = r.try_get("role")?;
                let org = OrgRow::from_row(r)?;
                let role = parse_role(&role, user_id, &org.id)?;
                Ok((org, role))
            })
            .collect()
    }

    /// The membership check that yields an [`OrgScope`]: `None` both when the organisation does not exist and
    /// when the user is not a member, so callers cannot tell the two apart.
    pub async fn member_scope(
        &self,
        user_id: &str,
        org_id: &str,
    ) -> Result<Option<(OrgScope, OrgRow, Role)>> {
        self.member_scope_where("o.id = $2", user_id, org_id).await
    }

    /// [`Store::member_scope`] by organisation slug.
    pub async fn member_scope_by_slug(
        &self,
        user_id: &str,
        org_slug: &str,
    ) -> Result<Option<(OrgScope, OrgRow, Role)>> {
        self.member_scope_where("o.slug = $2", user_id, org_slug)
            .await
    }

    async fn member_scope_where(
        &self,
        cond: &'static str,
        user_id: &str,
        value: &str,
    ) -> Result<Option<(OrgScope, OrgRow, Role)>> {
        let mut c = self.pool().acquire().await?;
        let sql = format!(
            "SELECT o.id, o.slug, o.name, o.created_at, m.role FROM memberships m JOIN orgs o ON o.id = m.org_id \
             JOIN users u ON u.id = m.user_id WHERE m.user_id = $1 AND u.disabled = 0 AND {cond}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(user_id)
            .bind(value)
            .fetch_optional(&mut *c)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let org = OrgRow::from_row(&row)?;
        let role: String = row.try_get("role")?;
        let role = parse_role(&role, user_id, &org.id)?;
        Ok(Some((OrgScope::checked(org.id.clone()), org, role)))
    }

    pub async fn session(&self, id_digest: &str) -> Result<Option<SessionRow>> {
        let mut c = self.pool().acquire().await?;
        let sql = format!(
            "SELECT {} FROM sessions WHERE id_digest = $1",
            SessionRow::COLUMNS
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id_digest)
            .fetch_optional(&mut *c)
            .await?;
        row.as_ref().map(SessionRow::from_row).transpose()
    }

    /// A session with its user and the user's memberships (each with its checked scope), in one round trip: the
    /// lookup in front of every authenticated page. `None` for an unknown digest; expiry is the caller's check.
    pub async fn session_view(&self, id_digest: &str) -> Result<Option<SessionView>> {
        let mut c = self.pool().acquire().await?;
        // Session columns first (read by position), then the user's (by name; the session's `created_at` is
        // renamed so the user's is the only one), then one membership per row (LEFT JOIN: none yields NULLs).
        let sql = format!(
            "SELECT s.id_digest, s.user_id, s.current_org_id, s.csrf_token, s.created_at AS session_created_at, \
             s.last_seen_at, s.expires_at, s.ip, {}, o.id AS org_id, o.slug AS org_slug, o.name AS org_name, \
             o.created_at AS org_created_at, m.role AS member_role \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             LEFT JOIN memberships m ON m.user_id = u.id LEFT JOIN orgs o ON o.id = m.org_id \
             WHERE s.id_digest = $1 ORDER BY o.slug",
            UserRow::COLUMNS
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id_digest)
            .fetch_all(&mut *c)
            .await?;
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let session = SessionRow {
            id_digest: first.try_get(0)?,
            user_id: first.try_get(1)?,
            current_org_id: first.try_get(2)?,
            csrf_token: first.try_get(3)?,
            created_at: first.try_get(4)?,
            last_seen_at: first.try_get(5)?,
            expires_at: first.try_get(6)?,
            ip: first.try_get(7)?,
        };
        let user = UserRow::from_row(first)?;
        let mut memberships = Vec::with_capacity(rows.len());
        for r in &rows {
            let Some(role) = r.try_get::<Option<String>, _>("member_role")? else {
                continue;
            };
            let org = OrgRow {
                id: r.try_get("org_id")?,
                slug: r.try_get("org_slug")?,
                name: r.try_get("org_name")?,
                created_at: r.try_get("org_created_at")?,
            };
            let role = parse_role(&role, &user.id, &org.id)?;
            memberships.push((OrgScope::checked(org.id.clone()), org, role));
        }
        Ok(Some(SessionView {
            session,
            user,
            memberships,
        }))
    }

    /// A pending (half-open) login by the digest of its cookie token, expired or not.
    pub async fn pending_login(&self, id_digest: &str) -> Result<Option<PendingLoginRow>> {
        let mut c = self.pool().acquire().await?;
        let sql = format!(
            "SELECT {} FROM pending_logins WHERE id_digest = $1",
            PendingLoginRow::COLUMNS
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id_digest)
            .fetch_optional(&mut *c)
            .await?;
        row.as_ref().map(PendingLoginRow::from_row).transpose()
    }

    /// Looks up an API token by digest (for authentication). The caller must still check revocation and turn
    /// the owner into a scope through [`Store::member_scope`].
    pub async fn api_token_by_digest(&self, token_digest: &str) -> Result<Option<ApiTokenRow>> {
        let mut c = self.pool().acquire().await?;
        let sql = format!(
            "SELECT {} FROM api_tokens WHERE token_digest = $1",
            ApiTokenRow::COLUMNS
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(token_digest)
            .fetch_optional(&mut *c)
            .await?;
        row.as_ref().map(ApiTokenRow::from_row).transpose()
    }

    /// Failed login attempts recorded for `key` at or after `since_ms`: (count, time of the oldest).
    pub async fn login_failures_since(
        &self,
        key: &str,
        since_ms: i64,
    ) -> Result<(i64, Option<i64>)> {
        let mut c = self.pool().acquire().await?;
        let row =
            sqlx::query("SELECT COUNT(*), MIN(at) FROM login_attempts WHERE key = $1 AND at >= $2")
                .bind(key)
                .bind(since_ms)
                .fetch_one(&mut *c)
                .await?;
        Ok((row.try_get(0)?, row.try_get(1)?))
    }
}

impl WriteTx {
    pub async fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = $2")
            .bind(key)
            .bind(value)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Sets `key` only if it is not set yet; false if it was. A once-only latch that concurrent transactions
    /// (and instances) agree on.
    pub async fn claim_setting(&mut self, key: &str, value: &str) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        )
        .bind(key)
        .bind(value)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn setting(&mut self, key: &str) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
                .bind(key)
                .fetch_optional(self.conn())
                .await?,
        )
    }

    pub async fn user_count(&mut self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(self.conn())
            .await?)
    }

    /// Creates an organisation and returns it with the scope of its creator. Conflict if the slug is taken.
    pub async fn insert_org(
        &mut self,
        id: &str,
        slug: &str,
        name: &str,
        now: i64,
    ) -> Result<(OrgRow, OrgScope)> {
        sqlx::query("INSERT INTO orgs (id, slug, name, created_at) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(slug)
            .bind(name)
            .bind(now)
            .execute(self.conn())
            .await?;
        let org = OrgRow {
            id: id.to_owned(),
            slug: slug.to_owned(),
            name: name.to_owned(),
            created_at: now,
        };
        Ok((org, OrgScope::checked(id.to_owned())))
    }

    pub async fn org_by_slug(&mut self, slug: &str) -> Result<Option<OrgRow>> {
        let row =
            sqlx::query("SELECT o.id, o.slug, o.name, o.created_at FROM orgs o WHERE o.slug = $1")
                .bind(slug)
                .fetch_optional(self.conn())
                .await?;
        row.as_ref().map(OrgRow::from_row).transpose()
    }

    /// Conflict if the e-mail index is taken.
    pub async fn insert_user(&mut self, u: &NewUser) -> Result<()> {
        sqlx::query(
            "INSERT INTO users (id, email_enc, email_index, display_name, display_name_enc, password_hash, locale, \
             totp_secret_enc, totp_enabled, totp_last_step, created_at, disabled) \
             VALUES ($1, $2, $3, '', $4, $5, $6, NULL, 0, NULL, $7, 0)",
        )
        .bind(&u.id)
        .bind(&u.email_enc)
        .bind(&u.email_index)
        .bind(&u.display_name_enc)
        .bind(&u.password_hash)
        .bind(&u.locale)
        .bind(u.created_at)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    pub async fn user(&mut self, id: &str) -> Result<Option<UserRow>> {
        q_user_by(self.conn(), "WHERE u.id = $1", id).await
    }

    pub async fn user_by_email_index(&mut self, email_index: &str) -> Result<Option<UserRow>> {
        q_user_by(self.conn(), "WHERE u.email_index = $1", email_index).await
    }

    async fn update_user(
        &mut self,
        sql: &'static str,
        id: &str,
        bind: impl FnOnce(UserUpdate) -> UserUpdate,
    ) -> Result<()> {
        let q = bind(UserUpdate(sqlx::query(sql).bind(id.to_owned())));
        found(q.0.execute(self.conn()).await?)
    }

    pub async fn set_password_hash(&mut self, user_id: &str, password_hash: &str) -> Result<()> {
        let h = password_hash.to_owned();
        self.update_user(
            "UPDATE users SET password_hash = $2 WHERE id = $1",
            user_id,
            |q| q.bind_str(h),
        )
        .await
    }

    pub async fn set_locale(&mut self, user_id: &str, locale: &str) -> Result<()> {
        let l = locale.to_owned();
        self.update_user("UPDATE users SET locale = $2 WHERE id = $1", user_id, |q| {
            q.bind_str(l)
        })
        .await
    }

    /// Stores the encrypted display name and clears any clear one left from before names were encrypted.
    pub async fn set_display_name_enc(&mut self, user_id: &str, name_enc: Vec<u8>) -> Result<()> {
        self.update_user(
            "UPDATE users SET display_name = '', display_name_enc = $2 WHERE id = $1",
            user_id,
            |q| q.bind_bytes(Some(name_enc)),
        )
        .await
    }

    pub async fn set_email_enc(&mut self, user_id: &str, email_enc: Vec<u8>) -> Result<()> {
        self.update_user(
            "UPDATE users SET email_enc = $2 WHERE id = $1",
            user_id,
            |q| q.bind_bytes(Some(email_enc)),
        )
        .await
    }

    /// Sets (or clears, with `None`) the TOTP secret and whether TOTP is required at login.
    pub async fn set_totp(
        &mut self,
        user_id: &str,
        secret_enc: Option<Vec<u8>>,
        enabled: bool,
    ) -> Result<()> {
        self.update_user(
            "UPDATE users SET totp_secret_enc = $2, totp_enabled = $3, totp_last_step = NULL WHERE id = $1",
            user_id,
            |q| q.bind_bytes(secret_enc).bind_i64(i64::from(enabled)),
        )
        .await
    }

    /// Records the accepted TOTP step; false if `step` is not newer than the last one (a replayed code).
    pub async fn advance_totp_step(&mut self, user_id: &str, step: i64) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
        )
        .bind(user_id)
        .bind(step)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn set_user_disabled(&mut self, user_id: &str, disabled: bool) -> Result<()> {
        self.update_user(
            "UPDATE users SET disabled = $2 WHERE id = $1",
            user_id,
            |q| q.bind_i64(i64::from(disabled)),
        )
        .await
    }

    /// The organisations a user belongs to, inside this transaction.
    /// A checked scope for every organisation `user_id` is a member of, in org id order: for events about the
    /// user's own account, which concern each of them.
    pub async fn membership_scopes(&mut self, user_id: &str) -> Result<Vec<OrgScope>> {
        let ids: Vec<String> =
            sqlx::query_scalar("SELECT org_id FROM memberships WHERE user_id = $1 ORDER BY org_id")
                .bind(user_id)
                .fetch_all(self.conn())
                .await?;
        Ok(ids.into_iter().map(OrgScope::checked).collect())
    }

    pub async fn insert_session(&mut self, s: &NewSession) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (id_digest, user_id, current_org_id, csrf_token, created_at, last_seen_at, \
             expires_at, ip) VALUES ($1, $2, $3, $4, $5, $5, $6, $7)",
        )
        .bind(&s.id_digest)
        .bind(&s.user_id)
        .bind(&s.current_org_id)
        .bind(&s.csrf_token)
        .bind(s.now)
        .bind(s.expires_at)
        .bind(&s.ip)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Sliding expiry: records activity and pushes the expiry out.
    pub async fn touch_session(
        &mut self,
        id_digest: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id_digest = $1")
            .bind(id_digest)
            .bind(now)
            .bind(expires_at)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    pub async fn set_session_org(&mut self, id_digest: &str, org_id: &str) -> Result<()> {
        found(
            sqlx::query("UPDATE sessions SET current_org_id = $2 WHERE id_digest = $1")
                .bind(id_digest)
                .bind(org_id)
                .execute(self.conn())
                .await?,
        )
    }

    /// Deletes a session; returns it if it existed.
    pub async fn delete_session(&mut self, id_digest: &str) -> Result<Option<SessionRow>> {
        let sql = format!(
            "SELECT {} FROM sessions WHERE id_digest = $1",
            SessionRow::COLUMNS
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id_digest)
            .fetch_optional(self.conn())
            .await?;
        let session = row.as_ref().map(SessionRow::from_row).transpose()?;
        sqlx::query("DELETE FROM sessions WHERE id_digest = $1")
            .bind(id_digest)
            .execute(self.conn())
            .await?;
        Ok(session)
    }

    /// Deletes every session of `user_id` except `keep` (by digest); returns how many.
    pub async fn delete_user_sessions(&mut self, user_id: &str, keep: Option<&str>) -> Result<u64> {
        let done = sqlx::query(
            "DELETE FROM sessions WHERE user_id = $1 AND ($2 IS NULL OR id_digest <> $2)",
        )
        .bind(user_id)
        .bind(keep)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected())
    }

    pub async fn purge_expired_sessions(&mut self, now: i64) -> Result<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(self.conn())
            .await?;
        Ok(done.rows_affected())
    }

    /// Stores a pending login, and drops the expired ones so the table stays small.
    pub async fn insert_pending_login(&mut self, p: &PendingLoginRow) -> Result<()> {
        self.purge_expired_pending_logins(p.created_at).await?;
        sqlx::query(
            "INSERT INTO pending_logins (id_digest, user_id, created_at, expires_at, failures) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&p.id_digest)
        .bind(&p.user_id)
        .bind(p.created_at)
        .bind(p.expires_at)
        .bind(p.failures)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Deletes the pending logins that expired at or before `now`; returns how many.
    pub async fn purge_expired_pending_logins(&mut self, now: i64) -> Result<u64> {
        let done = sqlx::query("DELETE FROM pending_logins WHERE expires_at <= $1")
            .bind(now)
            .execute(self.conn())
            .await?;
        Ok(done.rows_affected())
    }

    /// Counts one wrong code against a pending login; returns the failures so far (0 if it is gone).
    pub async fn record_pending_login_failure(&mut self, id_digest: &str) -> Result<i64> {
        sqlx::query("UPDATE pending_logins SET failures = failures + 1 WHERE id_digest = $1")
            .bind(id_digest)
            .execute(self.conn())
            .await?;
        Ok(
            sqlx::query_scalar("SELECT failures FROM pending_logins WHERE id_digest = $1")
                .bind(id_digest)
                .fetch_optional(self.conn())
                .await?
                .unwrap_or(0),
        )
    }

    /// Removes a pending login; true if this call removed it (so it is used at most once).
    pub async fn delete_pending_login(&mut self, id_digest: &str) -> Result<bool> {
        let done = sqlx::query("DELETE FROM pending_logins WHERE id_digest = $1")
            .bind(id_digest)
            .execute(self.conn())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn record_login_failure(&mut self, key: &str, at: i64) -> Result<()> {
        sqlx::query("INSERT INTO login_attempts (key, at) VALUES ($1, $2)")
            .bind(key)
            .bind(at)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    pub async fn clear_login_failures(&mut self, key: &str) -> Result<()> {
        sqlx::query("DELETE FROM login_attempts WHERE key = $1")
            .bind(key)
            .execute(self.conn())
            .await?;
        Ok(())
    }

    pub async fn purge_login_attempts(&mut self, before_ms: i64) -> Result<u64> {
        let done = sqlx::query("DELETE FROM login_attempts WHERE at < $1")
            .bind(before_ms)
            .execute(self.conn())
            .await?;
        Ok(done.rows_affected())
    }

    pub async fn touch_api_token(&mut self, id: &str, now: i64) -> Result<()> {
        sqlx::query("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1")
            .bind(id)
            .bind(now)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}

/// Small wrapper so `update_user` can bind a variable tail of typed parameters.
struct UserUpdate(sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments>);

impl UserUpdate {
    fn bind_str(self, v: String) -> Self {
        UserUpdate(self.0.bind(v))
    }
    fn bind_bytes(self, v: Option<Vec<u8>>) -> Self {
        UserUpdate(self.0.bind(v))
    }
    fn bind_i64(self, v: i64) -> Self {
        UserUpdate(self.0.bind(v))
    }
}

impl Store {
    /// Looks up an invitation by the digest of its link's token, with its organisation and a scope for it: the
    /// token is what authenticates the invitee, as an API token does a bearer. The caller checks expiry and
    /// who accepts; the scope serves only to accept (or show) this one invitation.
    pub async fn invitation_by_digest(
        &self,
        token_digest: &str,
    ) -> Result<Option<(crate::InvitationRow, OrgRow, OrgScope)>> {
        let mut c = self.pool().acquire().await?;
        let sql = format!(
            "SELECT {} FROM invitations WHERE token_digest = $1",
            crate::InvitationRow::COLUMNS
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(token_digest)
            .fetch_optional(&mut *c)
            .await?;
        let Some(invitation) = row
            .as_ref()
            .map(crate::InvitationRow::from_row)
            .transpose()?
        else {
            return Ok(None);
        };
        drop(c);
        let Some(org) = self.org_by_id(&invitation.org_id).await? else {
            return Ok(None);
        };
        let scope = OrgScope::checked(org.id.clone());
        Ok(Some((invitation, org, scope)))
    }
}
