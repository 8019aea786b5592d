//! The relation itself: a person or a company, its kind, and its fields as a closed vocabulary, each mapped to a
//! register data category, plus privacy by default (a field is offered only when an active activity needs it).

use crate::EntityType;
use crate::calendar::parse_iso_date;
use crate::register::{
    ActivityStatus, DataCategory, DataSubjectCategory, ProcessingActivity, Register,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use time::Date;
use uuid::Uuid;

vocabulary! {
    /// Whether a relation is a natural person or a company. A business contact is a person linked to a company.
    Party {
        Person => "person",
        Company => "company",
    }
}

vocabulary! {
    /// What the relation is to the organisation; decides which data-subject categories of the register it is in.
    RelationKind {
        Customer => "customer",
        Prospect => "prospect",
        Employee => "employee",
        /// Sollicitant.
        JobApplicant => "job_applicant",
        SupplierContact => "supplier_contact",
        Other => "other",
    }
}

impl RelationKind {
    /// The register's data-subject category keys a relation of this kind belongs to. A business contact (a person
    /// linked to a company) is also a `business_contact`, except a supplier's contact, who has a category of its
    /// own. Former employees stay employees here: the register's activities for staff name both.
    pub fn subject_keys(self, business_contact: bool) -> Vec<&'static str> {
        let mut keys: Vec<&'static str> = match self {
            RelationKind::Customer => vec!["customer", "client", "member"],
            RelationKind::Prospect => vec!["prospect", "subscriber"],
            RelationKind::Employee => {
                vec!["employee", "former_employee", "trainee", "volunteer"]
            }
            RelationKind::JobApplicant => vec!["job_applicant"],
            RelationKind::SupplierContact => vec!["supplier_contact", "supplier_vendor"],
            RelationKind::Other => vec!["consultant", "visitor", "shareholder", "next_of_kin"],
        };
        if business_contact && !matches!(self, RelationKind::SupplierContact) {
            keys.push("business_contact");
        }
        keys
    }

    /// [`Self::subject_keys`] as the register's vocabulary.
    pub fn subjects(self, business_contact: bool) -> Vec<DataSubjectCategory> {
        self.subject_keys(business_contact)
            .into_iter()
            .filter_map(|k| k.parse().ok())
            .collect()
    }
}

vocabulary! {
    /// A field a relation can hold. The string form is stored (as the key of a relation's values).
    RelationField {
        GivenName => "given_name",
        FamilyName => "family_name",
        /// A company's (trade) name: a sole trader's trade name usually is the person's name.
        CompanyName => "company_name",
        Email => "email",
        Phone => "phone",
        Street => "street",
        Postcode => "postcode",
        City => "city",
        Country => "country",
        /// `YYYY-MM-DD`.
        DateOfBirth => "date_of_birth",
        Gender => "gender",
        Nationality => "nationality",
        Language => "language",
        JobTitle => "job_title",
        /// KvK number (NL) or KBO/BCE number (BE).
        RegistrationNumber => "registration_number",
        VatNumber => "vat_number",
        Iban => "iban",
        /// Burgerservicenummer (NL): only where a statute requires it (UAVG art. 46).
        Bsn => "bsn",
        /// Rijksregisternummer (BE).
        BeNationalNumber => "be_national_number",
        /// That someone is ill, as the Wet verbetering poortwachter needs it: never the diagnosis.
        SickLeave => "sick_leave",
        /// Health information (care providers, dietary needs, accessibility).
        Health => "health",
    }
}

impl RelationField {
    /// The register's category key this field holds.
    pub const fn category_key(self) -> &'static str {
        match self {
            RelationField::GivenName | RelationField::FamilyName | RelationField::CompanyName => {
                "user.name"
            }
            RelationField::Email => "user.contact.email",
            RelationField::Phone => "user.contact.phone_number",
            RelationField::Street => "user.contact.address.street",
            RelationField::Postcode => "user.contact.address.postal_code",
            RelationField::City => "user.contact.address.city",
            RelationField::Country => "user.contact.address.country",
            RelationField::DateOfBirth => "user.demographic.date_of_birth",
            RelationField::Gender => "user.demographic.gender",
            RelationField::Nationality => "user.demographic.nationality",
            RelationField::Language => "user.demographic.language",
            RelationField::JobTitle => "user.job_title",
            RelationField::RegistrationNumber | RelationField::VatNumber => {
                "user.contact.organization.registration_number"
            }
            RelationField::Iban => "user.financial.bank_account",
            RelationField::Bsn => "user.government_id.national_identification_number.bsn",
            RelationField::BeNationalNumber => {
                "user.government_id.national_identification_number.be_national_number"
            }
            RelationField::SickLeave => "user.health_and_medical.sick_leave",
            RelationField::Health => "user.health_and_medical",
        }
    }

    /// The register's category this field holds, so the inventory can count relations' fields.
    pub fn category(self) -> DataCategory {
        let key = self.category_key();
        match DataCategory::all().find(|c| c.key() == key) {
            Some(c) => c,
            // The table above is constant and a unit test parses every entry: this is a bug, never input.
            None => panic!("relation field {self} names unknown category {key}"),
        }
    }

    /// The fields that hold `category` or a category under it: a relation holds `category` when it holds any of
    /// them, so the inventory counts relations with a value in one of these (several fields share `user.name`:
    /// summing per field would count a person twice).
    pub fn of_category(category: DataCategory) -> impl Iterator<Item = RelationField> {
        RelationField::ALL
            .iter()
            .copied()
            .filter(move |f| covers(category, f.category()))
    }

    /// An Art. 9 special category (or Art. 10 criminal data).
    pub fn is_special(self) -> bool {
        let c = self.category();
        c.is_special() || c.is_criminal()
    }

    /// A national identification number (or a copy of an identity document).
    pub fn is_national_id(self) -> bool {
        self.category().is_national_id()
    }

    /// The value must be encrypted at rest and every read of it audited. This is the legal minimum; the store may
    /// encrypt more (contact details looked up through a blind index, for instance).
    pub fn is_sensitive(self) -> bool {
        self.is_special() || self.is_national_id()
    }

    /// Which party may hold the field: a company has no birthday and no BSN, a person no company name (a sole
    /// trader may carry a registration number).
    pub const fn applies_to(self, party: Party) -> bool {
        match self {
            RelationField::CompanyName => matches!(party, Party::Company),
            RelationField::GivenName
            | RelationField::FamilyName
            | RelationField::DateOfBirth
            | RelationField::Gender
            | RelationField::Nationality
            | RelationField::JobTitle
            | RelationField::Bsn
            | RelationField::BeNationalNumber
            | RelationField::SickLeave
            | RelationField::Health => matches!(party, Party::Person),
            _ => true,
        }
    }

    /// The scanner's entity type of this field's values: values of such fields are blind-indexed, so a document's
    /// findings are matched to relations, and normalised the way the scanner normalises that type.
    pub const fn entity_type(self) -> Option<EntityType> {
        match self {
            RelationField::GivenName | RelationField::FamilyName | RelationField::CompanyName => {
                Some(EntityType::PersonName)
            }
            RelationField::Email => Some(EntityType::Email),
            RelationField::Phone => Some(EntityType::Phone),
            RelationField::Postcode => Some(EntityType::Postcode),
            RelationField::DateOfBirth => Some(EntityType::DateOfBirth),
            RelationField::RegistrationNumber => Some(EntityType::KvkNumber),
            RelationField::VatNumber => Some(EntityType::VatNumber),
            RelationField::Iban => Some(EntityType::Iban),
            RelationField::Bsn => Some(EntityType::Bsn),
            RelationField::BeNationalNumber => Some(EntityType::BeNationalNumber),
            _ => None,
        }
    }

    /// Searchable from the relation list by exact value (through the blind index): name, e-mail, phone, postcode.
    pub const fn searchable(self) -> bool {
        matches!(
            self,
            RelationField::GivenName
                | RelationField::FamilyName
                | RelationField::CompanyName
                | RelationField::Email
                | RelationField::Phone
                | RelationField::Postcode
        )
    }

    /// The catalogue key of the field's label, e.g. `relation-field-date-of-birth`.
    pub fn label_key(self) -> String {
        format!("relation-field-{}", self.as_str().replace('_', "-"))
    }
}

/// A person or a company the organisation deals with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub id: Uuid,
    pub party: Party,
    pub kind: RelationKind,
    /// For a person: the company relation they are a contact of, which makes them a business contact.
    pub company: Option<Uuid>,
    /// The values held, by field; an empty value is not held.
    pub values: BTreeMap<RelationField, String>,
    pub tags: BTreeSet<String>,
}

/// What is wrong with a relation as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelationProblem {
    /// A person needs a given or family name, a company its name.
    NoName,
    /// Only a person can be a company's contact.
    CompanyLinkedToCompany,
    /// The field does not apply to this party (a company's date of birth).
    FieldNotForParty(RelationField),
    /// The field is not needed by any active processing activity for this relation (privacy by default).
    FieldNotOffered(RelationField),
    /// The date of birth is not a real `YYYY-MM-DD` date, or lies after today.
    ImpossibleDateOfBirth,
}

impl Relation {
    /// The value of `field`, if held (an empty or blank value is not held).
    pub fn value(&self, field: RelationField) -> Option<&str> {
        self.values
            .get(&field)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// The fields that hold a value.
    pub fn held_fields(&self) -> impl Iterator<Item = RelationField> + '_ {
        self.values
            .keys()
            .copied()
            .filter(|f| self.value(*f).is_some())
    }

    /// A person linked to a company.
    pub fn is_business_contact(&self) -> bool {
        self.party == Party::Person && self.company.is_some()
    }

    /// The register's data-subject categories this relation is in.
    pub fn subjects(&self) -> Vec<DataSubjectCategory> {
        self.kind.subjects(self.is_business_contact())
    }

    /// The register's categories of the values held: what the inventory counts for this relation.
    pub fn categories(&self) -> BTreeSet<DataCategory> {
        self.held_fields().map(RelationField::category).collect()
    }

    /// The date of birth, when held and a real date.
    pub fn date_of_birth(&self) -> Option<Date> {
        self.value(RelationField::DateOfBirth)
            .and_then(parse_iso_date)
    }

    /// Everything wrong with the relation as entered on `today`, against the fields `offered` for it (see
    /// [`offered_fields`]); empty when it may be saved.
    pub fn problems(&self, offered: &[RelationField], today: Date) -> Vec<RelationProblem> {
        let mut out = Vec::new();
        let named = match self.party {
            Party::Person => {
                self.value(RelationField::GivenName).is_some()
                    || self.value(RelationField::FamilyName).is_some()
            }
            Party::Company => self.value(RelationField::CompanyName).is_some(),
        };
        if !named {
            out.push(RelationProblem::NoName);
        }
        if self.party == Party::Company && self.company.is_some() {
            out.push(RelationProblem::CompanyLinkedToCompany);
        }
        for f in self.held_fields() {
            if !f.applies_to(self.party) {
                out.push(RelationProblem::FieldNotForParty(f));
            } else if !offered.contains(&f) {
                out.push(RelationProblem::FieldNotOffered(f));
            }
        }
        if self.value(RelationField::DateOfBirth).is_some()
            && self.date_of_birth().is_none_or(|d| d > today)
        {
            out.push(RelationProblem::ImpossibleDateOfBirth);
        }
        out
    }
}

/// Whether an activity that processes `held` processes `field`'s category: the same category or a broader one
/// (an activity processing `user.contact.address` processes the postcode; one processing only the postcode does
/// not process the whole address).
pub fn covers(held: DataCategory, field: DataCategory) -> bool {
    key_covers(held.key(), field.key())
}

/// [`covers`] on keys: the same key, or `h` followed by a dot (`user.job_title` is no parent of a
/// `user.job_title_x`).
fn key_covers(h: &str, f: &str) -> bool {
    f == h || (f.starts_with(h) && f.as_bytes().get(h.len()) == Some(&b'.'))
}

/// Whether `activity` concerns anyone in `subjects`.
pub fn concerns(activity: &ProcessingActivity, subjects: &[DataSubjectCategory]) -> bool {
    activity.subjects.iter().any(|s| subjects.contains(s))
}

/// The active activities that concern `subjects`: those that apply to a relation of that kind (shown on the
/// relation with their legal basis and retention).
pub fn active_activities_for<'r>(
    register: &'r Register,
    subjects: &'r [DataSubjectCategory],
) -> impl Iterator<Item = &'r ProcessingActivity> + 'r {
    register
        .activities
        .iter()
        .filter(move |a| a.status == ActivityStatus::Active && concerns(a, subjects))
}

/// The active activities that need `field` for `subjects`: the field's grounds, shown next to it.
pub fn field_grounds<'r>(
    register: &'r Register,
    subjects: &'r [DataSubjectCategory],
    field: RelationField,
) -> Vec<&'r ProcessingActivity> {
    let category = field.category();
    active_activities_for(register, subjects)
        .filter(|a| a.categories.iter().any(|c| covers(*c, category)))
        .collect()
}

/// Privacy by default (Art. 25(2)): the fields a form offers for a relation of `kind` and `party`, in vocabulary
/// order. A field is offered only when an active activity concerning that kind of data subject processes its
/// category; with no such activity nothing is offered, and the register must be completed first.
pub fn offered_fields(
    register: &Register,
    kind: RelationKind,
    party: Party,
    business_contact: bool,
) -> Vec<RelationField> {
    let subjects = kind.subjects(business_contact && party == Party::Person);
    RelationField::ALL
        .iter()
        .copied()
        .filter(|f| f.applies_to(party) && !field_grounds(register, &subjects, *f).is_empty())
        .collect()
}

/// Fields a relation holds that no active activity needs any more (an activity ended, the kind changed): for the
/// compliance check and the retention review, since data without a purpose may not be kept (Art. 5(1)(c), (e)).
pub fn unneeded_fields(register: &Register, relation: &Relation) -> Vec<RelationField> {
    let offered = offered_fields(
        register,
        relation.kind,
        relation.party,
        relation.is_business_contact(),
    );
    relation
        .held_fields()
        .filter(|f| !offered.contains(f))
        .collect()
}

/// The fields no relation of `kind` and `party` may hold any more, whether or not it is a business contact: not
/// offered even with the business-contact categories. For the set-based compliance check, which counts holders
/// per kind without reading each relation; it never reports a field that [`unneeded_fields`] would allow.
pub fn unneeded_for_kind(
    register: &Register,
    kind: RelationKind,
    party: Party,
) -> Vec<RelationField> {
    let mut needed: BTreeSet<RelationField> = offered_fields(register, kind, party, false)
        .into_iter()
        .collect();
    if party == Party::Person {
        needed.extend(offered_fields(register, kind, party, true));
    }
    RelationField::ALL
        .iter()
        .copied()
        .filter(|f| f.applies_to(party) && !needed.contains(f))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::Jurisdiction;
    use crate::register::starter::template;
    use time::macros::date;

    fn cat(key: &str) -> DataCategory {
        key.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    /// A register with the starter activities `keys` (NL), all active.
    fn register(keys: &[&str]) -> Register {
        let activities = keys
            .iter()
            .map(|k| {
                let t = template(k).unwrap_or_else(|| panic!("no template {k}"));
                ProcessingActivity {
                    id: Uuid::new_v4(),
                    name: (*k).to_owned(),
                    status: ActivityStatus::Active,
                    ..(t.build)(Jurisdiction::Nl)
                }
            })
            .collect();
        Register {
            activities,
            ..Default::default()
        }
    }

    fn person(kind: RelationKind, values: &[(RelationField, &str)]) -> Relation {
        Relation {
            id: Uuid::new_v4(),
            party: Party::Person,
            kind,
            company: None,
            values: values.iter().map(|(f, v)| (*f, (*v).to_owned())).collect(),
            tags: BTreeSet::new(),
        }
    }

    #[test]
    fn every_field_maps_to_a_register_category_and_its_evidence() {
        for f in RelationField::ALL {
            let c = f.category();
            assert_eq!(c.key(), f.category_key());
            // A blind-indexed field is matched against findings of the entity type its category is evidence of.
            if let Some(e) = f.entity_type() {
                assert!(
                    c.entity_types.contains(&e),
                    "{f}: {c} is not evidenced by {e}"
                );
            }
            assert_eq!(f.as_str().parse::<RelationField>(), Ok(*f));
        }
        for k in RelationKind::ALL {
            for business in [false, true] {
                assert_eq!(
                    k.subjects(business).len(),
                    k.subject_keys(business).len(),
                    "{k}"
                );
            }
        }
    }

    #[test]
    fn fields_of_a_category_for_the_inventory() {
        let names: Vec<_> = RelationField::of_category(cat("user.name")).collect();
        assert_eq!(
            names,
            vec![
                RelationField::GivenName,
                RelationField::FamilyName,
                RelationField::CompanyName
            ]
        );
        let address: Vec<_> = RelationField::of_category(cat("user.contact.address")).collect();
        assert_eq!(
            address,
            vec![
                RelationField::Street,
                RelationField::Postcode,
                RelationField::City,
                RelationField::Country
            ]
        );
        assert_eq!(
            RelationField::of_category(cat("user.criminal_history")).count(),
            0
        );
    }

    #[test]
    fn special_and_national_id_fields_are_sensitive_and_nothing_else() {
        let sensitive: Vec<_> = RelationField::ALL
            .iter()
            .filter(|f| f.is_sensitive())
            .copied()
            .collect();
        assert_eq!(
            sensitive,
            vec![
                RelationField::Bsn,
                RelationField::BeNationalNumber,
                RelationField::SickLeave,
                RelationField::Health
            ]
        );
        assert!(RelationField::Bsn.is_national_id() && !RelationField::Bsn.is_special());
        assert!(
            RelationField::SickLeave.is_special() && !RelationField::SickLeave.is_national_id()
        );
        assert!(!RelationField::Iban.is_sensitive());
    }

    #[test]
    fn categories_cover_their_subcategories_only() {
        let address = cat("user.contact.address");
        assert!(covers(address, cat("user.contact.address.postal_code")));
        assert!(covers(address, address));
        assert!(!covers(cat("user.contact.address.postal_code"), address));
        assert!(covers(
            cat("user.job_title"),
            cat("user.job_title.performance")
        ));
        assert!(covers(
            cat("user.financial"),
            cat("user.financial.bank_account")
        ));
        assert!(!covers(
            cat("user.financial.bank_account"),
            cat("user.financial")
        ));
        assert!(!covers(
            cat("user.contact.email"),
            cat("user.contact.phone_number")
        ));
    }

    #[test]
    fn privacy_by_default_offers_only_what_an_active_activity_needs() {
        let reg = register(&["customer_administration"]);
        let offered = offered_fields(&reg, RelationKind::Customer, Party::Person, false);
        // Name, e-mail, phone, the address (through user.contact.address), registration numbers, IBAN.
        for f in [
            RelationField::GivenName,
            RelationField::Email,
            RelationField::Phone,
            RelationField::Street,
            RelationField::Postcode,
            RelationField::City,
            RelationField::Country,
            RelationField::RegistrationNumber,
            RelationField::Iban,
        ] {
            assert!(offered.contains(&f), "{f} not offered");
        }
        for f in [
            RelationField::DateOfBirth,
            RelationField::Bsn,
            RelationField::Health,
            RelationField::CompanyName,
        ] {
            assert!(!offered.contains(&f), "{f} offered");
        }
        // The customer activity does not concern employees, so nothing is offered for them.
        assert!(offered_fields(&reg, RelationKind::Employee, Party::Person, false).is_empty());
        // A company gets its name, never a person's fields.
        let company = offered_fields(&reg, RelationKind::Customer, Party::Company, false);
        assert!(company.contains(&RelationField::CompanyName));
        assert!(!company.contains(&RelationField::GivenName));
        // Payroll brings the BSN and the date of birth for employees.
        let reg = register(&["payroll"]);
        let staff = offered_fields(&reg, RelationKind::Employee, Party::Person, false);
        assert!(staff.contains(&RelationField::Bsn));
        assert!(staff.contains(&RelationField::DateOfBirth));
        assert!(!staff.contains(&RelationField::BeNationalNumber));
        assert!(!staff.contains(&RelationField::Email));
    }

    #[test]
    fn a_draft_or_ended_activity_offers_nothing() {
        let mut reg = register(&["customer_administration"]);
        reg.activities[0].status = ActivityStatus::Draft;
        assert!(offered_fields(&reg, RelationKind::Customer, Party::Person, false).is_empty());
        reg.activities[0].status = ActivityStatus::Ended;
        assert!(offered_fields(&reg, RelationKind::Customer, Party::Person, false).is_empty());
    }

    #[test]
    fn a_business_contact_is_covered_by_business_contact_activities() {
        let mut reg = register(&["customer_administration"]);
        reg.activities[0].subjects =
            vec!["business_contact".parse().unwrap_or_else(|e| panic!("{e}"))];
        assert!(offered_fields(&reg, RelationKind::Customer, Party::Person, false).is_empty());
        assert!(!offered_fields(&reg, RelationKind::Customer, Party::Person, true).is_empty());
        // A company is not a business contact of itself.
        assert!(offered_fields(&reg, RelationKind::Customer, Party::Company, true).is_empty());
        let mut r = person(
            RelationKind::Customer,
            &[(RelationField::FamilyName, "Jansen")],
        );
        assert!(!r.is_business_contact());
        r.company = Some(Uuid::new_v4());
        assert!(r.is_business_contact());
        assert!(r.subjects().iter().any(|s| s.key() == "business_contact"));
    }

    #[test]
    fn problems_name_what_may_not_be_saved() {
        let reg = register(&["customer_administration"]);
        let offered = offered_fields(&reg, RelationKind::Customer, Party::Person, false);
        let today = date!(2026 - 03 - 01);
        let ok = person(
            RelationKind::Customer,
            &[
                (RelationField::GivenName, "Eva"),
                (RelationField::Email, "eva@example.nl"),
            ],
        );
        assert!(ok.problems(&offered, today).is_empty());
        let bad = person(
            RelationKind::Customer,
            &[
                (RelationField::GivenName, "  "),
                (RelationField::Bsn, "111222333"),
                (RelationField::CompanyName, "Jansen BV"),
                (RelationField::DateOfBirth, "2026-03-02"),
            ],
        );
        let problems = bad.problems(&offered, today);
        assert!(problems.contains(&RelationProblem::NoName));
        assert!(problems.contains(&RelationProblem::FieldNotOffered(RelationField::Bsn)));
        assert!(problems.contains(&RelationProblem::FieldNotForParty(
            RelationField::CompanyName
        )));
        assert!(problems.contains(&RelationProblem::ImpossibleDateOfBirth));
        assert!(problems.contains(&RelationProblem::FieldNotOffered(
            RelationField::DateOfBirth
        )));
        let born_today = person(
            RelationKind::Customer,
            &[
                (RelationField::FamilyName, "Jansen"),
                (RelationField::DateOfBirth, "2026-03-01"),
            ],
        );
        assert!(
            !born_today
                .problems(&offered, today)
                .contains(&RelationProblem::ImpossibleDateOfBirth)
        );
        let mut company = person(
            RelationKind::Customer,
            &[(RelationField::CompanyName, "Jansen BV")],
        );
        company.party = Party::Company;
        company.company = Some(Uuid::new_v4());
        assert_eq!(
            company.problems(
                &offered_fields(&reg, RelationKind::Customer, Party::Company, false),
                today
            ),
            vec![RelationProblem::CompanyLinkedToCompany]
        );
    }

    #[test]
    fn held_categories_and_unneeded_fields() {
        let mut reg = register(&["customer_administration", "payroll"]);
        let r = person(
            RelationKind::Customer,
            &[
                (RelationField::GivenName, "Eva"),
                (RelationField::FamilyName, "Jansen"),
                (RelationField::Postcode, "1234 AB"),
                (RelationField::Phone, ""),
            ],
        );
        let cats: Vec<_> = r.categories().into_iter().map(|c| c.key()).collect();
        assert_eq!(cats, vec!["user.contact.address.postal_code", "user.name"]);
        assert!(unneeded_fields(&reg, &r).is_empty());
        reg.activities[0].status = ActivityStatus::Ended;
        assert_eq!(
            unneeded_fields(&reg, &r),
            vec![
                RelationField::GivenName,
                RelationField::FamilyName,
                RelationField::Postcode
            ]
        );
    }

    #[test]
    fn a_field_is_unneeded_for_a_kind_only_when_no_active_activity_needs_it() {
        let reg = register(&["customer_administration", "payroll"]);
        let customer = unneeded_for_kind(&reg, RelationKind::Customer, Party::Person);
        assert!(!customer.contains(&RelationField::Email));
        assert!(customer.contains(&RelationField::Bsn), "{customer:?}");
        // Staff: payroll needs the BSN.
        let staff = unneeded_for_kind(&reg, RelationKind::Employee, Party::Person);
        assert!(!staff.contains(&RelationField::Bsn), "{staff:?}");
        // With no active activity, everything a person can hold is unneeded.
        let empty = unneeded_for_kind(&register(&[]), RelationKind::Customer, Party::Person);
        assert!(empty.contains(&RelationField::Email));
        assert!(!empty.contains(&RelationField::CompanyName));
        // Never stricter than the per-relation rule.
        for kind in RelationKind::ALL {
            for f in unneeded_for_kind(&reg, *kind, Party::Person) {
                assert!(!offered_fields(&reg, *kind, Party::Person, true).contains(&f));
                assert!(!offered_fields(&reg, *kind, Party::Person, false).contains(&f));
            }
        }
    }
}
