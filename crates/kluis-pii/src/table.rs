//! Tables (spreadsheets, CSV, tab-separated text): a header cell gives its whole column a meaning, so a name,
//! birth date or BSN far below its header is still recognised.

use crate::Finding;
use crate::checks;
use crate::detect::Scan;
use kluis_domain::EntityType as E;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Name,
    NamePart,
    Dob,
    Bsn,
    BeNn,
}

/// Header cells and the meaning they give their column, lowercase.
const HEADERS: &[(&str, Col)] = &[
    ("naam", Col::Name),
    ("name", Col::Name),
    ("nom", Col::Name),
    ("klant", Col::Name),
    ("klantnaam", Col::Name),
    ("naam klant", Col::Name),
    ("contactpersoon", Col::Name),
    ("contact", Col::Name),
    ("werknemer", Col::Name),
    ("medewerker", Col::Name),
    ("volledige naam", Col::Name),
    ("full name", Col::Name),
    ("nom complet", Col::Name),
    ("deelnemer", Col::Name),
    ("lid", Col::Name),
    ("patiënt", Col::Name),
    ("patient", Col::Name),
    ("huurder", Col::Name),
    ("kandidaat", Col::Name),
    ("sollicitant", Col::Name),
    ("student", Col::Name),
    ("leerling", Col::Name),
    ("debiteur", Col::Name),
    ("relatie", Col::Name),
    ("naam en voornaam", Col::Name),
    ("nom et prénom", Col::Name),
    // Columns of the people a business assigns or serves: their cells are names as much as a customer's.
    ("client", Col::Name),
    ("cliënt", Col::Name),
    ("t.a.v.", Col::Name),
    ("ouder/voogd", Col::Name),
    ("instructeur", Col::Name),
    ("instructor", Col::Name),
    ("teacher", Col::Name),
    ("trainer", Col::Name),
    ("kapster", Col::Name),
    ("chauffeur", Col::Name),
    ("vrijwilliger", Col::Name),
    ("voor- en achternaam", Col::Name),
    ("voornaam", Col::NamePart),
    ("voornamen", Col::NamePart),
    ("roepnaam", Col::NamePart),
    ("first name", Col::NamePart),
    ("firstname", Col::NamePart),
    ("given name", Col::NamePart),
    ("prénom", Col::NamePart),
    ("prenom", Col::NamePart),
    ("achternaam", Col::NamePart),
    ("familienaam", Col::NamePart),
    ("geslachtsnaam", Col::NamePart),
    ("last name", Col::NamePart),
    ("lastname", Col::NamePart),
    ("surname", Col::NamePart),
    ("nom de famille", Col::NamePart),
    ("geboortedatum", Col::Dob),
    ("geb. datum", Col::Dob),
    ("geb.datum", Col::Dob),
    ("date of birth", Col::Dob),
    ("birth date", Col::Dob),
    ("dob", Col::Dob),
    ("date de naissance", Col::Dob),
    ("date naissance", Col::Dob),
    ("birthdate", Col::Dob),
    ("geboren", Col::Dob),
    ("bsn", Col::Bsn),
    ("burgerservicenummer", Col::Bsn),
    ("sofinummer", Col::Bsn),
    ("bsn-nummer", Col::Bsn),
    ("rijksregisternummer", Col::BeNn),
    ("rijksregister", Col::BeNn),
    ("rijksregisternr", Col::BeNn),
    ("rijksregister bis", Col::BeNn),
    ("rrn", Col::BeNn),
    ("rrn of bis", Col::BeNn),
    ("insz of bis", Col::BeNn),
    ("insz", Col::BeNn),
    ("insz-nummer", Col::BeNn),
    ("numéro national", Col::BeNn),
    ("registre national", Col::BeNn),
];

/// The longest header in bytes: a longer ASCII cell is no header.
const LONGEST_HEADER: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < HEADERS.len() {
        if HEADERS[i].0.len() > n {
            n = HEADERS[i].0.len();
        }
        i += 1;
    }
    n
};

/// The meaning of a header cell. Quotes around it and underscores between its words are the file's spelling, not
/// the header's ("\"first_name\"" is "first name").
fn column(cell: &str) -> Option<Col> {
    let c = cell
        .trim()
        .trim_matches('"')
        .trim()
        .trim_end_matches(':')
        .trim();
    let find = |low: &[u8]| {
        HEADERS
            .iter()
            .find(|(h, _)| h.as_bytes() == low)
            .map(|&(_, k)| k)
    };
    // Most cells are ASCII: lowercased in place on the stack, and one longer than any header is none (an ASCII
    // cell keeps its length when lowercased; other text may shrink, so it takes the general path).
    if c.is_ascii() {
        let mut buf = [0u8; LONGEST_HEADER];
        let low = buf.get_mut(..c.len())?;
        low.copy_from_slice(c.as_bytes());
        low.make_ascii_lowercase();
        for x in low.iter_mut().filter(|x| **x == b'_') {
            *x = b' ';
        }
        return find(low);
    }
    find(c.to_lowercase().replace('_', " ").as_bytes())
}

/// The active header of a table: its separator, its columns with a meaning, and its number of cells.
type Header = (u8, Vec<(usize, Col)>, usize);

pub(crate) fn columns(scan: &Scan<'_>, dates: &regex::Regex, out: &mut Vec<Finding>) {
    let t = scan.text;
    let b = t.as_bytes();
    let g = &scan.det.names;
    let mut header: Option<Header> = None;
    // Visit only lines that hold a separator (the keyword pass listed them with the other mark bytes): from a
    // line's first separator straight to the next line. A gap between such lines ends the table. Text tables
    // drawn with pipes ("Naam | Adres | …") too.
    let mut prev_end = usize::MAX;
    let mut lines = Vec::new();
    let mut at = 0;
    for k in scan.marks() {
        if k < at || !matches!(b[k], b'\t' | b';' | b',' | b'|') {
            continue;
        }
        // The line holding separator `k` (never a line break), with its line break.
        let (ls, le) = scan.line_bounds(k);
        // A ruler drawn under the header ("-----+-----") keeps the table together.
        let ruled = prev_end < ls
            && b[prev_end..ls].iter().all(|c| {
                matches!(
                    c,
                    b'-' | b'=' | b'+' | b'|' | b':' | b' ' | b'\t' | b'\r' | b'\n'
                )
            })
            && b[prev_end..ls].contains(&b'-');
        lines.push((ls, le, ls == prev_end || ruled));
        prev_end = le;
        at = le;
    }
    for (start, le, contiguous) in lines {
        if !contiguous {
            header = None;
        }
        let line = &t[start..le];
        let body = line.trim_end_matches(['\n', '\r']);
        // One pass counts the three separators.
        let (mut tabs, mut semis, mut commas, mut bars) = (0, 0, 0, 0);
        for &c in body.as_bytes() {
            match c {
                b'\t' => tabs += 1,
                b';' => semis += 1,
                b',' => commas += 1,
                b'|' => bars += 1,
                _ => {}
            }
        }
        if tabs + semis + commas + bars == 0 {
            header = None;
            continue;
        }
        // A bar beats the other separators when it is at least as frequent ("Doekhie, Ravi | vegetarisch").
        let sep = if bars >= 1 && bars >= tabs && bars >= semis && bars >= commas {
            b'|'
        } else if tabs >= semis && tabs >= commas {
            b'\t'
        } else if semis >= commas {
            b';'
        } else {
            b','
        };
        // Prose with commas is no table row unless a header is active.
        if header.is_none()
            && (body.len() > 400 || (sep == b',' && body.split(',').any(|c| c.len() > 40)))
        {
            continue;
        }
        // Header cells first, without collecting the cells: most lines with a separator are no table row.
        let cols: Vec<(usize, Col)> = body
            .split(char::from(sep))
            .enumerate()
            .filter_map(|(i, c)| column(c).map(|k| (i, k)))
            .collect();
        let width = body.split(char::from(sep)).count();
        // A row of the active table whose cell happens to read as a header ("lid" in a column of roles) is a
        // row: a new header of the same shape names at least as many columns, two or more.
        let row_of_table = header.as_ref().is_some_and(|(hsep, hcols, hwidth)| {
            *hsep == sep && *hwidth == width && (cols.len() < 2 || cols.len() < hcols.len())
        });
        if !cols.is_empty() && !row_of_table {
            header = Some((sep, cols, width));
            continue;
        }
        let Some((hsep, cols, _)) = &header else {
            continue;
        };
        if *hsep != sep {
            header = None;
            continue;
        }
        let cells: Vec<(usize, &str)> = {
            let mut v = Vec::new();
            let mut off = 0;
            for cell in body.split(char::from(sep)) {
                v.push((start + off, cell));
                off += cell.len() + 1;
            }
            v
        };
        for &(i, kind) in cols {
            let Some(&(cs, cell)) = cells.get(i) else {
                continue;
            };
            let lead = cell.len() - cell.trim_start_matches([' ', '"']).len();
            let cell_t = cell.trim_matches([' ', '"']);
            if cell_t.is_empty() {
                continue;
            }
            let s = cs + lead;
            let e = s + cell_t.len();
            match kind {
                Col::Name | Col::NamePart => {
                    if let Some(p) = crate::names::parse_name(g, t, s, true)
                        && !p.company
                        && p.end == e
                        && p.words >= 1
                    {
                        crate::names::emit(out, t, s, e, 0.75);
                    } else if sep != b',' && crate::names::inverted(g, t, s, e).is_some() {
                        // "Jansen, Piet" in a tab-, semicolon- or pipe-separated name column.
                        crate::names::emit(out, t, s, e, 0.7);
                    } else if kind == Col::NamePart && name_part(cell_t) {
                        // A first-name or surname column holds name parts by its header's word, known to the
                        // gazetteer or not ("Ter Haar", "Oude Wesselink").
                        crate::names::emit(out, t, s, e, 0.7);
                    }
                }
                Col::Dob => {
                    if let Some((m_start, m_end)) = word_date(cell_t) {
                        out.push(Finding::span(E::DateOfBirth, s + m_start, s + m_end, 0.8));
                    } else if let Some(c) = dates.captures(cell_t) {
                        let n = |k: usize| {
                            c.get(k)
                                .and_then(|m| m.as_str().parse::<u32>().ok())
                                .unwrap_or(0)
                        };
                        let ok = if c.get(5).is_some() {
                            checks::date_valid(n(1), n(3), n(5))
                        } else {
                            checks::date_valid(n(8), n(7), n(6))
                        };
                        if let (true, Some(m)) = (ok, c.get(0)) {
                            let ms = s + m.start();
                            out.push(Finding::span(E::DateOfBirth, ms, s + m.end(), 0.8));
                        }
                    }
                }
                Col::Bsn => {
                    let d = checks::digits(cell_t);
                    if (d.len() == 8 || d.len() == 9)
                        && cell_t.len() <= 12
                        && checks::bsn_valid(cell_t)
                    {
                        out.push(Finding::span(E::Bsn, s, e, 0.9));
                    }
                }
                Col::BeNn => {
                    if checks::be_nn_valid(&checks::digits(cell_t)) && cell_t.len() <= 16 {
                        out.push(Finding::span(E::BeNationalNumber, s, e, 0.9));
                    }
                }
            }
        }
    }
}

/// Tables without a header ("| za 11 okt | Niels | niels@… |"): a column in which two or more cells already
/// hold a name found by the other rules is a column of names, so its other cells that read as a name are names
/// too, known given names or not.
pub(crate) fn name_columns(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let t = scan.text;
    let b = t.as_bytes();
    if !scan.marks().any(|k| matches!(b[k], b'\t' | b'|')) {
        return;
    }
    let mut names: Vec<(usize, usize)> = out
        .iter()
        .filter(|f| f.entity == E::PersonName)
        .map(|f| (f.start, f.end))
        .collect();
    if names.len() < 2 {
        return;
    }
    names.sort_unstable();
    let holds_name = |s: usize, e: usize| {
        let i = names.partition_point(|&(ns, _)| ns < s);
        names[i..]
            .iter()
            .take_while(|&&(ns, _)| ns < e)
            .any(|&(_, ne)| ne <= e)
    };
    let g = &scan.det.names;
    let mut block: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut shape = (0u8, 0usize);
    let mut found = Vec::new();
    let flush = |block: &mut Vec<Vec<(usize, usize)>>, found: &mut Vec<(usize, usize)>| {
        let width = block.first().map_or(0, Vec::len);
        if block.len() >= 3 {
            for col in 0..width {
                let hits = block
                    .iter()
                    .filter(|r| holds_name(r[col].0, r[col].1))
                    .count();
                if hits < 2 {
                    continue;
                }
                // A header row names its columns ("Achternaam", "Lid"): its cells are no values.
                for r in block
                    .iter()
                    .filter(|r| !r.iter().any(|&(s, e)| column(&t[s..e]).is_some()))
                {
                    let (s, e) = r[col];
                    if s < e
                        && !holds_name(s, e)
                        && b[s].is_ascii_uppercase()
                        && let Some(p) = crate::names::parse_name(g, t, s, true)
                        && !p.company
                        && p.start == s
                        && p.end == e
                    {
                        found.push((s, e));
                    }
                }
            }
        }
        block.clear();
    };
    let mut ls = 0;
    for &le in &scan.line_ends {
        let body_end = if le > ls && b[le - 1] == b'\r' {
            le - 1
        } else {
            le
        };
        let line = &b[ls..body_end];
        let bars = line.iter().filter(|&&c| c == b'|').count();
        let sep = if bars >= 2 {
            b'|'
        } else if line.contains(&b'\t') {
            b'\t'
        } else {
            0
        };
        if sep == 0 {
            flush(&mut block, &mut found);
            shape = (0, 0);
            ls = le + 1;
            continue;
        }
        // Cells as trimmed spans; a drawn table's outer bars leave no cells.
        let mut cells = Vec::new();
        let mut cs = ls;
        for k in (ls..=body_end).filter(|&k| k == body_end || b[k] == sep) {
            let (mut s, mut e) = (cs, k);
            while s < e && b[s] == b' ' {
                s += 1;
            }
            while e > s && b[e - 1] == b' ' {
                e -= 1;
            }
            if !(sep == b'|' && s == e && (cs == ls || k == body_end)) {
                cells.push((s, e));
            }
            cs = k + 1;
        }
        if (sep, cells.len()) != shape {
            flush(&mut block, &mut found);
            shape = (sep, cells.len());
        }
        block.push(cells);
        ls = le + 1;
    }
    flush(&mut block, &mut found);
    for (s, e) in found {
        crate::names::emit(out, t, s, e, 0.65);
    }
}

/// One to four words, each opening with a capital (a particle may be lowercase: "van der"), of letters and the
/// marks names carry: a cell that can be a name part.
fn name_part(cell: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op", "la", "le", "du",
        "des", "da", "di", "dos", "el", "al", "von",
    ];
    let words: Vec<&str> = cell.split(' ').collect();
    cell.len() <= 48
        && words.len() <= 4
        && words
            .last()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words.iter().all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}' | '.'))
                && (w.starts_with(char::is_uppercase) || PARTICLES.contains(w))
        })
}

/// A date with a month name filling a cell ("14 maart 2001", "22 dec. 1975"): its span in the cell.
fn word_date(cell: &str) -> Option<(usize, usize)> {
    let mut parts = cell.split_whitespace();
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || d.len() > 2 || y.len() != 4 {
        return None;
    }
    let day: u32 = d.parse().ok()?;
    let year: u32 = y.parse().ok()?;
    let month = checks::month_number(&m.trim_end_matches('.').to_lowercase())?;
    if !(1900..2100).contains(&year) || !checks::date_valid(day, month, year) {
        return None;
    }
    let start = cell.find(d)?;
    Some((start, cell.rfind(y)? + 4))
}
