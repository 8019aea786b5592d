//! Documents: upload → scan job → findings behind blind indexes, corrections, reveal, tenancy, containers,
//! deletion, import and backup, on the test backend.

use std::path::{Path, PathBuf};

use kluis_app::testing::{fresh_database_url, origin, setup_input, test_config};
use kluis_app::{
    App, AppConfig, AppError, AuditFilter, DocumentClass, DocumentCorrection, DocumentFilter,
    DocumentStatus, EntityType, PersonalDataKind, Role, ScanStatus, SpecialCategory,
};

use crate::{add, world};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

const BSN: &str = "111222333";
const EMAIL: &str = "jan.jansen@example.nl";
const IBAN: &str = "NL91 ABNA 0417 1643 00";

fn personnel_file() -> Vec<u8> {
    format!(
        "Personeelsdossier\n\nNaam: Jan Jansen\nBSN: {BSN}\nE-mail: {EMAIL}\nIBAN: {IBAN}\nAdres: Dorpsstraat 12\n"
    )
    .into_bytes()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(FIXTURES).join(name)).unwrap()
}

/// Runs every due job (the scans) to completion.
async fn run_jobs(app: &App) {
    while app.run_one_job("test-runner").await.unwrap() {}
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn upload_scan_search_reveal_and_encryption_at_rest() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let up = app
        .upload_document(owner, "dossier-jansen.txt", personnel_file())
        .await
        .unwrap();
    assert_eq!(up.status, DocumentStatus::Queued);
    assert_eq!(up.scan_status, None);
    run_jobs(app).await;

    let d = app.document(owner, &up.id).await.unwrap();
    assert_eq!(d.summary.status, DocumentStatus::Scanned);
    assert_eq!(d.summary.scan_status, Some(ScanStatus::Ok));
    assert_eq!(
        d.summary.personal_data,
        Some(PersonalDataKind::Special),
        "a BSN makes it special"
    );
    let types: Vec<EntityType> = d.findings.iter().map(|f| f.entity).collect();
    for t in [EntityType::Bsn, EntityType::Email, EntityType::Iban] {
        assert!(types.contains(&t), "{t} found in {types:?}");
    }
    for f in &d.findings {
        assert!(
            !f.masked.contains(BSN) && !f.masked.contains(EMAIL),
            "masked values only"
        );
    }

    // At rest: neither the blob nor the findings table hold the plaintext.
    let blobs = files_under(&w.env.config.data_dir.join("blobs"));
    assert!(!blobs.is_empty());
    for b in &blobs {
        let bytes = std::fs::read(b).unwrap();
        assert!(!contains(&bytes, BSN.as_bytes()) && !contains(&bytes, b"Personeelsdossier"));
    }
    let rows = app
        .store()
        .documents(&owner.scope)
        .findings(&up.id)
        .await
        .unwrap();
    assert!(!rows.is_empty());
    for r in &rows {
        assert!(
            !contains(&r.value_enc, BSN.as_bytes()) && !contains(&r.value_enc, EMAIL.as_bytes())
        );
        assert!(!r.value_masked.contains(BSN) && !r.value_index.contains(BSN));
    }

    // Exact search through the blind index, with differently written variants.
    for q in [
        "Jan.Jansen@Example.NL ",
        "111 222 333",
        "nl91abna0417164300",
        IBAN,
    ] {
        let hits = app.search_identifier(owner, q).await.unwrap();
        assert!(
            hits.iter().any(|h| h.document_id == up.id),
            "{q:?} finds the document"
        );
    }
    assert!(
        app.search_identifier(owner, "someone.else@example.nl")
            .await
            .unwrap()
            .is_empty()
    );
    let searches = app
        .audit_events(
            owner,
            AuditFilter {
                action: Some("identifier.search".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(searches.total, 5);

    // Reveal: the owner may (audited), staff may not see a BSN.
    let bsn = d
        .findings
        .iter()
        .find(|f| f.entity == EntityType::Bsn)
        .unwrap();
    assert!(bsn.sensitive);
    assert_eq!(
        app.reveal_finding(owner, &up.id, &bsn.id).await.unwrap(),
        BSN
    );
    let reveals = app
        .audit_events(
            owner,
            AuditFilter {
                action: Some("finding.reveal".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(reveals.total, 1);
    assert_eq!(reveals.events[0].entity_id, bsn.id);
    let staff = add(app, owner, "sam@example.com", Role::Staff).await;
    assert!(matches!(
        app.reveal_finding(&staff, &up.id, &bsn.id).await,
        Err(AppError::Forbidden)
    ));
    assert!(matches!(
        app.download_document(&staff, &up.id).await,
        Err(AppError::Forbidden)
    ));
    let (name, _, bytes) = app.download_document(owner, &up.id).await.unwrap();
    assert_eq!(
        (name.as_str(), bytes),
        ("dossier-jansen.txt", personnel_file())
    );
    // No personal value in any audit event.
    let all = app
        .audit_events(
            owner,
            AuditFilter {
                per_page: 500,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let text = format!("{:?}", all.events);
    assert!(!text.contains(BSN) && !text.contains(EMAIL) && !text.contains("dossier-jansen"));

    // Tenant isolation: organisation beta sees and finds nothing of acme's.
    let beta = &w.beta_owner;
    assert_eq!(
        app.documents(beta, DocumentFilter::default())
            .await
            .unwrap()
            .total,
        0
    );
    assert!(matches!(
        app.document(beta, &up.id).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.reveal_finding(beta, &up.id, &bsn.id).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.download_document(beta, &up.id).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.delete_document(beta, &up.id).await,
        Err(AppError::NotFound)
    ));
    assert!(app.search_identifier(beta, EMAIL).await.unwrap().is_empty());
    assert_eq!(app.document_overview(beta).await.unwrap().total, 0);
}

#[tokio::test]
async fn corpus_documents_are_classified_and_corrections_survive_rescans() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let id_copy = app
        .upload_document(owner, "id_copy.docx", fixture("id_copy.docx"))
        .await
        .unwrap();
    let health = app
        .upload_document(owner, "ziekmelding.txt", fixture("health_statement.txt"))
        .await
        .unwrap();
    run_jobs(app).await;
    let id_doc = app.document(owner, &id_copy.id).await.unwrap().summary;
    assert_eq!(id_doc.class, Some(DocumentClass::IdCopy));
    assert_eq!(id_doc.personal_data, Some(PersonalDataKind::Special));
    let h = app.document(owner, &health.id).await.unwrap().summary;
    assert_eq!(h.class, Some(DocumentClass::HealthStatement));
    assert!(h.special_categories.contains(&SpecialCategory::Health));

    let overview = app.document_overview(owner).await.unwrap();
    assert_eq!(overview.total, 2);
    assert!(overview.id_documents.iter().any(|d| d.id == id_copy.id));
    assert!(overview.health_documents.iter().any(|d| d.id == health.id));
    assert!(!overview.newest_findings.is_empty());
    let special = app
        .documents(
            owner,
            DocumentFilter {
                kind: Some(PersonalDataKind::Special),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(special.total, 2);
    let by_name = app
        .documents(
            owner,
            DocumentFilter {
                q: Some("ZIEK".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(by_name.documents.len(), 1);

    // A user's correction wins and is kept across a re-scan.
    let staff = add(app, owner, "sam@example.com", Role::Staff).await;
    let auditor = add(app, owner, "ada@example.com", Role::Auditor).await;
    let fix = DocumentCorrection {
        class: Some(DocumentClass::Contract),
        ..Default::default()
    };
    assert!(matches!(
        app.correct_document(&auditor, &health.id, fix.clone())
            .await,
        Err(AppError::Forbidden)
    ));
    // Health statement to contract lowers the class below special: not for staff (see
    // a_staff_member_cannot_declassify_a_special_document), for the privacy officer.
    assert!(matches!(
        app.correct_document(&staff, &health.id, fix.clone()).await,
        Err(AppError::Forbidden)
    ));
    let officer = add(app, owner, "pia@example.com", Role::PrivacyOfficer).await;
    let corrected = app
        .correct_document(&officer, &health.id, fix)
        .await
        .unwrap();
    assert!(corrected.corrected);
    assert_eq!(corrected.class, Some(DocumentClass::Contract));
    let ev = app
        .audit_events(
            owner,
            AuditFilter {
                action: Some("document.declassify".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(ev.events[0].fields, vec!["class".to_owned()]);
    app.rescan_document(&staff, &health.id).await.unwrap();
    run_jobs(app).await;
    let d = app.document(owner, &health.id).await.unwrap();
    assert_eq!(d.summary.status, DocumentStatus::Scanned);
    assert_eq!(
        d.summary.class,
        Some(DocumentClass::Contract),
        "the correction survives the re-scan"
    );
    assert_eq!(d.detected_class, Some(DocumentClass::HealthStatement));
    assert!(d.summary.corrected);
}

/// The newcomer's finding: a staff member corrected an ID copy to "other / generic", then downloaded it and
/// revealed its values. Lowering a special document needs the reveal permission and is audited as such.
#[tokio::test]
async fn a_staff_member_cannot_declassify_a_special_document() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let id_copy = app
        .upload_document(owner, "id_copy.docx", fixture("id_copy.docx"))
        .await
        .unwrap();
    let letter = app
        .upload_document(
            owner,
            "brief.txt",
            b"Beste klant, bel ons op 020-1234567.\n".to_vec(),
        )
        .await
        .unwrap();
    run_jobs(app).await;
    let staff = add(app, owner, "sam@example.com", Role::Staff).await;
    let officer = add(app, owner, "pia@example.com", Role::PrivacyOfficer).await;
    let down = DocumentCorrection {
        class: Some(DocumentClass::Other),
        personal_data: Some(PersonalDataKind::Generic),
        special_categories: None,
    };
    let events = |action: &'static str| async move {
        app.audit_events(
            owner,
            AuditFilter {
                action: Some(action.into()),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .total
    };
    assert!(matches!(
        app.correct_document(&staff, &id_copy.id, down.clone())
            .await,
        Err(AppError::Forbidden)
    ));
    let still = app.document(owner, &id_copy.id).await.unwrap();
    assert_eq!(
        still.summary.class,
        Some(DocumentClass::IdCopy),
        "nothing applied"
    );
    assert!(!still.summary.corrected);
    assert!(matches!(
        app.download_document(&staff, &id_copy.id).await,
        Err(AppError::Forbidden)
    ));
    // The kind alone, or the class alone: each lowers it.
    for c in [
        DocumentCorrection {
            personal_data: Some(PersonalDataKind::Generic),
            ..Default::default()
        },
        DocumentCorrection {
            class: Some(DocumentClass::Invoice),
            ..Default::default()
        },
    ] {
        assert!(matches!(
            app.correct_document(&staff, &id_copy.id, c).await,
            Err(AppError::Forbidden)
        ));
    }
    assert_eq!(events("document.declassify").await, 0);
    assert_eq!(events("document.correct").await, 0);

    // Raising is ordinary work for staff.
    let up = DocumentCorrection {
        personal_data: Some(PersonalDataKind::Special),
        ..Default::default()
    };
    app.correct_document(&staff, &letter.id, up).await.unwrap();
    assert_eq!(events("document.correct").await, 1);

    // The privacy officer may declassify; it is recorded as a declassification.
    let done = app
        .correct_document(&officer, &id_copy.id, down)
        .await
        .unwrap();
    assert_eq!(done.class, Some(DocumentClass::Other));
    assert_eq!(events("document.declassify").await, 1);
    assert_eq!(events("document.correct").await, 1);
}

/// Where a BSN or Belgian national number occurs is as telling as the number: searching it needs the reveal
/// permission; other identifiers stay searchable for staff.
#[tokio::test]
async fn searching_national_identification_numbers_needs_the_reveal_permission() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let up = app
        .upload_document(owner, "dossier.txt", personnel_file())
        .await
        .unwrap();
    run_jobs(app).await;
    let staff = add(app, owner, "sam@example.com", Role::Staff).await;
    let auditor = add(app, owner, "ada@example.com", Role::Auditor).await;
    for who in [&staff, &auditor] {
        for q in [BSN, "111 222 333", "111.222.333"] {
            assert!(
                matches!(
                    app.search_identifier(who, q).await,
                    Err(AppError::Forbidden)
                ),
                "{q} refused"
            );
        }
        assert!(
            app.search_identifier(who, EMAIL)
                .await
                .unwrap()
                .iter()
                .any(|h| h.document_id == up.id)
        );
        // A number that is no national identification number stays searchable.
        assert!(app.search_identifier(who, "123456789").await.is_ok());
    }
    let officer = add(app, owner, "pia@example.com", Role::PrivacyOfficer).await;
    assert!(
        app.search_identifier(&officer, BSN)
            .await
            .unwrap()
            .iter()
            .any(|h| h.document_id == up.id)
    );
}

/// `kluis import-docs` applies the web's upload rule (an empty file is refused) and, run again on the same
/// folder, skips what the organisation already holds.
#[tokio::test]
async fn import_refuses_empty_files_and_skips_content_already_there() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), personnel_file()).unwrap();
    std::fs::write(dir.path().join("b.txt"), b"Boodschappen: brood, kaas.\n").unwrap();
    std::fs::write(dir.path().join("copy-of-a.txt"), personnel_file()).unwrap();
    std::fs::write(dir.path().join("empty.txt"), b"").unwrap();
    let first = app
        .import_documents("acme", &[dir.path().to_path_buf()])
        .await
        .unwrap();
    assert_eq!(
        (first.imported, first.skipped, first.failed),
        (2, 1, 1),
        "a, b; the copy of a skipped; the empty file refused"
    );
    let empty = first
        .files
        .iter()
        .find(|f| f.path.ends_with("empty.txt"))
        .unwrap();
    assert!(
        empty.result.as_ref().is_err_and(|e| e.contains("empty")),
        "{:?}",
        empty.result
    );
    let copy = first
        .files
        .iter()
        .find(|f| f.path.ends_with("copy-of-a.txt"))
        .unwrap();
    assert!(copy.skipped);

    let again = app
        .import_documents("acme", &[dir.path().to_path_buf()])
        .await
        .unwrap();
    assert_eq!((again.imported, again.skipped, again.failed), (0, 3, 1));
    assert_eq!(app.document_overview(owner).await.unwrap().total, 2);

    // Per organisation: the same content goes into another organisation.
    let beta = app
        .import_documents("beta", &[dir.path().join("a.txt")])
        .await
        .unwrap();
    assert_eq!((beta.imported, beta.skipped), (1, 0));
}

/// Bytes written before a crash kept their document row from being committed: the daily job deletes them once
/// they are older than the grace period, and leaves young ones (uploads in flight) and referenced ones alone.
#[tokio::test]
async fn orphan_blobs_are_deleted_after_the_grace_period() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let kept = app
        .upload_document(owner, "brief.txt", b"Beste klant.\n".to_vec())
        .await
        .unwrap();
    let now = kluis_store::now_ms();
    let v7_at = |ms: i64| {
        let ts = uuid::Timestamp::from_unix(
            uuid::NoContext,
            u64::try_from(ms / 1000).unwrap(),
            u32::try_from((ms % 1000) * 1_000_000).unwrap(),
        );
        uuid::Uuid::new_v7(ts).to_string()
    };
    let org = &owner.org.id;
    let old = format!("documents/{org}/{}", v7_at(now - 2 * 3_600_000));
    let at = now + 90 * 60_000;
    let young = format!("documents/{org}/{}", v7_at(at - 60_000));
    let other = "documents/notes/readme".to_owned();
    for k in [&old, &young, &other] {
        app.blobs().put(k, b"sealed".to_vec()).await.unwrap();
    }
    // Ninety minutes on, the uploaded document's own bytes are old too, but referenced.
    let deleted = app.delete_orphan_blobs(at).await.unwrap();
    assert_eq!(deleted, 1, "only the old orphan");
    let left = app.blobs().list().await.unwrap();
    assert!(!left.contains(&old));
    assert!(left.contains(&young), "in flight: kept");
    assert!(left.contains(&other), "not a document key: kept");
    assert!(
        left.iter().any(|k| k.ends_with(&kept.id)),
        "referenced: kept"
    );
    run_jobs(app).await;
    assert!(app.download_document(owner, &kept.id).await.is_ok());
}

/// A stored status outside the vocabulary is not read as "queued": the use case fails, naming the row.
#[tokio::test]
async fn a_corrupt_status_fails_loudly() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let up = app
        .upload_document(owner, "brief.txt", b"Beste klant.\n".to_vec())
        .await
        .unwrap();
    kluis_store::testing::execute_raw(
        app.store(),
        &format!(
            "UPDATE documents SET status = 'Klaar' WHERE id = '{}'",
            up.id
        ),
    )
    .await;
    let err = app.document(owner, &up.id).await.unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, AppError::Internal(_)), "{msg}");
    assert!(msg.contains(&up.id) && msg.contains("'Klaar'"), "{msg}");
    assert!(
        app.documents(owner, DocumentFilter::default())
            .await
            .is_err()
    );
}

#[tokio::test]
async fn corrupt_files_are_reported_and_containers_get_members() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let mut broken = b"PK\x03\x04".to_vec();
    broken.extend(std::iter::repeat_n(0xA5u8, 300));
    let bad = app
        .upload_document(owner, "kapot.docx", broken)
        .await
        .unwrap();
    let zip = stored_zip(&[
        ("a.txt", personnel_file()),
        (
            "b.txt",
            b"Beste klant,\nMet vriendelijke groet, Piet de Vries\npiet@voorbeeld.nl\n".to_vec(),
        ),
    ]);
    let archive = app
        .upload_document(owner, "archief.zip", zip)
        .await
        .unwrap();
    run_jobs(app).await;

    let b = app.document(owner, &bad.id).await.unwrap().summary;
    assert_eq!(
        b.status,
        DocumentStatus::Scanned,
        "an unreadable file is a finished scan, not lost"
    );
    assert_eq!(b.scan_status, Some(ScanStatus::Corrupt));
    assert!(b.scan_reason.is_some());
    let overview = app.document_overview(owner).await.unwrap();
    assert!(overview.not_scanned.iter().any(|d| d.id == bad.id));

    let a = app.document(owner, &archive.id).await.unwrap();
    assert_eq!(a.children.len(), 2);
    assert!(a.children.iter().any(|c| c.path == "archief.zip!/a.txt" && c.parent_id.as_deref() == Some(&*archive.id)));
    let member = a.children.iter().find(|c| c.name == "a.txt").unwrap();
    assert_eq!(member.personal_data, Some(PersonalDataKind::Special));
    assert_eq!(
        a.summary.personal_data,
        Some(PersonalDataKind::Special),
        "a container holds what its members hold"
    );
    let hits = app.search_identifier(owner, BSN).await.unwrap();
    assert!(hits.iter().any(|h| h.document_id == member.id));
    // Members are not listed at the top level unless asked for.
    assert_eq!(
        app.documents(owner, DocumentFilter::default())
            .await
            .unwrap()
            .total,
        2
    );
    let all = app
        .documents(
            owner,
            DocumentFilter {
                include_members: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(all.total, 4);

    // A re-scan replaces the members instead of adding to them.
    app.rescan_document(owner, &archive.id).await.unwrap();
    run_jobs(app).await;
    assert_eq!(
        app.document(owner, &archive.id)
            .await
            .unwrap()
            .children
            .len(),
        2
    );

    // Delete: blob, findings and members are gone.
    let before = files_under(&w.env.config.data_dir.join("blobs")).len();
    app.delete_document(owner, &archive.id).await.unwrap();
    assert_eq!(
        files_under(&w.env.config.data_dir.join("blobs")).len(),
        before - 1
    );
    assert!(matches!(
        app.document(owner, &archive.id).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.document(owner, &member.id).await,
        Err(AppError::NotFound)
    ));
    assert!(app.search_identifier(owner, BSN).await.unwrap().is_empty());
    let deletes = app
        .audit_events(
            owner,
            AuditFilter {
                action: Some("document.delete".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(deletes.total, 1);
}

#[tokio::test]
async fn uploads_over_the_size_limit_are_refused_and_import_goes_on_after_errors() {
    let mut env = test_config().await;
    env.config.max_document_size = 1024;
    let app = App::open(env.config.clone()).await.unwrap();
    let owner = app.setup(setup_input(), &origin()).await.unwrap();
    let err = app
        .upload_document(&owner, "big.txt", vec![b'a'; 2048])
        .await
        .unwrap_err();
    assert!(matches!(err, AppError::Invalid { .. }));
    assert!(matches!(
        app.upload_document(&owner, "  ", b"x".to_vec()).await,
        Err(AppError::Invalid { .. })
    ));

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("dossier.txt"), personnel_file()).unwrap();
    std::fs::write(dir.path().join("sub").join("huge.txt"), vec![b'a'; 4096]).unwrap();
    let missing = dir.path().join("missing.txt");
    let report = app
        .import_documents("acme", &[dir.path().to_path_buf(), missing])
        .await
        .unwrap();
    assert_eq!((report.imported, report.failed), (1, 2));
    assert_eq!(report.by_status, vec![(DocumentStatus::Scanned, 1)]);
    assert_eq!(report.by_kind, vec![(Some(PersonalDataKind::Special), 1)]);
    let cli = app
        .audit_events(
            &owner,
            AuditFilter {
                actor: Some("cli".into()),
                action: Some("document.upload".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(cli.total, 1);
    assert!(matches!(
        app.import_documents("nope", &[]).await,
        Err(AppError::NotFound)
    ));
}

#[tokio::test]
async fn key_rotation_and_backup_keep_documents_readable() {
    let scratch = tempfile::tempdir().unwrap();
    let mut source_cfg = AppConfig::new(scratch.path().join("source"));
    source_cfg.scan_isolation = kluis_app::ScanIsolation::InProcess;
    let app = App::open(source_cfg.clone()).await.unwrap();
    let owner = app.setup(setup_input(), &origin()).await.unwrap();
    let up = app
        .upload_document(&owner, "dossier.txt", personnel_file())
        .await
        .unwrap();
    run_jobs(&app).await;
    let rotation = app.rotate_keys().await.unwrap();
    assert!(
        rotation.reencrypted >= 4,
        "blob and findings re-encrypted: {}",
        rotation.reencrypted
    );
    let bsn = app
        .document(&owner, &up.id)
        .await
        .unwrap()
        .findings
        .into_iter()
        .find(|f| f.entity == EntityType::Bsn)
        .unwrap();
    assert_eq!(
        app.reveal_finding(&owner, &up.id, &bsn.id).await.unwrap(),
        BSN
    );
    assert_eq!(
        app.download_document(&owner, &up.id).await.unwrap().2,
        personnel_file()
    );

    let file = scratch.path().join("kluis.backup");
    app.backup(&file).await.unwrap();
    let target_db = fresh_database_url().await;
    let mut target_cfg = AppConfig::new(target_db.subdir("restored"));
    target_cfg.database_url = Some(target_db.url().to_owned());
    std::fs::copy(
        source_cfg.effective_key_file(),
        target_cfg.effective_key_file(),
    )
    .unwrap();
    App::restore(target_cfg.clone(), &file).await.unwrap();
    let app2 = App::open(target_cfg).await.unwrap();
    let owner2 = app2.actor(&owner.user_id, "acme", &origin()).await.unwrap();
    let d = app2.document(&owner2, &up.id).await.unwrap();
    assert_eq!(d.summary.status, DocumentStatus::Scanned);
    assert!(
        app2.search_identifier(&owner2, EMAIL)
            .await
            .unwrap()
            .iter()
            .any(|h| h.document_id == up.id)
    );
    assert_eq!(
        app2.reveal_finding(&owner2, &up.id, &bsn.id).await.unwrap(),
        BSN
    );
    assert_eq!(
        app2.download_document(&owner2, &up.id).await.unwrap().2,
        personnel_file()
    );
}

/// A ZIP archive with uncompressed (stored) members.
fn stored_zip(members: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in members {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let mut local = Vec::new();
        local.extend(0x0403_4b50u32.to_le_bytes());
        local.extend(20u16.to_le_bytes()); // version needed
        local.extend(0u16.to_le_bytes()); // flags
        local.extend(0u16.to_le_bytes()); // stored
        local.extend(0u32.to_le_bytes()); // time, date
        local.extend(crc.to_le_bytes());
        local.extend((data.len() as u32).to_le_bytes());
        local.extend((data.len() as u32).to_le_bytes());
        local.extend((name.len() as u16).to_le_bytes());
        local.extend(0u16.to_le_bytes());
        local.extend(name.as_bytes());
        out.extend(&local);
        out.extend(data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes());
        central.extend(20u16.to_le_bytes());
        central.extend(0u16.to_le_bytes());
        central.extend(0u16.to_le_bytes());
        central.extend(0u32.to_le_bytes());
        central.extend(crc.to_le_bytes());
        central.extend((data.len() as u32).to_le_bytes());
        central.extend((data.len() as u32).to_le_bytes());
        central.extend((name.len() as u16).to_le_bytes());
        central.extend([0u8; 12]); // extra, comment, disk, internal attrs (2+2+2+2) + external attrs (4)
        central.extend(offset.to_le_bytes());
        central.extend(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((members.len() as u16).to_le_bytes());
    out.extend((members.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A ZIP nested past the depth limit with a BSN at the bottom is partially scanned, never "ok", and the archive
/// still holds what its readable members hold.
#[tokio::test]
async fn an_archive_read_only_in_part_is_marked_partial_and_keeps_its_members_verdict() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let mut inner = stored_zip(&[("bsn.txt", format!("BSN {BSN}\n").into_bytes())]);
    for i in 0..50 {
        inner = stored_zip(&[(&format!("laag-{i}.zip"), inner)]);
    }
    let deep = app.upload_document(owner, "diep.zip", inner).await.unwrap();
    let mixed = stored_zip(&[
        ("a.txt", personnel_file()),
        ("diep.zip", {
            let mut z = stored_zip(&[("bsn.txt", b"niets".to_vec())]);
            for i in 0..50 {
                z = stored_zip(&[(&format!("laag-{i}.zip"), z)]);
            }
            z
        }),
    ]);
    let mixed = app
        .upload_document(owner, "gemengd.zip", mixed)
        .await
        .unwrap();
    run_jobs(app).await;

    let d = app.document(owner, &deep.id).await.unwrap().summary;
    assert_eq!(d.scan_status, Some(ScanStatus::Partial), "{d:?}");
    let overview = app.document_overview(owner).await.unwrap();
    assert!(
        overview.not_scanned.iter().any(|x| x.id == deep.id),
        "a partial scan is listed with the documents not read in full"
    );
    let m = app.document(owner, &mixed.id).await.unwrap().summary;
    assert_eq!(m.scan_status, Some(ScanStatus::Partial), "{m:?}");
    assert_eq!(
        m.personal_data,
        Some(PersonalDataKind::Special),
        "a partly read archive still holds what its readable members hold"
    );
}
