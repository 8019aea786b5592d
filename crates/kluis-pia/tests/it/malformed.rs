//! Files that are not what they claim: an error naming the field and nothing imported, or a whole DPIA with
//! warnings naming each field; never a panic.

use kluis_domain::dpia::assessment::{
    Dpia, EvaluationStatus, Question, RiskKind, RiskLevel, ValidationStatus,
};
use kluis_pia::{
    ImportError, MAX_BYTES, MAX_DEPTH, Problem, STAMPED_PIA_FIELDS, TOOL_DB_VERSION, export, import,
};
use serde_json::{Value, json};
use time::OffsetDateTime;

fn pia(answers: Value, measures: Value, evaluations: Value, comments: Value) -> Vec<u8> {
    json!({"pia": {"id": 4, "name": "Test", "status": 0}, "answers": answers, "measures": measures,
        "evaluations": evaluations, "comments": comments})
    .to_string()
    .into_bytes()
}

fn error(bytes: &[u8]) -> ImportError {
    match import(bytes) {
        Ok(i) => panic!("imported: {:?}", i.warnings),
        Err(e) => e,
    }
}

fn at() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap()
}

/// Exports and imports again, dropping the bookkeeping the export adds where the file had none (the tool's id
/// and dates of the PIA, which Kluis keeps aside like any field of the tool's).
fn trip(d: &Dpia) -> Dpia {
    let mut back = import(&export(d, at())).unwrap().dpia;
    back.foreign_fields.retain(|(k, _)| {
        !k.strip_prefix("pia.")
            .is_some_and(|f| STAMPED_PIA_FIELDS.contains(&f))
            || d.foreign_fields.iter().any(|(x, _)| x == k)
    });
    back
}

#[test]
fn wrong_top_level_is_an_error_naming_the_field() {
    assert_eq!(error(b"[1, 2]").0.problem, Problem::NotAPia);
    let e = error(br#"{"name": "a register", "activities": []}"#);
    assert_eq!((e.0.field.as_str(), e.0.problem), ("pia", Problem::NotAPia));
    let e = error(br#"{"pia": {}, "measures": [], "evaluations": [], "comments": []}"#);
    assert_eq!(
        (e.0.field.as_str(), e.0.problem),
        ("answers", Problem::Missing)
    );
    let e =
        error(br#"{"pia": {}, "answers": {}, "measures": [], "evaluations": [], "comments": []}"#);
    assert_eq!(e.0.field, "answers");
    assert!(e.to_string().starts_with("answers: expected a list"), "{e}");
}

#[test]
fn malformed_json_is_an_error() {
    let e = error(b"{\"pia\": {\"name\": \"x\"");
    assert!(matches!(e.0.problem, Problem::Malformed(_)), "{e}");
    assert!(matches!(error(b"").0.problem, Problem::Malformed(_)));
    assert!(matches!(
        error(&[0xff, 0xfe, 0x00]).0.problem,
        Problem::Malformed(_)
    ));
}

#[test]
fn huge_and_deep_input_is_refused_before_parsing() {
    let mut huge = b"{\"pia\": {\"name\": \"".to_vec();
    huge.resize(MAX_BYTES + 1, b'a');
    assert_eq!(
        error(&huge).0.problem,
        Problem::TooLarge { limit: MAX_BYTES }
    );
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(
        error(deep.as_bytes()).0.problem,
        Problem::TooDeep { limit: MAX_DEPTH }
    );
    let many: Vec<Value> = (0..10_001).map(|_| json!({})).collect();
    let e = error(&pia(json!([]), json!(many), json!([]), json!([])));
    assert_eq!(
        (e.0.field.as_str(), e.0.problem),
        ("measures", Problem::TooMany { limit: 10_000 })
    );
}

#[test]
fn an_unreadable_entry_imports_nothing() {
    // The first answer is fine; the evaluation after it is not an object: no half DPIA comes back.
    let bytes = pia(
        json!([{"reference_to": 211, "data": {"text": "purposes"}}]),
        json!([]),
        json!(["3.2"]),
        json!([]),
    );
    let e = error(&bytes);
    assert_eq!(e.0.field, "evaluations[0]");
    let e = error(&pia(
        json!([{"reference_to": "abc", "data": {}}]),
        json!([]),
        json!([]),
        json!([]),
    ));
    assert_eq!(e.0.field, "answers[0].reference_to");
    let e = error(&pia(
        json!([{"reference_to": 211, "data": "text"}]),
        json!([]),
        json!([]),
        json!([]),
    ));
    assert_eq!(e.0.field, "answers[0].data");
}

#[test]
fn unknown_question_ids_are_kept_aside_with_a_warning_and_written_back() {
    let bytes = pia(
        json!([{"reference_to": 999, "data": {"text": "from a newer tool"}},
               {"reference_to": 211, "data": {"text": "first"}},
               {"reference_to": 211, "data": {"text": "second"}}]),
        json!([]),
        json!([]),
        json!([]),
    );
    let imported = import(&bytes).unwrap();
    let fields: Vec<(String, Problem)> = imported
        .warnings
        .iter()
        .map(|w| (w.field.clone(), w.problem.clone()))
        .collect();
    assert_eq!(
        fields,
        vec![
            (
                "answers[0].reference_to".into(),
                Problem::UnknownQuestion("999".into())
            ),
            ("answers[2].reference_to".into(), Problem::Duplicate),
        ]
    );
    assert_eq!(imported.dpia.text(Question::Purposes), "first");
    let out: Value = serde_json::from_slice(&export(&imported.dpia, at())).unwrap();
    let texts: Vec<&str> = out["answers"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["data"]["text"].as_str())
        .collect();
    assert!(
        texts.contains(&"from a newer tool") && texts.contains(&"second"),
        "{texts:?}"
    );
    assert_eq!(trip(&imported.dpia), imported.dpia);
}

#[test]
fn gauges_outside_one_to_four_warn_and_zero_is_unset() {
    let bytes = pia(
        json!([{"reference_to": 325, "data": {"text": "", "gauge": 5, "list": []}},
               {"reference_to": 326, "data": {"text": "", "gauge": 0, "list": []}},
               {"reference_to": 335, "data": {"text": "", "gauge": -1}},
               {"reference_to": 336, "data": {"text": "", "gauge": "3"}},
               {"reference_to": 345, "data": {"text": "", "gauge": 4}}]),
        json!([]),
        json!([{"reference_to": "3.2", "status": 2, "gauges": {"x": 7, "y": 0}},
               {"reference_to": "3.3", "status": 9, "gauges": {"x": 2, "y": null}}]),
        json!([]),
    );
    let imported = import(&bytes).unwrap();
    let fields: Vec<&str> = imported.warnings.iter().map(|w| w.field.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            "answers[0].data.gauge",
            "answers[2].data.gauge",
            "answers[3].data.gauge",
            "evaluations[0].gauges.x",
            "evaluations[1].status",
        ]
    );
    assert!(matches!(imported.warnings[0].problem, Problem::GaugeOutOfRange(ref v) if v == "5"));
    let d = &imported.dpia;
    assert_eq!(d.risks.illegitimate_access.estimate.severity, None);
    assert_eq!(d.risks.illegitimate_access.estimate.likelihood, None);
    assert_eq!(d.risks.disappearance.estimate.severity, RiskLevel::new(4));
    assert_eq!(
        d.risks.illegitimate_access.evaluation.residual.severity,
        None
    );
    assert_eq!(
        d.risks.illegitimate_access.evaluation.status,
        EvaluationStatus::Improvable
    );
    assert_eq!(
        d.risks.unwanted_modification.evaluation.residual.severity,
        RiskLevel::new(2)
    );
    assert_eq!(
        d.risks.unwanted_modification.evaluation.status,
        EvaluationStatus::Pending
    );
}

#[test]
fn unknown_codes_and_bad_dates_warn_naming_the_field() {
    let bytes = json!({
        "pia": {"name": "x", "status": 12, "dpo_status": 3, "concerned_people_searched_opinion": "yes"},
        "answers": [], "measures": [{"id": 5, "title": "Backups"}],
        "evaluations": [{"reference_to": "3.1.5", "status": 1, "estimated_implementation_date": "soon"},
                        {"reference_to": "9.9", "status": 3}],
        "comments": [{"reference_to": 77, "description": "?", "for_measure": true}],
        "extra": 1
    });
    let imported = import(bytes.to_string().as_bytes()).unwrap();
    let fields: Vec<String> = imported.warnings.iter().map(|w| w.field.clone()).collect();
    for f in [
        "extra",
        "pia.status",
        "pia.dpo_status",
        "pia.concerned_people_searched_opinion",
        "evaluations[0].estimated_implementation_date",
        "evaluations[1].reference_to",
        "comments[0].reference_to",
    ] {
        assert!(fields.iter().any(|x| x == f), "{f} in {fields:?}");
    }
    let d = &imported.dpia;
    assert_eq!(d.validation.status, ValidationStatus::InProgress);
    assert_eq!(d.measures[0].evaluation.status, EvaluationStatus::ToCorrect);
    assert_eq!(d.detached_evaluations[0].reference, "9.9");
    assert_eq!(trip(d), *d, "what was kept aside comes back");
}

#[test]
fn a_dpia_made_in_kluis_survives_the_trip() {
    use kluis_domain::dpia::assessment::{
        ActionPlan, Advice, DpiaVersion, Estimate, Evaluation, PlannedMeasure, Remark, RemarkTarget,
    };
    use time::macros::date;
    let l = |n| RiskLevel::new(n).unwrap();
    let mut d = Dpia {
        title: "Camera's".into(),
        activity: Some(uuid::Uuid::from_u128(42)),
        review_on: Some(date!(2027 - 06 - 01)),
        prior_consultation: true,
        measures: vec![PlannedMeasure {
            title: "Encryption".into(),
            content: "At rest".into(),
            evaluation: Evaluation {
                status: EvaluationStatus::Improvable,
                action_plan: ActionPlan {
                    action: "rotate".into(),
                    owner: "IT".into(),
                    due: Some(date!(2027 - 01 - 15)),
                },
                ..Default::default()
            },
            ..Default::default()
        }],
        versions: vec![DpiaVersion {
            number: 1,
            saved_on: date!(2026 - 12 - 07),
            note: "first".into(),
        }],
        remarks: vec![Remark {
            target: RemarkTarget::Question(Question::Consent),
            text: "check".into(),
        }],
        ..Default::default()
    };
    d.dpo.advice = Some(Advice::Unfavourable);
    d.validation.status = ValidationStatus::Refused;
    d.validation.validated_on = Some(date!(2026 - 12 - 08));
    *d.text_mut(Question::SupportingAssets) = "Laptops".into();
    d.principles.transfers.evaluation.comment = "none".into();
    let r = d.risks.get_mut(RiskKind::Disappearance);
    r.estimate = Estimate::new(l(4), l(3));
    r.evaluation.residual = Estimate::new(l(2), l(2));
    r.threats = vec!["fire".into()];
    r.measures = vec!["Encryption".into()];

    assert_eq!(import(&export(&d, at())).unwrap().warnings, Vec::new());
    let file: Value = serde_json::from_slice(&export(&d, at())).unwrap();
    assert_eq!(
        file["pia"]["dbVersion"],
        json!(TOOL_DB_VERSION),
        "older versions of the tool need it"
    );
    let references: Vec<&str> = file["evaluations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["reference_to"].as_str())
        .collect();
    assert_eq!(
        references,
        ["2.2.227", "3.1.1", "3.4"],
        "the measure got a number its evaluation names"
    );
    let got = trip(&d);
    kluis_pia::assign_measure_ids(&mut d);
    assert_eq!(got, d);
}

/// Every value of a real file replaced by values of other types, one at a time: each import returns a DPIA or
/// an error, never a panic.
#[test]
fn no_replaced_value_panics() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/interop/cnil-pia");
    let path = std::env::var_os("KLUIS_CNIL_PIA_DIR")
        .map_or(dir, std::path::PathBuf::from)
        .join("pia-cypress-fixture.json");
    let mut raw: Value =
        serde_json::from_slice(&std::fs::read(&path).expect("the CNIL fixture in ../shared"))
            .unwrap();
    // Long texts shortened: the shape is what matters here, and a small file keeps thousands of imports quick.
    fn shorten(v: &mut Value) {
        match v {
            Value::String(s) if s.len() > 40 => *s = "lorem".into(),
            Value::Object(m) => m.values_mut().for_each(shorten),
            Value::Array(a) => a.iter_mut().for_each(shorten),
            _ => {}
        }
    }
    shorten(&mut raw);
    fn leaves(v: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        match v {
            Value::Object(m) => m.iter().for_each(|(k, x)| {
                path.push(k.clone());
                leaves(x, path, out);
                path.pop();
            }),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| {
                path.push(i.to_string());
                leaves(x, path, out);
                path.pop();
            }),
            _ => {}
        }
    }
    let mut paths = Vec::new();
    leaves(&raw, &mut Vec::new(), &mut paths);
    // Entries of a list repeat one shape: the first four of each cover it.
    paths.retain(|p| {
        p.get(1)
            .is_none_or(|i| i.parse::<usize>().is_ok_and(|i| i < 4) || p[0] == "pia")
    });
    let replacements = [
        json!(null),
        json!("3.1.x"),
        json!(-1),
        json!(1e300),
        json!({}),
        json!([1]),
    ];
    let (mut ok, mut err) = (0, 0);
    for p in &paths {
        for r in &replacements {
            let mut v = raw.clone();
            let pointer = p.iter().map(|s| format!("/{s}")).collect::<String>();
            if let Some(slot) = v.pointer_mut(&pointer) {
                *slot = r.clone();
            }
            match import(v.to_string().as_bytes()) {
                Ok(_) => ok += 1,
                Err(e) => {
                    assert!(!e.to_string().is_empty());
                    err += 1
                }
            }
        }
    }
    assert!(ok > 0 && err > 0, "{ok} imported, {err} refused");
}

/// Every prefix of a real file is refused cleanly.
#[test]
fn truncated_files_are_refused() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/interop/cnil-pia");
    let path = std::env::var_os("KLUIS_CNIL_PIA_DIR")
        .map_or(dir, std::path::PathBuf::from)
        .join("pia-example-2018.json");
    let bytes = std::fs::read(&path).expect("the CNIL example in ../shared");
    for end in (0..bytes.len() - 1).step_by(97) {
        assert!(import(&bytes[..end]).is_err(), "prefix of {end} bytes");
    }
}
