//! Applying the platform baseline, `roles.sql` and the migrations, as the Supabase CLI does:
//! file name order, one transaction per file, as the role `postgres`, with the statements
//! supautils lets `postgres` run switched to the superuser ([`super::privilege`]).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tokio_postgres::Client;

use super::SUPERUSER;
use super::assets::BASELINE;
use super::privilege::{Made, Privilege, classify};
use super::rewrite;
use crate::migrations::{MigrationError, failure, split_statements};

/// The role migrations run as.
pub const MIGRATION_ROLE: &str = "postgres";

/// How often a long run reports progress.
const PROGRESS_EVERY: Duration = Duration::from_secs(1);

/// Applies the baseline scripts as the superuser, statement by statement (so that a failure
/// names its line).
pub async fn baseline(client: &Client) -> Result<(), MigrationError> {
    for (name, sql) in BASELINE {
        let file = PathBuf::from(format!("src/supabase/sql/baseline/{name}"));
        for stmt in split_statements(sql) {
            if let Err(e) = client.batch_execute(stmt.text).await {
                return Err(failure(&file, &stmt, &e));
            }
        }
    }
    Ok(())
}

/// Gives the session (the superuser's, whose role is [`MIGRATION_ROLE`]) the settings a login
/// of [`MIGRATION_ROLE`] gets from `ALTER ROLE ... SET` (its `search_path` above all), as the
/// superuser since some settings need one.
pub async fn login_settings(client: &Client) -> Result<(), tokio_postgres::Error> {
    client
        .batch_execute(&format!(
            "SET ROLE {su};
             SELECT set_config(split_part(s, '=', 1), substr(s, strpos(s, '=') + 1), false)
             FROM pg_db_role_setting d, unnest(d.setconfig) AS s
             WHERE d.setrole = (SELECT oid FROM pg_roles WHERE rolname = '{role}')
               AND d.setdatabase IN (0, (SELECT oid FROM pg_database
                                         WHERE datname = current_database()))
             ORDER BY d.setdatabase;
             SET ROLE {role_ident}",
            su = quote_ident(SUPERUSER),
            role = MIGRATION_ROLE,
            role_ident = quote_ident(MIGRATION_ROLE),
        ))
        .await
}

/// Applies `files` in order on a session of the superuser whose default role is
/// [`MIGRATION_ROLE`], one transaction per file. Skipped statements are added to `warnings`;
/// `progress` hears `applied i/n migrations` about once a second.
pub async fn files(
    client: &Client,
    files: &[PathBuf],
    shims: &[&str],
    warnings: &mut Vec<String>,
    progress: &dyn Fn(&str),
) -> Result<(), MigrationError> {
    let mut last = Instant::now();
    for (i, file) in files.iter().enumerate() {
        apply_file(client, file, shims, warnings).await?;
        if last.elapsed() >= PROGRESS_EVERY {
            progress(&format!("applied {}/{} migrations", i + 1, files.len()));
            last = Instant::now();
        }
    }
    Ok(())
}

async fn apply_file(
    client: &Client,
    file: &Path,
    shims: &[&str],
    warnings: &mut Vec<String>,
) -> Result<(), MigrationError> {
    let sql = std::fs::read_to_string(file).map_err(|source| MigrationError::Read {
        path: file.to_path_buf(),
        source,
    })?;
    let statements = split_statements(&sql);
    let whole = |e: tokio_postgres::Error| MigrationError::Failed {
        file: file.to_path_buf(),
        line: 1,
        message: e.to_string(),
    };
    client.batch_execute("BEGIN").await.map_err(whole)?;
    for stmt in &statements {
        let (privilege, made) = classify(stmt.text);
        let rewritten = shims
            .contains(&"vector")
            .then(|| rewrite::vector_index_options(stmt.text))
            .flatten();
        let text = match rewritten {
            Some((text, warning)) => {
                warnings.push(format!("{}:{}: {warning}", file.display(), stmt.line));
                text
            }
            None => stmt.text.to_string(),
        };
        let done = match privilege {
            Privilege::Owner => client.batch_execute(&text).await,
            Privilege::Superuser => as_superuser(client, &text, made).await,
            Privilege::Skip(why) => {
                warnings.push(format!("{}:{}: skipped: {why}", file.display(), stmt.line));
                Ok(())
            }
        };
        if let Err(e) = done {
            let _ = client.batch_execute("ROLLBACK").await;
            return Err(failure(file, stmt, &e));
        }
    }
    client.batch_execute("COMMIT").await.map_err(whole)
}

/// Runs `statement` as the superuser and then restores the current role; after creating an
/// extension or a foreign-data wrapper, grants `postgres` usage on the wrappers, as supautils
/// does.
async fn as_superuser(
    client: &Client,
    statement: &str,
    made: Made,
) -> Result<(), tokio_postgres::Error> {
    let role: String = client
        .query_one("SELECT current_user::text", &[])
        .await?
        .get(0);
    client
        .batch_execute(&format!("SET ROLE {}", quote_ident(SUPERUSER)))
        .await?;
    let done = client.batch_execute(statement).await;
    let granted = match (&done, made) {
        (Ok(()), Made::Extension | Made::ForeignDataWrapper) => {
            client.batch_execute(GRANT_EXTENSION_OBJECTS).await
        }
        _ => Ok(()),
    };
    // A failed statement aborts the transaction; the run stops there anyway.
    if done.is_ok() {
        client
            .batch_execute(&format!("SET ROLE {}", quote_ident(&role)))
            .await?;
    }
    done.and(granted)
}

/// What supautils gives `postgres` on foreign-data wrappers made by the superuser (a wrapper
/// created by a migration, or by an extension such as postgres_fdw): `USAGE`, with grant
/// option, so that it can create servers on them. (The platform's grants on what extensions
/// make, pg_cron's and pg_net's schemas, come from its event triggers, part of the baseline.)
const GRANT_EXTENSION_OBJECTS: &str = r#"DO $gen_types$
DECLARE
    w text;
BEGIN
    FOR w IN SELECT fdwname FROM pg_foreign_data_wrapper LOOP
        EXECUTE format('GRANT USAGE ON FOREIGN DATA WRAPPER %I TO postgres WITH GRANT OPTION', w);
    END LOOP;
END
$gen_types$"#;

/// `name` as a quoted SQL identifier.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
