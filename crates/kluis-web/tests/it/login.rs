//! The two-step login with TOTP: the password is posted once, the second step carries only the code.

use crate::client::Client;
use crate::helpers::*;
use kluis_app::{LoginOutcome, UserId};
use kluis_web::WebOptions;

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Turns on TOTP for the owner; returns the secret.
async fn enable_totp(env: &Env) -> String {
    let user: UserId = match env
        .app
        .login(OWNER_EMAIL, OWNER_PASSWORD, &origin())
        .await
        .expect("login")
    {
        LoginOutcome::NewSession { user, .. } => user.id,
        LoginOutcome::TotpRequired { .. } => panic!("TOTP is not on yet"),
    };
    let enrol = env.app.totp_begin(&user).await.expect("totp begin");
    let code = kluis_crypto::totp_code(&enrol.secret, unix_now()).expect("code");
    env.app
        .totp_confirm(&user, &enrol.secret, &code)
        .await
        .expect("totp confirm");
    enrol.secret
}

/// Posts the password form; returns the response (the TOTP step for an account with TOTP).
async fn password_step(c: &mut Client) -> crate::client::Resp {
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

#[tokio::test]
async fn totp_step_posts_only_the_code_and_the_pending_login_is_single_use() {
    let env = fresh().await;
    setup_via_pages(&env).await;
    let secret = enable_totp(&env).await;

    let mut c = env.client();
    let step = password_step(&mut c).await;
    assert_status(&step, 200, "password accepted, TOTP asked");
    assert!(
        step.body.contains("action=\"/login/totp\""),
        "{}",
        step.body
    );
    assert!(
        !step.body.contains(OWNER_PASSWORD) && !step.body.contains("name=\"password\""),
        "the password never comes back in the page"
    );
    let cookie = step
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("kluis_pending_login="))
        .expect("pending-login cookie")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("Max-Age="),
        "{cookie}"
    );
    assert!(!c.cookies.contains_key("kluis_session"), "no session yet");
    let pending = c.cookies["kluis_pending_login"].clone();

    // A wrong code: the same step again, still no session.
    let csrf = step.csrf();
    let wrong = c
        .post_form("/login/totp", &[("csrf", &csrf), ("totp", "000000")])
        .await;
    assert_status(&wrong, 401, "wrong code");
    assert!(wrong.body.contains("action=\"/login/totp\""));
    assert!(!c.cookies.contains_key("kluis_session"));

    // The right code, and nothing but the code.
    let code = kluis_crypto::totp_code(&secret, unix_now()).expect("code");
    let ok = c
        .post_form("/login/totp", &[("csrf", &csrf), ("totp", &code)])
        .await;
    assert_status(&ok, 303, "right code");
    assert!(c.cookies.contains_key("kluis_session"), "signed in");
    assert!(
        !c.cookies.contains_key("kluis_pending_login"),
        "the pending cookie is cleared"
    );
    assert_status(&c.get("/o/acme").await, 200, "dashboard after TOTP");

    // Reusing the pending login (a copied cookie) with a fresh code does not sign anyone in.
    let mut thief = env.client();
    let page = thief.get("/login").await;
    thief
        .cookies
        .insert("kluis_pending_login".into(), pending.clone());
    let next = kluis_crypto::totp_code(&secret, unix_now() + 30).expect("code");
    let reuse = thief
        .post_form("/login/totp", &[("csrf", &page.csrf()), ("totp", &next)])
        .await;
    assert_status(&reuse, 401, "pending login reused");
    assert!(reuse.body.contains("name=\"password\""), "back to step one");
    assert!(!thief.cookies.contains_key("kluis_session"));
    assert!(!thief.cookies.contains_key("kluis_pending_login"));

    // Without any pending login the code alone is worthless.
    let mut anon = env.client();
    let page = anon.get("/login").await;
    let bare = anon
        .post_form("/login/totp", &[("csrf", &page.csrf()), ("totp", &next)])
        .await;
    assert_status(&bare, 401, "code without a pending login");
}

#[tokio::test]
async fn too_many_wrong_codes_give_the_pending_login_up() {
    let env = fresh().await;
    setup_via_pages(&env).await;
    let secret = enable_totp(&env).await;
    let mut c = env.client();
    let step = password_step(&mut c).await;
    let csrf = step.csrf();
    // Four wrong codes keep the TOTP step; the fifth gives the pending login up.
    for i in 0..4 {
        let r = c
            .post_form("/login/totp", &[("csrf", &csrf), ("totp", "000000")])
            .await;
        assert_status(&r, 401, "wrong code");
        assert!(r.body.contains("action=\"/login/totp\""), "attempt {i}");
    }
    let last = c
        .post_form("/login/totp", &[("csrf", &csrf), ("totp", "000000")])
        .await;
    assert!(
        last.body.contains("name=\"password\""),
        "back to the password"
    );
    let code = kluis_crypto::totp_code(&secret, unix_now()).expect("code");
    let late = c
        .post_form("/login/totp", &[("csrf", &csrf), ("totp", &code)])
        .await;
    assert!(!c.cookies.contains_key("kluis_session"), "{}", late.body);
    // Wrong codes count like wrong passwords: the account is throttled now, even with the right password.
    let again = password_step(&mut c).await;
    assert_status(&again, 429, "throttled after five wrong codes");
    assert!(again.header("retry-after").is_some());
}

#[tokio::test]
async fn an_expired_pending_login_asks_for_the_password_again() {
    let env = fresh_with_config(WebOptions::default(), |c| {
        c.login_totp_ttl = std::time::Duration::ZERO;
    })
    .await;
    setup_via_pages(&env).await;
    let secret = enable_totp(&env).await;
    let mut c = env.client();
    let step = password_step(&mut c).await;
    assert_status(&step, 200, "TOTP asked");
    let code = kluis_crypto::totp_code(&secret, unix_now()).expect("code");
    let late = c
        .post_form("/login/totp", &[("csrf", &step.csrf()), ("totp", &code)])
        .await;
    assert_status(&late, 401, "expired pending login");
    assert!(late.body.contains("name=\"password\""), "{}", late.body);
    assert!(!c.cookies.contains_key("kluis_session"));
}
