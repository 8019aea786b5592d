//! `kluis requests access|erase`: the command line answers a person's request for automation, writing the
//! access bundle or performing the erasure and writing its report.

use crate::support::{Install, block_on, describe};
use kluis_app::{App, AppConfig, Origin, RelationInput, Role, StatusChange};
use kluis_domain::register::ActivityStatus;
use kluis_domain::relations::{Party, RelationField, RelationKind};

/// A customer with `email` in `acme`, made through the use cases on the installation's own database.
fn customer(install: &Install, email: &str) {
    let mut config = AppConfig::new(&install.data_dir);
    config.database_url = install.database_url.clone();
    block_on(async {
        let app = App::open(config).await.expect("open");
        let user = app
            .cli_add_user(
                "acme",
                "owner@example.com",
                "Olga",
                Role::Owner,
                "correct horse battery",
            )
            .await
            .expect("owner");
        let owner = app
            .actor(&user.id, "acme", &Origin::cli())
            .await
            .expect("actor");
        let a = app
            .create_register_activity(&owner, Some("customer_administration"), "Klanten", "")
            .await
            .expect("activity");
        app.set_register_activity_status(
            &owner,
            &a.activity.id.to_string(),
            StatusChange {
                status: ActivityStatus::Active,
                end_date: None,
                successor: None,
            },
        )
        .await
        .expect("active");
        app.create_relation(
            &owner,
            &RelationInput {
                party: Party::Person,
                kind: RelationKind::Customer,
                company: None,
                values: [
                    (RelationField::GivenName, "Kees".to_owned()),
                    (RelationField::Email, email.to_owned()),
                ]
                .into_iter()
                .collect(),
                tags: Default::default(),
            },
        )
        .await
        .expect("customer");
    });
}

#[test]
fn requests_access_writes_the_bundle_and_erase_writes_the_report() {
    let install = Install::new();
    install.ok(&["org", "add", "acme", "--name", "Acme BV", "--init"], "");
    customer(&install, "kees@example.com");
    let zip = install.root().join("access.zip");
    let out = install.ok(
        &[
            "requests",
            "access",
            "--org",
            "acme",
            "--email",
            "kees@example.com",
            "--output",
            zip.to_str().unwrap_or_default(),
        ],
        "",
    );
    assert!(out.contains("Access bundle written"), "{out}");
    let bytes = std::fs::read(&zip).expect("the bundle");
    assert!(bytes.starts_with(b"PK"), "a ZIP");
    assert!(bytes.windows(9).any(|w| w == b"data.json"));

    let report = install.root().join("erasure.json");
    let out = install.ok(
        &[
            "requests",
            "erase",
            "--org",
            "acme",
            "--email",
            "kees@example.com",
            "--output",
            report.to_str().unwrap_or_default(),
        ],
        "",
    );
    assert!(out.contains("Erased"), "{out}");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).expect("report")).expect("json");
    assert!(json["lines"].as_array().is_some_and(|l| {
        l.iter()
            .any(|x| x["item"] == "email" && x["verdict"] == "delete")
    }));
    // Nobody left with that address: a second erasure names the problem and writes nothing.
    let again = install.root().join("again.json");
    let out = install.run(
        &[
            "requests",
            "erase",
            "--org",
            "acme",
            "--email",
            "kees@example.com",
            "--output",
            again.to_str().unwrap_or_default(),
        ],
        "",
    );
    assert!(!out.status.success(), "{}", describe(&out));
    assert!(!again.exists());
    // An unknown organisation.
    let out = install.run(
        &[
            "requests",
            "access",
            "--org",
            "nobody",
            "--email",
            "kees@example.com",
            "--output",
            "x.zip",
        ],
        "",
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no organisation"),
        "{}",
        describe(&out)
    );
}
