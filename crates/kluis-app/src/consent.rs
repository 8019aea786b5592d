//! Consent: append-only records per relation and purpose through the domain's rules (`relations::consent`), the
//! double opt-in and the public preferences page through signed, expiring links, the permanent direct-marketing
//! suppression, and [`App::marketing_selection`], the one filter every marketing selection and export must use.
//!
//! Records are never changed: giving, confirming and withdrawing each append one. The proof (free text) is
//! encrypted like relation values (AAD: organisation, `consent_records`, `proof_enc/<id>`). Links carry only the
//! relation's id (and the waiting record's), signed for the organisation and the page; no personal data.
//! What the person does on a public page is recorded as `data_subject` with the request's origin.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use kluis_crypto::{KeyRing, LinkError};
use kluis_domain::calendar::{local_date, moment_of_ms};
use kluis_domain::legal_basis::LawfulBasis;
use kluis_domain::register::{ActivityStatus, Jurisdiction, Purpose};
use kluis_domain::relations::RelationField;
use kluis_domain::relations::consent::{
    AgeCheck, Candidate, ConsentAction, ConsentChannel, ConsentRecord, ConsentRefusal,
    ConsentState, Recorder, Selection, age_check, age_of_consent, consent_state, consent_states,
    filter_selection, validate,
};
use kluis_domain::{AuditAction, Permission, Role};
use kluis_i18n::{Lang, Tr};
use kluis_store::{ConsentRow, OrgScope, SuppressionRow, WriteTx, now_ms};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::audit::require;
use crate::mail::{MailOutcome, MailTemplate, compose};
use crate::{Actor, App, AppError, OrgSummary, Origin, UserId, retry};

const TABLE: &str = "consent_records";
/// The recorder of what the person does on a public page.
pub const DATA_SUBJECT: &str = "data_subject";
/// Link purposes: a link signed for one page is refused by the other.
const CONFIRM_LINK: &str = "consent-confirm";
const PREFERENCES_LINK: &str = "consent-preferences";
/// How long a double opt-in link stays valid.
const CONFIRM_DAYS: i64 = 7;
/// How long a preferences link stays valid.
const PREFERENCES_DAYS: i64 = 30;
/// The statement version recorded when the organisation has published none.
const NO_STATEMENT: &str = "none published";
/// Proofs are notes, not documents.
const MAX_PROOF: usize = 2000;

fn aad(org_id: &str, id: &str) -> Vec<u8> {
    KeyRing::aad(org_id, TABLE, &format!("proof_enc/{id}"))
}

/// The AAD of a relation value: the relations module's (`relations.rs`), repeated here because this module
/// decrypts the few values it needs (e-mail address, name, date of birth) without showing them.
fn value_aad(org_id: &str, relation_id: &str, field: RelationField) -> Vec<u8> {
    KeyRing::aad(
        org_id,
        "relation_values",
        &format!("value_enc/{relation_id}/{}", field.as_str()),
    )
}

/// A consent a member records (UI or API).
#[derive(Debug, Clone)]
pub struct ConsentInput {
    pub purpose: Purpose,
    /// Given or withdrawn (a confirmation only comes through its link).
    pub action: ConsentAction,
    pub channel: ConsentChannel,
    /// The privacy statement version shown; the newest published one when `None`.
    pub statement_version: Option<String>,
    /// Where the proof is, in words (a call note, a signed form's reference).
    pub proof: String,
    /// Given by the holder of parental responsibility (Art. 8(1)).
    pub parental: bool,
    /// Ask the person to confirm by e-mail first (always so for the web-form channel).
    pub double_opt_in: bool,
}

/// One record as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentEntry {
    pub id: String,
    pub purpose: Purpose,
    pub action: ConsentAction,
    pub at_ms: i64,
    pub channel: ConsentChannel,
    pub statement_version: String,
    /// A user id, `data_subject` or `import`.
    pub recorded_by: String,
    pub proof: String,
    pub parental: bool,
    pub double_opt_in: bool,
    pub confirms: Option<String>,
}

/// A relation's consents: the state per purpose, every record, the suppression and the age rule.
#[derive(Debug, Clone)]
pub struct ConsentOverview {
    pub relation_id: String,
    pub states: Vec<(Purpose, ConsentState)>,
    /// Oldest first.
    pub records: Vec<ConsentEntry>,
    /// When the person objected to direct marketing, if they did.
    pub suppressed_since_ms: Option<i64>,
    pub age: AgeCheck,
    /// The age of consent in the organisation's jurisdiction.
    pub threshold: u8,
    /// Whether the relation has an e-mail address (double opt-in and preference links need one).
    pub has_email: bool,
    /// The newest published privacy statement version, if any.
    pub statement_version: Option<String>,
}

/// What recording a consent did.
#[derive(Debug, Clone)]
pub struct RecordOutcome {
    pub record_id: String,
    /// The confirmation letter of a double opt-in.
    pub mail: Option<MailOutcome>,
}

/// Why a public link was refused. Nothing is changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRefusal {
    /// Not made by this installation for this page and organisation (or its relation no longer exists).
    Forged,
    Expired,
}

/// What the confirmation page shows.
#[derive(Debug, Clone)]
pub struct PublicConfirm {
    pub org_name: String,
    pub purpose: Purpose,
    /// Already confirmed (or no longer waiting): following the link again changes nothing.
    pub done: bool,
}

/// What the preferences page shows: the person's purposes with their state; never the person's data.
#[derive(Debug, Clone)]
pub struct PublicPreferences {
    pub org_name: String,
    pub purposes: Vec<(Purpose, ConsentState)>,
    pub suppressed: bool,
    pub statement_version: Option<String>,
}

/// What the person chose on the preferences page: each one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreferenceChoice {
    Give,
    Withdraw,
    /// Object to all direct marketing (Art. 21(2)).
    Object,
}

/// The few values of a relation this module needs.
struct Facts {
    email: Option<String>,
    email_index: Option<String>,
    name: Option<String>,
    birth: Option<Date>,
}

fn corrupt(what: &str, id: &str) -> AppError {
    AppError::Internal(anyhow::anyhow!(
        "stored consent record {id} has an unreadable {what}"
    ))
}

fn refusal_error(r: ConsentRefusal) -> AppError {
    match r {
        ConsentRefusal::NotDemonstrable => AppError::invalid(
            "proof",
            "say where the proof is and which privacy statement version was shown (Art. 7(1))",
        ),
        ConsentRefusal::ParentalConsentRequired { threshold } => AppError::invalid(
            "parental",
            format!(
                "this person is under {threshold}: only consent given by a parent or guardian counts (Art. 8(1))"
            ),
        ),
        ConsentRefusal::NothingToConfirm => {
            AppError::Conflict("there is no consent waiting for this confirmation".into())
        }
        ConsentRefusal::Suppressed => AppError::invalid(
            "purpose",
            "this person objected to direct marketing: the objection is permanent (Art. 21(3))",
        ),
    }
}

fn ms(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

fn link_error(e: LinkError) -> LinkRefusal {
    match e {
        LinkError::Expired => LinkRefusal::Expired,
        LinkError::Malformed | LinkError::Forged => LinkRefusal::Forged,
    }
}

/// The absolute address of a public page: `base` (no trailing slash) and the path.
fn absolute(base: &str, path: &str) -> String {
    format!("{}{path}", base.trim_end_matches('/'))
}

impl App {
    /// The actor a public page acts as: the person behind a signed link, who may read what the pages need (the
    /// organisation's jurisdiction and statement) and whose events name `data_subject`.
    fn data_subject(&self, org: kluis_store::OrgRow, origin: &Origin) -> Actor {
        // Unscoped on purpose: the signed link (checked before anything is read) is the person's authority,
        // like an invitation link; the scope is only used for this organisation's rows.
        let scope = OrgScope::system(&org);
        Actor::new(
            UserId(DATA_SUBJECT.to_owned()),
            OrgSummary::from(org),
            Role::Auditor,
            scope,
            origin.clone(),
        )
    }

    async fn consent_jurisdiction(&self, actor: &Actor) -> Result<Jurisdiction, AppError> {
        Ok(self
            .db()
            .profile(&actor.scope)
            .current()
            .await?
            .as_ref()
            .map(crate::profile::parse_body)
            .transpose()?
            .and_then(|p| p.jurisdiction)
            .unwrap_or(Jurisdiction::Nl))
    }

    async fn newest_statement(&self, scope: &OrgScope) -> Result<Option<String>, AppError> {
        Ok(self
            .db()
            .statements(scope)
            .versions()
            .await?
            .first()
            .map(|v| v.version.to_string()))
    }

    async fn relation_facts(&self, actor: &Actor, relation_id: &str) -> Result<Facts, AppError> {
        let row = self
            .db()
            .relations(&actor.scope)
            .get(relation_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let keys = self.keys();
        let org_id = actor.scope.org_id();
        let mut facts = Facts {
            email: None,
            email_index: None,
            name: None,
            birth: None,
        };
        let mut given = None;
        for v in &row.values {
            let clear = || -> Result<String, AppError> {
                String::from_utf8(keys.decrypt(&v.value_enc, &value_aad(org_id, &row.id, v.field))?)
                    .map_err(AppError::internal)
            };
            match v.field {
                RelationField::Email => {
                    facts.email = Some(clear()?);
                    facts.email_index = v.value_index.clone();
                }
                RelationField::GivenName => given = Some(clear()?),
                RelationField::DateOfBirth => {
                    let format = time::macros::format_description!("[year]-[month]-[day]");
                    facts.birth = Date::parse(clear()?.trim(), &format).ok();
                }
                _ => {}
            }
        }
        facts.name = given;
        Ok(facts)
    }

    fn entries(&self, org_id: &str, rows: &[ConsentRow]) -> Result<Vec<ConsentEntry>, AppError> {
        let keys = self.keys();
        rows.iter()
            .map(|r| {
                Ok(ConsentEntry {
                    id: r.id.clone(),
                    purpose: r.purpose.parse().map_err(|_| corrupt("purpose", &r.id))?,
                    action: r.action.parse().map_err(|_| corrupt("action", &r.id))?,
                    channel: r.channel.parse().map_err(|_| corrupt("channel", &r.id))?,
                    at_ms: r.at,
                    statement_version: r.statement_version.clone(),
                    recorded_by: r.recorded_by.clone(),
                    proof: String::from_utf8(keys.decrypt(&r.proof_enc, &aad(org_id, &r.id))?)
                        .map_err(AppError::internal)?,
                    parental: r.parental,
                    double_opt_in: r.double_opt_in,
                    confirms: r.confirms.clone(),
                })
            })
            .collect()
    }

    /// The domain's records from stored rows (the proof is not needed for a decision and stays sealed).
    fn domain_records(rows: &[ConsentRow]) -> Result<Vec<ConsentRecord>, AppError> {
        rows.iter()
            .map(|r| {
                Ok(ConsentRecord {
                    id: Uuid::parse_str(&r.id).map_err(|_| corrupt("id", &r.id))?,
                    relation: Uuid::parse_str(&r.relation_id)
                        .map_err(|_| corrupt("relation", &r.id))?,
                    purpose: r.purpose.parse().map_err(|_| corrupt("purpose", &r.id))?,
                    action: r.action.parse().map_err(|_| corrupt("action", &r.id))?,
                    at: moment_of_ms(r.at).ok_or_else(|| corrupt("time", &r.id))?,
                    channel: r.channel.parse().map_err(|_| corrupt("channel", &r.id))?,
                    statement_version: r.statement_version.clone(),
                    recorded_by: match r.recorded_by.as_str() {
                        DATA_SUBJECT => Recorder::DataSubject,
                        "import" => Recorder::Import,
                        u => Recorder::User(Uuid::parse_str(u).unwrap_or(Uuid::nil())),
                    },
                    // Sealed: decisions never read it; validation of a new record reads the new one's.
                    proof: "sealed".to_owned(),
                    parental: r.parental,
                    double_opt_in: r.double_opt_in,
                    confirms: r.confirms.as_deref().and_then(|c| Uuid::parse_str(c).ok()),
                })
            })
            .collect()
    }

    fn relation_uuid(id: &str) -> Result<Uuid, AppError> {
        Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)
    }

    /// A relation's consents (Permission::Read): the state per purpose, every record with its proof (decrypted:
    /// audited as `consent.read` when there is any), the suppression and the age rule.
    pub async fn consents(
        &self,
        actor: &Actor,
        relation: &str,
    ) -> Result<ConsentOverview, AppError> {
        require(actor, Permission::Read)?;
        let relation_id = Self::relation_uuid(relation)?.to_string();
        let facts = self.relation_facts(actor, &relation_id).await?;
        let store = self.db().consent(&actor.scope);
        let rows = store.records(&relation_id).await?;
        let records = Self::domain_records(&rows)?;
        let entries = self.entries(actor.scope.org_id(), &rows)?;
        let suppressions = store
            .suppressions(&relation_id, facts.email_index.as_deref())
            .await?;
        let jurisdiction = self.consent_jurisdiction(actor).await?;
        let today = local_date(OffsetDateTime::now_utc(), jurisdiction);
        if !entries.is_empty() {
            self.audit_access(
                actor,
                &actor.event(
                    AuditAction::ConsentRead,
                    "relation",
                    &relation_id,
                    &["proof"],
                ),
            )
            .await?;
        }
        Ok(ConsentOverview {
            states: consent_states(&records).into_iter().collect(),
            records: entries,
            suppressed_since_ms: suppressions.first().map(|s| s.at),
            age: age_check(facts.birth, today, jurisdiction),
            threshold: age_of_consent(jurisdiction),
            has_email: facts.email.is_some(),
            statement_version: self.newest_statement(&actor.scope).await?,
            relation_id,
        })
    }

    /// Checks `record` against the relation's history in `tx` and appends it with its proof sealed.
    async fn append_checked(
        &self,
        tx: &mut WriteTx,
        actor: &Actor,
        record: &ConsentRecord,
        facts: &Facts,
        jurisdiction: Jurisdiction,
    ) -> Result<(), AppError> {
        let relation_id = record.relation.to_string();
        let rows = tx.consent(&actor.scope).records(&relation_id).await?;
        let history = Self::domain_records(&rows)?;
        let suppressed = !tx
            .consent(&actor.scope)
            .suppressions(&relation_id, facts.email_index.as_deref())
            .await?
            .is_empty();
        let today = local_date(record.at, jurisdiction);
        validate(
            record,
            &history,
            facts.birth,
            jurisdiction,
            suppressed,
            today,
        )
        .map_err(refusal_error)?;
        let id = record.id.to_string();
        let recorded_by = match record.recorded_by {
            Recorder::DataSubject => DATA_SUBJECT.to_owned(),
            Recorder::Import => "import".to_owned(),
            Recorder::User(_) => actor.user_id.as_str().to_owned(),
        };
        tx.consent(&actor.scope)
            .append(&ConsentRow {
                id: id.clone(),
                relation_id,
                seq: 0,
                purpose: record.purpose.to_string(),
                action: record.action.as_str().to_owned(),
                at: ms(record.at),
                channel: record.channel.as_str().to_owned(),
                statement_version: record.statement_version.clone(),
                recorded_by,
                parental: record.parental,
                double_opt_in: record.double_opt_in,
                confirms: record.confirms.map(|c| c.to_string()),
                proof_enc: self
                    .keys()
                    .encrypt(record.proof.as_bytes(), &aad(actor.scope.org_id(), &id)),
            })
            .await?;
        Ok(())
    }

    /// A link signed for the actor's organisation and `purpose` (the page), carrying `payload`, valid `days`.
    fn sign(
        &self,
        actor: &Actor,
        purpose: &str,
        payload: &[u8],
        days: i64,
    ) -> Result<String, AppError> {
        let expires = OffsetDateTime::now_utc().unix_timestamp() + days * 86_400;
        self.keys()
            .sign_link(actor.scope.org_id(), purpose, payload, expires)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("link payload too long")))
    }

    /// Records a consent given or withdrawn for relation `relation` (Permission::Write), through the domain's
    /// rules: a child below the jurisdiction's age needs a parental record, a suppressed person cannot give
    /// direct-marketing consent, giving needs the statement version and the proof; withdrawing needs nothing more.
    /// A double opt-in (always for the web-form channel) appends a waiting record and sends the confirmation
    /// letter with a signed link that expires in 7 days (`base_url` makes it absolute); only following it makes
    /// the consent count. One transaction, one `consent.give` or `consent.withdraw` event (naming the letter).
    pub async fn record_consent(
        &self,
        actor: &Actor,
        relation: &str,
        input: &ConsentInput,
        lang: Lang,
        base_url: &str,
    ) -> Result<RecordOutcome, AppError> {
        require(actor, Permission::Write)?;
        let relation_uuid = Self::relation_uuid(relation)?;
        let relation_id = relation_uuid.to_string();
        let facts = self.relation_facts(actor, &relation_id).await?;
        let proof = input.proof.trim().to_owned();
        if proof.chars().count() > MAX_PROOF {
            return Err(AppError::invalid(
                "proof",
                format!("at most {MAX_PROOF} characters"),
            ));
        }
        if !matches!(
            input.action,
            ConsentAction::Given | ConsentAction::Withdrawn
        ) {
            return Err(AppError::invalid("action", "give or withdraw"));
        }
        let giving = input.action == ConsentAction::Given;
        let double_opt_in =
            giving && (input.double_opt_in || input.channel == ConsentChannel::WebForm);
        let statement_version = match input.statement_version.as_deref().map(str::trim) {
            Some(v) if !v.is_empty() => v.to_owned(),
            // Said as it is when the organisation has published no statement yet: the record stays honest.
            _ => self
                .newest_statement(&actor.scope)
                .await?
                .unwrap_or_else(|| NO_STATEMENT.to_owned()),
        };
        let jurisdiction = self.consent_jurisdiction(actor).await?;
        let record = ConsentRecord {
            id: Uuid::now_v7(),
            relation: relation_uuid,
            purpose: input.purpose,
            action: input.action,
            at: OffsetDateTime::now_utc(),
            channel: input.channel,
            statement_version,
            recorded_by: Recorder::User(
                Uuid::parse_str(actor.user_id.as_str()).unwrap_or(Uuid::nil()),
            ),
            proof: if double_opt_in && proof.is_empty() {
                "double opt-in: confirmation link sent by e-mail".to_owned()
            } else {
                proof
            },
            parental: input.parental,
            double_opt_in,
            confirms: None,
        };
        // The rules first (on what is stored now), so a refused consent sends no letter.
        {
            let rows = self
                .db()
                .consent(&actor.scope)
                .records(&relation_id)
                .await?;
            let history = Self::domain_records(&rows)?;
            let suppressed = !self
                .db()
                .consent(&actor.scope)
                .suppressions(&relation_id, facts.email_index.as_deref())
                .await?
                .is_empty();
            validate(
                &record,
                &history,
                facts.birth,
                jurisdiction,
                suppressed,
                local_date(record.at, jurisdiction),
            )
            .map_err(refusal_error)?;
        }
        let posted = if double_opt_in {
            let Some(email) = facts.email.as_deref() else {
                return Err(AppError::invalid(
                    "double_opt_in",
                    "a double opt-in needs the relation's e-mail address",
                ));
            };
            let mut payload = relation_uuid.as_bytes().to_vec();
            payload.extend_from_slice(record.id.as_bytes());
            let token = self.sign(actor, CONFIRM_LINK, &payload, CONFIRM_DAYS)?;
            let link = absolute(base_url, &format!("/p/{}/consent/{token}", actor.org.slug));
            let tr = Tr::new(lang);
            let letter = compose(
                lang,
                MailTemplate::ConsentConfirm,
                email,
                facts.name.as_deref(),
                &[
                    ("org", actor.org.name.as_str()),
                    ("name", facts.name.as_deref().unwrap_or("")),
                    ("purpose", tr.t(&input.purpose.label_key())),
                    ("link", link.as_str()),
                    ("days", &CONFIRM_DAYS.to_string()),
                ],
            );
            Some(
                self.post_letter(
                    actor.scope.org_id(),
                    &letter,
                    MailTemplate::ConsentConfirm,
                    Some(&relation_id),
                    None,
                    actor.user_id.as_str(),
                )
                .await?,
            )
        } else {
            None
        };
        let (action, mut fields) = if giving {
            (
                AuditAction::ConsentGive,
                vec!["purpose", "channel", "statement_version", "proof"],
            )
        } else {
            (
                AuditAction::ConsentWithdraw,
                vec!["purpose", "channel", "proof"],
            )
        };
        if input.parental {
            fields.push("parental");
        }
        if posted.is_some() {
            fields.push("double_opt_in");
            fields.push("mail");
        }
        retry!({
            let mut tx = self.db().begin_write().await?;
            self.append_checked(&mut tx, actor, &record, &facts, jurisdiction)
                .await?;
            if let Some(p) = &posted {
                tx.consent(&actor.scope).add_mail(&p.row).await?;
            }
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(action, "relation", &relation_id, &fields))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        tracing::info!(relation = %relation_id, action = input.action.as_str(), "consent recorded");
        Ok(RecordOutcome {
            record_id: record.id.to_string(),
            mail: posted.map(|p| p.outcome),
        })
    }

    /// Records an objection to direct marketing (Permission::Write): the relation goes on the permanent
    /// suppression list (with the blind index of its e-mail address, which outlives an erasure). Once is enough:
    /// a second objection is a conflict. One transaction, one `consent.object` event.
    pub async fn record_objection(
        &self,
        actor: &Actor,
        relation: &str,
        channel: ConsentChannel,
    ) -> Result<(), AppError> {
        require(actor, Permission::Write)?;
        let relation_id = Self::relation_uuid(relation)?.to_string();
        let facts = self.relation_facts(actor, &relation_id).await?;
        self.append_objection(actor, &relation_id, &facts, channel)
            .await
    }

    async fn append_objection(
        &self,
        actor: &Actor,
        relation_id: &str,
        facts: &Facts,
        channel: ConsentChannel,
    ) -> Result<(), AppError> {
        let row = SuppressionRow {
            id: Uuid::now_v7().to_string(),
            relation_id: Some(relation_id.to_owned()),
            email_index: facts.email_index.clone(),
            at: now_ms(),
            channel: channel.as_str().to_owned(),
            recorded_by: actor.user_id.as_str().to_owned(),
        };
        retry!({
            let mut tx = self.db().begin_write().await?;
            if !tx
                .consent(&actor.scope)
                .suppressions(relation_id, facts.email_index.as_deref())
                .await?
                .is_empty()
            {
                return Err(AppError::Conflict(
                    "this person already objected to direct marketing".into(),
                ));
            }
            tx.consent(&actor.scope).add_suppression(&row).await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::ConsentObject,
                    "relation",
                    relation_id,
                    &["suppression", "channel"],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Sends relation `relation` a signed link to the public preferences page, valid 30 days (Permission::Write).
    /// Without SMTP the letter comes back to send by hand. One transaction: the mail-log row and one `mail.send`.
    pub async fn send_preferences_link(
        &self,
        actor: &Actor,
        relation: &str,
        lang: Lang,
        base_url: &str,
    ) -> Result<MailOutcome, AppError> {
        require(actor, Permission::Write)?;
        let relation_uuid = Self::relation_uuid(relation)?;
        let relation_id = relation_uuid.to_string();
        let facts = self.relation_facts(actor, &relation_id).await?;
        let Some(email) = facts.email.as_deref() else {
            return Err(AppError::invalid(
                "email",
                "the relation has no e-mail address to send the link to",
            ));
        };
        let token = self.sign(
            actor,
            PREFERENCES_LINK,
            relation_uuid.as_bytes(),
            PREFERENCES_DAYS,
        )?;
        let link = absolute(
            base_url,
            &format!("/p/{}/preferences/{token}", actor.org.slug),
        );
        let letter = compose(
            lang,
            MailTemplate::PreferencesLink,
            email,
            facts.name.as_deref(),
            &[
                ("org", actor.org.name.as_str()),
                ("name", facts.name.as_deref().unwrap_or("")),
                ("link", link.as_str()),
                ("days", &PREFERENCES_DAYS.to_string()),
            ],
        );
        let posted = self
            .post_letter(
                actor.scope.org_id(),
                &letter,
                MailTemplate::PreferencesLink,
                Some(&relation_id),
                None,
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
                    &["recipient", MailTemplate::PreferencesLink.as_str()],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        Ok(posted.outcome)
    }

    /// THE marketing filter (Permission::Read): every marketing selection and every export for marketing must
    /// pass its candidates (relation ids) through this, so an objection (Art. 21(3)) and a withdrawal are
    /// respected everywhere. On `LawfulBasis::Consent` only relations whose consent for `purpose` counts are
    /// included; on another basis (the soft opt-in, Art. 6(1)(f)) those who withdrew are left out. For a
    /// direct-marketing purpose everyone on the suppression list (by relation, or by the blind index of an
    /// e-mail address, which outlives an erasure) is left out whatever the basis. Ids that are not relations of
    /// the organisation are left out as `NoConsent`. Reads no personal value; returns ids only.
    pub async fn marketing_selection(
        &self,
        actor: &Actor,
        purpose: Purpose,
        basis: LawfulBasis,
        candidates: &[String],
    ) -> Result<Selection<String>, AppError> {
        require(actor, Permission::Read)?;
        self.marketing_selection_in(&actor.scope, purpose, basis, candidates)
            .await
    }

    /// [`App::marketing_selection`] within `scope`, for callers that checked the permission themselves (the
    /// command line's export).
    pub(crate) async fn marketing_selection_in(
        &self,
        scope: &OrgScope,
        purpose: Purpose,
        basis: LawfulBasis,
        candidates: &[String],
    ) -> Result<Selection<String>, AppError> {
        let store = self.db().consent(scope);
        let rows = store.records_for_purpose(&purpose.to_string()).await?;
        let records = Self::domain_records(&rows)?;
        let mut by_relation: HashMap<Uuid, Vec<ConsentRecord>> = HashMap::new();
        for r in records {
            by_relation.entry(r.relation).or_default().push(r);
        }
        let suppressions = store.all_suppressions().await?;
        let suppressed_ids: HashSet<&str> = suppressions
            .iter()
            .filter_map(|s| s.relation_id.as_deref())
            .collect();
        let suppressed_indexes: HashSet<&str> = suppressions
            .iter()
            .filter_map(|s| s.email_index.as_deref())
            .collect();
        // The e-mail indexes of the candidates, for suppressions whose relation was erased and re-created.
        let mut email_index: HashMap<String, String> = HashMap::new();
        let mut known: BTreeSet<String> = BTreeSet::new();
        for id in candidates {
            let Ok(u) = Uuid::parse_str(id.trim()) else {
                continue;
            };
            if let Some(row) = self.db().relations(scope).get(&u.to_string()).await? {
                known.insert(id.clone());
                if let Some(ix) = row
                    .values
                    .iter()
                    .find(|v| v.field == RelationField::Email)
                    .and_then(|v| v.value_index.clone())
                {
                    email_index.insert(id.clone(), ix);
                }
            }
        }
        let unknown = ConsentState::None;
        Ok(filter_selection(
            candidates.iter().cloned(),
            purpose,
            basis,
            |id: &String| {
                let u = Uuid::parse_str(id.trim()).unwrap_or(Uuid::nil());
                let suppressed = suppressed_ids.contains(u.to_string().as_str())
                    || email_index
                        .get(id)
                        .is_some_and(|ix| suppressed_indexes.contains(ix.as_str()));
                let consent = if known.contains(id) {
                    by_relation
                        .get(&u)
                        .map(|r| consent_state(r, purpose))
                        .unwrap_or(ConsentState::None)
                } else {
                    unknown
                };
                Candidate {
                    relation: u,
                    // An id that is no relation of the organisation is never selected.
                    suppressed: suppressed || !known.contains(id),
                    consent,
                }
            },
        ))
    }

    /// Checks a public link; `Ok(Err(_))` when it is forged, expired, or its relation no longer exists.
    async fn public_link(
        &self,
        slug: &str,
        purpose: &str,
        token: &str,
        origin: &Origin,
    ) -> Result<Result<(Actor, Vec<u8>), LinkRefusal>, AppError> {
        let Some(org) = self.db().org_by_slug(slug.trim()).await? else {
            return Ok(Err(LinkRefusal::Forged));
        };
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let payload = match self.keys().verify_link(&org.id, purpose, token.trim(), now) {
            Ok(p) => p,
            Err(e) => return Ok(Err(link_error(e))),
        };
        Ok(Ok((self.data_subject(org, origin), payload)))
    }

    /// The relation id a verified payload names, if it still exists.
    async fn linked_relation(&self, actor: &Actor, bytes: &[u8]) -> Result<Option<Uuid>, AppError> {
        let Ok(u) = Uuid::from_slice(bytes) else {
            return Ok(None);
        };
        Ok(self
            .db()
            .relations(&actor.scope)
            .get(&u.to_string())
            .await?
            .map(|_| u))
    }

    async fn confirm_target(
        &self,
        slug: &str,
        token: &str,
        origin: &Origin,
    ) -> Result<Result<(Actor, Uuid, Uuid, Vec<ConsentRecord>), LinkRefusal>, AppError> {
        let (actor, payload) = match self.public_link(slug, CONFIRM_LINK, token, origin).await? {
            Ok(x) => x,
            Err(r) => return Ok(Err(r)),
        };
        if payload.len() != 32 {
            return Ok(Err(LinkRefusal::Forged));
        }
        let Some(relation) = self.linked_relation(&actor, &payload[..16]).await? else {
            return Ok(Err(LinkRefusal::Forged));
        };
        let Ok(waiting) = Uuid::from_slice(&payload[16..]) else {
            return Ok(Err(LinkRefusal::Forged));
        };
        let rows = self
            .db()
            .consent(&actor.scope)
            .records(&relation.to_string())
            .await?;
        let records = Self::domain_records(&rows)?;
        Ok(Ok((actor, relation, waiting, records)))
    }

    /// What the double opt-in page shows for `token` (no login: the signed link is the authority). Reads nothing
    /// personal.
    pub async fn public_confirm_view(
        &self,
        slug: &str,
        token: &str,
        origin: &Origin,
    ) -> Result<Result<PublicConfirm, LinkRefusal>, AppError> {
        let (actor, _, waiting, records) = match self.confirm_target(slug, token, origin).await? {
            Ok(x) => x,
            Err(r) => return Ok(Err(r)),
        };
        let Some(given) = records.iter().find(|r| r.id == waiting) else {
            return Ok(Err(LinkRefusal::Forged));
        };
        let done = !matches!(
            consent_state(&records, given.purpose),
            ConsentState::Pending { record, .. } if record == waiting
        );
        Ok(Ok(PublicConfirm {
            org_name: actor.org.name.clone(),
            purpose: given.purpose,
            done,
        }))
    }

    /// The person confirms their consent through the link of the double opt-in letter: appends `Confirmed` for
    /// the waiting record (one `consent.confirm` event as `data_subject`). Following it again, or after a
    /// withdrawal, changes nothing (a conflict).
    pub async fn public_confirm(
        &self,
        slug: &str,
        token: &str,
        origin: &Origin,
    ) -> Result<Result<PublicConfirm, LinkRefusal>, AppError> {
        let (actor, relation, waiting, records) =
            match self.confirm_target(slug, token, origin).await? {
                Ok(x) => x,
                Err(r) => return Ok(Err(r)),
            };
        let Some(given) = records.iter().find(|r| r.id == waiting).cloned() else {
            return Ok(Err(LinkRefusal::Forged));
        };
        let relation_id = relation.to_string();
        let facts = self.relation_facts(&actor, &relation_id).await?;
        let jurisdiction = self.consent_jurisdiction(&actor).await?;
        let record = ConsentRecord {
            id: Uuid::now_v7(),
            relation,
            purpose: given.purpose,
            action: ConsentAction::Confirmed,
            at: OffsetDateTime::now_utc(),
            channel: ConsentChannel::Email,
            statement_version: given.statement_version.clone(),
            recorded_by: Recorder::DataSubject,
            proof: format!(
                "confirmation link followed; link digest {}",
                kluis_crypto::token_digest(token.trim())
            ),
            parental: given.parental,
            double_opt_in: false,
            confirms: Some(waiting),
        };
        retry!({
            let mut tx = self.db().begin_write().await?;
            self.append_checked(&mut tx, &actor, &record, &facts, jurisdiction)
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::ConsentConfirm,
                    "relation",
                    &relation_id,
                    &["purpose", "confirms"],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        Ok(Ok(PublicConfirm {
            org_name: actor.org.name.clone(),
            purpose: given.purpose,
            done: true,
        }))
    }

    async fn preferences_target(
        &self,
        slug: &str,
        token: &str,
        origin: &Origin,
    ) -> Result<Result<(Actor, Uuid), LinkRefusal>, AppError> {
        let (actor, payload) = match self
            .public_link(slug, PREFERENCES_LINK, token, origin)
            .await?
        {
            Ok(x) => x,
            Err(r) => return Ok(Err(r)),
        };
        match self.linked_relation(&actor, &payload).await? {
            Some(r) => Ok(Ok((actor, r))),
            None => Ok(Err(LinkRefusal::Forged)),
        }
    }

    /// The purposes a person decides on: those of the organisation's active activities that rest on consent,
    /// the direct-marketing purposes of its active activities, and every purpose with a record.
    async fn preference_purposes(
        &self,
        actor: &Actor,
        records: &[ConsentRecord],
    ) -> Result<Vec<Purpose>, AppError> {
        let mut out: BTreeSet<Purpose> = records.iter().map(|r| r.purpose).collect();
        for a in self.db().activities(&actor.scope).list().await? {
            let a = a.activity;
            if a.status != ActivityStatus::Active {
                continue;
            }
            for p in &a.purposes {
                if a.lawful_basis == Some(LawfulBasis::Consent) || p.direct_marketing {
                    out.insert(*p);
                }
            }
        }
        Ok(out.into_iter().collect())
    }

    /// What the preferences page shows for `token`: the person's purposes with their state and whether they
    /// objected. Reads no personal value.
    pub async fn public_preferences(
        &self,
        slug: &str,
        token: &str,
        origin: &Origin,
    ) -> Result<Result<PublicPreferences, LinkRefusal>, AppError> {
        let (actor, relation) = match self.preferences_target(slug, token, origin).await? {
            Ok(x) => x,
            Err(r) => return Ok(Err(r)),
        };
        let relation_id = relation.to_string();
        let rows = self
            .db()
            .consent(&actor.scope)
            .records(&relation_id)
            .await?;
        let records = Self::domain_records(&rows)?;
        let email_index = self
            .db()
            .relations(&actor.scope)
            .get(&relation_id)
            .await?
            .and_then(|r| {
                r.values
                    .into_iter()
                    .find(|v| v.field == RelationField::Email)
                    .and_then(|v| v.value_index)
            });
        let suppressed = !self
            .db()
            .consent(&actor.scope)
            .suppressions(&relation_id, email_index.as_deref())
            .await?
            .is_empty();
        let purposes = self.preference_purposes(&actor, &records).await?;
        let states: BTreeMap<Purpose, ConsentState> = purposes
            .iter()
            .map(|p| (*p, consent_state(&records, *p)))
            .collect();
        Ok(Ok(PublicPreferences {
            org_name: actor.org.name.clone(),
            purposes: states.into_iter().collect(),
            suppressed,
            statement_version: self.newest_statement(&actor.scope).await?,
        }))
    }

    /// The person gives, withdraws (one step each) or objects on the preferences page. Giving there counts at
    /// once: the link was sent to their address, so following it already proves the address is theirs (the
    /// proof records the link's digest). The same rules as for members apply (age, suppression). One
    /// transaction, one event as `data_subject`.
    pub async fn public_preference(
        &self,
        slug: &str,
        token: &str,
        purpose: Option<Purpose>,
        choice: PreferenceChoice,
        origin: &Origin,
    ) -> Result<Result<(), LinkRefusal>, AppError> {
        let (actor, relation) = match self.preferences_target(slug, token, origin).await? {
            Ok(x) => x,
            Err(r) => return Ok(Err(r)),
        };
        let relation_id = relation.to_string();
        let facts = self.relation_facts(&actor, &relation_id).await?;
        if choice == PreferenceChoice::Object {
            self.append_objection(
                &actor,
                &relation_id,
                &facts,
                ConsentChannel::PreferencesPage,
            )
            .await?;
            return Ok(Ok(()));
        }
        let Some(purpose) = purpose else {
            return Err(AppError::invalid("purpose", "choose a purpose"));
        };
        let rows = self
            .db()
            .consent(&actor.scope)
            .records(&relation_id)
            .await?;
        let records = Self::domain_records(&rows)?;
        if !self
            .preference_purposes(&actor, &records)
            .await?
            .contains(&purpose)
        {
            return Err(AppError::invalid("purpose", "not a purpose of this page"));
        }
        let giving = choice == PreferenceChoice::Give;
        let record = ConsentRecord {
            id: Uuid::now_v7(),
            relation,
            purpose,
            action: if giving {
                ConsentAction::Given
            } else {
                ConsentAction::Withdrawn
            },
            at: OffsetDateTime::now_utc(),
            channel: ConsentChannel::PreferencesPage,
            statement_version: self
                .newest_statement(&actor.scope)
                .await?
                .unwrap_or_else(|| NO_STATEMENT.to_owned()),
            recorded_by: Recorder::DataSubject,
            proof: format!(
                "preferences page through a link sent by e-mail; link digest {}",
                kluis_crypto::token_digest(token.trim())
            ),
            parental: false,
            double_opt_in: false,
            confirms: None,
        };
        let jurisdiction = self.consent_jurisdiction(&actor).await?;
        let action = if giving {
            AuditAction::ConsentGive
        } else {
            AuditAction::ConsentWithdraw
        };
        retry!({
            let mut tx = self.db().begin_write().await?;
            self.append_checked(&mut tx, &actor, &record, &facts, jurisdiction)
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    action,
                    "relation",
                    &relation_id,
                    &["purpose", "channel", "proof"],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        Ok(Ok(()))
    }
}

/// Re-encrypts every consent proof under the current key (key rotation); returns how many values.
pub(crate) async fn reencrypt_consents(
    ring: &KeyRing,
    tx: &mut WriteTx,
    scope: &OrgScope,
) -> Result<u64, AppError> {
    let org_id = scope.org_id().to_owned();
    let mut n = 0;
    for r in tx.consent(scope).all_records().await? {
        if ring.needs_reencrypt(&r.proof_enc) {
            let proof = ring.reencrypt(&r.proof_enc, &aad(&org_id, &r.id))?;
            tx.consent(scope).set_proof_enc(&r.id, &proof).await?;
            n += 1;
        }
    }
    n += crate::mail::reencrypt_mail(ring, tx, scope).await?;
    Ok(n)
}
