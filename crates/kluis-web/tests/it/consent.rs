//! Consent through HTTP: records given and withdrawn (append-only), double opt-in through a real SMTP server on
//! loopback (aiosmtpd from PyPI, `KLUIS_VALIDATORS_VENV`; without it that test says so and passes unless
//! `KLUIS_REQUIRE_VALIDATORS` is set), the public preferences page, forged and expired links, the age of consent,
//! the permanent marketing suppression in the selection filter, and letters without SMTP recorded as manual.

use crate::client::Client;
use crate::helpers::*;
use crate::relations::{customer, register_ready};
use axum::http::Method;
use kluis_app::{Actor, RelationInput};
use kluis_domain::legal_basis::LawfulBasis;
use kluis_domain::relations::{Party, RelationField, RelationKind};
use serde_json::json;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const EMAIL_PURPOSE: &str = "marketing.communications.email";

async fn owner_env() -> (Env, Client, Actor) {
    let (env, owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    (env, owner, actor)
}

async fn api(env: &Env, owner: &Client) -> Client {
    Client::with_bearer(env.router.clone(), &owner_token(env, owner).await)
}

/// The consent states of a relation through the API: purpose → state.
async fn states(api: &mut Client, relation: &str) -> serde_json::Value {
    let res = api
        .json(
            Method::GET,
            &format!("/api/v1/orgs/acme/relations/{relation}/consents"),
            json!({}),
        )
        .await;
    assert_status(&res, 200, "consents");
    res.json()
}

fn state_of(v: &serde_json::Value, purpose: &str) -> String {
    v["states"]
        .as_array()
        .and_then(|a| a.iter().find(|s| s["purpose"] == purpose))
        .and_then(|s| s["state"].as_str())
        .unwrap_or("none")
        .to_owned()
}

#[tokio::test]
async fn consent_is_recorded_and_withdrawn_and_the_history_only_grows() {
    let (env, mut owner, actor) = owner_env().await;
    let id = customer(&env, &actor, "anna@example.com").await;
    let mut api = api(&env, &owner).await;
    let page = format!("/o/acme/relations/{id}/consents");
    let csrf = csrf_of(&mut owner, "acme").await;
    // Giving without saying where the proof is cannot be demonstrated (Art. 7(1)): refused, nothing recorded.
    let res = owner
        .post_form(
            &page,
            &[
                ("csrf", &csrf),
                ("action", "give"),
                ("purpose", EMAIL_PURPOSE),
                ("channel", "paper"),
                ("statement_version", "3"),
            ],
        )
        .await;
    assert!(
        res.location()
            .unwrap_or("")
            .contains("error=consent-invalid"),
        "{:?}",
        res.location()
    );
    assert_eq!(
        states(&mut api, &id).await["records"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    let res = owner
        .post_form(
            &page,
            &[
                ("csrf", &csrf),
                ("action", "give"),
                ("purpose", EMAIL_PURPOSE),
                ("channel", "paper"),
                ("statement_version", "3"),
                ("proof", "signed form in binder 7"),
            ],
        )
        .await;
    assert!(
        res.location()
            .unwrap_or("")
            .contains("notice=consent-recorded"),
        "{:?}",
        res.location()
    );
    let given = states(&mut api, &id).await;
    assert_eq!(state_of(&given, EMAIL_PURPOSE), "given");
    let first = given["records"][0].clone();
    assert_eq!(first["statement_version"], "3");
    assert_eq!(first["proof"], "signed form in binder 7");
    assert_eq!(first["recorded_by"], actor.user_id.as_str());
    // Withdrawing takes the same one step, and needs no proof.
    let res = owner
        .post_form(
            &page,
            &[
                ("csrf", &csrf),
                ("action", "withdraw"),
                ("purpose", EMAIL_PURPOSE),
            ],
        )
        .await;
    assert!(
        res.location()
            .unwrap_or("")
            .contains("notice=consent-withdrawn")
    );
    let after = states(&mut api, &id).await;
    assert_eq!(state_of(&after, EMAIL_PURPOSE), "withdrawn");
    let records = after["records"].as_array().cloned().unwrap_or_default();
    assert_eq!(records.len(), 2, "a withdrawal is a new record");
    assert_eq!(records[0], first, "the first record is unchanged");
    assert_eq!(records[1]["action"], "withdrawn");
    // Given again through the API: a third record; the page shows the whole history.
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/relations/{id}/consents"),
            json!({"purpose": EMAIL_PURPOSE, "action": "given", "channel": "phone", "proof": "call 12 May"}),
        )
        .await;
    assert_status(&res, 201, "record through the API");
    assert_eq!(state_of(&res.json(), EMAIL_PURPOSE), "given");
    let html = owner.get(&page).await;
    assert_status(&html, 200, "consents page");
    assert!(html.body.contains("signed form in binder 7"));
    assert!(html.body.contains("call 12 May"));
    let actions: Vec<String> = audit_of(&env, &actor)
        .await
        .into_iter()
        .map(|(_, a)| a)
        .collect();
    for a in ["consent.give", "consent.withdraw", "consent.read"] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
    // The detail page links to the consents.
    let detail = owner.get(&format!("/o/acme/relations/{id}")).await;
    assert!(
        detail
            .body
            .contains(&format!("/o/acme/relations/{id}/consents"))
    );
}

/// An employee born `years` years ago (tomorrow's birthday not yet reached).
async fn employee_aged(env: &Env, owner: &Actor, years: i32) -> String {
    register_ready(env, owner).await;
    let today = time::OffsetDateTime::now_utc().date();
    let birth = today
        .replace_year(today.year() - years)
        .unwrap_or(today)
        .next_day()
        .unwrap_or(today);
    env.app
        .create_relation(
            owner,
            &RelationInput {
                party: Party::Person,
                kind: RelationKind::Employee,
                company: None,
                values: [
                    (RelationField::GivenName, "Sam".to_owned()),
                    (RelationField::DateOfBirth, birth.to_string()),
                ]
                .into_iter()
                .collect(),
                tags: Default::default(),
            },
        )
        .await
        .expect("employee")
        .id
}

#[tokio::test]
async fn under_sixteen_in_the_netherlands_only_a_parent_can_consent() {
    let (env, mut owner, actor) = owner_env().await;
    let child = employee_aged(&env, &actor, 16).await; // 15 until tomorrow
    let adult = employee_aged(&env, &actor, 17).await;
    let mut api = api(&env, &owner).await;
    let body = |parental: bool| {
        json!({"purpose": EMAIL_PURPOSE, "action": "given", "channel": "paper", "proof": "form",
               "statement_version": "1", "parental": parental})
    };
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/relations/{child}/consents"),
            body(false),
        )
        .await;
    assert_status(&res, 422, "a 15-year-old alone");
    assert_eq!(
        states(&mut api, &child).await["age"],
        "below_age_of_consent"
    );
    assert_eq!(states(&mut api, &child).await["age_of_consent"], 16);
    // Through the page too: refused with the reason, nothing recorded.
    let csrf = csrf_of(&mut owner, "acme").await;
    let res = owner
        .post_form(
            &format!("/o/acme/relations/{child}/consents"),
            &[
                ("csrf", &csrf),
                ("action", "give"),
                ("purpose", EMAIL_PURPOSE),
                ("proof", "form"),
                ("statement_version", "1"),
            ],
        )
        .await;
    assert!(
        res.location()
            .unwrap_or("")
            .contains("error=consent-parental")
    );
    assert_eq!(
        states(&mut api, &child).await["records"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/relations/{child}/consents"),
            body(true),
        )
        .await;
    assert_status(&res, 201, "a parent's consent");
    assert_eq!(state_of(&res.json(), EMAIL_PURPOSE), "given");
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/relations/{adult}/consents"),
            body(false),
        )
        .await;
    assert_status(&res, 201, "a 16-year-old alone");
}

#[tokio::test]
async fn the_selection_respects_the_permanent_objection_even_after_an_erasure() {
    let (env, owner, actor) = owner_env().await;
    let a = customer(&env, &actor, "a@example.com").await;
    let b = customer(&env, &actor, "b@example.com").await;
    let c = customer(&env, &actor, "c@example.com").await;
    let mut api = api(&env, &owner).await;
    for id in [&a, &b] {
        let res = api
            .json(
                Method::POST,
                &format!("/api/v1/orgs/acme/relations/{id}/consents"),
                json!({"purpose": EMAIL_PURPOSE, "action": "given", "proof": "web shop checkbox"}),
            )
            .await;
        assert_status(&res, 201, "consent");
    }
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/relations/{b}/consents/objection"),
            json!({}),
        )
        .await;
    assert_status(&res, 204, "objection");
    let purpose = EMAIL_PURPOSE.parse().expect("purpose");
    let ids = vec![a.clone(), b.clone(), c.clone(), "not-a-relation".to_owned()];
    let s = env
        .app
        .marketing_selection(&actor, purpose, LawfulBasis::Consent, &ids)
        .await
        .expect("selection");
    assert_eq!(s.included, vec![a.clone()]);
    let soft = env
        .app
        .marketing_selection(&actor, purpose, LawfulBasis::LegitimateInterests, &ids)
        .await
        .expect("selection");
    assert_eq!(soft.included, vec![a.clone(), c.clone()]);
    // Giving direct-marketing consent again is refused: the objection is permanent.
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/relations/{b}/consents"),
            json!({"purpose": EMAIL_PURPOSE, "action": "given", "proof": "again"}),
        )
        .await;
    assert_status(&res, 422, "consent after an objection");
    // Through the API as well.
    let res = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/marketing/selection",
            json!({"purpose": EMAIL_PURPOSE, "basis": "legitimate_interests", "relation_ids": ids}),
        )
        .await;
    assert_status(&res, 200, "selection API");
    let v = res.json();
    assert_eq!(v["included"], json!([a, c]));
    assert!(v["excluded"].as_array().is_some_and(|e| {
        e.iter()
            .any(|x| x["relation_id"] == b.as_str() && x["reason"] == "objected")
    }));
    // The person is erased and later comes back in an import with the same address: still suppressed.
    env.app.delete_relation(&actor, &b).await.expect("erase b");
    let again = customer(&env, &actor, "B@example.com").await;
    let s = env
        .app
        .marketing_selection(
            &actor,
            purpose,
            LawfulBasis::LegitimateInterests,
            &[again.clone(), c.clone()],
        )
        .await
        .expect("selection");
    assert_eq!(
        s.included,
        vec![c.clone()],
        "the suppression outlived the erasure"
    );
}

/// The link in a letter's text (`…/p/acme/<page>/<token>`), as a path.
fn link_in(text: &str, page: &str) -> String {
    let marker = format!("/p/acme/{page}/");
    let start = text.find(&marker).expect("a link in the letter");
    let rest = &text[start..];
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '<' || c == '"')
        .unwrap_or(rest.len());
    rest[..end].to_owned()
}

/// Makes the newsletter (e-mail marketing on consent) an active activity, so the preferences page offers it.
async fn newsletter_active(env: &Env, owner: &Actor) {
    let a = env
        .app
        .create_register_activity(owner, Some("newsletter"), "newsletter", "")
        .await
        .expect("newsletter activity");
    env.app
        .set_register_activity_status(
            owner,
            &a.activity.id.to_string(),
            kluis_app::StatusChange {
                status: kluis_domain::register::ActivityStatus::Active,
                end_date: None,
                successor: None,
            },
        )
        .await
        .expect("activate the newsletter");
}

#[tokio::test]
async fn without_smtp_a_letter_is_shown_and_logged_as_manual_and_the_preferences_page_works() {
    let (env, mut owner, actor) = owner_env().await;
    let id = customer(&env, &actor, "pref@example.com").await;
    newsletter_active(&env, &actor).await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let res = owner
        .post_form(
            &format!("/o/acme/relations/{id}/consents/preferences-link"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_status(&res, 200, "the letter to send by hand");
    assert!(res.body.contains("pref@example.com"));
    let link = link_in(&res.body, "preferences");
    let log = owner.get("/o/acme/mail").await;
    assert_status(&log, 200, "mail log");
    assert!(log.body.contains("pref@example.com"));
    let mut api = api(&env, &owner).await;
    let entries = api
        .json(Method::GET, "/api/v1/orgs/acme/mail", json!({}))
        .await
        .json();
    assert_eq!(entries[0]["delivery"], "manual");
    assert_eq!(entries[0]["template"], "preferences_link");
    assert_eq!(entries[0]["relation_id"], id.as_str());
    let actions: Vec<String> = audit_of(&env, &actor)
        .await
        .into_iter()
        .map(|(_, a)| a)
        .collect();
    assert!(actions.iter().any(|a| a == "mail.send"), "{actions:?}");
    // The person follows the link: no login, no personal data on the page.
    let mut person = env.client();
    let page = person.get(&link).await;
    assert_status(&page, 200, "preferences page");
    assert!(!page.body.contains("pref@example.com"));
    assert!(!page.body.contains("Klant"));
    // A bot filling the honeypot changes nothing.
    let res = person
        .post_form(
            &link,
            &[
                ("csrf", &page.csrf()),
                ("purpose", EMAIL_PURPOSE),
                ("choice", "give"),
                ("website", "http://spam"),
            ],
        )
        .await;
    assert_status(&res, 200, "honeypot");
    assert_eq!(
        state_of(&states(&mut api, &id).await, EMAIL_PURPOSE),
        "none"
    );
    // Without the form token nothing happens either.
    let res = person
        .post_form(&link, &[("purpose", EMAIL_PURPOSE), ("choice", "give")])
        .await;
    assert_eq!(res.status.as_u16(), 403, "no CSRF token");
    // Giving and withdrawing: one step each.
    let res = person
        .post_form(
            &link,
            &[
                ("csrf", &page.csrf()),
                ("purpose", EMAIL_PURPOSE),
                ("choice", "give"),
            ],
        )
        .await;
    assert_status(&res, 200, "give");
    let v = states(&mut api, &id).await;
    assert_eq!(state_of(&v, EMAIL_PURPOSE), "given");
    assert_eq!(v["records"][0]["recorded_by"], "data_subject");
    assert_eq!(v["records"][0]["channel"], "preferences_page");
    let res = person
        .post_form(
            &link,
            &[
                ("csrf", &page.csrf()),
                ("purpose", EMAIL_PURPOSE),
                ("choice", "withdraw"),
            ],
        )
        .await;
    assert_status(&res, 200, "withdraw");
    assert_eq!(
        state_of(&states(&mut api, &id).await, EMAIL_PURPOSE),
        "withdrawn"
    );
    // Objecting to direct marketing from the page puts the person on the suppression list.
    let res = person
        .post_form(&link, &[("csrf", &page.csrf()), ("choice", "object")])
        .await;
    assert_status(&res, 200, "object");
    assert!(states(&mut api, &id).await["suppressed_since"].is_string());
}

#[tokio::test]
async fn forged_and_expired_links_are_refused_and_change_nothing() {
    let (env, owner, actor) = owner_env().await;
    let id = customer(&env, &actor, "forge@example.com").await;
    let mut api = api(&env, &owner).await;
    let mut person = env.client();
    let uuid = uuid_bytes(&id);
    let ring =
        kluis_crypto::KeyRing::open(&env.app.config().effective_key_file()).expect("key file");
    let past = time::OffsetDateTime::now_utc().unix_timestamp() - 60;
    let future = past + 3600;
    let expired = ring
        .sign_link(&actor.org.id, "consent-preferences", &uuid, past)
        .expect("link");
    let valid = ring
        .sign_link(&actor.org.id, "consent-preferences", &uuid, future)
        .expect("link");
    // A valid link works, so the refusals below are the links' fault.
    assert_status(
        &person.get(&format!("/p/acme/preferences/{valid}")).await,
        200,
        "valid",
    );
    let mut tampered = valid.clone();
    tampered.replace_range(2..3, if &valid[2..3] == "A" { "B" } else { "A" });
    let other_page = ring
        .sign_link(&actor.org.id, "consent-confirm", &uuid, future)
        .expect("link");
    let other_org = ring
        .sign_link("another-org", "consent-preferences", &uuid, future)
        .expect("link");
    let forged = [tampered, other_page, other_org, "not-a-link".to_owned()];
    for (token, status, words) in forged
        .iter()
        .map(|t| (t.as_str(), 404u16, "not valid"))
        .chain(std::iter::once((expired.as_str(), 410u16, "expired")))
    {
        let path = format!("/p/acme/preferences/{token}");
        let page = person.get(&path).await;
        assert_eq!(page.status.as_u16(), status, "GET {token}");
        assert!(
            page.body.contains(words)
                || page.body.contains(if words == "expired" {
                    "verlopen"
                } else {
                    "niet geldig"
                }),
            "{}",
            page.body
        );
        let csrf = person.get("/login").await.csrf();
        let res = person
            .post_form(
                &path,
                &[
                    ("csrf", &csrf),
                    ("purpose", EMAIL_PURPOSE),
                    ("choice", "give"),
                ],
            )
            .await;
        assert_eq!(res.status.as_u16(), status, "POST {token}");
        let res = person
            .post_form(&format!("/p/acme/consent/{token}"), &[("csrf", &csrf)])
            .await;
        assert_eq!(res.status.as_u16(), 404, "confirm {token}");
    }
    // Another organisation's slug with a valid link: refused.
    assert_eq!(
        person
            .get(&format!("/p/nobody/preferences/{valid}"))
            .await
            .status
            .as_u16(),
        404
    );
    assert_eq!(
        states(&mut api, &id).await["records"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );
}

fn uuid_bytes(id: &str) -> Vec<u8> {
    let hex: String = id.chars().filter(|c| *c != '-').collect();
    (0..16)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex"))
        .collect()
}

#[tokio::test]
async fn a_request_letter_is_logged_with_its_request() {
    let (env, mut owner, actor) = owner_env().await;
    let request = env
        .app
        .create_request(
            &actor,
            &kluis_app::NewRequest {
                kind: kluis_domain::relations::requests::RequestKind::Access,
                channel: kluis_domain::relations::requests::RequestChannel::Email,
                requester_name: "Rita Requester".into(),
                requester_email: "rita@example.com".into(),
                received_at: None,
                received_local: None,
                relation_id: None,
            },
        )
        .await
        .expect("request");
    let csrf = csrf_of(&mut owner, "acme").await;
    let res = owner
        .post_form(
            &format!("/o/acme/requests/{request}/mail"),
            &[("csrf", &csrf), ("template", "request_acknowledgement")],
        )
        .await;
    assert_status(&res, 200, "acknowledgement to send by hand");
    assert!(res.body.contains("rita@example.com"));
    assert!(res.body.contains("Art. 15"));
    let entries = env.app.mail_log(&actor, None).await.expect("mail log");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].request_id.as_deref(), Some(request.as_str()));
    assert_eq!(entries[0].template.as_str(), "request_acknowledgement");
}

// ---- double opt-in through a real SMTP server ----

/// aiosmtpd listening on a free loopback port, writing every message it accepts into a maildir.
struct SmtpServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
    _dir: tempfile_dir::Dir,
}

mod tempfile_dir {
    /// A directory removed on drop (the web tests have no tempfile dependency).
    pub struct Dir(pub std::path::PathBuf);
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SmtpServer {
    fn start(test: &str) -> Option<SmtpServer> {
        let python = std::env::var_os("KLUIS_VALIDATORS_VENV")
            .map(|v| PathBuf::from(v).join("bin/python"))
            .filter(|p| p.is_file());
        let Some(python) = python else {
            let required = std::env::var("KLUIS_REQUIRE_VALIDATORS").is_ok_and(|v| v == "1");
            assert!(
                !required,
                "{test}: KLUIS_REQUIRE_VALIDATORS=1 but no aiosmtpd"
            );
            eprintln!(
                "{test}: skipped: set KLUIS_VALIDATORS_VENV (cargo xtask test makes one with aiosmtpd)"
            );
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let dir = std::env::temp_dir().join(format!("kluis-smtp-{}-{port}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let maildir = dir.join("mail");
        let child = Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "aiosmtpd did not listen within 20 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(SmtpServer {
            child,
            port,
            maildir,
            _dir: tempfile_dir::Dir(dir),
        })
    }

    fn received(&self) -> Vec<String> {
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.maildir.join(sub)) else {
                continue;
            };
            for e in entries.flatten() {
                out.push(std::fs::read_to_string(e.path()).expect("a message"));
            }
        }
        out
    }
}

/// The text of a message: quoted-printable soft breaks and escapes undone, or a base64 body decoded.
fn message_text(raw: &str) -> String {
    let raw = raw.replace("\r\n", "\n");
    let (head, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
    if head
        .to_ascii_lowercase()
        .contains("content-transfer-encoding: base64")
    {
        let clean: String = body.chars().filter(|c| !c.is_whitespace()).collect();
        return String::from_utf8_lossy(&base64_decode(&clean)).into_owned();
    }
    let joined = body.replace("=\n", "");
    let mut out = Vec::new();
    let b = joined.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'='
            && i + 2 < b.len()
            && let Some(x) = std::str::from_utf8(&b[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(x);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.bytes() {
        let Some(v) = val(c) else { continue };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

#[tokio::test]
async fn double_opt_in_counts_only_after_the_link_in_the_mail_is_followed() {
    let Some(server) = SmtpServer::start("double_opt_in") else {
        return;
    };
    let port = server.port;
    let env = fresh_with_config(kluis_web::WebOptions::default(), |c| {
        c.smtp = Some(kluis_app::SmtpConfig {
            url: format!("smtp://127.0.0.1:{port}"),
            from: "Acme BV <privacy@acme.example>".into(),
        });
        c.public_url = Some("http://kluis.test".into());
    })
    .await;
    let owner = setup_via_pages(&env).await;
    let actor = session_actor(&env, &owner, "acme").await;
    let id = customer(&env, &actor, "optin@example.com").await;
    let mut api = api(&env, &owner).await;
    // The organisation's web form: always a double opt-in.
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/relations/{id}/consents"),
            json!({"purpose": EMAIL_PURPOSE, "action": "given", "channel": "web_form", "lang": "en"}),
        )
        .await;
    assert_status(&res, 201, "web-form consent");
    assert_eq!(
        state_of(&res.json(), EMAIL_PURPOSE),
        "pending",
        "not before the confirmation"
    );
    let mail = server.received();
    assert_eq!(mail.len(), 1, "one confirmation letter");
    assert!(mail[0].contains("optin@example.com"));
    let text = message_text(&mail[0]);
    assert!(text.contains("http://kluis.test/p/acme/consent/"), "{text}");
    let link = link_in(&text, "consent");
    let entries = env.app.mail_log(&actor, Some(&id)).await.expect("mail log");
    assert_eq!(entries[0].delivery.as_str(), "sent");
    assert_eq!(entries[0].template.as_str(), "consent_confirm");
    // Opening the link (as a mail scanner would) changes nothing; the button does.
    let mut person = env.client();
    let page = person.get(&link).await;
    assert_status(&page, 200, "confirmation page");
    assert_eq!(
        state_of(&states(&mut api, &id).await, EMAIL_PURPOSE),
        "pending"
    );
    let res = person.post_form(&link, &[("csrf", &page.csrf())]).await;
    assert_status(&res, 200, "confirm");
    let v = states(&mut api, &id).await;
    assert_eq!(state_of(&v, EMAIL_PURPOSE), "given");
    let records = v["records"].as_array().cloned().unwrap_or_default();
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["action"], "confirmed");
    assert_eq!(records[1]["confirms"], records[0]["id"]);
    // Following it again records nothing more.
    let res = person.post_form(&link, &[("csrf", &page.csrf())]).await;
    assert_status(&res, 200, "again");
    assert_eq!(
        states(&mut api, &id).await["records"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    let actions: Vec<String> = audit_of(&env, &actor)
        .await
        .into_iter()
        .map(|(_, a)| a)
        .collect();
    assert!(
        actions.iter().any(|a| a == "consent.confirm"),
        "{actions:?}"
    );
}

/// A request received `days_ago` days ago, from Rita.
async fn request_received(env: &Env, actor: &Actor, days_ago: i64) -> String {
    env.app
        .create_request(
            actor,
            &kluis_app::NewRequest {
                kind: kluis_domain::relations::requests::RequestKind::Access,
                channel: kluis_domain::relations::requests::RequestChannel::Email,
                requester_name: "Rita Requester".into(),
                requester_email: "rita@example.com".into(),
                received_at: Some(time::OffsetDateTime::now_utc() - time::Duration::days(days_ago)),
                received_local: None,
                relation_id: None,
            },
        )
        .await
        .expect("request")
}

#[tokio::test]
async fn overdue_and_due_soon_requests_remind_their_handlers_by_mail_once_a_day() {
    let Some(server) = SmtpServer::start("request_reminders") else {
        return;
    };
    let port = server.port;
    let env = fresh_with_config(kluis_web::WebOptions::default(), |c| {
        c.smtp = Some(kluis_app::SmtpConfig {
            url: format!("smtp://127.0.0.1:{port}"),
            from: "Acme BV <privacy@acme.example>".into(),
        });
        c.public_url = Some("http://kluis.test".into());
    })
    .await;
    let owner = setup_via_pages(&env).await;
    let actor = session_actor(&env, &owner, "acme").await;
    // Nothing due: no letter.
    let fresh = request_received(&env, &actor, 1).await;
    let sent = env
        .app
        .send_request_reminders(actor.scope.org_id())
        .await
        .expect("reminders");
    assert_eq!(sent, 0);
    assert!(
        server.received().is_empty(),
        "no reminder without due requests"
    );
    let overdue = request_received(&env, &actor, 45).await;
    let soon = request_received(&env, &actor, 27).await;
    // Through the job system, as every day: one letter to the one member who handles requests.
    env.app.schedule_daily_jobs().await.expect("schedule");
    while env.app.run_one_job("reminders").await.expect("job") {}
    let mail = server.received();
    assert_eq!(mail.len(), 1);
    assert!(mail[0].contains("owner@example.com"), "to the owner");
    let text = message_text(&mail[0]);
    for id in [&overdue, &soon] {
        assert!(
            text.contains(&format!("http://kluis.test/o/acme/requests/{id}")),
            "links request {id}: {text}"
        );
    }
    assert!(
        !text.contains(&fresh),
        "not the request with a month left: {text}"
    );
    assert!(text.contains("http://kluis.test/o/acme/requests"), "{text}");
    assert!(
        !text.contains("Rita") && !text.contains("rita@example.com"),
        "never who asked: {text}"
    );
    let entries = env.app.mail_log(&actor, None).await.expect("mail log");
    assert_eq!(entries[0].template.as_str(), "request_reminder");
    assert_eq!(entries[0].delivery.as_str(), "sent");
    assert_eq!(entries[0].sent_by, "system:jobs");
    // The daily job runs once a day however often it is scheduled.
    for _ in 0..2 {
        env.app.schedule_daily_jobs().await.expect("schedule");
        while env.app.run_one_job("reminders").await.expect("job") {}
    }
    assert_eq!(server.received().len(), 1, "today's reminder was sent once");
}
