//! Tenancy by construction: tenant tables are reachable only through an [`OrgScope`], and every query here
//! carries `org_id = $1` bound from that scope.

use kluis_domain::Role;
use kluis_domain::audit::{AuditKey, AuditRecord, chain_hash};
use sqlx::{AnyConnection, Row as _};

use crate::model::{AUDIT_COLUMNS, audit_from_row, parse_role};
use crate::{
    ApiTokenRow, AuditEventRow, AuditQuery, InvitationRow, MemberRow, NewAuditEvent, OrgRow,
    Result, Store, StoreError, UserRow, found, now_ms,
};

/// Proof that the holder may touch one organisation's data. Obtained from a membership check
/// ([`Store::member_scope`]), from creating the organisation, or, for the CLI and background jobs, from the
/// explicit and greppable [`OrgScope::system`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OrgScope {
    org_id: String,
}

impl OrgScope {
    pub(crate) fn checked(org_id: String) -> OrgScope {
        OrgScope { org_id }
    }

    /// A scope without a membership check, for the CLI, background jobs and backup/restore only. It takes an
    /// organisation the store has read (`orgs`, `org_by_slug`, `org_by_id`), so a scope is never minted for an
    /// organisation that does not exist, nor from a string out of a request.
    pub fn system(org: &OrgRow) -> OrgScope {
        OrgScope {
            org_id: org.id.clone(),
        }
    }

    pub fn org_id(&self) -> &str {
        &self.org_id
    }
}

/// Reads of one organisation's data.
pub struct TenantStore<'s> {
    store: &'s Store,
    scope: &'s OrgScope,
}

impl<'s> TenantStore<'s> {
    pub(crate) fn new(store: &'s Store, scope: &'s OrgScope) -> Self {
        TenantStore { store, scope }
    }

    pub fn org_id(&self) -> &str {
        &self.scope.org_id
    }

    async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.store.pool().acquire().await?)
    }

    pub async fn org(&self) -> Result<OrgRow> {
        let mut c = self.conn().await?;
        q_org(&mut c, &self.scope.org_id).await
    }

    pub async fn members(&self) -> Result<Vec<MemberRow>> {
        let mut c = self.conn().await?;
        q_members(&mut c, &self.scope.org_id).await
    }

    /// How many members the organisation has (the dashboard's "you are alone" hint needs no addresses).
    pub async fn member_count(&self) -> Result<i64> {
        let mut c = self.conn().await?;
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM memberships WHERE org_id = $1")
                .bind(&self.scope.org_id)
                .fetch_one(&mut *c)
                .await?,
        )
    }

    pub async fn member(&self, user_id: &str) -> Result<Option<MemberRow>> {
        let mut c = self.conn().await?;
        q_member(&mut c, &self.scope.org_id, user_id).await
    }

    pub async fn api_tokens(&self) -> Result<Vec<ApiTokenRow>> {
        let mut c = self.conn().await?;
        let sql = "SELECT id, org_id, user_id, name, created_at, last_used_at, revoked FROM api_tokens \
                   WHERE org_id = $1 ORDER BY created_at, id";
        let rows = sqlx::query(sql)
            .bind(&self.scope.org_id)
            .fetch_all(&mut *c)
            .await?;
        rows.iter().map(ApiTokenRow::from_row).collect()
    }

    /// Audit events matching `q`, newest first, and the total number of matches.
    pub async fn audit_events(&self, q: &AuditQuery) -> Result<(Vec<AuditEventRow>, i64)> {
        let mut c = self.conn().await?;
        let mut filter = String::from(
            "WHERE org_id = $1 AND ($2 IS NULL OR actor = $2) AND ($3 IS NULL OR action = $3) \
             AND ($4 IS NULL OR entity = $4) AND ($5 IS NULL OR at_ms >= $5) AND ($6 IS NULL OR at_ms < $6)",
        );
        // The free-text lists become numbered placeholders after the six fixed ones, bound in the same order.
        let mut text_binds: Vec<&String> = Vec::new();
        if let Some(t) = &q.text {
            let mut any = Vec::new();
            let u = "entity IN ('user', 'membership') AND ";
            let d = "entity = 'document' AND ";
            in_list(&mut any, &mut text_binds, "actor", "", &t.actors);
            in_list(&mut any, &mut text_binds, "action", "", &t.actions);
            in_list(&mut any, &mut text_binds, "entity_id", u, &t.users);
            in_list(&mut any, &mut text_binds, "entity_id", d, &t.documents);
            in_list(&mut any, &mut text_binds, "entity_id", "", &t.entity_ids);
            if any.is_empty() {
                filter.push_str(" AND 1 = 0");
            } else {
                filter.push_str(&format!(" AND ({})", any.join(" OR ")));
            }
        }
        let count_sql = format!("SELECT COUNT(*) FROM audit_events {filter}");
        let mut count = sqlx::query_scalar(sqlx::AssertSqlSafe(count_sql))
            .bind(&self.scope.org_id)
            .bind(&q.actor)
            .bind(&q.action)
            .bind(&q.entity)
            .bind(q.from_ms)
            .bind(q.to_ms);
        for v in &text_binds {
            count = count.bind(*v);
        }
        let total: i64 = count.fetch_one(&mut *c).await?;
        let n = 6 + text_binds.len();
        let list_sql = format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_events {filter} ORDER BY seq DESC LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let mut list = sqlx::query(sqlx::AssertSqlSafe(list_sql))
            .bind(&self.scope.org_id)
            .bind(&q.actor)
            .bind(&q.action)
            .bind(&q.entity)
            .bind(q.from_ms)
            .bind(q.to_ms);
        for v in &text_binds {
            list = list.bind(*v);
        }
        let rows = list
            .bind(q.limit.max(0))
            .bind(q.offset.max(0))
            .fetch_all(&mut *c)
            .await?;
        let events = rows.iter().map(audit_from_row).collect::<Result<_>>()?;
        Ok((events, total))
    }

    /// Every user id this organisation's audit log names, as actor or as the user an event is about: the
    /// people a search by name has to consider (former members included).
    pub async fn audit_user_ids(&self) -> Result<Vec<String>> {
        let mut c = self.conn().await?;
        let sql = "SELECT actor FROM audit_events WHERE org_id = $1 \
                   UNION SELECT entity_id FROM audit_events WHERE org_id = $1 AND entity IN ('user', 'membership')";
        Ok(sqlx::query_scalar(sql)
            .bind(&self.scope.org_id)
            .fetch_all(&mut *c)
            .await?)
    }

    /// Ids of this organisation's documents whose name or path contains `needle` (any case), at most `limit`.
    pub async fn document_ids_named(&self, needle: &str, limit: i64) -> Result<Vec<String>> {
        let mut c = self.conn().await?;
        let escaped: String = needle
            .to_lowercase()
            .chars()
            .flat_map(|ch| match ch {
                '%' | '_' | '\\' => vec!['\\', ch],
                other => vec![other],
            })
            .collect();
        let sql = "SELECT id FROM documents WHERE org_id = $1 AND (LOWER(name) LIKE $2 ESCAPE '\\' \
                   OR LOWER(path) LIKE $2 ESCAPE '\\') ORDER BY id LIMIT $3";
        Ok(sqlx::query_scalar(sql)
            .bind(&self.scope.org_id)
            .bind(format!("%{escaped}%"))
            .bind(limit)
            .fetch_all(&mut *c)
            .await?)
    }

    /// `(id, path)` of the documents among `ids` that belong to this organisation (deleted ones are absent).
    pub async fn document_paths(&self, ids: &[String]) -> Result<Vec<(String, String)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut c = self.conn().await?;
        let marks: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT id, path FROM documents WHERE org_id = $1 AND id IN ({})",
            marks.join(", ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(&self.scope.org_id);
        for id in ids {
            q = q.bind(id);
        }
        let rows = q.fetch_all(&mut *c).await?;
        rows.iter()
            .map(|r| -> Result<(String, String)> { Ok((r.try_get(0)?, r.try_get(1)?)) })
            .collect()
    }

    /// Events with `seq > after_seq` in chain order, at most `limit`, for verification in batches.
    pub async fn audit_chain_batch(
        &self,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<AuditEventRow>> {
        let mut c = self.conn().await?;
        let sql = "SELECT org_id, seq, at_ms, actor, action, entity, entity_id, fields, origin, prev_hash, hash \
                   FROM audit_events WHERE org_id = $1 AND seq > $2 ORDER BY seq LIMIT $3";
        let rows = sqlx::query(sql)
            .bind(&self.scope.org_id)
            .bind(after_seq)
            .bind(limit)
            .fetch_all(&mut *c)
            .await?;
        rows.iter().map(audit_from_row).collect()
    }

    /// The chain head recorded on the organisation: (last seq, its hash). Lets verification notice events
    /// removed from the end of the chain.
    pub async fn audit_head(&self) -> Result<(i64, String)> {
        let mut c = self.conn().await?;
        let row = sqlx::query("SELECT audit_seq, audit_head FROM orgs WHERE id = $1")
            .bind(&self.scope.org_id)
            .fetch_one(&mut *c)
            .await?;
        Ok((row.try_get(0)?, row.try_get(1)?))
    }
}

/// Writes to one organisation's data inside a [`crate::WriteTx`].
pub struct TenantTx<'t> {
    conn: &'t mut AnyConnection,
    scope: &'t OrgScope,
    audit_key: Option<&'t AuditKey>,
}

impl<'t> TenantTx<'t> {
    pub(crate) fn new(
        conn: &'t mut AnyConnection,
        scope: &'t OrgScope,
        audit_key: Option<&'t AuditKey>,
    ) -> Self {
        TenantTx {
            conn,
            scope,
            audit_key,
        }
    }

    pub fn org_id(&self) -> &str {
        &self.scope.org_id
    }

    pub async fn org(&mut self) -> Result<OrgRow> {
        q_org(self.conn, &self.scope.org_id).await
    }

    pub async fn member(&mut self, user_id: &str) -> Result<Option<MemberRow>> {
        q_member(self.conn, &self.scope.org_id, user_id).await
    }

    pub async fn members(&mut self) -> Result<Vec<MemberRow>> {
        q_members(self.conn, &self.scope.org_id).await
    }

    /// Adds `user_id` to the organisation. Conflict if already a member.
    pub async fn insert_membership(&mut self, user_id: &str, role: Role, now: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO memberships (user_id, org_id, role, created_at) VALUES ($2, $1, $3, $4)",
        )
        .bind(&self.scope.org_id)
        .bind(user_id)
        .bind(role.as_str())
        .bind(now)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Changes a member's role. NotFound if not a member.
    pub async fn set_role(&mut self, user_id: &str, role: Role) -> Result<()> {
        found(
            sqlx::query("UPDATE memberships SET role = $3 WHERE org_id = $1 AND user_id = $2")
                .bind(&self.scope.org_id)
                .bind(user_id)
                .bind(role.as_str())
                .execute(&mut *self.conn)
                .await?,
        )
    }

    /// Removes a member, and their API tokens and current-organisation pointers for this organisation.
    pub async fn delete_membership(&mut self, user_id: &str) -> Result<()> {
        found(
            sqlx::query("DELETE FROM memberships WHERE org_id = $1 AND user_id = $2")
                .bind(&self.scope.org_id)
                .bind(user_id)
                .execute(&mut *self.conn)
                .await?,
        )?;
        sqlx::query("UPDATE api_tokens SET revoked = 1 WHERE org_id = $1 AND user_id = $2")
            .bind(&self.scope.org_id)
            .bind(user_id)
            .execute(&mut *self.conn)
            .await?;
        sqlx::query(
            "UPDATE sessions SET current_org_id = NULL WHERE current_org_id = $1 AND user_id = $2",
        )
        .bind(&self.scope.org_id)
        .bind(user_id)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Number of owners. Read inside the write transaction, so "last owner" checks hold under concurrency
    /// (SQLite: single writer; PostgreSQL: the audit append locks the org row, see DESIGN.md).
    pub async fn owner_count(&mut self) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM memberships WHERE org_id = $1 AND role = 'owner'",
        )
        .bind(&self.scope.org_id)
        .fetch_one(&mut *self.conn)
        .await?)
    }

    /// Takes the organisation's row lock up front (PostgreSQL) so that check-then-write sequences such as
    /// "never remove the last owner" are serialised per organisation. A no-op on SQLite, where writers are
    /// already serialised.
    pub async fn lock_org(&mut self) -> Result<()> {
        found(
            sqlx::query("UPDATE orgs SET audit_seq = audit_seq WHERE id = $1")
                .bind(&self.scope.org_id)
                .execute(&mut *self.conn)
                .await?,
        )
    }

    pub async fn insert_api_token(
        &mut self,
        id: &str,
        user_id: &str,
        name: &str,
        token_digest: &str,
        now: i64,
    ) -> Result<ApiTokenRow> {
        sqlx::query(
            "INSERT INTO api_tokens (id, org_id, user_id, name, token_digest, created_at, last_used_at, revoked) \
             VALUES ($2, $1, $3, $4, $5, $6, NULL, 0)",
        )
        .bind(&self.scope.org_id)
        .bind(id)
        .bind(user_id)
        .bind(name)
        .bind(token_digest)
        .bind(now)
        .execute(&mut *self.conn)
        .await?;
        Ok(ApiTokenRow {
            id: id.to_owned(),
            org_id: self.scope.org_id.clone(),
            user_id: user_id.to_owned(),
            name: name.to_owned(),
            created_at: now,
            last_used_at: None,
            revoked: false,
        })
    }

    pub async fn api_token(&mut self, id: &str) -> Result<Option<ApiTokenRow>> {
        let row = sqlx::query(
            "SELECT id, org_id, user_id, name, created_at, last_used_at, revoked FROM api_tokens \
             WHERE org_id = $1 AND id = $2",
        )
        .bind(&self.scope.org_id)
        .bind(id)
        .fetch_optional(&mut *self.conn)
        .await?;
        row.as_ref().map(ApiTokenRow::from_row).transpose()
    }

    /// Revokes a token of this organisation. NotFound if there is none with this id.
    pub async fn revoke_api_token(&mut self, id: &str) -> Result<()> {
        found(
            sqlx::query("UPDATE api_tokens SET revoked = 1 WHERE org_id = $1 AND id = $2")
                .bind(&self.scope.org_id)
                .bind(id)
                .execute(&mut *self.conn)
                .await?,
        )
    }

    /// Appends an event to the organisation's audit chain, in this transaction, and returns its seq.
    ///
    /// The chain head lives on the `orgs` row. Bumping `audit_seq` first takes that row's lock on PostgreSQL (a
    /// concurrent appender waits, then sees the new head under READ COMMITTED); on SQLite writers are serialised
    /// anyway. So two concurrent appends can never produce the same seq or fork the chain.
    pub async fn append_audit(&mut self, event: &NewAuditEvent) -> Result<i64> {
        let org_id = &self.scope.org_id;
        let key = self.audit_key.ok_or_else(|| {
            StoreError::Corrupt(
                "the audit chain key is not loaded, so no audit event can be written".into(),
            )
        })?;
        let bumped = sqlx::query("UPDATE orgs SET audit_seq = audit_seq + 1 WHERE id = $1")
            .bind(org_id)
            .execute(&mut *self.conn)
            .await?;
        if bumped.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        let head = sqlx::query("SELECT audit_seq, audit_head FROM orgs WHERE id = $1")
            .bind(org_id)
            .fetch_one(&mut *self.conn)
            .await?;
        let seq: i64 = head.try_get(0)?;
        let prev_hash: String = head.try_get(1)?;
        let at_ms = now_ms();
        let record = AuditRecord {
            seq,
            org_id,
            at_ms,
            actor: &event.actor,
            action: event.action.as_str(),
            entity: &event.entity,
            entity_id: &event.entity_id,
            fields: &event.fields,
            origin: &event.origin,
        };
        let hash = chain_hash(key, &prev_hash, &record);
        let fields =
            serde_json::to_string(&event.fields).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        sqlx::query(
            "INSERT INTO audit_events (org_id, seq, at_ms, actor, action, entity, entity_id, fields, origin, \
             prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(org_id)
        .bind(seq)
        .bind(at_ms)
        .bind(&event.actor)
        .bind(event.action.as_str())
        .bind(&event.entity)
        .bind(&event.entity_id)
        .bind(fields)
        .bind(&event.origin)
        .bind(&prev_hash)
        .bind(&hash)
        .execute(&mut *self.conn)
        .await?;
        sqlx::query("UPDATE orgs SET audit_head = $2 WHERE id = $1")
            .bind(org_id)
            .bind(&hash)
            .execute(&mut *self.conn)
            .await?;
        Ok(seq)
    }

    /// Replaces the hashes of event `seq` (re-keying an old chain), leaving its content as it is.
    pub async fn rewrite_audit_hash(
        &mut self,
        seq: i64,
        prev_hash: &str,
        hash: &str,
    ) -> Result<()> {
        found(
            sqlx::query(
                "UPDATE audit_events SET prev_hash = $3, hash = $4 WHERE org_id = $1 AND seq = $2",
            )
            .bind(&self.scope.org_id)
            .bind(seq)
            .bind(prev_hash)
            .bind(hash)
            .execute(&mut *self.conn)
            .await?,
        )
    }

    /// Sets the chain head recorded on the organisation (after re-keying its chain).
    pub async fn set_audit_head(&mut self, seq: i64, hash: &str) -> Result<()> {
        found(
            sqlx::query("UPDATE orgs SET audit_seq = $2, audit_head = $3 WHERE id = $1")
                .bind(&self.scope.org_id)
                .bind(seq)
                .bind(hash)
                .execute(&mut *self.conn)
                .await?,
        )
    }

    /// Events with `seq > after_seq` in chain order, at most `limit`, read inside this transaction.
    pub async fn audit_chain_batch(
        &mut self,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<AuditEventRow>> {
        let sql = format!(
            "SELECT {AUDIT_COLUMNS} FROM audit_events WHERE org_id = $1 AND seq > $2 ORDER BY seq LIMIT $3"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&self.scope.org_id)
            .bind(after_seq)
            .bind(limit)
            .fetch_all(&mut *self.conn)
            .await?;
        rows.iter().map(audit_from_row).collect()
    }
}

/// Adds `(<extra><column> IN ($7, …))` for `values` to `any`, numbering placeholders after the six fixed ones
/// of the audit filter and the values bound before. Nothing for an empty list.
fn in_list<'a>(
    any: &mut Vec<String>,
    binds: &mut Vec<&'a String>,
    column: &str,
    extra: &str,
    values: &'a [String],
) {
    if values.is_empty() {
        return;
    }
    let marks: Vec<String> = values
        .iter()
        .map(|v| {
            binds.push(v);
            format!("${}", 6 + binds.len())
        })
        .collect();
    any.push(format!("({extra}{column} IN ({}))", marks.join(", ")));
}

async fn q_org(c: &mut AnyConnection, org_id: &str) -> Result<OrgRow> {
    let sql = "SELECT o.id, o.slug, o.name, o.created_at FROM orgs o WHERE o.id = $1";
    let row = sqlx::query(sql).bind(org_id).fetch_one(&mut *c).await?;
    OrgRow::from_row(&row)
}

fn member_sql(extra: &str) -> String {
    format!(
        "SELECT {}, m.role, m.org_id, m.created_at AS joined_at FROM memberships m JOIN users u ON u.id = m.user_id \
         WHERE m.org_id = $1 {extra}",
        UserRow::COLUMNS
    )
}

fn member_from_row(row: &sqlx::any::AnyRow) -> Result<MemberRow> {
    let role: String = row.try_get("role")?;
    let user = UserRow::from_row(row)?;
    let org_id: String = row.try_get("org_id")?;
    Ok(MemberRow {
        role: parse_role(&role, &user.id, &org_id)?,
        user,
        joined_at: row.try_get("joined_at")?,
    })
}

async fn q_members(c: &mut AnyConnection, org_id: &str) -> Result<Vec<MemberRow>> {
    let sql = member_sql("ORDER BY u.id");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .fetch_all(&mut *c)
        .await?;
    rows.iter().map(member_from_row).collect()
}

async fn q_member(c: &mut AnyConnection, org_id: &str, user_id: &str) -> Result<Option<MemberRow>> {
    let sql = member_sql("AND m.user_id = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(org_id)
        .bind(user_id)
        .fetch_optional(&mut *c)
        .await?;
    row.as_ref().map(member_from_row).transpose()
}

// Invitations: the members module's pending invitations of this organisation.

impl TenantStore<'_> {
    /// The organisation's pending invitations (expired ones too, until revoked), oldest first.
    pub async fn invitations(&self) -> Result<Vec<InvitationRow>> {
        let mut c = self.conn().await?;
        let sql = format!(
            "SELECT {} FROM invitations WHERE org_id = $1 ORDER BY created_at, id",
            InvitationRow::COLUMNS
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&self.scope.org_id)
            .fetch_all(&mut *c)
            .await?;
        rows.iter().map(InvitationRow::from_row).collect()
    }
}

impl TenantTx<'_> {
    /// The organisation's invitation of the address with this blind index, if any.
    pub async fn invitation_for_email(
        &mut self,
        email_index: &str,
    ) -> Result<Option<InvitationRow>> {
        let sql = format!(
            "SELECT {} FROM invitations WHERE org_id = $1 AND email_index = $2",
            InvitationRow::COLUMNS
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&self.scope.org_id)
            .bind(email_index)
            .fetch_optional(&mut *self.conn)
            .await?;
        row.as_ref().map(InvitationRow::from_row).transpose()
    }

    /// Stores an invitation of this organisation (its `org_id` is the scope's, whatever the row says).
    pub async fn insert_invitation(&mut self, i: &InvitationRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO invitations (id, org_id, token_digest, email_index, email_enc, display_name_enc, role, \
             invited_by, created_at, expires_at) VALUES ($2, $1, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&self.scope.org_id)
        .bind(&i.id)
        .bind(&i.token_digest)
        .bind(&i.email_index)
        .bind(&i.email_enc)
        .bind(&i.display_name_enc)
        .bind(i.role.as_str())
        .bind(&i.invited_by)
        .bind(i.created_at)
        .bind(i.expires_at)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Deletes an invitation of this organisation (accepted or revoked); false if there was none (another
    /// organisation's id, or already used or revoked).
    pub async fn delete_invitation(&mut self, id: &str) -> Result<bool> {
        let done = sqlx::query("DELETE FROM invitations WHERE org_id = $1 AND id = $2")
            .bind(&self.scope.org_id)
            .bind(id)
            .execute(&mut *self.conn)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Every invitation of this organisation (for key rotation).
    pub async fn invitations(&mut self) -> Result<Vec<InvitationRow>> {
        let sql = format!(
            "SELECT {} FROM invitations WHERE org_id = $1 ORDER BY created_at, id",
            InvitationRow::COLUMNS
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&self.scope.org_id)
            .fetch_all(&mut *self.conn)
            .await?;
        rows.iter().map(InvitationRow::from_row).collect()
    }

    /// Replaces an invitation's encrypted fields (key rotation).
    pub async fn set_invitation_enc(
        &mut self,
        id: &str,
        email_enc: &[u8],
        display_name_enc: &[u8],
    ) -> Result<()> {
        let done = sqlx::query(
            "UPDATE invitations SET email_enc = $3, display_name_enc = $4 WHERE org_id = $1 AND id = $2",
        )
        .bind(&self.scope.org_id)
        .bind(id)
        .bind(email_enc)
        .bind(display_name_enc)
        .execute(&mut *self.conn)
        .await?;
        found(done)
    }
}
