//! Documents and their findings: tenant tables, reachable only through an [`OrgScope`] like every tenant table.
//!
//! [`Store::documents`] reads, [`WriteTx::documents`] writes; every query binds `org_id = $1` from the scope.
//! Finding values stay encrypted bytes here; the blind index (`value_index`) is what lookups compare.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row as _};

use kluis_domain::{
    Classification, DocumentClass, DocumentStatus, EntityType, PersonalDataKind, ScanStatus,
    SpecialCategory,
};

use crate::model::{stored, stored_opt};
use crate::{OrgScope, Result, Store, WriteTx, found};

const DOC_COLUMNS: &str = "id, org_id, parent_id, name, path, size, sha256, content_type, format, blob_key, status, \
     scan_status, scan_reason, class, personal_data, special_categories, findings_total, class_override, \
     personal_data_override, categories_override, corrected_by, corrected_at, uploaded_by, created_at, scanned_at, \
     COALESCE(class_override, class) AS eff_class, COALESCE(personal_data_override, personal_data) AS eff_kind, \
     COALESCE(categories_override, special_categories) AS eff_categories";

const FINDING_COLUMNS: &str = "id, org_id, document_id, entity_type, value_enc, value_masked, value_index, \
     start_offset, end_offset, score_milli, location, created_at";

/// The correction-wins rule: the effective kind, class and categories are a user's correction where there is one,
/// else the scanner's verdict. Listing, filtering, counting and [`DocumentRow::effective`] all read these
/// expressions (and `DOC_COLUMNS` selects them). The one other copy is the inventory's grouped count
/// (`compliance.rs`), which applies the rule to its groups so that it can walk its index without sorting.
pub(crate) const EFF_KIND: &str = "COALESCE(personal_data_override, personal_data)";
pub(crate) const EFF_CLASS: &str = "COALESCE(class_override, class)";
pub(crate) const EFF_CATEGORIES: &str = "COALESCE(categories_override, special_categories)";

const DOCUMENTS: &str = "documents";
const FINDINGS: &str = "document_findings";

/// A document as stored, with its vocabulary columns parsed (an unknown stored value is
/// [`StoreError::Corrupt`](crate::StoreError::Corrupt) naming the row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRow {
    pub id: String,
    pub org_id: String,
    /// The container this document is a member of.
    pub parent_id: Option<String>,
    pub name: String,
    /// `archive.zip!/a.docx` for members, the name for top-level documents.
    pub path: String,
    pub size: Option<i64>,
    /// SHA-256 of the content, hex: set at upload (and by the scan for members).
    pub sha256: Option<String>,
    pub content_type: String,
    pub format: Option<String>,
    /// Where the encrypted bytes live; top-level documents only.
    pub blob_key: Option<String>,
    pub status: DocumentStatus,
    pub scan_status: Option<ScanStatus>,
    pub scan_reason: Option<String>,
    /// The scanner's verdict, before any correction.
    pub detected: Classification,
    /// A person's correction of each part; `None` where they left the scanner's verdict.
    pub class_override: Option<DocumentClass>,
    pub personal_data_override: Option<PersonalDataKind>,
    pub categories_override: Option<Vec<SpecialCategory>>,
    /// What holds: the correction where there is one, else the scanner's verdict (computed by the SQL rule).
    pub effective: Classification,
    pub findings_total: i64,
    pub corrected_by: Option<String>,
    pub corrected_at: Option<i64>,
    pub uploaded_by: String,
    pub created_at: i64,
    pub scanned_at: Option<i64>,
}

impl DocumentRow {
    /// Whether a person corrected any part of the scanner's verdict.
    pub fn is_corrected(&self) -> bool {
        self.class_override.is_some()
            || self.personal_data_override.is_some()
            || self.categories_override.is_some()
    }

    fn from_row(r: &AnyRow) -> Result<DocumentRow> {
        let id: String = r.try_get("id")?;
        let text =
            |col: &str| -> Result<Option<String>> { Ok(r.try_get::<Option<String>, _>(col)?) };
        let status: String = r.try_get("status")?;
        let categories = |col: &str| -> Result<Option<Vec<SpecialCategory>>> {
            text(col)?
                .map(|json| categories_from_json(&id, col, &json))
                .transpose()
        };
        Ok(DocumentRow {
            org_id: r.try_get("org_id")?,
            parent_id: r.try_get("parent_id")?,
            name: r.try_get("name")?,
            path: r.try_get("path")?,
            size: r.try_get("size")?,
            sha256: r.try_get("sha256")?,
            content_type: r.try_get("content_type")?,
            format: r.try_get("format")?,
            blob_key: r.try_get("blob_key")?,
            status: stored(DOCUMENTS, &id, "status", &status)?,
            scan_status: stored_opt(
                DOCUMENTS,
                &id,
                "scan_status",
                text("scan_status")?.as_deref(),
            )?,
            scan_reason: r.try_get("scan_reason")?,
            detected: Classification {
                class: stored_opt(DOCUMENTS, &id, "class", text("class")?.as_deref())?,
                personal_data: stored_opt(
                    DOCUMENTS,
                    &id,
                    "personal_data",
                    text("personal_data")?.as_deref(),
                )?,
                special_categories: categories("special_categories")?.unwrap_or_default(),
            },
            class_override: stored_opt(
                DOCUMENTS,
                &id,
                "class_override",
                text("class_override")?.as_deref(),
            )?,
            personal_data_override: stored_opt(
                DOCUMENTS,
                &id,
                "personal_data_override",
                text("personal_data_override")?.as_deref(),
            )?,
            categories_override: categories("categories_override")?,
            effective: Classification {
                class: stored_opt(DOCUMENTS, &id, "class", text("eff_class")?.as_deref())?,
                personal_data: stored_opt(
                    DOCUMENTS,
                    &id,
                    "personal_data",
                    text("eff_kind")?.as_deref(),
                )?,
                special_categories: categories("eff_categories")?.unwrap_or_default(),
            },
            findings_total: r.try_get("findings_total")?,
            corrected_by: r.try_get("corrected_by")?,
            corrected_at: r.try_get("corrected_at")?,
            uploaded_by: r.try_get("uploaded_by")?,
            created_at: r.try_get("created_at")?,
            scanned_at: r.try_get("scanned_at")?,
            id,
        })
    }
}

/// A JSON array of category names as stored; anything else is corrupt.
fn categories_from_json(id: &str, column: &str, json: &str) -> Result<Vec<SpecialCategory>> {
    let names: Vec<String> = serde_json::from_str(json).map_err(|_| {
        crate::StoreError::Corrupt(format!(
            "{DOCUMENTS} row {id}: {column} is not a JSON list of category names"
        ))
    })?;
    names
        .iter()
        .map(|n| stored(DOCUMENTS, id, column, n))
        .collect()
}

/// The stored form of a set of categories: a JSON array of their names, sorted, without repeats.
fn categories_json(c: &[SpecialCategory]) -> String {
    let mut names: Vec<&str> = c.iter().map(|c| c.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    serde_json::to_string(&names).unwrap_or_else(|_| "[]".into())
}

/// A new document (an upload, or a container member found by a scan).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument {
    pub id: String,
    pub parent_id: Option<String>,
    pub name: String,
    pub path: String,
    pub size: Option<i64>,
    pub sha256: Option<String>,
    pub content_type: String,
    pub format: Option<String>,
    pub blob_key: Option<String>,
    pub status: DocumentStatus,
    pub uploaded_by: String,
    pub created_at: i64,
}

/// The scanner's verdict on one document; overrides are not part of it and survive it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentScan {
    pub status: DocumentStatus,
    pub scan_status: Option<ScanStatus>,
    pub scan_reason: Option<String>,
    pub verdict: Classification,
    pub findings_total: i64,
    /// The distinct entity types of the findings stored with this scan (the inventory counts by them).
    pub entity_types: Vec<EntityType>,
    pub format: Option<String>,
    pub sha256: Option<String>,
    pub size: Option<i64>,
    pub scanned_at: Option<i64>,
}

/// `types` as stored: distinct, sorted by their string form, comma-separated (the inventory groups by it).
fn entity_types_list(types: &[EntityType]) -> String {
    let mut names: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.join(",")
}

/// A user's correction; `None` clears that override.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentOverride {
    pub class_override: Option<DocumentClass>,
    pub personal_data_override: Option<PersonalDataKind>,
    pub categories_override: Option<Vec<SpecialCategory>>,
    pub corrected_by: String,
    pub corrected_at: i64,
}

/// One finding as stored.
#[derive(Clone, PartialEq, Eq)]
pub struct FindingRow {
    pub id: String,
    pub org_id: String,
    pub document_id: String,
    pub entity_type: EntityType,
    /// Encrypted value (AAD: org id, `document_findings`, `value_enc/<id>`).
    pub value_enc: Vec<u8>,
    pub value_masked: String,
    pub value_index: String,
    pub start: i64,
    pub end: i64,
    /// Confidence in thousandths.
    pub score_milli: i64,
    pub location: Option<String>,
    pub created_at: i64,
}

impl std::fmt::Debug for FindingRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print values, not even masked ones.
        f.debug_struct("FindingRow")
            .field("id", &self.id)
            .field("document_id", &self.document_id)
            .field("entity_type", &self.entity_type)
            .finish_non_exhaustive()
    }
}

impl FindingRow {
    fn from_row(r: &AnyRow) -> Result<FindingRow> {
        let id: String = r.try_get("id")?;
        let entity: String = r.try_get("entity_type")?;
        Ok(FindingRow {
            entity_type: stored(FINDINGS, &id, "entity_type", &entity)?,
            org_id: r.try_get("org_id")?,
            document_id: r.try_get("document_id")?,
            value_enc: r.try_get("value_enc")?,
            value_masked: r.try_get("value_masked")?,
            value_index: r.try_get("value_index")?,
            start: r.try_get("start_offset")?,
            end: r.try_get("end_offset")?,
            score_milli: r.try_get("score_milli")?,
            location: r.try_get("location")?,
            created_at: r.try_get("created_at")?,
            id,
        })
    }
}

/// Which documents to list. Effective values (override wins) are compared; `name_contains` is
/// case-insensitive. Members of containers are listed only with `include_members`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentQuery {
    pub personal_data: Option<PersonalDataKind>,
    pub class: Option<DocumentClass>,
    pub status: Option<DocumentStatus>,
    pub name_contains: Option<String>,
    pub include_members: bool,
    pub limit: i64,
    pub offset: i64,
}

/// Reads of one organisation's documents.
pub struct DocumentStore<'s> {
    store: &'s Store,
    scope: &'s OrgScope,
}

impl Store {
    /// The documents of the organisation `scope` stands for.
    pub fn documents<'s>(&'s self, scope: &'s OrgScope) -> DocumentStore<'s> {
        DocumentStore { store: self, scope }
    }
}

impl WriteTx {
    /// Document writes for the organisation `scope` stands for, inside this transaction.
    pub fn documents<'t>(&'t mut self, scope: &'t OrgScope) -> DocumentTx<'t> {
        DocumentTx {
            conn: self.conn(),
            scope,
        }
    }
}

fn like_pattern(s: &str) -> String {
    let mut out = String::from("%");
    for c in s.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

impl DocumentStore<'_> {
    async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.store.pool().acquire().await?)
    }

    fn org(&self) -> &str {
        self.scope.org_id()
    }

    /// Documents matching `q`, newest first, and the number of matches.
    pub async fn list(&self, q: &DocumentQuery) -> Result<(Vec<DocumentRow>, i64)> {
        let mut c = self.conn().await?;
        let filter = format!(
            "WHERE org_id = $1 AND ($2 IS NULL OR {EFF_KIND} = $2) AND ($3 IS NULL OR {EFF_CLASS} = $3) \
             AND ($4 IS NULL OR status = $4) AND ($5 IS NULL OR LOWER(name) LIKE $5 ESCAPE '\\') \
             AND ($6 = 1 OR parent_id IS NULL)"
        );
        let pattern = q.name_contains.as_deref().map(like_pattern);
        let members = i64::from(q.include_members);
        let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM documents {filter}"
        )))
        .bind(self.org())
        .bind(q.personal_data.map(PersonalDataKind::as_str))
        .bind(q.class.map(DocumentClass::as_str))
        .bind(q.status.map(DocumentStatus::as_str))
        .bind(&pattern)
        .bind(members)
        .fetch_one(&mut *c)
        .await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DOC_COLUMNS} FROM documents {filter} ORDER BY created_at DESC, id DESC LIMIT $7 OFFSET $8"
        )))
        .bind(self.org())
        .bind(q.personal_data.map(PersonalDataKind::as_str))
        .bind(q.class.map(DocumentClass::as_str))
        .bind(q.status.map(DocumentStatus::as_str))
        .bind(&pattern)
        .bind(members)
        .bind(q.limit.max(0))
        .bind(q.offset.max(0))
        .fetch_all(&mut *c)
        .await?;
        Ok((
            rows.iter()
                .map(DocumentRow::from_row)
                .collect::<Result<_>>()?,
            total,
        ))
    }

    pub async fn get(&self, id: &str) -> Result<Option<DocumentRow>> {
        let mut c = self.conn().await?;
        q_get(&mut c, self.org(), id).await
    }

    /// Members of a container, in path order.
    pub async fn children(&self, parent_id: &str) -> Result<Vec<DocumentRow>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DOC_COLUMNS} FROM documents WHERE org_id = $1 AND parent_id = $2 ORDER BY path, id"
        )))
        .bind(self.org())
        .bind(parent_id)
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(DocumentRow::from_row).collect()
    }

    /// Findings of one document, in text order.
    pub async fn findings(&self, document_id: &str) -> Result<Vec<FindingRow>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {FINDING_COLUMNS} FROM document_findings WHERE org_id = $1 AND document_id = $2 \
             ORDER BY start_offset, id"
        )))
        .bind(self.org())
        .bind(document_id)
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(FindingRow::from_row).collect()
    }

    pub async fn finding(&self, document_id: &str, finding_id: &str) -> Result<Option<FindingRow>> {
        let mut c = self.conn().await?;
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {FINDING_COLUMNS} FROM document_findings WHERE org_id = $1 AND document_id = $2 AND id = $3"
        )))
        .bind(self.org())
        .bind(document_id)
        .bind(finding_id)
        .fetch_optional(&mut *c)
        .await?;
        row.as_ref().map(FindingRow::from_row).transpose()
    }

    /// Findings whose blind index is one of `indexes` (exact lookup, no decryption), newest first: at most
    /// `limit`, after skipping `offset`.
    pub async fn findings_by_index(
        &self,
        indexes: &[String],
        limit: i64,
        offset: i64,
    ) -> Result<Vec<FindingRow>> {
        if indexes.is_empty() {
            return Ok(Vec::new());
        }
        let mut c = self.conn().await?;
        let placeholders: Vec<String> = (0..indexes.len()).map(|i| format!("${}", i + 4)).collect();
        let sql = format!(
            "SELECT {FINDING_COLUMNS} FROM document_findings WHERE org_id = $1 AND value_index IN ({}) \
             ORDER BY created_at DESC, id LIMIT $2 OFFSET $3",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.org())
            .bind(limit)
            .bind(offset.max(0));
        for i in indexes {
            query = query.bind(i);
        }
        let rows = query.fetch_all(&mut *c).await?;
        rows.iter().map(FindingRow::from_row).collect()
    }

    /// The documents with a finding whose blind index is one of `indexes` (a relation's values), oldest first, at
    /// most `limit`: how the rights module finds a person's documents until documents are linked to relations.
    pub async fn with_finding_index(
        &self,
        indexes: &[String],
        limit: i64,
    ) -> Result<Vec<DocumentRow>> {
        if indexes.is_empty() {
            return Ok(Vec::new());
        }
        let mut c = self.conn().await?;
        let placeholders: Vec<String> = (0..indexes.len()).map(|i| format!("${}", i + 3)).collect();
        let sql = format!(
            "SELECT {DOC_COLUMNS} FROM documents WHERE org_id = $1 AND id IN \
             (SELECT document_id FROM document_findings WHERE org_id = $1 AND value_index IN ({})) \
             ORDER BY created_at, id LIMIT $2",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.org())
            .bind(limit);
        for i in indexes {
            query = query.bind(i);
        }
        let rows = query.fetch_all(&mut *c).await?;
        rows.iter().map(DocumentRow::from_row).collect()
    }

    /// The newest findings of the organisation.
    pub async fn newest_findings(&self, limit: i64) -> Result<Vec<FindingRow>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {FINDING_COLUMNS} FROM document_findings WHERE org_id = $1 ORDER BY created_at DESC, id DESC \
             LIMIT $2"
        )))
        .bind(self.org())
        .bind(limit)
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(FindingRow::from_row).collect()
    }

    /// Number of documents (members included) per effective kind of personal data (`None` = not scanned yet).
    pub async fn count_by_kind(&self) -> Result<Vec<(Option<PersonalDataKind>, i64)>> {
        self.count_by(EFF_KIND, "personal_data").await
    }

    /// Number of documents (members included) per effective class (`None` = not scanned yet).
    pub async fn count_by_class(&self) -> Result<Vec<(Option<DocumentClass>, i64)>> {
        self.count_by(EFF_CLASS, "class").await
    }

    /// Number of documents (members included) per processing status.
    pub async fn count_by_status(&self) -> Result<Vec<(DocumentStatus, i64)>> {
        Ok(self
            .count_by::<DocumentStatus>("status", "status")
            .await?
            .into_iter()
            .filter_map(|(k, n)| Some((k?, n)))
            .collect())
    }

    async fn count_by<T: std::str::FromStr>(
        &self,
        expr: &'static str,
        column: &str,
    ) -> Result<Vec<(Option<T>, i64)>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {expr} AS k, COUNT(*) AS n FROM documents WHERE org_id = $1 GROUP BY {expr} ORDER BY {expr}"
        )))
        .bind(self.org())
        .fetch_all(&mut *c)
        .await?;
        rows.iter()
            .map(|r| {
                let k: Option<String> = r.try_get(0)?;
                // A grouped count has no single row to name: the organisation stands for it.
                let k = stored_opt(
                    DOCUMENTS,
                    &format!("(organisation {})", self.org()),
                    column,
                    k.as_deref(),
                )?;
                Ok((k, r.try_get::<i64, _>(1)?))
            })
            .collect()
    }

    /// Documents of effective class `class`, or, where no person corrected the class, holding a finding of one
    /// of `entity_types`. Newest first, at most `limit`. The list of ID copies: called with
    /// `kluis_domain::documents::IDENTITY_DOCUMENT_CLASS` and `IDENTITY_DOCUMENT_ENTITIES`.
    pub async fn identity_documents(
        &self,
        class: DocumentClass,
        entity_types: &[EntityType],
        limit: i64,
    ) -> Result<Vec<DocumentRow>> {
        let mut c = self.conn().await?;
        let placeholders: Vec<String> = (0..entity_types.len())
            .map(|i| format!("${}", i + 4))
            .collect();
        let types = if placeholders.is_empty() {
            "NULL".to_owned()
        } else {
            placeholders.join(", ")
        };
        let sql = format!(
            "SELECT {DOC_COLUMNS} FROM documents d WHERE d.org_id = $1 AND ({EFF_CLASS} = $3 OR \
             (d.class_override IS NULL AND EXISTS (SELECT 1 FROM document_findings f WHERE f.org_id = $1 \
             AND f.document_id = d.id AND f.entity_type IN ({types})))) ORDER BY d.created_at DESC, d.id DESC LIMIT $2"
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.org())
            .bind(limit)
            .bind(class.as_str());
        for t in entity_types {
            query = query.bind(t.as_str());
        }
        let rows = query.fetch_all(&mut *c).await?;
        rows.iter().map(DocumentRow::from_row).collect()
    }

    /// The entity types found in one document (for saying why it is special).
    pub async fn entity_types_in(&self, document_id: &str) -> Result<Vec<EntityType>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(
            "SELECT DISTINCT entity_type FROM document_findings WHERE org_id = $1 AND document_id = $2 \
             ORDER BY entity_type",
        )
        .bind(self.org())
        .bind(document_id)
        .fetch_all(&mut *c)
        .await?;
        rows.iter()
            .map(|r| {
                let e: String = r.try_get(0)?;
                stored(
                    FINDINGS,
                    &format!("(document {document_id})"),
                    "entity_type",
                    &e,
                )
            })
            .collect()
    }

    /// A top-level document of this organisation with content hash `sha256` (hex), if any: the oldest.
    pub async fn by_sha256(&self, sha256: &str) -> Result<Option<DocumentRow>> {
        let mut c = self.conn().await?;
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DOC_COLUMNS} FROM documents WHERE org_id = $1 AND sha256 = $2 AND parent_id IS NULL \
             ORDER BY created_at, id LIMIT 1"
        )))
        .bind(self.org())
        .bind(sha256)
        .fetch_optional(&mut *c)
        .await?;
        row.as_ref().map(DocumentRow::from_row).transpose()
    }

    /// Documents whose effective special categories include `category`, newest first, at most `limit`.
    pub async fn with_category(
        &self,
        category: SpecialCategory,
        limit: i64,
    ) -> Result<Vec<DocumentRow>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DOC_COLUMNS} FROM documents WHERE org_id = $1 AND {EFF_CATEGORIES} LIKE $2 \
             ORDER BY created_at DESC, id DESC LIMIT $3"
        )))
        .bind(self.org())
        .bind(format!("%\"{}\"%", category.as_str()))
        .bind(limit)
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(DocumentRow::from_row).collect()
    }

    /// Documents the scanner could not read (failed, or a scan status other than `ok`), newest first.
    pub async fn not_scanned(&self, limit: i64) -> Result<Vec<DocumentRow>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DOC_COLUMNS} FROM documents WHERE org_id = $1 AND (status = 'failed' OR \
             (scan_status IS NOT NULL AND scan_status <> 'ok')) ORDER BY created_at DESC, id DESC LIMIT $2"
        )))
        .bind(self.org())
        .bind(limit)
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(DocumentRow::from_row).collect()
    }

    /// How many documents [`Self::not_scanned`] would list, counted in the database.
    pub async fn not_scanned_count(&self) -> Result<i64> {
        let mut c = self.conn().await?;
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM documents WHERE org_id = $1 AND (status = 'failed' OR \
             (scan_status IS NOT NULL AND scan_status <> 'ok'))",
        )
        .bind(self.org())
        .fetch_one(&mut *c)
        .await?)
    }

    /// Every document with stored bytes (for key rotation): (id, blob key).
    pub async fn blob_keys(&self) -> Result<Vec<(String, String)>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(
            "SELECT id, blob_key FROM documents WHERE org_id = $1 AND blob_key IS NOT NULL ORDER BY id",
        )
        .bind(self.org())
        .fetch_all(&mut *c)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }

    /// Every finding's id and ciphertext (for key rotation).
    pub async fn finding_ciphertexts(&self) -> Result<Vec<(String, Vec<u8>)>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(
            "SELECT id, value_enc FROM document_findings WHERE org_id = $1 ORDER BY id",
        )
        .bind(self.org())
        .fetch_all(&mut *c)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }
}

async fn q_get(c: &mut AnyConnection, org_id: &str, id: &str) -> Result<Option<DocumentRow>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {DOC_COLUMNS} FROM documents WHERE org_id = $1 AND id = $2"
    )))
    .bind(org_id)
    .bind(id)
    .fetch_optional(&mut *c)
    .await?;
    row.as_ref().map(DocumentRow::from_row).transpose()
}

/// Writes to one organisation's documents inside a [`WriteTx`].
pub struct DocumentTx<'t> {
    conn: &'t mut AnyConnection,
    scope: &'t OrgScope,
}

impl DocumentTx<'_> {
    fn org(&self) -> &str {
        self.scope.org_id()
    }

    pub async fn get(&mut self, id: &str) -> Result<Option<DocumentRow>> {
        let org = self.scope.org_id().to_owned();
        q_get(self.conn, &org, id).await
    }

    pub async fn insert(&mut self, d: &NewDocument) -> Result<()> {
        sqlx::query(
            "INSERT INTO documents (id, org_id, parent_id, name, path, size, sha256, content_type, format, blob_key, \
             status, special_categories, findings_total, uploaded_by, created_at) \
             VALUES ($2, $1, $3, $4, $5, $6, $7, $8, $9, $10, $11, '[]', 0, $12, $13)",
        )
        .bind(self.scope.org_id())
        .bind(&d.id)
        .bind(&d.parent_id)
        .bind(&d.name)
        .bind(&d.path)
        .bind(d.size)
        .bind(&d.sha256)
        .bind(&d.content_type)
        .bind(&d.format)
        .bind(&d.blob_key)
        .bind(d.status.as_str())
        .bind(&d.uploaded_by)
        .bind(d.created_at)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Sets the processing status (and optionally the scan status and reason). NotFound if there is no such document.
    pub async fn set_status(
        &mut self,
        id: &str,
        status: DocumentStatus,
        scan_status: Option<ScanStatus>,
        scan_reason: Option<&str>,
    ) -> Result<()> {
        found( sqlx::query(
            "UPDATE documents SET status = $3, scan_status = COALESCE($4, scan_status), \
             scan_reason = CASE WHEN $4 IS NULL THEN scan_reason ELSE $5 END WHERE org_id = $1 AND id = $2",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .bind(status.as_str())
        .bind(scan_status.map(ScanStatus::as_str))
        .bind(scan_reason)
        .execute(&mut *self.conn)
        .await?,
        )
    }

    /// Stores the scanner's verdict; overrides stay as they are.
    pub async fn set_scan(&mut self, id: &str, s: &DocumentScan) -> Result<()> {
        found( sqlx::query(
            "UPDATE documents SET status = $3, scan_status = $4, scan_reason = $5, class = $6, personal_data = $7, \
             special_categories = $8, findings_total = $9, format = COALESCE($10, format), \
             sha256 = COALESCE($11, sha256), size = COALESCE($12, size), scanned_at = $13, entity_types = $14 \
             WHERE org_id = $1 AND id = $2",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .bind(s.status.as_str())
        .bind(s.scan_status.map(ScanStatus::as_str))
        .bind(&s.scan_reason)
        .bind(s.verdict.class.map(DocumentClass::as_str))
        .bind(s.verdict.personal_data.map(PersonalDataKind::as_str))
        .bind(categories_json(&s.verdict.special_categories))
        .bind(s.findings_total)
        .bind(&s.format)
        .bind(&s.sha256)
        .bind(s.size)
        .bind(s.scanned_at)
        .bind(entity_types_list(&s.entity_types))
        .execute(&mut *self.conn)
        .await?,
        )
    }

    /// Replaces the user's correction (all three overrides at once).
    pub async fn set_override(&mut self, id: &str, o: &DocumentOverride) -> Result<()> {
        found( sqlx::query(
            "UPDATE documents SET class_override = $3, personal_data_override = $4, categories_override = $5, \
             corrected_by = $6, corrected_at = $7 WHERE org_id = $1 AND id = $2",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .bind(o.class_override.map(DocumentClass::as_str))
        .bind(o.personal_data_override.map(PersonalDataKind::as_str))
        .bind(o.categories_override.as_deref().map(categories_json))
        .bind(&o.corrected_by)
        .bind(o.corrected_at)
        .execute(&mut *self.conn)
        .await?,
        )
    }

    /// Deletes the findings of the document and of its members, and its members (not the document itself).
    pub async fn clear_scan_results(&mut self, id: &str) -> Result<()> {
        let org = self.org().to_owned();
        sqlx::query(
            "DELETE FROM document_findings WHERE org_id = $1 AND (document_id = $2 OR document_id IN \
             (SELECT id FROM documents WHERE org_id = $1 AND parent_id = $2))",
        )
        .bind(&org)
        .bind(id)
        .execute(&mut *self.conn)
        .await?;
        sqlx::query("DELETE FROM documents WHERE org_id = $1 AND parent_id = $2")
            .bind(&org)
            .bind(id)
            .execute(&mut *self.conn)
            .await?;
        Ok(())
    }

    /// Deletes a document with its findings and members. NotFound if there is no such document.
    pub async fn delete(&mut self, id: &str) -> Result<()> {
        self.clear_scan_results(id).await?;
        found(
            sqlx::query("DELETE FROM documents WHERE org_id = $1 AND id = $2")
                .bind(self.scope.org_id())
                .bind(id)
                .execute(&mut *self.conn)
                .await?,
        )
    }

    /// Inserts a finding; its `org_id` is taken from the scope.
    pub async fn insert_finding(&mut self, f: &FindingRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO document_findings (id, org_id, document_id, entity_type, value_enc, value_masked, \
             value_index, start_offset, end_offset, score_milli, location, created_at) \
             VALUES ($2, $1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(self.scope.org_id())
        .bind(&f.id)
        .bind(&f.document_id)
        .bind(f.entity_type.as_str())
        .bind(&f.value_enc)
        .bind(&f.value_masked)
        .bind(&f.value_index)
        .bind(f.start)
        .bind(f.end)
        .bind(f.score_milli)
        .bind(&f.location)
        .bind(f.created_at)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Replaces a finding's ciphertext (key rotation).
    pub async fn set_finding_enc(&mut self, id: &str, value_enc: &[u8]) -> Result<()> {
        sqlx::query("UPDATE document_findings SET value_enc = $3 WHERE org_id = $1 AND id = $2")
            .bind(self.scope.org_id())
            .bind(id)
            .bind(value_enc)
            .execute(&mut *self.conn)
            .await?;
        Ok(())
    }
}
