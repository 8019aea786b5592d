//! `kluis serve` from nothing: first start creates the data dir, setup makes the owner, login reaches the dashboard.

use crate::support::{Browser, Install, input_value};

pub const PASSWORD: &str = "correct horse battery staple";

/// Runs the web setup on a fresh server and returns the browser, logged in as the new owner.
pub fn setup_through_web(url: &str, org: &str, name: &str, email: &str) -> Browser {
    let browser = Browser::new();
    let page = browser.get(url);
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("action=\"/setup\""),
        "a fresh install must show the setup page:\n{}",
        page.body
    );
    let csrf = input_value(&page.body, "csrf").expect("setup page carries a CSRF token");
    let done = browser.post_form(
        &format!("{}setup", url),
        &[
            ("csrf", &csrf),
            ("org_name", org),
            ("name", name),
            ("email", email),
            ("password", PASSWORD),
        ],
    );
    assert_eq!(done.status, 200, "setup failed:\n{}", done.body);
    assert!(
        done.body.contains(org),
        "after setup the owner should land on the dashboard:\n{}",
        done.body
    );
    browser
}

/// Logs in through the login form; returns the page the login lands on.
pub fn login(url: &str, email: &str, password: &str) -> (Browser, crate::support::Page) {
    let browser = Browser::new();
    let page = browser.get(&format!("{url}login"));
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = input_value(&page.body, "csrf").expect("login page carries a CSRF token");
    let landed = browser.post_form(
        &format!("{url}login"),
        &[("csrf", &csrf), ("email", email), ("password", password)],
    );
    (browser, landed)
}

#[test]
fn fresh_start_setup_login_dashboard() {
    let install = Install::new();
    assert!(!install.data_dir.exists());
    let server = install.serve();
    assert!(
        server.url.starts_with("http://127.0.0.1:") && !server.url.ends_with(":0/"),
        "{}",
        server.url
    );

    // First start created the data dir, with a key file only its owner can read.
    assert!(install.data_dir.is_dir(), "the data dir was not created");
    let key = std::fs::read_dir(&install.data_dir)
        .expect("data dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "key"))
        .expect("a key file in the data dir");
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key)
            .expect("key metadata")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "key file mode is {mode:o}");
    }

    let ready = Browser::new().get(&server.at("/readyz"));
    assert_eq!(ready.status, 200, "{}", ready.body);

    let browser = setup_through_web(
        &server.url,
        "Bakkerij Jansen",
        "Jan Jansen",
        "jan@bakkerij.test",
    );
    // Setup is a one-time door.
    let again = browser.get(&server.at("/setup"));
    assert!(
        !again.body.contains("action=\"/setup\""),
        "setup must not be offered twice"
    );

    let (_, landed) = login(&server.url, "jan@bakkerij.test", PASSWORD);
    assert_eq!(landed.status, 200, "{}", landed.body);
    assert!(
        landed.body.contains("Bakkerij Jansen"),
        "login should reach the dashboard:\n{}",
        landed.body
    );

    let (_, refused) = login(&server.url, "jan@bakkerij.test", "wrong password entirely");
    assert_eq!(refused.status, 401, "{}", refused.body);

    // SIGTERM stops the server cleanly.
    let status = server.stop();
    assert!(
        status.success(),
        "kluis serve did not exit cleanly on SIGTERM: {status}"
    );
}

#[test]
fn second_start_reuses_the_data_dir() {
    let install = Install::new();
    let server = install.serve();
    setup_through_web(&server.url, "Tandarts Smit", "Els Smit", "els@smit.test");
    drop(server);
    let server = install.serve();
    let (_, landed) = login(&server.url, "els@smit.test", PASSWORD);
    assert_eq!(landed.status, 200, "{}", landed.body);
    assert!(landed.body.contains("Tandarts Smit"));
}
