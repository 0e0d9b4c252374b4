//! Introspection against a real PostgreSQL: every fixture's model is snapshotted and
//! cross-checked against information_schema and pg_catalog read by a different path.

mod common;

use common::{FIXTURES, TestDb, TestRole, snapshot_settings};
use gen_types::model::{
    ArgMode, CheckFact, CompareOp, FkAction, Identity, Literal, PolicyCommand, RelationKind,
    Subject, TypeKind, Volatility,
};
use gen_types::{Config, Source};

#[test]
fn model_snapshots_of_every_fixture() {
    for (fixture, schemas) in FIXTURES {
        let db = TestDb::with_fixture(fixture);
        let catalog = db.catalog(schemas);
        let json = gen_types::snapshot_json(&catalog);
        snapshot_settings().bind(|| {
            insta::assert_snapshot!(
                common::versioned_snapshot_name(&format!("model__{fixture}")),
                json
            )
        });
    }
}

/// Columns, order, nullability, types, defaults and identity agree with information_schema.
#[test]
fn columns_agree_with_information_schema() {
    for (fixture, schemas) in FIXTURES {
        let db = TestDb::with_fixture(fixture);
        let catalog = db.catalog(schemas);
        let mut client = db.client();
        let schema_list: Vec<String> = schemas.iter().map(|s| s.to_string()).collect();
        let rows = client
            .query(
                "SELECT c.table_schema::text, c.table_name::text, c.column_name::text, c.is_nullable::text,
                        format_type(a.atttypid, a.atttypmod), c.column_default::text, c.is_identity::text,
                        c.identity_generation::text, c.generation_expression::text
                 FROM information_schema.columns c
                 JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass
                                    AND a.attname = c.column_name
                 JOIN pg_class k ON k.oid = a.attrelid
                 WHERE c.table_schema = ANY ($1) AND NOT k.relispartition AND k.relkind <> 'c'
                 ORDER BY c.table_schema, c.table_name, c.ordinal_position",
                &[&schema_list],
            )
            .unwrap();
        let mut seen = 0;
        let mut by_relation: std::collections::BTreeMap<(String, String), Vec<&postgres::Row>> =
            Default::default();
        for r in &rows {
            by_relation.entry((r.get(0), r.get(1))).or_default().push(r);
        }
        for ((schema, name), cols) in &by_relation {
            let rel = catalog
                .relation(schema, name)
                .unwrap_or_else(|| panic!("{fixture}: {schema}.{name} missing from the model"));
            let names: Vec<String> = cols.iter().map(|r| r.get(2)).collect();
            let model_names: Vec<String> = rel.columns.iter().map(|c| c.name.clone()).collect();
            assert_eq!(
                model_names, names,
                "{fixture}: column order of {schema}.{name}"
            );
            for (col, r) in rel.columns.iter().zip(cols) {
                let what = format!("{fixture}: {schema}.{name}.{}", col.name);
                if rel.kind.is_table() {
                    // information_schema folds a NOT NULL domain (one level) into is_nullable.
                    let domain_not_null = matches!(
                        catalog.type_def(&col.ty).map(|t| &t.kind),
                        Some(TypeKind::Domain { not_null: true, .. })
                    ) && col.ty.array_dims == 0;
                    let effective = col.nullable && !domain_not_null;
                    assert_eq!(effective, r.get::<_, String>(3) == "YES", "{what} nullable");
                }
                assert_eq!(col.ty.sql, r.get::<_, String>(4), "{what} type");
                let generated: Option<String> = r.get(8);
                assert_eq!(
                    col.generated.is_some(),
                    generated.is_some(),
                    "{what} generated"
                );
                if generated.is_none() {
                    assert_eq!(col.default, r.get::<_, Option<String>>(5), "{what} default");
                }
                let identity = match r.get::<_, Option<String>>(7).as_deref() {
                    Some("ALWAYS") if r.get::<_, String>(6) == "YES" => Some(Identity::Always),
                    Some("BY DEFAULT") if r.get::<_, String>(6) == "YES" => {
                        Some(Identity::ByDefault)
                    }
                    _ => None,
                };
                assert_eq!(col.identity, identity, "{what} identity");
                seen += 1;
            }
        }
        // information_schema does not list materialized views.
        let model_columns: usize = catalog
            .relations
            .iter()
            .filter(|r| r.kind != RelationKind::MaterializedView)
            .map(|r| r.columns.len())
            .sum();
        assert_eq!(
            seen, model_columns,
            "{fixture}: the model has columns information_schema lacks"
        );
        assert!(seen > 10, "{fixture}: too few columns to mean anything");
    }
}

/// Every relation name, column name and function name comes through byte for byte.
#[test]
fn nasty_names_come_through_exactly() {
    let db = TestDb::with_fixture("nasty_names");
    let catalog = db.catalog(&["public", "My-Schema"]);
    let mut client = db.client();
    let mut expected: Vec<(String, String)> = client
        .query(
            "SELECT n.nspname::text, c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname IN ('public', 'My-Schema') AND c.relkind IN ('r','p','v','m','f') AND NOT c.relispartition",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    expected.sort();
    let got: Vec<(String, String)> = catalog
        .relations
        .iter()
        .map(|r| (r.schema.clone(), r.name.clone()))
        .collect();
    assert_eq!(got, expected);
    assert!(
        got.iter().any(|(_, n)| n.len() == 63),
        "a 63-byte name is in the fixture"
    );
    assert!(got.iter().any(|(s, _)| s == "My-Schema"));
    for rel in &catalog.relations {
        let cols: Vec<String> = client
            .query(
                "SELECT attname::text FROM pg_attribute WHERE attrelid = format('%I.%I', $1::text, $2::text)::regclass
                 AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
                &[&rel.schema, &rel.name],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        let model: Vec<String> = rel.columns.iter().map(|c| c.name.clone()).collect();
        assert_eq!(model, cols, "{}.{}", rel.schema, rel.name);
    }
    let enums: Vec<&Vec<String>> = catalog
        .types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Enum { labels } => Some(labels),
            _ => None,
        })
        .collect();
    assert!(
        enums.iter().any(|l| l.iter().any(|x| x.contains('\''))),
        "enum label with a quote: {enums:?}"
    );
}

#[test]
fn type_zoo_details() {
    let db = TestDb::with_fixture("type_zoo");
    let catalog = db.catalog(&["public", "extra"]);
    let t = catalog.relation("public", "all_types").unwrap();
    let col = |n: &str| t.column(n).unwrap_or_else(|| panic!("column {n}"));
    assert_eq!(col("c_varchar").ty.length, Some(20));
    assert_eq!(col("c_char").ty.length, Some(5));
    assert_eq!(
        (
            col("c_numeric_10_2").ty.precision,
            col("c_numeric_10_2").ty.scale
        ),
        (Some(10), Some(2))
    );
    assert_eq!(col("c_numeric").ty.precision, None);
    assert_eq!(col("c_time").ty.time_precision, Some(3));
    assert_eq!(col("c_timestamp").ty.time_precision, Some(0));
    assert_eq!(col("c_timestamptz").ty.time_precision, None);
    assert_eq!(col("c_bit").ty.length, Some(3));
    let arr2 = &col("c_int4_2d").ty;
    assert_eq!((arr2.name.as_str(), arr2.array_dims), ("int4", 2));
    let varchar_arr = &col("c_varchar_arr").ty;
    assert_eq!(
        (
            varchar_arr.name.as_str(),
            varchar_arr.array_dims,
            varchar_arr.length
        ),
        ("varchar", 1, Some(10))
    );
    let mood_arr = &col("c_mood_arr").ty;
    assert_eq!(
        (
            mood_arr.schema.as_str(),
            mood_arr.name.as_str(),
            mood_arr.array_dims
        ),
        ("public", "mood", 1)
    );
    // Extension types keep their schema-qualified name and owner.
    let citext = catalog.type_def(&col("c_citext").ty).unwrap();
    assert_eq!(citext.extension.as_deref(), Some("citext"));
    // Ranges name their subtype.
    match &catalog.type_def(&col("c_floatrange").ty).unwrap().kind {
        TypeKind::Range { subtype } => assert!(subtype.is_builtin("float8")),
        other => panic!("{other:?}"),
    }

    // Domains: the base chain resolves down to a built-in type.
    let domains: Vec<_> = catalog
        .types
        .iter()
        .filter(|t| matches!(t.kind, TypeKind::Domain { .. }))
        .collect();
    assert!(domains.len() >= 4);
    let mut chained = false;
    for d in &domains {
        let mut cur = *d;
        let mut depth = 0;
        while let TypeKind::Domain { base, .. } = &cur.kind {
            depth += 1;
            if base.schema == "pg_catalog" {
                break;
            }
            cur = catalog
                .type_def(base)
                .unwrap_or_else(|| panic!("base of {} in types", d.name));
        }
        chained |= depth >= 2;
    }
    assert!(chained, "the zoo has a domain over a domain");
    assert!(
        domains
            .iter()
            .any(|d| matches!(&d.kind, TypeKind::Domain { not_null: true, .. }))
    );
    // A domain CHECK of a simple form is read as a fact on VALUE.
    assert!(domains.iter().any(|d| match &d.kind {
        TypeKind::Domain { checks, .. } => checks.iter().any(|c| c.facts.iter().any(|f| matches!(
            f,
            CheckFact::Compare {
                subject: Subject::Value,
                ..
            }
        ))),
        _ => false,
    }));

    // Composites: attributes with arrays of composites are resolved.
    let composites: Vec<_> = catalog
        .types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Composite { attributes } => Some(attributes),
            _ => None,
        })
        .collect();
    assert!(
        composites
            .iter()
            .flat_map(|a| a.iter())
            .any(|a| a.ty.array_dims == 1
                && matches!(
                    catalog.type_def(&a.ty).map(|t| &t.kind),
                    Some(TypeKind::Composite { .. })
                ))
    );

    // Identity and generated columns.
    let g = catalog
        .relation("public", "defaults_and_generated")
        .unwrap();
    assert_eq!(g.column("id").unwrap().identity, Some(Identity::Always));
    assert_eq!(
        g.column("external_id").unwrap().identity,
        Some(Identity::ByDefault)
    );
    let full_name = g.column("full_name").unwrap();
    assert!(full_name.generated.is_some() && full_name.default.is_none() && !full_name.updatable);

    // Partitions are folded into the parent and not listed themselves.
    let m = catalog.relation("public", "measurements").unwrap();
    assert_eq!(m.kind, RelationKind::PartitionedTable);
    assert_eq!(m.partitions.len(), 2);
    for p in &m.partitions {
        let name = p.split_once('.').unwrap().1;
        assert!(
            catalog.relation("public", name).is_none(),
            "partition {p} listed as a relation"
        );
    }

    // Cross-schema composite FK with columns in key order, not attnum order.
    let stores = catalog.relation("extra", "stores").unwrap();
    let fk = stores
        .foreign_keys
        .iter()
        .find(|f| f.referenced_relation == "regions")
        .unwrap();
    assert_eq!(fk.referenced_schema, "public");
    assert_eq!(fk.columns, vec!["store_region", "store_country"]);
    assert_eq!(fk.referenced_columns, vec!["region_code", "country_code"]);
}

#[test]
fn supabase_app_rls_keys_and_checks() {
    let db = TestDb::with_fixture("supabase_app");
    let catalog = db.catalog(&["public", "auth"]);
    let goals = catalog.relation("public", "goals").unwrap();
    assert!(goals.rls.enabled);
    assert!(goals.rls.policies.len() >= 3);
    assert!(catalog.relations.iter().any(|r| r.rls.forced));
    let all_cmds: Vec<PolicyCommand> = catalog
        .relations
        .iter()
        .flat_map(|r| r.rls.policies.iter().map(|p| p.command))
        .collect();
    for cmd in [
        PolicyCommand::Select,
        PolicyCommand::Insert,
        PolicyCommand::Update,
        PolicyCommand::Delete,
    ] {
        assert!(all_cmds.contains(&cmd), "{cmd:?}");
    }
    let with_roles = catalog
        .relations
        .iter()
        .flat_map(|r| &r.rls.policies)
        .find(|p| p.roles.iter().any(|r| r == "authenticated"))
        .expect("a policy TO authenticated");
    assert!(with_roles.using.is_some() || with_roles.with_check.is_some());
    assert!(
        catalog
            .relations
            .iter()
            .flat_map(|r| &r.rls.policies)
            .any(|p| p
                .using
                .as_deref()
                .is_some_and(|u| u.contains("get_user_organization_id()")))
    );

    // Cross-schema FK into auth.users.
    assert!(
        goals
            .foreign_keys
            .iter()
            .any(|f| f.referenced_schema == "auth" && f.referenced_relation == "users")
    );
    // Checks read as facts.
    let facts: Vec<&CheckFact> = catalog
        .relations
        .iter()
        .flat_map(|r| r.checks.iter().flat_map(|c| &c.facts))
        .collect();
    assert!(
        facts
            .iter()
            .any(|f| matches!(f, CheckFact::OneOf { values, .. } if values.len() >= 2))
    );
    assert!(facts.iter().any(|f| matches!(f,
        CheckFact::Compare { subject: Subject::Length(_), op: CompareOp::Le, value: Literal::Number(n) } if n == "280")));
    assert!(facts.iter().any(|f| matches!(f,
        CheckFact::Compare { subject: Subject::Column(_), op: CompareOp::Gt, value: Literal::Number(n) } if n == "0")));
    assert!(
        goals
            .foreign_keys
            .iter()
            .any(|f| f.on_delete == FkAction::Cascade)
            || catalog
                .relations
                .iter()
                .flat_map(|r| &r.foreign_keys)
                .any(|f| f.on_delete == FkAction::Cascade)
    );
    // auth.uid() is a function of the auth schema.
    assert!(
        catalog
            .functions
            .iter()
            .any(|f| f.schema == "auth" && f.name == "uid" && f.returns.is_builtin("uuid"))
    );
}

#[test]
fn views_and_functions() {
    let db = TestDb::with_fixture("views_functions");
    let catalog = db.catalog(&["public", "reporting"]);
    let updatable = catalog.relation("public", "books_catalog").unwrap();
    assert_eq!(updatable.kind, RelationKind::View);
    assert!(updatable.insertable() && updatable.updatable() && updatable.deletable());
    assert!(!updatable.column("price_with_tax").unwrap().updatable);
    assert!(updatable.column("book_title").unwrap().updatable);
    let stats = catalog.relation("public", "author_stats").unwrap();
    assert!(!stats.insertable() && !stats.updatable());
    let mv = catalog.relation("reporting", "book_search").unwrap();
    assert_eq!(mv.kind, RelationKind::MaterializedView);
    assert!(!mv.insertable() && mv.columns.iter().all(|c| !c.updatable));

    let f = |name: &'static str| catalog.functions.iter().filter(move |f| f.name == name);
    assert!(f("book_count").count() >= 3, "overloads");
    let with_defaults = f("book_count")
        .find(|f| f.args.iter().any(|a| a.default.is_some()))
        .unwrap();
    assert_eq!(
        with_defaults
            .args
            .iter()
            .filter(|a| a.default.is_some())
            .count(),
        2
    );
    assert!(f("book_count").any(|f| {
        f.args
            .iter()
            .any(|a| a.mode == ArgMode::Variadic && a.ty.array_dims == 1)
    }));
    let table = f("author_summary").next().unwrap();
    assert!(table.returns_table() && table.returns_set);
    assert_eq!(table.output_args().count(), 4);
    let setof = f("books_by_author").next().unwrap();
    assert!(setof.returns_set && setof.returns.name == "books" && setof.rows == Some(20.0));
    assert!(matches!(
        catalog.type_def(&setof.returns).unwrap().kind,
        TypeKind::Relation
    ));
    let out = f("book_price_range").next().unwrap();
    assert_eq!(out.output_args().count(), 3);
    assert!(
        f("add_tax").next().unwrap().args[0].name.is_none(),
        "unnamed argument"
    );
    assert_eq!(
        f("add_tax").next().unwrap().volatility,
        Volatility::Immutable
    );
    assert!(
        catalog
            .functions
            .iter()
            .any(|f| f.kind == gen_types::model::FunctionKind::Procedure)
    );
    assert!(
        f("increment")
            .next()
            .unwrap()
            .args
            .iter()
            .any(|a| a.mode == ArgMode::InOut)
    );
}

#[test]
fn extension_objects_only_when_asked() {
    let db = TestDb::with_fixture("type_zoo");
    let catalog = db.catalog(&["public"]);
    assert!(
        catalog
            .functions
            .iter()
            .all(|f| !f.name.starts_with("citext")),
        "citext's functions are excluded"
    );
    let config = Config {
        include_extension_objects: true,
        ..Config::default()
    };
    let with = gen_types::load_catalog(&Source::Database(Some(db.url.clone())), &config)
        .unwrap()
        .catalog;
    assert!(with.functions.iter().any(|f| f.name.starts_with("citext")));
}

/// compat = "supabase" reads what the reference reads (partitions as tables, extension
/// functions, multirange constructors); both modes read what INSTEAD OF triggers and
/// unconditional DO INSTEAD rules make a view accept.
#[test]
fn compat_reads_partitions_extension_functions_and_instead_of_facts() {
    use gen_types::config::{TsCompat, TypescriptConfig};
    let db = TestDb::with_fixture("compat_cases");
    let schemas = ["public", "shop"];
    let precise = db.catalog(&schemas);
    let events = precise.relation("public", "events").unwrap();
    assert_eq!(
        events.partitions,
        [
            "public.events_2024",
            "public.events_2025",
            "public.events_2025_eu",
            "public.events_2025_us",
            "public.events_other"
        ]
    );
    assert!(precise.relation("public", "events_2024").is_none());
    assert!(precise.functions.iter().all(|f| f.extension.is_none()));
    assert!(
        !precise
            .functions
            .iter()
            .any(|f| f.name == "gen_random_uuid")
    );
    let instead = |c: &gen_types::Catalog, view: &str| {
        c.relation("shop", view)
            .and_then(|r| r.instead_of)
            .map(|u| (u.insert, u.update, u.delete))
    };
    assert_eq!(instead(&precise, "items_all_ops"), Some((true, true, true)));
    assert_eq!(
        instead(&precise, "items_insert_only"),
        Some((true, false, false))
    );
    assert_eq!(
        instead(&precise, "items_update_only"),
        Some((false, true, false))
    );
    assert_eq!(
        instead(&precise, "items_delete_only"),
        Some((false, false, true))
    );
    assert_eq!(
        instead(&precise, "items_by_rule"),
        Some((true, false, false))
    );
    assert_eq!(instead(&precise, "items_mixed"), Some((true, false, false)));
    let mixed = precise.relation("shop", "items_mixed").unwrap();
    let double = mixed.column("double_price").unwrap();
    assert!(mixed.column_insertable(double) && !mixed.column_updatable(double));
    let by_rule = precise.relation("shop", "items_by_rule").unwrap();
    assert!(by_rule.insertable() && !by_rule.updatable() && !by_rule.deletable());

    let config = Config {
        schemas: schemas.iter().map(|s| s.to_string()).collect(),
        typescript: TypescriptConfig {
            compat: TsCompat::Supabase,
            ..TypescriptConfig::default()
        },
        ..Config::default()
    };
    let compat = gen_types::load_catalog(&Source::Database(Some(db.url.clone())), &config)
        .unwrap()
        .catalog;
    let parent = |schema: &str, name: &str| {
        compat
            .relation(schema, name)
            .and_then(|r| r.partition_of.clone())
    };
    assert_eq!(
        parent("public", "events_2025_eu").as_deref(),
        Some("public.events_2025")
    );
    assert_eq!(
        parent("public", "orders_new").as_deref(),
        Some("shop.orders")
    );
    assert_eq!(parent("public", "events"), None);
    let leaf = compat.relation("public", "events_2024").unwrap();
    assert_eq!(
        leaf.primary_key.as_ref().map(|k| k.columns.clone()),
        Some(vec![
            "id".to_string(),
            "happened_at".to_string(),
            "region".to_string()
        ])
    );
    let uuid = compat
        .functions
        .iter()
        .find(|f| f.name == "gen_random_uuid")
        .unwrap();
    assert_eq!(uuid.extension.as_deref(), Some("pgcrypto"));
    assert!(
        compat
            .functions
            .iter()
            .any(|f| f.name == "unaccent" && f.extension.as_deref() == Some("unaccent"))
    );
}

#[test]
fn snapshot_round_trips_and_filters_apply() {
    let db = TestDb::with_fixture("views_functions");
    let catalog = db.catalog(&["public", "reporting"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("catalog.json");
    std::fs::write(&path, gen_types::snapshot_json(&catalog)).unwrap();
    let back = gen_types::read_snapshot(&path).unwrap();
    assert_eq!(back, catalog);

    let mut config = Config::default();
    config.relations.include = vec!["public.*".into()];
    config.relations.exclude = vec!["*_audit".into()];
    config.functions.include = vec!["book_*".into()];
    let filtered = gen_types::load_catalog(&Source::Snapshot(path), &config)
        .unwrap()
        .catalog;
    assert!(
        filtered
            .relations
            .iter()
            .all(|r| r.schema == "public" && r.name != "book_audit")
    );
    assert!(filtered.relation("public", "books").is_some());
    assert!(
        !filtered.functions.is_empty()
            && filtered
                .functions
                .iter()
                .all(|f| f.name.starts_with("book_"))
    );
}

/// The schemas of the `views_functions` fixture.
fn views_functions_selection() -> gen_types::introspect::Selection {
    gen_types::introspect::Selection {
        schemas: vec!["public".into(), "reporting".into()],
        include_extension_objects: false,
        include_partitions: false,
        include_implicit_functions: false,
    }
}

const CATALOG_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// A runtime for tests that drive the async introspection API themselves.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// The catalog is the same whether the queries run on one connection, on two sharing a
/// snapshot, or on one after the second could not import the snapshot (here: it is connected
/// to another database, where Postgres refuses the import).
#[test]
fn one_or_two_connections_read_the_same_catalog() {
    use gen_types::introspect::{ConnectOptions, introspect};
    let db = TestDb::with_fixture("views_functions");
    let other = TestDb::new();
    let (selection, timeout) = (views_functions_selection(), CATALOG_TIMEOUT);
    runtime().block_on(async {
        let opts = ConnectOptions::resolve(Some(&db.url)).unwrap();
        let other_opts = ConnectOptions::resolve(Some(&other.url)).unwrap();
        let a = opts.connect().await.unwrap();
        let b = opts.connect().await.unwrap();
        let elsewhere = other_opts.connect().await.unwrap();
        let (single, _) = introspect(&a, None, &selection, timeout).await.unwrap();
        let (shared, _) = introspect(&a, Some(&b), &selection, timeout).await.unwrap();
        let (fallback, _) = introspect(&a, Some(&elsewhere), &selection, timeout)
            .await
            .unwrap();
        assert_eq!(shared, single);
        assert_eq!(fallback, single);
        assert!(single.relations.len() > 5);
        // The second connection was left usable (its failed import rolled back).
        elsewhere.batch_execute("SELECT 1").await.unwrap();
    });
}

/// When the server refuses to export the snapshot (here: a role that may not call
/// `pg_export_snapshot()`), the first connection starts its transaction again and reads
/// everything alone.
#[test]
fn a_refused_snapshot_export_reads_on_one_connection() {
    use gen_types::introspect::{ConnectOptions, introspect};
    let role = TestRole::new("noexport");
    let db = TestDb::with_fixture("views_functions");
    db.execute("REVOKE EXECUTE ON FUNCTION pg_export_snapshot() FROM PUBLIC");
    let (selection, timeout) = (views_functions_selection(), CATALOG_TIMEOUT);
    runtime().block_on(async {
        let admin = ConnectOptions::resolve(Some(&db.url)).unwrap();
        let limited = ConnectOptions::resolve(Some(&role.url(&db))).unwrap();
        let a = admin.connect().await.unwrap();
        let (expected, _) = introspect(&a, None, &selection, timeout).await.unwrap();
        let (first, second) = (
            limited.connect().await.unwrap(),
            limited.connect().await.unwrap(),
        );
        let refused = first
            .simple_query("BEGIN; SELECT pg_export_snapshot()")
            .await
            .unwrap_err();
        assert_eq!(
            refused.code(),
            Some(&tokio_postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
            "{refused}"
        );
        first.batch_execute("ROLLBACK").await.unwrap();
        let (read, _) = introspect(&first, Some(&second), &selection, timeout)
            .await
            .unwrap();
        assert_eq!(read, expected);
    });
}

/// Reads while another session creates and drops tables (with CHECKs, foreign keys, views,
/// comments), types and functions: catalog functions see objects vanish mid-read, and the
/// read starts again on a fresh snapshot. Every read succeeds, and each comes from one
/// snapshot: every churn table read has all its columns and constraints.
#[test]
fn concurrent_ddl_never_fails_a_read() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let db = TestDb::with_fixture("views_functions");
    let stop = Arc::new(AtomicBool::new(false));
    // A migration-like pace: a round of 13 statements, then 50 ms.
    let pause = std::time::Duration::from_millis(50);
    let churn = {
        let (stop, mut client) = (stop.clone(), db.client());
        std::thread::spawn(move || {
            let mut rounds = 0;
            while !stop.load(Ordering::Relaxed) {
                // Each round creates one table's objects and drops the previous round's, so
                // that a churn table exists while the reads run (and the reads can see it).
                let t = format!("public.churn_{}", rounds % 4);
                let creates = [
                    format!(
                        "CREATE TABLE {t} (id int PRIMARY KEY, v int CHECK (v > 0), parent int REFERENCES {t} (id))"
                    ),
                    format!("ALTER TABLE {t} ADD CONSTRAINT v_small CHECK (v < 1000)"),
                    format!("COMMENT ON TABLE {t} IS 'churn'"),
                    format!("CREATE VIEW {t}_v AS SELECT id, v FROM {t}"),
                    format!("CREATE TYPE {t}_e AS ENUM ('a', 'b')"),
                    format!("CREATE DOMAIN {t}_d AS int CHECK (VALUE > 0)"),
                    format!("CREATE FUNCTION {t}_f(x {t}) RETURNS int LANGUAGE sql AS 'SELECT 1'"),
                ];
                let p = format!("public.churn_{}", (rounds + 3) % 4);
                let drops = [
                    format!("DROP FUNCTION {p}_f"),
                    format!("DROP DOMAIN {p}_d"),
                    format!("DROP TYPE {p}_e"),
                    format!("DROP VIEW {p}_v"),
                    format!("ALTER TABLE {p} DROP CONSTRAINT v_small"),
                    format!("DROP TABLE {p}"),
                ];
                let drops = if rounds == 0 { &drops[..0] } else { &drops[..] };
                for sql in creates.iter().chain(drops) {
                    client.batch_execute(sql).unwrap();
                }
                rounds += 1;
                std::thread::sleep(pause);
            }
            rounds
        })
    };
    let config = Config {
        schemas: vec!["public".into(), "reporting".into()],
        ..Config::default()
    };
    let mut tables_seen = 0;
    for _ in 0..40 {
        let loaded = gen_types::load_catalog(&Source::Database(Some(db.url.clone())), &config)
            .unwrap_or_else(|e| panic!("a read failed under DDL: {}", e.render()));
        for r in loaded
            .catalog
            .relations
            .iter()
            .filter(|r| r.name.starts_with("churn_"))
        {
            if r.kind != RelationKind::Table {
                continue;
            }
            tables_seen += 1;
            let columns: Vec<&str> = r.columns.iter().map(|c| c.name.as_str()).collect();
            assert_eq!(columns, ["id", "v", "parent"], "{}", r.name);
            assert_eq!(r.foreign_keys.len(), 1, "{}", r.name);
            assert!(
                r.primary_key.is_some() && !r.checks.is_empty(),
                "{}",
                r.name
            );
        }
    }
    stop.store(true, Ordering::Relaxed);
    let rounds = churn.join().unwrap();
    assert!(
        rounds > 5 && tables_seen > 0,
        "the DDL ran: {rounds} rounds, {tables_seen} tables read"
    );
}

/// The hostile fixture (issue 13): every name, comment and label written to break out of
/// generated code comes through the catalog exactly, and 1,000 declared array dimensions
/// are read as such. (What the targets make of it is tested with the emitters.)
#[test]
fn hostile_catalog_text_comes_through_exactly() {
    let db = TestDb::with_fixture("hostile");
    // (Its warnings, about what the targets make of it, are tested in tests/hostile.rs.)
    let (catalog, _) = db.catalog_and_warnings(&["public"]);
    let names: Vec<&str> = catalog.relations.iter().map(|r| r.name.as_str()).collect();
    for name in [
        "t\n;(globalThis as any).pwned = 1 //",
        "cr\r;(globalThis as any).pwnedCr = 1 //",
        "ls\u{2028};(globalThis as any).pwnedLs = 1 //",
        "ps\u{2029};(globalThis as any).pwnedPs = 1 //",
        "end */ (globalThis as any).pwnedBlock = 1 /*",
        "constructor",
        "__proto__",
        "valueOf",
    ] {
        assert!(names.contains(&name), "{name:?} missing from {names:?}");
    }
    let block = catalog
        .relation("public", "end */ (globalThis as any).pwnedBlock = 1 /*")
        .unwrap();
    let columns: Vec<&str> = block.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        columns,
        [
            "id",
            "q'uote",
            "dq\"uote",
            "back`tick ${(globalThis as any).pwnedTpl = 1}",
            "back\\slash\\",
            "html --> </script><script>alert(1)</script>",
            "col\nnewline"
        ]
    );
    assert_eq!(
        block.comment.as_deref(),
        Some(
            "ends */ a block comment\n(globalThis as any).pwnedComment = 1\r\ncarriage\u{2028}line\u{2029}para --> </script> ${x} `tick` \\back"
        )
    );
    assert_eq!(
        block.columns[2].comment.as_deref(),
        Some("first\rsecond */ third")
    );
    let labels = catalog
        .types
        .iter()
        .find(|t| t.name == "hostile_label")
        .map(|t| match &t.kind {
            TypeKind::Enum { labels } => labels.clone(),
            other => panic!("{other:?}"),
        })
        .unwrap();
    assert_eq!(
        labels,
        [
            "",
            " ",
            "it's",
            "say \"hi\"",
            "two\nlines",
            "cr\rhere",
            "ls\u{2028}here",
            "back\\slash",
            "${(globalThis as any).pwnedLabel = 1}",
            "*/",
            "</script>",
            "a-b",
            "a_b"
        ]
    );
    let deep = catalog.relation("public", "deep").unwrap();
    assert_eq!(deep.columns[1].ty.array_dims, 1000);
    let f = catalog
        .functions
        .iter()
        .find(|f| f.name.starts_with("fn\n"))
        .unwrap();
    let args: Vec<Option<&str>> = f.args.iter().map(|a| a.name.as_deref()).collect();
    assert_eq!(
        args,
        [
            Some("arg */ (globalThis as any).pwnedArg = 1 /*"),
            Some("nl\narg")
        ]
    );
}
