//! The risk of a breach and what it asks: no risk likely → document it (Art. 33(5)); a risk → notify the
//! authority within 72 hours (Art. 33(1)); a high risk → also tell the people (Art. 34(1)) unless one of the
//! exceptions of Art. 34(3) applies. The guidance proposes a level from the facts (EDPB guidelines 01/2021 and
//! 9/2022); the organisation decides and gives its rationale.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::clock::BreachClock;
use super::incident::BreachNature;
use crate::register::{CategoryNature, DataCategory};

vocabulary! {
    /// The organisation's assessment of the risk to the people's rights and freedoms.
    RiskLevel {
        /// "Unlikely to result in a risk" (Art. 33(1)): documented, not notified.
        Unlikely => "unlikely",
        Risk => "risk",
        High => "high",
    }
}

impl RiskLevel {
    /// Whether the authority must be notified (Art. 33(1)).
    pub const fn authority_must_know(self) -> bool {
        !matches!(self, RiskLevel::Unlikely)
    }

    /// Whether the people must be told, before any exception (Art. 34(1)).
    pub const fn people_must_know(self) -> bool {
        matches!(self, RiskLevel::High)
    }
}

vocabulary! {
    /// Why the people need not be told of a high-risk breach (Art. 34(3)).
    PeopleException {
        /// (a) The data were unintelligible to anyone not authorised (encrypted, the key safe).
        Unintelligible => "unintelligible",
        /// (b) Later measures make the high risk no longer likely.
        RiskNeutralised => "risk_neutralised",
        /// (c) It would take disproportionate effort: a public communication informs them instead.
        DisproportionateEffort => "disproportionate_effort",
    }
}

impl PeopleException {
    pub const fn article(self) -> &'static str {
        match self {
            PeopleException::Unintelligible => "Art. 34(3)(a)",
            PeopleException::RiskNeutralised => "Art. 34(3)(b)",
            PeopleException::DisproportionateEffort => "Art. 34(3)(c)",
        }
    }
}

/// The facts the guidance weighs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RiskFacts {
    pub nature: BTreeSet<BreachNature>,
    pub categories: Vec<DataCategory>,
    /// Distinct people affected (the larger of the stated maximum and the linked count).
    pub people: u64,
    /// The data were encrypted (or otherwise unintelligible) and the key was not compromised.
    pub unintelligible: bool,
    /// What was lost could be restored from a backup in time (availability only).
    pub restored_from_backup: bool,
    /// The data are back or proven destroyed (a misdirected mail deleted unread, a device recovered unopened).
    pub contained: bool,
    /// Children or others in a vulnerable position are among the people.
    pub vulnerable_people: bool,
}

vocabulary! {
    /// What weighed in the guidance, for the rationale the organisation writes.
    RiskFactor {
        Unintelligible => "unintelligible",
        RestoredFromBackup => "restored_from_backup",
        Contained => "contained",
        SpecialCategories => "special_categories",
        CriminalData => "criminal_data",
        NationalId => "national_id",
        /// Bank or card numbers, identity documents, passwords: data that enable fraud or identity theft.
        FraudEnabling => "fraud_enabling",
        ManyPeople => "many_people",
        VulnerablePeople => "vulnerable_people",
    }
}

/// From this many people a breach of confidentiality is weighed as large.
pub const MANY_PEOPLE: u64 = 1_000;

/// A proposed level and what led to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskGuidance {
    pub suggested: RiskLevel,
    pub factors: Vec<RiskFactor>,
}

fn fraud_enabling(key: &str) -> bool {
    key.starts_with("user.financial.bank_account")
        || key.starts_with("user.financial.credit_card")
        || key.starts_with("user.government_id")
        || key.starts_with("user.authorization")
}

/// Proposes a level for `facts`. Unintelligible data, or a loss restored from a backup, make a risk unlikely
/// (EDPB 01/2021, cases 1 and 4); special-category, criminal or national-ID data, data that enable fraud, or
/// vulnerable people make a leak a high risk; otherwise a leak of many people's data is a risk, and so is any
/// breach not shown to be harmless.
pub fn guidance(facts: &RiskFacts) -> RiskGuidance {
    let mut factors = Vec::new();
    let confidentiality = facts.nature.contains(&BreachNature::Confidentiality);
    let only_availability =
        facts.nature.len() == 1 && facts.nature.contains(&BreachNature::Availability);
    if facts.unintelligible && !facts.nature.contains(&BreachNature::Integrity) {
        factors.push(RiskFactor::Unintelligible);
        return RiskGuidance {
            suggested: RiskLevel::Unlikely,
            factors,
        };
    }
    if only_availability && facts.restored_from_backup {
        factors.push(RiskFactor::RestoredFromBackup);
        return RiskGuidance {
            suggested: RiskLevel::Unlikely,
            factors,
        };
    }
    let mut high = false;
    for c in &facts.categories {
        let factor = match c.nature {
            CategoryNature::Special(_) => Some(RiskFactor::SpecialCategories),
            CategoryNature::Criminal => Some(RiskFactor::CriminalData),
            CategoryNature::NationalId => Some(RiskFactor::NationalId),
            CategoryNature::Ordinary if fraud_enabling(c.key()) => Some(RiskFactor::FraudEnabling),
            CategoryNature::Ordinary => None,
        };
        if let Some(f) = factor {
            if !factors.contains(&f) {
                factors.push(f);
            }
            high = true;
        }
    }
    if facts.vulnerable_people {
        factors.push(RiskFactor::VulnerablePeople);
        high = true;
    }
    if facts.people >= MANY_PEOPLE {
        factors.push(RiskFactor::ManyPeople);
    }
    if facts.contained && confidentiality {
        // A contained leak lowers the level by one: the data are back, but someone may have seen them.
        factors.push(RiskFactor::Contained);
        return RiskGuidance {
            suggested: if high {
                RiskLevel::Risk
            } else {
                RiskLevel::Unlikely
            },
            factors,
        };
    }
    let suggested = if high && (confidentiality || facts.nature.contains(&BreachNature::Integrity))
    {
        RiskLevel::High
    } else {
        RiskLevel::Risk
    };
    RiskGuidance { suggested, factors }
}

/// The organisation's decision on a breach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub risk: RiskLevel,
    /// Why this level: always required (Art. 33(5) asks the register to show the reasoning).
    pub rationale: String,
    pub notify_authority: bool,
    pub notify_people: bool,
    /// Why the people are not told of a high risk.
    pub people_exception: Option<PeopleException>,
    #[serde(default)]
    pub exception_explanation: String,
    /// A public communication instead of telling each person (required with Art. 34(3)(c)).
    #[serde(default)]
    pub public_communication: bool,
    /// Why the authority is notified after 72 hours (Art. 33(1)).
    #[serde(default)]
    pub delay_reason: String,
    pub decided_at: OffsetDateTime,
}

/// A decision the law does not allow, naming the field to correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionProblem {
    RationaleMissing,
    /// A risk, and no notification to the authority.
    AuthorityRequired,
    /// A high risk, the people not told, and no exception.
    PeopleRequired,
    ExceptionExplanationMissing,
    /// An exception given while the people are told anyway, or without a high risk.
    ExceptionNotApplicable,
    /// Art. 34(3)(c) without the public communication that replaces the individual notices.
    PublicCommunicationRequired,
    /// Notified after the 72 hours without the reasons for the delay.
    DelayReasonRequired,
}

impl DecisionProblem {
    pub fn field(self) -> &'static str {
        match self {
            DecisionProblem::RationaleMissing => "rationale",
            DecisionProblem::AuthorityRequired => "notify_authority",
            DecisionProblem::PeopleRequired => "notify_people",
            DecisionProblem::ExceptionExplanationMissing => "exception_explanation",
            DecisionProblem::ExceptionNotApplicable => "people_exception",
            DecisionProblem::PublicCommunicationRequired => "public_communication",
            DecisionProblem::DelayReasonRequired => "delay_reason",
        }
    }
}

/// Checks `d` for a breach with `clock`; `notified_at` is when the authority was (or is now being) notified.
pub fn check_decision(
    d: &Decision,
    clock: &BreachClock,
    notified_at: Option<OffsetDateTime>,
) -> Vec<DecisionProblem> {
    let mut out = Vec::new();
    if d.rationale.trim().is_empty() {
        out.push(DecisionProblem::RationaleMissing);
    }
    if d.risk.authority_must_know() && !d.notify_authority {
        out.push(DecisionProblem::AuthorityRequired);
    }
    match d.people_exception {
        Some(_) if d.notify_people || !d.risk.people_must_know() => {
            out.push(DecisionProblem::ExceptionNotApplicable)
        }
        Some(e) => {
            if d.exception_explanation.trim().is_empty() {
                out.push(DecisionProblem::ExceptionExplanationMissing);
            }
            if e == PeopleException::DisproportionateEffort && !d.public_communication {
                out.push(DecisionProblem::PublicCommunicationRequired);
            }
        }
        None if d.risk.people_must_know() && !d.notify_people => {
            out.push(DecisionProblem::PeopleRequired)
        }
        None => {}
    }
    if d.notify_authority
        && notified_at.is_some_and(|at| clock.delay_reason_required(at))
        && d.delay_reason.trim().is_empty()
    {
        out.push(DecisionProblem::DelayReasonRequired);
    }
    out
}

/// What a breach still lacks at `now`, for the compliance check and the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenIssue {
    /// The 72 hours are over and nothing is decided.
    UndecidedPastDeadline,
    /// The authority must be notified and has not been.
    AuthorityNotNotified { overdue: bool },
    /// A high risk, no exception, and the people have not been told.
    PeopleNotTold,
}

/// The open issues of a breach aware since `clock`, with decision `decision` (if any), the authority notified
/// at `authority_notified_at` and the people told at `people_told_at`.
pub fn open_issues(
    clock: &BreachClock,
    decision: Option<&Decision>,
    authority_notified_at: Option<OffsetDateTime>,
    people_told_at: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> Vec<OpenIssue> {
    let mut out = Vec::new();
    let Some(d) = decision else {
        if clock.is_overdue(now) {
            out.push(OpenIssue::UndecidedPastDeadline);
        }
        return out;
    };
    if d.notify_authority && authority_notified_at.is_none() {
        out.push(OpenIssue::AuthorityNotNotified {
            overdue: clock.is_overdue(now),
        });
    }
    if d.risk.people_must_know() && d.people_exception.is_none() && people_told_at.is_none() {
        out.push(OpenIssue::PeopleNotTold);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;
    use time::macros::datetime;

    fn cat(key: &str) -> DataCategory {
        key.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    fn leak(categories: &[&str]) -> RiskFacts {
        RiskFacts {
            nature: [BreachNature::Confidentiality].into(),
            categories: categories.iter().map(|k| cat(k)).collect(),
            people: 12,
            ..Default::default()
        }
    }

    #[test]
    fn the_guidance_follows_the_edpb_cases() {
        // A lost laptop, encrypted, the key safe: unlikely to be a risk.
        let mut laptop = leak(&["user.health_and_medical", "user.name"]);
        laptop.unintelligible = true;
        assert_eq!(guidance(&laptop).suggested, RiskLevel::Unlikely);
        // Not encrypted: health data leaked is a high risk.
        laptop.unintelligible = false;
        let g = guidance(&laptop);
        assert_eq!(g.suggested, RiskLevel::High);
        assert_eq!(g.factors, vec![RiskFactor::SpecialCategories]);
        // Names and e-mail addresses of a newsletter: a risk.
        assert_eq!(
            guidance(&leak(&["user.name", "user.contact.email"])).suggested,
            RiskLevel::Risk
        );
        // BSN or bank account numbers enable fraud: high.
        assert_eq!(
            guidance(&leak(&[
                "user.government_id.national_identification_number.bsn"
            ]))
            .suggested,
            RiskLevel::High
        );
        assert_eq!(
            guidance(&leak(&["user.financial.bank_account"])).factors,
            vec![RiskFactor::FraudEnabling]
        );
        // Ransomware with a good backup: availability restored, unlikely.
        let ransom = RiskFacts {
            nature: [BreachNature::Availability].into(),
            categories: vec![cat("user.name")],
            restored_from_backup: true,
            ..Default::default()
        };
        assert_eq!(guidance(&ransom).suggested, RiskLevel::Unlikely);
        // A misdirected mail deleted unread: one level lower.
        let mut mail = leak(&["user.health_and_medical"]);
        mail.contained = true;
        assert_eq!(guidance(&mail).suggested, RiskLevel::Risk);
        let mut many = leak(&["user.name"]);
        many.people = 5_000;
        assert!(guidance(&many).factors.contains(&RiskFactor::ManyPeople));
    }

    fn decision(risk: RiskLevel) -> Decision {
        Decision {
            risk,
            rationale: "Health data of twelve clients, not encrypted.".into(),
            notify_authority: risk.authority_must_know(),
            notify_people: risk.people_must_know(),
            people_exception: None,
            exception_explanation: String::new(),
            public_communication: false,
            delay_reason: String::new(),
            decided_at: datetime!(2026-12-06 10:00 UTC),
        }
    }

    #[test]
    fn a_decision_follows_articles_33_and_34() {
        let clock = BreachClock::new(datetime!(2026-12-06 09:00 UTC));
        let in_time = Some(datetime!(2026-12-07 09:00 UTC));
        for r in RiskLevel::ALL {
            assert!(check_decision(&decision(*r), &clock, in_time).is_empty());
        }
        let mut d = decision(RiskLevel::Risk);
        d.notify_authority = false;
        d.rationale = " ".into();
        assert_eq!(
            check_decision(&d, &clock, None),
            vec![
                DecisionProblem::RationaleMissing,
                DecisionProblem::AuthorityRequired
            ]
        );
        let mut d = decision(RiskLevel::High);
        d.notify_people = false;
        assert_eq!(
            check_decision(&d, &clock, in_time),
            vec![DecisionProblem::PeopleRequired]
        );
        d.people_exception = Some(PeopleException::DisproportionateEffort);
        let p = check_decision(&d, &clock, in_time);
        assert_eq!(
            p,
            vec![
                DecisionProblem::ExceptionExplanationMissing,
                DecisionProblem::PublicCommunicationRequired
            ]
        );
        assert_eq!(p[1].field(), "public_communication");
        d.exception_explanation = "40,000 former members without current addresses.".into();
        d.public_communication = true;
        assert!(check_decision(&d, &clock, in_time).is_empty());
        // An exception for a mere risk makes no sense.
        let mut d = decision(RiskLevel::Risk);
        d.people_exception = Some(PeopleException::Unintelligible);
        d.exception_explanation = "encrypted".into();
        assert_eq!(
            check_decision(&d, &clock, in_time),
            vec![DecisionProblem::ExceptionNotApplicable]
        );
        // After 72 hours the notification gives reasons for the delay.
        let late = Some(clock.deadline() + Duration::hours(1));
        let mut d = decision(RiskLevel::Risk);
        assert_eq!(
            check_decision(&d, &clock, late),
            vec![DecisionProblem::DelayReasonRequired]
        );
        d.delay_reason = "The processor told us only on day four.".into();
        assert!(check_decision(&d, &clock, late).is_empty());
        assert_eq!(PeopleException::Unintelligible.article(), "Art. 34(3)(a)");
    }

    #[test]
    fn open_issues_after_the_clock_and_for_a_high_risk() {
        let clock = BreachClock::new(datetime!(2026-12-01 09:00 UTC));
        let before = datetime!(2026-12-02 09:00 UTC);
        let after = datetime!(2026-12-05 09:00 UTC);
        assert!(open_issues(&clock, None, None, None, before).is_empty());
        assert_eq!(
            open_issues(&clock, None, None, None, after),
            vec![OpenIssue::UndecidedPastDeadline]
        );
        let high = decision(RiskLevel::High);
        assert_eq!(
            open_issues(&clock, Some(&high), None, None, after),
            vec![
                OpenIssue::AuthorityNotNotified { overdue: true },
                OpenIssue::PeopleNotTold
            ]
        );
        assert!(open_issues(&clock, Some(&high), Some(before), Some(before), after).is_empty());
        let unlikely = decision(RiskLevel::Unlikely);
        assert!(open_issues(&clock, Some(&unlikely), None, None, after).is_empty());
    }
}
