//! The portfolio page: every organisation the user belongs to and where it stands, one click into each.

use crate::context::UserCtx;
use crate::error::WebError;
use crate::nav::Chrome;
use crate::{Routes, Web};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

pub(crate) fn routes() -> Routes {
    Routes::new().get("/portfolio", portfolio)
}

pub struct Row {
    pub name: String,
    pub href: String,
    pub role: String,
    pub score: String,
    pub critical_high: String,
    pub medium_low: String,
    pub expiring: String,
    pub review: String,
    pub overdue: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "portfolio.html")]
struct PortfolioPage {
    c: Chrome,
    rows: Vec<Row>,
}

async fn portfolio(State(web): State<Web>, user: UserCtx) -> Result<Response, WebError> {
    let tr = user.ctx.tr();
    let rows = web.app.portfolio(&user.session, &user.ctx.origin).await?;
    let dash = "–".to_owned();
    let rows = rows
        .into_iter()
        .map(|r| Row {
            href: format!("/o/{}", r.org.slug),
            name: r.org.name,
            role: tr
                .t(&format!("role-{}", r.role.as_str().replace('_', "-")))
                .to_owned(),
            score: r.score.map(|s| s.to_string()).unwrap_or(dash.clone()),
            critical_high: r
                .counts
                .as_ref()
                .map(|c| (c.critical + c.high).to_string())
                .unwrap_or(dash.clone()),
            medium_low: r
                .counts
                .as_ref()
                .map(|c| (c.medium + c.low).to_string())
                .unwrap_or(dash.clone()),
            expiring: r
                .agreements_expiring
                .map(|n| n.to_string())
                .unwrap_or(dash.clone()),
            review: match (r.next_review, r.score.is_some()) {
                (Some(d), _) => tr.date(d),
                (None, true) => tr.t("portfolio-review-none").to_owned(),
                (None, false) => dash.clone(),
            },
            overdue: r.review_overdue,
        })
        .collect();
    let c = Chrome::session(tr, &user.ctx.csrf, &user.session, None, "portfolio-title");
    Ok(PortfolioPage { c, rows }.into_response())
}
