//! Reading the catalog: one read-only, repeatable-read transaction and a fixed set of
//! catalog queries (`queries/*.sql`), whatever the number of tables.
//!
//! Each query returns a single JSON array; the queries are sent together, so a whole
//! introspection costs a handful of round trips. [`lower`] turns the rows into the model.

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

impl Error {
    /// True when the database refused access (authentication, authorization, missing
    /// database) or could not be reached, as opposed to a bug or a bad setting.
    pub fn is_access(&self) -> bool {
        matches!(self, Self::Connect { .. })
            || matches!(self, Self::Query { source, .. }
                if source.code().is_some_and(|c| c.code().starts_with("42501") || c.code().starts_with("28")))
    }
}

/// Reads the catalog through an open client. Warnings (unresolvable types, unreadable
/// defaults) are returned beside the catalog.
pub async fn introspect(
    client: &tokio_postgres::Client,
    selection: &Selection,
    statement_timeout: std::time::Duration,
) -> Result<(Catalog, Vec<String>), Error> {
    let begin = format!(
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL statement_timeout = {}; SET LOCAL jit = off",
        statement_timeout.as_millis()
    );
    client
        .batch_execute(&begin)
        .await
        .map_err(|source| Error::Query {
            query: "begin",
            source,
        })?;

    let schemas = &selection.schemas;
    let ext = &selection.include_extension_objects;
    // Sent together: tokio-postgres pipelines the queries on the one connection.
    let results = futures_util::future::join_all(QUERIES.iter().map(|(name, sql)| async move {
        // schemas.sql takes only the schema list; the others also take the extension flag.
        let params: &[&(dyn tokio_postgres::types::ToSql + Sync)] = if *name == "schemas" {
            &[schemas]
        } else {
            &[schemas, ext]
        };
        let row = client
            .query_one(*sql, params)
            .await
            .map_err(|source| Error::Query {
                query: name,
                source,
            })?;
        let text: String = row.get(0);
        Ok::<_, Error>(text)
    }))
    .await;
    client
        .batch_execute("COMMIT")
        .await
        .map_err(|source| Error::Query {
            query: "commit",
            source,
        })?;

    let mut texts = Vec::with_capacity(QUERIES.len());
    for r in results {
        texts.push(r?);
    }
    let rows = CatalogRows {
        schemas: decode("schemas", &texts[0])?,
        relations: decode("relations", &texts[1])?,
        columns: decode("columns", &texts[2])?,
        constraints: decode("constraints", &texts[3])?,
        policies: decode("policies", &texts[4])?,
        functions: decode("functions", &texts[5])?,
        types: decode("types", &texts[6])?,
    };
    let mut warnings = Vec::new();
    for s in schemas {
        if !rows.schemas.iter().any(|r| &r.name == s) {
            warnings.push(format!("schema `{s}` does not exist"));
        }
    }
    let (catalog, more) = lower::lower(rows);
    warnings.extend(more);
    Ok((catalog, warnings))
}

fn decode<T: DeserializeOwned>(query: &'static str, text: &str) -> Result<Vec<T>, Error> {
    serde_json::from_str(text).map_err(|source| Error::Decode { query, source })
}
