//! XLSX through calamine's cell reader: one sheet's rows streamed from the sheet XML (the shared strings are held,
//! bounded by the file size limit), dates as dates, numbers as the sheet shows them.

use crate::{Limits, ReadError, Row};
use calamine::{DataRef, Reader, Xlsx, XlsxCellReader};
use std::io::{Read, Seek, SeekFrom};

/// An open workbook.
pub struct XlsxBook<R: Read + Seek> {
    book: Xlsx<R>,
    limits: Limits,
}

impl<R: Read + Seek> XlsxBook<R> {
    /// Opens a workbook, refusing one larger than the limit before reading it.
    pub fn open(mut reader: R, limits: Limits) -> Result<Self, ReadError> {
        let len = reader.seek(SeekFrom::End(0))?;
        reader.seek(SeekFrom::Start(0))?;
        if len > limits.max_file_bytes {
            return Err(ReadError::FileTooLarge {
                limit: limits.max_file_bytes,
            });
        }
        let unpacked = unpacked_size(&mut reader)?;
        if unpacked > limits.max_unpacked_bytes {
            return Err(ReadError::UnpackedTooLarge {
                limit: limits.max_unpacked_bytes,
            });
        }
        reader.seek(SeekFrom::Start(0))?;
        let book = Xlsx::new(reader).map_err(|e| ReadError::Xlsx(e.to_string()))?;
        Ok(XlsxBook { book, limits })
    }

    /// The sheets' names, in the workbook's order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.book.sheet_names()
    }

    /// The rows of the sheet named `sheet`, or of the first sheet.
    pub fn rows(&mut self, sheet: Option<&str>) -> Result<XlsxRows<'_, R>, ReadError> {
        let names = self.book.sheet_names();
        let name = match sheet {
            Some(s) => names
                .iter()
                .find(|n| n.as_str() == s)
                .cloned()
                .ok_or_else(|| ReadError::NoSuchSheet(s.to_owned()))?,
            None => names.first().cloned().ok_or(ReadError::NoSheets)?,
        };
        let limits = self.limits;
        let reader = self
            .book
            .worksheet_cells_reader(&name)
            .map_err(|e| ReadError::Xlsx(e.to_string()))?;
        Ok(XlsxRows {
            reader,
            limits,
            pending: None,
            exhausted: false,
            done: false,
        })
    }
}

/// The sum of the sizes the zip's entries declare unpacked. zip's reader fails a part that unpacks past its
/// declared size, so a part that lies about it cannot get around this.
fn unpacked_size<R: Read + Seek>(reader: &mut R) -> Result<u64, ReadError> {
    let mut zip = zip::ZipArchive::new(reader).map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let f = zip
            .by_index_raw(i)
            .map_err(|e| ReadError::Xlsx(e.to_string()))?;
        total = total.saturating_add(f.size());
    }
    Ok(total)
}

/// The non-empty rows of one sheet, each numbered as the sheet numbers it.
pub struct XlsxRows<'a, R: Read + Seek> {
    reader: XlsxCellReader<'a, R>,
    limits: Limits,
    /// The first cell of the next row, read while finding the end of the current one.
    pending: Option<(u32, u32, String)>,
    /// The cell reader said it has no more (asking it again is an error).
    exhausted: bool,
    done: bool,
}

impl<R: Read + Seek> XlsxRows<'_, R> {
    fn next_cell(&mut self) -> Result<Option<(u32, u32, String)>, ReadError> {
        if let Some(c) = self.pending.take() {
            return Ok(Some(c));
        }
        if self.exhausted {
            return Ok(None);
        }
        loop {
            match self.reader.next_cell() {
                Ok(None) => {
                    self.exhausted = true;
                    return Ok(None);
                }
                Ok(Some(cell)) => {
                    let (r, c) = cell.get_position();
                    let text = cell_text(cell.get_value());
                    if text.is_empty() {
                        continue;
                    }
                    return Ok(Some((r, c, text)));
                }
                Err(e) => return Err(ReadError::Xlsx(e.to_string())),
            }
        }
    }
}

impl<R: Read + Seek> Iterator for XlsxRows<'_, R> {
    type Item = Result<Row, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let first = match self.next_cell() {
            Ok(Some(c)) => c,
            Ok(None) => {
                self.done = true;
                return None;
            }
            Err(e) => {
                self.done = true;
                return Some(Err(e));
            }
        };
        let row = first.0;
        let number = u64::from(row) + 1;
        if number > self.limits.max_rows {
            self.done = true;
            return Some(Err(ReadError::TooManyRows {
                limit: self.limits.max_rows,
            }));
        }
        let mut cells: Vec<String> = Vec::new();
        let mut row_bytes = 0usize;
        let mut overflow: Option<ReadError> = None;
        let mut cell = Some(first);
        while let Some((r, c, text)) = cell {
            if r != row {
                self.pending = Some((r, c, text));
                break;
            }
            let c = c as usize;
            row_bytes += text.len();
            if overflow.is_none() {
                if c >= self.limits.max_columns {
                    overflow = Some(ReadError::TooManyColumns {
                        row: number,
                        limit: self.limits.max_columns,
                    });
                } else if text.len() > self.limits.max_cell_bytes {
                    overflow = Some(ReadError::CellTooLong {
                        row: number,
                        column: c,
                        limit: self.limits.max_cell_bytes,
                    });
                } else if row_bytes > self.limits.max_row_bytes {
                    overflow = Some(ReadError::RowTooLong {
                        row: number,
                        limit: self.limits.max_row_bytes,
                    });
                } else {
                    if cells.len() < c {
                        cells.resize(c, String::new());
                    }
                    cells.push(text);
                }
            }
            cell = match self.next_cell() {
                Ok(c) => c,
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            };
        }
        match overflow {
            Some(e) => Some(Err(e)),
            None => Some(Ok(Row { number, cells })),
        }
    }
}

/// A cell as text the way the sheet shows it to a person: a date as `YYYY-MM-DD`, a whole number without `.0` (a
/// postcode or phone number typed as a number), an error as its `#` code.
fn cell_text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}:{s:02}")
            }
        }
        DataRef::DateTime(d) => number_text(d.as_f64()),
        DataRef::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).replace('T', " "),
        DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => e.to_string(),
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}
