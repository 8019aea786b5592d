//! The two real export files of the CNIL tool (in ../shared beside the checkout; GPL, so read, never copied):
//! every answer, measure, evaluation, gauge and comment lands in its place, and a round trip loses nothing.

use std::path::PathBuf;

use kluis_domain::dpia::assessment::{
    Advice, Dpia, EvaluationPoint, EvaluationStatus, Question, RemarkTarget, RiskKind, RiskLevel,
    ValidationStatus,
};
use kluis_pia::{
    Problem, RiskPart, STAMPED_PIA_FIELDS, export, export_value, import, question_for,
    risk_question_for,
};
use serde_json::Value;
use time::OffsetDateTime;

/// The directory of the tool's files: `KLUIS_CNIL_PIA_DIR`, else ../shared beside the checkout. Missing files
/// fail the test: CI has ../shared, and a skipped exchange test proves nothing.
fn file(name: &str) -> Vec<u8> {
    let dir = std::env::var_os("KLUIS_CNIL_PIA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/interop/cnil-pia")
        });
    let path = dir.join(name);
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; lay ../shared beside the checkout or set KLUIS_CNIL_PIA_DIR",
            path.display()
        )
    })
}

const FILES: [&str; 2] = ["pia-example-2018.json", "pia-cypress-fixture.json"];

fn at() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap()
}

fn level(v: &Value) -> Option<RiskLevel> {
    v.as_u64().and_then(|n| RiskLevel::new(n as u8))
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(text).collect())
        .unwrap_or_default()
}

/// Reads the file independently of the importer and checks each entry against the imported DPIA.
fn assert_in_place(raw: &Value, d: &Dpia) {
    let pia = &raw["pia"];
    assert_eq!(d.title, text(&pia["name"]));
    assert_eq!(d.author, text(&pia["author_name"]));
    assert_eq!(d.evaluator, text(&pia["evaluator_name"]));
    assert_eq!(d.validator, text(&pia["validator_name"]));
    assert_eq!(d.dpo.opinion, text(&pia["dpo_opinion"]));
    assert_eq!(d.dpo.names, text(&pia["dpos_names"]));
    assert_eq!(d.people.opinion, text(&pia["concerned_people_opinion"]));
    assert_eq!(d.people.names, text(&pia["people_names"]));
    assert_eq!(
        d.people.sought,
        pia["concerned_people_searched_opinion"].as_bool().unwrap()
    );
    assert_eq!(
        d.people.not_sought_reason,
        text(&pia["concerned_people_searched_content"])
    );
    assert_eq!(
        d.validation.rejection_reason,
        text(&pia["rejection_reason"])
    );

    let answers = raw["answers"].as_array().unwrap();
    for a in answers {
        let id = a["reference_to"].as_i64().unwrap();
        let data = &a["data"];
        if let Some(q) = question_for(id) {
            assert_eq!(d.text(q), text(&data["text"]), "answer {id}");
            continue;
        }
        let (kind, part) =
            risk_question_for(id).unwrap_or_else(|| panic!("answer {id} is a known question"));
        let r = d.risks.get(kind);
        match part {
            RiskPart::Impacts => assert_eq!(r.impacts, strings(&data["list"]), "answer {id}"),
            RiskPart::Threats => assert_eq!(r.threats, strings(&data["list"]), "answer {id}"),
            RiskPart::Sources => assert_eq!(r.sources, strings(&data["list"]), "answer {id}"),
            RiskPart::Measures => assert_eq!(r.measures, strings(&data["list"]), "answer {id}"),
            RiskPart::Severity => {
                assert_eq!(r.estimate.severity, level(&data["gauge"]), "answer {id}");
                assert_eq!(r.severity_rationale, text(&data["text"]), "answer {id}");
            }
            RiskPart::Likelihood => {
                assert_eq!(r.estimate.likelihood, level(&data["gauge"]), "answer {id}");
                assert_eq!(r.likelihood_rationale, text(&data["text"]), "answer {id}");
            }
        }
    }

    let measures = raw["measures"].as_array().unwrap();
    assert_eq!(d.measures.len(), measures.len());
    for (m, got) in measures.iter().zip(&d.measures) {
        assert_eq!(got.title, text(&m["title"]));
        assert_eq!(got.content, text(&m["content"]));
        assert_eq!(
            got.knowledge_base.clone().unwrap_or_default(),
            text(&m["placeholder"])
        );
        assert_eq!(got.source_id, m["id"].as_i64());
    }

    let evaluations = raw["evaluations"].as_array().unwrap();
    let mut attached = 0;
    for e in evaluations {
        let reference = text(&e["reference_to"]);
        let point = match reference.split('.').collect::<Vec<_>>().as_slice() {
            ["1", "1"] => Some(EvaluationPoint::ContextOverview),
            ["1", "2"] => Some(EvaluationPoint::ContextData),
            ["2", _, q] => q
                .parse()
                .ok()
                .and_then(question_for)
                .map(EvaluationPoint::Principle),
            ["3", "1", m] => m
                .parse::<i64>()
                .ok()
                .and_then(|id| d.measures.iter().position(|x| x.source_id == Some(id)))
                .map(EvaluationPoint::Measure),
            ["3", "2"] => Some(EvaluationPoint::Risk(RiskKind::IllegitimateAccess)),
            ["3", "3"] => Some(EvaluationPoint::Risk(RiskKind::UnwantedModification)),
            ["3", "4"] => Some(EvaluationPoint::Risk(RiskKind::Disappearance)),
            _ => None,
        };
        let got = match &point {
            Some(p) => {
                attached += 1;
                d.evaluation(p).unwrap()
            }
            None => {
                let kept = d
                    .detached_evaluations
                    .iter()
                    .find(|x| x.reference == reference);
                &kept
                    .unwrap_or_else(|| panic!("evaluation {reference} kept"))
                    .evaluation
            }
        };
        let status = [
            EvaluationStatus::Pending,
            EvaluationStatus::ToCorrect,
            EvaluationStatus::Improvable,
            EvaluationStatus::Acceptable,
        ][e["status"].as_u64().unwrap() as usize];
        assert_eq!(got.status, status, "evaluation {reference}");
        assert_eq!(
            got.comment,
            text(&e["evaluation_comment"]),
            "evaluation {reference}"
        );
        assert_eq!(
            got.action_plan.action,
            text(&e["action_plan_comment"]),
            "evaluation {reference}"
        );
        assert_eq!(
            got.action_plan.owner,
            text(&e["person_in_charge"]),
            "evaluation {reference}"
        );
        assert_eq!(
            got.residual.severity,
            level(&e["gauges"]["x"]),
            "evaluation {reference}"
        );
        assert_eq!(
            got.residual.likelihood,
            level(&e["gauges"]["y"]),
            "evaluation {reference}"
        );
        assert_eq!(
            got.tool_progress,
            e["global_status"].as_i64(),
            "evaluation {reference}"
        );
    }
    assert_eq!(attached + d.detached_evaluations.len(), evaluations.len());

    let comments = raw["comments"].as_array().unwrap();
    assert_eq!(d.remarks.len(), comments.len());
    for (c, got) in comments.iter().zip(&d.remarks) {
        assert_eq!(got.text, text(&c["description"]));
    }
}

#[test]
fn both_files_import_with_everything_in_place() {
    for name in FILES {
        let bytes = file(name);
        let raw: Value = serde_json::from_slice(&bytes).unwrap();
        let imported = import(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_in_place(&raw, &imported.dpia);
    }
}

#[test]
fn the_2018_example_in_detail() {
    let imported = import(&file("pia-example-2018.json")).unwrap();
    assert_eq!(
        imported.warnings,
        Vec::new(),
        "a clean file gives no warnings"
    );
    let d = imported.dpia;
    assert_eq!(d.validation.status, ValidationStatus::SignedValidated);
    assert_eq!(d.dpo.advice, Some(Advice::Favourable));
    assert_eq!(d.measures.len(), 23);
    assert!(
        d.detached_evaluations.is_empty(),
        "every evaluation finds its item"
    );
    let access = &d.risks.illegitimate_access;
    assert_eq!(access.estimate.severity, RiskLevel::new(3));
    assert_eq!(access.estimate.likelihood, RiskLevel::new(4));
    assert_eq!(access.evaluation.residual.severity, RiskLevel::new(3));
    assert_eq!(access.evaluation.residual.likelihood, RiskLevel::new(1));
    assert_eq!(access.impacts.len(), 7);
    assert_eq!(
        d.principles.purposes.evaluation.status,
        EvaluationStatus::Improvable
    );
    assert!(
        !d.principles
            .purposes
            .evaluation
            .action_plan
            .action
            .is_empty()
    );
    assert_eq!(
        d.remarks[0].target,
        RemarkTarget::Question(Question::LegalBasis)
    );
    // Gauges of 0 are "not set", so the context evaluations carry no estimate.
    assert_eq!(d.context.overview_evaluation.residual.position(), None);
    let map = d.risk_map();
    assert!(map[0].before.unwrap().is_high() && !map[0].after.unwrap().is_high());
    assert!(!d.prior_consultation_indicated());
    assert!(d.foreign_fields.iter().any(|(k, _)| k == "pia.dbVersion"));
}

#[test]
fn the_fixtures_broken_measure_reference_is_kept_with_a_warning() {
    let imported = import(&file("pia-cypress-fixture.json")).unwrap();
    let d = &imported.dpia;
    assert_eq!(d.detached_evaluations.len(), 1);
    assert_eq!(d.detached_evaluations[0].reference, "3.1.[object Object]");
    assert_eq!(d.measures[0].source_id, Some(1));
    assert_eq!(
        d.measures[0].evaluation.status,
        EvaluationStatus::Acceptable,
        "3.1.1 finds measure 1"
    );
    let w: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].starts_with("evaluations[14].reference_to:"), "{w:?}");
    assert!(matches!(
        imported.warnings[0].problem,
        Problem::UnknownReference(_)
    ));
}

#[test]
fn a_round_trip_loses_nothing() {
    for name in FILES {
        let bytes = file(name);
        let first = import(&bytes).unwrap();
        let exported = export(&first.dpia, at());
        let mut second = import(&exported).unwrap_or_else(|e| panic!("{name}: {e}"));
        // What the export stamps where the file had none (the fixture has no `dbVersion`) is all that may differ.
        let added: Vec<String> = second
            .dpia
            .foreign_fields
            .iter()
            .filter(|f| !first.dpia.foreign_fields.contains(f))
            .map(|(k, _)| k.clone())
            .collect();
        for k in &added {
            let field = k.strip_prefix("pia.").unwrap_or(k);
            assert!(STAMPED_PIA_FIELDS.contains(&field), "{name}: {k} added");
        }
        second
            .dpia
            .foreign_fields
            .retain(|(k, _)| !added.contains(k));
        assert_eq!(second.dpia, first.dpia, "{name}");
        // A second trip changes nothing at all.
        let third = import(&export(&second.dpia, at())).unwrap();
        assert_eq!(
            import(&export(&third.dpia, at())).unwrap().dpia,
            third.dpia,
            "{name}"
        );
        assert_eq!(second.warnings.len(), first.warnings.len(), "{name}");
        // And the exported file itself holds every entry where the tool expects it.
        let raw: Value = serde_json::from_slice(&exported).unwrap();
        assert_in_place(&raw, &second.dpia);
    }
}

#[test]
fn the_export_has_the_tools_shape_ids_and_gauges() {
    for name in FILES {
        let raw: Value = serde_json::from_slice(&file(name)).unwrap();
        let out = export_value(&import(&file(name)).unwrap().dpia, at());
        let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&out), keys(&raw), "{name}: same top level");
        for key in keys(&raw["pia"]) {
            assert!(
                out["pia"].get(&key).is_some(),
                "{name}: pia.{key} written back"
            );
        }
        let ids = |v: &Value| {
            let mut ids: Vec<i64> = v["answers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["reference_to"].as_i64().unwrap())
                .collect();
            ids.sort();
            ids
        };
        assert_eq!(ids(&out), ids(&raw), "{name}: same question ids");
        let gauges = |v: &Value| {
            let mut g: Vec<(String, String)> = v["evaluations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| (text(&e["reference_to"]), e["gauges"].to_string()))
                .collect();
            g.sort();
            g
        };
        assert_eq!(
            gauges(&out),
            gauges(&raw),
            "{name}: same evaluation references and gauges"
        );
        let answer_gauge = |v: &Value, id: i64| {
            v["answers"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["reference_to"] == id)
                .map(|a| a["data"]["gauge"].clone())
        };
        for id in [325, 326, 335, 336, 345, 346] {
            assert_eq!(
                answer_gauge(&out, id),
                answer_gauge(&raw, id),
                "{name}: gauge of {id}"
            );
        }
    }
}

/// The store will keep a DPIA as the domain's own JSON: an imported one survives that too.
#[test]
fn an_imported_dpia_survives_the_domains_own_json() {
    for name in FILES {
        let d = import(&file(name)).unwrap().dpia;
        let stored = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<Dpia>(&stored).unwrap(), d, "{name}");
        // A level outside 1-4 in stored JSON is refused, not read as something else.
        let broken = stored.replacen("\"severity\":3", "\"severity\":5", 1);
        assert_ne!(
            broken, stored,
            "{name}: the file has a severity of 3 to break"
        );
        assert!(serde_json::from_str::<Dpia>(&broken).is_err(), "{name}");
    }
}
