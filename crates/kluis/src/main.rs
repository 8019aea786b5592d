//! The `kluis` binary: parses the command line, loads settings and hands each subcommand to kluis-app.

mod check;
mod cli;
mod commands;
mod config;
mod import_docs;
mod logging;
mod password;
mod preflight;
mod relations;
mod serve;

use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The scanner needs no data dir or database, and its worker must start as light as possible.
    let command = match cli.command {
        Command::ExtractWorker => return kluis_scan::worker_main(),
        Command::Scan(args) => {
            logging::init("warn");
            return kluis_scan::run(args);
        }
        other => other,
    };
    let serve_args = match &command {
        Command::Serve(args) => Some(args),
        _ => None,
    };
    logging::init(if serve_args.is_some() { "info" } else { "warn" });
    let settings = match config::load(&cli.global, serve_args) {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("kluis: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("kluis: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    // `kluis check` keeps 1 for "findings found", so its errors exit 2.
    let error_code = match &command {
        Command::Check(_) => ExitCode::from(check::EXIT_ERROR),
        _ => ExitCode::FAILURE,
    };
    match runtime.block_on(commands::run(command, settings)) {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("kluis: {failure}");
            error_code
        }
    }
}
