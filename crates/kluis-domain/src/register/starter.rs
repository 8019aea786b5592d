//! The starter library: typical processing activities of Dutch and Belgian small businesses, pre-filled per
//! jurisdiction (retention periods, legal references), so picking one takes a minute instead of forty fields.
//!
//! A template builds a draft [`ProcessingActivity`] without a name: the name, description and purpose text come
//! from the catalogue (`template-<key>-name`, `template-<key>-purpose`) in the language of whoever picks it.

use super::model::{
    ActivityStatus, Jurisdiction, Period, PeriodUnit, ProcessingActivity, RetentionAction,
    RetentionRule, RetentionStart,
};
use crate::legal_basis::LawfulBasis;

/// One activity of the starter library.
pub struct Template {
    /// Stable key, stored on activities made from it (`ProcessingActivity::template`).
    pub key: &'static str,
    /// Builds the pre-filled activity for a jurisdiction.
    pub build: fn(Jurisdiction) -> ProcessingActivity,
}

impl Template {
    /// The catalogue key of the template's name, e.g. `template-payroll-name`.
    pub fn name_key(&self) -> String {
        format!("template-{}-name", self.key.replace('_', "-"))
    }
    /// The catalogue key of the template's purpose text.
    pub fn purpose_key(&self) -> String {
        format!("template-{}-purpose", self.key.replace('_', "-"))
    }
}

/// Every template, in the order the library shows them.
pub static TEMPLATES: &[Template] = &[Template {
    key: "camera_surveillance",
    build: camera_surveillance,
}];

/// The template with `key`.
pub fn template(key: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.key == key)
}

fn parse<T: std::str::FromStr>(keys: &[&str]) -> Vec<T> {
    keys.iter().filter_map(|k| k.parse().ok()).collect()
}

fn camera_surveillance(j: Jurisdiction) -> ProcessingActivity {
    let (period, reference) = match j {
        Jurisdiction::Nl => (
            Period {
                amount: 4,
                unit: PeriodUnit::Weeks,
            },
            "AP: camerabeelden maximaal 4 weken, langer alleen bij een incident",
        ),
        Jurisdiction::Be => (
            Period {
                amount: 1,
                unit: PeriodUnit::Months,
            },
            "Camerawet art. 6 §3: maximaal 1 maand",
        ),
    };
    ProcessingActivity {
        template: Some("camera_surveillance".to_owned()),
        status: ActivityStatus::Draft,
        subjects: parse(&["customer", "employee"]),
        lawful_basis: Some(LawfulBasis::LegitimateInterests),
        retention: vec![RetentionRule {
            category: None,
            period,
            starts: RetentionStart::Collection,
            action: RetentionAction::Delete,
            legal_reference: reference.to_owned(),
        }],
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_have_unique_keys_and_build_drafts_for_both_jurisdictions() {
        let mut seen = std::collections::HashSet::new();
        for t in TEMPLATES {
            assert!(seen.insert(t.key), "duplicate template {}", t.key);
            for j in Jurisdiction::ALL {
                let a = (t.build)(*j);
                assert_eq!(a.template.as_deref(), Some(t.key));
                assert_eq!(a.status, ActivityStatus::Draft);
                assert!(!a.retention.is_empty(), "{} has no retention", t.key);
            }
        }
        assert!(template("camera_surveillance").is_some());
    }
}
