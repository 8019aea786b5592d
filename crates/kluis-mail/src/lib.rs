//! Outgoing mail: a letter sent through the configured SMTP server, or, without one, the letter itself (an RFC 5322
//! message) for the caller to show, print or send by hand.
//!
//! The caller records each letter (recipient, template, time, relation) and audits it; this crate only delivers.
//! Its errors never carry an address or any other part of a letter, so they can be logged.

use lettre::message::{Mailbox, MultiPart, header::ContentType};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncTransport as _, Message, Tokio1Executor};
use std::time::Duration;

/// How long one delivery may take before it counts as failed (the server may be down).
const SEND_TIMEOUT: Duration = Duration::from_secs(30);
/// The most a subject or body may hold: letters are generated, so anything larger is a mistake.
const MAX_SUBJECT: usize = 998;
const MAX_BODY: usize = 1024 * 1024;

/// Where and as whom to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpConfig {
    /// `smtps://[user:password@]host[:465]` (TLS), `smtp://[user:password@]host[:587]?tls=required` (STARTTLS),
    /// or `smtp://host[:port]` without TLS, which is accepted for a server on this machine only.
    pub url: String,
    /// The sender, e.g. `Bakkerij Jansen <privacy@bakkerij.example>`.
    pub from: String,
}

/// One letter to one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub to: String,
    pub to_name: Option<String>,
    pub reply_to: Option<String>,
    pub subject: String,
    /// The plain-text body: always sent, and all a reader without HTML sees.
    pub text: String,
    /// An HTML alternative of the same text, if the template has one.
    pub html: Option<String>,
}

/// What became of a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// The SMTP server accepted it.
    Sent,
    /// No SMTP server is configured: the letter as a message file (`.eml`) to send or print by hand.
    Manual { message: Vec<u8> },
}

/// Why a letter could not be delivered or a configuration not used. No addresses, no content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    #[error("the SMTP address is not a valid smtp:// or smtps:// URL")]
    BadUrl,
    #[error(
        "refusing to send mail without TLS to another machine: use smtps:// or smtp://…?tls=required \
         (plain smtp:// is for a server on this machine)"
    )]
    PlainToRemote,
    #[error("the sender address is not a valid e-mail address")]
    BadSender,
    #[error("the recipient address is not a valid e-mail address")]
    BadRecipient,
    #[error("the reply-to address is not a valid e-mail address")]
    BadReplyTo,
    #[error("the letter is too large or its subject too long")]
    TooLarge,
    #[error("the SMTP server refused the letter permanently ({0})")]
    Refused(String),
    #[error("the SMTP server could not be reached or did not answer in time; try again later")]
    Unreachable,
}

/// Sends letters through one SMTP server, or hands them back when there is none.
#[derive(Clone)]
pub struct Mailer {
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: Option<Mailbox>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may hold a password: say only whether there is a server.
        f.debug_struct("Mailer")
            .field("smtp", &self.transport.is_some())
            .finish()
    }
}

impl Mailer {
    /// A mailer for `config`, or one that hands every letter back when there is no configuration.
    pub fn new(config: Option<&SmtpConfig>) -> Result<Mailer, MailError> {
        let Some(config) = config else {
            return Ok(Mailer {
                transport: None,
                from: None,
            });
        };
        let from: Mailbox = config.from.parse().map_err(|_| MailError::BadSender)?;
        let url = config.url.trim();
        let plain = url.starts_with("smtp://") && !url.contains("tls=");
        if plain && !is_loopback(url) {
            return Err(MailError::PlainToRemote);
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|_| MailError::BadUrl)?
            .timeout(Some(SEND_TIMEOUT))
            .build();
        Ok(Mailer {
            transport: Some(transport),
            from: Some(from),
        })
    }

    /// Whether letters go out through SMTP (else [`Delivery::Manual`]).
    pub fn sends(&self) -> bool {
        self.transport.is_some()
    }

    /// Delivers `letter`, or hands it back as a message file when no SMTP server is configured.
    pub async fn send(&self, letter: &Letter) -> Result<Delivery, MailError> {
        let from = self.from.clone().unwrap_or_else(|| {
            Mailbox::new(None, "nobody@invalid".parse().expect("literal address"))
        });
        let message = build(letter, from)?;
        let Some(transport) = &self.transport else {
            return Ok(Delivery::Manual {
                message: message.formatted(),
            });
        };
        match transport.send(message).await {
            Ok(_) => Ok(Delivery::Sent),
            Err(e) if e.is_permanent() => Err(MailError::Refused(
                e.status()
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| "no code".to_owned()),
            )),
            Err(_) => Err(MailError::Unreachable),
        }
    }
}

/// The letter as a MIME message: plain text, with an HTML alternative when there is one, UTF-8 throughout.
fn build(letter: &Letter, from: Mailbox) -> Result<Message, MailError> {
    if letter.subject.len() > MAX_SUBJECT
        || letter.text.len() > MAX_BODY
        || letter.html.as_ref().is_some_and(|h| h.len() > MAX_BODY)
    {
        return Err(MailError::TooLarge);
    }
    let to = Mailbox::new(
        letter.to_name.clone().filter(|n| !n.trim().is_empty()),
        letter
            .to
            .trim()
            .parse()
            .map_err(|_| MailError::BadRecipient)?,
    );
    let mut b = Message::builder()
        .from(from)
        .to(to)
        .subject(letter.subject.clone());
    if let Some(r) = &letter.reply_to {
        b = b.reply_to(r.trim().parse().map_err(|_| MailError::BadReplyTo)?);
    }
    let built = match &letter.html {
        None => b.header(ContentType::TEXT_PLAIN).body(letter.text.clone()),
        Some(html) => b.multipart(MultiPart::alternative_plain_html(
            letter.text.clone(),
            html.clone(),
        )),
    };
    // Every part was checked above; what is left (a header lettre cannot encode) is the sender's or recipient's.
    built.map_err(|_| MailError::BadRecipient)
}

/// Whether the URL's host is this machine (`localhost`, 127.0.0.0/8, ::1).
fn is_loopback(url: &str) -> bool {
    let rest = url.trim_start_matches("smtp://");
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_server_on_this_machine_may_be_reached_without_tls() {
        for url in [
            "smtp://localhost:2525",
            "smtp://127.0.0.1:25",
            "smtp://user:pw@127.0.0.2",
            "smtp://[::1]:25",
        ] {
            assert!(is_loopback(url), "{url}");
        }
        for url in [
            "smtp://mail.example.com",
            "smtp://localhost.example.com:25",
            "smtp://user:pw@10.0.0.1:25",
            "smtp://127.0.0.1@mail.example.com",
        ] {
            assert!(!is_loopback(url), "{url}");
        }
        let cfg = |url: &str| SmtpConfig {
            url: url.into(),
            from: "Kluis <privacy@example.nl>".into(),
        };
        assert_eq!(
            Mailer::new(Some(&cfg("smtp://mail.example.com:25"))).err(),
            Some(MailError::PlainToRemote)
        );
        assert!(Mailer::new(Some(&cfg("smtp://mail.example.com:587?tls=required"))).is_ok());
        assert!(Mailer::new(Some(&cfg("smtps://u:p@mail.example.com"))).is_ok());
        assert_eq!(
            Mailer::new(Some(&cfg("http://mail.example.com"))).err(),
            Some(MailError::BadUrl)
        );
        assert_eq!(
            Mailer::new(Some(&SmtpConfig {
                url: "smtps://mail.example.com".into(),
                from: "not an address".into()
            }))
            .err(),
            Some(MailError::BadSender)
        );
    }
}
