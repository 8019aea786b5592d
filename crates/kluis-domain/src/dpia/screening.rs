//! Whether a processing activity needs a DPIA (Art. 35): the supervisory authorities' lists (NL AP, 17 kinds;
//! BE GBA, its own list), the three cases of Art. 35(3) and the nine criteria of the EDPB's WP248 rev.01, two
//! or more of which make a DPIA required unless the organisation justifies why not.
//!
//! The screening holds the organisation's answers; [`suggest`] only proposes answers from what the register
//! already says (categories, subjects, purposes), each with the evidence, for a person to confirm.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::register::{CategoryNature, DpiaStatus, Jurisdiction, ProcessingActivity};

vocabulary! {
    /// The Dutch AP's list of processing for which a DPIA is always required (Staatscourant 2019, 64418). Most
    /// kinds apply when the processing is large-scale and/or systematic.
    NlListItem {
        /// Heimelijk onderzoek (covert investigation, covert cameras of an employer included).
        CovertInvestigation => "covert_investigation",
        /// Zwarte lijsten (criminal, nuisance or bad-payer data shared with others).
        BlackLists => "black_lists",
        /// Fraudebestrijding.
        FraudPrevention => "fraud_prevention",
        /// Creditscores.
        CreditScores => "credit_scores",
        /// Financiële situatie (income, wealth, spending).
        FinancialSituation => "financial_situation",
        /// Genetische persoonsgegevens.
        GeneticData => "genetic_data",
        /// Gezondheidsgegevens (not an individual doctor or care provider).
        HealthData => "health_data",
        /// Samenwerkingsverbanden (sharing special or criminal data with partners).
        Partnerships => "partnerships",
        /// Cameratoezicht.
        CameraSurveillance => "camera_surveillance",
        /// Flexibel cameratoezicht (bodycams, drones).
        FlexibleCameraSurveillance => "flexible_camera_surveillance",
        /// Controle werknemers (e-mail and internet use, GPS, cameras).
        EmployeeMonitoring => "employee_monitoring",
        /// Locatiegegevens.
        LocationData => "location_data",
        /// Communicatiegegevens (content and metadata).
        CommunicationData => "communication_data",
        /// Internet of things.
        InternetOfThings => "internet_of_things",
        /// Profilering.
        Profiling => "profiling",
        /// Observatie en beïnvloeding van gedrag.
        BehaviourObservation => "behaviour_observation",
        /// Biometrische gegevens.
        BiometricData => "biometric_data",
    }
}

vocabulary! {
    /// The Belgian GBA's list (decision 01/2019) of processing for which a DPIA is always required.
    BeListItem {
        /// Biometric identification of people in a public or publicly accessible space.
        PublicBiometricIdentification => "public_biometric_identification",
        /// Data from third parties used to refuse or end a service contract.
        ThirdPartyDataForContracts => "third_party_data_for_contracts",
        /// Health data collected from an active implantable medical device.
        ImplantableDevices => "implantable_devices",
        /// Large-scale third-party data to analyse or predict economic situation, health, preferences,
        /// reliability, behaviour, location or movements.
        LargeScalePrediction => "large_scale_prediction",
        /// Systematic exchange of special or highly personal data between controllers.
        SystematicSharing => "systematic_sharing",
        /// Large-scale processing of data from sensors (internet of things).
        LargeScaleSensors => "large_scale_sensors",
        /// Large-scale communication, metadata or location data not strictly necessary for the service.
        LargeScaleCommunication => "large_scale_communication",
        /// Large-scale automated observation or influencing of behaviour, advertising included.
        LargeScaleBehaviour => "large_scale_behaviour",
    }
}

vocabulary! {
    /// The three cases in which Art. 35(3) requires a DPIA whatever the lists say.
    Art35Case {
        /// (a) Systematic and extensive automated evaluation, profiling included, with legal or similarly
        /// significant effects.
        AutomatedEvaluation => "automated_evaluation",
        /// (b) Large-scale processing of special categories (Art. 9(1)) or criminal data (Art. 10).
        LargeScaleSpecial => "large_scale_special",
        /// (c) Systematic monitoring of a publicly accessible area on a large scale.
        PublicMonitoring => "public_monitoring",
    }
}

impl Art35Case {
    /// The point of Art. 35(3).
    pub const fn article(self) -> &'static str {
        match self {
            Art35Case::AutomatedEvaluation => "Art. 35(3)(a)",
            Art35Case::LargeScaleSpecial => "Art. 35(3)(b)",
            Art35Case::PublicMonitoring => "Art. 35(3)(c)",
        }
    }
}

vocabulary! {
    /// The nine criteria of WP248 rev.01 (endorsed by the EDPB): processing meeting two or more is likely to
    /// be high risk.
    Wp248Criterion {
        EvaluationOrScoring => "evaluation_or_scoring",
        AutomatedDecisions => "automated_decisions",
        SystematicMonitoring => "systematic_monitoring",
        /// Special categories, criminal data and other highly personal data (financial, location,
        /// communications).
        SensitiveData => "sensitive_data",
        LargeScale => "large_scale",
        MatchingDatasets => "matching_datasets",
        /// Employees, children, patients, and others in an unequal position.
        VulnerableSubjects => "vulnerable_subjects",
        InnovativeTechnology => "innovative_technology",
        /// Processing that keeps people from exercising a right or using a service or contract.
        PreventsRights => "prevents_rights",
    }
}

/// WP248: from this many criteria a DPIA is required unless the organisation justifies why not.
pub const WP248_THRESHOLD: usize = 2;

/// The organisation's answers for one activity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Screening {
    pub nl_list: BTreeSet<NlListItem>,
    pub be_list: BTreeSet<BeListItem>,
    pub art35: BTreeSet<Art35Case>,
    pub wp248: BTreeSet<Wp248Criterion>,
    /// Why no DPIA is needed although two or more WP248 criteria are met (WP248: document the reasons).
    #[serde(default)]
    pub justification: String,
    /// Free text: what the screener considered.
    #[serde(default)]
    pub notes: String,
}

/// Why a DPIA is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "item", rename_all = "snake_case")]
pub enum ScreeningReason {
    NlList(NlListItem),
    BeList(BeListItem),
    Art35(Art35Case),
    /// Two or more WP248 criteria, not justified.
    Wp248 {
        criteria: usize,
    },
}

/// The result of a screening.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ScreeningOutcome {
    /// A DPIA is required, for these reasons (never empty).
    Required { reasons: Vec<ScreeningReason> },
    /// Two or more WP248 criteria are met, but the organisation documented why the processing is not likely to
    /// be high risk.
    NotRequiredJustified { criteria: usize },
    /// Fewer than two WP248 criteria and no list or Art. 35(3) case.
    NotRequired { criteria: usize },
}

impl ScreeningOutcome {
    pub fn required(&self) -> bool {
        matches!(self, ScreeningOutcome::Required { .. })
    }

    /// The activity's DPIA status this outcome gives, keeping a DPIA already done: a new screening that still
    /// requires one does not undo it (Art. 35(11) asks for a review when the risk changes, which the DPIA's own
    /// review date carries).
    pub fn status(&self, current: DpiaStatus) -> DpiaStatus {
        match (self.required(), current) {
            (true, DpiaStatus::Done) => DpiaStatus::Done,
            (true, _) => DpiaStatus::Required,
            (false, _) => DpiaStatus::NotRequired,
        }
    }
}

/// What a screening cannot be saved with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScreeningProblem {
    /// An item of the other country's list: the activity's organisation answers to one authority.
    ForeignList {
        field: &'static str,
    },
    /// A justification without two or more WP248 criteria to justify, or a justification next to a list or
    /// Art. 35(3) case, which no justification can set aside.
    JustificationNotApplicable,
    TooLong {
        field: &'static str,
        max: usize,
    },
}

/// Longest justification or notes kept.
pub const TEXT_MAX: usize = 5_000;

/// Checks `s` for an organisation in `jurisdiction`. An unknown jurisdiction accepts both lists.
pub fn validate(s: &Screening, jurisdiction: Option<Jurisdiction>) -> Vec<ScreeningProblem> {
    let mut out = Vec::new();
    match jurisdiction {
        Some(Jurisdiction::Nl) if !s.be_list.is_empty() => {
            out.push(ScreeningProblem::ForeignList { field: "be_list" })
        }
        Some(Jurisdiction::Be) if !s.nl_list.is_empty() => {
            out.push(ScreeningProblem::ForeignList { field: "nl_list" })
        }
        _ => {}
    }
    let mandatory = !s.nl_list.is_empty() || !s.be_list.is_empty() || !s.art35.is_empty();
    if !s.justification.trim().is_empty() && (mandatory || s.wp248.len() < WP248_THRESHOLD) {
        out.push(ScreeningProblem::JustificationNotApplicable);
    }
    for (field, text) in [("justification", &s.justification), ("notes", &s.notes)] {
        if text.chars().count() > TEXT_MAX {
            out.push(ScreeningProblem::TooLong {
                field,
                max: TEXT_MAX,
            });
        }
    }
    out
}

/// The outcome of `s`: a list item or an Art. 35(3) case always requires a DPIA; two or more WP248 criteria
/// require one unless justified.
pub fn outcome(s: &Screening) -> ScreeningOutcome {
    let mut reasons: Vec<ScreeningReason> = Vec::new();
    reasons.extend(s.art35.iter().map(|c| ScreeningReason::Art35(*c)));
    reasons.extend(s.nl_list.iter().map(|i| ScreeningReason::NlList(*i)));
    reasons.extend(s.be_list.iter().map(|i| ScreeningReason::BeList(*i)));
    let criteria = s.wp248.len();
    let justified = !s.justification.trim().is_empty();
    if criteria >= WP248_THRESHOLD && (!justified || !reasons.is_empty()) {
        reasons.push(ScreeningReason::Wp248 { criteria });
    }
    if !reasons.is_empty() {
        ScreeningOutcome::Required { reasons }
    } else if criteria >= WP248_THRESHOLD {
        ScreeningOutcome::NotRequiredJustified { criteria }
    } else {
        ScreeningOutcome::NotRequired { criteria }
    }
}

/// A screening as stored on an activity: the answers, their outcome, when and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningRecord {
    pub screening: Screening,
    pub outcome: ScreeningOutcome,
    pub screened_on: Date,
    /// A user id, or `cli`.
    pub screened_by: String,
}

/// A proposed answer and what in the register suggests it (a category, subject or purpose key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion<T> {
    pub item: T,
    pub evidence: Vec<String>,
}

/// Answers the register suggests for an activity; the screener confirms or drops each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestions {
    pub nl_list: Vec<Suggestion<NlListItem>>,
    pub be_list: Vec<Suggestion<BeListItem>>,
    pub wp248: Vec<Suggestion<Wp248Criterion>>,
}

fn add<T: PartialEq + Copy>(list: &mut Vec<Suggestion<T>>, item: T, evidence: &str) {
    match list.iter_mut().find(|s| s.item == item) {
        Some(s) => {
            if !s.evidence.iter().any(|e| e == evidence) {
                s.evidence.push(evidence.to_owned());
            }
        }
        None => list.push(Suggestion {
            item,
            evidence: vec![evidence.to_owned()],
        }),
    }
}

/// Categories that are "highly personal" in WP248's sense without being special: financial, location and
/// private communications.
fn highly_personal(key: &str) -> bool {
    key.starts_with("user.financial")
        || key.starts_with("user.location")
        || key == "user.content.private"
}

/// Subjects WP248 counts as vulnerable: in an unequal position to the controller.
const VULNERABLE_SUBJECTS: &[&str] = &[
    "employee",
    "former_employee",
    "trainee",
    "volunteer",
    "job_applicant",
    "child",
    "client",
    "patient",
];

/// Answers the register suggests for `activity` in `jurisdiction` (both lists when unknown). Suggests only
/// what the register states (data categories, subjects, purposes, automated decisions); scale, novelty and the
/// combination of datasets are for the screener to say.
pub fn suggest(activity: &ProcessingActivity, jurisdiction: Option<Jurisdiction>) -> Suggestions {
    let mut s = Suggestions::default();
    let nl = jurisdiction != Some(Jurisdiction::Be);
    let be = jurisdiction != Some(Jurisdiction::Nl);
    let vulnerable: Vec<&str> = activity
        .subjects
        .iter()
        .map(|d| d.key())
        .filter(|k| VULNERABLE_SUBJECTS.contains(k))
        .collect();
    for v in &vulnerable {
        add(&mut s.wp248, Wp248Criterion::VulnerableSubjects, v);
    }
    let mut monitoring = false;
    for c in &activity.categories {
        let key = c.key();
        match c.nature {
            CategoryNature::Special(_) | CategoryNature::Criminal => {
                add(&mut s.wp248, Wp248Criterion::SensitiveData, key)
            }
            _ if highly_personal(key) => add(&mut s.wp248, Wp248Criterion::SensitiveData, key),
            _ => {}
        }
        if key.starts_with("user.health_and_medical") && key != "user.health_and_medical.sick_leave"
        {
            if key == "user.health_and_medical.genetic" {
                if nl {
                    add(&mut s.nl_list, NlListItem::GeneticData, key);
                }
            } else if nl {
                add(&mut s.nl_list, NlListItem::HealthData, key);
            }
        }
        if key.starts_with("user.biometric") && nl {
            add(&mut s.nl_list, NlListItem::BiometricData, key);
        }
        if key.starts_with("user.location") {
            if nl {
                add(&mut s.nl_list, NlListItem::LocationData, key);
            }
            monitoring = true;
            add(&mut s.wp248, Wp248Criterion::SystematicMonitoring, key);
        }
        if key == "user.sensor.camera_images" {
            if nl {
                add(&mut s.nl_list, NlListItem::CameraSurveillance, key);
            }
            monitoring = true;
            add(&mut s.wp248, Wp248Criterion::SystematicMonitoring, key);
        }
        if key == "user.sensor.access_log" || key == "user.behavior.browsing_history" {
            monitoring = true;
            add(&mut s.wp248, Wp248Criterion::SystematicMonitoring, key);
        }
        if key == "user.content.private" && nl {
            add(&mut s.nl_list, NlListItem::CommunicationData, key);
        }
        if key == "user.criminal_history" && be {
            // Sharing criminal data between controllers is the GBA's systematic-sharing case only when it
            // is shared; the register says so through its recipients.
            if !activity.recipients.is_empty() || !activity.other_recipients.is_empty() {
                add(&mut s.be_list, BeListItem::SystematicSharing, key);
            }
        }
    }
    // Monitoring staff: the AP lists it whatever the means.
    if monitoring && nl {
        for v in vulnerable.iter().filter(|v| v.contains("employee")) {
            add(&mut s.nl_list, NlListItem::EmployeeMonitoring, v);
        }
    }
    for p in &activity.purposes {
        let key = p.key();
        if key == "essential.fraud_detection" && nl {
            add(&mut s.nl_list, NlListItem::FraudPrevention, key);
        }
        if key.starts_with("marketing.advertising") {
            add(&mut s.wp248, Wp248Criterion::EvaluationOrScoring, key);
            if nl {
                add(&mut s.nl_list, NlListItem::Profiling, key);
            }
        }
    }
    if !activity.automated_decisions.trim().is_empty() {
        add(
            &mut s.wp248,
            Wp248Criterion::AutomatedDecisions,
            "automated_decisions",
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::starter::template;

    fn screening(
        nl: &[NlListItem],
        art35: &[Art35Case],
        wp248: &[Wp248Criterion],
        justification: &str,
    ) -> Screening {
        Screening {
            nl_list: nl.iter().copied().collect(),
            art35: art35.iter().copied().collect(),
            wp248: wp248.iter().copied().collect(),
            justification: justification.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_list_item_or_an_art35_case_always_requires_a_dpia() {
        let s = screening(&[NlListItem::CameraSurveillance], &[], &[], "");
        assert_eq!(
            outcome(&s),
            ScreeningOutcome::Required {
                reasons: vec![ScreeningReason::NlList(NlListItem::CameraSurveillance)]
            }
        );
        let s = screening(&[], &[Art35Case::LargeScaleSpecial], &[], "");
        assert!(outcome(&s).required());
        assert_eq!(Art35Case::LargeScaleSpecial.article(), "Art. 35(3)(b)");
    }

    #[test]
    fn two_wp248_criteria_require_a_dpia_unless_justified_one_does_not() {
        use Wp248Criterion::*;
        let one = screening(&[], &[], &[SensitiveData], "");
        assert_eq!(outcome(&one), ScreeningOutcome::NotRequired { criteria: 1 });
        let two = screening(&[], &[], &[SensitiveData, VulnerableSubjects], "");
        assert_eq!(
            outcome(&two),
            ScreeningOutcome::Required {
                reasons: vec![ScreeningReason::Wp248 { criteria: 2 }]
            }
        );
        let justified = screening(
            &[],
            &[],
            &[SensitiveData, VulnerableSubjects],
            "Payroll of nine staff, the legal minimum kept, no profiling.",
        );
        assert_eq!(
            outcome(&justified),
            ScreeningOutcome::NotRequiredJustified { criteria: 2 }
        );
        assert!(validate(&justified, Some(Jurisdiction::Nl)).is_empty());
        // A justification cannot set aside a list item.
        let listed = screening(
            &[NlListItem::HealthData],
            &[],
            &[SensitiveData, VulnerableSubjects],
            "small",
        );
        assert!(outcome(&listed).required());
        assert_eq!(
            validate(&listed, Some(Jurisdiction::Nl)),
            vec![ScreeningProblem::JustificationNotApplicable]
        );
        // Nor is there anything to justify below the threshold.
        let lone = screening(&[], &[], &[SensitiveData], "why not");
        assert_eq!(
            validate(&lone, None),
            vec![ScreeningProblem::JustificationNotApplicable]
        );
    }

    #[test]
    fn the_other_countrys_list_is_refused_and_a_done_dpia_stays_done() {
        let s = Screening {
            be_list: [BeListItem::LargeScaleSensors].into_iter().collect(),
            ..Default::default()
        };
        assert_eq!(
            validate(&s, Some(Jurisdiction::Nl)),
            vec![ScreeningProblem::ForeignList { field: "be_list" }]
        );
        assert!(validate(&s, Some(Jurisdiction::Be)).is_empty());
        let required = outcome(&s);
        assert_eq!(required.status(DpiaStatus::Done), DpiaStatus::Done);
        assert_eq!(
            required.status(DpiaStatus::NotScreened),
            DpiaStatus::Required
        );
        let none = outcome(&Screening::default());
        assert_eq!(none.status(DpiaStatus::Required), DpiaStatus::NotRequired);
    }

    #[test]
    fn the_register_suggests_what_it_states_with_the_evidence() {
        let t = template("camera_surveillance").expect("template");
        let camera = (t.build)(Jurisdiction::Nl);
        let s = suggest(&camera, Some(Jurisdiction::Nl));
        let nl: Vec<_> = s.nl_list.iter().map(|x| x.item).collect();
        assert!(nl.contains(&NlListItem::CameraSurveillance), "{s:?}");
        assert!(
            s.wp248
                .iter()
                .any(|x| x.item == Wp248Criterion::SystematicMonitoring
                    && x.evidence.contains(&"user.sensor.camera_images".to_owned()))
        );
        assert!(s.be_list.is_empty(), "an NL organisation gets no GBA items");

        let t = template("absence_reintegration").expect("template");
        let absence = (t.build)(Jurisdiction::Nl);
        let s = suggest(&absence, Some(Jurisdiction::Nl));
        let wp: Vec<_> = s.wp248.iter().map(|x| x.item).collect();
        assert!(wp.contains(&Wp248Criterion::VulnerableSubjects), "{s:?}");
        assert!(wp.contains(&Wp248Criterion::SensitiveData), "{s:?}");
        // Sick leave alone is not the AP's health-data kind: that list concerns health data as such.
        assert!(
            !s.nl_list
                .iter()
                .any(|x| x.evidence == ["user.health_and_medical.sick_leave"]),
            "{s:?}"
        );

        let t = template("newsletter").expect("template");
        let s = suggest(&(t.build)(Jurisdiction::Be), Some(Jurisdiction::Be));
        assert!(s.nl_list.is_empty());
    }

    #[test]
    fn vocabularies_round_trip_and_the_ap_list_has_seventeen_kinds() {
        assert_eq!(NlListItem::ALL.len(), 17);
        assert_eq!(Wp248Criterion::ALL.len(), 9);
        assert_eq!(Art35Case::ALL.len(), 3);
        for i in NlListItem::ALL {
            assert_eq!(i.as_str().parse::<NlListItem>(), Ok(*i));
        }
        for i in BeListItem::ALL {
            assert_eq!(i.as_str().parse::<BeListItem>(), Ok(*i));
        }
        let s = screening(
            &[NlListItem::Profiling],
            &[Art35Case::AutomatedEvaluation],
            &[Wp248Criterion::LargeScale],
            "",
        );
        let json = serde_json::to_string(&outcome(&s)).expect("json");
        assert!(json.contains("\"outcome\":\"required\""), "{json}");
        assert!(json.contains("automated_evaluation"), "{json}");
    }
}
