-- Full-text search over notes, as an RPC function.
create extension if not exists pg_trgm with schema extensions;

create index notes_title_trgm on public.notes using gin (title extensions.gin_trgm_ops);

create function public.search_notes(query text, max_results int default 20)
returns setof public.notes
language sql stable as $$
  select * from public.notes
  where title operator(extensions.%) query or body ilike '%' || query || '%'
  order by extensions.similarity(title, query) desc
  limit max_results;
$$;
