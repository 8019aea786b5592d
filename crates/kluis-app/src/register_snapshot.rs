//! The register of one organisation as one value: profile, activities, recipients and reviews loaded together,
//! so every export, the compliance check and the privacy statement read the same snapshot.

use kluis_domain::Permission;
use kluis_domain::register::Register;
use time::Date;

use crate::audit::require;
use crate::{Actor, App, AppError};
use kluis_domain::calendar::utc_date_of_ms as date_of_ms;

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
            activities: self.register_activities_as_of(actor, as_of).await?,
            recipients: self.recipients_as_of(actor, as_of).await?,
            last_review,
            as_of,
        })
    }
}

impl App {
    /// The day the register last changed: its profile, an activity or a recipient, a deleted recipient included
    /// (Permission::Read). The compliance check compares it with the privacy statement's publication; the
    /// dashboard and the portfolio ask per view, so it is one store query over the version tables.
    pub async fn register_changed(&self, actor: &Actor) -> Result<Option<Date>, AppError> {
        require(actor, Permission::Read)?;
        let latest = self.db().register_changed_at(&actor.scope).await?;
        Ok(latest.and_then(date_of_ms))
    }
}
