//! The mail service: every letter Kluis writes (double opt-in, preference links, request acknowledgements,
//! extension notices and answers) goes out through the configured SMTP server or, without one, is handed back to
//! print or send by hand; either way it is written to the mail log (recipient encrypted, template, time, relation,
//! delivery) in the same transaction as the use case that wrote it, under that use case's one audit event.
//!
//! The letter is delivered before the transaction (SMTP is slow and cannot be rolled back); a delivery error is not
//! a failed use case: the letter is logged `failed` and shown to send by hand. Nothing personal is logged.

use kluis_crypto::KeyRing;
use kluis_domain::{AuditAction, Permission};
use kluis_i18n::{Lang, Tr};
use kluis_mail::{Delivery, Letter};
use kluis_store::{MailLogRow, now_ms};
use uuid::Uuid;

use crate::audit::require;
use crate::{Actor, App, AppError, retry};

const TABLE: &str = "mail_log";
/// Letters the mail log page shows at most.
const LOG_LIMIT: i64 = 500;

fn aad(org_id: &str, column: &str, id: &str) -> Vec<u8> {
    KeyRing::aad(org_id, TABLE, &format!("{column}/{id}"))
}

/// A closed set of values with one stable string each (stored, in URLs and in the API).
macro_rules! closed {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = ();
            fn from_str(s: &str) -> Result<Self, ()> {
                match s { $($text => Ok($name::$variant),)+ _ => Err(()) }
            }
        }
    };
}

closed! {
    /// What a letter is.
    MailTemplate {
        /// The double opt-in: confirm a consent through the signed link.
        ConsentConfirm => "consent_confirm",
        /// The signed link to the public preferences page.
        PreferencesLink => "preferences_link",
        /// A data-subject request was received (Art. 12(3)).
        RequestAcknowledgement => "request_acknowledgement",
        /// The deadline was extended by two months, with the reasons (Art. 12(3)).
        RequestExtension => "request_extension",
        /// The request was answered.
        RequestAnswer => "request_answer",
        /// To the members who handle requests: requests overdue or due soon (no requester named).
        RequestReminder => "request_reminder",
    }
}

closed! {
    /// How a letter went.
    MailDelivery {
        /// The SMTP server accepted it.
        Sent => "sent",
        /// No SMTP server is configured: shown to print or send by hand.
        Manual => "manual",
        /// The SMTP server refused it or could not be reached: shown to send by hand.
        Failed => "failed",
    }
}

/// What became of a letter, for the page or API that asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailOutcome {
    pub id: String,
    pub template: MailTemplate,
    pub delivery: MailDelivery,
    /// For manual and failed letters: the recipient, subject and text, to send by hand.
    pub to: Option<String>,
    pub subject: Option<String>,
    pub text: Option<String>,
}

/// One letter of the mail log as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailEntry {
    pub id: String,
    pub template: MailTemplate,
    pub delivery: MailDelivery,
    pub at_ms: i64,
    pub recipient: String,
    pub relation_id: Option<String>,
    pub request_id: Option<String>,
    /// A user id, or `data_subject` for letters a public page sent.
    pub sent_by: String,
    /// The letter as handed over, for manual and failed ones.
    pub letter: Option<String>,
}

/// A letter delivered (or handed back) and ready to be logged inside the caller's transaction.
pub(crate) struct Posted {
    pub(crate) row: MailLogRow,
    pub(crate) outcome: MailOutcome,
}

/// The words of a letter from the catalogue: `mail-<template>-subject` and `-body` with `args`.
pub(crate) fn compose(
    lang: Lang,
    template: MailTemplate,
    to: &str,
    to_name: Option<&str>,
    args: &[(&str, &str)],
) -> Letter {
    let tr = Tr::new(lang);
    let key = template.as_str().replace('_', "-");
    Letter {
        to: to.to_owned(),
        to_name: to_name.map(str::to_owned),
        reply_to: None,
        subject: tr.t_with(&format!("mail-{key}-subject"), args),
        text: tr.t_with(&format!("mail-{key}-body"), args),
        html: None,
    }
}

impl App {
    /// Whether letters go out through SMTP (else they are shown to send by hand).
    pub fn mail_sends(&self) -> bool {
        self.inner_mailer().sends()
    }

    fn inner_mailer(&self) -> &kluis_mail::Mailer {
        &self.inner.mailer
    }

    /// Delivers `letter` (or hands it back) and prepares its mail-log row for organisation `org_id`; the caller
    /// inserts the row in its transaction with its audit event.
    pub(crate) async fn post_letter(
        &self,
        org_id: &str,
        letter: &Letter,
        template: MailTemplate,
        relation_id: Option<&str>,
        request_id: Option<&str>,
        sent_by: &str,
    ) -> Result<Posted, AppError> {
        let delivery = match self.inner_mailer().send(letter).await {
            Ok(Delivery::Sent) => MailDelivery::Sent,
            Ok(Delivery::Manual { .. }) => MailDelivery::Manual,
            Err(kluis_mail::MailError::BadRecipient) => {
                return Err(AppError::invalid("email", "not an e-mail address"));
            }
            Err(e) => {
                // The error names no address and no content.
                tracing::warn!(error = %e, template = template.as_str(), "letter not delivered");
                MailDelivery::Failed
            }
        };
        let id = Uuid::now_v7().to_string();
        let keys = self.keys();
        let by_hand = delivery != MailDelivery::Sent;
        let message = by_hand.then(|| format!("{}\n\n{}", letter.subject, letter.text));
        let row = MailLogRow {
            id: id.clone(),
            relation_id: relation_id.map(str::to_owned),
            request_id: request_id.map(str::to_owned),
            template: template.as_str().to_owned(),
            at: now_ms(),
            delivery: delivery.as_str().to_owned(),
            recipient_enc: keys.encrypt(letter.to.as_bytes(), &aad(org_id, "recipient_enc", &id)),
            message_enc: message
                .as_ref()
                .map(|m| keys.encrypt(m.as_bytes(), &aad(org_id, "message_enc", &id))),
            sent_by: sent_by.to_owned(),
        };
        tracing::info!(mail = %id, template = template.as_str(), delivery = delivery.as_str(), "letter");
        Ok(Posted {
            row,
            outcome: MailOutcome {
                id,
                template,
                delivery,
                to: by_hand.then(|| letter.to.clone()),
                subject: by_hand.then(|| letter.subject.clone()),
                text: by_hand.then(|| letter.text.clone()),
            },
        })
    }

    /// The organisation's mail log, newest first (Permission::Read): decrypting the recipients is a read of
    /// personal data, audited as `mail.read` before anything is returned.
    pub async fn mail_log(
        &self,
        actor: &Actor,
        relation: Option<&str>,
    ) -> Result<Vec<MailEntry>, AppError> {
        require(actor, Permission::Read)?;
        let org_id = actor.scope.org_id();
        let rows = self
            .db()
            .consent(&actor.scope)
            .mail_log(relation, LOG_LIMIT)
            .await?;
        let keys = self.keys();
        let text = |enc: &[u8], aad: Vec<u8>| -> Result<String, AppError> {
            String::from_utf8(keys.decrypt(enc, &aad)?).map_err(AppError::internal)
        };
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let corrupt =
                || AppError::Internal(anyhow::anyhow!("mail log row {} is unreadable", r.id));
            out.push(MailEntry {
                template: r.template.parse().map_err(|_| corrupt())?,
                delivery: r.delivery.parse().map_err(|_| corrupt())?,
                recipient: text(&r.recipient_enc, aad(org_id, "recipient_enc", &r.id))?,
                letter: r
                    .message_enc
                    .as_deref()
                    .map(|m| text(m, aad(org_id, "message_enc", &r.id)))
                    .transpose()?,
                at_ms: r.at,
                relation_id: r.relation_id.clone(),
                request_id: r.request_id.clone(),
                sent_by: r.sent_by.clone(),
                id: r.id,
            });
        }
        if !out.is_empty() {
            self.audit_access(
                actor,
                &actor.event(AuditAction::MailRead, "mail", org_id, &["recipient"]),
            )
            .await?;
        }
        Ok(out)
    }

    /// Sends the requester of request `request_id` the letter `template` (acknowledgement, extension notice or
    /// answer) (Permission::HandleRequests). One transaction: the mail-log row and one `mail.send` event.
    pub async fn send_request_letter(
        &self,
        actor: &Actor,
        request_id: &str,
        template: MailTemplate,
        lang: Lang,
    ) -> Result<MailOutcome, AppError> {
        require(actor, Permission::HandleRequests)?;
        if !matches!(
            template,
            MailTemplate::RequestAcknowledgement
                | MailTemplate::RequestExtension
                | MailTemplate::RequestAnswer
        ) {
            return Err(AppError::invalid(
                "template",
                "not a letter about a request",
            ));
        }
        let contact = self.request_contact(actor, request_id).await?;
        let tr = Tr::new(lang);
        let kind = tr.t(&contact.kind_label_key).to_owned();
        let due = tr.date(contact.due_on);
        let letter = compose(
            lang,
            template,
            &contact.email,
            Some(&contact.name),
            &[
                ("org", actor.org.name.as_str()),
                ("name", contact.name.as_str()),
                ("kind", kind.as_str()),
                ("article", contact.article),
                ("due", due.as_str()),
            ],
        );
        let org_id = actor.scope.org_id().to_owned();
        let posted = self
            .post_letter(
                &org_id,
                &letter,
                template,
                contact.relation_id.as_deref(),
                Some(&contact.id),
                actor.user_id.as_str(),
            )
            .await?;
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.consent(&actor.scope).add_mail(&posted.row).await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::MailSend,
                    "mail",
                    &posted.row.id,
                    &["recipient", template.as_str()],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        Ok(posted.outcome)
    }
}

/// Re-encrypts the mail log's encrypted columns under the current key (key rotation); returns how many values.
pub(crate) async fn reencrypt_mail(
    ring: &KeyRing,
    tx: &mut kluis_store::WriteTx,
    scope: &kluis_store::OrgScope,
) -> Result<u64, AppError> {
    let org_id = scope.org_id().to_owned();
    let mut n = 0;
    for m in tx.consent(scope).all_mail().await? {
        let stale = ring.needs_reencrypt(&m.recipient_enc)
            || m.message_enc
                .as_ref()
                .is_some_and(|x| ring.needs_reencrypt(x));
        if !stale {
            continue;
        }
        let recipient = ring.reencrypt(&m.recipient_enc, &aad(&org_id, "recipient_enc", &m.id))?;
        let message = m
            .message_enc
            .as_ref()
            .map(|x| ring.reencrypt(x, &aad(&org_id, "message_enc", &m.id)))
            .transpose()?;
        tx.consent(scope)
            .set_mail_enc(&m.id, &recipient, message.as_deref())
            .await?;
        n += 1;
    }
    Ok(n)
}
