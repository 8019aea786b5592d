//! IBANs in text: where one may start, how it is written (compact or in groups, any case) and whether it holds.
//!
//! A candidate starts at a country code of the registry (`iban_registry`) at a word start, with its two check
//! digits right after it or one blank after it. From there the reader takes the country's number of characters,
//! allowing a separator (one or two blanks, a no-break space, a dot or a dash) between any two of them, and
//! stops at the first character the country's BBAN structure does not allow. The result must then end where a
//! word ends and pass `checks::iban_valid` (length, structure, MOD 97-10, national check digits).

use crate::checks;
use crate::iban_registry;

/// The longest IBAN.
const MAX_LEN: usize = 34;

/// Bytes of the word class of an ASCII `\b`.
#[inline]
fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Where an IBAN may start when the two digits `s[i - 1]`, `s[i]` open a run of digits: a country code of the
/// registry right before them, or one blank before them, at a word start. Cheap enough for every such pair of a
/// digit line.
#[inline]
pub(crate) fn head_start(s: &[u8], i: usize) -> Option<usize> {
    let start = match s.get(i.checked_sub(2)?)? {
        c if c.is_ascii_alphabetic() => i.checked_sub(3)?,
        b' ' => i.checked_sub(4)?,
        _ => return None,
    };
    let cc = [s[start], s[start + 1]];
    let at_word_start = start == 0 || !is_word(s[start - 1]);
    (at_word_start && iban_registry::format(cc).is_some()).then_some(start)
}

/// The length of the separator at `i`: one or two blanks, a no-break space, a dot or a dash.
#[inline]
fn separator_len(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i..)? {
        [b' ', b' ', ..] => Some(2),
        [b' ' | b'.' | b'-', ..] => Some(1),
        [0xC2, 0xA0, ..] => Some(2),
        _ => None,
    }
}

/// The end of the IBAN written from `s` (a start [`head_start`] gave), when it is one.
pub(crate) fn read(b: &[u8], s: usize) -> Option<usize> {
    let format = iban_registry::format([*b.get(s)?, *b.get(s + 1)?])?;
    let len = usize::from(format.len);
    let mut compact = [0u8; MAX_LEN];
    compact[0] = b[s].to_ascii_uppercase();
    compact[1] = b[s + 1].to_ascii_uppercase();
    let mut i = s + 2;
    // Characters since the last separator: the printed groups are of four.
    let mut group = 2;
    if b.get(i) == Some(&b' ') {
        i += 1;
        group = 0;
    }
    for slot in &mut compact[2..4] {
        *slot = *b.get(i).filter(|c| c.is_ascii_digit())?;
        i += 1;
        group += 1;
    }
    let mut grouped = false;
    let mut n = 4;
    while n < len {
        let c = *b.get(i)?;
        if c.is_ascii_alphanumeric() {
            let c = c.to_ascii_uppercase();
            if !format.allows(n - 4, c) {
                return None;
            }
            compact[n] = c;
            n += 1;
            i += 1;
            group += 1;
            continue;
        }
        i += separator_len(b, i)?;
        if !b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
            return None;
        }
        grouped = true;
        group = 0;
    }
    // The IBAN ends where a word ends; in groups, a full last group followed by another group of digits and
    // capitals is a longer number (an IBAN of the wrong length), not an IBAN and something after it.
    if b.get(i).is_some_and(|&c| is_word(c)) {
        return None;
    }
    if grouped
        && group == 4
        && let Some(k) = separator_len(b, i)
    {
        let next: &[u8] = &b[i + k..];
        let run = next
            .iter()
            .take_while(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
            .count();
        let word_ends = next.get(run).is_none_or(|&c| !is_word(c));
        if run > 0 && word_ends && next[..run].iter().any(u8::is_ascii_digit) {
            return None;
        }
    }
    checks::iban_valid(&compact[..len]).then_some(i)
}

/// The IBANs of a line of text (`seg`), as spans within it.
pub(crate) fn find(seg: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut done = 0;
    for i in 1..seg.len() {
        let opens_digits = seg[i].is_ascii_digit()
            && seg[i - 1].is_ascii_digit()
            && (i < 2 || !seg[i - 2].is_ascii_digit());
        if !opens_digits {
            continue;
        }
        if let Some(s) = head_start(seg, i).filter(|&s| s >= done)
            && let Some(e) = read(seg, s)
        {
            out.push((s, e));
            done = e;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::find;

    fn found(t: &str) -> Vec<&str> {
        find(t.as_bytes()).iter().map(|&(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn written_forms() {
        for v in [
            "NL91ABNA0417164300",
            "NL91 ABNA 0417 1643 00",
            "nl91 abna 0417 1643 00",
            "NL91\u{a0}ABNA\u{a0}0417\u{a0}1643\u{a0}00",
            "NL91-ABNA-0417-1643-00",
            "BE 71 096-1234567-69",
            "NO 71 1234.56.78903",
            "TL 38 008 12345678901234 17",
            "MC34 1234 5678 9001 2345 6789 a42",
            "AL41 1234 5678 ABCD EFGH 1234 5678",
            "BR6112345678123451234567890K1",
            "SA93 12AA AA11 1111 1111 1111",
            "XK251234567890123456",
        ] {
            assert_eq!(found(&format!("naar {v}, dank")), vec![v], "{v}");
            assert_eq!(found(v), vec![v], "{v}");
        }
        // After a full last group, a word that is not more of the number.
        for t in ["BE71 0961 2345 6769 EUR", "BE71 0961 2345 6769 op 3 mei"] {
            assert_eq!(found(t), vec!["BE71 0961 2345 6769"], "{t}");
        }
    }

    /// Random lines of country codes, digits, letters, separators and multi-byte characters: no panic, and every
    /// span found is an IBAN that starts and ends on a character boundary.
    #[test]
    fn random_lines_give_whole_ibans_only() {
        let pieces = [
            "NL",
            "nl",
            "BE",
            "NO",
            "TL",
            "de",
            "91",
            "44",
            "ABNA",
            "0417",
            "1643",
            "00",
            " ",
            "  ",
            ".",
            "-",
            "\u{a0}",
            "é",
            "€",
            "_",
            "x",
            "7",
            "NL91ABNA0417164300",
            "BE71 0961 2345 6769",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut found_any = 0;
        for _ in 0..50_000 {
            let t: String = (0..1 + next(12))
                .map(|_| pieces[next(pieces.len())])
                .collect();
            for (s, e) in find(t.as_bytes()) {
                assert!(t.is_char_boundary(s) && t.is_char_boundary(e), "{t:?}");
                assert!(
                    crate::iban_valid(&t[s..e].replace(['.', '-', '\u{a0}'], "")),
                    "{t:?}"
                );
                found_any += 1;
            }
        }
        assert!(
            found_any > 100,
            "too few IBANs to say anything: {found_any}"
        );
    }

    #[test]
    fn wrong_structure_length_or_word_edges() {
        for t in [
            // Passes MOD 97 with a letter inside the Dutch account number.
            "NL19 RABO 0123 4A67 89",
            // A letter where Bulgaria has digits, a digit where Gibraltar has letters.
            "BG30 ABCD 1A34 5678 9012 34",
            "GI50 AB1D 1234 5678 9012 345",
            // Too long, compact and in groups; too short.
            "NL91ABNA04171643001",
            "AT11 1234 5678 9012 3456 78",
            "BE71 0961 2345 6769 1234",
            "BA18 1234 5678 9012 34",
            // Inside a word; an unknown country.
            "XNL91ABNA0417164300",
            "QQ12 3456 7890 1234",
        ] {
            assert!(found(t).is_empty(), "{t}");
        }
    }
}
