//! The compliance module: the inventory computed from the data, the compliance report with its score and
//! trend (pages and API), and the score history table.

use kluis_domain::Permission::Read;

use super::Access::{ApiOrg, Org};
use super::{Module, NavEntry, RouteSpec, route};

pub(super) static MODULE: Module = Module {
    id: "compliance",
    nav: Some(NavEntry {
        label: "nav-compliance",
        path: "/compliance",
        needs: Read,
    }),
    routes: ROUTES,
    tables: kluis_store::COMPLIANCE_TABLES,
    // Reading the report changes nothing a person did; the day's score is derived data, not an event.
    audit_actions: &[],
    // The register rules are not a module check: they arrive as the report's `extra` findings.
    checks: &[],
};

static ROUTES: &[RouteSpec] = &[
    route("GET", "/o/{org}/compliance", Org, Some(Read)),
    route("GET", "/o/{org}/inventory", Org, Some(Read)),
    route("GET", "/api/v1/orgs/{org}/compliance", ApiOrg, Some(Read)),
    route("GET", "/api/v1/orgs/{org}/inventory", ApiOrg, Some(Read)),
];
