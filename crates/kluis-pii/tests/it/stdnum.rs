//! python-stdnum's published test values for IBAN and the Belgian national and BIS numbers, each put in a short
//! sentence and run through the detector: valid values must be found as they are written, invalid ones not at all.
//!
//! The values are LGPL and never committed: `tests/stdnum/values.py OUTPUT.json` reads them from the sdist on PyPI,
//! and this test reads that file from `KLUIS_STDNUM_VALUES` (`cargo xtask test` does both). Without it the test
//! skips, unless `KLUIS_REQUIRE_VALIDATORS=1`.

use kluis_domain::EntityType;
use kluis_pii::Detector;
use serde_json::Value;

/// Sentences an IBAN is put in: after its label, and bare in running text.
const IBAN_SENTENCES: &[&str] = &[
    "IBAN: {}",
    "Het bedrag van de factuur gaat naar {} zodra de levering binnen is.",
    "Please transfer the deposit to {} before Friday.",
];

/// Sentences a Belgian national or BIS number is put in, after a keyword as it stands in documents.
const BE_SENTENCES: &[&str] = &[
    "Rijksregisternummer: {}",
    "Le numéro de registre national de l'intéressée est {} (voir annexe).",
];

/// The outcome of one kind of value over all its sentences.
#[derive(Default)]
struct Score {
    found: usize,
    missed: Vec<String>,
    /// Invalid values reported, as they were reported.
    wrong: Vec<String>,
    invalid_total: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        let reported = self.found + self.wrong.len();
        if reported == 0 {
            1.0
        } else {
            self.found as f64 / reported as f64
        }
    }

    fn recall(&self) -> f64 {
        let valid = self.found + self.missed.len();
        if valid == 0 {
            0.0
        } else {
            self.found as f64 / valid as f64
        }
    }

    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn report(&self, name: &str) {
        println!(
            "{name}: {} found of {} valid, {} of {} invalid reported; precision {:.4}, recall {:.4}, F1 {:.4}",
            self.found,
            self.found + self.missed.len(),
            self.wrong.len(),
            self.invalid_total,
            self.precision(),
            self.recall(),
            self.f1()
        );
        for m in &self.missed {
            println!("  missed: {m}");
        }
        for w in &self.wrong {
            println!("  invalid but reported: {w}");
        }
    }
}

/// The values of one kind and verdict: (value, where python-stdnum states it).
fn values(all: &Value, kind: &str, verdict: &str) -> Vec<(String, String)> {
    all[kind][verdict]
        .as_array()
        .unwrap_or_else(|| panic!("{kind}.{verdict} is missing from the values file"))
        .iter()
        .map(|v| {
            (
                v["value"].as_str().unwrap_or_default().to_owned(),
                v["source"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// Runs every value of `kind` through every sentence.
fn score(all: &Value, kind: &str, entity: EntityType, sentences: &[&str]) -> Score {
    let det = Detector::shared();
    let mut s = Score::default();
    for (valid, verdict) in [(true, "valid"), (false, "invalid")] {
        for (value, source) in values(all, kind, verdict) {
            for pattern in sentences {
                let (before, _) = pattern.split_once("{}").unwrap_or((pattern, ""));
                let text = pattern.replace("{}", &value);
                let (start, end) = (before.len(), before.len() + value.len());
                let of_kind: Vec<_> = det
                    .detect(&text)
                    .into_iter()
                    .filter(|f| f.entity == entity)
                    .collect();
                if valid {
                    if of_kind.iter().any(|f| f.start == start && f.end == end) {
                        s.found += 1;
                    } else {
                        let got: Vec<&str> = of_kind.iter().map(|f| f.value.as_str()).collect();
                        s.missed
                            .push(format!("{value:?} ({source}) in {text:?}; found {got:?}"));
                    }
                } else {
                    s.invalid_total += 1;
                    if let Some(f) = of_kind.iter().find(|f| f.start < end && start < f.end) {
                        s.wrong
                            .push(format!("{value:?} ({source}) as {:?} in {text:?}", f.value));
                    }
                }
            }
        }
    }
    s
}

#[test]
fn stdnum_iban_and_belgian_national_numbers() {
    let Some(path) = std::env::var_os("KLUIS_STDNUM_VALUES") else {
        assert!(
            std::env::var_os("KLUIS_REQUIRE_VALIDATORS").is_none_or(|v| v != "1"),
            "KLUIS_STDNUM_VALUES is not set, and KLUIS_REQUIRE_VALIDATORS is: run \
             crates/kluis-pii/tests/stdnum/values.py OUT.json and point KLUIS_STDNUM_VALUES at OUT.json"
        );
        println!(
            "skipped: KLUIS_STDNUM_VALUES is not set (see crates/kluis-pii/tests/stdnum/values.py)"
        );
        return;
    };
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.to_string_lossy()));
    let all: Value = serde_json::from_str(&text).expect("the values file is JSON");
    println!(
        "python-stdnum {} test values",
        all["stdnum"].as_str().unwrap_or("?")
    );

    let iban = score(&all, "iban", EntityType::Iban, IBAN_SENTENCES);
    iban.report("IBAN");
    let be = score(
        &all,
        "be_national_number",
        EntityType::BeNationalNumber,
        BE_SENTENCES,
    );
    be.report("Belgian national and BIS numbers");

    // Enough values to say something: a parse of the doctests that found little is a broken reader.
    assert!(
        iban.found + iban.missed.len() >= 200 && be.found + be.missed.len() >= 20,
        "too few values read"
    );
    assert!(iban.f1() >= 0.99, "IBAN F1 {:.4} < 0.99", iban.f1());
    assert!(
        be.recall() >= 0.95,
        "Belgian national number recall {:.4} < 0.95",
        be.recall()
    );
    assert!(
        be.wrong.is_empty(),
        "Belgian national number precision {:.4} < 1.0",
        be.precision()
    );
}
