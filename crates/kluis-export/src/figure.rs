//! A small vector drawing (rectangles, circles, lines, filled polygons, text) written either as a self-contained
//! SVG or into a PDF page through krilla, so a chart like the DPIA's risk map is drawn once for both.

use crate::layout::{Fonts, Weight};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Transform};
use krilla::paint::{Fill, Stroke};
use krilla::text::{GlyphId, KrillaGlyph};
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0, 0, 0);
    pub const WHITE: Rgb = Rgb(255, 255, 255);

    fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    fn krilla(self) -> rgb::Color {
        rgb::Color::new(self.0, self.1, self.2)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shape {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Rgb,
        stroke: Option<Rgb>,
    },
    Circle {
        cx: f32,
        cy: f32,
        r: f32,
        fill: Option<Rgb>,
        stroke: Rgb,
        width: f32,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        stroke: Rgb,
        width: f32,
    },
    Polygon {
        points: Vec<(f32, f32)>,
        fill: Rgb,
    },
    /// Text on a baseline at (x, y); `vertical` turns it a quarter left (reading upwards) around that point.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        anchor: Anchor,
        vertical: bool,
        fill: Rgb,
        text: String,
    },
}

/// A drawing in its own coordinates: origin top left, y down, `width` × `height` units.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Figure {
    pub width: f32,
    pub height: f32,
    /// The accessible name (`<title>`) and longer description (`<desc>`).
    pub title: String,
    pub description: String,
    pub shapes: Vec<Shape>,
}

/// Escapes text for XML content and attribute values; characters XML 1.0 forbids are dropped.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn n(v: f32) -> String {
    // Two decimals are finer than any screen; trailing zeros go.
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

impl Figure {
    /// The figure as an SVG element: no scripts, no external references, no ids (several may share a page), every
    /// text escaped; `role="img"` with a `<title>` and `<desc>` for screen readers.
    pub(crate) fn svg(&self) -> String {
        let mut out = String::with_capacity(8 * 1024);
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
             role=\"img\" font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\">",
            w = n(self.width),
            h = n(self.height)
        );
        let _ = write!(
            out,
            "<title>{}</title><desc>{}</desc>",
            xml_escape(&self.title),
            xml_escape(&self.description)
        );
        for s in &self.shapes {
            match s {
                Shape::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill,
                    stroke,
                } => {
                    let _ = write!(
                        out,
                        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"",
                        n(*x),
                        n(*y),
                        n(*w),
                        n(*h),
                        fill.hex()
                    );
                    if let Some(st) = stroke {
                        let _ = write!(out, " stroke=\"{}\" stroke-width=\"1\"", st.hex());
                    }
                    out.push_str("/>");
                }
                Shape::Circle {
                    cx,
                    cy,
                    r,
                    fill,
                    stroke,
                    width,
                } => {
                    let _ = write!(
                        out,
                        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
                        n(*cx),
                        n(*cy),
                        n(*r),
                        fill.map_or("none".to_owned(), Rgb::hex),
                        stroke.hex(),
                        n(*width)
                    );
                }
                Shape::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    stroke,
                    width,
                } => {
                    let _ = write!(
                        out,
                        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
                        n(*x1),
                        n(*y1),
                        n(*x2),
                        n(*y2),
                        stroke.hex(),
                        n(*width)
                    );
                }
                Shape::Polygon { points, fill } => {
                    let pts: Vec<String> = points
                        .iter()
                        .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
                        .collect();
                    let _ = write!(
                        out,
                        "<polygon points=\"{}\" fill=\"{}\"/>",
                        pts.join(" "),
                        fill.hex()
                    );
                }
                Shape::Text {
                    x,
                    y,
                    size,
                    bold,
                    anchor,
                    vertical,
                    fill,
                    text,
                } => {
                    let anchor = match anchor {
                        Anchor::Start => "start",
                        Anchor::Middle => "middle",
                        Anchor::End => "end",
                    };
                    let _ = write!(
                        out,
                        "<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{anchor}\" fill=\"{}\"",
                        n(*x),
                        n(*y),
                        n(*size),
                        fill.hex()
                    );
                    if *bold {
                        out.push_str(" font-weight=\"bold\"");
                    }
                    if *vertical {
                        let _ = write!(out, " transform=\"rotate(-90 {} {})\"", n(*x), n(*y));
                    }
                    let _ = write!(out, ">{}</text>", xml_escape(text));
                }
            }
        }
        out.push_str("</svg>");
        out
    }

    /// Draws the figure on a PDF page with its top left corner at (`x`, `y`), `scale` points per unit.
    pub(crate) fn draw(
        &self,
        surface: &mut krilla::surface::Surface<'_>,
        fonts: &Fonts,
        x: f32,
        y: f32,
        scale: f32,
    ) {
        surface.push_transform(&Transform::from_row(scale, 0.0, 0.0, scale, x, y));
        for s in &self.shapes {
            match s {
                Shape::Rect {
                    x,
                    y,
                    w,
                    h,
                    fill,
                    stroke,
                } => {
                    let mut pb = PathBuilder::new();
                    if let Some(r) = krilla::geom::Rect::from_xywh(*x, *y, *w, *h) {
                        pb.push_rect(r);
                    }
                    paint(surface, pb, Some(*fill), stroke.map(|s| (s, 1.0)));
                }
                Shape::Circle {
                    cx,
                    cy,
                    r,
                    fill,
                    stroke,
                    width,
                } => {
                    paint(
                        surface,
                        circle(*cx, *cy, *r),
                        *fill,
                        Some((*stroke, *width)),
                    );
                }
                Shape::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    stroke,
                    width,
                } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(*x1, *y1);
                    pb.line_to(*x2, *y2);
                    paint(surface, pb, None, Some((*stroke, *width)));
                }
                Shape::Polygon { points, fill } => {
                    let mut pb = PathBuilder::new();
                    for (i, (px, py)) in points.iter().enumerate() {
                        if i == 0 {
                            pb.move_to(*px, *py);
                        } else {
                            pb.line_to(*px, *py);
                        }
                    }
                    pb.close();
                    paint(surface, pb, Some(*fill), None);
                }
                Shape::Text {
                    x,
                    y,
                    size,
                    bold,
                    anchor,
                    vertical,
                    fill,
                    text,
                } => {
                    let weight = if *bold { Weight::Bold } else { Weight::Regular };
                    let w = fonts.metrics(weight).width(text, *size);
                    let dx = match anchor {
                        Anchor::Start => 0.0,
                        Anchor::Middle => -w / 2.0,
                        Anchor::End => -w,
                    };
                    if *vertical {
                        surface.push_transform(&Transform::from_rotate_at(-90.0, *x, *y));
                    }
                    glyphs(surface, fonts, *x + dx, *y, weight, *size, *fill, text);
                    if *vertical {
                        surface.pop();
                    }
                }
            }
        }
        surface.pop();
    }
}

/// A circle as four cubic Bézier quarters (the usual 0.5523 handle length).
fn circle(cx: f32, cy: f32, r: f32) -> PathBuilder {
    const K: f32 = 0.552_284_8;
    let k = K * r;
    let mut pb = PathBuilder::new();
    pb.move_to(cx + r, cy);
    pb.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    pb.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    pb.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    pb.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    pb.close();
    pb
}

fn paint(
    surface: &mut krilla::surface::Surface<'_>,
    pb: PathBuilder,
    fill: Option<Rgb>,
    stroke: Option<(Rgb, f32)>,
) {
    let Some(path) = pb.finish() else {
        return;
    };
    surface.set_fill(fill.map(|f| Fill {
        paint: f.krilla().into(),
        ..Default::default()
    }));
    surface.set_stroke(stroke.map(|(s, width)| Stroke {
        paint: s.krilla().into(),
        width,
        ..Default::default()
    }));
    surface.draw_path(&path);
    surface.set_stroke(None);
}

#[allow(clippy::too_many_arguments)]
fn glyphs(
    surface: &mut krilla::surface::Surface<'_>,
    fonts: &Fonts,
    x: f32,
    y: f32,
    weight: Weight,
    size: f32,
    fill: Rgb,
    text: &str,
) {
    if text.is_empty() {
        return;
    }
    let m = fonts.metrics(weight);
    let glyphs: Vec<KrillaGlyph> = text
        .char_indices()
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
    surface.set_stroke(None);
    surface.set_fill(Some(Fill {
        paint: fill.krilla().into(),
        ..Default::default()
    }));
    surface.draw_glyphs(
        Point::from_xy(x, y),
        &glyphs,
        fonts.pdf_font(weight).clone(),
        text,
        size,
        false,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_markup_as_text() {
        assert_eq!(
            xml_escape("<script>alert('x')</script> & \"q\"\u{7}"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(n(1.0), "1");
        assert_eq!(n(2.345), "2.35");
        assert_eq!(n(-0.001), "0");
    }
}
