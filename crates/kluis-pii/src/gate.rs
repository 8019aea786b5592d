//! The keyword gate and the per-thread word cache: word hashing on folded bytes, the branch-free superset test
//! that lets through only words that may start a keyword, and the cache of its verdicts.
//!
//! The keyword pass tests each word against [`WordGate`], a branch-free superset filter (whole word, or a
//! phrase's first word plus the bytes after it; stem starts; compound-head ends); only the few words it lets
//! through reach the lexicon's exact lookups. The gate's verdict on a word's own bytes is kept in a per-thread
//! [`WordCache`] keyed by those exact bytes (words up to 15 bytes, the verdict in the key's spare byte), so a word
//! seen before (most words of any text) costs one 16-byte compare, in a loop that settles a block's words before
//! any slow path runs. The same cache keeps the answer of the follow-bytes test per word and next two bytes (for a
//! word of up to eight bytes that only opens phrases, "de", "met", the answers for a blank and each letter sit in
//! its own entry, so it is settled by the same one test), and what the exact lookups found in a word whose finds
//! depend on its own bytes only ([`Finds`]: its keywords of one word, and any longer one its next bytes cannot
//! continue); verdict bits that found nothing in a word are dropped from its entry. The cache is exact (keyed by
//! bytes, never by a hash alone) and emptied when another detector's gate uses it, so it never changes a result.

use crate::lexicon::Lexicon;
use std::collections::HashMap;

/// True for bytes inside a word token: ASCII alphanumerics and any byte of a multi-byte character.
#[inline(always)]
pub(crate) fn wordish(b: u8) -> bool {
    WORDISH[b as usize]
}

static WORDISH: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || b >= 0x80;
        i += 1;
    }
    t
};

/// Case folding on UTF-8 bytes without decoding: ASCII, plus Latin-1 capitals (`C3 80..9E` → `C3 A0..BE`).
#[inline(always)]
pub(crate) fn fold(prev: u8, b: u8) -> u8 {
    if b < 0x80 {
        LOWER[b as usize]
    } else if prev == 0xC3 && (0x80..=0x9E).contains(&b) && b != 0x97 {
        b + 0x20
    } else {
        b
    }
}

static LOWER: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = (i as u8).to_ascii_lowercase();
        i += 1;
    }
    t
};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// One byte into a word hash: rotate and xor a random per-byte word (two-cycle dependency chain, no multiply).
/// Collisions only cost a verification: every candidate is compared byte by byte.
#[inline(always)]
pub(crate) fn step(h: u64, b: u8) -> u64 {
    h.rotate_left(7) ^ MIX[b as usize]
}

static MIX: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut x: u64 = FNV_PRIME ^ 0x9E37_79B9_7F4A_7C15;
    let mut i = 0;
    while i < 256 {
        // splitmix64
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        t[i] = z ^ (z >> 31);
        i += 1;
    }
    t
};

pub(crate) fn hash_folded(s: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    let mut prev = 0;
    for &b in s {
        h = step(h, fold(prev, b));
        prev = b;
    }
    h
}

pub(crate) const HASH_START: u64 = FNV_OFFSET;

/// Hash of a whole word from its first 16 bytes and its length, case-folded by setting bit 5 of every byte
/// (ASCII letters and the second byte of Latin-1 capitals; digits already have it). O(1) per word: the
/// tokenising pass no longer hashes byte by byte. Collisions only cost a verification.
#[inline(always)]
pub(crate) fn word_hash(text: &[u8], s: usize, n: usize) -> u64 {
    let (w0, w1) = load16(text, s);
    mix(w0, w1, n)
}

/// `word_hash` of a word of `n` bytes and of its first four, from its first 16 bytes.
#[inline(always)]
pub(crate) fn word_hashes_of((w0, w1): (u64, u64), n: usize) -> (u64, u64) {
    (mix(w0, w1, n), mix(w0, 0, 4))
}

/// The 16 bytes at `s` (zero-padded past the text's end) and the key of the word `s..s + n` in [`WordCache`]:
/// its first bytes, unfolded, zero past its end (a word's bytes are never zero, so the key is exact and also
/// fixes its length), or `[0, 0]` for a word of 16 bytes or more, which the cache does not keep.
#[inline(always)]
pub(crate) fn word_key(text: &[u8], s: usize, n: usize) -> ((u64, u64), [u64; 2]) {
    let w = load16(text, s);
    (w, cache_key(w, n))
}

/// The [`WordCache`] key of a word of `n` bytes whose first 16 bytes are `w` (see [`word_key`]).
#[inline(always)]
fn cache_key((w0, w1): (u64, u64), n: usize) -> [u64; 2] {
    let [m0, m1] = KEY_MASKS[n.min(16)];
    [w0 & m0, w1 & m1]
}

/// The 16 bytes at `s`, zero-padded past the end of the text.
#[inline(always)]
pub(crate) fn load16(text: &[u8], s: usize) -> (u64, u64) {
    if let Some(w) = text.get(s..).and_then(|r| r.first_chunk::<16>()) {
        let (a, c) = w.split_at(8);
        let a: [u8; 8] = a.try_into().unwrap_or_default();
        let c: [u8; 8] = c.try_into().unwrap_or_default();
        (u64::from_le_bytes(a), u64::from_le_bytes(c))
    } else {
        let mut a = [0u8; 16];
        let k = text.len().saturating_sub(s).min(16);
        a[..k].copy_from_slice(&text[s..s + k]);
        let mut x = [0u8; 8];
        let mut y = [0u8; 8];
        x.copy_from_slice(&a[..8]);
        y.copy_from_slice(&a[8..]);
        (u64::from_le_bytes(x), u64::from_le_bytes(y))
    }
}

/// The masks of the first `k` of 16 bytes, as two words: a table instead of variable shifts.
static LEN_MASKS: [[u64; 2]; 17] = {
    let mut t = [[0u64; 2]; 17];
    let mut k = 0;
    while k <= 16 {
        let k0 = if k < 8 { k } else { 8 };
        t[k] = [
            ((1u128 << (8 * k0)) - 1) as u64,
            ((1u128 << (8 * (k - k0))) - 1) as u64,
        ];
        k += 1;
    }
    t
};

/// The masks of a [`WordCache`] key: the first `k` bytes for `k` up to 15, nothing for longer words (byte 15
/// holds the cached verdict).
static KEY_MASKS: [[u64; 2]; 17] = {
    let mut t = LEN_MASKS;
    t[16] = [0, 0];
    t
};

/// Folds and masks the first `min(n, 16)` bytes of a word and mixes them with its length.
#[inline(always)]
fn mix(w0: u64, w1: u64, n: usize) -> u64 {
    // Masks of the first min(n, 16) bytes without branches (word lengths are unpredictable).
    let [m0, m1] = LEN_MASKS[n.min(16)];
    let w0 = (w0 | 0x2020_2020_2020_2020) & m0;
    let w1 = (w1 | 0x2020_2020_2020_2020) & m1;
    let h = (w0 ^ (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
        ^ w1.wrapping_mul(0x1656_67B1_9E37_79F9);
    h ^ (h >> 31)
}

/// `word_hash` of a standalone byte string (patterns and list entries).
pub(crate) fn word_hash_of(w: &[u8]) -> u64 {
    word_hash(w, 0, w.len())
}

/// The keys are already hashes.
#[derive(Default)]
pub(crate) struct IdHasher(u64);
impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {}
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}
pub(crate) type IdMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<IdHasher>>;

/// A set of word hashes with a 64 Kbit bitmap in front, so most lookups cost one cached bit test.
pub(crate) struct WordSet<V> {
    bloom: Vec<u64>,
    pub(crate) map: IdMap<V>,
}

/// Blocks of the gate's filter of whole words (32 KB).
const FIRST_BLOCKS: usize = 4096;
/// Slots of the gate's table of stem starts and compound-head ends (8 KB; with about a hundred keys, about 1%
/// false positives per test).
const AFFIX_SLOTS: usize = 1 << 13;
/// Flags of an affix slot: the key of a stem start or a compound-head end, of four bytes or of six.
const STEM4: u8 = 1;
const STEM6: u8 = 2;
const TAIL4: u8 = 4;
const TAIL6: u8 = 8;
/// Tells a capitalised word's key from the same word's lowercase key (first names count only capitalised).
const CAP_SALT: u64 = 0x5851_F42D_4C95_7F2D;
/// The key of a word that opens a keyword of several words (or a word and punctuation), whatever follows it:
/// only then do the bytes that follow the word count (see [`WordGate::follows`]).
const OPENS_SALT: u64 = 0x2545_F491_4F6C_DD1D;
/// Bit 5 of every byte: the case folding of `word_hash`.
const FOLD: u64 = 0x2020_2020_2020_2020;

/// The test per word of the keyword pass: it lets through every word on which the slow path can act (a first
/// name, a prose intro word, the first word of a keyword that verifies there, a word that starts with a stem, a
/// word that ends with a compound head), and few others. Exact because it is a superset: for a word it turns
/// away, the slow path finds nothing. Three blocked bloom filters, each probed with one load whatever the
/// number of keys tested in the block:
/// - whole words, in the block of the word's hash `h`: the word itself (keywords of one word, intro words, and
///   with `CAP_SALT` first names, which only capitalised words can be, and those keywords again), or the word
///   with the one or two bytes that follow it (keywords of several words, or a word and punctuation: "de heer",
///   "klant:"), so that a frequent function word is let through only when the text goes on like a keyword;
///   and such an opening word once more with `OPENS_SALT`, so that the verdict on a word's own bytes says
///   whether the bytes after it need testing ([`WordGate::follows`]) and can be kept in a [`WordCache`];
/// - the first four bytes of a word (stems of four or five bytes) or its first six (longer stems), and the last
///   four bytes (compound heads of four or five bytes) or the last six (longer heads): one byte table, a flag
///   per kind of key, one load per key.
///
/// Every key is built from bytes with bit 5 set: `fold` maps a byte to the same byte or to it plus 0x20, so a
/// text that `verify` or `stem_at` matches against a pattern gives the pattern's key. (A stem's test is
/// `stem_at`'s hash, which the first six bytes cannot see; the gate turns away a word only when its first bytes
/// differ from every stem's, where a match could only be a hash collision.)
pub(crate) struct WordGate {
    first: Box<[u64; FIRST_BLOCKS]>,
    affix: Box<[u8; AFFIX_SLOTS]>,
    /// Tells gates apart, so a [`WordCache`] serves only the gate that filled it.
    id: u64,
}

/// The gate's verdict on one word from its own bytes, as bits: whether the slow path must look at it as a whole
/// word (`WORD`), as the first word of a keyword of several words if the next bytes fit (`OPENS`), for a stem it
/// starts with (`STEM`), for a compound head it ends with (`TAIL`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Verdict(pub u8);

impl Verdict {
    pub(crate) const WORD: u8 = 1;
    pub(crate) const STEM: u8 = 2;
    pub(crate) const TAIL: u8 = 4;
    pub(crate) const OPENS: u8 = 8;

    #[inline(always)]
    pub(crate) fn has(self, bits: u8) -> bool {
        self.0 & bits != 0
    }
}

/// Slots of the cache of verdicts (64 KB).
const CACHE_SLOTS: usize = 1 << 12;

/// Slots of the cache of [`Finds`] (16 KB).
const FINDS_SLOTS: usize = 1 << 9;

#[inline(always)]
fn finds_slot(key: [u64; 2]) -> usize {
    WordCache::slot(key) % FINDS_SLOTS
}

/// What the exact lookups of the keyword pass's slow path found in a word (see `detect::Collect::word`), kept
/// for a word whose finds depend on its own bytes only: no pattern that was tested reads past the word. (What a
/// match adds may depend on the text before it, a party or a membership; `push_hit` tests that again for every
/// occurrence.) Most keywords of one word are such words ("offerte", "diagnose"), and a text repeats them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Finds {
    /// The word's [`WordCache`] key; an empty slot's is all ones, which no key equals.
    pub key: [u64; 2],
    /// A capitalised first name.
    pub first_name: bool,
    /// One of the prose rule's intro words.
    pub intro: bool,
    /// The pattern that matched at the word's start, and its length; `NO_PATTERN` for none.
    pub pattern: u32,
    pub len: u32,
}

impl Finds {
    pub(crate) const NO_PATTERN: u32 = u32::MAX;

    /// Nothing found: no first name, no intro word, no pattern.
    pub(crate) fn is_empty(&self) -> bool {
        !self.first_name && !self.intro && self.pattern == Finds::NO_PATTERN
    }
    const EMPTY: Finds = Finds {
        key: [u64::MAX; 2],
        first_name: false,
        intro: false,
        pattern: Finds::NO_PATTERN,
        len: 0,
    };
}

/// The key bytes of a [`WordCache`] entry's second word; its top byte is the verdict.
const KEY_LOW: u64 = (1 << 56) - 1;

/// The top bits of a [`WordCache`] entry that keeps [`WordGate::follows`]'s answer for a word and the two bytes
/// after it rather than a verdict (no verdict has them), and its answer: the bytes cannot go on like a keyword.
const PAIR: u64 = 0x80 << 56;
const PAIR_QUIET: u64 = 0x40 << 56;

/// The top bits of the entry of a word of at most eight bytes that only opens keywords of several words, with
/// [`WordGate::follows`]'s answers for a blank and each letter after it in bits 28 to 54 (bit 28 + `c` for the
/// letter `c` of the alphabet, set when a keyword may go on that way; bit 28 + 26, "other bytes", always set).
/// Such a word is settled by the same one load as a quiet word ("de", "op", "met" in running text). Its key's
/// second word is zero; a longer word with the same first eight bytes has its ninth byte in bits 0 to 7 of its
/// key's second word, which no such entry has there, so it never passes for one.
const FOLLOWS: u64 = 0x20 << 56;
const FOLLOW_SHIFT: u32 = 28;
const FOLLOW_BITS: u64 = ((1 << 27) - 1) << FOLLOW_SHIFT;
const OPENS_FOLLOWS: u64 = FOLLOWS | (Verdict::OPENS as u64) << 56;

/// The bit of `next` (the two bytes after a word, as [`next2`] reads them) in a [`FOLLOWS`] entry, counted from
/// [`FOLLOW_SHIFT`]: a blank then a letter, folded, is that letter's bit; anything else is bit 26.
#[inline(always)]
fn follow_bit(next: u16) -> u32 {
    let letter = ((next >> 8) as u8 | 0x20).wrapping_sub(b'a');
    if next as u8 == b' ' && letter < 26 {
        u32::from(letter)
    } else {
        26
    }
}

/// The gate's verdicts on words of at most 15 bytes, by the words' exact bytes, in a direct-mapped cache (one
/// per thread, kept from document to document). Running text repeats its words (a few thousand make up most of
/// any text), so most words are settled by one load and compare instead of the gate's hashes and table loads;
/// most of them have nothing for the slow path. Exact: the key is the word's bytes, not a hash, and the verdict
/// depends on those bytes only (what follows the word is tested apart, see [`WordGate::follows`]).
///
/// An entry is the key's two words with the verdict in the top byte of the second (byte 15 of a key is always
/// zero), so a lookup is one 16-byte entry. An empty entry is all ones, which no key equals: text is UTF-8 and
/// never holds the byte 0xFF. A word that opens keywords of several words also gets entries for the two bytes
/// that follow it ("de h", "op n"), keyed by its key with the bytes mixed into the first word and marked `PAIR`
/// in the top byte, which no verdict entry has: they keep [`WordGate::follows`]'s answer, the same for those
/// bytes whatever the text around them. A word of at most eight bytes that only opens keywords keeps those
/// answers for a blank and each letter in its own entry instead (marked `FOLLOWS`), so that the test of every
/// word is one load and one branch, whichever kind of word it is.
pub(crate) struct WordCache {
    gate: u64,
    /// The slow path's finds in words whose finds depend on their own bytes only (see [`Finds`]).
    finds: [Finds; FINDS_SLOTS],
    /// In the struct itself (the cache is boxed whole): a lookup is one load from the cache's address.
    entries: [[u64; 2]; CACHE_SLOTS],
}

impl WordCache {
    pub(crate) fn new() -> WordCache {
        WordCache {
            gate: 0,
            entries: [[u64::MAX; 2]; CACHE_SLOTS],
            finds: [Finds::EMPTY; FINDS_SLOTS],
        }
    }

    /// The finds kept for the word with `key` (from [`word_key`]).
    #[inline(always)]
    pub(crate) fn finds(&self, key: [u64; 2]) -> Option<Finds> {
        let f = self.finds[finds_slot(key)];
        (f.key == key).then_some(f)
    }

    /// Keeps the finds of a word of at most 15 bytes (a longer word's key is `[0, 0]` and is not kept).
    #[inline(always)]
    pub(crate) fn keep_finds(&mut self, f: Finds) {
        if f.key[0] != 0 {
            self.finds[finds_slot(f.key)] = f;
        }
    }

    /// Empties the cache if another gate filled it.
    pub(crate) fn serve(&mut self, gate: &WordGate) {
        if self.gate != gate.id {
            self.entries.fill([u64::MAX; 2]);
            self.finds.fill(Finds::EMPTY);
            self.gate = gate.id;
        }
    }

    /// The slot of a key.
    #[inline(always)]
    pub(crate) fn slot(key: [u64; 2]) -> usize {
        let x = (key[0] ^ key[1].rotate_left(23)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (x >> (64 - CACHE_SLOTS.trailing_zeros())) as usize
    }

    /// True when the verdict kept for the word of `n` bytes whose first 16 bytes are `w` says there is nothing in
    /// it for the slow path: the test of most words. A word that only opens keywords of several words is quiet
    /// when the bytes after it, `next` (the two bytes [`next2`] reads), cannot go on like one
    /// ([`WordGate::follows`]); that answer is kept too, under the word and those two bytes, folded.
    #[inline(always)]
    pub(crate) fn quiet(
        &mut self,
        gate: &WordGate,
        w: (u64, u64),
        n: usize,
        next: impl FnOnce() -> u16,
    ) -> bool {
        let next = next();
        self.quiet_at_once(w, n, next) || self.quiet_after_all(gate, w, n, next)
    }

    /// The one test of [`WordCache::quiet`]: the word's entry says the verdict is zero, or that it only opens
    /// keywords and none goes on with the bytes after it. Without a branch between the two kinds of word.
    #[inline(always)]
    pub(crate) fn quiet_at_once(&self, w: (u64, u64), n: usize, next: u16) -> bool {
        let key = cache_key(w, n);
        let e = self.entries[WordCache::slot(key) % CACHE_SLOTS];
        let x = e[1] ^ key[1];
        let same = e[0] == key[0];
        let follows =
            (x & !FOLLOW_BITS == OPENS_FOLLOWS) & (x >> (FOLLOW_SHIFT + follow_bit(next)) & 1 == 0);
        same & ((x == 0) | follows)
    }

    /// The rest of [`WordCache::quiet`] when the one test did not settle the word: a word that opens keywords
    /// of several words whose follow answer its entry does not hold, or holds as "maybe", is looked up (or
    /// tested and kept) under the two bytes after it. Out of line: the one test keeps fewer values alive.
    #[inline(never)]
    pub(crate) fn quiet_after_all(
        &mut self,
        gate: &WordGate,
        w: (u64, u64),
        n: usize,
        next: u16,
    ) -> bool {
        let key = cache_key(w, n);
        let e = self.entries[WordCache::slot(key) % CACHE_SLOTS];
        let x = e[1] ^ key[1];
        if e[0] != key[0]
            || x != u64::from(Verdict::OPENS) << 56 && x & !FOLLOW_BITS != OPENS_FOLLOWS
        {
            return false;
        }
        self.quiet_after(gate, w, n, key, next)
    }

    /// [`WordCache::quiet`] for a word that opens keywords of several words, followed by `next`.
    #[inline(always)]
    fn quiet_after(
        &mut self,
        gate: &WordGate,
        w: (u64, u64),
        n: usize,
        key: [u64; 2],
        next: u16,
    ) -> bool {
        let next = next | 0x2020;
        let pair = [key[0] ^ scramble(u64::from(next) | 1 << 17), key[1]];
        let slot = WordCache::slot(pair) % CACHE_SLOTS;
        let e = self.entries[slot];
        if e[0] == pair[0] && e[1] & !PAIR_QUIET == pair[1] | PAIR {
            return e[1] & PAIR_QUIET != 0;
        }
        let quiet = !gate.follows_next(word_hashes_of(w, n).0, next);
        self.entries[slot] = [pair[0], pair[1] | PAIR | (u64::from(quiet) * PAIR_QUIET)];
        quiet
    }

    /// The verdict kept for the word with `key` (from [`word_key`]), in its `slot`. A word of 16 bytes or more
    /// has the key `[0, 0]`, which no entry holds: its first byte is never zero.
    #[inline(always)]
    pub(crate) fn get(&self, slot: usize, key: [u64; 2]) -> Option<Verdict> {
        // A no-op on `slot`'s values that lets the compiler drop the bounds check.
        let e = &self.entries[slot % CACHE_SLOTS];
        // A `FOLLOWS` entry's low bits are its answers, not key bytes (its key's second word is zero).
        let low = if e[1] & FOLLOWS != 0 {
            0
        } else {
            e[1] & KEY_LOW
        };
        if (e[0] ^ key[0]) | ((e[1] & PAIR) | low) ^ key[1] == 0 {
            Some(Verdict((e[1] >> 56) as u8 & !((FOLLOWS >> 56) as u8)))
        } else {
            None
        }
    }

    /// Keeps the verdict of a word of at most 15 bytes (a longer word's key is `[0, 0]` and is not kept), whose
    /// word hash is `h`. A word of at most eight bytes that only opens keywords keeps the follow test's answers
    /// with it (see [`FOLLOWS`]).
    #[inline(always)]
    pub(crate) fn insert(
        &mut self,
        gate: &WordGate,
        slot: usize,
        key: [u64; 2],
        h: u64,
        v: Verdict,
    ) {
        if key[0] == 0 {
            return;
        }
        self.entries[slot % CACHE_SLOTS] = if v.0 == Verdict::OPENS && key[1] == 0 {
            let answers = (0..26u8).fold(1 << 26, |m, c| {
                m | u64::from(gate.follows_next(h, u16::from_le_bytes([b' ', b'a' + c]))) << c
            }) << FOLLOW_SHIFT;
            [key[0], OPENS_FOLLOWS | answers]
        } else {
            [key[0], key[1] | u64::from(v.0) << 56]
        };
    }
}

/// The affix slot of key `k`: its top bits, the best mixed of a product.
#[inline(always)]
fn affix_slot(k: u64) -> usize {
    (k >> (64 - AFFIX_SLOTS.trailing_zeros())) as usize
}

/// Two bit positions from the low 12 bits of a mixed key.
#[inline(always)]
fn bloom_bits(k: u64) -> u64 {
    (1u64 << (k & 63)) | (1u64 << ((k >> 6) & 63))
}

/// One multiply, then the high bits folded into the low ones (which give the bit positions).
#[inline(always)]
fn scramble(x: u64) -> u64 {
    let k = x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    k ^ (k >> 29)
}

#[inline(always)]
fn has(block: u64, bits: u64) -> bool {
    block & bits == bits
}

/// The key of a word followed by byte `c`.
#[inline(always)]
fn next1_key(h: u64, c: u8) -> u64 {
    h ^ MIX[usize::from(c | 0x20)]
}

/// The key of a word followed by the two bytes of `c` (little-endian).
#[inline(always)]
fn next2_key(h: u64, c: u16) -> u64 {
    h ^ scramble(u64::from(c | 0x2020) | 1 << 16)
}

/// Keys of a stem start of four bytes and of one of six, from the word's first eight bytes.
#[inline(always)]
fn stem_keys(first8: u64) -> (u64, u64) {
    let x = first8 | FOLD;
    (
        (x & 0xFFFF_FFFF).wrapping_mul(0x9E37_79B9_7F4A_7C15),
        (x & 0xFFFF_FFFF_FFFF).wrapping_mul(0xC2B2_AE3D_27D4_EB4F),
    )
}

/// Keys of a compound-head end of four bytes and of one of six, from the word's last eight bytes.
#[inline(always)]
fn tail_keys(last8: u64) -> (u64, u64) {
    let x = last8 | FOLD;
    (
        (x >> 32).wrapping_mul(0x9E37_79B9_7F4A_7C15),
        (x >> 16).wrapping_mul(0xC2B2_AE3D_27D4_EB4F),
    )
}

/// The eight bytes at `s` (little-endian), zero past the text's end.
#[inline(always)]
pub(crate) fn first8(b: &[u8], s: usize) -> u64 {
    let mut a = [0u8; 8];
    match b.get(s..s + 8) {
        Some(x) => a.copy_from_slice(x),
        None => {
            let x = b.get(s..).unwrap_or(&[]);
            a[..x.len()].copy_from_slice(x);
        }
    }
    u64::from_le_bytes(a)
}

/// The eight bytes before `e` (little-endian, byte `e - 1` highest), zero before the text's start.
#[inline(always)]
pub(crate) fn last8(b: &[u8], e: usize) -> u64 {
    let mut a = [0u8; 8];
    match e.checked_sub(8).and_then(|s| b.get(s..e)) {
        Some(x) => a.copy_from_slice(x),
        None => {
            let x = b.get(..e).unwrap_or(&[]);
            a[8 - x.len()..].copy_from_slice(x);
        }
    }
    u64::from_le_bytes(a)
}

/// The two bytes at `e` (little-endian), zero past the text's end.
#[inline(always)]
pub(crate) fn next2(b: &[u8], e: usize) -> u16 {
    match b.get(e..e + 2) {
        Some(x) => u16::from_le_bytes([x[0], x[1]]),
        None => b.get(e).map_or(0, |&c| u16::from(c)),
    }
}

impl WordGate {
    /// `names`: the hashes of first names.
    pub(crate) fn build(lex: &Lexicon, names: impl Iterator<Item = u64>) -> WordGate {
        static GATES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut first = Box::new([0u64; FIRST_BLOCKS]);
        let mut affix = Box::new([0u8; AFFIX_SLOTS]);
        let block = |h: u64| (h >> 40) as usize % FIRST_BLOCKS;
        for p in &lex.pats {
            let n = p.first_len;
            if n == 0 {
                continue;
            }
            let h = word_hash_of(&p.bytes[..n]);
            match p.bytes.len() - n {
                0 => {
                    first[block(h)] |= bloom_bits(h) | bloom_bits(h ^ CAP_SALT);
                }
                1 => {
                    first[block(h)] |= bloom_bits(next1_key(h, p.bytes[n]))
                        | bloom_bits(h ^ OPENS_SALT)
                        | bloom_bits(h ^ CAP_SALT ^ OPENS_SALT);
                }
                _ => {
                    first[block(h)] |= bloom_bits(next2_key(
                        h,
                        u16::from_le_bytes([p.bytes[n], p.bytes[n + 1]]),
                    )) | bloom_bits(h ^ OPENS_SALT)
                        | bloom_bits(h ^ CAP_SALT ^ OPENS_SALT);
                }
            }
            let single_stem = n == p.bytes.len() && p.entries.iter().any(|e| e.stem);
            if single_stem && n >= 4 {
                let (k4, k6) = stem_keys(first8(&p.bytes, 0));
                if n >= 6 {
                    affix[affix_slot(k6)] |= STEM6;
                } else {
                    affix[affix_slot(k4)] |= STEM4;
                }
            }
        }
        for w in crate::vocab::names::PERSON_INTRO {
            let h = word_hash_of(w.as_bytes());
            first[block(h)] |= bloom_bits(h);
        }
        for h in names {
            first[block(h)] |= bloom_bits(h ^ CAP_SALT);
        }
        for t in &lex.tails {
            let n = t.bytes.len();
            let (k4, k6) = tail_keys(last8(&t.bytes, n));
            if n >= 6 {
                affix[affix_slot(k6)] |= TAIL6;
            } else {
                affix[affix_slot(k4)] |= TAIL4;
            }
        }
        WordGate {
            first,
            affix,
            id: GATES.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// The verdict on word `s..e` of `b` (whose whole-word hash is `h` and whose first eight bytes are
    /// `first8`): whether it may be a keyword of one word, a first name or an intro word (`WORD`), open a
    /// keyword of several words (`OPENS`: then [`WordGate::follows`] decides), start with a stem, end with a
    /// compound head. Only the word's own bytes count. No branch.
    #[inline(always)]
    pub(crate) fn test(&self, b: &[u8], s: usize, e: usize, h: u64, first8: u64) -> Verdict {
        let n = e - s;
        let c = first8 as u8;
        let cap = (c.wrapping_sub(b'A') < 26) | (c >= 0xC3);
        let blk = self.first[(h >> 40) as usize % FIRST_BLOCKS];
        let cased = h ^ (CAP_SALT & 0u64.wrapping_sub(u64::from(cap)));
        let itself = has(blk, bloom_bits(cased));
        let opens = has(blk, bloom_bits(cased ^ OPENS_SALT));
        let (s4, s6) = stem_keys(first8);
        let a = &self.affix;
        let stem = ((n >= 4) & (a[affix_slot(s4)] & STEM4 != 0))
            | ((n >= 6) & (a[affix_slot(s6)] & STEM6 != 0));
        let (t4, t6) = tail_keys(last8(b, e));
        let tail = (n >= 7) & ((a[affix_slot(t4)] & TAIL4 != 0) | (a[affix_slot(t6)] & TAIL6 != 0));
        Verdict(
            (u8::from(itself) * Verdict::WORD)
                | (u8::from(opens) * Verdict::OPENS)
                | (u8::from(stem) * Verdict::STEM)
                | (u8::from(tail) * Verdict::TAIL),
        )
    }

    /// Whether the word whose whole-word hash is `h`, which may open a keyword of several words, is followed at
    /// `e` by bytes that may go on like one (the keyword's next byte or two: "de heer", "klant:").
    #[inline(always)]
    pub(crate) fn follows(&self, b: &[u8], e: usize, h: u64) -> bool {
        self.follows_next(h, next2(b, e))
    }

    /// [`WordGate::follows`] with the two bytes after the word, `next`, as [`next2`] reads them.
    #[inline(always)]
    pub(crate) fn follows_next(&self, h: u64, next: u16) -> bool {
        let blk = self.first[(h >> 40) as usize % FIRST_BLOCKS];
        has(blk, bloom_bits(next1_key(h, next as u8))) | has(blk, bloom_bits(next2_key(h, next)))
    }
}

impl<V> WordSet<V> {
    pub(crate) fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.map.keys().copied()
    }

    pub(crate) fn new() -> Self {
        WordSet {
            bloom: vec![0; 1024],
            map: IdMap::default(),
        }
    }
    pub(crate) fn entry(&mut self, h: u64) -> &mut V
    where
        V: Default,
    {
        let bit = ((h ^ (h >> 29)) as usize) & 0xFFFF;
        self.bloom[bit >> 6] |= 1 << (bit & 63);
        self.map.entry(h).or_default()
    }
    #[inline(always)]
    pub(crate) fn get(&self, h: u64) -> Option<&V> {
        let bit = ((h ^ (h >> 29)) as usize) & 0xFFFF;
        if self.bloom[bit >> 6] & (1 << (bit & 63)) == 0 {
            return None;
        }
        self.map.get(&h)
    }
}

#[cfg(test)]
mod tests {
    use super::{Verdict, WordCache, word_hashes_of, word_key};

    /// A cached word is quiet exactly when its verdict is empty, or when it only opens keywords and the follow
    /// test rejects the two bytes after it: for words of every length the cache handles (the answers kept in the
    /// entry of a short word, the pair entries of a long one) and every byte after a blank, a comma or a line
    /// break, asked twice (computed, then kept).
    #[test]
    fn cached_answers_equal_the_gate() {
        let det = crate::Detector::new();
        let gate = &det.gate;
        let mut cache = Box::new(WordCache::new());
        cache.serve(gate);
        let words = [
            "de",
            "De",
            "in",
            "op",
            "is",
            "met",
            "van",
            "aan",
            "voor",
            "document",
            "documentatie",
            "vriendelijke",
            "geachte",
            "offerte",
            "zomer",
            "tafel",
            "BSN",
        ];
        let mut opening = 0;
        for word in words {
            let b = word.as_bytes();
            let n = b.len();
            let (w, key) = word_key(b, 0, n);
            let h = word_hashes_of(w, n).0;
            let v = gate.test(b, 0, n, h, w.0);
            let slot = WordCache::slot(key);
            cache.insert(gate, slot, key, h, v);
            assert_eq!(cache.get(slot, key).map(|v| v.0), Some(v.0), "{word}");
            opening += usize::from(v.0 == Verdict::OPENS);
            for first in [b' ', b',', b'\n'] {
                for second in 0..=255u8 {
                    let next = u16::from_le_bytes([first, second]);
                    let want = v.0 == 0 || v.0 == Verdict::OPENS && !gate.follows_next(h, next);
                    for round in 0..2 {
                        let got = cache.quiet(gate, w, n, || next);
                        assert_eq!(got, want, "{word} {first} {second} round {round}");
                    }
                }
            }
            // The pair entries may have taken the word's slot: its verdict is computed again, as in a scan.
            if cache.get(slot, key).is_none() {
                cache.insert(gate, slot, key, h, v);
            }
        }
        assert!(opening >= 5, "too few opening words to test: {opening}");
    }
}
