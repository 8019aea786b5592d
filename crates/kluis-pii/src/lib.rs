//! Finds personal data in text and classifies documents: NL/BE identifiers, names, special categories. Pure, no IO.
//!
//! One keyword pass over the text (context words, lexicons, street suffixes, and where the digits, separators and
//! `@` signs are), then ASCII-boundary patterns for identifiers on the digit lines and e-mail addresses from their
//! `@`; candidates are validated (check digits, calendar, context) before they become findings. Names come from a first-name gazetteer plus document structure
//! (labels, salutations, signatures, the line above an address).
//!
//! IBANs are read from a country code of the SWIFT registry: its countries, lengths and BBAN structures are a data
//! table in `iban_registry` (a country is one line), the reading of written forms is `iban`.

mod checks;
mod classify;
mod detect;
mod iban;
mod iban_registry;
mod lexicon;
mod names;
mod normal;
mod table;
mod words;

use kluis_domain::{DocumentClass, EntityType, PersonalDataKind, SpecialCategory};
use std::sync::LazyLock;

pub use normal::{mask, normalize};

/// One piece of personal data found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub entity: EntityType,
    /// Byte offset of the first byte, on a char boundary.
    pub start: usize,
    /// Byte offset one past the last byte, on a char boundary.
    pub end: usize,
    /// The text as it stands in the document.
    pub value: String,
    /// Confidence in 0..=1.
    pub score: f32,
}

impl Finding {
    /// A candidate of the scan: its `value` stays empty until it survives the overlap resolution, which fills it
    /// from the text (most candidates of a document are dropped there, so they never allocate).
    pub(crate) fn span(entity: EntityType, start: usize, end: usize, score: f32) -> Finding {
        Finding {
            entity,
            start,
            end,
            value: String::new(),
            score,
        }
    }
}

/// What a document is and how much personal data it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    pub class: DocumentClass,
    pub personal_data: PersonalDataKind,
    /// Sorted, without duplicates.
    pub special_categories: Vec<SpecialCategory>,
}

/// Findings and classification of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub findings: Vec<Finding>,
    pub classification: Classification,
}

/// The detector: automata and word lists, built once and immutable afterwards.
pub struct Detector {
    pub(crate) lex: lexicon::Lexicon,
    pub(crate) re: detect::Patterns,
    pub(crate) names: names::Gazetteer,
    /// The test per word of the keyword pass.
    pub(crate) gate: lexicon::WordGate,
}

static SHARED: LazyLock<Detector> = LazyLock::new(Detector::new);

impl Default for Detector {
    fn default() -> Self {
        Detector::new()
    }
}

impl Detector {
    /// Builds the automata (tens of milliseconds); prefer [`Detector::shared`].
    pub fn new() -> Detector {
        let lex = lexicon::Lexicon::build();
        let names = names::Gazetteer::build();
        let gate = lexicon::WordGate::build(&lex, names.first_hashes.keys());
        Detector {
            lex,
            re: detect::Patterns::build(),
            names,
            gate,
        }
    }

    /// The process-wide detector, built on first use.
    pub fn shared() -> &'static Detector {
        &SHARED
    }

    /// All personal data in `text`, sorted by position, without overlaps.
    pub fn detect(&self, text: &str) -> Vec<Finding> {
        let scan = detect::Scan::new(self, text);
        scan.findings()
    }

    /// Findings plus the document's class, kind of personal data and special categories.
    pub fn analyze(&self, text: &str, file_name: Option<&str>) -> Analysis {
        let scan = detect::Scan::new(self, text);
        let findings = scan.findings();
        let classification = classify::classify(&scan, &findings, file_name);
        Analysis {
            findings,
            classification,
        }
    }
}

#[doc(hidden)]
impl Detector {
    /// Number of keyword hits of the tokenising pass alone: lets the dev examples time that stage.
    pub fn debug_keyword_pass(&self, text: &str) -> usize {
        detect::Scan::new(self, text).hits.len()
    }

    /// The keyword pass's result, kept so the dev examples can time the findings half on its own.
    pub fn debug_scan<'a>(&'a self, text: &'a str) -> DebugScan<'a> {
        DebugScan(detect::Scan::new(self, text))
    }
}

/// A finished keyword pass (see [`Detector::debug_scan`]).
#[doc(hidden)]
pub struct DebugScan<'a>(detect::Scan<'a>);

#[doc(hidden)]
impl DebugScan<'_> {
    /// Number of findings: the second half of `detect`, without the keyword pass.
    pub fn findings(&self) -> usize {
        self.0.findings().len()
    }
}

/// The national identification numbers `query` reads as by its check digits (a BSN passing the 11-proef, a
/// Belgian national number passing MOD 97-10), when it holds only digits and separators. Lets a caller decide
/// who may search for it without looking anything up.
pub fn national_id_types(query: &str) -> Vec<EntityType> {
    let q = query.trim();
    if q.is_empty()
        || !q
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b' ' | b'.' | b'-' | b'/'))
    {
        return Vec::new();
    }
    let d = checks::digits(q);
    let mut out = Vec::new();
    if matches!(d.len(), 8 | 9) && checks::bsn_valid(q) {
        out.push(EntityType::Bsn);
    }
    if checks::be_nn_valid(&d) {
        out.push(EntityType::BeNationalNumber);
    }
    out
}

/// Whether `value` is an IBAN of a country of the SWIFT registry passing its length, BBAN structure, MOD 97-10 and
/// national check digits (spaces allowed, any case): the scanner's own check, for forms and imported files, so the
/// two never disagree.
pub fn iban_valid(value: &str) -> bool {
    let compact: Vec<u8> = value
        .bytes()
        .filter(|b| !b.is_ascii_whitespace())
        .map(|b| b.to_ascii_uppercase())
        .collect();
    checks::iban_valid(&compact)
}
