//! Document bytes in local files or S3-compatible object storage.
