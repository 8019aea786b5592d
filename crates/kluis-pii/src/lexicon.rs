//! The keyword lexicon: context words for identifiers, name and address cues, document-class cues and
//! special-category terms, in Dutch, French and English, compiled into one ASCII-case-insensitive automaton.

use kluis_domain::{DocumentClass as C, SpecialCategory as S};
use std::collections::HashMap;

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

pub(crate) const SUFFIX: &[&str] = &[
    "straat",
    "laan",
    "weg",
    "plein",
    "pad",
    "hof",
    "dreef",
    "singel",
    "steeg",
    "boulevard",
    "ring",
    "kade",
    "gracht",
    "dijk",
    "baan",
    "markt",
    "dam",
    "plantsoen",
    "wal",
    "haven",
    "steenweg",
    "hoven",
    "erf",
    "dwarsstraat",
    "straatje",
    "laantje",
    "park",
    "veld",
    "burg",
    "berg",
    "stede",
    "kwartier",
    "zijde",
    "akker",
    "wijk",
    "oord",
    "poort",
    "brug",
    "gang",
    "lei",
    "dries",
    "vest",
    "kaai",
    "lindenlaan",
    "driesch",
    "plaats",
    "houf",
    "weide",
    "hoek",
    "heuvel",
    "heide",
    // Less usual heads, Dutch and Flemish ("Lindenhout", "Heidedonk", "Wilgenwende").
    "hout",
    "donk",
    "wende",
    "rade",
    "zoom",
    "gaarde",
    "horst",
    "meent",
    "kamp",
    "brink",
    "hoeve",
    "kouter",
    "beemd",
    "hage",
    "wei",
];

const PREFIX: &[&str] = &[
    "rue",
    "avenue",
    "av.",
    "chaussée",
    "chaussee",
    "place",
    "boulevard",
    "bd",
    "quai",
    "square",
    "allée",
    "allee",
    "drève",
    "dreve",
    "chemin",
    "impasse",
    "route",
    "clos",
    "laan van",
    "hof van",
    "straatweg",
    "sentier",
    "rempart",
];

#[rustfmt::skip]
const TABLE: &[(&str, Kw)] = &[
    // BSN / national id (Purview's list, plus short forms)
    ("bsn", Kw::Bsn), ("bsn-nummer", Kw::Bsn), ("bsn nummer", Kw::Bsn), ("burgerservicenummer", Kw::Bsn),
    ("burgerservice nummer", Kw::Bsn), ("sofinummer", Kw::Bsn), ("sofi-nummer", Kw::Bsn), ("sofi", Kw::Bsn),
    ("persoonsnummer", Kw::Bsn), ("personal no", Kw::Bsn), ("personal number", Kw::Bsn),
    ("persoonlijk nummer", Kw::Bsn), ("citizen service number", Kw::Bsn), ("sociaal-fiscaal nummer", Kw::Bsn),
    ("fiscaal nummer", Kw::Bsn), ("identificatienummer", Kw::Bsn), ("person number", Kw::Bsn),
    ("numéro bsn", Kw::Bsn), ("numero bsn", Kw::Bsn),
    // numbers that are not personal
    ("factuurnummer", Kw::OtherNumber), ("factuurnr", Kw::OtherNumber), ("factuur nr", Kw::OtherNumber),
    ("ordernummer", Kw::OtherNumber), ("ordernr", Kw::OtherNumber), ("bestelnummer", Kw::OtherNumber),
    ("artikelnummer", Kw::OtherNumber), ("artikelnr", Kw::OtherNumber), ("klantnummer", Kw::OtherNumber),
    ("klantnr", Kw::OtherNumber), ("debiteurnummer", Kw::OtherNumber), ("referentie", Kw::OtherNumber),
    ("kenmerk", Kw::OtherNumber), ("dossiernummer", Kw::OtherNumber), ("polisnummer", Kw::OtherNumber),
    ("personeelsnummer", Kw::OtherNumber), ("contractnummer", Kw::OtherNumber), ("projectnummer", Kw::OtherNumber),
    ("zaaknummer", Kw::OtherNumber), ("volgnummer", Kw::OtherNumber), ("betalingskenmerk", Kw::OtherNumber),
    ("invoice number", Kw::OtherNumber), ("invoice no", Kw::OtherNumber), ("order number", Kw::OtherNumber),
    ("order no", Kw::OtherNumber), ("reference", Kw::OtherNumber), ("numéro de facture", Kw::OtherNumber),
    ("numéro de commande", Kw::OtherNumber), ("référence", Kw::OtherNumber), ("ticketnummer", Kw::OtherNumber),
    ("trackingnummer", Kw::OtherNumber), ("zendingnummer", Kw::OtherNumber), ("ean", Kw::OtherNumber),
    ("sku", Kw::OtherNumber), ("rekeningnummer", Kw::OtherNumber),
    // A bare "nr." / "n°" after a noun ("Certificaat nr. 0127937291"); after a phone word it is the phone's label
    // (see `Scan::labelled_other`).
    ("nr", Kw::OtherNumber), ("nr.", Kw::OtherNumber), ("n°", Kw::OtherNumber), ("no.", Kw::OtherNumber),
    // KvK
    ("kvk", Kw::Kvk), ("kvk-nummer", Kw::Kvk), ("kvk-nr", Kw::Kvk), ("kvk nr", Kw::Kvk), ("kvknummer", Kw::Kvk),
    ("k.v.k.", Kw::Kvk), ("kamer van koophandel", Kw::Kvk), ("handelsregister", Kw::Kvk),
    ("chamber of commerce", Kw::Kvk), ("coc", Kw::Kvk), ("kvk-inschrijving", Kw::Kvk),
    // date of birth
    ("geboortedatum", Kw::Dob), ("geb.", Kw::Dob), ("geb", Kw::Dob), ("geboren", Kw::Dob), ("geboren op", Kw::Dob),
    ("datum van geboorte", Kw::Dob), ("geboorteplaats", Kw::Dob),
    ("date de naissance", Kw::Dob), ("né le", Kw::Dob), ("née le", Kw::Dob), ("né(e) le", Kw::Dob),
    ("date of birth", Kw::Dob), ("birth date", Kw::Dob), ("birthdate", Kw::Dob), ("born", Kw::Dob),
    ("born on", Kw::Dob), ("dob", Kw::Dob), ("d.o.b.", Kw::Dob), ("geboortedag", Kw::Dob), ("naissance", Kw::Dob),
    ("geburtsdatum", Kw::Dob), ("°", Kw::Dob), ("geb. op", Kw::Dob), ("verjaardag", Kw::Dob),
    // Belgian national number
    ("rijksregisternummer", Kw::BeNn), ("rijksregister", Kw::BeNn), ("rijksregisternr", Kw::BeNn),
    ("registre national", Kw::BeNn), ("numéro de registre national", Kw::BeNn), ("numéro national", Kw::BeNn),
    ("insz", Kw::BeNn), ("insz-nummer", Kw::BeNn), ("niss", Kw::BeNn), ("bis-nummer", Kw::BeNn),
    ("bisnummer", Kw::BeNn), ("national number", Kw::BeNn), ("national register", Kw::BeNn),
    ("nationaal nummer", Kw::BeNn), ("identificatienummer van het rijksregister", Kw::BeNn),
    // ID documents
    ("documentnummer", Kw::IdDoc), ("document no", Kw::IdDoc), ("document number", Kw::IdDoc),
    ("documentnr", Kw::IdDoc), ("paspoortnummer", Kw::IdDoc), ("paspoort", Kw::IdDoc), ("passport", Kw::IdDoc),
    ("passeport", Kw::IdDoc), ("identiteitskaart", Kw::IdDoc), ("identiteitskaartnummer", Kw::IdDoc),
    ("id-kaart", Kw::IdDoc), ("id-kaartnummer", Kw::IdDoc), ("kaartnummer", Kw::IdDoc),
    ("numéro de carte", Kw::IdDoc), ("carte d'identité", Kw::IdDoc), ("identity card", Kw::IdDoc),
    ("id card", Kw::IdDoc), ("eid", Kw::IdDoc), ("identiteitsbewijs", Kw::IdDoc), ("passport no", Kw::IdDoc),
    ("n° de document", Kw::IdDoc), ("numéro de document", Kw::IdDoc), ("verblijfsvergunning", Kw::IdDoc),
    // driving licence
    ("rijbewijs", Kw::Licence), ("rijbewijsnummer", Kw::Licence), ("rijbewijsnr", Kw::Licence),
    ("permis de conduire", Kw::Licence), ("driving licence", Kw::Licence), ("driving license", Kw::Licence),
    ("driver's license", Kw::Licence), ("drivers license", Kw::Licence), ("führerschein", Kw::Licence),
    ("numéro de permis", Kw::Licence),
    // payment cards
    ("creditcard", Kw::Card), ("credit card", Kw::Card), ("creditcardnummer", Kw::Card), ("kaartnummer", Kw::Card),
    ("visa", Kw::Card), ("mastercard", Kw::Card), ("maestro", Kw::Card), ("american express", Kw::Card),
    ("amex", Kw::Card), ("carte bancaire", Kw::Card), ("carte de crédit", Kw::Card), ("card number", Kw::Card),
    ("betaalkaart", Kw::Card), ("bankpas", Kw::Card),
    // VAT
    ("btw", Kw::Vat), ("btw-nummer", Kw::Vat), ("btw-id", Kw::Vat), ("btw nr", Kw::Vat), ("btw-nr", Kw::Vat),
    ("btw-identificatienummer", Kw::Vat), ("vat", Kw::Vat), ("vat number", Kw::Vat), ("tva", Kw::Vat),
    ("ondernemingsnummer", Kw::Vat), ("numéro d'entreprise", Kw::Vat), ("kbo", Kw::Vat),
    ("omzetbelastingnummer", Kw::Vat), ("n° tva", Kw::Vat), ("ust-idnr", Kw::Vat),
    // plates
    ("kenteken", Kw::Plate), ("kentekenplaat", Kw::Plate), ("nummerplaat", Kw::Plate), ("plaque", Kw::Plate),
    ("license plate", Kw::Plate), ("licence plate", Kw::Plate), ("registration", Kw::Plate),
    // names
    ("naam:", Kw::NameLabel),
    ("name:", Kw::NameLabel),
    ("nom:", Kw::NameLabel),
    ("volledige naam:", Kw::NameLabel),
    ("full name:", Kw::NameLabel),
    ("nom complet:", Kw::NameLabel),
    ("werknemer:", Kw::NameLabel),
    ("medewerker:", Kw::NameLabel),
    ("werkgever:", Kw::NameLabel),
    ("contactpersoon:", Kw::NameLabel),
    ("contact:", Kw::NameLabel),
    ("klant:", Kw::NameLabel),
    ("patiënt:", Kw::NameLabel),
    ("patient:", Kw::NameLabel),
    ("cliënt:", Kw::NameLabel),
    ("client:", Kw::NameLabel),
    ("kandidaat:", Kw::NameLabel),
    ("sollicitant:", Kw::NameLabel),
    ("huurder:", Kw::NameLabel),
    ("verhuurder:", Kw::NameLabel),
    ("verzekerde:", Kw::NameLabel),
    ("aanvrager:", Kw::NameLabel),
    ("employee:", Kw::NameLabel),
    ("employé:", Kw::NameLabel),
    ("travailleur:", Kw::NameLabel),
    ("ondergetekende:", Kw::NameLabel),
    ("behandelaar:", Kw::NameLabel),
    ("getekend:", Kw::NameLabel),
    ("handtekening:", Kw::NameLabel),
    ("signature:", Kw::NameLabel),
    ("from:", Kw::NameLabel),
    ("to:", Kw::NameLabel),
    ("cc:", Kw::NameLabel),
    ("van:", Kw::NameLabel),
    ("aan:", Kw::NameLabel),
    ("de:", Kw::NameLabel),
    ("à:", Kw::NameLabel),
    ("door:", Kw::NameLabel),
    ("verzender:", Kw::NameLabel),
    ("afzender:", Kw::NameLabel),
    ("ontvanger:", Kw::NameLabel),
    ("naam klant:", Kw::NameLabel),
    ("klantnaam:", Kw::NameLabel),
    ("naam werknemer:", Kw::NameLabel),
    ("naam medewerker:", Kw::NameLabel),
    ("deelnemer:", Kw::NameLabel),
    ("student:", Kw::NameLabel),
    ("leerling:", Kw::NameLabel),
    ("gast:", Kw::NameLabel),
    ("bestuurder:", Kw::NameLabel),
    ("eigenaar:", Kw::NameLabel),
    ("debiteur:", Kw::NameLabel),
    ("opdrachtgever:", Kw::NameLabel),
    ("betreft:", Kw::NameLabel),
    ("concerne:", Kw::NameLabel),
    ("intern begeleider:", Kw::NameLabel),
    ("élève:", Kw::NameLabel),
    ("assuré:", Kw::NameLabel),
    ("policyholder:", Kw::NameLabel),
    ("ouder:", Kw::NameLabel),
    ("partner:", Kw::NameLabel),
    ("nom et prénom:", Kw::NameLabel),
    ("voor en achternaam:", Kw::NameLabel),
    ("naam en voornaam:", Kw::NameLabel),
    ("de ouders van", Kw::NameTitle),
    ("parents de", Kw::NameTitle),
    ("t.a.v.", Kw::NameTitle),
    ("t.a.v", Kw::NameTitle),
    ("tav", Kw::NameTitle),
    ("ter attentie van", Kw::NameTitle),
    ("attn", Kw::NameTitle),
    ("à l'attention de", Kw::NameTitle),
    ("beste", Kw::NameTitle),
    ("geachte", Kw::NameTitle),
    ("geachte heer", Kw::NameTitle),
    ("geachte mevrouw", Kw::NameTitle),
    ("lieve", Kw::NameTitle),
    ("hallo", Kw::NameTitle),
    ("hoi", Kw::NameTitle),
    ("dear", Kw::NameTitle),
    ("hello", Kw::NameTitle),
    ("cher", Kw::NameTitle),
    ("chère", Kw::NameTitle),
    ("bonjour", Kw::NameTitle),
    ("de heer", Kw::NameTitle),
    ("heer", Kw::NameTitle),
    ("mevrouw", Kw::NameTitle),
    ("dhr", Kw::NameTitle),
    ("dhr.", Kw::NameTitle),
    ("mw.", Kw::NameTitle),
    ("mw", Kw::NameTitle),
    ("mevr.", Kw::NameTitle),
    ("mevr", Kw::NameTitle),
    ("mr.", Kw::NameTitle),
    ("mrs.", Kw::NameTitle),
    ("ms.", Kw::NameTitle),
    ("dr.", Kw::NameTitle),
    ("dr", Kw::NameTitle),
    ("certify that", Kw::NameTitle),
    ("certifie que", Kw::NameTitle),
    ("drs.", Kw::NameTitle),
    ("ir.", Kw::NameTitle),
    ("ing.", Kw::NameTitle),
    ("prof.", Kw::NameTitle),
    ("madame", Kw::NameTitle),
    ("monsieur", Kw::NameTitle),
    ("mme", Kw::NameTitle),
    ("mme.", Kw::NameTitle),
    ("mlle", Kw::NameTitle),
    ("docteur", Kw::NameTitle),
    ("dokter", Kw::NameTitle),
    ("collega", Kw::NameTitle),
    ("meneer", Kw::NameTitle),
    ("mijnheer", Kw::NameTitle),
    ("juffrouw", Kw::NameTitle),
    ("ondergetekende", Kw::NameTitle),
    ("met vriendelijke groet", Kw::NameNextLine),
    ("met vriendelijke groeten", Kw::NameNextLine),
    ("vriendelijke groet", Kw::NameNextLine),
    ("vriendelijke groeten", Kw::NameNextLine),
    ("hartelijke groet", Kw::NameNextLine),
    ("hartelijke groeten", Kw::NameNextLine),
    ("groeten", Kw::NameNextLine),
    ("groet", Kw::NameNextLine),
    ("mvg", Kw::NameNextLine),
    ("hoogachtend", Kw::NameNextLine),
    ("kind regards", Kw::NameNextLine),
    ("best regards", Kw::NameNextLine),
    ("regards", Kw::NameNextLine),
    ("sincerely", Kw::NameNextLine),
    ("yours sincerely", Kw::NameNextLine),
    ("cordialement", Kw::NameNextLine),
    ("salutations distinguées", Kw::NameNextLine),
    ("mes salutations distinguées", Kw::NameNextLine),
    ("bien à vous", Kw::NameNextLine),
    ("factuur aan", Kw::NameNextLine),
    ("facture à", Kw::NameNextLine),
    ("bill to", Kw::NameNextLine),
    ("invoice to", Kw::NameNextLine),
    ("geadresseerde", Kw::NameNextLine),
    ("ondertekening", Kw::NameNextLine),
    ("namens", Kw::NameNextLine),
    ("groetjes", Kw::NameNextLine),
    ("aanwezig:", Kw::NameList),
    ("afwezig:", Kw::NameList),
    ("aanwezigen:", Kw::NameList),
    ("deelnemers:", Kw::NameList),
    ("afmeldingen:", Kw::NameList),
    ("present:", Kw::NameList),
    ("attendees:", Kw::NameList),
    ("présents:", Kw::NameList),
    ("excusés:", Kw::NameList),
    ("notulist:", Kw::NameList),
    ("voorzitter:", Kw::NameList),
    ("met hartelijke groet", Kw::NameNextLine),
    ("warme groet", Kw::NameNextLine),
    ("liefs", Kw::NameNextLine),
    ("cheers", Kw::NameNextLine),
    ("many thanks", Kw::NameNextLine),
    ("thanks", Kw::NameNextLine),
    ("bien cordialement", Kw::NameNextLine),
    ("sincères salutations", Kw::NameNextLine),
    ("salutations", Kw::NameNextLine),
    ("surname:", Kw::NameUpper),
    ("given names:", Kw::NameUpper),
    ("given name:", Kw::NameUpper),
    ("voornamen:", Kw::NameUpper),
    ("voornaam:", Kw::NameUpper),
    ("achternaam:", Kw::NameUpper),
    ("geslachtsnaam:", Kw::NameUpper),
    ("familienaam:", Kw::NameUpper),
    ("prénoms:", Kw::NameUpper),
    ("prénom:", Kw::NameUpper),
    ("nom de famille:", Kw::NameUpper),
    ("last name:", Kw::NameUpper),
    ("first name:", Kw::NameUpper),
    ("first names:", Kw::NameUpper),
    ("naam / surname:", Kw::NameUpper),
    ("nom / name:", Kw::NameUpper),
    ("name / nom:", Kw::NameUpper),
    // addresses
    ("adres", Kw::AddressCue), ("adresse", Kw::AddressCue), ("address", Kw::AddressCue),
    ("woonadres", Kw::AddressCue), ("wonende te", Kw::AddressCue), ("wonende aan", Kw::AddressCue),
    ("woonachtig te", Kw::AddressCue), ("woonachtig aan", Kw::AddressCue), ("woonplaats", Kw::AddressCue),
    ("domicilié", Kw::AddressCue), ("domicilié à", Kw::AddressCue), ("domiciliée à", Kw::AddressCue),
    ("demeurant", Kw::AddressCue), ("residing at", Kw::AddressCue), ("straat", Kw::AddressCue),
    ("postadres", Kw::AddressCue), ("bezoekadres", Kw::AddressCue), ("factuuradres", Kw::AddressCue),
    ("afleveradres", Kw::AddressCue), ("vestigingsadres", Kw::AddressCue),
    // document classes: the weight says how sure the word makes us
    ("factuur", Kw::Class(C::Invoice, 4)), ("factuurnummer", Kw::Class(C::Invoice, 4)),
    ("factuurdatum", Kw::Class(C::Invoice, 4)), ("invoice", Kw::Class(C::Invoice, 4)),
    ("facture", Kw::Class(C::Invoice, 3)), ("creditnota", Kw::Class(C::Invoice, 4)),
    ("proforma", Kw::Class(C::Invoice, 3)), ("te betalen", Kw::Class(C::Invoice, 1)),
    ("totaal", Kw::Class(C::Invoice, 1)), ("subtotaal", Kw::Class(C::Invoice, 2)),
    ("btw", Kw::Class(C::Invoice, 1)), ("aantal", Kw::Class(C::Invoice, 1)),
    ("betaling op", Kw::Class(C::Invoice, 2)), ("binnen 30 dagen", Kw::Class(C::Invoice, 2)),
    ("binnen 14 dagen", Kw::Class(C::Invoice, 2)), ("vervaldatum", Kw::Class(C::Invoice, 2)),
    ("uw referentie", Kw::Class(C::Invoice, 1)), ("ordernummer", Kw::Class(C::Invoice, 1)),
    ("montant", Kw::Class(C::Invoice, 1)), ("amount due", Kw::Class(C::Invoice, 2)),
    ("loonstrook", Kw::Class(C::Payslip, 6)), ("salarisstrook", Kw::Class(C::Payslip, 6)),
    ("loonspecificatie", Kw::Class(C::Payslip, 6)), ("salarisspecificatie", Kw::Class(C::Payslip, 6)),
    ("loonbrief", Kw::Class(C::Payslip, 6)), ("payslip", Kw::Class(C::Payslip, 6)),
    ("fiche de paie", Kw::Class(C::Payslip, 6)), ("fiche de salaire", Kw::Class(C::Payslip, 6)),
    ("bulletin de paie", Kw::Class(C::Payslip, 6)), ("bruto salaris", Kw::Class(C::Payslip, 2)),
    ("brutoloon", Kw::Class(C::Payslip, 2)), ("loonheffing", Kw::Class(C::Payslip, 3)),
    ("netto", Kw::Class(C::Payslip, 1)), ("bedrijfsvoorheffing", Kw::Class(C::Payslip, 3)),
    ("vakantiegeld", Kw::Class(C::Payslip, 1)), ("uitbetaald op", Kw::Class(C::Payslip, 2)),
    ("kopie identiteitsbewijs", Kw::Class(C::IdCopy, 8)), ("identiteitsbewijs", Kw::Class(C::IdCopy, 3)),
    ("kopie paspoort", Kw::Class(C::IdCopy, 8)), ("kopie id", Kw::Class(C::IdCopy, 6)),
    ("identiteitskaart", Kw::Class(C::IdCopy, 3)), ("identity card", Kw::Class(C::IdCopy, 3)),
    ("paspoort", Kw::Class(C::IdCopy, 3)), ("passport", Kw::Class(C::IdCopy, 3)),
    ("carte d'identité", Kw::Class(C::IdCopy, 3)), ("passeport", Kw::Class(C::IdCopy, 3)),
    ("rijbewijs", Kw::Class(C::IdCopy, 2)), ("verblijfsvergunning", Kw::Class(C::IdCopy, 3)),
    ("koninkrijk der nederlanden", Kw::Class(C::IdCopy, 3)), ("kingdom of the netherlands", Kw::Class(C::IdCopy, 3)),
    ("royaume de belgique", Kw::Class(C::IdCopy, 3)), ("koninkrijk belgië", Kw::Class(C::IdCopy, 3)),
    ("date of expiry", Kw::Class(C::IdCopy, 3)), ("geldig tot", Kw::Class(C::IdCopy, 2)),
    ("ziekmelding", Kw::Class(C::HealthStatement, 6)), ("ziekteverzuim", Kw::Class(C::HealthStatement, 4)),
    ("ziek gemeld", Kw::Class(C::HealthStatement, 3)), ("medische verklaring", Kw::Class(C::HealthStatement, 6)),
    ("doktersverklaring", Kw::Class(C::HealthStatement, 6)), ("artsenverklaring", Kw::Class(C::HealthStatement, 6)),
    ("verzuimmelding", Kw::Class(C::HealthStatement, 6)), ("certificat médical", Kw::Class(C::HealthStatement, 6)),
    ("medical certificate", Kw::Class(C::HealthStatement, 6)), ("sick note", Kw::Class(C::HealthStatement, 6)),
    ("eerste ziektedag", Kw::Class(C::HealthStatement, 4)), ("bedrijfsarts", Kw::Class(C::HealthStatement, 2)),
    ("arbeidsongeschikt", Kw::Class(C::HealthStatement, 3)), ("hersteld", Kw::Class(C::HealthStatement, 1)),
    ("overeenkomst", Kw::Class(C::Contract, 4)), ("arbeidsovereenkomst", Kw::Class(C::Contract, 6)),
    ("contract", Kw::Class(C::Contract, 4)), ("huurovereenkomst", Kw::Class(C::Contract, 6)),
    ("contrat", Kw::Class(C::Contract, 4)), ("agreement", Kw::Class(C::Contract, 4)),
    ("ondergetekenden", Kw::Class(C::Contract, 3)), ("partijen", Kw::Class(C::Contract, 2)),
    ("komen het volgende overeen", Kw::Class(C::Contract, 3)), ("opzegtermijn", Kw::Class(C::Contract, 2)),
    ("looptijd", Kw::Class(C::Contract, 1)), ("artikel 1", Kw::Class(C::Contract, 1)),
    ("verwerkersovereenkomst", Kw::Class(C::Contract, 6)), ("getekend te", Kw::Class(C::Contract, 2)),
    ("sollicitatie", Kw::Class(C::Application, 6)), ("sollicitatiebrief", Kw::Class(C::Application, 6)),
    ("curriculum vitae", Kw::Class(C::Application, 6)), ("cv", Kw::Class(C::Application, 4)),
    ("motivatiebrief", Kw::Class(C::Application, 6)), ("vacature", Kw::Class(C::Application, 2)),
    ("candidature", Kw::Class(C::Application, 6)), ("lettre de motivation", Kw::Class(C::Application, 6)),
    ("job application", Kw::Class(C::Application, 6)), ("werkervaring", Kw::Class(C::Application, 2)),
    ("opleiding", Kw::Class(C::Application, 1)), ("solliciteer", Kw::Class(C::Application, 4)),
    ("klantenlijst", Kw::Class(C::CustomerList, 6)), ("rooster", Kw::Class(C::CustomerList, 4)),
    ("dienstrooster", Kw::Class(C::CustomerList, 6)), ("vrijwilligersrooster", Kw::Class(C::CustomerList, 6)),
    ("presentielijst", Kw::Class(C::CustomerList, 6)), ("aanwezigheidslijst", Kw::Class(C::CustomerList, 6)), ("bardienst", Kw::Class(C::CustomerList, 4)), ("klantenbestand", Kw::Class(C::CustomerList, 6)),
    ("klantenoverzicht", Kw::Class(C::CustomerList, 6)), ("ledenlijst", Kw::Class(C::CustomerList, 6)),
    ("ledenbestand", Kw::Class(C::CustomerList, 6)), ("adressenlijst", Kw::Class(C::CustomerList, 6)),
    ("deelnemerslijst", Kw::Class(C::CustomerList, 6)), ("relatiebestand", Kw::Class(C::CustomerList, 6)),
    ("customer list", Kw::Class(C::CustomerList, 6)), ("liste des clients", Kw::Class(C::CustomerList, 6)),
    ("mailinglijst", Kw::Class(C::CustomerList, 5)),
    ("geachte", Kw::Class(C::Correspondence, 2)), ("geachte heer", Kw::Class(C::Correspondence, 2)),
    ("geachte mevrouw", Kw::Class(C::Correspondence, 2)), ("beste", Kw::Class(C::Correspondence, 1)),
    ("met vriendelijke groet", Kw::Class(C::Correspondence, 2)), ("hoogachtend", Kw::Class(C::Correspondence, 2)),
    ("madame, monsieur", Kw::Class(C::Correspondence, 2)), ("veuillez agréer", Kw::Class(C::Correspondence, 2)),
    ("dear", Kw::Class(C::Correspondence, 1)), ("kind regards", Kw::Class(C::Correspondence, 2)),
    ("klacht", Kw::Class(C::Correspondence, 4)), ("betreft", Kw::Class(C::Correspondence, 1)),
    ("nieuwsbrief", Kw::Class(C::Correspondence, 4)), ("aanmelding", Kw::Class(C::Correspondence, 3)),
    ("demande", Kw::Class(C::Correspondence, 3)), ("verzoek", Kw::Class(C::Correspondence, 2)),
    ("bezwaar", Kw::Class(C::Correspondence, 3)), ("opzegging", Kw::Class(C::Correspondence, 3)),
    ("réclamation", Kw::Class(C::Correspondence, 4)), ("plainte", Kw::Class(C::Correspondence, 4)),
    ("inzageverzoek", Kw::Class(C::Correspondence, 4)), ("webformulier", Kw::Class(C::Correspondence, 2)),
    // Letter form: salutations and closings in three languages.
    ("to whom it may concern", Kw::Class(C::Correspondence, 2)), ("sincerely", Kw::Class(C::Correspondence, 2)),
    ("yours faithfully", Kw::Class(C::Correspondence, 2)), ("best regards", Kw::Class(C::Correspondence, 2)),
    ("regards", Kw::Class(C::Correspondence, 1)), ("groeten", Kw::Class(C::Correspondence, 1)),
    ("met hartelijke groet", Kw::Class(C::Correspondence, 2)), ("mvg", Kw::Class(C::Correspondence, 1)),
    ("cordialement", Kw::Class(C::Correspondence, 2)), ("bien à vous", Kw::Class(C::Correspondence, 2)),
    ("salutations distinguées", Kw::Class(C::Correspondence, 2)), ("geachte heer/mevrouw", Kw::Class(C::Correspondence, 2)),
    ("productinformatie", Kw::Class(C::Other, 6)), ("productblad", Kw::Class(C::Other, 6)),
    ("product sheet", Kw::Class(C::Other, 6)), ("fiche produit", Kw::Class(C::Other, 6)),
    ("handleiding", Kw::Class(C::Other, 5)), ("notulen", Kw::Class(C::Other, 5)), ("vergadering", Kw::Class(C::Other, 2)),
    ("bestuursvergadering", Kw::Class(C::Other, 5)), ("compte rendu", Kw::Class(C::Other, 5)), ("meeting notes", Kw::Class(C::Other, 5)),
    ("minutes", Kw::Class(C::Other, 2)), ("pakbon", Kw::Class(C::Other, 5)), ("bezorgbon", Kw::Class(C::Other, 5)),
    ("afleverbon", Kw::Class(C::Other, 5)), ("delivery note", Kw::Class(C::Other, 5)), ("bon de livraison", Kw::Class(C::Other, 5)),
    ("enrollment report", Kw::Class(C::Other, 6)), ("prijslijst", Kw::Class(C::Other, 5)), ("openingstijden", Kw::Class(C::Other, 3)),
    ("price list", Kw::Class(C::Other, 5)), ("liste de prix", Kw::Class(C::Other, 5)), ("nieuwsbericht", Kw::Class(C::Other, 4)),
    ("persbericht", Kw::Class(C::Other, 5)), ("afmetingen", Kw::Class(C::Other, 2)), ("garantie", Kw::Class(C::Other, 1)),
    ("levertijd", Kw::Class(C::Other, 2)), ("specificaties", Kw::Class(C::Other, 2)), ("brochure", Kw::Class(C::Other, 4)),
    ("agenda", Kw::Class(C::Other, 3)), ("offerte", Kw::Class(C::Other, 3)),
    // Content cues: health documents that are no sick note (referrals, medication lists, test results).
    ("verwijsbrief", Kw::Class(C::HealthStatement, 6)), ("verwijzing", Kw::Class(C::HealthStatement, 4)),
    ("medicatieoverzicht", Kw::Class(C::HealthStatement, 6)), ("medicatielijst", Kw::Class(C::HealthStatement, 6)),
    ("geneesmiddel", Kw::Class(C::HealthStatement, 2)), ("apotheek", Kw::Class(C::HealthStatement, 3)),
    ("huisartsenpraktijk", Kw::Class(C::HealthStatement, 3)), ("polikliniek", Kw::Class(C::HealthStatement, 3)),
    ("patiënt", Kw::Class(C::HealthStatement, 3)), ("klinische genetica", Kw::Class(C::HealthStatement, 6)),
    ("getuigschrift van arbeidsongeschiktheid", Kw::Class(C::HealthStatement, 6)),
    ("incapacité de travail", Kw::Class(C::HealthStatement, 4)), ("mutualiteit", Kw::Class(C::HealthStatement, 3)),
    ("ziekenfonds", Kw::Class(C::HealthStatement, 3)), ("mutualité", Kw::Class(C::HealthStatement, 3)),
    ("hersteldmelding", Kw::Class(C::HealthStatement, 6)), ("betermelding", Kw::Class(C::HealthStatement, 6)),
    ("arrêt maladie", Kw::Class(C::HealthStatement, 4)),
    ("referral letter", Kw::Class(C::HealthStatement, 6)), ("test results", Kw::Class(C::HealthStatement, 3)),
    // Forms: sign-up and registration forms are applications; consent forms and member cards are neither letter
    // nor list.
    ("aanmeldformulier", Kw::Class(C::Application, 6)), ("inschrijving", Kw::Class(C::Application, 4)),
    ("aanmelding", Kw::Class(C::Application, 4)), ("application", Kw::Class(C::Application, 3)), ("applying for", Kw::Class(C::Application, 4)),
    ("inscription", Kw::Class(C::Application, 4)), ("inschrijfformulier", Kw::Class(C::Application, 5)),
    ("stageplaats", Kw::Class(C::Application, 6)), ("sign-up form", Kw::Class(C::Application, 6)),
    ("registration form", Kw::Class(C::Application, 5)), ("formulaire d'inscription", Kw::Class(C::Application, 5)),
    ("toestemmingsverklaring", Kw::Class(C::Other, 6)), ("toestemmingsformulier", Kw::Class(C::Other, 6)),
    ("consent form", Kw::Class(C::Other, 6)), ("formulaire de consentement", Kw::Class(C::Other, 6)),
    ("lidmaatschapskaart", Kw::Class(C::Other, 6)), ("membership card", Kw::Class(C::Other, 6)),
    ("ledenpas", Kw::Class(C::Other, 6)), ("carte de membre", Kw::Class(C::Other, 6)),
    ("ledenoverzicht", Kw::Class(C::CustomerList, 6)), ("ledenadministratie", Kw::Class(C::CustomerList, 6)),
    ("gemeenteleden", Kw::Class(C::CustomerList, 5)), ("klantenexport", Kw::Class(C::CustomerList, 6)),
    ("liste des membres", Kw::Class(C::CustomerList, 6)), ("member list", Kw::Class(C::CustomerList, 6)),
];

/// Special-category terms. Stems end in `*`. Kept to words that say something about a person, not products
/// ("orthopedisch kussen" is a pillow, "ziekmelding" is a person's health).
#[rustfmt::skip]
const SPECIAL: &[(&str, S)] = &[
    // health
    ("ziek~", S::Health), ("ziekgemeld", S::Health), ("ziek gemeld", S::Health), ("ziekmelding*", S::Health),
    ("ziekte~", S::Health), ("ziekteverlof", S::Health), ("ziekteverzuim", S::Health), ("arbeidsongeschikt*", S::Health),
    ("diagnose*", S::Health), ("medicatie~", S::Health), ("medicijn*~", S::Health), ("bedrijfsarts~", S::Health),
    ("huisarts~", S::Health), ("ziekenhuis*~", S::Health), 
    ("operatie~", S::Health), ("geopereerd~", S::Health), ("fysiotherap*~", S::Health),
    ("psycholoog~", S::Health), ("psychiater~", S::Health), ("therapie~", S::Health), ("burn-out", S::Health),
    ("burnout", S::Health), ("overspannen*", S::Health), ("depressie*", S::Health), ("depressief", S::Health),
    ("angststoornis", S::Health), ("adhd", S::Health), ("autisme", S::Health), ("diabetes", S::Health),
    ("suikerziekte", S::Health), ("kanker", S::Health), ("tumor", S::Health), ("chemotherapie", S::Health),
    ("hernia", S::Health), ("migraine~", S::Health), ("astma", S::Health), ("epilepsie", S::Health),
    ("hartaanval", S::Health), ("hartinfarct", S::Health), ("beroerte", S::Health), ("covid", S::Health),
    ("long covid", S::Health), ("griep~", S::Health), ("longontsteking", S::Health),
    ("gebroken~", S::Health), ("whiplash", S::Health), ("zwanger*", S::Health),
    ("zwangerschapsverlof", S::Health), ("bevalling*", S::Health), ("miskraam", S::Health), ("handicap~", S::Health),
    ("gehandicapt~", S::Health), ("chronisch~", S::Health), ("herstelperiode~", S::Health),
    ("re-integratie~", S::Health), ("reïntegratie~", S::Health), ("verzuim~", S::Health), ("arbo-arts~", S::Health),
    ("arboarts~", S::Health), ("verslaving", S::Health), ("alcoholverslaving", S::Health), ("rugklachten", S::Health),
    ("medisch*~", S::Health), ("medische~", S::Health), ("revalidatie~", S::Health),
    ("hiv", S::Health), ("aids", S::Health), ("allergie~", S::Health), ("ggz~", S::Health), ("wia~", S::Health),
    ("wao~", S::Health), ("ziektewet~", S::Health), ("maladie~", S::Health), ("malade~", S::Health),
    ("incapacité de travail", S::Health), ("certificat médical", S::Health), ("médecin~", S::Health),
    ("hospitalisation~", S::Health), ("hospitalisé*", S::Health), ("enceinte", S::Health), ("grossesse", S::Health),
    ("sick~", S::Health), ("sick leave", S::Health), ("off sick", S::Health), ("in sick", S::Health),
    ("pneumonia", S::Health), ("back problems", S::Health), ("antibiotic*~", S::Health), ("diagnosed", S::Health),
    ("flu~", S::Health), ("gp~", S::Health), ("illness~", S::Health), ("diagnosis", S::Health),
    ("medication~", S::Health), ("surgery~", S::Health), ("pregnant", S::Health), ("disability~", S::Health),
    ("disabled~", S::Health), ("hospital~", S::Health), ("gehoorapparaat~", S::Health), ("rolstoel~", S::Health),
    // health, written as compounds' heads are matched by `TAILS`; these are whole words and stems
    ("medicatieoverzicht", S::Health), ("medicatielijst", S::Health), ("geneesmiddel*~", S::Health),
    ("apotheek~", S::Health), ("apotheker~", S::Health), ("allergieën~", S::Health), ("verwijsbrief", S::Health),
    ("hoofdpijn", S::Health), ("duizelig*~", S::Health), ("pijn op de borst", S::Health), ("misselijk*~", S::Health),
    ("spoedeisende hulp", S::Health), ("huisartsenpraktijk~", S::Health), ("polikliniek~", S::Health),
    ("werkonbekwaam*", S::Health), ("hypercholesterolemie", S::Health), ("cystic fibrosis", S::Health),
    ("taaislijmziekte", S::Health), ("convalescence~", S::Health), ("fracture~", S::Health), ("fractuur~", S::Health),
    ("beterschap~", S::Health), ("patiënt~", S::Health), ("patient~", S::Health), ("mutualiteit~", S::Health),
    ("ziekenfonds~", S::Health), ("mutualité~", S::Health), ("zorgverzekeraar~", S::Health),
    ("koorts", S::Health), ("buikgriep", S::Health), ("verkouden~", S::Health), ("verkoudheid~", S::Health),
    ("hersteldmelding", S::Health), ("betermelding", S::Health), ("opgenomen in het ziekenhuis", S::Health),
    ("ziekenhuisopname", S::Health), ("arbodienst~", S::Health), ("spreekuur~", S::Health),
    ("congé de maladie", S::Health), ("arrêt maladie", S::Health), ("arrêt de travail", S::Health),
    ("hôpital~", S::Health), ("médecin traitant~", S::Health), ("fever", S::Health), ("off work sick", S::Health),
    ("hersenschudding", S::Health), ("blessure~", S::Health), ("unfit for work", S::Health),
    ("sprained", S::Health), ("back pain", S::Health), ("clinic~", S::Health), ("operation~", S::Health),
    ("klinische genetica", S::Genetic), ("klinisch geneticus", S::Genetic), ("dragerschap", S::Genetic),
    ("etnische achtergrond", S::Ethnicity), ("ethnic origin", S::Ethnicity), ("ethnic background", S::Ethnicity),
    ("origine ethnique", S::Ethnicity),
    ("homo", S::SexualOrientation), ("homo's", S::SexualOrientation), ("gay", S::SexualOrientation),
    ("kerkelijke bijdrage", S::Religion), ("kerkbijdrage", S::Religion), ("gedoopt", S::Religion),
    ("evangelisch*~", S::Religion), ("gereformeerd*~", S::Religion),
    ("kandidaat raadslid", S::Political), ("kandidaat-raadslid", S::Political),
    // religion
    ("religie", S::Religion), ("religieus*", S::Religion), ("geloof~", S::Religion), ("gelovig*", S::Religion),
    ("kerkgenootschap~", S::Religion), ("moskee~", S::Religion), ("synagoge~", S::Religion), ("moslim*", S::Religion),
    ("islamitisch*~", S::Religion), ("islam~", S::Religion), ("katholiek*~", S::Religion), ("rooms-katholiek*~", S::Religion),
    ("protestant*~", S::Religion), ("christelijk*~", S::Religion), ("christen~", S::Religion), ("joods*~", S::Religion),
    ("jood~", S::Religion), ("hindoe*~", S::Religion), ("boeddhist*~", S::Religion), ("ramadan", S::Religion),
    ("suikerfeest~", S::Religion), ("offerfeest~", S::Religion), ("sabbat~", S::Religion), ("hoofddoek", S::Religion),
    ("gebedsruimte", S::Religion), ("imam~", S::Religion), ("dominee~", S::Religion), ("pastoor~", S::Religion),
    ("religion", S::Religion), ("religieux~", S::Religion), ("musulman*", S::Religion), ("catholique~", S::Religion),
    ("juif~", S::Religion), ("juive~", S::Religion), ("mosquée~", S::Religion), ("religious~", S::Religion),
    ("muslim~", S::Religion), ("catholic~", S::Religion), ("jewish~", S::Religion), ("atheist*~", S::Religion),
    ("godsdienst*", S::Religion), ("levensovertuiging", S::Religion),
    // ethnicity
    ("etnische afkomst", S::Ethnicity), ("etnisch*~", S::Ethnicity), ("etniciteit", S::Ethnicity),
    ("afkomst", S::Ethnicity), ("huidskleur", S::Ethnicity), ("migratieachtergrond", S::Ethnicity),
    ("allochto*", S::Ethnicity), ("origine ethnique", S::Ethnicity), ("ethnique~", S::Ethnicity),
    ("ethnic~", S::Ethnicity), ("ethnicity", S::Ethnicity), ("racial", S::Ethnicity),
    // political
    ("politieke partij", S::Political), ("politieke voorkeur", S::Political), ("politieke overtuiging", S::Political),
    ("partijlid", S::Political), ("partijlidmaatschap", S::Political), ("gemeenteraadslid", S::Political),
    ("parti politique", S::Political), ("opinion politique", S::Political), ("political party", S::Political),
    ("political opinion", S::Political), 
    // trade union
    ("vakbond*", S::TradeUnion), ("vakvereniging", S::TradeUnion), ("kaderlid", S::TradeUnion),
    ("vakbondslid", S::TradeUnion), ("syndicat", S::TradeUnion), ("syndical*", S::TradeUnion), ("syndiqué*", S::TradeUnion),
    ("trade union", S::TradeUnion), ("union member", S::TradeUnion), 
    
    // sexual orientation / sex life
    ("homoseksu*", S::SexualOrientation), ("homofiel", S::SexualOrientation), ("lesbisch*", S::SexualOrientation),
    ("lesbienne", S::SexualOrientation), ("biseksu*", S::SexualOrientation), ("seksuele geaardheid", S::SexualOrientation),
    ("seksuele voorkeur", S::SexualOrientation), ("homosexuel*", S::SexualOrientation),
    ("orientation sexuelle", S::SexualOrientation), ("sexual orientation", S::SexualOrientation),
    ("lesbian", S::SexualOrientation), ("bisexual", S::SexualOrientation),
    ("lhbti*~", S::SexualOrientation), ("lgbt*~", S::SexualOrientation), ("transgender~", S::SexualOrientation),
    // biometric
    ("vingerafdruk*", S::Biometric), ("gezichtsherkenning", S::Biometric), ("biometrisch*", S::Biometric),
    ("irisscan", S::Biometric), ("gezichtsscan", S::Biometric), ("empreinte*~", S::Biometric),
    ("reconnaissance faciale", S::Biometric), ("biométrique*", S::Biometric), ("fingerprint*~", S::Biometric), ("thumb~", S::Biometric), ("duim~", S::Biometric),
    ("wijsvinger~", S::Biometric), ("enrollment~", S::Biometric), ("enrolment~", S::Biometric), ("enrolled~", S::Biometric),
    ("finger~", S::Biometric), ("vinger~", S::Biometric),
    ("biometric*~", S::Biometric), ("facial recognition", S::Biometric), ("stemherkenning", S::Biometric),
    // genetic
    ("dna~", S::Genetic), ("dna-test", S::Genetic), ("dna-onderzoek", S::Genetic), ("genetisch*", S::Genetic),
    ("erfelijke aandoening", S::Genetic), ("erfelijk*~", S::Genetic), ("génétique*", S::Genetic), ("adn~", S::Genetic),
    ("genetic~", S::Genetic), ("genome~", S::Genetic), ("genoom~", S::Genetic),
    // criminal (Art. 10)
    ("strafblad", S::Criminal), ("strafrechtelijk*", S::Criminal), ("veroordeling", S::Criminal),
    ("veroordeeld~", S::Criminal), ("verklaring omtrent het gedrag", S::Criminal), ("vog", S::Criminal),
    ("justitiële documentatie", S::Criminal), ("gevangenis*~", S::Criminal), ("detentie~", S::Criminal),
    ("taakstraf", S::Criminal), ("proces-verbaal~", S::Criminal), ("aangehouden~", S::Criminal), ("delict~", S::Criminal),
    ("misdrijf~", S::Criminal), ("casier judiciaire", S::Criminal), ("extrait de casier", S::Criminal),
    ("condamnation~", S::Criminal), ("condamné*", S::Criminal), ("uittreksel uit het strafregister", S::Criminal),
    ("strafregister", S::Criminal), ("criminal record", S::Criminal), ("convicted", S::Criminal),
    ("conviction~", S::Criminal), ("enkelband~", S::Criminal), ("reclassering~", S::Criminal),
    // ---- broader vocabulary (set E). Conditions and diagnoses are strong; visits, roles, places, tests and
    // medicine names are weak (a second, different term is needed), since a supplier, a timetable or a street
    // may carry them.
    // health, NL conditions
    ("dyslexie", S::Health), ("dyslectisch*", S::Health), ("dyscalculie", S::Health), ("dyspraxie", S::Health),
    ("dysfasie", S::Health), ("autistisch*", S::Health), ("eczeem", S::Health), ("psoriasis", S::Health),
    ("reuma", S::Health), ("reumatoïde", S::Health), ("artrose", S::Health), ("artritis", S::Health),
    ("osteoporose", S::Health), ("fibromyalgie", S::Health), ("jicht", S::Health), ("nierstenen", S::Health),
    ("niersteen", S::Health), ("galstenen", S::Health), ("angina", S::Health), ("angina pectoris", S::Health),
    ("bronchitis", S::Health), ("longembolie", S::Health), ("trombose", S::Health), ("hartfalen", S::Health),
    ("boezemfibrilleren", S::Health), ("hoge bloeddruk", S::Health), ("hypertensie", S::Health),
    ("obesitas", S::Health), ("anorexia", S::Health), ("boulimia", S::Health), ("boulimie", S::Health),
    ("psychose", S::Health), ("psychotisch*", S::Health), ("schizofren*", S::Health), ("bipolair*", S::Health),
    ("ptss", S::Health), ("posttraumatisch*", S::Health), ("slapeloosheid", S::Health), ("dementie", S::Health),
    ("alzheimer", S::Health), ("parkinson", S::Health), ("multiple sclerose", S::Health), ("leukemie", S::Health),
    ("lymfoom", S::Health), ("melanoom", S::Health), ("uitzaaiing*", S::Health), ("chemokuur", S::Health),
    ("dialyse", S::Health), ("pacemaker", S::Health), ("hartkatheterisatie", S::Health), ("gedotterd", S::Health),
    ("kneuzing*", S::Health), ("gekneusd", S::Health), ("verstuiking", S::Health), ("verstuikt", S::Health),
    ("ontwricht", S::Health), ("gipsverband", S::Health), ("in het gips", S::Health), ("spataderen", S::Health),
    ("wortelkanaalbehandeling", S::Health), ("onder narcose", S::Health), ("kortademig*", S::Health),
    ("hartkloppingen", S::Health), ("flauwgevallen", S::Health), ("bewusteloos", S::Health), ("diarree", S::Health),
    ("overspannenheid", S::Health), ("beperkt belastbaar", S::Health), ("zelfbeschadiging", S::Health),
    ("suïcidaal", S::Health), ("suicidaal", S::Health), ("verslaafd", S::Health), ("afkickkliniek", S::Health),
    ("gedragsproblemen", S::Health), ("gedragsproblematiek", S::Health), ("eetstoornis", S::Health),
    ("ivf", S::Health), ("ivf-behandeling", S::Health), ("zwangerschapsdiabetes", S::Health),
    ("herhaalrecept*", S::Health), ("herhaalmedicatie", S::Health), ("antidepressiva", S::Health),
    ("antidepressivum", S::Health), ("visuele beperking", S::Health), ("auditieve beperking", S::Health),
    ("verstandelijke beperking", S::Health), ("lichamelijke beperking", S::Health), ("slechthorend*", S::Health),
    ("slechtziend*", S::Health), ("doof", S::Health), ("doofheid", S::Health), ("wajong", S::Health),
    ("arbeidsbeperking*", S::Health), ("diabetescontrole", S::Health), ("suikerpatiënt", S::Health),
    ("hersenletsel", S::Health), ("hersenbloeding", S::Health), ("herseninfarct", S::Health), ("cva", S::Health),
    ("longkanker", S::Health), ("borstkanker", S::Health), ("darmkanker", S::Health), ("prostaatkanker", S::Health),
    // health, NL specialists, care roles and places (weak)
    ("cardioloog~", S::Health), ("dermatoloog~", S::Health), ("neuroloog~", S::Health), ("uroloog~", S::Health),
    ("gynaecoloog~", S::Health), ("oncoloog~", S::Health), ("reumatoloog~", S::Health), ("radioloog~", S::Health),
    ("anesthesioloog~", S::Health), ("internist~", S::Health), ("orthopeed~", S::Health),
    ("chirurg~", S::Health), ("diëtist~", S::Health), ("logopedist~", S::Health), 
    ("kinesist~", S::Health), ("orthodontist~", S::Health), ("mondhygiënist~", S::Health),
    ("verloskundige~", S::Health), ("vroedvrouw~", S::Health), ("praktijkondersteuner~", S::Health),
    ("verpleegkundige~", S::Health), ("verpleeghuis~", S::Health), ("thuiszorg~", S::Health),
    ("mantelzorg*~", S::Health), ("huisartsenpost~", S::Health), ("kraamzorg~", S::Health),
    ("poliklini*~", S::Health), ("jeugdhulp~", S::Health), ("gezinscoach~", S::Health),
    ("jeugdbescherming~", S::Health), ("veilig thuis~", S::Health), ("orthopedagoog~", S::Health),
    ("intern begeleider~", S::Health),     ("vervolgconsult~", S::Health), ("verdoving~", S::Health),     ("verstandskies~", S::Health), ("bloedonderzoek~", S::Health), ("röntgenfoto~", S::Health),
    ("mri~", S::Health), ("ct-scan~", S::Health), ("echografie~", S::Health),     ("voorgeschreven~", S::Health), ("insuline", S::Health), ("inhalator~", S::Health), ("pufje*~", S::Health),
    ("letsel~", S::Health), ("personenschade~", S::Health),
    ("zwelling~", S::Health), ("vermoeid*~", S::Health),
    ("benauwd*~", S::Health), ("ziekteverzekering~", S::Health), ("zorgplan~", S::Health),
    // medicine names (weak: a price list or a supplier names them too)
    ("paracetamol~", S::Health), ("ibuprofen~", S::Health), ("diclofenac", S::Health), ("naproxen", S::Health),
    ("omeprazol", S::Health), ("pantoprazol", S::Health), ("metformine", S::Health), ("lisinopril", S::Health),
    ("enalapril", S::Health), ("metoprolol", S::Health), ("bisoprolol", S::Health), ("amlodipine", S::Health),
    ("simvastatine", S::Health), ("atorvastatine", S::Health), ("levothyroxine", S::Health),
    ("euthyrox~", S::Health), ("salbutamol", S::Health), ("ventolin~", S::Health), ("prednison", S::Health),
    ("prednisolon", S::Health), ("amoxicilline~", S::Health), ("penicilline~", S::Health),
    ("sertraline", S::Health), ("citalopram", S::Health), ("paroxetine", S::Health), ("fluoxetine", S::Health),
    ("venlafaxine", S::Health), ("oxazepam", S::Health), ("diazepam", S::Health), ("temazepam", S::Health),
    ("lorazepam", S::Health), ("methylfenidaat", S::Health), ("ritalin", S::Health), ("tramadol", S::Health),
    ("oxycodon", S::Health), ("morfine", S::Health), ("warfarine", S::Health), ("acenocoumarol", S::Health),
    ("apixaban", S::Health), ("rivaroxaban", S::Health), ("clopidogrel", S::Health), ("furosemide", S::Health),
    ("losartan", S::Health), ("allopurinol~", S::Health), ("insulin~", S::Health), ("inhaler*~", S::Health),
    // health, FR
    ("diabète", S::Health), ("asthme", S::Health), ("dépression", S::Health), ("épilepsie", S::Health),
    ("angine", S::Health), ("bronchite", S::Health), ("pneumonie", S::Health), ("entorse", S::Health),
    ("commotion cérébrale", S::Health), ("dyslexique", S::Health), ("dyspraxique", S::Health), ("tdah", S::Health),
    ("autiste", S::Health), ("handicapé*", S::Health), ("invalidité", S::Health), ("accouchement", S::Health),
    // Birth and pregnancy said indirectly ("is bevallen van een zoon", "na haar keizersnede", "accouchée le 3").
    ("bevallen van", S::Health), ("is bevallen", S::Health), ("keizersnede", S::Health),
    // Prescription medicines: a person who receives or takes one has that condition treated.
    ("esomeprazol", S::Health), ("gliclazide", S::Health), ("rosuvastatine", S::Health), ("pravastatine", S::Health),
    ("nifedipine", S::Health), ("atenolol", S::Health), ("propranolol", S::Health), ("perindopril", S::Health),
    ("valsartan", S::Health), ("candesartan", S::Health), ("irbesartan", S::Health),
    ("hydrochloorthiazide", S::Health), ("chloortalidon", S::Health), ("bumetanide", S::Health),
    ("spironolacton", S::Health), ("dabigatran", S::Health), ("edoxaban", S::Health), ("fenprocoumon", S::Health),
    ("ticagrelor", S::Health), ("thyrax", S::Health), ("fluticason", S::Health), ("budesonide", S::Health),
    ("tiotropium", S::Health), ("montelukast", S::Health), ("dexamethason", S::Health), ("methotrexaat", S::Health),
    ("hydroxychloroquine", S::Health), ("adalimumab", S::Health), ("etanercept", S::Health), ("fentanyl", S::Health),
    ("codeïne", S::Health), ("alprazolam", S::Health), ("zolpidem", S::Health), ("escitalopram", S::Health),
    ("duloxetine", S::Health), ("mirtazapine", S::Health), ("amitriptyline", S::Health), ("nortriptyline", S::Health),
    ("quetiapine", S::Health), ("olanzapine", S::Health), ("aripiprazol", S::Health), ("risperidon", S::Health),
    ("haloperidol", S::Health), ("clozapine", S::Health), ("lithium", S::Health), ("lamotrigine", S::Health),
    ("levetiracetam", S::Health), ("valproïnezuur", S::Health), ("carbamazepine", S::Health),
    ("pregabaline", S::Health), ("gabapentine", S::Health), ("levodopa", S::Health), ("concerta", S::Health),
    ("dexamfetamine", S::Health), ("atomoxetine", S::Health), ("donepezil", S::Health), ("memantine", S::Health),
    ("tamoxifen", S::Health), ("letrozol", S::Health), ("anastrozol", S::Health), ("finasteride", S::Health),
    ("tamsulosine", S::Health), ("metoclopramide", S::Health), ("ondansetron", S::Health), ("baxterrol", S::Health),
    ("medicijnrol", S::Health),
    ("stoma*", S::Health), ("incontinentie*", S::Health), ("twaalfwekenecho", S::Health), ("twintigwekenecho", S::Health),
    ("uitgerekend~", S::Health), ("misselijk*~", S::Health), ("dealt~", S::Criminal), ("dealen~", S::Criminal),
    ("drugshandel", S::Criminal), ("aangifte gedaan bij de politie", S::Criminal), ("weggenomen~", S::Criminal), ("uitgerekende datum", S::Health), ("date prévue d'accouchement", S::Health),
    ("coeliakie", S::Health), ("cœliaque", S::Health), ("coeliac", S::Health), ("lactose-intolerant*", S::Health),
    ("pinda-allergie", S::Health), ("notenallergie", S::Health), ("nut allergy", S::Health), ("pijnlijk~", S::Health), ("painful~", S::Health), ("douloureux~", S::Health),
    ("douloureuse~", S::Health), ("ligt in het ziekenhuis", S::Health), ("moet naar het ziekenhuis", S::Health), ("moest naar het ziekenhuis", S::Health),
    ("ging naar het ziekenhuis", S::Health), ("bloedprik~", S::Health), ("lag in het ziekenhuis", S::Health),
    ("opgenomen in het ziekenhuis", S::Health), ("in het ziekenhuis opgenomen", S::Health), ("admitted to hospital", S::Health),
    ("in hospital", S::Health), ("à l'hôpital", S::Health), ("kraambed", S::Health),
    ("bevallingsverlof", S::Health), ("moederschapsverlof", S::Health), ("prenatale", S::Health),
    ("prenataal", S::Health), ("césarienne", S::Health), ("accouchée", S::Health), ("a accouché", S::Health),
    ("caesarean", S::Health), ("c-section", S::Health), ("gave birth", S::Health), ("miscarriage", S::Health),
    ("vruchtbaarheidsbehandeling", S::Health), ("fertility treatment", S::Health), ("infertility", S::Health),
    ("sage-femme~", S::Health),
    ("fausse couche", S::Health), ("cancer", S::Health), ("migraines", S::Health), ("hernie discale", S::Health),
    ("ordonnance renouvelée", S::Health), ("fracture du", S::Health), ("kinésithérap*~", S::Health),
    ("kiné~", S::Health), ("dermatologue~", S::Health), ("cardiologue~", S::Health), ("neurologue~", S::Health),
    ("urologue~", S::Health), ("gynécologue~", S::Health), ("oncologue~", S::Health), ("rhumatologue~", S::Health),
    ("pneumologue~", S::Health), ("ophtalmologue~", S::Health), ("psychologue~", S::Health),
    ("psychiatre~", S::Health), ("pédopsychiatre~", S::Health), ("dentiste~", S::Health), ("dentaire~", S::Health),
    ("ordonnance~", S::Health), ("pharmacie~", S::Health), ("médicament*~", S::Health), ("chirurgie~", S::Health),
    ("opéré*~", S::Health), ("détartrage~", S::Health), ("parodontal*~", S::Health), ("aide à la jeunesse~", S::Health),
    // health, EN
    ("asthma", S::Health), ("depression", S::Health), ("epilepsy", S::Health), ("arthritis", S::Health),
    ("concussion", S::Health), ("torn ligament", S::Health), ("broken arm", S::Health), ("broken leg", S::Health),
    ("broken wrist", S::Health), ("sprain*", S::Health), ("medical certificate", S::Health), ("sick note", S::Health),
    ("fit note", S::Health), ("doctor's note", S::Health), ("under my care", S::Health),
    ("repeat prescription", S::Health), ("lower back pain", S::Health), ("physiotherap*~", S::Health),
    ("physio~", S::Health), ("dentist~", S::Health), ("prescription~", S::Health), ("prescribed~", S::Health),
    ("anxiety~", S::Health), ("therapist~", S::Health),     ("injury~", S::Health), ("injuries~", S::Health), ("injured~", S::Health), ("pharmacy~", S::Health),
    ("certify that~", S::Health), ("medical practice~", S::Health), ("recovering~", S::Health),
    ("attended the clinic", S::Health), ("cabinet médical~", S::Health),
    // criminal (Art. 10)
    ("dagvaarding*", S::Criminal), ("gedagvaard", S::Criminal), ("politierechter", S::Criminal),
    ("strafzaak", S::Criminal), ("strafrechter", S::Criminal), ("strafbeschikking", S::Criminal),
    ("strafbaar feit", S::Criminal), ("strafbare feiten", S::Criminal), ("voorwaardelijke straf", S::Criminal),
    ("voorwaardelijk veroordeeld", S::Criminal), ("celstraf", S::Criminal), ("werkstraf", S::Criminal),
    ("voorlopige hechtenis", S::Criminal), ("hechtenis", S::Criminal), ("gearresteerd", S::Criminal),
    ("gedetineerd*", S::Criminal), ("ex-gedetineerd*", S::Criminal), ("verdacht van", S::Criminal),
    ("terechtzitting~", S::Criminal), ("officier van justitie~", S::Criminal), ("openbaar ministerie~", S::Criminal),
    ("verdachte~", S::Criminal), ("aangifte tegen", S::Criminal), ("aangifte gedaan tegen", S::Criminal),
    ("plainte contre", S::Criminal), ("porté plainte~", S::Criminal),
    ("police report~", S::Criminal), ("pressed charges", S::Criminal),
    ("klacht ingediend bij de politie", S::Criminal), ("plainte à la police", S::Criminal), ("aangifte gedaan~", S::Criminal),
    ("bedreigd~", S::Criminal), ("bedreiging~", S::Criminal), ("mishandeld~", S::Criminal), ("uitgescholden~", S::Criminal),
    ("geduwd~", S::Criminal), ("geslagen~", S::Criminal), ("ingeslagen~", S::Criminal), ("vernield~", S::Criminal),
    ("vernieling~", S::Criminal), ("intimidatie~", S::Criminal), ("belaagd~", S::Criminal), ("stalking~", S::Criminal),
    ("menacé~", S::Criminal), ("agressé~", S::Criminal), ("threatened~", S::Criminal), ("assaulted~", S::Criminal), ("diefstal~", S::Criminal), ("mishandeling~", S::Criminal),
    ("geweldpleging~", S::Criminal), ("oplichting~", S::Criminal), ("witwassen~", S::Criminal),
    ("meldplicht~", S::Criminal), ("contactverbod~", S::Criminal), ("gebiedsverbod~", S::Criminal),
    ("huisarrest~", S::Criminal), ("justitiehuis~", S::Criminal), ("arrondissementsparket~", S::Criminal),
    ("tbs~", S::Criminal), ("tribunal correctionnel", S::Criminal), ("coups et blessures", S::Criminal),
    ("inculpé*", S::Criminal), ("peine de prison", S::Criminal), ("emprisonnement", S::Criminal),
    ("peine de travail", S::Criminal), ("libération conditionnelle", S::Criminal), ("garde à vue", S::Criminal),
    ("mandat d'arrêt", S::Criminal), ("délit~", S::Criminal), ("infraction~", S::Criminal),
    ("maison de justice~", S::Criminal), ("prévenu*~", S::Criminal), ("sursis~", S::Criminal),
    ("sentenced to", S::Criminal), ("prison sentence", S::Criminal), ("custodial sentence", S::Criminal),
    ("probation officer", S::Criminal), ("placed on probation", S::Criminal), ("criminal court", S::Criminal), ("criminal offence", S::Criminal),
    ("arrested", S::Criminal), ("parole~", S::Criminal), ("offence~", S::Criminal),
    ("fraud~", S::Criminal), ("community service~", S::Criminal),
    // religion
    ("halal~", S::Religion), ("diwali~", S::Religion), ("chanoeka~", S::Religion), ("hanukkah~", S::Religion),
    ("jom kipoer~", S::Religion), ("pesach~", S::Religion), ("offerfeest~", S::Religion), ("eid al-fitr~", S::Religion),
    ("kerkdienst~", S::Religion), ("koosjer~", S::Religion), ("kosher~", S::Religion), ("praktiserend*~", S::Religion),
    ("pratiquant*~", S::Religion), ("practising~", S::Religion), ("kerkganger*", S::Religion),
    ("geloofsovertuiging", S::Religion), ("religieuze overtuiging", S::Religion),
    ("conviction religieuse", S::Religion), ("religious belief*", S::Religion), ("getuigen van jehovah", S::Religion),
    ("bar mitswa", S::Religion), ("kerkdienst~", S::Religion), ("gebed~", S::Religion), ("vasten~", S::Religion),
    ("hindoeïstisch*", S::Religion), ("sikh~", S::Religion), ("keppel~", S::Religion),
    // ethnicity
    ("etnische minderheid", S::Ethnicity), ("couleur de peau", S::Ethnicity), ("skin colour", S::Ethnicity),
    ("skin color", S::Ethnicity),
    // political
    ("politiek actief", S::Political), ("engagement politique", S::Political), ("political views", S::Political),
    ("political affiliation", S::Political), ("affiliation politique", S::Political),
    // trade union
    ("vakbondsafgevaardigde", S::TradeUnion), ("vakbondsdelegee", S::TradeUnion), ("syndicale delegee", S::TradeUnion),
    ("syndicale afvaardiging", S::TradeUnion), ("delegee~", S::TradeUnion), ("union rep~", S::TradeUnion),
    // sexual orientation
    ("queer", S::SexualOrientation), ("homosexual", S::SexualOrientation), ("bisexuel*", S::SexualOrientation),
    ("holebi*", S::SexualOrientation), ("uit de kast", S::SexualOrientation), ("same-sex partner", S::SexualOrientation),
    ("même sexe", S::SexualOrientation), ("regenboog*~", S::SexualOrientation), ("pride~", S::SexualOrientation),
    ("coming-out~", S::SexualOrientation),
    // biometric
    ("handpalmscan", S::Biometric), ("handscan", S::Biometric), ("vingerscan", S::Biometric),
    ("retinascan", S::Biometric), ("biometrie", S::Biometric), ("empreinte digitale", S::Biometric),
    ("empreintes digitales", S::Biometric), ("fingerprint template", S::Biometric),
    ("fingerprint data", S::Biometric), ("fingerprint scan", S::Biometric), ("fingerprint scanner", S::Biometric),
    ("fingerprint reader", S::Biometric), ("iris scan", S::Biometric), ("face scan", S::Biometric),
    // genetic
    ("vaderschapstest", S::Genetic), ("vaderschapsonderzoek", S::Genetic), ("afstammingsonderzoek", S::Genetic),
    ("verwantschapsonderzoek", S::Genetic), ("dna-profiel", S::Genetic), ("dna-analyse", S::Genetic),
    ("genetische test", S::Genetic), ("erfelijkheidsonderzoek", S::Genetic), ("dragerschapsonderzoek", S::Genetic),
    ("gentest", S::Genetic), ("test de paternité", S::Genetic), ("paternity test", S::Genetic),
    ("test adn", S::Genetic), ("analyse adn", S::Genetic), ("genetic test*", S::Genetic),
    ("vaderschap~", S::Genetic), ("paternité~", S::Genetic), ("verwantschap~", S::Genetic),
    // more conditions and procedures, NL/FR/EN (strong), after the fresh probe
    ("ziekte van lyme", S::Health), ("ziekte van pfeiffer", S::Health),
    ("ziekte van bechterew", S::Health), ("hashimoto", S::Health), ("lyme", S::Health), ("pfeiffer~", S::Health), ("crohn", S::Health), ("colitis", S::Health), ("copd", S::Health),
    ("bloedarmoede", S::Health), ("gehoorverlies", S::Health), ("in de ziektewet", S::Health),
    ("sclérose en plaques", S::Health), ("opéré du", S::Health), ("opérée du", S::Health), ("opéré de", S::Health),
    ("congé de maternité", S::Health), ("maternity leave", S::Health), ("moederschapsrust", S::Health),
    ("heart attack", S::Health), ("chemotherapy", S::Health), ("radiotherapy", S::Health), ("pregnancy", S::Health),
    ("multiple sclerosis", S::Health), ("hay fever", S::Health), ("bestraling~", S::Health), ("stroke~", S::Health),
    ("hearing aid~", S::Health), ("wheelchair~", S::Health), ("mental health~", S::Health), ("therapy~", S::Health),
    ("gevangenisstraf", S::Criminal), ("rijden onder invloed", S::Criminal), ("previous conviction*", S::Criminal),
    ("criminal conviction*", S::Criminal), ("proces-verbaal opgemaakt", S::Criminal), ("een straf uit", S::Criminal),
    ("vrijdaggebed", S::Religion), ("irisherkenning", S::Biometric), ("de confession", S::Religion), ("kerkelijk*~", S::Religion),
];

/// Heads of Dutch compounds, matched at the end of a word of at least seven bytes with three or more bytes
/// before them (`~` marks weak special-category evidence). Heads that also end ordinary business words
/// ("klantklachten", "cyberaanval", "reddingsoperatie") are weak: they need a second, different term.
#[rustfmt::skip]
const TAILS: &[(&str, Kw)] = &[
    ("operatie~", Kw::Special(S::Health, true)), ("klachten~", Kw::Special(S::Health, true)),
    ("therapeut~", Kw::Special(S::Health, true)), ("therapie~", Kw::Special(S::Health, true)),
    ("ontsteking", Kw::Special(S::Health, false)), ("kanker", Kw::Special(S::Health, false)),
    ("ziekte~", Kw::Special(S::Health, true)), ("pijn~", Kw::Special(S::Health, true)),
    ("allergie~", Kw::Special(S::Health, true)), ("infectie~", Kw::Special(S::Health, true)),
    ("aandoening", Kw::Special(S::Health, false)), ("stoornis", Kw::Special(S::Health, false)),
    ("aanval~", Kw::Special(S::Health, true)), ("letsel~", Kw::Special(S::Health, true)),
    ("arts~", Kw::Special(S::Health, true)), ("ziekenhuis~", Kw::Special(S::Health, true)),
    ("depressie", Kw::Special(S::Health, false)), ("hernia", Kw::Special(S::Health, false)),
    ("medicatie~", Kw::Special(S::Health, true)), ("revalidatie~", Kw::Special(S::Health, true)),
    ("overeenkomst", Kw::Class(C::Contract, 4)), ("factuur", Kw::Class(C::Invoice, 4)),
    ("contract", Kw::Class(C::Contract, 4)), ("blessure~", Kw::Special(S::Health, true)),
    ("breuk~", Kw::Special(S::Health, true)), ("ontwrichting~", Kw::Special(S::Health, true)),
    ("stoornissen", Kw::Special(S::Health, false)), ("aandoeningen", Kw::Special(S::Health, false)),
    ("ontstekingen", Kw::Special(S::Health, false)), ("klacht~", Kw::Special(S::Health, true)),
    ("vervanging~", Kw::Special(S::Health, true)), ("prothese~", Kw::Special(S::Health, true)),
    ("tumor", Kw::Special(S::Health, false)), ("herkenning~", Kw::Special(S::Biometric, true)),
];

/// Body parts and medical prefixes that make a weak compound head a statement about health ("knieoperatie",
/// "nekklachten", "psychotherapeut"). Compared with the modifier without a linking `s` or hyphen.
#[rustfmt::skip]
pub(crate) const BODY: &[&str] = &[
    "knie", "heup", "rug", "schouder", "hart", "oog", "ogen", "been", "enkel", "pols", "hand", "voet", "nek",
    "maag", "darm", "galblaas", "borst", "long", "nier", "blaas", "keel", "oor", "huid", "hoofd", "buik", "elleboog",
    "spier", "gewricht", "hersen", "bot", "tand", "kaak", "schildklier", "prostaat", "lies", "menisque", "meniscus",
    "kruisband", "achilles", "fysio", "psycho", "ergo", "logo", "chemo", "radio", "gedrag", "gedrags", "pinda",
    "noten", "gluten", "lactose", "voedsel", "hooikoorts", "migraine", "epilepsie", "paniek", "angst", "astma",
    "virus", "blaas", "long", "oog", "hart", "vaat", "bloed", "slaap", "eet", "stress", "werkstress",
    "gehoor", "iris", "vinger", "gezicht", "gelaat", "palm",
    "sleutelbeen", "scheenbeen", "rib", "pees", "zenuw", "wervel", "spat", "kies", "wortelkanaal", "neus", "dij",
];

/// Unions and religious bodies: strong with a membership word just before, weak otherwise.
#[rustfmt::skip]
const MEMBER: &[(&str, S)] = &[
    ("fnv", S::TradeUnion), ("cnv", S::TradeUnion), ("acv", S::TradeUnion), ("abvv", S::TradeUnion),
    ("aclvb", S::TradeUnion), ("csc", S::TradeUnion), ("fgtb", S::TradeUnion), ("cgslb", S::TradeUnion),
    ("acv puls", S::TradeUnion), ("cnv vakmensen", S::TradeUnion),
    ("moskee", S::Religion), ("parochie", S::Religion), ("kerk", S::Religion), ("synagoge", S::Religion),
    ("protestantse gemeente", S::Religion), ("evangelische gemeente", S::Religion), ("kerkgemeente", S::Religion),
    ("geloofsgemeenschap", S::Religion), ("mosquée", S::Religion), ("paroisse", S::Religion),
    ("mandir", S::Religion), ("gurdwara", S::Religion), ("kerkfabriek", S::Religion), ("israëlitische gemeente", S::Religion),
    ("joodse gemeente", S::Religion), ("islamitische stichting", S::Religion), ("church", S::Religion), ("mosque", S::Religion),
];

/// Party names and acronyms: special only with a membership or voting word nearby.
const PARTIES: &[&str] = &[
    "vvd",
    "pvda",
    "cda",
    "d66",
    "groenlinks",
    "pvv",
    "sp",
    "christenunie",
    "sgp",
    "partij voor de dieren",
    "bbb",
    "nsc",
    "ja21",
    "volt",
    "denk",
    "fvd",
    "forum voor democratie",
    "n-va",
    "vooruit",
    "vlaams belang",
    "open vld",
    "cd&v",
    "groen",
    "pvda-ptb",
    "ptb",
    "ecolo",
    "les engagés",
    "défi",
    "labour",
    "conservative party",
];

/// True for bytes inside a word token: ASCII alphanumerics and any byte of a multi-byte character.
#[inline(always)]
pub(crate) fn wordish(b: u8) -> bool {
    WORDISH[b as usize]
}

static WORDISH: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || b >= 0x80;
        i += 1;
    }
    t
};

/// Case folding on UTF-8 bytes without decoding: ASCII, plus Latin-1 capitals (`C3 80..9E` → `C3 A0..BE`).
#[inline(always)]
pub(crate) fn fold(prev: u8, b: u8) -> u8 {
    if b < 0x80 {
        LOWER[b as usize]
    } else if prev == 0xC3 && (0x80..=0x9E).contains(&b) && b != 0x97 {
        b + 0x20
    } else {
        b
    }
}

static LOWER: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = (i as u8).to_ascii_lowercase();
        i += 1;
    }
    t
};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// One byte into a word hash: rotate and xor a random per-byte word (two-cycle dependency chain, no multiply).
/// Collisions only cost a verification: every candidate is compared byte by byte.
#[inline(always)]
pub(crate) fn step(h: u64, b: u8) -> u64 {
    h.rotate_left(7) ^ MIX[b as usize]
}

static MIX: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut x: u64 = FNV_PRIME ^ 0x9E37_79B9_7F4A_7C15;
    let mut i = 0;
    while i < 256 {
        // splitmix64
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        t[i] = z ^ (z >> 31);
        i += 1;
    }
    t
};

pub(crate) fn hash_folded(s: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    let mut prev = 0;
    for &b in s {
        h = step(h, fold(prev, b));
        prev = b;
    }
    h
}

pub(crate) const HASH_START: u64 = FNV_OFFSET;

/// Hash of a whole word from its first 16 bytes and its length, case-folded by setting bit 5 of every byte
/// (ASCII letters and the second byte of Latin-1 capitals; digits already have it). O(1) per word: the
/// tokenising pass no longer hashes byte by byte. Collisions only cost a verification.
#[inline(always)]
pub(crate) fn word_hash(text: &[u8], s: usize, n: usize) -> u64 {
    let (w0, w1) = load16(text, s);
    mix(w0, w1, n)
}

/// `word_hash` of a word of `n` bytes and of its first four, from its first 16 bytes.
#[inline(always)]
pub(crate) fn word_hashes_of((w0, w1): (u64, u64), n: usize) -> (u64, u64) {
    (mix(w0, w1, n), mix(w0, 0, 4))
}

/// The 16 bytes at `s` (zero-padded past the text's end) and the key of the word `s..s + n` in [`WordCache`]:
/// its first bytes, unfolded, zero past its end (a word's bytes are never zero, so the key is exact and also
/// fixes its length), or `[0, 0]` for a word of 16 bytes or more, which the cache does not keep.
#[inline(always)]
pub(crate) fn word_key(text: &[u8], s: usize, n: usize) -> ((u64, u64), [u64; 2]) {
    let w = load16(text, s);
    (w, cache_key(w, n))
}

/// The [`WordCache`] key of a word of `n` bytes whose first 16 bytes are `w` (see [`word_key`]).
#[inline(always)]
fn cache_key((w0, w1): (u64, u64), n: usize) -> [u64; 2] {
    let [m0, m1] = KEY_MASKS[n.min(16)];
    [w0 & m0, w1 & m1]
}

/// The 16 bytes at `s`, zero-padded past the end of the text.
#[inline(always)]
pub(crate) fn load16(text: &[u8], s: usize) -> (u64, u64) {
    if let Some(w) = text.get(s..).and_then(|r| r.first_chunk::<16>()) {
        let (a, c) = w.split_at(8);
        let a: [u8; 8] = a.try_into().unwrap_or_default();
        let c: [u8; 8] = c.try_into().unwrap_or_default();
        (u64::from_le_bytes(a), u64::from_le_bytes(c))
    } else {
        let mut a = [0u8; 16];
        let k = text.len().saturating_sub(s).min(16);
        a[..k].copy_from_slice(&text[s..s + k]);
        let mut x = [0u8; 8];
        let mut y = [0u8; 8];
        x.copy_from_slice(&a[..8]);
        y.copy_from_slice(&a[8..]);
        (u64::from_le_bytes(x), u64::from_le_bytes(y))
    }
}

/// The masks of the first `k` of 16 bytes, as two words: a table instead of variable shifts.
static LEN_MASKS: [[u64; 2]; 17] = {
    let mut t = [[0u64; 2]; 17];
    let mut k = 0;
    while k <= 16 {
        let k0 = if k < 8 { k } else { 8 };
        t[k] = [
            ((1u128 << (8 * k0)) - 1) as u64,
            ((1u128 << (8 * (k - k0))) - 1) as u64,
        ];
        k += 1;
    }
    t
};

/// The masks of a [`WordCache`] key: the first `k` bytes for `k` up to 15, nothing for longer words (byte 15
/// holds the cached verdict).
static KEY_MASKS: [[u64; 2]; 17] = {
    let mut t = LEN_MASKS;
    t[16] = [0, 0];
    t
};

/// Folds and masks the first `min(n, 16)` bytes of a word and mixes them with its length.
#[inline(always)]
fn mix(w0: u64, w1: u64, n: usize) -> u64 {
    // Masks of the first min(n, 16) bytes without branches (word lengths are unpredictable).
    let [m0, m1] = LEN_MASKS[n.min(16)];
    let w0 = (w0 | 0x2020_2020_2020_2020) & m0;
    let w1 = (w1 | 0x2020_2020_2020_2020) & m1;
    let h = (w0 ^ (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
        ^ w1.wrapping_mul(0x1656_67B1_9E37_79F9);
    h ^ (h >> 31)
}

/// `word_hash` of a standalone byte string (patterns and list entries).
pub(crate) fn word_hash_of(w: &[u8]) -> u64 {
    word_hash(w, 0, w.len())
}

/// The keys are already hashes.
#[derive(Default)]
pub(crate) struct IdHasher(u64);
impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {}
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}
pub(crate) type IdMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<IdHasher>>;

/// A set of word hashes with a 64 Kbit bitmap in front, so most lookups cost one cached bit test.
pub(crate) struct WordSet<V> {
    bloom: Vec<u64>,
    map: IdMap<V>,
}

/// Blocks of the gate's filter of whole words (32 KB).
const FIRST_BLOCKS: usize = 4096;
/// Slots of the gate's table of stem starts and compound-head ends (8 KB; with about a hundred keys, about 1%
/// false positives per test).
const AFFIX_SLOTS: usize = 1 << 13;
/// Flags of an affix slot: the key of a stem start or a compound-head end, of four bytes or of six.
const STEM4: u8 = 1;
const STEM6: u8 = 2;
const TAIL4: u8 = 4;
const TAIL6: u8 = 8;
/// Tells a capitalised word's key from the same word's lowercase key (first names count only capitalised).
const CAP_SALT: u64 = 0x5851_F42D_4C95_7F2D;
/// The key of a word that opens a keyword of several words (or a word and punctuation), whatever follows it:
/// only then do the bytes that follow the word count (see [`WordGate::follows`]).
const OPENS_SALT: u64 = 0x2545_F491_4F6C_DD1D;
/// Bit 5 of every byte: the case folding of `word_hash`.
const FOLD: u64 = 0x2020_2020_2020_2020;

/// The test per word of the keyword pass: it lets through every word on which the slow path can act (a first
/// name, a prose intro word, the first word of a keyword that verifies there, a word that starts with a stem, a
/// word that ends with a compound head), and few others. Exact because it is a superset: for a word it turns
/// away, the slow path finds nothing. Three blocked bloom filters, each probed with one load whatever the
/// number of keys tested in the block:
/// - whole words, in the block of the word's hash `h`: the word itself (keywords of one word, intro words, and
///   with `CAP_SALT` first names, which only capitalised words can be, and those keywords again), or the word
///   with the one or two bytes that follow it (keywords of several words, or a word and punctuation: "de heer",
///   "klant:"), so that a frequent function word is let through only when the text goes on like a keyword;
///   and such an opening word once more with `OPENS_SALT`, so that the verdict on a word's own bytes says
///   whether the bytes after it need testing ([`WordGate::follows`]) and can be kept in a [`WordCache`];
/// - the first four bytes of a word (stems of four or five bytes) or its first six (longer stems), and the last
///   four bytes (compound heads of four or five bytes) or the last six (longer heads): one byte table, a flag
///   per kind of key, one load per key.
///
/// Every key is built from bytes with bit 5 set: `fold` maps a byte to the same byte or to it plus 0x20, so a
/// text that `verify` or `stem_at` matches against a pattern gives the pattern's key. (A stem's test is
/// `stem_at`'s hash, which the first six bytes cannot see; the gate turns away a word only when its first bytes
/// differ from every stem's, where a match could only be a hash collision.)
pub(crate) struct WordGate {
    first: Box<[u64; FIRST_BLOCKS]>,
    affix: Box<[u8; AFFIX_SLOTS]>,
    /// Tells gates apart, so a [`WordCache`] serves only the gate that filled it.
    id: u64,
}

/// The gate's verdict on one word from its own bytes, as bits: whether the slow path must look at it as a whole
/// word (`WORD`), as the first word of a keyword of several words if the next bytes fit (`OPENS`), for a stem it
/// starts with (`STEM`), for a compound head it ends with (`TAIL`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Verdict(pub u8);

impl Verdict {
    pub(crate) const WORD: u8 = 1;
    pub(crate) const STEM: u8 = 2;
    pub(crate) const TAIL: u8 = 4;
    pub(crate) const OPENS: u8 = 8;

    #[inline(always)]
    pub(crate) fn has(self, bits: u8) -> bool {
        self.0 & bits != 0
    }
}

/// Slots of the cache of verdicts (64 KB).
const CACHE_SLOTS: usize = 1 << 12;

/// Slots of the cache of [`Finds`] (16 KB).
const FINDS_SLOTS: usize = 1 << 9;

#[inline(always)]
fn finds_slot(key: [u64; 2]) -> usize {
    WordCache::slot(key) % FINDS_SLOTS
}

/// What the exact lookups of the keyword pass's slow path found in a word (see `detect::Collect::word`), kept
/// for a word whose finds depend on its own bytes only: no pattern that was tested reads past the word. (What a
/// match adds may depend on the text before it, a party or a membership; `push_hit` tests that again for every
/// occurrence.) Most keywords of one word are such words ("offerte", "diagnose"), and a text repeats them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Finds {
    /// The word's [`WordCache`] key; an empty slot's is all ones, which no key equals.
    pub key: [u64; 2],
    /// A capitalised first name.
    pub first_name: bool,
    /// One of the prose rule's intro words.
    pub intro: bool,
    /// The pattern that matched at the word's start, and its length; `NO_PATTERN` for none.
    pub pattern: u32,
    pub len: u32,
}

impl Finds {
    pub(crate) const NO_PATTERN: u32 = u32::MAX;

    /// Nothing found: no first name, no intro word, no pattern.
    pub(crate) fn is_empty(&self) -> bool {
        !self.first_name && !self.intro && self.pattern == Finds::NO_PATTERN
    }
    const EMPTY: Finds = Finds {
        key: [u64::MAX; 2],
        first_name: false,
        intro: false,
        pattern: Finds::NO_PATTERN,
        len: 0,
    };
}

/// The key bytes of a [`WordCache`] entry's second word; its top byte is the verdict.
const KEY_LOW: u64 = (1 << 56) - 1;

/// The top bits of a [`WordCache`] entry that keeps [`WordGate::follows`]'s answer for a word and the two bytes
/// after it rather than a verdict (no verdict has them), and its answer: the bytes cannot go on like a keyword.
const PAIR: u64 = 0x80 << 56;
const PAIR_QUIET: u64 = 0x40 << 56;

/// The top bits of the entry of a word of at most eight bytes that only opens keywords of several words, with
/// [`WordGate::follows`]'s answers for a blank and each letter after it in bits 28 to 54 (bit 28 + `c` for the
/// letter `c` of the alphabet, set when a keyword may go on that way; bit 28 + 26, "other bytes", always set).
/// Such a word is settled by the same one load as a quiet word ("de", "op", "met" in running text). Its key's
/// second word is zero; a longer word with the same first eight bytes has its ninth byte in bits 0 to 7 of its
/// key's second word, which no such entry has there, so it never passes for one.
const FOLLOWS: u64 = 0x20 << 56;
const FOLLOW_SHIFT: u32 = 28;
const FOLLOW_BITS: u64 = ((1 << 27) - 1) << FOLLOW_SHIFT;
const OPENS_FOLLOWS: u64 = FOLLOWS | (Verdict::OPENS as u64) << 56;

/// The bit of `next` (the two bytes after a word, as [`next2`] reads them) in a [`FOLLOWS`] entry, counted from
/// [`FOLLOW_SHIFT`]: a blank then a letter, folded, is that letter's bit; anything else is bit 26.
#[inline(always)]
fn follow_bit(next: u16) -> u32 {
    let letter = ((next >> 8) as u8 | 0x20).wrapping_sub(b'a');
    if next as u8 == b' ' && letter < 26 {
        u32::from(letter)
    } else {
        26
    }
}

/// The gate's verdicts on words of at most 15 bytes, by the words' exact bytes, in a direct-mapped cache (one
/// per thread, kept from document to document). Running text repeats its words (a few thousand make up most of
/// any text), so most words are settled by one load and compare instead of the gate's hashes and table loads;
/// most of them have nothing for the slow path. Exact: the key is the word's bytes, not a hash, and the verdict
/// depends on those bytes only (what follows the word is tested apart, see [`WordGate::follows`]).
///
/// An entry is the key's two words with the verdict in the top byte of the second (byte 15 of a key is always
/// zero), so a lookup is one 16-byte entry. An empty entry is all ones, which no key equals: text is UTF-8 and
/// never holds the byte 0xFF. A word that opens keywords of several words also gets entries for the two bytes
/// that follow it ("de h", "op n"), keyed by its key with the bytes mixed into the first word and marked `PAIR`
/// in the top byte, which no verdict entry has: they keep [`WordGate::follows`]'s answer, the same for those
/// bytes whatever the text around them. A word of at most eight bytes that only opens keywords keeps those
/// answers for a blank and each letter in its own entry instead (marked `FOLLOWS`), so that the test of every
/// word is one load and one branch, whichever kind of word it is.
pub(crate) struct WordCache {
    gate: u64,
    /// The slow path's finds in words whose finds depend on their own bytes only (see [`Finds`]).
    finds: [Finds; FINDS_SLOTS],
    /// In the struct itself (the cache is boxed whole): a lookup is one load from the cache's address.
    entries: [[u64; 2]; CACHE_SLOTS],
}

impl WordCache {
    pub(crate) fn new() -> WordCache {
        WordCache {
            gate: 0,
            entries: [[u64::MAX; 2]; CACHE_SLOTS],
            finds: [Finds::EMPTY; FINDS_SLOTS],
        }
    }

    /// The finds kept for the word with `key` (from [`word_key`]).
    #[inline(always)]
    pub(crate) fn finds(&self, key: [u64; 2]) -> Option<Finds> {
        let f = self.finds[finds_slot(key)];
        (f.key == key).then_some(f)
    }

    /// Keeps the finds of a word of at most 15 bytes (a longer word's key is `[0, 0]` and is not kept).
    #[inline(always)]
    pub(crate) fn keep_finds(&mut self, f: Finds) {
        if f.key[0] != 0 {
            self.finds[finds_slot(f.key)] = f;
        }
    }

    /// Empties the cache if another gate filled it.
    pub(crate) fn serve(&mut self, gate: &WordGate) {
        if self.gate != gate.id {
            self.entries.fill([u64::MAX; 2]);
            self.finds.fill(Finds::EMPTY);
            self.gate = gate.id;
        }
    }

    /// The slot of a key.
    #[inline(always)]
    pub(crate) fn slot(key: [u64; 2]) -> usize {
        let x = (key[0] ^ key[1].rotate_left(23)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (x >> (64 - CACHE_SLOTS.trailing_zeros())) as usize
    }

    /// True when the verdict kept for the word of `n` bytes whose first 16 bytes are `w` says there is nothing in
    /// it for the slow path: the test of most words. A word that only opens keywords of several words is quiet
    /// when the bytes after it, `next` (the two bytes [`next2`] reads), cannot go on like one
    /// ([`WordGate::follows`]); that answer is kept too, under the word and those two bytes, folded.
    #[inline(always)]
    pub(crate) fn quiet(
        &mut self,
        gate: &WordGate,
        w: (u64, u64),
        n: usize,
        next: impl FnOnce() -> u16,
    ) -> bool {
        let next = next();
        self.quiet_at_once(w, n, next) || self.quiet_after_all(gate, w, n, next)
    }

    /// The one test of [`WordCache::quiet`]: the word's entry says the verdict is zero, or that it only opens
    /// keywords and none goes on with the bytes after it. Without a branch between the two kinds of word.
    #[inline(always)]
    pub(crate) fn quiet_at_once(&self, w: (u64, u64), n: usize, next: u16) -> bool {
        let key = cache_key(w, n);
        let e = self.entries[WordCache::slot(key) % CACHE_SLOTS];
        let x = e[1] ^ key[1];
        let same = e[0] == key[0];
        let follows =
            (x & !FOLLOW_BITS == OPENS_FOLLOWS) & (x >> (FOLLOW_SHIFT + follow_bit(next)) & 1 == 0);
        same & ((x == 0) | follows)
    }

    /// The rest of [`WordCache::quiet`] when the one test did not settle the word: a word that opens keywords
    /// of several words whose follow answer its entry does not hold, or holds as "maybe", is looked up (or
    /// tested and kept) under the two bytes after it. Out of line: the one test keeps fewer values alive.
    #[inline(never)]
    pub(crate) fn quiet_after_all(
        &mut self,
        gate: &WordGate,
        w: (u64, u64),
        n: usize,
        next: u16,
    ) -> bool {
        let key = cache_key(w, n);
        let e = self.entries[WordCache::slot(key) % CACHE_SLOTS];
        let x = e[1] ^ key[1];
        if e[0] != key[0]
            || x != u64::from(Verdict::OPENS) << 56 && x & !FOLLOW_BITS != OPENS_FOLLOWS
        {
            return false;
        }
        self.quiet_after(gate, w, n, key, next)
    }

    /// [`WordCache::quiet`] for a word that opens keywords of several words, followed by `next`.
    #[inline(always)]
    fn quiet_after(
        &mut self,
        gate: &WordGate,
        w: (u64, u64),
        n: usize,
        key: [u64; 2],
        next: u16,
    ) -> bool {
        let next = next | 0x2020;
        let pair = [key[0] ^ scramble(u64::from(next) | 1 << 17), key[1]];
        let slot = WordCache::slot(pair) % CACHE_SLOTS;
        let e = self.entries[slot];
        if e[0] == pair[0] && e[1] & !PAIR_QUIET == pair[1] | PAIR {
            return e[1] & PAIR_QUIET != 0;
        }
        let quiet = !gate.follows_next(word_hashes_of(w, n).0, next);
        self.entries[slot] = [pair[0], pair[1] | PAIR | (u64::from(quiet) * PAIR_QUIET)];
        quiet
    }

    /// The verdict kept for the word with `key` (from [`word_key`]), in its `slot`. A word of 16 bytes or more
    /// has the key `[0, 0]`, which no entry holds: its first byte is never zero.
    #[inline(always)]
    pub(crate) fn get(&self, slot: usize, key: [u64; 2]) -> Option<Verdict> {
        // A no-op on `slot`'s values that lets the compiler drop the bounds check.
        let e = &self.entries[slot % CACHE_SLOTS];
        // A `FOLLOWS` entry's low bits are its answers, not key bytes (its key's second word is zero).
        let low = if e[1] & FOLLOWS != 0 {
            0
        } else {
            e[1] & KEY_LOW
        };
        if (e[0] ^ key[0]) | ((e[1] & PAIR) | low) ^ key[1] == 0 {
            Some(Verdict((e[1] >> 56) as u8 & !((FOLLOWS >> 56) as u8)))
        } else {
            None
        }
    }

    /// Keeps the verdict of a word of at most 15 bytes (a longer word's key is `[0, 0]` and is not kept), whose
    /// word hash is `h`. A word of at most eight bytes that only opens keywords keeps the follow test's answers
    /// with it (see [`FOLLOWS`]).
    #[inline(always)]
    pub(crate) fn insert(
        &mut self,
        gate: &WordGate,
        slot: usize,
        key: [u64; 2],
        h: u64,
        v: Verdict,
    ) {
        if key[0] == 0 {
            return;
        }
        self.entries[slot % CACHE_SLOTS] = if v.0 == Verdict::OPENS && key[1] == 0 {
            let answers = (0..26u8).fold(1 << 26, |m, c| {
                m | u64::from(gate.follows_next(h, u16::from_le_bytes([b' ', b'a' + c]))) << c
            }) << FOLLOW_SHIFT;
            [key[0], OPENS_FOLLOWS | answers]
        } else {
            [key[0], key[1] | u64::from(v.0) << 56]
        };
    }
}

/// The affix slot of key `k`: its top bits, the best mixed of a product.
#[inline(always)]
fn affix_slot(k: u64) -> usize {
    (k >> (64 - AFFIX_SLOTS.trailing_zeros())) as usize
}

/// Two bit positions from the low 12 bits of a mixed key.
#[inline(always)]
fn bloom_bits(k: u64) -> u64 {
    (1u64 << (k & 63)) | (1u64 << ((k >> 6) & 63))
}

/// One multiply, then the high bits folded into the low ones (which give the bit positions).
#[inline(always)]
fn scramble(x: u64) -> u64 {
    let k = x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    k ^ (k >> 29)
}

#[inline(always)]
fn has(block: u64, bits: u64) -> bool {
    block & bits == bits
}

/// The key of a word followed by byte `c`.
#[inline(always)]
fn next1_key(h: u64, c: u8) -> u64 {
    h ^ MIX[usize::from(c | 0x20)]
}

/// The key of a word followed by the two bytes of `c` (little-endian).
#[inline(always)]
fn next2_key(h: u64, c: u16) -> u64 {
    h ^ scramble(u64::from(c | 0x2020) | 1 << 16)
}

/// Keys of a stem start of four bytes and of one of six, from the word's first eight bytes.
#[inline(always)]
fn stem_keys(first8: u64) -> (u64, u64) {
    let x = first8 | FOLD;
    (
        (x & 0xFFFF_FFFF).wrapping_mul(0x9E37_79B9_7F4A_7C15),
        (x & 0xFFFF_FFFF_FFFF).wrapping_mul(0xC2B2_AE3D_27D4_EB4F),
    )
}

/// Keys of a compound-head end of four bytes and of one of six, from the word's last eight bytes.
#[inline(always)]
fn tail_keys(last8: u64) -> (u64, u64) {
    let x = last8 | FOLD;
    (
        (x >> 32).wrapping_mul(0x9E37_79B9_7F4A_7C15),
        (x >> 16).wrapping_mul(0xC2B2_AE3D_27D4_EB4F),
    )
}

/// The eight bytes at `s` (little-endian), zero past the text's end.
#[inline(always)]
pub(crate) fn first8(b: &[u8], s: usize) -> u64 {
    let mut a = [0u8; 8];
    match b.get(s..s + 8) {
        Some(x) => a.copy_from_slice(x),
        None => {
            let x = b.get(s..).unwrap_or(&[]);
            a[..x.len()].copy_from_slice(x);
        }
    }
    u64::from_le_bytes(a)
}

/// The eight bytes before `e` (little-endian, byte `e - 1` highest), zero before the text's start.
#[inline(always)]
pub(crate) fn last8(b: &[u8], e: usize) -> u64 {
    let mut a = [0u8; 8];
    match e.checked_sub(8).and_then(|s| b.get(s..e)) {
        Some(x) => a.copy_from_slice(x),
        None => {
            let x = b.get(..e).unwrap_or(&[]);
            a[8 - x.len()..].copy_from_slice(x);
        }
    }
    u64::from_le_bytes(a)
}

/// The two bytes at `e` (little-endian), zero past the text's end.
#[inline(always)]
pub(crate) fn next2(b: &[u8], e: usize) -> u16 {
    match b.get(e..e + 2) {
        Some(x) => u16::from_le_bytes([x[0], x[1]]),
        None => b.get(e).map_or(0, |&c| u16::from(c)),
    }
}

impl WordGate {
    /// `names`: the hashes of first names.
    pub(crate) fn build(lex: &Lexicon, names: impl Iterator<Item = u64>) -> WordGate {
        static GATES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let mut first = Box::new([0u64; FIRST_BLOCKS]);
        let mut affix = Box::new([0u8; AFFIX_SLOTS]);
        let block = |h: u64| (h >> 40) as usize % FIRST_BLOCKS;
        for p in &lex.pats {
            let n = p.first_len;
            if n == 0 {
                continue;
            }
            let h = word_hash_of(&p.bytes[..n]);
            match p.bytes.len() - n {
                0 => {
                    first[block(h)] |= bloom_bits(h) | bloom_bits(h ^ CAP_SALT);
                }
                1 => {
                    first[block(h)] |= bloom_bits(next1_key(h, p.bytes[n]))
                        | bloom_bits(h ^ OPENS_SALT)
                        | bloom_bits(h ^ CAP_SALT ^ OPENS_SALT);
                }
                _ => {
                    first[block(h)] |= bloom_bits(next2_key(
                        h,
                        u16::from_le_bytes([p.bytes[n], p.bytes[n + 1]]),
                    )) | bloom_bits(h ^ OPENS_SALT)
                        | bloom_bits(h ^ CAP_SALT ^ OPENS_SALT);
                }
            }
            let single_stem = n == p.bytes.len() && p.entries.iter().any(|e| e.stem);
            if single_stem && n >= 4 {
                let (k4, k6) = stem_keys(first8(&p.bytes, 0));
                if n >= 6 {
                    affix[affix_slot(k6)] |= STEM6;
                } else {
                    affix[affix_slot(k4)] |= STEM4;
                }
            }
        }
        for w in crate::names::PERSON_INTRO {
            let h = word_hash_of(w.as_bytes());
            first[block(h)] |= bloom_bits(h);
        }
        for h in names {
            first[block(h)] |= bloom_bits(h ^ CAP_SALT);
        }
        for t in &lex.tails {
            let n = t.bytes.len();
            let (k4, k6) = tail_keys(last8(&t.bytes, n));
            if n >= 6 {
                affix[affix_slot(k6)] |= TAIL6;
            } else {
                affix[affix_slot(k4)] |= TAIL4;
            }
        }
        WordGate {
            first,
            affix,
            id: GATES.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// The verdict on word `s..e` of `b` (whose whole-word hash is `h` and whose first eight bytes are
    /// `first8`): whether it may be a keyword of one word, a first name or an intro word (`WORD`), open a
    /// keyword of several words (`OPENS`: then [`WordGate::follows`] decides), start with a stem, end with a
    /// compound head. Only the word's own bytes count. No branch.
    #[inline(always)]
    pub(crate) fn test(&self, b: &[u8], s: usize, e: usize, h: u64, first8: u64) -> Verdict {
        let n = e - s;
        let c = first8 as u8;
        let cap = (c.wrapping_sub(b'A') < 26) | (c >= 0xC3);
        let blk = self.first[(h >> 40) as usize % FIRST_BLOCKS];
        let cased = h ^ (CAP_SALT & 0u64.wrapping_sub(u64::from(cap)));
        let itself = has(blk, bloom_bits(cased));
        let opens = has(blk, bloom_bits(cased ^ OPENS_SALT));
        let (s4, s6) = stem_keys(first8);
        let a = &self.affix;
        let stem = ((n >= 4) & (a[affix_slot(s4)] & STEM4 != 0))
            | ((n >= 6) & (a[affix_slot(s6)] & STEM6 != 0));
        let (t4, t6) = tail_keys(last8(b, e));
        let tail = (n >= 7) & ((a[affix_slot(t4)] & TAIL4 != 0) | (a[affix_slot(t6)] & TAIL6 != 0));
        Verdict(
            (u8::from(itself) * Verdict::WORD)
                | (u8::from(opens) * Verdict::OPENS)
                | (u8::from(stem) * Verdict::STEM)
                | (u8::from(tail) * Verdict::TAIL),
        )
    }

    /// Whether the word whose whole-word hash is `h`, which may open a keyword of several words, is followed at
    /// `e` by bytes that may go on like one (the keyword's next byte or two: "de heer", "klant:").
    #[inline(always)]
    pub(crate) fn follows(&self, b: &[u8], e: usize, h: u64) -> bool {
        self.follows_next(h, next2(b, e))
    }

    /// [`WordGate::follows`] with the two bytes after the word, `next`, as [`next2`] reads them.
    #[inline(always)]
    pub(crate) fn follows_next(&self, h: u64, next: u16) -> bool {
        let blk = self.first[(h >> 40) as usize % FIRST_BLOCKS];
        has(blk, bloom_bits(next1_key(h, next as u8))) | has(blk, bloom_bits(next2_key(h, next)))
    }
}

impl<V> WordSet<V> {
    pub(crate) fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.map.keys().copied()
    }

    pub(crate) fn new() -> Self {
        WordSet {
            bloom: vec![0; 1024],
            map: IdMap::default(),
        }
    }
    pub(crate) fn entry(&mut self, h: u64) -> &mut V
    where
        V: Default,
    {
        let bit = ((h ^ (h >> 29)) as usize) & 0xFFFF;
        self.bloom[bit >> 6] |= 1 << (bit & 63);
        self.map.entry(h).or_default()
    }
    #[inline(always)]
    pub(crate) fn get(&self, h: u64) -> Option<&V> {
        let bit = ((h ^ (h >> 29)) as usize) & 0xFFFF;
        if self.bloom[bit >> 6] & (1 << (bit & 63)) == 0 {
            return None;
        }
        self.map.get(&h)
    }
}

pub(crate) struct Pattern {
    /// Lowercase bytes.
    pub bytes: Vec<u8>,
    pub entries: Vec<Entry>,
    /// Length of the first word token of the pattern.
    pub first_len: usize,
}

/// Keyword matcher: one tokenising pass; each word's folded hash is looked up in a table keyed by the first word
/// of every pattern (and by stems, at the stem lengths, while the word is being hashed). Candidates are then
/// verified byte by byte. Unlike a large case-insensitive automaton this stays in L1 cache.
pub(crate) struct Lexicon {
    pub pats: Vec<Pattern>,
    /// First-token hash → candidate patterns, longest first.
    pub first: FirstTable,
    /// Stem hash → pattern ids (single-token stems, matched on word prefixes).
    pub stems: WordSet<Vec<u32>>,
    /// Hashes of the first four bytes of every stem: a word is checked against stems only when it starts like one.
    pub stem4: WordSet<()>,
    /// Heads of Dutch compounds (`TAILS`), matched at the end of a longer word.
    pub tails: Vec<Pattern>,
    /// Hash of the last four bytes of every tail → tail ids.
    pub tail4: WordSet<Vec<u32>>,
}

impl Lexicon {
    pub(crate) fn build() -> Lexicon {
        let mut pats: Vec<Pattern> = Vec::new();
        let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut push = |p: &str, kw: Kw| {
            let (p, stem) = match p.strip_suffix('*') {
                Some(s) => (s, true),
                None => (p, false),
            };
            let bytes = p.to_lowercase().into_bytes();
            let i = *index.entry(bytes.clone()).or_insert_with(|| {
                let first_len = bytes.iter().take_while(|&&b| wordish(b)).count();
                pats.push(Pattern {
                    bytes,
                    entries: Vec::new(),
                    first_len,
                });
                pats.len() - 1
            });
            pats[i].entries.push(Entry { kw, stem });
        };
        for &(p, kw) in TABLE {
            push(p, kw);
        }
        for &(p, c) in SPECIAL {
            match p.strip_suffix('~') {
                Some(w) => push(w, Kw::Special(c, true)),
                None => push(p, Kw::Special(c, false)),
            }
        }
        for &p in PARTIES {
            push(p, Kw::Party);
        }
        for &(p, c) in MEMBER {
            push(p, Kw::Member(c));
        }
        for &p in PREFIX {
            push(p, Kw::StreetPrefix);
        }
        let mut first: WordSet<Vec<u32>> = WordSet::new();
        let mut stems: WordSet<Vec<u32>> = WordSet::new();
        let mut stem4: WordSet<()> = WordSet::new();
        for (i, p) in pats.iter().enumerate() {
            if p.first_len == 0 {
                continue;
            }
            let single_stem = p.first_len == p.bytes.len() && p.entries.iter().any(|e| e.stem);
            if single_stem && p.bytes.len() >= 4 {
                stems.entry(hash_folded(&p.bytes)).push(i as u32);
                stem4.entry(word_hash_of(&p.bytes[..4]));
            }
            first
                .entry(word_hash_of(&p.bytes[..p.first_len]))
                .push(i as u32);
        }
        for set in [&mut first, &mut stems] {
            for v in set.map.values_mut() {
                v.sort_by_key(|&i| std::cmp::Reverse(pats[i as usize].bytes.len()));
            }
        }
        let first = FirstTable::build(&first.map, &pats, crate::names::PERSON_INTRO);
        let mut tails = Vec::new();
        let mut tail4: WordSet<Vec<u32>> = WordSet::new();
        for &(p, kw) in TAILS {
            let (p, kw) = match (p.strip_suffix('~'), kw) {
                (Some(w), Kw::Special(c, _)) => (w, Kw::Special(c, true)),
                (None, Kw::Special(c, _)) => (p, Kw::Special(c, false)),
                (w, kw) => (w.unwrap_or(p), kw),
            };
            let bytes = p.to_lowercase().into_bytes();
            if bytes.len() < 4 {
                continue;
            }
            tail4
                .entry(word_hash_of(&bytes[bytes.len() - 4..]))
                .push(tails.len() as u32);
            tails.push(Pattern {
                first_len: bytes.len(),
                bytes,
                entries: vec![Entry { kw, stem: false }],
            });
        }
        Lexicon {
            pats,
            first,
            stems,
            stem4,
            tails,
            tail4,
        }
    }

    /// A compound head that word `b[s..e]` ends with, leaving a modifier of at least three bytes before it
    /// ("knie|operatie", "rug|klachten", "fysio|therapeut"). Needs `e - s >= 7`.
    pub(crate) fn tail_at(&self, b: &[u8], s: usize, e: usize) -> Option<&Pattern> {
        let ids = self.tail4.get(word_hash(b, e - 4, 4))?;
        ids.iter().map(|&id| &self.tails[id as usize]).find(|t| {
            let n = t.bytes.len();
            e - s >= n + 3 && b[e - n - 1] < 0x80 && self.verify(b, e - n, t).is_some()
        })
    }

    /// The longest stem that word `b[s..e]` starts with.
    pub(crate) fn stem_at(&self, b: &[u8], s: usize, e: usize) -> Option<u32> {
        let mut h = HASH_START;
        let mut prev = if s > 0 { b[s - 1] } else { 0 };
        let mut best = None;
        for (k, &c) in b[s..e].iter().enumerate() {
            h = step(h, fold(prev, c));
            prev = c;
            if k + 1 >= 4
                && let Some(ids) = self.stems.get(h)
            {
                best = ids.first().copied();
            }
        }
        best
    }

    /// Does pattern `p` match at `s` (folded compare)? Returns its end.
    #[inline]
    pub(crate) fn verify(&self, b: &[u8], s: usize, p: &Pattern) -> Option<usize> {
        let e = s + p.bytes.len();
        if e > b.len() {
            return None;
        }
        let mut prev = if s > 0 { b[s - 1] } else { 0 };
        for (k, &pb) in p.bytes.iter().enumerate() {
            let c = b[s + k];
            if fold(prev, c) != pb {
                return None;
            }
            prev = c;
        }
        Some(e)
    }
}

/// A pattern that a first word may open, with its first 16 bytes as two masked words: one compare rejects most
/// candidates before the byte-by-byte `verify`. The test is a superset of `verify` on those bytes: a pattern
/// byte that is an ASCII letter or in `A0..=BF` (the second byte of a Latin-1 letter, which `fold` may have
/// raised by 0x20) is compared with bit 5 of the text byte set, every other byte exactly.
#[derive(Clone, Copy)]
pub(crate) struct Cand {
    pub id: u32,
    pub first_len: u32,
    /// One of the pattern's entries may run on into a longer word.
    pub stem: bool,
    pat: [u64; 2],
    or: [u64; 2],
    and: [u64; 2],
}

impl Cand {
    fn new(id: u32, p: &Pattern) -> Cand {
        let (mut pat, mut or, mut and) = ([0u8; 16], [0u8; 16], [0u8; 16]);
        for (k, &c) in p.bytes.iter().take(16).enumerate() {
            pat[k] = c;
            or[k] = if c.is_ascii_alphabetic() || (0xA0..=0xBF).contains(&c) {
                0x20
            } else {
                0
            };
            and[k] = 0xFF;
            if or[k] != 0 {
                // Compared as `c | 0x20`: the pattern byte must carry bit 5 itself (lowercase letters and
                // `A0..=BF` do; anything else is compared exactly).
                pat[k] |= 0x20;
            }
        }
        let w = |a: &[u8; 16]| {
            let mut x = [0u8; 8];
            let mut y = [0u8; 8];
            x.copy_from_slice(&a[..8]);
            y.copy_from_slice(&a[8..]);
            [u64::from_le_bytes(x), u64::from_le_bytes(y)]
        };
        Cand {
            id,
            first_len: p.first_len as u32,
            stem: p.entries.iter().any(|e| e.stem),
            pat: w(&pat),
            or: w(&or),
            and: w(&and),
        }
    }

    /// False when the 16 text bytes at the word's start (`w`, zero-padded past the text's end) cannot match.
    #[inline(always)]
    pub(crate) fn may_match(&self, w: (u64, u64)) -> bool {
        ((w.0 | self.or[0]) & self.and[0]) ^ self.pat[0]
            | ((w.1 | self.or[1]) & self.and[1]) ^ self.pat[1]
            == 0
    }
}

const USED: u64 = 1 << 63;
const INTRO: u64 = 1 << 62;

/// First-word hash → candidate patterns: open addressing with linear probing over a power-of-two table of
/// keys, the candidates of one key contiguous (longest pattern first).
pub(crate) struct FirstTable {
    keys: Box<[u64]>,
    /// `USED`, `INTRO`, start (low 32 bits) and count (bits 32..48) of the key's candidates; 0 marks an empty
    /// slot.
    info: Box<[u64]>,
    cands: Vec<Cand>,
    mask: usize,
}

impl FirstTable {
    /// `map`: first-word hash → pattern ids; `intro`: words whose occurrences the prose rule wants listed.
    fn build(map: &IdMap<Vec<u32>>, pats: &[Pattern], intro: &[&str]) -> FirstTable {
        let mut all: Vec<(u64, &[u32], bool)> = map
            .iter()
            .map(|(&h, ids)| (h, ids.as_slice(), false))
            .collect();
        for w in intro {
            let h = word_hash_of(w.as_bytes());
            match all.iter_mut().find(|e| e.0 == h) {
                Some(e) => e.2 = true,
                None => all.push((h, &[], true)),
            }
        }
        all.sort_by_key(|e| e.0);
        let size = (all.len() * 3).next_power_of_two().max(16);
        let mut keys = vec![0u64; size].into_boxed_slice();
        let mut info = vec![0u64; size].into_boxed_slice();
        let mut cands = Vec::new();
        for (h, ids, is_intro) in all {
            let start = cands.len();
            cands.extend(ids.iter().map(|&id| Cand::new(id, &pats[id as usize])));
            let n = cands.len() - start;
            assert!(n < 1 << 16 && start < 1 << 32, "first-word table layout");
            let mut i = Self::slot(h, size - 1);
            while info[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            keys[i] = h;
            info[i] = USED | if is_intro { INTRO } else { 0 } | start as u64 | (n as u64) << 32;
        }
        FirstTable {
            keys,
            info,
            cands,
            mask: size - 1,
        }
    }

    #[inline(always)]
    fn slot(h: u64, mask: usize) -> usize {
        (h >> 20) as usize & mask
    }

    /// The candidates of first-word hash `h` (empty when no pattern opens with such a word), and whether the
    /// hash is one of a prose intro word.
    #[inline]
    pub(crate) fn get(&self, h: u64) -> (&[Cand], bool) {
        let mut i = Self::slot(h, self.mask);
        loop {
            let v = self.info[i];
            if v == 0 {
                return (&[], false);
            }
            if self.keys[i] == h {
                let start = (v & 0xFFFF_FFFF) as usize;
                let n = ((v >> 32) & 0xFFFF) as usize;
                return (&self.cands[start..start + n], v & INTRO != 0);
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Verdict, WordCache, word_hashes_of, word_key};

    /// A cached word is quiet exactly when its verdict is empty, or when it only opens keywords and the follow
    /// test rejects the two bytes after it: for words of every length the cache handles (the answers kept in the
    /// entry of a short word, the pair entries of a long one) and every byte after a blank, a comma or a line
    /// break, asked twice (computed, then kept).
    #[test]
    fn cached_answers_equal_the_gate() {
        let det = crate::Detector::new();
        let gate = &det.gate;
        let mut cache = Box::new(WordCache::new());
        cache.serve(gate);
        let words = [
            "de",
            "De",
            "in",
            "op",
            "is",
            "met",
            "van",
            "aan",
            "voor",
            "document",
            "documentatie",
            "vriendelijke",
            "geachte",
            "offerte",
            "zomer",
            "tafel",
            "BSN",
        ];
        let mut opening = 0;
        for word in words {
            let b = word.as_bytes();
            let n = b.len();
            let (w, key) = word_key(b, 0, n);
            let h = word_hashes_of(w, n).0;
            let v = gate.test(b, 0, n, h, w.0);
            let slot = WordCache::slot(key);
            cache.insert(gate, slot, key, h, v);
            assert_eq!(cache.get(slot, key).map(|v| v.0), Some(v.0), "{word}");
            opening += usize::from(v.0 == Verdict::OPENS);
            for first in [b' ', b',', b'\n'] {
                for second in 0..=255u8 {
                    let next = u16::from_le_bytes([first, second]);
                    let want = v.0 == 0 || v.0 == Verdict::OPENS && !gate.follows_next(h, next);
                    for round in 0..2 {
                        let got = cache.quiet(gate, w, n, || next);
                        assert_eq!(got, want, "{word} {first} {second} round {round}");
                    }
                }
            }
            // The pair entries may have taken the word's slot: its verdict is computed again, as in a scan.
            if cache.get(slot, key).is_none() {
                cache.insert(gate, slot, key, h, v);
            }
        }
        assert!(opening >= 5, "too few opening words to test: {opening}");
    }
}
