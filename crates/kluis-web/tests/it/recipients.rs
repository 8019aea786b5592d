//! The recipients module through HTTP: processors with agreements uploaded as documents, the Art. 28(3)
//! checklist, the compliance checks (missing, expired, expiring agreements; transfers without safeguard), staff
//! measures, refusals for staff, bad uploads, and the API.

use crate::client::{Client, Resp};
use crate::helpers::*;
use axum::http::Method;
use kluis_app::Role;
use serde_json::json;

const BOUNDARY: &str = "kluis-recipients-boundary-41c2";
const AGREEMENT_TEXT: &str =
    "Verwerkersovereenkomst tussen Acme BV en Hosting BV.\nArtikel 1: instructies.\n";

/// A multipart body: text fields, then at most one file `(name, bytes)` in the part `document`.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"document\"; filename=\"{name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn post_multipart(c: &mut Client, path: &str, body: Vec<u8>) -> Resp {
    let ct = format!("multipart/form-data; boundary={BOUNDARY}");
    // The test client sends text bodies; every byte the tests send is ASCII.
    let text = String::from_utf8(body).expect("ascii test body");
    c.send(Method::POST, path, Some(&ct), text, &[]).await
}

/// Creates a recipient through the page form; returns its id (from the redirect).
async fn create_via_page(c: &mut Client, csrf: &str, fields: &[(&str, &str)]) -> String {
    let mut all = vec![("csrf", csrf)];
    all.extend_from_slice(fields);
    let res = c.post_form("/o/acme/recipients", &all).await;
    assert_status(&res, 303, "create recipient");
    let loc = res.location().unwrap_or_default().to_owned();
    loc.trim_start_matches("/o/acme/recipients/")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The rule keys of the organisation's compliance findings (module checks and register rules).
async fn finding_ids(env: &Env, actor: &kluis_app::Actor) -> Vec<String> {
    let report = env.app.compliance_report(actor).await.expect("report");
    report.findings.iter().map(|f| f.id.clone()).collect()
}

/// How many findings of `ids` are about an agreement that is missing, incomplete or expired.
fn wanting(ids: &[String]) -> usize {
    ids.iter()
        .filter(|i| {
            [
                "recipient.agreement_missing",
                "recipient.agreement_incomplete",
                "agreement.expired",
            ]
            .contains(&i.as_str())
        })
        .count()
}

/// How many findings of `ids` are about a transfer outside the EEA without a safeguard.
fn unsafe_transfers(ids: &[String]) -> usize {
    ids.iter()
        .filter(|i| {
            [
                "recipient.transfer_no_safeguard",
                "recipient.subprocessor_transfer_no_safeguard",
            ]
            .contains(&i.as_str())
        })
        .count()
}

fn date_in(days: i64) -> String {
    (time::OffsetDateTime::now_utc().date() + time::Duration::days(days)).to_string()
}

#[tokio::test]
async fn an_agreement_uploaded_on_the_page_is_a_document_and_its_checklist_decides_the_state() {
    let (env, mut owner) = with_owner().await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let id = create_via_page(
        &mut owner,
        &csrf,
        &[
            ("name", "Hosting BV"),
            ("recipient_role", "processor"),
            ("country", "nl"),
            ("services", "webhosting"),
        ],
    )
    .await;
    let page = owner.get(&format!("/o/acme/recipients/{id}")).await;
    assert_status(&page, 200, "recipient page");
    assert!(page.body.contains("Ontbreekt"), "no agreement yet: missing");

    // Every point but (h).
    let mut fields = vec![
        ("csrf", csrf.as_str()),
        ("signed_on", "2026-01-15"),
        ("authorisation", "general"),
    ];
    for f in [
        "documented_instructions",
        "confidentiality",
        "security",
        "sub_processors",
        "data_subject_rights",
        "assists_compliance",
        "deletion_or_return",
    ] {
        fields.push((f, "1"));
    }
    let res = post_multipart(
        &mut owner,
        &format!("/o/acme/recipients/{id}/agreements"),
        multipart(
            &fields,
            Some(("verwerkersovereenkomst.pdf", AGREEMENT_TEXT.as_bytes())),
        ),
    )
    .await;
    assert_status(&res, 303, "agreement with document");

    let page = owner.get(&format!("/o/acme/recipients/{id}")).await;
    assert!(
        page.body.contains("Onvolledig: punten h ontbreken"),
        "incomplete: {}",
        page.body
    );
    // The stored document is linked and listed among the documents, queued for its scan like any upload.
    let actor = session_actor(&env, &owner, "acme").await;
    let view = env.app.recipient(&actor, &id).await.expect("recipient");
    let doc = view.recipient.agreements[0]
        .document_id
        .expect("document linked")
        .to_string();
    assert!(page.body.contains(&format!("/o/acme/documents/{doc}")));
    let list = owner.get("/o/acme/documents/list").await;
    assert!(
        list.body.contains("verwerkersovereenkomst.pdf"),
        "the agreement is a document"
    );
    crate::documents::run_jobs(&env).await;
    let detail = env.app.document(&actor, &doc).await.expect("document");
    assert!(
        !detail.summary.status.is_pending(),
        "scanned like every document"
    );
    let events: Vec<String> = audit_of(&env, &actor)
        .await
        .into_iter()
        .map(|(_, a)| a)
        .collect();
    for a in [
        "register.recipient.create",
        "document.upload",
        "register.agreement.add",
    ] {
        assert!(events.iter().any(|e| e == a), "{a} in {events:?}");
    }

    // Ticking (h) too makes it valid.
    let agreement = view.recipient.agreements[0].id.to_string();
    fields.push(("audits", "1"));
    let res = owner
        .post_form(
            &format!("/o/acme/recipients/{id}/agreements/{agreement}"),
            &fields,
        )
        .await;
    assert_status(&res, 303, "agreement update");
    let page = owner.get(&format!("/o/acme/recipients/{id}")).await;
    assert!(page.body.contains("Geldig"), "valid: {}", page.body);
    let list = owner.get("/o/acme/recipients").await;
    assert!(list.body.contains("Hosting BV") && list.body.contains("state-valid"));
}

#[tokio::test]
async fn expired_agreements_and_transfers_without_safeguard_are_flagged() {
    let (env, mut owner) = with_owner().await;
    let token = owner_token(&env, &owner).await;
    let mut api = Client::with_bearer(env.router.clone(), &token);
    let actor = session_actor(&env, &owner, "acme").await;

    let res = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/recipients",
            json!({
                "name": "Mailer Inc", "role": "processor", "country": "NL",
                "sub_processors": [{"name": "Cloud Corp", "country": "us", "service": "hosting"}],
                "categories": ["user.contact.email"]
            }),
        )
        .await;
    assert_status(&res, 201, "create via API");
    let r = res.json();
    let id = r["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(r["agreement_state"], "missing");
    assert_eq!(r["unsafe_transfers"][0]["country"], "US");

    let ids = finding_ids(&env, &actor).await;
    assert_eq!(wanting(&ids), 1, "{ids:?}");
    assert_eq!(unsafe_transfers(&ids), 1, "{ids:?}");
    let page = owner.get("/o/acme/compliance").await;
    assert!(
        page.body.contains("Mailer Inc") && page.body.contains("/o/acme/recipients/"),
        "the compliance page names the processor and links to it: {}",
        page.body
    );

    // A complete agreement that ended yesterday: expired, still wanting.
    let complete = json!({
        "documented_instructions": true, "confidentiality": true, "security": true, "sub_processors": true,
        "data_subject_rights": true, "assists_compliance": true, "deletion_or_return": true, "audits": true
    });
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/recipients/{id}/agreements"),
            json!({"signed_on": "2020-01-01", "expires_on": date_in(-1), "checklist": complete}),
        )
        .await;
    assert_status(&res, 201, "expired agreement");
    let r = api
        .get(&format!("/api/v1/orgs/acme/recipients/{id}"))
        .await
        .json();
    assert_eq!(r["agreement_state"], "expired");
    let ids = finding_ids(&env, &actor).await;
    assert_eq!(wanting(&ids), 1, "{ids:?}");
    assert!(ids.iter().any(|i| i == "agreement.expired"), "{ids:?}");

    // A safeguard covers the transfer; a new agreement ending within 60 days is "expiring", no longer wanting.
    let res = api
        .json(
            Method::PUT,
            &format!("/api/v1/orgs/acme/recipients/{id}"),
            json!({
                "name": "Mailer Inc", "role": "processor", "country": "NL",
                "sub_processors": [{"name": "Cloud Corp", "country": "US", "service": "hosting"}],
                "transfer_safeguard": "standard_contractual_clauses"
            }),
        )
        .await;
    assert_status(&res, 200, "update via API");
    assert_eq!(res.json()["version"], 2);
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/recipients/{id}/agreements"),
            json!({"signed_on": "2026-01-01", "expires_on": date_in(30), "checklist": complete}),
        )
        .await;
    assert_status(&res, 201, "expiring agreement");
    let ids = finding_ids(&env, &actor).await;
    assert_eq!(wanting(&ids), 0, "{ids:?}");
    assert_eq!(unsafe_transfers(&ids), 0, "{ids:?}");
    assert!(
        ids.iter().any(|i| i == "recipients.agreement_expiring"),
        "{ids:?}"
    );
}

#[tokio::test]
async fn staff_measures_are_recorded_and_staff_and_auditors_only_read() {
    let (env, mut owner) = with_owner().await;
    let staff_id = add_user(&env, "acme", "staff@example.com", Role::Staff).await;
    add_user(&env, "acme", "auditor@example.com", Role::Auditor).await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let res = owner
        .post_form(
            "/o/acme/staff-measures",
            &[
                ("csrf", &csrf),
                ("user", staff_id.as_str()),
                ("kind", "privacy_training"),
                ("date", "2026-11-20"),
                ("subject", "Privacybewustzijn 2026"),
            ],
        )
        .await;
    assert_status(&res, 303, "record training");
    let res = owner
        .post_form(
            "/o/acme/staff-measures",
            &[
                ("csrf", &csrf),
                ("user", staff_id.as_str()),
                ("kind", "privacy_training"),
                ("date", "2026-11-20"),
                ("subject", ""),
            ],
        )
        .await;
    assert_status(&res, 422, "a measure needs a subject");
    assert!(res.body.contains("Zeg wat er is verklaard of getraind"));

    for who in ["staff@example.com", "auditor@example.com"] {
        let mut c = login(&env, who, OWNER_PASSWORD).await;
        let page = c.get("/o/acme/staff-measures").await;
        assert_status(&page, 200, "staff measures page");
        assert!(page.body.contains("Privacybewustzijn 2026"));
        assert!(!page.body.contains("name=\"subject\""), "no form for {who}");
        let csrf = csrf_of(&mut c, "acme").await;
        let res = c
            .post_form(
                "/o/acme/staff-measures",
                &[
                    ("csrf", &csrf),
                    ("user", staff_id.as_str()),
                    ("kind", "confidentiality_declaration"),
                    ("date", "2026-11-21"),
                    ("subject", "NDA"),
                ],
            )
            .await;
        assert_status(&res, 403, "no staff measure changes");
        let res = c
            .post_form("/o/acme/recipients", &[("csrf", &csrf), ("name", "X")])
            .await;
        assert_status(&res, 403, "no recipient changes");
        let page = c.get("/o/acme/recipients").await;
        assert_status(&page, 200, "reads the list");
    }
    let staff_actor = env.actor(&staff_id, "acme").await;
    let (_, secret) = env
        .app
        .create_api_token(&staff_actor, "k")
        .await
        .expect("token");
    let mut api = Client::with_bearer(env.router.clone(), &secret);
    let res = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/recipients",
            json!({"name": "X"}),
        )
        .await;
    assert_status(&res, 403, "API refuses staff");
    let list = api
        .get(&format!(
            "/api/v1/orgs/acme/staff-measures?user_id={}",
            staff_id.as_str()
        ))
        .await;
    assert_status(&list, 200, "API lists measures");
    assert_eq!(list.json()[0]["kind"], "privacy_training");
    assert_eq!(list.json()[0]["date"], "2026-11-20");

    // The owner removes it.
    let id = list.json()[0]["id"].as_str().unwrap_or_default().to_owned();
    let res = owner
        .post_form(
            &format!("/o/acme/staff-measures/{id}/remove"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_status(&res, 303, "remove");
    let list = api.get("/api/v1/orgs/acme/staff-measures").await;
    assert_eq!(list.json().as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn empty_oversize_and_foreign_agreement_files_are_refused_and_nothing_is_stored() {
    let env = fresh_with_config(kluis_web::WebOptions::default(), |c| {
        c.max_document_size = 1024 * 1024;
    })
    .await;
    let mut owner = setup_via_pages(&env).await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let id = create_via_page(&mut owner, &csrf, &[("name", "Hosting BV")]).await;
    let path = format!("/o/acme/recipients/{id}/agreements");
    let fields = [("csrf", csrf.as_str()), ("security", "1")];

    let res = post_multipart(
        &mut owner,
        &path,
        multipart(&fields, Some(("leeg.pdf", b""))),
    )
    .await;
    assert_status(&res, 422, "empty file");
    assert!(res.body.contains("het bestand is leeg"), "{}", res.body);

    let big = vec![b'x'; 1024 * 1024 + 1];
    let res = post_multipart(
        &mut owner,
        &path,
        multipart(&fields, Some(("groot.pdf", &big))),
    )
    .await;
    assert_status(&res, 422, "oversize file");
    assert!(
        res.body.contains("groter dan de limiet van 1 MB"),
        "{}",
        res.body
    );

    let res = post_multipart(
        &mut owner,
        &path,
        multipart(&fields, Some(("setup.exe", b"MZ..."))),
    )
    .await;
    assert_status(&res, 422, "wrong type");
    assert!(res.body.contains("Sla de overeenkomst op als PDF"));

    let token = owner_token(&env, &owner).await;
    let mut api = Client::with_bearer(env.router.clone(), &token);
    let body = multipart(
        &[("agreement", "{\"notes\": \"x\"}")],
        Some(("leeg.pdf", b"")),
    );
    let ct = format!("multipart/form-data; boundary={BOUNDARY}");
    let res = api
        .send(
            Method::POST,
            &format!("/api/v1/orgs/acme/recipients/{id}/agreements"),
            Some(&ct),
            String::from_utf8(body).expect("ascii"),
            &[],
        )
        .await;
    assert_status(&res, 422, "API empty file");
    assert!(
        res.body.contains("empty") || res.body.contains("leeg"),
        "{}",
        res.body
    );

    let actor = session_actor(&env, &owner, "acme").await;
    assert!(
        env.app
            .recipient(&actor, &id)
            .await
            .expect("recipient")
            .recipient
            .agreements
            .is_empty(),
        "no agreement stored"
    );
    let docs = owner.get("/o/acme/documents/list").await;
    assert!(
        !docs.body.contains("groot.pdf")
            && !docs.body.contains("leeg.pdf")
            && !docs.body.contains("setup.exe"),
        "no document stored"
    );
}

#[tokio::test]
async fn the_api_creates_reads_changes_and_deletes_recipients_and_agreements() {
    let (env, owner) = with_owner().await;
    let token = owner_token(&env, &owner).await;
    let mut api = Client::with_bearer(env.router.clone(), &token);

    let res = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/recipients",
            json!({"name": "Belastingdienst", "role": "third_party", "country": "NL"}),
        )
        .await;
    assert_status(&res, 201, "third party");
    assert_eq!(res.json()["agreement_state"], "not_needed");
    let res = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/recipients",
            json!({"name": "X", "role": "friend"}),
        )
        .await;
    assert_status(&res, 422, "unknown role");
    assert!(
        res.header("content-type")
            .unwrap_or("")
            .contains("problem+json")
    );
    let res = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/recipients",
            json!({"name": "X", "country": "Nederland"}),
        )
        .await;
    assert_status(&res, 422, "country code");

    let res = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/recipients",
            json!({"name": "Loonbureau", "country": "BE"}),
        )
        .await;
    let id = res.json()["id"].as_str().unwrap_or_default().to_owned();
    // Multipart: the fields as JSON in `agreement`, the signed document as a file.
    let body = multipart(
        &[(
            "agreement",
            r#"{"signed_on": "2026-02-01", "review_on": "2030-01-01", "sub_processor_authorisation": "specific", "checklist": {"security": true}}"#,
        )],
        Some(("dpa.txt", AGREEMENT_TEXT.as_bytes())),
    );
    let ct = format!("multipart/form-data; boundary={BOUNDARY}");
    let res = api
        .send(
            Method::POST,
            &format!("/api/v1/orgs/acme/recipients/{id}/agreements"),
            Some(&ct),
            String::from_utf8(body).expect("ascii"),
            &[],
        )
        .await;
    assert_status(&res, 201, "agreement multipart");
    let a = res.json();
    let agreement = a["id"].as_str().unwrap_or_default().to_owned();
    let doc = a["document_id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(a["sub_processor_authorisation"], "specific");
    let res = api.get(&format!("/api/v1/orgs/acme/documents/{doc}")).await;
    assert_status(&res, 200, "the document is in the documents API");

    let res = api
        .json(
            Method::PUT,
            &format!("/api/v1/orgs/acme/recipients/{id}/agreements/{agreement}"),
            json!({"signed_on": "2026-02-01", "expires_on": "2025-01-01"}),
        )
        .await;
    assert_status(&res, 422, "ends before signed");
    let res = api
        .json(
            Method::PUT,
            &format!("/api/v1/orgs/acme/recipients/{id}/agreements/{agreement}"),
            json!({"signed_on": "2026-02-01", "checklist": {"security": true, "audits": true}}),
        )
        .await;
    assert_status(&res, 200, "agreement update");
    assert_eq!(
        res.json()["document_id"],
        doc.as_str(),
        "the document stays linked"
    );
    let r = api
        .get(&format!("/api/v1/orgs/acme/recipients/{id}"))
        .await
        .json();
    assert_eq!(r["agreement_state"], "incomplete");
    assert_eq!(r["missing_points"], json!(["a", "b", "d", "e", "f", "g"]));

    let res = api
        .send(
            Method::DELETE,
            &format!("/api/v1/orgs/acme/recipients/{id}/agreements/{agreement}"),
            None,
            String::new(),
            &[],
        )
        .await;
    assert_status(&res, 204, "agreement removed");
    let res = api
        .send(
            Method::DELETE,
            &format!("/api/v1/orgs/acme/recipients/{id}"),
            None,
            String::new(),
            &[],
        )
        .await;
    assert_status(&res, 204, "recipient deleted");
    let res = api.get(&format!("/api/v1/orgs/acme/recipients/{id}")).await;
    assert_status(&res, 404, "gone");
    let res = api.get(&format!("/api/v1/orgs/acme/documents/{doc}")).await;
    assert_status(&res, 200, "the signed document stays a document");
    let list = api.get("/api/v1/orgs/acme/recipients").await.json();
    assert_eq!(list.as_array().map(Vec::len), Some(1));

    let spec: serde_json::Value =
        serde_json::from_str(&kluis_web::openapi_json()).expect("openapi");
    for p in [
        "/api/v1/orgs/{org}/recipients",
        "/api/v1/orgs/{org}/recipients/{recipient}/agreements",
        "/api/v1/orgs/{org}/staff-measures",
    ] {
        assert!(spec["paths"][p].is_object(), "{p} documented");
    }
}

/// Whether `body` holds the catalogue text of `key` in Dutch or in English.
fn contains_either(body: &str, key: &str) -> bool {
    use kluis_web::i18n::{Lang, Tr};
    [Lang::Nl, Lang::En]
        .into_iter()
        .any(|l| body.contains(Tr::new(l).t(key)))
}

/// The recipient's versions as (subject, event, changed) from the history API.
fn history_of(res: &Resp) -> Vec<(String, String, Vec<String>)> {
    res.json()["versions"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|v| {
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
            let changed = v["changed"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .iter()
                .map(|c| c.as_str().unwrap_or_default().to_owned())
                .collect();
            (s("subject"), s("event"), changed)
        })
        .collect()
}

#[tokio::test]
async fn the_register_as_of_a_past_date_shows_recipients_as_they_were_and_their_history_says_who_changed_what()
 {
    let (env, owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    let token = owner_token(&env, &owner).await;
    let mut api = Client::with_bearer(env.router.clone(), &token);
    let res = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/recipients",
            json!({"name": "Hosting BV", "country": "NL", "contact": "dpo-geheim@hosting.example"}),
        )
        .await;
    assert_status(&res, 201, "processor");
    let id = res.json()["id"].as_str().unwrap_or_default().to_owned();
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/recipients/{id}/agreements"),
            json!({"signed_on": "2026-01-10", "checklist": {"security": true}}),
        )
        .await;
    assert_status(&res, 201, "agreement");
    let agreement = res.json()["id"].as_str().unwrap_or_default().to_owned();

    // Everything so far happened ten days ago; the register of five days ago is that state.
    kluis_store::testing::execute_raw(
        env.app.store(),
        "UPDATE register_recipient_versions SET at = at - 864000000",
    )
    .await;
    let today = time::OffsetDateTime::now_utc().date();
    let d = today - time::Duration::days(5);

    let res = api
        .json(
            Method::PUT,
            &format!("/api/v1/orgs/acme/recipients/{id}"),
            json!({"name": "Hosting BV", "country": "US", "contact": "dpo-geheim@hosting.example",
                   "transfer_safeguard": "standard_contractual_clauses"}),
        )
        .await;
    assert_status(&res, 200, "moved to the US");
    let res = api
        .json(
            Method::PUT,
            &format!("/api/v1/orgs/acme/recipients/{id}/agreements/{agreement}"),
            json!({"signed_on": "2026-01-10", "checklist": {"security": true, "audits": true}}),
        )
        .await;
    assert_status(&res, 200, "agreement changed");

    let then = env
        .app
        .register_snapshot(&actor, Some(d))
        .await
        .expect("as of");
    assert_eq!(then.recipients.len(), 1);
    assert_eq!(then.recipients[0].country, "NL", "the country of that date");
    assert_eq!(then.recipients[0].agreements.len(), 1);
    assert!(
        !then.recipients[0].agreements[0].checklist.audits,
        "the agreement of that date"
    );
    let now = env.app.register_snapshot(&actor, None).await.expect("now");
    assert_eq!(now.recipients[0].country, "US");
    assert!(now.recipients[0].agreements[0].checklist.audits);
    let long_ago = today - time::Duration::days(30);
    let before = env
        .app
        .register_snapshot(&actor, Some(long_ago))
        .await
        .expect("before");
    assert!(before.recipients.is_empty(), "not there yet");

    let res = api
        .send(
            Method::DELETE,
            &format!("/api/v1/orgs/acme/recipients/{id}"),
            None,
            String::new(),
            &[],
        )
        .await;
    assert_status(&res, 204, "deleted");
    let then = env
        .app
        .register_snapshot(&actor, Some(d))
        .await
        .expect("as of");
    assert_eq!(then.recipients.len(), 1, "deleted since, shown as it was");
    assert_eq!(then.recipients[0].country, "NL");
    let now = env.app.register_snapshot(&actor, None).await.expect("now");
    assert!(now.recipients.is_empty());
    assert_eq!(
        env.app.register_changed(&actor).await.expect("changed"),
        Some(today),
        "the deletion is a change of the register"
    );

    // The history, in the API: who, when, what, which fields; the deletion is on record.
    let res = api
        .get(&format!("/api/v1/orgs/acme/recipients/{id}/history"))
        .await;
    assert_status(&res, 200, "history API");
    assert_eq!(res.json()["deleted"], true);
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let h = history_of(&res);
    assert_eq!(h.len(), 6, "{h:?}");
    assert_eq!((h[0].0.as_str(), h[0].1.as_str()), ("recipient", "create"));
    assert_eq!(
        h[2],
        (
            "recipient".into(),
            "update".into(),
            s(&["country", "transfer_safeguard"])
        )
    );
    assert_eq!(
        h[3],
        ("agreement".into(), "update".into(), s(&["checklist"]))
    );
    assert_eq!((h[4].0.as_str(), h[4].1.as_str()), ("recipient", "delete"));
    assert_eq!((h[5].0.as_str(), h[5].1.as_str()), ("agreement", "delete"));
    let versions = res.json()["versions"].clone();
    assert!(
        versions
            .as_array()
            .is_some_and(|v| v.iter().all(|e| e["actor"] == actor.user_id.as_str()))
    );
    assert!(!res.body.contains("dpo-geheim"), "no values in the history");
    let res = api
        .get("/api/v1/orgs/acme/recipients/0190a000-0000-7000-8000-000000000000/history")
        .await;
    assert_status(&res, 404, "no such recipient");

    // The page, readable by staff and auditors like the register.
    add_user(&env, "acme", "staff@example.com", Role::Staff).await;
    add_user(&env, "acme", "auditor@example.com", Role::Auditor).await;
    for email in ["staff@example.com", "auditor@example.com"] {
        let mut c = login(&env, email, OWNER_PASSWORD).await;
        let page = c.get(&format!("/o/acme/recipients/{id}/history")).await;
        assert_status(&page, 200, email);
        assert!(page.body.contains("Hosting BV"));
        assert!(page.body.contains("Olga Owner"), "who, by name");
        assert!(contains_either(&page.body, "recipients-field-country"));
        assert!(contains_either(
            &page.body,
            "recipients-history-recipient-delete"
        ));
        assert!(!page.body.contains("dpo-geheim"), "no values on the page");
    }
}

#[tokio::test]
async fn a_recipient_page_links_its_history() {
    let (_env, mut owner) = with_owner().await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let id = create_via_page(
        &mut owner,
        &csrf,
        &[("name", "Boekhouder"), ("country", "NL")],
    )
    .await;
    let page = owner.get(&format!("/o/acme/recipients/{id}")).await;
    assert!(
        page.body
            .contains(&format!("/o/acme/recipients/{id}/history"))
    );
    let history = owner.get(&format!("/o/acme/recipients/{id}/history")).await;
    assert_status(&history, 200, "history page");
    assert!(contains_either(
        &history.body,
        "recipients-history-recipient-create"
    ));
}
