//! The register of processing activities through HTTP: the starter library, editing, activation refused while
//! fields are missing, ending with a successor, the history of changes, the register as it stood on a past date,
//! and who may change it (owner and privacy officer) and who only reads it (staff, auditor); pages and API.

use crate::client::{Client, Resp};
use crate::helpers::*;
use axum::http::Method;
use kluis_app::Role;
use kluis_domain::register::ActivityStatus;

/// The activity id in a redirect to its page (`/o/acme/register/activities/{id}?notice=…`).
fn activity_id_of(res: &Resp) -> String {
    let loc = res.location().expect("a redirect");
    let rest = loc
        .strip_prefix("/o/acme/register/activities/")
        .unwrap_or_else(|| panic!("redirect to an activity: {loc}"));
    rest.split(['?', '/']).next().unwrap_or_default().to_owned()
}

/// What a complete activity's form sends: purposes, people, data, a basis with its balancing test, one
/// retention rule for all categories.
fn complete_form<'a>(csrf: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("name", name),
        ("purposes", "essential.service"),
        ("purpose_description", "Beveiliging van het pand"),
        ("subjects", "customer"),
        ("subjects", "employee"),
        ("categories", "user.name"),
        ("lawful_basis", "legitimate_interests"),
        (
            "balancing_test",
            "Inbraakpreventie weegt zwaarder; beperkte opslag",
        ),
        ("collected_from_subject", "1"),
        ("other_recipients", "Politie\n\n  Verzekeraar  "),
        ("measures", "role_based_access"),
        ("retention-0-category", ""),
        ("retention-0-amount", "4"),
        ("retention-0-unit", "weeks"),
        ("retention-0-starts", "collection"),
        ("retention-0-action", "delete"),
        ("retention-0-reference", "AP: maximaal 4 weken"),
        ("retention-1-amount", ""),
        ("transfer-0-country", ""),
        ("dpia", "not_required"),
    ]
}

fn label(key: &str) -> [String; 2] {
    use kluis_web::i18n::{Lang, Tr};
    [
        Tr::new(Lang::Nl).t(key).to_owned(),
        Tr::new(Lang::En).t(key).to_owned(),
    ]
}

fn contains_either(body: &str, texts: &[String; 2]) -> bool {
    texts.iter().any(|t| body.contains(t.as_str()))
}

#[tokio::test]
async fn template_edit_activate_end_history_and_as_of_through_the_pages() {
    let (env, mut owner) = with_owner().await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let actor = session_actor(&env, &owner, "acme").await;

    let page = owner.get("/o/acme/register").await;
    assert_status(&page, 200, "register page");
    assert!(page.body.contains("/o/acme/register/library"));

    // The library offers each template as a one-click form.
    let lib = owner.get("/o/acme/register/library").await;
    assert_status(&lib, 200, "library");
    assert!(lib.body.contains("value=\"camera_surveillance\""));

    let res = owner
        .post_form(
            "/o/acme/register/activities",
            &[("csrf", &csrf), ("template", "camera_surveillance")],
        )
        .await;
    assert_status(&res, 303, "pick a template");
    assert!(
        res.location()
            .unwrap_or("")
            .ends_with("?notice=activity-created")
    );
    let id = activity_id_of(&res);
    let v = env.app.register_activity(&actor, &id).await.expect("draft");
    assert_eq!(v.activity.status, ActivityStatus::Draft);
    assert_eq!(v.activity.template.as_deref(), Some("camera_surveillance"));
    assert!(!v.activity.name.is_empty(), "the template names the draft");
    assert!(
        !v.activity.retention.is_empty(),
        "the template pre-fills retention"
    );
    let template_name = v.activity.name.clone();

    // A draft may be incomplete: saving it without data categories is accepted.
    let cleared = owner
        .post_form(
            &format!("/o/acme/register/activities/{id}"),
            &[("csrf", &csrf), ("name", "Cameratoezicht")],
        )
        .await;
    assert_status(&cleared, 303, "save an incomplete draft");
    // The draft's page lists what is missing; activating is refused and changes nothing.
    let detail = owner
        .get(&format!("/o/acme/register/activities/{id}"))
        .await;
    assert_status(&detail, 200, "activity page");
    assert!(contains_either(
        &detail.body,
        &label("activity-missing-heading")
    ));
    assert!(contains_either(
        &detail.body,
        &label("activity-field-categories")
    ));
    let refused = owner
        .post_form(
            &format!("/o/acme/register/activities/{id}/status"),
            &[("csrf", &csrf), ("status", "active")],
        )
        .await;
    assert_status(&refused, 303, "activate an incomplete draft");
    assert!(
        refused
            .location()
            .unwrap_or("")
            .contains("error=activity-incomplete"),
        "{:?}",
        refused.location()
    );
    let still = env.app.register_activity(&actor, &id).await.expect("draft");
    assert_eq!(still.activity.status, ActivityStatus::Draft);
    assert_eq!(still.version, 2);

    // Version 1 is backdated ten days, so the register of five days ago shows the template's draft.
    kluis_store::testing::execute_raw(
        env.app.store(),
        "UPDATE register_activity_versions SET at = at - 864000000 WHERE version = 1",
    )
    .await;

    let saved = owner
        .post_form(
            &format!("/o/acme/register/activities/{id}"),
            &complete_form(&csrf, "Cameratoezicht winkel"),
        )
        .await;
    assert_status(&saved, 303, "save the activity");
    let v = env.app.register_activity(&actor, &id).await.expect("saved");
    assert_eq!(v.activity.name, "Cameratoezicht winkel");
    assert_eq!(v.activity.other_recipients, vec!["Politie", "Verzekeraar"]);
    assert_eq!(v.activity.retention.len(), 1);
    assert_eq!(v.activity.retention[0].period.amount, 4);
    assert_eq!(v.activity.measures, vec!["role_based_access"]);

    let ok = owner
        .post_form(
            &format!("/o/acme/register/activities/{id}/status"),
            &[("csrf", &csrf), ("status", "active")],
        )
        .await;
    assert_status(&ok, 303, "activate");
    assert!(
        ok.location()
            .unwrap_or("")
            .contains("notice=activity-activated")
    );
    assert_eq!(
        env.app
            .register_activity(&actor, &id)
            .await
            .expect("a")
            .activity
            .status,
        ActivityStatus::Active
    );

    // An active activity is not deleted, and an edit cannot empty a required field.
    let del = owner
        .post_form(
            &format!("/o/acme/register/activities/{id}/delete"),
            &[("csrf", &csrf), ("confirm", "yes")],
        )
        .await;
    assert_status(&del, 409, "delete an active activity");
    let emptied = owner
        .post_form(
            &format!("/o/acme/register/activities/{id}"),
            &[("csrf", &csrf), ("name", "Cameratoezicht winkel")],
        )
        .await;
    assert_status(
        &emptied,
        400,
        "empty the required fields of an active activity",
    );

    // A successor, then the end.
    let res = owner
        .post_form(
            "/o/acme/register/activities",
            &[("csrf", &csrf), ("name", "Cameratoezicht nieuw")],
        )
        .await;
    assert_status(&res, 303, "blank draft");
    let successor = activity_id_of(&res);
    let ended = owner
        .post_form(
            &format!("/o/acme/register/activities/{id}/status"),
            &[
                ("csrf", &csrf),
                ("status", "ended"),
                ("end_date", "2026-06-30"),
                ("successor", &successor),
            ],
        )
        .await;
    assert_status(&ended, 303, "end");
    assert!(
        ended
            .location()
            .unwrap_or("")
            .contains("notice=activity-ended")
    );
    let v = env.app.register_activity(&actor, &id).await.expect("ended");
    assert_eq!(v.activity.status, ActivityStatus::Ended);
    assert_eq!(
        v.activity.successor.map(|s| s.to_string()),
        Some(successor.clone())
    );
    assert_eq!(
        v.activity.end_date.map(|d| d.to_string()).as_deref(),
        Some("2026-06-30")
    );
    let detail = owner
        .get(&format!("/o/acme/register/activities/{id}"))
        .await;
    assert!(
        detail
            .body
            .contains(&format!("/o/acme/register/activities/{successor}"))
    );

    // History: who, when, which fields, in words; never values.
    let history = env
        .app
        .register_activity_history(&actor, &id)
        .await
        .expect("history");
    assert_eq!(
        history.len(),
        5,
        "created, emptied, saved, activated, ended"
    );
    assert!(history[2].changed.contains(&"name".to_owned()));
    assert!(history[2].changed.contains(&"categories".to_owned()));
    assert_eq!(history[3].changed, vec!["status"]);
    assert!(history[4].changed.contains(&"end_date".to_owned()));
    assert!(history.iter().all(|h| h.actor == actor.user_id.as_str()));
    let page = owner
        .get(&format!("/o/acme/register/activities/{id}/history"))
        .await;
    assert_status(&page, 200, "history page");
    assert!(contains_either(
        &page.body,
        &label("activity-field-balancing-test")
    ));
    assert!(contains_either(
        &page.body,
        &label("activity-field-end-date")
    ));
    assert!(page.body.contains("Olga Owner"), "who, by name");
    assert!(
        !page.body.contains("Inbraakpreventie"),
        "no values in the history"
    );

    // The audit log names the fields, one event per change, never values.
    let events = audit_of(&env, &actor).await;
    let count = |a: &str| events.iter().filter(|(_, x)| x == a).count();
    assert_eq!(count("register.activity.create"), 2);
    assert_eq!(count("register.activity.update"), 2);
    assert_eq!(count("register.activity.status"), 2);

    // The register as of five days ago: the template's draft under its first name; as of yesterday the same;
    // today the ended activity under its new name.
    let today = time::OffsetDateTime::now_utc().date();
    let five_days_ago = today - time::Duration::days(5);
    let past = env
        .app
        .register_activities_as_of(&actor, Some(five_days_ago))
        .await
        .expect("as of");
    assert_eq!(past.len(), 1, "the successor did not exist then");
    assert_eq!(past[0].name, template_name);
    assert_eq!(past[0].status, ActivityStatus::Draft);
    let page = owner
        .get(&format!("/o/acme/register?as_of={five_days_ago}"))
        .await;
    assert_status(&page, 200, "as-of page");
    assert!(page.body.contains(&template_name));
    assert!(!page.body.contains("Cameratoezicht winkel"));
    assert!(
        !page.body.contains("action=\"/o/acme/register/activities\""),
        "the past is read-only"
    );
    let now = owner.get("/o/acme/register").await;
    assert!(now.body.contains("Cameratoezicht winkel"));
    assert!(now.body.contains("Cameratoezicht nieuw"));
    let ten_years_ago = today - time::Duration::days(3650);
    let empty = env
        .app
        .register_activities_as_of(&actor, Some(ten_years_ago))
        .await
        .expect("as of");
    assert!(empty.is_empty());

    // The status filter.
    let drafts = owner.get("/o/acme/register?status=draft").await;
    assert!(drafts.body.contains("Cameratoezicht nieuw"));
    assert!(!drafts.body.contains("Cameratoezicht winkel"));

    // A draft can be deleted, with its history.
    let del = owner
        .post_form(
            &format!("/o/acme/register/activities/{successor}/delete"),
            &[("csrf", &csrf), ("confirm", "yes")],
        )
        .await;
    assert_status(&del, 303, "delete a draft");
    assert!(env.app.register_activity(&actor, &successor).await.is_err());
}

#[tokio::test]
async fn staff_and_auditors_read_the_register_but_cannot_change_it() {
    let (env, mut owner) = with_owner().await;
    let owner_actor = session_actor(&env, &owner, "acme").await;
    let v = env
        .app
        .create_register_activity(&owner_actor, None, "Salarisadministratie", "")
        .await
        .expect("draft");
    let id = v.activity.id.to_string();
    let _ = csrf_of(&mut owner, "acme").await;
    for role in [Role::Staff, Role::Auditor] {
        let email = format!("{}@example.com", role.as_str());
        add_user(&env, "acme", &email, role).await;
        let mut c = login(&env, &email, OWNER_PASSWORD).await;
        let csrf = csrf_of(&mut c, "acme").await;
        let what = role.as_str();
        let list = c.get("/o/acme/register").await;
        assert_status(&list, 200, what);
        assert!(list.body.contains("Salarisadministratie"));
        assert!(!list.body.contains("/o/acme/register/library"), "{what}");
        let page = c.get(&format!("/o/acme/register/activities/{id}")).await;
        assert_status(&page, 200, what);
        assert!(page.body.contains("Salarisadministratie"));
        assert!(
            !page
                .body
                .contains("<form method=\"post\" action=\"/o/acme/register/activities/"),
            "{what}: no edit controls"
        );
        assert!(contains_either(&page.body, &label("activity-readonly")));
        let history = c
            .get(&format!("/o/acme/register/activities/{id}/history"))
            .await;
        assert_status(&history, 200, what);
        assert_status(&c.get("/o/acme/register/library").await, 403, what);
        for (path, fields) in [
            (
                "/o/acme/register/activities".to_owned(),
                vec![("csrf", csrf.as_str()), ("template", "camera_surveillance")],
            ),
            (
                format!("/o/acme/register/activities/{id}"),
                vec![("csrf", csrf.as_str()), ("name", "Overgenomen")],
            ),
            (
                format!("/o/acme/register/activities/{id}/status"),
                vec![("csrf", csrf.as_str()), ("status", "active")],
            ),
            (
                format!("/o/acme/register/activities/{id}/delete"),
                vec![("csrf", csrf.as_str()), ("confirm", "yes")],
            ),
        ] {
            let res = c.post_form(&path, &fields).await;
            assert_status(&res, 403, &format!("{what} POST {path}"));
        }
    }
    let after = env
        .app
        .register_activities(&owner_actor)
        .await
        .expect("list");
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].activity.name, "Salarisadministratie");
    assert_eq!(after[0].version, 1);
}

#[tokio::test]
async fn the_api_creates_edits_activates_ends_and_shows_history_and_the_past() {
    let (env, owner) = with_owner().await;
    let token = owner_token(&env, &owner).await;
    let mut api = Client::with_bearer(env.router.clone(), &token);
    let base = "/api/v1/orgs/acme/register/activities";

    let res = api
        .json(
            Method::POST,
            base,
            serde_json::json!({"template": "camera_surveillance"}),
        )
        .await;
    assert_status(&res, 201, "create from template");
    let created = res.json();
    let id = created["id"].as_str().expect("id").to_owned();
    assert_eq!(created["status"], "draft");
    assert_eq!(created["activity"]["template"], "camera_surveillance");

    // A draft may be incomplete: its categories emptied, it says what it lacks.
    let mut emptied_draft = created["activity"].clone();
    emptied_draft["categories"] = serde_json::json!([]);
    let res = api
        .json(Method::PUT, &format!("{base}/{id}"), emptied_draft)
        .await;
    assert_status(&res, 200, "save an incomplete draft");
    assert!(
        res.json()["missing_for_active"]
            .as_array()
            .expect("missing")
            .contains(&serde_json::json!("categories"))
    );

    let bad = api
        .json(Method::POST, base, serde_json::json!({"template": "nope"}))
        .await;
    assert_status(&bad, 422, "unknown template");

    // Activating an incomplete draft: 400 listing the missing fields.
    let refused = api
        .json(
            Method::POST,
            &format!("{base}/{id}/status"),
            serde_json::json!({"status": "active"}),
        )
        .await;
    assert_status(&refused, 400, "activate incomplete");
    assert_eq!(
        refused.header("content-type"),
        Some("application/problem+json")
    );
    let missing = refused.json()["missing"].clone();
    let missing: Vec<&str> = missing
        .as_array()
        .expect("missing list")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(missing.contains(&"categories"), "{missing:?}");
    assert!(
        !missing.contains(&"lawful_basis"),
        "the template sets the basis"
    );

    // Backdate the first version, then edit.
    kluis_store::testing::execute_raw(
        env.app.store(),
        "UPDATE register_activity_versions SET at = at - 864000000 WHERE version = 1",
    )
    .await;
    let mut body = created["activity"].clone();
    body["name"] = "Camera's".into();
    body["purposes"] = serde_json::json!(["essential.service"]);
    body["categories"] = serde_json::json!(["user.name"]);
    body["balancing_test"] = "Beveiliging weegt zwaarder".into();
    let res = api
        .json(Method::PUT, &format!("{base}/{id}"), body.clone())
        .await;
    assert_status(&res, 200, "update");
    assert_eq!(res.json()["version"], 3);
    assert_eq!(res.json()["missing_for_active"], serde_json::json!([]));

    let wrong = api
        .json(
            Method::PUT,
            &format!("{base}/{id}"),
            serde_json::json!({"categories": ["user.unknown"]}),
        )
        .await;
    assert_status(&wrong, 422, "unknown category");

    let res = api
        .json(
            Method::POST,
            &format!("{base}/{id}/status"),
            serde_json::json!({"status": "active"}),
        )
        .await;
    assert_status(&res, 200, "activate");
    assert_eq!(res.json()["status"], "active");

    // Emptying an active activity's categories is refused with the list.
    let mut emptied = body.clone();
    emptied["categories"] = serde_json::json!([]);
    let res = api
        .json(Method::PUT, &format!("{base}/{id}"), emptied)
        .await;
    assert_status(&res, 400, "empty an active activity");
    assert_eq!(res.json()["missing"], serde_json::json!(["categories"]));

    let res = api
        .json(
            Method::DELETE,
            &format!("{base}/{id}"),
            serde_json::json!({}),
        )
        .await;
    assert_status(&res, 409, "delete active");

    let res = api
        .json(Method::POST, base, serde_json::json!({"name": "Opvolger"}))
        .await;
    assert_status(&res, 201, "blank");
    let successor = res.json()["id"].as_str().expect("id").to_owned();
    let res = api
        .json(
            Method::POST,
            &format!("{base}/{id}/status"),
            serde_json::json!({"status": "ended"}),
        )
        .await;
    assert_status(&res, 400, "end without a date");
    assert_eq!(res.json()["missing"], serde_json::json!(["end_date"]));
    let res = api
        .json(
            Method::POST,
            &format!("{base}/{id}/status"),
            serde_json::json!({"status": "ended", "end_date": "2026-11-30", "successor": successor}),
        )
        .await;
    assert_status(&res, 200, "end");
    assert_eq!(res.json()["activity"]["successor"], successor.as_str());
    assert_eq!(res.json()["activity"]["end_date"], "2026-11-30");

    let res = api.get(&format!("{base}/{id}/history")).await;
    assert_status(&res, 200, "history");
    let versions = res.json()["versions"].as_array().expect("versions").clone();
    assert_eq!(versions.len(), 5);
    assert_eq!(versions[3]["changed"], serde_json::json!(["status"]));
    assert!(
        !res.body.contains("Beveiliging weegt"),
        "no values in the history"
    );

    let five_days_ago = time::OffsetDateTime::now_utc().date() - time::Duration::days(5);
    let res = api.get(&format!("{base}?as_of={five_days_ago}")).await;
    assert_status(&res, 200, "as of");
    let past = res.json()["activities"].as_array().expect("list").clone();
    assert_eq!(past.len(), 1);
    assert_eq!(past[0]["status"], "draft");
    assert_ne!(past[0]["activity"]["name"], "Camera's");
    let res = api.get(&format!("{base}?status=ended")).await;
    let now = res.json()["activities"].as_array().expect("list").clone();
    assert_eq!(now.len(), 1);
    assert_eq!(now[0]["activity"]["name"], "Camera's");
    assert_status(
        &api.get(&format!("{base}?as_of=gisteren")).await,
        422,
        "bad date",
    );

    let res = api
        .json(
            Method::DELETE,
            &format!("{base}/{successor}"),
            serde_json::json!({}),
        )
        .await;
    assert_status(&res, 204, "delete draft");
    assert_status(
        &api.get(&format!("{base}/{successor}")).await,
        404,
        "deleted",
    );
}

#[tokio::test]
async fn through_the_api_staff_and_auditors_read_and_are_refused_changes() {
    let (env, owner) = with_owner().await;
    let owner_actor = session_actor(&env, &owner, "acme").await;
    let id = env
        .app
        .create_register_activity(&owner_actor, None, "Personeelsdossier", "")
        .await
        .expect("draft")
        .activity
        .id
        .to_string();
    let base = "/api/v1/orgs/acme/register/activities";
    for role in [Role::Staff, Role::Auditor] {
        let user = add_user(
            &env,
            "acme",
            &format!("{}@example.com", role.as_str()),
            role,
        )
        .await;
        let actor = env.actor(&user, "acme").await;
        let (_, secret) = env.app.create_api_token(&actor, "t").await.expect("token");
        let mut api = Client::with_bearer(env.router.clone(), &secret);
        let what = role.as_str();
        let list = api.get(base).await;
        assert_status(&list, 200, what);
        assert_eq!(
            list.json()["activities"][0]["activity"]["name"],
            "Personeelsdossier"
        );
        assert_status(&api.get(&format!("{base}/{id}")).await, 200, what);
        assert_status(&api.get(&format!("{base}/{id}/history")).await, 200, what);
        for (m, path, body) in [
            (
                Method::POST,
                base.to_owned(),
                serde_json::json!({"name": "x"}),
            ),
            (
                Method::PUT,
                format!("{base}/{id}"),
                serde_json::json!({"name": "x"}),
            ),
            (
                Method::POST,
                format!("{base}/{id}/status"),
                serde_json::json!({"status": "active"}),
            ),
            (
                Method::DELETE,
                format!("{base}/{id}"),
                serde_json::json!({}),
            ),
        ] {
            let res = api.json(m.clone(), &path, body).await;
            assert_status(&res, 403, &format!("{what} {m} {path}"));
        }
    }
    let v = env
        .app
        .register_activity(&owner_actor, &id)
        .await
        .expect("unchanged");
    assert_eq!(v.version, 1);
}

#[tokio::test]
async fn saving_the_page_keeps_linked_recipients_it_does_not_show() {
    let (env, mut owner) = with_owner().await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let actor = session_actor(&env, &owner, "acme").await;
    let v = env
        .app
        .create_register_activity(&actor, None, "Nieuwsbrief", "")
        .await
        .expect("draft");
    let id = v.activity.id.to_string();
    let processor = env
        .app
        .create_recipient(
            &actor,
            &kluis_domain::register::Recipient {
                name: "Mailchimp".into(),
                ..Default::default()
            },
        )
        .await
        .expect("recipient")
        .recipient
        .id;
    // The activity page offers the register's recipients to link.
    let page = owner
        .get(&format!("/o/acme/register/activities/{id}"))
        .await;
    assert!(page.body.contains(&format!("value=\"{processor}\"")));
    let mut linked = v.activity.clone();
    linked.recipients = vec![processor];
    let mut unknown = v.activity.clone();
    unknown.recipients = vec![
        serde_json::from_value(serde_json::json!("7f0c5a52-33d1-4c1e-9a51-0d1f3b0c2a11"))
            .expect("uuid"),
    ];
    assert!(
        env.app
            .update_register_activity(&actor, &id, unknown)
            .await
            .is_err(),
        "only the register's own recipients can be linked"
    );
    env.app
        .update_register_activity(&actor, &id, linked)
        .await
        .expect("link");
    let res = owner
        .post_form(
            &format!("/o/acme/register/activities/{id}"),
            &[("csrf", &csrf), ("name", "Nieuwsbrief klanten")],
        )
        .await;
    assert_status(&res, 303, "save");
    let after = env.app.register_activity(&actor, &id).await.expect("a");
    assert_eq!(after.activity.name, "Nieuwsbrief klanten");
    assert_eq!(after.activity.recipients.len(), 1, "still linked");
    // With the multi-select on the form, what it sends is what holds.
    let res = owner
        .post_form(
            &format!("/o/acme/register/activities/{id}"),
            &[
                ("csrf", &csrf),
                ("name", "Nieuwsbrief klanten"),
                ("recipients_set", "1"),
            ],
        )
        .await;
    assert_status(&res, 303, "save without recipients");
    let after = env.app.register_activity(&actor, &id).await.expect("a");
    assert!(after.activity.recipients.is_empty());
    let processor = processor.to_string();
    let res = owner
        .post_form(
            &format!("/o/acme/register/activities/{id}"),
            &[
                ("csrf", &csrf),
                ("name", "Nieuwsbrief klanten"),
                ("recipients_set", "1"),
                ("recipients", &processor),
            ],
        )
        .await;
    assert_status(&res, 303, "link through the form");
    let after = env.app.register_activity(&actor, &id).await.expect("a");
    assert_eq!(
        after
            .activity
            .recipients
            .iter()
            .map(|r| r.to_string())
            .collect::<Vec<_>>(),
        vec![processor]
    );
}
