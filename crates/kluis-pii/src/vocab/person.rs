//! Words that tie a sentence to one person or to people in general: the special-category rule counts a term only
//! when its sentence says it of someone (`crate::special`). Lowercase; compared with whole words.

/// First- and third-person pronouns and possessives: the sentence is about a particular person. "U", "je",
/// "we", "you" and "vous" are left out (a business text addresses its reader with them), and so is "zijn",
/// which is mostly the verb.
#[rustfmt::skip]
pub(crate) const PRONOUNS: &[&str] = &[
    "ik", "hij", "zij", "ze", "mijn", "haar", "hem", "mij", "me", "m'n", "z'n", "d'r", "il", "elle", "mon", "ma",
    "mes", "son", "sa", "ses", "lui", "moi", "j", "m", "elles", "i", "he", "she", "my", "his", "her", "him", "i'm",
    "i've", "i'll", "he's", "she's",
];

/// Titles that stand before one person's name ("mevrouw", "dhr.", "Mme", "Mr").
#[rustfmt::skip]
pub(crate) const TITLES: &[&str] = &[
    "dhr", "mevr", "mevrouw", "meneer", "heer", "mw", "mr", "mrs", "ms", "miss", "mme", "madame", "monsieur",
    "mlle", "mademoiselle", "juffrouw",
];

/// Family words in the singular: one particular person ("onze jongste", "sa mère", "my daughter").
#[rustfmt::skip]
pub(crate) const KIN: &[&str] = &[
    "zoon", "zoontje", "dochter", "dochtertje", "jongste", "oudste", "vader", "moeder", "schoonvader",
    "schoonmoeder", "echtgenoot", "echtgenote", "broer", "zus", "zuster", "opa", "oma", "fils", "fille", "mère",
    "père", "mari", "épouse", "frère", "sœur", "soeur", "son", "daughter", "mother", "father", "husband", "wife",
    "brother", "sister",
    "gezin", "famille", "family",
];

/// Words that make a sentence speak of anyone, not of someone: quantifiers over people. Whole phrases on word
/// boundaries; they outweigh a pronoun but not a name.
#[rustfmt::skip]
pub(crate) const ANYONE: &[&str] = &[
    "iedereen", "ongeacht", "elke werknemer", "elke medewerker", "iedere werknemer", "iedere medewerker",
    "quiconque", "tout travailleur", "toute personne", "chaque travailleur", "chaque membre", "everyone", "anyone",
    "whoever", "regardless", "every employee", "each employee", "any employee",
    "iemand", "quelqu'un", "someone", "somebody",
    "werkgevers", "employers", "employeurs", "organisaties", "organisations", "bedrijven", "companies", "entreprises",
    "people with", "mensen met", "personen met", "personnes avec", "personnes atteintes", "for people",
    "voor mensen", "pour les personnes", "suitable", "suitable after", "geschikt voor", "convient",
];

/// An indefinite person: with a condition in the same sentence ("Wanneer een werknemer ziek is, meldt hij
/// zich"), the sentence is a rule for anyone, whatever pronoun follows.
#[rustfmt::skip]
pub(crate) const INDEFINITE: &[&str] = &[
    "een werknemer", "een medewerker", "een collega", "een patiënt", "een kind", "een deelnemer", "een lid",
    "de werknemer", "de medewerker", "un travailleur", "une travailleuse", "le travailleur", "un membre",
    "un patient", "une patiente", "un enfant", "un participant", "une participante", "an employee", "the employee",
    "a colleague", "a patient", "a child", "a member", "a participant",
];

/// Conditions: with an indefinite person they make a rule (see [`INDEFINITE`]).
#[rustfmt::skip]
pub(crate) const CONDITIONS: &[&str] = &[
    "als", "wanneer", "indien", "ingeval", "in geval van", "zodra", "si", "lorsque", "lorsqu", "quand", "en cas de",
    "en cas d", "dès que", "if", "when", "whenever", "in case", "once",
];

/// Labels of a record about one person ("Naam:", "Patiënt:", "Werknemer:"): a name after one makes the
/// document that person's file, and its fields and notes are about them.
#[rustfmt::skip]
pub(crate) const RECORD_LABELS: &[&str] = &[
    "naam", "name", "nom", "betrokkene", "patiënt", "patient", "patiente", "cliënt", "cliënte", "client", "cliente",
    "werknemer", "medewerker", "employee", "employé", "employée", "travailleur", "kandidaat", "candidate",
    "candidat", "candidate", "sollicitant", "deelnemer", "participant", "leerling", "élève", "student", "lid",
    "member", "membre", "bewoner", "aanvrager", "requester", "demandeur", "opdrachtgever", "voornaam", "achternaam",
    "prénom", "first name", "last name", "surname", "naam en voornaam", "klant", "customer", "gast", "guest",
    "huurder", "tenant", "locataire", "bewoonster", "kind", "enfant", "child", "pupil", "werkneemster",
    "personeelslid", "stagiair", "stagiaire", "vrijwilliger", "volunteer", "bénévole",
    "injured", "gewonde", "slachtoffer", "victim", "victime", "blessé", "blessée", "deceased", "overledene",
    "défunt", "défunte",
];

/// Kinds of text written for anyone: a title that names one is no statement about a person ("Persbericht",
/// "Verzuimprotocol", "Communiqué", "Vacature").
#[rustfmt::skip]
pub(crate) const GENERAL_GENRES: &[&str] = &[
    "persbericht", "communiqué", "press release", "nieuwsbrief", "newsletter", "lettre d'information", "beleid",
    "reglement", "regeling", "protocol", "procedure", "policy", "règlement", "brochure", "folder", "flyer",
    "vacature", "offre d'emploi", "job", "vacancy", "menu", "aankondiging", "announcement", "annonce",
    "uitnodiging", "invitation", "cursus", "training", "formation", "opleiding", "tarieven", "prijslijst", "tarifs",
    "offerte", "devis", "quote", "quotation", "verzuimprotocol", "verzuimbeleid", "arbeidsreglement", "huisregels",
    "openingsuren", "openingstijden", "horaires", "opening hours", "front commun",
    "versie", "version",
];

/// Words that address the reader: in a letter or a chat to a named person they are that person ("uw
/// ziekmelding", "ta jambe", "your surgery"); elsewhere they make a sentence general ("Heeft u coeliakie?").
#[rustfmt::skip]
pub(crate) const READER: &[&str] = &[
    "u", "uw", "je", "jij", "jou", "jouw", "vous", "votre", "vos", "tu", "te", "ton", "ta", "tes", "you", "your",
];

/// The sender speaking ("wij", "nous", "we"): in a letter to someone it is the business writing to them;
/// elsewhere (a flyer, a newsletter) it makes a sentence general like the reader words.
#[rustfmt::skip]
pub(crate) const SENDER: &[&str] = &[
    "we", "wij", "ons", "onze", "nous", "notre", "nos", "our", "us",
];

/// Words of a general text: a condition, a group, an example. They make a sentence general unless a pronoun or
/// a name makes it personal ("Bij ziekte meldt u zich voor 9 uur"; "les travailleurs non syndiqués").
#[rustfmt::skip]
pub(crate) const GENERAL: &[&str] = &[
    "jullie", "men", "als", "wanneer", "indien", "ingeval", "in geval van", "bij ziekte", "bij afwezigheid", "alle",
    "werknemers", "medewerkers", "personeelsleden", "patiënten", "klanten", "cliënten", "leden", "deelnemers",
    "ouders", "kinderen", "bijvoorbeeld", "zoals", "on", "si", "lorsque", "lorsqu", "en cas de", "en cas d", "tous",
    "toutes", "travailleurs", "membres", "patients", "clients", "parents", "enfants", "participants", "affiliés",
    "par exemple", "notamment", "if", "in case", "any", "all", "employees", "staff", "members", "patients",
    "customers", "participants", "parents", "children", "for example", "such as", "e.g",
];

/// Prepositions (and what may stand between them and the noun) that make a care provider or a place of worship
/// a visit, a treatment or a membership ("bij de huisarts", "naar het ziekenhuis", "chez le kiné", "to the
/// mosque"), rather than a customer or an employer.
#[rustfmt::skip]
pub(crate) const VISIT_BEFORE: &[&str] = &[
    "bij", "naar", "door", "van", "in", "uit", "chez", "au", "à", "aux", "par", "du", "de", "à l", "to", "at", "by",
    "from", "with", "see", "saw", "seeing", "visit", "visited", "visiting", "consulted", "consulte", "consulté",
];

/// Determiners between a visit preposition and the noun.
#[rustfmt::skip]
pub(crate) const DETERMINERS: &[&str] = &[
    "de", "het", "een", "haar", "zijn", "mijn", "z'n", "m'n", "d'r", "hun", "le", "la", "l", "les", "un", "une",
    "son", "sa", "mon", "ma", "leur", "the", "a", "an", "her", "his", "my", "their",
];

/// Words of work and trade: a care provider or a church in the same sentence is a workplace, a customer or a
/// supplier ("werkt in het ziekenhuis", "offerte voor de kerk", "livraison à la pharmacie").
#[rustfmt::skip]
pub(crate) const TRADE: &[&str] = &[
    "werkt", "werken", "werkzaam", "werkte", "gewerkt", "levering", "leveren", "geleverd", "levert",
    "offerte", "factuur", "bestelling", "besteld", "opdracht", "opdrachtgever", "vacature", "installatie",
    "onderhoud", "renovatie", "travaille", "travailler", "livraison", "livré", "livrer", "devis", "facture",
    "commande", "chantier", "works", "worked", "working", "delivery", "delivered", "invoice", "order", "quote",
    "vacancy", "job", "contractor", "renovation", "maintenance", "werkgever", "employeur", "employer", "klant",
    "client", "customer", "leverancier", "fournisseur", "supplier",
    "materiaal", "material", "matériel", "aankoper", "inkoper", "buyer", "acheteur", "purchaser",
];

/// Trade documents: a letter whose title or subject names one is written to a business contact about work, goods
/// or money ("Offerte", "Objet : réfection de la toiture", "Invoice").
#[rustfmt::skip]
pub(crate) const CONTRACT: &[&str] = &[
    "offerte", "devis", "quote", "quotation", "factuur", "facture", "invoice", "bestelling", "commande", "order",
    "werkzaamheden", "travaux", "réfection", "renovatie", "rénovation", "herstelling", "réparation", "repair",
    "levering", "livraison", "delivery", "prijsopgave", "huurcontract", "rental", "location",
];

/// Words of membership: a text from a church, a union or a party that speaks of its members names them as such.
#[rustfmt::skip]
pub(crate) const MEMBERSHIP: &[&str] = &[
    "lid", "leden", "lidnummer", "lidmaatschap", "ledenlijst", "ledenadministratie", "member", "members",
    "membership", "membre", "membres", "affilié", "affiliée", "affiliés", "afdeling", "jongerenafdeling",
    "section", "koorleden", "gemeenteleden", "parochianen", "gelovigen", "fidèles", "congregation",
];

/// Roles that make a party's name a person's politics ("kandidaat", "gemeenteraadslid", "conseillère
/// communale", "councillor"): the role must be in the sentence with the party.
#[rustfmt::skip]
pub(crate) const POLITICAL_ROLES: &[&str] = &[
    "kandidaat", "kandidate", "op de lijst", "lijsttrekker", "gemeenteraadslid", "raadslid", "kamerlid",
    "statenlid", "schepen", "fractievoorzitter", "partijlid", "partijvoorzitter", "lid van", "stemt", "stemde",
    "gestemd", "candidat", "candidate", "conseiller", "conseillère", "échevin", "échevine", "député", "députée",
    "militant", "militante", "membre", "sur la liste", "councillor", "councilor", "candidate", "member of", "voted",
    "votes for", "campaigns",
    "stapt over", "overgestapt", "bestuursvergadering", "ledenvergadering", "afd", "afdeling", "fractie", "bestuur",
    "section locale", "branch",
    "campagne", "campaign", "flyeren", "flyerploeg", "folderen", "verkiezingen", "élections", "elections",
];

/// Answers that say "none" to a question ("Allergieën: geen", "Medicatie: n.v.t.", "[ ] diabetes").
pub(crate) const NONE_ANSWERS: &[&str] = &[
    "geen",
    "nee",
    "n.v.t.",
    "nvt",
    "n.v.t",
    "niet van toepassing",
    "-",
    "none",
    "no",
    "n/a",
    "néant",
    "aucun",
    "aucune",
    "non",
    "niks",
    "niets",
    "niks bijzonders",
    "niets bijzonders",
    "geen bijzonderheden",
    "rien",
    "rien à signaler",
    "nothing",
    "nothing to report",
];

pub(crate) const GREETINGS: &[&str] = &[
    "geachte", "geacht", "beste", "lieve", "hoi", "hallo", "hi", "hey", "dag", "dear", "hello",
    "cher", "chère", "bonjour", "madame", "monsieur",
];

/// Words of a gift or a donation ("bewijs van gift", "fiscaal attest giften", "don", "donation"): beside a
/// religious body they tell the giver's religion.
#[rustfmt::skip]
pub(crate) const GIFT_WORDS: &[&str] = &[
    "gift", "giften", "donatie", "donaties", "schenking", "schenker", "dons", "don", "donateur", "libéralité", "libéralités", "donation", "donations", "donor", "collecte", "tiende",
];

/// French function words: two of them make a sentence French, where "je" is "I" and not the Dutch "you".
#[rustfmt::skip]
pub(crate) const FRENCH_WORDS: &[&str] = &[
    "le", "la", "les", "des", "du", "une", "pour", "est", "et", "que", "qui", "dans", "avec", "sur", "pas", "suis", "serai", "mon", "ma", "mes",
];

/// Labels of a subject line in a letter's body ("Betreft:", "Objet :").
#[rustfmt::skip]
pub(crate) const SUBJECT_LABELS: &[&str] = &["betreft", "onderwerp", "subject", "objet", "concerne", "re:", "ref"];
