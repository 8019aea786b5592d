//! A DPIA as an A4 PDF in the order of the CNIL method: context, fundamental principles, measures, the three
//! risks with their risk map, the action plan, the DPO's advice, the people's views, validation, review, the
//! Art. 36 prior consultation and the version history. Answers may be rich text from the CNIL PIA tool; they
//! print as plain text (`html_to_text`).

use crate::html_text::html_to_text;
use crate::layout::{self, BODY, Layout, Weight};
use crate::{ExportError, Lang, risk_map};
use kluis_domain::dpia::assessment::{
    Dpia, Estimate, Evaluation, EvaluationPoint, Question, RiskKind, RiskLevel,
};
use kluis_i18n::Tr;
use krilla::metadata::Metadata;

/// What the DPIA's PDF prints besides the DPIA: on the title page and in the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DpiaPdfMeta<'a> {
    /// The controller.
    pub organisation: &'a str,
    /// The processing activity of the register the DPIA is about, if linked.
    pub activity_name: Option<&'a str>,
    /// The day the PDF is made.
    pub generated_on: time::Date,
    /// The version of the DPIA printed (the last saved version's number, or the caller's).
    pub version: u32,
}

const OVERVIEW: [Question; 3] = [
    Question::ProcessingDescription,
    Question::Responsibilities,
    Question::Standards,
];
const DATA: [Question; 3] = [
    Question::Data,
    Question::LifeCycle,
    Question::SupportingAssets,
];
const PROPORTIONALITY: [Question; 5] = [
    Question::Purposes,
    Question::LegalBasis,
    Question::Minimisation,
    Question::Accuracy,
    Question::StorageDuration,
];
const RIGHTS: [Question; 7] = [
    Question::Information,
    Question::Consent,
    Question::AccessPortability,
    Question::RectificationErasure,
    Question::RestrictionObjection,
    Question::Processors,
    Question::Transfers,
];

fn risk_key(kind: RiskKind) -> String {
    format!("dpia-risk-{}", kind.as_str().replace('_', "-"))
}

fn level(tr: Tr, l: Option<RiskLevel>) -> String {
    match l {
        Some(l) => tr.t_with(
            "dpia-doc-level",
            &[
                ("level", &l.get().to_string()),
                ("name", tr.t(&l.label_key())),
            ],
        ),
        None => tr.t("dpia-doc-not-answered").to_owned(),
    }
}

fn yes_no(tr: Tr, b: bool) -> &'static str {
    tr.t(if b { "dpia-doc-yes" } else { "dpia-doc-no" })
}

/// A subsection title: bold, kept with the first lines of what follows.
fn subheading(l: &mut Layout<'_>, text: &str) {
    l.ensure(11.0 * layout::LEADING + 5.0 * BODY * layout::LEADING);
    l.space(6.0);
    l.paragraph(text, Weight::Bold, 11.0, false);
    l.space(2.0);
}

/// A question (bold) and its answer as plain text, or "not answered" in grey.
fn question(l: &mut Layout<'_>, tr: Tr, q: Question, answer: &str) {
    l.ensure(4.0 * BODY * layout::LEADING);
    l.space(3.0);
    l.paragraph(tr.t(&q.label_key()), Weight::Bold, BODY, false);
    let text = html_to_text(answer);
    if text.trim().is_empty() {
        l.paragraph(tr.t("dpia-doc-not-answered"), Weight::Regular, BODY, true);
    } else {
        l.paragraph(&text, Weight::Regular, BODY, false);
    }
    l.space(2.0);
}

/// The evaluation of one part: its status, the evaluator's comment, the action and the residual estimate.
fn evaluation(l: &mut Layout<'_>, tr: Tr, e: &Evaluation) {
    let status = format!("dpia-evaluation-{}", e.status.as_str().replace('_', "-"));
    l.field(tr.t("dpia-doc-evaluation"), tr.t(&status));
    if !e.comment.trim().is_empty() {
        l.field(tr.t("dpia-doc-comment"), &html_to_text(&e.comment));
    }
    let plan = &e.action_plan;
    if !plan.is_empty() {
        l.field(tr.t("dpia-doc-action"), &html_to_text(&plan.action));
        l.field(tr.t("dpia-doc-owner"), plan.owner.trim());
        l.field(
            tr.t("dpia-doc-due"),
            &plan.due.map(|d| tr.date(d)).unwrap_or_default(),
        );
    }
    l.space(2.0);
}

fn residual(l: &mut Layout<'_>, tr: Tr, e: &Estimate) {
    if e.severity.is_none() && e.likelihood.is_none() {
        return;
    }
    let text = format!(
        "{}: {}\n{}: {}",
        tr.t("dpia-doc-severity"),
        level(tr, e.severity),
        tr.t("dpia-doc-likelihood"),
        level(tr, e.likelihood)
    );
    l.field(tr.t("dpia-doc-residual"), &text);
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| html_to_text(s))
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What an action plan item is about, in words.
fn point_label(tr: Tr, dpia: &Dpia, p: &EvaluationPoint) -> String {
    match p {
        EvaluationPoint::ContextOverview => tr.t("dpia-doc-overview").to_owned(),
        EvaluationPoint::ContextData => tr.t("dpia-doc-data-processes").to_owned(),
        EvaluationPoint::Principle(q) => tr.t(&q.label_key()).to_owned(),
        EvaluationPoint::Measure(i) => dpia
            .measures
            .get(*i)
            .map(|m| html_to_text(&m.title))
            .unwrap_or_default(),
        EvaluationPoint::Risk(k) => tr.t(&risk_key(*k)).to_owned(),
    }
}

/// The whole DPIA as an A4 PDF with texts in `lang`.
pub fn render_dpia_pdf(
    dpia: &Dpia,
    meta: &DpiaPdfMeta<'_>,
    lang: Lang,
) -> Result<Vec<u8>, ExportError> {
    let fonts = layout::fonts()?;
    let tr = Tr::new(lang);
    let mut l = Layout::new(fonts);
    let title = if dpia.title.trim().is_empty() {
        meta.activity_name.unwrap_or_default().trim().to_owned()
    } else {
        dpia.title.trim().to_owned()
    };

    // Title page.
    l.space(60.0);
    l.paragraph(tr.t("dpia-doc-title"), Weight::Bold, 20.0, false);
    l.space(4.0);
    l.paragraph(tr.t("dpia-doc-subtitle"), Weight::Regular, 11.0, true);
    l.space(20.0);
    l.paragraph(&title, Weight::Bold, 15.0, false);
    l.space(12.0);
    let validation = format!(
        "dpia-validation-{}",
        dpia.validation.status.as_str().replace('_', "-")
    );
    let mut fields: Vec<(&str, String)> =
        vec![("dpia-doc-organisation", meta.organisation.trim().to_owned())];
    if let Some(a) = meta.activity_name {
        fields.push(("dpia-doc-activity", a.trim().to_owned()));
    }
    fields.extend([
        ("dpia-doc-category", dpia.category.trim().to_owned()),
        ("dpia-doc-author", dpia.author.trim().to_owned()),
        ("dpia-doc-evaluator", dpia.evaluator.trim().to_owned()),
        ("dpia-doc-validator", dpia.validator.trim().to_owned()),
        ("dpia-doc-status", tr.t(&validation).to_owned()),
        ("dpia-doc-version", meta.version.to_string()),
        ("dpia-doc-generated-on", tr.date(meta.generated_on)),
    ]);
    for (key, value) in &fields {
        l.field(tr.t(key), value);
    }

    // 1. Context.
    l.new_page();
    l.heading(tr.t("dpia-doc-context"), 14.0);
    subheading(&mut l, tr.t("dpia-doc-overview"));
    for q in OVERVIEW {
        question(&mut l, tr, q, dpia.text(q));
    }
    evaluation(&mut l, tr, &dpia.context.overview_evaluation);
    subheading(&mut l, tr.t("dpia-doc-data-processes"));
    for q in DATA {
        question(&mut l, tr, q, dpia.text(q));
    }
    evaluation(&mut l, tr, &dpia.context.data_evaluation);

    // 2. Fundamental principles, each question evaluated on its own.
    l.heading(tr.t("dpia-doc-principles"), 14.0);
    for (heading, questions) in [
        ("dpia-doc-proportionality", &PROPORTIONALITY[..]),
        ("dpia-doc-rights", &RIGHTS[..]),
    ] {
        subheading(&mut l, tr.t(heading));
        for &q in questions {
            question(&mut l, tr, q, dpia.text(q));
            if let Some(a) = dpia.principles.answer(q) {
                evaluation(&mut l, tr, &a.evaluation);
            }
        }
    }

    // 3. Risks: the measures, then each feared event, then the map.
    l.heading(tr.t("dpia-doc-risks"), 14.0);
    subheading(&mut l, tr.t("dpia-doc-measures"));
    if dpia.measures.is_empty() {
        l.paragraph(tr.t("dpia-doc-no-measures"), Weight::Regular, BODY, true);
    }
    for m in &dpia.measures {
        l.ensure(4.0 * BODY * layout::LEADING);
        l.space(3.0);
        l.paragraph(&html_to_text(&m.title), Weight::Bold, BODY, false);
        let content = html_to_text(&m.content);
        if !content.is_empty() {
            l.paragraph(&content, Weight::Regular, BODY, false);
        }
        evaluation(&mut l, tr, &m.evaluation);
    }
    for (i, &kind) in RiskKind::ALL.iter().enumerate() {
        let r = dpia.risks.get(kind);
        subheading(&mut l, &format!("3.{} {}", i + 2, tr.t(&risk_key(kind))));
        l.field(tr.t("dpia-doc-impacts"), &list(&r.impacts));
        l.field(tr.t("dpia-doc-threats"), &list(&r.threats));
        l.field(tr.t("dpia-doc-sources"), &list(&r.sources));
        l.field(tr.t("dpia-doc-risk-measures"), &list(&r.measures));
        l.field(tr.t("dpia-doc-severity"), &level(tr, r.estimate.severity));
        if !r.severity_rationale.trim().is_empty() {
            l.field(
                tr.t("dpia-doc-severity-rationale"),
                &html_to_text(&r.severity_rationale),
            );
        }
        l.field(
            tr.t("dpia-doc-likelihood"),
            &level(tr, r.estimate.likelihood),
        );
        if !r.likelihood_rationale.trim().is_empty() {
            l.field(
                tr.t("dpia-doc-likelihood-rationale"),
                &html_to_text(&r.likelihood_rationale),
            );
        }
        evaluation(&mut l, tr, &r.evaluation);
        residual(&mut l, tr, &r.evaluation.residual);
    }
    l.heading(tr.t("dpia-doc-risk-map"), 12.0);
    let map = risk_map::figure(dpia, tr);
    l.figure(map, 330.0);

    // 4. The action plan: every evaluation with an action, in the method's order.
    l.heading(tr.t("dpia-doc-action-plan"), 14.0);
    let mut any = false;
    for p in dpia.evaluation_points() {
        let Some(e) = dpia.evaluation(&p) else {
            continue;
        };
        if e.action_plan.is_empty() {
            continue;
        }
        any = true;
        subheading(&mut l, &point_label(tr, dpia, &p));
        let plan = &e.action_plan;
        l.field(tr.t("dpia-doc-action"), &html_to_text(&plan.action));
        l.field(tr.t("dpia-doc-owner"), plan.owner.trim());
        l.field(
            tr.t("dpia-doc-due"),
            &plan.due.map(|d| tr.date(d)).unwrap_or_default(),
        );
    }
    if !any {
        l.paragraph(tr.t("dpia-doc-no-actions"), Weight::Regular, BODY, true);
    }

    // 5. Opinions, validation, review and prior consultation.
    l.heading(tr.t("dpia-doc-opinions"), 14.0);
    let advice = |a: Option<kluis_domain::dpia::assessment::Advice>| {
        a.map(|a| tr.t(&format!("dpia-advice-{}", a.as_str())).to_owned())
            .unwrap_or_default()
    };
    subheading(&mut l, tr.t("dpia-doc-dpo"));
    l.field(tr.t("dpia-doc-names"), dpia.dpo.names.trim());
    l.field(tr.t("dpia-doc-advice"), &advice(dpia.dpo.advice));
    l.field(tr.t("dpia-doc-opinion"), &html_to_text(&dpia.dpo.opinion));
    subheading(&mut l, tr.t("dpia-doc-people"));
    let people = &dpia.people;
    l.field(tr.t("dpia-doc-sought"), yes_no(tr, people.sought));
    if people.sought {
        l.field(tr.t("dpia-doc-names"), people.names.trim());
        l.field(tr.t("dpia-doc-advice"), &advice(people.advice));
        l.field(tr.t("dpia-doc-opinion"), &html_to_text(&people.opinion));
    } else {
        l.field(
            tr.t("dpia-doc-not-sought-reason"),
            &html_to_text(&people.not_sought_reason),
        );
    }
    subheading(&mut l, tr.t("dpia-doc-validation"));
    let v = &dpia.validation;
    l.field(tr.t("dpia-doc-status"), tr.t(&validation));
    if !v.rejection_reason.trim().is_empty() {
        l.field(
            tr.t("dpia-doc-rejection-reason"),
            &html_to_text(&v.rejection_reason),
        );
    }
    if !v.applied_adjustments.trim().is_empty() {
        l.field(
            tr.t("dpia-doc-applied-adjustments"),
            &html_to_text(&v.applied_adjustments),
        );
    }
    l.field(
        tr.t("dpia-doc-validated-on"),
        &v.validated_on.map(|d| tr.date(d)).unwrap_or_default(),
    );
    l.field(
        tr.t("dpia-doc-review-on"),
        &dpia.review_on.map(|d| tr.date(d)).unwrap_or_default(),
    );
    subheading(&mut l, tr.t("dpia-doc-prior-consultation"));
    l.field(
        tr.t("dpia-doc-prior-consultation-indicated"),
        yes_no(tr, dpia.prior_consultation_indicated()),
    );
    l.field(
        tr.t("dpia-doc-prior-consultation-decided"),
        yes_no(tr, dpia.prior_consultation),
    );

    // Version history.
    l.heading(tr.t("dpia-doc-versions"), 12.0);
    if dpia.versions.is_empty() {
        l.paragraph(tr.t("dpia-doc-no-versions"), Weight::Regular, BODY, true);
    }
    for version in &dpia.versions {
        let label = tr.t_with(
            "dpia-doc-version-line",
            &[
                ("number", &version.number.to_string()),
                ("date", &tr.date(version.saved_on)),
            ],
        );
        l.field(&label, version.note.trim());
    }

    let footer = tr.t_with(
        "dpia-doc-footer",
        &[("title", &title), ("version", &meta.version.to_string())],
    );
    let metadata = Metadata::new()
        .title(format!("{} — {title}", tr.t("dpia-doc-title")))
        .language(tr.code().to_owned())
        .creator("Kluis".to_owned());
    l.finish(metadata, &footer, |page, total| {
        tr.t_with(
            "export-pdf-page",
            &[("page", &page.to_string()), ("total", &total.to_string())],
        )
    })
}
