//! The register's organisation profile (versioned, with the Art. 30(5) and Art. 37 wizards) and the periodic
//! review of the register with its sign-off, kept as evidence.

use kluis_domain::AuditAction;
use kluis_domain::Permission;
use kluis_domain::identity::EmailAddress;
use kluis_domain::register::wizards::{
    DEFAULT_REVIEW_INTERVAL_MONTHS, DpoVerdict, RegisterVerdict, RegistrationError, ReviewItem,
    dpo_required, next_review, register_required, review_overdue, validate_registration_number,
};
use kluis_domain::register::{DpoAssessment, Jurisdiction, OrgProfile, RegisterAssessment};
use kluis_store::{ProfileVersionRow, ReviewRow, ReviewSignOff, now_ms};
use serde::{Deserialize, Serialize};
use time::Date;

use crate::audit::require;
use crate::requests::iso;
use crate::{Actor, App, AppError, retry};

/// Longest free text accepted in a profile field, rationale or note.
const MAX_TEXT_CHARS: usize = 4000;
/// Review intervals offered: monthly up to every two years.
const INTERVAL_RANGE: std::ops::RangeInclusive<u32> = 1..=24;

/// The organisation profile as it stands now, with what the jurisdiction and the wizards make of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileView {
    pub profile: OrgProfile,
    /// 0 when the profile was never saved.
    pub version: i64,
    pub saved_at_ms: Option<i64>,
    /// The supervisory authority the jurisdiction names (AP or GBA).
    pub supervisory_authority: Option<&'static str>,
    /// Art. 8(1) as the jurisdiction sets it (NL 16, BE 13).
    pub age_of_digital_consent: Option<u8>,
    /// The Art. 30(5) verdict on the stored answers, if the wizard was run.
    pub register_verdict: Option<RegisterVerdict>,
    /// The Art. 37 verdict on the stored answers, if the wizard was run.
    pub dpo_verdict: Option<DpoVerdict>,
}

impl ProfileView {
    fn of(profile: OrgProfile, row: Option<&ProfileVersionRow>) -> ProfileView {
        ProfileView {
            supervisory_authority: profile
                .jurisdiction
                .map(Jurisdiction::supervisory_authority),
            age_of_digital_consent: profile
                .jurisdiction
                .map(Jurisdiction::age_of_digital_consent),
            register_verdict: profile
                .register_assessment
                .as_ref()
                .map(|a| register_required(a, profile.employees)),
            dpo_verdict: profile.dpo_assessment.as_ref().map(dpo_required),
            version: row.map_or(0, |r| r.version),
            saved_at_ms: row.map(|r| r.at_ms),
            profile,
        }
    }
}

/// One answer of the review checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistAnswer {
    pub item: ReviewItem,
    pub yes: bool,
    #[serde(default)]
    pub note: String,
}

/// A completed review to sign off: an answer for every [`ReviewItem`], notes, and the date it was done
/// (today when `None`).
#[derive(Debug, Clone, Default)]
pub struct ReviewInput {
    pub checklist: Vec<ChecklistAnswer>,
    pub notes: String,
    pub completed_on: Option<Date>,
}

/// A signed-off review, kept as evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewRecord {
    pub id: String,
    pub scheduled_for: Option<Date>,
    pub completed_on: Date,
    /// The member who signed it off (user id) and their name.
    pub signed_off_by: String,
    pub signed_off_by_name: String,
    pub signed_at_ms: i64,
    pub checklist: Vec<ChecklistAnswer>,
    pub notes: String,
}

/// The review schedule and the reviews done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewOverview {
    pub interval_months: u32,
    /// The date the open review is planned for, if one is scheduled.
    pub scheduled_for: Option<Date>,
    pub last_review: Option<Date>,
    /// The last review plus the interval; `None` when never reviewed.
    pub next_due: Option<Date>,
    /// Never reviewed, or not reviewed for 12 months.
    pub overdue: bool,
    /// Signed-off reviews, newest first.
    pub past: Vec<ReviewRecord>,
}

/// Today's date (UTC): the date wizards and reviews are recorded on, agreements are judged on and the compliance
/// check counts from. The one reading of the calendar in kluis-app.
pub(crate) fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

fn parse_iso(table_col: &str, s: &str) -> Result<Date, AppError> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s, &format)
        .map_err(|_| AppError::internal(anyhow::anyhow!("{table_col}: stored date unreadable")))
}

pub(crate) fn parse_body(row: &ProfileVersionRow) -> Result<OrgProfile, AppError> {
    serde_json::from_str(&row.body).map_err(|_| {
        AppError::internal(anyhow::anyhow!(
            "register_profile_versions version {}: body unreadable",
            row.version
        ))
    })
}

fn check_text(field: &'static str, s: &str) -> Result<String, AppError> {
    let t = s.trim();
    if t.chars().count() > MAX_TEXT_CHARS {
        return Err(AppError::invalid(
            field,
            format!("enter at most {MAX_TEXT_CHARS} characters"),
        ));
    }
    Ok(t.to_owned())
}

/// The message of a refused registration number, in English (pages and the API word it in the user's
/// language from the same [`RegistrationError`]).
pub fn registration_error_text(e: RegistrationError) -> &'static str {
    match e {
        RegistrationError::KvkDigits => "a KvK number has exactly 8 digits",
        RegistrationError::KboDigits => "a KBO/BCE number has 10 digits and starts with 0 or 1",
        RegistrationError::KboCheck => "this KBO/BCE number fails its check digits (mod 97)",
    }
}

/// Checks and normalises the fields a person fills in; the wizards' answers are not touched here.
fn clean_profile(p: &OrgProfile) -> Result<OrgProfile, AppError> {
    let registration_number = match p.jurisdiction {
        Some(j) => validate_registration_number(j, &p.registration_number)
            .map_err(|e| AppError::invalid("registration_number", registration_error_text(e)))?,
        None if p.registration_number.trim().is_empty() => String::new(),
        None => {
            return Err(AppError::invalid(
                "jurisdiction",
                "choose the jurisdiction the registration number belongs to",
            ));
        }
    };
    let email = |field: &'static str, s: &str| -> Result<String, AppError> {
        let t = s.trim();
        if t.is_empty() {
            return Ok(String::new());
        }
        EmailAddress::parse(t)
            .map(EmailAddress::into_string)
            .map_err(|e| AppError::invalid(field, e.to_string()))
    };
    if p.employees.is_some_and(|n| n > 10_000_000) {
        return Err(AppError::invalid("employees", "enter a realistic number"));
    }
    Ok(OrgProfile {
        legal_name: check_text("legal_name", &p.legal_name)?,
        address: check_text("address", &p.address)?,
        email: email("email", &p.email)?,
        phone: check_text("phone", &p.phone)?,
        website: check_text("website", &p.website)?,
        registration_number,
        jurisdiction: p.jurisdiction,
        employees: p.employees,
        representative: check_text("representative", &p.representative)?,
        joint_controllers: check_text("joint_controllers", &p.joint_controllers)?,
        dpo: kluis_domain::register::DpoInfo {
            appointed: p.dpo.appointed,
            name: check_text("dpo_name", &p.dpo.name)?,
            email: email("dpo_email", &p.dpo.email)?,
            phone: check_text("dpo_phone", &p.dpo.phone)?,
        },
        dpo_assessment: p.dpo_assessment.clone(),
        register_assessment: p.register_assessment.clone(),
    })
}

/// Names of the fields that differ between two profiles (for the version and the audit event: names only).
fn changed_fields(before: &OrgProfile, after: &OrgProfile) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut diff = |name: &'static str, differs: bool| {
        if differs {
            out.push(name);
        }
    };
    diff("legal_name", before.legal_name != after.legal_name);
    diff("address", before.address != after.address);
    diff("email", before.email != after.email);
    diff("phone", before.phone != after.phone);
    diff("website", before.website != after.website);
    diff(
        "registration_number",
        before.registration_number != after.registration_number,
    );
    diff("jurisdiction", before.jurisdiction != after.jurisdiction);
    diff("employees", before.employees != after.employees);
    diff(
        "representative",
        before.representative != after.representative,
    );
    diff(
        "joint_controllers",
        before.joint_controllers != after.joint_controllers,
    );
    diff("dpo.appointed", before.dpo.appointed != after.dpo.appointed);
    diff("dpo.name", before.dpo.name != after.dpo.name);
    diff("dpo.email", before.dpo.email != after.dpo.email);
    diff("dpo.phone", before.dpo.phone != after.dpo.phone);
    diff(
        "dpo_assessment",
        before.dpo_assessment != after.dpo_assessment,
    );
    diff(
        "register_assessment",
        before.register_assessment != after.register_assessment,
    );
    out
}

fn review_from_row(r: ReviewRow, name: String) -> Result<Option<ReviewRecord>, AppError> {
    let (Some(done), Some(by), Some(at)) = (r.completed_on, r.signed_off_by, r.signed_at_ms) else {
        return Ok(None);
    };
    let checklist = match &r.checklist {
        Some(json) => serde_json::from_str(json).map_err(|_| {
            AppError::internal(anyhow::anyhow!(
                "register_reviews {}: checklist unreadable",
                r.id
            ))
        })?,
        None => Vec::new(),
    };
    Ok(Some(ReviewRecord {
        scheduled_for: r
            .scheduled_for
            .as_deref()
            .map(|d| parse_iso("register_reviews.scheduled_for", d))
            .transpose()?,
        completed_on: parse_iso("register_reviews.completed_on", &done)?,
        signed_off_by: by,
        signed_off_by_name: name,
        signed_at_ms: at,
        checklist,
        notes: r.notes,
        id: r.id,
    }))
}

impl App {
    /// The organisation profile as it stands now (Permission::Read), with the jurisdiction's defaults and the
    /// wizards' verdicts. An organisation that never saved one gets an empty profile, version 0.
    pub async fn profile(&self, actor: &Actor) -> Result<ProfileView, AppError> {
        require(actor, Permission::Read)?;
        let row = self.db().profile(&actor.scope).current().await?;
        let profile = row
            .as_ref()
            .map(parse_body)
            .transpose()?
            .unwrap_or_default();
        Ok(ProfileView::of(profile, row.as_ref()))
    }

    /// The profile as it stood at the end of `date` (UTC) (Permission::Read): what a `Register` snapshot of that
    /// date holds. `None` when no profile had been saved by then.
    pub async fn profile_as_of(
        &self,
        actor: &Actor,
        date: Date,
    ) -> Result<Option<OrgProfile>, AppError> {
        require(actor, Permission::Read)?;
        let end_of_day = date
            .next_day()
            .map(|d| d.midnight().assume_utc().unix_timestamp() * 1000 - 1)
            .unwrap_or(i64::MAX);
        let row = self.db().profile(&actor.scope).as_of(end_of_day).await?;
        row.as_ref().map(parse_body).transpose()
    }

    /// Saves the profile's fields (Permission::ManageRegister) as a new version, audited as
    /// `register.profile.update` naming the changed fields. The wizards' answers in `input` are ignored: they
    /// change only through [`App::save_register_assessment`] and [`App::save_dpo_assessment`]. The
    /// registration number is checked against the jurisdiction (KvK: 8 digits; KBO/BCE: 10 digits with the
    /// mod-97 check) and stored in its canonical form; filled e-mail addresses must be addresses.
    pub async fn update_profile(
        &self,
        actor: &Actor,
        input: OrgProfile,
    ) -> Result<ProfileView, AppError> {
        require(actor, Permission::ManageRegister)?;
        let cleaned = clean_profile(&input)?;
        self.save_profile(actor, move |current| OrgProfile {
            dpo_assessment: current.dpo_assessment.clone(),
            register_assessment: current.register_assessment.clone(),
            ..cleaned.clone()
        })
        .await
    }

    /// Runs the Art. 30(5) wizard on `answers` and stores them, with their rationale and today's date, in the
    /// profile (Permission::ManageRegister; audited as `register.profile.update`).
    pub async fn save_register_assessment(
        &self,
        actor: &Actor,
        answers: RegisterAssessment,
    ) -> Result<(RegisterVerdict, ProfileView), AppError> {
        require(actor, Permission::ManageRegister)?;
        let answers = RegisterAssessment {
            rationale: check_text("rationale", &answers.rationale)?,
            assessed_on: Some(today()),
            ..answers
        };
        let view = self
            .save_profile(actor, move |current| OrgProfile {
                register_assessment: Some(answers.clone()),
                ..current.clone()
            })
            .await?;
        let verdict = view
            .register_verdict
            .clone()
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("register verdict missing")))?;
        Ok((verdict, view))
    }

    /// Runs the Art. 37 wizard on `answers` and stores them, with their rationale and today's date, in the
    /// profile (Permission::ManageRegister; audited as `register.profile.update`).
    pub async fn save_dpo_assessment(
        &self,
        actor: &Actor,
        answers: DpoAssessment,
    ) -> Result<(DpoVerdict, ProfileView), AppError> {
        require(actor, Permission::ManageRegister)?;
        let answers = DpoAssessment {
            rationale: check_text("rationale", &answers.rationale)?,
            assessed_on: Some(today()),
            ..answers
        };
        let view = self
            .save_profile(actor, move |current| OrgProfile {
                dpo_assessment: Some(answers.clone()),
                ..current.clone()
            })
            .await?;
        let verdict = view
            .dpo_verdict
            .clone()
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("DPO verdict missing")))?;
        Ok((verdict, view))
    }

    /// One transaction: read the current profile, apply `change`, store the new version and its audit event.
    /// Every save is a version, even one that changes nothing: it records that someone confirmed the profile.
    async fn save_profile(
        &self,
        actor: &Actor,
        change: impl Fn(&OrgProfile) -> OrgProfile,
    ) -> Result<ProfileView, AppError> {
        retry!({
            let mut tx = self.db().begin_write().await?;
            let current_row = tx.profile(&actor.scope).current().await?;
            let current = current_row
                .as_ref()
                .map(parse_body)
                .transpose()?
                .unwrap_or_default();
            let next = change(&current);
            let fields = changed_fields(&current, &next);
            let body = serde_json::to_string(&next).map_err(AppError::internal)?;
            let changed = serde_json::to_string(&fields).map_err(AppError::internal)?;
            let at = now_ms();
            let version = tx
                .profile(&actor.scope)
                .insert_version(&body, &changed, actor.user_id.as_str(), at)
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RegisterProfileUpdate,
                    "register_profile",
                    &version.to_string(),
                    &fields,
                ))
                .await?;
            tx.commit().await?;
            let row = ProfileVersionRow {
                version,
                body,
                changed,
                actor: actor.user_id.as_str().to_owned(),
                at_ms: at,
            };
            Ok(ProfileView::of(next, Some(&row)))
        })
    }

    /// The date of the last signed-off review of the register (Permission::Read): what a `Register` snapshot
    /// holds as `last_review`, and what the compliance check's "not reviewed for 12 months" reads.
    pub async fn last_review_date(&self, actor: &Actor) -> Result<Option<Date>, AppError> {
        require(actor, Permission::Read)?;
        self.db()
            .profile(&actor.scope)
            .last_review_date()
            .await?
            .map(|d| parse_iso("register_reviews.completed_on", &d))
            .transpose()
    }

    /// The date of the last review signed off on or before `date` (Permission::Read): `last_review` of a
    /// `Register` snapshot of a past date.
    pub async fn last_review_date_as_of(
        &self,
        actor: &Actor,
        date: Date,
    ) -> Result<Option<Date>, AppError> {
        require(actor, Permission::Read)?;
        self.db()
            .profile(&actor.scope)
            .last_review_date_until(&iso(date))
            .await?
            .map(|d| parse_iso("register_reviews.completed_on", &d))
            .transpose()
    }

    /// The review schedule and every signed-off review with its checklist and signer (Permission::Read). The
    /// signers' names are decrypted to show them, so when there are any the read is audited as `member.list`
    /// naming the field.
    pub async fn reviews(&self, actor: &Actor) -> Result<ReviewOverview, AppError> {
        require(actor, Permission::Read)?;
        let store = self.db().profile(&actor.scope);
        let interval = store
            .review_interval()
            .await?
            .and_then(|m| u32::try_from(m).ok())
            .unwrap_or(DEFAULT_REVIEW_INTERVAL_MONTHS);
        let rows = store.reviews().await?;
        let mut scheduled_for = None;
        let mut past = Vec::new();
        let mut names: std::collections::HashMap<String, String> = Default::default();
        for r in rows {
            if r.completed_on.is_none() {
                if scheduled_for.is_none() {
                    scheduled_for = r
                        .scheduled_for
                        .as_deref()
                        .map(|d| parse_iso("register_reviews.scheduled_for", d))
                        .transpose()?;
                }
                continue;
            }
            let by = r.signed_off_by.clone().unwrap_or_default();
            let name = match names.get(&by) {
                Some(n) => n.clone(),
                None => {
                    // The account outlives a membership, so a former member's sign-off still names them.
                    let n = match self.db().user(&by).await? {
                        Some(u) => self.display_name(&u)?,
                        None => String::new(),
                    };
                    names.insert(by.clone(), n.clone());
                    n
                }
            };
            if let Some(rec) = review_from_row(r, name)? {
                past.push(rec);
            }
        }
        let last_review = past.iter().map(|r| r.completed_on).max();
        if !past.is_empty() {
            self.audit_access(
                actor,
                &actor.event(
                    AuditAction::MemberList,
                    "user",
                    &actor.org.id,
                    &["display_name"],
                ),
            )
            .await?;
        }
        Ok(ReviewOverview {
            interval_months: interval,
            scheduled_for,
            last_review,
            next_due: next_review(last_review, interval),
            overdue: review_overdue(last_review, today()),
            past,
        })
    }

    /// Schedules the next review of the register on `date` (Permission::ManageRegister), and optionally how
    /// often reviews recur; audited as `register.review.schedule`.
    pub async fn schedule_review(
        &self,
        actor: &Actor,
        date: Date,
        interval_months: Option<u32>,
    ) -> Result<(), AppError> {
        require(actor, Permission::ManageRegister)?;
        if date < today() {
            return Err(AppError::invalid(
                "scheduled_for",
                "a review cannot be scheduled in the past",
            ));
        }
        if let Some(m) = interval_months
            && !INTERVAL_RANGE.contains(&m)
        {
            return Err(AppError::invalid(
                "interval_months",
                "choose an interval from 1 to 24 months",
            ));
        }
        retry!({
            let mut tx = self.db().begin_write().await?;
            let mut fields = vec!["scheduled_for"];
            let id = tx
                .profile(&actor.scope)
                .schedule_review(&uuid::Uuid::now_v7().to_string(), &iso(date), now_ms())
                .await?;
            if let Some(m) = interval_months {
                tx.profile(&actor.scope)
                    .set_review_interval(i64::from(m))
                    .await?;
                fields.push("interval_months");
            }
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RegisterReviewSchedule,
                    "register_review",
                    &id,
                    &fields,
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Signs off a review of the register as the acting member (Permission::ManageRegister): the checklist
    /// must answer every [`ReviewItem`] once; the scheduled review is completed (or one is recorded when none
    /// was scheduled) and the next one is scheduled after the interval. Audited as `register.review.sign_off`.
    pub async fn sign_off_review(
        &self,
        actor: &Actor,
        input: ReviewInput,
    ) -> Result<ReviewRecord, AppError> {
        require(actor, Permission::ManageRegister)?;
        let today = today();
        let completed_on = input.completed_on.unwrap_or(today);
        if completed_on > today {
            return Err(AppError::invalid(
                "completed_on",
                "a review cannot be signed off for a future date",
            ));
        }
        let mut checklist = Vec::with_capacity(ReviewItem::ALL.len());
        for item in ReviewItem::ALL {
            let mut answers = input.checklist.iter().filter(|a| a.item == *item);
            let (Some(a), None) = (answers.next(), answers.next()) else {
                return Err(AppError::invalid(
                    "checklist",
                    format!("answer '{}' exactly once", item.as_str()),
                ));
            };
            checklist.push(ChecklistAnswer {
                item: *item,
                yes: a.yes,
                note: check_text("checklist", &a.note)?,
            });
        }
        let notes = check_text("notes", &input.notes)?;
        let checklist_json = serde_json::to_string(&checklist).map_err(AppError::internal)?;
        let signer_name = match self.db().user(actor.user_id.as_str()).await? {
            Some(u) => self.display_name(&u)?,
            None => String::new(),
        };
        let (id, scheduled_for, signed_at) = retry!({
            let mut tx = self.db().begin_write().await?;
            let scheduled_for = tx
                .profile(&actor.scope)
                .open_review()
                .await?
                .and_then(|r| r.scheduled_for);
            let signed_at = now_ms();
            let id = tx
                .profile(&actor.scope)
                .sign_off_review(
                    &uuid::Uuid::now_v7().to_string(),
                    &ReviewSignOff {
                        completed_on: &iso(completed_on),
                        signed_off_by: actor.user_id.as_str(),
                        signed_at_ms: signed_at,
                        checklist: &checklist_json,
                        notes: &notes,
                    },
                    signed_at,
                )
                .await?;
            let interval = tx
                .profile(&actor.scope)
                .review_interval()
                .await?
                .and_then(|m| u32::try_from(m).ok())
                .unwrap_or(DEFAULT_REVIEW_INTERVAL_MONTHS);
            if let Some(next) = next_review(Some(completed_on), interval) {
                tx.profile(&actor.scope)
                    .schedule_review(&uuid::Uuid::now_v7().to_string(), &iso(next), signed_at)
                    .await?;
            }
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RegisterReviewSignOff,
                    "register_review",
                    &id,
                    &["checklist", "notes", "completed_on", "signed_off_by"],
                ))
                .await?;
            tx.commit().await?;
            Ok((id, scheduled_for, signed_at))
        })?;
        Ok(ReviewRecord {
            id,
            scheduled_for: scheduled_for
                .as_deref()
                .map(|d| parse_iso("register_reviews.scheduled_for", d))
                .transpose()?,
            completed_on,
            signed_off_by: actor.user_id.as_str().to_owned(),
            signed_off_by_name: signer_name,
            signed_at_ms: signed_at,
            checklist,
            notes,
        })
    }
}
