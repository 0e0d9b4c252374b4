// Type test for the supabase_app fixture: supabase-js infers exact types from the
// generated Database, rejects invalid writes, and accepts every valid one.
import { createClient } from "@supabase/supabase-js"
import type {
  Database,
  Enums,
  Tables,
  TablesInsert,
  TablesUpdate,
} from "./database.types"
import { Constants } from "./database.types"
import { type Same, expectType } from "../assert"

const supabase = createClient<Database>("http://localhost:54321", "anon-key")

export async function selects() {
  const { data: goals } = await supabase.from("goals").select("*")
  type Goal = NonNullable<typeof goals>[number]
  expectType<Same<Goal, Tables<"goals">>>()
  expectType<
    Same<Goal["status"], "draft" | "active" | "completed" | "archived">
  >()
  expectType<Same<Goal["deleted_at"], string | null>>()
  // Array elements are typed non-null by default, as Supabase types them (a text[] column
  // can hold NULL elements: `typescript.nullable_array_elements = true` types them).
  expectType<Same<Goal["tags"], string[]>>()

  // A CHECK (plan IN (...)) list becomes a literal union.
  const { data: orgs } = await supabase
    .from("organizations")
    .select("id, plan")
    .single()
  expectType<
    Same<NonNullable<typeof orgs>["plan"], "free" | "pro" | "enterprise">
  >()

  // Embedding through a foreign key: many goals to one organization.
  const { data: withOrg } = await supabase
    .from("goals")
    .select("title, organizations(name)")
  type WithOrg = NonNullable<typeof withOrg>[number]
  expectType<Same<WithOrg["title"], string>>()
  expectType<Same<WithOrg["organizations"], { name: string }>>()

  // The view keeps the NOT NULL of goals.title (a plain column reference).
  const { data: active } = await supabase
    .from("active_goals")
    .select("title, due_date")
  type Active = NonNullable<typeof active>[number]
  expectType<Same<Active["title"], string>>()
  expectType<Same<Active["due_date"], string | null>>()

  // Cross-schema: the auth schema's function.
  const { data: uid } = await supabase.schema("auth").rpc("uid")
  expectType<Same<typeof uid, string | null>>()
}

export async function rpc() {
  const { data } = await supabase.rpc("get_goals_for_org", { org_id: 1 })
  expectType<Same<NonNullable<typeof data>[number]["title"], string>>()
  // @ts-expect-error: org_id is required
  await supabase.rpc("get_goals_for_org", {})
  // @ts-expect-error: wrong argument type
  await supabase.rpc("get_goals_for_org", { org_id: "one" })
}

export async function writes() {
  // Valid writes need no @ts-expect-error.
  const insert: TablesInsert<"goals"> = { organization_id: 1, title: "Ship it" }
  await supabase.from("goals").insert(insert)
  await supabase
    .from("goals")
    .insert([{ organization_id: 1, title: "a", status: "active" }])
  const update: TablesUpdate<"goals"> = {
    status: "completed",
    deleted_at: null,
  }
  await supabase.from("goals").update(update).eq("id", 1)
  await supabase
    .from("organizations")
    .insert({ name: "Acme", slug: "acme", plan: "pro" })

  // @ts-expect-error: identity ALWAYS column cannot be inserted
  await supabase.from("goals").insert({ id: 5, organization_id: 1, title: "x" })
  // @ts-expect-error: title is required
  await supabase.from("goals").insert({ organization_id: 1 })
  await supabase
    .from("goals")
    // @ts-expect-error: not a goal_status label
    .insert({ organization_id: 1, title: "x", status: "done" })
  await supabase
    .from("organizations")
    // @ts-expect-error: not in the CHECK list
    .insert({ name: "Acme", slug: "acme", plan: "gold" })
}

expectType<Same<Enums<"goal_priority">, "low" | "medium" | "high" | "urgent">>()
expectType<
  Same<
    (typeof Constants)["public"]["Enums"]["goal_status"],
    readonly ["draft", "active", "completed", "archived"]
  >
>()
