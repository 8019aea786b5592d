//! The catalogue of technical and organisational measures (Art. 30(1)(g), Art. 32) an activity can name, grouped
//! as the CNIL's security guide groups them. Activities store the keys; labels live in the UI catalogue.

/// The group a measure belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MeasureGroup {
    /// Who may see what: accounts, roles, authentication.
    AccessControl,
    /// Encryption, pseudonymisation, minimisation.
    DataProtection,
    /// Backups, restore tests, continuity.
    Resilience,
    /// Staff instructions, confidentiality, training.
    Organisational,
    /// Logging, monitoring, incident handling.
    Monitoring,
    /// Buildings, devices, paper.
    Physical,
}

/// One measure of the catalogue.
#[derive(Debug, PartialEq, Eq)]
pub struct MeasureDef {
    /// Stable key, stored on activities.
    pub key: &'static str,
    pub group: MeasureGroup,
    /// The W3C DPV measure concept (`dpv:`) written to DPV exports.
    pub dpv: &'static str,
}

impl MeasureDef {
    /// The catalogue key of the label, e.g. `measure-encryption-at-rest`.
    pub fn label_key(&self) -> String {
        format!("measure-{}", self.key.replace('_', "-"))
    }
}

const fn m(key: &'static str, group: MeasureGroup, dpv: &'static str) -> MeasureDef {
    MeasureDef { key, group, dpv }
}

use MeasureGroup::{
    AccessControl, DataProtection, Monitoring, Organisational, Physical, Resilience,
};

/// Every measure, in the order pages show them.
pub static MEASURES: &[MeasureDef] = &[
    m(
        "role_based_access",
        AccessControl,
        "dpv:AccessControlMethod",
    ),
    m("least_privilege", AccessControl, "dpv:AccessControlMethod"),
    m(
        "multi_factor_authentication",
        AccessControl,
        "dpv:MultiFactorAuthentication",
    ),
    m(
        "strong_passwords",
        AccessControl,
        "dpv:PasswordAuthentication",
    ),
    m("access_review", AccessControl, "dpv:AccessControlMethod"),
    m(
        "offboarding_revocation",
        AccessControl,
        "dpv:AccessControlMethod",
    ),
    // BE Act of 30 July 2018 art. 9: a list of who may see genetic, biometric and health data.
    m(
        "authorised_persons_list",
        AccessControl,
        "dpv:SecurityRoleProcedures",
    ),
    m("encryption_at_rest", DataProtection, "dpv:EncryptionAtRest"),
    m(
        "encryption_in_transit",
        DataProtection,
        "dpv:EncryptionInTransfer",
    ),
    m("device_encryption", DataProtection, "dpv:EncryptionAtRest"),
    m("pseudonymisation", DataProtection, "dpv:Pseudonymisation"),
    m("data_minimisation", DataProtection, "dpv:PrivacyByDesign"),
    m(
        "special_data_separated",
        DataProtection,
        "dpv:AccessControlMethod",
    ),
    m(
        "retention_schedule",
        DataProtection,
        "dpv:DataDeletionPolicy",
    ),
    m(
        "secure_deletion",
        DataProtection,
        "dpv:DataSanitisationTechnique",
    ),
    m("backups", Resilience, "dpv:DataBackupProtocols"),
    m("restore_tests", Resilience, "dpv:DataRestorationPolicy"),
    m("patch_management", Resilience, "dpv:SecurityProcedure"),
    m("malware_protection", Resilience, "dpv:SecurityMethod"),
    m("firewall", Resilience, "dpv:NetworkSecurityProtocols"),
    m(
        "disaster_recovery",
        Resilience,
        "dpv:DisasterRecoveryProcedures",
    ),
    m(
        "confidentiality_declarations",
        Organisational,
        "dpv:ConfidentialityAgreement",
    ),
    m(
        "privacy_training",
        Organisational,
        "dpv:DataProtectionTraining",
    ),
    m(
        "security_awareness",
        Organisational,
        "dpv:SecurityKnowledgeTraining",
    ),
    m(
        "processor_agreements",
        Organisational,
        "dpv:ControllerProcessorAgreement",
    ),
    m("privacy_policy", Organisational, "dpv:DataProcessingPolicy"),
    m("camera_signage", Organisational, "dpv:PrivacyNotice"),
    m(
        "breach_procedure",
        Monitoring,
        "dpv:IncidentManagementProcedures",
    ),
    m("access_logging", Monitoring, "dpv:LoggingPolicy"),
    m("log_review", Monitoring, "dpv:MonitoringPolicy"),
    m("clean_desk", Physical, "dpv:PhysicalSecureStorage"),
    m("locked_storage", Physical, "dpv:PhysicalSecureStorage"),
    m(
        "building_access",
        Physical,
        "dpv:PhysicalAccessControlMethod",
    ),
    m("screen_lock", Physical, "dpv:PhysicalDeviceSecurity"),
    m("paper_shredding", Physical, "dpv:DataSanitisationTechnique"),
];

/// The measure with `key`.
pub fn measure(key: &str) -> Option<&'static MeasureDef> {
    MEASURES.iter().find(|m| m.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_are_unique_and_every_group_has_some() {
        let mut seen = std::collections::HashSet::new();
        for m in MEASURES {
            assert!(seen.insert(m.key), "duplicate measure {}", m.key);
            assert_eq!(measure(m.key), Some(m));
            assert!(m.dpv.starts_with("dpv:"));
        }
        for g in [
            MeasureGroup::AccessControl,
            MeasureGroup::DataProtection,
            MeasureGroup::Resilience,
            MeasureGroup::Organisational,
            MeasureGroup::Monitoring,
            MeasureGroup::Physical,
        ] {
            assert!(MEASURES.iter().any(|m| m.group == g), "{g:?} is empty");
        }
        assert!(MEASURES.len() >= 25);
        assert!(measure("nope").is_none());
    }
}
