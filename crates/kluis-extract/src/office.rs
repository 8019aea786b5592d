//! Office Open XML (DOCX, XLSX, PPTX) and OpenDocument (ODT, ODS, ODP) text, streamed from their
//! XML parts with quick-xml. Spreadsheets are streamed cell by cell: declared dimensions and
//! repeat counts are never expanded, so a far-off cell costs nothing.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::zipc::{Archive, read_name};
use crate::{Ctx, Extracted, Location, Res, corrupt};

fn xml_err(part: &str, e: impl std::fmt::Display) -> crate::Status {
    corrupt(format!("damaged XML in part {part}: {e}"))
}

fn reader(xml: &[u8]) -> Reader<&[u8]> {
    let mut r = Reader::from_reader(xml);
    let c = r.config_mut();
    c.trim_text(false);
    c.check_end_names = false;
    c.expand_empty_elements = false;
    r
}

fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| {
            a.unescape_value()
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
        })
}

/// Accumulates text keeping paragraph (newline), cell (tab) and row (newline) boundaries, so
/// words from neighbouring paragraphs or cells never glue together.
#[derive(Default)]
struct Tb {
    s: String,
    pending_nl: bool,
    cells: u32,
}

impl Tb {
    fn text(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        if self.pending_nl {
            self.s.push('\n');
            self.pending_nl = false;
        }
        self.s.push_str(t);
    }
    fn para_end(&mut self) {
        if self.cells > 0 {
            // Inside a table cell: a newline only if more text follows in this cell.
            if !self.s.is_empty() && !self.s.ends_with(['\t', '\n']) {
                self.pending_nl = true;
            }
        } else {
            self.newline();
        }
    }
    fn newline(&mut self) {
        self.pending_nl = false;
        if !self.s.is_empty() && !self.s.ends_with('\n') {
            self.s.push('\n');
        }
    }
    fn tab(&mut self) {
        self.pending_nl = false;
        self.s.push('\t');
    }
    fn cell_start(&mut self) {
        self.cells += 1;
    }
    fn cell_end(&mut self) {
        self.cells = self.cells.saturating_sub(1);
        self.pending_nl = false;
        if !self.s.is_empty() && !self.s.ends_with(['\t', '\n']) {
            self.s.push('\t');
        }
    }
    fn row_end(&mut self) {
        self.pending_nl = false;
        while self.s.ends_with('\t') {
            self.s.pop();
        }
        self.newline();
    }
    fn take(&mut self) -> String {
        let mut s = std::mem::take(&mut self.s);
        self.pending_nl = false;
        while s.ends_with(['\n', '\t']) {
            s.pop();
        }
        s
    }
}

/// WordprocessingML / DrawingML text: only `t`/`delText` content is text (never field codes).
fn ooxml_text(part: &str, xml: &[u8]) -> Res<String> {
    let mut r = reader(xml);
    let mut tb = Tb::default();
    let mut in_t = false;
    // `w:tab` inside `w:tabs` (paragraph properties) is a tab stop, not text.
    let mut in_tabs = false;
    loop {
        match r.read_event().map_err(|e| xml_err(part, e))? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"t" | b"delText" => in_t = true,
                b"tabs" => in_tabs = true,
                b"tc" => tb.cell_start(),
                b"comment" => {
                    // The author of a comment is personal data too.
                    if let Some(a) = attr(&e, b"author") {
                        tb.newline();
                        tb.text(&a);
                        tb.text(": ");
                    }
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" if !in_tabs => tb.text("\t"),
                b"br" | b"cr" => tb.newline(),
                b"p" => tb.para_end(),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"t" | b"delText" => in_t = false,
                b"tabs" => in_tabs = false,
                b"p" => tb.para_end(),
                b"tc" => tb.cell_end(),
                b"tr" => tb.row_end(),
                _ => {}
            },
            Event::Text(e) if in_t => {
                let t = e.unescape().map_err(|e| xml_err(part, e))?;
                tb.text(&t);
            }
            Event::CData(e) if in_t => tb.text(&String::from_utf8_lossy(&e)),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(tb.take())
}

/// docProps/core.xml: creator, last modified by, title: often personal data.
fn core_props(ctx: &mut Ctx<'_>, ar: &mut Archive<'_>, out: &mut Extracted) -> Res {
    let Some(xml) = read_name(ctx, ar, "docProps/core.xml")? else {
        return Ok(());
    };
    let mut r = reader(&xml);
    let mut lines = Vec::new();
    let mut field: Option<String> = None;
    loop {
        match r
            .read_event()
            .map_err(|e| xml_err("docProps/core.xml", e))?
        {
            Event::Start(e) => {
                let n = e.local_name();
                let n = n.as_ref();
                if matches!(
                    n,
                    b"creator"
                        | b"lastModifiedBy"
                        | b"title"
                        | b"subject"
                        | b"description"
                        | b"keywords"
                ) {
                    field = Some(String::from_utf8_lossy(n).into_owned());
                }
            }
            Event::Text(t) => {
                if let Some(f) = &field {
                    let v = t.unescape().map_err(|e| xml_err("docProps/core.xml", e))?;
                    if !v.trim().is_empty() {
                        lines.push(format!("{f}: {}", v.trim()));
                    }
                }
            }
            Event::End(_) => field = None,
            Event::Eof => break,
            _ => {}
        }
    }
    ctx.push(
        out,
        lines.join("\n"),
        Some(Location::Part("properties".into())),
    )
}

fn names_matching(ar: &Archive<'_>, prefix: &str) -> Vec<String> {
    let mut v: Vec<String> = ar
        .file_names()
        .filter(|n| n.starts_with(prefix) && n.ends_with(".xml"))
        .map(str::to_owned)
        .collect();
    // header2.xml before header10.xml.
    v.sort_by_key(|n| (n.len(), n.clone()));
    v
}

pub(crate) fn docx(ctx: &mut Ctx<'_>, ar: &mut Archive<'_>, out: &mut Extracted) -> Res {
    let body = read_name(ctx, ar, "word/document.xml")?
        .ok_or_else(|| corrupt("word/document.xml missing"))?;
    let t = ooxml_text("word/document.xml", &body)?;
    drop(body);
    ctx.push(out, t, None)?;
    for (prefix, label) in [
        ("word/header", "header"),
        ("word/footer", "footer"),
        ("word/footnotes", "footnotes"),
        ("word/endnotes", "endnotes"),
        ("word/comments", "comments"),
    ] {
        for name in names_matching(ar, prefix) {
            ctx.check_deadline()?;
            if let Some(xml) = read_name(ctx, ar, &name)? {
                let t = ooxml_text(&name, &xml)?;
                ctx.push(out, t, Some(Location::Part(label.into())))?;
            }
        }
    }
    core_props(ctx, ar, out)
}

pub(crate) fn pptx(ctx: &mut Ctx<'_>, ar: &mut Archive<'_>, out: &mut Extracted) -> Res {
    let slide_no = |n: &str, prefix: &str| -> u32 {
        n.strip_prefix(prefix)
            .and_then(|r| r.strip_suffix(".xml"))
            .and_then(|d| d.parse().ok())
            .unwrap_or(0)
    };
    let mut slides = names_matching(ar, "ppt/slides/slide");
    slides.sort_by_key(|n| slide_no(n, "ppt/slides/slide"));
    for name in slides {
        ctx.check_deadline()?;
        if let Some(xml) = read_name(ctx, ar, &name)? {
            let t = ooxml_text(&name, &xml)?;
            ctx.push(
                out,
                t,
                Some(Location::Slide(slide_no(&name, "ppt/slides/slide"))),
            )?;
        }
    }
    for (prefix, label) in [
        ("ppt/notesSlides/notesSlide", "notes"),
        ("ppt/comments/", "comments"),
    ] {
        for name in names_matching(ar, prefix) {
            ctx.check_deadline()?;
            if let Some(xml) = read_name(ctx, ar, &name)? {
                let t = ooxml_text(&name, &xml)?;
                let loc = match slide_no(&name, prefix) {
                    0 => label.to_owned(),
                    n => format!("{label} slide {n}"),
                };
                ctx.push(out, t, Some(Location::Part(loc)))?;
            }
        }
    }
    core_props(ctx, ar, out)
}

/// Shared strings: the text of each `si`, without phonetic runs.
fn shared_strings(xml: &[u8]) -> Res<Vec<String>> {
    let part = "xl/sharedStrings.xml";
    let mut r = reader(xml);
    let mut v = Vec::new();
    let mut cur = String::new();
    let (mut in_t, mut in_rph) = (false, false);
    loop {
        match r.read_event().map_err(|e| xml_err(part, e))? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"t" => in_t = true,
                b"rPh" => in_rph = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_t = false,
                b"rPh" => in_rph = false,
                b"si" => v.push(std::mem::take(&mut cur)),
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == b"si" => v.push(String::new()),
            Event::Text(e) if in_t && !in_rph => {
                cur.push_str(&e.unescape().map_err(|e| xml_err(part, e))?)
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(v)
}

/// Resolves relationship ids of `rels_xml` to member paths, relative to `base` ("xl/").
fn rels(xml: &[u8], base: &str) -> HashMap<String, String> {
    let mut m = HashMap::new();
    let mut r = reader(xml);
    while let Ok(ev) = r.read_event() {
        match ev {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                if let (Some(id), Some(t)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                    let path = match t.strip_prefix('/') {
                        Some(abs) => abs.to_owned(),
                        None => format!("{base}{t}"),
                    };
                    m.insert(id, path);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    m
}

pub(crate) fn xlsx(ctx: &mut Ctx<'_>, ar: &mut Archive<'_>, out: &mut Extracted) -> Res {
    let wb =
        read_name(ctx, ar, "xl/workbook.xml")?.ok_or_else(|| corrupt("xl/workbook.xml missing"))?;
    let rel = read_name(ctx, ar, "xl/_rels/workbook.xml.rels")?
        .map(|x| rels(&x, "xl/"))
        .unwrap_or_default();
    let mut sheets: Vec<(String, String)> = Vec::new();
    let mut date1904 = false;
    {
        let mut r = reader(&wb);
        loop {
            match r.read_event().map_err(|e| xml_err("xl/workbook.xml", e))? {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"workbookPr" => {
                    date1904 = matches!(attr(&e, b"date1904").as_deref(), Some("1" | "true"));
                }
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"sheet" => {
                    let name = attr(&e, b"name").unwrap_or_default();
                    let path = attr(&e, b"id")
                        .and_then(|id| rel.get(&id).cloned())
                        .unwrap_or_else(|| format!("xl/worksheets/sheet{}.xml", sheets.len() + 1));
                    sheets.push((name, path));
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }
    let sst = match read_name(ctx, ar, "xl/sharedStrings.xml")? {
        Some(x) => shared_strings(&x)?,
        None => Vec::new(),
    };
    let dates = DateStyles {
        is_date: match read_name(ctx, ar, "xl/styles.xml")? {
            Some(x) => date_styles(&x),
            None => Vec::new(),
        },
        date1904,
    };
    for (name, path) in sheets {
        ctx.check_deadline()?;
        let Some(xml) = read_name(ctx, ar, &path)? else {
            continue;
        };
        let t = sheet_text(&path, &xml, &sst, &dates)?;
        ctx.push(out, t, Some(Location::Sheet(name)))?;
    }
    for name in names_matching(ar, "xl/comments") {
        if let Some(xml) = read_name(ctx, ar, &name)? {
            let t = ooxml_text(&name, &xml)?;
            ctx.push(out, t, Some(Location::Part("comments".into())))?;
        }
    }
    core_props(ctx, ar, out)
}

/// Which cell styles (`cellXfs` indexes) show numbers as dates: a date of birth is stored as a
/// day number and would otherwise reach the detector as "18264".
struct DateStyles {
    is_date: Vec<bool>,
    date1904: bool,
}

fn date_styles(xml: &[u8]) -> Vec<bool> {
    let mut custom: HashMap<u32, bool> = HashMap::new();
    let mut out = Vec::new();
    let mut in_xfs = false;
    let mut r = reader(xml);
    while let Ok(ev) = r.read_event() {
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, b"numFmtId"), attr(&e, b"formatCode"))
                    {
                        custom.insert(id.parse().unwrap_or(0), is_date_code(&code));
                    }
                }
                b"cellXfs" => in_xfs = true,
                b"xf" if in_xfs => {
                    let id: u32 = attr(&e, b"numFmtId")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    let builtin = matches!(id, 14..=17 | 22 | 27..=36 | 50..=58);
                    out.push(custom.get(&id).copied().unwrap_or(builtin));
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"cellXfs" => in_xfs = false,
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// A number format shows a date when it has day/month/year tokens outside quotes and brackets.
fn is_date_code(code: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    for c in code.chars() {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            'd' | 'D' | 'y' | 'Y' | 'm' | 'M' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// Spreadsheet day number to "dd-mm-yyyy" (with "hh:mm" when it has a time of day).
fn serial_date(v: &str, date1904: bool) -> Option<String> {
    let f: f64 = v.trim().parse().ok()?;
    if !(0.0..2_958_466.0).contains(&f) {
        return None;
    }
    let days = f.floor() as i64;
    let minutes = ((f - f.floor()) * 1440.0).round() as i64;
    // Day 1 is 1900-01-01, and Lotus' phantom 1900-02-29 (day 60) shifts later days by one.
    let unix_days = if date1904 {
        days - 24107
    } else if days >= 60 {
        days - 25569
    } else {
        days - 25568
    };
    let (y, m, d) = civil_from_days(unix_days);
    let mut s = format!("{d:02}-{m:02}-{y:04}");
    if minutes > 0 && minutes < 1440 {
        s.push_str(&format!(" {:02}:{:02}", minutes / 60, minutes % 60));
    }
    Some(s)
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// One worksheet, streamed: cells tab-separated, rows newline-separated; empty cells dropped.
fn sheet_text(part: &str, xml: &[u8], sst: &[String], dates: &DateStyles) -> Res<String> {
    let mut r = reader(xml);
    let mut s = String::new();
    let mut kind: Option<String> = None;
    let mut date_cell = false;
    let mut shown: String;
    let (mut in_v, mut in_is_t) = (false, false);
    let mut val = String::new();
    let mut row_has = false;
    loop {
        match r.read_event().map_err(|e| xml_err(part, e))? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"c" => {
                    kind = attr(&e, b"t");
                    date_cell = attr(&e, b"s")
                        .and_then(|i| i.parse::<usize>().ok())
                        .is_some_and(|i| dates.is_date.get(i).copied().unwrap_or(false));
                    val.clear();
                }
                b"v" => in_v = true,
                b"t" => in_is_t = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"v" => in_v = false,
                b"t" => in_is_t = false,
                b"c" => {
                    let cell = match kind.as_deref() {
                        Some("s") => val
                            .trim()
                            .parse::<usize>()
                            .ok()
                            .and_then(|i| sst.get(i))
                            .map(String::as_str),
                        None | Some("n") if date_cell => match serial_date(&val, dates.date1904) {
                            Some(d) => {
                                shown = d;
                                Some(shown.as_str())
                            }
                            None => Some(val.as_str()),
                        },
                        _ => Some(val.as_str()),
                    };
                    if let Some(c) = cell.filter(|c| !c.trim().is_empty()) {
                        if row_has {
                            s.push('\t');
                        }
                        s.push_str(c);
                        row_has = true;
                    }
                }
                b"row" => {
                    if row_has {
                        s.push('\n');
                    }
                    row_has = false;
                }
                _ => {}
            },
            Event::Text(e) if in_v || in_is_t => {
                val.push_str(&e.unescape().map_err(|e| xml_err(part, e))?)
            }
            Event::Eof => break,
            _ => {}
        }
    }
    while s.ends_with('\n') {
        s.pop();
    }
    Ok(s)
}

/// OpenDocument: content.xml (body), styles.xml (headers/footers), meta.xml (author).
pub(crate) fn odf(ctx: &mut Ctx<'_>, ar: &mut Archive<'_>, out: &mut Extracted) -> Res {
    // A password-protected ODF file is a normal ZIP whose parts are encrypted, as the manifest says.
    if let Some(m) = read_name(ctx, ar, "META-INF/manifest.xml")?
        && memchr::memmem::find(&m, b"encryption-data").is_some()
    {
        return Err(crate::Status::Encrypted);
    }
    let content =
        read_name(ctx, ar, "content.xml")?.ok_or_else(|| corrupt("content.xml missing"))?;
    odf_text(ctx, "content.xml", &content, b"body", out)?;
    drop(content);
    if let Some(styles) = read_name(ctx, ar, "styles.xml")? {
        odf_text(ctx, "styles.xml", &styles, b"master-styles", out)?;
    }
    if let Some(meta) = read_name(ctx, ar, "meta.xml")? {
        let mut r = reader(&meta);
        let mut lines = Vec::new();
        let mut field: Option<&'static str> = None;
        loop {
            match r.read_event().map_err(|e| xml_err("meta.xml", e))? {
                Event::Start(e) => {
                    field = match e.local_name().as_ref() {
                        b"initial-creator" => Some("initial-creator"),
                        b"creator" => Some("creator"),
                        b"title" => Some("title"),
                        b"subject" => Some("subject"),
                        b"description" => Some("description"),
                        _ => None,
                    }
                }
                Event::Text(t) => {
                    if let Some(f) = field {
                        let v = t.unescape().map_err(|e| xml_err("meta.xml", e))?;
                        if !v.trim().is_empty() {
                            lines.push(format!("{f}: {}", v.trim()));
                        }
                    }
                }
                Event::End(_) => field = None,
                Event::Eof => break,
                _ => {}
            }
        }
        ctx.push(
            out,
            lines.join("\n"),
            Some(Location::Part("properties".into())),
        )?;
    }
    Ok(())
}

/// Text of an ODF part below the element `root` (office:body / office:master-styles). In a
/// spreadsheet each `table:table` becomes its own segment named after the sheet, in a presentation
/// each `draw:page` one per slide.
fn odf_text(ctx: &mut Ctx<'_>, part: &str, xml: &[u8], root: &[u8], out: &mut Extracted) -> Res {
    let mut r = reader(xml);
    let mut tb = Tb::default();
    let mut inside = 0u32;
    let (mut spreadsheet, mut presentation) = (false, false);
    let mut slides = 0u32;
    let mut current: Option<Location> = None;
    let mut skip = 0u32;
    let loc_default = if root == b"body" {
        None
    } else {
        Some(Location::Part("header/footer".into()))
    };
    loop {
        let ev = r.read_event().map_err(|e| xml_err(part, e))?;
        match ev {
            Event::Start(e) => {
                let ln = e.local_name();
                let ln = ln.as_ref();
                if ln == root {
                    inside += 1;
                    continue;
                }
                if inside == 0 {
                    continue;
                }
                if skip > 0 || matches!(ln, b"tracked-changes-hidden" | b"binary-data") {
                    skip += 1;
                    continue;
                }
                match ln {
                    b"spreadsheet" => spreadsheet = true,
                    b"presentation" => presentation = true,
                    b"table" if spreadsheet => {
                        let t = tb.take();
                        ctx.push(out, t, current.take().or(loc_default.clone()))?;
                        current = attr(&e, b"name").map(Location::Sheet);
                    }
                    b"page" if presentation => {
                        let t = tb.take();
                        ctx.push(out, t, current.take().or(loc_default.clone()))?;
                        slides += 1;
                        current = Some(Location::Slide(slides));
                    }
                    b"table-cell" | b"covered-table-cell" => tb.cell_start(),
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if inside == 0 || skip > 0 {
                    continue;
                }
                match e.local_name().as_ref() {
                    b"tab" => tb.tab(),
                    b"line-break" => tb.newline(),
                    b"s" => tb.text(" "),
                    b"p" | b"h" => tb.para_end(),
                    _ => {}
                }
            }
            Event::End(e) => {
                let ln = e.local_name();
                let ln = ln.as_ref();
                if ln == root {
                    inside = inside.saturating_sub(1);
                    continue;
                }
                if inside == 0 {
                    continue;
                }
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match ln {
                    b"p" | b"h" => tb.para_end(),
                    b"table-cell" | b"covered-table-cell" => tb.cell_end(),
                    b"table-row" => tb.row_end(),
                    b"footer" | b"header" | b"footer-left" | b"header-left" | b"note-citation" => {
                        tb.newline()
                    }
                    _ => {}
                }
            }
            Event::Text(e) if inside > 0 && skip == 0 => {
                let t = e.unescape().map_err(|e| xml_err(part, e))?;
                if !t.trim().is_empty() || tb.s.ends_with(|c: char| !c.is_whitespace()) {
                    tb.text(&t);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if ctx.text_full() {
            break;
        }
    }
    let t = tb.take();
    ctx.push(out, t, current.or(loc_default))
}
