//! A file's row made into a relation row through a mapping: values checked and put in canonical form, the party
//! and name worked out, duplicates within the file found; every problem named by row, column and reason.

use crate::mapping::{Mapping, Target};
use crate::validate::{Country, check};
use crate::write::unescape_cell;
use crate::{ReadError, Row, column_letter};
use kluis_domain::relations::{Party, RelationField, RelationKind};
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hash, Hasher};
use time::Date;

/// A relation as read from one row, ready for the relations module to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationRow {
    /// The row number as the spreadsheet shows it.
    pub row: u64,
    pub party: Party,
    pub kind: RelationKind,
    /// For a person: the name of the company they are a contact of (to link to, or create, by name).
    pub company: Option<String>,
    /// Values in canonical form (E.164 phone, `1234 AB`, `YYYY-MM-DD`, compact IBAN); only fields with a value.
    pub values: BTreeMap<RelationField, String>,
    pub tags: BTreeSet<String>,
    pub notes: Option<String>,
    /// The source system's own id, when a column holds it.
    pub reference: Option<String>,
}

/// Why a row, or one value of it, is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reason {
    InvalidEmail,
    InvalidPhone,
    InvalidPostcode,
    /// Not a date in one of the accepted forms.
    InvalidDate,
    /// A date that does not exist (31 February), or a birth date in the future.
    ImpossibleDate,
    InvalidIban,
    InvalidBsn,
    InvalidBeNationalNumber,
    /// A person without a given or family name, a company without its name.
    NoName,
    /// The field does not apply to the row's party (a company's date of birth).
    FieldNotForParty,
    UnknownKind,
    UnknownParty,
    /// The same e-mail address as an earlier row.
    DuplicateEmail {
        first_row: u64,
    },
    /// The same name and postcode as an earlier row.
    DuplicateNamePostcode {
        first_row: u64,
    },
    /// The row could not be read (too long, too many columns...): see the read error's key.
    Unreadable(&'static str),
    /// The same e-mail address as a relation the organisation already holds (found through its blind index).
    ExistingEmail,
    /// The field is needed by no active processing activity for this relation (privacy by default).
    FieldNotOffered,
}

impl Reason {
    /// The catalogue key of the message (the relations module's .ftl holds it in nl and en).
    pub fn key(&self) -> &'static str {
        match self {
            Reason::InvalidEmail => "import-invalid-email",
            Reason::InvalidPhone => "import-invalid-phone",
            Reason::InvalidPostcode => "import-invalid-postcode",
            Reason::InvalidDate => "import-invalid-date",
            Reason::ImpossibleDate => "import-impossible-date",
            Reason::InvalidIban => "import-invalid-iban",
            Reason::InvalidBsn => "import-invalid-bsn",
            Reason::InvalidBeNationalNumber => "import-invalid-be-national-number",
            Reason::NoName => "import-no-name",
            Reason::FieldNotForParty => "import-field-not-for-party",
            Reason::UnknownKind => "import-unknown-kind",
            Reason::UnknownParty => "import-unknown-party",
            Reason::DuplicateEmail { .. } => "import-duplicate-email",
            Reason::DuplicateNamePostcode { .. } => "import-duplicate-name-postcode",
            Reason::Unreadable(key) => key,
            Reason::ExistingEmail => "import-existing-email",
            Reason::FieldNotOffered => "import-field-not-offered",
        }
    }

    /// A duplicate is reported but does not by itself stop the row: the caller decides (skip, or import anyway).
    pub fn is_duplicate(&self) -> bool {
        matches!(
            self,
            Reason::DuplicateEmail { .. }
                | Reason::DuplicateNamePostcode { .. }
                | Reason::ExistingEmail
        )
    }
}

/// One problem of one row. Never holds the offending value (it may be personal data): the user sees it in their
/// own file by row and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// As the spreadsheet shows it: the header is row 1.
    pub row: u64,
    /// 0-based column; `None` when the problem is the row's (no name).
    pub column: Option<usize>,
    /// The column's header, when the file has one.
    pub header: Option<String>,
    pub field: Option<RelationField>,
    pub reason: Reason,
}

/// For logs-free plain output such as the CLI's: `row 3, column B (E-mail): import-invalid-email`. Holds no value.
impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row {}", self.row)?;
        if let Some(c) = self.column_letter() {
            write!(f, ", column {c}")?;
            if let Some(h) = &self.header {
                write!(f, " ({h})")?;
            }
        }
        write!(f, ": {}", self.reason.key())?;
        match self.reason {
            Reason::DuplicateEmail { first_row } | Reason::DuplicateNamePostcode { first_row } => {
                write!(f, " (row {first_row})")
            }
            _ => Ok(()),
        }
    }
}

impl Problem {
    /// The column as the spreadsheet names it (`C`).
    pub fn column_letter(&self) -> Option<String> {
        self.column.map(column_letter)
    }

    /// The problem of a row that could not be read at all.
    pub fn unreadable(e: &ReadError) -> Option<Problem> {
        let row = e.row()?;
        let column = match e {
            ReadError::CellTooLong { column, .. } => Some(*column),
            _ => None,
        };
        Some(Problem {
            row,
            column,
            header: None,
            field: None,
            reason: Reason::Unreadable(e.key()),
        })
    }
}

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowOutcome {
    pub row: u64,
    /// The relation to import: `None` when a problem other than a duplicate refuses the row.
    pub relation: Option<RelationRow>,
    pub problems: Vec<Problem>,
}

/// Turns rows into relation rows through one mapping, remembering what it saw for duplicate detection (a 64-bit
/// hash per e-mail and per name + postcode with the row it was first seen in, never the values).
pub struct Importer {
    mapping: Mapping,
    headers: Vec<String>,
    today: Date,
    /// Columns holding a family-name prefix (`Tussenvoegsel`).
    infix: Vec<usize>,
    emails: SeenRows,
    names: SeenRows,
}

/// The first row each 64-bit hash was seen in. Packed (12 bytes an entry, no padding) and keyed without
/// rehashing, since the keys are hashes already: a million rows take about 27 MB per kind instead of 36.
#[derive(Default)]
struct SeenRows(HashMap<[u8; 8], [u8; 4], BuildHasherDefault<KeyIsHash>>);

impl SeenRows {
    /// The first row `key` was seen in, recording `row` when it is new. Rows past `u32::MAX` share that number.
    fn first(&mut self, key: u64, row: u64) -> u64 {
        let row = u32::try_from(row).unwrap_or(u32::MAX).to_le_bytes();
        u64::from(u32::from_le_bytes(
            *self.0.entry(key.to_le_bytes()).or_insert(row),
        ))
    }
}

/// A hasher for keys that are hashes already: their first eight bytes are the hash.
#[derive(Default)]
struct KeyIsHash(u64);

impl Hasher for KeyIsHash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for (i, b) in bytes.iter().take(8).enumerate() {
            self.0 ^= u64::from(*b) << (8 * i);
        }
    }

    // The slice's length prefix carries nothing.
    fn write_usize(&mut self, _: usize) {}
}

impl Importer {
    /// `headers` are the header row's cells (empty without a header); `today` decides what is a future birth date.
    pub fn new(mapping: Mapping, headers: Vec<String>, today: Date) -> Importer {
        let infix = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| is_infix_header(h))
            .map(|(i, _)| i)
            .collect();
        Importer {
            mapping,
            infix,
            headers,
            today,
            emails: SeenRows::default(),
            names: SeenRows::default(),
        }
    }

    pub fn mapping(&self) -> &Mapping {
        &self.mapping
    }

    /// One row: its relation when it may be imported, and every problem it has.
    pub fn process(&mut self, row: &Row) -> RowOutcome {
        let n = row.number;
        let mut problems: Vec<Problem> = Vec::new();
        let problem = |column: Option<usize>, field, reason| Problem {
            row: n,
            column,
            header: column.and_then(|c| self.headers.get(c).cloned()),
            field,
            reason,
        };
        // Gather the raw cells per target, in column order.
        let mut raw: BTreeMap<RelationField, (usize, String)> = BTreeMap::new();
        let mut name: Option<(usize, String)> = None;
        let mut kind_cell: Option<(usize, String)> = None;
        let mut party_cell: Option<(usize, String)> = None;
        let mut tags: BTreeSet<String> = self
            .mapping
            .default_tags
            .iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        let mut notes: Vec<String> = Vec::new();
        let mut reference: Option<String> = None;
        for (i, cell) in row.cells.iter().enumerate() {
            let v = unescape_cell(cell.trim());
            if v.is_empty() {
                continue;
            }
            let join = |slot: &mut Option<(usize, String)>| match slot {
                Some((_, s)) => {
                    s.push(' ');
                    s.push_str(v);
                }
                None => *slot = Some((i, v.to_owned())),
            };
            match self.mapping.target(i) {
                // A Dutch family-name prefix goes in front of the family name, wherever its column is.
                Target::Field(RelationField::FamilyName) if self.infix.contains(&i) => {
                    match raw.get_mut(&RelationField::FamilyName) {
                        Some((_, s)) => *s = format!("{v} {s}"),
                        None => {
                            raw.insert(RelationField::FamilyName, (i, v.to_owned()));
                        }
                    }
                }
                Target::Field(f) => {
                    let mut slot = raw.remove(&f);
                    join(&mut slot);
                    if let Some(s) = slot {
                        raw.insert(f, s);
                    }
                }
                Target::Name => join(&mut name),
                Target::Kind => join(&mut kind_cell),
                Target::Party => join(&mut party_cell),
                Target::Tags => tags.extend(
                    v.split([',', ';', '|'])
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(str::to_owned),
                ),
                Target::Notes => notes.push(v.to_owned()),
                Target::Reference => reference = Some(v.to_owned()),
                Target::Ignore => {}
            }
        }

        let kind = match &kind_cell {
            None => self.mapping.default_kind,
            Some((c, v)) => parse_kind(v).unwrap_or_else(|| {
                problems.push(problem(Some(*c), None, Reason::UnknownKind));
                self.mapping.default_kind
            }),
        };
        let person_named = raw.contains_key(&RelationField::GivenName)
            || raw.contains_key(&RelationField::FamilyName);
        let party = match &party_cell {
            Some((c, v)) => parse_party(v).unwrap_or_else(|| {
                problems.push(problem(Some(*c), None, Reason::UnknownParty));
                Party::Person
            }),
            None => match self.mapping.default_party {
                Some(p) => p,
                None if person_named => Party::Person,
                None if raw.contains_key(&RelationField::CompanyName) => Party::Company,
                None => match &name {
                    Some((_, n)) if has_legal_form(n) => Party::Company,
                    _ => Party::Person,
                },
            },
        };
        // Where a whole-name cell goes: a company's own name, or (beside a person's names) the company they work
        // for; else the person's name, split at the first space.
        if let Some((c, n)) = name {
            if party == Party::Company || person_named {
                raw.entry(RelationField::CompanyName).or_insert((c, n));
            } else {
                match n.split_once(char::is_whitespace) {
                    Some((given, family)) => {
                        raw.insert(RelationField::GivenName, (c, given.to_owned()));
                        raw.insert(RelationField::FamilyName, (c, family.trim().to_owned()));
                    }
                    None => {
                        raw.insert(RelationField::FamilyName, (c, n));
                    }
                }
            }
        }
        // A person's company name is the company they are a contact of, not a field of theirs.
        let company = if party == Party::Person {
            raw.remove(&RelationField::CompanyName).map(|(_, v)| v)
        } else {
            None
        };
        let country = Country::of(raw.get(&RelationField::Country).map(|(_, v)| v.as_str()));
        let mut values: BTreeMap<RelationField, String> = BTreeMap::new();
        for (f, (c, v)) in &raw {
            if !f.applies_to(party) {
                problems.push(problem(Some(*c), Some(*f), Reason::FieldNotForParty));
                continue;
            }
            match check(*f, v, country, self.today) {
                Ok(v) if !v.is_empty() => {
                    values.insert(*f, v);
                }
                Ok(_) => {}
                Err(reason) => problems.push(problem(Some(*c), Some(*f), reason)),
            }
        }
        let named = match party {
            Party::Company => values.contains_key(&RelationField::CompanyName),
            Party::Person => {
                values.contains_key(&RelationField::GivenName)
                    || values.contains_key(&RelationField::FamilyName)
            }
        };
        if !named {
            problems.push(problem(None, None, Reason::NoName));
        }
        let refused = !problems.is_empty();
        // Duplicates: only rows that would be imported count as the first occurrence.
        if !refused {
            if let Some(e) = values.get(&RelationField::Email) {
                let first = self.emails.first(hash(&[e]), n);
                if first != n {
                    let c = raw.get(&RelationField::Email).map(|(c, _)| *c);
                    problems.push(problem(
                        c,
                        Some(RelationField::Email),
                        Reason::DuplicateEmail { first_row: first },
                    ));
                }
            }
            if let Some(p) = values.get(&RelationField::Postcode) {
                let full_name = [
                    RelationField::GivenName,
                    RelationField::FamilyName,
                    RelationField::CompanyName,
                ]
                .iter()
                .filter_map(|f| values.get(f))
                .map(|v| {
                    v.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase()
                })
                .collect::<Vec<_>>()
                .join(" ");
                let first = self.names.first(hash(&[&full_name, p]), n);
                if first != n {
                    problems.push(problem(
                        None,
                        None,
                        Reason::DuplicateNamePostcode { first_row: first },
                    ));
                }
            }
        }
        let relation = (!refused).then(|| RelationRow {
            row: n,
            party,
            kind,
            company,
            values,
            tags,
            notes: (!notes.is_empty()).then(|| notes.join("\n")),
            reference,
        });
        RowOutcome {
            row: n,
            relation,
            problems,
        }
    }
}

/// `Tussenvoegsel(s)`, `Voorvoegsel`, `Infix`, `Name prefix`.
fn is_infix_header(h: &str) -> bool {
    let k: String = h
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "tussenvoegsel",
        "tussenvoegsels",
        "voorvoegsel",
        "infix",
        "nameprefix",
    ]
    .iter()
    .any(|w| k.ends_with(w))
}

fn hash(parts: &[&str]) -> u64 {
    let mut h = DefaultHasher::new();
    parts.hash(&mut h);
    h.finish()
}

/// A kind from the words people use for it in Dutch and English, or its key.
fn parse_kind(v: &str) -> Option<RelationKind> {
    let v = v.trim().to_lowercase();
    if let Ok(k) = v.parse() {
        return Some(k);
    }
    Some(match v.as_str() {
        "klant" | "klanten" | "client" | "cliënt" | "debiteur" | "customers" | "lid" | "member" => {
            RelationKind::Customer
        }
        "prospect" | "prospects" | "lead" | "leads" | "potentiële klant" => RelationKind::Prospect,
        "medewerker" | "werknemer" | "personeel" | "employee" | "staff" | "personeelslid" => {
            RelationKind::Employee
        }
        "sollicitant" | "kandidaat" | "applicant" | "job applicant" | "candidate" => {
            RelationKind::JobApplicant
        }
        "leverancier"
        | "crediteur"
        | "supplier"
        | "vendor"
        | "contactpersoon leverancier"
        | "supplier contact" => RelationKind::SupplierContact,
        "overig" | "overige" | "anders" | "other" => RelationKind::Other,
        _ => return None,
    })
}

fn parse_party(v: &str) -> Option<Party> {
    let v = v.trim().to_lowercase();
    if let Ok(p) = v.parse() {
        return Some(p);
    }
    Some(match v.as_str() {
        "persoon" | "particulier" | "natuurlijk persoon" | "p" | "individual" | "private" => {
            Party::Person
        }
        "bedrijf" | "organisatie" | "onderneming" | "zakelijk" | "b" | "organisation"
        | "organization" | "business" => Party::Company,
        _ => return None,
    })
}

/// A name ending in a Dutch or Belgian legal form (`Jansen Bouw B.V.`): a company.
fn has_legal_form(name: &str) -> bool {
    let last = name
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase()
        .replace('.', "");
    let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
    matches!(
        last.as_str(),
        "bv" | "nv"
            | "vof"
            | "cv"
            | "bvba"
            | "srl"
            | "sprl"
            | "vzw"
            | "asbl"
            | "ltd"
            | "gmbh"
            | "inc"
            | "ua"
            | "ba"
            | "cvba"
            | "commv"
    ) || matches!(
        first.as_str(),
        "stichting" | "vereniging" | "coöperatie" | "cooperatie"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::suggest_mapping;
    use time::macros::date;

    fn importer(headers: &[&str]) -> Importer {
        let h: Vec<String> = headers.iter().map(|s| (*s).to_owned()).collect();
        Importer::new(suggest_mapping(&h), h, date!(2026 - 03 - 01))
    }

    fn row(number: u64, cells: &[&str]) -> Row {
        Row {
            number,
            cells: cells.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn a_whole_name_is_split_or_a_company() {
        let mut imp = importer(&["Naam", "E-mail"]);
        let out = imp.process(&row(2, &["Eva de Vries", "eva@example.nl"]));
        let r = out.relation.unwrap_or_else(|| panic!("{:?}", out.problems));
        assert_eq!(r.party, Party::Person);
        assert_eq!(r.values[&RelationField::GivenName], "Eva");
        assert_eq!(r.values[&RelationField::FamilyName], "de Vries");
        let out = imp.process(&row(3, &["Jansen Bouw B.V.", "info@jansen.nl"]));
        let r = out.relation.unwrap_or_else(|| panic!("{:?}", out.problems));
        assert_eq!(r.party, Party::Company);
        assert_eq!(r.values[&RelationField::CompanyName], "Jansen Bouw B.V.");
    }

    #[test]
    fn exact_contact_person_is_linked_to_the_account() {
        let mut imp = importer(&[
            "Relatiecode",
            "Naam",
            "ContactpersoonVoornaam",
            "Tussenvoegsel",
            "Achternaam",
            "Land",
            "Telefoon",
        ]);
        let out = imp.process(&row(
            2,
            &[
                "1001",
                "Bakkerij Piet",
                "Piet",
                "van der",
                "Berg",
                "België",
                "0470 12 34 56",
            ],
        ));
        let r = out.relation.unwrap_or_else(|| panic!("{:?}", out.problems));
        assert_eq!(r.party, Party::Person);
        assert_eq!(r.company.as_deref(), Some("Bakkerij Piet"));
        assert_eq!(r.values[&RelationField::FamilyName], "van der Berg");
        assert_eq!(r.values[&RelationField::Phone], "+32470123456");
        assert_eq!(r.reference.as_deref(), Some("1001"));
    }

    #[test]
    fn a_prefix_column_goes_in_front_wherever_it_is() {
        let mut imp = importer(&["Achternaam", "Voornaam", "Tussenvoegsel"]);
        let out = imp.process(&row(2, &["Berg", "Piet", "van den"]));
        let r = out.relation.unwrap_or_else(|| panic!("{:?}", out.problems));
        assert_eq!(r.values[&RelationField::FamilyName], "van den Berg");
        let out = imp.process(&row(3, &["", "Piet", "van"]));
        let r = out.relation.unwrap_or_else(|| panic!("{:?}", out.problems));
        assert_eq!(r.values[&RelationField::FamilyName], "van");
    }

    #[test]
    fn problems_name_row_column_and_reason() {
        let mut imp = importer(&["Voornaam", "E-mail", "Geboortedatum", "Soort", "BSN"]);
        let out = imp.process(&row(7, &["", "nope", "31-02-1990", "marsmannetje", "123"]));
        assert!(out.relation.is_none());
        let got: Vec<(Option<usize>, &str)> = out
            .problems
            .iter()
            .map(|p| (p.column, p.reason.key()))
            .collect();
        assert!(got.contains(&(Some(1), "import-invalid-email")), "{got:?}");
        assert!(
            got.contains(&(Some(2), "import-impossible-date")),
            "{got:?}"
        );
        assert!(got.contains(&(Some(3), "import-unknown-kind")), "{got:?}");
        assert!(got.contains(&(Some(4), "import-invalid-bsn")), "{got:?}");
        assert!(got.contains(&(None, "import-no-name")), "{got:?}");
        assert!(out.problems.iter().all(|p| p.row == 7));
        let p = out.problems.iter().find(|p| p.column == Some(1));
        assert_eq!(p.and_then(|p| p.header.as_deref()), Some("E-mail"));
        assert_eq!(p.and_then(Problem::column_letter).as_deref(), Some("B"));
        assert_eq!(
            p.map(ToString::to_string).as_deref(),
            Some("row 7, column B (E-mail): import-invalid-email")
        );
    }

    #[test]
    fn duplicates_point_at_the_first_row() {
        let mut imp = importer(&["Voornaam", "Achternaam", "E-mail", "Postcode"]);
        assert!(
            imp.process(&row(2, &["Eva", "Jansen", "eva@x.nl", "1234AB"]))
                .problems
                .is_empty()
        );
        let out = imp.process(&row(3, &["Eve", "J", "EVA@x.nl", ""]));
        assert_eq!(
            out.problems.iter().map(|p| p.reason).collect::<Vec<_>>(),
            vec![Reason::DuplicateEmail { first_row: 2 }]
        );
        assert!(out.relation.is_some());
        let out = imp.process(&row(4, &["eva", "jansen", "", "1234 ab"]));
        assert_eq!(
            out.problems.iter().map(|p| p.reason).collect::<Vec<_>>(),
            vec![Reason::DuplicateNamePostcode { first_row: 2 }]
        );
    }

    #[test]
    fn a_company_cannot_have_a_birth_date() {
        let mut imp = importer(&[
            "Soort relatie",
            "Party",
            "Bedrijfsnaam",
            "Geboortedatum",
            "Tags",
        ]);
        let out = imp.process(&row(
            2,
            &["leverancier", "bedrijf", "Acme", "01-01-1990", "a, b;c"],
        ));
        assert_eq!(
            out.problems.iter().map(|p| p.reason).collect::<Vec<_>>(),
            vec![Reason::FieldNotForParty]
        );
        let out = imp.process(&row(3, &["leverancier", "bedrijf", "Acme", "", "a, b;c"]));
        let r = out.relation.unwrap_or_else(|| panic!("{:?}", out.problems));
        assert_eq!(r.kind, RelationKind::SupplierContact);
        assert_eq!(r.tags.len(), 3);
    }
}
