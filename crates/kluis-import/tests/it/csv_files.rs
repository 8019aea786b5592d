use crate::{import_rows, limits};
use kluis_domain::relations::RelationField as F;
use kluis_import::{CsvOptions, ReadError, Row, read_csv};

fn read(bytes: &[u8]) -> Vec<Result<Row, ReadError>> {
    match read_csv(bytes, CsvOptions::default(), limits()) {
        Ok(r) => r.collect(),
        Err(e) => panic!("{e}"),
    }
}

fn cells(bytes: &[u8]) -> Vec<Vec<String>> {
    read(bytes)
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")).cells)
        .collect()
}

const TEXT: &str = "Voornaam;Achternaam;Plaats\r\nRené;Brouwer;Leeuwarden\r\nZoë;Maës;Liège\r\n";

fn expected() -> Vec<Vec<String>> {
    TEXT.lines()
        .map(|l| l.split(';').map(str::to_owned).collect())
        .collect()
}

#[test]
fn utf8_with_bom_semicolons() {
    let mut b = b"\xef\xbb\xbf".to_vec();
    b.extend_from_slice(TEXT.as_bytes());
    assert_eq!(cells(&b), expected());
    // The BOM is not part of the first header.
    let r = match read_csv(&b[..], CsvOptions::default(), limits()) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(r.delimiter(), b';');
    assert_eq!(r.encoding().name(), "UTF-8");
}

#[test]
fn utf8_without_bom() {
    assert_eq!(cells(TEXT.as_bytes()), expected());
}

#[test]
fn utf16_le_and_be_with_bom() {
    let mut le = vec![0xff, 0xfe];
    let mut be = vec![0xfe, 0xff];
    for u in TEXT.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    assert_eq!(cells(&le), expected());
    assert_eq!(cells(&be), expected());
}

#[test]
fn windows_1252_with_accents() {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(TEXT);
    assert!(!unmappable);
    // é and ë are single bytes, so this is not UTF-8 and must be read as Windows-1252.
    assert!(std::str::from_utf8(&bytes).is_err());
    assert_eq!(cells(&bytes), expected());
    let r = match read_csv(&bytes[..], CsvOptions::default(), limits()) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(r.encoding().name(), "windows-1252");
}

#[test]
fn comma_tab_and_pipe_files() {
    for sep in [",", "\t", "|"] {
        let text = TEXT.replace(';', sep);
        assert_eq!(cells(text.as_bytes()), expected(), "{sep:?}");
    }
}

#[test]
fn ragged_rows_keep_what_they_have() {
    assert_eq!(
        cells(b"a,b,c\n1\n1,2,3,4\n"),
        vec![vec!["a", "b", "c"], vec!["1"], vec!["1", "2", "3", "4"]]
    );
}

#[test]
fn broken_quotes() {
    // A stray quote inside a cell is kept; a quote closed early keeps the text after it; a quote never closed is
    // an error naming the row where it opened, after the rows before it came through.
    let r = read(b"Naam,Opmerking\nJan,zei \"hoi\nPiet,\"a\"b\nKees,\"nooit dicht\nKlaas,x\n");
    assert_eq!(r.len(), 4, "{r:?}");
    assert_eq!(
        r[1].as_ref().map(|r| r.cells.clone()).ok(),
        Some(vec!["Jan".to_owned(), "zei \"hoi".to_owned()])
    );
    assert_eq!(
        r[2].as_ref().map(|r| r.cells.clone()).ok(),
        Some(vec!["Piet".to_owned(), "ab".to_owned()])
    );
    assert!(
        matches!(r[3], Err(ReadError::UnterminatedQuote { row: 4 })),
        "{:?}",
        r[3]
    );
}

#[test]
fn an_excel_semicolon_file_imports_with_accents_intact() {
    let text = "Voornaam;Achternaam;E-mailadres;Telefoon;Postcode;Plaats;Geboortedatum\r\n\
                René;Brouwer;rene@example.nl;06-12345678;8911 AB;Leeuwarden;03-04-1980\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let (good, problems) = import_rows(
        read_csv(&bytes[..], CsvOptions::default(), limits()).unwrap_or_else(|e| panic!("{e}")),
    );
    assert!(problems.is_empty(), "{problems:?}");
    let r = &good[0];
    assert_eq!(r.values[&F::GivenName], "René");
    assert_eq!(r.values[&F::Phone], "+31612345678");
    assert_eq!(r.values[&F::Postcode], "8911 AB");
    assert_eq!(r.values[&F::DateOfBirth], "1980-04-03");
}

#[test]
fn excel_sep_hint_and_an_encoding_override() {
    // `sep=,` is Excel's hint line: not a row, and it wins over sniffing.
    let r = read(b"sep=,\nNaam,Plaats;Provincie\nEva,Leeuwarden;Friesland\n");
    let r: Vec<_> = r
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(r[0].number, 1);
    assert_eq!(r[0].cells, vec!["Naam", "Plaats;Provincie"]);
    // A caller that knows better (the user picked the encoding) is followed.
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("Naam\nRené\n");
    let options = CsvOptions {
        encoding: Some(encoding_rs::WINDOWS_1252),
        delimiter: Some(b';'),
    };
    let rows: Vec<_> = read_csv(&bytes[..], options, limits())
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|r| r.map(|r| r.cells).unwrap_or_default())
        .collect();
    assert_eq!(rows, vec![vec!["Naam".to_owned()], vec!["René".to_owned()]]);
}
