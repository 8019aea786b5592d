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
pub(crate) fn chat_line(l: &str) -> bool {
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
pub(crate) fn title_zone(text: &str) -> Vec<(usize, usize)> {
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
    // E-mail headers make a message correspondence unless something else wins: a message that only talks about
    // a sick note, a contract or an invoice is still a message. The body's own title cues (an attached form
    // pasted in) outweigh it.
    if text.starts_with("From:") || text.contains("\nSubject:") {
        score[idx(C::Correspondence)] += 2;
    }
    if mail_headers(text) {
        score[idx(C::Correspondence)] += 8;
    }
    // A salutation opening one of the first lines ("Beste Karim,", "Dear Priya,", "Bonjour Ilse,") is a letter.
    if text.lines().take(8).any(|l| {
        let l = l.trim_start().to_lowercase();
        [
            "beste ", "geachte ", "hoi ", "hallo ", "dag ", "lieve ", "dear ", "hi ", "hello ",
            "bonjour ", "cher ", "chère ",
        ]
        .iter()
        .any(|g| l.starts_with(g))
            && l.trim_end().ends_with([',', '!'])
    }) {
        score[idx(C::Correspondence)] += 4;
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
    let said = crate::special::Evidence::new(text, scan, findings, &zones);
    let cats_of = |kind: K| {
        if any_personal || kind > K::None {
            said.categories()
        } else {
            Vec::new()
        }
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

    // A policy or a flyer on health that says nothing of anyone is no health statement ("Verzuimprotocol").
    if best == C::HealthStatement && said.health_only_in_general() {
        best = C::Other;
    }
    // Kind: the class floor, raised by findings, never lowered.
    // A class whose floor is special (an ID copy, a health statement) only raises a document that is about someone.
    // An ID copy shows a document number or its machine-readable zone; a leaflet that mentions a passport does not.
    // (or a title that says it is one: "Kopie identiteitsbewijs" above an unreadable scan).
    let id_title = scan.hits.iter().any(|h| {
        matches!(h.kw, Kw::Class(C::IdCopy, _))
            && zones.iter().any(|&(s, e)| h.start >= s && h.end <= e)
    });
    let id_evidence =
        id_title || findings.iter().any(|f| f.entity == E::IdDocumentNumber) || text.contains("<<");
    let mut kind = if any_personal || (best == C::IdCopy && id_evidence) {
        best.kind_floor()
    } else {
        K::None
    };
    if any_personal {
        kind = kind.max(K::Generic);
    }
    if findings.iter().any(|f| f.entity.is_national_id()) {
        kind = K::Special;
    }
    let mut cats = cats_of(kind);
    // A health statement is about a person's health; a leaflet that reads like one but names nobody is not.
    if best == C::HealthStatement && any_personal {
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
