//! A breach and a DPIA to render: every field filled (the benchmark uses them too, at size).

#![allow(dead_code)]

use kluis_domain::breach::authority::{BreachReport, Reporter};
use kluis_domain::breach::incident::{
    AffectedCounts, BreachCause, BreachNature, DataEvent, Timeline,
};
use kluis_domain::breach::risk::{Decision, RiskLevel as BreachRisk};
use kluis_domain::dpia::assessment::*;
use kluis_export::BreachDocMeta;
use time::macros::{date, datetime};

fn parse<T: std::str::FromStr>(keys: &[&str]) -> Vec<T> {
    keys.iter().filter_map(|k| k.parse().ok()).collect()
}

/// A stolen laptop with the payroll export: `people` employees and customers, every section of the form filled.
pub fn breach(people: u64) -> BreachReport {
    BreachReport {
        reporter: Reporter {
            organisation: "Bakkerij De Korenschoof B.V.".into(),
            registration_number: "12345678".into(),
            name: "Sanne de Vries".into(),
            function: "Office manager".into(),
            phone: "0123-456789".into(),
            email: "privacy@korenschoof.example".into(),
            dpo: Some("Anaïs Dubois, fg@korenschoof.example".into()),
        },
        other_organisation: Some("Loonbureau Één B.V.".into()),
        follow_up_of: None,
        summary: "Een laptop met de salarisexport is uit een auto gestolen.\n\nDe laptop had geen schijfversleuteling."
            .into(),
        timeline: Timeline {
            started_at: Some(datetime!(2026-12-05 18:00 UTC)),
            ended_at: None,
            discovered_at: datetime!(2026-12-06 08:00 UTC),
            aware_at: datetime!(2026-12-06 09:00 UTC),
        },
        nature: vec![BreachNature::Confidentiality, BreachNature::Availability],
        events: vec![DataEvent::Stolen, DataEvent::Lost],
        cause: BreachCause::LostOrStolenDevice,
        cause_description: "Laptop achtergelaten in een geparkeerde auto.".into(),
        categories: parse(&[
            "user.name",
            "user.contact.email",
            "user.government_id.national_identification_number.bsn",
            "user.financial.bank_account",
        ]),
        subjects: parse(&["employee", "customer"]),
        counts: AffectedCounts {
            people_min: people / 2,
            people_max: people,
            records: people * 3,
        },
        unintelligible: false,
        measures_before: "Wachtwoord op het account, geen schijfversleuteling.".into(),
        consequences: "Identiteitsfraude met het BSN en de bankgegevens is mogelijk.".into(),
        decision: Decision {
            risk: BreachRisk::High,
            rationale: "BSN en IBAN van alle medewerkers, niet versleuteld.".into(),
            notify_authority: true,
            notify_people: true,
            people_exception: None,
            exception_explanation: String::new(),
            public_communication: false,
            delay_reason: String::new(),
            decided_at: datetime!(2026-12-06 11:00 UTC),
        },
        people_told_at: None,
        people_told_how: String::new(),
        measures_after: "Wachtwoorden gewijzigd; de bank en de medewerkers zijn ingelicht.".into(),
        cross_border: false,
        other: String::new(),
    }
}

pub fn meta() -> BreachDocMeta<'static> {
    BreachDocMeta {
        organisation: "Bakkerij De Korenschoof B.V.",
        reference: "2026-003",
        generated_at: datetime!(2026-12-06 13:30 UTC),
        phase: "initial",
    }
}

fn level(n: u8) -> RiskLevel {
    RiskLevel::new(n).unwrap_or(RiskLevel::NEGLIGIBLE)
}

fn evaluation(status: EvaluationStatus, action: &str, residual: Estimate) -> Evaluation {
    Evaluation {
        status,
        comment: "Voldoende onderbouwd, met één verbeterpunt.".into(),
        action_plan: ActionPlan {
            action: action.into(),
            owner: if action.is_empty() {
                String::new()
            } else {
                "Sanne de Vries".into()
            },
            due: (!action.is_empty()).then_some(date!(2027 - 03 - 01)),
        },
        residual,
        tool_progress: None,
    }
}

/// A DPIA with every question answered (`paragraphs` paragraphs of rich text each, as the CNIL tool writes
/// them), `measures` measures, the three risks estimated and re-estimated, opinions, validation and versions.
pub fn dpia(paragraphs: usize, measures: usize) -> Dpia {
    let long = |topic: &str| {
        let para = format!(
            "<p>Voor {topic} geldt het volgende: de gegevens worden alleen gebruikt voor de salarisadministratie \
             en de aangifte loonheffingen; medewerkers krijgen inzage via het personeelsportaal &amp; op verzoek \
             een kopie.</p><ul><li><strong>Grondslag</strong>: wettelijke plicht</li><li>Bewaartermijn: 7 jaar</li></ul>"
        );
        para.repeat(paragraphs.max(1))
    };
    let mut d = Dpia {
        title: "Salarisadministratie <met> BSN & IBAN".into(),
        category: "HR".into(),
        author: "Sanne de Vries".into(),
        evaluator: "Anaïs Dubois".into(),
        validator: "Jan Jansen".into(),
        ..Default::default()
    };
    for &q in Question::ALL {
        *d.text_mut(q) = long(q.as_str());
    }
    for &q in Question::ALL {
        if let Some(a) = d.principles.answer_mut(q) {
            a.evaluation = evaluation(EvaluationStatus::Acceptable, "", Estimate::default());
        }
    }
    d.principles.storage_duration.evaluation = evaluation(
        EvaluationStatus::Improvable,
        "Bewaartermijn per categorie vastleggen",
        Estimate::default(),
    );
    d.context.overview_evaluation =
        evaluation(EvaluationStatus::Acceptable, "", Estimate::default());
    d.context.data_evaluation = evaluation(EvaluationStatus::Acceptable, "", Estimate::default());
    d.measures = (0..measures)
        .map(|i| PlannedMeasure {
            title: format!("Maatregel {}: versleuteling van laptops", i + 1),
            content: long("deze maatregel"),
            knowledge_base: None,
            source_id: Some(i as i64 + 1),
            evaluation: evaluation(
                if i % 2 == 0 {
                    EvaluationStatus::Acceptable
                } else {
                    EvaluationStatus::Improvable
                },
                if i % 2 == 0 {
                    ""
                } else {
                    "Schijfversleuteling uitrollen"
                },
                Estimate::default(),
            ),
        })
        .collect();
    for (kind, (s, l), (rs, rl)) in [
        (RiskKind::IllegitimateAccess, (4, 3), (2, 2)),
        (RiskKind::UnwantedModification, (2, 2), (2, 1)),
        (RiskKind::Disappearance, (3, 2), (3, 2)),
    ] {
        let r = d.risks.get_mut(kind);
        r.impacts = vec!["Identiteitsfraude".into(), "Financiële schade".into()];
        r.threats = vec!["Diefstal van een laptop".into(), "Phishing".into()];
        r.sources = vec!["Externe aanvaller".into()];
        r.measures = vec!["Maatregel 1: versleuteling van laptops".into()];
        r.estimate = Estimate::new(level(s), level(l));
        r.severity_rationale = long("de ernst");
        r.likelihood_rationale = long("de waarschijnlijkheid");
        r.evaluation = evaluation(
            EvaluationStatus::Improvable,
            "Tweestapsverificatie invoeren",
            Estimate::new(level(rs), level(rl)),
        );
    }
    d.dpo = DpoOpinion {
        names: "Anaïs Dubois".into(),
        advice: Some(Advice::Favourable),
        opinion: "Akkoord, mits het actieplan wordt uitgevoerd.".into(),
    };
    d.people = PeopleViews {
        sought: true,
        names: "Ondernemingsraad".into(),
        advice: Some(Advice::Favourable),
        opinion: "Geen bezwaar.".into(),
        not_sought_reason: String::new(),
    };
    d.validation.status = ValidationStatus::Validated;
    d.validation.validated_on = Some(date!(2026 - 12 - 01));
    d.review_on = Some(date!(2027 - 12 - 01));
    d.prior_consultation = false;
    d.record_version(date!(2026 - 11 - 01), "Eerste opzet");
    d.record_version(date!(2026 - 12 - 01), "Vastgesteld na advies FG");
    d
}
