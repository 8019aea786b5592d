//! Data-subject requests (Arts. 12, 15-18, 20, 21): kinds with their articles, states and the transitions
//! allowed between them, the deadline of Art. 12(3) with its extension, and the identity verification record.
//!
//! A request's deadline counts from the local calendar day it arrived (see `calendar::local_date`) and comes from
//! [`crate::deadlines`]: one calendar month clamped to the month's end, three when extended with a notice sent
//! within the first month.

use crate::calendar::local_date;
use crate::deadlines::{DeadlineState, answer_deadline, deadline_state};
use crate::register::Jurisdiction;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

vocabulary! {
    /// A right a data subject exercises.
    RequestKind {
        /// Recht op inzage (Art. 15).
        Access => "access",
        /// Recht op rectificatie (Art. 16).
        Rectification => "rectification",
        /// Recht op gegevenswissing, "recht op vergetelheid" (Art. 17).
        Erasure => "erasure",
        /// Recht op beperking van de verwerking (Art. 18).
        Restriction => "restriction",
        /// Recht op overdraagbaarheid (Art. 20).
        Portability => "portability",
        /// Recht van bezwaar (Art. 21).
        Objection => "objection",
    }
}

impl RequestKind {
    /// The article of the GDPR that grants the right.
    pub const fn article(self) -> &'static str {
        match self {
            RequestKind::Access => "Art. 15",
            RequestKind::Rectification => "Art. 16",
            RequestKind::Erasure => "Art. 17",
            RequestKind::Restriction => "Art. 18",
            RequestKind::Portability => "Art. 20",
            RequestKind::Objection => "Art. 21",
        }
    }

    /// Recipients must be told of the outcome (Art. 19): rectification, erasure and restriction.
    pub const fn informs_recipients(self) -> bool {
        matches!(
            self,
            RequestKind::Rectification | RequestKind::Erasure | RequestKind::Restriction
        )
    }

    /// The OpenDSR `subject_request_type`, for the kinds OpenDSR knows.
    pub const fn opendsr_type(self) -> Option<&'static str> {
        match self {
            RequestKind::Access => Some("access"),
            RequestKind::Portability => Some("portability"),
            RequestKind::Erasure => Some("erasure"),
            _ => None,
        }
    }

    /// The catalogue key of the kind's label, e.g. `request-kind-portability`.
    pub fn label_key(self) -> String {
        format!("request-kind-{}", self.as_str())
    }
}

vocabulary! {
    /// How a request came in.
    RequestChannel {
        /// Registered by a member in the UI (after a letter, a call, a visit).
        Ui => "ui",
        Api => "api",
        /// The organisation's public request form.
        PublicForm => "public_form",
        Email => "email",
        Letter => "letter",
    }
}

vocabulary! {
    /// Where a request stands: the last step taken.
    RequestStatus {
        Received => "received",
        IdentityVerified => "identity_verified",
        /// The deadline was extended by two months (Art. 12(3)).
        Extended => "extended",
        Answered => "answered",
        /// Refused, with reasons and the right to complain (Art. 12(4)).
        Refused => "refused",
        Withdrawn => "withdrawn",
    }
}

impl RequestStatus {
    /// Answered, refused or withdrawn: nothing more happens.
    pub const fn is_closed(self) -> bool {
        matches!(
            self,
            RequestStatus::Answered | RequestStatus::Refused | RequestStatus::Withdrawn
        )
    }

    /// The OpenDSR status: pending, in_progress, completed or cancelled.
    pub const fn opendsr_status(self) -> &'static str {
        match self {
            RequestStatus::Received => "pending",
            RequestStatus::IdentityVerified | RequestStatus::Extended => "in_progress",
            RequestStatus::Answered | RequestStatus::Refused => "completed",
            RequestStatus::Withdrawn => "cancelled",
        }
    }
}

vocabulary! {
    /// Why a request is refused.
    RefusalGround {
        /// Manifestly unfounded (Art. 12(5)); the burden of proof is on the organisation.
        ManifestlyUnfounded => "manifestly_unfounded",
        /// Excessive, in particular repetitive (Art. 12(5)).
        Excessive => "excessive",
        /// The requester's identity could not be established (Art. 12(6), Art. 11(2)).
        IdentityNotVerified => "identity_not_verified",
        /// The right does not apply (portability of data not provided or not on consent or contract, Art. 20(1);
        /// an objection to processing that is not on Art. 6(1)(e) or (f), Art. 21(1)).
        NotApplicable => "not_applicable",
        /// A legal exception (Art. 17(3), Art. 23 with UAVG art. 41 or the Belgian Act of 30 July 2018).
        Exemption => "exemption",
    }
}

impl RefusalGround {
    /// The provision the refusal rests on.
    pub const fn article(self) -> &'static str {
        match self {
            RefusalGround::ManifestlyUnfounded | RefusalGround::Excessive => "Art. 12(5)",
            RefusalGround::IdentityNotVerified => "Art. 12(6)",
            RefusalGround::NotApplicable => "Art. 20(1), Art. 21(1)",
            RefusalGround::Exemption => "Art. 17(3), Art. 23",
        }
    }
}

vocabulary! {
    /// How the requester's identity was established (EDPB Guidelines 01/2022: proportionate, no ID copy by
    /// default).
    VerificationMethod {
        /// The request came from the e-mail address or account already on file.
        KnownChannel => "known_channel",
        /// A link sent to the address on file was followed.
        EmailConfirmation => "email_confirmation",
        /// Questions only the person can answer (customer number, last order).
        ControlQuestions => "control_questions",
        /// An identity document was shown in person and not copied.
        InPerson => "in_person",
        /// A copy of an identity document: only with a justification, BSN and photo masked, purged after
        /// verification.
        IdCopy => "id_copy",
    }
}

/// A copy of an identity document taken to verify a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdCopy {
    /// The blob holding it, until purged.
    pub blob: Option<Uuid>,
    /// Why the other methods did not suffice.
    pub justification: String,
    /// The BSN and the photo are masked (AP, "Kopie van uw identiteitsbewijs").
    pub masked: bool,
    pub taken_at: OffsetDateTime,
    pub purged_at: Option<OffsetDateTime>,
}

/// The record of an identity verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityVerification {
    pub method: VerificationMethod,
    pub at: OffsetDateTime,
    pub by: Uuid,
    /// What was checked, in words (never the values of the document).
    pub note: String,
    /// Only with [`VerificationMethod::IdCopy`].
    pub id_copy: Option<IdCopy>,
}

/// Why a verification record is not acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerificationProblem {
    /// An ID copy without a justification.
    IdCopyWithoutJustification,
    /// An ID copy with the BSN or photo readable.
    IdCopyUnmasked,
    /// The method says ID copy and there is none, or there is a copy under another method.
    MethodMismatch,
}

impl IdentityVerification {
    /// What is wrong with this record; empty when it may be stored.
    pub fn problems(&self) -> Vec<VerificationProblem> {
        let mut out = Vec::new();
        match (&self.method, &self.id_copy) {
            (VerificationMethod::IdCopy, Some(copy)) => {
                if copy.justification.trim().is_empty() {
                    out.push(VerificationProblem::IdCopyWithoutJustification);
                }
                if !copy.masked {
                    out.push(VerificationProblem::IdCopyUnmasked);
                }
            }
            (VerificationMethod::IdCopy, None) | (_, Some(_)) => {
                out.push(VerificationProblem::MethodMismatch)
            }
            _ => {}
        }
        out
    }
}

/// An extension of the deadline by two further months (Art. 12(3)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// The day the notice with the reasons was sent to the data subject (local date).
    pub notice_sent_on: Date,
    pub reason: String,
    pub at: OffsetDateTime,
}

/// One step in a request's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub to: RequestStatus,
    pub at: OffsetDateTime,
    /// The member who took the step; `None` for the data subject (a withdrawal) or the system.
    pub by: Option<Uuid>,
}

/// A step to take on a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transition {
    VerifyIdentity(IdentityVerification),
    /// Extend with a notice sent on `notice_sent_on`, for `reason` (complexity, number of requests).
    Extend {
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

/// Why a step is not allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransitionError {
    /// The request is answered, refused or withdrawn.
    Closed,
    AlreadyVerified,
    /// Answering needs the identity established first.
    NotVerified,
    AlreadyExtended,
    /// The notice must be sent within the first month: on or before `original_due`.
    ExtensionTooLate {
        original_due: Date,
    },
    /// The notice date lies before the request arrived.
    NoticeBeforeReceipt,
    /// An extension and a refusal need reasons.
    NoReason,
    Verification(Vec<VerificationProblem>),
}

/// How a request shows on the dashboard and in the compliance check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DeadlineView {
    /// Answered, refused or withdrawn.
    Closed,
    Open {
        due: Date,
        days_left: i64,
    },
    /// [`DUE_SOON_DAYS`] or fewer days left: remind.
    DueSoon {
        due: Date,
        days_left: i64,
    },
    Overdue {
        due: Date,
        days: i64,
    },
}

/// A request with this many days left or fewer is due soon.
pub const DUE_SOON_DAYS: i64 = 7;

/// A data-subject request and everything that happened to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataSubjectRequest {
    pub id: Uuid,
    pub kind: RequestKind,
    pub channel: RequestChannel,
    /// The relation it concerns, once matched.
    pub relation: Option<Uuid>,
    pub received_at: OffsetDateTime,
    /// The organisation's calendar day at receipt: the deadline counts from it.
    pub received_on: Date,
    pub status: RequestStatus,
    pub verification: Option<IdentityVerification>,
    pub extension: Option<Extension>,
    pub refusal: Option<(RefusalGround, String)>,
    /// When it was answered, refused or withdrawn.
    pub closed_at: Option<OffsetDateTime>,
    pub history: Vec<StatusChange>,
}

impl DataSubjectRequest {
    /// A request received at `received_at` by an organisation in `jurisdiction`.
    pub fn receive(
        id: Uuid,
        kind: RequestKind,
        channel: RequestChannel,
        received_at: OffsetDateTime,
        jurisdiction: Jurisdiction,
    ) -> DataSubjectRequest {
        DataSubjectRequest {
            id,
            kind,
            channel,
            relation: None,
            received_at,
            received_on: local_date(received_at, jurisdiction),
            status: RequestStatus::Received,
            verification: None,
            extension: None,
            refusal: None,
            closed_at: None,
            history: vec![StatusChange {
                to: RequestStatus::Received,
                at: received_at,
                by: None,
            }],
        }
    }

    /// The deadline without extension: receipt plus one month, clamped.
    pub fn original_due(&self) -> Option<Date> {
        answer_deadline(self.received_on, false)
    }

    /// The deadline in force: three months after receipt when extended.
    pub fn due(&self) -> Option<Date> {
        answer_deadline(self.received_on, self.extension.is_some())
    }

    /// Takes `step` at `at` by `by`, or says why it is not allowed (and changes nothing).
    pub fn apply(
        &mut self,
        step: Transition,
        at: OffsetDateTime,
        by: Option<Uuid>,
    ) -> Result<(), TransitionError> {
        if self.status.is_closed() {
            return Err(TransitionError::Closed);
        }
        let to = match step {
            Transition::VerifyIdentity(v) => {
                if self.verification.is_some() {
                    return Err(TransitionError::AlreadyVerified);
                }
                let problems = v.problems();
                if !problems.is_empty() {
                    return Err(TransitionError::Verification(problems));
                }
                self.verification = Some(v);
                RequestStatus::IdentityVerified
            }
            Transition::Extend {
                notice_sent_on,
                reason,
            } => {
                if self.extension.is_some() {
                    return Err(TransitionError::AlreadyExtended);
                }
                if reason.trim().is_empty() {
                    return Err(TransitionError::NoReason);
                }
                if notice_sent_on < self.received_on {
                    return Err(TransitionError::NoticeBeforeReceipt);
                }
                let original_due = self.original_due().unwrap_or(Date::MAX);
                if notice_sent_on > original_due {
                    return Err(TransitionError::ExtensionTooLate { original_due });
                }
                self.extension = Some(Extension {
                    notice_sent_on,
                    reason: reason.trim().to_owned(),
                    at,
                });
                RequestStatus::Extended
            }
            Transition::Answer => {
                if self.verification.is_none() {
                    return Err(TransitionError::NotVerified);
                }
                RequestStatus::Answered
            }
            Transition::Refuse { ground, reason } => {
                if reason.trim().is_empty() {
                    return Err(TransitionError::NoReason);
                }
                self.refusal = Some((ground, reason.trim().to_owned()));
                RequestStatus::Refused
            }
            Transition::Withdraw => RequestStatus::Withdrawn,
        };
        self.status = to;
        if to.is_closed() {
            self.closed_at = Some(at);
        }
        self.history.push(StatusChange { to, at, by });
        Ok(())
    }

    /// How the request shows on `today` (the organisation's local date).
    pub fn deadline_view(&self, today: Date) -> DeadlineView {
        if self.status.is_closed() {
            return DeadlineView::Closed;
        }
        let Some(due) = self.due() else {
            return DeadlineView::Closed;
        };
        match deadline_state(due, today) {
            DeadlineState::Overdue { days } => DeadlineView::Overdue { due, days },
            DeadlineState::Open { days_left } if days_left <= DUE_SOON_DAYS => {
                DeadlineView::DueSoon { due, days_left }
            }
            DeadlineState::Open { days_left } => DeadlineView::Open { due, days_left },
        }
    }

    /// The last day an extension notice may still be sent, while it may: not yet extended, still open, and on or
    /// before the original deadline.
    pub fn extension_possible_until(&self, today: Date) -> Option<Date> {
        let until = self.original_due()?;
        (!self.status.is_closed() && self.extension.is_none() && today <= until).then_some(until)
    }

    /// Closed after its deadline (on `closed_on`, the local date it was closed): for the compliance record.
    pub fn closed_late(&self, closed_on: Date) -> bool {
        self.status.is_closed() && self.due().is_some_and(|due| closed_on > due)
    }

    /// When the ID copy taken for this request must be purged: as soon as the identity is verified (EDPB 01/2022:
    /// it served its purpose then). A copy lives only inside an accepted verification record, so one that failed
    /// to verify anybody is never kept. `None` when there is no copy (left).
    pub fn id_copy_purge_due(&self) -> Option<OffsetDateTime> {
        let v = self.verification.as_ref()?;
        let copy = v.id_copy.as_ref()?;
        if copy.purged_at.is_some() {
            return None;
        }
        Some(v.at)
    }

    /// Records that the ID copy was purged at `at`; `false` when there was nothing to purge.
    pub fn mark_id_copy_purged(&mut self, at: OffsetDateTime) -> bool {
        match self.verification.as_mut().and_then(|v| v.id_copy.as_mut()) {
            Some(copy) if copy.purged_at.is_none() => {
                copy.purged_at = Some(at);
                copy.blob = None;
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn request(at: OffsetDateTime) -> DataSubjectRequest {
        DataSubjectRequest::receive(
            Uuid::nil(),
            RequestKind::Access,
            RequestChannel::PublicForm,
            at,
            Jurisdiction::Nl,
        )
    }

    fn verification(method: VerificationMethod, at: OffsetDateTime) -> IdentityVerification {
        IdentityVerification {
            method,
            at,
            by: Uuid::nil(),
            note: "request from the address on file".to_owned(),
            id_copy: None,
        }
    }

    #[test]
    fn a_request_round_trips_through_json() {
        let mut r = request(datetime!(2026-03-02 08:00 UTC));
        let mut v = verification(VerificationMethod::IdCopy, datetime!(2026-03-02 09:00 UTC));
        v.id_copy = Some(IdCopy {
            blob: Some(Uuid::new_v4()),
            justification: "request by letter".into(),
            masked: true,
            taken_at: datetime!(2026-03-02 08:30 UTC),
            purged_at: None,
        });
        assert_eq!(
            r.apply(
                Transition::VerifyIdentity(v),
                datetime!(2026-03-02 09:00 UTC),
                None
            ),
            Ok(())
        );
        let refuse = Transition::Refuse {
            ground: RefusalGround::Exemption,
            reason: "Art. 17(3)(b)".into(),
        };
        assert_eq!(
            r.apply(refuse, datetime!(2026-03-03 09:00 UTC), None),
            Ok(())
        );
        let json = serde_json::to_string(&r).unwrap_or_default();
        assert!(json.contains("\"received_on\":\"2026-03-02\""), "{json}");
        assert!(json.contains("\"status\":\"refused\""), "{json}");
        let back: DataSubjectRequest =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, r);
    }

    #[test]
    fn kinds_and_their_articles() {
        let articles: Vec<_> = RequestKind::ALL.iter().map(|k| k.article()).collect();
        assert_eq!(
            articles,
            [
                "Art. 15", "Art. 16", "Art. 17", "Art. 18", "Art. 20", "Art. 21"
            ]
        );
        let inform: Vec<_> = RequestKind::ALL
            .iter()
            .filter(|k| k.informs_recipients())
            .collect();
        assert_eq!(
            inform,
            [
                &RequestKind::Rectification,
                &RequestKind::Erasure,
                &RequestKind::Restriction
            ]
        );
        assert_eq!(RequestKind::Rectification.opendsr_type(), None);
        assert_eq!(RequestStatus::Extended.opendsr_status(), "in_progress");
        assert_eq!(RequestStatus::Withdrawn.opendsr_status(), "cancelled");
    }

    #[test]
    fn due_counts_from_the_local_day_of_receipt() {
        // 22:30 UTC on 31 January is 23:30 in Amsterdam: due 28 February, the clamped month end.
        let r = request(datetime!(2026-01-31 22:30 UTC));
        assert_eq!(r.received_on, date!(2026 - 01 - 31));
        assert_eq!(r.due(), Some(date!(2026 - 02 - 28)));
        // An hour later it is 1 February there: due 1 March.
        let r = request(datetime!(2026-01-31 23:30 UTC));
        assert_eq!(r.due(), Some(date!(2026 - 03 - 01)));
        // A leap year.
        let r = request(datetime!(2028-01-31 12:00 UTC));
        assert_eq!(r.due(), Some(date!(2028 - 02 - 29)));
    }

    #[test]
    fn extension_only_with_a_notice_within_the_first_month() {
        let mut r = request(datetime!(2026-01-31 12:00 UTC));
        let at = datetime!(2026-03-01 09:00 UTC);
        let late = Transition::Extend {
            notice_sent_on: date!(2026 - 03 - 01),
            reason: "many documents".into(),
        };
        assert_eq!(
            r.apply(late, at, None),
            Err(TransitionError::ExtensionTooLate {
                original_due: date!(2026 - 02 - 28)
            })
        );
        assert_eq!(r.extension, None);
        assert_eq!(
            r.extension_possible_until(date!(2026 - 02 - 28)),
            Some(date!(2026 - 02 - 28))
        );
        assert_eq!(r.extension_possible_until(date!(2026 - 03 - 01)), None);
        let no_reason = Transition::Extend {
            notice_sent_on: date!(2026 - 02 - 28),
            reason: " ".into(),
        };
        assert_eq!(r.apply(no_reason, at, None), Err(TransitionError::NoReason));
        let early = Transition::Extend {
            notice_sent_on: date!(2026 - 01 - 30),
            reason: "x".into(),
        };
        assert_eq!(
            r.apply(early, at, None),
            Err(TransitionError::NoticeBeforeReceipt)
        );
        // On the last day of the first month it is in time, and the deadline counts from receipt: 30 April.
        let in_time = Transition::Extend {
            notice_sent_on: date!(2026 - 02 - 28),
            reason: "many documents".into(),
        };
        assert_eq!(r.apply(in_time.clone(), at, None), Ok(()));
        assert_eq!(r.status, RequestStatus::Extended);
        assert_eq!(r.due(), Some(date!(2026 - 04 - 30)));
        assert_eq!(
            r.apply(in_time, at, None),
            Err(TransitionError::AlreadyExtended)
        );
        assert_eq!(r.extension_possible_until(date!(2026 - 02 - 01)), None);
    }

    #[test]
    fn transitions_and_their_timestamps() {
        let t0 = datetime!(2026-03-02 08:00 UTC);
        let mut r = request(t0);
        assert_eq!(
            r.apply(Transition::Answer, t0, None),
            Err(TransitionError::NotVerified)
        );
        let v = verification(
            VerificationMethod::KnownChannel,
            datetime!(2026-03-02 09:00 UTC),
        );
        assert_eq!(
            r.apply(
                Transition::VerifyIdentity(v.clone()),
                v.at,
                Some(Uuid::nil())
            ),
            Ok(())
        );
        assert_eq!(
            r.apply(Transition::VerifyIdentity(v), t0, None),
            Err(TransitionError::AlreadyVerified)
        );
        let done = datetime!(2026-03-05 10:00 UTC);
        assert_eq!(r.apply(Transition::Answer, done, Some(Uuid::nil())), Ok(()));
        assert_eq!(r.closed_at, Some(done));
        let steps: Vec<_> = r.history.iter().map(|h| (h.to, h.at)).collect();
        assert_eq!(
            steps,
            [
                (RequestStatus::Received, t0),
                (
                    RequestStatus::IdentityVerified,
                    datetime!(2026-03-02 09:00 UTC)
                ),
                (RequestStatus::Answered, done)
            ]
        );
        assert_eq!(
            r.apply(Transition::Withdraw, done, None),
            Err(TransitionError::Closed)
        );
        assert_eq!(r.deadline_view(date!(2026 - 12 - 01)), DeadlineView::Closed);
        assert!(!r.closed_late(date!(2026 - 03 - 05)));
        // A refusal needs its reason; it may come before verification (the identity could not be established).
        let mut r = request(t0);
        let refuse = |reason: &str| Transition::Refuse {
            ground: RefusalGround::IdentityNotVerified,
            reason: reason.into(),
        };
        assert_eq!(
            r.apply(refuse(""), t0, None),
            Err(TransitionError::NoReason)
        );
        assert_eq!(
            r.apply(refuse("no answer to the control questions"), t0, None),
            Ok(())
        );
        assert_eq!(r.status, RequestStatus::Refused);
        assert_eq!(RefusalGround::Excessive.article(), "Art. 12(5)");
        let mut r = request(t0);
        assert_eq!(r.apply(Transition::Withdraw, t0, None), Ok(()));
        assert!(r.status.is_closed());
    }

    #[test]
    fn due_soon_and_overdue_on_the_dashboard() {
        let r = request(datetime!(2026-03-02 08:00 UTC));
        let due = date!(2026 - 04 - 02);
        assert_eq!(
            r.deadline_view(date!(2026 - 03 - 25)),
            DeadlineView::Open { due, days_left: 8 }
        );
        assert_eq!(
            r.deadline_view(date!(2026 - 03 - 26)),
            DeadlineView::DueSoon { due, days_left: 7 }
        );
        assert_eq!(
            r.deadline_view(due),
            DeadlineView::DueSoon { due, days_left: 0 }
        );
        assert_eq!(
            r.deadline_view(date!(2026 - 04 - 03)),
            DeadlineView::Overdue { due, days: 1 }
        );
        assert!(
            !r.closed_late(date!(2026 - 04 - 03)),
            "still open is not closed late"
        );
        let mut closed = r.clone();
        closed.status = RequestStatus::Answered;
        assert!(closed.closed_late(date!(2026 - 04 - 03)));
        assert!(!closed.closed_late(due));
    }

    #[test]
    fn an_id_copy_needs_a_justification_and_is_purged_after_verification() {
        let at = datetime!(2026-03-02 09:00 UTC);
        let mut v = verification(VerificationMethod::IdCopy, at);
        assert_eq!(v.problems(), vec![VerificationProblem::MethodMismatch]);
        v.id_copy = Some(IdCopy {
            blob: Some(Uuid::new_v4()),
            justification: String::new(),
            masked: false,
            taken_at: datetime!(2026-03-02 08:30 UTC),
            purged_at: None,
        });
        assert_eq!(
            v.problems(),
            vec![
                VerificationProblem::IdCopyWithoutJustification,
                VerificationProblem::IdCopyUnmasked
            ]
        );
        let mut r = request(datetime!(2026-03-02 08:00 UTC));
        assert_eq!(
            r.apply(Transition::VerifyIdentity(v.clone()), at, None),
            Err(TransitionError::Verification(vec![
                VerificationProblem::IdCopyWithoutJustification,
                VerificationProblem::IdCopyUnmasked
            ]))
        );
        assert_eq!(r.status, RequestStatus::Received);
        if let Some(copy) = v.id_copy.as_mut() {
            copy.justification = "no e-mail address on file, request by letter".into();
            copy.masked = true;
        }
        assert!(v.problems().is_empty());
        let mut known = verification(VerificationMethod::KnownChannel, at);
        known.id_copy = v.id_copy.clone();
        assert_eq!(known.problems(), vec![VerificationProblem::MethodMismatch]);
        assert_eq!(r.id_copy_purge_due(), None);
        assert_eq!(r.apply(Transition::VerifyIdentity(v), at, None), Ok(()));
        assert_eq!(r.id_copy_purge_due(), Some(at));
        assert!(r.mark_id_copy_purged(datetime!(2026-03-02 09:05 UTC)));
        assert_eq!(r.id_copy_purge_due(), None);
        assert!(!r.mark_id_copy_purged(datetime!(2026-03-02 09:06 UTC)));
        assert_eq!(
            r.verification.and_then(|v| v.id_copy).and_then(|c| c.blob),
            None
        );
    }
}
