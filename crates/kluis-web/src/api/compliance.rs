//! The compliance part of the REST API: the compliance report (findings, score, trend, the three things to do
//! first) and the inventory of personal data.

use super::{ApiOrgActor, Problem, require};
use crate::i18n::{Lang, Tr};
use crate::pages::compliance::category_label;
use crate::{Routes, Web};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use kluis_domain::Permission;
use kluis_domain::register::compliance::{Finding, Subject};
use kluis_domain::register::inventory::{Gap, HeldIn, nature_str};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::{OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/orgs/{org}/compliance", compliance)
        .get("/api/v1/orgs/{org}/inventory", inventory)
}

#[derive(OpenApi)]
#[openapi(
    paths(compliance, inventory),
    components(schemas(
        ComplianceOut,
        ComplianceFindingOut,
        SubjectOut,
        CountsOut,
        TrendOut,
        InventoryOut,
        InventoryRowOut,
        HeldOut,
        CountOut,
        NamedOut,
        RetentionOut,
        GapOut
    ))
)]
pub(crate) struct ComplianceDoc;

/// What a finding is about.
#[derive(Serialize, ToSchema)]
pub struct SubjectOut {
    /// `organisation`, `activity`, `recipient`, `category` or `module`.
    pub kind: String,
    /// The activity's or recipient's id.
    pub id: Option<String>,
    /// The activity's or recipient's name, the category's label, or the module.
    pub name: Option<String>,
    /// The category's vocabulary key.
    pub key: Option<String>,
}

/// One finding of the compliance check.
#[derive(Serialize, ToSchema)]
pub struct ComplianceFindingOut {
    /// The rule's stable key, e.g. `inventory.not_covered`.
    pub rule: String,
    /// `low`, `medium`, `high` or `critical`.
    pub severity: String,
    /// The article it rests on, e.g. `Art. 30(1)(f)`.
    pub article: String,
    /// The step of the step plan: `inventory`, `register`, `statement`, `agreements`, `breach_procedure`.
    pub step: String,
    pub subject: SubjectOut,
    /// The page that fixes it.
    pub fix_path: String,
    /// Catalogue key of the message; `args` fill it in.
    pub message_key: String,
    pub args: BTreeMap<String, String>,
    /// The message in the caller's language (`Accept-Language`, else Dutch).
    pub message: String,
    /// A plain explanation in the caller's language.
    pub explanation: String,
}

/// Findings by severity.
#[derive(Serialize, ToSchema)]
pub struct CountsOut {
    pub low: u32,
    pub medium: u32,
    pub high: u32,
    pub critical: u32,
}

/// One day of the score history.
#[derive(Serialize, ToSchema)]
pub struct TrendOut {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub score: u8,
}

/// The compliance report.
#[derive(Serialize, ToSchema)]
pub struct ComplianceOut {
    /// 0-100.
    pub score: u8,
    pub counts: CountsOut,
    /// Most severe first.
    pub findings: Vec<ComplianceFindingOut>,
    /// The three things to do first, in the step plan's order.
    pub top_three: Vec<ComplianceFindingOut>,
    /// The last 12 weeks' scores, oldest first.
    pub trend: Vec<TrendOut>,
}

fn lang_of(headers: &HeaderMap) -> Tr {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    Tr::new(Lang::from_accept_language(accept))
}

fn finding_out(tr: &Tr, org: &str, f: &Finding) -> ComplianceFindingOut {
    let view = crate::pages::compliance::finding_view(tr, org, f);
    let subject = match &f.subject {
        Subject::Organisation => SubjectOut {
            kind: "organisation".into(),
            id: None,
            name: None,
            key: None,
        },
        Subject::Activity { id, name } | Subject::Recipient { id, name } => SubjectOut {
            kind: if matches!(f.subject, Subject::Activity { .. }) {
                "activity".into()
            } else {
                "recipient".into()
            },
            id: Some(id.to_string()),
            name: Some(name.clone()),
            key: None,
        },
        Subject::Category { key } => SubjectOut {
            kind: "category".into(),
            id: None,
            name: Some(category_label(tr, key)),
            key: Some(key.clone()),
        },
        Subject::Module { module } => SubjectOut {
            kind: "module".into(),
            id: None,
            name: Some(module.clone()),
            key: None,
        },
    };
    ComplianceFindingOut {
        rule: f.id.clone(),
        severity: f.severity.as_str().to_owned(),
        article: f.article.clone(),
        step: f.step.as_str().to_owned(),
        subject,
        fix_path: view.href,
        message_key: f.message.clone(),
        args: f.args.clone(),
        message: view.text,
        explanation: view.explain,
    }
}

/// The compliance report: the modules' checks and the register's rules, scored; today's score is recorded.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/compliance", tag = "compliance",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = ComplianceOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn compliance(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    headers: HeaderMap,
) -> Result<Json<ComplianceOut>, Problem> {
    require(&a, Permission::Read)?;
    let r = web.app.compliance_report(&a).await?;
    let tr = lang_of(&headers);
    let org = a.org.slug.clone();
    Ok(Json(ComplianceOut {
        score: r.score,
        counts: CountsOut {
            low: r.counts.low,
            medium: r.counts.medium,
            high: r.counts.high,
            critical: r.counts.critical,
        },
        findings: r
            .findings
            .iter()
            .map(|f| finding_out(&tr, &org, f))
            .collect(),
        top_three: r
            .top_three
            .iter()
            .map(|f| finding_out(&tr, &org, f))
            .collect(),
        trend: r
            .trend
            .iter()
            .map(|p| TrendOut {
                day: p.day.clone(),
                score: p.score,
            })
            .collect(),
    }))
}

/// A count under a name (a document class or a folder; absent: not classified, or uploaded on its own).
#[derive(Serialize, ToSchema)]
pub struct CountOut {
    pub name: Option<String>,
    pub count: u64,
}

/// Where a category is held.
#[derive(Serialize, ToSchema)]
pub struct HeldOut {
    /// `documents` or `relations`.
    pub source: String,
    pub count: u64,
    pub by_class: Vec<CountOut>,
    /// The top folders.
    pub by_folder: Vec<CountOut>,
}

/// An activity or recipient.
#[derive(Serialize, ToSchema)]
pub struct NamedOut {
    pub id: String,
    pub name: String,
    /// For activities: whether it is active.
    pub active: Option<bool>,
}

/// A retention rule covering the category under one activity.
#[derive(Serialize, ToSchema)]
pub struct RetentionOut {
    pub activity_id: String,
    pub activity: String,
    pub amount: u32,
    /// `days`, `weeks`, `months` or `years`.
    pub unit: String,
    /// The event the period counts from.
    pub starts: String,
    /// `delete`, `anonymise` or `restrict`.
    pub action: String,
    pub legal_reference: String,
}

/// A gap in the inventory.
#[derive(Serialize, ToSchema)]
pub struct GapOut {
    /// `not_covered`, `not_held` or `no_retention`.
    pub gap: String,
    /// The activities concerned (for `not_held` and `no_retention`).
    pub activities: Vec<String>,
}

/// The five questions for one category of personal data.
#[derive(Serialize, ToSchema)]
pub struct InventoryRowOut {
    /// The vocabulary key.
    pub category: String,
    pub label: String,
    /// `ordinary`, `special`, `criminal` or `national_id`.
    pub nature: String,
    pub held_in: Vec<HeldOut>,
    /// Total records holding it, over every source.
    pub held: u64,
    pub activities: Vec<NamedOut>,
    pub recipients: Vec<NamedOut>,
    pub retention: Vec<RetentionOut>,
    pub gaps: Vec<GapOut>,
}

/// The inventory of personal data.
#[derive(Serialize, ToSchema)]
pub struct InventoryOut {
    pub rows: Vec<InventoryRowOut>,
}

/// The inventory: per category of personal data what it is, where it is held, why, with whom it is shared,
/// how long it is kept, and the gaps.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/inventory", tag = "compliance",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = InventoryOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn inventory(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    headers: HeaderMap,
) -> Result<Json<InventoryOut>, Problem> {
    require(&a, Permission::Read)?;
    let inv = web.app.inventory(&a).await?;
    let tr = lang_of(&headers);
    let rows = inv
        .rows
        .iter()
        .map(|r| InventoryRowOut {
            category: r.category.key().to_owned(),
            label: category_label(&tr, r.category.key()),
            nature: nature_str(r.nature).to_owned(),
            held: r.held(),
            held_in: r
                .held_in
                .iter()
                .map(|h| match h {
                    HeldIn::Documents {
                        documents,
                        by_class,
                        by_folder,
                    } => HeldOut {
                        source: "documents".into(),
                        count: *documents,
                        by_class: by_class
                            .iter()
                            .map(|(c, n)| CountOut {
                                name: c.map(|c| c.as_str().to_owned()),
                                count: *n,
                            })
                            .collect(),
                        by_folder: by_folder
                            .iter()
                            .map(|(f, n)| CountOut {
                                name: f.clone(),
                                count: *n,
                            })
                            .collect(),
                    },
                    HeldIn::Relations { relations } => HeldOut {
                        source: "relations".into(),
                        count: *relations,
                        by_class: Vec::new(),
                        by_folder: Vec::new(),
                    },
                })
                .collect(),
            activities: r
                .activities
                .iter()
                .map(|x| NamedOut {
                    id: x.id.to_string(),
                    name: x.name.clone(),
                    active: Some(x.active),
                })
                .collect(),
            recipients: r
                .recipients
                .iter()
                .map(|x| NamedOut {
                    id: x.id.to_string(),
                    name: x.name.clone(),
                    active: None,
                })
                .collect(),
            retention: r
                .retention
                .iter()
                .map(|x| RetentionOut {
                    activity_id: x.activity.to_string(),
                    activity: x.activity_name.clone(),
                    amount: x.rule.period.amount,
                    unit: x.rule.period.unit.as_str().to_owned(),
                    starts: x.rule.starts.as_str().to_owned(),
                    action: x.rule.action.as_str().to_owned(),
                    legal_reference: x.rule.legal_reference.clone(),
                })
                .collect(),
            gaps: r
                .gaps
                .iter()
                .map(|g| match g {
                    Gap::NotCovered { .. } => GapOut {
                        gap: "not_covered".into(),
                        activities: Vec::new(),
                    },
                    Gap::NotHeld { activities } => GapOut {
                        gap: "not_held".into(),
                        activities: activities.iter().map(|a| a.name.clone()).collect(),
                    },
                    Gap::NoRetention { activities } => GapOut {
                        gap: "no_retention".into(),
                        activities: activities.iter().map(|a| a.name.clone()).collect(),
                    },
                })
                .collect(),
        })
        .collect();
    Ok(Json(InventoryOut { rows }))
}
