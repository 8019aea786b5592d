use crate::{import_rows, limits};
use kluis_domain::relations::{Party, RelationField as F, RelationKind};
use kluis_import::{CsvOptions, Limits, read_csv};

/// A customer file with good rows between bad ones: every bad row is named by its spreadsheet row (header = 1),
/// its column and a reason key, and every good row still comes through.
#[test]
fn bad_rows_are_listed_and_good_rows_come_through() {
    let file = "\
Naam;E-mail;Telefoon;Postcode;Land;Geboortedatum;IBAN;BSN;Soort\r
Eva de Vries;eva@example.nl;06 1234 5678;1234 ab;NL;12-05-1984;NL91 ABNA 0417 1643 00;111222333;klant\r
Piet Bakker;piet@@example.nl;06 1234 5679;1234 AB;;1-1-1970;;;klant\r
Anna Smit;anna@example.nl;12345;1000;België;;;;prospect\r
Kees Jong;kees@example.nl;0612345670;9999 XX;;31-02-1990;;;klant\r
\r
Lies Dam;lies@example.nl;;2000;BE;2030-01-01;NL91ABNA0417164301;123456789;klant\r
;zonder@example.nl;;;;;;;klant\r
Eva D.;EVA@example.nl;;;;;;;medewerker\r
Jansen Bouw B.V.;info@jansenbouw.nl;+32 2 123 45 67;1000;BE;;BE68 5390 0754 7034;;leverancier\r
Tom Buur;tom@example.nl;;;;;;;buurman\r
";
    let rows = read_csv(file.as_bytes(), CsvOptions::default(), limits())
        .unwrap_or_else(|e| panic!("{e}"));
    let (good, problems) = import_rows(rows);
    let got: Vec<(u64, Option<String>, &str)> = problems
        .iter()
        .map(|p| (p.row, p.column_letter(), p.reason.key()))
        .collect();
    let want: Vec<(u64, Option<String>, &str)> = vec![
        (3, Some("B".into()), "import-invalid-email"),
        (4, Some("C".into()), "import-invalid-phone"),
        (5, Some("F".into()), "import-impossible-date"),
        // Row 6 is blank: no problem, and the numbering goes on as in the spreadsheet.
        (7, Some("F".into()), "import-impossible-date"),
        (7, Some("G".into()), "import-invalid-iban"),
        (7, Some("H".into()), "import-invalid-bsn"),
        (8, None, "import-no-name"),
        (9, Some("B".into()), "import-duplicate-email"),
        (11, Some("I".into()), "import-unknown-kind"),
    ];
    let mut got_sorted = got.clone();
    got_sorted.sort();
    assert_eq!(got_sorted, want, "{got:?}");
    // Good rows: 2, 9 (a duplicate is reported, not refused), 10.
    assert_eq!(
        good.iter().map(|r| r.row).collect::<Vec<_>>(),
        vec![2, 9, 10]
    );
    let eva = &good[0];
    assert_eq!(eva.kind, RelationKind::Customer);
    assert_eq!(eva.values[&F::GivenName], "Eva");
    assert_eq!(eva.values[&F::FamilyName], "de Vries");
    assert_eq!(eva.values[&F::Phone], "+31612345678");
    assert_eq!(eva.values[&F::Postcode], "1234 AB");
    assert_eq!(eva.values[&F::DateOfBirth], "1984-05-12");
    assert_eq!(eva.values[&F::Iban], "NL91ABNA0417164300");
    assert_eq!(eva.values[&F::Bsn], "111222333");
    let dup = problems.iter().find(|p| p.row == 9);
    assert_eq!(
        dup.map(|p| p.reason),
        Some(kluis_import::Reason::DuplicateEmail { first_row: 2 })
    );
    let company = &good[2];
    assert_eq!(company.party, Party::Company);
    assert_eq!(company.kind, RelationKind::SupplierContact);
    assert_eq!(company.values[&F::Phone], "+3221234567");
    assert_eq!(company.values[&F::Postcode], "1000");
    // Problems never carry the values themselves.
    let debug = format!("{problems:?}");
    assert!(
        !debug.contains("piet@@") && !debug.contains("12345;"),
        "{debug}"
    );
}

/// A row over a limit is one problem; the rows after it are read.
#[test]
fn an_oversized_row_is_one_problem() {
    let long = "x".repeat(300);
    let file = format!(
        "Naam,E-mail\nEva Jansen,eva@example.nl\n{long},a@example.nl\nPiet Jansen,piet@example.nl\n"
    );
    let limits = Limits {
        max_cell_bytes: 100,
        ..limits()
    };
    let rows =
        read_csv(file.as_bytes(), CsvOptions::default(), limits).unwrap_or_else(|e| panic!("{e}"));
    let (good, problems) = import_rows(rows);
    assert_eq!(good.iter().map(|r| r.row).collect::<Vec<_>>(), vec![2, 4]);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].row, 3);
    assert_eq!(problems[0].reason.key(), "import-error-cell-too-long");
    assert_eq!(problems[0].column_letter().as_deref(), Some("A"));
}
