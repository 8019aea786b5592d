//! `report SETS_DIR [--misses]`: scans and scores every labelled set under a directory, one line per set.
//!
//! A set is a directory holding `labels.jsonl` and its documents, in `docs/` or beside the labels (SETS_DIR itself
//! counts when it is one). Each labelled document goes through kluis-extract and kluis-pii as `scan` does and is
//! scored as `score` (and score.py) would score that scan.

use crate::{scan, score};
use anyhow::{Context, Result, bail};
use kluis_pii::Detector;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(args: &[String]) -> Result<()> {
    let misses = args.iter().any(|a| a == "--misses");
    let Some(root) = args.iter().find(|a| *a != "--misses") else {
        bail!("usage: kluis-pii-eval report SETS_DIR [--misses]");
    };
    let sets = labelled_sets(Path::new(root))?;
    if sets.is_empty() {
        bail!("no labelled set (a directory with labels.jsonl) in {root}");
    }
    let width = sets
        .iter()
        .map(|(name, _)| name.chars().count())
        .max()
        .unwrap_or(0)
        .max(3);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:width$} {:>5}  {:>9} {:>9} {:>9}  {:>9} {:>9}  {:>18}  {:>13} {:>13}",
        "set",
        "docs",
        "entity_p",
        "entity_r",
        "entity_f1",
        "class_acc",
        "kind_acc",
        "special_doc_recall",
        "special_cat_p",
        "special_cat_r"
    )?;
    for (name, dir) in &sets {
        let summary = score_set(dir).with_context(|| format!("set {name}"))?;
        let show = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |x| format!("{x:.4}"));
        let missing = if summary.missing > 0 {
            format!("  ({} labelled documents not found)", summary.missing)
        } else {
            String::new()
        };
        writeln!(
            out,
            "{name:width$} {:>5}  {:>9.4} {:>9.4} {:>9.4}  {:>9.4} {:>9.4}  {:>18}  {:>13} {:>13}{missing}",
            summary.documents,
            summary.entity_precision,
            summary.entity_recall,
            summary.entity_f1,
            summary.class_accuracy,
            summary.kind_accuracy,
            show(summary.special_doc_recall),
            show(summary.special_category_precision),
            show(summary.special_category_recall),
        )?;
        if misses {
            for line in summary.misses_report().lines() {
                writeln!(out, "    {line}")?;
            }
        }
    }
    Ok(())
}

/// The sets under `root`, by name: `root` itself when it holds labels.jsonl, then its subdirectories that do.
fn labelled_sets(root: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut sets = Vec::new();
    if root.join("labels.jsonl").is_file() {
        let name = root
            .file_name()
            .map_or_else(|| ".".to_owned(), |n| n.to_string_lossy().into_owned());
        sets.push((name, root.to_path_buf()));
    }
    let mut subdirs: Vec<PathBuf> = std::fs::read_dir(root)
        .with_context(|| format!("reading {}", root.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("labels.jsonl").is_file())
        .collect();
    subdirs.sort();
    for dir in subdirs {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        sets.push((name, dir));
    }
    Ok(sets)
}

/// Scans the labelled documents of one set and scores them. Only labelled files are read: score.py looks at no
/// other, and a labelled file that is not there counts as missing from the scan, as it does there.
fn score_set(dir: &Path) -> Result<score::Summary> {
    let labels = score::read_labels(&dir.join("labels.jsonl"))?;
    let docs = if dir.join("docs").is_dir() {
        dir.join("docs")
    } else {
        dir.to_path_buf()
    };
    let det = Detector::shared();
    let mut records = Vec::with_capacity(labels.len());
    for label in &labels {
        let path = docs.join(&label.file);
        if !path.is_file() {
            continue;
        }
        let text =
            scan::extracted_text(&path).with_context(|| format!("reading {}", path.display()))?;
        records.push(scan::record(
            &label.file,
            &det.analyze(&text, Some(&label.file)),
        ));
    }
    score::score(&labels, &records)
}
