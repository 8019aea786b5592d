//! The organisation profile, its two wizards and the register's reviews, through the pages and the API.

use crate::client::Client;
use crate::helpers::*;
use axum::http::Method;
use kluis_app::{Locale, Role};
use serde_json::json;

fn today() -> time::Date {
    time::OffsetDateTime::now_utc().date()
}

fn iso(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

async fn api_of(env: &crate::helpers::Env, owner: &Client) -> Client {
    Client::with_bearer(env.router.clone(), &owner_token(env, owner).await)
}

async fn actions(env: &crate::helpers::Env, owner: &Client) -> Vec<String> {
    let actor = session_actor(env, owner, "acme").await;
    audit_of(env, &actor)
        .await
        .into_iter()
        .map(|(_, a)| a)
        .collect()
}

#[tokio::test]
async fn owner_saves_the_profile_and_the_jurisdiction_names_its_authority() {
    let (env, mut owner) = with_owner().await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let page = owner.get("/o/acme/profile").await;
    assert_status(&page, 200, "profile page");
    assert!(page.body.contains("Organisatieprofiel"), "{}", page.body);
    let res = owner
        .post_form(
            "/o/acme/profile",
            &[
                ("csrf", &csrf),
                ("legal_name", "Bakkerij De Gouden Korst BV"),
                ("address", "Kerkstraat 1, Gent"),
                ("email", "privacy@goudenkorst.example"),
                ("jurisdiction", "be"),
                ("registration_number", "BE 0123.456.749"),
                ("employees", "12"),
                ("dpo_appointed", "1"),
                ("dpo_name", "Dora Privacy"),
                ("dpo_email", "fg@goudenkorst.example"),
            ],
        )
        .await;
    assert_status(&res, 303, "save profile");
    let page = owner.get("/o/acme/profile").await;
    assert!(
        page.body.contains("Gegevensbeschermingsautoriteit (GBA)"),
        "the Belgian authority is shown: {}",
        page.body
    );
    assert!(page.body.contains("0123456749"), "canonical KBO number");
    assert!(page.body.contains("Dora Privacy"));
    assert!(
        actions(&env, &owner)
            .await
            .contains(&"register.profile.update".to_owned())
    );

    let mut api = api_of(&env, &owner).await;
    let got = api.get("/api/v1/orgs/acme/profile").await;
    assert_status(&got, 200, "api profile");
    let j = got.json();
    assert_eq!(j["version"], 1);
    assert_eq!(j["profile"]["registration_number"], "0123456749");
    assert_eq!(j["profile"]["jurisdiction"], "be");
    assert_eq!(j["profile"]["employees"], 12);
    assert_eq!(j["profile"]["dpo"]["appointed"], true);
    assert_eq!(j["age_of_digital_consent"], 13);

    // The API replaces the fields; the Dutch defaults follow the jurisdiction.
    let put = api
        .json(
            Method::PUT,
            "/api/v1/orgs/acme/profile",
            json!({"legal_name": "Installatiebedrijf Jansen BV", "jurisdiction": "nl",
                   "registration_number": "1234 5678", "employees": 8}),
        )
        .await;
    assert_status(&put, 200, "api put profile");
    let j = put.json();
    assert_eq!(j["version"], 2);
    assert_eq!(j["profile"]["registration_number"], "12345678");
    assert_eq!(
        j["supervisory_authority"],
        "Autoriteit Persoonsgegevens (AP)"
    );
    assert_eq!(j["age_of_digital_consent"], 16);
    assert_eq!(j["profile"]["dpo"]["appointed"], false);
}

#[tokio::test]
async fn invalid_registration_numbers_are_refused_in_the_users_language() {
    let (env, mut owner) = with_owner().await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let kvk = owner
        .post_form(
            "/o/acme/profile",
            &[
                ("csrf", &csrf),
                ("legal_name", "Jansen BV"),
                ("jurisdiction", "nl"),
                ("registration_number", "1234567"),
            ],
        )
        .await;
    assert_status(&kvk, 400, "short KvK number");
    assert!(
        kvk.body.contains("een KvK-nummer heeft precies 8 cijfers"),
        "refused in Dutch: {}",
        kvk.body
    );
    assert!(
        kvk.body.contains("Jansen BV"),
        "the form keeps what was typed"
    );
    let email = owner
        .post_form(
            "/o/acme/profile",
            &[("csrf", &csrf), ("email", "not an address")],
        )
        .await;
    assert_status(&email, 400, "malformed e-mail address");

    let owner_actor = session_actor(&env, &owner, "acme").await;
    env.app
        .set_locale(&owner_actor.user_id, Locale::En)
        .await
        .expect("locale");
    let kbo = owner
        .post_form(
            "/o/acme/profile",
            &[
                ("csrf", &csrf),
                ("jurisdiction", "be"),
                ("registration_number", "0123.456.748"),
            ],
        )
        .await;
    assert_status(&kbo, 400, "KBO number failing mod 97");
    assert!(
        kbo.body
            .contains("its last two digits do not match the check"),
        "refused in English: {}",
        kbo.body
    );

    let mut api = api_of(&env, &owner).await;
    let put = api
        .json(
            Method::PUT,
            "/api/v1/orgs/acme/profile",
            json!({"jurisdiction": "nl", "registration_number": "123"}),
        )
        .await;
    assert_status(&put, 422, "api short KvK");
    assert_eq!(put.header("content-type"), Some("application/problem+json"));
    let detail = put.json()["detail"].as_str().unwrap_or("").to_owned();
    assert!(
        detail.contains("a KvK number has exactly 8 digits"),
        "problem in the token owner's language: {detail}"
    );
    let put = api
        .json(
            Method::PUT,
            "/api/v1/orgs/acme/profile",
            json!({"registration_number": "12345678"}),
        )
        .await;
    assert_status(&put, 422, "number without a jurisdiction");
    // Nothing refused was saved.
    let got = api.get("/api/v1/orgs/acme/profile").await;
    assert_eq!(got.json()["version"], 0);
    assert!(
        !actions(&env, &owner)
            .await
            .contains(&"register.profile.update".to_owned())
    );
}

#[tokio::test]
async fn wizard_verdicts_are_stored_with_their_rationale() {
    let (env, mut owner) = with_owner().await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let page = owner.get("/o/acme/profile/wizards/register").await;
    assert_status(&page, 200, "register wizard");
    assert!(
        page.body.contains("nooit incidenteel"),
        "WP29's note is shown"
    );
    let res = owner
        .post_form(
            "/o/acme/profile/wizards/register",
            &[
                ("csrf", &csrf),
                ("not_occasional", "yes"),
                ("rationale", "Wij doen de salarisadministratie zelf."),
            ],
        )
        .await;
    assert_status(&res, 303, "save register wizard");
    let page = owner.get("/o/acme/profile/wizards/register").await;
    assert!(page.body.contains("Een verwerkingsregister is verplicht."));
    assert!(page.body.contains("Uw verwerking is niet incidenteel."));
    assert!(page.body.contains("Wij doen de salarisadministratie zelf."));

    let mut api = api_of(&env, &owner).await;
    let dpo = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/profile/wizards/dpo",
            json!({"rationale": "Bakkerij: geen grootschalige verwerking."}),
        )
        .await;
    assert_status(&dpo, 200, "dpo wizard");
    assert_eq!(dpo.json()["required"], false);
    assert_eq!(dpo.json()["reasons"], json!(["dpo_voluntary"]));
    assert_eq!(dpo.json()["assessed_on"], iso(today()));

    let got = api.get("/api/v1/orgs/acme/profile").await.json();
    assert_eq!(got["version"], 2);
    assert_eq!(got["register_verdict"]["required"], true);
    assert_eq!(
        got["register_verdict"]["reasons"],
        json!(["not_occasional"])
    );
    assert_eq!(
        got["register_verdict"]["rationale"],
        "Wij doen de salarisadministratie zelf."
    );
    assert_eq!(
        got["dpo_verdict"]["rationale"],
        "Bakkerij: geen grootschalige verwerking."
    );

    // Saving the profile's fields keeps the wizards' answers; 250 employees makes the register mandatory alone.
    let reg = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/profile/wizards/register",
            json!({"rationale": "Geen risico."}),
        )
        .await;
    assert_eq!(reg.json()["required"], false);
    assert_eq!(reg.json()["reasons"], json!(["exemption_applies"]));
    let put = api
        .json(
            Method::PUT,
            "/api/v1/orgs/acme/profile",
            json!({"employees": 300}),
        )
        .await
        .json();
    assert_eq!(put["register_verdict"]["required"], true);
    assert_eq!(put["register_verdict"]["reasons"], json!(["employees_250"]));
    assert_eq!(put["dpo_verdict"]["reasons"], json!(["dpo_voluntary"]));
}

#[tokio::test]
async fn a_review_is_signed_off_with_the_members_name_and_kept_as_evidence() {
    let (env, mut owner) = with_owner().await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let next_month = today() + time::Duration::days(30);
    let res = owner
        .post_form(
            "/o/acme/reviews/schedule",
            &[
                ("csrf", &csrf),
                ("scheduled_for", &iso(next_month)),
                ("interval_months", "6"),
            ],
        )
        .await;
    assert_status(&res, 303, "schedule");
    let past = owner
        .post_form(
            "/o/acme/reviews/schedule",
            &[("csrf", &csrf), ("scheduled_for", "2020-01-01")],
        )
        .await;
    assert_status(&past, 400, "a review in the past");
    let page = owner.get("/o/acme/reviews").await;
    assert!(
        page.body
            .contains("Het register is de afgelopen 12 maanden niet gecontroleerd.")
    );

    let res = owner
        .post_form(
            "/o/acme/reviews",
            &[
                ("csrf", &csrf),
                ("answer_activities_accurate", "yes"),
                ("note_activities_accurate", "Nieuwe kassa toegevoegd."),
                ("answer_agreements_current", "yes"),
                ("notes", "Jaarlijkse controle."),
            ],
        )
        .await;
    assert_status(&res, 303, "sign off");
    let page = owner.get("/o/acme/reviews").await;
    assert!(
        page.body.contains("afgetekend door Olga Owner"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Nieuwe kassa toegevoegd."));
    assert!(
        !page.body.contains("niet gecontroleerd"),
        "no longer overdue"
    );

    let owner_actor = session_actor(&env, &owner, "acme").await;
    assert_eq!(
        env.app.last_review_date(&owner_actor).await.expect("last"),
        Some(today())
    );
    let yesterday = today() - time::Duration::days(1);
    assert_eq!(
        env.app
            .last_review_date_as_of(&owner_actor, yesterday)
            .await
            .expect("as of"),
        None,
        "no review had been signed off yet then"
    );
    let events = actions(&env, &owner).await;
    assert!(events.contains(&"register.review.schedule".to_owned()));
    assert!(events.contains(&"register.review.sign_off".to_owned()));

    let mut api = api_of(&env, &owner).await;
    let got = api.get("/api/v1/orgs/acme/reviews").await;
    assert_status(&got, 200, "api reviews");
    let j = got.json();
    assert_eq!(j["interval_months"], 6);
    assert_eq!(j["overdue"], false);
    assert_eq!(j["last_review"], iso(today()));
    let first = &j["past"][0];
    assert_eq!(first["signed_off_by_name"], "Olga Owner");
    assert_eq!(first["signed_off_by"], owner_actor.user_id.as_str());
    assert_eq!(first["scheduled_for"], iso(next_month));
    assert_eq!(first["notes"], "Jaarlijkse controle.");
    let checklist = first["checklist"].as_array().expect("checklist");
    assert_eq!(checklist.len(), 8);
    assert!(
        checklist
            .iter()
            .any(|a| a["item"] == "activities_accurate" && a["yes"] == true)
    );
    assert!(
        checklist
            .iter()
            .any(|a| a["item"] == "staff_trained" && a["yes"] == false)
    );
    // The next review is scheduled after the interval.
    let due = kluis_domain::deadlines::add_months_clamped(today(), 6).expect("date");
    assert_eq!(j["scheduled_for"], iso(due));

    // Through the API, as a privacy officer: every item must be answered once.
    add_user(&env, "acme", "fg@example.com", Role::PrivacyOfficer).await;
    let mut fg = login(&env, "fg@example.com", OWNER_PASSWORD).await;
    let fg_actor = session_actor(&env, &fg, "acme").await;
    let (_, secret) = env
        .app
        .create_api_token(&fg_actor, "fg")
        .await
        .expect("token");
    let mut fg_api = Client::with_bearer(env.router.clone(), &secret);
    let partial = fg_api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/reviews",
            json!({"checklist": [{"item": "staff_trained", "yes": true}]}),
        )
        .await;
    assert_status(&partial, 422, "an incomplete checklist");
    let items = [
        "activities_accurate",
        "new_processing_added",
        "retention_honoured",
        "agreements_current",
        "statement_up_to_date",
        "breaches_documented",
        "staff_trained",
        "access_reviewed",
    ];
    let full: Vec<_> = items
        .iter()
        .map(|i| json!({"item": i, "yes": true}))
        .collect();
    let done = fg_api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/reviews",
            json!({"checklist": full, "notes": "Alles in orde."}),
        )
        .await;
    assert_status(&done, 201, "api sign off");
    assert_eq!(done.json()["signed_off_by_name"], "Test Person");
    let _ = fg.get("/o/acme/reviews").await;
    let list = api.get("/api/v1/orgs/acme/reviews").await.json();
    assert_eq!(list["past"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn staff_and_auditors_read_the_profile_but_cannot_change_it() {
    let (env, owner) = with_owner().await;
    let owner_actor = session_actor(&env, &owner, "acme").await;
    for role in [Role::Staff, Role::Auditor] {
        let email = format!("{}@example.com", role.as_str());
        add_user(&env, "acme", &email, role).await;
        let mut c = login(&env, &email, OWNER_PASSWORD).await;
        let csrf = csrf_of(&mut c, "acme").await;
        let before = audit_of_changes(&env, &owner_actor).await;
        for path in [
            "/o/acme/profile",
            "/o/acme/profile/wizards/dpo",
            "/o/acme/reviews",
        ] {
            let page = c.get(path).await;
            assert_status(&page, 200, path);
            assert!(
                !page.body.contains("type=\"submit\">Profiel opslaan"),
                "{path}"
            );
            assert!(!page.body.contains("Controle aftekenen"), "{path}");
        }
        for (path, fields) in [
            ("/o/acme/profile", vec![("legal_name", "Overgenomen BV")]),
            (
                "/o/acme/profile/wizards/register",
                vec![("likely_risk", "yes")],
            ),
            ("/o/acme/profile/wizards/dpo", vec![]),
            ("/o/acme/reviews", vec![("answer_staff_trained", "yes")]),
            (
                "/o/acme/reviews/schedule",
                vec![("scheduled_for", "2099-01-01")],
            ),
        ] {
            let mut f = fields.clone();
            f.push(("csrf", &csrf));
            let res = c.post_form(path, &f).await;
            assert_status(&res, 403, &format!("{path} as {role}"));
        }
        let actor = session_actor(&env, &c, "acme").await;
        let (_, secret) = env.app.create_api_token(&actor, "t").await.expect("token");
        let mut api = Client::with_bearer(env.router.clone(), &secret);
        assert_status(&api.get("/api/v1/orgs/acme/profile").await, 200, "api read");
        assert_status(
            &api.get("/api/v1/orgs/acme/reviews").await,
            200,
            "api reviews",
        );
        let put = api
            .json(
                Method::PUT,
                "/api/v1/orgs/acme/profile",
                json!({"legal_name": "X"}),
            )
            .await;
        assert_status(&put, 403, "api put as a reader");
        let after = audit_of_changes(&env, &owner_actor).await;
        let added: Vec<_> = after.iter().filter(|e| !before.contains(e)).collect();
        assert!(
            added.iter().all(|(_, a)| !a.starts_with("register.")),
            "refused changes appended {added:?}"
        );
    }
    let got = Client::with_bearer(env.router.clone(), &owner_token(&env, &owner).await)
        .get("/api/v1/orgs/acme/profile")
        .await;
    assert_eq!(got.json()["version"], 0, "nothing was saved");
}

#[tokio::test]
async fn the_profile_as_it_stood_on_a_date() {
    let (env, owner) = with_owner().await;
    let mut api = api_of(&env, &owner).await;
    let put = api
        .json(
            Method::PUT,
            "/api/v1/orgs/acme/profile",
            json!({"legal_name": "Jansen BV"}),
        )
        .await;
    assert_status(&put, 200, "save");
    let yesterday = iso(today() - time::Duration::days(1));
    let then = api
        .get(&format!("/api/v1/orgs/acme/profile?as_of={yesterday}"))
        .await;
    assert_status(&then, 200, "as of yesterday");
    assert_eq!(
        then.json()["profile"]["legal_name"],
        "",
        "no profile yet then"
    );
    let now = api
        .get(&format!("/api/v1/orgs/acme/profile?as_of={}", iso(today())))
        .await;
    assert_eq!(now.json()["profile"]["legal_name"], "Jansen BV");
    let bad = api.get("/api/v1/orgs/acme/profile?as_of=gisteren").await;
    assert_status(&bad, 422, "not a date");

    let actor = session_actor(&env, &owner, "acme").await;
    let past = env
        .app
        .profile_as_of(&actor, today() - time::Duration::days(1))
        .await
        .expect("as of");
    assert_eq!(past, None);

    let doc = kluis_web::openapi_json();
    for path in [
        "/api/v1/orgs/{org}/profile",
        "/api/v1/orgs/{org}/profile/wizards/register",
        "/api/v1/orgs/{org}/profile/wizards/dpo",
        "/api/v1/orgs/{org}/reviews",
        "/api/v1/orgs/{org}/reviews/schedule",
    ] {
        assert!(doc.contains(path), "OpenAPI documents {path}");
    }
}
