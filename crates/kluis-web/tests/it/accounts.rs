//! Accounts as people meet them: refusals in their language, the login lock, password-reset links, removing
//! members, creating an organisation, error pages with navigation, the language switch and the TOTP QR code.

use crate::client::Client;
use crate::helpers::*;
use axum::http::Method;
use kluis_app::Role;

async fn owner_id(env: &Env) -> kluis_app::UserId {
    match env
        .app
        .login(OWNER_EMAIL, OWNER_PASSWORD, &origin())
        .await
        .expect("owner login")
    {
        kluis_app::LoginOutcome::NewSession { user, .. } => user.id,
        kluis_app::LoginOutcome::TotpRequired { .. } => panic!("no TOTP in this test"),
    }
}

async fn setup_form_post(c: &mut Client, fields: &[(&str, &str)]) -> crate::client::Resp {
    let page = c.get("/setup").await;
    let mut all = vec![("csrf", page.csrf())];
    all.extend(fields.iter().map(|(k, v)| (*k, (*v).to_owned())));
    let borrowed: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
    c.post_form("/setup", &borrowed).await
}

#[tokio::test]
async fn setup_refusals_are_worded_in_the_visitors_language() {
    let env = fresh().await;
    let mut c = env.client();
    let page = c.get("/setup").await;
    // Valid under the `v` flag Chromium compiles `pattern` with: a dash in a class is escaped.
    assert!(
        page.body
            .contains(r#"pattern="[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?""#),
        "{}",
        page.body
    );
    let base = [
        ("org_name", "Acme BV"),
        ("name", "Olga Owner"),
        ("email", OWNER_EMAIL),
        ("password", OWNER_PASSWORD),
        ("slug", "acme"),
    ];
    let with = |k: &str, v: &'static str| {
        base.iter()
            .map(|(bk, bv)| if *bk == k { (*bk, v) } else { (*bk, *bv) })
            .collect::<Vec<_>>()
    };
    for (field, value, dutch) in [
        ("password", "kort", "Gebruik minstens 12 tekens"),
        ("slug", "bad_slug", "alleen kleine letters"),
        ("slug", "-acme", "niet met een streepje"),
        ("email", "geen-adres", "geldig e-mailadres"),
    ] {
        let res = setup_form_post(&mut c, &with(field, value)).await;
        assert_status(&res, 400, field);
        assert!(res.body.contains(dutch), "{field}={value}: {}", res.body);
        for english in ["use at least", "use only", "enter a valid", "dash"] {
            assert!(
                !res.body.contains(english),
                "English on a Dutch page: {english}"
            );
        }
    }
    assert!(env.app.needs_setup().await.expect("needs setup"));
}

#[tokio::test]
async fn login_warns_before_the_lock_and_says_when_it_ends() {
    let (env, _owner) = with_owner().await;
    let mut c = env.client();
    async fn wrong(c: &mut Client) -> crate::client::Resp {
        let page = c.get("/login").await;
        c.post_form(
            "/login",
            &[
                ("csrf", &page.csrf()),
                ("email", OWNER_EMAIL),
                ("password", "not the password"),
            ],
        )
        .await
    }
    let first = wrong(&mut c).await;
    assert_status(&first, 401, "first wrong password");
    assert!(!first.body.contains("pogingen"), "no warning yet");
    let _second = wrong(&mut c).await;
    let third = wrong(&mut c).await;
    assert!(
        third.body.contains("Nog 2 pogingen"),
        "warned with two left: {}",
        third.body
    );
    let fourth = wrong(&mut c).await;
    assert!(
        fourth.body.contains("Nog één mislukte poging"),
        "{}",
        fourth.body
    );
    let _fifth = wrong(&mut c).await;
    let locked = wrong(&mut c).await;
    assert_status(&locked, 429, "locked");
    assert!(
        locked.body.contains("vanaf")
            && locked.body.contains("UTC")
            && locked.body.contains("minuten"),
        "says when the lock ends: {}",
        locked.body
    );
}

#[tokio::test]
async fn wrong_current_password_is_explained_in_dutch() {
    let (_env, mut owner) = with_owner().await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let res = owner
        .post_form(
            "/o/acme/account/password",
            &[
                ("csrf", &csrf),
                ("current", "not my password at all"),
                ("new", "a brand new password"),
            ],
        )
        .await;
    assert_status(&res, 400, "wrong current password");
    assert!(
        res.body.contains("Het wachtwoord klopt niet"),
        "{}",
        res.body
    );
    assert!(!res.body.contains("is not correct"), "{}", res.body);
}

/// The path of the reset link on a users page.
fn reset_path(body: &str) -> String {
    let start = body
        .find("/password-reset/")
        .expect("reset link on the page");
    body[start..]
        .split(['<', '"', ' '])
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn an_owner_gives_a_colleague_a_one_time_link_to_set_a_new_password() {
    let (env, mut owner) = with_owner().await;
    let staff = add_user(&env, "acme", "staff@example.com", Role::Staff).await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let res = owner
        .post_form(
            &format!("/o/acme/users/{}/reset", staff.0),
            &[("csrf", &csrf)],
        )
        .await;
    assert_status(&res, 200, "reset link made");
    let path = reset_path(&res.body);
    let token = path.trim_start_matches("/password-reset/").to_owned();
    assert!(token.len() >= 20, "{path}");
    // Only a digest is kept: the token itself is nowhere in the audit log.
    let actor = env.actor(&owner_id(&env).await, "acme").await;
    let events = audit_of(&env, &actor).await;
    assert!(
        events.iter().any(|(_, a)| a == "user.password_reset_link"),
        "{events:?}"
    );

    let mut colleague = env.client();
    let form = colleague.get(&path).await;
    assert_status(&form, 200, "reset form");
    let short = colleague
        .post_form(&path, &[("csrf", &form.csrf()), ("new", "kort")])
        .await;
    assert_status(&short, 400, "short password");
    assert!(
        short.body.contains("Gebruik minstens 12 tekens"),
        "{}",
        short.body
    );
    let done = colleague
        .post_form(
            &path,
            &[("csrf", &form.csrf()), ("new", "my own new password")],
        )
        .await;
    assert_status(&done, 303, "password set");
    assert_eq!(done.location(), Some("/login?notice=password-reset"));
    login(&env, "staff@example.com", "my own new password").await;

    let again = colleague
        .post_form(
            &path,
            &[("csrf", &form.csrf()), ("new", "another new password")],
        )
        .await;
    assert_status(&again, 404, "single use");
    assert!(again.body.contains("niet (meer) geldig"), "{}", again.body);
    let bogus = colleague.get("/password-reset/not-a-real-token").await;
    assert_status(&bogus, 404, "unknown link");

    // An account that also works for an organisation this owner does not own cannot be taken over this way.
    env.app
        .cli_add_org("beta", "Beta BV")
        .await
        .expect("second org");
    env.app
        .cli_add_user("beta", "staff@example.com", "x", Role::Owner, "")
        .await
        .expect("member elsewhere");
    let refused = owner
        .post_form(
            &format!("/o/acme/users/{}/reset", staff.0),
            &[("csrf", &csrf)],
        )
        .await;
    assert_status(&refused, 303, "refused");
    assert_eq!(
        refused.location(),
        Some("/o/acme/users?error=reset-elsewhere")
    );
    let page = owner.get("/o/acme/users?error=reset-elsewhere").await;
    assert!(page.body.contains("kluis user passwd"), "{}", page.body);
    assert!(!page.body.contains("Beta BV"));
}

#[tokio::test]
async fn removing_a_member_asks_first() {
    let (env, mut owner) = with_owner().await;
    let staff = add_user(&env, "acme", "staff@example.com", Role::Staff).await;
    let users = owner.get("/o/acme/users").await;
    assert!(
        users
            .body
            .contains(&format!("href=\"/o/acme/users/{}/remove\"", staff.0)),
        "remove is a link to the question, not a form that acts at once"
    );
    let ask = owner
        .get(&format!("/o/acme/users/{}/remove", staff.0))
        .await;
    assert_status(&ask, 200, "confirmation page");
    assert!(ask.body.contains("Weet u zeker") && ask.body.contains("Test Person"));
    let owner_actor = env.actor(&owner_id(&env).await, "acme").await;
    assert_eq!(
        members_of(&env, &owner_actor).await.len(),
        2,
        "still a member"
    );
    let res = owner
        .post_form(
            &format!("/o/acme/users/{}/remove", staff.0),
            &[("csrf", &ask.csrf())],
        )
        .await;
    assert_status(&res, 303, "removed after confirming");
    assert_eq!(members_of(&env, &owner_actor).await.len(), 1);
    let gone = owner
        .get(&format!("/o/acme/users/{}/remove", staff.0))
        .await;
    assert_status(&gone, 404, "no longer a member");
}

#[tokio::test]
async fn an_owner_creates_another_organisation_and_works_in_it() {
    let (env, mut owner) = with_owner().await;
    let dash = owner.get("/o/acme").await;
    assert!(
        dash.body.contains("href=\"/orgs/new\""),
        "owners see the way"
    );
    let form = owner.get("/orgs/new").await;
    assert_status(&form, 200, "new org form");
    let taken = owner
        .post_form(
            "/orgs/new",
            &[
                ("csrf", &form.csrf()),
                ("org_name", "Other"),
                ("slug", "acme"),
            ],
        )
        .await;
    assert_status(&taken, 400, "slug taken");
    assert!(taken.body.contains("al in gebruik"), "{}", taken.body);
    let bad = owner
        .post_form(
            "/orgs/new",
            &[
                ("csrf", &form.csrf()),
                ("org_name", "Other"),
                ("slug", "A B"),
            ],
        )
        .await;
    assert_status(&bad, 400, "bad slug");
    assert!(bad.body.contains("alleen kleine letters"), "{}", bad.body);
    let made = owner
        .post_form(
            "/orgs/new",
            &[
                ("csrf", &form.csrf()),
                ("org_name", "Klant BV"),
                ("slug", ""),
            ],
        )
        .await;
    assert_status(&made, 303, "created");
    assert_eq!(made.location(), Some("/o/klant-bv?notice=org-created"));
    let home = owner.get("/o/klant-bv?notice=org-created").await;
    assert_status(&home, 200, "new org's dashboard");
    assert!(home.body.contains("Klant BV") && home.body.contains("Eigenaar"));
    assert!(
        home.body.contains("action=\"/switch\""),
        "switcher offers both"
    );
    let me = owner_id(&env).await;
    let actor = env.actor(&me, "klant-bv").await;
    let actions: Vec<String> = audit_of(&env, &actor)
        .await
        .into_iter()
        .map(|(_, a)| a)
        .collect();
    // One change, one event: the creator's owner membership is part of the creation.
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a != "login.success")
            .collect::<Vec<_>>(),
        vec!["org.create"]
    );

    // A member who owns nothing may not.
    add_user(&env, "acme", "staff@example.com", Role::Staff).await;
    let mut staff = login(&env, "staff@example.com", OWNER_PASSWORD).await;
    let dash = staff.get("/o/acme").await;
    assert!(!dash.body.contains("href=\"/orgs/new\""));
    let denied = staff.get("/orgs/new").await;
    assert_status(&denied, 403, "staff");
    let csrf = dash.csrf();
    let denied = staff
        .post_form(
            "/orgs/new",
            &[("csrf", &csrf), ("org_name", "Mine"), ("slug", "mine")],
        )
        .await;
    assert_status(&denied, 403, "staff post");
}

#[tokio::test]
async fn error_pages_keep_the_navigation_of_a_logged_in_user() {
    let (env, mut owner) = with_owner().await;
    let missing = owner.get("/o/acme/no-such-page").await;
    assert_status(&missing, 404, "unknown page");
    assert!(
        missing.body.contains("href=\"/o/acme/users\""),
        "{}",
        missing.body
    );
    assert!(missing.body.contains("Uitloggen"));
    add_user(&env, "acme", "staff@example.com", Role::Staff).await;
    let mut staff = login(&env, "staff@example.com", OWNER_PASSWORD).await;
    let forbidden = staff.get("/o/acme/audit").await;
    assert_status(&forbidden, 403, "staff and the audit log");
    assert!(forbidden.body.contains("href=\"/o/acme/documents\""));
    assert!(
        !forbidden.body.contains("href=\"/o/acme/users\""),
        "only what the role may use"
    );
    let mut anon = env.client();
    let public = anon.get("/nothing/here").await;
    assert_status(&public, 404, "anonymous");
    assert!(!public.body.contains("Uitloggen"));
}

#[tokio::test]
async fn the_language_switch_is_in_every_header_and_remembers_a_users_choice() {
    let (_env, mut owner) = with_owner().await;
    let users = owner.get("/o/acme/users").await;
    assert!(
        users.body.contains("action=\"/lang\""),
        "switch in the header"
    );
    let res = owner
        .send(
            Method::POST,
            "/lang",
            Some("application/x-www-form-urlencoded"),
            format!("csrf={}&lang=en", users.csrf()),
            &[
                ("Host", "kluis.example"),
                ("Referer", "http://kluis.example/o/acme/users"),
            ],
        )
        .await;
    assert_status(&res, 303, "switched");
    assert_eq!(
        res.location(),
        Some("/o/acme/users"),
        "back where it was used"
    );
    let after = owner.get("/o/acme").await;
    assert!(
        after.body.contains("<html lang=\"en\">"),
        "account language follows"
    );
    let elsewhere = owner
        .send(
            Method::POST,
            "/lang",
            Some("application/x-www-form-urlencoded"),
            format!("csrf={}&lang=nl", users.csrf()),
            &[
                ("Host", "kluis.example"),
                ("Referer", "https://evil.example/"),
            ],
        )
        .await;
    assert_eq!(elsewhere.location(), Some("/"), "never redirects off-site");
}

#[tokio::test]
async fn totp_setup_shows_a_qr_code_drawn_on_the_server() {
    let (_env, mut owner) = with_owner().await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let res = owner
        .post_form("/o/acme/account/totp", &[("csrf", &csrf)])
        .await;
    assert_status(&res, 200, "totp begin");
    assert!(res.body.contains("<svg"), "inline SVG QR code");
    assert!(
        !res.body.contains("<?xml"),
        "no XML declaration inside HTML"
    );
    assert!(res.body.contains("QR-code voor uw authenticator-app"));
}

#[tokio::test]
async fn api_keys_show_their_date_as_the_language_writes_it() {
    let (_env, mut owner) = with_owner().await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let res = owner
        .post_form(
            "/o/acme/account/tokens",
            &[("csrf", &csrf), ("name", "backup")],
        )
        .await;
    assert_status(&res, 200, "token created");
    let year = time::OffsetDateTime::now_utc().year();
    let months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    assert!(
        months
            .iter()
            .any(|m| res.body.contains(&format!(" {m} {year}, "))),
        "a Dutch date: {}",
        res.body
    );
}
