//! PDF text layer via pdf-extract (on lopdf), page by page; OCR fallback for pages without text.
//!
//! pdf-extract is the one pure-Rust crate that positions glyphs (font widths, text matrices), so
//! word gaps drawn as cursor moves come out as spaces ("Jan de Vries", not "JandeVries"). It
//! panics on some inputs by design: `Ctx::node` catches that.

use std::time::Instant;

use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};

use crate::{Ctx, Extracted, Location, Res, Status, corrupt, ocr};

pub(crate) fn pdf(ctx: &mut Ctx<'_>, bytes: &[u8], out: &mut Extracted) -> Res {
    let mut doc = Document::load_mem(bytes).map_err(|e| load_err(&e))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(Status::Encrypted);
    }
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
        return Err(Status::LimitExceeded("time limit reached".into()));
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
