//! Kluis's pure domain core: the GDPR vocabulary, roles and the rules over them. Does no IO.

pub mod audit;
pub mod identity;
pub mod personal_data;
pub mod roles;

pub use personal_data::{DocumentClass, EntityType, PersonalDataKind, SpecialCategory};
pub use roles::{Permission, Role, SystemActor};
