//! The one model of the database that every emitter reads.
//!
//! The model is built from the catalog (see [`crate::introspect`]) and is also the
//! offline catalog snapshot format: `gen-types snapshot` serializes a [`Catalog`] to JSON
//! and `--from-snapshot` reads it back. Everything is ordered (schemas, relations, types
//! and functions by schema and name; columns by attribute number), so the same database
//! always gives the same bytes.

pub mod checks;
mod filter;
mod type_index;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

pub use checks::{CheckFact, CompareOp, Literal, Subject};
pub use filter::Filter;
pub use type_index::TypeIndex;

/// Version of the snapshot format written by `gen-types snapshot`.
pub const SNAPSHOT_FORMAT: u32 = 1;

/// Everything gen-types knows about the selected schemas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Snapshot format version ([`SNAPSHOT_FORMAT`]).
    pub format: u32,
    /// The selected schemas that exist, by name.
    pub schemas: Vec<Schema>,
    /// Tables, views, materialized views and foreign tables, by schema and name.
    pub relations: Vec<Relation>,
    /// Every type that a column, attribute, argument or return value refers to, plus the
    /// enums, domains, composites and ranges defined in the selected schemas. Built-in base
    /// and pseudo-types (`pg_catalog.int4`, `pg_catalog.void`, ...) are left out: a
    /// [`TypeRef`] names them fully.
    pub types: Vec<TypeDef>,
    /// Functions and procedures, by schema, name and identity arguments.
    pub functions: Vec<Function>,
    /// [`Catalog::type_def`]'s index of `types` (not in the snapshot).
    #[serde(skip)]
    pub type_index: TypeIndex,
}

/// A schema (namespace).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// Schema name.
    pub name: String,
    /// `COMMENT ON SCHEMA`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// What kind of relation a [`Relation`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// An ordinary table.
    Table,
    /// A partitioned table; its partitions are folded into it unless they are read as
    /// relations of their own (see [`Relation::partition_of`]).
    PartitionedTable,
    /// A foreign table.
    ForeignTable,
    /// A view.
    View,
    /// A materialized view.
    MaterializedView,
}

impl RelationKind {
    /// True for the kinds that store rows the user writes (tables of every sort).
    pub fn is_table(self) -> bool {
        matches!(
            self,
            Self::Table | Self::PartitionedTable | Self::ForeignTable
        )
    }
}

/// A table, view, materialized view or foreign table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// Schema name.
    pub schema: String,
    /// Relation name.
    pub name: String,
    /// Table, view, ...
    pub kind: RelationKind,
    /// `COMMENT ON TABLE/VIEW/...`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Columns in attribute-number order.
    pub columns: Vec<Column>,
    /// The primary key, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<Key>,
    /// Unique constraints, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unique_keys: Vec<Key>,
    /// Foreign keys, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foreign_keys: Vec<ForeignKey>,
    /// CHECK constraints, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Check>,
    /// Which commands a view or foreign table accepts (`pg_relation_is_updatable`);
    /// absent for tables (which accept all) and materialized views (which accept none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updatable: Option<Updatable>,
    /// The commands a view's INSTEAD OF triggers or unconditional DO INSTEAD rules carry
    /// out; absent when there are none. They take whole rows, so through them every column
    /// can be written, whether or not the view is updatable by itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instead_of: Option<Updatable>,
    /// Row-level security.
    pub rls: Rls,
    /// Qualified names of the partitions of a partitioned table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partitions: Vec<String>,
    /// For a partition read as a relation of its own (`Selection::include_partitions`):
    /// the qualified name of its parent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_of: Option<String>,
    /// The extension that owns the relation, when extension objects are read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
}

impl Relation {
    /// Whether rows can be inserted through this relation.
    pub fn insertable(&self) -> bool {
        match self.kind {
            RelationKind::Table | RelationKind::PartitionedTable => true,
            RelationKind::MaterializedView => false,
            RelationKind::View | RelationKind::ForeignTable => {
                self.updatable.is_some_and(|u| u.insert)
                    || self.instead_of.is_some_and(|u| u.insert)
            }
        }
    }

    /// Whether rows can be updated through this relation.
    pub fn updatable(&self) -> bool {
        match self.kind {
            RelationKind::Table | RelationKind::PartitionedTable => true,
            RelationKind::MaterializedView => false,
            RelationKind::View | RelationKind::ForeignTable => {
                self.updatable.is_some_and(|u| u.update)
                    || self.instead_of.is_some_and(|u| u.update)
            }
        }
    }

    /// Whether rows can be deleted through this relation.
    pub fn deletable(&self) -> bool {
        match self.kind {
            RelationKind::Table | RelationKind::PartitionedTable => true,
            RelationKind::MaterializedView => false,
            RelationKind::View | RelationKind::ForeignTable => {
                self.updatable.is_some_and(|u| u.delete)
                    || self.instead_of.is_some_and(|u| u.delete)
            }
        }
    }

    /// Whether `c` can be given in an INSERT through this relation: the column is
    /// updatable, or an INSTEAD OF trigger or rule carries out the INSERT.
    pub fn column_insertable(&self, c: &Column) -> bool {
        c.updatable || self.instead_of.is_some_and(|u| u.insert)
    }

    /// Whether `c` can be set by an UPDATE through this relation: the column is
    /// updatable, or an INSTEAD OF trigger or rule carries out the UPDATE.
    pub fn column_updatable(&self, c: &Column) -> bool {
        c.updatable || self.instead_of.is_some_and(|u| u.update)
    }

    /// The column with this name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// Commands a view or foreign table accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Updatable {
    /// INSERT works.
    pub insert: bool,
    /// UPDATE works.
    pub update: bool,
    /// DELETE works.
    pub delete: bool,
}

/// Row-level security settings and policies of a relation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rls {
    /// `ENABLE ROW LEVEL SECURITY`.
    pub enabled: bool,
    /// `FORCE ROW LEVEL SECURITY`.
    pub forced: bool,
    /// Policies, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<Policy>,
}

/// A row-level security policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Policy name.
    pub name: String,
    /// `all`, `select`, `insert`, `update` or `delete`.
    pub command: PolicyCommand,
    /// PERMISSIVE (true) or RESTRICTIVE (false).
    pub permissive: bool,
    /// Roles the policy applies to (`public` for all), sorted.
    pub roles: Vec<String>,
    /// The USING expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub using: Option<String>,
    /// The WITH CHECK expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_check: Option<String>,
}

/// The command a policy applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyCommand {
    /// FOR ALL
    All,
    /// FOR SELECT
    Select,
    /// FOR INSERT
    Insert,
    /// FOR UPDATE
    Update,
    /// FOR DELETE
    Delete,
}

/// A column of a relation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Column name.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: TypeRef,
    /// False when the column itself is declared NOT NULL (`attnotnull`). A NOT NULL domain
    /// is a property of the type (see [`TypeKind::Domain`]); view columns are always
    /// nullable here because Postgres records no NOT NULL for them.
    pub nullable: bool,
    /// The DEFAULT expression (not the generation expression; see `generated`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Identity column kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// The expression of a `GENERATED ALWAYS AS (...) STORED` column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    /// Whether INSERT/UPDATE may set the column (`pg_column_is_updatable` for views
    /// and foreign tables; false for generated columns and materialized views).
    pub updatable: bool,
    /// `COMMENT ON COLUMN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// For a view column that is a plain reference to another relation's column: that
    /// column (read from the view's query tree). Boxed: only view columns have one, and a
    /// catalog may hold tens of thousands of columns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Box<ColumnSource>>,
}

/// The column a view column passes through.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSource {
    /// Schema of the source relation (may be outside the selected schemas).
    pub schema: String,
    /// Source relation (a table or another view).
    pub relation: String,
    /// Source column.
    pub column: String,
    /// The source column is declared NOT NULL.
    pub source_not_null: bool,
    /// The view cannot add NULLs to it (no outer join or grouping sets in the view), so it
    /// is NULL exactly when the source is.
    pub exact: bool,
}

/// Identity column kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Identity {
    /// `GENERATED ALWAYS AS IDENTITY`
    Always,
    /// `GENERATED BY DEFAULT AS IDENTITY`
    ByDefault,
}

/// A reference to a type, with the modifiers of its use site.
///
/// For arrays, `schema`/`name` name the element type and `array_dims` is at least 1.
///
/// The strings are [`CompactString`]s (no heap allocation up to 24 bytes): every column has
/// a `TypeRef`, and on big schemas these short strings were a good part of the model's memory.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeRef {
    /// Schema of the (element) type, e.g. `pg_catalog`.
    pub schema: CompactString,
    /// Name of the (element) type as in `pg_type`, e.g. `int4`, `varchar`.
    pub name: CompactString,
    /// Array dimensions (0 for a non-array).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub array_dims: u32,
    /// Maximum length of `varchar(n)`, `char(n)`, `bit(n)`, `varbit(n)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u32>,
    /// Precision of `numeric(p,s)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<u32>,
    /// Scale of `numeric(p,s)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<i32>,
    /// Fractional-second precision of time, timestamp and interval types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_precision: Option<u32>,
    /// How Postgres spells the type (`format_type`), e.g. `character varying(20)[]`.
    pub sql: CompactString,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl TypeRef {
    /// True when the (element) type is `pg_catalog.<name>`.
    pub fn is_builtin(&self, name: &str) -> bool {
        self.schema == "pg_catalog" && self.name == name
    }

    /// `schema.name` of the (element) type.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.schema, self.name)
    }
}

/// A primary key or unique constraint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Key {
    /// Constraint name.
    pub name: String,
    /// Columns in key order.
    pub columns: Vec<String>,
}

/// A foreign key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForeignKey {
    /// Constraint name.
    pub name: String,
    /// Referencing columns, in key order.
    pub columns: Vec<String>,
    /// Schema of the referenced relation (may be outside the selected schemas).
    pub referenced_schema: String,
    /// Name of the referenced relation.
    pub referenced_relation: String,
    /// Referenced columns, paired with `columns`.
    pub referenced_columns: Vec<String>,
    /// ON UPDATE action.
    pub on_update: FkAction,
    /// ON DELETE action.
    pub on_delete: FkAction,
}

/// A foreign key's referential action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FkAction {
    /// NO ACTION
    NoAction,
    /// RESTRICT
    Restrict,
    /// CASCADE
    Cascade,
    /// SET NULL
    SetNull,
    /// SET DEFAULT
    SetDefault,
}

/// A CHECK constraint, with the facts gen-types could read from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// Constraint name.
    pub name: String,
    /// The constraint as Postgres prints it (`pg_get_constraintdef`), e.g.
    /// `CHECK ((amount > (0)::numeric))`.
    pub definition: String,
    /// Simple facts parsed from the definition; empty when nothing could be read. Every
    /// fact holds when the constraint holds (the parser only reads conjunctions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<CheckFact>,
    /// True when `facts` express the whole constraint (nothing was skipped).
    pub complete: bool,
}

/// A type the model refers to.
///
/// (No `deny_unknown_fields` here: serde does not support it together with the flattened
/// `kind`.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    /// Schema name.
    pub schema: String,
    /// Type name as in `pg_type`.
    pub name: String,
    /// The extension that owns the type (`citext`, `vector`, ...), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// `COMMENT ON TYPE/DOMAIN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// What the type is.
    #[serde(flatten)]
    pub kind: TypeKind,
}

impl TypeDef {
    /// `schema.name`.
    pub fn qualified_name(&self) -> String {
        format!("{}.{}", self.schema, self.name)
    }
}

/// What a [`TypeDef`] is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeKind {
    /// A base type (built-in or from an extension) or a pseudo-type.
    Base {
        /// `pg_type.typcategory` (e.g. `N` numeric, `S` string, `D` date/time).
        category: String,
        /// True for pseudo-types (`void`, `record`, `trigger`, `any*`).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        pseudo: bool,
    },
    /// An enum, labels in sort order.
    Enum {
        /// Labels in `enumsortorder` order.
        labels: Vec<String>,
    },
    /// A domain over another type.
    Domain {
        /// The underlying type (possibly another domain).
        base: TypeRef,
        /// `NOT NULL` domain.
        not_null: bool,
        /// The domain's DEFAULT.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        default: Option<String>,
        /// The domain's CHECK constraints, by name; their facts use [`Subject::Value`].
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        checks: Vec<Check>,
    },
    /// A free-standing composite type (`CREATE TYPE ... AS (...)`).
    Composite {
        /// Attributes in order.
        attributes: Vec<Attribute>,
    },
    /// The row type of a relation; its fields are the relation's columns.
    Relation,
    /// A range type.
    Range {
        /// The element type.
        subtype: TypeRef,
    },
    /// A multirange type (PostgreSQL 14+).
    Multirange {
        /// The range type it is a set of.
        range: TypeRef,
    },
}

/// An attribute of a composite type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attribute {
    /// Attribute name.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: TypeRef,
    /// `COMMENT ON COLUMN type.attribute`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A function or procedure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Function {
    /// Schema name.
    pub schema: String,
    /// Function name (several functions may share it: overloads).
    pub name: String,
    /// Function or procedure.
    pub kind: FunctionKind,
    /// The argument list that identifies the overload (`pg_get_function_identity_arguments`).
    pub identity_args: String,
    /// All arguments in declaration order, including OUT and TABLE columns.
    pub args: Vec<Arg>,
    /// The return type (`record` for OUT/TABLE returns, `void` for none).
    pub returns: TypeRef,
    /// `RETURNS SETOF` (also true for `RETURNS TABLE`).
    pub returns_set: bool,
    /// The ROWS estimate of a set-returning function.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<f64>,
    /// IMMUTABLE, STABLE or VOLATILE.
    pub volatility: Volatility,
    /// Implementation language (`sql`, `plpgsql`, `c`, `internal`, ...).
    pub language: String,
    /// SECURITY DEFINER.
    pub security_definer: bool,
    /// STRICT (returns NULL on NULL input).
    pub strict: bool,
    /// `COMMENT ON FUNCTION`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The extension that owns the function, when extension objects are read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
}

impl Function {
    /// The arguments a caller passes (IN, INOUT, VARIADIC), in order.
    pub fn input_args(&self) -> impl Iterator<Item = &Arg> {
        self.args.iter().filter(|a| a.mode.is_input())
    }

    /// The columns of the result for OUT/INOUT/TABLE functions, in order.
    pub fn output_args(&self) -> impl Iterator<Item = &Arg> {
        self.args.iter().filter(|a| a.mode.is_output())
    }

    /// The columns of a row-shaped result: the TABLE columns of `RETURNS TABLE`, or the
    /// OUT/INOUT arguments when there are several (one OUT argument is a scalar result).
    /// Empty for other functions.
    pub fn result_columns(&self) -> Vec<&Arg> {
        let table: Vec<&Arg> = self
            .args
            .iter()
            .filter(|a| a.mode == ArgMode::Table)
            .collect();
        if !table.is_empty() {
            return table;
        }
        let out: Vec<&Arg> = self.output_args().collect();
        if out.len() > 1 { out } else { Vec::new() }
    }

    /// True for `RETURNS TABLE (...)`.
    pub fn returns_table(&self) -> bool {
        self.args.iter().any(|a| a.mode == ArgMode::Table)
    }
}

/// Function or procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunctionKind {
    /// `CREATE FUNCTION`
    Function,
    /// `CREATE PROCEDURE`
    Procedure,
}

/// Function volatility.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Volatility {
    /// IMMUTABLE
    Immutable,
    /// STABLE
    Stable,
    /// VOLATILE
    Volatile,
}

/// A function argument.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Arg {
    /// Argument name; absent for unnamed arguments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// IN, OUT, INOUT, VARIADIC or TABLE.
    pub mode: ArgMode,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: TypeRef,
    /// The oid of a built-in type (below 16384, the same in every database and version);
    /// absent for other types. The reference generator orders overloads by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub builtin_oid: Option<u32>,
    /// The DEFAULT expression of an input argument.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

/// Argument mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArgMode {
    /// IN
    In,
    /// OUT
    Out,
    /// INOUT
    InOut,
    /// VARIADIC
    Variadic,
    /// A column of RETURNS TABLE.
    Table,
}

impl ArgMode {
    /// Passed by the caller.
    pub fn is_input(self) -> bool {
        matches!(self, Self::In | Self::InOut | Self::Variadic)
    }

    /// Part of the result.
    pub fn is_output(self) -> bool {
        matches!(self, Self::Out | Self::InOut | Self::Table)
    }
}

impl Catalog {
    /// The type definition that `ty` names (its element type for arrays).
    pub fn type_def(&self, ty: &TypeRef) -> Option<&TypeDef> {
        match self.type_index.find(&self.types, &ty.schema, &ty.name) {
            type_index::Found::At(i) => return self.types.get(i),
            type_index::Found::Absent => return None,
            type_index::Found::Unknown => {}
        }
        self.types
            .binary_search_by(|t| (t.schema.as_str(), t.name.as_str()).cmp(&(&ty.schema, &ty.name)))
            .ok()
            .map(|i| &self.types[i])
    }

    /// The relation `schema.name`.
    pub fn relation(&self, schema: &str, name: &str) -> Option<&Relation> {
        self.relations
            .binary_search_by(|r| (r.schema.as_str(), r.name.as_str()).cmp(&(schema, name)))
            .ok()
            .map(|i| &self.relations[i])
    }

    /// Sorts every list into its canonical order. Called after building and after reading a
    /// snapshot, so lookups by binary search work and output is deterministic.
    pub fn normalize(&mut self) {
        self.type_index = TypeIndex::default();
        self.schemas.sort_by(|a, b| a.name.cmp(&b.name));
        self.relations
            .sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
        self.types
            .sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
        self.functions.sort_by(|a, b| {
            (&a.schema, &a.name, &a.identity_args).cmp(&(&b.schema, &b.name, &b.identity_args))
        });
    }
}
