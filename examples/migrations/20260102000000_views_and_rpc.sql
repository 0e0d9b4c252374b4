-- A view of open tasks and an RPC that counts them per project.
CREATE VIEW public.open_tasks AS
    SELECT t.id, t.project_id, t.title, t.status
    FROM public.tasks t
    WHERE t.status <> 'done';

CREATE FUNCTION public.open_task_count(project bigint)
RETURNS integer
LANGUAGE sql STABLE
AS $$ SELECT count(*)::integer FROM public.open_tasks WHERE project_id = project $$;
COMMENT ON FUNCTION public.open_task_count(bigint) IS 'Number of tasks not done yet.';
