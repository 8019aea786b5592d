//! Invitations in the REST API: invite an address with a role and a name (the link is returned once), list the
//! pending ones, revoke one. The answer to an invitation is the same whether or not the address has an account.

use super::{ApiJson, ApiOrgActor, ApiRole, Problem, require};
use crate::backend::{InvitationSummary, NewInvitation};
use crate::pages::absolute_link;
use crate::{Routes, Web};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use kluis_domain::Permission;
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/orgs/{org}/invitations", list_invitations)
        .post("/api/v1/orgs/{org}/invitations", create_invitation)
        .add(
            Method::DELETE,
            "/api/v1/orgs/{org}/invitations/{invitation}",
            revoke_invitation,
        )
}

#[derive(OpenApi)]
#[openapi(
    paths(list_invitations, create_invitation, revoke_invitation),
    components(schemas(InvitationOut, NewInvitationIn, CreatedInvitationOut))
)]
pub(crate) struct InvitationsDoc;

/// A pending invitation: what the organisation typed, never anything of an account.
#[derive(Serialize, ToSchema)]
pub struct InvitationOut {
    pub id: String,
    pub email: String,
    /// The name the organisation typed; the only name it sees until the invitation is accepted.
    pub name: String,
    pub role: ApiRole,
    /// Unix time in milliseconds.
    pub created_at_ms: i64,
    /// Unix time in milliseconds; the link works until then.
    pub expires_at_ms: i64,
    /// The link no longer works; revoke the invitation to remove it.
    pub expired: bool,
}

impl From<InvitationSummary> for InvitationOut {
    fn from(i: InvitationSummary) -> Self {
        InvitationOut {
            id: i.id,
            email: i.email,
            name: i.display_name,
            role: i.role.into(),
            created_at_ms: i.created_at_ms,
            expires_at_ms: i.expires_at_ms,
            expired: i.expired,
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct NewInvitationIn {
    pub email: String,
    /// The name the organisation knows the person by.
    pub name: String,
    pub role: ApiRole,
}

/// A new invitation and its one-time link, returned only in this answer.
#[derive(Serialize, ToSchema)]
pub struct CreatedInvitationOut {
    pub invitation: InvitationOut,
    /// Pass it on to the invitee through a safe channel; it works once, for 7 days.
    pub link: String,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/invitations", tag = "members",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = Vec<InvitationOut>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list_invitations(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
) -> Result<Json<Vec<InvitationOut>>, Problem> {
    require(&a, Permission::ManageUsers)?;
    Ok(Json(
        web.app
            .invitations(&a)
            .await?
            .into_iter()
            .map(InvitationOut::from)
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/invitations", tag = "members",
    params(("org" = String, Path, description = "Organisation slug")), request_body = NewInvitationIn,
    responses((status = 201, body = CreatedInvitationOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn create_invitation(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewInvitationIn>,
) -> Result<Response, Problem> {
    require(&a, Permission::ManageUsers)?;
    let (invitation, token) = web
        .app
        .invite_member(
            &a,
            NewInvitation {
                email: body.email,
                display_name: body.name,
                role: body.role.into(),
            },
        )
        .await?;
    let link = absolute_link(
        &headers,
        web.opts.secure_cookies,
        &format!("/invite/{token}"),
    );
    let out = CreatedInvitationOut {
        invitation: invitation.into(),
        link,
    };
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/invitations/{invitation}", tag = "members",
    params(("org" = String, Path, description = "Organisation slug"), ("invitation" = String, Path, description = "Invitation id")),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn revoke_invitation(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, invitation)): Path<(String, String)>,
) -> Result<StatusCode, Problem> {
    require(&a, Permission::ManageUsers)?;
    web.app.revoke_invitation(&a, &invitation).await?;
    Ok(StatusCode::NO_CONTENT)
}
