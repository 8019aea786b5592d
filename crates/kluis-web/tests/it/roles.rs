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
    ("given_name", "Newcomer"),
    ("note", "Called back about the order"),
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
    invitation: String,
    /// A customer holding an e-mail address (the field `{field}` names: every reader may reveal it).
    relation: String,
    /// An open data-subject request.
    request: String,
    /// An uploaded customer file waiting for its mapping.
    import: String,
    /// A legal hold in force, on a relation of its own (so deleting `relation` is not blocked by it).
    hold: String,
    /// A proposed deletion run of a relation whose relationship ended ten years ago.
    run: String,
    /// A blank DPIA in progress.
    dpia: String,
}

async fn objects(env: &Env, owner: &Actor, n: usize) -> Objects {
    let user = add_user(env, "acme", &format!("object-{n}@example.com"), Role::Staff).await;
    let (invitation, _) = env
        .app
        .invite_member(
            owner,
            kluis_app::NewInvitation {
                email: format!("invited-{n}@example.com"),
                display_name: format!("Invited {n}"),
                role: Role::Staff,
            },
        )
        .await
        .expect("invitation");
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
    let relation = crate::relations::customer(env, owner, &format!("klant-{n}@example.com")).await;
    let request = env
        .app
        .create_request(
            owner,
            &kluis_app::NewRequest {
                kind: kluis_domain::relations::requests::RequestKind::Access,
                channel: kluis_domain::relations::requests::RequestChannel::Email,
                requester_name: format!("Requester {n}"),
                requester_email: format!("requester-{n}@example.com"),
                received_at: None,
                received_local: None,
                relation_id: None,
            },
        )
        .await
        .expect("request");
    let import = env
        .app
        .upload_relation_import(
            owner,
            &format!("klanten-{n}.csv"),
            format!("Voornaam;Achternaam;E-mail\nAnna;Jansen;import-{n}@example.com\n")
                .into_bytes(),
        )
        .await
        .expect("import")
        .id;
    let held = crate::relations::customer(env, owner, &format!("held-{n}@example.com")).await;
    let hold = env
        .app
        .place_hold(
            owner,
            kluis_app::retention_target("relation", &held).expect("target"),
            "Claim",
        )
        .await
        .expect("hold");
    let due = crate::relations::customer(env, owner, &format!("due-{n}@example.com")).await;
    env.app
        .set_relation_events(
            owner,
            &due,
            &kluis_app::RelationEventsInput {
                ended_on: Some(time::OffsetDateTime::now_utc().date() - time::Duration::days(3700)),
                ..Default::default()
            },
        )
        .await
        .expect("events");
    let run = env.app.propose_retention_run(owner).await.expect("run");
    let dpia = env
        .app
        .create_dpia(owner, None, &format!("DPIA {n}"), kluis_web::i18n::Lang::En)
        .await
        .expect("dpia")
        .id;
    Objects {
        dpia,
        hold,
        run,
        import,
        relation,
        user,
        document: doc.id,
        finding,
        activity,
        recipient,
        agreement,
        measure,
        invitation: invitation.id,
        request,
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
        .replace("{invitation}", &o.invitation)
        .replace("{relation}", &o.relation)
        .replace("{field}", "email")
        .replace("{request}", &o.request)
        .replace("{import}", &o.import)
        .replace("{hold}", &o.hold)
        .replace("{run}", &o.run)
        .replace("{dpia}", &o.dpia)
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
                // Another address than the form's, so that the API's invitation is not refused as pending.
                serde_json::json!({
                    "email": "api-newcomer@example.com", "name": "Newcomer", "role": "auditor",
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
    // The preview of an import's mapping: the first rows mapped, nothing stored.
    "/o/{org}/relations/import/{import}/preview",
    "/api/v1/orgs/{org}/relations/imports/{import}/preview",
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
        "POST /o/{org}/users/invitations",
        "POST /o/{org}/users/invitations/{invitation}/revoke",
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
        "POST /api/v1/orgs/{org}/invitations",
        "DELETE /api/v1/orgs/{org}/invitations/{invitation}",
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
        "POST /o/{org}/relations",
        "POST /o/{org}/relations/{relation}",
        "POST /o/{org}/relations/{relation}/delete",
        "POST /o/{org}/relations/{relation}/reveal/{field}",
        "POST /o/{org}/relations/{relation}/notes",
        "DELETE /api/v1/orgs/{org}/relations/{relation}",
        "POST /api/v1/orgs/{org}/relations/{relation}/reveal/{field}",
        "POST /o/{org}/relations/import/{import}/start",
        "POST /api/v1/orgs/{org}/relations/imports",
        "POST /api/v1/orgs/{org}/relations/imports/{import}/start",
        "POST /o/{org}/relations/{relation}/documents/{document}/confirm",
        "POST /o/{org}/relations/{relation}/documents/{document}/remove",
        "PUT /api/v1/orgs/{org}/relations/{relation}/documents/{document}",
        "DELETE /api/v1/orgs/{org}/relations/{relation}/documents/{document}",
    ] {
        assert!(
            succeeded.contains(must),
            "{must} never succeeded in the walk: {succeeded:?}"
        );
    }
}

/// Public POST routes that run two use cases, with the events they append (one per use case).
const TWO_USE_CASES: &[(&str, &[&str])] = &[
    // Setting up creates the organisation with its owner, then logs the new owner in like the login page.
    ("/setup", &["org.create", "login.success"]),
];

/// Public and session POST routes that change no organisation's data, with the reason.
const SESSION_STATE_ONLY: &[&str] = &[
    // Which of the user's organisations a session shows: a preference of the session, not a change to data.
    "/switch",
];

/// Changes (read events left out) of every organisation the user belongs to, by organisation slug.
async fn changes_of_user(env: &Env, user: &UserId) -> Vec<(String, i64, String)> {
    let mut out = Vec::new();
    let Ok(orgs) = env.app.cli_orgs().await else {
        return out;
    };
    for org in orgs {
        let Ok(actor) = env.app.actor(user, &org.slug, &origin()).await else {
            continue;
        };
        for (seq, action) in changes(env, &actor).await {
            out.push((org.slug.clone(), seq, action));
        }
    }
    out
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The owner's user id.
async fn owner_id(env: &Env, owner: &Client) -> UserId {
    session_actor(env, owner, "acme").await.user_id
}

/// Calls one public or session POST route the way a person would, in a fresh installation with `acme` and its
/// owner; returns the response and the events it added to the chains of the owner's organisations (and, for
/// routes that act for another user, of theirs).
async fn call_outside_an_organisation(path: &str) -> (Resp, Vec<(String, i64, String)>) {
    if path == "/setup" {
        let env = fresh().await;
        let mut c = env.client();
        let page = c.get("/setup").await;
        let res = c
            .post_form(
                "/setup",
                &[
                    ("csrf", &page.csrf()),
                    ("org_name", "Acme BV"),
                    ("slug", "acme"),
                    ("name", "Olga Owner"),
                    ("email", OWNER_EMAIL),
                    ("password", OWNER_PASSWORD),
                ],
            )
            .await;
        let user = session_actor(&env, &c, "acme").await.user_id;
        return (res, changes_of_user(&env, &user).await);
    }
    let (env, mut owner) = with_owner().await;
    let me = owner_id(&env, &owner).await;
    let owner_actor = session_actor(&env, &owner, "acme").await;
    // Set-up for the route, before the count starts: whose organisations' chains to count (the owner's), the
    // route's one-time secret (a TOTP secret or a reset link's token) and an invitation link.
    let (user, secret, invite_path) = match path {
        "/login/totp" => {
            let enrol = env.app.totp_begin(&me).await.expect("totp begin");
            let code = kluis_crypto::totp_code(&enrol.secret, unix_now()).expect("code");
            env.app
                .totp_confirm(&me, &enrol.secret, &code)
                .await
                .expect("totp confirm");
            (me.clone(), Some(enrol.secret), None)
        }
        "/password-reset/{token}" => {
            // The staff member's chain is acme's, which the owner reads.
            let staff = add_user(&env, "acme", "staff@example.com", Role::Staff).await;
            let token = env
                .app
                .create_password_reset(&owner_actor, &staff)
                .await
                .expect("reset link");
            (me.clone(), Some(token), None)
        }
        "/invite/{token}" => {
            let link = invite(&env, &owner_actor, "new@example.com", "New", Role::Staff).await;
            (me.clone(), None, Some(link))
        }
        // A processor's report link (its own `breach.processor_link` event comes before the count).
        "/p/{slug}/breach-report/{token}" => {
            let processor = env
                .app
                .create_recipient(
                    &owner_actor,
                    &kluis_domain::register::Recipient {
                        name: "Hosting BV".into(),
                        role: kluis_domain::register::RecipientRole::Processor,
                        country: "NL".into(),
                        ..Default::default()
                    },
                )
                .await
                .expect("processor");
            let link = env
                .app
                .breach_processor_link(&owner_actor, &processor.recipient.id.to_string())
                .await
                .expect("report link");
            (me.clone(), None, Some(link))
        }
        // The public consent pages: the link from a letter (no SMTP here, so the letter comes back).
        "/p/{slug}/consent/{token}" | "/p/{slug}/preferences/{token}" => {
            let id = crate::relations::customer(&env, &owner_actor, "public@example.com").await;
            let text = if path.contains("consent") {
                let input = kluis_app::ConsentInput {
                    purpose: "marketing.communications.email".parse().expect("purpose"),
                    action: kluis_domain::relations::consent::ConsentAction::Given,
                    channel: kluis_domain::relations::consent::ConsentChannel::WebForm,
                    statement_version: Some("1".into()),
                    proof: String::new(),
                    parental: false,
                    double_opt_in: true,
                };
                env.app
                    .record_consent(&owner_actor, &id, &input, kluis_web::i18n::Lang::En, "")
                    .await
                    .expect("double opt-in")
                    .mail
                    .and_then(|m| m.text)
                    .unwrap_or_default()
            } else {
                // A purpose the page offers: one with a record (a withdrawal needs no proof).
                let input = kluis_app::ConsentInput {
                    purpose: "marketing.communications.email".parse().expect("purpose"),
                    action: kluis_domain::relations::consent::ConsentAction::Withdrawn,
                    channel: kluis_domain::relations::consent::ConsentChannel::Paper,
                    statement_version: None,
                    proof: String::new(),
                    parental: false,
                    double_opt_in: false,
                };
                env.app
                    .record_consent(&owner_actor, &id, &input, kluis_web::i18n::Lang::En, "")
                    .await
                    .expect("withdrawal");
                env.app
                    .send_preferences_link(&owner_actor, &id, kluis_web::i18n::Lang::En, "")
                    .await
                    .expect("preferences link")
                    .text
                    .unwrap_or_default()
            };
            let start = text.find("/p/acme/").expect("a link in the letter");
            let link = text[start..]
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned();
            (me.clone(), None, Some(link))
        }
        _ => (me.clone(), None, None),
    };
    let before = changes_of_user(&env, &user).await;
    let res = match path {
        "/login" => {
            let mut c = env.client();
            let page = c.get("/login").await;
            c.post_form(
                "/login",
                &[
                    ("csrf", &page.csrf()),
                    ("email", OWNER_EMAIL),
                    ("password", OWNER_PASSWORD),
                ],
            )
            .await
        }
        "/login/totp" => {
            let mut c = env.client();
            let page = c.get("/login").await;
            let step = c
                .post_form(
                    "/login",
                    &[
                        ("csrf", &page.csrf()),
                        ("email", OWNER_EMAIL),
                        ("password", OWNER_PASSWORD),
                    ],
                )
                .await;
            assert!(
                step.body.contains("/login/totp"),
                "TOTP step: {}",
                step.body
            );
            // The password step appended nothing yet: the login completes with the code.
            assert_eq!(changes_of_user(&env, &user).await, before, "password step");
            let secret = secret.as_deref().unwrap_or_default();
            let code = kluis_crypto::totp_code(secret, unix_now()).expect("code");
            c.post_form("/login/totp", &[("csrf", &step.csrf()), ("totp", &code)])
                .await
        }
        "/lang" => {
            let csrf = csrf_of(&mut owner, "acme").await;
            owner
                .post_form("/lang", &[("csrf", &csrf), ("lang", "en")])
                .await
        }
        "/logout" => {
            let csrf = csrf_of(&mut owner, "acme").await;
            owner.post_form("/logout", &[("csrf", &csrf)]).await
        }
        "/switch" => {
            env.app.cli_add_org("beta", "Beta BV").await.expect("beta");
            env.app
                .cli_add_user("beta", OWNER_EMAIL, "Olga", Role::Owner, OWNER_PASSWORD)
                .await
                .expect("member of beta");
            let before_switch = changes_of_user(&env, &user).await;
            let csrf = csrf_of(&mut owner, "acme").await;
            let r = owner
                .post_form("/switch", &[("csrf", &csrf), ("org", "beta")])
                .await;
            let after = changes_of_user(&env, &user).await;
            let added = after
                .into_iter()
                .filter(|e| !before_switch.contains(e))
                .collect();
            return (r, added);
        }
        "/orgs/new" => {
            let csrf = csrf_of(&mut owner, "acme").await;
            owner
                .post_form(
                    "/orgs/new",
                    &[
                        ("csrf", &csrf),
                        ("org_name", "Client BV"),
                        ("slug", "client"),
                    ],
                )
                .await
        }
        "/password-reset/{token}" => {
            let path = format!("/password-reset/{}", secret.as_deref().unwrap_or_default());
            let mut c = env.client();
            let page = c.get(&path).await;
            c.post_form(
                &path,
                &[("csrf", &page.csrf()), ("new", "another long password")],
            )
            .await
        }
        // The new member's event is in acme's chain, which the owner's count covers.
        "/invite/{token}" => accept_as_new(&env, &invite_path.unwrap_or_default(), "New N.").await,
        "/p/{slug}/consent/{token}" | "/p/{slug}/preferences/{token}" => {
            let link = invite_path.unwrap_or_default();
            let mut c = env.client();
            let page = c.get(&link).await;
            c.post_form(
                &link,
                &[
                    ("csrf", &page.csrf()),
                    ("purpose", "marketing.communications.email"),
                    ("choice", "give"),
                ],
            )
            .await
        }
        // A processor reports a breach through its link: one `breach.create` in acme's chain.
        "/p/{slug}/breach-report/{token}" => {
            let link = invite_path.unwrap_or_default();
            let mut c = env.client();
            let page = c.get(&link).await;
            c.post_form(
                &link,
                &[
                    ("csrf", &page.csrf()),
                    ("summary", "Back-up gedeeld"),
                    ("events", "disclosed"),
                ],
            )
            .await
        }
        // A data subject sends a request through acme's public form.
        "/p/{slug}/requests" => {
            let mut c = env.client();
            let page = c.get("/p/acme/requests").await;
            let at = page
                .body
                .find("name=\"token\" value=\"")
                .expect("token field");
            let rest = &page.body[at + 20..];
            let token = rest[..rest.find('"').expect("end")].to_owned();
            c.post_form(
                "/p/acme/requests",
                &[
                    ("csrf", &page.csrf()),
                    ("token", &token),
                    ("name", "Rita Requester"),
                    ("email", "rita@example.com"),
                    ("kind", "access"),
                ],
            )
            .await
        }
        other => panic!("no case for POST {other}: add one to this test"),
    };
    let after = changes_of_user(&env, &user).await;
    let added = after.into_iter().filter(|e| !before.contains(e)).collect();
    (res, added)
}

#[tokio::test]
async fn every_public_and_session_mutation_appends_exactly_one_audit_event() {
    let routes: Vec<&RouteSpec> = route_table()
        .into_iter()
        .filter(|r| matches!(r.access, Access::Public | Access::Session) && r.method == "POST")
        .collect();
    assert!(routes.len() >= 8, "the walk covers the public routes");
    for route in routes {
        let what = format!("{} {}", route.method, route.path);
        let (res, added) = call_outside_an_organisation(route.path).await;
        assert!(
            res.status.is_success() || res.status.is_redirection(),
            "{what} did not succeed ({}): {}",
            res.status,
            &res.body[..res.body.len().min(400)]
        );
        if let Some((_, events)) = TWO_USE_CASES.iter().find(|(p, _)| *p == route.path) {
            let mut actions: Vec<&str> = added.iter().map(|(_, _, a)| a.as_str()).collect();
            actions.sort_unstable();
            let mut expected = events.to_vec();
            expected.sort_unstable();
            assert_eq!(actions, expected, "{what}");
        } else if SESSION_STATE_ONLY.contains(&route.path) {
            assert!(
                added.is_empty(),
                "{what} changes no data, yet appended {added:?}"
            );
        } else {
            assert_eq!(added.len(), 1, "{what} appended {added:?}");
        }
    }
}
