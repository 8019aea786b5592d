//! Integration tests for kluis-store.
