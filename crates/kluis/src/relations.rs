//! `kluis relations import|export`: customer files into an organisation's relations and its relations out.

use std::path::Path;
use std::process::ExitCode;

use kluis_app::{App, AppError, ExportFormat, ExportPurpose, ImportProblem};

use crate::commands::{Failure, write_new_file};

/// Exit status of a file that cannot be read, a refused mapping or an unknown organisation.
const EXIT_ERROR: u8 = 2;

fn error(org: &str, e: AppError) -> ExitCode {
    match e {
        AppError::NotFound => eprintln!("kluis: no organisation with the slug '{org}'"),
        AppError::Invalid { message, .. } => eprintln!("kluis: {message}"),
        e => eprintln!("kluis: {e}"),
    }
    ExitCode::from(EXIT_ERROR)
}

/// Imports `file`: every problem on stderr by row number as it is found, the totals on stdout. Exit 0 when a row
/// was imported (or would be, with a dry run) or the file held no data rows, 1 when rows were read but none could
/// be imported, 2 when nothing could be read or the mapping is refused.
pub async fn import(
    app: &App,
    org: &str,
    file: &Path,
    mapping: Option<&Path>,
    dry_run: bool,
) -> Result<ExitCode, Failure> {
    let mapping = match mapping {
        None => None,
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| Failure(format!("cannot read the mapping {}: {e}", p.display())))?;
            Some(serde_json::from_str(&text).map_err(|e| {
                Failure(format!(
                    "the mapping {} is not a mapping as JSON: {e}",
                    p.display()
                ))
            })?)
        }
    };
    let mut print = |p: &ImportProblem| eprintln!("{p}");
    let report = match app
        .cli_import_relations(org, file, mapping, dry_run, &mut print)
        .await
    {
        Ok(r) => r,
        Err(e) => return Ok(error(org, e)),
    };
    if let Some(e) = &report.error {
        eprintln!("kluis: the file could not be read to its end: {e}");
    }
    println!(
        "{}{} imported, {} skipped, {} duplicates, {} rows read",
        if dry_run { "dry run: " } else { "" },
        report.imported,
        report.skipped,
        report.duplicates,
        report.rows_read
    );
    Ok(
        if report.imported > 0 || report.rows_read == 0 && report.error.is_none() {
            ExitCode::SUCCESS
        } else if report.error.is_some() && report.rows_read == 0 {
            ExitCode::from(EXIT_ERROR)
        } else {
            ExitCode::FAILURE
        },
    )
}

/// Exports the organisation's relations to `output` (a new file).
pub async fn export(
    app: &App,
    org: &str,
    format: &str,
    purpose: &str,
    output: &Path,
) -> Result<ExitCode, Failure> {
    let format: ExportFormat = match format.parse() {
        Ok(f) => f,
        Err(_) => {
            return Err(Failure(format!(
                "unknown format '{format}': use csv or xlsx"
            )));
        }
    };
    let purpose: ExportPurpose = match purpose.parse() {
        Ok(p) => p,
        Err(_) => {
            return Err(Failure(format!(
                "unknown purpose '{purpose}': use general or marketing"
            )));
        }
    };
    if output.exists() {
        return Err(Failure(format!(
            "{} exists already: choose a new file",
            output.display()
        )));
    }
    let out = match app.cli_export_relations(org, format, purpose).await {
        Ok(o) => o,
        Err(e) => return Ok(error(org, e)),
    };
    write_new_file(output, &out.bytes)?;
    println!(
        "{} relations written to {}",
        out.relations,
        output.display()
    );
    Ok(ExitCode::SUCCESS)
}
