//! Hardening over HTTP: no caching of pages and API answers, problem documents for every API error, the
//! documented ranges of `page` and `per_page`, and the favicon.

use crate::client::Client;
use crate::helpers::*;
use axum::http::Method;

#[tokio::test]
async fn pages_and_api_answers_are_never_cached_but_static_files_are() {
    let env = fresh().await;
    let mut anonymous = env.client();
    for path in ["/setup", "/login", "/", "/no-such-page"] {
        let res = anonymous.get(path).await;
        assert_eq!(
            res.header("cache-control"),
            Some("no-store"),
            "{path} ({})",
            res.status
        );
    }
    let mut owner = setup_via_pages(&env).await;
    for path in [
        "/o/acme",
        "/o/acme/users",
        "/o/acme/audit",
        "/o/acme/account",
        "/o/acme/documents",
    ] {
        let res = owner.get(path).await;
        assert_status(&res, 200, path);
        assert_eq!(res.header("cache-control"), Some("no-store"), "{path}");
    }
    let redirect = owner.get("/account").await;
    assert_eq!(redirect.header("cache-control"), Some("no-store"));
    let mut api = Client::with_bearer(env.router.clone(), &owner_token(&env, &owner).await);
    for path in [
        "/api/v1/me",
        "/api/v1/orgs/acme/members",
        "/api/v1/orgs/acme/audit",
        "/api/v1/orgs/other/audit",
    ] {
        let res = api.get(path).await;
        assert_eq!(res.header("cache-control"), Some("no-store"), "{path}");
    }
    for path in ["/static/kluis.css", "/static/favicon.svg"] {
        let res = anonymous.get(path).await;
        assert_status(&res, 200, path);
        let cache = res.header("cache-control").unwrap_or("");
        assert!(cache.contains("max-age"), "{path}: {cache}");
    }
    let missing = anonymous.get("/static/nothing.css").await;
    assert_eq!(missing.header("cache-control"), Some("no-store"));
}

#[tokio::test]
async fn every_page_links_the_favicon() {
    let env = fresh().await;
    let mut c = env.client();
    let setup = c.get("/setup").await;
    assert_status(&setup, 200, "setup");
    assert!(
        setup
            .body
            .contains(r#"<link rel="icon" href="/static/favicon.svg""#),
        "{}",
        setup.body
    );
    let icon = c.get("/static/favicon.svg").await;
    assert_status(&icon, 200, "favicon");
    assert_eq!(icon.header("content-type"), Some("image/svg+xml"));
    assert!(icon.body.starts_with("<svg"), "{}", icon.body);
}

#[tokio::test]
async fn query_path_and_method_errors_of_the_api_are_problem_documents() {
    let (env, owner) = with_owner().await;
    let mut api = Client::with_bearer(env.router.clone(), &owner_token(&env, &owner).await);
    let cases = [
        ("/api/v1/orgs/acme/audit?per_page=many", 400),
        ("/api/v1/orgs/acme/audit?page=-1", 400),
        ("/api/v1/orgs/acme/audit?page=99999999999", 400),
        ("/api/v1/orgs/acme/audit?per_page=0", 400),
        ("/api/v1/orgs/acme/audit?per_page=501", 400),
        ("/api/v1/orgs/acme/audit?page=0", 400),
        ("/api/v1/orgs/acme/audit?page=1000001", 400),
        ("/api/v1/orgs/acme/documents?page=0", 400),
        ("/api/v1/orgs/acme/documents?page=1000001", 400),
    ];
    for (path, status) in cases {
        let res = api.get(path).await;
        assert_status(&res, status, path);
        assert_eq!(
            res.header("content-type"),
            Some("application/problem+json"),
            "{path}: {}",
            res.body
        );
        let doc = res.json();
        assert_eq!(doc["status"], status, "{path}: {}", res.body);
        assert!(
            doc["type"]
                .as_str()
                .unwrap_or("")
                .starts_with("urn:kluis:problem:"),
            "{path}: {}",
            res.body
        );
        assert!(
            !doc["detail"].as_str().unwrap_or("").is_empty(),
            "{}",
            res.body
        );
    }
    // Inside the range: fine.
    for path in [
        "/api/v1/orgs/acme/audit?per_page=1&page=1",
        "/api/v1/orgs/acme/audit?per_page=500&page=1000000",
    ] {
        assert_status(&api.get(path).await, 200, path);
    }
    // A range error names the field and the range, in the caller's language.
    let res = api
        .send(
            Method::GET,
            "/api/v1/orgs/acme/audit?per_page=501",
            None,
            String::new(),
            &[("accept-language", "en")],
        )
        .await;
    let detail = res.json()["detail"].as_str().unwrap_or("").to_owned();
    assert!(
        detail.contains("per_page") || detail.contains("per page") || detail.contains("1 to 500"),
        "{detail}"
    );
    assert!(detail.contains("500"), "{detail}");

    // A method the route lacks: 405 with its Allow header, as a problem document.
    let res = api
        .send(Method::PUT, "/api/v1/me", None, String::new(), &[])
        .await;
    assert_status(&res, 405, "PUT /api/v1/me");
    assert_eq!(res.header("content-type"), Some("application/problem+json"));
    assert!(
        res.header("allow").unwrap_or("").contains("GET"),
        "{:?}",
        res.headers
    );
    assert_eq!(res.json()["status"], 405);
}

#[tokio::test]
async fn the_openapi_document_describes_problems_and_ranges() {
    let env = fresh().await;
    let mut c = env.client();
    let doc = c.get("/api/v1/openapi.json").await.json();
    let mut problems = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            // An unreadable query string, path or body can happen anywhere: every operation documents it.
            assert!(
                op["responses"]["400"]["content"]["application/problem+json"].is_object(),
                "{method} {path} does not document 400"
            );
            for (status, response) in op["responses"].as_object().into_iter().flatten() {
                let content = &response["content"];
                if let Some(json) = content.get("application/json") {
                    assert_ne!(
                        json["schema"]["$ref"], "#/components/schemas/Problem",
                        "{method} {path} {status}: a problem documented as application/json"
                    );
                }
                if content.get("application/problem+json").is_some() {
                    problems += 1;
                }
            }
        }
    }
    assert!(
        problems > 20,
        "only {problems} problem responses documented"
    );

    let params = doc["paths"]["/api/v1/orgs/{org}/audit"]["get"]["parameters"]
        .as_array()
        .expect("audit parameters");
    let schema_of = |name: &str| {
        params
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| p["schema"].clone())
            .unwrap_or_default()
    };
    assert_eq!(schema_of("per_page")["minimum"], 1);
    assert_eq!(schema_of("per_page")["maximum"], 500);
    assert_eq!(schema_of("page")["minimum"], 1);
}
