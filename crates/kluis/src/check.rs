//! `kluis check`: the compliance report of one organisation as a table or JSON, with an exit code for
//! "findings at or above a severity", so a script or a scheduled job can act on it.

use std::process::ExitCode;

use kluis_app::{App, AppError, ComplianceReport};
use kluis_domain::register::compliance::Severity;
use kluis_web::i18n::{Lang, Tr};

use crate::cli::{CheckArgs, CheckFormat};
use crate::commands::Failure;

/// Exit status when a finding at or above `--fail-on` is open.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status for a usage or runtime error (unknown organisation, unreachable database); clap uses it too.
pub const EXIT_ERROR: u8 = 2;

/// Runs the check. Ok(0) when no finding is at or above the level, Ok(1) when one is; errors exit 2 (main).
pub async fn run(app: &App, args: &CheckArgs) -> Result<ExitCode, Failure> {
    let actor = match app.cli_reader(&args.org).await {
        Ok(a) => a,
        Err(AppError::NotFound) => {
            return Err(Failure(format!(
                "no organisation with the slug '{}'",
                args.org
            )));
        }
        Err(e) => return Err(Failure(e.to_string())),
    };
    let report = app
        .compliance_report(&actor)
        .await
        .map_err(|e| Failure(e.to_string()))?;
    let tr = Tr::new(if args.lang == "nl" {
        Lang::Nl
    } else {
        Lang::En
    });
    match args.format {
        CheckFormat::Table => print_table(&tr, &args.org, &report),
        CheckFormat::Json => print_json(&tr, &args.org, &report)?,
    }
    let level: Severity = args.fail_on.into();
    Ok(if report.counts.at_least(level) > 0 {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_table(tr: &Tr, org: &str, r: &ComplianceReport) {
    println!(
        "Compliance score: {}/100 (critical {}, high {}, medium {}, low {})",
        r.score, r.counts.critical, r.counts.high, r.counts.medium, r.counts.low
    );
    if r.findings.is_empty() {
        println!("{}", tr.t("compliance-none"));
        return;
    }
    let rows: Vec<[String; 4]> = r
        .findings
        .iter()
        .map(|f| {
            let v = kluis_web::finding_view(tr, org, f);
            [
                f.severity.as_str().to_owned(),
                f.article.clone(),
                v.text,
                v.href,
            ]
        })
        .collect();
    let header = [
        "SEVERITY".to_owned(),
        "ARTICLE".to_owned(),
        "FINDING".to_owned(),
        "FIX".to_owned(),
    ];
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([header[i].len()])
            .max()
            .unwrap_or(0)
    };
    let (w0, w1, w2) = (width(0), width(1), width(2));
    for row in std::iter::once(&header).chain(rows.iter()) {
        println!("{:w0$}  {:w1$}  {:w2$}  {}", row[0], row[1], row[2], row[3]);
    }
}

fn print_json(tr: &Tr, org: &str, r: &ComplianceReport) -> Result<(), Failure> {
    let finding = |f: &kluis_domain::register::compliance::Finding| {
        let v = kluis_web::finding_view(tr, org, f);
        serde_json::json!({
            "rule": f.id,
            "severity": f.severity,
            "article": f.article,
            "step": f.step,
            "subject": f.subject,
            "fix_path": v.href,
            "message_key": f.message,
            "args": f.args,
            "message": v.text,
            "explanation": v.explain,
        })
    };
    let doc = serde_json::json!({
        "organisation": org,
        "score": r.score,
        "counts": r.counts,
        "findings": r.findings.iter().map(finding).collect::<Vec<_>>(),
        "top_three": r.top_three.iter().map(finding).collect::<Vec<_>>(),
        "trend": r.trend,
    });
    let text = serde_json::to_string_pretty(&doc)
        .map_err(|e| Failure(format!("cannot write the report as JSON: {e}")))?;
    println!("{text}");
    Ok(())
}
