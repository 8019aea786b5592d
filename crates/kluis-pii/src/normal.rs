//! Canonical forms of values (for the blind index) and masked forms (for display).

use kluis_domain::EntityType as E;

/// The canonical form of a value for exact lookup: equal identifiers written differently normalise equally.
pub fn normalize(entity: E, value: &str) -> String {
    let v = value.trim();
    match entity {
        E::Email => v.to_lowercase(),
        E::Phone => {
            let v = v.replace("(0)", "");
            let plus = v.trim_start().starts_with('+');
            let d: String = v.chars().filter(char::is_ascii_digit).collect();
            if plus {
                format!("+{d}")
            } else if let Some(rest) = d.strip_prefix("00") {
                format!("+{rest}")
            } else if let Some(rest) = d.strip_prefix('0') {
                // National numbers: 10 digits are Dutch, 9 digits Belgian landlines.
                if d.len() == 10 && !d.starts_with("04") {
                    format!("+31{rest}")
                } else {
                    format!("+32{rest}")
                }
            } else {
                d
            }
        }
        E::DateOfBirth => normalize_date(v).unwrap_or_else(|| v.to_owned()),
        E::PersonName | E::Address => v
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
        _ => {
            let mut s: String = v
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_uppercase();
            if entity == E::Bsn && s.len() == 8 {
                s.insert(0, '0');
            }
            s
        }
    }
}

fn normalize_date(v: &str) -> Option<String> {
    let low = v.to_lowercase();
    let mut parts: Vec<String> = Vec::new();
    for w in low
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if w.chars().all(|c| c.is_ascii_digit()) {
            parts.push(w.to_owned());
        } else if let Some(m) = crate::checks::month_number(w) {
            parts.push(m.to_string());
        }
    }
    if parts.len() != 3 {
        return None;
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    let (y, m, d) = if parts[0].len() == 4 {
        (n[0], n[1], n[2])
    } else {
        (n[2], n[1], n[0])
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// A display form that hides most of the value but stays recognisable to its owner.
pub fn mask(entity: E, value: &str) -> String {
    let v = value.trim();
    match entity {
        E::Email => match v.split_once('@') {
            Some((local, domain)) => {
                let first: String = local.chars().take(1).collect();
                format!("{first}***@{domain}")
            }
            None => "***".to_owned(),
        },
        E::PersonName => v
            .split_whitespace()
            .map(|w| {
                let first: String = w.chars().take(1).collect();
                if first.chars().all(char::is_lowercase) {
                    w.to_owned()
                } else {
                    format!("{first}.")
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
        E::Iban => {
            // One display form whatever the layout in the document: the country code and the last four
            // characters, in groups of four. Masked characters count as characters, so masking an already
            // masked IBAN gives the same form (pages re-mask stored forms written before this rule).
            let chars: Vec<char> = v
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '*')
                .collect();
            let total = chars.len();
            let mut out = String::with_capacity(total + total / 4);
            for (i, c) in chars.iter().enumerate() {
                if i > 0 && i % 4 == 0 {
                    out.push(' ');
                }
                out.push(if i < 2 || i >= total.saturating_sub(4) {
                    c.to_ascii_uppercase()
                } else {
                    '*'
                });
            }
            out
        }
        E::VatNumber => {
            // Keep the country code and the last four characters, keep the layout.
            let total = v.chars().filter(char::is_ascii_alphanumeric).count();
            let mut seen = 0;
            v.chars()
                .map(|c| {
                    if !c.is_ascii_alphanumeric() {
                        return c;
                    }
                    seen += 1;
                    if seen <= 2 || seen > total.saturating_sub(4) {
                        c
                    } else {
                        '*'
                    }
                })
                .collect()
        }
        E::Postcode => {
            let d: String = v.chars().filter(char::is_ascii_digit).take(2).collect();
            format!("{d}** **")
        }
        E::Address => {
            let mut words: Vec<&str> = v.split_whitespace().collect();
            let n = words.len();
            if n > 1 {
                words[n - 1] = "**";
            }
            words.join(" ")
        }
        _ => {
            let total = v.chars().filter(char::is_ascii_alphanumeric).count();
            let keep = if total > 6 { 4 } else { 1 };
            let mut seen = 0;
            v.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '@')
                .map(|c| {
                    seen += 1;
                    if seen > total.saturating_sub(keep) {
                        c
                    } else {
                        '*'
                    }
                })
                .collect()
        }
    }
}
