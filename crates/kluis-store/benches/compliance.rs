//! The compliance check of a large organisation: 50,000 documents with findings, 200 processing activities (on
//! the starter templates) and 50 processors with agreements, all stored through the store. Measures the whole
//! path the report takes: loading the register, the grouped holdings query, the inventory and the check; prints
//! the median of the runs.
//!
//! `cargo bench -p kluis-store --bench compliance` (SQLite in a temp dir); with
//! `KLUIS_TEST_DATABASE_URL=postgres://…` on PostgreSQL. Options: `--documents N`, `--runs N`.

use std::time::{Duration, Instant};

use kluis_domain::legal_basis::LawfulBasis;
use kluis_domain::register::compliance::{CheckContext, Score, check};
use kluis_domain::register::inventory::{DocumentHoldings, Inventory};
use kluis_domain::register::model::{
    ActivityStatus, Art28Checklist, DpiaStatus, Period, PeriodUnit, ProcessingActivity,
    ProcessingAgreement, Recipient, RecipientRole, Register, RetentionAction, RetentionRule,
    RetentionStart, SubProcessor,
};
use kluis_domain::register::{DataCategory, Jurisdiction, starter};
use kluis_domain::{
    Classification, DocumentClass, DocumentStatus, EntityType, PersonalDataKind, ScanStatus,
    SpecialCategory,
};
use kluis_store::testing::fresh_store;
use kluis_store::{ChangeBy, DocumentScan, FindingRow, NewDocument, OrgScope, Store};
use uuid::Uuid;

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

const CLASSES: &[DocumentClass] = &[
    DocumentClass::Invoice,
    DocumentClass::Correspondence,
    DocumentClass::Contract,
    DocumentClass::Payslip,
    DocumentClass::CustomerList,
    DocumentClass::Other,
];

/// Inserts `n` documents: every one with a name and an e-mail address, one in ten with a BSN, one in twenty
/// with health data, one in fifty an ID copy; one in five inside one of 100 archives.
async fn fill(store: &Store, n: usize) -> OrgScope {
    let mut tx = store.begin_write().await.expect("tx");
    let (_, scope) = tx
        .insert_org(&Uuid::new_v4().to_string(), "bench", "Bench BV", 0)
        .await
        .expect("org");
    tx.commit().await.expect("commit");
    let archives: Vec<String> = (0..100).map(|_| Uuid::new_v4().to_string()).collect();
    let mut done = 0;
    while done < n {
        let mut tx = store.begin_write().await.expect("tx");
        if done == 0 {
            for (i, id) in archives.iter().enumerate() {
                tx.documents(&scope)
                    .insert(&new_doc(id, None, &format!("archief-{i}.zip")))
                    .await
                    .expect("archive");
            }
        }
        for i in done..(done + 2_000).min(n) {
            let id = Uuid::new_v4().to_string();
            let parent = (i % 5 == 0).then(|| archives[i % archives.len()].clone());
            let mut docs = tx.documents(&scope);
            docs.insert(&new_doc(&id, parent, &format!("doc-{i}.txt")))
                .await
                .expect("doc");
            let special = if i % 20 == 0 {
                vec![SpecialCategory::Health]
            } else {
                Vec::new()
            };
            let class = if i % 50 == 0 {
                DocumentClass::IdCopy
            } else {
                CLASSES[i % CLASSES.len()]
            };
            let mut types = vec![EntityType::PersonName, EntityType::Email];
            if i % 10 == 0 {
                types.push(EntityType::Bsn);
            }
            docs.set_scan(
                &id,
                &DocumentScan {
                    status: DocumentStatus::Scanned,
                    scan_status: Some(ScanStatus::Ok),
                    scan_reason: None,
                    verdict: Classification {
                        class: Some(class),
                        personal_data: Some(PersonalDataKind::Generic),
                        special_categories: special,
                    },
                    findings_total: 2,
                    entity_types: types.clone(),
                    format: None,
                    sha256: None,
                    size: None,
                    scanned_at: Some(0),
                },
            )
            .await
            .expect("scan");
            for t in types {
                docs.insert_finding(&finding(&scope, &id, t))
                    .await
                    .expect("finding");
            }
        }
        tx.commit().await.expect("commit");
        done = (done + 2_000).min(n);
    }
    scope
}

fn new_doc(id: &str, parent: Option<String>, name: &str) -> NewDocument {
    NewDocument {
        id: id.to_owned(),
        parent_id: parent,
        name: name.to_owned(),
        path: name.to_owned(),
        size: Some(100),
        sha256: None,
        content_type: "text/plain".into(),
        format: None,
        blob_key: None,
        status: DocumentStatus::Queued,
        uploaded_by: "bench".into(),
        created_at: 0,
    }
}

fn finding(scope: &OrgScope, doc: &str, t: EntityType) -> FindingRow {
    FindingRow {
        id: Uuid::new_v4().to_string(),
        org_id: scope.org_id().to_owned(),
        document_id: doc.to_owned(),
        entity_type: t,
        value_enc: vec![0; 32],
        value_masked: "***".into(),
        value_index: Uuid::new_v4().simple().to_string(),
        start: 0,
        end: 5,
        score_milli: 900,
        location: None,
        created_at: 0,
    }
}

/// 200 activities over the vocabulary's categories (some with gaps), 50 processors with agreements (some
/// expired or incomplete, some outside the EEA).
fn register() -> Register {
    let cats: Vec<DataCategory> = DataCategory::all().collect();
    let recipients: Vec<Recipient> = (0..50)
        .map(|i| Recipient {
            id: Uuid::new_v4(),
            name: format!("Verwerker {i}"),
            role: RecipientRole::Processor,
            country: if i % 10 == 0 {
                "US".into()
            } else {
                "NL".into()
            },
            categories: vec![cats[i % cats.len()]],
            sub_processors: vec![SubProcessor {
                name: format!("Sub {i}"),
                country: if i % 7 == 0 { "IN".into() } else { "DE".into() },
                service: "hosting".into(),
            }],
            agreements: vec![ProcessingAgreement {
                id: Uuid::new_v4(),
                signed_on: time::Date::from_calendar_date(2024, time::Month::January, 1).ok(),
                expires_on: (i % 6 == 0)
                    .then(|| time::Date::from_calendar_date(2025, time::Month::January, 1).ok())
                    .flatten(),
                checklist: Art28Checklist {
                    documented_instructions: true,
                    confidentiality: true,
                    security: i % 4 != 0,
                    sub_processors: true,
                    data_subject_rights: true,
                    assists_compliance: true,
                    deletion_or_return: true,
                    audits: true,
                },
                ..Default::default()
            }],
            ..Default::default()
        })
        .collect();
    let templates = starter::TEMPLATES;
    let activities = (0..200)
        .map(|i| ProcessingActivity {
            // A starter template's fields (description, purposes, subjects, measures, retention...) as the base:
            // stored activities as long as real ones.
            ..(templates[i % templates.len()].build)(Jurisdiction::Nl)
        })
        .enumerate()
        .map(|(i, base)| ProcessingActivity {
            id: Uuid::new_v4(),
            name: format!("Verwerking {i}"),
            status: if i % 10 == 0 {
                ActivityStatus::Draft
            } else {
                ActivityStatus::Active
            },
            categories: vec![cats[i % cats.len()], cats[(i + 1) % cats.len()]],
            lawful_basis: (i % 13 != 0).then_some(LawfulBasis::Contract),
            recipients: vec![recipients[i % 50].id, recipients[(i + 7) % 50].id],
            retention: if i % 9 == 0 {
                Vec::new()
            } else {
                vec![RetentionRule {
                    category: None,
                    period: Period {
                        amount: 7,
                        unit: PeriodUnit::Years,
                    },
                    starts: RetentionStart::EndOfFinancialYear,
                    action: RetentionAction::Delete,
                    legal_reference: "art. 52 AWR".into(),
                }]
            },
            dpia: if i % 3 == 0 {
                DpiaStatus::NotScreened
            } else {
                DpiaStatus::NotRequired
            },
            ..base
        })
        .collect();
    Register {
        organisation: "Bench BV".into(),
        activities,
        recipients,
        ..Default::default()
    }
}

/// Stores the register's activities, recipients and agreements as the register pages do.
async fn store_register(store: &Store, scope: &OrgScope, reg: &Register) {
    let mut tx = store.begin_write().await.expect("tx");
    let by = || ChangeBy {
        actor: "bench",
        at: 0,
    };
    for a in &reg.activities {
        tx.activities(scope)
            .insert(a, &["name"], "bench", 0)
            .await
            .expect("activity");
    }
    for r in &reg.recipients {
        tx.recipients(scope)
            .insert(r, &["name"], by())
            .await
            .expect("recipient");
        for a in &r.agreements {
            tx.recipients(scope)
                .insert_agreement(&r.id.to_string(), a, &["signed_on"], by())
                .await
                .expect("agreement");
        }
    }
    tx.commit().await.expect("commit");
}

/// The register as the compliance check reads it: activities, recipients and their agreements from the store.
async fn load_register(store: &Store, scope: &OrgScope, base: &Register) -> Register {
    let activities = store.activities(scope).list().await.expect("activities");
    let rs = store.recipients(scope);
    let mut agreements = rs.agreements().await.expect("agreements");
    let recipients = rs
        .list()
        .await
        .expect("recipients")
        .into_iter()
        .map(|row| {
            let id = row.recipient.id.to_string();
            let mut r = row.recipient;
            let (mine, rest) = agreements.drain(..).partition(|a| a.recipient_id == id);
            agreements = rest;
            r.agreements = mine
                .into_iter()
                .map(|a: kluis_store::AgreementRow| a.agreement)
                .collect();
            r
        })
        .collect();
    Register {
        activities: activities.into_iter().map(|r| r.activity).collect(),
        recipients,
        ..base.clone()
    }
}

fn main() {
    let n = arg("--documents", 50_000);
    let runs = arg("--runs", 21);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let (store, db) = fresh_store().await;
        let t = Instant::now();
        let scope = fill(&store, n).await;
        eprintln!(
            "backend {}: {n} documents inserted in {:.1} s",
            db.backend().as_str(),
            t.elapsed().as_secs_f64()
        );
        let reg = register();
        store_register(&store, &scope, &reg).await;
        let today = time::OffsetDateTime::now_utc().date();
        let mut times: Vec<Duration> = Vec::new();
        let mut phases: Vec<[Duration; 4]> = Vec::new();
        let mut findings = 0;
        let mut score = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let loaded = load_register(&store, &scope, &reg).await;
            let t0 = t.elapsed();
            let c = store.compliance(&scope);
            let rows = c
                .document_counts(DocumentClass::IdCopy)
                .await
                .expect("holdings");
            let t1 = t.elapsed();
            let holdings = DocumentHoldings::build(rows);
            let t2 = t.elapsed();
            let inv = Inventory::compute(&loaded, &holdings);
            let found = check(&loaded, &inv, &CheckContext::new(today));
            let s = Score::of(&found);
            times.push(t.elapsed());
            phases.push([t0, t1 - t0, t2 - t1, t.elapsed() - t2]);
            findings = found.len();
            score = s.score;
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let median_of = |i: usize| {
            let mut v: Vec<Duration> = phases.iter().map(|p| p[i]).collect();
            v.sort();
            ms(v[v.len() / 2])
        };
        println!(
            "  phases (medians): register load {:.1} ms, holdings query {:.1} ms, holdings build {:.1} ms, \
             inventory + check {:.1} ms",
            median_of(0),
            median_of(1),
            median_of(2),
            median_of(3)
        );
        println!(
            "compliance check, {} backend, {n} documents, 200 activities, 50 processors: median {:.1} ms, \
             min {:.1} ms, max {:.1} ms over {runs} runs ({findings} findings, score {score})",
            db.backend().as_str(),
            ms(times[times.len() / 2]),
            ms(times[0]),
            ms(times[times.len() - 1]),
        );
    });
}
