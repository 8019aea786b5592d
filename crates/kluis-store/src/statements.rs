//! Published privacy statements: every version in every language, as it was published.

use sqlx::{AnyConnection, Row as _};

use crate::dump::{Kind::Int, Kind::Text, TableDef};
use crate::{OrgScope, Result, Store, WriteTx};

/// The statements module's tables, in load order.
pub static STATEMENT_TABLES: &[TableDef] = &[TableDef::new(
    "privacy_statements",
    &[
        ("id", Text),
        ("org_id", Text),
        ("version", Int),
        ("lang", Text),
        ("html", Text),
        ("markdown", Text),
        ("content_json", Text),
        ("published_by", Text),
        ("published_at", Int),
    ],
)];

/// One published version of the statement in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementRow {
    pub version: i64,
    pub lang: String,
    pub html: String,
    pub markdown: String,
    /// The structured content it was rendered from (JSON), for other renderings (PDF) of the same version.
    pub content_json: String,
    /// User id of the member who published it.
    pub published_by: String,
    pub published_at: i64,
}

/// A version as lists show it: number, date, publisher and its languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementVersion {
    pub version: i64,
    pub published_at: i64,
    pub published_by: String,
    pub langs: Vec<String>,
}

/// A statement to insert (one language of one version).
#[derive(Debug, Clone)]
pub struct NewStatement<'a> {
    pub version: i64,
    pub lang: &'a str,
    pub html: &'a str,
    pub markdown: &'a str,
    pub content_json: &'a str,
    pub published_by: &'a str,
    pub published_at: i64,
}

/// Reads of one organisation's statements.
pub struct StatementStore<'s> {
    store: &'s Store,
    scope: &'s OrgScope,
}

impl Store {
    /// The privacy statements of the organisation `scope` stands for.
    pub fn statements<'s>(&'s self, scope: &'s OrgScope) -> StatementStore<'s> {
        StatementStore { store: self, scope }
    }
}

const COLUMNS: &str = "version, lang, html, markdown, content_json, published_by, published_at";

fn row(r: &sqlx::any::AnyRow) -> Result<StatementRow> {
    Ok(StatementRow {
        version: r.try_get("version")?,
        lang: r.try_get("lang")?,
        html: r.try_get("html")?,
        markdown: r.try_get("markdown")?,
        content_json: r.try_get("content_json")?,
        published_by: r.try_get("published_by")?,
        published_at: r.try_get("published_at")?,
    })
}

impl StatementStore<'_> {
    /// Every published version, newest first.
    pub async fn versions(&self) -> Result<Vec<StatementVersion>> {
        let mut c = self.store.pool().acquire().await?;
        let rows = sqlx::query(
            "SELECT version, lang, published_by, published_at FROM privacy_statements \
             WHERE org_id = $1 ORDER BY version DESC, lang",
        )
        .bind(self.scope.org_id())
        .fetch_all(&mut *c)
        .await?;
        let mut out: Vec<StatementVersion> = Vec::new();
        for r in rows {
            let version: i64 = r.try_get("version")?;
            let lang: String = r.try_get("lang")?;
            match out.last_mut() {
                Some(v) if v.version == version => v.langs.push(lang),
                _ => out.push(StatementVersion {
                    version,
                    published_at: r.try_get("published_at")?,
                    published_by: r.try_get("published_by")?,
                    langs: vec![lang],
                }),
            }
        }
        Ok(out)
    }

    /// One version in one language; the newest version when `version` is `None`.
    pub async fn get(&self, version: Option<i64>, lang: &str) -> Result<Option<StatementRow>> {
        let mut c = self.store.pool().acquire().await?;
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM privacy_statements WHERE org_id = $1 AND lang = $2 \
             AND ($3 IS NULL OR version = $3) ORDER BY version DESC LIMIT 1"
        )))
        .bind(self.scope.org_id())
        .bind(lang)
        .bind(version)
        .fetch_optional(&mut *c)
        .await?;
        r.as_ref().map(row).transpose()
    }
}

/// Statement writes inside a transaction.
pub struct StatementTx<'t> {
    conn: &'t mut AnyConnection,
    scope: &'t OrgScope,
}

impl WriteTx {
    /// Statement writes for the organisation `scope` stands for, inside this transaction.
    pub fn statements<'t>(&'t mut self, scope: &'t OrgScope) -> StatementTx<'t> {
        StatementTx {
            conn: self.conn(),
            scope,
        }
    }
}

impl StatementTx<'_> {
    /// The number the next published version gets.
    pub async fn next_version(&mut self) -> Result<i64> {
        let max: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM privacy_statements WHERE org_id = $1")
                .bind(self.scope.org_id())
                .fetch_one(&mut *self.conn)
                .await?;
        Ok(max.unwrap_or(0) + 1)
    }

    pub async fn insert(&mut self, s: &NewStatement<'_>) -> Result<()> {
        sqlx::query(
            "INSERT INTO privacy_statements (id, org_id, version, lang, html, markdown, content_json, \
             published_by, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(self.scope.org_id())
        .bind(s.version)
        .bind(s.lang)
        .bind(s.html)
        .bind(s.markdown)
        .bind(s.content_json)
        .bind(s.published_by)
        .bind(s.published_at)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }
}
