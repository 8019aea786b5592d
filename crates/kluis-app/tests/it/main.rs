//! Integration tests for kluis-app through its public API, on SQLite or on `KLUIS_TEST_DATABASE_URL`.

mod accounts;
mod audit;
mod backup;
mod documents;
mod jobs;
mod keys;
mod modules;
mod register;
mod roles;
mod tenancy;

use kluis_app::testing::{TestEnv, origin, setup_input, test_app};
use kluis_app::{Actor, App, LoginOutcome, Role, UserId};

/// An app with organisation `acme` (owner Olga) and organisation `beta` (owner Bert).
pub struct World {
    pub app: App,
    pub env: TestEnv,
    pub acme_owner: Actor,
    pub beta_owner: Actor,
}

pub const PASSWORD: &str = "correct horse battery";

pub async fn world() -> World {
    let (app, env) = test_app().await;
    let acme_owner = app.setup(setup_input(), &origin()).await.unwrap();
    app.cli_add_org("beta", "Beta VOF").await.unwrap();
    let bert = app
        .cli_add_user("beta", "bert@example.com", "Bert", Role::Owner, PASSWORD)
        .await
        .unwrap();
    let beta_owner = app.actor(&bert.id, "beta", &origin()).await.unwrap();
    World {
        app,
        env,
        acme_owner,
        beta_owner,
    }
}

/// Invites a new address with `role` into the actor's organisation, accepts it as a new account and returns
/// the new member as an actor there.
pub async fn add(app: &App, owner: &Actor, email: &str, role: Role) -> Actor {
    let (_, token) = app
        .invite_member(
            owner,
            kluis_app::NewInvitation {
                email: email.into(),
                display_name: email.split('@').next().unwrap().into(),
                role,
            },
        )
        .await
        .unwrap();
    let (_, user) = app
        .accept_invitation_new_account(
            &token,
            email.split('@').next().unwrap(),
            PASSWORD,
            kluis_app::Locale::Nl,
            &origin(),
        )
        .await
        .unwrap();
    app.actor(&user, &owner.org.slug, &origin()).await.unwrap()
}

pub async fn login(app: &App, email: &str) -> (String, UserId) {
    match app.login(email, PASSWORD, &origin()).await.unwrap() {
        LoginOutcome::NewSession { token, user, .. } => (token, user.id),
        LoginOutcome::TotpRequired { .. } => panic!("unexpected TOTP prompt"),
    }
}
