//! The REST API: bearer tokens only, problem details, and the OpenAPI document generated from the code.

use crate::client::Client;
use crate::helpers::*;
use axum::http::Method;
use kluis_app::Role;
use serde_json::json;

#[tokio::test]
async fn members_and_audit_through_the_api() {
    let (env, owner) = with_owner().await;
    let mut api = Client::with_bearer(env.router.clone(), &owner_token(&env, &owner).await);

    let me = api.get("/api/v1/me").await;
    assert_status(&me, 200, "me");
    assert_eq!(me.json()["org"], "acme");
    assert_eq!(me.json()["role"], "owner");

    let invited = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/invitations",
            json!({"email": "p@example.com", "name": "Pia", "role": "staff"}),
        )
        .await;
    assert_status(&invited, 201, "invite");
    let link = invited.json()["link"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(link.contains("/invite/"), "{}", invited.body);
    assert_eq!(invited.json()["invitation"]["name"], "Pia");
    let pending = api.get("/api/v1/orgs/acme/invitations").await;
    assert_status(&pending, 200, "invitations");
    assert_eq!(pending.json().as_array().map(Vec::len), Some(1));
    assert!(
        !pending.body.contains("/invite/"),
        "the link is shown only once: {}",
        pending.body
    );
    assert_status(&accept_as_new(&env, &link, "Pia P.").await, 303, "accept");
    assert_eq!(
        api.get("/api/v1/orgs/acme/invitations").await.json(),
        json!([])
    );
    let list = api.get("/api/v1/orgs/acme/members").await;
    assert_eq!(list.json().as_array().map(Vec::len), Some(2));
    let user = list
        .json()
        .as_array()
        .and_then(|a| a.iter().find(|m| m["email"] == "p@example.com"))
        .and_then(|m| m["user_id"].as_str())
        .unwrap_or_default()
        .to_owned();

    let patch = api
        .json(
            Method::PATCH,
            &format!("/api/v1/orgs/acme/members/{user}"),
            json!({"role": "auditor"}),
        )
        .await;
    assert_status(&patch, 204, "patch");
    let bad = api
        .json(
            Method::PATCH,
            &format!("/api/v1/orgs/acme/members/{user}"),
            json!({"role": "emperor"}),
        )
        .await;
    assert_status(&bad, 422, "unknown role");
    assert_eq!(bad.header("content-type"), Some("application/problem+json"));
    let invalid = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/invitations",
            json!({"email": "nope", "name": "N", "role": "staff"}),
        )
        .await;
    assert_status(&invalid, 422, "invalid email");
    assert!(
        invalid.json()["detail"]
            .as_str()
            .unwrap_or("")
            .contains("e-mail"),
        "{}",
        invalid.body
    );

    let audit = api
        .get("/api/v1/orgs/acme/audit?action=member.role.change&per_page=10")
        .await;
    assert_status(&audit, 200, "audit");
    let all = api.get("/api/v1/orgs/acme/audit").await;
    assert!(
        all.json()["total"].as_u64().unwrap_or(0) >= 3,
        "{}",
        all.body
    );
    let bad_date = api.get("/api/v1/orgs/acme/audit?from=yesterday").await;
    assert_status(&bad_date, 400, "bad date");
    let verify = api
        .send(
            Method::POST,
            "/api/v1/orgs/acme/audit/verify",
            None,
            String::new(),
            &[],
        )
        .await;
    assert_status(&verify, 200, "verify");
    assert_eq!(verify.json()["ok"], true);

    let del = api
        .send(
            Method::DELETE,
            &format!("/api/v1/orgs/acme/members/{user}"),
            None,
            String::new(),
            &[],
        )
        .await;
    assert_status(&del, 204, "delete");
    let again = api
        .send(
            Method::DELETE,
            &format!("/api/v1/orgs/acme/members/{user}"),
            None,
            String::new(),
            &[],
        )
        .await;
    assert_status(&again, 404, "delete twice");
    assert_eq!(again.json()["status"], 404);
}

#[tokio::test]
async fn api_needs_a_bearer_token_and_never_accepts_the_cookie() {
    let (env, owner) = with_owner().await;
    let mut anon = env.client();
    let res = anon.get("/api/v1/me").await;
    assert_status(&res, 401, "no token");
    assert_eq!(res.header("content-type"), Some("application/problem+json"));
    let p = res.json();
    assert_eq!(p["status"], 401);
    assert!(p["type"].is_string() && p["title"].is_string() && p["detail"].is_string());

    let mut cookie_only = env.client();
    cookie_only.cookies = owner.cookies.clone();
    assert_status(
        &cookie_only.get("/api/v1/orgs/acme/members").await,
        401,
        "session cookie on the API",
    );
    let mut bogus = Client::with_bearer(env.router.clone(), "made-up-token");
    assert_status(&bogus.get("/api/v1/me").await, 401, "unknown token");
    assert_status(
        &anon.get("/api/v1/nothing-here").await,
        404,
        "unknown API path",
    );
}

#[tokio::test]
async fn auditor_token_cannot_add_members() {
    let (env, _owner) = with_owner().await;
    let auditor = add_user(&env, "acme", "aud@example.com", Role::Auditor).await;
    let actor = env.actor(&auditor, "acme").await;
    let before = members_of(&env, &actor).await;
    let (_, token) = env
        .app
        .create_api_token(&actor, "aud")
        .await
        .expect("token");
    let mut api = Client::with_bearer(env.router.clone(), &token);
    let res = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/invitations",
            json!({"email": "x@example.com", "name": "X", "role": "owner"}),
        )
        .await;
    assert_status(&res, 403, "auditor adds");
    assert_eq!(res.header("content-type"), Some("application/problem+json"));
    assert_eq!(members_of(&env, &actor).await, before);
    assert_status(
        &api.get("/api/v1/orgs/acme/audit").await,
        200,
        "auditor reads audit",
    );
}

#[tokio::test]
async fn openapi_document_is_3_1_and_lists_every_api_route() {
    let env = fresh().await;
    let mut c = env.client();
    let res = c.get("/api/v1/openapi.json").await;
    assert_status(&res, 200, "openapi");
    let doc: serde_json::Value = serde_json::from_str(&res.body).expect("valid JSON");
    assert!(
        doc["openapi"].as_str().unwrap_or("").starts_with("3.1."),
        "version {}",
        doc["openapi"]
    );
    for r in kluis_web::route_table()
        .into_iter()
        .filter(|r| r.path.starts_with("/api/v1/") && r.path != "/api/v1/openapi.json")
    {
        let (method, path) = (r.method, r.path);
        let op = &doc["paths"][path][method.to_lowercase()];
        assert!(op.is_object(), "OpenAPI lacks {method} {path}");
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    assert!(doc["components"]["schemas"]["Problem"].is_object());
}

#[tokio::test]
async fn listing_members_decrypts_their_addresses_and_is_audited_once_per_listing() {
    let (env, mut owner) = with_owner().await;
    add_user(&env, "acme", "sam@example.com", Role::Staff).await;
    let token = owner_token(&env, &owner).await;
    let mut api = Client::with_bearer(env.router.clone(), &token);
    let s = env
        .app
        .session(owner.cookies.get("kluis_session").expect("cookie"))
        .await
        .expect("s")
        .expect("s");
    let actor = env.actor(&s.user.id, "acme").await;
    let count =
        |events: &[(i64, String)]| events.iter().filter(|(_, a)| a == "member.list").count();
    let before = count(&audit_of(&env, &actor).await);

    let page = owner.get("/o/acme/users").await;
    assert_status(&page, 200, "members page");
    assert!(page.body.contains("sam@example.com"));
    let listed = api.get("/api/v1/orgs/acme/members").await;
    assert_status(&listed, 200, "members API");
    assert!(listed.body.contains("sam@example.com"));
    assert_eq!(
        count(&audit_of(&env, &actor).await),
        before + 2,
        "one event per listing"
    );

    // The event names the entity and the decrypted field, never a value.
    let events = env
        .app
        .audit_events(
            &actor,
            kluis_app::AuditFilter {
                page: 1,
                per_page: 500,
                action: Some("member.list".into()),
                ..kluis_app::AuditFilter::default()
            },
        )
        .await
        .expect("audit")
        .events;
    let e = events.first().expect("a member.list event");
    assert_eq!(
        (e.entity.as_str(), e.actor.as_str()),
        ("user", s.user.id.as_str())
    );
    assert!(e.fields.iter().any(|f| f == "email"), "{:?}", e.fields);
    let raw = serde_json::to_string(&events).expect("json");
    assert!(!raw.contains("sam@example.com") && !raw.contains("owner@example.com"));
    assert!(
        env.app.verify_audit(&actor).await.expect("verify").is_ok(),
        "the chain still verifies"
    );
}

#[tokio::test]
async fn problem_documents_speak_the_callers_language() {
    let (env, owner) = with_owner().await;
    let mut anon = env.client();
    let title = |r: &crate::client::Resp| r.json()["title"].as_str().unwrap_or("").to_owned();
    let detail = |r: &crate::client::Resp| r.json()["detail"].as_str().unwrap_or("").to_owned();

    // Without a token: Accept-Language decides, Dutch by default.
    let nl = anon
        .send(
            Method::GET,
            "/api/v1/me",
            None,
            String::new(),
            &[("accept-language", "nl-NL,nl;q=0.9")],
        )
        .await;
    assert_status(&nl, 401, "no token");
    assert_eq!(nl.header("content-type"), Some("application/problem+json"));
    assert_eq!(title(&nl), "Authenticatie vereist");
    assert!(
        detail(&nl).contains("Stuur een geldig API-token"),
        "{}",
        nl.body
    );
    let en = anon
        .send(
            Method::GET,
            "/api/v1/me",
            None,
            String::new(),
            &[("accept-language", "en-GB,en;q=0.8")],
        )
        .await;
    assert_eq!(
        (title(&en).as_str(), detail(&en).as_str()),
        (
            "Authentication required",
            "Send a valid API token as 'Authorization: Bearer <token>'."
        )
    );
    assert_eq!(en.header("content-language"), Some("en"));
    let default = anon.get("/api/v1/nothing-here").await;
    assert_status(&default, 404, "unknown API path");
    assert_eq!(title(&default), "Niet gevonden");

    // With a token: the user's own language setting wins over the header.
    let token = owner_token(&env, &owner).await;
    let mut api = Client::with_bearer(env.router.clone(), &token);
    let bad = api
        .send(
            Method::GET,
            "/api/v1/orgs/acme/documents?kind=nonsense",
            None,
            String::new(),
            &[("accept-language", "en")],
        )
        .await;
    assert_status(&bad, 422, "unknown kind");
    assert_eq!(
        title(&bad),
        "Ongeldige invoer",
        "the owner's setting is Dutch"
    );
    assert_eq!(
        detail(&bad),
        "Soort persoonsgegevens: 'nonsense' is geen bekende waarde.",
        "the field named as the forms label it"
    );
    let s = env
        .app
        .session(owner.cookies.get("kluis_session").expect("cookie"))
        .await
        .expect("s")
        .expect("s");
    env.app
        .set_locale(&s.user.id, kluis_app::Locale::En)
        .await
        .expect("locale");
    let bad = api
        .send(
            Method::GET,
            "/api/v1/orgs/acme/documents?kind=nonsense",
            None,
            String::new(),
            &[("accept-language", "nl")],
        )
        .await;
    assert_eq!(title(&bad), "Invalid input");
    assert_eq!(
        detail(&bad),
        "Kind of personal data: 'nonsense' is not a known value."
    );
}

/// An installation whose API allows bursts of three requests, then one a second, with its owner logged in.
async fn with_rate_limit_of_three() -> (Env, Client) {
    let env = fresh_with(kluis_web::WebOptions {
        api_rate_limit: Some(kluis_web::ApiRateLimit {
            per_minute: 60,
            burst: 3,
        }),
        ..kluis_web::WebOptions::default()
    })
    .await;
    let owner = setup_via_pages(&env).await;
    (env, owner)
}

#[tokio::test]
async fn the_api_is_rate_limited_per_token_and_per_ip_with_a_429_problem() {
    let (env, owner) = with_rate_limit_of_three().await;
    let mut a = Client::with_bearer(env.router.clone(), &owner_token(&env, &owner).await);
    let mut b = Client::with_bearer(env.router.clone(), &owner_token(&env, &owner).await);
    for i in 0..3 {
        assert_status(&a.get("/api/v1/me").await, 200, &format!("request {i}"));
    }
    let limited = a
        .send(
            Method::GET,
            "/api/v1/me",
            None,
            String::new(),
            &[("accept-language", "en")],
        )
        .await;
    assert_status(&limited, 429, "fourth request in a burst of three");
    assert_eq!(
        limited.header("content-type"),
        Some("application/problem+json")
    );
    let secs: u64 = limited
        .header("retry-after")
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in seconds");
    assert!((1..=2).contains(&secs), "one request a second: {secs}");
    assert_eq!(limited.json()["status"], 429);
    assert_eq!(
        limited.json()["title"],
        "Te veel verzoeken",
        "in the token user's language"
    );

    // Another token has its own bucket; the pages are not limited.
    assert_status(&b.get("/api/v1/me").await, 200, "another token");
    let mut page = owner.clone();
    for _ in 0..5 {
        assert_status(
            &page.get("/o/acme").await,
            200,
            "pages are not rate limited",
        );
    }

    // Without a token the client's address is the key: here all anonymous test requests share one.
    let mut anon = env.client();
    for _ in 0..3 {
        assert_status(&anon.get("/api/v1/me").await, 401, "no token");
    }
    let r = anon
        .send(
            Method::GET,
            "/api/v1/me",
            None,
            String::new(),
            &[("accept-language", "en")],
        )
        .await;
    assert_status(&r, 429, "anonymous burst");
    assert_eq!(r.json()["title"], "Too many requests");
    assert!(r.header("retry-after").is_some());
}

#[tokio::test]
async fn made_up_tokens_are_limited_by_address_while_working_tokens_keep_their_own_bucket() {
    let (env, owner) = with_rate_limit_of_three().await;
    let mut good = Client::with_bearer(env.router.clone(), &owner_token(&env, &owner).await);
    assert_status(&good.get("/api/v1/me").await, 200, "a working token");

    // Every request with a fresh made-up token: refused, and each refusal costs the address.
    for i in 0..3 {
        let mut guess = Client::with_bearer(env.router.clone(), &format!("made-up-{i}"));
        assert_status(&guess.get("/api/v1/me").await, 401, &format!("guess {i}"));
    }
    let mut guess = Client::with_bearer(env.router.clone(), "made-up-next");
    let r = guess.get("/api/v1/me").await;
    assert_status(&r, 429, "new tokens from a refused address wait");
    assert!(r.header("retry-after").is_some());

    // The token that already works is not held up by the guesses from its address.
    assert_status(
        &good.get("/api/v1/me").await,
        200,
        "working token unaffected",
    );
}

/// Every schema the API modules declare has its own name: utoipa merges the modules' documents by name, so two
/// types called alike would silently describe one of them with the other's schema (schemathesis found it).
#[test]
fn api_schema_names_are_unique_across_modules() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![dir.join("api.rs")];
    for entry in std::fs::read_dir(dir.join("api"))
        .into_iter()
        .flatten()
        .flatten()
    {
        files.push(entry.path());
    }
    let mut seen = std::collections::BTreeMap::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !(line.contains("derive(") && line.contains("ToSchema")) {
                continue;
            }
            // The type follows the derive, after any further attributes.
            let Some(decl) = lines[i + 1..]
                .iter()
                .find(|l| l.starts_with("pub struct ") || l.starts_with("pub enum "))
            else {
                continue;
            };
            if lines[i + 1..]
                .iter()
                .take_while(|l| !l.starts_with("pub "))
                .any(|l| l.contains("schema(as"))
            {
                continue;
            }
            let name: String = decl
                .split_whitespace()
                .nth(2)
                .unwrap_or_default()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if let Some(other) = seen.insert(name.clone(), f.display().to_string()) {
                panic!(
                    "schema {name} is declared in {other} and in {}",
                    f.display()
                );
            }
        }
    }
    assert!(seen.len() > 30, "found too few schemas: {}", seen.len());
}

#[tokio::test]
async fn the_public_pages_are_limited_per_address_like_the_api_without_a_token() {
    let (env, _owner) = with_rate_limit_of_three().await;
    let mut anon = env.client();
    // No statement published: 404, but every request counts, so nobody can make the server work unlimited.
    for i in 0..3 {
        assert_status(
            &anon.get("/p/acme/privacy").await,
            404,
            &format!("request {i}"),
        );
    }
    let r = anon.get("/p/acme/privacy?format=pdf").await;
    assert_status(&r, 429, "fourth public request in a burst of three");
    assert!(r.header("retry-after").is_some());
}
