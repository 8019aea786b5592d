//! Integration tests for kluis-web through HTTP against the real router.

mod client;
mod i18n;
