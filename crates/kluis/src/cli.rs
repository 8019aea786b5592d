//! The command line: every subcommand and option, with the help text users see.

use clap::{Args, Parser, Subcommand};
use kluis_domain::Role;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Kluis: a self-hosted GDPR (AVG) workplace for small organisations.
///
/// Settings are read, each overriding the one before: built-in defaults, the configuration file
/// (--config FILE, or <data-dir>/kluis.toml when it exists), KLUIS_* environment variables, and
/// finally the options given on the command line.
#[derive(Debug, Parser)]
#[command(
    name = "kluis",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Options that every subcommand understands.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// Directory holding the SQLite database, the blobs and the key file [default: ./kluis-data]
    #[arg(long, global = true, value_name = "DIR", env = "KLUIS_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Database to use instead of SQLite in the data dir, e.g. postgres://kluis@db.internal/kluis
    #[arg(
        long,
        global = true,
        value_name = "URL",
        env = "KLUIS_DATABASE_URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,

    /// Where to keep uploaded documents instead of <data-dir>/blobs, e.g. s3://bucket/prefix
    #[arg(
        long,
        global = true,
        value_name = "URL",
        env = "KLUIS_BLOBS",
        hide_env_values = true
    )]
    pub blobs: Option<String>,

    /// File holding the encryption keys [default: <data-dir>/kluis.key]
    #[arg(long, global = true, value_name = "PATH", env = "KLUIS_KEY_FILE")]
    pub key_file: Option<PathBuf>,

    /// Configuration file (TOML) [default: <data-dir>/kluis.toml when it exists]
    #[arg(long, global = true, value_name = "FILE", env = "KLUIS_CONFIG")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web server (creates and migrates the data dir on first start)
    Serve(ServeArgs),
    /// Create or upgrade the database schema, then exit
    Migrate,
    /// Manage organisations
    #[command(subcommand)]
    Org(OrgCommand),
    /// Manage user accounts
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens for automation
    #[command(subcommand)]
    Token(TokenCommand),
    /// Write a consistent backup of the whole installation to FILE
    Backup {
        /// Backup file to create
        file: PathBuf,
    },
    /// Restore a backup FILE into an empty data dir (or an empty database)
    Restore {
        /// Backup file written by `kluis backup`
        file: PathBuf,
    },
    /// Check the audit logs
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Manage encryption keys
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Upload files and folders into an organisation's documents, scan them and print what was found
    ///
    /// Every file under the given paths is stored encrypted and scanned before the command returns; it prints
    /// one line per file and totals. Files that cannot be read or are too large are listed and skipped. Exit
    /// status: 0 when at least one file was imported, 1 when none could be, and non-zero when the organisation
    /// does not exist.
    ImportDocs {
        /// Files or folders to import (folders recursively)
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Organisation slug
        #[arg(long, value_name = "SLUG")]
        org: String,
    },
    /// The register of processing activities (Art. 30)
    #[command(subcommand)]
    Register(RegisterCommand),
    /// Import customer files into an organisation's relations, or export them
    #[command(subcommand)]
    Relations(RelationsCommand),
    /// Fill an empty organisation with a demo bakery: profile, activities, processors, documents
    ///
    /// Made-up data through the ordinary use cases (audited as `cli`), so a newcomer sees a living register,
    /// its exports, the privacy statement and the compliance check at once. Refused when the organisation's
    /// register already has activities.
    Demo {
        /// Organisation slug
        #[arg(long, value_name = "SLUG")]
        org: String,
        /// Language of the activity names and texts: nl or en
        #[arg(long, default_value = "nl")]
        lang: String,
    },
    /// Run the compliance check of an organisation and print its findings
    ///
    /// Prints the compliance score and every finding (severity, article, what is wrong, where to fix it) as a
    /// table or as JSON. Exit status: 0 when no finding is at or above --fail-on, 1 when at least one is, 2 on
    /// a usage or runtime error (unknown organisation, database unreachable).
    Check(CheckArgs),
    /// Data-subject requests, for automation
    #[command(subcommand)]
    Requests(RequestsCommand),
    /// Personal-data breaches: the notification to the authority, for the authority's portal
    #[command(subcommand)]
    Breach(BreachCommand),
    /// Data protection impact assessments (Art. 35): exchange with the CNIL's PIA tool
    #[command(subcommand)]
    Dpia(DpiaCommand),
    /// Scan files and folders for personal data (works offline, needs no data dir)
    Scan(kluis_scan::ScanArgs),
    /// Internal: the isolated text-extraction process started by `kluis scan`
    #[command(hide = true)]
    ExtractWorker,
}

/// Options of `kluis check`.
#[derive(Debug, Args, Clone)]
pub struct CheckArgs {
    /// Organisation slug
    #[arg(long, value_name = "SLUG")]
    pub org: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,
    /// Exit with status 1 when a finding of this severity or higher is open
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = FailOn::High)]
    pub fail_on: FailOn,
    /// Language of the messages: en or nl
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = ["en", "nl"])]
    pub lang: String,
}

/// `kluis dpia`: bring a DPIA in from the CNIL's PIA tool, or write one out for it. Audited as `cli`.
#[derive(Debug, Subcommand)]
pub enum DpiaCommand {
    /// Import a file exported by the CNIL's PIA tool as a new DPIA; a malformed or foreign file stores nothing
    Import {
        /// The tool's JSON export
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Organisation slug
        #[arg(long, value_name = "SLUG")]
        org: String,
        /// The processing activity the DPIA is about (its id in the register)
        #[arg(long, value_name = "ID")]
        activity: Option<String>,
    },
    /// Write a DPIA to FILE
    Export {
        /// Organisation slug
        #[arg(long, value_name = "SLUG")]
        org: String,
        /// The DPIA's id
        #[arg(long, value_name = "ID")]
        id: String,
        /// File format: cnil-pia (the CNIL PIA tool's JSON) or pdf
        #[arg(long, value_enum)]
        format: DpiaFormat,
        /// File to create
        #[arg(long, value_name = "FILE")]
        output: PathBuf,
        /// Language of the PDF: nl or en
        #[arg(long, default_value = "nl")]
        lang: String,
    },
}

/// The formats `kluis dpia export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DpiaFormat {
    /// The JSON file the CNIL's PIA tool imports.
    CnilPia,
    /// The DPIA as a PDF in the CNIL method's order, with its risk map.
    Pdf,
}

/// How `kluis check` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Table,
    Json,
}

/// The severity from which `kluis check` exits with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Low,
    Medium,
    High,
    Critical,
}

impl From<FailOn> for kluis_domain::register::compliance::Severity {
    fn from(f: FailOn) -> Self {
        use kluis_domain::register::compliance::Severity;
        match f {
            FailOn::Low => Severity::Low,
            FailOn::Medium => Severity::Medium,
            FailOn::High => Severity::High,
            FailOn::Critical => Severity::Critical,
        }
    }
}

#[derive(Debug, Args, Clone, Default)]
pub struct ServeArgs {
    /// Address and port to listen on; port 0 picks a free port [default: 127.0.0.1:8080]
    #[arg(long, value_name = "ADDR:PORT", env = "KLUIS_BIND")]
    pub bind: Option<SocketAddr>,

    /// Mark session cookies Secure (set this when Kluis is served over HTTPS by a proxy)
    #[arg(long)]
    pub secure_cookies: bool,

    /// Largest document upload accepted, all files of one request together, in bytes [default: 52428800]
    #[arg(long, value_name = "BYTES", env = "KLUIS_MAX_UPLOAD_BYTES")]
    pub max_upload_bytes: Option<u64>,

    /// API requests per minute per API token (per client IP without one), counted per instance; 0 turns the
    /// limit off [default: 600]
    #[arg(long, value_name = "N", env = "KLUIS_API_RATE_LIMIT_PER_MINUTE")]
    pub api_rate_limit_per_minute: Option<u32>,

    /// API requests a token (or IP) may make at once before the per-minute rate applies [default: 100]
    #[arg(long, value_name = "N", env = "KLUIS_API_RATE_LIMIT_BURST")]
    pub api_rate_limit_burst: Option<u32>,

    /// Seconds a client has to send a request's headers; idle kept-alive connections close after the same time
    /// [default: 10]
    #[arg(long, value_name = "SECS", env = "KLUIS_HEADER_TIMEOUT_SECS", value_parser = clap::value_parser!(u64).range(1..))]
    pub header_timeout_secs: Option<u64>,

    /// Seconds a request body may go without sending data before the request fails [default: 60]
    #[arg(long, value_name = "SECS", env = "KLUIS_BODY_TIMEOUT_SECS", value_parser = clap::value_parser!(u64).range(1..))]
    pub body_timeout_secs: Option<u64>,

    /// Connections served at once; further clients wait until one closes [default: 1024]
    #[arg(long, value_name = "N", env = "KLUIS_MAX_CONNECTIONS", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: Option<u32>,
}

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Add an organisation to an existing installation (or, with --init, to a new one)
    Add {
        /// Short name used in URLs, e.g. bakkerij-jansen
        slug: String,
        /// Display name, e.g. "Bakkerij Jansen B.V."
        #[arg(long)]
        name: String,
        /// Create a new installation (data directory, database and key file) when none exists yet
        #[arg(long)]
        init: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for a member of an organisation and print it once
    Create {
        /// Organisation slug
        #[arg(long, value_name = "SLUG")]
        org: String,
        /// Login e-mail address of the member the token acts for (with their role)
        #[arg(long, value_name = "E")]
        email: String,
        /// Name of the token, e.g. "backup script"
        #[arg(long, value_name = "N")]
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user to an organisation; for a new account the password is read from stdin or prompted for
    Add {
        /// Organisation slug
        #[arg(long, value_name = "SLUG")]
        org: String,
        /// Login e-mail address
        #[arg(long, value_name = "E")]
        email: String,
        /// Full name
        #[arg(long, value_name = "N")]
        name: String,
        /// Role in the organisation: owner, privacy_officer, staff or auditor
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Read the password from the first line of standard input instead of prompting
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a new password for a user; the password is read from stdin or prompted for
    Passwd {
        /// Login e-mail address
        email: String,
        /// Read the password from the first line of standard input instead of prompting
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Verify every organisation's audit chain; exits non-zero at the first broken event
    Verify {
        /// Also check that the chain still holds the event this signed checkpoint recorded (only the
        /// checkpoint's organisation is verified then)
        #[arg(long, value_name = "FILE")]
        checkpoint: Option<PathBuf>,
    },
    /// Write a signed checkpoint of an organisation's audit chain head to FILE; keep it outside the installation
    Checkpoint {
        /// Organisation slug
        #[arg(long)]
        org: String,
        /// Checkpoint file to create
        #[arg(long, value_name = "FILE")]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum RegisterCommand {
    /// Export an organisation's register to FILE (drafts are left out; an empty register is refused)
    ///
    /// Formats: pdf (A4, for the supervisory authority or an auditor), xlsx and csv (columns after the Belgian
    /// GBA model register), json, dpv-ttl and dpv-jsonld (W3C DPV), fideslang (a fideslang manifest). The export
    /// is recorded in the organisation's audit log.
    Export {
        /// Organisation slug
        #[arg(long, value_name = "SLUG")]
        org: String,
        /// pdf, xlsx, csv, json, dpv-ttl, dpv-jsonld or fideslang
        #[arg(long, value_name = "FORMAT")]
        format: String,
        /// File to create (must not exist yet)
        #[arg(long, value_name = "FILE")]
        output: PathBuf,
        /// Language of the labels: nl or en
        #[arg(long, default_value = "nl")]
        lang: String,
        /// The register as it stood at the end of this day (YYYY-MM-DD) instead of now
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum RelationsCommand {
    /// Import a customer file (CSV or XLSX, e.g. a Moneybird or Exact contact export) into an organisation
    ///
    /// Columns are mapped by --mapping (a JSON mapping as the API and the mapping page use), else by a preset
    /// the organisation remembered whose headers fit, else by the headers' words. Each row is checked: bad rows
    /// and duplicates (within the file, or an e-mail address a relation already has) are printed on stderr by
    /// row number and skipped, good rows are imported in transactional batches. Exit status: 0 when at least
    /// one row was imported (or, with --dry-run, would be) or the file held no data rows, 1 when rows were read
    /// but none could be imported, 2 when the file cannot be read, the mapping is refused or the organisation
    /// does not exist.
    Import {
        /// The CSV or XLSX file
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Organisation slug
        #[arg(long, value_name = "SLUG")]
        org: String,
        /// JSON mapping of the columns (see `kluis relations import --help`)
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
        /// Check every row and report, import nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Export an organisation's relations to a CSV or XLSX file (formula cells escaped; recorded in the audit log)
    Export {
        /// Organisation slug
        #[arg(long, value_name = "SLUG")]
        org: String,
        /// csv or xlsx
        #[arg(long, value_name = "FORMAT")]
        format: String,
        /// File to create (must not exist yet)
        #[arg(long, value_name = "FILE")]
        output: PathBuf,
        /// general, or marketing (leaves out everyone who objected to direct marketing)
        #[arg(long, default_value = "general")]
        purpose: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Create a new data key and re-encrypt all stored data with it
    Rotate,
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse::<Role>().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}

/// `kluis breach`: documents of a breach from the command line, audited as `cli`.
#[derive(Debug, Subcommand)]
pub enum BreachCommand {
    /// Write the notification to the authority (the AP's form, sections 0-9, or the GBA's two parts, by the
    /// organisation's jurisdiction), pre-filled, to FILE
    Export {
        /// Organisation slug
        #[arg(long, value_name = "SLUG")]
        org: String,
        /// The breach's id or number (as in its reference `2026-003`: 3)
        #[arg(long, value_name = "ID")]
        id: String,
        /// `pdf` or `json` (each answer ready to paste); `ttl` or `jsonld` for W3C DPV
        #[arg(long, value_name = "FORMAT", default_value = "pdf")]
        format: String,
        /// File to create
        #[arg(long, value_name = "FILE")]
        output: PathBuf,
        /// Language of the questions: nl or en
        #[arg(long, default_value = "nl")]
        lang: String,
    },
}

/// `kluis requests`: answer a person's request from the command line. Finds the open request of that kind from
/// the address (or registers one), links it to the relation with that address and records the identity as
/// verified by the address on file; every step is audited as `cli`.
#[derive(Debug, Subcommand)]
pub enum RequestsCommand {
    /// Write the access bundle (Art. 15: ZIP with JSON, CSV, the letter as HTML and PDF, the documents) to FILE
    Access {
        /// Organisation slug
        #[arg(long, value_name = "SLUG")]
        org: String,
        /// The person's e-mail address, as held by the relation
        #[arg(long, value_name = "ADDR")]
        email: String,
        /// ZIP file to create
        #[arg(long, value_name = "FILE")]
        output: PathBuf,
        /// Leave the documents' bytes out
        #[arg(long)]
        without_documents: bool,
    },
    /// Erase the person (Art. 17) as the register's rules decide and write the report as JSON to FILE
    Erase {
        /// Organisation slug
        #[arg(long, value_name = "SLUG")]
        org: String,
        /// The person's e-mail address, as held by the relation
        #[arg(long, value_name = "ADDR")]
        email: String,
        /// JSON file to create
        #[arg(long, value_name = "FILE")]
        output: PathBuf,
    },
}
