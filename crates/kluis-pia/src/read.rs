//! Reading the tool's export file: limits first, then the shape, then every list in one pass into a fresh
//! [`Dpia`], so a file either becomes a whole DPIA with warnings or an error with nothing kept.

use std::collections::HashSet;

use kluis_domain::dpia::assessment::{
    ActionPlan, Advice, DetachedEvaluation, Dpia, DpiaVersion, Evaluation, EvaluationPoint,
    EvaluationStatus, PlannedMeasure, Remark, RemarkTarget, RiskKind, RiskLevel, ValidationStatus,
};
use serde_json::{Map, Value};
use time::Date;
use time::macros::format_description;

use crate::{
    ImportError, Issue, MAX_BYTES, MAX_DEPTH, MAX_ENTRIES, Problem, RiskPart, question_for,
    risk_item, risk_question_for,
};

/// A DPIA read from a file, with what the reader had to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub dpia: Dpia,
    pub warnings: Vec<Issue>,
}

/// The four lists of the file, in the order they are read (measures first: evaluations and comments name them).
const LISTS: [&str; 4] = ["measures", "answers", "evaluations", "comments"];

fn fail(field: impl Into<String>, problem: Problem) -> ImportError {
    ImportError(Issue {
        field: field.into(),
        problem,
    })
}

/// Reads a file exported by the CNIL PIA tool.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(fail("", Problem::TooLarge { limit: MAX_BYTES }));
    }
    check_depth(bytes)?;
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| fail("", Problem::Malformed(e.to_string())))?;
    let Some(top) = value.as_object() else {
        return Err(fail("", Problem::NotAPia));
    };
    let Some(pia) = top.get("pia").and_then(Value::as_object) else {
        return Err(fail("pia", Problem::NotAPia));
    };
    for list in LISTS {
        match top.get(list) {
            None => return Err(fail(list, Problem::Missing)),
            Some(Value::Array(items)) if items.len() > MAX_ENTRIES => {
                return Err(fail(list, Problem::TooMany { limit: MAX_ENTRIES }));
            }
            Some(Value::Array(_)) => {}
            Some(_) => return Err(fail(list, Problem::WrongType { expected: "a list" })),
        }
    }
    let list = |name: &str| {
        top.get(name)
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice)
    };

    let mut r = Reader::default();
    for (key, v) in top {
        if key != "pia" && !LISTS.contains(&key.as_str()) {
            r.dpia.foreign_fields.push((key.clone(), v.to_string()));
            r.warn(key, Problem::Kept);
        }
    }
    r.pia(pia);
    for (i, m) in list("measures").iter().enumerate() {
        r.measure(i, m)?;
    }
    for (i, a) in list("answers").iter().enumerate() {
        r.answer(i, a)?;
    }
    for (i, e) in list("evaluations").iter().enumerate() {
        r.evaluation(i, e)?;
    }
    for (i, c) in list("comments").iter().enumerate() {
        r.comment(i, c)?;
    }
    Ok(Imported {
        dpia: r.dpia,
        warnings: r.warnings,
    })
}

/// Refuses nesting deeper than [`MAX_DEPTH`] before the parser sees it (the parser's own limit is 128 and its
/// error less clear). Counts brackets outside strings; a malformed file is left to the parser to report.
fn check_depth(bytes: &[u8]) -> Result<(), ImportError> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &b in bytes {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(fail("", Problem::TooDeep { limit: MAX_DEPTH }));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[derive(Default)]
struct Reader {
    dpia: Dpia,
    warnings: Vec<Issue>,
    answered: HashSet<i64>,
    evaluated: HashSet<EvaluationPoint>,
}

fn object<'a>(v: &'a Value, field: &str) -> Result<&'a Map<String, Value>, ImportError> {
    v.as_object().ok_or_else(|| {
        fail(
            field,
            Problem::WrongType {
                expected: "an object",
            },
        )
    })
}

/// An integer, also when the tool wrote it as a string of digits.
fn integer(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A value from the file as a warning repeats it: at most 32 characters, so a warning stays one short line
/// (warnings are shown to the person importing, never logged: a field may hold anything).
fn echo(value: &str) -> String {
    match value.char_indices().nth(32) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value.to_owned(),
    }
}

fn parse_date(s: &str) -> Option<Date> {
    // The tool writes ISO dates with a time ("2018-03-01T00:00:00.000Z"); the day is what a plan needs.
    let day = s.get(..10)?;
    Date::parse(day, format_description!("[year]-[month]-[day]")).ok()
}

impl Reader {
    fn warn(&mut self, field: impl Into<String>, problem: Problem) {
        self.warnings.push(Issue {
            field: field.into(),
            problem,
        });
    }

    /// A text field: null or absent is empty; anything but a string is a warning and empty.
    fn text(&mut self, map: &Map<String, Value>, key: &str, field: &str) -> String {
        match map.get(key) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(_) => {
                self.warn(
                    format!("{field}.{key}"),
                    Problem::WrongType { expected: "text" },
                );
                String::new()
            }
        }
    }

    /// A gauge: 0 and null are unset (the tool's "not estimated"), 1-4 a level, anything else a warning.
    fn gauge(&mut self, v: Option<&Value>, field: String) -> Option<RiskLevel> {
        match v {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => match n.as_i64() {
                Some(0) => None,
                Some(k) if (1..=4).contains(&k) => RiskLevel::new(k as u8),
                _ => {
                    self.warn(field, Problem::GaugeOutOfRange(echo(&n.to_string())));
                    None
                }
            },
            Some(other) => {
                self.warn(field, Problem::GaugeOutOfRange(echo(&other.to_string())));
                None
            }
        }
    }

    fn code(&mut self, map: &Map<String, Value>, key: &str, field: &str) -> Option<i64> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => {
                let n = integer(v);
                if n.is_none() {
                    self.warn(
                        format!("{field}.{key}"),
                        Problem::UnknownCode(echo(&v.to_string())),
                    );
                }
                n
            }
        }
    }

    fn advice(&mut self, map: &Map<String, Value>, key: &str) -> Option<Advice> {
        match self.code(map, key, "pia")? {
            0 => Some(Advice::Unfavourable),
            1 => Some(Advice::Favourable),
            n => {
                self.warn(format!("pia.{key}"), Problem::UnknownCode(n.to_string()));
                None
            }
        }
    }

    fn date_field(&mut self, map: &Map<String, Value>, key: &str, field: &str) -> Option<Date> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.is_empty() => None,
            Some(Value::String(s)) => {
                let d = parse_date(s);
                if d.is_none() {
                    self.warn(format!("{field}.{key}"), Problem::BadDate(echo(s)));
                }
                d
            }
            Some(v) => {
                self.warn(
                    format!("{field}.{key}"),
                    Problem::BadDate(echo(&v.to_string())),
                );
                None
            }
        }
    }

    fn pia(&mut self, pia: &Map<String, Value>) {
        for (key, v) in pia {
            let key = key.as_str();
            match key {
                "name" => self.dpia.title = self.text(pia, key, "pia"),
                "author_name" => self.dpia.author = self.text(pia, key, "pia"),
                "evaluator_name" => self.dpia.evaluator = self.text(pia, key, "pia"),
                "validator_name" => self.dpia.validator = self.text(pia, key, "pia"),
                "category" => self.dpia.category = self.text(pia, key, "pia"),
                "dpos_names" => self.dpia.dpo.names = self.text(pia, key, "pia"),
                "dpo_opinion" => self.dpia.dpo.opinion = self.text(pia, key, "pia"),
                "dpo_status" => self.dpia.dpo.advice = self.advice(pia, key),
                "people_names" => self.dpia.people.names = self.text(pia, key, "pia"),
                "concerned_people_opinion" => self.dpia.people.opinion = self.text(pia, key, "pia"),
                "concerned_people_status" => self.dpia.people.advice = self.advice(pia, key),
                "concerned_people_searched_opinion" => match v {
                    Value::Bool(b) => self.dpia.people.sought = *b,
                    Value::Null => {}
                    _ => self.warn(
                        "pia.concerned_people_searched_opinion",
                        Problem::WrongType {
                            expected: "true or false",
                        },
                    ),
                },
                "concerned_people_searched_content" => {
                    self.dpia.people.not_sought_reason = self.text(pia, key, "pia")
                }
                "rejection_reason" => {
                    self.dpia.validation.rejection_reason = self.text(pia, key, "pia")
                }
                "applied_adjustments" => {
                    self.dpia.validation.applied_adjustments = self.text(pia, key, "pia")
                }
                "status" => {
                    self.dpia.validation.status = match self.code(pia, key, "pia") {
                        None | Some(0) => ValidationStatus::InProgress,
                        Some(1) => ValidationStatus::Refused,
                        Some(2) => ValidationStatus::Validated,
                        Some(3) => ValidationStatus::SignedValidated,
                        Some(4) => ValidationStatus::Archived,
                        Some(n) => {
                            self.warn("pia.status", Problem::UnknownCode(n.to_string()));
                            ValidationStatus::InProgress
                        }
                    }
                }
                // Kluis's own fields, written by `export` so a DPIA made here comes back whole.
                "kluis_review_on" => self.dpia.review_on = self.date_field(pia, key, "pia"),
                "kluis_validated_on" => {
                    self.dpia.validation.validated_on = self.date_field(pia, key, "pia")
                }
                "kluis_prior_consultation" => match v {
                    Value::Bool(b) => self.dpia.prior_consultation = *b,
                    Value::Null => {}
                    _ => self.warn(
                        "pia.kluis_prior_consultation",
                        Problem::WrongType {
                            expected: "true or false",
                        },
                    ),
                },
                "kluis_activity" => {
                    let parsed = v.as_str().and_then(|s| s.parse().ok());
                    if parsed.is_none() && !v.is_null() {
                        self.warn(
                            "pia.kluis_activity",
                            Problem::WrongType { expected: "a UUID" },
                        );
                    }
                    self.dpia.activity = parsed;
                }
                "kluis_versions" => self.versions(v),
                // The tool's bookkeeping (id, dates, database version, …): kept as it came and written back.
                _ => self
                    .dpia
                    .foreign_fields
                    .push((format!("pia.{key}"), v.to_string())),
            }
        }
    }

    fn versions(&mut self, v: &Value) {
        let Some(items) = v.as_array() else {
            self.warn(
                "pia.kluis_versions",
                Problem::WrongType { expected: "a list" },
            );
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let field = format!("pia.kluis_versions[{i}]");
            let Some(map) = item.as_object() else {
                self.warn(
                    field,
                    Problem::WrongType {
                        expected: "an object",
                    },
                );
                continue;
            };
            let number = map
                .get("number")
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok());
            let saved_on = self.date_field(map, "saved_on", &field);
            let note = self.text(map, "note", &field);
            match (number, saved_on) {
                (Some(number), Some(saved_on)) => self.dpia.versions.push(DpiaVersion {
                    number,
                    saved_on,
                    note,
                }),
                _ => self.warn(field, Problem::Missing),
            }
        }
    }

    fn measure(&mut self, i: usize, v: &Value) -> Result<(), ImportError> {
        let field = format!("measures[{i}]");
        let m = object(v, &field)?;
        let source_id = match m.get("id") {
            None | Some(Value::Null) => None,
            Some(id) => Some(integer(id).ok_or_else(|| {
                fail(
                    format!("{field}.id"),
                    Problem::WrongType {
                        expected: "a number",
                    },
                )
            })?),
        };
        if source_id.is_some() && self.dpia.measures.iter().any(|x| x.source_id == source_id) {
            self.warn(format!("{field}.id"), Problem::Duplicate);
        }
        let placeholder = self.text(m, "placeholder", &field);
        let measure = PlannedMeasure {
            title: self.text(m, "title", &field),
            content: self.text(m, "content", &field),
            knowledge_base: (!placeholder.is_empty()).then_some(placeholder),
            source_id,
            evaluation: Evaluation::default(),
        };
        self.dpia.measures.push(measure);
        Ok(())
    }

    fn list(&mut self, data: &Map<String, Value>, field: &str) -> Vec<String> {
        match data.get("list") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => {
                let mut out = Vec::new();
                for (j, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        _ => self.warn(
                            format!("{field}.list[{j}]"),
                            Problem::WrongType { expected: "text" },
                        ),
                    }
                }
                out
            }
            Some(_) => {
                self.warn(
                    format!("{field}.list"),
                    Problem::WrongType { expected: "a list" },
                );
                Vec::new()
            }
        }
    }

    fn answer(&mut self, i: usize, v: &Value) -> Result<(), ImportError> {
        let field = format!("answers[{i}]");
        let a = object(v, &field)?;
        let reference = a.get("reference_to").unwrap_or(&Value::Null);
        let id = integer(reference).ok_or_else(|| {
            fail(
                format!("{field}.reference_to"),
                Problem::WrongType {
                    expected: "a question id",
                },
            )
        })?;
        let empty = Map::new();
        let data = match a.get("data") {
            Some(Value::Object(d)) => d,
            None | Some(Value::Null) => &empty,
            Some(_) => {
                return Err(fail(
                    format!("{field}.data"),
                    Problem::WrongType {
                        expected: "an object",
                    },
                ));
            }
        };
        let data_field = format!("{field}.data");
        let known = question_for(id).is_some() || risk_question_for(id).is_some();
        if !known || !self.answered.insert(id) {
            // Kept aside whole, so an export writes it back and a person can still read it.
            self.dpia
                .foreign_fields
                .push(("answers[]".into(), v.to_string()));
            let problem = if known {
                Problem::Duplicate
            } else {
                Problem::UnknownQuestion(id.to_string())
            };
            self.warn(format!("{field}.reference_to"), problem);
            return Ok(());
        }
        let text = self.text(data, "text", &data_field);
        if let Some(q) = question_for(id) {
            if self
                .gauge(data.get("gauge"), format!("{data_field}.gauge"))
                .is_some()
            {
                self.warn(format!("{data_field}.gauge"), Problem::Ignored);
            }
            if !self.list(data, &data_field).is_empty() {
                self.warn(format!("{data_field}.list"), Problem::Ignored);
            }
            *self.dpia.text_mut(q) = text;
            return Ok(());
        }
        let Some((kind, part)) = risk_question_for(id) else {
            return Ok(());
        };
        match part {
            RiskPart::Severity | RiskPart::Likelihood => {
                let level = self.gauge(data.get("gauge"), format!("{data_field}.gauge"));
                if !self.list(data, &data_field).is_empty() {
                    self.warn(format!("{data_field}.list"), Problem::Ignored);
                }
                let risk = self.dpia.risks.get_mut(kind);
                if part == RiskPart::Severity {
                    risk.estimate.severity = level;
                    risk.severity_rationale = text;
                } else {
                    risk.estimate.likelihood = level;
                    risk.likelihood_rationale = text;
                }
            }
            _ => {
                if !text.is_empty() {
                    self.warn(format!("{data_field}.text"), Problem::Ignored);
                }
                let items = self.list(data, &data_field);
                let risk = self.dpia.risks.get_mut(kind);
                let slot = match part {
                    RiskPart::Impacts => &mut risk.impacts,
                    RiskPart::Threats => &mut risk.threats,
                    RiskPart::Sources => &mut risk.sources,
                    _ => &mut risk.measures,
                };
                *slot = items;
            }
        }
        Ok(())
    }

    /// The point an evaluation reference names, if it names one.
    fn point(&self, reference: &str) -> Option<EvaluationPoint> {
        let parts: Vec<&str> = reference.split('.').collect();
        match parts.as_slice() {
            ["1", "1"] => Some(EvaluationPoint::ContextOverview),
            ["1", "2"] => Some(EvaluationPoint::ContextData),
            ["2", item @ ("1" | "2"), q] => {
                let id: i64 = q.parse().ok()?;
                let question = question_for(id).filter(|q| !q.is_context())?;
                // The question must sit under the item the reference names (211-215 under 2.1, 221-227 under 2.2).
                (id / 10 % 10 == item.parse::<i64>().ok()?)
                    .then_some(EvaluationPoint::Principle(question))
            }
            ["3", "1", m] => {
                let id: i64 = m.parse().ok()?;
                self.dpia
                    .measures
                    .iter()
                    .position(|x| x.source_id == Some(id))
                    .map(EvaluationPoint::Measure)
            }
            ["3", item] => RiskKind::ALL
                .iter()
                .find(|k| item.parse::<i64>().ok() == Some(risk_item(**k)))
                .map(|k| EvaluationPoint::Risk(*k)),
            _ => None,
        }
    }

    fn evaluation(&mut self, i: usize, v: &Value) -> Result<(), ImportError> {
        let field = format!("evaluations[{i}]");
        let e = object(v, &field)?;
        let reference = match e.get("reference_to") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => {
                return Err(fail(
                    format!("{field}.reference_to"),
                    Problem::WrongType {
                        expected: "a reference",
                    },
                ));
            }
        };
        let status = match self.code(e, "status", &field) {
            None | Some(0) => EvaluationStatus::Pending,
            Some(1) => EvaluationStatus::ToCorrect,
            Some(2) => EvaluationStatus::Improvable,
            Some(3) => EvaluationStatus::Acceptable,
            Some(n) => {
                self.warn(
                    format!("{field}.status"),
                    Problem::UnknownCode(n.to_string()),
                );
                EvaluationStatus::Pending
            }
        };
        let (x, y) = match e.get("gauges") {
            None | Some(Value::Null) => (None, None),
            Some(Value::Object(g)) => (
                self.gauge(g.get("x"), format!("{field}.gauges.x")),
                self.gauge(g.get("y"), format!("{field}.gauges.y")),
            ),
            Some(_) => {
                self.warn(
                    format!("{field}.gauges"),
                    Problem::WrongType {
                        expected: "an object {x, y}",
                    },
                );
                (None, None)
            }
        };
        let evaluation = Evaluation {
            status,
            comment: self.text(e, "evaluation_comment", &field),
            action_plan: ActionPlan {
                action: self.text(e, "action_plan_comment", &field),
                owner: self.text(e, "person_in_charge", &field),
                due: self.date_field(e, "estimated_implementation_date", &field),
            },
            residual: kluis_domain::dpia::assessment::Estimate {
                severity: x,
                likelihood: y,
            },
            tool_progress: self.code(e, "global_status", &field),
        };
        match self.point(&reference) {
            Some(at) if self.evaluated.insert(at.clone()) => {
                let slot = match &at {
                    EvaluationPoint::ContextOverview => &mut self.dpia.context.overview_evaluation,
                    EvaluationPoint::ContextData => &mut self.dpia.context.data_evaluation,
                    EvaluationPoint::Principle(q) => match self.dpia.principles.answer_mut(*q) {
                        Some(a) => &mut a.evaluation,
                        None => return Ok(()),
                    },
                    EvaluationPoint::Measure(m) => match self.dpia.measures.get_mut(*m) {
                        Some(x) => &mut x.evaluation,
                        None => return Ok(()),
                    },
                    EvaluationPoint::Risk(k) => &mut self.dpia.risks.get_mut(*k).evaluation,
                };
                *slot = evaluation;
            }
            found => {
                let problem = if found.is_some() {
                    Problem::Duplicate
                } else {
                    Problem::UnknownReference(echo(&reference))
                };
                self.warn(format!("{field}.reference_to"), problem);
                self.dpia.detached_evaluations.push(DetachedEvaluation {
                    reference,
                    evaluation,
                });
            }
        }
        Ok(())
    }

    fn comment(&mut self, i: usize, v: &Value) -> Result<(), ImportError> {
        let field = format!("comments[{i}]");
        let c = object(v, &field)?;
        let reference = c.get("reference_to").and_then(integer).ok_or_else(|| {
            fail(
                format!("{field}.reference_to"),
                Problem::WrongType {
                    expected: "a number",
                },
            )
        })?;
        let for_measure = c
            .get("for_measure")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let target = if for_measure {
            if self
                .dpia
                .measures
                .iter()
                .any(|m| m.source_id == Some(reference))
            {
                RemarkTarget::Measure(reference)
            } else {
                RemarkTarget::Unresolved {
                    reference,
                    for_measure,
                }
            }
        } else if let Some(q) = question_for(reference) {
            RemarkTarget::Question(q)
        } else if risk_question_for(reference).is_some() {
            RemarkTarget::RiskQuestion(reference)
        } else {
            RemarkTarget::Unresolved {
                reference,
                for_measure,
            }
        };
        if matches!(target, RemarkTarget::Unresolved { .. }) {
            self.warn(
                format!("{field}.reference_to"),
                Problem::UnknownReference(reference.to_string()),
            );
        }
        let text = self.text(c, "description", &field);
        self.dpia.remarks.push(Remark { target, text });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kluis_domain::dpia::assessment::Question;

    #[test]
    fn dates_take_the_day_of_an_iso_moment() {
        assert_eq!(
            parse_date("2018-03-01T00:00:00.000Z"),
            Date::from_calendar_date(2018, time::Month::March, 1).ok()
        );
        assert_eq!(
            parse_date("2018-03-01"),
            Date::from_calendar_date(2018, time::Month::March, 1).ok()
        );
        assert_eq!(parse_date("tomorrow"), None);
        assert_eq!(parse_date("2018-02-30"), None);
    }

    #[test]
    fn warnings_repeat_at_most_32_characters_of_a_value() {
        assert_eq!(echo("3.1.x"), "3.1.x");
        let long = "é".repeat(40);
        assert_eq!(echo(&long), format!("{}…", "é".repeat(32)));
    }

    #[test]
    fn depth_counts_brackets_outside_strings() {
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert!(check_depth(deep.as_bytes()).is_err());
        let in_string = format!("\"{}\"", "[".repeat(100));
        assert!(check_depth(in_string.as_bytes()).is_ok());
        let escaped = format!("\"\\\"{}\"", "[".repeat(100));
        assert!(check_depth(escaped.as_bytes()).is_ok());
    }

    #[test]
    fn a_question_id_under_the_wrong_item_names_nothing() {
        let r = Reader::default();
        assert_eq!(
            r.point("2.1.211"),
            Some(EvaluationPoint::Principle(Question::Purposes))
        );
        assert_eq!(r.point("2.2.211"), None);
        assert_eq!(r.point("2.1.111"), None);
        assert_eq!(r.point("3.1.[object Object]"), None);
        assert_eq!(
            r.point("3.4"),
            Some(EvaluationPoint::Risk(RiskKind::Disappearance))
        );
        assert_eq!(r.point("3.5"), None);
    }
}
