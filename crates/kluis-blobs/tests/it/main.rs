//! Integration tests of kluis-blobs's public API: local files always, S3 when a server is named.

mod local;
mod s3;
