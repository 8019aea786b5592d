//! The documents module through HTTP: multipart upload with CSRF, the scan job, masked findings, audited reveal,
//! correction, identifier search, the API with a bearer token, and a snapshot of the overview page.

use crate::client::{Client, Resp};
use crate::helpers::*;
use axum::http::Method;
use kluis_app::Role;
use serde_json::json;

const BOUNDARY: &str = "kluis-test-boundary-7d3f";
/// A letter with an e-mail address, a BSN (valid check digit) and an IBAN.
const LETTER: &str = "Geachte heer Jansen,\n\nUw gegevens: jan.jansen@example.com, BSN 111222333, \
rekening NL91 ABNA 0417 1643 00.\n\nMet vriendelijke groet,\nAcme BV\n";
const NOTES: &str = "Boodschappenlijst: brood, kaas, koffie.\n";

/// A `multipart/form-data` body with an optional CSRF field and `(file name, text)` files.
fn multipart(csrf: Option<&str>, files: &[(&str, &str)]) -> String {
    let mut body = String::new();
    if let Some(t) = csrf {
        body.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{t}\r\n"
        ));
    }
    for (name, text) in files {
        body.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: text/plain\r\n\r\n{text}\r\n"
        ));
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    body
}

fn content_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

async fn post_multipart(c: &mut Client, path: &str, body: String) -> Resp {
    c.send(Method::POST, path, Some(&content_type()), body, &[])
        .await
}

/// Runs queued jobs (the document scans) until none is left.
pub async fn run_jobs(env: &Env) {
    for _ in 0..100 {
        if !env.app.run_one_job("test-runner").await.expect("run job") {
            return;
        }
    }
    panic!("jobs kept coming");
}

/// Uploads files through the page form as `c`; returns the response (303 on success).
pub async fn upload_page(c: &mut Client, org: &str, files: &[(&str, &str)]) -> Resp {
    let form = c.get(&format!("/o/{org}/documents/upload")).await;
    assert_status(&form, 200, "upload form");
    post_multipart(
        c,
        &format!("/o/{org}/documents/upload"),
        multipart(Some(&form.csrf()), files),
    )
    .await
}

/// Document ids linked from a page (`/o/{org}/documents/{id}` links), in order of appearance, without duplicates.
fn document_links(body: &str, org: &str) -> Vec<String> {
    let marker = format!("href=\"/o/{org}/documents/");
    let mut out: Vec<String> = Vec::new();
    for piece in body.split(&marker).skip(1) {
        let id: String = piece
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if !id.is_empty()
            && !["list", "upload", "identifiers"].contains(&id.as_str())
            && !out.contains(&id)
        {
            out.push(id);
        }
    }
    out
}

async fn token_for(env: &Env, c: &Client, org: &str) -> String {
    let s = env
        .app
        .session(c.cookies.get("kluis_session").expect("cookie"))
        .await
        .expect("s")
        .expect("s");
    let actor = env.actor(&s.user.id, org).await;
    env.app
        .create_api_token(&actor, "documents test")
        .await
        .expect("token")
        .1
}

/// (finding id, entity type) of a document, through the API.
async fn findings_of(api: &mut Client, org: &str, id: &str) -> Vec<(String, String, String)> {
    let d = api.get(&format!("/api/v1/orgs/{org}/documents/{id}")).await;
    assert_status(&d, 200, "api detail");
    d.json()["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap_or_default().to_owned(),
                f["entity_type"].as_str().unwrap_or_default().to_owned(),
                f["masked"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn upload_scan_reveal_correct_and_search_through_the_pages() {
    let (env, mut owner) = with_owner().await;
    add_user(&env, "acme", "po@example.com", Role::PrivacyOfficer).await;
    add_user(&env, "acme", "staff@example.com", Role::Staff).await;
    add_user(&env, "acme", "auditor@example.com", Role::Auditor).await;

    // Empty state: tells what to do first; navigation shows the module.
    let overview = owner.get("/o/acme/documents").await;
    assert_status(&overview, 200, "overview");
    assert!(overview.body.contains("Nog geen documenten"), "empty state");
    assert!(
        overview
            .body
            .contains("href=\"/o/acme/documents\" aria-current=\"page\""),
        "nav entry is current"
    );
    assert!(
        overview
            .body
            .contains("Waar komt dit e-mailadres, BSN of IBAN voor?")
    );

    // The upload form works without JavaScript; the drag-and-drop script is a same-origin file (CSP).
    let form = owner.get("/o/acme/documents/upload").await;
    assert!(
        form.body.contains("enctype=\"multipart/form-data\"")
            && form.body.contains("type=\"file\" multiple")
    );
    assert!(
        form.body
            .contains("<script src=\"/static/documents.js\" defer></script>")
    );
    let js = owner.get("/static/documents.js").await;
    assert_status(&js, 200, "documents.js");
    assert!(
        js.header("content-type")
            .is_some_and(|v| v.starts_with("text/javascript"))
    );

    // Without the CSRF field the upload is refused and nothing is stored.
    let refused = post_multipart(
        &mut owner,
        "/o/acme/documents/upload",
        multipart(None, &[("brief.txt", LETTER)]),
    )
    .await;
    assert_status(&refused, 403, "upload without csrf");

    // Several files at once through the form without JavaScript: POST, then redirect to the per-file result.
    let res = upload_page(
        &mut owner,
        "acme",
        &[("brief.txt", LETTER), ("notities.txt", NOTES)],
    )
    .await;
    assert_status(&res, 303, "upload");
    let result = owner.get(res.location().expect("redirect")).await;
    assert_status(&result, 200, "upload result");
    assert!(
        result.body.contains("brief.txt") && result.body.contains("notities.txt"),
        "per-file result"
    );
    let ids = document_links(&result.body, "acme");
    assert_eq!(ids.len(), 2, "two documents: {}", result.body);
    let letter = ids
        .iter()
        .find(|id| result.body.contains(&format!("{id}\">brief.txt")))
        .cloned()
        .expect("letter id");

    // An empty file gets its own message, the other file is still stored.
    let mixed = upload_page(
        &mut owner,
        "acme",
        &[("leeg.txt", ""), ("notities-2.txt", NOTES)],
    )
    .await;
    assert_status(&mixed, 200, "mixed upload shows results");
    assert!(
        mixed.body.contains("leeg.txt") && mixed.body.contains("het bestand is leeg"),
        "empty file named"
    );
    assert!(mixed.body.contains("notities-2.txt"), "other file stored");

    // Before the scan the page says it is waiting (and polls).
    let queued = owner.get(&format!("/o/acme/documents/{letter}")).await;
    assert_status(&queued, 200, "queued detail");
    assert!(
        queued.body.contains("hx-trigger=\"every 3s\""),
        "polls while queued"
    );

    run_jobs(&env).await;

    let detail = owner.get(&format!("/o/acme/documents/{letter}")).await;
    assert_status(&detail, 200, "detail");
    assert!(
        !detail.body.contains("hx-trigger=\"every 3s\""),
        "stops polling once scanned"
    );
    assert!(
        detail.body.contains("Bijzondere persoonsgegevens"),
        "a BSN makes the document special"
    );
    assert!(
        detail.body.contains("BSN (burgerservicenummer)"),
        "finding type in Dutch"
    );
    for raw in [
        "jan.jansen@example.com",
        "111222333",
        "0417164300",
        "0417 1643 00",
    ] {
        assert!(
            !detail.body.contains(raw),
            "raw value {raw} in the detail page"
        );
    }

    let mut owner_api =
        Client::with_bearer(env.router.clone(), &token_for(&env, &owner, "acme").await);
    let findings = findings_of(&mut owner_api, "acme", &letter).await;
    let bsn = findings
        .iter()
        .find(|f| f.1 == "bsn")
        .cloned()
        .expect("bsn finding");
    let email = findings
        .iter()
        .find(|f| f.1 == "email")
        .cloned()
        .expect("email finding");
    assert!(!bsn.2.contains("111222333"), "masked in the API");

    // Reveal as privacy officer: the value appears, and the audit log records it.
    let mut po = login(&env, "po@example.com", OWNER_PASSWORD).await;
    let po_actor = {
        let s = env
            .app
            .session(po.cookies.get("kluis_session").expect("cookie"))
            .await
            .expect("s")
            .expect("s");
        env.actor(&s.user.id, "acme").await
    };
    let audit_before = audit_of(&env, &po_actor).await.len();
    let page = po.get(&format!("/o/acme/documents/{letter}")).await;
    let reveal_path = format!("/o/acme/documents/{letter}/findings/{}/reveal", bsn.0);
    assert!(
        page.body.contains(&reveal_path),
        "reveal button for the privacy officer"
    );
    let shown = po.post_form(&reveal_path, &[("csrf", &page.csrf())]).await;
    assert_status(&shown, 200, "reveal without JS");
    assert!(shown.body.contains("111222333"), "revealed value shown");
    assert!(
        !shown.body.contains("jan.jansen@example.com"),
        "only that one value is shown"
    );
    let audit_after = audit_of(&env, &po_actor).await;
    assert!(audit_after.len() > audit_before, "reveal is audited");
    assert!(
        audit_after.iter().any(|(_, a)| a.contains("reveal")),
        "reveal event: {audit_after:?}"
    );

    // With htmx the answer is the table cell only.
    let frag = po
        .send(
            Method::POST,
            &reveal_path,
            Some("application/x-www-form-urlencoded"),
            format!("csrf={}", page.csrf()),
            &[("hx-request", "true")],
        )
        .await;
    assert_status(&frag, 200, "reveal with htmx");
    assert!(
        frag.body.contains("111222333") && !frag.body.contains("<html"),
        "fragment: {}",
        frag.body
    );

    // Staff: no reveal button for the BSN, and the server refuses it anyway with a clear message.
    let mut staff = login(&env, "staff@example.com", OWNER_PASSWORD).await;
    let staff_page = staff.get(&format!("/o/acme/documents/{letter}")).await;
    assert_status(&staff_page, 200, "staff detail");
    assert!(
        !staff_page.body.contains(&reveal_path),
        "no reveal form for staff on a BSN"
    );
    let denied = staff
        .post_form(&reveal_path, &[("csrf", &staff_page.csrf())])
        .await;
    assert_status(&denied, 403, "staff reveal of a BSN");
    assert!(
        denied.body.contains("Uw rol mag deze waarde niet inzien"),
        "clear message"
    );
    assert!(!denied.body.contains("111222333"));
    assert!(!email.0.is_empty());

    // Correction: persists, and the page says who corrected it.
    let csrf = detail.csrf();
    let corrected = owner
        .post_form(
            &format!("/o/acme/documents/{letter}/correct"),
            &[
                ("csrf", &csrf),
                ("class", "contract"),
                ("personal_data", "special"),
                ("categories_set", "1"),
                ("special_categories", "health"),
            ],
        )
        .await;
    assert_status(&corrected, 303, "correct");
    let after = owner.get(&format!("/o/acme/documents/{letter}")).await;
    assert!(
        after.body.contains("Contract of overeenkomst"),
        "corrected class shown"
    );
    assert!(
        after.body.contains("Gezondheid"),
        "corrected category shown"
    );
    assert!(after.body.contains("Olga Owner"), "who corrected it");
    let bad = owner
        .post_form(
            &format!("/o/acme/documents/{letter}/correct"),
            &[("csrf", &csrf), ("class", "spaceship")],
        )
        .await;
    assert_status(&bad, 400, "unknown class");

    // Auditor: reads, but sees no upload or correction forms, and the server refuses them.
    let mut auditor = login(&env, "auditor@example.com", OWNER_PASSWORD).await;
    let a_page = auditor.get(&format!("/o/acme/documents/{letter}")).await;
    assert_status(&a_page, 200, "auditor detail");
    assert!(
        !a_page.body.contains("/correct\""),
        "no correction form for the auditor"
    );
    let a_csrf = a_page.csrf();
    let a_correct = auditor
        .post_form(
            &format!("/o/acme/documents/{letter}/correct"),
            &[("csrf", &a_csrf), ("class", "other")],
        )
        .await;
    assert_status(&a_correct, 403, "auditor correction");
    let a_upload = post_multipart(
        &mut auditor,
        "/o/acme/documents/upload",
        multipart(Some(&a_csrf), &[("x.txt", NOTES)]),
    )
    .await;
    assert_status(&a_upload, 403, "auditor upload");

    // Identifier search: exact, whatever the case of the address typed.
    let found = search_page(&mut staff, "acme", "Jan.Jansen@EXAMPLE.com", None).await;
    assert_status(&found, 200, "search");
    assert!(
        found
            .body
            .contains(&format!("/o/acme/documents/{letter}\"")),
        "search finds the letter: {}",
        found.body
    );
    assert!(
        !found.body.contains("jan.jansen@example.com"),
        "search shows masked values only"
    );
    let none = search_page(&mut staff, "acme", "nobody@example.com", None).await;
    assert!(none.body.contains("komt in geen enkel document voor"));

    // List with filters and overview with counts.
    let list = owner.get("/o/acme/documents/list?kind=special").await;
    assert_status(&list, 200, "list");
    assert!(
        list.body.contains("brief.txt") && !list.body.contains("notities.txt"),
        "kind filter"
    );
    let by_name = owner.get("/o/acme/documents/list?q=NOTITIES").await;
    assert!(
        by_name.body.contains("notities.txt") && !by_name.body.contains("brief.txt"),
        "name filter"
    );
    let overview = owner.get("/o/acme/documents").await;
    assert!(
        overview.body.contains("brief.txt"),
        "health list names the corrected letter"
    );

    // Download is audited; delete asks first and then removes.
    let before = audit_of(&env, &po_actor).await.len();
    let dl = owner
        .post_form(
            &format!("/o/acme/documents/{letter}/download"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_status(&dl, 200, "download");
    assert!(
        dl.body.contains("jan.jansen@example.com"),
        "the original bytes"
    );
    assert!(
        dl.header("content-disposition")
            .is_some_and(|v| v.starts_with("attachment"))
    );
    assert!(
        audit_of(&env, &po_actor).await.len() > before,
        "download audited"
    );
    let confirm = owner
        .get(&format!("/o/acme/documents/{letter}/delete"))
        .await;
    assert_status(&confirm, 200, "delete confirmation");
    let deleted = owner
        .post_form(
            &format!("/o/acme/documents/{letter}/delete"),
            &[("csrf", &csrf), ("confirm", "yes")],
        )
        .await;
    assert_status(&deleted, 303, "delete");
    assert_status(
        &owner.get(&format!("/o/acme/documents/{letter}")).await,
        404,
        "deleted document",
    );
}

#[tokio::test]
async fn documents_through_the_api() {
    let (env, owner) = with_owner().await;
    let mut api = Client::with_bearer(env.router.clone(), &token_for(&env, &owner, "acme").await);

    let up = api
        .send(
            Method::POST,
            "/api/v1/orgs/acme/documents",
            Some(&content_type()),
            multipart(None, &[("brief.txt", LETTER), ("notities.txt", NOTES)]),
            &[],
        )
        .await;
    assert_status(&up, 201, "api upload");
    let results = up.json()["results"].as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), 2);
    let letter = results[0]["document"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    run_jobs(&env).await;

    let list = api.get("/api/v1/orgs/acme/documents?kind=special").await;
    assert_status(&list, 200, "api list");
    assert_eq!(list.json()["total"], 1);
    assert_eq!(list.json()["documents"][0]["id"], letter.as_str());

    let detail = api
        .get(&format!("/api/v1/orgs/acme/documents/{letter}"))
        .await;
    assert_status(&detail, 200, "api detail");
    assert_eq!(detail.json()["personal_data"], "special");
    for raw in ["jan.jansen@example.com", "111222333"] {
        assert!(!detail.body.contains(raw), "raw {raw} in the API");
    }

    let hits = search_api(&mut api, "acme", "JAN.JANSEN@example.com", None).await;
    assert_status(&hits, 200, "api search");
    assert_eq!(hits.json()["hits"][0]["document_id"], letter.as_str());
    assert!(!hits.body.contains("jan.jansen@example.com"));

    let findings = findings_of(&mut api, "acme", &letter).await;
    let bsn = findings
        .iter()
        .find(|f| f.1 == "bsn")
        .cloned()
        .expect("bsn");
    let shown = api
        .send(
            Method::POST,
            &format!(
                "/api/v1/orgs/acme/documents/{letter}/findings/{}/reveal",
                bsn.0
            ),
            None,
            String::new(),
            &[],
        )
        .await;
    assert_status(&shown, 200, "api reveal");
    assert_eq!(
        shown.json()["value"]
            .as_str()
            .map(|v| v.replace(['.', ' '], "")),
        Some("111222333".to_owned())
    );

    let patch = api
        .json(
            Method::PATCH,
            &format!("/api/v1/orgs/acme/documents/{letter}"),
            json!({"class": "contract"}),
        )
        .await;
    assert_status(&patch, 200, "api correction");
    assert_eq!(patch.json()["class"], "contract");
    let bad = api
        .json(
            Method::PATCH,
            &format!("/api/v1/orgs/acme/documents/{letter}"),
            json!({"class": "spaceship"}),
        )
        .await;
    assert_status(&bad, 422, "unknown class");
    assert_eq!(bad.header("content-type"), Some("application/problem+json"));

    let overview = api.get("/api/v1/orgs/acme/documents/overview").await;
    assert_status(&overview, 200, "api overview");
    assert_eq!(overview.json()["by_kind"]["special"], 1);

    let del = api
        .send(
            Method::DELETE,
            &format!("/api/v1/orgs/acme/documents/{letter}"),
            None,
            String::new(),
            &[],
        )
        .await;
    assert_status(&del, 204, "api delete");
    assert_status(
        &api.get(&format!("/api/v1/orgs/acme/documents/{letter}"))
            .await,
        404,
        "deleted",
    );

    let spec = api.get("/api/v1/openapi.json").await;
    for p in [
        "/api/v1/orgs/{org}/documents",
        "/api/v1/orgs/{org}/documents/{document}",
        "/api/v1/orgs/{org}/identifiers",
        "/api/v1/orgs/{org}/documents/{document}/findings/{finding}/reveal",
    ] {
        assert!(spec.json()["paths"][p].is_object(), "{p} in OpenAPI");
    }
}

#[tokio::test]
async fn overview_page_snapshot() {
    let (env, mut owner) = with_owner().await;
    let res = upload_page(
        &mut owner,
        "acme",
        &[("brief.txt", LETTER), ("notities.txt", NOTES)],
    )
    .await;
    assert_status(&res, 303, "upload");
    run_jobs(&env).await;
    let page = owner.get("/o/acme/documents").await;
    assert_status(&page, 200, "overview");
    let mut body = page.body.replace(&page.csrf(), "[csrf]");
    for (i, id) in document_links(&page.body, "acme").iter().enumerate() {
        body = body.replace(id.as_str(), &format!("[doc{i}]"));
    }
    insta::assert_snapshot!("documents_overview_nl", body);
}

#[test]
fn every_vocabulary_value_has_a_label_in_both_languages() {
    use kluis_domain::{DocumentClass, EntityType, PersonalDataKind, SpecialCategory};
    use kluis_web::i18n::{Lang, catalogue};
    let mut keys: Vec<String> = Vec::new();
    keys.extend(
        DocumentClass::ALL
            .iter()
            .map(|v| format!("doc-class-{}", v.as_str().replace('_', "-"))),
    );
    keys.extend(
        PersonalDataKind::ALL
            .iter()
            .map(|v| format!("doc-kind-{}", v.as_str().replace('_', "-"))),
    );
    keys.extend(
        PersonalDataKind::ALL
            .iter()
            .map(|v| format!("doc-kind-{}-text", v.as_str().replace('_', "-"))),
    );
    keys.extend(
        SpecialCategory::ALL
            .iter()
            .map(|v| format!("doc-special-{}", v.as_str().replace('_', "-"))),
    );
    keys.extend(
        EntityType::ALL
            .iter()
            .map(|v| format!("doc-entity-{}", v.as_str().replace('_', "-"))),
    );
    for s in ["queued", "scanning", "scanned", "failed"] {
        keys.push(format!("doc-status-{s}"));
    }
    for s in [
        "ok",
        "encrypted",
        "corrupt",
        "image-without-text",
        "unsupported",
        "limit-exceeded",
    ] {
        keys.push(format!("doc-scan-{s}"));
    }
    for lang in Lang::ALL {
        let missing: Vec<_> = keys
            .iter()
            .filter(|k| !catalogue(lang).contains_key(k.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "missing in {}: {missing:?}",
            lang.code()
        );
    }
}

#[tokio::test]
async fn an_upload_over_the_limit_gets_a_clear_message() {
    let env = fresh_with(kluis_web::WebOptions {
        max_upload_bytes: 1024 * 1024,
        ..kluis_web::WebOptions::default()
    })
    .await;
    let mut owner = setup_via_pages(&env).await;
    let big = "x".repeat(1024 * 1024 + 10);
    let res = upload_page(&mut owner, "acme", &[("groot.txt", &big)]).await;
    assert_status(&res, 413, "too large");
    assert!(
        res.body.contains("U kunt maximaal 1 MB tegelijk uploaden"),
        "clear message: {}",
        res.body
    );
    let list = owner.get("/o/acme/documents/list").await;
    assert!(!list.body.contains("groot.txt"), "nothing stored");
    let form = owner.get("/o/acme/documents/upload").await;
    assert!(
        form.body.contains("data-max-bytes=\"1048576\""),
        "the script knows the limit"
    );
}

#[tokio::test]
async fn dashboard_says_what_to_do_first_then_counts_documents_by_kind() {
    let (env, mut owner) = with_owner().await;
    add_user(&env, "acme", "auditor@example.com", Role::Auditor).await;
    let mut auditor = login(&env, "auditor@example.com", OWNER_PASSWORD).await;

    // Empty: the owner is pointed at the upload; a read-only auditor is told a colleague can do it.
    let dash = owner.get("/o/acme").await;
    assert_status(&dash, 200, "empty dashboard");
    assert!(
        dash.body.contains("Eerste documenten uploaden")
            && dash.body.contains("href=\"/o/acme/documents/upload\""),
        "upload call to action: {}",
        dash.body
    );
    let dash = auditor.get("/o/acme").await;
    assert!(
        dash.body
            .contains("Een collega met schrijfrechten kan ze uploaden")
            && !dash.body.contains("href=\"/o/acme/documents/upload\""),
        "read-only empty state"
    );

    // A letter with a BSN (special) and a shopping list (no personal data): counted by kind once scanned.
    let res = upload_page(
        &mut owner,
        "acme",
        &[("brief.txt", LETTER), ("notities.txt", NOTES)],
    )
    .await;
    assert_status(&res, 303, "upload");
    run_jobs(&env).await;
    let dash = owner.get("/o/acme").await;
    assert!(
        dash.body
            .contains("2 documenten: 1 met bijzondere persoonsgegevens of nationale identificatienummers, 0 met gewone persoonsgegevens."),
        "counts: {}",
        dash.body
    );
    assert!(dash.body.contains("href=\"/o/acme/documents\""));
    assert!(!dash.body.contains("Eerste documenten uploaden"));
}

#[tokio::test]
async fn identifier_search_pages_beyond_two_hundred_hits() {
    let (env, mut owner) = with_owner().await;
    // One identifier in 250 places: five files of fifty lines each.
    let text: String = (0..50)
        .map(|i| format!("Regel {i}: mail piet.peters@example.nl voor de offerte.\n"))
        .collect();
    let names: Vec<String> = (0..5).map(|i| format!("offerte-{i}.txt")).collect();
    let files: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), text.as_str())).collect();
    assert_status(
        &upload_page(&mut owner, "acme", &files).await,
        303,
        "upload",
    );
    run_jobs(&env).await;

    let first = search_page(&mut owner, "acme", "piet.peters@example.nl", None).await;
    assert_status(&first, 200, "first page");
    let rows = |body: &str| body.matches("<span class=\"masked\">").count();
    assert_eq!(rows(&first.body), 200, "a full first page");
    assert!(
        first.body.contains("Plaatsen 1 tot en met 200."),
        "{}",
        first.body
    );
    assert!(
        first.body.contains("name=\"page\" value=\"2\""),
        "a next-page form"
    );
    assert!(
        !first.body.contains("piet.peters%40") && !first.body.contains("value=piet"),
        "the value is in no link"
    );
    let second = search_page(&mut owner, "acme", "piet.peters@example.nl", Some("2")).await;
    assert_status(&second, 200, "second page");
    assert_eq!(rows(&second.body), 50, "the rest");
    assert!(second.body.contains("Plaatsen 201 tot en met 250."));
    assert!(
        !second.body.contains("name=\"page\""),
        "no page after the last"
    );

    // The API pages the same way, the page in the body like the value.
    let mut api = Client::with_bearer(env.router.clone(), &token_for(&env, &owner, "acme").await);
    let p1 = search_api(&mut api, "acme", "piet.peters@example.nl", None).await;
    assert_status(&p1, 200, "API first page");
    assert_eq!(p1.json()["hits"].as_array().map(Vec::len), Some(200));
    assert_eq!(p1.json()["next_page"], 2);
    let p2 = search_api(&mut api, "acme", "piet.peters@example.nl", Some(2)).await;
    assert_status(&p2, 200, "API second page");
    let page2 = p2.json()["hits"].clone();
    let ids1: Vec<String> = p1.json()["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["finding_id"].as_str().map(str::to_owned))
        .collect();
    let page2 = page2.as_array().cloned().unwrap_or_default();
    assert_eq!(page2.len(), 50);
    assert!(
        page2.iter().all(|h| !ids1
            .iter()
            .any(|id| h["finding_id"].as_str() == Some(id.as_str()))),
        "pages do not overlap"
    );
    assert!(p2.json()["next_page"].is_null());
}

#[tokio::test]
async fn every_member_who_sees_a_document_sees_who_corrected_it() {
    let (env, mut owner) = with_owner().await;
    let staff_id = add_user(&env, "acme", "staff@example.com", Role::Staff).await;
    add_user(&env, "acme", "auditor@example.com", Role::Auditor).await;
    assert_status(
        &upload_page(
            &mut owner,
            "acme",
            &[("brief.txt", "Beste Jan, tot morgen.\n")],
        )
        .await,
        303,
        "upload",
    );
    run_jobs(&env).await;
    let list = owner.get("/o/acme/documents/list").await;
    let id = document_links(&list.body, "acme")
        .into_iter()
        .next()
        .expect("a document");

    // The staff member corrects; the owner, the auditor and the staff member all see the name.
    let mut staff = login(&env, "staff@example.com", OWNER_PASSWORD).await;
    let page = staff.get(&format!("/o/acme/documents/{id}")).await;
    let fixed = staff
        .post_form(
            &format!("/o/acme/documents/{id}/correct"),
            &[("csrf", &page.csrf()), ("class", "contract")],
        )
        .await;
    assert_status(&fixed, 303, "staff corrects");
    let mut auditor = login(&env, "auditor@example.com", OWNER_PASSWORD).await;
    for (who, c) in [
        ("owner", &mut owner),
        ("auditor", &mut auditor),
        ("staff", &mut staff),
    ] {
        let detail = c.get(&format!("/o/acme/documents/{id}")).await;
        assert_status(&detail, 200, who);
        assert!(
            detail.body.contains("gecorrigeerd door Test Person"),
            "{who} sees the corrector's name: {}",
            detail.body
        );
    }

    // Showing a colleague's name decrypts it: audited, naming the field only.
    let owner_actor = {
        let s = env
            .app
            .session(owner.cookies.get("kluis_session").expect("cookie"))
            .await
            .expect("s")
            .expect("s");
        env.actor(&s.user.id, "acme").await
    };
    let reads = env
        .app
        .audit_events(
            &owner_actor,
            kluis_app::AuditFilter {
                page: 1,
                per_page: 100,
                action: Some("member.read".into()),
                ..kluis_app::AuditFilter::default()
            },
        )
        .await
        .expect("audit")
        .events;
    assert_eq!(
        reads.len(),
        2,
        "owner and auditor looked; the staff member's own name is not a read"
    );
    assert!(
        reads
            .iter()
            .all(|e| e.entity_id == staff_id.0 && e.fields == ["display_name"])
    );
    assert!(
        env.app
            .verify_audit(&owner_actor)
            .await
            .expect("verify")
            .is_ok()
    );

    // Once the corrector has left the organisation, the page says "a colleague".
    env.app
        .remove_member(&owner_actor, &staff_id)
        .await
        .expect("remove");
    let detail = auditor.get(&format!("/o/acme/documents/{id}")).await;
    assert!(
        detail.body.contains("gecorrigeerd door een collega"),
        "{}",
        detail.body
    );
}

/// An identifier search on the page: posted, with the form's CSRF token.
async fn search_page(c: &mut Client, org: &str, value: &str, page: Option<&str>) -> Resp {
    let form = c.get(&format!("/o/{org}/documents/identifiers")).await;
    assert_status(&form, 200, "search form");
    let csrf = form.csrf();
    let mut fields = vec![("csrf", csrf.as_str()), ("value", value)];
    if let Some(p) = page {
        fields.push(("page", p));
    }
    c.post_form(&format!("/o/{org}/documents/identifiers"), &fields)
        .await
}

/// An identifier search through the API: posted as JSON.
async fn search_api(api: &mut Client, org: &str, value: &str, page: Option<u32>) -> Resp {
    api.json(
        axum::http::Method::POST,
        &format!("/api/v1/orgs/{org}/identifiers"),
        serde_json::json!({ "value": value, "page": page }),
    )
    .await
}

/// Issue 13's documents faults through HTTP: a staff member cannot declassify a special document nor search a
/// BSN (page and API); uploads are limited per request; the API detail has one `findings` key; the reveal
/// button is styled to be seen.
#[tokio::test]
async fn staff_limits_upload_limits_and_the_api_detail() {
    let (env, mut owner) = with_owner().await;
    add_user(&env, "acme", "staff@example.com", Role::Staff).await;
    assert_status(
        &upload_page(&mut owner, "acme", &[("brief.txt", LETTER)]).await,
        303,
        "upload",
    );
    run_jobs(&env).await;
    let letter = document_links(&owner.get("/o/acme/documents/list").await.body, "acme")
        .into_iter()
        .next()
        .expect("the letter");
    let mut staff = login(&env, "staff@example.com", OWNER_PASSWORD).await;

    // Declassifying the special letter: refused for staff, page and API.
    let page = staff.get(&format!("/o/acme/documents/{letter}")).await;
    let down = staff
        .post_form(
            &format!("/o/acme/documents/{letter}/correct"),
            &[("csrf", &page.csrf()), ("personal_data", "generic")],
        )
        .await;
    assert_status(&down, 403, "staff declassify (page)");
    let mut staff_api =
        Client::with_bearer(env.router.clone(), &token_for(&env, &staff, "acme").await);
    let down = staff_api
        .json(
            Method::PATCH,
            &format!("/api/v1/orgs/acme/documents/{letter}"),
            json!({ "personal_data": "none" }),
        )
        .await;
    assert_status(&down, 403, "staff declassify (API)");
    assert_eq!(
        down.header("content-type"),
        Some("application/problem+json")
    );

    // National identification numbers: not for staff; e-mail addresses are.
    let bsn = search_page(&mut staff, "acme", "111222333", None).await;
    assert_status(&bsn, 403, "staff BSN search (page)");
    assert_eq!(bsn.header("cache-control"), Some("no-store"));
    assert_status(
        &search_api(&mut staff_api, "acme", "111 222 333", None).await,
        403,
        "staff BSN search (API)",
    );
    assert_status(
        &search_api(&mut staff_api, "acme", "jan.jansen@example.com", None).await,
        200,
        "staff e-mail search (API)",
    );
    // The old GET with the value in the URL is gone from the API.
    let old = staff_api
        .get("/api/v1/orgs/acme/identifiers?value=jan.jansen@example.com")
        .await;
    assert_eq!(old.status, 405, "no GET search");

    // One detail key per name: the list of findings, and their number under its own key.
    let mut api = Client::with_bearer(env.router.clone(), &token_for(&env, &owner, "acme").await);
    let d = api
        .get(&format!("/api/v1/orgs/acme/documents/{letter}"))
        .await;
    assert_status(&d, 200, "detail");
    assert_eq!(d.body.matches("\"findings\":").count(), 1, "{}", d.body);
    assert!(d.json()["findings"].is_array());
    assert!(d.json()["findings_total"].as_u64().is_some_and(|n| n >= 2));
    assert_eq!(d.json()["special_reasons"][0], "national_id");

    // At most 100 files per upload request.
    let names: Vec<String> = (0..101).map(|i| format!("f{i}.txt")).collect();
    let files: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "x")).collect();
    let many = upload_page(&mut owner, "acme", &files).await;
    assert_status(&many, 413, "too many files (page)");
    assert!(many.body.contains("100"), "says the limit");
    let res = api
        .send(
            Method::POST,
            "/api/v1/orgs/acme/documents",
            Some(&format!("multipart/form-data; boundary={BOUNDARY}")),
            multipart(None, &files),
            &[],
        )
        .await;
    assert_status(&res, 413, "too many files (API)");
    let list = api.get("/api/v1/orgs/acme/documents").await;
    assert_eq!(list.json()["total"], 1, "nothing stored");

    // Rescanned: queued again, and no longer "read in full" from the scan before.
    let before = owner.get(&format!("/o/acme/documents/{letter}")).await;
    assert!(before.body.contains("Volledig gelezen"));
    let rescan = owner
        .post_form(
            &format!("/o/acme/documents/{letter}/rescan"),
            &[("csrf", &before.csrf())],
        )
        .await;
    assert_status(&rescan, 303, "rescan");
    let queued = owner.get(&format!("/o/acme/documents/{letter}")).await;
    assert!(queued.body.contains("In de wachtrij"), "queued");
    assert!(
        !queued.body.contains("Volledig gelezen"),
        "not read in full while queued"
    );

    // The reveal button is not white on white.
    let css = owner.get("/static/kluis.css").await;
    assert!(
        css.body.contains("button.link { background: none; border: none; padding: 0; text-decoration: underline; color: var(--brand); }"),
        "reveal buttons have the link colour"
    );
}

/// Where a finding lies is shown in the reader's language: a CSV field by row and column, a nested archive the
/// scanner could not read to the bottom as partially scanned, never as read in full.
#[tokio::test]
async fn finding_locations_and_partial_scans_are_worded_for_the_reader() {
    let (env, mut owner) = with_owner().await;
    let res = upload_page(
        &mut owner,
        "acme",
        &[(
            "klanten.csv",
            "naam;email\nJan Jansen;jan.jansen@example.com\n",
        )],
    )
    .await;
    assert!(res.status.is_redirection(), "upload: {}", res.status);
    run_jobs(&env).await;
    let list = owner.get("/o/acme/documents/list").await;
    let id = document_links(&list.body, "acme")
        .into_iter()
        .next()
        .expect("the uploaded document");
    let detail = owner.get(&format!("/o/acme/documents/{id}")).await;
    assert_status(&detail, 200, "detail");
    assert!(
        detail.body.contains("rij 2, kolom 2"),
        "CSV location in Dutch: {}",
        &detail.body[..detail.body.len().min(4000)]
    );
}
