//! A real browser through the register as a new organisation meets it: profile, three activities from the starter
//! library made active (and one of its own, filled in after activation was refused), a processor with its signed agreement and Art. 28(3) checklist, the privacy statement
//! published and read on its public page, the register exported as a PDF, and compliance findings that are there
//! before their gap is fixed and gone after.
//!
//! Only what a user does in the UI: clicks, typing, choosing, uploading. Assertions rest on addresses, element ids
//! and `data-rule` attributes, and on what the user typed, not on translated text.

use crate::browser::{
    absent, choose, click, current_path, downloaded, fill, go, run_flow, text_of, value_of,
    wait_css, wait_path, wait_text, wait_url,
};
use crate::serve::PASSWORD;
use fantoccini::{Client, Locator};
use std::path::Path;

const LEGAL_NAME: &str = "Bakkerij De Korenschoof B.V.";
const PROCESSOR: &str = "Boekhoudkantoor Smit";
const STARTERS: [&str; 3] = ["customer_administration", "invoicing", "payroll"];

#[test]
fn new_organisation_register_processor_statement_export_and_findings() {
    run_flow(
        "new_organisation_register_processor_statement_export_and_findings",
        |c, url, folder| async move {
            let agreement = folder.join("verwerkersovereenkomst.pdf");
            std::fs::write(
                &agreement,
                small_pdf("Verwerkersovereenkomst Boekhoudkantoor Smit"),
            )
            .map_err(|e| format!("agreement file: {e}"))?;
            flow(&c, &url, &agreement, &folder.join("downloads")).await
        },
    );
}

async fn flow(c: &Client, base: &str, agreement: &Path, downloads: &Path) -> Result<(), String> {
    // A fresh install: the owner sets up, then opens a new organisation for the bakery (as a consultant would).
    go(c, &format!("{base}/")).await?;
    wait_css(c, "form[action='/setup']").await?;
    fill(c, "#org_name", "Adviesbureau Privacy").await?;
    fill(c, "#name", "Anna de Vries").await?;
    fill(c, "#email", "anna@advies.test").await?;
    fill(c, "#password", PASSWORD).await?;
    click(c, "form[action='/setup'] button[type='submit']").await?;
    wait_css(c, "form[action='/logout']").await?;
    click(c, "a[href='/orgs/new']").await?;
    wait_css(c, "form[action='/orgs/new']").await?;
    fill(c, "#org_name", "Bakkerij De Korenschoof").await?;
    click(c, "form[action='/orgs/new'] button[type='submit']").await?;
    let org = "/o/bakkerij-de-korenschoof";
    wait_path(c, org).await?;

    // Nothing is published yet, and the check says so.
    open_compliance(c, org).await?;
    expect_finding(c, "statement.missing", None, true).await?;

    // The organisation profile: who the controller is and where (the statement needs it).
    nav(c, org, "/profile").await?;
    wait_css(c, "#p-legal-name").await?;
    fill(c, "#p-legal-name", LEGAL_NAME).await?;
    fill(c, "#p-address", "Dorpsstraat 1\n1234 AB Ergens").await?;
    fill(c, "#p-email", "privacy@korenschoof.test").await?;
    choose(c, "#p-jurisdiction", "nl").await?;
    fill(c, "#p-reg", "12345678").await?;
    fill(c, "#p-employees", "6").await?;
    click(
        c,
        &format!("form[action='{org}/profile'] button[type='submit']"),
    )
    .await?;
    wait_url(c, "notice=profile-saved").await?;
    let saved = value_of(c, "#p-legal-name").await?;
    if saved != LEGAL_NAME {
        return Err(format!("the profile kept {saved:?} as the legal name"));
    }

    // Three activities from the starter library, each made active from its page.
    let mut activities = Vec::new();
    for key in STARTERS {
        nav(c, org, "/register").await?;
        click(c, &format!("a[href='{org}/register/library']")).await?;
        let pick = format!("section[aria-labelledby='tpl-{key}'] button[type='submit']");
        wait_css(c, &pick).await?;
        click(c, &pick).await?;
        wait_url(c, "notice=activity-created").await?;
        let path = current_path(c).await?;
        let Some(id) = path.strip_prefix(&format!("{org}/register/activities/")) else {
            return Err(format!("picking {key} led to {path}, not an activity page"));
        };
        let id = id.to_owned();
        let name = text_of(c, "h1").await?;
        click(
            c,
            &format!("form[action='{path}/status'] button[type='submit']"),
        )
        .await?;
        wait_url(c, "notice=activity-activated")
            .await
            .map_err(|e| format!("activating {key}: {e}"))?;
        if !absent(
            c,
            &format!("form[action='{path}/status'] input[value='active']"),
        )
        .await?
        {
            return Err(format!("{key} still offers to be activated"));
        }
        activities.push((id, name));
    }
    activities.push(own_activity(c, org).await?);
    nav(c, org, "/register").await?;
    for (id, name) in &activities {
        let link = format!("table a[href='{org}/register/activities/{id}']");
        wait_css(c, &link).await?;
        let shown = text_of(c, &link).await?;
        if shown != *name {
            return Err(format!("the register lists {shown:?}, expected {name:?}"));
        }
    }

    // A processor: the bookkeeper, who has no agreement yet.
    nav(c, org, "/recipients").await?;
    wait_css(c, "#r-name").await?;
    fill(c, "#r-name", PROCESSOR).await?;
    choose(c, "#r-role", "processor").await?;
    fill(c, "#r-country", "NL").await?;
    fill(c, "#r-contact", "info@smit.test").await?;
    fill(c, "#r-services", "Loonadministratie en jaarrekening").await?;
    click(
        c,
        &format!("form[action='{org}/recipients'] button[type='submit']"),
    )
    .await?;
    wait_url(c, "notice=recipient-saved").await?;
    let recipient = current_path(c).await?;
    if !recipient.starts_with(&format!("{org}/recipients/")) {
        return Err(format!("adding the processor led to {recipient}"));
    }
    wait_css(c, ".badge.state-missing").await?;

    // Payroll goes to the bookkeeper: tick the processor on the activity's form and save it as it stands.
    let (payroll, _) = &activities[2];
    let activity = format!("{org}/register/activities/{payroll}");
    go(c, &format!("{base}{activity}")).await?;
    let recipient_id = recipient.rsplit('/').next().unwrap_or_default();
    let tick = format!("input[name='recipients'][value='{recipient_id}']");
    wait_css(c, &tick).await?;
    click(c, &tick).await?;
    click(
        c,
        &format!("form[action='{activity}'] button[type='submit']"),
    )
    .await?;
    wait_url(c, "notice=activity-saved").await?;
    let ticked = c
        .find(Locator::Css(&tick))
        .await
        .map_err(|e| format!("find {tick}: {e}"))?
        .prop("checked")
        .await
        .map_err(|e| format!("read {tick}: {e}"))?;
    if ticked.as_deref() != Some("true") {
        return Err("the processor is not linked to payroll after saving".into());
    }

    // Before the agreement: an active activity uses a processor without one, urgently.
    open_compliance(c, org).await?;
    let fix = format!("a[href='{recipient}']");
    expect_finding(c, "recipient.agreement_missing", Some(&fix), true).await?;
    let urgent =
        format!("li[data-rule='recipient.agreement_missing'][data-rule-severity='high'] {fix}");
    wait_css(c, &urgent).await?;
    // The finding's own link leads to the page that fixes it.
    click(
        c,
        &format!("li[data-rule='recipient.agreement_missing'] {fix}"),
    )
    .await?;
    wait_path(c, &recipient).await?;

    // The signed agreement: the PDF, the signing date and every point of Art. 28(3).
    wait_css(c, "#na-file").await?;
    let path = agreement.display().to_string();
    c.find(Locator::Css("#na-file"))
        .await
        .map_err(|e| format!("file input: {e}"))?
        .send_keys(&path)
        .await
        .map_err(|e| format!("choose the agreement file: {e}"))?;
    type_date(c, "#na-signed", "2026-01-15").await?;
    let form = format!("form[action='{recipient}/agreements']");
    let boxes = c
        .find_all(Locator::Css(&format!("{form} input[type='checkbox']")))
        .await
        .map_err(|e| format!("checklist: {e}"))?;
    if boxes.len() != 8 {
        return Err(format!(
            "the Art. 28(3) checklist has {} points, not 8",
            boxes.len()
        ));
    }
    for b in boxes {
        b.click()
            .await
            .map_err(|e| format!("tick a checklist point: {e}"))?;
    }
    choose(c, "#na-auth", "general").await?;
    click(c, &format!("{form} button[type='submit']")).await?;
    wait_url(c, "notice=agreement-saved").await?;
    wait_css(c, ".badge.state-valid")
        .await
        .map_err(|e| format!("the agreement is not valid: {e}"))?;
    wait_css(c, &format!("a[href^='{org}/documents/']"))
        .await
        .map_err(|e| format!("the signed document is not linked: {e}"))?;

    // The finding has gone, and nothing else about this processor is open.
    open_compliance(c, org).await?;
    for rule in [
        "recipient.agreement_missing",
        "recipient.agreement_incomplete",
        "agreement.expired",
    ] {
        expect_finding(c, rule, Some(&fix), false).await?;
    }

    // The privacy statement, published and read on its public page.
    nav(c, org, "/statement").await?;
    let publish = format!("form[action='{org}/statement/publish'] button[type='submit']");
    wait_css(c, &publish)
        .await
        .map_err(|e| format!("the statement cannot be published: {e}"))?;
    click(c, &publish).await?;
    wait_url(c, "notice=statement-published").await?;
    let public = "/p/bakkerij-de-korenschoof/privacy";
    click(c, &format!("a[href='{public}']")).await?;
    wait_path(c, public).await?;
    wait_text(c, LEGAL_NAME).await?;
    for (_, name) in &activities {
        wait_text(c, name)
            .await
            .map_err(|e| format!("the public statement: {e}"))?;
    }
    wait_text(c, PROCESSOR)
        .await
        .map_err(|e| format!("the public statement names no recipient: {e}"))?;
    go(c, &format!("{base}{org}")).await?;
    open_compliance(c, org).await?;
    expect_finding(c, "statement.missing", None, false).await?;
    expect_finding(c, "statement.outdated", None, false).await?;

    // The register as a PDF, downloaded the way a user does: choose the format and press the button.
    nav(c, org, "/register").await?;
    wait_css(c, "#x-format").await?;
    choose(c, "#x-format", "pdf").await?;
    click(
        c,
        &format!("form[action='{org}/register/export'] button[type='submit']"),
    )
    .await?;
    let pdf = downloaded(downloads, "pdf").await?;
    let bytes = std::fs::read(&pdf).map_err(|e| format!("read {}: {e}", pdf.display()))?;
    if !bytes.starts_with(b"%PDF") {
        return Err(format!(
            "the register export {} is not a PDF: {:?}",
            pdf.display(),
            String::from_utf8_lossy(&bytes[..bytes.len().min(40)])
        ));
    }
    Ok(())
}

/// An activity of the organisation's own, from a blank form: activating it is refused while the page lists what
/// is missing; filled in on the page, it becomes active. Returns its id and name.
async fn own_activity(c: &Client, org: &str) -> Result<(String, String), String> {
    let name = "Proefpanel nieuwe broden";
    nav(c, org, "/register").await?;
    wait_css(c, "#new-name").await?;
    fill(c, "#new-name", name).await?;
    click(
        c,
        &format!("form[action='{org}/register/activities'] button[type='submit']"),
    )
    .await?;
    wait_url(c, "notice=activity-created").await?;
    let path = current_path(c).await?;
    let id = path.rsplit('/').next().unwrap_or_default().to_owned();
    let activate = format!("form[action='{path}/status'] button[type='submit']");
    click(c, &activate).await?;
    wait_url(c, "error=activity-incomplete").await?;
    wait_css(c, "ul.missing li").await?;

    // What activation asks for: a purpose, whose data, which data, a legal basis and how long it is kept.
    for tick in [
        "input[name='purposes'][value='essential.service']",
        "input[name='subjects'][value='customer']",
        "input[name='categories'][value='user.name']",
        "input[name='categories'][value='user.contact.email']",
    ] {
        click(c, tick).await?;
    }
    choose(c, "#a-basis", "consent").await?;
    fill(c, "input[name='retention-0-amount']", "6").await?;
    choose(c, "select[name='retention-0-unit']", "months").await?;
    choose(c, "select[name='retention-0-starts']", "collection").await?;
    fill(
        c,
        "input[name='retention-0-reference']",
        "tot zes maanden na het proeven",
    )
    .await?;
    click(c, &format!("form[action='{path}'] button[type='submit']")).await?;
    wait_url(c, "notice=activity-saved").await?;
    if !absent(c, "ul.missing").await? {
        return Err("the filled-in activity still lacks fields".into());
    }
    click(c, &activate).await?;
    wait_url(c, "notice=activity-activated").await?;
    Ok((id, name.to_owned()))
}

/// Follows the main navigation's link to a module page, as a user would.
async fn nav(c: &Client, org: &str, page: &str) -> Result<(), String> {
    let link = format!("nav.main-nav-wide a[href='{org}{page}']");
    wait_css(c, &link).await?;
    click(c, &link).await?;
    wait_path(c, &format!("{org}{page}")).await
}

async fn open_compliance(c: &Client, org: &str) -> Result<(), String> {
    nav(c, org, "/compliance").await?;
    wait_css(c, "#compliance-findings").await
}

/// Checks that the compliance page lists (or does not list) a finding of `rule`, if given one whose fix link
/// matches `link`.
async fn expect_finding(
    c: &Client,
    rule: &str,
    link: Option<&str>,
    present: bool,
) -> Result<(), String> {
    let css = match link {
        Some(l) => format!("li[data-rule='{rule}'] {l}"),
        None => format!("li[data-rule='{rule}']"),
    };
    let found = !absent(c, &css).await?;
    if found != present {
        let listed = listed_rules(c).await?;
        return Err(format!(
            "finding {css} {} (the page lists {listed:?})",
            if present {
                "is missing"
            } else {
                "is still there"
            }
        ));
    }
    Ok(())
}

async fn listed_rules(c: &Client) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for li in c
        .find_all(Locator::Css("li[data-rule]"))
        .await
        .map_err(|e| e.to_string())?
    {
        if let Some(rule) = li.attr("data-rule").await.map_err(|e| e.to_string())? {
            out.push(rule);
        }
    }
    Ok(out)
}

/// Types an ISO date into a date input the way a user does: the digits in the order the browser's locale shows
/// the fields. The browser's order is learnt from what it makes of a first try, so the test does not depend on
/// the machine's locale.
async fn type_date(c: &Client, css: &str, iso: &str) -> Result<(), String> {
    let [y, m, d] = {
        let parts: Vec<&str> = iso.split('-').collect();
        match parts.as_slice() {
            [y, m, d] => [*y, *m, *d],
            _ => return Err(format!("not an ISO date: {iso}")),
        }
    };
    for order in [[m, d, y], [d, m, y], [y, m, d]] {
        let el = c
            .find(Locator::Css(css))
            .await
            .map_err(|e| format!("find {css}: {e}"))?;
        el.clear().await.map_err(|e| format!("clear {css}: {e}"))?;
        el.send_keys(&order.concat())
            .await
            .map_err(|e| format!("type into {css}: {e}"))?;
        if value_of(c, css).await? == iso {
            return Ok(());
        }
    }
    Err(format!("could not type {iso} into {css}"))
}

/// A small but well-formed one-page PDF holding `text`, as a signed agreement's scan would be.
fn small_pdf(text: &str) -> Vec<u8> {
    let stream = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
