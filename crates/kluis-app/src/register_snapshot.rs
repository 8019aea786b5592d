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
        let (profile, last_review) = match as_of {
            None => (
                self.profile(actor).await?.profile,
                self.last_review_date(actor).await?,
            ),
            Some(date) => (
                self.profile_as_of(actor, date).await?.unwrap_or_default(),
                self.last_review_date_as_of(actor, date).await?,
            ),
        };
        Ok(Register {
            organisation: actor.org.name.clone(),
            profile,
            recipients: self.recipients_snapshot(actor).await?,
            last_review,
            as_of,
            ..Default::default()
        })
    }
}
