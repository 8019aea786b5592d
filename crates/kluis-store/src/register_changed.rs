//! When the register last changed, as one query over the tables that keep its versions.

use crate::{OrgScope, Result, Store};

impl Store {
    /// The latest moment (ms) the register of `scope`'s organisation changed: a saved version of its profile,
    /// of an activity, or of a recipient (a deletion included); `None` when nothing was ever saved. Agreements
    /// are not the register's content and do not count. One query, however large the register is.
    pub async fn register_changed_at(&self, scope: &OrgScope) -> Result<Option<i64>> {
        let mut c = self.pool().acquire().await?;
        Ok(sqlx::query_scalar(
            "SELECT MAX(m) FROM ( \
             SELECT MAX(at_ms) AS m FROM register_profile_versions WHERE org_id = $1 \
             UNION ALL SELECT MAX(at) AS m FROM register_activity_versions WHERE org_id = $1 \
             UNION ALL SELECT MAX(at) AS m FROM register_recipient_versions WHERE org_id = $1 AND kind = 'recipient' \
             ) latest",
        )
        .bind(scope.org_id())
        .fetch_one(&mut *c)
        .await?)
    }
}
