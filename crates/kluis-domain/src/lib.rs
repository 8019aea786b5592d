//! Kluis's pure domain core: the GDPR vocabulary, roles and the rules over them. Does no IO.

/// A closed vocabulary: an enum whose values have one stable string form each, used in output, storage and serde
/// alike (`as_str`, `Display`, `FromStr` and serde all agree), with `ALL` in declaration order.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize,
        )]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $text)] $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable string form used in output and storage.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::personal_data::UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::personal_data::UnknownValue {
                        vocabulary: stringify!($name),
                        value: s.to_owned(),
                    }),
                }
            }
        }
    };
}

pub mod actions;
pub mod audit;
pub mod breach;
pub mod calendar;
pub mod deadlines;
pub mod documents;
pub mod dpia;
pub mod identity;
pub mod legal_basis;
pub mod personal_data;
pub mod register;
pub mod relations;
pub mod roles;
pub mod status;

pub use actions::AuditAction;
pub use documents::{Classification, UploadRefusal};
pub use personal_data::{
    DocumentClass, EntityType, PersonalDataKind, SpecialCategory, UnknownValue,
};
pub use roles::{Permission, Role, SystemActor};
pub use status::{DocumentStatus, JobStatus, ScanStatus};
