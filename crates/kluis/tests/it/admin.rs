//! Administration from the command line: organisations, users, passwords, then logging in with them.

use crate::serve::login;
use crate::support::{Install, describe};

#[test]
fn org_add_user_add_passwd_then_login() {
    let install = Install::new();
    install.ok(&["migrate"], "");
    install.ok(
        &[
            "org",
            "add",
            "huisarts-de-boer",
            "--name",
            "Huisartsenpraktijk De Boer",
            "--init",
        ],
        "",
    );
    install.ok(
        &[
            "user",
            "add",
            "--org",
            "huisarts-de-boer",
            "--email",
            "anna@deboer.test",
            "--name",
            "Anna de Boer",
            "--role",
            "privacy_officer",
            "--password-stdin",
        ],
        "first password for anna\n",
    );

    // Errors a person can act on, not panics.
    let out = install.run(
        &[
            "user",
            "add",
            "--org",
            "no-such-org",
            "--email",
            "x@y.test",
            "--name",
            "X",
            "--role",
            "staff",
            "--password-stdin",
        ],
        "some password here\n",
    );
    assert!(!out.status.success(), "{}", describe(&out));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    let out = install.run(
        &[
            "user",
            "add",
            "--org",
            "huisarts-de-boer",
            "--email",
            "x@y.test",
            "--name",
            "X",
            "--role",
            "boss",
            "--password-stdin",
        ],
        "some password here\n",
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("privacy_officer"),
        "the error should list the roles"
    );
    // Without a terminal and without --password-stdin there is no way to ask: refuse.
    let out = install.run(&["user", "passwd", "anna@deboer.test"], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--password-stdin"));

    install.ok(
        &["user", "passwd", "anna@deboer.test", "--password-stdin"],
        "second password for anna\n",
    );

    let server = install.serve();
    let (_, old) = login(&server.url, "anna@deboer.test", "first password for anna");
    assert_eq!(old.status, 401, "the old password must no longer work");
    let (_, new) = login(&server.url, "anna@deboer.test", "second password for anna");
    assert_eq!(new.status, 200, "{}", new.body);
    assert!(
        new.body.contains("Huisartsenpraktijk De Boer"),
        "{}",
        new.body
    );
}

/// A consultant's commands: `org add` outside an installation refuses instead of making a new key, `user add`
/// for an existing account asks for no password, and `token create` prints a working API token once.
#[test]
fn org_add_needs_an_installation_user_add_reuses_accounts_token_create() {
    let install = Install::new();
    let out = install.run(&["org", "add", "acme", "--name", "Acme B.V."], "");
    assert!(!out.status.success(), "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--init"), "{stderr}");
    assert!(
        stderr.contains(&install.data_dir.display().to_string()),
        "names the data directory: {stderr}"
    );
    assert!(
        !install.data_dir.join("kluis.key").exists(),
        "no key may be created without --init"
    );

    let out = install.run(&["org", "add", "acme", "--name", "Acme B.V.", "--init"], "");
    assert!(out.status.success(), "{}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&install.data_dir.display().to_string()),
        "says which data directory was used: {}",
        describe(&out)
    );
    let out = install.run(&["org", "add", "beta", "--name", "Beta"], "");
    assert!(out.status.success(), "{}", describe(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Using data directory"));

    install.ok(
        &[
            "user",
            "add",
            "--org",
            "acme",
            "--email",
            "anna@acme.test",
            "--name",
            "Anna",
            "--role",
            "owner",
            "--password-stdin",
        ],
        "first password for anna\n",
    );
    // No terminal and no --password-stdin: asking for a password would fail, so this proves none is asked.
    install.ok(
        &[
            "user",
            "add",
            "--org",
            "beta",
            "--email",
            "anna@acme.test",
            "--name",
            "Anna",
            "--role",
            "staff",
        ],
        "",
    );

    let out = install.run(
        &[
            "token",
            "create",
            "--org",
            "beta",
            "--email",
            "nobody@acme.test",
            "--name",
            "script",
        ],
        "",
    );
    assert!(!out.status.success(), "only members get tokens");
    let token = install.ok(
        &[
            "token",
            "create",
            "--org",
            "beta",
            "--email",
            "anna@acme.test",
            "--name",
            "backup script",
        ],
        "",
    );
    let token = token.trim();
    assert!(token.len() >= 20 && !token.contains(' '), "{token}");

    let server = install.serve();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut resp = agent
        .get(&format!("{}api/v1/me", server.url))
        .header("Authorization", &format!("Bearer {token}"))
        .call()
        .expect("GET /api/v1/me");
    assert_eq!(resp.status().as_u16(), 200);
    let body = resp.body_mut().read_to_string().unwrap_or_default();
    assert!(body.contains("beta") && body.contains("staff"), "{body}");
    let (_, landed) = login(&server.url, "anna@acme.test", "first password for anna");
    assert_eq!(landed.status, 200, "the first password still works");
}
