//! What happened in a breach: its nature, what was done to the data and why, when (with the checks that keep a
//! timeline possible), how many people and records, and the phases of the notification to the authority.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

vocabulary! {
    /// The security property the breach broke (EDPB guidelines 9/2022): one breach can break several.
    BreachNature {
        /// Disclosed to or accessed by someone not entitled to it.
        Confidentiality => "confidentiality",
        /// Altered without authorisation or by accident.
        Integrity => "integrity",
        /// Lost, destroyed or out of reach, for a time or for good.
        Availability => "availability",
    }
}

vocabulary! {
    /// What happened to the data, as the AP's form asks it (section 3).
    DataEvent {
        Read => "read",
        Copied => "copied",
        Altered => "altered",
        Deleted => "deleted",
        Stolen => "stolen",
        Lost => "lost",
        /// Sent or shown to the wrong recipient.
        Disclosed => "disclosed",
        Encrypted => "encrypted_by_attacker",
    }
}

vocabulary! {
    /// Why it happened.
    BreachCause {
        /// A laptop, phone, USB stick or paper file lost or stolen.
        LostOrStolenDevice => "lost_or_stolen_device",
        /// An e-mail or letter to the wrong address, or open CC.
        MisdirectedMessage => "misdirected_message",
        Phishing => "phishing",
        /// Malware, ransomware included.
        Malware => "malware",
        /// An attacker broke in (hacking, a stolen password).
        Intrusion => "intrusion",
        /// A colleague looked where they had no business to (internal misuse).
        InternalMisuse => "internal_misuse",
        /// A mistake in the organisation's own work (a wrong setting, a file published).
        InternalMistake => "internal_mistake",
        /// Paper or equipment disposed of without destroying the data.
        ImproperDisposal => "improper_disposal",
        /// A failure of a system or a processor.
        SystemFailure => "system_failure",
        Other => "other",
        Unknown => "unknown",
    }
}

/// How far a moment may lie ahead of the clock and still be accepted (clocks of devices differ).
pub const FUTURE_SLACK: Duration = Duration::minutes(5);

/// When a breach happened and when the organisation learned of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    /// When it started, if known.
    pub started_at: Option<OffsetDateTime>,
    /// When it ended; `None` while it goes on or when unknown.
    pub ended_at: Option<OffsetDateTime>,
    /// When anyone (a processor, a colleague) discovered it.
    pub discovered_at: OffsetDateTime,
    /// When the organisation became aware of it with reasonable certainty: the 72 hours count from here.
    pub aware_at: OffsetDateTime,
}

/// A timeline that cannot be right, naming the field to correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineProblem {
    InFuture {
        field: &'static str,
    },
    EndedBeforeStart,
    DiscoveredBeforeStart,
    /// The organisation cannot be aware of a breach before it was discovered.
    AwareBeforeDiscovery,
}

impl TimelineProblem {
    /// The field the problem is about.
    pub fn field(self) -> &'static str {
        match self {
            TimelineProblem::InFuture { field } => field,
            TimelineProblem::EndedBeforeStart => "ended_at",
            TimelineProblem::DiscoveredBeforeStart => "discovered_at",
            TimelineProblem::AwareBeforeDiscovery => "aware_at",
        }
    }
}

/// Checks `t` at `now`: no moment in the future, and start, end, discovery and awareness in an order that can
/// have happened.
pub fn check_timeline(t: &Timeline, now: OffsetDateTime) -> Vec<TimelineProblem> {
    let mut out = Vec::new();
    let latest = now + FUTURE_SLACK;
    for (field, at) in [
        ("started_at", t.started_at),
        ("ended_at", t.ended_at),
        ("discovered_at", Some(t.discovered_at)),
        ("aware_at", Some(t.aware_at)),
    ] {
        if at.is_some_and(|at| at > latest) {
            out.push(TimelineProblem::InFuture { field });
        }
    }
    if let (Some(start), Some(end)) = (t.started_at, t.ended_at)
        && end < start
    {
        out.push(TimelineProblem::EndedBeforeStart);
    }
    if t.started_at.is_some_and(|start| t.discovered_at < start) {
        out.push(TimelineProblem::DiscoveredBeforeStart);
    }
    if t.aware_at < t.discovered_at {
        out.push(TimelineProblem::AwareBeforeDiscovery);
    }
    out
}

/// How many people and records a breach concerns: what the organisation states (the AP asks for a minimum and
/// a maximum) next to what Kluis counts from the linked relations and documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AffectedCounts {
    pub people_min: u64,
    pub people_max: u64,
    pub records: u64,
}

/// A count that contradicts itself or the linked data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountProblem {
    /// The minimum is above the maximum.
    MinAboveMax,
    /// Fewer people stated than are linked to the breach: the maximum must at least cover them.
    BelowLinked { linked: u64 },
}

/// Checks the stated counts against themselves and against `linked_people`, the distinct people Kluis links to
/// the breach. More people than linked is allowed: not every affected person is a relation.
pub fn check_counts(stated: &AffectedCounts, linked_people: u64) -> Vec<CountProblem> {
    let mut out = Vec::new();
    if stated.people_min > stated.people_max {
        out.push(CountProblem::MinAboveMax);
    }
    if stated.people_max < linked_people {
        out.push(CountProblem::BelowLinked {
            linked: linked_people,
        });
    }
    out
}

vocabulary! {
    /// A notification to the authority is given in phases (Art. 33(4)); the AP lets a notice be supplemented or
    /// withdrawn.
    NotificationPhase {
        Initial => "initial",
        FollowUp => "follow_up",
        /// The organisation found it was no breach after all.
        Withdrawal => "withdrawal",
    }
}

/// One notification sent to the authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    pub phase: NotificationPhase,
    pub sent_at: OffsetDateTime,
    /// The authority's reference (the AP's meldnummer, the GBA's DBN), once known.
    pub reference: Option<String>,
}

/// A phase that cannot follow the notifications already sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseProblem {
    /// The first notification is the initial one, and there is only one.
    InitialFirst,
    /// A follow-up or withdrawal names the reference the authority gave the initial notification.
    ReferenceMissing,
    /// Nothing follows a withdrawal.
    Withdrawn,
    /// Sent before the one before it.
    OutOfOrder,
}

/// Whether `next` may follow `sent` (oldest first).
pub fn check_phase(sent: &[Notification], next: &Notification) -> Result<(), PhaseProblem> {
    if sent
        .iter()
        .any(|n| n.phase == NotificationPhase::Withdrawal)
    {
        return Err(PhaseProblem::Withdrawn);
    }
    let has_initial = sent.iter().any(|n| n.phase == NotificationPhase::Initial);
    match next.phase {
        NotificationPhase::Initial if has_initial => return Err(PhaseProblem::InitialFirst),
        NotificationPhase::Initial => {}
        _ if !has_initial => return Err(PhaseProblem::InitialFirst),
        _ => {
            let known = sent.iter().any(|n| n.reference.is_some());
            if !known
                && next
                    .reference
                    .as_deref()
                    .is_none_or(|r| r.trim().is_empty())
            {
                return Err(PhaseProblem::ReferenceMissing);
            }
        }
    }
    if sent.last().is_some_and(|last| next.sent_at < last.sent_at) {
        return Err(PhaseProblem::OutOfOrder);
    }
    Ok(())
}

/// The natures a set of events implies, for a form that asks the events first.
pub fn natures_of(events: &BTreeSet<DataEvent>) -> BTreeSet<BreachNature> {
    events
        .iter()
        .map(|e| match e {
            DataEvent::Read | DataEvent::Copied | DataEvent::Disclosed | DataEvent::Stolen => {
                BreachNature::Confidentiality
            }
            DataEvent::Altered => BreachNature::Integrity,
            DataEvent::Deleted | DataEvent::Lost | DataEvent::Encrypted => {
                BreachNature::Availability
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-07 12:00 UTC);

    fn timeline() -> Timeline {
        Timeline {
            started_at: Some(datetime!(2026-12-05 18:00 UTC)),
            ended_at: Some(datetime!(2026-12-05 19:00 UTC)),
            discovered_at: datetime!(2026-12-06 08:00 UTC),
            aware_at: datetime!(2026-12-06 09:30 UTC),
        }
    }

    #[test]
    fn a_possible_timeline_passes_and_each_impossible_one_names_its_field() {
        assert!(check_timeline(&timeline(), NOW).is_empty());
        let mut t = timeline();
        t.aware_at = datetime!(2026-12-08 09:00 UTC);
        assert_eq!(
            check_timeline(&t, NOW),
            vec![TimelineProblem::InFuture { field: "aware_at" }]
        );
        let mut t = timeline();
        t.discovered_at = datetime!(2026-12-05 17:00 UTC);
        let p = check_timeline(&t, NOW);
        assert_eq!(p, vec![TimelineProblem::DiscoveredBeforeStart]);
        assert_eq!(p[0].field(), "discovered_at");
        let mut t = timeline();
        t.ended_at = Some(datetime!(2026-12-05 17:00 UTC));
        assert_eq!(
            check_timeline(&t, NOW),
            vec![TimelineProblem::EndedBeforeStart]
        );
        let mut t = timeline();
        t.aware_at = datetime!(2026-12-06 07:00 UTC);
        assert_eq!(
            check_timeline(&t, NOW),
            vec![TimelineProblem::AwareBeforeDiscovery]
        );
        // An unknown start and an ongoing breach are fine; a few minutes ahead is a clock difference.
        let t = Timeline {
            started_at: None,
            ended_at: None,
            discovered_at: NOW,
            aware_at: NOW + Duration::minutes(3),
        };
        assert!(check_timeline(&t, NOW).is_empty());
    }

    #[test]
    fn counts_must_cover_the_linked_people() {
        let c = AffectedCounts {
            people_min: 10,
            people_max: 40,
            records: 40,
        };
        assert!(check_counts(&c, 40).is_empty());
        assert_eq!(
            check_counts(&c, 41),
            vec![CountProblem::BelowLinked { linked: 41 }]
        );
        let wrong = AffectedCounts {
            people_min: 50,
            ..c
        };
        assert_eq!(check_counts(&wrong, 0), vec![CountProblem::MinAboveMax]);
    }

    #[test]
    fn phases_start_with_one_initial_and_follow_ups_carry_the_reference() {
        let at = datetime!(2026-12-06 12:00 UTC);
        let initial = Notification {
            phase: NotificationPhase::Initial,
            sent_at: at,
            reference: None,
        };
        let follow = Notification {
            phase: NotificationPhase::FollowUp,
            sent_at: at + Duration::days(3),
            reference: Some("M-2026-12345".into()),
        };
        assert_eq!(check_phase(&[], &follow), Err(PhaseProblem::InitialFirst));
        assert_eq!(check_phase(&[], &initial), Ok(()));
        assert_eq!(
            check_phase(std::slice::from_ref(&initial), &initial),
            Err(PhaseProblem::InitialFirst)
        );
        let no_ref = Notification {
            reference: None,
            ..follow.clone()
        };
        assert_eq!(
            check_phase(std::slice::from_ref(&initial), &no_ref),
            Err(PhaseProblem::ReferenceMissing)
        );
        assert_eq!(check_phase(std::slice::from_ref(&initial), &follow), Ok(()));
        let early = Notification {
            sent_at: at - Duration::hours(1),
            ..follow.clone()
        };
        assert_eq!(
            check_phase(std::slice::from_ref(&initial), &early),
            Err(PhaseProblem::OutOfOrder)
        );
        let withdrawn = [
            initial,
            Notification {
                phase: NotificationPhase::Withdrawal,
                ..follow.clone()
            },
        ];
        assert_eq!(
            check_phase(&withdrawn, &follow),
            Err(PhaseProblem::Withdrawn)
        );
    }

    #[test]
    fn events_imply_their_nature() {
        let events: BTreeSet<DataEvent> = [DataEvent::Stolen, DataEvent::Deleted].into();
        assert_eq!(
            natures_of(&events),
            [BreachNature::Confidentiality, BreachNature::Availability].into()
        );
    }
}
