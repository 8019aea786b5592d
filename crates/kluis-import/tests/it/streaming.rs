use crate::limits;
use kluis_import::{CsvOptions, Importer, looks_like_header, read_csv, suggest_mapping};
use std::cell::Cell;
use std::io::Read;
use std::rc::Rc;
use time::macros::date;

const ROWS: u64 = 200_000;

/// A CSV of `ROWS` customers made on the fly as it is read, counting the bytes handed out: the file never exists
/// whole, so the only way the reader could hold it all is by reading ahead, which the counter shows.
struct Generated {
    next: u64,
    line: Vec<u8>,
    at: usize,
    handed: Rc<Cell<u64>>,
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.line.len() {
            if self.next > ROWS {
                return Ok(0);
            }
            self.line = if self.next == 0 {
                b"Voornaam;Achternaam;E-mail;Telefoon;Postcode;Plaats\r\n".to_vec()
            } else {
                let n = self.next;
                format!(
                    "Klant{n};Achternaam {n};klant{n}@example.nl;06{:08};{:04} AB;Plaats \"{n}\"\r\n",
                    n % 100_000_000,
                    1000 + n % 9000
                )
                .into_bytes()
            };
            self.at = 0;
            self.next += 1;
        }
        let n = buf.len().min(self.line.len() - self.at);
        buf[..n].copy_from_slice(&self.line[self.at..self.at + n]);
        self.at += n;
        self.handed.set(self.handed.get() + n as u64);
        Ok(n)
    }
}

#[test]
fn a_large_file_streams_in_bounded_memory() {
    let handed = Rc::new(Cell::new(0));
    let source = Generated {
        next: 0,
        line: Vec::new(),
        at: 0,
        handed: handed.clone(),
    };
    let mut rows =
        read_csv(source, CsvOptions::default(), limits()).unwrap_or_else(|e| panic!("{e}"));
    let header = rows
        .next()
        .and_then(Result::ok)
        .map(|r| r.cells)
        .unwrap_or_default();
    assert!(looks_like_header(&header));
    let mut importer = Importer::new(suggest_mapping(&header), header, date!(2026 - 03 - 01));
    // Bytes of the file the rows seen so far span, to compare with what the reader took from the source.
    let mut consumed: u64 = 60;
    let mut max_ahead: u64 = 0;
    let mut imported = 0u64;
    let mut last = 0;
    for r in rows.by_ref() {
        let r = r.unwrap_or_else(|e| panic!("{e}"));
        consumed += r.cells.iter().map(|c| c.len() as u64 + 1).sum::<u64>() + 3;
        max_ahead = max_ahead.max(handed.get().saturating_sub(consumed));
        let out = importer.process(&r);
        assert!(
            out.problems.is_empty(),
            "row {}: {:?}",
            r.number,
            out.problems
        );
        imported += u64::from(out.relation.is_some());
        last = r.number;
    }
    assert_eq!(imported, ROWS);
    // Progress: the reader has taken the whole file from the source.
    assert_eq!(rows.bytes_read(), handed.get());
    assert_eq!(last, ROWS + 1);
    // The whole file is several megabytes; the reader never ran more than its head plus a chunk ahead of the
    // rows handed out.
    assert!(handed.get() > 10 * 1024 * 1024, "{}", handed.get());
    assert!(
        max_ahead < 400 * 1024,
        "read {max_ahead} bytes ahead of the rows"
    );
}
