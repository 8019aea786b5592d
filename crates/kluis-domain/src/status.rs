//! Where a document, its scan and a background job stand: closed vocabularies whose string forms are stored.
//!
//! A stored string outside these vocabularies is corrupt data: the store refuses it with `StoreError::Corrupt`
//! naming the row, never a silent default.

vocabulary! {
    /// Where a document is in its processing.
    DocumentStatus {
        /// Uploaded, waiting for the scanner.
        Queued => "queued",
        Scanning => "scanning",
        /// The scanner is done; the scan status says whether it could read the content.
        Scanned => "scanned",
        /// The scan itself failed (worker crashed or timed out); it is retried.
        Failed => "failed",
    }
}

impl DocumentStatus {
    /// Waiting for or under the scanner: a verdict stored from an earlier scan is about to be replaced, so it is
    /// not shown as current.
    pub const fn is_pending(self) -> bool {
        matches!(self, DocumentStatus::Queued | DocumentStatus::Scanning)
    }
}

vocabulary! {
    /// How far the scanner got with a document. `Ok` means all of its text was extracted and analysed; a
    /// document of which only some content was read is never `Ok`.
    ScanStatus {
        Ok => "ok",
        /// A scan or photo without a text layer: it may well hold personal data nobody can see without OCR.
        ImageWithoutText => "image_without_text",
        Encrypted => "encrypted",
        Corrupt => "corrupt",
        Unsupported => "unsupported",
        LimitExceeded => "limit_exceeded",
        /// The extraction worker did not answer within the wall-clock timeout and was killed.
        Timeout => "timeout",
        /// The extraction worker died (abort, stack overflow, memory limit) on this document.
        Crashed => "crashed",
        /// The file could not be read from disk (permissions, vanished, not a regular file).
        Unreadable => "unreadable",
        /// The document was read, but not all of it: a member, part or attachment was not (nested too deep, over
        /// a limit, damaged, encrypted). Personal data may be in what was not read.
        Partial => "partial",
    }
}

impl ScanStatus {
    /// A document whose content the scanner could not read although it should have: the run reports it as a
    /// failure (exit code 1). Unsupported formats and images without text are not failures: there is nothing
    /// more a text scanner can do with them.
    pub const fn is_failure(self) -> bool {
        matches!(
            self,
            ScanStatus::Encrypted
                | ScanStatus::Corrupt
                | ScanStatus::LimitExceeded
                | ScanStatus::Timeout
                | ScanStatus::Crashed
                | ScanStatus::Unreadable
                | ScanStatus::Partial
        )
    }

    /// Whether a result with this status may be reused for the same bytes: timeouts, crashes and read errors
    /// can be transient.
    pub const fn is_cacheable(self) -> bool {
        !self.is_transient()
    }

    /// The scan did not finish for a reason that may pass (timeout, crash, read error): scan again.
    pub const fn is_transient(self) -> bool {
        matches!(
            self,
            ScanStatus::Timeout | ScanStatus::Crashed | ScanStatus::Unreadable
        )
    }
}

vocabulary! {
    /// Where a background job stands.
    JobStatus {
        Queued => "queued",
        Running => "running",
        Done => "done",
        Failed => "failed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_strings_are_unchanged_and_round_trip() {
        let doc: Vec<&str> = DocumentStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(doc, ["queued", "scanning", "scanned", "failed"]);
        let job: Vec<&str> = JobStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(job, ["queued", "running", "done", "failed"]);
        assert_eq!(ScanStatus::ImageWithoutText.as_str(), "image_without_text");
        for s in ScanStatus::ALL {
            assert_eq!(s.as_str().parse::<ScanStatus>(), Ok(*s));
            assert_eq!(
                serde_json::to_string(s).unwrap(),
                format!("\"{}\"", s.as_str())
            );
        }
        for s in DocumentStatus::ALL {
            assert_eq!(s.as_str().parse::<DocumentStatus>(), Ok(*s));
        }
        for s in JobStatus::ALL {
            assert_eq!(s.as_str().parse::<JobStatus>(), Ok(*s));
        }
    }

    #[test]
    fn unknown_strings_are_refused_not_defaulted() {
        let e = "Queued".parse::<DocumentStatus>().unwrap_err();
        assert_eq!(e.vocabulary, "DocumentStatus");
        assert_eq!(e.value, "Queued");
        assert!("".parse::<JobStatus>().is_err());
        assert!("Partial".parse::<ScanStatus>().is_err());
    }

    #[test]
    fn pending_and_failure() {
        assert!(DocumentStatus::Queued.is_pending());
        assert!(DocumentStatus::Scanning.is_pending());
        assert!(!DocumentStatus::Scanned.is_pending());
        assert!(ScanStatus::Corrupt.is_failure());
        assert!(!ScanStatus::Unsupported.is_failure());
        assert!(!ScanStatus::Timeout.is_cacheable());
        assert!(ScanStatus::Ok.is_cacheable());
    }
}
