// Type test for the compat_cases fixture (precise mode): views written through INSTEAD OF
// triggers and rules, partitions folded into their parent, fixed-length and bit-string
// types, and an enum from a schema that is not exposed.
import { createClient } from "@supabase/supabase-js"
import type { Database, Tables } from "./database.types"
import { type Same, expectType } from "../assert"

const supabase = createClient<Database>("http://localhost:54321", "anon-key")
const shop = supabase.schema("shop")

export async function writesThroughTriggers() {
  // INSTEAD OF INSERT OR UPDATE OR DELETE: every column can be written.
  await shop.from("items_all_ops").insert({ name: "pen", total: 3 })
  await shop.from("items_all_ops").update({ price: 2 }).eq("id", 1)
  await shop.from("items_all_ops").delete().eq("id", 1)
  // INSTEAD OF INSERT only.
  await shop.from("items_insert_only").insert({ name: "ink", price: 1 })
  // @ts-expect-error: no INSTEAD OF UPDATE trigger, and the view is not updatable
  await shop.from("items_insert_only").update({ price: 1 })
  // INSTEAD OF UPDATE only.
  await shop.from("items_update_only").update({ name: "x" }).eq("id", 1)
  // @ts-expect-error: no INSTEAD OF INSERT trigger
  await shop.from("items_update_only").insert({ name: "x" })
  // An unconditional DO INSTEAD rule for INSERT.
  await shop.from("items_by_rule").insert({ name: "cap" })
  // An updatable view with a computed column and an INSTEAD OF INSERT trigger: the trigger
  // takes the whole row on INSERT; an UPDATE goes to the table, where the column cannot be set.
  await shop.from("items_mixed").insert({ name: "a", double_price: 4 })
  // @ts-expect-error: double_price is computed and UPDATE has no trigger
  await shop.from("items_mixed").update({ double_price: 4 })
}

export async function partitionsAndTypes() {
  // Partitions are folded into their parent in precise mode.
  expectType<Same<Extract<keyof Database["public"]["Tables"], "events_2024">, never>>()
  const { data: events } = await supabase.from("events").select("region, id")
  expectType<Same<NonNullable<typeof events>[number]["region"], string>>()
  const { data: codes } = await supabase.from("codes").select("*")
  type Code = NonNullable<typeof codes>[number]
  expectType<Same<Code["code"], string>>()
  expectType<Same<Code["mask"], string>>()
  expectType<Same<Code["doc"], string | null>>()
  expectType<Same<Code["codes"], string[] | null>>()
  // hidden.tier is not exposed: its labels are inlined.
  expectType<Same<Tables<"codes">["tier"], "free" | "pro" | null>>()
}
