//! The rows the catalog queries return: one JSON array of these per query, except for the
//! three largest, relations.sql, columns.sql and constraints.sql, whose plain rows
//! [`FromRow`] reads.
//!
//! Field names match the column aliases in `queries/*.sql`. These structs are private to
//! introspection; [`super::lower`] turns them into the model.

use compact_str::CompactString;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct SchemaRow {
    pub name: String,
    pub comment: Option<String>,
}

/// A row of relations.sql, whose columns are these fields in order.
#[derive(Debug)]
pub struct RelationRow {
    pub oid: u32,
    pub schema: String,
    pub name: String,
    pub kind: String,
    pub comment: Option<String>,
    pub rls_enabled: bool,
    pub rls_forced: bool,
    pub updatable_mask: Option<i32>,
    pub instead_of_mask: Option<i32>,
    pub partition_of: Option<String>,
    pub extension: Option<String>,
    pub partitions: Option<Vec<String>>,
    pub view_query: Option<String>,
    pub view_deps: Option<Vec<ViewDepRow>>,
}

impl FromRow for RelationRow {
    fn from_row(row: &tokio_postgres::Row) -> Result<Self, tokio_postgres::Error> {
        use tokio_postgres::types::Json;
        Ok(RelationRow {
            oid: row.try_get::<_, i64>(0)? as u32,
            schema: row.try_get(1)?,
            name: row.try_get(2)?,
            kind: row.try_get(3)?,
            comment: row.try_get(4)?,
            rls_enabled: row.try_get(5)?,
            rls_forced: row.try_get(6)?,
            updatable_mask: row.try_get(7)?,
            instead_of_mask: row.try_get(8)?,
            partition_of: row.try_get(9)?,
            extension: row.try_get(10)?,
            partitions: row.try_get::<_, Option<Json<_>>>(11)?.map(|j| j.0),
            view_query: row.try_get(12)?,
            view_deps: row.try_get::<_, Option<Json<_>>>(13)?.map(|j| j.0),
        })
    }
}

/// A column a view's rule depends on.
#[derive(Debug, Deserialize)]
pub struct ViewDepRow {
    pub oid: u32,
    pub attnum: i32,
    pub schema: String,
    pub relation: String,
    pub column: String,
    pub not_null: bool,
}

/// A column (a row of columns.sql), or an attribute of a
/// composite type (JSON in types.sql, which leaves the column-only fields out).
#[derive(Debug, Deserialize)]
pub struct ColumnRow {
    /// The relation's oid (columns only: names are in the relation rows, not repeated here).
    #[serde(default)]
    pub relation_oid: u32,
    #[serde(default)]
    pub position: i32,
    pub name: String,
    pub type_oid: u32,
    pub typmod: i32,
    pub ndims: i32,
    /// Short (`integer`, `text`): kept inline, no allocation per column.
    pub sql: CompactString,
    #[serde(default)]
    pub not_null: bool,
    pub default_expr: Option<String>,
    #[serde(default)]
    pub identity: String,
    #[serde(default)]
    pub generated: String,
    #[serde(default)]
    pub updatable: bool,
    pub comment: Option<String>,
}

/// A row type of a query that returns plain rows, whose columns are the type's fields in order.
pub trait FromRow: Sized {
    /// Reads one row.
    fn from_row(row: &tokio_postgres::Row) -> Result<Self, tokio_postgres::Error>;
}

impl FromRow for ColumnRow {
    fn from_row(row: &tokio_postgres::Row) -> Result<Self, tokio_postgres::Error> {
        // Oids are sent as int8 (Postgres has no unsigned int4).
        let oid = |i| row.try_get::<_, i64>(i).map(|v| v as u32);
        Ok(ColumnRow {
            relation_oid: oid(0)?,
            position: row.try_get(1)?,
            name: row.try_get(2)?,
            type_oid: oid(3)?,
            typmod: row.try_get(4)?,
            ndims: row.try_get(5)?,
            sql: CompactString::from(row.try_get::<_, &str>(6)?),
            not_null: row.try_get(7)?,
            default_expr: row.try_get(8)?,
            identity: row.try_get(9)?,
            generated: row.try_get(10)?,
            updatable: row.try_get(11)?,
            comment: row.try_get(12)?,
        })
    }
}

/// A row of constraints.sql, whose columns are these fields in order.
#[derive(Debug)]
pub struct ConstraintRow {
    pub schema: String,
    pub relation: String,
    pub name: String,
    pub kind: String,
    pub keys: Option<Vec<i32>>,
    pub referenced_schema: Option<String>,
    pub referenced_relation: Option<String>,
    /// Attribute numbers of the referenced columns (foreign keys).
    pub referenced_keys: Option<Vec<i32>>,
    /// Their names, sent only when the referenced relation is not among those read.
    pub referenced_columns: Option<Vec<String>>,
    pub on_update: String,
    pub on_delete: String,
    pub definition: Option<String>,
}

impl FromRow for ConstraintRow {
    fn from_row(row: &tokio_postgres::Row) -> Result<Self, tokio_postgres::Error> {
        Ok(ConstraintRow {
            schema: row.try_get(0)?,
            relation: row.try_get(1)?,
            name: row.try_get(2)?,
            kind: row.try_get(3)?,
            keys: row.try_get(4)?,
            referenced_schema: row.try_get(5)?,
            referenced_relation: row.try_get(6)?,
            referenced_keys: row.try_get(7)?,
            referenced_columns: row.try_get(8)?,
            on_update: row.try_get(9)?,
            on_delete: row.try_get(10)?,
            definition: row.try_get(11)?,
        })
    }
}

#[derive(Debug, Deserialize)]
pub struct PolicyRow {
    pub schema: String,
    pub relation: String,
    pub name: String,
    pub command: String,
    pub permissive: bool,
    pub roles: Option<Vec<String>>,
    pub using_expr: Option<String>,
    pub with_check: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct FunctionRow {
    pub schema: String,
    pub name: String,
    pub kind: String,
    pub identity_args: String,
    pub arg_types: Vec<u32>,
    pub arg_sql: Option<Vec<String>>,
    pub arg_modes: Option<Vec<String>>,
    pub arg_names: Option<Vec<String>>,
    pub n_defaults: i32,
    pub defaults: Option<String>,
    pub return_type: u32,
    pub return_sql: String,
    pub returns_set: bool,
    pub rows: f64,
    pub volatility: String,
    pub language: String,
    pub security_definer: bool,
    pub strict: bool,
    pub comment: Option<String>,
    pub extension: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct TypeRow {
    pub oid: u32,
    pub schema: String,
    pub name: String,
    pub typtype: String,
    pub category: String,
    pub elem: Option<u32>,
    pub base: Option<u32>,
    pub base_typmod: i32,
    pub base_ndims: i32,
    pub base_sql: Option<String>,
    pub not_null: bool,
    pub default_expr: Option<String>,
    pub relkind: Option<String>,
    pub labels: Option<Vec<String>>,
    pub attributes: Option<Vec<ColumnRow>>,
    pub subtype: Option<u32>,
    pub range: Option<u32>,
    pub checks: Option<Vec<DomainCheckRow>>,
    pub comment: Option<String>,
    pub extension: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct DomainCheckRow {
    pub name: String,
    pub definition: String,
}

/// Everything the catalog queries return, before lowering.
#[derive(Debug, Default)]
pub struct CatalogRows {
    pub schemas: Vec<SchemaRow>,
    pub relations: Vec<RelationRow>,
    pub columns: Vec<ColumnRow>,
    pub constraints: Vec<ConstraintRow>,
    pub policies: Vec<PolicyRow>,
    pub functions: Vec<FunctionRow>,
    pub types: Vec<TypeRow>,
}
