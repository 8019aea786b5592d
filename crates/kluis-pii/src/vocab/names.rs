//! Name cues: particles, words that end or rule out a name, labels, greetings and closings, title words, the
//! words that introduce a person in running text. The name lists themselves are in `data/`.

/// Name particles (tussenvoegsels and their French/German/Arabic counterparts), lowercase.
pub(crate) const PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "het", "'t", "’t", "ter", "ten", "te", "in", "'s", "’s", "op", "la",
    "le", "du", "des", "di", "da", "von", "vom", "zu", "el", "al", "ben", "bin", "dos", "das",
    "del", "d'", "l'", "vd", "v.d.", "uit", "aan", "onder", "bij", "tot", "voor", "over", "dalla",
    "della", "dei", "lo", "ibn", "abu", "mac", "o'",
];

/// Capitalised words that end a name or show that a sequence is not a person.
#[rustfmt::skip]
pub(crate) const STOP: &[&str] = &[
    // organisations and their parts
    "bv", "b.v.", "nv", "n.v.", "vof", "v.o.f.", "cv", "bvba", "sprl", "srl", "sa", "asbl", "vzw", "gmbh", "ltd",
    "inc", "llc", "plc", "holding", "groep", "group", "beheer", "stichting", "vereniging", "bank", "gemeente",
    "provincie", "ministerie", "belastingdienst", "klantenservice", "administratie", "afdeling", "team", "dienst",
    "directie", "secretariaat", "redactie", "receptie", "boekhouding", "personeelszaken", "inkoop", "verkoop",
    "support", "helpdesk", "info", "sales", "service", "services", "webshop", "webwinkel", "winkel", "kantoor",
    "bedrijf", "company", "royal", "koninklijke", "international", "nederland", "belgië", "belgie", "partners",
    "consultancy", "advies", "media", "logistics", "transport", "techniek", "installatie", "bouw", "zorg",
    "school", "universiteit", "hogeschool", "ziekenhuis", "praktijk", "apotheek", "kliniek", "cao",
    // document words that are often capitalised
    "factuur", "invoice", "facture", "datum", "date", "nummer", "adres", "adresse", "postcode", "plaats", "woonplaats",
    "telefoon", "tel", "e-mail", "email", "mail", "iban", "bic", "btw", "kvk", "bsn", "totaal", "bedrag", "omschrijving",
    "aantal", "prijs", "artikel", "betreft", "onderwerp", "subject", "geachte", "beste", "dear", "hallo", "met",
    "vriendelijke", "groet", "groeten", "hoogachtend", "bijlage", "pagina", "page", "naam", "name", "nom", "surname",
    "given", "names", "voornamen", "geboortedatum", "geldig", "documentnummer", "persoonsnummer", "werknemer",
    "werkgever", "medewerker", "opdrachtgever", "opdrachtnemer", "partijen", "contactpersoon", "klant", "klanten",
    "leverancier", "betaling", "loonstrook", "salaris", "netto", "bruto", "ziekmelding", "sollicitatie",
    "overeenkomst", "contract", "kopie", "identiteitsbewijs", "paspoort", "passport", "identiteitskaart",
    "rijbewijs", "nieuwsbrief", "aanmelding", "klacht", "demande", "productinformatie", "garantie", "levertijd",
    "vacature", "functie", "ervaring", "motivatie", "gesprek", "from", "to", "cc", "van", "aan", "sent", "verzonden",
    "mevrouw", "meneer", "dhr", "mevr", "madame", "monsieur", "mme", "mr", "mrs", "ms", "dr", "drs", "ir", "ing",
    "prof", "de", "het", "een", "ik", "wij", "we", "u", "uw", "jij", "je", "hij", "zij", "ze", "wie", "wat", "waar",
    "hoe", "als", "dan", "dus", "maar", "en", "of", "op", "in", "bij", "voor", "na", "om", "tot", "uit", "over", "onder",
    "per", "zonder", "graag", "hierbij", "namens", "tevens", "verder", "daarnaast", "bovendien", "helaas", "gelieve",
    "vragen", "bestellen", "dank", "bedankt", "thanks", "the", "and", "le", "la", "les", "des", "du", "un", "une",
    "je", "vous", "nous", "mon", "ma", "mes", "votre", "pour", "avec", "sur", "dans", "par", "veuillez",
    "salutations", "cordialement", "bonjour", "cher", "chère", "objet", "référence", "montant", "total",
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
    "december", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "january",
    "february", "march", "may", "june", "july", "august", "october", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "janvier", "février", "mars",
    "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    "eur", "euro", "nl", "be", "nld", "bel", "koninkrijk", "kingdom", "nederlanden", "netherlands", "royaume",
    "straat", "laan", "weg", "plein", "station", "centrum", "noord", "zuid", "oost", "kerk",
    "artikel", "bijlagen", "handtekening", "getekend", "ondertekening", "plaats", "datum", "heeft", "zijn", "is",
    "wordt", "werd", "heb", "hebben", "kunt", "wilt", "welkom",
    "geen", "alle", "deze", "dit", "die", "dat", "onze", "ons", "mijn", "zijn", "haar", "hun", "nieuw",
    "ja", "nee", "niet", "ook", "nog",
    "reeds", "al", "zo", "toch", "even", "eerste", "tweede", "laatste", "volgende", "vorige", "extra", "gratis",
    "nota", "offerte", "order", "bestelling", "levering", "retour", "status", "project", "rapport", "verslag",
    "memo", "notulen", "agenda", "planning", "overzicht", "lijst", "tabel", "bestand", "document", "formulier",
    "ip-adres", "toestemming", "marketing", "personeelsnummer", "uitbetaald", "rekening", "loonheffing",
    "eerste", "ziektedag", "bereikbaar", "medicatie", "herstelperiode", "opzegtermijn", "looptijd",
    "ondergetekenden", "gevestigd", "ingeschreven", "wonende", "geboren", "komen", "volgende", "afmetingen",
    "vakmensen", "copy", "scan", "personal", "no", "expiry", "identity", "card", "document", "birth", "holder",
];

/// Heads of compounds that name an organisation or its part ("Huisartsenpraktijk", "Ledenservice",
/// "Wijkcentrum"): such a word is no name. Surname-like heads (-huis, -man) are left out.
pub(crate) const ORG_HEADS: &[&str] = &[
    "stichting",
    "corporatie",
    "fonds",
    "groep",
    "praktijk",
    "service",
    "dienst",
    "centrum",
    "apotheek",
    "kliniek",
    "administratie",
    "vereniging",
    "afdeling",
    "bureau",
    "kantoor",
    "winkel",
    "bedrijf",
    "bond",
    "school",
];

/// Labels at the start of a line whose value is a person's name: after a colon, a tab or two spaces on the same
/// line, or alone on their line with the value on the next one (ID cards, forms, payslips). Lowercase.
#[rustfmt::skip]
pub(crate) const LINE_LABELS: &[&str] = &[
    "naam", "voornaam", "voornamen", "roepnaam", "achternaam", "familienaam", "geslachtsnaam", "meisjesnaam",
    "naam werknemer", "naam medewerker", "naam klant", "naam huurder", "naam patiënt", "naam kandidaat",
    "naam / nom", "nom / naam", "naam/nom", "voornamen / prénoms", "voornaam / prénom", "voornamen/prénoms",
    "name", "nom", "prénom", "prénoms", "nom de famille", "first name", "last name", "surname", "given names",
    "full name", "volledige naam", "nom et prénom", "naam en voornaam", "voor- en achternaam",
    "betrokkene", "casemanager", "leidinggevende", "werknemer", "medewerker", "contactpersoon", "behandelaar",
    "huurder", "verhuurder", "klant", "lid", "deelnemer", "patiënt", "cliënt", "kandidaat", "aanvrager",
    "bewoner", "verzekerde", "titularis", "titulaire", "employee", "tenant", "applicant", "candidate",
    "contact person", "personne de contact", "travailleur", "demandeur", "locataire", "bailleur", "client",
    "cliente", "destinataire", "expéditeur", "bénéficiaire", "ontvanger", "begunstigde", "rekeninghouder",
    "factuur aan", "facturé à", "facture à", "bill to", "billed to", "invoice to", "t.a.v.", "ter attentie van",
    "attn", "kind", "enfant", "child", "schenker", "donateur", "donor", "gever",
    "afleveren bij", "bezorgen bij", "leveren aan", "livrer à", "deliver to", "ship to",
];

/// Words after a name label that say whose name it is ("Naam ouder", "Voornaam kind", "Nom du conjoint").
pub(crate) const LABEL_OWNERS: &[&str] = &[
    "kind",
    "ouder",
    "moeder",
    "vader",
    "partner",
    "verzorger",
    "werknemer",
    "medewerker",
    "leerling",
    "patiënt",
    "cliënt",
    "contactpersoon",
    "aanvrager",
    "huurder",
    "deelnemer",
    "lid",
    "echtgeno(o)t(e)",
    "echtgenoot",
    "echtgenote",
    "child",
    "parent",
    "employee",
    "patient",
    "du conjoint",
    "de l'enfant",
    "du parent",
    "enfant",
];

/// Greetings that open a line and are followed by a name ("Dag Aylin,", "Hi Tomasz!").
pub(crate) const GREETINGS: &[&str] = &[
    "dag",
    "hey",
    "hi",
    "hoi",
    "hallo",
    "goedemorgen",
    "goedemiddag",
    "goedenavond",
    "salut",
    "bonjour",
    "bonsoir",
    "hello",
    "beste",
    "lieve",
    "dear",
];

/// Closing lines whose next non-blank line is a signature (lowercase, without the trailing comma).
#[rustfmt::skip]
pub(crate) const CLOSINGS: &[&str] = &[
    "met vriendelijke groet", "met vriendelijke groeten", "vriendelijke groet", "vriendelijke groeten",
    "met hartelijke groet", "hartelijke groet", "hartelijke groeten", "met collegiale groet", "groet", "groeten",
    "gr", "grt", "mvg", "groetjes", "hoogachtend", "kind regards", "best regards", "regards", "best wishes",
    "yours sincerely", "yours faithfully", "yours truly", "sincerely", "warm regards", "many thanks", "thanks",
    "best", "cheers", "tot snel", "tot gauw", "groetjes en tot snel", "bien à toi", "amitiés",
    "cordialement", "bien cordialement", "bien à vous", "salutations distinguées", "sincères salutations",
    "meilleures salutations", "avec mes salutations distinguées", "mit freundlichen grüßen",
];

/// Titles that may open a labelled value ("Betrokkene: mevrouw A. Kaya").
pub(crate) const VALUE_TITLES: &[&str] = &[
    "fam. ",
    "familie ",
    "fam ",
    "mevrouw ",
    "de heer ",
    "dhr. ",
    "dhr ",
    "mw. ",
    "mevr. ",
    "mr. ",
    "mrs. ",
    "ms. ",
    "mr ",
    "mrs ",
    "ms ",
    "madame ",
    "monsieur ",
    "mme ",
    "m. ",
];

/// First words of a sign-off by role: an article or possessive ("De bedrijfsarts,", "Uw huisarts,", "Le médecin
/// du travail,", "The practice manager,") or an on-behalf-of word ("Namens de directie,", "Pour le bureau,").
pub(crate) const SIGN_OFF_OPENERS: &[&[u8]] = &[
    b"de", b"het", b"uw", b"onze", b"le", b"la", b"les", b"votre", b"notre", b"the", b"your",
    b"our", b"namens", b"voor", b"pour", b"for", b"on",
];

/// Lowercase words after which capitalised words are a person in running text.
pub(crate) const PERSON_INTRO: &[&str] = &[
    "met", "door", "namens", "collega", "avec", "with", "par", "sprak", "belde", "mailde", "by",
];

/// Words after a comma that show the words before it name a person.
pub(crate) const APPOSITION: &[&str] = &[
    "hierna",
    "geboren",
    "geb.",
    "wonende",
    "woonachtig",
    "née",
    "né",
    "domicilié",
    "domiciliée",
    "born",
    "residing",
    "ci-après",
    "hereinafter",
];

/// Street heads accepted only at the end of a longer word.
pub(crate) const COMPOUND_ONLY: &[&str] = &["wei"];

/// Civility words before a surname in capitals ("Mme DUBOIS Julie", "dhr. JANSEN Piet").
#[rustfmt::skip]
pub(crate) const CIVILITY: &[&str] = &[
    "monsieur", "madame", "mademoiselle", "m.", "mme", "mlle", "meneer", "mevrouw", "dhr.", "mevr.", "mr.", "mrs.", "ms.",
];

/// Words that name who did something before initials and a surname ("door S. de Graaf", "chauffeur K. Sitaram").
#[rustfmt::skip]
pub(crate) const AGENTS: &[&str] = &[
    "door", "par", "by", "met", "with", "avec", "bij", "namens", "chauffeur", "monteur", "technicien", "tandarts", "arts", "dokter", "behandelaar", "contactpersoon",
];
