//! A real browser through the relations work of a small business: a customer file imported with its bad rows
//! named, a consent given and withdrawn by the person through the link sent by hand, an access request answered
//! with its bundle, and an erasure that keeps the invoice the tax law asks to keep.
//!
//! Only what a user does in the UI: clicks, typing, choosing, uploading. Assertions rest on addresses, element ids
//! and `data-*` attributes, and on what the user typed, not on translated text.

use crate::browser::{
    ORG, OWNER, absent, activate_starter, attr_of, choose, choose_file, click, current_path,
    downloaded, fill, go, nav, run_flow, setup, text_of, value_of, wait_css, wait_path, wait_url,
};
use crate::serve::PASSWORD;
use fantoccini::{Client, Locator};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const STAFF: &str = "sanne@korenschoof.test";
const STAFF_PASSWORD: &str = "another long password 42";
const EMAIL_PURPOSE: &str = "marketing.communications.email";

#[test]
fn a_customer_file_is_imported_and_its_bad_rows_are_named_by_row_and_reason() {
    run_flow(
        "a_customer_file_is_imported_and_its_bad_rows_are_named_by_row_and_reason",
        |c, base, folder| async move { import_flow(&c, &base, &folder).await },
    );
}

async fn import_flow(c: &Client, base: &str, folder: &Path) -> Result<(), String> {
    setup(c, base).await?;
    activate_starters(c, &["customer_administration", "payroll"]).await?;
    // Row 3 has no valid address, row 4 a 31st of February, row 5 repeats row 2's address (another case).
    let file = folder.join("klanten.csv");
    std::fs::write(
        &file,
        "Voornaam,Achternaam,E-mail,Soort,Geboortedatum\n\
         Anna,Jansen,anna@example.nl,klant,\n\
         Bert,Bakker,geen-adres,klant,\n\
         Carla,Smit,,medewerker,31-02-1980\n\
         Dirk,Dekker,ANNA@example.nl,klant,\n\
         Frank,Vermeulen,frank@example.nl,klant,\n",
    )
    .map_err(|e| format!("write the customer file: {e}"))?;

    nav(c, "/relations").await?;
    let import = format!("a[href='{ORG}/relations/import']");
    wait_css(c, &import).await?;
    click(c, &import).await?;
    wait_path(c, &format!("{ORG}/relations/import")).await?;
    wait_css(c, "#file").await?;
    choose_file(c, "#file", &file).await?;
    click(
        c,
        &format!("form[action='{ORG}/relations/import'] button[type='submit']"),
    )
    .await?;

    // The mapping page: every column set to what it holds, then the preview.
    wait_css(c, "select[name='col_0']").await?;
    let map = current_path(c).await?;
    if !map.starts_with(&format!("{ORG}/relations/import/")) {
        return Err(format!("the upload led to {map}, not a mapping page"));
    }
    for (col, target) in [
        ("col_0", "field:given_name"),
        ("col_1", "field:family_name"),
        ("col_2", "field:email"),
        ("col_3", "kind"),
        ("col_4", "field:date_of_birth"),
    ] {
        choose(c, &format!("select[name='{col}']"), target).await?;
    }
    choose(c, "#default_kind", "customer").await?;
    click(c, &format!("button[formaction='{map}/preview']")).await?;
    wait_css(c, "tr[data-row='6']").await?;
    for (row, reason) in [
        (3, "import-invalid-email"),
        (4, "import-impossible-date"),
        (5, "import-duplicate-email"),
    ] {
        let css = format!("tr[data-row='{row}'][data-reasons~='{reason}']");
        wait_css(c, &css)
            .await
            .map_err(|e| format!("the preview does not name row {row}: {e}"))?;
    }
    for row in [2, 6] {
        let reasons = attr_of(c, &format!("tr[data-row='{row}']"), "data-reasons").await?;
        if !reasons.is_empty() {
            return Err(format!("the preview finds {reasons:?} in good row {row}"));
        }
    }
    // The preview stored nothing.
    let before = relation_emails(c).await?;
    if !before.is_empty() {
        return Err(format!("the preview stored relations: {before:?}"));
    }
    go(c, &format!("{base}{map}")).await?;
    wait_css(c, "select[name='col_0']").await?;
    for (col, target) in [
        ("col_0", "field:given_name"),
        ("col_1", "field:family_name"),
        ("col_2", "field:email"),
        ("col_3", "kind"),
        ("col_4", "field:date_of_birth"),
    ] {
        choose(c, &format!("select[name='{col}']"), target).await?;
    }

    // Run it: the page follows the job until it is done.
    click(
        c,
        &format!("form[action='{map}/start'] button[type='submit']:not([formaction]):not([name])"),
    )
    .await?;
    wait_css(c, "#import-main[data-status='done']")
        .await
        .map_err(|e| format!("the import did not finish: {e}"))?;
    for (id, want) in [("imported", "2"), ("skipped", "2"), ("duplicates", "1")] {
        let got = text_of(c, &format!("#{id}")).await?;
        if got != want {
            return Err(format!("the result says {got} {id}, expected {want}"));
        }
    }
    let mut problems = Vec::new();
    for li in c
        .find_all(Locator::Css("ul.problems li[data-row]"))
        .await
        .map_err(|e| format!("problems: {e}"))?
    {
        let row = li.attr("data-row").await.map_err(|e| e.to_string())?;
        let reason = li.attr("data-reason").await.map_err(|e| e.to_string())?;
        problems.push((row.unwrap_or_default(), reason.unwrap_or_default()));
    }
    problems.sort();
    let expected: Vec<(String, String)> = [
        ("3", "import-invalid-email"),
        ("4", "import-impossible-date"),
        ("5", "import-duplicate-email"),
    ]
    .iter()
    .map(|(r, k)| ((*r).to_owned(), (*k).to_owned()))
    .collect();
    if problems != expected {
        return Err(format!(
            "the result lists {problems:?}, expected {expected:?}"
        ));
    }

    // The relations list: the good rows, none of the bad ones, nothing half-written.
    click(c, &format!("#import-main a[href='{ORG}/relations']")).await?;
    wait_path(c, &format!("{ORG}/relations")).await?;
    let mut emails = relation_emails(c).await?;
    emails.sort();
    if emails != ["anna@example.nl", "frank@example.nl"] {
        return Err(format!("the relations list holds {emails:?}"));
    }
    let source = c.source().await.map_err(|e| e.to_string())?;
    for bad in ["Bert", "Carla", "Dirk", "geen-adres"] {
        if source.contains(bad) {
            return Err(format!("{bad} of a refused row is in the relations list"));
        }
    }
    Ok(())
}

/// The e-mail addresses in the relations list's table (fourth column), as shown.
async fn relation_emails(c: &Client) -> Result<Vec<String>, String> {
    nav(c, "/relations").await?;
    wait_css(c, "#q").await?;
    let mut out = Vec::new();
    for td in c
        .find_all(Locator::Css("table tbody tr td:nth-child(4)"))
        .await
        .map_err(|e| format!("the relations table: {e}"))?
    {
        let t = td.text().await.map_err(|e| e.to_string())?;
        if !t.trim().is_empty() {
            out.push(t.trim().to_owned());
        }
    }
    Ok(out)
}

#[test]
fn a_consent_is_given_and_withdrawn_by_the_person_through_the_link_sent_by_hand() {
    run_flow(
        "a_consent_is_given_and_withdrawn_by_the_person_through_the_link_sent_by_hand",
        |c, base, _| async move { consent_flow(&c, &base).await },
    );
}

async fn consent_flow(c: &Client, base: &str) -> Result<(), String> {
    setup(c, base).await?;
    activate_starters(c, &["customer_administration", "newsletter"]).await?;
    let relation = new_person(c, "Lotte", "Brood", "lotte@example.nl", None).await?;

    // Without SMTP, asking for the preferences link shows the letter to send by hand.
    let consents = format!("{relation}/consents");
    click(c, &format!("a[href='{consents}']")).await?;
    wait_path(c, &consents).await?;
    let ask = format!("form[action='{consents}/preferences-link'] button[type='submit']");
    wait_css(c, &ask).await?;
    click(c, &ask).await?;
    wait_css(c, "pre.letter").await?;
    let letter = text_of(c, "pre.letter").await?;
    let link = link_in(&letter, "/p/bakkerij-de-korenschoof/preferences/")
        .ok_or_else(|| format!("no preferences link in the letter: {letter:?}"))?;
    if !link.starts_with(base) {
        return Err(format!("the link {link} does not lead to this Kluis"));
    }

    // The person, not logged in, follows the link.
    logout(c).await?;
    go(c, &link).await?;
    let give = public_choice(EMAIL_PURPOSE, "give");
    let withdraw = public_choice(EMAIL_PURPOSE, "withdraw");
    wait_css(c, &give).await?;
    let page = c.source().await.map_err(|e| e.to_string())?;
    if page.contains("lotte@example.nl") || page.contains("Brood") {
        return Err("the public page shows the person's data".into());
    }
    if !absent(c, &withdraw).await? {
        return Err("the page offers a withdrawal before anything was given".into());
    }
    click(c, &format!("{give} button[type='submit']")).await?;
    wait_css(c, &withdraw)
        .await
        .map_err(|e| format!("giving did not take: {e}"))?;
    // Withdrawing is the same one click.
    click(c, &format!("{withdraw} button[type='submit']")).await?;
    wait_css(c, &give)
        .await
        .map_err(|e| format!("withdrawing did not take: {e}"))?;

    // A staff member reads the history: given, then withdrawn, both by the person on the preferences page.
    login(c, base, OWNER, PASSWORD).await?;
    invite_staff(c, base).await?;
    login(c, base, STAFF, STAFF_PASSWORD).await?;
    nav(c, "/relations").await?;
    click(c, &format!("table a[href='{relation}']")).await?;
    wait_path(c, &relation).await?;
    click(c, &format!("a[href='{consents}']")).await?;
    wait_path(c, &consents).await?;
    wait_css(c, "#history-heading").await?;
    let state = attr_of(
        c,
        &format!("tr[data-purpose='{EMAIL_PURPOSE}'][data-state]"),
        "data-state",
    )
    .await?;
    if state != "withdrawn" {
        return Err(format!("the consent's state is {state}, not withdrawn"));
    }
    let mut history = Vec::new();
    for tr in c
        .find_all(Locator::Css("tr[data-action]"))
        .await
        .map_err(|e| format!("history: {e}"))?
    {
        let mut line = Vec::new();
        for a in ["data-purpose", "data-action", "data-channel"] {
            line.push(
                tr.attr(a)
                    .await
                    .map_err(|e| e.to_string())?
                    .unwrap_or_default(),
            );
        }
        history.push(line.join(" "));
    }
    let expected = [
        format!("{EMAIL_PURPOSE} given preferences_page"),
        format!("{EMAIL_PURPOSE} withdrawn preferences_page"),
    ];
    if history != expected {
        return Err(format!("the history is {history:?}, expected {expected:?}"));
    }
    Ok(())
}

/// The public page's form that makes `choice` for `purpose`.
fn public_choice(purpose: &str, choice: &str) -> String {
    format!(
        "form:has(input[name='purpose'][value='{purpose}']):has(input[name='choice'][value='{choice}'])"
    )
}

/// The first address in `text` containing `marker`, up to the next white space.
fn link_in(text: &str, marker: &str) -> Option<String> {
    let at = text.find(marker)?;
    let start = text[..at].rfind("http")?;
    let rest = &text[start..];
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    Some(rest[..end].to_owned())
}

#[test]
fn an_access_request_is_verified_and_its_bundle_downloaded() {
    run_flow(
        "an_access_request_is_verified_and_its_bundle_downloaded",
        |c, base, folder| async move { access_flow(&c, &base, &folder.join("downloads")).await },
    );
}

async fn access_flow(c: &Client, base: &str, downloads: &Path) -> Result<(), String> {
    setup(c, base).await?;
    activate_starters(c, &["customer_administration"]).await?;
    let email = "wilhelmina@example.nl";
    new_person(c, "Wilhelmina", "Zeldzaamheid", email, Some("0612345678")).await?;

    let request = new_request(c, "access", "W. Zeldzaamheid", email).await?;
    link_request(c, &request, email).await?;
    // Nothing is handed over before the requester is known to be the person.
    let bundle = format!("a[href='{request}/access']");
    wait_css(c, &bundle).await?;
    click(c, &bundle).await?;
    wait_url(c, "error=rights-error-not-verified").await?;
    if let Some(f) = first_file(downloads)? {
        return Err(format!(
            "a bundle was downloaded before verification: {f:?}"
        ));
    }
    verify(c, &request).await?;

    click(c, &bundle).await?;
    let zip = downloaded(downloads, "zip").await?;
    let files = unzip(&zip)?;
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let find = |pred: &dyn Fn(&str) -> bool| {
        files
            .iter()
            .find(|(n, _)| pred(n))
            .map(|(_, b)| b.as_slice())
    };
    let json = find(&|n| n == "data.json").ok_or(format!("no data.json in {names:?}"))?;
    let data: serde_json::Value =
        serde_json::from_slice(json).map_err(|e| format!("data.json: {e}"))?;
    if data["relation"]["values"]["email"] != email
        || data["relation"]["values"]["given_name"] != "Wilhelmina"
    {
        return Err(format!(
            "data.json does not hold the person's data: {}",
            data["relation"]
        ));
    }
    let csv = find(&|n| n == "data.csv").ok_or(format!("no data.csv in {names:?}"))?;
    let csv = String::from_utf8_lossy(csv);
    for want in [email, "Zeldzaamheid", "0612345678"] {
        if !csv.contains(want) {
            return Err(format!("data.csv lacks {want}"));
        }
    }
    let html = find(&|n| n.starts_with("letter-") && n.ends_with(".html"))
        .ok_or(format!("no HTML letter in {names:?}"))?;
    if !String::from_utf8_lossy(html).contains("Wilhelmina") {
        return Err("the letter does not address the person".into());
    }
    let pdf = find(&|n| n.starts_with("letter-") && n.ends_with(".pdf"))
        .ok_or(format!("no PDF letter in {names:?}"))?;
    if !pdf.starts_with(b"%PDF") {
        return Err("the PDF letter is not a PDF".into());
    }
    Ok(())
}

#[test]
fn an_erasure_keeps_the_invoice_and_removes_the_rest() {
    run_flow(
        "an_erasure_keeps_the_invoice_and_removes_the_rest",
        |c, base, folder| async move { erasure_flow(&c, &base, &folder).await },
    );
}

async fn erasure_flow(c: &Client, base: &str, folder: &Path) -> Result<(), String> {
    setup(c, base).await?;
    activate_starters(c, &["customer_administration", "invoicing"]).await?;
    let email = "gerrit@example.nl";
    let relation = new_person(c, "Gerrit", "Rijkaard", email, Some("0687654321")).await?;

    // The invoice, uploaded; the scanner finds the address and the matcher links it to the relation.
    let invoice = folder.join("factuur-2026-017.txt");
    std::fs::write(
        &invoice,
        format!("Factuur 2026-017\nAan: Gerrit Rijkaard, {email}\nTotaal EUR 121,00\n"),
    )
    .map_err(|e| format!("write the invoice: {e}"))?;
    nav(c, "/documents").await?;
    let upload = format!("a[href='{ORG}/documents/upload']");
    wait_css(c, &upload).await?;
    click(c, &upload).await?;
    wait_css(c, "#upload-files").await?;
    choose_file(c, "#upload-files", &invoice).await?;
    click(
        c,
        &format!("form[action='{ORG}/documents/upload'] button[type='submit']"),
    )
    .await?;
    let result = "ul.upload-results li.ok a[href]";
    wait_css(c, result).await?;
    let document = attr_of(c, result, "href").await?;
    if !document.starts_with(&format!("{ORG}/documents/")) {
        return Err(format!("the upload links to {document}"));
    }

    // The relation's documents tab lists it once the scan has run.
    let tab = format!("{relation}/documents");
    let listed = format!("table a[href='{document}']");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        go(c, &format!("{base}{tab}")).await?;
        wait_css(c, "nav.subnav").await?;
        if !absent(c, &listed).await? {
            break;
        }
        if Instant::now() > deadline {
            return Err(format!(
                "the invoice {document} is not linked to {relation}"
            ));
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    // It is an invoice: said by hand where the scanner did not (the class decides how long it is kept).
    click(c, &listed).await?;
    wait_path(c, &document).await?;
    wait_css(c, "#correct-class").await?;
    if value_of(c, "#correct-class").await? != "invoice" {
        choose(c, "#correct-class", "invoice").await?;
        click(
            c,
            &format!("form[action='{document}/correct'] button[type='submit']"),
        )
        .await?;
        wait_url(c, "notice=document-corrected").await?;
        let class = value_of(c, "#correct-class").await?;
        if class != "invoice" {
            return Err(format!("the document's class is {class:?}, not invoice"));
        }
    }

    let request = new_request(c, "erasure", "G. Rijkaard", email).await?;
    link_request(c, &request, email).await?;
    verify(c, &request).await?;
    let erase = format!("form[action='{request}/erase'] button[type='submit']");
    wait_css(c, &erase).await?;
    click(c, &erase).await?;
    wait_url(c, "notice=rights-erased").await?;

    // The report as data: the invoice kept under the fiscal duty, the person's values deleted.
    let downloads = folder.join("downloads");
    let report = format!("a[href='{request}/report?format=json']");
    wait_css(c, &report).await?;
    click(c, &report).await?;
    let json = downloaded(&downloads, "json").await?;
    let bytes = std::fs::read(&json).map_err(|e| format!("read {}: {e}", json.display()))?;
    let out: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("the report: {e}"))?;
    let lines = out["lines"].as_array().cloned().unwrap_or_default();
    let doc_id = document.rsplit('/').next().unwrap_or_default();
    let line = |item: &str| lines.iter().find(|l| l["item"] == item).cloned();
    let inv = line(doc_id).ok_or(format!("the report does not name the invoice: {out}"))?;
    if inv["verdict"] != "keep"
        || inv["reason"] != "statutory_retention"
        || inv["article"] != "Art. 17(3)(b)"
    {
        return Err(format!("the invoice's line: {inv}"));
    }
    for field in ["given_name", "family_name", "email", "phone"] {
        let l = line(field).ok_or(format!("the report does not name {field}: {out}"))?;
        if l["verdict"] != "delete" && l["verdict"] != "anonymise" {
            return Err(format!("{field} was not erased: {l}"));
        }
    }
    // The letter to the person says the same.
    let html = format!("a[href='{request}/report?format=html']");
    click(c, &html).await?;
    let letter = downloaded(&downloads, "html").await?;
    let letter = std::fs::read_to_string(&letter).map_err(|e| format!("the letter: {e}"))?;
    if !letter.contains("Art. 17(3)(b)") {
        return Err("the letter to the person does not say why the invoice is kept".into());
    }

    // The relation is gone; the invoice is still there.
    go(c, &format!("{base}{relation}")).await?;
    wait_css(c, "main").await?;
    if !absent(c, &format!("form[action='{relation}']")).await? {
        return Err(format!("the relation {relation} is still there"));
    }
    go(c, &format!("{base}{document}")).await?;
    wait_css(c, &format!("form[action='{document}/correct']"))
        .await
        .map_err(|e| format!("the invoice is gone: {e}"))?;
    Ok(())
}

// ---- steps shared by the flows ----

async fn login(c: &Client, base: &str, email: &str, password: &str) -> Result<(), String> {
    go(c, &format!("{base}/login")).await?;
    wait_css(c, "form[action='/login']").await?;
    fill(c, "#email", email).await?;
    fill(c, "#password", password).await?;
    click(c, "form[action='/login'] button[type='submit']").await?;
    wait_css(c, "form[action='/logout']").await
}

/// The owner invites a staff member, who sets her password with the one-time link; ends logged out.
async fn invite_staff(c: &Client, base: &str) -> Result<(), String> {
    go(c, &format!("{base}{ORG}/users")).await?;
    wait_css(c, "#invite-name").await?;
    fill(c, "#invite-name", "Sanne Koren").await?;
    fill(c, "#invite-email", STAFF).await?;
    choose(c, "#invite-role", "staff").await?;
    click(
        c,
        "form[action$='/users/invitations'] button[type='submit']",
    )
    .await?;
    wait_css(c, "code.secret").await?;
    let link = text_of(c, "code.secret").await?;
    logout(c).await?;
    go(c, &link).await?;
    wait_css(c, "#invite-password").await?;
    fill(c, "#invite-name", "Sanne Koren").await?;
    fill(c, "#invite-password", STAFF_PASSWORD).await?;
    click(c, "form[action^='/invite/'] button[type='submit']").await?;
    wait_css(c, "form[action='/login']").await
}

async fn logout(c: &Client) -> Result<(), String> {
    click(c, "form[action='/logout'] button").await?;
    wait_css(c, "form[action='/login']").await
}

/// Starter activities from the register's library, each made active from its page (what relations may hold
/// follows from them).
async fn activate_starters(c: &Client, keys: &[&str]) -> Result<(), String> {
    for key in keys {
        activate_starter(c, key).await?;
    }
    Ok(())
}

/// A customer entered by hand; returns the relation's page.
async fn new_person(
    c: &Client,
    given: &str,
    family: &str,
    email: &str,
    phone: Option<&str>,
) -> Result<String, String> {
    nav(c, "/relations").await?;
    let new = format!("a[href='{ORG}/relations/new?party=person']");
    wait_css(c, &new).await?;
    click(c, &new).await?;
    wait_css(c, "#f-email").await?;
    fill(c, "#f-given_name", given).await?;
    fill(c, "#f-family_name", family).await?;
    fill(c, "#f-email", email).await?;
    if let Some(p) = phone {
        fill(c, "#f-phone", p).await?;
    }
    click(
        c,
        &format!("form[action='{ORG}/relations'] button[type='submit']"),
    )
    .await?;
    wait_url(c, "notice=relation-saved").await?;
    let path = current_path(c).await?;
    if !path.starts_with(&format!("{ORG}/relations/")) {
        return Err(format!("saving the relation led to {path}"));
    }
    Ok(path)
}

/// A request of `kind` registered by hand, received by e-mail; returns its page.
async fn new_request(c: &Client, kind: &str, name: &str, email: &str) -> Result<String, String> {
    nav(c, "/requests").await?;
    let new = format!("a[href='{ORG}/requests/new']");
    wait_css(c, &new).await?;
    click(c, &new).await?;
    wait_css(c, "#kind").await?;
    choose(c, "#kind", kind).await?;
    choose(c, "#channel", "email").await?;
    fill(c, "#requester_name", name).await?;
    fill(c, "#requester_email", email).await?;
    click(
        c,
        &format!("form[action='{ORG}/requests'] button[type='submit']"),
    )
    .await?;
    wait_url(c, "notice=").await?;
    let path = current_path(c).await?;
    if !path.starts_with(&format!("{ORG}/requests/")) {
        return Err(format!("registering the request led to {path}"));
    }
    Ok(path)
}

/// Links the request to the relation found by searching for `q`.
async fn link_request(c: &Client, request: &str, q: &str) -> Result<(), String> {
    wait_css(c, "#link-q").await?;
    fill(c, "#link-q", q).await?;
    click(
        c,
        &format!("form[action='{request}/link'] button[type='submit']"),
    )
    .await?;
    wait_url(c, "notice=rights-linked").await
}

/// Records that the requester was recognised through a channel already known.
async fn verify(c: &Client, request: &str) -> Result<(), String> {
    go(c, &format!("{}{request}", origin(c).await?)).await?;
    wait_css(c, "#method").await?;
    choose(c, "#method", "known_channel").await?;
    fill(c, "#note", "mail from the address we know").await?;
    click(
        c,
        &format!(
            "form[action='{request}/steps']:has(input[name='step'][value='verify_identity']) button[type='submit']"
        ),
    )
    .await?;
    wait_url(c, "notice=request-step-done").await?;
    if !absent(c, "#method").await? {
        return Err("the request still asks for verification".into());
    }
    Ok(())
}

// ---- small browser helpers ----

async fn origin(c: &Client) -> Result<String, String> {
    let url = c.current_url().await.map_err(|e| e.to_string())?;
    Ok(url.origin().ascii_serialization())
}

/// Any file already in `dir`, finished or not.
fn first_file(dir: &Path) -> Result<Option<PathBuf>, String> {
    let mut entries = std::fs::read_dir(dir).map_err(|e| format!("read {}: {e}", dir.display()))?;
    Ok(entries.next().and_then(Result::ok).map(|e| e.path()))
}

/// Every entry of a ZIP file: name and bytes.
fn unzip(path: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("open {}: {e}", path.display()))?;
    let mut z = zip::ZipArchive::new(file).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).map_err(|e| format!("entry {i}: {e}"))?;
        let mut b = Vec::new();
        f.read_to_end(&mut b)
            .map_err(|e| format!("read {}: {e}", f.name()))?;
        out.push((f.name().to_owned(), b));
    }
    Ok(out)
}
