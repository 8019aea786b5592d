//! `kluis-pii-eval`: the scanner's evaluation tools behind one binary, one subcommand per module.

mod casefold;
mod dev_text;
mod dump;
mod explain;
mod garbage;
mod heldout;
mod report;
mod scan;
mod score;
mod show;
mod small_docs;
mod stage;

use anyhow::{Result, bail};

const USAGE: &str = "\
usage: kluis-pii-eval <command> [args]   (or: cargo xtask eval <command> [args])

commands:
  heldout OUT_DIR [N] [SEED] [--set a|b|c|d|e|f] [--names FILE]
        Write a generated, labelled held-out set: OUT_DIR/docs/hNNNN.txt and OUT_DIR/labels.jsonl.
  scan [--texts] DIR
        Scan every document of DIR through kluis-extract and kluis-pii and print the corpus contract's JSONL
        (with --texts: read ready text dumps <file>.txt instead).
  score LABELS JSONL [--misses]
        Score a scan's JSONL against labels.jsonl, printing what ../shared/corpus/score.py prints.
  report SETS_DIR [--misses]
        Scan and score every labelled set under SETS_DIR (a directory holding labels.jsonl and its documents,
        in docs/ or beside it), one line per set.
  dump FILE
        Every finding and classification of a text file cut into 64 KB documents, for byte-for-byte comparisons.
  stage FILE [ROUNDS] [findings|kw|detect|none]
        CPU-time throughput of the keyword pass, the findings half and detect (STAGE_WALL=1: wall clock).
  garbage FILE...
        Analyse arbitrary files read as lossy UTF-8 and check every finding's offsets (no-panic smoke test).
  small-docs DIR [ROUNDS]
        Per-document overhead of detect on the small text files of DIR.
  dev-text DIR [--out OUT_DIR]
        Extracted text of every document of DIR under `== name` headers, or with --out one <file>.txt each.
  show FILE...
        Findings and classification of text files.
  explain FILE...
        Every special-category term of each document (any format kluis-extract reads), whether the rule counted
        it as said of someone, and its line.
";

fn main() {
    if let Err(err) = run() {
        // A reader that stopped early (`| head`) is not a failure.
        let closed_pipe = err.chain().any(|e| {
            e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        });
        if !closed_pipe {
            eprintln!("kluis-pii-eval: {err:#}");
            std::process::exit(1);
        }
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        print!("{USAGE}");
        return Ok(());
    };
    let rest = rest.to_vec();
    match command.as_str() {
        "heldout" => heldout::run(rest),
        "scan" => scan::run(&rest),
        "score" => score::run(&rest),
        "report" => report::run(&rest),
        "dump" => dump::run(&rest),
        "stage" => stage::run(&rest),
        "garbage" => garbage::run(&rest),
        "small-docs" => small_docs::run(&rest),
        "dev-text" => dev_text::run(&rest),
        "show" => show::run(&rest),
        "explain" => explain::run(&rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command '{other}'\n\n{USAGE}"),
    }
}

/// The one positional argument a command cannot do without, or an error naming it.
fn required<'a>(args: &'a [String], index: usize, what: &str) -> Result<&'a str> {
    match args.get(index) {
        Some(v) => Ok(v.as_str()),
        None => bail!("missing {what}\n\n{USAGE}"),
    }
}
