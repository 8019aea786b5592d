//! Byte scans: word-byte and capital masks for the keyword pass (64 bytes at a time, vectorised by the compiler),
//! line openers.

/// Gathers the high bits of the eight bytes into one byte (byte j's bit 7 lands on bit j).
#[inline(always)]
fn gather(hi: u64) -> u64 {
    hi.wrapping_mul(0x0002_0408_1020_4081) >> 56
}

/// Bit k set when byte k of the block is a word byte (ASCII letter or digit, or any byte of a multi-byte
/// character: the same set as [`crate::lexicon::wordish`]), and bit k of the second mask when byte k may open a
/// capitalised word (an ASCII capital, or a byte from 0xC3, the lead byte of every non-ASCII capital). The byte tests are written byte by byte so that the compiler
/// vectorises them (16 bytes per instruction with SSE2); eight high bits at a time are then gathered.
#[inline(always)]
pub(crate) fn word_masks(block: &[u8; 64]) -> (u64, u64) {
    let mut tw = [0u8; 64];
    let mut tc = [0u8; 64];
    for ((w, c), &x) in tw.iter_mut().zip(tc.iter_mut()).zip(block) {
        let word = (x.wrapping_sub(b'0') < 10) | ((x | 0x20).wrapping_sub(b'a') < 26) | (x >= 0x80);
        let cap = (x.wrapping_sub(b'A') < 26) | (x >= 0xC3);
        *w = u8::from(word) << 7;
        *c = u8::from(cap) << 7;
    }
    let mut m = 0u64;
    let mut c = 0u64;
    for (k, (lw, lc)) in tw.chunks_exact(8).zip(tc.chunks_exact(8)).enumerate() {
        let mut a = [0u8; 8];
        let mut d = [0u8; 8];
        a.copy_from_slice(lw);
        d.copy_from_slice(lc);
        m |= gather(u64::from_le_bytes(a)) << (8 * k);
        c |= gather(u64::from_le_bytes(d)) << (8 * k);
    }
    (m, c)
}

/// The same masks for a short tail block (fewer than 64 bytes).
pub(crate) fn word_masks_tail(tail: &[u8]) -> (u64, u64) {
    let mut m = 0u64;
    let mut c = 0u64;
    for (k, &b) in tail.iter().enumerate() {
        m |= u64::from(crate::lexicon::wordish(b)) << k;
        c |= u64::from(b >= 0xC3 || b.is_ascii_uppercase()) << k;
    }
    (m, c)
}

/// Lets a caller skip a line that cannot open with any phrase of a set before it lowercases the line's head and
/// compares it phrase by phrase. The key is the line's first run of ASCII letters, lowercased: every phrase rule
/// (`names::line_rules`) needs the lowercased head to start with a phrase that is followed by a non-letter (a
/// colon, a blank, punctuation) or by the end of the line, so that run must equal the phrase's own first run of
/// ASCII letters. Exact: a line whose run is followed by a non-ASCII byte (which may lowercase to anything)
/// always passes; a phrase of 36 bytes or more (the head is cut at 40) or one that does not open with an ASCII
/// letter turns the test off.
pub(crate) struct Openers {
    /// Lowercase first runs, by first letter.
    runs: Option<Vec<Vec<Box<[u8]>>>>,
    /// Longest run of any phrase.
    max_run: usize,
    /// One bit per run, from its case-folded word hash: most lines' runs find their bit clear and skip the
    /// comparisons (a set bit only means "compare").
    bits: [u64; 64],
}

/// The bit of a run of ASCII letters in `Openers::bits`.
#[inline(always)]
fn run_bit(text: &[u8], n: usize) -> usize {
    (crate::lexicon::word_hash(text, 0, n) >> 52) as usize
}

impl Openers {
    pub(crate) fn new(lists: &[&[&str]]) -> Openers {
        let mut runs: Vec<Vec<Box<[u8]>>> = vec![Vec::new(); 26];
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
            let slot = &mut runs[usize::from(run[0] - b'a')];
            if !slot.contains(&run) {
                slot.push(run);
            }
            max_run = max_run.max(n);
        }
        let mut bits = [0u64; 64];
        for run in runs.iter().flatten() {
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
    /// phrases followed by a non-letter or the line's end.
    #[inline]
    pub(crate) fn may_open(&self, line: &[u8]) -> bool {
        let Some(runs) = &self.runs else {
            return true;
        };
        let mut n = 0;
        while n < line.len() && line[n].is_ascii_alphabetic() {
            n += 1;
            if n > self.max_run {
                return false;
            }
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
            .any(|r| {
                r.len() == n
                    && r.iter()
                        .zip(&line[..n])
                        .all(|(&a, &c)| a == c.to_ascii_lowercase())
            })
    }
}
