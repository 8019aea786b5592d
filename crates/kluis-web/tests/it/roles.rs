//! The role matrix: every role against every route of an organisation that the modules declare. A role whose
//! permissions lack the route's declared need gets 403 and changes nothing; a role that has it is never refused.
//! Next to it, the audit invariant: every successful mutation appends exactly one audit event, and a refused or
//! failed one appends none.

use crate::client::{Client, Resp};
use crate::helpers::*;
use axum::http::Method;
use kluis_app::{Actor, Role, UserId};
use kluis_web::{Access, RouteSpec, route_table};
use std::collections::BTreeSet;

/// Plausible form fields, so that a handler would act if the authorisation let it.
const FORM: &[(&str, &str)] = &[
    ("email", "newcomer@example.com"),
    ("name", "Newcomer"),
    ("role", "auditor"),
    ("password", "correct horse battery"),
    ("current", "correct horse battery"),
    ("new", "correct horse battery"),
    ("lang", "en"),
    ("locale", "en"),
    ("code", "123456"),
    ("confirm", "yes"),
    ("class", "other"),
    ("personal_data", "generic"),
    ("categories_set", "1"),
    ("query", "mail@example.com"),
    ("entity", "email"),
    ("value", "mail@example.com"),
];

/// The objects a route names, made afresh for every route so that one route's deletion cannot turn the next
/// route's refusal into a 404.
struct Objects {
    user: UserId,
    document: String,
    finding: String,
    /// A draft processing activity (drafts can be changed, activated and deleted).
    activity: String,
    recipient: String,
    agreement: String,
    measure: String,
}

async fn objects(env: &Env, owner: &Actor, n: usize) -> Objects {
    let user = add_user(env, "acme", &format!("object-{n}@example.com"), Role::Staff).await;
    let doc = env
        .app
        .upload_document(
            owner,
            &format!("brief-{n}.txt"),
            b"Beste klant, mail ons op klant@example.com of bel 06 12345678.".to_vec(),
        )
        .await
        .expect("document");
    while env.app.run_one_job("roles-test").await.expect("job") {}
    let detail = env.app.document(owner, &doc.id).await.expect("detail");
    let finding = detail
        .findings
        .first()
        .map(|f| f.id.clone())
        .expect("a finding in the generic document");
    let activity = env
        .app
        .create_register_activity(owner, None, &format!("Verwerking {n}"), "")
        .await
        .expect("activity")
        .activity
        .id
        .to_string();
    let recipient = env
        .app
        .create_recipient(
            owner,
            &kluis_domain::register::Recipient {
                name: format!("Processor {n}"),
                ..Default::default()
            },
        )
        .await
        .expect("recipient")
        .recipient
        .id
        .to_string();
    let agreement = env
        .app
        .add_agreement(owner, &recipient, &Default::default(), None)
        .await
        .expect("agreement")
        .id
        .to_string();
    let measure = env
        .app
        .add_staff_measure(
            owner,
            &kluis_app::StaffMeasureInput {
                user_id: user.0.clone(),
                kind: kluis_domain::register::agreements::StaffMeasureKind::PrivacyTraining,
                held_on: time::OffsetDateTime::now_utc().date(),
                subject: format!("Training {n}"),
                notes: String::new(),
            },
        )
        .await
        .expect("staff measure")
        .id;
    Objects {
        user,
        document: doc.id,
        finding,
        activity,
        recipient,
        agreement,
        measure,
    }
}

/// Fills every placeholder but `{token}` (see [`own_token_path`]).
fn fill(path: &str, o: &Objects) -> String {
    path.replace("{org}", "acme")
        .replace("{user}", o.user.as_str())
        .replace("{document}", &o.document)
        .replace("{finding}", &o.finding)
        .replace("{activity}", &o.activity)
        .replace("{recipient}", &o.recipient)
        .replace("{agreement}", &o.agreement)
        .replace("{measure}", &o.measure)
}

/// A member of `acme` with `role`, logged in through the pages and holding an API token.
struct Member {
    role: Role,
    actor: Actor,
    page: Client,
    csrf: String,
    api: Client,
}

async fn member(env: &Env, role: Role, owner_page: Option<Client>) -> Member {
    let mut page = match owner_page {
        Some(c) => c,
        None => {
            let email = format!("{}@example.com", role.as_str());
            add_user(env, "acme", &email, role).await;
            login(env, &email, OWNER_PASSWORD).await
        }
    };
    let csrf = csrf_of(&mut page, "acme").await;
    let actor = session_actor(env, &page, "acme").await;
    let (_, secret) = env
        .app
        .create_api_token(&actor, "matrix")
        .await
        .expect("token");
    Member {
        role,
        actor,
        page,
        csrf,
        api: Client::with_bearer(env.router.clone(), &secret),
    }
}

/// API tokens are the one object a member acts on as its owner: revoking one's own token needs only `Read`,
/// so each call gets a token of the calling member.
async fn own_token_path(env: &Env, m: &Member, path: &str) -> String {
    if !path.contains("{token}") {
        return path.to_owned();
    }
    let (token, _) = env
        .app
        .create_api_token(&m.actor, "own key")
        .await
        .expect("own token");
    path.replace("{token}", &token.id)
}

async fn call(m: &mut Member, route: &RouteSpec, path: &str) -> Resp {
    match route.access {
        Access::ApiOrg => {
            let method = Method::from_bytes(route.method.as_bytes()).unwrap_or(Method::GET);
            // Bodies the route's extractor accepts, so that only the authorisation can refuse.
            let body = if path.ends_with("/audit/search") {
                serde_json::json!({ "q": "newcomer" })
            } else {
                serde_json::json!({
                    "email": "newcomer@example.com", "name": "Newcomer", "role": "auditor",
                    "class": "other", "personal_data": "generic", "query": "mail@example.com",
                    "entity": "email", "value": "mail@example.com",
                })
            };
            m.api.json(method, path, body).await
        }
        _ if route.method == "GET" => m.page.get(path).await,
        _ => {
            let mut fields = FORM.to_vec();
            fields.push(("csrf", &m.csrf));
            m.page.post_form(path, &fields).await
        }
    }
}

fn organisation_routes() -> Vec<&'static RouteSpec> {
    route_table()
        .into_iter()
        .filter(|r| matches!(r.access, Access::Org | Access::ApiOrg))
        .collect()
}

#[tokio::test]
async fn every_role_against_every_route_gets_exactly_what_its_permissions_allow() {
    let (env, owner_page) = with_owner().await;
    let owner_actor = session_actor(&env, &owner_page, "acme").await;
    // Refused roles first, so an allowed role's change cannot make a refusal look like something else.
    let mut members = [
        member(&env, Role::Auditor, None).await,
        member(&env, Role::Staff, None).await,
        member(&env, Role::PrivacyOfficer, None).await,
        member(&env, Role::Owner, Some(owner_page)).await,
    ];
    let routes = organisation_routes();
    assert!(routes.len() > 20, "the walk covers the organisation routes");
    let mut refusals = 0;
    for (n, route) in routes.iter().enumerate() {
        let needs = route.needs.expect("organisation routes declare their need");
        let objects = objects(&env, &owner_actor, n).await;
        let path = fill(route.path, &objects);
        for m in members.iter_mut() {
            let what = format!("{} {} as {}", route.method, route.path, m.role);
            let path = own_token_path(&env, m, &path).await;
            let res = call(m, route, &path).await;
            assert!(!res.status.is_server_error(), "{what}: {}", res.status);
            assert_ne!(
                res.status.as_u16(),
                401,
                "{what}: the member lost their session"
            );
            if m.role.allows(needs) {
                assert_ne!(
                    res.status.as_u16(),
                    403,
                    "{what}: refused, though the role has {needs:?}: {}",
                    &res.body[..res.body.len().min(300)]
                );
            } else {
                assert_eq!(
                    res.status.as_u16(),
                    403,
                    "{what}: the role lacks {needs:?}: {}",
                    &res.body[..res.body.len().min(300)]
                );
                refusals += 1;
            }
        }
    }
    assert!(refusals > 20, "the matrix refused only {refusals} calls");
}

/// Events that record a read of personal data rather than a change (listing members shows their names).
fn is_read_event(action: &str) -> bool {
    matches!(action, "member.list" | "member.read")
}

/// POST routes that show something without storing anything.
const SHOWS_WITHOUT_CHANGING: &[&str] = &[
    // Shows a new TOTP secret to scan; nothing is stored until a code confirms it.
    "/o/{org}/account/totp",
    // Searches posted so that names and words stay out of URLs.
    "/o/{org}/audit/search",
    "/api/v1/orgs/{org}/audit/search",
];

async fn changes(env: &Env, actor: &Actor) -> Vec<(i64, String)> {
    let mut events = audit_of(env, actor).await;
    events.retain(|(_, a)| !is_read_event(a));
    events
}

#[tokio::test]
async fn every_successful_mutation_appends_exactly_one_audit_event() {
    let (env, owner_page) = with_owner().await;
    let owner_actor = session_actor(&env, &owner_page, "acme").await;
    let mut staff = member(&env, Role::Staff, None).await;
    let mut owner = member(&env, Role::Owner, Some(owner_page)).await;
    let mut succeeded = BTreeSet::new();
    for (n, route) in organisation_routes().iter().enumerate() {
        if route.method == "GET" || SHOWS_WITHOUT_CHANGING.contains(&route.path) {
            continue;
        }
        let what = format!("{} {}", route.method, route.path);
        for (i, m) in [&mut staff, &mut owner].into_iter().enumerate() {
            // Fresh objects for each call: the second call must not find the first one's change done.
            let objects = objects(&env, &owner_actor, 2 * n + i + 1000).await;
            let path = fill(route.path, &objects);
            let path = own_token_path(&env, m, &path).await;
            let before = changes(&env, &owner_actor).await;
            let res = call(m, route, &path).await;
            let after = changes(&env, &owner_actor).await;
            let added: Vec<&str> = after
                .iter()
                .filter(|e| !before.contains(e))
                .map(|(_, a)| a.as_str())
                .collect();
            let ok = (res.status.is_success() || res.status.is_redirection())
                && !res.location().unwrap_or("").contains("error=");
            if ok {
                assert_eq!(
                    added.len(),
                    1,
                    "{what} as {} succeeded ({}) with audit events {added:?}",
                    m.role,
                    res.status
                );
                succeeded.insert(what.clone());
            } else {
                assert!(
                    added.is_empty(),
                    "{what} as {} failed ({}) yet appended {added:?}",
                    m.role,
                    res.status
                );
            }
        }
    }
    // The walk is only a test if most mutations really happened.
    for must in [
        "POST /o/{org}/users",
        "POST /o/{org}/users/{user}/role",
        "POST /o/{org}/users/{user}/remove",
        "POST /o/{org}/account/locale",
        "POST /o/{org}/account/tokens",
        "POST /o/{org}/account/tokens/{token}/revoke",
        "POST /o/{org}/documents/{document}/correct",
        "POST /o/{org}/documents/{document}/rescan",
        "POST /o/{org}/documents/{document}/delete",
        "PATCH /api/v1/orgs/{org}/members/{user}",
        "DELETE /api/v1/orgs/{org}/members/{user}",
        "DELETE /api/v1/orgs/{org}/documents/{document}",
        "POST /api/v1/orgs/{org}/documents/{document}/rescan",
        "POST /o/{org}/register/activities",
        "POST /o/{org}/register/activities/{activity}",
        "POST /o/{org}/register/activities/{activity}/delete",
        "POST /api/v1/orgs/{org}/register/activities",
        "PUT /api/v1/orgs/{org}/register/activities/{activity}",
        "DELETE /api/v1/orgs/{org}/register/activities/{activity}",
        "POST /o/{org}/recipients",
        "POST /o/{org}/recipients/{recipient}",
        "POST /o/{org}/recipients/{recipient}/delete",
        "POST /o/{org}/recipients/{recipient}/agreements/{agreement}",
        "POST /o/{org}/recipients/{recipient}/agreements/{agreement}/remove",
        "POST /o/{org}/staff-measures/{measure}/remove",
        "DELETE /api/v1/orgs/{org}/recipients/{recipient}",
        "POST /api/v1/orgs/{org}/recipients/{recipient}/agreements",
        "PUT /api/v1/orgs/{org}/recipients/{recipient}/agreements/{agreement}",
        "DELETE /api/v1/orgs/{org}/recipients/{recipient}/agreements/{agreement}",
        "DELETE /api/v1/orgs/{org}/staff-measures/{measure}",
    ] {
        assert!(
            succeeded.contains(must),
            "{must} never succeeded in the walk: {succeeded:?}"
        );
    }
}
