//! A real browser (Debian chromium via chromedriver) through setup, login, user admin, language and logout, then
//! as a staff member (sees documents, cannot reveal a BSN) and as a consultant (a second organisation).
//!
//! Skipped with a message when chromedriver is not installed, unless KLUIS_REQUIRE_BROWSER=1 (CI) makes that a failure.
//! The other browser tests (browser_register.rs) share its driver start, skip logic and helpers.

use crate::serve::PASSWORD;
use crate::support::{Install, Server};
use fantoccini::{Client, ClientBuilder, Locator};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// Whether the browser tests can run here. Without chromium or chromedriver they are skipped with a message,
/// unless KLUIS_REQUIRE_BROWSER=1 (CI) makes that a failure.
pub(crate) fn available() -> bool {
    if Path::new(CHROMEDRIVER).exists() && Path::new(CHROMIUM).exists() {
        return true;
    }
    let required = std::env::var("KLUIS_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "KLUIS_REQUIRE_BROWSER=1 but {CHROMEDRIVER} or {CHROMIUM} is missing (apt-get install chromium chromium-driver)"
    );
    eprintln!(
        "SKIPPED browser test: {CHROMEDRIVER} or {CHROMIUM} not found (apt-get install chromium chromium-driver)"
    );
    false
}

/// Runs `flow` in a fresh headless Chromium (its own chromedriver and profile; downloads land in `downloads`
/// when given). A failure panics with the problem, a screenshot named `name` and the server's stderr.
pub(crate) fn in_browser<F, Fut>(name: &str, server: &Server, downloads: Option<&Path>, flow: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    let profile = tempfile::tempdir().expect("browser profile dir");
    let driver = Driver::start();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let failure = runtime.block_on(async {
        let client = connect(driver.port, profile.path(), downloads).await;
        let failure = match flow(client.clone()).await {
            Ok(()) => None,
            Err(problem) => {
                let shot = screenshot(&client, name).await;
                Some(format!(
                    "browser flow failed: {problem}\nscreenshot: {shot}"
                ))
            }
        };
        let _ = client.close().await;
        failure
    });
    if let Some(failure) = failure {
        panic!("{failure}\nserver stderr:\n{}", server.stderr());
    }
}

#[test]
fn setup_login_add_user_switch_language_logout() {
    if !available() {
        return;
    }
    let install = Install::new();
    let server = install.serve();
    let url = server.url.clone();
    in_browser(
        "setup_login_add_user_switch_language_logout",
        &server,
        None,
        |c| async move { flow(&c, &url, &install).await },
    );
}

async fn flow(c: &Client, base: &str, install: &Install) -> Result<(), String> {
    // Setup page on a fresh install.
    c.goto(base)
        .await
        .map_err(|e| format!("open {base}: {e}"))?;
    wait_css(c, "form[action='/setup']").await?;
    fill(c, "#org_name", "Fietsenmaker Visser").await?;
    fill(c, "#name", "Kees Visser").await?;
    fill(c, "#email", "kees@visser.test").await?;
    fill(c, "#password", PASSWORD).await?;
    click(c, "form[action='/setup'] button[type='submit']").await?;
    wait_text(c, "Fietsenmaker Visser").await?;
    let org_url = c.current_url().await.map_err(|e| e.to_string())?;
    let org_path = org_url.path().trim_end_matches('/').to_owned();
    if !org_path.starts_with("/o/") {
        return Err(format!(
            "after setup expected the dashboard under /o/, got {org_url}"
        ));
    }

    // Log out and back in through the login form.
    click(c, "form[action='/logout'] button").await?;
    wait_css(c, "form[action='/login']").await?;
    fill(c, "#email", "kees@visser.test").await?;
    fill(c, "#password", PASSWORD).await?;
    click(c, "form[action='/login'] button[type='submit']").await?;
    wait_text(c, "Fietsenmaker Visser").await?;

    // Invite a second user; the owner passes the one-time link on, and she sets her own password with it.
    c.goto(&format!("{}{}/users", base.trim_end_matches('/'), org_path))
        .await
        .map_err(|e| e.to_string())?;
    wait_css(c, "#invite-name").await?;
    fill(c, "#invite-name", "Sanne Visser").await?;
    fill(c, "#invite-email", "sanne@visser.test").await?;
    c.find(Locator::Css("#invite-role"))
        .await
        .map_err(|e| format!("role select: {e}"))?
        .select_by_value("staff")
        .await
        .map_err(|e| format!("choose staff: {e}"))?;
    click(
        c,
        "form[action$='/users/invitations'] button[type='submit']",
    )
    .await?;
    wait_css(c, "code.secret").await?;
    let link = c
        .find(Locator::Css("code.secret"))
        .await
        .map_err(|e| format!("invitation link: {e}"))?
        .text()
        .await
        .map_err(|e| format!("invitation link text: {e}"))?;
    click(c, "form[action='/logout'] button").await?;
    wait_css(c, "form[action='/login']").await?;
    c.goto(link.trim()).await.map_err(|e| e.to_string())?;
    wait_css(c, "#invite-password").await?;
    // She reads the invitation in Dutch; her new account keeps the language she chose.
    c.find(Locator::Css("#lang-switch"))
        .await
        .map_err(|e| format!("language switch: {e}"))?
        .select_by_value("nl")
        .await
        .map_err(|e| format!("choose nl: {e}"))?;
    click(c, "form[action='/lang'] button[type='submit']").await?;
    wait_text(c, "Account maken en lid worden").await?;
    fill(c, "#invite-name", "Sanne Visser").await?;
    fill(c, "#invite-password", "another long password 42").await?;
    click(c, "form[action^='/invite/'] button[type='submit']").await?;
    wait_css(c, "form[action='/login']").await?;
    login_as(c, base, "kees@visser.test", PASSWORD).await?;
    c.goto(&format!("{}{}/users", base.trim_end_matches('/'), org_path))
        .await
        .map_err(|e| e.to_string())?;
    wait_text(c, "sanne@visser.test").await?;

    // Language: Dutch, then English, checking a translated label each time.
    for (code, expected) in [
        ("nl", "Uitloggen"),
        ("en", "Log out"),
        ("nl", "Gebruikers en rollen"),
    ] {
        c.goto(&format!(
            "{}{}/account",
            base.trim_end_matches('/'),
            org_path
        ))
        .await
        .map_err(|e| e.to_string())?;
        wait_css(c, "#acc-lang").await?;
        c.find(Locator::Css("#acc-lang"))
            .await
            .map_err(|e| e.to_string())?
            .select_by_value(code)
            .await
            .map_err(|e| format!("choose {code}: {e}"))?;
        click(c, "form[action$='/account/locale'] button[type='submit']").await?;
        wait_text(c, expected)
            .await
            .map_err(|e| format!("after switching to {code}: {e}"))?;
    }

    // Log out: back to the login page, and the dashboard is closed.
    click(c, "form[action='/logout'] button").await?;
    wait_css(c, "form[action='/login']").await?;
    c.goto(&format!("{}{}", base.trim_end_matches('/'), org_path))
        .await
        .map_err(|e| e.to_string())?;
    wait_css(c, "form[action='/login']")
        .await
        .map_err(|e| format!("dashboard still open after logout: {e}"))?;

    staff_path(c, base, install, &org_path).await?;
    consultant_path(c, base, &org_path).await
}

async fn login_as(c: &Client, base: &str, email: &str, password: &str) -> Result<(), String> {
    c.goto(&format!("{}/login", base.trim_end_matches('/')))
        .await
        .map_err(|e| e.to_string())?;
    wait_css(c, "form[action='/login']").await?;
    fill(c, "#email", email).await?;
    fill(c, "#password", password).await?;
    click(c, "form[action='/login'] button[type='submit']").await?;
    wait_css(c, "form[action='/logout']")
        .await
        .map_err(|e| format!("log in as {email}: {e}"))
}

/// A staff member sees the documents and what they hold, but a BSN stays masked: no reveal button.
async fn staff_path(
    c: &Client,
    base: &str,
    install: &Install,
    org_path: &str,
) -> Result<(), String> {
    let slug = org_path.trim_start_matches("/o/");
    let folder = tempfile::tempdir().map_err(|e| e.to_string())?;
    let file = folder.path().join("personeelsdossier.txt");
    std::fs::write(&file, "Personeelsdossier Jan Jansen\nBSN: 111222333\n")
        .map_err(|e| e.to_string())?;
    let path = file.display().to_string();
    let out = install.run(&["import-docs", &path, "--org", slug], "");
    if !out.status.success() {
        return Err(format!("import-docs: {}", crate::support::describe(&out)));
    }

    login_as(c, base, "sanne@visser.test", "another long password 42").await?;
    click(c, &format!("nav a[href='{org_path}/documents']")).await?;
    wait_css(c, &format!("a[href='{org_path}/documents/list']")).await?;
    c.goto(&format!(
        "{}{org_path}/documents/list",
        base.trim_end_matches('/')
    ))
    .await
    .map_err(|e| e.to_string())?;
    click(c, "table a[href*='/documents/']").await?;
    wait_text(
        c,
        "alleen zichtbaar voor eigenaar en privacyverantwoordelijke",
    )
    .await
    .map_err(|e| format!("staff document page: {e}"))?;
    let source = c.source().await.map_err(|e| e.to_string())?;
    if source.contains("111222333") || source.contains("/reveal") {
        return Err("a staff member could see or reveal the BSN".into());
    }
    click(c, "form[action='/logout'] button").await?;
    wait_css(c, "form[action='/login']").await
}

/// An owner (a consultant) creates a second organisation in the UI, works in it, and switches back.
async fn consultant_path(c: &Client, base: &str, org_path: &str) -> Result<(), String> {
    login_as(c, base, "kees@visser.test", PASSWORD).await?;
    click(c, "a[href='/orgs/new']").await?;
    wait_css(c, "form[action='/orgs/new']").await?;
    fill(c, "#org_name", "Bakkerij Jansen").await?;
    click(c, "form[action='/orgs/new'] button[type='submit']").await?;
    wait_text(c, "De organisatie is aangemaakt").await?;
    let url = c.current_url().await.map_err(|e| e.to_string())?;
    if url.path() != "/o/bakkerij-jansen" {
        return Err(format!(
            "expected the new organisation's dashboard, got {url}"
        ));
    }
    wait_css(c, "#org-switch").await?;
    c.find(Locator::Css("#org-switch"))
        .await
        .map_err(|e| e.to_string())?
        .select_by_value(org_path.trim_start_matches("/o/"))
        .await
        .map_err(|e| format!("choose the first organisation: {e}"))?;
    click(c, "form[action='/switch'] button[type='submit']").await?;
    // The switcher on the page it leaves names both organisations already: wait for the address instead.
    wait_path(c, org_path).await?;
    let url = c.current_url().await.map_err(|e| e.to_string())?;
    if url.path().trim_end_matches('/') != org_path {
        return Err(format!("switch went to {url}, not {org_path}"));
    }
    Ok(())
}

pub(crate) async fn fill(c: &Client, css: &str, text: &str) -> Result<(), String> {
    let el = c
        .find(Locator::Css(css))
        .await
        .map_err(|e| format!("find {css}: {e}"))?;
    el.clear().await.map_err(|e| format!("clear {css}: {e}"))?;
    el.send_keys(text)
        .await
        .map_err(|e| format!("type into {css}: {e}"))
}

pub(crate) async fn click(c: &Client, css: &str) -> Result<(), String> {
    let el = c
        .find(Locator::Css(css))
        .await
        .map_err(|e| format!("find {css}: {e}"))?;
    el.click().await.map_err(|e| format!("click {css}: {e}"))
}

pub(crate) async fn wait_css(c: &Client, css: &str) -> Result<(), String> {
    c.wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .map(|_| ())
        .map_err(|e| format!("waiting for {css}: {e}"))
}

/// Waits until the browser shows `path` (a navigation has finished there).
pub(crate) async fn wait_path(c: &Client, path: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let url = c.current_url().await.map_err(|e| e.to_string())?;
        if url.path().trim_end_matches('/') == path {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("the browser stayed at {url}, expected {path}"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub(crate) async fn wait_text(c: &Client, text: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let source = c.source().await.map_err(|e| e.to_string())?;
        if source.contains(text) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("text {text:?} did not appear"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn connect(port: u16, profile: &Path, downloads: Option<&Path>) -> Client {
    let mut options = serde_json::json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ],
    });
    if let Some(dir) = downloads {
        // Downloads go to `dir` without asking, so a test can read what the user would have saved.
        options["prefs"] = serde_json::json!({
            "download.default_directory": dir.display().to_string(),
            "download.prompt_for_download": false,
        });
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".to_owned(), options);
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("start a Chromium session through chromedriver")
}

/// Saves a PNG of the current page under target/browser-failures/ and returns where (or why not).
async fn screenshot(c: &Client, name: &str) -> String {
    let dir = target_dir().join("browser-failures");
    let path = dir.join(format!("{name}.png"));
    let png = match c.screenshot().await {
        Ok(png) => png,
        Err(e) => return format!("(no screenshot: {e})"),
    };
    match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, png)) {
        Ok(()) => path.display().to_string(),
        Err(e) => format!("(could not write {}: {e})", path.display()),
    }
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"),
    }
}

/// A chromedriver child process on a free loopback port, killed on drop.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start() -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not listen on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) async fn absent(c: &Client, css: &str) -> Result<bool, String> {
    c.find_all(Locator::Css(css))
        .await
        .map(|v| v.is_empty())
        .map_err(|e| format!("look for {css}: {e}"))
}

pub(crate) async fn choose(c: &Client, css: &str, value: &str) -> Result<(), String> {
    c.find(Locator::Css(css))
        .await
        .map_err(|e| format!("find {css}: {e}"))?
        .select_by_value(value)
        .await
        .map_err(|e| format!("choose {value} in {css}: {e}"))
}

pub(crate) async fn current_path(c: &Client) -> Result<String, String> {
    let url = c.current_url().await.map_err(|e| e.to_string())?;
    Ok(url.path().trim_end_matches('/').to_owned())
}

/// Waits for a finished download ending in `.ext` in `dir` (Chromium writes `.crdownload` until it is done).
pub(crate) async fn downloaded(dir: &Path, ext: &str) -> Result<PathBuf, String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("read {}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|x| x == ext) {
                return Ok(path);
            }
        }
        if Instant::now() > deadline {
            return Err(format!(
                "no .{ext} file was downloaded to {}",
                dir.display()
            ));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub(crate) async fn go(c: &Client, url: &str) -> Result<(), String> {
    c.goto(url).await.map_err(|e| format!("open {url}: {e}"))
}

pub(crate) async fn text_of(c: &Client, css: &str) -> Result<String, String> {
    let text = c
        .find(Locator::Css(css))
        .await
        .map_err(|e| format!("find {css}: {e}"))?
        .text()
        .await
        .map_err(|e| format!("text of {css}: {e}"))?;
    Ok(text.trim().to_owned())
}

pub(crate) async fn value_of(c: &Client, css: &str) -> Result<String, String> {
    c.find(Locator::Css(css))
        .await
        .map_err(|e| format!("find {css}: {e}"))?
        .prop("value")
        .await
        .map_err(|e| format!("value of {css}: {e}"))
        .map(Option::unwrap_or_default)
}

/// Waits until the address contains `needle` (the redirect after a form names its notice there).
pub(crate) async fn wait_url(c: &Client, needle: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let url = c.current_url().await.map_err(|e| e.to_string())?;
        if url.as_str().contains(needle) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("the browser stayed at {url}, expected {needle}"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

// ---- the bakery's steps shared by the flows ----

/// The organisation the flows set up.
pub(crate) const ORG: &str = "/o/bakkerij-de-korenschoof";
/// Its owner.
pub(crate) const OWNER: &str = "eva@korenschoof.test";

/// A fresh install: the owner sets up the bakery and lands on its dashboard.
pub(crate) async fn setup(c: &Client, base: &str) -> Result<(), String> {
    go(c, &format!("{base}/")).await?;
    wait_css(c, "form[action='/setup']").await?;
    fill(c, "#org_name", "Bakkerij De Korenschoof").await?;
    fill(c, "#name", "Eva Koren").await?;
    fill(c, "#email", OWNER).await?;
    fill(c, "#password", PASSWORD).await?;
    click(c, "form[action='/setup'] button[type='submit']").await?;
    wait_css(c, "form[action='/logout']").await?;
    wait_path(c, ORG).await
}

/// A starter activity from the register's library, made active from its page; returns the activity's page.
pub(crate) async fn activate_starter(c: &Client, key: &str) -> Result<String, String> {
    nav(c, "/register").await?;
    click(c, &format!("a[href='{ORG}/register/library']")).await?;
    let pick = format!("section[aria-labelledby='tpl-{key}'] button[type='submit']");
    wait_css(c, &pick).await?;
    click(c, &pick).await?;
    wait_url(c, "notice=activity-created").await?;
    let path = current_path(c).await?;
    click(
        c,
        &format!("form[action='{path}/status'] button[type='submit']"),
    )
    .await?;
    wait_url(c, "notice=activity-activated")
        .await
        .map_err(|e| format!("activating {key}: {e}"))?;
    Ok(path)
}

/// Follows the main navigation's link to a module page, as a user would.
pub(crate) async fn nav(c: &Client, page: &str) -> Result<(), String> {
    let link = format!("nav.main-nav-wide a[href='{ORG}{page}']");
    wait_css(c, &link).await?;
    click(c, &link).await?;
    wait_path(c, &format!("{ORG}{page}")).await
}

pub(crate) async fn choose_file(c: &Client, css: &str, file: &Path) -> Result<(), String> {
    c.find(Locator::Css(css))
        .await
        .map_err(|e| format!("file input {css}: {e}"))?
        .send_keys(&file.display().to_string())
        .await
        .map_err(|e| format!("choose {}: {e}", file.display()))
}

pub(crate) async fn attr_of(c: &Client, css: &str, attr: &str) -> Result<String, String> {
    c.find(Locator::Css(css))
        .await
        .map_err(|e| format!("find {css}: {e}"))?
        .attr(attr)
        .await
        .map_err(|e| format!("{attr} of {css}: {e}"))
        .map(Option::unwrap_or_default)
}

/// Runs `flow` against a fresh install in a fresh browser whose downloads land in a folder of its own.
pub(crate) fn run_flow<F, Fut>(name: &str, flow: F)
where
    F: FnOnce(Client, String, PathBuf) -> Fut,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    if !available() {
        return;
    }
    let install = Install::new();
    let server = install.serve();
    let url = server.url.trim_end_matches('/').to_owned();
    let files = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir_all(files.path().join("downloads")).expect("download folder");
    let folder = files.path().to_owned();
    let downloads = folder.join("downloads");
    in_browser(name, &server, Some(&downloads), |c| flow(c, url, folder));
}
