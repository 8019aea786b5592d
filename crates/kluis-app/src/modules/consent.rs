//! The consent module: consent records per relation and purpose, double opt-in and the public preferences page,
//! the direct-marketing suppression, the marketing selection filter, and the mail log of every letter sent.

use kluis_domain::AuditAction;
use kluis_domain::Permission::{HandleRequests, Read, Write};

use super::Access::{ApiOrg, Org, Public};
use super::{Module, RouteSpec, route};

pub(super) static MODULE: Module = Module {
    id: "consent",
    // No navigation entry of its own (the mail log is linked from the consents and request pages); the entry
    // would be `NavEntry { label: "nav-mail", path: "/mail", needs: Read }`.
    nav: None,
    routes: ROUTES,
    tables: kluis_store::CONSENT_TABLES,
    audit_actions: &[
        AuditAction::ConsentGive,
        AuditAction::ConsentConfirm,
        AuditAction::ConsentWithdraw,
        AuditAction::ConsentObject,
        AuditAction::ConsentRead,
        AuditAction::MailSend,
        AuditAction::MailRead,
    ],
    checks: &[],
};

static ROUTES: &[RouteSpec] = &[
    route(
        "GET",
        "/o/{org}/relations/{relation}/consents",
        Org,
        Some(Read),
    ),
    route(
        "POST",
        "/o/{org}/relations/{relation}/consents",
        Org,
        Some(Write),
    ),
    route(
        "POST",
        "/o/{org}/relations/{relation}/consents/objection",
        Org,
        Some(Write),
    ),
    route(
        "POST",
        "/o/{org}/relations/{relation}/consents/preferences-link",
        Org,
        Some(Write),
    ),
    route("GET", "/o/{org}/mail", Org, Some(Read)),
    route(
        "POST",
        "/o/{org}/requests/{request}/mail",
        Org,
        Some(HandleRequests),
    ),
    route("GET", "/p/{slug}/consent/{token}", Public, None),
    route("POST", "/p/{slug}/consent/{token}", Public, None),
    route("GET", "/p/{slug}/preferences/{token}", Public, None),
    route("POST", "/p/{slug}/preferences/{token}", Public, None),
    route(
        "GET",
        "/api/v1/orgs/{org}/relations/{relation}/consents",
        ApiOrg,
        Some(Read),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/relations/{relation}/consents",
        ApiOrg,
        Some(Write),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/relations/{relation}/consents/objection",
        ApiOrg,
        Some(Write),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/relations/{relation}/consents/preferences-link",
        ApiOrg,
        Some(Write),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/marketing/selection",
        ApiOrg,
        Some(Read),
    ),
    route("GET", "/api/v1/orgs/{org}/mail", ApiOrg, Some(Read)),
];
