//! The compliance pages: every finding grouped by severity, the inventory table, and the dashboard's score,
//! trend and three things to do first.

use crate::Web;
use crate::context::OrgCtx;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::nav::{Chrome, Flash};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use kluis_app::{ComplianceReport, TrendPoint};
use kluis_domain::register::compliance::{Finding, Severity, Step, Subject};
use kluis_domain::register::inventory::{Gap, HeldIn, Inventory, nature_str};
use kluis_domain::register::{DataCategory, PeriodUnit};

/// One finding in words, with the link that fixes it.
pub struct FindingView {
    /// The rule's stable key (`recipient.agreement_missing`), for the page's `data-rule`.
    pub rule: String,
    /// `low` … `critical`, also the CSS class.
    pub severity: &'static str,
    pub severity_label: String,
    pub article: String,
    pub step: String,
    pub text: String,
    pub explain: String,
    pub href: String,
}

/// The label of a category: its catalogue label, or its key while the catalogue has none.
pub fn category_label(tr: &Tr, key: &str) -> String {
    let label = key
        .parse::<DataCategory>()
        .map(|c| c.label_key())
        .unwrap_or_default();
    if !label.is_empty() && tr.has(&label) {
        tr.t(&label).to_owned()
    } else {
        key.to_owned()
    }
}

fn severity_key(s: Severity) -> &'static str {
    match s {
        Severity::Low => "compliance-severity-low",
        Severity::Medium => "compliance-severity-medium",
        Severity::High => "compliance-severity-high",
        Severity::Critical => "compliance-severity-critical",
    }
}

fn step_key(s: Step) -> &'static str {
    match s {
        Step::Inventory => "compliance-step-inventory",
        Step::Register => "compliance-step-register",
        Step::Statement => "compliance-step-statement",
        Step::Agreements => "compliance-step-agreements",
        Step::BreachProcedure => "compliance-step-breach-procedure",
    }
}

/// A finding's message with its arguments, or its key when the catalogue lacks it (a module's new rule).
fn message(tr: &Tr, key: &str, f: &Finding) -> String {
    if !tr.has(key) {
        return key.to_owned();
    }
    let mut args: Vec<(String, String)> =
        f.args.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    if let Subject::Category { key } = &f.subject {
        args.push(("category".into(), category_label(tr, key)));
    }
    let refs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    tr.t_with(key, &refs)
}

pub fn finding_view(tr: &Tr, org: &str, f: &Finding) -> FindingView {
    FindingView {
        rule: f.id.clone(),
        severity: f.severity.as_str(),
        severity_label: tr.t(severity_key(f.severity)).to_owned(),
        article: f.article.clone(),
        step: tr.t(step_key(f.step)).to_owned(),
        text: message(tr, &f.message, f),
        explain: message(tr, &format!("{}-explain", f.message), f),
        href: format!("/o/{org}{}", f.fix.path()),
    }
}

/// The score history as an inline SVG polyline (`points` attribute), 0-100 mapped on a 240×40 box.
pub fn sparkline(trend: &[TrendPoint]) -> Option<String> {
    if trend.len() < 2 {
        return None;
    }
    let step = 240.0 / (trend.len() - 1) as f64;
    Some(
        trend
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let x = i as f64 * step;
                let y = 40.0 - f64::from(p.score) * 0.4;
                format!("{x:.1},{y:.1}")
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// What the dashboard shows of the report.
pub struct ScoreCard {
    pub score: u8,
    pub score_text: String,
    pub sparkline: Option<String>,
    /// The trend in words (also what a screen reader reads).
    pub trend: Vec<String>,
    pub top_three: Vec<FindingView>,
}

pub fn score_card(tr: &Tr, org: &str, r: &ComplianceReport) -> ScoreCard {
    ScoreCard {
        score: r.score,
        score_text: tr.t_n("compliance-score", "score", r.score),
        sparkline: sparkline(&r.trend),
        trend: r
            .trend
            .iter()
            .map(|p| {
                tr.t_with(
                    "compliance-trend-point",
                    &[("day", &p.day), ("score", &p.score.to_string())],
                )
            })
            .collect(),
        top_three: r
            .top_three
            .iter()
            .map(|f| finding_view(tr, org, f))
            .collect(),
    }
}

/// The report with the register's findings: what every page and the API show.
pub async fn report(web: &Web, o: &OrgCtx) -> Result<std::sync::Arc<ComplianceReport>, WebError> {
    Ok(web.app.compliance_report(&o.actor).await?)
}

struct SeverityGroup {
    label: String,
    severity: &'static str,
    findings: Vec<FindingView>,
}

#[derive(Template, WebTemplate)]
#[template(path = "compliance.html")]
struct CompliancePage {
    c: Chrome,
    org: String,
    card: ScoreCard,
    count_text: String,
    groups: Vec<SeverityGroup>,
}

/// `GET /o/{org}/compliance`: every finding, most severe first.
pub async fn compliance(
    State(web): State<Web>,
    o: OrgCtx,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    let r = report(&web, &o).await?;
    let tr = o.ctx.tr();
    let groups = Severity::ALL
        .iter()
        .rev()
        .map(|s| SeverityGroup {
            label: tr.t(severity_key(*s)).to_owned(),
            severity: s.as_str(),
            findings: r
                .findings
                .iter()
                .filter(|f| f.severity == *s)
                .map(|f| finding_view(&tr, &o.org_slug, f))
                .collect(),
        })
        .filter(|g| !g.findings.is_empty())
        .collect();
    let page = CompliancePage {
        c: Chrome::org(&o, "compliance-title", "compliance", &flash),
        org: o.org_slug.clone(),
        card: score_card(&tr, &o.org_slug, &r),
        count_text: tr.t_n("compliance-count", "count", r.findings.len()),
        groups,
    };
    Ok(page.into_response())
}

struct InventoryLine {
    category: String,
    nature: String,
    held: Vec<String>,
    activities: Vec<String>,
    recipients: Vec<String>,
    retention: Vec<String>,
    gaps: Vec<String>,
    has_gap: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "inventory.html")]
struct InventoryPage {
    c: Chrome,
    org: String,
    rows: Vec<InventoryLine>,
}

fn unit_key(u: PeriodUnit) -> &'static str {
    match u {
        PeriodUnit::Days => "inventory-unit-days",
        PeriodUnit::Weeks => "inventory-unit-weeks",
        PeriodUnit::Months => "inventory-unit-months",
        PeriodUnit::Years => "inventory-unit-years",
    }
}

fn nature_key(n: &str) -> &'static str {
    match n {
        "special" => "inventory-nature-special",
        "criminal" => "inventory-nature-criminal",
        "national_id" => "inventory-nature-national-id",
        _ => "inventory-nature-ordinary",
    }
}

fn inventory_lines(tr: &Tr, inv: &Inventory) -> Vec<InventoryLine> {
    inv.rows
        .iter()
        .map(|row| {
            let mut held = Vec::new();
            for h in &row.held_in {
                match h {
                    HeldIn::Documents {
                        documents,
                        by_class,
                        by_folder,
                    } => {
                        let classes: Vec<String> = by_class
                            .iter()
                            .map(|(c, n)| {
                                let name = match c {
                                    Some(c) => {
                                        let k =
                                            format!("doc-class-{}", c.as_str().replace('_', "-"));
                                        if tr.has(&k) {
                                            tr.t(&k).to_owned()
                                        } else {
                                            c.as_str().to_owned()
                                        }
                                    }
                                    None => tr.t("inventory-unclassified").to_owned(),
                                };
                                format!("{name}: {n}")
                            })
                            .collect();
                        let folders: Vec<String> = by_folder
                            .iter()
                            .map(|(f, n)| {
                                let name = match f {
                                    Some(f) => tr.t_with("inventory-in-folder", &[("folder", f)]),
                                    None => tr.t("inventory-uploaded").to_owned(),
                                };
                                format!("{name}: {n}")
                            })
                            .collect();
                        held.push(format!(
                            "{} ({}; {})",
                            tr.t_n("inventory-held-documents", "count", documents),
                            classes.join(", "),
                            folders.join(", ")
                        ));
                    }
                    HeldIn::Relations { relations } => {
                        held.push(tr.t_n("inventory-held-relations", "count", relations));
                    }
                }
            }
            if held.is_empty() {
                held.push(tr.t("inventory-held-nowhere").to_owned());
            }
            let inactive = tr.t("inventory-inactive");
            let gaps: Vec<String> = row
                .gaps
                .iter()
                .map(|g| {
                    tr.t(match g {
                        Gap::NotCovered { .. } => "inventory-gap-not-covered",
                        Gap::NotHeld { .. } => "inventory-gap-not-held",
                        Gap::NoRetention { .. } => "inventory-gap-no-retention",
                    })
                    .to_owned()
                })
                .collect();
            InventoryLine {
                category: category_label(tr, row.category.key()),
                nature: tr.t(nature_key(nature_str(row.nature))).to_owned(),
                held,
                activities: row
                    .activities
                    .iter()
                    .map(|a| {
                        if a.active {
                            a.name.clone()
                        } else {
                            format!("{} {inactive}", a.name)
                        }
                    })
                    .collect(),
                recipients: row.recipients.iter().map(|r| r.name.clone()).collect(),
                retention: row
                    .retention
                    .iter()
                    .map(|r| {
                        tr.t_with(
                            "inventory-retention-rule",
                            &[
                                ("amount", &r.rule.period.amount.to_string()),
                                ("unit", tr.t(unit_key(r.rule.period.unit))),
                                ("activity", &r.activity_name),
                            ],
                        )
                    })
                    .collect(),
                has_gap: !gaps.is_empty(),
                gaps,
            }
        })
        .collect()
}

/// `GET /o/{org}/inventory`: the five questions per category.
pub async fn inventory(
    State(web): State<Web>,
    o: OrgCtx,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    let inv = web.app.inventory(&o.actor).await?;
    let tr = o.ctx.tr();
    let page = InventoryPage {
        c: Chrome::org(&o, "inventory-title", "compliance", &flash),
        org: o.org_slug.clone(),
        rows: inventory_lines(&tr, &inv),
    };
    Ok(page.into_response())
}
