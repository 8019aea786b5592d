//! The application layer as the web layer sees it: one place that names what kluis-web uses from kluis-app.

pub use kluis_app::{ActivityHistoryEntry, ActivitySummary, ActivityView, StatusChange};
pub use kluis_app::{
    Actor, App, AppError, AuditFilter, AuditVerification, Locale, LoginOutcome, Member,
    NewInvitation, Origin, SessionInfo, SetupInput, UserId,
};
pub use kluis_app::{AuditEntry, checkpoint_from_json, checkpoint_to_json};
pub use kluis_app::{
    DocumentCorrection, DocumentDetail, DocumentFilter, DocumentFinding, DocumentOverview,
    DocumentStatus, DocumentSummary, IdentifierHit, ScanStatus,
};
pub use kluis_app::{InvitationSummary, Invitee};
