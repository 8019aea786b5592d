//! The register as an A4 PDF for the supervisory authority or an auditor: a title page with the controller, its
//! DPO and the date, one section per activity with every Art. 30(1) field and Kluis's extra fields, the
//! recipients with their agreements, and page numbers. The layout itself is `layout.rs`, shared with the
//! privacy statement's PDF.

use crate::labels::{self, or};
use crate::layout::{self, BODY, Layout, Weight};
use crate::table::{COLUMNS, activity_row, recipient_row};
use crate::{ExportError, View};
use kluis_domain::register::RecipientRole;
use krilla::metadata::Metadata;

pub fn render(view: &View<'_>) -> Result<Vec<u8>, ExportError> {
    let fonts = layout::fonts()?;
    let tr = view.tr;
    let reg = view.register;
    let p = &reg.profile;
    let mut l = Layout::new(fonts);

    // Title page.
    l.space(80.0);
    l.paragraph(tr.t("export-pdf-title"), Weight::Bold, 22.0, false);
    l.space(4.0);
    l.paragraph(tr.t("export-pdf-subtitle"), Weight::Regular, 11.0, true);
    l.space(24.0);
    l.paragraph(view.controller_name(), Weight::Bold, 16.0, false);
    l.space(12.0);
    let mut title_fields: Vec<(String, String)> = vec![
        (tr.t("export-controller-address").into(), p.address.clone()),
        (
            tr.t("export-controller-registration").into(),
            p.registration_number.clone(),
        ),
        (tr.t("export-controller-email").into(), p.email.clone()),
        (tr.t("export-controller-phone").into(), p.phone.clone()),
        (tr.t("export-controller-website").into(), p.website.clone()),
        (
            tr.t("export-controller-authority").into(),
            p.jurisdiction
                .map(|j| j.supervisory_authority().to_owned())
                .unwrap_or_default(),
        ),
    ];
    if !p.representative.trim().is_empty() {
        title_fields.push((
            tr.t("export-controller-representative").into(),
            p.representative.clone(),
        ));
    }
    if !p.joint_controllers.trim().is_empty() {
        title_fields.push((
            tr.t("export-controller-joint").into(),
            p.joint_controllers.clone(),
        ));
    }
    let dpo = if p.dpo.appointed {
        [p.dpo.name.trim(), p.dpo.email.trim(), p.dpo.phone.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        tr.t("export-dpo-none").to_owned()
    };
    title_fields.push((tr.t("export-dpo").into(), dpo));
    if let Some(d) = reg.as_of {
        title_fields.push((tr.t("export-as-of").into(), tr.date(d)));
    }
    if let Some(t) = view.options.generated_at {
        let ms = i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(0);
        title_fields.push((tr.t("export-generated-at").into(), tr.date_time_ms(ms)));
    }
    title_fields.push((
        tr.t("export-last-review").into(),
        reg.last_review
            .map(|d| tr.date(d))
            .unwrap_or_else(|| tr.t("export-never").to_owned()),
    ));
    title_fields.push((
        tr.t("export-activity-count").into(),
        tr.number(i64::try_from(view.activities.len()).unwrap_or(i64::MAX)),
    ));
    for (label, value) in &title_fields {
        l.field(label, value);
    }

    // Overview: every activity with its number, so an auditor finds a section.
    l.heading(tr.t("export-pdf-overview"), 13.0);
    for (i, a) in view.activities.iter().enumerate() {
        l.field_with(
            &format!("{}.", i + 1),
            &format!("{} ({})", a.name, labels::status(tr, a)),
            24.0,
        );
    }

    // One section per activity, each starting on a new page.
    for (i, a) in view.activities.iter().enumerate() {
        l.new_page();
        l.heading(&format!("{}. {}", i + 1, a.name), 14.0);
        let row = activity_row(view, a, "\n");
        for (column, value) in COLUMNS.iter().zip(&row) {
            if matches!(column.key, "export-col-name") {
                continue;
            }
            l.field(tr.t(column.key), value);
        }
    }

    // Recipients and processors, with their agreements.
    l.new_page();
    l.heading(tr.t("export-pdf-recipients"), 14.0);
    if reg.recipients.is_empty() {
        l.paragraph(
            tr.t("export-pdf-no-recipients"),
            Weight::Regular,
            BODY,
            true,
        );
    }
    let keys = crate::table::RECIPIENT_COLUMNS;
    for r in &reg.recipients {
        l.heading(&r.name, 11.0);
        let row = recipient_row(view, r, "\n");
        // A party that is not a processor has no processing agreement: its agreement rows would all be empty.
        let no_agreement = r.role != RecipientRole::Processor && r.agreements.is_empty();
        for ((key, _), value) in keys.iter().zip(&row).skip(1) {
            if no_agreement && crate::table::AGREEMENT_COLUMNS.contains(key) {
                continue;
            }
            l.field(tr.t(key), value);
        }
    }

    // Write the pages, each with its footer.
    let metadata = Metadata::new()
        .title(format!(
            "{} — {}",
            tr.t("export-pdf-title"),
            view.controller_name()
        ))
        .language(tr.code().to_owned())
        .creator("Kluis".to_owned());
    let footer_name = or(tr, "export-pdf-title", "");
    let footer_left = format!("{footer_name} — {}", view.controller_name());
    l.finish(metadata, &footer_left, |page, total| {
        tr.t_with(
            "export-pdf-page",
            &[("page", &page.to_string()), ("total", &total.to_string())],
        )
    })
}
