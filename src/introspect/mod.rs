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

use futures_util::TryStreamExt;
use serde::de::DeserializeOwned;
use tokio_postgres::types::{ToSql, Type};

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

/// The queries that run on the second connection when there is one: the columns query is
/// the largest, followed by the small functions query (the rest is about as much work for
/// the first connection).
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
    /// The server did not answer in time while connecting or on the first query.
    #[error("cannot connect to {target}: no answer from the server within {} s", after.as_secs())]
    Timeout {
        /// `user@host:port/db`, without the password.
        target: String,
        /// The connect timeout.
        after: std::time::Duration,
    },
    /// The server accepted the connection but did not answer the first statement in time.
    #[error("the server did not answer the first statement within {} s", after.as_secs())]
    NoReply {
        /// The bound ([`Limits::first_reply`]).
        after: std::time::Duration,
    },
    /// The server stopped answering during the catalog queries: no answer within the time
    /// they could take if each ran into the statement timeout.
    #[error("the server stopped answering during the catalog queries (no answer within {} s)", after.as_secs())]
    Stalled {
        /// The bound: the first statement's plus the statement timeout per query.
        after: std::time::Duration,
    },
    /// Catalog objects vanished under every attempt to read (see [`READ_ATTEMPTS`]).
    #[error(
        "the catalog kept changing while it was read ({attempts} attempts); run again when the DDL is done"
    )]
    KeptChanging {
        /// How many reads were tried.
        attempts: usize,
        /// The last attempt's failure.
        #[source]
        last: Box<Error>,
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
    /// A catalog query's rows are not of the types gen-types reads.
    #[error("cannot read the result of catalog query `{query}`")]
    DecodeRow {
        /// Which query.
        query: &'static str,
        /// What was wrong.
        #[source]
        source: tokio_postgres::Error,
    },
}

/// Wraps a driver error as the failure of catalog query (or step) `query`.
fn query_failed(query: &'static str) -> impl FnOnce(tokio_postgres::Error) -> Error {
    move |source| Error::Query { query, source }
}

impl Error {
    /// True when the database could not be reached, did not answer in time, or refused the
    /// connection or a catalog query (authentication, permissions, a missing database, a
    /// catalog that kept changing), as opposed to a bad setting or a result gen-types cannot
    /// read.
    pub fn is_access(&self) -> bool {
        matches!(
            self,
            Self::Connect { .. }
                | Self::Timeout { .. }
                | Self::NoReply { .. }
                | Self::Stalled { .. }
                | Self::Query { .. }
                | Self::KeptChanging { .. }
        )
    }

    /// True when the server reported that a catalog object vanished while it was read: a
    /// catalog function (`pg_get_constraintdef`, `format_type`, ...) looks objects up in the
    /// system caches, which see the latest committed state rather than the transaction's
    /// snapshot, so concurrent DDL can make it fail, or return NULL where a text belongs
    /// (which then fails to decode). Reading again on a fresh snapshot succeeds.
    pub fn is_vanished_object(&self) -> bool {
        use tokio_postgres::error::SqlState;
        let source = match self {
            // Some catalog functions return NULL for an object that vanished.
            Self::Decode { .. } => return true,
            Self::Query { source, .. } => source,
            _ => return false,
        };
        let Some(db) = source.as_db_error() else {
            return false;
        };
        let message = db.message();
        match db.code() {
            c if *c == SqlState::INTERNAL_ERROR => {
                message.starts_with("cache lookup failed for")
                    || message.starts_with("could not open relation with OID")
                    || message.starts_with("could not find tuple for")
            }
            c => *c == SqlState::UNDEFINED_TABLE || *c == SqlState::UNDEFINED_OBJECT,
        }
    }
}

/// How long the server may take to answer.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The statement timeout of each catalog query (enforced by the server).
    pub statement: std::time::Duration,
    /// How long the first statement (`BEGIN ...`) may wait for its answer (enforced here):
    /// a pooler that accepted the connection but has no server to give it, or a server that
    /// stopped answering, fails the run instead of hanging it.
    pub first_reply: std::time::Duration,
}

/// How many times a read is tried when catalog objects vanish under it.
pub const READ_ATTEMPTS: usize = 5;

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
    let limits = Limits {
        statement: statement_timeout,
        first_reply: statement_timeout,
    };
    let rows = read(client, second, selection, limits).await?;
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

/// Runs the catalog queries (the first half of [`introspect`]). When the server reports that
/// a catalog object vanished mid-read (concurrent DDL, see [`Error::is_vanished_object`]),
/// the whole read starts again on a fresh snapshot, up to [`READ_ATTEMPTS`] times: the rows
/// returned always come from one snapshot.
pub async fn read(
    client: &tokio_postgres::Client,
    second: Option<&tokio_postgres::Client>,
    selection: &Selection,
    limits: Limits,
) -> Result<Rows, Error> {
    let mut attempt = 1;
    loop {
        match read_snapshot(client, second, selection, limits).await {
            Err(e) if e.is_vanished_object() && attempt < READ_ATTEMPTS => {
                // Let a burst of DDL (a migration) pass before the next snapshot.
                let pause = std::time::Duration::from_millis(20 << attempt);
                tokio::time::sleep(pause).await;
                attempt += 1;
            }
            // A result that still cannot be decoded is more likely a bug than DDL: it is
            // reported as it is.
            Err(e @ Error::Query { .. }) if e.is_vanished_object() => {
                return Err(Error::KeptChanging {
                    attempts: attempt,
                    last: Box::new(e),
                });
            }
            result => return result,
        }
    }
}

/// One read of every catalog query in one snapshot. Both connections are idle again when it
/// returns, whether it succeeded or not (a failed query's transaction is rolled back).
async fn read_snapshot(
    client: &tokio_postgres::Client,
    second: Option<&tokio_postgres::Client>,
    selection: &Selection,
    limits: Limits,
) -> Result<Rows, Error> {
    let settings = format!(
        "SET LOCAL statement_timeout = {}; SET LOCAL jit = off",
        limits.statement.as_millis()
    );
    let begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    let start = format!("{begin}; {settings}");
    let started = client.batch_execute(&start);
    tokio::time::timeout(limits.first_reply, started)
        .await
        .map_err(|_| Error::NoReply {
            after: limits.first_reply,
        })?
        .map_err(query_failed("begin"))?;
    let snapshot = match second {
        Some(_) => export_snapshot(client, begin, &settings).await?,
        None => None,
    };
    let joined = async {
        match (second, snapshot) {
            (Some(other), Some(id)) => import_snapshot(other, &id, begin, &settings)
                .await
                .then_some(other),
            _ => None,
        }
    };
    // The server bounds each statement; this bounds a server or network that stops
    // answering altogether (TCP keepalives would take hours to notice).
    let bound = limits.first_reply + limits.statement * QUERIES.len() as u32;
    let (results, used) = tokio::time::timeout(bound, run_split(client, joined, selection))
        .await
        .map_err(|_| Error::Stalled { after: bound })?;
    for c in std::iter::once(client).chain(used) {
        c.batch_execute("COMMIT")
            .await
            .map_err(query_failed("commit"))?;
    }
    let rows = into_rows(results)?;
    let mut warnings = Vec::new();
    for s in &selection.schemas {
        if !rows.schemas.iter().any(|r| &r.name == s) {
            warnings.push(format!("schema `{s}` does not exist"));
        }
    }
    Ok(Rows { rows, warnings })
}

/// The rows of every query, or the failure that caused the others: a query that failed
/// aborts the transaction, and the queries after it on the same connection then fail with
/// "current transaction is aborted".
fn into_rows(mut results: Vec<Result<Decoded, Error>>) -> Result<CatalogRows, Error> {
    let follow_up = |e: &Error| {
        matches!(e, Error::Query { source, .. }
            if source.code() == Some(&tokio_postgres::error::SqlState::IN_FAILED_SQL_TRANSACTION))
    };
    if let Some(cause) = results
        .iter()
        .position(|r| r.as_ref().is_err_and(|e| !follow_up(e)))
    {
        results.swap(0, cause);
    }
    let mut rows = CatalogRows::default();
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
    Ok(rows)
}

/// Runs every catalog query: those of [`ON_SECOND`] on the second connection once `joined`
/// (its import of the snapshot) gives it, the others on `client`, all pipelined. When the
/// import fails, or has not finished when `client` is done with its own queries (a
/// transaction-mode pooler whose only server connection `client`'s transaction holds), the
/// rest runs on `client` too. Returns the results in [`QUERIES`] order and the second
/// connection when it was used.
async fn run_split<'a>(
    client: &'a tokio_postgres::Client,
    joined: impl std::future::Future<Output = Option<&'a tokio_postgres::Client>>,
    selection: &Selection,
) -> (
    Vec<Result<Decoded, Error>>,
    Option<&'a tokio_postgres::Client>,
) {
    use futures_util::future::{Either, select};
    let own: Vec<&'static str> = QUERIES
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| !ON_SECOND.contains(name))
        .collect();
    let first = std::pin::pin!(run_queries(client, &own, selection));
    let joined = std::pin::pin!(joined);
    let (mut own_results, other_results, used) = match select(joined, first).await {
        Either::Left((Some(other), first)) => {
            let (mine, theirs) =
                futures_util::join!(first, run_queries(other, ON_SECOND, selection));
            (mine, theirs, Some(other))
        }
        Either::Left((None, first)) => {
            let (mine, theirs) =
                futures_util::join!(first, run_queries(client, ON_SECOND, selection));
            (mine, theirs, None)
        }
        // The import may wait forever behind this transaction: it is dropped.
        Either::Right((mine, _)) => (mine, run_queries(client, ON_SECOND, selection).await, None),
    };
    own_results.extend(other_results);
    let mut ordered: Vec<_> = own.iter().chain(ON_SECOND).zip(own_results).collect();
    ordered.sort_by_key(|(name, _)| QUERIES.iter().position(|(q, _)| q == *name));
    (ordered.into_iter().map(|(_, r)| r).collect(), used)
}

/// Runs the catalog queries `names` on `on`, sent together (tokio-postgres pipelines them),
/// each result decoded as soon as it arrives while the server works on the next.
async fn run_queries(
    on: &tokio_postgres::Client,
    names: &[&'static str],
    selection: &Selection,
) -> Vec<Result<Decoded, Error>> {
    let schemas = &selection.schemas;
    let ext = &selection.include_extension_objects;
    let partitions = &selection.include_partitions;
    let implicit = &selection.include_implicit_functions;
    let queries = QUERIES.iter().filter(|(name, _)| names.contains(name));
    futures_util::future::join_all(queries.map(|(name, sql)| async move {
        // schemas.sql takes only the schema list; the others also take the extension flag,
        // functions.sql the implicit-functions flag and those that read relations the
        // partitions flag.
        let params: &[(&(dyn ToSql + Sync), Type)] = match *name {
            "schemas" => &[(schemas, Type::TEXT_ARRAY)],
            "types" => &[(schemas, Type::TEXT_ARRAY), (ext, Type::BOOL)],
            "functions" => &[
                (schemas, Type::TEXT_ARRAY),
                (ext, Type::BOOL),
                (implicit, Type::BOOL),
            ],
            _ => &[
                (schemas, Type::TEXT_ARRAY),
                (ext, Type::BOOL),
                (partitions, Type::BOOL),
            ],
        };
        // Typed queries use the unnamed statement: no prepare round trip, and nothing that
        // a transaction-mode pooler could lose between transactions.
        match *name {
            "relations" => plain_rows(on, name, sql, params)
                .await
                .map(Decoded::Relations),
            "columns" => plain_rows(on, name, sql, params)
                .await
                .map(Decoded::Columns),
            "constraints" => plain_rows(on, name, sql, params)
                .await
                .map(Decoded::Constraints),
            _ => {
                let row = on
                    .query_typed_one(sql, params)
                    .await
                    .map_err(query_failed(name))?;
                Decoded::from_json(name, row.get(0))
            }
        }
    }))
    .await
}

/// Runs a query that returns plain rows, reading them as they arrive.
async fn plain_rows<T: rows::FromRow>(
    on: &tokio_postgres::Client,
    query: &'static str,
    sql: &str,
    params: &[(&(dyn ToSql + Sync), Type)],
) -> Result<Vec<T>, Error> {
    let stream = on
        .query_typed_raw(sql, params.iter().map(|(v, t)| (*v, t.clone())))
        .await
        .map_err(query_failed(query))?;
    let mut stream = std::pin::pin!(stream);
    let mut rows = Vec::new();
    while let Some(row) = stream.try_next().await.map_err(query_failed(query))? {
        rows.push(T::from_row(&row).map_err(|source| Error::DecodeRow { query, source })?);
    }
    rows.shrink_to_fit();
    Ok(rows)
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
