//! PDF text layer via pdf-extract (on lopdf), page by page; OCR fallback for pages without text.
//!
//! pdf-extract is the one pure-Rust crate that positions glyphs (font widths, text matrices), so
//! word gaps drawn as cursor moves come out as spaces ("Jan de Vries", not "JandeVries"). It
//! panics on some inputs by design: `Ctx::node` catches that.
//!
//! lopdf inflates streams without a bound, so before any text is read every Flate or LZW stream the reader may
//! inflate (all but images, which it never decodes) is measured with a bounded decoder and charged against the
//! tree's decompression budget: a PDF whose streams would inflate past it is refused, not read.

use std::time::Instant;

use pdf_extract::{Document, MediaBox, Object, OutputDev, OutputError, Transform};

use crate::{Ctx, Extracted, Location, Res, Status, corrupt, ocr};

pub(crate) fn pdf(ctx: &mut Ctx<'_>, bytes: &[u8], out: &mut Extracted) -> Res {
    let mut doc = Document::load_mem(bytes).map_err(|e| load_err(&e))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(Status::Encrypted);
    }
    charge_streams(ctx, &doc)?;
    let mut dev = PagedText {
        deadline: ctx.limits.deadline,
        ..PagedText::default()
    };
    let r = pdf_extract::output_doc(&doc, &mut dev);
    dev.finish_page();
    let pages = std::mem::take(&mut dev.pages);
    let no_text = pages.iter().all(|(_, t)| t.trim().is_empty());
    for (n, t) in pages {
        ctx.push(out, t, Some(Location::Page(n)))?;
    }
    if dev.timed_out {
        return Err(Status::LimitExceeded(
            crate::PartialReason::Timeout,
            "time limit reached".into(),
        ));
    }
    if let Err(e) = r {
        // Keep the pages read so far, but say the rest could not be read.
        return Err(corrupt(format!(
            "damaged PDF content: {}",
            short(&e.to_string())
        )));
    }
    if no_text {
        let n = u32::try_from(doc.get_pages().len()).unwrap_or(u32::MAX);
        drop(doc);
        return ocr::pdf(ctx, bytes, n, out);
    }
    Ok(())
}

/// Charges the inflated size of every Flate stream but images against the decompression budget, reading at most
/// one byte past what is left of it (so a bomb costs only that much work, and no memory).
fn charge_streams(ctx: &mut Ctx<'_>, doc: &Document) -> Res {
    for (i, obj) in doc.objects.values().enumerate() {
        if i % 256 == 255 {
            ctx.check_deadline()?;
        }
        let Object::Stream(st) = obj else { continue };
        let image = st
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Image");
        if image {
            continue;
        }
        let max = ctx.decompressed_left().saturating_add(1);
        let n = match st.filters().ok().and_then(|f| f.first().copied()) {
            Some(b"FlateDecode") => inflated_len(&st.content, max),
            Some(b"LZWDecode") => {
                let early = st
                    .dict
                    .get(b"DecodeParms")
                    .and_then(Object::as_dict)
                    .and_then(|p| p.get(b"EarlyChange"))
                    .and_then(Object::as_i64)
                    .map_or(true, |v| v != 0);
                lzw_len(&st.content, early, max)
            }
            _ => continue,
        };
        ctx.charge(n)?;
    }
    Ok(())
}

/// Bytes a zlib stream inflates to, counted up to `max`; like lopdf, a stream that fails as zlib before any
/// output is tried as raw deflate after its two header bytes.
fn inflated_len(data: &[u8], max: u64) -> u64 {
    use std::io::Read;
    let count = |r: &mut dyn Read| -> (u64, bool) {
        let mut buf = [0u8; 16 << 10];
        let mut n = 0u64;
        loop {
            match r.read(&mut buf) {
                Ok(0) => return (n, true),
                Ok(k) => {
                    n += k as u64;
                    if n >= max {
                        return (n, true);
                    }
                }
                Err(_) => return (n, false),
            }
        }
    };
    let (n, ok) = count(&mut flate2::read::ZlibDecoder::new(data));
    if ok || n > 0 || data.len() <= 2 {
        return n;
    }
    count(&mut flate2::read::DeflateDecoder::new(&data[2..])).0
}

/// Bytes an LZW stream decodes to (as lopdf decodes it), counted up to `max`.
fn lzw_len(data: &[u8], early_change: bool, max: u64) -> u64 {
    use weezl::{BitOrder, decode::Decoder};
    /// A sink that stops the decoder once `max` bytes have come out.
    struct Count {
        n: u64,
        max: u64,
    }
    impl std::io::Write for Count {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.n += b.len() as u64;
            if self.n >= self.max {
                return Err(std::io::Error::other("over the budget"));
            }
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut d = if early_change {
        Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
    } else {
        Decoder::new(BitOrder::Msb, 8)
    };
    let mut c = Count { n: 0, max };
    let _ = d.into_stream(&mut c).decode_all(data);
    c.n
}

fn load_err(e: &pdf_extract::Error) -> Status {
    let m = e.to_string();
    if m.to_ascii_lowercase().contains("decrypt") || m.to_ascii_lowercase().contains("password") {
        Status::Encrypted
    } else {
        corrupt(format!("not a readable PDF: {}", short(&m)))
    }
}

fn short(m: &str) -> String {
    m.chars().take(120).collect()
}

/// Plain-text output device that keeps page boundaries. The spacing rules follow
/// pdf-extract's `PlainTextOutput`: a gap wider than a tenth of the font size is a space, a
/// move down is a newline.
#[derive(Default)]
struct PagedText {
    pages: Vec<(u32, String)>,
    cur: Option<(u32, String)>,
    last_end: f64,
    last_y: f64,
    first_char: bool,
    page_height: f64,
    deadline: Option<Instant>,
    timed_out: bool,
}

impl PagedText {
    fn finish_page(&mut self) {
        if let Some((n, t)) = self.cur.take() {
            let mut tidy = String::with_capacity(t.len());
            for line in t.lines() {
                let l = line.trim_end();
                if !l.is_empty() {
                    tidy.push_str(l);
                    tidy.push('\n');
                }
            }
            tidy.pop();
            self.pages.push((n, tidy));
        }
    }
}

impl OutputDev for PagedText {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.finish_page();
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            self.timed_out = true;
            return Err(OutputError::IoError(std::io::Error::other(
                "time limit reached",
            )));
        }
        self.cur = Some((page_num, String::new()));
        self.page_height = media_box.ury - media_box.lly;
        self.last_end = 100000.;
        self.last_y = 0.;
        self.first_char = false;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.finish_page();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        let Some((_, s)) = self.cur.as_mut() else {
            return Ok(());
        };
        // Device position with the y axis flipped, and the font size scaled by the text matrix.
        let (x, y) = (trm.m31, self.page_height - trm.m32);
        let (vx, vy) = (
            font_size * (trm.m11 + trm.m21),
            font_size * (trm.m12 + trm.m22),
        );
        let size = (vx * vy).abs().sqrt();
        if !s.is_empty() {
            let dy = (y - self.last_y).abs();
            if dy > size * 1.5 || (x < self.last_end && dy > size * 0.5) {
                s.push('\n');
            } else if x > self.last_end + size * 2.0 && !s.ends_with(['\t', '\n']) {
                // A wide gap is a table column: a tab, as for spreadsheet cells.
                while s.ends_with(' ') {
                    s.pop();
                }
                s.push('\t');
            } else if x > self.last_end + size * 0.1 && !s.ends_with([' ', '\t', '\n']) {
                s.push(' ');
            }
        }
        // A gap already turned into a space must not double an actual space glyph (justified text).
        if !(ch.trim().is_empty() && s.ends_with([' ', '\t', '\n'])) || s.is_empty() {
            s.push_str(ch);
        }
        self.first_char = false;
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.first_char = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
