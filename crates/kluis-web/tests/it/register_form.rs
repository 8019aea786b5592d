//! The activity page's form sent back as the browser would (every field as the page renders it): saving what one
//! sees without changing it records no change, and ticking one more box records that one field only.

use crate::helpers::*;

/// Decodes the entities the templates escape.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The attributes of the tag starting at `tag` (`<input …>`), boolean ones with an empty value.
fn attrs(tag: &str) -> Vec<(String, String)> {
    let end = tag.find('>').unwrap_or(tag.len());
    let mut rest = tag[..end].trim_start_matches('<');
    rest = rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() || rest.starts_with('/') {
            return out;
        }
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_owned();
        rest = &rest[name_end..];
        if let Some(after) = rest.strip_prefix("=\"") {
            let close = after.find('"').unwrap_or(after.len());
            out.push((name, unescape(&after[..close])));
            rest = after.get(close + 1..).unwrap_or("");
        } else {
            out.push((name, String::new()));
        }
    }
}

fn attr<'a>(a: &'a [(String, String)], name: &str) -> Option<&'a str> {
    a.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// What a browser submits for the form posting to `action` in `html`, in document order: text inputs and hidden
/// fields, ticked checkboxes, each select's chosen option (or its first), textareas.
fn submitted(html: &str, action: &str) -> Vec<(String, String)> {
    let start = html
        .find(&format!("<form method=\"post\" action=\"{action}\">"))
        .unwrap_or_else(|| panic!("no form posting to {action}"));
    let end = html[start..].find("</form>").expect("form end") + start;
    let form = &html[start..end];
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = form[i..].find('<') {
        let at = i + off;
        let tag = &form[at..];
        i = at + 1;
        if tag.starts_with("<input") {
            let a = attrs(tag);
            let Some(name) = attr(&a, "name") else {
                continue;
            };
            let kind = attr(&a, "type").unwrap_or("text");
            if kind == "checkbox" && attr(&a, "checked").is_none() {
                continue;
            }
            let value = attr(&a, "value").unwrap_or(if kind == "checkbox" { "on" } else { "" });
            out.push((name.to_owned(), value.to_owned()));
        } else if tag.starts_with("<select") {
            let name = attr(&attrs(tag), "name").unwrap_or_default().to_owned();
            let close = tag.find("</select>").expect("select end");
            let options: Vec<Vec<(String, String)>> = tag[..close]
                .match_indices("<option")
                .map(|(o, _)| attrs(&tag[o..]))
                .collect();
            let chosen = options
                .iter()
                .find(|o| attr(o, "selected").is_some())
                .or(options.first());
            if let Some(o) = chosen {
                out.push((name, attr(o, "value").unwrap_or_default().to_owned()));
            }
        } else if tag.starts_with("<textarea") {
            let name = attr(&attrs(tag), "name").unwrap_or_default().to_owned();
            let open = tag.find('>').expect("textarea tag end") + 1;
            let close = tag.find("</textarea>").expect("textarea end");
            out.push((name, unescape(&tag[open..close])));
        }
    }
    out
}

#[tokio::test]
async fn saving_a_starter_activity_as_the_page_shows_it_changes_nothing() {
    let (env, mut owner) = with_owner().await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let actor = session_actor(&env, &owner, "acme").await;
    // Templates list their categories and measures in their own order, not the vocabulary's the page uses.
    for template in ["invoicing", "payroll", "personnel_file"] {
        let res = owner
            .post_form(
                "/o/acme/register/activities",
                &[("csrf", &csrf), ("template", template)],
            )
            .await;
        assert_status(&res, 303, template);
        let loc = res.location().expect("redirect").to_owned();
        let path = loc.split('?').next().unwrap_or_default().to_owned();
        let id = path.rsplit('/').next().unwrap_or_default().to_owned();

        let page = owner.get(&path).await;
        assert_status(&page, 200, "activity page");
        let fields = submitted(&page.body, &path);
        assert!(
            fields.iter().any(|(k, _)| k == "categories")
                && fields.iter().any(|(k, _)| k == "csrf"),
            "{fields:?}"
        );
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let saved = owner.post_form(&path, &pairs).await;
        assert_status(&saved, 303, "save unchanged");
        let history = env
            .app
            .register_activity_history(&actor, &id)
            .await
            .expect("history");
        assert_eq!(
            history.len(),
            1,
            "{template}: saving the page unchanged recorded {:?}",
            history.last().map(|h| &h.changed)
        );

        // One more measure ticked: that field, and only that one.
        let mut more = pairs.clone();
        more.push(("measures", "disaster_recovery"));
        let saved = owner.post_form(&path, &more).await;
        assert_status(&saved, 303, "save with one more measure");
        let history = env
            .app
            .register_activity_history(&actor, &id)
            .await
            .expect("history");
        assert_eq!(history.len(), 2, "{template}");
        assert_eq!(history[1].changed, vec!["measures"], "{template}");
    }
}

/// The register page is kept between views until the organisation's data changes: every save shows at once.
#[tokio::test]
async fn the_register_page_shows_every_save_at_once() {
    let (_env, mut owner) = with_owner().await;
    let csrf = csrf_of(&mut owner, "acme").await;
    let created = owner
        .post_form(
            "/o/acme/register/activities",
            &[("csrf", &csrf), ("name", "Ledenadministratie")],
        )
        .await;
    assert_status(&created, 303, "create");
    let path = created
        .location()
        .and_then(|l| l.split('?').next())
        .expect("redirect")
        .to_owned();
    let list = owner.get("/o/acme/register").await;
    assert!(list.body.contains("Ledenadministratie"), "listed");

    // Renamed through its page: the list, viewed before, shows the new name and not the old.
    let page = owner.get(&path).await;
    let fields = submitted(&page.body, &path);
    let mut pairs: Vec<(&str, &str)> = fields
        .iter()
        .filter(|(k, _)| k != "name")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    pairs.push(("name", "Vrijwilligersadministratie"));
    assert_status(&owner.post_form(&path, &pairs).await, 303, "save");
    let list = owner.get("/o/acme/register").await;
    assert!(list.body.contains("Vrijwilligersadministratie"), "new name");
    assert!(!list.body.contains("Ledenadministratie"), "old name gone");
}
