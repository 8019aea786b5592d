//! Personal-data breaches (Arts. 33 and 34): the register of every incident with its 72-hour clock, the people
//! and documents it affects computed from the linked data, the risk decision, the notifications to the authority
//! in phases, the people told, and a processor's report through the signed link it was given.
//!
//! Every rule (the clock, a timeline that can have happened, counts against the linked people, the decision and
//! its Art. 34(3) exceptions, the phases) is the domain's (`kluis_domain::breach`); this file stores, checks
//! permissions and audits. What the organisation writes about a breach is one encrypted value (free text about
//! an incident can name people); the clock and the decision are columns so lists and checks filter in SQL.

use kluis_crypto::KeyRing;
use kluis_domain::breach::authority::{BreachReport, Reporter, authority_form};
use kluis_domain::breach::incident::{
    AffectedCounts, BreachCause, BreachNature, CountProblem, DataEvent, Notification,
    NotificationPhase, PhaseProblem, Timeline, TimelineProblem, check_counts, check_phase,
    check_timeline, natures_of,
};
use kluis_domain::breach::risk::{
    Decision, DecisionProblem, OpenIssue, PeopleException, RiskFacts, RiskGuidance, RiskLevel,
    check_decision, guidance, open_issues,
};
use kluis_domain::breach::{BreachClock, ClockState};
use kluis_domain::calendar::moment_of_ms;
use kluis_domain::register::{DataCategory, DataSubjectCategory, Jurisdiction};
use kluis_domain::relations::links::LINK_ENTITY_TYPES;
use kluis_domain::relations::model::{RelationKind, concerns};
use kluis_domain::{AuditAction, Permission, Role};
use kluis_store::{
    AffectedTotals, BreachEventRow, BreachNotificationRow, BreachRow, OrgScope, WriteTx,
};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::audit::require;
use crate::consent::LinkRefusal;
use crate::types::{OrgSummary, UserId};
use crate::{Actor, App, AppError, Origin, retry};

const TABLE: &str = "breaches";
/// The signed link a processor reports through (the page's purpose in the signature).
const PROCESSOR_LINK: &str = "breach-report";
/// A processor keeps its link for the term of a typical agreement's review: a year.
const PROCESSOR_LINK_DAYS: i64 = 366;
/// The actor a processor's report is recorded as.
pub const PROCESSOR_ACTOR: &str = "processor";
/// Free text about a breach is words, not documents.
pub const MAX_TEXT: usize = 5_000;
/// At most this many identifiers in one uploaded list.
pub const MAX_IDENTIFIERS: usize = 100_000;
/// People per page of a breach's affected list.
pub const AFFECTED_PAGE: i64 = 50;

fn aad(org_id: &str, column: &str, id: &str) -> Vec<u8> {
    KeyRing::aad(org_id, TABLE, &format!("{column}/{id}"))
}

fn ms(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

/// Everything the organisation writes about a breach, kept encrypted as one value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreachFacts {
    /// What happened, in a few sentences.
    pub summary: String,
    pub timeline: Timeline,
    /// Confidentiality, integrity, availability; derived from `events` when left empty.
    #[serde(default)]
    pub nature: Vec<BreachNature>,
    #[serde(default)]
    pub events: Vec<DataEvent>,
    pub cause: BreachCause,
    #[serde(default)]
    pub cause_description: String,
    #[serde(default)]
    pub categories: Vec<DataCategory>,
    #[serde(default)]
    pub subjects: Vec<DataSubjectCategory>,
    /// What the organisation states (the AP asks a minimum and a maximum) next to what Kluis counts.
    #[serde(default)]
    pub stated: AffectedCounts,
    /// Were the data encrypted or otherwise unintelligible, the key safe?
    #[serde(default)]
    pub unintelligible: bool,
    /// The data are back or proven destroyed.
    #[serde(default)]
    pub contained: bool,
    /// What was lost could be restored from a backup in time.
    #[serde(default)]
    pub restored_from_backup: bool,
    /// Children or other vulnerable people are among those affected.
    #[serde(default)]
    pub vulnerable_people: bool,
    #[serde(default)]
    pub measures_before: String,
    #[serde(default)]
    pub consequences: String,
    #[serde(default)]
    pub measures_after: String,
    #[serde(default)]
    pub cross_border: bool,
    /// Another organisation involved (a processor), by name.
    #[serde(default)]
    pub other_organisation: Option<String>,
    #[serde(default)]
    pub other: String,
    /// Who the authority may contact about it (name, function and phone are mandatory for the AP).
    #[serde(default)]
    pub contact: Reporter,
    /// Set by the decision, never by an edit of the facts.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// How the people were told (letter, e-mail, a public communication).
    #[serde(default)]
    pub people_told_how: String,
}

/// What a member fills in to register a breach or correct its facts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreachInput {
    pub summary: String,
    pub started_at: Option<OffsetDateTime>,
    pub ended_at: Option<OffsetDateTime>,
    /// When it was discovered; `aware_at` when absent.
    pub discovered_at: Option<OffsetDateTime>,
    /// When the organisation became aware: the 72 hours count from here. Now when absent.
    pub aware_at: Option<OffsetDateTime>,
    pub nature: Vec<BreachNature>,
    pub events: Vec<DataEvent>,
    pub cause: Option<BreachCause>,
    pub cause_description: String,
    pub categories: Vec<DataCategory>,
    pub subjects: Vec<DataSubjectCategory>,
    pub people_min: Option<u64>,
    pub people_max: Option<u64>,
    pub records: Option<u64>,
    pub unintelligible: bool,
    pub contained: bool,
    pub restored_from_backup: bool,
    pub vulnerable_people: bool,
    pub measures_before: String,
    pub consequences: String,
    pub measures_after: String,
    pub cross_border: bool,
    pub other_organisation: Option<String>,
    pub other: String,
    pub contact: Reporter,
}

/// The decision a member takes on a breach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionInput {
    pub risk: RiskLevel,
    pub rationale: String,
    pub notify_authority: bool,
    pub notify_people: bool,
    pub people_exception: Option<PeopleException>,
    pub exception_explanation: String,
    pub public_communication: bool,
    pub delay_reason: String,
}

/// A notification to the authority, as recorded once sent through its portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationInput {
    pub phase: NotificationPhase,
    /// When it was sent; now when absent.
    pub sent_at: Option<OffsetDateTime>,
    /// The authority's reference (the AP's meldnummer, the GBA's number), when known.
    pub reference: Option<String>,
    /// Why it is later than 72 hours (Art. 33(1)), required then.
    pub delay_reason: Option<String>,
}

/// How the people affected were chosen: each adds to the breach, none removes what a hand correction removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AffectedSelection {
    /// Relations by id (ticked in a search result or a list).
    Relations(Vec<String>),
    /// Every relation a search term finds (name, e-mail, phone or postcode, through the blind index).
    Search(String),
    /// Every relation with the tag of this blind index.
    Tag(String),
    /// Every relation of a kind.
    Kind(RelationKind),
    /// Every relation whose kind a processing activity concerns.
    Activity(String),
    /// Every top-level document under a folder (a path prefix), and through them the people they name.
    Folder(String),
    /// Documents by id.
    Documents(Vec<String>),
    /// An uploaded list of identifiers (e-mail addresses, phone numbers, IBANs, BSNs, national numbers, full
    /// names), one per line or separated by commas or semicolons: the relations and documents holding them.
    Identifiers(String),
}

impl AffectedSelection {
    fn source(&self) -> &'static str {
        match self {
            AffectedSelection::Relations(_) => "relation",
            AffectedSelection::Search(_) => "search",
            AffectedSelection::Tag(_) => "tag",
            AffectedSelection::Kind(_) => "kind",
            AffectedSelection::Activity(_) => "activity",
            AffectedSelection::Folder(_) => "folder",
            AffectedSelection::Documents(_) => "document",
            AffectedSelection::Identifiers(_) => "identifiers",
        }
    }
}

/// What a selection added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SelectionOutcome {
    pub relations_added: u64,
    pub documents_added: u64,
    /// Identifiers in an uploaded list that matched nothing (or were not identifiers).
    pub unmatched: u64,
    pub totals: AffectedCount,
}

/// How many people and documents a breach affects, from its links.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AffectedCount {
    pub people: u64,
    pub documents: u64,
    /// Removed by hand.
    pub excluded: u64,
}

impl From<AffectedTotals> for AffectedCount {
    fn from(t: AffectedTotals) -> Self {
        AffectedCount {
            people: t.people.max(0) as u64,
            documents: t.documents.max(0) as u64,
            excluded: t.excluded.max(0) as u64,
        }
    }
}

/// A breach as lists and the dashboard show it.
#[derive(Debug, Clone)]
pub struct BreachSummary {
    pub id: String,
    pub number: i64,
    /// `2026-003`: the year of awareness and the number.
    pub reference: String,
    pub origin: String,
    pub aware_at: OffsetDateTime,
    pub deadline: OffsetDateTime,
    pub clock: ClockState,
    /// Time left of the 72 hours (negative when over).
    pub remaining: Duration,
    pub risk: Option<RiskLevel>,
    pub authority_notified_at: Option<OffsetDateTime>,
    pub people_told_at: Option<OffsetDateTime>,
    pub closed_at: Option<OffsetDateTime>,
    pub open_issues: Vec<OpenIssue>,
}

/// One entry of a breach's timeline.
#[derive(Debug, Clone)]
pub struct BreachEvent {
    pub kind: String,
    pub at: OffsetDateTime,
    pub actor: Option<String>,
    pub note: Option<String>,
}

/// A breach with everything recorded about it.
#[derive(Debug, Clone)]
pub struct BreachView {
    pub summary: BreachSummary,
    pub facts: BreachFacts,
    pub jurisdiction: Jurisdiction,
    pub affected: AffectedCount,
    /// Stated counts that contradict themselves or the linked people.
    pub count_problems: Vec<CountProblem>,
    pub guidance: RiskGuidance,
    pub notifications: Vec<Notification>,
    pub events: Vec<BreachEvent>,
    /// The processor that reported it, when it came through a link.
    pub recipient_id: Option<String>,
    pub version: i64,
}

/// One person a breach affects.
#[derive(Debug, Clone)]
pub struct AffectedPerson {
    pub relation_id: String,
    /// Empty when the relation was erased after it was linked (the breach keeps the count).
    pub name: String,
    pub kind: Option<RelationKind>,
    pub source: String,
}

/// One document a breach affects.
#[derive(Debug, Clone)]
pub struct AffectedDocument {
    pub document_id: String,
    pub name: String,
    pub path: String,
    pub source: String,
}

/// Who gets the letter to the people affected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterRecipient {
    pub relation_id: String,
    pub name: String,
    pub email: Option<String>,
}

/// What a processor reports through its link.
#[derive(Debug, Clone, Default)]
pub struct ProcessorReport {
    pub summary: String,
    pub discovered_at: Option<OffsetDateTime>,
    pub started_at: Option<OffsetDateTime>,
    pub events: Vec<DataEvent>,
    pub cause: Option<BreachCause>,
    pub people_estimate: Option<u64>,
    pub measures_after: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
}

fn text(field: &'static str, t: &str, required: bool) -> Result<String, AppError> {
    let t = t.trim();
    if required && t.is_empty() {
        return Err(AppError::invalid(field, "describe it in a few words"));
    }
    if t.chars().count() > MAX_TEXT {
        return Err(AppError::invalid(
            field,
            format!("at most {MAX_TEXT} characters"),
        ));
    }
    Ok(t.to_owned())
}

fn timeline_error(p: TimelineProblem) -> AppError {
    let message = match p {
        TimelineProblem::InFuture { .. } => "this moment lies in the future",
        TimelineProblem::EndedBeforeStart => "the breach cannot end before it started",
        TimelineProblem::DiscoveredBeforeStart => {
            "the breach cannot be discovered before it started"
        }
        TimelineProblem::AwareBeforeDiscovery => {
            "the organisation cannot be aware of the breach before it was discovered"
        }
    };
    AppError::invalid(p.field(), message)
}

fn decision_error(p: DecisionProblem) -> AppError {
    let message = match p {
        DecisionProblem::RationaleMissing => "give the reasons for this assessment (Art. 33(5))",
        DecisionProblem::AuthorityRequired => {
            "a breach that is likely to result in a risk must be notified to the authority (Art. 33(1))"
        }
        DecisionProblem::PeopleRequired => {
            "with a high risk the people must be told (Art. 34(1)), unless an exception of Art. 34(3) applies"
        }
        DecisionProblem::ExceptionExplanationMissing => "explain why the exception applies",
        DecisionProblem::ExceptionNotApplicable => {
            "an exception of Art. 34(3) applies only to a high risk when the people are not told"
        }
        DecisionProblem::PublicCommunicationRequired => {
            "Art. 34(3)(c) requires a public communication instead of the individual notices"
        }
        DecisionProblem::DelayReasonRequired => {
            "the 72 hours have passed: give the reasons for the delay (Art. 33(1))"
        }
    };
    AppError::invalid(p.field(), message)
}

fn phase_error(p: PhaseProblem) -> AppError {
    match p {
        PhaseProblem::InitialFirst => AppError::invalid(
            "phase",
            "the first notification is the initial one, and there is only one",
        ),
        PhaseProblem::ReferenceMissing => AppError::invalid(
            "reference",
            "a follow-up or withdrawal names the reference the authority gave the initial notification",
        ),
        PhaseProblem::Withdrawn => {
            AppError::Conflict("the notification was withdrawn: nothing can follow it".into())
        }
        PhaseProblem::OutOfOrder => AppError::invalid(
            "sent_at",
            "a notification cannot be sent before the one before it",
        ),
    }
}

fn corrupt(what: &str, id: &str) -> AppError {
    AppError::Internal(anyhow::anyhow!(
        "stored breach {id} has an unreadable {what}"
    ))
}

/// The reference shown for breach `number` aware at `aware_at`: `2026-003`.
pub fn reference(aware_at: OffsetDateTime, number: i64) -> String {
    format!("{}-{number:03}", aware_at.year())
}

/// The identifiers of an uploaded list: lines, commas, semicolons and tabs separate them; blanks are dropped.
fn identifiers_of(text: &str) -> Vec<&str> {
    text.split(['\n', '\r', ',', ';', '\t'])
        .map(str::trim)
        .map(|s| s.trim_matches('"'))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The blind indexes an identifier has as each kind that points at one person.
fn link_indexes(keys: &KeyRing, org_id: &str, value: &str) -> Vec<String> {
    let mut out: Vec<String> = LINK_ENTITY_TYPES
        .iter()
        .filter_map(|&e| {
            let n = kluis_pii::normalize(e, value);
            (!n.is_empty()).then(|| keys.blind_index(org_id, e.as_str(), &n))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl App {
    async fn breach_jurisdiction(&self, actor: &Actor) -> Result<Jurisdiction, AppError> {
        Ok(self
            .profile(actor)
            .await?
            .profile
            .jurisdiction
            .unwrap_or(Jurisdiction::Nl))
    }

    fn seal_facts(&self, org_id: &str, id: &str, f: &BreachFacts) -> Result<Vec<u8>, AppError> {
        let json = serde_json::to_vec(f).map_err(AppError::internal)?;
        Ok(self.keys().encrypt(&json, &aad(org_id, "detail_enc", id)))
    }

    fn open_facts(&self, org_id: &str, r: &BreachRow) -> Result<BreachFacts, AppError> {
        let json = self
            .keys()
            .decrypt(&r.detail_enc, &aad(org_id, "detail_enc", &r.id))?;
        serde_json::from_slice(&json).map_err(|_| corrupt("detail", &r.id))
    }

    /// A timeline note, sealed to the organisation and the breach.
    fn seal_note(&self, org_id: &str, breach: &str, note: &str) -> Vec<u8> {
        self.keys()
            .encrypt(note.as_bytes(), &aad(org_id, "note_enc", breach))
    }

    fn breach_summary(
        &self,
        r: &BreachRow,
        now: OffsetDateTime,
    ) -> Result<BreachSummary, AppError> {
        let at = |v: Option<i64>| v.and_then(moment_of_ms);
        let aware_at = moment_of_ms(r.aware_at).ok_or_else(|| corrupt("awareness", &r.id))?;
        let clock = BreachClock::new(aware_at);
        let risk = r
            .risk
            .as_deref()
            .map(|s| s.parse::<RiskLevel>().map_err(|_| corrupt("risk", &r.id)))
            .transpose()?;
        let people_exception = r
            .people_exception
            .as_deref()
            .and_then(|s| s.parse::<PeopleException>().ok());
        let decision = risk.map(|risk| Decision {
            risk,
            rationale: String::new(),
            notify_authority: r.notify_authority,
            notify_people: r.notify_people,
            people_exception,
            exception_explanation: String::new(),
            public_communication: false,
            delay_reason: String::new(),
            decided_at: at(r.decided_at).unwrap_or(aware_at),
        });
        let authority_notified_at = at(r.authority_notified_at);
        let people_told_at = at(r.people_told_at);
        let closed_at = at(r.closed_at);
        let issues = if closed_at.is_some() {
            Vec::new()
        } else {
            open_issues(
                &clock,
                decision.as_ref(),
                authority_notified_at,
                people_told_at,
                now,
            )
        };
        Ok(BreachSummary {
            id: r.id.clone(),
            number: r.number,
            reference: reference(aware_at, r.number),
            origin: r.origin.clone(),
            aware_at,
            deadline: clock.deadline(),
            clock: clock.state(now, authority_notified_at),
            remaining: clock.remaining(now),
            risk,
            authority_notified_at,
            people_told_at,
            closed_at,
            open_issues: issues,
        })
    }

    /// The facts `input` gives, checked: the texts, a timeline that can have happened at `now`, and counts
    /// that agree with each other.
    fn facts_of(&self, input: &BreachInput, now: OffsetDateTime) -> Result<BreachFacts, AppError> {
        let aware_at = input.aware_at.unwrap_or(now);
        let timeline = Timeline {
            started_at: input.started_at,
            ended_at: input.ended_at,
            discovered_at: input.discovered_at.unwrap_or(aware_at),
            aware_at,
        };
        let problems = check_timeline(&timeline, now);
        // Awareness in the future is named first: a discovery left empty takes its moment and would otherwise be
        // named for a value nobody typed.
        if let Some(p) = problems
            .iter()
            .find(|p| p.field() == "aware_at")
            .or(problems.first())
        {
            return Err(timeline_error(*p));
        }
        let mut nature = input.nature.clone();
        if nature.is_empty() {
            nature = natures_of(&input.events.iter().copied().collect())
                .into_iter()
                .collect();
        }
        nature.sort();
        nature.dedup();
        if nature.is_empty() {
            return Err(AppError::invalid(
                "nature",
                "say what the breach broke: confidentiality, integrity or availability (or what happened to the data)",
            ));
        }
        let stated = AffectedCounts {
            people_min: input.people_min.unwrap_or(0),
            people_max: input.people_max.unwrap_or(input.people_min.unwrap_or(0)),
            records: input.records.unwrap_or(0),
        };
        if check_counts(&stated, 0).contains(&CountProblem::MinAboveMax) {
            return Err(AppError::invalid(
                "people_min",
                "the minimum number of people is above the maximum",
            ));
        }
        let other_organisation = input
            .other_organisation
            .as_deref()
            .map(|o| text("other_organisation", o, false))
            .transpose()?
            .filter(|o| !o.is_empty());
        let contact = Reporter {
            organisation: text("contact_organisation", &input.contact.organisation, false)?,
            registration_number: text(
                "contact_registration_number",
                &input.contact.registration_number,
                false,
            )?,
            name: text("contact_name", &input.contact.name, false)?,
            function: text("contact_function", &input.contact.function, false)?,
            phone: text("contact_phone", &input.contact.phone, false)?,
            email: text("contact_email", &input.contact.email, false)?,
            dpo: input.contact.dpo.clone(),
        };
        let mut events = input.events.clone();
        events.sort();
        events.dedup();
        let mut categories = input.categories.clone();
        categories.sort();
        categories.dedup();
        let mut subjects = input.subjects.clone();
        subjects.sort();
        subjects.dedup();
        Ok(BreachFacts {
            summary: text("summary", &input.summary, true)?,
            timeline,
            nature,
            events,
            cause: input.cause.unwrap_or(BreachCause::Unknown),
            cause_description: text("cause_description", &input.cause_description, false)?,
            categories,
            subjects,
            stated,
            unintelligible: input.unintelligible,
            contained: input.contained,
            restored_from_backup: input.restored_from_backup,
            vulnerable_people: input.vulnerable_people,
            measures_before: text("measures_before", &input.measures_before, false)?,
            consequences: text("consequences", &input.consequences, false)?,
            measures_after: text("measures_after", &input.measures_after, false)?,
            cross_border: input.cross_border,
            other_organisation,
            other: text("other", &input.other, false)?,
            contact,
            decision: None,
            people_told_how: String::new(),
        })
    }

    async fn insert_breach(
        &self,
        actor: &Actor,
        facts: &BreachFacts,
        origin: &str,
        recipient_id: Option<String>,
        fields: &[&str],
    ) -> Result<String, AppError> {
        let id = Uuid::now_v7().to_string();
        let org_id = actor.scope.org_id().to_owned();
        let now = OffsetDateTime::now_utc();
        let aware = ms(facts.timeline.aware_at);
        let deadline = ms(BreachClock::new(facts.timeline.aware_at).deadline());
        let detail = self.seal_facts(&org_id, &id, facts)?;
        let actor_id = actor.user_id.as_str().to_owned();
        retry!({
            let mut tx = self.db().begin_write().await?;
            let number = tx.breaches(&actor.scope).next_number().await?;
            let row = BreachRow {
                id: id.clone(),
                number,
                origin: origin.to_owned(),
                recipient_id: recipient_id.clone(),
                aware_at: aware,
                deadline_at: deadline,
                risk: None,
                decided_at: None,
                notify_authority: false,
                notify_people: false,
                people_exception: None,
                authority_notified_at: None,
                people_told_at: None,
                closed_at: None,
                detail_enc: detail.clone(),
                created_by: actor_id.clone(),
                created_at: ms(now),
                updated_at: ms(now),
                version: 1,
            };
            tx.breaches(&actor.scope).insert(&row).await?;
            tx.breaches(&actor.scope)
                .add_event(
                    &id,
                    &BreachEventRow {
                        seq: 0,
                        kind: "registered".into(),
                        at: ms(now),
                        actor: Some(actor_id.clone()),
                        note_enc: None,
                    },
                )
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(AuditAction::BreachCreate, "breach", &id, fields))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        tracing::info!(breach = %id, origin, "breach registered");
        Ok(id)
    }

    /// Registers a breach (Permission::Write: everyone must be able to report one). The 72 hours count from the
    /// moment of awareness (now when not given). One transaction, one `breach.create` event. Returns its id.
    pub async fn create_breach(
        &self,
        actor: &Actor,
        input: &BreachInput,
    ) -> Result<String, AppError> {
        require(actor, Permission::Write)?;
        let facts = self.facts_of(input, OffsetDateTime::now_utc())?;
        self.insert_breach(
            actor,
            &facts,
            "member",
            None,
            &["summary", "timeline", "nature", "cause", "categories"],
        )
        .await
    }

    async fn breach_row(&self, actor: &Actor, id: &str) -> Result<BreachRow, AppError> {
        if id.is_empty() || id.len() > 64 {
            return Err(AppError::NotFound);
        }
        self.db()
            .breaches(&actor.scope)
            .get(id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Corrects the facts of breach `id` (Permission::HandleBreaches); the decision stays. Moving the moment of
    /// awareness moves the deadline. One `breach.update` event naming the fields that changed.
    pub async fn update_breach(
        &self,
        actor: &Actor,
        id: &str,
        input: &BreachInput,
        version: Option<i64>,
    ) -> Result<(), AppError> {
        require(actor, Permission::HandleBreaches)?;
        let now = OffsetDateTime::now_utc();
        let row = self.breach_row(actor, id).await?;
        if row.closed_at.is_some() {
            return Err(AppError::Conflict(
                "this breach is closed: reopen it by registering a follow-up".into(),
            ));
        }
        if version.is_some_and(|v| v != row.version) {
            return Err(AppError::Conflict(
                "the breach was changed meanwhile; reload and try again".into(),
            ));
        }
        let org_id = actor.scope.org_id().to_owned();
        let old = self.open_facts(&org_id, &row)?;
        let mut facts = self.facts_of(input, now)?;
        facts.decision = old.decision.clone();
        facts.people_told_how = old.people_told_how.clone();
        let mut changed = changed_fields(&old, &facts);
        if changed.is_empty() {
            return Ok(());
        }
        changed.sort_unstable();
        let mut next = row.clone();
        next.aware_at = ms(facts.timeline.aware_at);
        next.deadline_at = ms(BreachClock::new(facts.timeline.aware_at).deadline());
        next.detail_enc = self.seal_facts(&org_id, &row.id, &facts)?;
        next.updated_at = ms(now);
        next.version = row.version + 1;
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.breaches(&actor.scope).update(&next).await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(AuditAction::BreachUpdate, "breach", &row.id, &changed))
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// The organisation's breaches, open ones first by deadline (Permission::Read).
    pub async fn breaches(&self, actor: &Actor) -> Result<Vec<BreachSummary>, AppError> {
        require(actor, Permission::Read)?;
        let now = OffsetDateTime::now_utc();
        self.db()
            .breaches(&actor.scope)
            .list()
            .await?
            .iter()
            .map(|r| self.breach_summary(r, now))
            .collect()
    }

    /// Open breaches, earliest deadline first: the dashboard's countdowns and the compliance check
    /// (Permission::Read).
    pub async fn open_breaches(&self, actor: &Actor) -> Result<Vec<BreachSummary>, AppError> {
        require(actor, Permission::Read)?;
        let now = OffsetDateTime::now_utc();
        self.db()
            .breaches(&actor.scope)
            .open()
            .await?
            .iter()
            .map(|r| self.breach_summary(r, now))
            .collect()
    }

    /// Breach `id` (or its number) with its facts, counts, guidance, notifications and timeline
    /// (Permission::Read).
    pub async fn breach(&self, actor: &Actor, id: &str) -> Result<BreachView, AppError> {
        require(actor, Permission::Read)?;
        let now = OffsetDateTime::now_utc();
        let row = self.breach_row(actor, id).await?;
        let org_id = actor.scope.org_id();
        let facts = self.open_facts(org_id, &row)?;
        let store = self.db().breaches(&actor.scope);
        let affected = AffectedCount::from(store.totals(&row.id).await?);
        let notifications = store
            .notifications(&row.id)
            .await?
            .iter()
            .map(|n| notification_of(n, &row.id))
            .collect::<Result<Vec<_>, _>>()?;
        let mut events = Vec::new();
        for e in store.events(&row.id).await? {
            events.push(BreachEvent {
                kind: e.kind,
                at: moment_of_ms(e.at).ok_or_else(|| corrupt("event", &row.id))?,
                actor: e.actor,
                note: match &e.note_enc {
                    Some(enc) => Some(self.open_note(org_id, &row.id, enc)?),
                    None => None,
                },
            });
        }
        let guidance = guidance(&RiskFacts {
            nature: facts.nature.iter().copied().collect(),
            categories: facts.categories.clone(),
            people: facts.stated.people_max.max(affected.people),
            unintelligible: facts.unintelligible,
            restored_from_backup: facts.restored_from_backup,
            contained: facts.contained,
            vulnerable_people: facts.vulnerable_people,
        });
        let count_problems = check_counts(&facts.stated, affected.people)
            .into_iter()
            // A count nobody stated yet is not a contradiction: the export takes the linked people then.
            .filter(|p| {
                !(facts.stated.people_max == 0 && matches!(p, CountProblem::BelowLinked { .. }))
            })
            .collect();
        Ok(BreachView {
            summary: self.breach_summary(&row, now)?,
            jurisdiction: self.breach_jurisdiction(actor).await?,
            facts,
            affected,
            count_problems,
            guidance,
            notifications,
            events,
            recipient_id: row.recipient_id.clone(),
            version: row.version,
        })
    }

    fn open_note(&self, org_id: &str, breach: &str, enc: &[u8]) -> Result<String, AppError> {
        let plain = self.keys().decrypt(enc, &aad(org_id, "note_enc", breach))?;
        String::from_utf8(plain).map_err(AppError::internal)
    }
}

fn notification_of(n: &BreachNotificationRow, id: &str) -> Result<Notification, AppError> {
    Ok(Notification {
        phase: n.phase.parse().map_err(|_| corrupt("notification", id))?,
        sent_at: moment_of_ms(n.sent_at).ok_or_else(|| corrupt("notification", id))?,
        reference: n.reference.clone(),
    })
}

/// The names of the facts that differ between `a` and `b`, for the audit event.
fn changed_fields(a: &BreachFacts, b: &BreachFacts) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut diff = |name: &'static str, same: bool| {
        if !same {
            out.push(name);
        }
    };
    diff("summary", a.summary == b.summary);
    diff("timeline", a.timeline == b.timeline);
    diff("nature", a.nature == b.nature);
    diff("events", a.events == b.events);
    diff(
        "cause",
        a.cause == b.cause && a.cause_description == b.cause_description,
    );
    diff("categories", a.categories == b.categories);
    diff("subjects", a.subjects == b.subjects);
    diff("counts", a.stated == b.stated);
    diff(
        "risk_facts",
        a.unintelligible == b.unintelligible
            && a.contained == b.contained
            && a.restored_from_backup == b.restored_from_backup
            && a.vulnerable_people == b.vulnerable_people,
    );
    diff("measures_before", a.measures_before == b.measures_before);
    diff("consequences", a.consequences == b.consequences);
    diff("measures_after", a.measures_after == b.measures_after);
    diff(
        "other",
        a.cross_border == b.cross_border
            && a.other_organisation == b.other_organisation
            && a.other == b.other,
    );
    diff("contact", a.contact == b.contact);
    out
}

/// What a hand correction is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AffectedTarget {
    Relation(String),
    Document(String),
}

impl App {
    /// Adds the people and documents `selection` finds to breach `id` (Permission::HandleBreaches); a person or
    /// document removed by hand stays removed. One `breach.affected` event naming the selection, never its
    /// values (a search term or an identifier is personal data).
    pub async fn select_affected(
        &self,
        actor: &Actor,
        id: &str,
        selection: &AffectedSelection,
    ) -> Result<SelectionOutcome, AppError> {
        require(actor, Permission::HandleBreaches)?;
        let row = self.breach_row(actor, id).await?;
        let now = ms(OffsetDateTime::now_utc());
        let org_id = actor.scope.org_id().to_owned();
        let source = selection.source();
        // Lookups that need the application's keys or the register happen before the transaction.
        let mut relation_ids: Vec<String> = Vec::new();
        let mut kinds: Vec<&'static str> = Vec::new();
        let mut indexes: Vec<String> = Vec::new();
        let mut unmatched_candidates: Vec<Vec<String>> = Vec::new();
        match selection {
            AffectedSelection::Relations(ids) => {
                relation_ids = ids.iter().map(|s| s.trim().to_owned()).collect();
            }
            AffectedSelection::Search(term) => {
                relation_ids = self
                    .search_relations(actor, term)
                    .await?
                    .into_iter()
                    .map(|r| r.id)
                    .collect();
            }
            AffectedSelection::Kind(kind) => kinds.push(kind.as_str()),
            AffectedSelection::Activity(activity) => {
                let a = self.register_activity(actor, activity).await?.activity;
                for k in RelationKind::ALL {
                    if concerns(&a, &k.subjects(false)) || concerns(&a, &k.subjects(true)) {
                        kinds.push(k.as_str());
                    }
                }
                if kinds.is_empty() {
                    return Err(AppError::invalid(
                        "activity",
                        "this processing activity concerns no kind of relation Kluis keeps",
                    ));
                }
            }
            AffectedSelection::Identifiers(list) => {
                let items = identifiers_of(list);
                if items.is_empty() {
                    return Err(AppError::invalid(
                        "identifiers",
                        "the list holds no identifiers: one e-mail address, phone number, IBAN, BSN, national number or full name per line",
                    ));
                }
                if items.len() > MAX_IDENTIFIERS {
                    return Err(AppError::invalid(
                        "identifiers",
                        format!("at most {MAX_IDENTIFIERS} identifiers at once"),
                    ));
                }
                let keys = self.keys();
                for item in items {
                    let ix = link_indexes(&keys, &org_id, item);
                    indexes.extend(ix.iter().cloned());
                    unmatched_candidates.push(ix);
                }
                indexes.sort_unstable();
                indexes.dedup();
            }
            AffectedSelection::Tag(t) | AffectedSelection::Folder(t) if t.trim().is_empty() => {
                return Err(AppError::invalid(
                    if matches!(selection, AffectedSelection::Tag(_)) {
                        "tag"
                    } else {
                        "folder"
                    },
                    "choose one",
                ));
            }
            AffectedSelection::Tag(_)
            | AffectedSelection::Folder(_)
            | AffectedSelection::Documents(_) => {}
        }
        let (mut relations_added, mut documents_added) = (0, 0);
        let totals = retry!({
            let mut tx = self.db().begin_write().await?;
            let mut b = tx.breaches(&actor.scope);
            match selection {
                AffectedSelection::Relations(_) | AffectedSelection::Search(_) => {
                    relations_added = b.add_relations(&row.id, &relation_ids, source, now).await?;
                }
                AffectedSelection::Kind(_) | AffectedSelection::Activity(_) => {
                    relations_added = b
                        .add_relations_of_kinds(&row.id, &kinds, source, now)
                        .await?;
                }
                AffectedSelection::Tag(tag) => {
                    relations_added = b
                        .add_relations_with_tag(&row.id, tag.trim(), source, now)
                        .await?;
                }
                AffectedSelection::Folder(folder) => {
                    documents_added = b
                        .add_documents_in_folder(&row.id, folder.trim(), source, now)
                        .await?;
                }
                AffectedSelection::Documents(ids) => {
                    documents_added = b.add_documents(&row.id, ids, source, now).await?;
                }
                AffectedSelection::Identifiers(_) => {
                    (relations_added, documents_added) =
                        b.add_by_indexes(&row.id, &indexes, source, now).await?;
                }
            }
            let totals = b.totals(&row.id).await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::BreachAffected,
                    "breach",
                    &row.id,
                    &[source],
                ))
                .await?;
            tx.commit().await?;
            Ok(totals)
        })?;
        // Which identifiers found nothing: one indexed lookup each, after the commit (a report, not a write).
        let mut unmatched = 0;
        if !unmatched_candidates.is_empty() {
            let store = self.db().relations(&actor.scope);
            let docs = self.db().documents(&actor.scope);
            for ix in &unmatched_candidates {
                let found = !ix.is_empty()
                    && (!store.by_index(ix, 1).await?.is_empty()
                        || !docs.findings_by_index(ix, 1, 0).await?.is_empty());
                if !found {
                    unmatched += 1;
                }
            }
        }
        Ok(SelectionOutcome {
            relations_added,
            documents_added,
            unmatched,
            totals: totals.into(),
        })
    }

    /// A hand correction (Permission::HandleBreaches): `target` is affected (`affected = true`) or not; it wins
    /// over every selection, before and after. One `breach.affected` event.
    pub async fn correct_affected(
        &self,
        actor: &Actor,
        id: &str,
        target: &AffectedTarget,
        affected: bool,
    ) -> Result<AffectedCount, AppError> {
        require(actor, Permission::HandleBreaches)?;
        let row = self.breach_row(actor, id).await?;
        let now = ms(OffsetDateTime::now_utc());
        let totals = retry!({
            let mut tx = self.db().begin_write().await?;
            let mut b = tx.breaches(&actor.scope);
            match target {
                AffectedTarget::Relation(r) => b
                    .set_relation(&row.id, r.trim(), !affected, now)
                    .await
                    .map_err(not_found_as("relation_id"))?,
                AffectedTarget::Document(d) => b
                    .set_document(&row.id, d.trim(), !affected, now)
                    .await
                    .map_err(not_found_as("document_id"))?,
            }
            let totals = b.totals(&row.id).await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::BreachAffected,
                    "breach",
                    &row.id,
                    &["hand"],
                ))
                .await?;
            tx.commit().await?;
            Ok(totals)
        })?;
        Ok(totals.into())
    }

    /// A page of the people breach `id` affects, with their names (Permission::Read).
    pub async fn breach_people(
        &self,
        actor: &Actor,
        id: &str,
        page: u32,
    ) -> Result<Vec<AffectedPerson>, AppError> {
        require(actor, Permission::Read)?;
        let row = self.breach_row(actor, id).await?;
        let offset = i64::from(page) * AFFECTED_PAGE;
        let rows = self
            .db()
            .breaches(&actor.scope)
            .affected_relations(&row.id, AFFECTED_PAGE, offset)
            .await?;
        let store = self.db().relations(&actor.scope);
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let rel = store.get(&r.relation_id).await?;
            let (name, kind) = match rel {
                Some(rel) => (
                    self.relation_view(actor.scope.org_id(), &rel, None)?.name,
                    Some(rel.kind),
                ),
                None => (String::new(), None),
            };
            out.push(AffectedPerson {
                relation_id: r.relation_id,
                name,
                kind,
                source: r.source,
            });
        }
        Ok(out)
    }

    /// The documents breach `id` affects (`removed`: those removed by hand), at most 500 (Permission::Read).
    pub async fn breach_documents(
        &self,
        actor: &Actor,
        id: &str,
        removed: bool,
    ) -> Result<Vec<AffectedDocument>, AppError> {
        require(actor, Permission::Read)?;
        let row = self.breach_row(actor, id).await?;
        Ok(self
            .db()
            .breaches(&actor.scope)
            .affected_documents(&row.id, removed, 500)
            .await?
            .into_iter()
            .map(|d| AffectedDocument {
                document_id: d.document_id,
                name: d.name.unwrap_or_default(),
                path: d.path.unwrap_or_default(),
                source: d.source,
            })
            .collect())
    }

    /// The people removed from breach `id` by hand, with their names (Permission::Read).
    pub async fn breach_people_removed(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<Vec<AffectedPerson>, AppError> {
        require(actor, Permission::Read)?;
        let row = self.breach_row(actor, id).await?;
        let ids = self
            .db()
            .breaches(&actor.scope)
            .excluded_relations(&row.id)
            .await?;
        let store = self.db().relations(&actor.scope);
        let mut out = Vec::new();
        for rid in ids.into_iter().take(500) {
            let rel = store.get(&rid).await?;
            out.push(AffectedPerson {
                name: match &rel {
                    Some(rel) => self.relation_view(actor.scope.org_id(), rel, None)?.name,
                    None => String::new(),
                },
                kind: rel.map(|r| r.kind),
                relation_id: rid,
                source: "hand".into(),
            });
        }
        Ok(out)
    }

    /// Takes the decision on breach `id` (Permission::HandleBreaches): the risk with its reasons, whether the
    /// authority and the people are told, or the Art. 34(3) exception. Checked by the domain; may be revised.
    /// One `breach.decide` event.
    pub async fn decide_breach(
        &self,
        actor: &Actor,
        id: &str,
        input: &DecisionInput,
    ) -> Result<(), AppError> {
        require(actor, Permission::HandleBreaches)?;
        let now = OffsetDateTime::now_utc();
        let row = self.breach_row(actor, id).await?;
        if row.closed_at.is_some() {
            return Err(AppError::Conflict("this breach is closed".into()));
        }
        let org_id = actor.scope.org_id().to_owned();
        let mut facts = self.open_facts(&org_id, &row)?;
        let decision = Decision {
            risk: input.risk,
            rationale: text("rationale", &input.rationale, false)?,
            notify_authority: input.notify_authority,
            notify_people: input.notify_people,
            people_exception: input.people_exception,
            exception_explanation: text(
                "exception_explanation",
                &input.exception_explanation,
                false,
            )?,
            public_communication: input.public_communication,
            delay_reason: text("delay_reason", &input.delay_reason, false)?,
            decided_at: now,
        };
        let clock = BreachClock::new(facts.timeline.aware_at);
        let notified = row.authority_notified_at.and_then(moment_of_ms);
        if let Some(p) = check_decision(&decision, &clock, notified)
            .into_iter()
            .next()
        {
            return Err(decision_error(p));
        }
        let mut next = row.clone();
        next.risk = Some(decision.risk.as_str().to_owned());
        next.decided_at = Some(ms(now));
        next.notify_authority = decision.notify_authority;
        next.notify_people = decision.notify_people;
        next.people_exception = decision.people_exception.map(|e| e.as_str().to_owned());
        facts.decision = Some(decision);
        next.detail_enc = self.seal_facts(&org_id, &row.id, &facts)?;
        next.updated_at = ms(now);
        next.version = row.version + 1;
        self.write_breach_step(
            actor,
            &next,
            AuditAction::BreachDecide,
            "decided",
            None,
            &[
                "risk",
                "rationale",
                "notify_authority",
                "notify_people",
                "people_exception",
            ],
        )
        .await
    }

    async fn write_breach_step(
        &self,
        actor: &Actor,
        next: &BreachRow,
        action: AuditAction,
        event_kind: &str,
        note: Option<&str>,
        fields: &[&str],
    ) -> Result<(), AppError> {
        let note_enc = note.map(|n| self.seal_note(actor.scope.org_id(), &next.id, n));
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.breaches(&actor.scope).update(next).await?;
            tx.breaches(&actor.scope)
                .add_event(
                    &next.id,
                    &BreachEventRow {
                        seq: 0,
                        kind: event_kind.to_owned(),
                        at: next.updated_at,
                        actor: Some(actor.user_id.as_str().to_owned()),
                        note_enc: note_enc.clone(),
                    },
                )
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(action, "breach", &next.id, fields))
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Records a notification to the authority (Permission::HandleBreaches), in the phases of Art. 33(4): the
    /// initial one first, follow-ups and a withdrawal with the authority's reference. After 72 hours the initial
    /// one needs the reasons for the delay. One `breach.notify` event.
    pub async fn record_breach_notification(
        &self,
        actor: &Actor,
        id: &str,
        input: &NotificationInput,
    ) -> Result<(), AppError> {
        require(actor, Permission::HandleBreaches)?;
        let now = OffsetDateTime::now_utc();
        let row = self.breach_row(actor, id).await?;
        let org_id = actor.scope.org_id().to_owned();
        let mut facts = self.open_facts(&org_id, &row)?;
        let Some(mut decision) = facts.decision.clone() else {
            return Err(AppError::Conflict(
                "assess the risk and decide first: the notification follows the decision".into(),
            ));
        };
        let sent_at = input.sent_at.unwrap_or(now);
        if sent_at > now + kluis_domain::breach::incident::FUTURE_SLACK {
            return Err(AppError::invalid(
                "sent_at",
                "this moment lies in the future",
            ));
        }
        if sent_at < facts.timeline.discovered_at {
            return Err(AppError::invalid(
                "sent_at",
                "a notification cannot be sent before the breach was discovered",
            ));
        }
        let reference = input
            .reference
            .as_deref()
            .map(|r| text("reference", r, false))
            .transpose()?
            .filter(|r| !r.is_empty());
        let next_notification = Notification {
            phase: input.phase,
            sent_at,
            reference: reference.clone(),
        };
        let store = self.db().breaches(&actor.scope);
        let sent = store
            .notifications(&row.id)
            .await?
            .iter()
            .map(|n| notification_of(n, &row.id))
            .collect::<Result<Vec<_>, _>>()?;
        // A follow-up names the reference the initial notification was given: carried over when it has one.
        let next_notification =
            if next_notification.reference.is_none() && input.phase != NotificationPhase::Initial {
                Notification {
                    reference: sent.iter().rev().find_map(|n| n.reference.clone()),
                    ..next_notification
                }
            } else {
                next_notification
            };
        check_phase(&sent, &next_notification).map_err(phase_error)?;
        let clock = BreachClock::new(facts.timeline.aware_at);
        let mut fields = vec!["phase", "sent_at", "reference"];
        if input.phase == NotificationPhase::Initial {
            if let Some(reason) = &input.delay_reason {
                let reason = text("delay_reason", reason, false)?;
                if !reason.is_empty() {
                    decision.delay_reason = reason;
                    fields.push("delay_reason");
                }
            }
            decision.notify_authority = true;
            if let Some(p) = check_decision(&decision, &clock, Some(sent_at))
                .into_iter()
                .find(|p| *p == DecisionProblem::DelayReasonRequired)
            {
                return Err(decision_error(p));
            }
        }
        let mut next = row.clone();
        if input.phase == NotificationPhase::Initial {
            next.authority_notified_at = Some(ms(sent_at));
            next.notify_authority = true;
        }
        facts.decision = Some(decision);
        next.detail_enc = self.seal_facts(&org_id, &row.id, &facts)?;
        next.updated_at = ms(now);
        next.version = row.version + 1;
        let n_row = BreachNotificationRow {
            seq: 0,
            phase: input.phase.as_str().to_owned(),
            sent_at: ms(sent_at),
            reference: next_notification.reference.clone(),
            recorded_by: actor.user_id.as_str().to_owned(),
        };
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.breaches(&actor.scope).update(&next).await?;
            tx.breaches(&actor.scope)
                .add_notification(&row.id, &n_row)
                .await?;
            tx.breaches(&actor.scope)
                .add_event(
                    &row.id,
                    &BreachEventRow {
                        seq: 0,
                        kind: format!("notified_{}", input.phase.as_str()),
                        at: ms(sent_at),
                        actor: Some(actor.user_id.as_str().to_owned()),
                        note_enc: None,
                    },
                )
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(AuditAction::BreachNotify, "breach", &row.id, &fields))
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Records that the people affected were told (Art. 34; Permission::HandleBreaches): when and how. One
    /// `breach.tell_people` event.
    pub async fn record_people_told(
        &self,
        actor: &Actor,
        id: &str,
        at: Option<OffsetDateTime>,
        how: &str,
    ) -> Result<(), AppError> {
        require(actor, Permission::HandleBreaches)?;
        let now = OffsetDateTime::now_utc();
        let row = self.breach_row(actor, id).await?;
        let org_id = actor.scope.org_id().to_owned();
        let mut facts = self.open_facts(&org_id, &row)?;
        if facts.decision.is_none() {
            return Err(AppError::Conflict(
                "assess the risk and decide first".into(),
            ));
        }
        let at = at.unwrap_or(now);
        if at > now + kluis_domain::breach::incident::FUTURE_SLACK {
            return Err(AppError::invalid(
                "told_at",
                "this moment lies in the future",
            ));
        }
        if at < facts.timeline.discovered_at {
            return Err(AppError::invalid(
                "told_at",
                "the people cannot be told before the breach was discovered",
            ));
        }
        facts.people_told_how = text("how", how, true)?;
        let mut next = row.clone();
        next.people_told_at = Some(ms(at));
        next.detail_enc = self.seal_facts(&org_id, &row.id, &facts)?;
        next.updated_at = ms(now);
        next.version = row.version + 1;
        self.write_breach_step(
            actor,
            &next,
            AuditAction::BreachTellPeople,
            "people_told",
            None,
            &["people_told_at", "people_told_how"],
        )
        .await
    }

    /// Adds an entry to breach `id`'s timeline (Permission::HandleBreaches): what happened or was done, when.
    /// One `breach.event` event (without the note).
    pub async fn add_breach_event(
        &self,
        actor: &Actor,
        id: &str,
        at: Option<OffsetDateTime>,
        note: &str,
    ) -> Result<(), AppError> {
        require(actor, Permission::HandleBreaches)?;
        let now = OffsetDateTime::now_utc();
        let row = self.breach_row(actor, id).await?;
        let note = text("note", note, true)?;
        let at = at.unwrap_or(now);
        if at > now + kluis_domain::breach::incident::FUTURE_SLACK {
            return Err(AppError::invalid("at", "this moment lies in the future"));
        }
        let enc = self.seal_note(actor.scope.org_id(), &row.id, &note);
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.breaches(&actor.scope)
                .add_event(
                    &row.id,
                    &BreachEventRow {
                        seq: 0,
                        kind: "note".into(),
                        at: ms(at),
                        actor: Some(actor.user_id.as_str().to_owned()),
                        note_enc: Some(enc.clone()),
                    },
                )
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(AuditAction::BreachEvent, "breach", &row.id, &["note"]))
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Closes breach `id` (Permission::HandleBreaches) once nothing is open: decided, the authority notified
    /// when it must be, the people told when they must be. One `breach.close` event.
    pub async fn close_breach(&self, actor: &Actor, id: &str) -> Result<(), AppError> {
        require(actor, Permission::HandleBreaches)?;
        let now = OffsetDateTime::now_utc();
        let row = self.breach_row(actor, id).await?;
        if row.closed_at.is_some() {
            return Err(AppError::Conflict("this breach is closed already".into()));
        }
        let summary = self.breach_summary(&row, now)?;
        if row.risk.is_none() {
            return Err(AppError::Conflict(
                "assess the risk and decide before closing the breach".into(),
            ));
        }
        if let Some(issue) = summary.open_issues.first() {
            return Err(AppError::Conflict(
                match issue {
                    OpenIssue::AuthorityNotNotified { .. } => {
                        "record the notification to the authority before closing the breach"
                    }
                    OpenIssue::PeopleNotTold => {
                        "record that the people were told before closing the breach"
                    }
                    OpenIssue::UndecidedPastDeadline => {
                        "assess the risk and decide before closing the breach"
                    }
                }
                .into(),
            ));
        }
        let mut next = row.clone();
        next.closed_at = Some(ms(now));
        next.updated_at = ms(now);
        next.version = row.version + 1;
        self.write_breach_step(
            actor,
            &next,
            AuditAction::BreachClose,
            "closed",
            None,
            &["closed_at"],
        )
        .await
    }

    /// What the authority's form asks about breach `id`, from its facts, the register's profile and the linked
    /// counts (the larger of the stated and the linked number of people).
    pub async fn breach_report(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<(BreachView, BreachReport), AppError> {
        let view = self.breach(actor, id).await?;
        let profile = self.profile(actor).await?;
        let f = &view.facts;
        let mut reporter = f.contact.clone();
        if profile.version > 0 {
            let p = &profile.profile;
            if reporter.organisation.is_empty() {
                reporter.organisation = if p.legal_name.is_empty() {
                    actor.org.name.clone()
                } else {
                    p.legal_name.clone()
                };
            }
            if reporter.registration_number.is_empty() {
                reporter.registration_number = p.registration_number.clone();
            }
            if reporter.phone.is_empty() {
                reporter.phone = p.phone.clone();
            }
            if reporter.email.is_empty() {
                reporter.email = p.email.clone();
            }
            if reporter.dpo.is_none() && p.dpo.appointed && !p.dpo.name.is_empty() {
                reporter.dpo = Some(p.dpo.name.clone());
            }
        } else if reporter.organisation.is_empty() {
            reporter.organisation = actor.org.name.clone();
        }
        let linked = view.affected.people;
        let counts = AffectedCounts {
            people_min: f
                .stated
                .people_min
                .max(if f.stated.people_max == 0 { linked } else { 0 }),
            people_max: f.stated.people_max.max(linked),
            records: f.stated.records.max(linked + view.affected.documents),
        };
        let decision = f.decision.clone().unwrap_or(Decision {
            risk: view.guidance.suggested,
            rationale: String::new(),
            notify_authority: view.guidance.suggested.authority_must_know(),
            notify_people: false,
            people_exception: None,
            exception_explanation: String::new(),
            public_communication: false,
            delay_reason: String::new(),
            decided_at: OffsetDateTime::now_utc(),
        });
        let follow_up_of = view
            .notifications
            .iter()
            .rev()
            .find_map(|n| n.reference.clone());
        let report = BreachReport {
            reporter,
            other_organisation: f.other_organisation.clone(),
            follow_up_of,
            summary: f.summary.clone(),
            timeline: f.timeline,
            nature: f.nature.clone(),
            events: f.events.clone(),
            cause: f.cause,
            cause_description: f.cause_description.clone(),
            categories: f.categories.clone(),
            subjects: f.subjects.clone(),
            counts,
            unintelligible: f.unintelligible,
            measures_before: f.measures_before.clone(),
            consequences: f.consequences.clone(),
            decision,
            people_told_at: view.summary.people_told_at,
            people_told_how: f.people_told_how.clone(),
            measures_after: f.measures_after.clone(),
            cross_border: f.cross_border,
            other: f.other.clone(),
        };
        Ok((view, report))
    }

    /// The authority's form for breach `id`, pre-filled (Permission::HandleBreaches), in the organisation's
    /// jurisdiction (AP sections 0-9, or the GBA's two parts).
    pub async fn breach_authority_form(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<
        (
            BreachView,
            BreachReport,
            kluis_domain::breach::authority::AuthorityForm,
        ),
        AppError,
    > {
        require(actor, Permission::HandleBreaches)?;
        let (view, report) = self.breach_report(actor, id).await?;
        let form = authority_form(&report, view.jurisdiction);
        Ok((view, report, form))
    }

    /// Who gets the letter to the people affected: every affected relation with its name and e-mail address
    /// (Permission::HandleBreaches). Decrypts names and addresses, so it appends `breach.export` naming them.
    pub async fn breach_letter_recipients(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<Vec<LetterRecipient>, AppError> {
        require(actor, Permission::HandleBreaches)?;
        let row = self.breach_row(actor, id).await?;
        let store = self.db().breaches(&actor.scope);
        let relations = self.db().relations(&actor.scope);
        let mut out = Vec::new();
        let mut offset = 0;
        loop {
            let page = store.affected_relations(&row.id, 1_000, offset).await?;
            if page.is_empty() {
                break;
            }
            offset += page.len() as i64;
            for r in page {
                let Some(rel) = relations.get(&r.relation_id).await? else {
                    continue;
                };
                let v = self.relation_view(actor.scope.org_id(), &rel, None)?;
                out.push(LetterRecipient {
                    relation_id: v.id.clone(),
                    email: v
                        .values
                        .get(&kluis_domain::relations::model::RelationField::Email)
                        .cloned(),
                    name: v.name,
                });
            }
        }
        self.audit_access(
            actor,
            &actor.event(
                AuditAction::BreachExport,
                "breach",
                &row.id,
                &["recipients", "name", "email"],
            ),
        )
        .await?;
        Ok(out)
    }

    /// Records that a document of breach `id` was exported (`what`: `notification`, `dpv`, `letter`), for the
    /// callers that render it (Permission::HandleBreaches).
    pub async fn audit_breach_export(
        &self,
        actor: &Actor,
        id: &str,
        what: &str,
    ) -> Result<(), AppError> {
        require(actor, Permission::HandleBreaches)?;
        let row = self.breach_row(actor, id).await?;
        self.audit_access(
            actor,
            &actor.event(AuditAction::BreachExport, "breach", &row.id, &[what]),
        )
        .await
    }

    /// A link processor `recipient` can report breaches through, valid a year (Permission::HandleBreaches):
    /// the path of the public page (`/p/{slug}/breach-report/{token}`). One `breach.processor_link` event.
    pub async fn breach_processor_link(
        &self,
        actor: &Actor,
        recipient: &str,
    ) -> Result<String, AppError> {
        require(actor, Permission::HandleBreaches)?;
        let r = self.recipient(actor, recipient).await?;
        let expires = OffsetDateTime::now_utc().unix_timestamp() + PROCESSOR_LINK_DAYS * 86_400;
        let token = self
            .keys()
            .sign_link(
                actor.scope.org_id(),
                PROCESSOR_LINK,
                r.recipient.id.as_bytes(),
                expires,
            )
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("link payload too long")))?;
        let id = r.recipient.id.to_string();
        self.audit_access(
            actor,
            &actor.event(
                AuditAction::BreachProcessorLink,
                "recipient",
                &id,
                &["link"],
            ),
        )
        .await?;
        Ok(format!("/p/{}/breach-report/{token}", actor.org.slug))
    }

    /// The processor a report link names, and the actor its report is recorded as; `Ok(Err(_))` for a forged
    /// or expired link, or a recipient that is gone.
    pub async fn breach_processor(
        &self,
        slug: &str,
        token: &str,
        origin: &Origin,
    ) -> Result<Result<(Actor, String, String), LinkRefusal>, AppError> {
        let Some(org) = self.db().org_by_slug(slug.trim()).await? else {
            return Ok(Err(LinkRefusal::Forged));
        };
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let payload = match self
            .keys()
            .verify_link(&org.id, PROCESSOR_LINK, token.trim(), now)
        {
            Ok(p) => p,
            Err(kluis_crypto::LinkError::Expired) => return Ok(Err(LinkRefusal::Expired)),
            Err(_) => return Ok(Err(LinkRefusal::Forged)),
        };
        let Ok(recipient) = Uuid::from_slice(&payload) else {
            return Ok(Err(LinkRefusal::Forged));
        };
        // Unscoped on purpose: the signed link (checked above) is the processor's authority, as an invitation
        // link is the invitee's; the scope is used for this organisation's rows only.
        let scope = OrgScope::system(&org);
        let actor = Actor::new(
            UserId(PROCESSOR_ACTOR.to_owned()),
            OrgSummary::from(org),
            Role::Staff,
            scope,
            origin.clone(),
        );
        let Some(r) = self
            .db()
            .recipients(&actor.scope)
            .get(&recipient.to_string())
            .await?
        else {
            return Ok(Err(LinkRefusal::Forged));
        };
        let name = r.recipient.name.clone();
        Ok(Ok((actor, recipient.to_string(), name)))
    }

    /// Registers the breach a processor reports through its link (Art. 33(2)): the organisation is aware from
    /// now. One transaction, one `breach.create` event by `processor`. Returns the breach's reference.
    pub async fn report_breach_as_processor(
        &self,
        slug: &str,
        token: &str,
        report: &ProcessorReport,
        origin: &Origin,
    ) -> Result<Result<String, LinkRefusal>, AppError> {
        let (actor, recipient_id, name) = match self.breach_processor(slug, token, origin).await? {
            Ok(x) => x,
            Err(r) => return Ok(Err(r)),
        };
        let now = OffsetDateTime::now_utc();
        let input = BreachInput {
            summary: report.summary.clone(),
            started_at: report.started_at,
            discovered_at: Some(report.discovered_at.unwrap_or(now)),
            aware_at: Some(now),
            events: report.events.clone(),
            cause: report.cause,
            people_max: report.people_estimate,
            people_min: None,
            measures_after: report.measures_after.clone(),
            other_organisation: Some(name),
            contact: Reporter {
                name: report.contact_name.clone(),
                phone: report.contact_phone.clone(),
                email: report.contact_email.clone(),
                ..Reporter::default()
            },
            ..BreachInput::default()
        };
        let mut facts = self.facts_of(&input, now)?;
        // The processor's contact is not the organisation's: keep it in the facts' free text, not as reporter.
        let contact = std::mem::take(&mut facts.contact);
        facts.other = format!("{} {} {}", contact.name, contact.email, contact.phone)
            .trim()
            .to_owned();
        let id = self
            .insert_breach(
                &actor,
                &facts,
                "processor",
                Some(recipient_id),
                &["summary", "timeline", "events", "cause", "counts"],
            )
            .await?;
        let row = self.breach_row(&actor, &id).await?;
        Ok(Ok(reference(facts.timeline.aware_at, row.number)))
    }

    /// Breaches with something open, for the compliance check (Permission::Read).
    pub async fn breaches_needing_attention(
        &self,
        actor: &Actor,
    ) -> Result<Vec<BreachSummary>, AppError> {
        Ok(self
            .open_breaches(actor)
            .await?
            .into_iter()
            .filter(|b| !b.open_issues.is_empty())
            .collect())
    }
}

fn not_found_as(field: &'static str) -> impl Fn(kluis_store::StoreError) -> AppError {
    move |e| match e {
        kluis_store::StoreError::NotFound => {
            AppError::invalid(field, "not found in this organisation")
        }
        e => AppError::from(e),
    }
}

/// Re-encrypts every breach's facts and timeline notes of the organisation under the current key (rotation).
pub(crate) async fn reencrypt_breaches(
    ring: &KeyRing,
    tx: &mut WriteTx,
    scope: &OrgScope,
) -> Result<u64, AppError> {
    let org_id = scope.org_id().to_owned();
    let mut n = 0;
    for (b, events) in tx.breaches(scope).all().await? {
        let detail_aad = aad(&org_id, "detail_enc", &b.id);
        let note_aad = aad(&org_id, "note_enc", &b.id);
        let detail = if ring.needs_reencrypt(&b.detail_enc) {
            n += 1;
            ring.reencrypt(&b.detail_enc, &detail_aad)?
        } else {
            b.detail_enc.clone()
        };
        let mut notes = Vec::new();
        for e in events {
            if let Some(enc) = e.note_enc
                && ring.needs_reencrypt(&enc)
            {
                notes.push((e.seq, ring.reencrypt(&enc, &note_aad)?));
                n += 1;
            }
        }
        tx.breaches(scope)
            .set_encrypted(&b.id, &detail, &notes)
            .await?;
    }
    Ok(n)
}

/// A document made from a breach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreachDocument {
    /// The authority's form pre-filled (AP sections 0-9 or the GBA's two parts) as PDF.
    NotificationPdf,
    /// The same as JSON, each answer ready to paste.
    NotificationJson,
    /// The breach in W3C DPV, Turtle.
    DpvTurtle,
    /// The breach in W3C DPV, JSON-LD.
    DpvJsonLd,
    /// The letter to the people affected (Art. 34(2)), HTML.
    LetterHtml,
    /// The same letter as PDF.
    LetterPdf,
}

impl BreachDocument {
    /// `pdf`, `json`, `ttl`, `jsonld` (the notification) or `html`, `pdf` (the letter, with `letter`).
    pub fn parse(format: &str, letter: bool) -> Option<BreachDocument> {
        Some(match (letter, format.trim()) {
            (false, "pdf") => BreachDocument::NotificationPdf,
            (false, "json") => BreachDocument::NotificationJson,
            (false, "ttl") => BreachDocument::DpvTurtle,
            (false, "jsonld") => BreachDocument::DpvJsonLd,
            (true, "html") => BreachDocument::LetterHtml,
            (true, "pdf") => BreachDocument::LetterPdf,
            _ => return None,
        })
    }

    fn audit_name(self) -> &'static str {
        match self {
            BreachDocument::NotificationPdf | BreachDocument::NotificationJson => "notification",
            BreachDocument::DpvTurtle | BreachDocument::DpvJsonLd => "dpv",
            BreachDocument::LetterHtml | BreachDocument::LetterPdf => "letter",
        }
    }
}

fn export_error(e: kluis_export::ExportError) -> AppError {
    AppError::Internal(anyhow::anyhow!("breach document: {e}"))
}

impl App {
    /// Makes `doc` for breach `id` in `lang` (Permission::HandleBreaches): the notification pre-filled for the
    /// organisation's authority in the phase that comes next, its DPV graph, or the letter to the people
    /// (addressed to no one by name: the list of recipients is its own export). Audited as `breach.export`.
    pub async fn breach_document(
        &self,
        actor: &Actor,
        id: &str,
        doc: BreachDocument,
        lang: kluis_i18n::Lang,
    ) -> Result<kluis_export::Export, AppError> {
        let (view, report, form) = self.breach_authority_form(actor, id).await?;
        let phase = if view.notifications.is_empty() {
            NotificationPhase::Initial
        } else {
            NotificationPhase::FollowUp
        };
        let organisation = report.reporter.organisation.clone();
        let meta = kluis_export::BreachDocMeta {
            organisation: &organisation,
            reference: &view.summary.reference,
            generated_at: OffsetDateTime::now_utc(),
            phase: phase.as_str(),
        };
        let export = match doc {
            BreachDocument::NotificationPdf | BreachDocument::NotificationJson => {
                let format = if doc == BreachDocument::NotificationPdf {
                    kluis_export::BreachFormat::Pdf
                } else {
                    kluis_export::BreachFormat::Json
                };
                kluis_export::render_breach_notification(&form, &meta, format, lang)
                    .map_err(export_error)?
            }
            BreachDocument::DpvTurtle | BreachDocument::DpvJsonLd => {
                let format = if doc == BreachDocument::DpvTurtle {
                    kluis_export::DpvFormat::Turtle
                } else {
                    kluis_export::DpvFormat::JsonLd
                };
                kluis_export::render_breach_dpv(&report, &meta, format).map_err(export_error)?
            }
            BreachDocument::LetterHtml | BreachDocument::LetterPdf => {
                let letter = kluis_export::render_breach_letter(&report, None, &meta, lang);
                let base = format!("breach-{}-letter-{}", view.summary.reference, lang.code());
                if doc == BreachDocument::LetterHtml {
                    kluis_export::Export {
                        bytes: letter.html.into_bytes(),
                        content_type: "text/html; charset=utf-8",
                        file_name: format!("{base}.html"),
                    }
                } else {
                    kluis_export::Export {
                        bytes: kluis_export::render_breach_letter_pdf(&letter, &meta)
                            .map_err(export_error)?,
                        content_type: "application/pdf",
                        file_name: format!("{base}.pdf"),
                    }
                }
            }
        };
        self.audit_breach_export(actor, &view.summary.id, doc.audit_name())
            .await?;
        Ok(export)
    }

    /// `kluis breach export`: `doc` for breach `id` (its id or number) of organisation `slug`, as the command line
    /// (a privacy officer's rights on breaches, acting as `cli`). NotFound for an unknown organisation or breach.
    pub async fn cli_breach_document(
        &self,
        slug: &str,
        id: &str,
        doc: BreachDocument,
        lang: kluis_i18n::Lang,
    ) -> Result<kluis_export::Export, AppError> {
        crate::system::require_system(kluis_domain::SystemActor::Cli, Permission::HandleBreaches)?;
        let org = self
            .db()
            .org_by_slug(slug.trim())
            .await?
            .ok_or(AppError::NotFound)?;
        let scope = OrgScope::system(&org);
        let actor = Actor::new(
            UserId(crate::audit::CLI_ACTOR.to_owned()),
            OrgSummary::from(org),
            Role::PrivacyOfficer,
            scope,
            Origin::cli(),
        );
        self.breach_document(&actor, id, doc, lang).await
    }
}
