//! `kluis demo`: fills an empty organisation with a realistic small business (a bakery: profile, eight activities
//! from the starter library, processors with agreements, a few documents with personal data, a few hundred
//! customers and the staff, an open access request), so a newcomer sees
//! a living register in one command. Every record goes through the ordinary use cases and is audited as `cli`.

use kluis_domain::register::starter::template;
use kluis_domain::register::{
    ActivityStatus, Art28Checklist, DpoInfo, Jurisdiction, OrgProfile, Purpose, Recipient,
    RecipientRole, SubProcessorAuthorisation, TransferSafeguard,
};
use kluis_domain::relations::consent::{ConsentAction, ConsentChannel};
use kluis_domain::relations::requests::{RequestChannel, RequestKind};
use kluis_domain::relations::{Party, RelationField, RelationKind};
use kluis_domain::{Permission, Role, SystemActor};
use kluis_i18n::{Lang, Tr};
use kluis_store::OrgScope;
use std::collections::{BTreeMap, BTreeSet};
use time::Duration;

use crate::audit::CLI_ACTOR;
use crate::consent::ConsentInput;
use crate::recipients::AgreementInput;
use crate::relations::RelationInput;
use crate::requests::NewRequest;
use crate::system::require_system;
use crate::{Actor, App, AppError, OrgSummary, Origin, StatusChange, UserId};

/// What `kluis demo` made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoReport {
    pub activities: usize,
    pub active: usize,
    pub recipients: usize,
    pub documents: usize,
    pub relations: usize,
    /// Consent records (newsletter sign-ups, a few withdrawn).
    pub consents: usize,
    /// Links the matcher made between the documents and the people they name.
    pub linked_documents: usize,
    pub requests: usize,
    /// Breaches in the register (a lost laptop, its people linked).
    pub breaches: usize,
    /// People the demo's breach affects, from the linked relations.
    pub breach_people: u64,
    /// Activities screened for a DPIA.
    pub screened: usize,
    /// DPIAs started (pre-filled from the register).
    pub dpias: usize,
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

/// Given names and family names the demo's made-up customers are combined from (common Dutch names, written
/// here, not taken from a names dataset).
const GIVEN_NAMES: &[&str] = &[
    "Anna", "Bram", "Daan", "Emma", "Femke", "Gijs", "Hanna", "Iris", "Jesse", "Julia", "Kees",
    "Lotte", "Maud", "Noah", "Olaf", "Puck", "Ruben", "Saar", "Thijs", "Vera", "Wout", "Yara",
    "Zoë", "Mohamed", "Fatima",
];
const FAMILY_NAMES: &[&str] = &[
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Yilmaz",
    "El Amrani",
    "Kok",
    "Willems",
];
/// How many made-up customers the demo records, next to the staff below.
const DEMO_CUSTOMERS: usize = 240;
/// The bakery's staff: the payslip and the absence note above are about the first.
const DEMO_STAFF: &[(&str, &str, &str)] = &[
    ("Sanne", "de Vries", "sanne.devries@korenschoof.example"),
    ("Tom", "Kuipers", "tom.kuipers@korenschoof.example"),
    ("Lisa", "Hoekstra", "lisa.hoekstra@korenschoof.example"),
    ("Mehmet", "Demir", "mehmet.demir@korenschoof.example"),
    ("Eva", "Postma", "eva.postma@korenschoof.example"),
    ("Joost", "Verhoeven", "joost.verhoeven@korenschoof.example"),
    ("Noor", "Bosman", "noor.bosman@korenschoof.example"),
    ("Sem", "Koster", "sem.koster@korenschoof.example"),
    ("Ilse", "Prins", "ilse.prins@korenschoof.example"),
];

/// The demo's values for one field of a made-up person, when the demo has one.
fn demo_value(
    field: RelationField,
    n: usize,
    given: &str,
    family: &str,
    email: &str,
) -> Option<String> {
    Some(match field {
        RelationField::GivenName => given.to_owned(),
        RelationField::FamilyName => family.to_owned(),
        RelationField::Email => email.to_owned(),
        RelationField::Phone => format!("06-{:08}", 10_000_000 + n * 7_919 % 89_999_999),
        RelationField::Street => format!("Dorpsstraat {}", 2 + n % 180),
        RelationField::Postcode => {
            // Dutch postcode letters (never SA, SD or SS: the letters below leave out S).
            const LETTERS: &[u8] = b"ABCEGHJKLNPRTVXZ";
            let first = LETTERS[n % LETTERS.len()] as char;
            let second = LETTERS[n / LETTERS.len() % LETTERS.len()] as char;
            format!("{} {first}{second}", 1234 + n % 40)
        }
        RelationField::City => "Ergens".to_owned(),
        RelationField::Country => "NL".to_owned(),
        RelationField::Language => "nl".to_owned(),
        _ => return None,
    })
}

impl App {
    /// Records the bakery's customers and staff (only the fields its active activities need: privacy by default
    /// decides, as for any user) and one open access request from the customer the order document names.
    /// Returns the ids of the relations it made.
    async fn demo_relations(
        &self,
        actor: &Actor,
        report: &mut DemoReport,
    ) -> Result<Vec<String>, AppError> {
        let mut ids = Vec::new();
        let mut people: Vec<(RelationKind, String, String, String)> = Vec::new();
        // Pieter Jansen ordered the wedding cake in the demo's documents; his access request is the open one.
        people.push((
            RelationKind::Customer,
            "Pieter".into(),
            "Jansen".into(),
            "pieter.jansen@example.nl".into(),
        ));
        for n in 0..DEMO_CUSTOMERS {
            let given = GIVEN_NAMES[n % GIVEN_NAMES.len()];
            let family = FAMILY_NAMES[(n / GIVEN_NAMES.len() + n * 7) % FAMILY_NAMES.len()];
            let local: String = format!("{given}.{family}.{n}")
                .to_lowercase()
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
                .collect();
            people.push((
                RelationKind::Customer,
                given.into(),
                family.into(),
                format!("{local}@example.nl"),
            ));
        }
        for (given, family, email) in DEMO_STAFF {
            people.push((
                RelationKind::Employee,
                (*given).into(),
                (*family).into(),
                (*email).into(),
            ));
        }
        let mut offered = BTreeMap::new();
        let mut first_customer = None;
        let newsletter: Purpose = "marketing.communications.email".parse().map_err(|_| {
            AppError::Internal(anyhow::anyhow!(
                "the newsletter purpose is not in the vocabulary"
            ))
        })?;
        for (n, (kind, given, family, email)) in people.iter().enumerate() {
            if !offered.contains_key(kind) {
                let fields = self
                    .relation_offered_fields(actor, *kind, Party::Person, false)
                    .await?;
                offered.insert(*kind, fields);
            }
            let values = offered[kind]
                .iter()
                .filter_map(|f| Some((*f, demo_value(*f, n, given, family, email)?)))
                .collect();
            let view = self
                .create_relation(
                    actor,
                    &RelationInput {
                        party: Party::Person,
                        kind: *kind,
                        company: None,
                        values,
                        tags: if n % 5 == 0 {
                            BTreeSet::from(["nieuwsbrief".to_owned()])
                        } else {
                            BTreeSet::new()
                        },
                    },
                )
                .await?;
            // Every newsletter customer signed up on the paper form in the shop; one in four unsubscribed later.
            if *kind == RelationKind::Customer && n % 5 == 0 {
                let actions: &[ConsentAction] = if n % 20 == 0 {
                    &[ConsentAction::Given, ConsentAction::Withdrawn]
                } else {
                    &[ConsentAction::Given]
                };
                for action in actions {
                    self.record_consent(
                        actor,
                        &view.id,
                        &ConsentInput {
                            purpose: newsletter,
                            action: *action,
                            channel: ConsentChannel::Paper,
                            statement_version: None,
                            proof: "aanmeldformulier nieuwsbrief, map 2026".into(),
                            parental: false,
                            double_opt_in: false,
                        },
                        Lang::Nl,
                        "",
                    )
                    .await?;
                    report.consents += 1;
                }
            }
            ids.push(view.id.clone());
            first_customer.get_or_insert(view.id);
            report.relations += 1;
        }
        self.create_request(
            actor,
            &NewRequest {
                kind: RequestKind::Access,
                channel: RequestChannel::Email,
                requester_name: "Pieter Jansen".into(),
                requester_email: "pieter.jansen@example.nl".into(),
                received_at: Some(time::OffsetDateTime::now_utc() - Duration::days(9)),
                received_local: None,
                relation_id: first_customer,
            },
        )
        .await?;
        report.requests += 1;
        Ok(ids)
    }

    /// Fills the organisation `slug` with the demo bakery (`kluis demo`). Refused when the organisation's
    /// register already has activities, so a real register is never mixed with made-up data. Names and texts
    /// in `lang`.
    /// A laptop with the customer administration left on the train yesterday: registered, every customer linked,
    /// the risk assessed, the notification to the AP still to be made within the 72 hours.
    async fn demo_breach(&self, actor: &Actor, report: &mut DemoReport) -> Result<(), AppError> {
        use kluis_domain::breach::incident::{BreachCause, DataEvent};
        use kluis_domain::breach::risk::RiskLevel;
        let now = time::OffsetDateTime::now_utc();
        let id = self
            .create_breach(
                actor,
                &crate::BreachInput {
                    summary: "Laptop met de klantenadministratie in de trein laten liggen; de schijf was niet \
                              versleuteld."
                        .into(),
                    discovered_at: Some(now - time::Duration::hours(21)),
                    aware_at: Some(now - time::Duration::hours(20)),
                    events: vec![DataEvent::Lost],
                    cause: Some(BreachCause::LostOrStolenDevice),
                    categories: ["user.name", "user.contact.email", "user.contact.phone_number"]
                        .iter()
                        .filter_map(|k| k.parse().ok())
                        .collect(),
                    measures_before: "Wachtwoord op het account, geen schijfversleuteling.".into(),
                    measures_after: "Wachtwoorden gewijzigd, NS Gevonden voorwerpen gebeld.".into(),
                    ..crate::BreachInput::default()
                },
            )
            .await?;
        let selected = self
            .select_affected(
                actor,
                &id,
                &crate::AffectedSelection::Kind(kluis_domain::relations::RelationKind::Customer),
            )
            .await?;
        self.decide_breach(
            actor,
            &id,
            &crate::DecisionInput {
                risk: RiskLevel::Risk,
                rationale:
                    "Namen en contactgegevens van klanten, onversleuteld; geen bijzondere gegevens."
                        .into(),
                notify_authority: true,
                notify_people: false,
                people_exception: None,
                exception_explanation: String::new(),
                public_communication: false,
                delay_reason: String::new(),
            },
        )
        .await?;
        report.breaches += 1;
        report.breach_people = selected.totals.people;
        Ok(())
    }

    /// The camera in the shop screened (systematic monitoring of employees and customers, WP248: two criteria
    /// and more) and its DPIA started, pre-filled from the register.
    async fn demo_dpia(
        &self,
        actor: &Actor,
        lang: Lang,
        report: &mut DemoReport,
    ) -> Result<(), AppError> {
        use kluis_domain::dpia::screening::{Screening, Wp248Criterion};
        let Some(camera) = self
            .register_activities(actor)
            .await?
            .into_iter()
            .find(|a| a.activity.template.as_deref() == Some("camera_surveillance"))
        else {
            return Ok(());
        };
        let id = camera.activity.id.to_string();
        let form = self.dpia_screening_form(actor, &id).await?;
        let mut screening = Screening {
            nl_list: form.suggestions.nl_list.iter().map(|s| s.item).collect(),
            be_list: form.suggestions.be_list.iter().map(|s| s.item).collect(),
            wp248: form.suggestions.wp248.iter().map(|s| s.item).collect(),
            notes: "Camera in de winkel en bij de achteringang: medewerkers en klanten in beeld."
                .into(),
            ..Screening::default()
        };
        // Filming staff at work: monitoring, and people who depend on the employer (WP248's vulnerable subjects).
        screening.wp248.insert(Wp248Criterion::SystematicMonitoring);
        screening.wp248.insert(Wp248Criterion::VulnerableSubjects);
        self.screen_activity(actor, &id, screening).await?;
        report.screened += 1;
        self.create_dpia(actor, Some(id.as_str()), &camera.activity.name, lang)
            .await?;
        report.dpias += 1;
        Ok(())
    }

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
        let relations = self.demo_relations(&actor, &mut report).await?;
        // The scans run now; the matcher links each scanned document to the people it names.
        let instance = format!("cli-demo-{}", uuid::Uuid::now_v7());
        while self.run_one_job(&instance).await? {}
        for id in &relations {
            report.linked_documents += self.linked_documents(&actor, id).await?.len();
        }
        self.demo_breach(&actor, &mut report).await?;
        self.demo_dpia(&actor, lang, &mut report).await?;
        Ok(report)
    }
}
