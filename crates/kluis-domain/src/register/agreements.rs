//! Rules over recipients and their processing agreements (Art. 28, Chapter V): where a recipient's agreement
//! stands on a date, which countries are in the EEA, and which transfers lack a safeguard.

use time::{Date, Duration};

use super::model::{ProcessingAgreement, Recipient, RecipientRole};

vocabulary! {
    /// A staff measure on record for a member (Art. 28(3)(b), Art. 32(4), Art. 39(1)(b)): "staff awareness" kept
    /// as evidence.
    StaffMeasureKind {
        /// A signed confidentiality declaration (geheimhoudingsverklaring).
        ConfidentialityDeclaration => "confidentiality_declaration",
        /// A privacy training or awareness session attended.
        PrivacyTraining => "privacy_training",
    }
}

/// How far ahead an expiry or review date counts as "soon" for the warnings.
pub const EXPIRY_WARNING_DAYS: i64 = 60;

/// Where a recipient's processing agreement stands on a date, worst first in the order the check ranks them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgreementState {
    /// Not a processor: Art. 28 does not ask for an agreement.
    NotNeeded,
    /// A processor without any agreement on record.
    Missing,
    /// Every agreement on record has ended.
    Expired {
        on: Date,
    },
    /// The best agreement lacks points of Art. 28(3)(a)-(h), named by their letters.
    Incomplete {
        missing: Vec<char>,
    },
    /// Valid, but it ends or is due for review within the warning window.
    Expiring {
        on: Date,
    },
    Valid,
}

impl AgreementState {
    /// Stable key, for catalogue messages, badges and the API.
    pub fn key(&self) -> &'static str {
        match self {
            AgreementState::NotNeeded => "not_needed",
            AgreementState::Missing => "missing",
            AgreementState::Expired { .. } => "expired",
            AgreementState::Incomplete { .. } => "incomplete",
            AgreementState::Expiring { .. } => "expiring",
            AgreementState::Valid => "valid",
        }
    }

    /// Whether the processor lacks a valid agreement (missing, expired or incomplete): the compliance finding.
    pub fn is_wanting(&self) -> bool {
        matches!(
            self,
            AgreementState::Missing
                | AgreementState::Expired { .. }
                | AgreementState::Incomplete { .. }
        )
    }
}

/// Whether an agreement is in force on `today`: ended agreements (expiry date before today) are not. An
/// agreement signed in the future is treated as in force, since the organisation has it on record.
fn in_force(a: &ProcessingAgreement, today: Date) -> bool {
    a.expires_on.is_none_or(|end| end >= today)
}

/// The first date within `window_days` of `today` at which the agreement ends or is due for review.
fn due_soon(a: &ProcessingAgreement, today: Date, window_days: i64) -> Option<Date> {
    let horizon = today.checked_add(Duration::days(window_days))?;
    [a.expires_on, a.review_on]
        .into_iter()
        .flatten()
        .filter(|d| *d <= horizon)
        .min()
}

/// The state of `recipient`'s agreements on `today`. Of several agreements the best one counts: a complete one
/// in force wins over an incomplete one; among those, the one that lasts longest.
pub fn agreement_state(recipient: &Recipient, today: Date, window_days: i64) -> AgreementState {
    if recipient.role != RecipientRole::Processor {
        return AgreementState::NotNeeded;
    }
    // An agreement is what was signed (Art. 28(9): in writing); a draft without a signing date is not one yet.
    let signed: Vec<&ProcessingAgreement> = recipient
        .agreements
        .iter()
        .filter(|a| a.signed_on.is_some())
        .collect();
    if signed.is_empty() {
        return AgreementState::Missing;
    }
    let current: Vec<&ProcessingAgreement> = signed
        .iter()
        .copied()
        .filter(|a| in_force(a, today))
        .collect();
    if current.is_empty() {
        let on = signed
            .iter()
            .filter_map(|a| a.expires_on)
            .max()
            .unwrap_or(today);
        return AgreementState::Expired { on };
    }
    // Complete ones first; then the one whose end lies furthest ahead (none = open-ended, best).
    let best = current.iter().copied().max_by_key(|a| {
        (
            a.checklist.missing().is_empty(),
            a.expires_on.is_none(),
            a.expires_on,
            a.review_on.is_none(),
            a.review_on,
        )
    });
    let Some(best) = best else {
        return AgreementState::Missing;
    };
    let missing = best.checklist.missing();
    if !missing.is_empty() {
        return AgreementState::Incomplete { missing };
    }
    match due_soon(best, today, window_days) {
        Some(on) => AgreementState::Expiring { on },
        None => AgreementState::Valid,
    }
}

/// The EEA: the 27 EU member states plus Iceland, Liechtenstein and Norway (ISO 3166-1 alpha-2; Greece as
/// both GR and the EU's own EL).
const EEA: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "EL", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];

/// Whether `country` (ISO 3166-1 alpha-2, any case, surrounding blanks ignored) is in the EEA. An empty or
/// unknown code is not: a transfer there must be looked at.
pub fn is_eea(country: &str) -> bool {
    let code = country.trim().to_ascii_uppercase();
    EEA.contains(&code.as_str())
}

/// A transfer outside the EEA that has no safeguard on record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsafeTransfer {
    /// The sub-processor's name, or `None` for the recipient itself.
    pub sub_processor: Option<String>,
    pub country: String,
}

/// The transfers of `recipient` outside the EEA without a safeguard: the recipient's own establishment, and each
/// sub-processor's. A sub-processor's transfer is covered by the recipient's safeguard (the SCCs or adequacy the
/// processor relies on for its chain), since the model keeps one safeguard per recipient. An empty country is
/// not judged (unknown is asked for by the form, not flagged as a transfer).
pub fn unsafe_transfers(recipient: &Recipient) -> Vec<UnsafeTransfer> {
    if recipient.transfer_safeguard.is_some() {
        return Vec::new();
    }
    let mut out = Vec::new();
    if needs_safeguard(&recipient.country) {
        out.push(UnsafeTransfer {
            sub_processor: None,
            country: recipient.country.trim().to_ascii_uppercase(),
        });
    }
    for s in &recipient.sub_processors {
        if needs_safeguard(&s.country) {
            out.push(UnsafeTransfer {
                sub_processor: Some(s.name.clone()),
                country: s.country.trim().to_ascii_uppercase(),
            });
        }
    }
    out
}

/// Whether data sent to `country` leaves the EEA (an empty country is unknown, not a transfer).
pub fn needs_safeguard(country: &str) -> bool {
    !country.trim().is_empty() && !is_eea(country)
}

/// Whether `code` looks like an ISO 3166-1 alpha-2 code (two ASCII letters); what forms accept.
pub fn is_country_code(code: &str) -> bool {
    let code = code.trim();
    code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::model::{Art28Checklist, SubProcessor, TransferSafeguard};
    use time::macros::date;

    fn complete() -> Art28Checklist {
        Art28Checklist {
            documented_instructions: true,
            confidentiality: true,
            security: true,
            sub_processors: true,
            data_subject_rights: true,
            assists_compliance: true,
            deletion_or_return: true,
            audits: true,
        }
    }

    /// A processor with `agreements`, each signed unless the test says otherwise.
    fn processor(agreements: Vec<ProcessingAgreement>) -> Recipient {
        Recipient {
            name: "Hoster".into(),
            country: "NL".into(),
            agreements: agreements
                .into_iter()
                .map(|a| ProcessingAgreement {
                    signed_on: a.signed_on.or(Some(date!(2026 - 01 - 01))),
                    ..a
                })
                .collect(),
            ..Default::default()
        }
    }

    const TODAY: Date = date!(2026 - 12 - 07);

    #[test]
    fn only_processors_need_an_agreement() {
        let r = Recipient {
            role: RecipientRole::ThirdParty,
            ..Default::default()
        };
        assert_eq!(agreement_state(&r, TODAY, 60), AgreementState::NotNeeded);
        assert_eq!(
            agreement_state(&processor(vec![]), TODAY, 60),
            AgreementState::Missing
        );
        // A draft without a signing date is no agreement yet.
        let mut unsigned = processor(vec![ProcessingAgreement {
            checklist: complete(),
            ..Default::default()
        }]);
        unsigned.agreements[0].signed_on = None;
        assert_eq!(
            agreement_state(&unsigned, TODAY, 60),
            AgreementState::Missing
        );
        assert!(AgreementState::Missing.is_wanting());
        assert!(!AgreementState::NotNeeded.is_wanting());
    }

    #[test]
    fn a_complete_open_ended_agreement_is_valid() {
        let a = ProcessingAgreement {
            checklist: complete(),
            ..Default::default()
        };
        assert_eq!(
            agreement_state(&processor(vec![a]), TODAY, 60),
            AgreementState::Valid
        );
    }

    #[test]
    fn missing_checklist_points_make_it_incomplete() {
        let mut c = complete();
        c.audits = false;
        c.security = false;
        let a = ProcessingAgreement {
            checklist: c,
            ..Default::default()
        };
        let state = agreement_state(&processor(vec![a]), TODAY, 60);
        assert_eq!(
            state,
            AgreementState::Incomplete {
                missing: vec!['c', 'h']
            }
        );
        assert!(state.is_wanting());
    }

    #[test]
    fn an_agreement_ended_yesterday_is_expired_and_today_still_holds() {
        let ended = ProcessingAgreement {
            checklist: complete(),
            expires_on: Some(date!(2026 - 12 - 06)),
            ..Default::default()
        };
        assert_eq!(
            agreement_state(&processor(vec![ended.clone()]), TODAY, 60),
            AgreementState::Expired {
                on: date!(2026 - 12 - 06)
            }
        );
        let today = ProcessingAgreement {
            expires_on: Some(TODAY),
            ..ended
        };
        assert_eq!(
            agreement_state(&processor(vec![today]), TODAY, 60),
            AgreementState::Expiring { on: TODAY }
        );
    }

    #[test]
    fn expiry_or_review_within_the_window_is_expiring() {
        let a = ProcessingAgreement {
            checklist: complete(),
            expires_on: Some(date!(2027 - 06 - 01)),
            review_on: Some(date!(2027 - 01 - 15)),
            ..Default::default()
        };
        assert_eq!(
            agreement_state(&processor(vec![a.clone()]), TODAY, 60),
            AgreementState::Expiring {
                on: date!(2027 - 01 - 15)
            }
        );
        // Day 60 is inside the window, day 61 outside.
        let edge = ProcessingAgreement {
            review_on: Some(date!(2027 - 02 - 05)),
            ..a.clone()
        };
        assert_eq!(
            agreement_state(&processor(vec![edge]), TODAY, 60),
            AgreementState::Expiring {
                on: date!(2027 - 02 - 05)
            }
        );
        let later = ProcessingAgreement {
            review_on: Some(date!(2027 - 02 - 06)),
            ..a
        };
        assert_eq!(
            agreement_state(&processor(vec![later]), TODAY, 60),
            AgreementState::Valid
        );
    }

    #[test]
    fn the_best_agreement_counts() {
        let old = ProcessingAgreement {
            checklist: complete(),
            expires_on: Some(date!(2025 - 01 - 01)),
            ..Default::default()
        };
        let draft = ProcessingAgreement::default();
        let new = ProcessingAgreement {
            checklist: complete(),
            ..Default::default()
        };
        assert_eq!(
            agreement_state(&processor(vec![old.clone(), draft.clone()]), TODAY, 60),
            AgreementState::Incomplete {
                missing: vec!['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
            }
        );
        assert_eq!(
            agreement_state(&processor(vec![old, draft, new]), TODAY, 60),
            AgreementState::Valid
        );
    }

    #[test]
    fn the_eea_is_the_eu_and_iceland_liechtenstein_norway() {
        for c in ["NL", "be", " de ", "IS", "LI", "NO", "EL", "GR"] {
            assert!(is_eea(c), "{c}");
        }
        for c in ["US", "GB", "CH", "IN", "", "XX", "NLD"] {
            assert!(!is_eea(c), "{c}");
        }
        assert_eq!(
            EEA.len(),
            27 + 1 + 3,
            "27 states (GR twice as EL) + IS, LI, NO"
        );
        assert!(!needs_safeguard(""));
        assert!(needs_safeguard("us"));
        assert!(is_country_code("us") && !is_country_code("USA") && !is_country_code("1A"));
    }

    #[test]
    fn transfers_outside_the_eea_need_a_safeguard() {
        let mut r = Recipient {
            name: "Mailer".into(),
            country: "NL".into(),
            sub_processors: vec![
                SubProcessor {
                    name: "Cloud".into(),
                    country: "us".into(),
                    service: "hosting".into(),
                },
                SubProcessor {
                    name: "Backup".into(),
                    country: "DE".into(),
                    service: "backup".into(),
                },
            ],
            ..Default::default()
        };
        assert_eq!(
            unsafe_transfers(&r),
            vec![UnsafeTransfer {
                sub_processor: Some("Cloud".into()),
                country: "US".into()
            }]
        );
        r.country = "IN".into();
        assert_eq!(unsafe_transfers(&r).len(), 2);
        r.transfer_safeguard = Some(TransferSafeguard::StandardContractualClauses);
        assert!(unsafe_transfers(&r).is_empty());
    }
}
