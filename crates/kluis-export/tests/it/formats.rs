//! Each format renders and reads back: PDF text, workbook sheets and columns, CSV rows, JSON round trip.

use crate::sample;
use kluis_domain::register::{ActivityStatus, Jurisdiction, Register};
use kluis_export::{ExportError, ExportOptions, Lang, RegisterFormat, render_register};
use std::io::Cursor;

fn render(reg: &Register, f: RegisterFormat, lang: Lang) -> kluis_export::Export {
    match render_register(reg, f, lang, &ExportOptions::default()) {
        Ok(e) => {
            // KLUIS_EXPORT_DUMP=DIR keeps the files for a look (layout, columns) without a running server.
            if let Some(dir) = std::env::var_os("KLUIS_EXPORT_DUMP") {
                let name = format!("{}-{}-{}", reg.organisation, lang.code(), e.file_name);
                let _ = std::fs::write(std::path::Path::new(&dir).join(name), &e.bytes);
            }
            e
        }
        Err(e) => panic!("{f} export failed: {e}"),
    }
}

fn pdf_text(bytes: &[u8]) -> String {
    let out = kluis_extract::extract("register.pdf", bytes, &kluis_extract::Limits::default());
    out.segments
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn pdf_is_a4_with_every_activity_name_accents_and_page_numbers() {
    for (j, lang) in [(Jurisdiction::Nl, Lang::Nl), (Jurisdiction::Be, Lang::En)] {
        let reg = sample::realistic(j);
        let e = render(&reg, RegisterFormat::Pdf, lang);
        assert!(e.bytes.starts_with(b"%PDF-"), "not a PDF");
        assert_eq!(e.content_type, "application/pdf");
        assert!(e.file_name.ends_with(".pdf"), "{}", e.file_name);
        let text = pdf_text(&e.bytes);
        // Text extraction may put line breaks inside a run; compare on single spaces.
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        // Each activity is in the overview and has its own numbered section.
        for (i, a) in reg.activities.iter().enumerate() {
            let heading = format!("{}. {}", i + 1, a.name);
            assert!(
                flat.matches(&heading).count() >= 2,
                "{j:?}: {heading:?} missing from the overview or as a section"
            );
        }
        assert!(flat.contains(&reg.profile.legal_name), "controller missing");
        assert!(flat.contains("Anaïs Dubois"), "DPO with accents missing");
        assert!(flat.contains("Hostnet B.V."), "processor missing");
        let (title, page1) = match lang {
            Lang::Nl => ("Verwerkingsregister", "Pagina 1 van"),
            Lang::En => ("Register of processing activities", "Page 1 of"),
        };
        assert!(flat.contains(title), "title missing");
        assert!(flat.contains(page1), "page numbers missing");
        // Title page, overview, one page or more per activity, recipients.
        let pages = flat.matches(match lang {
            Lang::Nl => "Pagina ",
            Lang::En => "Page ",
        });
        assert!(pages.count() >= reg.activities.len() + 2);
    }
}

#[test]
fn xlsx_has_the_gba_columns_and_the_controller_and_recipient_sheets() {
    use calamine::{Reader, Xlsx};
    let reg = sample::realistic(Jurisdiction::Be);
    let e = render(&reg, RegisterFormat::Xlsx, Lang::Nl);
    let mut wb: Xlsx<_> = match Xlsx::new(Cursor::new(e.bytes)) {
        Ok(wb) => wb,
        Err(err) => panic!("the workbook does not open: {err}"),
    };
    assert_eq!(
        wb.sheet_names(),
        vec![
            "Register",
            "Verantwoordelijke en FG",
            "Verwerkers en ontvangers"
        ]
    );
    let Ok(sheet) = wb.worksheet_range("Register") else {
        panic!("no register sheet")
    };
    let header: Vec<String> = sheet
        .rows()
        .next()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default();
    // The GBA model register's Art. 30 columns, in Dutch.
    for column in [
        "Naam van de verwerking",
        "Doeleinden van de verwerking",
        "Rechtsgrond (art. 6)",
        "Categorieën van betrokkenen",
        "Categorieën van persoonsgegevens",
        "Bijzondere categorieën van persoonsgegevens (art. 9)",
        "Strafrechtelijke gegevens (art. 10)",
        "Ontvangers en verwerkers",
        "Doorgifte aan derde landen en passende waarborgen",
        "Bewaartermijnen",
        "Technische en organisatorische beveiligingsmaatregelen",
        "Einddatum verwerking",
        "Plaatsvervangende verwerking",
    ] {
        assert!(
            header.iter().any(|h| h == column),
            "missing column {column}: {header:?}"
        );
    }
    assert_eq!(
        sheet.height(),
        reg.activities.len() + 1,
        "one row per activity"
    );
    let names: Vec<String> = sheet.rows().skip(1).map(|r| r[1].to_string()).collect();
    for a in &reg.activities {
        assert!(names.contains(&a.name));
    }
    let Ok(controller) = wb.worksheet_range("Verantwoordelijke en FG") else {
        panic!("no controller sheet")
    };
    let cells: Vec<String> = controller.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(cells.contains(&"Crèmerie Françoise BV".to_owned()));
    assert!(cells.contains(&"Anaïs Dubois".to_owned()));
    let Ok(recipients) = wb.worksheet_range("Verwerkers en ontvangers") else {
        panic!("no recipients sheet")
    };
    assert_eq!(recipients.height(), reg.recipients.len() + 1);
}

#[test]
fn csv_has_one_row_per_activity_under_the_gba_header() {
    let e = render(&sample::plain(), RegisterFormat::Csv, Lang::En);
    assert_eq!(e.content_type, "text/csv; charset=utf-8");
    let text = String::from_utf8(e.bytes).unwrap_or_default();
    insta::assert_snapshot!("register_csv_en", text);

    let reg = sample::realistic(Jurisdiction::Nl);
    let e = render(&reg, RegisterFormat::Csv, Lang::Nl);
    let mut rd = csv::ReaderBuilder::new().from_reader(e.bytes.as_slice());
    let header = rd.headers().cloned().unwrap_or_default();
    assert_eq!(header.get(1), Some("Naam van de verwerking"));
    let rows: Vec<csv::StringRecord> = rd.records().filter_map(Result::ok).collect();
    assert_eq!(rows.len(), reg.activities.len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or(usize::MAX);
    let sick = rows
        .iter()
        .find(|r| r.get(1) == Some("Ziekteverzuim en re-integratie"));
    let Some(sick) = sick else {
        panic!("sick-leave row missing")
    };
    assert_ne!(
        sick.get(col("Bijzondere categorieën van persoonsgegevens (art. 9)")),
        Some("Nee")
    );
    assert!(
        sick.get(col(
            "Uitzonderingsgrond bijzondere gegevens (art. 9, lid 2, UAVG)"
        ))
        .is_some_and(|v| v.contains("Art. 9(2)(b)") && v.contains("UAVG art. 30"))
    );
    assert!(
        sick.get(col("Nationaal identificatienummer (wettelijke grondslag)"))
            .is_some_and(|v| v.contains("Wet op de loonbelasting 1964"))
    );
    let ended = rows.iter().find(|r| r.get(1) == Some("Klantenkaart (oud)"));
    let Some(ended) = ended else {
        panic!("ended row missing")
    };
    assert_eq!(ended.get(col("Einddatum verwerking")), Some("2025-12-31"));
    assert_eq!(
        ended.get(col("Plaatsvervangende verwerking")),
        Some("Nieuwsbrief")
    );
}

#[test]
fn json_round_trips_with_a_format_version() {
    let reg = sample::realistic(Jurisdiction::Nl);
    let e = render(&reg, RegisterFormat::Json, Lang::Nl);
    let v: serde_json::Value = serde_json::from_slice(&e.bytes).unwrap_or_default();
    assert_eq!(v["format"], "kluis-register");
    assert_eq!(v["format_version"], kluis_export::JSON_FORMAT_VERSION);
    let back: Register = serde_json::from_value(v["register"].clone()).unwrap_or_default();
    assert_eq!(back, reg);
}

#[test]
fn an_empty_register_is_refused_in_every_format() {
    let empty = Register::default();
    for f in RegisterFormat::ALL {
        for lang in Lang::ALL {
            let r = render_register(&empty, f, lang, &ExportOptions::default());
            assert!(
                matches!(r, Err(ExportError::EmptyRegister)),
                "{f} rendered an empty register"
            );
        }
    }
    // Only drafts, and drafts left out: nothing to export either.
    let mut drafts = sample::plain();
    for a in &mut drafts.activities {
        a.status = ActivityStatus::Draft;
    }
    let opts = ExportOptions {
        exclude_drafts: true,
        ..Default::default()
    };
    let r = render_register(&drafts, RegisterFormat::Pdf, Lang::Nl, &opts);
    assert!(matches!(r, Err(ExportError::EmptyRegister)));
    assert!(
        render_register(
            &drafts,
            RegisterFormat::Pdf,
            Lang::Nl,
            &ExportOptions::default()
        )
        .is_ok()
    );
}

#[test]
fn write_register_file_writes_what_render_returns() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("register.ttl");
    let reg = sample::plain();
    let e = kluis_export::write_register_file(
        &reg,
        RegisterFormat::DpvTurtle,
        Lang::En,
        &ExportOptions::default(),
        &path,
    );
    let Ok(e) = e else { panic!("write failed") };
    assert_eq!(std::fs::read(&path).unwrap_or_default(), e.bytes);
    let missing = dir.path().join("no/such/dir/register.csv");
    let r = kluis_export::write_register_file(
        &reg,
        RegisterFormat::Csv,
        Lang::En,
        &ExportOptions::default(),
        &missing,
    );
    assert!(matches!(r, Err(ExportError::Io { .. })));
}
