//! The only crate that knows HTTP: server-rendered pages, the REST API under /api/v1 and its OpenAPI document.
