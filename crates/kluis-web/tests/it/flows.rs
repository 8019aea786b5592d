//! The main journeys through the pages: setup, login/logout, CSRF, roles, expired sessions, throttling.

use crate::helpers::*;
use kluis_app::Role;
use kluis_web::WebOptions;

#[tokio::test]
async fn setup_runs_once_then_is_gone() {
    let env = fresh().await;
    let mut anon = env.client();
    let home = anon.get("/").await;
    assert_status(&home, 303, "home before setup");
    assert_eq!(home.location(), Some("/setup"));
    assert_eq!(
        anon.get("/login").await.location(),
        Some("/setup"),
        "login waits for setup"
    );

    // Without the form's CSRF token nothing is created.
    let forged = anon
        .post_form(
            "/setup",
            &[
                ("org_name", "Evil"),
                ("name", "E"),
                ("email", "e@example.com"),
                ("password", OWNER_PASSWORD),
            ],
        )
        .await;
    assert_status(&forged, 403, "setup without csrf");
    assert!(env.app.needs_setup().await.expect("needs_setup"));

    // A too-short password is explained on the form, not a 500.
    let page = anon.get("/setup").await;
    let short = anon
        .post_form(
            "/setup",
            &[
                ("csrf", &page.csrf()),
                ("org_name", "Acme BV"),
                ("name", "Olga"),
                ("email", OWNER_EMAIL),
                ("password", "short"),
            ],
        )
        .await;
    assert_status(&short, 400, "short password");
    assert!(
        short.body.contains("role=\"alert\""),
        "error shown: {}",
        short.body
    );
    assert!(
        short.body.contains("value=\"Acme BV\""),
        "form keeps what was typed"
    );

    let mut owner = setup_via_pages(&env).await;
    let cookie = owner.get("/").await;
    assert_eq!(cookie.location(), Some("/o/acme"));
    let dash = owner.get("/o/acme").await;
    assert_status(&dash, 200, "dashboard");
    assert!(dash.body.contains("Acme BV"));
    assert!(
        dash.body.contains("/o/acme/users"),
        "owner sees the users module"
    );

    // After setup the page is gone, and posting to it changes nothing.
    let mut other = env.client();
    assert_eq!(other.get("/setup").await.location(), Some("/"));
    let login_page = other.get("/login").await;
    let again = other
        .post_form(
            "/setup",
            &[
                ("csrf", &login_page.csrf()),
                ("org_name", "Second"),
                ("slug", "second"),
                ("name", "X"),
                ("email", "x@example.com"),
                ("password", OWNER_PASSWORD),
            ],
        )
        .await;
    assert_status(&again, 303, "second setup");
    assert_eq!(env.app.cli_orgs().await.expect("orgs").len(), 1);
}

#[tokio::test]
async fn session_cookie_flags_follow_the_options() {
    let env = fresh_with(WebOptions {
        secure_cookies: true,
        ..WebOptions::default()
    })
    .await;
    let mut c = env.client();
    let page = c.get("/setup").await;
    let res = c
        .post_form(
            "/setup",
            &[
                ("csrf", &page.csrf()),
                ("org_name", "Acme BV"),
                ("name", "Olga"),
                ("email", OWNER_EMAIL),
                ("password", OWNER_PASSWORD),
            ],
        )
        .await;
    assert_status(&res, 303, "setup");
    let set: Vec<_> = res
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let session = set
        .iter()
        .find(|c| c.starts_with("kluis_session="))
        .expect("session cookie");
    for flag in ["HttpOnly", "SameSite=Lax", "Path=/", "Secure"] {
        assert!(session.contains(flag), "{flag} missing in {session}");
    }
    // Organisation slug was made from the name.
    assert_eq!(c.get("/").await.location(), Some("/o/acme-bv"));
}

#[tokio::test]
async fn login_wrong_password_logout_and_expired_session() {
    let (env, owner) = with_owner().await;
    let mut c = env.client();
    let page = c.get("/login").await;
    assert_status(&page, 200, "login page");
    let wrong = c
        .post_form(
            "/login",
            &[
                ("csrf", &page.csrf()),
                ("email", OWNER_EMAIL),
                ("password", "not the password!"),
            ],
        )
        .await;
    assert_status(&wrong, 401, "wrong password");
    assert!(
        wrong.body.contains("klopt niet"),
        "Dutch message: {}",
        wrong.body
    );
    assert!(!c.cookies.contains_key("kluis_session"));

    let mut c = login(&env, OWNER_EMAIL, OWNER_PASSWORD).await;
    assert_status(&c.get("/o/acme").await, 200, "after login");

    // Logout needs the CSRF token too.
    let no_token = c.post_form("/logout", &[]).await;
    assert_status(&no_token, 403, "logout without csrf");
    assert_status(&c.get("/o/acme").await, 200, "still logged in");

    let token = csrf_of(&mut c, "acme").await;
    let out = c.post_form("/logout", &[("csrf", &token)]).await;
    assert_status(&out, 303, "logout");
    assert!(!c.cookies.contains_key("kluis_session"), "cookie cleared");

    // The old session token no longer works: pages redirect to login, htmx gets HX-Redirect.
    // The owner's first session (from setup) is separate and stays valid.
    let mut old = env.client();
    old.cookies = owner.cookies.clone();
    let mut dead = env.client();
    dead.cookies
        .insert("kluis_session".into(), "expired-or-made-up".into());
    let res = dead.get("/o/acme/users").await;
    assert_status(&res, 303, "dead session");
    assert_eq!(res.location(), Some("/login"));
    assert!(
        res.headers
            .get_all("set-cookie")
            .iter()
            .any(|v| v.to_str().unwrap_or("").starts_with("kluis_session=;")),
        "dead cookie cleared"
    );
    let hx = dead
        .send(
            axum::http::Method::GET,
            "/o/acme/audit",
            None,
            String::new(),
            &[("HX-Request", "true")],
        )
        .await;
    assert_eq!(hx.header("hx-redirect"), Some("/login"));
    let mut anon = env.client();
    assert_eq!(anon.get("/o/acme").await.location(), Some("/login"));
    assert_status(
        &old.get("/o/acme").await,
        200,
        "other sessions unaffected by logout",
    );
}

#[tokio::test]
async fn missing_or_wrong_csrf_is_403_and_changes_nothing() {
    let (env, mut owner) = with_owner().await;
    let acme = env.app.cli_orgs().await.expect("orgs");
    assert_eq!(acme.len(), 1);
    let me = env
        .app
        .session(owner.cookies.get("kluis_session").expect("cookie"))
        .await
        .expect("session")
        .expect("live");
    let actor = env.actor(&me.user.id, "acme").await;
    let before = members_of(&env, &actor).await;
    let audit_before = audit_of_changes(&env, &actor).await;

    let fields = [
        ("email", "new@example.com"),
        ("name", "New Person"),
        ("role", "staff"),
    ];
    let res = owner.post_form("/o/acme/users/invitations", &fields).await;
    assert_status(&res, 403, "no csrf");
    assert!(
        res.body.contains("Formulier verlopen"),
        "translated CSRF page: {}",
        res.body
    );
    let mut wrong = fields.to_vec();
    wrong.push(("csrf", "0000"));
    assert_status(
        &owner.post_form("/o/acme/users/invitations", &wrong).await,
        403,
        "wrong csrf",
    );
    // A pre-login token is no good once logged in.
    let mut fake = fields.to_vec();
    let pre = owner.cookies.get("kluis_csrf").cloned().unwrap_or_default();
    fake.push(("csrf", &pre));
    assert_status(
        &owner.post_form("/o/acme/users/invitations", &fake).await,
        403,
        "pre-login csrf",
    );
    assert_eq!(members_of(&env, &actor).await, before);
    assert!(env.app.invitations(&actor).await.expect("list").is_empty());
    assert_eq!(audit_of_changes(&env, &actor).await, audit_before);

    // htmx sends it as a header: accepted.
    let token = csrf_of(&mut owner, "acme").await;
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    let ok = owner
        .send(
            axum::http::Method::POST,
            "/o/acme/users/invitations",
            Some("application/x-www-form-urlencoded"),
            body,
            &[("X-CSRF-Token", &token)],
        )
        .await;
    assert_status(&ok, 200, "csrf header");
    assert_eq!(env.app.invitations(&actor).await.expect("list").len(), 1);
}

#[tokio::test]
async fn auditor_cannot_manage_users_but_reads_the_audit_log() {
    let (env, owner) = with_owner().await;
    let owner_id = env
        .app
        .session(owner.cookies.get("kluis_session").expect("cookie"))
        .await
        .expect("s")
        .expect("s")
        .user
        .id;
    add_user(&env, "acme", "auditor@example.com", Role::Auditor).await;
    let owner_actor = env.actor(&owner_id, "acme").await;
    let before = members_of(&env, &owner_actor).await;

    let mut auditor = login(&env, "auditor@example.com", OWNER_PASSWORD).await;
    let dash = auditor.get("/o/acme").await;
    assert_status(&dash, 200, "auditor dashboard");
    assert!(
        !dash.body.contains("/o/acme/users\""),
        "no users entry in the auditor's navigation"
    );
    assert_status(&auditor.get("/o/acme/users").await, 403, "users page");
    let token = dash.csrf();
    let add = auditor
        .post_form(
            "/o/acme/users/invitations",
            &[
                ("csrf", &token),
                ("email", "x@example.com"),
                ("name", "X"),
                ("role", "owner"),
            ],
        )
        .await;
    assert_status(&add, 403, "auditor adds a member");
    assert!(add.body.contains("Geen toegang"));
    let promote = auditor
        .post_form(
            &format!("/o/acme/users/{}/role", owner_id),
            &[("csrf", &token), ("role", "auditor")],
        )
        .await;
    assert_status(&promote, 403, "auditor changes a role");
    assert_eq!(members_of(&env, &owner_actor).await, before);

    let audit = auditor.get("/o/acme/audit").await;
    assert_status(&audit, 200, "auditor reads audit");
    assert!(audit.body.contains("member.add"));
    let verify = auditor
        .post_form("/o/acme/audit/verify", &[("csrf", &token)])
        .await;
    assert_status(&verify, 200, "verify");
    assert!(
        verify.body.contains("onaangetast"),
        "verify result shown: {}",
        verify.body
    );
    let hx = auditor
        .send(
            axum::http::Method::POST,
            "/o/acme/audit/verify",
            None,
            String::new(),
            &[("HX-Request", "true"), ("X-CSRF-Token", &token)],
        )
        .await;
    assert_status(&hx, 200, "htmx verify");
    assert!(
        hx.body.starts_with("<div id=\"verify-result\""),
        "fragment only: {}",
        hx.body
    );
}

/// Posts the members page's invitation form.
async fn invite_form(
    c: &mut crate::client::Client,
    csrf: &str,
    email: &str,
    name: &str,
    role: &str,
) -> crate::client::Resp {
    c.post_form(
        "/o/acme/users/invitations",
        &[
            ("csrf", csrf),
            ("email", email),
            ("name", name),
            ("role", role),
        ],
    )
    .await
}

#[tokio::test]
async fn owner_manages_members_through_plain_forms() {
    let (env, mut owner) = with_owner().await;
    let token = csrf_of(&mut owner, "acme").await;
    let add = invite_form(
        &mut owner,
        &token,
        "staff@example.com",
        "Sam Staff",
        "staff",
    )
    .await;
    assert_status(&add, 200, "invite");
    assert!(add.body.contains("Sam Staff") && add.body.contains("De uitnodiging is gemaakt"));
    let link = invite_link_in(&add.body);
    assert_status(
        &accept_as_new(&env, &link, "Sam Staff").await,
        303,
        "accept",
    );
    let list = owner.get("/o/acme/users").await;
    assert!(list.body.contains("Sam Staff") && list.body.contains("staff@example.com"));
    let dup = invite_form(&mut owner, &token, "staff@example.com", "Sam", "staff").await;
    assert_status(&dup, 400, "duplicate member is explained");
    assert!(dup.body.contains("al lid van deze organisatie"));
    let bad_email = invite_form(&mut owner, &token, "nope", "N", "staff").await;
    assert_status(&bad_email, 400, "bad email");
    let bad_role = invite_form(&mut owner, &token, "r@example.com", "N", "emperor").await;
    assert_status(&bad_role, 400, "bad role");

    let me = env
        .app
        .session(owner.cookies.get("kluis_session").expect("c"))
        .await
        .expect("s")
        .expect("s");
    let actor = env.actor(&me.user.id, "acme").await;
    let staff = env
        .app
        .members(&actor)
        .await
        .expect("m")
        .into_iter()
        .find(|m| m.role == Role::Staff)
        .expect("staff");
    let change = owner
        .post_form(
            &format!("/o/acme/users/{}/role", staff.user.id),
            &[("csrf", &token), ("role", "privacy_officer")],
        )
        .await;
    assert_status(&change, 303, "change role");
    assert!(
        members_of(&env, &actor)
            .await
            .contains(&(staff.user.id.0.clone(), Role::PrivacyOfficer))
    );
    // The last owner cannot demote themselves away.
    let demote = owner
        .post_form(
            &format!("/o/acme/users/{}/role", me.user.id),
            &[("csrf", &token), ("role", "staff")],
        )
        .await;
    assert!(
        demote.status.is_redirection() || demote.status.is_client_error(),
        "no 500 on last owner: {}",
        demote.status
    );
    assert!(
        members_of(&env, &actor)
            .await
            .contains(&(me.user.id.0.clone(), Role::Owner))
    );
    let remove = owner
        .post_form(
            &format!("/o/acme/users/{}/remove", staff.user.id),
            &[("csrf", &token)],
        )
        .await;
    assert_status(&remove, 303, "remove");
    assert_eq!(members_of(&env, &actor).await.len(), 1);
    let missing = owner
        .post_form("/o/acme/users/no-such-user/remove", &[("csrf", &token)])
        .await;
    assert_status(&missing, 404, "unknown user");
}

#[tokio::test]
async fn login_throttling_shows_a_clear_429() {
    let (env, _owner) = with_owner().await;
    let mut c = env.client();
    let page = c.get("/login").await;
    let mut last = None;
    for _ in 0..8 {
        let r = c
            .post_form(
                "/login",
                &[
                    ("csrf", &page.csrf()),
                    ("email", OWNER_EMAIL),
                    ("password", "wrong wrong wrong"),
                ],
            )
            .await;
        last = Some(r);
        if last.as_ref().is_some_and(|r| r.status == 429) {
            break;
        }
    }
    let r = last.expect("responses");
    assert_status(&r, 429, "throttled");
    assert!(r.header("retry-after").is_some());
    assert!(
        r.body.contains("Te veel pogingen"),
        "clear message: {}",
        r.body
    );
}

#[tokio::test]
async fn account_page_changes_language_password_and_makes_api_tokens() {
    let (env, mut owner) = with_owner().await;
    let token = csrf_of(&mut owner, "acme").await;
    let page = owner.get("/o/acme/account").await;
    assert_status(&page, 200, "account");
    assert!(page.body.contains("<html lang=\"nl\">"));
    let lang = owner
        .post_form(
            "/o/acme/account/locale",
            &[("csrf", &token), ("lang", "en")],
        )
        .await;
    assert_status(&lang, 303, "locale");
    let page = owner.get("/o/acme/account").await;
    assert!(page.body.contains("<html lang=\"en\">") && page.body.contains("Your account"));

    let wrong = owner
        .post_form(
            "/o/acme/account/password",
            &[
                ("csrf", &token),
                ("current", "not it at all"),
                ("new", "another long password"),
            ],
        )
        .await;
    assert_status(&wrong, 400, "wrong current password");
    let ok = owner
        .post_form(
            "/o/acme/account/password",
            &[
                ("csrf", &token),
                ("current", OWNER_PASSWORD),
                ("new", "another long password"),
            ],
        )
        .await;
    assert_status(&ok, 303, "password changed");
    assert_status(
        &owner.get("/o/acme").await,
        200,
        "this session survives the change",
    );

    let begin = owner
        .post_form("/o/acme/account/totp", &[("csrf", &token)])
        .await;
    assert_status(&begin, 200, "totp begin");
    assert!(
        begin.body.contains("otpauth://totp/"),
        "otpauth URI shown as text"
    );
    let bad = owner
        .post_form(
            "/o/acme/account/totp/confirm",
            &[
                ("csrf", &token),
                ("code", "000000"),
                ("secret", "JBSWY3DPEHPK3PXP"),
                ("uri", "x"),
            ],
        )
        .await;
    assert_status(&bad, 400, "wrong totp code");

    let made = owner
        .post_form(
            "/o/acme/account/tokens",
            &[("csrf", &token), ("name", "boekhouding")],
        )
        .await;
    assert_status(&made, 200, "token created");
    let secret = made
        .body
        .split("<code class=\"secret\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap_or("")
        .to_owned();
    assert!(secret.len() > 20, "token shown once: {}", made.body);
    let again = owner.get("/o/acme/account").await;
    assert!(
        again.body.contains("boekhouding") && !again.body.contains(&secret),
        "listed, never shown again"
    );
    let mut api = crate::client::Client::with_bearer(env.router.clone(), &secret);
    assert_status(&api.get("/api/v1/me").await, 200, "token works");
    let me = env
        .app
        .session(owner.cookies.get("kluis_session").expect("c"))
        .await
        .expect("s")
        .expect("s");
    let actor = env.actor(&me.user.id, "acme").await;
    let id = env
        .app
        .api_tokens(&actor)
        .await
        .expect("tokens")
        .into_iter()
        .next()
        .expect("one")
        .id;
    let revoke = owner
        .post_form(
            &format!("/o/acme/account/tokens/{id}/revoke"),
            &[("csrf", &token)],
        )
        .await;
    assert_status(&revoke, 303, "revoke");
    assert_status(&api.get("/api/v1/me").await, 401, "revoked token");
}

#[tokio::test]
async fn consultant_with_several_organisations_switches_between_them() {
    let (env, _owner) = with_owner().await;
    env.app.cli_add_org("beta", "Beta BV").await.expect("org");
    add_user(&env, "acme", "consultant@example.com", Role::PrivacyOfficer).await;
    add_user(&env, "beta", "consultant@example.com", Role::Owner).await;
    let mut c = login(&env, "consultant@example.com", OWNER_PASSWORD).await;
    let dash = c.get("/o/acme").await;
    assert_status(&dash, 200, "acme dashboard");
    assert!(dash.body.contains("id=\"org-switch\""), "switcher shown");
    assert!(dash.body.contains("Beta BV") && dash.body.contains("Acme BV"));
    assert!(
        !dash.body.contains("/o/acme/users\""),
        "privacy officer has no user admin in acme"
    );
    let switch = c
        .post_form("/switch", &[("csrf", &dash.csrf()), ("org", "beta")])
        .await;
    assert_status(&switch, 303, "switch");
    assert_eq!(switch.location(), Some("/o/beta"));
    assert_eq!(
        c.get("/").await.location(),
        Some("/o/beta"),
        "the session remembers the organisation"
    );
    let beta = c.get("/o/beta").await;
    assert!(
        beta.body.contains("/o/beta/users"),
        "owner in beta manages users"
    );
    let nowhere = c
        .post_form("/switch", &[("csrf", &dash.csrf()), ("org", "gamma")])
        .await;
    assert_status(&nowhere, 404, "unknown organisation");
}
