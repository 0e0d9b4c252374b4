//! Connecting: a URL or key=value string, the libpq environment variables and ~/.pgpass,
//! resolved into a tokio-postgres config plus the TLS settings tokio-postgres cannot parse.
//!
//! Precedence follows libpq: what the connection string says, then `PG*` variables, then
//! defaults. The password is never part of any text this module produces.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use tokio_postgres::config::{Host, SslMode as PgSslMode};

use super::Error;
use super::tls;

/// libpq's `sslmode`, including the verifying modes tokio-postgres does not parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    /// No TLS.
    Disable,
    /// TLS if the server offers it, unverified (also used for libpq's `allow`).
    Prefer,
    /// TLS required, certificate not verified.
    Require,
    /// TLS required, certificate chain verified against the root certificates.
    VerifyCa,
    /// TLS required, chain and host name verified.
    VerifyFull,
}

impl SslMode {
    fn parse(s: &str) -> Result<Self, Error> {
        Ok(match s {
            "disable" => Self::Disable,
            "allow" | "prefer" => Self::Prefer,
            "require" => Self::Require,
            "verify-ca" => Self::VerifyCa,
            "verify-full" => Self::VerifyFull,
            other => {
                return Err(Error::Config(format!(
                    "invalid sslmode `{other}` (expected disable, allow, prefer, require, verify-ca or verify-full)"
                )));
            }
        })
    }
}

/// A resolved connection: where, as whom, and how.
#[derive(Clone)]
pub struct ConnectOptions {
    pub(crate) config: tokio_postgres::Config,
    pub(crate) ssl_mode: SslMode,
    pub(crate) ssl_root_cert: Option<PathBuf>,
    /// Statement timeout for the catalog queries.
    pub statement_timeout: Duration,
    /// What resolving met that the user should know (an ignored password file).
    pub(crate) warnings: Vec<String>,
}

impl std::fmt::Debug for ConnectOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ConnectOptions({})", self.describe())
    }
}

/// Where the values of the `PG*` variables come from (the process environment, or a map in
/// tests).
pub trait Env {
    /// The value of the variable, if set and not empty.
    fn var(&self, name: &str) -> Option<String>;
}

/// The process environment.
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }
}

impl ConnectOptions {
    /// Resolves a connection string (URL or key=value; `None` or empty for "only the
    /// environment") against the `PG*` variables of the process and ~/.pgpass.
    pub fn resolve(conn: Option<&str>) -> Result<Self, Error> {
        Self::resolve_with(conn, &ProcessEnv)
    }

    /// [`ConnectOptions::resolve`] with an explicit environment.
    pub fn resolve_with(conn: Option<&str>, env: &dyn Env) -> Result<Self, Error> {
        let conn = conn.unwrap_or("").trim();
        check_url_shape(conn)?;
        let (rest, extracted) = extract_ssl_params(conn)?;
        let mut config = tokio_postgres::Config::from_str(&rest).map_err(|e| {
            let text = source_text(&e);
            let text = text
                .strip_prefix("invalid connection string: ")
                .unwrap_or(&text);
            Error::Config(format!("invalid connection string: {text}"))
        })?;
        fill_from_env(&mut config, env)?;
        let mut warnings = Vec::new();
        if config.get_password().is_none() {
            if let Some(pw) = env.var("PGPASSWORD") {
                config.password(pw);
            } else if let Some(pw) = pgpass_lookup(&config, env, &mut warnings) {
                config.password(pw);
            }
        }
        let (ssl_mode, ssl_root_cert) = tls_settings(extracted, env)?;
        config.ssl_mode(match ssl_mode {
            SslMode::Disable => PgSslMode::Disable,
            SslMode::Prefer => PgSslMode::Prefer,
            _ => PgSslMode::Require,
        });
        Ok(Self {
            config,
            ssl_mode,
            ssl_root_cert,
            statement_timeout: Duration::from_secs(60),
            warnings,
        })
    }

    /// What resolving met that the user should know (for example a password file that was
    /// ignored because others may read it).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The connect timeout: the bound of everything before the first answer to a query
    /// (TCP, TLS, startup and authentication, and the first query).
    pub fn connect_timeout(&self) -> Duration {
        self.config
            .get_connect_timeout()
            .copied()
            .unwrap_or(Duration::from_secs(10))
    }

    /// `user@host:port/dbname` — for messages; never includes the password.
    pub fn describe(&self) -> String {
        let host = self
            .config
            .get_hosts()
            .iter()
            .map(|h| match h {
                Host::Tcp(h) => h.clone(),
                Host::Unix(p) => p.display().to_string(),
            })
            .collect::<Vec<_>>()
            .join(",");
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        let user = self.config.get_user().unwrap_or("?");
        let db = self.config.get_dbname().unwrap_or(user);
        format!("{user}@{host}:{port}/{db}")
    }

    /// Connects and spawns the connection task on the current tokio runtime. TCP, TLS,
    /// startup and authentication together take at most [`Self::connect_timeout`].
    pub async fn connect(&self) -> Result<tokio_postgres::Client, Error> {
        let limit = self.connect_timeout();
        tokio::time::timeout(limit, self.handshake())
            .await
            .unwrap_or_else(|_| {
                Err(Error::Timeout {
                    target: self.describe(),
                    after: limit,
                })
            })
    }

    async fn handshake(&self) -> Result<tokio_postgres::Client, Error> {
        let wrap = |source: tokio_postgres::Error| Error::Connect {
            target: self.describe(),
            source,
        };
        let client = match self.ssl_mode {
            SslMode::Disable => {
                let (client, conn) = self
                    .config
                    .connect(tokio_postgres::NoTls)
                    .await
                    .map_err(wrap)?;
                tokio::spawn(conn);
                client
            }
            mode => {
                let connector = tls::connector(mode, self.ssl_root_cert.as_deref())?;
                let (client, conn) = self.config.connect(connector).await.map_err(wrap)?;
                tokio::spawn(conn);
                client
            }
        };
        Ok(client)
    }
}

/// The display text of an error's source chain (tokio-postgres's own text is often just
/// "invalid configuration").
fn source_text(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        text.push_str(": ");
        text.push_str(&s.to_string());
        cur = s.source();
    }
    text
}

/// Refuses connection URLs whose shape would leak or mislead: a scheme other than
/// `postgres://` and `postgresql://` (a typo would otherwise be read as a key=value string and
/// echoed), and an `@` or `/` in the user info (libpq and tokio-postgres end the user info at
/// the first `@` and the host at the first `/`, so the rest of the password would become the
/// host or database name, and be printed as such).
fn check_url_shape(conn: &str) -> Result<(), Error> {
    let Some((scheme, rest)) = conn.split_once("://") else {
        return Ok(());
    };
    let is_scheme = !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        return Ok(());
    }
    if scheme != "postgres" && scheme != "postgresql" {
        let shown: String = scheme.chars().take(20).collect();
        return Err(Error::Config(format!(
            "invalid connection URL: unknown scheme `{shown}://` (expected postgres:// or postgresql://)"
        )));
    }
    let before_query = rest.split(['?', '#']).next().unwrap_or(rest);
    if let Some(last_at) = before_query.rfind('@')
        && before_query[..last_at].contains(['@', '/'])
    {
        return Err(Error::Config(
            "invalid connection URL: the user name or password holds an unencoded `@` or `/`; write them as %40 and %2F".into(),
        ));
    }
    Ok(())
}

/// libpq's default host: the Unix socket directory if the server's socket is there,
/// else localhost.
fn default_host(port: u16) -> String {
    for dir in ["/var/run/postgresql", "/tmp"] {
        if Path::new(dir).join(format!(".s.PGSQL.{port}")).exists() {
            return dir.to_string();
        }
    }
    "localhost".to_string()
}

/// The settings of a key=value connection string that libpq knows.
const KEYWORDS: &[&str] = &[
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "password",
    "passfile",
    "connect_timeout",
    "client_encoding",
    "options",
    "application_name",
    "fallback_application_name",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_count",
    "tcp_user_timeout",
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "channel_binding",
    "target_session_attrs",
    "load_balance_hosts",
    "service",
];

#[derive(Default)]
struct SslParams {
    ssl_mode: Option<String>,
    ssl_root_cert: Option<String>,
}

/// Fills in what the connection string left out as libpq does: hosts, port, user, database
/// and application name from `PG*` variables (else libpq's defaults), and the connect
/// timeout (`PGCONNECT_TIMEOUT`, else 10 s; 0 means a minute here, and at least 2 s).
fn fill_from_env(config: &mut tokio_postgres::Config, env: &dyn Env) -> Result<(), Error> {
    if config.get_hosts().is_empty() {
        match env.var("PGHOST") {
            Some(hosts) => {
                for h in hosts.split(',') {
                    config.host(h);
                }
            }
            None => {
                let port = env
                    .var("PGPORT")
                    .and_then(|p| p.parse::<u16>().ok())
                    .unwrap_or(5432);
                config.host(default_host(port).as_str());
            }
        }
    }
    if config.get_ports().is_empty()
        && let Some(port) = env.var("PGPORT")
    {
        let port = port
            .parse::<u16>()
            .map_err(|_| Error::Config(format!("invalid PGPORT `{port}`")))?;
        config.port(port);
    }
    if config.get_user().is_none() {
        let user = env
            .var("PGUSER")
            .or_else(|| env.var("USER"))
            .or_else(|| env.var("LOGNAME"))
            .unwrap_or_else(|| "postgres".into());
        config.user(&user);
    }
    if config.get_dbname().is_none()
        && let Some(db) = env.var("PGDATABASE")
    {
        config.dbname(&db);
    }
    if config.get_application_name().is_none() {
        config.application_name(env.var("PGAPPNAME").unwrap_or_else(|| "gen-types".into()));
    }
    if config.get_connect_timeout().is_none() {
        let secs = match env.var("PGCONNECT_TIMEOUT") {
            Some(s) => s
                .parse::<u64>()
                .map_err(|_| Error::Config(format!("invalid PGCONNECT_TIMEOUT `{s}`")))?,
            None => 10,
        };
        // libpq treats 0 as "wait forever"; gen-types caps it anyway at a minute.
        let secs = if secs == 0 { 60 } else { secs.max(2) };
        config.connect_timeout(Duration::from_secs(secs));
    }
    Ok(())
}

/// The TLS mode and root certificate: the connection string's, else `PGSSLMODE` (default
/// `prefer`) and `PGSSLROOTCERT`.
fn tls_settings(extracted: SslParams, env: &dyn Env) -> Result<(SslMode, Option<PathBuf>), Error> {
    let ssl_mode = match extracted.ssl_mode.or_else(|| env.var("PGSSLMODE")) {
        Some(m) => SslMode::parse(&m)?,
        None => SslMode::Prefer,
    };
    let ssl_root_cert = extracted
        .ssl_root_cert
        .or_else(|| env.var("PGSSLROOTCERT"))
        .map(PathBuf::from);
    // libpq: `require` with a root certificate present behaves like `verify-ca`.
    if ssl_mode == SslMode::Require && ssl_root_cert.is_some() {
        return Ok((SslMode::VerifyCa, ssl_root_cert));
    }
    Ok((ssl_mode, ssl_root_cert))
}

/// Removes `sslmode` and `sslrootcert` from a URL's query or a key=value string, because
/// tokio-postgres rejects `verify-ca`, `verify-full` and `sslrootcert`.
fn extract_ssl_params(conn: &str) -> Result<(String, SslParams), Error> {
    if conn.starts_with("postgres://") || conn.starts_with("postgresql://") {
        return Ok(extract_from_url(conn));
    }
    let mut params = SslParams::default();
    let mut kept = Vec::new();
    let mut chars = conn.chars().peekable();
    while let Some(KeywordPair { key, raw, value }) = next_keyword_pair(&mut chars)? {
        match key.as_str() {
            "sslmode" => params.ssl_mode = Some(value),
            "sslrootcert" => params.ssl_root_cert = Some(value),
            _ => kept.push(format!("{key}={raw}")),
        }
    }
    Ok((kept.join(" "), params))
}

/// [`extract_ssl_params`] of a URL: the TLS settings are query parameters.
fn extract_from_url(conn: &str) -> (String, SslParams) {
    let mut params = SslParams::default();
    let Some((base, query)) = conn.split_once('?') else {
        return (conn.to_string(), params);
    };
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "sslmode" => params.ssl_mode = Some(percent_decode(v)),
            "sslrootcert" => params.ssl_root_cert = Some(percent_decode(v)),
            _ => kept.push(pair),
        }
    }
    let rest = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    (rest, params)
}

/// One `key=value` of a keyword/value connection string.
struct KeywordPair {
    key: String,
    /// The value as written (quotes and escapes kept), to pass on unchanged.
    raw: String,
    /// The value as meant (quotes and escapes removed).
    value: String,
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_whitespace(chars: &mut Chars) {
    while chars.peek().is_some_and(|c| c.is_whitespace()) {
        chars.next();
    }
}

/// The next `key=value` (values optionally single-quoted with `\` escapes); `None` at the end.
fn next_keyword_pair(chars: &mut Chars) -> Result<Option<KeywordPair>, Error> {
    skip_whitespace(chars);
    if chars.peek().is_none() {
        return Ok(None);
    }
    let mut key = String::new();
    while let Some(&c) = chars.peek() {
        if c == '=' || c.is_whitespace() {
            break;
        }
        key.push(c);
        chars.next();
    }
    skip_whitespace(chars);
    if chars.next() != Some('=') {
        // The word may be a piece of a password with an unquoted space: name it only
        // when it is a setting's name.
        return Err(Error::Config(if KEYWORDS.contains(&key.as_str()) {
            format!("invalid connection string: missing `=` after `{key}`")
        } else {
            "invalid connection string: a word without `=` (quote a value holding spaces: key='a b')".into()
        }));
    }
    skip_whitespace(chars);
    let (raw, value) = if chars.peek() == Some(&'\'') {
        quoted_value(chars)?
    } else {
        let mut value = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            value.push(c);
            chars.next();
        }
        (value.clone(), value)
    };
    Ok(Some(KeywordPair { key, raw, value }))
}

/// A single-quoted value at `chars`: (as written, as meant).
fn quoted_value(chars: &mut Chars) -> Result<(String, String), Error> {
    let mut raw = String::from('\'');
    let mut value = String::new();
    chars.next();
    loop {
        match chars.next() {
            Some('\\') => {
                let c = chars.next().unwrap_or('\\');
                raw.push('\\');
                raw.push(c);
                value.push(c);
            }
            Some('\'') => {
                raw.push('\'');
                return Ok((raw, value));
            }
            Some(c) => {
                raw.push(c);
                value.push(c);
            }
            None => {
                return Err(Error::Config(
                    "invalid connection string: unterminated quote".into(),
                ));
            }
        }
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Finds a password in the password file (`PGPASSFILE` or ~/.pgpass) for the first host.
/// Like libpq, a file that is not a plain file, or that its group or others may read, is
/// ignored (with a warning for the latter).
fn pgpass_lookup(
    config: &tokio_postgres::Config,
    env: &dyn Env,
    warnings: &mut Vec<String>,
) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let path = match env.var("PGPASSFILE") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env.var("HOME")?).join(".pgpass"),
    };
    let meta = std::fs::metadata(&path).ok()?;
    if !meta.is_file() {
        return None;
    }
    if meta.permissions().mode() & 0o077 != 0 {
        warnings.push(format!(
            "password file {} is ignored: it has group or world access; permissions should be u=rw (0600) or less",
            path.display()
        ));
        return None;
    }
    let text = std::fs::read_to_string(&path).ok()?;
    let host = match config.get_hosts().first()? {
        Host::Tcp(h) => h.clone(),
        // libpq matches socket connections against "localhost".
        Host::Unix(_) => "localhost".to_string(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let user = config.get_user()?.to_string();
    let db = config.get_dbname().unwrap_or(&user).to_string();
    pgpass_match(&text, &[&host, &port, &db, &user])
}

/// The password of the first line of a .pgpass text that matches host, port, database and
/// user (`*` matches anything; `\:` and `\\` are escapes).
fn pgpass_match(text: &str, wanted: &[&str; 4]) -> Option<String> {
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = Vec::new();
        let mut cur = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => cur.push(chars.next().unwrap_or('\\')),
                ':' if fields.len() < 4 => fields.push(std::mem::take(&mut cur)),
                _ => cur.push(c),
            }
        }
        fields.push(cur);
        if fields.len() != 5 {
            continue;
        }
        if fields[..4]
            .iter()
            .zip(wanted)
            .all(|(f, w)| f == "*" || f == w)
        {
            return Some(fields[4].clone());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct MapEnv(HashMap<&'static str, String>);
    impl Env for MapEnv {
        fn var(&self, name: &str) -> Option<String> {
            self.0.get(name).cloned()
        }
    }

    #[test]
    fn url_with_verify_full_and_root_cert() {
        let env = MapEnv(HashMap::new());
        let o = ConnectOptions::resolve_with(
            Some("postgres://u:secret@db.example:6543/app?sslmode=verify-full&sslrootcert=%2Ftmp%2Fca.pem&application_name=x"),
            &env,
        )
        .unwrap();
        assert_eq!(o.ssl_mode, SslMode::VerifyFull);
        assert_eq!(o.ssl_root_cert.as_deref(), Some(Path::new("/tmp/ca.pem")));
        assert_eq!(o.describe(), "u@db.example:6543/app");
        assert!(!format!("{o:?}").contains("secret"));
        assert_eq!(o.config.get_application_name(), Some("x"));
    }

    #[test]
    fn key_value_with_quotes_and_env_fallbacks() {
        let env = MapEnv(HashMap::from([
            ("PGPORT", "6000".to_string()),
            ("PGSSLMODE", "verify-ca".to_string()),
            ("PGPASSWORD", "pw".to_string()),
        ]));
        let o = ConnectOptions::resolve_with(Some("host=h1 user='a b' dbname=d"), &env).unwrap();
        assert_eq!(o.describe(), "a b@h1:6000/d");
        assert_eq!(o.ssl_mode, SslMode::VerifyCa);
        assert_eq!(o.config.get_password(), Some(&b"pw"[..]));
        assert_eq!(o.config.get_application_name(), Some("gen-types"));
    }

    #[test]
    fn keyword_strings_keep_quoted_values_as_written_and_take_out_tls_settings() {
        let (rest, params) = extract_ssl_params(
            "host=h  password='it\\'s a\\\\b' sslmode = 'verify-full' sslrootcert='/a b.pem'",
        )
        .unwrap();
        assert_eq!(rest, "host=h password='it\\'s a\\\\b'");
        assert_eq!(params.ssl_mode.as_deref(), Some("verify-full"));
        assert_eq!(params.ssl_root_cert.as_deref(), Some("/a b.pem"));
        for (conn, expected) in [
            ("host=h password='open", "unterminated quote"),
            ("host h", "missing `=` after `host`"),
            ("host=h secret-word", "a word without `=`"),
        ] {
            let e = extract_ssl_params(conn).err().map(|e| e.to_string());
            assert!(
                e.as_deref().is_some_and(|e| e.contains(expected)),
                "{conn}: {e:?}"
            );
            assert!(!e.unwrap_or_default().contains("secret"), "{conn}");
        }
    }

    #[test]
    fn require_with_root_cert_verifies_ca_like_libpq() {
        let env = MapEnv(HashMap::new());
        let o =
            ConnectOptions::resolve_with(Some("host=h sslmode=require sslrootcert=/x.pem"), &env)
                .unwrap();
        assert_eq!(o.ssl_mode, SslMode::VerifyCa);
    }

    #[test]
    fn bad_sslmode_is_a_config_error() {
        let env = MapEnv(HashMap::new());
        let e = ConnectOptions::resolve_with(Some("host=h sslmode=sometimes"), &env).unwrap_err();
        assert!(e.to_string().contains("invalid sslmode `sometimes`"), "{e}");
    }

    #[test]
    fn scheme_typos_and_unencoded_at_signs_are_refused_without_the_password() {
        let env = MapEnv(HashMap::new());
        for (conn, expected) in [
            (
                "postgress://alice:pw-secret@db/app",
                "unknown scheme `postgress://`",
            ),
            ("postgres://alice:p@w-secret@db/app", "unencoded `@` or `/`"),
            (
                "postgres://alice:12/w-secret@db/app",
                "unencoded `@` or `/`",
            ),
            (
                "postgresql://alice:p@w-secret@db/app?sslmode=require",
                "unencoded `@` or `/`",
            ),
        ] {
            let e = ConnectOptions::resolve_with(Some(conn), &env)
                .unwrap_err()
                .to_string();
            assert!(e.contains(expected), "{e}");
            assert!(!e.contains("secret") && !e.contains("alice"), "{e}");
        }
        let o = ConnectOptions::resolve_with(
            Some("postgres://alice:p%40w@db/app?application_name=a@b"),
            &env,
        );
        assert_eq!(o.unwrap().config.get_password(), Some(&b"p@w"[..]));
    }

    #[test]
    fn a_password_with_an_unquoted_space_is_not_echoed() {
        let env = MapEnv(HashMap::new());
        let e = ConnectOptions::resolve_with(Some("host=h password=two words"), &env)
            .unwrap_err()
            .to_string();
        assert!(!e.contains("words") && e.contains("quote a value"), "{e}");
        let e = ConnectOptions::resolve_with(Some("host h"), &env)
            .unwrap_err()
            .to_string();
        assert!(e.contains("missing `=` after `host`"), "{e}");
    }

    #[test]
    fn a_pgpass_file_others_may_read_is_ignored_with_a_warning() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgpass");
        std::fs::write(&file, "*:*:*:*:from-the-file\n").unwrap();
        let env = MapEnv(HashMap::from([("PGPASSFILE", file.display().to_string())]));
        for (mode, used) in [(0o600, true), (0o400, true), (0o644, false), (0o640, false)] {
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode)).unwrap();
            let o = ConnectOptions::resolve_with(Some("host=h user=u"), &env).unwrap();
            assert_eq!(o.config.get_password().is_some(), used, "{mode:o}");
            assert_eq!(o.warnings().len(), usize::from(!used), "{mode:o}");
            if !used {
                assert!(o.warnings()[0].contains("group or world access"));
            }
        }
    }

    #[test]
    fn pgpass_wildcards_and_escapes() {
        let text = "# comment\nother:*:*:*:no\nh\\:x:5432:*:bob:p\\:w\n*:*:*:*:fallback\n";
        assert_eq!(
            pgpass_match(text, &["h:x", "5432", "db", "bob"]).as_deref(),
            Some("p:w")
        );
        assert_eq!(
            pgpass_match(text, &["z", "1", "db", "amy"]).as_deref(),
            Some("fallback")
        );
    }
}
