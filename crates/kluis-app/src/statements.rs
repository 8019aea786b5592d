//! Privacy statements: publishing a version rendered from the register, listing versions, and serving the
//! published text to anyone (the public page needs no login: a published statement is public by intent).

use kluis_domain::register::statement::StatementContent;
use kluis_domain::{AuditAction, Permission};
use kluis_store::{NewStatement, OrgScope, StatementRow, StatementVersion, now_ms};

use crate::audit::require;
use crate::{Actor, App, AppError};

/// One language of a statement as the caller rendered it from [`StatementContent`].
#[derive(Debug, Clone)]
pub struct RenderedStatement {
    /// Language code (`nl`, `en`).
    pub lang: String,
    pub html: String,
    pub markdown: String,
}

/// A published version as PDF, made from the Markdown stored with it, so an old version prints as it was
/// published. It names the controller as the version stated it, else `org_name` (the organisation's name in
/// Kluis). CPU work: callers on async threads run it on a blocking thread.
pub fn statement_pdf(
    row: &StatementRow,
    org_name: &str,
    lang: kluis_export::Lang,
) -> Result<kluis_export::Export, AppError> {
    let organisation = serde_json::from_str::<serde_json::Value>(&row.content_json)
        .ok()
        .and_then(|v| {
            v["controller"]["name"]
                .as_str()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned)
        })
        .unwrap_or_else(|| org_name.to_owned());
    let meta = kluis_export::StatementPdfMeta {
        organisation: &organisation,
        version: row.version,
        published: kluis_domain::calendar::utc_date_of_ms(row.published_at)
            .unwrap_or(time::Date::MIN),
    };
    kluis_export::render_statement_pdf(&row.markdown, &meta, lang).map_err(AppError::internal)
}

impl App {
    /// Publishes a new version of the privacy statement (Permission::ManageRegister): `render` words the
    /// content in every language for the version number and publication time the transaction assigns, so two
    /// publications at once cannot both print the same number. One transaction, one audit event. Returns the
    /// new version number.
    pub async fn publish_statement(
        &self,
        actor: &Actor,
        content: &StatementContent,
        render: &(dyn Fn(i64, i64) -> Vec<RenderedStatement> + Send + Sync),
    ) -> Result<i64, AppError> {
        require(actor, Permission::ManageRegister)?;
        let content_json = serde_json::to_string(content)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("statement content: {e}")))?;
        let version = crate::retry!({
            let mut tx = self.db().begin_write().await?;
            let version = tx.statements(&actor.scope).next_version().await?;
            let at = now_ms();
            let rendered = render(version, at);
            if rendered.is_empty() {
                return Err(AppError::invalid("statement", "no language rendered"));
            }
            for r in &rendered {
                tx.statements(&actor.scope)
                    .insert(&NewStatement {
                        version,
                        lang: &r.lang,
                        html: &r.html,
                        markdown: &r.markdown,
                        content_json: &content_json,
                        published_by: actor.user_id.as_str(),
                        published_at: at,
                    })
                    .await?;
            }
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::StatementPublish,
                    "privacy_statement",
                    &version.to_string(),
                    &[],
                ))
                .await?;
            tx.commit().await?;
            Ok(version)
        })?;
        Ok(version)
    }

    /// Every published version, newest first (Permission::Read).
    pub async fn statement_versions(
        &self,
        actor: &Actor,
    ) -> Result<Vec<StatementVersion>, AppError> {
        require(actor, Permission::Read)?;
        Ok(self.db().statements(&actor.scope).versions().await?)
    }

    /// One published version in `lang` (the newest when `version` is `None`), for a member (Permission::Read).
    pub async fn statement(
        &self,
        actor: &Actor,
        version: Option<i64>,
        lang: &str,
    ) -> Result<Option<StatementRow>, AppError> {
        require(actor, Permission::Read)?;
        Ok(self
            .db()
            .statements(&actor.scope)
            .get(version, lang)
            .await?)
    }

    /// A published statement of the organisation `org_slug`, for anyone: the newest when `version` is `None`.
    /// `None` when the organisation does not exist or has published nothing in `lang`, alike, so the public
    /// address does not tell which organisations exist.
    pub async fn public_statement(
        &self,
        org_slug: &str,
        version: Option<i64>,
        lang: &str,
    ) -> Result<Option<(String, StatementRow)>, AppError> {
        let Some(org) = self.db().org_by_slug(org_slug.trim()).await? else {
            return Ok(None);
        };
        // Unscoped on purpose: publishing made this text public; nothing else of the organisation is read.
        let scope = OrgScope::system(&org);
        let row = self.db().statements(&scope).get(version, lang).await?;
        Ok(row.map(|r| (org.name.clone(), r)))
    }
}
