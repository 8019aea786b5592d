//! Page-level behaviour: HTML snapshot, security headers, language choice, error pages, health probes.

use crate::helpers::*;

/// The login page with its random CSRF token replaced, so the snapshot is stable.
fn redact(body: &str, csrf: &str) -> String {
    body.replace(csrf, "[csrf]")
}

#[tokio::test]
async fn login_page_snapshot() {
    let (env, _owner) = with_owner().await;
    let mut c = env.client();
    let page = c.get("/login").await;
    assert_status(&page, 200, "login");
    insta::assert_snapshot!("login_page_nl", redact(&page.body, &page.csrf()));
}

#[tokio::test]
async fn security_headers_and_body_limit() {
    let (_env, mut owner) = with_owner().await;
    let res = owner.get("/o/acme").await;
    assert_eq!(
        res.header("content-security-policy")
            .map(|v| v.starts_with("default-src 'self'")),
        Some(true)
    );
    assert_eq!(res.header("x-frame-options"), Some("DENY"));
    assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(res.header("referrer-policy"), Some("same-origin"));
    let big = "x".repeat(2 * 1024 * 1024);
    let token = res.csrf();
    let r = owner
        .send(
            axum::http::Method::POST,
            "/o/acme/users",
            Some("application/x-www-form-urlencoded"),
            format!("csrf={token}&name={big}"),
            &[],
        )
        .await;
    assert_status(&r, 413, "too large");
    let css = owner.get("/static/kluis.css").await;
    assert_status(&css, 200, "css");
    let htmx = owner.get("/static/htmx-2.0.11.min.js").await;
    assert_status(&htmx, 200, "htmx");
    assert_status(&owner.get("/static/nope.js").await, 404, "unknown asset");
}

#[tokio::test]
async fn language_from_accept_language_and_the_login_switch() {
    let (env, _owner) = with_owner().await;
    let mut c = env.client();
    let en = c
        .send(
            axum::http::Method::GET,
            "/login",
            None,
            String::new(),
            &[("Accept-Language", "en-GB,en;q=0.9")],
        )
        .await;
    assert!(en.body.contains("<html lang=\"en\">") && en.body.contains("Log in"));
    let nl = c.get("/login").await;
    assert!(nl.body.contains("<html lang=\"nl\">") && nl.body.contains("Inloggen"));
    let switched = c
        .post_form("/lang", &[("csrf", &nl.csrf()), ("lang", "en")])
        .await;
    assert_status(&switched, 303, "switch");
    let after = c.get("/login").await;
    assert!(
        after.body.contains("<html lang=\"en\">"),
        "cookie choice wins"
    );
}

#[tokio::test]
async fn unknown_pages_and_orgs_are_translated_404s() {
    let (_env, mut owner) = with_owner().await;
    let res = owner.get("/nothing/here").await;
    assert_status(&res, 404, "unknown path");
    assert!(res.body.contains("Niet gevonden"));
    let other = owner.get("/o/no-such-org/users").await;
    assert_status(&other, 404, "unknown org");
    assert!(other.body.contains("Niet gevonden"));
    let bad_date = owner.get("/o/acme/audit?from=31-12-2024").await;
    assert_status(&bad_date, 200, "bad date is explained on the page");
    assert!(bad_date.body.contains("JJJJ-MM-DD"));
    let paged = owner.get("/o/acme/audit?page=99999").await;
    assert_status(&paged, 200, "far page");
}

#[tokio::test]
async fn health_probes() {
    let env = fresh().await;
    let mut c = env.client();
    assert_status(&c.get("/healthz").await, 200, "healthz");
    assert_status(&c.get("/readyz").await, 200, "readyz");
}
