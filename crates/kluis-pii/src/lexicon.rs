//! The keyword lexicon: the vocabulary's lists compiled into one matcher (first-word table, stems, compound
//! heads), with the candidate verification the keyword pass calls.

use crate::gate::{
    HASH_START, IdMap, WordSet, fold, hash_folded, step, word_hash, word_hash_of, wordish,
};
use crate::vocab::context::{PREFIX, TABLE};
use crate::vocab::special::{MEMBER, PARTIES, SPECIAL, TAILS};
use crate::vocab::{Entry, Kw};
use std::collections::HashMap;

pub(crate) struct Pattern {
    /// Lowercase bytes.
    pub bytes: Vec<u8>,
    pub entries: Vec<Entry>,
    /// Length of the first word token of the pattern.
    pub first_len: usize,
}

/// Keyword matcher: one tokenising pass; each word's folded hash is looked up in a table keyed by the first word
/// of every pattern (and by stems, at the stem lengths, while the word is being hashed). Candidates are then
/// verified byte by byte. Unlike a large case-insensitive automaton this stays in L1 cache.
pub(crate) struct Lexicon {
    pub pats: Vec<Pattern>,
    /// First-token hash → candidate patterns, longest first.
    pub first: FirstTable,
    /// Stem hash → pattern ids (single-token stems, matched on word prefixes).
    pub stems: WordSet<Vec<u32>>,
    /// Hashes of the first four bytes of every stem: a word is checked against stems only when it starts like one.
    pub stem4: WordSet<()>,
    /// Heads of Dutch compounds (`TAILS`), matched at the end of a longer word.
    pub tails: Vec<Pattern>,
    /// Hash of the last four bytes of every tail → tail ids.
    pub tail4: WordSet<Vec<u32>>,
}

impl Lexicon {
    pub(crate) fn build() -> Lexicon {
        let mut pats: Vec<Pattern> = Vec::new();
        let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut push = |p: &str, kw: Kw| {
            let (p, stem) = match p.strip_suffix('*') {
                Some(s) => (s, true),
                None => (p, false),
            };
            let bytes = p.to_lowercase().into_bytes();
            let i = *index.entry(bytes.clone()).or_insert_with(|| {
                let first_len = bytes.iter().take_while(|&&b| wordish(b)).count();
                pats.push(Pattern {
                    bytes,
                    entries: Vec::new(),
                    first_len,
                });
                pats.len() - 1
            });
            pats[i].entries.push(Entry { kw, stem });
        };
        for &(p, kw) in TABLE {
            push(p, kw);
        }
        for &(p, c) in SPECIAL {
            match p.strip_suffix('~') {
                Some(w) => push(w, Kw::Special(c, true)),
                None => push(p, Kw::Special(c, false)),
            }
        }
        for &p in PARTIES {
            push(p, Kw::Party);
        }
        for &(p, c) in MEMBER {
            push(p, Kw::Member(c));
        }
        for &p in PREFIX {
            push(p, Kw::StreetPrefix);
        }
        let mut first: WordSet<Vec<u32>> = WordSet::new();
        let mut stems: WordSet<Vec<u32>> = WordSet::new();
        let mut stem4: WordSet<()> = WordSet::new();
        for (i, p) in pats.iter().enumerate() {
            if p.first_len == 0 {
                continue;
            }
            let single_stem = p.first_len == p.bytes.len() && p.entries.iter().any(|e| e.stem);
            if single_stem && p.bytes.len() >= 4 {
                stems.entry(hash_folded(&p.bytes)).push(i as u32);
                stem4.entry(word_hash_of(&p.bytes[..4]));
            }
            first
                .entry(word_hash_of(&p.bytes[..p.first_len]))
                .push(i as u32);
        }
        for set in [&mut first, &mut stems] {
            for v in set.map.values_mut() {
                v.sort_by_key(|&i| std::cmp::Reverse(pats[i as usize].bytes.len()));
            }
        }
        let first = FirstTable::build(&first.map, &pats, crate::vocab::names::PERSON_INTRO);
        let mut tails = Vec::new();
        let mut tail4: WordSet<Vec<u32>> = WordSet::new();
        for &(p, kw) in TAILS {
            let (p, kw) = match (p.strip_suffix('~'), kw) {
                (Some(w), Kw::Special(c, _)) => (w, Kw::Special(c, true)),
                (None, Kw::Special(c, _)) => (p, Kw::Special(c, false)),
                (w, kw) => (w.unwrap_or(p), kw),
            };
            let bytes = p.to_lowercase().into_bytes();
            if bytes.len() < 4 {
                continue;
            }
            tail4
                .entry(word_hash_of(&bytes[bytes.len() - 4..]))
                .push(tails.len() as u32);
            tails.push(Pattern {
                first_len: bytes.len(),
                bytes,
                entries: vec![Entry { kw, stem: false }],
            });
        }
        Lexicon {
            pats,
            first,
            stems,
            stem4,
            tails,
            tail4,
        }
    }

    /// A compound head that word `b[s..e]` ends with, leaving a modifier of at least three bytes before it
    /// ("knie|operatie", "rug|klachten", "fysio|therapeut"). Needs `e - s >= 7`.
    pub(crate) fn tail_at(&self, b: &[u8], s: usize, e: usize) -> Option<&Pattern> {
        let ids = self.tail4.get(word_hash(b, e - 4, 4))?;
        ids.iter().map(|&id| &self.tails[id as usize]).find(|t| {
            let n = t.bytes.len();
            e - s >= n + 3 && b[e - n - 1] < 0x80 && self.verify(b, e - n, t).is_some()
        })
    }

    /// The longest stem that word `b[s..e]` starts with.
    pub(crate) fn stem_at(&self, b: &[u8], s: usize, e: usize) -> Option<u32> {
        let mut h = HASH_START;
        let mut prev = if s > 0 { b[s - 1] } else { 0 };
        let mut best = None;
        for (k, &c) in b[s..e].iter().enumerate() {
            h = step(h, fold(prev, c));
            prev = c;
            if k + 1 >= 4
                && let Some(ids) = self.stems.get(h)
            {
                best = ids.first().copied();
            }
        }
        best
    }

    /// Does pattern `p` match at `s` (folded compare)? Returns its end.
    #[inline]
    pub(crate) fn verify(&self, b: &[u8], s: usize, p: &Pattern) -> Option<usize> {
        let e = s + p.bytes.len();
        if e > b.len() {
            return None;
        }
        let mut prev = if s > 0 { b[s - 1] } else { 0 };
        for (k, &pb) in p.bytes.iter().enumerate() {
            let c = b[s + k];
            if fold(prev, c) != pb {
                return None;
            }
            prev = c;
        }
        Some(e)
    }
}

/// A pattern that a first word may open, with its first 16 bytes as two masked words: one compare rejects most
/// candidates before the byte-by-byte `verify`. The test is a superset of `verify` on those bytes: a pattern
/// byte that is an ASCII letter or in `A0..=BF` (the second byte of a Latin-1 letter, which `fold` may have
/// raised by 0x20) is compared with bit 5 of the text byte set, every other byte exactly.
#[derive(Clone, Copy)]
pub(crate) struct Cand {
    pub id: u32,
    pub first_len: u32,
    /// One of the pattern's entries may run on into a longer word.
    pub stem: bool,
    pat: [u64; 2],
    or: [u64; 2],
    and: [u64; 2],
}

impl Cand {
    fn new(id: u32, p: &Pattern) -> Cand {
        let (mut pat, mut or, mut and) = ([0u8; 16], [0u8; 16], [0u8; 16]);
        for (k, &c) in p.bytes.iter().take(16).enumerate() {
            pat[k] = c;
            or[k] = if c.is_ascii_alphabetic() || (0xA0..=0xBF).contains(&c) {
                0x20
            } else {
                0
            };
            and[k] = 0xFF;
            if or[k] != 0 {
                // Compared as `c | 0x20`: the pattern byte must carry bit 5 itself (lowercase letters and
                // `A0..=BF` do; anything else is compared exactly).
                pat[k] |= 0x20;
            }
        }
        let w = |a: &[u8; 16]| {
            let mut x = [0u8; 8];
            let mut y = [0u8; 8];
            x.copy_from_slice(&a[..8]);
            y.copy_from_slice(&a[8..]);
            [u64::from_le_bytes(x), u64::from_le_bytes(y)]
        };
        Cand {
            id,
            first_len: p.first_len as u32,
            stem: p.entries.iter().any(|e| e.stem),
            pat: w(&pat),
            or: w(&or),
            and: w(&and),
        }
    }

    /// False when the 16 text bytes at the word's start (`w`, zero-padded past the text's end) cannot match.
    #[inline(always)]
    pub(crate) fn may_match(&self, w: (u64, u64)) -> bool {
        ((w.0 | self.or[0]) & self.and[0]) ^ self.pat[0]
            | ((w.1 | self.or[1]) & self.and[1]) ^ self.pat[1]
            == 0
    }
}

const USED: u64 = 1 << 63;
const INTRO: u64 = 1 << 62;

/// First-word hash → candidate patterns: open addressing with linear probing over a power-of-two table of
/// keys, the candidates of one key contiguous (longest pattern first).
pub(crate) struct FirstTable {
    keys: Box<[u64]>,
    /// `USED`, `INTRO`, start (low 32 bits) and count (bits 32..48) of the key's candidates; 0 marks an empty
    /// slot.
    info: Box<[u64]>,
    cands: Vec<Cand>,
    mask: usize,
}

impl FirstTable {
    /// `map`: first-word hash → pattern ids; `intro`: words whose occurrences the prose rule wants listed.
    fn build(map: &IdMap<Vec<u32>>, pats: &[Pattern], intro: &[&str]) -> FirstTable {
        let mut all: Vec<(u64, &[u32], bool)> = map
            .iter()
            .map(|(&h, ids)| (h, ids.as_slice(), false))
            .collect();
        for w in intro {
            let h = word_hash_of(w.as_bytes());
            match all.iter_mut().find(|e| e.0 == h) {
                Some(e) => e.2 = true,
                None => all.push((h, &[], true)),
            }
        }
        all.sort_by_key(|e| e.0);
        let size = (all.len() * 3).next_power_of_two().max(16);
        let mut keys = vec![0u64; size].into_boxed_slice();
        let mut info = vec![0u64; size].into_boxed_slice();
        let mut cands = Vec::new();
        for (h, ids, is_intro) in all {
            let start = cands.len();
            cands.extend(ids.iter().map(|&id| Cand::new(id, &pats[id as usize])));
            let n = cands.len() - start;
            assert!(n < 1 << 16 && start < 1 << 32, "first-word table layout");
            let mut i = Self::slot(h, size - 1);
            while info[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            keys[i] = h;
            info[i] = USED | if is_intro { INTRO } else { 0 } | start as u64 | (n as u64) << 32;
        }
        FirstTable {
            keys,
            info,
            cands,
            mask: size - 1,
        }
    }

    #[inline(always)]
    fn slot(h: u64, mask: usize) -> usize {
        (h >> 20) as usize & mask
    }

    /// The candidates of first-word hash `h` (empty when no pattern opens with such a word), and whether the
    /// hash is one of a prose intro word.
    #[inline]
    pub(crate) fn get(&self, h: u64) -> (&[Cand], bool) {
        let mut i = Self::slot(h, self.mask);
        loop {
            let v = self.info[i];
            if v == 0 {
                return (&[], false);
            }
            if self.keys[i] == h {
                let start = (v & 0xFFFF_FFFF) as usize;
                let n = ((v >> 32) & 0xFFFF) as usize;
                return (&self.cands[start..start + n], v & INTRO != 0);
            }
            i = (i + 1) & self.mask;
        }
    }
}
