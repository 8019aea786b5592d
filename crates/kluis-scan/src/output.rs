//! The report formats of `kluis scan`: table, JSON Lines, CSV and a self-contained HTML report.
//!
//! Every format streams: a document is written (or folded into bounded counters) as it arrives. The HTML report
//! keeps only counters plus the `HTML_WORST` most severe documents, with their values already masked.

use crate::report::{DocumentReport, ScanStatus};
use kluis_domain::{DocumentClass, EntityType, PersonalDataKind, SpecialCategory};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::time::Duration;

/// Documents listed in the HTML report, worst first; the rest appear in the counters only.
const HTML_WORST: usize = 1000;
/// Unreadable documents listed by name in the HTML report.
const HTML_FAILED: usize = 500;
/// Masked sample values shown per document in the HTML report.
const HTML_SAMPLES: usize = 6;

/// Masks a value for people who are not meant to see it (everything but `--show-values`).
pub(crate) fn mask(entity: EntityType, value: &str) -> String {
    kluis_pii::mask(entity, value)
}

/// Counters over all documents of a run. Bounded: one slot per vocabulary value.
#[derive(Debug, Default, Clone)]
pub(crate) struct Summary {
    pub documents: u64,
    pub shown: u64,
    pub by_kind: BTreeMap<PersonalDataKind, u64>,
    pub by_class: BTreeMap<DocumentClass, u64>,
    /// Findings per entity type, and documents holding that type.
    pub by_entity: BTreeMap<EntityType, (u64, u64)>,
    pub by_category: BTreeMap<SpecialCategory, u64>,
    pub by_status: BTreeMap<ScanStatus, u64>,
    pub findings: u64,
    pub failed: u64,
}

impl Summary {
    pub(crate) fn add(&mut self, r: &DocumentReport) {
        self.documents += 1;
        *self.by_status.entry(r.status).or_default() += 1;
        if r.status.is_failure() {
            self.failed += 1;
        }
        *self.by_kind.entry(r.personal_data).or_default() += 1;
        *self.by_class.entry(r.class).or_default() += 1;
        for c in &r.special_categories {
            *self.by_category.entry(*c).or_default() += 1;
        }
        self.findings += r.findings_total.unwrap_or(r.findings.len() as u64);
        let mut seen: Vec<EntityType> = Vec::new();
        for f in &r.findings {
            let e = self.by_entity.entry(f.entity).or_default();
            e.0 += 1;
            if !seen.contains(&f.entity) {
                seen.push(f.entity);
                e.1 += 1;
            }
        }
    }
}

/// Run-level facts for the closing summary.
#[derive(Debug, Clone, Default)]
pub(crate) struct RunInfo {
    pub files: u64,
    pub bytes: u64,
    pub cache_hits: u64,
    pub elapsed: Duration,
    pub show_values: bool,
}

pub(crate) trait Formatter {
    fn document(&mut self, r: &DocumentReport) -> io::Result<()>;
    fn finish(&mut self, summary: &Summary, info: &RunInfo) -> io::Result<()>;
}

fn value_for(show: bool, e: EntityType, v: &str) -> String {
    if show { v.to_owned() } else { mask(e, v) }
}

fn type_counts(r: &DocumentReport) -> Vec<(EntityType, usize)> {
    let mut counts: BTreeMap<EntityType, usize> = BTreeMap::new();
    for f in &r.findings {
        *counts.entry(f.entity).or_default() += 1;
    }
    counts.into_iter().collect()
}

/// JSON Lines: the output contract of `shared/corpus/README.md`, one object per document. Values as they stand
/// in the document (the format is for machines: scoring, import), whatever `--show-values` says.
pub(crate) struct Jsonl<W: Write>(pub W);

impl<W: Write> Formatter for Jsonl<W> {
    fn document(&mut self, r: &DocumentReport) -> io::Result<()> {
        serde_json::to_writer(&mut self.0, r)?;
        self.0.write_all(b"\n")
    }
    fn finish(&mut self, _: &Summary, _: &RunInfo) -> io::Result<()> {
        self.0.flush()
    }
}

/// A line per document and a closing summary, for a person at a terminal.
pub(crate) struct Table<W: Write> {
    pub out: W,
    pub show_values: bool,
    pub header_done: bool,
}

impl<W: Write> Formatter for Table<W> {
    fn document(&mut self, r: &DocumentReport) -> io::Result<()> {
        if !self.header_done {
            writeln!(
                self.out,
                "{:<8} {:<16} {:>8}  PATH",
                "KIND", "CLASS", "FINDINGS"
            )?;
            self.header_done = true;
        }
        let mut detail = String::new();
        if r.status != ScanStatus::Ok {
            let _ = write!(detail, "  [{}", r.status);
            if let Some(why) = &r.reason {
                let _ = write!(detail, ": {why}");
            }
            detail.push(']');
        }
        if !r.special_categories.is_empty() {
            let cats: Vec<&str> = r.special_categories.iter().map(|c| c.as_str()).collect();
            let _ = write!(detail, "  special: {}", cats.join(","));
        }
        let types: Vec<String> = type_counts(r)
            .iter()
            .map(|(e, n)| format!("{e}×{n}"))
            .collect();
        if !types.is_empty() {
            let _ = write!(detail, "  {}", types.join(" "));
        }
        writeln!(
            self.out,
            "{:<8} {:<16} {:>8}  {}{}",
            r.personal_data.as_str(),
            r.class.as_str(),
            r.findings_total.unwrap_or(r.findings.len() as u64),
            r.path,
            detail
        )?;
        if self.show_values {
            for f in &r.findings {
                let at = f
                    .location
                    .as_ref()
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default();
                writeln!(self.out, "    {:<22} {}{at}", f.entity.as_str(), f.value)?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, s: &Summary, info: &RunInfo) -> io::Result<()> {
        let o = &mut self.out;
        writeln!(o)?;
        let secs = info.elapsed.as_secs_f64().max(1e-9);
        writeln!(
            o,
            "{} documents in {} files ({:.1} MB) in {:.1} s ({:.0} documents/s); {} from cache",
            s.documents,
            info.files,
            info.bytes as f64 / 1e6,
            secs,
            s.documents as f64 / secs,
            info.cache_hits
        )?;
        let k = |kind| s.by_kind.get(&kind).copied().unwrap_or(0);
        writeln!(
            o,
            "personal data: special {}, generic {}, none {}",
            k(PersonalDataKind::Special),
            k(PersonalDataKind::Generic),
            k(PersonalDataKind::None)
        )?;
        if !s.by_entity.is_empty() {
            let parts: Vec<String> = s
                .by_entity
                .iter()
                .map(|(e, (n, _))| format!("{e} {n}"))
                .collect();
            writeln!(o, "findings: {} ({})", s.findings, parts.join(", "))?;
        }
        if !s.by_category.is_empty() {
            let parts: Vec<String> = s
                .by_category
                .iter()
                .map(|(c, n)| format!("{c} {n}"))
                .collect();
            writeln!(o, "special categories: {}", parts.join(", "))?;
        }
        let not_ok: Vec<String> = s
            .by_status
            .iter()
            .filter(|(st, _)| **st != ScanStatus::Ok)
            .map(|(st, n)| format!("{st} {n}"))
            .collect();
        if !not_ok.is_empty() {
            writeln!(o, "not fully read: {}", not_ok.join(", "))?;
        }
        if s.shown != s.documents {
            writeln!(
                o,
                "listed: {} of {} documents (filters)",
                s.shown, s.documents
            )?;
        }
        o.flush()
    }
}

/// CSV, one row per finding; a document without findings gets one row with the finding columns empty, so every
/// document appears. Values are masked unless `--show-values`.
pub(crate) struct Csv<W: Write> {
    pub out: W,
    pub show_values: bool,
    pub header_done: bool,
}

pub(crate) const CSV_HEADER: &str =
    "path,class,personal_data,special_categories,status,reason,type,value,start,end,score,location";

fn csv_field(out: &mut String, v: &str) {
    // Spreadsheets run cells that start with = or @ (and + or - before a non-digit) as formulas.
    let formula = match v.as_bytes().first() {
        Some(b'=') | Some(b'@') | Some(b'\t') | Some(b'\r') => true,
        Some(b'+') | Some(b'-') => !v
            .as_bytes()
            .get(1)
            .is_some_and(|c| c.is_ascii_digit() || *c == b' '),
        _ => false,
    };
    let v = if formula {
        format!("'{v}")
    } else {
        v.to_owned()
    };
    if v.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&v.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&v);
    }
}

impl<W: Write> Formatter for Csv<W> {
    fn document(&mut self, r: &DocumentReport) -> io::Result<()> {
        if !self.header_done {
            writeln!(self.out, "{CSV_HEADER}")?;
            self.header_done = true;
        }
        let cats: Vec<&str> = r.special_categories.iter().map(|c| c.as_str()).collect();
        let mut head = String::new();
        csv_field(&mut head, &r.path);
        head.push(',');
        head.push_str(r.class.as_str());
        head.push(',');
        head.push_str(r.personal_data.as_str());
        head.push(',');
        head.push_str(&cats.join(";"));
        head.push(',');
        head.push_str(r.status.as_str());
        head.push(',');
        csv_field(&mut head, r.reason.as_deref().unwrap_or(""));
        if r.findings.is_empty() {
            return writeln!(self.out, "{head},,,,,,");
        }
        for f in &r.findings {
            let mut row = head.clone();
            row.push(',');
            row.push_str(f.entity.as_str());
            row.push(',');
            csv_field(&mut row, &value_for(self.show_values, f.entity, &f.value));
            let _ = write!(row, ",{},{},{:.2},", f.start, f.end, f.score);
            csv_field(
                &mut row,
                &f.location
                    .as_ref()
                    .map(|l| l.to_string())
                    .unwrap_or_default(),
            );
            writeln!(self.out, "{row}")?;
        }
        Ok(())
    }
    fn finish(&mut self, _: &Summary, _: &RunInfo) -> io::Result<()> {
        if !self.header_done {
            writeln!(self.out, "{CSV_HEADER}")?;
        }
        self.out.flush()
    }
}

/// A document as the HTML report keeps it: masked, compact.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Listed {
    key: (PersonalDataKind, usize, usize),
    seq: Reverse<u64>,
    path: String,
    class: DocumentClass,
    categories: Vec<SpecialCategory>,
    types: Vec<(EntityType, usize)>,
    samples: Vec<(EntityType, String)>,
    status: ScanStatus,
}

/// The privacy officer's report: one self-contained HTML file (inline CSS and SVG, no script, no CDN).
pub(crate) struct Html<W: Write> {
    pub out: W,
    pub show_values: bool,
    worst: BinaryHeap<Reverse<Listed>>,
    failed: Vec<(String, ScanStatus, String)>,
    seq: u64,
}

impl<W: Write> Html<W> {
    pub(crate) fn new(out: W, show_values: bool) -> Self {
        Html {
            out,
            show_values,
            worst: BinaryHeap::new(),
            failed: Vec::new(),
            seq: 0,
        }
    }
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// A horizontal bar chart as inline SVG.
fn bar_chart(rows: &[(String, u64, &str)]) -> String {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let h = 26;
    let height = rows.len() * h + 10;
    let mut s = format!(
        "<svg class=\"chart\" role=\"img\" width=\"640\" height=\"{height}\" viewBox=\"0 0 640 {height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for (i, (label, n, color)) in rows.iter().enumerate() {
        let y = i * h + 5;
        let w = (*n as f64 / max as f64 * 400.0).round() as u64;
        let _ = write!(
            s,
            "<text x=\"170\" y=\"{}\" text-anchor=\"end\" font-size=\"13\">{}</text><rect x=\"180\" y=\"{y}\" width=\"{}\" height=\"18\" rx=\"3\" fill=\"{color}\"/><text x=\"{}\" y=\"{}\" font-size=\"13\">{n}</text>",
            y + 14,
            esc(label),
            w.max(1),
            180 + w + 6,
            y + 14
        );
    }
    s.push_str("</svg>");
    s
}

fn kind_color(k: PersonalDataKind) -> &'static str {
    match k {
        PersonalDataKind::Special => "#c0392b",
        PersonalDataKind::Generic => "#e67e22",
        PersonalDataKind::None => "#27ae60",
    }
}

impl<W: Write> Formatter for Html<W> {
    fn document(&mut self, r: &DocumentReport) -> io::Result<()> {
        self.seq += 1;
        if r.status != ScanStatus::Ok && self.failed.len() < HTML_FAILED {
            self.failed.push((
                r.path.clone(),
                r.status,
                r.reason.clone().unwrap_or_default(),
            ));
        }
        if r.personal_data == PersonalDataKind::None && r.findings.is_empty() {
            return Ok(());
        }
        let key = r.severity();
        if self.worst.len() >= HTML_WORST
            && self.worst.peek().is_some_and(|Reverse(l)| l.key >= key)
        {
            return Ok(());
        }
        let mut samples: Vec<(EntityType, String)> = Vec::new();
        for f in &r.findings {
            if samples.len() >= HTML_SAMPLES {
                break;
            }
            let v = value_for(self.show_values, f.entity, &f.value);
            if !samples.iter().any(|(e, s)| *e == f.entity && *s == v) {
                samples.push((f.entity, v));
            }
        }
        self.worst.push(Reverse(Listed {
            key,
            seq: Reverse(self.seq),
            path: r.path.clone(),
            class: r.class,
            categories: r.special_categories.clone(),
            types: type_counts(r),
            samples,
            status: r.status,
        }));
        if self.worst.len() > HTML_WORST {
            self.worst.pop();
        }
        Ok(())
    }

    fn finish(&mut self, s: &Summary, info: &RunInfo) -> io::Result<()> {
        let mut h = String::with_capacity(64 * 1024);
        h.push_str("<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>Kluis scan report</title><style>\
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}\
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}\
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:.8em 1.2em;min-width:130px}\
.card b{display:block;font-size:1.8em}table{border-collapse:collapse;width:100%;font-size:.92em}\
th,td{text-align:left;padding:.35em .5em;border-bottom:1px solid #eee;vertical-align:top}th{background:#f6f6f6}\
.special{color:#c0392b;font-weight:bold}.generic{color:#e67e22;font-weight:bold}.none{color:#27ae60}\
code{background:#f3f3f3;padding:0 .25em;border-radius:3px}.muted{color:#777}.path{word-break:break-all}\
</style></head><body>\n");
        h.push_str("<h1>Kluis scan report: personal data in documents</h1>\n");
        let k = |kind| s.by_kind.get(&kind).copied().unwrap_or(0);
        let _ = write!(
            h,
            "<p class=\"muted\">{} documents in {} files ({:.1} MB), scanned in {:.1} s. Values are {}.</p>",
            s.documents,
            info.files,
            info.bytes as f64 / 1e6,
            info.elapsed.as_secs_f64(),
            if info.show_values {
                "shown in full (--show-values): handle this file as personal data"
            } else {
                "masked"
            }
        );
        let _ = write!(
            h,
            "<div class=\"cards\"><div class=\"card\"><b>{}</b>documents</div><div class=\"card special\"><b>{}</b>special personal data</div>\
<div class=\"card generic\"><b>{}</b>generic personal data</div><div class=\"card none\"><b>{}</b>no personal data found</div>\
<div class=\"card\"><b>{}</b>not (fully) read</div></div>",
            s.documents,
            k(PersonalDataKind::Special),
            k(PersonalDataKind::Generic),
            k(PersonalDataKind::None),
            s.documents - s.by_status.get(&ScanStatus::Ok).copied().unwrap_or(0)
        );

        h.push_str("\n<h2>By kind of personal data</h2>\n");
        let kinds: Vec<(String, u64, &str)> = [
            PersonalDataKind::Special,
            PersonalDataKind::Generic,
            PersonalDataKind::None,
        ]
        .into_iter()
        .map(|kd| (kd.as_str().to_owned(), k(kd), kind_color(kd)))
        .collect();
        h.push_str(&bar_chart(&kinds));

        h.push_str("<h2>By entity type</h2>\n");
        if s.by_entity.is_empty() {
            h.push_str("<p>No personal data found.</p>\n");
        } else {
            let mut ents: Vec<(&EntityType, &(u64, u64))> = s.by_entity.iter().collect();
            ents.sort_by(|a, b| b.1.1.cmp(&a.1.1).then(a.0.cmp(b.0)));
            let rows: Vec<(String, u64, &str)> = ents
                .iter()
                .map(|(e, (_, docs))| {
                    let color = if e.is_national_id() {
                        "#c0392b"
                    } else {
                        "#2980b9"
                    };
                    (e.as_str().to_owned(), *docs, color)
                })
                .collect();
            h.push_str("<p class=\"muted\">Documents holding each type.</p>");
            h.push_str(&bar_chart(&rows));
            h.push_str("<table><tr><th>Entity type</th><th>Documents</th><th>Findings</th></tr>");
            for (e, (n, docs)) in ents {
                let _ = write!(
                    h,
                    "<tr><td><code>{}</code></td><td>{docs}</td><td>{n}</td></tr>",
                    e.as_str()
                );
            }
            h.push_str("</table>\n");
        }

        h.push_str("<h2>By document class</h2>\n<table><tr><th>Class</th><th>Documents</th></tr>");
        let mut classes: Vec<_> = s.by_class.iter().collect();
        classes.sort_by(|a, b| b.1.cmp(a.1));
        for (c, n) in classes {
            let _ = write!(h, "<tr><td>{}</td><td>{n}</td></tr>", c.as_str());
        }
        h.push_str("</table>\n");

        if !s.by_category.is_empty() {
            h.push_str("<h2>Special categories (GDPR Art. 9 and 10)</h2>\n<table><tr><th>Category</th><th>Article</th><th>Documents</th></tr>");
            for (c, n) in &s.by_category {
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td>{n}</td></tr>",
                    c.as_str(),
                    c.gdpr_article()
                );
            }
            h.push_str("</table>\n");
        }

        let worst = std::mem::take(&mut self.worst).into_sorted_vec();
        let _ = write!(
            h,
            "<h2>Documents with personal data, worst first</h2>\n<p class=\"muted\">{}</p>\n",
            if worst.len() >= HTML_WORST {
                format!("The {HTML_WORST} most severe documents; the counters above cover all.")
            } else {
                "Special personal data first, then by number of special categories and findings."
                    .to_owned()
            }
        );
        h.push_str("<table><tr><th>Document</th><th>Kind</th><th>Class</th><th>Special categories</th><th>Findings</th><th>Examples</th></tr>\n");
        for Reverse(l) in worst {
            let kind = l.key.0;
            let types: Vec<String> = l
                .types
                .iter()
                .map(|(e, n)| format!("{e}&nbsp;×{n}"))
                .collect();
            let samples: Vec<String> = l
                .samples
                .iter()
                .map(|(e, v)| format!("<code>{}</code>&nbsp;{}", e.as_str(), esc(v)))
                .collect();
            let cats: Vec<&str> = l.categories.iter().map(|c| c.as_str()).collect();
            let status = if l.status == ScanStatus::Ok {
                String::new()
            } else {
                format!(" <span class=\"muted\">({})</span>", l.status)
            };
            let _ = writeln!(
                h,
                "<tr><td class=\"path\">{}{status}</td><td class=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&l.path),
                kind.as_str(),
                kind.as_str(),
                l.class.as_str(),
                cats.join(", "),
                types.join(", "),
                samples.join("<br>")
            );
        }
        h.push_str("</table>\n");

        if !self.failed.is_empty() {
            let _ = write!(
                h,
                "<h2>Documents not (fully) read</h2>\n<p class=\"muted\">These may hold personal data the scan could not see.{}</p>\n<table><tr><th>Document</th><th>Status</th><th>Reason</th></tr>\n",
                if (self.failed.len() as u64)
                    < s.documents - s.by_status.get(&ScanStatus::Ok).copied().unwrap_or(0)
                {
                    format!(" The first {HTML_FAILED} are listed.")
                } else {
                    String::new()
                }
            );
            for (p, st, why) in &self.failed {
                let _ = writeln!(
                    h,
                    "<tr><td class=\"path\">{}</td><td>{st}</td><td>{}</td></tr>",
                    esc(p),
                    esc(why)
                );
            }
            h.push_str("</table>\n");
        }
        h.push_str("<p class=\"muted\">Generated by kluis scan.</p></body></html>\n");
        self.out.write_all(h.as_bytes())?;
        self.out.flush()
    }
}
