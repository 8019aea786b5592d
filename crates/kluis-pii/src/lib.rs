//! Finds personal data in text and classifies documents: NL/BE identifiers, names, special categories. Pure, no IO.
//!
//! One keyword pass over the text (`detect`, on the SIMD masks of `words` and the word test of `gate`) collects
//! the words of the vocabulary (`vocab`, compiled by `lexicon`), capitals, digit lines and the positions of
//! separators, `@` signs and hyphens. Identifier patterns then run on the digit lines only, where the line's
//! features allow a match, and e-mail addresses, table rows and list lines start from the marks; candidates are
//! validated (`checks`: check digits, calendars; IBANs are read from a country code by `iban` against the SWIFT
//! registry's lengths and BBAN structures in `iban_registry`, a country per line) before they become findings. Names come from
//! several passes over the same lists (labels, greetings and sign-offs, `Name - role` lines, table columns, prose
//! cues) and spread to the other occurrences of the names found (`names`, `table`). Overlap resolution keeps the
//! chosen spans as a bitmap. `classify` settles the class and the kind; `special` decides which special-category
//! terms are said of someone.
//!
//! The masks use SSE2 on x86-64 and AVX2 where the CPU has it, found at run time: the workspace's only `unsafe`
//! calls, sound because every x86-64 CPU has SSE2 and only feature detection makes the `Simd` value that proves
//! AVX2; a unit test checks both against the portable version.

mod checks;
mod classify;
mod detect;
mod gate;
mod iban;
mod iban_registry;
mod lexicon;
mod names;
mod normal;
mod special;
mod table;
mod vocab;
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
    pub(crate) gate: gate::WordGate,
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
        let gate = gate::WordGate::build(&lex, names.first_hashes.keys());
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

    /// Every special-category term the keyword pass found: (position, term, category, weak). For the evaluation
    /// tools' explanations.
    pub fn debug_special_terms(&self, text: &str) -> Vec<(usize, String, SpecialCategory, bool)> {
        detect::Scan::new(self, text)
            .specials
            .iter()
            .map(|s| {
                (
                    s.start,
                    String::from_utf8_lossy(&s.term).into_owned(),
                    s.category,
                    s.weak,
                )
            })
            .collect()
    }

    /// Every special-category term after the document's own findings and whether the rule counts it (said of
    /// someone): (position, term, category, counted). For the evaluation tools' explanations.
    pub fn debug_special_verdicts(
        &self,
        text: &str,
    ) -> Vec<(usize, String, SpecialCategory, bool)> {
        let scan = detect::Scan::new(self, text);
        let findings = scan.findings();
        let zones = classify::title_zone(text);
        special::Evidence::new(text, &scan, &findings, &zones).verdicts()
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
