//! A standalone `kluis scan` (and `kluis-scan extract-worker`): for tests, benchmarks and use without the full
//! `kluis` binary.

use std::process::ExitCode;

fn main() -> ExitCode {
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == "extract-worker")
    {
        return kluis_scan::worker_main();
    }
    kluis_scan::run(kluis_scan::ScanArgs::parse())
}
