//! The retention engine's pure core: which of the register's retention rules apply to a record, when it falls
//! due and for what (delete, anonymise, restrict), legal holds, and the review list that says why.
//!
//! Safety first: when several rules apply the longest keeps (a statutory minimum such as fiscal retention, NL 7
//! years, BE 10, wins over a shorter policy); a missing event date means "cannot tell", never "delete"; and a legal
//! hold blocks every deletion and anonymisation until it is lifted.

use super::model::{concerns, covers};
use crate::DocumentClass;
use crate::calendar::period_due;
use crate::legal_basis::LawfulBasis;
use crate::register::{
    ActivityStatus, DataCategory, DataSubjectCategory, Period, Register, RetentionAction,
    RetentionRule, RetentionStart,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

/// What is known of one start event for one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", content = "date", rename_all = "snake_case")]
pub enum EventDate {
    /// It happened on this (local) date.
    Occurred(Date),
    /// It has not happened yet (the customer relationship or the employment goes on): the period has not started.
    Pending,
    /// It should have a date and has none: nobody can tell when the period ends.
    Unknown,
    /// The record has no such event (a customer without invoices has no financial year to keep them for).
    NotApplicable,
}

/// The start events of one record. An event that was not set is [`EventDate::Unknown`]: the caller must say
/// explicitly that an event is pending or does not apply, so a forgotten date can never lead to a deletion.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventDates(BTreeMap<RetentionStart, EventDate>);

impl EventDates {
    pub fn new() -> EventDates {
        EventDates::default()
    }

    /// These dates with `start` set to `date`.
    pub fn with(mut self, start: RetentionStart, date: EventDate) -> EventDates {
        self.0.insert(start, date);
        self
    }

    /// Sets `start` to `date`.
    pub fn set(&mut self, start: RetentionStart, date: EventDate) {
        self.0.insert(start, date);
    }

    pub fn get(&self, start: RetentionStart) -> EventDate {
        self.0.get(&start).copied().unwrap_or(EventDate::Unknown)
    }
}

/// A retention rule of one activity, with what the decision and its reason need of the activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppliedRule {
    pub activity: Uuid,
    pub activity_name: String,
    pub lawful_basis: Option<LawfulBasis>,
    pub rule: RetentionRule,
}

impl AppliedRule {
    /// The rule keeps data because the law requires it (the activity's basis is Art. 6(1)(c)): such a rule also
    /// outlasts an erasure request (Art. 17(3)(b)).
    pub fn statutory(&self) -> bool {
        self.lawful_basis == Some(LawfulBasis::LegalObligation)
    }
}

/// The retention rules of the register that apply to a record of `subjects` holding `categories`: for each
/// activity (active or ended, since data collected under an ended activity still follows its rules; drafts do not
/// count) that concerns the subjects and processes a category, its most specific rule for that category, else
/// its catch-all rule. An activity without a rule contributes nothing (the compliance check reports it).
pub fn applicable_rules(
    register: &Register,
    subjects: &[DataSubjectCategory],
    categories: &[DataCategory],
) -> Vec<AppliedRule> {
    let mut out: Vec<AppliedRule> = Vec::new();
    for a in register
        .activities
        .iter()
        .filter(|a| a.status != ActivityStatus::Draft && concerns(a, subjects))
    {
        for c in categories {
            if !a.categories.iter().any(|held| covers(*held, *c)) {
                continue;
            }
            let own = a
                .retention
                .iter()
                .filter(|r| r.category.is_some_and(|rc| covers(rc, *c)))
                .max_by_key(|r| r.category.map(|rc| rc.key().len()));
            let Some(rule) = own.or_else(|| a.retention.iter().find(|r| r.category.is_none()))
            else {
                continue;
            };
            if !out.iter().any(|o| o.activity == a.id && o.rule == *rule) {
                out.push(AppliedRule {
                    activity: a.id,
                    activity_name: a.name.clone(),
                    lawful_basis: a.lawful_basis,
                    rule: rule.clone(),
                });
            }
        }
    }
    out
}

/// The register categories a document of `class` holds by its nature, so the register's rules for those
/// categories apply to it even before (or without) findings; a document's findings add theirs.
pub fn document_class_category_keys(class: DocumentClass) -> &'static [&'static str] {
    match class {
        DocumentClass::Invoice => &[
            "user.payment",
            "user.name",
            "user.contact.address",
            "user.financial.bank_account",
        ],
        DocumentClass::Payslip => &["user.financial.salary", "user.financial.tax", "user.name"],
        DocumentClass::IdCopy => &["user.government_id.identity_document_copy"],
        DocumentClass::HealthStatement => &["user.health_and_medical"],
        DocumentClass::Contract => &["user.name", "user.job_title.employment_contract"],
        DocumentClass::Application => &[
            "user.name",
            "user.job_title.employment_history",
            "user.job_title.education",
        ],
        DocumentClass::CustomerList => &[
            "user.name",
            "user.contact.email",
            "user.contact.phone_number",
            "user.contact.address",
        ],
        DocumentClass::Correspondence => {
            &["user.content.private", "user.name", "user.contact.email"]
        }
        DocumentClass::Other => &[],
    }
}

/// [`document_class_category_keys`] as the register's vocabulary.
pub fn document_class_categories(class: DocumentClass) -> Vec<DataCategory> {
    document_class_category_keys(class)
        .iter()
        .filter_map(|k| k.parse().ok())
        .collect()
}

/// Where a record stands against its retention rules on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum RetentionState {
    /// No rule of the register applies: nothing happens automatically (the compliance check names the gap).
    NoRule,
    /// The event `rule` counts from has no date: never delete; someone must fill it in.
    CannotTell { rule: AppliedRule },
    /// The event `rule` counts from has not happened yet (the relationship goes on).
    Running { rule: AppliedRule },
    /// Falls due on `due` for `action`, under the governing (longest) rule.
    NotYet {
        due: Date,
        action: RetentionAction,
        rule: AppliedRule,
    },
    /// Due since `due`.
    Due {
        due: Date,
        action: RetentionAction,
        rule: AppliedRule,
    },
    /// Due since `due` for a deletion or anonymisation that a legal hold blocks: the record is only restricted.
    Held {
        due: Date,
        action: RetentionAction,
        rule: AppliedRule,
    },
}

impl RetentionState {
    /// The rule that governs the state, if any.
    pub fn rule(&self) -> Option<&AppliedRule> {
        match self {
            RetentionState::NoRule => None,
            RetentionState::CannotTell { rule }
            | RetentionState::Running { rule }
            | RetentionState::NotYet { rule, .. }
            | RetentionState::Due { rule, .. }
            | RetentionState::Held { rule, .. } => Some(rule),
        }
    }
}

/// How much an action destroys: when two rules end on the same day, the less destructive one wins.
const fn destructiveness(action: RetentionAction) -> u8 {
    match action {
        RetentionAction::Restrict => 0,
        RetentionAction::Anonymise => 1,
        RetentionAction::Delete => 2,
    }
}

/// The retention state on `today` (the organisation's local date) of a record under `rules`, given its event
/// dates and whether a legal hold is on it. The longest rule governs; if any rule's date is unknown the answer is
/// "cannot tell", and if any rule's period has not started yet it is still running.
pub fn decide(
    rules: &[AppliedRule],
    events: &EventDates,
    held: bool,
    today: Date,
) -> RetentionState {
    let mut cannot_tell = None;
    let mut running = None;
    let mut longest: Option<(Date, &AppliedRule)> = None;
    for r in rules {
        match events.get(r.rule.starts) {
            EventDate::NotApplicable => {}
            EventDate::Unknown => {
                cannot_tell.get_or_insert(r);
            }
            EventDate::Pending => {
                running.get_or_insert(r);
            }
            EventDate::Occurred(event) => match period_due(event, r.rule.period) {
                // Beyond the calendar: as good as forever.
                None => {
                    running.get_or_insert(r);
                }
                Some(due) => {
                    let wins = match longest {
                        None => true,
                        Some((d, cur)) => {
                            due > d
                                || (due == d
                                    && destructiveness(r.rule.action)
                                        < destructiveness(cur.rule.action))
                        }
                    };
                    if wins {
                        longest = Some((due, r));
                    }
                }
            },
        }
    }
    if let Some(rule) = cannot_tell {
        return RetentionState::CannotTell { rule: rule.clone() };
    }
    if let Some(rule) = running {
        return RetentionState::Running { rule: rule.clone() };
    }
    let Some((due, rule)) = longest else {
        return RetentionState::NoRule;
    };
    let (action, rule) = (rule.rule.action, rule.clone());
    if due > today {
        RetentionState::NotYet { due, action, rule }
    } else if held && action != RetentionAction::Restrict {
        RetentionState::Held { due, action, rule }
    } else {
        RetentionState::Due { due, action, rule }
    }
}

/// A legal hold on a relation or document: blocks every deletion, for owners too, until lifted with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalHold {
    pub placed_at: OffsetDateTime,
    pub placed_by: Uuid,
    pub reason: String,
    pub lifted: Option<HoldLift>,
}

/// The lifting of a legal hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoldLift {
    pub at: OffsetDateTime,
    pub by: Uuid,
    pub reason: String,
}

/// Why a hold cannot be placed or lifted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoldError {
    /// Placing and lifting both need a reason.
    NoReason,
    AlreadyLifted,
}

impl LegalHold {
    /// A new hold; the reason is required.
    pub fn place(at: OffsetDateTime, by: Uuid, reason: &str) -> Result<LegalHold, HoldError> {
        if reason.trim().is_empty() {
            return Err(HoldError::NoReason);
        }
        Ok(LegalHold {
            placed_at: at,
            placed_by: by,
            reason: reason.trim().to_owned(),
            lifted: None,
        })
    }

    pub fn is_active(&self) -> bool {
        self.lifted.is_none()
    }

    /// Lifts the hold; the reason is required.
    pub fn lift(&mut self, at: OffsetDateTime, by: Uuid, reason: &str) -> Result<(), HoldError> {
        if self.lifted.is_some() {
            return Err(HoldError::AlreadyLifted);
        }
        if reason.trim().is_empty() {
            return Err(HoldError::NoReason);
        }
        self.lifted = Some(HoldLift {
            at,
            by,
            reason: reason.trim().to_owned(),
        });
        Ok(())
    }
}

/// Whether any of `holds` is still in force.
pub fn is_held(holds: &[LegalHold]) -> bool {
    holds.iter().any(LegalHold::is_active)
}

/// Four-eyes approval (optional per organisation): the one who approves a deletion is not the one who proposed it.
pub fn may_approve(four_eyes: bool, proposed_by: Uuid, approver: Uuid) -> bool {
    !four_eyes || proposed_by != approver
}

/// What a review item concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RetentionTarget {
    Relation { id: Uuid },
    Document { id: Uuid },
}

/// Where a review item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Due now: the sweep may carry it out.
    Due,
    /// Due but held: only restricted.
    Held,
    /// A date is missing: nothing happens until someone fills it in.
    CannotTell,
    /// Falls due within the review window.
    Upcoming,
}

/// Why a review item is on the list: the governing rule and its legal reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewReason {
    pub activity: Uuid,
    pub activity_name: String,
    pub period: Period,
    pub starts: RetentionStart,
    pub legal_reference: String,
    pub statutory: bool,
}

impl From<&AppliedRule> for ReviewReason {
    fn from(r: &AppliedRule) -> ReviewReason {
        ReviewReason {
            activity: r.activity,
            activity_name: r.activity_name.clone(),
            period: r.rule.period,
            starts: r.rule.starts,
            legal_reference: r.rule.legal_reference.clone(),
            statutory: r.statutory(),
        }
    }
}

/// One line of the retention review list: what will be deleted, anonymised or restricted, when, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewItem {
    pub target: RetentionTarget,
    pub status: ReviewStatus,
    /// `None` only for [`ReviewStatus::CannotTell`].
    pub due: Option<Date>,
    /// What happens when carried out (a held item is restricted instead).
    pub action: RetentionAction,
    pub reason: ReviewReason,
}

/// The review item of a record in `state` on `today`, if it belongs on the list: due, held, missing a date, or
/// falling due within `window_days`.
pub fn review_item(
    target: RetentionTarget,
    state: &RetentionState,
    today: Date,
    window_days: i64,
) -> Option<ReviewItem> {
    let (status, due, action, rule) = match state {
        RetentionState::Due { due, action, rule } => (ReviewStatus::Due, Some(*due), *action, rule),
        RetentionState::Held { due, rule, .. } => (
            ReviewStatus::Held,
            Some(*due),
            RetentionAction::Restrict,
            rule,
        ),
        RetentionState::CannotTell { rule } => {
            (ReviewStatus::CannotTell, None, rule.rule.action, rule)
        }
        RetentionState::NotYet { due, action, rule }
            if today
                .checked_add(Duration::days(window_days))
                .is_some_and(|end| *due <= end) =>
        {
            (ReviewStatus::Upcoming, Some(*due), *action, rule)
        }
        _ => return None,
    };
    Some(ReviewItem {
        target,
        status,
        due,
        action,
        reason: rule.into(),
    })
}

/// The review list of `records` on `today`: due first, then held, missing dates, and what falls due within
/// `window_days`, each group by due date.
pub fn review_list(
    records: impl IntoIterator<Item = (RetentionTarget, RetentionState)>,
    today: Date,
    window_days: i64,
) -> Vec<ReviewItem> {
    let mut items: Vec<ReviewItem> = records
        .into_iter()
        .filter_map(|(t, s)| review_item(t, &s, today, window_days))
        .collect();
    items.sort_by_key(|i| (i.status, i.due, i.target));
    items
}

/// The start events of one relation as stored and as derived from the relation itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelationEvents {
    /// The end of the relationship (the contract, the customer relationship, an application's procedure).
    pub ended: Option<Date>,
    /// The end of employment; the end of the relationship when not given separately.
    pub employment_ended: Option<Date>,
    /// The last activity; the last change of the relation when not given.
    pub last_activity: Option<Date>,
    /// The end of the last financial year with records of this relation; when not given, the end of the
    /// financial year in which the relationship ended (its last invoices belong to that year).
    pub fiscal_year_end: Option<Date>,
    /// Withdrawal of consent or unsubscription.
    pub withdrawn: Option<Date>,
    /// The date of capture (the relation was recorded).
    pub captured: Date,
    /// The relation's last change.
    pub last_change: Date,
}

/// The event dates the rules count from for a relation. An event that has not happened (the relationship goes
/// on, no withdrawal) is [`EventDate::Pending`], so its rules keep running; none is ever guessed earlier than
/// it happened.
pub fn relation_event_dates(e: &RelationEvents) -> EventDates {
    let occurred = |d: Option<Date>| d.map_or(EventDate::Pending, EventDate::Occurred);
    let fiscal = match (e.fiscal_year_end, e.ended) {
        (Some(d), _) => EventDate::Occurred(d),
        (None, Some(ended)) => crate::calendar::end_of_financial_year(ended, time::Month::December)
            .map_or(EventDate::Unknown, EventDate::Occurred),
        (None, None) => EventDate::Pending,
    };
    EventDates::new()
        .with(RetentionStart::EndOfContract, occurred(e.ended))
        .with(RetentionStart::EndOfProcedure, occurred(e.ended))
        .with(
            RetentionStart::EndOfEmployment,
            occurred(e.employment_ended.or(e.ended)),
        )
        .with(RetentionStart::EndOfFinancialYear, fiscal)
        .with(RetentionStart::Withdrawal, occurred(e.withdrawn))
        .with(
            RetentionStart::LastContact,
            EventDate::Occurred(e.last_activity.unwrap_or(e.last_change)),
        )
        .with(RetentionStart::Collection, EventDate::Occurred(e.captured))
}

/// The event dates of a document captured on `captured`: the date of capture, and the end of the financial
/// year it belongs to (a document's fiscal retention counts from there). Rules that count from the end of a
/// relationship or employment or from a withdrawal govern the relation's records, not a document on its own:
/// for a document they do not apply, so its class's own rules (fiscal retention for an invoice) decide.
pub fn document_event_dates(captured: Date) -> EventDates {
    let fiscal = crate::calendar::end_of_financial_year(captured, time::Month::December)
        .map_or(EventDate::Unknown, EventDate::Occurred);
    EventDates::new()
        .with(RetentionStart::Collection, EventDate::Occurred(captured))
        .with(RetentionStart::LastContact, EventDate::Occurred(captured))
        .with(RetentionStart::EndOfFinancialYear, fiscal)
        .with(RetentionStart::EndOfContract, EventDate::NotApplicable)
        .with(RetentionStart::EndOfProcedure, EventDate::NotApplicable)
        .with(RetentionStart::EndOfEmployment, EventDate::NotApplicable)
        .with(RetentionStart::Withdrawal, EventDate::NotApplicable)
}

/// The latest event date from which `period` can have run out by `by`: a record whose event is later cannot
/// be due by then. Generous (a month counts as 28 days, a year as 365), so a store can select candidates
/// with a plain comparison on an indexed date column and [`decide`] settles each exactly.
pub fn latest_event_due_by(period: Period, by: Date) -> Option<Date> {
    use crate::register::PeriodUnit;
    let n = i64::from(period.amount);
    let days = match period.unit {
        PeriodUnit::Days => n,
        PeriodUnit::Weeks => n * 7,
        PeriodUnit::Months => n * 28,
        PeriodUnit::Years => n * 365,
    };
    by.checked_sub(Duration::days(days))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::starter::template;
    use crate::register::{Jurisdiction, PeriodUnit, ProcessingActivity};
    use time::macros::{date, datetime};

    fn cats(keys: &[&str]) -> Vec<DataCategory> {
        keys.iter()
            .map(|k| k.parse().unwrap_or_else(|e| panic!("{e}")))
            .collect()
    }

    fn subjects(keys: &[&str]) -> Vec<DataSubjectCategory> {
        keys.iter()
            .map(|k| k.parse().unwrap_or_else(|e| panic!("{e}")))
            .collect()
    }

    pub(crate) fn register(j: Jurisdiction, keys: &[&str]) -> Register {
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

    fn customer_events(contract_end: EventDate, fiscal: EventDate) -> EventDates {
        EventDates::new()
            .with(RetentionStart::EndOfContract, contract_end)
            .with(RetentionStart::EndOfFinancialYear, fiscal)
    }

    #[test]
    fn document_classes_name_real_categories() {
        for class in DocumentClass::ALL {
            assert_eq!(
                document_class_categories(*class).len(),
                document_class_category_keys(*class).len(),
                "{class}"
            );
        }
    }

    #[test]
    fn the_statutory_minimum_wins_over_a_shorter_policy() {
        let customer = subjects(&["customer"]);
        let name = cats(&["user.name"]);
        let events = customer_events(
            EventDate::Occurred(date!(2026 - 01 - 15)),
            EventDate::Occurred(date!(2025 - 12 - 31)),
        );
        let nl = register(Jurisdiction::Nl, &["customer_administration", "invoicing"]);
        let rules = applicable_rules(&nl, &customer, &name);
        assert_eq!(rules.len(), 2);
        let state = decide(&rules, &events, false, date!(2028 - 06 - 01));
        // Customer administration alone would be due on 16 January 2028; the fiscal 7 years keep it until 2032.
        let RetentionState::NotYet { due, action, rule } = &state else {
            panic!("{state:?}")
        };
        assert_eq!(*due, date!(2033 - 01 - 01));
        assert_eq!(*action, RetentionAction::Delete);
        assert!(rule.statutory() && rule.rule.legal_reference.contains("AWR"));
        assert!(matches!(
            decide(&rules, &events, false, date!(2032 - 12 - 31)),
            RetentionState::NotYet { .. }
        ));
        assert!(matches!(
            decide(&rules, &events, false, date!(2033 - 01 - 01)),
            RetentionState::Due { .. }
        ));
        // Belgium keeps 10 years.
        let be = register(Jurisdiction::Be, &["customer_administration", "invoicing"]);
        let state = decide(
            &applicable_rules(&be, &customer, &name),
            &events,
            false,
            date!(2033 - 01 - 01),
        );
        assert!(
            matches!(state, RetentionState::NotYet { due, .. } if due == date!(2036 - 01 - 01))
        );
        // Without invoices the fiscal rule does not apply: the customer rule governs.
        let no_invoices = customer_events(
            EventDate::Occurred(date!(2026 - 01 - 15)),
            EventDate::NotApplicable,
        );
        let state = decide(&rules, &no_invoices, false, date!(2028 - 01 - 16));
        assert!(
            matches!(state, RetentionState::Due { due, .. } if due == date!(2028 - 01 - 16)),
            "{state:?}"
        );
        assert!(matches!(
            decide(&rules, &no_invoices, false, date!(2028 - 01 - 15)),
            RetentionState::NotYet { .. }
        ));
    }

    #[test]
    fn a_missing_date_means_cannot_tell_and_a_pending_event_means_running() {
        let nl = register(Jurisdiction::Nl, &["customer_administration", "invoicing"]);
        let rules = applicable_rules(&nl, &subjects(&["customer"]), &cats(&["user.name"]));
        let far = date!(2099 - 01 - 01);
        // The fiscal date was never given: even long after the customer rule, nothing is deleted.
        let events = EventDates::new().with(
            RetentionStart::EndOfContract,
            EventDate::Occurred(date!(2020 - 01 - 01)),
        );
        let state = decide(&rules, &events, false, far);
        assert!(
            matches!(&state, RetentionState::CannotTell { rule } if rule.rule.starts == RetentionStart::EndOfFinancialYear),
            "{state:?}"
        );
        // Still a customer: the period has not started.
        let ongoing = customer_events(
            EventDate::Pending,
            EventDate::Occurred(date!(2020 - 12 - 31)),
        );
        assert!(matches!(
            decide(&rules, &ongoing, false, far),
            RetentionState::Running { .. }
        ));
        assert_eq!(decide(&[], &ongoing, false, far), RetentionState::NoRule);
        let none = customer_events(EventDate::NotApplicable, EventDate::NotApplicable);
        assert_eq!(decide(&rules, &none, false, far), RetentionState::NoRule);
    }

    #[test]
    fn a_legal_hold_blocks_deletion_but_not_restriction() {
        let nl = register(Jurisdiction::Nl, &["customer_administration"]);
        let mut rules = applicable_rules(
            &nl,
            &subjects(&["customer"]),
            &cats(&["user.contact.email"]),
        );
        assert_eq!(rules.len(), 1);
        let events = EventDates::new().with(
            RetentionStart::EndOfContract,
            EventDate::Occurred(date!(2020 - 01 - 01)),
        );
        let today = date!(2026 - 01 - 01);
        assert!(matches!(
            decide(&rules, &events, true, today),
            RetentionState::Held {
                action: RetentionAction::Delete,
                ..
            }
        ));
        rules[0].rule.action = RetentionAction::Anonymise;
        assert!(matches!(
            decide(&rules, &events, true, today),
            RetentionState::Held { .. }
        ));
        rules[0].rule.action = RetentionAction::Restrict;
        assert!(matches!(
            decide(&rules, &events, true, today),
            RetentionState::Due {
                action: RetentionAction::Restrict,
                ..
            }
        ));
        let mut hold = LegalHold::place(
            datetime!(2026-01-01 9:00 UTC),
            Uuid::nil(),
            "claim by customer",
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(is_held(std::slice::from_ref(&hold)));
        assert_eq!(
            hold.lift(datetime!(2026-02-01 9:00 UTC), Uuid::nil(), " "),
            Err(HoldError::NoReason)
        );
        assert!(hold.is_active());
        assert_eq!(
            hold.lift(datetime!(2026-02-01 9:00 UTC), Uuid::nil(), "settled"),
            Ok(())
        );
        assert!(!is_held(&[hold.clone()]));
        assert_eq!(
            hold.lift(datetime!(2026-02-02 9:00 UTC), Uuid::nil(), "again"),
            Err(HoldError::AlreadyLifted)
        );
        assert_eq!(
            LegalHold::place(datetime!(2026-01-01 9:00 UTC), Uuid::nil(), "").err(),
            Some(HoldError::NoReason)
        );
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        assert!(may_approve(true, a, b) && !may_approve(true, a, a) && may_approve(false, a, a));
    }

    #[test]
    fn the_most_specific_rule_of_an_activity_applies_and_drafts_do_not_count() {
        // NL payroll: the ID copy has its own 5-year rule, everything else the fiscal catch-all.
        let mut nl = register(Jurisdiction::Nl, &["payroll"]);
        let staff = subjects(&["employee"]);
        let copy = applicable_rules(
            &nl,
            &staff,
            &cats(&["user.government_id.identity_document_copy"]),
        );
        assert_eq!(copy.len(), 1);
        assert_eq!(copy[0].rule.starts, RetentionStart::EndOfEmployment);
        assert_eq!(
            copy[0].rule.period,
            Period {
                amount: 5,
                unit: PeriodUnit::Years
            }
        );
        let salary = applicable_rules(&nl, &staff, &cats(&["user.financial.salary"]));
        assert_eq!(salary[0].rule.starts, RetentionStart::EndOfFinancialYear);
        // A category under one the activity processes is covered by it.
        assert_eq!(
            applicable_rules(&nl, &staff, &cats(&["user.contact.address.postal_code"])).len(),
            1
        );
        // Not the activity's subjects, or not its categories: nothing.
        assert!(
            applicable_rules(
                &nl,
                &subjects(&["customer"]),
                &cats(&["user.financial.salary"])
            )
            .is_empty()
        );
        assert!(applicable_rules(&nl, &staff, &cats(&["user.contact.email"])).is_empty());
        nl.activities[0].status = ActivityStatus::Ended;
        assert_eq!(
            applicable_rules(&nl, &staff, &cats(&["user.financial.salary"])).len(),
            1
        );
        nl.activities[0].status = ActivityStatus::Draft;
        assert!(applicable_rules(&nl, &staff, &cats(&["user.financial.salary"])).is_empty());
    }

    #[test]
    fn on_the_same_day_the_less_destructive_action_wins() {
        let nl = register(Jurisdiction::Nl, &["customer_administration"]);
        let base = applicable_rules(&nl, &subjects(&["customer"]), &cats(&["user.name"]));
        let mut anonymise = base[0].clone();
        anonymise.rule.action = RetentionAction::Anonymise;
        let events = EventDates::new().with(
            RetentionStart::EndOfContract,
            EventDate::Occurred(date!(2020 - 01 - 01)),
        );
        for rules in [
            vec![base[0].clone(), anonymise.clone()],
            vec![anonymise, base[0].clone()],
        ] {
            assert!(matches!(
                decide(&rules, &events, false, date!(2026 - 01 - 01)),
                RetentionState::Due {
                    action: RetentionAction::Anonymise,
                    ..
                }
            ));
        }
    }

    #[test]
    fn review_list_says_what_when_and_why() {
        let nl = register(
            Jurisdiction::Nl,
            &["customer_administration", "job_applicants"],
        );
        let customer = applicable_rules(&nl, &subjects(&["customer"]), &cats(&["user.name"]));
        let applicant = applicable_rules(&nl, &subjects(&["job_applicant"]), &cats(&["user.name"]));
        let today = date!(2026 - 03 - 01);
        let ended =
            |d| EventDates::new().with(RetentionStart::EndOfContract, EventDate::Occurred(d));
        let procedure =
            |d| EventDates::new().with(RetentionStart::EndOfProcedure, EventDate::Occurred(d));
        let id = |n: u128| Uuid::from_u128(n);
        let records = vec![
            (
                RetentionTarget::Relation { id: id(1) },
                decide(&customer, &ended(date!(2024 - 02 - 28)), false, today),
            ),
            (
                RetentionTarget::Relation { id: id(2) },
                decide(&customer, &ended(date!(2024 - 02 - 29)), false, today),
            ),
            (
                RetentionTarget::Relation { id: id(3) },
                decide(&customer, &ended(date!(2024 - 03 - 14)), false, today),
            ),
            (
                RetentionTarget::Relation { id: id(4) },
                decide(&customer, &ended(date!(2023 - 01 - 01)), true, today),
            ),
            (
                RetentionTarget::Relation { id: id(5) },
                decide(&customer, &EventDates::new(), false, today),
            ),
            (
                RetentionTarget::Relation { id: id(6) },
                decide(&applicant, &procedure(date!(2026 - 02 - 01)), false, today),
            ),
            (
                RetentionTarget::Relation { id: id(7) },
                decide(&applicant, &procedure(date!(2026 - 02 - 15)), false, today),
            ),
        ];
        let list = review_list(records, today, 14);
        let got: Vec<_> = list.iter().map(|i| (i.target, i.status, i.due)).collect();
        let rel = |n| RetentionTarget::Relation { id: id(n) };
        // The window ends on 15 March 2026.
        assert_eq!(
            got,
            vec![
                // Kept through 28 February 2026 (two years from 28 February 2024), due 1 March.
                (rel(1), ReviewStatus::Due, Some(date!(2026 - 03 - 01))),
                // From 29 February 2024: two years end on 28 February 2026 (no 29th), due 1 March as well.
                (rel(2), ReviewStatus::Due, Some(date!(2026 - 03 - 01))),
                (rel(4), ReviewStatus::Held, Some(date!(2025 - 01 - 02))),
                (rel(5), ReviewStatus::CannotTell, None),
                // Four weeks from 1 February: kept through 1 March, due 2 March.
                (rel(6), ReviewStatus::Upcoming, Some(date!(2026 - 03 - 02))),
                // Due on the window's last day; relation 7 (due 16 March) is not listed yet.
                (rel(3), ReviewStatus::Upcoming, Some(date!(2026 - 03 - 15))),
            ]
        );
        let json = serde_json::to_value(&list[2]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(json["status"], "held");
        assert_eq!(json["action"], "restrict");
        assert_eq!(json["reason"]["starts"], "end_of_contract");
        let held = &list[2];
        assert_eq!(held.action, RetentionAction::Restrict);
        assert!(held.reason.legal_reference.contains("7:23 BW"));
        assert!(!held.reason.statutory);
    }

    #[test]
    fn relation_events_are_derived_and_never_guessed_early() {
        let captured = date!(2015 - 03 - 01);
        let base = RelationEvents {
            ended: None,
            employment_ended: None,
            last_activity: None,
            fiscal_year_end: None,
            withdrawn: None,
            captured,
            last_change: date!(2016 - 05 - 05),
        };
        let d = relation_event_dates(&base);
        assert_eq!(d.get(RetentionStart::EndOfContract), EventDate::Pending);
        assert_eq!(
            d.get(RetentionStart::EndOfFinancialYear),
            EventDate::Pending
        );
        assert_eq!(
            d.get(RetentionStart::LastContact),
            EventDate::Occurred(date!(2016 - 05 - 05))
        );
        assert_eq!(
            d.get(RetentionStart::Collection),
            EventDate::Occurred(captured)
        );
        let ended = RelationEvents {
            ended: Some(date!(2018 - 06 - 30)),
            ..base
        };
        let d = relation_event_dates(&ended);
        assert_eq!(
            d.get(RetentionStart::EndOfFinancialYear),
            EventDate::Occurred(date!(2018 - 12 - 31))
        );
        assert_eq!(
            d.get(RetentionStart::EndOfEmployment),
            EventDate::Occurred(date!(2018 - 06 - 30))
        );
        // A customer whose relationship ended eight years ago is due under NL fiscal retention.
        let nl = register(Jurisdiction::Nl, &["customer_administration", "invoicing"]);
        let rules = applicable_rules(&nl, &subjects(&["customer"]), &cats(&["user.name"]));
        assert!(matches!(
            decide(&rules, &d, false, date!(2026 - 12 - 07)),
            RetentionState::Due { .. }
        ));
        assert!(matches!(
            decide(
                &rules,
                &relation_event_dates(&base),
                false,
                date!(2099 - 01 - 01)
            ),
            RetentionState::Running { .. }
        ));
    }

    #[test]
    fn an_invoice_is_kept_for_its_fiscal_years_and_then_due() {
        let nl = register(Jurisdiction::Nl, &["customer_administration", "invoicing"]);
        let all: Vec<DataSubjectCategory> = DataSubjectCategory::all().collect();
        let rules = applicable_rules(
            &nl,
            &all,
            &document_class_categories(DocumentClass::Invoice),
        );
        let events = document_event_dates(date!(2020 - 03 - 10));
        let state = decide(&rules, &events, false, date!(2027 - 12 - 31));
        assert!(
            matches!(state, RetentionState::NotYet { due, .. } if due == date!(2028 - 01 - 01)),
            "{state:?}"
        );
        assert!(matches!(
            decide(&rules, &events, false, date!(2028 - 01 - 01)),
            RetentionState::Due { .. }
        ));
    }

    #[test]
    fn the_candidate_cutoff_never_misses_a_due_record() {
        let by = date!(2026 - 03 - 01);
        for (amount, unit) in [
            (7, PeriodUnit::Years),
            (2, PeriodUnit::Years),
            (4, PeriodUnit::Weeks),
            (6, PeriodUnit::Months),
            (30, PeriodUnit::Days),
        ] {
            let period = Period { amount, unit };
            let cut = latest_event_due_by(period, by).unwrap_or_else(|| panic!("cut"));
            // Every event after the cutoff falls due after `by`.
            let mut event = cut;
            for _ in 0..400 {
                event = event.next_day().unwrap_or_else(|| panic!("day"));
                let due = period_due(event, period).unwrap_or_else(|| panic!("due"));
                assert!(due > by, "{period:?} from {event} due {due}");
            }
        }
    }
}
