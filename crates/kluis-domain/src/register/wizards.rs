//! The organisation profile's rules: the Art. 30(5) and Art. 37 wizards, the register's review schedule, and the
//! KvK and KBO/BCE registration-number checks.
//!
//! Each verdict carries its reasons as stable keys, so the pages and exports can word them in the reader's
//! language and the stored rationale can sit next to them.

use super::model::{DpoAssessment, Jurisdiction, RegisterAssessment};
use crate::deadlines::add_months_clamped;
use serde::{Deserialize, Serialize};
use time::Date;

/// From this many persons employed, Art. 30(5)'s exemption does not apply.
pub const REGISTER_EMPLOYEE_THRESHOLD: u32 = 250;

/// How often the register is reviewed when the organisation has not chosen otherwise; the compliance check
/// also calls a register overdue after this many months without a review.
pub const DEFAULT_REVIEW_INTERVAL_MONTHS: u32 = 12;

vocabulary! {
    /// Why a wizard reached its verdict: one condition of the article, named by its key.
    Reason {
        /// Art. 30(5): 250 or more persons employed.
        Employees250 => "employees_250",
        /// Art. 30(5): the processing is likely to result in a risk to people's rights and freedoms.
        LikelyRisk => "likely_risk",
        /// Art. 30(5): the processing is not occasional (WP29: payroll and customer administration never are).
        NotOccasional => "not_occasional",
        /// Art. 30(5): special categories (Art. 9) or criminal data (Art. 10) are processed.
        SpecialOrCriminal => "special_or_criminal",
        /// Art. 30(5): none of its conditions hold, so the exemption applies.
        ExemptionApplies => "exemption_applies",
        /// Art. 37(1)(a): a public authority or body.
        PublicAuthority => "public_authority",
        /// Art. 37(1)(b): core activities of regular and systematic monitoring on a large scale.
        LargeScaleMonitoring => "large_scale_monitoring",
        /// Art. 37(1)(c): core activities of large-scale processing of special or criminal data.
        LargeScaleSpecial => "large_scale_special",
        /// Art. 37(1): none of (a)-(c) hold; a DPO is voluntary.
        DpoVoluntary => "dpo_voluntary",
    }
}

vocabulary! {
    /// The questions of the periodic review of the register, each answered yes or no with a note.
    ReviewItem {
        /// The activities in the register still describe what the organisation does.
        ActivitiesAccurate => "activities_accurate",
        /// New processing since the last review has been added to the register.
        NewProcessingAdded => "new_processing_added",
        /// Retention periods were honoured: data past its period was deleted, anonymised or restricted.
        RetentionHonoured => "retention_honoured",
        /// Processing agreements are signed and current for every processor.
        AgreementsCurrent => "agreements_current",
        /// The privacy statement matches the register.
        StatementUpToDate => "statement_up_to_date",
        /// Every breach since the last review is documented (Art. 33(5)).
        BreachesDocumented => "breaches_documented",
        /// Staff were trained and made aware of their duties.
        StaffTrained => "staff_trained",
        /// Who has access to personal data was reviewed.
        AccessReviewed => "access_reviewed",
    }
}

/// The Art. 30(5) wizard's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterVerdict {
    pub required: bool,
    /// Every condition that makes the register mandatory, or [`Reason::ExemptionApplies`] alone.
    pub reasons: Vec<Reason>,
}

/// The Art. 37 wizard's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DpoVerdict {
    pub required: bool,
    /// Every point of Art. 37(1)(a)-(c) that holds, or [`Reason::DpoVoluntary`] alone.
    pub reasons: Vec<Reason>,
}

/// Whether the organisation must keep a register of processing activities (Art. 30(5)): always from 250 persons
/// employed; below that, when the processing is likely to be a risk, is not occasional, or includes special or
/// criminal data. Unknown employees count as below the threshold: the other conditions still decide.
///
/// WP29's position paper on Art. 30(5) (19 April 2018) reads "not occasional" so that payroll, customer and
/// supplier administration are never occasional; almost every business with staff or customers therefore
/// keeps a register. The wizard's question says so.
pub fn register_required(a: &RegisterAssessment, employees: Option<u32>) -> RegisterVerdict {
    let mut reasons = Vec::new();
    if employees.is_some_and(|n| n >= REGISTER_EMPLOYEE_THRESHOLD) {
        reasons.push(Reason::Employees250);
    }
    if a.likely_risk {
        reasons.push(Reason::LikelyRisk);
    }
    if a.not_occasional {
        reasons.push(Reason::NotOccasional);
    }
    if a.special_or_criminal {
        reasons.push(Reason::SpecialOrCriminal);
    }
    let required = !reasons.is_empty();
    if !required {
        reasons.push(Reason::ExemptionApplies);
    }
    RegisterVerdict { required, reasons }
}

/// Whether the organisation must designate a data protection officer (Art. 37(1)(a)-(c)).
pub fn dpo_required(a: &DpoAssessment) -> DpoVerdict {
    let mut reasons = Vec::new();
    if a.public_authority {
        reasons.push(Reason::PublicAuthority);
    }
    if a.large_scale_monitoring {
        reasons.push(Reason::LargeScaleMonitoring);
    }
    if a.large_scale_special {
        reasons.push(Reason::LargeScaleSpecial);
    }
    let required = !reasons.is_empty();
    if !required {
        reasons.push(Reason::DpoVoluntary);
    }
    DpoVerdict { required, reasons }
}

/// When the next review is due: `interval_months` after the last one (clamped to the month's end); `None`
/// when the register was never reviewed (it is due now) or the date is out of range.
pub fn next_review(last: Option<Date>, interval_months: u32) -> Option<Date> {
    add_months_clamped(last?, interval_months)
}

/// Whether the register went unreviewed for too long: never reviewed, or no review in the last
/// [`DEFAULT_REVIEW_INTERVAL_MONTHS`] months (due on the anniversary, overdue from the day after).
pub fn review_overdue(last: Option<Date>, today: Date) -> bool {
    match next_review(last, DEFAULT_REVIEW_INTERVAL_MONTHS) {
        Some(due) => today > due,
        None => true,
    }
}

/// Why a registration number was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistrationError {
    /// A KvK number has exactly eight digits.
    KvkDigits,
    /// A KBO/BCE number has ten digits and starts with 0 or 1.
    KboDigits,
    /// The last two digits of a KBO/BCE number are not 97 minus the first eight modulo 97.
    KboCheck,
}

/// Checks a registration number against the jurisdiction's format and returns it in its canonical form (digits
/// only). Dots, spaces and a leading `BE` are accepted as people write them (`BE 0123.456.749`). An empty
/// number is allowed (not filled in yet) and stays empty.
///
/// NL: the Kamer van Koophandel number, eight digits (no check digit). BE: the KBO/BCE enterprise number, ten
/// digits starting with 0 or 1, whose last two digits are `97 - (first eight mod 97)`.
pub fn validate_registration_number(
    jurisdiction: Jurisdiction,
    number: &str,
) -> Result<String, RegistrationError> {
    let trimmed = number.trim();
    let without_prefix = trimmed
        .strip_prefix("BE")
        .or_else(|| trimmed.strip_prefix("be"))
        .unwrap_or(trimmed);
    let significant: String = without_prefix
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    if significant.is_empty() && trimmed.is_empty() {
        return Ok(String::new());
    }
    let all_digits = significant.chars().all(|c| c.is_ascii_digit());
    match jurisdiction {
        Jurisdiction::Nl => {
            if all_digits && significant.len() == 8 && without_prefix.len() == trimmed.len() {
                Ok(significant)
            } else {
                Err(RegistrationError::KvkDigits)
            }
        }
        Jurisdiction::Be => {
            if !all_digits || significant.len() != 10 || !significant.starts_with(['0', '1']) {
                return Err(RegistrationError::KboDigits);
            }
            if kbo_check_ok(&significant) {
                Ok(significant)
            } else {
                Err(RegistrationError::KboCheck)
            }
        }
    }
}

/// The KBO/BCE mod-97 check on ten ASCII digits.
fn kbo_check_ok(digits: &str) -> bool {
    let (Ok(base), Ok(check)) = (digits[..8].parse::<u64>(), digits[8..].parse::<u64>()) else {
        return false;
    };
    97 - base % 97 == check
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Month;

    fn d(y: i32, m: Month, day: u8) -> Date {
        Date::from_calendar_date(y, m, day).unwrap()
    }

    #[test]
    fn register_is_required_from_250_employees_whatever_the_answers() {
        let none = RegisterAssessment::default();
        let v = register_required(&none, Some(250));
        assert!(v.required);
        assert_eq!(v.reasons, vec![Reason::Employees250]);
        let v = register_required(&none, Some(249));
        assert!(!v.required);
        assert_eq!(v.reasons, vec![Reason::ExemptionApplies]);
        assert!(!register_required(&none, None).required);
    }

    #[test]
    fn register_reasons_name_every_condition_that_holds() {
        let a = RegisterAssessment {
            not_occasional: true,
            special_or_criminal: true,
            ..Default::default()
        };
        let v = register_required(&a, Some(12));
        assert!(v.required);
        assert_eq!(
            v.reasons,
            vec![Reason::NotOccasional, Reason::SpecialOrCriminal]
        );
        let risk = RegisterAssessment {
            likely_risk: true,
            ..Default::default()
        };
        assert_eq!(
            register_required(&risk, Some(300)).reasons,
            vec![Reason::Employees250, Reason::LikelyRisk]
        );
    }

    #[test]
    fn dpo_reasons_follow_points_a_to_c() {
        let v = dpo_required(&DpoAssessment::default());
        assert!(!v.required);
        assert_eq!(v.reasons, vec![Reason::DpoVoluntary]);
        let v = dpo_required(&DpoAssessment {
            public_authority: true,
            large_scale_special: true,
            ..Default::default()
        });
        assert!(v.required);
        assert_eq!(
            v.reasons,
            vec![Reason::PublicAuthority, Reason::LargeScaleSpecial]
        );
        let v = dpo_required(&DpoAssessment {
            large_scale_monitoring: true,
            ..Default::default()
        });
        assert_eq!(v.reasons, vec![Reason::LargeScaleMonitoring]);
    }

    #[test]
    fn next_review_adds_the_interval_clamped_to_the_month_end() {
        assert_eq!(next_review(None, 12), None);
        assert_eq!(
            next_review(Some(d(2026, Month::March, 15)), 12),
            Some(d(2027, Month::March, 15))
        );
        assert_eq!(
            next_review(Some(d(2026, Month::August, 31)), 6),
            Some(d(2027, Month::February, 28))
        );
    }

    #[test]
    fn register_is_overdue_after_twelve_months_or_when_never_reviewed() {
        let last = d(2025, Month::December, 7);
        assert!(review_overdue(None, d(2026, Month::January, 1)));
        assert!(!review_overdue(Some(last), d(2026, Month::June, 1)));
        assert!(!review_overdue(Some(last), d(2026, Month::December, 7)));
        assert!(review_overdue(Some(last), d(2026, Month::December, 8)));
    }

    #[test]
    fn kvk_numbers_have_eight_digits() {
        let nl = Jurisdiction::Nl;
        assert_eq!(
            validate_registration_number(nl, " 1234 5678 "),
            Ok("12345678".into())
        );
        assert_eq!(validate_registration_number(nl, ""), Ok(String::new()));
        assert_eq!(
            validate_registration_number(nl, "1234567"),
            Err(RegistrationError::KvkDigits)
        );
        assert_eq!(
            validate_registration_number(nl, "123456789"),
            Err(RegistrationError::KvkDigits)
        );
        assert_eq!(
            validate_registration_number(nl, "1234567a"),
            Err(RegistrationError::KvkDigits)
        );
        assert_eq!(
            validate_registration_number(nl, "BE12345678"),
            Err(RegistrationError::KvkDigits)
        );
    }

    #[test]
    fn kbo_numbers_pass_the_mod_97_check() {
        let be = Jurisdiction::Be;
        // 97 - (01234567 mod 97) = 97 - 48 = 49.
        assert_eq!(
            validate_registration_number(be, "BE 0123.456.749"),
            Ok("0123456749".into())
        );
        assert_eq!(
            validate_registration_number(be, "0123456749"),
            Ok("0123456749".into())
        );
        // A number starting with 1, its check computed by the formula.
        let base = 10_000_000u64;
        let check = 97 - base % 97;
        assert_eq!(
            validate_registration_number(be, &format!("{base:08}{check:02}")),
            Ok(format!("{base:08}{check:02}"))
        );
        assert_eq!(
            validate_registration_number(be, "0123456748"),
            Err(RegistrationError::KboCheck)
        );
        assert_eq!(
            validate_registration_number(be, "2123456749"),
            Err(RegistrationError::KboDigits)
        );
        assert_eq!(
            validate_registration_number(be, "012345674"),
            Err(RegistrationError::KboDigits)
        );
        assert_eq!(
            validate_registration_number(be, "12345678"),
            Err(RegistrationError::KboDigits)
        );
    }
}
