//! The 72-hour clock of GDPR Art. 33(1): a personal data breach is notified to the supervisory authority "not
//! later than 72 hours after having become aware of it"; a notification after that "shall be accompanied by
//! reasons for the delay".

use time::{Duration, OffsetDateTime};

/// How long after becoming aware a breach must be notified.
pub const NOTIFY_WITHIN: Duration = Duration::hours(72);

/// The clock of one breach, started when the organisation became aware of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreachClock {
    pub aware_at: OffsetDateTime,
}

/// Where a breach stands against its clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockState {
    /// Not notified yet, still in time: this much is left.
    Running { remaining: Duration },
    /// Not notified, and the 72 hours are over by this much: notify now, with reasons for the delay.
    Overdue { by: Duration },
    /// Notified within 72 hours.
    NotifiedInTime,
    /// Notified this much after the 72 hours: the notification needs reasons for the delay.
    NotifiedLate { by: Duration },
}

impl BreachClock {
    pub fn new(aware_at: OffsetDateTime) -> BreachClock {
        BreachClock { aware_at }
    }

    /// The moment the 72 hours end. A notification at exactly this moment is in time.
    pub fn deadline(&self) -> OffsetDateTime {
        self.aware_at + NOTIFY_WITHIN
    }

    /// Time left at `now`; negative once overdue.
    pub fn remaining(&self, now: OffsetDateTime) -> Duration {
        self.deadline() - now
    }

    /// Whether the 72 hours are over at `now` without a notification.
    pub fn is_overdue(&self, now: OffsetDateTime) -> bool {
        now > self.deadline()
    }

    /// Whether a notification made at `notified_at` must give reasons for the delay.
    pub fn delay_reason_required(&self, notified_at: OffsetDateTime) -> bool {
        notified_at > self.deadline()
    }

    /// The state at `now`, given when (if at all) the breach was notified.
    pub fn state(&self, now: OffsetDateTime, notified_at: Option<OffsetDateTime>) -> ClockState {
        match notified_at {
            Some(at) if self.delay_reason_required(at) => ClockState::NotifiedLate {
                by: at - self.deadline(),
            },
            Some(_) => ClockState::NotifiedInTime,
            None if self.is_overdue(now) => ClockState::Overdue {
                by: now - self.deadline(),
            },
            None => ClockState::Running {
                remaining: self.remaining(now),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn clock() -> BreachClock {
        BreachClock::new(datetime!(2026-03-27 14:30 UTC))
    }

    #[test]
    fn deadline_is_72_hours_later() {
        assert_eq!(clock().deadline(), datetime!(2026-03-30 14:30 UTC));
        // Across the switch to summer time the clock counts hours, not calendar days.
        let c = BreachClock::new(datetime!(2026-03-28 12:00 +1));
        assert_eq!(c.deadline(), datetime!(2026-03-31 13:00 +2));
    }

    #[test]
    fn running_then_overdue() {
        let c = clock();
        assert_eq!(
            c.state(datetime!(2026-03-27 14:30 UTC), None),
            ClockState::Running {
                remaining: Duration::hours(72)
            }
        );
        assert_eq!(
            c.state(datetime!(2026-03-30 12:30 UTC), None),
            ClockState::Running {
                remaining: Duration::hours(2)
            }
        );
        // The last moment is still in time.
        assert!(!c.is_overdue(datetime!(2026-03-30 14:30 UTC)));
        assert_eq!(c.remaining(datetime!(2026-03-30 14:30 UTC)), Duration::ZERO);
        assert!(c.is_overdue(datetime!(2026-03-30 14:30:01 UTC)));
        assert_eq!(
            c.state(datetime!(2026-03-31 15:30 UTC), None),
            ClockState::Overdue {
                by: Duration::hours(25)
            }
        );
        assert_eq!(
            c.remaining(datetime!(2026-03-31 15:30 UTC)),
            Duration::hours(-25)
        );
    }

    #[test]
    fn late_notification_needs_reasons() {
        let c = clock();
        let now = datetime!(2026-04-10 09:00 UTC);
        assert_eq!(
            c.state(now, Some(datetime!(2026-03-29 10:00 UTC))),
            ClockState::NotifiedInTime
        );
        assert!(!c.delay_reason_required(datetime!(2026-03-30 14:30 UTC)));
        assert!(c.delay_reason_required(datetime!(2026-03-30 14:31 UTC)));
        assert_eq!(
            c.state(now, Some(datetime!(2026-03-30 16:30 UTC))),
            ClockState::NotifiedLate {
                by: Duration::hours(2)
            }
        );
    }
}
