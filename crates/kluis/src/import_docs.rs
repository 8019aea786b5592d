//! `kluis import-docs`: uploads files and folders into an organisation, scans them and prints what was found.

use std::path::PathBuf;
use std::process::ExitCode;

use kluis_app::{App, AppError, ImportReport};

use crate::commands::Failure;

/// Imports `paths` into organisation `org`. Exit 0 when at least one file was imported or was already there
/// (per-file failures are listed), 1 when nothing could be imported; an unknown organisation is an error
/// (non-zero exit).
pub async fn run(app: &App, org: &str, paths: &[PathBuf]) -> Result<ExitCode, Failure> {
    let report = match app.import_documents(org, paths).await {
        Ok(r) => r,
        Err(AppError::NotFound) => {
            return Err(Failure(format!("no organisation with the slug '{org}'")));
        }
        Err(e) => return Err(Failure(e.to_string())),
    };
    print_report(&report);
    Ok(if report.imported + report.skipped == 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn print_report(report: &ImportReport) {
    for f in &report.files {
        match &f.result {
            Ok(d) if f.skipped => {
                println!(
                    "{}\tskipped: already imported as {}",
                    f.path.display(),
                    d.path
                );
            }
            Ok(d) => {
                let kind = d.personal_data.map_or("-", |k| k.as_str());
                let class = d.class.map_or("-", |c| c.as_str());
                let scan = d.scan_status.map_or("-", |s| s.as_str());
                let reason = d
                    .scan_reason
                    .as_deref()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default();
                println!(
                    "{}\t{}\t{kind}\t{class}\t{scan}{reason}",
                    f.path.display(),
                    d.status
                );
            }
            Err(why) => {
                println!("{}\tnot imported: {why}", f.path.display());
            }
        }
    }
    let kinds: Vec<String> = report
        .by_kind
        .iter()
        .map(|(k, n)| format!("{} {n}", k.map_or("unscanned", |k| k.as_str())))
        .collect();
    let statuses: Vec<String> = report
        .by_status
        .iter()
        .map(|(s, n)| format!("{s} {n}"))
        .collect();
    println!(
        "Imported {} file(s), {} not imported, {} skipped (content already imported). Personal data: {}. \
         Status: {}.",
        report.imported,
        report.failed,
        report.skipped,
        if kinds.is_empty() {
            "-".into()
        } else {
            kinds.join(", ")
        },
        if statuses.is_empty() {
            "-".into()
        } else {
            statuses.join(", ")
        },
    );
}
