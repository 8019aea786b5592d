//! Customer files in and out: CSV and XLSX read as a stream of rows, mapped onto relation fields, validated per row; relation rows written to CSV and XLSX with formula injection escaped.
//!
//! The flow the relations module drives (UI, API and `kluis relations import/export`):
//! 1. [`read_csv`] or [`XlsxBook::rows`] gives an iterator of [`Row`]s (never the whole file in memory);
//! 2. the first row's cells go to [`suggest_mapping`] (or a saved [`Mapping`] preset through
//!    [`Mapping::for_headers`]) when [`looks_like_header`] says it is a header;
//! 3. an [`Importer`] turns each row into a [`RowOutcome`]: the [`RelationRow`] when it may be imported, and its
//!    [`Problem`]s (row number as the spreadsheet shows it, column, reason key for the catalogue). A bad row never
//!    stops the rest; a read error of one row ([`ReadError::is_row_error`]) becomes that row's problem.
//! 4. [`CsvWriter`] / [`write_xlsx`] write rows back out; [`export_cells`] lays a relation out in columns.

mod csv;
mod mapping;
mod rows;
mod validate;
mod write;
mod xlsx;

pub use csv::{CsvOptions, CsvRows, read_csv, sniff_delimiter};
pub use mapping::{
    ColumnMap, Mapping, Target, looks_like_header, suggest_from_values, suggest_mapping,
    suggest_target,
};
pub use rows::{Importer, Problem, Reason, RelationRow, RowOutcome};
pub use validate::{
    Country, normalize_date, normalize_email, normalize_iban, normalize_phone, normalize_postcode,
};
pub use write::{
    CsvWriter, ExportColumn, WriteError, escape_cell, export_cells, export_header, unescape_cell,
    write_xlsx,
};
pub use xlsx::{XlsxBook, XlsxRows};

/// One row of a file: its number as a spreadsheet shows it (the first row, usually the header, is 1) and its cells
/// as text. XLSX dates arrive as `YYYY-MM-DD` (with ` HH:MM:SS` when there is a time), whole numbers without `.0`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub number: u64,
    pub cells: Vec<String>,
}

/// Bounds on what a file may make the reader hold, so a hostile or broken file fails with a clear error instead of
/// exhausting memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The whole file, in bytes as stored.
    pub max_file_bytes: u64,
    /// One row, in bytes of UTF-8 text.
    pub max_row_bytes: usize,
    /// One cell, in bytes of UTF-8 text.
    pub max_cell_bytes: usize,
    pub max_columns: usize,
    /// Rows, counting the header.
    pub max_rows: u64,
    /// An XLSX's parts unpacked, as its zip directory declares them (a small file can unpack to gigabytes).
    pub max_unpacked_bytes: u64,
}

impl Default for Limits {
    /// Room for the 1,000,000-relation import (about 150 MB of CSV) and Excel's own sheet size.
    fn default() -> Self {
        Limits {
            max_file_bytes: 512 * 1024 * 1024,
            max_row_bytes: 64 * 1024,
            max_cell_bytes: 16 * 1024,
            max_columns: 256,
            max_rows: 2_000_000,
            max_unpacked_bytes: 1024 * 1024 * 1024,
        }
    }
}

/// Why a file, or one row of it, could not be read. Row errors ([`Self::is_row_error`]) skip that row only; the
/// others end the file. Messages never quote cell contents (they may be personal data).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the file is larger than {limit} bytes")]
    FileTooLarge { limit: u64 },
    #[error("the workbook unpacks to more than {limit} bytes")]
    UnpackedTooLarge { limit: u64 },
    #[error("this file type cannot be read: {0} (save it as XLSX or CSV)")]
    Unsupported(&'static str),
    #[error("the file has more than {limit} rows")]
    TooManyRows { limit: u64 },
    #[error("row {row} is longer than {limit} bytes")]
    RowTooLong { row: u64, limit: usize },
    #[error("row {row}, column {column}: the cell is longer than {limit} bytes")]
    CellTooLong {
        row: u64,
        /// 0-based.
        column: usize,
        limit: usize,
    },
    #[error("row {row} has more than {limit} columns")]
    TooManyColumns { row: u64, limit: usize },
    #[error("row {row}: a quoted cell is never closed")]
    UnterminatedQuote { row: u64 },
    #[error("not a readable XLSX workbook: {0}")]
    Xlsx(String),
    #[error("the workbook has no sheet named {0:?}")]
    NoSuchSheet(String),
    #[error("the workbook has no sheets")]
    NoSheets,
    #[error("reading the file failed: {0}")]
    Io(#[from] std::io::Error),
}

impl ReadError {
    /// Only this row is lost; reading goes on with the next.
    pub fn is_row_error(&self) -> bool {
        matches!(
            self,
            ReadError::RowTooLong { .. }
                | ReadError::CellTooLong { .. }
                | ReadError::TooManyColumns { .. }
        )
    }

    /// The row the error is about, when it is about one.
    pub fn row(&self) -> Option<u64> {
        match self {
            ReadError::RowTooLong { row, .. }
            | ReadError::CellTooLong { row, .. }
            | ReadError::TooManyColumns { row, .. }
            | ReadError::UnterminatedQuote { row } => Some(*row),
            _ => None,
        }
    }

    /// The catalogue key of the message, for the UI and the CLI.
    pub fn key(&self) -> &'static str {
        match self {
            ReadError::FileTooLarge { .. } => "import-error-file-too-large",
            ReadError::UnpackedTooLarge { .. } => "import-error-unpacked-too-large",
            ReadError::Unsupported(_) => "import-error-unsupported",
            ReadError::TooManyRows { .. } => "import-error-too-many-rows",
            ReadError::RowTooLong { .. } => "import-error-row-too-long",
            ReadError::CellTooLong { .. } => "import-error-cell-too-long",
            ReadError::TooManyColumns { .. } => "import-error-too-many-columns",
            ReadError::UnterminatedQuote { .. } => "import-error-unterminated-quote",
            ReadError::Xlsx(_) => "import-error-not-xlsx",
            ReadError::NoSuchSheet(_) => "import-error-no-such-sheet",
            ReadError::NoSheets => "import-error-no-sheets",
            ReadError::Io(_) => "import-error-io",
        }
    }
}

/// What a file is, from its first bytes (not its name, which a user may get wrong).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    Xlsx,
}

impl FileKind {
    /// A zip is taken for XLSX (calamine says so clearly when it is another zip); the old binary Excel and
    /// OpenDocument formats are refused with a hint to save as XLSX or CSV; anything else is read as CSV.
    pub fn sniff(head: &[u8]) -> Result<FileKind, ReadError> {
        if head.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
            return Err(ReadError::Unsupported("xls"));
        }
        if head.starts_with(b"PK\x03\x04") {
            // An OpenDocument spreadsheet names its type in the first entry, stored uncompressed.
            if head
                .windows(46)
                .any(|w| w == b"application/vnd.oasis.opendocument.spreadsheet")
            {
                return Err(ReadError::Unsupported("ods"));
            }
            return Ok(FileKind::Xlsx);
        }
        Ok(FileKind::Csv)
    }
}

/// The spreadsheet letters of a 0-based column: 0 is `A`, 26 is `AA`.
pub fn column_letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_kinds() {
        assert_eq!(FileKind::sniff(b"Naam;E-mail").ok(), Some(FileKind::Csv));
        assert_eq!(
            FileKind::sniff(b"PK\x03\x04rest").ok(),
            Some(FileKind::Xlsx)
        );
        assert!(matches!(
            FileKind::sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
            Err(ReadError::Unsupported("xls"))
        ));
        let mut ods =
            b"PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument.spreadsheet".to_vec();
        ods.extend_from_slice(b"PK");
        assert!(matches!(
            FileKind::sniff(&ods),
            Err(ReadError::Unsupported("ods"))
        ));
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
