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
    let mut reports = match catch_unwind(AssertUnwindSafe(|| {
        let extracted = kluis_extract::extract(name, bytes, &limits);
        let mut out = Vec::new();
        collect(name, &extracted, &mut out);
        out
    })) {
        Ok(reports) => reports,
        Err(_) => vec![DocumentReport::failed(
            name,
            ScanStatus::Crashed,
            "the document parser panicked on this file",
        )],
    };
    if let Some(first) = reports.first_mut()
        && first.path == name
    {
        first.sha256 = Some(sha);
        first.bytes = Some(bytes.len() as u64);
    }
    reports
}

/// Turns an extraction result into reports, depth first. The container itself gets a report when it has text of
/// its own, failed, or is empty (an archive of members without text of its own gets none); members each get theirs.
fn collect(path: &str, extracted: &Extracted, out: &mut Vec<DocumentReport>) {
    let has_text = extracted.segments.iter().any(|s| !s.text.trim().is_empty());
    if extracted.children.is_empty() || has_text || !matches!(extracted.status, Status::Ok) {
        out.push(analyse(path, extracted));
    }
    for child in &extracted.children {
        let child_path = format!("{path}!/{}", child.name);
        collect(&child_path, &child.extracted, out);
    }
}

fn analyse(path: &str, extracted: &Extracted) -> DocumentReport {
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
        Status::LimitExceeded(why) => (ScanStatus::LimitExceeded, Some(why.clone())),
    };

    // Join segments with one newline and remember where each starts, to give findings a location.
    let mut text = String::new();
    let mut starts: Vec<(usize, Option<String>)> = Vec::with_capacity(extracted.segments.len());
    for (i, seg) in extracted.segments.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        starts.push((text.len(), seg.location.as_ref().map(|l| l.to_string())));
        text.push_str(&seg.text);
    }

    let file_name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let (class, personal_data, special_categories, findings) = if text.trim().is_empty() {
        (
            DocumentClass::Other,
            PersonalDataKind::None,
            Vec::new(),
            Vec::new(),
        )
    } else {
        let analysis = kluis_pii::Detector::shared().analyze(&text, Some(file_name));
        let findings = analysis
            .findings
            .into_iter()
            .map(|f| {
                let seg = starts
                    .partition_point(|(s, _)| *s <= f.start)
                    .saturating_sub(1);
                ReportFinding {
                    entity: f.entity,
                    value: f.value,
                    start: f.start,
                    end: f.end,
                    score: f.score,
                    location: starts.get(seg).and_then(|(_, l)| l.clone()),
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
        status,
        reason,
        format,
        sha256: None,
        bytes: None,
    }
}
