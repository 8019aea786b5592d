//! Letters sent to a real SMTP server on loopback (aiosmtpd from PyPI, in the virtualenv `cargo xtask test`
//! makes: `KLUIS_VALIDATORS_VENV`), read back from the mailbox it writes; without it these tests say so and pass,
//! unless `KLUIS_REQUIRE_VALIDATORS` is set. And what a letter becomes without a server.

use kluis_mail::{Delivery, Letter, MailError, Mailer, SmtpConfig};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// aiosmtpd listening on a free loopback port, writing every message it accepts into a maildir.
struct SmtpServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SmtpServer {
    fn start(test: &str) -> Option<SmtpServer> {
        let python = std::env::var_os("KLUIS_VALIDATORS_VENV")
            .map(|v| PathBuf::from(v).join("bin/python"))
            .filter(|p| p.is_file());
        let Some(python) = python else {
            let required = std::env::var("KLUIS_REQUIRE_VALIDATORS").is_ok_and(|v| v == "1");
            assert!(
                !required,
                "{test}: KLUIS_REQUIRE_VALIDATORS=1 but KLUIS_VALIDATORS_VENV holds no python with aiosmtpd"
            );
            eprintln!(
                "{test}: skipped: set KLUIS_VALIDATORS_VENV (cargo xtask test makes one with aiosmtpd)"
            );
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let dir = tempfile::tempdir().expect("temp dir");
        let maildir = dir.path().join("mail");
        let child = Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "aiosmtpd did not listen within 20 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(SmtpServer {
            child,
            port,
            maildir,
            _dir: dir,
        })
    }

    /// Every message in the mailbox, as text.
    fn received(&self) -> Vec<String> {
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.maildir.join(sub)) else {
                continue;
            };
            for e in entries.flatten() {
                out.push(std::fs::read_to_string(e.path()).expect("a message"));
            }
        }
        out
    }
}

fn letter() -> Letter {
    Letter {
        to: "anne.de.vries@example.nl".into(),
        to_name: Some("Anne de Vriés".into()),
        reply_to: Some("privacy@bakkerij.example".into()),
        subject: "Bevestig je aanmelding voor de nieuwsbrief".into(),
        text: "Beste Anne,\n\nKlik op de link om je aanmelding te bevestigen: https://kluis.example/p/bakkerij/c/abc\n\nMet vriendelijke groet,\nBakkerij Jansen".into(),
        html: Some("<p>Beste Anne,</p><p>Klik op de link om je aanmelding te bevestigen.</p>".into()),
    }
}

fn config(port: u16) -> SmtpConfig {
    SmtpConfig {
        url: format!("smtp://127.0.0.1:{port}"),
        from: "Bakkerij Jansen <privacy@bakkerij.example>".into(),
    }
}

#[tokio::test]
async fn a_letter_reaches_the_smtp_server_whole() {
    let Some(server) = SmtpServer::start("a_letter_reaches_the_smtp_server_whole") else {
        return;
    };
    let mailer = Mailer::new(Some(&config(server.port))).expect("mailer");
    assert!(mailer.sends());
    assert_eq!(mailer.send(&letter()).await, Ok(Delivery::Sent));
    let got = server.received();
    assert_eq!(got.len(), 1, "one message in the mailbox");
    let m = &got[0];
    for want in [
        "From: \"Bakkerij Jansen\" <privacy@bakkerij.example>",
        "To: ",
        "<anne.de.vries@example.nl>",
        "Reply-To: privacy@bakkerij.example",
        "multipart/alternative",
        "text/plain; charset=utf-8",
        "text/html; charset=utf-8",
    ] {
        assert!(m.contains(want), "message lacks {want:?}:\n{m}");
    }
    // The subject and the name are encoded (RFC 2047), the accent survives.
    assert!(m.contains("Subject: "), "{m}");
    assert!(
        !m.contains("Vriés"),
        "a non-ASCII name is encoded, not raw:\n{m}"
    );
}

#[tokio::test]
async fn a_server_that_is_down_is_an_error_without_the_address() {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let mailer = Mailer::new(Some(&config(port))).expect("mailer");
    let err = mailer.send(&letter()).await.expect_err("nobody listens");
    assert_eq!(err, MailError::Unreachable);
    assert!(!err.to_string().contains("anne"), "{err}");
}

#[tokio::test]
async fn without_a_server_the_letter_comes_back_to_send_by_hand() {
    let mailer = Mailer::new(None).expect("mailer");
    assert!(!mailer.sends());
    let Ok(Delivery::Manual { message }) = mailer.send(&letter()).await else {
        panic!("a manual delivery");
    };
    let text = String::from_utf8(message).expect("a text message");
    assert!(text.contains("<anne.de.vries@example.nl>"), "{text}");
    assert!(text.contains("multipart/alternative"), "{text}");
}

#[tokio::test]
async fn bad_addresses_and_oversized_letters_are_refused_before_sending() {
    let mailer = Mailer::new(None).expect("mailer");
    let mut bad = letter();
    bad.to = "anne at example".into();
    assert_eq!(mailer.send(&bad).await, Err(MailError::BadRecipient));
    let mut bad = letter();
    bad.reply_to = Some("nope".into());
    assert_eq!(mailer.send(&bad).await, Err(MailError::BadReplyTo));
    let mut bad = letter();
    bad.text = "x".repeat(2 * 1024 * 1024);
    assert_eq!(mailer.send(&bad).await, Err(MailError::TooLarge));
    // A header injection attempt in the subject stays inside the subject.
    let mut sneaky = letter();
    sneaky.subject = "Hallo\r\nBcc: everyone@example.nl".into();
    let Ok(Delivery::Manual { message }) = mailer.send(&sneaky).await else {
        panic!("a manual delivery");
    };
    let text = String::from_utf8(message).expect("text");
    assert!(
        !text.lines().any(|l| l.starts_with("Bcc:")),
        "no header smuggled in:\n{text}"
    );
}
