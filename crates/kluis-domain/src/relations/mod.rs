//! Relations (the people and companies an organisation deals with) and the rules that protect them: which fields
//! may be held, consent, retention, data-subject requests and the legally aware erasure decision.
//!
//! Pure rules over plain values, written once for the store, the app and the web layer: the register
//! (`crate::register`) says what should happen, these modules decide what that means for one person on one day.

pub mod consent;
pub mod erasure;
pub mod links;
pub mod model;
pub mod requests;
pub mod retention;

pub use model::{Party, Relation, RelationField, RelationKind};
