//! The DPIA itself (Art. 35(7)) in the structure of the CNIL's PIA method: context, fundamental principles,
//! planned measures, the three risks with their severity and likelihood, evaluations with an action plan, the
//! DPO's advice, the views of the people concerned, validation, review and the Art. 36 prior consultation.
//!
//! The sections and questions follow the CNIL method (and its open PIA tool) one to one, so a DPIA made in Kluis
//! can go to that tool and back without a field lost; the mapping onto the tool's numeric ids lives with the file
//! format, not here. Answers are free text written by people; [`prefill`] proposes what the register already knows,
//! as facts for the caller to put into words in the reader's language.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use crate::legal_basis::LawfulBasis;
use crate::register::{
    DataCategory, ProcessingActivity, Purpose, Recipient, RetentionRule, Transfer,
};

/// A severity or likelihood on the CNIL's four-step scale (1 negligible, 2 limited, 3 significant, 4 maximum).
/// Cannot hold anything else: 0 or 5 are not levels, and the CNIL tool's 0 means "not set" (`None` here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "u8")]
pub struct RiskLevel(u8);

impl RiskLevel {
    pub const NEGLIGIBLE: RiskLevel = RiskLevel(1);
    pub const LIMITED: RiskLevel = RiskLevel(2);
    pub const SIGNIFICANT: RiskLevel = RiskLevel(3);
    pub const MAXIMUM: RiskLevel = RiskLevel(4);
    /// Every level, lowest first.
    pub const ALL: [RiskLevel; 4] = [
        Self::NEGLIGIBLE,
        Self::LIMITED,
        Self::SIGNIFICANT,
        Self::MAXIMUM,
    ];

    /// The level `n`, if `n` is 1 to 4.
    pub const fn new(n: u8) -> Option<RiskLevel> {
        match n {
            1..=4 => Some(RiskLevel(n)),
            _ => None,
        }
    }

    pub const fn get(self) -> u8 {
        self.0
    }

    /// The catalogue key of the level's name, e.g. `dpia-level-3`.
    pub fn label_key(self) -> String {
        format!("dpia-level-{}", self.0)
    }
}

impl From<RiskLevel> for u8 {
    fn from(level: RiskLevel) -> u8 {
        level.0
    }
}

impl<'de> Deserialize<'de> for RiskLevel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u8::deserialize(d)?;
        RiskLevel::new(n)
            .ok_or_else(|| serde::de::Error::custom(format!("risk level {n} is not 1 to 4")))
    }
}

impl fmt::Display for RiskLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A severity and a likelihood, each possibly not estimated yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Estimate {
    pub severity: Option<RiskLevel>,
    pub likelihood: Option<RiskLevel>,
}

impl Estimate {
    pub const fn new(severity: RiskLevel, likelihood: RiskLevel) -> Estimate {
        Estimate {
            severity: Some(severity),
            likelihood: Some(likelihood),
        }
    }

    /// Where the risk sits on the map, once both axes are estimated.
    pub fn position(self) -> Option<MapPosition> {
        Some(MapPosition {
            severity: self.severity?,
            likelihood: self.likelihood?,
        })
    }
}

/// A point on the risk map: severity on one axis, likelihood on the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MapPosition {
    pub severity: RiskLevel,
    pub likelihood: RiskLevel,
}

impl MapPosition {
    /// High in the sense of Art. 36(1): both severity and likelihood significant or maximum, or a maximum severity
    /// that is more than negligibly likely (the CNIL method's zone of risks to be avoided or reduced further).
    pub fn is_high(self) -> bool {
        (self.severity >= RiskLevel::SIGNIFICANT && self.likelihood >= RiskLevel::SIGNIFICANT)
            || (self.severity == RiskLevel::MAXIMUM && self.likelihood >= RiskLevel::LIMITED)
    }
}

vocabulary! {
    /// The evaluator's verdict on one item, question, measure or risk (the CNIL tool's four states).
    EvaluationStatus {
        /// Not evaluated yet.
        Pending => "pending",
        /// Must be corrected before the DPIA can be validated.
        ToCorrect => "to_correct",
        /// Acceptable, but with improvements in an action plan.
        Improvable => "improvable",
        Acceptable => "acceptable",
    }
}

/// What is to be done after an evaluation, by whom and when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPlan {
    pub action: String,
    pub owner: String,
    pub due: Option<Date>,
}

impl ActionPlan {
    pub fn is_empty(&self) -> bool {
        self.action.trim().is_empty() && self.owner.trim().is_empty() && self.due.is_none()
    }
}

/// The evaluation of one part of the DPIA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub status: EvaluationStatus,
    pub comment: String,
    pub action_plan: ActionPlan,
    /// For a risk: the evaluator's estimate once the action plan is carried out (the residual risk).
    pub residual: Estimate,
    /// The CNIL tool's own progress flag on the evaluation (`global_status`), kept so a round trip returns it.
    pub tool_progress: Option<i64>,
}

impl Default for Evaluation {
    fn default() -> Self {
        Evaluation {
            status: EvaluationStatus::Pending,
            comment: String::new(),
            action_plan: ActionPlan::default(),
            residual: Estimate::default(),
            tool_progress: None,
        }
    }
}

impl Evaluation {
    /// Nothing evaluated: pending, no comment, no plan, no estimate.
    pub fn is_empty(&self) -> bool {
        *self == Evaluation::default()
    }

    /// Whether the evaluation leaves something to do: to be corrected, or improvable with a plan not yet dated.
    pub fn needs_action(&self) -> bool {
        match self.status {
            EvaluationStatus::ToCorrect => true,
            EvaluationStatus::Improvable => {
                self.action_plan.action.trim().is_empty() || self.action_plan.due.is_none()
            }
            EvaluationStatus::Pending | EvaluationStatus::Acceptable => false,
        }
    }
}

/// A free-text answer with its own evaluation (the fundamental principles are evaluated question by question).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub text: String,
    pub evaluation: Evaluation,
}

vocabulary! {
    /// Every text question of the method's first two sections, in its order. Names are Kluis's own.
    Question {
        /// 1.1: the processing, its nature, scope, context and purposes.
        ProcessingDescription => "processing_description",
        /// 1.1: who is responsible for what (controller, joint controllers, processors).
        Responsibilities => "responsibilities",
        /// 1.1: approved codes of conduct, certifications and other standards that apply.
        Standards => "standards",
        /// 1.2: the personal data processed, with recipients and retention.
        Data => "data",
        /// 1.2: the life cycle of the data and processes.
        LifeCycle => "life_cycle",
        /// 1.2: the supporting assets (systems, paper, people, channels).
        SupportingAssets => "supporting_assets",
        /// 2.1: specified, explicit and legitimate purposes (Art. 5(1)(b)).
        Purposes => "purposes",
        /// 2.1: the legal basis (Art. 6, 9, 10).
        LegalBasis => "legal_basis",
        /// 2.1: adequate, relevant and limited data (Art. 5(1)(c)).
        Minimisation => "minimisation",
        /// 2.1: accurate and up-to-date data (Art. 5(1)(d)).
        Accuracy => "accuracy",
        /// 2.1: storage duration (Art. 5(1)(e)).
        StorageDuration => "storage_duration",
        /// 2.2: information of the people (Art. 12-14).
        Information => "information",
        /// 2.2: consent, where it is the basis (Art. 7, 8).
        Consent => "consent",
        /// 2.2: right of access and to data portability (Art. 15, 20).
        AccessPortability => "access_portability",
        /// 2.2: rights to rectification and erasure (Art. 16, 17).
        RectificationErasure => "rectification_erasure",
        /// 2.2: rights to restriction and to object (Art. 18, 21).
        RestrictionObjection => "restriction_objection",
        /// 2.2: processors under a contract (Art. 28).
        Processors => "processors",
        /// 2.2: transfers outside the EEA (Chapter V).
        Transfers => "transfers",
    }
}

impl Question {
    /// Whether the question belongs to the context (evaluated per item) rather than the principles (evaluated
    /// per question).
    pub const fn is_context(self) -> bool {
        matches!(
            self,
            Question::ProcessingDescription
                | Question::Responsibilities
                | Question::Standards
                | Question::Data
                | Question::LifeCycle
                | Question::SupportingAssets
        )
    }

    /// The catalogue key of the question's label, e.g. `dpia-question-legal-basis`.
    pub fn label_key(self) -> String {
        format!("dpia-question-{}", self.as_str().replace('_', "-"))
    }
}

/// Section 1: the context. Evaluated per item: the overview, then data, processes and supporting assets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    pub processing_description: String,
    pub responsibilities: String,
    pub standards: String,
    pub overview_evaluation: Evaluation,
    pub data: String,
    pub life_cycle: String,
    pub supporting_assets: String,
    pub data_evaluation: Evaluation,
}

/// Section 2: the fundamental principles, each answered and evaluated on its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principles {
    pub purposes: Answer,
    pub legal_basis: Answer,
    pub minimisation: Answer,
    pub accuracy: Answer,
    pub storage_duration: Answer,
    pub information: Answer,
    pub consent: Answer,
    pub access_portability: Answer,
    pub rectification_erasure: Answer,
    pub restriction_objection: Answer,
    pub processors: Answer,
    pub transfers: Answer,
}

/// A measure planned or in place (section 3.1), with its evaluation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedMeasure {
    pub title: String,
    pub content: String,
    /// The CNIL knowledge-base entry the measure was made from (the tool's `placeholder` key), if any.
    pub knowledge_base: Option<String>,
    /// The measure's number in the file it came from, so evaluations and comments that name it stay attached.
    pub source_id: Option<i64>,
    pub evaluation: Evaluation,
}

vocabulary! {
    /// The three feared events of the CNIL method.
    RiskKind {
        IllegitimateAccess => "illegitimate_access",
        UnwantedModification => "unwanted_modification",
        Disappearance => "disappearance",
    }
}

/// One feared event: what it would do to people, how it could happen and through whom, what stops it, and how
/// severe and likely it is with those measures; the evaluation holds the residual estimate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    pub impacts: Vec<String>,
    pub threats: Vec<String>,
    pub sources: Vec<String>,
    /// Titles of the planned measures that address this risk.
    pub measures: Vec<String>,
    pub estimate: Estimate,
    pub severity_rationale: String,
    pub likelihood_rationale: String,
    pub evaluation: Evaluation,
}

/// Section 3's risks, one of each kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risks {
    pub illegitimate_access: Risk,
    pub unwanted_modification: Risk,
    pub disappearance: Risk,
}

impl Risks {
    pub fn get(&self, kind: RiskKind) -> &Risk {
        match kind {
            RiskKind::IllegitimateAccess => &self.illegitimate_access,
            RiskKind::UnwantedModification => &self.unwanted_modification,
            RiskKind::Disappearance => &self.disappearance,
        }
    }

    pub fn get_mut(&mut self, kind: RiskKind) -> &mut Risk {
        match kind {
            RiskKind::IllegitimateAccess => &mut self.illegitimate_access,
            RiskKind::UnwantedModification => &mut self.unwanted_modification,
            RiskKind::Disappearance => &mut self.disappearance,
        }
    }
}

vocabulary! {
    /// An opinion on whether the processing should go ahead (the DPO's, or the people's).
    Advice {
        Favourable => "favourable",
        Unfavourable => "unfavourable",
    }
}

/// The DPO's advice (Art. 35(2)).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DpoOpinion {
    pub names: String,
    pub advice: Option<Advice>,
    pub opinion: String,
}

/// The views of the people concerned or their representatives (Art. 35(9)), or why they were not sought.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleViews {
    pub sought: bool,
    pub names: String,
    pub advice: Option<Advice>,
    pub opinion: String,
    /// Why the views were not sought (when `sought` is false).
    pub not_sought_reason: String,
}

vocabulary! {
    /// Where the DPIA stands as a whole (the CNIL tool's states: a validation with or without a signature).
    ValidationStatus {
        InProgress => "in_progress",
        Refused => "refused",
        Validated => "validated",
        SignedValidated => "signed_validated",
        Archived => "archived",
    }
}

/// The validation of the DPIA by the controller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validation {
    pub status: ValidationStatus,
    pub rejection_reason: String,
    pub applied_adjustments: String,
    pub validated_on: Option<Date>,
}

impl Default for Validation {
    fn default() -> Self {
        Validation {
            status: ValidationStatus::InProgress,
            rejection_reason: String::new(),
            applied_adjustments: String::new(),
            validated_on: None,
        }
    }
}

/// A remark made on a question or a measure (the CNIL tool's comments).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remark {
    pub target: RemarkTarget,
    pub text: String,
}

/// What a remark is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RemarkTarget {
    Question(Question),
    /// A risk question (impacts, threats, …) by the tool's number.
    RiskQuestion(i64),
    /// A measure by its `source_id`.
    Measure(i64),
    /// A reference the file gave that names nothing Kluis knows; kept so nothing is lost.
    Unresolved {
        reference: i64,
        for_measure: bool,
    },
}

/// An evaluation whose reference names nothing in the DPIA (e.g. a measure that is gone), kept as it came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetachedEvaluation {
    pub reference: String,
    pub evaluation: Evaluation,
}

/// One saved version of the DPIA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DpiaVersion {
    pub number: u32,
    pub saved_on: Date,
    pub note: String,
}

/// A DPIA in the CNIL method's structure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dpia {
    pub title: String,
    /// The processing activity in the register the DPIA is about, if linked.
    pub activity: Option<Uuid>,
    pub category: String,
    pub author: String,
    pub evaluator: String,
    pub validator: String,
    pub context: Context,
    pub principles: Principles,
    pub measures: Vec<PlannedMeasure>,
    pub risks: Risks,
    pub dpo: DpoOpinion,
    pub people: PeopleViews,
    pub validation: Validation,
    pub review_on: Option<Date>,
    /// Whether the controller consults the authority before processing (Art. 36(1)); see
    /// [`Dpia::prior_consultation_indicated`].
    pub prior_consultation: bool,
    pub remarks: Vec<Remark>,
    pub detached_evaluations: Vec<DetachedEvaluation>,
    pub versions: Vec<DpiaVersion>,
    /// Fields of another tool's file that Kluis has no place for, as (name, JSON text), written back on export.
    pub foreign_fields: Vec<(String, String)>,
}

/// One part of the DPIA that carries an evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EvaluationPoint {
    ContextOverview,
    ContextData,
    Principle(Question),
    /// A planned measure, by its index in [`Dpia::measures`].
    Measure(usize),
    Risk(RiskKind),
}

/// Something in the DPIA that still needs doing, for the to-do list and the compliance check.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OpenItem {
    /// An evaluation says "to correct", or "improvable" without a planned action and date.
    Evaluation(EvaluationPoint),
    /// An action plan whose date has passed while the item is not acceptable yet.
    OverdueAction(EvaluationPoint),
    /// A risk without a severity or likelihood.
    Unestimated(RiskKind),
    /// The residual risk is high and the authority is not (yet) to be consulted.
    PriorConsultation,
    /// The review date has passed.
    ReviewDue,
}

impl Principles {
    pub fn answer(&self, q: Question) -> Option<&Answer> {
        Some(match q {
            Question::Purposes => &self.purposes,
            Question::LegalBasis => &self.legal_basis,
            Question::Minimisation => &self.minimisation,
            Question::Accuracy => &self.accuracy,
            Question::StorageDuration => &self.storage_duration,
            Question::Information => &self.information,
            Question::Consent => &self.consent,
            Question::AccessPortability => &self.access_portability,
            Question::RectificationErasure => &self.rectification_erasure,
            Question::RestrictionObjection => &self.restriction_objection,
            Question::Processors => &self.processors,
            Question::Transfers => &self.transfers,
            _ => return None,
        })
    }

    pub fn answer_mut(&mut self, q: Question) -> Option<&mut Answer> {
        Some(match q {
            Question::Purposes => &mut self.purposes,
            Question::LegalBasis => &mut self.legal_basis,
            Question::Minimisation => &mut self.minimisation,
            Question::Accuracy => &mut self.accuracy,
            Question::StorageDuration => &mut self.storage_duration,
            Question::Information => &mut self.information,
            Question::Consent => &mut self.consent,
            Question::AccessPortability => &mut self.access_portability,
            Question::RectificationErasure => &mut self.rectification_erasure,
            Question::RestrictionObjection => &mut self.restriction_objection,
            Question::Processors => &mut self.processors,
            Question::Transfers => &mut self.transfers,
            _ => return None,
        })
    }
}

impl Dpia {
    /// The text answer to a question.
    pub fn text(&self, q: Question) -> &str {
        let c = &self.context;
        match q {
            Question::ProcessingDescription => &c.processing_description,
            Question::Responsibilities => &c.responsibilities,
            Question::Standards => &c.standards,
            Question::Data => &c.data,
            Question::LifeCycle => &c.life_cycle,
            Question::SupportingAssets => &c.supporting_assets,
            _ => self.principles.answer(q).map_or("", |a| a.text.as_str()),
        }
    }

    /// The text answer to a question, to write.
    pub fn text_mut(&mut self, q: Question) -> &mut String {
        let (c, p) = (&mut self.context, &mut self.principles);
        match q {
            Question::ProcessingDescription => &mut c.processing_description,
            Question::Responsibilities => &mut c.responsibilities,
            Question::Standards => &mut c.standards,
            Question::Data => &mut c.data,
            Question::LifeCycle => &mut c.life_cycle,
            Question::SupportingAssets => &mut c.supporting_assets,
            Question::Purposes => &mut p.purposes.text,
            Question::LegalBasis => &mut p.legal_basis.text,
            Question::Minimisation => &mut p.minimisation.text,
            Question::Accuracy => &mut p.accuracy.text,
            Question::StorageDuration => &mut p.storage_duration.text,
            Question::Information => &mut p.information.text,
            Question::Consent => &mut p.consent.text,
            Question::AccessPortability => &mut p.access_portability.text,
            Question::RectificationErasure => &mut p.rectification_erasure.text,
            Question::RestrictionObjection => &mut p.restriction_objection.text,
            Question::Processors => &mut p.processors.text,
            Question::Transfers => &mut p.transfers.text,
        }
    }

    /// Records a new version saved on `on` and returns its number (one more than the last).
    pub fn record_version(&mut self, on: Date, note: impl Into<String>) -> u32 {
        let number = self.versions.iter().map(|v| v.number).max().unwrap_or(0) + 1;
        self.versions.push(DpiaVersion {
            number,
            saved_on: on,
            note: note.into(),
        });
        number
    }

    /// The evaluation at a point, if the point exists.
    pub fn evaluation(&self, at: &EvaluationPoint) -> Option<&Evaluation> {
        match at {
            EvaluationPoint::ContextOverview => Some(&self.context.overview_evaluation),
            EvaluationPoint::ContextData => Some(&self.context.data_evaluation),
            EvaluationPoint::Principle(q) => self.principles.answer(*q).map(|a| &a.evaluation),
            EvaluationPoint::Measure(i) => self.measures.get(*i).map(|m| &m.evaluation),
            EvaluationPoint::Risk(k) => Some(&self.risks.get(*k).evaluation),
        }
    }

    /// Every evaluation point of this DPIA, in the method's order.
    pub fn evaluation_points(&self) -> Vec<EvaluationPoint> {
        let mut out = vec![
            EvaluationPoint::ContextOverview,
            EvaluationPoint::ContextData,
        ];
        out.extend(
            Question::ALL
                .iter()
                .filter(|q| !q.is_context())
                .map(|q| EvaluationPoint::Principle(*q)),
        );
        out.extend((0..self.measures.len()).map(EvaluationPoint::Measure));
        out.extend(RiskKind::ALL.iter().map(|k| EvaluationPoint::Risk(*k)));
        out
    }

    /// The risk map: each risk's position as estimated with the planned measures (before the action plan) and
    /// as the evaluator expects it after (the residual estimate); `None` where an axis is not estimated.
    pub fn risk_map(&self) -> Vec<RiskMapEntry> {
        RiskKind::ALL
            .iter()
            .map(|&kind| {
                let r = self.risks.get(kind);
                RiskMapEntry {
                    kind,
                    before: r.estimate.position(),
                    after: r.evaluation.residual.position(),
                }
            })
            .collect()
    }

    /// Whether a risk stays high after the measures (the residual estimate, or the first one when the evaluator
    /// gave none), so Art. 36(1) asks the controller to consult the authority before processing.
    pub fn prior_consultation_indicated(&self) -> bool {
        self.risk_map()
            .iter()
            .any(|e| e.after.or(e.before).is_some_and(MapPosition::is_high))
    }

    /// What still needs doing on `today`, in the method's order.
    pub fn open_items(&self, today: Date) -> Vec<OpenItem> {
        let mut out = Vec::new();
        for at in self.evaluation_points() {
            let Some(e) = self.evaluation(&at) else {
                continue;
            };
            if e.needs_action() {
                out.push(OpenItem::Evaluation(at.clone()));
            }
            let overdue = e.action_plan.due.is_some_and(|d| d < today);
            if overdue && e.status != EvaluationStatus::Acceptable {
                out.push(OpenItem::OverdueAction(at));
            }
        }
        for &kind in RiskKind::ALL {
            if self.risks.get(kind).estimate.position().is_none() {
                out.push(OpenItem::Unestimated(kind));
            }
        }
        if self.prior_consultation_indicated() && !self.prior_consultation {
            out.push(OpenItem::PriorConsultation);
        }
        if self.review_on.is_some_and(|d| d <= today) {
            out.push(OpenItem::ReviewDue);
        }
        out
    }

    /// What stands in the way of validating the DPIA, in the method's order: every part evaluated and none left
    /// "to correct", every risk estimated, the DPO's advice given (Art. 35(2)), and the people's views either
    /// given or the reason they were not sought written down (Art. 35(9)).
    pub fn validation_blockers(&self) -> Vec<Blocker> {
        let mut out = Vec::new();
        for at in self.evaluation_points() {
            match self.evaluation(&at).map(|e| e.status) {
                Some(EvaluationStatus::Pending) => out.push(Blocker::Unevaluated(at)),
                Some(EvaluationStatus::ToCorrect) => out.push(Blocker::ToCorrect(at)),
                _ => {}
            }
        }
        for &kind in RiskKind::ALL {
            if self.risks.get(kind).estimate.position().is_none() {
                out.push(Blocker::Unestimated(kind));
            }
        }
        let dpo = &self.dpo;
        if dpo.names.trim().is_empty() || dpo.advice.is_none() || dpo.opinion.trim().is_empty() {
            out.push(Blocker::DpoOpinion);
        }
        let people = &self.people;
        let views_given = !people.names.trim().is_empty()
            && people.advice.is_some()
            && !people.opinion.trim().is_empty();
        if (people.sought && !views_given)
            || (!people.sought && people.not_sought_reason.trim().is_empty())
        {
            out.push(Blocker::PeopleViews);
        }
        out
    }

    /// Validates the DPIA on `on` (signed or not), or says what stands in the way and changes nothing.
    pub fn validate(&mut self, on: Date, signed: bool) -> Result<(), Vec<Blocker>> {
        let blockers = self.validation_blockers();
        if !blockers.is_empty() {
            return Err(blockers);
        }
        self.validation.status = if signed {
            ValidationStatus::SignedValidated
        } else {
            ValidationStatus::Validated
        };
        self.validation.validated_on = Some(on);
        Ok(())
    }

    /// Puts what the register knows into the answers still empty, one line per fact, worded by `render` (the
    /// caller's catalogue); answers someone already wrote are left alone. Links the activity.
    pub fn apply_prefill(&mut self, prefill: &Prefill, render: impl Fn(&Fact) -> String) {
        if self.activity.is_none() {
            self.activity = Some(prefill.activity);
        }
        if self.title.trim().is_empty() {
            self.title = prefill.activity_name.clone();
        }
        for (q, facts) in &prefill.answers {
            let text = self.text_mut(*q);
            if text.trim().is_empty() && !facts.is_empty() {
                *text = facts.iter().map(&render).collect::<Vec<_>>().join("\n");
            }
        }
    }
}

/// Something that must be done before the DPIA can be validated.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Blocker {
    Unevaluated(EvaluationPoint),
    ToCorrect(EvaluationPoint),
    Unestimated(RiskKind),
    /// The DPO's names, advice and opinion.
    DpoOpinion,
    /// The people's views, or why they were not sought.
    PeopleViews,
}

/// One risk's place on the map before and after the action plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskMapEntry {
    pub kind: RiskKind,
    pub before: Option<MapPosition>,
    pub after: Option<MapPosition>,
}

/// One thing the register knows that answers a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    Description(String),
    Purpose(Purpose),
    PurposeText(String),
    LawfulBasis(LawfulBasis),
    BalancingTest(String),
    Category(DataCategory),
    Retention(RetentionRule),
    Recipient {
        name: String,
        processor: bool,
    },
    OtherRecipient(String),
    /// A processor with a signed agreement (Art. 28(3)).
    ProcessorAgreement {
        name: String,
        signed_on: Option<Date>,
    },
    Transfer(Transfer),
    /// The register lists no transfers outside the EEA.
    NoTransfers,
    JointController(String),
}

/// The register's answers for one activity, question by question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefill {
    pub activity: Uuid,
    pub activity_name: String,
    pub answers: Vec<(Question, Vec<Fact>)>,
}

/// What the register knows about `activity` that answers the DPIA's questions (purposes, legal basis, data,
/// retention, recipients, processors, transfers); `recipients` is the register's list, for names and roles.
/// Only questions the register has an answer to appear.
pub fn prefill(activity: &ProcessingActivity, recipients: &[Recipient]) -> Prefill {
    use crate::register::RecipientRole;

    let mut answers: Vec<(Question, Vec<Fact>)> = Vec::new();
    let mut push = |q: Question, facts: Vec<Fact>| {
        if !facts.is_empty() {
            answers.push((q, facts));
        }
    };

    let mut description = Vec::new();
    if !activity.description.trim().is_empty() {
        description.push(Fact::Description(activity.description.clone()));
    }
    push(Question::ProcessingDescription, description);

    let linked: Vec<&Recipient> = activity
        .recipients
        .iter()
        .filter_map(|id| recipients.iter().find(|r| r.id == *id))
        .collect();
    let mut responsibilities = Vec::new();
    if !activity.joint_controller.trim().is_empty() {
        responsibilities.push(Fact::JointController(activity.joint_controller.clone()));
    }
    responsibilities.extend(
        linked
            .iter()
            .filter(|r| r.role == RecipientRole::Processor)
            .map(|r| Fact::Recipient {
                name: r.name.clone(),
                processor: true,
            }),
    );
    push(Question::Responsibilities, responsibilities);

    let mut data: Vec<Fact> = activity
        .categories
        .iter()
        .map(|c| Fact::Category(*c))
        .collect();
    data.extend(linked.iter().map(|r| Fact::Recipient {
        name: r.name.clone(),
        processor: r.role == RecipientRole::Processor,
    }));
    data.extend(
        activity
            .other_recipients
            .iter()
            .map(|r| Fact::OtherRecipient(r.clone())),
    );
    data.extend(
        activity
            .retention
            .iter()
            .map(|r| Fact::Retention(r.clone())),
    );
    push(Question::Data, data);

    let mut purposes: Vec<Fact> = activity
        .purposes
        .iter()
        .map(|p| Fact::Purpose(*p))
        .collect();
    if !activity.purpose_description.trim().is_empty() {
        purposes.push(Fact::PurposeText(activity.purpose_description.clone()));
    }
    push(Question::Purposes, purposes);

    let mut basis = Vec::new();
    if let Some(b) = activity.lawful_basis {
        basis.push(Fact::LawfulBasis(b));
        if !activity.balancing_test.trim().is_empty() {
            basis.push(Fact::BalancingTest(activity.balancing_test.clone()));
        }
    }
    push(Question::LegalBasis, basis);

    push(
        Question::StorageDuration,
        activity
            .retention
            .iter()
            .map(|r| Fact::Retention(r.clone()))
            .collect(),
    );

    let processors: Vec<Fact> = linked
        .iter()
        .filter(|r| r.role == RecipientRole::Processor)
        .map(|r| Fact::ProcessorAgreement {
            name: r.name.clone(),
            signed_on: r.agreements.iter().filter_map(|a| a.signed_on).max(),
        })
        .collect();
    push(Question::Processors, processors);

    // The register is the record of transfers (Art. 30(1)(e)): an activity with recipients but no transfer
    // listed answers the question with "none", one without recipients says nothing either way.
    let transfers: Vec<Fact> = if !activity.transfers.is_empty() {
        activity
            .transfers
            .iter()
            .map(|t| Fact::Transfer(t.clone()))
            .collect()
    } else if !linked.is_empty() || !activity.other_recipients.is_empty() {
        vec![Fact::NoTransfers]
    } else {
        Vec::new()
    };
    push(Question::Transfers, transfers);

    Prefill {
        activity: activity.id,
        activity_name: activity.name.clone(),
        answers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::{RecipientRole, starter::template};
    use time::macros::date;

    fn lvl(n: u8) -> RiskLevel {
        RiskLevel::new(n).unwrap()
    }

    #[test]
    fn risk_level_holds_one_to_four_only() {
        assert_eq!(RiskLevel::new(0), None);
        assert_eq!(RiskLevel::new(5), None);
        assert_eq!(RiskLevel::ALL.map(RiskLevel::get), [1, 2, 3, 4]);
        assert!(serde_json::from_str::<RiskLevel>("0").is_err());
        assert!(serde_json::from_str::<RiskLevel>("5").is_err());
        assert_eq!(
            serde_json::from_str::<RiskLevel>("3").unwrap(),
            RiskLevel::SIGNIFICANT
        );
        assert_eq!(serde_json::to_string(&RiskLevel::LIMITED).unwrap(), "2");
    }

    #[test]
    fn high_zone_of_the_map() {
        let p = |s, l| MapPosition {
            severity: lvl(s),
            likelihood: lvl(l),
        };
        assert!(p(3, 3).is_high());
        assert!(p(4, 2).is_high());
        assert!(!p(4, 1).is_high());
        assert!(!p(2, 4).is_high());
        assert!(!p(3, 2).is_high());
    }

    #[test]
    fn risk_map_before_and_after() {
        let mut d = Dpia::default();
        d.risks.illegitimate_access.estimate = Estimate::new(lvl(4), lvl(3));
        d.risks.illegitimate_access.evaluation.residual = Estimate::new(lvl(3), lvl(1));
        d.risks.disappearance.estimate = Estimate {
            severity: Some(lvl(2)),
            likelihood: None,
        };
        let map = d.risk_map();
        assert_eq!(map.len(), 3);
        assert_eq!(
            map[0].before,
            Some(MapPosition {
                severity: lvl(4),
                likelihood: lvl(3)
            })
        );
        assert_eq!(
            map[0].after,
            Some(MapPosition {
                severity: lvl(3),
                likelihood: lvl(1)
            })
        );
        assert_eq!(map[1].before, None);
        assert_eq!(map[2].before, None, "one axis missing is no position");
        // The residual estimate decides: it is no longer high.
        assert!(!d.prior_consultation_indicated());
        d.risks.illegitimate_access.evaluation.residual = Estimate::default();
        assert!(
            d.prior_consultation_indicated(),
            "without a residual estimate the first one counts"
        );
    }

    #[test]
    fn open_items_name_what_needs_action() {
        let today = date!(2026 - 12 - 07);
        let mut d = Dpia::default();
        for k in RiskKind::ALL {
            d.risks.get_mut(*k).estimate = Estimate::new(lvl(1), lvl(1));
        }
        assert!(d.open_items(today).is_empty());

        d.principles.legal_basis.evaluation.status = EvaluationStatus::ToCorrect;
        d.principles.accuracy.evaluation.status = EvaluationStatus::Improvable;
        d.principles.storage_duration.evaluation = Evaluation {
            status: EvaluationStatus::Improvable,
            action_plan: ActionPlan {
                action: "shorten".into(),
                owner: "IT".into(),
                due: Some(date!(2026 - 12 - 01)),
            },
            ..Default::default()
        };
        d.risks.disappearance.estimate.likelihood = None;
        d.risks.illegitimate_access.evaluation.residual = Estimate::new(lvl(4), lvl(4));
        d.review_on = Some(today);
        let open = d.open_items(today);
        assert_eq!(
            open,
            vec![
                OpenItem::Evaluation(EvaluationPoint::Principle(Question::LegalBasis)),
                OpenItem::Evaluation(EvaluationPoint::Principle(Question::Accuracy)),
                OpenItem::OverdueAction(EvaluationPoint::Principle(Question::StorageDuration)),
                OpenItem::Unestimated(RiskKind::Disappearance),
                OpenItem::PriorConsultation,
                OpenItem::ReviewDue,
            ]
        );
        d.prior_consultation = true;
        assert!(!d.open_items(today).contains(&OpenItem::PriorConsultation));
    }

    #[test]
    fn prefill_from_the_register_fills_only_empty_answers() {
        let mut activity =
            (template("customer_administration").unwrap().build)(crate::register::Jurisdiction::Nl);
        activity.id = Uuid::from_u128(7);
        let processor = Recipient {
            id: Uuid::from_u128(9),
            name: "Hosting BV".into(),
            role: RecipientRole::Processor,
            ..Recipient::default()
        };
        activity.recipients = vec![processor.id];
        let pre = prefill(&activity, std::slice::from_ref(&processor));
        let questions: Vec<Question> = pre.answers.iter().map(|(q, _)| *q).collect();
        assert!(questions.contains(&Question::Purposes));
        assert!(questions.contains(&Question::LegalBasis));
        assert!(questions.contains(&Question::Data));
        assert!(questions.contains(&Question::StorageDuration));
        assert!(questions.contains(&Question::Processors));
        assert!(questions.contains(&Question::Transfers));
        let basis = &pre
            .answers
            .iter()
            .find(|(q, _)| *q == Question::LegalBasis)
            .unwrap()
            .1;
        assert_eq!(basis[0], Fact::LawfulBasis(activity.lawful_basis.unwrap()));

        let mut d = Dpia::default();
        d.principles.purposes.text = "written by hand".into();
        d.apply_prefill(&pre, |f| format!("{f:?}"));
        assert_eq!(d.activity, Some(activity.id));
        assert_eq!(d.principles.purposes.text, "written by hand");
        assert!(d.principles.legal_basis.text.contains("LawfulBasis"));
        assert!(d.principles.processors.text.contains("Hosting BV"));
        assert!(
            d.principles.consent.text.is_empty(),
            "the register does not answer this"
        );
    }

    #[test]
    fn every_question_has_its_own_answer_and_versions_count_up() {
        let mut d = Dpia::default();
        for (i, q) in Question::ALL.iter().enumerate() {
            *d.text_mut(*q) = i.to_string();
        }
        for (i, q) in Question::ALL.iter().enumerate() {
            assert_eq!(d.text(*q), i.to_string(), "{q}");
        }
        assert!(d.title.is_empty());
        assert_eq!(d.record_version(date!(2026 - 12 - 07), "first"), 1);
        assert_eq!(d.record_version(date!(2026 - 12 - 08), ""), 2);
    }

    #[test]
    fn validation_needs_every_evaluation_the_estimates_and_both_opinions() {
        let on = date!(2026 - 12 - 07);
        let mut d = Dpia::default();
        let blockers = d.validate(on, true).unwrap_err();
        assert!(blockers.contains(&Blocker::Unevaluated(EvaluationPoint::ContextOverview)));
        assert!(blockers.contains(&Blocker::Unestimated(RiskKind::Disappearance)));
        assert!(blockers.contains(&Blocker::DpoOpinion));
        assert!(blockers.contains(&Blocker::PeopleViews));
        assert_eq!(
            d.validation.status,
            ValidationStatus::InProgress,
            "a refused validation changes nothing"
        );

        for at in d.evaluation_points() {
            let e = match at {
                EvaluationPoint::ContextOverview => &mut d.context.overview_evaluation,
                EvaluationPoint::ContextData => &mut d.context.data_evaluation,
                EvaluationPoint::Principle(q) => {
                    &mut d.principles.answer_mut(q).unwrap().evaluation
                }
                EvaluationPoint::Measure(i) => &mut d.measures[i].evaluation,
                EvaluationPoint::Risk(k) => &mut d.risks.get_mut(k).evaluation,
            };
            e.status = EvaluationStatus::Acceptable;
        }
        for k in RiskKind::ALL {
            d.risks.get_mut(*k).estimate = Estimate::new(lvl(2), lvl(1));
        }
        d.principles.consent.evaluation.status = EvaluationStatus::ToCorrect;
        d.dpo = DpoOpinion {
            names: "DPO".into(),
            advice: Some(Advice::Favourable),
            opinion: "fine".into(),
        };
        d.people.not_sought_reason = "internal processing only".into();
        assert_eq!(
            d.validation_blockers(),
            vec![Blocker::ToCorrect(EvaluationPoint::Principle(
                Question::Consent
            ))]
        );
        d.principles.consent.evaluation.status = EvaluationStatus::Improvable;
        d.people.sought = true;
        assert_eq!(
            d.validation_blockers(),
            vec![Blocker::PeopleViews],
            "sought views must be given"
        );
        d.people.sought = false;
        assert_eq!(d.validate(on, true), Ok(()));
        assert_eq!(d.validation.status, ValidationStatus::SignedValidated);
        assert_eq!(d.validation.validated_on, Some(on));
    }

    #[test]
    fn prefill_says_nothing_the_register_does_not_know() {
        let pre = prefill(&ProcessingActivity::default(), &[]);
        assert!(pre.answers.is_empty());
    }
}
