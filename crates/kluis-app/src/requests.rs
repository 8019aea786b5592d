//! Data-subject requests: registering one, listing and reading them, and taking each step through the domain's
//! rule book (`DataSubjectRequest::apply`), one transaction and one audit event per step.
//!
//! The requester's name and contact and the step records (verification note, reasons) are encrypted at rest
//! with the organisation, table, column and row in the AAD; every use case that decrypts them to show them
//! appends `request.read` naming the fields, like member listings. The history table holds keys only.

use kluis_crypto::KeyRing;
use kluis_domain::calendar::{local_date, local_offset, moment_of_ms};
use kluis_domain::identity::EmailAddress;
use kluis_domain::register::Jurisdiction;
use kluis_domain::relations::requests::{
    DataSubjectRequest, DeadlineView, Extension, IdentityVerification, RefusalGround,
    RequestChannel, RequestKind, RequestStatus, Transition, TransitionError, VerificationMethod,
    VerificationProblem,
};
use kluis_domain::{AuditAction, Permission};
use kluis_store::{OrgScope, RequestRow, TransitionRow, WriteTx};
use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime};
use uuid::Uuid;

use crate::audit::require;
use crate::{Actor, App, AppError, retry, validate_name};

const TABLE: &str = "requests";
/// A registration may say "now" with a clock a little ahead of the server's; anything later is a typo.
const FUTURE_SLACK: Duration = Duration::minutes(5);
/// Notes and reasons are words, not documents.
const MAX_TEXT: usize = 2000;

pub(crate) fn aad(org_id: &str, column: &str, id: &str) -> Vec<u8> {
    KeyRing::aad(org_id, TABLE, &format!("{column}/{id}"))
}

/// What a member registers.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub kind: RequestKind,
    pub channel: RequestChannel,
    /// The requester's name as given.
    pub requester_name: String,
    /// The requester's e-mail address as given: where the answer goes.
    pub requester_email: String,
    /// When it arrived; now when `None`. Not in the future.
    pub received_at: Option<OffsetDateTime>,
    /// When it arrived as a wall-clock time on the organisation's calendar (a form's date and time); used when
    /// `received_at` is `None`.
    pub received_local: Option<PrimitiveDateTime>,
    /// The relation it concerns (its id), if already known (the relations module matches it later).
    pub relation_id: Option<String>,
}

/// A step a member takes, as the pages and the API give it.
#[derive(Debug, Clone)]
pub enum RequestStep {
    VerifyIdentity {
        method: VerificationMethod,
        /// What was checked, in words (never the values of a document).
        note: String,
    },
    /// The identity was verified with a copy of an identity document (only when nothing less suffices): the
    /// record says a copy was taken, why, and that the BSN and photo were masked; the copy is purged in the same
    /// step, since the verification is its whole purpose (EDPB 01/2022).
    VerifyWithIdCopy {
        justification: String,
        masked: bool,
        note: String,
    },
    Extend {
        /// The day the notice with the reasons was sent (the organisation's calendar).
        notice_sent_on: Date,
        reason: String,
    },
    Answer,
    Refuse {
        ground: RefusalGround,
        reason: String,
    },
    Withdraw,
}

impl RequestStep {
    fn action(&self) -> AuditAction {
        match self {
            RequestStep::VerifyIdentity { .. } | RequestStep::VerifyWithIdCopy { .. } => {
                AuditAction::RequestVerifyIdentity
            }
            RequestStep::Extend { .. } => AuditAction::RequestExtend,
            RequestStep::Answer => AuditAction::RequestAnswer,
            RequestStep::Refuse { .. } => AuditAction::RequestRefuse,
            RequestStep::Withdraw => AuditAction::RequestWithdraw,
        }
    }

    /// The names of the fields the step writes, for the audit event.
    fn fields(&self) -> &'static [&'static str] {
        match self {
            RequestStep::VerifyIdentity { .. } => &["status", "verification"],
            RequestStep::VerifyWithIdCopy { .. } => &["status", "verification", "id_copy"],
            RequestStep::Extend { .. } => &["status", "due_on", "extension"],
            RequestStep::Refuse { .. } => &["status", "closed_at", "refusal"],
            RequestStep::Answer | RequestStep::Withdraw => &["status", "closed_at"],
        }
    }

    /// The key the history keeps for why (never free text).
    fn reason_key(&self) -> Option<String> {
        match self {
            RequestStep::VerifyIdentity { method, .. } => Some(method.as_str().to_owned()),
            RequestStep::VerifyWithIdCopy { .. } => {
                Some(VerificationMethod::IdCopy.as_str().to_owned())
            }
            RequestStep::Refuse { ground, .. } => Some(ground.as_str().to_owned()),
            RequestStep::Extend { .. } => Some("extension_notice".to_owned()),
            RequestStep::Answer | RequestStep::Withdraw => None,
        }
    }
}

/// The step records kept encrypted with a request.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Detail {
    pub(crate) verification: Option<IdentityVerification>,
    pub(crate) extension: Option<Extension>,
    pub(crate) refusal: Option<(RefusalGround, String)>,
    /// The language of the letters to the requester (`nl`, `en`); the organisation's when absent.
    #[serde(default)]
    pub(crate) lang: Option<String>,
    /// The requester's own words (the public form's message).
    #[serde(default)]
    pub(crate) message: Option<String>,
    /// What a rectification changed and whom to inform (Art. 19).
    #[serde(default)]
    pub(crate) rectification: Option<crate::rights::Rectification>,
    /// What an erasure did, for the report to the person.
    #[serde(default)]
    pub(crate) erasure: Option<crate::rights::ErasureOutcome>,
}

/// Where a letter about a request goes (`mail.rs`).
pub(crate) struct RequestContact {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) email: String,
    pub(crate) kind_label_key: String,
    pub(crate) article: &'static str,
    pub(crate) due_on: Date,
    pub(crate) relation_id: Option<String>,
}

/// A request as lists show it.
#[derive(Debug, Clone)]
pub struct RequestSummary {
    pub id: String,
    pub kind: RequestKind,
    pub channel: RequestChannel,
    pub status: RequestStatus,
    pub received_at_ms: i64,
    pub received_on: Date,
    pub due_on: Date,
    pub extended: bool,
    pub closed_at_ms: Option<i64>,
    /// Open, due soon, overdue or closed, on the organisation's calendar today.
    pub deadline: DeadlineView,
    pub requester_name: String,
}

/// One step in a request's history as the detail shows it.
#[derive(Debug, Clone)]
pub struct RequestHistoryEntry {
    pub from: Option<RequestStatus>,
    pub to: RequestStatus,
    pub reason_key: Option<String>,
    /// User id of the member who took it.
    pub actor: Option<String>,
    pub at_ms: i64,
}

/// A request with everything recorded about it.
#[derive(Debug, Clone)]
pub struct RequestView {
    pub summary: RequestSummary,
    pub requester_email: String,
    pub relation_id: Option<String>,
    pub verification: Option<IdentityVerification>,
    pub extension: Option<Extension>,
    pub refusal: Option<(RefusalGround, String)>,
    /// The last day an extension notice may still be sent, while one may.
    pub extension_possible_until: Option<Date>,
    pub history: Vec<RequestHistoryEntry>,
    /// The requester's own message (the public form's).
    pub message: Option<String>,
    /// The language of the letters to the requester.
    pub lang: Option<String>,
    /// What a rectification changed and whom to inform (Art. 19).
    pub rectification: Option<crate::rights::Rectification>,
    /// What an erasure did.
    pub erasure: Option<crate::rights::ErasureOutcome>,
}

fn corrupt(what: &str, id: &str) -> AppError {
    AppError::Internal(anyhow::anyhow!(
        "stored request {id} has an unreadable {what}"
    ))
}

/// `YYYY-MM-DD`, as dates are stored and compared in SQL.
pub(crate) fn iso(d: Date) -> String {
    // `Date`'s Display is ISO 8601 (`2026-01-31`) for every year the calendar uses.
    d.to_string()
}

fn parse_date(s: &str, id: &str) -> Result<Date, AppError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s, &format).map_err(|_| corrupt("date", id))
}

fn words(field: &'static str, text: &str, required: bool) -> Result<String, AppError> {
    let t = text.trim();
    if required && t.is_empty() {
        return Err(AppError::invalid(field, "give the reason in a few words"));
    }
    if t.chars().count() > MAX_TEXT {
        return Err(AppError::invalid(
            field,
            format!("at most {MAX_TEXT} characters"),
        ));
    }
    Ok(t.to_owned())
}

/// A refused step in words a person understands; the field names the input to correct.
fn refused(e: TransitionError) -> AppError {
    match e {
        TransitionError::Closed => {
            AppError::Conflict("this request is closed: nothing more can be done with it".into())
        }
        TransitionError::AlreadyVerified => {
            AppError::Conflict("the requester's identity was already verified".into())
        }
        TransitionError::NotVerified => AppError::Conflict(
            "verify the requester's identity before answering (or refuse the request)".into(),
        ),
        TransitionError::AlreadyExtended => {
            AppError::Conflict("the deadline was already extended once".into())
        }
        TransitionError::ExtensionTooLate { original_due } => AppError::invalid(
            "notice_sent_on",
            format!(
                "too late to extend: the notice must be sent within the first month, by {original_due} (Art. 12(3))"
            ),
        ),
        TransitionError::NoticeBeforeReceipt => AppError::invalid(
            "notice_sent_on",
            "the notice cannot be sent before the request arrived",
        ),
        TransitionError::NoReason => AppError::invalid("reason", "give the reason in a few words"),
        TransitionError::Verification(problems) => {
            let message = if problems.contains(&VerificationProblem::MethodMismatch) {
                "a copy of an identity document is recorded with its justification; choose that step"
            } else {
                "the identity document copy needs a justification and a masked BSN and photo"
            };
            AppError::invalid("method", message)
        }
    }
}

impl App {
    /// The organisation's jurisdiction (its calendar), the Netherlands until the profile says otherwise.
    async fn request_jurisdiction(&self, actor: &Actor) -> Result<Jurisdiction, AppError> {
        Ok(self
            .profile(actor)
            .await?
            .profile
            .jurisdiction
            .unwrap_or(Jurisdiction::Nl))
    }

    /// Today on the organisation's calendar.
    async fn request_today(&self, actor: &Actor) -> Result<(Jurisdiction, Date), AppError> {
        let j = self.request_jurisdiction(actor).await?;
        Ok((j, local_date(OffsetDateTime::now_utc(), j)))
    }

    fn decrypt_text(&self, enc: &[u8], aad: &[u8]) -> Result<String, AppError> {
        String::from_utf8(self.keys().decrypt(enc, aad)?).map_err(AppError::internal)
    }

    /// The step records of a stored request, decrypted.
    pub(crate) fn request_detail(&self, org_id: &str, r: &RequestRow) -> Result<Detail, AppError> {
        self.detail_of(org_id, r)
    }

    /// The domain's request of a stored row.
    pub(crate) fn request_domain(
        &self,
        org_id: &str,
        r: &RequestRow,
    ) -> Result<DataSubjectRequest, AppError> {
        self.domain_request(org_id, r)
    }

    /// `detail` encrypted for request `id`.
    pub(crate) fn seal_detail(
        &self,
        org_id: &str,
        id: &str,
        detail: &Detail,
    ) -> Result<Vec<u8>, AppError> {
        let json = serde_json::to_vec(detail).map_err(AppError::internal)?;
        Ok(self.keys().encrypt(&json, &aad(org_id, "detail_enc", id)))
    }

    fn detail_of(&self, org_id: &str, r: &RequestRow) -> Result<Detail, AppError> {
        let json = self
            .keys()
            .decrypt(&r.detail_enc, &aad(org_id, "detail_enc", &r.id))?;
        serde_json::from_slice(&json).map_err(|_| corrupt("detail", &r.id))
    }

    /// The domain's request from a stored row (its history is not needed to take the next step).
    fn domain_request(&self, org_id: &str, r: &RequestRow) -> Result<DataSubjectRequest, AppError> {
        let detail = self.detail_of(org_id, r)?;
        Ok(DataSubjectRequest {
            id: Uuid::parse_str(&r.id).map_err(|_| corrupt("id", &r.id))?,
            kind: r.kind.parse().map_err(|_| corrupt("kind", &r.id))?,
            channel: r.channel.parse().map_err(|_| corrupt("channel", &r.id))?,
            relation: r
                .relation_id
                .as_deref()
                .and_then(|s| Uuid::parse_str(s).ok()),
            received_at: moment_of_ms(r.received_at).ok_or_else(|| corrupt("receipt", &r.id))?,
            received_on: parse_date(&r.received_on, &r.id)?,
            status: r.status.parse().map_err(|_| corrupt("status", &r.id))?,
            verification: detail.verification,
            extension: detail.extension,
            refusal: detail.refusal,
            closed_at: r.closed_at.and_then(moment_of_ms),
            history: Vec::new(),
        })
    }

    /// A summary of a stored row; decrypts the name only when `with_name`.
    fn summary_of(
        &self,
        org_id: &str,
        r: &RequestRow,
        today: Date,
        with_name: bool,
    ) -> Result<RequestSummary, AppError> {
        let d = self.domain_request(org_id, r)?;
        let requester_name = if with_name {
            self.decrypt_text(
                &r.requester_name_enc,
                &aad(org_id, "requester_name_enc", &r.id),
            )?
        } else {
            String::new()
        };
        Ok(RequestSummary {
            id: r.id.clone(),
            kind: d.kind,
            channel: d.channel,
            status: d.status,
            received_at_ms: r.received_at,
            received_on: d.received_on,
            due_on: parse_date(&r.due_on, &r.id)?,
            extended: r.extended,
            closed_at_ms: r.closed_at,
            deadline: d.deadline_view(today),
            requester_name,
        })
    }

    /// Registers a data-subject request (Permission::Write: staff take the call too). The deadline counts from
    /// the organisation's calendar day of receipt. One transaction, one `request.create` event. Returns its id.
    pub async fn create_request(
        &self,
        actor: &Actor,
        input: &NewRequest,
    ) -> Result<String, AppError> {
        self.create_request_with(actor, input, None, None).await
    }

    /// [`App::create_request`] with the language the letters to the requester are written in, and the
    /// requester's own message (kept encrypted with the request).
    pub async fn create_request_with(
        &self,
        actor: &Actor,
        input: &NewRequest,
        lang: Option<kluis_i18n::Lang>,
        message: Option<String>,
    ) -> Result<String, AppError> {
        require(actor, Permission::Write)?;
        let name = validate_name("requester_name", &input.requester_name)?;
        let email = EmailAddress::parse(&input.requester_email)
            .map_err(|_| AppError::invalid("requester_email", "not an e-mail address"))?
            .into_string();
        let now = OffsetDateTime::now_utc();
        let jurisdiction = self.request_jurisdiction(actor).await?;
        let received_at = match (input.received_at, input.received_local) {
            (Some(at), _) => at,
            // The offset in force at that wall-clock time; off by an hour only inside the night's switch hour.
            (None, Some(local)) => {
                local.assume_offset(local_offset(local.assume_utc(), jurisdiction))
            }
            (None, None) => now,
        };
        if received_at > now + FUTURE_SLACK {
            return Err(AppError::invalid(
                "received_at",
                "a request cannot arrive in the future",
            ));
        }
        let id = Uuid::now_v7();
        let mut request =
            DataSubjectRequest::receive(id, input.kind, input.channel, received_at, jurisdiction);
        request.relation = input
            .relation_id
            .as_deref()
            .map(|r| Uuid::parse_str(r.trim()))
            .transpose()
            .map_err(|_| AppError::invalid("relation_id", "not a relation id"))?;
        let due = request
            .due()
            .ok_or_else(|| AppError::invalid("received_at", "out of the calendar's range"))?;
        let id = id.to_string();
        let org_id = actor.scope.org_id().to_owned();
        let keys = self.keys();
        let detail = serde_json::to_vec(&Detail {
            lang: lang.map(|l| l.code().to_owned()),
            message,
            ..Detail::default()
        })
        .map_err(AppError::internal)?;
        let received_ms = (received_at.unix_timestamp_nanos() / 1_000_000) as i64;
        let row = RequestRow {
            id: id.clone(),
            kind: input.kind.as_str().to_owned(),
            channel: input.channel.as_str().to_owned(),
            status: request.status.as_str().to_owned(),
            received_at: received_ms,
            received_on: iso(request.received_on),
            due_on: iso(due),
            extended: false,
            closed_at: None,
            relation_id: request.relation.map(|u| u.to_string()),
            requester_name_enc: keys
                .encrypt(name.as_bytes(), &aad(&org_id, "requester_name_enc", &id)),
            requester_contact_enc: keys.encrypt(
                email.as_bytes(),
                &aad(&org_id, "requester_contact_enc", &id),
            ),
            detail_enc: keys.encrypt(&detail, &aad(&org_id, "detail_enc", &id)),
            created_by: actor.user_id.as_str().to_owned(),
            version: 1,
        };
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.requests(&actor.scope).insert(&row).await?;
            tx.requests(&actor.scope)
                .add_transition(
                    &id,
                    &TransitionRow {
                        seq: 1,
                        from_status: None,
                        to_status: RequestStatus::Received.as_str().to_owned(),
                        reason_key: Some(input.channel.as_str().to_owned()),
                        actor: Some(actor.user_id.as_str().to_owned()),
                        at: received_ms,
                    },
                )
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RequestCreate,
                    "request",
                    &id,
                    &[
                        "kind",
                        "channel",
                        "received_at",
                        "requester_name",
                        "requester_contact",
                    ],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        tracing::info!(request = %id, kind = input.kind.as_str(), "data-subject request registered");
        Ok(id)
    }

    /// The organisation's requests with `status` (all when `None`), open ones first by due date (Permission::
    /// Read). The requesters' names are decrypted to show them, so a listing that shows any is audited as
    /// `request.read` before it is returned.
    pub async fn requests(
        &self,
        actor: &Actor,
        status: Option<RequestStatus>,
    ) -> Result<Vec<RequestSummary>, AppError> {
        require(actor, Permission::Read)?;
        let (_, today) = self.request_today(actor).await?;
        let org_id = actor.scope.org_id();
        let rows = self
            .db()
            .requests(&actor.scope)
            .list(status.map(RequestStatus::as_str))
            .await?;
        let out = rows
            .iter()
            .map(|r| self.summary_of(org_id, r, today, true))
            .collect::<Result<Vec<_>, _>>()?;
        if !out.is_empty() {
            self.audit_access(
                actor,
                &actor.event(
                    AuditAction::RequestRead,
                    "request",
                    org_id,
                    &["requester_name"],
                ),
            )
            .await?;
        }
        Ok(out)
    }

    /// One request with its requester, step records and history (Permission::Read). Decrypting the requester's
    /// name and contact is a read of personal data: audited as `request.read` before anything is returned.
    pub async fn request(&self, actor: &Actor, id: &str) -> Result<RequestView, AppError> {
        require(actor, Permission::Read)?;
        let (_, today) = self.request_today(actor).await?;
        let org_id = actor.scope.org_id();
        let store = self.db().requests(&actor.scope);
        let r = store.get(id.trim()).await?.ok_or(AppError::NotFound)?;
        let d = self.domain_request(org_id, &r)?;
        let summary = self.summary_of(org_id, &r, today, true)?;
        let requester_email = self.decrypt_text(
            &r.requester_contact_enc,
            &aad(org_id, "requester_contact_enc", &r.id),
        )?;
        let history = store
            .history(&r.id)
            .await?
            .into_iter()
            .map(|t| {
                Ok(RequestHistoryEntry {
                    from: t
                        .from_status
                        .as_deref()
                        .map(str::parse)
                        .transpose()
                        .map_err(|_| corrupt("history", &r.id))?,
                    to: t.to_status.parse().map_err(|_| corrupt("history", &r.id))?,
                    reason_key: t.reason_key,
                    actor: t.actor,
                    at_ms: t.at,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        self.audit_access(
            actor,
            &actor.event(
                AuditAction::RequestRead,
                "request",
                &r.id,
                &["requester_name", "requester_contact"],
            ),
        )
        .await?;
        let detail = self.detail_of(org_id, &r)?;
        Ok(RequestView {
            message: detail.message,
            lang: detail.lang,
            rectification: detail.rectification,
            erasure: detail.erasure,
            extension_possible_until: d.extension_possible_until(today),
            summary,
            requester_email,
            relation_id: r.relation_id.clone(),
            verification: d.verification,
            extension: d.extension,
            refusal: d.refusal,
            history,
        })
    }

    /// Whether request `id` exists in the actor's organisation (Permission::Read): `NotFound` when not. Reads
    /// nothing personal.
    pub async fn request_exists(&self, actor: &Actor, id: &str) -> Result<(), AppError> {
        require(actor, Permission::Read)?;
        self.db()
            .requests(&actor.scope)
            .get(id.trim())
            .await?
            .map(|_| ())
            .ok_or(AppError::NotFound)
    }

    /// Takes `step` on request `id` (Permission::HandleRequests) through the domain's rules: a step they do not
    /// allow (an extension after the first month, an answer before verification, anything on a closed request)
    /// is refused and changes nothing. One transaction, one audit event naming the step.
    pub async fn request_step(
        &self,
        actor: &Actor,
        id: &str,
        step: RequestStep,
    ) -> Result<RequestStatus, AppError> {
        require(actor, Permission::HandleRequests)?;
        let by = Uuid::parse_str(actor.user_id.as_str()).ok();
        let transition = match &step {
            RequestStep::VerifyIdentity { method, note } => {
                Transition::VerifyIdentity(IdentityVerification {
                    method: *method,
                    at: OffsetDateTime::now_utc(),
                    by: by.unwrap_or(Uuid::nil()),
                    note: words("note", note, false)?,
                    id_copy: None,
                })
            }
            RequestStep::VerifyWithIdCopy {
                justification,
                masked,
                note,
            } => {
                let now = OffsetDateTime::now_utc();
                Transition::VerifyIdentity(IdentityVerification {
                    method: VerificationMethod::IdCopy,
                    at: now,
                    by: by.unwrap_or(Uuid::nil()),
                    note: words("note", note, false)?,
                    id_copy: Some(kluis_domain::relations::requests::IdCopy {
                        blob: None,
                        justification: words("justification", justification, true)?,
                        masked: *masked,
                        taken_at: now,
                        purged_at: None,
                    }),
                })
            }
            RequestStep::Extend {
                notice_sent_on,
                reason,
            } => Transition::Extend {
                notice_sent_on: *notice_sent_on,
                reason: words("reason", reason, true)?,
            },
            RequestStep::Answer => Transition::Answer,
            RequestStep::Refuse { ground, reason } => Transition::Refuse {
                ground: *ground,
                reason: words("reason", reason, true)?,
            },
            RequestStep::Withdraw => Transition::Withdraw,
        };
        let id = id.trim().to_owned();
        let org_id = actor.scope.org_id().to_owned();
        let status = retry!({
            let mut tx = self.db().begin_write().await?;
            let status = self
                .take_step(&mut tx, actor, &org_id, &id, transition.clone(), &step)
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(step.action(), "request", &id, step.fields()))
                .await?;
            tx.commit().await?;
            Ok(status)
        })?;
        tracing::info!(request = %id, status = status.as_str(), "data-subject request step");
        Ok(status)
    }

    async fn take_step(
        &self,
        tx: &mut WriteTx,
        actor: &Actor,
        org_id: &str,
        id: &str,
        transition: Transition,
        step: &RequestStep,
    ) -> Result<RequestStatus, AppError> {
        let row = tx
            .requests(&actor.scope)
            .get(id)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut d = self.domain_request(org_id, &row)?;
        let from = d.status;
        let at = OffsetDateTime::now_utc();
        let by = Uuid::parse_str(actor.user_id.as_str()).ok();
        d.apply(transition, at, by).map_err(refused)?;
        let at_ms = (at.unix_timestamp_nanos() / 1_000_000) as i64;
        let due = d.due().ok_or_else(|| corrupt("deadline", id))?;
        // The ID copy served its purpose once the identity is verified: purged in the same step (the domain's
        // rule), so no copy outlives the verification it was taken for.
        if d.id_copy_purge_due().is_some_and(|due| due <= at) {
            d.mark_id_copy_purged(at);
        }
        let detail = serde_json::to_vec(&Detail {
            verification: d.verification.clone(),
            extension: d.extension.clone(),
            refusal: d.refusal.clone(),
            ..self.detail_of(org_id, &row)?
        })
        .map_err(AppError::internal)?;
        let updated = RequestRow {
            status: d.status.as_str().to_owned(),
            due_on: iso(due),
            extended: d.extension.is_some(),
            closed_at: d.closed_at.map(|_| at_ms).or(row.closed_at),
            detail_enc: self.keys().encrypt(&detail, &aad(org_id, "detail_enc", id)),
            version: row.version + 1,
            ..row
        };
        tx.requests(&actor.scope).update(&updated).await?;
        tx.requests(&actor.scope)
            .add_transition(
                id,
                &TransitionRow {
                    seq: 0,
                    from_status: Some(from.as_str().to_owned()),
                    to_status: d.status.as_str().to_owned(),
                    reason_key: step.reason_key(),
                    actor: Some(actor.user_id.as_str().to_owned()),
                    at: at_ms,
                },
            )
            .await?;
        Ok(d.status)
    }

    /// Who a letter about request `id` goes to (for the mail service's acknowledgement, extension notice and
    /// answer): decrypts the requester's name and address for the letter only, so it appends no read event; the
    /// letter's own `mail.send` event records it.
    pub(crate) async fn request_contact(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<RequestContact, AppError> {
        let org_id = actor.scope.org_id();
        let r = self
            .db()
            .requests(&actor.scope)
            .get(id.trim())
            .await?
            .ok_or(AppError::NotFound)?;
        let kind: RequestKind = r.kind.parse().map_err(|_| corrupt("kind", &r.id))?;
        Ok(RequestContact {
            name: self.decrypt_text(
                &r.requester_name_enc,
                &aad(org_id, "requester_name_enc", &r.id),
            )?,
            email: self.decrypt_text(
                &r.requester_contact_enc,
                &aad(org_id, "requester_contact_enc", &r.id),
            )?,
            kind_label_key: kind.label_key(),
            article: kind.article(),
            due_on: parse_date(&r.due_on, &r.id)?,
            relation_id: r.relation_id.clone(),
            id: r.id,
        })
    }

    /// Open requests overdue or due within [`kluis_domain::relations::requests::DUE_SOON_DAYS`] days, earliest
    /// first (Permission::Read), without the requesters: what the compliance check and the dashboard report.
    pub async fn requests_needing_attention(
        &self,
        actor: &Actor,
    ) -> Result<Vec<RequestSummary>, AppError> {
        require(actor, Permission::Read)?;
        let (_, today) = self.request_today(actor).await?;
        let until = today
            .checked_add(Duration::days(
                kluis_domain::relations::requests::DUE_SOON_DAYS,
            ))
            .unwrap_or(Date::MAX);
        let org_id = actor.scope.org_id();
        self.db()
            .requests(&actor.scope)
            .open_due_by(&iso(until))
            .await?
            .iter()
            .map(|r| self.summary_of(org_id, r, today, false))
            .collect()
    }
}

/// Re-encrypts every request's encrypted columns under the current key (key rotation); returns how many values.
pub(crate) async fn reencrypt_requests(
    ring: &KeyRing,
    tx: &mut WriteTx,
    scope: &OrgScope,
) -> Result<u64, AppError> {
    let mut n = 0;
    let org_id = scope.org_id().to_owned();
    for r in tx.requests(scope).all().await? {
        if ring.needs_reencrypt(&r.requester_name_enc)
            || ring.needs_reencrypt(&r.requester_contact_enc)
            || ring.needs_reencrypt(&r.detail_enc)
        {
            let name = ring.reencrypt(
                &r.requester_name_enc,
                &aad(&org_id, "requester_name_enc", &r.id),
            )?;
            let contact = ring.reencrypt(
                &r.requester_contact_enc,
                &aad(&org_id, "requester_contact_enc", &r.id),
            )?;
            let detail = ring.reencrypt(&r.detail_enc, &aad(&org_id, "detail_enc", &r.id))?;
            tx.requests(scope)
                .set_encrypted(&r.id, &name, &contact, &detail)
                .await?;
            n += 3;
        }
    }
    Ok(n)
}
