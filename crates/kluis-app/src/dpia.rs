//! DPIA use cases (Art. 35-36): screening a processing activity, the assessment in the CNIL method's structure
//! (started blank or pre-filled from the register, edited part by part, validated, versioned) and the exchange
//! with the CNIL's PIA tool.
//!
//! Reads need `Read`, changes `ManageRegister`. Every change is one transaction with one audit event naming the
//! part it changed, never its text. A screening and a validation set the activity's DPIA status through the
//! register's own versioned save, so the register's page, history and exports show it.

use kluis_domain::dpia::assessment::{
    self, Blocker, Dpia, DpoOpinion, Evaluation, EvaluationPoint, Fact, OpenItem, PeopleViews,
    PlannedMeasure, Question, Risk, RiskKind, RiskMapEntry, ValidationStatus,
};
use kluis_domain::dpia::screening::{
    self, Screening, ScreeningOutcome, ScreeningProblem, ScreeningReason, ScreeningRecord,
    Suggestions,
};
use kluis_domain::register::{ActivityStatus, DpiaStatus, Jurisdiction};
use kluis_domain::{AuditAction, Permission, Role, SystemActor};
use kluis_export::labels;
use kluis_i18n::{Lang, Tr};
use kluis_pia::Problem;
use kluis_store::{DpiaRow, OrgScope, ScreeningRow, WriteTx, now_ms};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::audit::{CLI_ACTOR, require};
use crate::system::require_system;
use crate::{ActivityView, Actor, App, AppError, OrgSummary, Origin, UserId, retry};

const ENTITY: &str = "dpia";
const ACTIVITY_ENTITY: &str = "processing_activity";
/// The longest text kept in one answer: the CNIL tool's answers are HTML and can be long, but not a book.
pub const DPIA_TEXT_MAX: usize = 50_000;
/// The most entries in one list (impacts, threats, sources, measures of a risk; planned measures).
pub const DPIA_LIST_MAX: usize = 500;

/// One screening of an activity: the answers, their outcome, who and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreeningEntry {
    pub id: String,
    pub activity_id: String,
    pub record: ScreeningRecord,
    /// A user id, or `cli`.
    pub actor: String,
    pub at_ms: i64,
}

impl From<ScreeningRow> for ScreeningEntry {
    fn from(r: ScreeningRow) -> Self {
        ScreeningEntry {
            id: r.id,
            activity_id: r.activity_id,
            record: r.record,
            actor: r.actor,
            at_ms: r.at,
        }
    }
}

/// What the screening form of one activity shows.
#[derive(Debug, Clone)]
pub struct ScreeningForm {
    pub activity: ActivityView,
    /// The organisation's jurisdiction: which authority's list applies (both when unknown).
    pub jurisdiction: Option<Jurisdiction>,
    /// What the register suggests, with the evidence.
    pub suggestions: Suggestions,
    /// Every screening of the activity, newest first.
    pub history: Vec<ScreeningEntry>,
    /// The DPIAs linked to the activity.
    pub dpias: Vec<DpiaSummary>,
}

/// An activity with where its DPIA stands, for the module's overview.
#[derive(Debug, Clone)]
pub struct ActivityDpiaState {
    pub activity_id: String,
    pub name: String,
    pub status: ActivityStatus,
    pub dpia: DpiaStatus,
    pub latest: Option<ScreeningEntry>,
}

impl ActivityDpiaState {
    /// Not screened yet, or screened as requiring a DPIA that is not done.
    pub fn needs_attention(&self) -> bool {
        matches!(self.dpia, DpiaStatus::NotScreened | DpiaStatus::Required)
    }
}

/// A DPIA as lists show it.
#[derive(Debug, Clone)]
pub struct DpiaSummary {
    pub id: String,
    pub title: String,
    pub activity_id: Option<String>,
    pub status: ValidationStatus,
    pub version: i64,
    pub updated_at_ms: i64,
    pub review_on: Option<Date>,
    /// How many open items it has today.
    pub open_items: usize,
}

/// A DPIA at its current (or an earlier) version with what the method says about it today.
#[derive(Debug, Clone)]
pub struct DpiaView {
    pub id: String,
    pub version: i64,
    pub dpia: Dpia,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
    pub created_by: String,
    pub updated_by: String,
    pub open_items: Vec<OpenItem>,
    pub blockers: Vec<Blocker>,
    pub risk_map: Vec<RiskMapEntry>,
    /// Whether a risk stays high after the measures (Art. 36(1)).
    pub prior_consultation_indicated: bool,
}

/// One saved version of a DPIA.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DpiaVersionEntry {
    pub version: i64,
    pub at_ms: i64,
    /// A user id, or `cli`.
    pub actor: String,
    /// What the save was: the part edited, an import, a validation.
    pub note: String,
}

/// A part of a DPIA to change; everything else stays as it is.
#[derive(Debug, Clone)]
pub enum DpiaPart {
    /// Title, category and the people in the tool's roles.
    Header {
        title: String,
        category: String,
        author: String,
        evaluator: String,
        validator: String,
    },
    /// The text answer to one question of sections 1 and 2.
    Answer {
        question: Question,
        text: String,
    },
    /// The evaluation of one part (status, comment, action plan with owner and date, residual estimate).
    Evaluation {
        at: EvaluationPoint,
        evaluation: Evaluation,
    },
    /// Adds a planned measure (`index` None) or changes one's title and text.
    Measure {
        index: Option<usize>,
        title: String,
        content: String,
    },
    /// Removes a planned measure.
    MeasureRemove {
        index: usize,
    },
    /// Every planned measure at once (the API).
    Measures(Vec<PlannedMeasure>),
    /// One risk's impacts, threats, sources, measures, severity and likelihood with their rationales; its
    /// evaluation is kept (it changes through [`DpiaPart::Evaluation`]).
    Risk {
        kind: RiskKind,
        risk: Risk,
    },
    Dpo(DpoOpinion),
    People(PeopleViews),
    /// The review date and the Art. 36 prior-consultation flag.
    Review {
        review_on: Option<Date>,
        prior_consultation: bool,
    },
}

impl DpiaPart {
    /// The name of the part, for the audit event and the version note.
    pub fn name(&self) -> String {
        match self {
            DpiaPart::Header { .. } => "header".into(),
            DpiaPart::Answer { question, .. } => format!("answer.{}", question.as_str()),
            DpiaPart::Evaluation { at, .. } => format!("evaluation.{}", point_key(at)),
            DpiaPart::Measure { .. } | DpiaPart::MeasureRemove { .. } | DpiaPart::Measures(_) => {
                "measures".into()
            }
            DpiaPart::Risk { kind, .. } => format!("risk.{}", kind.as_str()),
            DpiaPart::Dpo(_) => "dpo".into(),
            DpiaPart::People(_) => "people".into(),
            DpiaPart::Review { .. } => "review".into(),
        }
    }
}

/// A stable text key of an evaluation point: `context_overview`, `context_data`, `principle.<question>`,
/// `measure.<index>`, `risk.<kind>`.
pub fn point_key(at: &EvaluationPoint) -> String {
    match at {
        EvaluationPoint::ContextOverview => "context_overview".into(),
        EvaluationPoint::ContextData => "context_data".into(),
        EvaluationPoint::Principle(q) => format!("principle.{}", q.as_str()),
        EvaluationPoint::Measure(i) => format!("measure.{i}"),
        EvaluationPoint::Risk(k) => format!("risk.{}", k.as_str()),
    }
}

/// The evaluation point a [`point_key`] names.
pub fn parse_point(key: &str) -> Option<EvaluationPoint> {
    match key.trim() {
        "context_overview" => Some(EvaluationPoint::ContextOverview),
        "context_data" => Some(EvaluationPoint::ContextData),
        k => {
            let (kind, rest) = k.split_once('.')?;
            match kind {
                "principle" => rest
                    .parse::<Question>()
                    .ok()
                    .filter(|q| !q.is_context())
                    .map(EvaluationPoint::Principle),
                "measure" => rest.parse().ok().map(EvaluationPoint::Measure),
                "risk" => rest.parse().ok().map(EvaluationPoint::Risk),
                _ => None,
            }
        }
    }
}

/// A stable text key of an open item or blocker, for the pages' catalogue and the API.
pub fn open_item_key(item: &OpenItem) -> String {
    match item {
        OpenItem::Evaluation(at) => format!("evaluation:{}", point_key(at)),
        OpenItem::OverdueAction(at) => format!("overdue_action:{}", point_key(at)),
        OpenItem::Unestimated(k) => format!("unestimated:risk.{}", k.as_str()),
        OpenItem::PriorConsultation => "prior_consultation".into(),
        OpenItem::ReviewDue => "review_due".into(),
    }
}

/// See [`open_item_key`].
pub fn blocker_key(b: &Blocker) -> String {
    match b {
        Blocker::Unevaluated(at) => format!("unevaluated:{}", point_key(at)),
        Blocker::ToCorrect(at) => format!("to_correct:{}", point_key(at)),
        Blocker::Unestimated(k) => format!("unestimated:risk.{}", k.as_str()),
        Blocker::DpoOpinion => "dpo_opinion".into(),
        Blocker::PeopleViews => "people_views".into(),
    }
}

/// A DPIA read from a CNIL PIA file and stored, with what the reader had to say (each naming the file's field).
#[derive(Debug, Clone)]
pub struct DpiaImport {
    pub view: DpiaView,
    pub warnings: Vec<String>,
}

/// Whether a validation status counts as validated.
pub fn is_validated(status: ValidationStatus) -> bool {
    matches!(
        status,
        ValidationStatus::Validated | ValidationStatus::SignedValidated
    )
}

fn parse_id(id: &str) -> Result<String, AppError> {
    id.trim()
        .parse::<Uuid>()
        .map(|u| u.to_string())
        .map_err(|_| AppError::NotFound)
}

fn screening_error(p: &ScreeningProblem) -> AppError {
    match p {
        ScreeningProblem::ForeignList { field } => AppError::invalid(
            field,
            "this list is the other authority's: the organisation answers to the one of its jurisdiction",
        ),
        ScreeningProblem::JustificationNotApplicable => AppError::invalid(
            "justification",
            "a justification applies only to two or more WP248 criteria without a list item or Art. 35(3) case",
        ),
        ScreeningProblem::TooLong { field, max } => {
            AppError::invalid(field, format!("at most {max} characters"))
        }
    }
}

fn check_text(field: &'static str, text: &str) -> Result<(), AppError> {
    if text.chars().count() > DPIA_TEXT_MAX {
        return Err(AppError::invalid(
            field,
            format!("at most {DPIA_TEXT_MAX} characters"),
        ));
    }
    Ok(())
}

fn check_list(field: &'static str, items: &[String]) -> Result<(), AppError> {
    if items.len() > DPIA_LIST_MAX {
        return Err(AppError::invalid(
            field,
            format!("at most {DPIA_LIST_MAX} entries"),
        ));
    }
    items.iter().try_for_each(|t| check_text(field, t))
}

fn check_evaluation(e: &Evaluation) -> Result<(), AppError> {
    check_text("comment", &e.comment)?;
    check_text("action", &e.action_plan.action)?;
    check_text("owner", &e.action_plan.owner)
}

fn tidy_list(items: Vec<String>) -> Vec<String> {
    items
        .into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Applies `part` to `d`, checking sizes and that the part names something that exists.
fn apply(d: &mut Dpia, part: DpiaPart) -> Result<(), AppError> {
    match part {
        DpiaPart::Header {
            title,
            category,
            author,
            evaluator,
            validator,
        } => {
            let title = title.trim().to_owned();
            if title.is_empty() {
                return Err(AppError::invalid("title", "give the DPIA a title"));
            }
            if title.chars().count() > 200 {
                return Err(AppError::invalid("title", "enter at most 200 characters"));
            }
            for (f, t) in [
                ("category", &category),
                ("author", &author),
                ("evaluator", &evaluator),
                ("validator", &validator),
            ] {
                if t.chars().count() > 200 {
                    return Err(AppError::invalid(f, "enter at most 200 characters"));
                }
            }
            d.title = title;
            d.category = category.trim().to_owned();
            d.author = author.trim().to_owned();
            d.evaluator = evaluator.trim().to_owned();
            d.validator = validator.trim().to_owned();
        }
        DpiaPart::Answer { question, text } => {
            check_text("text", &text)?;
            *d.text_mut(question) = text;
        }
        DpiaPart::Evaluation { at, evaluation } => {
            check_evaluation(&evaluation)?;
            let is_risk = matches!(at, EvaluationPoint::Risk(_));
            let slot = match at {
                EvaluationPoint::ContextOverview => &mut d.context.overview_evaluation,
                EvaluationPoint::ContextData => &mut d.context.data_evaluation,
                EvaluationPoint::Principle(q) => {
                    &mut d
                        .principles
                        .answer_mut(q)
                        .ok_or_else(|| AppError::invalid("point", "not an evaluated question"))?
                        .evaluation
                }
                EvaluationPoint::Measure(i) => {
                    &mut d
                        .measures
                        .get_mut(i)
                        .ok_or_else(|| AppError::invalid("point", "there is no such measure"))?
                        .evaluation
                }
                EvaluationPoint::Risk(k) => &mut d.risks.get_mut(k).evaluation,
            };
            // The tool's own progress flag is not the person's to set; keep it for the round trip.
            // Only a risk has a residual estimate to set; the tool's gauges on other parts are kept as they came.
            let progress = slot.tool_progress;
            let residual = if is_risk {
                evaluation.residual
            } else {
                slot.residual
            };
            *slot = Evaluation {
                tool_progress: progress,
                residual,
                ..evaluation
            };
        }
        DpiaPart::Measure {
            index,
            title,
            content,
        } => {
            let title = title.trim().to_owned();
            if title.is_empty() {
                return Err(AppError::invalid("title", "give the measure a title"));
            }
            check_text("title", &title)?;
            check_text("content", &content)?;
            match index {
                None => {
                    if d.measures.len() >= DPIA_LIST_MAX {
                        return Err(AppError::invalid(
                            "measures",
                            format!("at most {DPIA_LIST_MAX} entries"),
                        ));
                    }
                    d.measures.push(PlannedMeasure {
                        title,
                        content,
                        ..Default::default()
                    });
                }
                Some(i) => {
                    let m = d
                        .measures
                        .get_mut(i)
                        .ok_or_else(|| AppError::invalid("index", "there is no such measure"))?;
                    m.title = title;
                    m.content = content;
                }
            }
        }
        DpiaPart::MeasureRemove { index } => {
            if index >= d.measures.len() {
                return Err(AppError::invalid("index", "there is no such measure"));
            }
            d.measures.remove(index);
        }
        DpiaPart::Measures(list) => {
            if list.len() > DPIA_LIST_MAX {
                return Err(AppError::invalid(
                    "measures",
                    format!("at most {DPIA_LIST_MAX} entries"),
                ));
            }
            for m in &list {
                check_text("measures", &m.title)?;
                check_text("measures", &m.content)?;
                check_evaluation(&m.evaluation)?;
            }
            d.measures = list;
        }
        DpiaPart::Risk { kind, risk } => {
            check_list("impacts", &risk.impacts)?;
            check_list("threats", &risk.threats)?;
            check_list("sources", &risk.sources)?;
            check_list("measures", &risk.measures)?;
            check_text("severity_rationale", &risk.severity_rationale)?;
            check_text("likelihood_rationale", &risk.likelihood_rationale)?;
            let slot = d.risks.get_mut(kind);
            let evaluation = std::mem::take(&mut slot.evaluation);
            *slot = Risk {
                impacts: tidy_list(risk.impacts),
                threats: tidy_list(risk.threats),
                sources: tidy_list(risk.sources),
                measures: tidy_list(risk.measures),
                evaluation,
                ..risk
            };
        }
        DpiaPart::Dpo(o) => {
            check_text("dpo_names", &o.names)?;
            check_text("dpo_opinion", &o.opinion)?;
            d.dpo = o;
        }
        DpiaPart::People(p) => {
            check_text("people_names", &p.names)?;
            check_text("people_opinion", &p.opinion)?;
            check_text("not_sought_reason", &p.not_sought_reason)?;
            d.people = p;
        }
        DpiaPart::Review {
            review_on,
            prior_consultation,
        } => {
            d.review_on = review_on;
            d.prior_consultation = prior_consultation;
        }
    }
    Ok(())
}

/// A fact the register knows, in the reader's words.
pub fn fact_text(tr: Tr, f: &Fact) -> String {
    match f {
        Fact::Description(s) | Fact::PurposeText(s) => s.trim().to_owned(),
        Fact::Purpose(p) => labels::purpose(tr, *p),
        Fact::LawfulBasis(b) => format!(
            "{} ({})",
            labels::or(tr, &b.label_key(), b.as_str()),
            b.article()
        ),
        Fact::BalancingTest(s) => tr.t_with("dpia-page-fact-balancing-test", &[("text", s.trim())]),
        Fact::Category(c) => labels::category(tr, *c),
        Fact::Retention(r) => labels::retention(tr, r),
        Fact::Recipient { name, processor } => tr.t_with(
            if *processor {
                "dpia-page-fact-processor"
            } else {
                "dpia-page-fact-recipient"
            },
            &[("name", name.trim())],
        ),
        Fact::OtherRecipient(name) => {
            tr.t_with("dpia-page-fact-recipient", &[("name", name.trim())])
        }
        Fact::ProcessorAgreement { name, signed_on } => match signed_on {
            Some(d) => tr.t_with(
                "dpia-page-fact-agreement-signed",
                &[("name", name.trim()), ("date", &tr.date(*d))],
            ),
            None => tr.t_with("dpia-page-fact-agreement-missing", &[("name", name.trim())]),
        },
        Fact::Transfer(t) => labels::transfer(tr, t),
        Fact::NoTransfers => tr.t("dpia-page-fact-no-transfers").to_owned(),
        Fact::JointController(name) => {
            tr.t_with("dpia-page-fact-joint-controller", &[("name", name.trim())])
        }
    }
}

/// Imports `bytes` strictly: what `kluis_pia` reads with a warning it can keep aside (an unknown reference, a
/// field of the tool's) is accepted, but a question id or a gauge Kluis does not know means the file is foreign
/// or damaged, and is refused naming the field, so nothing of it is stored.
fn read_pia(bytes: &[u8]) -> Result<kluis_pia::Imported, AppError> {
    let imported =
        kluis_pia::import(bytes).map_err(|e| AppError::invalid("file", e.to_string()))?;
    if let Some(w) = imported.warnings.iter().find(|w| {
        matches!(
            w.problem,
            Problem::UnknownQuestion(_) | Problem::GaugeOutOfRange(_)
        )
    }) {
        let why = match &w.problem {
            Problem::UnknownQuestion(id) => format!("unknown question id {id}"),
            Problem::GaugeOutOfRange(v) => format!("gauge {v} is not 1 to 4"),
            other => other.to_string(),
        };
        return Err(AppError::invalid("file", format!("{}: {why}", w.field)));
    }
    Ok(imported)
}

fn view_of(row: DpiaRow, today: Date) -> DpiaView {
    let d = row.dpia;
    DpiaView {
        open_items: d.open_items(today),
        blockers: d.validation_blockers(),
        risk_map: d.risk_map(),
        prior_consultation_indicated: d.prior_consultation_indicated(),
        id: row.id,
        version: row.version,
        created_at_ms: row.created_at,
        updated_at_ms: row.updated_at,
        created_by: row.created_by,
        updated_by: row.updated_by,
        dpia: d,
    }
}

fn summary_of(row: &DpiaRow, today: Date) -> DpiaSummary {
    DpiaSummary {
        id: row.id.clone(),
        title: row.dpia.title.clone(),
        activity_id: row.activity_id.clone(),
        status: row.dpia.validation.status,
        version: row.version,
        updated_at_ms: row.updated_at,
        review_on: row.dpia.review_on,
        open_items: row.dpia.open_items(today).len(),
    }
}

fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

/// One reason a screening requires a DPIA, in words: the national list item, the Art. 35(3) case with its
/// article, or the number of WP248 criteria met. The DPIA page and the register's rationale say it the same way.
pub fn screening_reason_text(tr: kluis_i18n::Tr, r: &ScreeningReason) -> String {
    let dashed = |k: &str| k.replace('_', "-");
    match r {
        ScreeningReason::NlList(i) => tr
            .t(&format!("dpia-page-nl-{}", dashed(i.as_str())))
            .to_owned(),
        ScreeningReason::BeList(i) => tr
            .t(&format!("dpia-page-be-{}", dashed(i.as_str())))
            .to_owned(),
        ScreeningReason::Art35(c) => format!(
            "{}: {}",
            c.article(),
            tr.t(&format!("dpia-page-art35-{}", dashed(c.as_str())))
        ),
        ScreeningReason::Wp248 { criteria } => tr.t_with(
            "dpia-page-reason-wp248",
            &[("criteria", &criteria.to_string())],
        ),
    }
}

/// The screening's result in words for the register: the reasons a DPIA is
/// required, or the justification and the number of criteria when none is; the screener's notes after.
fn screening_rationale(s: &Screening, outcome: &ScreeningOutcome, lang: Lang) -> String {
    let tr = kluis_i18n::Tr::new(lang);
    let mut parts: Vec<String> = match outcome {
        ScreeningOutcome::Required { reasons } => reasons
            .iter()
            .map(|r| screening_reason_text(tr, r))
            .collect(),
        ScreeningOutcome::NotRequiredJustified { criteria } => vec![
            tr.t_with(
                "dpia-page-outcome-not-required-justified",
                &[("criteria", &criteria.to_string())],
            ),
            s.justification.trim().to_owned(),
        ],
        ScreeningOutcome::NotRequired { criteria } => vec![tr.t_with(
            "dpia-page-outcome-not-required",
            &[("criteria", &criteria.to_string())],
        )],
    };
    if !s.notes.trim().is_empty() {
        parts.push(s.notes.trim().to_owned());
    }
    parts.retain(|p| !p.is_empty());
    parts.join("; ")
}

/// Sets the DPIA status of activity `activity_id` to `status` through the register's versioned save, in `tx`;
/// nothing when it already has it. Returns whether it changed.
async fn set_activity_dpia(
    tx: &mut WriteTx,
    scope: &OrgScope,
    actor: &str,
    activity_id: &str,
    status: impl FnOnce(DpiaStatus) -> DpiaStatus,
    rationale: Option<String>,
) -> Result<bool, AppError> {
    let Some(cur) = tx.activities(scope).get(activity_id).await? else {
        return Ok(false);
    };
    let mut a = cur.activity.clone();
    a.dpia = status(a.dpia);
    if let Some(r) = rationale {
        a.dpia_rationale = r;
    }
    let mut changed: Vec<&str> = Vec::new();
    if a.dpia != cur.activity.dpia {
        changed.push("dpia");
    }
    if a.dpia_rationale != cur.activity.dpia_rationale {
        changed.push("dpia_rationale");
    }
    if changed.is_empty() {
        return Ok(false);
    }
    tx.activities(scope)
        .save(&a, cur.version, &changed, actor, now_ms())
        .await?;
    Ok(true)
}

impl App {
    async fn dpia_jurisdiction(&self, actor: &Actor) -> Result<Option<Jurisdiction>, AppError> {
        Ok(self.profile(actor).await?.profile.jurisdiction)
    }

    /// Every activity with where its DPIA stands and its latest screening, by name (Permission::Read).
    pub async fn dpia_activities(&self, actor: &Actor) -> Result<Vec<ActivityDpiaState>, AppError> {
        require(actor, Permission::Read)?;
        let activities = self.db().activities(&actor.scope).list().await?;
        let latest = self.db().dpias(&actor.scope).latest_screenings().await?;
        Ok(activities
            .into_iter()
            .map(|r| {
                let id = r.activity.id.to_string();
                ActivityDpiaState {
                    latest: latest
                        .iter()
                        .find(|s| s.activity_id == id)
                        .cloned()
                        .map(ScreeningEntry::from),
                    activity_id: id,
                    name: r.activity.name,
                    status: r.activity.status,
                    dpia: r.activity.dpia,
                }
            })
            .collect())
    }

    /// The organisation's DPIAs, most recently changed first (Permission::Read).
    pub async fn dpias(&self, actor: &Actor) -> Result<Vec<DpiaSummary>, AppError> {
        require(actor, Permission::Read)?;
        let today = today();
        let rows = self.db().dpias(&actor.scope).list().await?;
        Ok(rows.iter().map(|r| summary_of(r, today)).collect())
    }

    /// One DPIA at its current version (Permission::Read).
    pub async fn dpia(&self, actor: &Actor, id: &str) -> Result<DpiaView, AppError> {
        require(actor, Permission::Read)?;
        let id = parse_id(id)?;
        let row = self
            .db()
            .dpias(&actor.scope)
            .get(&id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(view_of(row, today()))
    }

    /// Version `version` of a DPIA as it was saved (Permission::Read).
    pub async fn dpia_at_version(
        &self,
        actor: &Actor,
        id: &str,
        version: i64,
    ) -> Result<DpiaView, AppError> {
        require(actor, Permission::Read)?;
        let id = parse_id(id)?;
        let store = self.db().dpias(&actor.scope);
        let cur = store.get(&id).await?.ok_or(AppError::NotFound)?;
        let v = store
            .version(&id, version)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(view_of(
            DpiaRow {
                dpia: v.dpia,
                version: v.version,
                updated_at: v.at,
                updated_by: v.actor,
                ..cur
            },
            today(),
        ))
    }

    /// Every saved version of a DPIA, oldest first (Permission::Read).
    pub async fn dpia_versions(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<Vec<DpiaVersionEntry>, AppError> {
        require(actor, Permission::Read)?;
        let id = parse_id(id)?;
        let rows = self.db().dpias(&actor.scope).versions(&id).await?;
        if rows.is_empty() {
            return Err(AppError::NotFound);
        }
        Ok(rows
            .into_iter()
            .map(|r| DpiaVersionEntry {
                version: r.version,
                at_ms: r.at,
                actor: r.actor,
                note: r.note,
            })
            .collect())
    }

    /// The screening form of one activity: the register's suggestions with their evidence, every earlier
    /// screening and the linked DPIAs (Permission::Read).
    pub async fn dpia_screening_form(
        &self,
        actor: &Actor,
        activity_id: &str,
    ) -> Result<ScreeningForm, AppError> {
        let activity = self.register_activity(actor, activity_id).await?;
        let id = activity.activity.id.to_string();
        let jurisdiction = self.dpia_jurisdiction(actor).await?;
        let store = self.db().dpias(&actor.scope);
        let history = store
            .screenings(&id)
            .await?
            .into_iter()
            .map(ScreeningEntry::from)
            .collect();
        let today = today();
        let dpias = store
            .list()
            .await?
            .iter()
            .filter(|r| r.activity_id.as_deref() == Some(id.as_str()))
            .map(|r| summary_of(r, today))
            .collect();
        Ok(ScreeningForm {
            suggestions: screening::suggest(&activity.activity, jurisdiction),
            activity,
            jurisdiction,
            history,
            dpias,
        })
    }

    /// Screens an activity (Permission::ManageRegister): the answers are checked against the organisation's
    /// jurisdiction, stored as a new screening, and the activity's DPIA status follows the outcome (a DPIA
    /// already done stays done) through the register's versioned save. One `dpia.screen` event.
    pub async fn screen_activity(
        &self,
        actor: &Actor,
        activity_id: &str,
        mut s: Screening,
    ) -> Result<ScreeningEntry, AppError> {
        require(actor, Permission::ManageRegister)?;
        let activity_id = parse_id(activity_id)?;
        let jurisdiction = self.dpia_jurisdiction(actor).await?;
        s.justification = s.justification.trim().to_owned();
        s.notes = s.notes.trim().to_owned();
        if let Some(p) = screening::validate(&s, jurisdiction).first() {
            return Err(screening_error(p));
        }
        let outcome = screening::outcome(&s);
        // Dutch, the register's language for NL and BE organisations (the exports word their own labels per language).
        let rationale = screening_rationale(&s, &outcome, Lang::Nl);
        let row = ScreeningRow {
            id: Uuid::now_v7().to_string(),
            activity_id: activity_id.clone(),
            record: ScreeningRecord {
                screening: s,
                outcome: outcome.clone(),
                screened_on: today(),
                screened_by: actor.user_id.as_str().to_owned(),
            },
            actor: actor.user_id.as_str().to_owned(),
            at: now_ms(),
        };
        retry!({
            let mut tx = self.db().begin_write().await?;
            if tx
                .activities(&actor.scope)
                .get(&activity_id)
                .await?
                .is_none()
            {
                return Err(AppError::NotFound);
            }
            tx.dpias(&actor.scope).insert_screening(&row).await?;
            let changed = set_activity_dpia(
                &mut tx,
                &actor.scope,
                actor.user_id.as_str(),
                &activity_id,
                |cur| outcome.status(cur),
                Some(rationale.clone()),
            )
            .await?;
            let fields: &[&str] = if changed {
                &["screening", "dpia"]
            } else {
                &["screening"]
            };
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::DpiaScreen,
                    ACTIVITY_ENTITY,
                    &activity_id,
                    fields,
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        Ok(row.into())
    }

    /// Starts a DPIA (Permission::ManageRegister): for an activity, pre-filled with what the register knows
    /// (worded in `lang`), or blank with `title`. One `dpia.create` event; version 1.
    pub async fn create_dpia(
        &self,
        actor: &Actor,
        activity_id: Option<&str>,
        title: &str,
        lang: Lang,
    ) -> Result<DpiaView, AppError> {
        require(actor, Permission::ManageRegister)?;
        let mut d = Dpia {
            title: title.trim().to_owned(),
            ..Dpia::default()
        };
        match activity_id.map(str::trim).filter(|a| !a.is_empty()) {
            Some(a) => {
                let activity = self
                    .register_activity(actor, a)
                    .await
                    .map_err(|e| match e {
                        AppError::NotFound => {
                            AppError::invalid("activity", "there is no such activity")
                        }
                        e => e,
                    })?
                    .activity;
                let recipients = self.recipients_snapshot(actor).await?;
                let pre = assessment::prefill(&activity, &recipients);
                let tr = Tr::new(lang);
                d.apply_prefill(&pre, |f| fact_text(tr, f));
            }
            None if d.title.is_empty() => {
                return Err(AppError::invalid(
                    "title",
                    "choose an activity or give the DPIA a title",
                ));
            }
            None => {}
        }
        if d.title.chars().count() > 200 {
            return Err(AppError::invalid("title", "enter at most 200 characters"));
        }
        self.insert_dpia(actor, d, "created", AuditAction::DpiaCreate)
            .await
    }

    async fn insert_dpia(
        &self,
        actor: &Actor,
        mut d: Dpia,
        note: &str,
        action: AuditAction,
    ) -> Result<DpiaView, AppError> {
        let id = Uuid::now_v7().to_string();
        d.record_version(today(), note);
        let row = retry!({
            let mut tx = self.db().begin_write().await?;
            // A linked activity must be the organisation's own.
            if let Some(a) = d.activity
                && tx
                    .activities(&actor.scope)
                    .get(&a.to_string())
                    .await?
                    .is_none()
            {
                return Err(AppError::invalid("activity", "there is no such activity"));
            }
            tx.dpias(&actor.scope)
                .insert(&id, &d, note, actor.user_id.as_str(), now_ms())
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(action, ENTITY, &id, &["dpia"]))
                .await?;
            let row = tx.dpias(&actor.scope).get(&id).await?;
            tx.commit().await?;
            row.ok_or(AppError::NotFound)
        })?;
        Ok(view_of(row, today()))
    }

    /// Changes one part of a DPIA (Permission::ManageRegister) and saves a new version. A validated DPIA that
    /// changes is back in progress until validated again. One `dpia.update` event naming the part.
    pub async fn update_dpia(
        &self,
        actor: &Actor,
        id: &str,
        part: DpiaPart,
    ) -> Result<DpiaView, AppError> {
        require(actor, Permission::ManageRegister)?;
        let id = parse_id(id)?;
        let name = part.name();
        let row = retry!({
            let mut tx = self.db().begin_write().await?;
            let cur = tx
                .dpias(&actor.scope)
                .get(&id)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut d = cur.dpia.clone();
            apply(&mut d, part.clone())?;
            if d == cur.dpia {
                return Ok(cur);
            }
            let mut fields = vec![name.as_str()];
            if is_validated(d.validation.status) {
                d.validation.status = ValidationStatus::InProgress;
                d.validation.validated_on = None;
                fields.push("validation");
            }
            d.record_version(today(), name.as_str());
            tx.dpias(&actor.scope)
                .save(
                    &id,
                    &d,
                    cur.version,
                    &name,
                    actor.user_id.as_str(),
                    now_ms(),
                )
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(AuditAction::DpiaUpdate, ENTITY, &id, &fields))
                .await?;
            let row = tx.dpias(&actor.scope).get(&id).await?;
            tx.commit().await?;
            row.ok_or(AppError::NotFound)
        })?;
        Ok(view_of(row, today()))
    }

    /// Validates a DPIA (Permission::ManageRegister), signed or not, or refuses naming what stands in the way
    /// (field `validation`, the blockers' keys). Its activity's DPIA is then done (through the register's
    /// versioned save). One `dpia.validate` event.
    pub async fn validate_dpia(
        &self,
        actor: &Actor,
        id: &str,
        signed: bool,
    ) -> Result<DpiaView, AppError> {
        require(actor, Permission::ManageRegister)?;
        let id = parse_id(id)?;
        let row = retry!({
            let mut tx = self.db().begin_write().await?;
            let cur = tx
                .dpias(&actor.scope)
                .get(&id)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut d = cur.dpia.clone();
            if let Err(blockers) = d.validate(today(), signed) {
                return Err(AppError::invalid(
                    "validation",
                    blockers
                        .iter()
                        .map(blocker_key)
                        .collect::<Vec<_>>()
                        .join(", "),
                ));
            }
            d.record_version(today(), "validated");
            tx.dpias(&actor.scope)
                .save(
                    &id,
                    &d,
                    cur.version,
                    "validated",
                    actor.user_id.as_str(),
                    now_ms(),
                )
                .await?;
            let mut fields = vec!["validation"];
            if let Some(a) = &cur.activity_id
                && set_activity_dpia(
                    &mut tx,
                    &actor.scope,
                    actor.user_id.as_str(),
                    a,
                    |_| DpiaStatus::Done,
                    None,
                )
                .await?
            {
                fields.push("activity.dpia");
            }
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(AuditAction::DpiaValidate, ENTITY, &id, &fields))
                .await?;
            let row = tx.dpias(&actor.scope).get(&id).await?;
            tx.commit().await?;
            row.ok_or(AppError::NotFound)
        })?;
        Ok(view_of(row, today()))
    }

    /// Imports a file exported by the CNIL's PIA tool as a new DPIA (Permission::ManageRegister), linked to
    /// `activity_id` if given. A malformed or foreign file (not the tool's shape, an unknown question id, a
    /// gauge outside 1-4) is refused naming the field (`file`) and nothing is stored; what the reader could keep
    /// aside comes back as warnings naming the field. One `dpia.import` event.
    pub async fn import_dpia(
        &self,
        actor: &Actor,
        bytes: &[u8],
        activity_id: Option<&str>,
    ) -> Result<DpiaImport, AppError> {
        require(actor, Permission::ManageRegister)?;
        let imported = read_pia(bytes)?;
        let mut d = imported.dpia;
        if let Some(a) = activity_id.map(str::trim).filter(|a| !a.is_empty()) {
            d.activity = Some(
                a.parse()
                    .map_err(|_| AppError::invalid("activity", "there is no such activity"))?,
            );
        }
        if d.title.trim().is_empty() {
            d.title = "PIA".into();
        }
        let view = self
            .insert_dpia(actor, d, "imported", AuditAction::DpiaImport)
            .await?;
        Ok(DpiaImport {
            view,
            warnings: imported.warnings.iter().map(ToString::to_string).collect(),
        })
    }

    /// The DPIA as a file the CNIL's PIA tool imports (Permission::Read), with its file name; the export is
    /// audited as `dpia.export`.
    pub async fn export_dpia(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<(String, Vec<u8>), AppError> {
        let view = self.dpia(actor, id).await?;
        let bytes = kluis_pia::export(&view.dpia, OffsetDateTime::now_utc());
        self.audit_access(
            actor,
            &actor.event(AuditAction::DpiaExport, ENTITY, &view.id, &["cnil_pia"]),
        )
        .await?;
        Ok((format!("dpia-{}.json", view.id), bytes))
    }

    /// The DPIA module's compliance findings: activities screened as requiring a DPIA that have none validated
    /// (where the register's own rule does not already say so), DPIAs past their review date, and high
    /// residual risk without the Art. 36 prior consultation (Permission::Read).
    pub async fn dpia_findings(
        &self,
        actor: &Actor,
    ) -> Result<Vec<kluis_domain::register::compliance::Finding>, AppError> {
        use kluis_domain::register::compliance::{Finding, Fix, Severity, Step, Subject};
        require(actor, Permission::Read)?;
        let today = today();
        let dpias = self.db().dpias(&actor.scope).list().await?;
        let mut out = Vec::new();
        for state in self.dpia_activities(actor).await? {
            // `activity.dpia_due` of the register's rules reports a required DPIA not done; this reports an
            // activity marked done whose screening requires a DPIA that Kluis holds none validated of.
            let required = state
                .latest
                .as_ref()
                .is_some_and(|s| s.record.outcome.required());
            if !required || state.dpia != DpiaStatus::Done || state.status == ActivityStatus::Ended
            {
                continue;
            }
            let validated = dpias.iter().any(|r| {
                r.activity_id.as_deref() == Some(state.activity_id.as_str())
                    && is_validated(r.dpia.validation.status)
            });
            if validated {
                continue;
            }
            let mut f = Finding::new(
                "dpia.not_validated",
                Severity::Medium,
                "Art. 35(1)",
                Step::Register,
                Subject::Module {
                    module: "dpia".into(),
                },
                Fix::Page {
                    path: format!("/dpia/screening/{}", state.activity_id),
                },
            )
            .arg("activity", &state.name);
            f.message = "dpia-page-finding-not-validated".into();
            out.push(f);
        }
        for r in &dpias {
            let d = &r.dpia;
            if let Some(review) = d.review_on.filter(|on| *on <= today) {
                let mut f = Finding::new(
                    "dpia.review_due",
                    Severity::Medium,
                    "Art. 35(11)",
                    Step::Register,
                    Subject::Module {
                        module: "dpia".into(),
                    },
                    Fix::Page {
                        path: format!("/dpia/{}", r.id),
                    },
                )
                .arg("title", &d.title)
                .arg("date", review);
                f.message = "dpia-page-finding-review-due".into();
                out.push(f);
            }
            if d.prior_consultation_indicated() && !d.prior_consultation {
                let mut f = Finding::new(
                    "dpia.prior_consultation",
                    Severity::High,
                    "Art. 36(1)",
                    Step::Register,
                    Subject::Module {
                        module: "dpia".into(),
                    },
                    Fix::Page {
                        path: format!("/dpia/{}", r.id),
                    },
                )
                .arg("title", &d.title);
                f.message = "dpia-page-finding-prior-consultation".into();
                out.push(f);
            }
        }
        Ok(out)
    }

    /// The command line acting on organisation `slug` as `SystemActor::Cli`, with the register rights the
    /// command line has.
    async fn cli_dpia_actor(&self, slug: &str) -> Result<Actor, AppError> {
        require_system(SystemActor::Cli, Permission::ManageRegister)?;
        let org = self
            .db()
            .org_by_slug(slug.trim())
            .await?
            .ok_or(AppError::NotFound)?;
        let scope = OrgScope::system(&org);
        Ok(Actor::new(
            UserId(CLI_ACTOR.to_owned()),
            OrgSummary::from(org),
            Role::PrivacyOfficer,
            scope,
            Origin::cli(),
        ))
    }

    /// `kluis dpia import FILE --org SLUG [--activity ID]`: [`App::import_dpia`] as the command line.
    pub async fn cli_import_dpia(
        &self,
        slug: &str,
        bytes: &[u8],
        activity_id: Option<&str>,
    ) -> Result<DpiaImport, AppError> {
        let actor = self.cli_dpia_actor(slug).await?;
        self.import_dpia(&actor, bytes, activity_id).await
    }

    /// `kluis dpia export --org SLUG --id ID --format cnil-pia`: [`App::export_dpia`] as the command line.
    /// The DPIA as a PDF in the CNIL method's order with its risk map (Permission::Read), in `lang`. Audited as
    /// `dpia.export` naming `pdf`.
    pub async fn export_dpia_pdf(
        &self,
        actor: &Actor,
        id: &str,
        lang: kluis_i18n::Lang,
    ) -> Result<(String, Vec<u8>), AppError> {
        let view = self.dpia(actor, id).await?;
        let activity_name = match view.dpia.activity {
            Some(a) => self
                .register_activity(actor, &a.to_string())
                .await
                .ok()
                .map(|v| v.activity.name),
            None => None,
        };
        let meta = kluis_export::DpiaPdfMeta {
            organisation: &actor.org.name,
            activity_name: activity_name.as_deref(),
            generated_on: OffsetDateTime::now_utc().date(),
            version: u32::try_from(view.version).unwrap_or(u32::MAX),
        };
        let bytes = kluis_export::render_dpia_pdf(&view.dpia, &meta, lang)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("DPIA PDF: {e}")))?;
        self.audit_access(
            actor,
            &actor.event(AuditAction::DpiaExport, ENTITY, &view.id, &["pdf"]),
        )
        .await?;
        Ok((format!("dpia-{}.pdf", view.id), bytes))
    }

    /// `kluis dpia export --format pdf`.
    pub async fn cli_export_dpia_pdf(
        &self,
        slug: &str,
        id: &str,
        lang: kluis_i18n::Lang,
    ) -> Result<Vec<u8>, AppError> {
        let actor = self.cli_dpia_actor(slug).await?;
        Ok(self.export_dpia_pdf(&actor, id, lang).await?.1)
    }

    pub async fn cli_export_dpia(&self, slug: &str, id: &str) -> Result<Vec<u8>, AppError> {
        let actor = self.cli_dpia_actor(slug).await?;
        Ok(self.export_dpia(&actor, id).await?.1)
    }
}

/// Compile-time check that the use-case futures are `Send`, as axum handlers require.
#[allow(dead_code)]
fn dpia_futures_are_send(app: &App, a: &Actor) {
    fn send<T: Send>(_: T) {}
    send(app.dpia_activities(a));
    send(app.dpias(a));
    send(app.dpia(a, ""));
    send(app.dpia_at_version(a, "", 1));
    send(app.dpia_versions(a, ""));
    send(app.dpia_screening_form(a, ""));
    send(app.screen_activity(a, "", Screening::default()));
    send(app.create_dpia(a, None, "", Lang::En));
    send(app.update_dpia(a, "", DpiaPart::MeasureRemove { index: 0 }));
    send(app.validate_dpia(a, "", false));
    send(app.import_dpia(a, b"", None));
    send(app.export_dpia(a, ""));
    send(app.dpia_findings(a));
}
