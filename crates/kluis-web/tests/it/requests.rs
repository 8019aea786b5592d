//! Data-subject requests through HTTP: registering one (pages and API) sets the Art. 12(3) deadline, the steps
//! follow the domain's rules (an extension only within the first month), an overdue request is a compliance
//! finding until it is answered, the roles, and the requester's address encrypted at rest.

use crate::client::Client;
use crate::helpers::*;
use axum::http::Method;
use kluis_app::Role;
use kluis_web::WebOptions;
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .expect("format")
}

/// Registers a request through the API; returns its JSON.
async fn register(api: &mut Client, received_at: Option<OffsetDateTime>, email: &str) -> Value {
    let mut body = json!({
        "kind": "access",
        "channel": "email",
        "requester_name": "Rita Requester",
        "requester_email": email,
    });
    if let Some(t) = received_at {
        body["received_at"] = json!(rfc3339(t));
    }
    let res = api
        .json(Method::POST, "/api/v1/orgs/acme/requests", body)
        .await;
    assert_status(&res, 201, "register a request");
    res.json()
}

async fn step(api: &mut Client, id: &str, body: Value) -> crate::client::Resp {
    api.json(
        Method::POST,
        &format!("/api/v1/orgs/acme/requests/{id}/steps"),
        body,
    )
    .await
}

async fn owner_api(env: &Env, owner: &Client) -> Client {
    Client::with_bearer(env.router.clone(), &owner_token(env, owner).await)
}

#[tokio::test]
async fn the_due_date_is_receipt_plus_one_month_clamped_to_the_month_end() {
    let (env, mut owner) = with_owner().await;
    let mut api = owner_api(&env, &owner).await;
    // Noon on 31 January in Amsterdam: due on the last day of February.
    let r = register(
        &mut api,
        Some(time::macros::datetime!(2026-01-31 11:00 UTC)),
        "rita@example.com",
    )
    .await;
    assert_eq!(r["received_on"], "2026-01-31");
    assert_eq!(r["due_on"], "2026-02-28");
    assert_eq!(r["status"], "received");
    assert_eq!(r["article"], "Art. 15");
    assert_eq!(r["deadline"], "overdue");
    assert_eq!(r["requester_email"], "rita@example.com");
    // 23:30 UTC on 31 January is already 1 February in Amsterdam: due 1 March.
    let r = register(
        &mut api,
        Some(time::macros::datetime!(2026-01-31 23:30 UTC)),
        "rita@example.com",
    )
    .await;
    assert_eq!(r["received_on"], "2026-02-01");
    assert_eq!(r["due_on"], "2026-03-01");

    // Through the form, in a leap year: 29 February. One event for the registration.
    let actor = session_actor(&env, &owner, "acme").await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let form = owner.get("/o/acme/requests/new").await;
    assert_status(&form, 200, "the form");
    assert!(form.body.contains("request-kind") || form.body.contains("Inzage"));
    let before = audit_of(&env, &actor).await;
    let res = owner
        .post_form(
            "/o/acme/requests",
            &[
                ("csrf", &csrf),
                ("kind", "erasure"),
                ("channel", "letter"),
                ("requester_name", "Piet Brief"),
                ("requester_email", "piet@example.com"),
                ("received_on", "2024-01-31"),
                ("received_time", "10:15"),
            ],
        )
        .await;
    assert_status(&res, 303, "register through the form");
    let after = audit_of(&env, &actor).await;
    let added: Vec<_> = after.iter().filter(|e| !before.contains(e)).collect();
    assert_eq!(added.len(), 1, "{added:?}");
    assert_eq!(added[0].1, "request.create");
    let location = res.location().unwrap_or_default().to_owned();
    assert!(location.starts_with("/o/acme/requests/"), "{location}");
    let page = owner.get(&location).await;
    assert_status(&page, 200, "the request");
    assert!(page.body.contains("piet@example.com"));
    assert!(page.body.contains("Art. 17"));
    let id = location
        .trim_start_matches("/o/acme/requests/")
        .split('?')
        .next()
        .unwrap_or_default();
    let r = api.get(&format!("/api/v1/orgs/acme/requests/{id}")).await;
    assert_eq!(r.json()["due_on"], "2024-02-29");
    assert_eq!(r.json()["channel"], "letter");

    // A refused value keeps the form and appends nothing.
    let before = audit_of_changes(&env, &actor).await;
    let res = owner
        .post_form(
            "/o/acme/requests",
            &[
                ("csrf", &csrf),
                ("kind", "access"),
                ("requester_name", "Piet"),
                ("requester_email", "not an address"),
            ],
        )
        .await;
    assert_status(&res, 422, "a bad address");
    assert!(res.body.contains("Piet"));
    assert_eq!(audit_of_changes(&env, &actor).await, before);
    // The API names the field.
    let res = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/requests",
            json!({"kind": "access", "requester_name": "X", "requester_email": "x@example.com",
                   "received_at": rfc3339(OffsetDateTime::now_utc() + Duration::days(2))}),
        )
        .await;
    assert_status(&res, 422, "a request from the future");
    assert!(res.body.contains("received_at"), "{}", res.body);
}

#[tokio::test]
async fn an_extension_within_the_first_month_works_and_after_it_is_refused() {
    let (env, mut owner) = with_owner().await;
    let mut api = owner_api(&env, &owner).await;
    let today = OffsetDateTime::now_utc().date().to_string();
    let fresh = register(&mut api, None, "fresh@example.com").await;
    let id = fresh["id"].as_str().unwrap_or_default().to_owned();
    assert_eq!(fresh["extension_possible_until"], fresh["due_on"]);
    let res = step(
        &mut api,
        &id,
        json!({"step": "extend", "notice_sent_on": today, "reason": "Many documents in several systems"}),
    )
    .await;
    assert_status(&res, 200, "extend in time");
    let r = res.json();
    assert_eq!(r["status"], "extended");
    assert_eq!(r["extended"], true);
    let received = time::Date::parse(
        r["received_on"].as_str().unwrap_or_default(),
        &time::macros::format_description!("[year]-[month]-[day]"),
    )
    .expect("date");
    let due = kluis_domain::deadlines::answer_deadline(received, true).expect("due");
    assert_eq!(r["due_on"], due.to_string());
    assert_eq!(r["extension_possible_until"], Value::Null);
    // Once only.
    let res = step(
        &mut api,
        &id,
        json!({"step": "extend", "notice_sent_on": today, "reason": "again"}),
    )
    .await;
    assert_status(&res, 409, "a second extension");

    // Forty days after receipt the first month is over: refused, with a clear reason, and nothing appended.
    let actor = session_actor(&env, &owner, "acme").await;
    let late = register(
        &mut api,
        Some(OffsetDateTime::now_utc() - Duration::days(40)),
        "late@example.com",
    )
    .await;
    let late_id = late["id"].as_str().unwrap_or_default().to_owned();
    let before = audit_of_changes(&env, &actor).await;
    let res = step(
        &mut api,
        &late_id,
        json!({"step": "extend", "notice_sent_on": today, "reason": "Many documents"}),
    )
    .await;
    assert_status(&res, 422, "extend too late");
    assert!(
        res.body.contains("too late") && res.body.contains("first month"),
        "{}",
        res.body
    );
    assert_eq!(audit_of_changes(&env, &actor).await, before);
    // The page says so in words and offers no extension form.
    let csrf = csrf_of(&mut owner, "acme").await;
    let res = owner
        .post_form(
            &format!("/o/acme/requests/{late_id}/steps"),
            &[
                ("csrf", &csrf),
                ("step", "extend"),
                ("notice_sent_on", &today),
                ("reason", "Many documents"),
            ],
        )
        .await;
    assert_status(&res, 303, "the page's refusal");
    let location = res.location().unwrap_or_default().to_owned();
    assert!(
        location.contains("error=request-extension-too-late"),
        "{location}"
    );
    let page = owner.get(&location).await;
    assert!(
        page.body
            .contains("Te laat om te verlengen: het bericht moet binnen de eerste maand"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("name=\"notice_sent_on\""));
    let r = api
        .get(&format!("/api/v1/orgs/acme/requests/{late_id}"))
        .await
        .json();
    assert_eq!(r["status"], "received");
    assert_eq!(r["extended"], false);
}

#[tokio::test]
async fn an_overdue_request_is_a_compliance_finding_until_it_is_answered() {
    let (env, mut owner) = with_owner().await;
    let mut api = owner_api(&env, &owner).await;
    let overdue = register(
        &mut api,
        Some(OffsetDateTime::now_utc() - Duration::days(40)),
        "late@example.com",
    )
    .await;
    let id = overdue["id"].as_str().unwrap_or_default().to_owned();
    // 26 days ago: due in four or five days, depending on the month.
    let soon = register(
        &mut api,
        Some(OffsetDateTime::now_utc() - Duration::days(26)),
        "soon@example.com",
    )
    .await;
    let soon_id = soon["id"].as_str().unwrap_or_default().to_owned();
    let findings = |doc: Value| doc["findings"].as_array().cloned().unwrap_or_default();
    let doc = api.get("/api/v1/orgs/acme/compliance").await.json();
    let all = findings(doc);
    let f = all
        .iter()
        .find(|f| f["rule"] == "requests.overdue")
        .unwrap_or_else(|| panic!("overdue finding in {all:?}"));
    assert_eq!(f["severity"], "high");
    assert_eq!(f["article"], "Art. 12(3)");
    assert_eq!(f["fix_path"], format!("/o/acme/requests/{id}"));
    let s = all
        .iter()
        .find(|f| f["rule"] == "requests.due_soon")
        .unwrap_or_else(|| panic!("due-soon finding in {all:?}"));
    assert_eq!(s["severity"], "medium");
    assert_eq!(s["fix_path"], format!("/o/acme/requests/{soon_id}"));
    // The compliance page shows it with its words and the link.
    let page = owner.get("/o/acme/compliance").await;
    assert!(page.body.contains(&format!("/o/acme/requests/{id}")));
    assert!(page.body.contains("dagen te laat"), "{}", page.body);
    // The dashboard shows both, whatever the step plan puts first.
    let dash = owner.get("/o/acme").await;
    assert_status(&dash, 200, "dashboard");
    assert!(
        dash.body.contains("data-rule=\"requests.overdue\""),
        "{}",
        dash.body
    );
    assert!(
        dash.body
            .contains(&format!("href=\"/o/acme/requests/{soon_id}\""))
    );
    // The list shows the overdue one first, highlighted.
    let list = owner.get("/o/acme/requests").await;
    assert_status(&list, 200, "the list");
    let first = list.body.find(&id).expect("overdue in the list");
    let second = list.body.find(&soon_id).expect("due soon in the list");
    assert!(first < second, "overdue first");
    assert!(list.body.contains("deadline-overdue warn"));

    // Answering needs the identity verified first.
    let res = step(&mut api, &id, json!({"step": "answer"})).await;
    assert_status(&res, 409, "answer before verification");
    let res = step(
        &mut api,
        &id,
        json!({"step": "verify_identity", "method": "known_channel", "note": "Sent from the address on file"}),
    )
    .await;
    assert_status(&res, 200, "verify");
    let res = step(&mut api, &id, json!({"step": "answer"})).await;
    assert_status(&res, 200, "answer");
    let r = res.json();
    assert_eq!(r["status"], "answered");
    assert_eq!(r["deadline"], "closed");
    let steps: Vec<_> = r["history"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|h| h["to"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(steps, ["received", "identity_verified", "answered"]);
    let all = findings(api.get("/api/v1/orgs/acme/compliance").await.json());
    assert!(
        !all.iter().any(|f| f["rule"] == "requests.overdue"),
        "answered is no longer overdue: {all:?}"
    );
    let dash = owner.get("/o/acme").await;
    assert!(!dash.body.contains("data-rule=\"requests.overdue\""));
    // Closed is closed.
    let res = step(&mut api, &id, json!({"step": "withdraw"})).await;
    assert_status(&res, 409, "a step on a closed request");
    // Refusing needs a ground and reasons; the list filters by status.
    let res = step(
        &mut api,
        &soon_id,
        json!({"step": "refuse", "ground": "excessive"}),
    )
    .await;
    assert_status(&res, 422, "a refusal without reasons");
    let res = step(
        &mut api,
        &soon_id,
        json!({"step": "refuse", "ground": "excessive", "reason": "Third identical request this month"}),
    )
    .await;
    assert_status(&res, 200, "refuse");
    assert_eq!(res.json()["refusal_ground"], "excessive");
    let refused = api.get("/api/v1/orgs/acme/requests?status=refused").await;
    let rows = refused.json();
    assert_eq!(rows.as_array().map(Vec::len), Some(1), "{rows}");
    assert_eq!(rows[0]["id"], soon_id);
}

#[tokio::test]
async fn staff_register_and_read_but_only_the_privacy_lead_handles_and_auditors_read() {
    let (env, owner) = with_owner().await;
    let mut api = owner_api(&env, &owner).await;
    let r = register(&mut api, None, "someone@example.com").await;
    let id = r["id"].as_str().unwrap_or_default().to_owned();
    for (role, email) in [
        (Role::Staff, "staff@example.com"),
        (Role::Auditor, "auditor@example.com"),
        (Role::PrivacyOfficer, "po@example.com"),
    ] {
        add_user(&env, "acme", email, role).await;
        let mut c = login(&env, email, OWNER_PASSWORD).await;
        let csrf = csrf_of(&mut c, "acme").await;
        assert_status(&c.get("/o/acme/requests").await, 200, "list");
        let detail = c.get(&format!("/o/acme/requests/{id}")).await;
        assert_status(&detail, 200, "detail");
        assert_eq!(
            detail.body.contains("name=\"step\" value=\"withdraw\""),
            role == Role::PrivacyOfficer,
            "{role}: the step forms"
        );
        let registered = c
            .post_form(
                "/o/acme/requests",
                &[
                    ("csrf", &csrf),
                    ("kind", "objection"),
                    ("requester_name", "Caller"),
                    ("requester_email", "caller@example.com"),
                ],
            )
            .await;
        let expected = if role == Role::Auditor { 403 } else { 303 };
        assert_status(&registered, expected, &format!("{role} registers"));
        let stepped = c
            .post_form(
                &format!("/o/acme/requests/{id}/steps"),
                &[
                    ("csrf", &csrf),
                    ("step", "verify_identity"),
                    ("method", "control_questions"),
                ],
            )
            .await;
        let expected = if role == Role::PrivacyOfficer {
            303
        } else {
            403
        };
        assert_status(&stepped, expected, &format!("{role} verifies"));
    }
    let r = api
        .get(&format!("/api/v1/orgs/acme/requests/{id}"))
        .await
        .json();
    assert_eq!(r["status"], "identity_verified");
    assert_eq!(r["verification_method"], "control_questions");
}

#[tokio::test]
async fn reading_a_requester_is_audited_and_another_organisation_sees_nothing() {
    let (env, owner) = with_owner().await;
    let mut api = owner_api(&env, &owner).await;
    let actor = session_actor(&env, &owner, "acme").await;
    let r = register(&mut api, None, "private@example.com").await;
    let id = r["id"].as_str().unwrap_or_default().to_owned();
    let before = audit_of(&env, &actor).await;
    api.get(&format!("/api/v1/orgs/acme/requests/{id}")).await;
    api.get("/api/v1/orgs/acme/requests").await;
    let after = audit_of(&env, &actor).await;
    let added: Vec<_> = after
        .iter()
        .filter(|e| !before.contains(e))
        .map(|(_, a)| a.as_str())
        .collect();
    assert_eq!(added, ["request.read", "request.read"]);

    env.app.cli_add_org("beta", "Beta BV").await.expect("beta");
    let b_owner = add_user(&env, "beta", "b@example.com", Role::Owner).await;
    let b_actor = env.actor(&b_owner, "beta").await;
    let (_, secret) = env
        .app
        .create_api_token(&b_actor, "b")
        .await
        .expect("token");
    let mut b_api = Client::with_bearer(env.router.clone(), &secret);
    let res = b_api.get(&format!("/api/v1/orgs/beta/requests/{id}")).await;
    assert_status(&res, 404, "A's request from B");
    let res = b_api.get("/api/v1/orgs/acme/requests").await;
    assert!(matches!(res.status.as_u16(), 403 | 404), "{}", res.status);
    let res = step(&mut b_api, &id, json!({"step": "withdraw"})).await;
    assert!(matches!(res.status.as_u16(), 403 | 404), "{}", res.status);
    let list = b_api.get("/api/v1/orgs/beta/requests").await;
    assert_eq!(list.json(), json!([]));
    let res = b_api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/beta/requests/{id}/steps"),
            json!({"step": "withdraw"}),
        )
        .await;
    assert_status(&res, 404, "a step on A's request from B");
    let r = api
        .get(&format!("/api/v1/orgs/acme/requests/{id}"))
        .await
        .json();
    assert_eq!(r["status"], "received");
}

#[tokio::test]
async fn the_requesters_address_is_not_in_the_database_file_in_clear() {
    let mut url = None;
    let env = fresh_with_config(WebOptions::default(), |c| {
        url = c.database_url.clone();
    })
    .await;
    let owner = setup_via_pages(&env).await;
    let mut api = owner_api(&env, &owner).await;
    let address = "very-private-requester@example.org";
    let r = register(
        &mut api,
        Some(time::macros::datetime!(2026-01-31 11:00 UTC)),
        address,
    )
    .await;
    assert_eq!(r["requester_email"], address, "it reads back");
    let id = r["id"].as_str().unwrap_or_default().to_owned();
    // Key rotation re-encrypts the request under the new key, so it still reads after the old key is retired.
    env.app.rotate_keys().await.expect("rotate keys");
    let again = api.get(&format!("/api/v1/orgs/acme/requests/{id}")).await;
    assert_status(&again, 200, "read after key rotation");
    assert_eq!(again.json()["requester_email"], address);
    assert_eq!(again.json()["requester_name"], "Rita Requester");

    let Some(path) = url
        .as_deref()
        .and_then(|u| u.strip_prefix("sqlite://"))
        .map(|p| p.split('?').next().unwrap_or(p).to_owned())
    else {
        // PostgreSQL: the same columns are BYTEA written by the same code; the file check is SQLite's.
        return;
    };
    let mut bytes = Vec::new();
    for suffix in ["", "-wal"] {
        if let Ok(b) = std::fs::read(format!("{path}{suffix}")) {
            bytes.extend(b);
        }
    }
    let contains = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    // The file is the right one and holds the request: its due date is stored in clear.
    assert!(contains("2026-02-28"), "the request is in the file");
    assert!(!contains(address), "the address is in the file in clear");
    assert!(
        !contains("Rita Requester"),
        "the name is in the file in clear"
    );
}
