//! Invitations: an owner invites an address with a role and a name and gets a one-time link; the invitee accepts
//! it as a new account or as the logged-in account with that address. Nothing about accounts elsewhere shows.

use crate::client::Client;
use crate::helpers::*;
use axum::http::Method;
use kluis_app::{Actor, Role};
use serde_json::json;

async fn owner_actor(env: &Env, owner: &Client) -> Actor {
    session_actor(env, owner, "acme").await
}

/// Invites through the members page; returns the response.
async fn invite_page(
    owner: &mut Client,
    email: &str,
    name: &str,
    role: &str,
) -> crate::client::Resp {
    let csrf = csrf_of(owner, "acme").await;
    owner
        .post_form(
            "/o/acme/users/invitations",
            &[
                ("csrf", &csrf),
                ("email", email),
                ("name", name),
                ("role", role),
            ],
        )
        .await
}

#[tokio::test]
async fn an_invitee_without_an_account_chooses_a_name_and_password_and_then_works_in_the_organisation()
 {
    let (env, mut owner) = with_owner().await;
    let actor = owner_actor(&env, &owner).await;
    let res = invite_page(&mut owner, "nina@example.com", "Nina from sales", "staff").await;
    assert_status(&res, 200, "invite");
    assert!(
        res.body.contains("De uitnodiging is gemaakt."),
        "{}",
        res.body
    );
    let link = invite_link_in(&res.body);
    // Listed as pending with the typed name; the link is shown only on the answer that made it.
    let users = owner.get("/o/acme/users").await;
    assert!(users.body.contains("Openstaande uitnodigingen"));
    assert!(users.body.contains("Nina from sales"));
    assert!(!users.body.contains(&link), "the link is shown once");
    assert_eq!(members_of(&env, &actor).await.len(), 1);

    let mut nina = env.client();
    let page = nina.get(&link).await;
    assert_status(&page, 200, "invitation page");
    assert!(page.body.contains("Acme BV"), "{}", page.body);
    // The password rule speaks the invitee's language; nothing is made.
    let short = nina
        .post_form(
            &link,
            &[
                ("csrf", &page.csrf()),
                ("name", "Nina N."),
                ("password", "kort"),
            ],
        )
        .await;
    assert_status(&short, 400, "short password");
    assert!(
        short.body.contains("Gebruik minstens 12 tekens"),
        "{}",
        short.body
    );
    assert_eq!(members_of(&env, &actor).await.len(), 1);

    let before = audit_of_changes(&env, &actor).await;
    let done = accept_as_new(&env, &link, "Nina N.").await;
    assert_status(&done, 303, "accepted");
    assert_eq!(done.location(), Some("/login?notice=invite-accepted"));
    let after = audit_of_changes(&env, &actor).await;
    let added: Vec<&str> = after
        .iter()
        .filter(|e| !before.contains(e))
        .map(|(_, a)| a.as_str())
        .collect();
    assert_eq!(added, vec!["member.invite_accept"], "one event");
    assert!(env.app.invitations(&actor).await.expect("list").is_empty());

    // She logs in with the address and her own password, and works in the organisation with the role given.
    let mut nina = login(&env, "nina@example.com", OWNER_PASSWORD).await;
    assert_status(&nina.get("/o/acme").await, 200, "dashboard");
    let me = session_actor(&env, &nina, "acme").await;
    assert_eq!(me.role, Role::Staff);
    let users = owner.get("/o/acme/users").await;
    assert!(users.body.contains("Nina N."), "her own name once accepted");
    assert!(!users.body.contains("Openstaande uitnodigingen"));

    // The link is used up.
    let again = env.client().get(&link).await;
    assert_status(&again, 404, "used link");
    assert!(
        again.body.contains("Deze uitnodiging werkt niet (meer)"),
        "{}",
        again.body
    );
    let again = accept_as_new_raw(&env, &link).await;
    assert_status(&again, 404, "used link, posted");
}

/// Posts the new-account form to a link whose page is not shown (no working page to take the CSRF from).
async fn accept_as_new_raw(env: &Env, link: &str) -> crate::client::Resp {
    let mut c = env.client();
    let page = c.get("/login").await;
    c.post_form(
        link,
        &[
            ("csrf", &page.csrf()),
            ("name", "Someone"),
            ("password", OWNER_PASSWORD),
        ],
    )
    .await
}

/// The owner's answer with everything that differs by nature (link token, ids, times) taken out.
fn comparable(mut v: serde_json::Value) -> serde_json::Value {
    v["link"] = json!("LINK");
    for k in ["id", "created_at_ms", "expires_at_ms"] {
        v["invitation"][k] = json!(0);
    }
    v
}

/// Invites bea@example.com as "Typed Name" through the API and the page, in an installation where she has an
/// account in another organisation or none; returns the API answer and the page's body.
async fn invite_bea(account_elsewhere: bool) -> (u16, serde_json::Value, u16, String) {
    let (env, mut owner) = with_owner().await;
    env.app.cli_add_org("beta", "Beta BV").await.expect("beta");
    if account_elsewhere {
        env.app
            .cli_add_user(
                "beta",
                "bea@example.com",
                "Bea Secret",
                Role::Owner,
                OWNER_PASSWORD,
            )
            .await
            .expect("account elsewhere");
    }
    let mut api = Client::with_bearer(env.router.clone(), &owner_token(&env, &owner).await);
    let res = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/invitations",
            json!({"email": "Bea@Example.com", "name": "Typed Name", "role": "staff"}),
        )
        .await;
    let api_answer = (res.status.as_u16(), comparable(res.json()));
    let page = invite_page(&mut owner, "bob@example.com", "Bob Typed", "auditor").await;
    assert!(!page.body.contains("Bea Secret"));
    let users = owner.get("/o/acme/users").await;
    assert!(users.body.contains("Typed Name"));
    assert!(
        !users.body.contains("Bea Secret"),
        "only the typed name until accepted"
    );
    let mut api_list = api.get("/api/v1/orgs/acme/invitations").await.json();
    for i in api_list.as_array_mut().into_iter().flatten() {
        i["id"] = json!(0);
        i["created_at_ms"] = json!(0);
        i["expires_at_ms"] = json!(0);
    }
    assert!(!api_list.to_string().contains("Bea Secret"));
    (
        api_answer.0,
        api_answer.1,
        page.status.as_u16(),
        api_list.to_string(),
    )
}

#[tokio::test]
async fn the_owner_gets_the_same_answer_whether_or_not_the_address_has_an_account_elsewhere() {
    let elsewhere = invite_bea(true).await;
    let nowhere = invite_bea(false).await;
    assert_eq!(elsewhere.0, 201);
    assert_eq!(elsewhere, nowhere);
    assert_eq!(elsewhere.1["invitation"]["name"], "Typed Name");
    assert_eq!(elsewhere.1["invitation"]["email"], "bea@example.com");
}

#[tokio::test]
async fn an_existing_account_accepts_by_logging_in_and_another_account_cannot() {
    let (env, mut owner) = with_owner().await;
    let actor = owner_actor(&env, &owner).await;
    env.app.cli_add_org("beta", "Beta BV").await.expect("beta");
    env.app
        .cli_add_user(
            "beta",
            "bea@example.com",
            "Bea Secret",
            Role::Owner,
            OWNER_PASSWORD,
        )
        .await
        .expect("bea");
    env.app
        .cli_add_user(
            "beta",
            "bob@example.com",
            "Bob",
            Role::Staff,
            OWNER_PASSWORD,
        )
        .await
        .expect("bob");
    let res = invite_page(&mut owner, "bea@example.com", "Typed Name", "auditor").await;
    let link = invite_link_in(&res.body);

    // Without logging in she cannot make a second account for the address.
    let twice = accept_as_new(&env, &link, "Bea Again").await;
    assert_status(&twice, 409, "account exists");
    assert!(
        twice
            .body
            .contains("Met dit e-mailadres bestaat al een account"),
        "{}",
        twice.body
    );

    // Bob, logged in, cannot accept Bea's invitation, and is told nothing of the organisation.
    let mut bob = login(&env, "bob@example.com", OWNER_PASSWORD).await;
    let seen = bob.get(&link).await;
    assert_status(&seen, 403, "another account");
    assert!(
        seen.body.contains("voor een ander e-mailadres"),
        "{}",
        seen.body
    );
    assert!(!seen.body.contains("Acme BV"), "{}", seen.body);
    let csrf = csrf_of(&mut bob, "beta").await;
    let tried = bob.post_form(&link, &[("csrf", &csrf)]).await;
    assert_status(&tried, 403, "another account accepts");
    assert_eq!(members_of(&env, &actor).await.len(), 1);
    assert_eq!(env.app.invitations(&actor).await.expect("list").len(), 1);

    // Bea logs in with her own account and accepts.
    let mut bea = login(&env, "bea@example.com", OWNER_PASSWORD).await;
    let page = bea.get(&link).await;
    assert_status(&page, 200, "her invitation");
    assert!(page.body.contains("Uitnodiging aannemen"));
    let csrf = csrf_of(&mut bea, "beta").await;
    let before = audit_of_changes(&env, &actor).await;
    let ok = bea.post_form(&link, &[("csrf", &csrf)]).await;
    assert_status(&ok, 303, "accepted");
    assert_eq!(ok.location(), Some("/o/acme?notice=invite-joined"));
    let added: Vec<String> = audit_of_changes(&env, &actor)
        .await
        .into_iter()
        .filter(|e| !before.contains(e))
        .map(|(_, a)| a)
        .collect();
    assert_eq!(added, vec!["member.invite_accept".to_owned()]);
    let me = session_actor(&env, &bea, "acme").await;
    assert_eq!(me.role, Role::Auditor);
    let beta = session_actor(&env, &bea, "beta").await;
    assert_eq!(
        beta.role,
        Role::Owner,
        "her other organisation is unchanged"
    );
    assert_status(&bea.get("/o/acme").await, 200, "works in acme");
}

#[tokio::test]
async fn revoked_and_expired_invitations_give_a_translated_page_and_change_nothing() {
    let (env, mut owner) = with_owner().await;
    let actor = owner_actor(&env, &owner).await;
    let res = invite_page(&mut owner, "rita@example.com", "Rita", "staff").await;
    let link = invite_link_in(&res.body);
    let id = env.app.invitations(&actor).await.expect("list")[0]
        .id
        .clone();
    // Revoking is a POST with the CSRF token.
    assert_status(
        &owner
            .post_form(&format!("/o/acme/users/invitations/{id}/revoke"), &[])
            .await,
        403,
        "revoke without csrf",
    );
    let csrf = csrf_of(&mut owner, "acme").await;
    let before = audit_of_changes(&env, &actor).await;
    let revoked = owner
        .post_form(
            &format!("/o/acme/users/invitations/{id}/revoke"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_status(&revoked, 303, "revoke");
    assert_eq!(
        revoked.location(),
        Some("/o/acme/users?notice=invitation-revoked")
    );
    assert_eq!(audit_of_changes(&env, &actor).await.len(), before.len() + 1);
    let gone = env.client().get(&link).await;
    assert_status(&gone, 404, "revoked link");
    assert!(gone.body.contains("Deze uitnodiging werkt niet (meer)"));
    assert_status(
        &accept_as_new_raw(&env, &link).await,
        404,
        "revoked link, posted",
    );
    let again = owner
        .post_form(
            &format!("/o/acme/users/invitations/{id}/revoke"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_status(&again, 404, "revoked twice");

    // An expired link: same page, in English for an English browser; the owner sees it marked and may invite
    // the address again.
    let res = invite_page(&mut owner, "rita@example.com", "Rita", "staff").await;
    let link = invite_link_in(&res.body);
    kluis_store::testing::execute_raw(env.app.store(), "UPDATE invitations SET expires_at = 1")
        .await;
    let mut en = env.client();
    let expired = en
        .send(
            Method::GET,
            &link,
            None,
            String::new(),
            &[("Accept-Language", "en")],
        )
        .await;
    assert_status(&expired, 404, "expired link");
    assert!(
        expired.body.contains("This invitation no longer works"),
        "{}",
        expired.body
    );
    assert_status(
        &accept_as_new_raw(&env, &link).await,
        404,
        "expired, posted",
    );
    let users = owner.get("/o/acme/users").await;
    assert!(users.body.contains("Verlopen"));
    let res = invite_page(&mut owner, "rita@example.com", "Rita", "staff").await;
    assert_status(&res, 200, "invited again after expiry");
    assert_eq!(members_of(&env, &actor).await.len(), 1);
    // A pending invitation is not made twice.
    let res = invite_page(&mut owner, "rita@example.com", "Rita", "staff").await;
    assert_status(&res, 400, "pending twice");
    assert!(res.body.contains("al een openstaande uitnodiging"));
}

#[tokio::test]
async fn invitations_through_the_api_and_across_organisations() {
    let (env, owner) = with_owner().await;
    let actor = owner_actor(&env, &owner).await;
    env.app.cli_add_org("beta", "Beta BV").await.expect("beta");
    let b_owner = add_user(&env, "beta", "b-owner@example.com", Role::Owner).await;
    let b_actor = env.actor(&b_owner, "beta").await;
    let b_link = invite(&env, &b_actor, "zed@example.com", "Zed", Role::Staff).await;
    let b_id = env.app.invitations(&b_actor).await.expect("b list")[0]
        .id
        .clone();

    let mut api = Client::with_bearer(env.router.clone(), &owner_token(&env, &owner).await);
    // B's invitation is not A's to revoke or see.
    let del = api
        .send(
            Method::DELETE,
            &format!("/api/v1/orgs/acme/invitations/{b_id}"),
            None,
            String::new(),
            &[],
        )
        .await;
    assert_status(&del, 404, "B's invitation through A");
    assert_eq!(
        api.get("/api/v1/orgs/acme/invitations").await.json(),
        json!([])
    );
    assert_eq!(env.app.invitations(&b_actor).await.expect("b").len(), 1);

    // Accepting B's link makes a member of B only: A's members are unchanged.
    let a_members = members_of(&env, &actor).await;
    assert_status(&accept_as_new(&env, &b_link, "Zed").await, 303, "accept B");
    assert_eq!(members_of(&env, &actor).await, a_members);
    let mut zed = login(&env, "zed@example.com", OWNER_PASSWORD).await;
    let outside = zed.get("/o/acme").await;
    assert!(
        matches!(outside.status.as_u16(), 403 | 404),
        "not in A: {}",
        outside.status
    );

    // Invite, list, revoke through the API.
    let made = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/invitations",
            json!({"email": "amy@example.com", "name": "Amy", "role": "privacy_officer"}),
        )
        .await;
    assert_status(&made, 201, "invite");
    assert_eq!(made.json()["invitation"]["role"], "privacy_officer");
    let id = made.json()["invitation"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let dup = api
        .json(
            Method::POST,
            "/api/v1/orgs/acme/invitations",
            json!({"email": "amy@example.com", "name": "Amy", "role": "staff"}),
        )
        .await;
    assert_status(&dup, 409, "pending twice");
    for (expected, what) in [(204, "revoke"), (404, "revoke twice")] {
        let res = api
            .send(
                Method::DELETE,
                &format!("/api/v1/orgs/acme/invitations/{id}"),
                None,
                String::new(),
                &[],
            )
            .await;
        assert_status(&res, expected, what);
    }
    let link = made.json()["link"].as_str().unwrap_or_default().to_owned();
    assert_status(&env.client().get(&link_path(&link)).await, 404, "revoked");
}
