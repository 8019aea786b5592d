//! Issue 16's documents at size: the AP notification PDF of a breach with every section filled and 10,000 people
//! affected (target < 500 ms), and the PDF of a DPIA with every question answered in long rich text, all three
//! risks, 20 measures and an action plan (target < 500 ms). Median of N runs (default 7, `-- --runs N`).
//!
//! `cargo bench -p kluis-export --bench breach_dpia`

#[path = "../tests/it/documents_sample.rs"]
mod documents_sample;

use kluis_domain::breach::authority::ap_form;
use kluis_export::{BreachFormat, DpiaPdfMeta, Lang, render_breach_notification, render_dpia_pdf};
use std::time::{Duration, Instant};

const TARGET: Duration = Duration::from_millis(500);

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn measure(name: &str, runs: usize, mut f: impl FnMut() -> usize) {
    // One warm-up run: the font is parsed and the catalogue loaded once per process.
    let size = f();
    let times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    let m = median(times);
    println!(
        "{name:<26} median {:>8.1} ms  ({} KiB)  target < {} ms: ratio {:.2} ({})",
        m.as_secs_f64() * 1e3,
        size / 1024,
        TARGET.as_millis(),
        m.as_secs_f64() / TARGET.as_secs_f64(),
        if m < TARGET { "met" } else { "NOT met" }
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(7usize)
        .max(1);
    println!("breach and DPIA documents, median of {runs} runs");

    let report = documents_sample::breach(10_000);
    let meta = documents_sample::meta();
    measure("ap notification pdf", runs, || {
        let form = ap_form(&report);
        match render_breach_notification(&form, &meta, BreachFormat::Pdf, Lang::Nl) {
            Ok(e) => e.bytes.len(),
            Err(e) => {
                eprintln!("notification: {e}");
                0
            }
        }
    });

    // Every answer six paragraphs with a list, as a DPIA written in the CNIL tool runs.
    let dpia = documents_sample::dpia(6, 20);
    let dpia_meta = DpiaPdfMeta {
        organisation: "Installatiebedrijf Één & Zonen B.V.",
        activity_name: Some("Salarisadministratie"),
        generated_on: time::macros::date!(2026 - 12 - 07),
        version: 3,
    };
    measure("dpia pdf (20 measures)", runs, || {
        match render_dpia_pdf(&dpia, &dpia_meta, Lang::Nl) {
            Ok(b) => b.len(),
            Err(e) => {
                eprintln!("dpia: {e}");
                0
            }
        }
    });
}
