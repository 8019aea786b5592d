//! The recipients module: processors and other recipients, processing agreements and staff measures.

use kluis_domain::AuditAction;
use kluis_domain::Permission::{ManageRegister, Read};

use super::Access::{ApiOrg, Org};
use super::{
    CheckFuture, CheckOutcome, CheckStatus, ComplianceCheck, Module, NavEntry, RouteSpec, route,
};
use crate::{Actor, App};

pub(super) static MODULE: Module = Module {
    id: "recipients",
    nav: Some(NavEntry {
        label: "nav-recipients",
        path: "/recipients",
        needs: Read,
    }),
    routes: ROUTES,
    tables: kluis_store::RECIPIENT_TABLES,
    audit_actions: &[
        AuditAction::RegisterRecipientCreate,
        AuditAction::RegisterRecipientUpdate,
        AuditAction::RegisterRecipientDelete,
        AuditAction::RegisterAgreementAdd,
        AuditAction::RegisterAgreementUpdate,
        AuditAction::RegisterAgreementRemove,
        AuditAction::RegisterStaffMeasureAdd,
        AuditAction::RegisterStaffMeasureRemove,
    ],
    checks: &[
        ComplianceCheck {
            id: "recipients.agreement_wanting",
            needs: Read,
            run: agreements_wanting,
        },
        ComplianceCheck {
            id: "recipients.agreement_expiring",
            needs: Read,
            run: agreements_expiring,
        },
        ComplianceCheck {
            id: "recipients.transfer_unsafe",
            needs: Read,
            run: transfers_unsafe,
        },
    ],
};

static ROUTES: &[RouteSpec] = &[
    route("GET", "/o/{org}/recipients", Org, Some(Read)),
    route("POST", "/o/{org}/recipients", Org, Some(ManageRegister)),
    route("GET", "/o/{org}/recipients/{recipient}", Org, Some(Read)),
    route(
        "POST",
        "/o/{org}/recipients/{recipient}",
        Org,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/o/{org}/recipients/{recipient}/delete",
        Org,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/o/{org}/recipients/{recipient}/agreements",
        Org,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/o/{org}/recipients/{recipient}/agreements/{agreement}",
        Org,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/o/{org}/recipients/{recipient}/agreements/{agreement}/remove",
        Org,
        Some(ManageRegister),
    ),
    route("GET", "/o/{org}/staff-measures", Org, Some(Read)),
    route("POST", "/o/{org}/staff-measures", Org, Some(ManageRegister)),
    route(
        "POST",
        "/o/{org}/staff-measures/{measure}/remove",
        Org,
        Some(ManageRegister),
    ),
    route("GET", "/api/v1/orgs/{org}/recipients", ApiOrg, Some(Read)),
    route(
        "POST",
        "/api/v1/orgs/{org}/recipients",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/recipients/{recipient}",
        ApiOrg,
        Some(Read),
    ),
    route(
        "PUT",
        "/api/v1/orgs/{org}/recipients/{recipient}",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "DELETE",
        "/api/v1/orgs/{org}/recipients/{recipient}",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/recipients/{recipient}/agreements",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "PUT",
        "/api/v1/orgs/{org}/recipients/{recipient}/agreements/{agreement}",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "DELETE",
        "/api/v1/orgs/{org}/recipients/{recipient}/agreements/{agreement}",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/staff-measures",
        ApiOrg,
        Some(Read),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/staff-measures",
        ApiOrg,
        Some(ManageRegister),
    ),
    route(
        "DELETE",
        "/api/v1/orgs/{org}/staff-measures/{measure}",
        ApiOrg,
        Some(ManageRegister),
    ),
];

fn outcome(
    check: &'static str,
    count: u64,
    found: CheckStatus,
    label: &'static str,
) -> CheckOutcome {
    CheckOutcome {
        check,
        status: if count == 0 { CheckStatus::Ok } else { found },
        count,
        label,
        path: "/recipients",
    }
}

/// Processors without a valid agreement (missing, expired, or lacking Art. 28(3) points): Art. 28(3) asks for one.
fn agreements_wanting<'a>(app: &'a App, actor: &'a Actor) -> CheckFuture<'a> {
    Box::pin(async move {
        let n = app.processors_without_valid_agreement(&actor.scope).await?;
        Ok(outcome(
            "recipients.agreement_wanting",
            n,
            CheckStatus::Action,
            "check-recipients-agreement-wanting",
        ))
    })
}

/// Agreements that end or are due for review within 60 days.
fn agreements_expiring<'a>(app: &'a App, actor: &'a Actor) -> CheckFuture<'a> {
    Box::pin(async move {
        let n = app.agreements_expiring(&actor.scope).await?;
        Ok(outcome(
            "recipients.agreement_expiring",
            n,
            CheckStatus::Attention,
            "check-recipients-agreement-expiring",
        ))
    })
}

/// Recipients or sub-processors outside the EEA without a transfer safeguard (Chapter V).
fn transfers_unsafe<'a>(app: &'a App, actor: &'a Actor) -> CheckFuture<'a> {
    Box::pin(async move {
        let n = app.recipients_with_unsafe_transfers(&actor.scope).await?;
        Ok(outcome(
            "recipients.transfer_unsafe",
            n,
            CheckStatus::Action,
            "check-recipients-transfer-unsafe",
        ))
    })
}
