// Type test for the views_functions fixture: embedding, views (updatable or not),
// overloaded and set-returning functions through supabase-js.
import { createClient } from "@supabase/supabase-js"
import type { Database, Tables } from "./database.types"
import { type Same, expectType } from "../assert"

const supabase = createClient<Database>("http://localhost:54321", "anon-key")

export async function selects() {
  const { data: books } = await supabase.from("books").select("*")
  type Book = NonNullable<typeof books>[number]
  // select("*") returns the columns; computed fields (functions of a books row) are extra
  // members of Row that are only returned when selected by name.
  expectType<
    Same<
      Omit<Tables<"books">, "average_rating" | "full_title" | "reviews">,
      Book
    >
  >()
  const { data: computed } = await supabase
    .from("books")
    .select("title, average_rating")
  expectType<
    Same<NonNullable<typeof computed>[number]["average_rating"], number | null>
  >()
  expectType<
    Same<Book["genre"], "fiction" | "non_fiction" | "poetry" | "reference">
  >()
  expectType<Same<Book["price"], number | null>>()

  // Many-to-one and one-to-many embedding.
  const { data: withAuthor } = await supabase
    .from("books")
    .select("title, authors(name)")
  type WithAuthor = NonNullable<typeof withAuthor>[number]
  expectType<Same<WithAuthor["authors"], { name: string }>>()
  const { data: withBooks } = await supabase
    .from("authors")
    .select("name, books(title)")
  type WithBooks = NonNullable<typeof withBooks>[number]
  expectType<Same<WithBooks["books"], { title: string }[]>>()

  // Updatable view: columns passed through from books keep NOT NULL; computed ones are nullable.
  const { data: catalog } = await supabase
    .from("books_catalog")
    .select("book_title, price_with_tax")
  type Catalog = NonNullable<typeof catalog>[number]
  expectType<Same<Catalog["book_title"], string>>()
  expectType<Same<Catalog["price_with_tax"], number | null>>()

  // Materialized view in another schema.
  const { data: search } = await supabase
    .schema("reporting")
    .from("book_search")
    .select("title")
  expectType<Same<NonNullable<typeof search>[number]["title"], string>>()
}

export async function writes() {
  await supabase
    .from("books_catalog")
    .insert({ book_title: "New", author_id: 1 })
  await supabase.from("books_catalog").update({ price: 10 }).eq("id", 1)
  await supabase
    .from("books_catalog")
    // @ts-expect-error: a computed view column cannot be written
    .insert({ book_title: "x", price_with_tax: 1 })
  // @ts-expect-error: the aggregate view is not insertable
  await supabase.from("author_stats").insert({ name: "x" })
  // @ts-expect-error: rating is required
  await supabase.from("reviews").insert({ book_id: 1 })
  await supabase.from("reviews").insert({ book_id: 1, rating: 5 })
}

export async function rpc() {
  const { data: count } = await supabase.rpc("book_count", { author_id: 1 })
  expectType<Same<typeof count, number | null>>()
  const { data: summary } = await supabase.rpc("author_summary", {
    min_books: 2,
  })
  type Summary = NonNullable<typeof summary>[number]
  expectType<Same<Summary["author_name"], string>>()
  const { data: byAuthor } = await supabase.rpc("books_by_author", {
    author_id: 1,
  })
  expectType<Same<NonNullable<typeof byAuthor>[number]["title"], string>>()
  // OUT parameters become an object in precise mode.
  const { data: range } = await supabase.rpc("book_price_range", {
    genre: "poetry",
  })
  expectType<Same<NonNullable<typeof range>["min_price"], number>>()
  const { data: tags } = await supabase.rpc("all_tags")
  expectType<Same<typeof tags, string[] | null>>()
  // @ts-expect-error: not a book_genre label
  await supabase.rpc("book_price_range", { genre: "sci-fi" })
}
