//! Whole-installation operations: backup and restore, audit verification against tampering, key rotation.

use crate::serve::{PASSWORD, login};
use crate::support::{Install, describe};

/// An installation with two organisations, three users and some audit history.
fn populated() -> Install {
    let install = Install::new();
    install.ok(
        &[
            "org",
            "add",
            "acme",
            "--name",
            "Acme Schoonmaak B.V.",
            "--init",
        ],
        "",
    );
    install.ok(
        &[
            "org",
            "add",
            "kapper-noor",
            "--name",
            "Kapsalon Noor",
            "--init",
        ],
        "",
    );
    for (org, email, name, role) in [
        ("acme", "eva@acme.test", "Eva de Vries", "owner"),
        ("acme", "piet@acme.test", "Piet Bakker", "staff"),
        ("kapper-noor", "noor@noor.test", "Noor El Amrani", "owner"),
    ] {
        install.ok(
            &[
                "user",
                "add",
                "--org",
                org,
                "--email",
                email,
                "--name",
                name,
                "--role",
                role,
                "--password-stdin",
            ],
            &format!("{PASSWORD}\n"),
        );
    }
    install
}

#[test]
fn backup_then_restore_into_an_empty_data_dir() {
    let source = populated();
    let file = source.root().join("acme.kluisbackup");
    source.ok(&["backup", file.to_str().expect("utf-8 path")], "");
    assert!(file.is_file(), "no backup file written");
    assert!(std::fs::metadata(&file).expect("backup").len() > 0);

    // E-mail addresses stay encrypted in the backup, and the key is never in it.
    let text = String::from_utf8_lossy(&std::fs::read(&file).expect("read backup")).into_owned();
    assert!(
        !text.contains("noor@noor.test"),
        "an e-mail address is readable in the backup file"
    );
    let key = std::fs::read_to_string(source.data_dir.join("kluis.key")).expect("key file");
    for secret in key
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().nth(1))
    {
        assert!(
            secret.len() < 12 || !text.contains(secret),
            "key material is in the backup file"
        );
    }

    let target = source.another();
    // Restoring needs the key file of the source installation.
    std::fs::create_dir_all(&target.data_dir).expect("data dir");
    copy_key(&source, &target);
    target.ok(&["restore", file.to_str().expect("utf-8 path")], "");
    // Restoring over a populated installation is refused, not merged.
    let again = target.run(&["restore", file.to_str().expect("utf-8 path")], "");
    assert!(
        !again.status.success(),
        "restore into a non-empty installation must fail: {}",
        describe(&again)
    );

    let verify = target.run(&["audit", "verify"], "");
    assert!(
        verify.status.success(),
        "restored audit chain is broken: {}",
        describe(&verify)
    );

    let server = target.serve();
    for (email, org) in [
        ("eva@acme.test", "Acme Schoonmaak B.V."),
        ("noor@noor.test", "Kapsalon Noor"),
    ] {
        let (_, landed) = login(&server.url, email, PASSWORD);
        assert_eq!(landed.status, 200, "{email}: {}", landed.body);
        assert!(
            landed.body.contains(org),
            "{email} should see {org}:\n{}",
            landed.body
        );
    }
    let (browser, _) = login(&server.url, "eva@acme.test", PASSWORD);
    let users = browser.get(&server.at("/o/acme/users"));
    assert!(
        users.body.contains("Piet Bakker"),
        "restored members are missing:\n{}",
        users.body
    );
}

/// Copies the key file of `from` to where `to` expects its own.
fn copy_key(from: &Install, to: &Install) {
    let key = std::fs::read_dir(&from.data_dir)
        .expect("data dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "key"))
        .expect("a key file in the source data dir");
    let name = key.file_name().expect("file name");
    std::fs::copy(&key, to.data_dir.join(name)).expect("copy key");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        to.data_dir.join(name),
        std::fs::Permissions::from_mode(0o600),
    )
    .expect("chmod");
}

#[test]
fn audit_verify_names_the_org_and_first_broken_seq() {
    let install = populated();
    let ok = install.run(&["audit", "verify"], "");
    assert!(ok.status.success(), "{}", describe(&ok));

    let db = install.store();
    let org = db
        .run(|s| s.org_by_slug("acme"))
        .expect("query")
        .expect("org acme");
    db.run(|s| kluis_store::testing::tamper_audit_event(s, &org.id, 2));
    drop(db);

    let out = install.run(&["audit", "verify"], "");
    assert!(
        !out.status.success(),
        "tampering went unnoticed: {}",
        describe(&out)
    );
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        all.contains("acme"),
        "the report should name the organisation: {all}"
    );
    assert!(
        all.contains("seq 2") || all.contains("seq=2") || all.contains("#2"),
        "the report should name seq 2: {all}"
    );
    assert!(
        !all.contains("kapper-noor") || all.contains("intact") || all.contains("ok"),
        "{all}"
    );
}

#[test]
fn keys_rotate_keeps_everything_readable() {
    let install = populated();
    install.ok(&["keys", "rotate"], "");
    install.ok(&["audit", "verify"], "");
    let server = install.serve();
    let (browser, landed) = login(&server.url, "eva@acme.test", PASSWORD);
    assert_eq!(landed.status, 200, "{}", landed.body);
    let users = browser.get(&server.at("/o/acme/users"));
    assert!(
        users.body.contains("Piet Bakker") && users.body.contains("piet@acme.test"),
        "{}",
        users.body
    );
    drop(server);
    // A second rotation works on already-rotated data.
    install.ok(&["keys", "rotate"], "");
    let server = install.serve();
    let (_, landed) = login(&server.url, "noor@noor.test", PASSWORD);
    assert!(landed.body.contains("Kapsalon Noor"), "{}", landed.body);
}
