//! Every UI text exists in Dutch and English, and every key the code and templates use is in the catalogue.

use kluis_web::i18n::{Lang, catalogue, parse_catalogue};
use std::collections::BTreeSet;
use std::path::Path;

fn source(lang: &str) -> String {
    let lang = Lang::from_code(lang).unwrap_or_default();
    kluis_web::i18n::source(lang).to_owned()
}

#[test]
fn both_languages_have_the_same_keys_and_parse_cleanly() {
    let nl = parse_catalogue(&source("nl"));
    let en = parse_catalogue(&source("en"));
    assert!(nl.problems.is_empty(), "nl.ftl: {:?}", nl.problems);
    assert!(en.problems.is_empty(), "en.ftl: {:?}", en.problems);
    assert!(
        nl.messages.len() > 100,
        "catalogue suspiciously small: {}",
        nl.messages.len()
    );
    let nl_keys: BTreeSet<_> = nl.messages.keys().collect();
    let en_keys: BTreeSet<_> = en.messages.keys().collect();
    let only_nl: Vec<_> = nl_keys.difference(&en_keys).collect();
    let only_en: Vec<_> = en_keys.difference(&nl_keys).collect();
    assert!(
        only_nl.is_empty() && only_en.is_empty(),
        "only in nl: {only_nl:?}; only in en: {only_en:?}"
    );
    for (k, vars) in &nl.messages {
        // Variables must match (in any variant), or one language would show a raw `{ $name }` or miss a value.
        assert_eq!(vars, &en.messages[k], "variables differ for {k}");
        for lang in Lang::ALL {
            assert!(
                !catalogue(lang)[k].trim().is_empty(),
                "empty text for {k} in {}",
                lang.code()
            );
        }
    }
}

#[test]
fn no_message_hedges_a_plural_with_brackets() {
    // "7 document(en)" is what plural variants are for.
    for lang in ["nl", "en"] {
        for line in source(lang).lines() {
            assert!(
                !line.contains("(en)") && !line.contains("(s)"),
                "{lang}.ftl: use a plural variant instead of: {line}"
            );
        }
    }
}

/// String literals passed to `name(` in `text`, e.g. every key in `tr.t("key")`.
fn literal_args(text: &str, name: &str) -> Vec<String> {
    let pat = format!("{name}(\"");
    text.match_indices(&pat)
        .filter(|(i, _)| !text[..*i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
        .filter_map(|(i, _)| text[i + pat.len()..].split('"').next().map(str::to_owned))
        .collect()
}

/// Keys after `marker` up to the first character that cannot be part of a key (flash redirects: `?notice=saved`).
fn keys_after(text: &str, marker: &str) -> Vec<String> {
    text.match_indices(marker)
        .map(|(i, _)| {
            text[i + marker.len()..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                .collect::<String>()
        })
        .filter(|k| !k.is_empty())
        .collect()
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn every_key_used_by_code_and_templates_exists_in_both_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("src"), &mut paths);
    files(&root.join("templates"), &mut paths);
    let mut used = BTreeSet::new();
    for p in &paths {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        for f in [
            "t",
            "t_n",
            "t_with",
            "Chrome::public(tr, \"\", ",
            "with_ctx_public(&ctx, ",
            "org(&o, ",
            "org(o, ",
        ] {
            used.extend(literal_args(&text, f));
        }
        used.extend(
            keys_after(&text, "notice=")
                .into_iter()
                .map(|k| format!("notice-{k}")),
        );
        used.extend(
            keys_after(&text, "error=")
                .into_iter()
                .map(|k| format!("error-{k}")),
        );
        used.extend(keys_after(&text, "label: \""));
    }
    // Keys built at run time.
    for role in kluis_domain::Role::ALL {
        let r = role.as_str().replace('_', "-");
        used.insert(format!("role-{r}"));
        used.insert(format!("role-{r}-text"));
    }
    for code in [
        "400", "401", "403", "csrf", "404", "409", "413", "429", "500",
    ] {
        used.insert(format!("error-{code}-title"));
        used.insert(format!("error-{code}-text"));
    }
    assert!(
        used.len() > 80,
        "scanner found too few keys: {}",
        used.len()
    );
    for lang in Lang::ALL {
        let cat = catalogue(lang);
        let missing: Vec<_> = used
            .iter()
            .filter(|k| !cat.contains_key(k.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "missing in {}: {missing:?}",
            lang.code()
        );
    }
}

#[test]
fn gdpr_terms_are_the_exact_dutch_ones() {
    let nl = source("nl");
    for term in [
        "verwerkingsregister",
        "verwerkersovereenkomst",
        "bewaartermijn",
        "datalek",
        "betrokkene",
        "functionaris gegevensbescherming",
    ] {
        assert!(
            nl.contains(term),
            "Dutch catalogue should use the term '{term}'"
        );
    }
}

#[test]
fn every_register_vocabulary_label_exists_in_both_languages() {
    use kluis_domain::register::{DataCategory, DataSubjectCategory, Purpose, measures, starter};
    let mut keys: Vec<String> = Vec::new();
    keys.extend(DataCategory::all().map(|c| c.label_key()));
    keys.extend(Purpose::all().map(|p| p.label_key()));
    keys.extend(DataSubjectCategory::all().map(|s| s.label_key()));
    for t in starter::TEMPLATES {
        keys.push(t.name_key());
        keys.push(t.purpose_key());
    }
    keys.extend(measures::MEASURES.iter().map(|m| m.label_key()));
    assert!(
        keys.len() > 150,
        "vocabulary suspiciously small: {}",
        keys.len()
    );
    for lang in Lang::ALL {
        let cat = catalogue(lang);
        let missing: Vec<_> = keys
            .iter()
            .filter(|k| cat.get(k.as_str()).is_none_or(|t| t.trim().is_empty()))
            .collect();
        assert!(
            missing.is_empty(),
            "vocabulary labels missing in {}: {missing:?}",
            lang.code()
        );
    }
}
