//! Shared set-up of the fuzz targets: which panics count as crashes.

use std::sync::Once;

/// libfuzzer-sys makes every panic an abort, even one caught inside `extract`. A parser panic
/// that `extract` turns into `Status::Corrupt` is handled by design, so by default only panics
/// that escape `extract` (which libfuzzer-sys still aborts on), aborts, leaks, timeouts and
/// out-of-memory count. Set `KLUIS_FUZZ_PARSER_PANICS=1` to also stop at caught parser panics,
/// e.g. to collect inputs for upstream bug reports.
pub fn init() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if std::env::var_os("KLUIS_FUZZ_PARSER_PANICS").is_none() {
            std::panic::set_hook(Box::new(|_| {}));
        }
    });
}
