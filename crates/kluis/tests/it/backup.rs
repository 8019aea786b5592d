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

fn mode_of(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

/// What is in `dir` besides the key file: nothing, after a failed restore.
fn leftovers(dir: &std::path::Path) -> Vec<String> {
    match std::fs::read_dir(dir) {
        Err(_) => Vec::new(),
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != "kluis.key")
            .collect(),
    }
}

/// A backup cut off anywhere (or damaged) is refused with a clear message and leaves nothing behind, so that
/// restoring the good file into the same place then simply works. Backup file and restored database are 0600.
#[test]
fn a_damaged_backup_leaves_nothing_behind_and_the_good_one_then_restores() {
    let source = populated();
    let file = source.root().join("full.kluisbackup");
    source.ok(&["backup", file.to_str().expect("utf-8 path")], "");
    assert_eq!(mode_of(&file), 0o600, "the backup holds password hashes");
    let bytes = std::fs::read(&file).expect("read backup");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let line_starts: Vec<usize> = text.match_indices('\n').map(|(i, _)| i + 1).collect();
    let audit_line = text
        .lines()
        .find(|l| l.contains("\"audit_events\"") && l.contains("member.add"))
        .expect("an audit event in the backup")
        .to_owned();

    let target = source.another();
    std::fs::create_dir_all(&target.data_dir).expect("data dir");
    copy_key(&source, &target);
    let cuts = [
        ("empty file", 0),
        ("after the manifest", line_starts[0]),
        ("inside the rows", line_starts[line_starts.len() / 2] + 7),
        ("before the end marker", line_starts[line_starts.len() - 2]),
        ("inside the end marker", bytes.len() - 3),
    ];
    let damaged = source.root().join("damaged.kluisbackup");
    for (what, at) in cuts {
        std::fs::write(&damaged, &bytes[..at]).expect("write cut");
        let out = target.run(&["restore", damaged.to_str().expect("utf-8")], "");
        assert!(
            !out.status.success(),
            "{what}: accepted: {}",
            describe(&out)
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("backup") && (err.contains("incomplete") || err.contains("damaged")),
            "{what}: unclear message: {err}"
        );
        assert_eq!(
            leftovers(&target.data_dir),
            Vec::<String>::new(),
            "{what}: left behind"
        );
    }

    // An audit event altered inside the backup: the restored chain would not verify, so nothing is restored.
    let forged = text.replace(
        &audit_line,
        &audit_line.replace("member.add", "member.role"),
    );
    std::fs::write(&damaged, forged).expect("write forged");
    let out = target.run(&["restore", damaged.to_str().expect("utf-8")], "");
    assert!(
        !out.status.success(),
        "forged chain restored: {}",
        describe(&out)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("audit chain"),
        "{}",
        describe(&out)
    );
    assert_eq!(
        leftovers(&target.data_dir),
        Vec::<String>::new(),
        "forged: left behind"
    );

    target.ok(&["restore", file.to_str().expect("utf-8 path")], "");
    if target.database_url.is_none() {
        let db = target.sqlite_file();
        assert_eq!(
            mode_of(&db),
            0o600,
            "the restored database holds password hashes"
        );
    }
    target.ok(&["audit", "verify"], "");
}

/// A signed checkpoint taken with `kluis audit checkpoint` catches what a consistent but shortened chain hides.
#[test]
fn a_checkpoint_catches_a_chain_cut_back_together_with_its_head() {
    let install = populated();
    let cp = install.root().join("acme.checkpoint.json");
    let cp_arg = cp.to_str().expect("utf-8 path");
    install.ok(
        &["audit", "checkpoint", "--org", "acme", "--output", cp_arg],
        "",
    );
    let again = install.run(
        &["audit", "checkpoint", "--org", "acme", "--output", cp_arg],
        "",
    );
    assert!(!again.status.success(), "overwrote a checkpoint");
    install.ok(&["audit", "verify", "--checkpoint", cp_arg], "");

    let db = install.store();
    let org = db
        .run(|s| s.org_by_slug("acme"))
        .expect("query")
        .expect("org acme");
    db.run(|s| kluis_store::testing::truncate_audit_chain(s, &org.id, 2));
    drop(db);
    install.ok(&["audit", "verify"], "");
    let out = install.run(&["audit", "verify", "--checkpoint", cp_arg], "");
    assert!(
        !out.status.success(),
        "cut went unnoticed: {}",
        describe(&out)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("acme"),
        "{}",
        describe(&out)
    );

    // An edited checkpoint is refused, not believed.
    let edited = std::fs::read_to_string(&cp)
        .expect("checkpoint")
        .replace("\"seq\": ", "\"seq\": 1");
    std::fs::write(&cp, edited).expect("write");
    let out = install.run(&["audit", "verify", "--checkpoint", cp_arg], "");
    assert!(!out.status.success(), "{}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("signature"),
        "{}",
        describe(&out)
    );
}
