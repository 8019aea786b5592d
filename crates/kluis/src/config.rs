//! Settings: defaults, then the config file, then KLUIS_* variables, then flags; unknown keys are errors.

use crate::cli::{GlobalArgs, ServeArgs};
use figment::providers::{Env, Format, Serialized, Toml};
use figment::{Figment, Source};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

pub const DEFAULT_DATA_DIR: &str = "./kluis-data";
pub const CONFIG_FILE_NAME: &str = "kluis.toml";

/// Everything a Kluis process can be configured with. The TOML file uses exactly these keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub data_dir: PathBuf,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blobs: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_file: Option<PathBuf>,
    pub bind: SocketAddr,
    pub secure_cookies: bool,
    /// How long a login stays valid without activity, in minutes.
    pub session_ttl_minutes: u64,
    /// Largest document upload accepted (all files of one request together), in bytes.
    pub max_upload_bytes: u64,
    /// API requests per minute per API token (per client IP without one), on average; 0 turns the limit off.
    /// Counted in each process: with several instances, each allows this many.
    pub api_rate_limit_per_minute: u32,
    /// API requests one token (or IP) may make at once before the per-minute rate applies.
    pub api_rate_limit_burst: u32,
    /// Seconds a client has to send a request's head (request line and headers); an idle kept-alive
    /// connection is closed after the same time.
    pub header_timeout_secs: u64,
    /// Seconds a request body may go without sending data before the request fails.
    pub body_timeout_secs: u64,
    /// Open connections served at once; further clients wait until one closes.
    pub max_connections: u32,
    /// The SMTP server for outgoing mail (double opt-in, preference links, request letters):
    /// `smtps://user:password@host`, `smtp://host:587?tls=required`, or plain `smtp://localhost:25` for a server
    /// on this machine. Unset: letters are shown to print or send by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smtp_url: Option<String>,
    /// The sender of outgoing mail, e.g. `Bakkerij Jansen <privacy@bakkerij.example>`; needed with `smtp_url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub smtp_from: Option<String>,
    /// The address people reach Kluis at (`https://kluis.example.nl`), for the links in letters. Unset: the
    /// address a member's request came in on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            data_dir: PathBuf::from(DEFAULT_DATA_DIR),
            database_url: None,
            blobs: None,
            key_file: None,
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            secure_cookies: false,
            session_ttl_minutes: 8 * 60,
            max_upload_bytes: 50 * 1024 * 1024,
            api_rate_limit_per_minute: 600,
            api_rate_limit_burst: 100,
            header_timeout_secs: 10,
            body_timeout_secs: 60,
            max_connections: 1024,
            smtp_url: None,
            smtp_from: None,
            public_url: None,
        }
    }
}

/// The keys that may come from `KLUIS_<KEY>` variables. Other KLUIS_* variables (KLUIS_LOG,
/// KLUIS_TEST_DATABASE_URL, ...) belong to someone else and must not be rejected as unknown.
const ENV_KEYS: &[&str] = &[
    "data_dir",
    "database_url",
    "blobs",
    "key_file",
    "bind",
    "secure_cookies",
    "session_ttl_minutes",
    "max_upload_bytes",
    "api_rate_limit_per_minute",
    "api_rate_limit_burst",
    "header_timeout_secs",
    "body_timeout_secs",
    "max_connections",
    "smtp_url",
    "smtp_from",
    "public_url",
];

/// Command-line values; only the ones given override lower layers.
#[derive(Serialize)]
struct Flags<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    data_dir: Option<&'a Path>,
    #[serde(skip_serializing_if = "Option::is_none")]
    database_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    blobs: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_file: Option<&'a Path>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bind: Option<SocketAddr>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    secure_cookies: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_upload_bytes: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_rate_limit_per_minute: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_rate_limit_burst: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    header_timeout_secs: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body_timeout_secs: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_connections: Option<u32>,
}

#[derive(Debug)]
pub struct ConfigError(String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// Loads the settings for this invocation. `serve` is `None` for subcommands other than `serve`.
pub fn load(global: &GlobalArgs, serve: Option<&ServeArgs>) -> Result<Settings, ConfigError> {
    let file = config_file(global)?;
    let flags = Flags {
        data_dir: global.data_dir.as_deref(),
        database_url: global.database_url.as_deref(),
        blobs: global.blobs.as_deref(),
        key_file: global.key_file.as_deref(),
        bind: serve.and_then(|s| s.bind),
        secure_cookies: serve.is_some_and(|s| s.secure_cookies),
        max_upload_bytes: serve.and_then(|s| s.max_upload_bytes),
        api_rate_limit_per_minute: serve.and_then(|s| s.api_rate_limit_per_minute),
        api_rate_limit_burst: serve.and_then(|s| s.api_rate_limit_burst),
        header_timeout_secs: serve.and_then(|s| s.header_timeout_secs),
        body_timeout_secs: serve.and_then(|s| s.body_timeout_secs),
        max_connections: serve.and_then(|s| s.max_connections),
    };
    let mut figment = Figment::from(Serialized::defaults(Settings::default()));
    if let Some(file) = &file {
        figment = figment.merge(Toml::file_exact(file));
    }
    figment = figment
        .merge(Env::prefixed("KLUIS_").only(ENV_KEYS))
        .merge(Serialized::defaults(flags));
    figment.extract::<Settings>().map_err(describe)
}

/// `--config FILE` must exist; `<data-dir>/kluis.toml` is used only when present.
fn config_file(global: &GlobalArgs) -> Result<Option<PathBuf>, ConfigError> {
    if let Some(path) = &global.config {
        if !path.is_file() {
            return Err(ConfigError(format!(
                "configuration file {} does not exist",
                path.display()
            )));
        }
        return Ok(Some(path.clone()));
    }
    let data_dir = global
        .data_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR));
    let candidate = data_dir.join(CONFIG_FILE_NAME);
    Ok(candidate.is_file().then_some(candidate))
}

/// One line per problem, naming the key and where it came from (file path or variable).
fn describe(err: figment::Error) -> ConfigError {
    let lines: Vec<String> = err
        .into_iter()
        .map(|e| {
            let origin = match e.metadata.as_ref() {
                Some(md) => match &md.source {
                    Some(Source::File(path)) => format!("in configuration file {}", path.display()),
                    Some(Source::Custom(s)) => format!("in {s}"),
                    _ if md.name.contains("environment") => {
                        "in KLUIS_* environment variables".to_owned()
                    }
                    _ => format!("in {}", md.name),
                },
                None => "in configuration".to_owned(),
            };
            let key = e.path.join(".");
            let kind = e.kind.to_string();
            if key.is_empty() {
                format!("invalid configuration {origin}: {kind}")
            } else {
                format!("invalid configuration {origin}: key `{key}`: {kind}")
            }
        })
        .collect();
    ConfigError(lines.join("\n"))
}

/// A URL fit for printing: any password in it is replaced by `***`.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_owned();
    };
    let rest_start = scheme_end + 3;
    let rest = &url[rest_start..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else {
        return url.to_owned();
    };
    let userinfo = &authority[..at];
    let Some(colon) = userinfo.find(':') else {
        return url.to_owned();
    };
    format!(
        "{}{}:***{}",
        &url[..rest_start],
        &userinfo[..colon],
        &url[rest_start + at..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_only_the_password() {
        assert_eq!(
            redact_url("postgres://kluis:s3cr%40t@db:5432/kluis"),
            "postgres://kluis:***@db:5432/kluis"
        );
        assert_eq!(
            redact_url("postgres://nobody@127.0.0.1:1/x"),
            "postgres://nobody@127.0.0.1:1/x"
        );
        assert_eq!(
            redact_url("postgres://a:b@h/x?password=no@t"),
            "postgres://a:***@h/x?password=no@t"
        );
        assert_eq!(redact_url("sqlite:///tmp/x.db"), "sqlite:///tmp/x.db");
        assert_eq!(redact_url("not a url"), "not a url");
    }
}
