//! The register of processing activities (GDPR Art. 30) as plain data: the organisation profile, processing
//! activities, processors with their agreements, and the vocabulary they are written in.
//!
//! The store loads a [`Register`]; every export, the inventory, the compliance check and the privacy statement
//! read that one snapshot, so what the register says is computed once, here, without IO.

pub mod agreements;
pub mod changes;
pub mod compliance;
pub mod inventory;
pub mod measures;
pub mod model;
pub mod rules;
pub mod starter;
pub mod statement;
pub mod vocabulary;
pub mod wizards;

pub use model::*;
pub use vocabulary::{
    CategoryDef, CategoryNature, DataCategory, DataSubjectCategory, Purpose, PurposeDef, SubjectDef,
};
