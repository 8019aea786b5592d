//! The rights behind a data-subject request, carried out on the relation it concerns: linking the request to
//! the relation, the access bundle (Art. 15), portability (Art. 20), rectification with the recipients to inform
//! (Arts. 16 and 19) and the legally aware erasure (Art. 17) with its report to the person.
//!
//! Each action needs `HandleRequests` and a verified requester (handing a person's data to someone else is a
//! breach), is one transaction with one audit event, and names fields in its event, never values. The erasure
//! deletes rows, blind indexes and blobs (blobs overwritten, after the commit) and then clears SQLite's log, so
//! what it deleted does not survive in the files; what the law keeps is kept, restricted, and said so.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use kluis_domain::calendar::{end_of_financial_year, local_date, moment_of_ms, utc_date_of_ms};
use kluis_domain::register::{Jurisdiction, Register, RetentionStart};
use kluis_domain::relations::erasure::{
    ErasureDecision, ErasureReason, ErasureTarget, Verdict, decide,
};
use kluis_domain::relations::model::active_activities_for;
use kluis_domain::relations::requests::{RequestKind, Transition};
use kluis_domain::relations::retention::{
    EventDate, EventDates, LegalHold, applicable_rules, document_class_categories,
};
use kluis_domain::relations::{Party, RelationField, RelationKind};
use kluis_domain::{AuditAction, DocumentClass, EntityType, Permission};
use kluis_export::labels;
use kluis_i18n::{Lang, Tr};
use kluis_store::{
    AuditQuery, AuditTextMatch, DocumentRow, RelationRow, RequestRow, TransitionRow,
};
use serde::{Deserialize, Serialize};
use time::{Date, Month, OffsetDateTime};
use uuid::Uuid;

use crate::audit::require;
use crate::documents::finding_aad;
use crate::pack::{PackFile, zip_with_manifest};
use crate::relations::{RelationInput, parse_id, value_aad};
use crate::requests::{Detail, aad as request_aad};
use crate::{Actor, App, AppError, retry};

/// The identifiers strong enough to say a document is about this person: a shared first name is not.
const MATCHING_FIELDS: &[RelationField] = &[
    RelationField::Email,
    RelationField::Phone,
    RelationField::Iban,
    RelationField::Bsn,
    RelationField::BeNationalNumber,
];
/// Documents one request reads at most.
const MAX_DOCUMENTS: i64 = 1000;
/// Audit events the access bundle lists at most.
const MAX_AUDIT_EVENTS: i64 = 5000;

/// A file made for a request (a ZIP bundle, a report): its name says nothing about the person.
#[derive(Debug, Clone)]
pub struct RequestFile {
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// What the access bundle holds besides the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccessOptions {
    /// The bytes of the person's documents (without: their names, classes and findings only).
    pub document_bytes: bool,
}

/// The outcome of a rectification: the fields changed and whom to inform of it (Art. 19).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rectification {
    pub at_ms: i64,
    /// Field keys.
    pub fields: Vec<String>,
    /// The register's recipients (and other recipients) of the activities that hold the changed fields.
    pub recipients: Vec<String>,
}

/// One line of an erasure: a record or document, what happened to it and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasureLine {
    /// `field`, `document`, `timeline`, `consents`, `audit_trail` or `request`.
    pub target: String,
    /// The field key, the document id, or empty.
    pub item: String,
    /// The document's class key, for documents.
    pub class: Option<String>,
    /// `delete`, `anonymise` or `keep`.
    pub verdict: String,
    /// The ground's key (`no_duty_to_keep`, `statutory_retention`, …).
    pub reason: String,
    pub article: String,
    /// Until when it is kept (ISO date), when known.
    pub kept_until: Option<String>,
    /// The statute or reason of the rule that keeps it.
    pub legal_reference: Option<String>,
    /// The processing activity whose rule decided.
    pub activity: Option<String>,
}

/// What an erasure did, stored (encrypted) with the request: the report to the person is made from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasureOutcome {
    pub at_ms: i64,
    pub relation_id: String,
    pub lines: Vec<ErasureLine>,
    /// Whether SQLite's write-ahead log was emptied afterwards (always true on PostgreSQL).
    pub log_cleared: bool,
}

impl ErasureOutcome {
    pub fn kept(&self) -> impl Iterator<Item = &ErasureLine> {
        self.lines.iter().filter(|l| l.verdict == "keep")
    }
}

/// Everything the rights read about one request's person.
struct Subject {
    row: RequestRow,
    detail: Detail,
    kind: RequestKind,
    verified: bool,
    relation: RelationRow,
    /// Every value in clear (sensitive ones too: this is the person's own data).
    clear: BTreeMap<RelationField, String>,
    /// The blind indexes of the values strong enough to match documents.
    indexes: Vec<String>,
    documents: Vec<DocumentRow>,
    lang: Lang,
    jurisdiction: Jurisdiction,
    today: Date,
}

fn ms_now() -> i64 {
    (OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

fn corrupt(what: &str) -> AppError {
    AppError::Internal(anyhow::anyhow!("stored request has an unreadable {what}"))
}

/// The language of the letters to the person: the request's, else the organisation's country's.
fn letter_lang(detail: &Detail) -> Lang {
    detail
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(Lang::Nl)
}

/// A CSV cell: quoted when needed, and a leading `= + - @` (or tab, CR) made harmless for spreadsheets.
fn csv_cell(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_owned()
    };
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

fn csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::new();
    for r in rows {
        out.push_str(&r.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// A file name inside the bundle: the document's own name, reduced to safe characters.
fn safe_name(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    if s.trim_matches(['.', '_']).is_empty() {
        "document".to_owned()
    } else {
        s
    }
}

/// One block of a letter: written once, rendered as Markdown (for the PDF) and as HTML.
enum Block {
    Title(String),
    Heading(String),
    Para(String),
    Item(String),
}

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '`' | '(' | ')'
        ) {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Title(t) => out.push_str(&format!("# {}\n\n", md_escape(t))),
            Block::Heading(t) => out.push_str(&format!("## {}\n\n", md_escape(t))),
            Block::Para(t) => out.push_str(&format!("{}\n\n", md_escape(t))),
            Block::Item(t) => out.push_str(&format!("- {}\n", md_escape(t))),
        }
    }
    out
}

fn html(blocks: &[Block], lang: Lang, title: &str) -> String {
    let mut body = String::new();
    let mut in_list = false;
    for b in blocks {
        let item = matches!(b, Block::Item(_));
        if in_list && !item {
            body.push_str("</ul>\n");
            in_list = false;
        }
        match b {
            Block::Title(t) => body.push_str(&format!("<h1>{}</h1>\n", html_escape(t))),
            Block::Heading(t) => body.push_str(&format!("<h2>{}</h2>\n", html_escape(t))),
            Block::Para(t) => body.push_str(&format!("<p>{}</p>\n", html_escape(t))),
            Block::Item(t) => {
                if !in_list {
                    body.push_str("<ul>\n");
                    in_list = true;
                }
                body.push_str(&format!("<li>{}</li>\n", html_escape(t)));
            }
        }
    }
    if in_list {
        body.push_str("</ul>\n");
    }
    format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>body{{font-family:sans-serif;max-width:44rem;margin:2rem auto;line-height:1.5}}</style>\
         </head><body>\n{body}</body></html>\n",
        lang.code(),
        html_escape(title)
    )
}

fn pdf(blocks: &[Block], footer: &str, file_name: &str, lang: Lang) -> Result<Vec<u8>, AppError> {
    kluis_export::render_letter_pdf(&markdown(blocks), footer, file_name, lang)
        .map(|e| e.bytes)
        .map_err(AppError::internal)
}

fn field_label(tr: Tr, f: RelationField) -> String {
    labels::or(tr, &f.label_key(), f.as_str())
}

fn class_label(tr: Tr, class: Option<DocumentClass>) -> String {
    match class {
        Some(c) => labels::or(
            tr,
            &format!("doc-class-{}", c.as_str().replace('_', "-")),
            c.as_str(),
        ),
        None => "-".to_owned(),
    }
}

/// The start events of the person's records on `today`, as an erasure must assume them: the relationship ends
/// with the erasure; the fiscal year of a record is its own (documents) or does not apply (the relation's fields:
/// what the tax law keeps is the invoice); an employee's end of employment is not known here, so it keeps.
fn events(kind: RelationKind, created: Option<Date>, fiscal: EventDate, today: Date) -> EventDates {
    let employee = kind == RelationKind::Employee;
    EventDates::new()
        .with(RetentionStart::EndOfContract, EventDate::Occurred(today))
        .with(RetentionStart::EndOfProcedure, EventDate::Occurred(today))
        .with(RetentionStart::Withdrawal, EventDate::Occurred(today))
        .with(
            RetentionStart::EndOfEmployment,
            if employee {
                EventDate::Unknown
            } else {
                EventDate::NotApplicable
            },
        )
        .with(
            RetentionStart::Collection,
            created.map_or(EventDate::Unknown, EventDate::Occurred),
        )
        .with(RetentionStart::EndOfFinancialYear, fiscal)
}

fn line(d: &ErasureDecision, register: &Register) -> ErasureLine {
    let (target, item, class) = match d.target {
        ErasureTarget::Field { field, .. } => ("field", field.as_str().to_owned(), None),
        ErasureTarget::Document { id, class } => {
            ("document", id.to_string(), Some(class.as_str().to_owned()))
        }
        ErasureTarget::Consents { .. } => ("consents", String::new(), None),
        ErasureTarget::Timeline { .. } => ("timeline", String::new(), None),
        ErasureTarget::Suppression { .. } => ("suppression", String::new(), None),
        ErasureTarget::AuditTrail { .. } => ("audit_trail", String::new(), None),
    };
    let verdict = match d.verdict {
        Verdict::Delete => "delete",
        Verdict::Anonymise => "anonymise",
        Verdict::Keep { .. } => "keep",
    };
    let (reason, rule) = match &d.reason {
        ErasureReason::NoDutyToKeep => ("no_duty_to_keep", None),
        ErasureReason::AnonymisedByRule { rule } => ("anonymised_by_rule", Some(rule)),
        ErasureReason::StatutoryRetention { rule, .. } => ("statutory_retention", Some(rule)),
        ErasureReason::StatutoryRetentionDateUnknown { rule } => {
            ("statutory_retention_date_unknown", Some(rule))
        }
        ErasureReason::LegalHold { .. } => ("legal_hold", None),
        ErasureReason::HonourObjection => ("honour_objection", None),
        ErasureReason::AuditTrailHoldsNoValues => ("audit_trail_holds_no_values", None),
    };
    let activity = rule.and_then(|r| {
        register
            .activities
            .iter()
            .find(|a| a.id == r.activity)
            .map(|a| a.name.clone())
    });
    ErasureLine {
        target: target.to_owned(),
        item,
        class,
        verdict: verdict.to_owned(),
        reason: reason.to_owned(),
        article: d.reason.article().to_owned(),
        kept_until: match d.verdict {
            Verdict::Keep { falls_due } => falls_due.map(|d| d.to_string()),
            _ => None,
        },
        legal_reference: rule.map(|r| r.legal_reference.clone()),
        activity,
    }
}

impl App {
    /// Links request `id` to a relation (Permission::HandleRequests): `relation` when given, else the one
    /// relation whose e-mail address is the requester's (an exact lookup through the blind index). One
    /// `request.link` event. Returns the relation's id.
    pub async fn link_request(
        &self,
        actor: &Actor,
        id: &str,
        relation: Option<&str>,
    ) -> Result<String, AppError> {
        require(actor, Permission::HandleRequests)?;
        let id = id.trim().to_owned();
        let org_id = actor.scope.org_id().to_owned();
        let row = self
            .db()
            .requests(&actor.scope)
            .get(&id)
            .await?
            .ok_or(AppError::NotFound)?;
        let relation_id = match relation.map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) => {
                let r = parse_id(r)
                    .map_err(|_| AppError::invalid("relation", "not a relation id"))?
                    .to_string();
                if self.db().relations(&actor.scope).get(&r).await?.is_none() {
                    return Err(AppError::invalid("relation", "no such relation"));
                }
                r
            }
            None => {
                let email = String::from_utf8(self.keys().decrypt(
                    &row.requester_contact_enc,
                    &request_aad(&org_id, "requester_contact_enc", &row.id),
                )?)
                .map_err(AppError::internal)?;
                let index = self.relation_email_index(&org_id, &email);
                let found = self
                    .db()
                    .relations(&actor.scope)
                    .by_index(std::slice::from_ref(&index), 3)
                    .await?;
                let holding: Vec<&RelationRow> = found
                    .iter()
                    .filter(|r| {
                        r.values.iter().any(|v| {
                            v.field == RelationField::Email
                                && v.value_index.as_deref() == Some(index.as_str())
                        })
                    })
                    .collect();
                match holding.as_slice() {
                    [one] => one.id.clone(),
                    [] => {
                        return Err(AppError::invalid(
                            "relation",
                            "no relation has the requester's e-mail address: choose it by search",
                        ));
                    }
                    _ => {
                        return Err(AppError::invalid(
                            "relation",
                            "several relations have the requester's e-mail address: choose one by search",
                        ));
                    }
                }
            }
        };
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.requests(&actor.scope)
                .set_relation(&id, Some(&relation_id))
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(AuditAction::RequestLink, "request", &id, &["relation"]))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        Ok(relation_id)
    }

    fn relation_email_index(&self, org_id: &str, email: &str) -> String {
        let n = kluis_pii::normalize(EntityType::Email, email);
        self.keys()
            .blind_index(org_id, EntityType::Email.as_str(), &n)
    }

    /// The documents that concern relation `r`: those with a finding whose blind index is one of `indexes`.
    /// Stands in for the links module's `linked_documents` until documents are linked to people by hand too.
    async fn documents_of_relation(
        &self,
        actor: &Actor,
        indexes: &[String],
    ) -> Result<Vec<DocumentRow>, AppError> {
        Ok(self
            .db()
            .documents(&actor.scope)
            .with_finding_index(indexes, MAX_DOCUMENTS)
            .await?)
    }

    /// The consents of relation `relation_id` for the access bundle. Hook: the consent records are not stored
    /// yet (the consent module fills this in); `None` says so in the bundle.
    async fn relation_consents_for_access(
        &self,
        _actor: &Actor,
        _relation_id: &str,
    ) -> Result<Option<serde_json::Value>, AppError> {
        Ok(None)
    }

    async fn subject(&self, actor: &Actor, id: &str) -> Result<Subject, AppError> {
        let org_id = actor.scope.org_id().to_owned();
        let row = self
            .db()
            .requests(&actor.scope)
            .get(id.trim())
            .await?
            .ok_or(AppError::NotFound)?;
        let detail = self.request_detail(&org_id, &row)?;
        let kind: RequestKind = row.kind.parse().map_err(|_| corrupt("kind"))?;
        let Some(relation_id) = row.relation_id.clone() else {
            return Err(AppError::Conflict(
                "link the request to the relation it concerns first".into(),
            ));
        };
        let relation = self
            .db()
            .relations(&actor.scope)
            .get(&relation_id)
            .await?
            .ok_or_else(|| {
                AppError::Conflict("the relation of this request no longer exists".into())
            })?;
        let keys = self.keys();
        let mut clear = BTreeMap::new();
        let mut indexes = Vec::new();
        for v in &relation.values {
            let plain = keys.decrypt(&v.value_enc, &value_aad(&org_id, &relation.id, v.field))?;
            clear.insert(
                v.field,
                String::from_utf8(plain).map_err(AppError::internal)?,
            );
            if MATCHING_FIELDS.contains(&v.field)
                && let Some(i) = &v.value_index
            {
                indexes.push(i.clone());
            }
        }
        let documents = self.documents_of_relation(actor, &indexes).await?;
        let jurisdiction = self
            .profile(actor)
            .await?
            .profile
            .jurisdiction
            .unwrap_or(Jurisdiction::Nl);
        Ok(Subject {
            verified: detail.verification.is_some(),
            lang: letter_lang(&detail),
            today: local_date(OffsetDateTime::now_utc(), jurisdiction),
            row,
            detail,
            kind,
            relation,
            clear,
            indexes,
            documents,
            jurisdiction,
        })
    }

    fn require_verified(s: &Subject) -> Result<(), AppError> {
        if s.verified {
            Ok(())
        } else {
            Err(AppError::Conflict(
                "verify the requester's identity before handing over or changing their data".into(),
            ))
        }
    }

    /// The findings of document `d` that concern the person (their blind index is one of the relation's), in
    /// clear: (entity type, value, location).
    async fn person_findings(
        &self,
        actor: &Actor,
        d: &DocumentRow,
        indexes: &BTreeSet<&str>,
    ) -> Result<Vec<(String, String, String)>, AppError> {
        let org_id = actor.scope.org_id();
        let mut out = Vec::new();
        for f in self.db().documents(&actor.scope).findings(&d.id).await? {
            if !indexes.contains(f.value_index.as_str()) {
                continue;
            }
            let v = self
                .keys()
                .decrypt(&f.value_enc, &finding_aad(org_id, &f.id))?;
            out.push((
                f.entity_type.as_str().to_owned(),
                String::from_utf8_lossy(&v).into_owned(),
                f.location.clone().unwrap_or_default(),
            ));
        }
        Ok(out)
    }

    /// The access bundle of request `id` (Art. 15; Permission::HandleRequests, identity verified): a ZIP with
    /// `data.json`, `data.csv`, the letter in the request's language as `letter.html` and `letter.pdf`, the
    /// audit trail as `audit.csv`, and (with `document_bytes`) the person's documents under `documents/`.
    /// Audited as `request.access`.
    pub async fn request_access_bundle(
        &self,
        actor: &Actor,
        id: &str,
        opts: AccessOptions,
    ) -> Result<RequestFile, AppError> {
        require(actor, Permission::HandleRequests)?;
        let s = self.subject(actor, id).await?;
        Self::require_verified(&s)?;
        let tr = Tr::new(s.lang);
        let register = self.register_snapshot(actor, None).await?;
        let subjects = s
            .relation
            .kind
            .subjects(s.relation.company_id.is_some() && s.relation.party == Party::Person);
        let held: BTreeSet<_> = s.clear.keys().map(|f| f.category()).collect();
        let activities: Vec<_> = active_activities_for(&register, &subjects)
            .filter(|a| {
                a.categories.iter().any(|c| {
                    held.iter()
                        .any(|h| kluis_domain::relations::model::covers(*c, *h))
                })
            })
            .collect();
        let index_set: BTreeSet<&str> = s.indexes.iter().map(String::as_str).collect();
        let mut files = Vec::new();
        let mut docs_json = Vec::new();
        let mut csv_rows: Vec<Vec<String>> = vec![vec![
            "section".into(),
            "item".into(),
            "field".into(),
            "value".into(),
        ]];
        for (f, v) in &s.clear {
            csv_rows.push(vec![
                "relation".into(),
                s.relation.id.clone(),
                f.as_str().into(),
                v.clone(),
            ]);
        }
        for (n, d) in s.documents.iter().enumerate() {
            let findings = self.person_findings(actor, d, &index_set).await?;
            let file = if opts.document_bytes && d.blob_key.is_some() {
                let name = format!("documents/{:03}-{}", n + 1, safe_name(&d.name));
                files.push(PackFile {
                    name: name.clone(),
                    bytes: self.document_bytes(d).await?,
                });
                Some(name)
            } else {
                None
            };
            for (t, v, l) in &findings {
                csv_rows.push(vec![
                    "document".into(),
                    d.id.clone(),
                    t.clone(),
                    if l.is_empty() {
                        v.clone()
                    } else {
                        format!("{v} ({l})")
                    },
                ]);
            }
            docs_json.push(serde_json::json!({
                "id": d.id,
                "name": d.name,
                "class": d.effective.class.map(|c| c.as_str()),
                "stored_at": utc_date_of_ms(d.created_at).map(|x| x.to_string()),
                "file": file,
                "findings": findings.iter().map(|(t, v, l)| serde_json::json!({
                    "type": t, "value": v, "location": l,
                })).collect::<Vec<_>>(),
            }));
        }
        // Who read or changed the person's data: events about the relation, their documents and this request.
        let mut ids = vec![s.relation.id.clone(), s.row.id.clone()];
        ids.extend(s.documents.iter().map(|d| d.id.clone()));
        let (events, _) = self
            .db()
            .tenant(&actor.scope)
            .audit_events(&AuditQuery {
                text: Some(AuditTextMatch {
                    entity_ids: ids,
                    ..Default::default()
                }),
                limit: MAX_AUDIT_EVENTS,
                ..Default::default()
            })
            .await?;
        let members: BTreeMap<String, String> = self
            .db()
            .tenant(&actor.scope)
            .members()
            .await?
            .into_iter()
            .map(|m| (m.user.id.clone(), m.role.as_str().to_owned()))
            .collect();
        let who = |a: &str| -> String {
            match members.get(a) {
                Some(role) => labels::or(tr, &format!("role-{}", role.replace('_', "-")), role),
                None => match a {
                    "cli" => tr.t("rights-actor-cli").to_owned(),
                    "system:jobs" => tr.t("rights-actor-jobs").to_owned(),
                    "public:form" => tr.t("rights-actor-public").to_owned(),
                    _ => tr.t("rights-actor-former").to_owned(),
                },
            }
        };
        let mut audit_rows = vec![vec![
            "at".to_owned(),
            "who".to_owned(),
            "action".to_owned(),
            "about".to_owned(),
            "fields".to_owned(),
        ]];
        let mut audit_json = Vec::new();
        for e in events.iter().rev() {
            let at = OffsetDateTime::from_unix_timestamp_nanos(i128::from(e.at_ms) * 1_000_000)
                .ok()
                .and_then(|t| {
                    t.format(&time::format_description::well_known::Rfc3339)
                        .ok()
                })
                .unwrap_or_default();
            audit_rows.push(vec![
                at.clone(),
                who(&e.actor),
                e.action.clone(),
                e.entity.clone(),
                e.fields.join(" "),
            ]);
            audit_json.push(serde_json::json!({
                "at": at, "who": who(&e.actor), "action": e.action, "about": e.entity, "fields": e.fields,
            }));
        }
        let processing: Vec<serde_json::Value> = activities
            .iter()
            .map(|a| {
                serde_json::json!({
                    "activity": a.name,
                    "purposes": a.purposes.iter().map(|p| labels::purpose(tr, *p)).collect::<Vec<_>>(),
                    "purpose_description": a.purpose_description,
                    "lawful_basis": labels::lawful_basis(tr, a),
                    "categories": a.categories.iter().filter(|c| held.iter().any(|h| kluis_domain::relations::model::covers(**c, *h))).map(|c| labels::category(tr, *c)).collect::<Vec<_>>(),
                    "recipients": labels::recipients(tr, &register, a).into_iter().chain(a.other_recipients.iter().cloned()).collect::<Vec<_>>(),
                    "transfers": a.transfers.iter().map(|t| labels::transfer(tr, t)).collect::<Vec<_>>(),
                    "retention": a.retention.iter().map(|r| labels::retention(tr, r)).collect::<Vec<_>>(),
                    "source": if a.collected_from_subject { tr.t("rights-source-you").to_owned() } else { a.source.clone() },
                    "automated_decisions": a.automated_decisions,
                })
            })
            .collect();
        let consents = self
            .relation_consents_for_access(actor, &s.relation.id)
            .await?;
        let controller = &register.profile;
        let data = serde_json::json!({
            "format": "kluis-access-bundle/1",
            "request": {
                "id": s.row.id, "kind": s.row.kind, "received_on": s.row.received_on, "article": "Art. 15 GDPR",
            },
            "controller": {
                "name": if controller.legal_name.trim().is_empty() { actor.org.name.clone() } else { controller.legal_name.clone() },
                "address": controller.address, "email": controller.email, "phone": controller.phone,
                "data_protection_officer": if controller.dpo.appointed { Some(serde_json::json!({"name": controller.dpo.name, "email": controller.dpo.email})) } else { None },
            },
            "relation": {
                "id": s.relation.id,
                "party": s.relation.party.as_str(),
                "kind": s.relation.kind.as_str(),
                "since": utc_date_of_ms(s.relation.created_at).map(|d| d.to_string()),
                "values": s.clear.iter().map(|(f, v)| (f.as_str().to_owned(), v.clone())).collect::<BTreeMap<_, _>>(),
            },
            "processing": processing,
            "consents": consents,
            "documents": docs_json,
            "audit_trail": audit_json,
            "complaint_authority": s.jurisdiction.supervisory_authority(),
        });
        let json = serde_json::to_vec_pretty(&data).map_err(AppError::internal)?;
        // The letter.
        let org_name = data["controller"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let mut b = vec![
            Block::Title(tr.t("rights-letter-access-title").to_owned()),
            Block::Para(tr.t_with(
                "rights-letter-access-intro",
                &[("date", &s.row.received_on), ("organisation", &org_name)],
            )),
            Block::Heading(tr.t("rights-letter-data-heading").to_owned()),
        ];
        for (f, v) in &s.clear {
            b.push(Block::Item(format!("{}: {v}", field_label(tr, *f))));
        }
        b.push(Block::Heading(
            tr.t("rights-letter-purposes-heading").to_owned(),
        ));
        if activities.is_empty() {
            b.push(Block::Para(tr.t("rights-letter-no-activities").to_owned()));
        }
        for (a, p) in activities.iter().zip(&processing) {
            b.push(Block::Heading(a.name.clone()));
            let list = |k: &str| -> String {
                p[k].as_array()
                    .map(|xs| {
                        xs.iter()
                            .filter_map(|x| x.as_str())
                            .collect::<Vec<_>>()
                            .join("; ")
                    })
                    .unwrap_or_default()
            };
            let none = tr.t("rights-letter-none").to_owned();
            let or_none = |s: String| if s.trim().is_empty() { none.clone() } else { s };
            let purposes = if a.purpose_description.trim().is_empty() {
                list("purposes")
            } else {
                a.purpose_description.trim().to_owned()
            };
            b.push(Block::Item(format!(
                "{}: {}",
                tr.t("rights-letter-purposes"),
                or_none(purposes)
            )));
            b.push(Block::Item(format!(
                "{}: {}",
                tr.t("rights-letter-basis"),
                or_none(labels::lawful_basis(tr, a))
            )));
            b.push(Block::Item(format!(
                "{}: {}",
                tr.t("rights-letter-categories"),
                or_none(list("categories"))
            )));
            b.push(Block::Item(format!(
                "{}: {}",
                tr.t("rights-letter-recipients"),
                or_none(list("recipients"))
            )));
            b.push(Block::Item(format!(
                "{}: {}",
                tr.t("rights-letter-transfers"),
                or_none(list("transfers"))
            )));
            b.push(Block::Item(format!(
                "{}: {}",
                tr.t("rights-letter-retention"),
                or_none(list("retention"))
            )));
            b.push(Block::Item(format!(
                "{}: {}",
                tr.t("rights-letter-source"),
                or_none(p["source"].as_str().unwrap_or_default().to_owned())
            )));
            b.push(Block::Item(format!(
                "{}: {}",
                tr.t("rights-letter-automated"),
                if a.automated_decisions.trim().is_empty() {
                    tr.t("statement-automated-none").to_owned()
                } else {
                    a.automated_decisions.trim().to_owned()
                }
            )));
        }
        b.push(Block::Heading(
            tr.t("rights-letter-documents-heading").to_owned(),
        ));
        if s.documents.is_empty() {
            b.push(Block::Para(tr.t("rights-letter-no-documents").to_owned()));
        }
        for d in &s.documents {
            b.push(Block::Item(format!(
                "{} ({})",
                d.name,
                class_label(tr, d.effective.class)
            )));
        }
        b.push(Block::Heading(
            tr.t("rights-letter-consents-heading").to_owned(),
        ));
        b.push(Block::Para(
            if consents.is_some() {
                tr.t("rights-letter-consents-in-bundle")
            } else {
                tr.t("rights-letter-consents-none")
            }
            .to_owned(),
        ));
        b.push(Block::Heading(
            tr.t("rights-letter-audit-heading").to_owned(),
        ));
        b.push(Block::Para(tr.t_n(
            "rights-letter-audit",
            "count",
            audit_json.len(),
        )));
        b.push(Block::Heading(tr.t("statement-rights-heading").to_owned()));
        b.push(Block::Para(tr.t("statement-rights-intro").to_owned()));
        for k in [
            "statement-right-rectification",
            "statement-right-erasure",
            "statement-right-restriction",
            "statement-right-portability",
            "statement-right-objection",
        ] {
            b.push(Block::Item(tr.t(k).to_owned()));
        }
        b.push(Block::Para(tr.t("statement-withdraw-consent").to_owned()));
        b.push(Block::Heading(
            tr.t("statement-complaint-heading").to_owned(),
        ));
        b.push(Block::Para(tr.t_with(
            "statement-complaint",
            &[("authority", s.jurisdiction.supervisory_authority())],
        )));
        b.push(Block::Para(tr.t("rights-letter-bundle").to_owned()));
        let title = tr.t("rights-letter-access-title").to_owned();
        let footer = format!("{org_name} · {}", tr.date(s.today));
        let mut all = vec![
            PackFile {
                name: "data.json".into(),
                bytes: json,
            },
            PackFile {
                name: "data.csv".into(),
                bytes: csv(&csv_rows),
            },
            PackFile {
                name: "audit.csv".into(),
                bytes: csv(&audit_rows),
            },
            PackFile {
                name: format!("letter-{}.html", s.lang.code()),
                bytes: html(&b, s.lang, &title).into_bytes(),
            },
            PackFile {
                name: format!("letter-{}.pdf", s.lang.code()),
                bytes: pdf(&b, &footer, "letter.pdf", s.lang)?,
            },
        ];
        all.extend(files);
        let bytes = zip_with_manifest(&all).map_err(AppError::internal)?;
        let mut fields = vec!["relation", "documents", "findings", "audit_trail"];
        if opts.document_bytes {
            fields.push("document_bytes");
        }
        self.audit_access(
            actor,
            &actor.event(AuditAction::RequestAccess, "request", &s.row.id, &fields),
        )
        .await?;
        Ok(RequestFile {
            file_name: format!("access-{}.zip", s.row.id),
            content_type: "application/zip",
            bytes,
        })
    }

    /// The portability export of request `id` (Art. 20; Permission::HandleRequests, identity verified): the
    /// values the person provided, as `data.json` and `data.csv` in a ZIP. Audited as `request.portability`.
    pub async fn request_portability(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<RequestFile, AppError> {
        require(actor, Permission::HandleRequests)?;
        let s = self.subject(actor, id).await?;
        Self::require_verified(&s)?;
        let values: BTreeMap<String, String> = s
            .clear
            .iter()
            .map(|(f, v)| (f.as_str().to_owned(), v.clone()))
            .collect();
        let json = serde_json::to_vec_pretty(&serde_json::json!({
            "format": "kluis-portability/1",
            "kind": s.relation.kind.as_str(),
            "party": s.relation.party.as_str(),
            "values": values,
        }))
        .map_err(AppError::internal)?;
        let mut rows = vec![vec!["field".to_owned(), "value".to_owned()]];
        rows.extend(values.iter().map(|(f, v)| vec![f.clone(), v.clone()]));
        let bytes = zip_with_manifest(&[
            PackFile {
                name: "data.json".into(),
                bytes: json,
            },
            PackFile {
                name: "data.csv".into(),
                bytes: csv(&rows),
            },
        ])
        .map_err(AppError::internal)?;
        self.audit_access(
            actor,
            &actor.event(
                AuditAction::RequestPortability,
                "request",
                &s.row.id,
                &["relation"],
            ),
        )
        .await?;
        Ok(RequestFile {
            file_name: format!("portability-{}.zip", s.row.id),
            content_type: "application/zip",
            bytes,
        })
    }

    /// Rectifies the relation of request `id` (Art. 16; Permission::HandleRequests and Write, identity
    /// verified): `changes` replace those fields (an empty value clears one) through the relations module's own
    /// checks, and the register's recipients of the activities holding them are listed to be informed (Art. 19).
    /// One transaction, one `request.rectify` event naming the fields.
    pub async fn request_rectify(
        &self,
        actor: &Actor,
        id: &str,
        changes: &BTreeMap<RelationField, String>,
    ) -> Result<Rectification, AppError> {
        require(actor, Permission::HandleRequests)?;
        require(actor, Permission::Write)?;
        if changes.is_empty() {
            return Err(AppError::invalid("values", "give the corrected values"));
        }
        let s = self.subject(actor, id).await?;
        Self::require_verified(&s)?;
        let view = self.relation(actor, &s.relation.id).await?;
        let mut values = view.values.clone();
        for (f, v) in changes {
            values.insert(*f, v.trim().to_owned());
        }
        let input = RelationInput {
            party: view.party,
            kind: view.kind,
            company: view.company_id.clone(),
            // An empty value clears the field.
            values: values.into_iter().filter(|(_, v)| !v.is_empty()).collect(),
            tags: view.tags.iter().cloned().collect(),
        };
        let (mut row, changed, link_keys) = self
            .relation_update_row(actor, &s.relation.id, &input)
            .await?;
        // A sensitive field cleared on purpose: the update keeps sensitive values absent from the input.
        row.values.retain(|v| {
            !(v.field.is_sensitive() && changes.get(&v.field).is_some_and(|x| x.trim().is_empty()))
        });
        let mut fields: Vec<&'static str> = changed
            .iter()
            .copied()
            .filter(|f| f.parse::<RelationField>().is_ok())
            .collect();
        for f in changes.keys() {
            if f.is_sensitive() && !fields.contains(&f.as_str()) {
                fields.push(f.as_str());
            }
        }
        if fields.is_empty() {
            return Err(AppError::invalid("values", "nothing changed"));
        }
        let register = self.register_snapshot(actor, None).await?;
        let subjects = s
            .relation
            .kind
            .subjects(s.relation.company_id.is_some() && s.relation.party == Party::Person);
        let categories: Vec<_> = fields
            .iter()
            .filter_map(|f| f.parse::<RelationField>().ok())
            .map(|f| f.category())
            .collect();
        let mut recipients = BTreeSet::new();
        for a in active_activities_for(&register, &subjects) {
            if a.categories.iter().any(|c| {
                categories
                    .iter()
                    .any(|h| kluis_domain::relations::model::covers(*c, *h))
            }) {
                recipients.extend(labels::recipients(Tr::new(s.lang), &register, a));
                recipients.extend(a.other_recipients.iter().cloned());
            }
        }
        let outcome = Rectification {
            at_ms: ms_now(),
            fields: fields.iter().map(|f| (*f).to_owned()).collect(),
            recipients: recipients.into_iter().collect(),
        };
        let mut detail = s.detail.clone();
        detail.rectification = Some(outcome.clone());
        let org_id = actor.scope.org_id().to_owned();
        let detail_enc = self.seal_detail(&org_id, &s.row.id, &detail)?;
        let updated = RequestRow {
            detail_enc,
            version: s.row.version + 1,
            ..s.row.clone()
        };
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.relations(&actor.scope).update(&row).await?;
            crate::links::relink_relation(&mut tx, &actor.scope, &row.id, &link_keys).await?;
            tx.requests(&actor.scope).update(&updated).await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RequestRectify,
                    "request",
                    &s.row.id,
                    &fields,
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        Ok(outcome)
    }

    /// The legal holds in force, by the id of the relation or document they are on. Their reasons stay sealed:
    /// the erasure report says that a hold keeps the record, not why.
    async fn holds_in_force(
        &self,
        actor: &Actor,
    ) -> Result<HashMap<String, Vec<LegalHold>>, AppError> {
        let mut out: HashMap<String, Vec<LegalHold>> = HashMap::new();
        for h in self.db().retention(&actor.scope).holds(None).await? {
            if h.lifted_at.is_some() {
                continue;
            }
            out.entry(h.target_id.clone()).or_default().push(LegalHold {
                placed_at: moment_of_ms(h.placed_at).unwrap_or(OffsetDateTime::UNIX_EPOCH),
                placed_by: Uuid::parse_str(&h.placed_by).unwrap_or(Uuid::nil()),
                reason: String::new(),
                lifted: None,
            });
        }
        Ok(out)
    }

    /// The erasure decisions for the person of `s`, as the register's rules make them on `s.today`.
    fn erasure_decisions(
        &self,
        s: &Subject,
        register: &Register,
        holds: &HashMap<String, Vec<LegalHold>>,
    ) -> Vec<ErasureDecision> {
        let held = |id: &str| holds.get(id).map_or(&[][..], Vec::as_slice);
        let relation = Uuid::parse_str(&s.relation.id).unwrap_or(Uuid::nil());
        let subjects = s
            .relation
            .kind
            .subjects(s.relation.company_id.is_some() && s.relation.party == Party::Person);
        let created = utc_date_of_ms(s.relation.created_at);
        let field_events = events(s.relation.kind, created, EventDate::NotApplicable, s.today);
        let mut out = Vec::new();
        for f in s.clear.keys() {
            let rules = applicable_rules(register, &subjects, &[f.category()]);
            out.push(decide(
                ErasureTarget::Field {
                    relation,
                    field: *f,
                },
                &rules,
                &field_events,
                held(&s.relation.id),
                s.today,
            ));
        }
        out.push(decide(
            ErasureTarget::Timeline { relation },
            &[],
            &field_events,
            held(&s.relation.id),
            s.today,
        ));
        for d in &s.documents {
            let class = d.effective.class.unwrap_or(DocumentClass::Other);
            // The document's class says what it holds by nature (an invoice: payment details); the person's own
            // fields are not added, or every letter mentioning an address would inherit the invoices' fiscal rule.
            let categories = document_class_categories(class);
            let rules = applicable_rules(register, &subjects, &categories);
            let stored = utc_date_of_ms(d.created_at);
            // Only fiscal records (invoices, payslips) belong to a financial year; a letter does not, so the fiscal
            // rule of the activity that also holds names and addresses does not keep it.
            let fiscal = if matches!(class, DocumentClass::Invoice | DocumentClass::Payslip) {
                stored
                    .and_then(|x| end_of_financial_year(x, Month::December))
                    .map_or(EventDate::Unknown, EventDate::Occurred)
            } else {
                EventDate::NotApplicable
            };
            let ev = events(s.relation.kind, stored, fiscal, s.today);
            let id = Uuid::parse_str(&d.id).unwrap_or(Uuid::nil());
            out.push(decide(
                ErasureTarget::Document { id, class },
                &rules,
                &ev,
                held(&d.id),
                s.today,
            ));
        }
        out.push(decide(
            ErasureTarget::AuditTrail { relation },
            &[],
            &field_events,
            &[],
            s.today,
        ));
        out
    }

    /// Erases the person of erasure request `id` (Art. 17; Permission::HandleRequests, identity verified), as
    /// the register's rules decide per field and document: deleted, anonymised (a field's value removed) or kept
    /// with the reason (an invoice under fiscal retention, Art. 17(3)(b)). In one transaction: the relation's
    /// values with their blind indexes, tags and notes (the relation itself when nothing of it is kept), the
    /// deleted documents with their findings, the request answered with the outcome stored; one `request.erase`
    /// event. After the commit the documents' bytes are overwritten and removed (idempotent: a retry or the
    /// orphan-blob job finishes what a crash left) and SQLite's log is emptied.
    pub async fn request_erase(&self, actor: &Actor, id: &str) -> Result<ErasureOutcome, AppError> {
        require(actor, Permission::HandleRequests)?;
        let s = self.subject(actor, id).await?;
        if s.kind != RequestKind::Erasure {
            return Err(AppError::invalid("kind", "this is not an erasure request"));
        }
        Self::require_verified(&s)?;
        let register = self.register_snapshot(actor, None).await?;
        let holds = self.holds_in_force(actor).await?;
        let decisions = self.erasure_decisions(&s, &register, &holds);
        let mut lines: Vec<ErasureLine> = decisions.iter().map(|d| line(d, &register)).collect();
        lines.push(ErasureLine {
            target: "request".into(),
            item: s.row.id.clone(),
            class: None,
            verdict: "keep".into(),
            reason: "request_record".into(),
            article: "Art. 5(2)".into(),
            kept_until: None,
            legal_reference: None,
            activity: None,
        });
        let erase_fields: Vec<RelationField> = decisions
            .iter()
            .filter_map(|d| match (d.target, d.verdict) {
                (ErasureTarget::Field { field, .. }, Verdict::Delete | Verdict::Anonymise) => {
                    Some(field)
                }
                _ => None,
            })
            .collect();
        let keeps_field = decisions.iter().any(|d| {
            matches!(d.target, ErasureTarget::Field { .. })
                && matches!(d.verdict, Verdict::Keep { .. })
        });
        // A document cannot be anonymised by a machine: one the rules would anonymise goes as a whole.
        let erase_docs: Vec<&DocumentRow> = s
            .documents
            .iter()
            .filter(|d| {
                decisions.iter().any(|x| match (x.target, x.verdict) {
                    (ErasureTarget::Document { id, .. }, Verdict::Delete | Verdict::Anonymise) => {
                        id.to_string() == d.id
                    }
                    _ => false,
                })
            })
            .collect();
        let mut blob_keys: Vec<String> = erase_docs
            .iter()
            .filter_map(|d| d.blob_key.clone())
            .collect();
        let mut domain = self.request_domain(actor.scope.org_id(), &s.row)?;
        let from = domain.status;
        let at = OffsetDateTime::now_utc();
        let by = Uuid::parse_str(actor.user_id.as_str()).ok();
        domain
            .apply(Transition::Answer, at, by)
            .map_err(|_| AppError::Conflict("this request can no longer be answered".into()))?;
        let at_ms = (at.unix_timestamp_nanos() / 1_000_000) as i64;
        let mut outcome = ErasureOutcome {
            at_ms,
            relation_id: s.relation.id.clone(),
            lines,
            log_cleared: false,
        };
        let org_id = actor.scope.org_id().to_owned();
        let relation_id = s.relation.id.clone();
        let request_id = s.row.id.clone();
        retry!({
            let mut tx = self.db().begin_write().await?;
            // Members of a container go with it; their own bytes live in the container's blob.
            for d in &erase_docs {
                if tx.documents(&actor.scope).get(&d.id).await?.is_some() {
                    tx.documents(&actor.scope).delete(&d.id).await?;
                }
            }
            let company_with_contacts = s.relation.party == Party::Company
                && tx
                    .relations(&actor.scope)
                    .contact_count(&relation_id)
                    .await?
                    > 0;
            if keeps_field || company_with_contacts {
                tx.relations(&actor.scope)
                    .erase_values(&relation_id, &erase_fields)
                    .await?;
            } else {
                tx.relations(&actor.scope).delete(&relation_id).await?;
            }
            let mut detail = s.detail.clone();
            detail.erasure = Some(outcome.clone());
            let updated = RequestRow {
                status: domain.status.as_str().to_owned(),
                closed_at: Some(at_ms),
                detail_enc: self.seal_detail(&org_id, &request_id, &detail)?,
                version: s.row.version + 1,
                ..s.row.clone()
            };
            tx.requests(&actor.scope).update(&updated).await?;
            tx.requests(&actor.scope)
                .add_transition(
                    &request_id,
                    &TransitionRow {
                        seq: 0,
                        from_status: Some(from.as_str().to_owned()),
                        to_status: domain.status.as_str().to_owned(),
                        reason_key: Some("erasure".into()),
                        actor: Some(actor.user_id.as_str().to_owned()),
                        at: at_ms,
                    },
                )
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RequestErase,
                    "request",
                    &request_id,
                    &["relation", "documents", "findings", "status"],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        blob_keys.sort();
        blob_keys.dedup();
        for key in &blob_keys {
            if let Err(e) = self.blobs().shred(key).await {
                // The row is gone, so the orphan-blob job removes these bytes later; logged by request id only.
                tracing::warn!(request = %request_id, error = %e, "could not overwrite the bytes of an erased document");
            }
        }
        outcome.log_cleared = self.db().compact_after_erasure().await?;
        tracing::info!(request = %request_id, documents = erase_docs.len(), "erasure carried out");
        Ok(outcome)
    }

    /// The erasure report of request `id` for the person (Permission::HandleRequests): `html`, `pdf` or `json`,
    /// in the request's language. Audited as `request.report`.
    pub async fn request_erasure_report(
        &self,
        actor: &Actor,
        id: &str,
        format: &str,
    ) -> Result<RequestFile, AppError> {
        require(actor, Permission::HandleRequests)?;
        let org_id = actor.scope.org_id().to_owned();
        let row = self
            .db()
            .requests(&actor.scope)
            .get(id.trim())
            .await?
            .ok_or(AppError::NotFound)?;
        let detail = self.request_detail(&org_id, &row)?;
        let Some(outcome) = detail.erasure.clone() else {
            return Err(AppError::Conflict("this request has no erasure yet".into()));
        };
        let lang = letter_lang(&detail);
        let tr = Tr::new(lang);
        let file = match format.trim() {
            "json" => RequestFile {
                file_name: format!("erasure-report-{}.json", row.id),
                content_type: "application/json",
                bytes: serde_json::to_vec_pretty(&outcome).map_err(AppError::internal)?,
            },
            f @ ("html" | "pdf") => {
                let profile = self.profile(actor).await?.profile;
                let org_name = if profile.legal_name.trim().is_empty() {
                    actor.org.name.clone()
                } else {
                    profile.legal_name.clone()
                };
                let blocks = erasure_letter(tr, &outcome, &row, &org_name);
                let title = tr.t("rights-letter-erasure-title").to_owned();
                if f == "html" {
                    RequestFile {
                        file_name: format!("erasure-report-{}-{}.html", row.id, lang.code()),
                        content_type: "text/html; charset=utf-8",
                        bytes: html(&blocks, lang, &title).into_bytes(),
                    }
                } else {
                    let name = format!("erasure-report-{}-{}.pdf", row.id, lang.code());
                    let date = utc_date_of_ms(outcome.at_ms)
                        .map(|d| tr.date(d))
                        .unwrap_or_default();
                    RequestFile {
                        bytes: pdf(&blocks, &format!("{org_name} · {date}"), &name, lang)?,
                        file_name: name,
                        content_type: "application/pdf",
                    }
                }
            }
            _ => return Err(AppError::invalid("format", "html, pdf or json")),
        };
        self.audit_access(
            actor,
            &actor.event(AuditAction::RequestReport, "request", &row.id, &["erasure"]),
        )
        .await?;
        Ok(file)
    }
}

fn erasure_letter(tr: Tr, o: &ErasureOutcome, row: &RequestRow, org_name: &str) -> Vec<Block> {
    let mut b = vec![
        Block::Title(tr.t("rights-letter-erasure-title").to_owned()),
        Block::Para(tr.t_with(
            "rights-letter-erasure-intro",
            &[("date", &row.received_on), ("organisation", org_name)],
        )),
    ];
    let describe = |l: &ErasureLine| -> String {
        let what = match l.target.as_str() {
            "field" => l
                .item
                .parse::<RelationField>()
                .map(|f| field_label(tr, f))
                .unwrap_or_else(|_| l.item.clone()),
            "document" => tr.t_with(
                "rights-erasure-document",
                &[(
                    "class",
                    &class_label(tr, l.class.as_deref().and_then(|c| c.parse().ok())),
                )],
            ),
            t => tr
                .t(&format!("rights-erasure-target-{}", t.replace('_', "-")))
                .to_owned(),
        };
        let why = tr
            .t(&format!(
                "rights-erasure-reason-{}",
                l.reason.replace('_', "-")
            ))
            .to_owned();
        let mut s = format!("{what}: {why} ({})", l.article);
        if let Some(r) = &l.legal_reference
            && !r.trim().is_empty()
        {
            s.push_str(&format!(", {r}"));
        }
        if let Some(u) = &l.kept_until {
            s.push_str(&format!(
                " {}",
                tr.t_with("rights-erasure-until", &[("date", u)])
            ));
        }
        s
    };
    for (heading, verdicts) in [
        (
            "rights-letter-erasure-deleted",
            &["delete", "anonymise"][..],
        ),
        ("rights-letter-erasure-kept", &["keep"][..]),
    ] {
        let items: Vec<&ErasureLine> = o
            .lines
            .iter()
            .filter(|l| verdicts.contains(&l.verdict.as_str()))
            .collect();
        if items.is_empty() {
            continue;
        }
        b.push(Block::Heading(tr.t(heading).to_owned()));
        for l in items {
            b.push(Block::Item(describe(l)));
        }
    }
    b.push(Block::Para(
        tr.t("rights-letter-erasure-backups").to_owned(),
    ));
    b
}
