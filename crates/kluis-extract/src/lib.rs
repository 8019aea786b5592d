//! Turns document bytes (PDF, Office, ODF, mail, archives, HTML, text) into text, within limits.
//!
//! The one entry point is [`extract`]: a pure function from a file name and its bytes to an
//! [`Extracted`] tree. It does no IO of its own, with one optional exception: OCR.
//!
//! # OCR is optional
//! Images (PNG, JPEG, TIFF, GIF, BMP, WebP) and PDFs without a text layer are run through the
//! `tesseract` command (and, for PDF pages, `pdftoppm` to render them) **only when those programs
//! are installed** on `PATH`. Without them such documents get [`Status::ImageWithoutText`], so the
//! caller can report "this file could not be read" instead of silently treating it as clean.
//! Set [`Limits::ocr`] to `false` to never start a subprocess.
//!
//! # Robustness
//! Every parser call runs under `catch_unwind`; a panic becomes [`Status::Corrupt`]. Aborts
//! (stack overflow, allocation failure inside a third-party PDF parser) cannot be caught in
//! process: callers must run this in an isolated worker process, as kluis-scan does. All
//! decompression (ZIP members, Office parts, mail attachments, MSG streams) is charged against one
//! budget for the whole tree and read through a `take()` limit, so zip bombs cost nothing. PDF streams are
//! measured against the same budget (with a bounded inflater) before the PDF reader inflates them.
//!
//! # Partly read documents
//! When a limit (nesting depth, size, decompression budget, time, entry count, text size) stops the work, or a
//! part or member cannot be read (damaged, encrypted), [`Extracted::partial`] lists why, as [`PartialReason`]s.
//! A node's reasons include those of everything below it: a ZIP nested 50 deep is partial ([`PartialReason::DepthLimit`])
//! at every level down to the member that was never opened, even though each level's own status is
//! [`Status::Ok`]. Images without text and unsupported formats do not make their container partial: they are
//! reported as members with that status, and there is nothing more a text reader could do with them.
//!
//! # Locations
//! Each [`Segment`] of text has a [`Location`] (a page, a sheet, a slide, a named [`Part`], an attachment) and may
//! carry [`Mark`]s that refine it from a byte offset on: DOCX/ODT body paragraphs and table cells, spreadsheet
//! and CSV rows and columns. [`Segment::locator`] turns byte offsets into the finest [`Location`]. The serialised
//! form (serde, as written by `kluis scan --format jsonl`) is stable, externally tagged in snake case, numbers
//! 1-based:
//!
//! | location | JSON |
//! |---|---|
//! | PDF page | `{"page":3}` |
//! | slide / notes page | `{"slide":2}`, `{"notes":2}` |
//! | body paragraph (DOCX, ODT, DOC) | `{"paragraph":12}` |
//! | paragraph in a table | `{"table_cell":{"paragraph":14,"table":1,"row":2,"col":3}}` |
//! | worksheet (cell unknown) | `{"sheet":"Klanten"}` |
//! | spreadsheet cell | `{"cell":{"sheet":"Klanten","row":7,"col":2}}` |
//! | CSV field | `{"cell":{"row":7,"col":2}}` |
//! | named part | `{"part":"comments"}`, one of [`Part::as_str`] |
//! | attachment | `{"attachment":{"name":"cv.pdf","within":{"page":1}}}` (`within` absent when unknown) |

mod detect;
mod html;
mod legacy;
mod location;
mod mail;
mod msg;
mod ocr;
mod office;
mod pdf;
mod rtf;
mod text;
mod zipc;

use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

pub use detect::detect;
pub use location::{Columns, Location, Locator, Mark, Part, Pos, column_letters};

use serde::{Deserialize, Serialize};

/// Bounds on the work one call to [`extract`] may do. All totals are across the whole tree.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest input accepted (also applies to each member of a container).
    pub max_input_bytes: u64,
    /// Total bytes decompressed across the whole tree (zip members, office parts, attachments).
    pub max_decompressed_bytes: u64,
    /// Deepest nesting of containers, mails and attachments (the top document is depth 0).
    pub max_depth: u32,
    /// Total number of container members / attachments / messages across the tree.
    pub max_entries: usize,
    /// Total text produced across the whole tree.
    pub max_text_bytes: usize,
    /// Stop working (with [`Status::LimitExceeded`]) once this instant has passed.
    pub deadline: Option<Instant>,
    /// Allow running `tesseract`/`pdftoppm` when installed.
    pub ocr: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 64 << 20,
            max_decompressed_bytes: 256 << 20,
            max_depth: 5,
            max_entries: 10_000,
            max_text_bytes: 32 << 20,
            deadline: None,
            ocr: true,
        }
    }
}

/// What a document was recognised as (by magic bytes first, extension second).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Pdf,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Odp,
    Eml,
    Mbox,
    Msg,
    Zip,
    Html,
    Txt,
    Csv,
    Image,
    /// Word 97-2003 (an OLE file with a `WordDocument` stream).
    Doc,
    /// Excel 97-2003 (an OLE file with a `Workbook` or `Book` stream).
    Xls,
    /// PowerPoint 97-2003 (an OLE file with a `PowerPoint Document` stream).
    Ppt,
    /// Another OLE compound file (encrypted OOXML, or of an unknown kind).
    Ole,
    Unknown,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Pptx => "pptx",
            Format::Odt => "odt",
            Format::Ods => "ods",
            Format::Odp => "odp",
            Format::Eml => "eml",
            Format::Mbox => "mbox",
            Format::Msg => "msg",
            Format::Zip => "zip",
            Format::Html => "html",
            Format::Txt => "txt",
            Format::Csv => "csv",
            Format::Image => "image",
            Format::Doc => "doc",
            Format::Xls => "xls",
            Format::Ppt => "ppt",
            Format::Ole => "ole",
            Format::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Outcome for one node of the tree (a document or a container member).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Ok,
    /// An image, or a PDF without a text layer, and no OCR was available.
    ImageWithoutText,
    /// Password protected (PDF, Office, ZIP entry).
    Encrypted,
    /// The bytes are damaged or not what they claim to be; the reason is for a person.
    Corrupt(String),
    /// A format we recognise but do not read (Word 6.0/95, ...) or do not recognise.
    Unsupported(String),
    /// Which limit stopped the work (never [`PartialReason::UnreadablePart`]), and in words; any text found before
    /// that is kept.
    LimitExceeded(PartialReason, String),
}

impl Status {
    pub fn is_ok(&self) -> bool {
        matches!(self, Status::Ok)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Ok => f.write_str("ok"),
            Status::ImageWithoutText => f.write_str("image without text"),
            Status::Encrypted => f.write_str("encrypted"),
            Status::Corrupt(r) => write!(f, "corrupt: {r}"),
            Status::Unsupported(r) => write!(f, "unsupported: {r}"),
            Status::LimitExceeded(_, r) => write!(f, "limit exceeded: {r}"),
        }
    }
}

/// Why some of a document's content was not read. A closed list: user interfaces translate [`PartialReason::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartialReason {
    /// Containers, mails or attachments nested deeper than [`Limits::max_depth`].
    DepthLimit,
    /// A file or member larger than [`Limits::max_input_bytes`], or a worksheet too large to read.
    SizeLimit,
    /// More than [`Limits::max_decompressed_bytes`] decompressed across the tree (archives, Office parts, PDF streams).
    DecompressionBudget,
    /// The deadline passed.
    Timeout,
    /// More than [`Limits::max_entries`] members, attachments or messages.
    EntryLimit,
    /// More than [`Limits::max_text_bytes`] of text.
    TextLimit,
    /// A part or member could not be read (damaged, encrypted).
    UnreadablePart,
}

impl PartialReason {
    pub const ALL: &'static [PartialReason] = &[
        PartialReason::DepthLimit,
        PartialReason::SizeLimit,
        PartialReason::DecompressionBudget,
        PartialReason::Timeout,
        PartialReason::EntryLimit,
        PartialReason::TextLimit,
        PartialReason::UnreadablePart,
    ];

    /// The stable name (as serialised).
    pub const fn as_str(self) -> &'static str {
        match self {
            PartialReason::DepthLimit => "depth_limit",
            PartialReason::SizeLimit => "size_limit",
            PartialReason::DecompressionBudget => "decompression_budget",
            PartialReason::Timeout => "timeout",
            PartialReason::EntryLimit => "entry_limit",
            PartialReason::TextLimit => "text_limit",
            PartialReason::UnreadablePart => "unreadable_part",
        }
    }

    /// English words for command-line output.
    pub const fn english(self) -> &'static str {
        match self {
            PartialReason::DepthLimit => "nested too deep",
            PartialReason::SizeLimit => "a part too large",
            PartialReason::DecompressionBudget => "decompression budget spent",
            PartialReason::Timeout => "time limit reached",
            PartialReason::EntryLimit => "too many members",
            PartialReason::TextLimit => "too much text",
            PartialReason::UnreadablePart => "a part could not be read",
        }
    }
}

impl fmt::Display for PartialReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for PartialReason {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PartialReason::ALL
            .iter()
            .copied()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("unknown partial-scan reason {s:?}"))
    }
}

/// A run of text and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub location: Option<Location>,
    /// Finer positions inside the text, sorted by offset (empty when the format has none).
    pub marks: Vec<Mark>,
    /// How columns advance after a [`Pos::Cell`] mark.
    pub columns: Option<Columns>,
}

impl Segment {
    pub fn new(text: String, location: Option<Location>) -> Self {
        Segment {
            text,
            location,
            marks: Vec::new(),
            columns: None,
        }
    }

    /// Resolves byte offsets of [`Segment::text`] to locations (cheapest when asked in increasing order).
    pub fn locator(&self) -> Locator<'_> {
        Locator::new(self)
    }
}

/// A member of a container (ZIP entry, MBOX message), reported as a separate document.
/// Also used for mail attachments whose status is not [`Status::Ok`], so that problem is visible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Child {
    pub name: String,
    pub extracted: Extracted,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    pub format: Format,
    pub status: Status,
    pub segments: Vec<Segment>,
    pub children: Vec<Child>,
    /// Why some of this node's content (its own, or a member's at any depth) was not read; sorted, no duplicates.
    /// Empty when everything was read.
    pub partial: Vec<PartialReason>,
}

impl Extracted {
    fn new(format: Format) -> Self {
        Extracted {
            format,
            status: Status::Ok,
            segments: Vec::new(),
            children: Vec::new(),
            partial: Vec::new(),
        }
    }

    /// Whether some content was not read (see [`Extracted::partial`]).
    pub fn is_partial(&self) -> bool {
        !self.partial.is_empty()
    }

    pub(crate) fn mark_partial(&mut self, r: PartialReason) {
        if let Err(i) = self.partial.binary_search(&r) {
            self.partial.insert(i, r);
        }
    }

    /// Derives [`Extracted::partial`] from this node's status and its children, once they are final.
    pub(crate) fn settle(&mut self) {
        match &self.status {
            Status::LimitExceeded(r, _) => self.mark_partial(*r),
            // Damaged after some text was read: the rest is missing.
            Status::Corrupt(_) if !self.segments.is_empty() || !self.children.is_empty() => {
                self.mark_partial(PartialReason::UnreadablePart)
            }
            _ => {}
        }
        let mut found = Vec::new();
        for c in &self.children {
            found.extend_from_slice(&c.extracted.partial);
            if matches!(c.extracted.status, Status::Corrupt(_) | Status::Encrypted) {
                found.push(PartialReason::UnreadablePart);
            }
        }
        for r in found {
            self.mark_partial(r);
        }
    }

    /// All segment texts of this node (not its children), separated by newlines.
    pub fn text(&self) -> String {
        let mut s = String::with_capacity(self.segments.iter().map(|g| g.text.len() + 1).sum());
        for g in &self.segments {
            if !s.is_empty() {
                s.push('\n');
            }
            s.push_str(&g.text);
        }
        s
    }
}

/// Extracts the text of one document. Never panics; problems are reported in [`Extracted::status`].
pub fn extract(name: &str, bytes: &[u8], limits: &Limits) -> Extracted {
    let mut ctx = Ctx {
        limits,
        decompressed: 0,
        entries: 0,
        text_bytes: 0,
    };
    ctx.node(name, bytes, 0)
}

/// Budget shared by the whole tree of one `extract` call.
pub(crate) struct Ctx<'a> {
    pub(crate) limits: &'a Limits,
    decompressed: u64,
    entries: usize,
    text_bytes: usize,
}

pub(crate) type Res<T = ()> = Result<T, Status>;

pub(crate) fn corrupt(reason: impl Into<String>) -> Status {
    Status::Corrupt(reason.into())
}

impl Ctx<'_> {
    /// Extracts one node of the tree: detection, limits, and a panic guard around the parser.
    pub(crate) fn node(&mut self, name: &str, bytes: &[u8], depth: u32) -> Extracted {
        self.node_with(name, bytes, depth, None)
    }

    /// Like `node`, with the format already known from the container (an attached message/rfc822).
    pub(crate) fn node_with(
        &mut self,
        name: &str,
        bytes: &[u8],
        depth: u32,
        force: Option<Format>,
    ) -> Extracted {
        let format = force.unwrap_or_else(|| detect(name, bytes));
        let mut out = Extracted::new(format);
        if depth > self.limits.max_depth {
            out.status = self.too_deep();
            out.settle();
            return out;
        }
        if bytes.len() as u64 > self.limits.max_input_bytes {
            out.status = Status::LimitExceeded(
                PartialReason::SizeLimit,
                format!("input larger than {} bytes", self.limits.max_input_bytes),
            );
            out.settle();
            return out;
        }
        if let Err(s) = self.check_deadline() {
            out.status = s;
            out.settle();
            return out;
        }
        let r = catch_unwind(AssertUnwindSafe(|| {
            self.dispatch(name, bytes, depth, &mut out)
        }));
        match r {
            Ok(Ok(())) => {}
            Ok(Err(s)) => out.status = s,
            Err(payload) => {
                // Only literal panic messages are kept: formatted ones may quote document content.
                let what = payload
                    .downcast_ref::<&'static str>()
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default();
                out.status = corrupt(format!(
                    "parser failed: the {} reader could not handle this file{what}",
                    out.format
                ));
            }
        }
        out.settle();
        out
    }

    fn dispatch(&mut self, name: &str, bytes: &[u8], depth: u32, out: &mut Extracted) -> Res {
        match out.format {
            Format::Txt | Format::Csv => {
                let t = text::decode(bytes).into_owned();
                if out.format == Format::Csv {
                    let (marks, columns) = text::csv_layout(&t);
                    return self.push_marked(out, t, None, marks, Some(columns));
                }
                self.push(out, t, None)
            }
            Format::Html => {
                let t = text::decode(bytes);
                let t = html::to_text(&t);
                self.push(out, t, None)
            }
            Format::Zip
            | Format::Docx
            | Format::Xlsx
            | Format::Pptx
            | Format::Odt
            | Format::Ods
            | Format::Odp => zipc::extract_zip_family(self, bytes, depth, out),
            Format::Eml => mail::eml(self, bytes, depth, out),
            Format::Mbox => mail::mbox(self, bytes, depth, out),
            Format::Msg | Format::Ole | Format::Doc | Format::Ppt => {
                msg::ole(self, name, bytes, depth, out)
            }
            Format::Xls => legacy::xls(self, bytes, out),
            Format::Pdf => pdf::pdf(self, bytes, out),
            Format::Image => ocr::image(self, bytes, out),
            Format::Unknown => Err(Status::Unsupported(
                "not a document format Kluis can read".into(),
            )),
        }
    }

    pub(crate) fn check_deadline(&self) -> Res {
        match self.limits.deadline {
            Some(d) if Instant::now() >= d => Err(Status::LimitExceeded(
                PartialReason::Timeout,
                "time limit reached".into(),
            )),
            _ => Ok(()),
        }
    }

    /// Charges `n` decompressed bytes; errors once the tree's budget is spent.
    pub(crate) fn charge(&mut self, n: u64) -> Res {
        self.decompressed = self.decompressed.saturating_add(n);
        if self.decompressed > self.limits.max_decompressed_bytes {
            return Err(self.decompressed_exceeded());
        }
        Ok(())
    }

    pub(crate) fn decompressed_left(&self) -> u64 {
        self.limits
            .max_decompressed_bytes
            .saturating_sub(self.decompressed)
    }

    pub(crate) fn decompressed_exceeded(&self) -> Status {
        Status::LimitExceeded(
            PartialReason::DecompressionBudget,
            format!(
                "more than {} bytes decompressed in total",
                self.limits.max_decompressed_bytes
            ),
        )
    }

    pub(crate) fn too_deep(&self) -> Status {
        Status::LimitExceeded(
            PartialReason::DepthLimit,
            format!("nesting deeper than {} levels", self.limits.max_depth),
        )
    }

    pub(crate) fn text_exceeded(&self) -> Status {
        Status::LimitExceeded(
            PartialReason::TextLimit,
            format!("more than {} bytes of text", self.limits.max_text_bytes),
        )
    }

    /// Counts one member/attachment/message against `max_entries`.
    pub(crate) fn entry(&mut self) -> Res {
        self.entries += 1;
        if self.entries > self.limits.max_entries {
            return Err(Status::LimitExceeded(
                PartialReason::EntryLimit,
                format!("more than {} entries", self.limits.max_entries),
            ));
        }
        Ok(())
    }

    /// Adds a segment (skipping blank ones), enforcing the text budget: text past it is cut off.
    pub(crate) fn push(
        &mut self,
        out: &mut Extracted,
        text: String,
        location: Option<Location>,
    ) -> Res {
        self.push_marked(out, text, location, Vec::new(), None)
    }

    /// [`Ctx::push`] with marks that refine the location inside the text (marks past a cut are dropped).
    pub(crate) fn push_marked(
        &mut self,
        out: &mut Extracted,
        mut text: String,
        location: Option<Location>,
        mut marks: Vec<Mark>,
        columns: Option<Columns>,
    ) -> Res {
        if text.trim().is_empty() {
            return Ok(());
        }
        let left = self.limits.max_text_bytes.saturating_sub(self.text_bytes);
        let over = text.len() > left;
        if over {
            let mut cut = left;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text.truncate(cut);
        }
        self.text_bytes += text.len();
        if !text.is_empty() {
            marks.retain(|m| m.at < text.len());
            out.segments.push(Segment {
                text,
                location,
                marks,
                columns,
            });
        }
        if over {
            return Err(self.text_exceeded());
        }
        Ok(())
    }

    /// Bytes of text still allowed (parsers that build a large text first stop there).
    pub(crate) fn text_left(&self) -> usize {
        self.limits.max_text_bytes.saturating_sub(self.text_bytes)
    }

    /// Whether the text budget is already spent (parsers stop early then).
    pub(crate) fn text_full(&self) -> bool {
        self.text_bytes >= self.limits.max_text_bytes
    }
}
