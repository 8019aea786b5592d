//! The relations module through HTTP: persons, companies and business contacts, privacy by default (a field no
//! active activity needs is refused, named), exact search through the blind index, tenant isolation, values
//! encrypted at rest, audited reveals of sensitive fields and the roles.

use crate::client::Client;
use crate::helpers::*;
use axum::http::Method;
use kluis_app::{Actor, RelationInput, Role, StatusChange};
use kluis_domain::register::ActivityStatus;
use kluis_domain::relations::{Party, RelationField, RelationKind};
use serde_json::json;

/// Makes the starter activities for customers and for payroll active in the actor's register, so customers
/// are offered name, contact and address fields and employees their BSN. Idempotent.
pub async fn register_ready(env: &Env, owner: &Actor) {
    let offered = env
        .app
        .relation_offered_fields(owner, RelationKind::Customer, Party::Person, false)
        .await
        .expect("offered fields");
    if !offered.is_empty() {
        return;
    }
    for template in ["customer_administration", "payroll"] {
        let a = env
            .app
            .create_register_activity(owner, Some(template), template, "")
            .await
            .expect("activity from a starter template");
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
            .expect("activate the starter activity");
    }
}

/// A customer with a given name and `email`, made through the use case; returns its id.
pub async fn customer(env: &Env, owner: &Actor, email: &str) -> String {
    register_ready(env, owner).await;
    env.app
        .create_relation(
            owner,
            &RelationInput {
                party: Party::Person,
                kind: RelationKind::Customer,
                company: None,
                values: [
                    (RelationField::GivenName, "Klant".to_owned()),
                    (RelationField::Email, email.to_owned()),
                ]
                .into_iter()
                .collect(),
                tags: Default::default(),
            },
        )
        .await
        .expect("customer")
        .id
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The bytes of the SQLite database file and its WAL, or `None` on PostgreSQL.
fn sqlite_bytes(env: &Env) -> Option<Vec<u8>> {
    let url = env.database_url();
    let path = url.strip_prefix("sqlite://")?.split('?').next()?;
    let mut bytes = std::fs::read(path).expect("database file");
    if let Ok(wal) = std::fs::read(format!("{path}-wal")) {
        bytes.extend(wal);
    }
    Some(bytes)
}

async fn api_client(env: &Env, owner: &Client, role: Option<Role>) -> Client {
    let token = match role {
        None => owner_token(env, owner).await,
        Some(role) => {
            let email = format!("{}-api@example.com", role.as_str());
            let user = add_user(env, "acme", &email, role).await;
            let actor = env.actor(&user, "acme").await;
            env.app
                .create_api_token(&actor, "test")
                .await
                .expect("token")
                .1
        }
    };
    Client::with_bearer(env.router.clone(), &token)
}

/// Ids of the relations in a JSON array of relations.
fn ids(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| r["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn persons_companies_and_contacts_through_the_api_with_search_isolation_and_encryption() {
    let (env, mut owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    register_ready(&env, &actor).await;
    let mut api = api_client(&env, &owner, None).await;

    let company = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/relations",
            json!({"party": "company", "kind": "customer", "values": {"company_name": "Jansen Bouw BV", "phone": "020 123 4567"}}),
        )
        .await;
    assert_status(&company, 201, "company");
    let company_id = company.json()["id"].as_str().expect("id").to_owned();

    let person = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/relations",
            json!({"party": "person", "kind": "customer", "values": {
                "given_name": "Eva", "family_name": "de Vries", "email": "Eva.de.Vries@Example.nl",
                "phone": "06 12345678", "postcode": "1234 AB", "city": "Utrecht"}}),
        )
        .await;
    assert_status(&person, 201, "person");
    let person_id = person.json()["id"].as_str().expect("id").to_owned();
    assert_eq!(person.json()["name"], "Eva de Vries");

    let contact = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/relations",
            json!({"party": "person", "kind": "supplier_contact", "company": company_id,
                   "values": {"family_name": "Bakker", "email": "p.bakker@jansenbouw.nl"}}),
        )
        .await;
    // A supplier's contact is only offered fields when an activity concerns supplier contacts: the starter
    // customer activity does not, so the first field entered is refused and named.
    assert_status(
        &contact,
        422,
        "supplier contact without an activity for them",
    );
    assert!(
        contact.body.contains("family_name"),
        "the refusal names the field: {}",
        contact.body
    );
    let contact = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/relations",
            json!({"party": "person", "kind": "customer", "company": company_id,
                   "values": {"family_name": "Bakker", "email": "p.bakker@jansenbouw.nl"}}),
        )
        .await;
    assert_status(&contact, 201, "business contact");
    let contact_id = contact.json()["id"].as_str().expect("id").to_owned();
    assert_eq!(contact.json()["company_id"], company_id.as_str());
    assert_eq!(contact.json()["company_name"], "Jansen Bouw BV");

    // Privacy by default: the customer activity needs no BSN, so a customer's BSN is refused, by name.
    let refused = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/relations",
            json!({"party": "person", "kind": "customer", "values": {"family_name": "Smit", "bsn": "111222333"}}),
        )
        .await;
    assert_status(&refused, 422, "BSN of a customer");
    assert!(refused.body.contains("bsn"), "{}", refused.body);
    assert!(
        !refused.body.contains("111222333"),
        "the value is not echoed"
    );

    // Exact search through the blind index: e-mail (any case), phone (any notation), postcode, name.
    for (q, expect) in [
        ("eva.de.vries@example.nl", vec![person_id.clone()]),
        ("+31 6 1234 5678", vec![person_id.clone()]),
        ("1234ab", vec![person_id.clone()]),
        ("1234 ab", vec![person_id.clone()]),
        ("de vries", vec![person_id.clone()]),
        ("Jansen Bouw BV", vec![company_id.clone()]),
        ("bakker", vec![contact_id.clone()]),
        ("Eva de", vec![]),
        ("nobody@example.nl", vec![]),
    ] {
        let res = api
            .json(
                Method::POST,
                "/api/v1/orgs/acme/relations/search",
                json!({ "q": q }),
            )
            .await;
        assert_status(&res, 200, "search");
        assert_eq!(ids(&res.json()), expect, "search {q}");
    }
    let events = audit_of(&env, &actor).await;
    let searches = events
        .iter()
        .filter(|(_, a)| a == "relation.search")
        .count();
    assert_eq!(searches, 9, "every search is audited");

    // The list pages through everything, newest first.
    let list = api.get("/api/v1/orgs/acme/relations?per_page=2").await;
    assert_status(&list, 200, "list");
    assert_eq!(list.json()["total"], 3);
    assert_eq!(
        ids(&list.json()["relations"]),
        vec![contact_id.clone(), person_id.clone()]
    );

    // Update: the kind and a value change, and the event names the fields, never the values.
    let upd = api
        .json(
            Method::PUT,
            &format!("/api/v1/orgs/acme/relations/{person_id}"),
            json!({"party": "person", "kind": "customer", "values": {
                "given_name": "Eva", "family_name": "de Vries", "email": "eva@nieuw.nl", "city": "Utrecht"}}),
        )
        .await;
    assert_status(&upd, 200, "update");
    assert_eq!(upd.json()["version"], 2);
    let found = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/relations/search",
            json!({ "q": "eva@nieuw.nl" }),
        )
        .await;
    assert_eq!(ids(&found.json()), vec![person_id.clone()]);
    let gone = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/relations/search",
            json!({ "q": "1234 AB" }),
        )
        .await;
    assert_eq!(
        ids(&gone.json()),
        Vec::<String>::new(),
        "a cleared postcode is no longer found"
    );

    // Tags (kept once whatever their case) and notes, both encrypted; a note's text is not in its audit event.
    let tagged = api
        .json(
            Method::PUT,
            &format!("/api/v1/orgs/acme/relations/{person_id}"),
            json!({"party": "person", "kind": "customer", "tags": ["Nieuwsbrief", "nieuwsbrief", "vip"], "values": {
                "given_name": "Eva", "family_name": "de Vries", "email": "eva@nieuw.nl", "city": "Utrecht"}}),
        )
        .await;
    assert_status(&tagged, 200, "tags");
    assert_eq!(tagged.json()["tags"].as_array().map(Vec::len), Some(2));
    let note = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/relations/{person_id}/notes"),
            json!({"note": "Belde over levering aan Kerkstraat 9"}),
        )
        .await;
    assert_status(&note, 201, "note");
    let empty = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/relations/{person_id}/notes"),
            json!({"note": "  "}),
        )
        .await;
    assert_status(&empty, 422, "empty note");
    let notes = api
        .get(&format!("/api/v1/orgs/acme/relations/{person_id}/notes"))
        .await;
    assert_status(&notes, 200, "notes");
    assert_eq!(
        notes.json()[0]["note"],
        "Belde over levering aan Kerkstraat 9"
    );
    let page = owner.get(&format!("/o/acme/relations/{person_id}")).await;
    assert!(page.body.contains("Belde over levering aan Kerkstraat 9"));
    assert!(page.body.contains("vip"));
    let events = audit_of(&env, &actor).await;
    assert_eq!(
        events
            .iter()
            .filter(|(_, a)| a == "relation.note.add")
            .count(),
        1
    );

    // A company with contacts cannot be deleted; the contact can.
    let del = api
        .json(
            Method::DELETE,
            &format!("/api/v1/orgs/acme/relations/{company_id}"),
            json!({}),
        )
        .await;
    assert_status(&del, 409, "company with contacts");

    // Another organisation sees none of it, not even by id or by exact search.
    env.app.cli_add_org("beta", "Beta BV").await.expect("org b");
    let beta_owner = add_user(&env, "beta", "beta-owner@example.com", Role::Owner).await;
    let beta = env.actor(&beta_owner, "beta").await;
    let beta_token = env.app.create_api_token(&beta, "b").await.expect("token").1;
    let mut beta_api = Client::with_bearer(env.router.clone(), &beta_token);
    let other = beta_api
        .get(&format!("/api/v1/orgs/beta/relations/{person_id}"))
        .await;
    assert_status(&other, 404, "another organisation's relation");
    let other = beta_api
        .json(
            Method::POST,
            "/api/v1/orgs/beta/relations/search",
            json!({ "q": "eva@nieuw.nl" }),
        )
        .await;
    assert_status(&other, 200, "search in beta");
    assert_eq!(ids(&other.json()), Vec::<String>::new());
    let other = beta_api.get("/api/v1/orgs/beta/relations").await;
    assert_eq!(other.json()["total"], 0);
    let other = beta_api
        .get(&format!("/api/v1/orgs/acme/relations/{person_id}"))
        .await;
    assert!(
        matches!(other.status.as_u16(), 403 | 404),
        "{}",
        other.status
    );

    // The register's inventory counts the relations' fields: each relation once per category (Eva has a given
    // and a family name: one name holder), and a category the register names (the address) counts the relations
    // holding a field under it (Eva's city).
    let inv = api.get("/api/v1/orgs/acme/inventory").await;
    assert_status(&inv, 200, "inventory");
    let held_in_relations = |key: &str| -> u64 {
        inv.json()["rows"]
            .as_array()
            .and_then(|rows| rows.iter().find(|r| r["category"] == key))
            .and_then(|r| r["held_in"].as_array().cloned())
            .and_then(|h| h.into_iter().find(|s| s["source"] == "relations"))
            .and_then(|s| s["count"].as_u64())
            .unwrap_or(0)
    };
    assert_eq!(held_in_relations("user.name"), 3);
    assert_eq!(held_in_relations("user.contact.email"), 2);
    assert_eq!(
        held_in_relations("user.contact.phone_number"),
        1,
        "the company's phone"
    );
    assert_eq!(held_in_relations("user.contact.address"), 1);
    assert_eq!(held_in_relations("user.contact.address.city"), 1);
    assert_eq!(
        held_in_relations("user.contact.address.postal_code"),
        0,
        "cleared"
    );

    // Encrypted at rest: the clear values appear nowhere in the SQLite file or its WAL.
    if let Some(bytes) = sqlite_bytes(&env) {
        // The scan sees the data: the organisation's name is stored in clear.
        assert!(contains(&bytes, b"Acme BV"), "the scan reads the database");
        for clear in [
            "eva@nieuw.nl",
            "Kerkstraat 9",
            "Nieuwsbrief",
            "p.bakker@jansenbouw.nl",
            "Jansen Bouw BV",
            "de Vries",
        ] {
            assert!(
                !contains(&bytes, clear.as_bytes()),
                "{clear} is in the database file"
            );
        }
    }
    // The audit log names fields, never values.
    let page = owner.get("/o/acme/audit").await;
    assert_status(&page, 200, "audit page");
    assert!(!page.body.contains("eva@nieuw.nl"));
}

#[tokio::test]
async fn sensitive_fields_are_sealed_and_each_reveal_is_audited_and_refused_to_staff() {
    let (env, mut owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    register_ready(&env, &actor).await;
    let mut api = api_client(&env, &owner, None).await;
    let mut staff_api = api_client(&env, &owner, Some(Role::Staff)).await;
    let mut auditor_api = api_client(&env, &owner, Some(Role::Auditor)).await;

    // Staff keep the customer file: they record an employee's BSN (payroll needs it) …
    let employee = staff_api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/relations",
            json!({"party": "person", "kind": "employee", "values": {"given_name": "Piet", "family_name": "Post", "bsn": "111222333"}}),
        )
        .await;
    assert_status(&employee, 201, "employee by staff");
    let id = employee.json()["id"].as_str().expect("id").to_owned();
    // … which is shown sealed, never in clear.
    assert_eq!(employee.json()["sensitive"], json!(["bsn"]));
    assert!(!employee.body.contains("111222333"));
    let got = api.get(&format!("/api/v1/orgs/acme/relations/{id}")).await;
    assert!(!got.body.contains("111222333"));
    // A BSN is never found through the search (it is no search field).
    let s = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/relations/search",
            json!({"q": "111222333"}),
        )
        .await;
    assert_eq!(ids(&s.json()), Vec::<String>::new());

    let reveals = |events: &[(i64, String)]| {
        events
            .iter()
            .filter(|(_, a)| a == "relation.reveal")
            .count()
    };
    let before = reveals(&audit_of(&env, &actor).await);
    // Staff and auditors may not reveal it (the documents module's rule), and nothing is recorded.
    for c in [&mut staff_api, &mut auditor_api] {
        let r = c
            .json(
                Method::POST,
                &format!("/api/v1/orgs/acme/relations/{id}/reveal/bsn"),
                json!({}),
            )
            .await;
        assert_status(&r, 403, "reveal of a BSN without the permission");
        assert!(!r.body.contains("111222333"));
    }
    assert_eq!(reveals(&audit_of(&env, &actor).await), before);
    // The owner may, and each reveal is one audited event naming the field.
    let r = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/relations/{id}/reveal/bsn"),
            json!({}),
        )
        .await;
    assert_status(&r, 200, "reveal by the owner");
    assert_eq!(r.json()["value"], "111222333");
    assert_eq!(reveals(&audit_of(&env, &actor).await), before + 1);

    // An update that leaves the BSN out keeps it.
    let upd = staff_api
        .json(
            Method::PUT,
            &format!("/api/v1/orgs/acme/relations/{id}"),
            json!({"party": "person", "kind": "employee", "values": {"given_name": "Piet", "family_name": "Post-Jansen"}}),
        )
        .await;
    assert_status(&upd, 200, "update by staff");
    assert_eq!(upd.json()["sensitive"], json!(["bsn"]));

    // The page shows the BSN masked with a reveal button for the owner; revealing shows it, once audited.
    let page = owner.get(&format!("/o/acme/relations/{id}")).await;
    assert_status(&page, 200, "detail page");
    assert!(!page.body.contains("111222333"));
    assert!(
        page.body
            .contains(&format!("/o/acme/relations/{id}/reveal/bsn"))
    );
    let csrf = page.csrf();
    let shown = owner
        .post_form(
            &format!("/o/acme/relations/{id}/reveal/bsn"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_status(&shown, 200, "reveal on the page");
    assert!(shown.body.contains("111222333"));
    assert_eq!(reveals(&audit_of(&env, &actor).await), before + 2);

    // Auditors read but change nothing.
    let w = auditor_api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/relations",
            json!({"party": "person", "kind": "customer", "values": {"given_name": "X"}}),
        )
        .await;
    assert_status(&w, 403, "auditor creates");
    let r = auditor_api
        .get(&format!("/api/v1/orgs/acme/relations/{id}"))
        .await;
    assert_status(&r, 200, "auditor reads");

    if let Some(bytes) = sqlite_bytes(&env) {
        assert!(
            !contains(&bytes, b"111222333"),
            "the BSN is in the database file"
        );
    }
}

#[tokio::test]
async fn the_pages_offer_only_needed_fields_search_by_post_and_delete_with_confirmation() {
    let (env, mut owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    // Without an active activity nothing can be recorded, and the page says so.
    let empty = owner
        .get("/o/acme/relations/new?party=person&kind=customer")
        .await;
    assert_status(&empty, 200, "new form with an empty register");
    assert!(!empty.body.contains("name=\"given_name\""));
    register_ready(&env, &actor).await;

    let form = owner
        .get("/o/acme/relations/new?party=person&kind=customer")
        .await;
    assert_status(&form, 200, "new form");
    assert!(form.body.contains("name=\"email\""));
    assert!(form.body.contains("name=\"postcode\""));
    assert!(
        !form.body.contains("name=\"bsn\""),
        "a customer's BSN is not offered"
    );
    let employee = owner
        .get("/o/acme/relations/new?party=person&kind=employee")
        .await;
    assert!(
        employee.body.contains("name=\"bsn\""),
        "payroll needs an employee's BSN"
    );
    let csrf = form.csrf();

    let res = owner
        .post_form(
            "/o/acme/relations",
            &[
                ("csrf", &csrf),
                ("party", "person"),
                ("kind", "customer"),
                ("given_name", "Anna"),
                ("family_name", "Jansen"),
                ("email", "anna@example.nl"),
                ("postcode", "3511 AB"),
                ("bsn", "111222333"),
            ],
        )
        .await;
    assert_status(&res, 422, "a field not offered");
    assert!(
        res.body.contains("Citizen service number") || res.body.contains("Burgerservicenummer"),
        "{}",
        res.body
    );

    let res = owner
        .post_form(
            "/o/acme/relations",
            &[
                ("csrf", &csrf),
                ("party", "person"),
                ("kind", "customer"),
                ("given_name", "Anna"),
                ("family_name", "Jansen"),
                ("email", "anna@example.nl"),
                ("postcode", "3511 AB"),
            ],
        )
        .await;
    assert_status(&res, 303, "create on the page");
    let loc = res.location().unwrap_or_default().to_owned();
    assert!(!loc.contains("anna"), "no personal value in the redirect");
    let id = loc
        .trim_start_matches("/o/acme/relations/")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();

    let list = owner.get("/o/acme/relations").await;
    assert_status(&list, 200, "list");
    assert!(list.body.contains("Anna Jansen"));
    assert!(
        list.body
            .contains("method=\"post\" action=\"/o/acme/relations/search\"")
    );
    let found = owner
        .post_form(
            "/o/acme/relations/search",
            &[("csrf", &csrf), ("q", "3511ab")],
        )
        .await;
    assert_status(&found, 200, "search");
    assert!(found.body.contains("Anna Jansen"), "{}", found.body);
    let found = owner
        .post_form(
            "/o/acme/relations/search",
            &[("csrf", &csrf), ("q", "3512 ab")],
        )
        .await;
    assert!(
        !found.body.contains("Anna Jansen"),
        "another postcode finds nothing"
    );

    let confirm = owner.get(&format!("/o/acme/relations/{id}/delete")).await;
    assert_status(&confirm, 200, "delete confirmation");
    assert!(confirm.body.contains("Anna Jansen"));
    let del = owner
        .post_form(
            &format!("/o/acme/relations/{id}/delete"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_status(&del, 303, "delete");
    let gone = owner.get(&format!("/o/acme/relations/{id}")).await;
    assert_status(&gone, 404, "deleted relation");
    let events = audit_of(&env, &actor).await;
    for a in ["relation.create", "relation.search", "relation.delete"] {
        assert!(events.iter().any(|(_, e)| e == a), "{a} audited");
    }
}

#[tokio::test]
async fn data_no_active_activity_needs_any_more_is_a_compliance_finding_per_category() {
    let (env, mut owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    customer(&env, &actor, "klant@example.nl").await;
    let unneeded = |report: &kluis_app::ComplianceReport| {
        report
            .findings
            .iter()
            .filter(|f| f.id == "relations.unneeded_data")
            .map(|f| (f.subject.clone(), f.args.get("count").cloned()))
            .collect::<Vec<_>>()
    };
    let before = env.app.compliance_report(&actor).await.expect("report");
    assert!(unneeded(&before).is_empty(), "{:?}", unneeded(&before));

    // The customer administration ends: the customer's name and e-mail address have no purpose any more.
    let activities = env
        .app
        .register_activities(&actor)
        .await
        .expect("activities");
    let customers = activities
        .iter()
        .find(|a| a.activity.template.as_deref() == Some("customer_administration"))
        .expect("the customer administration");
    env.app
        .set_register_activity_status(
            &actor,
            &customers.activity.id.to_string(),
            StatusChange {
                status: ActivityStatus::Ended,
                end_date: Some(time::OffsetDateTime::now_utc().date()),
                successor: None,
            },
        )
        .await
        .expect("end the activity");
    let after = env.app.compliance_report(&actor).await.expect("report");
    let found = unneeded(&after);
    let email = kluis_domain::register::compliance::Subject::Category {
        key: RelationField::Email.category_key().to_owned(),
    };
    assert!(found.contains(&(email, Some("1".to_owned()))), "{found:?}");
    let page = owner.get("/o/acme/compliance").await;
    assert_status(&page, 200, "compliance page");
    assert!(
        page.body
            .contains("geen actieve verwerking heeft dat voor dat soort relatie nodig"),
        "the page names the finding in the member's language"
    );
    assert!(!page.body.contains("klant@example.nl"), "names no one");
}

#[tokio::test]
async fn the_list_filters_by_kind_and_by_tag_without_a_tag_in_the_url() {
    let (env, mut owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    register_ready(&env, &actor).await;
    let mut api = api_client(&env, &owner, None).await;
    for (kind, name, tags) in [
        ("customer", "Anna", json!(["Nieuwsbrief"])),
        ("customer", "Bram", json!([])),
        ("employee", "Cees", json!(["nieuwsbrief", "vip"])),
    ] {
        let res = api
            .json(
                Method::POST,
                "/api/v1/orgs/acme/relations",
                json!({"party": "person", "kind": kind, "values": {"given_name": name}, "tags": tags}),
            )
            .await;
        assert_status(&res, 201, name);
    }
    let names = |v: &serde_json::Value| {
        let mut n: Vec<String> = v["relations"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|r| r["name"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        n.sort();
        n
    };
    let employees = api.get("/api/v1/orgs/acme/relations?kind=employee").await;
    assert_status(&employees, 200, "by kind");
    assert_eq!(names(&employees.json()), ["Cees"]);
    assert_eq!(employees.json()["total"], 1);
    let bad = api.get("/api/v1/orgs/acme/relations?kind=alien").await;
    assert_status(&bad, 422, "unknown kind");

    let tags = api.get("/api/v1/orgs/acme/relations/tags").await;
    assert_status(&tags, 200, "tags");
    let tags = tags.json();
    assert_eq!(tags[0]["relations"], 2, "{tags}");
    assert_eq!(tags[0]["label"], "Nieuwsbrief", "{tags}");
    let token = tags[0]["token"].as_str().expect("token").to_owned();
    assert!(!token.to_lowercase().contains("nieuwsbrief"));
    let tagged = api
        .get(&format!("/api/v1/orgs/acme/relations?tag={token}"))
        .await;
    assert_eq!(names(&tagged.json()), ["Anna", "Cees"]);
    let both = api
        .get(&format!(
            "/api/v1/orgs/acme/relations?tag={token}&kind=customer"
        ))
        .await;
    assert_eq!(names(&both.json()), ["Anna"]);
    let unknown = api.get("/api/v1/orgs/acme/relations?tag=ffff").await;
    assert_eq!(unknown.json()["total"], 0);

    let page = owner.get(&format!("/o/acme/relations?tag={token}")).await;
    assert_status(&page, 200, "filtered page");
    assert!(page.body.contains("Anna") && page.body.contains("Cees"));
    assert!(!page.body.contains("Bram"), "filtered out");
    assert!(page.body.contains("Nieuwsbrief (2)"), "the tag choice");
    let none = owner.get("/o/acme/relations?kind=prospect").await;
    assert!(none.body.contains("Geen relaties passen bij dit filter"));
}
