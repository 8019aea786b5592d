//! The rules of the documents module: who may see a document's values, which corrections lower its protection,
//! what an upload must be, and why a document counts as special.
//!
//! The correction-wins rule (a person's correction of class, kind or categories wins over the scanner's verdict,
//! also over later scans) has exactly one copy, in SQL: `EFF_CLASS`, `EFF_KIND` and `EFF_CATEGORIES` in
//! kluis-store's `documents.rs`. The store must filter, count and page by the effective values, so it computes
//! them there and returns them with each row (`DocumentRow::effective`); no Rust code recomputes them.

use crate::{
    AuditAction, DocumentClass, EntityType, Permission, PersonalDataKind, SpecialCategory,
};
use std::fmt;

/// Files one upload request may carry: each becomes a document and a scan job, so a request with thousands of
/// parts would queue thousands of scans under one request's rate-limit cost.
pub const MAX_FILES_PER_UPLOAD: usize = 100;

/// Longest file name kept, in characters.
pub const MAX_NAME_CHARS: usize = 255;

/// What a document is said to be: by the scanner, by a person's correction, or in effect (the correction wins).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Classification {
    /// `None` before the first scan.
    pub class: Option<DocumentClass>,
    /// `None` before the first scan.
    pub personal_data: Option<PersonalDataKind>,
    pub special_categories: Vec<SpecialCategory>,
}

impl Classification {
    /// The kind of personal data this classification stands for: the stated kind, raised to the class's floor (an
    /// ID copy is special even if a kind says otherwise).
    pub fn kind(&self) -> Option<PersonalDataKind> {
        let floor = self.class.map(DocumentClass::kind_floor);
        match (self.personal_data, floor) {
            (Some(k), Some(f)) => Some(k.max(f)),
            (k, f) => k.or(f.filter(|f| *f > PersonalDataKind::None)),
        }
    }

    /// Special personal data (GDPR Art. 9/10, or a national identification number, UAVG art. 46): seeing its
    /// values or content needs [`Permission::RevealSensitive`].
    pub fn is_special(&self) -> bool {
        self.kind() == Some(PersonalDataKind::Special) || !self.special_categories.is_empty()
    }
}

/// The permission needed to see a finding of `entity` in clear, in a document classified (in effect) as `doc`:
/// national identification numbers, other sensitive identifiers and anything in a special document need
/// [`Permission::RevealSensitive`], the rest [`Permission::Read`]. The single copy of the reveal rule: the
/// application enforces it and the pages ask it only to leave out buttons a role cannot use.
pub fn reveal_permission(doc: &Classification, entity: EntityType) -> Permission {
    if doc.is_special() || entity.is_sensitive() || entity.is_national_id() {
        Permission::RevealSensitive
    } else {
        Permission::Read
    }
}

/// The permission needed to download a document's original bytes: special documents need
/// [`Permission::RevealSensitive`] (the content holds every value at once).
pub fn content_permission(doc: &Classification) -> Permission {
    if doc.is_special() {
        Permission::RevealSensitive
    } else {
        Permission::Read
    }
}

/// The permission needed to search for an identifier of `entity` through the blind index: finding where a
/// national identification number occurs tells about that person as much as revealing it.
pub fn search_permission(entity: EntityType) -> Permission {
    if entity.is_national_id() {
        Permission::RevealSensitive
    } else {
        Permission::Read
    }
}

/// How a correction must be authorised and recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorrectionRule {
    pub permission: Permission,
    pub action: AuditAction,
}

/// The rule for correcting a document from `before` to `after` (both in effect). A correction that lowers any
/// part of a special document below special (a kind below special, a class without a special floor, fewer
/// special categories), even while another part keeps it special, is a declassification: once it is no longer
/// special, whoever may correct could download it and reveal its values, so it needs the same permission as
/// revealing them and is recorded as `document.declassify`. Every other correction needs [`Permission::Write`].
pub fn correction_rule(before: &Classification, after: &Classification) -> CorrectionRule {
    let special = Some(PersonalDataKind::Special);
    let lowers = before.is_special()
        && (!after.is_special()
            || (before.personal_data == special && after.personal_data != special)
            || (before.class.map(DocumentClass::kind_floor) == special
                && after.class.map(DocumentClass::kind_floor) != special)
            || before
                .special_categories
                .iter()
                .any(|c| !after.special_categories.contains(c)));
    if lowers {
        CorrectionRule {
            permission: Permission::RevealSensitive,
            action: AuditAction::DocumentDeclassify,
        }
    } else {
        CorrectionRule {
            permission: Permission::Write,
            action: AuditAction::DocumentCorrect,
        }
    }
}

/// Why a document counts as special, for people: shown instead of a bare "special personal data".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum SpecialReason {
    /// A national identification number (BSN, Belgian national number) was found.
    NationalId,
    /// The document is an identity document (class ID copy, or an ID document number was found).
    IdentityDocument,
    /// It holds data of a special category (Art. 9) or criminal data (Art. 10).
    Category(SpecialCategory),
    /// A person marked it special, or the scanner did without one of the reasons above.
    Marked,
}

impl SpecialReason {
    /// The catalogue key of this reason's label.
    pub fn label_key(self) -> String {
        match self {
            SpecialReason::NationalId => "doc-special-reason-national-id".into(),
            SpecialReason::IdentityDocument => "doc-special-reason-identity-document".into(),
            SpecialReason::Category(c) => format!("doc-special-{}", c.as_str().replace('_', "-")),
            SpecialReason::Marked => "doc-special-reason-marked".into(),
        }
    }
}

/// Why a document classified as `doc`, with findings of the types `found`, is special; empty when it is not.
pub fn special_reasons(doc: &Classification, found: &[EntityType]) -> Vec<SpecialReason> {
    if !doc.is_special() {
        return Vec::new();
    }
    let mut out = Vec::new();
    if found.iter().any(|e| e.is_national_id()) {
        out.push(SpecialReason::NationalId);
    }
    if doc.class == Some(IDENTITY_DOCUMENT_CLASS)
        || found.iter().any(|e| IDENTITY_DOCUMENT_ENTITIES.contains(e))
    {
        out.push(SpecialReason::IdentityDocument);
    }
    let mut cats = doc.special_categories.clone();
    if doc.class == Some(DocumentClass::HealthStatement) && !cats.contains(&SpecialCategory::Health)
    {
        cats.push(SpecialCategory::Health);
    }
    cats.sort_unstable();
    cats.dedup();
    out.extend(cats.into_iter().map(SpecialReason::Category));
    if out.is_empty() {
        out.push(SpecialReason::Marked);
    }
    out
}

/// The class that makes a document an ID copy.
pub const IDENTITY_DOCUMENT_CLASS: DocumentClass = DocumentClass::IdCopy;

/// Findings that make a document an identity document whatever the scanner's class, unless a person corrected
/// the class. A national identification number alone (a payslip, a letter) does not: it makes a document
/// special, not an ID copy.
pub const IDENTITY_DOCUMENT_ENTITIES: &[EntityType] = &[EntityType::IdDocumentNumber];

// The list of ID copies is "class (in effect) is IDENTITY_DOCUMENT_CLASS, or no person corrected the class and
// a finding of IDENTITY_DOCUMENT_ENTITIES is in it": one copy, in kluis-store's `identity_documents` query,
// which takes these two constants, because the list is paged in SQL.

/// Why an upload is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadRefusal {
    /// No usable file name (empty after taking the last path component and dropping control characters).
    NoName,
    /// A file name longer than [`MAX_NAME_CHARS`].
    NameTooLong,
    /// The file has no bytes: there is nothing to keep or scan.
    Empty,
    /// Larger than the installation's limit.
    TooLarge { max_bytes: u64 },
    /// More files in one request than [`MAX_FILES_PER_UPLOAD`].
    TooManyFiles { max: usize },
}

impl UploadRefusal {
    /// The input field the refusal is about (`name` or `file`).
    pub fn field(&self) -> &'static str {
        match self {
            UploadRefusal::NoName | UploadRefusal::NameTooLong => "name",
            _ => "file",
        }
    }
}

impl fmt::Display for UploadRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UploadRefusal::NoName | UploadRefusal::NameTooLong => write!(
                f,
                "give the file a name of 1 to {MAX_NAME_CHARS} characters"
            ),
            UploadRefusal::Empty => f.write_str("the file is empty"),
            UploadRefusal::TooLarge { max_bytes } => write!(
                f,
                "the file is larger than the limit of {} MiB",
                (max_bytes >> 20).max(1)
            ),
            UploadRefusal::TooManyFiles { max } => {
                write!(f, "send at most {max} files in one upload")
            }
        }
    }
}

impl std::error::Error for UploadRefusal {}

/// The upload acceptance rule, for every path that stores a document (pages, API, `kluis import-docs`): a usable
/// name, at least one byte, at most `max_bytes`. Returns the name to keep: the last path component, trimmed,
/// without control characters.
pub fn accept_upload(name: &str, size: u64, max_bytes: u64) -> Result<String, UploadRefusal> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let base: String = base.chars().filter(|c| !c.is_control()).collect();
    if base.is_empty() {
        return Err(UploadRefusal::NoName);
    }
    if base.chars().count() > MAX_NAME_CHARS {
        return Err(UploadRefusal::NameTooLong);
    }
    if size == 0 {
        return Err(UploadRefusal::Empty);
    }
    if size > max_bytes {
        return Err(UploadRefusal::TooLarge { max_bytes });
    }
    Ok(base)
}

/// The limit on files per upload request.
pub fn accept_file_count(files: usize) -> Result<(), UploadRefusal> {
    if files > MAX_FILES_PER_UPLOAD {
        Err(UploadRefusal::TooManyFiles {
            max: MAX_FILES_PER_UPLOAD,
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests;
