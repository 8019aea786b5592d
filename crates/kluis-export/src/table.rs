//! The register as a table after the Belgian GBA model register: one row per activity (CSV, and the first sheet
//! of the workbook), the controller and DPO, and the recipients with their agreements.

use crate::labels::{self, join};
use crate::{ExportError, View};
use kluis_domain::register::{ProcessingActivity, Recipient, RecipientRole};
use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, Worksheet};

/// One column of the activities table.
pub struct Column {
    /// Catalogue key of the header.
    pub key: &'static str,
    /// Required by Art. 30(1) (the GBA model colours these red).
    pub required: bool,
    /// Width in the workbook, in characters.
    pub width: f64,
}

const fn col(key: &'static str, required: bool, width: f64) -> Column {
    Column {
        key,
        required,
        width,
    }
}

/// The activity columns, in the GBA model register's order, with Kluis's additions after the Art. 30 block.
pub const COLUMNS: &[Column] = &[
    col("export-col-reference", false, 12.0),
    col("export-col-name", true, 28.0),
    col("export-col-description", false, 36.0),
    col("export-col-purposes", true, 32.0),
    col("export-col-purpose-description", false, 36.0),
    col("export-col-legal-basis", false, 24.0),
    col("export-col-balancing-test", false, 30.0),
    col("export-col-subjects", true, 24.0),
    col("export-col-categories", true, 32.0),
    col("export-col-special", false, 24.0),
    col("export-col-special-ground", false, 28.0),
    col("export-col-criminal", false, 20.0),
    col("export-col-criminal-basis", false, 24.0),
    col("export-col-national-id", false, 24.0),
    col("export-col-source", false, 24.0),
    col("export-col-recipients", true, 32.0),
    col("export-col-other-recipients", true, 28.0),
    col("export-col-transfers", true, 36.0),
    col("export-col-retention", true, 40.0),
    col("export-col-measures", true, 36.0),
    col("export-col-joint-controller", false, 20.0),
    col("export-col-automated-decisions", false, 24.0),
    col("export-col-dpia", false, 16.0),
    col("export-col-status", false, 12.0),
    col("export-col-end-date", false, 12.0),
    col("export-col-successor", false, 24.0),
    col("export-col-notes", false, 30.0),
];

/// The cells of one activity, in [`COLUMNS`]' order; lists joined with `sep`.
pub fn activity_row(view: &View<'_>, a: &ProcessingActivity, sep: &str) -> Vec<String> {
    let tr = view.tr;
    let reg = view.register;
    let list_or_no = |items: Vec<String>| {
        if items.is_empty() {
            labels::yes_no(tr, false)
        } else {
            join(items, sep)
        }
    };
    let mut measures: Vec<String> = a
        .measures
        .iter()
        .map(|k| labels::measure_label(tr, k))
        .collect();
    if !a.measures_note.trim().is_empty() {
        measures.push(a.measures_note.trim().to_owned());
    }
    let national_id = {
        let cats = labels::national_id_categories(tr, a);
        if cats.is_empty() {
            labels::yes_no(tr, false)
        } else if a.national_id_statute.trim().is_empty() {
            join(cats, sep)
        } else {
            format!("{} ({})", join(cats, sep), a.national_id_statute.trim())
        }
    };
    let row = vec![
        a.id.to_string(),
        a.name.clone(),
        a.description.clone(),
        join(a.purposes.iter().map(|p| labels::purpose(tr, *p)), sep),
        a.purpose_description.clone(),
        labels::lawful_basis(tr, a),
        a.balancing_test.clone(),
        join(a.subjects.iter().map(|s| labels::subject(tr, *s)), sep),
        join(a.categories.iter().map(|c| labels::category(tr, *c)), sep),
        list_or_no(labels::special_categories(tr, a)),
        labels::special_ground(tr, a),
        list_or_no(labels::criminal_categories(tr, a)),
        a.criminal_data_basis.clone(),
        national_id,
        if a.collected_from_subject && a.source.trim().is_empty() {
            tr.t("export-source-subject").to_owned()
        } else {
            a.source.clone()
        },
        join(labels::recipients(tr, reg, a), sep),
        join(a.other_recipients.iter().cloned(), sep),
        list_or_no(
            a.transfers
                .iter()
                .map(|t| labels::transfer(tr, t))
                .collect(),
        ),
        join(a.retention.iter().map(|r| labels::retention(tr, r)), sep),
        join(measures, sep),
        a.joint_controller.clone(),
        a.automated_decisions.clone(),
        labels::dpia(tr, a),
        labels::status(tr, a),
        labels::date(a.end_date),
        labels::successor(reg, a),
        a.notes.clone(),
    ];
    debug_assert_eq!(row.len(), COLUMNS.len());
    row
}

fn headers(view: &View<'_>) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|c| view.tr.t(c.key).to_owned())
        .collect()
}

pub fn csv(view: &View<'_>) -> Result<Vec<u8>, ExportError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| ExportError::Csv(e.to_string());
    w.write_record(headers(view)).map_err(err)?;
    for a in &view.activities {
        w.write_record(activity_row(view, a, "; ")).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| ExportError::Csv(e.error().to_string()))
}

/// The controller sheet's rows: (label key, value).
fn controller_rows(view: &View<'_>) -> Vec<(&'static str, String)> {
    let p = &view.register.profile;
    let tr = view.tr;
    let mut rows = vec![
        ("export-controller-name", view.controller_name().to_owned()),
        ("export-controller-address", p.address.clone()),
        ("export-controller-email", p.email.clone()),
        ("export-controller-phone", p.phone.clone()),
        ("export-controller-website", p.website.clone()),
        (
            "export-controller-registration",
            p.registration_number.clone(),
        ),
        (
            "export-controller-jurisdiction",
            p.jurisdiction
                .map(|j| j.as_str().to_ascii_uppercase())
                .unwrap_or_default(),
        ),
        (
            "export-controller-authority",
            p.jurisdiction
                .map(|j| j.supervisory_authority().to_owned())
                .unwrap_or_default(),
        ),
        (
            "export-controller-employees",
            p.employees
                .map(|n| tr.number(i64::from(n)))
                .unwrap_or_default(),
        ),
        ("export-controller-representative", p.representative.clone()),
        ("export-controller-joint", p.joint_controllers.clone()),
        ("export-dpo-appointed", labels::yes_no(tr, p.dpo.appointed)),
    ];
    if p.dpo.appointed {
        rows.push(("export-dpo-name", p.dpo.name.clone()));
        rows.push(("export-dpo-email", p.dpo.email.clone()));
        rows.push(("export-dpo-phone", p.dpo.phone.clone()));
    }
    if let Some(d) = &p.dpo_assessment
        && !d.rationale.trim().is_empty()
    {
        rows.push(("export-dpo-rationale", d.rationale.clone()));
    }
    if let Some(r) = &p.register_assessment
        && !r.rationale.trim().is_empty()
    {
        rows.push(("export-register-rationale", r.rationale.clone()));
    }
    rows.push((
        "export-last-review",
        labels::date(view.register.last_review),
    ));
    rows.push(("export-as-of", labels::date(view.register.as_of)));
    rows
}

/// The recipients sheet's columns.
pub(crate) const RECIPIENT_COLUMNS: &[(&str, f64)] = &[
    ("export-rcol-name", 28.0),
    ("export-rcol-role", 16.0),
    ("export-rcol-country", 10.0),
    ("export-rcol-contact", 24.0),
    ("export-rcol-services", 28.0),
    ("export-rcol-categories", 32.0),
    ("export-rcol-sub-processors", 32.0),
    ("export-rcol-safeguard", 20.0),
    ("export-rcol-agreement-signed", 14.0),
    ("export-rcol-agreement-expires", 14.0),
    ("export-rcol-agreement-review", 14.0),
    ("export-rcol-art28-missing", 16.0),
    ("export-rcol-authorisation", 16.0),
    ("export-rcol-activities", 32.0),
];

/// The recipient columns about the processing agreement.
pub(crate) const AGREEMENT_COLUMNS: &[&str] = &[
    "export-rcol-agreement-signed",
    "export-rcol-agreement-expires",
    "export-rcol-agreement-review",
    "export-rcol-art28-missing",
    "export-rcol-authorisation",
];

pub fn recipient_row(view: &View<'_>, r: &Recipient, sep: &str) -> Vec<String> {
    let tr = view.tr;
    let agreements = |f: &dyn Fn(&kluis_domain::register::ProcessingAgreement) -> String| {
        join(r.agreements.iter().map(f).filter(|s| !s.is_empty()), sep)
    };
    let activities = view
        .activities
        .iter()
        .filter(|a| a.recipients.contains(&r.id))
        .map(|a| a.name.clone());
    vec![
        r.name.clone(),
        labels::role(tr, r),
        r.country.clone(),
        r.contact.clone(),
        r.services.clone(),
        join(r.categories.iter().map(|c| labels::category(tr, *c)), sep),
        join(
            r.sub_processors
                .iter()
                .map(|s| format!("{} ({}): {}", s.name, s.country, s.service)),
            sep,
        ),
        r.transfer_safeguard
            .map(|s| {
                labels::or(
                    tr,
                    &format!("export-safeguard-{}", s.as_str().replace('_', "-")),
                    s.as_str(),
                )
            })
            .unwrap_or_default(),
        if r.agreements.is_empty() && r.role == RecipientRole::Processor {
            // Art. 28(3): a processor without an agreement is a gap; the register says so.
            tr.t("export-agreement-missing").to_owned()
        } else {
            agreements(&|g| labels::date(g.signed_on))
        },
        agreements(&|g| labels::date(g.expires_on)),
        agreements(&|g| labels::date(g.review_on)),
        agreements(&|g| {
            let missing = g.checklist.missing();
            if missing.is_empty() {
                tr.t("export-art28-complete").to_owned()
            } else {
                missing
                    .iter()
                    .map(|c| format!("({c})"))
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        }),
        agreements(&|g| {
            g.sub_processor_authorisation
                .map(|s| {
                    labels::or(
                        tr,
                        &format!("export-authorisation-{}", s.as_str()),
                        s.as_str(),
                    )
                })
                .unwrap_or_default()
        }),
        join(activities, sep),
    ]
}

pub fn xlsx(view: &View<'_>) -> Result<Vec<u8>, ExportError> {
    let err = |e: rust_xlsxwriter::XlsxError| ExportError::Xlsx(e.to_string());
    let tr = view.tr;
    let mut wb = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xE8_E8_E8));
    // The GBA model colours the columns Art. 30(1) requires red; so does this sheet, in the header.
    let required = header.clone().set_font_color(Color::RGB(0xB0_00_00));
    let cell = Format::new().set_text_wrap().set_align(FormatAlign::Top);

    let sheet = wb.add_worksheet();
    sheet
        .set_name(sheet_name(tr.t("export-sheet-activities")))
        .map_err(err)?;
    for (c, column) in COLUMNS.iter().enumerate() {
        let c = col_index(c);
        let f = if column.required { &required } else { &header };
        sheet
            .write_string_with_format(0, c, tr.t(column.key), f)
            .map_err(err)?;
        sheet.set_column_width(c, column.width).map_err(err)?;
    }
    for (r, a) in view.activities.iter().enumerate() {
        write_row(sheet, row_index(r + 1), &activity_row(view, a, "\n"), &cell).map_err(err)?;
    }
    sheet.set_freeze_panes(1, 2).map_err(err)?;
    sheet
        .autofilter(
            0,
            0,
            row_index(view.activities.len()),
            col_index(COLUMNS.len() - 1),
        )
        .map_err(err)?;

    let sheet = wb.add_worksheet();
    sheet
        .set_name(sheet_name(tr.t("export-sheet-controller")))
        .map_err(err)?;
    sheet.set_column_width(0, 36.0).map_err(err)?;
    sheet.set_column_width(1, 60.0).map_err(err)?;
    sheet
        .write_string_with_format(0, 0, tr.t("export-field"), &header)
        .map_err(err)?;
    sheet
        .write_string_with_format(0, 1, tr.t("export-value"), &header)
        .map_err(err)?;
    for (r, (key, value)) in controller_rows(view).iter().enumerate() {
        let r = row_index(r + 1);
        sheet
            .write_string_with_format(r, 0, tr.t(key), &cell)
            .map_err(err)?;
        sheet
            .write_string_with_format(r, 1, value, &cell)
            .map_err(err)?;
    }

    let sheet = wb.add_worksheet();
    sheet
        .set_name(sheet_name(tr.t("export-sheet-recipients")))
        .map_err(err)?;
    for (c, (key, width)) in RECIPIENT_COLUMNS.iter().enumerate() {
        let c = col_index(c);
        sheet
            .write_string_with_format(0, c, tr.t(key), &header)
            .map_err(err)?;
        sheet.set_column_width(c, *width).map_err(err)?;
    }
    for (r, rec) in view.register.recipients.iter().enumerate() {
        write_row(
            sheet,
            row_index(r + 1),
            &recipient_row(view, rec, "\n"),
            &cell,
        )
        .map_err(err)?;
    }
    sheet.set_freeze_panes(1, 1).map_err(err)?;

    wb.save_to_buffer().map_err(err)
}

fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    cells: &[String],
    format: &Format,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    for (c, value) in cells.iter().enumerate() {
        // Excel refuses cells over 32,767 characters; a longer free text is cut rather than failing the export.
        let value: String = value.chars().take(32_000).collect();
        sheet.write_string_with_format(row, col_index(c), value, format)?;
    }
    Ok(())
}

/// Excel sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect()
}

fn row_index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX).min(1_048_575)
}

fn col_index(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX).min(16_383)
}
