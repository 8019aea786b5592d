//! Registers to export: a realistic one built from the starter library (NL or BE), with processors, a transfer
//! outside the EEA, special data and an ended activity; and a small one without vocabulary labels for snapshots.

use kluis_domain::legal_basis::{LawfulBasis, SpecialCategoryGround};
use kluis_domain::register::measures::MEASURES;
use kluis_domain::register::starter::TEMPLATES;
use kluis_domain::register::*;
use kluis_export::{DatasetField, Lang};
use kluis_i18n::Tr;
use time::macros::date;
use uuid::Uuid;

pub const HOSTING: Uuid = Uuid::from_u128(0xA1);
pub const MAILER: Uuid = Uuid::from_u128(0xA2);
pub const ACCOUNTANT: Uuid = Uuid::from_u128(0xA3);

fn parse<T: std::str::FromStr>(keys: &[&str]) -> Vec<T> {
    keys.iter().filter_map(|k| k.parse().ok()).collect()
}

pub fn profile(j: Jurisdiction) -> OrgProfile {
    OrgProfile {
        legal_name: match j {
            Jurisdiction::Nl => "Bakkerij Jansen & Zonen B.V.".into(),
            Jurisdiction::Be => "Crèmerie Françoise BV".into(),
        },
        address: match j {
            Jurisdiction::Nl => "Dorpsstraat 1, 1234 AB Ede".into(),
            Jurisdiction::Be => "Grote Markt 5, 9000 Gent".into(),
        },
        email: "privacy@bakkerij.example".into(),
        phone: "+31 318 000 000".into(),
        website: "https://bakkerij.example".into(),
        registration_number: "12345678".into(),
        jurisdiction: Some(j),
        employees: Some(14),
        dpo: DpoInfo {
            appointed: true,
            name: "Anaïs Dubois".into(),
            email: "fg@bakkerij.example".into(),
            phone: String::new(),
        },
        ..Default::default()
    }
}

fn recipients() -> Vec<Recipient> {
    vec![
        Recipient {
            id: HOSTING,
            name: "Hostnet B.V.".into(),
            role: RecipientRole::Processor,
            country: "NL".into(),
            services: "Hosting van website en e-mail".into(),
            categories: parse(&["user.name", "user.contact.email"]),
            sub_processors: vec![SubProcessor {
                name: "Equinix".into(),
                country: "NL".into(),
                service: "datacenter".into(),
            }],
            agreements: vec![ProcessingAgreement {
                id: Uuid::from_u128(0xB1),
                signed_on: Some(date!(2025 - 03 - 01)),
                expires_on: Some(date!(2028 - 03 - 01)),
                checklist: Art28Checklist {
                    documented_instructions: true,
                    confidentiality: true,
                    security: true,
                    sub_processors: true,
                    data_subject_rights: true,
                    assists_compliance: true,
                    deletion_or_return: true,
                    audits: false,
                },
                sub_processor_authorisation: Some(SubProcessorAuthorisation::General),
                ..Default::default()
            }],
            ..Default::default()
        },
        Recipient {
            id: MAILER,
            name: "Mailchimp (Intuit Inc.)".into(),
            role: RecipientRole::Processor,
            country: "US".into(),
            services: "Nieuwsbrieven".into(),
            categories: parse(&["user.contact.email"]),
            transfer_safeguard: Some(TransferSafeguard::StandardContractualClauses),
            ..Default::default()
        },
        Recipient {
            id: ACCOUNTANT,
            name: "Accountantskantoor De Vries".into(),
            role: RecipientRole::ThirdParty,
            country: "NL".into(),
            ..Default::default()
        },
    ]
}

fn first<T: Copy>(mut all: impl Iterator<Item = T>) -> Option<T> {
    all.next()
}

/// Every starter template for `j`, named from the catalogue, made complete where the template leaves a field
/// open (drafts may be incomplete; the register exported here is in force), plus an activity with special data
/// and a BSN, one with a transfer to the US and one ended with its successor.
pub fn realistic(j: Jurisdiction) -> Register {
    let tr = Tr::new(Lang::Nl);
    let mut activities = Vec::new();
    for (i, t) in TEMPLATES.iter().enumerate() {
        let mut a = (t.build)(j);
        a.id = Uuid::from_u128(0x1000 + i as u128);
        a.name = if tr.has(&t.name_key()) {
            tr.t(&t.name_key()).to_owned()
        } else {
            t.key.replace('_', " ")
        };
        a.status = ActivityStatus::Active;
        if a.purposes.is_empty() {
            a.purposes = first(Purpose::all()).into_iter().collect();
        }
        if a.subjects.is_empty() {
            a.subjects = first(DataSubjectCategory::all()).into_iter().collect();
        }
        if a.categories.is_empty() {
            a.categories = parse(&["user.name"]);
        }
        if a.lawful_basis.is_none() {
            a.lawful_basis = Some(LawfulBasis::Contract);
        }
        a.recipients.push(HOSTING);
        a.measures = MEASURES.iter().map(|m| m.key.to_owned()).collect();
        activities.push(a);
    }
    activities.push(ProcessingActivity {
        id: Uuid::from_u128(0x2001),
        name: "Ziekteverzuim en re-integratie".into(),
        description: "Verzuimregistratie met de arbodienst; geen diagnoses.".into(),
        status: ActivityStatus::Active,
        purposes: parse(&["essential.service"]),
        subjects: parse(&["employee"]),
        categories: parse(&[
            "user.name",
            "user.health_and_medical",
            "user.government_id.national_identification_number.bsn",
        ]),
        lawful_basis: Some(LawfulBasis::LegalObligation),
        special_ground: Some(SpecialCategoryGround::Employment),
        uavg_article: "UAVG art. 30".into(),
        national_id_statute: "Wet op de loonbelasting 1964".into(),
        other_recipients: vec!["Arbodienst".into(), "UWV".into()],
        recipients: vec![ACCOUNTANT],
        retention: vec![RetentionRule {
            category: parse(&["user.health_and_medical"]).into_iter().next(),
            period: Period {
                amount: 2,
                unit: PeriodUnit::Years,
            },
            starts: RetentionStart::EndOfEmployment,
            action: RetentionAction::Delete,
            legal_reference: "AP: verzuimgegevens 2 jaar".into(),
        }],
        measures: MEASURES.iter().map(|m| m.key.to_owned()).collect(),
        measures_note: "Dossier in een afgesloten kast.".into(),
        dpia: DpiaStatus::NotRequired,
        ..Default::default()
    });
    activities.push(ProcessingActivity {
        id: Uuid::from_u128(0x2002),
        name: "Nieuwsbrief".into(),
        status: ActivityStatus::Active,
        purposes: parse(&["marketing.communications.email"]),
        subjects: parse(&["customer"]),
        categories: parse(&["user.name", "user.contact.email"]),
        lawful_basis: Some(LawfulBasis::Consent),
        recipients: vec![MAILER],
        transfers: vec![Transfer {
            country: "US".into(),
            recipient: "Mailchimp (Intuit Inc.)".into(),
            safeguard: Some(TransferSafeguard::StandardContractualClauses),
            documentation: "Verwerkersovereenkomst, bijlage 2".into(),
        }],
        retention: vec![RetentionRule {
            category: None,
            period: Period {
                amount: 1,
                unit: PeriodUnit::Months,
            },
            starts: RetentionStart::Withdrawal,
            action: RetentionAction::Delete,
            legal_reference: String::new(),
        }],
        ..Default::default()
    });
    activities.push(ProcessingActivity {
        id: Uuid::from_u128(0x2003),
        name: "Klantenkaart (oud)".into(),
        status: ActivityStatus::Ended,
        end_date: Some(date!(2025 - 12 - 31)),
        successor: Some(Uuid::from_u128(0x2002)),
        purposes: parse(&["marketing.communications.email"]),
        subjects: parse(&["customer"]),
        categories: parse(&["user.name"]),
        lawful_basis: Some(LawfulBasis::LegitimateInterests),
        balancing_test: "Beperkte gegevens, opt-out bij elke mail.".into(),
        collected_from_subject: true,
        ..Default::default()
    });
    Register {
        organisation: match j {
            Jurisdiction::Nl => "bakkerij".into(),
            Jurisdiction::Be => "cremerie".into(),
        },
        profile: profile(j),
        activities,
        recipients: recipients(),
        last_review: Some(date!(2026 - 06 - 01)),
        as_of: Some(date!(2026 - 12 - 07)),
    }
}

/// The fields Kluis holds, as the documents module would report them.
pub fn dataset_fields() -> Vec<DatasetField> {
    vec![
        DatasetField {
            collection: "documents".into(),
            field: "findings.email".into(),
            categories: parse(&["user.contact.email"]),
        },
        DatasetField {
            collection: "documents".into(),
            field: "findings.bsn".into(),
            categories: parse(&["user.government_id.national_identification_number.bsn"]),
        },
    ]
}

/// A small register whose every cell comes from free text or this crate's own catalogue, so its CSV snapshot
/// does not move when the vocabulary's labels change.
pub fn plain() -> Register {
    Register {
        organisation: "plain".into(),
        profile: profile(Jurisdiction::Nl),
        recipients: recipients(),
        activities: vec![
            ProcessingActivity {
                id: Uuid::from_u128(1),
                name: "Facturatie".into(),
                description: "Facturen, \"aanmaningen\", en betalingen".into(),
                status: ActivityStatus::Active,
                lawful_basis: Some(LawfulBasis::LegalObligation),
                recipients: vec![ACCOUNTANT, HOSTING],
                other_recipients: vec!["Belastingdienst".into()],
                retention: vec![RetentionRule {
                    category: None,
                    period: Period {
                        amount: 7,
                        unit: PeriodUnit::Years,
                    },
                    starts: RetentionStart::EndOfFinancialYear,
                    action: RetentionAction::Delete,
                    legal_reference: "art. 52 AWR".into(),
                }],
                measures_note: "Back-ups versleuteld".into(),
                ..Default::default()
            },
            ProcessingActivity {
                id: Uuid::from_u128(2),
                name: "Nieuwsbrief".into(),
                status: ActivityStatus::Ended,
                end_date: Some(date!(2026 - 01 - 31)),
                successor: Some(Uuid::from_u128(1)),
                lawful_basis: Some(LawfulBasis::Consent),
                transfers: vec![Transfer {
                    country: "US".into(),
                    recipient: "Mailchimp".into(),
                    safeguard: Some(TransferSafeguard::StandardContractualClauses),
                    documentation: String::new(),
                }],
                ..Default::default()
            },
        ],
        ..Default::default()
    }
}
