//! Administration from the server's command line: organisations, users and passwords, audited as actor `cli`.

use kluis_domain::{AuditAction, Permission, Role, SystemActor};
use kluis_store::{OrgScope, now_ms};

use crate::audit::{CLI_ACTOR, append_for_user, event};
use crate::{
    App, AppError, Locale, OrgSummary, Origin, UserSummary, hash_password, retry, validate_email,
    validate_name, validate_password, validate_slug,
};

/// Work without a member behind it still needs a permission: what the command line and the jobs may do is
/// `SystemActor::allows`, written in kluis-domain like a role's.
pub(crate) fn require_system(actor: SystemActor, permission: Permission) -> Result<(), AppError> {
    if actor.allows(permission) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

impl App {
    /// The scope of the organisation a command names by slug (the operator at the command line acts for it
    /// without a membership); NotFound for an unknown slug.
    async fn cli_org_scope(&self, org_slug: &str) -> Result<OrgScope, AppError> {
        let org = self
            .db()
            .org_by_slug(org_slug.trim())
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(OrgScope::system(&org))
    }

    /// Creates an organisation. Conflict if the slug is taken.
    pub async fn cli_add_org(&self, slug: &str, name: &str) -> Result<OrgSummary, AppError> {
        require_system(SystemActor::Cli, Permission::ManageUsers)?;
        let slug = validate_slug(slug)?;
        let slug = slug.as_str();
        let name = validate_name("name", name)?;
        let origin = Origin::cli();
        let org = retry!({
            let mut tx = self.db().begin_write().await?;
            if tx.org_by_slug(slug).await?.is_some() {
                return Err(AppError::Conflict(format!(
                    "an organisation named '{slug}' already exists"
                )));
            }
            let (org, scope) = tx
                .insert_org(&uuid::Uuid::now_v7().to_string(), slug, &name, now_ms())
                .await?;
            tx.tenant(&scope)
                .append_audit(&event(
                    CLI_ACTOR,
                    AuditAction::OrgCreate,
                    "org",
                    &org.id,
                    &["slug", "name"],
                    &origin,
                ))
                .await?;
            tx.commit().await?;
            Ok(org)
        })?;
        Ok(org.into())
    }

    /// All organisations (CLI listing).
    pub async fn cli_orgs(&self) -> Result<Vec<OrgSummary>, AppError> {
        Ok(self
            .db()
            .orgs()
            .await?
            .into_iter()
            .map(OrgSummary::from)
            .collect())
    }

    /// Adds a user to organisation `org_slug` with `role`. If an account with this e-mail exists it is added
    /// as a member (name and password unchanged). NotFound for an unknown organisation, Conflict if already a
    /// member.
    pub async fn cli_add_user(
        &self,
        org_slug: &str,
        email: &str,
        name: &str,
        role: Role,
        password: &str,
    ) -> Result<UserSummary, AppError> {
        require_system(SystemActor::Cli, Permission::ManageUsers)?;
        let email = validate_email(email)?;
        let name = validate_name("name", name)?;
        let scope = self.cli_org_scope(org_slug).await?;
        let index = self.email_index(email.as_str());
        let new_user = match self.db().user_by_email_index(&index).await? {
            Some(_) => None,
            None => {
                let password = validate_password(password)?;
                Some(
                    self.new_user_row(&email, &name, &password, Locale::default())
                        .await?,
                )
            }
        };
        let origin = Origin::cli();
        let user_id = retry!({
            let mut tx = self.db().begin_write().await?;
            let user_id = match (&new_user, tx.user_by_email_index(&index).await?) {
                (_, Some(u)) => u.id,
                (Some(nu), None) => {
                    tx.insert_user(nu).await?;
                    nu.id.clone()
                }
                (None, None) => {
                    return Err(AppError::Conflict(
                        "the account changed meanwhile; try again".into(),
                    ));
                }
            };
            let mut t = tx.tenant(&scope);
            if t.member(&user_id).await?.is_some() {
                return Err(AppError::Conflict(
                    "this person is already a member of that organisation".into(),
                ));
            }
            t.insert_membership(&user_id, role, now_ms()).await?;
            // One event for one change: a new account made for the membership is named in the same event.
            let fields: &[&str] = if new_user.is_some() {
                &["role", "email", "display_name", "password"]
            } else {
                &["role"]
            };
            t.append_audit(&event(
                CLI_ACTOR,
                AuditAction::MemberAdd,
                "membership",
                &user_id,
                fields,
                &origin,
            ))
            .await?;
            tx.commit().await?;
            Ok(user_id)
        })?;
        let u = self.db().user(&user_id).await?.ok_or(AppError::NotFound)?;
        self.user_summary(&u)
    }

    /// Sets a user's password (e.g. a forgotten one) and ends all their sessions. NotFound for an unknown
    /// e-mail address.
    pub async fn cli_set_password(&self, email: &str, password: &str) -> Result<(), AppError> {
        require_system(SystemActor::Cli, Permission::ManageUsers)?;
        let email = crate::normalize_email(email);
        let password = validate_password(password)?;
        let u = self
            .db()
            .user_by_email_index(&self.email_index(&email))
            .await?
            .ok_or(AppError::NotFound)?;
        let hash = hash_password(&password).await?;
        let origin = Origin::cli();
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.set_password_hash(&u.id, &hash).await?;
            tx.delete_user_sessions(&u.id, None).await?;
            append_for_user(
                &mut tx,
                &u.id,
                &event(
                    CLI_ACTOR,
                    AuditAction::UserPassword,
                    "user",
                    &u.id,
                    &["password"],
                    &origin,
                ),
            )
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Whether an account with this e-mail address exists, so the CLI asks for a password only for a new one.
    pub async fn cli_account_exists(&self, email: &str) -> Result<bool, AppError> {
        let email = validate_email(email)?;
        Ok(self
            .db()
            .user_by_email_index(&self.email_index(email.as_str()))
            .await?
            .is_some())
    }

    /// Creates an API token for the member with `email` in organisation `org_slug` (for automation), audited
    /// as actor `cli`. Returns the token once; only its digest is stored. NotFound for an unknown organisation
    /// or an address that is not a member there.
    pub async fn cli_create_token(
        &self,
        org_slug: &str,
        email: &str,
        name: &str,
    ) -> Result<(crate::ApiTokenSummary, String), AppError> {
        require_system(SystemActor::Cli, Permission::ManageUsers)?;
        let email = validate_email(email)?;
        let name = validate_name("name", name)?;
        let scope = self.cli_org_scope(org_slug).await?;
        let user = self
            .db()
            .user_by_email_index(&self.email_index(email.as_str()))
            .await?
            .ok_or(AppError::NotFound)?;
        let token = kluis_crypto::random_token();
        let digest = kluis_crypto::token_digest(&token);
        let id = uuid::Uuid::now_v7().to_string();
        let origin = Origin::cli();
        let row = retry!({
            let mut tx = self.db().begin_write().await?;
            let mut t = tx.tenant(&scope);
            // Only a member gets a token: it acts with their role in this organisation.
            t.member(&user.id).await?.ok_or(AppError::NotFound)?;
            let row = t
                .insert_api_token(&id, &user.id, &name, &digest, now_ms())
                .await?;
            t.append_audit(&event(
                CLI_ACTOR,
                AuditAction::ApiTokenCreate,
                "api_token",
                &id,
                &["name"],
                &origin,
            ))
            .await?;
            tx.commit().await?;
            Ok(row)
        })?;
        Ok((row.into(), token))
    }
}
