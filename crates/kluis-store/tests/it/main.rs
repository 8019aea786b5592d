//! Integration tests for kluis-store, on SQLite or on `KLUIS_TEST_DATABASE_URL` (PostgreSQL).

mod activities;
mod audit;
mod concurrency;
mod documents;
mod dump;
mod inventory;
mod jobs;
mod logins;
mod recipient_versions;
mod relations;
mod tenancy;
mod tidy;

use kluis_domain::{AuditAction, Role};
use kluis_store::{NewAuditEvent, NewUser, OrgScope, Store, now_ms};

/// Creates an organisation and returns its system scope.
pub async fn org(store: &Store, slug: &str) -> OrgScope {
    let mut tx = store.begin_write().await.unwrap();
    let (_, scope) = tx
        .insert_org(&uuid::Uuid::now_v7().to_string(), slug, slug, now_ms())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    scope
}

/// Creates a user (fake ciphertext) and makes them a member of `scope` with `role`.
pub async fn member(store: &Store, scope: &OrgScope, name: &str, role: Role) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_user(&NewUser {
        id: id.clone(),
        email_enc: vec![0, 1, 2, 255],
        email_index: format!("idx-{name}"),
        display_name_enc: name.as_bytes().to_vec(),
        password_hash: "x".into(),
        locale: "nl".into(),
        created_at: now_ms(),
    })
    .await
    .unwrap();
    tx.tenant(scope)
        .insert_membership(&id, role, now_ms())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

pub fn ev(action: AuditAction) -> NewAuditEvent {
    NewAuditEvent {
        actor: "test".into(),
        action,
        entity: "thing".into(),
        entity_id: "1".into(),
        fields: vec!["name".into()],
        origin: "127.0.0.1".into(),
    }
}
