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
}

impl MeasureDef {
    /// The catalogue key of the label, e.g. `measure-encryption-at-rest`.
    pub fn label_key(&self) -> String {
        format!("measure-{}", self.key.replace('_', "-"))
    }
}

/// Every measure, in the order pages show them.
pub static MEASURES: &[MeasureDef] = &[
    MeasureDef {
        key: "role_based_access",
        group: MeasureGroup::AccessControl,
    },
    MeasureDef {
        key: "encryption_at_rest",
        group: MeasureGroup::DataProtection,
    },
];

/// The measure with `key`.
pub fn measure(key: &str) -> Option<&'static MeasureDef> {
    MEASURES.iter().find(|m| m.key == key)
}
