//! The recipients module's pages: processors and other recipients with their agreements (upload of the signed
//! document, the Art. 28(3) checklist), and staff measures per member.
//!
//! Every decision about who may do what is the application's; the pages only leave out forms a role cannot use.

use super::require;
use super::see_other;
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
use kluis_app::{AgreementFile, AgreementInput, RecipientView, StaffMeasureInput};
use kluis_domain::Permission;
use kluis_domain::register::agreements::{AgreementState, StaffMeasureKind, needs_safeguard};
use kluis_domain::register::{
    Art28Checklist, DataCategory, ProcessingAgreement, Recipient, RecipientRole, SubProcessor,
    SubProcessorAuthorisation, TransferSafeguard,
};
use time::Date;

/// Routes with ordinary (small) bodies.
pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/o/{org}/recipients", list)
        .post("/o/{org}/recipients", create)
        .get("/o/{org}/recipients/{recipient}", detail)
        .get("/o/{org}/recipients/{recipient}/history", history)
        .post("/o/{org}/recipients/{recipient}", update)
        .post("/o/{org}/recipients/{recipient}/delete", delete)
        .post(
            "/o/{org}/recipients/{recipient}/agreements/{agreement}",
            update_agreement,
        )
        .post(
            "/o/{org}/recipients/{recipient}/agreements/{agreement}/remove",
            remove_agreement,
        )
        .get("/o/{org}/staff-measures", staff)
        .post("/o/{org}/staff-measures", add_staff)
        .post("/o/{org}/staff-measures/{measure}/remove", remove_staff)
}

/// The agreement upload, which accepts bodies up to `WebOptions::max_upload_bytes`.
pub(crate) fn upload_routes() -> Routes {
    Routes::new().post("/o/{org}/recipients/{recipient}/agreements", add_agreement)
}

/// The label of a catalogue key, or `fallback` when the catalogue does not have it (vocabulary labels come
/// from another module's file).
fn label_or(tr: Tr, key: &str, fallback: &str) -> String {
    crate::i18n::catalogue(tr.lang)
        .get(key)
        .cloned()
        .unwrap_or_else(|| fallback.to_owned())
}

fn role_label(tr: Tr, r: RecipientRole) -> String {
    tr.t(&format!("recipients-role-{}", r.as_str().replace('_', "-")))
        .to_owned()
}

fn safeguard_label(tr: Tr, s: TransferSafeguard) -> String {
    tr.t(&format!(
        "recipients-safeguard-{}",
        s.as_str().replace('_', "-")
    ))
    .to_owned()
}

fn category_label(tr: Tr, c: DataCategory) -> String {
    label_or(tr, &c.label_key(), c.key())
}

/// The agreement state in words, with its date or missing letters.
fn state_text(tr: Tr, s: &AgreementState) -> String {
    match s {
        AgreementState::Expired { on } | AgreementState::Expiring { on } => tr.t_with(
            &format!("recipients-state-{}", s.key()),
            &[("date", &on.to_string())],
        ),
        AgreementState::Incomplete { missing } => {
            let letters: Vec<String> = missing.iter().map(|c| c.to_string()).collect();
            tr.t_with(
                "recipients-state-incomplete",
                &[("points", &letters.join(", "))],
            )
        }
        _ => tr
            .t(&format!("recipients-state-{}", s.key().replace('_', "-")))
            .to_owned(),
    }
}

/// The page wording of a refused input: the field's message in the reader's language.
fn error_text(tr: Tr, e: &AppError) -> String {
    match e {
        AppError::Invalid { field, message } => {
            let key = match *field {
                "name" => "recipients-error-name",
                "country" | "sub_processors" if message.contains("ISO") => {
                    "recipients-error-country"
                }
                "sub_processors" => "recipients-error-sub-processor",
                "expires_on" if message.contains("before") => "recipients-error-dates",
                "signed_on" | "expires_on" | "review_on" | "date" => "recipients-error-date",
                "notes" | "contact" | "services" => "recipients-error-too-long",
                "document" => {
                    return document_error(tr, message);
                }
                "subject" => "recipients-error-subject",
                "user" => "recipients-error-member",
                _ => "error-invalid-value",
            };
            tr.t(key).to_owned()
        }
        AppError::Forbidden => tr.t("error-403-text").to_owned(),
        AppError::NotFound => tr.t("error-404-text").to_owned(),
        _ => tr.t("error-500-text").to_owned(),
    }
}

/// Why an agreement's document was refused, in the reader's language: the documents module's wording for its
/// upload rule, this module's for the file type.
fn document_error(tr: Tr, message: &str) -> String {
    if message.contains("the file is empty") {
        tr.t_with(
            "documents-upload-failed",
            &[("reason", tr.t("documents-upload-empty-file"))],
        )
    } else if message.contains("larger than") {
        // The application words its limit in MiB; the page says the same number.
        let mb: String = message.chars().filter(char::is_ascii_digit).collect();
        tr.t_with("recipients-error-file-too-large", &[("mb", &mb)])
    } else if message.contains("name of") {
        tr.t_with(
            "documents-upload-failed",
            &[("reason", tr.t("documents-upload-bad-name"))],
        )
    } else {
        tr.t("recipients-error-file-type").to_owned()
    }
}

/// The fields of a urlencoded or multipart form body as (name, value) pairs, in order.
fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn first<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

fn all<'a>(pairs: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

fn parse_date(field: &'static str, v: &str) -> Result<Option<Date>, AppError> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(v, &format)
        .map(Some)
        .map_err(|_| AppError::Invalid {
            field,
            message: "not a date".into(),
        })
}

/// A recipient from the form's fields; unknown vocabulary values are refused, sub-processor rows are read in
/// order (`sub_name`, `sub_country`, `sub_service` repeated).
fn recipient_from_form(pairs: &[(String, String)]) -> Result<Recipient, AppError> {
    let role = match first(pairs, "recipient_role") {
        "" => RecipientRole::Processor,
        v => v.parse().map_err(|_| AppError::Invalid {
            field: "recipient_role",
            message: "unknown role".into(),
        })?,
    };
    let transfer_safeguard = match first(pairs, "safeguard") {
        "" => None,
        v => Some(v.parse().map_err(|_| AppError::Invalid {
            field: "safeguard",
            message: "unknown safeguard".into(),
        })?),
    };
    let categories = all(pairs, "categories")
        .into_iter()
        .filter(|v| !v.is_empty())
        .map(|v| {
            v.parse::<DataCategory>().map_err(|_| AppError::Invalid {
                field: "categories",
                message: "unknown category".into(),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let names = all(pairs, "sub_name");
    let countries = all(pairs, "sub_country");
    let services = all(pairs, "sub_service");
    let sub_processors = names
        .iter()
        .enumerate()
        .map(|(i, n)| SubProcessor {
            name: (*n).to_owned(),
            country: countries.get(i).copied().unwrap_or("").to_owned(),
            service: services.get(i).copied().unwrap_or("").to_owned(),
        })
        .collect();
    Ok(Recipient {
        name: first(pairs, "name").to_owned(),
        role,
        country: first(pairs, "country").to_owned(),
        contact: first(pairs, "contact").to_owned(),
        services: first(pairs, "services").to_owned(),
        categories,
        sub_processors,
        transfer_safeguard,
        ..Default::default()
    })
}

/// The checklist's field names in the form, with the letter of Art. 28(3) each stands for.
const CHECKLIST: &[(&str, char)] = &[
    ("documented_instructions", 'a'),
    ("confidentiality", 'b'),
    ("security", 'c'),
    ("sub_processors", 'd'),
    ("data_subject_rights", 'e'),
    ("assists_compliance", 'f'),
    ("deletion_or_return", 'g'),
    ("audits", 'h'),
];

fn agreement_from_form(pairs: &[(String, String)]) -> Result<AgreementInput, AppError> {
    let ticked = |name: &str| pairs.iter().any(|(k, v)| k == name && !v.is_empty());
    let checklist = Art28Checklist {
        documented_instructions: ticked("documented_instructions"),
        confidentiality: ticked("confidentiality"),
        security: ticked("security"),
        sub_processors: ticked("sub_processors"),
        data_subject_rights: ticked("data_subject_rights"),
        assists_compliance: ticked("assists_compliance"),
        deletion_or_return: ticked("deletion_or_return"),
        audits: ticked("audits"),
    };
    let authorisation = match first(pairs, "authorisation") {
        "" => None,
        v => Some(
            v.parse::<SubProcessorAuthorisation>()
                .map_err(|_| AppError::Invalid {
                    field: "authorisation",
                    message: "unknown authorisation".into(),
                })?,
        ),
    };
    Ok(AgreementInput {
        signed_on: parse_date("signed_on", first(pairs, "signed_on"))?,
        expires_on: parse_date("expires_on", first(pairs, "expires_on"))?,
        review_on: parse_date("review_on", first(pairs, "review_on"))?,
        checklist,
        sub_processor_authorisation: authorisation,
        notes: first(pairs, "notes").to_owned(),
    })
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

/// A recipient's row in the list.
pub struct Row {
    pub id: String,
    pub name: String,
    pub role: String,
    pub country: String,
    pub state_key: &'static str,
    pub state: String,
    pub transfer_warning: bool,
}

fn row(tr: Tr, v: &RecipientView) -> Row {
    Row {
        id: v.recipient.id.to_string(),
        name: v.recipient.name.clone(),
        role: role_label(tr, v.recipient.role),
        country: v.recipient.country.clone(),
        state_key: v.state.key(),
        state: state_text(tr, &v.state),
        transfer_warning: !v.unsafe_transfers.is_empty(),
    }
}

/// The options of the recipient form, filled from `r`.
pub struct RecipientForm {
    pub name: String,
    pub country: String,
    pub contact: String,
    pub services: String,
    pub roles: Vec<Opt>,
    pub safeguards: Vec<Opt>,
    pub categories: Vec<Opt>,
    pub subs: Vec<SubRow>,
}

pub struct SubRow {
    pub name: String,
    pub country: String,
    pub service: String,
    pub outside_eea: bool,
}

fn recipient_form(tr: Tr, r: &Recipient) -> RecipientForm {
    let mut subs: Vec<SubRow> = r
        .sub_processors
        .iter()
        .map(|s| SubRow {
            name: s.name.clone(),
            country: s.country.clone(),
            service: s.service.clone(),
            outside_eea: needs_safeguard(&s.country),
        })
        .collect();
    // Room for new sub-processors: empty rows are ignored when saved.
    for _ in 0..3 {
        subs.push(SubRow {
            name: String::new(),
            country: String::new(),
            service: String::new(),
            outside_eea: false,
        });
    }
    RecipientForm {
        name: r.name.clone(),
        country: r.country.clone(),
        contact: r.contact.clone(),
        services: r.services.clone(),
        roles: opts(
            RecipientRole::ALL.iter().copied(),
            &[r.role],
            |x| x.as_str().to_owned(),
            |x| role_label(tr, x),
        ),
        safeguards: opts(
            TransferSafeguard::ALL.iter().copied(),
            &r.transfer_safeguard.into_iter().collect::<Vec<_>>(),
            |x| x.as_str().to_owned(),
            |x| safeguard_label(tr, x),
        ),
        categories: opts(
            DataCategory::all(),
            &r.categories,
            |x| x.key().to_owned(),
            |x| category_label(tr, x),
        ),
        subs,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "recipients/list.html")]
pub(crate) struct ListPage {
    c: Chrome,
    org: String,
    rows: Vec<Row>,
    can_manage: bool,
    form: RecipientForm,
}

async fn list_page(
    web: &Web,
    o: &OrgCtx,
    flash: &Flash,
    error: Option<String>,
    form: Option<Recipient>,
) -> Result<Response, WebError> {
    let tr = o.ctx.tr();
    let views = web.app.recipients(&o.actor).await?;
    let mut c = Chrome::org(o, "recipients-title", "recipients", flash);
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    if error.is_some() {
        c.error = error;
    }
    let page = ListPage {
        c,
        org: o.org_slug.clone(),
        rows: views.iter().map(|v| row(tr, v)).collect(),
        can_manage: o.actor.role.allows(Permission::ManageRegister),
        form: recipient_form(tr, &form.unwrap_or_default()),
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

pub async fn create(State(web): State<Web>, o: OrgCtx, body: Bytes) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let tr = o.ctx.tr();
    let pairs = form_pairs(&body);
    let input = match recipient_from_form(&pairs) {
        Ok(r) => r,
        Err(e) => {
            return list_page(&web, &o, &Flash::default(), Some(error_text(tr, &e)), None).await;
        }
    };
    match web.app.create_recipient(&o.actor, &input).await {
        Ok(v) => Ok(see_other(&format!(
            "/o/{}/recipients/{}?notice=recipient-saved",
            o.org_slug, v.recipient.id
        ))),
        Err(e @ AppError::Invalid { .. }) => {
            list_page(
                &web,
                &o,
                &Flash::default(),
                Some(error_text(tr, &e)),
                Some(input),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// An agreement as the recipient page shows it.
pub struct AgreementRowView {
    pub id: String,
    pub signed_on: String,
    pub expires_on: String,
    pub review_on: String,
    pub document_href: Option<String>,
    pub checks: Vec<CheckBox>,
    pub missing: String,
    pub authorisations: Vec<Opt>,
    pub notes: String,
}

/// One point of Art. 28(3) as a checkbox with its plain meaning.
pub struct CheckBox {
    pub name: &'static str,
    pub text: String,
    pub checked: bool,
}

fn checks(tr: Tr, c: &Art28Checklist) -> Vec<CheckBox> {
    let missing = c.missing();
    CHECKLIST
        .iter()
        .map(|(name, letter)| CheckBox {
            name,
            text: tr.t(&format!("recipients-art28-{letter}")).to_owned(),
            checked: !missing.contains(letter),
        })
        .collect()
}

fn authorisations(tr: Tr, selected: Option<SubProcessorAuthorisation>) -> Vec<Opt> {
    opts(
        SubProcessorAuthorisation::ALL.iter().copied(),
        &selected.into_iter().collect::<Vec<_>>(),
        |x| x.as_str().to_owned(),
        |x| {
            tr.t(&format!("recipients-authorisation-{}", x.as_str()))
                .to_owned()
        },
    )
}

fn date_text(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn agreement_view(tr: Tr, org: &str, a: &ProcessingAgreement) -> AgreementRowView {
    let missing: Vec<String> = a
        .checklist
        .missing()
        .iter()
        .map(|c| c.to_string())
        .collect();
    AgreementRowView {
        id: a.id.to_string(),
        signed_on: date_text(a.signed_on),
        expires_on: date_text(a.expires_on),
        review_on: date_text(a.review_on),
        document_href: a.document_id.map(|d| format!("/o/{org}/documents/{d}")),
        checks: checks(tr, &a.checklist),
        missing: missing.join(", "),
        authorisations: authorisations(tr, a.sub_processor_authorisation),
        notes: a.notes.clone(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "recipients/detail.html")]
pub(crate) struct DetailPage {
    c: Chrome,
    org: String,
    id: String,
    row: Row,
    recipient_safeguard: String,
    unsafe_transfers: Vec<String>,
    categories_text: String,
    contact: String,
    services: String,
    can_manage: bool,
    form: RecipientForm,
    agreements: Vec<AgreementRowView>,
    new_checks: Vec<CheckBox>,
    new_authorisations: Vec<Opt>,
    limit_text: String,
    types_text: String,
}

async fn detail_page(
    web: &Web,
    o: &OrgCtx,
    id: &str,
    flash: &Flash,
    error: Option<String>,
) -> Result<Response, WebError> {
    let tr = o.ctx.tr();
    let v = web.app.recipient(&o.actor, id).await?;
    let mut c = Chrome::org(o, "recipients-detail-title", "recipients", flash);
    c.title = v.recipient.name.clone();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    if error.is_some() {
        c.error = error;
    }
    let r = &v.recipient;
    let unsafe_transfers = v
        .unsafe_transfers
        .iter()
        .map(|t| match &t.sub_processor {
            Some(name) => tr.t_with(
                "recipients-transfer-unsafe-sub",
                &[("name", name), ("country", &t.country)],
            ),
            None => tr.t_with(
                "recipients-transfer-unsafe-self",
                &[("country", &t.country)],
            ),
        })
        .collect();
    // One file, held to the documents' per-file limit and to the request limit, whichever is lower.
    let max = usize::try_from(web.app.config().max_document_size)
        .unwrap_or(usize::MAX)
        .min(web.opts.max_upload_bytes);
    let page = DetailPage {
        org: o.org_slug.clone(),
        id: id.to_owned(),
        row: row(tr, &v),
        recipient_safeguard: r
            .transfer_safeguard
            .map(|s| safeguard_label(tr, s))
            .unwrap_or_default(),
        unsafe_transfers,
        categories_text: r
            .categories
            .iter()
            .map(|c| category_label(tr, *c))
            .collect::<Vec<_>>()
            .join(", "),
        contact: r.contact.clone(),
        services: r.services.clone(),
        can_manage: o.actor.role.allows(Permission::ManageRegister),
        form: recipient_form(tr, r),
        agreements: r
            .agreements
            .iter()
            .map(|a| agreement_view(tr, &o.org_slug, a))
            .collect(),
        new_checks: checks(tr, &Art28Checklist::default()),
        new_authorisations: authorisations(tr, None),
        limit_text: tr.t_n(
            "recipients-document-limit",
            "mb",
            crate::pages::documents::mebibytes(max),
        ),
        types_text: kluis_app::AGREEMENT_EXTENSIONS.join(", "),
        c,
    };
    Ok((status, page).into_response())
}

pub async fn detail(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    detail_page(&web, &o, &id, &flash, None).await
}

pub async fn update(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let tr = o.ctx.tr();
    let pairs = form_pairs(&body);
    let result = match recipient_from_form(&pairs) {
        Ok(input) => web
            .app
            .update_recipient(&o.actor, &id, &input)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other(&format!(
            "/o/{}/recipients/{id}?notice=recipient-saved",
            o.org_slug
        ))),
        Err(e @ AppError::Invalid { .. }) => {
            detail_page(&web, &o, &id, &Flash::default(), Some(error_text(tr, &e))).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn delete(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    web.app.delete_recipient(&o.actor, &id).await?;
    Ok(see_other(&format!(
        "/o/{}/recipients?notice=recipient-deleted",
        o.org_slug
    )))
}

/// A form's fields as (name, value) pairs, in order.
type FormPairs = Vec<(String, String)>;

/// The text fields and the first file of a multipart body.
fn multipart_form(headers: &HeaderMap, body: &[u8]) -> Option<(FormPairs, Option<AgreementFile>)> {
    let ct = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())?;
    let boundary = crate::multipart::boundary(ct)?;
    let parts = crate::multipart::parse(body, &boundary).ok()?;
    let mut pairs = Vec::new();
    let mut file = None;
    for p in parts {
        match p.filename {
            // An empty file input sends a part without a name and bytes: no file.
            Some(name) if !(name.is_empty() && p.data.is_empty()) => {
                if file.is_none() {
                    file = Some(AgreementFile {
                        name,
                        bytes: p.data,
                    });
                }
            }
            Some(_) => {}
            None => pairs.push((p.name, String::from_utf8_lossy(&p.data).into_owned())),
        }
    }
    Some((pairs, file))
}

pub async fn add_agreement(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let tr = o.ctx.tr();
    let Some((pairs, file)) = multipart_form(&headers, &body) else {
        let msg = tr.t("documents-upload-not-form").to_owned();
        return detail_page(&web, &o, &id, &Flash::default(), Some(msg)).await;
    };
    drop(body);
    let result = match agreement_from_form(&pairs) {
        Ok(input) => web
            .app
            .add_agreement(&o.actor, &id, &input, file)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    agreement_saved(&web, &o, &id, result).await
}

/// After saving an agreement: back to the recipient with a notice, or its page again with what was wrong.
async fn agreement_saved(
    web: &Web,
    o: &OrgCtx,
    id: &str,
    result: Result<(), AppError>,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(see_other(&format!(
            "/o/{}/recipients/{id}?notice=agreement-saved",
            o.org_slug
        ))),
        Err(e @ AppError::Invalid { .. }) => {
            let msg = error_text(o.ctx.tr(), &e);
            detail_page(web, o, id, &Flash::default(), Some(msg)).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn update_agreement(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id, agreement)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let pairs = form_pairs(&body);
    let result = match agreement_from_form(&pairs) {
        Ok(input) => web
            .app
            .update_agreement(&o.actor, &id, &agreement, &input, None)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    agreement_saved(&web, &o, &id, result).await
}

pub async fn remove_agreement(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id, agreement)): Path<(String, String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    web.app.remove_agreement(&o.actor, &id, &agreement).await?;
    Ok(see_other(&format!(
        "/o/{}/recipients/{id}?notice=agreement-removed",
        o.org_slug
    )))
}

/// One member with their staff measures.
pub struct MemberMeasures {
    pub user_id: String,
    pub name: String,
    pub measures: Vec<MeasureView>,
    pub has_declaration: bool,
    pub has_training: bool,
}

pub struct MeasureView {
    pub id: String,
    pub kind: String,
    pub held_on: String,
    pub subject: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "recipients/staff.html")]
pub(crate) struct StaffPage {
    c: Chrome,
    org: String,
    members: Vec<MemberMeasures>,
    can_manage: bool,
    kinds: Vec<Opt>,
}

async fn staff_page(
    web: &Web,
    o: &OrgCtx,
    flash: &Flash,
    error: Option<String>,
) -> Result<Response, WebError> {
    let tr = o.ctx.tr();
    let measures = web.app.staff_measures(&o.actor, None).await?;
    // Names are decrypted for this: the listing is audited (`member.list`).
    let members = web.app.members(&o.actor).await?;
    let kind_label = |k: StaffMeasureKind| {
        tr.t(&format!("staff-kind-{}", k.as_str().replace('_', "-")))
            .to_owned()
    };
    let rows = members
        .iter()
        .map(|m| {
            let mine: Vec<_> = measures
                .iter()
                .filter(|x| x.user_id == m.user.id.0)
                .collect();
            MemberMeasures {
                user_id: m.user.id.0.clone(),
                name: m.user.display_name.clone(),
                has_declaration: mine
                    .iter()
                    .any(|x| x.kind == StaffMeasureKind::ConfidentialityDeclaration),
                has_training: mine
                    .iter()
                    .any(|x| x.kind == StaffMeasureKind::PrivacyTraining),
                measures: mine
                    .iter()
                    .map(|x| MeasureView {
                        id: x.id.clone(),
                        kind: kind_label(x.kind),
                        held_on: x.held_on.clone(),
                        subject: x.subject.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    let mut c = Chrome::org(o, "staff-title", "recipients", flash);
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    if error.is_some() {
        c.error = error;
    }
    let page = StaffPage {
        c,
        org: o.org_slug.clone(),
        members: rows,
        can_manage: o.actor.role.allows(Permission::ManageRegister),
        kinds: opts(
            StaffMeasureKind::ALL.iter().copied(),
            &[],
            |k| k.as_str().to_owned(),
            kind_label,
        ),
    };
    Ok((status, page).into_response())
}

pub async fn staff(
    State(web): State<Web>,
    o: OrgCtx,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    staff_page(&web, &o, &flash, None).await
}

pub async fn add_staff(
    State(web): State<Web>,
    o: OrgCtx,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let tr = o.ctx.tr();
    let pairs = form_pairs(&body);
    let input = (|| -> Result<StaffMeasureInput, AppError> {
        let kind = first(&pairs, "kind")
            .parse::<StaffMeasureKind>()
            .map_err(|_| AppError::Invalid {
                field: "kind",
                message: "unknown kind".into(),
            })?;
        let held_on = parse_date("date", first(&pairs, "date"))?.ok_or(AppError::Invalid {
            field: "date",
            message: "give the date".into(),
        })?;
        Ok(StaffMeasureInput {
            user_id: first(&pairs, "user").to_owned(),
            kind,
            held_on,
            subject: first(&pairs, "subject").to_owned(),
            notes: first(&pairs, "notes").to_owned(),
        })
    })();
    let result = match input {
        Ok(input) => web
            .app
            .add_staff_measure(&o.actor, &input)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other(&format!(
            "/o/{}/staff-measures?notice=staff-measure-saved",
            o.org_slug
        ))),
        Err(e @ AppError::Invalid { .. }) => {
            staff_page(&web, &o, &Flash::default(), Some(error_text(tr, &e))).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn remove_staff(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    web.app.remove_staff_measure(&o.actor, &id).await?;
    Ok(see_other(&format!(
        "/o/{}/staff-measures?notice=staff-measure-removed",
        o.org_slug
    )))
}

// History.

/// The label of a field a recipient's or an agreement's version names (the struct's field name).
fn history_field_label(tr: Tr, field: &str) -> String {
    let key = match field {
        "name" => "recipients-field-name",
        "role" => "recipients-field-role",
        "country" => "recipients-field-country",
        "contact" => "recipients-field-contact",
        "services" => "recipients-field-services",
        "categories" => "recipients-field-categories",
        "sub_processors" => "recipients-sub-processors",
        "transfer_safeguard" => "recipients-field-safeguard",
        "document_id" => "recipients-document",
        "signed_on" => "recipients-field-signed-on",
        "expires_on" => "recipients-field-expires-on",
        "review_on" => "recipients-field-review-on",
        "checklist" => "recipients-checklist",
        "sub_processor_authorisation" => "recipients-field-authorisation",
        "notes" => "recipients-field-notes",
        other => return other.to_owned(),
    };
    tr.t(key).to_owned()
}

pub struct RecipientHistoryRow {
    pub when: String,
    pub who: String,
    pub what: String,
    pub fields: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "recipients/history.html")]
pub struct RecipientHistoryPage {
    c: Chrome,
    org: String,
    id: String,
    name: String,
    deleted: bool,
    rows: Vec<RecipientHistoryRow>,
}

/// Who changed a recipient and its agreements when, and which fields; never the values. A deleted recipient
/// keeps its history here.
pub async fn history(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let h = web.app.recipient_history(&o.actor, &id).await?;
    let mut names: std::collections::HashMap<String, String> = Default::default();
    for e in &h.entries {
        if names.contains_key(&e.actor) {
            continue;
        }
        let who = match e.actor.as_str() {
            "cli" => tr.t("history-command-line").to_owned(),
            "migration" => tr.t("recipients-history-before").to_owned(),
            user => web
                .app
                .member_display_name(&o.actor, user)
                .await?
                .unwrap_or_else(|| tr.t("history-former-member").to_owned()),
        };
        names.insert(e.actor.clone(), who);
    }
    let rows = h
        .entries
        .iter()
        .rev()
        .map(|e| RecipientHistoryRow {
            when: tr.date_time_ms(e.at_ms),
            who: names.get(&e.actor).cloned().unwrap_or_default(),
            what: tr
                .t(&format!(
                    "recipients-history-{}-{}",
                    e.subject.as_str(),
                    e.event
                ))
                .to_owned(),
            fields: e
                .changed
                .iter()
                .map(|f| history_field_label(tr, f))
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    let page = RecipientHistoryPage {
        c: Chrome::org(
            &o,
            "recipients-history-title",
            "recipients",
            &Flash::default(),
        ),
        org: o.org_slug.clone(),
        id,
        name: h.name,
        deleted: h.deleted,
        rows,
    };
    Ok(page.into_response())
}
