//! Test set-up: an App on a fresh database (SQLite, or PostgreSQL via KLUIS_TEST_DATABASE_URL) behind the real
//! router, and helpers that go through the same pages a person uses.

use crate::client::{Client, Resp};
use axum::Router;
use kluis_app::testing::{TestEnv, test_config};
use kluis_app::{Actor, App, AppConfig, AuditFilter, Origin, Role, UserId};
use kluis_web::{WebOptions, router};

pub const OWNER_EMAIL: &str = "owner@example.com";
pub const OWNER_PASSWORD: &str = "correct horse battery";

pub struct Env {
    pub app: App,
    pub router: Router,
    _env: TestEnv,
}

impl Env {
    pub fn client(&self) -> Client {
        Client::new(self.router.clone())
    }

    /// The database URL of this installation (tests that look inside the SQLite file read it).
    pub fn database_url(&self) -> &str {
        self._env.db.url()
    }

    pub async fn actor(&self, user: &UserId, org: &str) -> Actor {
        self.app
            .actor(user, org, &origin())
            .await
            .expect("actor for test")
    }
}

pub fn origin() -> Origin {
    Origin::new("192.0.2.10", None)
}

/// A fresh installation that still needs setting up.
pub async fn fresh() -> Env {
    fresh_with(WebOptions::default()).await
}

pub async fn fresh_with(opts: WebOptions) -> Env {
    fresh_with_config(opts, |_| {}).await
}

/// A fresh installation with adjusted application settings.
pub async fn fresh_with_config(opts: WebOptions, adjust: impl FnOnce(&mut AppConfig)) -> Env {
    let mut env = test_config().await;
    adjust(&mut env.config);
    let app = App::open(env.config.clone()).await.expect("open test app");
    let router = router(app.clone(), opts);
    Env {
        app,
        router,
        _env: env,
    }
}

/// Runs the set-up page: organisation `acme` ("Acme BV") with owner OWNER_EMAIL; returns the logged-in client.
pub async fn setup_via_pages(env: &Env) -> Client {
    let mut c = env.client();
    let page = c.get("/setup").await;
    assert_eq!(page.status, 200, "setup page: {}", page.body);
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
    assert_eq!(res.status, 303, "setup submit: {}", res.body);
    assert!(
        c.cookies.contains_key("kluis_session"),
        "setup logs the owner in"
    );
    c
}

/// Installation with organisation `acme` and its owner logged in.
pub async fn with_owner() -> (Env, Client) {
    let env = fresh().await;
    let c = setup_via_pages(&env).await;
    (env, c)
}

/// Logs in through the login page.
pub async fn login(env: &Env, email: &str, password: &str) -> Client {
    let mut c = env.client();
    let page = c.get("/login").await;
    let res = c
        .post_form(
            "/login",
            &[
                ("csrf", &page.csrf()),
                ("email", email),
                ("password", password),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "login as {email}: {}", res.body);
    c
}

/// The CSRF token of a logged-in client (from any page that has a form).
pub async fn csrf_of(c: &mut Client, org: &str) -> String {
    let page = c.get(&format!("/o/{org}")).await;
    assert_eq!(page.status, 200, "dashboard: {}", page.body);
    let t = page.csrf();
    assert!(!t.is_empty());
    t
}

/// Adds a user directly through the application (as the CLI would).
pub async fn add_user(env: &Env, org: &str, email: &str, role: Role) -> UserId {
    env.app
        .cli_add_user(org, email, "Test Person", role, OWNER_PASSWORD)
        .await
        .expect("add user")
        .id
}

/// (user id, role) of every member, sorted.
pub async fn members_of(env: &Env, actor: &Actor) -> Vec<(String, Role)> {
    let mut m: Vec<_> = env
        .app
        .members(actor)
        .await
        .expect("members")
        .into_iter()
        .map(|m| (m.user.id.0, m.role))
        .collect();
    m.sort_by(|a, b| a.0.cmp(&b.0));
    m
}

/// Every audit event of the actor's organisation, as (seq, action).
pub async fn audit_of(env: &Env, actor: &Actor) -> Vec<(i64, String)> {
    let page = env
        .app
        .audit_events(
            actor,
            AuditFilter {
                page: 1,
                per_page: 500,
                ..AuditFilter::default()
            },
        )
        .await
        .expect("audit");
    page.events.into_iter().map(|e| (e.seq, e.action)).collect()
}

/// [`audit_of`] without `member.list` events: listing members (as [`members_of`] does) is itself audited, so
/// tests that check that nothing changed leave their own listings out.
pub async fn audit_of_changes(env: &Env, actor: &Actor) -> Vec<(i64, String)> {
    let mut events = audit_of(env, actor).await;
    events.retain(|(_, a)| a != "member.list");
    events
}

pub fn assert_status(res: &Resp, expected: u16, what: &str) {
    assert_eq!(
        res.status.as_u16(),
        expected,
        "{what}: body was {}",
        &res.body[..res.body.len().min(600)]
    );
}

/// The actor a logged-in client is in `org`.
pub async fn session_actor(env: &Env, c: &Client, org: &str) -> Actor {
    let s = env
        .app
        .session(c.cookies.get("kluis_session").expect("session cookie"))
        .await
        .expect("session lookup")
        .expect("a live session");
    env.actor(&s.user.id, org).await
}

/// A new API token of the logged-in owner of `acme`.
pub async fn owner_token(env: &Env, owner: &Client) -> String {
    let actor = session_actor(env, owner, "acme").await;
    env.app
        .create_api_token(&actor, "test")
        .await
        .expect("token")
        .1
}

/// The path of a one-time link as shown to the owner (`http://host/invite/…` → `/invite/…`).
pub fn link_path(link: &str) -> String {
    let start = link
        .find("/invite/")
        .or_else(|| link.find("/password-reset/"))
        .expect("a one-time link");
    link[start..].to_owned()
}

/// The one-time invitation link on a members page (or in any body that shows one).
pub fn invite_link_in(body: &str) -> String {
    let start = body
        .find("/invite/")
        .expect("an invitation link on the page");
    let end = body[start..]
        .find(|c: char| c == '<' || c == '"' || c.is_whitespace())
        .map_or(body.len(), |e| start + e);
    body[start..end].to_owned()
}

/// Accepts an invitation link as someone not logged in, making a new account with `name` and OWNER_PASSWORD.
pub async fn accept_as_new(env: &Env, link: &str, name: &str) -> Resp {
    let path = link_path(link);
    let mut c = env.client();
    let page = c.get(&path).await;
    assert_status(&page, 200, "invitation page");
    c.post_form(
        &path,
        &[
            ("csrf", &page.csrf()),
            ("name", name),
            ("password", OWNER_PASSWORD),
        ],
    )
    .await
}

/// Invites `email` into `org` through the application as the given owner; returns the link path.
pub async fn invite(env: &Env, owner: &Actor, email: &str, name: &str, role: Role) -> String {
    let (_, token) = env
        .app
        .invite_member(
            owner,
            kluis_app::NewInvitation {
                email: email.into(),
                display_name: name.into(),
                role,
            },
        )
        .await
        .expect("invite");
    format!("/invite/{token}")
}
