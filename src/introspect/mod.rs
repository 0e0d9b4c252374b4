//! Reading the catalog: one read-only, repeatable-read transaction and a fixed set of
//! catalog queries (`queries/*.sql`), whatever the number of tables.
//!
//! Each query returns a single JSON array; the queries are sent together, so a whole
//! introspection costs a handful of round trips. `lower.rs` turns the rows into the model.

pub mod connection;
mod lower;
mod rows;
mod tls;
mod view_lineage;

use serde::de::DeserializeOwned;

use crate::model::Catalog;
pub use connection::{ConnectOptions, SslMode};
use rows::CatalogRows;

/// What to read.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Schemas to read.
    pub schemas: Vec<String>,
    /// Also read relations, functions and types that belong to extensions.
    pub include_extension_objects: bool,
    /// Read partitions as relations of their own (each tagged with its parent), as the
    /// reference generator lists them; otherwise they are folded into their parent.
    pub include_partitions: bool,
    /// Also read the functions Postgres creates implicitly (multirange constructors), as the
    /// reference generator lists them.
    pub include_implicit_functions: bool,
}

/// The catalog queries, by name, in the order they are sent.
pub const QUERIES: &[(&str, &str)] = &[
    ("schemas", include_str!("queries/schemas.sql")),
    ("relations", include_str!("queries/relations.sql")),
    ("columns", include_str!("queries/columns.sql")),
    ("constraints", include_str!("queries/constraints.sql")),
    ("policies", include_str!("queries/policies.sql")),
    ("functions", include_str!("queries/functions.sql")),
    ("types", include_str!("queries/types.sql")),
];

/// The queries that run on the second connection when there is one.
const ON_SECOND: &[&str] = &["columns", "functions"];

/// Failures while connecting or reading the catalog.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The connection settings are invalid.
    #[error("{0}")]
    Config(String),
    /// TLS could not be set up.
    #[error("TLS: {0}")]
    Tls(String),
    /// The server could not be reached or refused us.
    #[error("cannot connect to {target}")]
    Connect {
        /// `user@host:port/db`, without the password.
        target: String,
        /// The driver's error.
        #[source]
        source: tokio_postgres::Error,
    },
    /// A catalog query failed.
    #[error("catalog query `{query}` failed")]
    Query {
        /// Which query.
        query: &'static str,
        /// The driver's error.
        #[source]
        source: tokio_postgres::Error,
    },
    /// A catalog query returned something gen-types cannot read.
    #[error("cannot read the result of catalog query `{query}`")]
    Decode {
        /// Which query.
        query: &'static str,
        /// What was wrong.
        #[source]
        source: serde_json::Error,
    },
}

/// Wraps a driver error as the failure of catalog query (or step) `query`.
fn query_failed(query: &'static str) -> impl FnOnce(tokio_postgres::Error) -> Error {
    move |source| Error::Query { query, source }
}

impl Error {
    /// True when the database refused access (authentication, authorization, missing
    /// database) or could not be reached, as opposed to a bug or a bad setting.
    pub fn is_access(&self) -> bool {
        matches!(self, Self::Connect { .. })
            || matches!(self, Self::Query { source, .. }
                if source.code().is_some_and(|c| c.code().starts_with("42501") || c.code().starts_with("28")))
    }
}

/// Reads the catalog through an open client. With a second connection to the same database,
/// the queries are split over both (the second imports the first's snapshot with
/// `SET TRANSACTION SNAPSHOT`, as parallel pg_dump does), so the server works on two cores;
/// when the second cannot join the snapshot (a standby, a pooler), the first does it all.
/// Warnings (unresolvable types, unreadable defaults) are returned beside the catalog.
pub async fn introspect(
    client: &tokio_postgres::Client,
    second: Option<&tokio_postgres::Client>,
    selection: &Selection,
    statement_timeout: std::time::Duration,
) -> Result<(Catalog, Vec<String>), Error> {
    let rows = read(client, second, selection, statement_timeout).await?;
    Ok(build(rows))
}

/// The catalog rows, read but not yet turned into the model (see [`introspect`]). Reading
/// and [`build`]ing separately lets a caller close its connections in between: their
/// receive buffers grew to the largest result (tens of MB on big schemas).
pub struct Rows {
    rows: CatalogRows,
    warnings: Vec<String>,
}

/// Turns rows from [`read`] into the model; warnings from both steps are returned.
pub fn build(rows: Rows) -> (Catalog, Vec<String>) {
    let Rows { rows, mut warnings } = rows;
    let (catalog, more) = lower::lower(rows);
    warnings.extend(more);
    (catalog, warnings)
}

/// Runs the catalog queries (the first half of [`introspect`]).
pub async fn read(
    client: &tokio_postgres::Client,
    second: Option<&tokio_postgres::Client>,
    selection: &Selection,
    statement_timeout: std::time::Duration,
) -> Result<Rows, Error> {
    let settings = format!(
        "SET LOCAL statement_timeout = {}; SET LOCAL jit = off",
        statement_timeout.as_millis()
    );
    let begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    client
        .batch_execute(&format!("{begin}; {settings}"))
        .await
        .map_err(query_failed("begin"))?;
    // The second connection imports this transaction's snapshot while the first one's
    // queries already run; the queries meant for it wait for that (and run on the first
    // connection when it cannot join).
    let snapshot = match second {
        Some(_) => export_snapshot(client, begin, &settings).await?,
        None => None,
    };
    let joined = futures_util::future::FutureExt::shared(async {
        match (second, snapshot) {
            (Some(other), Some(id)) => import_snapshot(other, &id, begin, &settings)
                .await
                .then_some(other),
            _ => None,
        }
    });

    let schemas = &selection.schemas;
    let ext = &selection.include_extension_objects;
    let partitions = &selection.include_partitions;
    let implicit = &selection.include_implicit_functions;
    // The columns query is the largest; with a second connection it runs there, followed by
    // the small functions query (the rest is about as much work for the first connection).
    // Each result is decoded as soon as it arrives, while the server works on the others.
    let mut rows = CatalogRows::default();
    let results = futures_util::future::join_all(QUERIES.iter().map(|(name, sql)| {
        let joined = joined.clone();
        async move {
            let on = if ON_SECOND.contains(name) {
                joined.await.unwrap_or(client)
            } else {
                client
            };
            // schemas.sql takes only the schema list; the others also take the extension flag,
            // functions.sql the implicit-functions flag and those that read relations the
            // partitions flag.
            let params: &[&(dyn tokio_postgres::types::ToSql + Sync)] = match *name {
                "schemas" => &[schemas],
                "types" => &[schemas, ext],
                "functions" => &[schemas, ext, implicit],
                _ => &[schemas, ext, partitions],
            };
            // Sent together: tokio-postgres pipelines the queries on each connection.
            let row = on
                .query_one(*sql, params)
                .await
                .map_err(query_failed(name))?;
            let text: &str = row.get(0);
            Decoded::from_json(name, text)
        }
    }))
    .await;
    for c in std::iter::once(client).chain(joined.await) {
        c.batch_execute("COMMIT")
            .await
            .map_err(query_failed("commit"))?;
    }
    for r in results {
        match r? {
            Decoded::Schemas(v) => rows.schemas = v,
            Decoded::Relations(v) => rows.relations = v,
            Decoded::Columns(v) => rows.columns = v,
            Decoded::Constraints(v) => rows.constraints = v,
            Decoded::Policies(v) => rows.policies = v,
            Decoded::Functions(v) => rows.functions = v,
            Decoded::Types(v) => rows.types = v,
        }
    }
    let mut warnings = Vec::new();
    for s in schemas {
        if !rows.schemas.iter().any(|r| &r.name == s) {
            warnings.push(format!("schema `{s}` does not exist"));
        }
    }
    Ok(Rows { rows, warnings })
}

/// Exports the snapshot of `client`'s transaction; `None` when the server refuses, and then
/// the transaction (which the failed call aborted, before any catalog query) starts again.
async fn export_snapshot(
    client: &tokio_postgres::Client,
    begin: &str,
    settings: &str,
) -> Result<Option<String>, Error> {
    match client.simple_query("SELECT pg_export_snapshot()").await {
        Ok(messages) => Ok(messages.iter().find_map(|m| match m {
            tokio_postgres::SimpleQueryMessage::Row(row) => row.get(0).map(str::to_string),
            _ => None,
        })),
        Err(_) => {
            client
                .batch_execute(&format!("ROLLBACK; {begin}; {settings}"))
                .await
                .map_err(query_failed("begin"))?;
            Ok(None)
        }
    }
}

/// Starts `other`'s transaction on the snapshot `id`; false (and `other` left idle) when it
/// cannot.
async fn import_snapshot(
    other: &tokio_postgres::Client,
    id: &str,
    begin: &str,
    settings: &str,
) -> bool {
    // The id is Postgres's own text (hex digits and dashes); quote it anyway.
    let sql = format!(
        "{begin}; SET TRANSACTION SNAPSHOT '{}'; {settings}",
        id.replace('\'', "''")
    );
    if other.batch_execute(&sql).await.is_ok() {
        return true;
    }
    let _ = other.batch_execute("ROLLBACK").await;
    false
}

/// One catalog query's rows.
enum Decoded {
    Schemas(Vec<rows::SchemaRow>),
    Relations(Vec<rows::RelationRow>),
    Columns(Vec<rows::ColumnRow>),
    Constraints(Vec<rows::ConstraintRow>),
    Policies(Vec<rows::PolicyRow>),
    Functions(Vec<rows::FunctionRow>),
    Types(Vec<rows::TypeRow>),
}

impl Decoded {
    fn from_json(query: &'static str, text: &str) -> Result<Self, Error> {
        Ok(match query {
            "schemas" => Decoded::Schemas(decode(query, text)?),
            "relations" => Decoded::Relations(decode(query, text)?),
            "columns" => Decoded::Columns(decode(query, text)?),
            "constraints" => Decoded::Constraints(decode(query, text)?),
            "policies" => Decoded::Policies(decode(query, text)?),
            "functions" => Decoded::Functions(decode(query, text)?),
            _ => Decoded::Types(decode(query, text)?),
        })
    }
}

fn decode<T: DeserializeOwned>(query: &'static str, text: &str) -> Result<Vec<T>, Error> {
    let mut rows: Vec<T> =
        serde_json::from_str(text).map_err(|source| Error::Decode { query, source })?;
    // The vector grew by doubling; give the slack back before the model is built beside it.
    rows.shrink_to_fit();
    Ok(rows)
}
