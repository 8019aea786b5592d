//! The audit log as a page for people (names, words, search), its checkpoints, and the API search, through HTTP.

use crate::client::{Client, Resp};
use crate::helpers::*;
use axum::http::Method;
use kluis_app::Role;
use serde_json::json;

const BOUNDARY: &str = "kluis-audit-boundary-51c9";

/// A multipart body with the CSRF field and a `checkpoint` file.
async fn upload_checkpoint(c: &mut Client, csrf: &str, file: &str) -> Resp {
    let body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"checkpoint\"; filename=\"cp.json\"\r\n\
         Content-Type: application/json\r\n\r\n{file}\r\n--{BOUNDARY}--\r\n"
    );
    c.send(
        Method::POST,
        "/o/acme/audit/checkpoint/verify",
        Some(&format!("multipart/form-data; boundary={BOUNDARY}")),
        body,
        &[],
    )
    .await
}

async fn owner_actor(env: &Env, c: &Client) -> kluis_app::Actor {
    let s = env
        .app
        .session(c.cookies.get("kluis_session").expect("cookie"))
        .await
        .expect("session")
        .expect("session");
    env.actor(&s.user.id, "acme").await
}

#[tokio::test]
async fn the_audit_page_names_people_actions_and_documents_in_words() {
    let (env, mut owner) = with_owner().await;
    let actor = owner_actor(&env, &owner).await;
    add_user(&env, "acme", "pia@example.com", Role::Staff).await;
    env.app
        .upload_document(&actor, "contract-jansen.txt", b"Huurcontract\n".to_vec())
        .await
        .expect("upload");
    let before = audit_of(&env, &actor).await.len();

    let page = owner.get("/o/acme/audit").await;
    assert_status(&page, 200, "audit page");
    for words in [
        "Olga Owner",
        "Test Person",
        "Lid toegevoegd",
        "Organisatie aangemaakt",
        "Beheer (opdrachtregel)",
        "Document geüpload",
        "contract-jansen.txt",
    ] {
        assert!(page.body.contains(words), "{words} missing:\n{}", page.body);
    }
    assert!(
        !page.body.contains(">member.add<"),
        "actions are shown in words, not codes"
    );
    // The names were decrypted to show them: that read is on record.
    let after = audit_of(&env, &actor).await;
    assert!(
        after[..after.len() - before]
            .iter()
            .any(|(_, a)| a == "member.list"),
        "reading names is audited: {after:?}"
    );
    // The free-text filter is a POST form: nothing typed into it ends up in a URL.
    assert!(
        page.body
            .contains("method=\"post\" action=\"/o/acme/audit/search\"")
    );

    let csrf = page.csrf();
    let by_name = owner
        .post_form(
            "/o/acme/audit/search",
            &[("csrf", &csrf), ("q", "test pers")],
        )
        .await;
    assert_status(&by_name, 200, "search by name");
    assert!(by_name.body.contains("Lid toegevoegd"), "{}", by_name.body);
    assert!(
        !by_name.body.contains("Organisatie aangemaakt"),
        "only events about or by the person: {}",
        by_name.body
    );
    let by_words = owner
        .post_form(
            "/o/acme/audit/search",
            &[("csrf", &csrf), ("q", "geüpload")],
        )
        .await;
    assert!(
        by_words.body.contains("contract-jansen.txt"),
        "{}",
        by_words.body
    );
    assert!(
        !by_words.body.contains("Lid toegevoegd"),
        "{}",
        by_words.body
    );
    let by_document = owner
        .post_form("/o/acme/audit/search", &[("csrf", &csrf), ("q", "JANSEN")])
        .await;
    assert!(
        by_document.body.contains("Document geüpload"),
        "{}",
        by_document.body
    );
    let later = owner
        .post_form(
            "/o/acme/audit/search",
            &[("csrf", &csrf), ("q", "test"), ("from", "2999-01-01")],
        )
        .await;
    assert_status(&later, 200, "date range");
    assert!(later.body.contains("Geen gebeurtenissen"), "{}", later.body);
    let no_csrf = owner
        .post_form("/o/acme/audit/search", &[("q", "test")])
        .await;
    assert_status(&no_csrf, 403, "search without CSRF token");
}

#[tokio::test]
async fn audit_checkpoints_download_and_check_on_the_page() {
    let (env, mut owner) = with_owner().await;
    let actor = owner_actor(&env, &owner).await;
    add_user(&env, "acme", "pia@example.com", Role::Staff).await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let download = owner
        .post_form("/o/acme/audit/checkpoint", &[("csrf", &csrf)])
        .await;
    assert_status(&download, 200, "checkpoint download");
    assert!(
        download
            .header("content-disposition")
            .is_some_and(|d| d.contains("attachment")),
        "{:?}",
        download.headers
    );
    let checkpoint = download.body.clone();
    assert!(
        checkpoint.contains("kluis-audit-checkpoint-v1"),
        "{checkpoint}"
    );

    let ok = upload_checkpoint(&mut owner, &csrf, &checkpoint).await;
    assert_status(&ok, 200, "check against checkpoint");
    assert!(ok.body.contains("onaangetast"), "{}", ok.body);

    let altered = checkpoint.replace("\"seq\": ", "\"seq\": 9");
    let refused = upload_checkpoint(&mut owner, &csrf, &altered).await;
    assert!(
        refused.body.contains("geen geldig controlepunt"),
        "{}",
        refused.body
    );

    kluis_store::testing::truncate_audit_chain(env.app.store(), &actor.org.id, 1).await;
    let cut = upload_checkpoint(&mut owner, &csrf, &checkpoint).await;
    assert_status(&cut, 200, "check after cutting the chain");
    assert!(cut.body.contains("controlepunt"), "{}", cut.body);
    assert!(!cut.body.contains("onaangetast"), "{}", cut.body);

    // A staff member has no access to the audit log, so neither to its checkpoints.
    let mut staff = login(&env, "pia@example.com", OWNER_PASSWORD).await;
    let staff_csrf = csrf_of(&mut staff, "acme").await;
    let forbidden = staff
        .post_form("/o/acme/audit/checkpoint", &[("csrf", &staff_csrf)])
        .await;
    assert_status(&forbidden, 403, "staff checkpoint");
}

#[tokio::test]
async fn the_audit_api_searches_by_name_in_the_body() {
    let (env, owner) = with_owner().await;
    let actor = owner_actor(&env, &owner).await;
    add_user(&env, "acme", "pia@example.com", Role::Staff).await;
    let token = env
        .app
        .create_api_token(&actor, "audit")
        .await
        .expect("token")
        .1;
    let mut api = Client::with_bearer(env.router.clone(), &token);
    let res = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/audit/search",
            json!({"q": "Test Person", "per_page": 10}),
        )
        .await;
    assert_status(&res, 200, "audit search");
    let events = res.json()["events"].as_array().cloned().unwrap_or_default();
    assert!(!events.is_empty(), "{}", res.body);
    assert!(
        events
            .iter()
            .all(|e| e["subject_name"] == "Test Person" || e["actor_name"] == "Test Person"),
        "{}",
        res.body
    );
    let words = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/audit/search",
            json!({"q": "member added"}),
        )
        .await;
    assert!(
        words.json()["events"]
            .as_array()
            .is_some_and(|e| !e.is_empty() && e.iter().all(|e| e["action"] == "member.add")),
        "{}",
        words.body
    );
    let bad = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/audit/search",
            json!({"q": "x", "from": "yesterday"}),
        )
        .await;
    assert_status(&bad, 400, "bad date");
    assert_eq!(bad.header("content-type"), Some("application/problem+json"));
}
