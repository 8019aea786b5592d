//! Importing a customer file and exporting relations: the upload form, the mapping page (columns, detected preset,
//! remember as preset) with its preview and per-row problems, the progress the page polls while the job runs, the
//! result (imported, skipped with reasons, duplicates), and the CSV/XLSX export.

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
    ExportFormat, ExportPurpose, ImportPreview, ImportProblem, ImportStart, ImportView,
};
use kluis_domain::Permission;
use kluis_domain::relations::{RelationField, RelationKind};
use kluis_import::{ColumnMap, Mapping, Target};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/o/{org}/relations/import", upload_form)
        .get("/o/{org}/relations/import/{import}", show)
        .post("/o/{org}/relations/import/{import}/preview", preview)
        .post("/o/{org}/relations/import/{import}/start", start)
        .get("/o/{org}/relations/export", export)
}

/// The upload takes the larger upload body limit.
pub(crate) fn upload_routes() -> Routes {
    Routes::new().post("/o/{org}/relations/import", upload)
}

/// A mapping target as a form value.
fn target_value(t: Target) -> String {
    match t {
        Target::Field(f) => format!("field:{}", f.as_str()),
        Target::Name => "name".into(),
        Target::Kind => "kind".into(),
        Target::Party => "party".into(),
        Target::Tags => "tags".into(),
        Target::Notes => "notes".into(),
        Target::Reference => "reference".into(),
        Target::Ignore => "ignore".into(),
    }
}

fn parse_target(v: &str) -> Target {
    match v {
        "name" => Target::Name,
        "kind" => Target::Kind,
        "party" => Target::Party,
        "tags" => Target::Tags,
        "notes" => Target::Notes,
        "reference" => Target::Reference,
        other => other
            .strip_prefix("field:")
            .and_then(|f| f.parse().ok())
            .map_or(Target::Ignore, Target::Field),
    }
}

/// Every choice of a column's select, labelled.
fn target_choices(tr: Tr) -> Vec<(String, String)> {
    let mut out = vec![
        ("ignore".to_owned(), tr.t("import-target-ignore").to_owned()),
        ("name".to_owned(), tr.t("import-target-name").to_owned()),
    ];
    out.extend(RelationField::ALL.iter().map(|f| {
        (
            target_value(Target::Field(*f)),
            tr.t(&f.label_key()).to_owned(),
        )
    }));
    for (v, k) in [
        ("kind", "import-target-kind"),
        ("party", "import-target-party"),
        ("tags", "import-target-tags"),
        ("notes", "import-target-notes"),
        ("reference", "import-target-reference"),
    ] {
        out.push((v.to_owned(), tr.t(k).to_owned()));
    }
    out
}

fn kind_label(tr: Tr, k: RelationKind) -> String {
    tr.t(&format!("relation-kind-{}", k.as_str().replace('_', "-")))
        .to_owned()
}

/// One problem in the reader's words: row, column and reason, never a value.
pub(crate) fn problem_text(tr: Tr, p: &ImportProblem) -> String {
    let reason = match catalogue_has(tr, &p.reason) {
        true => tr.t(&p.reason).to_owned(),
        false => p.reason.clone(),
    };
    let reason = match (p.field, p.first_row) {
        (_, Some(first)) => format!("{reason} ({})", tr.t_n("import-first-row", "row", first)),
        (Some(f), None) => format!("{reason} ({})", tr.t(&f.label_key())),
        _ => reason,
    };
    let column = match (&p.column, &p.header) {
        (Some(c), Some(h)) => format!("{c} ({h})"),
        (Some(c), None) => c.clone(),
        _ => String::new(),
    };
    if column.is_empty() {
        tr.t_with(
            "import-problem-row",
            &[("row", &p.row.to_string()), ("reason", &reason)],
        )
    } else {
        tr.t_with(
            "import-problem-cell",
            &[
                ("row", &p.row.to_string()),
                ("column", &column),
                ("reason", &reason),
            ],
        )
    }
}

fn catalogue_has(tr: Tr, key: &str) -> bool {
    crate::i18n::catalogue(tr.lang).get(key).is_some()
}

fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn first<'a>(pairs: &'a [(String, String)], key: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map_or("", |(_, v)| v.as_str())
}

/// The mapping the form describes (`col_N`, `header_N`, `has_header`, `default_kind`); `None` when the form holds
/// no column (then the preview's choice applies).
fn form_mapping(pairs: &[(String, String)]) -> Option<Mapping> {
    let mut columns: Vec<(usize, ColumnMap)> = pairs
        .iter()
        .filter_map(|(k, v)| {
            let i: usize = k.strip_prefix("col_")?.parse().ok()?;
            (i < 1000).then(|| {
                let header = first(pairs, &format!("header_{i}"));
                (
                    i,
                    ColumnMap {
                        header: (!header.is_empty()).then(|| header.to_owned()),
                        target: parse_target(v),
                    },
                )
            })
        })
        .collect();
    if columns.is_empty() {
        return None;
    }
    columns.sort_by_key(|(i, _)| *i);
    let mut out: Vec<ColumnMap> = Vec::new();
    for (i, c) in columns {
        while out.len() < i {
            out.push(ColumnMap {
                header: None,
                target: Target::Ignore,
            });
        }
        if out.len() == i {
            out.push(c);
        }
    }
    Some(Mapping {
        has_header: first(pairs, "has_header") == "1",
        columns: out,
        default_kind: first(pairs, "default_kind")
            .parse()
            .unwrap_or(RelationKind::Customer),
        default_party: None,
        default_tags: Vec::new(),
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "relations/import_upload.html")]
struct UploadPage {
    c: Chrome,
    org: String,
    imports: Vec<ImportLine>,
}

struct ImportLine {
    id: String,
    file_name: String,
    status: String,
    imported: i64,
}

fn status_label(tr: Tr, s: &str) -> String {
    tr.t(&format!("import-status-{s}")).to_owned()
}

async fn upload_page(web: &Web, o: &OrgCtx, error: Option<String>) -> Result<UploadPage, WebError> {
    let tr = o.ctx.tr();
    let mut c = Chrome::org(o, "import-title", "relations", &Flash::default());
    c.error = error;
    let imports = web
        .app
        .relation_imports(&o.actor)
        .await?
        .into_iter()
        .map(|i| ImportLine {
            status: status_label(tr, &i.status),
            id: i.id,
            file_name: i.file_name,
            imported: i.imported,
        })
        .collect();
    Ok(UploadPage {
        c,
        org: o.org_slug.clone(),
        imports,
    })
}

pub async fn upload_form(State(web): State<Web>, o: OrgCtx) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    Ok(upload_page(&web, &o, None).await?.into_response())
}

/// The refusal of a file or a mapping in the reader's words.
fn error_text(tr: Tr, e: &AppError) -> String {
    match e {
        AppError::Invalid {
            field: "mapping",
            message,
        } if message.contains("privacy by default") => {
            tr.t_with("import-error-refused-columns", &[("detail", message)])
        }
        AppError::Invalid {
            field: "mapping", ..
        } => tr.t("import-error-no-name-column").to_owned(),
        AppError::Invalid {
            field: "file",
            message,
        } => {
            let key = message
                .rsplit_once('(')
                .map(|(_, k)| k.trim_end_matches(')'))
                .filter(|k| k.starts_with("import-error-"));
            match key {
                Some(k) if catalogue_has(tr, k) => tr.t(k).to_owned(),
                _ => tr.t("import-error-unreadable").to_owned(),
            }
        }
        AppError::Invalid { .. } => tr.t("error-invalid-value").to_owned(),
        AppError::Conflict(_) => tr.t("import-error-started").to_owned(),
        _ => tr.t("error-500-text").to_owned(),
    }
}

pub async fn upload(
    State(web): State<Web>,
    o: OrgCtx,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let tr = o.ctx.tr();
    let file =
        crate::multipart::upload_files(&headers, &body).and_then(|files| files.into_iter().next());
    drop(body);
    let Some(file) = file else {
        let page = upload_page(&web, &o, Some(tr.t("import-error-no-file").to_owned())).await?;
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    };
    match web
        .app
        .upload_relation_import(&o.actor, &file.name, file.bytes)
        .await
    {
        Ok(v) => Ok(see_other(&format!(
            "/o/{}/relations/import/{}",
            o.org_slug, v.id
        ))),
        Err(e @ AppError::Invalid { .. }) => {
            let page = upload_page(&web, &o, Some(error_text(tr, &e))).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

struct ColumnLine {
    index: usize,
    letter: String,
    header: String,
    target: String,
    refused: bool,
}

struct PreviewLine {
    row: u64,
    name: String,
    kind: String,
    email: String,
    other: String,
    problems: Vec<String>,
    /// The problems' catalogue keys, space-separated, for the `data-reasons` attribute.
    reasons: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "relations/import_map.html")]
struct MapPage {
    c: Chrome,
    org: String,
    id: String,
    file_line: String,
    source: String,
    preset: String,
    preset_line: String,
    presets: Vec<String>,
    has_header: bool,
    columns: Vec<ColumnLine>,
    choices: Vec<(String, String)>,
    kinds: Vec<(String, String)>,
    default_kind: String,
    refused: bool,
    rows: Vec<PreviewLine>,
    encoding: String,
}

fn map_page(o: &OrgCtx, p: &ImportPreview, error: Option<String>) -> MapPage {
    let tr = o.ctx.tr();
    let mut c = Chrome::org(o, "import-map-title", "relations", &Flash::default());
    c.error = error;
    let columns = p
        .mapping
        .columns
        .iter()
        .enumerate()
        .map(|(i, col)| {
            let letter = kluis_import::column_letter(i);
            ColumnLine {
                refused: p.refused.iter().any(|r| r.column == letter),
                index: i,
                header: col
                    .header
                    .clone()
                    .or_else(|| p.headers.get(i).cloned())
                    .unwrap_or_default(),
                letter,
                target: target_value(col.target),
            }
        })
        .collect();
    let rows = p
        .rows
        .iter()
        .map(|r| {
            let get = |f: RelationField| r.values.get(&f).cloned().unwrap_or_default();
            let name = [
                get(RelationField::GivenName),
                get(RelationField::FamilyName),
                get(RelationField::CompanyName),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
            let other = r
                .values
                .iter()
                .filter(|(f, _)| {
                    !matches!(
                        f,
                        RelationField::GivenName
                            | RelationField::FamilyName
                            | RelationField::CompanyName
                            | RelationField::Email
                    )
                })
                .map(|(f, v)| format!("{}: {v}", tr.t(&f.label_key())))
                .chain(
                    r.company
                        .iter()
                        .map(|c| format!("{}: {c}", tr.t("relations-col-company"))),
                )
                .collect::<Vec<_>>()
                .join(" · ");
            PreviewLine {
                row: r.row,
                name,
                kind: r.kind.map(|k| kind_label(tr, k)).unwrap_or_default(),
                email: get(RelationField::Email),
                other,
                problems: r.problems.iter().map(|x| problem_text(tr, x)).collect(),
                reasons: r
                    .problems
                    .iter()
                    .map(|x| x.reason.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            }
        })
        .collect();
    MapPage {
        c,
        org: o.org_slug.clone(),
        id: p.import.id.clone(),
        file_line: tr.t_with("import-map-file", &[("file", &p.import.file_name)]),
        source: p
            .source
            .as_deref()
            .map(|s| {
                tr.t_with(
                    "import-map-source",
                    &[("source", tr.t(&format!("import-source-{s}")))],
                )
            })
            .unwrap_or_default(),
        preset: p.preset.clone().unwrap_or_default(),
        preset_line: p
            .preset
            .as_deref()
            .map(|n| tr.t_with("import-map-preset", &[("preset", n)]))
            .unwrap_or_default(),
        presets: p.presets.clone(),
        has_header: p.mapping.has_header,
        columns,
        choices: target_choices(tr),
        kinds: RelationKind::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), kind_label(tr, *k)))
            .collect(),
        default_kind: p.mapping.default_kind.as_str().to_owned(),
        refused: !p.refused.is_empty(),
        rows,
        encoding: match (&p.encoding, &p.delimiter) {
            (Some(e), Some(d)) => format!("{e}, “{d}”"),
            _ => String::new(),
        },
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "relations/import_status.html")]
struct StatusPage {
    c: Chrome,
    org: String,
    v: ImportView,
    file_line: String,
    status: String,
    problems: Vec<ProblemLine>,
    more_problems: bool,
}

/// One problem of the result: its row and reason key (as `data-*` attributes) and the reader's text.
struct ProblemLine {
    row: u64,
    reason: String,
    text: String,
}

pub async fn show(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let v = web.app.relation_import(&o.actor, &id).await?;
    if v.status == kluis_app::import_status::UPLOADED && o.actor.role.allows(Permission::Write) {
        return match web
            .app
            .relation_import_preview(&o.actor, &id, None, None)
            .await
        {
            Ok(p) => Ok(map_page(&o, &p, None).into_response()),
            Err(e @ (AppError::Invalid { .. } | AppError::Conflict(_))) => {
                let page = upload_page(&web, &o, Some(error_text(tr, &e))).await?;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
            }
            Err(e) => Err(e.into()),
        };
    }
    let c = Chrome::org(&o, "import-result-title", "relations", &Flash::default());
    let problems = v
        .problems
        .iter()
        .map(|p| ProblemLine {
            row: p.row,
            reason: p.reason.clone(),
            text: problem_text(tr, p),
        })
        .collect();
    let more_problems = (v.skipped + v.duplicates) as usize > v.problems.len();
    Ok(StatusPage {
        c,
        org: o.org_slug.clone(),
        status: status_label(tr, &v.status),
        file_line: tr.t_with("import-map-file", &[("file", &v.file_name)]),
        problems,
        more_problems,
        v,
    }
    .into_response())
}

/// Shows the preview of the mapping posted (or of a remembered preset); stores nothing.
pub async fn preview(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let tr = o.ctx.tr();
    let pairs = form_pairs(&body);
    let preset = first(&pairs, "use_preset");
    let mapping = if preset.is_empty() {
        form_mapping(&pairs)
    } else {
        None
    };
    match web
        .app
        .relation_import_preview(&o.actor, &id, mapping.as_ref(), Some(preset))
        .await
    {
        Ok(p) => Ok(map_page(&o, &p, None).into_response()),
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict(_))) => {
            let page = upload_page(&web, &o, Some(error_text(tr, &e))).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn start(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let tr = o.ctx.tr();
    let pairs = form_pairs(&body);
    let mapping = form_mapping(&pairs);
    let remember = first(&pairs, "remember_as").trim();
    let start = ImportStart {
        mapping: mapping.clone(),
        dry_run: first(&pairs, "dry_run") == "1",
        remember_as: (!remember.is_empty()).then(|| remember.to_owned()),
    };
    match web.app.start_relation_import(&o.actor, &id, &start).await {
        Ok(v) => Ok(see_other(&format!(
            "/o/{}/relations/import/{}",
            o.org_slug, v.id
        ))),
        Err(e @ AppError::Invalid { .. }) => {
            // Back to the mapping page with the reason, the mapping as posted.
            let error = Some(error_text(tr, &e));
            match web
                .app
                .relation_import_preview(&o.actor, &id, mapping.as_ref(), None)
                .await
            {
                Ok(p) => {
                    Ok((StatusCode::UNPROCESSABLE_ENTITY, map_page(&o, &p, error)).into_response())
                }
                Err(_) => {
                    let page = upload_page(&web, &o, error).await?;
                    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
                }
            }
        }
        Err(e @ AppError::Conflict(_)) => {
            let page = upload_page(&web, &o, Some(error_text(tr, &e))).await?;
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(serde::Deserialize)]
pub struct ExportQuery {
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    purpose: Option<String>,
}

pub async fn export(
    State(web): State<Web>,
    o: OrgCtx,
    Query(q): Query<ExportQuery>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let format: ExportFormat = q.format.as_deref().unwrap_or("csv").parse()?;
    let purpose: ExportPurpose = q.purpose.as_deref().unwrap_or("general").parse()?;
    let out = web.app.export_relations(&o.actor, format, purpose).await?;
    Ok(crate::download::download_response(
        &format!("relations-{}.{}", o.org_slug, format.extension()),
        format.content_type(),
        out.bytes,
    ))
}
