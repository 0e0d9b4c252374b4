// Type test for the nasty_names fixture: reserved words, quoted and unicode names all
// remain usable keys.
import { createClient } from "@supabase/supabase-js"
import type { Database, Tables } from "./database.types"
import { type Same, expectType } from "../assert"

const supabase = createClient<Database>("http://localhost:54321", "anon-key")

type User = Tables<"user">
expectType<Same<User["select"], string | null>>()
expectType<Same<User["type"], Database["public"]["Enums"]["enum"]>>()
expectType<Same<keyof Tables<"UserProfile"> & "source", "source">>()
expectType<Same<keyof Tables<"user_profile"> & "source", "source">>()
expectType<Same<keyof Tables<"user-profile"> & "source", "source">>()

export async function queries() {
  const { data } = await supabase
    .schema("My-Schema")
    .from("Order Items")
    .select("*")
  expectType<Same<typeof data extends unknown[] | null ? true : false, true>>()
  const { data: sel } = await supabase.rpc("select", { type: "t" })
  expectType<Same<typeof sel, string | null>>()
  await supabase.from("café").select("*")
}
