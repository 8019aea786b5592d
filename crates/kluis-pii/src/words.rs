//! Byte scans: word-byte and capital masks for the keyword pass (64 bytes at a time, with SSE2 or AVX2 on x86-64),
//! line openers, and eight-bytes-at-a-time tests on the head of a line.

/// Gathers the high bits of the eight bytes into one byte (byte j's bit 7 lands on bit j).
#[inline(always)]
fn gather(hi: u64) -> u64 {
    hi.wrapping_mul(0x0002_0408_1020_4081) >> 56
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x80 * ONES;

/// The high bit of every byte of `w` that is an ASCII letter. Each byte is tested within its own eight bits:
/// lowered and stripped of its high bit it is at most 0x7F, so adding at most 0x1F carries into no other byte.
#[inline(always)]
fn ascii_letters(w: u64) -> u64 {
    let y = (w | (0x20 * ONES)) & (0x7F * ONES);
    let from_a = y + (0x80 - u64::from(b'a')) * ONES;
    let past_z = y + (0x80 - u64::from(b'z') - 1) * ONES;
    from_a & !past_z & !w & HIGH
}

/// The high bit of every byte of `w` equal to `c`; exact for the lowest one (a borrow may mark a byte above it).
#[inline(always)]
fn bytes_equal(w: u64, c: u8) -> u64 {
    let v = w ^ (u64::from(c) * ONES);
    v.wrapping_sub(ONES) & !v & HIGH
}

/// Byte positions (0..=8) of the lowest set high bit of a mask, 8 when none is set.
#[inline(always)]
fn first_marked(m: u64) -> usize {
    (m.trailing_zeros() / 8) as usize
}

/// Length of the run of ASCII letters that opens `s`: eight bytes at a time for the first sixteen.
#[inline]
pub(crate) fn letter_run(s: &[u8]) -> usize {
    let Some(c) = s.first_chunk::<16>() else {
        return s.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    };
    let [w0, w1] = [0, 8].map(|k| u64::from_le_bytes(c[k..k + 8].try_into().unwrap_or_default()));
    let n = first_marked(!ascii_letters(w0) & HIGH);
    if n < 8 {
        return n;
    }
    let n = 8 + first_marked(!ascii_letters(w1) & HIGH);
    if n < 16 {
        return n;
    }
    16 + s[16..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count()
}

/// The word of `n` bytes at `s` of `text`, lowercased, when it is ASCII and at most 16 bytes long: two loads
/// and a few operations instead of a copy and a loop (the same bytes as `make_ascii_lowercase`).
#[inline]
pub(crate) fn ascii_lower16(text: &[u8], s: usize, n: usize) -> Option<[u8; 16]> {
    if n > 16 {
        return None;
    }
    let (w0, w1) = crate::gate::load16(text, s);
    let keep = |k: usize| {
        if k >= 8 {
            u64::MAX
        } else {
            (1u64 << (8 * k)) - 1
        }
    };
    let (w0, w1) = (w0 & keep(n), w1 & keep(n.saturating_sub(8)));
    if (w0 | w1) & HIGH != 0 {
        return None;
    }
    // Capitals are the letters whose bit 5 is clear: that bit, set, lowers them.
    let lower = |w: u64| w | ((ascii_letters(w) & !(w << 2)) >> 2);
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&lower(w0).to_le_bytes());
    out[8..].copy_from_slice(&lower(w1).to_le_bytes());
    Some(out)
}

/// Position of the first `c` in `s`: eight bytes at a time for the first sixteen (where a line's first word
/// ends), then `memchr`.
#[inline]
pub(crate) fn find_byte(s: &[u8], c: u8) -> Option<usize> {
    if let Some(h) = s.first_chunk::<16>() {
        for k in [0, 8] {
            let w = u64::from_le_bytes(h[k..k + 8].try_into().unwrap_or_default());
            let m = bytes_equal(w, c);
            if m != 0 {
                return Some(k + first_marked(m));
            }
        }
        return memchr::memchr(c, &s[16..]).map(|p| p + 16);
    }
    memchr::memchr(c, s)
}

/// Bit masks of a block of up to 64 bytes: bit k stands for byte k.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Masks {
    /// Word bytes: ASCII letters and digits, and every byte of a multi-byte character (the same set as
    /// [`crate::gate::wordish`]).
    pub word: u64,
    /// Bytes that may open a capitalised word: an ASCII capital, or a byte from 0xC3 (the lead byte of every
    /// non-ASCII capital).
    pub caps: u64,
    /// Line breaks.
    pub newline: u64,
    /// ASCII digits.
    pub digit: u64,
    /// The bytes some rules look for in the whole text (see [`is_mark`]).
    pub mark: u64,
}

/// Tab, semicolon, comma, bar, at sign, hyphen, opening bracket and 0xE2 (the lead byte of the long dashes and
/// curly quotes): the table rules' separators, the apposition's comma, the e-mail address's anchor and what may
/// follow a name in a list line. The keyword pass lists where they are, so that no rule searches every line or
/// the whole text for them.
pub(crate) const fn is_mark(c: u8) -> bool {
    matches!(c, b'\t' | b';' | b',' | b'|' | b'@' | b'-' | b'(' | 0xE2)
}

/// [`is_mark`] as two 16-entry tables for a nibble lookup: a byte is a mark when the entry of its low nibble and
/// the entry of its high nibble share a bit (one bit per high nibble that holds a mark).
const MARK_BY_LOW: [u8; 16] = {
    let mut t = [0u8; 16];
    let mut c = 0usize;
    while c < 256 {
        if is_mark(c as u8) {
            t[c & 15] |= MARK_BY_HIGH[c >> 4];
        }
        c += 1;
    }
    t
};
const MARK_BY_HIGH: [u8; 16] = {
    let mut t = [0u8; 16];
    let mut bit = 0;
    let mut h = 0usize;
    while h < 16 {
        let mut l = 0usize;
        let mut any = false;
        while l < 16 {
            any |= is_mark((h * 16 + l) as u8);
            l += 1;
        }
        if any {
            t[h] = 1 << bit;
            bit += 1;
        }
        h += 1;
    }
    assert!(bit <= 8, "more high nibbles than bits");
    t
};

/// The positions of the set bits of `m`, ascending.
pub(crate) fn bit_positions(mut m: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (m != 0).then(|| {
            let k = m.trailing_zeros() as usize;
            m &= m - 1;
            k
        })
    })
}

/// Which vector instructions [`word_masks`] may use on this CPU: SSE2 on every x86-64 CPU, AVX2 where the CPU
/// has it (found at run time, so one binary serves both). Only [`Simd::detect`] makes one, so holding one is
/// proof that the instructions it names exist.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Simd {
    avx2: bool,
}

impl Simd {
    /// What this CPU has (std caches the answer; the test is one load).
    pub(crate) fn detect() -> Simd {
        #[cfg(target_arch = "x86_64")]
        {
            Simd {
                avx2: std::arch::is_x86_feature_detected!("avx2"),
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            Simd { avx2: false }
        }
    }
}

/// The [`Masks`] of a block of 64 bytes.
#[inline(always)]
pub(crate) fn word_masks(block: &[u8; 64], simd: Simd) -> Masks {
    #[cfg(target_arch = "x86_64")]
    #[allow(unsafe_code)]
    {
        if simd.avx2 {
            // SAFETY: `simd` says this CPU has AVX2 (only `Simd::detect` sets it); the function itself is safe
            // code (it reads only `block`).
            return unsafe { word_masks_avx2(block) };
        }
        // SAFETY: SSE2 is part of the x86-64 baseline, so every CPU this code runs on has it; the function
        // itself is safe code (it reads only `block`).
        unsafe { word_masks_sse2(block) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        let _ = simd;
        word_masks_portable(block)
    }
}

/// [`word_masks`] with AVX2: the SSE2 version's tests on 32 bytes at a time, half the instructions.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn word_masks_avx2(block: &[u8; 64]) -> Masks {
    use std::arch::x86_64::*;
    let range = |x: __m256i, lo: u8, n: u8| {
        let bias = _mm256_set1_epi8(0x80u8.wrapping_sub(lo) as i8);
        let limit = _mm256_set1_epi8(n.wrapping_sub(0x80) as i8);
        _mm256_cmpgt_epi8(limit, _mm256_add_epi8(x, bias))
    };
    let (mut m, mut c, mut n, mut d, mut r) = (0u64, 0u64, 0u64, 0u64, 0u64);
    let table = |t: [u8; 16]| {
        let q = |j: usize| {
            u64::from_le_bytes(t[8 * j..8 * j + 8].try_into().unwrap_or_default()) as i64
        };
        _mm256_set_epi64x(q(1), q(0), q(1), q(0))
    };
    let (by_low, by_high) = (table(MARK_BY_LOW), table(MARK_BY_HIGH));
    let nibble = _mm256_set1_epi8(0x0F);
    for (k, chunk) in block.chunks_exact(32).enumerate() {
        let q = |j: usize| {
            u64::from_le_bytes(chunk[8 * j..8 * j + 8].try_into().unwrap_or_default()) as i64
        };
        let x = _mm256_set_epi64x(q(3), q(2), q(1), q(0));
        let folded = _mm256_or_si256(x, _mm256_set1_epi8(0x20));
        let digit = range(x, b'0', 10);
        let word = _mm256_or_si256(_mm256_or_si256(digit, range(folded, b'a', 26)), x);
        let high = _mm256_cmpeq_epi8(_mm256_max_epu8(x, _mm256_set1_epi8(0xC3u8 as i8)), x);
        let cap = _mm256_or_si256(range(x, b'A', 26), high);
        let newline = _mm256_cmpeq_epi8(x, _mm256_set1_epi8(b'\n' as i8));
        m |= u64::from(_mm256_movemask_epi8(word) as u32) << (32 * k);
        c |= u64::from(_mm256_movemask_epi8(cap) as u32) << (32 * k);
        n |= u64::from(_mm256_movemask_epi8(newline) as u32) << (32 * k);
        d |= u64::from(_mm256_movemask_epi8(digit) as u32) << (32 * k);
        // Nibble lookup (see `MARK_BY_LOW`): the shuffle reads each lane's table with the byte's nibbles.
        let low = _mm256_and_si256(x, nibble);
        let high = _mm256_and_si256(_mm256_srli_epi16(x, 4), nibble);
        let shared = _mm256_and_si256(
            _mm256_shuffle_epi8(by_low, low),
            _mm256_shuffle_epi8(by_high, high),
        );
        let none = _mm256_cmpeq_epi8(shared, _mm256_setzero_si256());
        r |= u64::from(!(_mm256_movemask_epi8(none) as u32)) << (32 * k);
    }
    Masks {
        word: m,
        caps: c,
        newline: n,
        digit: d,
        mark: r,
    }
}

/// [`word_masks`] with SSE2 (part of every x86-64 CPU): 16 bytes per compare and one `movemask` per 16 bits.
/// The byte tests are unsigned ranges done as signed compares after a shift by 0x80; the intrinsics that take
/// no pointer are safe to call where their feature is enabled, and the bytes go in through `set` (which the
/// compiler turns into one unaligned load).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
#[inline]
fn word_masks_sse2(block: &[u8; 64]) -> Masks {
    use std::arch::x86_64::*;
    // `x + bias < limit` as signed bytes is `x - lo < n` as unsigned bytes, with bias = 0x80 - lo and
    // limit = n - 0x80.
    let range = |x: __m128i, lo: u8, n: u8| {
        let bias = _mm_set1_epi8(0x80u8.wrapping_sub(lo) as i8);
        let limit = _mm_set1_epi8(n.wrapping_sub(0x80) as i8);
        _mm_cmplt_epi8(_mm_add_epi8(x, bias), limit)
    };
    let (mut m, mut c, mut n, mut d, mut r) = (0u64, 0u64, 0u64, 0u64, 0u64);
    let eq = |x: __m128i, b: u8| _mm_cmpeq_epi8(x, _mm_set1_epi8(b as i8));
    for (k, chunk) in block.chunks_exact(16).enumerate() {
        let lo = u64::from_le_bytes(chunk[..8].try_into().unwrap_or_default());
        let hi = u64::from_le_bytes(chunk[8..].try_into().unwrap_or_default());
        let x = _mm_set_epi64x(hi as i64, lo as i64);
        let folded = _mm_or_si128(x, _mm_set1_epi8(0x20));
        // Bytes from 0x80 have their top bit set already: `movemask` reads it.
        let digit = range(x, b'0', 10);
        let word = _mm_or_si128(_mm_or_si128(digit, range(folded, b'a', 26)), x);
        let high = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0xC3u8 as i8)), x);
        let cap = _mm_or_si128(range(x, b'A', 26), high);
        m |= u64::from(_mm_movemask_epi8(word) as u16) << (16 * k);
        c |= u64::from(_mm_movemask_epi8(cap) as u16) << (16 * k);
        let newline = _mm_cmpeq_epi8(x, _mm_set1_epi8(b'\n' as i8));
        n |= u64::from(_mm_movemask_epi8(newline) as u16) << (16 * k);
        d |= u64::from(_mm_movemask_epi8(digit) as u16) << (16 * k);
        let mark = _mm_or_si128(
            _mm_or_si128(
                _mm_or_si128(eq(x, b'\t'), eq(x, b';')),
                _mm_or_si128(eq(x, b','), eq(x, b'|')),
            ),
            _mm_or_si128(
                _mm_or_si128(eq(x, b'@'), eq(x, b'-')),
                _mm_or_si128(eq(x, b'('), eq(x, 0xE2)),
            ),
        );
        r |= u64::from(_mm_movemask_epi8(mark) as u16) << (16 * k);
    }
    Masks {
        word: m,
        caps: c,
        newline: n,
        digit: d,
        mark: r,
    }
}

/// [`word_masks`] in plain Rust: the byte tests are written byte by byte so that the compiler vectorises them;
/// eight high bits at a time are then gathered.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline(always)]
fn word_masks_portable(block: &[u8; 64]) -> Masks {
    let mut tw = [0u8; 64];
    let mut tc = [0u8; 64];
    let mut tn = [0u8; 64];
    let mut td = [0u8; 64];
    let mut tr = [0u8; 64];
    for (((((w, c), n), d), r), &x) in tw
        .iter_mut()
        .zip(tc.iter_mut())
        .zip(tn.iter_mut())
        .zip(td.iter_mut())
        .zip(tr.iter_mut())
        .zip(block)
    {
        let digit = x.wrapping_sub(b'0') < 10;
        let word = digit | ((x | 0x20).wrapping_sub(b'a') < 26) | (x >= 0x80);
        let cap = (x.wrapping_sub(b'A') < 26) | (x >= 0xC3);
        *w = u8::from(word) << 7;
        *c = u8::from(cap) << 7;
        *n = u8::from(x == b'\n') << 7;
        *d = u8::from(digit) << 7;
        *r = u8::from(is_mark(x)) << 7;
    }
    let eights = |t: &[u8; 64]| {
        t.chunks_exact(8).enumerate().fold(0u64, |acc, (k, l)| {
            acc | gather(u64::from_le_bytes(l.try_into().unwrap_or_default())) << (8 * k)
        })
    };
    Masks {
        word: eights(&tw),
        caps: eights(&tc),
        newline: eights(&tn),
        digit: eights(&td),
        mark: eights(&tr),
    }
}

/// The same masks for a short tail block (fewer than 64 bytes).
pub(crate) fn word_masks_tail(tail: &[u8]) -> Masks {
    let mut m = Masks {
        word: 0,
        caps: 0,
        newline: 0,
        digit: 0,
        mark: 0,
    };
    for (k, &b) in tail.iter().enumerate().take(64) {
        m.word |= u64::from(crate::gate::wordish(b)) << k;
        m.caps |= u64::from(b >= 0xC3 || b.is_ascii_uppercase()) << k;
        m.newline |= u64::from(b == b'\n') << k;
        m.digit |= u64::from(b.is_ascii_digit()) << k;
        m.mark |= u64::from(is_mark(b)) << k;
    }
    m
}

/// Lets a caller skip a line that cannot open with any phrase of a set before it lowercases the line's head and
/// compares it phrase by phrase. Every phrase rule (`names::line_rules`) needs the lowercased head to start with
/// a phrase. The key is the line's first run of ASCII letters, lowercased, which must equal the phrase's own
/// first run (the phrase is followed by a non-letter or the line's end); then the rest of the phrase is compared.
/// Exact: a line with a non-ASCII byte where it is compared (which may lowercase to anything) passes; a phrase of
/// 36 bytes or more (the head is cut at 40) or one that does not open with an ASCII letter turns the test off.
pub(crate) struct Openers {
    /// Lowercase first runs, by first letter.
    runs: Option<Vec<Vec<Run>>>,
    /// Longest run of any phrase.
    max_run: usize,
    /// One bit per run, from its case-folded word hash: most lines' runs find their bit clear and skip the
    /// comparisons (a set bit only means "compare").
    bits: [u64; 64],
}

/// A lowercase first run and the lowercase phrases that open with it.
type Run = (Box<[u8]>, Vec<Box<[u8]>>);

/// The bit of a run of ASCII letters in `Openers::bits`.
#[inline(always)]
fn run_bit(text: &[u8], n: usize) -> usize {
    (crate::gate::word_hash(text, 0, n) >> 52) as usize
}

/// Whether `line` lowercased may start with the lowercase `phrase`: false only when an ASCII byte of the line
/// differs from the phrase's byte or the line ends first, before any non-ASCII byte of the line (Unicode
/// lowercasing keeps every ASCII byte before the first non-ASCII character where it is).
fn may_start_with(line: &[u8], phrase: &[u8]) -> bool {
    for (k, &p) in phrase.iter().enumerate() {
        match line.get(k) {
            None => return false,
            Some(&c) if c >= 0x80 => return true,
            Some(&c) if c.to_ascii_lowercase() != p => return false,
            Some(_) => {}
        }
    }
    true
}

impl Openers {
    pub(crate) fn new(lists: &[&[&str]]) -> Openers {
        let mut runs: Vec<Vec<Run>> = vec![Vec::new(); 26];
        let mut max_run = 0;
        for p in lists.iter().flat_map(|l| l.iter()) {
            let b = p.as_bytes();
            let n = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
            if n == 0 || b.len() >= 36 {
                return Openers {
                    runs: None,
                    max_run: 0,
                    bits: [0; 64],
                };
            }
            let run: Box<[u8]> = b[..n].to_ascii_lowercase().into();
            let phrase: Box<[u8]> = p.to_lowercase().into_bytes().into();
            let slot = &mut runs[usize::from(run[0] - b'a')];
            match slot.iter_mut().find(|(r, _)| *r == run) {
                Some((_, phrases)) => phrases.push(phrase),
                None => slot.push((run, vec![phrase])),
            }
            max_run = max_run.max(n);
        }
        let mut bits = [0u64; 64];
        for (run, _) in runs.iter().flatten() {
            let k = run_bit(run, run.len());
            bits[k >> 6] |= 1 << (k & 63);
        }
        Openers {
            runs: Some(runs),
            max_run,
            bits,
        }
    }

    /// False when some phrase made the test pass every line.
    pub(crate) fn is_active(&self) -> bool {
        self.runs.is_some()
    }

    /// False when `line` (from its first non-blank byte to its end), lowercased, cannot start with any of the
    /// phrases.
    #[inline]
    pub(crate) fn may_open(&self, line: &[u8]) -> bool {
        let Some(runs) = &self.runs else {
            return true;
        };
        let n = letter_run(line);
        if n > self.max_run {
            return false;
        }
        if line.get(n).is_some_and(|&c| c >= 0x80) {
            // Unicode lowercasing may turn it into an ASCII letter ("K" Kelvin sign): the full comparison decides.
            return true;
        }
        if n == 0 {
            return false;
        }
        // The hash folds ASCII letters to lowercase, as the runs are stored.
        let k = run_bit(line, n);
        if self.bits[k >> 6] >> (k & 63) & 1 == 0 {
            return false;
        }
        runs[usize::from(line[0].to_ascii_lowercase() - b'a')]
            .iter()
            .any(|(r, phrases)| {
                r.len() == n
                    && r.iter()
                        .zip(&line[..n])
                        .all(|(&a, &c)| a == c.to_ascii_lowercase())
                    && phrases.iter().any(|p| may_start_with(line, p))
            })
    }
}

#[cfg(test)]
mod tests {
    /// A line passes when its lowercased head may start with a whole phrase, not only with a phrase's first word;
    /// a non-ASCII byte where the line is compared passes (it may lowercase to anything).
    #[test]
    fn openers_compare_whole_phrases() {
        let o = super::Openers::new(&[&["met vriendelijke groet", "naam", "prénom"]]);
        let pass = |l: &str| o.may_open(l.as_bytes());
        assert!(pass("Met vriendelijke groet,"));
        assert!(pass("MET VRIENDELIJKE GROETEN"));
        assert!(!pass("Met volgende gegevens"));
        assert!(!pass("Met vriendelijk"));
        assert!(pass("Met vriendelijke gr\u{d6}et"));
        assert!(pass("Naam: Jan"));
        assert!(!pass("Naamloos"));
        assert!(pass("Pr\u{c9}nom : Jan"));
        assert!(!pass("Prenom : Jan"));
    }

    /// The eight-bytes-at-a-time head tests agree with byte-by-byte ones for every byte value at every position
    /// of heads shorter and longer than the sixteen bytes they read at once.
    #[test]
    fn ascii_lowering_agrees_with_the_standard_library() {
        for n in 0..=17 {
            for v in 0..=255u8 {
                let mut text: Vec<u8> = (0..24).map(|k| b"aZ@[`{09-Q"[k % 10]).collect();
                text[n.min(23)] = v;
                text[0] = v;
                let w = &text[..n];
                let want = (n <= 16 && w.is_ascii()).then(|| w.to_ascii_lowercase());
                let got = super::ascii_lower16(&text, 0, n).map(|a| a[..n].to_vec());
                assert_eq!(got, want, "{text:?} {n}");
            }
        }
    }

    #[test]
    fn head_scans_agree_with_byte_loops() {
        for len in [0, 1, 7, 8, 9, 15, 16, 17, 24, 40] {
            for at in 0..len {
                for v in 0..=255u8 {
                    let mut s: Vec<u8> = (0..len).map(|k| b"abcXYZqrst"[k % 10]).collect();
                    s[at] = v;
                    let run = s.iter().take_while(|c| c.is_ascii_alphabetic()).count();
                    assert_eq!(super::letter_run(&s), run, "{s:?}");
                    for c in [b' ', v] {
                        let first = s.iter().position(|&x| x == c);
                        assert_eq!(super::find_byte(&s, c), first, "{s:?} {c}");
                    }
                }
            }
        }
    }

    /// The vector masks (SSE2, and AVX2 where this CPU has it) equal the portable ones for every byte value at
    /// every position of a block.
    #[test]
    fn word_masks_agree_with_the_portable_version() {
        let simd = super::Simd::detect();
        let sse2 = super::Simd { avx2: false };
        for v in 0..=255u8 {
            let mut block = [0u8; 64];
            for (k, x) in block.iter_mut().enumerate() {
                *x = (k as u8).wrapping_mul(37).wrapping_add(v);
            }
            let portable = super::word_masks_portable(&block);
            assert_eq!(super::word_masks(&block, simd), portable, "{block:?}");
            assert_eq!(super::word_masks(&block, sse2), portable, "{block:?}");
        }
    }
}
