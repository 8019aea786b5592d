//! Documents linked to people: which scanner findings link a document to a relation, how a re-run of the matcher
//! meets a person's corrections (they always win), and what a relation's fields and documents mean under the
//! register (the activities that apply, their legal basis and retention, and when each record falls due).

use super::model::{concerns, covers};
use super::retention::{AppliedRule, EventDate, EventDates, RetentionState, applicable_rules};
use super::{RelationField, RelationKind};
use crate::calendar::{end_of_financial_year, period_due};
use crate::register::{ActivityStatus, DataCategory, ProcessingActivity, Register, RetentionStart};
use crate::{DocumentClass, EntityType, SpecialCategory};
use serde::Serialize;
use std::collections::BTreeSet;
use time::{Date, Month};

vocabulary! {
    /// Who made a link between a document and a relation.
    LinkOrigin {
        /// The matcher found one of the relation's identifiers among the document's findings.
        Matcher => "matcher",
        /// A person linked them by hand.
        Manual => "manual",
    }
}

vocabulary! {
    /// Where a link between a document and a relation stands.
    LinkState {
        /// Proposed by the matcher, not yet looked at.
        Suggested => "suggested",
        /// A person said it is right (or made it by hand).
        Confirmed => "confirmed",
        /// A person said it is wrong: the matcher never brings it back.
        Removed => "removed",
    }
}

/// The scanner's entity types that link a document to a person: identifiers that point at one person (e-mail,
/// BSN, IBAN, phone, the Belgian national number) and full names. A postcode, a date of birth or a lone given
/// name is shared by too many people to be evidence.
pub const LINK_ENTITY_TYPES: &[EntityType] = &[
    EntityType::Email,
    EntityType::Bsn,
    EntityType::Iban,
    EntityType::Phone,
    EntityType::BeNationalNumber,
    EntityType::PersonName,
];

/// The relation fields whose stored blind index the matcher compares with findings as they are. Names are
/// matched on the full name instead (see [`full_name`]): a given or family name alone is no evidence. A
/// company's name is (a sole trader's trade name usually is the person's name).
pub const LINK_FIELDS: &[RelationField] = &[
    RelationField::Email,
    RelationField::Bsn,
    RelationField::Iban,
    RelationField::Phone,
    RelationField::BeNationalNumber,
    RelationField::CompanyName,
];

/// The full name a scanner would find for a person with these names ("Jan Jansen"), if it has both parts: the
/// value whose blind index (entity type [`EntityType::PersonName`]) links documents naming them.
pub fn full_name(given: Option<&str>, family: Option<&str>) -> Option<String> {
    let given = given.map(str::trim).filter(|s| !s.is_empty())?;
    let family = family.map(str::trim).filter(|s| !s.is_empty())?;
    Some(format!("{given} {family}"))
}

/// What a run of the matcher does to one (document, relation) pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rematch {
    /// No link yet and the matcher finds one: a new suggestion.
    Suggest,
    /// The link stays as it is (its matched types are refreshed when the matcher still finds it).
    Keep,
    /// A suggestion of the matcher that it no longer finds: dropped.
    Drop,
}

/// The correction-wins rule: what a run of the matcher does to a pair that has `existing` (origin and state) and
/// that the matcher does or does not find (`found`). Only the matcher's own unconfirmed suggestions come and go
/// with its findings; anything a person touched (confirmed, removed, or made by hand) stays as they left it.
pub fn rematch(existing: Option<(LinkOrigin, LinkState)>, found: bool) -> Rematch {
    match (existing, found) {
        (None, true) => Rematch::Suggest,
        (None, false) => Rematch::Keep,
        (Some((LinkOrigin::Matcher, LinkState::Suggested)), false) => Rematch::Drop,
        (Some(_), _) => Rematch::Keep,
    }
}

/// The state and origin a pair gets when a person confirms it (or links it by hand when there was nothing):
/// confirmed, keeping the matcher as its origin if the matcher proposed it.
pub fn confirmed(existing: Option<(LinkOrigin, LinkState)>) -> (LinkOrigin, LinkState) {
    (
        existing.map_or(LinkOrigin::Manual, |(o, _)| o),
        LinkState::Confirmed,
    )
}

/// The state and origin a pair gets when a person removes it: removed, which the matcher never undoes. Removing a
/// pair that had no link records the person's "not this one" as well, so the matcher never proposes it.
pub fn removed(existing: Option<(LinkOrigin, LinkState)>) -> (LinkOrigin, LinkState) {
    (
        existing.map_or(LinkOrigin::Manual, |(o, _)| o),
        LinkState::Removed,
    )
}

/// The register categories a relation's own record holds: its fields' categories.
pub fn field_categories(fields: &[RelationField]) -> BTreeSet<DataCategory> {
    fields.iter().map(|f| f.category()).collect()
}

/// The register categories a document holds: those of its (effective) class, of the kinds of identifiers
/// found in it, and of its special categories.
pub fn document_categories(
    class: Option<DocumentClass>,
    entity_types: &[EntityType],
    special: &[SpecialCategory],
) -> BTreeSet<DataCategory> {
    let mut out: BTreeSet<DataCategory> = class
        .map(super::retention::document_class_categories)
        .unwrap_or_default()
        .into_iter()
        .collect();
    for e in entity_types {
        out.extend(DataCategory::for_entity(*e));
    }
    for s in special {
        out.extend(DataCategory::for_special(*s));
    }
    out
}

/// The activities of the register that apply to a relation of `kind` holding `categories`: those (active, or
/// ended, since data collected under them still follows their rules; never drafts) that concern the relation's
/// data subjects and process at least one of the categories. In register order.
pub fn applying_activities<'r>(
    register: &'r Register,
    kind: RelationKind,
    business_contact: bool,
    categories: &BTreeSet<DataCategory>,
) -> Vec<&'r ProcessingActivity> {
    let subjects = kind.subjects(business_contact);
    register
        .activities
        .iter()
        .filter(|a| a.status != ActivityStatus::Draft && concerns(a, &subjects))
        .filter(|a| {
            categories
                .iter()
                .any(|c| a.categories.iter().any(|held| covers(*held, *c)))
        })
        .collect()
}

/// What is known of a relation's own record on its start events. Kluis records when it was captured and when it
/// last changed; the end of the relationship, the employment or a procedure and a withdrawal are not recorded (yet),
/// so they are pending: the period has not started, and nothing is deleted (never "unknown, so delete").
/// A relation's own record is no fiscal record: the fiscal rule applies to its documents.
pub fn relation_events(captured: Date, last_contact: Date) -> EventDates {
    EventDates::new()
        .with(RetentionStart::Collection, EventDate::Occurred(captured))
        .with(
            RetentionStart::LastContact,
            EventDate::Occurred(last_contact),
        )
        .with(RetentionStart::EndOfContract, EventDate::Pending)
        .with(RetentionStart::EndOfEmployment, EventDate::Pending)
        .with(RetentionStart::EndOfProcedure, EventDate::Pending)
        .with(RetentionStart::Withdrawal, EventDate::Pending)
        .with(RetentionStart::EndOfFinancialYear, EventDate::NotApplicable)
}

/// What is known of a document's start events: captured when uploaded, belonging to the financial year of that
/// date (a calendar year: the profile records no other year end), and otherwise following the relationship, which
/// goes on ([`relation_events`]).
pub fn document_events(captured: Date, last_contact: Date) -> EventDates {
    let fiscal = end_of_financial_year(captured, Month::December)
        .map_or(EventDate::Unknown, EventDate::Occurred);
    relation_events(captured, last_contact).with(RetentionStart::EndOfFinancialYear, fiscal)
}

/// One applicable rule with the day its period ends, if its start event has happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleDue {
    pub rule: AppliedRule,
    /// What is known of the rule's start event.
    pub event: EventDate,
    /// The first day after the period, when its start event has happened.
    pub due: Option<Date>,
}

/// Where one record (the relation itself, or one of its documents) stands: every rule that applies with its own
/// end, and the decision over all of them (the longest wins; see `retention::decide`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordRetention {
    pub rules: Vec<RuleDue>,
    pub state: RetentionState,
}

/// The retention of a record of `kind` holding `categories` with these event dates, on `today`.
pub fn record_retention(
    register: &Register,
    kind: RelationKind,
    business_contact: bool,
    categories: &BTreeSet<DataCategory>,
    events: &EventDates,
    held: bool,
    today: Date,
) -> RecordRetention {
    let subjects = kind.subjects(business_contact);
    let cats: Vec<DataCategory> = categories.iter().copied().collect();
    let rules = applicable_rules(register, &subjects, &cats);
    let state = super::retention::decide(&rules, events, held, today);
    let rules = rules
        .into_iter()
        .map(|rule| {
            let event = events.get(rule.rule.starts);
            let due = match event {
                EventDate::Occurred(d) => period_due(d, rule.rule.period),
                _ => None,
            };
            RuleDue { rule, event, due }
        })
        .collect();
    RecordRetention { rules, state }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::starter::template;
    use crate::register::{Jurisdiction, RetentionAction};
    use time::macros::date;
    use uuid::Uuid;

    fn register(j: Jurisdiction, keys: &[&str]) -> Register {
        Register {
            activities: keys
                .iter()
                .map(|k| {
                    let t = template(k).unwrap_or_else(|| panic!("no template {k}"));
                    ProcessingActivity {
                        id: Uuid::new_v4(),
                        name: (*k).to_owned(),
                        status: ActivityStatus::Active,
                        ..(t.build)(j)
                    }
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn corrections_win_over_the_matcher() {
        use LinkOrigin::*;
        use LinkState::*;
        assert_eq!(rematch(None, true), Rematch::Suggest);
        assert_eq!(rematch(None, false), Rematch::Keep);
        // The matcher's own suggestion follows its findings.
        assert_eq!(rematch(Some((Matcher, Suggested)), true), Rematch::Keep);
        assert_eq!(rematch(Some((Matcher, Suggested)), false), Rematch::Drop);
        // Whatever a person touched stays, found or not.
        for existing in [
            (Matcher, Confirmed),
            (Matcher, Removed),
            (Manual, Confirmed),
            (Manual, Removed),
        ] {
            for found in [true, false] {
                assert_eq!(
                    rematch(Some(existing), found),
                    Rematch::Keep,
                    "{existing:?}"
                );
            }
        }
        assert_eq!(confirmed(None), (Manual, Confirmed));
        assert_eq!(confirmed(Some((Matcher, Suggested))), (Matcher, Confirmed));
        assert_eq!(confirmed(Some((Matcher, Removed))), (Matcher, Confirmed));
        assert_eq!(removed(Some((Matcher, Confirmed))), (Matcher, Removed));
        assert_eq!(removed(None), (Manual, Removed));
    }

    #[test]
    fn link_fields_carry_link_entity_types() {
        for f in LINK_FIELDS {
            let e = f.entity_type();
            assert!(
                e.is_some_and(|e| LINK_ENTITY_TYPES.contains(&e)),
                "{f} is matched but has no link entity type"
            );
        }
        // Weak evidence is not matched on.
        for f in [
            RelationField::GivenName,
            RelationField::FamilyName,
            RelationField::Postcode,
            RelationField::DateOfBirth,
        ] {
            assert!(!LINK_FIELDS.contains(&f), "{f}");
        }
    }

    #[test]
    fn full_name_needs_both_parts() {
        assert_eq!(
            full_name(Some(" Jan "), Some("Jansen")).as_deref(),
            Some("Jan Jansen")
        );
        assert_eq!(full_name(Some("Jan"), None), None);
        assert_eq!(full_name(Some(""), Some("Jansen")), None);
    }

    #[test]
    fn documents_hold_their_class_and_findings_categories() {
        let cats = document_categories(
            Some(DocumentClass::Invoice),
            &[EntityType::Email],
            &[SpecialCategory::Health],
        );
        let keys: Vec<&str> = cats.iter().map(|c| c.key()).collect();
        assert!(keys.contains(&"user.payment"), "{keys:?}");
        assert!(
            keys.iter().any(|k| k.starts_with("user.contact.email")),
            "{keys:?}"
        );
        assert!(
            keys.iter().any(|k| k.starts_with("user.health")),
            "{keys:?}"
        );
        assert!(document_categories(None, &[], &[]).is_empty());
    }

    #[test]
    fn activities_apply_by_kind_and_categories() {
        let nl = register(
            Jurisdiction::Nl,
            &["customer_administration", "invoicing", "personnel_file"],
        );
        let name = field_categories(&[RelationField::GivenName, RelationField::Email]);
        let customer: Vec<&str> = applying_activities(&nl, RelationKind::Customer, false, &name)
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert!(
            customer.contains(&"customer_administration"),
            "{customer:?}"
        );
        assert!(!customer.contains(&"personnel_file"), "{customer:?}");
        let employee: Vec<&str> = applying_activities(&nl, RelationKind::Employee, false, &name)
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert!(employee.contains(&"personnel_file"), "{employee:?}");
        assert!(!employee.contains(&"invoicing"), "{employee:?}");
        // Nothing held, nothing applies.
        assert!(
            applying_activities(&nl, RelationKind::Customer, false, &BTreeSet::new()).is_empty()
        );
    }

    #[test]
    fn an_invoice_is_kept_for_the_fiscal_years_and_a_relation_runs_with_the_relationship() {
        let nl = register(Jurisdiction::Nl, &["customer_administration", "invoicing"]);
        let invoice = document_categories(Some(DocumentClass::Invoice), &[], &[]);
        let uploaded = date!(2026 - 03 - 10);
        let r = record_retention(
            &nl,
            RelationKind::Customer,
            false,
            &invoice,
            &document_events(uploaded, uploaded),
            false,
            date!(2026 - 12 - 07),
        );
        // The fiscal rule counts from the end of 2026: seven years, due on 1 January 2034.
        let fiscal = r
            .rules
            .iter()
            .find(|d| d.rule.rule.starts == RetentionStart::EndOfFinancialYear)
            .expect("a fiscal rule applies to an invoice");
        assert_eq!(fiscal.due, Some(date!(2034 - 01 - 01)));
        assert!(fiscal.rule.statutory());
        // The customer relationship has not ended: the record is not due, whatever the fiscal rule says.
        assert!(
            matches!(r.state, RetentionState::Running { .. }),
            "{:?}",
            r.state
        );
        // The relation's own record never counts from a financial year.
        let own = record_retention(
            &nl,
            RelationKind::Customer,
            false,
            &field_categories(&[RelationField::Email]),
            &relation_events(uploaded, uploaded),
            false,
            date!(2026 - 12 - 07),
        );
        assert!(
            own.rules
                .iter()
                .all(|d| d.rule.rule.starts != RetentionStart::EndOfFinancialYear
                    || d.event == EventDate::NotApplicable)
        );
        assert!(!matches!(own.state, RetentionState::Due { .. }));
        let _ = RetentionAction::Delete;
    }
}
