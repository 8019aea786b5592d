//! Members and roles of an organisation, and API tokens.

use kluis_domain::AuditAction;
use kluis_domain::{Permission, Role};
use kluis_store::now_ms;

use crate::audit::append_for_user;
use crate::audit::{event, require};
use crate::{
    Actor, ApiTokenSummary, App, AppError, Member, OrgSummary, Origin, UserId, hash_password,
    retry, validate_name, validate_password_field, validate_slug,
};
use kluis_store::PendingLoginRow;

/// How long an owner's password-reset link for a colleague works.
const RESET_LINK_TTL_MS: i64 = 24 * 3600 * 1000;
/// Prefix of a reset link's row key in the one-time-token table it shares with pending logins. A login's key
/// is a bare hex digest, so neither kind can be used as the other.
const RESET_KEY_PREFIX: &str = "reset:";

fn reset_key(token: &str) -> String {
    format!(
        "{RESET_KEY_PREFIX}{}",
        kluis_crypto::token_digest(token.trim())
    )
}

/// The personal data a member listing decrypts (names of fields, for the audit event).
const MEMBER_LIST_FIELDS: &[&str] = &["email", "display_name"];
const LAST_OWNER: &str = "an organisation needs at least one owner; make someone else owner first";

impl App {
    /// Members of the actor's organisation (Permission::Read), ordered by name. Their e-mail addresses and names
    /// are decrypted for this, so every listing is audited (`member.list`, naming the decrypted fields) before
    /// anything is returned.
    pub async fn members(&self, actor: &Actor) -> Result<Vec<Member>, AppError> {
        require(actor, Permission::Read)?;
        let members = self
            .db()
            .tenant(&actor.scope)
            .members()
            .await?
            .into_iter()
            .map(|m| {
                Ok(Member {
                    user: self.user_summary(&m.user)?,
                    role: m.role,
                    joined_at_ms: m.joined_at,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        // Names are encrypted, so the database cannot sort by them.
        let mut members = members;
        members.sort_by(|a, b| {
            (a.user.display_name.to_lowercase(), &a.user.id.0)
                .cmp(&(b.user.display_name.to_lowercase(), &b.user.id.0))
        });
        self.audit_access(
            actor,
            &actor.event(
                AuditAction::MemberList,
                "user",
                &actor.org.id,
                MEMBER_LIST_FIELDS,
            ),
        )
        .await?;
        Ok(members)
    }

    /// The display name of a member of the actor's organisation (Permission::Read: members may see each other's
    /// names), e.g. to say who corrected a document; `None` if they are not (or no longer) a member. Audited as
    /// `member.read` naming the field, since the name is decrypted for it.
    pub async fn member_display_name(
        &self,
        actor: &Actor,
        user_id: &str,
    ) -> Result<Option<String>, AppError> {
        require(actor, Permission::Read)?;
        let Some(m) = self.db().tenant(&actor.scope).member(user_id).await? else {
            return Ok(None);
        };
        let name = self.display_name(&m.user)?;
        self.audit_access(
            actor,
            &actor.event(AuditAction::MemberRead, "user", user_id, &["display_name"]),
        )
        .await?;
        Ok(Some(name))
    }

    /// How many members the actor's organisation has; decrypts nothing.
    pub async fn member_count(&self, actor: &Actor) -> Result<i64, AppError> {
        require(actor, Permission::Read)?;
        Ok(self.db().tenant(&actor.scope).member_count().await?)
    }

    /// Changes a member's role (Permission::ManageUsers). Never leaves the organisation without an owner.
    pub async fn change_role(
        &self,
        actor: &Actor,
        user_id: &UserId,
        role: Role,
    ) -> Result<(), AppError> {
        require(actor, Permission::ManageUsers)?;
        retry!({
            let mut tx = self.db().begin_write().await?;
            let mut t = tx.tenant(&actor.scope);
            // Lock first: the owner count below must not change before this transaction commits.
            t.lock_org().await?;
            let current = t
                .member(user_id.as_str())
                .await?
                .ok_or(AppError::NotFound)?;
            if current.role == role {
                return Ok(());
            }
            if current.role == Role::Owner && t.owner_count().await? <= 1 {
                return Err(AppError::Conflict(LAST_OWNER.into()));
            }
            t.set_role(user_id.as_str(), role).await?;
            t.append_audit(&actor.event(
                AuditAction::MemberRole,
                "membership",
                user_id.as_str(),
                &["role"],
            ))
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Removes a member from the actor's organisation (Permission::ManageUsers); their API tokens for it are
    /// revoked. The account itself stays (it may belong to other organisations). Never removes the last owner.
    pub async fn remove_member(&self, actor: &Actor, user_id: &UserId) -> Result<(), AppError> {
        require(actor, Permission::ManageUsers)?;
        retry!({
            let mut tx = self.db().begin_write().await?;
            let mut t = tx.tenant(&actor.scope);
            t.lock_org().await?;
            let current = t
                .member(user_id.as_str())
                .await?
                .ok_or(AppError::NotFound)?;
            if current.role == Role::Owner && t.owner_count().await? <= 1 {
                return Err(AppError::Conflict(LAST_OWNER.into()));
            }
            t.delete_membership(user_id.as_str()).await?;
            t.append_audit(&actor.event(
                AuditAction::MemberRemove,
                "membership",
                user_id.as_str(),
                &[],
            ))
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Creates an API token for the actor in the actor's organisation; it acts with the actor's role there.
    /// Returns the token once; only its digest is stored.
    pub async fn create_api_token(
        &self,
        actor: &Actor,
        name: &str,
    ) -> Result<(ApiTokenSummary, String), AppError> {
        require(actor, Permission::Read)?;
        let name = validate_name("name", name)?;
        let token = kluis_crypto::random_token();
        let digest = kluis_crypto::token_digest(&token);
        let id = uuid::Uuid::now_v7().to_string();
        let row = retry!({
            let mut tx = self.db().begin_write().await?;
            let mut t = tx.tenant(&actor.scope);
            let row = t
                .insert_api_token(&id, actor.user_id.as_str(), &name, &digest, now_ms())
                .await?;
            t.append_audit(&actor.event(AuditAction::ApiTokenCreate, "api_token", &id, &["name"]))
                .await?;
            tx.commit().await?;
            Ok(row)
        })?;
        Ok((row.into(), token))
    }

    /// API tokens of the actor's organisation: all of them with Permission::ManageUsers, else the actor's own.
    pub async fn api_tokens(&self, actor: &Actor) -> Result<Vec<ApiTokenSummary>, AppError> {
        require(actor, Permission::Read)?;
        let all = actor.can(Permission::ManageUsers);
        Ok(self
            .db()
            .tenant(&actor.scope)
            .api_tokens()
            .await?
            .into_iter()
            .filter(|t| all || t.user_id == actor.user_id.as_str())
            .map(ApiTokenSummary::from)
            .collect())
    }

    /// Revokes a token: one's own, or any of the organisation's with Permission::ManageUsers. NotFound for
    /// tokens of other organisations.
    pub async fn revoke_api_token(&self, actor: &Actor, id: &str) -> Result<(), AppError> {
        require(actor, Permission::Read)?;
        retry!({
            let mut tx = self.db().begin_write().await?;
            let mut t = tx.tenant(&actor.scope);
            let token = t.api_token(id).await?.ok_or(AppError::NotFound)?;
            if token.user_id != actor.user_id.as_str() && !actor.can(Permission::ManageUsers) {
                return Err(AppError::Forbidden);
            }
            t.revoke_api_token(id).await?;
            t.append_audit(&actor.event(
                AuditAction::ApiTokenRevoke,
                "api_token",
                id,
                &["revoked"],
            ))
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Creates another organisation for a user who owns at least one already (a consultant's clients); the
    /// user becomes its owner. Audited in the new organisation. Forbidden for users who own none; Invalid for
    /// a bad slug or name; Conflict if the slug is taken.
    pub async fn create_org(
        &self,
        user_id: &UserId,
        slug: &str,
        name: &str,
        origin: &Origin,
    ) -> Result<OrgSummary, AppError> {
        let owns_one = self
            .db()
            .memberships_of(user_id.as_str())
            .await?
            .iter()
            .any(|(_, r)| *r == Role::Owner);
        if !owns_one {
            return Err(AppError::Forbidden);
        }
        let slug = validate_slug(slug)?;
        let name = validate_name("org_name", name)?;
        let org = retry!({
            let mut tx = self.db().begin_write().await?;
            if tx.org_by_slug(slug.as_str()).await?.is_some() {
                return Err(AppError::Conflict(format!(
                    "an organisation named '{slug}' already exists"
                )));
            }
            let now = now_ms();
            let (org, scope) = tx
                .insert_org(&uuid::Uuid::now_v7().to_string(), slug.as_str(), &name, now)
                .await?;
            let mut t = tx.tenant(&scope);
            t.insert_membership(user_id.as_str(), Role::Owner, now)
                .await?;
            // One event for one change: the creator's owner membership is part of the organisation's creation.
            t.append_audit(&event(
                user_id.as_str(),
                AuditAction::OrgCreate,
                "org",
                &org.id,
                &["slug", "name", "owner"],
                origin,
            ))
            .await?;
            tx.commit().await?;
            Ok(org)
        })?;
        Ok(org.into())
    }

    /// A one-time link token with which a colleague sets a new password (Permission::ManageUsers). Only its
    /// digest is stored; it works once, for 24 hours. Forbidden for oneself and for an account that also
    /// belongs to an organisation the actor does not own (the link would open that organisation too).
    pub async fn create_password_reset(
        &self,
        actor: &Actor,
        user_id: &UserId,
    ) -> Result<String, AppError> {
        require(actor, Permission::ManageUsers)?;
        if *user_id == actor.user_id {
            return Err(AppError::Forbidden);
        }
        self.db()
            .tenant(&actor.scope)
            .member(user_id.as_str())
            .await?
            .ok_or(AppError::NotFound)?;
        let owned: Vec<String> = self
            .db()
            .memberships_of(actor.user_id.as_str())
            .await?
            .into_iter()
            .filter(|(_, r)| *r == Role::Owner)
            .map(|(o, _)| o.id)
            .collect();
        let elsewhere = self
            .db()
            .memberships_of(user_id.as_str())
            .await?
            .iter()
            .any(|(o, _)| !owned.contains(&o.id));
        if elsewhere {
            return Err(AppError::Forbidden);
        }
        let token = kluis_crypto::random_token();
        let now = now_ms();
        let row = PendingLoginRow {
            id_digest: reset_key(&token),
            user_id: user_id.as_str().to_owned(),
            created_at: now,
            expires_at: now + RESET_LINK_TTL_MS,
            failures: 0,
        };
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.insert_pending_login(&row).await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::UserPasswordResetLink,
                    "user",
                    user_id.as_str(),
                    &[],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        Ok(token)
    }

    /// Whether a password-reset link token is still usable (unknown, used and expired ones are not).
    pub async fn password_reset_valid(&self, token: &str) -> Result<bool, AppError> {
        Ok(self
            .db()
            .pending_login(&reset_key(token))
            .await?
            .is_some_and(|p| p.expires_at > now_ms()))
    }

    /// Sets a new password with a reset link token, using the token up and ending the user's sessions.
    /// Unauthenticated for an unknown, used or expired token; Invalid (field `new_password`) for a password the
    /// policy refuses (the token stays usable then).
    pub async fn reset_password(
        &self,
        token: &str,
        new: &str,
        origin: &Origin,
    ) -> Result<(), AppError> {
        let key = reset_key(token);
        let pending = self
            .db()
            .pending_login(&key)
            .await?
            .filter(|p| p.expires_at > now_ms())
            .ok_or(AppError::Unauthenticated)?;
        let new = validate_password_field("new_password", new)?;
        let hash = hash_password(&new).await?;
        let user_id = pending.user_id;
        retry!({
            let mut tx = self.db().begin_write().await?;
            // Single use: of two requests racing with the same link, one wins.
            if !tx.delete_pending_login(&key).await? {
                return Err(AppError::Unauthenticated);
            }
            tx.set_password_hash(&user_id, &hash).await?;
            tx.delete_user_sessions(&user_id, None).await?;
            let ev = event(
                &user_id,
                AuditAction::UserPassword,
                "user",
                &user_id,
                &["password"],
                origin,
            );
            append_for_user(&mut tx, &user_id, &ev).await?;
            tx.commit().await?;
            Ok(())
        })
    }
}
