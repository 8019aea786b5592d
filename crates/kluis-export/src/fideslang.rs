//! The register as a fideslang 3 manifest: the organisation as one `system` with a privacy declaration per
//! activity and purpose (fideslang allows one data use per declaration), and a `dataset` with the fields Kluis
//! holds personal data in. Keys are the vocabulary's `fideslang` keys, which exist in fideslang's default
//! taxonomy, so `validate.py` finds no missing key.
//!
//! The YAML is written here rather than through a serializer: the manifest is a fixed, shallow shape, every
//! scalar is written as a double-quoted string with JSON escapes (valid YAML), and the maintained YAML crates
//! are either archived (`serde_yaml`) or forks whose future is unsettled; a dependency for forty lines of
//! output is not worth it.

use crate::View;
use crate::labels;
use kluis_domain::legal_basis::{LawfulBasis, SpecialCategoryGround};
use std::collections::BTreeMap;
use std::fmt::Write;

fn lawful_basis(b: LawfulBasis) -> &'static str {
    match b {
        LawfulBasis::Consent => "Consent",
        LawfulBasis::Contract => "Contract",
        LawfulBasis::LegalObligation => "Legal obligations",
        LawfulBasis::VitalInterests => "Vital interests",
        LawfulBasis::PublicTask => "Public interest",
        LawfulBasis::LegitimateInterests => "Legitimate interests",
    }
}

fn special_ground(g: SpecialCategoryGround) -> &'static str {
    match g {
        SpecialCategoryGround::ExplicitConsent => "Explicit consent",
        SpecialCategoryGround::Employment => "Employment, social security and social protection",
        SpecialCategoryGround::VitalInterests => "Vital interests",
        SpecialCategoryGround::NotForProfit => "Not-for-profit bodies",
        SpecialCategoryGround::MadePublic => "Made public by the data subject",
        SpecialCategoryGround::LegalClaims => "Legal claims or judicial acts",
        SpecialCategoryGround::SubstantialPublicInterest => {
            "Reasons of substantial public interest (with a basis in law)"
        }
        SpecialCategoryGround::HealthCare => "Health or social care (with a basis in law)",
        SpecialCategoryGround::PublicHealth => "Public health (with a basis in law)",
        SpecialCategoryGround::Research => {
            "Archiving, research and statistics (with a basis in law)"
        }
    }
}

/// A YAML double-quoted scalar (JSON string escapes are YAML escapes; line and paragraph separators escaped
/// too, since YAML 1.1 readers treat them as line breaks).
fn q(s: &str) -> String {
    serde_json::to_string(s)
        .unwrap_or_else(|_| "\"\"".to_owned())
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| q(s)).collect();
    format!("[{}]", quoted.join(", "))
}

fn dedup(mut v: Vec<&'static str>) -> Vec<&'static str> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|k| seen.insert(*k));
    v
}

/// A fides key: letters, digits and `_ . < > -` only.
fn fides_key(s: &str) -> String {
    labels::slug(s).replace('-', "_")
}

pub fn manifest(view: &View<'_>) -> String {
    let tr = view.tr;
    let reg = view.register;
    let p = &reg.profile;
    let slug = fides_key(&reg.organisation);
    let base = if slug.is_empty() {
        "kluis_register".to_owned()
    } else {
        format!("kluis_{slug}")
    };
    let dataset_key = format!("{base}_data");
    let has_dataset = !view.options.dataset_fields.is_empty();

    let mut y = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(y, "# {}", tr.t("export-fideslang-comment"));
    y.push_str("system:\n");
    let _ = writeln!(y, "  - fides_key: {}", q(&base));
    let _ = writeln!(y, "    name: {}", q(view.controller_name()));
    let _ = writeln!(y, "    description: {}", q(tr.t("export-pdf-title")));
    y.push_str("    system_type: \"Application\"\n");
    y.push_str("    processes_personal_data: true\n");
    y.push_str("    responsibility: [\"Controller\"]\n");
    if !p.legal_name.trim().is_empty() {
        let _ = writeln!(y, "    legal_name: {}", q(p.legal_name.trim()));
    }
    if !p.address.trim().is_empty() {
        let _ = writeln!(y, "    legal_address: {}", q(p.address.trim()));
    }
    if p.dpo.appointed {
        let dpo: Vec<&str> = [p.dpo.name.trim(), p.dpo.email.trim(), p.dpo.phone.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let _ = writeln!(y, "    dpo: {}", q(&dpo.join(", ")));
    }
    if !p.joint_controllers.trim().is_empty() {
        let _ = writeln!(
            y,
            "    joint_controller_info: {}",
            q(p.joint_controllers.trim())
        );
    }
    let transfers = view.activities.iter().any(|a| !a.transfers.is_empty());
    let _ = writeln!(y, "    does_international_transfers: {transfers}");
    let dpia = view.activities.iter().any(|a| {
        a.dpia == kluis_domain::register::DpiaStatus::Required
            || a.dpia == kluis_domain::register::DpiaStatus::Done
    });
    let _ = writeln!(y, "    requires_data_protection_assessments: {dpia}");
    if has_dataset {
        let _ = writeln!(y, "    dataset_references: [{}]", q(&dataset_key));
    }
    y.push_str("    privacy_declarations:\n");
    let mut declared = 0;
    for a in &view.activities {
        if a.purposes.is_empty() {
            // fideslang needs a data use per declaration; an activity without a purpose cannot be declared.
            let _ = writeln!(y, "      # {}", a.name.replace('\n', " "));
            continue;
        }
        let categories = dedup(a.categories.iter().map(|c| c.fideslang).collect());
        let subjects = dedup(a.subjects.iter().map(|s| s.fideslang).collect());
        let retention = labels::join(a.retention.iter().map(|r| labels::retention(tr, r)), "; ");
        let mut third: Vec<String> = a
            .recipients
            .iter()
            .filter_map(|id| reg.recipient(*id))
            .map(|r| r.name.trim().to_owned())
            .collect();
        third.extend(a.other_recipients.iter().map(|s| s.trim().to_owned()));
        third.retain(|s| !s.is_empty());
        let special = a.categories.iter().any(|c| c.is_special());
        let uses = dedup(a.purposes.iter().map(|p| p.fideslang).collect());
        for use_key in &uses {
            let Some(purpose) = a.purposes.iter().find(|p| p.fideslang == *use_key) else {
                continue;
            };
            declared += 1;
            let name = if uses.len() > 1 {
                format!("{} ({})", a.name.trim(), labels::purpose(tr, *purpose))
            } else {
                a.name.trim().to_owned()
            };
            let _ = writeln!(y, "      - name: {}", q(&name));
            let _ = writeln!(y, "        data_categories: {}", list(&categories));
            let _ = writeln!(y, "        data_use: {}", q(use_key));
            let _ = writeln!(y, "        data_subjects: {}", list(&subjects));
            if let Some(b) = a.lawful_basis {
                let _ = writeln!(
                    y,
                    "        legal_basis_for_processing: {}",
                    q(lawful_basis(b))
                );
            }
            let _ = writeln!(y, "        processes_special_category_data: {special}");
            if let Some(g) = a.special_ground {
                let _ = writeln!(
                    y,
                    "        special_category_legal_basis: {}",
                    q(special_ground(g))
                );
            }
            if !retention.is_empty() {
                let _ = writeln!(y, "        retention_period: {}", q(&retention));
            }
            let _ = writeln!(
                y,
                "        data_shared_with_third_parties: {}",
                !third.is_empty()
            );
            if !third.is_empty() {
                let _ = writeln!(y, "        third_parties: {}", q(&third.join(", ")));
            }
        }
    }
    if declared == 0 {
        // The list must still be a list.
        y.push_str("      []\n");
    }
    if has_dataset {
        let mut collections: BTreeMap<&str, Vec<&crate::DatasetField>> = BTreeMap::new();
        for f in &view.options.dataset_fields {
            collections
                .entry(f.collection.as_str())
                .or_default()
                .push(f);
        }
        y.push_str("dataset:\n");
        let _ = writeln!(y, "  - fides_key: {}", q(&dataset_key));
        let _ = writeln!(y, "    name: {}", q(tr.t("export-fideslang-dataset")));
        y.push_str("    collections:\n");
        for (name, fields) in collections {
            let _ = writeln!(y, "      - name: {}", q(name));
            y.push_str("        fields:\n");
            for f in fields {
                let cats = dedup(f.categories.iter().map(|c| c.fideslang).collect());
                let _ = writeln!(y, "          - name: {}", q(&f.field));
                let _ = writeln!(y, "            data_categories: {}", list(&cats));
            }
        }
    }
    y
}
