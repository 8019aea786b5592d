//! Source checks of the store's tenancy invariant: outside `tenant.rs` and `documents.rs` (reached only through an
//! `OrgScope`), SQL touches a tenant table only in the lookups that make a scope in the first place.

use std::collections::BTreeSet;
use std::path::Path;

/// Tables whose rows belong to one organisation.
const TENANT_TABLES: &[&str] = &[
    "memberships",
    "api_tokens",
    "audit_events",
    "documents",
    "document_findings",
    "invitations",
];

/// Files whose queries need no scope: they hold the global tables. Each (file, table) pair allowed here is a
/// lookup that authenticates someone and yields their checked scopes.
const ALLOWED: &[(&str, &str)] = &[
    // A session's memberships: the one query in front of every page makes each membership's checked scope.
    ("global.rs", "memberships"),
    // An API token found by its digest, and its last use: how a bearer becomes an actor of its organisation.
    ("global.rs", "api_tokens"),
    // An invitation found by the digest of its link's token: how an invitee reaches the one organisation that
    // invited them.
    ("global.rs", "invitations"),
];

const UNSCOPED_FILES: &[&str] = &["global.rs", "jobs.rs", "lib.rs"];

#[test]
fn unscoped_store_code_touches_tenant_tables_only_to_authenticate() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeSet::new();
    for file in UNSCOPED_FILES {
        let text = std::fs::read_to_string(src.join(file)).expect("source file");
        let words: Vec<String> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect();
        for pair in words.windows(2) {
            let keyword = pair[0].to_ascii_uppercase();
            if matches!(keyword.as_str(), "FROM" | "JOIN" | "INTO" | "UPDATE")
                && TENANT_TABLES.contains(&pair[1].as_str())
            {
                found.insert(((*file).to_owned(), pair[1].clone()));
            }
        }
    }
    let allowed: BTreeSet<(String, String)> = ALLOWED
        .iter()
        .map(|(f, t)| ((*f).to_owned(), (*t).to_owned()))
        .collect();
    let unexpected: Vec<_> = found.difference(&allowed).collect();
    assert!(
        unexpected.is_empty(),
        "unscoped store code touches tenant tables: {unexpected:?}; move the query behind an OrgScope \
         (tenant.rs, documents.rs) or, if it authenticates, allow it here with the reason"
    );
    let stale: Vec<_> = allowed.difference(&found).collect();
    assert!(
        stale.is_empty(),
        "ALLOWED lists pairs no longer found: {stale:?}"
    );
}
