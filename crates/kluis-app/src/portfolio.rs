//! The consultant's portfolio: every organisation a user belongs to, with where it stands (score, open findings
//! by severity, agreements about to lapse, the next review), so one look shows where to go first.

use kluis_domain::Permission;
use kluis_domain::register::compliance::SeverityCounts;
use time::Date;

use crate::{App, AppError, OrgSummary, Origin, Role, SessionInfo};

/// One organisation of the portfolio. The figures are `None` where the user's role there may not read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortfolioRow {
    pub org: OrgSummary,
    pub role: Role,
    pub score: Option<u8>,
    pub counts: Option<SeverityCounts>,
    /// Processing agreements that end or are due for review within 60 days.
    pub agreements_expiring: Option<u64>,
    pub next_review: Option<Date>,
    pub review_overdue: bool,
}

impl App {
    /// Every organisation of the session's user, in the order of the memberships (by slug), each as that
    /// organisation's member sees it; computing a report records that day's score like the dashboard does.
    pub async fn portfolio(
        &self,
        session: &SessionInfo,
        origin: &Origin,
    ) -> Result<Vec<PortfolioRow>, AppError> {
        let mut rows = Vec::new();
        for (org, role) in &session.memberships {
            let actor = self.session_actor(session, &org.slug, origin)?;
            let mut row = PortfolioRow {
                org: org.clone(),
                role: *role,
                score: None,
                counts: None,
                agreements_expiring: None,
                next_review: None,
                review_overdue: false,
            };
            if role.allows(Permission::Read) {
                let report = self.compliance_report(&actor).await?;
                row.score = Some(report.score);
                row.counts = Some(report.counts);
                row.agreements_expiring = Some(self.agreements_expiring(&actor.scope).await?);
                let reviews = self.reviews(&actor).await?;
                row.next_review = reviews.scheduled_for.or(reviews.next_due);
                row.review_overdue = reviews.overdue;
            }
            rows.push(row);
        }
        Ok(rows)
    }
}
