//! The personal-data breaches module: the register of breaches (Art. 33(5)), the people affected, the decision
//! and the notifications, and the processors' report link.

use kluis_domain::AuditAction;
use kluis_domain::Permission::{HandleBreaches, Read, Write};
use kluis_domain::breach::risk::OpenIssue;
use kluis_domain::register::compliance::{Finding, Fix, Severity, Step, Subject};

use super::Access::{ApiOrg, Org, Public};
use super::{CheckFuture, ComplianceCheck, Module, NavEntry, RouteSpec, route};
use crate::{Actor, App};

pub(super) static MODULE: Module = Module {
    id: "breaches",
    nav: Some(NavEntry {
        label: "nav-breaches",
        path: "/breaches",
        needs: Read,
    }),
    routes: ROUTES,
    tables: kluis_store::BREACH_TABLES,
    audit_actions: &[
        AuditAction::BreachCreate,
        AuditAction::BreachUpdate,
        AuditAction::BreachAffected,
        AuditAction::BreachDecide,
        AuditAction::BreachNotify,
        AuditAction::BreachTellPeople,
        AuditAction::BreachEvent,
        AuditAction::BreachClose,
        AuditAction::BreachExport,
        AuditAction::BreachProcessorLink,
    ],
    checks: &[ComplianceCheck {
        id: "breaches.open",
        needs: Read,
        run: open_breaches,
    }],
};

static ROUTES: &[RouteSpec] = &[
    route("GET", "/o/{org}/breaches", Org, Some(Read)),
    route("GET", "/o/{org}/breaches/new", Org, Some(Write)),
    route("POST", "/o/{org}/breaches", Org, Some(Write)),
    route(
        "POST",
        "/o/{org}/breaches/processor-link",
        Org,
        Some(HandleBreaches),
    ),
    route("GET", "/o/{org}/breaches/{breach}", Org, Some(Read)),
    route(
        "POST",
        "/o/{org}/breaches/{breach}",
        Org,
        Some(HandleBreaches),
    ),
    route(
        "POST",
        "/o/{org}/breaches/{breach}/affected",
        Org,
        Some(HandleBreaches),
    ),
    route(
        "POST",
        "/o/{org}/breaches/{breach}/affected/correct",
        Org,
        Some(HandleBreaches),
    ),
    route(
        "POST",
        "/o/{org}/breaches/{breach}/decision",
        Org,
        Some(HandleBreaches),
    ),
    route(
        "POST",
        "/o/{org}/breaches/{breach}/notifications",
        Org,
        Some(HandleBreaches),
    ),
    route(
        "POST",
        "/o/{org}/breaches/{breach}/people-told",
        Org,
        Some(HandleBreaches),
    ),
    route(
        "POST",
        "/o/{org}/breaches/{breach}/events",
        Org,
        Some(HandleBreaches),
    ),
    route(
        "POST",
        "/o/{org}/breaches/{breach}/close",
        Org,
        Some(HandleBreaches),
    ),
    route(
        "GET",
        "/o/{org}/breaches/{breach}/notification/{format}",
        Org,
        Some(HandleBreaches),
    ),
    route(
        "GET",
        "/o/{org}/breaches/{breach}/letter/{format}",
        Org,
        Some(HandleBreaches),
    ),
    route(
        "GET",
        "/o/{org}/breaches/{breach}/recipients.csv",
        Org,
        Some(HandleBreaches),
    ),
    route("GET", "/api/v1/orgs/{org}/breaches", ApiOrg, Some(Read)),
    route("POST", "/api/v1/orgs/{org}/breaches", ApiOrg, Some(Write)),
    route(
        "GET",
        "/api/v1/orgs/{org}/breaches/{breach}",
        ApiOrg,
        Some(Read),
    ),
    route(
        "PUT",
        "/api/v1/orgs/{org}/breaches/{breach}",
        ApiOrg,
        Some(HandleBreaches),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/breaches/{breach}/people",
        ApiOrg,
        Some(Read),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/breaches/{breach}/affected",
        ApiOrg,
        Some(HandleBreaches),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/breaches/{breach}/affected/correct",
        ApiOrg,
        Some(HandleBreaches),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/breaches/{breach}/decision",
        ApiOrg,
        Some(HandleBreaches),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/breaches/{breach}/notifications",
        ApiOrg,
        Some(HandleBreaches),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/breaches/{breach}/people-told",
        ApiOrg,
        Some(HandleBreaches),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/breaches/{breach}/events",
        ApiOrg,
        Some(HandleBreaches),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/breaches/{breach}/close",
        ApiOrg,
        Some(HandleBreaches),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/breaches/{breach}/notification/{format}",
        ApiOrg,
        Some(HandleBreaches),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/breaches/{breach}/recipients",
        ApiOrg,
        Some(HandleBreaches),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/breaches/processor-links",
        ApiOrg,
        Some(HandleBreaches),
    ),
    // A processor reports a breach through the signed link it was given (rate-limited like every `/p/` page).
    route("GET", "/p/{slug}/breach-report/{token}", Public, None),
    route("POST", "/p/{slug}/breach-report/{token}", Public, None),
];

/// Each open breach with something the law still asks: undecided past the 72 hours (Art. 33(1)), the authority
/// not notified (overdue or not), a high risk without the people told (Art. 34(1)). Names no person.
fn open_breaches<'a>(app: &'a App, actor: &'a Actor) -> CheckFuture<'a> {
    Box::pin(async move {
        let mut out = Vec::new();
        for b in app.breaches_needing_attention(actor).await? {
            for issue in &b.open_issues {
                let (id, severity, article) = match issue {
                    OpenIssue::UndecidedPastDeadline => {
                        ("breaches.undecided", Severity::High, "Art. 33(1)")
                    }
                    OpenIssue::AuthorityNotNotified { overdue: true } => {
                        ("breaches.authority_overdue", Severity::High, "Art. 33(1)")
                    }
                    OpenIssue::AuthorityNotNotified { overdue: false } => {
                        ("breaches.authority_pending", Severity::Medium, "Art. 33(1)")
                    }
                    OpenIssue::PeopleNotTold => {
                        ("breaches.people_not_told", Severity::High, "Art. 34(1)")
                    }
                };
                out.push(
                    Finding::new(
                        id,
                        severity,
                        article,
                        Step::BreachProcedure,
                        Subject::Module {
                            module: "breaches".into(),
                        },
                        Fix::Page {
                            path: format!("/breaches/{}", b.id),
                        },
                    )
                    .arg("reference", b.reference.clone())
                    .arg("deadline", b.deadline.to_string()),
                );
            }
        }
        Ok(out)
    })
}
