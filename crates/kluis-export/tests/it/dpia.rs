//! The DPIA's documents: the PDF in the CNIL method's order, the risk map as SVG (well-formed, escaped,
//! accessible), and rich text from the CNIL tool as plain text.

use crate::breach::{has, pdf_text, squash};
use crate::documents_sample::dpia;
use kluis_domain::dpia::assessment::{Dpia, Question, RiskKind};
use kluis_export::{DpiaPdfMeta, Lang, html_to_text, render_dpia_pdf, risk_map_svg};
use quick_xml::Reader;
use quick_xml::events::Event;
use time::macros::date;

fn meta() -> DpiaPdfMeta<'static> {
    DpiaPdfMeta {
        organisation: "Bakkerij De Korenschoof B.V.",
        activity_name: Some("Salarisadministratie"),
        generated_on: date!(2026 - 12 - 07),
        version: 2,
    }
}

#[test]
fn every_question_level_and_risk_is_worded_in_both_languages() {
    let mut keys: Vec<String> = Question::ALL.iter().map(|q| q.label_key()).collect();
    keys.extend(
        kluis_domain::dpia::assessment::RiskLevel::ALL
            .iter()
            .map(|l| l.label_key()),
    );
    for lang in Lang::ALL {
        let cat = kluis_i18n::catalogue(lang);
        let missing: Vec<_> = keys.iter().filter(|k| !cat.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
    }
}

#[test]
fn dpia_pdf_follows_the_method_and_prints_rich_text_as_text() {
    let d = dpia(1, 3);
    for lang in Lang::ALL {
        let bytes = match render_dpia_pdf(&d, &meta(), lang) {
            Ok(b) => b,
            Err(e) => panic!("{e}"),
        };
        if let Some(dir) = std::env::var_os("KLUIS_EXPORT_DUMP") {
            let _ = std::fs::write(
                std::path::Path::new(&dir).join(format!("dpia-{}.pdf", lang.code())),
                &bytes,
            );
        }
        let text = pdf_text(&bytes);
        let flat = squash(&text);
        let tr = kluis_i18n::Tr::new(lang);
        // The method's parts in order, every question by its label.
        let mut at = 0;
        for key in [
            "dpia-doc-context",
            "dpia-doc-principles",
            "dpia-doc-risks",
            "dpia-doc-risk-map",
            "dpia-doc-action-plan",
            "dpia-doc-opinions",
            "dpia-doc-versions",
        ] {
            let heading = squash(tr.t(key));
            let Some(pos) = flat[at..].find(&heading) else {
                panic!("{lang:?}: {heading:?} missing or out of order")
            };
            at += pos;
        }
        for q in Question::ALL {
            let key = q.label_key();
            let label = tr.t(&key);
            assert!(has(&text, label), "{lang:?}: question {label:?} missing");
        }
        for k in RiskKind::ALL {
            let key = format!("dpia-risk-{}", k.as_str().replace('_', "-"));
            let name = tr.t(&key);
            assert!(
                flat.matches(&squash(name)).count() >= 2,
                "{lang:?}: {name} missing"
            );
        }
        for expected in [
            // Rich text: tags gone, entities decoded, list items kept.
            "personeelsportaal & op verzoek",
            "• Grondslag: wettelijke plicht",
            "Salarisadministratie <met> BSN & IBAN",
            "Bewaartermijn per categorie vastleggen",
            "Sanne de Vries",
            &tr.date(date!(2027 - 03 - 01)),
            "Ondernemingsraad",
            "Vastgesteld na advies FG",
        ] {
            assert!(
                has(&text, expected),
                "{lang:?}: {expected:?} missing in {text}"
            );
        }
        assert!(
            !text.contains("<strong>") && !text.contains("&amp;"),
            "{text}"
        );
        let (level, page) = match lang {
            Lang::Nl => ("4 (Maximaal)", "Pagina 1 van"),
            Lang::En => ("4 (Maximum)", "Page 1 of"),
        };
        assert!(has(&text, level) && has(&text, page), "{text}");
    }
}

#[test]
fn an_empty_dpia_still_renders() {
    let d = Dpia::default();
    let bytes = match render_dpia_pdf(&d, &meta(), Lang::En) {
        Ok(b) => b,
        Err(e) => panic!("{e}"),
    };
    let text = pdf_text(&bytes);
    assert!(has(&text, "Not answered"));
    assert!(
        has(&text, "Illegitimate access to data: not estimated yet"),
        "{text}"
    );
}

/// Reads `svg` as XML and returns the text of its elements (every event must parse).
fn xml_texts(svg: &str) -> (Vec<String>, Vec<String>) {
    let mut reader = Reader::from_str(svg);
    let mut elements = Vec::new();
    let mut texts = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                elements.push(String::from_utf8_lossy(e.name().as_ref()).into_owned());
            }
            Ok(Event::Text(t)) => match t.unescape() {
                Ok(s) => texts.push(s.into_owned()),
                Err(e) => panic!("bad text: {e}"),
            },
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "not well-formed at {}: {e}\n{svg}",
                reader.buffer_position()
            ),
        }
    }
    (elements, texts)
}

#[test]
fn risk_map_svg_is_well_formed_accessible_and_escaped() {
    let mut d = dpia(1, 1);
    d.title = "<script>alert('x')</script> & co".into();
    for lang in Lang::ALL {
        let svg = risk_map_svg(&d, lang);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("role=\"img\""));
        let (elements, texts) = xml_texts(&svg);
        assert_eq!(elements.first().map(String::as_str), Some("svg"));
        // Nothing that runs, loads or can clash with another copy on the page.
        for forbidden in ["script", "image", "use", "foreignObject", "a", "style"] {
            assert!(
                !elements.iter().any(|e| e == forbidden),
                "<{forbidden}> in {svg}"
            );
        }
        for forbidden in ["href", " id=", "on", "url("] {
            let found = if forbidden == "on" {
                svg.contains(" onload") || svg.contains(" onclick")
            } else {
                svg.contains(forbidden)
            };
            assert!(!found, "{forbidden} in {svg}");
        }
        // The title stays text.
        assert!(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
        assert_eq!(elements.get(1).map(String::as_str), Some("title"));
        assert!(
            texts[0].contains("<script>alert('x')</script> & co"),
            "{:?}",
            texts[0]
        );
        // 16 cells, and for three risks estimated before and after: 6 markers, 3 arrows.
        assert_eq!(elements.iter().filter(|e| *e == "rect").count(), 16);
        assert_eq!(elements.iter().filter(|e| *e == "polygon").count(), 3);
        let tr = kluis_i18n::Tr::new(lang);
        for key in [
            "dpia-map-severity",
            "dpia-map-likelihood",
            "dpia-map-before",
            "dpia-map-after",
        ] {
            assert!(texts.iter().any(|t| t == tr.t(key)), "{key} missing");
        }
    }
    // Without the after estimate there is no arrow, and an unestimated risk says so.
    let mut d = dpia(1, 1);
    d.risks.disappearance.evaluation.residual = Default::default();
    d.risks.unwanted_modification.estimate = Default::default();
    d.risks.unwanted_modification.evaluation.residual = Default::default();
    let svg = risk_map_svg(&d, Lang::En);
    let (elements, texts) = xml_texts(&svg);
    assert_eq!(elements.iter().filter(|e| *e == "polygon").count(), 1);
    assert!(
        texts
            .iter()
            .any(|t| t == "Unwanted modification of data: not estimated yet")
    );
}

#[test]
fn html_to_text_keeps_paragraphs_and_lists_and_decodes_entities() {
    let cases: &[(&str, &str)] = &[
        (
            "Plain text\nwith a line & R&D",
            "Plain text\nwith a line & R&D",
        ),
        ("a < b and c > d", "a < b and c > d"),
        ("<p>One</p><p>Two &amp; three</p>", "One\n\nTwo & three"),
        ("Line<br>next<br/>last<br />", "Line\nnext\nlast"),
        (
            "Intro : <br />\n<ul>\n<li><strong>Données</strong> : e-mail ;</li>\n<li>Durée</li>\n</ul>",
            "Intro :\n• Données : e-mail ;\n• Durée",
        ),
        (
            "<ol><li>First<ul><li>inner</li></ul></li><li>Second</li></ol>",
            "1. First\n  • inner\n2. Second",
        ),
        ("<div>caf&eacute; &#233;&#xE9;&nbsp;x</div>", "café éé x"),
        (
            "<span>no&nbsp;break</span> &unknown; &",
            "no break &unknown; &",
        ),
        ("<script>alert(1)</script><style>p{}</style>Shown", "Shown"),
        (
            "<!-- note -->Text<p></p><p></p><p>After</p>",
            "Text\n\nAfter",
        ),
        ("<p>unclosed <b", "unclosed <b"),
        ("", ""),
    ];
    for (html, want) in cases {
        assert_eq!(html_to_text(html), *want, "for {html:?}");
    }
    // The CNIL tool's own example: every tag gone, text kept.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/interop/cnil-pia/pia-example-2018.json");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        panic!("{} is missing", path.display())
    };
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap_or_default();
    let mut answers = 0;
    for a in v["answers"].as_array().into_iter().flatten() {
        if let Some(t) = a["data"]["text"].as_str() {
            let plain = html_to_text(t);
            assert!(
                !plain.contains("<li") && !plain.contains("<br") && !plain.contains("</"),
                "{plain}"
            );
            answers += 1;
        }
    }
    assert!(answers > 10);
}
