//! `score LABELS JSONL [--misses]`: scores a scan against a set's labels exactly as the corpus's score.py does
//! (../shared/corpus/score.py: the same normalisation, matching, counting and rounding) and prints what it prints.
//!
//! The port follows Python's semantics where they differ from Rust's defaults: `\d` is any Unicode decimal digit,
//! whitespace is `str.isspace`, names and addresses are compared after `str.casefold`, and figures are rounded to
//! four places half to even and printed in their shortest form, as `round(x, 4)` and `print` do.

use crate::casefold::casefold;
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::sync::LazyLock;

pub fn run(args: &[String]) -> Result<()> {
    let misses = args.iter().any(|a| a == "--misses");
    let paths: Vec<&String> = args.iter().filter(|a| *a != "--misses").collect();
    let (Some(labels), Some(scan)) = (paths.first(), paths.get(1)) else {
        bail!("usage: kluis-pii-eval score LABELS JSONL [--misses]");
    };
    let labels = read_labels(Path::new(labels.as_str()))?;
    let text = std::fs::read_to_string(scan.as_str()).with_context(|| format!("reading {scan}"))?;
    let mut scans = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Value = serde_json::from_str(line)
            .with_context(|| format!("{scan}, line {}: not JSON", i + 1))?;
        scans.push(record);
    }
    let summary = score(&labels, &scans)?;
    let mut out = std::io::stdout().lock();
    out.write_all(summary.text_report().as_bytes())?;
    if misses {
        out.write_all(summary.misses_report().as_bytes())?;
    }
    Ok(())
}

/// One labelled document of a set's labels.jsonl.
pub struct Label {
    pub file: String,
    class: Value,
    personal_data: Value,
    special_categories: BTreeSet<String>,
    /// (type, value) of every labelled entity.
    entities: Vec<(String, Value)>,
}

/// The labels of a set, one per file; a file labelled twice keeps its first place and its last label (a Python
/// dict's behaviour).
pub fn read_labels(path: &Path) -> Result<Vec<Label>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut labels: Vec<Label> = Vec::new();
    let mut place: HashMap<String, usize> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: Value = serde_json::from_str(line)
            .with_context(|| format!("{}, line {}: not JSON", path.display(), i + 1))?;
        let Some(file) = r.get("file").map(py_str) else {
            bail!("{}, line {}: no \"file\"", path.display(), i + 1);
        };
        let entities = r
            .get("entities")
            .and_then(Value::as_array)
            .map(|es| {
                es.iter()
                    .map(|e| {
                        let t = e.get("type").map(py_str).unwrap_or_default();
                        (t, e.get("value").cloned().unwrap_or(Value::Null))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let label = Label {
            file: file.clone(),
            class: r.get("class").cloned().unwrap_or(Value::Null),
            personal_data: r.get("personal_data").cloned().unwrap_or(Value::Null),
            special_categories: categories(r.get("special_categories")),
            entities,
        };
        match place.get(&file) {
            Some(&k) => labels[k] = label,
            None => {
                place.insert(file, labels.len());
                labels.push(label);
            }
        }
    }
    Ok(labels)
}

/// Counts of one entity type.
#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

/// A document whose kind or special categories the scan got wrong.
pub struct Miss {
    pub file: String,
    pub expected_kind: String,
    pub expected_categories: Vec<String>,
    pub got_kind: String,
    pub got_categories: Vec<String>,
}

/// What score.py computes for one set.
pub struct Summary {
    pub documents: usize,
    pub missing: usize,
    /// Entity type (None: a finding without a type) and its counts, sorted by type.
    per_type: Vec<(Option<String>, Counts)>,
    pub entity_precision: f64,
    pub entity_recall: f64,
    pub entity_f1: f64,
    pub class_accuracy: f64,
    pub kind_accuracy: f64,
    pub special_doc_recall: Option<f64>,
    pub none_doc_accuracy: Option<f64>,
    pub special_category_recall: Option<f64>,
    pub special_category_precision: Option<f64>,
    /// "expected->got" and its count, in score.py's order.
    kind_confusion: Vec<(String, usize)>,
    pub misses: Vec<Miss>,
}

/// Scores scan records (the JSONL contract's objects) against labels as score.py does.
pub fn score(labels: &[Label], scan_records: &[Value]) -> Result<Summary> {
    if labels.is_empty() {
        bail!("no labelled documents");
    }
    let mut scans: HashMap<&str, &Value> = HashMap::new();
    for r in scan_records {
        let path = r.get("path").and_then(Value::as_str).unwrap_or("");
        scans.insert(basename(path), r);
    }
    let mut per_type: BTreeMap<Option<String>, Counts> = BTreeMap::new();
    let (mut cls_ok, mut kind_ok, mut special_docs, mut special_hit) = (0usize, 0, 0, 0);
    let (mut none_docs, mut none_ok) = (0usize, 0);
    let (mut cat_tp, mut cat_fn, mut cat_fp) = (0usize, 0, 0);
    let mut missing = 0;
    let mut kind_conf: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut confusion_keys: Vec<(String, String, String)> = Vec::new();
    let mut misses = Vec::new();
    let null = Value::Null;
    for lab in labels {
        let scan = scans.get(lab.file.as_str()).copied();
        if scan.is_none() {
            missing += 1;
        }
        let field = |name: &str| scan.and_then(|s| s.get(name)).unwrap_or(&null);
        let mut finds: BTreeMap<Option<String>, Vec<(String, bool)>> = BTreeMap::new();
        if let Some(list) = scan
            .and_then(|s| s.get("findings"))
            .and_then(Value::as_array)
        {
            for x in list {
                let typ = x.get("type").filter(|t| !t.is_null()).map(py_str);
                let value = x.get("value").map_or_else(String::new, py_str);
                let normalised = norm(typ.as_deref(), &value);
                finds.entry(typ).or_default().push((normalised, false));
            }
        }
        for (t, value) in &lab.entities {
            let v = norm(Some(t), &py_str(value));
            let mut hit = false;
            if let Some(found) = finds.get_mut(&Some(t.clone())) {
                for (fv, used) in found.iter_mut() {
                    if matches(t, &v, fv) {
                        *used = true;
                        hit = true;
                    }
                }
            }
            let c = per_type.entry(Some(t.clone())).or_default();
            if hit {
                c.tp += 1;
            } else {
                c.fn_ += 1;
            }
        }
        for (t, found) in finds {
            per_type.entry(t).or_default().fp += found.iter().filter(|(_, used)| !used).count();
        }
        cls_ok += usize::from(*field("class") == lab.class);
        let got_kind = field("personal_data");
        kind_ok += usize::from(*got_kind == lab.personal_data);
        let conf = (py_repr(&lab.personal_data), py_repr(got_kind));
        if !kind_conf.contains_key(&conf) {
            let shown = format!("{}->{}", py_str(&lab.personal_data), py_str(got_kind));
            confusion_keys.push((conf.0.clone(), conf.1.clone(), shown));
        }
        *kind_conf.entry(conf).or_default() += 1;
        if lab.personal_data == "special" {
            special_docs += 1;
            special_hit += usize::from(*got_kind == "special");
        }
        if lab.personal_data == "none" {
            none_docs += 1;
            none_ok += usize::from(*got_kind == "none");
        }
        let got = categories(scan.and_then(|s| s.get("special_categories")));
        let want = &lab.special_categories;
        cat_tp += got.intersection(want).count();
        cat_fn += want.difference(&got).count();
        cat_fp += got.difference(want).count();
        if *got_kind != lab.personal_data || got != *want {
            misses.push(Miss {
                file: lab.file.clone(),
                expected_kind: py_str(&lab.personal_data),
                expected_categories: want.iter().cloned().collect(),
                got_kind: py_str(got_kind),
                got_categories: got.into_iter().collect(),
            });
        }
    }
    let (mut all_tp, mut all_fp, mut all_fn) = (0usize, 0usize, 0usize);
    for c in per_type.values() {
        // Only types that were labelled count towards the totals, as in score.py.
        if c.tp + c.fn_ > 0 {
            all_tp += c.tp;
            all_fp += c.fp;
            all_fn += c.fn_;
        }
    }
    let (mp, mr, mf) = precision_recall_f1(all_tp, all_fp, all_fn);
    let n = labels.len();
    let ratio = |a: usize, b: usize| (b > 0).then(|| round4(a as f64 / b as f64));
    // score.py sorts the confusion by str() of ((expected, got), count): the pair's repr decides.
    let mut confusion: Vec<(String, (String, usize))> = confusion_keys
        .into_iter()
        .map(|(a, b, shown)| {
            let count = kind_conf.get(&(a.clone(), b.clone())).copied().unwrap_or(0);
            (format!("(({a}, {b}), {count})"), (shown, count))
        })
        .collect();
    confusion.sort_by(|x, y| x.0.cmp(&y.0));
    let mut kind_confusion: Vec<(String, usize)> = Vec::new();
    for (_, (shown, count)) in confusion {
        match kind_confusion.iter_mut().find(|(k, _)| *k == shown) {
            Some(slot) => slot.1 = count,
            None => kind_confusion.push((shown, count)),
        }
    }
    Ok(Summary {
        documents: n,
        missing,
        per_type: per_type.into_iter().collect(),
        entity_precision: round4(mp),
        entity_recall: round4(mr),
        entity_f1: round4(mf),
        class_accuracy: round4(cls_ok as f64 / n as f64),
        kind_accuracy: round4(kind_ok as f64 / n as f64),
        special_doc_recall: ratio(special_hit, special_docs),
        none_doc_accuracy: ratio(none_ok, none_docs),
        special_category_recall: ratio(cat_tp, cat_tp + cat_fn),
        special_category_precision: ratio(cat_tp, cat_tp + cat_fp),
        kind_confusion,
        misses,
    })
}

impl Summary {
    /// score.py's text output, line for line.
    pub fn text_report(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:24} {:>5} {:>5} {:>5} {:>6} {:>6} {:>6}",
            "type", "tp", "fp", "fn", "prec", "rec", "f1"
        );
        for (t, c) in &self.per_type {
            let (p, r, f) = precision_recall_f1(c.tp, c.fp, c.fn_);
            let name = t.as_deref().unwrap_or("None");
            let _ = writeln!(
                out,
                "{name:24} {:5} {:5} {:5} {p:6.3} {r:6.3} {f:6.3}",
                c.tp, c.fp, c.fn_
            );
        }
        let opt = |v: Option<f64>| v.map_or_else(|| "None".to_owned(), py_float);
        let confusion: Vec<String> = self
            .kind_confusion
            .iter()
            .map(|(k, v)| format!("{}: {v}", py_repr(&Value::String(k.clone()))))
            .collect();
        let lines = [
            ("documents", self.documents.to_string()),
            ("documents_missing_from_scan", self.missing.to_string()),
            ("entity_precision", py_float(self.entity_precision)),
            ("entity_recall", py_float(self.entity_recall)),
            ("entity_f1", py_float(self.entity_f1)),
            ("class_accuracy", py_float(self.class_accuracy)),
            ("kind_accuracy", py_float(self.kind_accuracy)),
            ("special_doc_recall", opt(self.special_doc_recall)),
            ("none_doc_accuracy", opt(self.none_doc_accuracy)),
            ("special_category_recall", opt(self.special_category_recall)),
            (
                "special_category_precision",
                opt(self.special_category_precision),
            ),
            ("kind_confusion", format!("{{{}}}", confusion.join(", "))),
        ];
        for (k, v) in lines {
            let _ = writeln!(out, "{k}: {v}");
        }
        out
    }

    /// The documents whose kind or special categories are wrong, one line each: file, expected, got.
    pub fn misses_report(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} documents with a wrong kind or wrong special categories",
            self.misses.len()
        );
        for m in &self.misses {
            let _ = writeln!(
                out,
                "  {:<16} expected {} [{}]  got {} [{}]",
                m.file,
                m.expected_kind,
                m.expected_categories.join(", "),
                m.got_kind,
                m.got_categories.join(", ")
            );
        }
        out
    }
}

fn precision_recall_f1(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Python's `round(x, 4)`: the float nearest the decimal rounded half to even at four places (Rust's formatting
/// rounds the exact binary value the same way).
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// Python's `repr` of a float in the range the scores take (0 and 0.0001 to 1): the shortest form that reads back
/// as the same float, which Rust's `Debug` also gives there.
fn py_float(x: f64) -> String {
    format!("{x:?}")
}

/// `os.path.basename`.
fn basename(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// `str(v)` of a JSON value as Python loaded it.
fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        other => other.to_string(),
    }
}

/// `repr(v)` of a JSON value as Python loaded it (strings quoted the way Python quotes them).
fn py_repr(v: &Value) -> String {
    let Value::String(s) = v else {
        return py_str(v);
    };
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if u32::from(c) < 0x20 || (0x7F..0xA0).contains(&u32::from(c)) => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `set(x or [])` of a special-categories field: the strings of a list (other values by their JSON text).
fn categories(v: Option<&Value>) -> BTreeSet<String> {
    match v {
        Some(Value::Array(items)) => items.iter().map(py_str).collect(),
        _ => BTreeSet::new(),
    }
}

/// `str.isspace`: Unicode White_Space and the four information separators U+001C to U+001F.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1C}'..='\u{1F}').contains(&c)
}

/// `\d` of Python's `re` on text: a Unicode decimal digit (general category Nd).
fn is_decimal_digit(c: char) -> bool {
    static ND: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"\A\p{Nd}\z").expect("a valid pattern"));
    c.is_ascii_digit() || (!c.is_ascii() && ND.is_match(c.encode_utf8(&mut [0; 4])))
}

/// The value of a decimal digit, as `int()` reads it. Unicode assigns decimal digits only in contiguous runs of
/// ten, 0 to 9, so a digit's value is its distance from the start of its block of digits, modulo ten.
fn digit_value(c: char) -> u32 {
    if let Some(d) = c.to_digit(10) {
        return d;
    }
    let mut cp = u32::from(c);
    let mut distance = 0;
    while cp > 0 && char::from_u32(cp - 1).is_some_and(is_decimal_digit) {
        cp -= 1;
        distance += 1;
    }
    distance % 10
}

/// `f"{int(digits):02d}"`.
fn int_02(digits: &str) -> String {
    let value: String = digits
        .chars()
        .map(|c| char::from_digit(digit_value(c), 10).unwrap_or('0'))
        .skip_while(|&c| c == '0')
        .collect();
    format!("{value:0>2}")
}

/// Dutch month names, as score.py lists them for dates of birth (the held-out generator writes them too).
pub(crate) const MAANDEN: [&str; 12] = [
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

/// score.py's `norm(typ, v)`: the form in which a label and a finding of a type are compared.
fn norm(typ: Option<&str>, v: &str) -> String {
    let v = v.trim_matches(is_py_space);
    match typ {
        Some("email") => v.to_lowercase(),
        Some("phone") => {
            let d: String = v
                .replace("(0)", "")
                .chars()
                .filter(|&c| is_decimal_digit(c))
                .collect();
            if let Some(rest) = d.strip_prefix("0031") {
                format!("0{rest}")
            } else if let Some(rest) = d.strip_prefix("31").or_else(|| d.strip_prefix("32")) {
                format!("0{rest}")
            } else {
                d
            }
        }
        Some("date_of_birth") => {
            let mut low = v.to_lowercase();
            for (i, name) in MAANDEN.iter().enumerate() {
                low = low.replace(name, &format!(" {:02} ", i + 1));
            }
            let parts = digit_runs(&low);
            if let [a, b, c] = parts.as_slice() {
                let (a, c) = if a.chars().count() == 4 {
                    (c, a)
                } else {
                    (a, c)
                };
                return format!("{}{}{c}", int_02(a), int_02(b));
            }
            low.chars().filter(|&c| is_decimal_digit(c)).collect()
        }
        Some("person_name" | "address") => casefold(v)
            .split(is_py_space)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
        _ => v
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect(),
    }
}

/// `re.findall(r"\d+", s)`.
fn digit_runs(s: &str) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (is_decimal_digit(c), start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                runs.push(&s[st..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        runs.push(&s[st..]);
    }
    runs
}

/// score.py's `matches`: names and addresses by token containment either way, everything else by equality.
fn matches(typ: &str, label: &str, finding: &str) -> bool {
    if typ == "person_name" || typ == "address" {
        let tokens = |s: &str| -> BTreeSet<String> {
            s.split(is_py_space)
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let (lt, ft) = (tokens(label), tokens(finding));
        return !lt.is_empty() && !ft.is_empty() && (lt.is_subset(&ft) || ft.is_subset(&lt));
    }
    label == finding
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_normalised_as_score_py_does() {
        assert_eq!(norm(Some("phone"), " +31 (0)6 1234 5678 "), "0612345678");
        assert_eq!(norm(Some("phone"), "0031-6-12345678"), "0612345678");
        assert_eq!(norm(Some("phone"), "+32 470 12 34 56"), "0470123456");
        assert_eq!(norm(Some("date_of_birth"), "3 maart 1981"), "03031981");
        assert_eq!(norm(Some("date_of_birth"), "1981-03-07"), "07031981");
        assert_eq!(norm(Some("date_of_birth"), "maart 1981"), "031981");
        assert_eq!(norm(Some("date_of_birth"), "٠٣-٠٤-١٩٨١"), "0304١٩٨١");
        assert_eq!(
            norm(Some("person_name"), " Jan  STRAUß\u{1F}x "),
            "jan strauss x"
        );
        assert_eq!(
            norm(Some("iban"), "nl91 abna-0417 1643 00"),
            "NL91ABNA0417164300"
        );
        assert_eq!(norm(None, "12.34"), "1234");
        assert_eq!(
            norm(Some("email"), "Jan.DE@Example.NL"),
            "jan.de@example.nl"
        );
    }

    #[test]
    fn names_match_by_token_containment_either_way() {
        assert!(matches("person_name", "jan de vries", "de vries"));
        assert!(matches("address", "kerkstraat", "kerkstraat 12"));
        assert!(!matches("person_name", "jan de vries", "piet de vries"));
        assert!(!matches("iban", "NL91", "NL9"));
    }

    #[test]
    fn figures_round_half_to_even_and_print_shortest() {
        assert_eq!(py_float(round4(0.03125)), "0.0312");
        assert_eq!(py_float(round4(1.0)), "1.0");
        assert_eq!(py_float(round4(2.0 / 3.0)), "0.6667");
    }

    #[test]
    fn a_set_is_scored_per_type_and_per_document() -> Result<()> {
        let dir = std::env::temp_dir().join(format!("kluis-pii-eval-score-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let labels = dir.join("labels.jsonl");
        std::fs::write(
            &labels,
            concat!(
                r#"{"file": "a.txt", "class": "invoice", "personal_data": "special", "special_categories": ["health"], "entities": [{"type": "iban", "value": "NL91 ABNA 0417 1643 00"}, {"type": "person_name", "value": "Jan de Vries"}]}"#,
                "\n",
                r#"{"file": "b.txt", "class": "other", "personal_data": "none", "special_categories": [], "entities": []}"#,
                "\n"
            ),
        )?;
        let labels = read_labels(&labels)?;
        std::fs::remove_dir_all(&dir)?;
        let scans = [
            serde_json::json!({"path": "docs/a.txt", "class": "invoice", "personal_data": "generic",
            "special_categories": [], "findings": [{"type": "iban", "value": "NL91ABNA0417164300"},
            {"type": "person_name", "value": "Vries"}, {"type": "email", "value": "x@y.nl"}]}),
        ];
        let s = score(&labels, &scans)?;
        assert_eq!((s.documents, s.missing), (2, 1));
        // The e-mail finding is a false positive of a type nobody labelled: it does not count.
        assert_eq!(s.entity_precision, 1.0);
        assert_eq!(s.class_accuracy, 0.5);
        assert_eq!(s.special_doc_recall, Some(0.0));
        assert_eq!(s.special_category_recall, Some(0.0));
        assert_eq!(s.special_category_precision, None);
        assert_eq!(s.misses.len(), 2);
        let report = s.text_report();
        assert!(
            report.contains("email                        0     1     0  0.000  0.000  0.000\n")
        );
        assert!(report.contains("kind_confusion: {'none->None': 1, 'special->generic': 1}\n"));
        Ok(())
    }
}
