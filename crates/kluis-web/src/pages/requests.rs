//! The data-subject requests pages: the list with deadlines, registering a request, and one request with its
//! steps and history.
//!
//! Every decision about who may do what, and which step the request's state allows, is the application's; the
//! pages only leave out forms a role cannot use. A refused step comes back to the request as a flash key, so
//! a failed step shows (and decrypts) nothing of its own.

use super::{require, see_other};
use crate::backend::AppError;
use crate::context::OrgCtx;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::nav::{Chrome, Flash};
use crate::{Routes, Web};
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kluis_app::{NewRequest, RequestStep, RequestSummary};
use kluis_domain::Permission;
use kluis_domain::relations::requests::{
    DeadlineView, RefusalGround, RequestChannel, RequestKind, RequestStatus, VerificationMethod,
};
use time::{Date, PrimitiveDateTime, Time};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/o/{org}/requests", list)
        .get("/o/{org}/requests/new", new_form)
        .post("/o/{org}/requests", create)
        .get("/o/{org}/requests/{request}", detail)
        .post("/o/{org}/requests/{request}/steps", step)
}

fn invalid(field: &'static str, message: &str) -> AppError {
    AppError::Invalid {
        field,
        message: message.into(),
    }
}

fn parse_date(field: &'static str, v: &str) -> Result<Date, AppError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(v.trim(), &format).map_err(|_| invalid(field, "not a date"))
}

/// The step a form or API body asks for; values a step does not use are ignored.
pub(crate) fn step_from(
    step: &str,
    method: &str,
    note: &str,
    notice_sent_on: &str,
    reason: &str,
    ground: &str,
) -> Result<RequestStep, AppError> {
    Ok(match step.trim() {
        "verify_identity" => RequestStep::VerifyIdentity {
            method: method
                .trim()
                .parse::<VerificationMethod>()
                .map_err(|_| invalid("method", "choose how the identity was verified"))?,
            note: note.to_owned(),
        },
        "extend" => RequestStep::Extend {
            notice_sent_on: parse_date("notice_sent_on", notice_sent_on)?,
            reason: reason.to_owned(),
        },
        "answer" => RequestStep::Answer,
        "refuse" => RequestStep::Refuse {
            ground: ground
                .trim()
                .parse::<RefusalGround>()
                .map_err(|_| invalid("ground", "choose the ground of the refusal"))?,
            reason: reason.to_owned(),
        },
        "withdraw" => RequestStep::Withdraw,
        _ => return Err(invalid("step", "not a step")),
    })
}

/// The form's date and optional time of receipt, on the organisation's calendar; `None` when left empty (now).
pub(crate) fn parse_received(
    date: &str,
    time: &str,
) -> Result<Option<PrimitiveDateTime>, AppError> {
    if date.trim().is_empty() {
        return Ok(None);
    }
    let day = parse_date("received_on", date)?;
    let at = match time.trim() {
        "" => Time::from_hms(12, 0, 0).unwrap_or(Time::MIDNIGHT),
        t => {
            let format = time::macros::format_description!("[hour]:[minute]");
            Time::parse(t, &format).map_err(|_| invalid("received_time", "not a time"))?
        }
    };
    Ok(Some(PrimitiveDateTime::new(day, at)))
}

/// The flash key (`error-<key>`) for a refused step.
fn step_error_key(e: &AppError) -> &'static str {
    match e {
        AppError::Invalid { field, message } => match *field {
            "notice_sent_on" if message.contains("too late") => "request-extension-too-late",
            "notice_sent_on" if message.contains("before") => "request-notice-before-receipt",
            "notice_sent_on" => "request-notice-date",
            "reason" => "request-reason-missing",
            "method" if message.contains("copy") => "request-method-id-copy",
            "justification" => "rights-error-justification",
            "method" => "request-method-missing",
            "ground" => "request-ground-missing",
            _ => "request-invalid",
        },
        AppError::Conflict(m) if m.contains("closed") => "request-closed",
        AppError::Conflict(m) if m.contains("already verified") => "request-already-verified",
        AppError::Conflict(m) if m.contains("already extended") => "request-already-extended",
        AppError::Conflict(m) if m.contains("verify") => "request-not-verified",
        _ => "request-changed",
    }
}

fn kind_label(tr: Tr, k: RequestKind) -> String {
    tr.t(&k.label_key()).to_owned()
}

fn dashed(s: &str) -> String {
    s.replace('_', "-")
}

fn status_label(tr: Tr, s: RequestStatus) -> String {
    tr.t(&format!("request-status-{}", dashed(s.as_str())))
        .to_owned()
}

/// The deadline badge: its CSS state and its words.
fn deadline_badge(tr: Tr, d: &DeadlineView) -> (&'static str, String) {
    match d {
        DeadlineView::Closed => ("closed", tr.t("request-deadline-closed").to_owned()),
        DeadlineView::Open { days_left, .. } => (
            "open",
            tr.t_with("request-deadline-open", &[("days", &days_left.to_string())]),
        ),
        DeadlineView::DueSoon { days_left, .. } => (
            "due-soon",
            tr.t_with(
                "request-deadline-due-soon",
                &[("days", &days_left.to_string())],
            ),
        ),
        DeadlineView::Overdue { days, .. } => (
            "overdue",
            tr.t_with("request-deadline-overdue", &[("days", &days.to_string())]),
        ),
    }
}

/// An option of a select.
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

fn options<T: Copy + PartialEq>(
    all: &[T],
    value: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> String,
    selected: Option<T>,
) -> Vec<Opt> {
    all.iter()
        .map(|&x| Opt {
            value: value(x).to_owned(),
            label: label(x),
            selected: selected == Some(x),
        })
        .collect()
}

/// A request as a row of the list.
pub struct Row {
    pub id: String,
    pub kind: String,
    pub article: &'static str,
    pub requester: String,
    pub received: String,
    pub due: String,
    pub status: String,
    pub deadline_state: &'static str,
    pub deadline: String,
}

fn row(tr: Tr, s: &RequestSummary) -> Row {
    let (deadline_state, deadline) = deadline_badge(tr, &s.deadline);
    Row {
        id: s.id.clone(),
        kind: kind_label(tr, s.kind),
        article: s.kind.article(),
        requester: s.requester_name.clone(),
        received: tr.date(s.received_on),
        due: tr.date(s.due_on),
        status: status_label(tr, s.status),
        deadline_state,
        deadline,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "requests/list.html")]
pub(crate) struct ListPage {
    c: Chrome,
    org: String,
    rows: Vec<Row>,
    statuses: Vec<Opt>,
    can_register: bool,
}

#[derive(serde::Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
    notice: Option<String>,
    error: Option<String>,
}

pub async fn list(
    State(web): State<Web>,
    o: OrgCtx,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let status = q.status.trim().parse::<RequestStatus>().ok();
    let rows = web.app.requests(&o.actor, status).await?;
    let flash = Flash {
        notice: q.notice,
        error: q.error,
    };
    let page = ListPage {
        c: Chrome::org(&o, "requests-title", "requests", &flash),
        org: o.org_slug.clone(),
        rows: rows.iter().map(|r| row(tr, r)).collect(),
        statuses: options(
            RequestStatus::ALL,
            RequestStatus::as_str,
            |s| status_label(tr, s),
            status,
        ),
        can_register: o.actor.role.allows(Permission::Write),
    };
    Ok(page.into_response())
}

/// The registration form's values, kept when a value is refused.
#[derive(Default)]
pub struct RequestForm {
    pub kind: String,
    pub channel: String,
    pub requester_name: String,
    pub requester_email: String,
    pub received_on: String,
    pub received_time: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "requests/new.html")]
pub(crate) struct NewPage {
    c: Chrome,
    org: String,
    form: RequestForm,
    kinds: Vec<Opt>,
    channels: Vec<Opt>,
}

/// The channels a member registers a request from (the public form and the API register their own).
const FORM_CHANNELS: &[RequestChannel] = &[
    RequestChannel::Ui,
    RequestChannel::Email,
    RequestChannel::Letter,
];

fn new_page(o: &OrgCtx, form: RequestForm, error: Option<String>) -> Response {
    let tr = o.ctx.tr();
    let mut c = Chrome::org(o, "requests-new-title", "requests", &Flash::default());
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    c.error = error;
    let kind = form.kind.parse::<RequestKind>().ok();
    let channel = form.channel.parse::<RequestChannel>().ok();
    let page = NewPage {
        c,
        org: o.org_slug.clone(),
        kinds: options(
            RequestKind::ALL,
            RequestKind::as_str,
            |k| format!("{} ({})", kind_label(tr, k), k.article()),
            kind,
        ),
        channels: options(
            FORM_CHANNELS,
            RequestChannel::as_str,
            |ch| {
                tr.t(&format!("request-channel-{}", dashed(ch.as_str())))
                    .to_owned()
            },
            channel,
        ),
        form,
    };
    (status, page).into_response()
}

pub async fn new_form(o: OrgCtx) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    Ok(new_page(&o, RequestForm::default(), None))
}

fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn first(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or(String::new(), |(_, v)| v.clone())
}

/// A refused registration value in the reader's language.
fn create_error(tr: Tr, e: &AppError) -> String {
    let key = match e {
        AppError::Invalid { field, .. } => match *field {
            "kind" => "requests-error-kind",
            "channel" => "requests-error-channel",
            "requester_name" => "requests-error-name",
            "requester_email" => "requests-error-email",
            "received_on" | "received_time" => "requests-error-received",
            "received_at" => "requests-error-future",
            _ => "error-invalid-value",
        },
        _ => "error-500-text",
    };
    tr.t(key).to_owned()
}

pub async fn create(State(web): State<Web>, o: OrgCtx, body: Bytes) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let tr = o.ctx.tr();
    let pairs = form_pairs(&body);
    let form = RequestForm {
        kind: first(&pairs, "kind"),
        channel: first(&pairs, "channel"),
        requester_name: first(&pairs, "requester_name"),
        requester_email: first(&pairs, "requester_email"),
        received_on: first(&pairs, "received_on"),
        received_time: first(&pairs, "received_time"),
    };
    let input = (|| {
        Ok::<_, AppError>(NewRequest {
            kind: form
                .kind
                .parse()
                .map_err(|_| invalid("kind", "choose the right"))?,
            channel: match form.channel.trim() {
                "" => RequestChannel::Ui,
                c => c.parse().map_err(|_| invalid("channel", "not a channel"))?,
            },
            requester_name: form.requester_name.clone(),
            requester_email: form.requester_email.clone(),
            received_at: None,
            received_local: parse_received(&form.received_on, &form.received_time)?,
            relation_id: None,
        })
    })();
    let input = match input {
        Ok(i) => i,
        Err(e) => return Ok(new_page(&o, form, Some(create_error(tr, &e)))),
    };
    match web.app.create_request(&o.actor, &input).await {
        Ok(id) => Ok(see_other(&format!(
            "/o/{}/requests/{id}?notice=request-registered",
            o.org_slug
        ))),
        Err(e @ AppError::Invalid { .. }) => Ok(new_page(&o, form, Some(create_error(tr, &e)))),
        Err(e) => Err(e.into()),
    }
}

/// One step of the history as the page shows it.
pub struct HistoryRow {
    pub at: String,
    pub from: String,
    pub to: String,
    pub reason: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "requests/detail.html")]
pub(crate) struct DetailPage {
    c: Chrome,
    org: String,
    id: String,
    row: Row,
    channel: String,
    email: String,
    received_at: String,
    closed: bool,
    verified: Option<String>,
    extension: Option<String>,
    refusal: Option<String>,
    extension_until: Option<String>,
    can_handle: bool,
    today: String,
    methods: Vec<Opt>,
    grounds: Vec<Opt>,
    history: Vec<HistoryRow>,
    // rights
    kind: String,
    relation_id: Option<String>,
    message: Option<String>,
    fields: Vec<Opt>,
    rectified: Option<(String, String)>,
    erasure: Option<String>,
}

/// The words of a history step's reason key: a method, a ground, a channel or the extension notice.
fn reason_label(tr: Tr, key: &str) -> String {
    let candidates = [
        format!("request-method-{}", dashed(key)),
        format!("request-ground-{}", dashed(key)),
        format!("request-channel-{}", dashed(key)),
        format!("request-reason-{}", dashed(key)),
    ];
    candidates
        .iter()
        .find_map(|k| crate::i18n::catalogue(tr.lang).get(k).cloned())
        .unwrap_or_default()
}

pub async fn detail(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let v = web.app.request(&o.actor, &id).await?;
    let method_label = |m: VerificationMethod| {
        tr.t(&format!("request-method-{}", dashed(m.as_str())))
            .to_owned()
    };
    let ground_label = |g: RefusalGround| {
        format!(
            "{} ({})",
            tr.t(&format!("request-ground-{}", dashed(g.as_str()))),
            g.article()
        )
    };
    let mut c = Chrome::org(&o, "requests-detail-title", "requests", &flash);
    c.title = format!(
        "{} ({})",
        kind_label(tr, v.summary.kind),
        v.summary.kind.article()
    );
    let today = time::OffsetDateTime::now_utc().date().to_string();
    let page = DetailPage {
        c,
        org: o.org_slug.clone(),
        id: v.summary.id.clone(),
        row: row(tr, &v.summary),
        channel: tr
            .t(&format!(
                "request-channel-{}",
                dashed(v.summary.channel.as_str())
            ))
            .to_owned(),
        email: v.requester_email.clone(),
        received_at: tr.date_time_ms(v.summary.received_at_ms),
        closed: v.summary.status.is_closed(),
        verified: v.verification.as_ref().map(|x| {
            if x.note.is_empty() {
                method_label(x.method)
            } else {
                format!("{}: {}", method_label(x.method), x.note)
            }
        }),
        extension: v.extension.as_ref().map(|x| {
            tr.t_with(
                "request-extension-text",
                &[("date", &tr.date(x.notice_sent_on)), ("reason", &x.reason)],
            )
        }),
        refusal: v
            .refusal
            .as_ref()
            .map(|(g, r)| format!("{}: {r}", ground_label(*g))),
        extension_until: v
            .extension_possible_until
            .map(|d| tr.t_with("requests-extend-hint", &[("date", &tr.date(d))])),
        can_handle: o.actor.role.allows(Permission::HandleRequests),
        today,
        methods: options(
            // An ID copy needs its upload and purge, which this page does not offer yet.
            &[
                VerificationMethod::KnownChannel,
                VerificationMethod::EmailConfirmation,
                VerificationMethod::ControlQuestions,
                VerificationMethod::InPerson,
            ],
            VerificationMethod::as_str,
            method_label,
            None,
        ),
        grounds: options(
            RefusalGround::ALL,
            RefusalGround::as_str,
            ground_label,
            None,
        ),
        kind: v.summary.kind.as_str().to_owned(),
        relation_id: v.relation_id.clone(),
        message: v.message.clone(),
        fields: options(
            kluis_domain::relations::RelationField::ALL,
            kluis_domain::relations::RelationField::as_str,
            |f| tr.t(&f.label_key()).to_owned(),
            None,
        ),
        rectified: v.rectification.as_ref().map(|r| {
            let fields = r
                .fields
                .iter()
                .map(|f| {
                    f.parse::<kluis_domain::relations::RelationField>()
                        .map(|x| tr.t(&x.label_key()).to_owned())
                        .unwrap_or_else(|_| f.clone())
                })
                .collect::<Vec<_>>()
                .join(", ");
            let recipients = if r.recipients.is_empty() {
                tr.t("rights-recipients-none").to_owned()
            } else {
                r.recipients.join("; ")
            };
            (fields, recipients)
        }),
        erasure: v.erasure.as_ref().map(|e| {
            let kept = e.kept().count();
            tr.t_with(
                "rights-erasure-summary",
                &[
                    ("deleted", &(e.lines.len() - kept).to_string()),
                    ("kept", &kept.to_string()),
                ],
            )
        }),
        history: v
            .history
            .iter()
            .map(|h| HistoryRow {
                at: tr.date_time_ms(h.at_ms),
                from: h.from.map(|s| status_label(tr, s)).unwrap_or_default(),
                to: status_label(tr, h.to),
                reason: h
                    .reason_key
                    .as_deref()
                    .map(|k| reason_label(tr, k))
                    .unwrap_or_default(),
            })
            .collect(),
    };
    Ok(page.into_response())
}

pub async fn step(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleRequests)?;
    let pairs = form_pairs(&body);
    // Another organisation's request, or none: 404 before anything about the form is said.
    web.app.request_exists(&o.actor, &id).await?;
    let back = format!("/o/{}/requests/{}", o.org_slug, id.trim());
    let s = if first(&pairs, "step") == "verify_id_copy" {
        Ok(RequestStep::VerifyWithIdCopy {
            justification: first(&pairs, "justification"),
            masked: first(&pairs, "masked") == "1",
            note: first(&pairs, "note"),
        })
    } else {
        step_from(
            &first(&pairs, "step"),
            &first(&pairs, "method"),
            &first(&pairs, "note"),
            &first(&pairs, "notice_sent_on"),
            &first(&pairs, "reason"),
            &first(&pairs, "ground"),
        )
    };
    let result = match s {
        Ok(s) => web.app.request_step(&o.actor, &id, s).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("{back}?notice=request-step-done"))),
        Err(AppError::NotFound) => Err(AppError::NotFound.into()),
        Err(AppError::Forbidden) => Err(AppError::Forbidden.into()),
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict(_))) => {
            Ok(see_other(&format!("{back}?error={}", step_error_key(&e))))
        }
        Err(e) => Err(e.into()),
    }
}
