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
//! budget for the whole tree and read through a `take()` limit, so zip bombs cost nothing.

mod detect;
mod html;
mod legacy;
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
    /// Which limit stopped the work; any text found before that is kept.
    LimitExceeded(String),
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
            Status::LimitExceeded(r) => write!(f, "limit exceeded: {r}"),
        }
    }
}

/// Where in the document a segment of text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Page(u32),
    Sheet(String),
    Slide(u32),
    /// A named part: "header", "footer", "comments", "subject", "body", "attachment: cv.pdf", ...
    Part(String),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Page(n) => write!(f, "page {n}"),
            Location::Sheet(s) => write!(f, "sheet {s}"),
            Location::Slide(n) => write!(f, "slide {n}"),
            Location::Part(p) => f.write_str(p),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub location: Option<Location>,
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
}

impl Extracted {
    fn new(format: Format) -> Self {
        Extracted {
            format,
            status: Status::Ok,
            segments: Vec::new(),
            children: Vec::new(),
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
            out.status = Status::LimitExceeded(format!(
                "nesting deeper than {} levels",
                self.limits.max_depth
            ));
            return out;
        }
        if bytes.len() as u64 > self.limits.max_input_bytes {
            out.status = Status::LimitExceeded(format!(
                "input larger than {} bytes",
                self.limits.max_input_bytes
            ));
            return out;
        }
        if let Err(s) = self.check_deadline() {
            out.status = s;
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
        out
    }

    fn dispatch(&mut self, name: &str, bytes: &[u8], depth: u32, out: &mut Extracted) -> Res {
        match out.format {
            Format::Txt | Format::Csv => {
                let t = text::decode(bytes);
                self.push(out, t.into_owned(), None)
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
            Some(d) if Instant::now() >= d => {
                Err(Status::LimitExceeded("time limit reached".into()))
            }
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
        Status::LimitExceeded(format!(
            "more than {} bytes decompressed in total",
            self.limits.max_decompressed_bytes
        ))
    }

    /// Counts one member/attachment/message against `max_entries`.
    pub(crate) fn entry(&mut self) -> Res {
        self.entries += 1;
        if self.entries > self.limits.max_entries {
            return Err(Status::LimitExceeded(format!(
                "more than {} entries",
                self.limits.max_entries
            )));
        }
        Ok(())
    }

    /// Adds a segment (skipping blank ones), enforcing the text budget: text past it is cut off.
    pub(crate) fn push(
        &mut self,
        out: &mut Extracted,
        mut text: String,
        location: Option<Location>,
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
            out.segments.push(Segment { text, location });
        }
        if over {
            return Err(Status::LimitExceeded(format!(
                "more than {} bytes of text",
                self.limits.max_text_bytes
            )));
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
