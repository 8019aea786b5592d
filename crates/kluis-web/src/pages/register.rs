//! The register's pages: the list of processing activities (with a status filter and the register as it stood on
//! a past date), the starter library (one click makes a draft), the activity page with every Art. 30 field, the
//! status block (activate, end, delete a draft) and the history of changes.
//!
//! Every decision about who may do what is the application's; the pages leave out forms a role cannot use, so
//! staff and auditors see the register read-only.

use super::require;
use super::see_other;
use crate::backend::{ActivityHistoryEntry, ActivitySummary, ActivityView, AppError, StatusChange};
use crate::context::OrgCtx;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::nav::{Chrome, Flash};
use crate::{Routes, Web};
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use kluis_domain::Permission;
use kluis_domain::legal_basis::{LawfulBasis, SpecialCategoryGround};
use kluis_domain::register::measures::MEASURES;
use kluis_domain::register::rules::activity_field_label_key;
use kluis_domain::register::starter::{TEMPLATES, Template as StarterTemplate};
use kluis_domain::register::{
    ActivityStatus, DataCategory, DataSubjectCategory, DpiaStatus, Period, PeriodUnit,
    ProcessingActivity, Purpose, RetentionAction, RetentionRule, RetentionStart, Transfer,
    TransferSafeguard,
};
use serde::Deserialize;
use time::Date;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/o/{org}/register", list)
        .get("/o/{org}/register/library", library)
        .post("/o/{org}/register/activities", create)
        .get("/o/{org}/register/activities/{activity}", detail)
        .post("/o/{org}/register/activities/{activity}", update)
        .post("/o/{org}/register/activities/{activity}/status", status)
        .post("/o/{org}/register/activities/{activity}/delete", delete)
        .get("/o/{org}/register/activities/{activity}/history", history)
        .post("/o/{org}/register/export", export)
}

/// The export formats with their labels, in the order the form offers them.
fn export_formats(tr: Tr) -> Vec<(&'static str, String)> {
    kluis_export::RegisterFormat::ALL
        .iter()
        .map(|f| {
            let key = format!("register-export-format-{}", f.as_str());
            (f.as_str(), tr.t(&key).to_owned())
        })
        .collect()
}

#[derive(serde::Deserialize)]
pub struct ExportForm {
    format: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    as_of: String,
}

/// `POST /o/{org}/register/export`: the register (now, or as of the date the list shows) as a download.
async fn export(
    State(web): State<Web>,
    o: OrgCtx,
    crate::error::PageForm(f): crate::error::PageForm<ExportForm>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let org = o.org_slug.clone();
    let Ok(format) = f.format.parse::<kluis_export::RegisterFormat>() else {
        return Ok(super::see_other(&format!(
            "/o/{org}/register?error=export-format"
        )));
    };
    let lang = crate::i18n::Lang::from_code(&f.lang).unwrap_or(o.ctx.lang);
    let as_of = match f.as_of.trim() {
        "" => None,
        d => Some(
            time::Date::parse(d, &time::format_description::well_known::Iso8601::DATE)
                .map_err(|_| WebError::BadRequest("as_of".into()))?,
        ),
    };
    match web.app.export_register(&o.actor, format, lang, as_of).await {
        Ok(x) => Ok(crate::download::download_response(
            &x.file_name,
            x.content_type,
            x.bytes,
        )),
        Err(kluis_app::AppError::Invalid {
            field: "register", ..
        }) => Ok(super::see_other(&format!(
            "/o/{org}/register?error=export-empty"
        ))),
        Err(e) => Err(e.into()),
    }
}

/// The catalogue's text for `key`, or `fallback` where the catalogue has none yet (vocabulary labels are filled
/// in by the vocabulary's own catalogue file; a key without a label shows as itself rather than failing).
fn label_or(tr: Tr, key: &str, fallback: &str) -> String {
    if tr.has(key) {
        tr.t(key).to_owned()
    } else {
        fallback.to_owned()
    }
}

/// "camera_surveillance" → "Camera surveillance": a template's name before the catalogue has one.
fn humanise(key: &str) -> String {
    let s = key.replace('_', " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

pub(crate) fn template_name(tr: Tr, t: &StarterTemplate) -> String {
    label_or(tr, &t.name_key(), &humanise(t.key))
}

pub(crate) fn template_purpose(tr: Tr, t: &StarterTemplate) -> String {
    label_or(tr, &t.purpose_key(), "")
}

fn category_label(tr: Tr, c: DataCategory) -> String {
    label_or(tr, &c.label_key(), c.key())
}

fn purpose_label(tr: Tr, p: Purpose) -> String {
    label_or(tr, &p.label_key(), p.key())
}

fn subject_label(tr: Tr, s: DataSubjectCategory) -> String {
    label_or(tr, &s.label_key(), s.key())
}

fn basis_label(tr: Tr, b: LawfulBasis) -> String {
    format!(
        "{} ({})",
        label_or(tr, &b.label_key(), b.as_str()),
        b.article()
    )
}

fn ground_label(tr: Tr, g: SpecialCategoryGround) -> String {
    format!(
        "{} ({})",
        label_or(tr, &g.label_key(), g.as_str()),
        g.article()
    )
}

fn vocab(tr: Tr, prefix: &str, value: &str) -> String {
    label_or(tr, &format!("{prefix}{}", value.replace('_', "-")), value)
}

fn status_label(tr: Tr, s: ActivityStatus) -> String {
    vocab(tr, "activity-status-", s.as_str())
}

/// The label of an activity field named by its key (missing lists, history).
pub(crate) fn field_label(tr: Tr, key: &str) -> String {
    label_or(tr, &activity_field_label_key(key), key)
}

fn date_text(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s.trim(), &format).ok()
}

/// One `<option>` or checkbox.
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

fn opts<T: Copy + PartialEq>(
    all: impl IntoIterator<Item = T>,
    selected: &[T],
    value: impl Fn(T) -> String,
    label: impl Fn(T) -> String,
) -> Vec<Opt> {
    all.into_iter()
        .map(|v| Opt {
            value: value(v),
            label: label(v),
            selected: selected.contains(&v),
        })
        .collect()
}

/// Options of a select with a first "none" choice.
fn select<T: Copy + PartialEq>(
    none: String,
    all: &[T],
    selected: Option<T>,
    value: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> String,
) -> Vec<Opt> {
    let mut out = vec![Opt {
        value: String::new(),
        label: none,
        selected: selected.is_none(),
    }];
    out.extend(all.iter().map(|v| Opt {
        value: value(*v).to_owned(),
        label: label(*v),
        selected: Some(*v) == selected,
    }));
    out
}

fn activity_href(org: &str, id: &str) -> String {
    format!("/o/{org}/register/activities/{id}")
}

// ---------------------------------------------------------------------------------------------------------------
// The list, with the status filter and the view of a past date.

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    as_of: String,
}

pub struct ListRow {
    pub name: String,
    pub href: String,
    pub status: String,
    pub basis: String,
    pub categories: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "register/list.html")]
pub struct ListPage {
    c: Chrome,
    org: String,
    rows: Vec<ListRow>,
    statuses: Vec<Opt>,
    as_of: String,
    as_of_heading: Option<String>,
    as_of_invalid: bool,
    can_manage: bool,
    export_formats: Vec<(&'static str, String)>,
    export_langs: Vec<(&'static str, &'static str)>,
}

/// The register's rows; each status and basis label is looked up once per page, not once per row (a register
/// of 200 activities has a handful of distinct ones).
fn list_rows<'a>(
    tr: Tr,
    org: &str,
    activities: impl Iterator<Item = &'a ActivitySummary>,
) -> Vec<ListRow> {
    let mut statuses: Vec<(ActivityStatus, String)> = Vec::new();
    let mut bases: Vec<(Option<LawfulBasis>, String)> = Vec::new();
    fn label<K: PartialEq + Copy>(
        cache: &mut Vec<(K, String)>,
        k: K,
        make: impl Fn() -> String,
    ) -> String {
        if let Some((_, l)) = cache.iter().find(|(c, _)| *c == k) {
            return l.clone();
        }
        let l = make();
        cache.push((k, l.clone()));
        l
    }
    activities
        .map(|a| ListRow {
            name: if a.name.is_empty() {
                tr.t("activity-title").to_owned()
            } else {
                a.name.clone()
            },
            href: activity_href(org, &a.id),
            status: label(&mut statuses, a.status, || status_label(tr, a.status)),
            basis: label(&mut bases, a.lawful_basis, || match a.lawful_basis {
                Some(b) => basis_label(tr, b),
                None => tr.t("activity-none").to_owned(),
            }),
            categories: usize::try_from(a.categories).unwrap_or(0),
        })
        .collect()
}

/// The list's summary of an activity read whole (the register as of a past date).
fn summary_of(a: &ProcessingActivity) -> ActivitySummary {
    ActivitySummary {
        id: a.id.to_string(),
        name: a.name.clone(),
        status: a.status,
        lawful_basis: a.lawful_basis,
        categories: i64::try_from(a.categories.len()).unwrap_or(i64::MAX),
    }
}

pub async fn list(
    State(web): State<Web>,
    o: OrgCtx,
    Query(q): Query<ListQuery>,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let status: Option<ActivityStatus> = q.status.parse().ok();
    let as_of_date = parse_date(&q.as_of);
    let as_of_invalid = !q.as_of.trim().is_empty() && as_of_date.is_none();
    let activities: std::sync::Arc<Vec<ActivitySummary>> = match as_of_date {
        Some(d) => std::sync::Arc::new(
            web.app
                .register_activities_as_of(&o.actor, Some(d))
                .await?
                .iter()
                .map(summary_of)
                .collect(),
        ),
        None => web.app.register_summaries(&o.actor).await?,
    };
    let rows = list_rows(
        tr,
        &o.org_slug,
        activities
            .iter()
            .filter(|a| status.is_none_or(|s| a.status == s)),
    );
    let mut statuses = vec![Opt {
        value: String::new(),
        label: tr.t("register-filter-all").to_owned(),
        selected: status.is_none(),
    }];
    statuses.extend(opts(
        ActivityStatus::ALL.iter().copied(),
        status.as_slice(),
        |s| s.as_str().to_owned(),
        |s| status_label(tr, s),
    ));
    let page = ListPage {
        c: Chrome::org(&o, "register-title", "register", &flash),
        org: o.org_slug.clone(),
        rows,
        statuses,
        as_of: as_of_date.map(date_text).unwrap_or_default(),
        as_of_heading: as_of_date
            .map(|d| tr.t_with("register-as-of-heading", &[("date", &tr.date(d))])),
        as_of_invalid,
        can_manage: o.actor.role.allows(Permission::ManageRegister) && as_of_date.is_none(),
        export_formats: export_formats(tr),
        export_langs: crate::i18n::Lang::ALL
            .iter()
            .map(|l| (l.code(), l.native_name()))
            .collect(),
    };
    Ok(page.into_response())
}

// ---------------------------------------------------------------------------------------------------------------
// The starter library and creating drafts.

pub struct LibraryItem {
    pub key: &'static str,
    pub name: String,
    pub purpose: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "register/library.html")]
pub struct LibraryPage {
    c: Chrome,
    org: String,
    items: Vec<LibraryItem>,
}

pub async fn library(o: OrgCtx) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let tr = o.ctx.tr();
    let mut items: Vec<LibraryItem> = TEMPLATES
        .iter()
        .map(|t| LibraryItem {
            key: t.key,
            name: template_name(tr, t),
            purpose: template_purpose(tr, t),
        })
        .collect();
    items.sort_by_key(|i| i.name.to_lowercase());
    let page = LibraryPage {
        c: Chrome::org(&o, "library-title", "register", &Flash::default()),
        org: o.org_slug.clone(),
        items,
    };
    Ok(page.into_response())
}

#[derive(Deserialize, Default)]
pub struct CreateForm {
    #[serde(default)]
    template: String,
    #[serde(default)]
    name: String,
}

pub async fn create(
    State(web): State<Web>,
    o: OrgCtx,
    crate::error::PageForm(f): crate::error::PageForm<CreateForm>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let tr = o.ctx.tr();
    let t = kluis_domain::register::starter::template(f.template.trim());
    let (name, purpose) = match t {
        Some(t) => (template_name(tr, t), template_purpose(tr, t)),
        None if !f.template.trim().is_empty() => return Err(WebError::NotFound),
        None => (f.name.clone(), String::new()),
    };
    let v = web
        .app
        .create_register_activity(&o.actor, t.map(|t| t.key), &name, &purpose)
        .await?;
    Ok(see_other(&format!(
        "{}?notice=activity-created",
        activity_href(&o.org_slug, &v.activity.id.to_string())
    )))
}

// ---------------------------------------------------------------------------------------------------------------
// The activity page.

pub struct RetentionRow {
    pub idx: usize,
    pub categories: Vec<Opt>,
    pub amount: String,
    pub units: Vec<Opt>,
    pub starts: Vec<Opt>,
    pub actions: Vec<Opt>,
    pub reference: String,
    /// The whole rule in words, for the read-only view.
    pub text: String,
}

pub struct TransferRow {
    pub idx: usize,
    pub country: String,
    pub recipient: String,
    pub safeguards: Vec<Opt>,
    pub safeguard: String,
    pub documentation: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "register/activity.html")]
pub struct ActivityPage {
    c: Chrome,
    org: String,
    id: String,
    can_edit: bool,
    a: ProcessingActivity,
    status: String,
    is_draft: bool,
    is_active: bool,
    ended_on: Option<String>,
    successor: Option<(String, String)>,
    template: Option<String>,
    purposes: Vec<Opt>,
    subjects: Vec<Opt>,
    categories: Vec<Opt>,
    bases: Vec<Opt>,
    grounds: Vec<Opt>,
    dpias: Vec<Opt>,
    measures: Vec<Opt>,
    /// Processors and other recipients of the register, ticked where linked.
    linked: Vec<Opt>,
    other_recipients: String,
    retention: Vec<RetentionRow>,
    transfers: Vec<TransferRow>,
    missing: Vec<String>,
    successors: Vec<Opt>,
    today: String,
    /// The read-only view (filled for roles that cannot edit).
    ro: Vec<RoGroup>,
}

/// One group of the read-only view: a heading and its fields in words.
pub struct RoGroup {
    pub title: String,
    pub items: Vec<(String, String)>,
}

/// Labels of the selected options, joined, or "none".
fn chosen(tr: Tr, list: &[Opt]) -> String {
    let v: Vec<&str> = list
        .iter()
        .filter(|o| o.selected && !o.value.is_empty())
        .map(|o| o.label.as_str())
        .collect();
    if v.is_empty() {
        tr.t("activity-none").to_owned()
    } else {
        v.join(", ")
    }
}

fn text_or_none(tr: Tr, s: &str) -> String {
    if s.trim().is_empty() {
        tr.t("activity-none").to_owned()
    } else {
        s.to_owned()
    }
}

/// The read-only view of an activity, grouped as the form is.
fn read_only(tr: Tr, p: &ActivityPage) -> Vec<RoGroup> {
    let a = &p.a;
    let f = |k: &str| field_label(tr, k);
    let t = |s: &str| text_or_none(tr, s);
    let group = |key: &str, items: Vec<(String, String)>| RoGroup {
        title: tr.t(key).to_owned(),
        items,
    };
    let yes_no = |b: bool| {
        tr.t(if b { "activity-yes" } else { "activity-no" })
            .to_owned()
    };
    vec![
        group(
            "activity-group-purposes",
            vec![
                (f("name"), t(&a.name)),
                (f("description"), t(&a.description)),
                (f("purposes"), chosen(tr, &p.purposes)),
                (f("purpose_description"), t(&a.purpose_description)),
                (f("subjects"), chosen(tr, &p.subjects)),
            ],
        ),
        group(
            "activity-group-data",
            vec![
                (f("categories"), chosen(tr, &p.categories)),
                (f("lawful_basis"), chosen(tr, &p.bases)),
                (f("balancing_test"), t(&a.balancing_test)),
                (f("special_ground"), chosen(tr, &p.grounds)),
                (f("uavg_article"), t(&a.uavg_article)),
                (f("criminal_data_basis"), t(&a.criminal_data_basis)),
                (f("national_id_statute"), t(&a.national_id_statute)),
                (f("source"), t(&a.source)),
                (
                    f("collected_from_subject"),
                    yes_no(a.collected_from_subject),
                ),
                (f("provision_requirement"), t(&a.provision_requirement)),
                (f("automated_decisions"), t(&a.automated_decisions)),
            ],
        ),
        group(
            "activity-group-recipients",
            vec![
                (f("recipients"), chosen(tr, &p.linked)),
                (f("other_recipients"), t(&a.other_recipients.join(", "))),
            ],
        ),
        group(
            "activity-group-transfers",
            vec![(
                f("transfers"),
                t(&p.transfers
                    .iter()
                    .filter(|r| !r.country.is_empty())
                    .map(|r| {
                        format!(
                            "{} {} ({}) {}",
                            r.country, r.recipient, r.safeguard, r.documentation
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")),
            )],
        ),
        group(
            "activity-group-retention",
            vec![(
                f("retention"),
                t(&p.retention
                    .iter()
                    .filter(|r| !r.text.is_empty())
                    .map(|r| r.text.clone())
                    .collect::<Vec<_>>()
                    .join("; ")),
            )],
        ),
        group(
            "activity-group-measures",
            vec![
                (f("measures"), chosen(tr, &p.measures)),
                (f("measures_note"), t(&a.measures_note)),
            ],
        ),
        group(
            "activity-group-other",
            vec![
                (f("joint_controller"), t(&a.joint_controller)),
                (f("dpia"), chosen(tr, &p.dpias)),
                (f("notes"), t(&a.notes)),
            ],
        ),
    ]
}

/// The retention editor's rows: every rule, then two empty rows to add one.
fn retention_rows(tr: Tr, a: &ProcessingActivity) -> Vec<RetentionRow> {
    let cats: Vec<DataCategory> = DataCategory::all().collect();
    let row = |idx: usize, r: Option<&RetentionRule>| {
        let mut categories = vec![Opt {
            value: String::new(),
            label: tr.t("activity-retention-all").to_owned(),
            selected: r.is_none_or(|r| r.category.is_none()),
        }];
        categories.extend(opts(
            cats.iter().copied(),
            r.and_then(|r| r.category).as_slice(),
            |c| c.key().to_owned(),
            |c| category_label(tr, c),
        ));
        let units = opts(
            PeriodUnit::ALL.iter().copied(),
            &[r.map_or(PeriodUnit::Years, |r| r.period.unit)],
            |u| u.as_str().to_owned(),
            |u| vocab(tr, "activity-period-unit-", u.as_str()),
        );
        let starts = opts(
            RetentionStart::ALL.iter().copied(),
            r.map(|r| r.starts).as_slice(),
            |s| s.as_str().to_owned(),
            |s| vocab(tr, "activity-retention-start-", s.as_str()),
        );
        let actions = opts(
            RetentionAction::ALL.iter().copied(),
            &[r.map_or(RetentionAction::Delete, |r| r.action)],
            |s| s.as_str().to_owned(),
            |s| vocab(tr, "activity-retention-action-", s.as_str()),
        );
        let text = r
            .map(|r| {
                format!(
                    "{}: {} {}, {} {}; {}. {}",
                    r.category
                        .map(|c| category_label(tr, c))
                        .unwrap_or_else(|| tr.t("activity-retention-all").to_owned()),
                    r.period.amount,
                    vocab(tr, "activity-period-unit-", r.period.unit.as_str()),
                    tr.t("activity-retention-col-starts").to_lowercase(),
                    vocab(tr, "activity-retention-start-", r.starts.as_str()),
                    vocab(tr, "activity-retention-action-", r.action.as_str()),
                    r.legal_reference
                )
            })
            .unwrap_or_default();
        RetentionRow {
            idx,
            categories,
            amount: r.map(|r| r.period.amount.to_string()).unwrap_or_default(),
            units,
            starts,
            actions,
            reference: r.map(|r| r.legal_reference.clone()).unwrap_or_default(),
            text,
        }
    };
    let mut out: Vec<RetentionRow> = a
        .retention
        .iter()
        .enumerate()
        .map(|(i, r)| row(i, Some(r)))
        .collect();
    let n = out.len();
    out.push(row(n, None));
    out.push(row(n + 1, None));
    out
}

fn transfer_rows(tr: Tr, a: &ProcessingActivity) -> Vec<TransferRow> {
    let row = |idx: usize, t: Option<&Transfer>| TransferRow {
        idx,
        country: t.map(|t| t.country.clone()).unwrap_or_default(),
        recipient: t.map(|t| t.recipient.clone()).unwrap_or_default(),
        safeguards: select(
            tr.t("activity-choose").to_owned(),
            TransferSafeguard::ALL,
            t.and_then(|t| t.safeguard),
            TransferSafeguard::as_str,
            |s| vocab(tr, "activity-safeguard-", s.as_str()),
        ),
        safeguard: t
            .and_then(|t| t.safeguard)
            .map(|s| vocab(tr, "activity-safeguard-", s.as_str()))
            .unwrap_or_else(|| tr.t("activity-none").to_owned()),
        documentation: t.map(|t| t.documentation.clone()).unwrap_or_default(),
    };
    let mut out: Vec<TransferRow> = a
        .transfers
        .iter()
        .enumerate()
        .map(|(i, t)| row(i, Some(t)))
        .collect();
    out.push(row(out.len(), None));
    out
}

async fn activity_page(
    web: &Web,
    o: &OrgCtx,
    id: &str,
    flash: &Flash,
) -> Result<ActivityPage, WebError> {
    let tr = o.ctx.tr();
    let v: ActivityView = web.app.register_activity(&o.actor, id).await?;
    let a = v.activity;
    let can_edit = o.actor.role.allows(Permission::ManageRegister);
    let all = web.app.register_activities(&o.actor).await?;
    let successor = a.successor.and_then(|s| {
        all.iter().find(|x| x.activity.id == s).map(|x| {
            (
                activity_href(&o.org_slug, &s.to_string()),
                x.activity.name.clone(),
            )
        })
    });
    let mut successors = vec![Opt {
        value: String::new(),
        label: tr.t("activity-successor-none").to_owned(),
        selected: true,
    }];
    successors.extend(all.iter().filter(|x| x.activity.id != a.id).map(|x| Opt {
        value: x.activity.id.to_string(),
        label: x.activity.name.clone(),
        selected: false,
    }));
    let missing = if a.status == ActivityStatus::Draft {
        web.app
            .register_missing_for_active(&o.actor, &a)
            .await?
            .into_iter()
            .map(|f| field_label(tr, f.key()))
            .collect()
    } else {
        Vec::new()
    };
    let mut c = Chrome::org(o, "activity-title", "register", flash);
    if !a.name.is_empty() {
        c.title = a.name.clone();
    }
    let today = time::OffsetDateTime::now_utc().date();
    let mut page = ActivityPage {
        c,
        org: o.org_slug.clone(),
        id: a.id.to_string(),
        can_edit,
        status: status_label(tr, a.status),
        is_draft: a.status == ActivityStatus::Draft,
        is_active: a.status == ActivityStatus::Active,
        ended_on: a
            .end_date
            .map(|d| tr.t_with("activity-ended-on", &[("date", &tr.date(d))])),
        successor,
        template: a
            .template
            .as_deref()
            .and_then(kluis_domain::register::starter::template)
            .map(|t| template_name(tr, t)),
        purposes: opts(
            Purpose::all(),
            &a.purposes,
            |p| p.key().to_owned(),
            |p| purpose_label(tr, p),
        ),
        subjects: opts(
            DataSubjectCategory::all(),
            &a.subjects,
            |p| p.key().to_owned(),
            |p| subject_label(tr, p),
        ),
        categories: opts(
            DataCategory::all(),
            &a.categories,
            |p| p.key().to_owned(),
            |p| category_label(tr, p),
        ),
        bases: select(
            tr.t("activity-choose").to_owned(),
            LawfulBasis::ALL,
            a.lawful_basis,
            LawfulBasis::as_str,
            |b| basis_label(tr, b),
        ),
        grounds: select(
            tr.t("activity-none").to_owned(),
            SpecialCategoryGround::ALL,
            a.special_ground,
            SpecialCategoryGround::as_str,
            |g| ground_label(tr, g),
        ),
        dpias: opts(
            DpiaStatus::ALL.iter().copied(),
            &[a.dpia],
            |d| d.as_str().to_owned(),
            |d| vocab(tr, "activity-dpia-", d.as_str()),
        ),
        measures: MEASURES
            .iter()
            .map(|m| Opt {
                value: m.key.to_owned(),
                label: label_or(tr, &m.label_key(), m.key),
                selected: a.measures.iter().any(|k| k == m.key),
            })
            .collect(),
        linked: web
            .app
            .recipients_snapshot(&o.actor)
            .await?
            .into_iter()
            .map(|r| Opt {
                selected: a.recipients.contains(&r.id),
                value: r.id.to_string(),
                label: r.name,
            })
            .collect(),
        other_recipients: a.other_recipients.join("\n"),
        retention: retention_rows(tr, &a),
        transfers: transfer_rows(tr, &a),
        missing,
        successors,
        today: date_text(today),
        ro: Vec::new(),
        a,
    };
    if !can_edit {
        page.ro = read_only(tr, &page);
    }
    Ok(page)
}

pub async fn detail(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    Ok(activity_page(&web, &o, &id, &flash).await?.into_response())
}

/// Reads the activity form: single fields, repeated checkboxes, and the numbered rows of the retention and
/// transfer editors. `Err` names the field (its catalogue key) whose value is not one the form offers.
pub(crate) fn activity_from_form(body: &[u8]) -> Result<ProcessingActivity, &'static str> {
    let mut a = ProcessingActivity {
        collected_from_subject: false,
        ..Default::default()
    };
    let mut retention: std::collections::BTreeMap<usize, [String; 6]> = Default::default();
    let mut transfers: std::collections::BTreeMap<usize, [String; 4]> = Default::default();
    let opt = |v: &str| Some(v.trim().to_owned()).filter(|s| !s.is_empty());
    for (k, v) in form_urlencoded::parse(body) {
        let v = v.into_owned();
        match k.as_ref() {
            "name" => a.name = v,
            "description" => a.description = v,
            "purpose_description" => a.purpose_description = v,
            "balancing_test" => a.balancing_test = v,
            "uavg_article" => a.uavg_article = v,
            "criminal_data_basis" => a.criminal_data_basis = v,
            "national_id_statute" => a.national_id_statute = v,
            "source" => a.source = v,
            "collected_from_subject" => a.collected_from_subject = !v.is_empty(),
            "provision_requirement" => a.provision_requirement = v,
            "automated_decisions" => a.automated_decisions = v,
            "measures_note" => a.measures_note = v,
            "joint_controller" => a.joint_controller = v,
            "notes" => a.notes = v,
            "other_recipients" => {
                a.other_recipients = v
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect()
            }
            "lawful_basis" => {
                a.lawful_basis = opt(&v)
                    .map(|s| s.parse())
                    .transpose()
                    .map_err(|_| "lawful_basis")?
            }
            "special_ground" => {
                a.special_ground = opt(&v)
                    .map(|s| s.parse())
                    .transpose()
                    .map_err(|_| "special_ground")?
            }
            "dpia" => {
                if let Some(s) = opt(&v) {
                    a.dpia = s.parse().map_err(|_| "dpia")?;
                }
            }
            // Linked processors and other recipients known to the register, by id (a multi-select).
            "recipients" => a.recipients.push(
                serde_json::from_value(serde_json::Value::String(v)).map_err(|_| "recipients")?,
            ),
            "purposes" => a.purposes.push(v.parse().map_err(|_| "purposes")?),
            "subjects" => a.subjects.push(v.parse().map_err(|_| "subjects")?),
            "categories" => a.categories.push(v.parse().map_err(|_| "categories")?),
            "measures" => {
                if kluis_domain::register::measures::measure(&v).is_none() {
                    return Err("measures");
                }
                a.measures.push(v)
            }
            other => {
                let mut parts = other.splitn(3, '-');
                let (Some(group), Some(idx), Some(field)) =
                    (parts.next(), parts.next(), parts.next())
                else {
                    continue;
                };
                let Ok(idx) = idx.parse::<usize>() else {
                    continue;
                };
                if idx > 200 {
                    continue;
                }
                match group {
                    "retention" => {
                        let slot = match field {
                            "category" => 0,
                            "amount" => 1,
                            "unit" => 2,
                            "starts" => 3,
                            "action" => 4,
                            "reference" => 5,
                            _ => continue,
                        };
                        retention.entry(idx).or_default()[slot] = v;
                    }
                    "transfer" => {
                        let slot = match field {
                            "country" => 0,
                            "recipient" => 1,
                            "safeguard" => 2,
                            "documentation" => 3,
                            _ => continue,
                        };
                        transfers.entry(idx).or_default()[slot] = v;
                    }
                    _ => {}
                }
            }
        }
    }
    for [category, amount, unit, starts, action, reference] in retention.into_values() {
        // A row without an amount is an empty (or emptied) row.
        let Some(amount) = opt(&amount) else { continue };
        a.retention.push(RetentionRule {
            category: opt(&category)
                .map(|s| s.parse())
                .transpose()
                .map_err(|_| "retention")?,
            period: Period {
                amount: amount.parse().map_err(|_| "retention")?,
                unit: unit.parse().map_err(|_| "retention")?,
            },
            starts: starts.parse().map_err(|_| "retention")?,
            action: action.parse().map_err(|_| "retention")?,
            legal_reference: reference.trim().to_owned(),
        });
    }
    for [country, recipient, safeguard, documentation] in transfers.into_values() {
        let Some(country) = opt(&country) else {
            continue;
        };
        if country.len() != 2 || !country.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err("transfers");
        }
        a.transfers.push(Transfer {
            country: country.to_ascii_uppercase(),
            recipient: recipient.trim().to_owned(),
            safeguard: opt(&safeguard)
                .map(|s| s.parse())
                .transpose()
                .map_err(|_| "transfers")?,
            documentation: documentation.trim().to_owned(),
        });
    }
    Ok(a)
}

/// The sentence naming the fields an activity lacks, from the application's refusal (`missing`: keys).
fn incomplete_text(tr: Tr, keys: &str) -> String {
    let fields: Vec<String> = keys
        .split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(|k| field_label(tr, k))
        .collect();
    tr.t_with("activity-incomplete", &[("fields", &fields.join(", "))])
}

pub async fn update(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let tr = o.ctx.tr();
    let mut a = activity_from_form(&body).map_err(|field| {
        WebError::BadRequest(tr.t_with("activity-invalid", &[("field", &field_label(tr, field))]))
    })?;
    // A form without the recipients' multi-select (marked by `recipients_set`) leaves the linked recipients
    // as they are, rather than unlinking them all.
    let has_recipients = form_urlencoded::parse(&body).any(|(k, _)| k == "recipients_set");
    if !has_recipients {
        a.recipients = web
            .app
            .register_activity(&o.actor, &id)
            .await?
            .activity
            .recipients;
    }
    match web.app.update_register_activity(&o.actor, &id, a).await {
        Ok(_) => Ok(see_other(&format!(
            "{}?notice=activity-saved",
            activity_href(&o.org_slug, &id)
        ))),
        Err(AppError::Invalid {
            field: "missing",
            message,
        }) => Err(WebError::BadRequest(incomplete_text(tr, &message))),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    end_date: String,
    #[serde(default)]
    successor: String,
}

pub async fn status(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    crate::error::PageForm(f): crate::error::PageForm<StatusForm>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    // An unknown activity is a 404 whatever the form says.
    web.app.register_activity(&o.actor, &id).await?;
    let href = activity_href(&o.org_slug, &id);
    let Ok(status) = f.status.parse::<ActivityStatus>() else {
        return Ok(see_other(&format!("{href}?error=activity-status")));
    };
    let change = StatusChange {
        status,
        end_date: parse_date(&f.end_date),
        successor: Some(f.successor).filter(|s| !s.trim().is_empty()),
    };
    match web
        .app
        .set_register_activity_status(&o.actor, &id, change)
        .await
    {
        Ok(_) => {
            let notice = if status == ActivityStatus::Active {
                "activity-activated"
            } else {
                "activity-ended"
            };
            Ok(see_other(&format!("{href}?notice={notice}")))
        }
        Err(AppError::Invalid {
            field: "missing", ..
        }) => Ok(see_other(&format!("{href}?error=activity-incomplete"))),
        Err(AppError::Invalid { .. }) => Ok(see_other(&format!("{href}?error=activity-status"))),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct DeleteForm {
    #[serde(default)]
    confirm: String,
}

pub async fn delete(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    crate::error::PageForm(f): crate::error::PageForm<DeleteForm>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    if f.confirm != "yes" {
        return Ok(see_other(&activity_href(&o.org_slug, &id)));
    }
    web.app.delete_register_activity(&o.actor, &id).await?;
    Ok(see_other(&format!(
        "/o/{}/register?notice=activity-deleted",
        o.org_slug
    )))
}

// ---------------------------------------------------------------------------------------------------------------
// History.

pub struct HistoryRow {
    pub version: i64,
    pub when: String,
    pub who: String,
    pub status: String,
    pub fields: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "register/history.html")]
pub struct HistoryPage {
    c: Chrome,
    org: String,
    id: String,
    name: String,
    rows: Vec<HistoryRow>,
}

pub async fn history(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let v = web.app.register_activity(&o.actor, &id).await?;
    let entries: Vec<ActivityHistoryEntry> =
        web.app.register_activity_history(&o.actor, &id).await?;
    let mut names: std::collections::HashMap<String, String> = Default::default();
    for e in &entries {
        if names.contains_key(&e.actor) {
            continue;
        }
        let who = if e.actor == "cli" {
            tr.t("history-command-line").to_owned()
        } else {
            web.app
                .member_display_name(&o.actor, &e.actor)
                .await?
                .unwrap_or_else(|| tr.t("history-former-member").to_owned())
        };
        names.insert(e.actor.clone(), who);
    }
    let rows = entries
        .iter()
        .rev()
        .map(|e| HistoryRow {
            version: e.version,
            when: tr.date_time_ms(e.at_ms),
            who: names.get(&e.actor).cloned().unwrap_or_default(),
            status: status_label(tr, e.status),
            fields: e
                .changed
                .iter()
                .map(|f| field_label(tr, f))
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    let page = HistoryPage {
        c: Chrome::org(&o, "history-title", "register", &Flash::default()),
        org: o.org_slug.clone(),
        id,
        name: v.activity.name,
        rows,
    };
    Ok(page.into_response())
}
