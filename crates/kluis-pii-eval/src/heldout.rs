//! `heldout OUT_DIR [N] [SEED] [--set a|b|c|d|e|f] [--names FILE]`: writes a held-out, labelled set of plain-text
//! documents with layouts, phrasings and names unlike the dev corpus, to measure how the detector generalises.
//!
//! Writes `OUT_DIR/docs/hNNNN.txt` and `OUT_DIR/labels.jsonl` (the corpus contract). Deterministic for a seed.
//! Names come from syllable models per origin (Dutch, Frisian, Flemish, French-Belgian, Turkish, Moroccan, Polish,
//! Indonesian, Surinamese), not from the detector's word lists. Never commit the output: this program regenerates
//! it.
//!
//! Score: `kluis-pii-eval report OUT_DIR`, or `kluis-pii-eval scan OUT_DIR/docs > h.jsonl` and
//! `kluis-pii-eval score OUT_DIR/labels.jsonl h.jsonl` (the same figures as score.py).

use crate::score::MAANDEN;
use std::fmt::Write as _;
use std::io::Write as _;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T: ?Sized>(&mut self, xs: &[&'a T]) -> &'a T {
        xs[self.below(xs.len())]
    }
    fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
}

// ---------------------------------------------------------------- names

#[derive(Clone, Copy)]
enum Origin {
    Dutch,
    Frisian,
    Flemish,
    French,
    Turkish,
    Moroccan,
    Polish,
    Indonesian,
    Surinamese,
}

const ORIGINS: &[Origin] = &[
    Origin::Dutch,
    Origin::Dutch,
    Origin::Frisian,
    Origin::Flemish,
    Origin::French,
    Origin::Turkish,
    Origin::Moroccan,
    Origin::Polish,
    Origin::Indonesian,
    Origin::Surinamese,
];

#[derive(Clone)]
struct Person {
    first: String,
    /// Surname with its particle, as written after a first name ("van der Hoogeveld").
    last: String,
    female: bool,
}

impl Person {
    fn full(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
    fn initial(&self) -> String {
        format!("{}.", self.first.chars().next().unwrap_or('X'))
    }
    /// Surname as written after a title: Dutch particles are capitalised there ("de heer Van der Hoogeveld" is
    /// Flemish style; Dutch keeps lowercase after initials). Kept as-is for simplicity.
    fn sur(&self) -> String {
        self.last.clone()
    }
    fn email(&self, r: &mut Rng, domains: &[&str]) -> String {
        let f = fold(&self.first);
        let l: String = fold(&self.last);
        let d = r.pick(domains);
        match r.below(3) {
            0 => format!("{f}.{l}@{d}"),
            1 => format!("{}{l}@{d}", f.get(..1).unwrap_or_default()),
            _ => format!("{f}{}@{d}", r.below(90) + 10),
        }
    }
}

fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| {
            Some(match c {
                'à' | 'á' | 'â' | 'ä' | 'ą' => 'a',
                'ç' | 'ć' | 'č' => 'c',
                'è' | 'é' | 'ê' | 'ë' | 'ę' => 'e',
                'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
                'ñ' | 'ń' => 'n',
                'ò' | 'ó' | 'ô' | 'ö' => 'o',
                'ù' | 'ú' | 'û' | 'ü' => 'u',
                'ş' | 'ś' | 'š' => 's',
                'ğ' => 'g',
                'ł' => 'l',
                'ż' | 'ź' => 'z',
                c if c.is_ascii_alphabetic() => c,
                _ => return None,
            })
        })
        .collect()
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn syl(r: &mut Rng, a: &[&str], b: &[&str]) -> String {
    format!("{}{}", r.pick(a), r.pick(b))
}

/// An external name pool (`--names FILE`, lines "given<TAB>surname"), used instead of the syllable models: lets
/// licensed name lists be used at evaluation time without committing them.
static POOL: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();

fn person(r: &mut Rng) -> Person {
    if let Some(pool) = POOL.get().filter(|p| !p.is_empty()) {
        let (first, last) = pool[r.below(pool.len())].clone();
        return Person {
            first,
            last,
            female: r.chance(50),
        };
    }
    let o = ORIGINS[r.below(ORIGINS.len())];
    let female = r.chance(50);
    let (first, last) = match o {
        Origin::Dutch => {
            let f = if female {
                syl(
                    r,
                    &[
                        "Wil", "Jel", "Gerd", "Mar", "Hen", "Lieuw", "Tjit", "Ber", "Aal", "Door",
                    ],
                    &["mien", "ske", "ine", "rieke", "dina", "tje", "ja", "ke"],
                )
            } else {
                syl(
                    r,
                    &[
                        "Wou", "Gerr", "Kor", "Reij", "Aal", "Hen", "Maar", "Ber", "Teun", "Dirk",
                    ],
                    &[
                        "ter", "it", "nelis", "er", "bert", "drik", "ten", "end", "is", "jan",
                    ],
                )
            };
            let root = syl(
                r,
                &[
                    "Hoog", "Brink", "Vel", "Kamp", "Wou", "Stee", "Mole", "Wijn", "Gaar", "Roze",
                    "Kloos", "Dui", "Heem", "Oost", "Noor",
                ],
                &[
                    "man", "ink", "huis", "dijk", "veld", "kamp", "enaar", "ers", "stede", "hout",
                    "weg", "broek", "horst", "beek",
                ],
            );
            let pre = r.pick(&[
                "", "", "", "van ", "de ", "van der ", "van den ", "ter ", "ten ", "van 't ",
                "in 't ", "op den ",
            ]);
            (f, format!("{pre}{root}"))
        }
        Origin::Frisian => {
            let f = if female {
                syl(
                    r,
                    &["Auk", "Hil", "Sjoe", "Jit", "Gea", "Tsjit", "Wie"],
                    &["je", "ke", "ske", "tske", "rtje"],
                )
            } else {
                syl(
                    r,
                    &["Sjo", "Tsja", "Wyb", "Hes", "Ype", "Durk", "Jel"],
                    &["erd", "lling", "ren", "ke", "tse", "le"],
                )
            };
            let l = syl(
                r,
                &[
                    "Hoek", "Dijk", "Wier", "Terp", "Boer", "Sieb", "Hofs", "Bons", "Rin", "Tjall",
                ],
                &["stra", "sma", "inga", "ema", "enga", "ma"],
            );
            (f, l)
        }
        Origin::Flemish => {
            let f = if female {
                syl(
                    r,
                    &["Ka", "Lie", "Bre", "Gitt", "Mie", "Fre"],
                    &["trien", "ve", "gje", "e", "ke", "ja"],
                )
            } else {
                syl(
                    r,
                    &["Wout", "Jo", "Staf", "Rob", "War", "Kaat"],
                    &["er", "ris", "fke", "recht", "d", "ijn"],
                )
            };
            let root = syl(
                r,
                &["Meu", "Cle", "Ver", "Wae", "Ghe", "Baer", "Lamb", "Hoo"],
                &[
                    "lemans", "ckx", "haegen", "yaert", "ldof", "tsoen", "recht", "ghe",
                ],
            );
            let pre = r.pick(&["", "", "Van ", "De ", "Van den ", "Vanden", "Van de ", "D'"]);
            (f, format!("{pre}{root}"))
        }
        Origin::French => {
            let f = if female {
                syl(
                    r,
                    &["Ma", "Cé", "Gé", "Do", "Ro", "Ju", "Ni"],
                    &[
                        "thilde", "cile", "raldine", "minique", "selyne", "liette", "cole",
                    ],
                )
            } else {
                syl(
                    r,
                    &["Jean-", "Mar", "Lu", "Gé", "Ro", "Fran", "Thi"],
                    &["Luc", "cel", "cien", "rard", "main", "çois", "baut"],
                )
            };
            let root = syl(
                r,
                &[
                    "Mou", "Cha", "Lam", "Fon", "Ber", "Gil", "Pir", "Del", "Ros",
                ],
                &[
                    "lin", "rlier", "bert", "taine", "nard", "quet", "otte", "hez", "seel",
                ],
            );
            let pre = r.pick(&["", "", "", "Du", "de la ", "le ", "Le", "de ", "d'"]);
            (f, format!("{pre}{root}"))
        }
        Origin::Turkish => {
            let f = if female {
                syl(
                    r,
                    &["Ay", "Gül", "Se", "Öz", "Ebru", "Ze", "Mel"],
                    &["şe", "sen", "lin", "lem", "nur", "ynep", "tem"],
                )
            } else {
                syl(
                    r,
                    &["Meh", "Em", "Bur", "Hü", "Ser", "Oğ", "Ka"],
                    &["met", "re", "ak", "seyin", "kan", "uz", "dir"],
                )
            };
            let l = syl(
                r,
                &[
                    "Yıl", "Kara", "Öz", "Çe", "Ak", "Dem", "Kay", "Şa", "Ars", "Doğ",
                ],
                &[
                    "dız", "lik", "han", "bay", "türk", "oğlu", "soy", "tepe", "kaya", "can",
                ],
            );
            (f, l)
        }
        Origin::Moroccan => {
            let f = if female {
                syl(
                    r,
                    &["Fa", "Kha", "Na", "Sou", "Ya", "Ha"],
                    &["tima", "dija", "ima", "kaina", "mina", "jar"],
                )
            } else {
                syl(
                    r,
                    &["Mo", "Ha", "Ach", "Ya", "Bil", "Ou"],
                    &["hamed", "med", "raf", "ssine", "al", "ssama"],
                )
            };
            let root = syl(
                r,
                &["Ham", "Bou", "Ouah", "Kad", "Ams", "Tah", "Az", "Ouar"],
                &["mouti", "dali", "rachi", "iri", "ari", "zaoui", "ghari"],
            );
            let pre = r.pick(&["", "El ", "El ", "Ben ", "Ait ", "Al-", "el "]);
            (f, format!("{pre}{root}"))
        }
        Origin::Polish => {
            let f = if female {
                syl(
                    r,
                    &["Ag", "Mał", "Ka", "Jo", "Bo", "Ur"],
                    &["nieszka", "gorzata", "tarzyna", "anna", "żena", "szula"],
                )
            } else {
                syl(
                    r,
                    &["Kry", "Tom", "Wo", "Prze", "Zbi", "Ło"],
                    &["sztof", "asz", "jciech", "mek", "gniew", "kasz"],
                )
            };
            let ends: &[&str] = if female {
                &["ska", "czyk", "owska"]
            } else {
                &["ski", "czyk", "owski"]
            };
            let root = syl(
                r,
                &[
                    "Kowal", "Nowa", "Wiśniew", "Zieliń", "Lewan", "Kamiń", "Grab", "Wójc",
                ],
                ends,
            );
            (f, root)
        }
        Origin::Indonesian => {
            let f = syl(
                r,
                &["Su", "Wi", "Ra", "Pra", "Dar", "Kar", "In", "Pu"],
                &["harti", "jaya", "tno", "mono", "sono", "tini", "dah", "tri"],
            );
            let l = syl(
                r,
                &["Sa", "Hadi", "Wira", "Sura", "Pang", "Ke"],
                &["putra", "wijaya", "karta", "ngadi", "kusumo", "lapessy"],
            );
            (f, l)
        }
        Origin::Surinamese => {
            let f = if female {
                syl(
                    r,
                    &["Pri", "Ani", "Shi", "Ra", "Sun"],
                    &["ya", "ta", "rley", "ndra", "ita"],
                )
            } else {
                syl(
                    r,
                    &["Ra", "Dev", "Sur", "Ro", "Gle"],
                    &["jesh", "indra", "nath", "mano", "nn"],
                )
            };
            let l = syl(
                r,
                &["Ram", "Sew", "Bis", "Jag", "Har", "Pinas", "Kross", "Zeeg"],
                &["dien", "nath", "sing", "persad", "pal", "kiem", "ari"],
            );
            (f, l)
        }
    };
    Person {
        first,
        last,
        female,
    }
}

// ---------------------------------------------------------------- identifiers

fn bsn(r: &mut Rng) -> String {
    loop {
        let d: Vec<u32> = (0..8).map(|_| r.below(10) as u32).collect();
        if d[0] == 0 {
            continue;
        }
        let s: u32 = d.iter().zip((2..=9).rev()).map(|(a, w)| a * w).sum();
        let c = s % 11;
        if c < 10 {
            return d
                .iter()
                .map(|x| char::from(b'0' + *x as u8))
                .collect::<String>()
                + &c.to_string();
        }
    }
}

fn passes_11(s: &str) -> bool {
    let d: Vec<u32> = s.bytes().map(|c| u32::from(c - b'0')).collect();
    if d.len() != 9 {
        return false;
    }
    let s: i64 = d[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(a, w)| i64::from(a * w))
        .sum::<i64>()
        - i64::from(d[8]);
    s % 11 == 0
}

fn mod97(s: &str) -> u32 {
    let mut m = 0u32;
    for c in s.chars() {
        let v = if c.is_ascii_digit() {
            c as u32 - '0' as u32
        } else {
            c as u32 - 'A' as u32 + 10
        };
        m = if v >= 10 {
            (m * 100 + v) % 97
        } else {
            (m * 10 + v) % 97
        };
    }
    m
}

fn iban(r: &mut Rng, be: bool) -> String {
    let bban = if be {
        let first10 = r.digits(10);
        let n: u64 = first10.parse().unwrap_or(0);
        let c = match n % 97 {
            0 => 97,
            x => x,
        };
        format!("{first10}{c:02}")
    } else {
        format!(
            "{}{}",
            r.pick(&["ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB"]),
            r.digits(10)
        )
    };
    let cc = if be { "BE" } else { "NL" };
    let chk = 98 - mod97(&format!("{bban}{cc}00"));
    format!("{cc}{chk:02}{bban}")
}

fn spaced4(s: &str) -> String {
    s.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Belgian national number for a birth date, formatted `YY.MM.DD-SSS.CC`.
fn rrn(r: &mut Rng, y: u32, m: u32, d: u32) -> String {
    let ser = r.below(997) + 1;
    let first9 = format!("{:02}{m:02}{d:02}{ser:03}", y % 100);
    let base: u64 = if y >= 2000 {
        format!("2{first9}").parse().unwrap_or(0)
    } else {
        first9.parse().unwrap_or(0)
    };
    let c = 97 - base % 97;
    format!("{:02}.{m:02}.{d:02}-{ser:03}.{c:02}", y % 100)
}

fn be_eid(r: &mut Rng) -> String {
    let f = r.digits(10);
    let n: u64 = f.parse().unwrap_or(0);
    let c = match n % 97 {
        0 => 97,
        x => x,
    };
    format!("{}-{}-{c:02}", &f[..3], &f[3..])
}

fn be_vat(r: &mut Rng) -> String {
    let f = format!("0{}", r.digits(7));
    let n: u64 = f.parse().unwrap_or(0);
    let c = 97 - n % 97;
    format!("BE{}.{}.{}{c:02}", &f[..4], &f[4..7], &f[7..])
}

fn postcode(r: &mut Rng) -> String {
    loop {
        let l1 = char::from(b'A' + r.below(26) as u8);
        let l2 = char::from(b'A' + r.below(26) as u8);
        let pair = format!("{l1}{l2}");
        if matches!(pair.as_str(), "SA" | "SD" | "SS") {
            continue;
        }
        return format!("{}{} {pair}", r.below(9) + 1, r.digits(3));
    }
}

fn nl_mobile(r: &mut Rng) -> String {
    let n = format!("{}{}", r.pick(&["1", "2", "3", "4", "5", "8"]), r.digits(7));
    match r.below(5) {
        0 => format!("+31(0)6-{n}"),
        1 => format!("06-{n}"),
        2 => format!("+316{n}"),
        3 => format!("06 {} {} {} {}", &n[..2], &n[2..4], &n[4..6], &n[6..]),
        _ => format!("0031 6 {n}"),
    }
}

fn nl_fixed(r: &mut Rng) -> String {
    let area = r.pick(&["10", "20", "30", "40", "50", "70", "71", "73", "76"]);
    let n = r.digits(7);
    match r.below(3) {
        0 => format!("0{area}-{n}"),
        1 => format!("0{area} {} {}", &n[..3], &n[3..]),
        _ => format!("+31 {area} {n}"),
    }
}

fn be_mobile(r: &mut Rng) -> String {
    let p = r.pick(&[
        "470", "471", "472", "475", "476", "477", "478", "479", "486", "496",
    ]);
    let n = r.digits(6);
    match r.below(3) {
        0 => format!("+32 {p} {} {} {}", &n[..2], &n[2..4], &n[4..]),
        1 => format!("0{p}/{}.{}.{}", &n[..2], &n[2..4], &n[4..]),
        _ => format!("0{p} {} {} {}", &n[..2], &n[2..4], &n[4..]),
    }
}

const MOIS: &[&str] = &[
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

struct Date {
    y: u32,
    m: u32,
    d: u32,
}

fn birth(r: &mut Rng) -> Date {
    Date {
        y: 1950 + r.below(55) as u32,
        m: r.below(12) as u32 + 1,
        d: r.below(28) as u32 + 1,
    }
}

fn recent(r: &mut Rng) -> Date {
    Date {
        y: 2023 + r.below(3) as u32,
        m: r.below(12) as u32 + 1,
        d: r.below(28) as u32 + 1,
    }
}

fn date_nl(r: &mut Rng, d: &Date) -> String {
    match r.below(4) {
        0 => format!("{} {} {}", d.d, MAANDEN[d.m as usize - 1], d.y),
        1 => format!("{:02}-{:02}-{}", d.d, d.m, d.y),
        2 => format!("{}-{:02}-{:02}", d.y, d.m, d.d),
        _ => format!("{}/{}/{}", d.d, d.m, d.y),
    }
}

fn recent_nl(r: &mut Rng) -> String {
    let d = recent(r);
    date_nl(r, &d)
}

// ---------------------------------------------------------------- places

const NL_PLACES: &[&str] = &[
    "Zwolle",
    "Leeuwarden",
    "Tilburg",
    "Amersfoort",
    "Schiedam",
    "Deventer",
    "Heerlen",
    "Purmerend",
    "Drachten",
    "Almere",
    "Emmen",
    "Helmond",
    "Gouda",
    "Sneek",
];
const BE_PLACES: &[(&str, &str)] = &[
    ("2000", "Antwerpen"),
    ("9000", "Gent"),
    ("1050", "Ixelles"),
    ("4000", "Liège"),
    ("3500", "Hasselt"),
    ("8000", "Brugge"),
    ("1030", "Schaerbeek"),
    ("6000", "Charleroi"),
    ("2800", "Mechelen"),
    ("5000", "Namur"),
];

fn nl_street(r: &mut Rng) -> String {
    let root = r.pick(&[
        "Vlier", "Berken", "Molen", "Haver", "Kastanje", "Zeil", "Klaproos", "Duiven", "Esdoorn",
        "Schans", "Lijster", "Vos", "Reiger", "Kievit", "Turf", "Zwanen",
    ]);
    let suf = r.pick(&[
        "straat", "laan", "weg", "plein", "gracht", "kade", "dijk", "singel", "dreef", "hof",
        "pad", "steeg", "erf", "veld", "hout",
    ]);
    let prefix = r.chance(10);
    if prefix {
        format!(
            "{} {}",
            r.pick(&["Burgemeester", "Dokter", "Prinses"]),
            cap(&format!("{root}{suf}"))
        )
    } else {
        format!("{root}{suf}")
    }
}

fn house(r: &mut Rng) -> String {
    let n = r.below(180) + 1;
    match r.below(8) {
        0 => format!("{n}-{}", r.below(4) + 1),
        1 => format!("{n} bis"),
        2 => format!("{n} hs"),
        3 => format!("{n}A"),
        4 => format!("{n}-II"),
        _ => n.to_string(),
    }
}

fn be_street(r: &mut Rng) -> String {
    if r.chance(50) {
        format!(
            "{} {}",
            r.pick(&["Rue", "Avenue", "Chaussée de", "Boulevard", "Place"]),
            r.pick(&[
                "des Tilleuls",
                "Louise",
                "Wavre",
                "Brand Whitlock",
                "du Midi",
                "des Alliés",
                "Haute"
            ])
        )
    } else {
        format!(
            "{}{}",
            r.pick(&["Kapel", "Veld", "Kerk", "Linde", "Bos", "Meers", "Dries"]),
            r.pick(&["straat", "laan", "weg", "dreef", "steenweg"])
        )
    }
}

// ---------------------------------------------------------------- documents

#[derive(Default)]
struct Doc {
    text: String,
    ents: Vec<(&'static str, String)>,
    class: &'static str,
    personal: bool,
    special: bool,
    cats: Vec<&'static str>,
}

impl Doc {
    fn t(&mut self, s: &str) -> &mut Self {
        self.text.push_str(s);
        self
    }
    /// Writes a labelled value.
    fn e(&mut self, ty: &'static str, v: &str) -> &mut Self {
        self.text.push_str(v);
        self.ents.push((ty, v.to_owned()));
        if !matches!(ty, "kvk_number" | "vat_number") {
            self.personal = true;
        }
        if matches!(ty, "bsn" | "be_national_number" | "id_document_number") {
            self.special = true;
        }
        self
    }
    fn cat(&mut self, c: &'static str) {
        if !self.cats.contains(&c) {
            self.cats.push(c);
        }
        self.special = true;
    }
}

const MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "hotmail.com",
    "outlook.be",
    "kpnmail.nl",
    "skynet.be",
    "icloud.com",
    "proton.me",
];

fn company(r: &mut Rng) -> String {
    format!(
        "{} {}",
        r.pick(&[
            "Veldhoven",
            "Noordkaap",
            "Lindeboom",
            "Brederode",
            "Zuidwind",
            "Oranjerie",
            "Kempenland"
        ]),
        r.pick(&[
            "Installatietechniek BV",
            "Logistiek B.V.",
            "Drukwerk BV",
            "Schoonmaak BV",
            "Bouw NV",
            "Catering BV"
        ])
    )
}

/// 1. Registration form with separate first/last name fields.
fn form(d: &mut Doc, r: &mut Rng) {
    let p = person(r);
    d.class = "application";
    d.t(r.pick(&[
        "Sollicitatieformulier\n",
        "Inschrijfformulier sollicitatie\n",
    ]));
    d.t("Vacature: medewerker ")
        .t(r.pick(&["magazijn", "klantenservice", "administratie"]))
        .t("\n\n");
    d.t("Persoonsgegevens\n");
    d.t(r.pick(&["Voornaam: ", "Voornaam:\t", "Roepnaam: "]))
        .e("person_name", &p.first)
        .t("\n");
    d.t(r.pick(&["Achternaam: ", "Achternaam:\t", "Familienaam: "]))
        .e("person_name", &p.last)
        .t("\n");
    d.t("Straat en huisnummer: ")
        .e("address", &format!("{} {}", nl_street(r), house(r)))
        .t("\n");
    d.t("Postcode / woonplaats: ")
        .e("postcode", &postcode(r))
        .t(" ")
        .t(r.pick(NL_PLACES))
        .t("\n");
    let b = birth(r);
    d.t(r.pick(&["Geboortedatum: ", "Geb. datum: ", "Datum van geboorte: "]));
    let ds = date_nl(r, &b);
    d.e("date_of_birth", &ds).t("\n");
    d.t("Mobiel: ").e("phone", &nl_mobile(r)).t("\n");
    d.t("E-mailadres: ")
        .e("email", &p.email(r, MAIL_DOMAINS))
        .t("\n");
    d.t("Beschikbaar per: ").t(&recent_nl(r)).t("\n");
    d.t("Werkervaring: 4 jaar orderpicker, heftruckcertificaat\n");
    if r.chance(30) {
        d.t("Burgerservicenummer (voor de loonadministratie): ")
            .e("bsn", &bsn(r))
            .t("\n");
    }
}

/// 2. E-mail thread with a quoted reply.
fn thread(d: &mut Doc, r: &mut Rng) {
    let a = person(r);
    let b = person(r);
    let ea = a.email(r, MAIL_DOMAINS);
    let eb = format!(
        "{}@{}",
        fold(&b.first),
        r.pick(&["kempenland.nl", "brederode-bouw.be", "zuidwind.nl"])
    );
    d.class = "correspondence";
    d.t("Van: ")
        .e("person_name", &b.full())
        .t(" <")
        .e("email", &eb)
        .t(">\n");
    d.t("Aan: ").e("email", &ea).t("\n");
    let when = recent(r);
    let _ = writeln!(
        d.text,
        "Verzonden: {:02}-{:02}-{} 14:22",
        when.d, when.m, when.y
    );
    d.t("Onderwerp: RE: afspraak keukenmontage\n\n");
    d.t(r.pick(&["Hoi ", "Hallo ", "Dag "]))
        .e("person_name", &a.first)
        .t(",\n\n");
    d.t("Donderdag om 9 uur past prima. Onze monteur belt een half uur van tevoren.\n\n");
    d.t(r.pick(&["Gr,\n", "Groet,\n", "Mvg,\n", "Groetjes,\n"]))
        .e("person_name", &b.first)
        .t("\n\n");
    let _ = write!(
        d.text,
        "> Op {} {} {} om 10:12 schreef ",
        when.d,
        MAANDEN[when.m as usize - 1],
        when.y
    );
    d.e("person_name", &a.full())
        .t(" <")
        .e("email", &ea)
        .t(">:\n");
    d.t("> Goedemiddag,\n> Kan de montage ook eerder? Ik ben bereikbaar op ")
        .e("phone", &nl_mobile(r))
        .t(".\n");
    d.t("> Het adres is ")
        .e("address", &format!("{} {}", nl_street(r), house(r)))
        .t(".\n> ");
    d.e("person_name", &a.first).t("\n");
}

/// 3. Chat-style notes (exported messages).
fn chat(d: &mut Doc, r: &mut Rng) {
    let a = person(r);
    let b = person(r);
    d.class = "correspondence";
    let w = recent(r);
    let stamp = |h: u32| {
        format!(
            "[{:02}-{:02}-{:02} {h:02}:1{}] ",
            w.d,
            w.m,
            w.y % 100,
            h % 10
        )
    };
    d.t(&stamp(8))
        .e("person_name", &a.first)
        .t(": goedemorgen, ik kom vandaag later\n");
    d.t(&stamp(8))
        .e("person_name", &b.first)
        .t(": oké, alles goed?\n");
    if r.chance(50) {
        d.t(&stamp(9))
            .e("person_name", &a.first)
            .t(": ik ga vanaf volgende maand met zwangerschapsverlof, bespreek ik nog met HR\n");
        d.cat("health");
    } else {
        d.t(&stamp(9))
            .e("person_name", &a.first)
            .t(": moet even langs de tandarts, ben er om 11 uur\n");
    }
    d.t(&stamp(9))
        .e("person_name", &b.first)
        .t(": prima. bel me anders op ")
        .e("phone", &be_mobile(r))
        .t("\n");
    d.t(&stamp(10)).e("person_name", &a.first).t(": 👍\n");
}

/// 4. French-Belgian letter.
fn lettre(d: &mut Doc, r: &mut Rng) {
    let p = person(r);
    d.class = "correspondence";
    let (pc, city) = BE_PLACES[r.below(BE_PLACES.len())];
    d.e("person_name", &p.full()).t("\n");
    d.e("address", &format!("{} {}", be_street(r), house(r)))
        .t("\n");
    let _ = writeln!(d.text, "{pc} {city}");
    d.t("Tél. : ").e("phone", &be_mobile(r)).t("\n\n");
    let w = recent(r);
    let _ = writeln!(
        d.text,
        "{city}, le {} {} {}\n",
        w.d,
        MOIS[w.m as usize - 1],
        w.y
    );
    d.t("Objet : résiliation de mon abonnement\n\n");
    d.t(r.pick(&["Madame, Monsieur,\n\n", "Madame, Monsieur,\n\n"]));
    d.t("Par la présente, je souhaite mettre fin à mon contrat à partir du mois prochain. ");
    d.t("Je vous prie de rembourser le solde sur mon compte ")
        .e("iban", &spaced4(&iban(r, true)))
        .t(".\n\n");
    if r.chance(40) {
        let b = birth(r);
        d.t("Pour m'identifier : numéro de registre national ")
            .e("be_national_number", &rrn(r, b.y, b.m, b.d))
            .t(".\n\n");
    }
    d.t("Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées.\n\n");
    d.e("person_name", &p.full()).t("\n");
}

/// 5. English letter.
fn english(d: &mut Doc, r: &mut Rng) {
    let p = person(r);
    let q = person(r);
    d.class = "correspondence";
    let w = recent(r);
    let _ = writeln!(d.text, "{} {} {}", w.d, MONTHS[w.m as usize - 1], w.y);
    d.t(&company(r))
        .t("\nAttn. ")
        .e("person_name", &q.full())
        .t("\n\n");
    let title = if p.female { "Ms" } else { "Mr" };
    d.t("Dear ")
        .t(if q.female { "Ms " } else { "Mr " })
        .e("person_name", &q.sur())
        .t(",\n\n");
    d.t("Further to our call, I confirm that I would like to move my delivery to my new home at ");
    d.e("address", &format!("{} {}", nl_street(r), house(r)))
        .t(", ")
        .e("postcode", &postcode(r))
        .t(" ")
        .t(r.pick(NL_PLACES))
        .t(".\n");
    d.t("You can reach me on ")
        .e("phone", &nl_fixed(r))
        .t(" or at ")
        .e("email", &p.email(r, MAIL_DOMAINS))
        .t(".\n\n");
    d.t(r.pick(&[
        "Yours sincerely,\n\n",
        "Kind regards,\n\n",
        "Best wishes,\n\n",
    ]));
    d.e("person_name", &p.full()).t("\n");
    let _ = title;
}

/// 6. Member table with other headers, pipe-separated.
fn table(d: &mut Doc, r: &mut Rng) {
    d.class = "customer_list";
    d.t(r.pick(&[
        "Ledenadministratie tennisclub\n\n",
        "Relatiebeheer export\n\n",
    ]));
    d.t("Lid | Woonadres | PC | Plaats | GSM | Mail\n");
    for _ in 0..(3 + r.below(4)) {
        let p = person(r);
        let sorted = r.chance(30);
        if sorted {
            let v = format!("{}, {}", p.last, p.first);
            d.e("person_name", &v);
        } else {
            d.e("person_name", &p.full());
        }
        d.t(" | ")
            .e("address", &format!("{} {}", nl_street(r), house(r)));
        d.t(" | ")
            .e("postcode", &postcode(r))
            .t(" | ")
            .t(r.pick(NL_PLACES))
            .t(" | ");
        d.e("phone", &nl_mobile(r))
            .t(" | ")
            .e("email", &p.email(r, MAIL_DOMAINS))
            .t("\n");
    }
}

/// 7. Payslip in another layout.
fn payslip(d: &mut Doc, r: &mut Rng) {
    let p = person(r);
    d.class = "payslip";
    d.t(&company(r)).t("\n");
    d.t("SALARISSPECIFICATIE periode ")
        .t(&format!("{}-{}", r.below(12) + 1, 2025))
        .t("\n\n");
    d.t("Personeelsnr.  ").t(&r.digits(5)).t("\n");
    d.t("Naam werknemer  ")
        .e("person_name", &format!("{} {}", p.initial(), p.last))
        .t("\n");
    d.t("Sofinummer  ").e("bsn", &bsn(r)).t("\n");
    d.t("Geboren  ")
        .e("date_of_birth", &{
            let b = birth(r);
            format!("{:02}-{:02}-{}", b.d, b.m, b.y)
        })
        .t("\n");
    d.t("In dienst  ").t(&recent_nl(r)).t("\n");
    d.t("Uitbetaling op rekening  ")
        .e("iban", &iban(r, false))
        .t("\n\n");
    let _ = writeln!(
        d.text,
        "Bruto maandloon\t€ {},00\nLoonheffing\t€ {},00\nNetto\t€ {},00",
        2800 + r.below(900),
        500 + r.below(200),
        2100 + r.below(400)
    );
}

/// 8. Re-integration report (health, indirect phrasing).
fn reintegration(d: &mut Doc, r: &mut Rng) {
    let p = person(r);
    let q = person(r);
    d.class = "health_statement";
    d.t("Verslag voortgangsgesprek\n\n");
    d.t("Betrokkene: ")
        .t(if p.female { "mevrouw " } else { "de heer " })
        .e("person_name", &p.full())
        .t("\n");
    d.t("Casemanager: ").e("person_name", &q.full()).t("\n");
    let w = recent(r);
    let _ = writeln!(d.text, "Gesprek op {:02}-{:02}-{}\n", w.d, w.m, w.y);
    d.t(r.pick(&[
        "Het opbouwschema voor de re-integratie na de burn-out loopt volgens plan; ",
        "Na de knieoperatie is betrokkene halve dagen aan het werk; ",
        "Betrokkene is nog in behandeling bij de fysiotherapeut; ",
    ]));
    d.cat("health");
    d.t("volgende evaluatie over zes weken.\nBereikbaar op ")
        .e("phone", &nl_mobile(r))
        .t(".\n");
}

/// 9. Invoice with identifier-like negatives.
fn invoice(d: &mut Doc, r: &mut Rng) {
    let p = person(r);
    d.class = "invoice";
    let (pc, city) = BE_PLACES[r.below(BE_PLACES.len())];
    d.t(&company(r)).t("\n");
    d.e("address", &format!("{} {}", be_street(r), r.below(200) + 1))
        .t("\n");
    let _ = writeln!(d.text, "{pc} {city}");
    d.t("BTW ").e("vat_number", &be_vat(r)).t("\n\n");
    d.t("FACTUUR\n");
    let mut inv;
    loop {
        inv = r.digits(9);
        if passes_11(&inv) && !inv.starts_with('0') {
            break;
        }
    }
    let _ = writeln!(d.text, "Factuurnummer: {inv}");
    let _ = writeln!(d.text, "Ordernr.: {}-{}", r.digits(4), r.digits(6));
    let _ = writeln!(d.text, "Leverdatum: {}", recent_nl(r));
    d.t("Klant: ").e("person_name", &p.full()).t("\n\n");
    d.t("Art.nr.\tOmschrijving\tStuks\tBedrag\n");
    for _ in 0..3 {
        let _ = writeln!(
            d.text,
            "{}\t{}\t{}\t€ {},{:02}",
            r.digits(13),
            r.pick(&[
                "Kabelgoot 2m",
                "Wandcontactdoos",
                "LED-paneel 60x60",
                "Schakelmateriaal"
            ]),
            r.below(9) + 1,
            r.below(300),
            r.below(100)
        );
    }
    let _ = writeln!(
        d.text,
        "\nRef. {} - te betalen binnen 30 dagen",
        r.digits(8)
    );
}

/// 10. Product sheet: no personal data at all.
fn product(d: &mut Doc, r: &mut Rng) {
    d.class = "other";
    d.t("Productblad ")
        .t(r.pick(&[
            "Thermostaatkraan TK-20",
            "Afvoerpomp AP 400",
            "Ventilatie-unit V3",
        ]))
        .t("\n\n");
    let _ = writeln!(d.text, "Artikelcode: {}", r.digits(9));
    let _ = writeln!(d.text, "Serie: {}", r.digits(8));
    let _ = writeln!(d.text, "Productiedatum: {}", recent_nl(r));
    let _ = writeln!(
        d.text,
        "Afmetingen: {} x {} x {} mm",
        r.below(400),
        r.below(300),
        r.below(200)
    );
    let _ = writeln!(
        d.text,
        "Gewicht: {},{} kg\nGarantie: 5 jaar\nCertificaat nr. {}",
        r.below(20),
        r.below(10),
        r.digits(10)
    );
}

/// 11. Tenancy agreement.
fn lease(d: &mut Doc, r: &mut Rng) {
    let a = person(r);
    let b = person(r);
    d.class = "contract";
    d.t("HUUROVEREENKOMST WOONRUIMTE\n\nDe ondergetekenden:\n\n1. ");
    d.e("person_name", &b.full())
        .t(", hierna te noemen verhuurder, en\n2. ");
    d.e("person_name", &a.full());
    let bd = birth(r);
    d.t(", geboren op ").e(
        "date_of_birth",
        &format!("{} {} {}", bd.d, MAANDEN[bd.m as usize - 1], bd.y),
    );
    d.t(" te ")
        .t(r.pick(&["Rabat", "Izmir", "Paramaribo", "Gdańsk", "Bandung", "Sneek"]))
        .t(", hierna te noemen huurder,\n\n");
    d.t("verklaren te zijn overeengekomen:\n\nArtikel 1 Het gehuurde\nDe woning aan de ");
    d.e("address", &format!("{} {}", nl_street(r), house(r)))
        .t(" te ")
        .t(r.pick(NL_PLACES))
        .t(".\n\n");
    let _ = writeln!(
        d.text,
        "Artikel 2 Huurprijs\nDe huur bedraagt € {},00 per maand, te voldoen op ",
        700 + r.below(800)
    );
    d.e("iban", &spaced4(&iban(r, false))).t(".\n\n");
    if r.chance(35) {
        d.t("Huurder is lid van de vakbond ")
            .t(r.pick(&["ACV", "FNV", "CNV"]))
            .t(" en heeft ");
        d.t("juridisch advies ingewonnen.\n\n");
        d.cat("trade_union");
    }
    let w = recent(r);
    let _ = writeln!(
        d.text,
        "Aldus opgemaakt op {} {} {}.",
        w.d,
        MAANDEN[w.m as usize - 1],
        w.y
    );
}

/// 12. English CV.
fn cv(d: &mut Doc, r: &mut Rng) {
    let p = person(r);
    d.class = "application";
    d.t("CURRICULUM VITAE\n\n");
    d.t("Name: ").e("person_name", &p.full()).t("\n");
    let b = birth(r);
    d.t("Date of birth: ")
        .e("date_of_birth", &format!("{}-{:02}-{:02}", b.y, b.m, b.d))
        .t("\n");
    d.t("Address: ")
        .e("address", &format!("{} {}", nl_street(r), house(r)))
        .t(", ")
        .e("postcode", &postcode(r))
        .t(" ")
        .t(r.pick(NL_PLACES))
        .t("\n");
    d.t("Phone: ")
        .e("phone", &nl_mobile(r))
        .t("\nE-mail: ")
        .e("email", &p.email(r, MAIL_DOMAINS))
        .t("\n\n");
    d.t("Experience\n2019 - 2024  Warehouse coordinator, ")
        .t(&company(r))
        .t("\n2015 - 2019  Forklift driver\n\n");
    d.t("Languages: Dutch, English, ")
        .t(r.pick(&["Turkish", "Arabic", "Polish", "French"]))
        .t("\n");
}

/// 13. Belgian ID card copy.
fn id_copy(d: &mut Doc, r: &mut Rng) {
    let p = person(r);
    d.class = "id_copy";
    d.t("BELGIË BELGIQUE BELGIEN BELGIUM\nIDENTITEITSKAART CARTE D'IDENTITÉ\n\n");
    d.t("Naam / Nom\n")
        .e("person_name", &p.last.to_uppercase())
        .t("\n");
    d.t("Voornamen / Prénoms\n")
        .e("person_name", &p.first)
        .t("\n");
    let b = birth(r);
    d.t("Geboortedatum / Date de naissance\n")
        .e("date_of_birth", &format!("{:02}.{:02}.{}", b.d, b.m, b.y))
        .t("\n");
    d.t("Kaartnr / N° de carte\n")
        .e("id_document_number", &be_eid(r))
        .t("\n");
    d.t("Rijksregisternr. / N° registre national\n")
        .e("be_national_number", &rrn(r, b.y, b.m, b.d))
        .t("\n");
}

/// 14. Meeting notes with initials + surname and an indirect special category.
fn notes(d: &mut Doc, r: &mut Rng) {
    let a = person(r);
    let b = person(r);
    let c = person(r);
    d.class = "other";
    let w = recent(r);
    let _ = writeln!(
        d.text,
        "Notulen teamoverleg {:02}-{:02}-{}\n",
        w.d, w.m, w.y
    );
    d.t("Aanwezig: ")
        .e("person_name", &format!("{} {}", a.initial(), a.last))
        .t(", ");
    d.e("person_name", &format!("{} {}", b.initial(), b.last))
        .t(" en ");
    d.e("person_name", &c.full()).t("\n\n");
    d.t("1. Planning kwartaal 3: akkoord.\n2. ");
    if r.chance(50) {
        d.t("Vakbondsoverleg over de nieuwe cao; ")
            .e("person_name", &c.first)
            .t(" neemt namens het ACV deel.\n");
        d.cat("trade_union");
    } else {
        d.t("Nieuwe koffiemachine besteld, levering week ")
            .t(&(r.below(40) + 1).to_string())
            .t(".\n");
    }
    d.t("3. Rondvraag: geen.\n");
}

// ---------------------------------------------------------------- set B: written after the rules were tuned on set A

/// B1. Sick-leave e-mail in English.
fn sick_mail(d: &mut Doc, r: &mut Rng) {
    let p = person(r);
    let m = person(r);
    d.class = "health_statement";
    d.t("Subject: not coming in today\n\n");
    d.t("Hi ").e("person_name", &m.first).t(",\n\n");
    d.t(r.pick(&[
        "I'm afraid I have to call in sick today; the GP thinks it is pneumonia and I have been prescribed antibiotics.",
        "Unfortunately my back problems are back and the doctor has signed me off sick for the rest of the week.",
        "I've been diagnosed with diabetes and have a hospital appointment on Thursday, so I'm off sick until then.",
    ]));
    d.cat("health");
    d.t("\n\nThanks,\n")
        .e("person_name", &p.first)
        .t("\nMobile ")
        .e("phone", &nl_mobile(r))
        .t("\n");
}

/// B2. Customer record with call name in brackets, postbus and place of birth.
fn record(d: &mut Doc, r: &mut Rng) {
    let p = person(r);
    d.class = "other";
    d.t("KLANTGEGEVENS (intern)\n\n");
    let full = format!("{} {}", if p.female { "Mw." } else { "Dhr." }, "");
    d.t(&full);
    let n = format!("{} ({}) {}", p.initial(), p.first, p.last);
    d.e("person_name", &n).t("\n");
    d.t("Postadres: Postbus ")
        .t(&(r.below(900) + 10).to_string())
        .t(", ")
        .e("postcode", &postcode(r))
        .t(" ")
        .t(r.pick(NL_PLACES))
        .t("\n");
    let b = birth(r);
    d.t("Geboorteplaats en -datum: ")
        .t(r.pick(&[
            "Ankara",
            "Nador",
            "Paramaribo",
            "Kraków",
            "Surabaya",
            "Dokkum",
        ]))
        .t(", ");
    d.e("date_of_birth", &format!("{:02}-{:02}-{}", b.d, b.m, b.y))
        .t("\n");
    d.t("Klant sinds: ")
        .t(&recent_nl(r))
        .t("\nRekening: ")
        .e("iban", &spaced4(&iban(r, false)))
        .t("\n");
}

/// B3. French-Belgian invoice.
fn facture(d: &mut Doc, r: &mut Rng) {
    let p = person(r);
    d.class = "invoice";
    d.t(&company(r))
        .t("\n")
        .e("address", &format!("{} {}", be_street(r), r.below(90) + 1))
        .t("\n1000 Bruxelles\nTVA ")
        .e("vat_number", &be_vat(r))
        .t("\n\n");
    let _ = writeln!(d.text, "FACTURE n° 2025-{:04}", r.below(9999));
    d.t("Client : M. ").e("person_name", &p.full()).t("\n");
    d.e(
        "address",
        &format!(
            "{} {} bte {}",
            be_street(r),
            r.below(90) + 1,
            r.below(9) + 1
        ),
    )
    .t("\n");
    let (pc, city) = BE_PLACES[r.below(BE_PLACES.len())];
    let _ = writeln!(d.text, "{pc} {city}");
    let _ = writeln!(
        d.text,
        "Date d'échéance : {}/{}/2025",
        r.below(28) + 1,
        r.below(12) + 1
    );
    let _ = writeln!(d.text, "Montant total : {} EUR TVAC", r.below(2000) + 50);
    d.t("À verser sur ")
        .e("iban", &spaced4(&iban(r, true)))
        .t("\n");
}

/// B4. HR memo: names in running prose, no labels.
fn memo(d: &mut Doc, r: &mut Rng) {
    let a = person(r);
    let b = person(r);
    d.class = "other";
    d.t("Memo P&O\n\n");
    d.t("Vandaag sprak ik met ")
        .e("person_name", &a.full())
        .t(" over de overstap naar team Noord. ");
    d.t(if a.female { "Zij" } else { "Hij" })
        .t(" begint per 1 september. ");
    if r.chance(50) {
        d.t("Omdat ").e("person_name", &a.first).t(
            " lid is van de ondernemingsraad en van de FNV, nemen we de vakbondsregeling mee.\n",
        );
        d.cat("trade_union");
    } else {
        d.t("De inwerkperiode wordt begeleid door ")
            .e("person_name", &b.full())
            .t(".\n");
    }
}

/// B5. Address labels for a mailing.
fn labels(d: &mut Doc, r: &mut Rng) {
    d.class = "customer_list";
    d.t("Etiketten mailing voorjaar\n\n");
    for _ in 0..4 {
        let p = person(r);
        d.t("Fam. ").e("person_name", &p.last).t("\n");
        d.e("address", &format!("{} {}", nl_street(r), house(r)))
            .t("\n");
        d.e("postcode", &postcode(r))
            .t("  ")
            .t(&r.pick(NL_PLACES).to_uppercase())
            .t("\n\n");
    }
}

/// B6. Semicolon attendance list with other headers.
fn attendance(d: &mut Doc, r: &mut Rng) {
    d.class = "customer_list";
    d.t("Deelnemer;Organisatie;Dieetwens;Telefoon\n");
    for _ in 0..5 {
        let p = person(r);
        d.e("person_name", &p.full())
            .t(";")
            .t(&company(r))
            .t(";")
            .t(r.pick(&["vegetarisch", "geen", "vis"]))
            .t(";");
        d.e("phone", &nl_fixed(r)).t("\n");
    }
}

// ---------------------------------------------------------------- set C: written before any rule change for it

impl Doc {
    /// Writes a labelled value that belongs to a business (letterhead address, role mailbox, company account,
    /// switchboard number): labelled, but no personal data of a person.
    fn b(&mut self, ty: &'static str, v: &str) -> &mut Self {
        self.text.push_str(v);
        self.ents.push((ty, v.to_owned()));
        self
    }
}

/// A person from the set-A/B origins or from further origins common in the Netherlands and Belgium (Syrian,
/// Eritrean, Ghanaian, Hindustani, Chinese, Vietnamese, Portuguese/Cape Verdean), all from syllables.
fn person_c(r: &mut Rng) -> Person {
    if POOL.get().is_some_and(|p| !p.is_empty()) || r.chance(60) {
        return person(r);
    }
    let female = r.chance(50);
    let (first, last) = match r.below(7) {
        0 => (
            if female {
                syl(
                    r,
                    &["Ra", "Nou", "Ha", "Lu", "Ya"],
                    &["nia", "rhan", "la", "bna", "ra"],
                )
            } else {
                syl(
                    r,
                    &["Moh", "Ba", "Kha", "Ta", "Gha"],
                    &["anad", "sel", "led", "rek", "ith"],
                )
            },
            format!(
                "{}{}",
                r.pick(&["Al ", "", "", "Abu "]),
                syl(
                    r,
                    &["Has", "Dar", "Hal", "Nas", "Kad"],
                    &["sani", "wish", "abi", "rallah", "dour"]
                )
            ),
        ),
        1 => (
            if female {
                syl(
                    r,
                    &["Se", "Hel", "Ye", "Fre", "Sa"],
                    &["lam", "en", "rusalem", "wini", "ba"],
                )
            } else {
                syl(
                    r,
                    &["Ter", "Yo", "Me", "Da", "Ama"],
                    &["ahasse", "nas", "bratu", "wit", "nuel"],
                )
            },
            syl(
                r,
                &["Tes", "Gebre", "Hai", "Wel", "Ber"],
                &["fay", "meskel", "le", "degiorgis", "hane"],
            ),
        ),
        2 => (
            if female {
                syl(
                    r,
                    &["Ak", "Efu", "Ama", "Adw", "Ye"],
                    &["osua", "a", "ma", "oa", "boah"],
                )
            } else {
                syl(
                    r,
                    &["Kwa", "Ko", "Ya", "Kwe", "Fii"],
                    &["me", "fi", "w", "ku", "fi"],
                )
            },
            syl(
                r,
                &["Ow", "Asa", "Men", "Boa", "Ofo"],
                &["usu", "nte", "sah", "teng", "ri"],
            ),
        ),
        3 => (
            if female {
                syl(
                    r,
                    &["Sun", "Re", "Pri", "Sha", "Anj"],
                    &["ita", "shma", "ya", "nti", "ali"],
                )
            } else {
                syl(
                    r,
                    &["Raj", "Sur", "Ani", "Dev", "Ra"],
                    &["esh", "inder", "l", "anand", "vi"],
                )
            },
            syl(
                r,
                &["Ram", "Jag", "Bis", "Mah", "Sew"],
                &["sahai", "ernath", "hoe", "abier", "dien"],
            ),
        ),
        4 => (
            syl(
                r,
                &["Xiao", "Mei", "Wei", "Jia", "Li"],
                &["ling", "hua", "jun", "yi", "na"],
            ),
            r.pick(&["Zhang", "Chen", "Liu", "Huang", "Zhou", "Wu"])
                .to_string(),
        ),
        5 => (
            syl(
                r,
                &["Thi", "Van", "Minh", "Thu", "Hoang"],
                &[" Lan", " Duc", " Anh", " Hoa", ""],
            ),
            r.pick(&["Nguyen", "Tran", "Pham", "Le", "Vu", "Dang"])
                .to_string(),
        ),
        _ => (
            if female {
                syl(
                    r,
                    &["Ma", "Jo", "Fer", "Lu", "Ro"],
                    &["riana", "ana", "nanda", "zia", "sa"],
                )
            } else {
                syl(
                    r,
                    &["Jo", "Ru", "Ed", "Nel", "Ar"],
                    &["ão", "i", "son", "son", "mando"],
                )
            },
            format!(
                "{}{}",
                r.pick(&["", "", "dos ", "da "]),
                syl(
                    r,
                    &["Tava", "Mon", "Fur", "Sem", "Lo"],
                    &["res", "teiro", "tado", "edo", "pes"]
                )
            ),
        ),
    };
    Person {
        first,
        last,
        female,
    }
}

/// Streets with the less usual Dutch/Flemish suffixes, two-word streets and person-named streets.
fn street_c(r: &mut Rng) -> String {
    match r.below(5) {
        0 => format!(
            "{} {}",
            r.pick(&["Oude", "Korte", "Lange", "Hoge", "Nieuwe"]),
            r.pick(&[
                "Akker",
                "Baan",
                "Gracht",
                "Haven",
                "Markt",
                "Vest",
                "Nieuwstraat"
            ])
        ),
        1 => format!(
            "{}{}",
            r.pick(&[
                "Jan Steen",
                "Pieter de Hooch",
                "Anne Frank",
                "Vondel",
                "Rembrandt"
            ]),
            r.pick(&["straat", "laan", "plein", "hof"])
        ),
        _ => format!(
            "{}{}",
            r.pick(&[
                "Hazel", "Wilgen", "Beuken", "Eiken", "Rogge", "Spelt", "Heide", "Linden",
                "Meidoorn", "Zonne", "Vlas", "Wolfs", "Koppel", "Bever", "Gagel",
            ]),
            r.pick(&[
                "akker", "hout", "veld", "dreef", "erf", "hoeve", "wende", "meent", "brink",
                "horst", "kamp", "zoom", "rade", "wei", "gaarde", "donk", "hoek", "baan", "lei",
                "driesch", "kamp", "es",
            ])
        ),
    }
}

fn house_c(r: &mut Rng) -> String {
    let n = r.below(240) + 1;
    match r.below(9) {
        0 => format!("{n}a"),
        1 => format!("{n} bus {}", r.below(20) + 1),
        2 => format!("{n}-{}", n + 2),
        3 => format!("{n} A"),
        4 => format!("{n}-bis"),
        5 => format!("{n}/{}", r.below(9) + 1),
        _ => n.to_string(),
    }
}

fn be_street_c(r: &mut Rng) -> String {
    if r.chance(40) {
        format!(
            "{} {}",
            r.pick(&["Rue", "Avenue", "Chaussée", "Allée"]),
            r.pick(&[
                "de la Station",
                "du Moulin",
                "des Champs",
                "de Namur",
                "Saint-Lambert",
                "des Écoles"
            ])
        )
    } else {
        format!(
            "{}{}",
            r.pick(&[
                "Sint-Jans",
                "Molen",
                "Hoog",
                "Koren",
                "Bruul",
                "Heuvel",
                "Beemd"
            ]),
            r.pick(&[
                "straat", "lei", "plein", "baan", "steenweg", "dreef", "kouter"
            ])
        )
    }
}

/// Dates in more styles: dots, abbreviated months, English and French month names.
fn date_c(r: &mut Rng, d: &Date) -> String {
    const MND: &[&str] = &[
        "jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.",
        "dec.",
    ];
    match r.below(6) {
        0 => format!("{:02}.{:02}.{}", d.d, d.m, d.y),
        1 => format!("{} {} {}", d.d, MND[d.m as usize - 1], d.y),
        2 => format!("{:02}/{:02}/{}", d.d, d.m, d.y),
        3 => format!("{} {} {}", d.d, MAANDEN[d.m as usize - 1], d.y),
        4 => format!("{:02}-{:02}-{}", d.d, d.m, d.y),
        _ => format!("{}-{:02}-{:02}", d.y, d.m, d.d),
    }
}

fn phone_c(r: &mut Rng) -> String {
    let n = r.digits(8);
    match r.below(7) {
        0 => format!(
            "(0{}) {} {} {}",
            r.pick(&["20", "30", "10"]),
            &n[1..4],
            &n[4..6],
            &n[6..]
        ),
        1 => format!("+32 (0)9 {} {} {}", &n[..3], &n[3..5], &n[5..7]),
        2 => format!("06 - {} {}", &n[..4], &n[4..]),
        3 => format!("+31 6 {} {} {}", &n[..2], &n[2..5], &n[5..]),
        4 => format!(
            "0{} {} {} {}",
            r.pick(&["9", "3", "2"]),
            &n[..3],
            &n[3..5],
            &n[5..7]
        ),
        5 => be_mobile(r),
        _ => nl_mobile(r),
    }
}

fn kvk(r: &mut Rng) -> String {
    format!("{}{}", r.below(9) + 1, r.digits(7))
}

fn nl_vat(r: &mut Rng) -> String {
    loop {
        let s = r.digits(9);
        if passes_11(&s) && !s.starts_with('0') {
            return format!("NL{s}B0{}", r.below(9) + 1);
        }
    }
}

/// Writes "Label<sep>value" in one of several label styles: colon, tab, label above value, dotted leader.
fn field(d: &mut Doc, r: &mut Rng, label: &str, ty: &'static str, v: &str) {
    match r.below(4) {
        0 => d.t(label).t(": "),
        1 => d.t(label).t("\t"),
        2 => d.t(label).t("\n"),
        _ => d.t(label).t(" ........ "),
    };
    d.e(ty, v).t("\n");
}

/// C1. GP referral letter (verwijsbrief).
fn referral(d: &mut Doc, r: &mut Rng) {
    let gp = person_c(r);
    let p = person_c(r);
    d.class = "health_statement";
    d.t("Huisartsenpraktijk ")
        .t(r.pick(&["De Linde", "Het Anker", "Zuiderpark", "Maasoever"]))
        .t("\n");
    d.b("address", &format!("{} {}", street_c(r), r.below(90) + 1))
        .t(", ");
    d.b("postcode", &postcode(r))
        .t(" ")
        .t(r.pick(NL_PLACES))
        .t("\n");
    d.t("Tel. ").b("phone", &nl_fixed(r)).t("\n\n");
    d.t(r.pick(&["Verwijzing", "VERWIJSBRIEF", "Betreft: verwijzing"]))
        .t("\n\n");
    d.t("Aan: polikliniek ")
        .t(r.pick(&["orthopedie", "cardiologie", "dermatologie", "neurologie"]))
        .t("\n\n");
    field(d, r, "Patiënt", "person_name", &p.full());
    let b = birth(r);
    let ds = date_c(r, &b);
    field(d, r, "Geboortedatum", "date_of_birth", &ds);
    if r.chance(50) {
        let n = bsn(r);
        field(d, r, "BSN", "bsn", &n);
    }
    d.t("\nGeachte collega,\n\nGraag verwijs ik ")
        .t(if p.female { "mevrouw " } else { "de heer " })
        .e("person_name", &p.last)
        .t(" naar u ");
    d.t(r.pick(&[
        "in verband met aanhoudende rugklachten na een hernia.",
        "wegens pijn op de borst bij inspanning; het ecg toont geen afwijkingen.",
        "voor beoordeling van een moedervlek die in korte tijd is veranderd.",
        "vanwege terugkerende hoofdpijn en duizeligheid sinds een val.",
        "na een knieoperatie met blijvende zwelling; fysiotherapie heeft onvoldoende effect.",
    ]));
    d.cat("health");
    d.t("\nMedicatie: ")
        .t(r.pick(&["paracetamol zo nodig", "geen", "metoprolol 50 mg 1dd"]))
        .t("\n\nMet collegiale groet,\n\n")
        .e("person_name", &gp.full())
        .t(", huisarts\n");
}

/// C2. Pharmacy medication overview with a pipe table.
fn medication(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    d.class = "health_statement";
    d.t(r.pick(&["Apotheek ", "Service Apotheek "]))
        .t(r.pick(&["Centrum", "De Vijfsprong", "Oosterhout"]))
        .t("\n");
    d.t("MEDICATIEOVERZICHT\n\n");
    d.t("Naam:\t").e("person_name", &p.full()).t("\n");
    let b = birth(r);
    let ds = date_c(r, &b);
    d.t("Geb.datum:\t").e("date_of_birth", &ds).t("\n");
    d.t("Adres:\t")
        .e("address", &format!("{} {}", street_c(r), house_c(r)))
        .t("\n\n");
    d.t("Geneesmiddel | Dosering | Sinds\n");
    for _ in 0..(2 + r.below(3)) {
        let _ = writeln!(
            d.text,
            "{} | {} | {}",
            r.pick(&[
                "Metformine 500 mg",
                "Omeprazol 20 mg",
                "Simvastatine 40 mg",
                "Salbutamol inhalator",
                "Levothyroxine 50 mcg",
                "Sertraline 50 mg"
            ]),
            r.pick(&["1x per dag", "2x daags 1 tablet", "zo nodig"]),
            recent_nl(r)
        );
    }
    d.cat("health");
    d.t("\nAllergieën: ")
        .t(r.pick(&["penicilline", "geen bekend", "NSAID's"]))
        .t("\n");
}

/// C3. Belgian health-insurance (mutualiteit / mutualité) form, Dutch or French.
fn mutualiteit(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    d.class = "health_statement";
    let b = birth(r);
    let (pc, city) = BE_PLACES[r.below(BE_PLACES.len())];
    if r.chance(50) {
        d.t("Mutualité ")
            .t(r.pick(&["Solidaris", "chrétienne", "libre"]))
            .t("\nCertificat d'incapacité de travail\n\n");
        d.t("Nom et prénom : ").e("person_name", &p.full()).t("\n");
        d.t("N° NISS : ")
            .e("be_national_number", &rrn(r, b.y, b.m, b.d))
            .t("\n");
        d.t("Adresse : ")
            .e("address", &format!("{} {}", be_street_c(r), house_c(r)))
            .t("\n");
        let _ = writeln!(d.text, "{pc} {city}");
        d.t("GSM : ").e("phone", &be_mobile(r)).t("\n\n");
        d.t(r.pick(&[
            "Le patient est en incapacité de travail pour cause de maladie du ",
            "Incapacité de travail suite à une fracture du poignet à partir du ",
            "Hospitalisation et convalescence prévues à partir du ",
        ]));
        let _ = writeln!(d.text, "{}.", recent_nl(r));
        d.t("\nCachet et signature du médecin\n");
    } else {
        d.t(r.pick(&["Ziekenfonds", "Mutualiteit", "CM ziekenfonds"]))
            .t("\nGetuigschrift van arbeidsongeschiktheid\n\n");
        d.t("Naam en voornaam: ")
            .e(
                "person_name",
                &format!("{} {}", p.last.to_uppercase(), p.first),
            )
            .t("\n");
        d.t("INSZ: ")
            .e("be_national_number", &rrn(r, b.y, b.m, b.d))
            .t("\n");
        d.t("Adres: ")
            .e("address", &format!("{} {}", be_street_c(r), house_c(r)))
            .t(", ");
        let _ = writeln!(d.text, "{pc} {city}");
        d.t("\n")
            .t(r.pick(&[
                "Arbeidsongeschikt wegens ziekte vanaf ",
                "Werkonbekwaam na een heupoperatie vanaf ",
                "Opname in het ziekenhuis en herstel vanaf ",
            ]))
            .t(&recent_nl(r))
            .t(".\n");
    }
    d.cat("health");
}

/// C4. Trade-union welcome letter or membership card.
fn union(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    let u = r.pick(&["FNV", "CNV Vakmensen", "ABVV", "ACV Puls", "ACLVB"]);
    d.cat("trade_union");
    if r.chance(50) {
        d.class = "correspondence";
        d.t(u).t(" Ledenservice\n\n");
        d.e("person_name", &p.full()).t("\n");
        d.e("address", &format!("{} {}", street_c(r), house_c(r)))
            .t("\n");
        d.e("postcode", &postcode(r))
            .t("  ")
            .t(r.pick(NL_PLACES))
            .t("\n\n");
        let _ = writeln!(d.text, "Lidnummer {}\n", r.digits(8));
        d.t("Beste ").e("person_name", &p.first).t(",\n\n");
        d.t("Welkom als lid van ")
            .t(u)
            .t(". Je contributie van € 16,50 per maand schrijven we af van ");
        d.e("iban", &spaced4(&iban(r, false)))
            .t(". Met vragen over je cao of een arbeidsconflict kun je bij ons terecht.\n\n");
        d.t("Met vriendelijke groet,\n\nLedenservice ").t(u).t("\n");
    } else {
        d.class = "other";
        d.t("LIDMAATSCHAPSKAART ").t(u).t("\n\n");
        d.t("Naam\n").e("person_name", &p.full()).t("\n");
        d.t("Lid nr.\n").t(&r.digits(9)).t("\n");
        d.t("Lid sinds\n").t(&recent_nl(r)).t("\n");
        d.t("Sector\n")
            .t(r.pick(&["Metaal", "Zorg", "Handel", "Bouw"]))
            .t("\n");
    }
}

/// C5. Parish or mosque member administration (semicolon or pipe table).
fn congregation(d: &mut Doc, r: &mut Rng) {
    d.class = "customer_list";
    d.cat("religion");
    d.t(r.pick(&[
        "Ledenadministratie Parochie Sint-Martinus\n\n",
        "Ledenlijst Moskee Al Fath - contributie 2025\n\n",
        "Kerkelijke bijdrage 2025 - Protestantse Gemeente\n\n",
        "Gemeenteleden Evangelische Gemeente De Rots\n\n",
    ]));
    d.t("Naam;Adres;Geboren;Telefoon\n");
    for _ in 0..(3 + r.below(3)) {
        let p = person_c(r);
        let b = birth(r);
        let ds = date_c(r, &b);
        d.e("person_name", &p.full())
            .t(";")
            .e("address", &format!("{} {}", street_c(r), house_c(r)))
            .t(";")
            .e("date_of_birth", &ds)
            .t(";")
            .e("phone", &phone_c(r))
            .t("\n");
    }
}

/// C6. Certificate of conduct (VOG / casier judiciaire / criminal record) with a conviction mentioned.
fn conduct(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    let hr = person_c(r);
    d.class = "correspondence";
    d.cat("criminal");
    match r.below(3) {
        0 => {
            d.t("Onderwerp: uw VOG-aanvraag\n\nBeste ")
                .e("person_name", &p.first)
                .t(",\n\n");
            d.t(r.pick(&[
                "Het Justis-screeningsbureau heeft laten weten dat het voornemen bestaat de VOG te weigeren vanwege je veroordeling voor ",
                "Uit je eigen verklaring blijkt dat je justitiële documentatie een veroordeling bevat voor ",
            ]));
            d.t(r.pick(&["diefstal", "mishandeling", "rijden onder invloed", "fraude"]))
                .t(" in ")
                .t(&(2012 + r.below(10)).to_string())
                .t(". We bespreken graag met je wat dit betekent voor de functie.\n\nGroet,\n");
            d.e("person_name", &hr.full()).t("\nP&O\n");
        }
        1 => {
            d.t("Objet : extrait de casier judiciaire\n\nMadame, Monsieur,\n\n");
            d.t("L'extrait de casier judiciaire de ")
                .e("person_name", &p.full())
                .t(" mentionne une condamnation pour ")
                .t(r.pick(&["vol", "coups et blessures", "escroquerie"]))
                .t(". Nous ne pouvons donc pas donner suite à sa candidature.\n\nCordialement,\n\n");
            d.e("person_name", &hr.full()).t("\n");
        }
        _ => {
            d.t("Subject: certificate of conduct\n\nDear ")
                .e("person_name", &p.first)
                .t(",\n\n");
            d.t("Thank you for disclosing that you have a criminal record for ")
                .t(r.pick(&["shoplifting", "assault", "drink driving"]))
                .t(". As the role involves cash handling we need to discuss this with you first.\n\nRegards,\n");
            d.e("person_name", &hr.full()).t("\n");
        }
    }
}

/// C7. Political party branch member list (pipe table).
fn party(d: &mut Doc, r: &mut Rng) {
    d.class = "customer_list";
    d.cat("political");
    d.t("Ledenoverzicht afdeling ")
        .t(r.pick(NL_PLACES))
        .t(" - ")
        .t(r.pick(&[
            "GroenLinks-PvdA",
            "VVD",
            "CDA",
            "SP",
            "D66",
            "Partij voor de Dieren",
        ]))
        .t("\n\n");
    d.t("| Lid | E-mail | Mobiel | Actief als |\n|---|---|---|---|\n");
    for _ in 0..(3 + r.below(3)) {
        let p = person_c(r);
        d.t("| ")
            .e("person_name", &p.full())
            .t(" | ")
            .e("email", &p.email(r, MAIL_DOMAINS))
            .t(" | ")
            .e("phone", &nl_mobile(r))
            .t(" | ")
            .t(r.pick(&[
                "campagnevrijwilliger",
                "penningmeester",
                "-",
                "kandidaat raadslid",
            ]))
            .t(" |\n");
    }
}

/// C8. Biometric access consent form.
fn biometric(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    d.class = "other";
    d.cat("biometric");
    if r.chance(60) {
        d.t("Toestemmingsverklaring toegangscontrole met vingerafdruk\n\n");
        d.t("Ondergetekende,\nNaam medewerker  ")
            .e("person_name", &p.full())
            .t("\n");
        let _ = writeln!(d.text, "Personeelsnummer  {}", r.digits(6));
        d.t("\ngeeft toestemming voor het vastleggen van een template van de vingerafdruk voor de toegang tot het magazijn. ");
        d.t("De gegevens worden verwijderd bij uitdiensttreding.\n\nDatum: ")
            .t(&recent_nl(r))
            .t("\nHandtekening: ____________\n");
    } else {
        d.t("Consent form: facial recognition time clock\n\n");
        d.t("Employee name: ").e("person_name", &p.full()).t("\n");
        d.t("I agree that my facial geometry and fingerprint are processed for the time registration system.\n");
        d.t("Signed on ").t(&recent_nl(r)).t("\n");
    }
}

/// C9. DNA / genetic test result letter.
fn genetic(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    let doc = person_c(r);
    d.class = "health_statement";
    d.cat("genetic");
    d.cat("health");
    d.t("Afdeling Klinische Genetica\n\n");
    d.t(if p.female { "Mevrouw " } else { "De heer " })
        .e("person_name", &p.full())
        .t("\n");
    d.e("address", &format!("{} {}", street_c(r), house_c(r)))
        .t("\n");
    d.e("postcode", &postcode(r))
        .t(" ")
        .t(r.pick(NL_PLACES))
        .t("\n\n");
    let b = birth(r);
    d.t("Geboren: ")
        .e("date_of_birth", &date_c(r, &b))
        .t("\n\n");
    d.t("Betreft: uitslag DNA-onderzoek\n\n");
    d.t(r.pick(&[
        "In het bloed is een erfelijke variant in het BRCA2-gen gevonden. Dit geeft een verhoogd risico op borstkanker.",
        "Het DNA-onderzoek naar dragerschap van cystic fibrosis toont dat u drager bent van een mutatie in het CFTR-gen.",
        "Bij het genetisch onderzoek naar familiaire hypercholesterolemie is een afwijking in het LDLR-gen aangetoond.",
    ]));
    d.t("\n\nMet vriendelijke groet,\n\n")
        .e("person_name", &doc.full())
        .t(", klinisch geneticus\n");
}

/// C10. HR complaint mentioning sexual orientation (Dutch or English).
fn complaint(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    let q = person_c(r);
    d.class = "correspondence";
    d.cat("sexual_orientation");
    if r.chance(50) {
        d.t("Van: ")
            .e("person_name", &p.full())
            .t(" <")
            .e("email", &p.email(r, MAIL_DOMAINS))
            .t(">\nAan: vertrouwenspersoon\nOnderwerp: klacht over opmerkingen van een collega\n\n");
        d.t("Sinds ik op het werk heb verteld dat ik ")
            .t(r.pick(&[
                "homo ben",
                "lesbisch ben",
                "biseksueel ben",
                "een vriend heb",
            ]))
            .t(", maakt ");
        d.e("person_name", &q.full())
            .t(" er steeds grappen over. Ik wil dit graag formeel melden.\n\n");
        d.e("person_name", &p.first).t("\n");
    } else {
        d.t("To: HR department\nSubject: formal complaint\n\n");
        d.t("I would like to report that my team lead ")
            .e("person_name", &q.full())
            .t(" keeps making remarks about me being ")
            .t(r.pick(&["gay", "a lesbian", "bisexual"]))
            .t(" in front of customers.\n\nKind regards,\n");
        d.e("person_name", &p.full()).t("\n");
    }
}

/// C11. Volunteer registration form with an ethnicity field.
fn registration(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    d.class = "application";
    d.cat("ethnicity");
    d.t(r.pick(&[
        "Aanmeldformulier vrijwilliger\n\n",
        "Aanmelding stageplaats\n\n",
        "Volunteer sign-up form\n\n",
    ]));
    d.t("Naam  ").e("person_name", &p.full()).t("\n");
    let b = birth(r);
    let ds = date_c(r, &b);
    field(d, r, "Geboortedatum", "date_of_birth", &ds);
    let ph = phone_c(r);
    field(d, r, "Telefoon", "phone", &ph);
    d.t(r.pick(&["Etnische achtergrond: ", "Afkomst: ", "Ethnic origin: "]))
        .t(r.pick(&[
            "Marokkaans-Berbers",
            "Turks-Koerdisch",
            "Surinaams-Hindoestaans",
            "Black Caribbean",
            "Moluks",
        ]))
        .t("\n");
    d.t("Beschikbaar: zaterdag\n");
}

/// C12. Plain invoice to a private customer with precision traps (hartelijk, ziekenhuisparkeerplaats).
fn invoice_c(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    d.class = "invoice";
    d.t(&company(r)).t("\n");
    d.b("address", &format!("{} {}", street_c(r), r.below(90) + 1))
        .t(" | ");
    d.b("postcode", &postcode(r))
        .t(" ")
        .t(r.pick(NL_PLACES))
        .t("\n");
    d.t("KvK ")
        .b("kvk_number", &kvk(r))
        .t(" | btw ")
        .b("vat_number", &nl_vat(r))
        .t("\n\n");
    d.t("Factuur aan\n").e("person_name", &p.full()).t("\n");
    d.e("address", &format!("{} {}", street_c(r), house_c(r)))
        .t("\n");
    d.e("postcode", &postcode(r))
        .t(" ")
        .t(r.pick(NL_PLACES))
        .t("\n\n");
    let _ = writeln!(d.text, "Factuurdatum {}", recent_nl(r));
    let _ = writeln!(d.text, "Factuurnr. {}\n", r.digits(7));
    for _ in 0..3 {
        let _ = writeln!(
            d.text,
            "{}  {} st.  € {},{:02}",
            r.pick(&[
                "Parkeerabonnement ziekenhuisparkeerplaats",
                "Kniebeschermers werkbroek",
                "Hartslagmeter fiets",
                "Rugzak 30 l",
                "EHBO-koffer bedrijf",
                "Bloedtrolley reinigen"
            ]),
            r.below(5) + 1,
            r.below(200) + 5,
            r.below(100)
        );
    }
    d.t("\nHartelijk dank voor uw bestelling. Graag betalen binnen 14 dagen op ")
        .b("iban", &spaced4(&iban(r, false)))
        .t(".\n");
}

/// C13. Supplier contract between two companies (generic: contact persons only).
fn supplier(d: &mut Doc, r: &mut Rng) {
    let a = person_c(r);
    let b = person_c(r);
    d.class = "contract";
    d.t("LEVERINGSOVEREENKOMST\n\nPartijen:\n\n1. ")
        .t(&company(r));
    d.t(", ingeschreven bij de Kamer van Koophandel onder nummer ")
        .b("kvk_number", &kvk(r))
        .t(", vertegenwoordigd door ")
        .e("person_name", &a.full())
        .t(" (leverancier);\n2. ")
        .t(&company(r))
        .t(", gevestigd aan de ");
    d.b("address", &format!("{} {}", street_c(r), r.below(200) + 1))
        .t(", vertegenwoordigd door ")
        .e("person_name", &b.full())
        .t(" (afnemer).\n\n");
    d.t("Artikel 1 - Levering\nLeverancier levert wekelijks kantoorartikelen en hygiëneproducten.\n\n");
    d.t("Artikel 2 - Overmacht\nOnder overmacht vallen onder meer stakingen, epidemieën en ziekte van personeel van leverancier.\n\n");
    d.t("Artikel 3 - Looptijd\nDeze overeenkomst geldt voor twee jaar.\n\nGetekend te ")
        .t(r.pick(NL_PLACES))
        .t(" op ")
        .t(&recent_nl(r))
        .t(".\n");
}

/// C14. Newsletter without any personal data (with health words used generally).
fn newsletter(d: &mut Doc, r: &mut Rng) {
    d.class = "other";
    d.t("Nieuwsbrief ")
        .t(r.pick(&["voorjaar", "najaar", "december"]))
        .t("\n\n");
    d.t(r.pick(&[
        "Hartelijk welkom aan alle nieuwe collega's! ",
        "Wat een jaar: de verhuizing naar het nieuwe pand is achter de rug. ",
    ]));
    d.t(r.pick(&[
        "Tijdens de gezondheidsweek geeft een fysiotherapeut tips om rugklachten te voorkomen. ",
        "De griepprik wordt dit jaar op kantoor gegeven; aanmelden kan via intranet. ",
        "Het ziekteverzuim daalde dit kwartaal naar 3,1 procent. ",
        "De bedrijfsfitness is vanaf maart ook op zaterdag open. ",
    ]));
    d.t("Verder staat de vakbeurs in ")
        .t(r.pick(NL_PLACES))
        .t(" gepland en vernieuwen we de kantine.\n\nVolgende editie: ")
        .t(&recent_nl(r))
        .t("\n");
}

/// C15. Tenancy dispute e-mail (Dutch/Flemish).
fn dispute(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    let q = person_c(r);
    d.class = "correspondence";
    d.t("Van: ").e("email", &p.email(r, MAIL_DOMAINS)).t("\n");
    d.t("Aan: ").e("email", &q.email(r, MAIL_DOMAINS)).t("\n");
    d.t("Onderwerp: lekkage en huurverlaging\n\n");
    d.t(r.pick(&["Geachte heer/mevrouw ", "Beste "]))
        .e("person_name", &q.last)
        .t(",\n\n");
    d.t("Al sinds ")
        .t(&recent_nl(r))
        .t(" lekt het dak van mijn woning aan de ");
    let be = r.chance(40);
    if be {
        d.e("address", &format!("{} {}", be_street_c(r), house_c(r)));
        let (pc, city) = BE_PLACES[r.below(BE_PLACES.len())];
        let _ = write!(d.text, ", {pc} {city}");
    } else {
        d.e("address", &format!("{} {}", street_c(r), house_c(r)))
            .t(" in ")
            .t(r.pick(NL_PLACES));
    }
    d.t(". Ondanks drie meldingen is er niets gebeurd. Ik houd daarom de helft van de huur in tot de reparatie klaar is. ");
    d.t("Bel me gerust op ").e("phone", &phone_c(r)).t(".\n\n");
    d.t(r.pick(&["Met vriendelijke groet,\n", "Groeten,\n", "Mvg,\n"]))
        .e("person_name", &p.full())
        .t("\n");
}

/// C16. WhatsApp export (Android style: "dd/mm/yyyy, hh:mm - Name: text").
fn whatsapp(d: &mut Doc, r: &mut Rng) {
    let a = person_c(r);
    let b = person_c(r);
    d.class = "correspondence";
    let w = recent(r);
    let line = |d: &mut Doc, h: u32, who: &Person, txt: &str| {
        let _ = write!(
            d.text,
            "{:02}/{:02}/{}, {h:02}:{:02} - ",
            w.d,
            w.m,
            w.y,
            h * 7 % 60
        );
        d.e("person_name", &who.full()).t(": ").t(txt).t("\n");
    };
    line(d, 7, &a, "Goeiemorgen, ik red het vandaag niet");
    line(d, 7, &b, "Wat is er aan de hand?");
    if r.chance(50) {
        let t = r.pick(&[
            "Mijn rugklachten zijn weer opgespeeld, huisarts zegt een week rust",
            "Ik moet naar de spoedeisende hulp, vermoedelijk een nierbekkenontsteking",
            "Heb gisteren een migraineaanval gehad en ben nog steeds misselijk",
        ]);
        line(d, 8, &a, t);
        d.cat("health");
    } else {
        line(d, 8, &a, "De auto start niet, ik wacht op de wegenwacht");
    }
    line(
        d,
        8,
        &b,
        "Ok, beterschap / sterkte. Ik zet het in de planning",
    );
    let t = format!("Bereikbaar op {}", "");
    let _ = write!(d.text, "{:02}/{:02}/{}, 09:02 - ", w.d, w.m, w.y);
    d.e("person_name", &a.full()).t(": ").t(&t);
    d.e("phone", &phone_c(r)).t("\n");
}

/// C17. Comma-separated customer export with a header row.
fn csv_customers(d: &mut Doc, r: &mut Rng) {
    d.class = "customer_list";
    d.t("klantnr,naam,adres,postcode,plaats,telefoon,email,klant_sinds\n");
    for _ in 0..(4 + r.below(4)) {
        let p = person_c(r);
        let _ = write!(d.text, "{},", r.digits(6));
        d.e("person_name", &p.full()).t(",");
        d.e("address", &format!("{} {}", street_c(r), house_c(r)))
            .t(",");
        d.e("postcode", &postcode(r))
            .t(",")
            .t(r.pick(NL_PLACES))
            .t(",");
        d.e("phone", &phone_c(r)).t(",");
        d.e("email", &p.email(r, MAIL_DOMAINS)).t(",");
        d.t(&recent_nl(r)).t("\n");
    }
}

/// C18. English employment confirmation letter (generic) with health-looking traps absent.
fn reference(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    let q = person_c(r);
    d.class = "correspondence";
    d.t(&company(r)).t("\n\nTo whom it may concern,\n\n");
    d.t("This is to confirm that ")
        .e("person_name", &p.full())
        .t(", residing at ")
        .e("address", &format!("{} {}", street_c(r), house_c(r)))
        .t(", ")
        .e("postcode", &postcode(r))
        .t(" ")
        .t(r.pick(NL_PLACES))
        .t(", has been employed with us as ")
        .t(r.pick(&[
            "a logistics planner",
            "an account manager",
            "a senior buyer",
        ]))
        .t(" since ")
        .t(&recent_nl(r))
        .t(".\n\nSincerely,\n\n")
        .e("person_name", &q.full())
        .t("\nHR Manager\n");
}
// ---------------------------------------------------------------- set D: written after the set-C rules, scored once

/// D1. Absence e-mail with an injury in plain words.
fn absence(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    let m = person_c(r);
    d.class = "health_statement";
    d.t("Onderwerp: afwezig\n\nHoi ")
        .e("person_name", &m.first)
        .t(",\n\n");
    d.t(r.pick(&[
        "Ik heb gisteren bij het voetballen een enkelblessure opgelopen en moet de komende twee weken rust houden.",
        "Na een val van de trap heb ik een hersenschudding; de dokter zegt minstens een week thuisblijven.",
        "Ik heb last van nierstenen en moet morgen naar de uroloog.",
        "Mijn keelpijn is erger geworden, het blijkt een flinke angina te zijn.",
    ]));
    d.cat("health");
    d.t("\n\nGroetjes,\n").e("person_name", &p.full()).t("\n");
}

/// D2. Belgian French pay slip with union membership.
fn fiche(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    d.class = "payslip";
    let b = birth(r);
    d.t("FICHE DE PAIE - ").t(r.pick(MOIS)).t(" 2025\n\n");
    d.t("Travailleur : ").e("person_name", &p.full()).t("\n");
    d.t("NISS : ")
        .e("be_national_number", &rrn(r, b.y, b.m, b.d))
        .t("\n");
    d.t("Salaire brut : 3.412,00 EUR\nPrécompte professionnel : 612,30 EUR\n");
    if r.chance(50) {
        d.t("Cotisation syndicale retenue (affilié CSC) : 14,50 EUR\n");
        d.cat("trade_union");
    }
    d.t("Net à payer : 2.301,77 EUR sur ")
        .e("iban", &spaced4(&iban(r, true)))
        .t("\n");
}

/// D3. Employment contract with parties in prose.
fn employment(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    let q = person_c(r);
    d.class = "contract";
    d.t("ARBEIDSCONTRACT VOOR BEPAALDE TIJD\n\nTussen ")
        .t(&company(r))
        .t(", hierbij vertegenwoordigd door ");
    d.e("person_name", &q.full()).t(", en ");
    d.t(if p.female { "mevrouw " } else { "de heer " })
        .e("person_name", &p.full());
    d.t(", wonende ")
        .e("address", &format!("{} {}", street_c(r), house_c(r)))
        .t(", ");
    d.e("postcode", &postcode(r))
        .t(" ")
        .t(r.pick(NL_PLACES))
        .t(", wordt het volgende overeengekomen.\n\n");
    d.t("1. De werknemer treedt in dienst per ")
        .t(&recent_nl(r))
        .t(" als chauffeur.\n2. De proeftijd bedraagt een maand.\n");
}

/// D4. Tab-separated list with split name columns.
fn split_list(d: &mut Doc, r: &mut Rng) {
    d.class = "customer_list";
    d.t("Voorletters\tTussenvoegsel\tAchternaam\tWoonplaats\tTelefoon\n");
    for _ in 0..5 {
        let p = person_c(r);
        let (tv, ach) = match p.last.rsplit_once(' ') {
            Some((a, b)) if a.chars().all(|c| c.is_lowercase() || c == ' ' || c == '\'') => {
                (a.to_owned(), b.to_owned())
            }
            _ => (String::new(), p.last.clone()),
        };
        d.t(&p.initial())
            .t("\t")
            .t(&tv)
            .t("\t")
            .e("person_name", &ach)
            .t("\t")
            .t(r.pick(NL_PLACES))
            .t("\t");
        d.e("phone", &nl_mobile(r)).t("\n");
    }
}

/// D5. English doctor's note.
fn doctor_note(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    let g = person_c(r);
    d.class = "health_statement";
    d.t("Medical practice ")
        .t(r.pick(&["Oosterpark", "De Vaart"]))
        .t("\n\n");
    d.t("This is to certify that ").e("person_name", &p.full());
    d.t(r.pick(&[
        " was seen today and is unfit for work for five days due to a sprained ankle.",
        " attended the clinic this morning with acute lower back pain and should not work this week.",
        " is recovering from a minor operation and may return to work on Monday.",
    ]));
    d.cat("health");
    d.t("\n\nDr ").e("person_name", &g.full()).t("\n");
}

/// D6. Catalogue of medical supplies: no person, no special data.
fn catalogue(d: &mut Doc, r: &mut Rng) {
    d.class = "other";
    d.t("Prijslijst zorghulpmiddelen ")
        .t(&(2024 + r.below(2)).to_string())
        .t("\n\n");
    for _ in 0..4 {
        let _ = writeln!(
            d.text,
            "{}\t€ {},{:02}",
            r.pick(&[
                "Rolstoel lichtgewicht",
                "Ziekenhuisbed elektrisch",
                "Bloeddrukmeter",
                "Krukken (paar)",
                "Douchestoel",
                "Steunkousen"
            ]),
            r.below(900) + 20,
            r.below(100)
        );
    }
    d.t("Prijzen incl. btw, levering binnen 5 werkdagen.\n");
}

/// D7. Motivation letter with a religion mention.
fn motivation(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    d.class = "application";
    d.t("Motivatiebrief\n\nGeachte heer, mevrouw,\n\nMijn naam is ")
        .e("person_name", &p.full());
    d.t(" en ik solliciteer naar de functie van jongerenwerker. ");
    if r.chance(50) {
        d.t("Als vrijwilliger in de moskee geef ik al jaren huiswerkbegeleiding.");
        d.cat("religion");
    } else {
        d.t("Als vrijwilliger bij de voetbalclub geef ik al jaren training.");
    }
    d.t("\n\nMet vriendelijke groet,\n\n")
        .e("person_name", &p.full())
        .t("\n");
    d.e("email", &p.email(r, MAIL_DOMAINS)).t("\n");
}

fn json_str(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

type Template = fn(&mut Doc, &mut Rng);

// ---------------------------------------------------------------- set E: written before any rule change for it, scored once

/// E1. Physiotherapy / GP appointment confirmation.
fn appointment(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    d.class = "correspondence";
    d.t("Beste ").e("person_name", &p.full()).t(",\n\n");
    d.t(r.pick(&[
        "Hierbij bevestigen wij uw afspraak bij de fysiotherapeut voor de behandeling van uw schouderklachten.",
        "Uw afspraak bij de praktijkondersteuner voor de jaarlijkse diabetescontrole staat gepland.",
        "U staat ingepland voor een vervolgconsult bij de kinesitherapeut na uw kruisbandblessure.",
        "Wij verwachten u voor het spreekuur van de dermatoloog in verband met eczeem.",
        "Your appointment with the physiotherapist for your lower back pain has been confirmed.",
    ]));
    d.cat("health");
    d.t("\nDatum: ").t(&recent_nl(r)).t(", 09:40 uur\n");
    d.t("Neem uw verzekeringspas mee. Afmelden kan tot 24 uur van tevoren.\n\nMet vriendelijke groet,\nPraktijk ")
        .t(r.pick(&["Beweegwijs", "De Brug", "Rivierzicht"]))
        .t("\n");
}

/// E2. Dentist or hospital invoice naming a treatment.
fn care_invoice(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    d.class = "invoice";
    d.t(r.pick(&[
        "Tandartspraktijk Glimlach",
        "Ziekenhuis Oost - debiteurenadministratie",
        "Cabinet dentaire Sourire",
    ]))
    .t("\nNota ")
    .t(&r.digits(7))
    .t("\n\n");
    d.t("Debiteur: ").e("person_name", &p.full()).t("\n");
    d.t("Adres: ")
        .e("address", &format!("{} {}", street_c(r), house_c(r)))
        .t("\n\n");
    d.t(r.pick(&[
        "Wortelkanaalbehandeling element 36 ........ 312,40\n",
        "Extractie verstandskies onder verdoving ........ 148,00\n",
        "Poliklinische behandeling spataderen ........ 486,10\n",
        "Détartrage et traitement parodontal ........ 96,00\n",
        "Gipsverband bij polsbreuk, SEH ........ 221,75\n",
    ]));
    d.cat("health");
    d.t("Te betalen binnen 30 dagen.\n");
}

/// E3. Occupational-health (bedrijfsarts / arbodienst) report.
fn arbo(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    let a = person_c(r);
    d.class = "health_statement";
    d.t("Arbodienst ")
        .t(r.pick(&["Werkfit", "ArboNed-Zuid", "Vitaal Werk"]))
        .t("\nTerugkoppeling spreekuur\n\n");
    d.t("Werknemer: ").e("person_name", &p.full()).t("\n\n");
    d.t(r.pick(&[
        "Werknemer is vanwege overspannenheid beperkt belastbaar; opbouw met 2 x 3 uur per week.",
        "Na de heupoperatie kan betrokkene voorlopig niet tillen of langdurig staan.",
        "Er is sprake van een burn-out; advies is een gesprek met de psycholoog.",
        "Door migraineaanvallen is beeldschermwerk beperkt tot 4 uur per dag.",
        "Betrokkene herstelt van een longontsteking en hervat over twee weken.",
    ]));
    d.cat("health");
    d.t("\n\nDe bedrijfsarts,\n")
        .e("person_name", &a.full())
        .t("\n");
}

/// E4. Pharmacy repeat-prescription mail.
fn repeat(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    d.class = "correspondence";
    d.t("Van: herhaalservice@apotheek-")
        .t(r.pick(&["centrum", "delinde"]))
        .t(".nl\n\nGeachte ");
    d.e("person_name", &p.full()).t(",\n\n");
    d.t(r.pick(&[
        "Uw herhaalrecept voor Lisinopril 10 mg ligt voor u klaar.",
        "Uw herhaalmedicatie (insuline pen) kan vanaf donderdag worden opgehaald.",
        "Votre ordonnance renouvelée pour l'Euthyrox est prête à la pharmacie.",
        "Your repeat prescription for inhalers is ready for collection.",
        "De antidepressiva die uw huisarts heeft voorgeschreven zijn binnen.",
    ]));
    d.cat("health");
    d.t("\n\nVriendelijke groet,\nUw apotheek\n");
}

/// E5. School care plan (zorgplan).
fn zorgplan(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    let m = person_c(r);
    d.class = "other";
    d.t("ZORGPLAN leerling\n\nLeerling: ")
        .e("person_name", &p.full())
        .t("\nGroep 6\n\n");
    d.t(r.pick(&[
        "Er is dyslexie vastgesteld; de leerling krijgt extra tijd bij toetsen.",
        "Vanwege ADHD werkt de leerling met een koptelefoon en korte taken.",
        "De leerling heeft dyscalculie en gebruikt een rekenkaart.",
        "Autisme (ASS): vaste plek in de klas en een dagplanning met pictogrammen.",
        "L'élève présente une dyspraxie; un ordinateur est mis à disposition.",
    ]));
    d.cat("health");
    d.t("\n\nIntern begeleider: ")
        .e("person_name", &m.full())
        .t("\n");
}

/// E6. Youth-care / social-services letter.
fn youth(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    d.class = "correspondence";
    d.t("Gemeente ")
        .t(r.pick(NL_PLACES))
        .t(" - Team Jeugd\n\nAan de ouders van ")
        .e("person_name", &p.full())
        .t("\n\n");
    d.t(r.pick(&[
        "Wij hebben uw aanvraag voor jeugdhulp ontvangen; een gezinscoach neemt contact op over de gedragsproblemen van uw zoon.",
        "Naar aanleiding van de melding bij Veilig Thuis start een onderzoek door de jeugdbescherming.",
        "Uw dochter krijgt een indicatie voor behandeling bij de GGZ vanwege angststoornissen.",
        "La demande d'aide à la jeunesse pour votre fils, suivi par un pédopsychiatre, est acceptée.",
    ]));
    d.cat("health");
    d.t("\n\nMet vriendelijke groet,\nTeam Jeugd\n");
}

/// E7. Insurance claim after an accident with injuries.
fn claim(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    d.class = "other";
    d.t("SCHADEFORMULIER PERSONENSCHADE\n\nVerzekerde: ")
        .e("person_name", &p.full())
        .t("\nDatum ongeval: ")
        .t(&recent_nl(r))
        .t("\n\nOmschrijving letsel: ");
    d.t(r.pick(&[
        "whiplash na aanrijding van achteren, nekpijn en hoofdpijn",
        "gebroken sleutelbeen en kneuzingen aan de ribben",
        "fractuur van het scheenbeen, geopereerd in het ziekenhuis",
        "fracture du poignet et commotion cérébrale",
        "torn ligament in the left knee, surgery planned",
    ]));
    d.cat("health");
    d.t("\nRekeningnummer: ").e("iban", &iban(r, false)).t("\n");
}

/// E8. Staff outing with a halal / kosher dietary request.
fn outing(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    d.class = "correspondence";
    d.t("Re: aanmelding personeelsuitje\n\nHoi,\n\nIk kom graag mee. ");
    d.t(r.pick(&[
        "Omdat ik moslim ben, eet ik alleen halal; zou daar rekening mee gehouden kunnen worden?",
        "Ik eet koosjer vanwege mijn joodse geloof.",
        "Het valt in de ramadan, dus ik eet pas na zonsondergang mee.",
        "Als praktiserend hindoe eet ik geen rundvlees.",
        "Je suis musulmane pratiquante, un repas halal serait apprécié.",
    ]));
    d.cat("religion");
    d.t("\n\nGroet,\n").e("person_name", &p.full()).t("\n");
}

/// E9. Court summons / probation (reclassering) letter.
fn probation(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    d.class = "correspondence";
    d.t(r.pick(&[
        "Reclassering Nederland",
        "Justitiehuis Gent",
        "Openbaar Ministerie, arrondissementsparket",
    ]))
    .t("\n\nBetreft: ")
    .e("person_name", &p.full())
    .t("\n\n");
    d.t(r.pick(&[
        "U bent veroordeeld tot een taakstraf van 80 uur; uw eerste meldafspraak bij de reclassering is op maandag.",
        "U wordt gedagvaard om te verschijnen ter terechtzitting van de politierechter wegens diefstal.",
        "Als voorwaarde bij uw voorwaardelijke straf geldt een meldplicht en een contactverbod.",
        "Vous êtes convoqué devant le tribunal correctionnel pour des faits de coups et blessures.",
        "You were convicted of fraud and placed on probation for two years.",
    ]));
    d.cat("criminal");
    d.t("\n\nHoogachtend,\nDe griffie\n");
}

/// E10. Works-council election with union affiliation.
fn works_council(d: &mut Doc, r: &mut Rng) {
    d.class = "other";
    d.t("Kandidatenlijst ondernemingsraad 2026\n\n");
    for _ in 0..3 {
        let p = person_c(r);
        d.e("person_name", &p.full())
            .t(" - ")
            .t(r.pick(&[
                "lid FNV",
                "namens CNV Vakmensen",
                "ACV-delegee",
                "ABVV",
                "affilié FGTB",
                "vakbondslid De Unie",
            ]))
            .t("\n");
    }
    d.cat("trade_union");
}

/// E11. Pride network signup.
fn pride(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    d.class = "application";
    d.t("Aanmelding Regenboognetwerk\n\nNaam: ")
        .e("person_name", &p.full())
        .t("\n");
    d.t(r.pick(&[
        "Ik ben lesbisch en wil graag andere LHBTI-collega's leren kennen.",
        "Als homoseksuele man wil ik me inzetten voor een veilige werkvloer.",
        "Ik ben biseksueel en doe mee aan de Pride-boot.",
        "Je suis gay et je souhaite rejoindre le réseau.",
        "I identify as queer and would like to join the network.",
    ]));
    d.cat("sexual_orientation");
    d.t("\n");
}

/// E12. Fingerprint time-clock registration.
fn timeclock(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    d.class = "other";
    d.t("Registratie tijdregistratiesysteem\n\nMedewerker: ")
        .e("person_name", &p.full())
        .t("\n");
    d.t(r.pick(&[
        "Uw vingerafdruk is vastgelegd op de prikklok bij de ingang.",
        "De handpalmscan voor het in- en uitklokken is geactiveerd.",
        "Votre empreinte digitale a été enregistrée sur la pointeuse.",
        "Your fingerprint template has been enrolled on the time clock.",
        "Gezichtsherkenning bij de toegangspoort is ingesteld op uw pasfoto.",
    ]));
    d.cat("biometric");
    d.t("\n");
}

/// E13. Paternity / DNA test.
fn paternity(d: &mut Doc, r: &mut Rng) {
    let p = person_c(r);
    d.class = "other";
    d.t("Laboratorium ")
        .t(r.pick(&["GenLab", "Biodiagnostiek"]))
        .t("\n\nOpdrachtgever: ")
        .e("person_name", &p.full())
        .t("\n");
    d.t(r.pick(&[
        "De uitslag van het vaderschapstest: waarschijnlijkheid van vaderschap 99,99%.",
        "Het DNA-onderzoek naar verwantschap toont geen biologische relatie.",
        "Le test de paternité confirme le lien biologique.",
        "Dragerschapsonderzoek: u bent drager van het cystic fibrosis-gen.",
    ]));
    d.cat("genetic");
    d.t("\n");
}

/// E14. Trap: pharmacy supplier invoice with product codes.
fn pharma_supplier(d: &mut Doc, r: &mut Rng) {
    d.class = "invoice";
    d.t("Groothandel Medifarma B.V.\nFactuur ")
        .t(&r.digits(8))
        .t("\nAan: Apotheek De Vijfsprong\n\n");
    for _ in 0..3 {
        let _ = writeln!(
            d.text,
            "Art. {} {} ........ {},{:02}",
            r.digits(6),
            r.pick(&[
                "Pleisters assorti 20 st.",
                "Handgel 500 ml",
                "Zonnebrand SPF30",
                "Kassabonrol 80 mm",
                "Tandenborstel medium"
            ]),
            10 + r.below(90),
            r.below(100)
        );
    }
    d.t("Betaling binnen 14 dagen.\n");
}

/// E15. Trap: gym timetable.
fn gym(d: &mut Doc, r: &mut Rng) {
    d.class = "other";
    d.t("Sportschool ")
        .t(r.pick(&["FitFabriek", "Kracht & Co"]))
        .t(" - lesrooster\n\n");
    d.t("Maandag 19:00 Spinning\nDinsdag 18:30 Bodypump\nWoensdag 20:00 Yoga voor een gezonde rug\nZaterdag 10:00 Bootcamp\n");
    d.t(r.pick(&[
        "Tip: drink voldoende water tijdens de training.\n",
        "Nieuw: core stability voor beginners.\n",
    ]));
}

/// E16. Trap: church-building renovation quote.
fn church_quote(d: &mut Doc, r: &mut Rng) {
    d.class = "invoice";
    d.t("Offerte restauratie\n\nObject: ")
        .t(r.pick(&[
            "Sint-Janskerk",
            "de voormalige kerk aan de Markt",
            "kapel Onze-Lieve-Vrouw",
        ]))
        .t("\n");
    d.t("Vervangen leien dak ........ 48.200,00\nHerstel glas-in-lood ........ 12.750,00\nSteigerhuur 8 weken ........ 6.400,00\n");
    d.t("Geldig tot ")
        .t(&recent_nl(r))
        .t(". Aannemersbedrijf ")
        .t(&company(r))
        .t("\n");
}

/// E17. Trap: thank-you mail.
fn thanks(d: &mut Doc, r: &mut Rng) {
    d.class = "correspondence";
    d.t("Onderwerp: hartelijk dank\n\nBeste collega's,\n\n");
    d.t(r.pick(&[
        "Hartelijk dank voor jullie inzet bij de verhuizing van het magazijn; de operatie is zonder problemen verlopen.",
        "Hartelijk dank voor de bloemen en de gezellige borrel, ik heb ervan genoten.",
        "Dank voor de hulp bij de migratie van het klantportaal naar de nieuwe omgeving.",
    ]));
    d.t("\n\nGroet,\nHet facilitair team\n");
}

// ---------------------------------------------------------------- set F: written blind to the detector

/// Real-world first names and surnames common in the Netherlands and Belgium (Dutch, Flemish, Walloon, Moroccan,
/// Turkish, Syrian, Ukrainian, Polish, Surinamese, Somali/Afghan), combined at random, with married double
/// surnames. Unlike the syllable models of sets A-E.
fn person_f(r: &mut Rng) -> Person {
    if POOL.get().is_some_and(|p| !p.is_empty()) {
        return person(r);
    }
    let female = r.chance(50);
    let (ff, mm, ll): (&[&str], &[&str], &[&str]) = match r.below(20) {
        0..=5 => (
            &[
                "Anouk", "Sanne", "Femke", "Marloes", "Ineke", "Joke", "Petra", "Esther", "Lotte",
                "Wilma", "Ria", "Gerda", "Mirjam", "Ilse", "Fleur", "Noortje",
            ],
            &[
                "Kees", "Bram", "Joost", "Daan", "Sander", "Ruud", "Henk", "Gert-Jan", "Maarten",
                "Wim", "Thijs", "Jeroen", "Pieter", "Koen", "Niels", "Arjen",
            ],
            &[
                "de Vries",
                "Jansen",
                "Bakker",
                "Visser",
                "Smit",
                "Meijer",
                "de Boer",
                "Mulder",
                "de Groot",
                "Bos",
                "Hendriks",
                "van Leeuwen",
                "Dekker",
                "Brouwer",
                "de Wit",
                "Dijkstra",
                "van Rijn",
                "van der Linden",
                "Kuipers",
                "Verhoeven",
                "Schouten",
                "van den Berg",
                "Post",
                "Kok",
                "van 't Hof",
            ],
        ),
        6..=8 => (
            &[
                "Lien", "Griet", "Katrien", "Ann", "Sofie", "Els", "Hilde", "Nele", "Ine", "Fien",
            ],
            &[
                "Jef",
                "Wout",
                "Stijn",
                "Pieter-Jan",
                "Bart",
                "Dries",
                "Tom",
                "Jens",
                "Warre",
                "Lode",
            ],
            &[
                "Peeters",
                "Janssens",
                "Maes",
                "Claes",
                "Wouters",
                "Goossens",
                "De Smet",
                "Vermeulen",
                "Van Damme",
                "Vandenbroucke",
                "Mertens",
                "Verstraete",
                "Van Acker",
                "De Clercq",
                "Lambrechts",
                "Van den Bossche",
            ],
        ),
        9 => (
            &[
                "Nathalie",
                "Sophie",
                "Aurélie",
                "Chantal",
                "Isabelle",
                "Véronique",
            ],
            &[
                "Olivier",
                "Benoît",
                "Laurent",
                "Jean-Pierre",
                "Thierry",
                "Grégory",
            ],
            &[
                "Dubois",
                "Lambert",
                "Dupont",
                "Renard",
                "Leclercq",
                "Lejeune",
                "Collignon",
                "Delvaux",
                "Piron",
            ],
        ),
        10..=11 => (
            &[
                "Fatima", "Khadija", "Naima", "Samira", "Houda", "Imane", "Loubna", "Salma",
            ],
            &[
                "Mohamed", "Youssef", "Hamza", "Karim", "Said", "Mustafa", "Bilal", "Anouar",
            ],
            &[
                "El Amrani",
                "Bouzid",
                "Ait Taleb",
                "El Idrissi",
                "Benali",
                "Tahiri",
                "Ouali",
                "Chaouch",
                "El Khatib",
                "Azzouzi",
            ],
        ),
        12..=13 => (
            &[
                "Elif", "Zeynep", "Fatma", "Hatice", "Esra", "Büşra", "Merve",
            ],
            &[
                "Mehmet", "Ahmet", "Hakan", "Murat", "Yusuf", "Emre", "Ercan",
            ],
            &[
                "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın", "Öztürk", "Arslan", "Doğan",
                "Koç",
            ],
        ),
        14 => (
            &["Rasha", "Lina", "Hiba", "Reem", "Nour", "Amal"],
            &["Ahmad", "Omar", "Khaled", "Tarek", "Ammar", "Firas"],
            &[
                "Al-Hassan",
                "Haddad",
                "Khoury",
                "Al Shami",
                "Jaber",
                "Hamdan",
                "Mansour",
            ],
        ),
        15 => (
            &[
                "Olena", "Oksana", "Iryna", "Tetiana", "Yuliia", "Nataliia", "Kateryna",
            ],
            &[
                "Oleksandr",
                "Andrii",
                "Dmytro",
                "Serhii",
                "Taras",
                "Bohdan",
                "Mykola",
            ],
            &[
                "Shevchenko",
                "Kovalenko",
                "Bondarenko",
                "Tkachenko",
                "Kravchuk",
                "Melnyk",
                "Oliinyk",
                "Boiko",
            ],
        ),
        16 => (
            &["Agnieszka", "Joanna", "Magdalena", "Monika", "Ewa"],
            &["Paweł", "Piotr", "Marek", "Tomasz", "Grzegorz"],
            if female {
                &[
                    "Nowak",
                    "Mazur",
                    "Krawczyk",
                    "Lewandowska",
                    "Zielińska",
                    "Kamińska",
                ]
            } else {
                &[
                    "Nowak",
                    "Mazur",
                    "Krawczyk",
                    "Lewandowski",
                    "Zieliński",
                    "Kamiński",
                ]
            },
        ),
        17..=18 => (
            &[
                "Sharda", "Sunita", "Priya", "Ingrid", "Rosita", "Jennifer", "Sita",
            ],
            &[
                "Ravi", "Anand", "Kenneth", "Rishi", "Glenn", "Romeo", "Soeresh",
            ],
            &[
                "Ramdin",
                "Sewdien",
                "Jagesar",
                "Kartosen",
                "Pinas",
                "Doekhie",
                "Kromodimedjo",
                "Wijngaarde",
                "Tjon A Fong",
                "Biharie",
            ],
        ),
        _ => (
            &["Hodan", "Fadumo", "Ayaan", "Zahra", "Mariam", "Sadia"],
            &[
                "Abdi",
                "Farah",
                "Mirwais",
                "Jamal",
                "Abdirahman",
                "Zabiullah",
            ],
            &[
                "Warsame",
                "Abdullahi",
                "Hussein",
                "Noori",
                "Ahmadi",
                "Mohamud",
                "Sultani",
            ],
        ),
    };
    let first = if female { r.pick(ff) } else { r.pick(mm) }.to_string();
    let mut last = r.pick(ll).to_string();
    if female && r.chance(15) {
        // married name first, own name after the hyphen ("de Vries-Bakker")
        let other = r.pick(&[
            "Bakker",
            "Jansen",
            "El Amrani",
            "de Graaf",
            "Peeters",
            "Yılmaz",
            "van Dam",
            "Kramer",
        ]);
        if *other != last {
            last = format!("{last}-{other}");
        }
    }
    Person {
        first,
        last,
        female,
    }
}

/// A name as written in a form or list: full, with initials, surname first, or surname in capitals.
fn nm(r: &mut Rng, p: &Person) -> String {
    match r.below(8) {
        0 => {
            let second = r.pick(&["", "", "M.", "J.", "A.", "H.C."]);
            format!("{}{second} {}", p.initial(), p.last)
        }
        1 => format!("{}, {}", cap(&p.last), p.first),
        2 => format!("{} {}", p.first, p.last.to_uppercase()),
        _ => p.full(),
    }
}

const F_DOMAINS: &[&str] = &[
    "ziggo.nl",
    "telenet.be",
    "xs4all.nl",
    "live.nl",
    "yahoo.fr",
    "hetnet.nl",
    "gmail.com",
    "outlook.com",
    "scarlet.be",
];

fn mail_f(r: &mut Rng, p: &Person) -> String {
    let f = fold(&p.first);
    let l = fold(&p.last);
    let d = r.pick(F_DOMAINS);
    match r.below(5) {
        0 => format!("{l}.{f}@{d}"),
        1 => format!("{f}_{l}@{d}"),
        2 => format!("{}.{l}@{d}", f.get(..1).unwrap_or_default()),
        3 => format!("{f}{}@{d}", 1960 + r.below(45)),
        _ => format!("{f}.{l}@{d}"),
    }
}

const F_NL_PLACES: &[&str] = &[
    "Zaandam",
    "Hoorn",
    "Roermond",
    "Vlaardingen",
    "Kampen",
    "Assen",
    "Oss",
    "Veenendaal",
    "Den Helder",
    "Nieuwegein",
    "Hengelo",
    "Lelystad",
    "Spijkenisse",
    "Bergen op Zoom",
];
const F_BE_PLACES: &[&str] = &[
    "3000 Leuven",
    "8500 Kortrijk",
    "9300 Aalst",
    "2300 Turnhout",
    "3600 Genk",
    "8400 Oostende",
    "2018 Antwerpen",
    "9100 Sint-Niklaas",
];

fn addr_nl(r: &mut Rng) -> String {
    if r.chance(50) {
        format!("{} {}", street_c(r), house_c(r))
    } else {
        format!("{} {}", nl_street(r), house(r))
    }
}

thread_local! {
    /// Whether the last Belgian street written was French, so that the town after it matches the language.
    static BE_FR: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn addr_be(r: &mut Rng) -> String {
    let s = if r.chance(50) {
        format!("{} {}", be_street_c(r), house_c(r))
    } else {
        format!("{} {}", be_street(r), r.below(160) + 1)
    };
    let fr = ["Rue", "Avenue", "Chauss", "Boulevard", "Place", "All"]
        .iter()
        .any(|w| s.starts_with(w));
    BE_FR.with(|c| c.set(fr));
    s
}

/// A Belgian postcode and town in the language of the last street from `addr_be`.
fn be_place(r: &mut Rng) -> &'static str {
    if BE_FR.with(std::cell::Cell::get) {
        r.pick(&[
            "1080 Molenbeek-Saint-Jean",
            "7000 Mons",
            "4800 Verviers",
            "1300 Wavre",
            "5100 Jambes",
            "6700 Arlon",
            "1050 Ixelles",
        ])
    } else {
        r.pick(F_BE_PLACES)
    }
}

/// A recent date in French ("12 mars 2025" or "12/03/2025").
fn recent_fr(r: &mut Rng) -> String {
    let d = recent(r);
    if r.chance(50) {
        format!("{} {} {}", d.d, MOIS[d.m as usize - 1], d.y)
    } else {
        format!("{:02}/{:02}/{}", d.d, d.m, d.y)
    }
}

fn be_fixed(r: &mut Rng) -> String {
    let z = r.pick(&["9", "3", "2", "11", "16", "56", "53", "14", "87"]);
    let n = r.digits(if z.len() == 1 { 7 } else { 6 });
    match r.below(3) {
        0 => format!(
            "0{z} {} {} {}",
            &n[..n.len() - 4],
            &n[n.len() - 4..n.len() - 2],
            &n[n.len() - 2..]
        ),
        1 => format!(
            "0{z}/{}.{}.{}",
            &n[..n.len() - 4],
            &n[n.len() - 4..n.len() - 2],
            &n[n.len() - 2..]
        ),
        _ => format!("+32 {z} {} {}", &n[..n.len() - 4], &n[n.len() - 4..]),
    }
}

/// Birth dates in the styles of set F: no leading zeros, dots, French and English month names.
fn dob_f(r: &mut Rng, b: &Date, lang: &str) -> String {
    match (lang, r.below(3)) {
        ("fr", 0) => format!("{} {} {}", b.d, MOIS[b.m as usize - 1], b.y),
        ("en", 0) => format!("{} {} {}", b.d, MONTHS[b.m as usize - 1], b.y),
        ("en", 1) => format!("{} {}, {}", MONTHS[b.m as usize - 1], b.d, b.y),
        (_, 1) => format!("{}-{}-{}", b.d, b.m, b.y),
        _ => format!("{:02}.{:02}.{}", b.d, b.m, b.y),
    }
}

fn birth_rrn(r: &mut Rng, b: &Date) -> String {
    rrn(r, b.y, b.m, b.d)
}

/// Children's first names of the 2010s and 2020s, given across origins in NL and BE.
fn kid_first(r: &mut Rng, female: bool) -> String {
    r.pick(if female {
        &[
            "Emma", "Mila", "Sara", "Yara", "Nora", "Lina", "Julia", "Zoë", "Noor", "Yasmina",
            "Elif", "Fenna", "Olivia", "Maryam", "Lou",
        ]
    } else {
        &[
            "Noah", "Liam", "Adam", "Lucas", "Sem", "Finn", "Amir", "Ilyas", "Daan", "Mees",
            "Yusuf", "Arthur", "Rayan", "Jules", "Milan",
        ]
    })
    .to_string()
}

fn kid_birth(r: &mut Rng) -> Date {
    Date {
        y: 2010 + r.below(10) as u32,
        m: r.below(12) as u32 + 1,
        d: r.below(28) as u32 + 1,
    }
}

fn tick(style: usize, on: bool) -> &'static str {
    match (style, on) {
        (0, true) => "[x]",
        (0, false) => "[ ]",
        (1, true) => "☒",
        (1, false) => "☐",
        (_, true) => "(X)",
        (_, false) => "( )",
    }
}

/// F1. Intake questionnaire of a GP practice, physiotherapist or Flemish kinesitherapeut, with tick boxes.
fn intake(d: &mut Doc, r: &mut Rng) {
    let p = person_f(r);
    let st = r.below(3);
    let be = r.chance(35);
    d.class = "health_statement";
    d.cat("health");
    d.t(if be {
        r.pick(&[
            "Kinesitherapie De Beweegreden - vragenlijst eerste consultatie\n",
            "Groepspraktijk Huisartsen Ter Heide - inschrijvingsformulier nieuwe patiënt\n",
        ])
    } else {
        r.pick(&[
            "HUISARTSENPRAKTIJK DE LINDEHOF\nInschrijving nieuwe patiënt - medische vragenlijst\n",
            "Fysiotherapie Kernkracht  |  Intakeformulier\n",
            "Praktijk voor Oefentherapie Cesar - anamnese (in te vullen vóór het eerste bezoek)\n",
        ])
    });
    d.t("==============================================\n\n");
    d.t("1. Persoonlijke gegevens\n");
    d.t("   Naam + voorletters : ")
        .e("person_name", &nm(r, &p))
        .t("\n");
    let b = birth(r);
    let ds = dob_f(r, &b, "nl");
    d.t("   Geboortedatum      : ")
        .e("date_of_birth", &ds)
        .t("\n");
    d.t("   Geslacht           : ")
        .t(tick(st, !p.female))
        .t(" m  ")
        .t(tick(st, p.female))
        .t(" v  ")
        .t(tick(st, false))
        .t(" x\n");
    if be {
        d.t("   Adres              : ")
            .e("address", &addr_be(r))
            .t(", ")
            .t(be_place(r))
            .t("\n");
        d.t("   GSM                : ")
            .e("phone", &be_mobile(r))
            .t("\n");
        if r.chance(70) {
            d.t("   Rijksregisternr.   : ")
                .e("be_national_number", &birth_rrn(r, &b))
                .t("\n");
        }
        d.t("   Ziekenfonds        : ")
            .t(r.pick(&[
                "CM",
                "Solidaris",
                "Helan",
                "Partena",
                "Vlaams & Neutraal Ziekenfonds",
            ]))
            .t("\n");
    } else {
        d.t("   Adres              : ")
            .e("address", &addr_nl(r))
            .t("\n");
        d.t("   Postcode/plaats    : ")
            .e("postcode", &postcode(r))
            .t("  ")
            .t(r.pick(F_NL_PLACES))
            .t("\n");
        d.t("   Telefoon           : ")
            .e("phone", &phone_c(r))
            .t("\n");
        if r.chance(60) {
            d.t("   BSN                : ").e("bsn", &bsn(r)).t("\n");
        }
        d.t("   Zorgverzekeraar    : ")
            .t(r.pick(&["Zilveren Kruis", "CZ", "VGZ", "Menzis", "DSW", "ONVZ"]))
            .t("   polisnr. ")
            .t(&r.digits(9))
            .t("\n");
    }
    if r.chance(60) {
        d.t("   E-mail             : ")
            .e("email", &mail_f(r, &p))
            .t("\n");
    }
    d.t("\n2. Heeft u (gehad)? Kruis aan wat van toepassing is.\n");
    let items = [
        "suikerziekte (diabetes)",
        "hoge bloeddruk",
        "astma / COPD",
        "hartklachten",
        "epilepsie",
        "depressie of angstklachten",
        "reuma",
        "kanker",
        "schildklierafwijking",
        "osteoporose",
    ];
    let forced = r.below(items.len());
    for (i, it) in items.iter().enumerate() {
        let on = i == forced || r.chance(15);
        d.t("   ").t(tick(st, on)).t(" ").t(it).t("\n");
    }
    d.t("\n3. Gebruikt u medicijnen? ");
    if r.chance(60) {
        d.t(tick(st, true)).t(" ja, namelijk: ").t(r.pick(&[
            "metformine 500 mg 2dd",
            "omeprazol, simvastatine",
            "sertraline 50mg",
            "Ventolin zo nodig",
            "levothyroxine 75 mcg",
        ]));
    } else {
        d.t(tick(st, true)).t(" nee");
    }
    d.t("\n4. Rookt u? ")
        .t(tick(st, r.chance(30)))
        .t(" ja   aantal per dag: ____\n");
    d.t("5. Reden van uw komst / klachten:\n   ").t(r.pick(&[
        "pijn onderrug sinds tillen bij verhuizing, uitstraling naar li been",
        "schouder rechts, kan arm niet boven hoofd krijgen",
        "verhuisd, wil graag ingeschreven worden",
        "nek en hoofdpijn, veel beeldschermwerk",
        "na knieoperatie (voorste kruisband) revalidatie",
    ]));
    d.t("\n\nIk geef toestemming om mijn dossier op te vragen bij mijn vorige huisarts. ")
        .t(tick(st, true))
        .t("\nHandtekening: .................   Datum: ")
        .t(&recent_nl(r))
        .t("\n");
}

/// F2. Registration of a child at a sports club, music school or youth movement, filled in by a parent.
fn club_signup(d: &mut Doc, r: &mut Rng) {
    let parent = person_f(r);
    let mut kid = person_f(r);
    kid.first = kid_first(r, kid.female);
    kid.last.clone_from(&parent.last);
    if r.chance(25) {
        // child carries the other parent's name
        kid.last = person_f(r).last;
    }
    let be = r.chance(40);
    d.class = "application";
    d.t(if be {
        r.pick(&[
            "KSA Sint-Jan - inschrijving werkjaar 2025-2026\n\n",
            "K. VV Eendracht Wervik - aansluitingsformulier jeugdspeler\n\n",
            "Academie voor Muziek en Woord - inschrijving jongeren\n\n",
        ])
    } else {
        r.pick(&[
            "Inschrijfformulier jeugdlid - Hockeyclub De Kraaien\n\n",
            "Zwemvereniging De Dolfijn - aanmelding zwemles (A-diploma)\n\n",
            "Aanmelding muziekschool Allegro, seizoen 2025/26\n\n",
            "Judovereniging Kyoto - inschrijving jeugd\n\n",
        ])
    });
    d.t("GEGEVENS VAN HET KIND\n");
    d.t("voornaam\t\t").e("person_name", &kid.first).t("\n");
    d.t("achternaam\t\t").e("person_name", &kid.last).t("\n");
    let kb = kid_birth(r);
    let kds = dob_f(r, &kb, "nl");
    d.t("geboortedatum\t\t").e("date_of_birth", &kds).t("\n");
    if be && r.chance(60) {
        d.t("rijksregisternummer\t")
            .e("be_national_number", &birth_rrn(r, &kb))
            .t("   (nodig voor de sportverzekering)\n");
    }
    d.t("\nOUDER / VERZORGER\n");
    let pn = nm(r, &parent);
    d.t("naam\t\t\t").e("person_name", &pn).t("\n");
    if be {
        d.t("adres\t\t\t")
            .e("address", &addr_be(r))
            .t(", ")
            .t(be_place(r))
            .t("\n");
        d.t("gsm\t\t\t").e("phone", &be_mobile(r)).t("\n");
    } else {
        d.t("adres\t\t\t").e("address", &addr_nl(r)).t("\n");
        d.t("\t\t\t")
            .e("postcode", &postcode(r))
            .t(" ")
            .t(r.pick(F_NL_PLACES))
            .t("\n");
        d.t("mobiel\t\t\t").e("phone", &nl_mobile(r)).t("\n");
    }
    let em = mail_f(r, &parent);
    d.t("e-mail\t\t\t").e("email", &em).t("\n");
    d.t("noodnummer (ander)\t")
        .e("phone", &phone_c(r))
        .t("\n\n");
    d.t("Bijzonderheden (allergieën, medicatie, gezondheid):\n");
    if r.chance(40) {
        d.t(r.pick(&[
            "heeft astma, puffer zit in de sporttas",
            "notenallergie!! epipen bij de trainer",
            "ADHD, gebruikt methylfenidaat, soms moeite met lang stilzitten",
            "diabetes type 1, meet zelf zijn suiker voor het zwemmen",
            "epilepsie (goed ingesteld), graag extra opletten in het diepe",
        ]));
        d.cat("health");
    } else {
        d.t(r.pick(&["geen", "nvt", "-", "niks bijzonders"]));
    }
    d.t("\n\nContributie per kwartaal via automatische incasso van rekening ");
    let ib = iban(r, be);
    d.e("iban", &ib)
        .t(" t.n.v. ")
        .e("person_name", &pn)
        .t(".\n");
    d.t("Foto's van ons kind mogen op de website: ")
        .t(r.pick(&["ja", "nee"]))
        .t("\n");
    d.t("Datum ")
        .t(&recent_nl(r))
        .t("   handtekening ouder: ____________\n");
}

/// F3. Belgian certificate of incapacity for work (attest van arbeidsongeschiktheid / certificat médical).
fn attest(d: &mut Doc, r: &mut Rng) {
    let p = person_f(r);
    let dr = person_f(r);
    d.class = "health_statement";
    d.cat("health");
    let riziv = format!(
        "{}-{}-{}-{}",
        r.below(2) + 1,
        r.digits(5),
        r.digits(2),
        r.digits(3)
    );
    let from = recent(r);
    let days = r.below(14) + 2;
    if r.chance(50) {
        d.t("ATTEST VAN ARBEIDSONGESCHIKTHEID\n(bestemd voor de werkgever)\n\n");
        d.t("Ondergetekende, dokter ")
            .e("person_name", &dr.full())
            .t(", RIZIV-nr. ")
            .t(&riziv)
            .t(",\nverklaart dat ")
            .e("person_name", &nm(r, &p))
            .t(",\n");
        if r.chance(50) {
            d.t("wonende te ")
                .e("address", &addr_be(r))
                .t(", ")
                .t(be_place(r))
                .t(",\n");
        }
        let _ = writeln!(
            d.text,
            "arbeidsongeschikt is voor {days} kalenderdagen, vanaf {:02}/{:02}/{}, wegens",
            from.d, from.m, from.y
        );
        d.t("   ")
            .t(tick(0, r.chance(80)))
            .t(" ziekte   ")
            .t(tick(0, false))
            .t(" ongeval   ")
            .t(tick(0, false))
            .t(" bevallingsrust\n");
        d.t("De patiënt mag de woning verlaten: ")
            .t(r.pick(&["ja", "neen"]))
            .t("\n");
        if r.chance(40) {
            d.t("Diagnose (voor de adviserend arts van het ziekenfonds): ")
                .t(r.pick(&[
                    "gastro-enteritis",
                    "lumbago",
                    "griep met koorts",
                    "depressieve episode",
                    "verstuiking enkel",
                ]))
                .t("\n");
        }
        d.t("\nOpgemaakt te ")
            .t(r.pick(&["Gent", "Leuven", "Kortrijk", "Aalst"]))
            .t(" op ")
            .t(&recent_nl(r))
            .t("\n");
        d.t("Handtekening en stempel arts\nPraktijk tel. ")
            .b("phone", &be_fixed(r))
            .t("\n");
    } else {
        d.t("CERTIFICAT MÉDICAL D'INCAPACITÉ DE TRAVAIL\n\n");
        d.t("Je soussigné(e), Docteur ")
            .e("person_name", &dr.full())
            .t(" (INAMI ")
            .t(&riziv)
            .t("),\ncertifie avoir examiné ")
            .t(if p.female { "Madame " } else { "Monsieur " })
            .e("person_name", &p.full())
            .t(",\n");
        if r.chance(60) {
            let b = birth(r);
            let ds = dob_f(r, &b, "fr");
            d.t("né(e) le ").e("date_of_birth", &ds).t(",\n");
        }
        let _ = writeln!(
            d.text,
            "et déclare que son état de santé ne lui permet pas de travailler du {} {} {} pour une durée de {} jours.",
            from.d,
            MOIS[from.m as usize - 1],
            from.y,
            days
        );
        d.t("Sortie autorisée : ")
            .t(r.pick(&["oui", "non"]))
            .t("\n");
        d.t("Motif : ")
            .t(r.pick(&["maladie", "accident de la vie privée", "hospitalisation"]))
            .t("\n\n");
        d.t("Fait à ")
            .t(r.pick(&["Namur", "Liège", "Mons", "Charleroi"]))
            .t(", le ")
            .t(&recent_fr(r))
            .t("\nCachet du médecin - tél. ")
            .b("phone", &be_fixed(r))
            .t("\n");
    }
}

/// F4. Pharmacy home-delivery slip (bezorgbon).
fn delivery(d: &mut Doc, r: &mut Rng) {
    let p = person_f(r);
    d.class = "other";
    d.cat("health");
    let shop = r.pick(&[
        "Apotheek Het Anker",
        "BENU Apotheek Centrum",
        "Apotheek Zuiderpark",
        "Service Apotheek De Molen",
    ]);
    let slug = fold(shop);
    d.t(shop).t(" - BEZORGBON\n");
    d.b("address", &format!("{} {}", nl_street(r), r.below(90) + 1))
        .t(", ");
    d.b("postcode", &postcode(r))
        .t(" ")
        .t(r.pick(F_NL_PLACES))
        .t("\n");
    d.t("tel ")
        .b("phone", &nl_fixed(r))
        .t("  |  ")
        .b("email", &format!("bezorging@{slug}.nl"))
        .t("\n");
    d.t("------------------------------------------------\n");
    let _ = writeln!(
        d.text,
        "Rit {}   stop {}   datum {}",
        r.below(6) + 1,
        r.below(20) + 1,
        recent_nl(r)
    );
    d.t("Afleveren bij:  ").e("person_name", &nm(r, &p)).t("\n");
    d.t("                ").e("address", &addr_nl(r)).t("\n");
    d.t("                ").e("postcode", &postcode(r)).t("\n");
    d.t("Telefoon klant: ").e("phone", &nl_mobile(r)).t("\n");
    let b = birth(r);
    if r.chance(50) {
        let ds = date_c(r, &b);
        d.t("Geb.datum (controle bij afgifte): ")
            .e("date_of_birth", &ds)
            .t("\n");
    }
    d.t("------------------------------------------------\n");
    d.t("Aantal  Omschrijving\n");
    const MEDS: &[&str] = &[
        "Insuline aspart FlexPen 100E/ml",
        "Furosemide 40 mg tabl. 90st",
        "Methotrexaat 2,5 mg (KOELKAST NIET)",
        "Stomazakjes 40mm",
        "Oxycodon 5 mg - OPIUM, tegen handtekening",
        "Apixaban 5 mg 60st",
        "Baxterrol week 12-18",
    ];
    let k = r.below(MEDS.len());
    for j in 0..(1 + r.below(3)) {
        let _ = writeln!(
            d.text,
            "{:>4}    {}",
            r.below(3) + 1,
            MEDS[(k + 2 * j) % MEDS.len()]
        );
    }
    d.t("\nOpmerking bezorger: ").t(r.pick(&[
        "bel 2x aan, klant is slecht ter been",
        "bij geen gehoor afgeven bij nr. 14",
        "NIET in de brievenbus",
        "achterom, hond is lief",
    ]));
    d.t("\nVoor ontvangst: ______________\n");
}

/// F5. Volunteer roster of an association: a table of names without labels.
fn roster(d: &mut Doc, r: &mut Rng) {
    d.class = "customer_list";
    let title = r.pick(&[
        "Bardienst kantine VV Oranje Boys - najaar",
        "Rooster voedselbank uitgiftepunt Noord",
        "Kledingbank vrijwilligers - zaterdagen",
        "Speeltuinvereniging Het Klimrek: toezicht",
        "Buurthuis De Schakel - koffieochtend",
    ]);
    d.t(title).t("\n\n");
    let sep = r.below(3);
    let n = 4 + r.below(4);
    let vols: Vec<Person> = (0..n).map(|_| person_f(r)).collect();
    let days = [
        "za 4 okt",
        "za 11 okt",
        "za 18 okt",
        "za 25 okt",
        "za 1 nov",
        "za 8 nov",
        "za 15 nov",
    ];
    for (i, v) in vols.iter().enumerate() {
        let who = if r.chance(30) {
            v.first.clone()
        } else {
            v.full()
        };
        let shift = r.pick(&["09-12", "12-15", "ochtend", "middag", "16:00-18:30"]);
        match sep {
            0 => {
                d.t(days[i % days.len()])
                    .t("\t")
                    .t(shift)
                    .t("\t")
                    .e("person_name", &who)
                    .t("\t");
                d.e("phone", &nl_mobile(r)).t("\n");
            }
            1 => {
                d.t("| ")
                    .t(days[i % days.len()])
                    .t(" | ")
                    .e("person_name", &who)
                    .t(" | ");
                let m = mail_f(r, v);
                d.e("email", &m).t(" | ").t(shift).t(" |\n");
            }
            _ => {
                let _ = write!(d.text, "{:<12}", days[i % days.len()]);
                d.e("person_name", &who)
                    .t("  /  ")
                    .e("phone", &phone_c(r))
                    .t("\n");
            }
        }
    }
    d.t("\nRuilen? Zelf onderling regelen en even doorgeven aan ");
    let c = &vols[0];
    d.e("person_name", &c.first).t(".\n");
}

/// F6. Minutes of a board or residents' meeting: people named in running prose, no titles.
fn minutes(d: &mut Doc, r: &mut Rng) {
    d.class = "other";
    let ppl: Vec<Person> = (0..5).map(|_| person_f(r)).collect();
    let org = r.pick(&[
        "Bestuursvergadering Tennisvereniging De Lobbers",
        "Notulen ALV VvE Parkzicht (blok C)",
        "Verslag oudercommissie kinderopvang 't Kwetternest",
        "Verslag bestuur Wijkraad Oost",
        "Kerngroep Repair Café - overleg",
    ]);
    let _ = writeln!(
        d.text,
        "{org}\n{}, 19.30 uur, {}\n",
        recent_nl(r),
        r.pick(&["clubhuis", "de bovenzaal", "via Teams", "in het buurthuis"])
    );
    d.t("Aanwezig: ");
    for (i, p) in ppl.iter().enumerate().take(4) {
        if i > 0 {
            d.t(", ");
        }
        d.e("person_name", &p.full());
    }
    d.t("\nAfwezig m.k.: ")
        .e("person_name", &ppl[4].full())
        .t("\n\n");
    d.t("1. Opening\n");
    d.e("person_name", &ppl[0].first)
        .t(" opende de vergadering en heette iedereen welkom. ");
    d.e("person_name", &ppl[1].full())
        .t(" gaf een toelichting op de jaarcijfers; er is een klein overschot.\n\n");
    d.t("2. Mededelingen\n");
    if r.chance(40) {
        d.e("person_name", &ppl[4].first).t(r.pick(&[
            " is herstellende van een knieoperatie en is de komende weken niet inzetbaar.",
            " is opgenomen in het ziekenhuis; we sturen namens iedereen een bloemetje.",
            " stopt tijdelijk vanwege een burn-out.",
        ]));
        d.cat("health");
    } else {
        d.e("person_name", &ppl[4].first)
            .t(" is op vakantie en stuurt de groeten.");
    }
    d.t("\n\n3. Rondvraag\n");
    d.e("person_name", &ppl[2].first)
        .t(" vraagt of de sleutelkast een nieuw slot krijgt. ");
    d.e("person_name", &ppl[3].first).t(" neemt dit mee");
    if r.chance(50) {
        d.t(" en is bereikbaar via ").e("phone", &nl_mobile(r));
    }
    d.t(".\n\nActiepunten\n- offerte slot (")
        .e("person_name", &ppl[3].first)
        .t(")\n- nieuwsbrief rondsturen (");
    d.e("person_name", &ppl[1].first)
        .t(")\n\nVolgende vergadering: ")
        .t(&recent_nl(r))
        .t("\n");
}

/// F7. HR file note on a conflict, a warning or a dismissal.
fn hr_note(d: &mut Doc, r: &mut Rng) {
    let w = person_f(r);
    let m = person_f(r);
    let c = person_f(r);
    d.class = "other";
    d.t("VERTROUWELIJK - personeelsdossier\n\n");
    d.t("Gespreksverslag\nMedewerker: ")
        .e("person_name", &nm(r, &w));
    let _ = writeln!(d.text, " (pers.nr. {})", r.digits(5));
    d.t("Leidinggevende: ").e("person_name", &m.full()).t("\n");
    let _ = writeln!(d.text, "Datum gesprek: {}\n", recent_nl(r));
    match r.below(3) {
        0 => {
            d.t("Aanleiding: aanhoudend conflict tussen ")
                .e("person_name", &w.first)
                .t(" en collega ");
            d.e("person_name", &c.full())
                .t(" over de roosterindeling. Beide partijen voelen zich niet gehoord. ");
            d.e("person_name", &w.first)
                .t(" gaf aan dat de toon in de appgroep kwetsend is.\n\n");
            d.t("Afspraak: mediationgesprek onder leiding van een externe mediator; evaluatie over zes weken.\n");
        }
        1 => {
            d.t("Tweede officiële waarschuwing wegens herhaaldelijk te laat komen (11x in het afgelopen kwartaal). ");
            d.t("Bij een volgende keer volgt een ontslagprocedure via het UWV.\n\n");
            d.e("person_name", &w.first).t(
                " is het niet eens met het verslag en heeft daar een eigen reactie bij gevoegd.\n",
            );
        }
        _ => {
            d.cat("criminal");
            d.t("Ontslag op staande voet. Op camerabeelden is te zien dat ")
                .e("person_name", &w.first)
                .t(r.pick(&[
                    " geld uit de kassa heeft weggenomen",
                    " goederen uit het magazijn in de eigen auto heeft geladen",
                    " een collega heeft geslagen",
                ]))
                .t(". Er is aangifte gedaan bij de politie (registratienummer PL");
            let _ = write!(
                d.text,
                "{:02}00-{}{})",
                r.below(10) + 1,
                2023 + r.below(3),
                r.digits(6)
            );
            d.t(".\n\nGetuige: ").e("person_name", &c.full()).t(".\n");
        }
    }
    d.t("\nVoor gezien, ").e("person_name", &m.first).t("\n");
}

/// F8. Tenant's complaint about a neighbour, with a police report reference.
fn tenant(d: &mut Doc, r: &mut Rng) {
    let t = person_f(r);
    let n = person_f(r);
    d.class = "correspondence";
    d.cat("criminal");
    let be = r.chance(40);
    let addr = if be { addr_be(r) } else { addr_nl(r) };
    if be {
        d.t("Aan de Sociale Huisvestingsmaatschappij ").t(r.pick(&[
            "De Ideale Woning",
            "Woonpunt Zennevallei",
            "Vivendo",
        ]));
        d.t("\nDienst Huurdersbegeleiding\n\nBetreft: klacht over overlast en bedreiging\n\n");
    } else {
        d.t("Aan: Woningcorporatie ")
            .t(r.pick(&["Woonwaard", "Portaal", "Mitros", "Rochdale"]));
        d.t(", afdeling Leefbaarheid\nVan: ")
            .e("person_name", &t.full())
            .t(", ")
            .e("address", &addr)
            .t("\n\n");
    }
    d.t(r.pick(&["Geachte heer/mevrouw,", "Beste mensen,", "Goedemiddag,"]))
        .t("\n\n");
    d.t("Ik woon sinds ")
        .t(&(2010 + r.below(14)).to_string())
        .t(" op ");
    if be {
        d.e("address", &addr).t(", ").t(be_place(r));
    } else {
        d.e("address", &addr);
    }
    d.t(". Mijn buurman ");
    let nn = if r.chance(50) {
        n.full()
    } else {
        n.last.clone()
    };
    d.e("person_name", &nn);
    d.t(r.pick(&[
        " heeft vorige week mijn autoruit ingeslagen en mij daarna bedreigd met een mes.",
        " dealt volgens mij drugs vanuit zijn woning, er komen 's nachts steeds mensen aan de deur.",
        " heeft mijn fiets gestolen; de buren hebben het gezien.",
        " heeft mijn dochter op straat uitgescholden en geduwd.",
    ]));
    if be {
        d.t(" Ik heb klacht ingediend bij de politie, PV nr. ");
        let _ = write!(
            d.text,
            "{}.{}.L{}.{}/{}",
            r.pick(&["GE", "AN", "LE", "BR"]),
            r.digits(2),
            r.below(9) + 1,
            r.digits(6),
            2023 + r.below(3)
        );
    } else {
        d.t(" Ik heb aangifte gedaan, het nummer is ");
        let _ = write!(
            d.text,
            "PL{:02}00-{}{}",
            r.below(10) + 1,
            2023 + r.below(3),
            r.digits(6)
        );
    }
    d.t(".\n\nIk wil graag dat u hier iets aan doet. U kunt mij bellen op ")
        .e("phone", &if be { be_mobile(r) } else { nl_mobile(r) });
    if r.chance(60) {
        d.t(" of mailen naar ").e("email", &mail_f(r, &t));
    }
    d.t(".\n\nMet vriendelijke groet,\n\n")
        .e("person_name", &nm(r, &t))
        .t("\n");
}

/// F9. E-mail thread with quoted replies (">" and ">>") and a quoted header carrying the address again.
fn quoted(d: &mut Doc, r: &mut Rng) {
    let a = person_f(r);
    let b = person_f(r);
    d.class = "correspondence";
    let ma = mail_f(r, &a);
    let venue = r.pick(&["zalenverhuur", "info", "reserveringen", "verhuur"]);
    let vslug = r.pick(&[
        "dorpshuisdebrink",
        "scoutingwaterland",
        "zaaldelinde",
        "buurtcentrumzuid",
    ]);
    let mb = format!("{venue}@{vslug}.nl");
    let d1 = recent(r);
    d.t("Van: ")
        .e("person_name", &b.full())
        .t(" <")
        .b("email", &mb)
        .t(">\n");
    d.t("Aan: ").e("email", &ma).t("\n");
    d.t("Onderwerp: RE: RE: zaal huren voor verjaardag\n\n");
    d.t(r.pick(&["Hoi ", "Beste ", "Dag "]))
        .e("person_name", &a.first)
        .t(",\n\n");
    d.t("Top, dan zetten we de zaal voor je vast. De borg van € 150 graag overmaken op ");
    d.b("iban", &iban(r, false))
        .t(" o.v.v. je achternaam.\n\nGroet,\n")
        .e("person_name", &b.first)
        .t("\n");
    d.b("phone", &nl_fixed(r)).t("\n\n");
    let _ = write!(
        d.text,
        "Op {} {} {} om {}:{:02} schreef ",
        d1.d,
        MAANDEN[d1.m as usize - 1],
        d1.y,
        8 + r.below(12),
        r.below(60)
    );
    d.e("person_name", &a.full())
        .t(" <")
        .e("email", &ma)
        .t(">:\n\n");
    d.t("> Hallo ").e("person_name", &b.first).t(",\n>\n");
    d.t("> Ja graag, zaterdag van 14 tot 23 uur. We zijn met ongeveer 60 man.\n");
    d.t("> Mijn mobiel is ")
        .e("phone", &nl_mobile(r))
        .t(" als er iets is.\n>\n> ")
        .e("person_name", &a.first)
        .t("\n>\n");
    d.t("> Op ")
        .t(&format!("{}-{}-{}", d1.d, d1.m, d1.y))
        .t(" om 07:55 schreef ")
        .b("email", &mb)
        .t(":\n");
    d.t(">> Beste ")
        .e("person_name", &a.first)
        .t(",\n>> De zaal is die dag nog vrij. Wil je een optie nemen?\n");
    d.t(">> Met vriendelijke groet, ")
        .e("person_name", &b.full())
        .t("\n");
}

/// F10. Belgian invoice in French, to a private client or to another company.
fn facture_be(d: &mut Doc, r: &mut Rng) {
    d.class = "invoice";
    let co = r.pick(&[
        "Menuiserie Lejeune SRL",
        "Toitures Collignon & Fils",
        "Électricité Delvaux SPRL",
        "Jardins du Hainaut SRL",
    ]);
    let slug = match co.as_bytes()[0] {
        b'M' => "menuiserie-lejeune",
        b'T' => "collignon-toitures",
        b'J' => "jardinsduhainaut",
        _ => "delvaux-elec",
    };
    d.t(co).t("\n");
    d.b("address", &addr_be(r)).t(" - ").t(be_place(r)).t("\n");
    d.t("TVA ")
        .b("vat_number", &be_vat(r))
        .t(" - RPM ")
        .t(r.pick(&["Mons", "Namur", "Liège"]))
        .t("\n");
    d.t("Tél. ")
        .b("phone", &be_fixed(r))
        .t(" - ")
        .b("email", &format!("compta@{slug}.be"))
        .t("\n\n");
    let _ = writeln!(
        d.text,
        "FACTURE N° {}/{}\nDate : {}\n",
        2025,
        r.digits(4),
        recent_fr(r)
    );
    let private = r.chance(60);
    if private {
        let p = person_f(r);
        d.t("Client :\n")
            .t(if p.female { "Madame " } else { "Monsieur " })
            .e("person_name", &p.full())
            .t("\n");
        d.e("address", &addr_be(r)).t("\n").t(be_place(r)).t("\n");
        if r.chance(50) {
            d.t("GSM : ").e("phone", &be_mobile(r)).t("\n");
        }
    } else {
        d.t("Client :\n")
            .t(r.pick(&[
                "ASBL Les Amis du Rail",
                "Crèche Les Petits Loups ASBL",
                "Boulangerie Renard SRL",
            ]))
            .t("\n");
        d.b("address", &addr_be(r)).t("\n").t(be_place(r)).t("\n");
        d.t("N° TVA client : ").b("vat_number", &be_vat(r)).t("\n");
    }
    d.t("\nDescription                              Qté   P.U.     Total\n");
    let mut tot = 0;
    for _ in 0..(2 + r.below(3)) {
        let q = r.below(8) + 1;
        let pu = 20 + r.below(300);
        tot += q * pu;
        let _ = writeln!(
            d.text,
            "{:<40} {:>3} {:>6},00 {:>7},00",
            r.pick(&[
                "Main d'oeuvre (heure)",
                "Châssis PVC 120x140",
                "Tuiles terre cuite (m²)",
                "Câble XVB 3G2,5 (m)",
                "Taille de haies",
                "Déplacement"
            ]),
            q,
            pu,
            q * pu
        );
    }
    let _ = writeln!(
        d.text,
        "\nTotal HTVA {tot},00 EUR - TVA {} % - à payer dans les 30 jours",
        r.pick(&["6", "21"])
    );
    d.t("sur le compte ")
        .b("iban", &spaced4(&iban(r, true)))
        .t(" (BIC GEBABEBB)\n");
    let ogm = r.digits(10);
    let c = match ogm.parse::<u64>().unwrap_or(0) % 97 {
        0 => 97,
        x => x,
    };
    let _ = writeln!(
        d.text,
        "Communication structurée : +++{}/{}/{}{c:02}+++",
        &ogm[..3],
        &ogm[3..7],
        &ogm[7..]
    );
}

/// F11. English job application (cover letter plus details block).
fn application_en(d: &mut Doc, r: &mut Rng) {
    let p = person_f(r);
    let hr = person_f(r);
    d.class = "application";
    d.t("Subject: Application - ")
        .t(r.pick(&[
            "Warehouse Team Lead",
            "Junior Accountant",
            "Customer Success Agent (Dutch/English)",
            "Care assistant",
        ]))
        .t("\n\n");
    if r.chance(50) {
        d.t("Dear ")
            .t(if hr.female { "Ms " } else { "Mr " })
            .e("person_name", &hr.last)
            .t(",\n\n");
    } else {
        d.t(r.pick(&[
            "Dear Hiring Manager,\n\n",
            "Dear recruitment team,\n\n",
            "Hello,\n\n",
        ]));
    }
    d.t(r.pick(&[
        "I am writing to apply for the position advertised on LinkedIn. I moved to the Netherlands three years ago and have worked in logistics since.",
        "Please find attached my CV. I recently finished my bachelor's degree and I am keen to start my career in a small, international team.",
        "I was referred to this vacancy by a friend who works in your Utrecht office.",
    ]));
    d.t(" I speak English fluently and my Dutch is at B1 level.\n\nKind regards,\n\n");
    d.e("person_name", &p.full()).t("\n");
    d.t("---\nPhone:   ")
        .e("phone", &phone_c(r))
        .t("\nE-mail:  ")
        .e("email", &mail_f(r, &p))
        .t("\n");
    if r.chance(50) {
        let b = birth(r);
        let ds = dob_f(r, &b, "en");
        d.t("Date of birth: ").e("date_of_birth", &ds).t("\n");
    }
    if r.chance(50) {
        d.t("Address: ")
            .e("address", &addr_nl(r))
            .t(", ")
            .e("postcode", &postcode(r))
            .t(" ")
            .t(r.pick(F_NL_PLACES))
            .t("\n");
    }
    d.t("Available from: ").t(&recent_nl(r)).t("\n");
}

/// F12. Donation receipt of a mosque, church or synagogue (Belgian fiscal attest carries the national number).
fn donation(d: &mut Doc, r: &mut Rng) {
    let p = person_f(r);
    let tr = person_f(r);
    d.class = "other";
    d.cat("religion");
    let be = r.chance(45);
    let org = if be {
        r.pick(&[
            "vzw Kerkfabriek Sint-Pieter",
            "Moskee El Fath vzw",
            "Israëlitische Gemeente van Antwerpen vzw",
            "Protestantse Kerk Leuven vzw",
        ])
    } else {
        r.pick(&[
            "Stichting Moskee Mevlana",
            "Parochie H. Maria Magdalena",
            "Liberaal Joodse Gemeente",
            "Gereformeerde Kerk (vrijgemaakt) De Ark",
            "Hindoe Mandir Shri Ram",
        ])
    };
    d.t(org).t("\n");
    if be {
        d.t("ondernemingsnr. ")
            .b("vat_number", &be_vat(r))
            .t("\n\n");
        d.t("FISCAAL ATTEST GIFTEN - inkomstenjaar 2025\n\n");
        d.t("Schenker\n  naam:  ")
            .e("person_name", &p.last.to_uppercase())
            .t(" ")
            .e("person_name", &p.first)
            .t("\n");
        d.t("  adres: ")
            .e("address", &addr_be(r))
            .t(", ")
            .t(be_place(r))
            .t("\n");
        let b = birth(r);
        d.t("  rijksregisternummer: ")
            .e("be_national_number", &birth_rrn(r, &b))
            .t("\n\n");
        let _ = writeln!(
            d.text,
            "Totaal ontvangen giften in 2025: {},00 EUR\n(recht op belastingvermindering van 45 %)",
            40 + r.below(900)
        );
    } else {
        d.t("ANBI - RSIN ").t(&loop {
            let s = r.digits(9);
            if passes_11(&s) {
                break s;
            }
        });
        d.t("\n\nKwitantie / bewijs van gift\n\n");
        d.t(r.pick(&["Ontvangen van ", "Hierbij bevestigen wij de gift van "]))
            .e("person_name", &nm(r, &p))
            .t(", ")
            .e("address", &addr_nl(r))
            .t(", ")
            .e("postcode", &postcode(r))
            .t(" ")
            .t(r.pick(F_NL_PLACES))
            .t(",\n");
        let _ = write!(d.text, "het bedrag van € {},00 ", 25 + r.below(2000));
        d.t(match org.as_bytes()[0] {
            b'S' => r.pick(&[
                "als bijdrage voor de bouw van de nieuwe moskee.",
                "als zakat al-fitr.",
            ]),
            b'P' | b'G' => r.pick(&[
                "voor de kerkbalans 2025.",
                "als jaarlijkse bijdrage lidmaatschap gemeente.",
            ]),
            b'L' => "voor het onderhoud van de synagoge.",
            _ => "als bijdrage voor het Diwali-feest.",
        });
        d.t("\nBetaald via rekening ")
            .e("iban", &iban(r, false))
            .t(".\n");
    }
    d.t("\nNamens het bestuur,\n")
        .e("person_name", &tr.full())
        .t(", ")
        .t(r.pick(&["penningmeester", "kerkrentmeester", "secretaris"]))
        .t("\n");
}

/// F13. Union dues: statement for the employer's tax scheme, or a Belgian union premium form.
fn union_dues(d: &mut Doc, r: &mut Rng) {
    let p = person_f(r);
    d.cat("trade_union");
    if r.chance(55) {
        d.class = "correspondence";
        let u = r.pick(&["FNV", "CNV", "De Unie", "AVV", "NVJ"]);
        d.t(u).t(" - Jaaropgaaf contributie 2025\n\n");
        d.e("person_name", &nm(r, &p))
            .t("\n")
            .e("address", &addr_nl(r))
            .t("\n");
        d.e("postcode", &postcode(r))
            .t(" ")
            .t(&r.pick(F_NL_PLACES).to_uppercase())
            .t("\n\n");
        let _ = writeln!(d.text, "Lidnummer: {}\n", r.digits(7));
        d.t(r.pick(&["Beste ", "Hoi ", "Hallo "]))
            .e("person_name", &p.first)
            .t(",\n\n");
        let _ = writeln!(
            d.text,
            "In 2025 heb je in totaal € {},{:02} aan contributie betaald. Veel werkgevers vergoeden de vakbondscontributie via de werkkostenregeling: lever deze opgaaf in bij je salarisadministratie.\n",
            150 + r.below(200),
            r.below(100)
        );
        d.t("De contributie is geïncasseerd van ")
            .e("iban", &spaced4(&iban(r, false)))
            .t(".\n\nMet strijdbare groet,\nLedenadministratie\n");
    } else {
        d.class = "other";
        let u = r.pick(&["ACV", "ABVV", "ACLVB"]);
        d.t(u).t(" - AANVRAAG SYNDICALE PREMIE\n(in te vullen door de werkgever en terug te bezorgen aan het lid)\n\n");
        d.t("Naam en voornaam lid   : ")
            .e("person_name", &format!("{} {}", p.last, p.first))
            .t("\n");
        let b = birth(r);
        d.t("Rijksregisternummer    : ")
            .e("be_national_number", &birth_rrn(r, &b))
            .t("\n");
        d.t("Adres                  : ")
            .e("address", &addr_be(r))
            .t("\n");
        d.t("Werkgever              : ")
            .t(r.pick(&[
                "Schoonmaakbedrijf Net & Proper bv",
                "WZC Zonnebloem",
                "Bouwonderneming Van Acker nv",
            ]))
            .t("\n");
        d.t("Paritair comité        : ")
            .t(r.pick(&["121", "330", "124", "200"]))
            .t("\n");
        d.t("Tewerkstelling 2025    : ")
            .t(r.pick(&["voltijds", "4/5", "halftijds"]))
            .t("\n\n");
        d.t("De premie wordt gestort op rekening ")
            .e("iban", &iban(r, true))
            .t(".\n");
    }
}

/// F14. Pregnancy / maternity leave, phrased indirectly (mail to a manager or an HR note).
fn pregnancy(d: &mut Doc, r: &mut Rng) {
    let p = loop {
        let p = person_f(r);
        if p.female {
            break p;
        }
    };
    let m = person_f(r);
    d.cat("health");
    let due = MAANDEN[r.below(12)];
    if r.chance(50) {
        d.class = "correspondence";
        d.t("Onderwerp: verlof volgend jaar\n\n");
        d.t("Hoi ").e("person_name", &m.first).t(",\n\n");
        let _ = write!(
            d.text,
            "{}",
            match r.below(3) {
                0 => format!(
                    "Leuk nieuws: we krijgen er een kleintje bij! Ik ben uitgerekend in {due}. Ik wil mijn verlof graag zes weken daarvoor laten ingaan."
                ),
                1 => format!(
                    "Zoals ik vanochtend al vertelde: de verloskundige heeft de uitgerekende datum half {due} gezet, dus ik wil het verlof rond die tijd plannen."
                ),
                _ => format!(
                    "Het is nog pril, maar de twaalfwekenecho was goed. Uitgerekend begin {due}. Ik heb soms nog last van misselijkheid in de ochtend, dus ik begin liever om 10 uur."
                ),
            }
        );
        d.t("\nWil je het nog even niet delen met het team?\n\nGroetjes,\n")
            .e("person_name", &p.first)
            .t("\n");
        if r.chance(50) {
            d.e("phone", &nl_mobile(r)).t("\n");
        }
    } else {
        d.class = "other";
        d.t("Notitie P&O\n\n");
        d.e("person_name", &nm(r, &p)).t(r.pick(&[
            " heeft gemeld dat ze in verwachting is",
            " is zwanger van haar tweede kind",
            " meldt dat zij en haar partner een kindje verwachten",
        ]));
        let _ = writeln!(d.text, "; ze is uitgerekend in {due}.");
        d.t("Zwangerschapsverlof aanvragen bij het UWV uiterlijk twee weken voor ingang. Aangepast werk: niet meer tillen in het magazijn, geen nachtdiensten.\n");
        d.t("Besproken door ")
            .e("person_name", &m.full())
            .t(" op ")
            .t(&recent_nl(r))
            .t(".\n");
    }
}

/// F15. Dietary wishes for an association dinner or a team outing: a table of names and diets.
fn dietary(d: &mut Doc, r: &mut Rng) {
    d.class = "other";
    d.t(r.pick(&[
        "Jubileumdiner 50 jaar Harmonie Sint-Cecilia - dieetwensen\n\n",
        "Teamuitje vrijdag - wie eet wat?\n\n",
        "Repas de fin d'année - régimes alimentaires\n\n",
        "Kerstlunch kantoor: aanmeldingen\n\n",
    ]));
    d.t("naam                          | dieet / allergie\n------------------------------+--------------------------\n");
    for _ in 0..(4 + r.below(5)) {
        let p = person_f(r);
        let name = nm(r, &p);
        d.e("person_name", &name);
        let pad = 30usize.saturating_sub(name.chars().count());
        d.t(&" ".repeat(pad)).t("| ");
        let (diet, cat) = match r.below(12) {
            0 => ("halal", Some("religion")),
            1 => ("koosjer", Some("religion")),
            2 => ("glutenvrij (coeliakie)", Some("health")),
            3 => ("notenallergie - ernstig!", Some("health")),
            4 => ("lactose-intolerant", Some("health")),
            5 => ("vegetarisch", None),
            6 => ("veganistisch", None),
            7 => ("geen vis", None),
            8 => ("geen spruitjes aub", None),
            _ => ("-", None),
        };
        d.t(diet).t("\n");
        if let Some(c) = cat {
            d.cat(c);
        }
    }
    d.t("\nGraag uiterlijk vrijdag doorgeven aan de cateraar.\n");
}

/// F16. Fingerprint enrolment export of a time-clock terminal.
fn enrolment(d: &mut Doc, r: &mut Rng) {
    d.class = "other";
    d.cat("biometric");
    let _ = writeln!(
        d.text,
        "{} - Enrollment report\nDevice SN {}   Site: {}\nExported {} by admin\n",
        r.pick(&[
            "TimeMoto TM-818",
            "ZKTeco K40",
            "Nedap AEOS reader",
            "Anviz C2 Pro"
        ]),
        r.digits(13),
        r.pick(&[
            "Magazijn Hal 2",
            "Bakkerij productie",
            "Kantoor begane grond",
            "Atelier"
        ]),
        recent_nl(r)
    );
    d.t("UserID\tName\tFinger\tTemplates\tCard\tEnrolled\n");
    for i in 0..(3 + r.below(5)) {
        let p = person_f(r);
        let _ = write!(d.text, "{}\t", 100 + i * 3 + r.below(3));
        d.e("person_name", &p.full());
        let _ = writeln!(
            d.text,
            "\t{}\t{}\t{}\t{}",
            r.pick(&["R-index", "L-index", "R-thumb", "R-middle"]),
            1 + r.below(3),
            if r.chance(50) { "yes" } else { "no" },
            recent_nl(r)
        );
    }
    d.t(r.pick(&[
        "\nTemplates are stored on the terminal only (no images). Delete on exit of employee.\n",
        "\nVingerafdrukken worden als template opgeslagen; toestemming medewerkers in map P&O.\n",
    ]));
}

/// F17. Invoice of a DNA lab for a paternity (kinship) test.
fn dna_invoice(d: &mut Doc, r: &mut Rng) {
    let p = person_f(r);
    let kid = person_f(r);
    d.class = "invoice";
    d.cat("genetic");
    let lab = r.pick(&[
        "DNA-Diagnostiek Nederland BV",
        "Verwantschapslab BV",
        "GeneTest Benelux BV",
    ]);
    d.t(lab).t("\n");
    d.b("address", &format!("{} {}", street_c(r), r.below(80) + 1))
        .t("\n");
    d.b("postcode", &postcode(r))
        .t(" ")
        .t(r.pick(F_NL_PLACES))
        .t("\n");
    d.t("KvK ")
        .b("kvk_number", &kvk(r))
        .t("   btw ")
        .b("vat_number", &nl_vat(r))
        .t("\n");
    d.b(
        "email",
        &format!(
            "facturen@{}.nl",
            fold(lab.split(' ').next().unwrap_or("lab"))
        ),
    )
    .t("\n\n");
    d.t("Factuur aan:\n")
        .e("person_name", &nm(r, &p))
        .t("\n")
        .e("address", &addr_nl(r))
        .t("\n");
    d.e("postcode", &postcode(r))
        .t(" ")
        .t(r.pick(F_NL_PLACES))
        .t("\n\n");
    let _ = writeln!(
        d.text,
        "Factuurnummer {}-{}   Dossier {}",
        2025,
        r.digits(5),
        r.digits(6)
    );
    d.t("\nOmschrijving                                                     Bedrag\n");
    let sib = r.chance(25);
    d.t(if sib {
        "Broer/zus-verwantschapsonderzoek                                   349,00\n"
    } else {
        r.pick(&[
            "Vaderschapstest (vader + kind), wangslijm, informatief             199,00\n",
            "Juridische vaderschapstest, 3 personen, incl. afname en rapport   495,00\n",
        ])
    });
    let kid_name = kid_first(r, kid.female);
    d.t(if sib { "Betreft: " } else { "Kind: " })
        .e("person_name", &kid_name)
        .t("\n");
    if r.chance(40) {
        d.t("Conclusie rapport: ")
            .t(if sib {
                r.pick(&[
                    "volle broers/zussen (W = 99,7 %)",
                    "geen verwantschap aangetoond",
                ])
            } else {
                r.pick(&[
                    "vaderschap praktisch bewezen (W = 99,99 %)",
                    "vaderschap uitgesloten",
                ])
            })
            .t("\n");
    }
    d.t("\nBTW vrijgesteld (art. 11 Wet OB). Graag binnen 14 dagen voldoen op ")
        .b("iban", &iban(r, false))
        .t(".\n");
}

/// F18. Plain business document with no personal data: price list, opening hours or manual excerpt.
fn plain(d: &mut Doc, r: &mut Rng) {
    d.class = "other";
    match r.below(3) {
        0 => {
            d.t(r.pick(&[
                "Prijslijst fietsreparaties 2026\n\n",
                "Tarieven kapsalon per 1 januari\n\n",
                "Prijzen zaalverhuur\n\n",
            ]));
            for _ in 0..(5 + r.below(4)) {
                let _ = writeln!(
                    d.text,
                    "{:<38} € {:>3},{:02}",
                    r.pick(&[
                        "Binnenband vervangen",
                        "Remblokjes (per set)",
                        "Kettingslot",
                        "Knippen dames",
                        "Föhnen",
                        "Grote zaal (dagdeel)",
                        "Koffie/thee onbeperkt p.p.",
                        "Beamer en scherm",
                        "Wassen en knippen kinderen t/m 12",
                    ]),
                    5 + r.below(120),
                    r.below(20) * 5
                );
            }
            d.t("\nAlle prijzen incl. btw. Wijzigingen voorbehouden.\n");
        }
        1 => {
            d.t(r.pick(&[
                "Openingstijden bibliotheek\n\n",
                "Heures d'ouverture du magasin\n\n",
                "Openingsuren recyclagepark\n\n",
            ]));
            d.t("maandag     gesloten\ndinsdag     09:00 - 17:30\nwoensdag    09:00 - 17:30\ndonderdag   09:00 - 20:00\nvrijdag     09:00 - 17:30\nzaterdag    10:00 - 16:00\nzondag      gesloten\n\n");
            d.t(r.pick(&[
                "Op feestdagen gesloten. Tweede Pinksterdag open van 12 tot 16.\n",
                "Fermé les jours fériés.\n",
                "Op 24 en 31 december sluiten we om 15.00 uur.\n",
            ]));
        }
        _ => {
            d.t(r.pick(&[
                "Handleiding koffiemachine BaristaPro 3000 - hoofdstuk 4: ontkalken\n\n",
                "Installation manual - wall bracket WB-20\n\n",
            ]));
            d.t("4.1 Vul het waterreservoir met 0,5 l water en het ontkalkingsmiddel.\n4.2 Plaats een bak van minimaal 1 liter onder de uitloop.\n4.3 Houd de knoppen 1 en 3 tegelijk 5 seconden ingedrukt; het lampje knippert oranje.\n4.4 Na ca. 20 minuten is het programma klaar. Spoel twee keer na met schoon water.\n\n");
            d.t("Let op: gebruik geen azijn. Dit kan de pakkingen beschadigen en valt niet onder de garantie.\n");
        }
    }
}

/// F19. A document with company data only: order confirmation or payment reminder between businesses.
fn company_only(d: &mut Doc, r: &mut Rng) {
    let be = r.chance(35);
    let sup = r.pick(&[
        "Groothandel Horeca Noord BV",
        "Papierwaren Vandamme bv",
        "Tuincentrum De Linde BV",
        "Drukkerij Spectrum BV",
    ]);
    let slug = match sup.as_bytes()[0] {
        b'G' => "horecanoord",
        b'P' => "vandamme-papier",
        b'T' => "tuincentrumdelinde",
        _ => "drukkerijspectrum",
    };
    d.class = if r.chance(50) {
        "correspondence"
    } else {
        "invoice"
    };
    d.t(sup).t("\n");
    if be {
        d.b("address", &addr_be(r)).t(", ").t(be_place(r)).t("\n");
        d.t("BTW ")
            .b("vat_number", &be_vat(r))
            .t("   tel. ")
            .b("phone", &be_fixed(r))
            .t("\n");
    } else {
        d.b("address", &format!("{} {}", nl_street(r), r.below(200) + 1))
            .t(" - ")
            .b("postcode", &postcode(r))
            .t(" ")
            .t(r.pick(F_NL_PLACES))
            .t("\n");
        d.t("KvK ")
            .b("kvk_number", &kvk(r))
            .t(" - btw-id ")
            .b("vat_number", &nl_vat(r))
            .t("\n");
        d.t("T ").b("phone", &nl_fixed(r)).t("\n");
    }
    let mail = format!(
        "{}@{slug}.{}",
        r.pick(&["info", "verkoop", "debiteuren", "orders"]),
        if be { "be" } else { "nl" }
    );
    d.t("E ").b("email", &mail).t("\n\n");
    d.t("Aan: ")
        .t(r.pick(&[
            "Restaurant De Gouden Leeuw",
            "Sportvereniging VVA",
            "Basisschool De Regenboog",
            "Bakkerij Kok VOF",
        ]))
        .t(", t.a.v. de administratie\n\n");
    if d.class == "invoice" {
        let _ = writeln!(
            d.text,
            "BETALINGSHERINNERING\n\nVolgens onze administratie staat factuur {} van {} (€ {},{:02}) nog open.",
            r.digits(6),
            recent_nl(r),
            100 + r.below(4000),
            r.below(100)
        );
        d.t("Wij verzoeken u het bedrag binnen 8 dagen over te maken op ")
            .b("iban", &iban(r, be))
            .t(".\n");
    } else {
        let _ = writeln!(
            d.text,
            "Orderbevestiging {}\n\nWij danken u voor uw bestelling. Levering staat gepland op {}, tussen 7 en 12 uur.",
            r.digits(7),
            recent_nl(r)
        );
        d.t("Vragen? Mail ons op ")
            .b("email", &mail)
            .t(" o.v.v. het ordernummer.\n");
    }
    d.t("\nMet vriendelijke groet,\nAfdeling ")
        .t(r.pick(&["verkoop", "debiteurenbeheer", "klantenservice"]))
        .t("\n");
}

pub fn run(mut args: Vec<String>) -> anyhow::Result<()> {
    if let Some(k) = args.iter().position(|a| a == "--names") {
        let file = args.get(k + 1).cloned().unwrap_or_default();
        let pool = std::fs::read_to_string(&file)?
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(f, l)| (f.trim().to_owned(), l.trim().to_owned()))
            .filter(|(f, l)| !f.is_empty() && !l.is_empty())
            .collect();
        let _ = POOL.set(pool);
        args.drain(k..(k + 2).min(args.len()));
    }
    // `--set b`: templates written after the rules were tuned on set A, scored once as truly unseen layouts.
    // `--set c`: 18 templates written before any rule change for them (see BENCH.md), scored once as unseen.
    // `--set f`: 19 templates written blind to the detector (its source never read), real NL/BE name lists.
    let set = args
        .iter()
        .position(|a| a == "--set")
        .map_or_else(String::new, |k| {
            let v = args.get(k + 1).cloned().unwrap_or_default();
            args.drain(k..(k + 2).min(args.len()));
            v
        });
    let out = std::path::PathBuf::from(crate::required(&args, 0, "OUT_DIR")?);
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(300);
    let seed: u64 = args
        .get(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x0048_454C_444F_5554);
    let templates_b: &[Template] = &[sick_mail, record, facture, memo, labels, attendance];
    let templates_a: &[Template] = &[
        form,
        thread,
        chat,
        lettre,
        english,
        table,
        payslip,
        reintegration,
        invoice,
        product,
        lease,
        cv,
        id_copy,
        notes,
    ];
    let templates_c: &[Template] = &[
        referral,
        medication,
        mutualiteit,
        union,
        congregation,
        conduct,
        party,
        biometric,
        genetic,
        complaint,
        registration,
        invoice_c,
        supplier,
        newsletter,
        dispute,
        whatsapp,
        csv_customers,
        reference,
    ];
    let templates = match set.as_str() {
        "b" => templates_b,
        "c" => templates_c,
        "d" => &[
            absence,
            fiche,
            employment,
            split_list,
            doctor_note,
            catalogue,
            motivation,
        ],
        "e" => &[
            appointment,
            care_invoice,
            arbo,
            repeat,
            zorgplan,
            youth,
            claim,
            outing,
            probation,
            works_council,
            pride,
            timeclock,
            paternity,
            pharma_supplier,
            gym,
            church_quote,
            thanks,
        ],
        "f" => &[
            intake,
            club_signup,
            attest,
            delivery,
            roster,
            minutes,
            hr_note,
            tenant,
            quoted,
            facture_be,
            application_en,
            donation,
            union_dues,
            pregnancy,
            dietary,
            enrolment,
            dna_invoice,
            plain,
            company_only,
        ],
        _ => templates_a,
    };
    let docs = out.join("docs");
    std::fs::create_dir_all(&docs)?;
    let mut labels = std::fs::File::create(out.join("labels.jsonl"))?;
    let mut r = Rng(seed | 1);
    for i in 0..n {
        let mut d = Doc::default();
        templates[i % templates.len()](&mut d, &mut r);
        let file = format!("h{i:04}.txt");
        std::fs::write(docs.join(&file), &d.text)?;
        let kind = if d.special {
            "special"
        } else if d.personal {
            "generic"
        } else {
            "none"
        };
        let mut cats = d.cats.clone();
        cats.sort_unstable();
        let ents: Vec<String> = d
            .ents
            .iter()
            .map(|(t, v)| format!("{{\"type\": \"{t}\", \"value\": {}}}", json_str(v)))
            .collect();
        writeln!(
            labels,
            "{{\"file\": \"{file}\", \"class\": \"{}\", \"personal_data\": \"{kind}\", \"special_categories\": [{}], \"entities\": [{}]}}",
            d.class,
            cats.iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", "),
            ents.join(", ")
        )?;
    }
    Ok(())
}
