//! Which column holds what: suggested from the header's words (Dutch and English, and the contact exports of
//! Moneybird and Exact), adjusted by the user, and saved as a preset that finds its columns again by header name.

use kluis_domain::relations::{Party, RelationField, RelationKind};
use serde::{Deserialize, Serialize};

/// What a column is imported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "target", content = "field")]
pub enum Target {
    /// A relation field. Several columns on one field are joined with a space in column order (Exact's
    /// `Tussenvoegsel` + `Achternaam`, a street + house number).
    Field(RelationField),
    /// A whole name in one cell (`Naam`): a company's name, or split into a person's given and family name. With
    /// given or family name columns beside it, it names the company the person is a contact of.
    Name,
    /// The relation kind (`klant`, `customer`, `leverancier`...).
    Kind,
    /// Person or company (`persoon`, `bedrijf`...).
    Party,
    /// Tags separated by `,` `;` or `|`.
    Tags,
    Notes,
    /// The source system's own id (`Relatiecode`, `customer_id`): kept on the row so a re-import can recognise it,
    /// never a relation field.
    Reference,
    Ignore,
}

/// One column of a mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMap {
    /// The header cell as the file has it (absent for a file without a header row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    pub target: Target,
}

/// A mapping from a file's columns (by position) to what they hold, plus defaults for what no column says. Saved
/// as a preset with serde.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// Whether the file's first row is a header (then it is not imported).
    pub has_header: bool,
    pub columns: Vec<ColumnMap>,
    /// The kind of rows without a kind column (or with an empty one).
    pub default_kind: RelationKind,
    /// The party of rows without a party column; `None` decides per row from the names present.
    #[serde(default)]
    pub default_party: Option<Party>,
    /// Tags every imported row gets (e.g. the file's name or `import-2026-03`).
    #[serde(default)]
    pub default_tags: Vec<String>,
}

impl Mapping {
    /// The target of column `index` (0-based); `Ignore` past the mapped columns.
    pub fn target(&self, index: usize) -> Target {
        self.columns.get(index).map_or(Target::Ignore, |c| c.target)
    }

    /// Whether some column gives a name (given, family, company or whole name): without one every row would be
    /// refused, which the preview should say before anything is imported.
    pub fn has_name_column(&self) -> bool {
        self.columns.iter().any(|c| {
            matches!(
                c.target,
                Target::Name
                    | Target::Field(
                        RelationField::GivenName
                            | RelationField::FamilyName
                            | RelationField::CompanyName
                    )
            )
        })
    }

    /// This mapping (a saved preset) laid over a file with `headers`: each column takes the preset's target of the
    /// column with the same header (compared without case, accents or punctuation), so a preset survives columns
    /// moved, added or removed; a header the preset does not know gets a suggestion.
    pub fn for_headers(&self, headers: &[String]) -> Mapping {
        let columns = headers
            .iter()
            .map(|h| {
                let key = compact(h);
                let target = self
                    .columns
                    .iter()
                    .find(|c| c.header.as_deref().is_some_and(|p| compact(p) == key))
                    .map_or_else(|| suggest_target(h), |c| c.target);
                ColumnMap {
                    header: Some(h.clone()),
                    target,
                }
            })
            .collect();
        Mapping {
            has_header: true,
            columns,
            ..self.clone()
        }
    }
}

/// A mapping suggested from a header row; the defaults are a customer, party decided per row.
pub fn suggest_mapping(headers: &[String]) -> Mapping {
    let mut columns: Vec<ColumnMap> = headers
        .iter()
        .map(|h| ColumnMap {
            header: Some(h.clone()),
            target: suggest_target(h),
        })
        .collect();
    // Exact's `Naam` beside `ContactpersoonVoornaam`: the account (company) the contact person belongs to.
    let person_names = columns.iter().any(|c| {
        matches!(
            c.target,
            Target::Field(RelationField::GivenName | RelationField::FamilyName)
        )
    });
    let company_column = columns
        .iter()
        .any(|c| c.target == Target::Field(RelationField::CompanyName));
    if person_names {
        for c in &mut columns {
            if c.target == Target::Name {
                c.target = if company_column {
                    Target::Ignore
                } else {
                    Target::Field(RelationField::CompanyName)
                };
            }
        }
    }
    Mapping {
        has_header: true,
        columns,
        default_kind: RelationKind::Customer,
        default_party: None,
        default_tags: Vec::new(),
    }
}

/// A mapping for a file without a header row, guessed from sample rows: a column where most filled cells are
/// e-mail addresses is the e-mail, likewise phone numbers, postcodes, dates (taken for birth dates) and IBANs; the
/// rest is left to the user (`Ignore`), since a name cannot be told from a city by its looks.
pub fn suggest_from_values(samples: &[Vec<String>]) -> Mapping {
    use crate::validate::{
        Country, normalize_date, normalize_email, normalize_iban, normalize_phone,
        normalize_postcode,
    };
    let width = samples.iter().map(Vec::len).max().unwrap_or(0);
    type Looks = fn(&str) -> bool;
    let tests: [(RelationField, Looks); 5] = [
        (RelationField::Email, |v| normalize_email(v).is_some()),
        (RelationField::Iban, |v| normalize_iban(v).is_some()),
        (RelationField::Postcode, |v| {
            normalize_postcode(v, Country::Unknown).is_some()
        }),
        (RelationField::DateOfBirth, |v| normalize_date(v).is_ok()),
        (RelationField::Phone, |v| {
            normalize_phone(v, Country::Unknown).is_some()
        }),
    ];
    let mut taken: Vec<RelationField> = Vec::new();
    let columns = (0..width)
        .map(|c| {
            let values: Vec<&str> = samples
                .iter()
                .filter_map(|r| r.get(c))
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .collect();
            let target = tests
                .iter()
                .find(|(f, ok)| {
                    !taken.contains(f)
                        && !values.is_empty()
                        && values.iter().filter(|v| ok(v)).count() * 5 >= values.len() * 4
                })
                .map_or(Target::Ignore, |(f, _)| {
                    taken.push(*f);
                    Target::Field(*f)
                });
            ColumnMap {
                header: None,
                target,
            }
        })
        .collect();
    Mapping {
        has_header: false,
        columns,
        default_kind: RelationKind::Customer,
        default_party: None,
        default_tags: Vec::new(),
    }
}

/// Whether a first row is a header rather than data: most of its filled cells are words a header is made of (a
/// known column name, or text without digits, `@` or long numbers).
pub fn looks_like_header(cells: &[String]) -> bool {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
    if filled.is_empty() {
        return false;
    }
    let known = filled
        .iter()
        .filter(|c| suggest_target(c) != Target::Ignore)
        .count();
    let datalike = filled
        .iter()
        .filter(|c| c.contains('@') || c.chars().filter(char::is_ascii_digit).count() >= 4)
        .count();
    known * 2 >= filled.len() || (datalike == 0 && known > 0)
}

/// The words a header is recognised by, per target. Each is compared with the header folded to lowercase letters
/// and digits (`E-Mail` → `email`, `Postcode` → `postcode`): equal, or as the last part of a Dutch compound
/// (`woonplaats`, `contactpersoonvoornaam`), or as one word of the header (`E-mail adres`). Longer words are tried
/// first, so `bedrijfsnaam` is a company and not a name.
///
/// Moneybird's contact fields (`company_name`, `firstname`, `lastname`, `address1`, `address2`, `zipcode`, `city`,
/// `country`, `email`, `phone`, `customer_id`, `tax_number`, `chamber_of_commerce`, `sepa_iban`, ...) and Exact's
/// relation export headers (`Relatiecode`, `Naam`, `Adres1`, `Postcode`, `Plaats`, `Land`, `E-Mail`, `Telefoon`,
/// `ContactpersoonVoornaam`, `Tussenvoegsel`, `Achternaam`) are from ../shared/interop/README.md, which lists them
/// from those apps' contact exports; they are covered by the words below, not matched as exact headers.
const WORDS: &[(&str, Target)] = {
    use RelationField as F;
    use Target::{Field, Ignore, Kind, Name, Notes, Party, Reference, Tags};
    &[
        // Things that contain a field's word but are not that field (Moneybird's account holder name of the
        // IBAN, its e-invoicing flags).
        ("accountname", Ignore),
        ("tenaamstelling", Ignore),
        ("ibanaccountname", Ignore),
        ("emailubl", Ignore),
        ("ubl", Ignore),
        ("bic", Ignore),
        ("swift", Ignore),
        ("sendinvoicesto", Ignore),
        ("sendestimatesto", Ignore),
        ("deliverymethod", Ignore),
        ("aanhef", Ignore),
        ("salutation", Ignore),
        ("voorletters", Ignore),
        ("initials", Ignore),
        ("createdat", Ignore),
        ("updatedat", Ignore),
        ("website", Ignore),
        ("fax", Ignore),
        // Given name.
        ("voornaam", Field(F::GivenName)),
        ("voornamen", Field(F::GivenName)),
        ("roepnaam", Field(F::GivenName)),
        ("firstname", Field(F::GivenName)),
        ("givenname", Field(F::GivenName)),
        ("forename", Field(F::GivenName)),
        ("prenom", Field(F::GivenName)),
        // Family name, its Dutch prefix joined in front.
        ("achternaam", Field(F::FamilyName)),
        ("familienaam", Field(F::FamilyName)),
        ("geslachtsnaam", Field(F::FamilyName)),
        ("tussenvoegsel", Field(F::FamilyName)),
        ("tussenvoegsels", Field(F::FamilyName)),
        ("lastname", Field(F::FamilyName)),
        ("familyname", Field(F::FamilyName)),
        ("surname", Field(F::FamilyName)),
        ("nom", Field(F::FamilyName)),
        // Company.
        ("bedrijfsnaam", Field(F::CompanyName)),
        ("bedrijf", Field(F::CompanyName)),
        ("firmanaam", Field(F::CompanyName)),
        ("firma", Field(F::CompanyName)),
        ("organisatie", Field(F::CompanyName)),
        ("organisatienaam", Field(F::CompanyName)),
        ("onderneming", Field(F::CompanyName)),
        ("handelsnaam", Field(F::CompanyName)),
        ("werkgever", Field(F::CompanyName)),
        ("company", Field(F::CompanyName)),
        ("companyname", Field(F::CompanyName)),
        ("organization", Field(F::CompanyName)),
        ("organisation", Field(F::CompanyName)),
        ("tradename", Field(F::CompanyName)),
        ("employer", Field(F::CompanyName)),
        // A whole name.
        ("naam", Name),
        ("name", Name),
        ("volledigenaam", Name),
        ("fullname", Name),
        ("contactnaam", Name),
        ("contactpersoon", Name),
        ("displayname", Name),
        ("relatienaam", Name),
        // Contact.
        ("email", Field(F::Email)),
        ("emailadres", Field(F::Email)),
        ("mail", Field(F::Email)),
        ("mailadres", Field(F::Email)),
        ("emailaddress", Field(F::Email)),
        ("courriel", Field(F::Email)),
        ("telefoon", Field(F::Phone)),
        ("telefoonnummer", Field(F::Phone)),
        ("telefoonnr", Field(F::Phone)),
        ("tel", Field(F::Phone)),
        ("telnr", Field(F::Phone)),
        ("mobiel", Field(F::Phone)),
        ("mobielnummer", Field(F::Phone)),
        ("gsm", Field(F::Phone)),
        ("phone", Field(F::Phone)),
        ("phonenumber", Field(F::Phone)),
        ("mobile", Field(F::Phone)),
        ("telephone", Field(F::Phone)),
        // Address.
        ("adres", Field(F::Street)),
        ("adres1", Field(F::Street)),
        ("adres2", Field(F::Street)),
        ("straat", Field(F::Street)),
        ("straatnaam", Field(F::Street)),
        ("huisnummer", Field(F::Street)),
        ("huisnr", Field(F::Street)),
        ("toevoeging", Field(F::Street)),
        ("huisnummertoevoeging", Field(F::Street)),
        ("address", Field(F::Street)),
        ("address1", Field(F::Street)),
        ("address2", Field(F::Street)),
        ("street", Field(F::Street)),
        ("housenumber", Field(F::Street)),
        ("postcode", Field(F::Postcode)),
        ("zipcode", Field(F::Postcode)),
        ("zip", Field(F::Postcode)),
        ("postalcode", Field(F::Postcode)),
        ("codepostal", Field(F::Postcode)),
        ("plaats", Field(F::City)),
        ("woonplaats", Field(F::City)),
        ("vestigingsplaats", Field(F::City)),
        ("stad", Field(F::City)),
        ("gemeente", Field(F::City)),
        ("city", Field(F::City)),
        ("town", Field(F::City)),
        ("ville", Field(F::City)),
        ("land", Field(F::Country)),
        ("landcode", Field(F::Country)),
        ("country", Field(F::Country)),
        ("countrycode", Field(F::Country)),
        ("pays", Field(F::Country)),
        // Person.
        ("geboortedatum", Field(F::DateOfBirth)),
        ("geboren", Field(F::DateOfBirth)),
        ("dateofbirth", Field(F::DateOfBirth)),
        ("birthdate", Field(F::DateOfBirth)),
        ("birthday", Field(F::DateOfBirth)),
        ("dob", Field(F::DateOfBirth)),
        ("geslacht", Field(F::Gender)),
        ("gender", Field(F::Gender)),
        ("sex", Field(F::Gender)),
        ("nationaliteit", Field(F::Nationality)),
        ("nationality", Field(F::Nationality)),
        ("taal", Field(F::Language)),
        ("voertaal", Field(F::Language)),
        ("language", Field(F::Language)),
        ("functie", Field(F::JobTitle)),
        ("functietitel", Field(F::JobTitle)),
        ("jobtitle", Field(F::JobTitle)),
        ("position", Field(F::JobTitle)),
        // Registration numbers.
        ("kvk", Field(F::RegistrationNumber)),
        ("kvknummer", Field(F::RegistrationNumber)),
        ("kvknr", Field(F::RegistrationNumber)),
        ("chamberofcommerce", Field(F::RegistrationNumber)),
        ("coc", Field(F::RegistrationNumber)),
        ("cocnumber", Field(F::RegistrationNumber)),
        ("kbo", Field(F::RegistrationNumber)),
        ("kbonummer", Field(F::RegistrationNumber)),
        ("ondernemingsnummer", Field(F::RegistrationNumber)),
        ("registrationnumber", Field(F::RegistrationNumber)),
        ("btw", Field(F::VatNumber)),
        ("btwnummer", Field(F::VatNumber)),
        ("btwnr", Field(F::VatNumber)),
        ("btwid", Field(F::VatNumber)),
        ("vat", Field(F::VatNumber)),
        ("vatnumber", Field(F::VatNumber)),
        ("taxnumber", Field(F::VatNumber)),
        ("iban", Field(F::Iban)),
        ("sepaiban", Field(F::Iban)),
        ("rekeningnummer", Field(F::Iban)),
        ("bankrekening", Field(F::Iban)),
        ("bankrekeningnummer", Field(F::Iban)),
        ("bankaccount", Field(F::Iban)),
        ("bsn", Field(F::Bsn)),
        ("burgerservicenummer", Field(F::Bsn)),
        ("sofinummer", Field(F::Bsn)),
        ("rijksregisternummer", Field(F::BeNationalNumber)),
        ("rijksregister", Field(F::BeNationalNumber)),
        ("insz", Field(F::BeNationalNumber)),
        ("nationalnumber", Field(F::BeNationalNumber)),
        ("benationalnumber", Field(F::BeNationalNumber)),
        ("ziekmelding", Field(F::SickLeave)),
        ("verzuim", Field(F::SickLeave)),
        ("sickleave", Field(F::SickLeave)),
        ("gezondheid", Field(F::Health)),
        ("health", Field(F::Health)),
        // The row's kind and party.
        ("soort", Kind),
        ("relatiesoort", Kind),
        ("relatietype", Kind),
        ("type", Kind),
        ("kind", Kind),
        ("party", Party),
        ("persoonofbedrijf", Party),
        ("personorcompany", Party),
        // Tags and notes.
        ("tags", Tags),
        ("tag", Tags),
        ("labels", Tags),
        ("label", Tags),
        ("groep", Tags),
        ("groepen", Tags),
        ("kenmerken", Tags),
        ("notities", Notes),
        ("notitie", Notes),
        ("opmerkingen", Notes),
        ("opmerking", Notes),
        ("toelichting", Notes),
        ("memo", Notes),
        ("notes", Notes),
        ("note", Notes),
        ("comments", Notes),
        // The source's own id.
        ("relatiecode", Reference),
        ("relatienummer", Reference),
        ("klantnummer", Reference),
        ("klantcode", Reference),
        ("debiteurnummer", Reference),
        ("debiteur", Reference),
        ("customerid", Reference),
        ("customernumber", Reference),
        ("contactid", Reference),
        ("reference", Reference),
        ("referentie", Reference),
        ("id", Reference),
    ]
};

/// The suggested target of one header cell.
pub fn suggest_target(header: &str) -> Target {
    let key = compact(header);
    if key.is_empty() {
        return Target::Ignore;
    }
    // Kluis's own export headers are the fields' keys (`given_name`).
    if let Some(f) = RelationField::ALL
        .iter()
        .find(|f| compact(f.as_str()) == key)
    {
        return Target::Field(*f);
    }
    if let Some((_, t)) = WORDS.iter().find(|(w, _)| *w == key) {
        return *t;
    }
    let words: Vec<String> = header
        .split(|c: char| !c.is_alphanumeric())
        .map(compact)
        .filter(|w| !w.is_empty())
        .collect();
    let mut by_length: Vec<&(&str, Target)> = WORDS.iter().collect();
    by_length.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    by_length
        .into_iter()
        // Short words only as a whole word: `tel` is no part of `hotel`.
        .find(|(w, _)| words.iter().any(|x| x == w) || (w.len() >= 4 && key.ends_with(w)))
        .map_or(Target::Ignore, |(_, t)| *t)
}

/// A header folded for comparison: lowercase letters and digits, accents dropped.
fn compact(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ÿ' | 'ý' => 'y',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RelationField as F;

    fn targets(headers: &[&str]) -> Vec<Target> {
        let h: Vec<String> = headers.iter().map(|s| (*s).to_owned()).collect();
        suggest_mapping(&h)
            .columns
            .into_iter()
            .map(|c| c.target)
            .collect()
    }

    #[test]
    fn dutch_and_english_spreadsheet_headers() {
        assert_eq!(
            targets(&[
                "Voornaam",
                "Achternaam",
                "E-mailadres",
                "Telefoonnummer",
                "Straat",
                "Huisnummer",
                "Postcode",
                "Woonplaats",
                "Geboortedatum",
                "Opmerkingen",
                "Bedrijfsnaam",
                "Iets anders",
            ]),
            vec![
                Target::Field(F::GivenName),
                Target::Field(F::FamilyName),
                Target::Field(F::Email),
                Target::Field(F::Phone),
                Target::Field(F::Street),
                Target::Field(F::Street),
                Target::Field(F::Postcode),
                Target::Field(F::City),
                Target::Field(F::DateOfBirth),
                Target::Notes,
                Target::Field(F::CompanyName),
                Target::Ignore,
            ]
        );
        assert_eq!(
            targets(&[
                "First name",
                "Last Name",
                "E-mail address",
                "Mobile phone",
                "ZIP",
                "Date of birth",
                "Tags",
                "Hotel"
            ]),
            vec![
                Target::Field(F::GivenName),
                Target::Field(F::FamilyName),
                Target::Field(F::Email),
                Target::Field(F::Phone),
                Target::Field(F::Postcode),
                Target::Field(F::DateOfBirth),
                Target::Tags,
                Target::Ignore,
            ]
        );
    }

    #[test]
    fn moneybird_contact_export() {
        assert_eq!(
            targets(&[
                "company_name",
                "firstname",
                "lastname",
                "address1",
                "address2",
                "zipcode",
                "city",
                "country",
                "email",
                "phone",
                "customer_id",
                "tax_number",
                "chamber_of_commerce",
                "sepa_iban",
                "sepa_iban_account_name",
                "sepa_bic",
            ]),
            vec![
                Target::Field(F::CompanyName),
                Target::Field(F::GivenName),
                Target::Field(F::FamilyName),
                Target::Field(F::Street),
                Target::Field(F::Street),
                Target::Field(F::Postcode),
                Target::Field(F::City),
                Target::Field(F::Country),
                Target::Field(F::Email),
                Target::Field(F::Phone),
                Target::Reference,
                Target::Field(F::VatNumber),
                Target::Field(F::RegistrationNumber),
                Target::Field(F::Iban),
                Target::Ignore,
                Target::Ignore,
            ]
        );
    }

    #[test]
    fn exact_relation_export() {
        assert_eq!(
            targets(&[
                "Relatiecode",
                "Naam",
                "Adres1",
                "Postcode",
                "Plaats",
                "Land",
                "E-Mail",
                "Telefoon",
                "ContactpersoonVoornaam",
                "Tussenvoegsel",
                "Achternaam",
            ]),
            vec![
                Target::Reference,
                Target::Field(F::CompanyName),
                Target::Field(F::Street),
                Target::Field(F::Postcode),
                Target::Field(F::City),
                Target::Field(F::Country),
                Target::Field(F::Email),
                Target::Field(F::Phone),
                Target::Field(F::GivenName),
                Target::Field(F::FamilyName),
                Target::Field(F::FamilyName),
            ]
        );
        // Without contact-person columns `Naam` is the relation's own name.
        assert_eq!(targets(&["Naam", "E-Mail"])[0], Target::Name);
    }

    #[test]
    fn kluis_export_headers_map_back() {
        for f in RelationField::ALL {
            assert_eq!(suggest_target(f.as_str()), Target::Field(*f), "{f}");
        }
    }

    #[test]
    fn presets_round_trip_and_follow_moved_columns() {
        let h = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let mut preset = suggest_mapping(&h(&["Naam", "Mail", "Klantsoort"]));
        preset.columns[2].target = Target::Kind;
        preset.default_kind = RelationKind::Prospect;
        let json = serde_json::to_string(&preset).unwrap_or_default();
        let back: Mapping = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
        assert_eq!(back, preset);
        let moved = back.for_headers(&h(&["klantsoort", "Extra", "MAIL"]));
        assert_eq!(
            moved.columns.iter().map(|c| c.target).collect::<Vec<_>>(),
            vec![Target::Kind, Target::Ignore, Target::Field(F::Email)]
        );
        assert_eq!(moved.default_kind, RelationKind::Prospect);
    }

    #[test]
    fn a_file_without_header_is_guessed_from_its_values() {
        let rows: Vec<Vec<String>> = [
            [
                "Eva Jansen",
                "eva@example.nl",
                "06-12345678",
                "1234 AB",
                "12-05-1984",
                "x",
            ],
            [
                "Piet Smit",
                "piet@example.nl",
                "020 123 4567",
                "1000",
                "1-1-1970",
                "",
            ],
            ["Kees", "kees@example.nl", "", "9999XX", "2000-02-29", "y"],
        ]
        .iter()
        .map(|r| r.iter().map(|s| (*s).to_owned()).collect())
        .collect();
        let m = suggest_from_values(&rows);
        assert!(!m.has_header);
        assert!(!m.has_name_column());
        assert_eq!(
            m.columns.iter().map(|c| c.target).collect::<Vec<_>>(),
            vec![
                Target::Ignore,
                Target::Field(F::Email),
                Target::Field(F::Phone),
                Target::Field(F::Postcode),
                Target::Field(F::DateOfBirth),
                Target::Ignore,
            ]
        );
    }

    #[test]
    fn header_rows_are_told_from_data() {
        let h = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(looks_like_header(&h(&["Naam", "E-mail", "Telefoon"])));
        assert!(looks_like_header(&h(&["Klant", "Contact", "Email"])));
        assert!(!looks_like_header(&h(&[
            "Eva Jansen",
            "eva@example.nl",
            "0612345678"
        ])));
        assert!(!looks_like_header(&h(&["", ""])));
    }
}
