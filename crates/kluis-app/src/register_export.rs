//! Exports of the register (PDF, XLSX, CSV, JSON, W3C DPV, fideslang), each audited: who took the organisation's
//! register out of Kluis, when and in which format.

use kluis_domain::{AuditAction, Permission};
use kluis_export::{Export, ExportError, ExportOptions, RegisterFormat, render_register};
use kluis_i18n::Lang;
use time::Date;

use crate::audit::require;
use crate::{Actor, App, AppError};

impl App {
    /// The register of the actor's organisation in `format` and `lang`, now or as it stood on `as_of`
    /// (Permission::Read: auditors and staff read the register). Drafts are left out: they are work in progress,
    /// not yet processing the organisation stands for. A register without activities is refused with a clear
    /// message instead of an empty file. Audited as `register.export` naming the format.
    pub async fn export_register(
        &self,
        actor: &Actor,
        format: RegisterFormat,
        lang: Lang,
        as_of: Option<Date>,
    ) -> Result<Export, AppError> {
        require(actor, Permission::Read)?;
        let register = self.register_snapshot(actor, as_of).await?;
        let options = ExportOptions {
            generated_at: Some(time::OffsetDateTime::now_utc()),
            dataset_fields: Vec::new(),
            exclude_drafts: true,
        };
        let export = render_register(&register, format, lang, &options).map_err(|e| match e {
            ExportError::EmptyRegister => AppError::invalid(
                "register",
                "the register has no active or ended processing activities to export yet",
            ),
            other => AppError::internal(other),
        })?;
        self.audit_access(
            actor,
            &actor.event(
                AuditAction::RegisterExport,
                "register",
                &actor.org.id,
                &[format.as_str()],
            ),
        )
        .await?;
        Ok(export)
    }
}
