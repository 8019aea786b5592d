//! Per-value checks and canonical forms of what a customer file holds: e-mail, phone (E.164), NL/BE postcodes,
//! dates, IBAN, BSN and rijksregisternummer (check digits from kluis-pii, the scanner's own).

use crate::rows::Reason;
use kluis_domain::EntityType;
use kluis_domain::relations::RelationField;
use time::{Date, Month};

/// Which country's rules apply to a row's phone number and postcode, from its country cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Country {
    Nl,
    Be,
    /// Given, and neither: its postcodes are kept as written.
    Other,
    /// No country given: NL or BE forms are accepted.
    Unknown,
}

impl Country {
    pub fn of(cell: Option<&str>) -> Country {
        let Some(c) = cell.map(str::trim).filter(|c| !c.is_empty()) else {
            return Country::Unknown;
        };
        let c = c.to_lowercase();
        match c.as_str() {
            "nl" | "nld" | "nederland" | "netherlands" | "the netherlands" | "holland"
            | "pays-bas" | "niederlande" => Country::Nl,
            "be" | "bel" | "belgië" | "belgie" | "belgium" | "belgique" | "belgien" => Country::Be,
            _ => Country::Other,
        }
    }
}

/// The canonical form of `value` for `field`, or why it is refused. Fields without rules are trimmed.
pub(crate) fn check(
    field: RelationField,
    value: &str,
    country: Country,
    today: Date,
) -> Result<String, Reason> {
    let v = value.trim();
    // A leading `'` is how spreadsheet users keep a leading zero (`'0612345678`); in a structured value it is
    // never part of it.
    let structured = !matches!(
        field,
        RelationField::GivenName
            | RelationField::FamilyName
            | RelationField::CompanyName
            | RelationField::Street
            | RelationField::City
            | RelationField::JobTitle
            | RelationField::Health
            | RelationField::SickLeave
    );
    let v = if structured {
        v.trim_start_matches('\'').trim_start()
    } else {
        v
    };
    match field {
        RelationField::Email => normalize_email(v).ok_or(Reason::InvalidEmail),
        RelationField::Phone => normalize_phone(v, country).ok_or(Reason::InvalidPhone),
        RelationField::Postcode => match country {
            Country::Other => Ok(v.to_owned()),
            _ => normalize_postcode(v, country).ok_or(Reason::InvalidPostcode),
        },
        RelationField::DateOfBirth => {
            let d = normalize_date(v)?;
            if d > today {
                return Err(Reason::ImpossibleDate);
            }
            Ok(iso(d))
        }
        RelationField::Iban => normalize_iban(v).ok_or(Reason::InvalidIban),
        RelationField::Bsn => {
            let d: String = v.chars().filter(char::is_ascii_digit).collect();
            let only_digits = v
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-'));
            if only_digits
                && matches!(d.len(), 8 | 9)
                && kluis_pii::national_id_types(v).contains(&EntityType::Bsn)
            {
                Ok(format!("{d:0>9}"))
            } else {
                Err(Reason::InvalidBsn)
            }
        }
        RelationField::BeNationalNumber => {
            let d: String = v.chars().filter(char::is_ascii_digit).collect();
            if d.len() == 11
                && kluis_pii::national_id_types(v).contains(&EntityType::BeNationalNumber)
            {
                Ok(d)
            } else {
                Err(Reason::InvalidBeNationalNumber)
            }
        }
        // NL and BE in any language become their ISO code; other countries are kept as written.
        RelationField::Country => Ok(match Country::of(Some(v)) {
            Country::Nl => "NL".to_owned(),
            Country::Be => "BE".to_owned(),
            _ => v.to_owned(),
        }),
        RelationField::VatNumber | RelationField::RegistrationNumber => Ok(v
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_uppercase()),
        _ => Ok(v.to_owned()),
    }
}

/// A syntactically plausible address, lowercased: one `@`, a local part of at most 64 characters without spaces,
/// a domain of letter/digit/hyphen labels with a dot and a top level of two letters or more.
pub fn normalize_email(v: &str) -> Option<String> {
    let v = v.trim().trim_start_matches("mailto:");
    let (local, domain) = v.split_once('@')?;
    if local.is_empty()
        || local.len() > 64
        || v.len() > 254
        || domain.contains('@')
        || local.starts_with('.')
        || local.ends_with('.')
        || local.contains("..")
        || !local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c))
    {
        return None;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2
        || labels.iter().any(|l| {
            l.is_empty()
                || l.starts_with('-')
                || l.ends_with('-')
                || !l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
    {
        return None;
    }
    let tld = labels.last()?;
    if tld.chars().count() < 2 || !tld.chars().all(char::is_alphabetic) {
        return None;
    }
    Some(v.to_lowercase())
}

/// E.164 (`+31612345678`) from the ways Dutch and Belgian numbers are written: `06-12345678`, `020 123 4567`,
/// `+31 (0)6 1234 5678`, `0031 6…`, `0470 12 34 56`, `+32 2 123 45 67`. A national number (leading 0) is Dutch
/// when it has 10 digits and Belgian when it has 9, or as the row's country says; the digit counts of +31 and +32
/// are checked, other countries only against E.164's 8 to 15 digits.
pub fn normalize_phone(v: &str, country: Country) -> Option<String> {
    let v = v.trim().replace("(0)", "");
    if v.is_empty()
        || !v
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '.' | '(' | ')' | '/'))
    {
        return None;
    }
    if v.matches('+').count() > 1 || (v.contains('+') && !v.starts_with('+')) {
        return None;
    }
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    let international = if v.starts_with('+') {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_owned()
    } else if digits.len() == 9 && digits.starts_with('6') && country != Country::Be {
        // A Dutch mobile number typed into Excel as a number loses its 0 (`612345678`).
        format!("31{digits}")
    } else if let Some(rest) = digits.strip_prefix('0') {
        let cc = match (country, digits.len()) {
            (Country::Be, 9 | 10) => "32",
            (Country::Nl, 10) => "31",
            (Country::Unknown | Country::Other, 10) => "31",
            (Country::Unknown | Country::Other, 9) => "32",
            _ => return None,
        };
        format!("{cc}{rest}")
    } else {
        return None;
    };
    let ok = match international.as_bytes() {
        [b'3', b'1', rest @ ..] => rest.len() == 9 && rest[0] != b'0',
        [b'3', b'2', rest @ ..] => matches!(rest.len(), 8 | 9) && rest[0] != b'0',
        [b'0', ..] => false,
        _ => (8..=15).contains(&international.len()),
    };
    ok.then(|| format!("+{international}"))
}

/// `1234 AB` (NL: first digit not 0, letters not SA, SD or SS) or `1234` (BE: 1000–9999), as the country allows.
pub fn normalize_postcode(v: &str, country: Country) -> Option<String> {
    let compact: String = v
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let compact = compact
        .strip_prefix("NL-")
        .or_else(|| compact.strip_prefix("B-"))
        .or_else(|| compact.strip_prefix("BE-"))
        .unwrap_or(&compact);
    let b = compact.as_bytes();
    let digits_ok = b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit) && b[0] != b'0';
    if !digits_ok {
        return None;
    }
    let nl = b.len() == 6
        && b[4..].iter().all(u8::is_ascii_uppercase)
        && !matches!(&b[4..], b"SA" | b"SD" | b"SS");
    let be = b.len() == 4;
    match country {
        Country::Nl if nl => Some(format!("{} {}", &compact[..4], &compact[4..])),
        Country::Be if be => Some(compact.to_owned()),
        Country::Unknown if nl => Some(format!("{} {}", &compact[..4], &compact[4..])),
        Country::Unknown if be => Some(compact.to_owned()),
        _ => None,
    }
}

/// A date written `yyyy-mm-dd`, `dd-mm-yyyy`, `d-m-yyyy`, `d/m/yyyy` or `d.m.yyyy` (day first, as in NL and BE).
/// A date that does not exist (31-02-2020) is [`Reason::ImpossibleDate`]; any other form [`Reason::InvalidDate`].
pub fn normalize_date(v: &str) -> Result<Date, Reason> {
    let v = v.trim();
    // XLSX dates with a time of day: the day is what counts.
    let v = v.split_once(' ').map_or(v, |(d, _)| d);
    let parts: Vec<&str> = v.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(Reason::InvalidDate);
    };
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(Reason::InvalidDate);
    }
    let (y, m, d) = if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
        (a, b, c)
    } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        (c, b, a)
    } else {
        return Err(Reason::InvalidDate);
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u8>(), d.parse::<u8>()) else {
        return Err(Reason::InvalidDate);
    };
    if y < 1800 {
        return Err(Reason::ImpossibleDate);
    }
    let month = Month::try_from(m).map_err(|_| Reason::ImpossibleDate)?;
    Date::from_calendar_date(y, month, d).map_err(|_| Reason::ImpossibleDate)
}

/// An IBAN without spaces, uppercase, when its country length and MOD 97-10 hold (kluis-pii's check).
pub fn normalize_iban(v: &str) -> Option<String> {
    let compact: String = v
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
        .collect::<String>()
        .to_ascii_uppercase();
    kluis_pii::iban_valid(&compact).then_some(compact)
}

pub(crate) fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn emails() {
        assert_eq!(
            normalize_email(" Eva.Jansen@Example.NL ").as_deref(),
            Some("eva.jansen@example.nl")
        );
        for bad in [
            "eva",
            "eva@",
            "@example.nl",
            "eva@example",
            "eva@@example.nl",
            "eva jansen@example.nl",
            "eva@example.n",
            "eva@-x.nl",
            "eva..j@example.nl",
            "eva@example.nl;piet@example.nl",
        ] {
            assert_eq!(normalize_email(bad), None, "{bad}");
        }
    }

    #[test]
    fn phones_to_e164() {
        let u = Country::Unknown;
        assert_eq!(
            normalize_phone("06-12345678", u).as_deref(),
            Some("+31612345678")
        );
        assert_eq!(
            normalize_phone("+31 (0)6 1234 5678", u).as_deref(),
            Some("+31612345678")
        );
        assert_eq!(
            normalize_phone("0031 20 123 4567", u).as_deref(),
            Some("+31201234567")
        );
        assert_eq!(
            normalize_phone("02 123 45 67", u).as_deref(),
            Some("+3221234567")
        );
        assert_eq!(
            normalize_phone("0470 12 34 56", Country::Be).as_deref(),
            Some("+32470123456")
        );
        assert_eq!(
            normalize_phone("+49 30 1234567", u).as_deref(),
            Some("+49301234567")
        );
        for bad in [
            "12345",
            "06-1234",
            "+31 6 1234 56789",
            "tel: 06",
            "0612345678 ext",
            "+3161+2",
        ] {
            assert_eq!(normalize_phone(bad, u), None, "{bad}");
        }
        // Without a country a 10-digit national number is Dutch (NL has 047x area codes too).
        assert_eq!(
            normalize_phone("0470 12 34 56", u).as_deref(),
            Some("+31470123456")
        );
        assert_eq!(normalize_phone("02 123 45 67", Country::Nl), None);
    }

    #[test]
    fn postcodes() {
        let u = Country::Unknown;
        assert_eq!(normalize_postcode("1234ab", u).as_deref(), Some("1234 AB"));
        assert_eq!(normalize_postcode("1000", u).as_deref(), Some("1000"));
        assert_eq!(normalize_postcode("1000", Country::Nl), None);
        assert_eq!(normalize_postcode("1234 AB", Country::Be), None);
        for bad in ["0123 AB", "1234 SS", "123", "12345", "1234 A1"] {
            assert_eq!(normalize_postcode(bad, u), None, "{bad}");
        }
        assert_eq!(
            check(
                RelationField::Postcode,
                "10115",
                Country::Other,
                date!(2026 - 01 - 01)
            ),
            Ok("10115".to_owned())
        );
    }

    #[test]
    fn dates() {
        for ok in [
            "2024-02-29",
            "29-02-2024",
            "29/2/2024",
            "29.02.2024",
            "2024-2-29",
        ] {
            assert_eq!(normalize_date(ok), Ok(date!(2024 - 02 - 29)), "{ok}");
        }
        for impossible in [
            "31-02-2020",
            "2023-02-29",
            "00-01-2020",
            "12-13-2020",
            "01-01-1066",
        ] {
            assert_eq!(
                normalize_date(impossible),
                Err(Reason::ImpossibleDate),
                "{impossible}"
            );
        }
        for bad in ["2020", "1-2-20", "next week", "2020/01", "1-2-3-2020"] {
            assert_eq!(normalize_date(bad), Err(Reason::InvalidDate), "{bad}");
        }
        let today = date!(2026 - 03 - 01);
        assert_eq!(
            check(
                RelationField::DateOfBirth,
                "02-03-2026",
                Country::Unknown,
                today
            ),
            Err(Reason::ImpossibleDate)
        );
        assert_eq!(
            check(
                RelationField::DateOfBirth,
                "1-3-1980",
                Country::Unknown,
                today
            ),
            Ok("1980-03-01".to_owned())
        );
    }

    #[test]
    fn countries() {
        let t = date!(2026 - 01 - 01);
        let u = Country::Unknown;
        for (v, want) in [
            ("Nederland", "NL"),
            ("belgië", "BE"),
            ("Belgique", "BE"),
            ("Duitsland", "Duitsland"),
        ] {
            assert_eq!(check(RelationField::Country, v, u, t), Ok(want.to_owned()));
        }
    }

    #[test]
    fn identifiers_use_the_scanner_checks() {
        let t = date!(2026 - 01 - 01);
        let u = Country::Unknown;
        assert_eq!(
            check(RelationField::Iban, "nl91 abna 0417 1643 00", u, t),
            Ok("NL91ABNA0417164300".to_owned())
        );
        assert_eq!(
            check(RelationField::Iban, "NL91ABNA0417164301", u, t),
            Err(Reason::InvalidIban)
        );
        assert_eq!(
            check(RelationField::Bsn, "111222333", u, t),
            Ok("111222333".to_owned())
        );
        assert_eq!(
            check(RelationField::Bsn, "111222334", u, t),
            Err(Reason::InvalidBsn)
        );
        assert_eq!(
            check(RelationField::BeNationalNumber, "85.07.30-033.28", u, t),
            Ok("85073003328".to_owned())
        );
        assert_eq!(
            check(RelationField::BeNationalNumber, "85.07.30-033.29", u, t),
            Err(Reason::InvalidBeNationalNumber)
        );
    }
}
