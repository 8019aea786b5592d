//! The UI text catalogue: Dutch and English Fluent messages (`fluent-bundle`), language negotiation, and numbers and dates per language.
//!
//! Its own crate so that everything that speaks to people reads one catalogue: the web pages and API (kluis-web)
//! and the documents Kluis generates outside a request (register exports, privacy statements, the CLI's reports).
//! Each module keeps its messages in its own file per language (`locales/<lang>/<module>.ftl`); the files of a
//! language form one catalogue, so a key is unique across all of them.
//!
//! The `.ftl` files are embedded and parsed once into thread-safe bundles, so plurals (`{ $count ->
//! [one] … *[other] … }`) select by each language's plural rules. `Tr::t` hands out a message without
//! arguments as a `&'static str` (prepared at start), `Tr::t_with` formats one with arguments.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

/// A language the UI speaks. Dutch first: it is the default when nothing else is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    pub const fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// The language's own name, for the language switch.
    pub const fn native_name(self) -> &'static str {
        match self {
            Lang::Nl => "Nederlands",
            Lang::En => "English",
        }
    }

    const fn index(self) -> usize {
        match self {
            Lang::Nl => 0,
            Lang::En => 1,
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The best language for an `Accept-Language` header value, by quality; Dutch if none matches.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("");
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|v| v.trim().parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            if let Some(lang) = Lang::from_code(tag)
                && q > 0.0
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

/// The catalogue files, per module, as (name, Dutch, English).
const FILES: &[(&str, &str, &str)] = &[
    (
        "core",
        include_str!("../locales/nl/core.ftl"),
        include_str!("../locales/en/core.ftl"),
    ),
    (
        "members",
        include_str!("../locales/nl/members.ftl"),
        include_str!("../locales/en/members.ftl"),
    ),
    (
        "vocabulary",
        include_str!("../locales/nl/vocabulary.ftl"),
        include_str!("../locales/en/vocabulary.ftl"),
    ),
    (
        "register",
        include_str!("../locales/nl/register.ftl"),
        include_str!("../locales/en/register.ftl"),
    ),
    (
        "processors",
        include_str!("../locales/nl/processors.ftl"),
        include_str!("../locales/en/processors.ftl"),
    ),
    (
        "export",
        include_str!("../locales/nl/export.ftl"),
        include_str!("../locales/en/export.ftl"),
    ),
    (
        "compliance",
        include_str!("../locales/nl/compliance.ftl"),
        include_str!("../locales/en/compliance.ftl"),
    ),
    (
        "statement",
        include_str!("../locales/nl/statement.ftl"),
        include_str!("../locales/en/statement.ftl"),
    ),
    (
        "profile",
        include_str!("../locales/nl/profile.ftl"),
        include_str!("../locales/en/profile.ftl"),
    ),
    (
        "relations",
        include_str!("../locales/nl/relations.ftl"),
        include_str!("../locales/en/relations.ftl"),
    ),
    (
        "requests",
        include_str!("../locales/nl/requests.ftl"),
        include_str!("../locales/en/requests.ftl"),
    ),
    (
        "consent",
        include_str!("../locales/nl/consent.ftl"),
        include_str!("../locales/en/consent.ftl"),
    ),
    (
        "import",
        include_str!("../locales/nl/import.ftl"),
        include_str!("../locales/en/import.ftl"),
    ),
    (
        "retention",
        include_str!("../locales/nl/retention.ftl"),
        include_str!("../locales/en/retention.ftl"),
    ),
    (
        "links",
        include_str!("../locales/nl/links.ftl"),
        include_str!("../locales/en/links.ftl"),
    ),
    (
        "breach_documents",
        include_str!("../locales/nl/breach_documents.ftl"),
        include_str!("../locales/en/breach_documents.ftl"),
    ),
    (
        "dpia_documents",
        include_str!("../locales/nl/dpia_documents.ftl"),
        include_str!("../locales/en/dpia_documents.ftl"),
    ),
    (
        "breaches",
        include_str!("../locales/nl/breaches.ftl"),
        include_str!("../locales/en/breaches.ftl"),
    ),
    (
        "dpia",
        include_str!("../locales/nl/dpia.ftl"),
        include_str!("../locales/en/dpia.ftl"),
    ),
];

static SOURCES: LazyLock<[String; 2]> = LazyLock::new(|| {
    let join = |pick: fn(&(&str, &'static str, &'static str)) -> &'static str| {
        FILES.iter().map(pick).collect::<Vec<_>>().join("\n")
    };
    [join(|f| f.1), join(|f| f.2)]
});

/// One language's whole catalogue source: its module files joined.
pub fn source(lang: Lang) -> &'static str {
    &SOURCES[lang.index()]
}

/// One language's catalogue as Fluent's own parser reads it: every message with the variables it uses, and
/// what the parser could not read (a test keeps that empty).
#[derive(Debug, Default)]
pub struct Catalogue {
    /// Message id → names of the variables (`$name`) its value uses, in any variant.
    pub messages: HashMap<String, BTreeSet<String>>,
    /// Parse errors and duplicate ids, as text.
    pub problems: Vec<String>,
}

/// Parses a Fluent source with Fluent's parser and lists its messages and their variables.
pub fn parse_catalogue(source: &str) -> Catalogue {
    let mut cat = Catalogue::default();
    let resource = match FluentResource::try_new(source.to_owned()) {
        Ok(r) => r,
        Err((r, errors)) => {
            cat.problems.extend(errors.iter().map(|e| format!("{e:?}")));
            r
        }
    };
    for entry in resource.entries() {
        if let ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            match &m.value {
                Some(p) => pattern_vars(p, &mut vars),
                None => cat
                    .problems
                    .push(format!("message without a value: {}", m.id.name)),
            }
            if cat.messages.insert(m.id.name.to_owned(), vars).is_some() {
                cat.problems.push(format!("duplicate key: {}", m.id.name));
            }
        }
    }
    cat
}

fn pattern_vars(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_vars(i, out),
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
            for a in &arguments.named {
                inline_vars(&a.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, out),
        _ => {}
    }
}

/// A language's bundle and its messages prepared without arguments.
struct Loaded {
    bundle: FluentBundle<FluentResource>,
    /// Every message formatted once without arguments; a variable shows as `{ $name }` (what client-side
    /// scripts fill in).
    plain: HashMap<String, String>,
}

fn load(lang: Lang) -> Loaded {
    let langid = lang
        .code()
        .parse::<unic_langid::LanguageIdentifier>()
        .unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Pages are HTML in left-to-right languages; Unicode isolation marks would only end up in copied text.
    bundle.set_use_isolating(false);
    let resource = match FluentResource::try_new(source(lang).to_owned()) {
        Ok(r) => r,
        // The catalogue test fails on parse errors; at run time the readable messages still serve.
        Err((r, _)) => r,
    };
    let cat = parse_catalogue(source(lang));
    if let Err(errors) = bundle.add_resource(resource) {
        tracing::warn!(
            count = errors.len(),
            "UI text catalogue has conflicting messages"
        );
    }
    let mut plain = HashMap::new();
    for (id, vars) in &cat.messages {
        let mut args = FluentArgs::new();
        for v in vars {
            args.set(v.clone(), FluentValue::from(format!("{{ ${v} }}")));
        }
        if let Some(text) = format(&bundle, id, Some(&args)) {
            plain.insert(id.clone(), text);
        }
    }
    Loaded { bundle, plain }
}

fn format(
    bundle: &FluentBundle<FluentResource>,
    key: &str,
    args: Option<&FluentArgs>,
) -> Option<String> {
    let msg = bundle.get_message(key)?;
    let pattern = msg.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::warn!(key, errors = ?errors, "UI text formatted with errors");
    }
    Some(text.into_owned())
}

static LOADED: LazyLock<[Loaded; 2]> = LazyLock::new(|| [load(Lang::Nl), load(Lang::En)]);

/// Every message of one language, formatted without arguments (variables shown as `{ $name }`).
pub fn catalogue(lang: Lang) -> &'static HashMap<String, String> {
    &LOADED[lang.index()].plain
}

/// An argument value: a canonical integer (`7`, `-3`, not `007`) becomes a Fluent number, so plural variants
/// select on it; anything else stays text (identifiers with leading zeros keep them).
fn arg_value(v: &str) -> FluentValue<'static> {
    match v.parse::<i64>() {
        Ok(n) if n.to_string() == v => FluentValue::from(n),
        _ => FluentValue::from(v.to_owned()),
    }
}

fn missing(key: &str) {
    tracing::warn!(key, "missing UI text");
    // Tests run debug builds: an unknown message id fails the test that reaches it.
    #[cfg(debug_assertions)]
    panic!("missing UI text: {key}");
}

/// Translator handed to every template: `{{ tr.t("login-title") }}`.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Self {
        Tr { lang }
    }

    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// Whether the catalogue has `key` (for keys built at run time, before asking for them).
    pub fn has(&self, key: &str) -> bool {
        catalogue(self.lang).contains_key(key)
    }

    /// The message for `key`. A missing key shows the key itself in release builds and panics in debug builds
    /// (the completeness test keeps this from shipping).
    pub fn t<'a>(&self, key: &'a str) -> &'a str {
        match catalogue(self.lang).get(key) {
            Some(v) => v.as_str(),
            None => {
                missing(key);
                key
            }
        }
    }

    /// The message for `key` with its variables filled in; integer values select plural variants.
    pub fn t_with(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut fa = FluentArgs::new();
        for (name, value) in args {
            fa.set(name.to_string(), arg_value(value));
        }
        match format(&LOADED[self.lang.index()].bundle, key, Some(&fa)) {
            Some(text) => text,
            None => {
                missing(key);
                key.to_owned()
            }
        }
    }

    /// Convenience for a single numeric placeholder.
    pub fn t_n(&self, key: &str, name: &str, n: impl std::fmt::Display) -> String {
        self.t_with(key, &[(name, &n.to_string())])
    }

    /// An integer as this language writes it: `1.234.567` in Dutch, `1,234,567` in English.
    pub fn number(&self, n: i64) -> String {
        let sep = match self.lang {
            Lang::Nl => '.',
            Lang::En => ',',
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        if n < 0 { format!("-{out}") } else { out }
    }

    /// A calendar date as this language writes it: "6 december 2026" / "6 December 2026".
    pub fn date(&self, d: time::Date) -> String {
        let month = self.t_n("date-month", "month", u8::from(d.month()));
        format!("{} {} {}", d.day(), month, d.year())
    }

    /// A moment (milliseconds since the epoch) as date and time in UTC, e.g. "6 december 2026, 14:05 UTC".
    pub fn date_time_ms(&self, ms: i64) -> String {
        match time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000) {
            Ok(t) => self.t_with(
                "date-time",
                &[
                    ("date", &self.date(t.date())),
                    ("time", &format!("{:02}:{:02}", t.hour(), t.minute())),
                ],
            ),
            Err(_) => ms.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_highest_quality_known_language() {
        assert_eq!(
            Lang::from_accept_language("en-GB,en;q=0.9,nl;q=0.8"),
            Lang::En
        );
        assert_eq!(
            Lang::from_accept_language("fr-BE,nl-BE;q=0.7,en;q=0.5"),
            Lang::Nl
        );
        assert_eq!(Lang::from_accept_language("de"), Lang::Nl);
        assert_eq!(Lang::from_accept_language(""), Lang::Nl);
        assert_eq!(Lang::from_accept_language("en;q=0"), Lang::Nl);
    }

    #[test]
    fn placeholders_are_filled() {
        let tr = Tr::new(Lang::En);
        assert_eq!(
            tr.t_n("audit-verify-ok", "count", 3),
            "The audit log is intact: 3 events checked."
        );
    }

    #[test]
    fn plurals_select_by_language_rules() {
        let nl = Tr::new(Lang::Nl);
        let en = Tr::new(Lang::En);
        let docs = |tr: Tr, n: &str| {
            tr.t_with(
                "dashboard-docs-summary",
                &[("total", n), ("special", "0"), ("generic", "0")],
            )
        };
        assert!(
            docs(nl, "1").starts_with("1 document:"),
            "{}",
            docs(nl, "1")
        );
        assert!(
            docs(nl, "7").starts_with("7 documenten:"),
            "{}",
            docs(nl, "7")
        );
        assert!(
            docs(en, "1").starts_with("1 document:"),
            "{}",
            docs(en, "1")
        );
        assert!(
            docs(en, "7").starts_with("7 documents:"),
            "{}",
            docs(en, "7")
        );
        assert!(!docs(nl, "7").contains("(en)"));
    }

    #[test]
    fn text_arguments_stay_text() {
        assert_eq!(arg_value("007"), FluentValue::from("007".to_owned()));
        assert_eq!(arg_value("12"), FluentValue::from(12));
    }

    #[test]
    fn numbers_and_dates_per_language() {
        let nl = Tr::new(Lang::Nl);
        let en = Tr::new(Lang::En);
        assert_eq!(nl.number(1234567), "1.234.567");
        assert_eq!(en.number(1234567), "1,234,567");
        assert_eq!(en.number(-999), "-999");
        let d = time::macros::date!(2026 - 12 - 06);
        assert_eq!(nl.date(d), "6 december 2026");
        assert_eq!(en.date(d), "6 December 2026");
        assert_eq!(
            en.date_time_ms(0),
            "1 January 1970, 00:00 UTC",
            "date and time in UTC"
        );
    }

    #[test]
    fn messages_without_arguments_show_their_variables_for_scripts() {
        let en = Tr::new(Lang::En);
        assert!(en.t("documents-upload-selected").contains("{ $count }"));
    }
}
