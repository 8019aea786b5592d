//! The register end to end: an activity from the starter library, the profile, the privacy statement published
//! from them (and its public page), register exports in every format, and compliance findings that disappear as
//! their gaps are fixed.

use crate::client::Client;
use crate::helpers::*;
use axum::http::Method;
use kluis_app::Role;
use serde_json::json;

/// The rule keys of the current compliance findings, through the API.
async fn finding_ids(api: &mut Client) -> Vec<String> {
    let r = api.get("/api/v1/orgs/acme/compliance").await;
    assert_status(&r, 200, "compliance");
    r.json()["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| f["rule"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Checks that `r` is a PDF named `file` (version and language only, nothing of the organisation) and returns
/// its bytes.
fn assert_pdf(r: &crate::client::Resp, file: &str) -> Vec<u8> {
    assert_status(r, 200, file);
    assert_eq!(r.header("content-type"), Some("application/pdf"), "{file}");
    let disposition = r.header("content-disposition").unwrap_or("");
    assert!(
        disposition.contains(&format!("filename=\"{file}\"")),
        "{file}: {disposition}"
    );
    assert!(r.bytes.starts_with(b"%PDF-"), "{file} is not a PDF");
    r.bytes.clone()
}

#[tokio::test]
async fn statement_exports_and_findings_follow_the_register() {
    let (env, mut owner) = with_owner().await;
    let token = owner_token(&env, &owner).await;
    let mut api = Client::with_bearer(env.router.clone(), &token);

    // An empty register: nothing to export, the statement lists what is missing, the check says so too.
    let empty = api
        .get("/api/v1/orgs/acme/register/export?format=pdf")
        .await;
    assert_status(&empty, 422, "export of an empty register");
    let st = api.get("/api/v1/orgs/acme/statement").await.json();
    assert_eq!(st["ready"], false);
    let missing: Vec<&str> = st["missing"]
        .as_array()
        .map(|a| a.iter().filter_map(|m| m["item"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        missing.contains(&"controller_identity") && missing.contains(&"supervisory_authority"),
        "{missing:?}"
    );
    let refused = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/statement/publish",
            json!({}),
        )
        .await;
    assert_status(&refused, 422, "publish an incomplete statement");
    let page = owner.get("/o/acme/statement").await;
    assert_status(&page, 200, "statement page");
    assert!(
        page.body
            .contains("Naam van de verwerkingsverantwoordelijke")
    );
    assert!(
        finding_ids(&mut api)
            .await
            .contains(&"statement.missing".to_owned())
    );
    assert_status(
        &owner.get("/p/acme/privacy").await,
        404,
        "nothing published",
    );

    // A profile and one activity from the starter library, activated.
    let profile = api
        .json(
            Method::PUT,
            "/api/v1/orgs/acme/profile",
            json!({
                "legal_name": "Bakkerij De Korenschoof B.V.", "address": "Dorpsstraat 1, 1234 AB Ergens",
                "email": "privacy@korenschoof.example", "phone": "", "website": "",
                "registration_number": "12345678", "jurisdiction": "nl", "employees": 6,
                "representative": "", "joint_controllers": "",
                "dpo": {"appointed": false, "name": "", "email": "", "phone": ""}
            }),
        )
        .await;
    assert_status(&profile, 200, "profile");
    let created = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/register/activities",
            json!({"template": "customer_administration"}),
        )
        .await;
    assert_status(&created, 201, "activity from a template");
    let id = created.json()["id"].as_str().unwrap_or_default().to_owned();
    let name = created.json()["name"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let active = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/register/activities/{id}/status"),
            json!({"status": "active"}),
        )
        .await;
    assert_status(&active, 200, "activate the template's activity");

    // Every export format, audited.
    for (format, ctype) in [
        ("pdf", "application/pdf"),
        ("xlsx", "spreadsheetml"),
        ("csv", "text/csv"),
        ("json", "application/json"),
        ("dpv-ttl", "text/turtle"),
        ("dpv-jsonld", "application/ld+json"),
        ("fideslang", "yaml"),
    ] {
        let x = api
            .get(&format!(
                "/api/v1/orgs/acme/register/export?format={format}&lang=en"
            ))
            .await;
        assert_status(&x, 200, format);
        assert!(
            x.header("content-type").unwrap_or("").contains(ctype),
            "{format}: {:?}",
            x.header("content-type")
        );
        assert!(
            x.header("content-disposition")
                .unwrap_or("")
                .contains("attachment"),
            "{format} is a download"
        );
    }
    let csv = api
        .get("/api/v1/orgs/acme/register/export?format=csv")
        .await;
    assert!(csv.body.contains(&name), "the CSV lists the activity");
    assert_status(
        &api.get("/api/v1/orgs/acme/register/export?format=docx")
            .await,
        422,
        "unknown format",
    );
    let actor = session_actor(&env, &owner, "acme").await;
    let exports = audit_of(&env, &actor)
        .await
        .iter()
        .filter(|(_, a)| a == "register.export")
        .count();
    assert_eq!(exports, 8, "every export is in the audit log");

    // Staff read the register and export it from the page, but do not publish the statement.
    add_user(&env, "acme", "staff@example.com", Role::Staff).await;
    let mut staff = login(&env, "staff@example.com", OWNER_PASSWORD).await;
    let csrf = csrf_of(&mut staff, "acme").await;
    let pdf = staff
        .post_form(
            "/o/acme/register/export",
            &[
                ("csrf", &csrf),
                ("format", "pdf"),
                ("lang", "nl"),
                ("as_of", ""),
            ],
        )
        .await;
    assert_status(&pdf, 200, "staff export the register PDF");
    assert!(pdf.body.starts_with("%PDF"), "a PDF");
    let denied = staff
        .post_form("/o/acme/statement/publish", &[("csrf", &csrf)])
        .await;
    assert_status(&denied, 403, "staff cannot publish");

    // The statement can be published now: page, public page in both languages, Markdown, versions kept.
    let st = api.get("/api/v1/orgs/acme/statement").await.json();
    assert_eq!(st["ready"], true, "{st}");
    let csrf = csrf_of(&mut owner, "acme").await;
    let published = owner
        .post_form("/o/acme/statement/publish", &[("csrf", &csrf)])
        .await;
    assert_status(&published, 303, "publish");
    let public = owner.get("/p/acme/privacy?lang=nl").await;
    assert_status(&public, 200, "public statement");
    for text in [
        "Privacyverklaring van Bakkerij De Korenschoof B.V.",
        &name,
        "Autoriteit Persoonsgegevens",
        "Versie 1",
    ] {
        assert!(public.body.contains(text), "public page lacks {text}");
    }
    assert!(
        public.header("x-frame-options").is_none()
            && public
                .header("content-security-policy")
                .unwrap_or("")
                .contains("frame-ancestors *"),
        "the public statement may be embedded"
    );
    let en = owner.get("/p/acme/privacy?lang=en").await;
    assert!(
        en.body
            .contains("Privacy statement of Bakkerij De Korenschoof B.V.")
    );
    let md = owner.get("/p/acme/privacy/1?format=markdown").await;
    assert!(md.body.starts_with("# Privacyverklaring"), "{}", md.body);
    // The PDF of the published text, in both languages, publicly (no login) and on the organisation's pages.
    let mut anonymous = Client::new(env.router.clone());
    let public_v1_nl = assert_pdf(
        &anonymous.get("/p/acme/privacy?lang=nl&format=pdf").await,
        "privacy-statement-v1-nl.pdf",
    );
    let public_v1_en = assert_pdf(
        &anonymous.get("/p/acme/privacy/1?lang=en&format=pdf").await,
        "privacy-statement-v1-en.pdf",
    );
    assert_ne!(public_v1_nl, public_v1_en, "each language has its own PDF");
    let version_page = staff.get("/o/acme/statement/versions/1?lang=en").await;
    assert!(
        version_page
            .body
            .contains("href=\"/o/acme/statement/versions/1?lang=en&#38;format=pdf\""),
        "the version page links its PDF: {}",
        version_page.body
    );
    assert_pdf(
        &staff
            .get("/o/acme/statement/versions/1?lang=en&format=pdf")
            .await,
        "privacy-statement-v1-en.pdf",
    );
    let to_login = anonymous
        .get("/o/acme/statement/versions/1?format=pdf")
        .await;
    assert!(
        to_login.status.is_redirection() && !to_login.bytes.starts_with(b"%PDF"),
        "the organisation's pages need a login: {}",
        to_login.status
    );
    let second = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/statement/publish",
            json!({}),
        )
        .await;
    assert_status(&second, 201, "publish version 2");
    assert_eq!(second.json()["version"], 2);
    let v1 = api
        .get("/api/v1/orgs/acme/statement/versions/1?lang=en")
        .await;
    assert_status(&v1, 200, "version 1 stays retrievable");
    assert!(
        v1.json()["html"]
            .as_str()
            .unwrap_or("")
            .contains("Version 1")
    );
    assert_status(
        &owner.get("/p/nobody/privacy").await,
        404,
        "unknown organisation",
    );
    // Version 1 stays retrievable as PDF as it was published; version 2 is another document.
    assert_eq!(
        assert_pdf(
            &anonymous.get("/p/acme/privacy/1?lang=nl&format=pdf").await,
            "privacy-statement-v1-nl.pdf",
        ),
        public_v1_nl,
        "an old version's PDF does not change"
    );
    let v2 = assert_pdf(
        &anonymous.get("/p/acme/privacy?lang=nl&format=pdf").await,
        "privacy-statement-v2-nl.pdf",
    );
    assert_ne!(v2, public_v1_nl, "the newest version is version 2");
    for lang in ["nl", "en"] {
        assert_pdf(
            &api.get(&format!(
                "/api/v1/orgs/acme/statement/versions/1/pdf?lang={lang}"
            ))
            .await,
            &format!("privacy-statement-v1-{lang}.pdf"),
        );
    }
    for path in [
        "/p/acme/privacy/99?format=pdf",
        "/p/nobody/privacy?format=pdf",
    ] {
        assert_status(&anonymous.get(path).await, 404, path);
    }
    let path = "/o/acme/statement/versions/99?format=pdf";
    assert_status(&staff.get(path).await, 404, path);
    for path in [
        "/api/v1/orgs/acme/statement/versions/99/pdf",
        "/api/v1/orgs/acme/statement/versions/1/pdf?lang=xx",
    ] {
        assert_status(&api.get(path).await, 404, path);
    }

    // The auditor pack holds the register, both statement versions, the report and the audit chain's proof,
    // each file listed with its SHA-256; staff may not take it (it holds the audit verification).
    let pack = api.get("/api/v1/orgs/acme/auditor-pack").await;
    assert_status(&pack, 200, "auditor pack");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(pack.bytes.clone())).expect("a ZIP");
    let names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    for want in [
        "statements/privacy-statement-v1-nl.html",
        "statements/privacy-statement-v1-nl.pdf",
        "statements/privacy-statement-v2-en.md",
        "statements/privacy-statement-v2-en.pdf",
        "recipients.json",
        "compliance-report.json",
        "audit/verification.json",
        "audit/checkpoint.json",
        "SHA256SUMS",
    ] {
        assert!(
            names.iter().any(|n| n == want),
            "pack lacks {want}: {names:?}"
        );
    }
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("register/") && n.ends_with(".pdf")),
        "{names:?}"
    );
    let mut sums = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("SHA256SUMS").expect("manifest"), &mut sums)
        .expect("text");
    for line in sums.lines() {
        let (hash, name) = line.split_once("  ").expect("sha256sum format");
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(name).expect("listed file"), &mut bytes)
            .expect("read");
        use sha2::Digest as _;
        assert_eq!(hash, hex::encode(sha2::Sha256::digest(&bytes)), "{name}");
    }
    assert_eq!(
        sums.lines().count() + 1,
        names.len(),
        "every file is listed"
    );
    let mut verification = String::new();
    std::io::Read::read_to_string(
        &mut zip
            .by_name("audit/verification.json")
            .expect("verification"),
        &mut verification,
    )
    .expect("text");
    assert!(verification.contains("\"intact\": true"), "{verification}");
    let staff_csrf = csrf_of(&mut staff, "acme").await;
    let staff_pack = staff
        .post_form("/o/acme/reviews/auditor-pack", &[("csrf", &staff_csrf)])
        .await;
    assert_status(&staff_pack, 403, "staff cannot take the auditor pack");

    // The statement finding is gone; the register's own findings remain for what is still open.
    let ids = finding_ids(&mut api).await;
    assert!(!ids.contains(&"statement.missing".to_owned()), "{ids:?}");
    assert!(!ids.contains(&"statement.outdated".to_owned()), "{ids:?}");
}

#[tokio::test]
async fn a_consultant_sees_every_organisation_in_the_portfolio() {
    let (env, mut owner) = with_owner().await;
    let form = owner.get("/orgs/new").await;
    let made = owner
        .post_form(
            "/orgs/new",
            &[
                ("csrf", &form.csrf()),
                ("org_name", "Installatiebedrijf Vos"),
                ("slug", "vos"),
            ],
        )
        .await;
    assert_status(&made, 303, "second organisation");
    // A staff member of one organisation only reads there; the portfolio shows what each role may see.
    add_user(&env, "vos", "staff@example.com", Role::Staff).await;

    let page = owner.get("/portfolio").await;
    assert_status(&page, 200, "portfolio");
    for text in [
        "Installatiebedrijf Vos",
        "href=\"/o/vos\"",
        "href=\"/o/acme\"",
        "Score",
    ] {
        assert!(page.body.contains(text), "portfolio lacks {text}");
    }
    // Each organisation has findings (nothing published, never reviewed): the counts are numbers, not dashes.
    let rows = page.body.matches("<tr><th scope=\"row\">").count();
    assert_eq!(rows, 2, "one row per organisation");
    assert!(page.body.contains("achterstallig"), "reviews are overdue");
    let dash = owner.get("/o/acme").await;
    assert!(
        dash.body.contains("href=\"/portfolio\""),
        "the header links to it"
    );

    let mut anonymous = Client::new(env.router.clone());
    let out = anonymous.get("/portfolio").await;
    assert!(
        out.status == 303 || out.status == 401,
        "login required: {}",
        out.status
    );
}
