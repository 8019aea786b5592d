//! The starter library: typical processing activities of Dutch and Belgian small businesses, pre-filled per
//! jurisdiction (retention periods, legal references), so picking one takes a minute instead of forty fields.
//!
//! A template builds a draft [`ProcessingActivity`] without a name: the name, description and purpose text come
//! from the catalogue (`template-<key>-name`, `template-<key>-purpose`) in the language of whoever picks it.

use super::model::{
    ActivityStatus, Jurisdiction, Period, PeriodUnit, ProcessingActivity, RetentionAction,
    RetentionRule, RetentionStart,
};
use super::vocabulary::DataCategory;
use crate::legal_basis::{LawfulBasis, SpecialCategoryGround};

/// One activity of the starter library.
pub struct Template {
    /// Stable key, stored on activities made from it (`ProcessingActivity::template`).
    pub key: &'static str,
    /// Builds the pre-filled activity for a jurisdiction.
    pub build: fn(Jurisdiction) -> ProcessingActivity,
}

impl Template {
    /// The catalogue key of the template's name, e.g. `template-payroll-name`.
    pub fn name_key(&self) -> String {
        format!("template-{}-name", self.key.replace('_', "-"))
    }
    /// The catalogue key of the template's purpose text.
    pub fn purpose_key(&self) -> String {
        format!("template-{}-purpose", self.key.replace('_', "-"))
    }
}

/// Every template, in the order the library shows them.
pub static TEMPLATES: &[Template] = &[
    Template {
        key: "customer_administration",
        build: customer_administration,
    },
    Template {
        key: "invoicing",
        build: invoicing,
    },
    Template {
        key: "payroll",
        build: payroll,
    },
    Template {
        key: "personnel_file",
        build: personnel_file,
    },
    Template {
        key: "absence_reintegration",
        build: absence_reintegration,
    },
    Template {
        key: "job_applicants",
        build: job_applicants,
    },
    Template {
        key: "newsletter",
        build: newsletter,
    },
    Template {
        key: "website_analytics",
        build: website_analytics,
    },
    Template {
        key: "camera_surveillance",
        build: camera_surveillance,
    },
    Template {
        key: "supplier_administration",
        build: supplier_administration,
    },
    Template {
        key: "warranty_complaints",
        build: warranty_complaints,
    },
    Template {
        key: "customer_service_mail",
        build: customer_service_mail,
    },
    Template {
        key: "appointments",
        build: appointments,
    },
    Template {
        key: "access_control",
        build: access_control,
    },
    Template {
        key: "company_vehicles",
        build: company_vehicles,
    },
    Template {
        key: "members_administration",
        build: members_administration,
    },
    Template {
        key: "client_file",
        build: client_file,
    },
];

/// The template with `key`.
pub fn template(key: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.key == key)
}

/// Vocabulary keys written in this file; a typo is a bug caught by the tests (debug builds), never user input.
fn parse<T: std::str::FromStr>(keys: &[&str]) -> Vec<T> {
    keys.iter()
        .filter_map(|k| {
            let parsed = k.parse().ok();
            debug_assert!(parsed.is_some(), "unknown vocabulary key {k}");
            parsed
        })
        .collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// NL or BE, whichever applies.
fn per<T>(j: Jurisdiction, nl: T, be: T) -> T {
    match j {
        Jurisdiction::Nl => nl,
        Jurisdiction::Be => be,
    }
}

const fn period(amount: u32, unit: PeriodUnit) -> Period {
    Period { amount, unit }
}

fn years(n: u32) -> Period {
    period(n, PeriodUnit::Years)
}

/// A retention rule that deletes; `category: None` is the activity's catch-all.
fn keep(
    category: Option<&str>,
    period: Period,
    starts: RetentionStart,
    legal_reference: &str,
) -> RetentionRule {
    RetentionRule {
        category: category.and_then(|k| parse(&[k]).into_iter().next()),
        period,
        starts,
        action: RetentionAction::Delete,
        legal_reference: legal_reference.to_owned(),
    }
}

/// The fiscal retention duty: NL 7 years (art. 52 AWR), BE 10 years (since the Act of 20 November 2022).
fn fiscal(j: Jurisdiction, category: Option<&str>) -> RetentionRule {
    per(
        j,
        keep(
            category,
            years(7),
            RetentionStart::EndOfFinancialYear,
            "art. 52 lid 4 AWR (fiscale bewaarplicht 7 jaar)",
        ),
        keep(
            category,
            years(10),
            RetentionStart::EndOfFinancialYear,
            "art. 315 WIB 1992 en art. 60 WBTW (wet 20-11-2022: 10 jaar); boekhouding art. III.86 WER: 7 jaar",
        ),
    )
}

/// A draft made from template `key`.
fn draft(key: &str) -> ProcessingActivity {
    ProcessingActivity {
        template: Some(key.to_owned()),
        status: ActivityStatus::Draft,
        ..Default::default()
    }
}

const CONTACT: &[&str] = &[
    "user.name",
    "user.contact.email",
    "user.contact.phone_number",
    "user.contact.address",
];

fn with(base: &[&str], more: &[&str]) -> Vec<DataCategory> {
    let all: Vec<&str> = base.iter().chain(more).copied().collect();
    parse(&all)
}

fn customer_administration(j: Jurisdiction) -> ProcessingActivity {
    ProcessingActivity {
        purposes: parse(&["essential.service", "essential.service.customer_management"]),
        subjects: parse(&["customer", "business_contact"]),
        categories: with(
            CONTACT,
            &[
                "user.contact.organization.registration_number",
                "user.unique_id",
                "user.behavior.purchase_history",
                "user.financial.bank_account",
            ],
        ),
        lawful_basis: Some(LawfulBasis::Contract),
        retention: vec![keep(
            None,
            years(2),
            RetentionStart::EndOfContract,
            per(
                j,
                "niet langer dan nodig: 2 jaar na einde klantrelatie (klachttermijn art. 7:23 BW)",
                "niet langer dan nodig: 2 jaar na einde klantrelatie (wettelijke garantie consument)",
            ),
        )],
        measures: strings(&[
            "role_based_access",
            "strong_passwords",
            "backups",
            "encryption_at_rest",
            "processor_agreements",
        ]),
        ..draft("customer_administration")
    }
}

fn invoicing(j: Jurisdiction) -> ProcessingActivity {
    ProcessingActivity {
        purposes: parse(&[
            "essential.service.payment_processing",
            "finance",
            "essential.legal_obligation.fiscal",
        ]),
        subjects: parse(&["customer", "business_contact", "supplier_vendor"]),
        categories: parse(&[
            "user.name",
            "user.contact.address",
            "user.contact.email",
            "user.contact.organization.registration_number",
            "user.financial.bank_account",
            "user.payment",
            "user.behavior.purchase_history",
        ]),
        lawful_basis: Some(LawfulBasis::LegalObligation),
        provision_requirement: per(
            j,
            "Wettelijke verplichting: art. 35a Wet OB 1968 (factuurvereisten)",
            "Wettelijke verplichting: art. 53 WBTW en KB nr. 1 (factuurvereisten)",
        )
        .to_owned(),
        other_recipients: strings(per(
            j,
            &["Belastingdienst", "Accountant"],
            &["FOD Financiën", "Externe accountant of boekhouder"],
        )),
        retention: vec![fiscal(j, None)],
        measures: strings(&[
            "role_based_access",
            "backups",
            "restore_tests",
            "encryption_at_rest",
            "access_logging",
            "processor_agreements",
        ]),
        ..draft("invoicing")
    }
}

fn payroll(j: Jurisdiction) -> ProcessingActivity {
    let national_id = per(
        j,
        "user.government_id.national_identification_number.bsn",
        "user.government_id.national_identification_number.be_national_number",
    );
    let mut categories = vec![
        "user.name",
        "user.contact.address",
        "user.demographic.date_of_birth",
        "user.financial.bank_account",
        "user.financial.salary",
        "user.financial.tax",
        "user.job_title.employment_contract",
        "user.job_title.leave_and_hours",
        national_id,
    ];
    let retention = match j {
        Jurisdiction::Nl => {
            // The employer must identify a new employee and keep the copy of the identity document with the
            // payroll records (art. 28 Wet LB 1964).
            categories.push("user.government_id.identity_document_copy");
            vec![
                fiscal(j, None),
                keep(
                    Some("user.government_id.identity_document_copy"),
                    years(5),
                    RetentionStart::EndOfEmployment,
                    "kopie identiteitsbewijs en loonbelastingverklaring: 5 jaar na het kalenderjaar van uitdiensttreding (art. 28 Wet LB 1964, Uitvoeringsregeling LB 2011)",
                ),
            ]
        }
        Jurisdiction::Be => {
            // The withholding tax depends on dependants (gezinslast).
            categories.push("user.demographic.family");
            vec![
                keep(
                    None,
                    years(5),
                    RetentionStart::EndOfEmployment,
                    "sociale documenten (individuele rekening): 5 jaar (KB 08-08-1980)",
                ),
                fiscal(j, Some("user.financial.salary")),
                fiscal(j, Some("user.financial.tax")),
            ]
        }
    };
    ProcessingActivity {
        purposes: parse(&["employment.payroll", "essential.legal_obligation.fiscal"]),
        subjects: parse(&["employee", "former_employee"]),
        categories: parse(&categories),
        lawful_basis: Some(LawfulBasis::LegalObligation),
        national_id_statute: per(
            j,
            "art. 28 Wet op de loonbelasting 1964 (identificatie en BSN in de loonadministratie); UAVG art. 46",
            "art. 8 wet 15-01-1990 Kruispuntbank van de sociale zekerheid (INSZ); art. 8 wet 08-08-1983 Rijksregister",
        )
        .to_owned(),
        provision_requirement: per(
            j,
            "Wettelijke verplichting (Wet LB 1964); zonder BSN geldt het anoniementarief",
            "Wettelijke verplichting (Dimona/DmfA, bedrijfsvoorheffing)",
        )
        .to_owned(),
        other_recipients: strings(per(
            j,
            &["Belastingdienst", "Pensioenfonds", "UWV"],
            &["FOD Financiën", "RSZ", "Sociaal secretariaat", "Pensioeninstelling"],
        )),
        retention,
        measures: strings(&[
            "role_based_access",
            "multi_factor_authentication",
            "encryption_at_rest",
            "access_logging",
            "confidentiality_declarations",
            "processor_agreements",
            "backups",
        ]),
        ..draft("payroll")
    }
}

fn personnel_file(j: Jurisdiction) -> ProcessingActivity {
    ProcessingActivity {
        purposes: parse(&["employment.personnel_administration", "employment"]),
        subjects: parse(&["employee", "former_employee", "trainee", "next_of_kin"]),
        categories: with(
            CONTACT,
            &[
                "user.demographic.date_of_birth",
                "user.demographic.nationality",
                "user.government_id.immigration",
                "user.demographic.family",
                "user.content.self_image",
                "user.job_title",
                "user.job_title.employment_contract",
                "user.job_title.performance",
                "user.job_title.leave_and_hours",
                "user.job_title.employment_history",
                "user.job_title.education",
            ],
        ),
        lawful_basis: Some(LawfulBasis::Contract),
        retention: per(
            j,
            vec![
                keep(
                    None,
                    years(2),
                    RetentionStart::EndOfEmployment,
                    "AP: personeelsdossier in de regel 2 jaar na einde dienstverband",
                ),
                keep(
                    Some("user.government_id.immigration"),
                    years(5),
                    RetentionStart::EndOfEmployment,
                    "art. 15 Wet arbeid vreemdelingen: kopie verblijfsdocument 5 jaar na einde dienstverband",
                ),
            ],
            vec![keep(
                None,
                years(5),
                RetentionStart::EndOfEmployment,
                "sociale documenten 5 jaar (KB 08-08-1980); vorderingen art. 15 Arbeidsovereenkomstenwet",
            )],
        ),
        other_recipients: strings(per(j, &["Pensioenfonds"], &["Sociaal secretariaat"])),
        measures: strings(&[
            "role_based_access",
            "encryption_at_rest",
            "confidentiality_declarations",
            "locked_storage",
            "clean_desk",
            "backups",
        ]),
        ..draft("personnel_file")
    }
}

fn absence_reintegration(j: Jurisdiction) -> ProcessingActivity {
    ProcessingActivity {
        purposes: parse(&["employment.absence", "essential.legal_obligation"]),
        subjects: parse(&["employee"]),
        categories: parse(&[
            "user.name",
            "user.contact.phone_number",
            "user.job_title.employment_contract",
            "user.health_and_medical.sick_leave",
        ]),
        lawful_basis: Some(LawfulBasis::LegalObligation),
        special_ground: Some(SpecialCategoryGround::Employment),
        // The employer may record only what the Wet verbetering poortwachter needs (AP): no diagnosis, no
        // complaints; medical details stay with the company doctor.
        uavg_article: per(j, "UAVG art. 30 lid 1 onder a en b", "").to_owned(),
        provision_requirement: per(
            j,
            "Wettelijke verplichting: art. 7:629 en 7:658a BW, Wet verbetering poortwachter",
            "Wettelijke verplichting: gewaarborgd loon (Arbeidsovereenkomstenwet art. 31)",
        )
        .to_owned(),
        other_recipients: strings(per(
            j,
            &["Arbodienst of bedrijfsarts", "UWV"],
            &[
                "Externe dienst voor preventie en bescherming op het werk (arbeidsarts)",
                "Ziekenfonds",
            ],
        )),
        retention: vec![per(
            j,
            keep(
                None,
                years(2),
                RetentionStart::EndOfEmployment,
                "AP: verzuimgegevens 2 jaar na einde dienstverband (eigenrisicodrager: 5 jaar)",
            ),
            keep(
                None,
                years(1),
                RetentionStart::EndOfEmployment,
                "art. 15 Arbeidsovereenkomstenwet: vorderingen verjaren 1 jaar na einde overeenkomst",
            ),
        )],
        measures: strings(&[
            "role_based_access",
            "authorised_persons_list",
            "special_data_separated",
            "encryption_at_rest",
            "access_logging",
            "confidentiality_declarations",
            "data_minimisation",
        ]),
        ..draft("absence_reintegration")
    }
}

fn job_applicants(j: Jurisdiction) -> ProcessingActivity {
    ProcessingActivity {
        purposes: parse(&["employment.recruitment"]),
        subjects: parse(&["job_applicant"]),
        categories: with(
            CONTACT,
            &[
                "user.demographic.date_of_birth",
                "user.job_title.education",
                "user.job_title.employment_history",
                "user.job_title",
            ],
        ),
        // Steps taken at the applicant's request before a contract (Art. 6(1)(b)).
        lawful_basis: Some(LawfulBasis::Contract),
        retention: vec![keep(
            None,
            period(4, PeriodUnit::Weeks),
            RetentionStart::EndOfProcedure,
            per(
                j,
                "AP en NVP-sollicitatiecode: 4 weken na de procedure; 1 jaar met toestemming van de sollicitant",
                "geen wettelijke termijn: 4 weken na de procedure; 1 jaar met toestemming van de sollicitant",
            ),
        )],
        measures: strings(&[
            "role_based_access",
            "retention_schedule",
            "encryption_in_transit",
            "confidentiality_declarations",
        ]),
        ..draft("job_applicants")
    }
}

fn newsletter(j: Jurisdiction) -> ProcessingActivity {
    ProcessingActivity {
        purposes: parse(&["marketing.communications.email"]),
        subjects: parse(&["subscriber", "customer"]),
        categories: parse(&[
            "user.name",
            "user.contact.email",
            "user.privacy_preferences",
        ]),
        lawful_basis: Some(LawfulBasis::Consent),
        provision_requirement: per(
            j,
            "Toestemming vereist: art. 11.7 Telecommunicatiewet (klanten: afmeldmogelijkheid)",
            "Toestemming vereist: art. XII.13 WER en KB 04-04-2003 (klanten: afmeldmogelijkheid)",
        )
        .to_owned(),
        retention: vec![
            keep(
                None,
                period(1, PeriodUnit::Months),
                RetentionStart::Withdrawal,
                "na afmelding verwijderen (art. 7 lid 3 en art. 21 lid 3 AVG)",
            ),
            keep(
                Some("user.privacy_preferences"),
                years(2),
                RetentionStart::Withdrawal,
                "bewijs van toestemming en afmelding (art. 7 lid 1 AVG)",
            ),
        ],
        measures: strings(&[
            "role_based_access",
            "processor_agreements",
            "encryption_in_transit",
            "data_minimisation",
        ]),
        ..draft("newsletter")
    }
}

fn website_analytics(j: Jurisdiction) -> ProcessingActivity {
    ProcessingActivity {
        purposes: parse(&["analytics.reporting", "essential.service.security"]),
        subjects: parse(&["website_visitor"]),
        categories: parse(&[
            "user.device.ip_address",
            "user.device.cookie_id",
            "user.device.device_id",
            "user.behavior.browsing_history",
        ]),
        // NL exempts analytics cookies with little or no privacy impact from consent; BE does not.
        lawful_basis: Some(per(j, LawfulBasis::LegitimateInterests, LawfulBasis::Consent)),
        balancing_test: per(
            j,
            "Belang: de website veilig houden en verbeteren. Noodzaak: geanonimiseerde IP-adressen, geen gegevens delen voor advertenties, geen profielen. Afweging: geringe impact voor bezoekers, die bezwaar kunnen maken.",
            "",
        )
        .to_owned(),
        notes: per(
            j,
            "Cookies: art. 11.7a lid 3 onder b Telecommunicatiewet (analytische cookies zonder of met geringe privacy-impact)",
            "Cookies: art. 10/2 wet 13-06-2005 betreffende de elektronische communicatie (toestemming)",
        )
        .to_owned(),
        retention: vec![
            keep(
                None,
                period(14, PeriodUnit::Months),
                RetentionStart::Collection,
                "niet langer dan nodig: kortste bewaarinstelling van de analysedienst",
            ),
            keep(
                Some("user.device.ip_address"),
                period(3, PeriodUnit::Months),
                RetentionStart::Collection,
                "serverlogboeken voor beveiliging: 3 maanden",
            ),
        ],
        measures: strings(&["pseudonymisation", "data_minimisation", "encryption_in_transit", "processor_agreements"]),
        ..draft("website_analytics")
    }
}

fn camera_surveillance(j: Jurisdiction) -> ProcessingActivity {
    let (period, reference) = match j {
        Jurisdiction::Nl => (
            period(4, PeriodUnit::Weeks),
            "AP: camerabeelden maximaal 4 weken, langer alleen bij een incident",
        ),
        Jurisdiction::Be => (
            period(1, PeriodUnit::Months),
            "Camerawet (wet 21-03-2007) art. 6 §3: maximaal 1 maand, langer als bewijs van een incident",
        ),
    };
    ProcessingActivity {
        purposes: parse(&["essential.service.security.camera"]),
        subjects: parse(&["visitor", "customer", "employee"]),
        categories: parse(&["user.sensor.camera_images"]),
        lawful_basis: Some(LawfulBasis::LegitimateInterests),
        balancing_test: "Belang: bescherming van personen en eigendommen tegen diefstal, inbraak en geweld. Noodzaak: alleen ingangen, kassa en opslag in beeld, werkplekken niet gericht in beeld, nooit kleedruimtes of toiletten; waarschuwingsborden. Afweging: beperkte bewaartermijn en toegang voor weinig personen; beelden worden alleen bekeken bij een incident.".to_owned(),
        other_recipients: strings(per(
            j,
            &["Politie (bij een incident)"],
            &["Politie (bij een incident)"],
        )),
        notes: per(
            j,
            "",
            "Aangifte van de camera bij de politie via het e-loket (Camerawet art. 5-7)",
        )
        .to_owned(),
        retention: vec![RetentionRule {
            category: None,
            period,
            starts: RetentionStart::Collection,
            action: RetentionAction::Delete,
            legal_reference: reference.to_owned(),
        }],
        measures: strings(&[
            "camera_signage",
            "role_based_access",
            "access_logging",
            "encryption_at_rest",
            "building_access",
        ]),
        ..draft("camera_surveillance")
    }
}

fn supplier_administration(j: Jurisdiction) -> ProcessingActivity {
    ProcessingActivity {
        purposes: parse(&["operations.supplier_management", "finance"]),
        subjects: parse(&["supplier_contact", "supplier_vendor"]),
        categories: with(
            CONTACT,
            &[
                "user.contact.organization.registration_number",
                "user.financial.bank_account",
            ],
        ),
        lawful_basis: Some(LawfulBasis::Contract),
        retention: vec![
            keep(
                None,
                years(2),
                RetentionStart::EndOfContract,
                "niet langer dan nodig: 2 jaar na einde van de samenwerking",
            ),
            fiscal(j, Some("user.financial.bank_account")),
            fiscal(j, Some("user.contact.organization.registration_number")),
        ],
        measures: strings(&["role_based_access", "backups", "strong_passwords"]),
        ..draft("supplier_administration")
    }
}

fn warranty_complaints(j: Jurisdiction) -> ProcessingActivity {
    ProcessingActivity {
        purposes: parse(&[
            "essential.service.warranty",
            "essential.service.operations.support",
        ]),
        subjects: parse(&["customer"]),
        categories: with(
            CONTACT,
            &["user.behavior.purchase_history", "user.content.private"],
        ),
        lawful_basis: Some(LawfulBasis::Contract),
        retention: per(
            j,
            vec![
                keep(
                    None,
                    years(5),
                    RetentionStart::EndOfContract,
                    "art. 3:307 BW: vordering uit overeenkomst verjaart na 5 jaar",
                ),
                keep(
                    Some("user.content.private"),
                    years(2),
                    RetentionStart::EndOfProcedure,
                    "art. 7:23 lid 2 BW: vordering verjaart 2 jaar na de klacht",
                ),
            ],
            vec![
                keep(
                    None,
                    years(10),
                    RetentionStart::EndOfContract,
                    "art. 2262bis oud BW: persoonlijke rechtsvorderingen verjaren na 10 jaar",
                ),
                keep(
                    Some("user.content.private"),
                    years(2),
                    RetentionStart::EndOfProcedure,
                    "wettelijke garantie consument 2 jaar (art. 1649quater oud BW)",
                ),
            ],
        ),
        measures: strings(&["role_based_access", "backups", "retention_schedule"]),
        ..draft("warranty_complaints")
    }
}

fn customer_service_mail(_j: Jurisdiction) -> ProcessingActivity {
    ProcessingActivity {
        purposes: parse(&["essential.service.operations.support"]),
        subjects: parse(&["customer", "prospect", "business_contact"]),
        categories: parse(&[
            "user.name",
            "user.contact.email",
            "user.contact.phone_number",
            "user.content.private",
        ]),
        lawful_basis: Some(LawfulBasis::LegitimateInterests),
        balancing_test: "Belang: vragen van klanten en geïnteresseerden beantwoorden. Noodzaak: alleen de gegevens die iemand zelf stuurt. Afweging: betrokkene verwacht een antwoord; gesprekken worden na de bewaartermijn verwijderd.".to_owned(),
        retention: vec![keep(
            None,
            years(1),
            RetentionStart::LastContact,
            "geen wettelijke termijn: 1 jaar na het laatste contact, tenzij nodig voor een klacht of garantie",
        )],
        measures: strings(&[
            "role_based_access",
            "multi_factor_authentication",
            "encryption_in_transit",
            "processor_agreements",
            "retention_schedule",
        ]),
        ..draft("customer_service_mail")
    }
}

fn appointments(_j: Jurisdiction) -> ProcessingActivity {
    ProcessingActivity {
        purposes: parse(&["essential.service.appointments"]),
        subjects: parse(&["customer", "client"]),
        categories: parse(&[
            "user.name",
            "user.contact.email",
            "user.contact.phone_number",
        ]),
        lawful_basis: Some(LawfulBasis::Contract),
        retention: vec![keep(
            None,
            years(1),
            RetentionStart::LastContact,
            "geen wettelijke termijn: 1 jaar na de laatste afspraak",
        )],
        measures: strings(&[
            "role_based_access",
            "strong_passwords",
            "processor_agreements",
        ]),
        ..draft("appointments")
    }
}

fn access_control(_j: Jurisdiction) -> ProcessingActivity {
    ProcessingActivity {
        purposes: parse(&["essential.service.security.access_control"]),
        subjects: parse(&["employee", "visitor"]),
        // Badges, not fingerprints: biometrics need UAVG art. 29 (NL) and are rarely necessary for a small office.
        categories: parse(&[
            "user.name",
            "user.unique_id",
            "user.content.self_image",
            "user.sensor.access_log",
        ]),
        lawful_basis: Some(LawfulBasis::LegitimateInterests),
        balancing_test: "Belang: beveiliging van het pand en de mensen erin. Noodzaak: een pas met naam en nummer, geen biometrie. Afweging: registratie van in- en uitgaan wordt alleen bij een incident bekeken, niet om werktijden te controleren.".to_owned(),
        retention: vec![
            keep(
                None,
                period(1, PeriodUnit::Months),
                RetentionStart::LastContact,
                "pas intrekken en gegevens verwijderen 1 maand na vertrek of bezoek",
            ),
            keep(
                Some("user.sensor.access_log"),
                period(6, PeriodUnit::Months),
                RetentionStart::Collection,
                "geen wettelijke termijn: toegangslogboek 6 maanden voor onderzoek van incidenten",
            ),
        ],
        measures: strings(&[
            "building_access",
            "offboarding_revocation",
            "access_logging",
            "role_based_access",
        ]),
        ..draft("access_control")
    }
}

fn company_vehicles(j: Jurisdiction) -> ProcessingActivity {
    ProcessingActivity {
        purposes: parse(&[
            "operations.vehicle_management",
            "essential.legal_obligation.fiscal",
        ]),
        subjects: parse(&["employee"]),
        categories: parse(&[
            "user.name",
            "user.government_id.drivers_license_number",
            "user.government_id.vehicle_registration",
            "user.location.vehicle_usage",
        ]),
        lawful_basis: Some(LawfulBasis::LegitimateInterests),
        balancing_test: "Belang: beheer van het wagenpark, afhandeling van verkeersboetes en bewijs tegenover de belastingdienst. Noodzaak: geen volgsysteem buiten werktijd. Afweging: medewerkers worden geïnformeerd en kunnen hun ritten inzien.".to_owned(),
        provision_requirement: per(
            j,
            "Rittenregistratie als bewijs tegen bijtelling: art. 13bis Wet LB 1964",
            "Voordeel van alle aard bedrijfswagen: art. 36 WIB 1992",
        )
        .to_owned(),
        other_recipients: strings(per(
            j,
            &[
                "Leasemaatschappij",
                "Belastingdienst",
                "CJIB (verkeersboetes)",
            ],
            &["Leasemaatschappij", "FOD Financiën"],
        )),
        retention: vec![
            keep(
                None,
                years(1),
                RetentionStart::EndOfEmployment,
                "niet langer dan nodig: 1 jaar na inleveren van de auto (verkeersboetes)",
            ),
            fiscal(j, Some("user.location.vehicle_usage")),
        ],
        measures: strings(&[
            "role_based_access",
            "data_minimisation",
            "processor_agreements",
        ]),
        ..draft("company_vehicles")
    }
}

fn members_administration(j: Jurisdiction) -> ProcessingActivity {
    ProcessingActivity {
        purposes: parse(&["essential.service.membership", "finance"]),
        subjects: parse(&["member", "child", "next_of_kin", "volunteer"]),
        categories: with(
            CONTACT,
            &[
                "user.demographic.date_of_birth",
                "user.financial.bank_account",
                "user.payment",
            ],
        ),
        lawful_basis: Some(LawfulBasis::Contract),
        retention: vec![
            keep(
                None,
                years(2),
                RetentionStart::EndOfContract,
                "niet langer dan nodig: 2 jaar na einde lidmaatschap",
            ),
            fiscal(j, Some("user.payment")),
            fiscal(j, Some("user.financial.bank_account")),
        ],
        measures: strings(&[
            "role_based_access",
            "confidentiality_declarations",
            "strong_passwords",
            "backups",
        ]),
        ..draft("members_administration")
    }
}

fn client_file(j: Jurisdiction) -> ProcessingActivity {
    let national_id = per(
        j,
        "user.government_id.national_identification_number.bsn",
        "user.government_id.national_identification_number.be_national_number",
    );
    ProcessingActivity {
        purposes: parse(&["essential.service.care", "essential.service.payment_processing"]),
        subjects: parse(&["patient", "client"]),
        categories: with(
            CONTACT,
            &["user.demographic.date_of_birth", "user.health_and_medical", "user.payment", national_id],
        ),
        lawful_basis: Some(LawfulBasis::Contract),
        special_ground: Some(SpecialCategoryGround::HealthCare),
        uavg_article: per(j, "UAVG art. 30 lid 3 onder a", "").to_owned(),
        national_id_statute: per(
            j,
            "Wet aanvullende bepalingen verwerking persoonsgegevens in de zorg (Wabvpz): gebruik BSN in de zorg; UAVG art. 46",
            "art. 8 wet 08-08-1983 Rijksregister; wet 21-08-2008 eHealth-platform (INSZ)",
        )
        .to_owned(),
        provision_requirement: per(
            j,
            "Behandelingsovereenkomst (art. 7:446 BW); dossierplicht art. 7:454 BW",
            "Patiëntenrechtenwet 22-08-2002; dossierplicht wet kwaliteitsvolle praktijkvoering 22-04-2019",
        )
        .to_owned(),
        other_recipients: strings(per(j, &["Zorgverzekeraar"], &["Ziekenfonds"])),
        retention: vec![
            per(
                j,
                keep(
                    None,
                    years(20),
                    RetentionStart::LastContact,
                    "art. 7:454 lid 3 BW (WGBO): 20 jaar na de laatste wijziging van het dossier",
                ),
                keep(
                    None,
                    years(30),
                    RetentionStart::LastContact,
                    "art. 35 wet kwaliteitsvolle praktijkvoering in de gezondheidszorg: minstens 30 jaar na het laatste contact",
                ),
            ),
            fiscal(j, Some("user.payment")),
        ],
        measures: strings(&[
            "role_based_access",
            "authorised_persons_list",
            "multi_factor_authentication",
            "encryption_at_rest",
            "access_logging",
            "confidentiality_declarations",
            "special_data_separated",
            "backups",
        ]),
        ..draft("client_file")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::measures::measure;

    fn build(key: &str, j: Jurisdiction) -> ProcessingActivity {
        let t = template(key).unwrap_or_else(|| panic!("no template {key}"));
        (t.build)(j)
    }

    /// The catch-all period, or the period of `category`'s own rule.
    fn period_of(a: &ProcessingActivity, category: Option<&str>) -> Period {
        let category =
            category.map(|k| k.parse::<DataCategory>().unwrap_or_else(|e| panic!("{e}")));
        a.retention
            .iter()
            .find(|r| r.category == category)
            .map(|r| r.period)
            .unwrap_or_else(|| panic!("{:?} has no rule for {category:?}", a.template))
    }

    #[test]
    fn templates_have_unique_keys_and_build_complete_drafts_for_both_jurisdictions() {
        assert!(TEMPLATES.len() >= 16);
        let mut seen = std::collections::HashSet::new();
        for t in TEMPLATES {
            assert!(seen.insert(t.key), "duplicate template {}", t.key);
            for j in Jurisdiction::ALL {
                let a = (t.build)(*j);
                let what = format!("{} ({j})", t.key);
                assert_eq!(a.template.as_deref(), Some(t.key));
                assert_eq!(a.status, ActivityStatus::Draft);
                assert!(!a.purposes.is_empty(), "{what} has no purposes");
                assert!(!a.subjects.is_empty(), "{what} has no subjects");
                assert!(!a.categories.is_empty(), "{what} has no categories");
                assert!(a.lawful_basis.is_some(), "{what} has no lawful basis");
                assert!(!a.measures.is_empty(), "{what} has no measures");
                for m in &a.measures {
                    assert!(measure(m).is_some(), "{what}: unknown measure {m}");
                }
                // Exactly one catch-all, and every category rule names a category the activity processes.
                let catch_all = a.retention.iter().filter(|r| r.category.is_none()).count();
                assert_eq!(
                    catch_all, 1,
                    "{what} needs exactly one catch-all retention rule"
                );
                for r in &a.retention {
                    assert!(
                        !r.legal_reference.is_empty(),
                        "{what}: a rule without reference"
                    );
                    assert!(r.period.amount > 0, "{what}: a rule of zero length");
                    if let Some(c) = r.category {
                        assert!(
                            a.categories.contains(&c),
                            "{what}: rule for {c} it does not process"
                        );
                    }
                }
                if a.categories.iter().any(|c| c.is_special()) {
                    assert!(
                        a.special_ground.is_some(),
                        "{what}: special data without Art. 9(2) ground"
                    );
                    if *j == Jurisdiction::Nl {
                        assert!(
                            a.uavg_article.starts_with("UAVG art."),
                            "{what}: no UAVG article"
                        );
                    }
                }
                if a.lawful_basis == Some(LawfulBasis::LegitimateInterests) {
                    assert!(
                        !a.balancing_test.is_empty(),
                        "{what}: Art. 6(1)(f) without balancing test"
                    );
                }
                if a.categories.iter().any(|c| c.is_criminal()) {
                    assert!(
                        !a.criminal_data_basis.is_empty(),
                        "{what}: criminal data without Art. 10 basis"
                    );
                }
                if a.categories.iter().any(|c| c.is_national_id()) {
                    assert!(
                        !a.national_id_statute.is_empty(),
                        "{what}: national id without statute"
                    );
                }
                if a.purposes.iter().any(|p| p.direct_marketing) {
                    // Unsubscribing ends direct marketing at once (Art. 21(3)).
                    assert!(
                        a.retention
                            .iter()
                            .any(|r| r.starts == RetentionStart::Withdrawal)
                    );
                }
            }
        }
    }

    #[test]
    fn templates_follow_each_countrys_law() {
        // Fiscal retention: NL 7 years (art. 52 AWR), BE 10 years (Act of 20 November 2022).
        assert_eq!(
            period_of(&build("invoicing", Jurisdiction::Nl), None),
            years(7)
        );
        assert_eq!(
            period_of(&build("invoicing", Jurisdiction::Be), None),
            years(10)
        );
        // Camera images: NL 4 weeks (AP), BE 1 month (Camerawet).
        assert_eq!(
            period_of(&build("camera_surveillance", Jurisdiction::Nl), None),
            period(4, PeriodUnit::Weeks)
        );
        assert_eq!(
            period_of(&build("camera_surveillance", Jurisdiction::Be), None),
            period(1, PeriodUnit::Months)
        );
        // Applicants: 4 weeks after the procedure.
        assert_eq!(
            period_of(&build("job_applicants", Jurisdiction::Nl), None),
            period(4, PeriodUnit::Weeks)
        );
        // Warranty and claims: NL 2 years after the complaint and 5 for contract claims, BE 2 and 10.
        let nl = build("warranty_complaints", Jurisdiction::Nl);
        let be = build("warranty_complaints", Jurisdiction::Be);
        assert_eq!(period_of(&nl, None), years(5));
        assert_eq!(period_of(&be, None), years(10));
        assert_eq!(period_of(&nl, Some("user.content.private")), years(2));
        // Payroll processes the national number of its own country, each under its own statute.
        let bsn: DataCategory = "user.government_id.national_identification_number.bsn"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        let rrn: DataCategory =
            "user.government_id.national_identification_number.be_national_number"
                .parse()
                .unwrap_or_else(|e| panic!("{e}"));
        let nl = build("payroll", Jurisdiction::Nl);
        let be = build("payroll", Jurisdiction::Be);
        assert!(nl.categories.contains(&bsn) && !nl.categories.contains(&rrn));
        assert!(be.categories.contains(&rrn) && !be.categories.contains(&bsn));
        assert!(
            nl.national_id_statute
                .contains("Wet op de loonbelasting 1964")
        );
        assert!(be.national_id_statute.contains("Kruispuntbank"));
        assert!(nl.other_recipients.iter().any(|r| r == "Belastingdienst"));
        assert!(be.other_recipients.iter().any(|r| r == "FOD Financiën"));
        assert_eq!(
            period_of(&nl, Some("user.government_id.identity_document_copy")),
            years(5)
        );
        assert_eq!(period_of(&be, None), years(5));
        // Sick leave is health data under the employment ground; NL adds UAVG art. 30.
        let nl = build("absence_reintegration", Jurisdiction::Nl);
        assert_eq!(nl.special_ground, Some(SpecialCategoryGround::Employment));
        assert!(nl.uavg_article.contains("30"));
        // Direct marketing runs on consent.
        let n = build("newsletter", Jurisdiction::Be);
        assert_eq!(n.lawful_basis, Some(LawfulBasis::Consent));
        assert!(n.purposes.iter().any(|p| p.direct_marketing));
    }
}
