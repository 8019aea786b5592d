//! The breach documents: the notification to the AP (sections 0-9) and the GBA (two parts) as PDF and JSON, every
//! question and section worded in both languages, and the letter to the people affected.

use crate::documents_sample::{breach, meta};
use kluis_domain::breach::authority::{ap_form, authority_form, gba_form};
use kluis_domain::register::Jurisdiction;
use kluis_export::{
    BreachFormat, Lang, breach_question_label_key, breach_section_label_key, render_breach_letter,
    render_breach_letter_pdf, render_breach_notification,
};

/// Text without any whitespace: extraction joins wrapped lines without a space, so documents are compared on
/// their characters alone (see [`has`]).
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether the PDF text holds `expected`, whitespace aside.
pub fn has(text: &str, expected: &str) -> bool {
    squash(text).contains(&squash(expected))
}

pub fn pdf_text(bytes: &[u8]) -> String {
    let out = kluis_extract::extract("doc.pdf", bytes, &kluis_extract::Limits::default());
    out.segments
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn dump(name: &str, bytes: &[u8]) {
    // KLUIS_EXPORT_DUMP=DIR keeps the files for a look.
    if let Some(dir) = std::env::var_os("KLUIS_EXPORT_DUMP") {
        let _ = std::fs::write(std::path::Path::new(&dir).join(name), bytes);
    }
}

#[test]
fn every_question_and_section_of_both_forms_is_worded_in_both_languages() {
    let report = breach(40);
    let mut keys = Vec::new();
    for form in [ap_form(&report), gba_form(&report)] {
        for s in &form.sections {
            keys.push(breach_section_label_key(s.key));
            keys.extend(s.questions.iter().map(|q| breach_question_label_key(q.key)));
        }
    }
    assert!(keys.len() > 50, "{keys:?}");
    for lang in Lang::ALL {
        let cat = kluis_i18n::catalogue(lang);
        let missing: Vec<_> = keys.iter().filter(|k| !cat.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
    }
    // The two new catalogue files parse, hold no duplicates, and have the same keys in Dutch and English.
    let parsed = Lang::ALL.map(|l| kluis_i18n::parse_catalogue(kluis_i18n::source(l)));
    for (lang, cat) in Lang::ALL.iter().zip(&parsed) {
        assert!(cat.problems.is_empty(), "{lang:?}: {:?}", cat.problems);
    }
    let ours = |c: &kluis_i18n::Catalogue| {
        let mut k: Vec<String> = c
            .messages
            .keys()
            .filter(|k| k.starts_with("breach-") || k.starts_with("dpia-"))
            .cloned()
            .collect();
        k.sort();
        k
    };
    assert_eq!(ours(&parsed[0]), ours(&parsed[1]));
}

#[test]
fn ap_notification_pdf_has_every_section_in_order_with_answers_ready_to_copy() {
    let report = breach(10_000);
    let form = ap_form(&report);
    let e = match render_breach_notification(&form, &meta(), BreachFormat::Pdf, Lang::Nl) {
        Ok(e) => e,
        Err(e) => panic!("{e}"),
    };
    dump("ap-nl.pdf", &e.bytes);
    assert!(e.bytes.starts_with(b"%PDF-"));
    assert_eq!(e.content_type, "application/pdf");
    assert_eq!(e.file_name, "datalekmelding-2026-003-initial.pdf");
    let text = pdf_text(&e.bytes);
    assert!(has(
        &text,
        "Melding datalek aan de Autoriteit Persoonsgegevens"
    ));
    let flat = squash(&text);
    // Sections 0 to 9, in the form's order.
    let mut at = 0;
    for (n, title) in [
        (0, "Over deze melding"),
        (1, "Contactgegevens"),
        (2, "Tijdlijn van het datalek"),
        (3, "Het datalek"),
        (4, "De betrokken persoonsgegevens"),
        (5, "De betrokkenen"),
        (6, "Maatregelen van vóór het datalek"),
        (7, "Aard en gevolgen"),
        (8, "Vervolgacties"),
        (9, "Overig"),
    ] {
        let heading = format!("Sectie {n}: {title}");
        let Some(pos) = flat[at..].find(&squash(&heading)) else {
            panic!("{heading:?} missing or out of order in {text}")
        };
        at += pos;
    }
    for expected in [
        // A moment in Amsterdam time (CET in December).
        "6 december 2026 om 10:00 uur (UTC+1)",
        // Counts as Dutch writes them.
        "10.000",
        "30.000",
        // Choices in words.
        "Gestolen",
        "Verloren of gestolen apparaat of papieren dossier",
        "Burgerservicenummer (BSN)",
        "Vertrouwelijkheid",
        "Een hoog risico voor de betrokkenen",
        // Unknowns and questions that do not apply.
        "Nog niet bekend",
        "Niet van toepassing",
        "Anaïs Dubois",
        "Pagina 1 van",
        "Datalek 2026-003",
    ] {
        assert!(has(&text, expected), "{expected:?} missing in {text}");
    }
}

#[test]
fn gba_notification_has_two_parts_in_english() {
    let report = breach(40);
    let form = authority_form(&report, Jurisdiction::Be);
    let e = match render_breach_notification(&form, &meta(), BreachFormat::Pdf, Lang::En) {
        Ok(e) => e,
        Err(e) => panic!("{e}"),
    };
    dump("gba-en.pdf", &e.bytes);
    let text = pdf_text(&e.bytes);
    for expected in [
        "Data breach notification to the Gegevensbeschermingsautoriteit",
        "Part 1: Core of the notification (within 72 hours)",
        "Part 2: Scope, cause and impact",
        "6 December 2026 at 10:00 (UTC+1)",
        "Not applicable",
        "A high risk to the people affected",
        "Page 1 of",
    ] {
        assert!(has(&text, expected), "{expected:?} missing in {text}");
    }
    assert!(
        !has(&text, "Section 0"),
        "the GBA's form has no AP sections"
    );
}

#[test]
fn notification_json_has_a_stable_shape() {
    let report = breach(40);
    for (j, lang) in [(Jurisdiction::Nl, Lang::Nl), (Jurisdiction::Be, Lang::En)] {
        let form = authority_form(&report, j);
        let e = match render_breach_notification(&form, &meta(), BreachFormat::Json, lang) {
            Ok(e) => e,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(e.content_type, "application/json");
        assert!(e.file_name.ends_with(".json"));
        let v: serde_json::Value = match serde_json::from_slice(&e.bytes) {
            Ok(v) => v,
            Err(err) => panic!("{err}"),
        };
        assert_eq!(v["format_version"], 1);
        assert_eq!(v["authority"], j.as_str());
        insta::assert_json_snapshot!(format!("breach_notification_{}", j.as_str()), v);
    }
}

#[test]
fn letter_tells_the_person_what_happened_and_what_to_do_in_both_languages() {
    let report = breach(40);
    let m = meta();
    let nl = render_breach_letter(&report, Some("Jan <b>de</b> Vries & Co"), &m, Lang::Nl);
    assert_eq!(
        nl.subject,
        "Belangrijk: een datalek bij Bakkerij De Korenschoof B.V. dat u betreft"
    );
    for expected in [
        "Beste Jan <b>de</b> Vries & Co,",
        "Een laptop met de salarisexport is uit een auto gestolen.",
        "Burgerservicenummer (BSN)",
        "Identiteitsfraude met het BSN",
        "Wachtwoorden gewijzigd",
        // Advice that fits the data: bank details, BSN, e-mail addresses; general advice always.
        "Controleer uw bankafschriften",
        "identiteitsfraude",
        "phishing",
        "Sanne de Vries (privacy@korenschoof.example, 0123-456789)",
        "Anaïs Dubois, fg@korenschoof.example",
        "Kenmerk: datalek 2026-003",
    ] {
        assert!(
            nl.text.contains(expected),
            "{expected:?} missing in {}",
            nl.text
        );
    }
    // HTML: the name is text, not markup.
    assert!(
        nl.html
            .contains("Beste Jan &lt;b&gt;de&lt;/b&gt; Vries &amp; Co,")
    );
    assert!(!nl.html.contains("<b>"));
    assert!(nl.html.contains("<h2>Wat u zelf kunt doen</h2>"));

    let en = render_breach_letter(&report, None, &m, Lang::En);
    assert!(en.text.starts_with("Dear Sir or Madam,"), "{}", en.text);
    assert!(en.text.contains("What you can do"));
    assert!(en.text.contains("Check your bank statements"));

    for (letter, lang) in [(&nl, "nl"), (&en, "en")] {
        let bytes = match render_breach_letter_pdf(letter, &m) {
            Ok(b) => b,
            Err(e) => panic!("{e}"),
        };
        dump(&format!("letter-{lang}.pdf"), &bytes);
        let text = pdf_text(&bytes);
        assert!(has(&text, &letter.subject), "{text}");
        assert!(has(&text, "Datalek 2026-003") || has(&text, "Data breach 2026-003"));
    }
    let pdf = render_breach_letter_pdf(&nl, &m).unwrap_or_default();
    assert!(has(&pdf_text(&pdf), "Beste Jan <b>de</b> Vries & Co,"));
}
