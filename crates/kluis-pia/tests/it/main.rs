//! Integration tests of kluis-pia through its public API: the CNIL tool's own export files, round trips and
//! broken files.

mod files;
mod malformed;
