//! Integration tests of kluis-import through its public API: files made in the test, read, mapped, checked, written.

mod csv_files;
mod export;
mod import;
mod streaming;
mod xlsx;

use kluis_import::{
    Importer, Limits, Problem, ReadError, RelationRow, Row, looks_like_header, suggest_mapping,
};
use time::macros::date;

/// What an import of `rows` gives: the relations to save and every problem, as the relations module would collect
/// them (the first row is the header when it looks like one).
pub fn import_rows(
    rows: impl Iterator<Item = Result<Row, ReadError>>,
) -> (Vec<RelationRow>, Vec<Problem>) {
    let mut rows = rows.peekable();
    let header = match rows.peek() {
        Some(Ok(r)) if looks_like_header(&r.cells) => r.cells.clone(),
        _ => panic!("no header row"),
    };
    rows.next();
    let mut importer = Importer::new(suggest_mapping(&header), header, date!(2026 - 03 - 01));
    let mut good = Vec::new();
    let mut problems = Vec::new();
    for r in rows {
        match r {
            Ok(r) => {
                let out = importer.process(&r);
                good.extend(out.relation);
                problems.extend(out.problems);
            }
            Err(e) => match Problem::unreadable(&e) {
                Some(p) => problems.push(p),
                None => panic!("{e}"),
            },
        }
    }
    (good, problems)
}

pub fn limits() -> Limits {
    Limits::default()
}
