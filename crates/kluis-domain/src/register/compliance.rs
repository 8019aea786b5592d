//! The compliance check over the register and the inventory: each rule yields findings with a severity, the
//! article it rests on, what it is about, where to fix it and a catalogue message; the score and the three
//! things to do first follow from the findings.
//!
//! Pure: the app adds the findings of modules' own checks (documents, later consents and breaches) and keeps
//! the score history.

use std::collections::BTreeMap;

use serde::Serialize;
use time::Date;
use uuid::Uuid;

use super::agreements::{AgreementState, EXPIRY_WARNING_DAYS, agreement_state, needs_safeguard};
use super::inventory::{Gap, Inventory};
use super::model::{
    ActivityStatus, DpiaStatus, Jurisdiction, ProcessingActivity, Recipient, RecipientRole,
    Register,
};
use crate::legal_basis::LawfulBasis;

vocabulary! {
    /// How urgent a finding is. Ordered: `Low < Medium < High < Critical`.
    Severity {
        Low => "low",
        Medium => "medium",
        High => "high",
        Critical => "critical",
    }
}

impl Severity {
    /// Points a finding of this severity takes off the score.
    pub const fn weight(self) -> u32 {
        match self {
            Severity::Low => 1,
            Severity::Medium => 3,
            Severity::High => 8,
            Severity::Critical => 20,
        }
    }
}

vocabulary! {
    /// The trade association's step plan, in its order: what to do first comes first.
    Step {
        /// (1) Know what personal data you hold, why, where, with whom, how long.
        Inventory => "inventory",
        /// Keep the register of processing activities.
        Register => "register",
        /// Tell people in a privacy statement.
        Statement => "statement",
        /// Sign processing agreements with processors.
        Agreements => "agreements",
        /// Know how to report a breach.
        BreachProcedure => "breach_procedure",
    }
}

/// What a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Subject {
    Organisation,
    Activity {
        id: Uuid,
        name: String,
    },
    Recipient {
        id: Uuid,
        name: String,
    },
    /// A category of personal data, by its vocabulary key.
    Category {
        key: String,
    },
    /// Something a module counts (documents, requests, …), named by the module.
    Module {
        module: String,
    },
}

/// Where a finding is fixed; the web maps it to a page with [`Fix::path`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "page", rename_all = "snake_case")]
pub enum Fix {
    Inventory,
    Activities,
    Activity {
        id: Uuid,
    },
    Recipients,
    Recipient {
        id: Uuid,
    },
    Profile,
    Statement,
    Review,
    /// A module's own page, as a path below `/o/{org}`.
    Page {
        path: String,
    },
}

impl Fix {
    /// The page below `/o/{org}` where this is fixed. The register pages are other modules'; their paths are
    /// named here once.
    pub fn path(&self) -> String {
        match self {
            Fix::Inventory => "/inventory".into(),
            Fix::Activities => "/register".into(),
            Fix::Activity { id } => format!("/register/activities/{id}"),
            Fix::Recipients => "/recipients".into(),
            Fix::Recipient { id } => format!("/recipients/{id}"),
            Fix::Profile => "/profile".into(),
            Fix::Statement => "/statement".into(),
            Fix::Review => "/reviews".into(),
            Fix::Page { path } => path.clone(),
        }
    }
}

/// One thing the organisation should put right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's stable key, e.g. `activity.no_legal_basis`.
    pub id: String,
    pub severity: Severity,
    /// The article it rests on, e.g. "Art. 30(1)(f)".
    pub article: String,
    pub step: Step,
    pub subject: Subject,
    pub fix: Fix,
    /// Catalogue key of the message; its explanation is `<message>-explain`.
    pub message: String,
    /// The message's arguments (names, counts). A [`Subject::Category`] also gets `$category` from the web.
    pub args: BTreeMap<String, String>,
}

impl Finding {
    /// A finding of rule `id` whose message key is `compliance-<id with dashes>`.
    pub fn new(
        id: &str,
        severity: Severity,
        article: &str,
        step: Step,
        subject: Subject,
        fix: Fix,
    ) -> Finding {
        Finding {
            id: id.to_owned(),
            severity,
            article: article.to_owned(),
            step,
            subject,
            fix,
            message: format!("compliance-{}", id.replace(['.', '_'], "-")),
            args: BTreeMap::new(),
        }
    }

    pub fn arg(mut self, name: &str, value: impl ToString) -> Finding {
        self.args.insert(name.to_owned(), value.to_string());
        self
    }
}

/// Every rule [`check`] applies, by its stable key (each has a message and an explanation in the catalogue).
pub const RULES: &[&str] = &[
    "activity.no_legal_basis",
    "activity.no_balancing_test",
    "activity.special_no_ground",
    "activity.special_no_uavg",
    "activity.criminal_no_basis",
    "activity.national_id_no_statute",
    "activity.retention_missing",
    "activity.transfer_no_safeguard",
    "activity.dpia_not_screened",
    "activity.dpia_due",
    "recipient.agreement_missing",
    "recipient.agreement_incomplete",
    "agreement.expired",
    "recipient.transfer_no_safeguard",
    "recipient.subprocessor_transfer_no_safeguard",
    "inventory.not_covered",
    "inventory.not_held",
    "inventory.no_retention",
    "statement.missing",
    "statement.outdated",
    "register.never_reviewed",
    "register.not_reviewed",
    "profile.register_assessment_missing",
    "profile.dpo_assessment_missing",
];

/// What the check needs beyond the register that no module keeps yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckContext {
    pub today: Date,
    /// When the current privacy statement was published, if ever.
    pub statement_published: Option<Date>,
    /// When the register last changed, if known.
    pub register_changed: Option<Date>,
}

impl CheckContext {
    pub fn new(today: Date) -> CheckContext {
        CheckContext {
            today,
            statement_published: None,
            register_changed: None,
        }
    }
}

fn activity_subject(a: &ProcessingActivity) -> Subject {
    Subject::Activity {
        id: a.id,
        name: a.name.clone(),
    }
}

fn recipient_subject(r: &Recipient) -> Subject {
    Subject::Recipient {
        id: r.id,
        name: r.name.clone(),
    }
}

/// The date one year before `d` (29 February → 28 February).
fn a_year_before(d: Date) -> Date {
    d.replace_year(d.year() - 1)
        .or_else(|_| d.replace_day(28).and_then(|d| d.replace_year(d.year() - 1)))
        .unwrap_or(d)
}

/// Every finding of the register and inventory rules, in rule order.
pub fn check(register: &Register, inventory: &Inventory, ctx: &CheckContext) -> Vec<Finding> {
    let mut out = Vec::new();
    let active: Vec<&ProcessingActivity> = register
        .activities
        .iter()
        .filter(|a| a.status == ActivityStatus::Active)
        .collect();
    for a in &active {
        activity_rules(register, a, &mut out);
    }
    recipient_rules(register, &active, ctx.today, &mut out);
    inventory_rules(inventory, &mut out);
    organisation_rules(register, ctx, &mut out);
    out
}

fn activity_rules(register: &Register, a: &ProcessingActivity, out: &mut Vec<Finding>) {
    let f = |id: &str, sev: Severity, article: &str| {
        Finding::new(
            id,
            sev,
            article,
            Step::Register,
            activity_subject(a),
            Fix::Activity { id: a.id },
        )
        .arg("activity", &a.name)
    };
    match a.lawful_basis {
        None => out.push(f("activity.no_legal_basis", Severity::High, "Art. 6(1)")),
        Some(LawfulBasis::LegitimateInterests) if a.balancing_test.trim().is_empty() => {
            out.push(f(
                "activity.no_balancing_test",
                Severity::Medium,
                "Art. 6(1)(f)",
            ))
        }
        Some(_) => {}
    }
    if a.categories.iter().any(|c| c.is_special()) {
        if a.special_ground.is_none() {
            out.push(f("activity.special_no_ground", Severity::High, "Art. 9(2)"));
        } else if register.profile.jurisdiction == Some(Jurisdiction::Nl)
            && a.uavg_article.trim().is_empty()
        {
            out.push(f(
                "activity.special_no_uavg",
                Severity::Medium,
                "Art. 9(2); UAVG",
            ));
        }
    }
    if a.categories.iter().any(|c| c.is_criminal()) && a.criminal_data_basis.trim().is_empty() {
        out.push(f("activity.criminal_no_basis", Severity::High, "Art. 10"));
    }
    if a.categories.iter().any(|c| c.is_national_id()) && a.national_id_statute.trim().is_empty() {
        out.push(f(
            "activity.national_id_no_statute",
            Severity::High,
            "Art. 87; UAVG art. 46",
        ));
    }
    if a.retention.is_empty() {
        out.push(f(
            "activity.retention_missing",
            Severity::Medium,
            "Art. 30(1)(f)",
        ));
    }
    for t in &a.transfers {
        if needs_safeguard(&t.country) && t.safeguard.is_none() {
            out.push(
                f(
                    "activity.transfer_no_safeguard",
                    Severity::High,
                    "Art. 44-46",
                )
                .arg("country", t.country.trim().to_ascii_uppercase()),
            );
        }
    }
    match a.dpia {
        DpiaStatus::NotScreened => {
            out.push(f("activity.dpia_not_screened", Severity::Medium, "Art. 35"))
        }
        DpiaStatus::Required => out.push(f("activity.dpia_due", Severity::High, "Art. 35(1)")),
        DpiaStatus::NotRequired | DpiaStatus::Done => {}
    }
}

fn recipient_rules(
    register: &Register,
    active: &[&ProcessingActivity],
    today: Date,
    out: &mut Vec<Finding>,
) {
    for r in &register.recipients {
        let linked = active.iter().any(|a| a.recipients.contains(&r.id));
        let f = |id: &str, sev: Severity, article: &str, step: Step| {
            Finding::new(
                id,
                sev,
                article,
                step,
                recipient_subject(r),
                Fix::Recipient { id: r.id },
            )
            .arg("recipient", &r.name)
        };
        if r.role == RecipientRole::Processor {
            match agreement_state(r, today, EXPIRY_WARNING_DAYS) {
                // Lapsing soon is the recipients module's own finding; not needed: not a processor.
                AgreementState::Valid
                | AgreementState::Expiring { .. }
                | AgreementState::NotNeeded => {}
                // Every processor needs an agreement (Art. 28(3)); one that an active activity uses, urgently.
                AgreementState::Missing => out.push(f(
                    "recipient.agreement_missing",
                    if linked {
                        Severity::High
                    } else {
                        Severity::Medium
                    },
                    "Art. 28(3)",
                    Step::Agreements,
                )),
                AgreementState::Incomplete { missing } => out.push(
                    f(
                        "recipient.agreement_incomplete",
                        Severity::Medium,
                        "Art. 28(3)",
                        Step::Agreements,
                    )
                    .arg(
                        "points",
                        missing
                            .iter()
                            .map(|c| format!("({c})"))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ),
                AgreementState::Expired { on } => out.push(
                    f(
                        "agreement.expired",
                        if linked {
                            Severity::High
                        } else {
                            Severity::Medium
                        },
                        "Art. 28(3)",
                        Step::Agreements,
                    )
                    .arg("date", on),
                ),
            }
        }
        if needs_safeguard(&r.country) && r.transfer_safeguard.is_none() {
            out.push(
                f(
                    "recipient.transfer_no_safeguard",
                    Severity::High,
                    "Art. 44-46",
                    Step::Agreements,
                )
                .arg("country", r.country.trim().to_ascii_uppercase()),
            );
        } else if r.transfer_safeguard.is_none() {
            // A recipient outside the EEA without a safeguard is reported above; its sub-processors would only
            // repeat it.
            for s in r
                .sub_processors
                .iter()
                .filter(|s| needs_safeguard(&s.country))
            {
                out.push(
                    f(
                        "recipient.subprocessor_transfer_no_safeguard",
                        Severity::High,
                        "Art. 28(4); Art. 44-46",
                        Step::Agreements,
                    )
                    .arg("subprocessor", &s.name)
                    .arg("country", s.country.trim().to_ascii_uppercase()),
                );
            }
        }
    }
}

fn inventory_rules(inventory: &Inventory, out: &mut Vec<Finding>) {
    for row in &inventory.rows {
        let subject = Subject::Category {
            key: row.category.key().to_owned(),
        };
        let sensitive = !matches!(row.nature, super::CategoryNature::Ordinary);
        for gap in &row.gaps {
            let finding = match gap {
                Gap::NotCovered { held } => Finding::new(
                    "inventory.not_covered",
                    if sensitive {
                        Severity::High
                    } else {
                        Severity::Medium
                    },
                    "Art. 30(1)(c)",
                    Step::Inventory,
                    subject.clone(),
                    Fix::Inventory,
                )
                .arg("count", held),
                Gap::NotHeld { activities } => Finding::new(
                    "inventory.not_held",
                    Severity::Low,
                    "Art. 5(1)(c)",
                    Step::Inventory,
                    subject.clone(),
                    Fix::Inventory,
                )
                .arg(
                    "activities",
                    activities
                        .iter()
                        .map(|a| a.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                Gap::NoRetention { activities } => Finding::new(
                    "inventory.no_retention",
                    Severity::Medium,
                    "Art. 5(1)(e); Art. 30(1)(f)",
                    Step::Inventory,
                    subject.clone(),
                    match &activities[..] {
                        [one] => Fix::Activity { id: one.id },
                        _ => Fix::Inventory,
                    },
                )
                .arg(
                    "activities",
                    activities
                        .iter()
                        .map(|a| a.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            };
            out.push(finding);
        }
    }
}

fn organisation_rules(register: &Register, ctx: &CheckContext, out: &mut Vec<Finding>) {
    let org = |id: &str, sev: Severity, article: &str, step: Step, fix: Fix| {
        Finding::new(id, sev, article, step, Subject::Organisation, fix)
    };
    match ctx.statement_published {
        None => out.push(org(
            "statement.missing",
            Severity::High,
            "Art. 12-14",
            Step::Statement,
            Fix::Statement,
        )),
        Some(published) if ctx.register_changed.is_some_and(|c| c > published) => out.push(
            org(
                "statement.outdated",
                Severity::Medium,
                "Art. 13-14",
                Step::Statement,
                Fix::Statement,
            )
            .arg("date", published),
        ),
        Some(_) => {}
    }
    let year_ago = a_year_before(ctx.today);
    match register.last_review {
        None => out.push(org(
            "register.never_reviewed",
            Severity::Medium,
            "Art. 24(1); Art. 30",
            Step::Register,
            Fix::Review,
        )),
        Some(d) if d <= year_ago => out.push(
            org(
                "register.not_reviewed",
                Severity::Medium,
                "Art. 24(1); Art. 30",
                Step::Register,
                Fix::Review,
            )
            .arg("date", d),
        ),
        Some(_) => {}
    }
    if register.profile.register_assessment.is_none() {
        out.push(org(
            "profile.register_assessment_missing",
            Severity::Low,
            "Art. 30(5)",
            Step::Register,
            Fix::Profile,
        ));
    }
    if register.profile.dpo_assessment.is_none() && !register.profile.dpo.appointed {
        out.push(org(
            "profile.dpo_assessment_missing",
            Severity::Low,
            "Art. 37(1)",
            Step::Register,
            Fix::Profile,
        ));
    }
}

/// Findings counted by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SeverityCounts {
    pub low: u32,
    pub medium: u32,
    pub high: u32,
    pub critical: u32,
}

impl SeverityCounts {
    pub fn of(findings: &[Finding]) -> SeverityCounts {
        let mut c = SeverityCounts::default();
        for f in findings {
            match f.severity {
                Severity::Low => c.low += 1,
                Severity::Medium => c.medium += 1,
                Severity::High => c.high += 1,
                Severity::Critical => c.critical += 1,
            }
        }
        c
    }

    /// Findings at or above `level`.
    pub fn at_least(&self, level: Severity) -> u32 {
        [
            (Severity::Low, self.low),
            (Severity::Medium, self.medium),
            (Severity::High, self.high),
            (Severity::Critical, self.critical),
        ]
        .iter()
        .filter(|(s, _)| *s >= level)
        .map(|(_, n)| n)
        .sum()
    }
}

/// The organisation's compliance score and what to do first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Score {
    /// 0-100: 100 less the severity weights of the findings, at least 0.
    pub score: u8,
    pub counts: SeverityCounts,
    /// Up to three findings of different rules: the step plan's order first, then the most severe.
    pub top_three: Vec<Finding>,
}

impl Score {
    pub fn of(findings: &[Finding]) -> Score {
        let penalty: u32 = findings.iter().map(|f| f.severity.weight()).sum();
        let score = 100u32.saturating_sub(penalty);
        let mut ordered: Vec<&Finding> = findings.iter().collect();
        // Stable: among equals the rules' own order stays.
        ordered.sort_by(|a, b| a.step.cmp(&b.step).then(b.severity.cmp(&a.severity)));
        let mut top_three: Vec<Finding> = Vec::new();
        for f in ordered {
            if top_three.len() == 3 {
                break;
            }
            if !top_three.iter().any(|t| t.id == f.id) {
                top_three.push(f.clone());
            }
        }
        Score {
            score: u8::try_from(score).unwrap_or(100),
            counts: SeverityCounts::of(findings),
            top_three,
        }
    }
}

#[cfg(test)]
mod tests;
