//! Which fields an edit changed, for every versioned kind of the register (activities, recipients, agreements).
//!
//! One list of fields per kind gives both the comparison and the names it can give, so a field added to a kind
//! is either listed (and compared) or caught by the test that walks the kind's serialised fields. Histories and
//! audit events record these names, never values.

use super::model::{ProcessingActivity, ProcessingAgreement, Recipient};

/// A register value whose saves are kept as versions naming the fields they changed.
pub trait Versioned {
    /// Every field name [`changed_fields`] can give for this kind, in the order of the struct.
    const FIELDS: &'static [&'static str];
    /// The struct's fields not compared: identity and what is versioned on its own.
    const NOT_COMPARED: &'static [&'static str];

    /// The names of the fields that differ between `old` and `new`, in [`Versioned::FIELDS`] order.
    fn changed_from(&self, old: &Self) -> Vec<&'static str>;
}

/// The names of the fields that differ between `old` and `new` (the struct's field names), for the history and
/// the audit event. The id is not compared; nor are a recipient's agreements, which have versions of their own.
pub fn changed_fields<T: Versioned>(old: &T, new: &T) -> Vec<&'static str> {
    new.changed_from(old)
}

/// The fields a new value sets: those that differ from the kind's default (for the first version).
pub fn set_fields<T: Versioned + Default>(new: &T) -> Vec<&'static str> {
    new.changed_from(&T::default())
}

/// Whether `a` and `b` hold the same items as many times each, in any order.
fn same_members<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let count = |list: &[T], x: &T| list.iter().filter(|y| *y == x).count();
    a.len() == b.len() && a.iter().all(|x| count(a, x) == count(b, x))
}

/// Whether a field differs. A field marked `as set` is a choice from a vocabulary or catalogue: the page sends
/// it in the vocabulary's order, a template or an API client in its own, and a new order alone is no change.
macro_rules! differs {
    ($old:expr, $new:expr) => {
        $old != $new
    };
    ($old:expr, $new:expr, set) => {
        !same_members(&$old, &$new)
    };
}

macro_rules! versioned {
    ($ty:ty, not compared: [$($skip:literal),*], fields: [$($f:ident $(as $kind:ident)?),* $(,)?]) => {
        impl Versioned for $ty {
            const FIELDS: &'static [&'static str] = &[$(stringify!($f)),*];
            const NOT_COMPARED: &'static [&'static str] = &[$($skip),*];

            fn changed_from(&self, old: &Self) -> Vec<&'static str> {
                let mut out = Vec::new();
                $(if differs!(old.$f, self.$f $(, $kind)?) { out.push(stringify!($f)); })*
                out
            }
        }
    };
}

versioned!(ProcessingActivity, not compared: ["id"], fields: [
    name,
    description,
    status,
    end_date,
    successor,
    template,
    purposes as set,
    purpose_description,
    subjects as set,
    categories as set,
    lawful_basis,
    balancing_test,
    special_ground,
    uavg_article,
    criminal_data_basis,
    national_id_statute,
    source,
    collected_from_subject,
    provision_requirement,
    automated_decisions,
    recipients as set,
    other_recipients,
    transfers,
    retention,
    measures as set,
    measures_note,
    joint_controller,
    dpia,
    dpia_rationale,
    notes,
]);

versioned!(Recipient, not compared: ["id", "agreements"], fields: [
    name,
    role,
    country,
    contact,
    services,
    categories as set,
    sub_processors,
    transfer_safeguard,
]);

versioned!(ProcessingAgreement, not compared: ["id"], fields: [
    document_id,
    signed_on,
    expires_on,
    review_on,
    checklist,
    sub_processor_authorisation,
    notes,
]);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::model::{RecipientRole, SubProcessor};
    use std::collections::BTreeSet;

    /// The kind's serialised field names (its serde names are its struct names) must be exactly its listed
    /// fields plus those deliberately not compared: a field added to the struct but not to the list fails here.
    fn covers_every_field<T: Versioned + Default + serde::Serialize>() {
        let json = serde_json::to_value(T::default()).unwrap_or_default();
        let all: BTreeSet<&str> = json
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let listed: BTreeSet<&str> = T::FIELDS.iter().chain(T::NOT_COMPARED).copied().collect();
        assert_eq!(all, listed, "{}", std::any::type_name::<T>());
    }

    #[test]
    fn every_versioned_kind_lists_every_field() {
        covers_every_field::<ProcessingActivity>();
        covers_every_field::<Recipient>();
        covers_every_field::<ProcessingAgreement>();
    }

    #[test]
    fn a_recipient_change_names_its_fields_not_its_id_or_agreements() {
        let old = Recipient {
            name: "Hoster".into(),
            country: "NL".into(),
            ..Default::default()
        };
        let mut new = old.clone();
        new.id = uuid::Uuid::from_u128(9);
        new.agreements.push(ProcessingAgreement::default());
        assert!(changed_fields(&old, &new).is_empty());
        new.country = "US".into();
        new.role = RecipientRole::ThirdParty;
        new.sub_processors.push(SubProcessor {
            name: "Cloud".into(),
            country: "US".into(),
            service: "hosting".into(),
        });
        assert_eq!(
            changed_fields(&old, &new),
            vec!["role", "country", "sub_processors"]
        );
        assert_eq!(set_fields(&old), vec!["name", "country"]);
    }

    #[test]
    fn an_agreement_change_names_its_fields() {
        let old = ProcessingAgreement::default();
        let mut new = old.clone();
        new.signed_on = time::Date::from_calendar_date(2026, time::Month::March, 1).ok();
        new.checklist.audits = true;
        new.notes = "getekend".into();
        assert_eq!(
            changed_fields(&old, &new),
            vec!["signed_on", "checklist", "notes"]
        );
    }
}
