//! Relation rows out to CSV (UTF-8 with BOM, `;` or `,`) and XLSX, every cell that a spreadsheet would read as a
//! formula escaped the OWASP way (a leading `'`), in both formats.

use crate::rows::RelationRow;
use kluis_domain::relations::RelationField;
use rust_xlsxwriter::{Format, Workbook};
use std::borrow::Cow;
use std::io::{Seek, Write};

/// Characters that make a spreadsheet start a formula (or DDE) at the start of a cell (OWASP "CSV Injection").
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as it must be written: with a `'` in front when it starts with `=` `+` `-` `@`, a tab or a carriage
/// return (after any spaces), so Excel, LibreOffice and Google Sheets show it as text and never evaluate it. Also applied to XLSX,
/// where a string cell is not evaluated as such, because a sheet re-saved as CSV would lose that protection.
pub fn escape_cell(value: &str) -> Cow<'_, str> {
    // Leading spaces too: some spreadsheets trim them before deciding (` =1+1`).
    if value.starts_with(TRIGGERS) || value.trim_start_matches(' ').starts_with(TRIGGERS) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// The inverse of [`escape_cell`] on import: a `'` followed by a trigger character is dropped, so a file Kluis
/// exported reads back as it was. Any other leading `'` is kept (it is the value).
pub fn unescape_cell(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches(' ').starts_with(TRIGGERS) => rest,
        _ => value,
    }
}

/// Why writing failed.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("writing failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing the workbook failed: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("a sheet holds at most {0} rows")]
    TooManyRows(u32),
}

/// A CSV file being written: the BOM first (Excel then reads UTF-8), each cell escaped and quoted as needed,
/// CRLF line ends (what Excel writes and RFC 4180 says).
pub struct CsvWriter<W: Write> {
    out: W,
    delimiter: u8,
}

impl<W: Write> CsvWriter<W> {
    /// `delimiter` is `;` for Dutch and Belgian Excel, `,` elsewhere.
    pub fn new(mut out: W, delimiter: u8) -> std::io::Result<Self> {
        out.write_all(b"\xef\xbb\xbf")?;
        Ok(CsvWriter { out, delimiter })
    }

    pub fn write_row<S: AsRef<str>>(&mut self, cells: &[S]) -> std::io::Result<()> {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.out.write_all(&[self.delimiter])?;
            }
            let v = escape_cell(cell.as_ref());
            let quote = v
                .bytes()
                .any(|b| b == self.delimiter || matches!(b, b'"' | b'\n' | b'\r'))
                || v.starts_with(' ')
                || v.ends_with(' ');
            if quote {
                self.out.write_all(b"\"")?;
                self.out.write_all(v.replace('"', "\"\"").as_bytes())?;
                self.out.write_all(b"\"")?;
            } else {
                self.out.write_all(v.as_bytes())?;
            }
        }
        self.out.write_all(b"\r\n")
    }

    /// Flushes and gives the writer back.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Excel's last row (1,048,576), the header included.
const XLSX_MAX_ROWS: u32 = 1_048_576;

/// Writes one sheet named `sheet` with a bold header row and `rows`, every cell a string escaped like CSV.
/// The workbook is assembled in memory (rust_xlsxwriter's constant-memory mode needs a feature and temp files);
/// Excel's own limit of 1,048,576 rows bounds it.
pub fn write_xlsx<W, I, R, S>(out: W, sheet: &str, header: &[S], rows: I) -> Result<(), WriteError>
where
    W: Write + Seek + Send,
    I: IntoIterator<Item = R>,
    R: AsRef<[S]>,
    S: AsRef<str>,
{
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet)?;
    let bold = Format::new().set_bold();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, col(c)?, escape_cell(h.as_ref()).as_ref(), &bold)?;
    }
    let mut r: u32 = 0;
    for row in rows {
        r += 1;
        if r >= XLSX_MAX_ROWS {
            return Err(WriteError::TooManyRows(XLSX_MAX_ROWS));
        }
        for (c, v) in row.as_ref().iter().enumerate() {
            let v = v.as_ref();
            if !v.is_empty() {
                ws.write_string(r, col(c)?, escape_cell(v).as_ref())?;
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    book.save_to_writer(out)?;
    Ok(())
}

fn col(c: usize) -> Result<u16, WriteError> {
    u16::try_from(c).map_err(|_| WriteError::Xlsx(rust_xlsxwriter::XlsxError::RowColumnLimitError))
}

/// A column of a relation export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportColumn {
    Party,
    Kind,
    /// For a person: the company they are a contact of.
    Company,
    Field(RelationField),
    /// Comma separated.
    Tags,
    Notes,
    Reference,
}

impl ExportColumn {
    /// Every column: party, kind, company, each field in vocabulary order, tags, notes, reference.
    pub fn all() -> Vec<ExportColumn> {
        let mut v = vec![
            ExportColumn::Party,
            ExportColumn::Kind,
            ExportColumn::Company,
        ];
        v.extend(RelationField::ALL.iter().map(|f| ExportColumn::Field(*f)));
        v.extend([
            ExportColumn::Tags,
            ExportColumn::Notes,
            ExportColumn::Reference,
        ]);
        v
    }

    /// The machine header (the field's key): what the import recognises, so an export reads back in. A UI export
    /// may show translated labels instead.
    pub fn key(self) -> &'static str {
        match self {
            ExportColumn::Party => "party",
            ExportColumn::Kind => "kind",
            ExportColumn::Company => "company",
            ExportColumn::Field(f) => f.as_str(),
            ExportColumn::Tags => "tags",
            ExportColumn::Notes => "notes",
            ExportColumn::Reference => "reference",
        }
    }
}

/// The machine header row of `columns`.
pub fn export_header(columns: &[ExportColumn]) -> Vec<String> {
    columns.iter().map(|c| c.key().to_owned()).collect()
}

/// One relation laid out in `columns` (unescaped: the writers escape).
pub fn export_cells(row: &RelationRow, columns: &[ExportColumn]) -> Vec<String> {
    columns
        .iter()
        .map(|c| match c {
            ExportColumn::Party => row.party.as_str().to_owned(),
            ExportColumn::Kind => row.kind.as_str().to_owned(),
            ExportColumn::Company => row.company.clone().unwrap_or_default(),
            ExportColumn::Field(f) => row.values.get(f).cloned().unwrap_or_default(),
            ExportColumn::Tags => row.tags.iter().cloned().collect::<Vec<_>>().join(", "),
            ExportColumn::Notes => row.notes.clone().unwrap_or_default(),
            ExportColumn::Reference => row.reference.clone().unwrap_or_default(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_triggers_are_escaped_and_unescaped() {
        for v in [
            "=1+1",
            "+31612345678",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "  =1+1",
        ] {
            let e = escape_cell(v);
            assert!(e.starts_with('\''), "{v}");
            assert_eq!(unescape_cell(&e), v);
        }
        assert_eq!(escape_cell("Jansen"), "Jansen");
        assert_eq!(escape_cell("'t Hoen"), "'t Hoen");
        assert_eq!(unescape_cell("'t Hoen"), "'t Hoen");
    }

    #[test]
    fn csv_cells_are_quoted_when_needed() {
        let mut w = CsvWriter::new(Vec::new(), b';').unwrap_or_else(|e| panic!("{e}"));
        w.write_row(&[
            "a;b",
            "say \"hi\"",
            "two\nlines",
            "=cmd|' /C calc'!A0",
            "plain",
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        let out = w.finish().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            String::from_utf8_lossy(&out),
            "\u{feff}\"a;b\";\"say \"\"hi\"\"\";\"two\nlines\";'=cmd|' /C calc'!A0;plain\r\n"
        );
    }
}
