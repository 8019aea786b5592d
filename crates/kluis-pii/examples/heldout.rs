//! Dev tool: writes a held-out, labelled set of plain-text documents with layouts, phrasings and names unlike the
//! dev corpus, to measure how the detector generalises.
//!
//! usage: `heldout OUT_DIR [N] [SEED] [--names FILE] [--set b|c|d|e]` writes `OUT_DIR/docs/hNNNN.txt` and `OUT_DIR/labels.jsonl` (the corpus
//! contract). Deterministic for a seed. Names come from syllable models per origin (Dutch, Frisian, Flemish,
//! French-Belgian, Turkish, Moroccan, Polish, Indonesian, Surinamese), not from the detector's word lists. Never
//! commit the output: this program regenerates it.
//!
//! Score: `score_corpus OUT_DIR/docs > h.jsonl && python3 score.py OUT_DIR/labels.jsonl h.jsonl`.

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
            1 => format!("{}{l}@{d}", &f[..1]),
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

const MAANDEN: &[&str] = &[
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
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

fn main() -> std::io::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
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
    let set = args
        .iter()
        .position(|a| a == "--set")
        .map_or_else(String::new, |k| {
            let v = args.get(k + 1).cloned().unwrap_or_default();
            args.drain(k..(k + 2).min(args.len()));
            v
        });
    let out = std::path::PathBuf::from(args.first().map_or("/tmp/heldout", String::as_str));
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
