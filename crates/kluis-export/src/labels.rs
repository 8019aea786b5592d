//! The register's values in words, in the export's language: vocabulary labels, legal bases, retention rules,
//! transfers. Shared by the PDF and the tables so both say the same thing.

use kluis_domain::register::measures::measure;
use kluis_domain::register::{
    DataCategory, DataSubjectCategory, Period, PeriodUnit, ProcessingActivity, Purpose, Recipient,
    Register, RetentionRule, Transfer,
};
use kluis_i18n::Tr;

/// A catalogue message that may not exist yet (vocabulary labels come from another module's file): the message
/// when it does, `fallback` when not, so an export never fails or panics over a missing label.
pub fn or(tr: Tr, key: &str, fallback: &str) -> String {
    if tr.has(key) {
        tr.t(key).to_owned()
    } else {
        fallback.to_owned()
    }
}

pub fn category(tr: Tr, c: DataCategory) -> String {
    or(tr, &c.label_key(), c.key())
}

pub fn purpose(tr: Tr, p: Purpose) -> String {
    or(tr, &p.label_key(), p.key())
}

pub fn subject(tr: Tr, s: DataSubjectCategory) -> String {
    or(tr, &s.label_key(), s.key())
}

pub fn measure_label(tr: Tr, key: &str) -> String {
    match measure(key) {
        Some(m) => or(tr, &m.label_key(), key),
        None => key.to_owned(),
    }
}

pub fn join(items: impl IntoIterator<Item = String>, sep: &str) -> String {
    items.into_iter().collect::<Vec<_>>().join(sep)
}

pub fn yes_no(tr: Tr, b: bool) -> String {
    tr.t(if b { "export-yes" } else { "export-no" }).to_owned()
}

pub fn status(tr: Tr, a: &ProcessingActivity) -> String {
    or(
        tr,
        &format!("export-status-{}", a.status.as_str()),
        a.status.as_str(),
    )
}

pub fn dpia(tr: Tr, a: &ProcessingActivity) -> String {
    let status = or(
        tr,
        &format!("export-dpia-{}", a.dpia.as_str().replace('_', "-")),
        a.dpia.as_str(),
    );
    if a.dpia_rationale.trim().is_empty() {
        status
    } else {
        format!("{status}: {}", a.dpia_rationale.trim())
    }
}

/// "Contract (Art. 6(1)(b))", or empty.
pub fn lawful_basis(tr: Tr, a: &ProcessingActivity) -> String {
    match a.lawful_basis {
        Some(b) => format!("{} ({})", or(tr, &b.label_key(), b.as_str()), b.article()),
        None => String::new(),
    }
}

/// "Employment (Art. 9(2)(b)); UAVG art. 30", or empty.
pub fn special_ground(tr: Tr, a: &ProcessingActivity) -> String {
    let mut out = match a.special_ground {
        Some(g) => format!("{} ({})", or(tr, &g.label_key(), g.as_str()), g.article()),
        None => String::new(),
    };
    if !a.uavg_article.trim().is_empty() {
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(a.uavg_article.trim());
    }
    out
}

pub fn special_categories(tr: Tr, a: &ProcessingActivity) -> Vec<String> {
    a.categories
        .iter()
        .filter(|c| c.is_special())
        .map(|c| category(tr, *c))
        .collect()
}

pub fn criminal_categories(tr: Tr, a: &ProcessingActivity) -> Vec<String> {
    a.categories
        .iter()
        .filter(|c| c.is_criminal())
        .map(|c| category(tr, *c))
        .collect()
}

pub fn national_id_categories(tr: Tr, a: &ProcessingActivity) -> Vec<String> {
    a.categories
        .iter()
        .filter(|c| c.is_national_id())
        .map(|c| category(tr, *c))
        .collect()
}

pub fn period(tr: Tr, p: Period) -> String {
    let key = match p.unit {
        PeriodUnit::Days => "export-period-days",
        PeriodUnit::Weeks => "export-period-weeks",
        PeriodUnit::Months => "export-period-months",
        PeriodUnit::Years => "export-period-years",
    };
    tr.t_n(key, "count", p.amount)
}

/// "Camera images: 4 weeks from collection, then delete (AP guidance)".
pub fn retention(tr: Tr, r: &RetentionRule) -> String {
    let what = match r.category {
        Some(c) => category(tr, c),
        None => tr.t("export-retention-all").to_owned(),
    };
    let starts = or(
        tr,
        &format!("export-start-{}", r.starts.as_str().replace('_', "-")),
        r.starts.as_str(),
    );
    let action = or(
        tr,
        &format!("export-action-{}", r.action.as_str()),
        r.action.as_str(),
    );
    let mut out = tr.t_with(
        "export-retention-rule",
        &[
            ("what", &what),
            ("period", &period(tr, r.period)),
            ("start", &starts),
            ("action", &action),
        ],
    );
    if !r.legal_reference.trim().is_empty() {
        out.push_str(&format!(" ({})", r.legal_reference.trim()));
    }
    out
}

/// A retention period as ISO 8601 duration, e.g. `P7Y`.
pub fn iso_duration(p: Period) -> String {
    match p.unit {
        PeriodUnit::Days => format!("P{}D", p.amount),
        PeriodUnit::Weeks => format!("P{}W", p.amount),
        PeriodUnit::Months => format!("P{}M", p.amount),
        PeriodUnit::Years => format!("P{}Y", p.amount),
    }
}

pub fn safeguard(tr: Tr, t: &Transfer) -> String {
    match t.safeguard {
        Some(s) => or(
            tr,
            &format!("export-safeguard-{}", s.as_str().replace('_', "-")),
            s.as_str(),
        ),
        None => tr.t("export-safeguard-none").to_owned(),
    }
}

/// "US: Mailchimp — standard contractual clauses (DPA annex 2)".
pub fn transfer(tr: Tr, t: &Transfer) -> String {
    let mut out = format!(
        "{}: {} — {}",
        t.country.trim(),
        t.recipient.trim(),
        safeguard(tr, t)
    );
    if !t.documentation.trim().is_empty() {
        out.push_str(&format!(" ({})", t.documentation.trim()));
    }
    out
}

pub fn role(tr: Tr, r: &Recipient) -> String {
    or(
        tr,
        &format!("export-role-{}", r.role.as_str().replace('_', "-")),
        r.role.as_str(),
    )
}

/// "Hostnet (processor, NL)" for each linked recipient, in the activity's order.
pub fn recipients(tr: Tr, register: &Register, a: &ProcessingActivity) -> Vec<String> {
    a.recipients
        .iter()
        .filter_map(|id| register.recipient(*id))
        .map(|r| {
            if r.country.trim().is_empty() {
                format!("{} ({})", r.name.trim(), role(tr, r))
            } else {
                format!("{} ({}, {})", r.name.trim(), role(tr, r), r.country.trim())
            }
        })
        .collect()
}

pub fn successor(register: &Register, a: &ProcessingActivity) -> String {
    a.successor
        .map(|id| match register.activity(id) {
            Some(s) => s.name.clone(),
            None => id.to_string(),
        })
        .unwrap_or_default()
}

pub fn date(d: Option<time::Date>) -> String {
    d.map(|d| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()))
        .unwrap_or_default()
}

/// A name fit for file names and identifiers: lowercase ASCII letters, digits and single hyphens.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(60);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use kluis_domain::register::{
        ActivityStatus, DpiaStatus, RecipientRole, RetentionAction, RetentionStart,
        SubProcessorAuthorisation, TransferSafeguard,
    };
    use kluis_i18n::Lang;

    /// Every key this crate asks for, literal or built from a value, exists in both languages.
    #[test]
    fn every_export_key_is_in_both_catalogues() {
        let mut keys: Vec<String> = Vec::new();
        for src in [
            include_str!("lib.rs"),
            include_str!("labels.rs"),
            include_str!("table.rs"),
            include_str!("pdf.rs"),
            include_str!("dpv.rs"),
            include_str!("fideslang.rs"),
        ] {
            for (i, _) in src.match_indices("\"export-") {
                let key: String = src[i + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                    .collect();
                // Prefixes of keys built at run time end with a hyphen.
                if !key.ends_with('-') {
                    keys.push(key);
                }
            }
        }
        assert!(keys.len() > 60, "found too few keys: {}", keys.len());
        let dash = |s: &str| s.replace('_', "-");
        keys.extend(
            ActivityStatus::ALL
                .iter()
                .map(|v| format!("export-status-{}", v.as_str())),
        );
        keys.extend(
            DpiaStatus::ALL
                .iter()
                .map(|v| format!("export-dpia-{}", dash(v.as_str()))),
        );
        keys.extend(
            RetentionStart::ALL
                .iter()
                .map(|v| format!("export-start-{}", dash(v.as_str()))),
        );
        keys.extend(
            RetentionAction::ALL
                .iter()
                .map(|v| format!("export-action-{}", v.as_str())),
        );
        keys.extend(
            TransferSafeguard::ALL
                .iter()
                .map(|v| format!("export-safeguard-{}", dash(v.as_str()))),
        );
        keys.extend(
            RecipientRole::ALL
                .iter()
                .map(|v| format!("export-role-{}", dash(v.as_str()))),
        );
        keys.extend(
            SubProcessorAuthorisation::ALL
                .iter()
                .map(|v| format!("export-authorisation-{}", v.as_str())),
        );
        for lang in Lang::ALL {
            let tr = Tr::new(lang);
            let missing: Vec<_> = keys.iter().filter(|k| !tr.has(k)).collect();
            assert!(
                missing.is_empty(),
                "missing in {}: {missing:?}",
                lang.code()
            );
        }
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(
            slug("Bakkerij Jansen & Zonen B.V."),
            "bakkerij-jansen-zonen-b-v"
        );
        assert_eq!(slug("Crèmerie Françoise"), "cremerie-francoise");
        assert_eq!(slug("  --  "), "");
    }
}
