//! Identifier lookup through the blind index: where a value (e-mail address, BSN, IBAN, phone number, national
//! number, …) occurs in an organisation's data, found by exact match on its keyed index, never by decrypting
//! stored values. The audited identifier search of the documents pages uses it; access and erasure requests will.

use kluis_domain::documents::search_permission;
use kluis_domain::{AuditAction, EntityType, Permission};
use kluis_scan::Location;
use kluis_store::{FindingRow, OrgScope};
use serde::{Deserialize, Serialize};

use crate::audit::require;
use crate::{Actor, App, AppError};

/// Hits per page of the identifier search.
pub const SEARCH_PAGE_SIZE: i64 = 200;

/// One place where a searched identifier occurs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdentifierHit {
    pub document_id: String,
    pub document_name: String,
    pub document_path: String,
    pub finding_id: String,
    pub entity: EntityType,
    pub masked: String,
    pub location: Option<Location>,
}

/// One page of identifier search hits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdentifierHits {
    pub hits: Vec<IdentifierHit>,
    pub page: u32,
    /// The next page's number, when there are more hits.
    pub next_page: Option<u32>,
}

/// The blind indexes `query` has as each kind of identifier it could be, for organisation `org_id`.
pub(crate) fn identifier_indexes(
    keys: &kluis_crypto::KeyRing,
    org_id: &str,
    query: &str,
) -> Vec<String> {
    let mut indexes: Vec<String> = EntityType::ALL
        .iter()
        .filter_map(|&e| {
            let n = kluis_pii::normalize(e, query);
            (!n.is_empty()).then(|| keys.blind_index(org_id, e.as_str(), &n))
        })
        .collect();
    indexes.sort_unstable();
    indexes.dedup();
    indexes
}

impl App {
    /// Findings whose value is `query` as any kind of identifier, newest first: the shared lookup, neither
    /// authorised nor audited here; its callers are.
    pub(crate) async fn findings_of_identifier(
        &self,
        scope: &OrgScope,
        query: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<FindingRow>, AppError> {
        let indexes = identifier_indexes(&self.keys(), scope.org_id(), query);
        Ok(self
            .db()
            .documents(scope)
            .findings_by_index(&indexes, limit, offset)
            .await?)
    }

    /// Where an identifier (e-mail address, BSN, IBAN, phone number, national number, …) occurs, by exact match
    /// through the blind index: the query is normalised as each kind of identifier it could be, never by
    /// decrypting stored values (Permission::Read). Audited as `identifier.search` without the query.
    /// The first page of [`App::search_identifier_page`].
    pub async fn search_identifier(
        &self,
        actor: &Actor,
        query: &str,
    ) -> Result<Vec<IdentifierHit>, AppError> {
        Ok(self.search_identifier_page(actor, query, 1).await?.hits)
    }

    /// One page (from 1) of the places where an identifier occurs, newest first, [`SEARCH_PAGE_SIZE`] per page;
    /// `next_page` is set when there are more. Audited like [`App::search_identifier`].
    pub async fn search_identifier_page(
        &self,
        actor: &Actor,
        query: &str,
        page: u32,
    ) -> Result<IdentifierHits, AppError> {
        require(actor, Permission::Read)?;
        let page = page.max(1);
        let query = query.trim();
        if query.is_empty() || query.chars().count() > 320 {
            return Err(AppError::invalid(
                "query",
                "enter an identifier of 1 to 320 characters",
            ));
        }
        // Where a national identification number occurs says as much about its holder as revealing it.
        for e in kluis_pii::national_id_types(query) {
            require(actor, search_permission(e))?;
        }
        // One more than a page tells whether there is a next one.
        let mut rows = self
            .findings_of_identifier(
                &actor.scope,
                query,
                SEARCH_PAGE_SIZE + 1,
                i64::from(page - 1) * SEARCH_PAGE_SIZE,
            )
            .await?;
        let more = rows.len() as i64 > SEARCH_PAGE_SIZE;
        rows.truncate(usize::try_from(SEARCH_PAGE_SIZE).unwrap_or(usize::MAX));
        self.audit_access(
            actor,
            &actor.event(
                AuditAction::IdentifierSearch,
                "document_finding",
                "",
                &["query"],
            ),
        )
        .await?;
        let hits = self
            .with_documents(&actor.scope, &rows)
            .await?
            .into_iter()
            .map(|h| IdentifierHit {
                document_id: h.document_id,
                document_name: h.document_name,
                document_path: h.document_path,
                finding_id: h.finding.id,
                entity: h.finding.entity,
                masked: h.finding.masked,
                location: h.finding.location,
            })
            .collect();
        Ok(IdentifierHits {
            hits,
            page,
            next_page: more.then_some(page + 1),
        })
    }
}
