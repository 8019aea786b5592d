//! Check-digit and plausibility rules of the identifiers (11-proef, MOD 97-10, Luhn, calendar dates), IBANs of every
//! country of the SWIFT registry (`iban_registry`) included.

/// Digits of `s`, ignoring every other byte.
pub(crate) fn digits(s: &str) -> Vec<u8> {
    s.bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect()
}

/// Dutch 11-proef for BSN/RSIN (9 digits; 8-digit forms are zero-padded by the caller).
pub(crate) fn elfproef(d: &[u8]) -> bool {
    if d.len() != 9 || d.iter().all(|&x| x == 0) {
        return false;
    }
    let mut sum: i64 = 0;
    for (i, &x) in d[..8].iter().enumerate() {
        sum += (9 - i as i64) * i64::from(x);
    }
    sum -= i64::from(d[8]);
    sum.rem_euclid(11) == 0
}

/// BSN: 9 digits or 8 with the leading zero dropped.
pub(crate) fn bsn_valid(s: &str) -> bool {
    let mut d = digits(s);
    if d.len() == 8 {
        d.insert(0, 0);
    }
    elfproef(&d)
}

/// ISO 7064 MOD 97-10 over an alphanumeric string (letters A=10..Z=35), already rearranged.
fn mod97_alnum(s: impl Iterator<Item = u8>) -> Option<u32> {
    let mut r: u32 = 0;
    for b in s {
        let b = b.to_ascii_uppercase();
        if b.is_ascii_digit() {
            r = (r * 10 + u32::from(b - b'0')) % 97;
        } else if b.is_ascii_uppercase() {
            let v = u32::from(b - b'A') + 10;
            r = (r * 100 + v) % 97;
        } else {
            return None;
        }
    }
    Some(r)
}

/// IBAN without separators, upper-case: a country of the SWIFT registry, its length and BBAN structure, MOD 97-10
/// over the whole, and the national check digits of the countries whose BBAN carries checks of a published rule.
pub(crate) fn iban_valid(compact: &[u8]) -> bool {
    let Some(format) = compact
        .first_chunk::<2>()
        .and_then(|&cc| crate::iban_registry::format(cc))
    else {
        return false;
    };
    if compact.len() != usize::from(format.len)
        || !compact[..2].iter().all(u8::is_ascii_uppercase)
        || !compact[2..4].iter().all(u8::is_ascii_digit)
        || !format.fits(&compact[4..])
    {
        return false;
    }
    let rearranged = compact[4..].iter().chain(compact[..4].iter()).copied();
    mod97_alnum(rearranged) == Some(1) && bban_national_check(&compact[..2], &compact[4..])
}

/// The national check digits inside a BBAN (already known to fit its country's structure), for the countries
/// whose rule is published and settled; other countries pass.
fn bban_national_check(cc: &[u8], bban: &[u8]) -> bool {
    let d: Vec<u8> = bban.iter().map(|b| b.wrapping_sub(b'0')).collect();
    let number = |d: &[u8]| d.iter().fold(0u64, |a, &x| a * 10 + u64::from(x));
    match cc {
        // Bank, account, and the first ten digits mod 97 as the last two (97 for a remainder of 0).
        b"BE" => {
            let r = number(&d[..10]) % 97;
            (if r == 0 { 97 } else { r }) == number(&d[10..])
        }
        // The CCC's two control digits: one over "00" + bank + branch, one over the account number.
        b"ES" => {
            let head: Vec<u8> = [0, 0].iter().chain(&d[..8]).copied().collect();
            spanish_control(&head) == d[8] && spanish_control(&d[10..]) == d[9]
        }
        // The kontonummer's MOD 11 check digit.
        b"NO" => {
            const WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
            let sum: u32 = d[..10]
                .iter()
                .zip(WEIGHTS)
                .map(|(&x, w)| u32::from(x) * w)
                .sum();
            match 11 - sum % 11 {
                11 => d[10] == 0,
                10 => false,
                c => u32::from(d[10]) == c,
            }
        }
        // National check digits by ISO 7064 MOD 97-10 over the whole BBAN (so the IBAN's own check digits are the
        // same for every account of the country: BA39, ME25, MK07, PT50, RS35, SI56, TL38).
        b"BA" | b"ME" | b"MK" | b"PT" | b"RS" | b"SI" | b"TL" => {
            mod97_alnum(bban.iter().copied()) == Some(1)
        }
        _ => true,
    }
}

/// A control digit of a Spanish CCC over ten digits (weights 1, 2, 4, 8, 5, 10, 9, 7, 3, 6; 11 - sum mod 11, where
/// 11 reads 0 and 10 reads 1).
fn spanish_control(d: &[u8]) -> u8 {
    const WEIGHTS: [u32; 10] = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
    let sum: u32 = d.iter().zip(WEIGHTS).map(|(&x, w)| u32::from(x) * w).sum();
    match 11 - sum % 11 {
        11 => 0,
        10 => 1,
        c => c as u8,
    }
}

/// Belgian national number (rijksregisternummer) or BIS number, 11 digits: YYMMDD, a counter of three digits and
/// two check digits, 97 less the first nine digits mod 97, or less "2" and the nine digits mod 97 for a birth
/// from 2000 on. The month is 1 to 12, or 0 when the birth date is unknown or its day's counters ran out; a BIS
/// number adds 20 to it (sex unknown when the number was given) or 40 (sex known). The day is not checked: an
/// unknown day is written as 00 or as a number past the month's end.
pub(crate) fn be_nn_valid(d: &[u8]) -> bool {
    if d.len() != 11 || d.iter().any(|&x| x > 9) {
        return false;
    }
    let month = d[2] * 10 + d[3];
    if !matches!(month, 0..=12 | 20..=32 | 40..=52) {
        return false;
    }
    let first9: u64 = d[..9].iter().fold(0, |a, &x| a * 10 + u64::from(x));
    let check = u64::from(d[9]) * 10 + u64::from(d[10]);
    97 - first9 % 97 == check || 97 - (2_000_000_000 + first9) % 97 == check
}

/// Belgian enterprise / VAT number: 10 digits, first 0 or 1, (first8 + last2) mod 97 == 0.
pub(crate) fn be_vat_valid(d: &[u8]) -> bool {
    let d: Vec<u8> = if d.len() == 9 {
        std::iter::once(0).chain(d.iter().copied()).collect()
    } else {
        d.to_vec()
    };
    if d.len() != 10 || d[0] > 1 {
        return false;
    }
    let first8: u64 = d[..8].iter().fold(0, |a, &x| a * 10 + u64::from(x));
    let check = u64::from(d[8]) * 10 + u64::from(d[9]);
    first8 != 0 && (first8 + check).is_multiple_of(97)
}

/// Dutch btw-id `NL` + 9 digits + `B` + 2 digits, compacted and uppercase.
pub(crate) fn nl_vat_valid(compact: &[u8]) -> bool {
    if compact.len() != 14 || &compact[..2] != b"NL" || compact[11] != b'B' {
        return false;
    }
    let d: Vec<u8> = compact[2..11].iter().map(|b| b - b'0').collect();
    if elfproef(&d) {
        return true;
    }
    // New (2020+) numbers: MOD 97-10 over the whole string with NL = 2321.
    mod97_alnum(compact.iter().copied()) == Some(1)
}

/// Belgian eID card number: 12 digits, last 2 = first 10 mod 97 (0 → 97).
pub(crate) fn be_eid_valid(d: &[u8]) -> bool {
    if d.len() != 12 {
        return false;
    }
    let first10: u64 = d[..10].iter().fold(0, |a, &x| a * 10 + u64::from(x));
    let check = u64::from(d[10]) * 10 + u64::from(d[11]);
    let r = first10 % 97;
    (if r == 0 { 97 } else { r }) == check
}

/// Luhn checksum over a card number's digits.
pub(crate) fn luhn(d: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, &x) in d.iter().rev().enumerate() {
        let mut v = u32::from(x);
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum.is_multiple_of(10)
}

/// Issuer prefixes and lengths of the card schemes seen in NL/BE.
pub(crate) fn card_plausible(d: &[u8]) -> bool {
    let n = d.len();
    if !(13..=19).contains(&n) {
        return false;
    }
    let p2 = d[0] * 10 + d[1];
    let p4 = u32::from(p2) * 100 + u32::from(d[2]) * 10 + u32::from(d[3]);
    match d[0] {
        4 => matches!(n, 13 | 16 | 19),
        5 => (51..=55).contains(&p2) && n == 16,
        2 => (2221..=2720).contains(&p4) && n == 16,
        3 => (p2 == 34 || p2 == 37) && n == 15,
        6 => (p4 == 6011 || p2 == 65) && n == 16,
        _ => false,
    }
}

/// A real calendar date with a plausible year of birth.
pub(crate) fn date_valid(day: u32, month: u32, year: u32) -> bool {
    if !(1900..=2030).contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return false;
    }
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let max = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    day <= max
}

/// Month number of a Dutch, French or English month name or abbreviation (lowercase).
pub(crate) fn month_number(w: &str) -> Option<u32> {
    const MONTHS: [&[&str]; 12] = [
        &["januari", "jan", "janvier", "january", "janv"],
        &[
            "februari", "feb", "febr", "février", "fevrier", "february", "févr", "fev",
        ],
        &["maart", "mrt", "mars", "march", "mar"],
        &["april", "apr", "avril", "avr"],
        &["mei", "mai", "may"],
        &["juni", "jun", "juin", "june"],
        &["juli", "jul", "juillet", "july", "juil"],
        &["augustus", "aug", "août", "aout", "august"],
        &["september", "sep", "sept", "septembre"],
        &["oktober", "okt", "oct", "octobre", "october"],
        &["november", "nov", "novembre"],
        &["december", "dec", "décembre", "decembre", "déc"],
    ];
    MONTHS
        .iter()
        .position(|names| names.contains(&w))
        .map(|i| i as u32 + 1)
}
