//! Exchange with the CNIL's open PIA tool: [`import`] reads the JSON file the tool exports into the domain's
//! [`Dpia`] (every answer, measure, evaluation, gauge and comment in its place, or one error and nothing), and
//! [`export`] writes a [`Dpia`] back in the same shape, with the same question ids and gauges.
//!
//! The file's shape (observed from the tool's exports): a top-level object with `pia` (the DPIA's own fields),
//! `answers` (`reference_to` a numeric question id, `data` with `text`, `gauge` and `list`), `measures` (`id`,
//! `title`, `content`, `placeholder`), `evaluations` (`reference_to` "section.item" or "section.item.question",
//! or "3.1.<measure id>"; `status`, comments, action plan, `gauges` {x: severity, y: likelihood}) and `comments`
//! (`reference_to` a question or measure id, `for_measure`). The tool writes 0 for a gauge not set; that is
//! "unset" here, never an error. Only the numeric ids are written down here; the method's question texts are the
//! tool's (GPL) and Kluis labels its questions itself.

pub use kluis_domain::dpia::assessment::Dpia;

mod read;
mod write;

pub use read::{Imported, import};
pub use write::{assign_measure_ids, export, export_value};

use std::fmt;

use kluis_domain::dpia::assessment::{Question, RiskKind};

/// The largest file accepted: the tool's own exports are tens of kilobytes; this leaves room for long answers.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;
/// The deepest nesting accepted: the format is four levels deep (top, array, element, `data`/`gauges`).
pub const MAX_DEPTH: usize = 16;
/// The most entries accepted in any one of the four lists.
pub const MAX_ENTRIES: usize = 10_000;

/// The database version the tool's 2018 exports carry in `pia.dbVersion`; versions of the tool from that time
/// refuse a file without the field, so an export writes it when the DPIA brought none of its own.
pub const TOOL_DB_VERSION: i64 = 201_707_071_818;

/// The `pia` fields an export writes when the DPIA has none of its own (a DPIA made in Kluis, or a file that
/// lacked them): the tool's id, its dates and `dbVersion`. An import keeps them aside like any field of the tool's,
/// so the only difference a round trip can make is these fields appearing where the first file had none.
pub const STAMPED_PIA_FIELDS: [&str; 4] = ["id", "created_at", "updated_at", "dbVersion"];

/// The CNIL tool's numeric id of each text question of sections 1 and 2.
pub const QUESTION_IDS: [(Question, i64); 18] = [
    (Question::ProcessingDescription, 111),
    (Question::Responsibilities, 112),
    (Question::Standards, 113),
    (Question::Data, 121),
    (Question::LifeCycle, 122),
    (Question::SupportingAssets, 123),
    (Question::Purposes, 211),
    (Question::LegalBasis, 212),
    (Question::Minimisation, 213),
    (Question::Accuracy, 214),
    (Question::StorageDuration, 215),
    (Question::Information, 221),
    (Question::Consent, 222),
    (Question::AccessPortability, 223),
    (Question::RectificationErasure, 224),
    (Question::RestrictionObjection, 225),
    (Question::Processors, 226),
    (Question::Transfers, 227),
];

/// The tool's id of a text question.
pub fn question_id(q: Question) -> i64 {
    QUESTION_IDS
        .iter()
        .find(|(x, _)| *x == q)
        .map_or(0, |(_, id)| *id)
}

/// The text question with the tool's id `id`.
pub fn question_for(id: i64) -> Option<Question> {
    QUESTION_IDS.iter().find(|(_, x)| *x == id).map(|(q, _)| *q)
}

/// The part of a risk a risk question (3x1 to 3x6) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskPart {
    Impacts,
    Threats,
    Sources,
    Measures,
    /// The severity gauge and its rationale.
    Severity,
    /// The likelihood gauge and its rationale.
    Likelihood,
}

const RISK_PARTS: [RiskPart; 6] = [
    RiskPart::Impacts,
    RiskPart::Threats,
    RiskPart::Sources,
    RiskPart::Measures,
    RiskPart::Severity,
    RiskPart::Likelihood,
];

/// The tool's item number of a risk within section 3 (3.2, 3.3, 3.4).
pub fn risk_item(kind: RiskKind) -> i64 {
    match kind {
        RiskKind::IllegitimateAccess => 2,
        RiskKind::UnwantedModification => 3,
        RiskKind::Disappearance => 4,
    }
}

/// The tool's question id of one part of a risk, e.g. 325 for the severity of illegitimate access.
pub fn risk_question_id(kind: RiskKind, part: RiskPart) -> i64 {
    let n = RISK_PARTS
        .iter()
        .position(|p| *p == part)
        .map_or(0, |i| i as i64 + 1);
    300 + risk_item(kind) * 10 + n
}

/// The risk and part a risk question id names.
pub fn risk_question_for(id: i64) -> Option<(RiskKind, RiskPart)> {
    RiskKind::ALL.iter().find_map(|&k| {
        RISK_PARTS
            .iter()
            .find(|&&p| risk_question_id(k, p) == id)
            .map(|&p| (k, p))
    })
}

/// What is wrong with a field of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    TooLarge {
        limit: usize,
    },
    TooDeep {
        limit: usize,
    },
    TooMany {
        limit: usize,
    },
    Malformed(String),
    /// The file is JSON but not a PIA export (no `pia` object, or a list that is not a list).
    NotAPia,
    Missing,
    WrongType {
        expected: &'static str,
    },
    UnknownQuestion(String),
    UnknownReference(String),
    /// A gauge outside 1-4 (0 and null mean "not set" and are no problem).
    GaugeOutOfRange(String),
    UnknownCode(String),
    BadDate(String),
    Duplicate,
    /// A value the question does not use (e.g. a list on a text question), left out.
    Ignored,
    /// A top-level or `pia` field Kluis has no place for, kept as it is and written back on export.
    Kept,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::TooLarge { limit } => write!(f, "the file is larger than {limit} bytes"),
            Problem::TooDeep { limit } => write!(f, "nested deeper than {limit} levels"),
            Problem::TooMany { limit } => write!(f, "more than {limit} entries"),
            Problem::Malformed(why) => write!(f, "not valid JSON: {why}"),
            Problem::NotAPia => f.write_str("not a file exported by the CNIL PIA tool"),
            Problem::Missing => f.write_str("missing"),
            Problem::WrongType { expected } => write!(f, "expected {expected}"),
            Problem::UnknownQuestion(id) => write!(f, "unknown question id {id}, kept aside"),
            Problem::UnknownReference(r) => {
                write!(f, "'{r}' names nothing in this PIA, kept aside")
            }
            Problem::GaugeOutOfRange(v) => write!(f, "gauge {v} is not 1 to 4, left unset"),
            Problem::UnknownCode(v) => write!(f, "unknown value {v}, left at its default"),
            Problem::BadDate(v) => write!(f, "'{v}' is not a date, left out"),
            Problem::Duplicate => f.write_str("given twice, the second kept aside"),
            Problem::Ignored => f.write_str("not used by this question, left out"),
            Problem::Kept => f.write_str("not used by Kluis, kept for export"),
        }
    }
}

/// A problem with a named field of the file, e.g. `evaluations[3].gauges.x`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub field: String,
    pub problem: Problem,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "{}: {}", self.field, self.problem)
        }
    }
}

/// Why a file was not imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError(pub Issue);

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for ImportError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_map_both_ways() {
        for (q, id) in QUESTION_IDS {
            assert_eq!(question_for(id), Some(q));
            assert_eq!(question_id(q), id);
        }
        assert_eq!(
            QUESTION_IDS.len(),
            Question::ALL.len(),
            "every question has an id"
        );
        assert_eq!(
            risk_question_id(RiskKind::IllegitimateAccess, RiskPart::Severity),
            325
        );
        assert_eq!(
            risk_question_id(RiskKind::Disappearance, RiskPart::Measures),
            344
        );
        assert_eq!(
            risk_question_for(336),
            Some((RiskKind::UnwantedModification, RiskPart::Likelihood))
        );
        assert_eq!(risk_question_for(327), None);
        assert_eq!(risk_question_for(351), None);
    }
}
