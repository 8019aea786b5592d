//! Writing a DPIA as the tool's export file: the same top-level shape, question ids, evaluation references and
//! gauges the tool writes, plus the fields an import kept aside, so import, export, import loses nothing.

use kluis_domain::dpia::assessment::{
    Advice, Dpia, Evaluation, EvaluationStatus, Question, RemarkTarget, RiskKind, RiskLevel,
    ValidationStatus,
};
use serde_json::{Map, Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::{RiskPart, TOOL_DB_VERSION, question_id, risk_item, risk_question_id};

/// Gives every measure without a number one, above the highest in use, so evaluations and comments can name it.
pub fn assign_measure_ids(dpia: &mut Dpia) {
    let mut next = dpia
        .measures
        .iter()
        .filter_map(|m| m.source_id)
        .max()
        .unwrap_or(0)
        + 1;
    for m in &mut dpia.measures {
        if m.source_id.is_none() {
            m.source_id = Some(next);
            next += 1;
        }
    }
}

/// The DPIA as the tool's export file, pretty-printed; `at` stamps what the tool expects a creation date on.
pub fn export(dpia: &Dpia, at: OffsetDateTime) -> Vec<u8> {
    // Serialising a `Value` cannot fail: every key is a string.
    serde_json::to_vec_pretty(&export_value(dpia, at)).unwrap_or_default()
}

fn gauge(level: Option<RiskLevel>) -> Value {
    json!(level.map_or(0, RiskLevel::get))
}

fn day(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A field kept aside on import, back as the JSON it was.
fn kept(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
}

/// The DPIA as the tool's export file, as a JSON value.
pub fn export_value(dpia: &Dpia, at: OffsetDateTime) -> Value {
    let mut dpia = dpia.clone();
    assign_measure_ids(&mut dpia);
    let stamp = at.format(&Rfc3339).unwrap_or_default();

    let mut pia = Map::new();
    for (name, text) in &dpia.foreign_fields {
        if let Some(key) = name.strip_prefix("pia.") {
            pia.insert(key.to_owned(), kept(text));
        }
    }
    let pia_id = pia.get("id").and_then(Value::as_i64).unwrap_or(1);
    // The tool's bookkeeping, when the DPIA brought none of its own (see `STAMPED_PIA_FIELDS`).
    pia.entry("id").or_insert(json!(pia_id));
    pia.entry("created_at").or_insert(json!(stamp));
    pia.entry("updated_at").or_insert(json!(stamp));
    pia.entry("dbVersion").or_insert(json!(TOOL_DB_VERSION));
    let advice = |a: Option<Advice>| match a {
        Some(Advice::Unfavourable) => json!(0),
        Some(Advice::Favourable) => json!(1),
        None => Value::Null,
    };
    let status = match dpia.validation.status {
        ValidationStatus::InProgress => 0,
        ValidationStatus::Refused => 1,
        ValidationStatus::Validated => 2,
        ValidationStatus::SignedValidated => 3,
        ValidationStatus::Archived => 4,
    };
    let own = [
        ("name", json!(dpia.title)),
        ("author_name", json!(dpia.author)),
        ("evaluator_name", json!(dpia.evaluator)),
        ("validator_name", json!(dpia.validator)),
        ("category", json!(dpia.category)),
        ("status", json!(status)),
        ("dpos_names", json!(dpia.dpo.names)),
        ("dpo_status", advice(dpia.dpo.advice)),
        ("dpo_opinion", json!(dpia.dpo.opinion)),
        ("people_names", json!(dpia.people.names)),
        ("concerned_people_status", advice(dpia.people.advice)),
        ("concerned_people_opinion", json!(dpia.people.opinion)),
        ("concerned_people_searched_opinion", json!(dpia.people.sought)),
        ("concerned_people_searched_content", json!(dpia.people.not_sought_reason)),
        ("rejection_reason", json!(dpia.validation.rejection_reason)),
        ("applied_adjustments", json!(dpia.validation.applied_adjustments)),
        // Kluis's own, which the tool does not read; an import into Kluis restores them.
        ("kluis_review_on", dpia.review_on.map_or(Value::Null, |d| json!(day(d)))),
        ("kluis_validated_on", dpia.validation.validated_on.map_or(Value::Null, |d| json!(day(d)))),
        ("kluis_prior_consultation", json!(dpia.prior_consultation)),
        ("kluis_activity", dpia.activity.map_or(Value::Null, |u| json!(u.to_string()))),
        (
            "kluis_versions",
            Value::Array(
                dpia.versions
                    .iter()
                    .map(|v| json!({"number": v.number, "saved_on": day(v.saved_on), "note": v.note}))
                    .collect(),
            ),
        ),
    ];
    for (key, value) in own {
        pia.insert(key.to_owned(), value);
    }

    let mut answers = Vec::new();
    let mut answer = |reference: i64, text: Value, gauge: Value, list: &[String]| {
        answers.push(json!({
            "id": answers.len() as i64 + 1,
            "pia_id": pia_id,
            "reference_to": reference,
            "data": {"text": text, "gauge": gauge, "list": list},
            "created_at": stamp,
            "updated_at": stamp,
        }));
    };
    for &q in Question::ALL {
        let text = dpia.text(q);
        if !text.is_empty() {
            answer(question_id(q), json!(text), json!(0), &[]);
        }
    }
    for &kind in RiskKind::ALL {
        let r = dpia.risks.get(kind);
        let lists = [
            (RiskPart::Impacts, &r.impacts),
            (RiskPart::Threats, &r.threats),
            (RiskPart::Sources, &r.sources),
            (RiskPart::Measures, &r.measures),
        ];
        for (part, items) in lists {
            if !items.is_empty() {
                answer(
                    risk_question_id(kind, part),
                    Value::Null,
                    Value::Null,
                    items,
                );
            }
        }
        let gauges = [
            (
                RiskPart::Severity,
                r.estimate.severity,
                &r.severity_rationale,
            ),
            (
                RiskPart::Likelihood,
                r.estimate.likelihood,
                &r.likelihood_rationale,
            ),
        ];
        for (part, level, rationale) in gauges {
            if level.is_some() || !rationale.is_empty() {
                answer(
                    risk_question_id(kind, part),
                    json!(rationale),
                    gauge(level),
                    &[],
                );
            }
        }
    }
    for (name, text) in &dpia.foreign_fields {
        if name == "answers[]" {
            answers.push(kept(text));
        }
    }

    let measures: Vec<Value> = dpia
        .measures
        .iter()
        .map(|m| {
            json!({
                "id": m.source_id,
                "pia_id": pia_id,
                "title": m.title,
                "content": m.content,
                "placeholder": m.knowledge_base.clone().unwrap_or_default(),
                "created_at": stamp,
                "updated_at": stamp,
            })
        })
        .collect();

    let mut evaluations = Vec::new();
    let mut push = |reference: String, e: &Evaluation, keep_empty: bool| {
        if e.is_empty() && !keep_empty {
            return;
        }
        let mut out = evaluation_value(e, &reference, pia_id, &stamp);
        if let Some(map) = out.as_object_mut() {
            map.insert("id".into(), json!(evaluations.len() as i64 + 1));
        }
        evaluations.push(out);
    };
    push("1.1".into(), &dpia.context.overview_evaluation, false);
    push("1.2".into(), &dpia.context.data_evaluation, false);
    for &q in Question::ALL {
        if let Some(a) = dpia.principles.answer(q) {
            let id = question_id(q);
            push(format!("2.{}.{id}", id / 10 % 10), &a.evaluation, false);
        }
    }
    for m in &dpia.measures {
        push(
            format!("3.1.{}", m.source_id.unwrap_or_default()),
            &m.evaluation,
            false,
        );
    }
    for &kind in RiskKind::ALL {
        push(
            format!("3.{}", risk_item(kind)),
            &dpia.risks.get(kind).evaluation,
            false,
        );
    }
    for d in &dpia.detached_evaluations {
        // Written even when empty: it was in the file, and the round trip must bring it back.
        push(d.reference.clone(), &d.evaluation, true);
    }

    let comments: Vec<Value> = dpia
        .remarks
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (reference, for_measure) = match &r.target {
                RemarkTarget::Question(q) => (question_id(*q), false),
                RemarkTarget::RiskQuestion(id) => (*id, false),
                RemarkTarget::Measure(id) => (*id, true),
                RemarkTarget::Unresolved {
                    reference,
                    for_measure,
                } => (*reference, *for_measure),
            };
            json!({
                "id": i as i64 + 1,
                "pia_id": pia_id,
                "reference_to": reference,
                "for_measure": for_measure,
                "description": r.text,
                "created_at": stamp,
                "updated_at": stamp,
            })
        })
        .collect();

    let mut top = Map::new();
    for (name, text) in &dpia.foreign_fields {
        if !name.starts_with("pia.") && name != "answers[]" {
            top.insert(name.clone(), kept(text));
        }
    }
    top.insert("pia".into(), Value::Object(pia));
    top.insert("answers".into(), Value::Array(answers));
    top.insert("measures".into(), Value::Array(measures));
    top.insert("evaluations".into(), Value::Array(evaluations));
    top.insert("comments".into(), Value::Array(comments));
    Value::Object(top)
}

/// One evaluation as the tool writes it (without its own `id`).
fn evaluation_value(e: &Evaluation, reference: &str, pia_id: i64, stamp: &str) -> Value {
    let status = match e.status {
        EvaluationStatus::Pending => 0,
        EvaluationStatus::ToCorrect => 1,
        EvaluationStatus::Improvable => 2,
        EvaluationStatus::Acceptable => 3,
    };
    let mut out = json!({
        "pia_id": pia_id,
        "reference_to": reference,
        "status": status,
        "evaluation_comment": e.comment,
        "action_plan_comment": e.action_plan.action,
        "person_in_charge": e.action_plan.owner,
        "estimated_implementation_date": e.action_plan.due.map(|d| format!("{}T00:00:00.000Z", day(d))),
        "gauges": {"x": gauge(e.residual.severity), "y": gauge(e.residual.likelihood)},
        "created_at": stamp,
        "updated_at": stamp,
    });
    // Only when the tool gave one: a DPIA made in Kluis has none, and the tool reads a missing one as 0.
    if let (Some(progress), Some(map)) = (e.tool_progress, out.as_object_mut()) {
        map.insert("global_status".into(), json!(progress));
    }
    out
}
