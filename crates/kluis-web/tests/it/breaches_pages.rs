//! The breach pages through HTTP as a browser uses them: reporting a breach on the organisation's calendar with its
//! 72-hour countdown on the list and the dashboard, impossible timestamps refused by field with nothing stored,
//! the people affected selected by kind, tag and an uploaded list and corrected by hand, the decision and the
//! notification rules after the 72 hours, the people told and closing, the recipients CSV, the processor's
//! report link (forged and expired links refused) and the roles.

use crate::client::{Client, Resp};
use crate::helpers::*;
use axum::http::Method;
use kluis_app::Role;
use kluis_domain::calendar::local_offset;
use kluis_domain::register::{Jurisdiction, Recipient, RecipientRole};
use serde_json::json;
use time::{Duration, OffsetDateTime};

/// `at` as a `datetime-local` value on the Dutch calendar (the organisation has no jurisdiction set: NL).
fn local(at: OffsetDateTime) -> String {
    let l = at.to_offset(local_offset(at, Jurisdiction::Nl));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        l.year(),
        u8::from(l.month()),
        l.day(),
        l.hour(),
        l.minute()
    )
}

/// Reports a breach through the form, aware `hours_ago`; returns its id.
async fn report(c: &mut Client, csrf: &str, summary: &str, hours_ago: i64) -> String {
    let aware = local(OffsetDateTime::now_utc() - Duration::hours(hours_ago));
    let res = c
        .post_form(
            "/o/acme/breaches",
            &[
                ("csrf", csrf),
                ("summary", summary),
                ("aware_at", &aware),
                ("events", "lost"),
                ("cause", "lost_or_stolen_device"),
                ("categories", "user.contact.email"),
                ("measures_before", "Versleutelde schijf"),
            ],
        )
        .await;
    assert_status(&res, 303, "report a breach");
    let loc = res.location().unwrap_or_default();
    assert!(loc.contains("notice=breach-registered"), "{loc}");
    loc.trim_start_matches("/o/acme/breaches/")
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn text_of<'a>(body: &'a str, id: &str) -> &'a str {
    let marker = format!("id=\"{id}\"");
    body.split(&marker)
        .nth(1)
        .and_then(|s| s.split_once('>'))
        .and_then(|(_, s)| s.split('<').next())
        .unwrap_or("")
}

async fn owner_api(env: &Env, owner: &Client) -> Client {
    Client::with_bearer(env.router.clone(), &owner_token(env, owner).await)
}

#[tokio::test]
async fn a_reported_breach_shows_its_countdown_and_impossible_timestamps_store_nothing() {
    let (env, mut owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    let csrf = csrf_of(&mut owner, "acme").await;

    let form = owner.get("/o/acme/breaches/new").await;
    assert_status(&form, 200, "the report form");
    assert!(form.body.contains("type=\"datetime-local\""));
    assert!(
        form.body.contains("value=\"user.contact.email\""),
        "register categories offered"
    );

    let id = report(&mut owner, &csrf, "Laptop verloren in de trein", 2).await;
    let page = owner.get(&format!("/o/acme/breaches/{id}")).await;
    assert_status(&page, 200, "the breach");
    assert!(page.body.contains("countdown-running"), "{}", page.body);
    // Aware two hours ago: 69 or 70 hours left, as the server writes it.
    let left = text_of(&page.body, "countdown").to_owned();
    assert!(
        left.starts_with("Nog 69 u") || left.starts_with("Nog 70 u"),
        "{left}"
    );
    assert!(page.body.contains("Laptop verloren in de trein"));

    let list = owner.get("/o/acme/breaches").await;
    assert_status(&list, 200, "the register");
    assert!(list.body.contains(&format!("/o/acme/breaches/{id}")));
    assert!(list.body.contains("countdown-running"));
    let reference = env.app.breaches(&actor).await.expect("breaches")[0]
        .reference
        .clone();
    assert!(list.body.contains(&reference));

    let dash = owner.get("/o/acme").await;
    assert_status(&dash, 200, "dashboard");
    assert!(
        dash.body.contains(&format!("data-breach=\"{reference}\"")),
        "{}",
        dash.body
    );
    assert!(dash.body.contains("countdown-running"));

    // Impossible timestamps: the form again, the field named, nothing stored.
    let now = OffsetDateTime::now_utc();
    for (fields, label) in [
        (
            vec![
                ("started_at", local(now - Duration::hours(5))),
                ("discovered_at", local(now - Duration::hours(10))),
            ],
            "Wanneer het werd ontdekt",
        ),
        (
            vec![("aware_at", local(now + Duration::days(2)))],
            "Wanneer de organisatie op de hoogte raakte",
        ),
        (
            vec![("aware_at", "gisteren".to_owned())],
            "Wanneer de organisatie op de hoogte raakte",
        ),
    ] {
        let mut all = vec![
            ("csrf", csrf.clone()),
            ("summary", "Onmogelijk".to_owned()),
            ("events", "read".to_owned()),
        ];
        all.extend(fields.into_iter());
        let refs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let res = owner.post_form("/o/acme/breaches", &refs).await;
        assert_status(&res, 422, label);
        assert!(res.body.contains(label), "{label}: {}", res.body);
        assert!(
            res.body.contains("Onmogelijk"),
            "the form keeps what was typed"
        );
    }
    assert_eq!(env.app.breaches(&actor).await.expect("breaches").len(), 1);
}

#[tokio::test]
async fn people_are_selected_by_kind_tag_and_uploaded_list_and_a_hand_removal_sticks() {
    let (env, mut owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    crate::relations::register_ready(&env, &actor).await;
    let mut api = owner_api(&env, &owner).await;
    let mut ids = std::collections::BTreeMap::new();
    for (kind, name, email, tags) in [
        ("customer", "Anna", "anna@example.com", json!(["vip"])),
        ("customer", "Bram", "bram@example.com", json!([])),
        ("employee", "Cees", "", json!([])),
        ("customer", "=Evil", "evil@example.com", json!([])),
    ] {
        let mut values = json!({"given_name": name});
        if !email.is_empty() {
            values["email"] = json!(email);
        }
        let res = api
            .json(
                Method::POST,
                "/api/v1/orgs/acme/relations",
                json!({"party": "person", "kind": kind, "values": values, "tags": tags}),
            )
            .await;
        assert_status(&res, 201, name);
        ids.insert(name, res.json()["id"].as_str().expect("id").to_owned());
    }
    let csrf = csrf_of(&mut owner, "acme").await;
    let id = report(&mut owner, &csrf, "Mail naar verkeerde adres", 1).await;
    let path = format!("/o/acme/breaches/{id}");
    let count = |page: &Resp| text_of(&page.body, "people-count").to_owned();

    let page = owner.get(&path).await;
    assert_eq!(count(&page), "0");
    let res = owner
        .post_form(
            &format!("{path}/affected"),
            &[("csrf", &csrf), ("by", "kind"), ("kind", "employee")],
        )
        .await;
    assert_status(&res, 303, "select by kind");
    let page = owner.get(res.location().expect("back")).await;
    assert_eq!(count(&page), "1");
    assert!(page.body.contains("Cees"));

    // The tag is chosen by its token from the page's list, never by its words.
    let token = page
        .body
        .split("id=\"sel-tag\"")
        .nth(1)
        .and_then(|s| s.split("<option value=\"").nth(2))
        .and_then(|s| s.split('"').next())
        .expect("a tag on the page")
        .to_owned();
    assert!(!token.contains("vip"));
    let res = owner
        .post_form(
            &format!("{path}/affected"),
            &[("csrf", &csrf), ("by", "tag"), ("tag", &token)],
        )
        .await;
    assert_status(&res, 303, "select by tag");
    assert_eq!(count(&owner.get(&path).await), "2");

    // An uploaded list of identifiers: one matches, one does not.
    let boundary = "XyZbreach";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"by\"\r\n\r\nidentifiers\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"identifiers\"\r\n\r\n\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lijst.csv\"\r\nContent-Type: text/csv\r\n\r\n\
         bram@example.com\r\nniemand@example.com\r\n\r\n--{boundary}--\r\n"
    );
    let res = owner
        .send(
            Method::POST,
            &format!("{path}/affected"),
            Some(&format!("multipart/form-data; boundary={boundary}")),
            body,
            &[],
        )
        .await;
    assert_status(&res, 303, "uploaded identifiers");
    let back = res.location().expect("back").to_owned();
    assert!(
        back.contains("added=1") && back.contains("unmatched=1"),
        "{back}"
    );
    let page = owner.get(&back).await;
    assert_eq!(count(&page), "3");
    assert!(
        page.body.contains("1 kenmerk leverde niets op"),
        "{}",
        page.body
    );

    // Bram removed by hand; the list brings him back no more.
    let bram = ids["Bram"].clone();
    let res = owner
        .post_form(
            &format!("{path}/affected/correct"),
            &[
                ("csrf", &csrf),
                ("target", "relation"),
                ("id", &bram),
                ("affected", "0"),
            ],
        )
        .await;
    assert_status(&res, 303, "remove by hand");
    assert_eq!(count(&owner.get(&path).await), "2");
    let res = owner
        .post_form(
            &format!("{path}/affected"),
            &[
                ("csrf", &csrf),
                ("by", "identifiers"),
                ("identifiers", "bram@example.com"),
            ],
        )
        .await;
    assert_status(&res, 303, "select again");
    let page = owner.get(&path).await;
    assert_eq!(count(&page), "2");
    let removed = page.body.split("id=\"removed\"").nth(1).unwrap_or("");
    assert!(removed.contains(&bram), "Bram listed as removed");

    // A list without identifiers is refused, naming the field.
    let res = owner
        .post_form(
            &format!("{path}/affected"),
            &[
                ("csrf", &csrf),
                ("by", "identifiers"),
                ("identifiers", " ; "),
            ],
        )
        .await;
    assert_status(&res, 422, "empty list");
    assert!(
        res.body.contains("Kenmerken, één per regel"),
        "{}",
        res.body
    );

    // Added back by hand; then everyone with an e-mail address is a recipient of the letter, formula-escaped.
    let res = owner
        .post_form(
            &format!("{path}/affected/correct"),
            &[
                ("csrf", &csrf),
                ("target", "relation"),
                ("id", &bram),
                ("affected", "1"),
            ],
        )
        .await;
    assert_status(&res, 303, "add back");
    let res = owner
        .post_form(
            &format!("{path}/affected"),
            &[
                ("csrf", &csrf),
                ("by", "identifiers"),
                ("identifiers", "evil@example.com"),
            ],
        )
        .await;
    assert_status(&res, 303, "evil");
    assert_eq!(count(&owner.get(&path).await), "4");
    let csv = owner.get(&format!("{path}/recipients.csv")).await;
    assert_status(&csv, 200, "recipients.csv");
    assert!(
        csv.header("content-type")
            .unwrap_or("")
            .starts_with("text/csv")
    );
    assert!(
        csv.header("content-disposition")
            .unwrap_or("")
            .contains("attachment")
    );
    let text = csv.body.trim_start_matches('\u{feff}');
    let mut lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.remove(0), "Naam;E-mailadres;Relatie-id");
    assert!(
        lines.contains(&format!("Anna;anna@example.com;{}", ids["Anna"]).as_str()),
        "{text}"
    );
    assert!(
        lines.contains(&format!("Bram;bram@example.com;{bram}").as_str()),
        "{text}"
    );
    assert!(
        lines.contains(&format!("Cees;;{}", ids["Cees"]).as_str()),
        "{text}"
    );
    assert!(
        lines.contains(&format!("'=Evil;evil@example.com;{}", ids["=Evil"]).as_str()),
        "{text}"
    );
    assert_eq!(lines.len(), 4);
}

#[tokio::test]
async fn the_decision_and_the_late_notification_follow_the_law_then_people_told_and_closed() {
    let (env, mut owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let id = report(&mut owner, &csrf, "Ransomware op de server", 80).await;
    let path = format!("/o/acme/breaches/{id}");
    let page = owner.get(&path).await;
    assert!(page.body.contains("countdown-overdue"));
    assert!(page.body.contains("id=\"overdue-alert\""));
    assert!(text_of(&page.body, "countdown").contains("te laat"));

    // A high risk without telling the people and without an exception: refused, the field named.
    let decide = |people: &'static str| {
        let mut f = vec![
            ("risk", "high"),
            ("rationale", "Burgerservicenummers op de server"),
            ("notify_authority", "1"),
        ];
        if !people.is_empty() {
            f.push(("notify_people", people));
        }
        f
    };
    let mut fields = vec![("csrf", csrf.as_str())];
    fields.extend(decide(""));
    let res = owner.post_form(&format!("{path}/decision"), &fields).await;
    assert_status(&res, 422, "high risk without the people");
    assert!(
        res.body.contains("De betrokkenen informeren (art. 34)"),
        "{}",
        res.body
    );
    assert!(
        res.body.contains("Burgerservicenummers op de server"),
        "the form keeps the rationale"
    );
    assert!(
        env.app
            .breach(&actor, &id)
            .await
            .expect("breach")
            .facts
            .decision
            .is_none()
    );

    let mut fields = vec![("csrf", csrf.as_str())];
    fields.extend(decide("1"));
    let res = owner.post_form(&format!("{path}/decision"), &fields).await;
    assert_status(&res, 303, "decided");

    // Notified after the 72 hours: the reasons for the delay are required.
    let res = owner
        .post_form(
            &format!("{path}/notifications"),
            &[("csrf", &csrf), ("phase", "initial"), ("reference", "M-1")],
        )
        .await;
    assert_status(&res, 422, "late without a reason");
    assert!(
        res.body.contains("Redenen voor de vertraging"),
        "{}",
        res.body
    );
    assert!(
        env.app
            .breach(&actor, &id)
            .await
            .expect("breach")
            .notifications
            .is_empty()
    );
    let res = owner
        .post_form(
            &format!("{path}/notifications"),
            &[
                ("csrf", &csrf),
                ("phase", "initial"),
                ("reference", "M-1"),
                ("delay_reason", "Het weekend; de beheerder was onbereikbaar"),
            ],
        )
        .await;
    assert_status(&res, 303, "late with a reason");
    let page = owner.get(&path).await;
    assert!(page.body.contains("countdown-late"));
    assert!(page.body.contains("M-1"));

    // Closing before the people are told is refused; then told, then closed.
    let res = owner
        .post_form(&format!("{path}/close"), &[("csrf", &csrf)])
        .await;
    assert_status(&res, 409, "close too early");
    let res = owner
        .post_form(
            &format!("{path}/people-told"),
            &[("csrf", &csrf), ("how", "Brief per e-mail")],
        )
        .await;
    assert_status(&res, 303, "people told");
    let res = owner
        .post_form(
            &format!("{path}/events"),
            &[("csrf", &csrf), ("note", "Server opnieuw geïnstalleerd")],
        )
        .await;
    assert_status(&res, 303, "timeline note");
    let res = owner
        .post_form(&format!("{path}/close"), &[("csrf", &csrf)])
        .await;
    assert_status(&res, 303, "closed");
    let page = owner.get(&path).await;
    assert!(page.body.contains("Server opnieuw geïnstalleerd"));
    assert!(page.body.contains("Brief per e-mail"));
    assert!(
        !page.body.contains(&format!("action=\"{path}/decision\"")),
        "no forms once closed"
    );
    assert!(
        env.app
            .open_breaches(&actor)
            .await
            .expect("open")
            .is_empty()
    );
    let dash = owner.get("/o/acme").await;
    assert!(!dash.body.contains("data-breach="));
}

#[tokio::test]
async fn staff_report_breaches_but_do_not_decide_or_download_recipients() {
    let (env, mut owner) = with_owner().await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let id = report(&mut owner, &csrf, "USB-stick kwijt", 1).await;
    add_user(&env, "acme", "staff@example.com", Role::Staff).await;
    let mut staff = login(&env, "staff@example.com", OWNER_PASSWORD).await;
    let scsrf = csrf_of(&mut staff, "acme").await;
    assert_status(&staff.get("/o/acme/breaches/new").await, 200, "staff form");
    let page = staff.get(&format!("/o/acme/breaches/{id}")).await;
    assert_status(&page, 200, "staff reads");
    assert!(
        !page.body.contains("/decision\""),
        "no decision form for staff"
    );
    report(&mut staff, &scsrf, "Brief verkeerd bezorgd", 0).await;
    let res = staff
        .post_form(
            &format!("/o/acme/breaches/{id}/decision"),
            &[("csrf", &scsrf), ("risk", "unlikely"), ("rationale", "x")],
        )
        .await;
    assert_status(&res, 403, "staff decide");
    let res = staff
        .get(&format!("/o/acme/breaches/{id}/recipients.csv"))
        .await;
    assert_status(&res, 403, "staff recipients");
    let res = staff
        .post_form(
            "/o/acme/breaches/processor-link",
            &[("csrf", &scsrf), ("recipient", "x")],
        )
        .await;
    assert_status(&res, 403, "staff processor link");
}

#[tokio::test]
async fn a_processor_reports_through_its_link_and_forged_or_expired_links_are_refused() {
    let (env, mut owner) = with_owner().await;
    let actor = session_actor(&env, &owner, "acme").await;
    let processor = env
        .app
        .create_recipient(
            &actor,
            &Recipient {
                name: "Hosting BV".into(),
                role: RecipientRole::Processor,
                country: "NL".into(),
                ..Recipient::default()
            },
        )
        .await
        .expect("processor");
    let processor_id = processor.recipient.id.to_string();
    let csrf = csrf_of(&mut owner, "acme").await;
    let list = owner.get("/o/acme/breaches").await;
    assert!(list.body.contains("Hosting BV"), "processor offered");
    let res = owner
        .post_form(
            "/o/acme/breaches/processor-link",
            &[("csrf", &csrf), ("recipient", "")],
        )
        .await;
    assert_status(&res, 422, "no processor chosen");
    let res = owner
        .post_form(
            "/o/acme/breaches/processor-link",
            &[("csrf", &csrf), ("recipient", &processor_id)],
        )
        .await;
    assert_status(&res, 200, "link made");
    let link = res
        .body
        .split("id=\"processor-link\" readonly value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("link shown")
        .to_owned();
    assert!(link.starts_with("http"), "{link}");
    let path = link
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_owned()))
        .expect("a path in the link");
    assert!(path.starts_with("/p/acme/breach-report/"), "{path}");
    // Shown once: the list does not repeat it.
    assert!(!owner.get("/o/acme/breaches").await.body.contains(&path));

    let mut outsider = env.client();
    let form = outsider.get(&path).await;
    assert_status(&form, 200, "the processor's form");
    assert!(form.body.contains("Hosting BV"));
    let pcsrf = form.csrf();
    // The honeypot: told it went well, stored nothing.
    let res = outsider
        .post_form(
            &path,
            &[
                ("csrf", &pcsrf),
                ("summary", "spam"),
                ("website", "http://spam"),
            ],
        )
        .await;
    assert_status(&res, 200, "honeypot");
    assert!(env.app.breaches(&actor).await.expect("list").is_empty());
    // An impossible moment: the form again with the field named.
    let res = outsider
        .post_form(
            &path,
            &[
                ("csrf", &pcsrf),
                ("summary", "Back-up onversleuteld gedeeld"),
                (
                    "discovered_at",
                    &local(OffsetDateTime::now_utc() + Duration::days(3)),
                ),
            ],
        )
        .await;
    assert_status(&res, 422, "future discovery");
    assert!(
        res.body.contains("Wanneer het werd ontdekt"),
        "{}",
        res.body
    );
    let res = outsider
        .post_form(
            &path,
            &[
                ("csrf", &pcsrf),
                ("summary", "Back-up onversleuteld gedeeld"),
                ("events", "disclosed"),
                ("people_estimate", "40"),
                ("contact_name", "Piet Verwerker"),
            ],
        )
        .await;
    assert_status(&res, 200, "reported");
    let breaches = env.app.breaches(&actor).await.expect("list");
    assert_eq!(breaches.len(), 1);
    assert_eq!(breaches[0].origin, "processor");
    assert_eq!(text_of(&res.body, "reference"), breaches[0].reference);
    let page = owner
        .get(&format!("/o/acme/breaches/{}", breaches[0].id))
        .await;
    assert!(page.body.contains("Hosting BV"));
    assert!(page.body.contains("countdown-running"));

    // A forged link and an expired one change nothing.
    let token = path.rsplit('/').next().unwrap_or_default().to_owned();
    let mut tampered = token.clone();
    tampered.replace_range(2..3, if &token[2..3] == "A" { "B" } else { "A" });
    let ring =
        kluis_crypto::KeyRing::open(&env.app.config().effective_key_file()).expect("key file");
    let past = OffsetDateTime::now_utc().unix_timestamp() - 60;
    let expired = ring
        .sign_link(
            &actor.org.id,
            "breach-report",
            processor.recipient.id.as_bytes(),
            past,
        )
        .expect("link");
    for (t, status) in [(tampered.as_str(), 404), (expired.as_str(), 410)] {
        let p = format!("/p/acme/breach-report/{t}");
        assert_status(&outsider.get(&p).await, status, "refused link");
        let res = outsider
            .post_form(&p, &[("csrf", &pcsrf), ("summary", "nep")])
            .await;
        assert_status(&res, status, "refused post");
    }
    assert_status(
        &outsider.get("/p/nobody/breach-report/x").await,
        404,
        "unknown organisation",
    );
    assert_eq!(env.app.breaches(&actor).await.expect("list").len(), 1);
}
