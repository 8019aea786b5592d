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
