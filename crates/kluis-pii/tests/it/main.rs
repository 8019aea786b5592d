//! Integration tests of kluis-pii through its public API.

mod classify;
mod generalisation;
mod identifiers;
mod names;
mod others_formats;
mod robustness;
mod said_of_someone;
mod special;
mod stdnum;
mod unseen;
mod vocabulary;

use kluis_domain::EntityType;
use kluis_pii::{Detector, Finding};

/// Asserts that `text` yields exactly `expected` as (type, value) findings, in order of position.
pub fn check(text: &str, expected: &[(EntityType, &str)]) {
    let got: Vec<(EntityType, String)> = Detector::shared()
        .detect(text)
        .into_iter()
        .map(|f| (f.entity, f.value))
        .collect();
    let want: Vec<(EntityType, String)> = expected
        .iter()
        .map(|(e, v)| (*e, (*v).to_owned()))
        .collect();
    assert_eq!(got, want, "text: {text:?}");
}

/// Findings of one type only.
pub fn of(text: &str, entity: EntityType) -> Vec<String> {
    Detector::shared()
        .detect(text)
        .into_iter()
        .filter(|f: &Finding| f.entity == entity)
        .map(|f| f.value)
        .collect()
}
