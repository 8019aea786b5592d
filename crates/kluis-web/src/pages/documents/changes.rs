//! Changing a document: correction (declassifying needs the reveal permission), rescan, download and delete.

use super::*;

#[derive(Deserialize, Default)]
pub struct CorrectionForm {
    #[serde(default)]
    class: String,
    #[serde(default)]
    personal_data: String,
    #[serde(default)]
    categories_set: String,
    /// Repeated field (one per ticked box).
    #[serde(default)]
    special_categories: Vec<String>,
}

/// Reads a form whose field `special_categories` may repeat (serde_urlencoded cannot collect repeats).
pub(super) fn correction_form(body: &[u8]) -> CorrectionForm {
    let mut f = CorrectionForm::default();
    for (k, v) in form_urlencoded::parse(body) {
        match k.as_ref() {
            "class" => f.class = v.into_owned(),
            "personal_data" => f.personal_data = v.into_owned(),
            "categories_set" => f.categories_set = v.into_owned(),
            "special_categories" => f.special_categories.push(v.into_owned()),
            _ => {}
        }
    }
    f
}

pub async fn correct(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let invalid = || WebError::BadRequest(o.ctx.tr().t("error-document-invalid").to_owned());
    let f = correction_form(&body);
    let current = web.app.document(&o.actor, &id).await?.summary;
    let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let class: Option<DocumentClass> = opt(&f.class)
        .map(|s| s.parse())
        .transpose()
        .map_err(|_| invalid())?;
    let kind: Option<PersonalDataKind> = opt(&f.personal_data)
        .map(|s| s.parse())
        .transpose()
        .map_err(|_| invalid())?;
    let categories: Option<Vec<SpecialCategory>> = if f.categories_set.is_empty() {
        None
    } else {
        let mut v = f
            .special_categories
            .iter()
            .map(|s| s.parse())
            .collect::<Result<Vec<SpecialCategory>, _>>()
            .map_err(|_| invalid())?;
        v.sort();
        v.dedup();
        Some(v)
    };
    let mut current_categories = current.special_categories.clone();
    current_categories.sort();
    // Only what the person changed becomes a correction; the rest keeps following the scanner.
    let correction = DocumentCorrection {
        class: class.filter(|c| Some(*c) != current.class),
        personal_data: kind.filter(|k| Some(*k) != current.personal_data),
        special_categories: categories.filter(|c| *c != current_categories),
    };
    if correction == DocumentCorrection::default() {
        return Ok(see_other(&format!("/o/{}/documents/{id}", o.org_slug)));
    }
    web.app.correct_document(&o.actor, &id, correction).await?;
    Ok(see_other(&format!(
        "/o/{}/documents/{id}?notice=document-corrected",
        o.org_slug
    )))
}

pub async fn rescan(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    web.app.rescan_document(&o.actor, &id).await?;
    Ok(see_other(&format!(
        "/o/{}/documents/{id}?notice=document-rescan",
        o.org_slug
    )))
}

pub async fn download(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let (name, ctype, bytes) = web.app.download_document(&o.actor, &id).await?;
    Ok(crate::download::download_response(&name, &ctype, bytes))
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/delete.html")]
pub(super) struct DeletePage {
    c: Chrome,
    org: String,
    id: String,
    name: String,
}

pub async fn delete_confirm(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let d = web.app.document(&o.actor, &id).await?;
    let page = DeletePage {
        c: Chrome::org(&o, "documents-delete-title", "documents", &Flash::default()),
        org: o.org_slug.clone(),
        id: d.summary.id,
        name: d.summary.path,
    };
    Ok(page.into_response())
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    confirm: String,
}

pub async fn delete(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    axum::Form(f): axum::Form<DeleteForm>,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    if f.confirm != "yes" {
        // Without the confirmation field: ask first.
        return Ok(see_other(&format!(
            "/o/{}/documents/{id}/delete",
            o.org_slug
        )));
    }
    web.app.delete_document(&o.actor, &id).await?;
    Ok(see_other(&format!(
        "/o/{}/documents/list?notice=document-deleted",
        o.org_slug
    )))
}
