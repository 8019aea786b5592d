//! Consent (Art. 7, 8): append-only records per relation and purpose, the current state computed from them
//! (latest wins; a double opt-in counts once confirmed), the age of consent, and the direct-marketing objection.

use crate::calendar::age_on;
use crate::legal_basis::LawfulBasis;
use crate::register::{Jurisdiction, Purpose};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

vocabulary! {
    /// What a consent record says.
    ConsentAction {
        /// Consent was given (for a double opt-in: requested, waiting for confirmation).
        Given => "given",
        /// The confirmation of a double opt-in arrived (the link in the e-mail was followed).
        Confirmed => "confirmed",
        /// Consent was withdrawn (Art. 7(3)): from then on, not before.
        Withdrawn => "withdrawn",
    }
}

vocabulary! {
    /// Through what consent was given or withdrawn.
    ConsentChannel {
        WebForm => "web_form",
        /// The public preferences page reached through a signed link.
        PreferencesPage => "preferences_page",
        Email => "email",
        Paper => "paper",
        Phone => "phone",
        InPerson => "in_person",
        Import => "import",
        Api => "api",
    }
}

/// Who wrote a consent record down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", content = "user", rename_all = "snake_case")]
pub enum Recorder {
    /// A member of the organisation (their user id).
    User(Uuid),
    /// The person themselves, through a public page or a confirmation link.
    DataSubject,
    /// An import of an existing file (its proof reference names the file).
    Import,
}

/// One consent record. Records are never changed or deleted while the relation exists: a withdrawal is a new
/// record, so the organisation can show what it had at any moment (Art. 7(1)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub id: Uuid,
    pub relation: Uuid,
    /// One purpose per record: consent must be specific (Art. 6(1)(a)).
    pub purpose: Purpose,
    pub action: ConsentAction,
    pub at: OffsetDateTime,
    pub channel: ConsentChannel,
    /// The version of the privacy statement or consent text shown.
    pub statement_version: String,
    pub recorded_by: Recorder,
    /// Where the proof is: the double opt-in token's digest, a signed form's document id, a call note.
    pub proof: String,
    /// Given by the holder of parental responsibility for a child under the age of consent (Art. 8(1)).
    pub parental: bool,
    /// For `Given`: waits for a confirmation before it counts (double opt-in).
    pub double_opt_in: bool,
    /// For `Confirmed`: the `Given` record it confirms.
    pub confirms: Option<Uuid>,
}

/// Where consent for one purpose stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ConsentState {
    /// Never given.
    None,
    /// Given with double opt-in, not yet confirmed: does not count.
    Pending { record: Uuid, since: OffsetDateTime },
    /// Given (and confirmed where needed), since the moment it started counting.
    Given { record: Uuid, since: OffsetDateTime },
    /// Withdrawn.
    Withdrawn { since: OffsetDateTime },
}

impl ConsentState {
    /// Whether processing on consent may go on.
    pub fn counts(&self) -> bool {
        matches!(self, ConsentState::Given { .. })
    }
}

/// The records of one purpose in the order they happened: by time, then in the order they were appended.
fn chronological(records: &[ConsentRecord], purpose: Purpose) -> Vec<&ConsentRecord> {
    let mut of: Vec<_> = records.iter().filter(|r| r.purpose == purpose).collect();
    of.sort_by_key(|r| r.at);
    of
}

/// The state of consent for `purpose` from a relation's records: the latest record wins; a double opt-in counts
/// only once confirmed, and a confirmation counts only for the request still waiting (a late click on an old
/// link cannot revive consent that was withdrawn since).
pub fn consent_state(records: &[ConsentRecord], purpose: Purpose) -> ConsentState {
    let mut state = ConsentState::None;
    for r in chronological(records, purpose) {
        state = match r.action {
            ConsentAction::Given if r.double_opt_in => ConsentState::Pending {
                record: r.id,
                since: r.at,
            },
            ConsentAction::Given => ConsentState::Given {
                record: r.id,
                since: r.at,
            },
            ConsentAction::Confirmed => match state {
                ConsentState::Pending { record, .. } if r.confirms == Some(record) => {
                    ConsentState::Given {
                        record,
                        since: r.at,
                    }
                }
                other => other,
            },
            ConsentAction::Withdrawn => ConsentState::Withdrawn { since: r.at },
        };
    }
    state
}

/// The state of every purpose the records name.
pub fn consent_states(records: &[ConsentRecord]) -> BTreeMap<Purpose, ConsentState> {
    let mut purposes: Vec<Purpose> = records.iter().map(|r| r.purpose).collect();
    purposes.sort();
    purposes.dedup();
    purposes
        .into_iter()
        .map(|p| (p, consent_state(records, p)))
        .collect()
}

/// The age from which a person consents alone in `jurisdiction` (NL 16, BE 13).
pub const fn age_of_consent(jurisdiction: Jurisdiction) -> u8 {
    jurisdiction.age_of_digital_consent()
}

/// Whether a person needs a parent's consent on `on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgeCheck {
    /// At or above the age of consent.
    OldEnough,
    /// Below it: only a parental consent record counts.
    BelowAgeOfConsent { age: u32, threshold: u8 },
    /// No date of birth known: the form must ask whether the person is old enough.
    Unknown,
}

/// Whether someone born on `birth` consents alone on `on` in `jurisdiction`. On the birthday itself the person
/// has reached the age.
pub fn age_check(birth: Option<Date>, on: Date, jurisdiction: Jurisdiction) -> AgeCheck {
    let threshold = age_of_consent(jurisdiction);
    match birth.and_then(|b| age_on(b, on)) {
        Some(age) if age >= u32::from(threshold) => AgeCheck::OldEnough,
        Some(age) => AgeCheck::BelowAgeOfConsent { age, threshold },
        None => AgeCheck::Unknown,
    }
}

/// Why a consent record may not be appended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsentRefusal {
    /// Consent without the statement version or the proof cannot be demonstrated (Art. 7(1)).
    NotDemonstrable,
    /// The person is below the age of consent and the record is not a parent's (Art. 8(1)).
    ParentalConsentRequired { threshold: u8 },
    /// A confirmation that matches no waiting double opt-in of the same relation and purpose.
    NothingToConfirm,
    /// Consent to direct marketing from someone who objected to it (Art. 21(3)): the suppression is permanent.
    Suppressed,
}

/// Whether `record` may be appended to `history` (the relation's records so far), for a person born on `birth`
/// in `jurisdiction`, recorded on `local_today`. Withdrawing is always allowed and needs nothing more than giving
/// did (Art. 7(3)): no statement version, no proof, no age check.
pub fn validate(
    record: &ConsentRecord,
    history: &[ConsentRecord],
    birth: Option<Date>,
    jurisdiction: Jurisdiction,
    suppressed: bool,
    local_today: Date,
) -> Result<(), ConsentRefusal> {
    match record.action {
        ConsentAction::Withdrawn => Ok(()),
        ConsentAction::Confirmed => {
            let ConsentState::Pending {
                record: waiting, ..
            } = consent_state(history, record.purpose)
            else {
                return Err(ConsentRefusal::NothingToConfirm);
            };
            let same_relation = history
                .iter()
                .any(|r| r.id == waiting && r.relation == record.relation);
            if record.confirms == Some(waiting) && same_relation {
                Ok(())
            } else {
                Err(ConsentRefusal::NothingToConfirm)
            }
        }
        ConsentAction::Given => {
            if suppressed && record.purpose.direct_marketing {
                return Err(ConsentRefusal::Suppressed);
            }
            if record.statement_version.trim().is_empty() || record.proof.trim().is_empty() {
                return Err(ConsentRefusal::NotDemonstrable);
            }
            match age_check(birth, local_today, jurisdiction) {
                AgeCheck::BelowAgeOfConsent { threshold, .. } if !record.parental => {
                    Err(ConsentRefusal::ParentalConsentRequired { threshold })
                }
                _ => Ok(()),
            }
        }
    }
}

/// An objection to direct marketing (Art. 21(2)-(3)): absolute and permanent. Once recorded the person is never
/// selected for direct marketing again, whatever consent or interest there was; it is kept for as long as the
/// relation (a suppression entry is the one thing that proves the objection is honoured).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarketingObjection {
    pub relation: Uuid,
    pub at: OffsetDateTime,
    pub channel: ConsentChannel,
    pub recorded_by: Recorder,
}

/// Why a relation was left out of a marketing selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    /// The person objected to direct marketing (Art. 21(3)).
    Objected,
    /// The selection relies on consent and there is none that counts (never given, pending or withdrawn).
    NoConsent,
    /// The selection relies on another basis, but the person withdrew consent for this purpose: that says no.
    Withdrawn,
}

/// What a marketing selection needs to know of one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub relation: Uuid,
    /// An objection to direct marketing is on record.
    pub suppressed: bool,
    /// The consent state for the selection's purpose.
    pub consent: ConsentState,
}

/// The result of filtering a selection: who may be approached, and who not and why (the counts are shown).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection<T> {
    pub included: Vec<T>,
    pub excluded: Vec<(T, Exclusion)>,
}

/// Filters a selection for `purpose` on `basis`: every selection and export for a direct-marketing purpose goes
/// through this, so an objection is respected everywhere. A selection on consent keeps only those whose consent
/// counts; on another basis (the soft opt-in for existing customers, Art. 6(1)(f)) it drops those who withdrew.
/// Purposes that are not direct marketing ignore the suppression (the objection is to direct marketing only).
pub fn filter_selection<T>(
    items: impl IntoIterator<Item = T>,
    purpose: Purpose,
    basis: LawfulBasis,
    candidate: impl Fn(&T) -> Candidate,
) -> Selection<T> {
    let mut out = Selection {
        included: Vec::new(),
        excluded: Vec::new(),
    };
    for item in items {
        let c = candidate(&item);
        let exclusion = if purpose.direct_marketing && c.suppressed {
            Some(Exclusion::Objected)
        } else if basis == LawfulBasis::Consent && !c.consent.counts() {
            Some(Exclusion::NoConsent)
        } else if matches!(c.consent, ConsentState::Withdrawn { .. }) {
            Some(Exclusion::Withdrawn)
        } else {
            None
        };
        match exclusion {
            Some(e) => out.excluded.push((item, e)),
            None => out.included.push(item),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn purpose(key: &str) -> Purpose {
        key.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    fn email() -> Purpose {
        purpose("marketing.communications.email")
    }

    fn record(action: ConsentAction, at: OffsetDateTime) -> ConsentRecord {
        ConsentRecord {
            id: Uuid::new_v4(),
            relation: Uuid::nil(),
            purpose: email(),
            action,
            at,
            channel: ConsentChannel::WebForm,
            statement_version: "2026-01".to_owned(),
            recorded_by: Recorder::DataSubject,
            proof: "opt-in token digest".to_owned(),
            parental: false,
            double_opt_in: false,
            confirms: None,
        }
    }

    #[test]
    fn a_record_round_trips_through_json() {
        let mut r = record(ConsentAction::Given, datetime!(2026-01-10 10:00 UTC));
        r.recorded_by = Recorder::User(Uuid::from_u128(9));
        let json = serde_json::to_value(&r).unwrap_or_default();
        assert_eq!(json["purpose"], "marketing.communications.email");
        assert_eq!(json["action"], "given");
        assert_eq!(json["recorded_by"]["by"], "user");
        let back: ConsentRecord = serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, r);
        let subject = serde_json::to_value(Recorder::DataSubject).unwrap_or_default();
        assert_eq!(subject["by"], "data_subject");
    }

    #[test]
    fn latest_record_wins_in_time_order_not_append_order() {
        let given = record(ConsentAction::Given, datetime!(2026-01-10 10:00 UTC));
        let withdrawn = record(ConsentAction::Withdrawn, datetime!(2026-02-01 09:00 UTC));
        assert_eq!(
            consent_state(&[withdrawn.clone(), given.clone()], email()),
            ConsentState::Withdrawn {
                since: withdrawn.at
            }
        );
        let again = record(ConsentAction::Given, datetime!(2026-03-01 09:00 UTC));
        let state = consent_state(&[given.clone(), withdrawn.clone(), again.clone()], email());
        assert_eq!(
            state,
            ConsentState::Given {
                record: again.id,
                since: again.at
            }
        );
        assert!(state.counts());
        // Another purpose's records do not count.
        assert_eq!(
            consent_state(
                std::slice::from_ref(&given),
                purpose("marketing.communications.sms")
            ),
            ConsentState::None
        );
        // Same instant: the one appended last wins.
        let same = record(ConsentAction::Withdrawn, given.at);
        assert!(matches!(
            consent_state(&[given.clone(), same.clone()], email()),
            ConsentState::Withdrawn { .. }
        ));
        assert!(consent_state(&[same, given], email()).counts());
    }

    #[test]
    fn double_opt_in_counts_only_once_confirmed() {
        let mut given = record(ConsentAction::Given, datetime!(2026-01-10 10:00 UTC));
        given.double_opt_in = true;
        let pending = consent_state(std::slice::from_ref(&given), email());
        assert_eq!(
            pending,
            ConsentState::Pending {
                record: given.id,
                since: given.at
            }
        );
        assert!(!pending.counts());
        let mut confirm = record(ConsentAction::Confirmed, datetime!(2026-01-10 10:05 UTC));
        confirm.confirms = Some(given.id);
        assert_eq!(
            consent_state(&[given.clone(), confirm.clone()], email()),
            ConsentState::Given {
                record: given.id,
                since: confirm.at
            }
        );
        // A confirmation of another request does nothing.
        let mut stray = confirm.clone();
        stray.confirms = Some(Uuid::new_v4());
        assert!(!consent_state(&[given.clone(), stray], email()).counts());
        // A late click after a withdrawal does not revive consent.
        let withdrawn = record(ConsentAction::Withdrawn, datetime!(2026-01-10 10:02 UTC));
        let states = consent_states(&[given.clone(), withdrawn.clone(), confirm.clone()]);
        assert_eq!(
            states.get(&email()),
            Some(&ConsentState::Withdrawn {
                since: withdrawn.at
            })
        );
        assert_eq!(
            validate(
                &confirm,
                &[given.clone(), withdrawn],
                None,
                Jurisdiction::Nl,
                false,
                date!(2026 - 01 - 10)
            ),
            Err(ConsentRefusal::NothingToConfirm)
        );
        assert_eq!(
            validate(
                &confirm,
                std::slice::from_ref(&given),
                None,
                Jurisdiction::Nl,
                false,
                date!(2026 - 01 - 10)
            ),
            Ok(())
        );
    }

    #[test]
    fn age_of_consent_per_jurisdiction_on_the_birthday() {
        assert_eq!(age_of_consent(Jurisdiction::Nl), 16);
        assert_eq!(age_of_consent(Jurisdiction::Be), 13);
        let birth = Some(date!(2010 - 06 - 15));
        assert_eq!(
            age_check(birth, date!(2026 - 06 - 14), Jurisdiction::Nl),
            AgeCheck::BelowAgeOfConsent {
                age: 15,
                threshold: 16
            }
        );
        assert_eq!(
            age_check(birth, date!(2026 - 06 - 15), Jurisdiction::Nl),
            AgeCheck::OldEnough
        );
        assert_eq!(
            age_check(birth, date!(2023 - 06 - 15), Jurisdiction::Be),
            AgeCheck::OldEnough
        );
        assert_eq!(
            age_check(birth, date!(2023 - 06 - 14), Jurisdiction::Be),
            AgeCheck::BelowAgeOfConsent {
                age: 12,
                threshold: 13
            }
        );
        assert_eq!(
            age_check(None, date!(2026 - 06 - 14), Jurisdiction::Nl),
            AgeCheck::Unknown
        );
    }

    #[test]
    fn a_child_needs_a_parental_record_and_withdrawing_needs_nothing() {
        let birth = Some(date!(2010 - 03 - 01));
        let today = date!(2026 - 02 - 28);
        let mut given = record(ConsentAction::Given, datetime!(2026-02-28 12:00 UTC));
        assert_eq!(
            validate(&given, &[], birth, Jurisdiction::Nl, false, today),
            Err(ConsentRefusal::ParentalConsentRequired { threshold: 16 })
        );
        // In Belgium a 15-year-old consents alone.
        assert_eq!(
            validate(&given, &[], birth, Jurisdiction::Be, false, today),
            Ok(())
        );
        // The next day is the sixteenth birthday.
        assert_eq!(
            validate(
                &given,
                &[],
                birth,
                Jurisdiction::Nl,
                false,
                date!(2026 - 03 - 01)
            ),
            Ok(())
        );
        given.parental = true;
        assert_eq!(
            validate(&given, &[], birth, Jurisdiction::Nl, false, today),
            Ok(())
        );
        // Without a statement version or proof, consent cannot be demonstrated.
        let mut bare = given.clone();
        bare.proof = " ".to_owned();
        assert_eq!(
            validate(&bare, &[], None, Jurisdiction::Nl, false, today),
            Err(ConsentRefusal::NotDemonstrable)
        );
        let mut withdrawal = record(ConsentAction::Withdrawn, datetime!(2026-02-28 12:00 UTC));
        withdrawal.proof.clear();
        withdrawal.statement_version.clear();
        assert_eq!(
            validate(&withdrawal, &[], birth, Jurisdiction::Nl, true, today),
            Ok(())
        );
    }

    #[test]
    fn the_objection_wins_over_every_basis_and_consent() {
        let at = datetime!(2026-01-10 10:00 UTC);
        let given = ConsentState::Given {
            record: Uuid::nil(),
            since: at,
        };
        let people = [
            (
                1,
                Candidate {
                    relation: Uuid::nil(),
                    suppressed: false,
                    consent: given,
                },
            ),
            (
                2,
                Candidate {
                    relation: Uuid::nil(),
                    suppressed: true,
                    consent: given,
                },
            ),
            (
                3,
                Candidate {
                    relation: Uuid::nil(),
                    suppressed: false,
                    consent: ConsentState::None,
                },
            ),
            (
                4,
                Candidate {
                    relation: Uuid::nil(),
                    suppressed: false,
                    consent: ConsentState::Withdrawn { since: at },
                },
            ),
            (
                5,
                Candidate {
                    relation: Uuid::nil(),
                    suppressed: false,
                    consent: ConsentState::Pending {
                        record: Uuid::nil(),
                        since: at,
                    },
                },
            ),
        ];
        let ids =
            |s: &Selection<&(i32, Candidate)>| s.included.iter().map(|p| p.0).collect::<Vec<_>>();
        let on_consent = filter_selection(people.iter(), email(), LawfulBasis::Consent, |p| p.1);
        assert_eq!(ids(&on_consent), vec![1]);
        let why: Vec<_> = on_consent.excluded.iter().map(|(p, e)| (p.0, *e)).collect();
        assert_eq!(
            why,
            vec![
                (2, Exclusion::Objected),
                (3, Exclusion::NoConsent),
                (4, Exclusion::NoConsent),
                (5, Exclusion::NoConsent)
            ]
        );
        // Soft opt-in: existing customers without consent are in, but not who objected or withdrew.
        let soft = filter_selection(
            people.iter(),
            email(),
            LawfulBasis::LegitimateInterests,
            |p| p.1,
        );
        assert_eq!(ids(&soft), vec![1, 3, 5]);
        // The suppression is about direct marketing only.
        let service = filter_selection(
            people.iter(),
            purpose("essential.service"),
            LawfulBasis::Contract,
            |p| p.1,
        );
        assert_eq!(ids(&service), vec![1, 2, 3, 5]);
        // And a suppressed person cannot give marketing consent again.
        let given = record(ConsentAction::Given, at);
        assert_eq!(
            validate(
                &given,
                &[],
                None,
                Jurisdiction::Nl,
                true,
                date!(2026 - 01 - 10)
            ),
            Err(ConsentRefusal::Suppressed)
        );
    }
}
