//! Scanning one document in-process: extract its text, detect personal data, and shape the reports.

use crate::report::{DocumentReport, ReportFinding, ScanStatus};
use kluis_domain::{DocumentClass, PersonalDataKind};
use kluis_extract::{Extracted, Status};
use sha2::{Digest, Sha256};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Scans one document (and, for containers, each member as its own document) in this process.
///
/// Panics inside the parsers are caught and reported as `crashed`; aborts (stack overflow, allocation failure)
/// are not catchable, which is why the CLI runs this inside an isolated worker process (see [`crate::worker`]).
pub fn scan_document(name: &str, bytes: &[u8], opts: &crate::ScanOptions) -> Vec<DocumentReport> {
    let sha = hex::encode(Sha256::digest(bytes));
    let limits = opts.extract_limits();
    let extracted = catch_unwind(AssertUnwindSafe(|| {
        kluis_extract::extract(name, bytes, &limits)
    }));
    finish(name, sha, bytes.len(), extracted.ok(), opts)
}

/// [`scan_document`] for the worker: frees the file's bytes as soon as the text is out, before detection.
pub(crate) fn scan_document_owned(
    name: &str,
    bytes: Vec<u8>,
    opts: &crate::ScanOptions,
) -> Vec<DocumentReport> {
    let sha = hex::encode(Sha256::digest(&bytes));
    let len = bytes.len();
    let limits = opts.extract_limits();
    let extracted = catch_unwind(AssertUnwindSafe(|| {
        kluis_extract::extract(name, &bytes, &limits)
    }));
    drop(bytes);
    finish(name, sha, len, extracted.ok(), opts)
}

fn finish(
    name: &str,
    sha: String,
    len: usize,
    extracted: Option<Extracted>,
    opts: &crate::ScanOptions,
) -> Vec<DocumentReport> {
    let reports = extracted.and_then(|extracted| {
        catch_unwind(AssertUnwindSafe(|| {
            let mut out = Vec::new();
            collect(name, &extracted, opts.max_findings, &mut out);
            out
        }))
        .ok()
    });
    let mut reports = reports.unwrap_or_else(|| {
        vec![DocumentReport::failed(
            name,
            ScanStatus::Crashed,
            "the document parser panicked on this file",
        )]
    });
    if let Some(first) = reports.first_mut()
        && first.path == name
    {
        first.sha256 = Some(sha);
        first.bytes = Some(len as u64);
    }
    reports
}

/// Turns an extraction result into reports, depth first. The container itself gets a report when it has text of
/// its own, failed, was read only in part, or is empty (an archive whose members were all read and that has no text
/// of its own gets none); members each get theirs.
fn collect(path: &str, extracted: &Extracted, max_findings: usize, out: &mut Vec<DocumentReport>) {
    let has_text = extracted.segments.iter().any(|s| !s.text.trim().is_empty());
    if extracted.children.is_empty()
        || has_text
        || !matches!(extracted.status, Status::Ok)
        || extracted.is_partial()
    {
        out.push(analyse(path, extracted, max_findings));
    }
    for child in &extracted.children {
        let child_path = format!("{path}!/{}", child.name);
        collect(&child_path, &child.extracted, max_findings, out);
    }
}

fn analyse(path: &str, extracted: &Extracted, max_findings: usize) -> DocumentReport {
    let format = Some(extracted.format.to_string());
    let (status, reason) = match &extracted.status {
        Status::Ok => (ScanStatus::Ok, None),
        Status::ImageWithoutText => (
            ScanStatus::ImageWithoutText,
            Some("the document holds images but no text layer (needs OCR)".to_owned()),
        ),
        Status::Encrypted => (
            ScanStatus::Encrypted,
            Some("the document is encrypted or password protected".to_owned()),
        ),
        Status::Corrupt(why) => (ScanStatus::Corrupt, Some(why.clone())),
        Status::Unsupported(why) => (ScanStatus::Unsupported, Some(why.clone())),
        Status::LimitExceeded(_, why) => (ScanStatus::LimitExceeded, Some(why.clone())),
    };
    // Read without a problem of its own, but something inside it was not read: never `ok`.
    let (status, reason) = if status == ScanStatus::Ok && extracted.is_partial() {
        (
            ScanStatus::Partial,
            Some(partial_reason(&extracted.partial)),
        )
    } else {
        (status, reason)
    };

    // Join segments with one newline and remember where each starts, to give findings a location.
    let mut text = String::new();
    let mut starts: Vec<usize> = Vec::with_capacity(extracted.segments.len());
    for (i, seg) in extracted.segments.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        starts.push(text.len());
        text.push_str(&seg.text);
    }
    let mut locators: Vec<kluis_extract::Locator<'_>> =
        extracted.segments.iter().map(|s| s.locator()).collect();

    let file_name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let mut findings_total = None;
    let (class, personal_data, special_categories, findings) = if text.trim().is_empty() {
        (
            DocumentClass::Other,
            PersonalDataKind::None,
            Vec::new(),
            Vec::new(),
        )
    } else {
        let limit = if max_findings == 0 {
            usize::MAX
        } else {
            max_findings
        };
        let (analysis, total) = analyze_bounded(&text, file_name, limit);
        if total > analysis.findings.len() {
            // A generated customer list can hold hundreds of thousands; the rest only costs memory downstream.
            findings_total = Some(total as u64);
        }
        let findings = analysis
            .findings
            .into_iter()
            .map(|f| {
                let seg = starts.partition_point(|s| *s <= f.start).saturating_sub(1);
                let location = match (starts.get(seg), locators.get_mut(seg)) {
                    (Some(&s), Some(l)) => l.at(f.start.saturating_sub(s)),
                    _ => None,
                };
                ReportFinding {
                    entity: f.entity,
                    value: f.value,
                    start: f.start,
                    end: f.end,
                    score: f.score,
                    location,
                }
            })
            .collect();
        let c = analysis.classification;
        (c.class, c.personal_data, c.special_categories, findings)
    };

    DocumentReport {
        path: path.to_owned(),
        class,
        personal_data,
        special_categories,
        findings,
        findings_total,
        status,
        reason,
        partial: extracted.partial.clone(),
        format,
        sha256: None,
        bytes: None,
    }
}

/// The reason of a `partial` report, in words: which kinds of content were not read.
fn partial_reason(reasons: &[kluis_extract::PartialReason]) -> String {
    let words: Vec<&str> = reasons.iter().map(|r| r.english()).collect();
    format!("not all of the document was read: {}", words.join(", "))
}

/// Texts longer than this are analysed in pieces of about `CHUNK` bytes, cut at line ends.
const WHOLE: usize = 4 << 20;
const CHUNK: usize = 1 << 20;

/// Analyses `text`; huge texts (generated lists, logs) piece by piece, so the detector's working memory stays
/// bounded (a 24 MB customer list otherwise costs the worker a quarter GB). The pieces' results are merged: the
/// kind is the highest, special categories the union, the class that of the first piece (where titles are).
/// Keeps the first `limit` findings; returns how many there were in all.
fn analyze_bounded(text: &str, file_name: &str, limit: usize) -> (kluis_pii::Analysis, usize) {
    let detector = kluis_pii::Detector::shared();
    if text.len() <= WHOLE {
        let mut a = detector.analyze(text, Some(file_name));
        let total = a.findings.len();
        a.findings.truncate(limit);
        return (a, total);
    }
    let mut total = 0;
    let mut merged: Option<kluis_pii::Analysis> = None;
    let mut pos = 0;
    while pos < text.len() {
        let mut end = (pos + CHUNK).min(text.len());
        if end < text.len() {
            end = match text[pos + CHUNK / 2..end].rfind('\n') {
                Some(i) => pos + CHUNK / 2 + i + 1,
                None => {
                    let mut e = end;
                    while !text.is_char_boundary(e) {
                        e -= 1;
                    }
                    e
                }
            };
        }
        let mut part = detector.analyze(&text[pos..end], Some(file_name));
        total += part.findings.len();
        let room = limit.saturating_sub(merged.as_ref().map_or(0, |m| m.findings.len()));
        part.findings.truncate(room);
        for f in &mut part.findings {
            f.start += pos;
            f.end += pos;
        }
        match &mut merged {
            None => merged = Some(part),
            Some(m) => {
                m.findings.append(&mut part.findings);
                let c = &mut m.classification;
                c.personal_data = c.personal_data.max(part.classification.personal_data);
                for cat in part.classification.special_categories {
                    if !c.special_categories.contains(&cat) {
                        c.special_categories.push(cat);
                    }
                }
            }
        }
        pos = end;
    }
    let merged = match merged {
        Some(mut m) => {
            m.classification.special_categories.sort();
            m
        }
        None => detector.analyze("", Some(file_name)),
    };
    (merged, total)
}
