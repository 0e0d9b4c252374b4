//! Lowering: catalog rows (oids, typmods, single-letter codes) into the model (names,
//! decoded modifiers, enums), in canonical order.

use compact_str::CompactString;
use std::collections::HashMap;

use super::rows::{
    CatalogRows, ColumnRow, ConstraintRow, FunctionRow, PolicyRow, RelationRow, TypeRow, ViewDepRow,
};
use super::view_lineage;
use crate::model::{
    Arg, ArgMode, Attribute, Catalog, Check, Column, ColumnSource, FkAction, ForeignKey, Function,
    FunctionKind, Identity, Key, Policy, PolicyCommand, Relation, RelationKind, Rls,
    SNAPSHOT_FORMAT, Schema, TypeDef, TypeKind, TypeRef, Updatable, Volatility,
    checks::parse_check,
};

/// Turns the rows of the catalog queries into a [`Catalog`]. Returns warnings for things
/// that could not be read (they never stop generation).
pub fn lower(mut rows: CatalogRows) -> (Catalog, Vec<String>) {
    // Taken out first: the column rows are consumed as they are lowered, and the view query
    // texts (MBs on big schemas) are each dropped once read.
    let column_rows = std::mem::take(&mut rows.columns);
    let view_queries: Vec<Option<String>> = rows
        .relations
        .iter_mut()
        .map(|r| r.view_query.take())
        .collect();
    let rows = rows;
    let mut warnings = Vec::new();
    let types: HashMap<u32, &TypeRow> = rows.types.iter().map(|t| (t.oid, t)).collect();
    let resolver = Resolver { types: &types };

    let mut relations: Vec<Relation> = rows.relations.iter().map(relation_shell).collect();
    // `relations[i]` is built from `rows.relations[i]`; these find it by oid or by name.
    let by_oid: HashMap<u32, usize> = rows
        .relations
        .iter()
        .enumerate()
        .map(|(i, r)| (r.oid, i))
        .collect();
    let by_name: ByName<'_> = rows
        .relations
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.schema.as_str(), r.name.as_str()), i))
        .collect();

    let lineages = lineages(view_queries, &rows.relations);
    let source_of = |i: usize, position: i32| column_source(lineages[i].as_ref()?, position);

    // CHECK definitions are parsed on another thread meanwhile.
    let constraints = &rows.constraints;
    let (attnums, checks) = std::thread::scope(|scope| {
        let checks = scope.spawn(|| parse_checks(constraints));
        let attnums = lower_columns(
            column_rows,
            &by_oid,
            &mut relations,
            &resolver,
            &source_of,
            &mut warnings,
        );
        let checks = checks
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (attnums, checks)
    });
    let keyed = Keyed {
        by_name: &by_name,
        attnums: &attnums,
    };
    let referenced = keyed.referenced_columns(constraints, &relations);
    keyed.attach_constraints(constraints, referenced, checks, &mut relations);
    attach_policies(&rows.policies, &by_name, &mut relations);
    for r in &mut relations {
        sort_by_name(r);
    }
    let functions = rows
        .functions
        .iter()
        .map(|f| resolver.function(f, &mut warnings))
        .collect();
    let types = resolver.type_defs(&rows.types, &mut warnings);
    let schemas = rows
        .schemas
        .iter()
        .map(|s| Schema {
            name: s.name.clone(),
            comment: s.comment.clone(),
        })
        .collect();
    let mut catalog = Catalog {
        format: SNAPSHOT_FORMAT,
        schemas,
        relations,
        types,
        functions,
        type_index: Default::default(),
    };
    catalog.normalize();
    (catalog, warnings)
}

/// Puts a relation's keys, checks and policies in name order.
fn sort_by_name(r: &mut Relation) {
    r.unique_keys.sort_by(|a, b| a.name.cmp(&b.name));
    r.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
    r.checks.sort_by(|a, b| a.name.cmp(&b.name));
    r.rls.policies.sort_by(|a, b| a.name.cmp(&b.name));
}

/// A relation's index in the lowered relations, by (schema, name).
type ByName<'r> = HashMap<(&'r str, &'r str), usize>;

/// A relation without its columns, keys, checks and policies (filled in later).
fn relation_shell(r: &RelationRow) -> Relation {
    let kind = match r.kind.as_str() {
        "r" => RelationKind::Table,
        "p" => RelationKind::PartitionedTable,
        "f" => RelationKind::ForeignTable,
        "v" => RelationKind::View,
        _ => RelationKind::MaterializedView,
    };
    let mut partitions = r.partitions.clone().unwrap_or_default();
    partitions.sort();
    Relation {
        schema: r.schema.clone(),
        name: r.name.clone(),
        kind,
        comment: r.comment.clone(),
        columns: Vec::new(),
        primary_key: None,
        unique_keys: Vec::new(),
        foreign_keys: Vec::new(),
        checks: Vec::new(),
        updatable: r.updatable_mask.map(updatable_from_mask),
        instead_of: r
            .instead_of_mask
            .filter(|m| *m != 0)
            .map(updatable_from_mask),
        rls: Rls {
            enabled: r.rls_enabled,
            forced: r.rls_forced,
            policies: Vec::new(),
        },
        partitions,
        partition_of: r.partition_of.clone(),
        extension: r.extension.clone(),
    }
}

/// A view's lineage and the columns it depends on, by (oid, attnum).
type Lineage<'r> = (view_lineage::Lineage, HashMap<(u32, i32), &'r ViewDepRow>);

/// Per relation, its view's lineage. The view query trees are large (MBs on big schemas)
/// and needed only here: each is read into its lineage and dropped at once.
fn lineages<'r>(
    view_queries: Vec<Option<String>>,
    relations: &'r [RelationRow],
) -> Vec<Option<Lineage<'r>>> {
    view_queries
        .into_iter()
        .zip(relations)
        .map(|(query, r)| {
            let lineage = view_lineage::read(&query?);
            let deps = r
                .view_deps
                .iter()
                .flatten()
                .map(|d| ((d.oid, d.attnum), d))
                .collect();
            Some((lineage, deps))
        })
        .collect()
}

/// Where the view column at `position` comes from, when its lineage says.
fn column_source(lineage: &Lineage<'_>, position: i32) -> Option<Box<ColumnSource>> {
    let (lineage, deps) = lineage;
    let (_, tbl, col) = lineage
        .origins
        .iter()
        .find(|(resno, _, _)| *resno == position)?;
    let dep = deps.get(&(*tbl, *col))?;
    Some(Box::new(ColumnSource {
        schema: dep.schema.clone(),
        relation: dep.relation.clone(),
        column: dep.column.clone(),
        source_not_null: dep.not_null,
        exact: lineage.exact,
    }))
}

/// Each constraint's CHECK, parsed (`None` for other kinds).
fn parse_checks(constraints: &[ConstraintRow]) -> Vec<Option<Check>> {
    constraints
        .iter()
        .map(|k| {
            (k.kind == "c").then(|| check(&k.name, k.definition.as_deref().unwrap_or_default()))
        })
        .collect()
}

/// What names a constraint's columns: the relations by name and their attribute numbers.
struct Keyed<'a, 'r> {
    by_name: &'a ByName<'r>,
    attnums: &'a [Vec<i32>],
}

impl Keyed<'_, '_> {
    /// The names of the columns of relation `i` with these attribute numbers.
    fn names(&self, relations: &[Relation], i: usize, keys: Option<&Vec<i32>>) -> Vec<String> {
        keys.into_iter()
            .flatten()
            .filter_map(|n| self.attnums[i].iter().position(|a| a == n))
            .map(|c| relations[i].columns[c].name.clone())
            .collect()
    }

    /// Each foreign key's referenced columns by name: sent by the server, or named here from
    /// the columns read (empty for other constraints).
    fn referenced_columns(
        &self,
        constraints: &[ConstraintRow],
        relations: &[Relation],
    ) -> Vec<Vec<String>> {
        constraints
            .iter()
            .map(|k| match &k.referenced_columns {
                _ if k.kind != "f" => Vec::new(),
                Some(names) => names.clone(),
                None => {
                    let target = self.by_name.get(&(
                        k.referenced_schema.as_deref().unwrap_or_default(),
                        k.referenced_relation.as_deref().unwrap_or_default(),
                    ));
                    match target {
                        Some(&t) => self.names(relations, t, k.referenced_keys.as_ref()),
                        None => Vec::new(),
                    }
                }
            })
            .collect()
    }

    /// Puts each primary key, unique key, foreign key and CHECK into its relation.
    fn attach_constraints(
        &self,
        constraints: &[ConstraintRow],
        referenced: Vec<Vec<String>>,
        checks: Vec<Option<Check>>,
        relations: &mut [Relation],
    ) {
        for ((k, referenced_columns), check) in constraints.iter().zip(referenced).zip(checks) {
            let Some(&i) = self.by_name.get(&(k.schema.as_str(), k.relation.as_str())) else {
                continue;
            };
            let columns = self.names(relations, i, k.keys.as_ref());
            let rel = &mut relations[i];
            let name = k.name.clone();
            match k.kind.as_str() {
                "p" => rel.primary_key = Some(Key { name, columns }),
                "u" => rel.unique_keys.push(Key { name, columns }),
                "f" => rel.foreign_keys.push(ForeignKey {
                    name,
                    columns,
                    referenced_schema: k.referenced_schema.clone().unwrap_or_default(),
                    referenced_relation: k.referenced_relation.clone().unwrap_or_default(),
                    referenced_columns,
                    on_update: fk_action(&k.on_update),
                    on_delete: fk_action(&k.on_delete),
                }),
                _ => rel.checks.extend(check),
            }
        }
    }
}

/// Puts each row-level security policy into its relation.
fn attach_policies(policies: &[PolicyRow], by_name: &ByName<'_>, relations: &mut [Relation]) {
    for p in policies {
        let Some(&i) = by_name.get(&(p.schema.as_str(), p.relation.as_str())) else {
            continue;
        };
        let mut roles = p.roles.clone().unwrap_or_default();
        roles.sort();
        relations[i].rls.policies.push(Policy {
            name: p.name.clone(),
            command: match p.command.as_str() {
                "r" => PolicyCommand::Select,
                "a" => PolicyCommand::Insert,
                "w" => PolicyCommand::Update,
                "d" => PolicyCommand::Delete,
                _ => PolicyCommand::All,
            },
            permissive: p.permissive,
            roles,
            using: p.using_expr.clone(),
            with_check: p.with_check.clone(),
        });
    }
}

/// Moves the column rows into their relations (`by_oid` finds a relation's index in
/// `relations`); returns each relation's attribute numbers in column order (keys name
/// columns by attribute number).
///
/// The column rows are the largest part of the catalog. They are sorted in place and cut into
/// one group per relation (moved, not copied); the groups are lowered in two halves at once
/// (this is the longest serial step between reading the catalog and emitting), each group's
/// rows dropped as soon as its columns are made. Warnings keep relation order.
fn lower_columns(
    rows: Vec<ColumnRow>,
    by_oid: &HashMap<u32, usize>,
    relations: &mut [Relation],
    resolver: &Resolver,
    source_of: &(dyn Fn(usize, i32) -> Option<Box<ColumnSource>> + Sync),
    warnings: &mut Vec<String>,
) -> Vec<Vec<i32>> {
    let mut groups = column_groups(rows, by_oid);
    let half = groups.len() / 2;
    let second = groups.split_off(half);
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| lower_groups(second, resolver, source_of));
        let first = lower_groups(groups, resolver, source_of);
        let second = second
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (first, second)
    });
    let mut attnums: Vec<Vec<i32>> = vec![Vec::new(); relations.len()];
    for (lowered, more) in [first, second] {
        for (i, columns, numbers) in lowered {
            relations[i].columns = columns;
            attnums[i] = numbers;
        }
        warnings.extend(more);
    }
    attnums
}

/// The column rows grouped by relation (its index in `relations`), in (relation oid,
/// position) order; rows of relations not in `by_oid` are dropped.
fn column_groups(
    mut rows: Vec<ColumnRow>,
    by_oid: &HashMap<u32, usize>,
) -> Vec<(usize, Vec<ColumnRow>)> {
    // Taken from the end: sorted in descending (relation, position) order (columns.sql sends
    // them in no particular order). The keys are unique, so an unstable sort is
    // deterministic, and it sorts in place (a stable sort would allocate a second buffer as
    // large as the rows).
    let key = |c: &ColumnRow| std::cmp::Reverse((c.relation_oid, c.position));
    if !rows.is_sorted_by_key(key) {
        rows.sort_unstable_by_key(key);
    }
    let mut groups = Vec::new();
    while let Some(last) = rows.last() {
        // The relation's columns are the tail of `rows`, last column first.
        let oid = last.relation_oid;
        let start = rows
            .iter()
            .rposition(|c| c.relation_oid != oid)
            .map_or(0, |p| p + 1);
        let mut group = rows.split_off(start);
        if let Some(&i) = by_oid.get(&oid) {
            group.reverse();
            groups.push((i, group));
        }
        // The rows moved out are not held twice for long.
        if rows.capacity() > 2 * rows.len() + 4096 {
            rows.shrink_to_fit();
        }
    }
    groups
}

/// A relation's lowered columns: its index, its columns and their attribute numbers.
type LoweredColumns = (usize, Vec<Column>, Vec<i32>);

/// Lowers each relation's column rows, in order, and returns the warnings they gave.
fn lower_groups(
    groups: Vec<(usize, Vec<ColumnRow>)>,
    resolver: &Resolver,
    source_of: &(dyn Fn(usize, i32) -> Option<Box<ColumnSource>> + Sync),
) -> (Vec<LoweredColumns>, Vec<String>) {
    let mut warnings = Vec::new();
    let lowered = groups
        .into_iter()
        .map(|(i, rows)| {
            let numbers = rows.iter().map(|c| c.position).collect();
            let columns = rows
                .into_iter()
                .map(|c| column(c, resolver, &|p| source_of(i, p), &mut warnings))
                .collect();
            (i, columns, numbers)
        })
        .collect();
    (lowered, warnings)
}

/// One column row lowered.
fn column(
    c: ColumnRow,
    resolver: &Resolver,
    source_of: &dyn Fn(i32) -> Option<Box<ColumnSource>>,
    warnings: &mut Vec<String>,
) -> Column {
    let source = source_of(c.position);
    let ty = resolver.type_ref(c.type_oid, c.typmod, c.ndims, c.sql, warnings);
    let (default, generated) = if c.generated.is_empty() {
        (c.default_expr, None)
    } else {
        (None, c.default_expr)
    };
    Column {
        name: c.name,
        ty,
        nullable: !c.not_null,
        default,
        identity: match c.identity.as_str() {
            "a" => Some(Identity::Always),
            "d" => Some(Identity::ByDefault),
            _ => None,
        },
        generated,
        updatable: c.updatable,
        comment: c.comment,
        source,
    }
}

/// The commands a `pg_relation_is_updatable` mask names (4 UPDATE, 8 INSERT, 16 DELETE).
fn updatable_from_mask(m: i32) -> Updatable {
    Updatable {
        update: m & (1 << 2) != 0,
        insert: m & (1 << 3) != 0,
        delete: m & (1 << 4) != 0,
    }
}

/// The first oid Postgres gives objects created after initdb (`FirstNormalObjectId`).
const FIRST_NORMAL_OID: u32 = 16384;

fn fk_action(code: &str) -> FkAction {
    match code {
        "r" => FkAction::Restrict,
        "c" => FkAction::Cascade,
        "n" => FkAction::SetNull,
        "d" => FkAction::SetDefault,
        _ => FkAction::NoAction,
    }
}

fn check(name: &str, definition: &str) -> Check {
    let (facts, complete) = parse_check(definition);
    Check {
        name: name.to_string(),
        definition: definition.to_string(),
        facts,
        complete,
    }
}

struct Resolver<'a> {
    types: &'a HashMap<u32, &'a TypeRow>,
}

impl Resolver<'_> {
    /// The type definitions the model keeps: arrays are folded into their references, and
    /// built-in base types are known by name (their descriptions and categories vary
    /// between server versions).
    fn type_defs(&self, types: &[TypeRow], warnings: &mut Vec<String>) -> Vec<TypeDef> {
        types
            .iter()
            .filter(|t| t.elem.is_none())
            .filter(|t| !(t.schema == "pg_catalog" && matches!(t.typtype.as_str(), "b" | "p")))
            .map(|t| self.type_def(t, warnings))
            .collect()
    }

    /// A type reference from an oid, the use site's typmod and declared dimensions.
    fn type_ref(
        &self,
        oid: u32,
        typmod: i32,
        ndims: i32,
        sql: impl Into<CompactString> + std::fmt::Display,
        warnings: &mut Vec<String>,
    ) -> TypeRef {
        let Some(t) = self.types.get(&oid) else {
            warnings.push(format!(
                "type oid {oid} ({sql}) was not found in the catalog; treated as unknown"
            ));
            return TypeRef {
                schema: "pg_catalog".into(),
                name: "unknown".into(),
                array_dims: 0,
                length: None,
                precision: None,
                scale: None,
                time_precision: None,
                sql: sql.into(),
            };
        };
        let (element, array_dims) = match t.elem.and_then(|e| self.types.get(&e)) {
            Some(elem) => (*elem, u32::try_from(ndims).unwrap_or(0).max(1)),
            None => (*t, 0),
        };
        let mut r = TypeRef {
            schema: element.schema.as_str().into(),
            name: element.name.as_str().into(),
            array_dims,
            length: None,
            precision: None,
            scale: None,
            time_precision: None,
            sql: sql.into(),
        };
        decode_typmod(&mut r, typmod);
        r
    }

    fn type_def(&self, t: &TypeRow, warnings: &mut Vec<String>) -> TypeDef {
        let kind = match t.typtype.as_str() {
            "e" => TypeKind::Enum {
                labels: t.labels.clone().unwrap_or_default(),
            },
            "d" => TypeKind::Domain {
                base: self.type_ref(
                    t.base.unwrap_or(0),
                    t.base_typmod,
                    t.base_ndims,
                    t.base_sql.as_deref().unwrap_or("unknown"),
                    warnings,
                ),
                not_null: t.not_null,
                default: t.default_expr.clone(),
                checks: t
                    .checks
                    .iter()
                    .flatten()
                    .map(|c| check(&c.name, &c.definition))
                    .collect(),
            },
            "c" if t.relkind.as_deref() == Some("c") => TypeKind::Composite {
                attributes: t
                    .attributes
                    .iter()
                    .flatten()
                    .map(|a| Attribute {
                        name: a.name.clone(),
                        ty: self.type_ref(a.type_oid, a.typmod, a.ndims, a.sql.as_str(), warnings),
                        comment: a.comment.clone(),
                    })
                    .collect(),
            },
            "c" => TypeKind::Relation,
            "r" => TypeKind::Range {
                subtype: self.type_ref(t.subtype.unwrap_or(0), -1, 0, "unknown", warnings),
            },
            "m" => TypeKind::Multirange {
                range: self.type_ref(t.range.unwrap_or(0), -1, 0, "unknown", warnings),
            },
            _ => TypeKind::Base {
                category: t.category.clone(),
                pseudo: t.typtype == "p",
            },
        };
        // Range and multirange references carry the name Postgres gives them.
        let kind = match kind {
            TypeKind::Range { mut subtype } => {
                subtype.sql = self.sql_name(t.subtype);
                TypeKind::Range { subtype }
            }
            TypeKind::Multirange { mut range } => {
                range.sql = self.sql_name(t.range);
                TypeKind::Multirange { range }
            }
            other => other,
        };
        TypeDef {
            schema: t.schema.clone(),
            name: t.name.clone(),
            extension: t.extension.clone(),
            comment: t.comment.clone(),
            kind,
        }
    }

    fn sql_name(&self, oid: Option<u32>) -> CompactString {
        oid.and_then(|o| self.types.get(&o))
            .map(|t| {
                if t.schema == "pg_catalog" {
                    t.name.as_str().into()
                } else {
                    compact_str::format_compact!("{}.{}", t.schema, t.name)
                }
            })
            .unwrap_or_else(|| "unknown".into())
    }

    fn function(&self, f: &FunctionRow, warnings: &mut Vec<String>) -> Function {
        let modes: Vec<ArgMode> = match &f.arg_modes {
            Some(m) => m
                .iter()
                .map(|m| match m.as_str() {
                    "o" => ArgMode::Out,
                    "b" => ArgMode::InOut,
                    "v" => ArgMode::Variadic,
                    "t" => ArgMode::Table,
                    _ => ArgMode::In,
                })
                .collect(),
            None => vec![ArgMode::In; f.arg_types.len()],
        };
        let names = f.arg_names.clone().unwrap_or_default();
        let sql = f.arg_sql.clone().unwrap_or_default();
        let mut args: Vec<Arg> = f
            .arg_types
            .iter()
            .enumerate()
            .map(|(i, oid)| Arg {
                name: names.get(i).filter(|n| !n.is_empty()).cloned(),
                mode: modes.get(i).copied().unwrap_or(ArgMode::In),
                ty: self.type_ref(*oid, -1, 0, sql.get(i).map_or("unknown", |s| s), warnings),
                builtin_oid: (*oid < FIRST_NORMAL_OID).then_some(*oid),
                default: None,
            })
            .collect();

        // Defaults belong to the last `n_defaults` input arguments, in order.
        let defaults = f
            .defaults
            .as_deref()
            .map(split_expression_list)
            .unwrap_or_default();
        let n_defaults = usize::try_from(f.n_defaults).unwrap_or(0);
        if defaults.len() == n_defaults {
            let inputs: Vec<usize> = (0..args.len())
                .filter(|&i| args[i].mode.is_input())
                .collect();
            let first = inputs.len().saturating_sub(n_defaults);
            for (slot, expr) in inputs[first..].iter().zip(defaults) {
                args[*slot].default = Some(expr);
            }
        } else if n_defaults > 0 {
            warnings.push(format!(
                "could not split the argument defaults of {}.{}({}); defaults left out",
                f.schema, f.name, f.identity_args
            ));
        }

        Function {
            schema: f.schema.clone(),
            name: f.name.clone(),
            kind: if f.kind == "p" {
                FunctionKind::Procedure
            } else {
                FunctionKind::Function
            },
            identity_args: f.identity_args.clone(),
            args,
            returns: self.type_ref(f.return_type, -1, 0, f.return_sql.as_str(), warnings),
            returns_set: f.returns_set,
            rows: (f.returns_set && f.rows > 0.0).then_some(f.rows),
            volatility: match f.volatility.as_str() {
                "i" => Volatility::Immutable,
                "s" => Volatility::Stable,
                _ => Volatility::Volatile,
            },
            language: f.language.clone(),
            security_definer: f.security_definer,
            strict: f.strict,
            comment: f.comment.clone(),
            extension: f.extension.clone(),
        }
    }
}

/// Decodes a type modifier into the reference's length, precision, scale or time precision.
fn decode_typmod(r: &mut TypeRef, typmod: i32) {
    if typmod < 0 || r.schema != "pg_catalog" {
        return;
    }
    match r.name.as_str() {
        "varchar" | "bpchar" => r.length = u32::try_from(typmod - 4).ok(),
        "bit" | "varbit" => r.length = u32::try_from(typmod).ok(),
        "numeric" => {
            let m = typmod - 4;
            r.precision = u32::try_from((m >> 16) & 0xffff).ok();
            // Scale is an 11-bit signed field (negative scales exist since PostgreSQL 15).
            r.scale = Some(((m & 0x7ff) ^ 1024) - 1024);
        }
        "time" | "timetz" | "timestamp" | "timestamptz" => {
            r.time_precision = u32::try_from(typmod).ok();
        }
        "interval" => {
            let p = typmod & 0xffff;
            if p != 0xffff {
                r.time_precision = u32::try_from(p).ok();
            }
        }
        _ => {}
    }
}

/// Splits the deparsed list of default expressions (`pg_get_expr(proargdefaults)`) at its
/// top-level commas, respecting quotes, double quotes and brackets.
fn split_expression_list(s: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut current = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                current.push(c);
                if c == q {
                    if chars.peek() == Some(&q) {
                        current.push(q);
                        chars.next();
                    } else {
                        quote = None;
                    }
                }
            }
            None => match c {
                '\'' | '"' => {
                    quote = Some(c);
                    current.push(c);
                }
                '(' | '[' => {
                    depth += 1;
                    current.push(c);
                }
                ')' | ']' => {
                    depth -= 1;
                    current.push(c);
                }
                ',' if depth == 0 => parts.push(std::mem::take(&mut current).trim().to_string()),
                _ => current.push(c),
            },
        }
    }
    if !current.trim().is_empty() {
        parts.push(current.trim().to_string());
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_defaults_at_top_level_commas() {
        assert_eq!(
            split_expression_list("'a,b'::text, ARRAY[1, 2], f(1, '('), \"x,y\"()"),
            vec!["'a,b'::text", "ARRAY[1, 2]", "f(1, '(')", "\"x,y\"()"]
        );
        assert_eq!(
            split_expression_list("NULL::integer"),
            vec!["NULL::integer"]
        );
    }

    #[test]
    fn decodes_numeric_and_varchar_modifiers() {
        let mut r = TypeRef {
            schema: "pg_catalog".into(),
            name: "numeric".into(),
            array_dims: 0,
            length: None,
            precision: None,
            scale: None,
            time_precision: None,
            sql: Default::default(),
        };
        decode_typmod(&mut r, (10 << 16 | 2) + 4);
        assert_eq!((r.precision, r.scale), (Some(10), Some(2)));
        r.name = "varchar".into();
        r.precision = None;
        r.scale = None;
        decode_typmod(&mut r, 24);
        assert_eq!(r.length, Some(20));
    }
}
