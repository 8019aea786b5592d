//! Runs each subcommand against kluis-app, turning its results into exit codes and one-line messages.

use crate::cli::{
    AuditCommand, BreachCommand, Command, DpiaCommand, DpiaFormat, KeysCommand, OrgCommand,
    RegisterCommand, RelationsCommand, RequestsCommand, TokenCommand, UserCommand,
};
use crate::config::{Settings, redact_url};
use crate::{password, preflight, serve};
use kluis_app::{App, AppConfig, AppError, AuditVerification, OrgSummary};
use std::fmt;
use std::process::ExitCode;

/// A failure to report to the user as one line; never carries a secret.
#[derive(Debug)]
pub struct Failure(pub String);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Failure {
    /// Wraps an application error, scrubbing the database URL's password should the message contain it.
    pub fn app(settings: &Settings, err: AppError) -> Failure {
        Failure(scrub(settings, &err.to_string()))
    }
}

/// Replaces the configured database URL, and the password in it, wherever they appear in `msg`.
fn scrub(settings: &Settings, msg: &str) -> String {
    let Some(url) = settings.database_url.as_deref() else {
        return msg.to_owned();
    };
    let redacted = redact_url(url);
    let mut out = msg.replace(url, &redacted);
    // Very short "passwords" would blank out unrelated text; the URL replacement above covers them.
    if let Some(password) = password_of(url).filter(|p| p.len() >= 3) {
        out = out.replace(password, "***");
    }
    out
}

fn password_of(url: &str) -> Option<&str> {
    let rest = &url[url.find("://")? + 3..];
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let userinfo = &authority[..authority.rfind('@')?];
    Some(&userinfo[userinfo.find(':')? + 1..])
}

pub fn app_config(settings: &Settings) -> AppConfig {
    let mut cfg = AppConfig::new(settings.data_dir.clone());
    cfg.database_url = settings.database_url.clone();
    cfg.blobs_url = settings.blobs.clone();
    cfg.key_file = settings.key_file.clone();
    cfg.session_ttl =
        std::time::Duration::from_secs(settings.session_ttl_minutes.saturating_mul(60));
    cfg.smtp = settings.smtp_url.as_ref().map(|url| kluis_app::SmtpConfig {
        url: url.clone(),
        from: settings.smtp_from.clone().unwrap_or_default(),
    });
    cfg.public_url = settings.public_url.clone();
    cfg
}

pub async fn run(command: Command, settings: Settings) -> Result<ExitCode, Failure> {
    preflight::database_reachable(&settings).await?;
    let cfg = app_config(&settings);
    let fail = |e: AppError| Failure::app(&settings, e);
    match command {
        Command::Serve(args) => {
            serve::run(&settings, cfg, &args).await?;
        }
        Command::Migrate => {
            let report = App::migrate_only(&cfg).await.map_err(fail)?;
            println!(
                "Database ({}) is at schema version {}; {} migration(s) applied now.",
                report.backend,
                report.schema_version,
                report.applied.len()
            );
        }
        Command::Org(OrgCommand::Add { slug, name, init }) => {
            installation_or_init(&cfg, init)?;
            let app = App::open(cfg).await.map_err(fail)?;
            let org = app.cli_add_org(&slug, &name).await.map_err(fail)?;
            println!("Added organisation {}.", org.slug);
        }
        Command::Token(TokenCommand::Create { org, email, name }) => {
            installation_or_init(&cfg, false)?;
            let app = App::open(cfg).await.map_err(fail)?;
            let (_, token) = app
                .cli_create_token(&org, &email, &name)
                .await
                .map_err(fail)?;
            eprintln!("API token created for {org}. It is shown only now; store it safely:");
            println!("{token}");
        }
        Command::User(UserCommand::Add {
            org,
            email,
            name,
            role,
            password_stdin,
        }) => {
            installation_or_init(&cfg, false)?;
            let app = App::open(cfg).await.map_err(fail)?;
            // An existing account keeps its password: only a new one needs one.
            let password = if app.cli_account_exists(&email).await.map_err(fail)? {
                String::new()
            } else {
                password::read(password_stdin, true)?
            };
            app.cli_add_user(&org, &email, &name, role, &password)
                .await
                .map_err(fail)?;
            println!("Added user to {org} as {role}.");
        }
        Command::User(UserCommand::Passwd {
            email,
            password_stdin,
        }) => {
            let password = password::read(password_stdin, true)?;
            let app = App::open(cfg).await.map_err(fail)?;
            app.cli_set_password(&email, &password)
                .await
                .map_err(fail)?;
            println!("Password changed.");
        }
        Command::Backup { file } => {
            let app = App::open(cfg).await.map_err(fail)?;
            let report = app.backup(&file).await.map_err(fail)?;
            println!(
                "Backup written to {} ({} rows, {} documents, {} bytes). Restoring it needs the key with fingerprint {}.",
                file.display(),
                report.rows,
                report.blobs,
                report.bytes,
                report.key_fingerprint
            );
        }
        Command::Restore { file } => {
            let report = App::restore(cfg, &file).await.map_err(fail)?;
            println!(
                "Restored {} ({} rows, {} documents, schema version {}).",
                file.display(),
                report.rows,
                report.blobs,
                report.schema_version
            );
        }
        Command::Audit(AuditCommand::Verify { checkpoint: None }) => {
            let app = App::open(cfg).await.map_err(fail)?;
            let results = app.verify_all_audit().await.map_err(fail)?;
            return Ok(audit_report(&results));
        }
        Command::Audit(AuditCommand::Verify {
            checkpoint: Some(file),
        }) => {
            let bytes = std::fs::read(&file)
                .map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))?;
            let checkpoint = kluis_app::checkpoint_from_json(&bytes).map_err(fail)?;
            let app = App::open(cfg).await.map_err(fail)?;
            let result = app.cli_verify_checkpoint(&checkpoint).await.map_err(fail)?;
            return Ok(audit_report(&[result]));
        }
        Command::Audit(AuditCommand::Checkpoint { org, output }) => {
            let app = App::open(cfg).await.map_err(fail)?;
            let checkpoint = app.cli_audit_checkpoint(&org).await.map_err(fail)?;
            write_new_file(
                &output,
                kluis_app::checkpoint_to_json(&checkpoint).as_bytes(),
            )?;
            println!(
                "Checkpoint of {org} at event {} written to {}. Keep it outside this installation; \
                 `kluis audit verify --checkpoint {}` checks the chain against it.",
                checkpoint.seq,
                output.display(),
                output.display()
            );
        }
        Command::Keys(KeysCommand::Rotate) => {
            let app = App::open(cfg).await.map_err(fail)?;
            let report = app.rotate_keys().await.map_err(fail)?;
            println!(
                "Key rotated to version {} (fingerprint {}); {} value(s) re-encrypted.",
                report.new_version, report.key_fingerprint, report.reencrypted
            );
        }
        Command::ImportDocs { paths, org } => {
            let app = App::open(cfg).await.map_err(fail)?;
            return crate::import_docs::run(&app, &org, &paths).await;
        }
        Command::Register(RegisterCommand::Export {
            org,
            format,
            output,
            lang,
            as_of,
        }) => {
            let format: kluis_export::RegisterFormat = format.parse().map_err(|_| {
                Failure(format!(
                    "unknown format '{format}': use pdf, xlsx, csv, json, dpv-ttl, dpv-jsonld or fideslang"
                ))
            })?;
            let lang = kluis_web::i18n::Lang::from_code(&lang)
                .ok_or_else(|| Failure(format!("unknown language '{lang}': use nl or en")))?;
            let as_of = match as_of {
                None => None,
                Some(d) => Some(
                    time::Date::parse(&d, &time::format_description::well_known::Iso8601::DATE)
                        .map_err(|_| {
                            Failure(format!("--as-of: '{d}' is not a date as YYYY-MM-DD"))
                        })?,
                ),
            };
            let app = App::open(cfg).await.map_err(fail)?;
            let actor = app.cli_reader(&org).await.map_err(|e| match e {
                AppError::NotFound => Failure(format!("no organisation with the slug '{org}'")),
                e => fail(e),
            })?;
            let export = app
                .export_register(&actor, format, lang, as_of)
                .await
                .map_err(fail)?;
            write_new_file(&output, &export.bytes)?;
            println!(
                "Register of {org} written to {} ({}, {} bytes).",
                output.display(),
                format.as_str(),
                export.bytes.len()
            );
        }
        Command::Relations(RelationsCommand::Import {
            file,
            org,
            mapping,
            dry_run,
        }) => {
            let app = App::open(cfg).await.map_err(fail)?;
            return crate::relations::import(&app, &org, &file, mapping.as_deref(), dry_run).await;
        }
        Command::Relations(RelationsCommand::Export {
            org,
            format,
            output,
            purpose,
        }) => {
            let app = App::open(cfg).await.map_err(fail)?;
            return crate::relations::export(&app, &org, &format, &purpose, &output).await;
        }
        Command::Requests(RequestsCommand::Access {
            org,
            email,
            output,
            without_documents,
        }) => {
            let app = App::open(cfg).await.map_err(fail)?;
            let opts = kluis_app::AccessOptions {
                document_bytes: !without_documents,
            };
            let file = app
                .cli_request_access(&org, &email, opts)
                .await
                .map_err(|e| match e {
                    AppError::NotFound => Failure(format!("no organisation with the slug '{org}'")),
                    e => fail(e),
                })?;
            write_new_file(&output, &file.bytes)?;
            println!(
                "Access bundle written to {} ({} bytes).",
                output.display(),
                file.bytes.len()
            );
        }
        Command::Requests(RequestsCommand::Erase { org, email, output }) => {
            let app = App::open(cfg).await.map_err(fail)?;
            let outcome = app
                .cli_request_erase(&org, &email)
                .await
                .map_err(|e| match e {
                    AppError::NotFound => Failure(format!("no organisation with the slug '{org}'")),
                    e => fail(e),
                })?;
            let json = serde_json::to_vec_pretty(&outcome)
                .map_err(|e| Failure(format!("could not write the report: {e}")))?;
            write_new_file(&output, &json)?;
            let kept = outcome.kept().count();
            println!(
                "Erased: {} items deleted, {kept} kept (see {}).",
                outcome.lines.len() - kept,
                output.display()
            );
        }
        Command::Breach(BreachCommand::Export {
            org,
            id,
            format,
            output,
            lang,
        }) => {
            let lang = kluis_web::i18n::Lang::from_code(&lang)
                .ok_or_else(|| Failure(format!("unknown language '{lang}': use nl or en")))?;
            let doc = kluis_app::BreachDocument::parse(&format.to_lowercase(), false).ok_or_else(
                || {
                    Failure(format!(
                        "unknown format '{format}': use pdf, json, ttl or jsonld"
                    ))
                },
            )?;
            let app = App::open(cfg).await.map_err(fail)?;
            let file = app
                .cli_breach_document(&org, &id, doc, lang)
                .await
                .map_err(|e| match e {
                    AppError::NotFound => Failure(format!(
                        "no breach '{id}' in an organisation with the slug '{org}'"
                    )),
                    e => fail(e),
                })?;
            write_new_file(&output, &file.bytes)?;
            println!(
                "Notification written to {} ({} bytes).",
                output.display(),
                file.bytes.len()
            );
        }
        Command::Dpia(DpiaCommand::Import {
            file,
            org,
            activity,
        }) => {
            let bytes = std::fs::read(&file)
                .map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))?;
            let app = App::open(cfg).await.map_err(fail)?;
            let imported = app
                .cli_import_dpia(&org, &bytes, activity.as_deref())
                .await
                .map_err(|e| match e {
                    AppError::NotFound => Failure(format!("no organisation with the slug '{org}'")),
                    AppError::Invalid { message, .. } => {
                        Failure(format!("{} was not imported: {message}", file.display()))
                    }
                    e => fail(e),
                })?;
            for w in &imported.warnings {
                eprintln!("warning: {w}");
            }
            println!(
                "Imported DPIA {} (\"{}\", {} warnings).",
                imported.view.id,
                imported.view.dpia.title,
                imported.warnings.len()
            );
        }
        Command::Dpia(DpiaCommand::Export {
            org,
            id,
            format,
            output,
            lang,
        }) => {
            let lang = kluis_web::i18n::Lang::from_code(&lang)
                .ok_or_else(|| Failure(format!("unknown language '{lang}': use nl or en")))?;
            let app = App::open(cfg).await.map_err(fail)?;
            let bytes = match format {
                DpiaFormat::CnilPia => app.cli_export_dpia(&org, &id).await,
                DpiaFormat::Pdf => app.cli_export_dpia_pdf(&org, &id, lang).await,
            }
            .map_err(|e| match e {
                AppError::NotFound => Failure(format!(
                    "no organisation with the slug '{org}', or no DPIA with the id '{id}' in it"
                )),
                e => fail(e),
            })?;
            write_new_file(&output, &bytes)?;
            println!(
                "DPIA written to {} ({} bytes).",
                output.display(),
                bytes.len()
            );
        }
        Command::Demo { org, lang } => {
            let lang = kluis_web::i18n::Lang::from_code(&lang)
                .ok_or_else(|| Failure(format!("unknown language '{lang}': use nl or en")))?;
            let app = App::open(cfg).await.map_err(fail)?;
            let r = app.cli_demo(&org, lang).await.map_err(|e| match e {
                AppError::NotFound => Failure(format!("no organisation with the slug '{org}'")),
                e => fail(e),
            })?;
            println!(
                "Demo bakery in {org}: {} activities ({} active), {} processors with agreements, {} documents \
                 scanned, {} relations with {} consent records and {} links to their documents, {} open access \
                 request, {} breach affecting {} people, {} activity screened for a DPIA and {} DPIA started. \
                 Open the organisation's register, relations, requests, breaches, DPIA and compliance pages to see \
                 them.",
                r.activities,
                r.active,
                r.recipients,
                r.documents,
                r.relations,
                r.consents,
                r.linked_documents,
                r.requests,
                r.breaches,
                r.breach_people,
                r.screened,
                r.dpias
            );
        }
        Command::Check(args) => {
            let app = App::open(cfg).await.map_err(fail)?;
            return crate::check::run(&app, &args).await;
        }
        Command::Scan(_) | Command::ExtractWorker => {
            return Err(Failure(
                "internal: scan commands are dispatched before settings load".into(),
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses to work on a directory that holds no installation unless `init` asks for a new one, so a command
/// run in the wrong folder cannot quietly make a second installation with a new key; says which one it uses.
fn installation_or_init(cfg: &AppConfig, init: bool) -> Result<(), Failure> {
    let key_file = cfg.effective_key_file();
    let exists = key_file.exists();
    if !exists && !init {
        return Err(Failure(format!(
            "no Kluis installation in {} (no key file {}). Point --data-dir (or KLUIS_DATA_DIR) at the \
             installation, or pass --init to create a new one there",
            cfg.data_dir.display(),
            key_file.display()
        )));
    }
    eprintln!(
        "{} data directory {}",
        if exists {
            "Using"
        } else {
            "Creating a new installation in"
        },
        cfg.data_dir.display()
    );
    Ok(())
}

/// Creates `path` with `bytes`, refusing to overwrite an existing file.
pub(crate) fn write_new_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let fail = |e: std::io::Error| Failure(format!("cannot write {}: {e}", path.display()));
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(fail)?;
    f.write_all(bytes).and_then(|()| f.sync_all()).map_err(fail)
}

/// One line per organisation on stdout; each broken chain also on stderr, naming the org and first broken seq.
fn audit_report(results: &[(OrgSummary, AuditVerification)]) -> ExitCode {
    let mut broken = 0;
    for (org, verification) in results {
        match verification {
            AuditVerification::Ok { .. } => println!("{}: {verification}", org.slug),
            AuditVerification::Broken { seq, .. } => {
                broken += 1;
                println!("{}: BROKEN at seq {seq}: {verification}", org.slug);
                eprintln!(
                    "kluis: audit chain of organisation {} is broken; first broken event: seq {seq}",
                    org.slug
                );
            }
        }
    }
    if results.is_empty() {
        println!("No organisations yet; nothing to verify.");
    }
    if broken == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
