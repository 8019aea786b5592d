//! Register exports at the size: the PDF of a register with 200 activities (target < 1 s), and the other
//! formats beside it. Median of N runs (default 7, `-- --runs N`), printed with the ratio to the target.
//!
//! `cargo bench -p kluis-export --bench register`

use kluis_domain::legal_basis::LawfulBasis;
use kluis_domain::register::*;
use kluis_export::{ExportOptions, Lang, RegisterFormat, render_register};
use std::time::{Duration, Instant};
use uuid::Uuid;

const ACTIVITIES: usize = 200;
const TARGET_PDF: Duration = Duration::from_secs(1);

fn parse<T: std::str::FromStr>(keys: &[&str]) -> Vec<T> {
    keys.iter().filter_map(|k| k.parse().ok()).collect()
}

/// 200 activities with realistic field lengths: the starter library's templates in turn (their own purposes,
/// categories and retention), named, with a long description, a recipient and a third of the measures catalogue.
fn register() -> Register {
    let recipients: Vec<Recipient> = (0..50)
        .map(|i| Recipient {
            id: Uuid::from_u128(10_000 + i),
            name: format!("Verwerker {i} B.V."),
            country: if i % 10 == 0 {
                "US".into()
            } else {
                "NL".into()
            },
            services: "Hosting, back-ups en e-mail voor de administratie".into(),
            categories: parse(&["user.name", "user.contact.email"]),
            agreements: vec![ProcessingAgreement::default()],
            ..Default::default()
        })
        .collect();
    let templates = starter::TEMPLATES;
    let activities = (0..ACTIVITIES)
        .map(|i| {
            let mut a = match templates.get(i % templates.len().max(1)) {
                Some(t) => (t.build)(Jurisdiction::Nl),
                None => ProcessingActivity::default(),
            };
            a.id = Uuid::from_u128(i as u128 + 1);
            a.name = format!("Verwerking {i}: klantenadministratie en facturatie");
            a.description = "Gegevens van klanten voor offertes, orders, leveringen, facturen en \
                aanmaningen; de boekhouding volgt de fiscale bewaarplicht."
                .repeat(2);
            a.status = ActivityStatus::Active;
            // The template's own purposes, subjects and categories: what a real activity holds.
            if a.purposes.is_empty() {
                a.purposes = Purpose::all().take(2).collect();
            }
            if a.subjects.is_empty() {
                a.subjects = DataSubjectCategory::all().take(2).collect();
            }
            if a.categories.is_empty() {
                a.categories = DataCategory::all().take(8).collect();
            }
            a.lawful_basis = a.lawful_basis.or(Some(LawfulBasis::Contract));
            a.recipients = vec![Uuid::from_u128(10_000 + (i as u128 % 50))];
            a.other_recipients = vec!["Belastingdienst".into(), "Accountant".into()];
            a.measures = measures::MEASURES
                .iter()
                .map(|m| m.key.to_owned())
                .collect();
            a.measures_note =
                "Toegang per rol, versleutelde back-ups, tweestapsverificatie.".into();
            a
        })
        .collect();
    Register {
        organisation: "bench".into(),
        profile: OrgProfile {
            legal_name: "Installatiebedrijf Één & Zonen B.V.".into(),
            jurisdiction: Some(Jurisdiction::Nl),
            ..Default::default()
        },
        activities,
        recipients,
        ..Default::default()
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
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
    let reg = register();
    let opts = ExportOptions::default();
    println!("register exports: {ACTIVITIES} activities, 50 recipients, median of {runs} runs");
    for format in RegisterFormat::ALL {
        // One warm-up run: the font is parsed and the catalogue loaded once per process.
        let mut size = 0;
        if let Ok(e) = render_register(&reg, format, Lang::Nl, &opts) {
            size = e.bytes.len();
        }
        let times: Vec<Duration> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                let r = render_register(&reg, format, Lang::Nl, &opts);
                let d = t.elapsed();
                if let Err(e) = r {
                    eprintln!("{format}: {e}");
                }
                d
            })
            .collect();
        let m = median(times);
        if format == RegisterFormat::Pdf {
            println!(
                "{:<11} median {:>8.1} ms  ({} KiB)  target < {} ms: ratio {:.2} ({})",
                format.as_str(),
                m.as_secs_f64() * 1e3,
                size / 1024,
                TARGET_PDF.as_millis(),
                m.as_secs_f64() / TARGET_PDF.as_secs_f64(),
                if m < TARGET_PDF { "met" } else { "NOT met" }
            );
        } else {
            println!(
                "{:<11} median {:>8.1} ms  ({} KiB)",
                format.as_str(),
                m.as_secs_f64() * 1e3,
                size / 1024
            );
        }
    }
}
