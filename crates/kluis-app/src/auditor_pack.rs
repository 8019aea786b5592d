//! The auditor pack: one ZIP with what an auditor or the supervisory authority asks for (the register as PDF and
//! XLSX, every published privacy statement, the recipients with their agreements, the compliance report, the
//! audit chain's verification and a signed checkpoint of its head) and a SHA-256 manifest of every file.

use kluis_domain::{AuditAction, Permission};
use kluis_export::{ExportError, ExportOptions, RegisterFormat, render_register};
use kluis_i18n::Lang;

use crate::audit::{checkpoint_to_json, require};
use crate::pack::{PackFile, zip_with_manifest};
use crate::{Actor, App, AppError};

fn json_file(name: &str, value: &impl serde::Serialize) -> Result<PackFile, AppError> {
    Ok(PackFile {
        name: name.to_owned(),
        bytes: serde_json::to_vec_pretty(value).map_err(AppError::internal)?,
    })
}

impl App {
    /// The auditor pack of the actor's organisation (Permission::ReadAudit: it holds the audit chain's
    /// verification). Labels in `lang`. One audit event, `register.auditor_pack`; the verification and the
    /// checkpoint inside are not recorded separately, the pack's event stands for them.
    pub async fn auditor_pack(&self, actor: &Actor, lang: Lang) -> Result<Vec<u8>, AppError> {
        require(actor, Permission::ReadAudit)?;
        let mut files = Vec::new();
        let register = self.register_snapshot(actor, None).await?;
        let options = ExportOptions {
            generated_at: Some(time::OffsetDateTime::now_utc()),
            dataset_fields: Vec::new(),
            exclude_drafts: true,
        };
        let mut notes = Vec::new();
        for format in [
            RegisterFormat::Pdf,
            RegisterFormat::Xlsx,
            RegisterFormat::Json,
        ] {
            match render_register(&register, format, lang, &options) {
                Ok(x) => files.push(PackFile {
                    name: format!("register/{}", x.file_name),
                    bytes: x.bytes,
                }),
                Err(ExportError::EmptyRegister) => {
                    notes.push("register: no active or ended processing activities yet".to_owned());
                    break;
                }
                Err(e) => return Err(AppError::internal(e)),
            }
        }
        for v in self.statement_versions(actor).await? {
            for l in &v.langs {
                if let Some(row) = self.statement(actor, Some(v.version), l).await? {
                    let base = format!("statements/privacy-statement-v{}-{l}", v.version);
                    if let Some(lang) = kluis_export::Lang::from_code(l) {
                        let pdf = crate::statements::statement_pdf(&row, &actor.org.name, lang)?;
                        files.push(PackFile {
                            name: format!("{base}.pdf"),
                            bytes: pdf.bytes,
                        });
                    }
                    files.push(PackFile {
                        name: format!("{base}.html"),
                        bytes: row.html.into_bytes(),
                    });
                    files.push(PackFile {
                        name: format!("{base}.md"),
                        bytes: row.markdown.into_bytes(),
                    });
                }
            }
        }
        if files.iter().all(|f| !f.name.starts_with("statements/")) {
            notes.push("statements: no privacy statement published yet".to_owned());
        }
        files.push(json_file("recipients.json", &register.recipients)?);
        let report = self.compliance_report(actor).await?;
        files.push(json_file("compliance-report.json", &*report)?);
        let verification = self.verify_chain(&actor.scope).await?;
        files.push(json_file(
            "audit/verification.json",
            &serde_json::json!({
                "intact": verification.is_ok(),
                "result": verification.to_string(),
            }),
        )?);
        match self.checkpoint_of(&actor.scope).await {
            Ok(cp) => files.push(PackFile {
                name: "audit/checkpoint.json".into(),
                bytes: checkpoint_to_json(&cp).into_bytes(),
            }),
            Err(AppError::Conflict(m)) => notes.push(format!("audit checkpoint: {m}")),
            Err(e) => return Err(e),
        }
        if !notes.is_empty() {
            files.push(PackFile {
                name: "NOTES.txt".into(),
                bytes: (notes.join("\n") + "\n").into_bytes(),
            });
        }
        let zip = zip_with_manifest(&files).map_err(AppError::internal)?;
        self.audit_access(
            actor,
            &actor.event(
                AuditAction::RegisterAuditorPack,
                "register",
                &actor.org.id,
                &[],
            ),
        )
        .await?;
        Ok(zip)
    }
}
