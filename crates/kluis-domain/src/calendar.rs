//! The calendar the rules count in: the UTC date of a stored moment, the organisation's local date (Central
//! European Time with EU summer time), retention periods counted as EU Regulation 1182/71 counts them, financial
//! years, and a person's age.

use crate::deadlines::add_months_clamped;
use crate::register::{Jurisdiction, Period, PeriodUnit};
use time::{Date, Duration, Month, OffsetDateTime, UtcOffset, Weekday};

/// A moment stored as milliseconds since the epoch (the store's timestamps), in UTC. `None` only past the end of
/// `time`'s calendar.
pub fn moment_of_ms(ms: i64) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok()
}

/// The UTC date of a moment stored as milliseconds since the epoch.
pub fn utc_date_of_ms(ms: i64) -> Option<Date> {
    moment_of_ms(ms).map(|t| t.date())
}

/// The UTC offset in force in the Netherlands and Belgium at `at`: CET (+1) in winter, CEST (+2) from 01:00 UTC on
/// the last Sunday of March until 01:00 UTC on the last Sunday of October (Directive 2000/84/EC). Both countries
/// share it, so the jurisdiction only names whose calendar it is.
pub fn local_offset(at: OffsetDateTime, jurisdiction: Jurisdiction) -> UtcOffset {
    match jurisdiction {
        Jurisdiction::Nl | Jurisdiction::Be => central_european_offset(at),
    }
}

fn central_european_offset(at: OffsetDateTime) -> UtcOffset {
    let utc = at.to_offset(UtcOffset::UTC);
    let year = utc.year();
    let switch =
        |month| last_sunday(year, month).map(|d| d.with_hms(1, 0, 0).map(|t| t.assume_utc()).ok());
    let summer = match (
        switch(Month::March).flatten(),
        switch(Month::October).flatten(),
    ) {
        (Some(start), Some(end)) => utc >= start && utc < end,
        _ => false,
    };
    let hours = if summer { 2 } else { 1 };
    UtcOffset::from_hms(hours, 0, 0).unwrap_or(UtcOffset::UTC)
}

fn last_sunday(year: i32, month: Month) -> Option<Date> {
    let last = Date::from_calendar_date(year, month, month.length(year)).ok()?;
    let back = i64::from(last.weekday().number_days_from_sunday());
    last.checked_sub(Duration::days(back))
        .filter(|d| d.weekday() == Weekday::Sunday)
}

/// The calendar day at `at` where the organisation is: a request received at 23:30 UTC on 31 January arrived on
/// 1 February in Amsterdam, and its deadline counts from there.
pub fn local_date(at: OffsetDateTime, jurisdiction: Jurisdiction) -> Date {
    at.to_offset(local_offset(at, jurisdiction)).date()
}

/// The last day a period counted from an event on `event` still runs: the event's own day is not counted, and a
/// period of months or years ends on the same day number (the month's last day when it has none), as EU
/// Regulation 1182/71 Art. 3 counts. Kept 7 years from 31 December 2019 means kept through 31 December 2026.
/// `None` only past the end of the calendar.
pub fn period_last_day(event: Date, period: Period) -> Option<Date> {
    let amount = period.amount;
    match period.unit {
        PeriodUnit::Days => event.checked_add(Duration::days(i64::from(amount))),
        PeriodUnit::Weeks => event.checked_add(Duration::weeks(i64::from(amount))),
        PeriodUnit::Months => add_months_clamped(event, amount),
        PeriodUnit::Years => add_months_clamped(event, amount.checked_mul(12)?),
    }
}

/// The first day after a period counted from `event`: the day an action at its end falls due.
pub fn period_due(event: Date, period: Period) -> Option<Date> {
    period_last_day(event, period)?.next_day()
}

/// The last day of the financial year that `date` belongs to, for a financial year ending on the last day of
/// `year_end` (December for a calendar year; a financial year ending 30 June puts 1 July in the next one).
pub fn end_of_financial_year(date: Date, year_end: Month) -> Option<Date> {
    let year = if (date.month() as u8) <= (year_end as u8) {
        date.year()
    } else {
        date.year().checked_add(1)?
    };
    Date::from_calendar_date(year, year_end, year_end.length(year)).ok()
}

/// Whole years of age on `on` of someone born on `birth`; `None` before birth. Someone born on 29 February turns a
/// year older on 1 March in other years: the later reading, so no one counts as old enough a day early.
pub fn age_on(birth: Date, on: Date) -> Option<u32> {
    if on < birth {
        return None;
    }
    let mut years = on.year() - birth.year();
    let birthday_passed = (on.month() as u8, on.day()) >= (birth.month() as u8, birth.day());
    if !birthday_passed {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// A date written `YYYY-MM-DD` (how relation fields hold dates), or `None` for anything else, including
/// impossible dates such as 2026-02-30.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    let mut parts = text.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(y) && all_digits(m) && all_digits(d)) {
        return None;
    }
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn years(n: u32) -> Period {
        Period {
            amount: n,
            unit: PeriodUnit::Years,
        }
    }

    #[test]
    fn local_date_follows_eu_summer_time() {
        let nl = Jurisdiction::Nl;
        // Winter: +1. 23:30 UTC on 31 January is 00:30 on 1 February in Amsterdam.
        assert_eq!(
            local_date(datetime!(2026-01-31 23:30 UTC), nl),
            date!(2026 - 02 - 01)
        );
        assert_eq!(
            local_date(datetime!(2026-01-31 22:59 UTC), nl),
            date!(2026 - 01 - 31)
        );
        // Summer: +2. 22:30 UTC on 30 June is already 1 July.
        assert_eq!(
            local_date(datetime!(2026-06-30 22:30 UTC), Jurisdiction::Be),
            date!(2026 - 07 - 01)
        );
        assert_eq!(
            local_date(datetime!(2026-06-30 21:59 UTC), Jurisdiction::Be),
            date!(2026 - 06 - 30)
        );
        // 2026: summer time from Sunday 29 March 01:00 UTC to Sunday 25 October 01:00 UTC.
        assert_eq!(
            local_offset(datetime!(2026-03-29 00:59 UTC), nl).whole_hours(),
            1
        );
        assert_eq!(
            local_offset(datetime!(2026-03-29 01:00 UTC), nl).whole_hours(),
            2
        );
        assert_eq!(
            local_offset(datetime!(2026-10-25 00:59 UTC), nl).whole_hours(),
            2
        );
        assert_eq!(
            local_offset(datetime!(2026-10-25 01:00 UTC), nl).whole_hours(),
            1
        );
        // An instant given in another offset is the same instant.
        assert_eq!(
            local_date(datetime!(2026-01-31 18:30 -05:00), nl),
            date!(2026 - 02 - 01)
        );
    }

    #[test]
    fn periods_end_on_the_same_day_number_and_fall_due_the_day_after() {
        assert_eq!(
            period_last_day(date!(2019 - 12 - 31), years(7)),
            Some(date!(2026 - 12 - 31))
        );
        assert_eq!(
            period_due(date!(2019 - 12 - 31), years(7)),
            Some(date!(2027 - 01 - 01))
        );
        // From a leap day: the next 29 February comes only every fourth year.
        assert_eq!(
            period_last_day(date!(2028 - 02 - 29), years(1)),
            Some(date!(2029 - 02 - 28))
        );
        assert_eq!(
            period_due(date!(2028 - 02 - 29), years(1)),
            Some(date!(2029 - 03 - 01))
        );
        assert_eq!(
            period_last_day(date!(2028 - 02 - 29), years(4)),
            Some(date!(2032 - 02 - 29))
        );
        let month = Period {
            amount: 1,
            unit: PeriodUnit::Months,
        };
        assert_eq!(
            period_last_day(date!(2026 - 01 - 31), month),
            Some(date!(2026 - 02 - 28))
        );
        assert_eq!(
            period_due(date!(2026 - 01 - 31), month),
            Some(date!(2026 - 03 - 01))
        );
        let weeks = Period {
            amount: 4,
            unit: PeriodUnit::Weeks,
        };
        assert_eq!(
            period_last_day(date!(2026 - 12 - 10), weeks),
            Some(date!(2027 - 01 - 07))
        );
        let days = Period {
            amount: 0,
            unit: PeriodUnit::Days,
        };
        assert_eq!(
            period_due(date!(2026 - 12 - 31), days),
            Some(date!(2027 - 01 - 01))
        );
        assert_eq!(period_last_day(Date::MAX, years(1)), None);
        assert_eq!(
            period_last_day(date!(2026 - 01 - 01), years(u32::MAX)),
            None
        );
    }

    #[test]
    fn financial_years() {
        assert_eq!(
            end_of_financial_year(date!(2026 - 01 - 01), Month::December),
            Some(date!(2026 - 12 - 31))
        );
        assert_eq!(
            end_of_financial_year(date!(2026 - 12 - 31), Month::December),
            Some(date!(2026 - 12 - 31))
        );
        assert_eq!(
            end_of_financial_year(date!(2026 - 06 - 30), Month::June),
            Some(date!(2026 - 06 - 30))
        );
        assert_eq!(
            end_of_financial_year(date!(2026 - 07 - 01), Month::June),
            Some(date!(2027 - 06 - 30))
        );
        // A year ending in February ends on the 29th in a leap year.
        assert_eq!(
            end_of_financial_year(date!(2027 - 03 - 01), Month::February),
            Some(date!(2028 - 02 - 29))
        );
        assert_eq!(
            end_of_financial_year(date!(2026 - 02 - 28), Month::February),
            Some(date!(2026 - 02 - 28))
        );
    }

    #[test]
    fn age_turns_on_the_birthday() {
        let birth = date!(2010 - 05 - 15);
        assert_eq!(age_on(birth, date!(2026 - 05 - 14)), Some(15));
        assert_eq!(age_on(birth, date!(2026 - 05 - 15)), Some(16));
        assert_eq!(age_on(birth, birth), Some(0));
        assert_eq!(age_on(birth, date!(2010 - 05 - 14)), None);
        // Born on a leap day: 28 February is not yet the birthday in a common year, 1 March is.
        let leap = date!(2008 - 02 - 29);
        assert_eq!(age_on(leap, date!(2024 - 02 - 28)), Some(15));
        assert_eq!(age_on(leap, date!(2024 - 02 - 29)), Some(16));
        assert_eq!(age_on(leap, date!(2025 - 02 - 28)), Some(16));
        assert_eq!(
            age_on(date!(2009 - 02 - 28), date!(2025 - 02 - 28)),
            Some(16)
        );
        assert_eq!(age_on(leap, date!(2021 - 02 - 28)), Some(12));
        assert_eq!(age_on(leap, date!(2021 - 03 - 01)), Some(13));
    }

    #[test]
    fn iso_dates_only_when_real() {
        assert_eq!(parse_iso_date("2028-02-29"), Some(date!(2028 - 02 - 29)));
        assert_eq!(parse_iso_date(" 2026-01-05 "), Some(date!(2026 - 01 - 05)));
        for bad in [
            "2026-02-29",
            "2026-02-30",
            "2026-13-01",
            "2026-1-5",
            "05-01-2026",
            "",
            "2026-01-05x",
            "+026-01-05",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }
}
