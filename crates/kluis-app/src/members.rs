//! Members and roles of an organisation, and API tokens.

use kluis_domain::AuditAction;
use kluis_domain::{Permission, Role};
use kluis_store::now_ms;

use crate::audit::{event, require};
use crate::{
    Actor, ApiTokenSummary, App, AppError, Locale, Member, NewMember, UserId, retry,
    validate_email, validate_name, validate_password,
};

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

    /// Adds a user to the actor's organisation (Permission::ManageUsers). A new e-mail address creates an
    /// account with the given initial password; an existing account is added as a member unchanged.
    /// Conflict if already a member.
    pub async fn add_member(&self, actor: &Actor, input: NewMember) -> Result<Member, AppError> {
        require(actor, Permission::ManageUsers)?;
        let email = validate_email(&input.email)?;
        let display_name = validate_name("display_name", &input.display_name)?;
        let existing = self
            .db()
            .user_by_email_index(&self.email_index(&email))
            .await?;
        let new_user = match existing {
            Some(_) => None,
            None => {
                validate_password(&input.password)?;
                Some(
                    self.new_user_row(&email, &display_name, &input.password, Locale::default())
                        .await?,
                )
            }
        };
        let actor_id = actor.user_id.as_str();
        let origin = &actor.origin;
        let user_id = retry!({
            let mut tx = self.db().begin_write().await?;
            let user_id = match (
                &new_user,
                tx.user_by_email_index(&self.email_index(&email)).await?,
            ) {
                (_, Some(u)) => u.id,
                (Some(nu), None) => {
                    tx.insert_user(nu).await?;
                    tx.tenant(&actor.scope)
                        .append_audit(&event(
                            actor_id,
                            AuditAction::UserCreate,
                            "user",
                            &nu.id,
                            &["email", "display_name", "password"],
                            origin,
                        ))
                        .await?;
                    nu.id.clone()
                }
                // The account was deleted between the check and now; let the caller try again.
                (None, None) => {
                    return Err(AppError::Conflict(
                        "the account changed meanwhile; try again".into(),
                    ));
                }
            };
            let mut t = tx.tenant(&actor.scope);
            if t.member(&user_id).await?.is_some() {
                return Err(AppError::Conflict("this person is already a member".into()));
            }
            t.insert_membership(&user_id, input.role, now_ms()).await?;
            t.append_audit(&event(
                actor_id,
                AuditAction::MemberAdd,
                "membership",
                &user_id,
                &["role"],
                origin,
            ))
            .await?;
            tx.commit().await?;
            Ok(user_id)
        })?;
        let m = self
            .db()
            .tenant(&actor.scope)
            .member(&user_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(Member {
            user: self.user_summary(&m.user)?,
            role: m.role,
            joined_at_ms: m.joined_at,
        })
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
}
