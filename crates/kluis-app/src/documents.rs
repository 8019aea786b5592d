//! Documents: upload (bytes always encrypted at rest), the `document.scan` job, findings behind blind indexes,
//! corrections that survive re-scans, audited reveal and download, the overview and the CLI import. The
//! identifier lookup through the blind index is its own service (`identifiers.rs`).

use kluis_domain::AuditAction;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use kluis_crypto::KeyRing;
pub use kluis_domain::DocumentStatus;
use kluis_domain::documents::{
    IDENTITY_DOCUMENT_CLASS, IDENTITY_DOCUMENT_ENTITIES, accept_upload, content_permission,
    correction_rule, reveal_permission,
};
use kluis_domain::{
    Classification, DocumentClass, EntityType, Permission, PersonalDataKind, ScanStatus,
    SpecialCategory,
};
use kluis_scan::{DocumentReport, Location, ScanOptions, WorkerScanner};
use kluis_store::{
    DocumentOverride, DocumentQuery, DocumentRow, DocumentScan, FindingRow, NewDocument, NewJob,
    OrgScope, now_ms,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::audit::{CLI_ACTOR, JOBS_ACTOR, event, require};
use crate::{Actor, App, AppError, Job, Origin, retry};

/// Job kind that scans one uploaded document; payload `{"document_id": "…"}`, org id on the job.
pub const JOB_DOCUMENT_SCAN: &str = "document.scan";

const FINDINGS_TABLE: &str = "document_findings";
const DOCUMENTS_TABLE: &str = "documents";
/// Findings shown in the overview, at most.
const OVERVIEW_LIMIT: i64 = 20;

/// One document in lists: effective class, kind and categories (a user's correction wins over the scanner).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentSummary {
    pub id: String,
    /// The container this is a member of (ZIP entry, MBOX message).
    pub parent_id: Option<String>,
    /// File name. May be personal data: show it, never log or audit it.
    pub name: String,
    /// `archive.zip!/a.docx` for members; the name for uploads.
    pub path: String,
    pub size: Option<u64>,
    pub sha256: Option<String>,
    pub content_type: String,
    /// Detected format (`pdf`, `docx`, …) once scanned.
    pub format: Option<String>,
    pub status: DocumentStatus,
    /// What the scanner could do with the content (`ok`, `corrupt`, `encrypted`, …); `None` before the scan.
    pub scan_status: Option<ScanStatus>,
    /// Why the scan status is not `ok`, in words for a person.
    pub scan_reason: Option<String>,
    pub class: Option<DocumentClass>,
    pub personal_data: Option<PersonalDataKind>,
    pub special_categories: Vec<SpecialCategory>,
    /// Whether a user corrected class, kind or categories.
    pub corrected: bool,
    pub corrected_by: Option<String>,
    pub corrected_at_ms: Option<i64>,
    /// Number of findings the scanner reported (may exceed the stored ones for huge documents).
    pub findings_total: u64,
    /// A user id, or `cli`.
    pub uploaded_by: String,
    pub created_at_ms: i64,
    pub scanned_at_ms: Option<i64>,
}

/// One finding as shown: the value masked; reveal it with [`App::reveal_finding`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentFinding {
    pub id: String,
    pub document_id: String,
    pub entity: EntityType,
    pub masked: String,
    pub start: u64,
    pub end: u64,
    pub score: f32,
    /// Where in the document: a page, paragraph, cell, part or attachment, when the format has them.
    pub location: Option<Location>,
    /// Revealing needs Permission::RevealSensitive (`kluis_domain::documents::reveal_permission`: national IDs,
    /// sensitive identifiers, anything in a special document).
    pub sensitive: bool,
}

/// A document with its findings and members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentDetail {
    pub summary: DocumentSummary,
    /// Why the document is special (empty when it is not): a national number, an identity document, a category.
    pub special_reasons: Vec<kluis_domain::documents::SpecialReason>,
    /// The scanner's own verdict, before any correction.
    pub detected_class: Option<DocumentClass>,
    pub detected_personal_data: Option<PersonalDataKind>,
    pub detected_special_categories: Vec<SpecialCategory>,
    /// Masked values, in text order.
    pub findings: Vec<DocumentFinding>,
    /// Members of a container.
    pub children: Vec<DocumentSummary>,
}

/// Which documents to list. `page` starts at 1; `per_page` defaults to 50, at most 500. Members of containers are
/// listed only with `include_members`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentFilter {
    pub kind: Option<PersonalDataKind>,
    pub class: Option<DocumentClass>,
    pub status: Option<DocumentStatus>,
    /// Name contains (case-insensitive).
    pub q: Option<String>,
    pub page: u32,
    pub per_page: u32,
    pub include_members: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentPage {
    /// Newest first.
    pub documents: Vec<DocumentSummary>,
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
}

/// A user's correction of the scanner's verdict; `None` leaves that part as it is. Kept across re-scans.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentCorrection {
    pub class: Option<DocumentClass>,
    pub personal_data: Option<PersonalDataKind>,
    pub special_categories: Option<Vec<SpecialCategory>>,
}

/// A finding with the document it is in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingInDocument {
    pub finding: DocumentFinding,
    pub document_id: String,
    pub document_name: String,
    pub document_path: String,
}

/// The organisation's documents at a glance. Counts include container members; `None` keys are documents not
/// scanned yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentOverview {
    pub total: u64,
    pub by_kind: Vec<(Option<PersonalDataKind>, u64)>,
    pub by_class: Vec<(Option<DocumentClass>, u64)>,
    pub by_status: Vec<(DocumentStatus, u64)>,
    /// Documents holding identity documents (class `id_copy`, or an ID document or national number found).
    pub id_documents: Vec<DocumentSummary>,
    /// Documents holding health data (special category health).
    pub health_documents: Vec<DocumentSummary>,
    /// Documents the scanner could not read (failed, or scan status other than `ok`): never silently skipped.
    pub not_scanned: Vec<DocumentSummary>,
    /// Newest findings, masked.
    pub newest_findings: Vec<FindingInDocument>,
}

/// One file of an import: the document made from it, or why it could not be imported.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedFile {
    pub path: PathBuf,
    /// The document (for a skipped file: the one already holding its content), or why it was not imported.
    pub result: Result<DocumentSummary, String>,
    /// Set when the organisation already held a document with the same content (SHA-256): the file was skipped,
    /// and `result` is that document.
    pub skipped: bool,
}

/// What `kluis import-docs` did.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    pub files: Vec<ImportedFile>,
    pub imported: u64,
    /// Files whose content the organisation already held (by SHA-256): not imported again.
    pub skipped: u64,
    pub failed: u64,
    /// Imported top-level documents by effective kind after scanning (`None`: not scanned).
    pub by_kind: Vec<(Option<PersonalDataKind>, u64)>,
    /// Imported top-level documents by processing status.
    pub by_status: Vec<(DocumentStatus, u64)>,
}

pub(crate) fn blob_aad(org_id: &str, document_id: &str) -> Vec<u8> {
    KeyRing::aad(org_id, DOCUMENTS_TABLE, &format!("blob/{document_id}"))
}

pub(crate) fn finding_aad(org_id: &str, finding_id: &str) -> Vec<u8> {
    KeyRing::aad(org_id, FINDINGS_TABLE, &format!("value_enc/{finding_id}"))
}

pub(crate) fn blob_key(org_id: &str, document_id: &str) -> String {
    format!("documents/{org_id}/{document_id}")
}

fn summary(d: &DocumentRow) -> DocumentSummary {
    DocumentSummary {
        id: d.id.clone(),
        parent_id: d.parent_id.clone(),
        name: d.name.clone(),
        path: d.path.clone(),
        size: d.size.and_then(|s| u64::try_from(s).ok()),
        sha256: d.sha256.clone(),
        content_type: d.content_type.clone(),
        format: d.format.clone(),
        status: d.status,
        scan_status: d.scan_status,
        scan_reason: d.scan_reason.clone(),
        class: d.effective.class,
        personal_data: d.effective.personal_data,
        special_categories: d.effective.special_categories.clone(),
        corrected: d.is_corrected(),
        corrected_by: d.corrected_by.clone(),
        corrected_at_ms: d.corrected_at,
        findings_total: u64::try_from(d.findings_total).unwrap_or(0),
        uploaded_by: d.uploaded_by.clone(),
        created_at_ms: d.created_at,
        scanned_at_ms: d.scanned_at,
    }
}

impl DocumentSummary {
    /// The effective classification, for the domain's rules.
    pub fn classification(&self) -> Classification {
        Classification {
            class: self.class,
            personal_data: self.personal_data,
            special_categories: self.special_categories.clone(),
        }
    }

    /// Special personal data (`Classification::is_special`): its values and content need
    /// Permission::RevealSensitive.
    pub fn is_special(&self) -> bool {
        self.classification().is_special()
    }
}

/// The masked form shown on every page and in the API. IBANs stored before masking ignored the document's layout
/// are masked again (kluis_pii::mask is idempotent for them), so one IBAN looks the same everywhere.
fn display_mask(f: &FindingRow) -> String {
    match f.entity_type {
        EntityType::Iban => kluis_pii::mask(EntityType::Iban, &f.value_masked),
        _ => f.value_masked.clone(),
    }
}

fn finding_view(doc: &Classification, f: &FindingRow) -> DocumentFinding {
    DocumentFinding {
        id: f.id.clone(),
        document_id: f.document_id.clone(),
        entity: f.entity_type,
        masked: display_mask(f),
        start: u64::try_from(f.start).unwrap_or(0),
        end: u64::try_from(f.end).unwrap_or(0),
        score: f.score_milli as f32 / 1000.0,
        location: f.location.as_deref().and_then(stored_location),
        sensitive: reveal_permission(doc, f.entity_type) == Permission::RevealSensitive,
    }
}

/// A stored finding location: the scanner's JSON form, or the English words rows from before it were stored as.
fn stored_location(stored: &str) -> Option<Location> {
    serde_json::from_str(stored)
        .ok()
        .or_else(|| Location::from_legacy(stored))
}

/// The MIME type for a file name's extension; the scanner detects the real format by content.
fn content_type_for(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "eml" => "message/rfc822",
        "mbox" => "application/mbox",
        "msg" => "application/vnd.ms-outlook",
        "zip" => "application/zip",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "doc" => "application/msword",
        "xls" => "application/vnd.ms-excel",
        "ppt" => "application/vnd.ms-powerpoint",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "odp" => "application/vnd.oasis.opendocument.presentation",
        "rtf" => "application/rtf",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "tif" | "tiff" => "image/tiff",
        _ => "application/octet-stream",
    }
}

/// Who acts: a user or the CLI, in one organisation.
struct Caller<'a> {
    scope: &'a OrgScope,
    actor: &'a str,
    origin: &'a Origin,
}

impl App {
    fn caller<'a>(actor: &'a Actor) -> Caller<'a> {
        Caller {
            scope: &actor.scope,
            actor: actor.user_id.as_str(),
            origin: &actor.origin,
        }
    }

    /// Uploads a document (Permission::Write): stores its bytes encrypted (AAD: organisation + document id),
    /// records it as `queued` and enqueues the `document.scan` job, all before returning; the scan runs later.
    /// Invalid if larger than `AppConfig::max_document_size` or without a usable name.
    pub async fn upload_document(
        &self,
        actor: &Actor,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<DocumentSummary, AppError> {
        require(actor, Permission::Write)?;
        self.upload_as(&Self::caller(actor), name, bytes).await
    }

    async fn upload_as(
        &self,
        caller: &Caller<'_>,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<DocumentSummary, AppError> {
        let name = accept_upload(name, bytes.len() as u64, self.config().max_document_size)
            .map_err(|r| AppError::invalid(r.field(), r.to_string()))?;
        let sha256 = hex::encode(Sha256::digest(&bytes));
        let org_id = caller.scope.org_id().to_owned();
        let id = uuid::Uuid::now_v7().to_string();
        let key = blob_key(&org_id, &id);
        let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
        let sealed = self.keys().encrypt(&bytes, &blob_aad(&org_id, &id));
        drop(bytes);
        self.blobs()
            .put(&key, sealed)
            .await
            .map_err(AppError::internal)?;
        let now = now_ms();
        let new = NewDocument {
            id: id.clone(),
            parent_id: None,
            name: name.clone(),
            path: name.clone(),
            size: Some(size),
            sha256: Some(sha256),
            content_type: content_type_for(&name).to_owned(),
            format: None,
            blob_key: Some(key.clone()),
            status: DocumentStatus::Queued,
            uploaded_by: caller.actor.to_owned(),
            created_at: now,
        };
        let result = retry!({
            let mut tx = self.db().begin_write().await?;
            tx.documents(caller.scope).insert(&new).await?;
            tx.enqueue_job(&scan_job(&org_id, &id, now)).await?;
            tx.tenant(caller.scope)
                .append_audit(&event(
                    caller.actor,
                    AuditAction::DocumentUpload,
                    "document",
                    &id,
                    &["name", "size", "content"],
                    caller.origin,
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        });
        if let Err(e) = result {
            // The row never existed: do not leave its bytes behind.
            let _ = self.blobs().delete(&key).await;
            return Err(e);
        }
        tracing::info!(document = %id, bytes = size, "document uploaded");
        self.db()
            .documents(caller.scope)
            .get(&id)
            .await?
            .map(|d| summary(&d))
            .ok_or(AppError::NotFound)
    }

    /// Documents of the actor's organisation (Permission::Read), newest first.
    pub async fn documents(
        &self,
        actor: &Actor,
        filter: DocumentFilter,
    ) -> Result<DocumentPage, AppError> {
        require(actor, Permission::Read)?;
        let per_page = match filter.per_page {
            0 => 50,
            n => n.min(500),
        };
        let page = filter.page.max(1);
        let q = DocumentQuery {
            personal_data: filter.kind,
            class: filter.class,
            status: filter.status,
            name_contains: filter
                .q
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            include_members: filter.include_members,
            limit: i64::from(per_page),
            offset: i64::from(page - 1) * i64::from(per_page),
        };
        let (rows, total) = self.db().documents(&actor.scope).list(&q).await?;
        Ok(DocumentPage {
            documents: rows.iter().map(summary).collect(),
            page,
            per_page,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    /// One document with masked findings and its members (Permission::Read). NotFound for other organisations.
    pub async fn document(&self, actor: &Actor, id: &str) -> Result<DocumentDetail, AppError> {
        require(actor, Permission::Read)?;
        let docs = self.db().documents(&actor.scope);
        let d = docs.get(id).await?.ok_or(AppError::NotFound)?;
        let findings: Vec<DocumentFinding> = docs
            .findings(id)
            .await?
            .iter()
            .map(|f| finding_view(&d.effective, f))
            .collect();
        let children = docs.children(id).await?.iter().map(summary).collect();
        let mut found: Vec<EntityType> = findings.iter().map(|f| f.entity).collect();
        found.sort_unstable();
        found.dedup();
        Ok(DocumentDetail {
            summary: summary(&d),
            special_reasons: kluis_domain::documents::special_reasons(&d.effective, &found),
            detected_class: d.detected.class,
            detected_personal_data: d.detected.personal_data,
            detected_special_categories: d.detected.special_categories.clone(),
            findings,
            children,
        })
    }

    /// The clear value of one finding. Needs Permission::RevealSensitive for national IDs and sensitive
    /// identifiers and for any finding in a special-category document, Permission::Read otherwise. Always
    /// audited (`finding.reveal`), without the value.
    pub async fn reveal_finding(
        &self,
        actor: &Actor,
        document_id: &str,
        finding_id: &str,
    ) -> Result<String, AppError> {
        require(actor, Permission::Read)?;
        let docs = self.db().documents(&actor.scope);
        let d = docs.get(document_id).await?.ok_or(AppError::NotFound)?;
        let f = docs
            .finding(document_id, finding_id)
            .await?
            .ok_or(AppError::NotFound)?;
        require(actor, reveal_permission(&d.effective, f.entity_type))?;
        let plain = self
            .keys()
            .decrypt(&f.value_enc, &finding_aad(actor.scope.org_id(), &f.id))?;
        let value = String::from_utf8(plain).map_err(AppError::internal)?;
        self.audit_access(
            actor,
            &actor.event(
                AuditAction::FindingReveal,
                "document_finding",
                &f.id,
                &[f.entity_type.as_str()],
            ),
        )
        .await?;
        Ok(value)
    }

    /// The original bytes of an uploaded document: (name, content type, bytes). Permission::Read, or
    /// Permission::RevealSensitive for special-category documents; audited (`document.download`). Members of a
    /// container cannot be downloaded on their own.
    pub async fn download_document(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<(String, String, Vec<u8>), AppError> {
        require(actor, Permission::Read)?;
        let d = self
            .db()
            .documents(&actor.scope)
            .get(id)
            .await?
            .ok_or(AppError::NotFound)?;
        require(actor, content_permission(&d.effective))?;
        let bytes = self.document_bytes(&d).await?;
        self.audit_access(
            actor,
            &actor.event(
                AuditAction::DocumentDownload,
                "document",
                &d.id,
                &["content"],
            ),
        )
        .await?;
        Ok((d.name, d.content_type, bytes))
    }

    pub(crate) async fn document_bytes(&self, d: &DocumentRow) -> Result<Vec<u8>, AppError> {
        let Some(key) = d.blob_key.as_deref() else {
            return Err(AppError::invalid(
                "document",
                "this is part of a container; download the container instead",
            ));
        };
        let sealed = self
            .blobs()
            .get(key)
            .await
            .map_err(AppError::internal)?
            .ok_or_else(|| {
                AppError::Conflict("the stored file of this document is missing".into())
            })?;
        Ok(self.keys().decrypt(&sealed, &blob_aad(&d.org_id, &d.id))?)
    }

    /// Corrects the scanner's verdict (Permission::Write). The correction wins over every later scan; the audit
    /// event names the changed fields.
    pub async fn correct_document(
        &self,
        actor: &Actor,
        id: &str,
        correction: DocumentCorrection,
    ) -> Result<DocumentSummary, AppError> {
        require(actor, Permission::Write)?;
        let d = retry!({
            let mut tx = self.db().begin_write().await?;
            let d = tx
                .documents(&actor.scope)
                .get(id)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut fields = Vec::new();
            let mut o = DocumentOverride {
                class_override: d.class_override,
                personal_data_override: d.personal_data_override,
                categories_override: d.categories_override.clone(),
                corrected_by: actor.user_id.as_str().to_owned(),
                corrected_at: now_ms(),
            };
            if let Some(c) = correction.class {
                o.class_override = Some(c);
                fields.push("class");
            }
            if let Some(k) = correction.personal_data {
                o.personal_data_override = Some(k);
                fields.push("personal_data");
            }
            if let Some(c) = &correction.special_categories {
                let mut c = c.clone();
                c.sort_unstable();
                c.dedup();
                o.categories_override = Some(c);
                fields.push("special_categories");
            }
            if fields.is_empty() {
                return Err(AppError::invalid("correction", "nothing to change"));
            }
            tx.documents(&actor.scope).set_override(id, &o).await?;
            let after = tx
                .documents(&actor.scope)
                .get(id)
                .await?
                .ok_or(AppError::NotFound)?;
            // Judged on the effective values before and after, as the store computes them: lowering a special
            // document needs the reveal permission. Refused here, the transaction rolls back unapplied.
            let rule = correction_rule(&d.effective, &after.effective);
            require(actor, rule.permission)?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(rule.action, "document", id, &fields))
                .await?;
            tx.commit().await?;
            Ok(after)
        })?;
        Ok(summary(&d))
    }

    /// Scans a document again (Permission::Write): status back to `queued` and a new `document.scan` job.
    /// Corrections are kept. Only uploaded documents (not container members) can be re-scanned.
    pub async fn rescan_document(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<DocumentSummary, AppError> {
        require(actor, Permission::Write)?;
        let d = retry!({
            let mut tx = self.db().begin_write().await?;
            let d = tx
                .documents(&actor.scope)
                .get(id)
                .await?
                .ok_or(AppError::NotFound)?;
            if d.blob_key.is_none() {
                return Err(AppError::invalid(
                    "document",
                    "this is part of a container; scan the container again instead",
                ));
            }
            tx.documents(&actor.scope)
                .set_status(id, DocumentStatus::Queued, None, None)
                .await?;
            tx.enqueue_job(&scan_job(actor.scope.org_id(), id, now_ms()))
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::DocumentRescan,
                    "document",
                    id,
                    &["status"],
                ))
                .await?;
            let d = tx
                .documents(&actor.scope)
                .get(id)
                .await?
                .ok_or(AppError::NotFound)?;
            tx.commit().await?;
            Ok(d)
        })?;
        Ok(summary(&d))
    }

    /// Deletes a document with its findings, members and stored bytes (Permission::Write); audited. Members of a
    /// container are deleted with the container only.
    pub async fn delete_document(&self, actor: &Actor, id: &str) -> Result<(), AppError> {
        require(actor, Permission::Write)?;
        let key = retry!({
            let mut tx = self.db().begin_write().await?;
            let d = tx
                .documents(&actor.scope)
                .get(id)
                .await?
                .ok_or(AppError::NotFound)?;
            if d.parent_id.is_some() {
                return Err(AppError::invalid(
                    "document",
                    "this is part of a container; delete the container instead",
                ));
            }
            if tx.retention(&actor.scope).is_held(id).await? {
                return Err(AppError::Conflict(
                    "a legal hold is on this document: it cannot be deleted until the hold is lifted".into(),
                ));
            }
            tx.documents(&actor.scope).delete(id).await?;
            tx.links(&actor.scope).forget_document(id).await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::DocumentDelete,
                    "document",
                    id,
                    &["content", "findings"],
                ))
                .await?;
            tx.commit().await?;
            Ok(d.blob_key)
        })?;
        if let Some(key) = key {
            // After the commit: a failure here leaves unreadable ciphertext without a row, never a row without
            // bytes. Logged by id only.
            if let Err(e) = self.blobs().delete(&key).await {
                tracing::warn!(document = %id, error = %e, "could not delete the stored bytes of a document");
            }
        }
        Ok(())
    }

    /// How many documents the organisation holds per kind of personal data (`None` = not scanned yet): one
    /// grouped count, for the dashboard.
    pub async fn document_counts_by_kind(
        &self,
        actor: &Actor,
    ) -> Result<Vec<(Option<PersonalDataKind>, u64)>, AppError> {
        require(actor, Permission::Read)?;
        Ok(self
            .db()
            .documents(&actor.scope)
            .count_by_kind()
            .await?
            .into_iter()
            .map(|(k, n)| (k, u64::try_from(n).unwrap_or(0)))
            .collect())
    }

    /// Counts and lists for the documents dashboard (Permission::Read).
    pub async fn document_overview(&self, actor: &Actor) -> Result<DocumentOverview, AppError> {
        require(actor, Permission::Read)?;
        let docs = self.db().documents(&actor.scope);
        let count = |v: i64| u64::try_from(v).unwrap_or(0);
        let by_kind: Vec<(Option<PersonalDataKind>, u64)> = docs
            .count_by_kind()
            .await?
            .into_iter()
            .map(|(k, n)| (k, count(n)))
            .collect();
        let by_class = docs
            .count_by_class()
            .await?
            .into_iter()
            .map(|(k, n)| (k, count(n)))
            .collect();
        let by_status = docs
            .count_by_status()
            .await?
            .into_iter()
            .map(|(k, n)| (k, count(n)))
            .collect();
        let id_documents = docs
            .identity_documents(IDENTITY_DOCUMENT_CLASS, IDENTITY_DOCUMENT_ENTITIES, 500)
            .await?
            .iter()
            .map(summary)
            .collect();
        let health_documents = docs
            .with_category(SpecialCategory::Health, 500)
            .await?
            .iter()
            .map(summary)
            .collect();
        let not_scanned = docs.not_scanned(500).await?.iter().map(summary).collect();
        let newest = docs.newest_findings(OVERVIEW_LIMIT).await?;
        let newest_findings = self.with_documents(&actor.scope, &newest).await?;
        Ok(DocumentOverview {
            total: by_kind.iter().map(|(_, n)| n).sum(),
            by_kind,
            by_class,
            by_status,
            id_documents,
            health_documents,
            not_scanned,
            newest_findings,
        })
    }

    pub(crate) async fn with_documents(
        &self,
        scope: &OrgScope,
        findings: &[FindingRow],
    ) -> Result<Vec<FindingInDocument>, AppError> {
        let docs = self.db().documents(scope);
        let mut cache: BTreeMap<String, Option<DocumentRow>> = BTreeMap::new();
        let mut out = Vec::new();
        for f in findings {
            if !cache.contains_key(&f.document_id) {
                let d = docs.get(&f.document_id).await?;
                cache.insert(f.document_id.clone(), d);
            }
            let Some(Some(d)) = cache.get(&f.document_id) else {
                continue;
            };
            let view = finding_view(&d.effective, f);
            out.push(FindingInDocument {
                finding: view,
                document_id: d.id.clone(),
                document_name: d.name.clone(),
                document_path: d.path.clone(),
            });
        }
        Ok(out)
    }

    /// Imports files and folders (recursively) into organisation `org_slug` as the CLI (audited as `cli`), then
    /// runs the queued scan jobs before returning. A file that cannot be read or that the upload rule refuses
    /// (empty, too large) is reported in the result and the run goes on. A file whose content (SHA-256) the
    /// organisation already holds is skipped, so running the import on the same folder again adds nothing.
    /// NotFound if there is no such organisation.
    pub async fn import_documents(
        &self,
        org_slug: &str,
        paths: &[PathBuf],
    ) -> Result<ImportReport, AppError> {
        let org = self
            .db()
            .org_by_slug(org_slug.trim())
            .await?
            .ok_or(AppError::NotFound)?;
        let scope = OrgScope::system(&org);
        let origin = Origin::cli();
        let caller = Caller {
            scope: &scope,
            actor: CLI_ACTOR,
            origin: &origin,
        };
        let mut files = Vec::new();
        for p in paths {
            collect_files(p, &mut files);
        }
        let mut results = Vec::new();
        for (path, read) in files {
            let mut skipped = false;
            let result = match read {
                Err(why) => Err(why),
                Ok(()) => match tokio::fs::read(&path).await {
                    Err(e) => Err(format!("cannot read the file: {e}")),
                    Ok(bytes) => {
                        let hash = hex::encode(Sha256::digest(&bytes));
                        match self.db().documents(&scope).by_sha256(&hash).await? {
                            Some(existing) => {
                                skipped = true;
                                Ok(summary(&existing))
                            }
                            None => {
                                let name = path
                                    .file_name()
                                    .map(|n| n.to_string_lossy().into_owned())
                                    .unwrap_or_default();
                                self.upload_as(&caller, &name, bytes)
                                    .await
                                    .map_err(|e| e.to_string())
                            }
                        }
                    }
                },
            };
            results.push(ImportedFile {
                path,
                result,
                skipped,
            });
        }
        // Run the scans now, so the command can say what it found.
        let instance = format!("cli-import-{}", uuid::Uuid::now_v7());
        while self.run_one_job(&instance).await? {}
        let docs = self.db().documents(&scope);
        let mut by_kind: BTreeMap<Option<PersonalDataKind>, u64> = BTreeMap::new();
        let mut by_status: BTreeMap<DocumentStatus, u64> = BTreeMap::new();
        let (mut imported, mut skipped, mut failed) = (0u64, 0u64, 0u64);
        for f in &mut results {
            match &mut f.result {
                Ok(_) if f.skipped => skipped += 1,
                Ok(s) => {
                    imported += 1;
                    if let Some(d) = docs.get(&s.id).await? {
                        *s = summary(&d);
                    }
                    *by_kind.entry(s.personal_data).or_default() += 1;
                    *by_status.entry(s.status).or_default() += 1;
                }
                Err(_) => failed += 1,
            }
        }
        Ok(ImportReport {
            files: results,
            imported,
            skipped,
            failed,
            by_kind: by_kind.into_iter().collect(),
            by_status: by_status.into_iter().collect(),
        })
    }

    /// The `document.scan` job: decrypt, scan in an isolated worker, and store the verdict, findings and
    /// container members in one transaction. A crash or timeout marks the document `failed` and makes the job
    /// retry; unreadable content (corrupt, encrypted, unsupported, …) is a finished scan with that scan status.
    pub(crate) async fn run_document_scan(&self, job: Job) -> Result<(), AppError> {
        let org_id = job.org_id.clone().ok_or_else(|| {
            AppError::internal(anyhow::anyhow!("document.scan job without organisation"))
        })?;
        let document_id = job
            .payload
            .get("document_id")
            .and_then(|v| v.as_str())
            .ok_or_else(|| {
                AppError::internal(anyhow::anyhow!("document.scan job without document id"))
            })?
            .to_owned();
        let Some(org) = self.db().org_by_id(&org_id).await? else {
            // The organisation is gone: nothing of it is left to scan.
            return Ok(());
        };
        let scope = OrgScope::system(&org);
        let Some(doc) = self.db().documents(&scope).get(&document_id).await? else {
            // Deleted meanwhile: nothing to do.
            return Ok(());
        };
        {
            let mut tx = self.db().begin_write().await?;
            tx.documents(&scope)
                .set_status(&document_id, DocumentStatus::Scanning, None, None)
                .await?;
            tx.commit().await?;
        }
        let bytes = match self.document_bytes(&doc).await {
            Ok(b) => b,
            Err(e) => {
                self.mark_failed(
                    &scope,
                    &document_id,
                    ScanStatus::Unreadable,
                    "the stored file could not be read",
                )
                .await?;
                return Err(e);
            }
        };
        let mut opts = ScanOptions {
            isolation: self.config().scan_isolation.clone(),
            jobs: 1,
            max_file_size: self.config().max_document_size,
            ..ScanOptions::default()
        };
        opts.exclude.clear();
        let name = doc.name.clone();
        let reports =
            tokio::task::spawn_blocking(move || WorkerScanner::new(opts).scan(&name, &bytes))
                .await
                .map_err(AppError::internal)?;
        let root = reports.iter().find(|r| r.path == doc.name).cloned();
        if let Some(r) = &root
            && matches!(
                r.status,
                ScanStatus::Timeout | ScanStatus::Crashed | ScanStatus::Unreadable
            )
        {
            let reason = r
                .reason
                .clone()
                .unwrap_or_else(|| r.status.as_str().to_owned());
            self.mark_failed(&scope, &document_id, r.status, &reason)
                .await?;
            return Err(AppError::Conflict(format!(
                "scanning document {document_id} failed: {}",
                r.status
            )));
        }
        let keys = self.keys();
        let now = now_ms();
        retry!({
            let mut tx = self.db().begin_write().await?;
            if tx.documents(&scope).get(&document_id).await?.is_none() {
                return Ok(());
            }
            tx.documents(&scope)
                .clear_scan_results(&document_id)
                .await?;
            let verdict = match &root {
                // A container read only in part has a report of its own (status `partial`): it still holds
                // whatever its members hold.
                Some(r) => with_members(scan_of(r, now), &reports),
                // A container without text of its own: its members carry the verdict; it holds what they hold.
                None => container_scan(&reports, now),
            };
            tx.documents(&scope)
                .set_scan(&document_id, &verdict)
                .await?;
            if let Some(r) = &root {
                for f in &r.findings {
                    tx.documents(&scope)
                        .insert_finding(&finding_row(&keys, &org_id, &document_id, f, now))
                        .await?;
                }
            }
            for member in reports.iter().filter(|r| r.path != doc.name) {
                let child_id = uuid::Uuid::now_v7().to_string();
                let child_name = member
                    .path
                    .rsplit("!/")
                    .next()
                    .unwrap_or(&member.path)
                    .to_owned();
                tx.documents(&scope)
                    .insert(&NewDocument {
                        id: child_id.clone(),
                        parent_id: Some(document_id.clone()),
                        content_type: content_type_for(&child_name).to_owned(),
                        name: child_name,
                        path: member.path.clone(),
                        size: member.bytes.and_then(|b| i64::try_from(b).ok()),
                        sha256: member.sha256.clone(),
                        format: member.format.clone(),
                        blob_key: None,
                        status: DocumentStatus::Scanned,
                        uploaded_by: doc.uploaded_by.clone(),
                        created_at: now,
                    })
                    .await?;
                tx.documents(&scope)
                    .set_scan(&child_id, &scan_of(member, now))
                    .await?;
                for f in &member.findings {
                    tx.documents(&scope)
                        .insert_finding(&finding_row(&keys, &org_id, &child_id, f, now))
                        .await?;
                }
            }
            crate::links::relink_document(&mut tx, &scope, &document_id).await?;
            tx.tenant(&scope)
                .append_audit(&event(
                    JOBS_ACTOR,
                    AuditAction::DocumentScan,
                    "document",
                    &document_id,
                    &["class", "personal_data", "special_categories", "findings"],
                    &Origin::jobs(),
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        tracing::info!(document = %document_id, reports = reports.len(), "document scanned");
        Ok(())
    }

    async fn mark_failed(
        &self,
        scope: &OrgScope,
        id: &str,
        status: ScanStatus,
        reason: &str,
    ) -> Result<(), AppError> {
        let mut tx = self.db().begin_write().await?;
        match tx
            .documents(scope)
            .set_status(id, DocumentStatus::Failed, Some(status), Some(reason))
            .await
        {
            Ok(()) | Err(kluis_store::StoreError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
        tx.commit().await?;
        Ok(())
    }
}

fn scan_job(org_id: &str, document_id: &str, now: i64) -> NewJob {
    NewJob {
        id: uuid::Uuid::now_v7().to_string(),
        org_id: Some(org_id.to_owned()),
        kind: JOB_DOCUMENT_SCAN.to_owned(),
        payload: serde_json::json!({ "document_id": document_id }).to_string(),
        run_at: now,
        max_attempts: 3,
        unique_key: None,
        now,
    }
}

fn scan_of(r: &DocumentReport, now: i64) -> DocumentScan {
    DocumentScan {
        status: DocumentStatus::Scanned,
        scan_status: Some(r.status),
        scan_reason: r.reason.clone(),
        verdict: Classification {
            class: Some(r.class),
            personal_data: Some(r.personal_data),
            special_categories: r.special_categories.clone(),
        },
        findings_total: r
            .findings_total
            .and_then(|n| i64::try_from(n).ok())
            .unwrap_or(i64::try_from(r.findings.len()).unwrap_or(i64::MAX)),
        entity_types: r.findings.iter().map(|f| f.entity).collect(),
        format: r.format.clone(),
        sha256: r.sha256.clone(),
        size: r.bytes.and_then(|b| i64::try_from(b).ok()),
        scanned_at: Some(now),
    }
}

/// `verdict` raised to the most that any of the reports (a container's members) holds.
fn with_members(mut verdict: DocumentScan, reports: &[DocumentReport]) -> DocumentScan {
    let most = reports.iter().map(|r| r.personal_data).max();
    verdict.verdict.personal_data = verdict.verdict.personal_data.max(most);
    let cats = &mut verdict.verdict.special_categories;
    cats.extend(
        reports
            .iter()
            .flat_map(|r| r.special_categories.iter().copied()),
    );
    cats.sort_unstable();
    cats.dedup();
    verdict
}

/// The verdict for a container without a report of its own: the most its members hold.
fn container_scan(reports: &[DocumentReport], now: i64) -> DocumentScan {
    let kind = reports
        .iter()
        .map(|r| r.personal_data)
        .max()
        .unwrap_or(PersonalDataKind::None);
    let mut cats: Vec<SpecialCategory> = reports
        .iter()
        .flat_map(|r| r.special_categories.iter().copied())
        .collect();
    cats.sort_unstable();
    cats.dedup();
    DocumentScan {
        status: DocumentStatus::Scanned,
        scan_status: Some(ScanStatus::Ok),
        scan_reason: None,
        verdict: Classification {
            class: Some(DocumentClass::Other),
            personal_data: Some(kind),
            special_categories: cats,
        },
        findings_total: 0,
        entity_types: Vec::new(),
        format: None,
        sha256: None,
        size: None,
        scanned_at: Some(now),
    }
}

fn finding_row(
    keys: &KeyRing,
    org_id: &str,
    document_id: &str,
    f: &kluis_scan::ReportFinding,
    now: i64,
) -> FindingRow {
    let id = uuid::Uuid::now_v7().to_string();
    let normalized = kluis_pii::normalize(f.entity, &f.value);
    FindingRow {
        value_enc: keys.encrypt(f.value.as_bytes(), &finding_aad(org_id, &id)),
        value_masked: kluis_pii::mask(f.entity, &f.value),
        value_index: keys.blind_index(org_id, f.entity.as_str(), &normalized),
        id,
        org_id: org_id.to_owned(),
        document_id: document_id.to_owned(),
        entity_type: f.entity,
        start: i64::try_from(f.start).unwrap_or(0),
        end: i64::try_from(f.end).unwrap_or(0),
        score_milli: (f.score.clamp(0.0, 1.0) * 1000.0).round() as i64,
        // Stored in the scanner's stable JSON form, so every page can word it in its reader's language.
        location: f
            .location
            .as_ref()
            .and_then(|l| serde_json::to_string(l).ok()),
        created_at: now,
    }
}

/// Files under `p` (recursively, in name order), each with `Err(reason)` when it cannot be imported.
fn collect_files(p: &Path, out: &mut Vec<(PathBuf, Result<(), String>)>) {
    match std::fs::metadata(p) {
        Err(e) => out.push((p.to_path_buf(), Err(format!("cannot read: {e}")))),
        Ok(m) if m.is_dir() => match std::fs::read_dir(p) {
            Err(e) => out.push((p.to_path_buf(), Err(format!("cannot read the folder: {e}")))),
            Ok(entries) => {
                let mut children: Vec<PathBuf> =
                    entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                children.sort();
                for c in children {
                    collect_files(&c, out);
                }
            }
        },
        Ok(m) if m.is_file() => out.push((p.to_path_buf(), Ok(()))),
        Ok(_) => out.push((p.to_path_buf(), Err("not a regular file".into()))),
    }
}

/// How old stored bytes without a document must be before the orphan job deletes them: an upload writes its bytes
/// before it commits the document, and must not lose them to the job meanwhile.
pub const ORPHAN_GRACE_MS: i64 = 3_600_000;

/// When the document id in a blob key was made (its UUIDv7 timestamp), in unix ms; `None` for keys not made by
/// [`blob_key`], which the orphan job leaves alone.
fn blob_created_ms(key: &str) -> Option<(String, i64)> {
    let rest = key.strip_prefix("documents/")?;
    let (org, id) = rest.split_once('/')?;
    let uuid = uuid::Uuid::parse_str(id).ok()?;
    if uuid.get_version_num() != 7 || blob_key(org, id) != key {
        return None;
    }
    let (secs, nanos) = uuid.get_timestamp()?.to_unix();
    let ms = i64::try_from(secs).ok()?.checked_mul(1000)? + i64::from(nanos / 1_000_000);
    Some((org.to_owned(), ms))
}

impl App {
    /// The orphan-blob job: deletes stored document bytes that no document row refers to and that are older than
    /// [`ORPHAN_GRACE_MS`] at `now`. A crash between writing an upload's bytes and committing its row leaves such
    /// ciphertext behind; it can never be read again (no row names it). Returns how many were deleted.
    pub async fn delete_orphan_blobs(&self, now: i64) -> Result<u64, AppError> {
        let mut by_org: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for key in self.blobs().list().await.map_err(AppError::internal)? {
            if let Some((org, created)) = blob_created_ms(&key)
                && now - created >= ORPHAN_GRACE_MS
            {
                by_org.entry(org).or_default().push(key);
            }
        }
        let mut deleted = 0u64;
        let orgs: HashMap<String, kluis_store::OrgRow> = self
            .db()
            .orgs()
            .await?
            .into_iter()
            .map(|o| (o.id.clone(), o))
            .collect();
        for (org_id, keys) in by_org {
            // Bytes of an organisation that no longer exists: no row can name them.
            let known: std::collections::HashSet<String> = match orgs.get(&org_id) {
                Some(org) => self
                    .db()
                    .documents(&OrgScope::system(org))
                    .blob_keys()
                    .await?
                    .into_iter()
                    .map(|(_, k)| k)
                    .collect(),
                None => Default::default(),
            };
            for key in keys.iter().filter(|k| !known.contains(*k)) {
                self.blobs().delete(key).await.map_err(AppError::internal)?;
                deleted += 1;
            }
        }
        // Counts only: keys name organisations and documents, not people, but there is nothing to show.
        tracing::info!(deleted, "deleted stored bytes without a document");
        Ok(deleted)
    }
}

/// Re-encrypts document bytes and finding values of every organisation under the current key (key rotation).
/// Returns how many values were rewritten. Blobs are rewritten before the caller commits; an interrupted
/// rotation leaves them readable (the old key version stays in the key file until the rotation finishes).
pub(crate) async fn reencrypt_documents(
    app: &App,
    ring: &KeyRing,
    tx: &mut kluis_store::WriteTx,
) -> Result<u64, AppError> {
    let mut n = 0u64;
    for org in app.db().orgs().await? {
        let scope = OrgScope::system(&org);
        for (id, key) in app.db().documents(&scope).blob_keys().await? {
            let Some(sealed) = app.blobs().get(&key).await.map_err(AppError::internal)? else {
                continue;
            };
            if ring.needs_reencrypt(&sealed) {
                let fresh = ring.reencrypt(&sealed, &blob_aad(&org.id, &id))?;
                app.blobs()
                    .put(&key, fresh)
                    .await
                    .map_err(AppError::internal)?;
                n += 1;
            }
        }
        for (id, enc) in app.db().documents(&scope).finding_ciphertexts().await? {
            if ring.needs_reencrypt(&enc) {
                let fresh = ring.reencrypt(&enc, &finding_aad(&org.id, &id))?;
                tx.documents(&scope).set_finding_enc(&id, &fresh).await?;
                n += 1;
            }
        }
    }
    Ok(n)
}

/// Compile-time check that the document use-case futures are `Send`, as axum handlers and `tokio::spawn` require.
#[allow(dead_code)]
fn document_futures_are_send(app: &App, a: &Actor, job: Job) {
    fn send<T: Send>(_: T) {}
    send(app.upload_document(a, "", Vec::new()));
    send(app.documents(a, DocumentFilter::default()));
    send(app.document(a, ""));
    send(app.reveal_finding(a, "", ""));
    send(app.download_document(a, ""));
    send(app.correct_document(a, "", DocumentCorrection::default()));
    send(app.rescan_document(a, ""));
    send(app.delete_document(a, ""));
    send(app.document_overview(a));
    send(app.search_identifier(a, ""));
    send(app.search_identifier_page(a, "", 2));
    send(app.import_documents("", &[]));
    send(app.run_document_scan(job));
}
