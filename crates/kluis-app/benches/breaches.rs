//! Issue 16's breach targets through the application's entry points: the demo bakery with 10,000 customers
//! imported from a CSV file and 1,000 invoices each linked to one of them; a breach that affects every customer
//! (selected by kind) and the invoices (by folder). Measured: opening the breach (`App::breach`: facts, counts,
//! guidance, notifications, timeline; p50/p95 of 50) against < 50 ms, and recomputing the people affected after
//! a hand correction (`App::correct_affected`: the correction and the recount in one transaction; p50/p95 of
//! 30) against < 200 ms; the selection itself is reported too.
//!
//! ```text
//! cargo bench -p kluis-app --bench breaches                       # SQLite in a temp dir
//! KLUIS_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres cargo bench -p kluis-app --bench breaches
//! cargo bench -p kluis-app --bench breaches -- --relations 50000
//! ```

use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use kluis_app::testing::{origin, setup_input, test_config};
use kluis_app::{AffectedSelection, AffectedTarget, App, BreachInput};
use kluis_domain::breach::incident::{BreachCause, DataEvent};
use kluis_domain::relations::RelationKind;
use kluis_i18n::Lang;
use kluis_store::testing::{PeopleBenchFill, fill_people_bench};

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn generate(path: &Path, rows: usize) {
    let mut w = BufWriter::new(std::fs::File::create(path).expect("csv"));
    writeln!(w, "Voornaam;Achternaam;E-mail;Telefoon").expect("write");
    for i in 0..rows {
        writeln!(
            w,
            "Klant;Nummer{i};klant{i}@voorbeeld.nl;06{:08}",
            i % 100_000_000
        )
        .expect("write");
    }
    w.flush().expect("flush");
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn quantiles(mut t: Vec<Duration>) -> (f64, f64) {
    t.sort();
    let at = |q: f64| ms(t[((t.len() - 1) as f64 * q).round() as usize]);
    (at(0.5), at(0.95))
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(run());
}

async fn run() {
    let n = arg("--relations", 10_000);
    let env = test_config().await;
    let backend = if std::env::var("KLUIS_TEST_DATABASE_URL").is_ok_and(|v| !v.trim().is_empty()) {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    let app = App::open(env.config.clone()).await.expect("open");
    let owner = app.setup(setup_input(), &origin()).await.expect("setup");
    app.cli_demo("acme", Lang::Nl).await.expect("demo");
    while app.run_one_job("bench").await.expect("job") {}
    println!("# breaches benchmark on {backend}\n");
    let csv = env.db.dir().join("klanten.csv");
    generate(&csv, n);
    app.cli_import_relations("acme", &csv, None, false, &mut |_| {})
        .await
        .expect("import");
    fill_people_bench(
        app.store(),
        owner.scope.org_id(),
        PeopleBenchFill {
            consents_per_relation: 0,
            linked_documents: n / 10,
            ended_relations: 0,
            ended_on: "2016-06-30",
            now_ms: time::OffsetDateTime::now_utc().unix_timestamp() * 1000,
        },
    )
    .await;
    app.store().optimize().await.expect("optimize");

    let id = app
        .create_breach(
            &owner,
            &BreachInput {
                summary: "Laptop with the customer file stolen from a car".into(),
                events: vec![DataEvent::Stolen],
                cause: Some(BreachCause::LostOrStolenDevice),
                ..BreachInput::default()
            },
        )
        .await
        .expect("breach");
    let t = Instant::now();
    let kind = app
        .select_affected(
            &owner,
            &id,
            &AffectedSelection::Kind(RelationKind::Customer),
        )
        .await
        .expect("select by kind");
    let by_kind = t.elapsed();
    let t = Instant::now();
    let folder = app
        .select_affected(&owner, &id, &AffectedSelection::Folder("facturen/".into()))
        .await
        .expect("select by folder");
    let by_folder = t.elapsed();
    println!(
        "select by kind: {} relations in {:.1} ms; by folder: {} documents in {:.1} ms; {} people affected",
        kind.relations_added,
        ms(by_kind),
        folder.documents_added,
        ms(by_folder),
        folder.totals.people
    );
    assert!(
        folder.totals.people as usize >= n,
        "every customer is affected"
    );

    let mut open = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        let v = app.breach(&owner, &id).await.expect("open");
        open.push(t.elapsed());
        assert!(v.affected.people as usize >= n);
    }
    let (p50, p95) = quantiles(open);
    println!(
        "open a breach with {} linked people: p50 {p50:.2} ms, p95 {p95:.2} ms (target < 50 ms)",
        folder.totals.people
    );

    let people = app.breach_people(&owner, &id, 0).await.expect("people");
    let mut recount = Vec::new();
    for i in 0..30 {
        let target = AffectedTarget::Relation(people[i % people.len()].relation_id.clone());
        let t = Instant::now();
        let c = app
            .correct_affected(&owner, &id, &target, i % 2 == 1)
            .await
            .expect("correct");
        recount.push(t.elapsed());
        assert!(c.people as usize >= n - 1);
    }
    let (p50, p95) = quantiles(recount);
    println!("hand correction and recount: p50 {p50:.2} ms, p95 {p95:.2} ms (target < 200 ms)");
}
