//! Test support for this and other crates (web, binary): an [`App`] on a fresh database per test.
//!
//! Honours `KLUIS_TEST_DATABASE_URL` like `kluis_store::testing`: unset → SQLite in a temp dir, a PostgreSQL
//! server URL → a fresh database there, dropped afterwards.

pub use kluis_store::testing::{TestDatabase, fresh_database_url, tamper_audit_event};

use crate::{App, AppConfig, Locale, Origin, SetupInput};

/// Owns the test database and data directory; keep it alive as long as the app.
pub struct TestEnv {
    pub db: TestDatabase,
    pub config: AppConfig,
}

/// A config on a fresh database with its own data directory (key file inside), fast session defaults.
pub async fn test_config() -> TestEnv {
    let db = fresh_database_url().await;
    let mut config = AppConfig::new(db.subdir("data"));
    config.database_url = Some(db.url().to_owned());
    config.job_poll_interval = std::time::Duration::from_millis(50);
    config.scan_isolation = crate::ScanIsolation::InProcess;
    TestEnv { db, config }
}

/// An opened app on a fresh database.
pub async fn test_app() -> (App, TestEnv) {
    let env = test_config().await;
    let app = App::open(env.config.clone()).await.expect("open test app");
    (app, env)
}

/// Default set-up input for tests: organisation `acme`, owner `owner@example.com` / `correct horse battery`.
pub fn setup_input() -> SetupInput {
    SetupInput {
        org_slug: "acme".into(),
        org_name: "Acme BV".into(),
        email: "owner@example.com".into(),
        display_name: "Olga Owner".into(),
        password: "correct horse battery".into(),
        locale: Locale::Nl,
    }
}

/// A test origin.
pub fn origin() -> Origin {
    Origin::new("192.0.2.1", Some("test".into()))
}
