//! Office Open XML (DOCX, XLSX, PPTX) and OpenDocument (ODT, ODS, ODP) text, streamed from their
//! XML parts with quick-xml. Spreadsheets are streamed cell by cell: declared dimensions and
//! repeat counts are never expanded, so a far-off cell costs nothing.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::zipc::{Archive, read_name};
use crate::{Columns, Ctx, Extracted, Location, Mark, Part, Pos, Res, corrupt};

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
    /// Where paragraphs and cells begin, when the caller wants locations.
    layout: Option<Layout>,
}

/// A table being read: its number, the current row and cell, and where the next row and cell start (ODF repeats).
#[derive(Clone, Copy)]
struct Open {
    table: u32,
    row: u32,
    col: u32,
    next_row: u32,
    next_col: u32,
}

/// Paragraph and table positions of a word-processing body, or cell positions of a spreadsheet, as marks.
#[derive(Default)]
struct Layout {
    marks: Vec<Mark>,
    paragraphs: u32,
    tables: u32,
    /// Open tables, innermost last.
    open: Vec<Open>,
    /// Spreadsheet mode: a mark at the first text of each cell, none for paragraphs.
    cells: bool,
    /// The current cell (row, column), and whether its first text is still to come (spreadsheet mode).
    cell: (u32, u32),
    cell_pending: bool,
}

impl Layout {
    fn mark(&mut self, at: usize, pos: Pos) {
        // An empty paragraph leaves a mark that the next one, at the same offset, replaces.
        if let Some(last) = self.marks.last_mut()
            && last.at == at
        {
            last.pos = pos;
            return;
        }
        self.marks.push(Mark { at, pos });
    }

    fn paragraph(&mut self, at: usize) {
        if self.cells {
            return;
        }
        self.paragraphs += 1;
        let pos = match self.open.last() {
            Some(t) => Pos::TableCell {
                paragraph: self.paragraphs,
                table: t.table,
                row: t.row,
                col: t.col,
            },
            None => Pos::Paragraph(self.paragraphs),
        };
        self.mark(at, pos);
    }

    fn table_start(&mut self) {
        self.tables += 1;
        self.open.push(Open {
            table: self.tables,
            row: 0,
            col: 0,
            next_row: 1,
            next_col: 1,
        });
    }

    fn table_end(&mut self) {
        self.open.pop();
    }

    /// A row starts; `repeat` is how many identical rows it stands for (ODF `number-rows-repeated`).
    fn row_start(&mut self, repeat: u32) {
        if let Some(t) = self.open.last_mut() {
            t.row = t.next_row;
            t.next_row = t.row.saturating_add(repeat.max(1));
            t.col = 0;
            t.next_col = 1;
        }
    }

    /// A cell starts; `repeat` is how many identical cells it stands for (ODF `number-columns-repeated`).
    fn cell_start(&mut self, repeat: u32) {
        if let Some(t) = self.open.last_mut() {
            t.col = t.next_col;
            t.next_col = t.col.saturating_add(repeat.max(1));
            self.cell = (t.row, t.col);
            self.cell_pending = self.cells;
        }
    }

    /// Called before text is appended at `at`: spreadsheet mode marks the first text of each cell, and text
    /// after a line break inside a cell.
    fn before_text(&mut self, at: usize, after_break: bool) {
        if self.cells && (self.cell_pending || after_break) && self.cell.0 > 0 {
            self.cell_pending = false;
            let (row, col) = self.cell;
            self.mark(at, Pos::Cell { row, col });
        }
    }
}

impl Tb {
    fn with_layout(cells: bool) -> Self {
        Tb {
            layout: Some(Layout {
                cells,
                ..Layout::default()
            }),
            ..Tb::default()
        }
    }

    fn text(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        let after_break = self.pending_nl;
        if self.pending_nl {
            self.s.push('\n');
            self.pending_nl = false;
        }
        if let Some(l) = self.layout.as_mut() {
            l.before_text(self.s.len(), after_break);
        }
        self.s.push_str(t);
    }

    fn paragraph_start(&mut self) {
        let at = self.s.len();
        if let Some(l) = self.layout.as_mut() {
            l.paragraph(at);
        }
    }

    fn table_start(&mut self) {
        if let Some(l) = self.layout.as_mut() {
            l.table_start();
        }
    }

    fn table_end(&mut self) {
        if let Some(l) = self.layout.as_mut() {
            l.table_end();
        }
    }

    fn row_start(&mut self, repeat: u32) {
        if let Some(l) = self.layout.as_mut() {
            l.row_start(repeat);
        }
    }

    /// The marks collected since the last call.
    fn take_marks(&mut self) -> Vec<Mark> {
        self.layout
            .as_mut()
            .map(|l| std::mem::take(&mut l.marks))
            .unwrap_or_default()
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
    fn cell_start(&mut self, repeat: u32) {
        self.cells += 1;
        if let Some(l) = self.layout.as_mut() {
            l.cell_start(repeat);
        }
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
    ooxml_text_marked(part, xml, false).map(|(t, _)| t)
}

/// [`ooxml_text`], with paragraph and table-cell marks when `layout` (a DOCX body).
fn ooxml_text_marked(part: &str, xml: &[u8], layout: bool) -> Res<(String, Vec<Mark>)> {
    let mut r = reader(xml);
    let mut tb = if layout {
        Tb::with_layout(false)
    } else {
        Tb::default()
    };
    let mut in_t = false;
    // `w:tab` inside `w:tabs` (paragraph properties) is a tab stop, not text.
    let mut in_tabs = false;
    loop {
        match r.read_event().map_err(|e| xml_err(part, e))? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"t" | b"delText" => in_t = true,
                b"tabs" => in_tabs = true,
                b"tc" => tb.cell_start(1),
                b"p" => tb.paragraph_start(),
                b"tbl" => tb.table_start(),
                b"tr" => tb.row_start(1),
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
                b"p" => {
                    tb.paragraph_start();
                    tb.para_end()
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"t" | b"delText" => in_t = false,
                b"tabs" => in_tabs = false,
                b"p" => tb.para_end(),
                b"tc" => tb.cell_end(),
                b"tr" => tb.row_end(),
                b"tbl" => tb.table_end(),
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
    let marks = tb.take_marks();
    Ok((tb.take(), marks))
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
        Some(Location::Part(Part::Properties)),
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
    let (t, marks) = ooxml_text_marked("word/document.xml", &body, true)?;
    drop(body);
    ctx.push_marked(out, t, None, marks, None)?;
    for (prefix, label) in [
        ("word/header", Part::Header),
        ("word/footer", Part::Footer),
        ("word/footnotes", Part::Footnotes),
        ("word/endnotes", Part::Endnotes),
        ("word/comments", Part::Comments),
    ] {
        for name in names_matching(ar, prefix) {
            ctx.check_deadline()?;
            if let Some(xml) = read_name(ctx, ar, &name)? {
                let t = ooxml_text(&name, &xml)?;
                ctx.push(out, t, Some(Location::Part(label)))?;
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
        ("ppt/notesSlides/notesSlide", Part::Notes),
        ("ppt/comments/", Part::Comments),
    ] {
        for name in names_matching(ar, prefix) {
            ctx.check_deadline()?;
            if let Some(xml) = read_name(ctx, ar, &name)? {
                let t = ooxml_text(&name, &xml)?;
                let loc = match (label, slide_no(&name, prefix)) {
                    (Part::Notes, n) if n > 0 => Location::Notes(n),
                    _ => Location::Part(label),
                };
                ctx.push(out, t, Some(loc))?;
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
        let (t, marks) = sheet_text(&path, &xml, &sst, &dates)?;
        ctx.push_marked(
            out,
            t,
            Some(Location::Sheet(name)),
            marks,
            Some(Columns::Tabs),
        )?;
    }
    for name in names_matching(ar, "xl/comments") {
        if let Some(xml) = read_name(ctx, ar, &name)? {
            let t = ooxml_text(&name, &xml)?;
            ctx.push(out, t, Some(Location::Part(Part::Comments)))?;
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

/// Row and column of a cell reference such as `B7` (either may be absent).
fn cell_ref(r: &str) -> (Option<u32>, Option<u32>) {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    let col = (letters > 0 && letters <= 3).then(|| {
        r.bytes().take(letters).fold(0u32, |n, b| {
            n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1
        })
    });
    (r[letters..].parse().ok(), col)
}

/// One worksheet, streamed: cells tab-separated, rows newline-separated; empty cells dropped. The marks say where
/// cells are: one where the position does not follow from the tabs and newlines (a skipped row or cell).
fn sheet_text(
    part: &str,
    xml: &[u8],
    sst: &[String],
    dates: &DateStyles,
) -> Res<(String, Vec<Mark>)> {
    let mut r = reader(xml);
    let mut s = String::new();
    let mut marks: Vec<Mark> = Vec::new();
    // The current row and cell, and where the next written cell would be counted without a mark.
    let (mut row_no, mut col_no) = (0u32, 0u32);
    let mut implied: Option<(u32, u32)> = None;
    let mut kind: Option<String> = None;
    let mut date_cell = false;
    let mut shown: String;
    let (mut in_v, mut in_is_t) = (false, false);
    let mut val = String::new();
    let mut row_has = false;
    loop {
        match r.read_event().map_err(|e| xml_err(part, e))? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"row" => {
                    row_no = attr(&e, b"r")
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(row_no.saturating_add(1));
                    col_no = 0;
                }
                b"c" => {
                    col_no = attr(&e, b"r")
                        .and_then(|v| cell_ref(v.trim()).1)
                        .unwrap_or(col_no.saturating_add(1));
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
                        let at = s.len();
                        let here = Pos::Cell {
                            row: row_no,
                            col: col_no,
                        };
                        if implied != Some((row_no, col_no)) {
                            marks.push(Mark { at, pos: here });
                        }
                        // A tab or line break inside the cell would be counted as the next cell or row.
                        for (i, _) in c.match_indices(['\t', '\n']) {
                            marks.push(Mark {
                                at: at + i + 1,
                                pos: here,
                            });
                        }
                        s.push_str(c);
                        row_has = true;
                        implied = Some((row_no, col_no.saturating_add(1)));
                    }
                }
                b"row" => {
                    if row_has {
                        s.push('\n');
                        implied = Some((row_no.saturating_add(1), 1));
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
    Ok((s, marks))
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
            Some(Location::Part(Part::Properties)),
        )?;
    }
    Ok(())
}

/// Text of an ODF part below the element `root` (office:body / office:master-styles). In a
/// spreadsheet each `table:table` becomes its own segment named after the sheet, in a presentation
/// each `draw:page` one per slide.
fn odf_text(ctx: &mut Ctx<'_>, part: &str, xml: &[u8], root: &[u8], out: &mut Extracted) -> Res {
    let mut r = reader(xml);
    // Paragraph and table marks in a text body; cell marks once the body turns out to be a spreadsheet.
    let mut tb = if root == b"body" {
        Tb::with_layout(false)
    } else {
        Tb::default()
    };
    let mut inside = 0u32;
    let (mut spreadsheet, mut presentation) = (false, false);
    let mut slides = 0u32;
    let mut current: Option<Location> = None;
    let mut skip = 0u32;
    let loc_default = if root == b"body" {
        None
    } else {
        Some(Location::Part(Part::HeaderFooter))
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
                    b"spreadsheet" => {
                        spreadsheet = true;
                        if let Some(l) = tb.layout.as_mut() {
                            l.cells = true;
                        }
                    }
                    b"presentation" => {
                        presentation = true;
                        tb.layout = None;
                    }
                    b"table" if spreadsheet => {
                        let marks = tb.take_marks();
                        let t = tb.take();
                        ctx.push_marked(
                            out,
                            t,
                            current.take().or(loc_default.clone()),
                            marks,
                            None,
                        )?;
                        current = attr(&e, b"name").map(Location::Sheet);
                        tb.table_start();
                    }
                    b"table" => tb.table_start(),
                    b"page" if presentation => {
                        let t = tb.take();
                        ctx.push(out, t, current.take().or(loc_default.clone()))?;
                        slides += 1;
                        current = Some(Location::Slide(slides));
                    }
                    b"table-row" => tb.row_start(repeat(&e, b"number-rows-repeated")),
                    b"table-cell" | b"covered-table-cell" => {
                        tb.cell_start(repeat(&e, b"number-columns-repeated"))
                    }
                    b"p" | b"h" => tb.paragraph_start(),
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
                    b"p" | b"h" => {
                        tb.paragraph_start();
                        tb.para_end()
                    }
                    // Empty rows and cells add no text, only count.
                    b"table-row" => tb.row_start(repeat(&e, b"number-rows-repeated")),
                    b"table-cell" | b"covered-table-cell" => {
                        if let Some(l) = tb.layout.as_mut() {
                            l.cell_start(repeat(&e, b"number-columns-repeated"));
                        }
                    }
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
                    b"table" => tb.table_end(),
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
    let marks = tb.take_marks();
    let t = tb.take();
    ctx.push_marked(out, t, current.or(loc_default), marks, None)
}

/// An ODF repeat count (`number-columns-repeated`, `number-rows-repeated`); 1 when absent.
fn repeat(e: &BytesStart<'_>, name: &[u8]) -> u32 {
    attr(e, name)
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1)
}
