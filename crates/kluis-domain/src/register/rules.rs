//! Rules over one processing activity: what it lacks before it may be active, and which fields an edit changed.
//!
//! Drafts may be incomplete; activating (and keeping an activity active) needs every field this rule names. The
//! history of an activity records field names from [`changed_fields`] (the rule every versioned kind shares, in
//! [`super::changes`]), never values.

use super::changes::Versioned;
use super::model::{ActivityStatus, Jurisdiction, ProcessingActivity};
use crate::legal_basis::LawfulBasis;

/// A field an activity lacks, with a stable key (stored nowhere, sent by the API) and a catalogue label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActivityField {
    Name,
    Purposes,
    Subjects,
    Categories,
    LawfulBasis,
    /// Art. 6(1)(f) needs the balancing test in words.
    BalancingTest,
    /// Art. 9 data needs an Art. 9(2) ground.
    SpecialGround,
    /// NL: Art. 9 data needs the UAVG article that applies.
    UavgArticle,
    /// Art. 10 data needs the official authority or the law that allows it.
    CriminalDataBasis,
    /// A national identification number needs the statute that allows it (NL: UAVG art. 46).
    NationalIdStatute,
    /// A retention rule for every category, or one for all.
    Retention,
    /// Every transfer outside the EEA needs its safeguard.
    TransferSafeguard,
    /// An ended activity needs its end date.
    EndDate,
}

impl ActivityField {
    pub const ALL: &'static [ActivityField] = &[
        ActivityField::Name,
        ActivityField::Purposes,
        ActivityField::Subjects,
        ActivityField::Categories,
        ActivityField::LawfulBasis,
        ActivityField::BalancingTest,
        ActivityField::SpecialGround,
        ActivityField::UavgArticle,
        ActivityField::CriminalDataBasis,
        ActivityField::NationalIdStatute,
        ActivityField::Retention,
        ActivityField::TransferSafeguard,
        ActivityField::EndDate,
    ];

    /// The stable key, e.g. `lawful_basis` (the name of the activity's field it is about).
    pub const fn key(self) -> &'static str {
        match self {
            ActivityField::Name => "name",
            ActivityField::Purposes => "purposes",
            ActivityField::Subjects => "subjects",
            ActivityField::Categories => "categories",
            ActivityField::LawfulBasis => "lawful_basis",
            ActivityField::BalancingTest => "balancing_test",
            ActivityField::SpecialGround => "special_ground",
            ActivityField::UavgArticle => "uavg_article",
            ActivityField::CriminalDataBasis => "criminal_data_basis",
            ActivityField::NationalIdStatute => "national_id_statute",
            ActivityField::Retention => "retention",
            ActivityField::TransferSafeguard => "transfers",
            ActivityField::EndDate => "end_date",
        }
    }

    /// The catalogue key of the label, e.g. `activity-field-lawful-basis`.
    pub fn label_key(self) -> String {
        activity_field_label_key(self.key())
    }

    pub fn from_key(key: &str) -> Option<ActivityField> {
        ActivityField::ALL.iter().copied().find(|f| f.key() == key)
    }
}

/// The catalogue key of the label of an activity field named by its key (also the names [`changed_fields`]
/// gives), e.g. `retention` → `activity-field-retention`.
pub fn activity_field_label_key(key: &str) -> String {
    format!("activity-field-{}", key.replace('_', "-"))
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// What `a` lacks to be active under `jurisdiction` (the organisation's, when its profile names one), in the
/// order of the form. Empty when it may be active.
pub fn missing_for_active(
    a: &ProcessingActivity,
    jurisdiction: Option<Jurisdiction>,
) -> Vec<ActivityField> {
    let mut out = Vec::new();
    if blank(&a.name) {
        out.push(ActivityField::Name);
    }
    if a.purposes.is_empty() && blank(&a.purpose_description) {
        out.push(ActivityField::Purposes);
    }
    if a.subjects.is_empty() {
        out.push(ActivityField::Subjects);
    }
    if a.categories.is_empty() {
        out.push(ActivityField::Categories);
    }
    match a.lawful_basis {
        None => out.push(ActivityField::LawfulBasis),
        Some(LawfulBasis::LegitimateInterests) if blank(&a.balancing_test) => {
            out.push(ActivityField::BalancingTest)
        }
        Some(_) => {}
    }
    let special = a.categories.iter().any(|c| c.is_special());
    if special && a.special_ground.is_none() {
        out.push(ActivityField::SpecialGround);
    }
    if special && jurisdiction == Some(Jurisdiction::Nl) && blank(&a.uavg_article) {
        out.push(ActivityField::UavgArticle);
    }
    if a.categories.iter().any(|c| c.is_criminal()) && blank(&a.criminal_data_basis) {
        out.push(ActivityField::CriminalDataBasis);
    }
    if a.categories.iter().any(|c| c.is_national_id()) && blank(&a.national_id_statute) {
        out.push(ActivityField::NationalIdStatute);
    }
    let catch_all = a.retention.iter().any(|r| r.category.is_none());
    let every_category = a
        .categories
        .iter()
        .all(|c| a.retention.iter().any(|r| r.category == Some(*c)));
    if a.retention.is_empty() || !(catch_all || every_category) {
        out.push(ActivityField::Retention);
    }
    if a.transfers.iter().any(|t| t.safeguard.is_none()) {
        out.push(ActivityField::TransferSafeguard);
    }
    if a.status == ActivityStatus::Ended && a.end_date.is_none() {
        out.push(ActivityField::EndDate);
    }
    out
}

pub use super::changes::changed_fields;

/// Every field name [`changed_fields`] can give for an activity, for labels and tests.
pub const ACTIVITY_FIELD_NAMES: &[&str] = <ProcessingActivity as Versioned>::FIELDS;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legal_basis::SpecialCategoryGround;
    use crate::register::model::{
        Period, PeriodUnit, RetentionAction, RetentionRule, RetentionStart, Transfer,
        TransferSafeguard,
    };
    use crate::register::vocabulary::DataCategory;

    fn cat(key: &str) -> DataCategory {
        key.parse().unwrap_or_else(|_| panic!("category {key}"))
    }

    fn rule(category: Option<DataCategory>) -> RetentionRule {
        RetentionRule {
            category,
            period: Period {
                amount: 7,
                unit: PeriodUnit::Years,
            },
            starts: RetentionStart::EndOfFinancialYear,
            action: RetentionAction::Delete,
            legal_reference: "art. 52 AWR".into(),
        }
    }

    fn complete() -> ProcessingActivity {
        ProcessingActivity {
            name: "Klantadministratie".into(),
            purposes: vec!["essential.service".parse().unwrap_or_else(|_| panic!())],
            subjects: vec!["customer".parse().unwrap_or_else(|_| panic!())],
            categories: vec![cat("user.name"), cat("user.contact.email")],
            lawful_basis: Some(LawfulBasis::Contract),
            retention: vec![rule(None)],
            ..Default::default()
        }
    }

    fn keys(v: Vec<ActivityField>) -> Vec<&'static str> {
        v.into_iter().map(ActivityField::key).collect()
    }

    #[test]
    fn a_blank_activity_lacks_the_art_30_fields() {
        let blank = ProcessingActivity::default();
        assert_eq!(
            keys(missing_for_active(&blank, None)),
            vec![
                "name",
                "purposes",
                "subjects",
                "categories",
                "lawful_basis",
                "retention"
            ]
        );
        assert!(missing_for_active(&complete(), Some(Jurisdiction::Nl)).is_empty());
    }

    #[test]
    fn legitimate_interests_need_a_balancing_test() {
        let mut a = complete();
        a.lawful_basis = Some(LawfulBasis::LegitimateInterests);
        assert_eq!(keys(missing_for_active(&a, None)), vec!["balancing_test"]);
        a.balancing_test = "  ".into();
        assert_eq!(keys(missing_for_active(&a, None)), vec!["balancing_test"]);
        a.balancing_test = "Our interest outweighs …".into();
        assert!(missing_for_active(&a, None).is_empty());
    }

    #[test]
    fn special_data_needs_a_ground_and_in_nl_the_uavg_article() {
        let mut a = complete();
        a.categories.push(cat("user.health_and_medical"));
        assert_eq!(
            keys(missing_for_active(&a, Some(Jurisdiction::Nl))),
            vec!["special_ground", "uavg_article"]
        );
        assert_eq!(
            keys(missing_for_active(&a, Some(Jurisdiction::Be))),
            vec!["special_ground"]
        );
        a.special_ground = Some(SpecialCategoryGround::Employment);
        a.uavg_article = "UAVG art. 30".into();
        assert!(missing_for_active(&a, Some(Jurisdiction::Nl)).is_empty());
    }

    #[test]
    fn criminal_data_needs_its_art_10_basis() {
        let crim = crate::register::vocabulary::DataCategory::all().find(|c| c.is_criminal());
        // The vocabulary may not hold a criminal category yet; then there is nothing to check.
        let Some(crim) = crim else { return };
        let mut a = complete();
        a.categories.push(crim);
        assert!(keys(missing_for_active(&a, None)).contains(&"criminal_data_basis"));
        a.criminal_data_basis = "Wet justitiële en strafvorderlijke gegevens".into();
        assert!(!keys(missing_for_active(&a, None)).contains(&"criminal_data_basis"));
    }

    #[test]
    fn a_national_id_needs_its_statute() {
        let mut a = complete();
        a.categories
            .push(cat("user.government_id.national_identification_number.bsn"));
        assert_eq!(
            keys(missing_for_active(&a, None)),
            vec!["national_id_statute"]
        );
        a.national_id_statute = "Wet op de loonbelasting 1964, art. 28".into();
        assert!(missing_for_active(&a, None).is_empty());
    }

    #[test]
    fn retention_needs_a_rule_per_category_or_a_catch_all() {
        let mut a = complete();
        a.retention = vec![rule(Some(cat("user.name")))];
        assert_eq!(keys(missing_for_active(&a, None)), vec!["retention"]);
        a.retention.push(rule(Some(cat("user.contact.email"))));
        assert!(missing_for_active(&a, None).is_empty());
        a.retention = vec![rule(Some(cat("user.name"))), rule(None)];
        assert!(missing_for_active(&a, None).is_empty());
        a.retention.clear();
        assert_eq!(keys(missing_for_active(&a, None)), vec!["retention"]);
    }

    #[test]
    fn every_transfer_needs_a_safeguard_and_an_ended_activity_its_end_date() {
        let mut a = complete();
        a.transfers.push(Transfer {
            country: "US".into(),
            recipient: "Mail service".into(),
            safeguard: None,
            documentation: String::new(),
        });
        assert_eq!(keys(missing_for_active(&a, None)), vec!["transfers"]);
        a.transfers[0].safeguard = Some(TransferSafeguard::Adequacy);
        a.status = ActivityStatus::Ended;
        assert_eq!(keys(missing_for_active(&a, None)), vec!["end_date"]);
        a.end_date = time::Date::from_calendar_date(2026, time::Month::June, 30).ok();
        assert!(missing_for_active(&a, None).is_empty());
    }

    #[test]
    fn keys_round_trip_and_label_keys_are_catalogue_keys() {
        for f in ActivityField::ALL {
            assert_eq!(ActivityField::from_key(f.key()), Some(*f));
            assert!(!f.label_key().contains('_'));
        }
        // Every field a missing-list names is a field the history can name too.
        for f in ActivityField::ALL {
            assert!(ACTIVITY_FIELD_NAMES.contains(&f.key()), "{}", f.key());
        }
    }

    #[test]
    fn changed_fields_names_what_differs_and_nothing_else() {
        let old = complete();
        assert!(changed_fields(&old, &old.clone()).is_empty());
        let mut new = old.clone();
        new.id = uuid::Uuid::from_u128(7);
        assert!(
            changed_fields(&old, &new).is_empty(),
            "the id is not a change"
        );
        new.name = "Klanten".into();
        new.retention.push(rule(Some(cat("user.name"))));
        new.status = ActivityStatus::Active;
        assert_eq!(
            changed_fields(&old, &new),
            vec!["name", "status", "retention"]
        );
        for f in changed_fields(&ProcessingActivity::default(), &complete()) {
            assert!(ACTIVITY_FIELD_NAMES.contains(&f));
        }
    }

    #[test]
    fn a_new_order_of_chosen_items_is_no_change_but_another_item_is() {
        let mut old = complete();
        old.categories = vec![cat("user.name"), cat("user.contact.email")];
        old.measures = vec!["backups".into(), "strong_passwords".into()];
        old.recipients = vec![uuid::Uuid::from_u128(1), uuid::Uuid::from_u128(2)];
        let mut new = old.clone();
        new.categories.reverse();
        new.measures.reverse();
        new.recipients.reverse();
        assert!(
            changed_fields(&old, &new).is_empty(),
            "{:?}",
            changed_fields(&old, &new)
        );
        new.categories = vec![cat("user.name"), cat("user.name")];
        new.measures.push("backups".into());
        assert_eq!(changed_fields(&old, &new), vec!["categories", "measures"]);
    }
}
