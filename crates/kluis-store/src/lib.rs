//! The only crate that knows SQL: one code path over SQLite and PostgreSQL, organisation-scoped by construction.
