//! The compliance module through HTTP: a document with a BSN makes the inventory hold a national-ID category
//! that no activity covers, and the compliance page, the dashboard and the API say so; the score is recorded.

use crate::client::Client;
use crate::documents::{run_jobs, upload_page};
use crate::helpers::*;
use kluis_app::Role;
use kluis_domain::register::compliance::RULES;
use kluis_domain::register::{CategoryNature, DataCategory};
use kluis_web::i18n::{Lang, catalogue};

const LETTER: &str =
    "Geachte heer Jansen,\n\nUw BSN is 111222333.\n\nMet vriendelijke groet,\nAcme BV\n";

fn bsn_key() -> &'static str {
    DataCategory::all()
        .find(|c| {
            c.nature == CategoryNature::NationalId
                && c.entity_types.contains(&kluis_app::EntityType::Bsn)
        })
        .map(|c| c.key())
        .expect("the vocabulary maps BSN findings to a national-ID category")
}

#[tokio::test]
async fn a_bsn_in_a_document_is_held_but_covered_by_no_activity() {
    let (env, mut owner) = with_owner().await;
    let before = owner.get("/o/acme/inventory").await;
    assert_status(&before, 200, "empty inventory");
    assert!(
        before
            .body
            .contains("Kluis heeft nog geen persoonsgegevens gevonden"),
        "{}",
        before.body
    );

    let up = upload_page(&mut owner, "acme", &[("brief.txt", LETTER)]).await;
    assert_status(&up, 303, "upload");
    run_jobs(&env).await;

    // The inventory page: the national-ID category, held in one document, with the gap.
    let inv = owner.get("/o/acme/inventory").await;
    assert_status(&inv, 200, "inventory");
    assert!(
        inv.body.contains("Nationaal identificatienummer"),
        "nature shown: {}",
        inv.body
    );
    assert!(
        inv.body.contains("Eén document"),
        "held in one document: {}",
        inv.body
    );
    assert!(
        inv.body
            .contains("Aanwezig, maar geen actieve verwerking dekt het"),
        "gap shown"
    );

    // The compliance page lists "held but no activity" for it, with its article and the link that fixes it.
    let page = owner.get("/o/acme/compliance").await;
    assert_status(&page, 200, "compliance page");
    assert!(
        page.body
            .contains("is gevonden in één document, maar geen actieve verwerking dekt het"),
        "not-covered finding: {}",
        page.body
    );
    assert!(page.body.contains("Art. 30(1)(c)"), "article shown");
    assert!(page.body.contains("href=\"/o/acme/inventory\""), "fix link");
    assert!(page.body.contains("id=\"sev-high\""), "grouped by severity");
    assert!(
        page.body.contains("U heeft deze persoonsgegevens"),
        "plain explanation"
    );

    // The dashboard: score, trend and the three things to do first (inventory first, as the step plan says).
    let dash = owner.get("/o/acme").await;
    assert_status(&dash, 200, "dashboard");
    assert!(dash.body.contains("data-score=\""), "score shown");
    assert!(dash.body.contains("van 100"), "score in words");
    let top = dash
        .body
        .split("class=\"top-three\"")
        .nth(1)
        .expect("top three");
    let first = top.split("</li>").next().unwrap_or_default();
    assert!(
        first.contains("Inventarisatie") && first.contains("/o/acme/inventory"),
        "inventory first: {first}"
    );

    // The API says the same.
    let token = owner_token(&env, &owner).await;
    let mut api = Client::with_bearer(env.router.clone(), &token);
    let inv = api.get("/api/v1/orgs/acme/inventory").await;
    assert_status(&inv, 200, "API inventory");
    let rows = inv.json()["rows"].as_array().cloned().unwrap_or_default();
    let row = rows
        .iter()
        .find(|r| r["category"] == bsn_key())
        .unwrap_or_else(|| panic!("BSN row in {rows:?}"));
    assert_eq!(row["nature"], "national_id");
    assert_eq!(row["held"], 1);
    assert_eq!(row["held_in"][0]["source"], "documents");
    assert_eq!(row["gaps"][0]["gap"], "not_covered");
    assert_eq!(row["activities"].as_array().map(Vec::len), Some(0));

    let rep = api.get("/api/v1/orgs/acme/compliance").await;
    assert_status(&rep, 200, "API compliance");
    let doc = rep.json();
    let findings = doc["findings"].as_array().cloned().unwrap_or_default();
    let nc = findings
        .iter()
        .find(|f| f["rule"] == "inventory.not_covered" && f["subject"]["key"] == bsn_key())
        .unwrap_or_else(|| panic!("not-covered finding in {findings:?}"));
    assert_eq!(nc["severity"], "high");
    assert_eq!(nc["article"], "Art. 30(1)(c)");
    assert_eq!(nc["fix_path"], "/o/acme/inventory");
    assert_eq!(nc["args"]["count"], "1");
    let score = doc["score"].as_u64().expect("score");
    assert!(score < 100, "findings lower the score");
    assert_eq!(doc["top_three"][0]["step"], "inventory");
    // Today's score is recorded once however often the report is computed.
    let trend = doc["trend"].as_array().cloned().unwrap_or_default();
    assert_eq!(trend.len(), 1, "one score per day: {trend:?}");
    assert_eq!(trend[0]["score"].as_u64(), Some(score));
}

#[tokio::test]
async fn an_auditor_reads_the_report_and_the_inventory() {
    let (env, mut owner) = with_owner().await;
    upload_page(&mut owner, "acme", &[("brief.txt", LETTER)]).await;
    run_jobs(&env).await;
    add_user(&env, "acme", "auditor@example.com", Role::Auditor).await;
    let mut auditor = login(&env, "auditor@example.com", OWNER_PASSWORD).await;
    let page = auditor.get("/o/acme/compliance").await;
    assert_status(&page, 200, "auditor reads the report");
    assert!(page.body.contains("maar geen actieve verwerking dekt het"));
    let inv = auditor.get("/o/acme/inventory").await;
    assert_status(&inv, 200, "auditor reads the inventory");
}

#[test]
fn every_rule_has_a_message_and_an_explanation_in_both_languages() {
    let mut rules: Vec<&str> = RULES.to_vec();
    rules.push("documents.unreadable");
    for lang in [Lang::Nl, Lang::En] {
        let cat = catalogue(lang);
        for rule in &rules {
            let key = format!("compliance-{}", rule.replace(['.', '_'], "-"));
            assert!(cat.contains_key(&key), "{key} missing in {}", lang.code());
            assert!(
                cat.contains_key(&format!("{key}-explain")),
                "{key}-explain missing in {}",
                lang.code()
            );
        }
    }
}
