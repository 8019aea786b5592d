//! The privacy statement in words: arranges the content the register yields (`kluis_domain::register::statement`)
//! into headed sections in one language, as HTML (escaped) and as Markdown, from the same blocks.

use crate::i18n::Tr;
use kluis_domain::register::statement::{
    ActivityPart, ObjectionRight, Provision, StatementContent,
};
use kluis_domain::register::{
    Jurisdiction, PeriodUnit, RetentionRule, RetentionStart, TransferSafeguard,
};

/// One block of the statement.
enum Block {
    Heading(String),
    Subheading(String),
    Para(String),
    List(Vec<String>),
}

fn retention_line(tr: Tr, r: &RetentionRule) -> String {
    let amount = r.period.amount.to_string();
    let unit = match r.period.unit {
        PeriodUnit::Days => "statement-period-days",
        PeriodUnit::Weeks => "statement-period-weeks",
        PeriodUnit::Months => "statement-period-months",
        PeriodUnit::Years => "statement-period-years",
    };
    let period = tr.t_with(unit, &[("amount", &amount)]);
    let starts = tr.t(match r.starts {
        RetentionStart::Collection => "statement-start-collection",
        RetentionStart::EndOfFinancialYear => "statement-start-end-of-financial-year",
        RetentionStart::EndOfContract => "statement-start-end-of-contract",
        RetentionStart::EndOfEmployment => "statement-start-end-of-employment",
        RetentionStart::EndOfProcedure => "statement-start-end-of-procedure",
        RetentionStart::Withdrawal => "statement-start-withdrawal",
        RetentionStart::LastContact => "statement-start-last-contact",
    });
    let what = match r.category {
        Some(c) => tr.t(&c.label_key()).to_owned(),
        None => tr.t("statement-retention-all").to_owned(),
    };
    let mut line = tr.t_with(
        "statement-retention-line",
        &[("what", &what), ("period", &period), ("starts", starts)],
    );
    if !r.legal_reference.trim().is_empty() {
        line.push_str(&format!(" ({})", r.legal_reference.trim()));
    }
    line
}

fn safeguard(tr: Tr, s: TransferSafeguard) -> &'static str {
    tr.t(match s {
        TransferSafeguard::Adequacy => "statement-safeguard-adequacy",
        TransferSafeguard::StandardContractualClauses => "statement-safeguard-scc",
        TransferSafeguard::BindingCorporateRules => "statement-safeguard-bcr",
        TransferSafeguard::CodeOrCertification => "statement-safeguard-code",
        TransferSafeguard::Derogation => "statement-safeguard-derogation",
    })
}

fn labelled(tr: Tr, key: &str, value: &str) -> String {
    format!("{}: {}", tr.t(key), value)
}

fn activity_blocks(tr: Tr, a: &ActivityPart, out: &mut Vec<Block>) {
    out.push(Block::Subheading(a.name.clone()));
    let mut items = Vec::new();
    let purpose = if a.purpose_text.is_empty() {
        a.purposes
            .iter()
            .map(|p| tr.t(&p.label_key()).to_owned())
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        a.purpose_text.clone()
    };
    items.push(labelled(tr, "statement-purpose", &purpose));
    let mut basis = format!(
        "{} ({} {})",
        tr.t(&a.lawful_basis.label_key()),
        a.lawful_basis.article(),
        tr.t("statement-gdpr")
    );
    if let Some(g) = a.special_ground {
        basis.push_str(&format!(
            "; {} ({} {})",
            tr.t(&g.label_key()),
            g.article(),
            tr.t("statement-gdpr")
        ));
    }
    items.push(labelled(tr, "statement-basis", &basis));
    if let Some(interest) = &a.legitimate_interest {
        items.push(labelled(tr, "statement-legitimate-interest", interest));
    }
    if !a.categories.is_empty() {
        let cats: Vec<String> = a
            .categories
            .iter()
            .map(|c| tr.t(&c.label_key()).to_owned())
            .collect();
        items.push(labelled(tr, "statement-categories", &cats.join(", ")));
    }
    if let Some(source) = &a.source {
        items.push(labelled(tr, "statement-source", source));
    }
    if a.recipients.is_empty() {
        items.push(labelled(
            tr,
            "statement-recipients",
            tr.t("statement-recipients-none"),
        ));
    } else {
        items.push(labelled(
            tr,
            "statement-recipients",
            &a.recipients.join(", "),
        ));
    }
    for (country, s) in &a.transfers {
        items.push(tr.t_with(
            "statement-transfer-line",
            &[("country", country), ("safeguard", safeguard(tr, *s))],
        ));
    }
    let retention: Vec<String> = a.retention.iter().map(|r| retention_line(tr, r)).collect();
    items.push(labelled(tr, "statement-retention", &retention.join("; ")));
    match &a.provision {
        Some(Provision::Own(text)) => items.push(labelled(tr, "statement-provision", text)),
        Some(Provision::ForBasis(basis)) => {
            let key = format!("statement-provision-{}", basis.as_str().replace('_', "-"));
            items.push(labelled(tr, "statement-provision", tr.t(&key)));
        }
        None => {}
    }
    items.push(if a.automated_decisions.is_empty() {
        tr.t("statement-automated-none").to_owned()
    } else {
        labelled(tr, "statement-automated", &a.automated_decisions)
    });
    if a.consent_withdrawable {
        items.push(tr.t("statement-withdraw-consent").to_owned());
    }
    out.push(Block::List(items));
}

fn blocks(tr: Tr, c: &StatementContent, version: i64, published: &str) -> Vec<Block> {
    let name = c.controller.name.as_str();
    let mut out = vec![
        Block::Para(tr.t_with("statement-intro", &[("controller", name)])),
        Block::Para(tr.t_with(
            "statement-version-line",
            &[("version", &version.to_string()), ("date", published)],
        )),
        Block::Heading(tr.t("statement-contact-heading").to_owned()),
    ];
    let cc = &c.controller;
    let registration_key = match c.jurisdiction {
        Jurisdiction::Nl => "statement-registration-nl",
        Jurisdiction::Be => "statement-registration-be",
    };
    let contact: Vec<String> = [
        ("statement-name", cc.name.as_str()),
        ("statement-address", cc.address.as_str()),
        ("statement-email", cc.email.as_str()),
        ("statement-phone", cc.phone.as_str()),
        ("statement-website", cc.website.as_str()),
        (registration_key, cc.registration_number.as_str()),
        ("statement-representative", cc.representative.as_str()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| labelled(tr, k, v))
    .collect();
    out.push(Block::List(contact));
    if let Some(d) = &c.dpo {
        let reach: Vec<&str> = [d.email.as_str(), d.phone.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        out.push(Block::Para(tr.t_with(
            "statement-dpo",
            &[("name", &d.name), ("contact", &reach.join(", "))],
        )));
    }
    out.push(Block::Heading(
        tr.t("statement-processing-heading").to_owned(),
    ));
    out.push(Block::Para(tr.t("statement-processing-intro").to_owned()));
    for a in &c.activities {
        activity_blocks(tr, a, &mut out);
    }
    out.push(Block::Heading(tr.t("statement-rights-heading").to_owned()));
    out.push(Block::Para(tr.t("statement-rights-intro").to_owned()));
    out.push(Block::List(
        [
            "statement-right-access",
            "statement-right-rectification",
            "statement-right-erasure",
            "statement-right-restriction",
            "statement-right-portability",
            "statement-right-objection",
        ]
        .iter()
        .map(|k| tr.t(k).to_owned())
        .collect(),
    ));
    let reach = if cc.email.is_empty() {
        cc.address.as_str()
    } else {
        cc.email.as_str()
    };
    out.push(Block::Para(
        tr.t_with("statement-rights-how", &[("contact", reach)]),
    ));
    if c.objection_rights() {
        out.push(Block::Heading(
            tr.t("statement-objection-heading").to_owned(),
        ));
        let mut names_general = Vec::new();
        let mut names_marketing = Vec::new();
        for a in &c.activities {
            match a.objection {
                ObjectionRight::OnGroundsOfSituation => names_general.push(a.name.clone()),
                ObjectionRight::DirectMarketing => names_marketing.push(a.name.clone()),
                ObjectionRight::None => {}
            }
        }
        if !names_general.is_empty() {
            out.push(Block::Para(tr.t_with(
                "statement-objection-general",
                &[("activities", &names_general.join(", "))],
            )));
        }
        if !names_marketing.is_empty() {
            out.push(Block::Para(tr.t_with(
                "statement-objection-marketing",
                &[("activities", &names_marketing.join(", "))],
            )));
        }
    }
    out.push(Block::Heading(
        tr.t("statement-complaint-heading").to_owned(),
    ));
    out.push(Block::Para(tr.t_with(
        "statement-complaint",
        &[("authority", c.jurisdiction.supervisory_authority())],
    )));
    out
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Markdown escaping for text from the register: characters that would start emphasis, links, headings or HTML.
fn escape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(if ch == '\n' { ' ' } else { ch });
    }
    out
}

/// The statement's title in this language.
pub fn title(tr: Tr, content: &StatementContent) -> String {
    tr.t_with(
        "statement-title",
        &[("controller", &content.controller.name)],
    )
}

/// The statement as an HTML fragment (no page around it: the public page, the embed and the preview wrap it).
pub fn html(tr: Tr, content: &StatementContent, version: i64, published: &str) -> String {
    let mut out = format!(
        "<article class=\"privacy-statement\" lang=\"{}\">\n<h1>{}</h1>\n",
        tr.code(),
        escape_html(&title(tr, content))
    );
    for b in blocks(tr, content, version, published) {
        match b {
            Block::Heading(t) => out.push_str(&format!("<h2>{}</h2>\n", escape_html(&t))),
            Block::Subheading(t) => out.push_str(&format!("<h3>{}</h3>\n", escape_html(&t))),
            Block::Para(t) => out.push_str(&format!("<p>{}</p>\n", escape_html(&t))),
            Block::List(items) => {
                out.push_str("<ul>\n");
                for i in items {
                    out.push_str(&format!("<li>{}</li>\n", escape_html(&i)));
                }
                out.push_str("</ul>\n");
            }
        }
    }
    out.push_str("</article>\n");
    out
}

/// The statement as Markdown.
pub fn markdown(tr: Tr, content: &StatementContent, version: i64, published: &str) -> String {
    let mut out = format!("# {}\n\n", escape_md(&title(tr, content)));
    for b in blocks(tr, content, version, published) {
        match b {
            Block::Heading(t) => out.push_str(&format!("## {}\n\n", escape_md(&t))),
            Block::Subheading(t) => out.push_str(&format!("### {}\n\n", escape_md(&t))),
            Block::Para(t) => out.push_str(&format!("{}\n\n", escape_md(&t))),
            Block::List(items) => {
                for i in items {
                    out.push_str(&format!("- {}\n", escape_md(&i)));
                }
                out.push('\n');
            }
        }
    }
    out
}
