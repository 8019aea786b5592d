//! The register in the W3C Data Privacy Vocabulary (DPV 2.3): each activity a `dpcat:ROPARecord` with its
//! controller, purposes, legal bases (`eu-gdpr:` concepts), processing, personal data, data subjects, source,
//! recipients, retention, measures and transfers, so it conforms to DPCat's mandatory shapes. One graph, written
//! as Turtle or as JSON-LD.
//!
//! Own nodes get IRIs, never blank nodes: activities and recipients their `urn:uuid:` id, everything else a
//! fragment of the activity, so both serialisations name the same nodes.

use crate::labels;
use crate::{ExportError, View};
use kluis_domain::legal_basis::{LawfulBasis, SpecialCategoryGround};
use kluis_domain::register::measures::measure;
use kluis_domain::register::{ActivityStatus, RecipientRole, TransferSafeguard};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use uuid::Uuid;

const PREFIXES: &[(&str, &str)] = &[
    ("dpv", "https://w3id.org/dpv#"),
    ("pd", "https://w3id.org/dpv/pd#"),
    ("eu-gdpr", "https://w3id.org/dpv/legal/eu/gdpr#"),
    ("dpcat", "https://w3id.org/dpcat#"),
    ("dct", "http://purl.org/dc/terms/"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

/// The EEA: a transfer or establishment outside it is in a third country.
const EEA: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];

/// `pd:Name` → the full IRI; a full IRI stays; anything else is not a term.
fn expand(term: &str) -> Option<String> {
    let term = term.trim();
    if term.starts_with("http://") || term.starts_with("https://") || term.starts_with("urn:") {
        return Some(term.to_owned());
    }
    let (prefix, local) = term.split_once(':')?;
    PREFIXES
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|(_, ns)| format!("{ns}{local}"))
}

pub(crate) fn t(term: &str) -> String {
    expand(term).unwrap_or_else(|| term.to_owned())
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Obj {
    Iri(String),
    Lit(String),
    Lang(String, &'static str),
    Typed(String, &'static str),
}

/// Subjects in insertion order, each with its (predicate, object) pairs.
#[derive(Default)]
pub(crate) struct Graph {
    order: Vec<String>,
    nodes: BTreeMap<String, Vec<(String, Obj)>>,
}

impl Graph {
    pub(crate) fn add(&mut self, s: &str, p: &str, o: Obj) {
        if let Obj::Lit(v) | Obj::Lang(v, _) = &o
            && v.trim().is_empty()
        {
            return;
        }
        let entry = self.nodes.entry(s.to_owned()).or_insert_with(|| {
            self.order.push(s.to_owned());
            Vec::new()
        });
        let p = t(p);
        if !entry.iter().any(|(ep, eo)| *ep == p && *eo == o) {
            entry.push((p, o));
        }
    }

    pub(crate) fn a(&mut self, s: &str, class: &str) {
        self.add(s, "rdf:type", Obj::Iri(t(class)));
    }

    pub(crate) fn iri(&mut self, s: &str, p: &str, o: &str) {
        self.add(s, p, Obj::Iri(t(o)));
    }

    pub(crate) fn lit(&mut self, s: &str, p: &str, v: &str) {
        self.add(s, p, Obj::Lit(v.trim().to_owned()));
    }
}

fn lawful_basis_iri(b: LawfulBasis) -> &'static str {
    match b {
        LawfulBasis::Consent => "eu-gdpr:A6-1-a",
        LawfulBasis::Contract => "eu-gdpr:A6-1-b",
        LawfulBasis::LegalObligation => "eu-gdpr:A6-1-c",
        LawfulBasis::VitalInterests => "eu-gdpr:A6-1-d",
        LawfulBasis::PublicTask => "eu-gdpr:A6-1-e",
        LawfulBasis::LegitimateInterests => "eu-gdpr:A6-1-f",
    }
}

fn special_ground_iri(g: SpecialCategoryGround) -> String {
    format!("eu-gdpr:A9-2-{}", g.point())
}

fn safeguard_iri(s: TransferSafeguard) -> &'static str {
    match s {
        TransferSafeguard::Adequacy => "eu-gdpr:A45-3",
        TransferSafeguard::StandardContractualClauses => "eu-gdpr:A46-2-c",
        // Art. 46(2)(b): binding corporate rules in accordance with Art. 47.
        TransferSafeguard::BindingCorporateRules => "eu-gdpr:A46-2-b",
        TransferSafeguard::CodeOrCertification => "eu-gdpr:A46-2-e",
        // Which Art. 49 derogation is not recorded as a value; the documentation says it.
        TransferSafeguard::Derogation => "dpv:DataTransferLegalBasis",
    }
}

fn country_code(code: &str) -> String {
    let c: String = code
        .trim()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase();
    if c.is_empty() { "ZZ".to_owned() } else { c }
}

fn country_node(g: &mut Graph, code: &str) -> String {
    let code = country_code(code);
    let iri = format!("urn:kluis:country:{code}");
    g.a(&iri, "dpv:Country");
    g.a(&iri, "dpv:Location");
    if !EEA.contains(&code.as_str()) {
        g.a(&iri, "dpv:ThirdCountry");
    }
    g.lit(&iri, "rdfs:label", &code);
    iri
}

fn uuid_iri(id: Uuid, fallback: &str) -> String {
    if id.is_nil() {
        fallback.to_owned()
    } else {
        format!("urn:uuid:{id}")
    }
}

fn build(view: &View<'_>) -> Graph {
    let tr = view.tr;
    let lang = tr.code();
    let reg = view.register;
    let p = &reg.profile;
    let mut g = Graph::default();
    let slug = labels::slug(&reg.organisation);
    let base = if slug.is_empty() {
        "urn:kluis:register:".to_owned()
    } else {
        format!("urn:kluis:register:{slug}:")
    };

    let controller = format!("{base}controller");
    g.a(&controller, "dpv:DataController");
    g.lit(&controller, "dpv:hasName", view.controller_name());
    g.lit(&controller, "dpv:hasAddress", &p.address);
    g.lit(&controller, "dpv:hasContact", &p.email);
    g.lit(&controller, "dpv:hasContact", &p.phone);
    g.lit(&controller, "dpv:hasIdentifier", &p.registration_number);
    if p.dpo.appointed {
        let dpo = format!("{base}dpo");
        g.a(&dpo, "dpv:DataProtectionOfficer");
        g.lit(&dpo, "dpv:hasName", &p.dpo.name);
        g.lit(&dpo, "dpv:hasContact", &p.dpo.email);
        g.lit(&dpo, "dpv:hasContact", &p.dpo.phone);
        g.iri(&controller, "dpv:hasDataProtectionOfficer", &dpo);
    }
    if !p.representative.trim().is_empty() {
        let rep = format!("{base}representative");
        g.a(&rep, "dpv:Representative");
        g.lit(&rep, "dpv:hasName", &p.representative);
        g.iri(&controller, "dpv:hasRepresentative", &rep);
    }

    // Recipients known to the register.
    for (i, r) in reg.recipients.iter().enumerate() {
        let iri = uuid_iri(r.id, &format!("{base}recipient-{}", i + 1));
        match r.role {
            RecipientRole::Processor => g.a(&iri, "dpv:DataProcessor"),
            RecipientRole::ThirdParty => g.a(&iri, "dpv:ThirdParty"),
            RecipientRole::JointController => g.a(&iri, "dpv:DataController"),
        }
        g.a(&iri, "dpv:Recipient");
        g.lit(&iri, "dpv:hasName", &r.name);
        g.lit(&iri, "dpv:hasContact", &r.contact);
        g.lit(&iri, "dct:description", &r.services);
        if !r.country.trim().is_empty() {
            let c = country_node(&mut g, &r.country);
            g.iri(&iri, "dpv:hasLocation", &c);
        }
    }

    for (i, a) in view.activities.iter().enumerate() {
        let s = uuid_iri(a.id, &format!("{base}activity-{}", i + 1));
        g.a(&s, "dpcat:ROPARecord");
        g.a(&s, "dpv:PersonalDataHandling");
        g.lit(&s, "dct:title", &a.name);
        g.lit(&s, "dct:description", &a.description);
        g.iri(
            &s,
            "dpv:hasStatus",
            match a.status {
                ActivityStatus::Draft => "dpv:ActivityProposed",
                ActivityStatus::Active => "dpv:ActivityOngoing",
                ActivityStatus::Ended => "dpv:ActivityCompleted",
            },
        );
        if let Some(end) = a.end_date {
            g.add(
                &s,
                "dct:valid",
                Obj::Typed(labels::date(Some(end)), "xsd:date"),
            );
        }
        g.iri(&s, "dpv:hasDataController", &controller);
        for purpose in &a.purposes {
            g.iri(&s, "dpv:hasPurpose", purpose.dpv);
        }
        if !a.purpose_description.trim().is_empty() {
            g.lit(&s, "rdfs:comment", &a.purpose_description);
        }
        if let Some(b) = a.lawful_basis {
            g.iri(&s, "dpv:hasLegalBasis", lawful_basis_iri(b));
        }
        if let Some(ground) = a.special_ground {
            g.iri(&s, "dpv:hasLegalBasis", &special_ground_iri(ground));
        }
        for note in [
            &a.balancing_test,
            &a.uavg_article,
            &a.criminal_data_basis,
            &a.national_id_statute,
        ] {
            g.lit(&s, "rdfs:comment", note);
        }
        for step in ["dpv:Collect", "dpv:Store", "dpv:Use"] {
            g.iri(&s, "dpv:hasProcessing", step);
        }
        if !a.recipients.is_empty() || !a.other_recipients.is_empty() {
            g.iri(&s, "dpv:hasProcessing", "dpv:Disclose");
        }
        for c in &a.categories {
            g.iri(&s, "dpv:hasPersonalData", c.dpv);
        }
        for subject in &a.subjects {
            g.iri(&s, "dpv:hasDataSubject", subject.dpv);
        }
        g.iri(
            &s,
            "dpv:hasDataSource",
            if a.collected_from_subject {
                "dpv:DataSubjectDataSource"
            } else {
                "dpv:ThirdPartyDataSource"
            },
        );
        g.lit(&s, "dct:source", &a.source);
        for (j, id) in a.recipients.iter().enumerate() {
            if let Some(pos) = reg.recipients.iter().position(|r| r.id == *id) {
                let iri = uuid_iri(*id, &format!("{base}recipient-{}", pos + 1));
                g.iri(&s, "dpv:hasRecipient", &iri);
            } else {
                let iri = format!("{s}#recipient-{}", j + 1);
                g.a(&iri, "dpv:Recipient");
                g.iri(&s, "dpv:hasRecipient", &iri);
            }
        }
        for (j, name) in a.other_recipients.iter().enumerate() {
            if name.trim().is_empty() {
                continue;
            }
            let iri = format!("{s}#other-recipient-{}", j + 1);
            g.a(&iri, "dpv:Recipient");
            g.lit(&iri, "dpv:hasName", name);
            g.iri(&s, "dpv:hasRecipient", &iri);
        }
        for (j, transfer) in a.transfers.iter().enumerate() {
            let iri = format!("{s}#transfer-{}", j + 1);
            // dpv:Transfer is a kind of dpv:Processing; the shapes check types without inference.
            g.a(&iri, "dpv:Transfer");
            g.a(&iri, "dpv:Processing");
            let c = country_node(&mut g, &transfer.country);
            g.iri(&iri, "dpv:hasLocation", &c);
            if let Some(sg) = transfer.safeguard {
                g.iri(&iri, "dpv:hasLegalBasis", safeguard_iri(sg));
            }
            if !transfer.recipient.trim().is_empty() {
                let r = format!("{iri}-recipient");
                g.a(&r, "dpv:Recipient");
                g.lit(&r, "dpv:hasName", &transfer.recipient);
                g.iri(&iri, "dpv:hasRecipient", &r);
            }
            g.lit(&iri, "rdfs:comment", &transfer.documentation);
            g.iri(&s, "dpv:hasProcessing", &iri);
        }
        for (j, rule) in a.retention.iter().enumerate() {
            let iri = format!("{s}#retention-{}", j + 1);
            g.a(&iri, "dpv:StorageDuration");
            g.add(
                &iri,
                "rdf:value",
                Obj::Typed(labels::iso_duration(rule.period), "xsd:duration"),
            );
            g.add(
                &iri,
                "rdfs:label",
                Obj::Lang(labels::retention(tr, rule), lang),
            );
            if let Some(c) = rule.category {
                g.iri(&iri, "dpv:hasPersonalData", c.dpv);
            }
            g.iri(&s, "dpv:hasStorageCondition", &iri);
        }
        for key in &a.measures {
            // A catalogue measure is named by its DPV concept; an unknown key gets a node with its label.
            if let Some(m) = measure(key)
                && expand(m.dpv).is_some()
            {
                g.iri(&s, "dpv:hasTechnicalOrganisationalMeasure", m.dpv);
                continue;
            }
            let iri = format!("{s}#measure-{}", labels::slug(key));
            g.a(&iri, "dpv:TechnicalOrganisationalMeasure");
            g.add(
                &iri,
                "rdfs:label",
                Obj::Lang(labels::measure_label(tr, key), lang),
            );
            g.iri(&s, "dpv:hasTechnicalOrganisationalMeasure", &iri);
        }
        if !a.measures_note.trim().is_empty() {
            let iri = format!("{s}#measures-note");
            g.a(&iri, "dpv:TechnicalOrganisationalMeasure");
            g.lit(&iri, "rdfs:comment", &a.measures_note);
            g.iri(&s, "dpv:hasTechnicalOrganisationalMeasure", &iri);
        }
        if !a.joint_controller.trim().is_empty() {
            let jc = format!("{s}#joint-controllers");
            let other = format!("{s}#joint-controller");
            g.a(&other, "dpv:DataController");
            g.lit(&other, "dpv:hasName", &a.joint_controller);
            g.a(&jc, "dpv:JointDataControllers");
            g.iri(&jc, "dpv:hasDataController", &controller);
            g.iri(&jc, "dpv:hasDataController", &other);
            g.iri(&s, "dpv:hasJointDataControllers", &jc);
        }
    }
    if let Some(t) = view.options.generated_at {
        let doc = format!("{base}document");
        let ts = t
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        g.add(&doc, "dct:created", Obj::Typed(ts, "xsd:dateTime"));
        g.iri(&doc, "dct:subject", &controller);
    }
    g
}

fn turtle_iri(iri: &str) -> String {
    for (prefix, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns)
            && !local.is_empty()
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            && !local.starts_with('-')
        {
            return format!("{prefix}:{local}");
        }
    }
    let escaped: String = iri
        .chars()
        .filter(|c| !matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '^' | '`' | '\\') && *c > ' ')
        .collect();
    format!("<{escaped}>")
}

fn turtle_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn turtle_obj(o: &Obj) -> String {
    match o {
        Obj::Iri(i) => turtle_iri(i),
        Obj::Lit(v) => turtle_string(v),
        Obj::Lang(v, l) => format!("{}@{l}", turtle_string(v)),
        Obj::Typed(v, ty) => format!("{}^^{}", turtle_string(v), turtle_iri(&t(ty))),
    }
}

pub fn turtle(view: &View<'_>) -> String {
    write_turtle(&build(view))
}

/// The graph in Turtle, with the prefixes of [`PREFIXES`].
pub(crate) fn write_turtle(g: &Graph) -> String {
    let mut out = String::new();
    for (prefix, ns) in PREFIXES {
        out.push_str(&format!("@prefix {prefix}: <{ns}> .\n"));
    }
    let rdf_type = t("rdf:type");
    for s in &g.order {
        let Some(pairs) = g.nodes.get(s) else {
            continue;
        };
        out.push('\n');
        out.push_str(&turtle_iri(s));
        let mut first = true;
        for (p, o) in pairs {
            out.push_str(if first { "\n    " } else { " ;\n    " });
            first = false;
            if *p == rdf_type {
                out.push('a');
            } else {
                out.push_str(&turtle_iri(p));
            }
            out.push(' ');
            out.push_str(&turtle_obj(o));
        }
        out.push_str(" .\n");
    }
    out
}

fn compact(iri: &str) -> String {
    for (prefix, ns) in PREFIXES {
        if let Some(local) = iri.strip_prefix(ns)
            && !local.is_empty()
        {
            return format!("{prefix}:{local}");
        }
    }
    iri.to_owned()
}

pub fn json_ld(view: &View<'_>) -> Result<String, ExportError> {
    write_json_ld(&build(view))
}

/// The graph as JSON-LD: one `@graph`, the prefixes as the `@context`.
pub(crate) fn write_json_ld(g: &Graph) -> Result<String, ExportError> {
    let mut context = Map::new();
    for (prefix, ns) in PREFIXES {
        context.insert((*prefix).to_owned(), Value::String((*ns).to_owned()));
    }
    let rdf_type = t("rdf:type");
    let mut graph = Vec::new();
    for s in &g.order {
        let Some(pairs) = g.nodes.get(s) else {
            continue;
        };
        let mut node = Map::new();
        node.insert("@id".into(), Value::String(s.clone()));
        for (p, o) in pairs {
            let (key, value) = if *p == rdf_type {
                match o {
                    Obj::Iri(i) => ("@type".to_owned(), Value::String(compact(i))),
                    _ => continue,
                }
            } else {
                let v = match o {
                    Obj::Iri(i) => json!({ "@id": i }),
                    Obj::Lit(v) => json!({ "@value": v }),
                    Obj::Lang(v, l) => json!({ "@value": v, "@language": l }),
                    Obj::Typed(v, ty) => json!({ "@value": v, "@type": t(ty) }),
                };
                (compact(p), v)
            };
            match node.get_mut(&key) {
                Some(Value::Array(items)) => items.push(value),
                _ => {
                    node.insert(key, Value::Array(vec![value]));
                }
            }
        }
        graph.push(Value::Object(node));
    }
    let doc = json!({ "@context": context, "@graph": graph });
    serde_json::to_string_pretty(&doc).map_err(|e| ExportError::Json(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_expand_and_compact() {
        assert_eq!(
            expand("pd:Name").as_deref(),
            Some("https://w3id.org/dpv/pd#Name")
        );
        assert_eq!(
            turtle_iri("https://w3id.org/dpv/legal/eu/gdpr#A6-1-b"),
            "eu-gdpr:A6-1-b"
        );
        assert_eq!(turtle_iri("urn:uuid:1>2"), "<urn:uuid:12>");
        assert_eq!(turtle_string("a \"b\"\n"), "\"a \\\"b\\\"\\n\"");
        assert_eq!(country_code(" us "), "US");
    }
}
