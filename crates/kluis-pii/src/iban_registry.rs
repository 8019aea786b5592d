//! The SWIFT IBAN registry as data: each country's IBAN length and BBAN structure, checked when the crate builds.
//!
//! One line per country: its ISO 3166 code, its English name, the IBAN's total length (country code and check
//! digits included) and the BBAN's structure written as the registry writes it: segments of `<count>!<class>`,
//! where the class is `n` (digits), `a` (upper-case letters) or `c` (upper-case letters and digits) and `!` means
//! the count is fixed. A new country is one more line; a line whose structure does not add up to its length
//! stops the build.

/// (code, name, IBAN length, BBAN structure), in the registry's order.
const COUNTRIES: &[(&str, &str, u8, &str)] = &[
    ("AD", "Andorra", 24, "4!n4!n12!c"),
    ("AE", "United Arab Emirates", 23, "3!n16!n"),
    ("AL", "Albania", 28, "8!n16!c"),
    ("AT", "Austria", 20, "5!n11!n"),
    ("AZ", "Azerbaijan", 28, "4!a20!c"),
    ("BA", "Bosnia and Herzegovina", 20, "3!n3!n8!n2!n"),
    ("BE", "Belgium", 16, "3!n7!n2!n"),
    ("BG", "Bulgaria", 22, "4!a4!n2!n8!c"),
    ("BH", "Bahrain", 22, "4!a14!c"),
    ("BI", "Burundi", 27, "5!n5!n11!n2!n"),
    ("BR", "Brazil", 29, "8!n5!n10!n1!a1!c"),
    ("BY", "Belarus", 28, "4!c4!n16!c"),
    ("CH", "Switzerland", 21, "5!n12!c"),
    ("CR", "Costa Rica", 22, "4!n14!n"),
    ("CY", "Cyprus", 28, "3!n5!n16!c"),
    ("CZ", "Czechia", 24, "4!n6!n10!n"),
    ("DE", "Germany", 22, "8!n10!n"),
    ("DJ", "Djibouti", 27, "5!n5!n11!n2!n"),
    ("DK", "Denmark", 18, "4!n9!n1!n"),
    ("DO", "Dominican Republic", 28, "4!c20!n"),
    ("EE", "Estonia", 20, "2!n2!n11!n1!n"),
    ("EG", "Egypt", 29, "4!n4!n17!n"),
    ("ES", "Spain", 24, "4!n4!n1!n1!n10!n"),
    ("FI", "Finland", 18, "3!n11!n"),
    ("FK", "Falkland Islands", 18, "2!a12!n"),
    ("FO", "Faroe Islands", 18, "4!n9!n1!n"),
    ("FR", "France", 27, "5!n5!n11!c2!n"),
    ("GB", "United Kingdom", 22, "4!a6!n8!n"),
    ("GE", "Georgia", 22, "2!a16!n"),
    ("GI", "Gibraltar", 23, "4!a15!c"),
    ("GL", "Greenland", 18, "4!n9!n1!n"),
    ("GR", "Greece", 27, "3!n4!n16!c"),
    ("GT", "Guatemala", 28, "4!c20!c"),
    ("HN", "Honduras", 28, "4!a20!n"),
    ("HR", "Croatia", 21, "7!n10!n"),
    ("HU", "Hungary", 28, "3!n4!n1!n15!n1!n"),
    ("IE", "Ireland", 22, "4!a6!n8!n"),
    ("IL", "Israel", 23, "3!n3!n13!n"),
    ("IQ", "Iraq", 23, "4!a3!n12!n"),
    ("IS", "Iceland", 26, "4!n2!n6!n10!n"),
    ("IT", "Italy", 27, "1!a5!n5!n12!c"),
    ("JO", "Jordan", 30, "4!a4!n18!c"),
    ("KW", "Kuwait", 30, "4!a22!c"),
    ("KZ", "Kazakhstan", 20, "3!n13!c"),
    ("LB", "Lebanon", 28, "4!n20!c"),
    ("LC", "Saint Lucia", 32, "4!a24!c"),
    ("LI", "Liechtenstein", 21, "5!n12!c"),
    ("LT", "Lithuania", 20, "5!n11!n"),
    ("LU", "Luxembourg", 20, "3!n13!c"),
    ("LV", "Latvia", 21, "4!a13!c"),
    ("LY", "Libya", 25, "3!n3!n15!n"),
    ("MC", "Monaco", 27, "5!n5!n11!c2!n"),
    ("MD", "Moldova", 24, "2!c18!c"),
    ("ME", "Montenegro", 22, "3!n13!n2!n"),
    ("MK", "North Macedonia", 19, "3!n10!c2!n"),
    ("MN", "Mongolia", 20, "4!n12!n"),
    ("MR", "Mauritania", 27, "5!n5!n11!n2!n"),
    ("MT", "Malta", 31, "4!a5!n18!c"),
    ("MU", "Mauritius", 30, "4!a2!n2!n12!n3!n3!a"),
    ("NI", "Nicaragua", 28, "4!a20!n"),
    ("NL", "Netherlands", 18, "4!a10!n"),
    ("NO", "Norway", 15, "4!n6!n1!n"),
    ("OM", "Oman", 23, "3!n16!c"),
    ("PK", "Pakistan", 24, "4!a16!c"),
    ("PL", "Poland", 28, "8!n16!n"),
    ("PS", "Palestine", 29, "4!a21!c"),
    ("PT", "Portugal", 25, "4!n4!n11!n2!n"),
    ("QA", "Qatar", 29, "4!a21!c"),
    ("RO", "Romania", 24, "4!a16!c"),
    ("RS", "Serbia", 22, "3!n13!n2!n"),
    ("RU", "Russia", 33, "9!n5!n15!c"),
    ("SA", "Saudi Arabia", 24, "2!n18!c"),
    ("SC", "Seychelles", 31, "4!a2!n2!n16!n3!a"),
    ("SD", "Sudan", 18, "2!n12!n"),
    ("SE", "Sweden", 24, "3!n16!n1!n"),
    ("SI", "Slovenia", 19, "5!n8!n2!n"),
    ("SK", "Slovakia", 24, "4!n6!n10!n"),
    ("SM", "San Marino", 27, "1!a5!n5!n12!c"),
    ("SO", "Somalia", 23, "4!n3!n12!n"),
    ("ST", "Sao Tome and Principe", 25, "4!n4!n11!n2!n"),
    ("SV", "El Salvador", 28, "4!a20!n"),
    ("TL", "Timor-Leste", 23, "3!n14!n2!n"),
    ("TN", "Tunisia", 24, "2!n3!n13!n2!n"),
    ("TR", "Turkey", 26, "5!n1!n16!c"),
    ("UA", "Ukraine", 29, "6!n19!c"),
    ("VA", "Vatican City State", 22, "3!n15!n"),
    ("VG", "British Virgin Islands", 24, "4!a16!n"),
    ("XK", "Kosovo", 20, "4!n10!n2!n"),
    ("YE", "Yemen", 30, "4!a4!n18!c"),
];

/// The longest BBAN an IBAN can hold (34 characters less the country code and check digits).
const MAX_BBAN: usize = 30;

/// One country's format: the IBAN's length and the class of each BBAN position (`b'n'`, `b'a'` or `b'c'`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Format {
    pub(crate) len: u8,
    classes: [u8; MAX_BBAN],
}

impl Format {
    /// Whether `c` (upper-case) may stand at position `i` of the BBAN.
    #[inline]
    pub(crate) fn allows(&self, i: usize, c: u8) -> bool {
        match self.classes.get(i) {
            Some(b'n') => c.is_ascii_digit(),
            Some(b'a') => c.is_ascii_uppercase(),
            Some(b'c') => c.is_ascii_digit() || c.is_ascii_uppercase(),
            _ => false,
        }
    }

    /// Whether `bban` (upper-case) has this country's length and structure.
    pub(crate) fn fits(&self, bban: &[u8]) -> bool {
        bban.len() + 4 == usize::from(self.len)
            && bban.iter().enumerate().all(|(i, &c)| self.allows(i, c))
    }
}

/// The index of a country code in [`FORMATS`], for two ASCII letters of either case.
#[inline]
fn slot(cc: [u8; 2]) -> Option<usize> {
    let (a, b) = (cc[0].to_ascii_uppercase(), cc[1].to_ascii_uppercase());
    (a.is_ascii_uppercase() && b.is_ascii_uppercase())
        .then(|| usize::from(a - b'A') * 26 + usize::from(b - b'A'))
}

/// The format of the country `cc` (two ASCII letters, either case), when the registry has it.
#[inline]
pub(crate) fn format(cc: [u8; 2]) -> Option<&'static Format> {
    FORMATS[slot(cc)?].as_ref()
}

/// Every registry line parsed, by country code (`AA` to `ZZ`).
static FORMATS: [Option<Format>; 26 * 26] = parse_all();

/// Parses [`COUNTRIES`] while the crate builds: a malformed line is a build error.
const fn parse_all() -> [Option<Format>; 26 * 26] {
    let mut out = [None; 26 * 26];
    let mut k = 0;
    while k < COUNTRIES.len() {
        let (code, _, len, structure) = COUNTRIES[k];
        let code = code.as_bytes();
        assert!(
            code.len() == 2 && code[0].is_ascii_uppercase() && code[1].is_ascii_uppercase(),
            "a country code is two capitals"
        );
        let at = (code[0] - b'A') as usize * 26 + (code[1] - b'A') as usize;
        assert!(out[at].is_none(), "a country is listed twice");
        out[at] = Some(parse(structure.as_bytes(), len));
        k += 1;
    }
    out
}

/// One structure string ("4!a10!n") as the class of each BBAN position; its positions must add up to `len - 4`.
const fn parse(s: &[u8], len: u8) -> Format {
    let mut classes = [0u8; MAX_BBAN];
    let (mut i, mut pos) = (0, 0);
    while i < s.len() {
        let mut count = 0usize;
        while i < s.len() && s[i].is_ascii_digit() {
            count = count * 10 + (s[i] - b'0') as usize;
            i += 1;
        }
        assert!(
            count > 0 && i + 1 < s.len() && s[i] == b'!',
            "a segment is <count>!<class>"
        );
        let class = s[i + 1];
        assert!(matches!(class, b'n' | b'a' | b'c'), "a class is n, a or c");
        assert!(
            pos + count <= MAX_BBAN,
            "a BBAN holds at most 30 characters"
        );
        let mut j = 0;
        while j < count {
            classes[pos + j] = class;
            j += 1;
        }
        pos += count;
        i += 2;
    }
    assert!(
        pos + 4 == len as usize,
        "the structure adds up to the IBAN length less 4"
    );
    Format { len, classes }
}

#[cfg(test)]
mod tests {
    use super::{COUNTRIES, format};

    #[test]
    fn every_listed_country_is_found_in_either_case() {
        for &(code, name, len, _) in COUNTRIES {
            let b = code.as_bytes();
            let f = format([b[0], b[1]]).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(f.len, len, "{name}");
            let lower = format([b[0].to_ascii_lowercase(), b[1].to_ascii_lowercase()]);
            assert_eq!(lower.map(|f| f.len), Some(len), "{name}");
        }
        assert!(format(*b"XX").is_none());
        assert!(format(*b"1A").is_none());
        assert!(format([0xC3, 0xA9]).is_none());
    }

    #[test]
    fn positions_follow_the_structure() {
        let nl = format(*b"NL").expect("NL");
        assert!(nl.fits(b"ABNA0417164300"));
        assert!(!nl.fits(b"ABNA041716430"));
        assert!(!nl.fits(b"3003A17164300X"));
        assert!(!nl.fits(b"AB1A0417164300"));
        let br = format(*b"BR").expect("BR");
        assert!(br.fits(b"12345678123451234567890K1"));
        assert!(!br.fits(b"1234567812345123456789011"));
    }
}
