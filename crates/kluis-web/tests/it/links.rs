//! Documents linked to people through HTTP: the matcher links a scanned document to the relations whose
//! identifiers it holds (both ways), a person's removal and hand-made link survive every re-run of the matcher,
//! another organisation's relations never match, and a relation shows its activities, retention and timeline.

use crate::client::Client;
use crate::helpers::*;
use axum::http::Method;
use kluis_app::{Actor, StatusChange};
use kluis_domain::register::ActivityStatus;
use kluis_domain::relations::links::LinkState;
use serde_json::json;

const EMAIL: &str = "eva.devries@example.nl";
const IBAN: &str = "NL91ABNA0417164300";

/// The customer activities plus invoicing (which needs the bank account), active.
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

async fn api(env: &Env, owner: &Client) -> Client {
    Client::with_bearer(env.router.clone(), &owner_token(env, owner).await)
}

async fn create(api: &mut Client, org: &str, values: serde_json::Value) -> String {
    let r = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/{org}/relations"),
            json!({"party": "person", "kind": "customer", "values": values}),
        )
        .await;
    assert_status(&r, 201, "relation");
    r.json()["id"].as_str().expect("id").to_owned()
}

async fn upload_and_scan(env: &Env, actor: &Actor, name: &str, text: &str) -> String {
    let doc = env
        .app
        .upload_document(actor, name, text.as_bytes().to_vec())
        .await
        .expect("upload");
    while env.app.run_one_job("links-test").await.expect("job") {}
    doc.id
}

fn letter() -> String {
    format!(
        "Factuur 2026-17\n\nBeste mevrouw Eva de Vries,\n\nGraag ontvangen wij het bedrag op rekening {IBAN}.\n\
         Vragen? Mail naar {EMAIL}.\n\nMet vriendelijke groet,\nJansen Bouw"
    )
}

/// The (document id, state, matched kinds) of a JSON list of linked documents.
fn docs(v: &serde_json::Value) -> Vec<(String, String, Vec<String>)> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            (
                d["document_id"].as_str().unwrap_or("").to_owned(),
                d["state"].as_str().unwrap_or("").to_owned(),
                d["entity_types"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e.as_str().map(str::to_owned))
                    .collect(),
            )
        })
        .collect()
}

/// The (relation id, state, origin) of a JSON list of linked people.
fn people(v: &serde_json::Value) -> Vec<(String, String, String)> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            (
                p["relation_id"].as_str().unwrap_or("").to_owned(),
                p["state"].as_str().unwrap_or("").to_owned(),
                p["origin"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_document_links_to_its_people_both_ways_and_corrections_win_over_the_matcher() {
    let (env, mut owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    register_with_invoicing(&env, &actor).await;
    let mut api = api(&env, &owner).await;
    let eva = create(
        &mut api,
        "acme",
        json!({"given_name": "Eva", "family_name": "de Vries", "email": EMAIL, "iban": "NL91 ABNA 0417 1643 00"}),
    )
    .await;
    let other = create(
        &mut api,
        "acme",
        json!({"given_name": "Piet", "email": "piet@example.com"}),
    )
    .await;
    let doc = upload_and_scan(&env, &actor, "factuur-eva.txt", &letter()).await;

    // The relation shows its document, with the identifiers that matched.
    let r = api
        .get(&format!("/api/v1/orgs/acme/relations/{eva}/documents"))
        .await;
    assert_status(&r, 200, "relation documents");
    let linked = docs(&r.json());
    assert_eq!(linked.len(), 1, "{linked:?}");
    assert_eq!(linked[0].0, doc);
    assert_eq!(linked[0].1, "suggested");
    assert!(linked[0].2.contains(&"email".to_owned()), "{linked:?}");
    assert!(linked[0].2.contains(&"iban".to_owned()), "{linked:?}");
    // The document shows its person, and only them.
    let r = api
        .get(&format!("/api/v1/orgs/acme/documents/{doc}/people"))
        .await;
    assert_status(&r, 200, "document people");
    let p = people(&r.json());
    assert_eq!(p, vec![(eva.clone(), "suggested".into(), "matcher".into())]);
    assert_eq!(r.json()[0]["name"], "Eva de Vries");
    // The pages show them too.
    let page = owner
        .get(&format!("/o/acme/relations/{eva}/documents"))
        .await;
    assert_status(&page, 200, "relation documents page");
    assert!(page.body.contains("factuur-eva.txt"));
    let page = owner.get(&format!("/o/acme/documents/{doc}/people")).await;
    assert_status(&page, 200, "document people page");
    assert!(page.body.contains("Eva de Vries"));
    assert!(!page.body.contains("Piet"));
    let page = owner.get(&format!("/o/acme/documents/{doc}")).await;
    assert!(
        page.body
            .contains(&format!("/o/acme/documents/{doc}/people"))
    );

    // Removed by hand: it stays removed after a rescan and after the relation's values change.
    let csrf = csrf_of(&mut owner, "acme").await;
    let r = owner
        .post_form(
            &format!("/o/acme/relations/{eva}/documents/{doc}/remove"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_status(&r, 303, "remove");
    assert!(r.location().unwrap_or("").contains("notice=link-removed"));
    let removed = |v: &serde_json::Value| docs(v).iter().all(|d| d.1 == "removed");
    let r = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/documents/{doc}/rescan"),
            json!({}),
        )
        .await;
    assert!(r.status.is_success(), "rescan: {}", r.status);
    while env.app.run_one_job("links-test").await.expect("job") {}
    let r = api
        .get(&format!("/api/v1/orgs/acme/relations/{eva}/documents"))
        .await;
    assert!(
        removed(&r.json()) && docs(&r.json()).len() == 1,
        "{}",
        r.json()
    );
    let r = api
        .json(
            Method::PUT,
            &format!("/api/v1/orgs/acme/relations/{eva}"),
            json!({"kind": "customer", "values": {"given_name": "Eva", "family_name": "de Vries", "email": EMAIL, "iban": IBAN, "phone": "06 12345678"}}),
        )
        .await;
    assert_status(&r, 200, "update");
    let r = api
        .get(&format!("/api/v1/orgs/acme/relations/{eva}/documents"))
        .await;
    assert!(removed(&r.json()), "{}", r.json());
    assert!(
        env.app
            .linked_documents(&actor, &eva)
            .await
            .expect("linked")
            .is_empty(),
        "a removed link is no linked document"
    );

    // Added by hand from the document, through the relation search: it survives a rescan that does not find it.
    let r = owner
        .post_form(
            &format!("/o/acme/documents/{doc}/people/search"),
            &[("csrf", &csrf), ("q", "piet@example.com")],
        )
        .await;
    assert_status(&r, 200, "people search");
    assert!(r.body.contains(&format!(
        "/o/acme/relations/{other}/documents/{doc}/confirm"
    )));
    let r = owner
        .post_form(
            &format!("/o/acme/relations/{other}/documents/{doc}/confirm"),
            &[("csrf", &csrf), ("back", "document")],
        )
        .await;
    assert_status(&r, 303, "add by hand");
    assert!(
        r.location()
            .unwrap_or("")
            .starts_with(&format!("/o/acme/documents/{doc}/people"))
    );
    let r = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/documents/{doc}/rescan"),
            json!({}),
        )
        .await;
    assert!(r.status.is_success(), "rescan: {}", r.status);
    while env.app.run_one_job("links-test").await.expect("job") {}
    let linked = env
        .app
        .linked_documents(&actor, &other)
        .await
        .expect("linked");
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0].state, LinkState::Confirmed);
    let r = api
        .get(&format!("/api/v1/orgs/acme/documents/{doc}/people"))
        .await;
    let mut p = people(&r.json());
    p.sort();
    let mut want = vec![
        (eva.clone(), "removed".to_owned(), "matcher".to_owned()),
        (other.clone(), "confirmed".to_owned(), "manual".to_owned()),
    ];
    want.sort();
    assert_eq!(p, want);

    // Confirming a removed link brings it back (the person's word, not the matcher's), through the API.
    let r = api
        .json(
            Method::PUT,
            &format!("/api/v1/orgs/acme/relations/{eva}/documents/{doc}"),
            json!({}),
        )
        .await;
    assert_status(&r, 200, "confirm");
    assert_eq!(r.json()["state"], "confirmed");
    assert_eq!(r.json()["origin"], "matcher");

    // A relation recorded after the scan is matched when it is saved.
    let late = create(
        &mut api,
        "acme",
        json!({"given_name": "Laat", "email": EMAIL}),
    )
    .await;
    let linked = env.app.linked_documents(&actor, &late).await.expect("late");
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0].state, LinkState::Suggested);
    // A person found by full name alone.
    let named = create(
        &mut api,
        "acme",
        json!({"given_name": "Eva", "family_name": "de Vries"}),
    )
    .await;
    let linked = env
        .app
        .linked_documents(&actor, &named)
        .await
        .expect("named");
    assert_eq!(linked.len(), 1, "full name matches");
    assert_eq!(
        linked[0].entity_types,
        vec![kluis_domain::EntityType::PersonName]
    );

    // The timeline: creation, the link events and the matcher's suggestion, newest first, no values.
    let r = api
        .get(&format!("/api/v1/orgs/acme/relations/{eva}/timeline"))
        .await;
    assert_status(&r, 200, "timeline");
    let t = r.json();
    let actions: Vec<&str> = t["entries"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(
        actions.first(),
        Some(&"relation.link.confirm"),
        "{actions:?}"
    );
    for want in [
        "relation.create",
        "relation.update",
        "relation.link.remove",
        "link.suggest",
    ] {
        assert!(actions.contains(&want), "{want} in {actions:?}");
    }
    assert_eq!(actions.last(), Some(&"relation.create"), "{actions:?}");
    assert!(
        !actions.contains(&"relation.link.add"),
        "Piet's link is not Eva's: {actions:?}"
    );
    let body = &r.body;
    assert!(!body.contains(EMAIL) && !body.contains("ABNA"), "{body}");
    let r = api
        .get(&format!(
            "/api/v1/orgs/acme/relations/{eva}/timeline?per_page=2&page=2"
        ))
        .await;
    assert_eq!(r.json()["entries"].as_array().map(Vec::len), Some(2));
    assert_eq!(r.json()["total"].as_u64(), Some(actions.len() as u64));
    let page = owner
        .get(&format!("/o/acme/relations/{eva}/timeline"))
        .await;
    assert_status(&page, 200, "timeline page");
    assert!(page.body.contains("factuur-eva.txt"));

    // The audit log names links, never values.
    let events = env
        .app
        .audit_events(&actor, kluis_app::AuditFilter::default())
        .await
        .expect("audit");
    let text = format!("{events:?}");
    assert!(!text.contains(EMAIL) && !text.contains("ABNA"));

    // Processing: the customer activities apply, and the invoice is kept for the fiscal years.
    let r = api
        .get(&format!("/api/v1/orgs/acme/relations/{eva}/processing"))
        .await;
    assert_status(&r, 200, "processing");
    let p = r.json();
    let names: Vec<&str> = p["activities"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["name"].as_str())
        .collect();
    assert!(names.contains(&"customer_administration"), "{names:?}");
    assert!(names.contains(&"invoicing"), "{names:?}");
    assert!(p["activities"][0]["lawful_basis"].is_string(), "{p}");
    let d = &p["documents"][0];
    assert_eq!(d["document"]["document_id"], doc.as_str());
    let fiscal = d["retention"]["rules"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["starts"] == "end_of_financial_year")
        .unwrap_or_else(|| panic!("a fiscal rule on the invoice: {d}"));
    assert!(fiscal["statutory"].as_bool().unwrap_or(false));
    assert!(fiscal["due"].is_string(), "{fiscal}");
    let page = owner
        .get(&format!("/o/acme/relations/{eva}/processing"))
        .await;
    assert_status(&page, 200, "processing page");
    assert!(page.body.contains("invoicing"));
    // The relation's page leads to all three.
    let page = owner.get(&format!("/o/acme/relations/{eva}")).await;
    for part in ["documents", "processing", "timeline"] {
        assert!(
            page.body
                .contains(&format!("/o/acme/relations/{eva}/{part}")),
            "{part}"
        );
    }

    // Deleting the document takes its links with it.
    let r = api
        .json(
            Method::DELETE,
            &format!("/api/v1/orgs/acme/documents/{doc}"),
            json!({}),
        )
        .await;
    assert!(r.status.is_success(), "delete: {}", r.status);
    assert!(
        env.app
            .linked_documents(&actor, &eva)
            .await
            .expect("after delete")
            .is_empty()
    );
}

#[tokio::test]
async fn another_organisations_relations_never_match() {
    let (env, owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    register_with_invoicing(&env, &actor).await;
    env.app.cli_add_org("beta", "Beta BV").await.expect("org b");
    let b_owner = add_user(&env, "beta", "b-owner@example.com", kluis_app::Role::Owner).await;
    let b_actor = env.actor(&b_owner, "beta").await;
    let b_eva = crate::relations::customer(&env, &b_actor, EMAIL).await;

    // Acme's document holds beta's customer's address: nothing links across organisations.
    let doc = upload_and_scan(&env, &actor, "factuur.txt", &letter()).await;
    assert!(
        env.app
            .document_people(&actor, &doc)
            .await
            .expect("people")
            .is_empty()
    );
    assert!(
        env.app
            .linked_documents(&b_actor, &b_eva)
            .await
            .expect("b")
            .is_empty()
    );
    // Beta's own document with the same address links to beta's customer only.
    let b_doc = upload_and_scan(&env, &b_actor, "brief.txt", &letter()).await;
    let b_people = env
        .app
        .document_people(&b_actor, &b_doc)
        .await
        .expect("b people");
    assert_eq!(b_people.len(), 1);
    assert_eq!(b_people[0].relation_id, b_eva);
    // Acme's customer with the same address, recorded later, links to acme's document only.
    let a_eva = crate::relations::customer(&env, &actor, EMAIL).await;
    let linked = env.app.linked_documents(&actor, &a_eva).await.expect("a");
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0].document_id, doc);
    // And a member of acme cannot link beta's document or relation.
    assert!(matches!(
        env.app.confirm_document_link(&actor, &a_eva, &b_doc).await,
        Err(kluis_app::AppError::NotFound)
    ));
    assert!(matches!(
        env.app.confirm_document_link(&actor, &b_eva, &doc).await,
        Err(kluis_app::AppError::NotFound)
    ));
    assert!(matches!(
        env.app.relation_timeline(&actor, &b_eva, 1, 0).await,
        Err(kluis_app::AppError::NotFound)
    ));
}

#[tokio::test]
async fn readers_see_links_and_only_writers_change_them() {
    let (env, owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    register_with_invoicing(&env, &actor).await;
    let eva = crate::relations::customer(&env, &actor, EMAIL).await;
    let doc = upload_and_scan(&env, &actor, "factuur.txt", &letter()).await;
    let auditor = add_user(
        &env,
        "acme",
        "auditor@example.com",
        kluis_app::Role::Auditor,
    )
    .await;
    let auditor = env.actor(&auditor, "acme").await;
    assert_eq!(
        env.app
            .linked_documents(&auditor, &eva)
            .await
            .expect("read")
            .len(),
        1
    );
    assert!(matches!(
        env.app.remove_document_link(&auditor, &eva, &doc).await,
        Err(kluis_app::AppError::Forbidden)
    ));
    assert_eq!(
        env.app.linked_documents(&actor, &eva).await.expect("still")[0].state,
        LinkState::Suggested
    );
}
