//! The answer deadline of GDPR Art. 12(3): a request by a data subject is answered "within one month of receipt
//! of the request", extendable "by two further months where necessary".
//!
//! A month is a calendar month counted from the day of receipt (as in EU Regulation 1182/71, Art. 3(2)(c)): the
//! same day number one month later, or the last day of that month when it has no such day (31 January → 28 or
//! 29 February, 31 March → 30 April).

use time::{Date, Month};

/// Months after receipt within which a request must be answered.
pub const ANSWER_MONTHS: u32 = 1;
/// Further months the deadline may be extended by, taking complexity and number of requests into account.
pub const EXTENSION_MONTHS: u32 = 2;

/// `date` plus `months` calendar months, on the same day number or the last day of the target month when that
/// month is shorter. `None` only past the end of `time`'s calendar.
pub fn add_months_clamped(date: Date, months: u32) -> Option<Date> {
    let zero_based = i64::from(date.month() as u8 - 1) + i64::from(months);
    let year = i32::try_from(i64::from(date.year()) + zero_based.div_euclid(12)).ok()?;
    let month = Month::try_from(u8::try_from(zero_based.rem_euclid(12) + 1).ok()?).ok()?;
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).ok()
}

/// The deadline of a request received on `received`: one month later (clamped to the month's end), or three
/// months later when extended. The extended deadline is counted from the receipt, not from the first deadline,
/// so a request received on 31 January is due on 30 April, not on 28 April (after clamping to February).
pub fn answer_deadline(received: Date, extended: bool) -> Option<Date> {
    let months = if extended {
        ANSWER_MONTHS + EXTENSION_MONTHS
    } else {
        ANSWER_MONTHS
    };
    add_months_clamped(received, months)
}

/// Where a request stands against its deadline on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineState {
    /// Days left, counting today as 0 on the deadline itself.
    Open { days_left: i64 },
    /// The deadline passed this many days ago.
    Overdue { days: i64 },
}

/// Where a request with deadline `due` stands on `today`. The deadline day itself is still in time.
pub fn deadline_state(due: Date, today: Date) -> DeadlineState {
    let days = (due - today).whole_days();
    if days >= 0 {
        DeadlineState::Open { days_left: days }
    } else {
        DeadlineState::Overdue { days: -days }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn one_month_on_the_same_day() {
        assert_eq!(
            answer_deadline(date!(2026 - 03 - 15), false),
            Some(date!(2026 - 04 - 15))
        );
        assert_eq!(
            answer_deadline(date!(2026 - 01 - 01), false),
            Some(date!(2026 - 02 - 01))
        );
        assert_eq!(
            answer_deadline(date!(2026 - 02 - 28), false),
            Some(date!(2026 - 03 - 28))
        );
    }

    #[test]
    fn clamped_to_the_end_of_a_shorter_month() {
        assert_eq!(
            answer_deadline(date!(2026 - 01 - 31), false),
            Some(date!(2026 - 02 - 28))
        );
        assert_eq!(
            answer_deadline(date!(2026 - 01 - 29), false),
            Some(date!(2026 - 02 - 28))
        );
        assert_eq!(
            answer_deadline(date!(2026 - 03 - 31), false),
            Some(date!(2026 - 04 - 30))
        );
        assert_eq!(
            answer_deadline(date!(2026 - 05 - 31), false),
            Some(date!(2026 - 06 - 30))
        );
        assert_eq!(
            answer_deadline(date!(2026 - 08 - 31), false),
            Some(date!(2026 - 09 - 30))
        );
        // A 30-day month into a 31-day month keeps the day: no month-end rounding upwards.
        assert_eq!(
            answer_deadline(date!(2026 - 04 - 30), false),
            Some(date!(2026 - 05 - 30))
        );
    }

    #[test]
    fn leap_years() {
        assert_eq!(
            answer_deadline(date!(2028 - 01 - 31), false),
            Some(date!(2028 - 02 - 29))
        );
        assert_eq!(
            answer_deadline(date!(2028 - 01 - 29), false),
            Some(date!(2028 - 02 - 29))
        );
        assert_eq!(
            answer_deadline(date!(2028 - 02 - 29), false),
            Some(date!(2028 - 03 - 29))
        );
        // 1900 is not a leap year, 2000 is.
        assert_eq!(
            answer_deadline(date!(1900 - 01 - 30), false),
            Some(date!(1900 - 02 - 28))
        );
        assert_eq!(
            answer_deadline(date!(2000 - 01 - 30), false),
            Some(date!(2000 - 02 - 29))
        );
        // Extended from 29 February: three months on, the same day.
        assert_eq!(
            answer_deadline(date!(2028 - 02 - 29), true),
            Some(date!(2028 - 05 - 29))
        );
    }

    #[test]
    fn across_the_year_end() {
        assert_eq!(
            answer_deadline(date!(2026 - 12 - 31), false),
            Some(date!(2027 - 01 - 31))
        );
        assert_eq!(
            answer_deadline(date!(2026 - 12 - 15), true),
            Some(date!(2027 - 03 - 15))
        );
        assert_eq!(
            answer_deadline(date!(2026 - 11 - 30), true),
            Some(date!(2027 - 02 - 28))
        );
        assert_eq!(
            add_months_clamped(date!(2026 - 06 - 10), 0),
            Some(date!(2026 - 06 - 10))
        );
        assert_eq!(
            add_months_clamped(date!(2026 - 06 - 10), 24),
            Some(date!(2028 - 06 - 10))
        );
    }

    #[test]
    fn extension_counts_from_receipt() {
        assert_eq!(
            answer_deadline(date!(2026 - 01 - 31), true),
            Some(date!(2026 - 04 - 30))
        );
        assert_eq!(
            answer_deadline(date!(2026 - 03 - 31), true),
            Some(date!(2026 - 06 - 30))
        );
        assert_eq!(
            answer_deadline(date!(2027 - 11 - 30), true),
            Some(date!(2028 - 02 - 29))
        );
    }

    #[test]
    fn past_the_calendar_is_none() {
        assert_eq!(add_months_clamped(Date::MAX, 1), None);
    }

    #[test]
    fn state_against_today() {
        let due = date!(2026 - 02 - 28);
        assert_eq!(
            deadline_state(due, date!(2026 - 02 - 20)),
            DeadlineState::Open { days_left: 8 }
        );
        assert_eq!(
            deadline_state(due, due),
            DeadlineState::Open { days_left: 0 }
        );
        assert_eq!(
            deadline_state(due, date!(2026 - 03 - 02)),
            DeadlineState::Overdue { days: 2 }
        );
    }
}
