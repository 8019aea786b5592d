//! Importing customer files and exporting relations through HTTP: bad rows listed by row and reason while the
//! good ones are imported, duplicates within the file and against relations already held, a semicolon-separated
//! Latin-1 file, an XLSX workbook, a broken file, a remembered preset, a dry run that writes nothing, privacy by
//! default refusing columns, the pages from upload to result, and exports with formula cells escaped.

use crate::client::{Client, Resp};
use crate::helpers::*;
use axum::body::Body;
use axum::http::{Method, Request, header};
use http_body_util::BodyExt;
use kluis_app::{Actor, RelationInput};
use kluis_domain::relations::{Party, RelationField, RelationKind};
use serde_json::{Value, json};
use tower::ServiceExt;

const BOUNDARY: &str = "kluis-import-boundary-3b1a";

/// Sends `body` as it is (bytes, not text) with `content_type`, as the holder of `token`.
async fn send_bytes(env: &Env, token: &str, path: &str, content_type: &str, body: Vec<u8>) -> Resp {
    let req = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .expect("request");
    let res = env.router.clone().oneshot(req).await.expect("infallible");
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    Resp {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
    }
}

async fn upload(env: &Env, token: &str, name: &str, bytes: Vec<u8>) -> Resp {
    send_bytes(
        env,
        token,
        &format!("/api/v1/orgs/acme/relations/imports?name={name}"),
        "application/octet-stream",
        bytes,
    )
    .await
}

/// Runs the queued jobs (the import) to the end.
async fn run_jobs(env: &Env) {
    while env.app.run_one_job("import-test").await.expect("job") {}
}

fn col(header: &str, target: Value) -> Value {
    json!({"header": header, "target": target})
}

fn field(f: &str) -> Value {
    json!({"target": "field", "field": f})
}

async fn ready(env: &Env, owner: &Client) -> (Actor, String) {
    let actor = session_actor(env, owner, "acme").await;
    crate::relations::register_ready(env, &actor).await;
    (actor, owner_token(env, owner).await)
}

async fn count_relations(env: &Env, actor: &Actor) -> u64 {
    env.app
        .relations(actor, 1, 10)
        .await
        .expect("relations")
        .total
}

fn problem_rows(v: &Value, reason: &str) -> Vec<u64> {
    v["problems"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|p| p["reason"] == reason)
                .filter_map(|p| p["row"].as_u64())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn bad_rows_are_listed_by_row_and_reason_and_the_good_ones_imported() {
    let (env, owner) = with_owner().await;
    let (actor, token) = ready(&env, &owner).await;
    crate::relations::customer(&env, &actor, "bestaand@example.nl").await;
    let csv = "Voornaam,Achternaam,E-mail,Soort,Geboortedatum\n\
               Anna,Jansen,anna@example.nl,klant,\n\
               Bert,Bakker,geen-adres,klant,\n\
               Carla,Smit,,medewerker,31-02-1980\n\
               Dirk,Dekker,ANNA@example.nl,klant,\n\
               Eva,Visser,bestaand@example.nl,klant,\n\
               Frank,de Vries,,medewerker,15-06-1985\n";
    let res = upload(&env, &token, "klanten.csv", csv.as_bytes().to_vec()).await;
    assert_status(&res, 201, "upload");
    let id = res.json()["import"]["id"].as_str().expect("id").to_owned();
    let mapping = json!({
        "has_header": true,
        "columns": [
            col("Voornaam", field("given_name")),
            col("Achternaam", field("family_name")),
            col("E-mail", field("email")),
            col("Soort", json!({"target": "kind"})),
            col("Geboortedatum", field("date_of_birth")),
        ],
        "default_kind": "customer",
    });
    let before = count_relations(&env, &actor).await;
    let mut api = Client::with_bearer(env.router.clone(), &token);
    let started = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/relations/imports/{id}/start"),
            json!({"mapping": mapping}),
        )
        .await;
    assert_status(&started, 202, "start");
    run_jobs(&env).await;
    let done = api
        .get(&format!("/api/v1/orgs/acme/relations/imports/{id}"))
        .await;
    assert_status(&done, 200, "result");
    let v = done.json();
    assert_eq!(v["status"], "done", "{v}");
    assert_eq!(v["imported"], 2, "{v}");
    assert_eq!(v["skipped"], 2, "{v}");
    assert_eq!(v["duplicates"], 2, "{v}");
    assert_eq!(problem_rows(&v, "import-invalid-email"), vec![3], "{v}");
    assert_eq!(problem_rows(&v, "import-impossible-date"), vec![4], "{v}");
    assert_eq!(problem_rows(&v, "import-duplicate-email"), vec![5], "{v}");
    assert_eq!(problem_rows(&v, "import-existing-email"), vec![6], "{v}");
    assert_eq!(count_relations(&env, &actor).await, before + 2);
    // The imported relations are found through the blind index, with their kind.
    let found = env
        .app
        .search_relations(&actor, "anna@example.nl")
        .await
        .expect("search");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, RelationKind::Customer);
    let frank = env
        .app
        .search_relations(&actor, "Frank")
        .await
        .expect("search");
    assert_eq!(frank.first().map(|r| r.kind), Some(RelationKind::Employee));
    // One event for the finished import, with counts and no values.
    let events = audit_of(&env, &actor).await;
    let actions: Vec<&str> = events.iter().map(|(_, a)| a.as_str()).collect();
    assert!(actions.contains(&"relation.import.upload"), "{actions:?}");
    assert!(actions.contains(&"relation.import.start"), "{actions:?}");
    assert_eq!(
        actions.iter().filter(|a| **a == "relation.import").count(),
        1,
        "{actions:?}"
    );
    let page = env
        .app
        .audit_events(
            &actor,
            kluis_app::AuditFilter {
                page: 1,
                per_page: 500,
                ..Default::default()
            },
        )
        .await
        .expect("audit");
    let text = format!("{:?}", page);
    assert!(
        !text.contains("anna@example.nl") && !text.contains("Jansen"),
        "no values in the audit log"
    );
    assert!(text.contains("imported=2"), "counts in the event");
}

#[tokio::test]
async fn a_semicolon_separated_latin1_file_reads_its_accents() {
    let (env, owner) = with_owner().await;
    let (actor, token) = ready(&env, &owner).await;
    // Windows-1252: é is 0xE9, ë is 0xEB.
    let mut bytes = b"Voornaam;Achternaam;E-mail;Plaats\r\n".to_vec();
    bytes.extend_from_slice(b"H\xe9l\xe8ne;Dani\xebls;helene@example.nl;Li\xe8ge\r\n");
    bytes.extend_from_slice(b"Jo\xebl;Fran\xe7ois;joel@example.nl;Gent\r\n");
    let res = upload(&env, &token, "latin1.csv", bytes).await;
    assert_status(&res, 201, "upload");
    let v = res.json();
    assert_eq!(v["delimiter"], ";", "{v}");
    assert_eq!(v["rows"][0]["values"]["given_name"], "Hélène", "{v}");
    let id = v["import"]["id"].as_str().expect("id").to_owned();
    let mut api = Client::with_bearer(env.router.clone(), &token);
    let started = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/relations/imports/{id}/start"),
            json!({}),
        )
        .await;
    assert_status(&started, 202, "start with the suggested mapping");
    run_jobs(&env).await;
    let found = env
        .app
        .search_relations(&actor, "joel@example.nl")
        .await
        .expect("search");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name, "Joël François");
}

#[tokio::test]
async fn an_xlsx_workbook_imports_and_a_broken_file_is_refused_with_its_reason() {
    let (env, owner) = with_owner().await;
    let (actor, token) = ready(&env, &owner).await;
    let mut book = std::io::Cursor::new(Vec::new());
    kluis_import::write_xlsx(
        &mut book,
        "Klanten",
        &["Bedrijfsnaam", "E-mail", "Postcode"],
        vec![
            vec!["Bakkerij de Korenaar BV", "info@korenaar.nl", "1234 AB"],
            vec!["Groenteboer Gijs", "gijs@example.nl", "9999ZZ"],
        ],
    )
    .expect("workbook");
    let res = upload(&env, &token, "klanten.xlsx", book.into_inner()).await;
    assert_status(&res, 201, "xlsx upload");
    let id = res.json()["import"]["id"].as_str().expect("id").to_owned();
    let mut api = Client::with_bearer(env.router.clone(), &token);
    let started = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/relations/imports/{id}/start"),
            json!({}),
        )
        .await;
    assert_status(&started, 202, "start");
    run_jobs(&env).await;
    let v = api
        .get(&format!("/api/v1/orgs/acme/relations/imports/{id}"))
        .await
        .json();
    assert_eq!(v["imported"], 2, "{v}");
    let found = env
        .app
        .search_relations(&actor, "info@korenaar.nl")
        .await
        .expect("search");
    assert_eq!(found.first().map(|r| r.party), Some(Party::Company));

    // A workbook cut off in the middle, and the old binary Excel format: refused at once, saying why.
    let mut broken = b"PK\x03\x04".to_vec();
    broken.extend_from_slice(&[0u8; 200]);
    let res = upload(&env, &token, "kapot.xlsx", broken).await;
    assert_status(&res, 422, "broken workbook");
    assert!(res.body.contains("import-error-not-xlsx"), "{}", res.body);
    let res = upload(
        &env,
        &token,
        "oud.xls",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 rest".to_vec(),
    )
    .await;
    assert_status(&res, 422, "xls");
    assert!(
        res.body.contains("import-error-unsupported"),
        "{}",
        res.body
    );
}

#[tokio::test]
async fn a_remembered_preset_maps_the_next_file_and_a_dry_run_writes_nothing() {
    let (env, owner) = with_owner().await;
    let (actor, token) = ready(&env, &owner).await;
    let mut api = Client::with_bearer(env.router.clone(), &token);
    let csv = "Naam klant;Mailadres;Code\nPiet Pieters;piet@example.nl;K1\nSaar Sterk;saar@example.nl;K2\n";
    let res = upload(&env, &token, "export.csv", csv.as_bytes().to_vec()).await;
    let id = res.json()["import"]["id"].as_str().expect("id").to_owned();
    let mapping = json!({
        "has_header": true,
        "columns": [
            col("Naam klant", json!({"target": "name"})),
            col("Mailadres", field("email")),
            col("Code", json!({"target": "reference"})),
        ],
        "default_kind": "customer",
    });
    let before = count_relations(&env, &actor).await;
    let started = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/relations/imports/{id}/start"),
            json!({"mapping": mapping, "dry_run": true, "remember_as": "Kassa-export"}),
        )
        .await;
    assert_status(&started, 202, "dry run");
    run_jobs(&env).await;
    let v = api
        .get(&format!("/api/v1/orgs/acme/relations/imports/{id}"))
        .await
        .json();
    assert_eq!(v["status"], "done", "{v}");
    assert_eq!(v["dry_run"], true);
    assert_eq!(
        v["imported"], 2,
        "a dry run counts what would be imported: {v}"
    );
    assert_eq!(
        count_relations(&env, &actor).await,
        before,
        "a dry run writes no relation"
    );
    assert!(
        env.app
            .search_relations(&actor, "piet@example.nl")
            .await
            .expect("search")
            .is_empty()
    );

    // The next file has the same columns in another order, and one more: the preset still maps it.
    let csv2 = "Code;Telefoon;Mailadres;Naam klant\nK3;0612345678;kees@example.nl;Kees Klein\n";
    let res = upload(&env, &token, "export2.csv", csv2.as_bytes().to_vec()).await;
    let p = res.json();
    assert_eq!(p["preset"], "Kassa-export", "{p}");
    assert_eq!(
        p["mapping"]["columns"][3]["target"],
        json!({"target": "name"}),
        "{p}"
    );
    assert_eq!(p["rows"][0]["values"]["family_name"], "Klein", "{p}");
}

#[tokio::test]
async fn a_column_the_register_does_not_need_is_refused_by_name() {
    let (env, owner) = with_owner().await;
    let (actor, token) = ready(&env, &owner).await;
    let csv = "Voornaam;Achternaam;BSN\nAnna;Jansen;111222333\n";
    let res = upload(&env, &token, "bsn.csv", csv.as_bytes().to_vec()).await;
    let p = res.json();
    let id = p["import"]["id"].as_str().expect("id").to_owned();
    let mapping = json!({
        "has_header": true,
        "columns": [
            col("Voornaam", field("given_name")),
            col("Achternaam", field("family_name")),
            col("BSN", field("bsn")),
        ],
        "default_kind": "customer",
    });
    let mut api = Client::with_bearer(env.router.clone(), &token);
    let preview = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/relations/imports/{id}/preview"),
            json!({"mapping": mapping}),
        )
        .await;
    assert_status(&preview, 200, "preview");
    assert_eq!(preview.json()["refused"][0]["field"], "bsn");
    let before = count_relations(&env, &actor).await;
    let res = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/relations/imports/{id}/start"),
            json!({"mapping": mapping}),
        )
        .await;
    assert_status(&res, 422, "refused column");
    assert!(
        res.body.contains("privacy by default") && res.body.contains("BSN"),
        "{}",
        res.body
    );
    run_jobs(&env).await;
    assert_eq!(count_relations(&env, &actor).await, before);
}

#[tokio::test]
async fn the_pages_go_from_upload_through_mapping_to_the_result() {
    let (env, mut owner) = with_owner().await;
    let (actor, _) = ready(&env, &owner).await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let form = owner.get("/o/acme/relations/import").await;
    assert_status(&form, 200, "upload form");
    let csv = "Voornaam;Achternaam;E-mail\nAnna;Jansen;anna@example.nl\nBert;Bakker;kapot\n";
    let body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"klanten.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{csv}\r\n--{BOUNDARY}--\r\n"
    );
    let res = owner
        .send(
            Method::POST,
            "/o/acme/relations/import",
            Some(&format!("multipart/form-data; boundary={BOUNDARY}")),
            body,
            &[],
        )
        .await;
    assert_status(&res, 303, "upload");
    let location = res.location().expect("to the mapping page").to_owned();
    let map = owner.get(&location).await;
    assert_status(&map, 200, "mapping page");
    assert!(map.body.contains("name=\"col_2\""), "{}", map.body);
    assert!(
        map.body.contains("field:email"),
        "the suggestion maps the e-mail column"
    );
    let id = location.rsplit('/').next().expect("id").to_owned();
    let fields = [
        ("csrf", csrf.as_str()),
        ("has_header", "1"),
        ("header_0", "Voornaam"),
        ("col_0", "field:given_name"),
        ("header_1", "Achternaam"),
        ("col_1", "field:family_name"),
        ("header_2", "E-mail"),
        ("col_2", "field:email"),
        ("default_kind", "customer"),
    ];
    let preview = owner
        .post_form(&format!("/o/acme/relations/import/{id}/preview"), &fields)
        .await;
    assert_status(&preview, 200, "preview");
    assert!(preview.body.contains("Anna"), "the first rows are shown");
    let started = owner
        .post_form(&format!("/o/acme/relations/import/{id}/start"), &fields)
        .await;
    assert_status(&started, 303, "start");
    let progress = owner.get(&location).await;
    assert!(
        progress.body.contains("hx-trigger=\"every 2s\""),
        "the page polls while it runs"
    );
    run_jobs(&env).await;
    let result = owner.get(&location).await;
    assert_status(&result, 200, "result");
    assert!(
        result.body.contains("<dd id=\"imported\">1</dd>"),
        "{}",
        result.body
    );
    assert!(
        result.body.contains("<dd id=\"skipped\">1</dd>"),
        "{}",
        result.body
    );
    assert!(
        !result.body.contains("hx-trigger"),
        "a finished import is not polled"
    );
    assert_eq!(
        env.app
            .search_relations(&actor, "anna@example.nl")
            .await
            .expect("search")
            .len(),
        1
    );
}

#[tokio::test]
async fn exports_escape_formula_cells_in_csv_and_xlsx() {
    let (env, owner) = with_owner().await;
    let (actor, token) = ready(&env, &owner).await;
    env.app
        .create_relation(
            &actor,
            &RelationInput {
                party: Party::Person,
                kind: RelationKind::Customer,
                company: None,
                values: [
                    (
                        RelationField::GivenName,
                        "=HYPERLINK(\"http://evil\")".to_owned(),
                    ),
                    (RelationField::FamilyName, "@SUM(A1)".to_owned()),
                    (RelationField::Email, "formule@example.nl".to_owned()),
                ]
                .into_iter()
                .collect(),
                tags: Default::default(),
            },
        )
        .await
        .expect("relation");
    let mut api = Client::with_bearer(env.router.clone(), &token);
    let csv = api
        .get("/api/v1/orgs/acme/relations/export?format=csv")
        .await;
    assert_status(&csv, 200, "csv export");
    assert!(csv.body.contains("'=HYPERLINK"), "{}", csv.body);
    assert!(csv.body.contains("'@SUM(A1)"), "{}", csv.body);
    assert!(!csv.body.contains(";=HYPERLINK"), "{}", csv.body);
    let xlsx = api
        .get("/api/v1/orgs/acme/relations/export?format=xlsx")
        .await;
    assert_status(&xlsx, 200, "xlsx export");
    let mut book = kluis_import::XlsxBook::open(
        std::io::Cursor::new(xlsx.bytes.clone()),
        kluis_import::Limits::default(),
    )
    .expect("a workbook");
    let cells: Vec<String> = book
        .rows(None)
        .expect("rows")
        .filter_map(Result::ok)
        .flat_map(|r| r.cells)
        .collect();
    assert!(
        cells.iter().any(|c| c == "'=HYPERLINK(\"http://evil\")"),
        "{cells:?}"
    );
    assert!(!cells.iter().any(|c| c.starts_with('=')), "{cells:?}");
    // The export is recorded, without values.
    let events = audit_of(&env, &actor).await;
    assert!(
        events
            .iter()
            .filter(|(_, a)| a == "relation.export")
            .count()
            >= 2,
        "{events:?}"
    );
}

#[tokio::test]
async fn imported_people_are_linked_to_the_documents_already_held_that_name_them() {
    let (env, owner) = with_owner().await;
    let (actor, token) = ready(&env, &owner).await;
    // Scanned before the import: a letter naming Anna Jansen, an order with Dirk's address, and one about nobody.
    let mut docs = Vec::new();
    for (name, text) in [
        (
            "brief-jansen.txt",
            "Geachte mevrouw,\n\nHierbij bevestigen wij de afspraak met Anna Jansen op 12 maart.\n",
        ),
        (
            "bestelling.txt",
            "Bestelling 2026-17\nE-mail: dirk.dekker@example.nl\nTotaal EUR 40,00\n",
        ),
        ("memo.txt", "Memo: de koffieautomaat is kapot.\n"),
    ] {
        let d = env
            .app
            .upload_document(&actor, name, text.as_bytes().to_vec())
            .await
            .expect("upload");
        docs.push(d.id);
    }
    run_jobs(&env).await;
    let csv = "Voornaam,Achternaam,E-mail\n\
               Anna,Jansen,anna@example.nl\n\
               Dirk,Dekker,dirk.dekker@example.nl\n\
               Carla,Smit,carla@example.nl\n";
    let res = upload(&env, &token, "klanten.csv", csv.as_bytes().to_vec()).await;
    assert_status(&res, 201, "upload");
    let id = res.json()["import"]["id"].as_str().expect("id").to_owned();
    let mut api = Client::with_bearer(env.router.clone(), &token);
    let mapping = json!({
        "has_header": true,
        "columns": [
            col("Voornaam", field("given_name")),
            col("Achternaam", field("family_name")),
            col("E-mail", field("email")),
        ],
        "default_kind": "customer",
    });
    let started = api
        .json(
            Method::POST,
            &format!("/api/v1/orgs/acme/relations/imports/{id}/start"),
            json!({"mapping": mapping}),
        )
        .await;
    assert_status(&started, 202, "start");
    run_jobs(&env).await;
    let people_of = |v: Value| -> Vec<(String, String)> {
        v.as_array()
            .into_iter()
            .flatten()
            .map(|p| {
                (
                    p["name"].as_str().unwrap_or("").to_owned(),
                    p["state"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect()
    };
    let mut found = Vec::new();
    for doc in &docs {
        let r = api
            .get(&format!("/api/v1/orgs/acme/documents/{doc}/people"))
            .await;
        assert_status(&r, 200, "document people");
        found.push(people_of(r.json()));
    }
    assert_eq!(
        found,
        vec![
            vec![("Anna Jansen".to_owned(), "suggested".to_owned())],
            vec![("Dirk Dekker".to_owned(), "suggested".to_owned())],
            vec![],
        ]
    );
}
