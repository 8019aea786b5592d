//! The ways into the rights module without a member: the public request form of an organisation (a data
//! subject registers their own request) and the command line's `kluis requests access|erase` for automation.
//!
//! Both act for an organisation without a session, so both mint a scope with `OrgScope::system`: the form only
//! ever registers a request (what the public may do), the command line acts as `SystemActor::Cli`.

use kluis_domain::relations::requests::{
    RequestChannel, RequestKind, RequestStatus, VerificationMethod,
};
use kluis_domain::{Permission, Role, SystemActor};
use kluis_i18n::Lang;
use kluis_store::OrgScope;
use time::OffsetDateTime;

use crate::audit::CLI_ACTOR;
use crate::requests::aad as request_aad;
use crate::rights::{AccessOptions, ErasureOutcome, RequestFile};
use crate::system::require_system;
use crate::{Actor, App, AppError, NewRequest, OrgSummary, Origin, RequestStep, UserId};

/// The actor name of requests registered through the public form.
pub(crate) const PUBLIC_FORM_ACTOR: &str = "public:form";
/// Signed-link purpose of the public form's token.
const FORM_PURPOSE: &str = "request_form";
/// How long a form may stay open before it is sent.
const FORM_VALID_SECS: i64 = 2 * 3600;
/// The requester's message is words, not a document.
const MAX_MESSAGE: usize = 5000;

/// What a person sends through the public request form.
#[derive(Debug, Clone)]
pub struct PublicRequest {
    pub kind: RequestKind,
    pub name: String,
    pub email: String,
    pub message: String,
    /// The language the person used the form in: the letters to them are written in it.
    pub lang: Lang,
}

impl App {
    /// The organisation of the public form at `slug` (its name), and a fresh form token; `None` when there is no
    /// such organisation.
    pub async fn public_request_form(
        &self,
        slug: &str,
    ) -> Result<Option<(String, String)>, AppError> {
        let Some(org) = self.db().org_by_slug(slug.trim()).await? else {
            return Ok(None);
        };
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let token = self
            .keys()
            .sign_link(
                &org.id,
                FORM_PURPOSE,
                &now.to_be_bytes(),
                now + FORM_VALID_SECS,
            )
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("form token")))?;
        Ok(Some((org.name.clone(), token)))
    }

    /// Registers a request sent through the public form of `slug`, channel "public form", as the data subject
    /// (actor `public:form`). `token` must be one [`App::public_request_form`] made for this organisation within
    /// the last two hours (a form posted from elsewhere, or replayed later, is refused). One `request.create`
    /// event. Returns the request's id.
    pub async fn create_public_request(
        &self,
        slug: &str,
        token: &str,
        input: &PublicRequest,
        origin: Origin,
    ) -> Result<String, AppError> {
        let org = self
            .db()
            .org_by_slug(slug.trim())
            .await?
            .ok_or(AppError::NotFound)?;
        let now = OffsetDateTime::now_utc().unix_timestamp();
        self.keys()
            .verify_link(&org.id, FORM_PURPOSE, token.trim(), now)
            .map_err(|_| AppError::invalid("token", "the form has expired: load it again"))?;
        let message = input.message.trim();
        if message.chars().count() > MAX_MESSAGE {
            return Err(AppError::invalid(
                "message",
                format!("at most {MAX_MESSAGE} characters"),
            ));
        }
        // Unscoped on purpose: the public may do exactly this one thing, register a request of its own.
        let scope = OrgScope::system(&org);
        let actor = Actor::new(
            UserId(PUBLIC_FORM_ACTOR.to_owned()),
            OrgSummary::from(org),
            Role::Staff,
            scope,
            origin,
        );
        self.create_request_with(
            &actor,
            &NewRequest {
                kind: input.kind,
                channel: RequestChannel::PublicForm,
                requester_name: input.name.clone(),
                requester_email: input.email.clone(),
                received_at: None,
                received_local: None,
                relation_id: None,
            },
            Some(input.lang),
            (!message.is_empty()).then(|| message.to_owned()),
        )
        .await
    }

    /// The command line acting on organisation `slug` as `SystemActor::Cli`, with the rights of a privacy lead
    /// within what the command line may do.
    async fn cli_rights_actor(&self, slug: &str) -> Result<Actor, AppError> {
        require_system(SystemActor::Cli, Permission::HandleRequests)?;
        let org = self
            .db()
            .org_by_slug(slug.trim())
            .await?
            .ok_or(AppError::NotFound)?;
        let scope = OrgScope::system(&org);
        Ok(Actor::new(
            UserId(CLI_ACTOR.to_owned()),
            OrgSummary::from(org),
            Role::PrivacyOfficer,
            scope,
            Origin::cli(),
        ))
    }

    /// The open request of `kind` from `email`, or a new one registered for the command line (channel API),
    /// linked to the relation with that address and verified as coming from the address on file.
    async fn cli_request(
        &self,
        actor: &Actor,
        kind: RequestKind,
        email: &str,
    ) -> Result<String, AppError> {
        let email = kluis_domain::identity::EmailAddress::parse(email)
            .map_err(|_| AppError::invalid("email", "not an e-mail address"))?
            .into_string();
        let org_id = actor.scope.org_id().to_owned();
        let mut found = None;
        for r in self.db().requests(&actor.scope).list(None).await? {
            if r.closed_at.is_some() || r.kind != kind.as_str() {
                continue;
            }
            let contact = self.keys().decrypt(
                &r.requester_contact_enc,
                &request_aad(&org_id, "requester_contact_enc", &r.id),
            )?;
            if contact.eq_ignore_ascii_case(email.as_bytes()) {
                found = Some(r);
                break;
            }
        }
        let id = match found {
            Some(r) => r.id,
            None => {
                self.create_request(
                    actor,
                    &NewRequest {
                        kind,
                        channel: RequestChannel::Api,
                        requester_name: email.clone(),
                        requester_email: email.clone(),
                        received_at: None,
                        received_local: None,
                        relation_id: None,
                    },
                )
                .await?
            }
        };
        let row = self
            .db()
            .requests(&actor.scope)
            .get(&id)
            .await?
            .ok_or(AppError::NotFound)?;
        if row.relation_id.is_none() {
            self.link_request(actor, &id, None).await?;
        }
        if row.status == RequestStatus::Received.as_str() {
            self.request_step(
                actor,
                &id,
                RequestStep::VerifyIdentity {
                    method: VerificationMethod::KnownChannel,
                    note: "kluis requests (command line): the address on file".into(),
                },
            )
            .await?;
        }
        Ok(id)
    }

    /// `kluis requests access`: the access bundle for the person with `email` in organisation `slug`.
    pub async fn cli_request_access(
        &self,
        slug: &str,
        email: &str,
        opts: AccessOptions,
    ) -> Result<RequestFile, AppError> {
        let actor = self.cli_rights_actor(slug).await?;
        let id = self.cli_request(&actor, RequestKind::Access, email).await?;
        self.request_access_bundle(&actor, &id, opts).await
    }

    /// `kluis requests erase`: erases the person with `email` in organisation `slug`; the outcome is the report.
    pub async fn cli_request_erase(
        &self,
        slug: &str,
        email: &str,
    ) -> Result<ErasureOutcome, AppError> {
        let actor = self.cli_rights_actor(slug).await?;
        let id = self
            .cli_request(&actor, RequestKind::Erasure, email)
            .await?;
        self.request_erase(&actor, &id).await
    }
}
