//! The module seam's invariants: the backup's table list is the migrated schema, every audit action is declared
//! by exactly one module, and `OrgScope::system` is minted only where background work needs it.

use kluis_app::modules::{self, MODULES};
use kluis_store::testing::fresh_store;
use std::collections::BTreeSet;
use std::path::Path;

#[tokio::test]
async fn backup_tables_are_exactly_the_migrated_schema() {
    let (store, _db) = fresh_store().await;
    let schema = store.schema_tables().await.expect("schema");
    let mut declared: Vec<(String, Vec<String>)> = modules::tables()
        .iter()
        .map(|t| {
            (
                t.name.to_owned(),
                t.column_names().map(str::to_owned).collect(),
            )
        })
        .collect();
    declared.sort();
    let mut schema_sorted = schema.clone();
    for (_, cols) in schema_sorted.iter_mut() {
        cols.sort();
    }
    for (_, cols) in declared.iter_mut() {
        cols.sort();
    }
    assert_eq!(
        declared,
        schema_sorted,
        "the modules' tables (what a backup holds) differ from the migrated schema ({:?})",
        store.backend()
    );
}

#[test]
fn module_ids_routes_and_audit_actions_are_declared_once() {
    let mut ids = BTreeSet::new();
    for m in MODULES {
        assert!(ids.insert(m.id), "module id {} twice", m.id);
    }
    let mut routes = BTreeSet::new();
    for r in modules::routes() {
        assert!(
            routes.insert((r.method, r.path)),
            "{} {} declared twice",
            r.method,
            r.path
        );
    }
    let mut actions = BTreeSet::new();
    for a in modules::audit_actions() {
        assert!(
            actions.insert(a),
            "audit action {a} declared by two modules"
        );
    }
}

/// Every `OrgScope::system(` in the workspace's sources, by file. A scope minted outside a membership check is
/// for background work only (jobs, the CLI's own organisation commands, verification and key rotation): a new
/// use of it must be added here on purpose, with a reason.
const SYSTEM_SCOPE_FILES: &[&str] = &[
    // A processor's breach report through its signed link (checked before anything is read), and
    // `kluis breach export`, which acts for an organisation as the command line.
    "crates/kluis-app/src/breaches.rs",
    // `kluis relations import` and `kluis relations export`, which act for an organisation as the command line.
    "crates/kluis-app/src/relations_import.rs",
    // Verifying every organisation's chain (`kluis audit verify`, the daily job).
    "crates/kluis-app/src/audit.rs",
    // Re-encrypting every organisation's data with a new key.
    "crates/kluis-app/src/keys.rs",
    // The CLI's organisation and user commands.
    "crates/kluis-app/src/system.rs",
    // The scan job and `kluis import-docs`, which act for an organisation without a session.
    "crates/kluis-app/src/documents.rs",
    // The CLI's register commands (`kluis demo` adds activities, exports read them) by organisation slug.
    "crates/kluis-app/src/register.rs",
    // The public privacy-statement page: reads only what the organisation published, i.e. made public.
    "crates/kluis-app/src/statements.rs",
    // `kluis check`, which reads one organisation's compliance report as a read-only CLI actor.
    "crates/kluis-app/src/compliance.rs",
    // `kluis demo`, which fills an empty organisation as the command line.
    "crates/kluis-app/src/demo.rs",
    // The public consent pages: a signed link (checked first) is the person's authority, like an invitation.
    "crates/kluis-app/src/consent.rs",
    // The daily retention sweep, which proposes and carries out deletion runs for each organisation.
    "crates/kluis-app/src/retention.rs",
    // The daily request reminders, which read each organisation's due requests and members to write to them.
    "crates/kluis-app/src/request_reminders.rs",
    // The public request form (registers a request as the data subject) and `kluis requests` (the command line).
    "crates/kluis-app/src/rights_entry.rs",
    // `kluis dpia import|export`, which act for an organisation as the command line.
    "crates/kluis-app/src/dpia.rs",
    // Test helpers (feature `testing`) that tamper with a chain the way an attacker with the database would.
    "crates/kluis-store/src/testing.rs",
];

#[test]
fn org_scope_system_is_used_only_in_the_files_that_need_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut found = BTreeSet::new();
    let mut stack = vec![root.join("crates")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read crates") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                if !path.ends_with("target") && !path.ends_with("tests") {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source");
                // The definition's own file is not a use.
                if text.contains("OrgScope::system(")
                    && !path.ends_with("kluis-store/src/tenant.rs")
                {
                    let rel = path
                        .strip_prefix(&root)
                        .expect("under root")
                        .to_string_lossy()
                        .into_owned();
                    found.insert(rel);
                }
            }
        }
    }
    let allowed: BTreeSet<String> = SYSTEM_SCOPE_FILES.iter().map(|s| (*s).to_owned()).collect();
    let unexpected: Vec<_> = found.difference(&allowed).collect();
    assert!(
        unexpected.is_empty(),
        "OrgScope::system used in {unexpected:?}: only background work may mint a scope without a membership \
         check; if this one must, add the file to SYSTEM_SCOPE_FILES with the reason"
    );
    let stale: Vec<_> = allowed.difference(&found).collect();
    assert!(
        stale.is_empty(),
        "SYSTEM_SCOPE_FILES lists files that no longer use it: {stale:?}"
    );
}
