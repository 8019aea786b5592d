//! One test per rule: each builds a register that breaks exactly that rule and one that keeps it.

use super::*;
use crate::legal_basis::SpecialCategoryGround;
use crate::register::inventory::{DocumentCount, DocumentHoldings};
use crate::register::model::{
    Art28Checklist, DpoAssessment, Period, PeriodUnit, ProcessingAgreement, RegisterAssessment,
    RetentionAction, RetentionRule, RetentionStart, SubProcessor, Transfer, TransferSafeguard,
};
use crate::register::vocabulary::DataCategory;
use crate::{EntityType, SpecialCategory};
use time::macros::date;

const TODAY: Date = date!(2026 - 12 - 07);

fn ctx() -> CheckContext {
    CheckContext {
        today: TODAY,
        statement_published: Some(date!(2026 - 11 - 01)),
        register_changed: Some(date!(2026 - 10 - 01)),
    }
}

fn name_cat() -> DataCategory {
    "user.name".parse().unwrap_or_else(|_| panic!("user.name"))
}

fn bsn() -> Option<DataCategory> {
    DataCategory::for_entity(EntityType::Bsn).next()
}

fn special() -> Option<DataCategory> {
    DataCategory::all().find(|c| c.is_special())
}

fn criminal() -> Option<DataCategory> {
    DataCategory::for_special(SpecialCategory::Criminal).next()
}

fn rule() -> RetentionRule {
    RetentionRule {
        category: None,
        period: Period {
            amount: 2,
            unit: PeriodUnit::Years,
        },
        starts: RetentionStart::EndOfContract,
        action: RetentionAction::Delete,
        legal_reference: String::new(),
    }
}

/// An active activity that keeps every rule.
fn good_activity() -> ProcessingActivity {
    ProcessingActivity {
        id: Uuid::new_v4(),
        name: "Klantenadministratie".into(),
        status: ActivityStatus::Active,
        categories: vec![name_cat()],
        lawful_basis: Some(LawfulBasis::Contract),
        retention: vec![rule()],
        dpia: DpiaStatus::NotRequired,
        ..Default::default()
    }
}

fn good_agreement() -> ProcessingAgreement {
    ProcessingAgreement {
        id: Uuid::new_v4(),
        signed_on: Some(date!(2025 - 01 - 01)),
        expires_on: None,
        checklist: Art28Checklist {
            documented_instructions: true,
            confidentiality: true,
            security: true,
            sub_processors: true,
            data_subject_rights: true,
            assists_compliance: true,
            deletion_or_return: true,
            audits: true,
        },
        ..Default::default()
    }
}

fn good_processor() -> Recipient {
    Recipient {
        id: Uuid::new_v4(),
        name: "Hoster BV".into(),
        role: RecipientRole::Processor,
        country: "NL".into(),
        agreements: vec![good_agreement()],
        ..Default::default()
    }
}

/// A register that keeps every rule: one active activity, linked to one processor with a valid agreement.
fn good_register() -> Register {
    let p = good_processor();
    let mut a = good_activity();
    a.recipients.push(p.id);
    Register {
        organisation: "Bakkerij".into(),
        profile: crate::register::model::OrgProfile {
            jurisdiction: Some(Jurisdiction::Nl),
            dpo_assessment: Some(DpoAssessment::default()),
            register_assessment: Some(RegisterAssessment::default()),
            ..Default::default()
        },
        activities: vec![a],
        recipients: vec![p],
        last_review: Some(date!(2026 - 06 - 01)),
        as_of: None,
    }
}

/// Documents holding the good register's category, so the inventory has no gap.
fn holdings(reg: &Register) -> DocumentHoldings {
    let mut cats: Vec<DataCategory> = reg
        .activities
        .iter()
        .filter(|a| a.status == ActivityStatus::Active)
        .flat_map(|a| a.categories.clone())
        .collect();
    cats.dedup();
    DocumentHoldings::build(cats.into_iter().map(|c| count(c, 1)).collect())
}

/// Documents holding `category` (found by its first entity type, or as a special category).
fn count(category: DataCategory, documents: u64) -> DocumentCount {
    let special = match category.nature {
        crate::register::CategoryNature::Special(s) => vec![s],
        crate::register::CategoryNature::Criminal => vec![SpecialCategory::Criminal],
        _ => Vec::new(),
    };
    DocumentCount {
        entity_types: category.entity_types.first().copied().into_iter().collect(),
        special,
        class: None,
        folder: None,
        documents,
    }
}

fn run(reg: &Register) -> Vec<Finding> {
    let inv = Inventory::compute(reg, &holdings(reg));
    check(reg, &inv, &ctx())
}

fn ids(findings: &[Finding]) -> Vec<&str> {
    let ids: Vec<&str> = findings.iter().map(|f| f.id.as_str()).collect();
    for id in &ids {
        assert!(RULES.contains(id), "{id} is missing from RULES");
    }
    ids
}

/// Asserts `reg` yields exactly one finding, of rule `id`, and returns it.
fn only(reg: &Register, id: &str) -> Finding {
    let found = run(reg);
    assert_eq!(ids(&found), vec![id], "{found:#?}");
    found.into_iter().next().unwrap_or_else(|| unreachable!())
}

#[test]
fn a_good_register_has_no_findings_and_scores_100() {
    let found = run(&good_register());
    assert!(found.is_empty(), "{found:#?}");
    let s = Score::of(&found);
    assert_eq!(s.score, 100);
    assert!(s.top_three.is_empty());
}

#[test]
fn activity_without_legal_basis() {
    let mut reg = good_register();
    reg.activities[0].lawful_basis = None;
    let f = only(&reg, "activity.no_legal_basis");
    assert_eq!(f.severity, Severity::High);
    assert_eq!(f.article, "Art. 6(1)");
    assert_eq!(
        f.fix,
        Fix::Activity {
            id: reg.activities[0].id
        }
    );
    assert_eq!(f.message, "compliance-activity-no-legal-basis");
    assert_eq!(f.args["activity"], "Klantenadministratie");
    // Drafts may be incomplete.
    reg.activities[0].status = ActivityStatus::Draft;
    assert!(!ids(&run(&reg)).contains(&"activity.no_legal_basis"));
}

#[test]
fn legitimate_interests_without_balancing_test() {
    let mut reg = good_register();
    reg.activities[0].lawful_basis = Some(LawfulBasis::LegitimateInterests);
    only(&reg, "activity.no_balancing_test");
    reg.activities[0].balancing_test = "Our interest outweighs…".into();
    assert!(run(&reg).is_empty());
}

#[test]
fn special_data_without_art9_ground_and_nl_without_uavg_article() {
    let Some(special) = special() else { return };
    let mut reg = good_register();
    reg.activities[0].categories.push(special);
    only(&reg, "activity.special_no_ground");
    reg.activities[0].special_ground = Some(SpecialCategoryGround::Employment);
    only(&reg, "activity.special_no_uavg");
    reg.activities[0].uavg_article = "UAVG art. 30".into();
    assert!(run(&reg).is_empty());
    // Belgium has no UAVG.
    reg.activities[0].uavg_article.clear();
    reg.profile.jurisdiction = Some(Jurisdiction::Be);
    assert!(run(&reg).is_empty());
}

#[test]
fn criminal_data_without_art10_basis() {
    // Runs once the vocabulary has a criminal-data category.
    let Some(criminal) = criminal() else { return };
    let mut reg = good_register();
    reg.activities[0].categories.push(criminal);
    only(&reg, "activity.criminal_no_basis");
    reg.activities[0].criminal_data_basis = "Wet justitiële gegevens".into();
    assert!(run(&reg).is_empty());
}

#[test]
fn national_id_without_statute() {
    let Some(bsn) = bsn() else { return };
    let mut reg = good_register();
    reg.activities[0].categories.push(bsn);
    let f = only(&reg, "activity.national_id_no_statute");
    assert_eq!(f.severity, Severity::High);
    reg.activities[0].national_id_statute = "Wet op de loonbelasting 1964".into();
    assert!(run(&reg).is_empty());
}

#[test]
fn processor_of_an_active_activity_without_agreement() {
    let mut reg = good_register();
    reg.recipients[0].agreements.clear();
    let f = only(&reg, "recipient.agreement_missing");
    assert_eq!(f.step, Step::Agreements);
    assert_eq!(
        f.fix.path(),
        format!("/recipients/{}", reg.recipients[0].id)
    );
    // Unsigned is no agreement.
    reg.recipients[0].agreements.push(ProcessingAgreement {
        signed_on: None,
        ..good_agreement()
    });
    only(&reg, "recipient.agreement_missing");
    assert_eq!(
        only(&reg, "recipient.agreement_missing").severity,
        Severity::High
    );
    // A processor no active activity uses still needs an agreement (Art. 28(3)), less urgently.
    reg.activities[0].recipients.clear();
    assert_eq!(
        only(&reg, "recipient.agreement_missing").severity,
        Severity::Medium
    );
    // Third parties need no processing agreement.
    reg.recipients[0].role = RecipientRole::ThirdParty;
    reg.activities[0].recipients.push(reg.recipients[0].id);
    assert!(run(&reg).is_empty());
}

#[test]
fn processor_agreement_missing_art28_points() {
    let mut reg = good_register();
    reg.recipients[0].agreements[0].checklist.audits = false;
    reg.recipients[0].agreements[0].checklist.security = false;
    let f = only(&reg, "recipient.agreement_incomplete");
    assert_eq!(f.args["points"], "(c), (h)");
}

#[test]
fn agreement_expired() {
    let mut reg = good_register();
    reg.recipients[0].agreements[0].expires_on = Some(date!(2026 - 12 - 01));
    let f = only(&reg, "agreement.expired");
    assert_eq!(f.severity, Severity::High);
    assert_eq!(f.args["date"], "2026-12-01");
    assert_eq!(
        agreement_state(&reg.recipients[0], TODAY, EXPIRY_WARNING_DAYS),
        AgreementState::Expired {
            on: date!(2026 - 12 - 01)
        }
    );
    // Not linked: still expired, less urgent.
    reg.activities[0].recipients.clear();
    assert_eq!(only(&reg, "agreement.expired").severity, Severity::Medium);
    // A renewed agreement makes it valid again.
    reg.recipients[0].agreements.push(good_agreement());
    assert!(run(&reg).is_empty());
}

#[test]
fn activity_without_retention() {
    let mut reg = good_register();
    reg.activities[0].retention.clear();
    let f = only(&reg, "activity.retention_missing");
    assert_eq!(f.article, "Art. 30(1)(f)");
}

#[test]
fn transfers_outside_the_eea_without_safeguard() {
    let mut reg = good_register();
    reg.activities[0].transfers.push(Transfer {
        country: "us".into(),
        recipient: "Mailer Inc".into(),
        safeguard: None,
        documentation: String::new(),
    });
    let f = only(&reg, "activity.transfer_no_safeguard");
    assert_eq!(f.args["country"], "US");
    reg.activities[0].transfers[0].safeguard = Some(TransferSafeguard::StandardContractualClauses);
    assert!(run(&reg).is_empty());
    // Norway is in the EEA.
    reg.activities[0].transfers[0].safeguard = None;
    reg.activities[0].transfers[0].country = "NO".into();
    assert!(run(&reg).is_empty());

    let mut reg = good_register();
    reg.recipients[0].country = "US".into();
    only(&reg, "recipient.transfer_no_safeguard");
    reg.recipients[0].transfer_safeguard = Some(TransferSafeguard::Adequacy);
    assert!(run(&reg).is_empty());

    let mut reg = good_register();
    reg.recipients[0].sub_processors.push(SubProcessor {
        name: "Cloud Inc".into(),
        country: "IN".into(),
        service: "hosting".into(),
    });
    only(&reg, "recipient.subprocessor_transfer_no_safeguard");
    reg.recipients[0].sub_processors[0].country = "IE".into();
    assert!(run(&reg).is_empty());
}

#[test]
fn held_but_covered_by_no_activity() {
    let Some(bsn) = bsn() else { return };
    let reg = good_register();
    let mut h = holdings(&reg);
    let more = DocumentHoldings::build(vec![count(bsn, 12)]);
    h.categories.extend(more.categories);
    let found = check(&reg, &Inventory::compute(&reg, &h), &ctx());
    assert_eq!(ids(&found), vec!["inventory.not_covered"]);
    assert_eq!(found[0].severity, Severity::High);
    assert_eq!(found[0].args["count"], "12");
    assert_eq!(
        found[0].subject,
        Subject::Category {
            key: bsn.key().into()
        }
    );
    assert_eq!(found[0].fix.path(), "/inventory");
}

#[test]
fn claimed_but_held_nowhere_kluis_sees() {
    let mut reg = good_register();
    let inv = Inventory::compute(&reg, &DocumentHoldings::default());
    let found = check(&reg, &inv, &ctx());
    assert_eq!(ids(&found), vec!["inventory.not_held"]);
    assert_eq!(found[0].severity, Severity::Low);
    assert_eq!(found[0].args["activities"], "Klantenadministratie");
    reg.activities[0].status = ActivityStatus::Ended;
    let inv = Inventory::compute(&reg, &DocumentHoldings::default());
    assert!(!ids(&check(&reg, &inv, &ctx())).contains(&"inventory.not_held"));
}

#[test]
fn category_covered_without_a_retention_rule() {
    let Some(bsn) = bsn() else { return };
    let mut reg = good_register();
    reg.activities[0].national_id_statute = "Wet LB".into();
    reg.activities[0].categories.push(bsn);
    reg.activities[0].retention[0].category = Some(name_cat());
    let f = only(&reg, "inventory.no_retention");
    assert_eq!(
        f.fix,
        Fix::Activity {
            id: reg.activities[0].id
        }
    );
}

#[test]
fn dpia_screening_missing_or_due() {
    let mut reg = good_register();
    reg.activities[0].dpia = DpiaStatus::NotScreened;
    assert_eq!(only(&reg, "activity.dpia_not_screened").article, "Art. 35");
    reg.activities[0].dpia = DpiaStatus::Required;
    only(&reg, "activity.dpia_due");
    reg.activities[0].dpia = DpiaStatus::Done;
    assert!(run(&reg).is_empty());
}

#[test]
fn privacy_statement_missing_or_older_than_the_register() {
    let reg = good_register();
    let inv = Inventory::compute(&reg, &holdings(&reg));
    let mut c = ctx();
    c.statement_published = None;
    let found = check(&reg, &inv, &c);
    assert_eq!(ids(&found), vec!["statement.missing"]);
    assert_eq!(found[0].step, Step::Statement);
    c.statement_published = Some(date!(2026 - 09 - 01));
    assert_eq!(ids(&check(&reg, &inv, &c)), vec!["statement.outdated"]);
    c.register_changed = None;
    assert!(check(&reg, &inv, &c).is_empty());
}

#[test]
fn register_not_reviewed_for_twelve_months() {
    let mut reg = good_register();
    reg.last_review = None;
    only(&reg, "register.never_reviewed");
    reg.last_review = Some(date!(2025 - 12 - 07));
    only(&reg, "register.not_reviewed");
    reg.last_review = Some(date!(2025 - 12 - 08));
    assert!(run(&reg).is_empty());
}

#[test]
fn register_and_dpo_assessments_not_done() {
    let mut reg = good_register();
    reg.profile.register_assessment = None;
    only(&reg, "profile.register_assessment_missing");
    let mut reg = good_register();
    reg.profile.dpo_assessment = None;
    only(&reg, "profile.dpo_assessment_missing");
    // An appointed DPO answers the question.
    reg.profile.dpo.appointed = true;
    assert!(run(&reg).is_empty());
}

#[test]
fn score_weighs_severity_and_top_three_follows_the_step_plan() {
    let mut reg = good_register();
    reg.profile.register_assessment = None; // register, low
    reg.recipients[0].agreements.clear(); // agreements, high
    let inv = Inventory::compute(&reg, &DocumentHoldings::default()); // inventory, low (not held)
    let mut c = ctx();
    c.statement_published = None; // statement, high
    let mut found = check(&reg, &inv, &c);
    // A second finding of a rule already in the top three does not take a place.
    found.push(found[0].clone());
    let s = Score::of(&found);
    assert_eq!(found[0].id, "recipient.agreement_missing");
    assert_eq!(s.counts.low, 2);
    assert_eq!(s.counts.high, 3);
    assert_eq!(s.counts.at_least(Severity::Medium), 3);
    assert_eq!(s.counts.at_least(Severity::Low), 5);
    assert_eq!(
        u32::from(s.score),
        100 - 2 * Severity::Low.weight() - 3 * Severity::High.weight()
    );
    let top: Vec<&str> = s.top_three.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        top,
        vec![
            "inventory.not_held",
            "profile.register_assessment_missing",
            "statement.missing"
        ]
    );
    // Many findings bottom out at 0.
    let many: Vec<Finding> = std::iter::repeat_n(found[0].clone(), 200)
        .map(|mut f| {
            f.severity = Severity::Critical;
            f
        })
        .collect();
    assert_eq!(Score::of(&many).score, 0);
}
