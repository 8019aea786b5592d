//! The privacy statement (GDPR Arts. 12-14, 21(4)) computed from the register: what it must say, taken from the
//! profile and the active processing activities, or the list of what is missing before it can be published.
//!
//! Only the content is decided here; the wording per language is the UI catalogue's (`statement-*` keys) and the
//! renderers (HTML, Markdown, PDF) only arrange it. Generation never papers over a gap: an item the law asks for
//! that the register does not answer is reported, and nothing is published.

use super::model::{
    ActivityStatus, Jurisdiction, ProcessingActivity, Register, RetentionRule, TransferSafeguard,
};
use super::vocabulary::{DataCategory, Purpose};
use crate::legal_basis::{LawfulBasis, SpecialCategoryGround};
use serde::Serialize;

vocabulary! {
    /// An item of Arts. 13-14 the statement must cover; the string form keys its catalogue label.
    StatementItem {
        /// Art. 13(1)(a): identity and contact details of the controller.
        ControllerIdentity => "controller_identity",
        /// Art. 13(1)(a): how to reach the controller.
        ControllerContact => "controller_contact",
        /// Art. 13(1)(b): contact details of the DPO, where one is appointed.
        DpoContact => "dpo_contact",
        /// Art. 13(1)(c): the purposes.
        Purposes => "purposes",
        /// Art. 13(1)(c): the legal basis.
        LegalBasis => "legal_basis",
        /// Art. 13(1)(d): the legitimate interests pursued, for Art. 6(1)(f).
        LegitimateInterests => "legitimate_interests",
        /// Art. 13(1)(f): the safeguard of a transfer outside the EEA.
        TransferSafeguard => "transfer_safeguard",
        /// Art. 13(2)(a): the storage period or the criteria for it.
        Retention => "retention",
        /// Art. 13(2)(d): the supervisory authority to complain to (from the jurisdiction).
        SupervisoryAuthority => "supervisory_authority",
        /// Art. 13(2)(e): whether providing the data is a statutory or contractual requirement.
        ProvisionRequirement => "provision_requirement",
        /// Art. 14(1)(d): the categories of data, when not obtained from the person.
        Categories => "categories",
        /// Art. 14(2)(f): the source, when not obtained from the person.
        Source => "source",
    }
}

impl StatementItem {
    /// The article that asks for the item.
    pub const fn article(self) -> &'static str {
        match self {
            StatementItem::ControllerIdentity | StatementItem::ControllerContact => "Art. 13(1)(a)",
            StatementItem::DpoContact => "Art. 13(1)(b)",
            StatementItem::Purposes | StatementItem::LegalBasis => "Art. 13(1)(c)",
            StatementItem::LegitimateInterests => "Art. 13(1)(d)",
            StatementItem::TransferSafeguard => "Art. 13(1)(f)",
            StatementItem::Retention => "Art. 13(2)(a)",
            StatementItem::SupervisoryAuthority => "Art. 13(2)(d)",
            StatementItem::ProvisionRequirement => "Art. 13(2)(e)",
            StatementItem::Categories => "Art. 14(1)(d)",
            StatementItem::Source => "Art. 14(2)(f)",
        }
    }
}

/// Something the statement cannot say yet, with the activity it concerns (by name) if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingItem {
    pub item: StatementItem,
    pub activity: Option<String>,
}

/// The controller as the statement names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ControllerPart {
    pub name: String,
    pub address: String,
    pub email: String,
    pub phone: String,
    pub website: String,
    pub registration_number: String,
    pub representative: String,
}

/// The DPO's contact details (Art. 13(1)(b)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DpoPart {
    pub name: String,
    pub email: String,
    pub phone: String,
}

/// What the statement says about whether the person must provide the data (Art. 13(2)(e)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Provision {
    /// The organisation's own words.
    Own(String),
    /// The usual consequence of the legal basis, worded by the catalogue.
    ForBasis(LawfulBasis),
}

/// Which right to object the statement must name separately for an activity (Art. 21(4)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ObjectionRight {
    /// No Art. 21 objection right beyond the general rights.
    None,
    /// Art. 21(1): processing on Art. 6(1)(e) or (f).
    OnGroundsOfSituation,
    /// Art. 21(2)-(3): direct marketing, an absolute right.
    DirectMarketing,
}

/// One active processing activity as the statement explains it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityPart {
    pub name: String,
    pub purposes: Vec<Purpose>,
    pub purpose_text: String,
    pub lawful_basis: LawfulBasis,
    pub special_ground: Option<SpecialCategoryGround>,
    /// Art. 13(1)(d), for (f).
    pub legitimate_interest: Option<String>,
    pub categories: Vec<DataCategory>,
    /// Art. 14(2)(f): set when the data is not collected from the person.
    pub source: Option<String>,
    /// Recipients by name and the other categories of recipients (Art. 13(1)(e)); empty when none.
    pub recipients: Vec<String>,
    /// Country code and safeguard per transfer (Art. 13(1)(f)).
    pub transfers: Vec<(String, TransferSafeguard)>,
    pub retention: Vec<RetentionRule>,
    /// Art. 13(2)(c): consent (or explicit consent) is the basis, so it can be withdrawn.
    pub consent_withdrawable: bool,
    /// Art. 13(2)(e), for data collected from the person: the organisation's own words, else what the legal
    /// basis implies (a contract needs the data, a legal obligation requires it, consent is free).
    pub provision: Option<Provision>,
    /// Art. 13(2)(f): empty when there is no automated decision-making.
    pub automated_decisions: String,
    pub objection: ObjectionRight,
}

/// Everything a privacy statement says, in the order it says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementContent {
    pub controller: ControllerPart,
    pub dpo: Option<DpoPart>,
    pub jurisdiction: Jurisdiction,
    pub activities: Vec<ActivityPart>,
}

impl StatementContent {
    /// Whether any activity carries an Art. 21 objection right the statement must name separately.
    pub fn objection_rights(&self) -> bool {
        self.activities
            .iter()
            .any(|a| a.objection != ObjectionRight::None)
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// The statement for `register`, or every item it cannot cover yet. Only active activities are described.
pub fn statement(register: &Register) -> Result<StatementContent, Vec<MissingItem>> {
    let p = &register.profile;
    let mut missing = Vec::new();
    let mut need = |item, activity: Option<&ProcessingActivity>| {
        missing.push(MissingItem {
            item,
            activity: activity.map(|a| a.name.clone()),
        })
    };
    if blank(&p.legal_name) {
        need(StatementItem::ControllerIdentity, None);
    }
    if blank(&p.email) && blank(&p.address) && blank(&p.phone) {
        need(StatementItem::ControllerContact, None);
    }
    if p.dpo.appointed && blank(&p.dpo.email) && blank(&p.dpo.phone) {
        need(StatementItem::DpoContact, None);
    }
    let jurisdiction = p.jurisdiction;
    if jurisdiction.is_none() {
        need(StatementItem::SupervisoryAuthority, None);
    }
    let active: Vec<&ProcessingActivity> = register
        .activities
        .iter()
        .filter(|a| a.status == ActivityStatus::Active)
        .collect();
    if active.is_empty() {
        need(StatementItem::Purposes, None);
    }
    let mut parts = Vec::new();
    for a in active {
        if a.purposes.is_empty() && blank(&a.purpose_description) {
            need(StatementItem::Purposes, Some(a));
        }
        let Some(basis) = a.lawful_basis else {
            need(StatementItem::LegalBasis, Some(a));
            continue;
        };
        let legitimate_interest = (basis == LawfulBasis::LegitimateInterests).then(|| {
            if blank(&a.balancing_test) {
                need(StatementItem::LegitimateInterests, Some(a));
            }
            a.balancing_test.trim().to_owned()
        });
        if a.retention.is_empty() {
            need(StatementItem::Retention, Some(a));
        }
        let mut transfers = Vec::new();
        for t in &a.transfers {
            match t.safeguard {
                Some(s) => transfers.push((t.country.clone(), s)),
                None => need(StatementItem::TransferSafeguard, Some(a)),
            }
        }
        let source = (!a.collected_from_subject).then(|| {
            if blank(&a.source) {
                need(StatementItem::Source, Some(a));
            }
            if a.categories.is_empty() {
                need(StatementItem::Categories, Some(a));
            }
            a.source.trim().to_owned()
        });
        let mut recipients: Vec<String> = a
            .recipients
            .iter()
            .filter_map(|id| register.recipient(*id))
            .map(|r| r.name.clone())
            .collect();
        recipients.extend(a.other_recipients.iter().filter(|r| !blank(r)).cloned());
        let direct_marketing = a.purposes.iter().any(|p| p.direct_marketing);
        let objection = if direct_marketing {
            ObjectionRight::DirectMarketing
        } else if matches!(
            basis,
            LawfulBasis::PublicTask | LawfulBasis::LegitimateInterests
        ) {
            ObjectionRight::OnGroundsOfSituation
        } else {
            ObjectionRight::None
        };
        parts.push(ActivityPart {
            name: a.name.clone(),
            purposes: a.purposes.clone(),
            purpose_text: a.purpose_description.trim().to_owned(),
            lawful_basis: basis,
            special_ground: a.special_ground,
            legitimate_interest,
            categories: a.categories.clone(),
            source,
            recipients,
            transfers,
            retention: a.retention.clone(),
            consent_withdrawable: basis == LawfulBasis::Consent
                || a.special_ground == Some(SpecialCategoryGround::ExplicitConsent),
            provision: a.collected_from_subject.then(|| {
                if blank(&a.provision_requirement) {
                    Provision::ForBasis(basis)
                } else {
                    Provision::Own(a.provision_requirement.trim().to_owned())
                }
            }),
            automated_decisions: a.automated_decisions.trim().to_owned(),
            objection,
        });
    }
    match (missing.is_empty(), jurisdiction) {
        (true, Some(jurisdiction)) => Ok(StatementContent {
            controller: ControllerPart {
                name: p.legal_name.trim().to_owned(),
                address: p.address.trim().to_owned(),
                email: p.email.trim().to_owned(),
                phone: p.phone.trim().to_owned(),
                website: p.website.trim().to_owned(),
                registration_number: p.registration_number.trim().to_owned(),
                representative: p.representative.trim().to_owned(),
            },
            dpo: p.dpo.appointed.then(|| DpoPart {
                name: p.dpo.name.trim().to_owned(),
                email: p.dpo.email.trim().to_owned(),
                phone: p.dpo.phone.trim().to_owned(),
            }),
            jurisdiction,
            activities: parts,
        }),
        _ => Err(missing),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::model::{
        OrgProfile, Period, PeriodUnit, RetentionAction, RetentionStart, Transfer,
    };

    fn complete() -> Register {
        let activity = ProcessingActivity {
            name: "Klantenadministratie".into(),
            status: ActivityStatus::Active,
            purposes: vec![
                "essential.service"
                    .parse()
                    .unwrap_or_else(|_| unreachable!()),
            ],
            lawful_basis: Some(LawfulBasis::Contract),
            provision_requirement: "Nodig voor de overeenkomst".into(),
            retention: vec![RetentionRule {
                category: None,
                period: Period {
                    amount: 2,
                    unit: PeriodUnit::Years,
                },
                starts: RetentionStart::EndOfContract,
                action: RetentionAction::Delete,
                legal_reference: String::new(),
            }],
            ..Default::default()
        };
        Register {
            profile: OrgProfile {
                legal_name: "Bakkerij De Korenschoof B.V.".into(),
                email: "privacy@korenschoof.example".into(),
                jurisdiction: Some(Jurisdiction::Nl),
                ..Default::default()
            },
            activities: vec![activity],
            ..Default::default()
        }
    }

    fn items(r: &Register) -> Vec<StatementItem> {
        match statement(r) {
            Ok(_) => Vec::new(),
            Err(m) => m.into_iter().map(|m| m.item).collect(),
        }
    }

    #[test]
    fn provision_follows_the_basis_unless_the_organisation_words_it() {
        let mut r = complete();
        r.activities[0].provision_requirement.clear();
        let s = statement(&r).unwrap_or_else(|m| panic!("missing {m:?}"));
        assert_eq!(
            s.activities[0].provision,
            Some(Provision::ForBasis(LawfulBasis::Contract))
        );
        r.activities[0].collected_from_subject = false;
        r.activities[0].source = "Kamer van Koophandel".into();
        r.activities[0].categories = vec!["user.name".parse().unwrap_or_else(|_| unreachable!())];
        let s = statement(&r).unwrap_or_else(|m| panic!("missing {m:?}"));
        assert_eq!(s.activities[0].provision, None);
    }

    #[test]
    fn a_complete_register_gives_a_statement() {
        let s = statement(&complete()).unwrap_or_else(|m| panic!("missing {m:?}"));
        assert_eq!(s.activities.len(), 1);
        assert_eq!(s.activities[0].objection, ObjectionRight::None);
        assert!(!s.objection_rights());
        assert!(s.dpo.is_none());
    }

    #[test]
    fn every_gap_is_listed_instead_of_published() {
        let mut r = complete();
        r.profile.legal_name.clear();
        r.profile.jurisdiction = None;
        r.profile.dpo.appointed = true;
        let a = &mut r.activities[0];
        a.lawful_basis = Some(LawfulBasis::LegitimateInterests);
        a.retention.clear();
        a.collected_from_subject = false;
        a.transfers.push(Transfer {
            country: "US".into(),
            recipient: "Mailer Inc.".into(),
            safeguard: None,
            documentation: String::new(),
        });
        let got = items(&r);
        for want in [
            StatementItem::ControllerIdentity,
            StatementItem::SupervisoryAuthority,
            StatementItem::DpoContact,
            StatementItem::LegitimateInterests,
            StatementItem::Retention,
            StatementItem::TransferSafeguard,
            StatementItem::Source,
            StatementItem::Categories,
        ] {
            assert!(got.contains(&want), "{want} not reported in {got:?}");
        }
        // Art. 13(2)(e) is never a gap: without the organisation's words the basis says it.
        assert!(!got.contains(&StatementItem::ProvisionRequirement));
    }

    #[test]
    fn only_active_activities_count_and_none_is_a_gap() {
        let mut r = complete();
        r.activities[0].status = ActivityStatus::Draft;
        r.activities[0].lawful_basis = None;
        assert_eq!(items(&r), vec![StatementItem::Purposes]);
    }

    #[test]
    fn objection_and_withdrawal_follow_the_basis_and_purpose() {
        let mut r = complete();
        let a = &mut r.activities[0];
        a.lawful_basis = Some(LawfulBasis::Consent);
        a.purposes = vec![
            "marketing.communications.email"
                .parse()
                .unwrap_or_else(|_| unreachable!()),
        ];
        let s = statement(&r).unwrap_or_else(|m| panic!("missing {m:?}"));
        assert!(s.activities[0].consent_withdrawable);
        assert_eq!(s.activities[0].objection, ObjectionRight::DirectMarketing);
        r.activities[0].lawful_basis = Some(LawfulBasis::LegitimateInterests);
        r.activities[0].balancing_test = "Klanten op de hoogte houden".into();
        r.activities[0].purposes.clear();
        r.activities[0].purpose_description = "Klanten informeren over hun bestelling".into();
        let s = statement(&r).unwrap_or_else(|m| panic!("missing {m:?}"));
        assert_eq!(
            s.activities[0].objection,
            ObjectionRight::OnGroundsOfSituation
        );
        assert_eq!(
            s.activities[0].legitimate_interest.as_deref(),
            Some("Klanten op de hoogte houden")
        );
    }
}
