//! CSV as a stream of rows: the encoding found from the BOM or the first bytes, the separator sniffed, quoted
//! cells, ragged rows, and limits enforced while parsing so a broken file cannot make the reader hold it all.

use crate::{Limits, ReadError, Row};
use encoding_rs::{Decoder, Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::io::Read;

/// How much of the file's start decides the encoding and the separator.
const HEAD: usize = 256 * 1024;
/// Decoded bytes buffered at a time.
const CHUNK: usize = 64 * 1024;

/// Overrides for what is otherwise detected.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvOptions {
    /// `,` `;` tab or `|`; sniffed from the first lines when `None`.
    pub delimiter: Option<u8>,
    /// Detected when `None`: a BOM (UTF-8, UTF-16), else UTF-8 when the start is valid UTF-8, else
    /// Windows-1252 (which covers Latin-1, what older Excel and bookkeeping apps write).
    pub encoding: Option<&'static Encoding>,
}

/// The rows of a CSV file, read as they are asked for. Memory stays within about one row plus a fixed buffer.
pub struct CsvRows<R: Read> {
    input: Bytes<Decoding<Limited<R>>>,
    delimiter: u8,
    encoding: &'static Encoding,
    limits: Limits,
    /// The row number the next record gets.
    next_row: u64,
    done: bool,
}

/// Opens `reader` as CSV: reads up to the first 256 KiB to detect the encoding and the separator, then streams.
pub fn read_csv<R: Read>(
    reader: R,
    options: CsvOptions,
    limits: Limits,
) -> Result<CsvRows<R>, ReadError> {
    let mut limited = Limited {
        inner: reader,
        read: 0,
        limit: limits.max_file_bytes,
    };
    let mut head = Vec::with_capacity(HEAD.min(64 * 1024));
    (&mut limited)
        .take(HEAD as u64)
        .read_to_end(&mut head)
        .map_err(read_error)?;
    let (encoding, bom) = match options.encoding {
        Some(e) => (
            e,
            Encoding::for_bom(&head)
                .filter(|(b, _)| *b == e)
                .map_or(0, |(_, n)| n),
        ),
        None => detect_encoding(&head, head.len() < HEAD),
    };
    let body = &head[bom..];
    // Decoding the head twice (once here to sniff, once in the stream) is cheap and keeps the stream simple.
    let (text, _) = encoding.decode_without_bom_handling(&body[..body.len().min(64 * 1024)]);
    let (sniffed, skip_sep_line) = sniff_delimiter(&text);
    let delimiter = options.delimiter.unwrap_or(sniffed);
    let decoding = Decoding {
        inner: limited,
        decoder: encoding.new_decoder_without_bom_handling(),
        pending: head.split_off(bom),
        pending_at: 0,
        inbuf: vec![0; CHUNK],
        in_start: 0,
        in_end: 0,
        eof: false,
        finished: false,
    };
    let mut rows = CsvRows {
        input: Bytes::new(decoding),
        delimiter,
        encoding,
        limits,
        next_row: 1,
        done: false,
    };
    if skip_sep_line {
        // Excel's `sep=;` hint line is not shown as a row, so the numbering starts after it.
        while let Some(b) = rows.input.next()? {
            if b == b'\n' {
                break;
            }
        }
    }
    Ok(rows)
}

impl<R: Read> CsvRows<R> {
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Bytes of the file read so far, for a progress bar against the file's size (runs ahead of the rows by at
    /// most the read buffers).
    pub fn bytes_read(&self) -> u64 {
        self.input.inner.inner.read
    }

    /// The encoding the file is read in (its `name()` is what to show).
    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    /// One record; `None` at the end of the file.
    fn record(&mut self) -> Result<Option<Row>, ReadError> {
        let row = self.next_row;
        if row > self.limits.max_rows {
            return Err(ReadError::TooManyRows {
                limit: self.limits.max_rows,
            });
        }
        let mut cells: Vec<String> = Vec::new();
        let mut cell: Vec<u8> = Vec::new();
        let mut row_bytes = 0usize;
        let mut overflow: Option<ReadError> = None;
        let mut state = State::CellStart;
        let mut any = false;
        loop {
            let Some(b) = self.input.next()? else {
                if matches!(state, State::Quoted) {
                    return Err(ReadError::UnterminatedQuote { row });
                }
                if !any {
                    return Ok(None);
                }
                break;
            };
            any = true;
            let mut store = |cell: &mut Vec<u8>, b: u8, overflow: &mut Option<ReadError>| {
                if overflow.is_some() {
                    return;
                }
                row_bytes += 1;
                if row_bytes > self.limits.max_row_bytes {
                    *overflow = Some(ReadError::RowTooLong {
                        row,
                        limit: self.limits.max_row_bytes,
                    });
                } else if cell.len() >= self.limits.max_cell_bytes {
                    *overflow = Some(ReadError::CellTooLong {
                        row,
                        column: cells.len(),
                        limit: self.limits.max_cell_bytes,
                    });
                } else {
                    cell.push(b);
                }
            };
            match state {
                State::Quoted => {
                    if b == b'"' {
                        state = State::QuoteInQuoted;
                    } else {
                        store(&mut cell, b, &mut overflow);
                    }
                    continue;
                }
                State::QuoteInQuoted if b == b'"' => {
                    store(&mut cell, b, &mut overflow);
                    state = State::Quoted;
                    continue;
                }
                _ => {}
            }
            // Outside quotes (a closing quote followed by more text keeps that text, as Excel does).
            if b == self.delimiter {
                self.end_cell(&mut cells, &mut cell, row, &mut overflow);
                state = State::CellStart;
            } else if b == b'\n' {
                break;
            } else if b == b'\r' {
                if self.input.peek()? == Some(b'\n') {
                    self.input.next()?;
                }
                break;
            } else if b == b'"' && matches!(state, State::CellStart) {
                state = State::Quoted;
            } else {
                store(&mut cell, b, &mut overflow);
                state = State::Unquoted;
            }
        }
        self.end_cell(&mut cells, &mut cell, row, &mut overflow);
        self.next_row += 1;
        if let Some(e) = overflow {
            return Err(e);
        }
        Ok(Some(Row { number: row, cells }))
    }

    fn end_cell(
        &self,
        cells: &mut Vec<String>,
        cell: &mut Vec<u8>,
        row: u64,
        overflow: &mut Option<ReadError>,
    ) {
        if overflow.is_some() {
            cell.clear();
            return;
        }
        if cells.len() >= self.limits.max_columns {
            *overflow = Some(ReadError::TooManyColumns {
                row,
                limit: self.limits.max_columns,
            });
            cell.clear();
            return;
        }
        // The decoder wrote UTF-8 and the parser splits only at ASCII bytes, so this never replaces anything.
        cells.push(String::from_utf8_lossy(cell).into_owned());
        cell.clear();
    }
}

#[derive(Clone, Copy)]
enum State {
    CellStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

impl<R: Read> Iterator for CsvRows<R> {
    type Item = Result<Row, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            match self.record() {
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                // A blank line is a row in the spreadsheet too (it keeps the numbering) but holds nothing to import.
                Ok(Some(r)) if r.cells.iter().all(|c| c.trim().is_empty()) => continue,
                Ok(Some(r)) => return Some(Ok(r)),
                Err(e) => {
                    if !e.is_row_error() {
                        self.done = true;
                    }
                    return Some(Err(e));
                }
            }
        }
    }
}

/// The encoding of a file from its first bytes, and the length of its BOM.
/// `complete` says the head is the whole file (else its last character may be cut off).
fn detect_encoding(head: &[u8], complete: bool) -> (&'static Encoding, usize) {
    if let Some((e, n)) = Encoding::for_bom(head) {
        return (e, n);
    }
    // UTF-16 without a BOM: text in Latin script has a zero in every other byte (NUL is valid UTF-8, so this
    // comes first; a real text file has no NULs).
    let pairs = head.len() / 2;
    if pairs >= 2 {
        let even = head.iter().step_by(2).filter(|b| **b == 0).count();
        let odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
        if odd * 10 >= pairs * 3 && even == 0 {
            return (UTF_16LE, 0);
        }
        if even * 10 >= pairs * 3 && odd == 0 {
            return (UTF_16BE, 0);
        }
    }
    match std::str::from_utf8(head) {
        Ok(_) => return (UTF_8, 0),
        // Valid up to a character cut off by the end of the head.
        Err(e) if e.error_len().is_none() && !complete => return (UTF_8, 0),
        Err(_) => {}
    }
    (WINDOWS_1252, 0)
}

/// The separator of a CSV text from its first lines: the candidate (`,` `;` tab `|`) that appears on the first line
/// outside quotes and the same number of times on most of the following lines. Also says whether the first line is
/// Excel's `sep=X` hint (then X is the answer and the line is not data).
pub fn sniff_delimiter(text: &str) -> (u8, bool) {
    let first = text.lines().next().unwrap_or("");
    let hint = first.trim_start_matches('\u{feff}').trim_end();
    if let Some(s) = hint.strip_prefix("sep=")
        && s.len() == 1
    {
        return (s.as_bytes()[0], true);
    }
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    // The last line of a cut-off head may be partial.
    let lines = if lines.len() > 2 {
        &lines[..lines.len() - 1]
    } else {
        &lines[..]
    };
    let mut best = (b',', 0usize, 0usize);
    for cand in [b';', b',', b'\t', b'|'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l, cand))
            .collect();
        let Some(&c0) = counts.first() else { continue };
        if c0 == 0 {
            continue;
        }
        let same = counts.iter().filter(|c| **c == c0).count();
        if (same, c0) > (best.1, best.2) {
            best = (cand, same, c0);
        }
    }
    (best.0, false)
}

fn count_outside_quotes(line: &str, sep: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == sep && !quoted {
            n += 1;
        }
    }
    n
}

/// Fails once more than `limit` bytes were read.
struct Limited<R> {
    inner: R,
    read: u64,
    limit: u64,
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                FileTooLarge(self.limit),
            ));
        }
        Ok(n)
    }
}

#[derive(Debug)]
struct FileTooLarge(u64);

/// An IO error as a read error, the size limit recognised.
fn read_error(e: std::io::Error) -> ReadError {
    if let Some(FileTooLarge(limit)) = e.get_ref().and_then(|i| i.downcast_ref::<FileTooLarge>()) {
        return ReadError::FileTooLarge { limit: *limit };
    }
    ReadError::Io(e)
}

impl std::fmt::Display for FileTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "file larger than {} bytes", self.0)
    }
}

impl std::error::Error for FileTooLarge {}

/// The bytes of the source decoded to UTF-8, starting with the already read head.
struct Decoding<R> {
    inner: R,
    decoder: Decoder,
    pending: Vec<u8>,
    pending_at: usize,
    inbuf: Vec<u8>,
    in_start: usize,
    in_end: usize,
    eof: bool,
    finished: bool,
}

impl<R: Read> Read for Decoding<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if self.finished || out.len() < 4 {
                return Ok(0);
            }
            if self.pending_at < self.pending.len() {
                let (_, read, written, _) =
                    self.decoder
                        .decode_to_utf8(&self.pending[self.pending_at..], out, false);
                self.pending_at += read;
                if self.pending_at == self.pending.len() {
                    self.pending = Vec::new();
                    self.pending_at = 0;
                }
                if written > 0 {
                    return Ok(written);
                }
                continue;
            }
            if self.in_start == self.in_end && !self.eof {
                let n = self.inner.read(&mut self.inbuf)?;
                self.in_start = 0;
                self.in_end = n;
                self.eof = n == 0;
            }
            let (result, read, written, _) =
                self.decoder
                    .decode_to_utf8(&self.inbuf[self.in_start..self.in_end], out, self.eof);
            self.in_start += read;
            if self.eof && result == encoding_rs::CoderResult::InputEmpty {
                self.finished = true;
            }
            if written > 0 || self.finished {
                return Ok(written);
            }
        }
    }
}

/// Byte-at-a-time access with one byte of look-ahead over a buffered source.
struct Bytes<R> {
    inner: R,
    buf: Vec<u8>,
    at: usize,
    len: usize,
}

impl<R: Read> Bytes<R> {
    fn new(inner: R) -> Self {
        Bytes {
            inner,
            buf: vec![0; CHUNK],
            at: 0,
            len: 0,
        }
    }

    fn fill(&mut self) -> Result<bool, ReadError> {
        if self.at < self.len {
            return Ok(true);
        }
        let n = loop {
            match self.inner.read(&mut self.buf) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(read_error(e)),
            }
        };
        self.at = 0;
        self.len = n;
        Ok(n > 0)
    }

    fn next(&mut self) -> Result<Option<u8>, ReadError> {
        if !self.fill()? {
            return Ok(None);
        }
        let b = self.buf[self.at];
        self.at += 1;
        Ok(Some(b))
    }

    fn peek(&mut self) -> Result<Option<u8>, ReadError> {
        if !self.fill()? {
            return Ok(None);
        }
        Ok(Some(self.buf[self.at]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(bytes: &[u8]) -> Vec<Result<Row, ReadError>> {
        match read_csv(bytes, CsvOptions::default(), Limits::default()) {
            Ok(r) => r.collect(),
            Err(e) => panic!("{e}"),
        }
    }

    fn cells(bytes: &[u8]) -> Vec<Vec<String>> {
        rows(bytes)
            .into_iter()
            .map(|r| r.unwrap_or_else(|e| panic!("{e}")).cells)
            .collect()
    }

    #[test]
    fn sniffs_the_separator_outside_quotes() {
        assert_eq!(sniff_delimiter("a;b;c\n1;\"2,5\";3\n").0, b';');
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n").0, b',');
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n").0, b'\t');
        assert_eq!(sniff_delimiter("a|b\n1|2\n").0, b'|');
        assert_eq!(
            sniff_delimiter("naam;bedrag\nJan;1,50\nPiet;2,75\n").0,
            b';'
        );
        assert_eq!(sniff_delimiter("sep=;\na,b;c\n"), (b';', true));
        assert_eq!(sniff_delimiter("single\n").0, b',');
    }

    #[test]
    fn quoted_cells_keep_separators_quotes_and_newlines() {
        assert_eq!(
            cells(b"a;b\n\"x;y\";\"he said \"\"hi\"\"\"\n\"two\nlines\";z\r\n"),
            vec![
                vec!["a", "b"],
                vec!["x;y", "he said \"hi\""],
                vec!["two\nlines", "z"]
            ]
        );
    }

    #[test]
    fn row_numbers_count_records_and_blank_lines() {
        let r: Vec<u64> = rows(b"h1,h2\n\"multi\nline\",x\n\nlast,y")
            .into_iter()
            .map(|r| r.map(|r| r.number).unwrap_or(0))
            .collect();
        assert_eq!(r, vec![1, 2, 4]);
    }

    #[test]
    fn an_unterminated_quote_is_an_error_with_its_row() {
        let r = rows(b"a,b\n1,2\n\"open,3\n4,5\n");
        assert_eq!(r.len(), 3);
        assert!(matches!(r[2], Err(ReadError::UnterminatedQuote { row: 3 })));
    }

    #[test]
    fn limits_skip_the_row_and_go_on() {
        let limits = Limits {
            max_cell_bytes: 5,
            max_columns: 3,
            ..Limits::default()
        };
        let r: Vec<_> = match read_csv(
            &b"a,b\n123456,x\n1,2,3,4\nok,fine\n"[..],
            CsvOptions::default(),
            limits,
        ) {
            Ok(r) => r.collect(),
            Err(e) => panic!("{e}"),
        };
        assert!(matches!(
            r[1],
            Err(ReadError::CellTooLong {
                row: 2,
                column: 0,
                ..
            })
        ));
        assert!(matches!(
            r[2],
            Err(ReadError::TooManyColumns { row: 3, .. })
        ));
        assert_eq!(r[3].as_ref().map(|r| r.number).ok(), Some(4));
    }

    #[test]
    fn file_size_limit() {
        let limits = Limits {
            max_file_bytes: 10,
            ..Limits::default()
        };
        let e = read_csv(&b"a,b\n1,2\n3,4\n5,6\n"[..], CsvOptions::default(), limits)
            .err()
            .map(|e| e.to_string());
        assert!(
            e.as_ref().is_some_and(|e| e.contains("larger than 10")),
            "{e:?}"
        );
    }

    #[test]
    fn encodings_are_detected() {
        assert_eq!(detect_encoding(b"\xef\xbb\xbfa", true).0, UTF_8);
        assert_eq!(detect_encoding(b"\xff\xfea\x00", true).0, UTF_16LE);
        assert_eq!(detect_encoding(b"caf\xc3\xa9", true).0, UTF_8);
        assert_eq!(detect_encoding(b"caf\xe9", true).0, WINDOWS_1252);
        // A head cut inside a character is still UTF-8.
        assert_eq!(detect_encoding(b"caf\xc3", false).0, UTF_8);
        assert_eq!(detect_encoding(b"a\x00b\x00c\x00", true).0, UTF_16LE);
    }
}
