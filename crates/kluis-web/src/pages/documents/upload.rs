//! Uploading documents: the form and its multipart target, several files at once.

use super::*;

pub struct UploadResult {
    pub name: String,
    pub ok: bool,
    pub href: Option<String>,
    pub message: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/upload.html")]
pub(super) struct UploadPage {
    c: Chrome,
    org: String,
    max_bytes: usize,
    limit_text: String,
    too_large_text: String,
    results: Vec<UploadResult>,
    any_ok: bool,
}

pub(super) fn upload_page(
    web: &Web,
    o: &OrgCtx,
    results: Vec<UploadResult>,
    error: Option<String>,
) -> UploadPage {
    let tr = o.ctx.tr();
    let max = web.opts.max_upload_bytes;
    let mut c = Chrome::org(o, "documents-upload-title", "documents", &Flash::default());
    c.error = error;
    UploadPage {
        c,
        org: o.org_slug.clone(),
        max_bytes: max,
        limit_text: tr.t_n("documents-upload-limit", "mb", mebibytes(max)),
        too_large_text: tr.t_n("documents-too-large", "mb", mebibytes(max)),
        any_ok: results.iter().any(|r| r.ok),
        results,
    }
}

/// `?uploaded=<id>&uploaded=<id>`: the documents an upload just stored, shown as the per-file result.
pub(super) fn uploaded_ids(query: Option<&str>) -> Vec<String> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .filter(|(k, _)| k == "uploaded")
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty() && v.len() <= 64)
        .take(100)
        .collect()
}

pub async fn upload_form(
    State(web): State<Web>,
    o: OrgCtx,
    uri: axum::http::Uri,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let tr = o.ctx.tr();
    let mut results = Vec::new();
    for id in uploaded_ids(uri.query()) {
        // Another organisation's id, or a deleted document, is simply left out.
        match web.app.document(&o.actor, &id).await {
            Ok(d) => results.push(UploadResult {
                href: Some(doc_href(&o.org_slug, &d.summary.id)),
                name: d.summary.name,
                ok: true,
                message: tr.t("documents-upload-ok").to_owned(),
            }),
            Err(AppError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(upload_page(&web, &o, results, None).into_response())
}

/// An upload refusal of the domain's rule, in the reader's language.
pub fn refusal_text(tr: Tr, r: &kluis_domain::UploadRefusal) -> String {
    use kluis_domain::UploadRefusal as R;
    match r {
        R::Empty => tr.t("documents-upload-empty-file").to_owned(),
        R::NoName | R::NameTooLong => tr.t("documents-upload-bad-name").to_owned(),
        R::TooLarge { max_bytes } => tr.t_n(
            "documents-upload-file-too-large",
            "mb",
            mebibytes(usize::try_from(*max_bytes).unwrap_or(usize::MAX)),
        ),
        R::TooManyFiles { max } => tr.t_n("documents-upload-too-many", "max", *max),
    }
}

/// Why one file was not stored, in the reader's language.
pub(super) fn upload_error(o: &OrgCtx, e: &AppError) -> String {
    let tr = o.ctx.tr();
    let reason = match e {
        AppError::Invalid { field, message } => {
            crate::pages::auth::field_error(&o.ctx, field, message)
        }
        AppError::Forbidden => tr.t("error-403-text").to_owned(),
        _ => tr.t("error-500-text").to_owned(),
    };
    tr.t_with("documents-upload-failed", &[("reason", &reason)])
}

pub async fn upload(
    State(web): State<Web>,
    o: OrgCtx,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let tr = o.ctx.tr();
    let Some(files) = crate::multipart::upload_files(&headers, &body) else {
        let page = upload_page(
            &web,
            &o,
            Vec::new(),
            Some(tr.t("documents-upload-not-form").to_owned()),
        );
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    };
    drop(body);
    if files.is_empty() {
        let page = upload_page(
            &web,
            &o,
            Vec::new(),
            Some(tr.t("documents-upload-none").to_owned()),
        );
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    }
    if let Err(refusal) = accept_file_count(files.len()) {
        let page = upload_page(&web, &o, Vec::new(), Some(refusal_text(tr, &refusal)));
        return Ok((StatusCode::PAYLOAD_TOO_LARGE, page).into_response());
    }
    let mut results = Vec::new();
    let mut ids = Vec::new();
    for f in files {
        // The domain's upload rule, asked first only to word its refusal in the reader's language; the
        // application applies the same rule (with the size limit) to every upload.
        if let Err(refusal) = accept_upload(&f.name, f.bytes.len() as u64, u64::MAX) {
            results.push(UploadResult {
                name: f.name,
                ok: false,
                href: None,
                message: tr.t_with(
                    "documents-upload-failed",
                    &[("reason", &refusal_text(tr, &refusal))],
                ),
            });
            continue;
        }
        match web.app.upload_document(&o.actor, &f.name, f.bytes).await {
            Ok(d) => {
                results.push(UploadResult {
                    name: d.name.clone(),
                    ok: true,
                    href: Some(doc_href(&o.org_slug, &d.id)),
                    message: tr.t("documents-upload-ok").to_owned(),
                });
                ids.push(d.id);
            }
            Err(e @ (AppError::Invalid { .. } | AppError::Forbidden)) => {
                results.push(UploadResult {
                    message: upload_error(&o, &e),
                    name: f.name,
                    ok: false,
                    href: None,
                });
            }
            Err(e) => return Err(e.into()),
        }
    }
    if results.iter().all(|r| r.ok) {
        // POST/redirect/GET: reloading the result page does not upload again.
        let qs: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(ids.iter().map(|id| ("uploaded", id)))
            .finish();
        return Ok(see_other(&format!(
            "/o/{}/documents/upload?{qs}",
            o.org_slug
        )));
    }
    // Some file was refused: show the result per file right away, with the names of the refused ones.
    let status = if ids.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, upload_page(&web, &o, results, None)).into_response())
}
