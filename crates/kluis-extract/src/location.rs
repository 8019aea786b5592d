//! Where in a document a piece of text comes from: structured locations, and the marks that refine them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A named part of a document that is not its main text. A closed list, so a user interface can translate it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Page header (word processing).
    Header,
    Footer,
    /// Headers and footers together, where the format does not tell them apart (ODF, Word 97-2003).
    HeaderFooter,
    Footnotes,
    Endnotes,
    Comments,
    /// Text boxes of a Word 97-2003 document.
    TextBoxes,
    /// Text boxes in headers of a Word 97-2003 document.
    HeaderTextBoxes,
    /// Speaker notes of a presentation.
    Notes,
    /// Slide masters of a presentation.
    Master,
    /// Document properties: author, last modified by, title.
    Properties,
    /// Text of a presentation outside slides, notes and masters.
    Document,
    /// Text recognised (OCR) in an image.
    Ocr,
    /// The address lines of an e-mail (From, To, Cc, ...).
    MailHeader,
    Subject,
    /// The body of an e-mail.
    Body,
}

impl Part {
    pub const ALL: &'static [Part] = &[
        Part::Header,
        Part::Footer,
        Part::HeaderFooter,
        Part::Footnotes,
        Part::Endnotes,
        Part::Comments,
        Part::TextBoxes,
        Part::HeaderTextBoxes,
        Part::Notes,
        Part::Master,
        Part::Properties,
        Part::Document,
        Part::Ocr,
        Part::MailHeader,
        Part::Subject,
        Part::Body,
    ];

    /// The stable name (as serialised).
    pub const fn as_str(self) -> &'static str {
        match self {
            Part::Header => "header",
            Part::Footer => "footer",
            Part::HeaderFooter => "header_footer",
            Part::Footnotes => "footnotes",
            Part::Endnotes => "endnotes",
            Part::Comments => "comments",
            Part::TextBoxes => "text_boxes",
            Part::HeaderTextBoxes => "header_text_boxes",
            Part::Notes => "notes",
            Part::Master => "master",
            Part::Properties => "properties",
            Part::Document => "document",
            Part::Ocr => "ocr",
            Part::MailHeader => "mail_header",
            Part::Subject => "subject",
            Part::Body => "body",
        }
    }

    /// English words for command-line output (a user interface translates [`Part::as_str`] instead).
    pub const fn english(self) -> &'static str {
        match self {
            Part::Header => "header",
            Part::Footer => "footer",
            Part::HeaderFooter => "header/footer",
            Part::Footnotes => "footnotes",
            Part::Endnotes => "endnotes",
            Part::Comments => "comments",
            Part::TextBoxes => "text boxes",
            Part::HeaderTextBoxes => "header text boxes",
            Part::Notes => "notes",
            Part::Master => "master",
            Part::Properties => "properties",
            Part::Document => "document",
            Part::Ocr => "ocr",
            Part::MailHeader => "header",
            Part::Subject => "subject",
            Part::Body => "body",
        }
    }
}

/// Where in a document a finding lies. Numbers are 1-based. Serialised (serde) externally tagged, in snake case:
/// `{"page":3}`, `{"paragraph":12}`, `{"cell":{"sheet":"Klanten","row":7,"col":2}}`, `{"part":"comments"}`,
/// `{"attachment":{"name":"cv.pdf","within":{"page":1}}}`; see the crate documentation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// A page of a PDF (or of a scanned PDF read by OCR).
    Page(u32),
    /// A slide of a presentation.
    Slide(u32),
    /// The speaker notes of the n-th notes page.
    Notes(u32),
    /// A paragraph of a word-processing document's body (paragraphs inside tables count too).
    Paragraph(u32),
    /// A paragraph inside a table of a word-processing document: which table of the body, its row and cell.
    TableCell {
        paragraph: u32,
        table: u32,
        row: u32,
        col: u32,
    },
    /// A worksheet, when the cell is not known.
    Sheet(String),
    /// A spreadsheet cell (`sheet` set) or a CSV field (`sheet` absent).
    Cell {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sheet: Option<String>,
        row: u32,
        col: u32,
    },
    /// A named part: header, footer, comments, mail subject, ...
    Part(Part),
    /// An e-mail attachment (a path `outer.zip!/inner.txt` for members of an attached archive), and where in it.
    Attachment {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        within: Option<Box<Location>>,
    },
}

impl Location {
    /// Reads a location stored by an earlier version as English words (`page 3`, `sheet Klanten`, `header`,
    /// `attachment: cv.pdf, page 1`), for rows written before locations were structured. `None` for anything
    /// else. Such a `header` may have been a mail's address lines: it is read as [`Part::Header`].
    pub fn from_legacy(s: &str) -> Option<Location> {
        let s = s.trim();
        let number = |p: &str| s.strip_prefix(p).and_then(|n| n.trim().parse::<u32>().ok());
        if let Some(rest) = s.strip_prefix("attachment: ") {
            // The name may itself hold ", ": the first split whose remainder reads as a location wins.
            for (i, _) in rest.match_indices(", ") {
                if let Some(within) = Location::from_legacy(&rest[i + 2..]) {
                    return Some(Location::Attachment {
                        name: rest[..i].to_owned(),
                        within: Some(Box::new(within)),
                    });
                }
            }
            return Some(Location::Attachment {
                name: rest.to_owned(),
                within: None,
            });
        }
        if let Some(n) = number("page ") {
            return Some(Location::Page(n));
        }
        if let Some(n) = number("slide ") {
            return Some(Location::Slide(n));
        }
        if let Some(n) = number("notes slide ").or_else(|| number("notes ")) {
            return Some(Location::Notes(n));
        }
        if s.starts_with("comments slide ") {
            return Some(Location::Part(Part::Comments));
        }
        if let Some(sheet) = s.strip_prefix("sheet ") {
            return Some(Location::Sheet(sheet.to_owned()));
        }
        let part = match s {
            "header/footer" => Part::HeaderFooter,
            "text boxes" => Part::TextBoxes,
            "header text boxes" => Part::HeaderTextBoxes,
            other => *Part::ALL.iter().find(|p| p.as_str() == other)?,
        };
        Some(Location::Part(part))
    }
}

/// Column letters of a spreadsheet column number (1 = A, 27 = AA).
pub fn column_letters(mut col: u32) -> String {
    let mut v = Vec::new();
    while col > 0 {
        let r = (col - 1) % 26;
        v.push(b'A' + r as u8);
        col = (col - 1) / 26;
    }
    v.reverse();
    String::from_utf8(v).unwrap_or_default()
}

/// English, for command-line output: `page 3`, `paragraph 12`, `sheet Klanten, cell B7`, `row 4, column 2`,
/// `attachment: cv.pdf, page 1`.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Page(n) => write!(f, "page {n}"),
            Location::Slide(n) => write!(f, "slide {n}"),
            Location::Notes(n) => write!(f, "notes {n}"),
            Location::Paragraph(n) => write!(f, "paragraph {n}"),
            Location::TableCell {
                paragraph,
                table,
                row,
                col,
            } => write!(
                f,
                "paragraph {paragraph} (table {table}, row {row}, cell {col})"
            ),
            Location::Sheet(s) => write!(f, "sheet {s}"),
            Location::Cell {
                sheet: Some(s),
                row,
                col,
            } => write!(f, "sheet {s}, cell {}{row}", column_letters(*col)),
            Location::Cell {
                sheet: None,
                row,
                col,
            } => write!(f, "row {row}, column {col}"),
            Location::Part(p) => f.write_str(p.english()),
            Location::Attachment { name, within: None } => write!(f, "attachment: {name}"),
            Location::Attachment {
                name,
                within: Some(w),
            } => write!(f, "attachment: {name}, {w}"),
        }
    }
}

/// A finer position inside a segment, valid from byte `at` of the segment's text up to the next mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub at: usize,
    pub pos: Pos,
}

/// What a [`Mark`] says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Paragraph(u32),
    TableCell {
        paragraph: u32,
        table: u32,
        row: u32,
        col: u32,
    },
    /// Row `row`, column `col` at the mark; further rows and columns up to the next mark are counted with the
    /// segment's [`Columns`] (a dense sheet or a CSV file needs one mark in all).
    Cell {
        row: u32,
        col: u32,
    },
}

/// How rows and columns advance after a [`Pos::Cell`] mark: a newline starts the next row at column 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Columns {
    /// Cells joined by tabs, rows by newlines (spreadsheets as extracted).
    Tabs,
    /// A delimited text file: this delimiter and newlines, outside double quotes.
    Delimited(u8),
}

/// Resolves byte offsets of one segment's text to locations. Offsets asked in increasing order cost one pass over
/// the text in all; an offset before the previous one starts over from its mark.
pub struct Locator<'a> {
    text: &'a str,
    base: Option<&'a Location>,
    marks: &'a [Mark],
    columns: Option<Columns>,
    // The counting state since the current mark: mark index, byte reached, rows and columns passed, in quotes.
    mark: usize,
    pos: usize,
    rows: u32,
    cols: u32,
    quoted: bool,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(seg: &'a crate::Segment) -> Self {
        Locator {
            text: &seg.text,
            base: seg.location.as_ref(),
            marks: &seg.marks,
            columns: seg.columns,
            mark: usize::MAX,
            pos: 0,
            rows: 0,
            cols: 0,
            quoted: false,
        }
    }

    /// The finest known location of byte `at` of the segment's text.
    pub fn at(&mut self, at: usize) -> Option<Location> {
        let i = self.marks.partition_point(|m| m.at <= at);
        if i == 0 {
            return self.base.cloned();
        }
        let m = self.marks[i - 1];
        if self.mark != i - 1 || at < self.pos {
            self.mark = i - 1;
            self.pos = m.at;
            self.rows = 0;
            self.cols = 0;
            self.quoted = false;
        }
        let pos = match m.pos {
            Pos::Cell { row, col } => {
                let end = at.min(self.text.len());
                if let (Some(c), Some(s)) = (self.columns, self.text.get(self.pos..end)) {
                    for b in s.bytes() {
                        match (c, b) {
                            (Columns::Delimited(_), b'"') => self.quoted = !self.quoted,
                            (Columns::Delimited(_), _) if self.quoted => {}
                            (_, b'\n') => {
                                self.rows += 1;
                                self.cols = 0;
                            }
                            (Columns::Tabs, b'\t') => self.cols += 1,
                            (Columns::Delimited(d), _) if b == d => self.cols += 1,
                            _ => {}
                        }
                    }
                    self.pos = end;
                }
                if self.rows == 0 {
                    Pos::Cell {
                        row,
                        col: col.saturating_add(self.cols),
                    }
                } else {
                    Pos::Cell {
                        row: row.saturating_add(self.rows),
                        col: 1u32.saturating_add(self.cols),
                    }
                }
            }
            other => other,
        };
        Some(refine(self.base, pos))
    }
}

/// A mark's position seen within the segment's own location (a sheet, an attachment).
fn refine(base: Option<&Location>, pos: Pos) -> Location {
    match base {
        Some(Location::Attachment { name, within }) => Location::Attachment {
            name: name.clone(),
            within: Some(Box::new(refine(within.as_deref(), pos))),
        },
        _ => match pos {
            Pos::Paragraph(n) => Location::Paragraph(n),
            Pos::TableCell {
                paragraph,
                table,
                row,
                col,
            } => Location::TableCell {
                paragraph,
                table,
                row,
                col,
            },
            Pos::Cell { row, col } => Location::Cell {
                sheet: match base {
                    Some(Location::Sheet(s)) => Some(s.clone()),
                    _ => None,
                },
                row,
                col,
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Segment;

    #[test]
    fn column_letters_are_bijective_base_26() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(702), "ZZ");
        assert_eq!(column_letters(703), "AAA");
    }

    #[test]
    fn csv_columns_are_counted_outside_quotes() {
        let text = "naam,bsn\n\"Smit,\nJan\",111222333\nx,y".to_owned();
        let seg = Segment {
            marks: vec![Mark {
                at: 0,
                pos: Pos::Cell { row: 1, col: 1 },
            }],
            columns: Some(Columns::Delimited(b',')),
            ..Segment::new(text.clone(), None)
        };
        let mut l = seg.locator();
        let at = text.find("111").unwrap_or(0);
        let cell = |row, col| {
            Some(Location::Cell {
                sheet: None,
                row,
                col,
            })
        };
        assert_eq!(l.at(5), cell(1, 2));
        assert_eq!(l.at(at), cell(2, 2));
        assert_eq!(l.at(text.len() - 1), cell(3, 2));
        // Backwards starts over.
        assert_eq!(l.at(10), cell(2, 1));
    }

    #[test]
    fn legacy_strings_are_read() {
        let l = |s: &str| Location::from_legacy(s);
        assert_eq!(l("page 3"), Some(Location::Page(3)));
        assert_eq!(l("slide 2"), Some(Location::Slide(2)));
        assert_eq!(l("notes slide 4"), Some(Location::Notes(4)));
        assert_eq!(l("notes 5"), Some(Location::Notes(5)));
        assert_eq!(
            l("sheet Klanten 2025"),
            Some(Location::Sheet("Klanten 2025".into()))
        );
        assert_eq!(l("header"), Some(Location::Part(Part::Header)));
        assert_eq!(l("header/footer"), Some(Location::Part(Part::HeaderFooter)));
        assert_eq!(l("body"), Some(Location::Part(Part::Body)));
        assert_eq!(
            l("attachment: cv, versie 2.pdf, page 1"),
            Some(Location::Attachment {
                name: "cv, versie 2.pdf".into(),
                within: Some(Box::new(Location::Page(1))),
            })
        );
        assert_eq!(
            l("attachment: a.zip!/b.txt"),
            Some(Location::Attachment {
                name: "a.zip!/b.txt".into(),
                within: None,
            })
        );
        assert_eq!(l("somewhere"), None);
    }

    #[test]
    fn serialisation_is_stable() {
        let l = Location::Attachment {
            name: "lijst.xlsx".into(),
            within: Some(Box::new(Location::Cell {
                sheet: Some("Klanten".into()),
                row: 7,
                col: 2,
            })),
        };
        let j = serde_json::to_string(&l).unwrap_or_default();
        assert_eq!(
            j,
            r#"{"attachment":{"name":"lijst.xlsx","within":{"cell":{"sheet":"Klanten","row":7,"col":2}}}}"#
        );
        assert_eq!(serde_json::from_str::<Location>(&j).ok(), Some(l));
        assert_eq!(
            serde_json::to_string(&Location::Part(Part::MailHeader)).unwrap_or_default(),
            r#"{"part":"mail_header"}"#
        );
        assert_eq!(
            serde_json::to_string(&Location::Page(3)).unwrap_or_default(),
            r#"{"page":3}"#
        );
        assert_eq!(
            serde_json::to_string(&Location::TableCell {
                paragraph: 4,
                table: 1,
                row: 2,
                col: 3
            })
            .unwrap_or_default(),
            r#"{"table_cell":{"paragraph":4,"table":1,"row":2,"col":3}}"#
        );
    }
}
