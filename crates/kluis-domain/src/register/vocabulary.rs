//! The words of the register: categories of personal data, purposes (data uses) and categories of data subjects,
//! keyed by the fideslang taxonomy (Ethyca, CC BY 4.0) and extended where fideslang lacks a GDPR notion.
//!
//! Each entry is a static definition; the register stores only its key. Labels live in the UI catalogue under
//! [`CategoryDef::label_key`] and friends, in every language. A key is never renamed once released: it is stored.

use crate::{EntityType, SpecialCategory};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// What the law makes of a category of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CategoryNature {
    /// Ordinary personal data.
    Ordinary,
    /// A special category of Art. 9(1). Criminal data is not special: it is [`CategoryNature::Criminal`].
    Special(SpecialCategory),
    /// Personal data relating to criminal convictions and offences (Art. 10).
    Criminal,
    /// A national identification number (Art. 87; NL: UAVG art. 46 for the BSN; BE: the rijksregisternummer).
    NationalId,
}

/// One category of personal data.
#[derive(Debug, PartialEq, Eq)]
pub struct CategoryDef {
    /// The stored key: the fideslang key, or a Kluis extension under the nearest fideslang parent.
    pub key: &'static str,
    /// The fideslang key written to fideslang manifests: `key` itself when fideslang has it, else its nearest
    /// ancestor there (fideslang's validator accepts only keys of its default taxonomy).
    pub fideslang: &'static str,
    /// The W3C DPV personal-data concept (`pd:` of DPV 2.3) written to DPV exports.
    pub dpv: &'static str,
    pub nature: CategoryNature,
    /// The scanner's entity types that are evidence of this category in a document.
    pub entity_types: &'static [EntityType],
}

/// One purpose of processing (a fideslang data use).
#[derive(Debug, PartialEq, Eq)]
pub struct PurposeDef {
    pub key: &'static str,
    /// The fideslang data use written to manifests.
    pub fideslang: &'static str,
    /// The DPV purpose concept (`dpv:`) written to DPV exports.
    pub dpv: &'static str,
    /// Direct marketing: the right to object is absolute (Art. 21(2)-(3)).
    pub direct_marketing: bool,
}

/// One category of data subjects (a fideslang data subject).
#[derive(Debug, PartialEq, Eq)]
pub struct SubjectDef {
    pub key: &'static str,
    pub fideslang: &'static str,
    /// The DPV data-subject concept (`dpv:`).
    pub dpv: &'static str,
}

/// A category definition, written compactly in the tables below.
const fn cat(
    key: &'static str,
    fideslang: &'static str,
    dpv: &'static str,
    nature: CategoryNature,
    entity_types: &'static [EntityType],
) -> CategoryDef {
    CategoryDef {
        key,
        fideslang,
        dpv,
        nature,
        entity_types,
    }
}

const fn special(s: SpecialCategory) -> CategoryNature {
    CategoryNature::Special(s)
}

use CategoryNature::{Criminal, NationalId, Ordinary};
use EntityType as E;

/// Every category of personal data Kluis knows: fideslang's keys for what a small business holds, and Kluis
/// extensions (keys under the nearest fideslang parent) for what fideslang lacks (every Art. 9 category on its
/// own, the BSN and the rijksregisternummer, a copy of an identity document, employment details, …).
pub static CATEGORIES: &[CategoryDef] = &[
    // Identity and contact details.
    cat(
        "user.name",
        "user.name",
        "pd:Name",
        Ordinary,
        &[E::PersonName],
    ),
    cat(
        "user.contact.email",
        "user.contact.email",
        "pd:EmailAddress",
        Ordinary,
        &[E::Email],
    ),
    cat(
        "user.contact.phone_number",
        "user.contact.phone_number",
        "pd:TelephoneNumber",
        Ordinary,
        &[E::Phone],
    ),
    cat(
        "user.contact.address",
        "user.contact.address",
        "pd:PhysicalAddress",
        Ordinary,
        &[E::Address, E::Postcode],
    ),
    cat(
        "user.contact.address.street",
        "user.contact.address.street",
        "pd:Street",
        Ordinary,
        &[E::Address],
    ),
    cat(
        "user.contact.address.postal_code",
        "user.contact.address.postal_code",
        "pd:PostalCode",
        Ordinary,
        &[E::Postcode],
    ),
    cat(
        "user.contact.address.city",
        "user.contact.address.city",
        "pd:City",
        Ordinary,
        &[E::Address],
    ),
    cat(
        "user.contact.address.country",
        "user.contact.address.country",
        "pd:Country",
        Ordinary,
        &[],
    ),
    // A sole trader's KvK/KBO or VAT number identifies the person behind the business.
    cat(
        "user.contact.organization.registration_number",
        "user.contact.organization",
        "pd:Identifier",
        Ordinary,
        &[E::KvkNumber, E::VatNumber],
    ),
    cat(
        "user.unique_id",
        "user.unique_id",
        "pd:Identifier",
        Ordinary,
        &[],
    ),
    cat(
        "user.demographic.date_of_birth",
        "user.demographic.date_of_birth",
        "pd:BirthDate",
        Ordinary,
        &[E::DateOfBirth],
    ),
    cat(
        "user.demographic.gender",
        "user.demographic.gender",
        "pd:Gender",
        Ordinary,
        &[],
    ),
    cat(
        "user.demographic.nationality",
        "user.demographic",
        "pd:Nationality",
        Ordinary,
        &[],
    ),
    cat(
        "user.demographic.marital_status",
        "user.demographic.marital_status",
        "pd:MaritalStatus",
        Ordinary,
        &[],
    ),
    cat(
        "user.demographic.family",
        "user.demographic",
        "pd:Family",
        Ordinary,
        &[],
    ),
    cat(
        "user.demographic.language",
        "user.demographic.language",
        "pd:Language",
        Ordinary,
        &[],
    ),
    cat(
        "user.content.self_image",
        "user.content.self_image",
        "pd:Picture",
        Ordinary,
        &[],
    ),
    cat(
        "user.content.signature",
        "user.content",
        "pd:Identifying",
        Ordinary,
        &[],
    ),
    // Official identifiers.
    cat(
        "user.government_id.national_identification_number.bsn",
        "user.government_id.national_identification_number",
        "pd:OfficialID",
        NationalId,
        &[E::Bsn],
    ),
    cat(
        "user.government_id.national_identification_number.be_national_number",
        "user.government_id.national_identification_number",
        "pd:OfficialID",
        NationalId,
        &[E::BeNationalNumber],
    ),
    // A Dutch or Belgian identity document carries the BSN or the rijksregisternummer: copying it needs a statute.
    cat(
        "user.government_id.identity_document_copy",
        "user.government_id",
        "pd:OfficialID",
        NationalId,
        &[E::IdDocumentNumber],
    ),
    cat(
        "user.government_id.passport_number",
        "user.government_id.passport_number",
        "pd:Passport",
        Ordinary,
        &[E::IdDocumentNumber],
    ),
    cat(
        "user.government_id.identity_card_number",
        "user.government_id",
        "pd:OfficialID",
        Ordinary,
        &[E::IdDocumentNumber],
    ),
    cat(
        "user.government_id.drivers_license_number",
        "user.government_id.drivers_license_number",
        "pd:VehicleLicense",
        Ordinary,
        &[E::DrivingLicenceNumber],
    ),
    cat(
        "user.government_id.vehicle_registration",
        "user.government_id.vehicle_registration",
        "pd:VehicalLicenseRegistration",
        Ordinary,
        &[E::LicensePlate],
    ),
    cat(
        "user.government_id.immigration",
        "user.government_id.immigration",
        "pd:Residency",
        Ordinary,
        &[],
    ),
    // Money.
    cat(
        "user.financial.bank_account",
        "user.financial.bank_account",
        "pd:BankAccount",
        Ordinary,
        &[E::Iban],
    ),
    cat(
        "user.financial.credit_card",
        "user.financial.credit_card",
        "pd:PaymentCardNumber",
        Ordinary,
        &[E::CreditCard],
    ),
    cat(
        "user.payment",
        "user.payment",
        "pd:Transaction",
        Ordinary,
        &[],
    ),
    cat(
        "user.financial",
        "user.financial",
        "pd:Financial",
        Ordinary,
        &[],
    ),
    cat(
        "user.financial.salary",
        "user.financial",
        "pd:Salary",
        Ordinary,
        &[],
    ),
    cat(
        "user.financial.tax",
        "user.financial",
        "pd:Tax",
        Ordinary,
        &[],
    ),
    cat(
        "user.behavior.purchase_history",
        "user.behavior.purchase_history",
        "pd:Purchase",
        Ordinary,
        &[],
    ),
    // Work.
    cat("user.job_title", "user.job_title", "pd:Job", Ordinary, &[]),
    cat(
        "user.workplace",
        "user.workplace",
        "pd:WorkLocation",
        Ordinary,
        &[],
    ),
    cat(
        "user.job_title.employment_contract",
        "user.job_title",
        "pd:CurrentEmployment",
        Ordinary,
        &[],
    ),
    cat(
        "user.job_title.performance",
        "user.job_title",
        "pd:PerformanceAtWork",
        Ordinary,
        &[],
    ),
    cat(
        "user.job_title.leave_and_hours",
        "user.job_title",
        "pd:WorkHistory",
        Ordinary,
        &[],
    ),
    cat(
        "user.job_title.employment_history",
        "user.job_title",
        "pd:EmploymentHistory",
        Ordinary,
        &[],
    ),
    cat(
        "user.job_title.education",
        "user.job_title",
        "pd:Education",
        Ordinary,
        &[],
    ),
    // Online and devices.
    cat(
        "user.account.username",
        "user.account.username",
        "pd:Username",
        Ordinary,
        &[],
    ),
    cat(
        "user.authorization.password",
        "user.authorization.password",
        "pd:Password",
        Ordinary,
        &[],
    ),
    cat(
        "user.device.ip_address",
        "user.device.ip_address",
        "pd:IPAddress",
        Ordinary,
        &[E::IpAddress],
    ),
    cat(
        "user.device.cookie_id",
        "user.device.cookie_id",
        "pd:UID",
        Ordinary,
        &[],
    ),
    cat(
        "user.device.device_id",
        "user.device.device_id",
        "pd:DeviceBased",
        Ordinary,
        &[],
    ),
    cat(
        "user.behavior.browsing_history",
        "user.behavior.browsing_history",
        "pd:BrowsingBehaviour",
        Ordinary,
        &[],
    ),
    cat(
        "user.privacy_preferences",
        "user.privacy_preferences",
        "pd:PrivacyPreference",
        Ordinary,
        &[],
    ),
    cat(
        "user.social",
        "user.social",
        "pd:SocialMedia",
        Ordinary,
        &[],
    ),
    // Where people are, what they say, what cameras see.
    cat(
        "user.location.precise",
        "user.location.precise",
        "pd:GPSCoordinate",
        Ordinary,
        &[],
    ),
    cat(
        "user.location.vehicle_usage",
        "user.location",
        "pd:VehicleUsage",
        Ordinary,
        &[],
    ),
    cat(
        "user.content.private",
        "user.content.private",
        "pd:Communication",
        Ordinary,
        &[],
    ),
    cat(
        "user.sensor.camera_images",
        "user.sensor",
        "pd:Picture",
        Ordinary,
        &[],
    ),
    cat(
        "user.sensor.access_log",
        "user.sensor",
        "pd:AuthenticationHistory",
        Ordinary,
        &[],
    ),
    // Special categories (Art. 9(1)), each on its own.
    cat(
        "user.demographic.race_ethnicity",
        "user.demographic.race_ethnicity",
        "pd:EthnicOrigin",
        special(SpecialCategory::Ethnicity),
        &[],
    ),
    cat(
        "user.demographic.political_opinion",
        "user.demographic.political_opinion",
        "pd:PoliticalOpinion",
        special(SpecialCategory::Political),
        &[],
    ),
    cat(
        "user.demographic.religious_belief",
        "user.demographic.religious_belief",
        "pd:ReligiousBelief",
        special(SpecialCategory::Religion),
        &[],
    ),
    // The scanner knows "religion" for religious and philosophical beliefs alike, as Art. 9(1) names them together.
    cat(
        "user.demographic.philosophical_belief",
        "user.demographic",
        "pd:PhilosophicalBelief",
        special(SpecialCategory::Religion),
        &[],
    ),
    cat(
        "user.demographic.trade_union_membership",
        "user.demographic",
        "pd:TradeUnionMembership",
        special(SpecialCategory::TradeUnion),
        &[],
    ),
    cat(
        "user.health_and_medical.genetic",
        "user.health_and_medical.genetic",
        "pd:Genetic",
        special(SpecialCategory::Genetic),
        &[],
    ),
    cat(
        "user.biometric",
        "user.biometric",
        "pd:Biometric",
        special(SpecialCategory::Biometric),
        &[],
    ),
    cat(
        "user.biometric.fingerprint",
        "user.biometric.fingerprint",
        "pd:Fingerprint",
        special(SpecialCategory::Biometric),
        &[],
    ),
    cat(
        "user.health_and_medical",
        "user.health_and_medical",
        "pd:Health",
        special(SpecialCategory::Health),
        &[],
    ),
    // That someone is ill is already health data (AP): the employer records only what the Wet verbetering
    // poortwachter needs, never the diagnosis.
    cat(
        "user.health_and_medical.sick_leave",
        "user.health_and_medical",
        "pd:Health",
        special(SpecialCategory::Health),
        &[],
    ),
    // The scanner knows "sexual_orientation" for sex life and orientation alike, as Art. 9(1) names them together.
    cat(
        "user.demographic.sex_life",
        "user.demographic",
        "pd:Sexual",
        special(SpecialCategory::SexualOrientation),
        &[],
    ),
    cat(
        "user.demographic.sexual_orientation",
        "user.demographic.sexual_orientation",
        "pd:SexualPreference",
        special(SpecialCategory::SexualOrientation),
        &[],
    ),
    // Art. 10.
    cat(
        "user.criminal_history",
        "user.criminal_history",
        "pd:Criminal",
        Criminal,
        &[],
    ),
];

const fn purpose(
    key: &'static str,
    fideslang: &'static str,
    dpv: &'static str,
    direct_marketing: bool,
) -> PurposeDef {
    PurposeDef {
        key,
        fideslang,
        dpv,
        direct_marketing,
    }
}

/// Every purpose Kluis knows: fideslang data uses, and extensions under the nearest one for what small
/// businesses do that fideslang names only broadly (payroll, camera surveillance, warranty, …).
pub static PURPOSES: &[PurposeDef] = &[
    purpose(
        "essential.service",
        "essential.service",
        "dpv:ServiceProvision",
        false,
    ),
    purpose(
        "essential.service.customer_management",
        "essential.service",
        "dpv:CustomerManagement",
        false,
    ),
    purpose(
        "essential.service.appointments",
        "essential.service",
        "dpv:ServiceProvision",
        false,
    ),
    purpose(
        "essential.service.membership",
        "essential.service",
        "dpv:MemberPartnerManagement",
        false,
    ),
    purpose(
        "essential.service.care",
        "essential.service",
        "dpv:ServiceProvision",
        false,
    ),
    purpose(
        "essential.service.payment_processing",
        "essential.service.payment_processing",
        "dpv:PaymentManagement",
        false,
    ),
    purpose(
        "essential.service.operations.support",
        "essential.service.operations.support",
        "dpv:CustomerCare",
        false,
    ),
    purpose(
        "essential.service.warranty",
        "essential.service",
        "dpv:CustomerClaimsManagement",
        false,
    ),
    purpose(
        "essential.service.authentication",
        "essential.service.authentication",
        "dpv:IdentityAuthentication",
        false,
    ),
    purpose(
        "essential.service.security",
        "essential.service.security",
        "dpv:EnforceSecurity",
        false,
    ),
    purpose(
        "essential.service.security.camera",
        "essential.service.security",
        "dpv:EnforceSecurity",
        false,
    ),
    purpose(
        "essential.service.security.access_control",
        "essential.service.security",
        "dpv:EnforceAccessControl",
        false,
    ),
    purpose(
        "essential.fraud_detection",
        "essential.fraud_detection",
        "dpv:FraudPreventionAndDetection",
        false,
    ),
    purpose(
        "essential.legal_obligation",
        "essential.legal_obligation",
        "dpv:LegalCompliance",
        false,
    ),
    purpose(
        "essential.legal_obligation.fiscal",
        "essential.legal_obligation",
        "dpv:LegalCompliance",
        false,
    ),
    purpose("finance", "finance", "dpv:RecordManagement", false),
    purpose("sales", "sales", "dpv:SellProducts", false),
    purpose(
        "operations.supplier_management",
        "operations",
        "dpv:VendorManagement",
        false,
    ),
    purpose(
        "operations.vehicle_management",
        "operations",
        "dpv:InternalResourceOptimisation",
        false,
    ),
    purpose(
        "employment",
        "employment",
        "dpv:HumanResourceManagement",
        false,
    ),
    purpose(
        "employment.personnel_administration",
        "employment",
        "dpv:PersonnelManagement",
        false,
    ),
    purpose(
        "employment.payroll",
        "employment",
        "dpv:PersonnelPayment",
        false,
    ),
    purpose(
        "employment.absence",
        "employment",
        "dpv:PersonnelManagement",
        false,
    ),
    purpose(
        "employment.recruitment",
        "employment.recruitment",
        "dpv:RecruitmentManagement",
        false,
    ),
    purpose(
        "marketing.communications.email",
        "marketing.communications.email",
        "dpv:DirectMarketing",
        true,
    ),
    purpose(
        "marketing.communications.sms",
        "marketing.communications.sms",
        "dpv:DirectMarketing",
        true,
    ),
    purpose(
        "marketing.advertising",
        "marketing.advertising",
        "dpv:Advertising",
        true,
    ),
    purpose(
        "analytics.reporting",
        "analytics.reporting",
        "dpv:ServiceUsageAnalytics",
        false,
    ),
];

const fn subject(key: &'static str, fideslang: &'static str, dpv: &'static str) -> SubjectDef {
    SubjectDef {
        key,
        fideslang,
        dpv,
    }
}

/// Every category of data subjects Kluis knows: fideslang's fifteen, and what small businesses add (keyed
/// with the nearest fideslang subject for manifests).
pub static SUBJECTS: &[SubjectDef] = &[
    subject("customer", "customer", "dpv:Customer"),
    subject("prospect", "prospect", "dpv:Consumer"),
    subject("employee", "employee", "dpv:Employee"),
    subject("job_applicant", "job_applicant", "dpv:JobApplicant"),
    subject("trainee", "trainee", "dpv:Student"),
    subject("consultant", "consultant", "dpv:Adult"),
    subject("supplier_vendor", "supplier_vendor", "dpv:Adult"),
    subject("visitor", "visitor", "dpv:Visitor"),
    subject("patient", "patient", "dpv:Patient"),
    subject("next_of_kin", "next_of_kin", "dpv:Adult"),
    subject("shareholder", "shareholder", "dpv:Adult"),
    subject("anonymous_user", "anonymous_user", "dpv:User"),
    subject("citizen_voter", "citizen_voter", "dpv:Citizen"),
    subject("commuter", "commuter", "dpv:User"),
    subject("passenger", "passenger", "dpv:Consumer"),
    // Kluis extensions.
    subject("business_contact", "customer", "dpv:Customer"),
    subject("supplier_contact", "supplier_vendor", "dpv:Adult"),
    subject("former_employee", "employee", "dpv:Employee"),
    subject("volunteer", "employee", "dpv:Participant"),
    subject("member", "customer", "dpv:Member"),
    subject("client", "patient", "dpv:Client"),
    subject("subscriber", "prospect", "dpv:Subscriber"),
    subject("website_visitor", "anonymous_user", "dpv:User"),
    subject("child", "customer", "dpv:Child"),
];

/// Turns a dotted key into the part of a catalogue key: `user.contact.email` → `user-contact-email`.
fn label_part(key: &str) -> String {
    key.replace(['.', '_'], "-")
}

impl CategoryDef {
    /// The catalogue key of the label, e.g. `category-user-contact-email`.
    pub fn label_key(&self) -> String {
        format!("category-{}", label_part(self.key))
    }
    pub const fn is_special(&self) -> bool {
        matches!(self.nature, CategoryNature::Special(_))
    }
    pub const fn is_criminal(&self) -> bool {
        matches!(self.nature, CategoryNature::Criminal)
    }
    pub const fn is_national_id(&self) -> bool {
        matches!(self.nature, CategoryNature::NationalId)
    }
}

impl PurposeDef {
    /// The catalogue key of the label, e.g. `purpose-essential-service`.
    pub fn label_key(&self) -> String {
        format!("purpose-{}", label_part(self.key))
    }
}

impl SubjectDef {
    /// The catalogue key of the label, e.g. `subject-customer`.
    pub fn label_key(&self) -> String {
        format!("subject-{}", label_part(self.key))
    }
}

/// A key that is not in one of the register's vocabularies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    pub vocabulary: &'static str,
    pub key: String,
}

impl fmt::Display for UnknownKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' is not a known {}", self.key, self.vocabulary)
    }
}

impl std::error::Error for UnknownKey {}

/// A handle to a static vocabulary entry: parsed from its key, stored and serialised as its key.
macro_rules! keyed {
    ($(#[$meta:meta])* $name:ident, $def:ty, $table:ident, $vocab:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq)]
        pub struct $name(&'static $def);

        impl $name {
            /// Every entry, in the table's order.
            pub fn all() -> impl Iterator<Item = $name> {
                $table.iter().map($name)
            }
            pub fn key(self) -> &'static str {
                self.0.key
            }
            pub fn def(self) -> &'static $def {
                self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = $def;
            fn deref(&self) -> &$def {
                self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0.key)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0.key)
            }
        }

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
                self.0.key.hash(h)
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $name {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.0.key.cmp(other.0.key)
            }
        }

        impl FromStr for $name {
            type Err = UnknownKey;
            fn from_str(s: &str) -> Result<Self, UnknownKey> {
                $table
                    .iter()
                    .find(|d| d.key == s)
                    .map($name)
                    .ok_or_else(|| UnknownKey { vocabulary: $vocab, key: s.to_owned() })
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.0.key)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let key = String::deserialize(d)?;
                key.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

keyed!(
    /// A category of personal data (Art. 30(1)(c)).
    DataCategory, CategoryDef, CATEGORIES, "data category"
);
keyed!(
    /// A purpose of processing (Art. 30(1)(b)).
    Purpose, PurposeDef, PURPOSES, "purpose"
);
keyed!(
    /// A category of data subjects (Art. 30(1)(c)).
    DataSubjectCategory, SubjectDef, SUBJECTS, "data-subject category"
);

impl DataCategory {
    /// The categories a scanner finding of `entity` is evidence of.
    pub fn for_entity(entity: EntityType) -> impl Iterator<Item = DataCategory> {
        DataCategory::all().filter(move |c| c.entity_types.contains(&entity))
    }

    /// The categories that are the special category `special` (criminal data included).
    pub fn for_special(special: SpecialCategory) -> impl Iterator<Item = DataCategory> {
        DataCategory::all().filter(move |c| match c.nature {
            CategoryNature::Special(s) => s == special,
            CategoryNature::Criminal => special == SpecialCategory::Criminal,
            _ => false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn keys_are_unique_and_round_trip() {
        let mut seen = HashSet::new();
        for c in DataCategory::all() {
            assert!(seen.insert(c.key()), "duplicate {}", c.key());
            assert_eq!(c.key().parse::<DataCategory>(), Ok(c));
            let json = serde_json::to_string(&c).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", c.key()));
        }
        for p in Purpose::all() {
            assert!(seen.insert(p.key()), "duplicate {}", p.key());
            assert_eq!(p.key().parse::<Purpose>(), Ok(p));
        }
        for s in DataSubjectCategory::all() {
            assert!(seen.insert(s.key()), "duplicate {}", s.key());
            assert_eq!(s.key().parse::<DataSubjectCategory>(), Ok(s));
        }
        assert!("user.nope".parse::<DataCategory>().is_err());
    }

    #[test]
    fn label_keys_are_unique() {
        // Two keys differing only in '.' versus '_' would share one catalogue entry.
        let mut seen = HashSet::new();
        let labels = CATEGORIES
            .iter()
            .map(CategoryDef::label_key)
            .chain(PURPOSES.iter().map(PurposeDef::label_key))
            .chain(SUBJECTS.iter().map(SubjectDef::label_key));
        for l in labels {
            assert!(seen.insert(l.clone()), "duplicate label key {l}");
        }
    }

    #[test]
    fn extensions_sit_under_their_fideslang_key() {
        for c in CATEGORIES {
            assert!(
                c.key == c.fideslang || c.key.starts_with(&format!("{}.", c.fideslang)),
                "{} is not under {}",
                c.key,
                c.fideslang
            );
        }
        for p in PURPOSES {
            assert!(
                p.key == p.fideslang || p.key.starts_with(&format!("{}.", p.fideslang)),
                "{} is not under {}",
                p.key,
                p.fideslang
            );
        }
    }

    #[test]
    fn findings_translate_into_categories() {
        for e in EntityType::ALL {
            assert!(
                DataCategory::for_entity(*e).count() > 0,
                "no category for entity type {e}"
            );
        }
        for s in SpecialCategory::ALL {
            let cats: Vec<_> = DataCategory::for_special(*s).collect();
            assert!(!cats.is_empty(), "no category for special category {s}");
            assert!(cats.iter().all(|c| c.is_special() || c.is_criminal()));
        }
        // A national identification number found in a document is a national id category, nothing weaker.
        for e in [EntityType::Bsn, EntityType::BeNationalNumber] {
            assert!(DataCategory::for_entity(e).all(|c| c.is_national_id()));
        }
        let bsn: DataCategory = "user.government_id.national_identification_number.bsn"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            DataCategory::for_entity(EntityType::Bsn).collect::<Vec<_>>(),
            vec![bsn]
        );
        assert!(DataCategory::for_special(SpecialCategory::Criminal).all(|c| c.is_criminal()));
    }

    #[test]
    fn every_art9_category_stands_on_its_own() {
        // Art. 9(1) lists ten kinds; the register names each, even where the scanner lumps two together.
        for key in [
            "user.demographic.race_ethnicity",
            "user.demographic.political_opinion",
            "user.demographic.religious_belief",
            "user.demographic.philosophical_belief",
            "user.demographic.trade_union_membership",
            "user.health_and_medical.genetic",
            "user.biometric",
            "user.health_and_medical",
            "user.demographic.sex_life",
            "user.demographic.sexual_orientation",
        ] {
            let c: DataCategory = key.parse().unwrap_or_else(|e| panic!("{e}"));
            assert!(c.is_special(), "{key} is not special");
        }
        let crim: DataCategory = "user.criminal_history"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(crim.is_criminal() && !crim.is_special());
    }

    #[test]
    fn direct_marketing_is_flagged() {
        let dm: Vec<_> = Purpose::all().filter(|p| p.direct_marketing).collect();
        assert!(dm.iter().all(|p| p.key().starts_with("marketing.")));
        assert!(
            dm.iter()
                .any(|p| p.key() == "marketing.communications.email")
        );
        assert!(
            Purpose::all()
                .filter(|p| !p.direct_marketing)
                .all(|p| !p.key().starts_with("marketing."))
        );
    }

    /// Every `dpv:`/`pd:` concept the vocabulary names is defined in W3C DPV 2.3 (the files in ../shared) as an
    /// instance of the class DPCat's mandatory shapes ask for, so exports that use them can conform.
    #[test]
    fn dpv_concepts_exist_in_dpv_2_3() {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/interop/dpv");
        let (Ok(dpv), Ok(pd)) = (
            std::fs::read_to_string(dir.join("dpv.ttl")),
            std::fs::read_to_string(dir.join("pd.ttl")),
        ) else {
            if std::env::var_os("KLUIS_REQUIRE_CORPUS").is_some() {
                panic!(
                    "{} is absent, and KLUIS_REQUIRE_CORPUS is set: lay ../shared beside the checkout",
                    dir.display()
                );
            }
            println!(
                "note: {} is absent; DPV concept check skipped",
                dir.display()
            );
            return;
        };
        // The classes a concept is declared an instance of: `pd:Name a rdfs:Class, skos:Concept, dpv:PersonalData ;`
        // (None when the file does not define it). DPCat's shapes check exports with `sh:class` on these types.
        let types = |concept: &str| -> Option<String> {
            let text = if concept.starts_with("pd:") {
                &pd
            } else {
                &dpv
            };
            let start = format!("{concept} a ");
            let at = text
                .match_indices(&start)
                .find(|(i, _)| *i == 0 || text[..*i].ends_with('\n'))?
                .0;
            let rest = &text[at + start.len()..];
            Some(rest[..rest.find(';').unwrap_or(rest.len())].to_owned())
        };
        let measures = super::super::measures::MEASURES.iter();
        let used = CATEGORIES
            .iter()
            .map(|c| (c.dpv, "dpv:PersonalData"))
            .chain(PURPOSES.iter().map(|p| (p.dpv, "dpv:Purpose")))
            .chain(SUBJECTS.iter().map(|s| (s.dpv, "dpv:HumanSubject")))
            .chain(measures.map(|m| (m.dpv, "Measure")));
        let mut wrong = Vec::new();
        for (concept, class) in used {
            match types(concept) {
                None => wrong.push(format!("{concept} is not defined in DPV 2.3")),
                Some(t) if !t.contains(class) => {
                    wrong.push(format!("{concept} is not a {class}: {t}"))
                }
                Some(_) => {}
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
        for c in CATEGORIES {
            assert!(
                c.dpv.starts_with("pd:"),
                "{}: a category is a pd: concept",
                c.key
            );
        }
    }

    /// The keys of fideslang 3.1.4's default taxonomy (Ethyca, CC BY 4.0), listed from the package's
    /// `fideslang.default_taxonomy.DEFAULT_TAXONOMY`: manifests may use no other.
    mod fideslang_3_1_4 {
        pub const CATEGORIES: &[&str] = &[
            "system",
            "system.authentication",
            "system.operations",
            "user",
            "user.account",
            "user.account.settings",
            "user.account.username",
            "user.authorization",
            "user.authorization.biometric",
            "user.authorization.credentials",
            "user.authorization.password",
            "user.behavior",
            "user.behavior.browsing_history",
            "user.behavior.media_consumption",
            "user.behavior.purchase_history",
            "user.behavior.search_history",
            "user.biometric",
            "user.biometric.fingerprint",
            "user.biometric.health",
            "user.biometric.retinal",
            "user.biometric.voice",
            "user.childrens",
            "user.contact",
            "user.contact.address",
            "user.contact.address.city",
            "user.contact.address.country",
            "user.contact.address.postal_code",
            "user.contact.address.state",
            "user.contact.address.street",
            "user.contact.email",
            "user.contact.fax_number",
            "user.contact.organization",
            "user.contact.phone_number",
            "user.contact.url",
            "user.content",
            "user.content.private",
            "user.content.public",
            "user.content.self_image",
            "user.criminal_history",
            "user.demographic",
            "user.demographic.age_range",
            "user.demographic.date_of_birth",
            "user.demographic.gender",
            "user.demographic.language",
            "user.demographic.marital_status",
            "user.demographic.political_opinion",
            "user.demographic.profile",
            "user.demographic.race_ethnicity",
            "user.demographic.religious_belief",
            "user.demographic.sexual_orientation",
            "user.device",
            "user.device.cookie",
            "user.device.cookie_id",
            "user.device.device_id",
            "user.device.ip_address",
            "user.financial",
            "user.financial.bank_account",
            "user.financial.credit_card",
            "user.government_id",
            "user.government_id.birth_certificate",
            "user.government_id.drivers_license_number",
            "user.government_id.immigration",
            "user.government_id.national_identification_number",
            "user.government_id.passport_number",
            "user.government_id.vehicle_registration",
            "user.health_and_medical",
            "user.health_and_medical.genetic",
            "user.health_and_medical.insurance_beneficiary_id",
            "user.health_and_medical.record_id",
            "user.job_title",
            "user.location",
            "user.location.imprecise",
            "user.location.precise",
            "user.name",
            "user.name.first",
            "user.name.last",
            "user.payment",
            "user.privacy_preferences",
            "user.sensor",
            "user.social",
            "user.telemetry",
            "user.unique_id",
            "user.unique_id.pseudonymous",
            "user.user_sensor",
            "user.workplace",
        ];
        pub const USES: &[&str] = &[
            "analytics",
            "analytics.reporting",
            "analytics.reporting.ad_performance",
            "analytics.reporting.campaign_insights",
            "analytics.reporting.content_performance",
            "analytics.reporting.system",
            "analytics.reporting.system.performance",
            "collect",
            "employment",
            "employment.recruitment",
            "essential",
            "essential.fraud_detection",
            "essential.legal_obligation",
            "essential.service",
            "essential.service.authentication",
            "essential.service.notifications",
            "essential.service.notifications.email",
            "essential.service.notifications.sms",
            "essential.service.operations",
            "essential.service.operations.improve",
            "essential.service.operations.support",
            "essential.service.payment_processing",
            "essential.service.security",
            "essential.service.upgrades",
            "finance",
            "functional",
            "functional.service",
            "functional.service.improve",
            "functional.storage",
            "functional.storage.privacy_preferences",
            "marketing",
            "marketing.advertising",
            "marketing.advertising.first_party",
            "marketing.advertising.first_party.contextual",
            "marketing.advertising.first_party.targeted",
            "marketing.advertising.frequency_capping",
            "marketing.advertising.negative_targeting",
            "marketing.advertising.profiling",
            "marketing.advertising.serving",
            "marketing.advertising.third_party",
            "marketing.advertising.third_party.targeted",
            "marketing.communications",
            "marketing.communications.email",
            "marketing.communications.sms",
            "operations",
            "personalize",
            "personalize.content",
            "personalize.content.limited",
            "personalize.content.profiled",
            "personalize.content.profiling",
            "personalize.profiling",
            "personalize.system",
            "sales",
            "third_party_sharing",
            "third_party_sharing.legal_obligation",
            "train_ai_system",
        ];
        pub const SUBJECTS: &[&str] = &[
            "anonymous_user",
            "citizen_voter",
            "commuter",
            "consultant",
            "customer",
            "employee",
            "job_applicant",
            "next_of_kin",
            "passenger",
            "patient",
            "prospect",
            "shareholder",
            "supplier_vendor",
            "trainee",
            "visitor",
        ];
    }

    #[test]
    fn fideslang_fields_are_keys_of_the_default_taxonomy() {
        use fideslang_3_1_4 as fl;
        let mut wrong = Vec::new();
        for c in CATEGORIES {
            if !fl::CATEGORIES.contains(&c.fideslang) {
                wrong.push(c.fideslang);
            }
        }
        for p in PURPOSES {
            if !fl::USES.contains(&p.fideslang) {
                wrong.push(p.fideslang);
            }
        }
        for s in SUBJECTS {
            if !fl::SUBJECTS.contains(&s.fideslang) {
                wrong.push(s.fideslang);
            }
        }
        assert!(
            wrong.is_empty(),
            "not in fideslang's default taxonomy: {wrong:?}"
        );
        // Every one of fideslang's data subjects is offered, so nothing a manifest may say is missing here.
        for s in fl::SUBJECTS {
            assert!(
                SUBJECTS.iter().any(|d| d.key == *s),
                "fideslang subject {s} missing"
            );
        }
    }
}
