//! A personal data breach in the W3C Data Privacy Vocabulary (DPV 2.3 with its GDPR extension): the breach as an
//! `eu-gdpr:DataBreach` of its natures (confidentiality, integrity, availability, cross-border), the data and
//! people concerned, consequences, measures before and after, the impact assessment's risk status, whether the
//! authority and the people must be told (`eu-gdpr:…NotificationNeeded`), the notice to the authority with its
//! 72-hour window and any justification for a delay or for not telling the people. Built on the register export's
//! graph (`dpv.rs`) and written as Turtle or JSON-LD.
//!
//! DPV has no property for "became aware"; the detection report carries discovery (`dct:created`) and awareness
//! (`dct:date`), and the 72 hours are a `dpv:Duration` on the notice with its deadline as `dct:valid`.

use crate::breach_form::{BreachDocMeta, rfc3339};
use crate::dpv::{Graph, Obj, write_json_ld, write_turtle};
use crate::{Export, ExportError, labels};
use kluis_domain::breach::NOTIFY_WITHIN;
use kluis_domain::breach::authority::BreachReport;
use kluis_domain::breach::incident::BreachNature;
use kluis_domain::breach::risk::{PeopleException, RiskLevel};

/// A serialisation of a DPV graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DpvFormat {
    Turtle,
    JsonLd,
}

impl DpvFormat {
    pub const fn content_type(self) -> &'static str {
        match self {
            DpvFormat::Turtle => "text/turtle; charset=utf-8",
            DpvFormat::JsonLd => "application/ld+json",
        }
    }

    pub const fn extension(self) -> &'static str {
        match self {
            DpvFormat::Turtle => "ttl",
            DpvFormat::JsonLd => "jsonld",
        }
    }
}

const DCAT_START: &str = "http://www.w3.org/ns/dcat#startDate";
const DCAT_END: &str = "http://www.w3.org/ns/dcat#endDate";

fn moment(g: &mut Graph, s: &str, p: &str, at: time::OffsetDateTime) {
    g.add(s, p, Obj::Typed(rfc3339(at), "xsd:dateTime"));
}

fn build(r: &BreachReport, meta: &BreachDocMeta<'_>) -> Graph {
    let mut g = Graph::default();
    let org = labels::slug(meta.organisation);
    let reference = labels::slug(meta.reference);
    let base = format!("urn:kluis:breach:{org}:{reference}");
    let d = &r.decision;

    let b = base.clone();
    g.a(&b, "eu-gdpr:DataBreach");
    for n in &r.nature {
        g.a(
            &b,
            match n {
                BreachNature::Confidentiality => "eu-gdpr:ConfidentialityBreach",
                BreachNature::Integrity => "eu-gdpr:IntegrityBreach",
                BreachNature::Availability => "eu-gdpr:AvailabilityBreach",
            },
        );
    }
    if r.cross_border {
        g.a(&b, "eu-gdpr:CrossBorderDataBreach");
    }
    g.lit(&b, "dct:identifier", meta.reference);
    g.lit(&b, "dct:description", &r.summary);
    if let Some(at) = r.timeline.started_at {
        moment(&mut g, &b, DCAT_START, at);
    }
    if let Some(at) = r.timeline.ended_at {
        moment(&mut g, &b, DCAT_END, at);
    }

    let controller = format!("{base}#controller");
    g.a(&controller, "dpv:DataController");
    let name = if r.reporter.organisation.trim().is_empty() {
        meta.organisation
    } else {
        &r.reporter.organisation
    };
    g.lit(&controller, "dpv:hasName", name);
    g.lit(
        &controller,
        "dpv:hasIdentifier",
        &r.reporter.registration_number,
    );
    g.lit(&controller, "dpv:hasContact", &r.reporter.email);
    g.lit(&controller, "dpv:hasContact", &r.reporter.phone);
    if let Some(dpo) = r.reporter.dpo.as_deref().filter(|s| !s.trim().is_empty()) {
        let iri = format!("{base}#dpo");
        g.a(&iri, "dpv:DataProtectionOfficer");
        g.lit(&iri, "dpv:hasName", dpo);
        g.iri(&controller, "dpv:hasDataProtectionOfficer", &iri);
    }
    g.iri(&b, "dpv:hasDataController", &controller);
    if let Some(other) = r
        .other_organisation
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        let iri = format!("{base}#processor");
        g.a(&iri, "dpv:DataProcessor");
        g.lit(&iri, "dpv:hasName", other);
        g.iri(&b, "dpv:hasDataProcessor", &iri);
    }

    for c in &r.categories {
        g.iri(&b, "dpv:hasPersonalData", c.dpv);
    }
    for s in &r.subjects {
        g.iri(&b, "dpv:hasDataSubject", s.dpv);
    }
    // How many people: the stated maximum as the scale (the minimum in the comment).
    let scale = format!("{base}#people");
    g.a(&scale, "dpv:DataSubjectScale");
    g.add(
        &scale,
        "rdf:value",
        Obj::Typed(r.counts.people_max.to_string(), "xsd:nonNegativeInteger"),
    );
    g.lit(
        &scale,
        "rdfs:comment",
        &format!(
            "people affected: {} to {}; records: {}",
            r.counts.people_min, r.counts.people_max, r.counts.records
        ),
    );
    g.iri(&b, "dpv:hasDataSubjectScale", &scale);

    // Discovery and awareness: the 72 hours run from awareness (Art. 33(1)).
    let detection = format!("{base}#detection");
    g.a(&detection, "eu-gdpr:DataBreachDetectionReport");
    moment(&mut g, &detection, "dct:created", r.timeline.discovered_at);
    moment(&mut g, &detection, "dct:date", r.timeline.aware_at);
    g.lit(
        &detection,
        "rdfs:comment",
        "dct:created: discovered; dct:date: the controller became aware (Art. 33(1))",
    );
    g.iri(&detection, "dct:subject", &b);

    if !r.consequences.trim().is_empty() {
        let iri = format!("{base}#consequences");
        g.a(&iri, "dpv:Consequence");
        g.lit(&iri, "dct:description", &r.consequences);
        g.iri(&b, "dpv:hasConsequence", &iri);
    }
    for (fragment, text) in [
        ("measures-before", &r.measures_before),
        ("measures-after", &r.measures_after),
    ] {
        if text.trim().is_empty() {
            continue;
        }
        let iri = format!("{base}#{fragment}");
        g.a(&iri, "dpv:TechnicalOrganisationalMeasure");
        g.lit(&iri, "dct:description", text);
        g.iri(&b, "dpv:hasTechnicalOrganisationalMeasure", &iri);
    }
    if r.unintelligible {
        g.iri(
            &b,
            "dpv:hasTechnicalOrganisationalMeasure",
            "dpv:Encryption",
        );
    }

    // The impact assessment and what it asks.
    let assessment = format!("{base}#assessment");
    g.a(&assessment, "dpv:DataBreachImpactAssessment");
    g.iri(
        &assessment,
        "dpv:hasAuditStatus",
        match d.risk {
            RiskLevel::Unlikely => "eu-gdpr:DBIAIndicatesNoRisk",
            RiskLevel::Risk => "eu-gdpr:DBIAIndicatesLowRisk",
            RiskLevel::High => "eu-gdpr:DBIAIndicatesHighRisk",
        },
    );
    g.lit(&assessment, "rdfs:comment", &d.rationale);
    moment(&mut g, &assessment, "dct:created", d.decided_at);
    g.iri(&b, "dpv:hasRiskAssessment", &assessment);
    if d.notify_authority {
        g.iri(
            &b,
            "dpv:hasAuditStatus",
            "eu-gdpr:DPABreachNotificationNeeded",
        );
    }
    if d.notify_people {
        g.iri(
            &b,
            "dpv:hasAuditStatus",
            "eu-gdpr:DataSubjectBreachNotificationNeeded",
        );
    }
    if !d.notify_authority && !d.notify_people {
        g.iri(
            &b,
            "dpv:hasAuditStatus",
            "eu-gdpr:BreachNotificationNotNeeded",
        );
    }
    if d.risk == RiskLevel::Unlikely {
        g.iri(
            &b,
            "dpv:hasJustification",
            "eu-gdpr:JustificationA33RiskUnlikely",
        );
    }
    if let Some(e) = d.people_exception {
        g.iri(
            &b,
            "dpv:hasJustification",
            match e {
                PeopleException::Unintelligible => {
                    "eu-gdpr:JustificationA33BreachedDataIneffective"
                }
                PeopleException::RiskNeutralised => "eu-gdpr:JustificationA33RiskMitigated",
                PeopleException::DisproportionateEffort => {
                    "eu-gdpr:JustificationA33DisproportionateEffort"
                }
            },
        );
    }

    // The notice to the authority this document is: initial within 72 hours, or a phase of it.
    if d.notify_authority || meta.phase.trim() != "initial" {
        let notice = format!("{base}#authority-notice-{}", labels::slug(meta.phase));
        g.a(
            &notice,
            if meta.phase.trim() == "initial" {
                "eu-gdpr:DPABreachInitialNotice"
            } else {
                "eu-gdpr:DPAPhasedBreachNotice"
            },
        );
        moment(&mut g, &notice, "dct:created", meta.generated_at);
        g.lit(
            &notice,
            "dct:identifier",
            r.follow_up_of.as_deref().unwrap_or(""),
        );
        let window = format!("{base}#notify-within");
        g.a(&window, "dpv:Duration");
        g.add(
            &window,
            "rdf:value",
            Obj::Typed(
                format!("PT{}H", NOTIFY_WITHIN.whole_hours()),
                "xsd:duration",
            ),
        );
        moment(
            &mut g,
            &window,
            "dct:valid",
            r.timeline.aware_at + NOTIFY_WITHIN,
        );
        g.iri(&notice, "dpv:hasDuration", &window);
        if !d.delay_reason.trim().is_empty() {
            g.iri(
                &notice,
                "dpv:hasJustification",
                "eu-gdpr:JustificationA33NotificationDelay",
            );
            g.lit(&notice, "rdfs:comment", &d.delay_reason);
        }
        g.iri(&b, "dpv:hasNotice", &notice);
    }
    if let Some(at) = r.people_told_at {
        let notice = format!("{base}#people-notice");
        g.a(&notice, "eu-gdpr:DataSubjectBreachNotice");
        moment(&mut g, &notice, "dct:created", at);
        g.lit(&notice, "dct:description", &r.people_told_how);
        g.iri(
            &notice,
            "dpv:hasNotificationStatus",
            "dpv:NotificationCompleted",
        );
        g.iri(&b, "dpv:hasNotice", &notice);
    }
    g
}

/// The breach `report` as a DPV graph in `format`; `meta` names the organisation, the breach number (the
/// graph's IRIs derive from both) and the notification's phase.
pub fn render_breach_dpv(
    report: &BreachReport,
    meta: &BreachDocMeta<'_>,
    format: DpvFormat,
) -> Result<Export, ExportError> {
    let g = build(report, meta);
    let bytes = match format {
        DpvFormat::Turtle => write_turtle(&g).into_bytes(),
        DpvFormat::JsonLd => write_json_ld(&g)?.into_bytes(),
    };
    let mut name = String::from("breach");
    let reference = labels::slug(meta.reference);
    if !reference.is_empty() {
        name.push('-');
        name.push_str(&reference);
    }
    Ok(Export {
        bytes,
        content_type: format.content_type(),
        file_name: format!("{name}-dpv.{}", format.extension()),
    })
}
