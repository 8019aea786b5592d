//! The retention sweep over a large organisation: 1,000,000 relations (customers and employees with three
//! fields each; one in ten with a relationship that ended 1 to 12 years ago), stored through the store, under
//! the NL starter rules for customer administration, invoicing and payroll. Measures the sweep as the daily
//! job runs it: the set-based candidate query over the start-event columns in batches, the fields of the
//! candidates, and the domain's decision for each; prints the time and how many relations are due.
//!
//! `cargo bench -p kluis-store --bench retention` (SQLite in a temp dir); with
//! `KLUIS_TEST_DATABASE_URL=postgres://…` on PostgreSQL. Options: `--relations N`, `--runs N`.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use kluis_domain::calendar::{parse_iso_date, utc_date_of_ms};
use kluis_domain::register::starter::template;
use kluis_domain::register::{
    ActivityStatus, DataCategory, Jurisdiction, ProcessingActivity, Register, RetentionStart,
};
use kluis_domain::relations::retention::{
    AppliedRule, RelationEvents, RetentionState, applicable_rules, decide, latest_event_due_by,
    relation_event_dates,
};
use kluis_domain::relations::{Party, RelationField, RelationKind};
use kluis_store::testing::fresh_store;
use kluis_store::{Cutoffs, OrgScope, RelationEventsRow, RelationRow, RelationValueRow, Store};
use uuid::Uuid;

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn register() -> Register {
    Register {
        activities: ["customer_administration", "invoicing", "payroll"]
            .iter()
            .map(|k| {
                let t = template(k).unwrap_or_else(|| panic!("no template {k}"));
                ProcessingActivity {
                    id: Uuid::new_v4(),
                    name: (*k).to_owned(),
                    status: ActivityStatus::Active,
                    ..(t.build)(Jurisdiction::Nl)
                }
            })
            .collect(),
        ..Default::default()
    }
}

const DAY_MS: i64 = 86_400_000;

async fn fill(store: &Store, n: usize, now: i64) -> OrgScope {
    let mut tx = store.begin_write().await.expect("tx");
    let (_, scope) = tx
        .insert_org(&Uuid::new_v4().to_string(), "bench", "Bench BV", 0)
        .await
        .expect("org");
    tx.commit().await.expect("commit");
    let today = utc_date_of_ms(now).expect("today");
    let mut done = 0;
    while done < n {
        let mut tx = store.begin_write().await.expect("tx");
        for i in done..(done + 5_000).min(n) {
            let id = Uuid::new_v4().to_string();
            let kind = if i % 10 == 0 {
                RelationKind::Employee
            } else {
                RelationKind::Customer
            };
            let value = |f: RelationField| RelationValueRow {
                field: f,
                value_enc: vec![0u8; 40],
                value_index: Some(format!("{i:016x}")),
            };
            let created = now - (i % 4000) as i64 * DAY_MS;
            tx.relations(&scope)
                .insert(&RelationRow {
                    id: id.clone(),
                    party: Party::Person,
                    kind,
                    company_id: None,
                    version: 1,
                    created_by: "bench".into(),
                    created_at: created,
                    updated_at: created,
                    values: vec![
                        value(RelationField::GivenName),
                        value(RelationField::Email),
                        value(RelationField::Postcode),
                    ],
                    tags: Vec::new(),
                })
                .await
                .expect("relation");
            if i % 10 == 3 {
                let ended = today - time::Duration::days(365 + (i % 4000) as i64);
                tx.retention(&scope)
                    .upsert_events(
                        &id,
                        &RelationEventsRow {
                            ended_on: Some(ended.to_string()),
                            ..Default::default()
                        },
                        now,
                    )
                    .await
                    .expect("events");
            }
        }
        tx.commit().await.expect("commit");
        done = (done + 5_000).min(n);
    }
    scope
}

/// The sweep as `App::retention_review` runs it for relations; returns how many are due.
async fn sweep(store: &Store, scope: &OrgScope, register: &Register, now: i64) -> usize {
    let today = utc_date_of_ms(now).expect("today");
    let by = today + time::Duration::days(30);
    let mut latest: HashMap<RetentionStart, time::Date> = HashMap::new();
    for a in &register.activities {
        for r in &a.retention {
            if let Some(d) = latest_event_due_by(r.period, by) {
                let e = latest.entry(r.starts).or_insert(d);
                *e = (*e).max(d);
            }
        }
    }
    let text = |s: RetentionStart| latest.get(&s).map(|d| d.to_string());
    let ms = |s: RetentionStart| {
        latest
            .get(&s)
            .map(|d| d.midnight().assume_utc().unix_timestamp() * 1000 + 2 * DAY_MS)
    };
    let cut = Cutoffs {
        ended_on: text(RetentionStart::EndOfContract).max(text(RetentionStart::EndOfProcedure)),
        employment_ended_on: text(RetentionStart::EndOfEmployment),
        fiscal_year_end_on: text(RetentionStart::EndOfFinancialYear),
        withdrawn_on: text(RetentionStart::Withdrawal),
        last_activity_on: text(RetentionStart::LastContact),
        updated_at_ms: ms(RetentionStart::LastContact),
        created_at_ms: ms(RetentionStart::Collection),
    };
    let r = store.retention(scope);
    let mut cache: HashMap<String, Vec<AppliedRule>> = HashMap::new();
    let mut after = String::new();
    let mut due = 0;
    loop {
        let batch = r
            .relation_candidates(&cut, &after, 2000)
            .await
            .expect("candidates");
        let Some(last) = batch.last() else { break };
        after = last.id.clone();
        let ids: Vec<String> = batch.iter().map(|c| c.id.clone()).collect();
        let mut fields: HashMap<String, Vec<RelationField>> = HashMap::new();
        for chunk in ids.chunks(500) {
            for (rid, f) in r.fields_of(chunk).await.expect("fields") {
                if let Ok(f) = f.parse() {
                    fields.entry(rid).or_default().push(f);
                }
            }
        }
        for c in &batch {
            let kind: RelationKind = c.kind.parse().expect("kind");
            let mut fs = fields.remove(&c.id).unwrap_or_default();
            fs.sort();
            let key = format!("{}|{fs:?}", c.kind);
            let rules = cache.entry(key).or_insert_with(|| {
                let cats: Vec<DataCategory> = fs.iter().map(|f| f.category()).collect();
                applicable_rules(register, &kind.subjects(false), &cats)
            });
            let events = relation_event_dates(&RelationEvents {
                ended: c.events.ended_on.as_deref().and_then(parse_iso_date),
                employment_ended: None,
                last_activity: None,
                fiscal_year_end: None,
                withdrawn: None,
                captured: utc_date_of_ms(c.created_at).expect("date"),
                last_change: utc_date_of_ms(c.updated_at).expect("date"),
            });
            if matches!(
                decide(rules, &events, false, today),
                RetentionState::Due { .. }
            ) {
                due += 1;
            }
        }
        if batch.len() < 2000 {
            break;
        }
    }
    due
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
    let runs = arg("--runs", 3).max(1);
    let (store, _db) = fresh_store().await;
    let now = time::OffsetDateTime::now_utc().unix_timestamp() * 1000;
    let started = Instant::now();
    let scope = fill(&store, n, now).await;
    eprintln!("filled {n} relations in {:.1?}", started.elapsed());
    let register = register();
    let mut times: Vec<Duration> = Vec::new();
    let mut due = 0;
    for _ in 0..runs {
        let t = Instant::now();
        due = sweep(&store, &scope, &register, now).await;
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "retention sweep over {n} relations: median {:.2?} (min {:.2?}, max {:.2?}, {runs} runs), {due} due",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}
