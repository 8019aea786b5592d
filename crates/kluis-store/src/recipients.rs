//! Recipients, their processing agreements and staff measures: tenant tables, reachable only through an
//! [`OrgScope`]. [`Store::recipients`] reads, [`WriteTx::recipients`] writes; every query binds `org_id = $1`.
//!
//! A recipient's fields are the register model's JSON (`body`, agreements excluded), so adding a field to the
//! model needs no migration; agreements and staff measures have a column per field because the compliance
//! check and the lists read their dates.
//!
//! Every create, change and deletion of a recipient or an agreement also appends the whole record as a version
//! (`register_recipient_versions`: who, when, which fields), so a recipient's history and the recipients as they
//! stood on a past date are plain reads; a deletion is a version too, so the past still shows what was deleted.

use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row as _};

use kluis_domain::register::agreements::StaffMeasureKind;
use kluis_domain::register::{ProcessingAgreement, Recipient, RecipientRole};

use crate::dump::Kind::{Int, Text};
use crate::dump::TableDef;
use crate::model::{stored, stored_opt};
use crate::{OrgScope, Result, Store, StoreError, WriteTx, found};

const RECIPIENTS: &str = "register_recipients";
const AGREEMENTS: &str = "register_agreements";
const MEASURES: &str = "staff_measures";
const VERSIONS: &str = "register_recipient_versions";

/// The recipients module's tables, in load order (after the documents module's, which agreements refer to).
pub static RECIPIENT_TABLES: &[TableDef] = &[
    TableDef {
        name: RECIPIENTS,
        columns: &[
            ("id", Text),
            ("org_id", Text),
            ("name", Text),
            ("role", Text),
            ("body", Text),
            ("version", Int),
            ("created_at", Int),
            ("updated_at", Int),
        ],
    },
    TableDef {
        name: AGREEMENTS,
        columns: &[
            ("id", Text),
            ("org_id", Text),
            ("recipient_id", Text),
            ("document_id", Text),
            ("signed_on", Text),
            ("expires_on", Text),
            ("review_on", Text),
            ("checklist", Text),
            ("authorisation", Text),
            ("notes", Text),
            ("created_at", Int),
            ("updated_at", Int),
        ],
    },
    TableDef {
        name: MEASURES,
        columns: &[
            ("id", Text),
            ("org_id", Text),
            ("user_id", Text),
            ("kind", Text),
            ("held_on", Text),
            ("subject", Text),
            ("document_id", Text),
            ("notes", Text),
            ("created_at", Int),
        ],
    },
    TableDef {
        name: VERSIONS,
        columns: &[
            ("org_id", Text),
            ("kind", Text),
            ("item_id", Text),
            ("recipient_id", Text),
            ("version", Int),
            ("event", Text),
            ("body", Text),
            ("changed", Text),
            ("actor", Text),
            ("at", Int),
        ],
    },
];

/// What a version of a recipient or an agreement records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionEvent {
    Create,
    Update,
    /// The last record before the deletion, kept so the past still shows it.
    Delete,
}

impl VersionEvent {
    pub const fn as_str(self) -> &'static str {
        match self {
            VersionEvent::Create => "create",
            VersionEvent::Update => "update",
            VersionEvent::Delete => "delete",
        }
    }

    fn parse(id: &str, s: &str) -> Result<Self> {
        match s {
            "create" => Ok(VersionEvent::Create),
            "update" => Ok(VersionEvent::Update),
            "delete" => Ok(VersionEvent::Delete),
            _ => Err(StoreError::Corrupt(format!(
                "{VERSIONS} row {id}: event is not a valid value"
            ))),
        }
    }
}

/// The record a version holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionedItem {
    /// A recipient's fields (its agreements have versions of their own).
    Recipient(Recipient),
    Agreement(ProcessingAgreement),
}

/// One stored version of a recipient or of one of its agreements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientVersionRow {
    /// The recipient's or the agreement's id.
    pub item_id: String,
    pub recipient_id: String,
    /// Counts per item from 1.
    pub version: i64,
    pub event: VersionEvent,
    pub item: VersionedItem,
    /// Names of the fields this version changed (the fields set, for a creation; none for a deletion).
    pub changed: Vec<String>,
    /// A user id or a system name (`cli`, `migration`).
    pub actor: String,
    pub at: i64,
}

/// A recipient as stored: the model (without agreements) and its bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientRow {
    pub recipient: Recipient,
    pub version: i64,
    pub updated_at: i64,
}

/// A processing agreement as stored, with the recipient it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementRow {
    pub recipient_id: String,
    pub agreement: ProcessingAgreement,
    pub updated_at: i64,
}

/// A staff measure on record for a member. `held_on` is an ISO date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMeasureRow {
    pub id: String,
    pub user_id: String,
    pub kind: StaffMeasureKind,
    pub held_on: String,
    pub subject: String,
    pub document_id: Option<String>,
    pub notes: String,
    pub created_at: i64,
}

/// A JSON value of a model field as text: a date as `YYYY-MM-DD`, `None` as NULL.
fn text_of<T: Serialize>(value: &T) -> Result<Option<String>> {
    match serde_json::to_value(value).map_err(|e| StoreError::Corrupt(e.to_string()))? {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::String(s) => Ok(Some(s)),
        other => Ok(Some(other.to_string())),
    }
}

/// The model field stored as text in `column` of row `id` (a date, a vocabulary key); NULL is `None`.
fn field_of<T: DeserializeOwned>(
    table: &str,
    id: &str,
    column: &str,
    text: Option<String>,
) -> Result<T> {
    let value = text.map_or(serde_json::Value::Null, serde_json::Value::String);
    serde_json::from_value(value).map_err(|_| {
        StoreError::Corrupt(format!("{table} row {id}: {column} is not a valid value"))
    })
}

fn json_of<T: DeserializeOwned>(table: &str, id: &str, column: &str, json: &str) -> Result<T> {
    serde_json::from_str(json)
        .map_err(|_| StoreError::Corrupt(format!("{table} row {id}: {column} is not valid JSON")))
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn uuid_of(table: &str, id: &str) -> Result<uuid::Uuid> {
    id.parse()
        .map_err(|_| StoreError::Corrupt(format!("{table} row {id}: id is not a uuid")))
}

const RECIPIENT_COLUMNS: &str = "id, name, role, body, version, updated_at";

fn recipient_from_row(r: &AnyRow) -> Result<RecipientRow> {
    let id: String = r.try_get("id")?;
    let body: String = r.try_get("body")?;
    let role: String = r.try_get("role")?;
    let mut recipient: Recipient = json_of(RECIPIENTS, &id, "body", &body)?;
    recipient.id = uuid_of(RECIPIENTS, &id)?;
    recipient.name = r.try_get("name")?;
    recipient.role = stored::<RecipientRole>(RECIPIENTS, &id, "role", &role)?;
    recipient.agreements = Vec::new();
    Ok(RecipientRow {
        recipient,
        version: r.try_get("version")?,
        updated_at: r.try_get("updated_at")?,
    })
}

const AGREEMENT_COLUMNS: &str = "id, recipient_id, document_id, signed_on, expires_on, review_on, checklist, \
     authorisation, notes, updated_at";

fn agreement_from_row(r: &AnyRow) -> Result<AgreementRow> {
    let id: String = r.try_get("id")?;
    let checklist: String = r.try_get("checklist")?;
    let document: Option<String> = r.try_get("document_id")?;
    let authorisation: Option<String> = r.try_get("authorisation")?;
    let agreement = ProcessingAgreement {
        id: uuid_of(AGREEMENTS, &id)?,
        document_id: document
            .as_deref()
            .map(|d| uuid_of(AGREEMENTS, d))
            .transpose()?,
        signed_on: field_of(AGREEMENTS, &id, "signed_on", r.try_get("signed_on")?)?,
        expires_on: field_of(AGREEMENTS, &id, "expires_on", r.try_get("expires_on")?)?,
        review_on: field_of(AGREEMENTS, &id, "review_on", r.try_get("review_on")?)?,
        checklist: json_of(AGREEMENTS, &id, "checklist", &checklist)?,
        sub_processor_authorisation: stored_opt(
            AGREEMENTS,
            &id,
            "authorisation",
            authorisation.as_deref(),
        )?,
        notes: r.try_get("notes")?,
    };
    Ok(AgreementRow {
        recipient_id: r.try_get("recipient_id")?,
        agreement,
        updated_at: r.try_get("updated_at")?,
    })
}

const MEASURE_COLUMNS: &str = "id, user_id, kind, held_on, subject, document_id, notes, created_at";

fn measure_from_row(r: &AnyRow) -> Result<StaffMeasureRow> {
    let id: String = r.try_get("id")?;
    let kind: String = r.try_get("kind")?;
    Ok(StaffMeasureRow {
        kind: stored(MEASURES, &id, "kind", &kind)?,
        user_id: r.try_get("user_id")?,
        held_on: r.try_get("held_on")?,
        subject: r.try_get("subject")?,
        document_id: r.try_get("document_id")?,
        notes: r.try_get("notes")?,
        created_at: r.try_get("created_at")?,
        id,
    })
}

const VERSION_COLUMNS: &str =
    "kind, item_id, recipient_id, version, event, body, changed, actor, at";

fn version_from_row(r: &AnyRow) -> Result<RecipientVersionRow> {
    let kind: String = r.try_get("kind")?;
    let id: String = r.try_get("item_id")?;
    let body: String = r.try_get("body")?;
    let changed: String = r.try_get("changed")?;
    let event: String = r.try_get("event")?;
    let item = match kind.as_str() {
        "recipient" => {
            let mut x: Recipient = json_of(VERSIONS, &id, "body", &body)?;
            x.id = uuid_of(VERSIONS, &id)?;
            x.agreements = Vec::new();
            VersionedItem::Recipient(x)
        }
        "agreement" => {
            let mut x: ProcessingAgreement = json_of(VERSIONS, &id, "body", &body)?;
            x.id = uuid_of(VERSIONS, &id)?;
            VersionedItem::Agreement(x)
        }
        _ => {
            return Err(StoreError::Corrupt(format!(
                "{VERSIONS} row {id}: kind is not a valid value"
            )));
        }
    };
    Ok(RecipientVersionRow {
        recipient_id: r.try_get("recipient_id")?,
        version: r.try_get("version")?,
        event: VersionEvent::parse(&id, &event)?,
        item,
        changed: json_of(VERSIONS, &id, "changed", &changed)?,
        actor: r.try_get("actor")?,
        at: r.try_get("at")?,
        item_id: id,
    })
}

/// Who made a change and when, for the version it appends.
#[derive(Debug, Clone, Copy)]
pub struct ChangeBy<'a> {
    /// A user id or a system name (`cli`).
    pub actor: &'a str,
    pub at: i64,
}

/// Reads of one organisation's recipients, agreements and staff measures.
pub struct RecipientStore<'s> {
    store: &'s Store,
    scope: &'s OrgScope,
}

impl Store {
    /// The recipients of the organisation `scope` stands for.
    pub fn recipients<'s>(&'s self, scope: &'s OrgScope) -> RecipientStore<'s> {
        RecipientStore { store: self, scope }
    }
}

impl WriteTx {
    /// Recipient writes for the organisation `scope` stands for, inside this transaction.
    pub fn recipients<'t>(&'t mut self, scope: &'t OrgScope) -> RecipientTx<'t> {
        RecipientTx {
            conn: self.conn(),
            scope,
        }
    }
}

async fn q_recipient(c: &mut AnyConnection, org: &str, id: &str) -> Result<Option<RecipientRow>> {
    let sql = format!("SELECT {RECIPIENT_COLUMNS} FROM {RECIPIENTS} WHERE org_id = $1 AND id = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(org)
        .bind(id)
        .fetch_optional(&mut *c)
        .await?;
    row.as_ref().map(recipient_from_row).transpose()
}

async fn q_agreement(c: &mut AnyConnection, org: &str, id: &str) -> Result<Option<AgreementRow>> {
    let sql = format!("SELECT {AGREEMENT_COLUMNS} FROM {AGREEMENTS} WHERE org_id = $1 AND id = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(org)
        .bind(id)
        .fetch_optional(&mut *c)
        .await?;
    row.as_ref().map(agreement_from_row).transpose()
}

impl RecipientStore<'_> {
    async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.store.pool().acquire().await?)
    }

    /// Every recipient, by name, without agreements.
    pub async fn list(&self) -> Result<Vec<RecipientRow>> {
        let mut c = self.conn().await?;
        let sql = format!(
            "SELECT {RECIPIENT_COLUMNS} FROM {RECIPIENTS} WHERE org_id = $1 ORDER BY LOWER(name), id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .fetch_all(&mut *c)
            .await?;
        rows.iter().map(recipient_from_row).collect()
    }

    pub async fn get(&self, id: &str) -> Result<Option<RecipientRow>> {
        let mut c = self.conn().await?;
        q_recipient(&mut c, self.scope.org_id(), id).await
    }

    /// Every agreement of the organisation (all recipients), oldest first: one query for lists and checks.
    pub async fn agreements(&self) -> Result<Vec<AgreementRow>> {
        let mut c = self.conn().await?;
        let sql = format!(
            "SELECT {AGREEMENT_COLUMNS} FROM {AGREEMENTS} WHERE org_id = $1 ORDER BY created_at, id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .fetch_all(&mut *c)
            .await?;
        rows.iter().map(agreement_from_row).collect()
    }

    pub async fn agreement(&self, id: &str) -> Result<Option<AgreementRow>> {
        let mut c = self.conn().await?;
        q_agreement(&mut c, self.scope.org_id(), id).await
    }

    /// Every version of one recipient and of its agreements, oldest first (empty for an unknown id).
    pub async fn history(&self, recipient_id: &str) -> Result<Vec<RecipientVersionRow>> {
        let mut c = self.conn().await?;
        // At the same instant the recipient's version comes before its agreements' ('recipient' > 'agreement').
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM {VERSIONS} WHERE org_id = $1 AND recipient_id = $2 \
             ORDER BY at, kind DESC, item_id, version"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .bind(recipient_id)
            .fetch_all(&mut *c)
            .await?;
        rows.iter().map(version_from_row).collect()
    }

    /// The recipients as they stood at `at_ms`, by name, each with the agreements it had then: for every
    /// recipient and agreement its latest version saved at or before that instant, unless that version is its
    /// deletion (created later: absent; deleted later: present as it was).
    pub async fn as_of(&self, at_ms: i64) -> Result<Vec<Recipient>> {
        let mut c = self.conn().await?;
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM {VERSIONS} v WHERE v.org_id = $1 AND v.at <= $2 \
             AND v.version = (SELECT MAX(w.version) FROM {VERSIONS} w \
             WHERE w.org_id = $1 AND w.item_id = v.item_id AND w.at <= $2) \
             AND v.event <> 'delete' ORDER BY v.item_id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .bind(at_ms)
            .fetch_all(&mut *c)
            .await?;
        let mut recipients = Vec::new();
        let mut agreements = Vec::new();
        for row in rows.iter().map(version_from_row) {
            let row = row?;
            match row.item {
                VersionedItem::Recipient(r) => recipients.push(r),
                VersionedItem::Agreement(a) => agreements.push((row.recipient_id, a)),
            }
        }
        // Agreement ids are time-ordered (UUIDv7): by id is the order they were added, as the live list.
        for r in &mut recipients {
            let id = r.id.to_string();
            r.agreements = agreements
                .iter()
                .filter(|(owner, _)| *owner == id)
                .map(|(_, a)| a.clone())
                .collect();
        }
        recipients.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then_with(|| a.id.cmp(&b.id))
        });
        Ok(recipients)
    }

    /// Staff measures, of one member or of all, newest first.
    pub async fn staff_measures(&self, user_id: Option<&str>) -> Result<Vec<StaffMeasureRow>> {
        let mut c = self.conn().await?;
        let sql = format!(
            "SELECT {MEASURE_COLUMNS} FROM {MEASURES} WHERE org_id = $1 AND ($2 IS NULL OR user_id = $2) \
             ORDER BY held_on DESC, created_at DESC, id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .bind(user_id)
            .fetch_all(&mut *c)
            .await?;
        rows.iter().map(measure_from_row).collect()
    }
}

/// Writes to one organisation's recipients inside a [`WriteTx`].
pub struct RecipientTx<'t> {
    conn: &'t mut AnyConnection,
    scope: &'t OrgScope,
}

impl RecipientTx<'_> {
    fn org(&self) -> &str {
        self.scope.org_id()
    }

    pub async fn get(&mut self, id: &str) -> Result<Option<RecipientRow>> {
        let org = self.org().to_owned();
        q_recipient(self.conn, &org, id).await
    }

    pub async fn agreement(&mut self, id: &str) -> Result<Option<AgreementRow>> {
        let org = self.org().to_owned();
        q_agreement(self.conn, &org, id).await
    }

    /// Appends a version of a recipient or an agreement.
    #[allow(clippy::too_many_arguments)]
    async fn append_version(
        &mut self,
        item_id: &str,
        recipient_id: &str,
        event: VersionEvent,
        item: &VersionedItem,
        changed: &[&str],
        by: ChangeBy<'_>,
    ) -> Result<()> {
        let (kind, body) = match item {
            VersionedItem::Recipient(r) => (
                "recipient",
                to_json(&Recipient {
                    agreements: Vec::new(),
                    ..r.clone()
                })?,
            ),
            VersionedItem::Agreement(a) => ("agreement", to_json(a)?),
        };
        // The live row was written (or deleted) first in this transaction and holds its lock, so a concurrent
        // change of the same item waits and then sees this version.
        let version: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM register_recipient_versions \
             WHERE org_id = $1 AND item_id = $2",
        )
        .bind(self.scope.org_id())
        .bind(item_id)
        .fetch_one(&mut *self.conn)
        .await?;
        sqlx::query(
            "INSERT INTO register_recipient_versions (org_id, kind, item_id, recipient_id, version, event, body, \
             changed, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(self.scope.org_id())
        .bind(kind)
        .bind(item_id)
        .bind(recipient_id)
        .bind(version)
        .bind(event.as_str())
        .bind(body)
        .bind(to_json(&changed)?)
        .bind(by.actor)
        .bind(by.at)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Inserts `r` (its agreements are not stored here) as version 1; `changed` names the fields it sets.
    pub async fn insert(
        &mut self,
        r: &Recipient,
        changed: &[&str],
        by: ChangeBy<'_>,
    ) -> Result<()> {
        let body = Recipient {
            agreements: Vec::new(),
            ..r.clone()
        };
        let now = by.at;
        sqlx::query(
            "INSERT INTO register_recipients (id, org_id, name, role, body, version, created_at, updated_at) \
             VALUES ($2, $1, $3, $4, $5, 1, $6, $6)",
        )
        .bind(self.scope.org_id())
        .bind(r.id.to_string())
        .bind(&r.name)
        .bind(r.role.as_str())
        .bind(to_json(&body)?)
        .bind(now)
        .execute(&mut *self.conn)
        .await?;
        let id = r.id.to_string();
        self.append_version(
            &id,
            &id,
            VersionEvent::Create,
            &VersionedItem::Recipient(body),
            changed,
            by,
        )
        .await
    }

    /// Replaces `r`'s fields and counts the version up; `changed` names the fields that differ. NotFound if
    /// there is no such recipient.
    pub async fn update(
        &mut self,
        r: &Recipient,
        changed: &[&str],
        by: ChangeBy<'_>,
    ) -> Result<()> {
        let body = Recipient {
            agreements: Vec::new(),
            ..r.clone()
        };
        let now = by.at;
        found(
            sqlx::query(
                "UPDATE register_recipients SET name = $3, role = $4, body = $5, version = version + 1, \
                 updated_at = $6 WHERE org_id = $1 AND id = $2",
            )
            .bind(self.scope.org_id())
            .bind(r.id.to_string())
            .bind(&r.name)
            .bind(r.role.as_str())
            .bind(to_json(&body)?)
            .bind(now)
            .execute(&mut *self.conn)
            .await?,
        )?;
        let id = r.id.to_string();
        self.append_version(
            &id,
            &id,
            VersionEvent::Update,
            &VersionedItem::Recipient(body),
            changed,
            by,
        )
        .await
    }

    /// Deletes a recipient with its agreements (their documents stay), recording each deletion as a version.
    /// NotFound if there is none.
    pub async fn delete(&mut self, id: &str, by: ChangeBy<'_>) -> Result<()> {
        let org = self.org().to_owned();
        let Some(current) = q_recipient(self.conn, &org, id).await? else {
            return Err(StoreError::NotFound);
        };
        let sql = format!(
            "SELECT {AGREEMENT_COLUMNS} FROM {AGREEMENTS} WHERE org_id = $1 AND recipient_id = $2 ORDER BY id"
        );
        let agreements: Vec<AgreementRow> = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&org)
            .bind(id)
            .fetch_all(&mut *self.conn)
            .await?
            .iter()
            .map(agreement_from_row)
            .collect::<Result<_>>()?;
        sqlx::query("DELETE FROM register_agreements WHERE org_id = $1 AND recipient_id = $2")
            .bind(self.scope.org_id())
            .bind(id)
            .execute(&mut *self.conn)
            .await?;
        found(
            sqlx::query("DELETE FROM register_recipients WHERE org_id = $1 AND id = $2")
                .bind(self.scope.org_id())
                .bind(id)
                .execute(&mut *self.conn)
                .await?,
        )?;
        for a in agreements {
            let aid = a.agreement.id.to_string();
            self.append_version(
                &aid,
                id,
                VersionEvent::Delete,
                &VersionedItem::Agreement(a.agreement),
                &[],
                by,
            )
            .await?;
        }
        self.append_version(
            id,
            id,
            VersionEvent::Delete,
            &VersionedItem::Recipient(current.recipient),
            &[],
            by,
        )
        .await
    }

    /// Inserts an agreement of `recipient_id`, which must be this organisation's (checked by the caller), as
    /// its version 1; `changed` names the fields it sets.
    pub async fn insert_agreement(
        &mut self,
        recipient_id: &str,
        a: &ProcessingAgreement,
        changed: &[&str],
        by: ChangeBy<'_>,
    ) -> Result<()> {
        let now = by.at;
        sqlx::query(
            "INSERT INTO register_agreements (id, org_id, recipient_id, document_id, signed_on, expires_on, \
             review_on, checklist, authorisation, notes, created_at, updated_at) \
             VALUES ($2, $1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
        )
        .bind(self.scope.org_id())
        .bind(a.id.to_string())
        .bind(recipient_id)
        .bind(a.document_id.map(|d| d.to_string()))
        .bind(text_of(&a.signed_on)?)
        .bind(text_of(&a.expires_on)?)
        .bind(text_of(&a.review_on)?)
        .bind(to_json(&a.checklist)?)
        .bind(a.sub_processor_authorisation.map(|s| s.as_str()))
        .bind(&a.notes)
        .bind(now)
        .execute(&mut *self.conn)
        .await?;
        self.append_version(
            &a.id.to_string(),
            recipient_id,
            VersionEvent::Create,
            &VersionedItem::Agreement(a.clone()),
            changed,
            by,
        )
        .await
    }

    /// Replaces an agreement's fields (not its recipient); `changed` names the fields that differ. NotFound if
    /// there is none.
    pub async fn update_agreement(
        &mut self,
        a: &ProcessingAgreement,
        changed: &[&str],
        by: ChangeBy<'_>,
    ) -> Result<()> {
        let now = by.at;
        let id = a.id.to_string();
        found(
            sqlx::query(
                "UPDATE register_agreements SET document_id = $3, signed_on = $4, expires_on = $5, \
                 review_on = $6, checklist = $7, authorisation = $8, notes = $9, updated_at = $10 \
                 WHERE org_id = $1 AND id = $2",
            )
            .bind(self.scope.org_id())
            .bind(a.id.to_string())
            .bind(a.document_id.map(|d| d.to_string()))
            .bind(text_of(&a.signed_on)?)
            .bind(text_of(&a.expires_on)?)
            .bind(text_of(&a.review_on)?)
            .bind(to_json(&a.checklist)?)
            .bind(a.sub_processor_authorisation.map(|s| s.as_str()))
            .bind(&a.notes)
            .bind(now)
            .execute(&mut *self.conn)
            .await?,
        )?;
        let Some(row) = self.agreement(&id).await? else {
            return Err(StoreError::NotFound);
        };
        self.append_version(
            &id,
            &row.recipient_id,
            VersionEvent::Update,
            &VersionedItem::Agreement(a.clone()),
            changed,
            by,
        )
        .await
    }

    /// Deletes an agreement, recording the deletion as a version. NotFound if there is none.
    pub async fn delete_agreement(&mut self, id: &str, by: ChangeBy<'_>) -> Result<()> {
        let Some(row) = self.agreement(id).await? else {
            return Err(StoreError::NotFound);
        };
        found(
            sqlx::query("DELETE FROM register_agreements WHERE org_id = $1 AND id = $2")
                .bind(self.scope.org_id())
                .bind(id)
                .execute(&mut *self.conn)
                .await?,
        )?;
        self.append_version(
            id,
            &row.recipient_id,
            VersionEvent::Delete,
            &VersionedItem::Agreement(row.agreement),
            &[],
            by,
        )
        .await
    }

    pub async fn insert_staff_measure(&mut self, m: &StaffMeasureRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO staff_measures (id, org_id, user_id, kind, held_on, subject, document_id, notes, \
             created_at) VALUES ($2, $1, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(self.scope.org_id())
        .bind(&m.id)
        .bind(&m.user_id)
        .bind(m.kind.as_str())
        .bind(&m.held_on)
        .bind(&m.subject)
        .bind(&m.document_id)
        .bind(&m.notes)
        .bind(m.created_at)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    pub async fn delete_staff_measure(&mut self, id: &str) -> Result<()> {
        found(
            sqlx::query("DELETE FROM staff_measures WHERE org_id = $1 AND id = $2")
                .bind(self.scope.org_id())
                .bind(id)
                .execute(&mut *self.conn)
                .await?,
        )
    }

    /// The staff measure `id`, read inside this transaction.
    pub async fn staff_measure(&mut self, id: &str) -> Result<Option<StaffMeasureRow>> {
        let sql = format!("SELECT {MEASURE_COLUMNS} FROM {MEASURES} WHERE org_id = $1 AND id = $2");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .bind(id)
            .fetch_optional(&mut *self.conn)
            .await?;
        row.as_ref().map(measure_from_row).transpose()
    }
}
