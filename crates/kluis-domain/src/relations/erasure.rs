//! The legally aware erasure decision (Art. 17): for each record and document of a person, delete, anonymise or
//! keep, each with its reason and article, as the erasure carries it out and the report to the person says it.
//!
//! The person's request overrides the organisation's own retention policy, not the law: what a statute requires
//! to be kept (an activity on Art. 6(1)(c), e.g. fiscal retention) stays until its period ends (Art. 17(3)(b)),
//! restricted to that purpose; a legal hold keeps everything (Art. 17(3)(e)); and a missing date keeps the record
//! rather than guess.

use super::model::RelationField;
use super::retention::{
    AppliedRule, EventDates, LegalHold, RetentionState, ReviewReason, decide as retention_state,
};
use crate::DocumentClass;
use crate::register::RetentionAction;
use serde::Serialize;
use time::Date;
use uuid::Uuid;

/// What one erasure decision is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ErasureTarget {
    /// One field of the relation (with its blind index).
    Field {
        relation: Uuid,
        field: RelationField,
    },
    /// A document linked to the person (bytes, findings, search index entries).
    Document { id: Uuid, class: DocumentClass },
    /// The relation's consent records.
    Consents { relation: Uuid },
    /// The relation's notes, tags and timeline.
    Timeline { relation: Uuid },
    /// The direct-marketing suppression of someone who objected.
    Suppression { relation: Uuid },
    /// The audit events about the relation.
    AuditTrail { relation: Uuid },
}

/// What happens to a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    Delete,
    /// Reduced to figures that no longer identify anyone (Recital 26: no longer personal data).
    Anonymise,
    /// Kept, restricted to the purpose it is kept for; `falls_due` is when retention ends, if known.
    Keep {
        falls_due: Option<Date>,
    },
}

/// Why, with the article it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "ground", rename_all = "snake_case")]
pub enum ErasureReason {
    /// Nothing requires it to be kept (Art. 17(1)).
    NoDutyToKeep,
    /// The register's rule for it anonymises: the figures stay, the person goes.
    AnonymisedByRule { rule: ReviewReason },
    /// A statute requires it to be kept until `falls_due` (unknown while the period has not started).
    StatutoryRetention {
        rule: ReviewReason,
        falls_due: Option<Date>,
    },
    /// A statute requires it to be kept and the date its period counts from is missing: kept until known.
    StatutoryRetentionDateUnknown { rule: ReviewReason },
    /// A legal hold is on it: needed for legal claims.
    LegalHold { reason: String },
    /// Kept so the objection to direct marketing is honoured (only the blind index of the address stays).
    HonourObjection,
    /// Audit events hold identifiers and field names only, never values; the hash chain proves accountability.
    AuditTrailHoldsNoValues,
}

impl ErasureReason {
    /// The provision the decision rests on.
    pub const fn article(&self) -> &'static str {
        match self {
            ErasureReason::NoDutyToKeep | ErasureReason::AnonymisedByRule { .. } => "Art. 17(1)",
            ErasureReason::StatutoryRetention { .. }
            | ErasureReason::StatutoryRetentionDateUnknown { .. } => "Art. 17(3)(b)",
            ErasureReason::LegalHold { .. } => "Art. 17(3)(e)",
            ErasureReason::HonourObjection => "Art. 21(3)",
            ErasureReason::AuditTrailHoldsNoValues => "Art. 5(2)",
        }
    }
}

/// One line of the erasure report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErasureDecision {
    pub target: ErasureTarget,
    pub verdict: Verdict,
    pub reason: ErasureReason,
}

/// The erasure decision for `target`, under the retention `rules` that apply to it (see
/// `retention::applicable_rules`, with `retention::document_class_categories` for a document), its event dates
/// and legal holds, on `today`.
pub fn decide(
    target: ErasureTarget,
    rules: &[AppliedRule],
    events: &EventDates,
    holds: &[LegalHold],
    today: Date,
) -> ErasureDecision {
    let decision = |verdict, reason| ErasureDecision {
        target,
        verdict,
        reason,
    };
    if let Some(hold) = holds.iter().find(|h| h.is_active()) {
        return decision(
            Verdict::Keep { falls_due: None },
            ErasureReason::LegalHold {
                reason: hold.reason.clone(),
            },
        );
    }
    match target {
        ErasureTarget::Suppression { .. } => {
            return decision(
                Verdict::Keep { falls_due: None },
                ErasureReason::HonourObjection,
            );
        }
        ErasureTarget::AuditTrail { .. } => {
            return decision(
                Verdict::Keep { falls_due: None },
                ErasureReason::AuditTrailHoldsNoValues,
            );
        }
        _ => {}
    }
    let statutory: Vec<AppliedRule> = rules.iter().filter(|r| r.statutory()).cloned().collect();
    match retention_state(&statutory, events, false, today) {
        RetentionState::CannotTell { rule } => {
            return decision(
                Verdict::Keep { falls_due: None },
                ErasureReason::StatutoryRetentionDateUnknown {
                    rule: (&rule).into(),
                },
            );
        }
        RetentionState::Running { rule } => {
            return decision(
                Verdict::Keep { falls_due: None },
                ErasureReason::StatutoryRetention {
                    rule: (&rule).into(),
                    falls_due: None,
                },
            );
        }
        RetentionState::NotYet { due, rule, .. } => {
            return decision(
                Verdict::Keep {
                    falls_due: Some(due),
                },
                ErasureReason::StatutoryRetention {
                    rule: (&rule).into(),
                    falls_due: Some(due),
                },
            );
        }
        RetentionState::NoRule | RetentionState::Due { .. } | RetentionState::Held { .. } => {}
    }
    // The organisation's own rules yield to the request, except that one which anonymises keeps its figures.
    let anonymising = rules
        .iter()
        .find(|r| !r.statutory() && r.rule.action == RetentionAction::Anonymise);
    match anonymising {
        Some(rule) => decision(
            Verdict::Anonymise,
            ErasureReason::AnonymisedByRule { rule: rule.into() },
        ),
        None => decision(Verdict::Delete, ErasureReason::NoDutyToKeep),
    }
}

/// The decisions for one person: what the erasure carries out and the report tells them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ErasureReport {
    pub items: Vec<ErasureDecision>,
}

impl ErasureReport {
    pub fn new(mut items: Vec<ErasureDecision>) -> ErasureReport {
        items.sort_by_key(|i| i.target);
        ErasureReport { items }
    }

    pub fn deleted(&self) -> impl Iterator<Item = &ErasureDecision> {
        self.items.iter().filter(|i| i.verdict == Verdict::Delete)
    }

    pub fn anonymised(&self) -> impl Iterator<Item = &ErasureDecision> {
        self.items
            .iter()
            .filter(|i| i.verdict == Verdict::Anonymise)
    }

    pub fn kept(&self) -> impl Iterator<Item = &ErasureDecision> {
        self.items
            .iter()
            .filter(|i| matches!(i.verdict, Verdict::Keep { .. }))
    }

    /// The fields of `relation` that stay (restricted): the relation row itself stays while any does.
    pub fn kept_fields(&self, relation: Uuid) -> Vec<RelationField> {
        self.kept()
            .filter_map(|i| match i.target {
                ErasureTarget::Field { relation: r, field } if r == relation => Some(field),
                _ => None,
            })
            .collect()
    }

    /// Nothing is kept: the relation and everything about it can go (the suppression and audit trail aside).
    pub fn complete(&self) -> bool {
        self.kept().all(|i| {
            matches!(
                i.reason,
                ErasureReason::HonourObjection | ErasureReason::AuditTrailHoldsNoValues
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::end_of_financial_year;
    use crate::register::starter::template;
    use crate::register::{
        ActivityStatus, DataCategory, DataSubjectCategory, Jurisdiction, ProcessingActivity,
        Register, RetentionStart,
    };
    use crate::relations::retention::{EventDate, applicable_rules, document_class_categories};
    use time::Month;
    use time::macros::{date, datetime};

    fn register(j: Jurisdiction) -> Register {
        Register {
            activities: ["customer_administration", "invoicing"]
                .iter()
                .map(|k| ProcessingActivity {
                    id: Uuid::new_v4(),
                    name: (*k).to_owned(),
                    status: ActivityStatus::Active,
                    ..(template(k).unwrap_or_else(|| panic!("{k}")).build)(j)
                })
                .collect(),
            ..Default::default()
        }
    }

    fn customer() -> Vec<DataSubjectCategory> {
        vec!["customer".parse().unwrap_or_else(|e| panic!("{e}"))]
    }

    /// A customer whose relationship ended on 15 January 2026, erasing on 1 March 2026; the invoice dates from
    /// 10 June 2025.
    fn events(invoice: Option<Date>) -> EventDates {
        let fiscal = match invoice {
            Some(d) => end_of_financial_year(d, Month::December)
                .map(EventDate::Occurred)
                .unwrap_or(EventDate::Unknown),
            None => EventDate::Unknown,
        };
        EventDates::new()
            .with(
                RetentionStart::EndOfContract,
                EventDate::Occurred(date!(2026 - 01 - 15)),
            )
            .with(RetentionStart::EndOfFinancialYear, fiscal)
    }

    const TODAY: Date = date!(2026 - 03 - 01);

    fn invoice_decision(
        j: Jurisdiction,
        invoice: Option<Date>,
        holds: &[LegalHold],
    ) -> ErasureDecision {
        let reg = register(j);
        let rules = applicable_rules(
            &reg,
            &customer(),
            &document_class_categories(DocumentClass::Invoice),
        );
        let target = ErasureTarget::Document {
            id: Uuid::nil(),
            class: DocumentClass::Invoice,
        };
        decide(target, &rules, &events(invoice), holds, TODAY)
    }

    #[test]
    fn an_invoice_is_kept_for_the_fiscal_period() {
        let d = invoice_decision(Jurisdiction::Nl, Some(date!(2025 - 06 - 10)), &[]);
        assert_eq!(
            d.verdict,
            Verdict::Keep {
                falls_due: Some(date!(2033 - 01 - 01))
            }
        );
        let ErasureReason::StatutoryRetention { rule, falls_due } = &d.reason else {
            panic!("{:?}", d.reason)
        };
        assert_eq!(*falls_due, Some(date!(2033 - 01 - 01)));
        assert!(rule.statutory && rule.legal_reference.contains("art. 52"));
        assert_eq!(rule.period.amount, 7);
        assert_eq!(d.reason.article(), "Art. 17(3)(b)");
        // Belgium: 10 years.
        let be = invoice_decision(Jurisdiction::Be, Some(date!(2025 - 06 - 10)), &[]);
        assert_eq!(
            be.verdict,
            Verdict::Keep {
                falls_due: Some(date!(2036 - 01 - 01))
            }
        );
        // An invoice whose fiscal period is over goes.
        let old = invoice_decision(Jurisdiction::Nl, Some(date!(2018 - 12 - 31)), &[]);
        assert_eq!(old.verdict, Verdict::Delete);
        assert_eq!(old.reason, ErasureReason::NoDutyToKeep);
        assert_eq!(old.reason.article(), "Art. 17(1)");
        // Last day of the fiscal period: still kept.
        let reg = register(Jurisdiction::Nl);
        let rules = applicable_rules(
            &reg,
            &customer(),
            &document_class_categories(DocumentClass::Invoice),
        );
        let target = ErasureTarget::Document {
            id: Uuid::nil(),
            class: DocumentClass::Invoice,
        };
        let ev = events(Some(date!(2019 - 01 - 01)));
        assert!(matches!(
            decide(target, &rules, &ev, &[], date!(2026 - 12 - 31)).verdict,
            Verdict::Keep { .. }
        ));
        assert_eq!(
            decide(target, &rules, &ev, &[], date!(2027 - 01 - 01)).verdict,
            Verdict::Delete
        );
    }

    #[test]
    fn an_unknown_invoice_date_keeps_it_and_a_hold_keeps_everything() {
        let d = invoice_decision(Jurisdiction::Nl, None, &[]);
        assert_eq!(d.verdict, Verdict::Keep { falls_due: None });
        assert!(matches!(
            d.reason,
            ErasureReason::StatutoryRetentionDateUnknown { .. }
        ));
        let hold = LegalHold::place(
            datetime!(2026-02-01 9:00 UTC),
            Uuid::nil(),
            "dispute over delivery",
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        let old = invoice_decision(
            Jurisdiction::Nl,
            Some(date!(2018 - 12 - 31)),
            std::slice::from_ref(&hold),
        );
        assert_eq!(old.verdict, Verdict::Keep { falls_due: None });
        assert_eq!(
            old.reason,
            ErasureReason::LegalHold {
                reason: "dispute over delivery".into()
            }
        );
        assert_eq!(old.reason.article(), "Art. 17(3)(e)");
        let mut lifted = hold;
        assert_eq!(
            lifted.lift(datetime!(2026-02-15 9:00 UTC), Uuid::nil(), "settled"),
            Ok(())
        );
        let after = invoice_decision(Jurisdiction::Nl, Some(date!(2018 - 12 - 31)), &[lifted]);
        assert_eq!(after.verdict, Verdict::Delete);
    }

    #[test]
    fn the_request_overrides_the_organisations_own_policy() {
        let reg = register(Jurisdiction::Nl);
        let relation = Uuid::from_u128(7);
        let field = |f: RelationField| {
            let rules = applicable_rules(&reg, &customer(), &[f.category()]);
            decide(
                ErasureTarget::Field { relation, field: f },
                &rules,
                &events(Some(date!(2025 - 06 - 10))),
                &[],
                TODAY,
            )
        };
        // The phone number is only under customer administration (2 years after the relationship, a policy):
        // the request wins. The name is on the invoices: kept for the fiscal period.
        let phone = field(RelationField::Phone);
        assert_eq!(phone.verdict, Verdict::Delete);
        let name = field(RelationField::FamilyName);
        assert!(
            matches!(name.verdict, Verdict::Keep { falls_due: Some(d) } if d == date!(2033 - 01 - 01))
        );
        // A rule of the organisation's own that anonymises keeps the figures, not the person.
        let mut reg = register(Jurisdiction::Nl);
        reg.activities[0].retention[0].action = RetentionAction::Anonymise;
        let rules = applicable_rules(&reg, &customer(), &[RelationField::Phone.category()]);
        let anon = decide(
            ErasureTarget::Field {
                relation,
                field: RelationField::Phone,
            },
            &rules,
            &events(None),
            &[],
            TODAY,
        );
        assert_eq!(anon.verdict, Verdict::Anonymise);
        assert!(matches!(
            anon.reason,
            ErasureReason::AnonymisedByRule { .. }
        ));
        // Nothing applies at all: delete.
        let none: Vec<DataCategory> = Vec::new();
        let rules = applicable_rules(&reg, &customer(), &none);
        let consents = decide(
            ErasureTarget::Consents { relation },
            &rules,
            &EventDates::new(),
            &[],
            TODAY,
        );
        assert_eq!(consents.verdict, Verdict::Delete);
    }

    #[test]
    fn the_report_says_what_stays_and_why() {
        let reg = register(Jurisdiction::Nl);
        let relation = Uuid::from_u128(7);
        let ev = events(Some(date!(2025 - 06 - 10)));
        let mut items: Vec<ErasureDecision> = [RelationField::FamilyName, RelationField::Phone]
            .into_iter()
            .map(|f| {
                let rules = applicable_rules(&reg, &customer(), &[f.category()]);
                decide(
                    ErasureTarget::Field { relation, field: f },
                    &rules,
                    &ev,
                    &[],
                    TODAY,
                )
            })
            .collect();
        for target in [
            ErasureTarget::Suppression { relation },
            ErasureTarget::AuditTrail { relation },
            ErasureTarget::Timeline { relation },
        ] {
            items.push(decide(target, &[], &ev, &[], TODAY));
        }
        let report = ErasureReport::new(items);
        assert_eq!(
            report.kept_fields(relation),
            vec![RelationField::FamilyName]
        );
        assert!(report.kept_fields(Uuid::nil()).is_empty());
        assert_eq!(report.deleted().count(), 2);
        assert_eq!(report.anonymised().count(), 0);
        let articles: Vec<_> = report.kept().map(|i| i.reason.article()).collect();
        assert_eq!(articles, vec!["Art. 17(3)(b)", "Art. 21(3)", "Art. 5(2)"]);
        assert!(!report.complete());
        let without_name = ErasureReport::new(
            report
                .items
                .iter()
                .filter(|i| {
                    !matches!(
                        i.target,
                        ErasureTarget::Field {
                            field: RelationField::FamilyName,
                            ..
                        }
                    )
                })
                .cloned()
                .collect(),
        );
        assert!(without_name.complete());
        let json = serde_json::to_value(&report).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(json["items"][0]["target"]["type"], "field");
        assert_eq!(json["items"][0]["target"]["field"], "family_name");
        assert_eq!(json["items"][0]["verdict"]["verdict"], "keep");
        assert_eq!(json["items"][0]["verdict"]["falls_due"], "2033-01-01");
        assert_eq!(json["items"][0]["reason"]["ground"], "statutory_retention");
    }
}
