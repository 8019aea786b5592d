//! Stand-in for `kluis scan` until the `kluis` binary routes it: `scan PATH... [options]`, and `scan extract-worker`.

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
