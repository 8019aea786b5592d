//! Document class from title and keyword evidence, kind of personal data from class floor and findings.

use crate::detect::Scan;
use crate::vocab::Kw;
use crate::{Classification, Finding};
use kluis_domain::{DocumentClass as C, EntityType as E, PersonalDataKind as K, SpecialCategory};

/// Mailbox names of roles, not people: their addresses are no personal data of a person.
const ROLE_MAILBOXES: &[&str] = &[
    "info",
    "service",
    "klantenservice",
    "administratie",
    "admin",
    "sales",
    "verkoop",
    "inkoop",
    "support",
    "helpdesk",
    "contact",
    "office",
    "kantoor",
    "factuur",
    "facturen",
    "facturatie",
    "billing",
    "invoice",
    "invoices",
    "boekhouding",
    "finance",
    "hr",
    "personeelszaken",
    "noreply",
    "no-reply",
    "webmaster",
    "orders",
    "bestellingen",
    "receptie",
    "secretariaat",
    "post",
    "mail",
    "privacy",
    "marketing",
    "nieuwsbrief",
    "team",
    "jobs",
    "vacatures",
    "werk",
    "hallo",
    "hello",
    "bonjour",
    "accounting",
    "customerservice",
    "klant",
    "compta",
    "comptabilite",
    "facturation",
    "commandes",
    "commande",
    "accueil",
    "secretariat",
    "direction",
    "rh",
    "bezorging",
    "planning",
    "logistiek",
    "logistics",
    "expeditie",
    "ledenadministratie",
    "leden",
    "bestuur",
    "secretaris",
    "penningmeester",
    "redactie",
    "pers",
    "press",
    "werkenbij",
    "recruitment",
    "recrutement",
    "dpo",
    "avg",
    "gdpr",
    "reservations",
    "reserveringen",
    "afspraken",
    "praktijk",
    "apotheek",
];

fn personal(f: &Finding) -> bool {
    match f.entity {
        E::Email => {
            let local = f.value.split('@').next().unwrap_or("").to_ascii_lowercase();
            !ROLE_MAILBOXES.contains(&local.as_str())
        }
        E::PersonName
        | E::DateOfBirth
        | E::Bsn
        | E::BeNationalNumber
        | E::IdDocumentNumber
        | E::DrivingLicenceNumber
        | E::CreditCard
        | E::LicensePlate
        | E::IpAddress => true,
        // A mobile number belongs to a person; landlines and accounts on their own are usually a business's.
        E::Phone => {
            let d: String = f
                .value
                .replace("(0)", "")
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            let national = d
                .strip_prefix("0031")
                .or_else(|| d.strip_prefix("0032"))
                .or_else(|| d.strip_prefix("31").filter(|_| f.value.starts_with('+')))
                .or_else(|| d.strip_prefix("32").filter(|_| f.value.starts_with('+')))
                .or_else(|| d.strip_prefix('0'))
                .unwrap_or(&d);
            national.starts_with('6') && national.len() == 9
                || national.starts_with('4') && national.len() == 9
        }
        E::Iban | E::Address | E::Postcode | E::KvkNumber | E::VatNumber => false,
    }
}

/// "[26-12-24 08:18] Name: …" or "09/05/2025, 07:49 - Name: …": a time `hh:mm` in the first 25 bytes, then
/// a speaker and a colon.
fn chat_line(l: &str) -> bool {
    let b = l.as_bytes();
    if !b.first().is_some_and(|c| c.is_ascii_digit() || *c == b'[') {
        return false;
    }
    let head = &b[..b.len().min(25)];
    let time = head.windows(5).position(|w| {
        w[0].is_ascii_digit()
            && w[1].is_ascii_digit()
            && w[2] == b':'
            && w[3].is_ascii_digit()
            && w[4].is_ascii_digit()
    });
    time.is_some_and(|t| b[t + 5..].contains(&b':'))
}

/// A line opening with a mail header ("From:", "Van:", "Onderwerp:", "Objet :").
/// Categories whose weak words become a statement when a sentence is about a named or referred-to person
/// ("Hij is katholiek", "Zij is aan haar galblaas geopereerd", "She broke her wrist").
const PERSONAL_CATS: &[SpecialCategory] = &[
    SpecialCategory::Health,
    SpecialCategory::Religion,
    SpecialCategory::SexualOrientation,
];

/// Weak terms that name a care role, a place or a body ("verpleegkundige", "apotheek", "kerk"): a person may
/// work there or deliver there, so a pronoun does not make them a statement about that person.
const ROLE_ENDS: &[&[u8]] = &[
    b"loog",
    b"logue",
    b"arts",
    b"ist",
    b"iste",
    b"kundige",
    b"peut",
    b"peute",
    b"rurg",
    b"iater",
    b"iatre",
    b"apotheek",
    b"apotheker",
    b"pharmacie",
    b"pharmacy",
    b"huis",
    b"kliniek",
    b"clinic",
    b"pital",
    b"praktijk",
    b"post",
    b"zorg",
    b"dienst",
    b"fonds",
    b"mutualiteit",
    b"mutualit\xc3\xa9",
    b"verzekeraar",
    b"patient",
    b"pati\xc3\xabnt",
    b"spreekuur",
    b"kerk",
    b"moskee",
    b"parochie",
    b"synagoge",
    b"gemeente",
    b"mosqu\xc3\xa9e",
    b"paroisse",
    b"gemeenschap",
    b"imam",
    b"dominee",
    b"pastoor",
    b"therapist",
    b"physio",
    b"dentist",
    b"ouder",
    b"coach",
    b"dentaire",
    b"operatie",
    b"operation",
    b"op\xc3\xa9ration",
    b"medisch",
    b"medische",
    b"m\xc3\xa9decin",
    b"doctor",
    b"practice",
];

/// The term at `pos` is a whole word, not the start of a longer one ("medicijn" in "medicijnkasten").
fn whole_word(text: &str, pos: usize, len: usize) -> bool {
    text.as_bytes()
        .get(pos + len)
        .is_none_or(|&c| !c.is_ascii_alphanumeric() && c < 0x80)
}

/// The sentence around `pos` has a first- or third-person subject or possessive ("ik", "hij", "zij", "mijn",
/// "il", "elle", "she", "my"): the weak term there is said of a person. "U", "we", "je" and "you" are left out
/// (a business letter addresses its reader with them), and so is "zijn", which is mostly the verb.
fn about_someone(text: &str, pos: usize) -> bool {
    let b = text.as_bytes();
    let pos = pos.min(b.len());
    let mut s = pos;
    while s > 0 && pos - s < 160 && !matches!(b[s - 1], b'.' | b'\n' | b'!' | b'?' | b';') {
        s -= 1;
    }
    let mut e = pos;
    while e < b.len() && e - pos < 160 && !matches!(b[e], b'.' | b'\n' | b'!' | b'?' | b';') {
        e += 1;
    }
    const WORDS: &[&[u8]] = &[
        b"ik", b"hij", b"zij", b"ze", b"mijn", b"haar", b"il", b"elle", b"he", b"she", b"i", b"my",
        b"his", b"her", b"mon", b"ma", b"sa", b"son",
    ];
    b[s..e]
        .split(|&c| !c.is_ascii_alphabetic())
        .any(|w| WORDS.iter().any(|x| w.eq_ignore_ascii_case(x)))
}

/// The line holding `pos`: (start, end without the line break).
fn line_at(text: &str, pos: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let pos = pos.min(b.len());
    let s = memchr::memrchr(b'\n', &b[..pos]).map_or(0, |k| k + 1);
    let e = memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |k| pos + k);
    (s, e)
}

/// The term at `pos` sits in a table row (cells split by tabs, bars or semicolons) that also holds a person's
/// name: the cell says it of that person ("Sewdien, Kenneth | koosjer", "101\tIngrid Tjon\tR-thumb").
/// `names` are the spans of the person names, sorted: one binary search per term, however long the list.
fn in_row_of_person(text: &str, pos: usize, names: &[(usize, usize)]) -> bool {
    let (s, e) = line_at(text, pos);
    let row = &text.as_bytes()[s..e];
    let cells = row
        .iter()
        .filter(|&&c| matches!(c, b'\t' | b'|' | b';'))
        .count();
    let first = names.partition_point(|&(ns, _)| ns < s);
    cells >= 1
        && names[first..]
            .iter()
            .take_while(|&&(ns, _)| ns < e)
            .any(|&(_, ne)| ne <= e)
}

/// Answers that say "none" to a question ("Allergieën: geen", "Medicatie: n.v.t.", "[ ] diabetes").
const NONE_ANSWERS: &[&str] = &[
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

/// The term at `pos` is asked about, not stated: it stands after an empty tick box on its line, or in a form
/// label whose answer (after the colon, or alone on the next line) is "none".
fn declined(text: &str, pos: usize) -> bool {
    let (s, e) = line_at(text, pos);
    let before = text[s..pos.min(e)].trim_end();
    if before.ends_with("[ ]")
        || before.ends_with("[]")
        || before.ends_with("( )")
        || before.ends_with('\u{2610}')
    {
        return true;
    }
    let line = &text[s..e];
    let Some(colon) = line.rfind(':') else {
        return false;
    };
    if s + colon < pos {
        // The term is in the answer itself.
        return false;
    }
    let mut answer = line[colon + 1..].trim();
    if answer.is_empty() {
        answer = text[(e + 1).min(text.len())..]
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
    }
    let answer = answer.trim_end_matches(['.', '!']).to_lowercase();
    NONE_ANSWERS.contains(&answer.as_str())
}

/// The text speaks of a gift or a donation ("bewijs van gift", "fiscaal attest giften", "don", "donation").
fn gift_words(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w,
            "gift"
                | "giften"
                | "donatie"
                | "donaties"
                | "schenking"
                | "schenker"
                | "dons"
                | "don"
                | "donateur"
                | "libéralité"
                | "libéralités"
                | "donation"
                | "donations"
                | "donor"
                | "collecte"
                | "tiende"
        )
    })
}

fn mail_headers(text: &str) -> bool {
    text.lines().take(12).any(|l| {
        let l = l.trim_start().to_lowercase();
        [
            "from:",
            "to:",
            "subject:",
            "van:",
            "aan:",
            "onderwerp:",
            "objet",
            "de :",
            "à :",
            "sent:",
        ]
        .iter()
        .any(|h| l.starts_with(h))
    })
}

/// Where the title lives: the first lines, skipping e-mail headers but reading the Subject.
fn title_zone(text: &str) -> Vec<(usize, usize)> {
    let mut zones = Vec::new();
    let mut pos = 0;
    let mut lines_taken = 0;
    for line in text.split_inclusive('\n') {
        let l = line.trim();
        let lower = l.to_ascii_lowercase();
        let header = [
            "from:",
            "to:",
            "cc:",
            "date:",
            "subject:",
            "van:",
            "aan:",
            "datum:",
            "onderwerp:",
            "objet:",
            "de:",
            "à:",
        ]
        .iter()
        .find(|h| lower.starts_with(*h));
        if let Some(h) = header {
            if matches!(*h, "subject:" | "onderwerp:" | "objet:") {
                zones.push((pos, pos + line.len()));
            }
        } else if !l.is_empty() {
            zones.push((pos, pos + line.len()));
            lines_taken += 1;
            if lines_taken >= 2 {
                break;
            }
        }
        pos += line.len();
    }
    zones
}

pub(crate) fn classify(
    scan: &Scan<'_>,
    findings: &[Finding],
    file_name: Option<&str>,
) -> Classification {
    let text = scan.text;
    let zones = title_zone(text);
    let mut score = [0u32; 9];
    let idx = |c: C| C::ALL.iter().position(|&x| x == c).unwrap_or(8);
    let mut counted = std::collections::HashMap::new();
    for h in &scan.hits {
        if let Kw::Class(c, w) = h.kw {
            // Letters inside an identifier are no cue ("3804 CV Sneek" is a postcode, not a CV).
            if findings
                .iter()
                .any(|f| f.start <= h.start && h.start < f.end)
            {
                continue;
            }
            let in_title = zones.iter().any(|&(s, e)| h.start >= s && h.end <= e);
            let n = counted.entry((h.start, c)).or_insert(0u32);
            *n += 1;
            let w = u32::from(w);
            score[idx(c)] += if in_title { w * 4 } else { w };
        }
    }
    // File names carry the same cues ("factuur-2025-001.pdf", "cv_jansen.docx").
    if let Some(name) = file_name {
        let n = name.to_lowercase();
        for (cue, c) in [
            ("factuur", C::Invoice),
            ("invoice", C::Invoice),
            ("loonstrook", C::Payslip),
            ("payslip", C::Payslip),
            ("paspoort", C::IdCopy),
            ("passport", C::IdCopy),
            ("id-kaart", C::IdCopy),
            ("ziekmelding", C::HealthStatement),
            ("contract", C::Contract),
            ("overeenkomst", C::Contract),
            ("sollicitatie", C::Application),
            ("cv", C::Application),
            ("klanten", C::CustomerList),
        ] {
            // Whole tokens of the name ("cv_jansen.pdf"), or their start for long cues ("factuur2025.pdf").
            let hit = n
                .split(|ch: char| !ch.is_alphanumeric())
                .any(|tok| tok == cue || (cue.len() >= 5 && tok.starts_with(cue)));
            if hit {
                score[idx(c)] += 6;
            }
        }
    }
    // Title words that the keyword lexicon leaves out: an internal memo is no letter, address labels are a list.
    for &(s, e) in &zones {
        let title = text[s..e].to_lowercase();
        for (cue, c) in [
            ("memo", C::Other),
            ("notitie", C::Other),
            ("etiketten", C::CustomerList),
            ("adresetiketten", C::CustomerList),
            ("verzendlijst", C::CustomerList),
        ] {
            if title
                .split(|ch: char| !ch.is_alphanumeric())
                .any(|tok| tok == cue)
            {
                score[idx(c)] += 12;
            }
        }
    }
    // Structure: machine-readable zone of a passport or ID card.
    if text.contains("<<") && (text.contains("P<") || text.contains("I<") || text.contains("ID")) {
        score[idx(C::IdCopy)] += 12;
    }
    // Structure: a table of many people.
    let people = findings
        .iter()
        .filter(|f| matches!(f.entity, E::PersonName | E::Email) && personal(f))
        .count();
    let rows = text
        .lines()
        .filter(|l| {
            l.matches(['\t', ';']).count() >= 3
                || l.matches('|').count() >= 3
                // Comma-separated values: four commas and none followed by a space (prose puts one there).
                || l.matches(',').count() >= 4 && !l.contains(", ")
        })
        .count();
    // Either many people, or a row per person in a table of at least four rows.
    if rows >= 4 && (people >= 6 || people + 1 >= rows) {
        score[idx(C::CustomerList)] += 10 + rows as u32;
    }
    // A chat export (a timestamp and a speaker opening most lines) is correspondence, whatever it is about.
    if text.lines().filter(|l| chat_line(l)).count() >= 3 {
        score[idx(C::Correspondence)] += 14;
    }
    // E-mail headers make a message correspondence unless something else wins.
    if text.starts_with("From:") || text.contains("\nSubject:") {
        score[idx(C::Correspondence)] += 2;
    }
    let mut best = C::Other;
    let mut best_score = 0;
    for (i, &c) in C::ALL.iter().enumerate() {
        if score[i] > best_score {
            best = c;
            best_score = score[i];
        }
    }
    let any_personal = findings.iter().any(personal);
    // A letter is written to or about someone: a text with no personal data at all (a newsletter, a notice) that
    // reads like correspondence is another document.
    if best == C::Correspondence && !any_personal && !findings.iter().any(|f| f.entity == E::Email)
    {
        best = C::Other;
    }
    // A term inside a person's name says nothing about that person ("Padmi Ramadan", "Sam Christen").
    let in_name = |pos: usize| {
        findings
            .iter()
            .any(|f| f.entity == E::PersonName && f.start <= pos && pos < f.end)
    };
    let specials: Vec<_> = scan
        .specials
        .iter()
        .filter(|x| !in_name(x.start) && !declined(text, x.start))
        .collect();
    let mut name_spans: Vec<(usize, usize)> = findings
        .iter()
        .filter(|f| f.entity == E::PersonName)
        .map(|f| (f.start, f.end))
        .collect();
    name_spans.sort_unstable();
    // A gift to a religious body tells the giver's religion ("Moskee El Fath vzw … Fiscaal attest giften").
    let gift_to_faith = specials
        .iter()
        .any(|x| x.category == SpecialCategory::Religion && x.weak)
        && gift_words(text);
    let cats_of = |kind: K| {
        let mut cats: Vec<SpecialCategory> = Vec::new();
        if any_personal || kind > K::None {
            // A strong term settles a category; weak terms need a second, different weak term.
            for c in SpecialCategory::ALL {
                let strong = specials.iter().any(|x| {
                    x.category == *c
                        && (!x.weak
                            || in_row_of_person(text, x.start, &name_spans)
                            || (*c == SpecialCategory::Religion && gift_to_faith)
                            || (PERSONAL_CATS.contains(c)
                                && x.term.len() >= 5
                                && !x.term.contains(&b' ')
                                && !ROLE_ENDS.iter().any(|r| x.term.ends_with(r))
                                && whole_word(text, x.start, x.term.len())
                                && about_someone(text, x.start)))
                });
                let mut weak: Vec<&[u8]> = specials
                    .iter()
                    .filter(|x| x.category == *c && x.weak)
                    .map(|x| x.term.as_slice())
                    .collect();
                weak.sort();
                weak.dedup();
                if strong || weak.len() >= 2 {
                    cats.push(*c);
                }
            }
        }
        cats
    };
    if best_score < 3 {
        // No class cue: a note about a person's health is a health statement, other personal text a letter.
        best = if !any_personal {
            C::Other
        } else if cats_of(K::Generic).contains(&SpecialCategory::Health) {
            C::HealthStatement
        } else if score[idx(C::Correspondence)] > 0 || mail_headers(text) {
            C::Correspondence
        } else {
            // Personal data in no letter form (no salutation, closing or mail header): a record or a card.
            C::Other
        };
    }

    // Kind: the class floor, raised by findings, never lowered.
    let mut kind = best.kind_floor();
    if any_personal {
        kind = kind.max(K::Generic);
    }
    if findings.iter().any(|f| f.entity.is_national_id()) {
        kind = K::Special;
    }
    let mut cats = cats_of(kind);
    if best == C::HealthStatement {
        cats.push(SpecialCategory::Health);
    }
    cats.sort();
    cats.dedup();
    if !cats.is_empty() {
        kind = K::Special;
    }
    Classification {
        class: best,
        personal_data: kind,
        special_categories: cats,
    }
}
