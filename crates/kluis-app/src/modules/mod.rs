//! The one seam through which a module plugs into Kluis: its routes with the permission each needs, its tables,
//! its audit actions, its navigation entry and its compliance checks, declared once per module in this folder.
//!
//! The web router binds handlers to the declared routes (a test fails when they differ), the backup reads and
//! loads the declared tables (a test compares them with the migrated schema on both backends), the navigation
//! shows the declared entries the member's role allows, and the tenant-isolation walk and the role matrix test
//! every declared route. Adding a module means one file here, one line in [`MODULES`], its migrations, its use
//! cases and its handlers. Route paths are declared here as data so that the permission each needs lives next to
//! the rest of the module; only `kluis-web` binds them to HTTP handlers.

mod audit;
mod breaches;
mod compliance;
mod consent;
mod core;
mod documents;
mod dpia;
mod links;
mod members;
mod profile;
mod recipients;
mod register;
mod relations;
mod relations_import;
mod requests;
mod retention;
mod statement;

use std::future::Future;
use std::pin::Pin;

use kluis_domain::register::compliance::Finding;
use kluis_domain::{AuditAction, Permission};
use kluis_store::TableDef;

use crate::{Actor, App, AppError};

/// Who may reach a route, and therefore how the tenant-isolation walk aims it at another organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No login: health checks, static files, setup, login.
    Public,
    /// A logged-in user, not tied to one organisation in the path.
    Session,
    /// A logged-in member of the organisation named by `{org}`.
    Org,
    /// A bearer API token, not tied to an organisation in the path.
    Api,
    /// A bearer API token of the organisation named by `{org}`.
    ApiOrg,
}

/// One route of a module: method, path (axum syntax, `{org}` for the organisation), who may reach it and the
/// permission the member's role needs for it. Use cases may need more for some objects (revealing a national
/// number needs `RevealSensitive` on a route that needs `Read`); `needs` is what every call needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteSpec {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
    /// `None` for public and session routes, which are not tied to a role in an organisation.
    pub needs: Option<Permission>,
}

/// Shorthand for the route tables below.
pub(crate) const fn route(
    method: &'static str,
    path: &'static str,
    access: Access,
    needs: Option<Permission>,
) -> RouteSpec {
    RouteSpec {
        method,
        path,
        access,
        needs,
    }
}

/// A module's entry in the main navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavEntry {
    /// Catalogue key of the label.
    pub label: &'static str,
    /// Path below `/o/{org}` ("" for the dashboard).
    pub path: &'static str,
    /// What the member's role needs for the entry to show.
    pub needs: Permission,
}

/// A future returned by a compliance check: the check's findings (none when all is well), each with its
/// severity, article, message and the page that fixes it.
pub type CheckFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Vec<Finding>, AppError>> + Send + 'a>>;

/// One compliance check a module contributes to the organisation's overview.
#[derive(Clone, Copy)]
pub struct ComplianceCheck {
    pub id: &'static str,
    /// What the actor's role needs to see the check.
    pub needs: Permission,
    pub run: for<'a> fn(&'a App, &'a Actor) -> CheckFuture<'a>,
}

impl std::fmt::Debug for ComplianceCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ComplianceCheck")
            .field("id", &self.id)
            .finish()
    }
}

/// Everything one module contributes.
#[derive(Debug)]
pub struct Module {
    /// Stable id, also used to mark the current page in the navigation.
    pub id: &'static str,
    pub nav: Option<NavEntry>,
    pub routes: &'static [RouteSpec],
    /// The module's tables in load order (a table after those it refers to).
    pub tables: &'static [TableDef],
    /// Every audit action the module's use cases append.
    pub audit_actions: &'static [AuditAction],
    pub checks: &'static [ComplianceCheck],
}

/// Every module, in the order of the navigation and of the backup (a module after those it refers to).
/// The navigation follows the step plan: what you hold (documents, compliance and inventory), the register and
/// its recipients, the statement, then the organisation's own settings.
pub static MODULES: &[&Module] = &[
    &core::MODULE,
    &documents::MODULE,
    &compliance::MODULE,
    &register::MODULE,
    &recipients::MODULE,
    &dpia::MODULE,
    &relations::MODULE,
    &relations_import::MODULE,
    &links::MODULE,
    &statement::MODULE,
    &requests::MODULE,
    &breaches::MODULE,
    &consent::MODULE,
    &retention::MODULE,
    &profile::MODULE,
    &members::MODULE,
    &audit::MODULE,
];

/// Every declared route of every module.
pub fn routes() -> impl Iterator<Item = &'static RouteSpec> {
    MODULES.iter().flat_map(|m| m.routes.iter())
}

/// Every table of every module, in load order: what a backup holds.
pub fn tables() -> Vec<&'static TableDef> {
    MODULES.iter().flat_map(|m| m.tables.iter()).collect()
}

/// Every audit action any module appends.
pub fn audit_actions() -> impl Iterator<Item = AuditAction> {
    MODULES.iter().flat_map(|m| m.audit_actions.iter().copied())
}

impl App {
    /// Runs every compliance check the actor's role may see, module by module, and returns their findings.
    pub async fn compliance_checks(&self, actor: &Actor) -> Result<Vec<Finding>, AppError> {
        let mut out = Vec::new();
        for module in MODULES {
            for check in module.checks {
                if actor.role.allows(check.needs) {
                    out.extend((check.run)(self, actor).await?);
                }
            }
        }
        Ok(out)
    }
}
