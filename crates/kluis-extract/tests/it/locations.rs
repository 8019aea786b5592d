//! Finding locations: paragraphs and table cells in word processing, rows and columns in spreadsheets and CSV.

use kluis_extract::{Extracted, Location, Part};

use crate::{ex, make};

/// The location of the first occurrence of `needle` in the node's segments.
fn loc_of(e: &Extracted, needle: &str) -> Option<Location> {
    let seg = e.segments.iter().find(|s| s.text.contains(needle))?;
    let at = seg.text.find(needle)?;
    seg.locator().at(at)
}

fn cell(sheet: Option<&str>, row: u32, col: u32) -> Option<Location> {
    Some(Location::Cell {
        sheet: sheet.map(str::to_owned),
        row,
        col,
    })
}

#[test]
fn docx_paragraphs_and_table_cells() {
    let e = ex("brief.docx", &make::docx());
    assert_eq!(loc_of(&e, "Jan de"), Some(Location::Paragraph(1)));
    assert_eq!(loc_of(&e, "NL91"), Some(Location::Paragraph(2)));
    assert_eq!(loc_of(&e, "regel twee"), Some(Location::Paragraph(3)));
    assert_eq!(
        loc_of(&e, "Piet Jansen"),
        Some(Location::TableCell {
            paragraph: 5,
            table: 1,
            row: 1,
            col: 2
        })
    );
    assert_eq!(
        loc_of(&e, "1234 AB"),
        Some(Location::TableCell {
            paragraph: 8,
            table: 1,
            row: 2,
            col: 2
        })
    );
    assert_eq!(loc_of(&e, "Einde"), Some(Location::Paragraph(9)));
    assert_eq!(loc_of(&e, "Kopregel"), Some(Location::Part(Part::Header)));
}

#[test]
fn odt_paragraphs_and_table_cells() {
    let e = ex("brief.odt", &make::odt());
    assert_eq!(loc_of(&e, "Jan"), Some(Location::Paragraph(2)));
    assert_eq!(
        loc_of(&e, "Piet"),
        Some(Location::TableCell {
            paragraph: 5,
            table: 1,
            row: 1,
            col: 2
        })
    );
    assert_eq!(
        loc_of(&e, "Voettekst"),
        Some(Location::Part(Part::HeaderFooter))
    );
}

#[test]
fn xlsx_cells_with_sheet_row_and_column() {
    let e = ex("klanten.xlsx", &make::xlsx());
    assert_eq!(loc_of(&e, "Naam"), cell(Some("Klanten"), 1, 1));
    assert_eq!(loc_of(&e, "Goedhart"), cell(Some("Klanten"), 2, 1));
    assert_eq!(loc_of(&e, "NL69SNSB"), cell(Some("Klanten"), 2, 2));
    assert_eq!(loc_of(&e, "42.5"), cell(Some("Klanten"), 2, 3));
    // A far-off cell after skipped rows and columns.
    assert_eq!(
        loc_of(&e, "verre cel"),
        cell(Some("Klanten"), 1_048_576, 16_384)
    );
    assert_eq!(
        loc_of(&e, "NL69SNSB").map(|l| l.to_string()).as_deref(),
        Some("sheet Klanten, cell B2")
    );
}

#[test]
fn ods_cells_count_repeated_columns_and_rows() {
    let e = ex("personeel.ods", &make::ods());
    assert_eq!(loc_of(&e, "Naam"), cell(Some("Personeel"), 1, 1));
    assert_eq!(loc_of(&e, "BSN"), cell(Some("Personeel"), 1, 16_002));
    assert_eq!(loc_of(&e, "111222333"), cell(Some("Personeel"), 2, 2));
    assert_eq!(loc_of(&e, "Blad twee"), cell(Some("Tweede"), 1, 1));
}

#[test]
fn csv_rows_and_columns_respect_quotes_and_the_delimiter() {
    let csv =
        "naam;bsn;iban\n\"Smit; Jan\";111222333;NL91ABNA0417164300\n\"Regel\neen\";x;\"Jansen\"\n";
    let e = ex("klanten.csv", csv.as_bytes());
    assert_eq!(e.text(), csv, "the text is the file as it is");
    assert_eq!(loc_of(&e, "Smit"), cell(None, 2, 1));
    assert_eq!(loc_of(&e, "111222333"), cell(None, 2, 2));
    assert_eq!(loc_of(&e, "NL91"), cell(None, 2, 3));
    assert_eq!(loc_of(&e, "een"), cell(None, 3, 1));
    assert_eq!(loc_of(&e, "Jansen"), cell(None, 3, 3));
    assert_eq!(
        loc_of(&e, "NL91").map(|l| l.to_string()).as_deref(),
        Some("row 2, column 3")
    );
}

#[test]
fn plain_text_has_no_location_and_pdf_a_page() {
    let e = ex("a.txt", b"Jan de Vries");
    assert_eq!(loc_of(&e, "Jan"), None);
    let e = ex("a.pdf", &make::pdf(&["Jan de Vries"]));
    assert_eq!(loc_of(&e, "Vries"), Some(Location::Page(1)));
}

#[test]
fn attachment_locations_keep_where_inside_the_attachment() {
    let e = ex(
        "sollicitatie.eml",
        &make::eml_with_attachment("cv.docx", &make::docx()),
    );
    assert_eq!(
        loc_of(&e, "Piet Jansen"),
        Some(Location::Attachment {
            name: "cv.docx".into(),
            within: Some(Box::new(Location::TableCell {
                paragraph: 5,
                table: 1,
                row: 1,
                col: 2
            })),
        })
    );
    assert_eq!(
        loc_of(&e, "Sollicitatie"),
        Some(Location::Part(Part::Subject))
    );
}
