use crate::{import_rows, limits};
use kluis_domain::relations::RelationField as F;
use kluis_import::{Limits, ReadError, XlsxBook};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::io::Cursor;

/// A workbook as a bookkeeping export would look: a cover sheet first, then the contacts with a real date cell, a
/// postcode and a phone number typed as numbers, and an empty row.
fn workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let cover = book.add_worksheet();
    cover.set_name("Info").unwrap_or_else(|e| panic!("{e}"));
    cover
        .write_string(0, 0, "Export")
        .unwrap_or_else(|e| panic!("{e}"));
    let ws = book.add_worksheet();
    ws.set_name("Contacten").unwrap_or_else(|e| panic!("{e}"));
    let date = Format::new().set_num_format("dd-mm-yyyy");
    for (c, h) in [
        "Voornaam",
        "Achternaam",
        "Geboortedatum",
        "Postcode",
        "Telefoon",
        "E-mail",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let d = ExcelDateTime::from_ymd(1984, 5, 12).unwrap_or_else(|e| panic!("{e}"));
    ws.write_string(1, 0, "Zoë")
        .unwrap_or_else(|e| panic!("{e}"));
    ws.write_string(1, 1, "Maës")
        .unwrap_or_else(|e| panic!("{e}"));
    ws.write_datetime_with_format(1, 2, &d, &date)
        .unwrap_or_else(|e| panic!("{e}"));
    ws.write_number(1, 3, 1000.0)
        .unwrap_or_else(|e| panic!("{e}"));
    ws.write_string(1, 4, "+32 470 12 34 56")
        .unwrap_or_else(|e| panic!("{e}"));
    ws.write_string(1, 5, "zoe@example.be")
        .unwrap_or_else(|e| panic!("{e}"));
    // Row 3 left empty; row 4 has a gap in column B and a bad date typed as text.
    ws.write_string(3, 0, "Piet")
        .unwrap_or_else(|e| panic!("{e}"));
    ws.write_string(3, 2, "30-02-1990")
        .unwrap_or_else(|e| panic!("{e}"));
    ws.write_string(3, 5, "piet@example.nl")
        .unwrap_or_else(|e| panic!("{e}"));
    book.save_to_buffer().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_named_sheet_reads_back_with_dates_as_dates() {
    let mut book =
        XlsxBook::open(Cursor::new(workbook()), limits()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        book.sheet_names(),
        vec!["Info".to_owned(), "Contacten".to_owned()]
    );
    let rows: Vec<_> = book
        .rows(Some("Contacten"))
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(
        rows.iter().map(|r| r.number).collect::<Vec<_>>(),
        vec![1, 2, 4]
    );
    assert_eq!(rows[1].cells[2], "1984-05-12");
    assert_eq!(rows[1].cells[3], "1000");
    assert_eq!(
        rows[2].cells[..3],
        ["Piet".to_owned(), String::new(), "30-02-1990".to_owned()]
    );

    let (good, problems) = import_rows(rows.into_iter().map(Ok));
    assert_eq!(good.len(), 1);
    assert_eq!(good[0].row, 2);
    assert_eq!(good[0].values[&F::GivenName], "Zoë");
    assert_eq!(good[0].values[&F::DateOfBirth], "1984-05-12");
    assert_eq!(good[0].values[&F::Postcode], "1000");
    assert_eq!(good[0].values[&F::Phone], "+32470123456");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        (problems[0].row, problems[0].reason.key()),
        (4, "import-impossible-date")
    );
    assert_eq!(problems[0].column_letter().as_deref(), Some("C"));
}

#[test]
fn the_first_sheet_by_default_and_clear_errors() {
    let mut book =
        XlsxBook::open(Cursor::new(workbook()), limits()).unwrap_or_else(|e| panic!("{e}"));
    let first: Vec<_> = book.rows(None).unwrap_or_else(|e| panic!("{e}")).collect();
    assert_eq!(first.len(), 1);
    assert!(matches!(
        book.rows(Some("Nope")).err(),
        Some(ReadError::NoSuchSheet(_))
    ));
    // Not a workbook at all, and a truncated one.
    assert!(matches!(
        XlsxBook::open(Cursor::new(b"Naam;E-mail\n".to_vec()), limits()).err(),
        Some(ReadError::Xlsx(_))
    ));
    let mut cut = workbook();
    cut.truncate(cut.len() / 2);
    assert!(matches!(
        XlsxBook::open(Cursor::new(cut), limits()).err(),
        Some(ReadError::Xlsx(_))
    ));
    // A workbook whose parts unpack past the limit is refused before calamine unpacks them.
    let unpacked = Limits {
        max_unpacked_bytes: 1000,
        ..limits()
    };
    assert!(matches!(
        XlsxBook::open(Cursor::new(workbook()), unpacked).err(),
        Some(ReadError::UnpackedTooLarge { limit: 1000 })
    ));
    let small = Limits {
        max_file_bytes: 100,
        ..limits()
    };
    assert!(matches!(
        XlsxBook::open(Cursor::new(workbook()), small).err(),
        Some(ReadError::FileTooLarge { limit: 100 })
    ));
}
