//! Consent records (append-only), the direct-marketing suppression list and the mail log: tenant tables, reachable
//! only through an [`OrgScope`]. Encrypted columns are opaque bytes here; vocabulary values are text the application
//! parses.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row as _};

use crate::dump::{Kind::Bytes, Kind::Int, Kind::Text, TableDef};
use crate::{OrgScope, Result, Store, WriteTx};

/// The consent module's tables, in load order (after the relations module's).
pub static CONSENT_TABLES: &[TableDef] = &[
    TableDef::new(
        "consent_records",
        &[
            ("id", Text),
            ("org_id", Text),
            ("relation_id", Text),
            ("seq", Int),
            ("purpose", Text),
            ("action", Text),
            ("at", Int),
            ("channel", Text),
            ("statement_version", Text),
            ("recorded_by", Text),
            ("parental", Int),
            ("double_opt_in", Int),
            ("confirms", Text),
            ("proof_enc", Bytes),
        ],
    ),
    TableDef::new(
        "marketing_suppressions",
        &[
            ("id", Text),
            ("org_id", Text),
            ("relation_id", Text),
            ("email_index", Text),
            ("at", Int),
            ("channel", Text),
            ("recorded_by", Text),
        ],
    ),
    TableDef::new(
        "mail_log",
        &[
            ("id", Text),
            ("org_id", Text),
            ("relation_id", Text),
            ("request_id", Text),
            ("template", Text),
            ("at", Int),
            ("delivery", Text),
            ("recipient_enc", Bytes),
            ("message_enc", Bytes),
            ("sent_by", Text),
        ],
    ),
];

/// One consent record as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRow {
    pub id: String,
    pub relation_id: String,
    /// Set by the store on insert: the record's place in the relation's history.
    pub seq: i64,
    pub purpose: String,
    pub action: String,
    pub at: i64,
    pub channel: String,
    pub statement_version: String,
    /// A user id, `data_subject` or `import`.
    pub recorded_by: String,
    pub parental: bool,
    pub double_opt_in: bool,
    pub confirms: Option<String>,
    pub proof_enc: Vec<u8>,
}

/// One entry of the suppression list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuppressionRow {
    pub id: String,
    /// `None` once the relation was erased.
    pub relation_id: Option<String>,
    /// Keyed blind index of the e-mail address (entity type `email`), if the relation had one.
    pub email_index: Option<String>,
    pub at: i64,
    pub channel: String,
    pub recorded_by: String,
}

/// One letter in the mail log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailLogRow {
    pub id: String,
    pub relation_id: Option<String>,
    pub request_id: Option<String>,
    pub template: String,
    pub at: i64,
    /// `sent`, `manual` or `failed`.
    pub delivery: String,
    pub recipient_enc: Vec<u8>,
    pub message_enc: Option<Vec<u8>>,
    pub sent_by: String,
}

const CONSENT_COLUMNS: &str = "id, relation_id, seq, purpose, action, at, channel, statement_version, \
     recorded_by, parental, double_opt_in, confirms, proof_enc";
const SUPPRESSION_COLUMNS: &str = "id, relation_id, email_index, at, channel, recorded_by";
const MAIL_COLUMNS: &str =
    "id, relation_id, request_id, template, at, delivery, recipient_enc, message_enc, sent_by";

fn consent(r: &AnyRow) -> Result<ConsentRow> {
    Ok(ConsentRow {
        id: r.try_get("id")?,
        relation_id: r.try_get("relation_id")?,
        seq: r.try_get("seq")?,
        purpose: r.try_get("purpose")?,
        action: r.try_get("action")?,
        at: r.try_get("at")?,
        channel: r.try_get("channel")?,
        statement_version: r.try_get("statement_version")?,
        recorded_by: r.try_get("recorded_by")?,
        parental: r.try_get::<i64, _>("parental")? != 0,
        double_opt_in: r.try_get::<i64, _>("double_opt_in")? != 0,
        confirms: r.try_get("confirms")?,
        proof_enc: r.try_get("proof_enc")?,
    })
}

fn suppression(r: &AnyRow) -> Result<SuppressionRow> {
    Ok(SuppressionRow {
        id: r.try_get("id")?,
        relation_id: r.try_get("relation_id")?,
        email_index: r.try_get("email_index")?,
        at: r.try_get("at")?,
        channel: r.try_get("channel")?,
        recorded_by: r.try_get("recorded_by")?,
    })
}

fn mail(r: &AnyRow) -> Result<MailLogRow> {
    Ok(MailLogRow {
        id: r.try_get("id")?,
        relation_id: r.try_get("relation_id")?,
        request_id: r.try_get("request_id")?,
        template: r.try_get("template")?,
        at: r.try_get("at")?,
        delivery: r.try_get("delivery")?,
        recipient_enc: r.try_get("recipient_enc")?,
        message_enc: r.try_get("message_enc")?,
        sent_by: r.try_get("sent_by")?,
    })
}

async fn records_of(c: &mut AnyConnection, org: &str, relation: &str) -> Result<Vec<ConsentRow>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {CONSENT_COLUMNS} FROM consent_records WHERE org_id = $1 AND relation_id = $2 ORDER BY seq"
    )))
    .bind(org)
    .bind(relation)
    .fetch_all(&mut *c)
    .await?;
    rows.iter().map(consent).collect()
}

async fn suppressions_of(
    c: &mut AnyConnection,
    org: &str,
    relation: &str,
    email_index: Option<&str>,
) -> Result<Vec<SuppressionRow>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {SUPPRESSION_COLUMNS} FROM marketing_suppressions WHERE org_id = $1 \
         AND (relation_id = $2 OR ($3 IS NOT NULL AND email_index = $3)) ORDER BY at, id"
    )))
    .bind(org)
    .bind(relation)
    .bind(email_index)
    .fetch_all(&mut *c)
    .await?;
    rows.iter().map(suppression).collect()
}

/// Reads of one organisation's consent records, suppressions and mail log.
pub struct ConsentStore<'s> {
    store: &'s Store,
    scope: &'s OrgScope,
}

impl Store {
    /// The consent records, suppression list and mail log of the organisation `scope` stands for.
    pub fn consent<'s>(&'s self, scope: &'s OrgScope) -> ConsentStore<'s> {
        ConsentStore { store: self, scope }
    }
}

impl ConsentStore<'_> {
    /// The records of relation `relation`, in the order they were appended.
    pub async fn records(&self, relation: &str) -> Result<Vec<ConsentRow>> {
        let mut c = self.store.pool().acquire().await?;
        records_of(&mut c, self.scope.org_id(), relation).await
    }

    /// Every record for `purpose` in the organisation, by relation and order of appending (a selection's input).
    pub async fn records_for_purpose(&self, purpose: &str) -> Result<Vec<ConsentRow>> {
        let mut c = self.store.pool().acquire().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {CONSENT_COLUMNS} FROM consent_records WHERE org_id = $1 AND purpose = $2 \
             ORDER BY relation_id, seq"
        )))
        .bind(self.scope.org_id())
        .bind(purpose)
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(consent).collect()
    }

    /// The suppressions that apply to relation `relation` (by id, or by the blind index of its e-mail address).
    pub async fn suppressions(
        &self,
        relation: &str,
        email_index: Option<&str>,
    ) -> Result<Vec<SuppressionRow>> {
        let mut c = self.store.pool().acquire().await?;
        suppressions_of(&mut c, self.scope.org_id(), relation, email_index).await
    }

    /// The whole suppression list (a selection checks each candidate against it).
    pub async fn all_suppressions(&self) -> Result<Vec<SuppressionRow>> {
        let mut c = self.store.pool().acquire().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {SUPPRESSION_COLUMNS} FROM marketing_suppressions WHERE org_id = $1 ORDER BY at, id"
        )))
        .bind(self.scope.org_id())
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(suppression).collect()
    }

    /// The newest `limit` letters, newest first; only those of `relation` when given.
    pub async fn mail_log(&self, relation: Option<&str>, limit: i64) -> Result<Vec<MailLogRow>> {
        let mut c = self.store.pool().acquire().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {MAIL_COLUMNS} FROM mail_log WHERE org_id = $1 AND ($2 IS NULL OR relation_id = $2) \
             ORDER BY at DESC, id DESC LIMIT $3"
        )))
        .bind(self.scope.org_id())
        .bind(relation)
        .bind(limit)
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(mail).collect()
    }

    pub async fn mail(&self, id: &str) -> Result<Option<MailLogRow>> {
        let mut c = self.store.pool().acquire().await?;
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {MAIL_COLUMNS} FROM mail_log WHERE org_id = $1 AND id = $2"
        )))
        .bind(self.scope.org_id())
        .bind(id)
        .fetch_optional(&mut *c)
        .await?;
        r.as_ref().map(mail).transpose()
    }
}

/// Consent and mail writes inside a transaction.
pub struct ConsentTx<'t> {
    conn: &'t mut AnyConnection,
    scope: &'t OrgScope,
}

impl WriteTx {
    /// Consent and mail-log writes for the organisation `scope` stands for, inside this transaction.
    pub fn consent<'t>(&'t mut self, scope: &'t OrgScope) -> ConsentTx<'t> {
        ConsentTx {
            conn: self.conn(),
            scope,
        }
    }
}

impl ConsentTx<'_> {
    /// The records of relation `relation` as they stand inside the transaction (what a new record is checked
    /// against).
    pub async fn records(&mut self, relation: &str) -> Result<Vec<ConsentRow>> {
        records_of(self.conn, self.scope.org_id(), relation).await
    }

    pub async fn suppressions(
        &mut self,
        relation: &str,
        email_index: Option<&str>,
    ) -> Result<Vec<SuppressionRow>> {
        suppressions_of(self.conn, self.scope.org_id(), relation, email_index).await
    }

    /// Appends a record, numbered after the relation's last; returns its number.
    pub async fn append(&mut self, r: &ConsentRow) -> Result<i64> {
        let max: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(seq) FROM consent_records WHERE org_id = $1 AND relation_id = $2",
        )
        .bind(self.scope.org_id())
        .bind(&r.relation_id)
        .fetch_one(&mut *self.conn)
        .await?;
        let seq = max.unwrap_or(0) + 1;
        sqlx::query(
            "INSERT INTO consent_records (id, org_id, relation_id, seq, purpose, action, at, channel, \
             statement_version, recorded_by, parental, double_opt_in, confirms, proof_enc) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(&r.id)
        .bind(self.scope.org_id())
        .bind(&r.relation_id)
        .bind(seq)
        .bind(&r.purpose)
        .bind(&r.action)
        .bind(r.at)
        .bind(&r.channel)
        .bind(&r.statement_version)
        .bind(&r.recorded_by)
        .bind(i64::from(r.parental))
        .bind(i64::from(r.double_opt_in))
        .bind(&r.confirms)
        .bind(&r.proof_enc)
        .execute(&mut *self.conn)
        .await?;
        Ok(seq)
    }

    pub async fn add_suppression(&mut self, s: &SuppressionRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO marketing_suppressions (id, org_id, relation_id, email_index, at, channel, recorded_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&s.id)
        .bind(self.scope.org_id())
        .bind(&s.relation_id)
        .bind(&s.email_index)
        .bind(s.at)
        .bind(&s.channel)
        .bind(&s.recorded_by)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    pub async fn add_mail(&mut self, m: &MailLogRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO mail_log (id, org_id, relation_id, request_id, template, at, delivery, recipient_enc, \
             message_enc, sent_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&m.id)
        .bind(self.scope.org_id())
        .bind(&m.relation_id)
        .bind(&m.request_id)
        .bind(&m.template)
        .bind(m.at)
        .bind(&m.delivery)
        .bind(&m.recipient_enc)
        .bind(&m.message_enc)
        .bind(&m.sent_by)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Every record and letter of the organisation, for key rotation.
    pub async fn all_records(&mut self) -> Result<Vec<ConsentRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {CONSENT_COLUMNS} FROM consent_records WHERE org_id = $1 ORDER BY id"
        )))
        .bind(self.scope.org_id())
        .fetch_all(&mut *self.conn)
        .await?;
        rows.iter().map(consent).collect()
    }

    pub async fn all_mail(&mut self) -> Result<Vec<MailLogRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {MAIL_COLUMNS} FROM mail_log WHERE org_id = $1 ORDER BY id"
        )))
        .bind(self.scope.org_id())
        .fetch_all(&mut *self.conn)
        .await?;
        rows.iter().map(mail).collect()
    }

    /// Rewrites a record's proof (key rotation); the record's meaning is unchanged.
    pub async fn set_proof_enc(&mut self, id: &str, proof: &[u8]) -> Result<()> {
        sqlx::query("UPDATE consent_records SET proof_enc = $3 WHERE org_id = $1 AND id = $2")
            .bind(self.scope.org_id())
            .bind(id)
            .bind(proof)
            .execute(&mut *self.conn)
            .await?;
        Ok(())
    }

    /// Rewrites a letter's encrypted columns (key rotation).
    pub async fn set_mail_enc(
        &mut self,
        id: &str,
        recipient: &[u8],
        message: Option<&[u8]>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE mail_log SET recipient_enc = $3, message_enc = $4 WHERE org_id = $1 AND id = $2",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .bind(recipient)
        .bind(message)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }
}
