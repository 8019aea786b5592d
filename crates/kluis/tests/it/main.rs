//! End-to-end tests: run the real kluis binary the way users do, on SQLite or on the PostgreSQL server named by
//! KLUIS_TEST_DATABASE_URL (a fresh database per test).

mod admin;
mod backup;
mod browser;
mod browser_breaches;
mod browser_register;
mod browser_relations;
mod check;
mod cli;
mod dpia;
mod file_modes;
mod hardening;
mod import_docs;
mod jobs;
mod register;
mod relations;
mod requests;
mod serve;
mod support;
