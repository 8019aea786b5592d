//! DPIA through HTTP: a screening stores its outcome and sets the activity's DPIA status (register, history and
//! its JSON export show it), a DPIA started from an activity is pre-filled from the register, edited part by
//! part, refused validation with its blockers and then validated (the activity's DPIA done), versions, the round
//! trip of the CNIL tool's two real files through the API, and bad files refused naming the field with nothing
//! stored. The tool's files are read from ../shared (GPL: read in tests, never copied).

use crate::client::Client;
use crate::helpers::*;
use axum::http::Method;
use kluis_app::Role;
use serde_json::{Value, json};

fn cnil_file(name: &str) -> Vec<u8> {
    let dir = std::env::var_os("KLUIS_CNIL_PIA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/interop/cnil-pia")
        });
    std::fs::read(dir.join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}; lay ../shared beside the checkout"))
}

async fn owner_api(env: &Env, owner: &Client) -> Client {
    Client::with_bearer(env.router.clone(), &owner_token(env, owner).await)
}

/// An activity of `acme` from the starter template `template`; returns its id.
async fn activity(env: &Env, owner: &Client, template: &str, name: &str) -> String {
    let actor = session_actor(env, owner, "acme").await;
    env.app
        .create_register_activity(&actor, Some(template), name, "")
        .await
        .expect("activity")
        .activity
        .id
        .to_string()
}

async fn import(api: &mut Client, bytes: &[u8]) -> crate::client::Resp {
    api.send(
        Method::POST,
        "/api/v1/orgs/acme/dpias/import",
        Some("application/json"),
        String::from_utf8(bytes.to_vec()).expect("utf-8"),
        &[],
    )
    .await
}

async fn patch(api: &mut Client, id: &str, body: Value) -> Value {
    let res = api
        .json(
            Method::PATCH,
            &format!("/api/v1/orgs/acme/dpias/{id}"),
            body,
        )
        .await;
    assert_status(&res, 200, "patch a part");
    res.json()
}

#[tokio::test]
async fn screening_stores_the_outcome_and_the_register_shows_the_status() {
    let (env, mut owner) = with_owner().await;
    let mut api = owner_api(&env, &owner).await;
    let id = activity(&env, &owner, "camera_surveillance", "Camera's in de winkel").await;

    let form = api
        .get(&format!("/api/v1/orgs/acme/dpia-screenings/{id}"))
        .await;
    assert_status(&form, 200, "screening form");
    let form = form.json();
    assert_eq!(form["dpia_status"], "not_screened");
    assert!(
        form["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["item"] == "camera_surveillance"
                && s["evidence"]
                    .as_array()
                    .unwrap()
                    .contains(&json!("user.sensor.camera_images"))),
        "{form}"
    );
    // The page ticks the suggestion and says what suggests it.
    let page = owner.get(&format!("/o/acme/dpia/screening/{id}")).await;
    assert_status(&page, 200, "screening page");
    assert!(
        page.body
            .contains("name=\"nl_list\" value=\"camera_surveillance\" checked"),
        "the suggestion is ticked"
    );

    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/dpia-screenings/{id}"),
            json!({"nl_list": ["camera_surveillance"], "wp248": ["systematic_monitoring"]}),
        )
        .await;
    assert_status(&res, 201, "screen");
    assert_eq!(res.json()["record"]["outcome"]["outcome"], "required");
    // A justification next to a list item is refused, naming the field; nothing stored.
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/dpia-screenings/{id}"),
            json!({"nl_list": ["camera_surveillance"], "justification": "small shop"}),
        )
        .await;
    assert_status(&res, 422, "justification with a list item");
    assert!(
        res.json()["detail"]
            .as_str()
            .unwrap()
            .starts_with("justification")
    );

    let act = api
        .get(&format!("/api/v1/orgs/acme/register/activities/{id}"))
        .await
        .json();
    assert_eq!(act["activity"]["dpia"], "required", "{act}");
    // The reasons are kept on the activity in words, for the register and its exports.
    let rationale = act["activity"]["dpia_rationale"]
        .as_str()
        .unwrap_or_default();
    assert!(
        rationale.contains("camera") || rationale.contains("Camera"),
        "{act}"
    );
    let history = api
        .get(&format!(
            "/api/v1/orgs/acme/register/activities/{id}/history"
        ))
        .await;
    assert!(history.body.contains("\"dpia\""), "{}", history.body);
    // Only active activities are exported: activate it (the screening's status is kept).
    let actor = session_actor(&env, &owner, "acme").await;
    env.app
        .set_register_activity_status(
            &actor,
            &id,
            kluis_app::StatusChange {
                status: kluis_domain::register::ActivityStatus::Active,
                end_date: None,
                successor: None,
            },
        )
        .await
        .expect("active");
    let export = api
        .get("/api/v1/orgs/acme/register/export?format=json")
        .await;
    assert_status(&export, 200, "register JSON");
    assert!(
        export.body.contains("\"dpia\":\"required\"")
            || export.body.contains("\"dpia\": \"required\""),
        "the export shows the status"
    );
    assert!(
        export.body.contains(rationale),
        "the export shows the reasons"
    );
    let csv = api
        .get("/api/v1/orgs/acme/register/export?format=csv")
        .await;
    assert_status(&csv, 200, "register CSV");
    assert!(
        csv.body
            .contains(rationale.split(';').next().unwrap_or_default()),
        "{}",
        csv.body
    );
    let screenings = api
        .get(&format!("/api/v1/orgs/acme/dpia-screenings/{id}"))
        .await
        .json();
    assert_eq!(screenings["screenings"].as_array().unwrap().len(), 1);
    // The register's own rule reports the DPIA due; the module does not report it a second time.
    let actor = session_actor(&env, &owner, "acme").await;
    let findings = env.app.compliance_checks(&actor).await.expect("checks");
    assert!(
        !findings.iter().any(|f| f.id.starts_with("dpia.")),
        "{findings:?}"
    );
    let events = audit_of(&env, &actor).await;
    assert_eq!(
        events.iter().filter(|e| e.1 == "dpia.screen").count(),
        1,
        "one event for the screening, none for the refused one"
    );
}

#[tokio::test]
async fn a_dpia_from_an_activity_is_prefilled_edited_validated_and_versioned() {
    let (env, mut owner) = with_owner().await;
    let mut api = owner_api(&env, &owner).await;
    let id = activity(
        &env,
        &owner,
        "customer_administration",
        "Klantenadministratie",
    )
    .await;
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/dpia-screenings/{id}"),
            json!({"wp248": ["sensitive_data", "large_scale"]}),
        )
        .await;
    assert_status(&res, 201, "screen as required");

    let res = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/dpias",
            json!({"activity_id": id, "lang": "en"}),
        )
        .await;
    assert_status(&res, 201, "start");
    let v = res.json();
    let dpia_id = v["id"].as_str().unwrap().to_owned();
    let d = &v["dpia"];
    assert_eq!(d["title"], "Klantenadministratie");
    assert_eq!(d["activity"], json!(id));
    assert!(
        !d["principles"]["legal_basis"]["text"]
            .as_str()
            .unwrap()
            .is_empty(),
        "the register knows the legal basis: {d}"
    );
    assert!(
        !d["principles"]["purposes"]["text"]
            .as_str()
            .unwrap()
            .is_empty()
    );
    assert!(
        d["principles"]["consent"]["text"]
            .as_str()
            .unwrap()
            .is_empty()
    );

    // Validation is refused with the blockers.
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/dpias/{dpia_id}/validate"),
            json!({}),
        )
        .await;
    assert_status(&res, 422, "blocked");
    let detail = res.json()["detail"].as_str().unwrap().to_owned();
    assert!(
        detail.contains("dpo_opinion") && detail.contains("unestimated:risk.disappearance"),
        "{detail}"
    );

    // Every part evaluated, the risks estimated, both opinions.
    let acceptable = json!({"status": "acceptable", "comment": "", "action_plan": {"action": "", "owner": "", "due": null},
        "residual": {"severity": null, "likelihood": null}, "tool_progress": null});
    let mut points = vec!["context_overview".to_owned(), "context_data".to_owned()];
    for q in [
        "purposes",
        "legal_basis",
        "minimisation",
        "accuracy",
        "storage_duration",
        "information",
        "consent",
        "access_portability",
        "rectification_erasure",
        "restriction_objection",
        "processors",
        "transfers",
    ] {
        points.push(format!("principle.{q}"));
    }
    for k in [
        "illegitimate_access",
        "unwanted_modification",
        "disappearance",
    ] {
        points.push(format!("risk.{k}"));
        patch(&mut api, &dpia_id, json!({"part": "risk", "risk_kind": k, "risk": {
            "impacts": ["<b>worry</b>"], "threats": ["theft"], "sources": ["burglar"], "measures": ["Encryption"],
            "estimate": {"severity": 2, "likelihood": 1}, "severity_rationale": "", "likelihood_rationale": "",
            "evaluation": acceptable}})).await;
    }
    for p in &points {
        patch(
            &mut api,
            &dpia_id,
            json!({"part": "evaluation", "point": p, "evaluation": acceptable}),
        )
        .await;
    }
    // A gauge outside 1-4 is refused naming the field.
    let res = api
        .json(Method::PATCH, &format!("/api/v1/orgs/acme/dpias/{dpia_id}"), json!({"part": "risk",
            "risk_kind": "disappearance", "risk": {"impacts": [], "threats": [], "sources": [], "measures": [],
            "estimate": {"severity": 5, "likelihood": 1}, "severity_rationale": "", "likelihood_rationale": "",
            "evaluation": acceptable}}))
        .await;
    assert_status(&res, 422, "severity 5");
    assert!(res.json()["detail"].as_str().unwrap().starts_with("risk"));
    patch(&mut api, &dpia_id, json!({"part": "dpo", "dpo": {"names": "D. Pohl", "advice": "favourable", "opinion": "Fine."}})).await;
    patch(&mut api, &dpia_id, json!({"part": "people", "people": {"sought": false, "names": "", "advice": null,
        "opinion": "", "not_sought_reason": "Customers' views were not needed for an administration."}})).await;
    let v = patch(
        &mut api,
        &dpia_id,
        json!({"part": "review", "review_on": "2027-12-01", "prior_consultation": false}),
    )
    .await;
    assert_eq!(v["blockers"], json!([]), "{v}");

    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/dpias/{dpia_id}/validate"),
            json!({"signed": true}),
        )
        .await;
    assert_status(&res, 200, "validate");
    assert_eq!(
        res.json()["dpia"]["validation"]["status"],
        "signed_validated"
    );
    let act = api
        .get(&format!("/api/v1/orgs/acme/register/activities/{id}"))
        .await
        .json();
    assert_eq!(
        act["activity"]["dpia"], "done",
        "validation makes the activity's DPIA done"
    );

    let versions = api
        .get(&format!("/api/v1/orgs/acme/dpias/{dpia_id}/versions"))
        .await
        .json();
    let versions = versions.as_array().unwrap();
    assert_eq!(versions.len(), 1 + 3 + 17 + 3 + 1, "one version per save");
    assert_eq!(versions[0]["note"], "created");
    assert_eq!(versions.last().unwrap()["note"], "validated");

    // The page shows the sections, the answer escaped, and an earlier version as it was.
    let page = owner.get(&format!("/o/acme/dpia/{dpia_id}")).await;
    assert_status(&page, 200, "DPIA page");
    assert!(
        page.body
            .contains("legal basis of the processing (Art. 6, 9, 10)")
            || page.body.contains("grondslag van de verwerking")
    );
    assert!(
        page.body.contains("worry") && !page.body.contains("<b>worry</b>"),
        "shown as text"
    );
    let first = owner
        .get(&format!("/o/acme/dpia/{dpia_id}?version=1"))
        .await;
    assert_status(&first, 200, "version 1");
    assert!(
        !first.body.contains("worry"),
        "version 1 had no impacts yet"
    );

    // A change after validation puts it back in progress; the module then reports the missing validation.
    let v = patch(
        &mut api,
        &dpia_id,
        json!({"part": "answer", "question": "consent", "text": "No consent."}),
    )
    .await;
    assert_eq!(v["dpia"]["validation"]["status"], "in_progress");
    let actor = session_actor(&env, &owner, "acme").await;
    let findings = env.app.compliance_checks(&actor).await.expect("checks");
    assert!(
        findings.iter().any(|f| f.id == "dpia.not_validated"),
        "{findings:?}"
    );
}

#[tokio::test]
async fn both_cnil_files_survive_import_export_import_through_the_api() {
    let (env, owner) = with_owner().await;
    let mut api = owner_api(&env, &owner).await;
    for name in ["pia-example-2018.json", "pia-cypress-fixture.json"] {
        let res = import(&mut api, &cnil_file(name)).await;
        assert_status(&res, 201, name);
        let first = res.json();
        let id = first["dpia"]["id"].as_str().unwrap().to_owned();
        let export = api
            .get(&format!(
                "/api/v1/orgs/acme/dpias/{id}/export?format=cnil-pia"
            ))
            .await;
        assert_status(&export, 200, "export");
        assert!(
            export
                .header("content-disposition")
                .unwrap_or("")
                .contains("attachment")
        );
        let res = import(&mut api, &export.bytes).await;
        assert_status(&res, 201, "import the export");
        let second = res.json();
        let (mut a, mut b) = (
            first["dpia"]["dpia"].clone(),
            second["dpia"]["dpia"].clone(),
        );
        // Each import records its own version, and the export stamps the tool's bookkeeping where the file had
        // none (kluis_pia::STAMPED_PIA_FIELDS); everything else must be equal.
        for d in [&mut a, &mut b] {
            d["versions"] = json!(null);
        }
        let keys: Vec<Value> = a["foreign_fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f[0].clone())
            .collect();
        b["foreign_fields"] = json!(
            b["foreign_fields"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| keys.contains(&f[0])
                    || !kluis_pia::STAMPED_PIA_FIELDS
                        .iter()
                        .any(|s| f[0] == json!(format!("pia.{s}"))))
                .cloned()
                .collect::<Vec<_>>()
        );
        assert_eq!(a, b, "{name}");
        // The same remarks, on the entry's new place in the exported file.
        let problems = |v: &Value| -> Vec<String> {
            v["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| {
                    w.as_str()
                        .unwrap()
                        .split_once(": ")
                        .map(|x| x.1.to_owned())
                        .unwrap_or_default()
                })
                .collect()
        };
        assert_eq!(problems(&first), problems(&second), "{name}");
    }
    // The fixture's broken measure reference comes back as a warning naming the field.
    let res = import(&mut api, &cnil_file("pia-cypress-fixture.json")).await;
    assert!(
        res.json()["warnings"][0]
            .as_str()
            .unwrap()
            .starts_with("evaluations[14].reference_to")
    );
    // Imported answers are HTML: the page shows them as text.
    let raw: Value = serde_json::from_slice(&cnil_file("pia-example-2018.json")).unwrap();
    let html = raw["answers"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["data"]["text"].as_str())
        .find(|t| t.contains('<'))
        .expect("an answer with markup")
        .to_owned();
    let list = api.get("/api/v1/orgs/acme/dpias").await.json();
    let example = list
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["title"] == raw["pia"]["name"])
        .expect("the example")
        .clone();
    let mut owner = owner;
    let page = owner
        .get(&format!("/o/acme/dpia/{}", example["id"].as_str().unwrap()))
        .await;
    assert_status(&page, 200, "imported page");
    assert!(
        !page.body.contains(&html),
        "raw HTML from the file reached the page"
    );
}

#[tokio::test]
async fn bad_files_are_refused_naming_the_field_and_nothing_is_stored() {
    let (env, mut owner) = with_owner().await;
    let mut api = owner_api(&env, &owner).await;
    let actor = session_actor(&env, &owner, "acme").await;
    let before = audit_of(&env, &actor).await.len();
    let pia = |answers: Value| json!({"pia": {"name": "x"}, "answers": answers, "measures": [], "evaluations": [], "comments": []});
    for (body, field) in [
        (json!({"name": "a register", "activities": []}), "pia"),
        (
            pia(json!([{"reference_to": 999, "data": {"text": "?"}}])),
            "answers[0].reference_to",
        ),
        (
            pia(json!([{"reference_to": 325, "data": {"text": "", "gauge": 5}}])),
            "answers[0].data.gauge",
        ),
    ] {
        let res = import(&mut api, body.to_string().as_bytes()).await;
        assert_status(&res, 422, field);
        let detail = res.json()["detail"].as_str().unwrap().to_owned();
        assert!(detail.contains(field), "{field}: {detail}");
    }
    let res = import(&mut api, b"{\"pia\": ").await;
    assert_status(&res, 422, "truncated");
    assert_eq!(api.get("/api/v1/orgs/acme/dpias").await.json(), json!([]));
    assert_eq!(
        audit_of(&env, &actor).await.len(),
        before,
        "no event for a refused file"
    );

    // The page's upload says the same, with the field.
    let csrf = csrf_of(&mut owner, "acme").await;
    let boundary = "XdpiaX";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pia.json\"\r\nContent-Type: application/json\r\n\r\n{}\r\n--{boundary}--\r\n",
        pia(json!([{"reference_to": 325, "data": {"text": "", "gauge": 5}}]))
    );
    let res = owner
        .send(
            Method::POST,
            "/o/acme/dpia/import",
            Some(&format!("multipart/form-data; boundary={boundary}")),
            body,
            &[],
        )
        .await;
    assert_status(&res, 422, "page upload");
    assert!(res.body.contains("answers[0].data.gauge"), "{}", res.body);
    assert_eq!(api.get("/api/v1/orgs/acme/dpias").await.json(), json!([]));
}

#[tokio::test]
async fn reading_needs_read_and_changing_needs_manage_register() {
    let (env, owner) = with_owner().await;
    let mut api = owner_api(&env, &owner).await;
    let res = import(&mut api, &cnil_file("pia-example-2018.json")).await;
    let id = res.json()["dpia"]["id"].as_str().unwrap().to_owned();
    add_user(&env, "acme", "staff@example.com", Role::Staff).await;
    let mut staff = login(&env, "staff@example.com", OWNER_PASSWORD).await;
    assert_status(&staff.get("/o/acme/dpia").await, 200, "staff lists");
    let page = staff.get(&format!("/o/acme/dpia/{id}")).await;
    assert_status(&page, 200, "staff reads");
    assert!(
        page.body.contains("fieldset disabled"),
        "no forms for staff"
    );
    let csrf = csrf_of(&mut staff, "acme").await;
    let res = staff
        .post_form(
            &format!("/o/acme/dpia/{id}"),
            &[
                ("csrf", &csrf),
                ("part", "review"),
                ("review_on", "2030-01-01"),
            ],
        )
        .await;
    assert_status(&res, 403, "staff may not change");
    let res = staff.get(&format!("/o/acme/dpia/{id}/export")).await;
    assert_status(&res, 200, "staff may export");
}
