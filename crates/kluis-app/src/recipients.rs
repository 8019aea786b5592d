//! The recipients module: processors and other recipients, their processing agreements (Art. 28) with the
//! signed document stored like every document, and staff measures (confidentiality declarations, training).

use kluis_domain::documents::accept_upload;
use kluis_domain::register::agreements::{
    AgreementState, EXPIRY_WARNING_DAYS, StaffMeasureKind, UnsafeTransfer, agreement_state,
    is_country_code, unsafe_transfers,
};
use kluis_domain::register::changes::{changed_fields, set_fields};
use kluis_domain::register::{
    Art28Checklist, ProcessingAgreement, Recipient, SubProcessorAuthorisation,
};
use kluis_domain::{AuditAction, Permission};
use kluis_store::{
    AgreementRow, ChangeBy, OrgScope, StaffMeasureRow, VersionEvent, VersionedItem, now_ms,
};
use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use crate::audit::require;
use crate::profile::today;
use crate::{Actor, App, AppError, retry};

/// Longest name, contact, service or subject accepted.
const MAX_TEXT: usize = 500;
/// Longest notes accepted.
const MAX_NOTES: usize = 4000;
/// Sub-processors per recipient.
const MAX_SUB_PROCESSORS: usize = 100;
/// File types an agreement may be stored as: documents people sign and scans of them.
pub const AGREEMENT_EXTENSIONS: &[&str] = &[
    "pdf", "docx", "doc", "odt", "rtf", "txt", "png", "jpg", "jpeg", "tif", "tiff",
];

/// A recipient with its agreements and what the rules say about it today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientView {
    pub recipient: Recipient,
    pub state: AgreementState,
    pub unsafe_transfers: Vec<UnsafeTransfer>,
    pub version: i64,
    pub updated_at_ms: i64,
}

/// What one entry of a recipient's history is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecipientHistorySubject {
    /// The recipient's own fields.
    Recipient,
    /// One of its processing agreements.
    Agreement,
}

impl RecipientHistorySubject {
    pub const fn as_str(self) -> &'static str {
        match self {
            RecipientHistorySubject::Recipient => "recipient",
            RecipientHistorySubject::Agreement => "agreement",
        }
    }
}

/// One saved version of a recipient or of one of its agreements: who, when, what happened, which fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientHistoryEntry {
    pub subject: RecipientHistorySubject,
    /// The recipient's or the agreement's id.
    pub item_id: String,
    /// Counts per recipient or agreement from 1.
    pub version: i64,
    /// `create`, `update` or `delete`.
    pub event: &'static str,
    pub at_ms: i64,
    /// A user id, or a system name (`cli`; `migration` for what existed before histories were kept).
    pub actor: String,
    /// Names of the fields this version changed.
    pub changed: Vec<String>,
}

/// The history of one recipient, its agreements' included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientHistory {
    /// The recipient's name in its latest version (it may have been deleted since).
    pub name: String,
    /// Whether the latest version is its deletion.
    pub deleted: bool,
    /// Oldest first.
    pub entries: Vec<RecipientHistoryEntry>,
}

/// The fields of a processing agreement a person fills in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgreementInput {
    pub signed_on: Option<Date>,
    pub expires_on: Option<Date>,
    pub review_on: Option<Date>,
    pub checklist: Art28Checklist,
    pub sub_processor_authorisation: Option<SubProcessorAuthorisation>,
    pub notes: String,
}

/// The signed document sent with an agreement.
#[derive(Debug, Clone)]
pub struct AgreementFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A staff measure to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMeasureInput {
    pub user_id: String,
    pub kind: StaffMeasureKind,
    pub held_on: Date,
    pub subject: String,
    pub notes: String,
}

/// A staff measure on record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaffMeasure {
    pub id: String,
    pub user_id: String,
    pub kind: StaffMeasureKind,
    /// ISO date.
    pub held_on: String,
    pub subject: String,
    pub document_id: Option<String>,
    pub notes: String,
}

impl From<StaffMeasureRow> for StaffMeasure {
    fn from(r: StaffMeasureRow) -> Self {
        StaffMeasure {
            id: r.id,
            user_id: r.user_id,
            kind: r.kind,
            held_on: r.held_on,
            subject: r.subject,
            document_id: r.document_id,
            notes: r.notes,
        }
    }
}

fn too_long(field: &'static str, value: &str, max: usize) -> Result<(), AppError> {
    if value.chars().count() > max {
        Err(AppError::invalid(
            field,
            format!("use at most {max} characters"),
        ))
    } else {
        Ok(())
    }
}

/// A country code as stored: upper case, or empty when unknown; anything else is refused.
fn country(field: &'static str, code: &str) -> Result<String, AppError> {
    let code = code.trim();
    if code.is_empty() {
        return Ok(String::new());
    }
    if !is_country_code(code) {
        return Err(AppError::invalid(
            field,
            "give the country as its two-letter ISO code, e.g. NL, BE, DE or US",
        ));
    }
    Ok(code.to_ascii_uppercase())
}

/// Checks and normalises a recipient's fields (id and agreements are not taken from the input).
fn clean_recipient(input: &Recipient, id: Uuid) -> Result<Recipient, AppError> {
    let name = input.name.trim().to_owned();
    if name.is_empty() {
        return Err(AppError::invalid("name", "give the recipient a name"));
    }
    too_long("name", &name, MAX_TEXT)?;
    too_long("contact", &input.contact, MAX_TEXT)?;
    too_long("services", &input.services, MAX_NOTES)?;
    if input.sub_processors.len() > MAX_SUB_PROCESSORS {
        return Err(AppError::invalid(
            "sub_processors",
            format!("list at most {MAX_SUB_PROCESSORS} sub-processors"),
        ));
    }
    let mut subs = Vec::new();
    for s in &input.sub_processors {
        let sub_name = s.name.trim().to_owned();
        if sub_name.is_empty() {
            if s.country.trim().is_empty() && s.service.trim().is_empty() {
                continue; // an empty row of the form
            }
            return Err(AppError::invalid(
                "sub_processors",
                "give every sub-processor a name",
            ));
        }
        too_long("sub_processors", &sub_name, MAX_TEXT)?;
        too_long("sub_processors", &s.service, MAX_TEXT)?;
        subs.push(kluis_domain::register::SubProcessor {
            name: sub_name,
            country: country("sub_processors", &s.country)?,
            service: s.service.trim().to_owned(),
        });
    }
    let mut categories = input.categories.clone();
    categories.sort();
    categories.dedup();
    Ok(Recipient {
        id,
        name,
        role: input.role,
        country: country("country", &input.country)?,
        contact: input.contact.trim().to_owned(),
        services: input.services.trim().to_owned(),
        categories,
        sub_processors: subs,
        transfer_safeguard: input.transfer_safeguard,
        agreements: Vec::new(),
    })
}

fn check_agreement(input: &AgreementInput) -> Result<(), AppError> {
    too_long("notes", &input.notes, MAX_NOTES)?;
    if let (Some(signed), Some(ends)) = (input.signed_on, input.expires_on)
        && ends < signed
    {
        return Err(AppError::invalid(
            "expires_on",
            "the agreement cannot end before it was signed",
        ));
    }
    Ok(())
}

/// The upload rule for an agreement's document: the documents module's rule (name, not empty, size), and a file
/// type people sign agreements in.
pub fn accept_agreement_file(name: &str, size: u64, max_bytes: u64) -> Result<String, AppError> {
    let name = accept_upload(name, size, max_bytes)
        .map_err(|r| AppError::invalid("document", r.to_string()))?;
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !AGREEMENT_EXTENSIONS.contains(&ext.as_str()) {
        return Err(AppError::invalid(
            "document",
            "store the agreement as a PDF, Word, OpenDocument, RTF, text or image file",
        ));
    }
    Ok(name)
}

fn view(recipient: Recipient, version: i64, updated_at_ms: i64, today: Date) -> RecipientView {
    RecipientView {
        state: agreement_state(&recipient, today, EXPIRY_WARNING_DAYS),
        unsafe_transfers: unsafe_transfers(&recipient),
        recipient,
        version,
        updated_at_ms,
    }
}

fn parse_id(field: &'static str, id: &str) -> Result<Uuid, AppError> {
    // An id that is not a uuid names nothing: not found, like another organisation's id.
    let _ = field;
    id.parse().map_err(|_| AppError::NotFound)
}

impl App {
    /// Every recipient of the organisation `scope` stands for, with its agreements, by name. No permission
    /// check: callers hold one (the use cases below, the register snapshot, the compliance checks).
    pub(crate) async fn recipients_of(
        &self,
        scope: &OrgScope,
    ) -> Result<Vec<(Recipient, i64, i64)>, AppError> {
        let store = self.db().recipients(scope);
        let rows = store.list().await?;
        let mut agreements = store.agreements().await?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let id = row.recipient.id.to_string();
                let mut r = row.recipient;
                let (mine, rest): (Vec<AgreementRow>, Vec<AgreementRow>) =
                    agreements.drain(..).partition(|a| a.recipient_id == id);
                agreements = rest;
                r.agreements = mine.into_iter().map(|a| a.agreement).collect();
                (r, row.version, row.updated_at)
            })
            .collect())
    }

    /// Recipients with their agreements (Permission::Read), for the register snapshot every export reads.
    pub async fn recipients_snapshot(&self, actor: &Actor) -> Result<Vec<Recipient>, AppError> {
        require(actor, Permission::Read)?;
        Ok(self
            .recipients_of(&actor.scope)
            .await?
            .into_iter()
            .map(|(r, _, _)| r)
            .collect())
    }

    /// The recipients with their agreements as they stood at the end of `date` (UTC), or now for `None`
    /// (Permission::Read): what the register snapshot reads. Recipients deleted since still show as they were.
    pub async fn recipients_as_of(
        &self,
        actor: &Actor,
        date: Option<Date>,
    ) -> Result<Vec<Recipient>, AppError> {
        let Some(date) = date else {
            return self.recipients_snapshot(actor).await;
        };
        require(actor, Permission::Read)?;
        Ok(self
            .db()
            .recipients(&actor.scope)
            .as_of(crate::register::end_of_day_ms(date))
            .await?)
    }

    /// Every version of a recipient and of its agreements, oldest first: who, when, what, which fields
    /// (Permission::Read). A deleted recipient keeps its history; an id that never named one is not found.
    pub async fn recipient_history(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<RecipientHistory, AppError> {
        require(actor, Permission::Read)?;
        parse_id("recipient", id)?;
        let rows = self.db().recipients(&actor.scope).history(id).await?;
        let Some((name, deleted)) = rows.iter().rev().find_map(|r| match &r.item {
            VersionedItem::Recipient(x) => Some((x.name.clone(), r.event == VersionEvent::Delete)),
            VersionedItem::Agreement(_) => None,
        }) else {
            return Err(AppError::NotFound);
        };
        let entries = rows
            .into_iter()
            .map(|r| RecipientHistoryEntry {
                subject: match r.item {
                    VersionedItem::Recipient(_) => RecipientHistorySubject::Recipient,
                    VersionedItem::Agreement(_) => RecipientHistorySubject::Agreement,
                },
                item_id: r.item_id,
                version: r.version,
                event: match r.event {
                    VersionEvent::Create => "create",
                    VersionEvent::Update => "update",
                    VersionEvent::Delete => "delete",
                },
                at_ms: r.at,
                actor: r.actor,
                changed: r.changed,
            })
            .collect();
        Ok(RecipientHistory {
            name,
            deleted,
            entries,
        })
    }

    /// Recipients with their agreement state today (Permission::Read), by name.
    pub async fn recipients(&self, actor: &Actor) -> Result<Vec<RecipientView>, AppError> {
        require(actor, Permission::Read)?;
        let today = today();
        Ok(self
            .recipients_of(&actor.scope)
            .await?
            .into_iter()
            .map(|(r, v, at)| view(r, v, at, today))
            .collect())
    }

    /// One recipient with its agreements (Permission::Read).
    pub async fn recipient(&self, actor: &Actor, id: &str) -> Result<RecipientView, AppError> {
        require(actor, Permission::Read)?;
        parse_id("recipient", id)?;
        let store = self.db().recipients(&actor.scope);
        let row = store.get(id).await?.ok_or(AppError::NotFound)?;
        let mut r = row.recipient;
        r.agreements = store
            .agreements()
            .await?
            .into_iter()
            .filter(|a| a.recipient_id == id)
            .map(|a| a.agreement)
            .collect();
        Ok(view(r, row.version, row.updated_at, today()))
    }

    /// Adds a recipient (Permission::ManageRegister); audited as `register.recipient.create`.
    pub async fn create_recipient(
        &self,
        actor: &Actor,
        input: &Recipient,
    ) -> Result<RecipientView, AppError> {
        require(actor, Permission::ManageRegister)?;
        let r = clean_recipient(input, Uuid::now_v7())?;
        let id = r.id.to_string();
        let set = set_fields(&r);
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.recipients(&actor.scope)
                .insert(&r, &set, by(actor))
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RegisterRecipientCreate,
                    "recipient",
                    &id,
                    &[
                        "name",
                        "role",
                        "country",
                        "contact",
                        "services",
                        "categories",
                        "sub_processors",
                        "transfer_safeguard",
                    ],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        self.recipient(actor, &id).await
    }

    /// Replaces a recipient's fields (Permission::ManageRegister); audited as `register.recipient.update` naming
    /// the fields that changed (a save that changed nothing is still recorded as a save, with no fields).
    pub async fn update_recipient(
        &self,
        actor: &Actor,
        id: &str,
        input: &Recipient,
    ) -> Result<RecipientView, AppError> {
        require(actor, Permission::ManageRegister)?;
        let uuid = parse_id("recipient", id)?;
        let r = clean_recipient(input, uuid)?;
        retry!({
            let mut tx = self.db().begin_write().await?;
            let old = tx
                .recipients(&actor.scope)
                .get(id)
                .await?
                .ok_or(AppError::NotFound)?
                .recipient;
            let changed = changed_fields(&old, &r);
            tx.recipients(&actor.scope)
                .update(&r, &changed, by(actor))
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RegisterRecipientUpdate,
                    "recipient",
                    id,
                    &changed,
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        self.recipient(actor, id).await
    }

    /// Deletes a recipient with its agreements (Permission::ManageRegister); the agreements' documents stay in
    /// the documents module. Audited as `register.recipient.delete`.
    pub async fn delete_recipient(&self, actor: &Actor, id: &str) -> Result<(), AppError> {
        require(actor, Permission::ManageRegister)?;
        parse_id("recipient", id)?;
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.recipients(&actor.scope).delete(id, by(actor)).await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RegisterRecipientDelete,
                    "recipient",
                    id,
                    &["recipient", "agreements"],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Checks the signed document of an agreement before anything is stored, so a refused file leaves nothing
    /// behind; then stores it through the documents module's upload (encrypted, scanned, `document.upload`).
    async fn store_agreement_file(
        &self,
        actor: &Actor,
        file: Option<AgreementFile>,
    ) -> Result<Option<Uuid>, AppError> {
        let Some(file) = file else {
            return Ok(None);
        };
        accept_agreement_file(
            &file.name,
            file.bytes.len() as u64,
            self.config().max_document_size,
        )?;
        let doc = self.upload_document(actor, &file.name, file.bytes).await?;
        Ok(doc.id.parse().ok())
    }

    /// Adds a processing agreement to a recipient (Permission::ManageRegister), with its signed document if one
    /// is sent. The document is stored like every upload (its own `document.upload` event, then scanned); the
    /// agreement is `register.agreement.add`. The input and the file are checked before either is stored.
    pub async fn add_agreement(
        &self,
        actor: &Actor,
        recipient_id: &str,
        input: &AgreementInput,
        file: Option<AgreementFile>,
    ) -> Result<ProcessingAgreement, AppError> {
        require(actor, Permission::ManageRegister)?;
        parse_id("recipient", recipient_id)?;
        check_agreement(input)?;
        if let Some(f) = &file {
            accept_agreement_file(
                &f.name,
                f.bytes.len() as u64,
                self.config().max_document_size,
            )?;
        }
        self.db()
            .recipients(&actor.scope)
            .get(recipient_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let document_id = self.store_agreement_file(actor, file).await?;
        let a = ProcessingAgreement {
            id: Uuid::now_v7(),
            document_id,
            signed_on: input.signed_on,
            expires_on: input.expires_on,
            review_on: input.review_on,
            checklist: input.checklist,
            sub_processor_authorisation: input.sub_processor_authorisation,
            notes: input.notes.trim().to_owned(),
        };
        let id = a.id.to_string();
        retry!({
            let mut tx = self.db().begin_write().await?;
            // Read again inside the transaction: the recipient may have been deleted meanwhile.
            tx.recipients(&actor.scope)
                .get(recipient_id)
                .await?
                .ok_or(AppError::NotFound)?;
            tx.recipients(&actor.scope)
                .insert_agreement(recipient_id, &a, &set_fields(&a), by(actor))
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RegisterAgreementAdd,
                    "agreement",
                    &id,
                    &agreement_fields(document_id.is_some()),
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        Ok(a)
    }

    /// Changes an agreement's fields (Permission::ManageRegister); a new signed document replaces the link to the
    /// old one (which stays a document). Audited as `register.agreement.update`.
    pub async fn update_agreement(
        &self,
        actor: &Actor,
        recipient_id: &str,
        agreement_id: &str,
        input: &AgreementInput,
        file: Option<AgreementFile>,
    ) -> Result<ProcessingAgreement, AppError> {
        require(actor, Permission::ManageRegister)?;
        parse_id("agreement", agreement_id)?;
        check_agreement(input)?;
        if let Some(f) = &file {
            accept_agreement_file(
                &f.name,
                f.bytes.len() as u64,
                self.config().max_document_size,
            )?;
        }
        let old = self
            .db()
            .recipients(&actor.scope)
            .agreement(agreement_id)
            .await?
            .filter(|a| a.recipient_id == recipient_id)
            .ok_or(AppError::NotFound)?;
        let new_document = self.store_agreement_file(actor, file).await?;
        let a = ProcessingAgreement {
            id: old.agreement.id,
            document_id: new_document.or(old.agreement.document_id),
            signed_on: input.signed_on,
            expires_on: input.expires_on,
            review_on: input.review_on,
            checklist: input.checklist,
            sub_processor_authorisation: input.sub_processor_authorisation,
            notes: input.notes.trim().to_owned(),
        };
        retry!({
            let mut tx = self.db().begin_write().await?;
            let current = tx
                .recipients(&actor.scope)
                .agreement(agreement_id)
                .await?
                .filter(|x| x.recipient_id == recipient_id)
                .ok_or(AppError::NotFound)?;
            let changed = changed_fields(&current.agreement, &a);
            tx.recipients(&actor.scope)
                .update_agreement(&a, &changed, by(actor))
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RegisterAgreementUpdate,
                    "agreement",
                    agreement_id,
                    &changed,
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        Ok(a)
    }

    /// Removes an agreement (Permission::ManageRegister); its document stays. Audited as
    /// `register.agreement.remove`.
    pub async fn remove_agreement(
        &self,
        actor: &Actor,
        recipient_id: &str,
        agreement_id: &str,
    ) -> Result<(), AppError> {
        require(actor, Permission::ManageRegister)?;
        parse_id("agreement", agreement_id)?;
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.recipients(&actor.scope)
                .agreement(agreement_id)
                .await?
                .filter(|a| a.recipient_id == recipient_id)
                .ok_or(AppError::NotFound)?;
            tx.recipients(&actor.scope)
                .delete_agreement(agreement_id, by(actor))
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RegisterAgreementRemove,
                    "agreement",
                    agreement_id,
                    &["agreement"],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Staff measures on record (Permission::Read), of one member or all, newest first. Names are not read
    /// here: the caller shows them through the audited member listing.
    pub async fn staff_measures(
        &self,
        actor: &Actor,
        user_id: Option<&str>,
    ) -> Result<Vec<StaffMeasure>, AppError> {
        require(actor, Permission::Read)?;
        Ok(self
            .db()
            .recipients(&actor.scope)
            .staff_measures(user_id)
            .await?
            .into_iter()
            .map(StaffMeasure::from)
            .collect())
    }

    /// Records a confidentiality declaration or a training of a member (Permission::ManageRegister); audited as
    /// `register.staff_measure.add`.
    pub async fn add_staff_measure(
        &self,
        actor: &Actor,
        input: &StaffMeasureInput,
    ) -> Result<StaffMeasure, AppError> {
        require(actor, Permission::ManageRegister)?;
        let subject = input.subject.trim().to_owned();
        if subject.is_empty() {
            return Err(AppError::invalid(
                "subject",
                "say what was declared or trained, e.g. \"Privacy awareness 2026\"",
            ));
        }
        too_long("subject", &subject, MAX_TEXT)?;
        too_long("notes", &input.notes, MAX_NOTES)?;
        let row = StaffMeasureRow {
            id: Uuid::now_v7().to_string(),
            user_id: input.user_id.clone(),
            kind: input.kind,
            held_on: input.held_on.to_string(),
            subject,
            document_id: None,
            notes: input.notes.trim().to_owned(),
            created_at: now_ms(),
        };
        retry!({
            let mut tx = self.db().begin_write().await?;
            if tx
                .tenant(&actor.scope)
                .member(&row.user_id)
                .await?
                .is_none()
            {
                return Err(AppError::invalid(
                    "user",
                    "choose a member of this organisation",
                ));
            }
            tx.recipients(&actor.scope)
                .insert_staff_measure(&row)
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RegisterStaffMeasureAdd,
                    "staff_measure",
                    &row.id,
                    &["user", "kind", "date", "subject", "notes"],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        Ok(StaffMeasure::from(row))
    }

    /// Removes a staff measure (Permission::ManageRegister); audited as `register.staff_measure.remove`.
    pub async fn remove_staff_measure(&self, actor: &Actor, id: &str) -> Result<(), AppError> {
        require(actor, Permission::ManageRegister)?;
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.recipients(&actor.scope).delete_staff_measure(id).await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RegisterStaffMeasureRemove,
                    "staff_measure",
                    id,
                    &["staff_measure"],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Processors whose agreement ends or is due for review within [`EXPIRY_WARNING_DAYS`].
    pub(crate) async fn agreements_expiring(&self, scope: &OrgScope) -> Result<u64, AppError> {
        let today = today();
        Ok(self
            .recipients_of(scope)
            .await?
            .iter()
            .filter(|(r, _, _)| {
                matches!(
                    agreement_state(r, today, EXPIRY_WARNING_DAYS),
                    AgreementState::Expiring { .. }
                )
            })
            .count() as u64)
    }
}

/// Names of the agreement's fields an `add` records.
fn agreement_fields(with_document: bool) -> Vec<&'static str> {
    let mut f = vec![
        "signed_on",
        "expires_on",
        "review_on",
        "checklist",
        "sub_processor_authorisation",
        "notes",
    ];
    if with_document {
        f.push("document");
    }
    f
}

/// Who changes the recipients, and now, for the versions the store appends.
fn by(actor: &Actor) -> ChangeBy<'_> {
    ChangeBy {
        actor: actor.user_id.as_str(),
        at: now_ms(),
    }
}
