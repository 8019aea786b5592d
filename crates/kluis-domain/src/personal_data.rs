//! The vocabulary of personal data in documents: entity types, document classes and kinds of personal data.
//!
//! The string forms are the scanner's output contract (`shared/corpus/README.md`) and are stored in the
//! database, so they never change once released.

use std::fmt;

/// A string that is not part of a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    pub vocabulary: &'static str,
    pub value: String,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' is not a known {}", self.value, self.vocabulary)
    }
}

impl std::error::Error for UnknownValue {}

vocabulary! {
    /// A kind of identifier or personal detail found in text.
    EntityType {
        Email => "email",
        Phone => "phone",
        Iban => "iban",
        Bsn => "bsn",
        BeNationalNumber => "be_national_number",
        PersonName => "person_name",
        Address => "address",
        Postcode => "postcode",
        DateOfBirth => "date_of_birth",
        CreditCard => "credit_card",
        IdDocumentNumber => "id_document_number",
        DrivingLicenceNumber => "driving_licence_number",
        LicensePlate => "license_plate",
        IpAddress => "ip_address",
        KvkNumber => "kvk_number",
        VatNumber => "vat_number",
    }
}

impl EntityType {
    /// National identification numbers: their presence alone makes a document special (UAVG art. 46).
    pub const fn is_national_id(self) -> bool {
        matches!(self, EntityType::Bsn | EntityType::BeNationalNumber)
    }

    /// Identifiers whose values are encrypted at rest and may be revealed only with an audit record.
    pub const fn is_sensitive(self) -> bool {
        matches!(
            self,
            EntityType::Bsn
                | EntityType::BeNationalNumber
                | EntityType::IdDocumentNumber
                | EntityType::DrivingLicenceNumber
                | EntityType::CreditCard
        )
    }
}

vocabulary! {
    /// What a document is, as a document-management system would file it.
    DocumentClass {
        Invoice => "invoice",
        Correspondence => "correspondence",
        IdCopy => "id_copy",
        HealthStatement => "health_statement",
        Contract => "contract",
        Payslip => "payslip",
        Application => "application",
        CustomerList => "customer_list",
        Other => "other",
    }
}

impl DocumentClass {
    /// The least kind of personal data a document of this class holds. Findings may raise it, never lower it.
    pub const fn kind_floor(self) -> PersonalDataKind {
        match self {
            DocumentClass::IdCopy | DocumentClass::HealthStatement => PersonalDataKind::Special,
            _ => PersonalDataKind::None,
        }
    }
}

vocabulary! {
    /// How much personal data a document holds. Ordered: `None < Generic < Special`.
    PersonalDataKind {
        None => "none",
        Generic => "generic",
        Special => "special",
    }
}

vocabulary! {
    /// Special categories of personal data (GDPR Art. 9) and criminal data (Art. 10).
    SpecialCategory {
        Health => "health",
        Religion => "religion",
        Ethnicity => "ethnicity",
        Political => "political",
        TradeUnion => "trade_union",
        SexualOrientation => "sexual_orientation",
        Biometric => "biometric",
        Genetic => "genetic",
        Criminal => "criminal",
    }
}

impl SpecialCategory {
    /// The article of the GDPR that governs this category.
    pub const fn gdpr_article(self) -> &'static str {
        match self {
            SpecialCategory::Criminal => "Art. 10",
            _ => "Art. 9",
        }
    }
}

#[cfg(test)]
mod tests;
