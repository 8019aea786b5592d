//! Invitations: an owner invites an address with a role and a name; the invitee accepts through a one-time link.
//!
//! Inviting never looks at accounts elsewhere, so the owner's answer is the same whether or not the address has
//! an account in another organisation, and the organisation sees only the name it typed until the invitee
//! accepts. The link's token is stored as its digest only (like an owner's password-reset link), works for
//! [`INVITATION_TTL_MS`] and once.

use kluis_crypto::KeyRing;
use kluis_domain::identity::EmailAddress;
use kluis_domain::{AuditAction, Permission, Role};
use kluis_store::{InvitationRow, OrgRow, OrgScope, now_ms};

use crate::audit::{event, require};
use crate::{
    Actor, App, AppError, Locale, OrgSummary, Origin, UserId, retry, validate_email, validate_name,
    validate_password,
};

/// How long an invitation link works.
pub const INVITATION_TTL_MS: i64 = 7 * 24 * 3600 * 1000;

const INVITATIONS_TABLE: &str = "invitations";

fn email_aad(org_id: &str, id: &str) -> Vec<u8> {
    KeyRing::aad(org_id, INVITATIONS_TABLE, &format!("email_enc/{id}"))
}

fn name_aad(org_id: &str, id: &str) -> Vec<u8> {
    KeyRing::aad(org_id, INVITATIONS_TABLE, &format!("display_name_enc/{id}"))
}

/// The digest under which an invitation link's token is stored (the same digest as other one-time tokens).
fn invitation_key(token: &str) -> String {
    kluis_crypto::token_digest(token.trim())
}

/// Someone to invite into the actor's organisation.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    pub email: String,
    /// The name the organisation knows the person by; shown until they accept.
    pub display_name: String,
    pub role: Role,
}

/// A pending invitation as the inviting organisation sees it: what it typed, never anything of an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationSummary {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub created_at_ms: i64,
    pub expires_at_ms: i64,
    /// Past its expiry: the link no longer works; revoking removes it from the list.
    pub expired: bool,
}

/// Who opens an invitation link, compared with the invited address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invitee {
    /// Not logged in: may create an account, or log in with an existing one first.
    Anonymous,
    /// Logged in with the invited address: may accept.
    ThisAccount,
    /// Logged in with another address: may not accept (and is told nothing of the organisation).
    OtherAccount,
}

/// What the invitation page shows to the holder of a working link.
#[derive(Debug, Clone)]
pub struct InvitationView {
    pub org: OrgSummary,
    pub role: Role,
    pub expires_at_ms: i64,
    pub invitee: Invitee,
}

impl App {
    fn invitation_summary(
        &self,
        row: &InvitationRow,
        now: i64,
    ) -> Result<InvitationSummary, AppError> {
        let keys = self.keys();
        let text = |enc: &[u8], aad: Vec<u8>| -> Result<String, AppError> {
            String::from_utf8(keys.decrypt(enc, &aad)?).map_err(AppError::internal)
        };
        Ok(InvitationSummary {
            email: text(&row.email_enc, email_aad(&row.org_id, &row.id))?,
            display_name: text(&row.display_name_enc, name_aad(&row.org_id, &row.id))?,
            id: row.id.clone(),
            role: row.role,
            created_at_ms: row.created_at,
            expires_at_ms: row.expires_at,
            expired: row.expires_at <= now,
        })
    }

    /// Invites an address into the actor's organisation with a role (Permission::ManageUsers). Returns the
    /// invitation and its link token, once; only the token's digest is stored. Whether the address has an
    /// account (elsewhere) is not looked at, so the answer is the same either way. Conflict if the address is
    /// already a member here or has a pending invitation here (an expired one is replaced).
    pub async fn invite_member(
        &self,
        actor: &Actor,
        input: NewInvitation,
    ) -> Result<(InvitationSummary, String), AppError> {
        require(actor, Permission::ManageUsers)?;
        let email = validate_email(&input.email)?;
        let display_name = validate_name("display_name", &input.display_name)?;
        let index = self.email_index(email.as_str());
        let token = kluis_crypto::random_token();
        let id = uuid::Uuid::now_v7().to_string();
        let org_id = actor.scope.org_id().to_owned();
        let keys = self.keys();
        let now = now_ms();
        let row = InvitationRow {
            id: id.clone(),
            org_id: org_id.clone(),
            token_digest: invitation_key(&token),
            email_index: index.clone(),
            email_enc: keys.encrypt(email.as_str().as_bytes(), &email_aad(&org_id, &id)),
            display_name_enc: keys.encrypt(display_name.as_bytes(), &name_aad(&org_id, &id)),
            role: input.role,
            invited_by: actor.user_id.as_str().to_owned(),
            created_at: now,
            expires_at: now + INVITATION_TTL_MS,
        };
        retry!({
            let mut tx = self.db().begin_write().await?;
            // Only this organisation's own members count: the answer tells nothing about other organisations.
            let user = tx.user_by_email_index(&index).await?;
            let mut t = tx.tenant(&actor.scope);
            if let Some(u) = user
                && t.member(&u.id).await?.is_some()
            {
                return Err(AppError::Conflict("this person is already a member".into()));
            }
            if let Some(old) = t.invitation_for_email(&index).await? {
                if old.expires_at > now {
                    return Err(AppError::Conflict(
                        "this address already has a pending invitation".into(),
                    ));
                }
                t.delete_invitation(&old.id).await?;
            }
            t.insert_invitation(&row).await?;
            t.append_audit(&actor.event(
                AuditAction::MemberInvite,
                "invitation",
                &id,
                &["email", "display_name", "role"],
            ))
            .await?;
            tx.commit().await?;
            Ok(())
        })?;
        Ok((self.invitation_summary(&row, now)?, token))
    }

    /// The actor's organisation's pending invitations (Permission::ManageUsers), oldest first, expired ones
    /// marked. The typed addresses and names are decrypted for this, so a listing that shows any is audited
    /// (`member.list` on the invitations, naming the fields).
    pub async fn invitations(&self, actor: &Actor) -> Result<Vec<InvitationSummary>, AppError> {
        require(actor, Permission::ManageUsers)?;
        let now = now_ms();
        let list = self
            .db()
            .tenant(&actor.scope)
            .invitations()
            .await?
            .iter()
            .map(|r| self.invitation_summary(r, now))
            .collect::<Result<Vec<_>, _>>()?;
        if !list.is_empty() {
            self.audit_access(
                actor,
                &actor.event(
                    AuditAction::MemberList,
                    "invitation",
                    &actor.org.id,
                    &["email", "display_name"],
                ),
            )
            .await?;
        }
        Ok(list)
    }

    /// Withdraws a pending (or expired) invitation of the actor's organisation (Permission::ManageUsers); its
    /// link stops working. NotFound for an unknown id or another organisation's.
    pub async fn revoke_invitation(&self, actor: &Actor, id: &str) -> Result<(), AppError> {
        require(actor, Permission::ManageUsers)?;
        retry!({
            let mut tx = self.db().begin_write().await?;
            let mut t = tx.tenant(&actor.scope);
            if !t.delete_invitation(id).await? {
                return Err(AppError::NotFound);
            }
            t.append_audit(&actor.event(AuditAction::MemberInviteRevoke, "invitation", id, &[]))
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// A working invitation by its link token: NotFound for an unknown, used, revoked or expired one.
    async fn live_invitation(
        &self,
        token: &str,
    ) -> Result<(InvitationRow, OrgRow, OrgScope), AppError> {
        self.db()
            .invitation_by_digest(&invitation_key(token))
            .await?
            .filter(|(i, _, _)| i.expires_at > now_ms())
            .ok_or(AppError::NotFound)
    }

    /// Whether the logged-in `user` (if any) is the invited address.
    async fn invitee(
        &self,
        row: &InvitationRow,
        user: Option<&UserId>,
    ) -> Result<Invitee, AppError> {
        let Some(user) = user else {
            return Ok(Invitee::Anonymous);
        };
        let u = self
            .db()
            .user(user.as_str())
            .await?
            .ok_or(AppError::Unauthenticated)?;
        Ok(if u.email_index == row.email_index {
            Invitee::ThisAccount
        } else {
            Invitee::OtherAccount
        })
    }

    /// What the holder of an invitation link sees: the organisation and role, and whether the logged-in user
    /// (if any) is the one invited. NotFound for a link that no longer works.
    pub async fn invitation_view(
        &self,
        token: &str,
        user: Option<&UserId>,
    ) -> Result<InvitationView, AppError> {
        let (row, org, _) = self.live_invitation(token).await?;
        Ok(InvitationView {
            invitee: self.invitee(&row, user).await?,
            org: org.into(),
            role: row.role,
            expires_at_ms: row.expires_at,
        })
    }

    /// Accepts an invitation as the logged-in `user`, who must hold the invited address (Forbidden otherwise):
    /// the membership, the used-up invitation and one `member.invite_accept` event, in one transaction.
    /// NotFound for a link that no longer works; Conflict if already a member.
    pub async fn accept_invitation(
        &self,
        token: &str,
        user: &UserId,
        origin: &Origin,
    ) -> Result<OrgSummary, AppError> {
        let (row, org, scope) = self.live_invitation(token).await?;
        if self.invitee(&row, Some(user)).await? != Invitee::ThisAccount {
            return Err(AppError::Forbidden);
        }
        retry!({
            let mut tx = self.db().begin_write().await?;
            let mut t = tx.tenant(&scope);
            if t.member(user.as_str()).await?.is_some() {
                return Err(AppError::Conflict(
                    "you are already a member of this organisation".into(),
                ));
            }
            // Single use: of two acceptances racing with the same link, one wins.
            if !t.delete_invitation(&row.id).await? {
                return Err(AppError::NotFound);
            }
            t.insert_membership(user.as_str(), row.role, now_ms())
                .await?;
            t.append_audit(&event(
                user.as_str(),
                AuditAction::MemberInviteAccept,
                "membership",
                user.as_str(),
                &["role"],
                origin,
            ))
            .await?;
            tx.commit().await?;
            Ok(())
        })?;
        Ok(org.into())
    }

    /// Accepts an invitation for an address without an account: the account is made with the invitee's own
    /// name and password, in the same transaction as the membership, the used-up invitation and one
    /// `member.invite_accept` event. NotFound for a link that no longer works; Conflict if the address has an
    /// account (the invitee logs in with it and accepts then); Invalid for a name or password refused. Returns
    /// the organisation and the new account's id.
    pub async fn accept_invitation_new_account(
        &self,
        token: &str,
        display_name: &str,
        password: &str,
        locale: Locale,
        origin: &Origin,
    ) -> Result<(OrgSummary, UserId), AppError> {
        let (row, org, scope) = self.live_invitation(token).await?;
        let display_name = validate_name("display_name", display_name)?;
        let password = validate_password(password)?;
        let address = String::from_utf8(
            self.keys()
                .decrypt(&row.email_enc, &email_aad(&row.org_id, &row.id))?,
        )
        .map_err(AppError::internal)?;
        let email: EmailAddress = validate_email(&address)?;
        let account_exists =
            || AppError::Conflict("this address has an account: log in with it to accept".into());
        if self
            .db()
            .user_by_email_index(&row.email_index)
            .await?
            .is_some()
        {
            return Err(account_exists());
        }
        let user = self
            .new_user_row(&email, &display_name, &password, locale)
            .await?;
        retry!({
            let mut tx = self.db().begin_write().await?;
            if tx.user_by_email_index(&row.email_index).await?.is_some() {
                return Err(account_exists());
            }
            tx.insert_user(&user).await?;
            let mut t = tx.tenant(&scope);
            if !t.delete_invitation(&row.id).await? {
                return Err(AppError::NotFound);
            }
            t.insert_membership(&user.id, row.role, now_ms()).await?;
            // One event for one change: the account made for the membership is named in it.
            t.append_audit(&event(
                &user.id,
                AuditAction::MemberInviteAccept,
                "membership",
                &user.id,
                &["role", "email", "display_name", "password"],
                origin,
            ))
            .await?;
            tx.commit().await?;
            Ok(())
        })?;
        Ok((org.into(), UserId(user.id)))
    }
}

/// Re-encrypts every organisation's invitations under the ring's current key (key rotation).
pub(crate) async fn reencrypt_invitations(
    ring: &KeyRing,
    tx: &mut kluis_store::WriteTx,
    scope: &OrgScope,
) -> Result<u64, AppError> {
    let mut t = tx.tenant(scope);
    let mut n = 0;
    for i in t.invitations().await? {
        if ring.needs_reencrypt(&i.email_enc) || ring.needs_reencrypt(&i.display_name_enc) {
            let email = ring.reencrypt(&i.email_enc, &email_aad(&i.org_id, &i.id))?;
            let name = ring.reencrypt(&i.display_name_enc, &name_aad(&i.org_id, &i.id))?;
            t.set_invitation_enc(&i.id, &email, &name).await?;
            // Counted per column, like the users' columns.
            n += 2;
        }
    }
    Ok(n)
}
