//! The register's records: organisation profile, processing activities, recipients and processing agreements.
//!
//! These are the shapes the store keeps (as versioned JSON bodies) and every reader shares. Rules over them
//! (what an active activity needs, what the compliance check finds) live in sibling modules.

use super::vocabulary::{DataCategory, DataSubjectCategory, Purpose};
use crate::legal_basis::{LawfulBasis, SpecialCategoryGround};
use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

vocabulary! {
    /// Whose law applies: drives defaults (retention periods, the supervisory authority, the age of consent).
    Jurisdiction {
        /// The Netherlands: AVG + UAVG, supervised by the Autoriteit Persoonsgegevens.
        Nl => "nl",
        /// Belgium: AVG/RGPD + the Act of 30 July 2018, supervised by the Gegevensbeschermingsautoriteit.
        Be => "be",
    }
}

impl Jurisdiction {
    /// The supervisory authority's usual short name.
    pub const fn supervisory_authority(self) -> &'static str {
        match self {
            Jurisdiction::Nl => "Autoriteit Persoonsgegevens (AP)",
            Jurisdiction::Be => "Gegevensbeschermingsautoriteit (GBA)",
        }
    }

    /// The age from which a child consents alone to information-society services (Art. 8(1); NL: UAVG art. 5,
    /// BE: Act of 30 July 2018 art. 7).
    pub const fn age_of_digital_consent(self) -> u8 {
        match self {
            Jurisdiction::Nl => 16,
            Jurisdiction::Be => 13,
        }
    }
}

/// The controller, as Art. 30(1)(a) and Art. 13(1)(a)-(b) name it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrgProfile {
    /// Legal name of the controller.
    pub legal_name: String,
    pub address: String,
    pub email: String,
    pub phone: String,
    pub website: String,
    /// KvK number (NL) or KBO/BCE number (BE).
    pub registration_number: String,
    pub jurisdiction: Option<Jurisdiction>,
    /// Persons employed: below 250 the Art. 30(5) exemption may apply.
    pub employees: Option<u32>,
    /// Representative in the Union (Art. 27), for controllers established outside it.
    pub representative: String,
    /// Joint controllers the organisation decides with (Art. 26), if any.
    pub joint_controllers: String,
    pub dpo: DpoInfo,
    /// The Art. 37 wizard's answers, if it was run.
    pub dpo_assessment: Option<DpoAssessment>,
    /// The Art. 30(5) wizard's answers, if it was run.
    pub register_assessment: Option<RegisterAssessment>,
}

/// The data protection officer (functionaris gegevensbescherming), if one is appointed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DpoInfo {
    pub appointed: bool,
    pub name: String,
    pub email: String,
    pub phone: String,
}

/// Answers to Art. 37(1)(a)-(c): whether a DPO is mandatory, with the organisation's own rationale.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DpoAssessment {
    /// (a) A public authority or body.
    pub public_authority: bool,
    /// (b) Core activities need regular and systematic monitoring of people on a large scale.
    pub large_scale_monitoring: bool,
    /// (c) Core activities are large-scale processing of special categories or criminal data.
    pub large_scale_special: bool,
    pub rationale: String,
    pub assessed_on: Option<Date>,
}

/// Answers to Art. 30(5): whether the register is mandatory, with the organisation's own rationale.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegisterAssessment {
    /// The processing is likely to result in a risk to people's rights and freedoms.
    pub likely_risk: bool,
    /// The processing is not occasional (payroll and customer administration never are).
    pub not_occasional: bool,
    /// Special categories (Art. 9) or criminal data (Art. 10) are processed.
    pub special_or_criminal: bool,
    pub rationale: String,
    pub assessed_on: Option<Date>,
}

vocabulary! {
    /// Where a processing activity stands. The register keeps ended activities (the GBA: five years).
    ActivityStatus {
        Draft => "draft",
        Active => "active",
        Ended => "ended",
    }
}

vocabulary! {
    /// Where the DPIA of an activity stands (the DPIA module fills in the assessment itself).
    DpiaStatus {
        /// Not screened yet.
        NotScreened => "not_screened",
        /// Screened: no DPIA required.
        NotRequired => "not_required",
        /// Screened: a DPIA is required and not finished.
        Required => "required",
        /// A DPIA was carried out.
        Done => "done",
    }
}

vocabulary! {
    /// What happens to data when its retention period ends.
    RetentionAction {
        Delete => "delete",
        Anonymise => "anonymise",
        /// Keep but restrict processing (e.g. under a legal hold).
        Restrict => "restrict",
    }
}

vocabulary! {
    /// The event a retention period counts from.
    RetentionStart {
        /// Collection or capture (camera images, logs).
        Collection => "collection",
        /// End of the financial year the record belongs to (fiscal retention).
        EndOfFinancialYear => "end_of_financial_year",
        /// End of the contract or customer relationship.
        EndOfContract => "end_of_contract",
        /// End of employment.
        EndOfEmployment => "end_of_employment",
        /// End of a procedure (an application, a complaint).
        EndOfProcedure => "end_of_procedure",
        /// Withdrawal of consent or unsubscription.
        Withdrawal => "withdrawal",
        /// The last contact with the person.
        LastContact => "last_contact",
    }
}

vocabulary! {
    /// The unit of a retention period.
    PeriodUnit {
        Days => "days",
        Weeks => "weeks",
        Months => "months",
        Years => "years",
    }
}

/// A length of time, e.g. 7 years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub amount: u32,
    pub unit: PeriodUnit,
}

/// How long data of one category is kept under one activity (Art. 30(1)(f), Art. 13(2)(a)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionRule {
    /// The category this rule covers; `None` covers every category of the activity without its own rule.
    pub category: Option<DataCategory>,
    pub period: Period,
    pub starts: RetentionStart,
    pub action: RetentionAction,
    /// The legal reference or reason (e.g. "art. 52 AWR" or "AP guidance: 4 weeks").
    pub legal_reference: String,
}

vocabulary! {
    /// The safeguard of a transfer outside the EEA (Chapter V).
    TransferSafeguard {
        /// Art. 45 adequacy decision (incl. the EU-US Data Privacy Framework).
        Adequacy => "adequacy",
        /// Art. 46(2)(c) standard contractual clauses.
        StandardContractualClauses => "standard_contractual_clauses",
        /// Art. 47 binding corporate rules.
        BindingCorporateRules => "binding_corporate_rules",
        /// Art. 46(2)(e)-(f) code of conduct or certification.
        CodeOrCertification => "code_or_certification",
        /// Art. 49 derogation (explicit consent, contract, …), documented.
        Derogation => "derogation",
    }
}

/// A transfer of personal data outside the EEA (Art. 30(1)(e)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    /// ISO 3166-1 alpha-2 code of the destination country.
    pub country: String,
    pub recipient: String,
    pub safeguard: Option<TransferSafeguard>,
    /// Where the safeguard's documentation is (Art. 30(1)(e) for Art. 49(1) second subparagraph).
    pub documentation: String,
}

/// One processing activity (verwerking) with every field of Art. 30(1)(a)-(g) and what the AVG further asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProcessingActivity {
    pub id: Uuid,
    pub name: String,
    pub description: String,
    pub status: ActivityStatus,
    /// Set when ended; the activity stays in the register.
    pub end_date: Option<Date>,
    /// The activity that replaced this one, if any (GBA model: "plaatsvervangende verwerking").
    pub successor: Option<Uuid>,
    /// The starter-library template this activity was made from, if any.
    pub template: Option<String>,
    /// Art. 30(1)(b).
    pub purposes: Vec<Purpose>,
    /// The purposes in the organisation's own words.
    pub purpose_description: String,
    /// Art. 30(1)(c).
    pub subjects: Vec<DataSubjectCategory>,
    pub categories: Vec<DataCategory>,
    /// Art. 6(1).
    pub lawful_basis: Option<LawfulBasis>,
    /// Required for Art. 6(1)(f): the balancing test, in words.
    pub balancing_test: String,
    /// Art. 9(2), when special categories are processed.
    pub special_ground: Option<SpecialCategoryGround>,
    /// NL: the UAVG article that applies with the Art. 9(2) ground (e.g. "UAVG art. 30").
    pub uavg_article: String,
    /// Art. 10: the official authority or the law that authorises processing criminal data.
    pub criminal_data_basis: String,
    /// The statute that requires or allows processing the national identification number (NL: UAVG art. 46).
    pub national_id_statute: String,
    /// Art. 14(2)(f): where the data comes from when not from the data subject.
    pub source: String,
    /// Whether the data is collected from the data subject (Art. 13) rather than elsewhere (Art. 14).
    pub collected_from_subject: bool,
    /// Art. 13(2)(e): whether providing the data is a statutory or contractual requirement, and the consequences.
    pub provision_requirement: String,
    /// Art. 13(2)(f): automated decision-making or profiling, with the logic involved; empty when none.
    pub automated_decisions: String,
    /// Art. 30(1)(d): recipients that are processors or other parties known to the register.
    pub recipients: Vec<Uuid>,
    /// Art. 30(1)(d): other categories of recipients in words (e.g. "Belastingdienst").
    pub other_recipients: Vec<String>,
    /// Art. 30(1)(e).
    pub transfers: Vec<Transfer>,
    /// Art. 30(1)(f).
    pub retention: Vec<RetentionRule>,
    /// Art. 30(1)(g): keys of the measures catalogue.
    pub measures: Vec<String>,
    /// Art. 30(1)(g): further measures in words.
    pub measures_note: String,
    /// Joint controller of this activity, if any (Art. 26).
    pub joint_controller: String,
    pub dpia: DpiaStatus,
    /// The DPIA screening's result in words: the reasons a DPIA is required, or why none is (Art. 35, WP248).
    /// Written with each screening, read by the register's exports and the compliance check.
    pub dpia_rationale: String,
    pub notes: String,
}

impl Default for ProcessingActivity {
    fn default() -> Self {
        ProcessingActivity {
            id: Uuid::nil(),
            name: String::new(),
            description: String::new(),
            status: ActivityStatus::Draft,
            end_date: None,
            successor: None,
            template: None,
            purposes: Vec::new(),
            purpose_description: String::new(),
            subjects: Vec::new(),
            categories: Vec::new(),
            lawful_basis: None,
            balancing_test: String::new(),
            special_ground: None,
            uavg_article: String::new(),
            criminal_data_basis: String::new(),
            national_id_statute: String::new(),
            source: String::new(),
            collected_from_subject: true,
            provision_requirement: String::new(),
            automated_decisions: String::new(),
            recipients: Vec::new(),
            other_recipients: Vec::new(),
            transfers: Vec::new(),
            retention: Vec::new(),
            measures: Vec::new(),
            measures_note: String::new(),
            joint_controller: String::new(),
            dpia: DpiaStatus::NotScreened,
            dpia_rationale: String::new(),
            notes: String::new(),
        }
    }
}

vocabulary! {
    /// What a recipient is to the organisation.
    RecipientRole {
        /// Processes on the organisation's behalf (Art. 28): needs a processing agreement.
        Processor => "processor",
        /// Decides for itself (a controller of its own: the tax authority, a pension fund, an accountant acting
        /// independently).
        ThirdParty => "third_party",
        /// Decides with the organisation (Art. 26).
        JointController => "joint_controller",
    }
}

/// A sub-processor engaged by a processor (Art. 28(2), (4)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubProcessor {
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub service: String,
}

vocabulary! {
    /// How the controller authorised sub-processors (Art. 28(2)).
    SubProcessorAuthorisation {
        /// Each sub-processor authorised by name.
        Specific => "specific",
        /// General written authorisation: changes are announced and may be objected to.
        General => "general",
    }
}

/// The points of Art. 28(3)(a)-(h) a processing agreement must contain, each checked or not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Art28Checklist {
    /// (a) processes only on documented instructions, including on transfers.
    pub documented_instructions: bool,
    /// (b) persons authorised are bound to confidentiality.
    pub confidentiality: bool,
    /// (c) takes the Art. 32 security measures.
    pub security: bool,
    /// (d) respects the conditions for engaging sub-processors.
    pub sub_processors: bool,
    /// (e) assists with data subjects' rights.
    pub data_subject_rights: bool,
    /// (f) assists with Arts. 32-36 (security, breaches, DPIA).
    pub assists_compliance: bool,
    /// (g) deletes or returns the data at the end.
    pub deletion_or_return: bool,
    /// (h) makes information available and allows audits.
    pub audits: bool,
}

impl Art28Checklist {
    /// The points not yet covered, as their letters.
    pub fn missing(&self) -> Vec<char> {
        [
            ('a', self.documented_instructions),
            ('b', self.confidentiality),
            ('c', self.security),
            ('d', self.sub_processors),
            ('e', self.data_subject_rights),
            ('f', self.assists_compliance),
            ('g', self.deletion_or_return),
            ('h', self.audits),
        ]
        .into_iter()
        .filter(|(_, ok)| !ok)
        .map(|(c, _)| c)
        .collect()
    }
}

/// A processing agreement (verwerkersovereenkomst) with a processor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProcessingAgreement {
    pub id: Uuid,
    /// The signed document, stored like every other document.
    pub document_id: Option<Uuid>,
    pub signed_on: Option<Date>,
    /// When the agreement ends, if it does.
    pub expires_on: Option<Date>,
    /// When the organisation means to review it.
    pub review_on: Option<Date>,
    pub checklist: Art28Checklist,
    pub sub_processor_authorisation: Option<SubProcessorAuthorisation>,
    pub notes: String,
}

/// A recipient of personal data: a processor or another party (Art. 30(1)(d)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Recipient {
    pub id: Uuid,
    pub name: String,
    pub role: RecipientRole,
    /// ISO 3166-1 alpha-2 of the establishment.
    pub country: String,
    pub contact: String,
    /// What it does for the organisation (hosting, payroll, bookkeeping, …).
    pub services: String,
    pub categories: Vec<DataCategory>,
    pub sub_processors: Vec<SubProcessor>,
    /// For a recipient outside the EEA.
    pub transfer_safeguard: Option<TransferSafeguard>,
    pub agreements: Vec<ProcessingAgreement>,
}

impl Default for Recipient {
    fn default() -> Self {
        Recipient {
            id: Uuid::nil(),
            name: String::new(),
            role: RecipientRole::Processor,
            country: String::new(),
            contact: String::new(),
            services: String::new(),
            categories: Vec::new(),
            sub_processors: Vec::new(),
            transfer_safeguard: None,
            agreements: Vec::new(),
        }
    }
}

/// The whole register of one organisation at one moment: what every export, the inventory, the compliance
/// check and the privacy statement read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Register {
    /// The organisation's name in Kluis (the profile's legal name may differ).
    pub organisation: String,
    pub profile: OrgProfile,
    pub activities: Vec<ProcessingActivity>,
    pub recipients: Vec<Recipient>,
    /// When the register was last reviewed and signed off.
    pub last_review: Option<Date>,
    /// The date the snapshot describes (today, or a past date for the register as it stood then).
    pub as_of: Option<Date>,
}

impl Register {
    pub fn recipient(&self, id: Uuid) -> Option<&Recipient> {
        self.recipients.iter().find(|r| r.id == id)
    }

    pub fn activity(&self, id: Uuid) -> Option<&ProcessingActivity> {
        self.activities.iter().find(|a| a.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_serialise_as_iso_dates_and_defaults_fill_missing_fields() {
        let a = ProcessingActivity {
            end_date: Date::from_calendar_date(2026, time::Month::March, 1).ok(),
            ..Default::default()
        };
        let json = serde_json::to_value(&a).unwrap_or_default();
        assert_eq!(json["end_date"], "2026-03-01");
        let back: ProcessingActivity =
            serde_json::from_str(r#"{"name":"Salarisadministratie","status":"active"}"#)
                .unwrap_or_default();
        assert_eq!(back.name, "Salarisadministratie");
        assert_eq!(back.status, ActivityStatus::Active);
        assert!(back.collected_from_subject);
    }

    #[test]
    fn checklist_names_what_is_missing() {
        let mut c = Art28Checklist::default();
        assert_eq!(c.missing().len(), 8);
        c.security = true;
        c.audits = true;
        assert_eq!(c.missing(), vec!['a', 'b', 'd', 'e', 'f', 'g']);
        assert_eq!(Jurisdiction::Be.age_of_digital_consent(), 13);
    }
}
