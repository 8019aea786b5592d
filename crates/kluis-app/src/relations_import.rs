//! Customer files in and out of the relations module: upload, mapping (remembered presets per organisation),
//! preview, the import as a background job in transactional batches with progress, duplicates by the e-mail's
//! blind index, and the export of an organisation's relations to CSV and XLSX.
//!
//! Transactions: an import is committed in batches of [`BATCH_ROWS`] rows, each batch one transaction that also
//! records the import's progress and resume point (`next_row`). A batch that fails leaves nothing of itself; the
//! job is retried and continues after the last committed batch (rows before it are read again only to find
//! duplicates within the file). One transaction for the whole file was rejected: a million rows would hold the
//! database's single writer for the whole import (on SQLite every other write waits), and the progress row could
//! not be written meanwhile. The import's audit event (`relation.import`, counts only) is appended when it ends,
//! in the transaction that marks it done (or failed, with what was committed so far).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Cursor, Read, Seek};
use std::path::{Path, PathBuf};

use kluis_crypto::KeyRing;
use kluis_domain::register::Register;
use kluis_domain::relations::model::{RelationProblem, offered_fields};
use kluis_domain::relations::{Party, Relation, RelationField, RelationKind};
use kluis_domain::{AuditAction, EntityType, Permission, SystemActor};
use kluis_import::{
    CsvOptions, ExportColumn, FileKind, Importer, Limits, Mapping, Problem, ReadError, Reason, Row,
    Target, XlsxBook, looks_like_header, read_csv, suggest_from_values, suggest_mapping,
};
use kluis_store::{
    ImportProgress, NewJob, OrgScope, RelationImportRow, RelationNoteRow, RelationRow, now_ms,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::audit::{CLI_ACTOR, event, require};
use crate::relations::{clean_tags, note_aad, value_aad};
use crate::system::require_system;
use crate::{Actor, App, AppError, Job, Origin, UserId};

/// Job kind that runs one import; payload `{"import_id": "…", "user_id": "…"}`, org id on the job.
pub const JOB_RELATION_IMPORT: &str = "relations.import";
/// Rows per transaction. Each commit writes every page its batch touched, and a batch's blind indexes land on
/// pages all over their index, so larger batches write far less per row; a batch holds the single writer for
/// under a second and its sealed rows take about 8 MB in memory (two are in flight).
pub const BATCH_ROWS: usize = 5_000;
/// Problems kept with an import for the result page (the command line prints every one as it goes).
pub const MAX_STORED_PROBLEMS: usize = 1000;
/// Rows a preview shows.
pub const PREVIEW_ROWS: usize = 20;
const ENTITY: &str = "relation_import";
const BLOB_TABLE: &str = "relation_imports";

/// Where an import stands.
pub mod status {
    /// Uploaded; waiting for its mapping.
    pub const UPLOADED: &str = "uploaded";
    pub const QUEUED: &str = "queued";
    pub const RUNNING: &str = "running";
    pub const DONE: &str = "done";
    /// The file broke off or could not be read; what was committed before stays, counted.
    pub const FAILED: &str = "failed";
}

/// One problem of one row, as kept and shown: never a cell's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// As the spreadsheet shows it (the header is row 1).
    pub row: u64,
    /// The column's letter (`C`), when the problem is one cell's.
    pub column: Option<String>,
    /// The column's header, when the file has one.
    pub header: Option<String>,
    pub field: Option<RelationField>,
    /// The catalogue key of the reason (`import-invalid-email`).
    pub reason: String,
    /// For a duplicate within the file: the row it repeats.
    pub first_row: Option<u64>,
    /// A duplicate (skipped, not wrong).
    pub duplicate: bool,
}

impl ImportProblem {
    fn of(p: &Problem) -> ImportProblem {
        ImportProblem {
            row: p.row,
            column: p.column_letter(),
            header: p.header.clone(),
            field: p.field,
            reason: p.reason.key().to_owned(),
            first_row: match p.reason {
                Reason::DuplicateEmail { first_row }
                | Reason::DuplicateNamePostcode { first_row } => Some(first_row),
                _ => None,
            },
            duplicate: p.reason.is_duplicate(),
        }
    }
}

/// For plain output such as the command line's: `row 3, column B (E-mail): import-invalid-email`. No value.
impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row {}", self.row)?;
        if let Some(c) = &self.column {
            write!(f, ", column {c}")?;
            if let Some(h) = &self.header {
                write!(f, " ({h})")?;
            }
        }
        write!(f, ": {}", self.reason)?;
        if let Some(r) = self.first_row {
            write!(f, " (row {r})")?;
        }
        Ok(())
    }
}

/// An import as shown: its state, progress and result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportView {
    pub id: String,
    pub file_name: String,
    /// `csv` or `xlsx`.
    pub file_kind: String,
    pub size: i64,
    /// `uploaded`, `queued`, `running`, `done` or `failed`.
    pub status: String,
    pub dry_run: bool,
    pub mapping: Option<Mapping>,
    pub bytes_read: i64,
    pub rows_read: i64,
    /// Rows imported (with a dry run: rows that would be).
    pub imported: i64,
    /// Rows refused for a problem.
    pub skipped: i64,
    /// Rows left out as duplicates (within the file, or of a relation already held).
    pub duplicates: i64,
    /// The first problems, by row.
    pub problems: Vec<ImportProblem>,
    /// Why the import failed (a catalogue key of the read error, or a short text without values).
    pub error: Option<String>,
    pub created_at_ms: i64,
    pub finished_at_ms: Option<i64>,
}

impl ImportView {
    /// Whether the import has ended (done or failed).
    pub fn finished(&self) -> bool {
        self.status == status::DONE || self.status == status::FAILED
    }

    /// Progress in percent of the file read.
    pub fn percent(&self) -> i64 {
        if self.finished() {
            return 100;
        }
        (self.bytes_read.saturating_mul(100) / self.size.max(1)).clamp(0, 99)
    }
}

fn view(row: RelationImportRow) -> ImportView {
    ImportView {
        mapping: row
            .mapping
            .as_deref()
            .and_then(|m| serde_json::from_str(m).ok()),
        problems: serde_json::from_str(&row.problems).unwrap_or_default(),
        id: row.id,
        file_name: row.file_name,
        file_kind: row.file_kind,
        size: row.size,
        status: row.status,
        dry_run: row.dry_run,
        bytes_read: row.bytes_read,
        rows_read: row.rows_read,
        imported: row.imported,
        skipped: row.skipped,
        duplicates: row.duplicates,
        error: row.error,
        created_at_ms: row.created_at,
        finished_at_ms: row.finished_at,
    }
}

/// A column the mapping sends to a field that privacy by default does not offer: the import refuses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedColumn {
    pub column: String,
    pub header: Option<String>,
    pub field: RelationField,
}

/// One row of a preview: what would be imported, and its problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub row: u64,
    pub party: Option<Party>,
    pub kind: Option<RelationKind>,
    pub company: Option<String>,
    /// Values in canonical form; special-category and national-ID values are masked.
    pub values: BTreeMap<RelationField, String>,
    pub problems: Vec<ImportProblem>,
}

/// What the mapping page shows: the file's columns, the mapping (given, remembered or suggested) and the first
/// rows mapped with their problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub import: ImportView,
    pub headers: Vec<String>,
    pub mapping: Mapping,
    /// The remembered preset the mapping came from, when one fits the file's header.
    pub preset: Option<String>,
    /// The bookkeeping export the header looks like (`moneybird`, `exact`), when it does.
    pub source: Option<String>,
    /// Remembered presets, by name.
    pub presets: Vec<String>,
    pub refused: Vec<RefusedColumn>,
    pub rows: Vec<PreviewRow>,
    /// `UTF-8`, `windows-1252`, … (CSV only).
    pub encoding: Option<String>,
    /// The separator (CSV only).
    pub delimiter: Option<String>,
}

/// How to start an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportStart {
    /// The mapping; without one, a remembered preset that fits the header, else the suggestion.
    #[serde(default)]
    pub mapping: Option<Mapping>,
    /// Check every row and report, write no relation.
    #[serde(default)]
    pub dry_run: bool,
    /// Remember the mapping under this name for the next file.
    #[serde(default)]
    pub remember_as: Option<String>,
}

/// The file formats of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl std::str::FromStr for ExportFormat {
    type Err = AppError;
    fn from_str(s: &str) -> Result<Self, AppError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(ExportFormat::Csv),
            "xlsx" => Ok(ExportFormat::Xlsx),
            _ => Err(AppError::invalid(
                "format",
                "the format must be csv or xlsx",
            )),
        }
    }
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }
}

/// What an export is for. A marketing export must leave out everyone with a marketing suppression (an objection
/// to direct marketing, Art. 21(3)): see [`App::filter_for_purpose`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportPurpose {
    /// Administration, a move to another system: everyone.
    #[default]
    General,
    /// Mailings and campaigns: the marketing suppression applies.
    Marketing,
}

impl std::str::FromStr for ExportPurpose {
    type Err = AppError;
    fn from_str(s: &str) -> Result<Self, AppError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "general" => Ok(ExportPurpose::General),
            "marketing" => Ok(ExportPurpose::Marketing),
            _ => Err(AppError::invalid(
                "purpose",
                "the purpose must be general or marketing",
            )),
        }
    }
}

impl ExportPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            ExportPurpose::General => "general",
            ExportPurpose::Marketing => "marketing",
        }
    }
}

/// An export file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationExport {
    pub bytes: Vec<u8>,
    pub format: ExportFormat,
    pub relations: u64,
}

/// Who runs an import: a member (through the job, as the member who started it) or the command line.
struct Who {
    scope: OrgScope,
    name: String,
    origin: Origin,
}

/// Where the file's bytes come from.
enum Source {
    Bytes(Vec<u8>),
    Path(PathBuf),
}

/// The fields privacy by default offers, per kind, party and business contact, from the register as it stands.
type Offered = HashMap<(RelationKind, Party, bool), Vec<RelationField>>;

fn offered_map(register: &Register) -> Offered {
    let mut out = HashMap::new();
    for kind in RelationKind::ALL {
        for party in [Party::Person, Party::Company] {
            for bc in [false, true] {
                out.insert(
                    (*kind, party, bc),
                    offered_fields(register, *kind, party, bc),
                );
            }
        }
    }
    out
}

/// The columns `mapping` sends to a field no active activity needs for the kinds its rows can have.
fn refused_columns(mapping: &Mapping, offered: &Offered) -> Vec<RefusedColumn> {
    let kinds: Vec<RelationKind> = if mapping.columns.iter().any(|c| c.target == Target::Kind) {
        RelationKind::ALL.to_vec()
    } else {
        vec![mapping.default_kind]
    };
    mapping
        .columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c.target {
            Target::Field(f) => {
                let ok = kinds.iter().any(|k| {
                    offered
                        .iter()
                        .any(|((ok, _, _), fields)| ok == k && fields.contains(&f))
                });
                (!ok).then(|| RefusedColumn {
                    column: kluis_import::column_letter(i),
                    header: c.header.clone(),
                    field: f,
                })
            }
            _ => None,
        })
        .collect()
}

fn refused_error(refused: &[RefusedColumn]) -> AppError {
    let names: Vec<String> = refused
        .iter()
        .map(|r| match &r.header {
            Some(h) => format!("{} ({h}) → {}", r.column, r.field),
            None => format!("{} → {}", r.column, r.field),
        })
        .collect();
    AppError::invalid(
        "mapping",
        format!(
            "these columns hold fields that no active processing activity needs (privacy by default): {}; \
             set them to ignore, or record the processing in the register first",
            names.join(", ")
        ),
    )
}

/// The bookkeeping export a header row looks like.
fn detect_source(headers: &[String]) -> Option<&'static str> {
    let has = |h: &str| headers.iter().any(|x| x.trim().eq_ignore_ascii_case(h));
    if has("firstname") && has("lastname") && (has("zipcode") || has("company_name")) {
        Some("moneybird")
    } else if has("relatiecode")
        || headers
            .iter()
            .any(|h| h.to_ascii_lowercase().starts_with("contactpersoon"))
    {
        Some("exact")
    } else {
        None
    }
}

/// The remembered preset that fits `headers` best (at least half of its headers found), by name.
fn best_preset(presets: &[(String, Mapping)], headers: &[String]) -> Option<(String, Mapping)> {
    let key = |h: &str| -> String {
        h.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let have: BTreeSet<String> = headers.iter().map(|h| key(h)).collect();
    presets
        .iter()
        .filter_map(|(name, m)| {
            let theirs: Vec<String> = m
                .columns
                .iter()
                .filter_map(|c| c.header.as_deref().map(key))
                .collect();
            if theirs.is_empty() {
                return None;
            }
            let hits = theirs.iter().filter(|h| have.contains(*h)).count();
            (hits * 2 >= theirs.len() && hits > 0).then_some((hits, name, m))
        })
        .max_by_key(|(hits, _, _)| *hits)
        .map(|(_, n, m)| (n.clone(), m.for_headers(headers)))
}

/// The rows of an opened file, whatever its kind.
type Rows<'a> = Box<dyn Iterator<Item = Result<Row, ReadError>> + 'a>;

/// Opens `reader` as `kind` and hands its rows (and, for CSV, the encoding and separator) to `f`.
fn with_rows<R, T>(
    kind: FileKind,
    reader: R,
    f: impl FnOnce(Rows<'_>, Option<(String, String)>, &dyn Fn() -> u64) -> T,
) -> Result<T, ReadError>
where
    R: Read + Seek,
{
    match kind {
        FileKind::Csv => {
            let rows = read_csv(reader, CsvOptions::default(), Limits::default())?;
            let info = (
                rows.encoding().name().to_owned(),
                (rows.delimiter() as char).to_string(),
            );
            let rows = std::cell::RefCell::new(rows);
            let iter = std::iter::from_fn(|| rows.borrow_mut().next());
            let read = || rows.borrow().bytes_read();
            Ok(f(Box::new(iter), Some(info), &read))
        }
        FileKind::Xlsx => {
            let mut book = XlsxBook::open(reader, Limits::default())?;
            let rows = book.rows(None)?;
            // The XLSX reader does not say how far it is: progress goes by rows.
            Ok(f(Box::new(rows), None, &|| 0))
        }
    }
}

fn file_kind_str(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Csv => "csv",
        FileKind::Xlsx => "xlsx",
    }
}

fn read_error(e: &ReadError) -> AppError {
    AppError::invalid("file", format!("{} ({})", e, e.key()))
}

/// The mapping for a file: `given`, else a remembered preset that fits its header, else the suggestion (from the
/// header, or from the first rows' values without one). Returns the mapping and the preset's name.
fn choose_mapping(
    given: Option<&Mapping>,
    presets: &[(String, Mapping)],
    first: &[Vec<String>],
) -> (Mapping, Option<String>) {
    let header = first.first().filter(|h| looks_like_header(h));
    if let Some(m) = given {
        return (m.clone(), None);
    }
    match header {
        Some(h) => match best_preset(presets, h) {
            Some((name, m)) => (m, Some(name)),
            None => (suggest_mapping(h), None),
        },
        None => (suggest_from_values(first), None),
    }
}

/// Mask of a sensitive value in a preview.
const MASK: &str = "•••";

/// A row made ready to write: the relation sealed, its e-mail's blind index, its company by name.
struct Prepared {
    row: u64,
    relation: RelationRow,
    note: Option<RelationNoteRow>,
    email_index: Option<String>,
    /// The blind index of the person's full name, the matcher's extra key.
    name_key: Option<String>,
    /// The company a person is a contact of: (blind index of its name, the name).
    company: Option<(String, String)>,
}

/// One batch from the reader to the writer.
struct Batch {
    items: Vec<Prepared>,
    problems: Vec<ImportProblem>,
    skipped: i64,
    duplicates: i64,
    rows_read: i64,
    bytes_read: i64,
    /// The row after the batch's last.
    next_row: i64,
}

/// Everything the reading thread needs.
struct ReadPlan {
    kind: FileKind,
    mapping: Mapping,
    offered: Offered,
    keys: KeyRing,
    org_id: String,
    created_by: String,
    today: time::Date,
    /// Rows before this one were committed by an earlier run: read for duplicates only.
    resume_at: u64,
}

fn field_column(mapping: &Mapping, headers: &[String], row: u64, f: RelationField) -> Problem {
    let column = mapping
        .columns
        .iter()
        .position(|c| c.target == Target::Field(f));
    Problem {
        row,
        column,
        header: column.and_then(|c| headers.get(c).cloned()),
        field: Some(f),
        reason: Reason::FieldNotOffered,
    }
}

/// Reads the file, validates and seals each row, and sends batches to the writer. Runs on a blocking thread.
fn read_and_prepare<R: Read + Seek>(
    plan: ReadPlan,
    reader: R,
    tx: tokio::sync::mpsc::Sender<Result<Batch, AppError>>,
) -> Result<(), ReadError> {
    let app_keys = plan.keys.clone();
    with_rows(plan.kind, reader, move |mut rows, _, bytes_read| {
        let first = match rows.next() {
            None => return,
            Some(Err(e)) => {
                let _ = tx.blocking_send(Err(read_error(&e)));
                return;
            }
            Some(Ok(r)) => r,
        };
        let headers = if plan.mapping.has_header {
            first.cells.clone()
        } else {
            Vec::new()
        };
        let mut importer = Importer::new(plan.mapping.clone(), headers.clone(), plan.today);
        let mut pending: Option<Row> = (!plan.mapping.has_header).then_some(first);
        let mut batch = Batch {
            items: Vec::with_capacity(BATCH_ROWS),
            problems: Vec::new(),
            skipped: 0,
            duplicates: 0,
            rows_read: 0,
            bytes_read: 0,
            next_row: 0,
        };
        let mut in_batch = 0usize;
        loop {
            let next = match pending.take() {
                Some(r) => Some(Ok(r)),
                None => rows.next(),
            };
            let mut stop = false;
            let mut outcome_problems: Vec<Problem> = Vec::new();
            let mut prepared: Option<Prepared> = None;
            let mut row_no: u64 = 0;
            match next {
                None => stop = true,
                Some(Err(e)) => match Problem::unreadable(&e) {
                    Some(p) => {
                        row_no = p.row;
                        outcome_problems.push(p);
                        // A row error skips the row; any other error (an unclosed quote) ends the file here.
                        stop = !e.is_row_error();
                    }
                    None => {
                        let _ = tx.blocking_send(Err(read_error(&e)));
                        return;
                    }
                },
                Some(Ok(row)) => {
                    row_no = row.number;
                    let out = importer.process(&row);
                    outcome_problems = out.problems;
                    if let Some(rel) = out.relation {
                        let bc = rel.company.is_some() && rel.party == Party::Person;
                        let offered = plan
                            .offered
                            .get(&(rel.kind, rel.party, bc))
                            .map(Vec::as_slice)
                            .unwrap_or(&[]);
                        let check = Relation {
                            id: Uuid::nil(),
                            party: rel.party,
                            kind: rel.kind,
                            company: bc.then(Uuid::nil),
                            values: rel.values.clone(),
                            tags: BTreeSet::new(),
                        };
                        let mut refused = false;
                        for p in check.problems(offered, plan.today) {
                            refused = true;
                            match p {
                                RelationProblem::FieldNotOffered(f) => outcome_problems
                                    .push(field_column(&plan.mapping, &headers, row.number, f)),
                                RelationProblem::FieldNotForParty(f) => {
                                    let mut p =
                                        field_column(&plan.mapping, &headers, row.number, f);
                                    p.reason = Reason::FieldNotForParty;
                                    outcome_problems.push(p);
                                }
                                RelationProblem::ImpossibleDateOfBirth => {
                                    let mut p = field_column(
                                        &plan.mapping,
                                        &headers,
                                        row.number,
                                        RelationField::DateOfBirth,
                                    );
                                    p.reason = Reason::ImpossibleDate;
                                    outcome_problems.push(p);
                                }
                                RelationProblem::NoName
                                | RelationProblem::CompanyLinkedToCompany => {
                                    outcome_problems.push(Problem {
                                        row: row.number,
                                        column: None,
                                        header: None,
                                        field: None,
                                        reason: Reason::NoName,
                                    })
                                }
                            }
                        }
                        let duplicate = outcome_problems.iter().any(|p| p.reason.is_duplicate());
                        if !refused && !duplicate {
                            prepared = Some(seal_row(&plan, &app_keys, rel));
                        }
                    }
                }
            }
            if row_no > 0 && row_no >= plan.resume_at {
                batch.rows_read += 1;
                match prepared {
                    Some(p) => {
                        batch.items.push(p);
                        in_batch += 1;
                    }
                    None if !outcome_problems.is_empty() => {
                        if outcome_problems.iter().any(|p| p.reason.is_duplicate())
                            && outcome_problems.iter().all(|p| p.reason.is_duplicate())
                        {
                            batch.duplicates += 1;
                        } else {
                            batch.skipped += 1;
                        }
                        in_batch += 1;
                    }
                    None => {}
                }
                batch
                    .problems
                    .extend(outcome_problems.iter().map(ImportProblem::of));
                batch.next_row = i64::try_from(row_no + 1).unwrap_or(i64::MAX);
            }
            if in_batch >= BATCH_ROWS || stop {
                batch.bytes_read = i64::try_from(bytes_read()).unwrap_or(i64::MAX);
                let full = std::mem::replace(
                    &mut batch,
                    Batch {
                        items: Vec::with_capacity(BATCH_ROWS),
                        problems: Vec::new(),
                        skipped: 0,
                        duplicates: 0,
                        rows_read: 0,
                        bytes_read: 0,
                        next_row: 0,
                    },
                );
                in_batch = 0;
                if (full.rows_read > 0 || full.next_row > 0) && tx.blocking_send(Ok(full)).is_err()
                {
                    return;
                }
            }
            if stop {
                return;
            }
        }
    })
}

/// Seals one row's relation for the store: values encrypted with their blind indexes (computed once here; the
/// e-mail's is taken from them for the duplicate check), tags and the note.
fn seal_row(plan: &ReadPlan, keys: &KeyRing, rel: kluis_import::RelationRow) -> Prepared {
    let id = Uuid::now_v7().to_string();
    let values: Vec<kluis_store::RelationValueRow> = rel
        .values
        .iter()
        .map(|(f, v)| kluis_store::RelationValueRow {
            field: *f,
            value_enc: keys.encrypt(v.as_bytes(), &value_aad(&plan.org_id, &id, *f)),
            value_index: f.entity_type().and_then(|e| {
                let n = kluis_pii::normalize(e, v);
                (!n.is_empty()).then(|| keys.blind_index(&plan.org_id, e.as_str(), &n))
            }),
        })
        .collect();
    let email_index = values
        .iter()
        .find(|v| v.field == RelationField::Email)
        .and_then(|v| v.value_index.clone());
    let name_key = crate::links::name_match_key(
        keys,
        &plan.org_id,
        rel.values
            .get(&RelationField::GivenName)
            .map(String::as_str),
        rel.values
            .get(&RelationField::FamilyName)
            .map(String::as_str),
    );
    let mut tags: BTreeSet<String> = rel
        .tags
        .iter()
        .filter(|t| t.chars().count() <= 50)
        .take(20)
        .cloned()
        .collect();
    if clean_tags(&tags).is_err() {
        tags.clear();
    }
    let tags = crate::relations::seal_tags_with(keys, &plan.org_id, &id, &tags);
    let now = now_ms();
    let note = rel.notes.as_deref().map(|body| {
        let note_id = Uuid::now_v7().to_string();
        let body: String = body.chars().take(5_000).collect();
        RelationNoteRow {
            body_enc: keys.encrypt(body.as_bytes(), &note_aad(&plan.org_id, &note_id)),
            id: note_id,
            relation_id: id.clone(),
            created_by: plan.created_by.clone(),
            created_at: now,
        }
    });
    let company = rel.company.as_deref().and_then(|c| {
        let n = kluis_pii::normalize(EntityType::PersonName, c);
        (!n.is_empty()).then(|| {
            (
                keys.blind_index(&plan.org_id, EntityType::PersonName.as_str(), &n),
                c.to_owned(),
            )
        })
    });
    Prepared {
        row: rel.row,
        relation: RelationRow {
            id,
            party: rel.party,
            kind: rel.kind,
            company_id: None,
            version: 1,
            created_by: plan.created_by.clone(),
            created_at: now,
            updated_at: now,
            values,
            tags,
        },
        note,
        email_index,
        name_key,
        company,
    }
}

fn is_power_of_ten(mut n: u64) -> bool {
    while n >= 10 && n.is_multiple_of(10) {
        n /= 10;
    }
    n == 1
}

/// Counts so far, for progress and the final event.
#[derive(Debug, Clone, Default)]
struct Counts {
    rows_read: i64,
    bytes_read: i64,
    next_row: i64,
    imported: i64,
    skipped: i64,
    duplicates: i64,
    problems: Vec<ImportProblem>,
}

impl Counts {
    fn of(row: &RelationImportRow) -> Counts {
        Counts {
            rows_read: row.rows_read,
            bytes_read: row.bytes_read,
            next_row: row.next_row,
            imported: row.imported,
            skipped: row.skipped,
            duplicates: row.duplicates,
            problems: serde_json::from_str(&row.problems).unwrap_or_default(),
        }
    }

    fn progress(&self, status: &str, error: Option<String>, finished: bool) -> ImportProgress {
        let now = now_ms();
        ImportProgress {
            status: status.to_owned(),
            bytes_read: self.bytes_read,
            rows_read: self.rows_read,
            next_row: self.next_row,
            imported: self.imported,
            skipped: self.skipped,
            duplicates: self.duplicates,
            problems: serde_json::to_string(&self.problems).unwrap_or_else(|_| "[]".into()),
            error,
            updated_at: now,
            finished_at: finished.then_some(now),
        }
    }

    /// The audit event's fields: counts only.
    fn fields(&self, dry_run: bool, status: &str) -> Vec<String> {
        let mut f = vec![
            format!("status={status}"),
            format!("imported={}", self.imported),
            format!("skipped={}", self.skipped),
            format!("duplicates={}", self.duplicates),
            format!("rows={}", self.rows_read),
        ];
        if dry_run {
            f.push("dry_run".into());
        }
        f
    }
}

impl App {
    fn import_blob_aad(org_id: &str, id: &str) -> Vec<u8> {
        KeyRing::aad(org_id, BLOB_TABLE, &format!("upload/{id}"))
    }

    fn import_blob_key(org_id: &str, id: &str) -> String {
        format!("imports/{org_id}/{id}")
    }

    async fn import_presets(&self, scope: &OrgScope) -> Result<Vec<(String, Mapping)>, AppError> {
        Ok(self
            .db()
            .relation_imports(scope)
            .presets()
            .await?
            .into_iter()
            .filter_map(|(n, m)| serde_json::from_str(&m).ok().map(|m| (n, m)))
            .collect())
    }

    async fn offered_for(&self, scope: &OrgScope) -> Result<Offered, AppError> {
        let register = Register {
            activities: self
                .db()
                .activities(scope)
                .list()
                .await?
                .into_iter()
                .map(|r| r.activity)
                .collect(),
            ..Default::default()
        };
        Ok(offered_map(&register))
    }

    /// Uploads a customer file (CSV or XLSX) for import (Permission::Write): checks that it can be read, stores
    /// it encrypted until the import ends, and audits `relation.import.upload`. Nothing is imported yet: the
    /// mapping page ([`App::relation_import_preview`]) and [`App::start_relation_import`] follow.
    pub async fn upload_relation_import(
        &self,
        actor: &Actor,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<ImportView, AppError> {
        require(actor, Permission::Write)?;
        let name = name.trim();
        let name = if name.is_empty() { "import.csv" } else { name };
        if name.chars().count() > 255 {
            return Err(AppError::invalid("file", "the file name is too long"));
        }
        if bytes.is_empty() {
            return Err(AppError::invalid("file", "the file is empty"));
        }
        let limits = Limits::default();
        if bytes.len() as u64 > limits.max_file_bytes {
            return Err(AppError::invalid(
                "file",
                format!("the file is larger than {} bytes", limits.max_file_bytes),
            ));
        }
        let head = &bytes[..bytes.len().min(4096)];
        let kind = FileKind::sniff(head).map_err(|e| read_error(&e))?;
        // A file whose first row cannot be read is refused now, with the reason, not in the background.
        let first = with_rows(kind, Cursor::new(&bytes), |mut rows, _, _| rows.next())
            .map_err(|e| read_error(&e))?;
        match first {
            None => return Err(AppError::invalid("file", "the file holds no rows")),
            Some(Err(e)) if !e.is_row_error() => return Err(read_error(&e)),
            _ => {}
        }
        let org_id = actor.scope.org_id().to_owned();
        let id = Uuid::now_v7().to_string();
        let key = Self::import_blob_key(&org_id, &id);
        let now = now_ms();
        let row = RelationImportRow {
            id: id.clone(),
            file_name: name.to_owned(),
            file_kind: file_kind_str(kind).to_owned(),
            size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            blob_key: Some(key.clone()),
            status: status::UPLOADED.to_owned(),
            dry_run: false,
            mapping: None,
            bytes_read: 0,
            rows_read: 0,
            next_row: 0,
            imported: 0,
            skipped: 0,
            duplicates: 0,
            problems: "[]".into(),
            error: None,
            created_by: actor.user_id.to_string(),
            created_at: now,
            updated_at: now,
            finished_at: None,
        };
        let sealed = self
            .keys()
            .encrypt(&bytes, &Self::import_blob_aad(&org_id, &id));
        self.blobs()
            .put(&key, sealed)
            .await
            .map_err(AppError::internal)?;
        let mut tx = self.db().begin_write().await?;
        tx.relation_imports(&actor.scope).insert(&row).await?;
        tx.tenant(&actor.scope)
            .append_audit(&actor.event(AuditAction::RelationImportUpload, ENTITY, &id, &["file"]))
            .await?;
        tx.commit().await?;
        Ok(view(row))
    }

    /// One import with its progress and result (Permission::Read).
    pub async fn relation_import(&self, actor: &Actor, id: &str) -> Result<ImportView, AppError> {
        require(actor, Permission::Read)?;
        Uuid::parse_str(id).map_err(|_| AppError::NotFound)?;
        self.db()
            .relation_imports(&actor.scope)
            .get(id)
            .await?
            .map(view)
            .ok_or(AppError::NotFound)
    }

    /// The latest imports, newest first (Permission::Read).
    pub async fn relation_imports(&self, actor: &Actor) -> Result<Vec<ImportView>, AppError> {
        require(actor, Permission::Read)?;
        Ok(self
            .db()
            .relation_imports(&actor.scope)
            .list(20)
            .await?
            .into_iter()
            .map(view)
            .collect())
    }

    /// The remembered mappings' names (Permission::Read).
    pub async fn relation_import_presets(&self, actor: &Actor) -> Result<Vec<String>, AppError> {
        require(actor, Permission::Read)?;
        Ok(self
            .import_presets(&actor.scope)
            .await?
            .into_iter()
            .map(|(n, _)| n)
            .collect())
    }

    async fn upload_bytes(
        &self,
        scope: &OrgScope,
        row: &RelationImportRow,
    ) -> Result<Vec<u8>, AppError> {
        let key = row.blob_key.as_deref().ok_or_else(|| {
            AppError::Conflict("the uploaded file is no longer kept: upload it again".into())
        })?;
        let sealed = self
            .blobs()
            .get(key)
            .await
            .map_err(AppError::internal)?
            .ok_or_else(|| {
                AppError::Conflict("the uploaded file is no longer kept: upload it again".into())
            })?;
        Ok(self
            .keys()
            .decrypt(&sealed, &Self::import_blob_aad(scope.org_id(), &row.id))?)
    }

    /// The mapping page's content (Permission::Write; shows, changes nothing): the file's header, the mapping
    /// (`mapping`, else a remembered preset that fits, else the suggestion), the columns privacy by default
    /// refuses, and the first rows mapped with their problems.
    pub async fn relation_import_preview(
        &self,
        actor: &Actor,
        id: &str,
        mapping: Option<&Mapping>,
        preset: Option<&str>,
    ) -> Result<ImportPreview, AppError> {
        require(actor, Permission::Write)?;
        Uuid::parse_str(id).map_err(|_| AppError::NotFound)?;
        let row = self
            .db()
            .relation_imports(&actor.scope)
            .get(id)
            .await?
            .ok_or(AppError::NotFound)?;
        let bytes = self.upload_bytes(&actor.scope, &row).await?;
        let presets = self.import_presets(&actor.scope).await?;
        let chosen_preset = preset
            .filter(|p| !p.is_empty())
            .and_then(|p| presets.iter().find(|(n, _)| n == p).cloned());
        let offered = self.offered_for(&actor.scope).await?;
        let kind = FileKind::sniff(&bytes[..bytes.len().min(4096)]).map_err(|e| read_error(&e))?;
        let today = crate::profile::today();
        let given = mapping.cloned();
        let result = with_rows(kind, Cursor::new(&bytes), |rows, info, _| {
            let mut first: Vec<Row> = Vec::new();
            let mut problems: Vec<ImportProblem> = Vec::new();
            for r in rows {
                match r {
                    Ok(r) => first.push(r),
                    Err(e) => match Problem::unreadable(&e) {
                        Some(p) => problems.push(ImportProblem::of(&p)),
                        None => return Err(read_error(&e)),
                    },
                }
                if first.len() > PREVIEW_ROWS {
                    break;
                }
            }
            let cells: Vec<Vec<String>> = first.iter().map(|r| r.cells.clone()).collect();
            let (mapping, preset_name) = match (&given, &chosen_preset) {
                (Some(m), _) => (m.clone(), None),
                (None, Some((n, p))) => match cells.first() {
                    Some(h) if looks_like_header(h) => (p.for_headers(h), Some(n.clone())),
                    _ => (p.clone(), Some(n.clone())),
                },
                (None, None) => choose_mapping(None, &presets, &cells),
            };
            let headers = if mapping.has_header {
                cells.first().cloned().unwrap_or_default()
            } else {
                Vec::new()
            };
            let mut importer = Importer::new(mapping.clone(), headers.clone(), today);
            let mut out = Vec::new();
            for r in first.iter().skip(usize::from(mapping.has_header)) {
                let o = importer.process(r);
                let mut problems: Vec<ImportProblem> =
                    o.problems.iter().map(ImportProblem::of).collect();
                let (party, kind, company, values) = match &o.relation {
                    Some(rel) => {
                        let bc = rel.company.is_some() && rel.party == Party::Person;
                        let off = offered
                            .get(&(rel.kind, rel.party, bc))
                            .map(Vec::as_slice)
                            .unwrap_or(&[]);
                        for f in rel.values.keys().filter(|f| !off.contains(f)) {
                            problems.push(ImportProblem::of(&field_column(
                                &mapping, &headers, r.number, *f,
                            )));
                        }
                        let values = rel
                            .values
                            .iter()
                            .map(|(f, v)| {
                                (
                                    *f,
                                    if f.is_sensitive() {
                                        MASK.to_owned()
                                    } else {
                                        v.clone()
                                    },
                                )
                            })
                            .collect();
                        (Some(rel.party), Some(rel.kind), rel.company.clone(), values)
                    }
                    None => (None, None, None, BTreeMap::new()),
                };
                out.push(PreviewRow {
                    row: r.number,
                    party,
                    kind,
                    company,
                    values,
                    problems,
                });
            }
            for p in problems {
                out.push(PreviewRow {
                    row: p.row,
                    party: None,
                    kind: None,
                    company: None,
                    values: BTreeMap::new(),
                    problems: vec![p],
                });
            }
            out.sort_by_key(|r| r.row);
            out.truncate(PREVIEW_ROWS);
            Ok((mapping, preset_name, headers, out, info))
        })
        .map_err(|e| read_error(&e))??;
        let (mapping, preset_name, headers, rows, info) = result;
        let refused = refused_columns(&mapping, &offered);
        Ok(ImportPreview {
            source: detect_source(&headers).map(str::to_owned),
            import: view(row),
            presets: presets.into_iter().map(|(n, _)| n).collect(),
            preset: preset_name,
            refused,
            encoding: info.as_ref().map(|(e, _)| e.clone()),
            delimiter: info.map(|(_, d)| d),
            headers,
            mapping,
            rows,
        })
    }

    /// Starts an uploaded import as a background job (Permission::Write): the mapping (given, or the preview's
    /// choice) is checked against privacy by default (a column mapped to a field no active activity needs is
    /// refused, named), remembered under `remember_as` when asked, and the job queued; audited as
    /// `relation.import.start`. The job appends `relation.import` with the counts when it ends.
    pub async fn start_relation_import(
        &self,
        actor: &Actor,
        id: &str,
        start: &ImportStart,
    ) -> Result<ImportView, AppError> {
        require(actor, Permission::Write)?;
        let mapping = match &start.mapping {
            Some(m) => m.clone(),
            None => {
                self.relation_import_preview(actor, id, None, None)
                    .await?
                    .mapping
            }
        };
        let offered = self.offered_for(&actor.scope).await?;
        let refused = refused_columns(&mapping, &offered);
        if !refused.is_empty() {
            return Err(refused_error(&refused));
        }
        if !mapping.has_name_column() {
            return Err(AppError::invalid(
                "mapping",
                "no column holds a name (given name, family name, company name or a whole name)",
            ));
        }
        let remember = start
            .remember_as
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        if remember.is_some_and(|n| n.chars().count() > 80) {
            return Err(AppError::invalid("remember_as", "at most 80 characters"));
        }
        let json = serde_json::to_string(&mapping).map_err(AppError::internal)?;
        let org_id = actor.scope.org_id().to_owned();
        let now = now_ms();
        let mut tx = self.db().begin_write().await?;
        match tx
            .relation_imports(&actor.scope)
            .queue(id, &json, start.dry_run, now)
            .await
        {
            Err(kluis_store::StoreError::NotFound) => {
                return Err(
                    match self.db().relation_imports(&actor.scope).get(id).await? {
                        Some(_) => {
                            AppError::Conflict("this import has already been started".into())
                        }
                        None => AppError::NotFound,
                    },
                );
            }
            other => other?,
        }
        if let Some(name) = remember {
            tx.relation_imports(&actor.scope)
                .upsert_preset(name, &json, actor.user_id.as_str(), now)
                .await?;
        }
        tx.enqueue_job(&NewJob {
            id: Uuid::now_v7().to_string(),
            org_id: Some(org_id),
            kind: JOB_RELATION_IMPORT.to_owned(),
            payload: serde_json::json!({ "import_id": id, "user_id": actor.user_id.as_str() })
                .to_string(),
            run_at: now,
            max_attempts: 5,
            unique_key: None,
            now,
        })
        .await?;
        let mut fields = vec!["mapping"];
        if remember.is_some() {
            fields.push("preset");
        }
        if start.dry_run {
            fields.push("dry_run");
        }
        tx.tenant(&actor.scope)
            .append_audit(&actor.event(AuditAction::RelationImportStart, ENTITY, id, &fields))
            .await?;
        tx.commit().await?;
        self.relation_import(actor, id).await
    }

    /// The `relations.import` job: runs the import as the member who started it (their membership is checked
    /// again), then deletes the stored upload.
    pub(crate) async fn run_relation_import_job(&self, job: Job) -> Result<(), AppError> {
        let org_id = job.org_id.clone().ok_or_else(|| {
            AppError::internal(anyhow::anyhow!("import job without organisation"))
        })?;
        let id = job
            .payload
            .get("import_id")
            .and_then(|v| v.as_str())
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("import job without import id")))?
            .to_owned();
        let Some(org) = self.db().org_by_id(&org_id).await? else {
            return Ok(());
        };
        let user = job
            .payload
            .get("user_id")
            .and_then(|v| v.as_str())
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("import job without user id")))?
            .to_owned();
        // The job acts as the member who started the import, whose membership is checked again now: a member who
        // left (or an organisation that is gone) leaves the import unrun.
        let actor = match self.actor(&UserId(user), &org.slug, &Origin::jobs()).await {
            Ok(a) if a.can(Permission::Write) => a,
            Ok(_) | Err(AppError::NotFound) => {
                tracing::warn!(import = %id, "import not run: its member may no longer write");
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        let row = self
            .db()
            .relation_imports(&actor.scope)
            .get(&id)
            .await?
            .ok_or(AppError::NotFound)?;
        if row.status == status::DONE || row.status == status::FAILED {
            return Ok(());
        }
        let bytes = match self.upload_bytes(&actor.scope, &row).await {
            Ok(b) => b,
            Err(_) => {
                self.fail_import(&actor.scope, &id, actor.user_id.as_str(), "import-error-io")
                    .await?;
                return Ok(());
            }
        };
        let who = Who {
            scope: actor.scope.clone(),
            name: actor.user_id.to_string(),
            origin: Origin::jobs(),
        };
        let result = self.run_import(&who, row, Source::Bytes(bytes), None).await;
        match result {
            Ok(done) => {
                if let Some(key) = done.blob_key.clone() {
                    self.blobs()
                        .delete(&key)
                        .await
                        .map_err(AppError::internal)?;
                    let mut tx = self.db().begin_write().await?;
                    tx.relation_imports(&actor.scope).clear_blob(&id).await?;
                    tx.commit().await?;
                }
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Marks an import failed and appends its event with what was committed before.
    async fn fail_import(
        &self,
        scope: &OrgScope,
        id: &str,
        actor: &str,
        error: &str,
    ) -> Result<(), AppError> {
        let Some(row) = self.db().relation_imports(scope).get(id).await? else {
            return Ok(());
        };
        let counts = Counts::of(&row);
        let fields = counts.fields(row.dry_run, status::FAILED);
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        let mut tx = self.db().begin_write().await?;
        tx.relation_imports(scope)
            .progress(
                id,
                &counts.progress(status::FAILED, Some(error.to_owned()), true),
            )
            .await?;
        tx.tenant(scope)
            .append_audit(&event(
                actor,
                AuditAction::RelationImport,
                ENTITY,
                id,
                &fields,
                &Origin::jobs(),
            ))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The import itself: reads on a blocking thread (parse, validate, seal) while this task writes the batches,
    /// each in one transaction with the progress; the end appends `relation.import` with the counts.
    async fn run_import(
        &self,
        who: &Who,
        row: RelationImportRow,
        source: Source,
        mut sink: Option<&mut (dyn FnMut(&ImportProblem) + Send)>,
    ) -> Result<RelationImportRow, AppError> {
        let mapping: Mapping = row
            .mapping
            .as_deref()
            .and_then(|m| serde_json::from_str(m).ok())
            .ok_or_else(|| AppError::invalid("mapping", "the import has no mapping"))?;
        let offered = self.offered_for(&who.scope).await?;
        let refused = refused_columns(&mapping, &offered);
        if !refused.is_empty() {
            return Err(refused_error(&refused));
        }
        let kind = match row.file_kind.as_str() {
            "xlsx" => FileKind::Xlsx,
            _ => FileKind::Csv,
        };
        let dry_run = row.dry_run;
        let id = row.id.clone();
        let mut counts = Counts::of(&row);
        let plan = ReadPlan {
            kind,
            mapping,
            offered: offered.clone(),
            keys: self.keys(),
            org_id: who.scope.org_id().to_owned(),
            created_by: who.name.clone(),
            today: crate::profile::today(),
            resume_at: u64::try_from(row.next_row).unwrap_or(0),
        };
        {
            let mut tx = self.db().begin_write().await?;
            tx.relation_imports(&who.scope)
                .progress(&id, &counts.progress(status::RUNNING, None, false))
                .await?;
            tx.commit().await?;
        }
        // One batch waits while the next is read: the reader and the writer overlap without more batches in memory.
        let (tx_batches, mut rx) = tokio::sync::mpsc::channel::<Result<Batch, AppError>>(1);
        let reader = tokio::task::spawn_blocking(move || match source {
            Source::Bytes(b) => read_and_prepare(plan, Cursor::new(b), tx_batches),
            Source::Path(p) => match std::fs::File::open(&p) {
                Ok(f) => read_and_prepare(plan, std::io::BufReader::new(f), tx_batches),
                Err(e) => Err(ReadError::Io(e)),
            },
        });
        let mut companies: HashMap<String, String> = HashMap::new();
        let mut failure: Option<String> = None;
        let mut batches: u64 = 0;
        while let Some(batch) = rx.recv().await {
            let batch = match batch {
                Ok(b) => b,
                Err(e) => {
                    failure = Some(match &e {
                        AppError::Invalid { message, .. } => message.clone(),
                        other => other.to_string(),
                    });
                    break;
                }
            };
            self.write_batch(
                who,
                &id,
                dry_run,
                batch,
                &offered,
                &mut companies,
                &mut counts,
                &mut sink,
            )
            .await?;
            batches += 1;
            // The tables grow tenfold after 1, 10, 100… batches: the planner's statistics with them.
            if is_power_of_ten(batches) {
                self.db().optimize().await?;
            }
        }
        drop(rx);
        let read = reader.await.map_err(AppError::internal)?;
        if let Err(e) = read {
            failure = Some(format!("{e} ({})", e.key()));
        }
        let status = if failure.is_some() {
            status::FAILED
        } else {
            status::DONE
        };
        let fields = counts.fields(dry_run, status);
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        let mut tx = self.db().begin_write().await?;
        tx.relation_imports(&who.scope)
            .progress(&id, &counts.progress(status, failure, true))
            .await?;
        tx.tenant(&who.scope)
            .append_audit(&event(
                &who.name,
                AuditAction::RelationImport,
                ENTITY,
                &id,
                &fields,
                &who.origin,
            ))
            .await?;
        tx.commit().await?;
        self.db()
            .relation_imports(&who.scope)
            .get(&id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// One batch: duplicates of relations already held are left out (one lookup for the batch's e-mail
    /// indexes), companies found or created by name, then relations, values, tags, notes and the progress in one
    /// transaction. A dry run writes only the progress.
    #[allow(clippy::too_many_arguments)]
    async fn write_batch(
        &self,
        who: &Who,
        id: &str,
        dry_run: bool,
        batch: Batch,
        offered: &Offered,
        companies: &mut HashMap<String, String>,
        counts: &mut Counts,
        sink: &mut Option<&mut (dyn FnMut(&ImportProblem) + Send)>,
    ) -> Result<(), AppError> {
        let mut problems = batch.problems;
        let mut skipped = batch.skipped;
        let mut duplicates = batch.duplicates;
        let indexes: Vec<String> = batch
            .items
            .iter()
            .filter_map(|p| p.email_index.clone())
            .collect();
        let held: BTreeSet<String> = self
            .db()
            .relation_imports(&who.scope)
            .held_indexes(RelationField::Email.as_str(), &indexes)
            .await?
            .into_iter()
            .collect();
        let email_column = |p: &Prepared| ImportProblem {
            row: p.row,
            column: None,
            header: None,
            field: Some(RelationField::Email),
            reason: Reason::ExistingEmail.key().to_owned(),
            first_row: None,
            duplicate: true,
        };
        let mut keep: Vec<Prepared> = Vec::with_capacity(batch.items.len());
        for p in batch.items {
            if p.email_index.as_ref().is_some_and(|i| held.contains(i)) {
                problems.push(email_column(&p));
                duplicates += 1;
            } else {
                keep.push(p);
            }
        }
        // Companies by name: those this import made, then those held, else a new company of the person's kind.
        let unknown: Vec<String> = keep
            .iter()
            .filter_map(|p| p.company.as_ref().map(|(i, _)| i.clone()))
            .filter(|i| !companies.contains_key(i))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if !unknown.is_empty() {
            companies.extend(
                self.db()
                    .relation_imports(&who.scope)
                    .companies_by_name_index(&unknown)
                    .await?,
            );
        }
        let keys = self.keys();
        let org_id = who.scope.org_id().to_owned();
        let mut new_companies: Vec<RelationRow> = Vec::new();
        let mut rows: Vec<RelationRow> = Vec::with_capacity(keep.len());
        let mut notes: Vec<RelationNoteRow> = Vec::new();
        let mut name_keys: Vec<(String, EntityType, String)> = Vec::new();
        for mut p in keep {
            if let Some((index, name)) = &p.company {
                let cid = match companies.get(index) {
                    Some(c) => Some(c.clone()),
                    None => {
                        let allowed = offered
                            .get(&(p.relation.kind, Party::Company, false))
                            .is_some_and(|f| f.contains(&RelationField::CompanyName));
                        if allowed {
                            let cid = Uuid::now_v7().to_string();
                            let values =
                                BTreeMap::from([(RelationField::CompanyName, name.clone())]);
                            let sealed: Vec<kluis_store::RelationValueRow> = values
                                .iter()
                                .map(|(f, v)| kluis_store::RelationValueRow {
                                    field: *f,
                                    value_enc: keys
                                        .encrypt(v.as_bytes(), &value_aad(&org_id, &cid, *f)),
                                    value_index: Some(index.clone()),
                                })
                                .collect();
                            new_companies.push(RelationRow {
                                id: cid.clone(),
                                party: Party::Company,
                                kind: p.relation.kind,
                                company_id: None,
                                version: 1,
                                created_by: who.name.clone(),
                                created_at: p.relation.created_at,
                                updated_at: p.relation.created_at,
                                values: sealed,
                                tags: Vec::new(),
                            });
                            companies.insert(index.clone(), cid.clone());
                            Some(cid)
                        } else {
                            None
                        }
                    }
                };
                match cid {
                    Some(c) => p.relation.company_id = Some(c),
                    None => {
                        problems.push(ImportProblem {
                            row: p.row,
                            column: None,
                            header: None,
                            field: Some(RelationField::CompanyName),
                            reason: Reason::FieldNotOffered.key().to_owned(),
                            first_row: None,
                            duplicate: false,
                        });
                        skipped += 1;
                        continue;
                    }
                }
            }
            if let Some(n) = p.note.take() {
                notes.push(n);
            }
            if let Some(k) = p.name_key.take() {
                name_keys.push((p.relation.id.clone(), EntityType::PersonName, k));
            }
            rows.push(p.relation);
        }
        problems.sort_by_key(|p| p.row);
        if let Some(s) = sink.as_mut() {
            for p in &problems {
                s(p);
            }
        }
        counts.imported += i64::try_from(rows.len()).unwrap_or(0);
        counts.skipped += skipped;
        counts.duplicates += duplicates;
        counts.rows_read += batch.rows_read;
        counts.bytes_read = counts.bytes_read.max(batch.bytes_read);
        counts.next_row = counts.next_row.max(batch.next_row);
        let room = MAX_STORED_PROBLEMS.saturating_sub(counts.problems.len());
        counts.problems.extend(problems.into_iter().take(room));
        let progress = counts.progress(status::RUNNING, None, false);
        let mut tx = self.db().begin_write().await?;
        if !dry_run {
            tx.bulk().await?;
            new_companies.extend(rows);
            tx.relation_imports(&who.scope)
                .insert_relations(&new_companies, &notes)
                .await?;
            // The matcher, as for a relation saved by hand: the documents already held that name them.
            let values: Vec<(String, RelationField, String)> = new_companies
                .iter()
                .flat_map(|r| {
                    r.values
                        .iter()
                        .filter_map(|v| Some((r.id.clone(), v.field, v.value_index.clone()?)))
                })
                .collect();
            tx.links(&who.scope)
                .link_new_relations(&values, &name_keys, now_ms())
                .await?;
        }
        tx.relation_imports(&who.scope)
            .progress(id, &progress)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// `kluis relations import`: imports `path` into organisation `slug` as the command line, in the foreground,
    /// with `mapping` (else a remembered preset that fits the header, else the suggestion). Every problem is given
    /// to `on_problem` as it is found. A mapping that privacy by default refuses, or a file that cannot be read
    /// at all, is an error before anything is written. Audited as `relation.import` (actor `cli`) with counts.
    pub async fn cli_import_relations(
        &self,
        slug: &str,
        path: &Path,
        mapping: Option<Mapping>,
        dry_run: bool,
        on_problem: &mut (dyn FnMut(&ImportProblem) + Send),
    ) -> Result<ImportView, AppError> {
        require_system(SystemActor::Cli, Permission::Write)?;
        let org = self
            .db()
            .org_by_slug(slug.trim())
            .await?
            .ok_or(AppError::NotFound)?;
        let scope = OrgScope::system(&org);
        let size = std::fs::metadata(path)
            .map_err(|e| AppError::invalid("file", format!("cannot read the file: {e}")))?
            .len();
        let mut head = vec![0u8; 4096];
        let n = std::fs::File::open(path)
            .and_then(|mut f| f.read(&mut head))
            .map_err(|e| AppError::invalid("file", format!("cannot read the file: {e}")))?;
        head.truncate(n);
        if head.is_empty() {
            return Err(AppError::invalid("file", "the file is empty"));
        }
        let kind = FileKind::sniff(&head).map_err(|e| read_error(&e))?;
        // The header (first rows) decides the mapping when none is given.
        let first: Vec<Vec<String>> = {
            let f = std::fs::File::open(path)
                .map_err(|e| AppError::invalid("file", format!("cannot read the file: {e}")))?;
            with_rows(kind, std::io::BufReader::new(f), |rows, _, _| {
                let mut out = Vec::new();
                for r in rows.take(PREVIEW_ROWS) {
                    match r {
                        Ok(r) => out.push(r.cells),
                        Err(e) if e.is_row_error() => {}
                        Err(e) => return Err(e),
                    }
                }
                Ok(out)
            })
            .and_then(|r| r)
            .map_err(|e| read_error(&e))?
        };
        if first.is_empty() {
            return Err(AppError::invalid("file", "the file holds no rows"));
        }
        let presets = self.import_presets(&scope).await?;
        let (mapping, _) = match mapping {
            // A mapping file names its columns: laid over this file's header when both have one.
            Some(m) if m.has_header && m.columns.iter().any(|c| c.header.is_some()) => {
                match first.first() {
                    Some(h) => (m.for_headers(h), None),
                    None => (m, None),
                }
            }
            Some(m) => (m, None),
            None => choose_mapping(None, &presets, &first),
        };
        let offered = self.offered_for(&scope).await?;
        let refused = refused_columns(&mapping, &offered);
        if !refused.is_empty() {
            return Err(refused_error(&refused));
        }
        if !mapping.has_name_column() {
            return Err(AppError::invalid(
                "mapping",
                "no column holds a name (given name, family name, company name or a whole name)",
            ));
        }
        let now = now_ms();
        let id = Uuid::now_v7().to_string();
        let row = RelationImportRow {
            id: id.clone(),
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            file_kind: file_kind_str(kind).to_owned(),
            size: i64::try_from(size).unwrap_or(i64::MAX),
            blob_key: None,
            status: status::QUEUED.to_owned(),
            dry_run,
            mapping: Some(serde_json::to_string(&mapping).map_err(AppError::internal)?),
            bytes_read: 0,
            rows_read: 0,
            next_row: 0,
            imported: 0,
            skipped: 0,
            duplicates: 0,
            problems: "[]".into(),
            error: None,
            created_by: CLI_ACTOR.to_owned(),
            created_at: now,
            updated_at: now,
            finished_at: None,
        };
        {
            let mut tx = self.db().begin_write().await?;
            tx.relation_imports(&scope).insert(&row).await?;
            tx.commit().await?;
        }
        let who = Who {
            scope,
            name: CLI_ACTOR.to_owned(),
            origin: Origin::cli(),
        };
        let done = self
            .run_import(&who, row, Source::Path(path.to_owned()), Some(on_problem))
            .await?;
        Ok(view(done))
    }

    /// Filters the relations of an export by its purpose: the one place the marketing suppression applies to
    /// exports. `ids` are relation ids in export order; the result keeps those that may be exported, in order.
    /// For marketing the register decides: each active activity with a direct-marketing purpose lets through
    /// whom [`App::marketing_selection`] selects for its purpose on its lawful basis (consent where it rests on
    /// consent; everyone but those who withdrew or objected on the soft opt-in); with no such activity there is
    /// no purpose to export for, and nobody is exported.
    pub(crate) async fn filter_for_purpose(
        &self,
        scope: &OrgScope,
        purpose: ExportPurpose,
        ids: Vec<String>,
    ) -> Result<Vec<String>, AppError> {
        match purpose {
            ExportPurpose::General => Ok(ids),
            ExportPurpose::Marketing => {
                let activities = self.db().activities(scope).list().await?;
                let mut allowed: std::collections::HashSet<String> = Default::default();
                for a in activities.iter().map(|r| &r.activity) {
                    if a.status != kluis_domain::register::ActivityStatus::Active {
                        continue;
                    }
                    let Some(basis) = a.lawful_basis else {
                        continue;
                    };
                    for p in a
                        .purposes
                        .iter()
                        .filter(|p| p.key().starts_with("marketing"))
                    {
                        let chosen = self.marketing_selection_in(scope, *p, basis, &ids).await?;
                        allowed.extend(chosen.included);
                    }
                }
                Ok(ids.into_iter().filter(|id| allowed.contains(id)).collect())
            }
        }
    }

    /// The organisation's relations as CSV or XLSX (Permission::Read), every cell that a spreadsheet would run as
    /// a formula escaped. Special-category and national-ID fields are left out (an export is not a reveal).
    /// Audited as `relation.export` (format, purpose, count), a read of personal data.
    pub async fn export_relations(
        &self,
        actor: &Actor,
        format: ExportFormat,
        purpose: ExportPurpose,
    ) -> Result<RelationExport, AppError> {
        require(actor, Permission::Read)?;
        let out = self.export_as(&actor.scope, format, purpose).await?;
        let fields = [
            format!("format={}", format.extension()),
            format!("purpose={}", purpose.as_str()),
            format!("relations={}", out.relations),
        ];
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        self.audit_access(
            actor,
            &actor.event(AuditAction::RelationExport, "relation", "", &fields),
        )
        .await?;
        Ok(out)
    }

    /// `kluis relations export`: [`App::export_relations`] for organisation `slug` as the command line.
    pub async fn cli_export_relations(
        &self,
        slug: &str,
        format: ExportFormat,
        purpose: ExportPurpose,
    ) -> Result<RelationExport, AppError> {
        require_system(SystemActor::Cli, Permission::Read)?;
        let org = self
            .db()
            .org_by_slug(slug.trim())
            .await?
            .ok_or(AppError::NotFound)?;
        let scope = OrgScope::system(&org);
        let out = self.export_as(&scope, format, purpose).await?;
        let fields = [
            format!("format={}", format.extension()),
            format!("purpose={}", purpose.as_str()),
            format!("relations={}", out.relations),
        ];
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        let mut tx = self.db().begin_write().await?;
        tx.tenant(&scope)
            .append_audit(&event(
                CLI_ACTOR,
                AuditAction::RelationExport,
                "relation",
                "",
                &fields,
                &Origin::cli(),
            ))
            .await?;
        tx.commit().await?;
        Ok(out)
    }

    async fn export_as(
        &self,
        scope: &OrgScope,
        format: ExportFormat,
        purpose: ExportPurpose,
    ) -> Result<RelationExport, AppError> {
        let keys = self.keys();
        let org_id = scope.org_id().to_owned();
        let store = self.db().relations(scope);
        let columns: Vec<ExportColumn> = ExportColumn::all()
            .into_iter()
            .filter(|c| !matches!(c, ExportColumn::Field(f) if f.is_sensitive()))
            .filter(|c| !matches!(c, ExportColumn::Notes | ExportColumn::Reference))
            .collect();
        let decrypt = |r: &RelationRow| -> Result<kluis_import::RelationRow, AppError> {
            let mut values = BTreeMap::new();
            for v in r.values.iter().filter(|v| !v.field.is_sensitive()) {
                let plain = keys.decrypt(&v.value_enc, &value_aad(&org_id, &r.id, v.field))?;
                values.insert(
                    v.field,
                    String::from_utf8(plain).map_err(AppError::internal)?,
                );
            }
            let mut tags = BTreeSet::new();
            for t in &r.tags {
                let plain = keys.decrypt(
                    &t.tag_enc,
                    &crate::relations::tag_aad(&org_id, &r.id, &t.tag_index),
                )?;
                tags.insert(String::from_utf8(plain).map_err(AppError::internal)?);
            }
            Ok(kluis_import::RelationRow {
                row: 0,
                party: r.party,
                kind: r.kind,
                company: None,
                values,
                tags,
                notes: None,
                reference: None,
            })
        };
        // Companies' names first, for the persons' company column.
        let mut company_names: HashMap<String, String> = HashMap::new();
        for c in store.of_party(Party::Company, 1_000_000).await? {
            let v = decrypt(&c)?;
            company_names.insert(
                c.id.clone(),
                v.values
                    .get(&RelationField::CompanyName)
                    .cloned()
                    .unwrap_or_default(),
            );
        }
        let total = store.count().await?;
        let mut lines: Vec<Vec<String>> = Vec::new();
        let page = 1000i64;
        let mut offset = 0i64;
        while offset < total {
            let rows = store.list(page, offset).await?;
            if rows.is_empty() {
                break;
            }
            offset += page;
            let ids = self
                .filter_for_purpose(scope, purpose, rows.iter().map(|r| r.id.clone()).collect())
                .await?;
            let ids: BTreeSet<String> = ids.into_iter().collect();
            for r in rows.iter().filter(|r| ids.contains(&r.id)) {
                let mut v = decrypt(r)?;
                v.company = r
                    .company_id
                    .as_ref()
                    .and_then(|c| company_names.get(c).cloned());
                lines.push(kluis_import::export_cells(&v, &columns));
            }
        }
        let header = kluis_import::export_header(&columns);
        let relations = lines.len() as u64;
        let bytes = match format {
            ExportFormat::Csv => {
                let mut w =
                    kluis_import::CsvWriter::new(Vec::new(), b';').map_err(AppError::internal)?;
                w.write_row(&header).map_err(AppError::internal)?;
                for l in &lines {
                    w.write_row(l).map_err(AppError::internal)?;
                }
                w.finish().map_err(AppError::internal)?
            }
            ExportFormat::Xlsx => {
                let mut out = Cursor::new(Vec::new());
                kluis_import::write_xlsx(&mut out, "Relaties", &header, &lines).map_err(
                    |e| match e {
                        kluis_import::WriteError::TooManyRows(n) => AppError::invalid(
                            "format",
                            format!("a sheet holds at most {n} rows: export as CSV"),
                        ),
                        other => AppError::internal(other),
                    },
                )?;
                out.into_inner()
            }
        };
        Ok(RelationExport {
            bytes,
            format,
            relations,
        })
    }
}
