//! Log output: tracing to stderr, filtered by KLUIS_LOG or RUST_LOG. Log lines never carry personal data.

use std::io::IsTerminal;
use tracing_subscriber::EnvFilter;

/// `default` applies when neither KLUIS_LOG nor RUST_LOG is set (or when they cannot be parsed).
pub fn init(default: &str) {
    let spec = std::env::var("KLUIS_LOG")
        .or_else(|_| std::env::var("RUST_LOG"))
        .unwrap_or_else(|_| default.to_owned());
    let filter = EnvFilter::try_new(&spec).unwrap_or_else(|_| EnvFilter::new(default));
    // A second init (never expected) is harmless, so its error is ignored.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}
