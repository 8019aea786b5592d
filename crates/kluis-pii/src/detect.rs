//! The scan of one text: keyword hits, identifier candidates and their validation, overlap resolution.

use crate::checks::{self, digits};
use crate::gate::{Finds, Verdict, WordCache};
use crate::vocab::Kw;
use crate::{Detector, Finding};
use kluis_domain::{EntityType as E, SpecialCategory};
use regex::Regex;
use std::cell::Cell;

/// Compiled identifier patterns. ASCII word boundaries only: Unicode `\b` costs 100× (pii-detection.md §7).
/// The patterns that only find spans are fully compiled DFAs: a search needs no cache from a pool and no lazy
/// state building, which on the short digit lines they run on costs more than the scan itself. The two date
/// patterns read capture groups and stay `regex` patterns.
pub(crate) struct Patterns {
    phone_intl: Dfa,
    phone_nat: Dfa,
    postcode: Dfa,
    number: Dfa,
    vat_nl: Dfa,
    vat_be: Dfa,
    be_nn: Dfa,
    /// The numeric date with its parts as capture groups (the table rule reads cells with it).
    pub(crate) date_num: Regex,
    /// The two date patterns as DFAs: spans only, the parts are read by [`numeric_date`] and [`word_date`].
    date_num_span: Dfa,
    date_word_span: Dfa,
    id_doc: Dfa,
    id_doc_spaced: Dfa,
    plate: Dfa,
    ip: Dfa,
    card: Dfa,
}

type Dfa = regex_automata::dfa::regex::Regex;

/// A numeric date, day first ("12-03-1980", one separator twice) or year first ("1980-03-12").
const DATE_NUM_PATTERN: &str = r"\b([0-9]{1,2})([-/. ])([0-9]{1,2})([-/. ])((?:19|20)[0-9]{2})\b|\b((?:19|20)[0-9]{2})-([0-9]{2})-([0-9]{2})\b";
/// A date with the month's name ("3 maart 1980", "1er mars 2001").
const DATE_WORD_PATTERN: &str =
    r"\b([0-9]{1,2})(?:e|er)?\.? ([A-Za-z\x{e9}\x{fb}\x{c9}\x{db}]{3,9})\.? ((?:19|20)[0-9]{2})\b";

/// The digits of `b` as a number (`b` holds one to four ASCII digits).
fn small_number(b: &[u8]) -> u32 {
    b.iter()
        .fold(0, |n, &c| n * 10 + u32::from(c.wrapping_sub(b'0')))
}

/// Day, month and year of a match of [`DATE_NUM_PATTERN`]; `None` when its two separators differ. The year-first
/// form is the only one that opens with four digits (the other has a separator among its first three bytes).
fn numeric_date(m: &[u8]) -> Option<(u32, u32, u32)> {
    if m.len() == 10 && m[..4].iter().all(u8::is_ascii_digit) {
        return Some((
            small_number(&m[8..]),
            small_number(&m[5..7]),
            small_number(&m[..4]),
        ));
    }
    let sep1 = m.iter().position(|c| !c.is_ascii_digit())?;
    let sep2 = sep1 + 1 + m[sep1 + 1..].iter().position(|c| !c.is_ascii_digit())?;
    (m[sep1] == m[sep2]).then(|| {
        (
            small_number(&m[..sep1]),
            small_number(&m[sep1 + 1..sep2]),
            small_number(&m[sep2 + 1..]),
        )
    })
}

/// Day, month's name and year of a match of [`DATE_WORD_PATTERN`]: the name runs from the first blank to the
/// next dot or blank, the year is the last four bytes.
fn word_date(m: &str) -> (u32, &str, u32) {
    let b = m.as_bytes();
    let day = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let from = m.find(' ').map_or(0, |k| k + 1);
    let to = m[from..].find(['.', ' ']).map_or(m.len(), |k| from + k);
    (
        small_number(&b[..day]),
        &m[from..to],
        small_number(&b[b.len().saturating_sub(4)..]),
    )
}

fn re(p: &str) -> Regex {
    Regex::new(&p.replace("\\b", "(?-u:\\b)")).expect("static pattern compiles")
}

/// A pattern as a DFA with the semantics of [`re`] (leftmost-first, the same syntax).
fn dfa(p: &str) -> Dfa {
    Dfa::new(&p.replace("\\b", "(?-u:\\b)")).expect("static pattern compiles")
}

impl Patterns {
    pub(crate) fn build() -> Patterns {
        Patterns {
            // Dutch and Belgian numbers in any grouping; other countries' numbers with the blank that follows a
            // country code in the international notation ("+44 7700 900123", "+33 3 20 00 00 00").
            phone_intl: dfa(
                r"(?:\+|\b00)3[12][ \-]?(?:\(0\)[ \-]?)?[1-9](?:[ \-.]?[0-9]){7,8}|\+[1-9][0-9]{0,2} [1-9](?:[ \-.]?[0-9]){7,11}",
            ),
            // Service numbers first ("0900-1234", "0800 1234567": shorter than a subscriber number); then one
            // separator between digit groups, or a spaced dash ("06 - 1234 5678"); then an area code apart
            // behind a spaced dash or en dash ("0318 - 69 72 00", "055 – 58 14 40").
            phone_nat: dfa(
                r"\b0(?:800|90[069])[ \-]?[0-9]{4,7}\b|(?:\b0[1-9]|\(0[1-9][0-9]{0,2}\))(?: - |[ \-./])?(?:[ \-./]?[0-9]){7,8}|\b0[1-9][0-9]{1,2} (?:-|\x{2013}) [0-9](?:[ .]?[0-9]){4,7}",
            ),
            postcode: dfa(r"\b[1-9][0-9]{3}[ ]{0,2}[A-Z]{2}\b"),
            number: dfa(
                r"\b(?:[0-9]{8,19}|[0-9]{4}\.[0-9]{2}\.[0-9]{3}|[0-9]{3}[ .\-][0-9]{3}[ .\-][0-9]{3}|[01][0-9]{3}\.[0-9]{3}\.[0-9]{3}|[0-9]{3}-[0-9]{7}-[0-9]{2}|[0-9]{4}(?:[ \-][0-9]{4}){3}|[0-9]{4} [0-9]{6} [0-9]{5})\b",
            ),
            vat_nl: dfa(r"\bNL[ ]?(?:[0-9]{9}|[0-9]{4}\.[0-9]{2}\.[0-9]{3}\.?)[ ]?B[ ]?[0-9]{2}\b"),
            vat_be: dfa(r"\bBE[ ]?(?:[01][0-9]{3}|[0-9]{3})[. ]?[0-9]{3}[. ]?[0-9]{3}\b"),
            // The written forms of the Belgian national number: the date in pairs with dots, blanks or dashes
            // ("72.03.14-123.20", "72 03 14 123 20"), or in one piece before the counter ("720314-123-20",
            // "720314 123 20"), or only the check digits apart ("720314123-20").
            be_nn: dfa(
                r"\b(?:[0-9]{2}\.[0-9]{2}\.[0-9]{2}[-. ]?[0-9]{3}[-. ]?[0-9]{2}|[0-9]{2} [0-9]{2} [0-9]{2}[-. ][0-9]{3}[-. ][0-9]{2}|[0-9]{2}-[0-9]{2}-[0-9]{2}[-. ][0-9]{3}[-. ][0-9]{2}|[0-9]{6}[-. ][0-9]{3}[-. ]?[0-9]{2}|[0-9]{9}-[0-9]{2})\b",
            ),
            date_num: re(DATE_NUM_PATTERN),
            date_num_span: dfa(DATE_NUM_PATTERN),
            date_word_span: dfa(DATE_WORD_PATTERN),
            id_doc: dfa(r"\b[A-Z]{2}[A-Z0-9]{6}[0-9]\b|\b[A-Z]{2}[0-9]{6}\b"),
            // The same letters and digits as printed apart on older cards ("XR 123456").
            id_doc_spaced: dfa(r"\b[A-Z]{2} [0-9]{6}\b"),
            plate: dfa(
                r"\b(?:[A-Z]{2}-[0-9]{2}-[0-9]{2}|[0-9]{2}-[0-9]{2}-[A-Z]{2}|[0-9]{2}-[A-Z]{2}-[0-9]{2}|[A-Z]{2}-[0-9]{2}-[A-Z]{2}|[A-Z]{2}-[A-Z]{2}-[0-9]{2}|[0-9]{2}-[A-Z]{2}-[A-Z]{2}|[0-9]{2}-[A-Z]{3}-[0-9]|[0-9]-[A-Z]{3}-[0-9]{2}|[A-Z]{2}-[0-9]{3}-[A-Z]|[A-Z]-[0-9]{3}-[A-Z]{2}|[A-Z]{3}-[0-9]{2}-[A-Z]|[A-Z]-[0-9]{2}-[A-Z]{3}|[0-9]-[A-Z]{2}-[0-9]{3}|[0-9]{3}-[A-Z]{2}-[0-9]|[1-9]-[A-Z]{3}-[0-9]{3})\b",
            ),
            ip: dfa(r"\b[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\b"),
            card: dfa(r"\b3[47][0-9]{2}[ \-]?[0-9]{6}[ \-]?[0-9]{5}\b"),
        }
    }
}

/// A special-category term in the text.
#[derive(Debug, Clone)]
pub(crate) struct Special {
    #[allow(dead_code)]
    pub start: usize,
    pub category: SpecialCategory,
    pub weak: bool,
    pub term: Vec<u8>,
}

/// A keyword hit that sits on word boundaries as its entry requires.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub kw: Kw,
}

pub(crate) struct Scan<'a> {
    pub det: &'a Detector,
    pub text: &'a str,
    pub hits: Vec<Hit>,
    /// Capitalised words that are known first names: (start, end).
    pub first_names: Vec<(usize, usize)>,
    /// Starts of words (keyword-pass boundaries) whose first byte is an ASCII capital or a lead byte from 0xC3
    /// (every non-ASCII capital), ascending: the name rules visit these instead of walking the text again.
    pub caps: Vec<usize>,
    /// Occurrences of the prose rule's intro words (`vocab::names::PERSON_INTRO`, exact bytes): (start, end).
    pub intros: Vec<(usize, usize)>,
    pub specials: Vec<Special>,
    /// The end of every line (the position of its line break, or the text's length for a last line without
    /// one), ascending: the line rules walk these instead of searching each line's end again.
    pub line_ends: Vec<usize>,
    /// The 64-byte blocks that hold an ASCII digit, ascending: (the block's first byte, its digits as a mask).
    /// Most prose has none, and every identifier pattern needs one.
    digit_blocks: Vec<(usize, u64)>,
    /// The 64-byte blocks that hold a mark byte (`words::is_mark`), ascending: (the block's first byte, its marks
    /// as a mask).
    mark_blocks: Vec<(usize, u64)>,
}

pub(crate) use crate::gate::wordish;

/// The eight bytes at `k` of a block's window, as a little-endian word (`k + 8 <= 80`).
#[inline(always)]
fn word_at(win: &[u8; 80], k: usize) -> u64 {
    let k = k.min(72);
    u64::from_le_bytes(win[k..k + 8].try_into().unwrap_or_default())
}

/// Appends `base + k` for every set bit `k` of `m`, ascending. `N` entries at a time without a test per bit
/// (a loop that stops at the last bit mispredicts its exit in most blocks); those past the last bit are dropped.
#[inline(always)]
fn push_bits<const N: usize>(v: &mut Vec<usize>, mut m: u64, base: usize) {
    let mut len = v.len();
    loop {
        v.extend((0..N).map(|_| {
            len += usize::from(m != 0);
            let k = base + m.trailing_zeros() as usize;
            m &= m.wrapping_sub(1);
            k
        }));
        if m == 0 {
            break;
        }
    }
    v.truncate(len);
}

/// Tests the words of a block against the cache alone: `starts` and `ends` are the block's word starts and the
/// ends of the words that start in it (starts and ends alternate, so the k-th start pairs with the k-th end; a
/// start without an end is a word the block leaves open). Returns the start and end bits of the words the cache
/// does not settle, and the offset of a word left open. Out of line so that its loop keeps everything in
/// registers.
#[inline(never)]
fn quiet_words(
    cache: &mut WordCache,
    gate: &crate::gate::WordGate,
    win: &[u8; 80],
    mut starts: u64,
    mut ends: u64,
) -> (u64, u64, Option<usize>) {
    let (mut ps, mut pe) = (0u64, 0u64);
    while starts != 0 {
        let sb = starts & starts.wrapping_neg();
        let k = starts.trailing_zeros() as usize & 63;
        starts &= starts - 1;
        if ends == 0 {
            return (ps, pe, Some(k));
        }
        let eb = ends & ends.wrapping_neg();
        let j = ends.trailing_zeros() as usize;
        ends &= ends - 1;
        let w = (word_at(win, k), word_at(win, k + 8));
        // The bytes after a word of up to 15 bytes (the only ones the cache keeps) are in the window.
        let next = next_at(win, j);
        if !cache.quiet_at_once(w, j - k, next) && !quiet_rest(cache, gate, win, k, j) {
            ps |= sb;
            pe |= eb;
        }
    }
    (ps, pe, None)
}

/// [`WordCache::quiet_after_all`] for the word `k..j` of a block's window, read from the window again: the
/// per-word loop then keeps no copy of the word for the few that need it.
#[inline(never)]
fn quiet_rest(
    cache: &mut WordCache,
    gate: &crate::gate::WordGate,
    win: &[u8; 80],
    k: usize,
    j: usize,
) -> bool {
    let w = (word_at(win, k), word_at(win, k + 8));
    cache.quiet_after_all(gate, w, j - k, next_at(win, j))
}

/// The two bytes at `j` of a block's window, as [`crate::gate::next2`] reads them (`j + 2 <= 80`).
#[inline(always)]
fn next_at(win: &[u8; 80], j: usize) -> u16 {
    debug_assert!(j <= 78);
    let j = j.min(78);
    u16::from_le_bytes([win[j], win[j + 1]])
}

fn push_hit(
    text: &str,
    hits: &mut Vec<Hit>,
    specials: &mut Vec<Special>,
    s: usize,
    e: usize,
    p: &crate::lexicon::Pattern,
) {
    for x in &p.entries {
        match x.kw {
            Kw::Special(c, weak) => specials.push(Special {
                start: s,
                category: c,
                weak,
                term: p.bytes.clone(),
            }),
            // A party's name is strong beside a membership word; otherwise the sentence must give the person a
            // political role ("staat op de lijst van Groen", "conseillère communale (Ecolo)").
            Kw::Party => specials.push(Special {
                start: s,
                category: SpecialCategory::Political,
                weak: !member_before(text, s),
                term: p.bytes.clone(),
            }),
            Kw::Member(c) => specials.push(Special {
                start: s,
                category: c,
                weak: !member_before(text, s),
                term: p.bytes.clone(),
            }),
            kw => hits.push(Hit {
                start: s,
                end: e,
                kw,
            }),
        }
    }
}

/// A bare number label ("nr.", "n°", "no.") right after a phone word ("Tel. nr.", "GSM n°", "Phone no."): the
/// number it labels is the phone.
fn after_phone_word(b: &[u8], s: usize, e: usize) -> bool {
    let label = &b[s..e];
    let bare = label.len() <= 3 && (label[0] | 0x20 == b'n') && !label.eq_ignore_ascii_case(b"nrs");
    if !bare {
        return false;
    }
    let before = &b[s.saturating_sub(16)..s];
    let lower: Vec<u8> = before.iter().map(u8::to_ascii_lowercase).collect();
    [
        "tel", "gsm", "mobiel", "mobile", "phone", "fax", "telefoon", "portable", "whatsapp",
    ]
    .iter()
    .any(|w| lower.windows(w.len()).any(|x| x == w.as_bytes()))
}

/// A membership, voting or list word in the 40 bytes before `s` ("lid van de", "Ledenlijst", "stem op").
fn member_before(text: &str, s: usize) -> bool {
    let from = floor_char(text, s.saturating_sub(40));
    let before = text[from..s].to_ascii_lowercase();
    [
        "lid",
        "leden",
        "partij",
        "member",
        "membre",
        "affili",
        "stem",
        "kandidaat",
        "raadslid",
        "militant",
        "afdeling",
        "vrijwillig",
        "actief",
        "bestuur",
    ]
    .iter()
    .any(|w| before.contains(w))
}

/// What the keyword pass collects; the slow path of one word adds to it.
struct Collect<'a> {
    det: &'a Detector,
    text: &'a str,
    lists: Lists,
    cache: Box<WordCache>,
}

/// The lists a keyword pass fills (see the fields of [`Scan`]). Between documents a thread keeps them emptied, so
/// that their memory is allocated once rather than grown again for every document (see `Scan`'s `Drop`).
#[derive(Default)]
struct Lists {
    hits: Vec<Hit>,
    specials: Vec<Special>,
    first_names: Vec<(usize, usize)>,
    caps: Vec<usize>,
    intros: Vec<(usize, usize)>,
    line_ends: Vec<usize>,
    digit_blocks: Vec<(usize, u64)>,
    mark_blocks: Vec<(usize, u64)>,
}

/// Lists with room for more entries than this are freed rather than kept, so a thread holds at most about 2 MB
/// after a very large text (a 64 KB document needs a few thousand).
const KEEP_AT_MOST: usize = 1 << 14;

impl Drop for Scan<'_> {
    fn drop(&mut self) {
        fn emptied<T>(v: &mut Vec<T>) -> Vec<T> {
            let mut v = std::mem::take(v);
            if v.capacity() > KEEP_AT_MOST {
                return Vec::new();
            }
            v.clear();
            v
        }
        LISTS.set(Some(Box::new(Lists {
            hits: emptied(&mut self.hits),
            specials: emptied(&mut self.specials),
            first_names: emptied(&mut self.first_names),
            caps: emptied(&mut self.caps),
            intros: emptied(&mut self.intros),
            line_ends: emptied(&mut self.line_ends),
            digit_blocks: emptied(&mut self.digit_blocks),
            mark_blocks: emptied(&mut self.mark_blocks),
        })));
    }
}

thread_local! {
    /// This thread's lists of the last keyword pass, emptied (see [`Lists`]).
    static LISTS: Cell<Option<Box<Lists>>> = const { Cell::new(None) };
    /// This thread's cache of the gate's verdicts, lent to one keyword pass at a time (taken, then put back).
    static CACHE: Cell<Option<Box<WordCache>>> = const { Cell::new(None) };
}

impl Collect<'_> {
    /// A word whose verdict is not kept yet (it takes the gate's, `gate::WordGate`, branch-free) or lets it
    /// through: the exact lookups for what it may be.
    #[inline(never)]
    fn settle(&mut self, s: usize, p: usize) {
        let b = self.text.as_bytes();
        let n = p - s;
        let (w, key) = crate::gate::word_key(b, s, n);
        let slot = WordCache::slot(key);
        let v = match self.cache.get(slot, key) {
            Some(v) => v,
            None => {
                let (h, _) = crate::gate::word_hashes_of(w, n);
                let v = self.det.gate.test(b, s, p, h, w.0);
                self.cache.insert(&self.det.gate, slot, key, h, v);
                v
            }
        };
        if v.0 == 0 {
            return;
        }
        // A word that opens a keyword of several words is worth a look when the bytes after it fit.
        let reads_on = v.has(Verdict::OPENS)
            && self
                .det
                .gate
                .follows(b, p, crate::gate::word_hashes_of(w, n).0);
        let word = v.has(Verdict::WORD) || reads_on;
        // The verdict's bits that found nothing in this word are dropped from the cache: what they test depends
        // on the word's own bytes only, so the next occurrence is settled in the inline path (a rare word that
        // passed the gate's filters by chance, "besluit"). `OPENS` stays: the bytes after the word decide.
        let mut kept = v.0;
        if word || v.has(Verdict::STEM) {
            // What such a word holds depends on the bytes after it only when they may go on into one of its
            // keywords: the follow test has no false negatives, so a keyword whose rest is there passes it. So an
            // intro word that also opens a closing ("met", "met vriendelijke groet") is replayed wherever no
            // closing follows.
            let own = !reads_on;
            let f = match self.cache.finds(key) {
                Some(f) if own => {
                    self.replay(s, p, f);
                    f
                }
                _ => {
                    let f = self.word(s, p, w, word, v.has(Verdict::STEM));
                    if own {
                        self.cache.keep_finds(Finds { key, ..f });
                    }
                    f
                }
            };
            if f.is_empty() {
                kept &= !(Verdict::WORD | Verdict::STEM);
            }
        }
        if v.has(Verdict::TAIL) && !self.compound(s, p) {
            kept &= !Verdict::TAIL;
        }
        if kept != v.0 {
            let h = crate::gate::word_hashes_of(w, n).0;
            self.cache
                .insert(&self.det.gate, slot, key, h, Verdict(kept));
        }
    }

    /// Adds what [`Collect::word`] found in an earlier occurrence of word `s..i`.
    fn replay(&mut self, s: usize, i: usize, f: Finds) {
        if f.first_name {
            self.lists.first_names.push((s, i));
        }
        if f.intro {
            self.lists.intros.push((s, i));
        }
        if let Some(p) = self.det.lex.pats.get(f.pattern as usize) {
            push_hit(
                self.text,
                &mut self.lists.hits,
                &mut self.lists.specials,
                s,
                s + f.len as usize,
                p,
            );
        }
    }

    /// Word `s..i` (whose first 16 bytes are `w`) passed the gate (`hit` as a whole word or a keyword's first
    /// word, `hit4` for a stem it starts with): exact lookups of first names, keywords starting with this word,
    /// and stems it starts with. Returns what it found (the key is left for the caller, which knows whether that
    /// depends on the word's own bytes only, see [`Finds`]).
    #[inline(never)]
    fn word(&mut self, s: usize, i: usize, w: (u64, u64), hit: bool, hit4: bool) -> Finds {
        let (h, h4) = crate::gate::word_hashes_of(w, i - s);
        let (det, text) = (self.det, self.text);
        let lex = &det.lex;
        let b = text.as_bytes();
        let n = b.len();
        let mut finds = Finds {
            key: [0, 0],
            first_name: false,
            intro: false,
            pattern: Finds::NO_PATTERN,
            len: 0,
        };
        let mut matched = false;
        if hit {
            let cap = b[s].is_ascii_uppercase()
                || (b[s] == 0xC3 && s + 1 < n && (0x80..=0x9E).contains(&b[s + 1]));
            if cap && det.names.first_hashes.get(h).is_some() {
                self.lists.first_names.push((s, i));
                finds.first_name = true;
            }
            let (cands, intro) = lex.first.get(h);
            if intro {
                let w = &b[s..i];
                // The prose rule reads a run of two to eight ASCII lowercase letters.
                if (2..=8).contains(&w.len())
                    && w.iter().all(u8::is_ascii_lowercase)
                    && crate::vocab::names::PERSON_INTRO
                        .iter()
                        .any(|x| x.as_bytes() == w)
                {
                    self.lists.intros.push((s, i));
                    finds.intro = true;
                }
            }
            for c in cands {
                if c.first_len as usize != i - s || !c.may_match(w) {
                    continue;
                }
                let p = &lex.pats[c.id as usize];
                let Some(e) = lex.verify(b, s, p) else {
                    continue;
                };
                if !c.stem && e < n && wordish(b[e]) && wordish(b[e - 1]) {
                    continue;
                }
                push_hit(
                    text,
                    &mut self.lists.hits,
                    &mut self.lists.specials,
                    s,
                    e,
                    p,
                );
                (finds.pattern, finds.len) = (c.id, (e - s) as u32);
                matched = true;
                break;
            }
        }
        if !matched
            && hit4
            && lex.stem4.get(h4).is_some()
            && let Some(id) = lex.stem_at(b, s, i)
        {
            let p = &lex.pats[id as usize];
            push_hit(
                text,
                &mut self.lists.hits,
                &mut self.lists.specials,
                s,
                s + p.bytes.len(),
                p,
            );
            (finds.pattern, finds.len) = (id, p.bytes.len() as u32);
        }
        finds
    }
}

impl Collect<'_> {
    /// Word `s..i` ends like a compound head: the head's special category or class cue.
    /// Returns whether it found one.
    #[inline(never)]
    fn compound(&mut self, s: usize, i: usize) -> bool {
        let lex = &self.det.lex;
        let tail = lex.tail_at(self.text.as_bytes(), s, i);
        if let Some(t) = tail {
            let at = i - t.bytes.len();
            // A body part or a medical prefix before a weak head makes it strong: "knie|operatie", "rug|klachten",
            // "fysio|therapeut" (but "klant|klachten", "cyber|aanval" stay weak).
            let modifier = self
                .text
                .get(s..at)
                .unwrap_or("")
                .trim_end_matches(['-', 's']);
            // A visit to a doctor ("tandarts", "oogarts") says little on its own: only the condition words count.
            let body = t.bytes != b"arts"
                && crate::vocab::special::BODY
                    .iter()
                    .any(|m| modifier.eq_ignore_ascii_case(m));
            match t.entries.first().map(|x| x.kw) {
                Some(Kw::Special(c, true)) if body => self.lists.specials.push(Special {
                    start: at,
                    category: c,
                    weak: false,
                    term: t.bytes.clone(),
                }),
                _ => push_hit(
                    self.text,
                    &mut self.lists.hits,
                    &mut self.lists.specials,
                    at,
                    i,
                    t,
                ),
            }
        }
        tail.is_some()
    }
}

impl<'a> Scan<'a> {
    pub(crate) fn new(det: &'a Detector, text: &'a str) -> Scan<'a> {
        let b = text.as_bytes();
        let mut cache = CACHE.take().unwrap_or_else(|| Box::new(WordCache::new()));
        cache.serve(&det.gate);
        let mut lists = LISTS.take().map(|l| *l).unwrap_or_default();
        let mut line_ends = std::mem::take(&mut lists.line_ends);
        let mut c = Collect {
            det,
            text,
            lists,
            cache,
        };
        // Word boundaries from 64-byte masks (`words::word_masks`): word starts are the rising edges of the mask,
        // word ends its falling edges; starts and ends alternate, so the k-th start of a block pairs with the k-th
        // end (after the end of a word left open by the previous block). Capitalised word starts come from a
        // second mask without any work per word. Most words of running text are in no table and were seen
        // before, so the inline path per word is one load and compare in the thread's `WordCache`; a word seen
        // for the first time takes the gate's O(1) hash and filter loads; only a word the verdict lets through (a
        // keyword, a first name, a stem's start, a compound head, a keyword's first word before bytes that fit, or
        // a rare false positive) calls the out-of-line exact lookup.
        let mut open: Option<usize> = None;
        let mut carry = 0u64;
        // `win` is the block and the 16 bytes after it (zero past the text's end): a word that starts in the block
        // is read from it without a bounds test.
        let mut on_mask = |masks: crate::words::Masks,
                           width: usize,
                           base: usize,
                           win: &[u8; 80],
                           c: &mut Collect<'_>| {
            push_bits::<2>(&mut line_ends, masks.newline, base);
            if masks.digit != 0 {
                c.lists.digit_blocks.push((base, masks.digit));
            }
            if masks.mark != 0 {
                c.lists.mark_blocks.push((base, masks.mark));
            }
            let (m, caps) = (masks.word, masks.caps);
            let prev = (m << 1) | carry;
            let starts = m & !prev;
            let mut ends = !m & prev;
            push_bits::<4>(&mut c.lists.caps, starts & caps, base);
            if let Some(s) = open
                && ends != 0
            {
                // `carry` was set: the first falling edge closes the word left open.
                open = None;
                let p = base + ends.trailing_zeros() as usize;
                ends &= ends - 1;
                let w = crate::gate::load16(b, s);
                if !c
                    .cache
                    .quiet(&det.gate, w, p - s, || crate::gate::next2(b, p))
                {
                    c.settle(s, p);
                }
            }
            // First the block's words against the cache alone, then the few it does not settle.
            let (mut ps, mut pe, left_open) =
                quiet_words(&mut c.cache, &det.gate, win, starts, ends);
            if let Some(k) = left_open {
                open = Some(base + k);
            }
            while ps != 0 {
                let s = base + ps.trailing_zeros() as usize;
                let p = base + pe.trailing_zeros() as usize;
                ps &= ps - 1;
                pe &= pe - 1;
                c.settle(s, p);
            }
            carry = (m >> (width - 1)) & 1;
        };
        // Blocks with 16 bytes after them are read in place; the last ones from a zero-padded copy. One call site,
        // so that the block's work is inlined here.
        let mut base = 0;
        let mut padded = [0u8; 80];
        let simd = crate::words::Simd::detect();
        loop {
            let rest = &b[base..];
            let win: &[u8; 80] = match rest.first_chunk() {
                Some(w) => w,
                None => {
                    padded.fill(0);
                    padded[..rest.len()].copy_from_slice(rest);
                    &padded
                }
            };
            let (masks, width) = if rest.len() >= 64 {
                let masks = crate::words::word_masks(win.first_chunk().unwrap_or(&[0; 64]), simd);
                (masks, 64)
            } else {
                // The text's end closes an open word: a zero bit past the last byte.
                (crate::words::word_masks_tail(rest), rest.len() + 1)
            };
            on_mask(masks, width, base, win, &mut c);
            if rest.len() < 64 {
                break;
            }
            base += 64;
        }
        CACHE.set(Some(c.cache));
        // Line ends came with the masks; the last line may end without a line break.
        if line_ends.last().map_or(!b.is_empty(), |&e| e + 1 < b.len()) {
            line_ends.push(b.len());
        }
        Scan {
            det,
            text,
            hits: c.lists.hits,
            first_names: c.lists.first_names,
            caps: c.lists.caps,
            intros: c.lists.intros,
            specials: c.lists.specials,
            line_ends,
            digit_blocks: c.lists.digit_blocks,
            mark_blocks: c.lists.mark_blocks,
        }
    }

    /// Lines that hold a digit, merged into segments: every identifier pattern needs one, and most prose has none.
    /// The keyword pass listed the blocks with digits; a digit inside a segment already found is skipped.
    fn digit_segments(&self) -> Vec<(usize, usize)> {
        let mut segs: Vec<(usize, usize)> = Vec::new();
        let mut done = 0;
        for &(base, mut m) in &self.digit_blocks {
            // Digits before `done` lie in the last segment.
            if done > base {
                m &= u64::MAX.checked_shl((done - base) as u32).unwrap_or(0);
            }
            while m != 0 {
                let d = base + m.trailing_zeros() as usize;
                let (ls, le) = self.line_bounds(d);
                match segs.last_mut() {
                    Some(last) if last.1 >= ls => last.1 = le,
                    _ => segs.push((ls, le)),
                }
                done = le;
                m &= u64::MAX.checked_shl((le - base) as u32).unwrap_or(0);
            }
        }
        segs
    }

    /// The positions of the mark bytes (`words::is_mark`), ascending.
    pub(crate) fn marks(&self) -> impl Iterator<Item = usize> + '_ {
        self.mark_blocks
            .iter()
            .flat_map(|&(base, m)| crate::words::bit_positions(m).map(move |k| base + k))
    }

    /// The line that holds byte `pos`, from the line index: its start, and its end after its line break (a line
    /// break belongs to the line it ends).
    pub(crate) fn line_bounds(&self, pos: usize) -> (usize, usize) {
        let i = self.line_ends.partition_point(|&e| e < pos);
        let start = if i == 0 { 0 } else { self.line_ends[i - 1] + 1 };
        let end = self
            .line_ends
            .get(i)
            .map_or(self.text.len(), |&e| (e + 1).min(self.text.len()));
        (start, end)
    }

    /// The nearest identifier-context keyword before `pos` (same line, or the previous line when the candidate
    /// opens its line), within `window` bytes.
    pub(crate) fn context(&self, pos: usize, window: usize) -> Option<Kw> {
        let b = self.text.as_bytes();
        let lo = pos.saturating_sub(window);
        let idx = self.hits.partition_point(|h| h.start < pos);
        let mut newlines_allowed = usize::from(line_prefix_blank(b, pos));
        let mut scanned = pos;
        for (k, h) in self.hits[..idx].iter().enumerate().rev() {
            if h.end > pos {
                continue;
            }
            if h.end < lo {
                break;
            }
            // Count line breaks between this hit and the candidate. Hits can overlap ("geachte heer/mevrouw"
            // holds "heer"): a hit ending inside the stretch already counted adds no line breaks.
            let nl = b
                .get(h.end..scanned)
                .map_or(0, |gap| gap.iter().filter(|&&c| c == b'\n').count());
            if nl > newlines_allowed {
                return None;
            }
            newlines_allowed -= nl;
            scanned = scanned.min(h.end);
            if is_id_context(h.kw) {
                // "Licence no.": the number word is the tail of a longer label that says which number it is.
                if h.kw == Kw::OtherNumber
                    && let Some(longer) =
                        self.hits[..k].iter().rev().take(3).find(|o| {
                            o.end > h.start && is_id_context(o.kw) && o.kw != Kw::OtherNumber
                        })
                {
                    return Some(longer.kw);
                }
                return Some(h.kw);
            }
        }
        None
    }

    /// True when a number label ("Ordernr.:", "Referentie") stands right before `pos`: the value is that number.
    fn labelled_other(&self, pos: usize) -> bool {
        let b = self.text.as_bytes();
        let idx = self.hits.partition_point(|h| h.start < pos);
        self.hits[..idx].iter().rev().take(2).any(|h| {
            h.kw == Kw::OtherNumber
                && h.end <= pos
                && pos - h.end <= 4
                && b[h.end..pos]
                    .iter()
                    .all(|&c| matches!(c, b' ' | b'.' | b':' | b'#'))
                && !after_phone_word(b, h.start, h.end)
        })
    }

    /// An identifier-context keyword right after `end` (e.g. "123456782 (BSN)").
    fn context_after(&self, end: usize) -> Option<Kw> {
        let idx = self.hits.partition_point(|h| h.start < end);
        let b = self.text.as_bytes();
        for h in &self.hits[idx..] {
            if h.start > end + 12 {
                break;
            }
            if b[end..h.start]
                .iter()
                .all(|&c| matches!(c, b' ' | b'(' | b'[' | b',' | b'-'))
                && is_id_context(h.kw)
            {
                return Some(h.kw);
            }
        }
        None
    }

    pub(crate) fn findings(&self) -> Vec<Finding> {
        let mut out: Vec<Finding> = Vec::new();
        let t = self.text;
        let b = t.as_bytes();
        let p = &self.det.re;
        let segs = self.digit_segments();
        let has: Vec<u32> = segs.iter().map(|&(o, e)| seg_features(&b[o..e])).collect();
        let add = |out: &mut Vec<Finding>, entity, s: usize, e: usize, score: f32| {
            out.push(Finding::span(entity, s, e, score));
        };

        // E-mail: anchor on '@'.
        for at in self.marks().filter(|&k| b[k] == b'@') {
            if let Some((s, e)) = email_span(b, at) {
                add(&mut out, E::Email, s, e, 0.95);
            }
        }

        // IBAN: from a country code of the registry, as many characters as its country has (see `iban`).
        for (&(o, e), &f) in segs.iter().zip(&has) {
            if f & needs::IBAN == needs::IBAN {
                for (s, e) in crate::iban::find(&b[o..e]) {
                    add(&mut out, E::Iban, o + s, o + e, 1.0);
                }
            }
        }

        // Phones.
        for m in spans(&p.phone_intl, t, &segs, &has, needs::PHONE_INTL).chain(spans(
            &p.phone_nat,
            t,
            &segs,
            &has,
            needs::PHONE_NAT,
        )) {
            let (s, e) = (m.start(), m.end());
            if !clean_edges(b, s, e) {
                continue;
            }
            let d = digits(m.as_str());
            let intl = b[s] == b'+' || m.as_str().starts_with("00");
            let formatted = m
                .as_str()
                .bytes()
                .any(|c| matches!(c, b' ' | b'-' | b'.' | b'(' | b'/'));
            let service = d.starts_with(&[0, 8, 0, 0]) || d.starts_with(&[0, 9, 0]);
            let ok = if intl {
                true
            } else {
                d.len() == 10
                    || (d.len() == 9 && formatted && self.context(s, 40) != Some(Kw::Bsn))
                    || (service && (8..=11).contains(&d.len()))
            };
            if ok && !(formatted && looks_like_date(m.as_str())) && !self.labelled_other(s) {
                add(&mut out, E::Phone, s, e, 0.9);
            }
        }

        // Postcodes (SA, SD and SS are never issued).
        for m in spans(&p.postcode, t, &segs, &has, needs::POSTCODE) {
            let l = &m.as_str().as_bytes()[m.len() - 2..];
            if l != b"SA" && l != b"SD" && l != b"SS" && !(m.end() < b.len() && b[m.end()] == b'-')
            {
                add(&mut out, E::Postcode, m.start(), m.end(), 0.85);
            }
        }

        // VAT numbers.
        for m in spans(&p.vat_nl, t, &segs, &has, needs::VAT_NL) {
            let c: Vec<u8> = m
                .as_str()
                .bytes()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect();
            // Many numbers in circulation fail both checks (typos, generated data): with a VAT keyword beside
            // them the format alone is convincing.
            if checks::nl_vat_valid(&c) {
                add(&mut out, E::VatNumber, m.start(), m.end(), 1.0);
            } else if c.len() == 14 && self.context(m.start(), 40) == Some(Kw::Vat) {
                add(&mut out, E::VatNumber, m.start(), m.end(), 0.7);
            }
        }
        for m in spans(&p.vat_be, t, &segs, &has, needs::VAT_BE) {
            if checks::be_vat_valid(&digits(m.as_str())) {
                add(&mut out, E::VatNumber, m.start(), m.end(), 1.0);
            }
        }

        // Belgian national and BIS numbers in their written forms. With the date apart from the counter the form
        // speaks for itself; a form with one separator only needs the keyword, as the plain 11 digits do.
        for m in spans(&p.be_nn, t, &segs, &has, needs::BE_NN) {
            let (s, e) = (m.start(), m.end());
            if !clean_edges(b, s, e) || !checks::be_nn_valid(&digits(m.as_str())) {
                continue;
            }
            let separators = m.as_str().bytes().filter(|c| !c.is_ascii_digit()).count();
            if separators >= 2
                || self.context(s, 90).or_else(|| self.context_after(e)) == Some(Kw::BeNn)
            {
                add(&mut out, E::BeNationalNumber, s, e, 0.95);
            }
        }

        // Bare numbers: meaning from check digits and the nearest context word.
        for m in spans(&p.number, t, &segs, &has, needs::NUMBER) {
            let (s, e) = (m.start(), m.end());
            if !clean_edges(b, s, e) {
                continue;
            }
            let d = digits(m.as_str());
            let ctx = self.context(s, 90).or_else(|| self.context_after(e));
            let grouped4 = m.as_str().len() == 19 && d.len() == 16;
            match d.len() {
                8 | 9 if ctx == Some(Kw::Bsn) && checks::bsn_valid(m.as_str()) => {
                    add(&mut out, E::Bsn, s, e, 0.95)
                }
                8 if ctx == Some(Kw::Kvk) && m.as_str().len() == 8 => {
                    add(&mut out, E::KvkNumber, s, e, 0.9)
                }
                10 if ctx == Some(Kw::Licence) => add(&mut out, E::DrivingLicenceNumber, s, e, 0.8),
                9 | 10 if ctx == Some(Kw::Vat) && checks::be_vat_valid(&d) => {
                    add(&mut out, E::VatNumber, s, e, 0.9)
                }
                11 if ctx == Some(Kw::BeNn) && checks::be_nn_valid(&d) => {
                    add(&mut out, E::BeNationalNumber, s, e, 0.9)
                }
                12 if checks::be_eid_valid(&d)
                    && (ctx == Some(Kw::IdDoc) || m.as_str().contains('-')) =>
                {
                    add(&mut out, E::IdDocumentNumber, s, e, 0.9)
                }
                13..=19
                    if checks::luhn(&d)
                        && checks::card_plausible(&d)
                        && (ctx == Some(Kw::Card) || grouped4) =>
                {
                    add(&mut out, E::CreditCard, s, e, 0.9)
                }
                _ => {}
            }
        }
        for m in spans(&p.card, t, &segs, &has, needs::CARD) {
            let d = digits(m.as_str());
            if checks::luhn(&d) && checks::card_plausible(&d) {
                add(&mut out, E::CreditCard, m.start(), m.end(), 0.9);
            }
        }

        // Dates of birth: a real date with a birth keyword just before it.
        for m in spans(&p.date_num_span, t, &segs, &has, needs::DATE_NUM) {
            let Some((day, month, year)) = numeric_date(m.as_str().as_bytes()) else {
                continue;
            };
            if checks::date_valid(day, month, year)
                && (self.context(m.start(), 60) == Some(Kw::Dob) || after_birth_sign(b, m.start()))
            {
                add(&mut out, E::DateOfBirth, m.start(), m.end(), 0.9);
            }
        }
        for m in spans(&p.date_word_span, t, &segs, &has, needs::DATE_WORD) {
            let (day, name, year) = word_date(m.as_str());
            let Some(month) = checks::month_number(&name.to_lowercase()) else {
                continue;
            };
            if checks::date_valid(day, month, year) && self.context(m.start(), 60) == Some(Kw::Dob)
            {
                add(&mut out, E::DateOfBirth, m.start(), m.end(), 0.9);
            }
        }

        // ID documents: format plus a document keyword.
        let spaced = spans(&p.id_doc_spaced, t, &segs, &has, needs::ID_DOC_SPACED);
        for m in spans(&p.id_doc, t, &segs, &has, needs::ID_DOC).chain(spaced) {
            let v = m.as_str().as_bytes();
            if !v.iter().any(u8::is_ascii_digit) || m.end() < b.len() && b[m.end()] == b'<' {
                continue;
            }
            match self.context(m.start(), 60) {
                Some(Kw::IdDoc) => add(&mut out, E::IdDocumentNumber, m.start(), m.end(), 0.85),
                Some(Kw::Licence) => {
                    add(&mut out, E::DrivingLicenceNumber, m.start(), m.end(), 0.8)
                }
                _ => {}
            }
        }

        // Licence plates (the dashes are part of the sidecode).
        for m in spans(&p.plate, t, &segs, &has, needs::PLATE) {
            if clean_edges(b, m.start(), m.end()) && plate_allowed(m.as_str()) {
                add(&mut out, E::LicensePlate, m.start(), m.end(), 0.7);
            }
        }

        // IPv4.
        for m in spans(&p.ip, t, &segs, &has, needs::IP) {
            if clean_edges(b, m.start(), m.end())
                && m.as_str().split('.').all(|o| {
                    o.parse::<u16>().is_ok_and(|v| v <= 255) && !(o.len() > 1 && o.starts_with('0'))
                })
            {
                add(&mut out, E::IpAddress, m.start(), m.end(), 0.8);
            }
        }

        crate::names::addresses(self, &segs, &mut out);
        crate::table::columns(self, &p.date_num, &mut out);
        crate::names::person_names(self, &mut out);
        crate::table::name_columns(self, &mut out);
        resolve(t, out)
    }
}

/// A match with absolute offsets (patterns run on digit-bearing segments only).
struct M<'t> {
    s: usize,
    e: usize,
    txt: &'t str,
}

impl<'t> M<'t> {
    fn start(&self) -> usize {
        self.s
    }
    fn end(&self) -> usize {
        self.e
    }
    fn as_str(&self) -> &'t str {
        self.txt
    }
    fn len(&self) -> usize {
        self.e - self.s
    }
}

/// Matches of `re` in the segments whose features include all of `need`.
fn spans<'t>(
    re: &'t Dfa,
    t: &'t str,
    segs: &'t [(usize, usize)],
    has: &'t [u32],
    need: u32,
) -> impl Iterator<Item = M<'t>> + 't {
    segs.iter()
        .zip(has)
        .filter(move |&(_, &f)| f & need == need)
        .flat_map(move |(&(o, e), _)| {
            re.find_iter(&t.as_bytes()[o..e]).map(move |m| M {
                s: o + m.start(),
                e: o + m.end(),
                txt: &t[o + m.start()..o + m.end()],
            })
        })
}

// What a digit segment contains. Each identifier pattern runs only on segments with the features that every one
// of its matches implies (see `Patterns::build`), so most patterns skip most digit lines.
/// A run of three (four, six) ASCII digits: numbers and written national numbers (dates, postcodes; cards).
const RUN3: u32 = 1;
const RUN4: u32 = 1 << 1;
const RUN6: u32 = 1 << 2;
/// Two adjacent ASCII capitals: postcodes, ID documents.
const UPPER2: u32 = 1 << 3;
/// A registry country code at a word start, then (after a blank, maybe) two digits that open a run: IBAN.
const IBAN_HEAD: u32 = 1 << 4;
/// "NL", an optional blank and a run of four digits: Dutch VAT numbers.
const NL_DIGITS4: u32 = 1 << 5;
/// "BE": Belgian VAT numbers.
const BE: u32 = 1 << 6;
/// A capital right before or after a dash: licence plates (every sidecode has a letter group beside a dash).
const DASH_BESIDE_UPPER: u32 = 1 << 7;
/// "+" or "00": international phone numbers.
const PLUS_OR_00: u32 = 1 << 8;
/// "0" at a word start (after a non-word byte, a bracket included) followed by a non-zero digit: national phone
/// numbers (`\b0[1-9]` or `\(0[1-9]`).
const ZERO_NONZERO: u32 = 1 << 9;
/// Digit, dot, digit: IPv4.
const DIGIT_DOT_DIGIT: u32 = 1 << 10;
/// At least 8 (9, 11) ASCII digits in the segment: the fewest a match of the bare numbers (phones, VAT-BE and
/// cards; VAT-NL, written national numbers and cards) holds.
const DIGITS8: u32 = 1 << 11;
const DIGITS9: u32 = 1 << 12;
const DIGITS11: u32 = 1 << 13;
/// A run of exactly four digits, up to two blanks, then a capital: postcodes ("1234 AB"; a digit before or
/// after the four breaks the word boundary).
const FOUR_DIGITS_UPPER: u32 = 1 << 14;
/// A digit and a separator before "19" or "20" ("12-03-1980"), or "19"/"20", two digits and a dash
/// ("1980-03-"): numeric dates.
const DATE_NUM: u32 = 1 << 15;
/// A letter, "." or the last byte of "é"/"û", a space, then "19" or "20" ("maart 1980"): dates with a month name.
const DATE_WORD: u32 = 1 << 16;
/// A run of capitals and digits that opens with two capitals and ends with a digit, eight bytes or more: ID
/// document numbers (the run starts at the match's word boundary).
const ID_SHAPE: u32 = 1 << 17;
/// Digit, then a dot, a dash or a blank, then a digit: every written form of the Belgian national number.
const BE_NN_SHAPE: u32 = 1 << 18;
/// A run of digits that opens with "34" or "37": American Express numbers.
const AMEX_HEAD: u32 = 1 << 19;

/// The features every match of each pattern implies: a pattern runs only on segments that have all of them
/// (`tests::every_match_has_the_features_its_pattern_needs` holds each to that).
mod needs {
    use super::*;
    pub(super) const IBAN: u32 = IBAN_HEAD;
    pub(super) const PHONE_INTL: u32 = PLUS_OR_00 | DIGITS9;
    pub(super) const PHONE_NAT: u32 = ZERO_NONZERO | DIGITS8;
    pub(super) const POSTCODE: u32 = RUN4 | UPPER2 | FOUR_DIGITS_UPPER;
    pub(super) const VAT_NL: u32 = NL_DIGITS4 | DIGITS11;
    pub(super) const VAT_BE: u32 = BE | DIGITS9;
    pub(super) const BE_NN: u32 = RUN3 | DIGITS11 | BE_NN_SHAPE;
    pub(super) const NUMBER: u32 = RUN3 | DIGITS8;
    pub(super) const CARD: u32 = RUN6 | DIGITS11 | AMEX_HEAD;
    pub(super) const DATE_NUM: u32 = RUN4 | super::DATE_NUM;
    pub(super) const DATE_WORD: u32 = RUN4 | super::DATE_WORD;
    pub(super) const ID_DOC: u32 = ID_SHAPE;
    pub(super) const ID_DOC_SPACED: u32 = UPPER2 | RUN6;
    pub(super) const PLATE: u32 = DASH_BESIDE_UPPER;
    pub(super) const IP: u32 = DIGIT_DOT_DIGIT;
}

fn seg_features(s: &[u8]) -> u32 {
    let mut f = 0;
    let mut run = 0;
    let mut digits = 0usize;
    // The digit run that ended at most two blanks before this byte (postcodes), and the blanks since.
    let (mut tail_run, mut blanks) = (0, 0);
    // The run of capitals and digits this byte is in, and whether its first two bytes are capitals.
    let (mut alnum_run, mut first_cap, mut caps_head) = (0, false, false);
    let century = |a: u8, b: u8| (a, b) == (b'1', b'9') || (a, b) == (b'2', b'0');
    for (i, &c) in s.iter().enumerate() {
        // Most bytes of a digit line are lowercase letters: they only end the runs (every test below that reads
        // this byte wants a digit, a capital or a sign).
        if c.is_ascii_lowercase() {
            (run, alnum_run, tail_run) = (0, 0, 0);
            continue;
        }
        let back = |k: usize| if i >= k { s[i - k] } else { 0 };
        let p1 = back(1);
        if c.is_ascii_uppercase() || c.is_ascii_digit() {
            alnum_run += 1;
            match alnum_run {
                1 => first_cap = c.is_ascii_uppercase(),
                2 => caps_head = first_cap && c.is_ascii_uppercase(),
                _ => {}
            }
        } else {
            alnum_run = 0;
        }
        if c.is_ascii_digit() {
            digits += 1;
            run += 1;
            tail_run = 0;
            if alnum_run >= 8 && caps_head {
                f |= ID_SHAPE;
            }
            if run == 2 && p1 == b'3' && matches!(c, b'4' | b'7') {
                f |= AMEX_HEAD;
            }
            if run == 4
                && ((back(5), back(4)) == (b'N', b'L')
                    || (back(6), back(5), back(4)) == (b'N', b'L', b' '))
            {
                f |= NL_DIGITS4;
            }
            if run >= 3 {
                f |= RUN3;
            }
            if run >= 4 {
                f |= RUN4;
            }
            if run >= 6 {
                f |= RUN6;
            }
            if run == 2 && crate::iban::head_start(s, i).is_some() {
                f |= IBAN_HEAD;
            }
            if p1 == b'0' {
                let p2 = back(2);
                let word = p2.is_ascii_alphanumeric() || p2 == b'_';
                f |= if c == b'0' {
                    PLUS_OR_00
                } else if word {
                    0
                } else {
                    ZERO_NONZERO
                };
            }
            if p1 == b'.' && back(2).is_ascii_digit() {
                f |= DIGIT_DOT_DIGIT | BE_NN_SHAPE;
            }
            if matches!(p1, b'-' | b' ') && back(2).is_ascii_digit() {
                f |= BE_NN_SHAPE;
            }
            if century(p1, c) {
                let p2 = back(2);
                if matches!(p2, b'-' | b'/' | b'.' | b' ') && back(3).is_ascii_digit() {
                    f |= DATE_NUM;
                }
                if p2 == b' ' && {
                    let p3 = back(3);
                    p3.is_ascii_alphabetic() || matches!(p3, b'.' | 0xA9 | 0xBB)
                } {
                    f |= DATE_WORD;
                }
            }
        } else {
            let before = if run > 0 { run } else { tail_run };
            if c == b' ' && run > 0 {
                (tail_run, blanks) = (run, 1);
            } else if c == b' ' && tail_run > 0 && blanks < 2 {
                blanks += 1;
            } else {
                tail_run = 0;
            }
            run = 0;
            if c.is_ascii_uppercase() {
                if p1 == b'-' {
                    f |= DASH_BESIDE_UPPER;
                }
                if p1.is_ascii_uppercase() {
                    f |= UPPER2;
                    if (p1, c) == (b'B', b'E') {
                        f |= BE;
                    }
                }
                if before == 4 {
                    f |= FOUR_DIGITS_UPPER;
                }
            }
            if c == b'-'
                && back(1).is_ascii_digit()
                && back(2).is_ascii_digit()
                && century(back(4), back(3))
            {
                f |= DATE_NUM;
            }
            if c == b'-' && p1.is_ascii_uppercase() {
                f |= DASH_BESIDE_UPPER;
            }
            if c == b'+' {
                f |= PLUS_OR_00;
            }
        }
    }
    if digits >= 8 {
        f |= DIGITS8;
    }
    if digits >= 9 {
        f |= DIGITS9;
    }
    if digits >= 11 {
        f |= DIGITS11;
    }
    f
}

fn is_id_context(kw: Kw) -> bool {
    matches!(
        kw,
        Kw::Bsn
            | Kw::OtherNumber
            | Kw::Kvk
            | Kw::Dob
            | Kw::BeNn
            | Kw::IdDoc
            | Kw::Licence
            | Kw::Card
            | Kw::Vat
            | Kw::Plate
    )
}

/// True when only blanks (and label punctuation) precede `pos` on its line.
/// Looks back at most 256 bytes, so a text without line breaks stays linear.
fn line_prefix_blank(b: &[u8], pos: usize) -> bool {
    b[pos.saturating_sub(256)..pos]
        .iter()
        .rev()
        .take_while(|&&c| c != b'\n')
        .all(|&c| matches!(c, b' ' | b'\t' | b'\r' | b':' | b';'))
}

/// A candidate must not be a piece of a longer number ("12.345.678,90", "1234-5678-9").
fn clean_edges(b: &[u8], s: usize, e: usize) -> bool {
    let before_ok = s == 0
        || !(b[s - 1].is_ascii_digit()
            || (s >= 2
                && matches!(b[s - 1], b'.' | b',' | b'-' | b'/')
                && b[s - 2].is_ascii_digit()
                && !field_comma(b, s - 1)));
    let after_ok = e >= b.len()
        || !(b[e].is_ascii_digit()
            || (e + 1 < b.len()
                && matches!(b[e], b'.' | b',' | b'-' | b'/')
                && b[e + 1].is_ascii_digit()
                && !field_comma(b, e)));
    before_ok && after_ok
}

/// True when the byte at `k` is a comma that separates the fields of a comma-separated row (three commas or more
/// on its line), not a decimal comma: "10233,0477 12 34 56,12/02/2024" holds a phone number between two fields.
/// Rare (a comma between digits), so the line is read only then, at most 512 bytes each way.
fn field_comma(b: &[u8], k: usize) -> bool {
    if b[k] != b',' {
        return false;
    }
    let back = b[k.saturating_sub(512)..k]
        .iter()
        .rev()
        .take_while(|&&c| c != b'\n')
        .filter(|&&c| c == b',')
        .count();
    let ahead = b[k + 1..(k + 513).min(b.len())]
        .iter()
        .take_while(|&&c| c != b'\n')
        .filter(|&&c| c == b',')
        .count();
    back + ahead >= 2
}

/// A birth sign right before a date ("°12/03/1980", "° 12/03/1980"): Belgian and French forms write it for "born".
fn after_birth_sign(b: &[u8], s: usize) -> bool {
    let before = &b[s.saturating_sub(3)..s];
    before.ends_with("\u{b0}".as_bytes()) || before.ends_with("\u{b0} ".as_bytes())
}

/// "12-03-2024", also when a time follows ("12-03-2024 14:22" reads as a phone number otherwise).
fn looks_like_date(s: &str) -> bool {
    let parts: Vec<&str> = s.splitn(3, ['-', '/', '.']).collect();
    parts.len() == 3
        && parts[0].len() <= 2
        && parts[2].len() >= 4
        && parts[2].as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && (parts[2].len() == 4 || parts[2].as_bytes()[4] == b' ')
}

fn plate_allowed(s: &str) -> bool {
    const BANNED: &[&str] = &[
        "SD", "SS", "SA", "WA", "GVD", "KKK", "LPF", "NSB", "PKK", "PSV", "PVV", "SGP", "TBS",
    ];
    !s.split('-').any(|g| BANNED.contains(&g))
}

/// The span of an e-mail address around the '@' at `at`.
fn email_span(b: &[u8], at: usize) -> Option<(usize, usize)> {
    let local =
        |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-' | b'\'');
    let mut s = at;
    while s > 0 && local(b[s - 1]) && at - s < 64 {
        s -= 1;
    }
    while s < at && matches!(b[s], b'.' | b'-' | b'\'') {
        s += 1;
    }
    if s == at {
        return None;
    }
    let mut e = at + 1;
    while e < b.len()
        && (b[e].is_ascii_alphanumeric() || matches!(b[e], b'.' | b'-'))
        && e - at < 255
    {
        e += 1;
    }
    while e > at + 1 && matches!(b[e - 1], b'.' | b'-') {
        e -= 1;
    }
    let domain = &b[at + 1..e];
    let dot = domain.iter().rposition(|&c| c == b'.')?;
    let tld = &domain[dot + 1..];
    if dot == 0 || tld.len() < 2 || !tld.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    Some((s, e))
}

/// Largest char boundary at or below `i`.
pub(crate) fn floor_char(t: &str, mut i: usize) -> usize {
    while i > 0 && !t.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn priority(e: E) -> u8 {
    match e {
        E::Email | E::Iban => 10,
        E::VatNumber => 9,
        E::CreditCard | E::BeNationalNumber | E::IdDocumentNumber => 8,
        E::Bsn | E::DrivingLicenceNumber | E::KvkNumber => 7,
        E::LicensePlate | E::IpAddress => 6,
        E::Phone | E::Postcode | E::DateOfBirth => 5,
        E::Address => 4,
        E::PersonName => 3,
    }
}

/// The bytes covered by the spans overlap resolution kept, one bit per byte of the text: whether a span
/// overlaps a kept one is a test of its bits (a word or two for most spans), whatever the number kept (a list
/// of thousands of names keeps thousands).
struct Covered(Vec<u64>);

impl Covered {
    fn new(len: usize) -> Covered {
        Covered(vec![0; len / 64 + 1])
    }

    /// Calls `f` with each word of the bitmap that `start..end` (not empty) touches and the mask of its bits.
    #[inline]
    fn words(start: usize, end: usize, mut f: impl FnMut(usize, u64) -> bool) -> bool {
        let (first, last) = (start / 64, (end - 1) / 64);
        (first..=last).any(|w| {
            let lo = if w == first { start % 64 } else { 0 };
            let hi = if w == last { (end - 1) % 64 } else { 63 };
            f(w, (u64::MAX >> (63 - hi)) & (u64::MAX << lo))
        })
    }

    fn overlaps(&self, start: usize, end: usize) -> bool {
        Covered::words(start, end, |w, m| self.0.get(w).is_some_and(|x| x & m != 0))
    }

    fn insert(&mut self, start: usize, end: usize) {
        Covered::words(start, end, |w, m| {
            if let Some(x) = self.0.get_mut(w) {
                *x |= m;
            }
            false
        });
    }
}

/// Drops findings that overlap a finding of higher priority (or an earlier, longer one of equal priority), and
/// gives the survivors their text.
fn resolve(t: &str, v: Vec<Finding>) -> Vec<Finding> {
    use std::cmp::Reverse;
    // Sorted as small keys rather than whole findings; the position in `v` last keeps the order of a stable sort.
    // Packed into one integer when every field fits in 32 bits (always, short of a 4 GB text): half the bytes to
    // move and one compare.
    let small = u32::try_from(t.len()).is_ok() && u32::try_from(v.len()).is_ok();
    let order: Vec<usize> = if small {
        let mut keys: Vec<u128> = v
            .iter()
            .enumerate()
            .map(|(i, f)| {
                (u128::from(u8::MAX - priority(f.entity)) << 96)
                    | ((u128::from(u32::MAX) - (f.end - f.start) as u128) << 64)
                    | ((f.start as u128) << 32)
                    | i as u128
            })
            .collect();
        keys.sort_unstable();
        keys.iter().map(|&k| (k as u32) as usize).collect()
    } else {
        let mut keys: Vec<(Reverse<u8>, Reverse<usize>, usize, usize)> = v
            .iter()
            .enumerate()
            .map(|(i, f)| {
                (
                    Reverse(priority(f.entity)),
                    Reverse(f.end - f.start),
                    f.start,
                    i,
                )
            })
            .collect();
        keys.sort_unstable();
        keys.iter().map(|&(.., i)| i).collect()
    };
    let mut kept = Covered::new(t.len());
    // Survivors as (start, end, rank among survivors, position in `v`).
    let mut out: Vec<(usize, usize, usize, usize)> = Vec::with_capacity(v.len());
    for &i in &order {
        let f = &v[i];
        // An empty span names nothing.
        if f.start < f.end && !kept.overlaps(f.start, f.end) {
            kept.insert(f.start, f.end);
            out.push((f.start, f.end, out.len(), i));
        }
    }
    // By position; the rank keeps the order of a stable sort.
    out.sort_unstable();
    out.into_iter()
        .map(|(start, end, _, i)| Finding {
            value: t[start..end].to_owned(),
            ..v[i]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Covered, Patterns, needs, seg_features};

    /// Reproducible random choices for the generated texts: each call gives a number below its argument
    /// (xorshift64 from `seed`).
    fn choices(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        }
    }

    /// The date parts read from a match's bytes equal the patterns' capture groups, on random texts of digits,
    /// separators, ordinals and month names.
    #[test]
    fn date_parts_equal_the_capture_groups() {
        let p = Patterns::build();
        let word =
            regex::Regex::new(&super::DATE_WORD_PATTERN.replace("\\b", "(?-u:\\b)")).unwrap();
        let mut next = choices(0x2545_F491_4F6C_DD1D);
        let (mut nums, mut words) = (0, 0);
        let days = ["1", "12", "03", "9", "31", "123", "x"];
        let seps = ["-", "/", ".", " ", "  ", ":"];
        let years = ["1980", "2001", "19", "20011", "1899", "2024"];
        let ords = ["", "e", "er", "x"];
        let dots = ["", "."];
        let names = [
            "maart",
            "mars",
            "Février",
            "août",
            "x",
            "déc",
            "septembre",
            "Januari",
        ];
        let noise = ["", " ", "a", "7", "-", "(", "é"];
        for _ in 0..100_000 {
            let form = next(3);
            let mut t = String::from(noise[next(noise.len())]);
            let parts: &[&[&str]] = match form {
                0 => &[&days, &seps, &days, &seps, &years],
                1 => &[
                    &years,
                    &["-", "/"],
                    &["03", "3", "12"],
                    &["-", "."],
                    &["12", "1", "31"],
                ],
                _ => &[
                    &days,
                    &ords,
                    &dots,
                    &[" "],
                    &names,
                    &dots,
                    &[" ", "  "],
                    &years,
                ],
            };
            for v in parts {
                t.push_str(v[next(v.len())]);
            }
            t.push_str(noise[next(noise.len())]);
            let num =
                |m: Option<regex::Match<'_>>| m.map_or(0, |m| m.as_str().parse().unwrap_or(0));
            for c in p.date_num.captures_iter(&t) {
                nums += 1;
                let want = if let Some(y) = c.get(5) {
                    (c.get(2).map(|m| m.as_str()) == c.get(4).map(|m| m.as_str()))
                        .then(|| (num(c.get(1)), num(c.get(3)), num(Some(y))))
                } else {
                    Some((num(c.get(8)), num(c.get(7)), num(c.get(6))))
                };
                let m = c.get(0).map_or("", |m| m.as_str());
                assert_eq!(super::numeric_date(m.as_bytes()), want, "{t:?}");
            }
            for c in word.captures_iter(&t) {
                words += 1;
                let want = (
                    num(c.get(1)),
                    c.get(2).map_or("", |m| m.as_str()),
                    num(c.get(3)),
                );
                let m = c.get(0).map_or("", |m| m.as_str());
                assert_eq!(super::word_date(m), want, "{t:?}");
            }
        }
        assert!(
            nums > 1_000 && words > 1_000,
            "too few dates: {nums} {words}"
        );
    }

    /// Every text a pattern matches in has the features the pattern needs, so gating the patterns on features
    /// loses no match: random texts built from pieces of identifiers, separators and letters, and written
    /// identifiers of every kind.
    #[test]
    fn every_match_has_the_features_its_pattern_needs() {
        let p = Patterns::build();
        let dfa = |d: &super::Dfa| {
            let d = d.clone();
            Box::new(move |t: &str| d.is_match(t.as_bytes())) as Box<dyn Fn(&str) -> bool>
        };
        let re = |r: &regex::Regex| {
            let r = r.clone();
            Box::new(move |t: &str| r.is_match(t)) as Box<dyn Fn(&str) -> bool>
        };
        let iban = Box::new(|t: &str| !crate::iban::find(t.as_bytes()).is_empty())
            as Box<dyn Fn(&str) -> bool>;
        let rules = [
            ("iban", iban, needs::IBAN),
            ("phone_intl", dfa(&p.phone_intl), needs::PHONE_INTL),
            ("phone_nat", dfa(&p.phone_nat), needs::PHONE_NAT),
            ("postcode", dfa(&p.postcode), needs::POSTCODE),
            ("vat_nl", dfa(&p.vat_nl), needs::VAT_NL),
            ("vat_be", dfa(&p.vat_be), needs::VAT_BE),
            ("be_nn", dfa(&p.be_nn), needs::BE_NN),
            ("number", dfa(&p.number), needs::NUMBER),
            ("card", dfa(&p.card), needs::CARD),
            ("date_num", re(&p.date_num), needs::DATE_NUM),
            ("date_num_span", dfa(&p.date_num_span), needs::DATE_NUM),
            ("date_word_span", dfa(&p.date_word_span), needs::DATE_WORD),
            ("id_doc", dfa(&p.id_doc), needs::ID_DOC),
            ("id_doc_spaced", dfa(&p.id_doc_spaced), needs::ID_DOC_SPACED),
            ("plate", dfa(&p.plate), needs::PLATE),
            ("ip", dfa(&p.ip), needs::IP),
        ];
        let pieces = [
            "NL91ABNA0417164300",
            "NL91 ABNA 0417 1643 00",
            "NL123456789B01",
            "NL 1234.56.789.B01",
            "BE0123456789",
            "BE 0123.456.789",
            "85.07.30-033.28",
            "72.03.14-123 20",
            "72 03 14 123 20",
            "72-03-14-123-20",
            "720314123-20",
            "850730 033 28",
            "nl91 abna 0417 1643 00",
            "BE 71 096-1234567-69",
            "NO 71 1234.56.78903",
            "BE71 0961 2345 6769",
            "850730-033-28",
            "3714 496353 98431",
            "371449635398431",
            "AB1234567",
            "XN12345",
            "ABC123456",
            "1234 AB",
            "1234  AB",
            "1234AB",
            "06-12345678",
            "(020) 123 4567",
            "+31 6 12345678",
            "0031612345678",
            "12-03-1980",
            "1980-03-12",
            "3 maart 1980",
            "3e mars 2001",
            "XX-99-99",
            "99-XXX-9",
            "1-ABC-23",
            "192.168.1.1",
            "123456782",
            "1234 5678 9012 3456",
            "4111-1111-1111-1111",
            "0612345678",
            // Pieces are cut at byte offsets: ASCII only.
            "0900-1234",
            "0800 1234567",
            "0318 - 69 72 00",
            "+44 7911 123456",
            "1-ABC-123",
            "13 AVRIL 1997",
            "XR 123456",
        ];
        let alphabet = b"0123456789 .-/+()NLBEAZXY3470abcnlz:,\n";
        let mut next = choices(0x9E37_79B9_7F4A_7C15);
        let mut checked = 0;
        for round in 0..60_000 {
            let mut t = String::new();
            for _ in 0..1 + next(4) {
                if next(3) == 0 {
                    let piece = pieces[next(pieces.len())];
                    // A piece, whole or cut, as it may stand in a longer text.
                    let (a, b) = (next(piece.len()), next(piece.len() + 1));
                    t.push_str(if round % 2 == 0 {
                        piece
                    } else {
                        &piece[a.min(b)..a.max(b)]
                    });
                } else {
                    for _ in 0..next(8) {
                        t.push(char::from(alphabet[next(alphabet.len())]));
                    }
                }
            }
            let f = seg_features(t.as_bytes());
            for (name, matches, need) in &rules {
                if matches(&t) {
                    checked += 1;
                    assert_eq!(f & need, *need, "{name} matches {t:?} without its features");
                }
            }
        }
        assert!(
            checked > 10_000,
            "too few matches to say anything: {checked}"
        );
    }

    /// Overlap against kept spans agrees with the definition (a shared byte) for spans on, across and between
    /// the bitmap's 64-bit words, up to the text's last byte.
    #[test]
    fn covered_spans_overlap_exactly_when_they_share_a_byte() {
        let len = 200;
        let kept = [(0, 1), (60, 62), (66, 67), (100, 140), (190, 200)];
        let mut c = Covered::new(len);
        for &(s, e) in &kept {
            c.insert(s, e);
        }
        for s in 0..len {
            for e in s + 1..=len {
                let shares = kept.iter().any(|&(ks, ke)| ks < e && s < ke);
                assert_eq!(c.overlaps(s, e), shares, "{s}..{e}");
            }
        }
    }
}
