//! Compliance use cases: the document holdings the inventory is computed from, the inventory itself, the
//! register findings, and the compliance report (module checks + register findings, score, trend).
//!
//! The register comes from [`App::register_snapshot`], the one place that loads the register.

use kluis_domain::Permission;
use kluis_domain::documents::IDENTITY_DOCUMENT_CLASS;
use kluis_domain::register::Register;
use kluis_domain::register::compliance::{self, CheckContext, Finding, Score, SeverityCounts};
use kluis_domain::register::inventory::{DocumentHoldings, Inventory};
use kluis_store::{OrgScope, ScoreRow, now_ms};
use serde::Serialize;
use std::sync::Arc;

use crate::audit::require;
use crate::profile::today;
use crate::{Actor, App, AppError, OrgSummary, Origin, UserId};
use kluis_domain::calendar::utc_date_of_ms as date_of_ms;

/// How far back the report's trend reaches.
pub const TREND_DAYS: i64 = 12 * 7;

/// One day of the score history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrendPoint {
    /// ISO date.
    pub day: String,
    pub score: u8,
}

/// Everything the compliance page, the dashboard, the API and `kluis check` show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplianceReport {
    /// Most severe first; within a severity the step plan's order.
    pub findings: Vec<Finding>,
    pub score: u8,
    pub counts: SeverityCounts,
    pub top_three: Vec<Finding>,
    /// The last [`TREND_DAYS`] days that have a score, oldest first (today included).
    pub trend: Vec<TrendPoint>,
}

impl App {
    /// How many documents hold each category of personal data (Permission::Read): one grouped count.
    pub async fn document_holdings(&self, actor: &Actor) -> Result<DocumentHoldings, AppError> {
        require(actor, Permission::Read)?;
        let rows = self
            .db()
            .compliance(&actor.scope)
            .document_counts(IDENTITY_DOCUMENT_CLASS)
            .await?;
        Ok(DocumentHoldings::build(rows))
    }

    /// The register as it stands today, and what the check needs beside it (Permission::Read).
    ///
    /// The register now and what the checks need to know beside it: when the privacy statement was last
    /// published and when the register last changed.
    async fn register_with_context(
        &self,
        actor: &Actor,
    ) -> Result<(Register, CheckContext), AppError> {
        require(actor, Permission::Read)?;
        let register = self.register_snapshot(actor, None).await?;
        let mut ctx = CheckContext::new(today());
        ctx.statement_published = self
            .statement_versions(actor)
            .await?
            .first()
            .and_then(|v| date_of_ms(v.published_at));
        ctx.register_changed = self.register_changed(actor).await?;
        Ok((register, ctx))
    }

    /// The inventory: the five questions per category, from the register and the documents (Permission::Read).
    pub async fn inventory(&self, actor: &Actor) -> Result<Inventory, AppError> {
        let (register, _) = self.register_with_context(actor).await?;
        let holdings = self.document_holdings(actor).await?;
        let relations = self.relation_holdings(actor, &register).await?;
        Ok(Inventory::compute_with(&register, &holdings, &relations))
    }

    /// The register and inventory rules' findings (Permission::Read).
    pub async fn register_findings(&self, actor: &Actor) -> Result<Vec<Finding>, AppError> {
        let (register, ctx) = self.register_with_context(actor).await?;
        let holdings = self.document_holdings(actor).await?;
        let relations = self.relation_holdings(actor, &register).await?;
        let inventory = Inventory::compute_with(&register, &holdings, &relations);
        Ok(compliance::check(&register, &inventory, &ctx))
    }

    /// The organisation's compliance report (Permission::Read): the modules' checks and the register's rules,
    /// scored, with the trend. Computed again only when the organisation's data changed (its audit chain grew) or
    /// the day changed (`revision_cache.rs`): the dashboard shows it on every view.
    pub async fn compliance_report(
        &self,
        actor: &Actor,
    ) -> Result<Arc<ComplianceReport>, AppError> {
        require(actor, Permission::Read)?;
        let revision = self.revision(actor).await?;
        let (org, day) = (actor.scope.org_id(), today());
        if let Some(report) = self.caches().reports.get(org, revision, day) {
            return Ok(report);
        }
        let extra = self.register_findings(actor).await?;
        let report = Arc::new(self.compute_report(actor, extra).await?);
        self.caches()
            .reports
            .put(org, revision, day, report.clone());
        Ok(report)
    }

    /// The report computed now: the modules' checks plus `extra` (the register findings), scored; today's
    /// score is recorded (one row per day, the last computation winning) and the last twelve weeks' scores are
    /// the trend.
    async fn compute_report(
        &self,
        actor: &Actor,
        extra: Vec<Finding>,
    ) -> Result<ComplianceReport, AppError> {
        require(actor, Permission::Read)?;
        let mut findings = self.compliance_checks(actor).await?;
        findings.extend(extra);
        // Stable: within a severity, the step plan's order, then the rules' own order.
        findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.step.cmp(&b.step)));
        let score = Score::of(&findings);
        let day = today();
        let c = |n: u32| i64::from(n);
        let row = ScoreRow {
            day: day.to_string(),
            score: i64::from(score.score),
            low: c(score.counts.low),
            medium: c(score.counts.medium),
            high: c(score.counts.high),
            critical: c(score.counts.critical),
            computed_at: now_ms(),
        };
        let from = day
            .checked_sub(time::Duration::days(TREND_DAYS - 1))
            .unwrap_or(day);
        let store = self.db().compliance(&actor.scope);
        let mut history = store.scores_since(&from.to_string()).await?;
        let same = |r: &ScoreRow| {
            (r.day.as_str(), r.score, r.low, r.medium, r.high, r.critical)
                == (
                    row.day.as_str(),
                    row.score,
                    row.low,
                    row.medium,
                    row.high,
                    row.critical,
                )
        };
        // A derived figure holding no personal data: no audit event. Written only when it changed, so that
        // viewing the dashboard does not queue behind other writers.
        if !history.last().is_some_and(same) {
            let mut tx = self.db().begin_write().await?;
            tx.upsert_compliance_score(&actor.scope, &row).await?;
            tx.commit().await?;
            history.retain(|r| r.day != row.day);
            history.push(row);
        }
        let trend = history
            .into_iter()
            .map(|r| TrendPoint {
                day: r.day,
                score: u8::try_from(r.score.clamp(0, 100)).unwrap_or(0),
            })
            .collect();
        Ok(ComplianceReport {
            findings,
            score: score.score,
            counts: score.counts,
            top_three: score.top_three,
            trend,
        })
    }

    /// A read-only actor for `kluis check` on organisation `org_slug` (the CLI reads like an auditor).
    /// NotFound if there is no such organisation.
    pub async fn cli_reader(&self, org_slug: &str) -> Result<Actor, AppError> {
        let org = self
            .db()
            .org_by_slug(org_slug.trim())
            .await?
            .ok_or(AppError::NotFound)?;
        let scope = OrgScope::system(&org);
        Ok(Actor::new(
            UserId(crate::audit::CLI_ACTOR.to_owned()),
            OrgSummary::from(org),
            kluis_domain::Role::Auditor,
            scope,
            Origin::cli(),
        ))
    }
}
