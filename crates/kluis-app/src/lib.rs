//! Application services shared by the web server and the CLI: every use case, authorised and audited.
//!
//! [`App`] is the only entry point. Each mutating use case checks the caller's permission with
//! [`kluis_domain::Role::allows`] and appends an audit event (who, what, names of changed fields, origin) in the
//! same database transaction as the change. There is no HTTP and no SQL here: HTTP lives in `kluis-web`, SQL in
//! `kluis-store`.

mod account;
mod audit;
mod auditor_pack;
mod auth;
mod backup;
mod breaches;
mod compliance;
mod consent;
mod demo;
mod documents;
mod dpia;
mod error;
mod identifiers;
mod invitations;
mod jobs;
mod keys;
mod links;
mod mail;
mod members;
pub mod modules;
mod pack;
mod portfolio;
mod profile;
mod recipients;
mod register;
mod register_export;
mod register_snapshot;
mod relations;
mod relations_import;
mod request_reminders;
mod requests;
mod retention;
mod revision_cache;
mod rights;
mod rights_entry;
mod statements;
mod system;
#[cfg(feature = "testing")]
pub mod testing;
mod types;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use kluis_crypto::KeyRing;
use kluis_domain::identity::{EmailAddress, OrgSlug, Password};
use kluis_store::{Store, sqlite_url};
use revision_cache::RevisionCache;

pub use audit::{checkpoint_from_json, checkpoint_to_json};
pub use breaches::{
    AFFECTED_PAGE, AffectedCount, AffectedDocument, AffectedPerson, AffectedSelection,
    AffectedTarget, BreachDocument, BreachEvent, BreachFacts, BreachInput, BreachSummary,
    BreachView, DecisionInput, LetterRecipient, NotificationInput, PROCESSOR_ACTOR,
    ProcessorReport, SelectionOutcome, reference as breach_reference,
};
pub use compliance::{ComplianceReport, TREND_DAYS, TrendPoint};
pub use consent::{
    ConsentEntry, ConsentInput, ConsentOverview, DATA_SUBJECT, LinkRefusal, PreferenceChoice,
    PublicConfirm, PublicPreferences, RecordOutcome,
};
pub use demo::DemoReport;
pub use documents::{
    DocumentCorrection, DocumentDetail, DocumentFilter, DocumentFinding, DocumentOverview,
    DocumentPage, DocumentStatus, DocumentSummary, FindingInDocument, ImportReport, ImportedFile,
    JOB_DOCUMENT_SCAN,
};
pub use dpia::{
    ActivityDpiaState, DPIA_LIST_MAX, DPIA_TEXT_MAX, DpiaImport, DpiaPart, DpiaSummary,
    DpiaVersionEntry, DpiaView, ScreeningEntry, ScreeningForm, blocker_key, fact_text,
    is_validated as dpia_is_validated, open_item_key, parse_point, point_key,
    screening_reason_text,
};
pub use error::AppError;
pub use identifiers::{IdentifierHit, IdentifierHits, SEARCH_PAGE_SIZE};
pub use invitations::{
    INVITATION_TTL_MS, InvitationSummary, InvitationView, Invitee, NewInvitation,
};
pub use jobs::{JOB_AUDIT_VERIFY, JOB_ORPHAN_BLOBS, JOB_PURGE, JobHandler};
pub use kluis_domain::ScanStatus;
pub use kluis_domain::audit::Checkpoint;
pub use kluis_domain::identity;
pub use kluis_domain::{AuditAction, DocumentClass, EntityType, PersonalDataKind, SpecialCategory};
pub use kluis_domain::{Permission, Role};
pub use kluis_mail::SmtpConfig;
pub use kluis_scan::{
    Isolation as ScanIsolation, Location, Part as LocationPart, PartialReason, WorkerConfig,
    column_letters,
};
pub use kluis_store::{ActivitySummary, StatementRow, StatementVersion};
pub use kluis_store::{RelationEventsRow, RunItemRow, RunRow};
pub use links::{
    ApplyingActivity, DocumentRetention, LINK_ENTITY, LINK_MATCHER_ACTOR, LinkedDocument,
    LinkedPerson, RelationProcessing, TimelineEntry, TimelinePage,
};
pub use mail::{MailDelivery, MailEntry, MailOutcome, MailTemplate};
pub use pack::{MANIFEST_NAME, PackFile, zip_with_manifest};
pub use portfolio::PortfolioRow;
pub use profile::{
    ChecklistAnswer, ProfileView, ReviewInput, ReviewOverview, ReviewRecord,
    registration_error_text,
};
pub use recipients::{
    AGREEMENT_EXTENSIONS, AgreementFile, AgreementInput, RecipientHistory, RecipientHistoryEntry,
    RecipientHistorySubject, RecipientView, StaffMeasure, StaffMeasureInput, accept_agreement_file,
};
pub use register::{ActivityHistoryEntry, ActivityView, StatusChange};
pub use relations::{
    RELATION_SEARCH_LIMIT, RelationInput, RelationListFilter, RelationNote, RelationPage,
    RelationView, TagChoice, reveal_permission as relation_reveal_permission,
};
pub use relations_import::status as import_status;
pub use relations_import::{
    BATCH_ROWS, ExportFormat, ExportPurpose, ImportPreview, ImportProblem, ImportStart, ImportView,
    JOB_RELATION_IMPORT, PreviewRow, RefusedColumn, RelationExport,
};
pub use request_reminders::{JOB_REQUEST_REMINDER_SCHEDULE, JOB_REQUEST_REMINDERS};
pub use requests::{NewRequest, RequestHistoryEntry, RequestStep, RequestSummary, RequestView};
pub use retention::{
    Certificate, CertificateItem, CertificateRule, HoldView, JOB_RETENTION_SCHEDULE,
    JOB_RETENTION_SWEEP, REVIEW_WINDOW_DAYS, RelationEventsInput, ReviewLine, ReviewList, RunView,
    retention_target,
};
pub use rights::{AccessOptions, ErasureLine, ErasureOutcome, Rectification, RequestFile};
pub use rights_entry::PublicRequest;
pub use statements::{RenderedStatement, statement_pdf};
pub use types::*;

/// Settings key under which the fingerprint of the current encryption key is stored.
const KEY_FINGERPRINT_SETTING: &str = "key_fingerprint";
/// Scope string for encrypting and indexing global (non-organisation) values such as users' e-mail addresses.
const GLOBAL_SCOPE: &str = "global";

/// How an installation is wired. Build with [`AppConfig::new`] and adjust fields.
#[derive(Debug, Clone)]
pub struct AppConfig {
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; `None` → SQLite file `<data_dir>/kluis.db`.
    pub database_url: Option<String>,
    /// Object storage for documents; `None` → files under `<data_dir>/blobs`.
    pub blobs_url: Option<String>,
    /// `None` → `<data_dir>/kluis.key`.
    pub key_file: Option<PathBuf>,
    /// Idle time after which a session ends (sliding).
    pub session_ttl: Duration,
    /// Failed logins per e-mail address within `login_window` before logins for it are refused.
    pub login_max_failures: u32,
    /// Failed logins per IP address within `login_window` before logins from it are refused.
    pub login_max_failures_per_ip: u32,
    pub login_window: Duration,
    /// How long the TOTP step of a login may take after the password was accepted.
    pub login_totp_ttl: Duration,
    /// How often an idle job runner looks for due jobs.
    pub job_poll_interval: Duration,
    /// How long a claimed job stays leased without a heartbeat before another instance may take it over.
    pub job_lease: Duration,
    /// Largest document accepted by an upload or import, bytes.
    pub max_document_size: u64,
    /// Where the document scanner parses files: isolated worker processes running `std::env::current_exe()
    /// extract-worker` by default; in-process for tests, whose binary cannot act as the worker.
    pub scan_isolation: ScanIsolation,
    /// The SMTP server and sender for outgoing mail; `None`: every letter is shown to print or send by hand.
    pub smtp: Option<kluis_mail::SmtpConfig>,
    /// The address people reach this installation at (`https://kluis.example.nl`), for links in letters; `None`:
    /// the web layer uses the address the member's request came in on.
    pub public_url: Option<String>,
}

impl AppConfig {
    /// Defaults: SQLite in `data_dir`, key file in `data_dir`, 8-hour sessions, 5 minutes for the TOTP step, 5 failures per address and 50 per
    /// IP in 15 minutes.
    pub fn new(data_dir: impl Into<PathBuf>) -> AppConfig {
        AppConfig {
            data_dir: data_dir.into(),
            database_url: None,
            blobs_url: None,
            key_file: None,
            session_ttl: Duration::from_secs(8 * 3600),
            login_max_failures: 5,
            login_max_failures_per_ip: 50,
            login_window: Duration::from_secs(15 * 60),
            login_totp_ttl: Duration::from_secs(5 * 60),
            job_poll_interval: Duration::from_secs(5),
            job_lease: Duration::from_secs(60),
            max_document_size: 64 << 20,
            scan_isolation: ScanIsolation::Workers(WorkerConfig::default()),
            smtp: None,
            public_url: None,
        }
    }

    /// The database URL in effect.
    pub fn effective_database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| sqlite_url(&self.data_dir.join("kluis.db")))
    }

    /// The key file path in effect.
    pub fn effective_key_file(&self) -> PathBuf {
        self.key_file
            .clone()
            .unwrap_or_else(|| self.data_dir.join("kluis.key"))
    }
}

/// The application: every use case of Kluis. Cheap to clone (an `Arc` inside); share one per process.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    cfg: AppConfig,
    store: Store,
    blobs: kluis_blobs::BlobStore,
    /// Replaced on key rotation.
    keys: RwLock<KeyRing>,
    handlers: RwLock<HashMap<String, JobHandler>>,
    caches: Caches,
    /// Outgoing mail (`mail.rs`): SMTP when configured, else letters handed back to send by hand.
    mailer: kluis_mail::Mailer,
}

/// Values computed from an organisation's data, kept until it changes (`revision_cache.rs`).
#[derive(Default)]
pub(crate) struct Caches {
    pub(crate) reports: RevisionCache<compliance::ComplianceReport>,
    pub(crate) register_summaries: RevisionCache<Vec<kluis_store::ActivitySummary>>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("backend", &self.inner.store.backend())
            .finish_non_exhaustive()
    }
}

async fn connect(cfg: &AppConfig) -> Result<Store, AppError> {
    if cfg.database_url.is_none() {
        // Only this account may read the data dir: it holds the database, the key file and the blobs.
        let mut dir = std::fs::DirBuilder::new();
        dir.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut dir, 0o700);
        dir.create(&cfg.data_dir).map_err(|e| {
            AppError::Setup(format!(
                "cannot create the data directory {}: {e}",
                cfg.data_dir.display()
            ))
        })?;
    }
    Ok(Store::connect(&cfg.effective_database_url()).await?)
}

impl App {
    /// Connects to the database, runs pending migrations and opens the key file. The key file is created only
    /// on a fresh install (no users, no recorded key fingerprint). If the database holds encrypted data and the
    /// key file is missing or is not the key the data was written with, this fails with [`AppError::Setup`] and
    /// a clear message; it never makes a new key then.
    pub async fn open(cfg: AppConfig) -> Result<App, AppError> {
        let store = connect(&cfg).await?;
        store.migrate().await?;
        let keys = open_keys(&cfg, &store).await?;
        let chain_key = keys.audit_chain_key().ok_or_else(|| {
            AppError::Setup("the key file has no audit-key after adding one".into())
        })?;
        store.set_audit_key(chain_key);
        let blobs = open_blobs(&cfg)?;
        let mailer = kluis_mail::Mailer::new(cfg.smtp.as_ref())
            .map_err(|e| AppError::Setup(format!("outgoing mail: {e}")))?;
        let app = App {
            inner: Arc::new(Inner {
                cfg,
                store,
                blobs,
                keys: RwLock::new(keys),
                handlers: RwLock::new(HashMap::new()),
                caches: Caches::default(),
                mailer,
            }),
        };
        // First: anything appended to a chain still hashed as v1 would make it impossible to re-key.
        app.finish_audit_rekey().await?;
        app.encrypt_clear_display_names().await?;
        app.register_builtin_jobs();
        Ok(app)
    }

    /// Runs pending migrations only (for `kluis migrate`); touches no keys.
    pub async fn migrate_only(cfg: &AppConfig) -> Result<MigrationReport, AppError> {
        let store = connect(cfg).await?;
        let status = store.migrate().await?;
        store.close().await;
        Ok(MigrationReport {
            backend: status.backend.as_str().to_owned(),
            applied: status.applied,
            schema_version: status.schema_version,
        })
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ready(&self) -> Result<(), AppError> {
        self.inner
            .store
            .ping()
            .await
            .map_err(|e| AppError::Setup(format!("database not reachable: {e}")))
    }

    /// The configuration this app was opened with.
    pub fn config(&self) -> &AppConfig {
        &self.inner.cfg
    }

    /// Closes the database pool (graceful shutdown).
    pub async fn close(&self) {
        self.inner.store.close().await;
    }

    /// The underlying store, for tests (tampering, inspection). Not available in production builds.
    #[cfg(feature = "testing")]
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// Where document bytes live (local files or S3), for document use cases.
    pub fn blobs(&self) -> &kluis_blobs::BlobStore {
        &self.inner.blobs
    }

    pub(crate) fn db(&self) -> &Store {
        &self.inner.store
    }

    pub(crate) fn caches(&self) -> &Caches {
        &self.inner.caches
    }

    /// The organisation's revision: its audit chain's sequence number, which every change moves.
    pub(crate) async fn revision(&self, actor: &Actor) -> Result<i64, AppError> {
        Ok(self.db().tenant(&actor.scope).audit_head().await?.0)
    }

    pub(crate) fn keys(&self) -> KeyRing {
        match self.inner.keys.read() {
            Ok(k) => k.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub(crate) fn set_keys(&self, ring: KeyRing) {
        match self.inner.keys.write() {
            Ok(mut k) => *k = ring,
            Err(poisoned) => *poisoned.into_inner() = ring,
        }
    }
}

pub(crate) fn open_blobs(cfg: &AppConfig) -> Result<kluis_blobs::BlobStore, AppError> {
    kluis_blobs::BlobStore::open(cfg.blobs_url.as_deref(), &cfg.data_dir)
        .map_err(|e| AppError::Setup(format!("cannot open the document store: {e}")))
}

async fn open_keys(cfg: &AppConfig, store: &Store) -> Result<KeyRing, AppError> {
    let path = cfg.effective_key_file();
    let recorded = store.setting(KEY_FINGERPRINT_SETTING).await?;
    let has_users = store.user_count().await? > 0;
    if !path.exists() {
        if recorded.is_some() || has_users {
            return Err(AppError::Setup(format!(
                "key file {} not found, but the database holds data encrypted with key {}. Restore the key file \
                 from your key backup (or point key_file at it); Kluis will not create a new key for existing data",
                path.display(),
                recorded.as_deref().unwrap_or("(unknown)")
            )));
        }
        let ring = KeyRing::create(&path)?;
        let mut tx = store.begin_write().await?;
        tx.set_setting(KEY_FINGERPRINT_SETTING, &ring.fingerprint())
            .await?;
        tx.commit().await?;
        tracing::info!(key_file = %path.display(), fingerprint = %ring.fingerprint(), "created a new key file");
        return Ok(ring);
    }
    let ring = KeyRing::open(&path)?;
    match recorded {
        None => {
            let mut tx = store.begin_write().await?;
            tx.set_setting(KEY_FINGERPRINT_SETTING, &ring.fingerprint())
                .await?;
            tx.commit().await?;
        }
        Some(fp) if fp == ring.fingerprint() => {}
        // An interrupted rotation leaves the new key current in the file while the database still records the
        // old one; values carry their key version, so they stay readable. `rotate_keys` finishes the job.
        Some(fp) if ring.versions().len() > 1 => {
            // Only accept it if the key really reads the stored data.
            let users = store.all_users().await?;
            let readable = users
                .first()
                .is_none_or(|u| ring.decrypt(&u.email_enc, &auth::email_aad()).is_ok());
            if !readable {
                return Err(AppError::Setup(format!(
                    "key file {} cannot decrypt this database (it expects key {fp}). Use the key file that \
                     belongs to this installation",
                    path.display()
                )));
            }
            tracing::warn!(
                "key rotation was interrupted; run `kluis rotate-keys` again to finish it"
            );
        }
        Some(fp) => {
            return Err(AppError::Setup(format!(
                "key file {} (key {}) is not the key this database was encrypted with (key {fp}). Use the key \
                 file that belongs to this installation",
                path.display(),
                ring.fingerprint()
            )));
        }
    }
    if ring.audit_chain_key().is_none() {
        // A key file from before the audit chain was keyed: give it an audit key, marked for re-keying the old
        // chains (done by `App::open` right after; see kluis-crypto's key file notes).
        let ring = KeyRing::add_audit_key(&path)?;
        tracing::info!(key_file = %path.display(), "added an audit-key to the key file");
        return Ok(ring);
    }
    Ok(ring)
}

/// Normalises an e-mail address for lookup: trimmed and lower-cased.
pub(crate) fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Parses an e-mail address with the domain's rule ([`EmailAddress`]); refused as field `email`.
pub(crate) fn validate_email(email: &str) -> Result<EmailAddress, AppError> {
    EmailAddress::parse(email).map_err(|e| AppError::invalid("email", e.to_string()))
}

/// Parses a password with the domain's policy ([`Password`]); refused as field `field`.
pub(crate) fn validate_password_field(
    field: &'static str,
    password: &str,
) -> Result<Password, AppError> {
    Password::parse(password).map_err(|e| AppError::invalid(field, e.to_string()))
}

pub(crate) fn validate_password(password: &str) -> Result<Password, AppError> {
    validate_password_field("password", password)
}

pub(crate) fn validate_name(field: &'static str, name: &str) -> Result<String, AppError> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > 200 {
        return Err(AppError::invalid(
            field,
            "enter between 1 and 200 characters",
        ));
    }
    Ok(n.to_owned())
}

/// Parses an organisation slug with the domain's rule ([`OrgSlug`]); refused as field `slug`.
pub(crate) fn validate_slug(slug: &str) -> Result<OrgSlug, AppError> {
    OrgSlug::parse(slug).map_err(|e| AppError::invalid("slug", e.to_string()))
}

/// Hashes a password off the async threads (Argon2id takes tens of milliseconds of CPU).
pub(crate) async fn hash_password(password: &Password) -> Result<String, AppError> {
    let p = password.expose().to_owned();
    tokio::task::spawn_blocking(move || kluis_crypto::hash_password(&p))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::from)
}

/// Verifies a password off the async threads; `None` runs a dummy verification of equal cost.
pub(crate) async fn verify_password(password: &str, phc: Option<&str>) -> Result<bool, AppError> {
    let p = password.to_owned();
    let phc = phc.map(str::to_owned);
    tokio::task::spawn_blocking(move || match phc {
        Some(h) => kluis_crypto::verify_password(&p, &h),
        None => {
            kluis_crypto::dummy_verify();
            false
        }
    })
    .await
    .map_err(AppError::internal)
}

/// Runs a use case body (a block using `?` and `return Err(..)`) again when the database reports a transient
/// conflict (PostgreSQL serialization failure or deadlock). Each attempt is a whole transaction, so a retry
/// never doubles an effect. A macro rather than a function taking an async closure, so that the resulting
/// futures stay `Send` for the web server.
macro_rules! retry {
    ($body:block) => {{
        let mut attempt: u32 = 0;
        loop {
            let result: Result<_, $crate::AppError> = async $body.await;
            match result {
                Err(e) if e.is_retryable() && attempt < 5 => {
                    attempt += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(10u64 << attempt)).await;
                }
                other => break other,
            }
        }
    }};
}
pub(crate) use retry;

pub(crate) fn path_display(p: &Path) -> String {
    p.display().to_string()
}

/// Compile-time check that the use-case futures are `Send`, as axum handlers and `tokio::spawn` require.
#[allow(dead_code)]
fn futures_are_send(app: &App, a: &Actor, u: &UserId, o: &Origin, p: &Path) {
    fn send<T: Send>(_: T) {}
    send(App::open(AppConfig::new("x")));
    send(App::migrate_only(&app.inner.cfg));
    send(App::restore(AppConfig::new("x"), p));
    send(app.ready());
    send(app.needs_setup());
    send(app.setup(testing_setup_input(), o));
    send(app.login("", "", o));
    send(app.login_totp("", "", o));
    send(app.session(""));
    send(app.logout(""));
    send(app.switch_org("", ""));
    send(app.actor(u, "", o));
    send(app.actor_from_api_token("", o));
    send(app.api_token_locale(""));
    send(app.members(a));
    send(app.member_display_name(a, ""));
    send(app.invite_member(
        a,
        NewInvitation {
            email: String::new(),
            display_name: String::new(),
            role: Role::Staff,
        },
    ));
    send(app.invitations(a));
    send(app.revoke_invitation(a, ""));
    send(app.invitation_view("", Some(u)));
    send(app.accept_invitation("", u, o));
    send(app.accept_invitation_new_account("", "", "", Locale::En, o));
    send(app.change_role(a, u, Role::Staff));
    send(app.remove_member(a, u));
    send(app.change_password(u, "", "", o));
    send(app.change_password_in_session("", "", "", o));
    send(app.set_locale(u, Locale::En));
    send(app.totp_begin(u));
    send(app.totp_confirm(u, "", ""));
    send(app.totp_disable(u, ""));
    send(app.create_api_token(a, ""));
    send(app.api_tokens(a));
    send(app.revoke_api_token(a, ""));
    send(app.audit_events(a, AuditFilter::default()));
    send(app.verify_audit(a));
    send(app.cli_add_org("", ""));
    send(app.cli_add_user("", "", "", Role::Staff, ""));
    send(app.cli_set_password("", ""));
    send(app.verify_all_audit());
    send(app.rotate_keys());
    send(app.backup(p));
    send(app.run_one_job(""));
    send(app.enqueue_job("", None, serde_json::Value::Null));
}

#[allow(dead_code)]
fn testing_setup_input() -> SetupInput {
    SetupInput {
        org_slug: String::new(),
        org_name: String::new(),
        email: String::new(),
        display_name: String::new(),
        password: String::new(),
        locale: Locale::Nl,
    }
}
