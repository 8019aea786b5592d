//! The relations module: persons and companies, their kinds and fields, search through the blind index, reveals.

use std::collections::BTreeMap;

use kluis_domain::AuditAction;
use kluis_domain::Permission::{Read, Write};
use kluis_domain::register::compliance::{Finding, Fix, Severity, Step, Subject};

use super::Access::{ApiOrg, Org};
use super::{CheckFuture, ComplianceCheck, Module, NavEntry, RouteSpec, route};
use crate::{Actor, App};

pub(super) static MODULE: Module = Module {
    id: "relations",
    nav: Some(NavEntry {
        label: "nav-relations",
        path: "/relations",
        needs: Read,
    }),
    routes: ROUTES,
    tables: kluis_store::RELATION_TABLES,
    audit_actions: &[
        AuditAction::RelationCreate,
        AuditAction::RelationUpdate,
        AuditAction::RelationDelete,
        AuditAction::RelationReveal,
        AuditAction::RelationSearch,
        AuditAction::RelationNoteAdd,
    ],
    checks: &[ComplianceCheck {
        id: "relations.unneeded_data",
        needs: Read,
        run: unneeded_data,
    }],
};

/// Relations holding data no active activity needs (an activity ended, a relation's kind changed): one medium
/// finding per category, with the number of relations, since data without a purpose may not be kept
/// (Art. 5(1)(c) and (e)). Names no one.
fn unneeded_data<'a>(app: &'a App, actor: &'a Actor) -> CheckFuture<'a> {
    Box::pin(async move {
        // A relation holding two fields of one category (given and family name) counts once per field: the
        // finding gives the highest count, a lower bound of the relations concerned.
        let mut per_category: BTreeMap<&'static str, u64> = BTreeMap::new();
        for (_, _, field, n) in app.relations_holding_unneeded(actor).await? {
            let held = per_category.entry(field.category_key()).or_default();
            *held = (*held).max(n);
        }
        Ok(per_category
            .into_iter()
            .map(|(category, count)| {
                Finding::new(
                    "relations.unneeded_data",
                    Severity::Medium,
                    "Art. 5(1)(c)",
                    Step::Inventory,
                    Subject::Category {
                        key: category.to_owned(),
                    },
                    Fix::Page {
                        path: "/relations".into(),
                    },
                )
                .arg("count", count)
            })
            .collect())
    })
}

// Revealing a field is declared with `Read`: the use case asks for RevealSensitive on special-category and
// national-ID fields (the documents module's rule), so the route itself is open to every reader.
static ROUTES: &[RouteSpec] = &[
    route("GET", "/o/{org}/relations", Org, Some(Read)),
    route("POST", "/o/{org}/relations/search", Org, Some(Read)),
    route("GET", "/o/{org}/relations/new", Org, Some(Write)),
    route("POST", "/o/{org}/relations", Org, Some(Write)),
    route("GET", "/o/{org}/relations/{relation}", Org, Some(Read)),
    route("POST", "/o/{org}/relations/{relation}", Org, Some(Write)),
    route(
        "POST",
        "/o/{org}/relations/{relation}/reveal/{field}",
        Org,
        Some(Read),
    ),
    route(
        "POST",
        "/o/{org}/relations/{relation}/notes",
        Org,
        Some(Write),
    ),
    route(
        "GET",
        "/o/{org}/relations/{relation}/delete",
        Org,
        Some(Write),
    ),
    route(
        "POST",
        "/o/{org}/relations/{relation}/delete",
        Org,
        Some(Write),
    ),
    route("GET", "/api/v1/orgs/{org}/relations", ApiOrg, Some(Read)),
    route("POST", "/api/v1/orgs/{org}/relations", ApiOrg, Some(Write)),
    route(
        "POST",
        "/api/v1/orgs/{org}/relations/search",
        ApiOrg,
        Some(Read),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/relations/tags",
        ApiOrg,
        Some(Read),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/relations/{relation}",
        ApiOrg,
        Some(Read),
    ),
    route(
        "PUT",
        "/api/v1/orgs/{org}/relations/{relation}",
        ApiOrg,
        Some(Write),
    ),
    route(
        "DELETE",
        "/api/v1/orgs/{org}/relations/{relation}",
        ApiOrg,
        Some(Write),
    ),
    route(
        "GET",
        "/api/v1/orgs/{org}/relations/{relation}/notes",
        ApiOrg,
        Some(Read),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/relations/{relation}/notes",
        ApiOrg,
        Some(Write),
    ),
    route(
        "POST",
        "/api/v1/orgs/{org}/relations/{relation}/reveal/{field}",
        ApiOrg,
        Some(Read),
    ),
];
