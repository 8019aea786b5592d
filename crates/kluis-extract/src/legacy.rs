//! Legacy binary Office files: Word 97-2003 (.doc) from its piece table, PowerPoint 97-2003 (.ppt) from its text records, Excel 97-2003 (.xls) through calamine.
//!
//! Word and PowerPoint are read here, with bounds checks on every offset a file declares about itself, from the
//! OLE streams `msg` opens; Excel's BIFF (shared strings split over CONTINUE records, RK numbers, formulas) is left
//! to calamine, after a walk over its records has checked that no sheet is too large to hold densely. References: [MS-DOC] 2.4.1 (retrieving text), 2.5.1 (FIB); [MS-PPT] 2.3 (records), 2.9 (text).

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use encoding_rs::WINDOWS_1252;

use crate::msg::{Cf, read_stream};
use crate::{Columns, Ctx, Extracted, Location, Mark, Part, Pos, Res, Status, corrupt};

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

// ---------------------------------------------------------------------------------------------------------------
// Word

/// `FibBase.wIdent` of every Word binary file.
const WORD_IDENT: u16 = 0xA5EC;
/// Highest `nFib` of Word 6.0/95 (101..=105), whose FIB has another layout and is not read; Word 97 is 0x00C1.
const NFIB_WORD95: u16 = 0x0069;
const F_ENCRYPTED: u16 = 0x0100;
const F_WHICH_TBL_STM: u16 = 0x0200;
/// Index of `fcClx` among the FIB's (fc, lcb) pairs.
const FC_CLX: usize = 33;
/// Index of `fcPlcfBtePapx` (where the paragraph properties are) among the FIB's (fc, lcb) pairs.
const FC_PLCF_BTE_PAPX: usize = 13;
/// Paragraph-property pages (512 bytes each) read to find table rows; beyond that rows end in tabs.
const MAX_FKP_PAGES: usize = 65_536;
/// Field nesting tracked; deeper fields are still skipped correctly by counting.
const MAX_FIELD_DEPTH: usize = 64;

/// The parts of a Word document's text, in character-position order after the main text ([MS-DOC] 2.4.1:
/// FibRgLw97 `ccpFtn`, `ccpHdd`, `ccpAtn`, `ccpEdn`, `ccpTxbx`, `ccpHdrTxbx`, at these `rgLw` indices).
const PARTS: [(usize, Part); 6] = [
    (4, Part::Footnotes),
    (5, Part::HeaderFooter),
    (7, Part::Comments),
    (8, Part::Endnotes),
    (9, Part::TextBoxes),
    (10, Part::HeaderTextBoxes),
];

/// A `.doc`: the FIB says where the piece table is, the piece table says where each run of text is.
pub(crate) fn doc(ctx: &mut Ctx<'_>, cf: &mut Cf<'_>, out: &mut Extracted) -> Res {
    let wd = read_stream(ctx, cf, "/WordDocument")?
        .ok_or_else(|| corrupt("WordDocument stream missing"))?;
    let cut = || corrupt("the Word file header (FIB) is cut short");
    match u16_at(&wd, 0).ok_or_else(cut)? {
        WORD_IDENT => {}
        0xA59B | 0xA5DB => {
            return Err(Status::Unsupported(
                "Word 1.x/2.0 documents are not read; save as .docx".into(),
            ));
        }
        _ => return Err(corrupt("not a Word document (unknown signature)")),
    }
    let nfib = u16_at(&wd, 2).ok_or_else(cut)?;
    let flags = u16_at(&wd, 0x0A).ok_or_else(cut)?;
    if flags & F_ENCRYPTED != 0 {
        // Both real encryption (RC4) and XOR obfuscation set this flag; either way the text is unreadable.
        return Err(Status::Encrypted);
    }
    if nfib <= NFIB_WORD95 {
        return Err(Status::Unsupported(
            "Word 6.0/95 documents are not read; save as .docx".into(),
        ));
    }
    // FibBase (32 bytes), then csw + fibRgW, cslw + fibRgLw, cbRgFcLcb + fibRgFcLcbBlob.
    let csw = usize::from(u16_at(&wd, 32).ok_or_else(cut)?);
    let lw_at = 34 + csw * 2;
    let cslw = usize::from(u16_at(&wd, lw_at).ok_or_else(cut)?);
    let rglw = lw_at + 2;
    let lw = |i: usize| -> Option<u32> {
        if i < cslw {
            u32_at(&wd, rglw + i * 4)
        } else {
            None
        }
    };
    let fc_at = rglw + cslw * 4;
    let pairs = usize::from(u16_at(&wd, fc_at).ok_or_else(cut)?);
    if pairs <= FC_CLX {
        return Err(cut());
    }
    let pair_at = fc_at + 2 + FC_CLX * 8;
    let fc_clx = u32_at(&wd, pair_at).ok_or_else(cut)? as usize;
    let lcb_clx = u32_at(&wd, pair_at + 4).ok_or_else(cut)? as usize;
    let ccp_text = lw(3).ok_or_else(cut)?;
    let bte_at = fc_at + 2 + FC_PLCF_BTE_PAPX * 8;
    let (fc_bte, lcb_bte) = (u32_at(&wd, bte_at), u32_at(&wd, bte_at + 4));

    let table_name = if flags & F_WHICH_TBL_STM != 0 {
        "/1Table"
    } else {
        "/0Table"
    };
    let table = read_stream(ctx, cf, table_name)?
        .ok_or_else(|| corrupt(format!("{} stream missing", &table_name[1..])))?;
    let clx = fc_clx
        .checked_add(lcb_clx)
        .and_then(|end| table.get(fc_clx..end))
        .ok_or_else(|| corrupt("the piece table lies outside the table stream"))?;
    let plc = piece_table(clx)?;
    let rows = match (fc_bte, lcb_bte) {
        (Some(fc), Some(lcb)) => RowEnds::read(&wd, &table, fc as usize, lcb as usize),
        _ => RowEnds::default(),
    };

    // Where each part of the text begins, in character positions.
    let mut bounds: Vec<(u32, Option<Location>)> = vec![(0, None)];
    let mut cp = ccp_text;
    for (i, label) in PARTS {
        let n = lw(i).unwrap_or(0);
        if n > 0 {
            bounds.push((cp, Some(Location::Part(label))));
        }
        cp = cp.saturating_add(n);
    }

    let mut w = WordText::new(ctx.text_left(), bounds);
    let r = read_pieces(ctx, &wd, plc, &rows, &mut w);
    for (text, loc) in w.finish() {
        ctx.push(out, text, loc)?;
    }
    r
}

/// The `PlcPcd` inside a `Clx`: skips the `Prc` entries (property modifiers) before it.
fn piece_table(clx: &[u8]) -> Res<&[u8]> {
    let damaged = || corrupt("damaged piece table");
    let mut at = 0usize;
    loop {
        match clx.get(at) {
            Some(0x01) => {
                let cb = usize::from(u16_at(clx, at + 1).ok_or_else(damaged)?);
                at += 3 + cb;
            }
            Some(0x02) => {
                let lcb = u32_at(clx, at + 1).ok_or_else(damaged)? as usize;
                let start = at + 5;
                return start
                    .checked_add(lcb)
                    .and_then(|end| clx.get(start..end))
                    .ok_or_else(damaged);
            }
            _ => return Err(damaged()),
        }
    }
}

/// Decodes every piece into `w`. Pieces are (CP range, file offset, 8-bit or UTF-16); [MS-DOC] 2.9.73 FcCompressed.
fn read_pieces(ctx: &Ctx<'_>, wd: &[u8], plc: &[u8], rows: &RowEnds, w: &mut WordText) -> Res {
    if plc.len() < 4 || !(plc.len() - 4).is_multiple_of(12) {
        return Err(corrupt("damaged piece table"));
    }
    let n = (plc.len() - 4) / 12;
    let pcd_base = 4 * (n + 1);
    // Honest pieces do not overlap, so together they are at most the stream's size. Pieces that all point at the
    // same bytes (and decode to marks that add no text) would otherwise cost pieces × stream size.
    let budget = wd.len().saturating_mul(2).saturating_add(1 << 20);
    let mut decoded = 0usize;
    for i in 0..n {
        if w.full() {
            return Ok(());
        }
        if i % 1024 == 1023 {
            ctx.check_deadline()?;
        }
        let (Some(cp0), Some(cp1), Some(fc)) = (
            u32_at(plc, i * 4),
            u32_at(plc, (i + 1) * 4),
            u32_at(plc, pcd_base + i * 8 + 2),
        ) else {
            return Err(corrupt("damaged piece table"));
        };
        if cp1 < cp0 {
            return Err(corrupt("damaged piece table (positions out of order)"));
        }
        let count = (cp1 - cp0) as usize;
        let compressed = fc & 0x4000_0000 != 0;
        let fc = (fc & 0x3FFF_FFFF) as usize;
        let (start, len) = if compressed {
            (fc / 2, count)
        } else {
            (fc, count.saturating_mul(2))
        };
        let Some(bytes) = start.checked_add(len).and_then(|end| wd.get(start..end)) else {
            return Err(corrupt(
                "the document is cut short (text lies past the end of the file)",
            ));
        };
        decoded = decoded.saturating_add(len);
        if decoded > budget {
            return Err(corrupt(
                "damaged piece table (pieces repeat far beyond the file's size)",
            ));
        }
        w.seek(cp0);
        if compressed {
            // Windows-1252 maps every byte to exactly one character, so character positions stay in step.
            let (t, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            for (k, c) in t.chars().enumerate() {
                w.put(c, 1, c == '\u{07}' && rows.contains(start + k));
            }
        } else {
            let units = bytes
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]));
            let mut pos = start;
            for c in char::decode_utf16(units) {
                let (c, n) = match c {
                    Ok(c) => (c, c.len_utf16()),
                    Err(_) => (char::REPLACEMENT_CHARACTER, 1),
                };
                w.put(c, n as u32, c == '\u{07}' && rows.contains(pos));
                pos += 2 * n;
            }
        }
    }
    Ok(())
}

/// Byte ranges of the WordDocument stream whose paragraphs end table rows (TTP paragraphs, [MS-DOC] 2.4.3): the
/// cell mark (0x07) inside one ends a row, so it becomes a newline instead of a tab. Read from the paragraph
/// property pages (PlcBtePapx, PapxFkp); anything unreadable there only costs the row breaks.
#[derive(Default)]
struct RowEnds(Vec<(usize, usize)>);

impl RowEnds {
    fn read(wd: &[u8], table: &[u8], fc: usize, lcb: usize) -> RowEnds {
        let mut v = Vec::new();
        let Some(plc) = fc.checked_add(lcb).and_then(|end| table.get(fc..end)) else {
            return RowEnds(v);
        };
        if plc.len() < 4 || !(plc.len() - 4).is_multiple_of(8) {
            return RowEnds(v);
        }
        let n = (plc.len() - 4) / 8;
        let mut pages: Vec<usize> = (0..n)
            .filter_map(|i| u32_at(plc, 4 * (n + 1) + 4 * i))
            .map(|pn| (pn & 0x003F_FFFF) as usize)
            .collect();
        pages.sort_unstable();
        pages.dedup();
        for pn in pages.into_iter().take(MAX_FKP_PAGES) {
            let Some(page) = pn
                .checked_mul(512)
                .and_then(|at| wd.get(at..at.checked_add(512)?))
            else {
                continue;
            };
            let crun = usize::from(page[511]);
            if 4 * (crun + 1) + 13 * crun > 511 {
                continue;
            }
            for i in 0..crun {
                let (Some(a), Some(b)) = (u32_at(page, 4 * i), u32_at(page, 4 * (i + 1))) else {
                    break;
                };
                let bx = page[4 * (crun + 1) + 13 * i];
                if bx != 0 && papx_is_row_end(page, 2 * usize::from(bx)) {
                    v.push((a as usize, b as usize));
                }
            }
        }
        v.sort_unstable();
        RowEnds(v)
    }

    fn contains(&self, pos: usize) -> bool {
        let i = self.0.partition_point(|r| r.0 <= pos);
        i > 0 && pos < self.0[i - 1].1
    }
}

/// Whether the paragraph properties at `at` in an FKP page set sprmPFTtp or sprmPFInnerTtp.
fn papx_is_row_end(page: &[u8], at: usize) -> bool {
    let Some(&cb) = page.get(at) else {
        return false;
    };
    let (start, len) = if cb != 0 {
        (at + 1, 2 * usize::from(cb) - 1)
    } else {
        match page.get(at + 1) {
            Some(&cb) => (at + 2, 2 * usize::from(cb)),
            None => return false,
        }
    };
    let Some(d) = page.get(start..start + len) else {
        return false;
    };
    // The style index (2 bytes), then the property modifiers, each an opcode whose top 3 bits give the
    // operand's size.
    let mut at = 2;
    while let Some(sprm) = u16_at(d, at) {
        let op = at + 2;
        if matches!(sprm, 0x2417 | 0x244C) {
            return d.get(op).is_some_and(|&x| x != 0);
        }
        let size = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            // sprmTDefTable: a 2-byte count of the bytes after it, plus one.
            _ if sprm == 0xD608 => match u16_at(d, op) {
                Some(cb) => 1 + usize::from(cb),
                None => return false,
            },
            // sprmPChgTabs with its long form: not worth decoding here.
            _ if sprm == 0xC615 => return false,
            _ => match d.get(op) {
                Some(&cb) => 1 + usize::from(cb),
                None => return false,
            },
        };
        at = op + size;
    }
    false
}

/// Turns Word's character stream into plain text per part: paragraph and cell marks become newlines and tabs,
/// field instructions (`HYPERLINK "…"`) are dropped while their results are kept, object anchors are dropped.
struct WordText {
    left: usize,
    bounds: Vec<(u32, Option<Location>)>,
    part: usize,
    cp: u32,
    fields: Vec<bool>,
    deep_fields: usize,
    cur: String,
    done: Vec<(String, Option<Location>)>,
    total: usize,
}

impl WordText {
    fn new(left: usize, bounds: Vec<(u32, Option<Location>)>) -> Self {
        WordText {
            left,
            bounds,
            part: 0,
            cp: 0,
            fields: Vec::new(),
            deep_fields: 0,
            cur: String::new(),
            done: Vec::new(),
            total: 0,
        }
    }

    /// Past the caller's text budget: `push` cuts the text there and says so.
    fn full(&self) -> bool {
        self.total + self.cur.len() > self.left
    }

    fn seek(&mut self, cp: u32) {
        self.cp = cp;
        self.advance_part();
    }

    fn advance_part(&mut self) {
        while self.part + 1 < self.bounds.len() && self.cp >= self.bounds[self.part + 1].0 {
            self.flush();
            self.part += 1;
            self.fields.clear();
            self.deep_fields = 0;
        }
    }

    fn flush(&mut self) {
        let t = std::mem::take(&mut self.cur);
        self.total += t.len();
        let loc = self.bounds.get(self.part).and_then(|b| b.1.clone());
        match self.done.last_mut() {
            Some((prev, l)) if *l == loc => {
                prev.push('\n');
                prev.push_str(&t);
            }
            _ => self.done.push((t, loc)),
        }
    }

    /// One character of `cps` character positions; `row_end` when it is the mark that ends a table row.
    fn put(&mut self, c: char, cps: u32, row_end: bool) {
        self.advance_part();
        self.cp = self.cp.saturating_add(cps);
        match c {
            '\u{13}' => {
                if self.fields.len() < MAX_FIELD_DEPTH {
                    self.fields.push(true);
                } else {
                    self.deep_fields += 1;
                }
                return;
            }
            '\u{14}' => {
                if self.deep_fields == 0
                    && let Some(top) = self.fields.last_mut()
                {
                    *top = false;
                }
                return;
            }
            '\u{15}' => {
                if self.deep_fields > 0 {
                    self.deep_fields -= 1;
                } else {
                    self.fields.pop();
                }
                return;
            }
            _ => {}
        }
        if self.deep_fields > 0 || self.fields.iter().any(|&instr| instr) {
            return;
        }
        if self.full() {
            return;
        }
        match c {
            '\r' | '\u{0B}' | '\u{0C}' | '\u{0E}' => self.cur.push('\n'),
            '\u{07}' if row_end => {
                if self.cur.ends_with('\t') {
                    self.cur.pop();
                }
                self.cur.push('\n');
            }
            '\u{07}' => self.cur.push('\t'),
            '\t' => self.cur.push('\t'),
            '\u{1E}' => self.cur.push('-'),
            '\u{A0}' => self.cur.push(' '),
            // Anchors of pictures, footnote references, optional hyphens and other marks.
            c if (c as u32) < 0x20 => {}
            c => self.cur.push(c),
        }
    }

    fn finish(mut self) -> Vec<(String, Option<Location>)> {
        self.flush();
        self.done
            .into_iter()
            .map(|(t, l)| (tidy(&t), l))
            .filter(|(t, _)| !t.is_empty())
            .collect()
    }
}

/// Trailing spaces and tabs off each line, runs of blank lines collapsed.
fn tidy(t: &str) -> String {
    let mut s = String::with_capacity(t.len());
    let mut blank = 0;
    for line in t.lines() {
        let l = line.trim_end();
        if l.is_empty() {
            blank += 1;
            continue;
        }
        if !s.is_empty() {
            s.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        s.push_str(l);
    }
    s
}

// ---------------------------------------------------------------------------------------------------------------
// PowerPoint

const RT_SLIDE: u16 = 0x03EE;
const RT_NOTES: u16 = 0x03F0;
const RT_SLIDE_PERSIST_ATOM: u16 = 0x03F3;
const RT_MAIN_MASTER: u16 = 0x03F8;
const RT_SLIDE_LIST_WITH_TEXT: u16 = 0x0FF0;
const RT_TEXT_CHARS_ATOM: u16 = 0x0FA0;
const RT_TEXT_BYTES_ATOM: u16 = 0x0FA8;
const RT_CRYPT_SESSION10: u16 = 0x2F14;
/// `CurrentUserAtom.headerToken` of an encrypted presentation ([MS-PPT] 2.3.2).
const ENCRYPTED_TOKEN: u32 = 0xF3D1_C4DF;
/// Containers tracked for locations; deeper ones are still walked.
const MAX_RECORD_DEPTH: usize = 64;

/// A `.ppt`: walks the record tree of the `PowerPoint Document` stream without recursion, collecting text atoms
/// (each once: placeholder text appears both in the slide list and in the slide's drawing).
pub(crate) fn ppt(ctx: &mut Ctx<'_>, cf: &mut Cf<'_>, out: &mut Extracted) -> Res {
    if let Some(cu) = read_stream(ctx, cf, "/Current User")?
        && u32_at(&cu, 12) == Some(ENCRYPTED_TOKEN)
    {
        return Err(Status::Encrypted);
    }
    let s = read_stream(ctx, cf, "/PowerPoint Document")?
        .ok_or_else(|| corrupt("PowerPoint Document stream missing"))?;
    let left = ctx.text_left();
    let mut parts: Vec<(Location, String)> = Vec::new();
    // Index into `parts` by location, so a presentation of many slides stays linear.
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut total = 0usize;
    // Open containers: (end offset, record type, location of the text inside).
    let mut stack: Vec<(usize, u16, Option<Location>)> = Vec::new();
    let (mut slides, mut listed, mut notes) = (0u32, 0u32, 0u32);
    let mut at = 0usize;
    let mut status = Ok(());
    let mut records = 0usize;
    while at < s.len() {
        records += 1;
        if records.is_multiple_of(4096)
            && let Err(e) = ctx.check_deadline()
        {
            status = Err(e);
            break;
        }
        while stack.last().is_some_and(|c| at >= c.0) {
            stack.pop();
        }
        let (Some(ver_inst), Some(typ), Some(len)) =
            (u16_at(&s, at), u16_at(&s, at + 2), u32_at(&s, at + 4))
        else {
            status = Err(corrupt("the presentation is cut short (record header)"));
            break;
        };
        let body = at + 8;
        let end = body.saturating_add(len as usize);
        if typ == RT_CRYPT_SESSION10 {
            return Err(Status::Encrypted);
        }
        if ver_inst & 0x000F == 0x000F {
            // A container: its children follow directly.
            let loc = match typ {
                RT_SLIDE => {
                    slides += 1;
                    Some(Location::Slide(slides))
                }
                RT_NOTES => {
                    notes += 1;
                    Some(Location::Notes(notes))
                }
                RT_MAIN_MASTER => Some(Location::Part(Part::Master)),
                RT_SLIDE_LIST_WITH_TEXT => {
                    listed = 0;
                    // recInstance: 0 slides, 1 masters, 2 notes.
                    match ver_inst >> 4 {
                        0 => None,
                        1 => Some(Location::Part(Part::Master)),
                        _ => Some(Location::Part(Part::Notes)),
                    }
                }
                _ => None,
            };
            if stack.len() < MAX_RECORD_DEPTH {
                stack.push((end.min(s.len()), typ, loc));
            }
            at = body;
            continue;
        }
        if end > s.len() {
            status = Err(corrupt("the presentation is cut short (record body)"));
            break;
        }
        let data = &s[body..end];
        let text = match typ {
            RT_SLIDE_PERSIST_ATOM => {
                if stack
                    .last()
                    .is_some_and(|c| c.1 == RT_SLIDE_LIST_WITH_TEXT && c.2.is_none())
                {
                    listed += 1;
                }
                None
            }
            RT_TEXT_CHARS_ATOM => {
                let units = data
                    .chunks_exact(2)
                    .map(|p| u16::from_le_bytes([p[0], p[1]]));
                Some(
                    char::decode_utf16(units)
                        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                        .collect::<String>(),
                )
            }
            // Each byte is the low byte of a UTF-16 unit whose high byte is zero: Latin-1.
            RT_TEXT_BYTES_ATOM => Some(data.iter().map(|&b| char::from(b)).collect()),
            _ => None,
        };
        at = end;
        let Some(text) = text else { continue };
        let text: String = text
            .chars()
            .map(|c| match c {
                '\r' | '\u{0B}' => '\n',
                c => c,
            })
            .filter(|&c| c == '\n' || c == '\t' || c >= ' ')
            .collect();
        let text = tidy(&text);
        if text.is_empty() || !seen.insert(text.clone()) {
            continue;
        }
        let loc = stack
            .iter()
            .rev()
            .find_map(|c| match (&c.2, c.1) {
                (Some(l), _) => Some(l.clone()),
                (None, RT_SLIDE_LIST_WITH_TEXT) => Some(Location::Slide(listed.max(1))),
                _ => None,
            })
            .unwrap_or(Location::Part(Part::Document));
        total += text.len() + 1;
        match index.get(&loc.to_string()).and_then(|&i| parts.get_mut(i)) {
            Some((_, t)) => {
                t.push('\n');
                t.push_str(&text);
            }
            None => {
                index.insert(loc.to_string(), parts.len());
                parts.push((loc, text));
            }
        }
        if total > left {
            break;
        }
    }
    // Slides in order, then notes, masters and the rest.
    parts.sort_by_key(|(l, _)| match l {
        Location::Slide(n) => (0, *n),
        _ => (1, 0),
    });
    for (loc, text) in parts {
        ctx.push(out, text, Some(loc))?;
    }
    status
}

// ---------------------------------------------------------------------------------------------------------------
// Excel

/// Largest worksheet area (rows × columns) handed to calamine. It stores every sheet densely, cell by cell over
/// the bounding box of its cells, and reserves what a DIMENSIONS record claims up front: a 6 KB file with one cell
/// in A1 and one in IV65536 costs a gigabyte, and a forged DIMENSIONS record aborts on the allocation.
const MAX_SHEET_CELLS: u64 = 4_000_000;
/// Nesting of BOF/EOF substreams (sheets, embedded charts) tracked before the file is called damaged.
const MAX_SUBSTREAMS: usize = 16;

/// Walks the BIFF records of the workbook stream (no decoding) and checks each substream's DIMENSIONS record and
/// the bounding box of its cells against [`MAX_SHEET_CELLS`], before calamine allocates them.
fn check_sheet_extents(ctx: &mut Ctx<'_>, bytes: &[u8]) -> Res {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| corrupt(format!("damaged OLE file: {e}")))?;
    let path = if cf.is_stream("/Workbook") {
        "/Workbook"
    } else {
        "/Book"
    };
    let Some(s) = read_stream(ctx, &mut cf, path)? else {
        return Ok(());
    };
    // Per open substream: (first row, last row, first column, last column) of its cells.
    let mut boxes: Vec<Option<(u32, u32, u32, u32)>> = Vec::new();
    let mut at = 0usize;
    while let (Some(typ), Some(len)) = (u16_at(&s, at), u16_at(&s, at + 2)) {
        let start = at + 4;
        let Some(d) = s.get(start..start + usize::from(len)) else {
            break;
        };
        at = start + usize::from(len);
        let cell = match typ {
            // FILEPASS: everything after it is encrypted (RC4) or obfuscated (XOR), record headers excepted.
            0x002F => return Err(Status::Encrypted),
            0x0809 => {
                if boxes.len() >= MAX_SUBSTREAMS {
                    return Err(corrupt("damaged workbook (substreams nested too deep)"));
                }
                boxes.push(None);
                None
            }
            0x000A => {
                if let Some(b) = boxes.pop() {
                    check_extent(b)?;
                }
                None
            }
            0x0200 => {
                dimensions(d)?;
                None
            }
            // NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA: row, then column.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                match (u16_at(d, 0), u16_at(d, 2)) {
                    (Some(r), Some(c)) => Some((u32::from(r), u32::from(c), u32::from(c))),
                    _ => None,
                }
            }
            // MULRK: row, first column, ..., last column.
            0x00BD => match (u16_at(d, 0), u16_at(d, 2), d.len().checked_sub(2)) {
                (Some(r), Some(c0), Some(end)) => {
                    let c1 = u16_at(d, end).unwrap_or(c0);
                    Some((u32::from(r), u32::from(c0), u32::from(c1.max(c0))))
                }
                _ => None,
            },
            _ => None,
        };
        if let (Some((r, c0, c1)), Some(b)) = (cell, boxes.last_mut()) {
            *b = Some(match *b {
                None => (r, r, c0, c1),
                Some((r0, r1, a, z)) => (r0.min(r), r1.max(r), a.min(c0), z.max(c1)),
            });
        }
    }
    boxes.into_iter().try_for_each(check_extent)
}

fn check_extent(b: Option<(u32, u32, u32, u32)>) -> Res {
    match b {
        Some((r0, r1, c0, c1)) => check_area(u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1),
        None => Ok(()),
    }
}

fn check_area(rows: u64, cols: u64) -> Res {
    if rows.saturating_mul(cols) > MAX_SHEET_CELLS {
        return Err(Status::LimitExceeded(
            crate::PartialReason::SizeLimit,
            format!(
                "a worksheet spans {rows} rows × {cols} columns; sheets of more than {MAX_SHEET_CELLS} cells are not read"
            ),
        ));
    }
    Ok(())
}

/// A DIMENSIONS record, read the way calamine reads it (which reserves rows × columns from it).
fn dimensions(d: &[u8]) -> Res {
    let (first_row, rows_end, mut first_col, cols_end) = match d.len() {
        10 => (
            u32::from(u16_at(d, 0).unwrap_or(0)),
            u32::from(u16_at(d, 2).unwrap_or(0)),
            u32::from(u16_at(d, 4).unwrap_or(0)),
            u32::from(u16_at(d, 6).unwrap_or(0)),
        ),
        14 | 16 => (
            u32_at(d, 0).unwrap_or(0),
            u32_at(d, 4).unwrap_or(0),
            u32::from(u16_at(d, 8).unwrap_or(0)),
            u32::from(u16_at(d, 10).unwrap_or(0)),
        ),
        // calamine rejects other lengths itself.
        _ => return Ok(()),
    };
    if first_col > 0xFF || cols_end < first_col {
        first_col = 0;
    }
    if rows_end == 0 || cols_end == 0 {
        return Ok(());
    }
    if rows_end - 1 < first_row || cols_end - 1 < first_col {
        return Err(corrupt("damaged worksheet dimensions"));
    }
    check_area(
        u64::from(rows_end - 1 - first_row) + 1,
        u64::from(cols_end - 1 - first_col) + 1,
    )
}

/// An `.xls` (BIFF8, and BIFF5 as far as calamine reads it): every worksheet as tab-separated rows.
pub(crate) fn xls(ctx: &mut Ctx<'_>, bytes: &[u8], out: &mut Extracted) -> Res {
    use calamine::{Data, Reader, XlsError};
    check_sheet_extents(ctx, bytes)?;
    let mut wb = calamine::Xls::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsError::Password => Status::Encrypted,
        XlsError::Io(_) | XlsError::Cfb(_) => corrupt("damaged OLE file"),
        XlsError::EoStream(_) | XlsError::ContinueRecordTooShort => {
            corrupt("the workbook is cut short")
        }
        // Messages of calamine's other errors name no cell content; keep them short.
        e => corrupt(format!(
            "damaged Excel 97-2003 workbook: {}",
            e.to_string().chars().take(120).collect::<String>()
        )),
    })?;
    for name in wb.sheet_names() {
        ctx.check_deadline()?;
        let range = match wb.worksheet_range(&name) {
            Ok(r) => r,
            Err(_) => {
                out.children.push(crate::Child {
                    name: format!("sheet {name}"),
                    extracted: crate::zipc::failed(
                        crate::Format::Xls,
                        corrupt("damaged worksheet"),
                    ),
                });
                continue;
            }
        };
        let left = ctx.text_left();
        let mut t = String::new();
        // Rows and columns follow from tabs and newlines; a mark where they do not (a skipped row, a sheet that
        // does not start in column A, a tab or line break inside a cell).
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let mut marks: Vec<Mark> = Vec::new();
        let mut implied: Option<(u32, u32)> = None;
        for (i, row) in range.rows().enumerate() {
            if i % 4096 == 4095 {
                ctx.check_deadline()?;
            }
            let row_no = row0
                .saturating_add(u32::try_from(i).unwrap_or(u32::MAX))
                .saturating_add(1);
            let start = t.len();
            let mark_at = marks.len();
            for (j, cell) in row.iter().enumerate() {
                if j > 0 {
                    t.push('\t');
                }
                let at = t.len();
                match cell {
                    Data::Empty | Data::Error(_) => {}
                    Data::String(s) => t.push_str(s),
                    other => t.push_str(&other.to_string()),
                }
                for (k, _) in t[at..].match_indices(['\t', '\n']) {
                    let col = col0
                        .saturating_add(u32::try_from(j).unwrap_or(u32::MAX))
                        .saturating_add(1);
                    marks.push(Mark {
                        at: at + k + 1,
                        pos: Pos::Cell { row: row_no, col },
                    });
                }
            }
            let keep = t[start..].trim_end_matches('\t').len();
            t.truncate(start + keep);
            marks.retain(|m| m.at <= t.len());
            if t.len() > start {
                let first = (row_no, col0.saturating_add(1));
                if implied != Some(first) {
                    marks.insert(
                        mark_at,
                        Mark {
                            at: start,
                            pos: Pos::Cell {
                                row: first.0,
                                col: first.1,
                            },
                        },
                    );
                }
                t.push('\n');
                implied = Some((row_no.saturating_add(1), 1));
            }
            if t.len() > left {
                break;
            }
        }
        t.truncate(t.trim_end().len());
        ctx.push_marked(
            out,
            t,
            Some(Location::Sheet(name)),
            marks,
            Some(Columns::Tabs),
        )?;
        if ctx.text_full() {
            break;
        }
    }
    Ok(())
}
