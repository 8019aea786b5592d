//! The UI text catalogue: Dutch and English messages from embedded `.ftl` files, and language negotiation.
//!
//! The files use the plain-message subset of Fluent (`key = text`, `{ $name }` placeholders, `#` comments), so
//! they stay valid Fluent while the parser stays small and build times short.

use std::collections::HashMap;
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

const NL_SOURCE: &str = include_str!("../locales/nl.ftl");
const EN_SOURCE: &str = include_str!("../locales/en.ftl");

/// Parse the plain-message subset of Fluent. Returns the messages and a list of lines it did not understand.
pub fn parse_catalogue(source: &str) -> (HashMap<String, String>, Vec<String>) {
    let mut map = HashMap::new();
    let mut bad = Vec::new();
    for line in source.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        match trimmed.split_once('=') {
            Some((key, value))
                if !key.trim().is_empty()
                    && key
                        .trim()
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
            {
                if map
                    .insert(key.trim().to_owned(), value.trim().to_owned())
                    .is_some()
                {
                    bad.push(format!("duplicate key: {}", key.trim()));
                }
            }
            _ => bad.push(line.to_owned()),
        }
    }
    (map, bad)
}

static CATALOGUES: LazyLock<[HashMap<String, String>; 2]> =
    LazyLock::new(|| [parse_catalogue(NL_SOURCE).0, parse_catalogue(EN_SOURCE).0]);

/// The catalogue for one language (all keys).
pub fn catalogue(lang: Lang) -> &'static HashMap<String, String> {
    match lang {
        Lang::Nl => &CATALOGUES[0],
        Lang::En => &CATALOGUES[1],
    }
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

    /// The message for `key`. A missing key shows the key itself (the completeness test keeps this from shipping).
    pub fn t<'a>(&self, key: &'a str) -> &'a str {
        match catalogue(self.lang).get(key) {
            Some(v) => v.as_str(),
            None => {
                tracing::warn!(key, "missing UI text");
                key
            }
        }
    }

    /// The message for `key` with `{ $name }` placeholders filled in.
    pub fn t_with(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut text = self.t(key).to_owned();
        for (name, value) in args {
            text = text.replace(&format!("{{ ${name} }}"), value);
        }
        text
    }

    /// Convenience for a single numeric placeholder.
    pub fn t_n(&self, key: &str, name: &str, n: impl std::fmt::Display) -> String {
        self.t_with(key, &[(name, &n.to_string())])
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
}
