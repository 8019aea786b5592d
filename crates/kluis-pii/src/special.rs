//! Which special categories a document reveals about a person. Each special-category term of the keyword pass
//! counts when its sentence says it of someone: a name, a pronoun or a title in the sentence, a table row with a
//! name, a form or a title about a person; not when the sentence speaks of anyone (a policy, a flyer, a press
//! release), and a care provider or a place of worship only as a visit or a membership, never as a workplace or
//! a customer. The words these tests read are in `vocab::person`.

use crate::Finding;
use crate::detect::{Scan, Special};
use crate::vocab::person::{
    ANYONE, CONDITIONS, CONTRACT, DETERMINERS, GENERAL, GENERAL_GENRES, INDEFINITE, KIN,
    MEMBERSHIP, POLITICAL_ROLES, PRONOUNS, READER, RECORD_LABELS, SENDER, TITLES, TRADE,
    VISIT_BEFORE,
};
use crate::vocab::person::{FRENCH_WORDS, GIFT_WORDS, GREETINGS, NONE_ANSWERS, SUBJECT_LABELS};
use crate::vocab::special::{INDEFINITE_ARTICLES, INSURANCE_WORDS, INSURERS, ROLE_ENDS};
use kluis_domain::{EntityType as E, SpecialCategory};
use std::cell::OnceCell;

/// A care role, a place of care or worship, a body: a visit or a membership, not a statement on its own.
fn is_provider(x: &Special) -> bool {
    ROLE_ENDS.iter().any(|r| x.term.ends_with(r))
}

/// The term at `pos` is a whole word, not the start of a longer one ("medicijn" in "medicijnkasten").
fn whole_word(text: &str, pos: usize, len: usize) -> bool {
    text.as_bytes()
        .get(pos + len)
        .is_none_or(|&c| !c.is_ascii_alphanumeric() && c < 0x80)
}

/// The line holding `pos`: (start, end without the line break).
pub(crate) fn line_at(text: &str, pos: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let pos = pos.min(b.len());
    let s = memchr::memrchr(b'\n', &b[..pos]).map_or(0, |k| k + 1);
    let e = memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |k| pos + k);
    (s, e)
}

/// The term at `pos` sits in a table row (cells split by tabs, bars, semicolons or commas) that also holds a person's
/// name: the cell says it of that person ("Sewdien, Kenneth | koosjer", "101\tIngrid Tjon\tR-thumb").
/// `names` are the spans of the person names, sorted: one binary search per term, however long the list.
fn in_row_of_person(text: &str, pos: usize, names: &[(usize, usize)]) -> bool {
    let (s, e) = line_at(text, pos);
    let row = &text.as_bytes()[s..e];
    let cells = row
        .iter()
        .filter(|&&c| matches!(c, b'\t' | b'|' | b';'))
        .count();
    // Comma-separated values: quoted cells, or four commas with no blank after them (prose puts one there).
    let commas = row.iter().filter(|&&c| c == b',').count();
    let csv =
        row.windows(3).any(|w| w == b"\",\"") || commas >= 4 && !row.windows(2).any(|w| w == b", ");
    let first = names.partition_point(|&(ns, _)| ns < s);
    (cells >= 1 || csv)
        && names[first..]
            .iter()
            .take_while(|&&(ns, _)| ns < e)
            .any(|&(_, ne)| ne <= e)
}

/// The line at `pos` is a table row: cells split by tabs, bars or semicolons, or comma-separated values.
fn is_row(text: &str, pos: usize) -> bool {
    let (s, e) = line_at(text, pos);
    let row = &text.as_bytes()[s..e];
    // Outside quoted cells, four commas and none followed by a blank (prose puts one there).
    let mut quoted = false;
    let outside: Vec<u8> = row
        .iter()
        .copied()
        .filter(|&c| {
            if c == b'"' {
                quoted = !quoted;
            }
            !quoted && c != b'"'
        })
        .collect();
    let commas = outside.iter().filter(|&&c| c == b',').count();
    [b'\t', b'|', b';']
        .iter()
        .any(|&sep| row.iter().filter(|&&c| c == sep).count() >= 2)
        || row.windows(3).any(|w| w == b"\",\"")
        || commas >= 4 && !outside.windows(2).any(|w| w == b", ")
}

/// The cell of a table row holding `pos`: inside quotes when the cell is quoted, else between separators.
fn cell_at(text: &str, pos: usize) -> &str {
    let (s, e) = line_at(text, pos);
    let line = &text[s..e];
    let at = pos - s;
    let quotes_before = line[..at].matches('"').count();
    let (from, to) = if quotes_before % 2 == 1 {
        let from = line[..at].rfind('"').map_or(0, |k| k + 1);
        let to = line[at..].find('"').map_or(line.len(), |k| at + k);
        (from, to)
    } else {
        let sep = |c: char| matches!(c, '\t' | '|' | ';' | ',');
        let from = line[..at].rfind(sep).map_or(0, |k| k + 1);
        let to = line[at..].find(sep).map_or(line.len(), |k| at + k);
        (from, to)
    };
    &line[from..to]
}

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
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| GIFT_WORDS.contains(&w))
}

/// The special-category terms of one document and what the rules need to judge them.
pub(crate) struct Evidence<'a> {
    text: &'a str,
    terms: Vec<&'a Special>,
    /// Per term, what the sentence tests found, each computed once: a document may hold thousands of terms.
    said: Vec<OnceCell<bool>>,
    general: Vec<OnceCell<bool>>,
    trade: Vec<OnceCell<bool>>,
    counted: Vec<OnceCell<bool>>,
    /// Per category, the first few weak terms with different bytes that are said of someone and no provider
    /// (`second_weak` with `said`), or that stand outside general and trade sentences (without): enough to tell
    /// whether a term has a partner other than itself, so the pair test costs no walk over all terms.
    partners: OnceCell<[[Vec<usize>; 2]; 9]>,
    /// Spans of person names, sorted.
    names: Vec<(usize, usize)>,
    /// Spans of what identifies a person in a table row (names, e-mail addresses, phone numbers, birth dates,
    /// national numbers), sorted.
    people: Vec<(usize, usize)>,
    zones: &'a [(usize, usize)],
    /// The document is a record about a person: a name after a record label ("Naam: …", "Patiënt\tJan").
    form_person: bool,
    /// A letter, a chat or a record to or about a named person: "u", "je", "vous", "you" are that person.
    addressed: bool,
    gift_to_faith: bool,
    /// The title or a subject line names a trade document (a quote, an invoice, works): its addressee is a
    /// business contact.
    trade_letter: bool,
    /// The title or a subject line names a text for anyone (a press release, a price list, a newsletter).
    genre_doc: bool,
    /// The text speaks of members ("lid", "leden", "members", "affiliés"), computed once when asked.
    membership: OnceCell<bool>,
}

impl<'a> Evidence<'a> {
    pub(crate) fn new(
        text: &'a str,
        scan: &'a Scan<'_>,
        findings: &[Finding],
        zones: &'a [(usize, usize)],
    ) -> Evidence<'a> {
        let mut names: Vec<(usize, usize)> = findings
            .iter()
            .filter(|f| f.entity == E::PersonName)
            .map(|f| (f.start, f.end))
            .collect();
        names.sort_unstable();
        let mut people: Vec<(usize, usize)> = findings
            .iter()
            .filter(|f| {
                matches!(
                    f.entity,
                    E::PersonName
                        | E::Email
                        | E::Phone
                        | E::DateOfBirth
                        | E::Bsn
                        | E::BeNationalNumber
                )
            })
            .map(|f| (f.start, f.end))
            .collect();
        people.sort_unstable();
        // A term inside a person's name says nothing about that person ("Padmi Ramadan", "Sam Christen").
        let in_name = |pos: usize| {
            let i = names.partition_point(|&(s, _)| s <= pos);
            i > 0 && pos < names[i - 1].1
        };
        let terms: Vec<&Special> = scan
            .specials
            .iter()
            .filter(|x| !in_name(x.start) && !declined(text, x.start))
            .collect();
        let form_person = names.iter().any(|&(s, _)| {
            let (ls, _) = line_at(text, s);
            let label = &text[ls..s];
            label.contains([':', '\t']) && Words::of(label).any(RECORD_LABELS)
        }) || record_label_line(text);
        let gift_to_faith = terms
            .iter()
            .any(|x| x.category == SpecialCategory::Religion && x.weak)
            && gift_words(text);
        let n = terms.len();
        // The title and subject lines, read once for both kinds of text that are about no one in particular.
        let heads: Vec<Words> = zones
            .iter()
            .map(|&(s, e)| &text[s..e])
            .chain(text.lines().take(40).filter(|l| subject_line(l)))
            .map(|l| Words::of(&l.to_lowercase()))
            .collect();
        let trade_letter = heads.iter().any(|w| w.any(CONTRACT));
        let genre_doc = heads.iter().any(|w| w.any(GENERAL_GENRES));
        Evidence {
            trade_letter,
            genre_doc,
            membership: OnceCell::new(),
            text,
            terms,
            said: (0..n).map(|_| OnceCell::new()).collect(),
            general: (0..n).map(|_| OnceCell::new()).collect(),
            trade: (0..n).map(|_| OnceCell::new()).collect(),
            counted: (0..n).map(|_| OnceCell::new()).collect(),
            partners: OnceCell::new(),
            addressed: form_person || addressed(text, &names),
            names,
            people,
            zones,
            form_person,
            gift_to_faith,
        }
    }

    /// The categories the document reveals about someone, in `SpecialCategory::ALL` order.
    pub(crate) fn categories(&self) -> Vec<SpecialCategory> {
        SpecialCategory::ALL
            .iter()
            .copied()
            .filter(|&c| {
                (0..self.terms.len()).any(|i| self.terms[i].category == c && self.counts(i))
            })
            .collect()
    }

    /// The document names health terms, and every one of them is said of anyone (a sick-leave policy, a
    /// flyer): no health statement, whatever its title.
    pub(crate) fn health_only_in_general(&self) -> bool {
        let mut health = (0..self.terms.len())
            .filter(|&i| self.terms[i].category == SpecialCategory::Health)
            .peekable();
        health.peek().is_some() && health.all(|i| !self.counts(i))
    }

    /// Each term and whether it counts: (position, term, category, counted), for the evaluation tools.
    pub(crate) fn verdicts(&self) -> Vec<(usize, String, SpecialCategory, bool)> {
        (0..self.terms.len())
            .map(|i| {
                let x = self.terms[i];
                let term = String::from_utf8_lossy(&x.term).into_owned();
                (x.start, term, x.category, self.counts(i))
            })
            .collect()
    }

    fn counts(&self, i: usize) -> bool {
        *self.counted[i].get_or_init(|| self.judge(i))
    }

    fn judge(&self, i: usize) -> bool {
        let x = self.terms[i];
        let c = x.category;
        // The holiday is written "Eid"; "eID" (and "eid" in a file name) is the Belgian identity card.
        if x.term == b"eid" && !self.text[x.start..].starts_with("Eid") {
            return false;
        }
        if INSURERS.iter().any(|t| x.term.ends_with(t)) || self.insured_product(x.start) {
            return false;
        }
        // A strong compound head is a condition of the body part before it ("knieoperatie"), not a provider.
        let compound = self.text[..x.start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let proper = self.in_proper_name(x.start);
        // "een operatie", "an operation": a procedure someone has, not the operations of a business.
        let procedure = self.after_indefinite_article(x.start);
        let provider = is_provider(x) && (x.weak || !compound) && !procedure;
        let said = self.said(i);
        // In a person's record, two different weak terms of a category outside general sentences make a
        // statement together ("Medicijnen: paracetamol en omeprazol").
        let record_pair =
            || self.form_person && !self.general(i) && !self.trade(i) && self.second_weak(i, false);
        if x.weak && self.members_of_body(i) {
            return true;
        }
        if provider {
            if self.trade(i) {
                return false;
            }
            // A union or a religious body after a membership word is a membership ("Ledenlijst Moskee …").
            if !x.weak {
                return said || self.in_title(x.start);
            }
            return (said && self.visited(x.start)) || (!proper && record_pair());
        }
        if proper {
            return false;
        }
        // A party's name with a role beside it, in its sentence or in the title ("CDA afd. Hardenberg -
        // bestuursvergadering" above the members present).
        if c == SpecialCategory::Political && x.weak {
            return (said && self.has_any(x.start, POLITICAL_ROLES))
                || (self.in_title(x.start) && self.has_any(x.start, POLITICAL_ROLES));
        }
        if c == SpecialCategory::Religion && x.weak && self.gift_to_faith {
            return true;
        }
        if !x.weak {
            return said || self.on_record(i);
        }
        (said && (self.personal_word(x) || self.second_weak(i, true))) || record_pair()
    }

    /// The document comes from a church, a mosque, a union or a party about its people: the body is named in
    /// the title or the sender's line, the text speaks of members, and it is no trade document ("FNV – Afdeling
    /// Almere" above "Lid: mevr. J.C. Pinas"; a parish choir's member list).
    fn members_of_body(&self, i: usize) -> bool {
        let x = self.terms[i];
        let bodies = [
            SpecialCategory::Religion,
            SpecialCategory::TradeUnion,
            SpecialCategory::Political,
        ];
        // A list or a file of people, not one contact's signature.
        let people = self.form_person || self.names.len() >= 2;
        if !bodies.contains(&x.category) || !people || self.trade_letter || self.genre_doc {
            return false;
        }
        let (ls, le) = line_at(self.text, x.start);
        let line = &self.text[ls..le];
        let heads = self.in_title(x.start)
            || line.trim_start().to_ascii_lowercase().starts_with("from:")
            || line.trim_start().to_ascii_lowercase().starts_with("van:");
        heads
            && *self
                .membership
                .get_or_init(|| Words::of(&self.text.to_lowercase()).any(MEMBERSHIP))
    }

    /// The term names an insurance ("l'assurance hospitalisation", "verzekering tandartskosten"), not a stay.
    fn insured_product(&self, pos: usize) -> bool {
        INSURANCE_WORDS.contains(&word_before(self.text, pos).as_str())
    }

    /// The word before `pos` is an indefinite article ("een", "an", "une", "a").
    fn after_indefinite_article(&self, pos: usize) -> bool {
        // Only as a word of its own: "een operatie", not "eenoperatie".
        self.text[..pos].ends_with(char::is_whitespace)
            && INDEFINITE_ARTICLES.contains(&word_before(self.text, pos).as_str())
    }

    fn said(&self, i: usize) -> bool {
        *self.said[i].get_or_init(|| self.said_of_someone(self.terms[i].start))
    }

    fn general(&self, i: usize) -> bool {
        *self.general[i].get_or_init(|| self.general_at(self.terms[i].start))
    }

    fn trade(&self, i: usize) -> bool {
        *self.trade[i].get_or_init(|| self.has_any(self.terms[i].start, TRADE))
    }

    /// A term written with a capital inside a sentence, beside another capitalised word, is part of a proper name
    /// ("Basisschool De Regenboog", "Stichting Thuiszorg Veluwezoom", "eigenaar Fysiotherapie Het Beweegpunt").
    fn in_proper_name(&self, pos: usize) -> bool {
        let t = self.text;
        // The word holding the term: a compound's head is judged by the compound ("Fysiotherapie").
        let pos = t[..pos]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphanumeric() || c == '-')
            .last()
            .map_or(pos, |(i, _)| i);
        if !t[pos..].chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        let before = t[..pos].trim_end_matches([' ', '-']);
        // At the start of a line, a sentence or an item the capital says nothing ("Diagnose Alzheimer").
        if before.len() == pos
            || before.is_empty()
            || before.ends_with(['\n', '.', '!', '?', ':', '(', '"', '\u{2022}', '*'])
        {
            return false;
        }
        // An acronym ("FNV", "DNA-test") is a name of its own, not part of one.
        let mut letters = t[pos..].chars().take(2);
        if letters.next().is_some_and(char::is_uppercase)
            && letters.next().is_some_and(char::is_uppercase)
        {
            return false;
        }
        let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let prev = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        // A capitalised word that opens the sentence is no name either ("Uitslag DNA-test volgt").
        let prev_start = before.len() - prev.len();
        let prev_opens = before[..prev_start]
            .trim_end_matches([' ', '-'])
            .chars()
            .next_back()
            .is_none_or(|c| {
                matches!(
                    c,
                    '\n' | '.' | '!' | '?' | ':' | '(' | '"' | '\u{2022}' | '*'
                )
            });
        let prev = if prev_opens { "" } else { prev };
        let word_end = t[pos..]
            .find(|c: char| !c.is_alphanumeric() && c != '-')
            .map_or(t.len(), |k| pos + k);
        let next = t[word_end..]
            .strip_prefix(' ')
            .and_then(|r| r.split(|c: char| !c.is_alphanumeric()).next())
            .unwrap_or("");
        // "Syndicat des Locataires", "Kerk van de Nazarener": a particle and a capital after it.
        // Not when the capital after the particle is a person ("the Bar Mitzvah of Noam Frank").
        let after_particle = t[word_end..].strip_prefix(' ').is_some_and(|r| {
            let base = t.len() - r.len();
            let mut offset = 0;
            let mut words = r.split(' ').map(|w| {
                let at = base + offset;
                offset += w.len() + 1;
                (at, w)
            });
            let first = words.next().map_or("", |(_, w)| w);
            ["des", "du", "de", "van", "of", "der", "la", "le"].contains(&first)
                && words
                    .find(|(_, w)| {
                        !w.is_empty() && !["de", "het", "la", "le", "l", "the"].contains(w)
                    })
                    .is_some_and(|(at, w)| capital(w) && !self.name_starts_at(at))
        });
        capital(prev) || capital(next) || after_particle
    }

    /// A weak term that is a statement on its own when said of someone: a whole word of five bytes or more.
    fn personal_word(&self, x: &Special) -> bool {
        x.term.len() >= 5 && !x.term.contains(&b' ') && whole_word(self.text, x.start, x.term.len())
    }

    /// Another weak term of the same category ("griep" and "koorts"), not the same word matched twice
    /// ("tandarts" and its head "arts"): said of someone too and no provider (`said`), or only outside general
    /// and trade sentences.
    fn second_weak(&self, i: usize, said: bool) -> bool {
        let x = self.terms[i];
        let partners = self.partners.get_or_init(|| self.find_partners());
        let slot = SpecialCategory::ALL
            .iter()
            .position(|&c| c == x.category)
            .unwrap_or(0);
        partners[slot][usize::from(!said)].iter().any(|&j| {
            let y = self.terms[j];
            y.term != x.term
                && (y.start + y.term.len() <= x.start || x.start + x.term.len() <= y.start)
        })
    }

    /// For each category and both kinds of pair, up to four weak terms with different bytes (see `partners`).
    fn find_partners(&self) -> [[Vec<usize>; 2]; 9] {
        let mut out: [[Vec<usize>; 2]; 9] = Default::default();
        for (j, y) in self.terms.iter().enumerate() {
            if !y.weak || INSURERS.iter().any(|t| y.term.ends_with(t)) {
                continue;
            }
            let slot = SpecialCategory::ALL
                .iter()
                .position(|&c| c == y.category)
                .unwrap_or(0);
            let list0 = &out[slot][0];
            if list0.len() < 4
                && !list0.iter().any(|&k| self.terms[k].term == y.term)
                && !is_provider(y)
                && self.said(j)
            {
                out[slot][0].push(j);
            }
            let list1 = &out[slot][1];
            if list1.len() < 4
                && !list1.iter().any(|&k| self.terms[k].term == y.term)
                && !self.general(j)
                && !self.trade(j)
            {
                out[slot][1].push(j);
            }
        }
        out
    }

    /// The sentence at `pos` is about someone: it holds a name, sits in a table row with a name, or has a
    /// pronoun or a title and does not speak of anyone at all.
    fn said_of_someone(&self, pos: usize) -> bool {
        self.sentence_about_someone(pos)
            || heading_of(self.text, pos).is_some_and(|h| self.heading_about_someone(h))
    }

    /// The line a list item or an indented note belongs to: the sentence that introduces it with a colon, or a
    /// heading that names the person ("Ch. 402 - M. et Mme Benali" above the room's notes).
    fn heading_about_someone(&self, h: usize) -> bool {
        let (s, e) = line_at(self.text, h);
        let line = &self.text[s..e];
        if line.trim_end().ends_with(':') {
            return self.sentence_about_someone(h);
        }
        line.len() <= 100 && (self.names_in(s, e) || Words::of(line).any(TITLES))
    }

    fn sentence_about_someone(&self, pos: usize) -> bool {
        let (s, e) = sentence_at(self.text, pos);
        let words = Words::of(&self.text[s..e]);
        let pronoun =
            words.any(PRONOUNS) || (words.any(&["je"]) && words.french()) || words.any(KIN);
        // A name or a title beside trade words is a business contact ("t.a.v. dhr. Bart Vanhulle, aankoper
        // medisch materiaal"); a pronoun still makes it personal.
        let contact = !pronoun && words.any(TRADE);
        if !contact && (self.names_in(s, e) || in_row_of_person(self.text, pos, &self.people)) {
            // In a table row the name is another cell's: the term's own cell may speak of anyone ("gentle class
            // for people with back pain", "verwijst veel patiënten met rugklachten").
            let cell = Words::of(cell_at(self.text, pos));
            let general_cell = !pronoun && (cell.anyone() || cell.any(GENERAL));
            return !(is_row(self.text, pos) && general_cell);
        }
        if words.anyone() {
            return false;
        }
        pronoun
            || (!contact && words.any(TITLES))
            // "U zorgt ervoor dat alle vrijwilligers …": the reader is asked to see to a group, not described.
            || (self.addressed && words.any(READER) && !words.any(GENERAL))
    }

    /// The sentence at `pos` speaks to the reader or of people in general.
    fn general_at(&self, pos: usize) -> bool {
        let (s, e) = sentence_at(self.text, pos);
        let words = Words::of(&self.text[s..e]);
        words.anyone()
            || words.any(GENERAL)
            || (!self.addressed && (words.any(READER) || words.any(SENDER)))
    }

    /// A term in the title, or anywhere but in a general sentence of a record about a named person (a care plan's
    /// "- Diagnose Alzheimer", a progress report's "De re-integratie loopt volgens plan").
    fn on_record(&self, i: usize) -> bool {
        if self.in_title(self.terms[i].start) {
            return true;
        }
        // A record about a person, or a letter to one, is about that person wherever it does not speak in general;
        // a quote or an invoice to a contact is about the work.
        (self.form_person || (self.addressed && !self.trade_letter)) && !self.general(i)
    }

    /// A term in the title ("Ziekmelding", "Ledenlijst Moskee Al Fath"), unless the title names a kind of text
    /// written for anyone (a press release, a policy, a vacancy). A title is a short line, not a first paragraph.
    fn in_title(&self, pos: usize) -> bool {
        // The document is about particular people: a record, a letter to someone, or people named right under
        // the title ("Ledenlijst Moskee Al Fath" above its members; not "Bedevaart naar Lourdes" above a
        // programme).
        let about_people = self.form_person
            || self.addressed
            || self
                .names
                .first()
                .is_some_and(|&(s, _)| self.text[pos.min(s)..s].lines().count() <= 8);
        if !about_people {
            return false;
        }
        let (ls, le) = line_at(self.text, pos);
        let subject = subject_line(&self.text[ls..le]);
        let zones = self
            .zones
            .iter()
            .copied()
            .chain(subject.then_some((ls, le)));
        zones.into_iter().any(|(s, e)| {
            let title = &self.text[s..e];
            s <= pos
                && pos < e
                && e - s <= 80
                && !greeting(title)
                && !self.general_title(title)
                && !self.general_at(pos)
        })
    }

    fn name_starts_at(&self, at: usize) -> bool {
        self.names.binary_search_by_key(&at, |&(s, _)| s).is_ok()
    }

    /// A title written for anyone: it names such a text, or speaks to the reader or of people in general as a
    /// whole line ("PARKINSON? U STAAT ER NIET ALLEEN VOOR.").
    fn general_title(&self, title: &str) -> bool {
        let words = Words::of(&title.to_lowercase());
        words.any(GENERAL_GENRES)
            || words.anyone()
            || words.any(GENERAL)
            || (!self.addressed && (words.any(READER) || words.any(SENDER)))
    }

    fn names_in(&self, s: usize, e: usize) -> bool {
        let first = self.names.partition_point(|&(ns, _)| ns < s);
        self.names[first..]
            .iter()
            .take_while(|&&(ns, _)| ns < e)
            .next()
            .is_some()
    }

    fn has_any(&self, pos: usize, list: &[&str]) -> bool {
        let (s, e) = sentence_at(self.text, pos);
        Words::of(&self.text[s..e]).any(list)
    }

    /// A visit preposition (and determiners) right before the term: "bij de huisarts", "chez le kiné".
    fn visited(&self, pos: usize) -> bool {
        let (s, _) = sentence_at(self.text, pos);
        let before = Words::of(&self.text[s..pos]);
        let mut it = before.list.iter().rev().filter(|w| !w.is_empty());
        for w in it.by_ref() {
            if DETERMINERS.contains(&w.as_str()) {
                continue;
            }
            return VISIT_BEFORE.contains(&w.as_str());
        }
        false
    }
}

/// The word before `pos`, lowercase ("" at the start of the text).
fn word_before(text: &str, pos: usize) -> String {
    text[..pos]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// A subject line in a letter's body ("Betreft: feest eerste communie van Lore", "Objet : …").
fn subject_line(line: &str) -> bool {
    let l = line.trim_start().to_lowercase();
    SUBJECT_LABELS.iter().any(|p| l.starts_with(p)) && l.contains(':')
}

/// A salutation line ("Geacht bestuur van de kerkfabriek,"): no title, whatever words it holds.
fn greeting(line: &str) -> bool {
    Words::of(line)
        .list
        .first()
        .is_some_and(|f| GREETINGS.contains(&f.as_str()))
}

/// A line "Patiënt : IONESCU Andrei" near the top: a record label, a colon and a capitalised value (the name
/// finder may not know the name).
fn record_label_line(text: &str) -> bool {
    text.lines().take(60).any(|l| {
        // "Patiënt: …", or a label and its value in columns ("Naam  Joris Clelemans").
        let Some((label, value)) = l
            .split_once(':')
            .or_else(|| l.split_once('\t'))
            .or_else(|| l.split_once(".."))
            .or_else(|| l.split_once("  "))
        else {
            return false;
        };
        // Dot leaders and blanks of a printed form ("Nom : ........ BENSAÏD").
        let value = value.trim_start_matches([' ', '.', '_', '\t', '\u{2026}']);
        let label = label.trim_end_matches([' ', '.', '_', '\u{2026}']);
        let label = label.trim().to_lowercase();
        // "Naam + voornaam lid", "Nom du patient": a short label holding a record word.
        let words = Words::of(&label);
        label.len() <= 32
            && words.list.len() <= 4
            && (RECORD_LABELS.contains(&label.as_str()) || words.any(RECORD_LABELS))
            && value
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    })
}

/// For a term in a list item or an indented line, a position on the line it hangs from: the nearest line above
/// (within 30) that is neither blank, nor an item, nor indented.
fn heading_of(text: &str, pos: usize) -> Option<usize> {
    let item = |l: &str| {
        let t = l.trim_start();
        t.starts_with(['-', '*', '\u{2022}'])
            || t.split_once(['.', ')']).is_some_and(|(n, _)| {
                !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit())
            })
    };
    let indented = |l: &str| l.starts_with([' ', '\t']);
    let (s, _) = line_at(text, pos);
    let own = text[s..].split('\n').next().unwrap_or("");
    if !item(own) && !indented(own) {
        return None;
    }
    let mut end = s;
    for l in text[..s].lines().rev().take(30) {
        end = end.saturating_sub(l.len() + 1);
        if l.trim().is_empty() || item(l) || indented(l) {
            continue;
        }
        return Some(end + l.trim_end().len().saturating_sub(1));
    }
    None
}

/// The document greets a named person, or is a chat between people: the reader words are that person.
fn addressed(text: &str, names: &[(usize, usize)]) -> bool {
    let chat = text
        .lines()
        .take(40)
        .filter(|l| crate::classify::chat_line(l))
        .count()
        >= 2;
    chat || text
        .lines()
        .take(30)
        .scan(0usize, |pos, l| {
            let s = *pos;
            *pos += l.len() + 1;
            Some((s, l))
        })
        .any(|(s, l)| {
            let w = Words::of(l);
            w.list
                .first()
                .is_some_and(|f| GREETINGS.contains(&f.as_str()))
                && (names.iter().any(|&(ns, _)| ns >= s && ns < s + l.len()) || w.any(TITLES))
        })
}

/// The sentence holding `pos`: bounded by a line break (unless the next line goes on in lowercase), `!`, `?`, `;`, or a full stop before a blank and a
/// capital (so "mw. drs." and "t.a.v." stay inside), at most 240 bytes each side.
fn sentence_at(text: &str, pos: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let pos = pos.min(b.len());
    let end_at = |i: usize| -> bool {
        match b[i] {
            b'!' | b'?' | b';' => true,
            // A hard-wrapped sentence goes on in lowercase on the next line.
            b'\n' => !continues(text, i + 1),
            b'.' => {
                b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace())
                    && b.get(i + 2)
                        .is_none_or(|c| c.is_ascii_uppercase() || *c == b'\n')
            }
            _ => false,
        }
    };
    let mut s = pos;
    while s > 0 && pos - s < 240 && !end_at(s - 1) {
        s -= 1;
    }
    let mut e = pos;
    while e < b.len() && e - pos < 240 && !end_at(e) {
        e += 1;
    }
    (floor(text, s), floor(text, e))
}

/// The line starting at `i` goes on with the sentence before it: after its indentation it opens in lowercase or
/// with a number ("   24 oktober door de rechtbank …"), and it is no chat message.
fn continues(text: &str, i: usize) -> bool {
    let rest = &text[floor(text, i.min(text.len()))..];
    let line = rest.split('\n').next().unwrap_or("");
    let body = line.trim_start_matches([' ', '\t']);
    body.chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
        && !crate::classify::chat_line(body)
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The lowercase words of a piece of text, with the part before an apostrophe as a word of its own ("j'ai" →
/// "j'ai", "j"), for whole-word and phrase tests.
struct Words {
    list: Vec<String>,
    joined: String,
}

impl Words {
    fn of(s: &str) -> Words {
        // Short acronyms in capitals are no pronouns ("HIS" is a system, "ME" a diagnosis).
        let mut kept = String::with_capacity(s.len());
        for w in s.split_inclusive(|c: char| !c.is_alphanumeric()) {
            let letters = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            let n = letters.chars().count();
            if (2..=4).contains(&n) && letters.chars().all(|c| c.is_uppercase()) {
                kept.push_str(&w[letters.len()..]);
            } else {
                kept.push_str(w);
            }
        }
        let lower = kept.to_lowercase().replace('\u{2019}', "'");
        let mut list = Vec::new();
        for w in lower.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '.')) {
            let w = w.trim_matches(['\'', '.']);
            if w.is_empty() {
                continue;
            }
            // "j'ai", "l'hôpital", "qu'il": the elided word counts ("ma'amoul" is one word).
            if let Some((head, tail)) = w.split_once('\'')
                && (head.len() == 1 || head.ends_with("qu"))
            {
                list.push(head.to_owned());
                list.push(tail.to_owned());
            }
            list.push(w.to_owned());
        }
        let joined = format!(" {} ", list.join(" "));
        Words { list, joined }
    }

    /// Reads as French (two of its function words): "je" is then "I", not the Dutch "you".
    fn french(&self) -> bool {
        self.list
            .iter()
            .filter(|w| FRENCH_WORDS.contains(&w.as_str()))
            .count()
            >= 2
    }

    /// Speaks of anyone: a quantifier over people, or an indefinite person under a condition.
    fn anyone(&self) -> bool {
        self.any(ANYONE) || (self.any(INDEFINITE) && self.any(CONDITIONS))
    }

    fn any(&self, words: &[&str]) -> bool {
        words.iter().any(|w| {
            if w.contains(' ') {
                self.joined.contains(&format!(" {w} "))
            } else {
                self.list.iter().any(|x| x == w)
            }
        })
    }
}
