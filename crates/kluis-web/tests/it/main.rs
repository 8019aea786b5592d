//! Integration tests for kluis-web through HTTP against the real router on a real database.

mod accounts;
mod api;
mod audit;
mod client;
mod compliance;
mod documents;
mod flows;
mod hardening;
mod helpers;
mod i18n;
mod invitations;
mod login;
mod pages;
mod profile;
mod recipients;
mod register;
mod register_flow;
mod register_form;
mod relations;
mod requests;
mod rights;
mod roles;
mod tenant;
