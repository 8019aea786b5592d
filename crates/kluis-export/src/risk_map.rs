//! The DPIA's risk map after the CNIL method: severity (up) against likelihood (right) on the four-step scale,
//! each feared event before the action plan (hollow) and after it (filled), an arrow where both are known. Drawn
//! once as a [`Figure`], written as inline SVG for the pages and into the DPIA's PDF.

use crate::Lang;
use crate::figure::{Anchor, Figure, Rgb, Shape};
use kluis_domain::dpia::assessment::{Dpia, MapPosition, RiskKind, RiskLevel};
use kluis_i18n::Tr;

const CELL: f32 = 72.0;
/// The grid's top left corner: room on the left for the level names and the turned axis title.
const GRID_X: f32 = 130.0;
const GRID_Y: f32 = 16.0;
const GRID: f32 = 4.0 * CELL;
const WIDTH: f32 = GRID_X + GRID + 24.0;
const MARKER_R: f32 = 9.0;
const LEGEND_LINE: f32 = 20.0;

/// The zone of the CNIL map a cell lies in: risks to avoid (high), to reduce, or acceptable.
fn zone(p: MapPosition) -> Rgb {
    let (s, l) = (p.severity.get(), p.likelihood.get());
    if p.is_high() {
        Rgb(246, 190, 186)
    } else if s + l >= 5 {
        Rgb(252, 226, 178)
    } else {
        Rgb(206, 234, 206)
    }
}

/// Each feared event's colour and number: distinguishable without colour too (the number is in the marker).
fn style(kind: RiskKind) -> (Rgb, &'static str, f32) {
    match kind {
        RiskKind::IllegitimateAccess => (Rgb(31, 78, 158), "1", -20.0),
        RiskKind::UnwantedModification => (Rgb(150, 60, 20), "2", 0.0),
        RiskKind::Disappearance => (Rgb(90, 40, 120), "3", 20.0),
    }
}

fn risk_label_key(kind: RiskKind) -> String {
    format!("dpia-risk-{}", kind.as_str().replace('_', "-"))
}

/// The centre of a marker: the cell of its position, each kind at its own spot so three risks in one cell stay
/// apart; the "after" marker sits a little lower than the "before" one.
fn centre(p: MapPosition, kind: RiskKind, after: bool) -> (f32, f32) {
    let (_, _, dx) = style(kind);
    let col = f32::from(p.likelihood.get() - 1);
    let row = f32::from(4 - p.severity.get());
    let x = GRID_X + col * CELL + CELL / 2.0 + dx;
    let y = GRID_Y + row * CELL + CELL / 2.0 + if after { 14.0 } else { -14.0 } + dx * 0.2;
    (x, y)
}

fn text(x: f32, y: f32, size: f32, anchor: Anchor, s: impl Into<String>) -> Shape {
    Shape::Text {
        x,
        y,
        size,
        bold: false,
        anchor,
        vertical: false,
        fill: Rgb(40, 40, 40),
        text: s.into(),
    }
}

fn marker(shapes: &mut Vec<Shape>, (x, y): (f32, f32), kind: RiskKind, filled: bool) {
    let (colour, number, _) = style(kind);
    shapes.push(Shape::Circle {
        cx: x,
        cy: y,
        r: MARKER_R,
        fill: Some(if filled { colour } else { Rgb::WHITE }),
        stroke: colour,
        width: 2.0,
    });
    shapes.push(Shape::Text {
        x,
        y: y + 3.5,
        size: 10.0,
        bold: true,
        anchor: Anchor::Middle,
        vertical: false,
        fill: if filled { Rgb::WHITE } else { colour },
        text: number.to_owned(),
    });
}

/// An arrow from the edge of one marker to the edge of the other, with a filled head.
fn arrow(shapes: &mut Vec<Shape>, from: (f32, f32), to: (f32, f32), colour: Rgb) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = (dx * dx + dy * dy).sqrt();
    if len <= 2.0 * MARKER_R + 4.0 {
        return;
    }
    let (ux, uy) = (dx / len, dy / len);
    let start = (from.0 + ux * MARKER_R, from.1 + uy * MARKER_R);
    let tip = (to.0 - ux * (MARKER_R + 1.0), to.1 - uy * (MARKER_R + 1.0));
    let head = 8.0;
    let base = (tip.0 - ux * head, tip.1 - uy * head);
    shapes.push(Shape::Line {
        x1: start.0,
        y1: start.1,
        x2: base.0,
        y2: base.1,
        stroke: colour,
        width: 1.5,
    });
    shapes.push(Shape::Polygon {
        points: vec![
            tip,
            (base.0 - uy * head * 0.5, base.1 + ux * head * 0.5),
            (base.0 + uy * head * 0.5, base.1 - ux * head * 0.5),
        ],
        fill: colour,
    });
}

fn level_name(tr: Tr, level: RiskLevel) -> String {
    tr.t(&level.label_key()).to_owned()
}

/// The risk map of `dpia` as a figure with its texts in `tr`'s language.
pub(crate) fn figure(dpia: &Dpia, tr: Tr) -> Figure {
    let mut shapes = Vec::new();
    // The cells, coloured by zone.
    for severity in RiskLevel::ALL {
        for likelihood in RiskLevel::ALL {
            let p = MapPosition {
                severity,
                likelihood,
            };
            shapes.push(Shape::Rect {
                x: GRID_X + f32::from(likelihood.get() - 1) * CELL,
                y: GRID_Y + f32::from(4 - severity.get()) * CELL,
                w: CELL,
                h: CELL,
                fill: zone(p),
                stroke: Some(Rgb::WHITE),
            });
        }
    }
    // The axes: level names beside the rows and under the columns, the titles outside them.
    for level in RiskLevel::ALL {
        let row = f32::from(4 - level.get());
        shapes.push(text(
            GRID_X - 6.0,
            GRID_Y + row * CELL + CELL / 2.0 + 3.5,
            9.0,
            Anchor::End,
            format!("{} {}", level_name(tr, level), level.get()),
        ));
        let col = f32::from(level.get() - 1);
        shapes.push(text(
            GRID_X + col * CELL + CELL / 2.0,
            GRID_Y + GRID + 14.0,
            9.0,
            Anchor::Middle,
            format!("{} {}", level.get(), level_name(tr, level)),
        ));
    }
    shapes.push(Shape::Text {
        x: 16.0,
        y: GRID_Y + GRID / 2.0,
        size: 11.0,
        bold: true,
        anchor: Anchor::Middle,
        vertical: true,
        fill: Rgb::BLACK,
        text: tr.t("dpia-map-severity").to_owned(),
    });
    shapes.push(Shape::Text {
        x: GRID_X + GRID / 2.0,
        y: GRID_Y + GRID + 34.0,
        size: 11.0,
        bold: true,
        anchor: Anchor::Middle,
        vertical: false,
        fill: Rgb::BLACK,
        text: tr.t("dpia-map-likelihood").to_owned(),
    });

    // The risks: arrows first, so the markers sit on top of them.
    let entries = dpia.risk_map();
    for e in &entries {
        let (colour, _, _) = style(e.kind);
        if let (Some(b), Some(a)) = (e.before, e.after) {
            arrow(
                &mut shapes,
                centre(b, e.kind, false),
                centre(a, e.kind, true),
                colour,
            );
        }
    }
    for e in &entries {
        if let Some(b) = e.before {
            marker(&mut shapes, centre(b, e.kind, false), e.kind, false);
        }
        if let Some(a) = e.after {
            marker(&mut shapes, centre(a, e.kind, true), e.kind, true);
        }
    }

    // The legend: one line per risk (with "not estimated yet" where it has no place), then hollow and filled.
    let mut y = GRID_Y + GRID + 62.0;
    let mut description = vec![tr.t("dpia-map-description").to_owned()];
    for e in &entries {
        let name = tr.t(&risk_label_key(e.kind)).to_owned();
        let (colour, number, _) = style(e.kind);
        shapes.push(Shape::Circle {
            cx: 24.0,
            cy: y - 4.0,
            r: MARKER_R,
            fill: Some(colour),
            stroke: colour,
            width: 2.0,
        });
        shapes.push(Shape::Text {
            x: 24.0,
            y: y - 0.5,
            size: 10.0,
            bold: true,
            anchor: Anchor::Middle,
            vertical: false,
            fill: Rgb::WHITE,
            text: number.to_owned(),
        });
        let line = if e.before.is_none() && e.after.is_none() {
            tr.t_with("dpia-map-not-estimated", &[("risk", &name)])
        } else {
            name.clone()
        };
        shapes.push(text(40.0, y, 10.0, Anchor::Start, line.clone()));
        description.push(format!(
            "{number}. {line}: {} {}; {} {}",
            tr.t("dpia-map-before"),
            position_words(tr, e.before),
            tr.t("dpia-map-after"),
            position_words(tr, e.after),
        ));
        y += LEGEND_LINE;
    }
    let grey = Rgb(80, 80, 80);
    shapes.push(Shape::Circle {
        cx: 24.0,
        cy: y - 4.0,
        r: MARKER_R - 2.0,
        fill: Some(Rgb::WHITE),
        stroke: grey,
        width: 2.0,
    });
    shapes.push(text(40.0, y, 10.0, Anchor::Start, tr.t("dpia-map-before")));
    shapes.push(Shape::Circle {
        cx: 224.0,
        cy: y - 4.0,
        r: MARKER_R - 2.0,
        fill: Some(grey),
        stroke: grey,
        width: 2.0,
    });
    shapes.push(text(240.0, y, 10.0, Anchor::Start, tr.t("dpia-map-after")));
    y += 12.0;

    let title = if dpia.title.trim().is_empty() {
        tr.t("dpia-map-title").to_owned()
    } else {
        format!("{} — {}", tr.t("dpia-map-title"), dpia.title.trim())
    };
    Figure {
        width: WIDTH,
        height: y,
        title,
        description: description.join(" "),
        shapes,
    }
}

/// "3 Significant / 2 Limited" for the description read aloud, or a dash.
fn position_words(tr: Tr, p: Option<MapPosition>) -> String {
    match p {
        Some(p) => format!(
            "{} {} {}, {} {} {}",
            tr.t("dpia-map-severity"),
            p.severity.get(),
            level_name(tr, p.severity),
            tr.t("dpia-map-likelihood"),
            p.likelihood.get(),
            level_name(tr, p.likelihood)
        ),
        None => "—".to_owned(),
    }
}

/// The DPIA's risk map as a self-contained SVG element (no scripts, no external references, no ids, every text
/// escaped), with `role="img"`, a `<title>` and a `<desc>` that reads the positions aloud. Safe to inline into an
/// HTML page, also several times.
pub fn risk_map_svg(dpia: &Dpia, lang: Lang) -> String {
    figure(dpia, Tr::new(lang)).svg()
}
