//! Personal-data breaches through the API: registering one starts the 72-hour clock and refuses impossible
//! moments by name; the people affected are computed from the linked relations and documents (by kind, tag,
//! identifiers, hand corrections that win), the decision follows Arts. 33 and 34, notifications come in phases,
//! a late one needs its reasons, and open breaches are compliance findings; a processor reports through its link.

use crate::client::Client;
use crate::helpers::*;
use crate::relations::{customer, register_ready};
use axum::http::Method;
use kluis_app::Role;
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .expect("format")
}

async fn api(env: &Env, owner: &Client) -> Client {
    Client::with_bearer(env.router.clone(), &owner_token(env, owner).await)
}

async fn report(api: &mut Client, aware_hours_ago: i64) -> Value {
    let now = OffsetDateTime::now_utc();
    let res = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/breaches",
            json!({
                "summary": "Laptop with the customer file left on the train",
                "discovered_at": rfc3339(now - Duration::hours(aware_hours_ago + 1)),
                "aware_at": rfc3339(now - Duration::hours(aware_hours_ago)),
                "events": ["lost"],
                "cause": "lost_or_stolen_device",
                "categories": ["user.contact.email"],
            }),
        )
        .await;
    assert_status(&res, 201, "report a breach");
    res.json()
}

fn assert_field(res: &crate::client::Resp, field: &str) {
    let detail = res.json()["detail"].as_str().unwrap_or_default().to_owned();
    assert!(
        detail.starts_with(&format!("{field}:")),
        "{field} named: {}",
        res.body
    );
}

async fn post(api: &mut Client, id: &str, tail: &str, body: Value) -> crate::client::Resp {
    api.json(
        Method::POST,
        &format!("/api/v1/orgs/acme/breaches/{id}/{tail}"),
        body,
    )
    .await
}

#[tokio::test]
async fn a_breach_starts_the_clock_and_refuses_impossible_moments_by_name() {
    let (env, owner) = with_owner().await;
    let mut api = api(&env, &owner).await;
    let b = report(&mut api, 2).await;
    assert_eq!(b["clock"], "running");
    assert_eq!(
        b["nature"],
        json!(["availability"]),
        "derived from what happened"
    );
    assert!(b["hours_left"].as_i64().unwrap() >= 69);
    assert_eq!(b["reference"].as_str().unwrap().len(), 8);
    assert_eq!(b["guidance"]["suggested"], "risk");

    let now = OffsetDateTime::now_utc();
    for (body, field) in [
        (
            json!({"summary": "x", "events": ["lost"], "aware_at": rfc3339(now + Duration::days(1))}),
            "aware_at",
        ),
        (
            json!({"summary": "x", "events": ["lost"], "aware_at": rfc3339(now - Duration::hours(2)),
                   "discovered_at": rfc3339(now - Duration::hours(1))}),
            "aware_at",
        ),
        (
            json!({"summary": "x", "events": ["lost"], "started_at": rfc3339(now - Duration::hours(1)),
                   "discovered_at": rfc3339(now - Duration::hours(3))}),
            "discovered_at",
        ),
        (json!({"summary": "", "events": ["lost"]}), "summary"),
        (json!({"summary": "x"}), "nature"),
        (
            json!({"summary": "x", "events": ["lost"], "people_min": 10, "people_max": 2}),
            "people_min",
        ),
        (json!({"summary": "x", "events": ["eaten"]}), "events"),
    ] {
        let res = api
            .json(Method::POST, "/api/v1/orgs/acme/breaches", body)
            .await;
        assert_status(&res, 422, field);
        assert!(
            res.json()["detail"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{field}:")),
            "{field}: {}",
            res.body
        );
    }
    let list = api.get("/api/v1/orgs/acme/breaches").await.json();
    assert_eq!(
        list.as_array().unwrap().len(),
        1,
        "nothing stored for the refused ones"
    );
}

#[tokio::test]
async fn the_people_affected_come_from_the_linked_data_and_hand_corrections_win() {
    let (env, owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    register_ready(&env, &actor).await;
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(customer(&env, &actor, &format!("klant{i}@example.com")).await);
    }
    let mut api = api(&env, &owner).await;
    let b = report(&mut api, 1).await;
    let id = b["id"].as_str().unwrap().to_owned();

    let res = post(
        &mut api,
        &id,
        "affected",
        json!({"by": "kind", "value": "customer"}),
    )
    .await;
    assert_status(&res, 200, "by kind");
    assert_eq!(res.json()["affected"]["people"], 5);

    // One removed by hand stays removed when the selection runs again.
    let res = post(
        &mut api,
        &id,
        "affected/correct",
        json!({"relation_id": ids[0], "affected": false}),
    )
    .await;
    assert_status(&res, 200, "remove by hand");
    assert_eq!(res.json()["people"], 4);
    let res = post(
        &mut api,
        &id,
        "affected",
        json!({"by": "kind", "value": "customer"}),
    )
    .await;
    assert_eq!(res.json()["affected"]["people"], 4);
    assert_eq!(res.json()["affected"]["removed"], 1);

    // An uploaded list of identifiers: matched through the blind index; unknown ones counted.
    let b2 = report(&mut api, 1).await;
    let id2 = b2["id"].as_str().unwrap().to_owned();
    let res = post(
        &mut api,
        &id2,
        "affected",
        json!({"by": "identifiers", "value": "KLANT1@example.com\nklant2@example.com; nobody@example.com\n\n"}),
    )
    .await;
    assert_status(&res, 200, "identifiers");
    let out = res.json();
    assert_eq!(out["affected"]["people"], 2, "{out}");
    assert_eq!(out["unmatched"], 1);

    // Another organisation's relation cannot be linked.
    let res = post(
        &mut api,
        &id2,
        "affected/correct",
        json!({"relation_id": "0190a0a0-0000-7000-8000-000000000000", "affected": true}),
    )
    .await;
    assert_status(&res, 422, "unknown relation");

    let people = api
        .get(&format!("/api/v1/orgs/acme/breaches/{id2}/people"))
        .await
        .json();
    assert_eq!(people.as_array().unwrap().len(), 2);
    assert_eq!(people[0]["name"], "Klant");
    assert_eq!(people[0]["source"], "identifiers");

    // The stated maximum below the linked people is named.
    let mut body = json!({"summary": "Laptop", "events": ["lost"], "people_min": 1, "people_max": 1,
        "aware_at": b2["aware_at"], "discovered_at": b2["discovered_at"]});
    body["version"] = b2["version"].clone();
    let res = api
        .json(
            Method::PUT,
            &format!("/api/v1/orgs/acme/breaches/{id2}"),
            body,
        )
        .await;
    assert_status(&res, 200, "update");
    assert_eq!(
        res.json()["count_problems"][0]["field"],
        "people_max",
        "{}",
        res.body
    );

    // The recipients of the letter, audited.
    let r = api
        .get(&format!("/api/v1/orgs/acme/breaches/{id2}/recipients"))
        .await;
    assert_status(&r, 200, "recipients");
    let emails: Vec<_> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["email"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        emails.contains(&"klant1@example.com".to_owned()),
        "{emails:?}"
    );
    let audit = audit_of(&env, &actor).await;
    assert!(audit.iter().any(|(_, a)| a == "breach.export"));
}

#[tokio::test]
async fn the_decision_and_notifications_follow_articles_33_and_34() {
    let (env, owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    let mut api = api(&env, &owner).await;
    // Aware 80 hours ago: the 72 hours are over.
    let b = report(&mut api, 80).await;
    let id = b["id"].as_str().unwrap().to_owned();
    assert_eq!(b["clock"], "overdue");
    assert_eq!(b["open_issues"], json!(["undecided_past_deadline"]));
    let report_ = env.app.compliance_checks(&actor).await.expect("checks");
    assert!(report_.iter().any(|f| f.id == "breaches.undecided"));

    // High risk, people not told, no exception: refused, naming the field.
    let res = post(
        &mut api,
        &id,
        "decision",
        json!({"risk": "high", "rationale": "customer file", "notify_authority": true}),
    )
    .await;
    assert_status(&res, 422, "people required");
    assert_field(&res, "notify_people");
    // An exception that does not apply.
    let res = post(&mut api, &id, "decision", json!({"risk": "risk", "rationale": "r", "notify_authority": true, "people_exception": "unintelligible", "exception_explanation": "x"})).await;
    assert_field(&res, "people_exception");
    let res = post(&mut api, &id, "decision", json!({"risk": "high", "rationale": "customer file", "notify_authority": true, "notify_people": true})).await;
    assert_status(&res, 200, "decision");
    assert_eq!(
        res.json()["open_issues"],
        json!(["authority_overdue", "people_not_told"])
    );

    // Closing is refused while the notifications are open.
    let res = post(&mut api, &id, "close", json!({})).await;
    assert_status(&res, 409, "close too early");

    // A follow-up before the initial one, and the initial one late without reasons: refused.
    let res = post(
        &mut api,
        &id,
        "notifications",
        json!({"phase": "follow_up", "reference": "AP-1"}),
    )
    .await;
    assert_field(&res, "phase");
    let res = post(&mut api, &id, "notifications", json!({"phase": "initial"})).await;
    assert_status(&res, 422, "late without reasons");
    assert_field(&res, "delay_reason");
    let res = post(&mut api, &id, "notifications", json!({"phase": "initial", "reference": "M123", "delay_reason": "the laptop's contents were only known on day four"})).await;
    assert_status(&res, 200, "initial");
    let v = res.json();
    assert_eq!(v["clock"], "notified_late");
    assert_eq!(
        v["decision"]["delay_reason"],
        "the laptop's contents were only known on day four"
    );
    let res = post(
        &mut api,
        &id,
        "notifications",
        json!({"phase": "follow_up"}),
    )
    .await;
    assert_status(&res, 200, "follow-up carries the reference");
    assert_eq!(res.json()["notifications"][1]["reference"], "M123");

    // The notification for the next phase (a follow-up now), pre-filled in the AP's order, and its DPV graph.
    let n = api
        .get(&format!(
            "/api/v1/orgs/acme/breaches/{id}/notification/json?lang=en"
        ))
        .await;
    assert_status(&n, 200, "notification json");
    let n = n.json();
    assert_eq!(n["authority"], "nl", "{n}");
    assert_eq!(n["phase"], "follow_up");
    let numbers: Vec<_> = n["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["number"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(numbers, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    assert!(
        n.to_string()
            .contains("the laptop's contents were only known on day four")
    );
    let pdf = api
        .get(&format!("/api/v1/orgs/acme/breaches/{id}/notification/pdf"))
        .await;
    assert_status(&pdf, 200, "notification pdf");
    assert!(pdf.bytes.starts_with(b"%PDF"));
    let ttl = api
        .get(&format!("/api/v1/orgs/acme/breaches/{id}/notification/ttl"))
        .await;
    assert_status(&ttl, 200, "dpv");
    assert!(ttl.body.contains("DataBreach"));
    let unknown = api
        .get(&format!(
            "/api/v1/orgs/acme/breaches/{id}/notification/docx"
        ))
        .await;
    assert_status(&unknown, 404, "unknown format");
    let audit = audit_of(&env, &actor).await;
    assert!(audit.iter().filter(|(_, a)| a == "breach.export").count() >= 3);

    let res = post(
        &mut api,
        &id,
        "people-told",
        json!({"how": "e-mail to each customer"}),
    )
    .await;
    assert_status(&res, 200, "people told");
    let res = post(
        &mut api,
        &id,
        "events",
        json!({"note": "Laptop reported stolen to the police"}),
    )
    .await;
    assert_status(&res, 200, "event");
    let res = post(&mut api, &id, "close", json!({})).await;
    assert_status(&res, 200, "close");
    let v = res.json();
    assert_eq!(v["clock"], "closed");
    let kinds: Vec<_> = v["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        kinds,
        [
            "registered",
            "decided",
            "notified_initial",
            "notified_follow_up",
            "people_told",
            "note",
            "closed"
        ]
    );
    let report_ = env.app.compliance_checks(&actor).await.expect("checks");
    assert!(!report_.iter().any(|f| f.id.starts_with("breaches.")));
}

#[tokio::test]
async fn staff_report_a_breach_but_do_not_decide() {
    let (env, owner) = with_owner().await;
    let user = add_user(&env, "acme", "staff@example.com", Role::Staff).await;
    let actor = env.actor(&user, "acme").await;
    let token = env
        .app
        .create_api_token(&actor, "t")
        .await
        .expect("token")
        .1;
    let mut staff = Client::with_bearer(env.router.clone(), &token);
    let b = report(&mut staff, 1).await;
    let id = b["id"].as_str().unwrap().to_owned();
    let res = post(
        &mut staff,
        &id,
        "decision",
        json!({"risk": "unlikely", "rationale": "encrypted"}),
    )
    .await;
    assert_status(&res, 403, "staff decide");
    let mut owner_api = api(&env, &owner).await;
    let res = post(
        &mut owner_api,
        &id,
        "decision",
        json!({"risk": "unlikely", "rationale": "the disk was encrypted"}),
    )
    .await;
    assert_status(&res, 200, "owner decides");
    assert_eq!(res.json()["clock"], "not_required");
    assert_eq!(res.json()["open_issues"], json!([]));
}

#[tokio::test]
async fn a_processor_reports_through_its_signed_link_and_a_forged_one_changes_nothing() {
    let (env, owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    let mut api = api(&env, &owner).await;
    let r = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/recipients",
            json!({"name": "Hosting BV", "role": "processor", "country": "NL"}),
        )
        .await;
    assert_status(&r, 201, "recipient");
    let rid = r.json()["id"].as_str().unwrap().to_owned();
    let res = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/breaches/processor-links",
            json!({"recipient_id": rid}),
        )
        .await;
    assert_status(&res, 200, "link");
    let path = res.json()["path"].as_str().unwrap().to_owned();
    let token = path.rsplit('/').next().unwrap().to_owned();
    let outcome = env
        .app
        .report_breach_as_processor(
            "acme",
            &token,
            &kluis_app::ProcessorReport {
                summary: "A backup disk was misplaced".into(),
                events: vec![kluis_domain::breach::incident::DataEvent::Lost],
                people_estimate: Some(40),
                contact_name: "Sam Host".into(),
                ..Default::default()
            },
            &origin(),
        )
        .await
        .expect("report");
    assert!(outcome.is_ok());
    let forged = env
        .app
        .report_breach_as_processor("acme", &format!("{token}x"), &Default::default(), &origin())
        .await
        .expect("forged");
    assert!(forged.is_err());
    let list = api.get("/api/v1/orgs/acme/breaches").await.json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["origin"], "processor");
    let _ = actor;
}
