//! The data-subject requests module: registering requests, the steps taken on them and their deadlines.

use kluis_domain::AuditAction;
use kluis_domain::Permission::{HandleRequests, Read, Write};
use kluis_domain::register::compliance::{Finding, Fix, Severity, Step, Subject};
use kluis_domain::relations::requests::DeadlineView;

use super::Access::{ApiOrg, Org, Public};
use super::{CheckFuture, ComplianceCheck, Module, NavEntry, RouteSpec, route};
use crate::{Actor, App};

pub(super) static MODULE: Module = Module {
    id: "requests",
    nav: Some(NavEntry {
        label: "nav-requests",
        path: "/requests",
        needs: Read,
    }),
    routes: ROUTES,
    tables: kluis_store::REQUEST_TABLES,
    audit_actions: &[
        AuditAction::RequestCreate,
        AuditAction::RequestVerifyIdentity,
        AuditAction::RequestExtend,
        AuditAction::RequestAnswer,
        AuditAction::RequestRefuse,
        AuditAction::RequestWithdraw,
        AuditAction::RequestRead,
        AuditAction::RequestLink,
        AuditAction::RequestAccess,
        AuditAction::RequestPortability,
        AuditAction::RequestRectify,
        AuditAction::RequestErase,
        AuditAction::RequestReport,
    ],
    checks: &[ComplianceCheck {
        id: "requests.deadline",
        needs: Read,
        run: deadlines,
    }],
};

static ROUTES: &[RouteSpec] = &[
    route("GET", "/o/{org}/requests", Org, Some(Read)),
    route("GET", "/o/{org}/requests/new", Org, Some(Write)),
    route("POST", "/o/{org}/requests", Org, Some(Write)),
    route("GET", "/o/{org}/requests/{request}", Org, Some(Read)),
    route(
        "POST",
        "/o/{org}/requests/{request}/steps",
        Org,
        Some(HandleRequests),
    ),
    route("GET", "/api/v1/orgs/{org}/requests", ApiOrg, Some(Read)),
    route("POST", "/api/v1/orgs/{org}/requests", ApiOrg, Some(Write)),
    route(
        "GET",
        "/api/v1/orgs/{org}/requests/{request}",
        ApiOrg,
        Some(Read),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/requests/{request}/steps",
        ApiOrg,
        Some(HandleRequests),
    ),
    // rights: carrying the request out on the relation it concerns
    route(
        "POST",
        "/o/{org}/requests/{request}/link",
        Org,
        Some(HandleRequests),
    ),
    route(
        "GET",
        "/o/{org}/requests/{request}/access",
        Org,
        Some(HandleRequests),
    ),
    route(
        "GET",
        "/o/{org}/requests/{request}/portability",
        Org,
        Some(HandleRequests),
    ),
    route(
        "POST",
        "/o/{org}/requests/{request}/rectify",
        Org,
        Some(HandleRequests),
    ),
    route(
        "POST",
        "/o/{org}/requests/{request}/erase",
        Org,
        Some(HandleRequests),
    ),
    route(
        "GET",
        "/o/{org}/requests/{request}/report",
        Org,
        Some(HandleRequests),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/requests/{request}/link",
        ApiOrg,
        Some(HandleRequests),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/requests/{request}/access",
        ApiOrg,
        Some(HandleRequests),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/requests/{request}/portability",
        ApiOrg,
        Some(HandleRequests),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/requests/{request}/rectify",
        ApiOrg,
        Some(HandleRequests),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/requests/{request}/erase",
        ApiOrg,
        Some(HandleRequests),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/requests/{request}/report",
        ApiOrg,
        Some(HandleRequests),
    ),
    // The public request form of an organisation (rate-limited per address like every `/p/` page).
    route("GET", "/p/{slug}/requests", Public, None),
    route("POST", "/p/{slug}/requests", Public, None),
];

/// Each open request past its deadline (Art. 12(3)) is a high finding, each due within a week a medium one,
/// linked to the request. Names no requester: the finding says the kind, the due date and the days.
fn deadlines<'a>(app: &'a App, actor: &'a Actor) -> CheckFuture<'a> {
    Box::pin(async move {
        let mut out = Vec::new();
        for r in app.requests_needing_attention(actor).await? {
            let (id, severity, days) = match r.deadline {
                DeadlineView::Overdue { days, .. } => ("requests.overdue", Severity::High, days),
                DeadlineView::DueSoon { days_left, .. } => {
                    ("requests.due_soon", Severity::Medium, days_left)
                }
                DeadlineView::Open { .. } | DeadlineView::Closed => continue,
            };
            out.push(
                Finding::new(
                    id,
                    severity,
                    "Art. 12(3)",
                    Step::Statement,
                    Subject::Module {
                        module: "requests".into(),
                    },
                    Fix::Page {
                        path: format!("/requests/{}", r.id),
                    },
                )
                .arg("kind", r.kind.as_str())
                .arg("article", r.kind.article())
                .arg("due", r.due_on)
                .arg("days", days),
            );
        }
        Ok(out)
    })
}
