#!/usr/bin/env python3
"""Deterministic synthetic PostgreSQL schema for benchmarking gen-types.

    python3 bench/gen_schema.py --tables N [--seed S] > schema.sql
    psql -X -q -v ON_ERROR_STOP=1 -d DB -f schema.sql

Prints DDL for N base tables split over the schemas `public` and `app`, plus about N/10
views (simple auto-updatable ones, joins, aggregates), two materialized views and about
N/10 functions. The output depends only on (N, seed) and loads on PostgreSQL 13 to 18
(nothing newer than PG 13 is used: gen_random_uuid() is core since 13).

The mix, roughly what an application database looks like:
  * primary keys: serial, bigserial, identity BY DEFAULT / ALWAYS (int4, int8), uuid
    DEFAULT gen_random_uuid(), and composite keys on link tables
  * columns: int2/int4/int8, numeric(p,s), numeric, real, double precision, boolean,
    text, varchar(n), char(n), uuid, date, time, timestamp, timestamptz, interval,
    json, jsonb, bytea, inet, text[], integer[], uuid[], enum[], enums, domains,
    composite types, a few GENERATED ALWAYS ... STORED columns
  * NOT NULL on about half the columns, defaults (constants, now(), casts)
  * foreign keys to earlier tables (about half of them across schemas), self references,
    one-to-one (FK + UNIQUE) links, ON DELETE CASCADE / SET NULL
  * UNIQUE (single and multi-column), CHECK (col IN (...)), CHECK comparisons,
    table-level CHECKs
  * COMMENT ON TABLE / COLUMN / VIEW / FUNCTION on some objects
  * functions: sql and plpgsql; scalar, SETOF table, RETURNS TABLE, jsonb, void,
    defaults, overloads, row-argument ("computed field") functions
  * a handful of identifiers that need quoting (mixed case, spaces, keywords)

Standard library only.
"""

import argparse
import random
import re
import sys

SCHEMAS = ("public", "app")

RESERVED = set(
    """all analyse analyze and any array as asc asymmetric both case cast check collate
    column constraint create current_catalog current_date current_role current_time
    current_timestamp current_user default deferrable desc distinct do else end except
    false fetch for foreign from grant group having in initially intersect into lateral
    leading limit localtime localtimestamp not null offset on only or order placing
    primary references returning select session_user some symmetric table then to
    trailing true union unique user using variadic when where window with""".split()
)
PLAIN = re.compile(r"^[a-z_][a-z0-9_]*$")


def q(name):
    """An identifier, quoted only when needed."""
    if PLAIN.match(name) and name not in RESERVED:
        return name
    return '"' + name.replace('"', '""') + '"'


def plural(noun):
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def qq(schema, name):
    return f"{q(schema)}.{q(name)}"


def s(text):
    return "'" + text.replace("'", "''") + "'"


# ---------------------------------------------------------------------------------------
# user-defined types, always present

ENUMS = {
    ("public", "order_status"): ["pending", "paid", "shipped", "delivered", "cancelled"],
    ("public", "priority_level"): ["low", "normal", "high", "critical"],
    ("app", "member_role"): ["owner", "admin", "editor", "viewer"],
    ("app", "visibility"): ["public", "private", "internal"],
    ("public", "payment_method"): ["card", "bank_transfer", "cash", "voucher"],
    ("app", "job_state"): ["queued", "running", "succeeded", "failed", "retrying"],
    ("public", "Ticket Kind"): ["bug", "feature request", "question", "it's fine"],
}
DOMAINS = [
    ("app", "email", "text", "CHECK (VALUE ~ '^[^@ ]+@[^@ ]+$')"),
    ("public", "positive_amount", "numeric(12,2)", "CHECK (VALUE > 0)"),
    ("public", "percent", "smallint", "CHECK (VALUE BETWEEN 0 AND 100)"),
    ("app", "country_code", "char(2)", "NOT NULL CHECK (VALUE ~ '^[A-Z]{2}$')"),
    ("app", "label_set", "text[]", "CHECK (cardinality(VALUE) <= 20)"),
]
COMPOSITES = [
    ("public", "postal_address", "line1 text, line2 text, city text, zip varchar(10), country app.country_code"),
    ("app", "price_tag", "amount numeric(12,2), currency char(3)"),
    ("public", "geo_point", "lat double precision, lng double precision, accuracy real"),
]

# ---------------------------------------------------------------------------------------
# names

NOUNS = """account address agent alert answer api_key article asset attachment audit
badge balance batch bill booking branch brand budget bundle campaign card cart category
certificate channel charge checkout city claim client comment company contact contract
coupon course credit currency customer dashboard deal delivery department device discount
document domain draft employee enrollment event expense export feature feedback file
folder form goal grade group hotel import incident invoice issue item job journal key
label lead lesson license line listing location log meeting member menu message metric
milestone module note notification offer order organization package page partner payment
payout permission photo plan playlist policy post price product profile project promotion
purchase question quote rating receipt record refund region release report request
reservation resource review reward role room route rule sale schedule section seat
segment session setting shipment shop skill slot snapshot source sprint stage store
subscription supplier survey tag task team template tenant ticket timesheet token topic
track transaction transfer trip unit upload user vendor version visit voucher wallet
warehouse webhook widget workflow workspace""".split()
QUALIFIERS = """archived billing customer daily external internal legacy monthly partner
pending public shared staff user vendor weekly""".split()

# (base name, sql type, generator of an optional default, optional check maker)
INT_NAMES = ["quantity", "position", "views", "attempts", "rank", "capacity", "duration_min", "retries", "sort_order", "stock"]
BIG_NAMES = ["total_bytes", "external_ref", "counter", "revision"]
NUM_NAMES = ["price", "amount", "balance", "tax_rate", "discount", "weight_kg", "score", "cost"]
TEXT_NAMES = ["name", "title", "description", "notes", "summary", "body", "instructions", "reason"]
VARCHAR_NAMES = ["code", "slug", "phone", "sku", "reference", "handle", "locale", "timezone"]
TS_NAMES = ["created_at", "updated_at", "deleted_at", "starts_at", "ends_at", "published_at", "expires_at", "last_seen_at"]
DATE_NAMES = ["birth_date", "due_date", "valid_from", "valid_until", "billing_date"]
BOOL_NAMES = ["is_active", "is_public", "verified", "archived", "enabled", "locked"]
JSON_NAMES = ["metadata", "settings", "payload", "attributes", "raw", "preferences"]
STATUS_WORDS = [
    ["draft", "active", "archived"],
    ["new", "open", "closed"],
    ["pending", "approved", "rejected", "expired"],
    ["small", "medium", "large"],
    ["inbound", "outbound"],
]


class Table:
    def __init__(self, schema, name, pk_kind):
        self.schema = schema
        self.name = name
        self.pk_kind = pk_kind  # 'int', 'bigint', 'uuid' or 'composite'
        self.columns = []  # (name, type, not_null)
        self.fks = []  # (column names, target table)
        self.lines = []
        self.after = []
        self.singular = name

    @property
    def qname(self):
        return qq(self.schema, self.name)

    def pk_type(self):
        return {"int": "integer", "bigint": "bigint", "uuid": "uuid"}[self.pk_kind]

    def cols_of(self, pred):
        return [c for c in self.columns if pred(c)]


class Gen:
    def __init__(self, n, seed):
        self.n = n
        self.r = random.Random(seed * 1_000_003 + n)
        self.out = []
        self.tables = []
        self.used = {sch: set() for sch in SCHEMAS}
        self.fn_names = {sch: set() for sch in SCHEMAS}

    def w(self, line=""):
        self.out.append(line)

    # -- names ----------------------------------------------------------------------
    def table_name(self, schema):
        r = self.r
        for _ in range(20):
            noun = r.choice(NOUNS)
            if r.random() < 0.45:
                noun = f"{r.choice(QUALIFIERS)}_{noun}"
            name = plural(noun)
            if name not in self.used[schema]:
                break
        base, k = name, 2
        while name in self.used[schema]:
            name = f"{base}_{k}"
            k += 1
        self.used[schema].add(name)
        return name, noun if name == base else f"{noun}_{k - 1}"

    # -- types ----------------------------------------------------------------------
    def header(self):
        self.w(f"-- gen-types bench schema: --tables {self.n}")
        self.w("SET client_min_messages = warning;")
        self.w("SET check_function_bodies = on;")
        self.w("CREATE SCHEMA IF NOT EXISTS app;")
        self.w()
        for (sch, name), labels in ENUMS.items():
            self.w(f"CREATE TYPE {qq(sch, name)} AS ENUM ({', '.join(s(l) for l in labels)});")
        self.w(f"COMMENT ON TYPE public.order_status IS {s('Where an order is in its life')};")
        for sch, name, base, rest in DOMAINS:
            self.w(f"CREATE DOMAIN {qq(sch, name)} AS {base} {rest};")
        for sch, name, fields in COMPOSITES:
            self.w(f"CREATE TYPE {qq(sch, name)} AS ({fields});")
        self.w()

    def enum(self):
        sch, name = self.r.choice(list(ENUMS))
        return qq(sch, name), ENUMS[(sch, name)]

    def plain_column(self, taken):
        """One non-key column: (name, type, not_null, default sql or None, check sql or None)."""
        r = self.r
        kind = r.choices(
            ["int", "smallint", "bigint", "numeric", "float", "bool", "text", "varchar", "char",
             "ts", "timestamp", "date", "time", "interval", "uuid", "jsonb", "json", "bytea",
             "inet", "text[]", "int[]", "uuid[]", "enum", "enum[]", "status", "domain",
             "composite"],
            weights=[9, 2, 3, 7, 2, 6, 10, 6, 1, 8, 1, 3, 1, 1, 3, 5, 1, 1, 1, 3, 1, 1, 4, 1, 3, 2, 1],
        )[0]
        nn = r.random() < 0.5
        default = None
        check = None
        if kind == "int":
            name, typ = r.choice(INT_NAMES), "integer"
            if r.random() < 0.3:
                default = str(r.choice([0, 1, 10]))
            if r.random() < 0.25:
                check = f"{{c}} >= 0"
        elif kind == "smallint":
            name, typ = r.choice(["priority", "level", "weekday", "month"]), "smallint"
            if r.random() < 0.4:
                check = f"{{c}} BETWEEN 0 AND {r.choice([7, 12, 99])}"
        elif kind == "bigint":
            name, typ = r.choice(BIG_NAMES), "bigint"
        elif kind == "numeric":
            name = r.choice(NUM_NAMES)
            p = r.choice([10, 12, 14, 18])
            typ = r.choice([f"numeric({p},{r.choice([0, 2, 4])})", "numeric"])
            if r.random() < 0.3:
                check = "{c} >= 0"
            if r.random() < 0.2:
                default = "0"
        elif kind == "float":
            name, typ = r.choice(["ratio", "latitude", "longitude", "confidence"]), r.choice(["real", "double precision"])
        elif kind == "bool":
            name, typ = r.choice(BOOL_NAMES), "boolean"
            if r.random() < 0.6:
                default, nn = r.choice(["true", "false"]), True
        elif kind == "text":
            name, typ = r.choice(TEXT_NAMES), "text"
            if r.random() < 0.15:
                default = "''"
            if r.random() < 0.1:
                check = "char_length({c}) <= 500"
        elif kind == "varchar":
            name, typ = r.choice(VARCHAR_NAMES), f"varchar({r.choice([16, 32, 64, 100, 255])})"
        elif kind == "char":
            name, typ = r.choice(["currency", "lang"]), r.choice(["char(3)", "char(2)"])
        elif kind == "ts":
            name, typ = r.choice(TS_NAMES), "timestamptz"
            if name in ("created_at", "updated_at"):
                default, nn = "now()", True
        elif kind == "timestamp":
            name, typ = r.choice(["local_time", "imported_at"]), "timestamp"
        elif kind == "date":
            name, typ = r.choice(DATE_NAMES), "date"
            if r.random() < 0.2:
                default = "CURRENT_DATE"
        elif kind == "time":
            name, typ = r.choice(["opens_at", "closes_at"]), "time"
        elif kind == "interval":
            name, typ = r.choice(["grace_period", "ttl"]), "interval"
            if r.random() < 0.5:
                default = "'1 day'::interval"
        elif kind == "uuid":
            name, typ = r.choice(["external_id", "correlation_id", "session_uuid"]), "uuid"
            if r.random() < 0.3:
                default = "gen_random_uuid()"
        elif kind == "jsonb":
            name, typ = r.choice(JSON_NAMES), "jsonb"
            if r.random() < 0.4:
                default, nn = "'{}'::jsonb", True
        elif kind == "json":
            name, typ = "legacy_data", "json"
        elif kind == "bytea":
            name, typ = r.choice(["checksum", "thumbnail"]), "bytea"
        elif kind == "inet":
            name, typ = r.choice(["ip_address", "last_ip"]), "inet"
        elif kind == "text[]":
            name, typ = r.choice(["tags", "aliases", "keywords"]), "text[]"
            if r.random() < 0.4:
                default, nn = "'{}'::text[]", True
        elif kind == "int[]":
            name, typ = r.choice(["scores", "slots"]), "integer[]"
        elif kind == "uuid[]":
            name, typ = "related_ids", "uuid[]"
        elif kind == "enum":
            typ, labels = self.enum()
            name = r.choice(["status", "state", "kind", "role", "level"])
            if r.random() < 0.5:
                default, nn = f"{s(labels[0])}::{typ}", True
        elif kind == "enum[]":
            typ, _ = self.enum()
            typ += "[]"
            name = "allowed_values"
        elif kind == "status":
            name, typ = r.choice(["status", "state", "phase", "size"]), "text"
            words = r.choice(STATUS_WORDS)
            check = "{c} IN (" + ", ".join(s(w) for w in words) + ")"
            default, nn = s(words[0]), True
        elif kind == "domain":
            sch, dname, _, _ = r.choice(DOMAINS)
            typ = qq(sch, dname)
            name = {"email": "email", "positive_amount": "total", "percent": "progress",
                    "country_code": "country", "label_set": "labels"}[dname]
            if dname == "country_code":
                nn = True
        else:
            sch, cname, _ = r.choice(COMPOSITES)
            typ = qq(sch, cname)
            name = {"postal_address": "shipping_address", "price_tag": "list_price", "geo_point": "position_geo"}[cname]
        base, k = name, 2
        while name in taken:
            name = f"{base}_{k}"
            k += 1
        taken.add(name)
        return name, typ, nn, default, (check.format(c=q(name)) if check else None)

    # -- tables ---------------------------------------------------------------------
    def pick_target(self, t):
        """An earlier table to reference (recent ones and a few hubs are likelier)."""
        r = self.r
        cands = [x for x in self.tables if x.pk_kind != "composite"]
        if not cands:
            return None
        x = r.random()
        if x < 0.25:
            return r.choice(cands[:8])  # hubs
        if x < 0.6:
            return r.choice(cands[-20:])
        return r.choice(cands)

    def table(self, i):
        r = self.r
        schema = SCHEMAS[i % 2] if r.random() < 0.8 else r.choice(SCHEMAS)
        if i == 3:
            name, singular = "Customer Notes", "customer_note"
            self.used[schema].add(name)
        else:
            name, singular = self.table_name(schema)
        link = i >= 10 and r.random() < 0.07
        pk_kind = "composite" if link else r.choices(["int", "bigint", "uuid"], weights=[5, 4, 3])[0]
        t = Table(schema, name, pk_kind)
        t.singular = singular
        taken = set()
        lines = t.lines
        after = t.after
        cons = 0

        def fk_col(tgt):
            col, k = f"{tgt.singular[:40]}_id", 2
            while col in taken:
                col = f"{tgt.singular[:40]}_id{k}"
                k += 1
            taken.add(col)
            return col

        def cname(suffix):
            nonlocal cons
            cons += 1
            return q(f"{name[:40]}_{suffix}{cons}")

        if link:
            a, b = self.pick_target(t), self.pick_target(t)
            for tgt in (a, b):
                col = fk_col(tgt)
                lines.append(f"{q(col)} {tgt.pk_type()} NOT NULL REFERENCES {tgt.qname} ON DELETE CASCADE")
                t.columns.append((col, tgt.pk_type(), True))
                t.fks.append(([col], tgt))
            cols = [c[0] for c in t.columns]
            lines.append(f"added_at timestamptz NOT NULL DEFAULT now()")
            t.columns.append(("added_at", "timestamptz", True))
            lines.append(f"CONSTRAINT {cname('pkey')} PRIMARY KEY ({q(cols[0])}, {q(cols[1])})")
        else:
            style = r.random()
            if pk_kind == "int":
                pk = "id serial PRIMARY KEY" if style < 0.5 else "id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
            elif pk_kind == "bigint":
                pk = ("id bigserial PRIMARY KEY" if style < 0.4 else
                      "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY" if style < 0.7 else
                      "id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
            else:
                pk = "id uuid PRIMARY KEY DEFAULT gen_random_uuid()"
            lines.append(pk)
            taken.add("id")
            t.columns.append(("id", t.pk_type(), True))

            # foreign keys
            nfk = r.choices([0, 1, 2, 3], weights=[3, 4, 3, 1])[0] if self.tables else 0
            for _ in range(nfk):
                tgt = self.pick_target(t)
                col = fk_col(tgt)
                nn = r.random() < 0.6
                action = r.choice(["", "", " ON DELETE CASCADE", " ON DELETE SET NULL" if not nn else " ON DELETE RESTRICT"])
                one_to_one = r.random() < 0.08
                lines.append(f"{q(col)} {tgt.pk_type()}{' NOT NULL' if nn else ''}{' UNIQUE' if one_to_one else ''} "
                             f"REFERENCES {tgt.qname} (id){action}")
                t.columns.append((col, tgt.pk_type(), nn))
                t.fks.append(([col], tgt))
            if len(self.tables) > 5 and r.random() < 0.06:
                lines.append(f"parent_id {t.pk_type()} REFERENCES {t.qname} (id) ON DELETE CASCADE")
                t.columns.append(("parent_id", t.pk_type(), False))
                t.fks.append((["parent_id"], t))
                taken.add("parent_id")

            # ordinary columns
            for _ in range(r.choice([3, 4, 5, 6, 6, 7, 8, 8, 9, 10, 12, 14])):
                col, typ, nn, default, check = self.plain_column(taken)
                parts = [q(col), typ]
                if default:
                    parts.append("DEFAULT " + default)
                if nn:
                    parts.append("NOT NULL")
                if check:
                    parts.append("CHECK (" + check + ")")
                lines.append(" ".join(parts))
                t.columns.append((col, typ, nn))
            if i == 3:  # a few names that must be quoted, once
                for col, typ in (("Display Name", "text"), ("type", "text"), ("order", "integer"), ("camelCase", "boolean")):
                    lines.append(f"{q(col)} {typ}")
                    t.columns.append((col, typ, False))
            if r.random() < 0.04:
                text_cols = t.cols_of(lambda c: c[1] == "text")
                if text_cols:
                    src = text_cols[0][0]
                    lines.append(f"search_key text GENERATED ALWAYS AS (lower({q(src)})) STORED")
                    t.columns.append(("search_key", "text", False))

            # table-level constraints
            names = [c[0] for c in t.columns]
            uniq = [c for c in ("slug", "code", "sku", "handle", "email", "reference") if c in names]
            if uniq and r.random() < 0.7:
                lines.append(f"CONSTRAINT {cname('key')} UNIQUE ({q(uniq[0])})")
            elif len(t.fks) >= 1 and r.random() < 0.2:
                scalar = [c[0] for c in t.columns if c[1] in ("text", "integer", "date", "timestamptz", "bigint")
                          and c[0] != t.fks[0][0][0]]
                if scalar:
                    lines.append(f"CONSTRAINT {cname('key')} UNIQUE ({q(t.fks[0][0][0])}, {q(scalar[-1])})")
            if "starts_at" in names and "ends_at" in names:
                lines.append(f"CONSTRAINT {cname('check')} CHECK (ends_at > starts_at)")
            elif "valid_from" in names and "valid_until" in names:
                lines.append(f"CONSTRAINT {cname('check')} CHECK (valid_until >= valid_from)")
            elif r.random() < 0.05:
                lines.append(f"CONSTRAINT {cname('check')} CHECK (id IS NOT NULL)")

        # comments
        if r.random() < 0.3:
            after.append(f"COMMENT ON TABLE {t.qname} IS {s(f'{name.replace(chr(95), chr(32)).capitalize()} of the {schema} area')};")
        for col, typ, _ in t.columns:
            if r.random() < 0.07:
                after.append(f"COMMENT ON COLUMN {t.qname}.{q(col)} IS {s(f'The {col.replace(chr(95), chr(32))} ({typ})')};")
        if r.random() < 0.05:
            ix_cols = [c[0] for c in t.columns if not c[1].endswith("[]") and c[1] not in ("jsonb", "json")][:2]
            after.append(f"CREATE INDEX ON {t.qname} ({', '.join(q(c) for c in ix_cols)});")

        self.w(f"CREATE TABLE {t.qname} (")
        self.w(",\n".join("    " + ln for ln in lines))
        self.w(");")
        for ln in after:
            self.w(ln)
        self.tables.append(t)

    # -- views ----------------------------------------------------------------------
    def view_name(self, schema, base):
        name, k = base, 2
        while name in self.used[schema]:
            name = f"{base}_{k}"
            k += 1
        self.used[schema].add(name)
        return name

    def views(self):
        r = self.r
        nviews = max(1, self.n // 10)
        for j in range(nviews):
            t = r.choice(self.tables)
            schema = t.schema if r.random() < 0.8 else r.choice(SCHEMAS)
            kind = r.choice(["simple", "simple", "join", "join", "aggregate"])
            fk = next(((cols, tgt) for cols, tgt in t.fks if tgt is not t), None)
            if kind == "join" and fk is None:
                kind = "simple"
            if kind == "aggregate" and not t.fks:
                kind = "simple"
            if kind == "simple":
                name = self.view_name(schema, f"{t.name}_view")
                cols = [c[0] for c in t.columns][: r.randint(2, max(2, len(t.columns)))]
                bool_col = next((c[0] for c in t.columns if c[1] == "boolean"), None)
                where = f" WHERE {q(bool_col)}" if bool_col else ""
                body = f"SELECT {', '.join(q(c) for c in cols)} FROM {t.qname}{where}"
            elif kind == "join":
                cols, tgt = fk
                name = self.view_name(schema, f"{t.name}_with_{tgt.name}"[:60])
                left = [c[0] for c in t.columns][:6]
                right = [c[0] for c in tgt.columns if c[0] != "id"][:4]
                outs = [f"a.{q(c)}" for c in left]
                for c in right:
                    alias = f"{tgt.singular[:30]}_{c}"
                    if alias not in left:
                        outs.append(f"b.{q(c)} AS {q(alias)}")
                join = "JOIN" if r.random() < 0.5 else "LEFT JOIN"
                body = (f"SELECT {', '.join(outs)} FROM {t.qname} a {join} {tgt.qname} b "
                        f"ON b.id = a.{q(cols[0])}")
            else:
                cols, tgt = t.fks[0]
                name = self.view_name(schema, f"{t.name}_per_{cols[0]}"[:60])
                body = (f"SELECT {q(cols[0])}, count(*) AS total, max({q(t.columns[-1][0])}::text) AS latest "
                        f"FROM {t.qname} GROUP BY {q(cols[0])}")
            self.w(f"CREATE VIEW {qq(schema, name)} AS {body};")
            if r.random() < 0.2:
                self.w(f"COMMENT ON VIEW {qq(schema, name)} IS {s('A view over ' + t.name)};")
        # two materialized views
        for j, schema in enumerate(SCHEMAS):
            t = next((x for x in self.tables[j::2] if x.fks and x.pk_kind != "composite"), self.tables[0])
            name = self.view_name(schema, f"{t.name}_stats")
            if t.fks:
                key = t.fks[0][0][0]
                body = (f"SELECT {q(key)}, count(*) AS row_count, min(id::text) AS first_id "
                        f"FROM {t.qname} GROUP BY {q(key)}")
            else:
                body = f"SELECT count(*) AS row_count FROM {t.qname}"
            self.w(f"CREATE MATERIALIZED VIEW {qq(schema, name)} AS {body};")

    # -- functions ------------------------------------------------------------------
    def fn_name(self, schema, base):
        name, k = base, 2
        while name in self.fn_names[schema]:
            name = f"{base}_{k}"
            k += 1
        self.fn_names[schema].add(name)
        return name

    def functions(self):
        r = self.r
        nfn = max(1, self.n // 10)
        kinds = ["scalar_sql", "setof", "returns_table", "plpgsql_count", "defaults", "jsonb", "void",
                 "computed", "overload"]
        made = 0
        while made < nfn:
            kind = kinds[made % len(kinds)] if made < len(kinds) else r.choice(kinds)
            t = r.choice([x for x in self.tables if x.pk_kind != "composite"])
            schema = t.schema if r.random() < 0.85 else r.choice(SCHEMAS)
            base = t.singular[:40]
            pkt = t.pk_type()
            if kind == "scalar_sql":
                name = self.fn_name(schema, f"{base}_exists")
                self.w(f"CREATE FUNCTION {qq(schema, name)}(p_id {pkt}) RETURNS boolean LANGUAGE sql STABLE AS "
                       f"$$ SELECT EXISTS (SELECT 1 FROM {t.qname} WHERE id = p_id) $$;")
            elif kind == "setof":
                name = self.fn_name(schema, f"list_{t.name}"[:60])
                self.w(f"CREATE FUNCTION {qq(schema, name)}(p_limit integer DEFAULT 50) RETURNS SETOF {t.qname} "
                       f"LANGUAGE sql STABLE AS $$ SELECT * FROM {t.qname} ORDER BY id LIMIT p_limit $$;")
            elif kind == "returns_table":
                name = self.fn_name(schema, f"search_{t.name}"[:60])
                cols = [c for c in t.columns if c[0] != "id"][:3]
                outs = ", ".join([f"out_id {pkt}"] + [f"{q('out_' + c[0])} {c[1]}" for c in cols])
                sel = ", ".join(["id"] + [q(c[0]) for c in cols])
                self.w(f"CREATE FUNCTION {qq(schema, name)}(p_after {pkt}, p_limit integer DEFAULT 20) "
                       f"RETURNS TABLE ({outs}) LANGUAGE sql STABLE AS "
                       f"$$ SELECT {sel} FROM {t.qname} WHERE id > p_after ORDER BY id LIMIT p_limit $$;")
            elif kind == "plpgsql_count":
                name = self.fn_name(schema, f"count_{t.name}"[:60])
                self.w(f"CREATE FUNCTION {qq(schema, name)}() RETURNS bigint LANGUAGE plpgsql STABLE AS $$\n"
                       f"DECLARE n bigint;\nBEGIN\n  SELECT count(*) INTO n FROM {t.qname};\n  RETURN n;\nEND\n$$;")
            elif kind == "defaults":
                name = self.fn_name(schema, f"{base}_summary")
                self.w(f"CREATE FUNCTION {qq(schema, name)}(p_id {pkt}, p_prefix text DEFAULT '', "
                       f"p_upper boolean DEFAULT false, p_max integer DEFAULT 80) RETURNS text LANGUAGE plpgsql STABLE AS $$\n"
                       f"DECLARE v text;\nBEGIN\n  SELECT p_prefix || id::text INTO v FROM {t.qname} WHERE id = p_id;\n"
                       f"  IF p_upper THEN v := upper(v); END IF;\n  RETURN left(v, p_max);\nEND\n$$;")
            elif kind == "jsonb":
                name = self.fn_name(schema, f"{base}_as_json")
                self.w(f"CREATE FUNCTION {qq(schema, name)}(p_id {pkt}) RETURNS jsonb LANGUAGE sql STABLE AS "
                       f"$$ SELECT to_jsonb(x) FROM {t.qname} x WHERE x.id = p_id $$;")
            elif kind == "void":
                name = self.fn_name(schema, f"touch_{base}")
                self.w(f"CREATE FUNCTION {qq(schema, name)}(p_id {pkt}) RETURNS void LANGUAGE plpgsql AS $$\n"
                       f"BEGIN\n  PERFORM 1 FROM {t.qname} WHERE id = p_id FOR UPDATE;\nEND\n$$;")
            elif kind == "computed":
                name = self.fn_name(schema, f"{base}_label")
                self.w(f"CREATE FUNCTION {qq(schema, name)}(rec {t.qname}) RETURNS text LANGUAGE sql STABLE AS "
                       f"$$ SELECT {s(t.name + '#')} || rec.id::text $$;")
            else:  # overload: same name, two signatures
                name = self.fn_name(schema, f"lookup_{base}")
                self.w(f"CREATE FUNCTION {qq(schema, name)}(p_id {pkt}) RETURNS SETOF {t.qname} LANGUAGE sql STABLE AS "
                       f"$$ SELECT * FROM {t.qname} WHERE id = p_id $$;")
                made += 1
                other = "text" if pkt != "text" else "integer"
                self.w(f"CREATE FUNCTION {qq(schema, name)}(p_key {other}, p_limit integer DEFAULT 10) "
                       f"RETURNS SETOF {t.qname} LANGUAGE sql STABLE AS "
                       f"$$ SELECT * FROM {t.qname} WHERE id::text = p_key::text LIMIT p_limit $$;")
            if r.random() < 0.15:
                self.w(f"COMMENT ON FUNCTION {qq(schema, name)} IS {s('Helper for ' + t.name)};"
                       if kind != "overload" else f"-- overloaded: {name}")
            made += 1

    def run(self):
        self.header()
        for i in range(self.n):
            self.table(i)
        self.w()
        self.views()
        self.w()
        self.functions()
        return "\n".join(self.out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tables", type=int, required=True, help="number of base tables (>= 2)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if a.tables < 2:
        ap.error("--tables must be at least 2")
    sys.stdout.write(Gen(a.tables, a.seed).run())


if __name__ == "__main__":
    main()
