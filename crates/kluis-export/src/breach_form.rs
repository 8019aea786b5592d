//! The notification of a personal data breach to the supervisory authority, as PDF and JSON: the domain's
//! pre-filled form (the AP's sections 0-9, the GBA's two parts) with every question worded by the catalogue and
//! every answer written out ready to copy into the authority's portal.

use crate::labels;
use crate::layout::{self, BODY, Layout, Weight};
use crate::{Export, ExportError, Lang};
use kluis_domain::breach::authority::{Answer, AuthorityForm, Question};
use kluis_domain::calendar;
use kluis_domain::register::{DataCategory, DataSubjectCategory, Jurisdiction};
use kluis_i18n::Tr;
use krilla::metadata::Metadata;
use serde::Serialize;
use serde_json::{Value, json};
use time::{Duration, OffsetDateTime};

/// The version of the notification JSON's shape; raised when a field changes meaning or disappears.
pub const BREACH_JSON_FORMAT_VERSION: u32 = 1;

/// A format the notification to the authority is rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BreachFormat {
    /// A4 document with every question and its answer, in the form's order.
    Pdf,
    /// The same in a stable shape (see [`render_breach_notification`]).
    Json,
}

impl BreachFormat {
    pub const fn content_type(self) -> &'static str {
        match self {
            BreachFormat::Pdf => "application/pdf",
            BreachFormat::Json => "application/json",
        }
    }

    pub const fn extension(self) -> &'static str {
        match self {
            BreachFormat::Pdf => "pdf",
            BreachFormat::Json => "json",
        }
    }
}

/// What a breach document prints besides the breach itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreachDocMeta<'a> {
    /// The organisation (controller) as Kluis knows it.
    pub organisation: &'a str,
    /// Kluis's breach number, e.g. `2026-003`.
    pub reference: &'a str,
    /// When the document is made; printed in the organisation's local time.
    pub generated_at: OffsetDateTime,
    /// `initial` or `follow_up` (the domain's `NotificationPhase`; `withdrawal` is worded too).
    pub phase: &'a str,
}

/// The catalogue key of a form question's wording: `breach-form-` and the domain's question key with hyphens
/// (`people_min` → `breach-form-people-min`). The pages word the questions with the same keys.
pub fn breach_question_label_key(question_key: &str) -> String {
    format!("breach-form-{}", question_key.replace('_', "-"))
}

/// The catalogue key of a section's (AP) or part's (GBA) title: `breach-form-section-<key>`.
pub fn breach_section_label_key(section_key: &str) -> String {
    format!("breach-form-section-{}", section_key.replace('_', "-"))
}

fn hyphens(s: &str) -> String {
    s.replace('_', "-")
}

/// One choice in words: the vocabulary of the question it answers decides which label.
fn choice(tr: Tr, question: &str, value: &str) -> String {
    let key = match question {
        "events" => format!("breach-event-{}", hyphens(value)),
        "cause" => format!("breach-cause-{}", hyphens(value)),
        "nature" => format!("breach-nature-{}", hyphens(value)),
        "data_kinds" => format!("breach-data-kind-{}", hyphens(value)),
        "risk" => format!("breach-risk-{}", hyphens(value)),
        // The domain's reason not to tell the people when the risk is not high: `risk_unlikely`, `risk_risk`.
        "people_not_told_reason" => match value.strip_prefix("risk_") {
            Some(level) => format!("breach-form-not-told-risk-{}", hyphens(level)),
            None => return value.to_owned(),
        },
        "categories" => {
            return match value.parse::<DataCategory>() {
                Ok(c) => labels::category(tr, c),
                Err(_) => value.to_owned(),
            };
        }
        "subjects" => {
            return match value.parse::<DataSubjectCategory>() {
                Ok(s) => labels::subject(tr, s),
                Err(_) => value.to_owned(),
            };
        }
        _ => return value.to_owned(),
    };
    // A value outside the vocabulary (a newer Kluis's data) prints as itself rather than failing the document.
    labels::or(tr, &key, value)
}

/// A moment in the organisation's local time (CET/CEST, the same in NL and BE), as the portals ask it:
/// "6 december 2026 om 10:00 uur (UTC+1)".
pub(crate) fn local_moment(tr: Tr, at: OffsetDateTime, jurisdiction: Jurisdiction) -> String {
    let offset = calendar::local_offset(at, jurisdiction);
    let local = at.to_offset(offset);
    tr.t_with(
        "breach-doc-moment",
        &[
            ("date", &tr.date(local.date())),
            (
                "time",
                &format!("{:02}:{:02}", local.hour(), local.minute()),
            ),
            ("zone", &format!("UTC+{}", offset.whole_hours())),
        ],
    )
}

/// The form's answers by key, for answers whose meaning depends on another (a reason "not known yet" is "not
/// applicable" when the question it explains was answered no).
struct Context<'f> {
    form: &'f AuthorityForm,
    generated_at: OffsetDateTime,
}

impl Context<'_> {
    fn answer(&self, key: &str) -> Option<&Answer> {
        self.form
            .sections
            .iter()
            .flat_map(|s| &s.questions)
            .find(|q| q.key == key)
            .map(|q| &q.answer)
    }

    fn yes(&self, key: &str) -> Option<bool> {
        match self.answer(key) {
            Some(Answer::YesNo(b)) => Some(*b),
            _ => None,
        }
    }

    /// Why an unknown answer is no gap: the question does not apply.
    fn not_applicable(&self, key: &str) -> bool {
        match key {
            "earlier_reference" => self.yes("follow_up") == Some(false),
            "people_not_told_reason" => self.yes("people_told") == Some(true),
            "people_told_at" | "people_told_how" => self.yes("people_told") == Some(false),
            // A reason for a delay is only asked after 72 hours.
            "delay_reason" => match self.answer("aware_at") {
                Some(Answer::Moment(aware)) => self.generated_at - *aware <= Duration::hours(72),
                _ => false,
            },
            _ => false,
        }
    }
}

/// The answer in words, ready to paste: choices one per line, moments in local time, counts as the language
/// writes them, and unknowns as "not known yet" (or "not applicable" where the question does not apply).
fn answer_text(tr: Tr, ctx: &Context<'_>, q: &Question) -> String {
    let jurisdiction = ctx.form.authority;
    match &q.answer {
        Answer::Text(t) => t.trim().to_owned(),
        Answer::YesNo(b) => labels::yes_no(tr, *b),
        Answer::Moment(at) => local_moment(tr, *at, jurisdiction),
        Answer::Count(n) => tr.number(i64::try_from(*n).unwrap_or(i64::MAX)),
        Answer::Choices(values) if values.is_empty() => tr.t("breach-doc-none").to_owned(),
        Answer::Choices(values) => values
            .iter()
            .map(|v| choice(tr, q.key, v))
            .collect::<Vec<_>>()
            .join("\n"),
        Answer::Unknown if q.key == "dpo" => tr.t("breach-doc-no-dpo").to_owned(),
        Answer::Unknown if ctx.not_applicable(q.key) => {
            tr.t("breach-doc-not-applicable").to_owned()
        }
        Answer::Unknown => tr.t("breach-doc-unknown").to_owned(),
    }
}

/// The answer as a value: `{type, value}` with moments in RFC 3339 (UTC) and unknowns with a null value.
fn answer_value(a: &Answer) -> Value {
    let (kind, value) = match a {
        Answer::Text(t) => ("text", json!(t)),
        Answer::YesNo(b) => ("yes_no", json!(b)),
        Answer::Moment(at) => ("moment", json!(rfc3339(*at))),
        Answer::Count(n) => ("count", json!(n)),
        Answer::Choices(v) => ("choices", json!(v)),
        Answer::Unknown => ("unknown", Value::Null),
    };
    json!({ "type": kind, "value": value })
}

pub(crate) fn rfc3339(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn phase_label(tr: Tr, phase: &str) -> String {
    labels::or(tr, &format!("breach-doc-phase-{}", hyphens(phase)), phase)
}

fn title_key(j: Jurisdiction) -> &'static str {
    match j {
        Jurisdiction::Nl => "breach-doc-title-nl",
        Jurisdiction::Be => "breach-doc-title-be",
    }
}

/// "Sectie 3: Het datalek" for the AP, "Deel 1: …" for the GBA's parts.
fn section_heading(tr: Tr, j: Jurisdiction, number: &str, title: &str) -> String {
    let key = match j {
        Jurisdiction::Nl => "breach-doc-section",
        Jurisdiction::Be => "breach-doc-part",
    };
    tr.t_with(key, &[("number", number), ("title", title)])
}

#[derive(Serialize)]
struct JsonQuestion {
    key: &'static str,
    question: String,
    answer: Value,
    text: String,
}

#[derive(Serialize)]
struct JsonSection {
    number: &'static str,
    key: &'static str,
    title: String,
    questions: Vec<JsonQuestion>,
}

#[derive(Serialize)]
struct JsonNotification<'a> {
    format_version: u32,
    /// `nl` (the AP's form) or `be` (the GBA's).
    authority: &'static str,
    authority_name: &'static str,
    language: &'static str,
    reference: &'a str,
    phase: &'a str,
    generated_at: String,
    sections: Vec<JsonSection>,
}

fn sections(tr: Tr, ctx: &Context<'_>) -> Vec<JsonSection> {
    ctx.form
        .sections
        .iter()
        .map(|s| JsonSection {
            number: s.number,
            key: s.key,
            title: tr.t(&breach_section_label_key(s.key)).to_owned(),
            questions: s
                .questions
                .iter()
                .map(|q| JsonQuestion {
                    key: q.key,
                    question: tr.t(&breach_question_label_key(q.key)).to_owned(),
                    answer: answer_value(&q.answer),
                    text: answer_text(tr, ctx, q),
                })
                .collect(),
        })
        .collect()
}

/// Renders the notification `form` in `format`, worded in `lang`.
///
/// The JSON (`format_version` 1) is `{format_version, authority, authority_name, language, reference, phase,
/// generated_at, sections: [{number, key, title, questions: [{key, question, answer: {type, value}, text}]}]}`:
/// `authority` is `nl` or `be`; `answer.type` one of `text`, `yes_no`, `moment` (RFC 3339 in UTC), `count`,
/// `choices` (vocabulary keys) or `unknown` (value null); `text` is the answer in words, ready to paste (moments
/// in the organisation's local time). Keys are the domain's and stay; titles and texts follow the language.
pub fn render_breach_notification(
    form: &AuthorityForm,
    meta: &BreachDocMeta<'_>,
    format: BreachFormat,
    lang: Lang,
) -> Result<Export, ExportError> {
    let tr = Tr::new(lang);
    let ctx = Context {
        form,
        generated_at: meta.generated_at,
    };
    let bytes = match format {
        BreachFormat::Json => {
            let doc = JsonNotification {
                format_version: BREACH_JSON_FORMAT_VERSION,
                authority: form.authority.as_str(),
                authority_name: form.authority.supervisory_authority(),
                language: lang.code(),
                reference: meta.reference.trim(),
                phase: meta.phase.trim(),
                generated_at: rfc3339(meta.generated_at),
                sections: sections(tr, &ctx),
            };
            serde_json::to_vec_pretty(&doc).map_err(|e| ExportError::Json(e.to_string()))?
        }
        BreachFormat::Pdf => pdf(tr, &ctx, meta)?,
    };
    Ok(Export {
        bytes,
        content_type: format.content_type(),
        file_name: file_name(tr, meta, format.extension()),
    })
}

/// `datalekmelding-2026-003-initial.pdf`: the breach number and phase, no one's name.
pub(crate) fn file_name(tr: Tr, meta: &BreachDocMeta<'_>, extension: &str) -> String {
    let mut name = tr.t("breach-doc-file-stem").to_owned();
    for part in [meta.reference, meta.phase] {
        let slug = labels::slug(part);
        if !slug.is_empty() {
            name.push('-');
            name.push_str(&slug);
        }
    }
    name.push('.');
    name.push_str(extension);
    name
}

fn pdf(tr: Tr, ctx: &Context<'_>, meta: &BreachDocMeta<'_>) -> Result<Vec<u8>, ExportError> {
    let fonts = layout::fonts()?;
    let j = ctx.form.authority;
    let mut l = Layout::new(fonts);
    let title = tr.t(title_key(j));
    l.space(10.0);
    l.paragraph(title, Weight::Bold, 18.0, false);
    l.space(6.0);
    l.paragraph(tr.t("breach-doc-intro"), Weight::Regular, BODY, true);
    l.space(10.0);
    l.field(tr.t("breach-doc-organisation"), meta.organisation.trim());
    l.field(tr.t("breach-doc-reference"), meta.reference.trim());
    l.field(
        tr.t("breach-doc-phase"),
        &phase_label(tr, meta.phase.trim()),
    );
    l.field(
        tr.t("breach-doc-generated-at"),
        &local_moment(tr, meta.generated_at, j),
    );
    for s in &ctx.form.sections {
        let key = breach_section_label_key(s.key);
        let title = tr.t(&key);
        l.heading(&section_heading(tr, j, s.number, title), 12.0);
        for q in &s.questions {
            l.field(
                tr.t(&breach_question_label_key(q.key)),
                &answer_text(tr, ctx, q),
            );
        }
    }
    let footer = tr.t_with(
        "breach-doc-footer",
        &[
            ("reference", meta.reference.trim()),
            ("organisation", meta.organisation.trim()),
        ],
    );
    let metadata = Metadata::new()
        .title(format!("{title} — {}", meta.reference.trim()))
        .language(tr.code().to_owned())
        .creator("Kluis".to_owned());
    l.finish(metadata, &footer, |page, total| {
        tr.t_with(
            "export-pdf-page",
            &[("page", &page.to_string()), ("total", &total.to_string())],
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use kluis_domain::breach::incident::{BreachCause, BreachNature, DataEvent};
    use kluis_domain::breach::risk::RiskLevel;

    /// Every value of the vocabularies the forms answer with has its words in both languages.
    #[test]
    fn every_choice_vocabulary_is_worded_in_both_languages() {
        let mut keys: Vec<String> = Vec::new();
        keys.extend(
            BreachNature::ALL
                .iter()
                .map(|v| format!("breach-nature-{}", hyphens(v.as_str()))),
        );
        keys.extend(
            DataEvent::ALL
                .iter()
                .map(|v| format!("breach-event-{}", hyphens(v.as_str()))),
        );
        keys.extend(
            BreachCause::ALL
                .iter()
                .map(|v| format!("breach-cause-{}", hyphens(v.as_str()))),
        );
        for level in RiskLevel::ALL {
            keys.push(format!("breach-risk-{}", hyphens(level.as_str())));
            keys.push(format!(
                "breach-form-not-told-risk-{}",
                hyphens(level.as_str())
            ));
        }
        for kind in [
            "special",
            "criminal",
            "bsn",
            "name_address",
            "phone",
            "email",
            "login",
            "financial",
            "id_copy",
            "birth_gender",
            "other",
        ] {
            keys.push(format!("breach-data-kind-{}", hyphens(kind)));
        }
        for phase in ["initial", "follow_up", "withdrawal"] {
            keys.push(format!("breach-doc-phase-{}", hyphens(phase)));
        }
        for lang in Lang::ALL {
            let tr = Tr::new(lang);
            let missing: Vec<_> = keys.iter().filter(|k| !tr.has(k)).collect();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        }
    }

    #[test]
    fn local_time_follows_summer_time() {
        let tr = Tr::new(Lang::En);
        let winter = time::macros::datetime!(2026-12-06 09:00 UTC);
        let summer = time::macros::datetime!(2026-07-06 09:00 UTC);
        assert_eq!(
            local_moment(tr, winter, Jurisdiction::Nl),
            "6 December 2026 at 10:00 (UTC+1)"
        );
        assert_eq!(
            local_moment(tr, summer, Jurisdiction::Be),
            "6 July 2026 at 11:00 (UTC+2)"
        );
    }
}
