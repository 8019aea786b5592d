//! The PDF layout every generated document shares: the embedded DejaVu Sans fonts and their advance widths,
//! line breaking on those widths into pages of positioned runs, and writing the pages with a footer through
//! krilla (font embedded and subset, with a ToUnicode map so the text can be searched and copied). Laying out
//! first is what lets every footer say "page 3 of 41".

use crate::ExportError;
use crate::figure::Figure;
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use std::sync::{Arc, LazyLock};

static REGULAR_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

// A4 in points, and the margins of a printed form.
pub(crate) const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
pub(crate) const MARGIN_X: f32 = 56.0;
pub(crate) const MARGIN_TOP: f32 = 60.0;
pub(crate) const MARGIN_BOTTOM: f32 = 60.0;
pub(crate) const BODY: f32 = 9.0;
pub(crate) const LEADING: f32 = 1.3;
pub(crate) const LABEL_W: f32 = 165.0;
pub(crate) const GAP: f32 = 8.0;
/// Where a list's bullet sits, from the margin, and how far its text stands from the bullet.
const BULLET_INDENT: f32 = 6.0;
const BULLET_GAP: f32 = 12.0;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// Glyph ids and advance widths (in em) of one font, read once.
pub(crate) struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// Latin-1 and Latin Extended-A (Dutch, French, German accents) looked up once, the rest per character.
    table: Vec<(u16, f32)>,
}

const TABLE_LEN: u32 = 0x180;

impl Metrics {
    fn new(data: &'static [u8]) -> Option<Metrics> {
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        let units_per_em = f32::from(face.units_per_em().max(1));
        let mut m = Metrics {
            face,
            units_per_em,
            table: Vec::new(),
        };
        m.table = (0..TABLE_LEN)
            .map(|u| char::from_u32(u).map(|c| m.lookup(c)).unwrap_or((0, 0.0)))
            .collect();
        Some(m)
    }

    fn lookup(&self, c: char) -> (u16, f32) {
        let gid = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        let adv = self.face.glyph_hor_advance(gid).unwrap_or(0);
        (gid.0, f32::from(adv) / self.units_per_em)
    }

    pub(crate) fn glyph(&self, c: char) -> (u16, f32) {
        match self.table.get(c as usize) {
            Some(g) => *g,
            None => self.lookup(c),
        }
    }

    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c).1).sum::<f32>() * size
    }
}

pub(crate) struct Fonts {
    pub(crate) regular: Metrics,
    pub(crate) bold: Metrics,
    regular_pdf: Font,
    bold_pdf: Font,
}

fn pdf_font(data: &'static [u8]) -> Option<Font> {
    let data: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(data);
    Font::new(data.into(), 0)
}

pub(crate) static FONTS: LazyLock<Option<Fonts>> = LazyLock::new(|| {
    Some(Fonts {
        regular: Metrics::new(REGULAR_TTF)?,
        bold: Metrics::new(BOLD_TTF)?,
        regular_pdf: pdf_font(REGULAR_TTF)?,
        bold_pdf: pdf_font(BOLD_TTF)?,
    })
});

/// The embedded fonts, read once; an error (not a panic) if they could not be.
pub(crate) fn fonts() -> Result<&'static Fonts, ExportError> {
    FONTS
        .as_ref()
        .ok_or_else(|| ExportError::Pdf("the embedded font could not be read".into()))
}

impl Fonts {
    pub(crate) fn metrics(&self, w: Weight) -> &Metrics {
        match w {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    pub(crate) fn pdf_font(&self, w: Weight) -> &Font {
        match w {
            Weight::Regular => &self.regular_pdf,
            Weight::Bold => &self.bold_pdf,
        }
    }
}

pub(crate) enum Op {
    Text {
        x: f32,
        y: f32,
        weight: Weight,
        size: f32,
        grey: bool,
        text: String,
    },
    Rule {
        y: f32,
    },
    /// A vector figure with its top left corner at (x, y), `scale` points per unit of the figure.
    Figure {
        x: f32,
        y: f32,
        scale: f32,
        figure: Figure,
    },
}

/// Places text on pages, breaking lines and pages.
pub(crate) struct Layout<'f> {
    fonts: &'f Fonts,
    pub(crate) pages: Vec<Vec<Op>>,
    /// Baseline position of the next line, from the top of the page.
    pub(crate) y: f32,
}

impl<'f> Layout<'f> {
    pub(crate) fn new(fonts: &'f Fonts) -> Self {
        Layout {
            fonts,
            pages: vec![Vec::new()],
            y: MARGIN_TOP,
        }
    }

    pub(crate) fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub(crate) fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN_TOP;
    }

    /// Starts a new page unless `height` more points fit on this one.
    pub(crate) fn ensure(&mut self, height: f32) {
        if self.y + height > PAGE_H - MARGIN_BOTTOM && self.y > MARGIN_TOP {
            self.new_page();
        }
    }

    pub(crate) fn text(&mut self, x: f32, weight: Weight, size: f32, grey: bool, text: String) {
        let y = self.y;
        self.page().push(Op::Text {
            x,
            y,
            weight,
            size,
            grey,
            text,
        });
    }

    /// Breaks `text` into lines no wider than `width` (on spaces; a word wider than a line is cut).
    pub(crate) fn wrap(&self, text: &str, weight: Weight, size: f32, width: f32) -> Vec<String> {
        let m = self.fonts.metrics(weight);
        let space = m.width(" ", size);
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0;
            for word in para.split_whitespace() {
                let mut word_w = m.width(word, size);
                let extra = if line.is_empty() { 0.0 } else { space };
                if line_w + extra + word_w <= width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_w += extra + word_w;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let mut rest = word;
                while word_w > width {
                    // Cut the longest prefix that fits (at least one character).
                    let mut w = 0.0;
                    let mut cut = rest.len();
                    for (i, c) in rest.char_indices() {
                        let cw = m.glyph(c).1 * size;
                        if w + cw > width && i > 0 {
                            cut = i;
                            break;
                        }
                        w += cw;
                    }
                    lines.push(rest[..cut].to_owned());
                    rest = &rest[cut..];
                    word_w = m.width(rest, size);
                }
                line.push_str(rest);
                line_w = word_w;
            }
            lines.push(line);
        }
        lines
    }

    pub(crate) fn paragraph(&mut self, text: &str, weight: Weight, size: f32, grey: bool) {
        self.paragraph_in(MARGIN_X, PAGE_W - 2.0 * MARGIN_X, text, weight, size, grey);
    }

    /// [`Layout::paragraph`] in a column starting at `x`, `width` points wide.
    pub(crate) fn paragraph_in(
        &mut self,
        x: f32,
        width: f32,
        text: &str,
        weight: Weight,
        size: f32,
        grey: bool,
    ) {
        for line in self.wrap(text, weight, size, width) {
            self.ensure(size * LEADING);
            self.y += size * LEADING;
            self.text(x, weight, size, grey, line);
        }
    }

    /// A bulleted list item: the bullet on the item's first line, the text wrapped in an indented column.
    pub(crate) fn list_item(&mut self, text: &str, size: f32) {
        let bullet_x = MARGIN_X + BULLET_INDENT;
        let text_x = bullet_x + BULLET_GAP;
        let lines = self.wrap(text, Weight::Regular, size, PAGE_W - MARGIN_X - text_x);
        // Keep a short item on one page, and the bullet with the item's first line.
        if lines.len() <= 3 {
            self.ensure(lines.len() as f32 * size * LEADING);
        }
        for (i, line) in lines.into_iter().enumerate() {
            self.ensure(size * LEADING);
            self.y += size * LEADING;
            if i == 0 {
                self.text(bullet_x, Weight::Regular, size, false, "•".to_owned());
            }
            self.text(text_x, Weight::Regular, size, false, line);
        }
    }

    /// A figure `width` points wide at the left margin, on a new page unless it fits on this one.
    pub(crate) fn figure(&mut self, figure: Figure, width: f32) {
        let scale = width / figure.width.max(1.0);
        let height = figure.height * scale;
        self.ensure(height + 4.0);
        let (x, y) = (MARGIN_X, self.y + 4.0);
        self.page().push(Op::Figure {
            x,
            y,
            scale,
            figure,
        });
        self.y = y + height;
    }

    pub(crate) fn space(&mut self, points: f32) {
        self.y += points;
    }

    pub(crate) fn heading(&mut self, text: &str, size: f32) {
        // Keep a heading with at least a few lines of what follows.
        self.ensure(size * LEADING + 6.0 * BODY * LEADING);
        self.space(size * 0.6);
        self.paragraph(text, Weight::Bold, size, false);
        self.space(3.0);
        let y = self.y + 3.0;
        self.page().push(Op::Rule { y });
        self.space(4.0);
    }

    /// A label in the left column and its value beside it, both wrapped; an empty value shows as a dash.
    pub(crate) fn field(&mut self, label: &str, value: &str) {
        self.field_with(label, value, LABEL_W);
    }

    /// [`Layout::field`] with a label column of `label_w` points (the overview's numbers need little room).
    pub(crate) fn field_with(&mut self, label: &str, value: &str, label_w: f32) {
        let value = if value.trim().is_empty() {
            "—"
        } else {
            value
        };
        let value_x = MARGIN_X + label_w + GAP;
        let value_w = PAGE_W - MARGIN_X - value_x;
        let label_lines = self.wrap(label, Weight::Bold, BODY, label_w);
        let value_lines = self.wrap(value, Weight::Regular, BODY, value_w);
        let n = label_lines.len().max(value_lines.len());
        // Short fields stay on one page; long ones may break between lines.
        if n <= 6 {
            self.ensure(n as f32 * BODY * LEADING + 2.0);
        }
        let mut labels = label_lines.into_iter();
        let mut values = value_lines.into_iter();
        for _ in 0..n {
            self.ensure(BODY * LEADING);
            self.y += BODY * LEADING;
            if let Some(l) = labels.next() {
                self.text(MARGIN_X, Weight::Bold, BODY, true, l);
            }
            if let Some(v) = values.next() {
                self.text(value_x, Weight::Regular, BODY, false, v);
            }
        }
        self.space(2.5);
    }
}

impl Layout<'_> {
    /// Writes the laid-out pages with the font embedded and subset, each with a footer: `footer_left` on the
    /// left, `page_label(page, total)` on the right.
    pub(crate) fn finish(
        &self,
        metadata: Metadata,
        footer_left: &str,
        page_label: impl Fn(usize, usize) -> String,
    ) -> Result<Vec<u8>, ExportError> {
        let fonts = self.fonts;
        let mut doc = Document::new();
        doc.set_metadata(metadata);
        let total = self.pages.len();
        for (n, ops) in self.pages.iter().enumerate() {
            let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
                .ok_or_else(|| ExportError::Pdf("invalid page size".into()))?;
            let mut page = doc.start_page_with(settings);
            let mut surface = page.surface();
            for op in ops {
                match op {
                    Op::Text {
                        x,
                        y,
                        weight,
                        size,
                        grey,
                        text,
                    } => draw_text(&mut surface, fonts, *x, *y, *weight, *size, *grey, text),
                    Op::Rule { y } => {
                        let mut pb = PathBuilder::new();
                        pb.move_to(MARGIN_X, *y);
                        pb.line_to(PAGE_W - MARGIN_X, *y);
                        if let Some(path) = pb.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke {
                                paint: rgb::Color::new(150, 150, 150).into(),
                                width: 0.5,
                                ..Default::default()
                            }));
                            surface.draw_path(&path);
                            surface.set_stroke(None);
                        }
                    }
                    Op::Figure {
                        x,
                        y,
                        scale,
                        figure,
                    } => figure.draw(&mut surface, fonts, *x, *y, *scale),
                }
            }
            let footer = page_label(n + 1, total);
            let y = PAGE_H - MARGIN_BOTTOM / 2.0;
            draw_text(
                &mut surface,
                fonts,
                MARGIN_X,
                y,
                Weight::Regular,
                7.5,
                true,
                footer_left,
            );
            let w = fonts.regular.width(&footer, 7.5);
            draw_text(
                &mut surface,
                fonts,
                PAGE_W - MARGIN_X - w,
                y,
                Weight::Regular,
                7.5,
                true,
                &footer,
            );
            surface.finish();
            page.finish();
        }
        doc.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_text(
    surface: &mut krilla::surface::Surface<'_>,
    fonts: &Fonts,
    x: f32,
    y: f32,
    weight: Weight,
    size: f32,
    grey: bool,
    text: &str,
) {
    if text.is_empty() {
        return;
    }
    let (m, font) = match weight {
        Weight::Regular => (&fonts.regular, &fonts.regular_pdf),
        Weight::Bold => (&fonts.bold, &fonts.bold_pdf),
    };
    let glyphs: Vec<KrillaGlyph> = text
        .char_indices()
        // Control characters have no glyph and would only show as boxes.
        .filter(|(_, c)| !c.is_control())
        .map(|(i, c)| {
            let (gid, advance) = m.glyph(c);
            KrillaGlyph {
                glyph_id: GlyphId::new(u32::from(gid)),
                text_range: i..i + c.len_utf8(),
                x_advance: advance,
                x_offset: 0.0,
                y_offset: 0.0,
                y_advance: 0.0,
                location: None,
            }
        })
        .collect();
    let shade = if grey { 90 } else { 0 };
    surface.set_stroke(None);
    surface.set_fill(Some(Fill {
        paint: rgb::Color::new(shade, shade, shade).into(),
        ..Default::default()
    }));
    surface.draw_glyphs(
        Point::from_xy(x, y),
        &glyphs,
        font.clone(),
        text,
        size,
        false,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fit_their_width_and_keep_every_word() {
        let Some(fonts) = FONTS.as_ref() else {
            panic!("embedded font unreadable")
        };
        let l = Layout::new(fonts);
        let text = "Verwerkingsverantwoordelijke één café naïve\nBewaartermijn: 7 jaar https://example.org/a/very/long/path/that/cannot/fit/on/one/line/at/all/ever";
        let lines = l.wrap(text, Weight::Regular, BODY, 80.0);
        assert!(lines.len() > 4, "{lines:?}");
        for line in &lines {
            assert!(
                fonts.regular.width(line, BODY) <= 80.0 + 0.01,
                "too wide: {line}"
            );
        }
        let joined: String = lines.concat().split_whitespace().collect();
        let original: String = text.split_whitespace().collect();
        assert_eq!(joined, original, "text lost in wrapping");
        // Accented letters have their own glyphs in the embedded font.
        for c in ['é', 'ë', 'ï', 'ç', 'à', 'ô', 'Ë'] {
            assert_ne!(fonts.regular.glyph(c).0, 0, "no glyph for {c}");
            assert_ne!(fonts.bold.glyph(c).0, 0, "no bold glyph for {c}");
        }
    }
}
