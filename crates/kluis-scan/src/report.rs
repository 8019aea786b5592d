//! The per-document scan report: what the scanner says about one document, in the output contract's shape.

use kluis_domain::{DocumentClass, EntityType, PersonalDataKind, SpecialCategory};
pub use kluis_extract::{Location, Part, PartialReason, column_letters};
use serde::{Deserialize, Serialize};

/// How far the scanner got with a document: part of the domain's vocabulary, since its string forms are stored.
pub use kluis_domain::ScanStatus;

/// One piece of personal data found in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportFinding {
    #[serde(rename = "type")]
    pub entity: EntityType,
    /// The text as it stands in the document (not masked: mask before showing it to a person).
    pub value: String,
    /// Byte offsets in the document's text: its segments joined with one `\n` between them.
    pub start: usize,
    pub end: usize,
    pub score: f32,
    /// Where in the document: a page, paragraph, cell, part or attachment (serialised as in
    /// [`kluis_extract::Location`]: `{"page":3}`, `{"cell":{"sheet":"Klanten","row":7,"col":2}}`); absent when the
    /// format has no parts (plain text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

/// What the scanner says about one document. A container (ZIP, MBOX) yields one report per member, with the
/// path `archive.zip!/member.docx`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentReport {
    pub path: String,
    pub class: DocumentClass,
    pub personal_data: PersonalDataKind,
    pub special_categories: Vec<SpecialCategory>,
    pub findings: Vec<ReportFinding>,
    /// Set when `findings` was cut to the first `max_findings` (in text order): how many there were in all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub findings_total: Option<u64>,
    pub status: ScanStatus,
    /// Why the status is not `ok`, in words a person understands. Never holds document content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Why some of the content was not read (this document's own, or a member's at any depth), sorted; empty when
    /// everything was read. Non-empty whenever the status is `partial`, and for `limit_exceeded`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partial: Vec<PartialReason>,
    /// Detected format (`pdf`, `docx`, ...) when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// SHA-256 of the file's bytes, hex. Absent for container members, whose bytes the extractor does not keep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// Size of the file in bytes; absent for container members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
}

impl DocumentReport {
    /// A report for a document the scanner could not analyse.
    pub fn failed(path: impl Into<String>, status: ScanStatus, reason: impl Into<String>) -> Self {
        DocumentReport {
            path: path.into(),
            class: DocumentClass::Other,
            personal_data: PersonalDataKind::None,
            special_categories: Vec::new(),
            findings: Vec::new(),
            findings_total: None,
            status,
            reason: Some(reason.into()),
            partial: Vec::new(),
            format: None,
            sha256: None,
            bytes: None,
        }
    }

    /// Sort key for "worst first": special before generic before none, then by number of findings.
    pub fn severity(&self) -> (PersonalDataKind, usize, usize) {
        (
            self.personal_data,
            self.special_categories.len(),
            self.findings.len(),
        )
    }
}
