//! `kluis demo`: fills an empty organisation with a realistic small business (a bakery: profile, eight activities
//! from the starter library, processors with agreements, a few documents with personal data), so a newcomer sees
//! a living register in one command. Every record goes through the ordinary use cases and is audited as `cli`.

use kluis_domain::register::starter::template;
use kluis_domain::register::{
    ActivityStatus, Art28Checklist, DpoInfo, Jurisdiction, OrgProfile, Recipient, RecipientRole,
    SubProcessorAuthorisation, TransferSafeguard,
};
use kluis_domain::{Permission, Role, SystemActor};
use kluis_i18n::{Lang, Tr};
use kluis_store::OrgScope;
use time::Duration;

use crate::audit::CLI_ACTOR;
use crate::recipients::AgreementInput;
use crate::system::require_system;
use crate::{Actor, App, AppError, OrgSummary, Origin, StatusChange, UserId};

/// What `kluis demo` made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoReport {
    pub activities: usize,
    pub active: usize,
    pub recipients: usize,
    pub documents: usize,
}

/// The starter templates the bakery runs, in the order they are added.
const BAKERY_ACTIVITIES: &[&str] = &[
    "customer_administration",
    "invoicing",
    "payroll",
    "personnel_file",
    "absence_reintegration",
    "job_applicants",
    "newsletter",
    "camera_surveillance",
];

/// Documents with personal data such a bakery keeps (made-up people; the BSN and IBAN pass their checks).
const BAKERY_DOCUMENTS: &[(&str, &str)] = &[
    (
        "personeel/loonstrook-2026-10-de-vries.txt",
        "Loonstrook oktober 2026\nWerknemer: Sanne de Vries\nBSN: 111222333\nBruto loon: 2.450,00\n\
         IBAN: NL91ABNA0417164300\n",
    ),
    (
        "personeel/verzuim-de-vries.txt",
        "Verzuimmelding\nSanne de Vries is sinds maandag ziek gemeld. De bedrijfsarts ziet haar volgende week.\n",
    ),
    (
        "klanten/bestelling-jansen.txt",
        "Bestelling bruidstaart\nKlant: Pieter Jansen\nE-mail: pieter.jansen@example.nl\nTelefoon: 06-12345678\n\
         Afleveradres: Kerkstraat 12, 1234 AB Ergens\n",
    ),
    (
        "sollicitaties/brief-bakker-smit.txt",
        "Sollicitatie medewerker bakkerij\nGeachte heer, mevrouw,\nMijn naam is Ahmed Smit, geboren op 12-03-1998.\n\
         U kunt mij bereiken op ahmed.smit@example.nl.\n",
    ),
];

impl App {
    /// Fills the organisation `slug` with the demo bakery (`kluis demo`). Refused when the organisation's
    /// register already has activities, so a real register is never mixed with made-up data. Names and texts
    /// in `lang`.
    pub async fn cli_demo(&self, slug: &str, lang: Lang) -> Result<DemoReport, AppError> {
        require_system(SystemActor::Cli, Permission::ManageRegister)?;
        require_system(SystemActor::Cli, Permission::Write)?;
        let org = self
            .db()
            .org_by_slug(slug.trim())
            .await?
            .ok_or(AppError::NotFound)?;
        let scope = OrgScope::system(&org);
        // Acts as the command line within what `SystemActor::Cli` allows: the demo only writes the register
        // and uploads documents; it reveals nothing.
        let actor = Actor::new(
            UserId(CLI_ACTOR.to_owned()),
            OrgSummary::from(org),
            Role::PrivacyOfficer,
            scope,
            Origin::cli(),
        );
        if !self.register_activities(&actor).await?.is_empty() {
            return Err(AppError::Conflict(
                "this organisation already has a register; the demo fills only an empty one".into(),
            ));
        }
        let tr = Tr::new(lang);
        let today = time::OffsetDateTime::now_utc().date();
        self.update_profile(
            &actor,
            OrgProfile {
                legal_name: "Bakkerij De Korenschoof B.V.".into(),
                address: "Dorpsstraat 1, 1234 AB Ergens".into(),
                email: "privacy@korenschoof.example".into(),
                phone: "0123-456789".into(),
                website: "https://korenschoof.example".into(),
                registration_number: "12345678".into(),
                jurisdiction: Some(Jurisdiction::Nl),
                employees: Some(9),
                dpo: DpoInfo::default(),
                ..Default::default()
            },
        )
        .await?;

        let mut report = DemoReport::default();
        let signed = |months_ago: i64| Some(today - Duration::days(30 * months_ago));
        let complete = Art28Checklist {
            documented_instructions: true,
            confidentiality: true,
            security: true,
            sub_processors: true,
            data_subject_rights: true,
            assists_compliance: true,
            deletion_or_return: true,
            audits: true,
        };
        let mut recipient_ids = Vec::new();
        for (name, country, services, safeguard, expires, checklist) in [
            (
                "Boekhoudkantoor Van Dijk",
                "NL",
                "Salarisadministratie en boekhouding",
                None,
                Some(today + Duration::days(400)),
                complete,
            ),
            (
                "Webwinkel Hosting B.V.",
                "NL",
                "Hosting van website en webwinkel",
                None,
                Some(today + Duration::days(45)),
                complete,
            ),
            (
                "Mailer Inc.",
                "US",
                "Nieuwsbrieven versturen",
                Some(TransferSafeguard::Adequacy),
                None,
                Art28Checklist {
                    audits: false,
                    ..complete
                },
            ),
        ] {
            let view = self
                .create_recipient(
                    &actor,
                    &Recipient {
                        name: name.into(),
                        role: RecipientRole::Processor,
                        country: country.into(),
                        contact: String::new(),
                        services: services.into(),
                        transfer_safeguard: safeguard,
                        ..Default::default()
                    },
                )
                .await?;
            let id = view.recipient.id.to_string();
            self.add_agreement(
                &actor,
                &id,
                &AgreementInput {
                    signed_on: signed(8),
                    expires_on: expires,
                    review_on: None,
                    checklist,
                    sub_processor_authorisation: Some(SubProcessorAuthorisation::General),
                    notes: String::new(),
                },
                None,
            )
            .await?;
            recipient_ids.push(view.recipient.id);
            report.recipients += 1;
        }

        for key in BAKERY_ACTIVITIES {
            let Some(t) = template(key) else { continue };
            let name = tr.t(&t.name_key()).to_owned();
            let purpose = tr.t(&t.purpose_key()).to_owned();
            let view = self
                .create_register_activity(&actor, Some(key), &name, &purpose)
                .await?;
            let id = view.activity.id.to_string();
            // Link the processors where a bakery would use them.
            let linked: Vec<_> = match *key {
                "payroll" | "invoicing" => vec![recipient_ids[0]],
                "customer_administration" => vec![recipient_ids[1]],
                "newsletter" => vec![recipient_ids[2]],
                _ => Vec::new(),
            };
            if !linked.is_empty() {
                let mut a = view.activity.clone();
                a.recipients = linked;
                self.update_register_activity(&actor, &id, a).await?;
            }
            report.activities += 1;
            let activated = self
                .set_register_activity_status(
                    &actor,
                    &id,
                    StatusChange {
                        status: ActivityStatus::Active,
                        end_date: None,
                        successor: None,
                    },
                )
                .await;
            match activated {
                Ok(_) => report.active += 1,
                // A template that needs the organisation's own answers stays a draft: that is a finding too.
                Err(AppError::Invalid { .. }) => {}
                Err(e) => return Err(e),
            }
        }

        for (name, text) in BAKERY_DOCUMENTS {
            self.upload_document(&actor, name, text.as_bytes().to_vec())
                .await?;
            report.documents += 1;
        }
        let instance = format!("cli-demo-{}", uuid::Uuid::now_v7());
        while self.run_one_job(&instance).await? {}
        Ok(report)
    }
}
