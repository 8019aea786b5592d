//! The detector on arbitrary text: every byte string, decoded lossily as the extractors' text would be.
//! No panic hook here: the detector catches nothing, so any panic is a bug.
#![no_main]

use kluis_pii::Detector;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let analysis = Detector::shared().analyze(&text, Some("f.txt"));
    for f in &analysis.findings {
        // Offsets are char boundaries and name the value they claim.
        assert_eq!(text.get(f.start..f.end), Some(f.value.as_str()));
    }
});
