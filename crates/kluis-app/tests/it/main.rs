//! Integration tests for kluis-app.
