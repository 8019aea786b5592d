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

/// Every category of personal data Kluis knows.
pub static CATEGORIES: &[CategoryDef] = &[
    CategoryDef {
        key: "user.name",
        fideslang: "user.name",
        dpv: "pd:Name",
        nature: CategoryNature::Ordinary,
        entity_types: &[EntityType::PersonName],
    },
    CategoryDef {
        key: "user.contact.email",
        fideslang: "user.contact.email",
        dpv: "pd:EmailAddress",
        nature: CategoryNature::Ordinary,
        entity_types: &[EntityType::Email],
    },
    CategoryDef {
        key: "user.government_id.national_identification_number.bsn",
        fideslang: "user.government_id.national_identification_number",
        dpv: "pd:NationalIdentificationNumber",
        nature: CategoryNature::NationalId,
        entity_types: &[EntityType::Bsn],
    },
    CategoryDef {
        key: "user.health_and_medical",
        fideslang: "user.health_and_medical",
        dpv: "pd:HealthRecord",
        nature: CategoryNature::Special(SpecialCategory::Health),
        entity_types: &[],
    },
];

/// Every purpose Kluis knows.
pub static PURPOSES: &[PurposeDef] = &[
    PurposeDef {
        key: "essential.service",
        fideslang: "essential.service",
        dpv: "dpv:ServiceProvision",
        direct_marketing: false,
    },
    PurposeDef {
        key: "marketing.communications.email",
        fideslang: "marketing.communications.email",
        dpv: "dpv:DirectMarketing",
        direct_marketing: true,
    },
];

/// Every category of data subjects Kluis knows.
pub static SUBJECTS: &[SubjectDef] = &[
    SubjectDef {
        key: "customer",
        fideslang: "customer",
        dpv: "dpv:Customer",
    },
    SubjectDef {
        key: "employee",
        fideslang: "employee",
        dpv: "dpv:Employee",
    },
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
        }
        assert!("user.nope".parse::<DataCategory>().is_err());
    }

    #[test]
    fn findings_translate_into_categories() {
        let bsn: Vec<_> = DataCategory::for_entity(EntityType::Bsn).collect();
        assert!(bsn.iter().all(|c| c.is_national_id()) && !bsn.is_empty());
        assert!(DataCategory::for_special(SpecialCategory::Health).count() > 0);
    }
}
