//! Person names and street addresses: a first-name gazetteer plus the structure of Dutch, Belgian and French
//! documents (labels, titles, salutations, signatures, the line above an address, street-name suffixes).

use crate::Finding;
use crate::detect::{Hit, Scan};
use crate::vocab::Kw;
use crate::vocab::names::*;
use kluis_domain::EntityType as E;
use std::hash::{BuildHasherDefault, Hasher};

/// The word sets of this module: short keys looked up per capitalised word, so a fast multiply-rotate hash
/// (rustc's FxHash) instead of SipHash; the keys are fixed word lists and the text's own words, iteration order
/// is never used.
type HashSet<K> = std::collections::HashSet<K, BuildHasherDefault<FxHasher>>;

#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in chunks.by_ref() {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            self.add(u64::from_le_bytes(a));
        }
        let mut a = [0u8; 8];
        let r = chunks.remainder();
        a[..r.len()].copy_from_slice(r);
        self.add(u64::from_le_bytes(a) ^ ((r.len() as u64) << 59));
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

const FIRST_NAMES: &str = include_str!("../data/first_names.txt");
const SURNAMES: &str = include_str!("../data/surnames.txt");
const EXTRA_FIRST_NAMES: &str = include_str!("../data/first_names_extra.txt");

/// The longest of [`PARTICLES`] in bytes.
const LONGEST_PARTICLE: usize = byte_len_bound(PARTICLES, true);

/// The length in bytes of the longest (`longest`) or the shortest word of `words`, for tests that skip a list
/// lookup by length alone.
const fn byte_len_bound(words: &[&str], longest: bool) -> usize {
    let mut n = if longest { 0 } else { usize::MAX };
    let mut i = 0;
    while i < words.len() {
        let l = words[i].len();
        if (longest && l > n) || (!longest && l < n) {
            n = l;
        }
        i += 1;
    }
    n
}

/// The shortest of [`ORG_HEADS`] in bytes.
const SHORTEST_ORG_HEAD: usize = byte_len_bound(ORG_HEADS, false);

fn org_compound(lower: &[u8]) -> bool {
    // Most words end in two letters no head ends in ("Jansen", "Bakker"): one test before the list.
    let [.., a, b] = lower else {
        return false;
    };
    ORG_ENDINGS.contains(&[*a, *b])
        && ORG_HEADS
            .iter()
            .any(|h| lower.len() >= h.len() + 3 && lower.ends_with(h.as_bytes()))
}

/// The last two bytes of every head in [`ORG_HEADS`].
static ORG_ENDINGS: std::sync::LazyLock<Vec<[u8; 2]>> = std::sync::LazyLock::new(|| {
    ORG_HEADS
        .iter()
        .filter_map(|h| h.as_bytes().last_chunk::<2>().copied())
        .collect()
});

pub(crate) struct Gazetteer {
    /// Folded hashes of the first names, for the tokenising pass.
    pub(crate) first_hashes: crate::gate::WordSet<()>,
    first: HashSet<String>,
    last: HashSet<String>,
    stop: HashSet<&'static [u8]>,
    particles: HashSet<&'static [u8]>,
    /// Word hashes of the stop words and of the particles: most name words find their bit clear and skip the
    /// sets' string hashing and comparison (a set bit only means "look in the set").
    stop_or_particle: crate::gate::WordSet<()>,
}

impl Gazetteer {
    pub(crate) fn build() -> Gazetteer {
        let words = |s: &str| -> HashSet<String> {
            s.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_lowercase)
                .collect()
        };
        let stop: HashSet<&'static [u8]> = STOP.iter().map(|w| w.as_bytes()).collect();
        let mut first = words(FIRST_NAMES);
        first.extend(words(EXTRA_FIRST_NAMES));
        // A first name that is also an everyday capitalised word is no evidence on its own.
        first.retain(|w| !stop.contains(w.as_bytes()) && w.chars().count() > 1);
        let last = words(SURNAMES);
        let mut first_hashes = crate::gate::WordSet::new();
        for w in &first {
            first_hashes.entry(crate::gate::word_hash_of(w.as_bytes()));
        }
        let mut stop_or_particle = crate::gate::WordSet::new();
        for w in STOP.iter().chain(PARTICLES) {
            stop_or_particle.entry(crate::gate::word_hash_of(w.as_bytes()));
        }
        Gazetteer {
            first_hashes,
            first,
            last,
            stop,
            particles: PARTICLES.iter().map(|w| w.as_bytes()).collect(),
            stop_or_particle,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// Capitalised word ("Jansen", "Noëlle", "McDonald", "Jan-Willem").
    Cap,
    /// All capitals ("JANSEN").
    Upper,
    Particle,
    Other,
}

/// Reads one word at `i`: letters with inner hyphens or apostrophes; returns its end.
fn word_end(t: &str, i: usize) -> usize {
    // Most words are ASCII letters followed by a byte that neither continues nor joins them.
    let b = t.as_bytes();
    let n = crate::words::letter_run(&b[i..]);
    if b.get(i + n)
        .is_none_or(|&c| c < 0x80 && !matches!(c, b'-' | b'\''))
    {
        return i + n;
    }
    let mut end = i;
    let mut chars = t[i..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        if c.is_alphabetic() {
            end = i + k + c.len_utf8();
        } else if matches!(c, '-' | '\'' | '’') && end == i + k {
            // An inner joiner only when a letter follows.
            match chars.peek() {
                Some(&(_, n)) if n.is_alphabetic() => {}
                _ => break,
            }
        } else {
            break;
        }
    }
    end
}

/// `w` lowercased: ASCII text that fits in `buf` is lowered there (the same result as `to_lowercase`, no
/// allocation).
/// [`lower`] as bytes: an ASCII word needs no check that its lowercase copy is still UTF-8.
fn lower_bytes<'b>(w: &'b str, buf: &'b mut [u8]) -> std::borrow::Cow<'b, [u8]> {
    if w.is_ascii() && w.len() <= buf.len() {
        let low = &mut buf[..w.len()];
        low.copy_from_slice(w.as_bytes());
        low.make_ascii_lowercase();
        return std::borrow::Cow::Borrowed(low);
    }
    std::borrow::Cow::Owned(w.to_lowercase().into_bytes())
}

fn lower<'b>(w: &'b str, buf: &'b mut [u8]) -> std::borrow::Cow<'b, str> {
    if w.is_ascii() && w.len() <= buf.len() {
        for (d, s) in buf.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        if let Ok(l) = std::str::from_utf8(&buf[..w.len()]) {
            return std::borrow::Cow::Borrowed(l);
        }
    }
    std::borrow::Cow::Owned(w.to_lowercase())
}

impl Gazetteer {
    fn classify(&self, t: &str, s: usize, e: usize) -> Tok {
        let w = &t[s..e];
        let mut buf = [0u8; 32];
        let short = crate::words::ascii_lower16(t.as_bytes(), s, e - s);
        let lower = match &short {
            Some(a) => std::borrow::Cow::Borrowed(&a[..e - s]),
            None => lower_bytes(w, &mut buf),
        };
        // Cheap tests first: a bit for the stop words and particles, particles are short, elided particles open
        // with one of four letters, organisation heads need three bytes before them.
        let listed = self
            .stop_or_particle
            .get(crate::gate::word_hash_of(&lower))
            .is_some();
        if listed && lower.len() <= LONGEST_PARTICLE && self.particles.contains(&*lower) {
            return Tok::Particle;
        }
        // "d'Hondt", "l'Olivier", "O'Brien": an elided particle glued to a capitalised surname.
        if matches!(w.as_bytes().first(), Some(b'd' | b'l' | b'D' | b'O'))
            && let Some(rest) = ["d'", "d’", "l'", "l’", "D'", "D’", "O'", "O’"]
                .iter()
                .find_map(|p| w.strip_prefix(p))
            && rest.chars().next().is_some_and(char::is_uppercase)
            && rest.chars().any(char::is_lowercase)
        {
            return Tok::Cap;
        }
        let mut cs = w.chars();
        let Some(c0) = cs.next() else {
            return Tok::Other;
        };
        if !c0.is_uppercase() {
            return Tok::Other;
        }
        if listed && self.stop.contains(&*lower)
            || lower.len() >= SHORTEST_ORG_HEAD + 3 && org_compound(&lower)
        {
            return Tok::Other;
        }
        let rest = cs.as_str();
        if rest.is_empty() {
            return Tok::Other;
        }
        let no_lowercase = if rest.is_ascii() {
            !rest.bytes().any(|c| c.is_ascii_lowercase())
        } else {
            rest.chars().all(|c| !c.is_lowercase())
        };
        if no_lowercase {
            return Tok::Upper;
        }
        Tok::Cap
    }

    pub(crate) fn is_first(&self, w: &str) -> bool {
        if w.is_ascii() && w.len() <= 32 {
            let mut buf = [0u8; 32];
            for (d, s) in buf.iter_mut().zip(w.bytes()) {
                *d = s.to_ascii_lowercase();
            }
            return std::str::from_utf8(&buf[..w.len()]).is_ok_and(|l| self.first.contains(l));
        }
        self.first.contains(&w.to_lowercase())
    }

    /// Given names that also name a place or a brand ("Sofia", "Victoria", "Mercedes"): not enough on their own.
    pub(crate) fn place_like(&self, w: &str) -> bool {
        [
            "florence", "sofia", "victoria", "sydney", "georgia", "jordan", "chelsea", "austin",
            "madison", "mercedes", "lourdes", "india", "paris", "valencia",
        ]
        .iter()
        .any(|p| w.eq_ignore_ascii_case(p))
    }

    pub(crate) fn is_known(&self, w: &str) -> bool {
        let mut buf = [0u8; 32];
        let l = lower(w, &mut buf);
        self.first.contains(l.as_ref()) || self.last.contains(l.as_ref())
    }
}

/// A parsed name: span, number of name words, and whether it looks like an organisation.
pub(crate) struct Parsed {
    pub start: usize,
    pub end: usize,
    pub words: usize,
    pub company: bool,
    pub first_word: (usize, usize),
}

/// Parses a name starting at `i`: capitalised words, particles and initials separated by spaces on one line.
pub(crate) fn parse_name(
    g: &Gazetteer,
    t: &str,
    mut i: usize,
    allow_upper: bool,
) -> Option<Parsed> {
    let b = t.as_bytes();
    let start = i;
    let mut end = None;
    let mut words = 0;
    let mut count = 0;
    let mut first_word = (i, i);
    let mut company = false;
    loop {
        if i >= b.len() {
            break;
        }
        // Initials: "J." or "J.P." or "Ł." (an uppercase letter followed by a dot).
        if initial_len(t, i) > 0 {
            let mut j = i;
            while let n @ 1.. = initial_len(t, j) {
                j += n;
            }
            // "Bakkerij Van Os B.V.": a legal form written as initials ends an organisation's name.
            if words > 0
                && ["B.V.", "N.V.", "V.O.F.", "C.V."]
                    .iter()
                    .any(|f| t[i..j].eq_ignore_ascii_case(f))
            {
                company = true;
                break;
            }
            if words == 0 {
                first_word = (i, j);
            }
            end = Some(j);
            words += 1;
            i = j;
        } else if b[i] == b'(' && words > 0 {
            // A call name in brackets: "H.J.M. (Henk) van den Broek".
            let Some(close) = t[i..].find(')') else { break };
            let inner = &t[i + 1..i + close];
            if inner.is_empty() || close > 24 || !inner.chars().all(char::is_alphabetic) {
                break;
            }
            i += close + 1;
        } else if ["'t ", "'s ", "’t ", "’s "]
            .iter()
            .any(|p| t[i..].starts_with(p))
        {
            i += if b[i] == b'\'' { 2 } else { 4 };
        } else {
            let we = word_end(t, i);
            if we == i {
                break;
            }
            let kind = g.classify(t, i, we);
            match kind {
                Tok::Particle => {}
                Tok::Cap => {
                    if words == 0 {
                        first_word = (i, we);
                    }
                    end = Some(we);
                    words += 1;
                }
                Tok::Upper if allow_upper => {
                    if words == 0 {
                        first_word = (i, we);
                    }
                    end = Some(we);
                    words += 1;
                }
                _ => {
                    let mut buf = [0u8; 32];
                    let l = lower(&t[i..we], &mut buf);
                    if matches!(
                        &*l,
                        "bv" | "nv"
                            | "vof"
                            | "bvba"
                            | "gmbh"
                            | "ltd"
                            | "groep"
                            | "group"
                            | "holding"
                            | "beheer"
                            | "sa"
                            | "sprl"
                            | "srl"
                            | "vzw"
                            | "asbl"
                    ) {
                        company = true;
                    }
                    break;
                }
            }
            i = we;
        }
        count += 1;
        if count >= 7 {
            break;
        }
        // Separator: spaces on the same line, or "&" (which marks a firm).
        let mut j = i;
        while j < b.len() && (b[j] == b' ' || (b[j] == 0xC2 && j + 1 < b.len() && b[j + 1] == 0xA0))
        {
            j += if b[j] == b' ' { 1 } else { 2 };
        }
        if j == i || j - i > 3 {
            break;
        }
        if j < b.len() && b[j] == b'&' {
            company = true;
            break;
        }
        i = j;
    }
    let end = end?;
    // "Royal Middelkoop BV", "Jansen & Zn": organisations, not people.
    let tail = &t[end..];
    if tail.starts_with(" B.V") || tail.starts_with(" N.V") || tail.starts_with(" &") {
        company = true;
    }
    Some(Parsed {
        start,
        end,
        words,
        company,
        first_word,
    })
}

/// Length of an initial ("J.", "Ł.") at `i`, 0 when there is none.
fn initial_len(t: &str, i: usize) -> usize {
    let Some(c) = t.get(i..).and_then(|r| r.chars().next()) else {
        return 0;
    };
    let n = c.len_utf8();
    if c.is_uppercase() && t.as_bytes().get(i + n) == Some(&b'.') {
        n + 1
    } else {
        0
    }
}

pub(crate) fn emit(out: &mut Vec<Finding>, t: &str, s: usize, e: usize, score: f32) {
    let v = t[s..e].trim_end_matches(['-', '\'', '’']);
    let e = s + v.len();
    if e > s {
        out.push(Finding::span(E::PersonName, s, e, score));
    }
}

/// Skips spaces and tabs (not line breaks).
fn skip_blank(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t') {
        i += 1;
    }
    i
}

/// True when the name at `end` heads an organisation's block: a KvK or VAT number in the next lines of the same
/// block, or a department line right below ("Afdeling Inkoop").
fn org_block(scan: &Scan<'_>, end: usize) -> bool {
    let full = scan.text;
    // Bounded look-ahead: a text without line breaks must stay linear.
    let cap = crate::detect::floor_char(full, (end + 1024).min(full.len()));
    let t = &full[..cap];
    // Lines from the line index: the first line break at or after `end` (the text's length closes a last line
    // without one, never below `cap`), then the lines after it, the last one cut at `cap`.
    let ends = &scan.line_ends;
    let j = ends.partition_point(|&e| e < end);
    let Some(&nl) = ends.get(j).filter(|&&e| e < cap) else {
        return false;
    };
    let from = nl + 1;
    let mut block_end = from;
    let (mut ls, mut n) = (from, 0);
    while ls < cap {
        let le = ends
            .get(j + 1 + n)
            .filter(|&&e| e < cap)
            .map_or(cap, |&e| e + 1);
        let line = &t[ls..le];
        ls = le;
        let l = line.trim_start();
        if n == 0 {
            let head = &l[..crate::detect::floor_char(l, l.len().min(16))];
            let mut buf = [0u8; 16];
            let low = lower(head, &mut buf);
            if [
                "afdeling ",
                "department ",
                "dept.",
                "service ",
                "dienst ",
                "département ",
            ]
            .iter()
            .any(|p| low.starts_with(p))
            {
                return true;
            }
        }
        if l.trim().is_empty() || n >= 4 {
            break;
        }
        block_end += line.len();
        n += 1;
    }
    let i = scan.hits.partition_point(|h| h.start < from);
    scan.hits[i..]
        .iter()
        .take_while(|h| h.start < block_end)
        .any(|h| matches!(h.kw, Kw::Kvk | Kw::Vat))
}

pub(crate) fn person_names(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let g = &scan.det.names;
    let t = scan.text;
    let b = t.as_bytes();

    // 1. Context: labels, titles, closings, ID-document fields.
    for &Hit { end, kw, .. } in &scan.hits {
        let (start_at, allow_upper, min_words_unknown) = match kw {
            Kw::NameLabel | Kw::NameUpper => (skip_blank(b, end), kw == Kw::NameUpper, 2),
            Kw::NameTitle => {
                let mut j = end;
                if j < b.len() && b[j] == b'.' {
                    j += 1;
                }
                let k = skip_blank(b, j);
                if k == j {
                    continue;
                }
                (k, false, 1)
            }
            Kw::NameNextLine => {
                let mut j = end;
                let mut nl = 0;
                while j < b.len()
                    && matches!(
                        b[j],
                        b' ' | b'\t' | b',' | b':' | b'!' | b'.' | b'\r' | b'\n'
                    )
                {
                    if b[j] == b'\n' {
                        nl += 1;
                    }
                    j += 1;
                }
                if nl > 2 {
                    continue;
                }
                (j, false, 2)
            }
            _ => continue,
        };
        if start_at >= b.len() || !t.is_char_boundary(start_at) {
            continue;
        }
        let Some(p) = parse_name(g, t, start_at, allow_upper) else {
            continue;
        };
        if p.company || p.words == 0 {
            continue;
        }
        let fw = &t[p.first_word.0..p.first_word.1];
        // "Dokter Esdoornhout 180", "Prinses Irenelaan 4": a title word that opens a street name.
        let street = kw == Kw::NameTitle
            && t[p.end..]
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        if street {
            continue;
        }
        if p.words >= min_words_unknown || g.is_known(fw) || kw == Kw::NameUpper {
            emit(out, t, p.start, p.end, 0.8);
        }
    }

    // 1b. Lists of people after a label ("Aanwezig: Peter, Sandra en Lisa (notulist)").
    for h in scan.hits.iter().filter(|h| h.kw == Kw::NameList) {
        let lim = crate::detect::floor_char(t, (h.end + 400).min(t.len()));
        let line_end = t[h.end..lim].find('\n').map_or(lim, |k| h.end + k);
        let mut i = skip_blank(b, h.end);
        while i < line_end {
            // Next item: up to a comma, semicolon or conjunction.
            let rest = &t[i..line_end];
            let mut cut = rest.find([',', ';']).unwrap_or(rest.len());
            for conj in [" en ", " and ", " et ", " & "] {
                if let Some(k) = rest[..cut].find(conj) {
                    cut = k;
                }
            }
            let item_end = i + cut;
            if t.is_char_boundary(i)
                && t[i..].starts_with(|c: char| c.is_uppercase())
                && let Some(p) = parse_name(g, t, i, false)
                && !p.company
                && p.end <= item_end
                && (p.words >= 2 || g.is_known(&t[p.first_word.0..p.first_word.1]))
            {
                emit(out, t, p.start, p.end, 0.7);
            }
            // Skip the separator.
            let mut j = item_end;
            for conj in [" en ", " and ", " et ", " & "] {
                if t[j..line_end].starts_with(conj) {
                    j += conj.len();
                }
            }
            while j < line_end && matches!(b[j], b',' | b';' | b' ') {
                j += 1;
            }
            if j <= i {
                break;
            }
            i = j;
        }
    }

    // 2. The field before an address ("Jan Jansen\nKerkstraat 1", table rows "Jan Jansen\tKerkstraat 1").
    let addr: Vec<(usize, usize)> = out
        .iter()
        .filter(|f| f.entity == E::Address)
        .map(|f| (f.start, f.end))
        .collect();
    for (s, _) in addr {
        let mut j = s;
        while j > 0 && b[j - 1] == b' ' {
            j -= 1;
        }
        if j == 0 || !matches!(b[j - 1], b'\n' | b'\t' | b';' | b',' | b'|') {
            continue;
        }
        let mut fe = j - 1;
        if b[fe] == b'\n' && fe > 0 && b[fe - 1] == b'\r' {
            fe -= 1;
        }
        // The field opens after the last line break, tab, semicolon or bar before it, at most 200 bytes back.
        let floor = fe.saturating_sub(200);
        let lo = scan.line_bounds(fe).0.max(floor);
        let fs = memchr::memrchr3(b'\t', b';', b'|', &b[lo..fe]).map_or(lo, |k| lo + k + 1);
        if fs == floor && fs > 0 || !t.is_char_boundary(fs) {
            continue;
        }
        let mut field = t[fs..fe].trim_end_matches([',', ' ', '"']);
        // "West-Francië, van": particle written after the surname, as in sorted lists.
        let mut inverted = None;
        if let Some((head, tail)) = field.rsplit_once(", ")
            && !tail.is_empty()
            && tail
                .split(' ')
                .all(|w| g.particles.contains(w.to_lowercase().as_bytes()))
        {
            inverted = Some(fs + field.len());
            field = head;
        }
        let lead = field.len() - field.trim_start_matches([' ', '"']).len();
        let ns = fs + lead;
        let fe = fs + field.len();
        if ns >= fe {
            continue;
        }
        // "Fam. El Idrissi", "Dhr. Kaya": a title makes one word enough.
        let titled_at = skip_title(t, ns);
        let titled = titled_at > ns && titled_at < fe;
        let Some(p) = parse_name(g, t, titled_at, true) else {
            continue;
        };
        if p.company || p.end != fe || p.words == 0 {
            continue;
        }
        if titled && !org_block(scan, p.end) {
            emit(out, t, p.start, p.end, 0.75);
            continue;
        }
        let p = Parsed {
            end: inverted.unwrap_or(p.end),
            ..p
        };
        if (p.words >= 2 || g.is_known(&t[p.first_word.0..p.first_word.1]))
            && !org_block(scan, p.end)
        {
            emit(out, t, p.start, p.end, 0.75);
        }
    }

    // 3. A name spelled out beside its e-mail address ("lotte.demarduras@…" ↔ "Lotte de Marduras"), within
    // 300 bytes (Purview's proximity): finds names outside any list.
    let emails: Vec<(usize, usize)> = out
        .iter()
        .filter(|f| f.entity == E::Email)
        .map(|f| (f.start, f.end))
        .collect();
    for (es, ee) in emails {
        let local = t[es..ee].split('@').next().unwrap_or("");
        let parts: Vec<&str> = local
            .split(['.', '_', '-'])
            .filter(|p| !p.is_empty())
            .collect();
        if parts.len() < 2
            || parts[0].len() < 2
            || !parts
                .iter()
                .all(|p| p.bytes().all(|c| c.is_ascii_alphabetic()))
        {
            continue;
        }
        let want: String = parts.concat().to_ascii_lowercase();
        let lo = crate::detect::floor_char(t, es.saturating_sub(300));
        let hi = crate::detect::floor_char(t, (ee + 300).min(t.len()));
        // Word starts with a capital (or a lead byte from 0xC3) in `lo..hi`: the keyword pass listed them.
        let first = scan.caps.partition_point(|&k| k < lo);
        for &k in scan.caps[first..].iter().take_while(|&&k| k < hi) {
            let c = b[k];
            // Cheap first-letter test before folding the word (ASCII capitals only; others take the slow path).
            let first_ok =
                !c.is_ascii_uppercase() || c.eq_ignore_ascii_case(&parts[0].as_bytes()[0]);
            if first_ok
                && fold_ascii(&t[k..word_end(t, k)]) == parts[0].to_ascii_lowercase()
                && let Some(p) = parse_name(g, t, k, true)
                && !p.company
                && fold_ascii(&t[p.start..p.end]) == want
            {
                emit(out, t, p.start, p.end, 0.8);
            }
        }
    }

    // 3b. Line structure: labels without a colon, labels above their value, chat speakers, greetings.
    line_structure(scan, out);
    // 3c. A display name before its address in angle brackets ("Aylin Kaya <a.kaya@…>").
    display_names(scan, out);
    // 3d. A name in apposition ("Aylin Kaya, geboren op …", "…, hierna te noemen huurder").
    appositions(scan, out);
    // 3e. Lines that open with a name and a role or remark ("Ferzia da Furres - ACV-delegee").
    name_lists(scan, out);
    // 3f. A surname in capitals before a given name ("Monsieur DUPONT Marc").
    caps_surname_first(scan, out);
    // 3g. An initial before a surname ("door S. de Vries", "(K. Ramdin)").
    initialled_names(scan, out);

    // 4. Gazetteer: a known first name followed by a surname.
    for &(i, we) in &scan.first_names {
        let w = &t[i..we];
        if (2..=20).contains(&(we - i))
            && g.is_first(w)
            && g.classify(t, i, we) == Tok::Cap
            && let Some(p) = parse_name(g, t, i, false)
        {
            let after_digit = t[p.end..]
                .strip_prefix(' ')
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
            if p.words >= 2 && !p.company && !after_digit && !org_block(scan, p.end) {
                emit(out, t, p.start, p.end, 0.85);
            } else if p.words == 1
                && !p.company
                && (after_relation(b, i) || verb_follows(t, p.end) && !g.place_like(w))
            {
                // Below the propagation threshold: a given name that is also a product stays where it is.
                emit(out, t, p.start, p.end, 0.65);
            }
        }
    }

    // 4b. Prose: two or more name words right after a word that introduces a person ("sprak ik met Freke
    // Vandenwaeldof over…"), not at a sentence start and ending before a lowercase word or punctuation.
    // The intro word is the whole run of ASCII lowercase letters before the space, opening the text or after a
    // space: then it is a word of the keyword pass, which lists every occurrence of an intro word.
    for &(ws, k) in &scan.intros {
        if ws > 0 && b[ws - 1] != b' ' || b.get(k) != Some(&b' ') {
            continue;
        }
        let i = k + 1;
        if !b
            .get(i)
            .is_some_and(|&c| c >= 0xC3 || c.is_ascii_uppercase())
        {
            continue;
        }
        if let Some(p) = parse_name(g, t, i, false)
            && !p.company
            && p.words >= 2
            && p.start == p.first_word.0
            && t[p.end..]
                .chars()
                .next()
                .is_none_or(|c| c.is_lowercase() || matches!(c, ' ' | ',' | '.' | ';' | ')'))
            && t[p.end..]
                .strip_prefix(' ')
                .is_none_or(|r| r.starts_with(|c: char| c.is_lowercase() || c == '(' || c == '<'))
            && !org_block(scan, p.end)
            && (pronoun_follows(t, p.end) || signing_intro(&t[..ws]))
        {
            emit(out, t, p.start, p.end, 0.6);
        }
    }

    // 5. Every other occurrence of a given name or surname of a name found above ("Omdat Freke lid is…").
    propagate(scan, out);
}

/// Family and partner words before a given name ("mijn vrouw Elif", "onze zoon Daan", "ma fille Inès", "my wife
/// Priya"): a known given name alone after them is that person.
fn is_relation(w: &[u8]) -> bool {
    matches!(
        w,
        b"vrouw"
            | b"man"
            | b"echtgenote"
            | b"echtgenoot"
            | b"partner"
            | b"vriendin"
            | b"vriend"
            | b"zoon"
            | b"zoontje"
            | b"dochter"
            | b"dochtertje"
            | b"moeder"
            | b"vader"
            | b"broer"
            | b"zus"
            | b"zusje"
            | b"broertje"
            | b"oma"
            | b"opa"
            | b"kleinzoon"
            | b"kleindochter"
            | b"schoonmoeder"
            | b"schoonvader"
            | b"femme"
            | b"mari"
            | b"compagne"
            | b"compagnon"
            | b"fils"
            | b"fille"
            | b"fr\xc3\xa8re"
            | b"s\xc5\x93ur"
            | b"m\xc3\xa8re"
            | b"p\xc3\xa8re"
            | b"wife"
            | b"husband"
            | b"son"
            | b"daughter"
            | b"mother"
            | b"father"
            | b"brother"
            | b"sister"
            | b"girlfriend"
            | b"boyfriend"
    )
}

/// Verbs that take a person as subject, right after a lone given name ("Priya is deze week thuis", "Jeroen neemt
/// haar klanten over", "Karim a appelé", "Sarah called"): then the given name is that person.
fn is_person_verb(w: &str) -> bool {
    // A `match` on the word: the compiler dispatches on length and bytes instead of comparing list entries.
    matches!(
        w,
        "is" | "was"
            | "heeft"
            | "had"
            | "neemt"
            | "nam"
            | "komt"
            | "kwam"
            | "gaat"
            | "ging"
            | "belt"
            | "belde"
            | "meldt"
            | "meldde"
            | "zegt"
            | "zei"
            | "vraagt"
            | "vroeg"
            | "werkt"
            | "werkte"
            | "zal"
            | "wil"
            | "wilde"
            | "kan"
            | "kon"
            | "moet"
            | "mag"
            | "woont"
            | "start"
            | "begint"
            | "begon"
            | "krijgt"
            | "kreeg"
            | "stuurt"
            | "stuurde"
            | "mailt"
            | "mailde"
            | "ligt"
            | "lag"
            | "zit"
            | "zat"
            | "blijft"
            | "bleef"
            | "geeft"
            | "gaf"
            | "vertelt"
            | "vertelde"
            | "laat"
            | "liet"
            | "opende"
            | "sloot"
            | "heb"
            | "est"
            | "était"
            | "sera"
            | "travaille"
            | "habite"
            | "vient"
            | "viendra"
            | "a"
            | "has"
            | "will"
            | "would"
            | "can"
            | "called"
            | "said"
            | "asked"
            | "works"
            | "lives"
            | "joined"
            | "left"
            | "starts"
            | "started"
    )
}

/// The word after `end` (one space between) is a verb of [`is_person_verb`] followed by a space.
fn verb_follows(t: &str, end: usize) -> bool {
    let Some(rest) = t[end..].strip_prefix(' ') else {
        return false;
    };
    let w = rest.split(' ').next().unwrap_or("");
    w.len() < rest.len() && is_person_verb(w)
}

/// The word before `i` (one space between) is a family or partner word.
fn after_relation(b: &[u8], i: usize) -> bool {
    if i < 2 || b[i - 1] != b' ' {
        return false;
    }
    let e = i - 1;
    let mut s = e;
    while s > 0 && (b[s - 1].is_ascii_lowercase() || b[s - 1] >= 0x80) {
        s -= 1;
    }
    (s == 0 || !b[s - 1].is_ascii_alphanumeric()) && is_relation(&b[s..e])
}

/// Marks the other whole-word occurrences of the first and last words of multi-word names already found.
fn propagate(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let g = &scan.det.names;
    let t = scan.text;
    let b = t.as_bytes();
    let mut tokens: HashSet<&str> = HashSet::default();
    // Only names from structure or the gazetteer seed this: a weak guess must not spread through a document.
    for f in out
        .iter()
        .filter(|f| f.entity == E::PersonName && f.score >= 0.7)
    {
        let v = &t[f.start..f.end];
        if v.contains(',') {
            continue;
        }
        // Its words, the runs of bytes other than a space: only the first and the last count.
        let mut words = v
            .split(' ')
            .scan(f.start, |at, w| {
                let s = *at;
                *at += w.len() + 1;
                Some((s, w))
            })
            .filter(|(_, w)| !w.is_empty());
        let Some(first) = words.next() else {
            continue;
        };
        let Some(last) = words.last() else {
            // A lone word seeds only when it is a known given name ("Bilal" as a chat speaker, "Dag Aylin,").
            let (s, w) = first;
            if w.chars().count() >= 3 && g.classify(t, s, s + w.len()) == Tok::Cap && g.is_first(w)
            {
                tokens.insert(w);
            }
            continue;
        };
        for (s, w) in [first, last] {
            // `classify` reads only the word: a token already in the set needs no second look.
            if !tokens.contains(w)
                && w.chars().count() >= 3
                && !w.contains('.')
                && g.classify(t, s, s + w.len()) == Tok::Cap
            {
                tokens.insert(w);
            }
        }
    }
    if tokens.is_empty() {
        return;
    }
    // Cheap filter before the hash: which (first byte, length) pairs the tokens have.
    let mut shapes = [0u64; 256];
    for w in &tokens {
        shapes[usize::from(w.as_bytes()[0])] |= 1 << w.len().min(63);
    }
    // Word starts: the text start and the byte after a space, tab, line break or opening bracket; visited in
    // that order (text start, then after blanks, then after brackets), as the findings' order depends on it.
    let capital = |c: u8| c >= 0xC3 || c.is_ascii_uppercase();
    let all_capital = (0..=255u8).all(|c| shapes[usize::from(c)] == 0 || capital(c));
    // The end of the name word at `k`: the run of ASCII letters as a first guess, `word_end` when a joiner or a
    // long run may extend it.
    let word_at = |k: usize| {
        let mut e = k + 1;
        while e < b.len() && (b[e].is_ascii_alphabetic() || b[e] >= 0x80) && e - k < 64 {
            e += 1;
        }
        if e < b.len() && matches!(b[e], b'-' | b'\'' | 0xE2) || e - k >= 63 {
            word_end(t, k)
        } else {
            e
        }
    };
    if all_capital {
        // Every token opens with a capital, so only the capitalised word starts the keyword pass found can
        // match; each of them follows a non-word byte, so the test on the byte before picks the same starts.
        // A start matches when a token with its first byte spells the text there and the word ends right after
        // it (the same test as looking the word up in `tokens`). Matches are emitted text start first, then those
        // after blanks, then those after brackets, each group in text order.
        let mut toks: Vec<&[u8]> = tokens.iter().map(|w| w.as_bytes()).collect();
        toks.sort_unstable();
        // The tokens of each first byte: `toks[range[c].0..range[c].1]`.
        let mut range = [(0usize, 0usize); 256];
        for (n, w) in toks.iter().enumerate() {
            let r = &mut range[usize::from(w[0])];
            if r.1 == 0 {
                r.0 = n;
            }
            r.1 = n + 1;
        }
        // First three bytes of the tokens, hashed to one of 4096 bits: one table test rejects nearly every other
        // capitalised word (a city, a sentence's first word). Every token has three bytes or more. The hash takes
        // the three bytes as one integer (read as four where the text goes on, the fourth masked off).
        let head3 = |x: u32| ((x & 0xFF_FFFF).wrapping_mul(0x9E37_79B1) >> 20) as usize;
        let three = |x: &[u8]| u32::from_le_bytes([x[0], x[1], x[2], 0]);
        let mut heads = [0u64; 64];
        for w in &toks {
            let h = head3(three(w));
            heads[h >> 6] |= 1 << (h & 63);
        }
        let mut found: Vec<(u8, usize, usize)> = Vec::new();
        for &k in &scan.caps {
            let h = match b.get(k..k + 4) {
                Some(x) => head3(u32::from_le_bytes(x.try_into().unwrap_or_default())),
                None => match b.get(k..k + 3) {
                    Some(x) => head3(three(x)),
                    None => continue,
                },
            };
            if heads[h >> 6] >> (h & 63) & 1 == 0 {
                continue;
            }
            let x = &b[k..k + 3];
            let c = x[0];
            let group = if k == 0 {
                0
            } else {
                match b[k - 1] {
                    b' ' | b'\n' | b'\t' => 1,
                    b'(' => 2,
                    _ => continue,
                }
            };
            let (lo, hi) = range[usize::from(c)];
            let mut end = None;
            for w in &toks[lo..hi] {
                // Compared byte by byte: most tokens differ in their second byte.
                let spelled = b.len() - k >= w.len() && w.iter().zip(&b[k..]).all(|(x, y)| x == y);
                if spelled && *end.get_or_insert_with(|| word_at(k)) == k + w.len() {
                    found.push((group, k, k + w.len()));
                    break;
                }
            }
        }
        for group in 0..3 {
            for &(_, k, we) in found.iter().filter(|f| f.0 == group) {
                emit(out, t, k, we, 0.6);
            }
        }
        return;
    }
    let starts = std::iter::once(0).chain(
        memchr::memchr3_iter(b' ', b'\n', b'\t', b)
            .chain(memchr::memchr_iter(b'(', b))
            .map(|p| p + 1),
    );
    for k in starts {
        if k >= b.len() {
            continue;
        }
        let c = b[k];
        if shapes[usize::from(c)] == 0 {
            continue;
        }
        if t.is_char_boundary(k) {
            let we = word_at(k);
            if shapes[usize::from(c)] & (1 << (we - k).min(63)) != 0
                && t.is_char_boundary(we)
                && tokens.contains(&t[k..we])
            {
                emit(out, t, k, we, 0.6);
            }
        }
    }
}

static LINE_OPENERS: std::sync::LazyLock<crate::words::Openers> = std::sync::LazyLock::new(|| {
    let openers = crate::words::Openers::new(&[CLOSINGS, GREETINGS, LINE_LABELS]);
    // One phrase that opens with a non-ASCII letter (or is very long) switches the test off for every line.
    debug_assert!(
        openers.is_active(),
        "a line phrase turns the openers test off"
    );
    openers
});

/// Skips a title at `i` (case-insensitive); returns where the name starts.
fn skip_title(t: &str, i: usize) -> usize {
    let head = &t[i..crate::detect::floor_char(t, (i + 10).min(t.len()))];
    let mut buf = [0u8; 16];
    let low = lower(head, &mut buf);
    VALUE_TITLES
        .iter()
        .find(|p| low.starts_with(*p))
        .map_or(i, |p| i + p.len())
}

fn line_structure(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let g = &scan.det.names;
    let t = scan.text;
    let b = t.as_bytes();
    let mut ls = 0;
    // The value of a label that stands alone on its line is on the next line.
    let mut pending = false;
    // After a sign-off by role ("De bedrijfsarts,") the next line may be the signer's full name.
    let mut signer = false;
    let mut blank_run = 0;
    for &le in &scan.line_ends {
        let mut body_end = le;
        if body_end > ls && b[body_end - 1] == b'\r' {
            body_end -= 1;
        }
        let s0 = skip_blank(b, ls);
        if s0 >= body_end {
            // Blank lines between a closing and its signature keep the expectation (at most two).
            if (pending || signer) && blank_run < 2 {
                blank_run += 1;
            } else {
                pending = false;
                signer = false;
            }
            ls = le + 1;
            continue;
        }
        blank_run = 0;
        let was_pending = std::mem::take(&mut pending);
        let was_signer = std::mem::take(&mut signer);
        // Most lines expect no value or signer and open with no chat stamp, role sign-off or phrase of `line_rules`:
        // nothing to do.
        let line = &b[s0..body_end];
        let quiet = !was_pending
            && !was_signer
            && b[s0] != b'['
            && !b[s0].is_ascii_digit()
            && !LINE_OPENERS.may_open(line)
            && !role_sign_off(line);
        if !quiet && t.is_char_boundary(s0) {
            if was_pending {
                whole_field(g, t, s0, body_end, out);
            } else if was_signer {
                signer_line(g, t, s0, body_end, out);
            }
            if role_sign_off(&b[s0..body_end]) {
                signer = true;
            } else {
                line_rules(g, t, s0, body_end, &mut pending, out);
            }
        }
        ls = le + 1;
    }
}

/// The sender after a chat stamp that the gazetteer does not read as a name ("Kevin VH: …", a header line that
/// holds only the sender): one to three capitalised words up to the colon or the line's end. The export writes
/// the sender's display name there, so its words are a name whatever they are.
fn chat_sender(t: &str, i: usize, end: usize) -> Option<usize> {
    let rest = &t[i..end];
    let e = rest.find(':').unwrap_or(rest.len());
    let sender = &rest[..e];
    if sender.len() > 40 || sender.ends_with(' ') {
        return None;
    }
    let mut words = 0;
    for w in sender.split(' ') {
        words += 1;
        let mut cs = w.chars();
        if words > 3
            || !cs.next().is_some_and(char::is_uppercase)
            || !cs.all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\''))
        {
            return None;
        }
    }
    Some(i + e)
}

/// A surname in capitals before a known given name, as French and Belgian registers write a person ("Monsieur
/// DUPONT Marc", "Patient : MARTIN Julie"): after a civility word, a label's colon or a line's indentation, so
/// that a heading in capitals is not read as a surname.
fn caps_surname_first(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let t = scan.text;
    let b = t.as_bytes();
    let g = &scan.det.names;
    for &(i, we) in &scan.first_names {
        if i < 5 || b[i - 1] != b' ' || !g.is_first(&t[i..we]) || g.classify(t, i, we) != Tok::Cap {
            continue;
        }
        // The word before: capitals only, three letters or more.
        let ss = t[..i - 1]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_uppercase() || c == '-')
            .last()
            .map_or(i - 1, |(k, _)| k);
        let surname = &t[ss..i - 1];
        if surname.chars().filter(|c| c.is_alphabetic()).count() < 3
            || !surname.starts_with(|c: char| c.is_uppercase())
            || ss > 0 && !matches!(b[ss - 1], b' ' | b'\t' | b'\n')
        {
            continue;
        }
        let before = t[..ss].trim_end_matches([' ', '\t']);
        let opens_line = before.is_empty() || before.ends_with('\n');
        let word_before = before.rsplit([' ', '\t', '\n']).next().unwrap_or("");
        let civil = CIVILITY.contains(&word_before.to_lowercase().as_str());
        if !(opens_line || before.ends_with(':') || civil) {
            continue;
        }
        // The name ends with the given name, or with further given names or capitals ("MARTIN Julie Anne").
        emit(out, t, ss, we, 0.7);
    }
}

/// Initials and a surname ("J. de Boer", "A.M. Peeters") are how business text writes a person: the name stands
/// when its surname is known, or when a label's colon, a bracket or a word that names who did something
/// ("door", "par", "by", a trade) comes before it, so that "zie bijlage B. Daarna" stays no name.
fn initialled_names(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let t = scan.text;
    let b = t.as_bytes();
    let g = &scan.det.names;
    for &c in &scan.caps {
        if b.get(c + 1) != Some(&b'.') || b.get(c + 2) == Some(&b'.') {
            continue;
        }
        // The first initial only, after a blank, a bracket, a colon or the line's start.
        if c > 0 && !matches!(b[c - 1], b' ' | b'\t' | b'\n' | b'(' | b':') {
            continue;
        }
        if c >= 3 && b[c - 1] == b' ' && b[c - 2] == b'.' && b[c - 3].is_ascii_uppercase() {
            continue;
        }
        let Some(p) = parse_name(g, t, c, false) else {
            continue;
        };
        if p.company || p.start != c || p.words < 2 {
            continue;
        }
        // "M. Rajesh Pinas": before a given name and a surname, "M." is the French "Monsieur", a title that the
        // title rules read.
        if b[c] == b'M' && b.get(c + 2) == Some(&b' ') && p.words >= 3 {
            let w = &t[c + 3..word_end(t, c + 3)];
            if g.is_first(w) {
                continue;
            }
        }
        let last = &t[t[..p.end].rfind([' ', '.']).map_or(c, |k| k + 1)..p.end];
        if last.len() < 2 || !last.starts_with(|ch: char| ch.is_uppercase()) {
            continue;
        }
        let before = t[..c].trim_end_matches([' ', '\t']);
        let agent = before.ends_with([':', '(']) || {
            let w = before.rsplit([' ', '\t', '\n', '(']).next().unwrap_or("");
            w.len() <= 16 && AGENTS.contains(&w.to_lowercase().as_str())
        };
        // "A.S. Watson, gevestigd te …", "R. Ans FC": an organisation's name.
        let abbreviation_follows = t[p.end..].strip_prefix(' ').is_some_and(|r| {
            let w = &r[..r.find([' ', ',', '.', '\n']).unwrap_or(r.len())];
            (2..=4).contains(&w.len()) && w.bytes().all(|c| c.is_ascii_uppercase())
        });
        let seated = [
            ", gevestigd",
            " gevestigd",
            ", statutair",
            ", dont le siège",
            ", ayant son siège",
        ]
        .iter()
        .any(|w| t[p.end..].starts_with(w));
        if (agent || g.is_known(last))
            && !abbreviation_follows
            && !seated
            && !org_block(scan, p.end)
        {
            emit(out, t, p.start, p.end, 0.7);
        }
    }
}

/// A short line of lowercase words after an article or "namens", ending with a comma: whoever signs below signs
/// in that role. Cheap enough for every line: most lines do not end with a comma.
fn role_sign_off(line: &[u8]) -> bool {
    let mut l = line;
    while let [rest @ .., b' ' | b'\t'] = l {
        l = rest;
    }
    let Some((b',', body)) = l.split_last() else {
        return false;
    };
    if body.len() > 40 {
        return false;
    }
    let mut words = body.split(|&c| c == b' ').filter(|w| !w.is_empty());
    let Some(first) = words.next() else {
        return false;
    };
    if !SIGN_OFF_OPENERS
        .iter()
        .any(|o| first.eq_ignore_ascii_case(o))
    {
        return false;
    }
    let rest: Vec<&[u8]> = words.collect();
    // Lowercase words only: letters (any non-ASCII byte of an accented letter), hyphens and apostrophes.
    (1..=4).contains(&rest.len())
        && rest.last().is_some_and(|w| w.len() >= 4)
        && rest.iter().all(|w| {
            w.iter()
                .all(|&c| c.is_ascii_lowercase() || c >= 0x80 || c == b'-' || c == b'\'')
        })
}

/// The line under a sign-off by role: a name of two or more words that fills the line.
fn signer_line(g: &Gazetteer, t: &str, s: usize, e: usize, out: &mut Vec<Finding>) {
    let field = t[s..e].trim_end_matches([' ', '\t', ',', '.']);
    let e = s + field.len();
    let s = skip_title(t, s);
    if s < e
        && let Some(p) = parse_name(g, t, s, true)
        && !p.company
        && p.end == e
        && (p.words >= 2 || g.is_known(&t[p.first_word.0..p.first_word.1]))
    {
        emit(out, t, p.start, p.end, 0.75);
    }
}

/// A name that fills the field `s..e` exactly (one word is enough: the label says what it is).
fn whole_field(g: &Gazetteer, t: &str, s: usize, e: usize, out: &mut Vec<Finding>) {
    let mut field = t[s..e].trim_end_matches([' ', '\t', ',', '.']);
    // A remark in brackets after the name ("Haddad, Firas (pers.nr. 99710)") is not part of it.
    if field.ends_with(')')
        && let Some(k) = field.rfind(" (")
        && k > 0
    {
        field = field[..k].trim_end_matches([' ', ',']);
    }
    let e = s + field.len();
    let s = skip_title(t, s);
    if s >= e {
        return;
    }
    if let Some(p) = parse_name(g, t, s, true)
        && !p.company
        && p.words >= 1
    {
        if p.end == e {
            emit(out, t, p.start, p.end, 0.75);
        } else if let Some(inv) = inverted(g, t, p.start, e) {
            emit(out, t, p.start, inv, 0.7);
        }
    } else {
        // Typed in lowercase ("groetjes,\nmarloes"): one known given name that fills the field.
        let v = &t[s..e];
        if (3..=20).contains(&v.len())
            && v.bytes().all(|c| c.is_ascii_lowercase() || c == b'-')
            && g.is_first(v)
        {
            emit(out, t, s, e, 0.6);
        }
    }
}

/// "Duiman, Aaldina" or "van der Berg, Jan": surname, comma, given names, ending exactly at `e`.
pub(crate) fn inverted(g: &Gazetteer, t: &str, s: usize, e: usize) -> Option<usize> {
    let p = parse_name(g, t, s, true)?;
    if p.company || !t[p.end..e].starts_with(", ") {
        return None;
    }
    let q = parse_name(g, t, p.end + 2, true)?;
    (!q.company && q.end == e && q.words <= 3 && q.start == q.first_word.0).then_some(e)
}

fn line_rules(
    g: &Gazetteer,
    t: &str,
    s0: usize,
    end: usize,
    pending: &mut bool,
    out: &mut Vec<Finding>,
) {
    let b = t.as_bytes();
    let head_end = crate::detect::floor_char(t, (s0 + 40).min(end));
    let head = &t[s0..head_end];
    // Chat exports: "[26-12-24 08:18] Sutno: …" or "26-12-2024 08:18 - Sutno: …".
    let chat_at = if b[s0] == b'[' {
        head.find("] ")
            .filter(|&k| head[..k].contains(':'))
            .map(|k| s0 + k + 2)
    } else if b[s0].is_ascii_digit() {
        head.find(" - ")
            .filter(|&k| head[..k].contains(':'))
            .map(|k| s0 + k + 3)
    } else {
        None
    };
    if let Some(i) = chat_at {
        if i < end
            && let Some(p) = parse_name(g, t, i, false)
            && !p.company
            && p.words <= 3
            && (b.get(p.end) == Some(&b':') || p.end == end)
        {
            emit(out, t, p.start, p.end, 0.75);
        } else if let Some(e) = chat_sender(t, i, end) {
            emit(out, t, i, e, 0.7);
        }
        return;
    }
    // Most lines open with no closing, greeting or label: skip them before the lowercase copy and the list scans.
    // Every rule below starts with an entry of these lists; a rule that does not belongs above this test.
    if !LINE_OPENERS.may_open(&b[s0..end]) {
        return;
    }
    let mut buf = [0u8; 40];
    let low = lower(head, &mut buf);
    // Closings: the signature is on the next non-blank line.
    let closing = low.trim_end_matches([',', '.', '!', ' ']);
    if CLOSINGS.contains(&closing) {
        *pending = true;
        return;
    }
    // Greetings.
    for gr in GREETINGS {
        if let Some(rest) = low.strip_prefix(gr)
            && rest.starts_with(' ')
        {
            let i = skip_title(t, skip_blank(b, s0 + gr.len()));
            if i < end
                && let Some(p) = parse_name(g, t, i, false)
                && !p.company
                && p.words <= 4
                && (p.end >= end || matches!(b[p.end], b',' | b'!' | b'\r'))
            {
                emit(out, t, p.start, p.end, 0.7);
            }
            return;
        }
    }
    // Labels need a colon, a tab or two spaces in the head, or a short line (a label above its value).
    let h = head.as_bytes();
    if end - s0 > 48
        && memchr::memchr2(b':', b'\t', h).is_none()
        && !h.windows(2).any(|w| w == b"  ")
        && !h.windows(3).any(|w| w == b"...")
    {
        return;
    }
    for lab in LINE_LABELS {
        let Some(mut rest) = low.strip_prefix(lab) else {
            continue;
        };
        let mut after = s0 + lab.len();
        // "Naam ouder:", "Voornaam kind ....": the word after the label says whose name it is.
        if let Some(w) = LABEL_OWNERS.iter().find(|w| {
            rest.strip_prefix(' ')
                .and_then(|r| r.strip_prefix(**w))
                .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric()))
        }) {
            rest = &rest[1 + w.len()..];
            after += 1 + w.len();
        }
        // Dot leaders stand for the colon ("Voornaam ........ Liam"), as do "…" and "__".
        let leader = rest.trim_start_matches(' ');
        if leader.starts_with("...") || leader.starts_with('\u{2026}') || leader.starts_with("__") {
            // The leader may run past the lowercased head: skip it in the text itself.
            let Some(value) = t.get(after..end) else {
                return;
            };
            let i = end
                - value
                    .trim_start_matches([' ', '\t', '.', '\u{2026}', '_', ':'])
                    .len();
            if i < end {
                whole_field(g, t, i, end, out);
            } else {
                *pending = true;
            }
            return;
        }
        let rb = rest.as_bytes();
        if rest.trim_end().is_empty() && t.get(after..end).is_some_and(|v| v.trim().is_empty()) {
            *pending = true;
            return;
        }
        // A short qualifier between the label and its colon ("Naam + voorletters :", "Naam (volledig):",
        // "Naam en voornaam lid   :"): up to 24 bytes of letters, blanks and signs, no digits.
        let qualified_colon = rest.find(':').filter(|&k| {
            k <= 24
                && rest[..k].bytes().all(|c| {
                    c.is_ascii_alphabetic()
                        || matches!(
                            c,
                            b' ' | b'\t' | b'+' | b'(' | b')' | b'/' | b'.' | 0xA0 | 0xC2
                        )
                })
        });
        let value_at = if rb.first() == Some(&b':') {
            after + 1
        } else if rest.starts_with(" :") || rest.starts_with("\u{a0}:") {
            // French typography: a space before the colon ("Client : M. Dupont").
            after + rest.find(':').unwrap_or(0) + 1
        } else if let Some(k) = qualified_colon
            && rest.starts_with([' ', '\t', '(', '\u{a0}'])
        {
            after + k + 1
        } else if rb.first() == Some(&b'\t') || rest.starts_with("  ") {
            after
        } else {
            continue;
        };
        let i = skip_blank(b, value_at);
        if i >= end {
            // "Naam:" with the value on the next line.
            *pending = true;
            return;
        }
        whole_field(g, t, i, end, out);
        return;
    }
}

/// What may follow the name that opens a list line: a dash, a bracket or a comma, then a role or a remark.
const LIST_SEPARATORS: &[&str] = &[" - ", " \u{2013} ", " \u{2014} ", " (", ", "];

/// The second word of `head` opens with a capital or is a lowercase name particle ("Ferzia da Furres"): a cheap
/// test before the line is parsed as a name of two or more words.
fn second_word_may_name(head: &[u8]) -> bool {
    let Some(sp) = crate::words::find_byte(head, b' ') else {
        return false;
    };
    let rest = &head[sp + 1..];
    match rest.first() {
        Some(&c) if c.is_ascii_uppercase() || c >= 0xC3 => true,
        Some(b'a'..=b'z') => {
            // The particles have at most three bytes: a word cut at four matches none of them either.
            let w = &rest[..rest.len().min(4)];
            let w = w.iter().position(|&c| c == b' ').map_or(w, |k| &w[..k]);
            matches!(
                w,
                b"van"
                    | b"de"
                    | b"der"
                    | b"den"
                    | b"ter"
                    | b"ten"
                    | b"te"
                    | b"la"
                    | b"le"
                    | b"du"
                    | b"di"
                    | b"da"
                    | b"von"
                    | b"el"
                    | b"al"
                    | b"ben"
                    | b"bin"
                    | b"dos"
                    | b"das"
                    | b"del"
                    | b"ibn"
                    | b"abu"
                    | b"in"
                    | b"op"
            )
        }
        _ => false,
    }
}

/// Consecutive lines that each open with a name of two or more words, then a separator and a remark
/// ("Ferzia da Furres - ACV-delegee", "Jan Jansen (penningmeester)"). One such line may be a product or a place;
/// a run of two or more in which at least one name starts with a known given name is a list of people, and then
/// its other names are people too, whatever their origin.
fn name_lists(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let g = &scan.det.names;
    let t = scan.text;
    let b = t.as_bytes();
    let mut run: Vec<(usize, usize)> = Vec::new();
    let mut known = false;
    let flush = |run: &mut Vec<(usize, usize)>, known: &mut bool, out: &mut Vec<Finding>| {
        if run.len() >= 2 && *known {
            for &(s, e) in run.iter() {
                emit(out, t, s, e, 0.7);
            }
        }
        run.clear();
        *known = false;
    };
    // Only a line with a separator's byte in its head (the first 64 bytes after its blanks; 0xE2 leads both long
    // dashes) can be an item: the keyword pass listed those bytes, so the walk visits those lines, in order. A
    // line that is no item, visited or not, ends the run.
    let mut line = 0;
    let mut visited = usize::MAX;
    let mut last_item = usize::MAX;
    for k in scan
        .marks()
        .filter(|&k| matches!(b[k], b'-' | b'(' | b',' | 0xE2))
    {
        while scan.line_ends.get(line).is_some_and(|&le| le < k) {
            line += 1;
        }
        if line == visited {
            continue;
        }
        visited = line;
        let ls = if line == 0 {
            0
        } else {
            scan.line_ends[line - 1] + 1
        };
        let le = scan.line_ends.get(line).copied().unwrap_or(b.len());
        let s0 = skip_blank(b, ls);
        let head_end = crate::detect::floor_char(t, (s0 + 64).min(le));
        // The line's first separator byte is past its head: so are the others.
        if k >= head_end {
            continue;
        }
        let opens_cap = b
            .get(s0)
            .is_some_and(|&c| c.is_ascii_uppercase() || c >= 0xC3);
        let mut item = None;
        if opens_cap
            && second_word_may_name(&b[s0..head_end])
            && t.is_char_boundary(s0)
            && let Some(p) = parse_name(g, t, s0, false)
            && !p.company
            && p.words >= 2
            && p.start == p.first_word.0
            && LIST_SEPARATORS
                .iter()
                .any(|sep| t[p.end..le].starts_with(sep))
        {
            item = Some(p);
        }
        match item {
            Some(p) => {
                if last_item.wrapping_add(1) != line {
                    flush(&mut run, &mut known, out);
                }
                known |= g.is_first(&t[p.first_word.0..p.first_word.1]);
                run.push((p.start, p.end));
                last_item = line;
            }
            None => flush(&mut run, &mut known, out),
        }
    }
    flush(&mut run, &mut known, out);
}

/// "Aylin Kaya <aylin.kaya@…>": the words right before an address in angle brackets.
fn display_names(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let g = &scan.det.names;
    let t = scan.text;
    let b = t.as_bytes();
    let emails: Vec<usize> = out
        .iter()
        .filter(|f| f.entity == E::Email && f.start >= 2 && b[f.start - 1] == b'<')
        .map(|f| f.start - 1)
        .collect();
    for lt in emails {
        let mut fe = lt;
        while fe > 0 && b[fe - 1] == b' ' {
            fe -= 1;
        }
        if fe > 0 && b[fe - 1] == b'"' {
            fe -= 1;
        }
        let floor = crate::detect::floor_char(t, fe.saturating_sub(80));
        let mut fs = fe;
        while fs > floor && !matches!(b[fs - 1], b'\n' | b':' | b',' | b';' | b'"' | b'>' | b'\t') {
            fs -= 1;
        }
        if !t.is_char_boundary(fs) {
            continue;
        }
        // The name is the last run of name words: try each word start, earliest first.
        let mut k = fs;
        while k < fe {
            let starts = (k == fs || b[k - 1] == b' ') && t.is_char_boundary(k);
            if starts
                && let Some(p) = parse_name(g, t, k, true)
                && !p.company
                && p.end == fe
                && p.start == p.first_word.0
            {
                emit(out, t, p.start, p.end, 0.8);
                break;
            }
            k += 1;
        }
    }
}

/// A personal pronoun within the next 200 bytes: the words before it were about a person, not a place or a firm.
fn pronoun_follows(t: &str, end: usize) -> bool {
    let hi = crate::detect::floor_char(t, (end + 200).min(t.len()));
    t[end..hi].split(|c: char| !c.is_alphabetic()).any(|w| {
        matches!(
            w,
            "hij"
                | "zij"
                | "Hij"
                | "Zij"
                | "haar"
                | "zijn"
                | "hem"
                | "he"
                | "she"
                | "He"
                | "She"
                | "his"
                | "her"
                | "him"
                | "il"
                | "elle"
                | "Il"
                | "Elle"
                | "lui"
        )
    })
}

/// Words before the intro word that make the name certain without a pronoun after it: a party's representative
/// or signatory ("vertegenwoordigd door Rumando Semedo (leverancier)", "represented by", "représentée par").
fn signing_intro(before: &str) -> bool {
    let before = before.trim_end();
    let tail = &before[crate::detect::floor_char(before, before.len().saturating_sub(16))..];
    [
        "vertegenwoordigd",
        "represented",
        "représenté",
        "représentée",
        "ondertekend",
        "signed",
        "behandeld",
    ]
    .iter()
    .any(|w| tail.ends_with(w))
}

fn appositions(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let g = &scan.det.names;
    let t = scan.text;
    let b = t.as_bytes();
    for c in scan
        .marks()
        .filter(|&k| b[k] == b',' && b.get(k + 1) == Some(&b' '))
    {
        let w = c + 2;
        let we = crate::detect::floor_char(t, (w + 12).min(t.len()));
        let next = &t[w..we];
        // First letters of the cue words, before the list scan.
        if !next.starts_with(['h', 'g', 'w', 'n', 'd', 'b', 'r', 'c']) {
            continue;
        }
        if !APPOSITION.iter().any(|a| {
            next.starts_with(a)
                && next[a.len()..]
                    .chars()
                    .next()
                    .is_none_or(|ch| !ch.is_alphanumeric())
        }) {
            continue;
        }
        let floor = crate::detect::floor_char(t, c.saturating_sub(80));
        let mut fs = c;
        while fs > floor && !matches!(b[fs - 1], b'\n' | b':' | b'.' | b';' | b'(' | b'\t' | b',') {
            fs -= 1;
        }
        if !t.is_char_boundary(fs) {
            continue;
        }
        let mut k = fs;
        while k < c {
            let starts = (k == fs || b[k - 1] == b' ') && t.is_char_boundary(k);
            if starts
                && t[k..].starts_with(|ch: char| ch.is_uppercase())
                && let Some(p) = parse_name(g, t, k, false)
                && !p.company
                && p.end == c
                && (p.words >= 2 || g.is_known(&t[p.first_word.0..p.first_word.1]))
            {
                emit(out, t, p.start, p.end, 0.75);
                break;
            }
            k += 1;
        }
    }
}

/// Letters only, lowercase, diacritics and particles' apostrophes dropped: "Noëlle van 't Wel" → "noellevantwel".
fn fold_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'ş' | 'š' => 's',
            'ğ' => 'g',
            'ž' => 'z',
            c => c,
        };
        if c.is_ascii_alphabetic() {
            out.push(c);
        }
    }
    out
}

/// Street suffixes that are also everyday words on their own; as a whole word they need a capital.
pub(crate) fn addresses(scan: &Scan<'_>, segs: &[(usize, usize)], out: &mut Vec<Finding>) {
    let t = scan.text;
    let b = t.as_bytes();
    // Suffix streets ("Kerkstraat 12"): look only where a space precedes a digit.
    for &(o, e) in segs {
        let mut j = o + 1;
        while j < e {
            if !(b[j].is_ascii_digit() && b[j - 1] == b' ') {
                j += 1;
                continue;
            }
            let mut we = j - 1;
            if we > o && b[we - 1] == b' ' {
                we -= 1;
            }
            j += 1;
            if we == o || !(b[we - 1].is_ascii_alphabetic() || b[we - 1] >= 0x80) {
                continue;
            }
            // Lowercase tail of the word, compared against the suffix list.
            let mut tail = [0u8; 12];
            let mut n = 0;
            while n < 12 && we > n && b[we - 1 - n].is_ascii_alphabetic() {
                tail[11 - n] = b[we - 1 - n].to_ascii_lowercase();
                n += 1;
            }
            let tail = &tail[12 - n..];
            // The last byte first: most suffixes fail on it without a slice comparison.
            let last = tail.last().copied();
            let Some(suf) = crate::vocab::context::SUFFIX
                .iter()
                .filter(|s| {
                    s.as_bytes().last().is_none_or(|&c| Some(c) == last)
                        && tail.ends_with(s.as_bytes())
                })
                .max_by_key(|s| s.len())
            else {
                continue;
            };
            let h_start = we - suf.len();
            let h_end = we;
            // Heads that are also names or short words ("Wei") count only inside a compound ("Koppelwei").
            if COMPOUND_ONLY.contains(suf) && tail.len() < suf.len() + 3 {
                continue;
            }
            {
                let Some(num_end) = house_number(b, h_end) else {
                    continue;
                };
                // Back to the start of the word that carries the suffix.
                let mut s = h_start;
                while s > 0 {
                    let prev = crate::detect::floor_char(t, s - 1);
                    let c = t[prev..].chars().next().unwrap_or(' ');
                    if c.is_alphabetic() || c == '-' || c == '\'' || c == '’' || c == '.' {
                        s = prev;
                    } else {
                        break;
                    }
                }
                let Some(c0) = t[s..].chars().next() else {
                    continue;
                };
                if !c0.is_uppercase() || h_end - s > 48 {
                    continue;
                }
                let end = box_after(t, num_end);
                out.push(Finding::span(E::Address, adjective_before(t, s), end, 0.8));
            }
        }
    }
    belgian_postcode_streets(t, segs, out);
    // The line above a postcode ("Achterom 12\n1234 AB Plaats"), or the field before it on the same line
    // ("Achterom 12, 1234 AB"): a street and number even when the street name has no known suffix.
    let postcodes: Vec<usize> = out
        .iter()
        .filter(|f| f.entity == E::Postcode)
        .map(|f| f.start)
        .collect();
    for pc in postcodes {
        let mut j = pc;
        while j > 0 && b[j - 1] == b' ' {
            j -= 1;
        }
        if j == 0 {
            continue;
        }
        let fe = match b[j - 1] {
            b'\n' => {
                let mut k = j - 1;
                if k > 0 && b[k - 1] == b'\r' {
                    k -= 1;
                }
                k
            }
            b',' | b'\t' | b';' => j - 1,
            _ => continue,
        };
        let mut fs = fe;
        let floor = fe.saturating_sub(120);
        while fs > floor && !matches!(b[fs - 1], b'\n' | b'\t' | b';' | b',') {
            fs -= 1;
        }
        if fs == floor && fs > 0 || !t.is_char_boundary(fs) {
            continue;
        }
        // A label before the street ("Adres: Zuiderdiep 45") is not part of the address.
        let fs = match t[fs..fe].rfind(": ") {
            Some(k) => fs + k + 2,
            None => fs,
        };
        let field = t[fs..fe].trim();
        if field.is_empty() || field.len() > 60 {
            continue;
        }
        let s = fs + (t[fs..fe].len() - t[fs..fe].trim_start().len());
        // Last space before the house number.
        let Some(sp) = field.rfind(' ') else { continue };
        let num_at = s + sp;
        let Some(ne) = house_number(b, num_at) else {
            continue;
        };
        if ne != s + field.len() || !t[s..].starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let words = t[s..num_at].split_whitespace().count();
        let lower = t[s..num_at].to_lowercase();
        if words <= 5
            && !lower.starts_with("postbus")
            && !lower.starts_with("antwoordnummer")
            && !lower.starts_with("bus")
        {
            out.push(Finding::span(E::Address, s, ne, 0.7));
        }
    }
    for h in &scan.hits {
        match h.kw {
            Kw::StreetPrefix | Kw::AddressCue => {
                let s = h.start;
                let cue = h.kw == Kw::AddressCue;
                if !cue
                    && !t[s..].starts_with(|c: char| c.is_uppercase())
                    && !lowercase_french_street(t, s, h.end)
                {
                    continue;
                }
                // Walk words on the same line until a house number.
                let mut i = h.end;
                let mut street_start = s;
                if cue {
                    // A longer label ("Straat en huisnummer:", "Adres en woonplaats:"): go to its colon.
                    let look = crate::detect::floor_char(t, (i + 24).min(t.len()));
                    if let Some(k) = t[i..look].find(':')
                        && t[i..i + k]
                            .bytes()
                            .all(|c| c.is_ascii_lowercase() || c == b' ' || c == b'-')
                    {
                        i += k;
                    }
                    let j = skip_blank(b, i);
                    let j = if j < b.len() && b[j] == b':' {
                        skip_blank(b, j + 1)
                    } else {
                        j
                    };
                    if j >= b.len()
                        || !t.is_char_boundary(j)
                        || !t[j..].starts_with(|c: char| c.is_uppercase())
                    {
                        continue;
                    }
                    // A post-office box is no street address.
                    let head =
                        t[j..crate::detect::floor_char(t, (j + 16).min(t.len()))].to_lowercase();
                    if [
                        "postbus",
                        "antwoordnummer",
                        "po box",
                        "p.o. box",
                        "boîte postale",
                        "bp ",
                    ]
                    .iter()
                    .any(|p| head.starts_with(p))
                    {
                        continue;
                    }
                    street_start = j;
                    i = j;
                }
                let mut words = 0;
                while words < 7 && i < b.len() {
                    let j = skip_blank(b, i);
                    if j == i && words > 0 || j >= b.len() {
                        break;
                    }
                    if b[j].is_ascii_digit() {
                        if let Some(ne) =
                            house_number(b, j - usize::from(j > 0 && b[j - 1] == b' '))
                            && (words > 0 || !cue)
                        {
                            out.push(Finding::span(E::Address, street_start, ne, 0.7));
                        }
                        break;
                    }
                    if !t.is_char_boundary(j) {
                        break;
                    }
                    let we = word_end(t, j);
                    if we == j {
                        break;
                    }
                    i = we;
                    words += 1;
                }
            }
            _ => {}
        }
    }
}

/// A Belgian box after the house number ("12 bus 3", "12 bte 3", "12 boîte 3") belongs to the address: the end
/// of the box, or `end` when none follows.
fn box_after(t: &str, end: usize) -> usize {
    let rest = &t[end..];
    for bx in [" bus ", " bte ", " boîte "] {
        if let Some(r) = rest.strip_prefix(bx) {
            let n = r.bytes().take_while(u8::is_ascii_alphanumeric).count();
            let after = r.as_bytes().get(n);
            if (1..=4).contains(&n)
                && r.as_bytes()[0].is_ascii_digit()
                && after.is_none_or(|&c| !c.is_ascii_alphanumeric() && c != b'/' && c != b'-')
            {
                return end + bx.len() + n;
            }
        }
    }
    end
}

/// A Dutch street name may open with an inflected adjective or a town's adjective ("Grote Markt", "Lange
/// Nieuwstraat", "Brugse Steenweg"): a capitalised word of four letters or more ending in "e" right before the
/// street word belongs to it. Returns the street's start, moved back over that word.
fn adjective_before(t: &str, s: usize) -> usize {
    const NOT: &[&str] = &[
        "deze", "onze", "welke", "elke", "andere", "beide", "zelfde", "volgende", "vorige",
    ];
    let b = t.as_bytes();
    if s < 6 || b[s - 1] != b' ' {
        return s;
    }
    let mut k = s - 1;
    while k > 0 && (b[k - 1].is_ascii_alphabetic() || b[k - 1] >= 0x80 || b[k - 1] == b'-') {
        k -= 1;
    }
    let w = &t[k..s - 1];
    let opens_word = k == 0 || matches!(b[k - 1], b' ' | b'\t' | b'\n' | b':' | b',' | b'(' | b'"');
    if opens_word
        && w.len() >= 4
        && w.ends_with('e')
        && w.starts_with(|c: char| c.is_uppercase())
        && !NOT.contains(&w.to_lowercase().as_str())
    {
        k
    } else {
        s
    }
}

/// French writes the street's kind in lowercase ("rue des Lilas 4", "avenue Louise 12"): such a prefix starts an
/// address when a capitalised name follows it, after a particle maybe.
fn lowercase_french_street(t: &str, s: usize, e: usize) -> bool {
    const KINDS: &[&str] = &[
        "rue",
        "avenue",
        "chaussée",
        "boulevard",
        "place",
        "quai",
        "allée",
        "chemin",
        "impasse",
        "faubourg",
        "drève",
        "square",
    ];
    if !KINDS.contains(&&t[s..e]) {
        return false;
    }
    let rest = t[e..].strip_prefix(' ').unwrap_or("");
    let rest = [
        "de la ",
        "de l'",
        "de l\u{2019}",
        "des ",
        "du ",
        "de ",
        "d'",
        "d\u{2019}",
    ]
    .iter()
    .find_map(|p| rest.strip_prefix(p))
    .unwrap_or(rest);
    rest.starts_with(|c: char| c.is_uppercase())
}

/// Belgian addresses name the postcode's town without a Dutch postcode's letters ("Kerkstraat 4 bus 2, 2000
/// Antwerpen", "Dorpsplein 3 9000 Gent"): the field before four digits, a blank and a town's name is a street
/// and house number when it reads as one (a capital first, at most five words, a house number and maybe a box
/// last), whatever its street is called.
fn belgian_postcode_streets(t: &str, segs: &[(usize, usize)], out: &mut Vec<Finding>) {
    let b = t.as_bytes();
    for &(o, e) in segs {
        let mut j = o + 2;
        while j + 6 < e {
            let town = matches!(b[j - 1], b' ' | b'\n')
                && b[j].is_ascii_digit()
                && b[j] != b'0'
                && b[j + 1..j + 4].iter().all(u8::is_ascii_digit)
                && b[j + 4] == b' '
                && b[j + 5].is_ascii_uppercase()
                && (b[j + 6].is_ascii_lowercase() || b[j + 6] == b'-' || b[j + 6] >= 0x80);
            if !town {
                j += 1;
                continue;
            }
            // The street ends before the postcode on its line ("…, 2000 Antwerpen", "… 12 2000 Antwerpen"), or at
            // the end of the line above when the postcode opens its line.
            let mut k = j;
            while k > o && b[k - 1] == b' ' {
                k -= 1;
            }
            let fe = if k > o && b[k - 1] == b'\n' {
                let mut fe = k - 1;
                if fe > o && b[fe - 1] == b'\r' {
                    fe -= 1;
                }
                fe
            } else if k == j - 1 && b[j - 2] == b',' {
                j - 2
            } else if k == j - 1 && b[j - 2].is_ascii_alphanumeric() {
                j - 1
            } else {
                j += 1;
                continue;
            };
            j += 4;
            let mut fs = fe;
            let floor = fe.saturating_sub(80).max(o);
            while fs > floor && !matches!(b[fs - 1], b'\n' | b'\t' | b';' | b',' | b'|' | b'"') {
                fs -= 1;
            }
            if fs == floor && floor > o || !t.is_char_boundary(fs) {
                continue;
            }
            // A label before the street ("Adres: Zuiderdiep 45") is not part of the address.
            let fs = match t[fs..fe].rfind(": ") {
                Some(k) => fs + k + 2,
                None => fs,
            };
            let field = t[fs..fe].trim();
            let s = fs + (t[fs..fe].len() - t[fs..fe].trim_start().len());
            // A box after the house number ("12 bus 3", "12 boîte 3", "12 bte 3") belongs to the address.
            let street = ["bus ", "boîte ", "bte ", "b. "]
                .iter()
                .find_map(|bx| {
                    let k = field.rfind(bx)?;
                    let n = &field[k + bx.len()..];
                    (k > 0
                        && field.as_bytes()[k - 1] == b' '
                        && !n.is_empty()
                        && n.len() <= 4
                        && n.bytes().all(|c| c.is_ascii_alphanumeric()))
                    .then(|| field[..k - 1].trim_end())
                })
                .unwrap_or(field);
            let Some(sp) = street.rfind(' ') else {
                continue;
            };
            let num_at = s + sp;
            if house_number(b, num_at) != Some(s + street.len())
                || !t[s..].starts_with(|c: char| c.is_uppercase())
            {
                continue;
            }
            let words = t[s..num_at].split_whitespace().count();
            let lower = t[s..num_at].to_lowercase();
            if words <= 5
                && ![
                    "postbus",
                    "antwoordnummer",
                    "bus",
                    "bp",
                    "boîte postale",
                    "b.p.",
                ]
                .iter()
                .any(|p| lower.starts_with(p))
            {
                out.push(Finding::span(E::Address, s, s + field.len(), 0.7));
            }
        }
    }
}

/// After a street name: " 12", " 12a", " 12-2", " 12 A", " 12bis"; returns the end of the house number.
fn house_number(b: &[u8], at: usize) -> Option<usize> {
    let mut i = at;
    if i >= b.len() || b[i] != b' ' {
        return None;
    }
    i += 1;
    if i < b.len() && b[i] == b' ' {
        i += 1;
    }
    let ds = i;
    while i < b.len() && b[i].is_ascii_digit() && i - ds < 5 {
        i += 1;
    }
    let n = i - ds;
    if n == 0 || n > 4 {
        return None;
    }
    let ends_word = |k: usize| k >= b.len() || !b[k].is_ascii_alphanumeric();
    if i < b.len() && b[i].is_ascii_alphabetic() && ends_word(i + 1) {
        i += 1;
    } else if [&b"bis"[..], b"ter"]
        .iter()
        .any(|x| b[i..].starts_with(x) && ends_word(i + 3))
    {
        i += 3;
    } else if i + 1 < b.len() && b[i] == b'-' && b[i + 1].is_ascii_alphanumeric() {
        let mut j = i + 1;
        while j < b.len() && b[j].is_ascii_alphanumeric() && j - i <= 4 {
            j += 1;
        }
        if j < b.len() && b[j].is_ascii_alphanumeric() {
            return None;
        }
        i = j;
    }
    // A Belgian box or flat after a slash ("135/8"), not a date ("12/3/2025").
    if i + 1 < b.len() && b[i] == b'/' && b[i + 1].is_ascii_digit() {
        let mut j = i + 1;
        while j < b.len() && b[j].is_ascii_digit() && j - i <= 3 {
            j += 1;
        }
        if j - i <= 3 && (j >= b.len() || !(b[j].is_ascii_alphanumeric() || b[j] == b'/')) {
            i = j;
        }
    }
    // A decimal ("12,50") is no house number; a comma before a long number is the next field of a CSV row
    // ("Beukenlei 80,7800 RQ").
    let digits_after = |k: usize| b[k + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
    if i < b.len()
        && (b[i].is_ascii_alphanumeric()
            || (b[i] == b',' || b[i] == b'.')
                && i + 1 < b.len()
                && b[i + 1].is_ascii_digit()
                && !(b[i] == b',' && digits_after(i) >= 4))
    {
        return None;
    }
    // "Eindhoven 11:15": a time is not a house number.
    if i + 1 < b.len() && b[i] == b':' && b[i + 1].is_ascii_digit() {
        return None;
    }
    // "Amsterdam 2025": a year is not a house number.
    if n == 4 && (b[ds] == b'1' && b[ds + 1] == b'9' || b[ds] == b'2' && b[ds + 1] == b'0') {
        return None;
    }
    Some(i)
}
