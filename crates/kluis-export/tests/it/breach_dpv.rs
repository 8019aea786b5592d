//! The breach in W3C DPV: Turtle and JSON-LD render, every DPV term used is defined in the shipped DPV 2.3 files,
//! and (with the validators' virtualenv) rdflib reads both as the same graph.

use crate::documents_sample::{breach, meta};
use kluis_domain::breach::risk::PeopleException;
use kluis_export::{DpvFormat, render_breach_dpv};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn dpv_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/interop/dpv")
}

const NAMESPACES: &[(&str, &str)] = &[
    ("dpv", "https://w3id.org/dpv#"),
    ("eu-gdpr", "https://w3id.org/dpv/legal/eu/gdpr#"),
    ("pd", "https://w3id.org/dpv/pd#"),
];

/// Every DPV term in a JSON-LD value: compact names in `@type` and keys, full IRIs in `@id`.
fn term(s: &str) -> Option<String> {
    NAMESPACES.iter().find_map(|(prefix, ns)| {
        s.strip_prefix(&format!("{prefix}:"))
            .or_else(|| s.strip_prefix(ns))
            .map(|local| format!("{prefix}:{local}"))
    })
}

fn terms(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                if k == "@context" {
                    continue;
                }
                out.extend(term(k));
                match (k.as_str(), v) {
                    ("@type" | "@id", Value::String(s)) => out.extend(term(s)),
                    _ => terms(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| terms(i, out)),
        _ => {}
    }
}

#[test]
fn breach_dpv_uses_only_terms_dpv_defines() {
    let mut report = breach(40);
    report.cross_border = true;
    report.decision.delay_reason = "Pas na het weekend bekend bij de directie.".into();
    report.decision.people_exception = Some(PeopleException::DisproportionateEffort);
    let m = meta();
    let ttl = match render_breach_dpv(&report, &m, DpvFormat::Turtle) {
        Ok(e) => e,
        Err(e) => panic!("{e}"),
    };
    let jsonld = match render_breach_dpv(&report, &m, DpvFormat::JsonLd) {
        Ok(e) => e,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(ttl.file_name, "breach-2026-003-dpv.ttl");
    assert_eq!(jsonld.content_type, "application/ld+json");
    let text = String::from_utf8_lossy(&ttl.bytes);
    for expected in [
        "a eu-gdpr:DataBreach",
        "eu-gdpr:ConfidentialityBreach",
        "eu-gdpr:AvailabilityBreach",
        "eu-gdpr:CrossBorderDataBreach",
        "eu-gdpr:DPABreachInitialNotice",
        "eu-gdpr:DBIAIndicatesHighRisk",
        "eu-gdpr:DataSubjectBreachNotificationNeeded",
        "eu-gdpr:JustificationA33NotificationDelay",
        "eu-gdpr:JustificationA33DisproportionateEffort",
        "\"PT72H\"^^xsd:duration",
        // 72 hours from awareness (6 December, 09:00 UTC).
        "\"2026-12-09T09:00:00Z\"^^xsd:dateTime",
        "pd:OfficialID",
    ] {
        assert!(text.contains(expected), "{expected} missing in\n{text}");
    }

    let v: Value = match serde_json::from_slice(&jsonld.bytes) {
        Ok(v) => v,
        Err(e) => panic!("JSON-LD is not JSON: {e}"),
    };
    let mut used = Vec::new();
    terms(&v, &mut used);
    used.sort();
    used.dedup();
    assert!(used.len() > 20, "{used:?}");
    let mut defined = String::new();
    for f in ["dpv.ttl", "eu-gdpr.ttl", "pd.ttl"] {
        match std::fs::read_to_string(dpv_dir().join(f)) {
            Ok(s) => defined.push_str(&s),
            Err(e) => panic!("{f}: {e} (../shared/interop/dpv beside the checkout)"),
        }
    }
    let missing: Vec<_> = used
        .iter()
        .filter(|t| !defined.contains(&format!("\n{t} a ")))
        .collect();
    assert!(missing.is_empty(), "not in DPV 2.3: {missing:?}");

    // With the validators' virtualenv: rdflib reads the Turtle and the JSON-LD as one and the same graph.
    let Some(bin) = std::env::var_os("KLUIS_VALIDATORS_VENV").map(|v| PathBuf::from(v).join("bin"))
    else {
        eprintln!("breach dpv: rdflib check skipped (KLUIS_VALIDATORS_VENV not set)");
        return;
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (t, j) = (dir.path().join("b.ttl"), dir.path().join("b.jsonld"));
    if std::fs::write(&t, &ttl.bytes).is_err() || std::fs::write(&j, &jsonld.bytes).is_err() {
        panic!("could not write the graphs");
    }
    let script = "import sys, rdflib\nfrom rdflib.compare import isomorphic\n\
        a = rdflib.Graph().parse(sys.argv[1], format='turtle')\n\
        b = rdflib.Graph().parse(sys.argv[2], format='json-ld')\n\
        assert len(a) > 40 and isomorphic(a, b), (len(a), len(b))\n";
    let out = std::process::Command::new(bin.join("python"))
        .arg("-c")
        .arg(script)
        .arg(&t)
        .arg(&j)
        .output();
    let Ok(out) = out else {
        panic!("could not run python")
    };
    assert!(
        out.status.success(),
        "rdflib: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
