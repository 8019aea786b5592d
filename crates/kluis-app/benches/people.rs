//! Issue 15's targets on a generated organisation, through the application's own entry points: the demo bakery's
//! register, 1,000,000 customers imported from a CSV file (`App::cli_import_relations`, timed), then set-based
//! bulk rows (2 consent records per relation, 100,000 invoices each linked to a relation, 100,000 ended
//! relationships) and a few people made the way a user makes them (relation, two consents, an uploaded invoice
//! the scanner and matcher link). Measured: relation search (exact e-mail, phone, postcode and name lookups,
//! p50/p95), the access bundle without document bytes (p50), the erasure of one person (p50, the WAL checkpoint
//! included), and the retention review sweep over all relations (median).
//!
//! ```text
//! cargo bench -p kluis-app --bench people                       # SQLite in a temp dir
//! KLUIS_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres cargo bench -p kluis-app --bench people
//! cargo bench -p kluis-app --bench people -- --relations 100000 # a smaller organisation
//! ```

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use kluis_app::testing::{origin, setup_input, test_config};
use kluis_app::{AccessOptions, Actor, App, ConsentInput, NewRequest, RelationInput, RequestStep};
use kluis_domain::relations::consent::{ConsentAction, ConsentChannel};
use kluis_domain::relations::requests::{RequestChannel, RequestKind, VerificationMethod};
use kluis_domain::relations::{Party, RelationField, RelationKind};
use kluis_i18n::Lang;
use kluis_store::testing::{PeopleBenchFill, fill_people_bench};

const GIVEN: [&str; 10] = [
    "Anna", "Bram", "Carla", "Daan", "Eva", "Finn", "Greet", "Hugo", "Iris", "Joost",
];
const FAMILY: [&str; 8] = [
    "Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
];

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn postcode(i: usize) -> String {
    format!(
        "{:04} {}{}",
        1000 + i % 9000,
        (b'A' + (i % 26) as u8) as char,
        (b'A' + ((i / 26) % 26) as u8) as char
    )
}

/// A Dutch customer file like the import benchmark's: every e-mail address and phone number distinct.
fn generate(path: &Path, rows: usize) {
    let mut w = BufWriter::new(std::fs::File::create(path).expect("csv"));
    writeln!(w, "Voornaam;Achternaam;E-mail;Telefoon;Postcode").expect("write");
    for i in 0..rows {
        writeln!(
            w,
            "{};{};klant{i}@voorbeeld.nl;06{:08};{}",
            GIVEN[i % GIVEN.len()],
            FAMILY[(i / 7) % FAMILY.len()],
            i % 100_000_000,
            postcode(i),
        )
        .expect("write");
    }
    w.flush().expect("flush");
}

/// The process's peak resident set (`VmHWM`), in KiB.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// (p50, p95, max) in milliseconds.
fn quantiles(mut t: Vec<Duration>) -> (f64, f64, f64) {
    t.sort();
    let at = |q: f64| ms(t[((t.len() - 1) as f64 * q).round() as usize]);
    (at(0.5), at(0.95), ms(t[t.len() - 1]))
}

async fn run_jobs(app: &App) {
    while app.run_one_job("bench").await.expect("job") {}
}

/// A customer made as a user makes one: the relation, consent given then withdrawn, and an invoice that names
/// them, uploaded and scanned so the matcher links it. Returns the relation id and e-mail address.
async fn person(app: &App, owner: &Actor, n: usize) -> (String, String) {
    let email = format!("persoon{n}@example.nl");
    let values = BTreeMap::from([
        (RelationField::GivenName, "Pieter".to_owned()),
        (RelationField::FamilyName, format!("Testpersoon{n}")),
        (RelationField::Email, email.clone()),
        (RelationField::Phone, format!("0612{n:06}")),
        (RelationField::Postcode, "3511 AB".to_owned()),
    ]);
    let relation = app
        .create_relation(
            owner,
            &RelationInput {
                party: Party::Person,
                kind: RelationKind::Customer,
                company: None,
                values,
                tags: Default::default(),
            },
        )
        .await
        .expect("relation");
    for action in [ConsentAction::Given, ConsentAction::Withdrawn] {
        app.record_consent(
            owner,
            &relation.id,
            &ConsentInput {
                purpose: "marketing.communications.email".parse().expect("purpose"),
                action,
                channel: ConsentChannel::Paper,
                statement_version: None,
                proof: "aanmeldformulier in de winkel".into(),
                parental: false,
                double_opt_in: false,
            },
            Lang::Nl,
            "http://127.0.0.1",
        )
        .await
        .expect("consent");
    }
    let invoice = format!(
        "Factuur 2026-{n:04}\nBakkerij De Korenschoof\nAan: Pieter Testpersoon{n}\nE-mail: {email}\n\
         1 bruidstaart  EUR 120,00\nTotaal EUR 120,00\n"
    );
    app.upload_document(owner, &format!("factuur-{n}.txt"), invoice.into_bytes())
        .await
        .expect("upload");
    (relation.id, email)
}

/// A verified request of `kind` from the person, ready to answer.
async fn request(
    app: &App,
    owner: &Actor,
    kind: RequestKind,
    relation: &str,
    email: &str,
) -> String {
    let id = app
        .create_request(
            owner,
            &NewRequest {
                kind,
                channel: RequestChannel::Email,
                requester_name: "Pieter".into(),
                requester_email: email.into(),
                received_at: None,
                received_local: None,
                relation_id: Some(relation.into()),
            },
        )
        .await
        .expect("request");
    app.request_step(
        owner,
        &id,
        RequestStep::VerifyIdentity {
            method: VerificationMethod::KnownChannel,
            note: "from the address on file".into(),
        },
    )
    .await
    .expect("verify");
    id
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(run());
}

async fn run() {
    let n = arg("--relations", 1_000_000);
    let people = arg("--people", 21).max(1);
    let searches = arg("--searches", 400).max(1);
    let env = test_config().await;
    let backend = if std::env::var("KLUIS_TEST_DATABASE_URL").is_ok_and(|v| !v.trim().is_empty()) {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let app = App::open(env.config.clone()).await.expect("open");
    let owner = app.setup(setup_input(), &origin()).await.expect("setup");
    app.cli_demo("acme", Lang::Nl).await.expect("demo");
    run_jobs(&app).await;
    println!("# people benchmark on {backend}\n");

    let csv = env.db.dir().join("klanten.csv");
    generate(&csv, n);
    let t = Instant::now();
    let imported = app
        .cli_import_relations("acme", &csv, None, false, &mut |_| {})
        .await
        .expect("import");
    let import_time = t.elapsed();
    println!(
        "import of {n} relations (in process, `App::cli_import_relations` as `kluis relations import` runs it): \
         {:.1} s, {} imported, {} refused, peak RSS of the whole process so far {:.1} MiB",
        import_time.as_secs_f64(),
        imported.imported,
        imported.skipped + imported.duplicates,
        peak_rss_kib() as f64 / 1024.0
    );
    let t = Instant::now();
    let now_ms = time::OffsetDateTime::now_utc().unix_timestamp() * 1000;
    let (consents, documents, links, ended) = fill_people_bench(
        app.store(),
        owner.scope.org_id(),
        PeopleBenchFill {
            consents_per_relation: 2,
            linked_documents: n / 10,
            ended_relations: n / 10,
            ended_on: "2016-06-30",
            now_ms,
        },
    )
    .await;
    // The fill bypasses the application, whose writers refresh the planner's statistics (the daily job does
    // too); do what the next day's job would.
    app.store().optimize().await.expect("optimize");
    println!(
        "bulk rows: {consents} consent records, {documents} documents, {links} links, {ended} ended \
         relationships in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let mut persons = Vec::new();
    for i in 0..people {
        persons.push(person(&app, &owner, i).await);
    }
    run_jobs(&app).await;
    let linked = app
        .relation_document_links(&owner, &persons[0].0)
        .await
        .expect("links")
        .len();
    assert!(linked >= 1, "the matcher linked no invoice to a person");

    // Search: exact lookups of the four kinds over the imported relations and the people.
    let mut times = Vec::with_capacity(searches);
    let mut found = 0;
    for s in 0..searches {
        let i = (s * 7919) % n;
        let q = match s % 5 {
            0 => format!("klant{i}@voorbeeld.nl"),
            1 => format!("06{:08}", i % 100_000_000),
            2 => postcode(i),
            3 => format!(
                "{} {}",
                GIVEN[i % GIVEN.len()],
                FAMILY[(i / 7) % FAMILY.len()]
            ),
            _ => persons[s % persons.len()].1.clone(),
        };
        let t = Instant::now();
        found += app
            .search_relations(&owner, &q)
            .await
            .expect("search")
            .len();
        times.push(t.elapsed());
    }
    let (p50, p95, max) = quantiles(times);
    println!(
        "relation search, {searches} queries ({found} hits): p50 {p50:.2} ms, p95 {p95:.2} ms, max {max:.2} ms"
    );

    let mut access = Vec::new();
    let mut bytes = 0;
    for (relation, email) in &persons {
        let id = request(&app, &owner, RequestKind::Access, relation, email).await;
        let t = Instant::now();
        let bundle = app
            .request_access_bundle(
                &owner,
                &id,
                AccessOptions {
                    document_bytes: false,
                },
            )
            .await
            .expect("access bundle");
        access.push(t.elapsed());
        bytes += bundle.bytes.len();
    }
    let (p50, p95, max) = quantiles(access);
    println!(
        "access bundle without document bytes, {people} people ({} KiB each): p50 {p50:.1} ms, p95 {p95:.1} ms, \
         max {max:.1} ms",
        bytes / people / 1024
    );

    let mut erasure = Vec::new();
    let mut kept = 0;
    for (relation, email) in &persons {
        let id = request(&app, &owner, RequestKind::Erasure, relation, email).await;
        let t = Instant::now();
        let outcome = app.request_erase(&owner, &id).await.expect("erase");
        erasure.push(t.elapsed());
        kept += outcome.lines.iter().filter(|l| l.verdict == "keep").count();
    }
    let (p50, p95, max) = quantiles(erasure);
    println!(
        "erasure of one person, {people} people ({kept} items kept in all): p50 {p50:.1} ms, p95 {p95:.1} ms, \
         max {max:.1} ms"
    );

    let runs = arg("--runs", 3).max(1);
    let mut sweeps = Vec::new();
    let mut due = 0;
    for _ in 0..runs {
        let t = Instant::now();
        due = app
            .retention_review(&owner)
            .await
            .expect("review")
            .lines
            .len();
        sweeps.push(t.elapsed());
    }
    let (p50, _, max) = quantiles(sweeps);
    println!(
        "retention review sweep over {n} relations ({due} lines): median {:.2} s, max {:.2} s ({runs} runs)",
        p50 / 1000.0,
        max / 1000.0
    );
}
