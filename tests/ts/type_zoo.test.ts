// Type test for the type_zoo fixture: what PostgREST returns for every type category,
// domains resolved to their base types, identity and generated columns.
import { createClient } from "@supabase/supabase-js"
import type {
  Database,
  Tables,
  TablesInsert,
  TablesUpdate,
  CompositeTypes,
} from "./database.types"
import { type Same, expectType } from "../assert"

const supabase = createClient<Database>("http://localhost:54321", "anon-key")

type All = Tables<"all_types">
expectType<Same<All["c_int8"], number | null>>()
// Declared dimensions are kept; array elements are non-null by default.
expectType<Same<All["c_int4_2d"], number[][] | null>>()
expectType<Same<All["c_interval"], string | null>>()
expectType<Same<All["c_int4range"], string | null>>()
expectType<Same<All["c_citext"], string | null>>()
expectType<Same<All["c_mood_arr"], ("sad" | "ok" | "happy")[] | null>>()

type Domains = Tables<"domain_columns">
// A NOT NULL domain makes the column non-null; domains resolve to their base type.
expectType<Same<Domains["required"], string>>()
// A domain over a NOT NULL domain is NOT NULL too (Postgres checks the base domain).
expectType<Same<Domains["short"], string>>()
expectType<Same<Domains["ints"], number[] | null>>()
expectType<
  Same<Domains["shipping_address"], CompositeTypes<"address"> | null>
>()

// hstore: read as the object to_jsonb writes, written as hstore text (`"a"=>"1"`), the
// only form PostgREST's json_populate_record accepts.
expectType<
  Same<Tables<"contrib_types">["c_hstore"], Record<string, string | null> | null>
>()
expectType<
  Same<TablesInsert<"contrib_types">["c_hstore"], string | null | undefined>
>()
expectType<
  Same<TablesUpdate<"contrib_types">["c_hstore"], string | null | undefined>
>()

type Gen = TablesInsert<"defaults_and_generated">
expectType<Same<Gen["full_name"], undefined>>()
expectType<Same<Gen["id"], undefined>>()

export async function writes() {
  await supabase.from("defaults_and_generated").insert({ first_name: "Ada" })
  await supabase
    .from("defaults_and_generated")
    .insert({ first_name: "Ada", external_id: 7 })
  await supabase
    .from("defaults_and_generated")
    // @ts-expect-error: generated column
    .insert({ first_name: "Ada", full_name: "x" })
  await supabase
    .from("defaults_and_generated")
    // @ts-expect-error: identity ALWAYS
    .insert({ first_name: "Ada", id: 1 })
  await supabase
    .from("defaults_and_generated")
    // @ts-expect-error: generated column in an update
    .update({ line_total: 3 })
    .eq("id", 1)
  const { data } = await supabase
    .schema("extra")
    .from("stores")
    .select("name, mood")
  expectType<
    Same<
      NonNullable<typeof data>[number]["mood"],
      "sad" | "ok" | "happy" | null
    >
  >()
}

export type Checked = Database
