//! Reading and verifying the audit log, and building the events the use cases append.

use kluis_domain::AuditAction;
use kluis_domain::Permission;
use kluis_domain::audit::{BreakReason, ChainVerifier};
use kluis_store::{AuditQuery, NewAuditEvent, OrgScope, WriteTx};

use crate::{
    Actor, App, AppError, AuditEntry, AuditFilter, AuditPage, AuditVerification, OrgSummary,
    Origin, retry,
};

/// Actor name of the command line in audit events.
pub(crate) const CLI_ACTOR: &str = "cli";
/// Actor name of background jobs in audit events.
pub(crate) const JOBS_ACTOR: &str = "system:jobs";

/// An audit event: `fields` are names of changed fields, never values.
pub(crate) fn event(
    actor: &str,
    action: AuditAction,
    entity: &str,
    entity_id: &str,
    fields: &[&str],
    origin: &Origin,
) -> NewAuditEvent {
    NewAuditEvent {
        actor: actor.to_owned(),
        action,
        entity: entity.to_owned(),
        entity_id: entity_id.to_owned(),
        fields: fields.iter().map(|f| (*f).to_owned()).collect(),
        origin: origin.ip.clone(),
    }
}

impl Actor {
    /// An audit event done by this actor, from where the request came: names of changed fields, never values.
    pub(crate) fn event(
        &self,
        action: AuditAction,
        entity: &str,
        entity_id: &str,
        fields: &[&str],
    ) -> NewAuditEvent {
        event(
            self.user_id.as_str(),
            action,
            entity,
            entity_id,
            fields,
            &self.origin,
        )
    }
}

/// Appends `ev` to the chain of every organisation `user_id` belongs to (account-level events such as logins
/// and password changes concern each of them), in `tx`.
pub(crate) async fn append_for_user(
    tx: &mut WriteTx,
    user_id: &str,
    ev: &NewAuditEvent,
) -> Result<(), AppError> {
    // Sorted order keeps PostgreSQL row locks in one global order, so such transactions cannot deadlock.
    for org_id in tx.membership_org_ids(user_id).await? {
        let scope = OrgScope::system(&org_id);
        tx.tenant(&scope).append_audit(ev).await?;
    }
    Ok(())
}

impl App {
    /// Records that personal data was decrypted for the actor to read: its own transaction, since reading
    /// changes nothing else. The caller returns the data only once this succeeded.
    pub(crate) async fn audit_access(
        &self,
        actor: &Actor,
        ev: &NewAuditEvent,
    ) -> Result<(), AppError> {
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.tenant(&actor.scope).append_audit(ev).await?;
            tx.commit().await?;
            Ok(())
        })
    }
}

pub(crate) fn require(actor: &Actor, permission: Permission) -> Result<(), AppError> {
    if actor.role.allows(permission) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

impl App {
    /// Audit events of the actor's organisation, newest first (Permission::ReadAudit).
    pub async fn audit_events(
        &self,
        actor: &Actor,
        filter: AuditFilter,
    ) -> Result<AuditPage, AppError> {
        require(actor, Permission::ReadAudit)?;
        let per_page = match filter.per_page {
            0 => 50,
            n => n.min(500),
        };
        let page = filter.page.max(1);
        let q = AuditQuery {
            actor: filter.actor.filter(|s| !s.is_empty()),
            action: filter.action.filter(|s| !s.is_empty()),
            entity: filter.entity.filter(|s| !s.is_empty()),
            from_ms: filter.from_ms,
            to_ms: filter.to_ms,
            limit: i64::from(per_page),
            offset: i64::from(page - 1) * i64::from(per_page),
        };
        let (rows, total) = self.db().tenant(&actor.scope).audit_events(&q).await?;
        Ok(AuditPage {
            events: rows
                .into_iter()
                .map(|e| AuditEntry {
                    seq: e.seq,
                    at_ms: e.at_ms,
                    actor: e.actor,
                    action: e.action,
                    entity: e.entity,
                    entity_id: e.entity_id,
                    fields: e.fields,
                    origin: e.origin,
                })
                .collect(),
            page,
            per_page,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    /// Verifies the actor's organisation's audit chain (Permission::ReadAudit). The verification itself is
    /// audited (after the check, so it does not influence its own result).
    pub async fn verify_audit(&self, actor: &Actor) -> Result<AuditVerification, AppError> {
        require(actor, Permission::ReadAudit)?;
        let result = self.verify_chain(&actor.scope).await?;
        self.record_verification(&actor.scope, actor.user_id.as_str(), &actor.origin, &result)
            .await?;
        Ok(result)
    }

    /// Verifies every organisation's chain (CLI, daily job). Each verification is audited with actor `cli`.
    pub async fn verify_all_audit(&self) -> Result<Vec<(OrgSummary, AuditVerification)>, AppError> {
        self.verify_all_as(CLI_ACTOR, &Origin::cli()).await
    }

    pub(crate) async fn verify_all_as(
        &self,
        actor: &str,
        origin: &Origin,
    ) -> Result<Vec<(OrgSummary, AuditVerification)>, AppError> {
        let mut out = Vec::new();
        for org in self.db().orgs().await? {
            let scope = OrgScope::system(&org.id);
            let result = self.verify_chain(&scope).await?;
            self.record_verification(&scope, actor, origin, &result)
                .await?;
            if !result.is_ok() {
                tracing::error!(org = %org.slug, result = %result, "audit chain verification failed");
            }
            out.push((OrgSummary::from(org), result));
        }
        Ok(out)
    }

    async fn record_verification(
        &self,
        scope: &OrgScope,
        actor: &str,
        origin: &Origin,
        result: &AuditVerification,
    ) -> Result<(), AppError> {
        let (action, entity_id) = match result {
            AuditVerification::Ok { events } => (AuditAction::AuditVerifyOk, events.to_string()),
            AuditVerification::Broken { seq, .. } => {
                (AuditAction::AuditVerifyBroken, seq.to_string())
            }
        };
        let ev = event(actor, action, "audit_chain", &entity_id, &[], origin);
        crate::retry!({
            let mut tx = self.db().begin_write().await?;
            tx.tenant(scope).append_audit(&ev).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Walks the chain in seq order with the domain's [`ChainVerifier`], then checks the head recorded on the
    /// organisation, so events cut off the end are noticed too.
    pub(crate) async fn verify_chain(
        &self,
        scope: &OrgScope,
    ) -> Result<AuditVerification, AppError> {
        let tenant = self.db().tenant(scope);
        // Read the head first: events appended while we walk are beyond it and are not checked this time.
        let (head_seq, head_hash) = tenant.audit_head().await?;
        let mut verifier = ChainVerifier::default();
        let mut last: Option<(i64, String)> = None;
        let mut after = 0;
        'outer: loop {
            let batch = tenant.audit_chain_batch(after, 1000).await?;
            if batch.is_empty() {
                break;
            }
            for e in &batch {
                if e.seq > head_seq {
                    break 'outer;
                }
                if let Err(broken) = verifier.check(e) {
                    return Ok(AuditVerification::Broken {
                        seq: broken.seq,
                        reason: broken.reason,
                    });
                }
                last = Some((e.seq, e.hash.clone()));
                after = e.seq;
            }
        }
        let (last_seq, last_hash) =
            last.unwrap_or((0, kluis_domain::audit::GENESIS_HASH.to_owned()));
        if last_seq != head_seq {
            return Ok(AuditVerification::Broken {
                seq: last_seq + 1,
                reason: BreakReason::SequenceGap,
            });
        }
        if last_hash != head_hash {
            return Ok(AuditVerification::Broken {
                seq: last_seq,
                reason: BreakReason::ContentAltered,
            });
        }
        Ok(AuditVerification::Ok {
            events: verifier.checked(),
        })
    }
}
