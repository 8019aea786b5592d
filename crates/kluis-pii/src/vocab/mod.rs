//! The detector's vocabulary: every keyword, cue and special-category term, in Dutch, French and English.
//!
//! To teach the detector a word, add it to one of the lists in this module's files; nothing else needs to
//! change (the lexicon compiles the lists into its matcher and the keyword gate at start-up). How an entry is
//! written:
//! - lowercase; matching ignores ASCII and Latin-1 case;
//! - a trailing `*` makes it a stem: the word may run on ("ziekmeld*" → "ziekmelding");
//! - a trailing `~` (special-category terms) marks weak evidence: a category then needs two different weak
//!   terms, or one said of a person;
//! - several words match across single blanks ("onder behandeling").
//!
//! Files: [`context`] (identifier context words, name and address cues, document-class cues, street affixes),
//! [`names`] (name cues: particles, stop words, labels, greetings, closings), [`person`] (what ties a sentence to
//! one person or to anyone), [`special`] (GDPR Art. 9 and 10 terms, compound heads and body parts, unions, religious bodies, parties).

pub(crate) mod context;
pub(crate) mod names;
pub(crate) mod person;
pub(crate) mod special;

use kluis_domain::{DocumentClass as C, SpecialCategory as S};

/// What a keyword tells about its surroundings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kw {
    /// Announces a BSN (Purview's Dutch national-id keywords, plus French/English).
    Bsn,
    /// Announces a number that is not a personal identifier (invoice, order, article numbers).
    OtherNumber,
    Kvk,
    Dob,
    BeNn,
    IdDoc,
    Licence,
    Card,
    Vat,
    Plate,
    /// A label whose value is a name when a colon follows ("Naam:", "Werknemer:", "From:").
    NameLabel,
    /// A title or salutation directly before a name ("de heer", "Beste", "t.a.v.").
    NameTitle,
    /// A list of people follows on the same line ("Aanwezig:", "Deelnemers:").
    NameList,
    /// A name follows, possibly on the next line ("Met vriendelijke groet,", "Factuur aan:").
    NameNextLine,
    /// A name in capitals may follow (ID document fields).
    NameUpper,
    /// An address follows ("Adres:", "wonende te").
    AddressCue,
    /// Starts a street name ("Rue", "Avenue", "Laan van").
    StreetPrefix,
    /// Evidence for a document class, with a weight.
    Class(C, u8),
    /// A special-category term; `true` when the term is weak evidence on its own ("huisarts", "katholiek",
    /// "FNV" may be a school, a street or a company): a category then needs two distinct weak terms.
    Special(S, bool),
    /// A term that is special only beside a membership word (party acronyms).
    Party,
    /// A union or religious body: strong beside a membership word ("lid van de FNV", "Ledenlijst Moskee …"),
    /// weak otherwise (a street, a school or a supplier may carry the name).
    Member(S),
}

/// How the match must sit in the text: whole word, or allowed to run on into a longer word.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub kw: Kw,
    /// The match may be followed by more letters (a stem: "ziekmeld" → "ziekmelding").
    pub stem: bool,
}
