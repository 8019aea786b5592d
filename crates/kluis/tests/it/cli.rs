//! The command line itself: help, configuration errors, start-up failures a user must understand.

use crate::support::{Install, describe};
use std::time::{Duration, Instant};

#[test]
fn help_lists_every_subcommand_and_global_option() {
    let install = Install::new();
    let out = install.run(&["--help"], "");
    assert!(out.status.success(), "{}", describe(&out));
    let help = String::from_utf8_lossy(&out.stdout);
    for word in [
        "serve", "migrate", "org", "user", "backup", "restore", "audit", "keys", "scan",
    ] {
        assert!(
            help.contains(&format!("\n  {word}")),
            "--help lacks `{word}`:\n{help}"
        );
    }
    for option in [
        "--data-dir",
        "--database-url",
        "--blobs",
        "--key-file",
        "--config",
    ] {
        assert!(help.contains(option), "--help lacks {option}:\n{help}");
    }
    assert!(
        !help.contains("extract-worker"),
        "the internal worker must stay hidden:\n{help}"
    );

    let serve = String::from_utf8_lossy(&install.run(&["serve", "--help"], "").stdout).into_owned();
    for option in ["--bind", "--secure-cookies", "127.0.0.1:8080"] {
        assert!(
            serve.contains(option),
            "serve --help lacks {option}:\n{serve}"
        );
    }
    let user_add =
        String::from_utf8_lossy(&install.run(&["user", "add", "--help"], "").stdout).into_owned();
    for option in ["--org", "--email", "--name", "--role", "--password-stdin"] {
        assert!(
            user_add.contains(option),
            "user add --help lacks {option}:\n{user_add}"
        );
    }
    assert!(
        !user_add.contains("--password "),
        "a password must never be a command-line value"
    );
}

#[test]
fn malformed_config_file_names_the_bad_key_and_the_file() {
    let install = Install::new();
    std::fs::create_dir_all(&install.data_dir).expect("data dir");
    let file = install.data_dir.join("kluis.toml");
    std::fs::write(&file, "bind = \"127.0.0.1:0\"\nsecure_cokies = true\n").expect("write config");
    let out = install.run(&["migrate"], "");
    assert!(
        !out.status.success(),
        "an unknown key must be rejected: {}",
        describe(&out)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("secure_cokies"),
        "error does not name the key: {err}"
    );
    assert!(
        err.contains(&file.display().to_string()),
        "error does not name the file: {err}"
    );

    // A value of the wrong type names its key too, also through --config.
    let other = install.root().join("other.toml");
    std::fs::write(&other, "session_ttl_minutes = \"forever\"\n").expect("write config");
    let out = install.run(
        &["--config", other.to_str().expect("utf-8 path"), "migrate"],
        "",
    );
    assert!(!out.status.success(), "{}", describe(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("session_ttl_minutes") && err.contains("other.toml"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn settings_precedence_file_then_env_then_flags() {
    let install = Install::new();
    std::fs::create_dir_all(&install.data_dir).expect("data dir");
    // The file asks for a port that is certainly not free; env and flag each override it in turn.
    let blocker = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let taken = blocker.local_addr().expect("addr").to_string();
    std::fs::write(
        install.data_dir.join("kluis.toml"),
        format!("bind = \"{taken}\"\n"),
    )
    .expect("config");

    let out = install.run(&["serve"], "");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&taken),
        "the file's bind address should apply: {err}"
    );

    let mut cmd = install.cmd();
    cmd.env("KLUIS_BIND", "127.0.0.1:0").arg("serve");
    let server = crate::support::Server::start(&mut cmd);
    assert!(
        !server.url.contains(&taken),
        "KLUIS_BIND must override the file"
    );
    drop(server);

    let mut cmd = install.cmd();
    cmd.env("KLUIS_BIND", &taken)
        .args(["serve", "--bind", "127.0.0.1:0"]);
    let server = crate::support::Server::start(&mut cmd);
    assert!(
        !server.url.contains(&taken),
        "--bind must override KLUIS_BIND"
    );
}

#[test]
fn unreachable_database_fails_fast_with_one_line() {
    let install = Install::new();
    let started = Instant::now();
    let out = crate::support::run_with_stdin(
        install.cmd_without_database().args([
            "--database-url",
            "postgres://nobody:hunter2pass@127.0.0.1:1/x",
            "migrate",
        ]),
        "",
    );
    let took = started.elapsed();
    assert!(!out.status.success(), "{}", describe(&out));
    assert!(took < Duration::from_secs(10), "took {took:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(
        lines.len(),
        1,
        "expected exactly one line on stderr, got:\n{err}"
    );
    assert!(err.contains("127.0.0.1:1"), "{err}");
    assert!(!err.contains("hunter2pass"), "the password leaked: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );

    // `serve` fails the same way instead of hanging.
    let out = crate::support::run_with_stdin(
        install.cmd_without_database().args([
            "--database-url",
            "postgres://nobody@127.0.0.1:1/x",
            "serve",
            "--bind",
            "127.0.0.1:0",
        ]),
        "",
    );
    assert!(!out.status.success(), "{}", describe(&out));
}

#[test]
fn encrypted_data_without_its_key_file_is_a_clear_error() {
    let install = Install::new();
    install.ok(&["org", "add", "acme", "--name", "Acme B.V.", "--init"], "");
    install.ok(
        &[
            "user",
            "add",
            "--org",
            "acme",
            "--email",
            "eva@acme.test",
            "--name",
            "Eva de Vries",
            "--role",
            "owner",
            "--password-stdin",
        ],
        "correct horse battery staple\n",
    );
    let key = std::fs::read_dir(&install.data_dir)
        .expect("data dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "key"))
        .expect("a key file in the data dir");
    std::fs::remove_file(&key).expect("remove key");

    let out = install.run(&["serve", "--bind", "127.0.0.1:0"], "");
    assert!(
        !out.status.success(),
        "must refuse to start without the key: {}",
        describe(&out)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.to_lowercase().contains("key"),
        "the error should mention the key file: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("Eva"), "no personal data in errors: {err}");
    // And it must not have replaced the lost key with a new one, which would hide the data for good.
    assert!(
        !key.exists(),
        "a new key file was created over the lost one"
    );
}

#[test]
fn upload_limit_and_api_rate_limit_come_from_the_configuration() {
    let install = Install::new();
    let serve = String::from_utf8_lossy(&install.run(&["serve", "--help"], "").stdout).into_owned();
    for option in [
        "--max-upload-bytes",
        "KLUIS_MAX_UPLOAD_BYTES",
        "--api-rate-limit-per-minute",
        "KLUIS_API_RATE_LIMIT_PER_MINUTE",
        "--api-rate-limit-burst",
    ] {
        assert!(
            serve.contains(option),
            "serve --help lacks {option}:\n{serve}"
        );
    }

    // The rate limit from the file, the upload limit from the environment.
    std::fs::create_dir_all(&install.data_dir).expect("data dir");
    std::fs::write(
        install.data_dir.join("kluis.toml"),
        "api_rate_limit_per_minute = 60\napi_rate_limit_burst = 2\n",
    )
    .expect("config");
    let mut cmd = install.cmd();
    cmd.env("KLUIS_MAX_UPLOAD_BYTES", (3 * 1024 * 1024).to_string())
        .args(["serve", "--bind", "127.0.0.1:0"]);
    let server = crate::support::Server::start(&mut cmd);
    let browser = crate::serve::setup_through_web(
        &server.url,
        "Bakkerij Jansen",
        "Anna de Vries",
        "anna@example.nl",
    );
    let upload = browser.get(&server.at("/o/bakkerij-jansen/documents/upload"));
    assert_eq!(upload.status, 200, "{}", upload.body);
    assert!(
        upload.body.contains("samen maximaal 3 MB"),
        "the configured upload limit is shown:\n{}",
        upload.body
    );

    let api = crate::support::Browser::new();
    let statuses: Vec<u16> = (0..3)
        .map(|_| api.get(&server.at("/api/v1/me")).status)
        .collect();
    assert_eq!(statuses, [401, 401, 429], "a burst of two, then 429");

    // A malformed value is named.
    let out = install
        .cmd()
        .env("KLUIS_MAX_UPLOAD_BYTES", "lots")
        .args(["serve", "--bind", "127.0.0.1:0"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("max-upload-bytes") || err.contains("max_upload_bytes"),
        "{err}"
    );
}
