//! The document scanning pipeline: walk paths, extract in isolated workers, detect, cache, and report.
