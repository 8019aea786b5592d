//! Byte scans eight bytes at a time (SWAR on `u64`): word-byte masks for the keyword pass, digit search, line openers.

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// High bit of every byte of `w` that is a word byte: ASCII letter or digit, or any byte of a multi-byte character
/// (the same set as [`crate::lexicon::wordish`]).
#[inline(always)]
fn word_bytes8(w: u64) -> u64 {
    let x = w & !HI;
    // Range tests on 7-bit bytes: adding never carries into the next byte.
    let digit =
        x.wrapping_add(LO * (0x80 - b'0' as u64)) & !x.wrapping_add(LO * (0x7F - b'9' as u64));
    // ASCII letters fold onto `a..=z` by setting bit 5 (no other 7-bit byte lands there).
    let y = x | (LO * 0x20);
    let letter =
        y.wrapping_add(LO * (0x80 - b'a' as u64)) & !y.wrapping_add(LO * (0x7F - b'z' as u64));
    (w | digit | letter) & HI
}

/// Position of the first ASCII digit at or after `from`, eight bytes at a time (most prose has none).
pub(crate) fn find_digit(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(lane) = b.get(i..i + 8) {
        let mut a = [0u8; 8];
        a.copy_from_slice(lane);
        let w = u64::from_le_bytes(a);
        let x = w & !HI;
        let digit = x.wrapping_add(LO * (0x80 - b'0' as u64))
            & !x.wrapping_add(LO * (0x7F - b'9' as u64))
            & !w
            & HI;
        if digit != 0 {
            return Some(i + (digit.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?
        .iter()
        .position(u8::is_ascii_digit)
        .map(|k| i + k)
}

/// Bit k set when byte k of the block is a word byte.
#[inline(always)]
pub(crate) fn word_mask(block: &[u8; 64]) -> u64 {
    let mut m = 0u64;
    for (k, lane) in block.chunks_exact(8).enumerate() {
        let mut a = [0u8; 8];
        a.copy_from_slice(lane);
        // Gather the eight high bits into one byte (byte j's bit 7 lands on bit 56 + j).
        let packed = word_bytes8(u64::from_le_bytes(a)).wrapping_mul(0x0002_0408_1020_4081) >> 56;
        m |= packed << (8 * k);
    }
    m
}

/// The same mask for a short tail block (fewer than 64 bytes).
pub(crate) fn word_mask_tail(tail: &[u8]) -> u64 {
    let mut m = 0u64;
    for (k, &c) in tail.iter().enumerate() {
        m |= u64::from(crate::lexicon::wordish(c)) << k;
    }
    m
}

/// Lets a caller skip a line that cannot open with any phrase of a set before it lowercases the line and compares
/// it phrase by phrase. Keys are the first two to four bytes of each phrase (up to its first non-ASCII byte) in a
/// 4 Kbit filter: a false positive only costs the full comparison. Exact: a line with a non-ASCII byte among its
/// first four always passes, and a phrase with fewer than two leading ASCII bytes turns the test off.
pub(crate) struct Openers(Option<Box<[u64; 64]>>);

impl Openers {
    pub(crate) fn new(lists: &[&[&str]]) -> Openers {
        let mut bits = Box::new([0u64; 64]);
        for p in lists.iter().flat_map(|l| l.iter()) {
            let b = p.as_bytes();
            let n = b.iter().take(4).take_while(|c| c.is_ascii()).count();
            if n < 2 {
                return Openers(None);
            }
            let k = Self::key(&b[..n]);
            bits[k >> 6] |= 1 << (k & 63);
        }
        Openers(Some(bits))
    }

    /// Filter slot of an ASCII prefix of two to four bytes (already lowercase).
    #[inline]
    fn key(prefix: &[u8]) -> usize {
        let mut w = prefix.len() as u64;
        for (i, &c) in prefix.iter().enumerate() {
            w |= u64::from(c) << (8 * (i + 1));
        }
        (w.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize
    }

    /// False when `head`, lowercased, cannot start with any of the phrases.
    #[inline]
    pub(crate) fn may_open(&self, head: &str) -> bool {
        let Some(bits) = &self.0 else {
            return true;
        };
        let mut low = [0u8; 4];
        let n = head.len().min(4);
        for (d, &c) in low.iter_mut().zip(&head.as_bytes()[..n]) {
            if !c.is_ascii() {
                // Unicode lowercasing may turn it into ASCII ("K" Kelvin sign): the full comparison decides.
                return true;
            }
            *d = c.to_ascii_lowercase();
        }
        (2..=n).any(|l| {
            let k = Self::key(&low[..l]);
            bits[k >> 6] >> (k & 63) & 1 == 1
        })
    }
}
