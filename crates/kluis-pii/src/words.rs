//! Word boundaries of the keyword pass: a 64-bit mask of word bytes per 64-byte block, computed eight bytes at a
//! time (SWAR on `u64`, no per-byte table lookup or branch).

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
