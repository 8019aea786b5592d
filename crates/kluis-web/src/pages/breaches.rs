//! The personal-data breach pages: the register of breaches with their 72-hour countdowns, reporting one, one
//! breach with its facts, timeline, people and documents affected, risk guidance, decision, notifications and
//! closing, the recipients list, the processor's report link and the public page a processor reports through.
//!
//! Every rule (the clock, a possible timeline, the decision's Art. 34(3) exceptions, the phases) is the domain's
//! and every permission the application's; the pages turn form values into inputs and a refusal back into the
//! form with the field named. Moments are typed on the organisation's calendar (CET/CEST) and shown on it.

use super::{require, see_other};
use crate::backend::AppError;
use crate::context::{Ctx, OrgCtx};
use crate::error::WebError;
use crate::i18n::Tr;
use crate::nav::{Chrome, Flash};
use crate::{Routes, Web};
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kluis_app::{
    AFFECTED_PAGE, AffectedSelection, AffectedTarget, BreachFacts, BreachInput, BreachSummary,
    BreachView, DecisionInput, LinkRefusal, NotificationInput, ProcessorReport,
};
use kluis_domain::Permission;
use kluis_domain::breach::ClockState;
use kluis_domain::breach::incident::{
    BreachCause, BreachNature, CountProblem, DataEvent, NotificationPhase,
};
use kluis_domain::breach::risk::{OpenIssue, PeopleException, RiskLevel};
use kluis_domain::calendar::local_offset;
use kluis_domain::register::{DataCategory, DataSubjectCategory, Jurisdiction, RecipientRole};
use kluis_domain::relations::model::RelationKind;
use time::{Duration, OffsetDateTime, PrimitiveDateTime};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/o/{org}/breaches", list)
        .get("/o/{org}/breaches/new", new_form)
        .post("/o/{org}/breaches", create)
        .post("/o/{org}/breaches/processor-link", processor_link)
        .get("/o/{org}/breaches/{breach}", detail)
        .post("/o/{org}/breaches/{breach}", update)
        .post("/o/{org}/breaches/{breach}/affected", select)
        .post("/o/{org}/breaches/{breach}/affected/correct", correct)
        .post("/o/{org}/breaches/{breach}/decision", decide)
        .post("/o/{org}/breaches/{breach}/notifications", notify)
        .post("/o/{org}/breaches/{breach}/people-told", people_told)
        .post("/o/{org}/breaches/{breach}/events", add_event)
        .post("/o/{org}/breaches/{breach}/close", close)
        .get("/o/{org}/breaches/{breach}/recipients.csv", recipients_csv)
        .get("/p/{slug}/breach-report/{token}", public_form)
        .post("/p/{slug}/breach-report/{token}", public_submit)
}

// ---------------------------------------------------------------------------------------------------------------
// Form values

fn invalid(field: &'static str, message: &str) -> AppError {
    AppError::Invalid {
        field,
        message: message.into(),
    }
}

fn pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn first(p: &[(String, String)], name: &str) -> String {
    p.iter()
        .find(|(k, _)| k == name)
        .map_or(String::new(), |(_, v)| v.clone())
}

fn every(p: &[(String, String)], name: &str) -> Vec<String> {
    p.iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect()
}

fn ticked(p: &[(String, String)], name: &str) -> bool {
    matches!(first(p, name).trim(), "1" | "on" | "true")
}

fn dashed(s: &str) -> String {
    s.replace('_', "-")
}

/// A `datetime-local` value (`2026-03-27T14:30`, seconds optional) on the organisation's calendar, as a moment;
/// `None` when empty. The offset is the one in force at that wall-clock time (off by an hour only inside the
/// night's switch hour, as for requests).
fn parse_moment(
    field: &'static str,
    value: &str,
    jurisdiction: Jurisdiction,
) -> Result<Option<OffsetDateTime>, AppError> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let minutes = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let seconds =
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    let local = PrimitiveDateTime::parse(v, &minutes)
        .or_else(|_| PrimitiveDateTime::parse(v, &seconds))
        .map_err(|_| invalid(field, "not a date and time"))?;
    Ok(Some(local.assume_offset(local_offset(
        local.assume_utc(),
        jurisdiction,
    ))))
}

/// A moment as a `datetime-local` value on the organisation's calendar.
fn local_input(at: OffsetDateTime, jurisdiction: Jurisdiction) -> String {
    let l = at.to_offset(local_offset(at, jurisdiction));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        l.year(),
        u8::from(l.month()),
        l.day(),
        l.hour(),
        l.minute()
    )
}

/// A moment as the reader reads it, on the organisation's calendar: "27 maart 2026, 15:30".
pub(crate) fn moment(tr: Tr, at: OffsetDateTime, jurisdiction: Jurisdiction) -> String {
    let l = at.to_offset(local_offset(at, jurisdiction));
    tr.t_with(
        "breach-moment",
        &[
            ("date", &tr.date(l.date())),
            ("time", &format!("{:02}:{:02}", l.hour(), l.minute())),
        ],
    )
}

fn parse_count(field: &'static str, v: &str) -> Result<Option<u64>, AppError> {
    match v.trim() {
        "" => Ok(None),
        t => t
            .parse::<u64>()
            .map(Some)
            .map_err(|_| invalid(field, "not a whole number")),
    }
}

fn parse_all<T: std::str::FromStr>(
    field: &'static str,
    values: &[String],
) -> Result<Vec<T>, AppError> {
    values
        .iter()
        .map(|v| {
            v.parse::<T>()
                .map_err(|_| invalid(field, "not one of the choices"))
        })
        .collect()
}

async fn jurisdiction_of(web: &Web, o: &OrgCtx) -> Result<Jurisdiction, WebError> {
    Ok(web
        .app
        .profile(&o.actor)
        .await?
        .profile
        .jurisdiction
        .unwrap_or(Jurisdiction::Nl))
}

// ---------------------------------------------------------------------------------------------------------------
// Labels

fn label(tr: Tr, prefix: &str, value: &str) -> String {
    let key = format!("{prefix}-{}", dashed(value));
    if tr.has(&key) {
        tr.t(&key).to_owned()
    } else {
        value.to_owned()
    }
}

fn key_label(tr: Tr, key: &str, fallback: &str) -> String {
    if tr.has(key) {
        tr.t(key).to_owned()
    } else {
        fallback.to_owned()
    }
}

fn risk_label(tr: Tr, r: RiskLevel) -> String {
    label(tr, "breach-risk", r.as_str())
}

fn exception_label(tr: Tr, e: PeopleException) -> String {
    format!(
        "{} ({})",
        label(tr, "breach-exception", e.as_str()),
        e.article()
    )
}

/// An option of a select or a checkbox of a group.
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

fn opts<T: Copy>(
    all: impl IntoIterator<Item = T>,
    value: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> String,
    chosen: &[String],
) -> Vec<Opt> {
    all.into_iter()
        .map(|x| Opt {
            value: value(x).to_owned(),
            label: label(x),
            selected: chosen.iter().any(|c| c == value(x)),
        })
        .collect()
}

fn hours_minutes(d: Duration) -> (String, String) {
    let total = d.whole_minutes().max(0);
    ((total / 60).to_string(), (total % 60).to_string())
}

/// The 72-hour countdown as a badge: its state (`running`, `overdue`, `notified`, `late`, `closed`) and words.
pub struct Countdown {
    pub state: &'static str,
    pub text: String,
    pub deadline: String,
    /// The deadline for the browser's ticking (RFC 3339), empty when nothing ticks.
    pub deadline_iso: String,
    /// The words the browser fills in as it ticks (`{h}`, `{m}`).
    pub tick_running: String,
    pub tick_overdue: String,
}

pub(crate) fn countdown(tr: Tr, s: &BreachSummary, jurisdiction: Jurisdiction) -> Countdown {
    let deadline = moment(tr, s.deadline, jurisdiction);
    let iso = s
        .deadline
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let (state, text, ticking) = match s.clock {
        ClockState::Running { remaining } => {
            let (h, m) = hours_minutes(remaining);
            (
                "running",
                tr.t_with("breach-clock-running", &[("hours", &h), ("minutes", &m)]),
                true,
            )
        }
        ClockState::Overdue { by } => {
            let (h, _) = hours_minutes(by);
            (
                "overdue",
                tr.t_with("breach-clock-overdue", &[("hours", &h)]),
                true,
            )
        }
        ClockState::NotifiedInTime => ("notified", tr.t("breach-clock-notified").to_owned(), false),
        ClockState::NotifiedLate { by } => {
            let (h, _) = hours_minutes(by);
            (
                "late",
                tr.t_with("breach-clock-late", &[("hours", &h)]),
                false,
            )
        }
    };
    // A closed breach that never needed the authority has no countdown left.
    let (state, text, ticking) = match (s.closed_at, state) {
        (Some(_), "running" | "overdue") => {
            ("closed", tr.t("breach-status-closed").to_owned(), false)
        }
        _ => (state, text, ticking),
    };
    Countdown {
        state,
        text,
        deadline,
        deadline_iso: if ticking { iso } else { String::new() },
        tick_running: tr.t_with(
            "breach-clock-running",
            &[("hours", "{h}"), ("minutes", "{m}")],
        ),
        tick_overdue: tr.t_with("breach-clock-overdue", &[("hours", "{h}")]),
    }
}

fn issue_label(tr: Tr, i: &OpenIssue) -> String {
    tr.t(match i {
        OpenIssue::UndecidedPastDeadline => "breach-issue-undecided",
        OpenIssue::AuthorityNotNotified { overdue: true } => "breach-issue-authority-overdue",
        OpenIssue::AuthorityNotNotified { overdue: false } => "breach-issue-authority-pending",
        OpenIssue::PeopleNotTold => "breach-issue-people-not-told",
    })
    .to_owned()
}

/// The words of a refused value: the field's label and what is wrong with it.
fn error_text(tr: Tr, e: &AppError) -> String {
    match e {
        AppError::Invalid { field, message } => {
            let problem = problem_key(field, message);
            tr.t_with(
                "breach-error-field",
                &[
                    (
                        "field",
                        &key_label(tr, &format!("breach-field-{}", dashed(field)), field),
                    ),
                    ("problem", tr.t(problem)),
                ],
            )
        }
        AppError::Conflict(m) => tr.t(conflict_key(m)).to_owned(),
        _ => tr.t("error-500-text").to_owned(),
    }
}

fn problem_key(field: &str, message: &str) -> &'static str {
    let m = message;
    match field {
        _ if m.contains("future") => "breach-problem-future",
        _ if m.contains("cannot end before") => "breach-problem-ended-before-start",
        _ if m.contains("discovered before it started") => "breach-problem-discovered-before-start",
        _ if m.contains("aware of the breach before") => "breach-problem-aware-before-discovery",
        _ if m.contains("before the breach was discovered") => "breach-problem-before-discovery",
        _ if m.contains("before the one before") => "breach-problem-out-of-order",
        _ if m.contains("not a date") => "breach-problem-not-a-moment",
        _ if m.contains("whole number") => "breach-problem-not-a-number",
        _ if m.contains("minimum number") => "breach-problem-min-above-max",
        _ if m.contains("at most") => "breach-problem-too-long",
        "rationale" => "breach-problem-rationale",
        "notify_authority" => "breach-problem-authority-required",
        "notify_people" => "breach-problem-people-required",
        "exception_explanation" => "breach-problem-exception-explanation",
        "people_exception" => "breach-problem-exception-not-applicable",
        "public_communication" => "breach-problem-public-communication",
        "delay_reason" => "breach-problem-delay-reason",
        "phase" => "breach-problem-initial-first",
        "reference" => "breach-problem-reference",
        "nature" => "breach-problem-nature",
        "identifiers" if m.contains("no identifiers") => "breach-problem-no-identifiers",
        "activity" if m.contains("concerns no kind") => "breach-problem-activity-no-kind",
        "relation_id" | "document_id" => "breach-problem-not-found",
        _ if m.contains("describe") || m.contains("choose") => "breach-problem-missing",
        _ => "breach-problem-invalid",
    }
}

fn conflict_key(m: &str) -> &'static str {
    if m.contains("closed already") || m.contains("is closed") {
        "breach-conflict-closed"
    } else if m.contains("changed meanwhile") {
        "breach-conflict-changed"
    } else if m.contains("withdrawn") {
        "breach-conflict-withdrawn"
    } else if m.contains("notification to the authority") {
        "breach-conflict-notify-first"
    } else if m.contains("people were told") {
        "breach-conflict-tell-first"
    } else if m.contains("decide") {
        "breach-conflict-decide-first"
    } else {
        "breach-conflict-other"
    }
}

fn error_status(e: &AppError) -> StatusCode {
    match e {
        AppError::Conflict(_) => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The list

/// A breach as a row of the register.
pub struct Row {
    pub id: String,
    pub reference: String,
    pub aware: String,
    pub countdown: Countdown,
    pub risk: String,
    pub status: String,
    pub issues: Vec<String>,
    pub processor: bool,
}

fn row(tr: Tr, s: &BreachSummary, j: Jurisdiction) -> Row {
    Row {
        id: s.id.clone(),
        reference: s.reference.clone(),
        aware: moment(tr, s.aware_at, j),
        countdown: countdown(tr, s, j),
        risk: s.risk.map_or_else(
            || tr.t("breach-risk-undecided").to_owned(),
            |r| risk_label(tr, r),
        ),
        status: tr
            .t(if s.closed_at.is_some() {
                "breach-status-closed"
            } else {
                "breach-status-open"
            })
            .to_owned(),
        issues: s.open_issues.iter().map(|i| issue_label(tr, i)).collect(),
        processor: s.origin == "processor",
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "breaches/list.html")]
pub(crate) struct ListPage {
    c: Chrome,
    org: String,
    rows: Vec<Row>,
    can_report: bool,
    can_handle: bool,
    processors: Vec<Opt>,
    /// A processor's report link just made: shown on this response only.
    link: Option<(String, String)>,
}

async fn list_page(
    web: &Web,
    o: &OrgCtx,
    flash: &Flash,
    link: Option<(String, String)>,
    error: Option<(StatusCode, String)>,
) -> Result<Response, WebError> {
    let tr = o.ctx.tr();
    let j = jurisdiction_of(web, o).await?;
    let rows = web.app.breaches(&o.actor).await?;
    let can_handle = o.actor.role.allows(Permission::HandleBreaches);
    let processors = if can_handle {
        web.app
            .recipients(&o.actor)
            .await?
            .into_iter()
            .filter(|r| r.recipient.role == RecipientRole::Processor)
            .map(|r| Opt {
                value: r.recipient.id.to_string(),
                label: r.recipient.name.clone(),
                selected: false,
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut c = Chrome::org(o, "breach-list-title", "breaches", flash);
    let status = match error {
        Some((status, e)) => {
            c.error = Some(e);
            status
        }
        None => StatusCode::OK,
    };
    let page = ListPage {
        c,
        org: o.org_slug.clone(),
        rows: rows.iter().map(|s| row(tr, s, j)).collect(),
        can_report: o.actor.role.allows(Permission::Write),
        can_handle,
        processors,
        link,
    };
    Ok((status, page).into_response())
}

pub async fn list(
    State(web): State<Web>,
    o: OrgCtx,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    list_page(&web, &o, &flash, None, None).await
}

/// Makes a processor's report link and shows it once (`POST /o/{org}/breaches/processor-link`).
pub async fn processor_link(
    State(web): State<Web>,
    o: OrgCtx,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleBreaches)?;
    let tr = o.ctx.tr();
    let p = pairs(&body);
    let recipient = first(&p, "recipient").trim().to_owned();
    let result = if recipient.is_empty() {
        Err(invalid("recipient", "choose one"))
    } else {
        web.app.breach_processor_link(&o.actor, &recipient).await
    };
    match result {
        Ok(path) => {
            let name = web
                .app
                .recipient(&o.actor, &recipient)
                .await
                .map(|r| r.recipient.name)
                .unwrap_or_default();
            let link = super::absolute_link(&headers, o.ctx.secure_cookies, &path);
            let made = tr.t_with("breach-processor-link-made", &[("processor", &name)]);
            list_page(&web, &o, &Flash::default(), Some((made, link)), None).await
        }
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict(_))) => {
            let err = Some((error_status(&e), error_text(tr, &e)));
            list_page(&web, &o, &Flash::default(), None, err).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The facts form (reporting and correcting)

/// The facts form's values as typed, kept when a value is refused.
#[derive(Default)]
pub struct FactsForm {
    pub summary: String,
    pub started_at: String,
    pub ended_at: String,
    pub discovered_at: String,
    pub aware_at: String,
    pub nature: Vec<String>,
    pub events: Vec<String>,
    pub cause: String,
    pub cause_description: String,
    pub categories: Vec<String>,
    pub subjects: Vec<String>,
    pub people_min: String,
    pub people_max: String,
    pub records: String,
    pub unintelligible: bool,
    pub contained: bool,
    pub restored_from_backup: bool,
    pub vulnerable_people: bool,
    pub cross_border: bool,
    pub measures_before: String,
    pub consequences: String,
    pub measures_after: String,
    pub other_organisation: String,
    pub other: String,
    pub contact_name: String,
    pub contact_function: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub contact_organisation: String,
    pub contact_registration_number: String,
}

impl FactsForm {
    fn from_pairs(p: &[(String, String)]) -> FactsForm {
        FactsForm {
            summary: first(p, "summary"),
            started_at: first(p, "started_at"),
            ended_at: first(p, "ended_at"),
            discovered_at: first(p, "discovered_at"),
            aware_at: first(p, "aware_at"),
            nature: every(p, "nature"),
            events: every(p, "events"),
            cause: first(p, "cause"),
            cause_description: first(p, "cause_description"),
            categories: every(p, "categories"),
            subjects: every(p, "subjects"),
            people_min: first(p, "people_min"),
            people_max: first(p, "people_max"),
            records: first(p, "records"),
            unintelligible: ticked(p, "unintelligible"),
            contained: ticked(p, "contained"),
            restored_from_backup: ticked(p, "restored_from_backup"),
            vulnerable_people: ticked(p, "vulnerable_people"),
            cross_border: ticked(p, "cross_border"),
            measures_before: first(p, "measures_before"),
            consequences: first(p, "consequences"),
            measures_after: first(p, "measures_after"),
            other_organisation: first(p, "other_organisation"),
            other: first(p, "other"),
            contact_name: first(p, "contact_name"),
            contact_function: first(p, "contact_function"),
            contact_phone: first(p, "contact_phone"),
            contact_email: first(p, "contact_email"),
            contact_organisation: first(p, "contact_organisation"),
            contact_registration_number: first(p, "contact_registration_number"),
        }
    }

    fn from_facts(f: &BreachFacts, j: Jurisdiction) -> FactsForm {
        let count = |n: u64| if n == 0 { String::new() } else { n.to_string() };
        FactsForm {
            summary: f.summary.clone(),
            started_at: f
                .timeline
                .started_at
                .map(|t| local_input(t, j))
                .unwrap_or_default(),
            ended_at: f
                .timeline
                .ended_at
                .map(|t| local_input(t, j))
                .unwrap_or_default(),
            discovered_at: local_input(f.timeline.discovered_at, j),
            aware_at: local_input(f.timeline.aware_at, j),
            nature: f.nature.iter().map(|n| n.as_str().to_owned()).collect(),
            events: f.events.iter().map(|e| e.as_str().to_owned()).collect(),
            cause: f.cause.as_str().to_owned(),
            cause_description: f.cause_description.clone(),
            categories: f.categories.iter().map(|c| c.key().to_owned()).collect(),
            subjects: f.subjects.iter().map(|s| s.key().to_owned()).collect(),
            people_min: count(f.stated.people_min),
            people_max: count(f.stated.people_max),
            records: count(f.stated.records),
            unintelligible: f.unintelligible,
            contained: f.contained,
            restored_from_backup: f.restored_from_backup,
            vulnerable_people: f.vulnerable_people,
            cross_border: f.cross_border,
            measures_before: f.measures_before.clone(),
            consequences: f.consequences.clone(),
            measures_after: f.measures_after.clone(),
            other_organisation: f.other_organisation.clone().unwrap_or_default(),
            other: f.other.clone(),
            contact_name: f.contact.name.clone(),
            contact_function: f.contact.function.clone(),
            contact_phone: f.contact.phone.clone(),
            contact_email: f.contact.email.clone(),
            contact_organisation: f.contact.organisation.clone(),
            contact_registration_number: f.contact.registration_number.clone(),
        }
    }

    /// The input these values give; `dpo` is kept from the stored facts (the profile's, not typed here).
    fn input(&self, j: Jurisdiction, dpo: Option<String>) -> Result<BreachInput, AppError> {
        Ok(BreachInput {
            summary: self.summary.clone(),
            started_at: parse_moment("started_at", &self.started_at, j)?,
            ended_at: parse_moment("ended_at", &self.ended_at, j)?,
            discovered_at: parse_moment("discovered_at", &self.discovered_at, j)?,
            aware_at: parse_moment("aware_at", &self.aware_at, j)?,
            nature: parse_all::<BreachNature>("nature", &self.nature)?,
            events: parse_all::<DataEvent>("events", &self.events)?,
            cause: match self.cause.trim() {
                "" => None,
                c => Some(
                    c.parse()
                        .map_err(|_| invalid("cause", "not one of the choices"))?,
                ),
            },
            cause_description: self.cause_description.clone(),
            categories: parse_all::<DataCategory>("categories", &self.categories)?,
            subjects: parse_all::<DataSubjectCategory>("subjects", &self.subjects)?,
            people_min: parse_count("people_min", &self.people_min)?,
            people_max: parse_count("people_max", &self.people_max)?,
            records: parse_count("records", &self.records)?,
            unintelligible: self.unintelligible,
            contained: self.contained,
            restored_from_backup: self.restored_from_backup,
            vulnerable_people: self.vulnerable_people,
            measures_before: self.measures_before.clone(),
            consequences: self.consequences.clone(),
            measures_after: self.measures_after.clone(),
            cross_border: self.cross_border,
            other_organisation: Some(self.other_organisation.clone()),
            other: self.other.clone(),
            contact: kluis_domain::breach::authority::Reporter {
                organisation: self.contact_organisation.clone(),
                registration_number: self.contact_registration_number.clone(),
                name: self.contact_name.clone(),
                function: self.contact_function.clone(),
                phone: self.contact_phone.clone(),
                email: self.contact_email.clone(),
                dpo,
            },
        })
    }
}

/// The choices of the facts form, with what the form holds ticked.
pub struct FactsChoices {
    pub natures: Vec<Opt>,
    pub events: Vec<Opt>,
    pub causes: Vec<Opt>,
    pub categories: Vec<Opt>,
    pub subjects: Vec<Opt>,
}

fn facts_choices(tr: Tr, f: &FactsForm) -> FactsChoices {
    FactsChoices {
        natures: opts(
            BreachNature::ALL.iter().copied(),
            BreachNature::as_str,
            |n| label(tr, "breach-nature", n.as_str()),
            &f.nature,
        ),
        events: opts(
            DataEvent::ALL.iter().copied(),
            DataEvent::as_str,
            |e| label(tr, "breach-event", e.as_str()),
            &f.events,
        ),
        causes: opts(
            BreachCause::ALL.iter().copied(),
            BreachCause::as_str,
            |c| label(tr, "breach-cause", c.as_str()),
            std::slice::from_ref(&f.cause),
        ),
        categories: opts(
            DataCategory::all(),
            DataCategory::key,
            |c| key_label(tr, &c.label_key(), c.key()),
            &f.categories,
        ),
        subjects: opts(
            DataSubjectCategory::all(),
            DataSubjectCategory::key,
            |s| key_label(tr, &s.label_key(), s.key()),
            &f.subjects,
        ),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "breaches/new.html")]
pub(crate) struct NewPage {
    c: Chrome,
    org: String,
    form: FactsForm,
    choices: FactsChoices,
    now: String,
}

fn new_page(o: &OrgCtx, j: Jurisdiction, form: FactsForm, error: Option<String>) -> Response {
    let tr = o.ctx.tr();
    let mut c = Chrome::org(o, "breach-new-title", "breaches", &Flash::default());
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    c.error = error;
    let page = NewPage {
        c,
        org: o.org_slug.clone(),
        choices: facts_choices(tr, &form),
        form,
        now: local_input(OffsetDateTime::now_utc(), j),
    };
    (status, page).into_response()
}

pub async fn new_form(State(web): State<Web>, o: OrgCtx) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let j = jurisdiction_of(&web, &o).await?;
    Ok(new_page(&o, j, FactsForm::default(), None))
}

pub async fn create(State(web): State<Web>, o: OrgCtx, body: Bytes) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let tr = o.ctx.tr();
    let j = jurisdiction_of(&web, &o).await?;
    let form = FactsForm::from_pairs(&pairs(&body));
    let result = match form.input(j, None) {
        Ok(input) => web.app.create_breach(&o.actor, &input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(id) => Ok(see_other(&format!(
            "/o/{}/breaches/{id}?notice=breach-registered",
            o.org_slug
        ))),
        Err(e @ AppError::Invalid { .. }) => Ok(new_page(&o, j, form, Some(error_text(tr, &e)))),
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------------------------
// One breach

/// An entry of the timeline as the page shows it.
pub struct TimelineRow {
    pub at: String,
    pub what: String,
    pub note: String,
}

pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub source: String,
}

pub struct DocumentRow {
    pub id: String,
    pub name: String,
    pub path: String,
    pub source: String,
}

pub struct NotificationRow {
    pub phase: String,
    pub sent_at: String,
    pub reference: String,
}

/// The decision form's values: the decision taken, or what was just posted.
#[derive(Default)]
pub struct DecisionForm {
    pub risk: String,
    pub rationale: String,
    pub notify_authority: bool,
    pub notify_people: bool,
    pub people_exception: String,
    pub exception_explanation: String,
    pub public_communication: bool,
    pub delay_reason: String,
}

impl DecisionForm {
    fn from_pairs(p: &[(String, String)]) -> DecisionForm {
        DecisionForm {
            risk: first(p, "risk"),
            rationale: first(p, "rationale"),
            notify_authority: ticked(p, "notify_authority"),
            notify_people: ticked(p, "notify_people"),
            people_exception: first(p, "people_exception"),
            exception_explanation: first(p, "exception_explanation"),
            public_communication: ticked(p, "public_communication"),
            delay_reason: first(p, "delay_reason"),
        }
    }

    fn input(&self) -> Result<DecisionInput, AppError> {
        Ok(DecisionInput {
            risk: self
                .risk
                .trim()
                .parse()
                .map_err(|_| invalid("risk", "choose the risk"))?,
            rationale: self.rationale.clone(),
            notify_authority: self.notify_authority,
            notify_people: self.notify_people,
            people_exception: match self.people_exception.trim() {
                "" => None,
                e => Some(
                    e.parse()
                        .map_err(|_| invalid("people_exception", "not one of the choices"))?,
                ),
            },
            exception_explanation: self.exception_explanation.clone(),
            public_communication: self.public_communication,
            delay_reason: self.delay_reason.clone(),
        })
    }
}

/// What a failed post gives back to the page: the status, the words, and the values of the form it came from.
#[derive(Default)]
struct Refused {
    status: Option<StatusCode>,
    error: Option<String>,
    facts: Option<FactsForm>,
    decision: Option<DecisionForm>,
}

#[derive(Template, WebTemplate)]
#[template(path = "breaches/detail.html")]
pub(crate) struct DetailPage {
    c: Chrome,
    org: String,
    id: String,
    version: i64,
    row: Row,
    closed: bool,
    processor_name: Option<String>,
    can_handle: bool,
    timeline: Vec<TimelineRow>,
    form: FactsForm,
    choices: FactsChoices,
    natures: String,
    events: String,
    cause: String,
    categories: String,
    people_count: String,
    documents_count: String,
    excluded_count: u64,
    count_warnings: Vec<String>,
    outcome: Option<String>,
    people: Vec<PersonRow>,
    next_page: Option<u32>,
    prev_page: Option<u32>,
    removed_people: Vec<PersonRow>,
    documents: Vec<DocumentRow>,
    removed_documents: Vec<DocumentRow>,
    kinds: Vec<Opt>,
    tags: Vec<Opt>,
    activities: Vec<Opt>,
    suggested: String,
    factors: Vec<String>,
    decision: DecisionForm,
    decided: Option<String>,
    risks: Vec<Opt>,
    exceptions: Vec<Opt>,
    overdue: bool,
    notifications: Vec<NotificationRow>,
    phases: Vec<Opt>,
    people_told: Option<String>,
    now: String,
    authority: String,
}

#[derive(serde::Deserialize, Default)]
pub struct DetailQuery {
    #[serde(default)]
    page: Option<u32>,
    notice: Option<String>,
    error: Option<String>,
    added: Option<u64>,
    documents: Option<u64>,
    unmatched: Option<u64>,
}

fn timeline_label(tr: Tr, kind: &str) -> String {
    label(tr, "breach-timeline", kind)
}

fn person_row(tr: Tr, p: &kluis_app::AffectedPerson) -> PersonRow {
    PersonRow {
        id: p.relation_id.clone(),
        name: if p.name.is_empty() {
            tr.t("breach-person-gone").to_owned()
        } else {
            p.name.clone()
        },
        kind: p
            .kind
            .map(|k| label(tr, "relation-kind", k.as_str()))
            .unwrap_or_default(),
        source: label(tr, "breach-source", &p.source),
    }
}

fn document_row(tr: Tr, d: &kluis_app::AffectedDocument) -> DocumentRow {
    DocumentRow {
        id: d.document_id.clone(),
        name: d.name.clone(),
        path: d.path.clone(),
        source: label(tr, "breach-source", &d.source),
    }
}

async fn detail_page(
    web: &Web,
    o: &OrgCtx,
    id: &str,
    q: &DetailQuery,
    refused: Refused,
) -> Result<Response, WebError> {
    let tr = o.ctx.tr();
    let v: BreachView = web.app.breach(&o.actor, id).await?;
    let j = v.jurisdiction;
    let id = v.summary.id.clone();
    let page_no = q.page.unwrap_or(0).min(1_000_000);
    let people = web.app.breach_people(&o.actor, &id, page_no).await?;
    let removed_people = web.app.breach_people_removed(&o.actor, &id).await?;
    let documents = web.app.breach_documents(&o.actor, &id, false).await?;
    let removed_documents = web.app.breach_documents(&o.actor, &id, true).await?;
    let can_handle = o.actor.role.allows(Permission::HandleBreaches);
    let closed = v.summary.closed_at.is_some();
    let (tags, activities) = if can_handle && !closed {
        let tags = web
            .app
            .relation_tag_choices(&o.actor)
            .await?
            .into_iter()
            .map(|t| Opt {
                label: format!("{} ({})", t.label, t.relations),
                value: t.token,
                selected: false,
            })
            .collect();
        let activities = web
            .app
            .register_activities(&o.actor)
            .await?
            .into_iter()
            .map(|a| Opt {
                value: a.activity.id.to_string(),
                label: a.activity.name.clone(),
                selected: false,
            })
            .collect();
        (tags, activities)
    } else {
        (Vec::new(), Vec::new())
    };
    let processor_name = match &v.summary.origin[..] {
        "processor" => Some(v.facts.other_organisation.clone().unwrap_or_default()),
        _ => None,
    };

    // The timeline: the moments of the facts, then what was recorded, in order.
    let f = &v.facts;
    let mut timeline: Vec<(OffsetDateTime, String, String)> = Vec::new();
    if let Some(t) = f.timeline.started_at {
        timeline.push((t, tr.t("breach-timeline-started").to_owned(), String::new()));
    }
    if let Some(t) = f.timeline.ended_at {
        timeline.push((t, tr.t("breach-timeline-ended").to_owned(), String::new()));
    }
    timeline.push((
        f.timeline.discovered_at,
        tr.t("breach-timeline-discovered").to_owned(),
        String::new(),
    ));
    timeline.push((
        f.timeline.aware_at,
        tr.t("breach-timeline-aware").to_owned(),
        String::new(),
    ));
    timeline.push((
        v.summary.deadline,
        tr.t("breach-timeline-deadline").to_owned(),
        String::new(),
    ));
    for e in &v.events {
        timeline.push((
            e.at,
            timeline_label(tr, &e.kind),
            e.note.clone().unwrap_or_default(),
        ));
    }
    timeline.sort_by_key(|(at, _, _)| *at);

    let count_warnings = v
        .count_problems
        .iter()
        .map(|p| match p {
            CountProblem::MinAboveMax => tr.t("breach-count-min-above-max").to_owned(),
            CountProblem::BelowLinked { linked } => tr.t_with(
                "breach-count-below-linked",
                &[("linked", &linked.to_string())],
            ),
        })
        .collect();
    let outcome = q.added.map(|added| {
        let mut s = tr.t_with(
            "breach-selected",
            &[
                ("people", &added.to_string()),
                ("documents", &q.documents.unwrap_or(0).to_string()),
            ],
        );
        if let Some(n) = q.unmatched.filter(|n| *n > 0) {
            s.push(' ');
            s.push_str(&tr.t_with("breach-unmatched", &[("count", &n.to_string())]));
        }
        s
    });

    let decision = refused.decision.unwrap_or_else(|| match &f.decision {
        Some(d) => DecisionForm {
            risk: d.risk.as_str().to_owned(),
            rationale: d.rationale.clone(),
            notify_authority: d.notify_authority,
            notify_people: d.notify_people,
            people_exception: d
                .people_exception
                .map(|e| e.as_str().to_owned())
                .unwrap_or_default(),
            exception_explanation: d.exception_explanation.clone(),
            public_communication: d.public_communication,
            delay_reason: d.delay_reason.clone(),
        },
        None => DecisionForm {
            risk: v.guidance.suggested.as_str().to_owned(),
            notify_authority: v.guidance.suggested.authority_must_know(),
            notify_people: v.guidance.suggested.people_must_know(),
            ..DecisionForm::default()
        },
    });
    let decided = f.decision.as_ref().map(|d| {
        let mut s = tr.t_with(
            "breach-decided",
            &[
                ("risk", &risk_label(tr, d.risk)),
                ("at", &moment(tr, d.decided_at, j)),
            ],
        );
        if let Some(e) = d.people_exception {
            s.push_str(" · ");
            s.push_str(&exception_label(tr, e));
        }
        s
    });
    let overdue =
        v.summary.authority_notified_at.is_none() && OffsetDateTime::now_utc() > v.summary.deadline;
    let people_told = v.summary.people_told_at.map(|at| {
        tr.t_with(
            "breach-people-told-at",
            &[("at", &moment(tr, at, j)), ("how", &f.people_told_how)],
        )
    });

    let facts_form = refused.facts.unwrap_or_else(|| FactsForm::from_facts(f, j));
    let choices = facts_choices(tr, &facts_form);
    let joined = |labels: Vec<String>| {
        if labels.is_empty() {
            "-".to_owned()
        } else {
            labels.join(", ")
        }
    };
    let mut c = Chrome::org(
        o,
        "breach-detail-title",
        "breaches",
        &Flash {
            notice: q.notice.clone(),
            error: q.error.clone(),
        },
    );
    c.title = tr.t_with(
        "breach-detail-heading",
        &[("reference", &v.summary.reference)],
    );
    if let Some(e) = refused.error {
        c.error = Some(e);
    }
    let page = DetailPage {
        org: o.org_slug.clone(),
        id: id.clone(),
        version: v.version,
        row: row(tr, &v.summary, j),
        closed,
        processor_name,
        can_handle,
        timeline: timeline
            .into_iter()
            .map(|(at, what, note)| TimelineRow {
                at: moment(tr, at, j),
                what,
                note,
            })
            .collect(),
        natures: joined(
            f.nature
                .iter()
                .map(|n| label(tr, "breach-nature", n.as_str()))
                .collect(),
        ),
        events: joined(
            f.events
                .iter()
                .map(|e| label(tr, "breach-event", e.as_str()))
                .collect(),
        ),
        cause: label(tr, "breach-cause", f.cause.as_str()),
        categories: joined(
            f.categories
                .iter()
                .map(|c| key_label(tr, &c.label_key(), c.key()))
                .collect(),
        ),
        form: facts_form,
        choices,
        people_count: tr.number(i64::try_from(v.affected.people).unwrap_or(i64::MAX)),
        documents_count: tr.number(i64::try_from(v.affected.documents).unwrap_or(i64::MAX)),
        excluded_count: v.affected.excluded,
        count_warnings,
        outcome,
        next_page: (people.len() as i64 >= AFFECTED_PAGE).then_some(page_no + 1),
        prev_page: page_no.checked_sub(1),
        people: people.iter().map(|p| person_row(tr, p)).collect(),
        removed_people: removed_people.iter().map(|p| person_row(tr, p)).collect(),
        documents: documents.iter().map(|d| document_row(tr, d)).collect(),
        removed_documents: removed_documents
            .iter()
            .map(|d| document_row(tr, d))
            .collect(),
        kinds: opts(
            RelationKind::ALL.iter().copied(),
            RelationKind::as_str,
            |k| label(tr, "relation-kind", k.as_str()),
            &[],
        ),
        tags,
        activities,
        suggested: risk_label(tr, v.guidance.suggested),
        factors: v
            .guidance
            .factors
            .iter()
            .map(|x| label(tr, "breach-factor", x.as_str()))
            .collect(),
        risks: opts(
            RiskLevel::ALL.iter().copied(),
            RiskLevel::as_str,
            |r| risk_label(tr, r),
            std::slice::from_ref(&decision.risk),
        ),
        exceptions: opts(
            PeopleException::ALL.iter().copied(),
            PeopleException::as_str,
            |e| exception_label(tr, e),
            std::slice::from_ref(&decision.people_exception),
        ),
        decision,
        decided,
        overdue,
        notifications: v
            .notifications
            .iter()
            .map(|n| NotificationRow {
                phase: label(tr, "breach-phase", n.phase.as_str()),
                sent_at: moment(tr, n.sent_at, j),
                reference: n.reference.clone().unwrap_or_default(),
            })
            .collect(),
        phases: opts(
            NotificationPhase::ALL.iter().copied(),
            NotificationPhase::as_str,
            |p| label(tr, "breach-phase", p.as_str()),
            &[if v.notifications.is_empty() {
                "initial".to_owned()
            } else {
                "follow_up".to_owned()
            }],
        ),
        people_told,
        now: local_input(OffsetDateTime::now_utc(), j),
        authority: tr
            .t(match j {
                Jurisdiction::Nl => "breach-authority-nl",
                Jurisdiction::Be => "breach-authority-be",
            })
            .to_owned(),
        c,
    };
    let status = refused.status.unwrap_or(StatusCode::OK);
    Ok((status, page).into_response())
}

pub async fn detail(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    Query(q): Query<DetailQuery>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    detail_page(&web, &o, &id, &q, Refused::default()).await
}

fn back(o: &OrgCtx, id: &str, notice: &str) -> Response {
    see_other(&format!(
        "/o/{}/breaches/{}?notice={notice}",
        o.org_slug,
        id.trim()
    ))
}

/// The outcome of a post on the breach: back to it with a notice, or the page again with the refusal.
async fn answer(
    web: &Web,
    o: &OrgCtx,
    id: &str,
    result: Result<(), AppError>,
    notice: &str,
    keep: impl FnOnce(&mut Refused),
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(back(o, id, notice)),
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict(_))) => {
            let mut refused = Refused {
                status: Some(error_status(&e)),
                error: Some(error_text(o.ctx.tr(), &e)),
                ..Refused::default()
            };
            keep(&mut refused);
            detail_page(web, o, id, &DetailQuery::default(), refused).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Corrects the facts (`POST /o/{org}/breaches/{breach}`).
pub async fn update(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleBreaches)?;
    let v = web.app.breach(&o.actor, &id).await?;
    let p = pairs(&body);
    let form = FactsForm::from_pairs(&p);
    let version = first(&p, "version").trim().parse::<i64>().ok();
    let result = match form.input(v.jurisdiction, v.facts.contact.dpo.clone()) {
        Ok(input) => web.app.update_breach(&o.actor, &id, &input, version).await,
        Err(e) => Err(e),
    };
    answer(&web, &o, &id, result, "breach-updated", |r| {
        r.facts = Some(form)
    })
    .await
}

/// The body's fields and an uploaded file's text, for a form that may be multipart.
fn fields_and_file(headers: &HeaderMap, body: &[u8]) -> (Vec<(String, String)>, Option<String>) {
    let ct = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let Some(boundary) = crate::multipart::boundary(ct) else {
        return (pairs(body), None);
    };
    let Ok(parts) = crate::multipart::parse(body, &boundary) else {
        return (Vec::new(), None);
    };
    let mut fields = Vec::new();
    let mut file = None;
    for part in parts {
        match part.filename {
            Some(_) if !part.data.is_empty() => {
                file = Some(String::from_utf8_lossy(&part.data).into_owned());
            }
            Some(_) => {}
            None => fields.push((part.name, String::from_utf8_lossy(&part.data).into_owned())),
        }
    }
    (fields, file)
}

/// Adds people and documents by a selection (`POST /o/{org}/breaches/{breach}/affected`).
pub async fn select(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleBreaches)?;
    let (p, file) = fields_and_file(&headers, &body);
    let value = |name: &str| first(&p, name).trim().to_owned();
    let selection = match value("by").as_str() {
        "search" => match value("q") {
            q if q.is_empty() => Err(invalid("q", "choose one")),
            q => Ok(AffectedSelection::Search(q)),
        },
        "tag" => Ok(AffectedSelection::Tag(value("tag"))),
        "kind" => value("kind")
            .parse::<RelationKind>()
            .map(AffectedSelection::Kind)
            .map_err(|_| invalid("kind", "choose one")),
        "activity" => match value("activity") {
            a if a.is_empty() => Err(invalid("activity", "choose one")),
            a => Ok(AffectedSelection::Activity(a)),
        },
        "folder" => Ok(AffectedSelection::Folder(value("folder"))),
        "identifiers" => {
            let mut list = first(&p, "identifiers");
            if let Some(f) = file {
                list.push('\n');
                list.push_str(&f);
            }
            Ok(AffectedSelection::Identifiers(list))
        }
        "relations" => Ok(AffectedSelection::Relations(every(&p, "relation"))),
        "documents" => Ok(AffectedSelection::Documents(every(&p, "document"))),
        _ => Err(invalid("by", "choose one")),
    };
    let result = match selection {
        Ok(s) => web.app.select_affected(&o.actor, &id, &s).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(out) => Ok(see_other(&format!(
            "/o/{}/breaches/{}?added={}&documents={}&unmatched={}#affected",
            o.org_slug,
            id.trim(),
            out.relations_added,
            out.documents_added,
            out.unmatched
        ))),
        Err(e) => answer(&web, &o, &id, Err(e), "", |_| {}).await,
    }
}

/// Removes a person or document by hand, or adds one back (`POST …/affected/correct`).
pub async fn correct(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleBreaches)?;
    let p = pairs(&body);
    let target = match first(&p, "target").trim() {
        "relation" => Ok(AffectedTarget::Relation(first(&p, "id"))),
        "document" => Ok(AffectedTarget::Document(first(&p, "id"))),
        _ => Err(invalid("target", "choose one")),
    };
    let affected = first(&p, "affected").trim() == "1";
    let result = match target {
        Ok(t) => web
            .app
            .correct_affected(&o.actor, &id, &t, affected)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    answer(&web, &o, &id, result, "breach-corrected", |_| {}).await
}

/// Takes the decision (`POST …/decision`).
pub async fn decide(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleBreaches)?;
    let form = DecisionForm::from_pairs(&pairs(&body));
    let result = match form.input() {
        Ok(input) => web.app.decide_breach(&o.actor, &id, &input).await,
        Err(e) => Err(e),
    };
    answer(&web, &o, &id, result, "breach-decided", |r| {
        r.decision = Some(form)
    })
    .await
}

/// Records a notification to the authority (`POST …/notifications`).
pub async fn notify(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleBreaches)?;
    let v = web.app.breach(&o.actor, &id).await?;
    let p = pairs(&body);
    let input = (|| {
        Ok::<_, AppError>(NotificationInput {
            phase: first(&p, "phase")
                .trim()
                .parse()
                .map_err(|_| invalid("phase", "choose one"))?,
            sent_at: parse_moment("sent_at", &first(&p, "sent_at"), v.jurisdiction)?,
            reference: Some(first(&p, "reference")).filter(|r| !r.trim().is_empty()),
            delay_reason: Some(first(&p, "delay_reason")).filter(|r| !r.trim().is_empty()),
        })
    })();
    let result = match input {
        Ok(i) => web.app.record_breach_notification(&o.actor, &id, &i).await,
        Err(e) => Err(e),
    };
    answer(&web, &o, &id, result, "breach-notified", |_| {}).await
}

/// Records that the people were told (`POST …/people-told`).
pub async fn people_told(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleBreaches)?;
    let v = web.app.breach(&o.actor, &id).await?;
    let p = pairs(&body);
    let result = match parse_moment("told_at", &first(&p, "told_at"), v.jurisdiction) {
        Ok(at) => {
            web.app
                .record_people_told(&o.actor, &id, at, &first(&p, "how"))
                .await
        }
        Err(e) => Err(e),
    };
    answer(&web, &o, &id, result, "breach-people-told", |_| {}).await
}

/// Adds an entry to the timeline (`POST …/events`).
pub async fn add_event(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleBreaches)?;
    let v = web.app.breach(&o.actor, &id).await?;
    let p = pairs(&body);
    let result = match parse_moment("at", &first(&p, "at"), v.jurisdiction) {
        Ok(at) => {
            web.app
                .add_breach_event(&o.actor, &id, at, &first(&p, "note"))
                .await
        }
        Err(e) => Err(e),
    };
    answer(&web, &o, &id, result, "breach-event-added", |_| {}).await
}

/// Closes the breach (`POST …/close`).
pub async fn close(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleBreaches)?;
    let result = web.app.close_breach(&o.actor, &id).await;
    answer(&web, &o, &id, result, "breach-closed", |_| {}).await
}

/// The people to write to as CSV: name, e-mail address, relation id; formula-escaped (`GET …/recipients.csv`).
pub async fn recipients_csv(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleBreaches)?;
    let tr = o.ctx.tr();
    let v = web.app.breach(&o.actor, &id).await?;
    let recipients = web
        .app
        .breach_letter_recipients(&o.actor, &v.summary.id)
        .await?;
    let csv = (|| {
        let mut w = kluis_import::CsvWriter::new(Vec::new(), b';')?;
        w.write_row(&[
            tr.t("breach-csv-name"),
            tr.t("breach-csv-email"),
            tr.t("breach-csv-relation"),
        ])?;
        for r in &recipients {
            w.write_row(&[
                r.name.as_str(),
                r.email.as_deref().unwrap_or(""),
                r.relation_id.as_str(),
            ])?;
        }
        w.finish()
    })()
    .map_err(|e| WebError::from(AppError::Internal(e.into())))?;
    Ok(crate::download::download_response(
        &format!("breach-{}-recipients.csv", v.summary.reference),
        "text/csv; charset=utf-8",
        csv,
    ))
}

// ---------------------------------------------------------------------------------------------------------------
// The processor's public report page

/// The processor's form values, kept when a value is refused.
#[derive(Default)]
pub struct ReportForm {
    pub summary: String,
    pub started_at: String,
    pub discovered_at: String,
    pub events: Vec<String>,
    pub cause: String,
    pub people_estimate: String,
    pub measures_after: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "breaches/public.html")]
pub(crate) struct PublicPage {
    lang: &'static str,
    tr: Tr,
    org_name: String,
    processor: String,
    action: String,
    csrf: String,
    form: ReportForm,
    events: Vec<Opt>,
    causes: Vec<Opt>,
    error: Option<String>,
    /// The reference of the breach just reported; `Some("")` when a robot filled in the honeypot.
    done: Option<String>,
    refused: Option<String>,
}

fn refusal_page(ctx: &Ctx, r: LinkRefusal) -> Response {
    let tr = ctx.tr();
    let (status, key) = match r {
        LinkRefusal::Forged => (StatusCode::NOT_FOUND, "public-link-forged"),
        LinkRefusal::Expired => (StatusCode::GONE, "public-link-expired"),
    };
    let page = PublicPage {
        lang: ctx.lang.code(),
        tr,
        org_name: String::new(),
        processor: String::new(),
        action: String::new(),
        csrf: String::new(),
        form: ReportForm::default(),
        events: Vec::new(),
        causes: Vec::new(),
        error: None,
        done: None,
        refused: Some(tr.t(key).to_owned()),
    };
    (status, page).into_response()
}

async fn public_page(
    web: &Web,
    ctx: &Ctx,
    slug: &str,
    token: &str,
    form: ReportForm,
    error: Option<String>,
    done: Option<String>,
) -> Result<Response, WebError> {
    let tr = ctx.tr();
    let (actor, _, processor) = match web.app.breach_processor(slug, token, &ctx.origin).await? {
        Ok(x) => x,
        Err(r) => return Ok(refusal_page(ctx, r)),
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = PublicPage {
        lang: ctx.lang.code(),
        tr,
        org_name: actor.org.name.clone(),
        processor,
        action: format!("/p/{}/breach-report/{}", actor.org.slug, token.trim()),
        csrf: ctx.csrf.clone(),
        events: opts(
            DataEvent::ALL.iter().copied(),
            DataEvent::as_str,
            |e| label(tr, "breach-event", e.as_str()),
            &form.events,
        ),
        causes: opts(
            BreachCause::ALL.iter().copied(),
            BreachCause::as_str,
            |c| label(tr, "breach-cause", c.as_str()),
            std::slice::from_ref(&form.cause),
        ),
        form,
        error,
        done,
        refused: None,
    };
    Ok((status, page).into_response())
}

pub async fn public_form(
    State(web): State<Web>,
    ctx: Ctx,
    Path((slug, token)): Path<(String, String)>,
) -> Result<Response, WebError> {
    public_page(&web, &ctx, &slug, &token, ReportForm::default(), None, None).await
}

pub async fn public_submit(
    State(web): State<Web>,
    ctx: Ctx,
    Path((slug, token)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let tr = ctx.tr();
    let p = pairs(&body);
    let form = ReportForm {
        summary: first(&p, "summary"),
        started_at: first(&p, "started_at"),
        discovered_at: first(&p, "discovered_at"),
        events: every(&p, "events"),
        cause: first(&p, "cause"),
        people_estimate: first(&p, "people_estimate"),
        measures_after: first(&p, "measures_after"),
        contact_name: first(&p, "contact_name"),
        contact_email: first(&p, "contact_email"),
        contact_phone: first(&p, "contact_phone"),
    };
    // The honeypot: a field people never see and robots fill in. Told it went well, stored nowhere.
    if !first(&p, "website").trim().is_empty() {
        return public_page(
            &web,
            &ctx,
            &slug,
            &token,
            ReportForm::default(),
            None,
            Some(String::new()),
        )
        .await;
    }
    let (actor, _, _) = match web.app.breach_processor(&slug, &token, &ctx.origin).await? {
        Ok(x) => x,
        Err(r) => return Ok(refusal_page(&ctx, r)),
    };
    // The processor types moments on the organisation's calendar, as its members do.
    let j = web
        .app
        .profile(&actor)
        .await?
        .profile
        .jurisdiction
        .unwrap_or(Jurisdiction::Nl);
    let report = (|| {
        Ok::<_, AppError>(ProcessorReport {
            summary: form.summary.clone(),
            discovered_at: parse_moment("discovered_at", &form.discovered_at, j)?,
            started_at: parse_moment("started_at", &form.started_at, j)?,
            events: parse_all::<DataEvent>("events", &form.events)?,
            cause: match form.cause.trim() {
                "" => None,
                c => Some(
                    c.parse()
                        .map_err(|_| invalid("cause", "not one of the choices"))?,
                ),
            },
            people_estimate: parse_count("people_estimate", &form.people_estimate)?,
            measures_after: form.measures_after.clone(),
            contact_name: form.contact_name.clone(),
            contact_email: form.contact_email.clone(),
            contact_phone: form.contact_phone.clone(),
        })
    })();
    let result = match report {
        Ok(r) => {
            web.app
                .report_breach_as_processor(&slug, &token, &r, &ctx.origin)
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(Ok(reference)) => {
            public_page(
                &web,
                &ctx,
                &slug,
                &token,
                ReportForm::default(),
                None,
                Some(reference),
            )
            .await
        }
        Ok(Err(r)) => Ok(refusal_page(&ctx, r)),
        Err(AppError::Invalid { field, message }) => {
            // The processor's form asks what happened to the data, not the nature it is derived from.
            let field = if field == "nature" { "events" } else { field };
            let text = error_text(tr, &AppError::Invalid { field, message });
            public_page(&web, &ctx, &slug, &token, form, Some(text), None).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The dashboard's card

/// An open breach as the dashboard shows it.
pub struct DashboardBreach {
    pub href: String,
    pub reference: String,
    pub countdown: Countdown,
    pub issues: Vec<String>,
}

/// The open breaches with their countdowns, for the dashboard (empty when there are none).
pub(crate) async fn dashboard_breaches(
    web: &Web,
    o: &OrgCtx,
) -> Result<Vec<DashboardBreach>, WebError> {
    if !o.actor.role.allows(Permission::Read) {
        return Ok(Vec::new());
    }
    let open = web.app.open_breaches(&o.actor).await?;
    if open.is_empty() {
        return Ok(Vec::new());
    }
    let tr = o.ctx.tr();
    let j = jurisdiction_of(web, o).await?;
    Ok(open
        .iter()
        .map(|s| DashboardBreach {
            href: format!("/o/{}/breaches/{}", o.org_slug, s.id),
            reference: s.reference.clone(),
            countdown: countdown(tr, s, j),
            issues: s.open_issues.iter().map(|i| issue_label(tr, i)).collect(),
        })
        .collect())
}
