//! Renders the documents Kluis generates from a [`Register`] snapshot: the register of processing activities in
//! PDF, XLSX, CSV, JSON, W3C DPV (Turtle and JSON-LD) and as a fideslang manifest; and a published privacy
//! statement as PDF (`render_statement_pdf`, from the version's stored Markdown); and the documents of a data
//! breach (the notification to the authority, the letter to the people, W3C DPV) and of a DPIA (its PDF and the
//! risk map as SVG).
//!
//! Pure rendering: no store, no HTTP. The caller loads the snapshot, checks who may export it and appends the
//! audit event; this crate turns the snapshot into bytes, in the caller's language, and refuses an empty register
//! instead of producing an empty file.

mod breach_dpv;
mod breach_form;
mod breach_letter;
mod dpia_pdf;
mod dpv;
mod fideslang;
mod figure;
mod html_text;
pub mod labels;
mod layout;
mod pdf;
mod risk_map;
mod statement_pdf;
mod table;

pub use breach_dpv::{DpvFormat, render_breach_dpv};
pub use breach_form::{
    BREACH_JSON_FORMAT_VERSION, BreachDocMeta, BreachFormat, breach_question_label_key,
    breach_section_label_key, render_breach_notification,
};
pub use breach_letter::{BreachLetter, render_breach_letter, render_breach_letter_pdf};
pub use dpia_pdf::{DpiaPdfMeta, render_dpia_pdf};
pub use html_text::html_to_text;
pub use risk_map::risk_map_svg;
pub use statement_pdf::{StatementPdfMeta, render_letter_pdf, render_statement_pdf};

use kluis_domain::register::{ActivityStatus, DataCategory, ProcessingActivity, Register};
pub use kluis_i18n::Lang;
use serde::Serialize;
use std::fmt;
use std::path::Path;
use std::str::FromStr;
use time::OffsetDateTime;

/// The version of the JSON export's shape; raised when a field changes meaning or disappears.
pub const JSON_FORMAT_VERSION: u32 = 1;

/// A format the register can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegisterFormat {
    /// A4 document for the supervisory authority or an auditor.
    Pdf,
    /// Workbook after the Belgian GBA model register: activities, controller and DPO, recipients.
    Xlsx,
    /// The activities sheet of the workbook, one row per activity.
    Csv,
    /// The snapshot itself, with a format version.
    Json,
    /// W3C DPV 2.3 in Turtle, conforming to DPCat's mandatory shapes.
    DpvTurtle,
    /// The same graph as JSON-LD.
    DpvJsonLd,
    /// A fideslang 3 manifest: the organisation as a `system` with its privacy declarations, plus a `dataset`.
    Fideslang,
}

impl RegisterFormat {
    pub const ALL: [RegisterFormat; 7] = [
        RegisterFormat::Pdf,
        RegisterFormat::Xlsx,
        RegisterFormat::Csv,
        RegisterFormat::Json,
        RegisterFormat::DpvTurtle,
        RegisterFormat::DpvJsonLd,
        RegisterFormat::Fideslang,
    ];

    /// The name the CLI and the API use (`--format dpv-ttl`).
    pub const fn as_str(self) -> &'static str {
        match self {
            RegisterFormat::Pdf => "pdf",
            RegisterFormat::Xlsx => "xlsx",
            RegisterFormat::Csv => "csv",
            RegisterFormat::Json => "json",
            RegisterFormat::DpvTurtle => "dpv-ttl",
            RegisterFormat::DpvJsonLd => "dpv-jsonld",
            RegisterFormat::Fideslang => "fideslang",
        }
    }

    pub const fn content_type(self) -> &'static str {
        match self {
            RegisterFormat::Pdf => "application/pdf",
            RegisterFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            RegisterFormat::Csv => "text/csv; charset=utf-8",
            RegisterFormat::Json => "application/json",
            RegisterFormat::DpvTurtle => "text/turtle; charset=utf-8",
            RegisterFormat::DpvJsonLd => "application/ld+json",
            RegisterFormat::Fideslang => "application/yaml",
        }
    }

    pub const fn extension(self) -> &'static str {
        match self {
            RegisterFormat::Pdf => "pdf",
            RegisterFormat::Xlsx => "xlsx",
            RegisterFormat::Csv => "csv",
            RegisterFormat::Json => "json",
            RegisterFormat::DpvTurtle => "ttl",
            RegisterFormat::DpvJsonLd => "jsonld",
            RegisterFormat::Fideslang => "yml",
        }
    }
}

impl fmt::Display for RegisterFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A format name that is not one of [`RegisterFormat::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown export format '{0}' (expected one of: pdf, xlsx, csv, json, dpv-ttl, dpv-jsonld, fideslang)"
)]
pub struct UnknownFormat(pub String);

impl FromStr for RegisterFormat {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, UnknownFormat> {
        let s = s.trim().to_ascii_lowercase();
        RegisterFormat::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or(UnknownFormat(s))
    }
}

/// A field Kluis holds personal data in (documents' finding categories; later modules' relation fields), written
/// to the fideslang manifest's `dataset`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetField {
    /// The collection (table, document class) the field belongs to, e.g. `documents`.
    pub collection: String,
    /// The field's name, e.g. `findings.bsn`.
    pub field: String,
    pub categories: Vec<DataCategory>,
}

/// What an export needs besides the register.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// When the export is made; printed on the title page and in the metadata. `None` leaves it out (tests,
    /// reproducible files).
    pub generated_at: Option<OffsetDateTime>,
    /// The fields Kluis holds, for the fideslang `dataset`.
    pub dataset_fields: Vec<DatasetField>,
    /// Leave draft activities out (the register as the supervisory authority sees it). Drafts are included by
    /// default, with their status shown.
    pub exclude_drafts: bool,
}

/// A rendered export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    /// A suggested file name, e.g. `verwerkingsregister-bakkerij-2026-12-07.pdf`.
    pub file_name: String,
}

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The register has no activities (after leaving drafts out, if asked): an export would be an empty file.
    #[error("the register has no processing activities to export")]
    EmptyRegister,
    #[error("could not write the PDF: {0}")]
    Pdf(String),
    /// The privacy statement's Markdown has no text.
    #[error("the privacy statement has no text")]
    EmptyStatement,
    /// The privacy statement's Markdown is not what a published statement looks like; says why.
    #[error("the privacy statement cannot be read: {0}")]
    MalformedStatement(String),
    #[error("could not write the workbook: {0}")]
    Xlsx(String),
    #[error("could not write the CSV: {0}")]
    Csv(String),
    #[error("could not write JSON: {0}")]
    Json(String),
    #[error("could not write {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl ExportError {
    /// The catalogue key of a message for people (the CLI and the web layer show it in their language).
    pub fn message_key(&self) -> &'static str {
        match self {
            ExportError::EmptyRegister => "export-error-empty",
            ExportError::Io { .. } => "export-error-write",
            _ => "export-error-render",
        }
    }
}

/// The register as the export shows it: the snapshot with the activities to export.
pub(crate) struct View<'a> {
    pub register: &'a Register,
    pub activities: Vec<&'a ProcessingActivity>,
    pub tr: kluis_i18n::Tr,
    pub options: &'a ExportOptions,
}

impl<'a> View<'a> {
    fn new(
        register: &'a Register,
        lang: Lang,
        options: &'a ExportOptions,
    ) -> Result<Self, ExportError> {
        let activities: Vec<_> = register
            .activities
            .iter()
            .filter(|a| !(options.exclude_drafts && a.status == ActivityStatus::Draft))
            .collect();
        if activities.is_empty() {
            return Err(ExportError::EmptyRegister);
        }
        Ok(View {
            register,
            activities,
            tr: kluis_i18n::Tr::new(lang),
            options,
        })
    }

    /// The controller's name: the profile's legal name, else the organisation's name in Kluis.
    pub fn controller_name(&self) -> &str {
        let legal = self.register.profile.legal_name.trim();
        if legal.is_empty() {
            self.register.organisation.trim()
        } else {
            legal
        }
    }
}

/// Renders `register` in `format`, with texts in `lang`.
pub fn render_register(
    register: &Register,
    format: RegisterFormat,
    lang: Lang,
    options: &ExportOptions,
) -> Result<Export, ExportError> {
    let view = View::new(register, lang, options)?;
    let bytes = match format {
        RegisterFormat::Pdf => pdf::render(&view)?,
        RegisterFormat::Xlsx => table::xlsx(&view)?,
        RegisterFormat::Csv => table::csv(&view)?,
        RegisterFormat::Json => json(&view)?,
        RegisterFormat::DpvTurtle => dpv::turtle(&view).into_bytes(),
        RegisterFormat::DpvJsonLd => dpv::json_ld(&view)?.into_bytes(),
        RegisterFormat::Fideslang => fideslang::manifest(&view).into_bytes(),
    };
    Ok(Export {
        bytes,
        content_type: format.content_type(),
        file_name: file_name(&view, format),
    })
}

/// Renders the register and writes it to `path` (what `kluis register export --output FILE` calls).
pub fn write_register_file(
    register: &Register,
    format: RegisterFormat,
    lang: Lang,
    options: &ExportOptions,
    path: &Path,
) -> Result<Export, ExportError> {
    let export = render_register(register, format, lang, options)?;
    std::fs::write(path, &export.bytes).map_err(|source| ExportError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(export)
}

fn file_name(view: &View<'_>, format: RegisterFormat) -> String {
    let mut name = String::from(view.tr.t("export-file-stem"));
    let slug = labels::slug(&view.register.organisation);
    if !slug.is_empty() {
        name.push('-');
        name.push_str(&slug);
    }
    let date = view
        .register
        .as_of
        .or(view.options.generated_at.map(|t| t.date()));
    if let Some(d) = date {
        name.push_str(&format!(
            "-{:04}-{:02}-{:02}",
            d.year(),
            u8::from(d.month()),
            d.day()
        ));
    }
    name.push('.');
    name.push_str(format.extension());
    name
}

#[derive(Serialize)]
struct JsonExport {
    format: &'static str,
    format_version: u32,
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    generated_at: Option<OffsetDateTime>,
    register: Register,
}

fn json(view: &View<'_>) -> Result<Vec<u8>, ExportError> {
    let mut register = view.register.clone();
    register.activities = view.activities.iter().map(|a| (*a).clone()).collect();
    let doc = JsonExport {
        format: "kluis-register",
        format_version: JSON_FORMAT_VERSION,
        generated_at: view.options.generated_at,
        register,
    };
    serde_json::to_vec_pretty(&doc).map_err(|e| ExportError::Json(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in RegisterFormat::ALL {
            assert_eq!(f.as_str().parse::<RegisterFormat>(), Ok(f));
        }
        assert_eq!(
            " DPV-TTL ".parse::<RegisterFormat>(),
            Ok(RegisterFormat::DpvTurtle)
        );
        assert!("docx".parse::<RegisterFormat>().is_err());
    }
}
