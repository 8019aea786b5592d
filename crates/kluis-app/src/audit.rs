//! Reading and verifying the audit log, and building the events the use cases append.

use kluis_domain::AuditAction;
use kluis_domain::Permission;
use kluis_domain::audit::{AuditKey, BreakReason, ChainVerifier, Checkpoint};
use std::collections::HashMap;

use kluis_store::{AuditQuery, AuditTextMatch, NewAuditEvent, OrgScope, WriteTx};

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
    for scope in tx.membership_scopes(user_id).await? {
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

/// A checkpoint as the JSON file people keep and upload again.
pub fn checkpoint_to_json(cp: &Checkpoint) -> String {
    // A struct of strings and numbers always serialises.
    serde_json::to_string_pretty(cp).unwrap_or_default() + "\n"
}

/// Reads a checkpoint file; anything else is refused as invalid input (the signature is checked on use).
pub fn checkpoint_from_json(bytes: &[u8]) -> Result<Checkpoint, AppError> {
    serde_json::from_slice::<Checkpoint>(bytes)
        .ok()
        .filter(|cp| cp.format == Checkpoint::FORMAT)
        .ok_or_else(|| AppError::invalid("checkpoint", "this is not a Kluis audit checkpoint file"))
}

pub(crate) fn require(actor: &Actor, permission: Permission) -> Result<(), AppError> {
    if actor.role.allows(permission) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

impl App {
    /// Audit events of the actor's organisation, newest first (Permission::ReadAudit). With
    /// [`AuditFilter::with_names`] or a free-text [`AuditFilter::text`], people's display names are decrypted
    /// (to show or to match them): that read is audited as `member.list` naming the field, before anything is
    /// returned.
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
        let tenant = self.db().tenant(&actor.scope);
        let text = filter
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_lowercase);
        let reads_names = filter.with_names || text.is_some();
        // A search has to consider everyone the log names; a plain listing only the people on its page (below).
        let mut names = if text.is_some() {
            let ids = tenant.audit_user_ids().await?;
            self.user_names(ids).await?
        } else {
            HashMap::new()
        };
        let text_match = match &text {
            None => None,
            Some(t) => Some(AuditTextMatch {
                actors: names
                    .iter()
                    .filter(|(_, n)| n.to_lowercase().contains(t.as_str()))
                    .map(|(id, _)| id.clone())
                    .chain(
                        [CLI_ACTOR, JOBS_ACTOR]
                            .into_iter()
                            .filter(|a| a.contains(t.as_str()))
                            .map(str::to_owned),
                    )
                    .chain(std::iter::once(t.clone()))
                    .collect(),
                actions: filter
                    .text_actions
                    .iter()
                    .cloned()
                    .chain(std::iter::once(t.clone()))
                    .collect(),
                users: names
                    .iter()
                    .filter(|(_, n)| n.to_lowercase().contains(t.as_str()))
                    .map(|(id, _)| id.clone())
                    .collect(),
                // Bounded: a very common word would otherwise make a query with thousands of ids.
                documents: tenant.document_ids_named(t, 1000).await?,
                entity_ids: vec![t.clone()],
            }),
        };
        let q = AuditQuery {
            actor: filter.actor.filter(|s| !s.is_empty()),
            action: filter.action.filter(|s| !s.is_empty()),
            entity: filter.entity.filter(|s| !s.is_empty()),
            from_ms: filter.from_ms,
            to_ms: filter.to_ms,
            text: text_match,
            limit: i64::from(per_page),
            offset: i64::from(page - 1) * i64::from(per_page),
        };
        let (rows, total) = tenant.audit_events(&q).await?;
        if filter.with_names && text.is_none() {
            let ids = rows
                .iter()
                .flat_map(|e| {
                    let about_user = matches!(e.entity.as_str(), "user" | "membership");
                    std::iter::once(e.actor.clone()).chain(about_user.then(|| e.entity_id.clone()))
                })
                .collect::<std::collections::BTreeSet<_>>();
            names = self.user_names(ids).await?;
        }
        let subjects = if filter.with_names {
            self.audit_subject_names(&actor.scope, &rows, &names)
                .await?
        } else {
            HashMap::new()
        };
        if reads_names {
            self.audit_access(
                actor,
                &actor.event(
                    AuditAction::MemberList,
                    "user",
                    &actor.org.id,
                    &["display_name"],
                ),
            )
            .await?;
        }
        let show_names = filter.with_names;
        Ok(AuditPage {
            events: rows
                .into_iter()
                .map(|e| AuditEntry {
                    seq: e.seq,
                    at_ms: e.at_ms,
                    actor_name: names.get(&e.actor).filter(|_| show_names).cloned(),
                    subject_name: subjects
                        .get(&(e.entity.clone(), e.entity_id.clone()))
                        .cloned(),
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

    /// Display names of the users among `ids` (system actors and unknown ids are skipped), by user id.
    /// Decrypts: callers audit the read.
    async fn user_names(
        &self,
        ids: impl IntoIterator<Item = String>,
    ) -> Result<HashMap<String, String>, AppError> {
        let mut names = HashMap::new();
        for id in ids {
            if id == CLI_ACTOR || id == JOBS_ACTOR {
                continue;
            }
            if let Some(user) = self.db().user(&id).await? {
                names.insert(id, self.display_name(&user)?);
            }
        }
        Ok(names)
    }

    /// Names of the subjects of `rows`, by (entity, entity id): people by display name, documents by path,
    /// the organisation and API tokens by their names. Subjects without a name (sessions, deleted documents)
    /// are absent.
    async fn audit_subject_names(
        &self,
        scope: &OrgScope,
        rows: &[kluis_store::AuditEventRow],
        names: &HashMap<String, String>,
    ) -> Result<HashMap<(String, String), String>, AppError> {
        let tenant = self.db().tenant(scope);
        let mut out = HashMap::new();
        let doc_ids: Vec<String> = rows
            .iter()
            .filter(|e| e.entity == "document")
            .map(|e| e.entity_id.clone())
            .collect();
        let docs: HashMap<String, String> =
            tenant.document_paths(&doc_ids).await?.into_iter().collect();
        let needs_tokens = rows.iter().any(|e| e.entity == "api_token");
        let tokens: HashMap<String, String> = if needs_tokens {
            tenant
                .api_tokens()
                .await?
                .into_iter()
                .map(|t| (t.id, t.name))
                .collect()
        } else {
            HashMap::new()
        };
        let needs_org = rows.iter().any(|e| e.entity == "org");
        let org = if needs_org {
            Some(tenant.org().await?)
        } else {
            None
        };
        for e in rows {
            let name = match e.entity.as_str() {
                "user" | "membership" => names.get(&e.entity_id).cloned(),
                "document" => docs.get(&e.entity_id).cloned(),
                "api_token" => tokens.get(&e.entity_id).cloned(),
                "org" => org
                    .as_ref()
                    .filter(|o| o.id == e.entity_id)
                    .map(|o| o.name.clone()),
                _ => None,
            };
            if let Some(name) = name {
                out.insert((e.entity.clone(), e.entity_id.clone()), name);
            }
        }
        Ok(out)
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
            let scope = OrgScope::system(&org);
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

    /// The key the chain is verified with: the one appends use.
    fn chain_key(&self) -> Result<AuditKey, AppError> {
        self.keys()
            .audit_chain_key()
            .ok_or_else(|| AppError::Setup("the key file has no audit-key".into()))
    }

    /// Walks the chain in seq order with the domain's [`ChainVerifier`] (keyed hashes only), then checks the head
    /// recorded on the organisation, so events cut off the end are noticed too (unless the head was moved back
    /// with them: only a [`Checkpoint`] notices that).
    pub(crate) async fn verify_chain(
        &self,
        scope: &OrgScope,
    ) -> Result<AuditVerification, AppError> {
        let tenant = self.db().tenant(scope);
        // Read the head first: events appended while we walk are beyond it and are not checked this time.
        let (head_seq, head_hash) = tenant.audit_head().await?;
        let mut walk = ChainWalk::new(ChainVerifier::new(self.chain_key()?));
        let mut after = 0;
        while !walk.done(head_seq) {
            let batch = tenant.audit_chain_batch(after, 1000).await?;
            if batch.is_empty() {
                break;
            }
            after = walk.feed(&batch, head_seq);
        }
        Ok(walk.finish(head_seq, &head_hash))
    }

    /// A signed checkpoint of the actor's organisation's chain head (Permission::ReadAudit), to keep outside the
    /// installation. Refused while the chain does not verify: a checkpoint must vouch for an intact chain. The
    /// export is audited after the head was read, so the checkpoint names the event before that.
    pub async fn audit_checkpoint(&self, actor: &Actor) -> Result<Checkpoint, AppError> {
        require(actor, Permission::ReadAudit)?;
        let cp = self.checkpoint_of(&actor.scope).await?;
        let ev = actor.event(
            AuditAction::AuditCheckpoint,
            "audit_chain",
            &cp.seq.to_string(),
            &[],
        );
        self.audit_access(actor, &ev).await?;
        Ok(cp)
    }

    /// [`App::audit_checkpoint`] for the command line, by organisation slug.
    pub async fn cli_audit_checkpoint(&self, slug: &str) -> Result<Checkpoint, AppError> {
        let org = self
            .db()
            .org_by_slug(slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let scope = OrgScope::system(&org);
        let cp = self.checkpoint_of(&scope).await?;
        let ev = event(
            CLI_ACTOR,
            AuditAction::AuditCheckpoint,
            "audit_chain",
            &cp.seq.to_string(),
            &[],
            &Origin::cli(),
        );
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.tenant(&scope).append_audit(&ev).await?;
            tx.commit().await?;
            Ok(())
        })?;
        Ok(cp)
    }

    pub(crate) async fn checkpoint_of(&self, scope: &OrgScope) -> Result<Checkpoint, AppError> {
        let (head_seq, head_hash) = self.db().tenant(scope).audit_head().await?;
        if let AuditVerification::Broken { seq, reason } = self.verify_chain(scope).await? {
            return Err(AppError::Conflict(format!(
                "the audit chain is {}; no checkpoint is made for a broken chain",
                AuditVerification::Broken { seq, reason }
            )));
        }
        let key = self.checkpoint_key()?;
        Ok(Checkpoint::sign(
            &key,
            scope.org_id(),
            head_seq,
            &head_hash,
            kluis_store::now_ms(),
        ))
    }

    fn checkpoint_key(&self) -> Result<AuditKey, AppError> {
        self.keys()
            .audit_checkpoint_key()
            .ok_or_else(|| AppError::Setup("the key file has no audit-key".into()))
    }

    /// Verifies the actor's organisation's chain and that it still holds the event `checkpoint` recorded
    /// (Permission::ReadAudit). A checkpoint that is not signed by this installation, or belongs to another
    /// organisation, is refused as invalid input. Audited like [`App::verify_audit`].
    pub async fn verify_audit_checkpoint(
        &self,
        actor: &Actor,
        checkpoint: &Checkpoint,
    ) -> Result<AuditVerification, AppError> {
        require(actor, Permission::ReadAudit)?;
        let result = self.check_against(&actor.scope, checkpoint).await?;
        self.record_verification(&actor.scope, actor.user_id.as_str(), &actor.origin, &result)
            .await?;
        Ok(result)
    }

    /// Verifies the chain of the organisation `checkpoint` names against it (command line).
    pub async fn cli_verify_checkpoint(
        &self,
        checkpoint: &Checkpoint,
    ) -> Result<(OrgSummary, AuditVerification), AppError> {
        let org = self
            .db()
            .orgs()
            .await?
            .into_iter()
            .find(|o| o.id == checkpoint.org_id)
            .ok_or_else(|| {
                AppError::invalid(
                    "checkpoint",
                    "the checkpoint names an organisation this installation does not have",
                )
            })?;
        let scope = OrgScope::system(&org);
        let result = self.check_against(&scope, checkpoint).await?;
        self.record_verification(&scope, CLI_ACTOR, &Origin::cli(), &result)
            .await?;
        if !result.is_ok() {
            tracing::error!(org = %org.slug, result = %result, "audit chain verification failed");
        }
        Ok((OrgSummary::from(org), result))
    }

    async fn check_against(
        &self,
        scope: &OrgScope,
        cp: &Checkpoint,
    ) -> Result<AuditVerification, AppError> {
        if !cp.signature_valid(&self.checkpoint_key()?) {
            return Err(AppError::invalid(
                "checkpoint",
                "the checkpoint's signature is not valid: it was altered, or made by another installation",
            ));
        }
        if cp.org_id != scope.org_id() {
            return Err(AppError::invalid(
                "checkpoint",
                "the checkpoint belongs to another organisation",
            ));
        }
        let result = self.verify_chain(scope).await?;
        if !result.is_ok() {
            return Ok(result);
        }
        let recorded = self
            .db()
            .tenant(scope)
            .audit_chain_batch(cp.seq - 1, 1)
            .await?
            .into_iter()
            .next()
            .filter(|e| e.seq == cp.seq);
        if cp.seq > 0 && recorded.is_none_or(|e| e.hash != cp.head_hash) {
            return Ok(AuditVerification::Broken {
                seq: cp.seq,
                reason: BreakReason::CheckpointMismatch,
            });
        }
        Ok(result)
    }

    /// Re-keys chains written with the unkeyed v1 hash, once, when the key file says so (`audit-rekey
    /// pending`, added together with its audit key), then clears that mark.
    ///
    /// All organisations are re-keyed in one transaction, so a crash leaves either every chain re-keyed or none
    /// (and the mark still set, so the next start does it). Only a chain that verifies as v1 up to its recorded
    /// head is re-keyed; a broken one is left as it is and keeps failing verification, rather than being
    /// blessed. Each re-keyed chain gets an `audit.rekey` event naming how many events were re-keyed.
    pub(crate) async fn finish_audit_rekey(&self) -> Result<(), AppError> {
        if !self.keys().audit_rekey_pending() {
            return Ok(());
        }
        let key = self.chain_key()?;
        let orgs = self.db().orgs().await?;
        let mut tx = self.db().begin_write().await?;
        for org in &orgs {
            let scope = OrgScope::system(org);
            let (head_seq, head_hash) = self.db().tenant(&scope).audit_head().await?;
            let mut events = Vec::new();
            let mut after = 0;
            loop {
                let batch = tx.tenant(&scope).audit_chain_batch(after, 1000).await?;
                let Some(last) = batch.last() else { break };
                after = last.seq;
                events.extend(batch);
            }
            let mut keyed = ChainWalk::new(ChainVerifier::new(key.clone()));
            keyed.feed(&events, head_seq);
            if keyed.finish(head_seq, &head_hash).is_ok() {
                continue;
            }
            let mut legacy = ChainWalk::new(ChainVerifier::legacy());
            legacy.feed(&events, head_seq);
            if let AuditVerification::Broken { seq, .. } = legacy.finish(head_seq, &head_hash) {
                tracing::error!(org = %org.slug, seq, "audit chain is broken; it is not re-keyed");
                continue;
            }
            let mut prev = kluis_domain::audit::GENESIS_HASH.to_owned();
            let mut count = 0u64;
            for e in events.iter().filter(|e| e.seq <= head_seq) {
                let hash = kluis_domain::audit::chain_hash(&key, &prev, &e.record());
                tx.tenant(&scope)
                    .rewrite_audit_hash(e.seq, &prev, &hash)
                    .await?;
                prev = hash;
                count += 1;
            }
            tx.tenant(&scope).set_audit_head(head_seq, &prev).await?;
            let ev = event(
                CLI_ACTOR,
                AuditAction::AuditRekey,
                "audit_chain",
                &count.to_string(),
                &[],
                &Origin::cli(),
            );
            tx.tenant(&scope).append_audit(&ev).await?;
            tracing::info!(org = %org.slug, events = count, "re-keyed the audit chain");
        }
        tx.commit().await?;
        let ring = kluis_crypto::KeyRing::finish_audit_rekey(&self.config().effective_key_file())?;
        self.set_keys(ring);
        Ok(())
    }
}

/// Verification of one chain fed in batches: the domain's [`ChainVerifier`] plus the comparison with the head
/// recorded on the organisation. Shared by verification, re-keying and restore.
pub(crate) struct ChainWalk {
    verifier: ChainVerifier,
    last: (i64, String),
    broken: Option<AuditVerification>,
}

impl ChainWalk {
    pub(crate) fn new(verifier: ChainVerifier) -> ChainWalk {
        ChainWalk {
            verifier,
            last: (0, kluis_domain::audit::GENESIS_HASH.to_owned()),
            broken: None,
        }
    }

    /// Whether nothing up to `head_seq` is left to check.
    pub(crate) fn done(&self, head_seq: i64) -> bool {
        self.broken.is_some() || self.last.0 >= head_seq
    }

    /// Checks `batch` (events beyond `head_seq` are ignored); returns the last seq seen, to read on from.
    pub(crate) fn feed(&mut self, batch: &[kluis_store::AuditEventRow], head_seq: i64) -> i64 {
        let mut after = self.last.0;
        for e in batch {
            after = e.seq;
            if self.broken.is_some() || e.seq > head_seq {
                continue;
            }
            if let Err(broken) = self.verifier.check(e) {
                self.broken = Some(AuditVerification::Broken {
                    seq: broken.seq,
                    reason: broken.reason,
                });
                continue;
            }
            self.last = (e.seq, e.hash.clone());
        }
        after
    }

    /// The outcome, given the head recorded on the organisation.
    pub(crate) fn finish(self, head_seq: i64, head_hash: &str) -> AuditVerification {
        if let Some(broken) = self.broken {
            return broken;
        }
        let (last_seq, last_hash) = self.last;
        if last_seq != head_seq {
            return AuditVerification::Broken {
                seq: last_seq + 1,
                reason: BreakReason::SequenceGap,
            };
        }
        if last_hash != head_hash {
            return AuditVerification::Broken {
                seq: last_seq,
                reason: BreakReason::ContentAltered,
            };
        }
        AuditVerification::Ok {
            events: self.verifier.checked(),
        }
    }
}
