//! The DPIA pages: the list of DPIAs and of activities to screen, the screening form of an activity, one DPIA
//! with its sections, risk map, open items, validation blockers and versions, and the exchange with the CNIL's
//! PIA tool (upload, download).
//!
//! Answers imported from the CNIL tool contain HTML: templates show every text escaped, as text. What may be
//! done is the application's to decide; the pages only leave out forms a role cannot use.

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
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kluis_app::{
    ActivityDpiaState, DpiaPart, DpiaSummary, DpiaView, ScreeningEntry, blocker_key,
    dpia_is_validated, open_item_key, parse_point, point_key, screening_reason_text,
};
use kluis_domain::Permission;
use kluis_domain::dpia::assessment::{
    ActionPlan, Advice, Blocker, DpoOpinion, Estimate, Evaluation, EvaluationPoint,
    EvaluationStatus, OpenItem, PeopleViews, Question, Risk, RiskKind, RiskLevel, ValidationStatus,
};
use kluis_domain::dpia::screening::{
    Art35Case, BeListItem, NlListItem, Screening, ScreeningOutcome, Wp248Criterion,
};
use kluis_domain::register::{DpiaStatus, Jurisdiction};
use time::Date;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/o/{org}/dpia", list)
        .post("/o/{org}/dpia", create)
        .post("/o/{org}/dpia/import", import)
        .get("/o/{org}/dpia/screening/{activity}", screening_form)
        .post("/o/{org}/dpia/screening/{activity}", screen)
        .get("/o/{org}/dpia/{dpia}", detail)
        .post("/o/{org}/dpia/{dpia}", update)
        .post("/o/{org}/dpia/{dpia}/validate", validate)
        .get("/o/{org}/dpia/{dpia}/export", export)
}

fn dashed(s: &str) -> String {
    s.replace('_', "-")
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

fn all<'a>(pairs: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    pairs
        .iter()
        .filter(move |(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn invalid(field: &'static str, message: &str) -> AppError {
    AppError::Invalid {
        field,
        message: message.into(),
    }
}

/// The page's own flash, in this module's catalogue keys: `?done=saved` shows `dpia-page-notice-saved`, `?error=
/// title` shows `dpia-page-error-title` (the common `notice-`/`error-` keys are other modules'); unknown keys show
/// nothing.
#[derive(serde::Deserialize, Default)]
pub struct DpiaQuery {
    done: Option<String>,
    error: Option<String>,
    version: Option<i64>,
}

fn chrome(o: &OrgCtx, title_key: &str, q: &DpiaQuery) -> Chrome {
    let tr = o.ctx.tr();
    let mut c = Chrome::org(o, title_key, "dpia", &Flash::default());
    let known = |kind: &str, v: &Option<String>| {
        v.as_deref()
            .map(|k| format!("dpia-page-{kind}-{k}"))
            .filter(|k| tr.has(k))
            .map(|k| tr.t(&k).to_owned())
    };
    c.notice = known("notice", &q.done);
    c.error = known("error", &q.error);
    c
}

/// The flash key of a refused change.
fn error_key(e: &AppError) -> &'static str {
    match e {
        AppError::Invalid { field, message } => match *field {
            "title" => "title",
            "activity" => "activity",
            "justification" => "justification",
            "nl_list" | "be_list" => "foreign-list",
            "validation" => "validation",
            _ if message.starts_with("at most") => "too-long",
            _ => "invalid",
        },
        AppError::Conflict(_) => "changed",
        _ => "invalid",
    }
}

pub fn status_label(tr: Tr, s: ValidationStatus) -> String {
    tr.t(&format!("dpia-page-status-{}", dashed(s.as_str())))
        .to_owned()
}

fn dpia_status_label(tr: Tr, s: DpiaStatus) -> String {
    tr.t(&format!("activity-dpia-{}", dashed(s.as_str())))
        .to_owned()
}

fn risk_label(tr: Tr, k: RiskKind) -> String {
    tr.t(&format!("dpia-page-risk-{}", dashed(k.as_str())))
        .to_owned()
}

fn point_label(tr: Tr, d: &kluis_domain::dpia::assessment::Dpia, at: &EvaluationPoint) -> String {
    match at {
        EvaluationPoint::ContextOverview => tr.t("dpia-page-part-context-overview").to_owned(),
        EvaluationPoint::ContextData => tr.t("dpia-page-part-context-data").to_owned(),
        EvaluationPoint::Principle(q) => tr.t(&q.label_key()).to_owned(),
        EvaluationPoint::Measure(i) => tr.t_with(
            "dpia-page-part-measure",
            &[
                ("n", &(i + 1).to_string()),
                ("title", d.measures.get(*i).map_or("", |m| m.title.as_str())),
            ],
        ),
        EvaluationPoint::Risk(k) => risk_label(tr, *k),
    }
}

fn outcome_text(tr: Tr, o: &ScreeningOutcome) -> String {
    match o {
        ScreeningOutcome::Required { .. } => tr.t("dpia-page-outcome-required").to_owned(),
        ScreeningOutcome::NotRequiredJustified { criteria } => tr.t_with(
            "dpia-page-outcome-not-required-justified",
            &[("criteria", &criteria.to_string())],
        ),
        ScreeningOutcome::NotRequired { criteria } => tr.t_with(
            "dpia-page-outcome-not-required",
            &[("criteria", &criteria.to_string())],
        ),
    }
}

/// An option of a select.
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

fn level_opts(tr: Tr, current: Option<RiskLevel>) -> Vec<Opt> {
    let mut out = vec![Opt {
        value: String::new(),
        label: tr.t("dpia-page-level-none").to_owned(),
        selected: current.is_none(),
    }];
    out.extend(RiskLevel::ALL.iter().map(|l| Opt {
        value: l.get().to_string(),
        label: tr.t(&format!("dpia-page-level-{}", l.get())).to_owned(),
        selected: current == Some(*l),
    }));
    out
}

fn advice_opts(tr: Tr, current: Option<Advice>) -> Vec<Opt> {
    let mut out = vec![Opt {
        value: String::new(),
        label: tr.t("dpia-page-advice-none").to_owned(),
        selected: current.is_none(),
    }];
    out.extend(Advice::ALL.iter().map(|a| Opt {
        value: a.as_str().to_owned(),
        label: tr.t(&format!("dpia-page-advice-{}", a.as_str())).to_owned(),
        selected: current == Some(*a),
    }));
    out
}

// ---------------------------------------------------------------------------------------------------------
// The list

pub struct ListRow {
    pub id: String,
    pub title: String,
    pub activity: String,
    pub status: String,
    pub validated: bool,
    pub version: i64,
    pub open: usize,
    pub review: String,
    pub updated: String,
}

fn list_row(tr: Tr, s: &DpiaSummary, activities: &[ActivityDpiaState]) -> ListRow {
    ListRow {
        id: s.id.clone(),
        title: s.title.clone(),
        activity: s
            .activity_id
            .as_deref()
            .and_then(|a| activities.iter().find(|x| x.activity_id == a))
            .map(|a| a.name.clone())
            .unwrap_or_default(),
        status: status_label(tr, s.status),
        validated: dpia_is_validated(s.status),
        version: s.version,
        open: s.open_items,
        review: s.review_on.map(|d| tr.date(d)).unwrap_or_default(),
        updated: tr.date_time_ms(s.updated_at_ms),
    }
}

pub struct ActivityRow {
    pub id: String,
    pub name: String,
    pub dpia: String,
    pub attention: bool,
    pub required: bool,
    pub outcome: String,
    pub screened: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "dpia/list.html")]
pub(crate) struct ListPage {
    c: Chrome,
    org: String,
    rows: Vec<ListRow>,
    activities: Vec<ActivityRow>,
    can_edit: bool,
}

pub async fn list(
    State(web): State<Web>,
    o: OrgCtx,
    Query(q): Query<DpiaQuery>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let activities = web.app.dpia_activities(&o.actor).await?;
    let dpias = web.app.dpias(&o.actor).await?;
    let page = ListPage {
        c: chrome(&o, "dpia-page-title", &q),
        org: o.org_slug.clone(),
        rows: dpias.iter().map(|s| list_row(tr, s, &activities)).collect(),
        activities: activities
            .iter()
            .map(|a| ActivityRow {
                id: a.activity_id.clone(),
                name: a.name.clone(),
                dpia: dpia_status_label(tr, a.dpia),
                attention: a.needs_attention(),
                required: a.dpia == DpiaStatus::Required,
                outcome: a
                    .latest
                    .as_ref()
                    .map(|s| outcome_text(tr, &s.record.outcome))
                    .unwrap_or_default(),
                screened: a
                    .latest
                    .as_ref()
                    .map(|s| tr.date(s.record.screened_on))
                    .unwrap_or_default(),
            })
            .collect(),
        can_edit: o.actor.role.allows(Permission::ManageRegister),
    };
    Ok(page.into_response())
}

pub async fn create(State(web): State<Web>, o: OrgCtx, body: Bytes) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let pairs = form_pairs(&body);
    let activity = first(&pairs, "activity");
    let title = first(&pairs, "title");
    let back = format!("/o/{}/dpia", o.org_slug);
    match web
        .app
        .create_dpia(&o.actor, Some(activity.as_str()), &title, o.ctx.tr().lang)
        .await
    {
        Ok(v) => Ok(see_other(&format!("{back}/{}?done=created", v.id))),
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict(_))) => {
            Ok(see_other(&format!("{back}?error={}", error_key(&e))))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "dpia/imported.html")]
pub(crate) struct ImportedPage {
    c: Chrome,
    org: String,
    id: Option<String>,
    text: String,
    warnings: Vec<String>,
}

pub async fn import(
    State(web): State<Web>,
    o: OrgCtx,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let tr = o.ctx.tr();
    let ct = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let activity = crate::multipart::text_field(&body, ct, "activity").unwrap_or_default();
    let file = crate::multipart::upload_files(&headers, &body)
        .and_then(|f| f.into_iter().next())
        .filter(|f| !f.bytes.is_empty());
    let Some(file) = file else {
        return Ok(see_other(&format!(
            "/o/{}/dpia?error={}",
            o.org_slug, "file"
        )));
    };
    let refused = |detail: String| {
        let mut c = chrome(&o, "dpia-page-imported-title", &DpiaQuery::default());
        c.error = Some(tr.t_with("dpia-page-error-import", &[("detail", &detail)]));
        let page = ImportedPage {
            c,
            org: o.org_slug.clone(),
            id: None,
            text: String::new(),
            warnings: Vec::new(),
        };
        (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
    };
    match web
        .app
        .import_dpia(&o.actor, &file.bytes, Some(activity.as_str()))
        .await
    {
        Ok(i) => {
            let page = ImportedPage {
                c: chrome(&o, "dpia-page-imported-title", &DpiaQuery::default()),
                org: o.org_slug.clone(),
                text: tr.t_with("dpia-page-imported-text", &[("title", &i.view.dpia.title)]),
                id: Some(i.view.id),
                warnings: i.warnings,
            };
            Ok(page.into_response())
        }
        Err(AppError::Invalid { field, message }) => Ok(refused(if field == "file" {
            message
        } else {
            tr.t(&format!(
                "dpia-page-error-{}",
                error_key(&invalid(field, &message))
            ))
            .to_owned()
        })),
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Screening

pub struct ItemBox {
    pub name: &'static str,
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
    pub evidence: Option<String>,
}

pub struct HistoryRow {
    pub date: String,
    pub by: String,
    pub outcome: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "dpia/screening.html")]
pub(crate) struct ScreeningPage {
    c: Chrome,
    org: String,
    activity_id: String,
    activity_name: String,
    can_edit: bool,
    nl: Vec<ItemBox>,
    be: Vec<ItemBox>,
    art35: Vec<ItemBox>,
    wp248: Vec<ItemBox>,
    justification: String,
    notes: String,
    outcome: Option<String>,
    reasons: Vec<String>,
    history: Vec<HistoryRow>,
    dpias: Vec<ListRow>,
    can_start: bool,
}

/// The words for the register's evidence of a suggestion (a category, subject or purpose key).
fn evidence_label(tr: Tr, key: &str) -> String {
    if key == "automated_decisions" {
        return tr.t("dpia-page-evidence-automated-decisions").to_owned();
    }
    let part = key.replace(['.', '_'], "-");
    ["category", "subject", "purpose"]
        .iter()
        .map(|p| format!("{p}-{part}"))
        .find(|k| tr.has(k))
        .map_or_else(|| key.to_owned(), |k| tr.t(&k).to_owned())
}

fn boxes<T: Copy + Ord + 'static>(
    tr: Tr,
    name: &'static str,
    all: &'static [T],
    as_str: fn(T) -> &'static str,
    prefix: &str,
    chosen: &std::collections::BTreeSet<T>,
    suggested: &[kluis_domain::dpia::screening::Suggestion<T>],
) -> Vec<ItemBox> {
    all.iter()
        .map(|&x| {
            let evidence = suggested.iter().find(|s| s.item == x).map(|s| {
                let words: Vec<String> = s.evidence.iter().map(|e| evidence_label(tr, e)).collect();
                tr.t_with("dpia-page-suggested", &[("evidence", &words.join(", "))])
            });
            ItemBox {
                name,
                value: as_str(x),
                label: tr.t(&format!("{prefix}{}", dashed(as_str(x)))).to_owned(),
                checked: chosen.contains(&x),
                evidence,
            }
        })
        .collect()
}

pub async fn screening_form(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, activity)): Path<(String, String)>,
    Query(q): Query<DpiaQuery>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let f = web.app.dpia_screening_form(&o.actor, &activity).await?;
    let latest = f.history.first();
    // Before the first screening the register's suggestions are ticked; after it, the last answers.
    let chosen = match latest {
        Some(s) => s.record.screening.clone(),
        None => Screening {
            nl_list: f.suggestions.nl_list.iter().map(|s| s.item).collect(),
            be_list: f.suggestions.be_list.iter().map(|s| s.item).collect(),
            wp248: f.suggestions.wp248.iter().map(|s| s.item).collect(),
            ..Default::default()
        },
    };
    let mut c = chrome(&o, "dpia-page-screening-title", &q);
    c.title = format!(
        "{}: {}",
        tr.t("dpia-page-screening-title"),
        f.activity.activity.name
    );
    let activities = web.app.dpia_activities(&o.actor).await?;
    let page = ScreeningPage {
        org: o.org_slug.clone(),
        activity_id: f.activity.activity.id.to_string(),
        activity_name: f.activity.activity.name.clone(),
        can_edit: o.actor.role.allows(Permission::ManageRegister),
        nl: if f.jurisdiction == Some(Jurisdiction::Be) {
            Vec::new()
        } else {
            boxes(
                tr,
                "nl_list",
                NlListItem::ALL,
                NlListItem::as_str,
                "dpia-page-nl-",
                &chosen.nl_list,
                &f.suggestions.nl_list,
            )
        },
        be: if f.jurisdiction == Some(Jurisdiction::Nl) {
            Vec::new()
        } else {
            boxes(
                tr,
                "be_list",
                BeListItem::ALL,
                BeListItem::as_str,
                "dpia-page-be-",
                &chosen.be_list,
                &f.suggestions.be_list,
            )
        },
        art35: boxes(
            tr,
            "art35",
            Art35Case::ALL,
            Art35Case::as_str,
            "dpia-page-art35-",
            &chosen.art35,
            &[],
        ),
        wp248: boxes(
            tr,
            "wp248",
            Wp248Criterion::ALL,
            Wp248Criterion::as_str,
            "dpia-page-wp248-",
            &chosen.wp248,
            &f.suggestions.wp248,
        ),
        justification: chosen.justification.clone(),
        notes: chosen.notes.clone(),
        outcome: latest.map(|s| outcome_text(tr, &s.record.outcome)),
        reasons: match latest.map(|s| &s.record.outcome) {
            Some(ScreeningOutcome::Required { reasons }) => reasons
                .iter()
                .map(|r| screening_reason_text(tr, r))
                .collect(),
            _ => Vec::new(),
        },
        history: f.history.iter().map(|s| history_row(tr, s)).collect(),
        can_start: latest.is_some_and(|s| s.record.outcome.required())
            && o.actor.role.allows(Permission::ManageRegister),
        dpias: f
            .dpias
            .iter()
            .map(|s| list_row(tr, s, &activities))
            .collect(),
        c,
    };
    Ok(page.into_response())
}

fn history_row(tr: Tr, s: &ScreeningEntry) -> HistoryRow {
    HistoryRow {
        date: tr.date_time_ms(s.at_ms),
        by: s.actor.clone(),
        outcome: outcome_text(tr, &s.record.outcome),
    }
}

/// The screening a form or API body gives; unknown items are refused naming the list.
pub(crate) fn screening_from<'a>(
    nl: impl Iterator<Item = &'a str>,
    be: impl Iterator<Item = &'a str>,
    art35: impl Iterator<Item = &'a str>,
    wp248: impl Iterator<Item = &'a str>,
    justification: String,
    notes: String,
) -> Result<Screening, AppError> {
    fn set<T: std::str::FromStr + Ord>(
        field: &'static str,
        items: impl Iterator<Item = impl AsRef<str>>,
    ) -> Result<std::collections::BTreeSet<T>, AppError> {
        items
            .map(|i| {
                i.as_ref()
                    .trim()
                    .parse::<T>()
                    .map_err(|_| invalid(field, "not an item of this list"))
            })
            .collect()
    }
    Ok(Screening {
        nl_list: set("nl_list", nl)?,
        be_list: set("be_list", be)?,
        art35: set("art35", art35)?,
        wp248: set("wp248", wp248)?,
        justification,
        notes,
    })
}

pub async fn screen(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, activity)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let pairs = form_pairs(&body);
    // Another organisation's activity, or none: 404 before anything about the form is said.
    web.app.register_activity(&o.actor, &activity).await?;
    let back = format!("/o/{}/dpia/screening/{}", o.org_slug, activity.trim());
    let s = screening_from(
        all(&pairs, "nl_list"),
        all(&pairs, "be_list"),
        all(&pairs, "art35"),
        all(&pairs, "wp248"),
        first(&pairs, "justification"),
        first(&pairs, "notes"),
    );
    let result = match s {
        Ok(s) => web.app.screen_activity(&o.actor, &activity, s).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("{back}?done=screened"))),
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict(_))) => {
            Ok(see_other(&format!("{back}?error={}", error_key(&e))))
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------------------
// One DPIA

pub struct EvalForm {
    pub point: String,
    pub anchor: String,
    pub statuses: Vec<Opt>,
    pub comment: String,
    pub action: String,
    pub owner: String,
    pub due: String,
    pub residual: bool,
    pub res_severity: Vec<Opt>,
    pub res_likelihood: Vec<Opt>,
}

fn eval_form(tr: Tr, at: &EvaluationPoint, e: &Evaluation) -> EvalForm {
    let key = point_key(at);
    EvalForm {
        anchor: format!("eval-{}", key.replace('.', "-")),
        point: key,
        statuses: EvaluationStatus::ALL
            .iter()
            .map(|s| Opt {
                value: s.as_str().to_owned(),
                label: tr
                    .t(&format!("dpia-page-eval-{}", dashed(s.as_str())))
                    .to_owned(),
                selected: *s == e.status,
            })
            .collect(),
        comment: e.comment.clone(),
        action: e.action_plan.action.clone(),
        owner: e.action_plan.owner.clone(),
        due: e.action_plan.due.map(|d| d.to_string()).unwrap_or_default(),
        residual: matches!(at, EvaluationPoint::Risk(_)),
        res_severity: level_opts(tr, e.residual.severity),
        res_likelihood: level_opts(tr, e.residual.likelihood),
    }
}

pub struct QuestionForm {
    pub key: &'static str,
    pub label: String,
    pub text: String,
    pub eval: Option<EvalForm>,
}

pub struct MeasureForm {
    pub index: usize,
    pub title: String,
    pub content: String,
    /// Always there; an option so the template can bind it by reference.
    pub eval: Option<EvalForm>,
}

pub struct RiskForm {
    pub kind: &'static str,
    pub label: String,
    pub impacts: String,
    pub threats: String,
    pub sources: String,
    pub measures: String,
    pub severity: Vec<Opt>,
    pub likelihood: Vec<Opt>,
    pub severity_rationale: String,
    pub likelihood_rationale: String,
    /// Always there; an option so the template can bind it by reference.
    pub eval: Option<EvalForm>,
}

pub struct MapRow {
    pub label: String,
    pub before: String,
    pub before_high: bool,
    pub after: String,
    pub after_high: bool,
}

pub struct VersionRow {
    pub version: i64,
    pub at: String,
    pub by: String,
    pub note: String,
    pub current: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "dpia/detail.html")]
pub(crate) struct DetailPage {
    c: Chrome,
    org: String,
    id: String,
    can_edit: bool,
    old_version: Option<i64>,
    viewing: Option<String>,
    activity: Option<(String, String)>,
    status: String,
    validated_on: Option<String>,
    version: i64,
    updated: String,
    title: String,
    category: String,
    author: String,
    evaluator: String,
    validator: String,
    open_items: Vec<String>,
    blockers: Vec<String>,
    map: Vec<MapRow>,
    /// The risk map as an inline SVG (self-contained, every text escaped by kluis-export).
    map_svg: String,
    context: Vec<QuestionForm>,
    context_evals: Vec<EvalForm>,
    principles: Vec<QuestionForm>,
    measures: Vec<MeasureForm>,
    risks: Vec<RiskForm>,
    dpo_names: String,
    dpo_advice: Vec<Opt>,
    dpo_opinion: String,
    people_sought: bool,
    people_names: String,
    people_advice: Vec<Opt>,
    people_opinion: String,
    people_reason: String,
    review_on: String,
    prior_consultation: bool,
    prior_indicated: bool,
    versions: Vec<VersionRow>,
}

fn position_text(tr: Tr, p: Option<kluis_domain::dpia::assessment::MapPosition>) -> (String, bool) {
    match p {
        Some(p) => (
            tr.t_with(
                "dpia-page-map-cell",
                &[
                    ("severity", &p.severity.to_string()),
                    ("likelihood", &p.likelihood.to_string()),
                ],
            ),
            p.is_high(),
        ),
        None => (tr.t("dpia-page-map-not-estimated").to_owned(), false),
    }
}

fn open_text(tr: Tr, d: &kluis_domain::dpia::assessment::Dpia, item: &OpenItem) -> String {
    match item {
        OpenItem::Evaluation(at) => tr.t_with(
            "dpia-page-open-evaluation",
            &[("part", &point_label(tr, d, at))],
        ),
        OpenItem::OverdueAction(at) => tr.t_with(
            "dpia-page-open-overdue-action",
            &[("part", &point_label(tr, d, at))],
        ),
        OpenItem::Unestimated(k) => tr.t_with(
            "dpia-page-open-unestimated",
            &[("part", &risk_label(tr, *k))],
        ),
        OpenItem::PriorConsultation => tr.t("dpia-page-open-prior-consultation").to_owned(),
        OpenItem::ReviewDue => tr.t("dpia-page-open-review-due").to_owned(),
    }
}

fn blocker_text(tr: Tr, d: &kluis_domain::dpia::assessment::Dpia, b: &Blocker) -> String {
    match b {
        Blocker::Unevaluated(at) => tr.t_with(
            "dpia-page-blocker-unevaluated",
            &[("part", &point_label(tr, d, at))],
        ),
        Blocker::ToCorrect(at) => tr.t_with(
            "dpia-page-blocker-to-correct",
            &[("part", &point_label(tr, d, at))],
        ),
        Blocker::Unestimated(k) => tr.t_with(
            "dpia-page-blocker-unestimated",
            &[("part", &risk_label(tr, *k))],
        ),
        Blocker::DpoOpinion => tr.t("dpia-page-blocker-dpo").to_owned(),
        Blocker::PeopleViews => tr.t("dpia-page-blocker-people").to_owned(),
    }
}

fn detail_page(
    o: &OrgCtx,
    q: &DpiaQuery,
    v: &DpiaView,
    versions: Vec<kluis_app::DpiaVersionEntry>,
    current_version: i64,
    activity_name: Option<String>,
) -> DetailPage {
    let tr = o.ctx.tr();
    let d = &v.dpia;
    let mut c = chrome(o, "dpia-page-title", q);
    c.title = d.title.clone();
    let question = |q: Question, eval: bool| QuestionForm {
        key: q.as_str(),
        label: tr.t(&q.label_key()).to_owned(),
        text: d.text(q).to_owned(),
        eval: eval
            .then(|| d.principles.answer(q))
            .flatten()
            .map(|a| eval_form(tr, &EvaluationPoint::Principle(q), &a.evaluation)),
    };
    let old_version = (v.version != current_version).then_some(v.version);
    DetailPage {
        org: o.org_slug.clone(),
        id: v.id.clone(),
        can_edit: o.actor.role.allows(Permission::ManageRegister) && old_version.is_none(),
        old_version,
        viewing: old_version
            .map(|n| tr.t_with("dpia-page-viewing-version", &[("version", &n.to_string())])),
        activity: d.activity.map(|a| {
            (
                a.to_string(),
                activity_name.unwrap_or_else(|| a.to_string()),
            )
        }),
        status: status_label(tr, d.validation.status),
        validated_on: d
            .validation
            .validated_on
            .map(|on| tr.t_with("dpia-page-validated-on", &[("date", &tr.date(on))])),
        version: v.version,
        updated: tr.date_time_ms(v.updated_at_ms),
        title: d.title.clone(),
        category: d.category.clone(),
        author: d.author.clone(),
        evaluator: d.evaluator.clone(),
        validator: d.validator.clone(),
        open_items: v.open_items.iter().map(|i| open_text(tr, d, i)).collect(),
        blockers: v.blockers.iter().map(|b| blocker_text(tr, d, b)).collect(),
        map_svg: kluis_export::risk_map_svg(d, tr.lang),
        map: v
            .risk_map
            .iter()
            .map(|e| {
                let (before, before_high) = position_text(tr, e.before);
                let (after, after_high) = position_text(tr, e.after);
                MapRow {
                    label: risk_label(tr, e.kind),
                    before,
                    before_high,
                    after,
                    after_high,
                }
            })
            .collect(),
        context: Question::ALL
            .iter()
            .filter(|q| q.is_context())
            .map(|q| question(*q, false))
            .collect(),
        context_evals: vec![
            eval_form(
                tr,
                &EvaluationPoint::ContextOverview,
                &d.context.overview_evaluation,
            ),
            eval_form(
                tr,
                &EvaluationPoint::ContextData,
                &d.context.data_evaluation,
            ),
        ],
        principles: Question::ALL
            .iter()
            .filter(|q| !q.is_context())
            .map(|q| question(*q, true))
            .collect(),
        measures: d
            .measures
            .iter()
            .enumerate()
            .map(|(i, m)| MeasureForm {
                index: i,
                title: m.title.clone(),
                content: m.content.clone(),
                eval: Some(eval_form(tr, &EvaluationPoint::Measure(i), &m.evaluation)),
            })
            .collect(),
        risks: RiskKind::ALL
            .iter()
            .map(|&k| {
                let r = d.risks.get(k);
                RiskForm {
                    kind: k.as_str(),
                    label: risk_label(tr, k),
                    impacts: r.impacts.join("\n"),
                    threats: r.threats.join("\n"),
                    sources: r.sources.join("\n"),
                    measures: r.measures.join("\n"),
                    severity: level_opts(tr, r.estimate.severity),
                    likelihood: level_opts(tr, r.estimate.likelihood),
                    severity_rationale: r.severity_rationale.clone(),
                    likelihood_rationale: r.likelihood_rationale.clone(),
                    eval: Some(eval_form(tr, &EvaluationPoint::Risk(k), &r.evaluation)),
                }
            })
            .collect(),
        dpo_names: d.dpo.names.clone(),
        dpo_advice: advice_opts(tr, d.dpo.advice),
        dpo_opinion: d.dpo.opinion.clone(),
        people_sought: d.people.sought,
        people_names: d.people.names.clone(),
        people_advice: advice_opts(tr, d.people.advice),
        people_opinion: d.people.opinion.clone(),
        people_reason: d.people.not_sought_reason.clone(),
        review_on: d.review_on.map(|r| r.to_string()).unwrap_or_default(),
        prior_consultation: d.prior_consultation,
        prior_indicated: v.prior_consultation_indicated,
        versions: versions
            .into_iter()
            .rev()
            .map(|e| VersionRow {
                current: e.version == v.version,
                version: e.version,
                at: tr.date_time_ms(e.at_ms),
                by: e.actor,
                note: e.note,
            })
            .collect(),
        c,
    }
}

pub async fn detail(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    Query(q): Query<DpiaQuery>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let current = web.app.dpia(&o.actor, &id).await?;
    let v = match q.version {
        Some(n) if n != current.version => web.app.dpia_at_version(&o.actor, &id, n).await?,
        _ => current.clone(),
    };
    let versions = web.app.dpia_versions(&o.actor, &id).await?;
    let activity_name = match v.dpia.activity {
        Some(a) => web
            .app
            .register_activity(&o.actor, &a.to_string())
            .await
            .ok()
            .map(|x| x.activity.name),
        None => None,
    };
    Ok(detail_page(&o, &q, &v, versions, current.version, activity_name).into_response())
}

fn parse_date(field: &'static str, v: &str) -> Result<Option<Date>, AppError> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(v, &format)
        .map(Some)
        .map_err(|_| invalid(field, "not a date"))
}

fn parse_level(field: &'static str, v: &str) -> Result<Option<RiskLevel>, AppError> {
    match v.trim() {
        "" => Ok(None),
        s => s
            .parse::<u8>()
            .ok()
            .and_then(RiskLevel::new)
            .map(Some)
            .ok_or_else(|| invalid(field, "a level is 1 to 4")),
    }
}

fn parse_advice(field: &'static str, v: &str) -> Result<Option<Advice>, AppError> {
    match v.trim() {
        "" => Ok(None),
        s => s
            .parse()
            .map(Some)
            .map_err(|_| invalid(field, "favourable or unfavourable")),
    }
}

fn lines(v: &str) -> Vec<String> {
    v.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The part a form posts (field `part`, and that part's fields).
fn part_from(pairs: &[(String, String)]) -> Result<DpiaPart, AppError> {
    let f = |n: &str| first(pairs, n);
    let index = |n: &str| {
        f(n).trim()
            .parse::<usize>()
            .map_err(|_| invalid("index", "there is no such measure"))
    };
    Ok(match f("part").as_str() {
        "header" => DpiaPart::Header {
            title: f("title"),
            category: f("category"),
            author: f("author"),
            evaluator: f("evaluator"),
            validator: f("validator"),
        },
        "answer" => DpiaPart::Answer {
            question: f("question")
                .parse()
                .map_err(|_| invalid("question", "not a question"))?,
            text: f("text"),
        },
        "evaluation" => DpiaPart::Evaluation {
            at: parse_point(&f("point")).ok_or_else(|| invalid("point", "not a part"))?,
            evaluation: Evaluation {
                status: f("status")
                    .parse()
                    .map_err(|_| invalid("status", "not a verdict"))?,
                comment: f("comment"),
                action_plan: ActionPlan {
                    action: f("action").trim().to_owned(),
                    owner: f("owner").trim().to_owned(),
                    due: parse_date("due", &f("due"))?,
                },
                residual: Estimate {
                    severity: parse_level("residual_severity", &f("residual_severity"))?,
                    likelihood: parse_level("residual_likelihood", &f("residual_likelihood"))?,
                },
                tool_progress: None,
            },
        },
        "measure" => DpiaPart::Measure {
            index: match f("index").trim() {
                "" => None,
                _ => Some(index("index")?),
            },
            title: f("title"),
            content: f("content"),
        },
        "measure_remove" => DpiaPart::MeasureRemove {
            index: index("index")?,
        },
        "risk" => DpiaPart::Risk {
            kind: f("kind")
                .parse()
                .map_err(|_| invalid("kind", "not a risk"))?,
            risk: Risk {
                impacts: lines(&f("impacts")),
                threats: lines(&f("threats")),
                sources: lines(&f("sources")),
                measures: lines(&f("measures")),
                estimate: Estimate {
                    severity: parse_level("severity", &f("severity"))?,
                    likelihood: parse_level("likelihood", &f("likelihood"))?,
                },
                severity_rationale: f("severity_rationale"),
                likelihood_rationale: f("likelihood_rationale"),
                evaluation: Evaluation::default(),
            },
        },
        "dpo" => DpiaPart::Dpo(DpoOpinion {
            names: f("names").trim().to_owned(),
            advice: parse_advice("advice", &f("advice"))?,
            opinion: f("opinion"),
        }),
        "people" => DpiaPart::People(PeopleViews {
            sought: f("sought") == "1",
            names: f("names").trim().to_owned(),
            advice: parse_advice("advice", &f("advice"))?,
            opinion: f("opinion"),
            not_sought_reason: f("not_sought_reason"),
        }),
        "review" => DpiaPart::Review {
            review_on: parse_date("review_on", &f("review_on"))?,
            prior_consultation: f("prior_consultation") == "1",
        },
        _ => return Err(invalid("part", "not a part of the DPIA")),
    })
}

pub async fn update(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    // Another organisation's DPIA, or none: 404 before anything about the form is said.
    web.app.dpia(&o.actor, &id).await?;
    let pairs = form_pairs(&body);
    let back = format!("/o/{}/dpia/{}", o.org_slug, id.trim());
    let anchor = match first(&pairs, "anchor") {
        a if !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') => {
            format!("#{a}")
        }
        _ => String::new(),
    };
    let result = match part_from(&pairs) {
        Ok(part) => web.app.update_dpia(&o.actor, &id, part).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(see_other(&format!("{back}?done=saved{anchor}"))),
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict(_))) => Ok(see_other(&format!(
            "{back}?error={}{anchor}",
            error_key(&e)
        ))),
        Err(e) => Err(e.into()),
    }
}

pub async fn validate(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    web.app.dpia(&o.actor, &id).await?;
    let pairs = form_pairs(&body);
    let back = format!("/o/{}/dpia/{}", o.org_slug, id.trim());
    match web
        .app
        .validate_dpia(&o.actor, &id, first(&pairs, "signed") == "1")
        .await
    {
        Ok(_) => Ok(see_other(&format!("{back}?done=validated"))),
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict(_))) => Ok(see_other(&format!(
            "{back}?error={}#validation",
            error_key(&e)
        ))),
        Err(e) => Err(e.into()),
    }
}

#[derive(serde::Deserialize)]
pub struct ExportQuery {
    format: Option<String>,
}

pub async fn export(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    Query(q): Query<ExportQuery>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    if q.format.as_deref() == Some("pdf") {
        let (name, bytes) = web.app.export_dpia_pdf(&o.actor, &id, o.ctx.lang).await?;
        return Ok(crate::download::download_response(
            &name,
            "application/pdf",
            bytes,
        ));
    }
    let (name, bytes) = web.app.export_dpia(&o.actor, &id).await?;
    Ok(crate::download::download_response(
        &name,
        "application/json",
        bytes,
    ))
}

/// Keys of open items and blockers for the API (the pages word them).
pub(crate) fn item_keys(v: &DpiaView) -> (Vec<String>, Vec<String>) {
    (
        v.open_items.iter().map(open_item_key).collect(),
        v.blockers.iter().map(blocker_key).collect(),
    )
}
