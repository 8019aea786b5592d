//! The retention engine through HTTP: the review list says what is due and why (a relation whose relationship
//! ended eight years ago; an invoice kept for its fiscal years), a legal hold blocks every deletion for owners
//! too until lifted with a reason, four-eyes approval, the daily job proposes once and never deletes twice,
//! the deletion certificate names records without personal data, and documents past retention are a finding.

use crate::client::Client;
use crate::helpers::*;
use axum::http::Method;
use kluis_app::{Actor, Role, StatusChange};
use kluis_domain::register::ActivityStatus;
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

/// The register with customer administration, invoicing and payroll active.
async fn register_with_invoicing(env: &Env, owner: &Actor) {
    crate::relations::register_ready(env, owner).await;
    let a = env
        .app
        .create_register_activity(owner, Some("invoicing"), "invoicing", "")
        .await
        .expect("invoicing activity");
    env.app
        .set_register_activity_status(
            owner,
            &a.activity.id.to_string(),
            StatusChange {
                status: ActivityStatus::Active,
                end_date: None,
                successor: None,
            },
        )
        .await
        .expect("activate invoicing");
}

fn years_ago(n: i64) -> String {
    (OffsetDateTime::now_utc().date() - Duration::days(365 * n + n / 4 + 1)).to_string()
}

async fn owner_api(env: &Env, owner: &Client) -> Client {
    Client::with_bearer(env.router.clone(), &owner_token(env, owner).await)
}

/// A customer whose relationship ended `years` ago (through the API); returns its id.
async fn ended_customer(
    env: &Env,
    owner: &Actor,
    api: &mut Client,
    email: &str,
    years: i64,
) -> String {
    let id = crate::relations::customer(env, owner, email).await;
    let res = api
        .json(
            Method::PUT,
            &format!("/api/v1/orgs/acme/retention/relations/{id}/events"),
            json!({ "ended_on": years_ago(years) }),
        )
        .await;
    assert_status(&res, 200, "record the end of the relationship");
    id
}

async fn review(api: &mut Client) -> Vec<Value> {
    let res = api.get("/api/v1/orgs/acme/retention/review").await;
    assert_status(&res, 200, "review list");
    res.json().as_array().cloned().expect("an array")
}

fn line<'a>(list: &'a [Value], id: &str) -> Option<&'a Value> {
    list.iter().find(|l| l["id"] == id)
}

/// Moves a document's capture date back by `years` (there is no way to upload in the past).
async fn backdate_document(env: &Env, id: &str, years: i64) {
    let store = kluis_store::Store::connect(env.database_url())
        .await
        .expect("second connection");
    let ms = (OffsetDateTime::now_utc() - Duration::days(365 * years + 3)).unix_timestamp() * 1000;
    kluis_store::testing::execute_raw(
        &store,
        &format!("UPDATE documents SET created_at = {ms} WHERE id = '{id}'"),
    )
    .await;
}

/// An invoice-class document (the class corrected by hand); returns its id.
async fn invoice(env: &Env, owner: &Actor) -> String {
    let doc = env
        .app
        .upload_document(
            owner,
            "factuur-2024-001.txt",
            b"Factuur 2024-001. Bedrag EUR 120,00. Te betalen op NL91ABNA0417164300.".to_vec(),
        )
        .await
        .expect("upload");
    while env.app.run_one_job("retention-test").await.expect("job") {}
    env.app
        .correct_document(
            owner,
            &doc.id,
            kluis_app::DocumentCorrection {
                class: Some(kluis_app::DocumentClass::Invoice),
                ..Default::default()
            },
        )
        .await
        .expect("correct the class to invoice");
    doc.id
}

#[tokio::test]
async fn a_relationship_ended_eight_years_ago_is_due_an_invoice_is_kept_for_seven_years() {
    let (env, owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    register_with_invoicing(&env, &actor).await;
    let mut api = owner_api(&env, &owner).await;
    let old = ended_customer(&env, &actor, &mut api, "oud@example.com", 8).await;
    let recent = ended_customer(&env, &actor, &mut api, "recent@example.com", 1).await;
    let ongoing = crate::relations::customer(&env, &actor, "klant@example.com").await;
    let doc = invoice(&env, &actor).await;

    let list = review(&mut api).await;
    let l = line(&list, &old).expect("the old customer is on the review list");
    assert_eq!(l["status"], "due");
    assert_eq!(l["record"], "relation");
    assert_eq!(l["kind"], "customer");
    assert_eq!(l["action"], "delete");
    // The fiscal rule is the longest and governs: 7 years from the end of the financial year.
    assert_eq!(l["starts"], "end_of_financial_year");
    assert_eq!(l["period"], "7 years");
    assert_eq!(l["statutory"], true);
    assert!(l["due_on"].as_str().is_some_and(|d| !d.is_empty()));
    assert!(line(&list, &recent).is_none(), "ended a year ago: kept");
    assert!(line(&list, &ongoing).is_none(), "still a customer: kept");
    assert!(line(&list, &doc).is_none(), "a new invoice is kept");
    // No personal value on the list.
    let body = serde_json::to_string(&list).expect("json");
    assert!(!body.contains("oud@example.com"));

    // Six years after capture the invoice is still kept; nine years after, it is due and a finding.
    backdate_document(&env, &doc, 6).await;
    assert!(
        line(&review(&mut api).await, &doc).is_none(),
        "within 7 years"
    );
    let report = env.app.compliance_report(&actor).await.expect("report");
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.id == "retention.documents_due")
    );
    backdate_document(&env, &doc, 9).await;
    let list = review(&mut api).await;
    let l = line(&list, &doc).expect("the old invoice is due");
    assert_eq!(l["status"], "due");
    assert_eq!(l["kind"], "invoice");
    assert_eq!(l["starts"], "end_of_financial_year");
    // The report is cached per audit revision: the backdating wrote no event, so change something audited.
    env.app
        .set_retention_four_eyes(&actor, false)
        .await
        .expect("settings");
    let report = env.app.compliance_report(&actor).await.expect("report");
    let f = report
        .findings
        .iter()
        .find(|f| f.id == "retention.documents_due")
        .expect("documents past retention are a finding");
    assert_eq!(f.fix.path(), "/retention");
    let mut owner = owner;
    let page = owner.get("/o/acme/compliance").await;
    assert_status(&page, 200, "compliance page");
    assert!(
        page.body.contains("langer bewaard dan") || page.body.contains("past its retention"),
        "the finding is on the compliance page"
    );
    let page = owner.get("/o/acme/retention").await;
    assert_status(&page, 200, "retention page");
    assert!(page.body.contains(&old) && page.body.contains(&doc));
    assert!(!page.body.contains(&recent));
}

#[tokio::test]
async fn a_held_relation_is_not_deleted_even_by_the_owner_until_the_hold_is_lifted_with_a_reason() {
    let (env, mut owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    register_with_invoicing(&env, &actor).await;
    let mut api = owner_api(&env, &owner).await;
    let id = ended_customer(&env, &actor, &mut api, "claim@example.com", 10).await;
    let csrf = csrf_of(&mut owner, "acme").await;

    // A hold without a reason is refused; with one it is placed, through the relation's retention page.
    let res = owner
        .post_form(
            &format!("/o/acme/retention/relations/{id}/hold"),
            &[("csrf", &csrf), ("reason", " ")],
        )
        .await;
    assert!(
        res.location()
            .unwrap_or("")
            .contains("error=retention-reason-missing")
    );
    let res = owner
        .post_form(
            &format!("/o/acme/retention/relations/{id}/hold"),
            &[
                ("csrf", &csrf),
                ("reason", "Claim by the customer, case 2026-17"),
            ],
        )
        .await;
    assert!(
        res.location()
            .unwrap_or("")
            .contains("notice=retention-hold-placed")
    );
    let page = owner
        .get(&format!("/o/acme/retention/relations/{id}"))
        .await;
    assert!(
        page.body.contains("id=\"held\""),
        "the page says the hold is on"
    );

    // The owner cannot delete it, through the API or the page.
    let res = api
        .json(
            Method::DELETE,
            &format!("/api/v1/orgs/acme/relations/{id}"),
            json!({}),
        )
        .await;
    assert_status(&res, 409, "delete a held relation");
    let res = owner
        .post_form(
            &format!("/o/acme/relations/{id}/delete"),
            &[("csrf", &csrf), ("confirm", "yes")],
        )
        .await;
    assert!(!res.status.is_success() || res.body.contains("hold"));
    assert!(env.app.relation(&actor, &id).await.is_ok(), "still there");
    assert!(
        env.app
            .is_held(
                &actor,
                kluis_app::retention_target("relation", &id).expect("target")
            )
            .await
            .expect("is_held")
    );

    // The review list shows it held (restricted only); a run carries nothing out on it.
    let list = review(&mut api).await;
    let l = line(&list, &id).expect("on the list");
    assert_eq!(l["status"], "held");
    assert_eq!(l["action"], "restrict");
    let res = api
        .json(Method::POST, "/api/v1/orgs/acme/retention/runs", json!({}))
        .await;
    assert_status(&res, 409, "nothing due but the held relation");

    // Lifting needs a reason; then the owner may delete.
    let holds = api.get("/api/v1/orgs/acme/retention/holds").await.json();
    let hold = holds[0]["id"].as_str().expect("hold id").to_owned();
    assert_eq!(holds[0]["reason"], "Claim by the customer, case 2026-17");
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/retention/holds/{hold}/lift"),
            json!({ "reason": "" }),
        )
        .await;
    assert_status(&res, 422, "lift without a reason");
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/retention/holds/{hold}/lift"),
            json!({ "reason": "Settled" }),
        )
        .await;
    assert_status(&res, 204, "lift with a reason");
    let holds = api.get("/api/v1/orgs/acme/retention/holds").await.json();
    assert_eq!(holds[0]["active"], false);
    assert_eq!(holds[0]["lift_reason"], "Settled");
    let res = api
        .json(
            Method::DELETE,
            &format!("/api/v1/orgs/acme/relations/{id}"),
            json!({}),
        )
        .await;
    assert!(
        res.status.is_success(),
        "deleted after the lift: {}",
        res.status
    );
    let events: Vec<String> = audit_of(&env, &actor)
        .await
        .into_iter()
        .map(|(_, a)| a)
        .collect();
    assert!(events.contains(&"retention.hold.place".to_owned()));
    assert!(events.contains(&"retention.hold.lift".to_owned()));
    // The hold's reason is not in the audit trail.
    assert!(!format!("{events:?}").contains("Claim"));
}

#[tokio::test]
async fn a_held_document_is_not_deleted_and_a_run_keeps_it() {
    let (env, mut owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    register_with_invoicing(&env, &actor).await;
    let mut api = owner_api(&env, &owner).await;
    let doc = invoice(&env, &actor).await;
    backdate_document(&env, &doc, 9).await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let page = owner.get(&format!("/o/acme/documents/{doc}")).await;
    assert!(
        page.body
            .contains(&format!("/o/acme/retention/documents/{doc}/hold"))
    );
    let res = owner
        .post_form(
            &format!("/o/acme/retention/documents/{doc}/hold"),
            &[("csrf", &csrf), ("reason", "Tax audit")],
        )
        .await;
    assert!(
        res.location()
            .unwrap_or("")
            .contains("notice=retention-hold-placed")
    );
    let res = api
        .json(
            Method::DELETE,
            &format!("/api/v1/orgs/acme/documents/{doc}"),
            json!({}),
        )
        .await;
    assert_status(&res, 409, "delete a held document");
    assert!(env.app.document(&actor, &doc).await.is_ok());
}

#[tokio::test]
async fn four_eyes_the_proposer_cannot_approve_and_the_certificate_names_no_person() {
    let (env, mut owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    register_with_invoicing(&env, &actor).await;
    let mut api = owner_api(&env, &owner).await;
    let id = ended_customer(&env, &actor, &mut api, "weg@example.com", 9).await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let res = owner
        .post_form(
            "/o/acme/retention/settings",
            &[("csrf", &csrf), ("four_eyes", "on")],
        )
        .await;
    assert!(
        res.location()
            .unwrap_or("")
            .contains("notice=retention-settings-saved")
    );

    let res = api
        .json(Method::POST, "/api/v1/orgs/acme/retention/runs", json!({}))
        .await;
    assert_status(&res, 201, "propose");
    let run = res.json();
    let run_id = run["id"].as_str().expect("run id").to_owned();
    assert_eq!(run["items"][0]["id"], id.as_str());
    // The proposer can neither approve nor carry out.
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/retention/runs/{run_id}/approve"),
            json!({}),
        )
        .await;
    assert_status(&res, 409, "the proposer approves");
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/retention/runs/{run_id}/carry-out"),
            json!({}),
        )
        .await;
    assert_status(&res, 409, "carry out unapproved");
    assert!(env.app.relation(&actor, &id).await.is_ok());

    // Staff may not approve; another privacy officer may.
    add_user(&env, "acme", "staff@example.com", Role::Staff).await;
    let mut staff = login(&env, "staff@example.com", OWNER_PASSWORD).await;
    let staff_csrf = csrf_of(&mut staff, "acme").await;
    let res = staff
        .post_form(
            &format!("/o/acme/retention/runs/{run_id}/approve"),
            &[("csrf", &staff_csrf)],
        )
        .await;
    assert_status(&res, 403, "staff approves");
    add_user(&env, "acme", "po@example.com", Role::PrivacyOfficer).await;
    let mut po = login(&env, "po@example.com", OWNER_PASSWORD).await;
    let po_csrf = csrf_of(&mut po, "acme").await;
    let res = po
        .post_form(
            &format!("/o/acme/retention/runs/{run_id}/approve"),
            &[("csrf", &po_csrf)],
        )
        .await;
    assert!(
        res.location()
            .unwrap_or("")
            .contains("notice=retention-approved"),
        "{:?}",
        res.location()
    );
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/retention/runs/{run_id}/carry-out"),
            json!({}),
        )
        .await;
    assert_status(&res, 200, "carry out");
    let cert = res.json();
    assert!(env.app.relation(&actor, &id).await.is_err(), "deleted");
    assert_eq!(cert["run_id"], run_id.as_str());
    assert_eq!(cert["items"][0]["record"], "relation");
    assert_eq!(cert["items"][0]["id"], id.as_str());
    assert_eq!(cert["items"][0]["kind"], "customer");
    assert_eq!(cert["items"][0]["outcome"], "deleted");
    assert!(
        cert["items"][0]["legal_reference"]
            .as_str()
            .is_some_and(|r| !r.is_empty())
    );
    assert!(
        cert["carried_out_at"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    assert_eq!(cert["carried_out_by"], actor.user_id.as_str());
    assert!(
        cert["approved_by"]
            .as_str()
            .is_some_and(|a| a != actor.user_id.as_str())
    );
    // Downloadable and viewable, without the person's data.
    let json = owner
        .get(&format!("/o/acme/retention/runs/{run_id}/certificate.json"))
        .await;
    assert_status(&json, 200, "certificate download");
    assert!(
        json.header("content-disposition")
            .is_some_and(|d| d.contains("attachment"))
    );
    let html = owner
        .get(&format!("/o/acme/retention/runs/{run_id}/certificate"))
        .await;
    assert_status(&html, 200, "certificate page");
    for body in [&json.body, &html.body] {
        assert!(body.contains(&id));
        assert!(!body.contains("weg@example.com"));
    }
    // A second carry-out is refused: nothing is deleted twice.
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/retention/runs/{run_id}/carry-out"),
            json!({}),
        )
        .await;
    assert_status(&res, 409, "carry out twice");
}

#[tokio::test]
async fn the_daily_job_proposes_once_and_carries_out_an_approved_run_once() {
    let (env, owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    register_with_invoicing(&env, &actor).await;
    let mut api = owner_api(&env, &owner).await;
    let a = ended_customer(&env, &actor, &mut api, "a@example.com", 9).await;
    let b = ended_customer(&env, &actor, &mut api, "b@example.com", 12).await;
    // Through the job system: the daily schedule enqueues one sweep per organisation.
    env.app.schedule_daily_jobs().await.expect("schedule");
    while env.app.run_one_job("retention-test").await.expect("job") {}
    env.app
        .run_retention_sweep(Some(actor.scope.org_id()))
        .await
        .expect("second sweep the same day");
    let runs = api.get("/api/v1/orgs/acme/retention/runs").await.json();
    let runs = runs.as_array().expect("runs");
    assert_eq!(runs.len(), 1, "one proposal a day: {runs:?}");
    assert_eq!(runs[0]["proposed_by"], "system:jobs");
    assert_eq!(runs[0]["item_count"], 2);
    let run_id = runs[0]["id"].as_str().expect("id").to_owned();
    assert!(
        env.app.relation(&actor, &a).await.is_ok(),
        "proposed, not deleted"
    );
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/retention/runs/{run_id}/approve"),
            json!({}),
        )
        .await;
    assert_status(&res, 200, "approve");
    for _ in 0..2 {
        env.app
            .run_retention_sweep(Some(actor.scope.org_id()))
            .await
            .expect("sweep");
    }
    assert!(env.app.relation(&actor, &a).await.is_err());
    assert!(env.app.relation(&actor, &b).await.is_err());
    let carried: Vec<_> = audit_of(&env, &actor)
        .await
        .into_iter()
        .filter(|(_, a)| a == "retention.carry_out")
        .collect();
    assert_eq!(carried.len(), 1, "carried out once");
    let run = api
        .get(&format!("/api/v1/orgs/acme/retention/runs/{run_id}"))
        .await
        .json();
    assert_eq!(run["status"], "carried_out");
    assert_eq!(run["carried_out_by"], "system:jobs");
    let outcomes: Vec<&str> = run["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["outcome"].as_str())
        .collect();
    assert_eq!(outcomes, ["deleted", "deleted"]);
    let runs = api.get("/api/v1/orgs/acme/retention/runs").await.json();
    assert_eq!(runs.as_array().map(Vec::len), Some(1), "no new proposal");
}
