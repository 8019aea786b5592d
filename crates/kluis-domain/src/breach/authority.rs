//! The notification to the supervisory authority, pre-filled in the order of its own form: the Dutch AP's
//! meldformulier (sections 0 to 9) and the Belgian GBA's two parts (part 1 within 72 hours, part 2 the scope,
//! cause and impact). The authorities take notifications only through their portals, so each answer is a value
//! ready to copy into the question of the same number; the web and the PDF word the questions through the UI
//! catalogue (`breach-form-<question key>`).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::incident::{AffectedCounts, BreachCause, BreachNature, DataEvent, Timeline};
use super::risk::{Decision, PeopleException, RiskLevel};
use crate::register::{CategoryNature, DataCategory, DataSubjectCategory, Jurisdiction};

/// Who reports, as the AP requires it (name, function and phone are mandatory).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reporter {
    pub organisation: String,
    pub registration_number: String,
    pub name: String,
    pub function: String,
    pub phone: String,
    pub email: String,
    /// The DPO, when the organisation has one (Art. 33(3)(b)).
    pub dpo: Option<String>,
}

/// Everything the forms ask about one breach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BreachReport {
    pub reporter: Reporter,
    /// Another organisation involved (a processor), by name.
    pub other_organisation: Option<String>,
    /// A follow-up to an earlier notification: its reference.
    pub follow_up_of: Option<String>,
    pub summary: String,
    pub timeline: Timeline,
    pub nature: Vec<BreachNature>,
    pub events: Vec<DataEvent>,
    pub cause: BreachCause,
    pub cause_description: String,
    pub categories: Vec<DataCategory>,
    pub subjects: Vec<DataSubjectCategory>,
    pub counts: AffectedCounts,
    /// Were the data encrypted, hashed or otherwise unintelligible (AP section 6)?
    pub unintelligible: bool,
    pub measures_before: String,
    pub consequences: String,
    pub decision: Decision,
    /// When and how the people were told, if they were.
    pub people_told_at: Option<OffsetDateTime>,
    pub people_told_how: String,
    pub measures_after: String,
    /// People in other EU member states are affected (the lead authority may differ).
    pub cross_border: bool,
    pub other: String,
}

/// An answer as the form takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Answer {
    Text(String),
    YesNo(bool),
    Moment(OffsetDateTime),
    Count(u64),
    /// Vocabulary keys (natures, events, categories…), worded by the catalogue.
    Choices(Vec<String>),
    /// Not known (yet): the form allows it, and a follow-up fills it in.
    Unknown,
}

/// One question of a form: its stable key (the catalogue words it) and the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    pub key: &'static str,
    pub answer: Answer,
}

/// One section (AP) or part (GBA) of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// "0" to "9" for the AP, "1" and "2" for the GBA.
    pub number: &'static str,
    pub key: &'static str,
    pub questions: Vec<Question>,
}

/// A pre-filled notification form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthorityForm {
    pub authority: Jurisdiction,
    pub sections: Vec<Section>,
}

fn q(key: &'static str, answer: Answer) -> Question {
    Question { key, answer }
}

fn text(s: &str) -> Answer {
    if s.trim().is_empty() {
        Answer::Unknown
    } else {
        Answer::Text(s.trim().to_owned())
    }
}

fn keys<T: std::fmt::Display>(items: &[T]) -> Answer {
    Answer::Choices(items.iter().map(ToString::to_string).collect())
}

fn moment(at: Option<OffsetDateTime>) -> Answer {
    at.map_or(Answer::Unknown, Answer::Moment)
}

/// The AP's kind of data (section 4) a category falls under, as a key: the form asks them as ticks.
fn ap_data_kind(c: &DataCategory) -> &'static str {
    let key = c.key();
    match c.nature {
        CategoryNature::Special(_) => "special",
        CategoryNature::Criminal => "criminal",
        CategoryNature::NationalId => "bsn",
        CategoryNature::Ordinary => {
            if key == "user.name" || key.starts_with("user.contact.address") {
                "name_address"
            } else if key == "user.contact.phone_number" {
                "phone"
            } else if key == "user.contact.email" {
                "email"
            } else if key.starts_with("user.authorization") || key.starts_with("user.account") {
                "login"
            } else if key.starts_with("user.financial") || key == "user.payment" {
                "financial"
            } else if key.starts_with("user.government_id") {
                "id_copy"
            } else if key == "user.demographic.date_of_birth" || key == "user.demographic.gender" {
                "birth_gender"
            } else {
                "other"
            }
        }
    }
}

/// The AP's kinds of data the categories fall under, each once, in the order first met.
pub fn ap_data_kinds(categories: &[DataCategory]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for kind in categories.iter().map(ap_data_kind) {
        if !out.contains(&kind) {
            out.push(kind);
        }
    }
    out
}

/// Why the people were not told, as the AP asks it (section 8).
fn not_told_reason(d: &Decision) -> Answer {
    match d.people_exception {
        Some(e) => Answer::Text(format!(
            "{} {}",
            e.article(),
            d.exception_explanation.trim()
        )),
        None if d.risk != RiskLevel::High => Answer::Choices(vec![format!("risk_{}", d.risk)]),
        None => Answer::Unknown,
    }
}

/// The AP's meldformulier, sections 0 to 9, pre-filled from `r`.
pub fn ap_form(r: &BreachReport) -> AuthorityForm {
    let d = &r.decision;
    let told = r.people_told_at.is_some();
    let sections = vec![
        Section {
            number: "0",
            key: "about",
            questions: vec![
                q("follow_up", Answer::YesNo(r.follow_up_of.is_some())),
                q(
                    "earlier_reference",
                    r.follow_up_of.as_deref().map_or(Answer::Unknown, text),
                ),
            ],
        },
        Section {
            number: "1",
            key: "contact",
            questions: vec![
                q("organisation", text(&r.reporter.organisation)),
                q("registration_number", text(&r.reporter.registration_number)),
                q("reporter_name", text(&r.reporter.name)),
                q("reporter_function", text(&r.reporter.function)),
                q("reporter_phone", text(&r.reporter.phone)),
                q("reporter_email", text(&r.reporter.email)),
                q(
                    "dpo",
                    r.reporter.dpo.as_deref().map_or(Answer::Unknown, text),
                ),
                q(
                    "other_organisation",
                    r.other_organisation
                        .as_deref()
                        .map_or(Answer::YesNo(false), text),
                ),
            ],
        },
        Section {
            number: "2",
            key: "timeline",
            questions: vec![
                q("summary", text(&r.summary)),
                q("started_at", moment(r.timeline.started_at)),
                q("ended_at", moment(r.timeline.ended_at)),
                q("ongoing", Answer::YesNo(r.timeline.ended_at.is_none())),
                q("discovered_at", Answer::Moment(r.timeline.discovered_at)),
                q("aware_at", Answer::Moment(r.timeline.aware_at)),
                q("delay_reason", text(&d.delay_reason)),
            ],
        },
        Section {
            number: "3",
            key: "breach",
            questions: vec![
                q("events", keys(&r.events)),
                q("cause", Answer::Choices(vec![r.cause.to_string()])),
                q("cause_description", text(&r.cause_description)),
            ],
        },
        Section {
            number: "4",
            key: "data",
            questions: vec![
                q(
                    "data_kinds",
                    Answer::Choices(
                        ap_data_kinds(&r.categories)
                            .into_iter()
                            .map(str::to_owned)
                            .collect(),
                    ),
                ),
                q(
                    "categories",
                    Answer::Choices(r.categories.iter().map(|c| c.key().to_owned()).collect()),
                ),
                q("records", Answer::Count(r.counts.records)),
            ],
        },
        Section {
            number: "5",
            key: "people",
            questions: vec![
                q(
                    "subjects",
                    Answer::Choices(r.subjects.iter().map(|s| s.key().to_owned()).collect()),
                ),
                q("people_min", Answer::Count(r.counts.people_min)),
                q("people_max", Answer::Count(r.counts.people_max)),
            ],
        },
        Section {
            number: "6",
            key: "measures_before",
            questions: vec![
                q("unintelligible", Answer::YesNo(r.unintelligible)),
                q("measures_before", text(&r.measures_before)),
            ],
        },
        Section {
            number: "7",
            key: "consequences",
            questions: vec![
                q("nature", keys(&r.nature)),
                q("consequences", text(&r.consequences)),
                q("risk", Answer::Choices(vec![d.risk.to_string()])),
                q("rationale", text(&d.rationale)),
            ],
        },
        Section {
            number: "8",
            key: "follow_up",
            questions: vec![
                q("people_told", Answer::YesNo(told)),
                q("people_told_at", moment(r.people_told_at)),
                q("people_told_how", text(&r.people_told_how)),
                q(
                    "people_not_told_reason",
                    if told {
                        Answer::Unknown
                    } else {
                        not_told_reason(d)
                    },
                ),
                q(
                    "public_communication",
                    Answer::YesNo(
                        d.public_communication
                            && d.people_exception == Some(PeopleException::DisproportionateEffort),
                    ),
                ),
                q("measures_after", text(&r.measures_after)),
                q("cross_border", Answer::YesNo(r.cross_border)),
            ],
        },
        Section {
            number: "9",
            key: "other",
            questions: vec![q("other", text(&r.other))],
        },
    ];
    AuthorityForm {
        authority: Jurisdiction::Nl,
        sections,
    }
}

/// The GBA's form: part 1, the core within 72 hours (it returns a DBN reference), and part 2, the scope, the
/// cause and the impact, which may follow.
pub fn gba_form(r: &BreachReport) -> AuthorityForm {
    let d = &r.decision;
    let part1 = Section {
        number: "1",
        key: "core",
        questions: vec![
            q("organisation", text(&r.reporter.organisation)),
            q("registration_number", text(&r.reporter.registration_number)),
            q("reporter_name", text(&r.reporter.name)),
            q("reporter_function", text(&r.reporter.function)),
            q("reporter_phone", text(&r.reporter.phone)),
            q("reporter_email", text(&r.reporter.email)),
            q(
                "dpo",
                r.reporter.dpo.as_deref().map_or(Answer::Unknown, text),
            ),
            q("summary", text(&r.summary)),
            q("aware_at", Answer::Moment(r.timeline.aware_at)),
            q("delay_reason", text(&d.delay_reason)),
            q("nature", keys(&r.nature)),
            q("people_max", Answer::Count(r.counts.people_max)),
            q("risk", Answer::Choices(vec![d.risk.to_string()])),
        ],
    };
    let part2 = Section {
        number: "2",
        key: "details",
        questions: vec![
            q(
                "earlier_reference",
                r.follow_up_of.as_deref().map_or(Answer::Unknown, text),
            ),
            q("started_at", moment(r.timeline.started_at)),
            q("ended_at", moment(r.timeline.ended_at)),
            q("discovered_at", Answer::Moment(r.timeline.discovered_at)),
            q("events", keys(&r.events)),
            q("cause", Answer::Choices(vec![r.cause.to_string()])),
            q("cause_description", text(&r.cause_description)),
            q(
                "categories",
                Answer::Choices(r.categories.iter().map(|c| c.key().to_owned()).collect()),
            ),
            q(
                "subjects",
                Answer::Choices(r.subjects.iter().map(|s| s.key().to_owned()).collect()),
            ),
            q("people_min", Answer::Count(r.counts.people_min)),
            q("records", Answer::Count(r.counts.records)),
            q("unintelligible", Answer::YesNo(r.unintelligible)),
            q("measures_before", text(&r.measures_before)),
            q("consequences", text(&r.consequences)),
            q("rationale", text(&d.rationale)),
            q("people_told", Answer::YesNo(r.people_told_at.is_some())),
            q(
                "people_not_told_reason",
                if r.people_told_at.is_some() {
                    Answer::Unknown
                } else {
                    not_told_reason(d)
                },
            ),
            q("measures_after", text(&r.measures_after)),
            q("cross_border", Answer::YesNo(r.cross_border)),
        ],
    };
    AuthorityForm {
        authority: Jurisdiction::Be,
        sections: vec![part1, part2],
    }
}

/// The form of the organisation's authority.
pub fn authority_form(r: &BreachReport, jurisdiction: Jurisdiction) -> AuthorityForm {
    match jurisdiction {
        Jurisdiction::Nl => ap_form(r),
        Jurisdiction::Be => gba_form(r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn cat(key: &str) -> DataCategory {
        key.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    fn report() -> BreachReport {
        BreachReport {
            reporter: Reporter {
                organisation: "Bakkerij De Korenschoof B.V.".into(),
                registration_number: "12345678".into(),
                name: "Sanne de Vries".into(),
                function: "Office manager".into(),
                phone: "0123-456789".into(),
                email: "privacy@korenschoof.example".into(),
                dpo: None,
            },
            other_organisation: None,
            follow_up_of: None,
            summary: "A laptop with the payroll export was stolen from a car.".into(),
            timeline: Timeline {
                started_at: Some(datetime!(2026-12-05 18:00 UTC)),
                ended_at: None,
                discovered_at: datetime!(2026-12-06 08:00 UTC),
                aware_at: datetime!(2026-12-06 09:00 UTC),
            },
            nature: vec![BreachNature::Confidentiality, BreachNature::Availability],
            events: vec![DataEvent::Stolen],
            cause: BreachCause::LostOrStolenDevice,
            cause_description: String::new(),
            categories: vec![
                cat("user.name"),
                cat("user.government_id.national_identification_number.bsn"),
                cat("user.financial.bank_account"),
            ],
            subjects: vec!["employee".parse().expect("subject")],
            counts: AffectedCounts {
                people_min: 9,
                people_max: 9,
                records: 9,
            },
            unintelligible: false,
            measures_before: "Password on the account, no disk encryption.".into(),
            consequences: "Identity fraud with the BSN and bank details is possible.".into(),
            decision: Decision {
                risk: RiskLevel::High,
                rationale: "BSN and IBAN of all staff, not encrypted.".into(),
                notify_authority: true,
                notify_people: true,
                people_exception: None,
                exception_explanation: String::new(),
                public_communication: false,
                delay_reason: String::new(),
                decided_at: datetime!(2026-12-06 11:00 UTC),
            },
            people_told_at: None,
            people_told_how: String::new(),
            measures_after: "Passwords changed; the bank and staff informed.".into(),
            cross_border: false,
            other: String::new(),
        }
    }

    fn answer<'a>(f: &'a AuthorityForm, section: &str, key: &str) -> &'a Answer {
        f.sections
            .iter()
            .find(|s| s.number == section)
            .and_then(|s| s.questions.iter().find(|q| q.key == key))
            .map(|q| &q.answer)
            .unwrap_or_else(|| panic!("no question {section}/{key}"))
    }

    #[test]
    fn the_ap_form_has_sections_zero_to_nine_in_order() {
        let f = ap_form(&report());
        let numbers: Vec<_> = f.sections.iter().map(|s| s.number).collect();
        assert_eq!(numbers, ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
        assert_eq!(answer(&f, "2", "ongoing"), &Answer::YesNo(true));
        assert_eq!(
            answer(&f, "2", "aware_at"),
            &Answer::Moment(datetime!(2026-12-06 09:00 UTC))
        );
        assert_eq!(answer(&f, "5", "people_max"), &Answer::Count(9));
        assert_eq!(answer(&f, "6", "unintelligible"), &Answer::YesNo(false));
        assert_eq!(answer(&f, "1", "dpo"), &Answer::Unknown);
        let Answer::Choices(kinds) = answer(&f, "4", "data_kinds") else {
            panic!("data kinds")
        };
        assert_eq!(kinds, &["name_address", "bsn", "financial"]);
        // High risk, not told yet and no exception: the reason is still open.
        assert_eq!(answer(&f, "8", "people_not_told_reason"), &Answer::Unknown);
    }

    #[test]
    fn the_gba_form_has_two_parts_and_the_reason_not_to_tell_is_the_exception() {
        let mut r = report();
        r.decision.notify_people = false;
        r.decision.people_exception = Some(PeopleException::Unintelligible);
        r.decision.exception_explanation = "The export was encrypted.".into();
        let f = authority_form(&r, Jurisdiction::Be);
        assert_eq!(f.authority, Jurisdiction::Be);
        assert_eq!(f.sections.len(), 2);
        assert_eq!(
            answer(&f, "2", "people_not_told_reason"),
            &Answer::Text("Art. 34(3)(a) The export was encrypted.".into())
        );
        assert_eq!(
            answer(&f, "1", "risk"),
            &Answer::Choices(vec!["high".into()])
        );
        let json = serde_json::to_string(&f).expect("json");
        assert!(json.contains("\"type\":\"moment\""), "{json}");
    }
}
