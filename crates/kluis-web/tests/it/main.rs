//! Integration tests for kluis-web through HTTP against the real router on a real database.

mod api;
mod client;
mod documents;
mod flows;
mod hardening;
mod helpers;
mod i18n;
mod login;
mod pages;
mod tenant;
