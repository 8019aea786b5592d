//! Throughput of `Detector::detect` on a reproducible synthetic Dutch corpus. Quality on the dev set and the
//! writers' sets is `cargo xtask eval score|report` (score.py's rules, one copy).
//!
//! `cargo bench -p kluis-pii --bench detect [-- --mb 50 --runs 5 --write-corpus FILE]`

use kluis_pii::Detector;
use std::time::Instant;

/// xorshift64*: deterministic, no dependency, same corpus on every machine.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

const FIRST: &[&str] = &[
    "Jan", "Sanne", "Daan", "Emma", "Mohamed", "Fatima", "Lars", "Noor", "Pieter", "Anouk",
    "Youssef", "Sophie", "Bram", "Lotte", "Ahmet", "Elif",
];
const LAST: &[&str] = &[
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "El Amrani",
    "Yilmaz",
    "Visser",
    "Smit",
    "de Jong",
    "van Dijk",
    "Peeters",
    "Janssens",
    "Mulder",
    "Bos",
];
const STREET: &[&str] = &[
    "Kerkstraat",
    "Dorpsweg",
    "Molenlaan",
    "Stationsplein",
    "Julianastraat",
    "Lindendreef",
    "Beukenhof",
    "Havenkade",
];
const WORDS: &[&str] = &[
    "de",
    "het",
    "een",
    "en",
    "van",
    "in",
    "op",
    "met",
    "voor",
    "naar",
    "is",
    "wordt",
    "zijn",
    "dat",
    "die",
    "niet",
    "ook",
    "als",
    "bij",
    "aan",
    "om",
    "klant",
    "levering",
    "bestelling",
    "vergadering",
    "project",
    "rapport",
    "planning",
    "afspraak",
    "gemeente",
    "werkzaamheden",
    "offerte",
    "week",
    "maand",
    "jaar",
    "kwartaal",
    "team",
    "afdeling",
    "overleg",
    "besluit",
    "voorstel",
    "budget",
    "kosten",
    "prijs",
    "kwaliteit",
    "onderhoud",
    "systeem",
    "gebruikers",
    "gegevens",
    "informatie",
    "document",
    "versie",
    "graag",
    "hierbij",
    "volgende",
    "belangrijk",
    "Amsterdam",
    "Rotterdam",
    "Utrecht",
    "Gent",
    "Antwerpen",
    "De",
    "Het",
    "Wij",
    "Op",
    "In",
    "Na",
];

fn sentence(r: &mut Rng, out: &mut String) {
    let n = 6 + r.below(12);
    for i in 0..n {
        let w = r.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    out.push_str(". ");
}

fn elf_bsn(r: &mut Rng) -> String {
    loop {
        let d: Vec<u64> = (0..8).map(|_| r.next() % 10).collect();
        let s: u64 = d.iter().enumerate().map(|(i, x)| (9 - i as u64) * x).sum();
        let c = s % 11;
        if c < 10 && d[0] != 0 {
            return d.iter().map(|x| x.to_string()).collect::<String>() + &c.to_string();
        }
    }
}

fn iban(r: &mut Rng) -> String {
    let bank = r.pick(&["ABNA", "INGB", "RABO", "TRIO", "KNAB"]);
    let acct: String = (0..10)
        .map(|_| char::from(b'0' + (r.next() % 10) as u8))
        .collect();
    let bban = format!("{bank}{acct}");
    let numeric: String = bban
        .chars()
        .chain("NL00".chars())
        .map(|c| c.to_digit(36).unwrap_or(0).to_string())
        .collect();
    let m = numeric
        .bytes()
        .fold(0u32, |a, b| (a * 10 + u32::from(b - b'0')) % 97);
    format!("NL{:02}{bban}", 98 - m)
}

fn pii_line(r: &mut Rng, out: &mut String) {
    let name = format!("{} {}", r.pick(FIRST), r.pick(LAST));
    match r.below(8) {
        0 => out.push_str(&format!("BSN: {} van {name}.", elf_bsn(r))),
        1 => out.push_str(&format!("Graag overmaken op {} t.n.v. {name}.", iban(r))),
        2 => out.push_str(&format!("Bel {name} op 06-{:08}.", r.next() % 100_000_000)),
        3 => out.push_str(&format!(
            "Mail naar {}.{}@example.nl voor vragen.",
            r.pick(FIRST).to_lowercase(),
            r.pick(&["jansen", "visser", "bos"])
        )),
        4 => out.push_str(&format!(
            "{} {}, {} {}{} {}",
            r.pick(STREET),
            1 + r.below(300),
            1000 + r.below(8999),
            char::from(b'A' + r.below(26) as u8),
            char::from(b'B' + r.below(24) as u8),
            r.pick(&["Utrecht", "Gent", "Zwolle"])
        )),
        5 => out.push_str(&format!(
            "Geboortedatum: {:02}-{:02}-{}",
            1 + r.below(28),
            1 + r.below(12),
            1940 + r.below(70)
        )),
        6 => out.push_str(&format!("Geachte heer {},", r.pick(LAST))),
        _ => out.push_str(&format!("Met vriendelijke groet,\n{name}")),
    }
    out.push('\n');
}

/// The benchmark corpus: Dutch filler sentences, about 10% of lines with one PII item.
fn corpus(bytes: usize) -> String {
    let mut r = Rng(0x4B4C_5549_5321);
    let mut s = String::with_capacity(bytes + 1024);
    while s.len() < bytes {
        if r.below(10) == 0 {
            pii_line(&mut r, &mut s);
        } else {
            for _ in 0..1 + r.below(3) {
                sentence(&mut r, &mut s);
            }
            s.push('\n');
        }
    }
    s
}

/// CPU time of this thread (ns): the machine is shared, so wall time alone understates throughput.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

fn arg(name: &str) -> Option<String> {
    let a: Vec<String> = std::env::args().collect();
    a.iter()
        .position(|x| x == name)
        .and_then(|i| a.get(i + 1).cloned())
}

fn main() {
    let mb: usize = arg("--mb").and_then(|v| v.parse().ok()).unwrap_or(50);
    let runs: usize = arg("--runs").and_then(|v| v.parse().ok()).unwrap_or(5);
    let text = corpus(mb * 1_000_000);
    if let Some(path) = arg("--write-corpus") {
        std::fs::write(&path, &text).expect("write corpus");
        println!("wrote {} bytes to {path}", text.len());
        return;
    }
    let det = Detector::new();
    // Documents are scanned one at a time; split the corpus into 64 KB documents on line ends.
    let mut docs = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + 65_536).min(text.len());
        while end < text.len() && text.as_bytes()[end - 1] != b'\n' {
            end += 1;
        }
        docs.push(&text[start..end]);
        start = end;
    }
    let mut rates = Vec::new();
    let mut cpu_rates = Vec::new();
    let mut found = 0;
    let mb = text.len() as f64 / 1e6;
    for run in 0..runs {
        let t0 = Instant::now();
        let c0 = cpu_ns();
        let mut n = 0;
        for d in &docs {
            n += det.detect(d).len();
        }
        let cpu = (cpu_ns() - c0) as f64 / 1e9;
        let secs = t0.elapsed().as_secs_f64();
        println!(
            "run {run}: {:.0} MB/s wall, {:.0} MB/s cpu ({n} findings)",
            mb / secs,
            mb / cpu
        );
        rates.push(mb / secs);
        cpu_rates.push(mb / cpu);
        found = n;
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    cpu_rates.sort_by(|a, b| a.total_cmp(b));
    println!(
        "corpus {} MB, {} docs, {found} findings; median {:.0} MB/s wall, {:.0} MB/s cpu-time, one thread",
        text.len() / 1_000_000,
        docs.len(),
        rates[rates.len() / 2],
        cpu_rates[cpu_rates.len() / 2]
    );
}
