//! A real browser through issue 16's work: a breach affecting imported customers reported and notified to the AP
//! within the 72 hours, an activity screened and its DPIA run and exported as PDF, and the CNIL tool's example PIA
//! imported through the DPIA page.
//!
//! Only what a user does in the UI: clicks, typing, choosing, uploading. Assertions rest on addresses, element ids
//! and `data-*` attributes, and on what the user typed or uploaded, not on translated text. The CNIL file is GPL:
//! read from ../shared here, never copied.

use crate::browser::{
    ORG, absent, activate_starter, attr_of, choose, choose_file, click, current_path, downloaded,
    fill, nav, run_flow, setup, text_of, value_of, wait_css, wait_path, wait_url,
};
use fantoccini::{Client, Locator};
use std::path::{Path, PathBuf};

const CUSTOMERS: [(&str, &str, &str); 3] = [
    ("Anna", "Jansen", "anna@example.nl"),
    ("Frank", "Vermeulen", "frank@example.nl"),
    ("Lotte", "Brood", "lotte@example.nl"),
];
const AP_REFERENCE: &str = "AP-MELD-2026-0042";

#[test]
fn a_breach_of_imported_customers_is_notified_to_the_ap_within_the_clock() {
    run_flow(
        "a_breach_of_imported_customers_is_notified_to_the_ap_within_the_clock",
        |c, base, folder| async move { breach_flow(&c, &base, &folder).await },
    );
}

async fn breach_flow(c: &Client, base: &str, folder: &Path) -> Result<(), String> {
    setup(c, base).await?;
    activate_starter(c, "customer_administration").await?;
    import_customers(c, folder).await?;

    // The laptop was lost this morning: reported with awareness three hours ago.
    nav(c, "/breaches").await?;
    let report = format!("a[href='{ORG}/breaches/new']");
    wait_css(c, &report).await?;
    click(c, &report).await?;
    wait_path(c, &format!("{ORG}/breaches/new")).await?;
    wait_css(c, "#summary").await?;
    fill(
        c,
        "#summary",
        "Laptop met de klantenlijst verloren in de trein",
    )
    .await?;
    let now = attr_of(c, "#aware_at", "max").await?;
    let aware = hours_before(&now, 3)?;
    type_moment(c, "#aware_at", &aware).await?;
    click(c, "#na-confidentiality").await?;
    click(c, "#ev-lost").await?;
    choose(c, "#cause", "lost_or_stolen_device").await?;
    click(
        c,
        &format!("form[action='{ORG}/breaches'] button[type='submit']"),
    )
    .await?;
    wait_url(c, "notice=breach-registered").await?;
    let breach = current_path(c).await?;
    if !breach.starts_with(&format!("{ORG}/breaches/")) {
        return Err(format!("reporting the breach led to {breach}"));
    }
    let clock = attr_of(c, "#countdown", "data-clock").await?;
    if clock != "running" {
        return Err(format!("a new breach's clock is {clock:?}, not running"));
    }
    let stored = value_of(c, "#aware_at").await?;
    if stored != aware {
        return Err(format!(
            "the breach keeps awareness {stored:?}, typed {aware:?}"
        ));
    }

    // Every customer was on the laptop: selected by kind, counted from the imported relations.
    choose(c, "#sel-kind", "customer").await?;
    click(
        c,
        &format!(
            "form[action='{breach}/affected']:has(input[name='by'][value='kind']) button[type='submit']"
        ),
    )
    .await?;
    wait_url(c, &format!("added={}", CUSTOMERS.len())).await?;
    wait_css(c, "#people-count").await?;
    let count = text_of(c, "#people-count").await?;
    if count != CUSTOMERS.len().to_string() {
        return Err(format!(
            "the breach counts {count} people, {} were imported",
            CUSTOMERS.len()
        ));
    }
    let rows = c
        .find_all(Locator::Css("#people tbody tr[data-relation]"))
        .await
        .map_err(|e| format!("the people table: {e}"))?
        .len();
    if rows != CUSTOMERS.len() {
        return Err(format!("the people table lists {rows} relations"));
    }
    let people = text_of(c, "#people").await?;
    for (given, family, _) in CUSTOMERS {
        if !people.contains(given) || !people.contains(family) {
            return Err(format!("{given} {family} is not among the people affected"));
        }
    }

    // The decision: a risk, so the AP is told; the people not (the risk is not high).
    choose(c, "#risk", "risk").await?;
    fill(
        c,
        "#rationale",
        "Namen en e-mailadressen, geen wachtwoorden",
    )
    .await?;
    if !checked(c, "#notify_authority").await? {
        click(c, "#notify_authority").await?;
    }
    if checked(c, "#notify_people").await? {
        click(c, "#notify_people").await?;
    }
    click(
        c,
        &format!("form[action='{breach}/decision'] button[type='submit']"),
    )
    .await?;
    wait_url(c, "notice=breach-decided").await?;

    // The notification as the AP's form: PDF and JSON, with the linked people counted.
    let downloads = folder.join("downloads");
    click(c, &format!("a[href='{breach}/notification/pdf']")).await?;
    let pdf = downloaded(&downloads, "pdf").await?;
    let bytes = std::fs::read(&pdf).map_err(|e| format!("read {}: {e}", pdf.display()))?;
    if !bytes.starts_with(b"%PDF") {
        return Err("the notification PDF is not a PDF".into());
    }
    click(c, &format!("a[href='{breach}/notification/json']")).await?;
    let json = downloaded(&downloads, "json").await?;
    let bytes = std::fs::read(&json).map_err(|e| format!("read {}: {e}", json.display()))?;
    let form: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("the notification JSON: {e}"))?;
    if form["authority"] != "nl" {
        return Err(format!("the notification is for {}", form["authority"]));
    }
    let sections = form["sections"].as_array().cloned().unwrap_or_default();
    let numbers: Vec<&str> = sections
        .iter()
        .filter_map(|s| s["number"].as_str())
        .collect();
    if numbers != ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"] {
        return Err(format!("the notification's sections are {numbers:?}"));
    }
    let answer = |key: &str| {
        sections
            .iter()
            .flat_map(|s| s["questions"].as_array().cloned().unwrap_or_default())
            .find(|q| q["key"] == key)
            .map(|q| q["answer"].clone())
    };
    for key in ["people_min", "people_max"] {
        let a = answer(key).ok_or(format!("the notification has no {key}"))?;
        if a["type"] != "count" || a["value"] != CUSTOMERS.len() {
            return Err(format!(
                "{key} answers {a}, {} people are linked",
                CUSTOMERS.len()
            ));
        }
    }

    // Sent through the AP's portal: the initial notification recorded with the AP's reference.
    choose(c, "#phase", "initial").await?;
    fill(c, "#reference", AP_REFERENCE).await?;
    click(
        c,
        &format!("form[action='{breach}/notifications'] button[type='submit']"),
    )
    .await?;
    wait_url(c, "notice=breach-notified").await?;
    let table = text_of(c, "#notifications").await?;
    if !table.contains(AP_REFERENCE) {
        return Err(format!(
            "the notifications do not show {AP_REFERENCE}: {table:?}"
        ));
    }
    let clock = attr_of(c, "#countdown", "data-clock").await?;
    if clock != "notified" {
        return Err(format!(
            "after notifying, the clock is {clock:?}, not notified"
        ));
    }
    if !absent(c, "#overdue-alert").await? {
        return Err("the breach says it is overdue".into());
    }
    // The register shows the same.
    nav(c, "/breaches").await?;
    let listed = format!("tr:has(a[href='{breach}']) [data-clock='notified']");
    wait_css(c, &listed)
        .await
        .map_err(|e| format!("the register does not show the breach notified in time: {e}"))
}

/// The customer file, imported through the relations import: every row a customer.
async fn import_customers(c: &Client, folder: &Path) -> Result<(), String> {
    let file = folder.join("klanten.csv");
    let mut csv = String::from("Voornaam,Achternaam,E-mail\n");
    for (given, family, email) in CUSTOMERS {
        csv.push_str(&format!("{given},{family},{email}\n"));
    }
    std::fs::write(&file, csv).map_err(|e| format!("write the customer file: {e}"))?;

    nav(c, "/relations").await?;
    let import = format!("a[href='{ORG}/relations/import']");
    wait_css(c, &import).await?;
    click(c, &import).await?;
    wait_css(c, "#file").await?;
    choose_file(c, "#file", &file).await?;
    click(
        c,
        &format!("form[action='{ORG}/relations/import'] button[type='submit']"),
    )
    .await?;
    wait_css(c, "select[name='col_0']").await?;
    let map = current_path(c).await?;
    for (col, target) in [
        ("col_0", "field:given_name"),
        ("col_1", "field:family_name"),
        ("col_2", "field:email"),
    ] {
        choose(c, &format!("select[name='{col}']"), target).await?;
    }
    choose(c, "#default_kind", "customer").await?;
    click(
        c,
        &format!("form[action='{map}/start'] button[type='submit']:not([formaction]):not([name])"),
    )
    .await?;
    wait_css(c, "#import-main[data-status='done']")
        .await
        .map_err(|e| format!("the import did not finish: {e}"))?;
    let imported = text_of(c, "#imported").await?;
    if imported != CUSTOMERS.len().to_string() {
        return Err(format!(
            "the import took {imported} of {} rows",
            CUSTOMERS.len()
        ));
    }
    Ok(())
}

#[test]
fn the_cnil_example_pia_is_imported_through_the_dpia_page() {
    run_flow(
        "the_cnil_example_pia_is_imported_through_the_dpia_page",
        |c, base, _| async move { cnil_import_flow(&c, &base).await },
    );
}

async fn cnil_import_flow(c: &Client, base: &str) -> Result<(), String> {
    // The browser takes only a canonical path for an upload.
    let file = cnil_file("pia-example-2018.json");
    let file = std::fs::canonicalize(&file).map_err(|e| {
        format!(
            "{}: {e} (lay ../shared beside the checkout)",
            file.display()
        )
    })?;
    let raw = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let pia: serde_json::Value =
        serde_json::from_slice(&raw).map_err(|e| format!("the CNIL file: {e}"))?;
    // The tool's ids of three text questions: the standards (plain text), the data (HTML) and the life cycle.
    let answer = |id: u64| {
        pia["answers"]
            .as_array()
            .and_then(|a| a.iter().find(|x| x["reference_to"] == id))
            .and_then(|x| x["data"]["text"].as_str())
            .map(str::to_owned)
            .ok_or(format!("the CNIL file has no text answer {id}"))
    };
    let expected = [
        ("standards", answer(113)?),
        ("data", answer(121)?),
        ("life_cycle", answer(122)?),
    ];

    setup(c, base).await?;
    nav(c, "/dpia").await?;
    wait_css(c, "#import-file").await?;
    choose_file(c, "#import-file", &file).await?;
    click(
        c,
        &format!("form[action='{ORG}/dpia/import'] button[type='submit']"),
    )
    .await?;
    wait_path(c, &format!("{ORG}/dpia/import")).await?;
    let open = format!("main a[href^='{ORG}/dpia/']");
    wait_css(c, &open)
        .await
        .map_err(|e| format!("the import did not lead to a DPIA: {e}"))?;
    let dpia = attr_of(c, &open, "href").await?;
    click(c, &open).await?;
    wait_path(c, &dpia).await?;

    wait_css(c, "#h-title").await?;
    let title = value_of(c, "#h-title").await?;
    if title != pia["pia"]["name"].as_str().unwrap_or_default() {
        return Err(format!("the imported DPIA is called {title:?}"));
    }
    for (key, text) in &expected {
        let shown = value_of(c, &format!("#t-{key}")).await?;
        if shown.trim() != text.trim() {
            return Err(format!(
                "the answer to {key} reads {shown:?}, the file says {text:?}"
            ));
        }
    }
    // The file's HTML is text here: no element of it made it into the page.
    let inside = c
        .find_all(Locator::Css("#q-data strong, #q-data li, #q-data ul"))
        .await
        .map_err(|e| format!("look into the data answer: {e}"))?;
    if !inside.is_empty() {
        return Err("the data answer's HTML was rendered as markup".into());
    }
    let opinion = value_of(c, "#dpo-opinion").await?;
    if opinion != pia["pia"]["dpo_opinion"].as_str().unwrap_or_default() {
        return Err(format!("the DPO's opinion reads {opinion:?}"));
    }
    Ok(())
}

/// A CNIL PIA tool file from ../shared (or KLUIS_CNIL_PIA_DIR), as the command-line DPIA tests find them.
fn cnil_file(name: &str) -> PathBuf {
    std::env::var_os("KLUIS_CNIL_PIA_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/interop/cnil-pia")
        })
        .join(name)
}

#[test]
fn an_activity_is_screened_and_its_dpia_run_and_exported_as_pdf() {
    run_flow(
        "an_activity_is_screened_and_its_dpia_run_and_exported_as_pdf",
        |c, base, folder| async move { dpia_flow(&c, &base, &folder.join("downloads")).await },
    );
}

async fn dpia_flow(c: &Client, base: &str, downloads: &Path) -> Result<(), String> {
    setup(c, base).await?;
    let activity = activate_starter(c, "camera_surveillance").await?;
    let id = activity.rsplit('/').next().unwrap_or_default().to_owned();

    // The screening, opened from the DPIA module's list of activities.
    nav(c, "/dpia").await?;
    let screening = format!("{ORG}/dpia/screening/{id}");
    let link = format!("a[href='{screening}']");
    wait_css(c, &link).await?;
    click(c, &link).await?;
    wait_path(c, &screening).await?;
    for (list, item) in [
        ("wp248", "systematic_monitoring"),
        ("wp248", "vulnerable_subjects"),
        ("nl_list", "camera_surveillance"),
    ] {
        let css = format!("input[type='checkbox'][name='{list}'][value='{item}']");
        wait_css(c, &css).await?;
        if !checked(c, &css).await? {
            click(c, &css).await?;
        }
    }
    fill(c, "#notes", "Camera bij de kassa, ook gericht op personeel").await?;
    click(
        c,
        &format!("form[action='{screening}'] button[type='submit']"),
    )
    .await?;
    wait_url(c, "done=screened").await?;
    if value_of(c, "#notes").await? != "Camera bij de kassa, ook gericht op personeel" {
        return Err("the screening did not keep its notes".into());
    }

    // Two criteria: a DPIA is required, and started from the screening.
    let start = format!(
        "form[action='{ORG}/dpia']:has(input[name='activity'][value='{id}']) button[type='submit']"
    );
    wait_css(c, &start)
        .await
        .map_err(|e| format!("the screening does not offer to start a DPIA: {e}"))?;
    click(c, &start).await?;
    wait_url(c, "done=created").await?;
    let dpia = current_path(c).await?;
    if !dpia.starts_with(&format!("{ORG}/dpia/")) || dpia.contains("/screening/") {
        return Err(format!("starting the DPIA led to {dpia}"));
    }

    // One answer and one risk, each saved with its own form.
    let standards = "Camerabeleid volgens de AP-handreiking; beelden vier weken bewaard";
    fill(c, "#t-standards", standards).await?;
    click(c, "#q-standards button[type='submit']").await?;
    wait_url(c, "done=saved").await?;
    if value_of(c, "#t-standards").await? != standards {
        return Err("the answer to standards was not kept".into());
    }
    let risk = "illegitimate_access";
    fill(
        c,
        &format!("#r-{risk}-impacts"),
        "Beelden van klanten en personeel op straat",
    )
    .await?;
    choose(c, &format!("#r-{risk}-severity"), "3").await?;
    choose(c, &format!("#r-{risk}-likelihood"), "2").await?;
    click(
        c,
        &format!(
            "form:has(input[name='part'][value='risk']):has(input[name='kind'][value='{risk}']) button[type='submit']"
        ),
    )
    .await?;
    wait_url(c, "done=saved").await?;
    for (field, want) in [("severity", "3"), ("likelihood", "2")] {
        let got = value_of(c, &format!("#r-{risk}-{field}")).await?;
        if got != want {
            return Err(format!("the risk's {field} is {got:?}, chose {want}"));
        }
    }

    // The DPIA as a PDF.
    click(c, &format!("a[href='{dpia}/export?format=pdf']")).await?;
    let pdf = downloaded(downloads, "pdf").await?;
    let bytes = std::fs::read(&pdf).map_err(|e| format!("read {}: {e}", pdf.display()))?;
    if !bytes.starts_with(b"%PDF") {
        return Err("the DPIA PDF is not a PDF".into());
    }
    Ok(())
}

// ---- steps shared by the flows ----

// ---- small browser helpers ----

async fn checked(c: &Client, css: &str) -> Result<bool, String> {
    c.find(Locator::Css(css))
        .await
        .map_err(|e| format!("find {css}: {e}"))?
        .is_selected()
        .await
        .map_err(|e| format!("is {css} ticked: {e}"))
}

/// Types the `datetime-local` value `at` (`2026-03-27T14:30`) as a user does: the date's parts in the browser's
/// (en-US) order, then the time with AM or PM; checks that the field holds `at` afterwards.
async fn type_moment(c: &Client, css: &str, at: &str) -> Result<(), String> {
    let (date, clock) = at
        .split_once('T')
        .ok_or(format!("{at:?} is not a datetime-local value"))?;
    let mut d = date.split('-');
    let (year, month, day) = (
        d.next().unwrap_or_default(),
        d.next().unwrap_or_default(),
        d.next().unwrap_or_default(),
    );
    let (hour, minute) = clock.split_once(':').ok_or(format!("{at:?} has no time"))?;
    let hour: u32 = hour.parse().map_err(|_| format!("{at:?}: hour"))?;
    let (h12, half) = match hour {
        0 => (12, "AM"),
        1..=11 => (hour, "AM"),
        12 => (12, "PM"),
        _ => (hour - 12, "PM"),
    };
    let keys = format!("{month}{day}{year}{h12:02}{minute}{half}");
    c.find(Locator::Css(css))
        .await
        .map_err(|e| format!("find {css}: {e}"))?
        .send_keys(&keys)
        .await
        .map_err(|e| format!("type into {css}: {e}"))?;
    let got = value_of(c, css).await?;
    if got != at {
        return Err(format!("{css} holds {got:?} after typing {at:?}"));
    }
    Ok(())
}

/// The `datetime-local` value `hours` before `at`.
fn hours_before(at: &str, hours: i64) -> Result<String, String> {
    let f = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]");
    let t = time::PrimitiveDateTime::parse(at.get(..16).unwrap_or(at), &f)
        .map_err(|e| format!("{at:?} is not a datetime-local value: {e}"))?;
    (t - time::Duration::hours(hours))
        .format(&f)
        .map_err(|e| e.to_string())
}
