//! Tenant isolation: a member of organisation A, aiming every route of the UI and the API at organisation B or
//! at B's objects, gets 403/404 and changes nothing of B. The routes the modules declare (`kluis_web::route_table`)
//! must match the router exactly, and every route needs a case here, so a new route cannot slip past this test.

use crate::client::{Client, Resp};
use crate::helpers::*;
use axum::http::Method;
use kluis_app::Role;
use kluis_web::{Access, WebOptions, route_table, router_with_table};
use std::collections::BTreeSet;

#[tokio::test]
async fn route_table_matches_the_router() {
    let env = fresh().await;
    let (_, registered) = router_with_table(env.app.clone(), WebOptions::default());
    let registered: BTreeSet<(String, String)> = registered.into_iter().collect();
    let table: BTreeSet<(String, String)> = route_table()
        .iter()
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    assert_eq!(
        table.len(),
        route_table().len(),
        "a route is declared twice by the modules"
    );
    let missing: Vec<_> = registered.difference(&table).collect();
    let stale: Vec<_> = table.difference(&registered).collect();
    assert!(
        missing.is_empty(),
        "routes no module declares (kluis_app::modules): {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "modules declare routes the router lacks: {stale:?}"
    );
    for r in route_table() {
        let org_in_path = r.path.contains("{org}");
        assert_eq!(
            org_in_path,
            matches!(r.access, Access::Org | Access::ApiOrg),
            "access of {}",
            r.path
        );
        // A route of an organisation names the permission every call needs; others need none.
        assert_eq!(org_in_path, r.needs.is_some(), "needs of {}", r.path);
    }
}

struct World {
    a_owner: Client,
    a_csrf: String,
    a_api: Client,
}

struct Ids {
    b_user: String,
    b_token_id: String,
    b_document: String,
    b_finding: String,
    b_activity: String,
    b_recipient: String,
    b_agreement: String,
    b_measure: String,
    b_invitation: String,
    b_relation: String,
    b_request: String,
    b_import: String,
    b_dpia: String,
}

/// Plausible form fields, so that a handler would act if the authorisation let it.
const FORM: &[(&str, &str)] = &[
    ("email", "intruder@example.com"),
    ("name", "Intruder"),
    ("role", "auditor"),
    ("password", "correct horse battery"),
    ("current", "correct horse battery"),
    ("new", "another long password"),
    ("lang", "en"),
    ("code", "123456"),
    ("org", "beta"),
    ("org_name", "Beta BV"),
    ("slug", "beta"),
    ("confirm", "yes"),
    ("class", "other"),
    ("personal_data", "none"),
    ("categories_set", "1"),
];

fn fill(path: &str, org: &str, ids: &Ids) -> String {
    path.replace("{org}", org)
        .replace("{user}", &ids.b_user)
        .replace("{token}", &ids.b_token_id)
        .replace("{file}", "kluis.css")
        .replace("{document}", &ids.b_document)
        .replace("{finding}", &ids.b_finding)
        .replace("{activity}", &ids.b_activity)
        .replace("{recipient}", &ids.b_recipient)
        .replace("{agreement}", &ids.b_agreement)
        .replace("{measure}", &ids.b_measure)
        .replace("{invitation}", &ids.b_invitation)
        .replace("{relation}", &ids.b_relation)
        .replace("{field}", "email")
        .replace("{request}", &ids.b_request)
        .replace("{import}", &ids.b_import)
        .replace("{dpia}", &ids.b_dpia)
}

async fn page(c: &mut Client, method: &str, path: &str, csrf: &str) -> Resp {
    if method == "GET" {
        return c.get(path).await;
    }
    let mut fields = FORM.to_vec();
    fields.push(("csrf", csrf));
    c.post_form(path, &fields).await
}

async fn api(c: &mut Client, method: &str, path: &str) -> Resp {
    let m = Method::from_bytes(method.as_bytes()).unwrap_or(Method::GET);
    let body = serde_json::json!({"email": "intruder@example.com", "name": "Intruder", "role": "owner", "password": "correct horse battery"});
    c.json(m, path, body).await
}

fn denied(res: &Resp, what: &str) {
    assert!(
        matches!(res.status.as_u16(), 403 | 404),
        "{what}: expected 403/404, got {} {}",
        res.status,
        &res.body[..res.body.len().min(300)]
    );
}

#[tokio::test]
async fn a_member_of_a_can_never_reach_b() {
    // The walk calls every API route several times with one token: more than the default burst allows.
    let env = fresh_with(WebOptions {
        api_rate_limit: None,
        ..WebOptions::default()
    })
    .await;
    let mut a_owner = setup_via_pages(&env).await;
    let a_csrf = csrf_of(&mut a_owner, "acme").await;

    // Organisation B with its own owner, member and API token.
    env.app.cli_add_org("beta", "Beta BV").await.expect("org b");
    let b_owner = add_user(&env, "beta", "b-owner@example.com", Role::Owner).await;
    let b_staff = add_user(&env, "beta", "b-staff@example.com", Role::Staff).await;
    let b_actor = env.actor(&b_owner, "beta").await;
    let (b_token, _) = env
        .app
        .create_api_token(&b_actor, "b key")
        .await
        .expect("b token");

    // A's own API token (owner of A: every permission there).
    let a_session = env
        .app
        .session(a_owner.cookies.get("kluis_session").expect("cookie"))
        .await
        .expect("s")
        .expect("s");
    let a_actor = env.actor(&a_session.user.id, "acme").await;
    let (_, a_secret) = env
        .app
        .create_api_token(&a_actor, "a key")
        .await
        .expect("a token");
    let a_api = Client::with_bearer(env.router.clone(), &a_secret);

    // A document of B, scanned, with a finding.
    let b_doc = env
        .app
        .upload_document(
            &b_actor,
            "beta-geheim.txt",
            b"Mail b-secret@example.com, BSN 111222333".to_vec(),
        )
        .await
        .expect("b document");
    while env.app.run_one_job("tenant-test").await.expect("job") {}
    let b_detail = env
        .app
        .document(&b_actor, &b_doc.id)
        .await
        .expect("b detail");
    let b_finding = b_detail
        .findings
        .first()
        .map(|f| f.id.clone())
        .expect("b finding");
    let documents_before = env
        .app
        .documents(&b_actor, Default::default())
        .await
        .expect("b documents");

    let b_activity = env
        .app
        .create_register_activity(&b_actor, None, "Beta geheime verwerking", "")
        .await
        .expect("b activity");
    // A customer of B with an e-mail address (the field the walk reveals).
    let b_relation = crate::relations::customer(&env, &b_actor, "b-klant@example.com").await;
    let relation_before = env
        .app
        .relation(&b_actor, &b_relation)
        .await
        .expect("b relation");

    let activities_before = env
        .app
        .register_activities(&b_actor)
        .await
        .expect("b activities");
    // A processor of B with an agreement, and a staff measure of B's member.
    let b_recipient = env
        .app
        .create_recipient(
            &b_actor,
            &kluis_domain::register::Recipient {
                name: "Beta Hosting".into(),
                ..Default::default()
            },
        )
        .await
        .expect("b recipient");
    let b_recipient_id = b_recipient.recipient.id.to_string();
    let b_agreement = env
        .app
        .add_agreement(&b_actor, &b_recipient_id, &Default::default(), None)
        .await
        .expect("b agreement");
    let b_measure = env
        .app
        .add_staff_measure(
            &b_actor,
            &kluis_app::StaffMeasureInput {
                user_id: b_staff.0.clone(),
                kind: kluis_domain::register::agreements::StaffMeasureKind::PrivacyTraining,
                held_on: time::OffsetDateTime::now_utc().date(),
                subject: "Beta training".into(),
                notes: String::new(),
            },
        )
        .await
        .expect("b measure");
    let recipients_before = env
        .app
        .recipients_snapshot(&b_actor)
        .await
        .expect("b recipients");
    let measures_before = env
        .app
        .staff_measures(&b_actor, None)
        .await
        .expect("b measures");
    // A pending invitation of B, with its one-time link.
    let b_invite_link = invite(
        &env,
        &b_actor,
        "b-invitee@example.com",
        "B Invitee",
        Role::Auditor,
    )
    .await;
    let b_invitations_before = env.app.invitations(&b_actor).await.expect("b invitations");

    // A data-subject request of B.
    let b_request = env
        .app
        .create_request(
            &b_actor,
            &kluis_app::NewRequest {
                kind: kluis_domain::relations::requests::RequestKind::Erasure,
                channel: kluis_domain::relations::requests::RequestChannel::Letter,
                requester_name: "Beta Requester".into(),
                requester_email: "beta-requester@example.com".into(),
                // Overdue, so that the deadline snapshot below holds it.
                received_at: Some(time::OffsetDateTime::now_utc() - time::Duration::days(40)),
                received_local: None,
                relation_id: None,
            },
        )
        .await
        .expect("b request");
    // An uploaded customer file of B, waiting for its mapping.
    let b_import = env
        .app
        .upload_relation_import(
            &b_actor,
            "beta.csv",
            b"Voornaam;Achternaam\nBeta;Klant\n".to_vec(),
        )
        .await
        .expect("b import")
        .id;
    // A DPIA of B.
    let b_dpia = env
        .app
        .create_dpia(
            &b_actor,
            None,
            "Beta geheime DPIA",
            kluis_web::i18n::Lang::En,
        )
        .await
        .expect("b dpia")
        .id;
    let b_dpias_before = env.app.dpias(&b_actor).await.expect("b dpias").len();
    let b_requests_before = requests_snapshot(&env, &b_actor).await;
    assert_eq!(b_requests_before.len(), 1);

    let members_before = members_of(&env, &b_actor).await;
    let audit_before = audit_of_changes(&env, &b_actor).await;
    let tokens_before = env.app.api_tokens(&b_actor).await.expect("tokens");

    let mut w = World {
        a_owner,
        a_csrf,
        a_api,
    };
    let ids = Ids {
        b_user: b_staff.0.clone(),
        b_token_id: b_token.id.clone(),
        b_document: b_doc.id.clone(),
        b_finding,
        b_activity: b_activity.activity.id.to_string(),
        b_recipient: b_recipient_id,
        b_agreement: b_agreement.id.to_string(),
        b_measure: b_measure.id.clone(),
        b_invitation: b_invitations_before[0].id.clone(),
        b_relation: b_relation.clone(),
        b_request: b_request.clone(),
        b_import,
        b_dpia: b_dpia.clone(),
    };
    let mut checked = 0;
    let routes = route_table();
    for route in &routes {
        let what = format!("{} {}", route.method, route.path);
        let responses: Vec<Resp> = match (route.access, route.method, route.path) {
            (Access::Org, m, p) => {
                let csrf = w.a_csrf.clone();
                // B's organisation in the path…
                let mut out = vec![page(&mut w.a_owner, m, &fill(p, "beta", &ids), &csrf).await];
                denied(&out[0], &format!("{what} at beta"));
                // …and A's organisation in the path with B's objects.
                if [
                    "{user}",
                    "{token}",
                    "{document}",
                    "{recipient}",
                    "{measure}",
                    "{invitation}",
                    "{activity}",
                    "{relation}",
                    "{request}",
                    "{dpia}",
                ]
                .iter()
                .any(|x| p.contains(x))
                {
                    let r = page(&mut w.a_owner, m, &fill(p, "acme", &ids), &csrf).await;
                    denied(&r, &format!("{what} at acme with B's object"));
                    out.push(r);
                }
                out
            }
            (Access::ApiOrg, m, p) => {
                let r = api(&mut w.a_api, m, &fill(p, "beta", &ids)).await;
                denied(&r, &format!("{what} at beta"));
                assert_eq!(
                    r.header("content-type"),
                    Some("application/problem+json"),
                    "{what}"
                );
                let mut out = vec![r];
                if [
                    "{user}",
                    "{document}",
                    "{recipient}",
                    "{measure}",
                    "{invitation}",
                    "{activity}",
                    "{relation}",
                    "{dpia}",
                ]
                .iter()
                .any(|x| p.contains(x))
                {
                    let r = api(&mut w.a_api, m, &fill(p, "acme", &ids)).await;
                    denied(&r, &format!("{what} at acme with B's object"));
                    out.push(r);
                }
                out
            }
            (Access::Api, "GET", "/api/v1/me") => {
                let r = w.a_api.get("/api/v1/me").await;
                assert_status(&r, 200, &what);
                assert_eq!(r.json()["org"], "acme");
                vec![r]
            }
            (Access::Session, "POST", "/switch") => {
                let csrf = w.a_csrf.clone();
                let r = w
                    .a_owner
                    .post_form("/switch", &[("csrf", &csrf), ("org", "beta")])
                    .await;
                denied(&r, &what);
                vec![r]
            }
            (Access::Session, "GET", "/account") => {
                let r = w.a_owner.get("/account").await;
                assert_eq!(r.location(), Some("/o/acme/account"), "{what}");
                vec![r]
            }
            (Access::Session, "GET", "/portfolio") => {
                // Only A's own organisation: B's name must not show (checked with the other secrets below).
                let r = w.a_owner.get("/portfolio").await;
                assert_status(&r, 200, &what);
                assert!(r.body.contains("href=\"/o/acme\""), "{what}");
                assert!(!r.body.contains("href=\"/o/beta\""), "{what} lists B");
                vec![r]
            }
            (Access::Session, "POST", "/logout") => {
                // Logging out a separate session of A: it must not touch B (checked below).
                let mut other = login(&env, OWNER_EMAIL, OWNER_PASSWORD).await;
                let csrf = csrf_of(&mut other, "acme").await;
                vec![other.post_form("/logout", &[("csrf", &csrf)]).await]
            }
            (Access::Session, m, "/orgs/new") => {
                // A new organisation is the user's own; nothing of B may show on the way.
                let csrf = w.a_csrf.clone();
                let r = if m == "GET" {
                    w.a_owner.get("/orgs/new").await
                } else {
                    // B's slug: refused as taken, without B's name.
                    let fields = [
                        ("csrf", csrf.as_str()),
                        ("org_name", "Mine"),
                        ("slug", "beta"),
                    ];
                    w.a_owner.post_form("/orgs/new", &fields).await
                };
                vec![r]
            }
            (Access::Public, "POST", "/login") => {
                // A logged-in A user trying B's owner with a wrong password.
                let csrf = w.a_csrf.clone();
                let mut anon = env.client();
                let p = anon.get("/login").await;
                let r = anon
                    .post_form(
                        "/login",
                        &[
                            ("csrf", &p.csrf()),
                            ("email", "b-owner@example.com"),
                            ("password", "guessing guessing"),
                        ],
                    )
                    .await;
                assert_status(&r, 401, &what);
                // The form echoes the address that was typed; nothing else about B may appear.
                assert!(
                    !r.body.contains("Beta BV") && !r.body.contains(b_owner.as_str()),
                    "{what} leaked B"
                );
                vec![page(&mut w.a_owner, "POST", "/login", &csrf).await]
            }
            (Access::Public, m, "/invite/{token}") => {
                // B's real invitation link, opened and posted by A's logged-in owner: it is for another
                // address, so A learns nothing of B and cannot join B with it.
                let csrf = w.a_csrf.clone();
                let r = page(&mut w.a_owner, m, &b_invite_link, &csrf).await;
                assert_status(&r, 403, &what);
                vec![r]
            }
            (Access::Public, m, p) => {
                let csrf = w.a_csrf.clone();
                vec![page(&mut w.a_owner, m, &fill(p, "beta", &ids), &csrf).await]
            }
            (a, m, p) => {
                panic!("no tenant-isolation case for {m} {p} ({a:?}): add one to this test")
            }
        };
        for r in &responses {
            assert!(
                !r.status.is_server_error(),
                "{what}: server error {}",
                r.status
            );
            for secret in [
                "Beta BV",
                "b-owner@example.com",
                "b-staff@example.com",
                b_owner.as_str(),
                "beta-geheim.txt",
                "b-secret@example.com",
                "111222333",
                "Beta geheime verwerking",
                "Beta Hosting",
                "Beta training",
                "b-invitee@example.com",
                "B Invitee",
                "b-klant@example.com",
            ] {
                assert!(!r.body.contains(secret), "{what} leaked {secret}");
            }
            if let Some(loc) = r.location() {
                assert!(!loc.contains("beta"), "{what} redirected into B: {loc}");
            }
        }
        checked += 1;
    }
    assert_eq!(checked, routes.len());

    // Nothing of B changed: members, audit log, API tokens.
    assert_eq!(
        members_of(&env, &b_actor).await,
        members_before,
        "B's members changed"
    );
    // The one thing B's log may gain is the failed login on B's owner's address tried above: a security event
    // about B's own account, recorded by design.
    let audit_after = audit_of_changes(&env, &b_actor).await;
    let added: Vec<_> = audit_after
        .iter()
        .filter(|e| !audit_before.contains(e))
        .map(|(_, a)| a.as_str())
        .collect();
    assert_eq!(added, vec!["login.failure"], "B's audit log changed");
    assert_eq!(audit_after.len(), audit_before.len() + 1);
    assert_eq!(
        env.app
            .documents(&b_actor, Default::default())
            .await
            .expect("b documents"),
        documents_before,
        "B's documents changed"
    );
    assert_eq!(
        env.app
            .relation(&b_actor, &b_relation)
            .await
            .expect("b relation after"),
        relation_before,
        "B's relation changed"
    );
    assert_eq!(
        env.app
            .document(&b_actor, &b_doc.id)
            .await
            .expect("b detail"),
        b_detail,
        "B's document or findings changed"
    );
    assert_eq!(
        env.app
            .register_activities(&b_actor)
            .await
            .expect("b activities"),
        activities_before,
        "B's processing activities changed"
    );
    assert_eq!(
        env.app.api_tokens(&b_actor).await.expect("tokens"),
        tokens_before,
        "B's API tokens changed"
    );
    assert_eq!(
        env.app
            .recipients_snapshot(&b_actor)
            .await
            .expect("b recipients"),
        recipients_before,
        "B's recipients or agreements changed"
    );
    assert_eq!(
        env.app
            .staff_measures(&b_actor, None)
            .await
            .expect("b measures"),
        measures_before,
        "B's staff measures changed"
    );
    assert_eq!(
        env.app.invitations(&b_actor).await.expect("b invitations"),
        b_invitations_before,
        "B's invitations changed"
    );
    assert_eq!(
        requests_snapshot(&env, &b_actor).await,
        b_requests_before,
        "B's requests changed"
    );
    let b_dpias = env.app.dpias(&b_actor).await.expect("b dpias");
    assert_eq!(b_dpias.len(), b_dpias_before, "B's DPIAs changed");
    assert!(
        b_dpias.iter().all(|d| d.id != b_dpia || d.version == 1),
        "B's DPIA changed"
    );
    assert!(
        env.app
            .verify_audit(&b_actor)
            .await
            .expect("verify")
            .is_ok()
    );
}

/// B's requests as (id, status, due date, closed): what a step would change. Reads no requester, so it appends
/// nothing to B's log.
async fn requests_snapshot(
    env: &Env,
    actor: &kluis_app::Actor,
) -> Vec<(String, String, String, bool)> {
    env.app
        .requests_needing_attention(actor)
        .await
        .expect("b requests")
        .into_iter()
        .map(|r| {
            (
                r.id,
                r.status.as_str().to_owned(),
                r.due_on.to_string(),
                r.closed_at_ms.is_some(),
            )
        })
        .collect()
}
