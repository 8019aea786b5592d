//! The rights of a request carried out through HTTP: linking a request to its relation by the requester's
//! address, the access bundle (with and without the documents' bytes), portability, rectification with the
//! recipients to inform, the legally aware erasure (an invoice kept, everything else gone from the database
//! file, its log and the blob store) with its report, and the public request form.

use crate::client::Client;
use crate::helpers::*;
use axum::http::Method;
use kluis_app::{Actor, DocumentClass, StatusChange};
use kluis_domain::register::ActivityStatus;
use kluis_store::{OrgScope, Store};
use serde_json::{Value, json};
use std::io::Read as _;

const EMAIL: &str = "w.zeldzaam@example.nl";
const PHONE: &str = "0687654321";

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The invoicing starter activity made active (its fiscal retention is statutory).
async fn invoicing_active(env: &Env, owner: &Actor) {
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

/// A customer with name, e-mail and phone; returns its id.
async fn person(env: &Env, owner: &Actor) -> String {
    crate::relations::register_ready(env, owner).await;
    env.app
        .create_relation(
            owner,
            &kluis_app::RelationInput {
                party: kluis_domain::relations::Party::Person,
                kind: kluis_domain::relations::RelationKind::Customer,
                company: None,
                values: [
                    (
                        kluis_domain::relations::RelationField::GivenName,
                        "Wilhelmina".to_owned(),
                    ),
                    (
                        kluis_domain::relations::RelationField::FamilyName,
                        "Zeldzaamheid".to_owned(),
                    ),
                    (
                        kluis_domain::relations::RelationField::Email,
                        EMAIL.to_owned(),
                    ),
                    (
                        kluis_domain::relations::RelationField::Phone,
                        PHONE.to_owned(),
                    ),
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

/// Uploads `text` as `name`, scans it and fixes its class by hand; returns its id.
async fn document(
    env: &Env,
    owner: &Actor,
    name: &str,
    text: &str,
    class: DocumentClass,
) -> String {
    let d = env
        .app
        .upload_document(owner, name, text.as_bytes().to_vec())
        .await
        .expect("upload");
    while env.app.run_one_job("rights-test").await.expect("job") {}
    env.app
        .correct_document(
            owner,
            &d.id,
            kluis_app::DocumentCorrection {
                class: Some(class),
                personal_data: None,
                special_categories: None,
            },
        )
        .await
        .expect("class by hand");
    d.id
}

async fn api(env: &Env, owner: &Client) -> Client {
    Client::with_bearer(env.router.clone(), &owner_token(env, owner).await)
}

/// Registers a request of `kind` from `EMAIL`, links it by the address and verifies it; returns its id.
async fn verified_request(api: &mut Client, kind: &str) -> String {
    let res = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/requests",
            json!({"kind": kind, "channel": "email", "requester_name": "W. Zeldzaamheid", "requester_email": EMAIL}),
        )
        .await;
    assert_status(&res, 201, "register");
    let id = res.json()["id"].as_str().expect("id").to_owned();
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/requests/{id}/link"),
            json!({}),
        )
        .await;
    assert_status(&res, 200, "link by the requester's address");
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/requests/{id}/steps"),
            json!({"step": "verify_identity", "method": "known_channel"}),
        )
        .await;
    assert_status(&res, 200, "verify");
    id
}

fn zip_files(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("entry");
            let mut b = Vec::new();
            f.read_to_end(&mut b).expect("read entry");
            (f.name().to_owned(), b)
        })
        .collect()
}

fn blob_files(env: &Env) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![env.app.config().data_dir.join("blobs")];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(b) = std::fs::read(&p) {
                out.push((p, b));
            }
        }
    }
    out
}

#[tokio::test]
async fn an_access_request_gets_one_bundle_with_data_letter_documents_and_audit_trail() {
    let (env, owner_page) = with_owner().await;
    let owner = session_actor(&env, &owner_page, "acme").await;
    let relation = person(&env, &owner).await;
    document(
        &env,
        &owner,
        "brief.txt",
        &format!("Beste klant, mail ons op {EMAIL} of bel {PHONE}."),
        DocumentClass::Correspondence,
    )
    .await;
    let mut api = api(&env, &owner_page).await;
    // Before verification nothing is handed over.
    let res = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/requests",
            json!({"kind": "access", "requester_name": "W", "requester_email": EMAIL}),
        )
        .await;
    let unverified = res.json()["id"].as_str().expect("id").to_owned();
    let res = api
        .get(&format!("/api/v1/orgs/acme/requests/{unverified}/access"))
        .await;
    assert_status(&res, 409, "not linked yet");
    let id = verified_request(&mut api, "access").await;
    let detail = api
        .get(&format!("/api/v1/orgs/acme/requests/{id}"))
        .await
        .json();
    assert_eq!(
        detail["relation_id"],
        relation.as_str(),
        "linked by the address"
    );

    let res = api
        .get(&format!("/api/v1/orgs/acme/requests/{id}/access"))
        .await;
    assert_status(&res, 200, "the bundle");
    let files = zip_files(&res.bytes);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for want in [
        "data.json",
        "data.csv",
        "audit.csv",
        "letter-nl.html",
        "letter-nl.pdf",
        "SHA256SUMS",
    ] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    assert!(
        names.iter().any(|n| n.starts_with("documents/")),
        "{names:?}"
    );
    let data: Value =
        serde_json::from_slice(&files.iter().find(|f| f.0 == "data.json").expect("json").1)
            .expect("json");
    assert_eq!(data["relation"]["values"]["email"], EMAIL);
    assert!(
        data["documents"][0]["findings"]
            .as_array()
            .map(Vec::len)
            .unwrap_or(0)
            >= 1,
        "the findings that concern the person: {data}"
    );
    assert!(
        data["audit_trail"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
    assert!(data["processing"].as_array().is_some_and(|a| !a.is_empty()));
    let letter = String::from_utf8_lossy(
        &files
            .iter()
            .find(|f| f.0 == "letter-nl.html")
            .expect("html")
            .1,
    )
    .into_owned();
    for want in [
        "Autoriteit Persoonsgegevens",
        "Art. 16",
        "Art. 17",
        "Art. 20",
        "Art. 21",
        "Wilhelmina",
    ] {
        assert!(
            letter.to_lowercase().contains(&want.to_lowercase()),
            "{want} in the letter"
        );
    }
    assert!(
        files
            .iter()
            .find(|f| f.0 == "letter-nl.pdf")
            .expect("pdf")
            .1
            .starts_with(b"%PDF")
    );
    let csv = String::from_utf8_lossy(&files.iter().find(|f| f.0 == "data.csv").expect("csv").1)
        .into_owned();
    assert!(csv.contains(EMAIL));

    // Without the documents' bytes.
    let res = api
        .get(&format!(
            "/api/v1/orgs/acme/requests/{id}/access?documents=false"
        ))
        .await;
    assert_status(&res, 200, "the bundle without bytes");
    assert!(
        !zip_files(&res.bytes)
            .iter()
            .any(|(n, _)| n.starts_with("documents/"))
    );

    // Portability: what the person provided, JSON and CSV.
    let res = api
        .get(&format!("/api/v1/orgs/acme/requests/{id}/portability"))
        .await;
    assert_status(&res, 200, "portability");
    let files = zip_files(&res.bytes);
    assert!(
        files
            .iter()
            .any(|(n, b)| n == "data.csv" && contains(b, PHONE.as_bytes()))
    );

    // Downloaded from the request page too; every download audited.
    let mut page = owner_page;
    let res = page
        .get(&format!("/o/acme/requests/{id}/access?documents=0"))
        .await;
    assert_status(&res, 200, "the bundle from the page");
    let events = audit_of(&env, &owner).await;
    assert_eq!(
        events.iter().filter(|(_, a)| a == "request.access").count(),
        3
    );
    assert_eq!(
        events
            .iter()
            .filter(|(_, a)| a == "request.portability")
            .count(),
        1
    );
    // A staff member may not make it.
    let staff = add_user(&env, "acme", "staff@example.com", kluis_app::Role::Staff).await;
    let staff = env.actor(&staff, "acme").await;
    let (_, t) = env.app.create_api_token(&staff, "t").await.expect("token");
    let mut staff_api = Client::with_bearer(env.router.clone(), &t);
    let res = staff_api
        .get(&format!("/api/v1/orgs/acme/requests/{id}/access"))
        .await;
    assert_status(&res, 403, "staff");
}

#[tokio::test]
async fn a_rectification_changes_the_relation_and_names_the_recipients_to_inform() {
    let (env, owner_page) = with_owner().await;
    let owner = session_actor(&env, &owner_page, "acme").await;
    let relation = person(&env, &owner).await;
    let mut api = api(&env, &owner_page).await;
    let id = verified_request(&mut api, "rectification").await;
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/requests/{id}/rectify"),
            json!({"values": {"family_name": "Zeldzaam-Anders"}}),
        )
        .await;
    assert_status(&res, 200, "rectify");
    let out = res.json();
    assert_eq!(out["fields"], json!(["family_name"]));
    assert!(out["recipients"].is_array());
    let r = env.app.relation(&owner, &relation).await.expect("relation");
    assert_eq!(
        r.values
            .get(&kluis_domain::relations::RelationField::FamilyName)
            .map(String::as_str),
        Some("Zeldzaam-Anders")
    );
    let events = audit_of(&env, &owner).await;
    assert_eq!(
        events
            .iter()
            .filter(|(_, a)| a == "request.rectify")
            .count(),
        1
    );
}

#[tokio::test]
async fn an_erasure_keeps_the_invoice_and_leaves_no_trace_of_the_rest_in_the_files() {
    let (env, owner_page) = with_owner().await;
    let owner = session_actor(&env, &owner_page, "acme").await;
    let relation = person(&env, &owner).await;
    invoicing_active(&env, &owner).await;
    let invoice = document(
        &env,
        &owner,
        "factuur-2026-001.txt",
        &format!("Factuur 2026-001\nAan: {EMAIL}\nTotaal EUR 121,00"),
        DocumentClass::Invoice,
    )
    .await;
    let letter = document(
        &env,
        &owner,
        "brief.txt",
        &format!("Beste klant, bel ons terug op {PHONE} of mail {EMAIL}."),
        DocumentClass::Correspondence,
    )
    .await;
    let mut api = api(&env, &owner_page).await;
    let id = verified_request(&mut api, "erasure").await;

    // What is stored, read before the erasure: ciphertexts, blind indexes and the letter's encrypted bytes.
    let store = Store::connect(env.database_url()).await.expect("store");
    let org = store.org_by_slug("acme").await.expect("org").expect("acme");
    let scope = OrgScope::system(&org);
    let rel = store
        .relations(&scope)
        .get(&relation)
        .await
        .expect("get")
        .expect("relation");
    let kept_findings = store
        .documents(&scope)
        .findings(&invoice)
        .await
        .expect("findings");
    let kept_indexes: Vec<String> = kept_findings
        .iter()
        .map(|f| f.value_index.clone())
        .collect();
    let letter_findings = store
        .documents(&scope)
        .findings(&letter)
        .await
        .expect("findings");
    assert!(
        !letter_findings.is_empty(),
        "the letter's identifiers were found"
    );
    let letter_row = store
        .documents(&scope)
        .get(&letter)
        .await
        .expect("doc")
        .expect("letter");
    let letter_blob = env
        .app
        .config()
        .data_dir
        .join("blobs")
        .join(letter_row.blob_key.clone().expect("a blob"));
    let letter_cipher = std::fs::read(&letter_blob).unwrap_or_default();
    store.close().await;
    let mut erased: Vec<(String, Vec<u8>)> = Vec::new();
    for v in &rel.values {
        erased.push((
            format!("{} ciphertext", v.field.as_str()),
            v.value_enc.clone(),
        ));
        if let Some(i) = &v.value_index
            && !kept_indexes.contains(i)
        {
            erased.push((
                format!("{} blind index", v.field.as_str()),
                i.clone().into_bytes(),
            ));
        }
    }
    for f in &letter_findings {
        erased.push(("letter finding ciphertext".into(), f.value_enc.clone()));
        if !kept_indexes.contains(&f.value_index) {
            erased.push((
                "letter finding index".into(),
                f.value_index.clone().into_bytes(),
            ));
        }
    }
    if !letter_cipher.is_empty() {
        erased.push((
            "letter bytes".into(),
            letter_cipher[..letter_cipher.len().min(64)].to_vec(),
        ));
    }
    for clear in ["Wilhelmina", "Zeldzaamheid", PHONE, EMAIL] {
        erased.push((format!("clear {clear}"), clear.as_bytes().to_vec()));
    }
    // Make the stored values visible to a search first, so that a pass proves the erasure removed them.
    if let Some(path) = env
        .database_url()
        .strip_prefix("sqlite://")
        .and_then(|p| p.split('?').next())
    {
        let mut before = std::fs::read(path).expect("db");
        before.extend(std::fs::read(format!("{path}-wal")).unwrap_or_default());
        assert!(
            erased.iter().any(|(_, v)| contains(&before, v)),
            "the values are in the files before the erasure"
        );
    }

    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/requests/{id}/erase"),
            json!({}),
        )
        .await;
    assert_status(&res, 200, "erase");
    let out = res.json();
    let lines = out["lines"].as_array().expect("lines").clone();
    let line_of = |item: &str| {
        lines
            .iter()
            .find(|l| l["item"] == item)
            .cloned()
            .expect("a line")
    };
    let inv = line_of(&invoice);
    assert_eq!(inv["verdict"], "keep", "{inv}");
    assert_eq!(inv["reason"], "statutory_retention");
    assert_eq!(inv["article"], "Art. 17(3)(b)");
    assert!(
        inv["kept_until"].as_str().is_some_and(|d| d >= "2033"),
        "{inv}"
    );
    assert_eq!(line_of(&letter)["verdict"], "delete");
    assert_eq!(line_of("email")["verdict"], "delete");
    assert_eq!(line_of("phone")["verdict"], "delete");
    assert!(out["log_cleared"].as_bool().unwrap_or(false));

    // The database file, its log and the blob store hold none of the erased values.
    let mut files: Vec<(String, Vec<u8>)> = blob_files(&env)
        .into_iter()
        .map(|(p, b)| (p.display().to_string(), b))
        .collect();
    if let Some(path) = env
        .database_url()
        .strip_prefix("sqlite://")
        .and_then(|p| p.split('?').next())
    {
        files.push((path.to_owned(), std::fs::read(path).expect("db")));
        files.push((
            format!("{path}-wal"),
            std::fs::read(format!("{path}-wal")).unwrap_or_default(),
        ));
    }
    for (what, value) in &erased {
        for (file, bytes) in &files {
            assert!(!contains(bytes, value), "{what} survives in {file}");
        }
    }
    assert!(!letter_blob.exists(), "the letter's bytes are removed");
    // What the report says is kept is still there: the invoice with its findings.
    let invoice_row = env
        .app
        .document(&owner, &invoice)
        .await
        .expect("the invoice is kept");
    assert!(!invoice_row.findings.is_empty());
    assert!(
        env.app.relation(&owner, &relation).await.is_err(),
        "the relation is gone"
    );
    assert!(
        env.app.document(&owner, &letter).await.is_err(),
        "the letter is gone"
    );

    // The report for the person, in their language; the request is answered.
    let res = api
        .get(&format!(
            "/api/v1/orgs/acme/requests/{id}/report?format=html"
        ))
        .await;
    assert_status(&res, 200, "report");
    let html = String::from_utf8_lossy(&res.bytes).into_owned();
    assert!(html.contains("Art. 17(3)(b)"), "{html}");
    let res = api
        .get(&format!(
            "/api/v1/orgs/acme/requests/{id}/report?format=pdf"
        ))
        .await;
    assert!(res.bytes.starts_with(b"%PDF"));
    let detail = api
        .get(&format!("/api/v1/orgs/acme/requests/{id}"))
        .await
        .json();
    assert_eq!(detail["status"], "answered");
    // Erasing again is refused: the request is closed.
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/requests/{id}/erase"),
            json!({}),
        )
        .await;
    assert!(res.status.is_client_error());
}

#[tokio::test]
async fn the_public_form_registers_a_request_without_personal_data_in_the_url() {
    let (env, owner_page) = with_owner().await;
    let owner = session_actor(&env, &owner_page, "acme").await;
    let mut c = env.client();
    let res = c.get("/p/acme/requests").await;
    assert_status(&res, 200, "the form");
    let field = |body: &str, name: &str| -> String {
        let at = body.find(&format!("name=\"{name}\" value=\"")).expect(name);
        let rest = &body[at + name.len() + 15..];
        rest[..rest.find('"').expect("end")].to_owned()
    };
    let csrf = field(&res.body, "csrf");
    let token = field(&res.body, "token");
    // A robot filling the honeypot is thanked and nothing is stored.
    let res = c
        .post_form(
            "/p/acme/requests",
            &[
                ("csrf", &csrf),
                ("token", &token),
                ("name", "Bot"),
                ("email", "bot@example.com"),
                ("kind", "access"),
                ("website", "http://spam.example"),
            ],
        )
        .await;
    assert_status(&res, 200, "honeypot");
    assert!(
        env.app
            .requests(&owner, None)
            .await
            .expect("list")
            .is_empty()
    );
    // A forged token is refused.
    let res = c
        .post_form(
            "/p/acme/requests",
            &[
                ("csrf", &csrf),
                ("token", "forged.token"),
                ("name", "Rita"),
                ("email", "rita@example.com"),
                ("kind", "erasure"),
            ],
        )
        .await;
    assert_status(&res, 422, "forged token");
    let res = c
        .post_form(
            "/p/acme/requests",
            &[
                ("csrf", &csrf),
                ("token", &token),
                ("name", "Rita Requester"),
                ("email", "rita@example.com"),
                ("kind", "erasure"),
                ("message", "Wis alles alstublieft"),
            ],
        )
        .await;
    assert_status(&res, 200, "sent");
    assert!(!res.location().unwrap_or("").contains("rita"));
    let list = env.app.requests(&owner, None).await.expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].channel.as_str(), "public_form");
    let v = env.app.request(&owner, &list[0].id).await.expect("request");
    assert_eq!(v.message.as_deref(), Some("Wis alles alstublieft"));
    // Another organisation's slug: not found.
    assert_status(
        &c.get("/p/nobody/requests").await,
        404,
        "unknown organisation",
    );
}

#[tokio::test]
async fn an_id_copy_is_recorded_and_purged_at_verification() {
    let (env, owner_page) = with_owner().await;
    let owner = session_actor(&env, &owner_page, "acme").await;
    let mut page = owner_page;
    let csrf = csrf_of(&mut page, "acme").await;
    let id = env
        .app
        .create_request(
            &owner,
            &kluis_app::NewRequest {
                kind: kluis_domain::relations::requests::RequestKind::Access,
                channel: kluis_domain::relations::requests::RequestChannel::Letter,
                requester_name: "Rita".into(),
                requester_email: "rita@example.com".into(),
                received_at: None,
                received_local: None,
                relation_id: None,
            },
        )
        .await
        .expect("request");
    let res = page
        .post_form(
            &format!("/o/acme/requests/{id}/steps"),
            &[
                ("csrf", &csrf),
                ("step", "verify_id_copy"),
                ("justification", "no known address"),
                ("masked", "1"),
            ],
        )
        .await;
    assert!(
        !res.location().unwrap_or("").contains("error="),
        "{:?}",
        res.location()
    );
    let v = env.app.request(&owner, &id).await.expect("request");
    let copy = v
        .verification
        .and_then(|x| x.id_copy)
        .expect("the copy is recorded");
    assert!(copy.purged_at.is_some(), "purged at verification");
    assert!(copy.blob.is_none());
}

#[tokio::test]
async fn a_legal_hold_keeps_the_person_and_their_documents_through_an_erasure() {
    let (env, owner_page) = with_owner().await;
    let owner = session_actor(&env, &owner_page, "acme").await;
    let relation = person(&env, &owner).await;
    let letter = document(
        &env,
        &owner,
        "brief.txt",
        &format!("Beste klant, bel ons terug op {PHONE} of mail {EMAIL}."),
        DocumentClass::Correspondence,
    )
    .await;
    env.app
        .place_hold(
            &owner,
            kluis_app::retention_target("relation", &relation).expect("target"),
            "Claim pending before the court",
        )
        .await
        .expect("hold on the person");
    env.app
        .place_hold(
            &owner,
            kluis_app::retention_target("document", &letter).expect("target"),
            "Evidence in the claim",
        )
        .await
        .expect("hold on the letter");
    let mut api = api(&env, &owner_page).await;
    let id = verified_request(&mut api, "erasure").await;
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/requests/{id}/erase"),
            json!({}),
        )
        .await;
    assert_status(&res, 200, "erase");
    let out = res.json();
    let lines = out["lines"].as_array().expect("lines").clone();
    for item in [letter.as_str(), "email", "phone"] {
        let line = lines
            .iter()
            .find(|l| l["item"] == item)
            .cloned()
            .expect("a line");
        assert_eq!(line["verdict"], "keep", "{line}");
        assert_eq!(line["reason"], "legal_hold", "{line}");
    }
    // Kept means kept: the values and the letter are still there, for owners too.
    let kept = env.app.relation(&owner, &relation).await.expect("kept");
    assert_eq!(
        kept.values
            .get(&kluis_domain::relations::RelationField::Email)
            .map(String::as_str),
        Some(EMAIL)
    );
    env.app
        .document(&owner, &letter)
        .await
        .expect("the letter is kept");
}
