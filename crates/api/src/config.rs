//! Typed configuration from the environment (or flags). Every variable is listed with its
//! default in `.env.example`; `samenstad serve --help` shows them too.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

/// Database settings, shared by every command.
#[derive(Debug, Clone, Args)]
pub struct DbConfig {
    /// PostgreSQL connection URL.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/samenstad",
        hide_env_values = true
    )]
    pub database_url: String,
    /// Maximum connections in the pool (on 2 cores about 2 × cores + 1 is the sweet spot).
    #[arg(long, env = "SAMENSTAD_DB_POOL_SIZE", default_value_t = 6)]
    pub db_pool_size: u32,
    /// How long a request waits for a database connection before it gets a 503, in ms.
    #[arg(long, env = "SAMENSTAD_DB_TIMEOUT_MS", default_value_t = 2000)]
    pub db_timeout_ms: u64,
    /// Keep statements prepared by name on each connection (faster). Turn it off behind
    /// PgBouncer in transaction mode older than 1.21 or without `max_prepared_statements`.
    #[arg(long, env = "SAMENSTAD_DB_STATEMENT_CACHE", default_value_t = true, action = clap::ArgAction::Set)]
    pub db_statement_cache: bool,
    /// A streaming replica for public reads that may lag a few seconds (venue search, public
    /// lists, open data); never for a read that must see the caller's own write. Unset, or
    /// while the replica does not answer: everything reads from `DATABASE_URL`.
    #[arg(long, env = "SAMENSTAD_DATABASE_REPLICA_URL", hide_env_values = true)]
    pub database_replica_url: Option<String>,
}

impl DbConfig {
    /// The pool's connection timeout.
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.db_timeout_ms)
    }
}

/// Log output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line (for log collectors).
    Json,
}

/// Logging settings.
#[derive(Debug, Clone, Args)]
pub struct LogConfig {
    /// Log filter (tracing `EnvFilter` syntax), e.g. `info` or `samenstad_api=debug,info`.
    #[arg(long, env = "SAMENSTAD_LOG", default_value = "info")]
    pub log: String,
    /// Log format.
    #[arg(long, env = "SAMENSTAD_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

/// Authentication and security settings.
#[derive(Clone, Args)]
pub struct AuthConfig {
    /// Secret that signs access tokens (HS256), at least 32 bytes. Unset: a random secret per
    /// start (tokens end with a restart; fine for one instance, not for several).
    #[arg(long, env = "SAMENSTAD_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,
    /// Several instances serve this database side by side (behind a load balancer). Then
    /// `SAMENSTAD_JWT_SECRET` is required: every instance must sign sessions and one-time links
    /// with the same secret, or a session made on one fails on the next.
    #[arg(long, env = "SAMENSTAD_CLUSTER", default_value_t = false, action = clap::ArgAction::Set)]
    pub cluster: bool,
    /// `iss` of access tokens.
    #[arg(long, env = "SAMENSTAD_JWT_ISSUER", default_value = "samenstad")]
    pub issuer: String,
    /// `aud` of access tokens.
    #[arg(long, env = "SAMENSTAD_JWT_AUDIENCE", default_value = "samenstad-api")]
    pub audience: String,
    /// Lifetime of access tokens in seconds (at most 900).
    #[arg(long, env = "SAMENSTAD_ACCESS_TTL_S", default_value_t = 900, value_parser = clap::value_parser!(i64).range(30..=900))]
    pub access_ttl_s: i64,
    /// Lifetime of refresh tokens in days.
    #[arg(long, env = "SAMENSTAD_REFRESH_TTL_DAYS", default_value_t = 30)]
    pub refresh_ttl_days: i64,
    /// Mark the refresh cookie `Secure` (browsers accept it on http://localhost too).
    #[arg(long, env = "SAMENSTAD_COOKIE_SECURE", default_value_t = true, action = clap::ArgAction::Set)]
    pub cookie_secure: bool,
    /// Public base URL of the web app, used in links in e-mails.
    #[arg(
        long,
        env = "SAMENSTAD_PUBLIC_URL",
        default_value = "http://localhost:8080"
    )]
    pub public_url: String,
    /// The municipality (its slug) served at host names no municipality lists (see
    /// `samenstad import wijken --host`); empty: such hosts get 404.
    #[arg(long, env = "SAMENSTAD_DEFAULT_MUNICIPALITY", default_value = "gent")]
    pub default_municipality: String,
    /// Failed logins per account and client address before 429.
    #[arg(long, env = "SAMENSTAD_LOGIN_MAX_FAILURES", default_value_t = 5)]
    pub login_max_failures: i32,
    /// Window of the login limit in seconds; the limit lifts when it ends (no permanent lockout).
    #[arg(long, env = "SAMENSTAD_LOGIN_WINDOW_S", default_value_t = 900)]
    pub login_window_s: i64,
    /// Password hashes computed at the same time (each takes ~19 MiB and a core for ~50 ms).
    #[arg(long, env = "SAMENSTAD_HASH_CONCURRENCY", default_value_t = 2)]
    pub hash_concurrency: usize,
    /// Argon2id memory in KiB (OWASP: 19456).
    #[arg(long, env = "SAMENSTAD_ARGON2_MEMORY_KIB", default_value_t = 19456)]
    pub argon2_memory_kib: u32,
    /// Argon2id iterations (OWASP: 2).
    #[arg(long, env = "SAMENSTAD_ARGON2_ITERATIONS", default_value_t = 2)]
    pub argon2_iterations: u32,
    /// Origins allowed to call the API from a browser (comma-separated); empty: same origin only.
    #[arg(
        long,
        env = "SAMENSTAD_CORS_ORIGINS",
        value_delimiter = ',',
        default_value = ""
    )]
    pub cors_origins: Vec<String>,
    /// SMTP server for outgoing mail, e.g. `smtps://user:pass@mail.example.org` or
    /// `smtp://mail.example.org:587?tls=required`. Unset: mails go to `mail_dir`, or stay in the
    /// outbox as `not_sent` (without their one-time links, which exist only in a sent mail).
    #[arg(long, env = "SAMENSTAD_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// Without SMTP: a directory where each mail is written as an `.eml` file (development and
    /// tests read their mail there).
    #[arg(long, env = "SAMENSTAD_MAIL_DIR")]
    pub mail_dir: Option<std::path::PathBuf>,
    /// Sender of outgoing mail.
    #[arg(
        long,
        env = "SAMENSTAD_MAIL_FROM",
        default_value = "Samenstad <noreply@samenstad.localhost>"
    )]
    pub mail_from: String,
    /// Seconds a lottery panel's seed must have been public before the draw (a day by default,
    /// so anyone can note it before the draw happens).
    #[arg(long, env = "SAMENSTAD_PANEL_SEED_NOTICE_SECS", default_value_t = 86_400, value_parser = clap::value_parser!(i64).range(0..=2_592_000))]
    pub panel_seed_notice_s: i64,
    /// Milliseconds the busiest public answers (venue finder, projects) are served from memory.
    /// A change through this instance shows at once; one through another instance within this
    /// time. 0 switches the cache off.
    #[arg(long, env = "SAMENSTAD_PUBLIC_CACHE_MS", default_value_t = 2_000, value_parser = clap::value_parser!(u64).range(0..=60_000))]
    pub public_cache_ms: u64,
    /// Street-level base layer of the maps: a tile URL with `{z}`, `{x}` and `{y}` (an XYZ
    /// server such as OpenStreetMap's) or `{TileMatrix}`, `{TileCol}` and `{TileRow}` (a WMTS in
    /// the GoogleMapsCompatible matrix set, as the city's). https (http only for localhost).
    /// Unset: the maps show the wijk outlines only. The CSP allows images from its host.
    #[arg(long, env = "SAMENSTAD_MAP_TILES")]
    pub map_tiles: Option<String>,
    /// Attribution shown under maps with a base layer (e.g. `© OpenStreetMap-bijdragers`).
    #[arg(long, env = "SAMENSTAD_MAP_ATTRIBUTION", default_value = "")]
    pub map_attribution: String,
}

impl std::fmt::Debug for AuthConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthConfig")
            .field(
                "jwt_secret",
                &self.jwt_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .field("access_ttl_s", &self.access_ttl_s)
            .field("smtp_url", &self.smtp_url.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

#[derive(Debug, clap::Parser)]
struct AuthOnly {
    #[command(flatten)]
    auth: AuthConfig,
}

impl AuthConfig {
    /// Settings from the environment and the documented defaults (no command line).
    pub fn from_env() -> Self {
        <AuthOnly as clap::Parser>::parse_from(["samenstad"]).auth
    }

    /// The signing secret: the configured one, or random bytes for this process.
    pub fn jwt_secret(&self) -> Vec<u8> {
        match &self.jwt_secret {
            Some(secret) => secret.as_bytes().to_vec(),
            None => crate::auth::random_token().into_bytes(),
        }
    }

    /// Checks values that clap cannot.
    pub fn validate(&self) -> Result<(), String> {
        if self.jwt_secret.as_ref().is_some_and(|s| s.len() < 32) {
            return Err("SAMENSTAD_JWT_SECRET must be at least 32 bytes".to_owned());
        }
        if self.cluster && self.jwt_secret.is_none() {
            return Err(
                "SAMENSTAD_CLUSTER is on but SAMENSTAD_JWT_SECRET is not set: every instance must \
                 sign with the same secret, or sessions and mailed links made on one instance fail \
                 on the others"
                    .to_owned(),
            );
        }
        if let Some(tiles) = &self.map_tiles {
            tile_origin(tiles)?;
        }
        Ok(())
    }

    /// The origin of the configured tile server (for the CSP), if one is configured and valid.
    pub fn tile_origin(&self) -> Option<String> {
        self.map_tiles.as_deref().and_then(|t| tile_origin(t).ok())
    }
}

/// Settings of `samenstad serve`.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address and port to listen on.
    #[arg(long, env = "SAMENSTAD_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Directory with the built web app (`index.html`, wasm, assets).
    #[arg(long, env = "SAMENSTAD_WEB_DIR", default_value = "frontend/dist")]
    pub web_dir: PathBuf,
    /// HTTP worker threads (default: one per CPU core).
    #[arg(long, env = "SAMENSTAD_WORKERS")]
    pub workers: Option<usize>,
    /// Largest accepted request body, in bytes (larger gets 413).
    #[arg(long, env = "SAMENSTAD_BODY_LIMIT_BYTES", default_value_t = 1_048_576)]
    pub body_limit_bytes: usize,
    /// Seconds to let in-flight requests finish on shutdown (SIGTERM / Ctrl-C).
    #[arg(long, env = "SAMENSTAD_SHUTDOWN_TIMEOUT_S", default_value_t = 10)]
    pub shutdown_timeout_s: u64,
    /// Database settings.
    #[command(flatten)]
    pub db: DbConfig,
    /// Authentication, mail and security settings.
    #[command(flatten)]
    pub auth: AuthConfig,
}

/// The origin (`scheme://host[:port]`) of a tile URL template, or why it is not one.
pub fn tile_origin(template: &str) -> Result<String, String> {
    let xyz = ["{z}", "{x}", "{y}"].iter().all(|p| template.contains(p));
    let wmts = ["{TileMatrix}", "{TileCol}", "{TileRow}"]
        .iter()
        .all(|p| template.contains(p));
    if !xyz && !wmts {
        return Err(
            "SAMENSTAD_MAP_TILES needs {z}, {x} and {y} (or {TileMatrix}, {TileCol} and {TileRow})"
                .to_owned(),
        );
    }
    let (scheme, rest) = template
        .split_once("://")
        .ok_or("SAMENSTAD_MAP_TILES must be an http(s) URL")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let local = host.starts_with("localhost") || host.starts_with("127.0.0.1");
    let safe = host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || ".-:".contains(c));
    match scheme {
        _ if host.is_empty() || !safe || host.contains('{') => {
            Err("SAMENSTAD_MAP_TILES must name its host plainly".to_owned())
        }
        "https" => Ok(format!("https://{host}")),
        "http" if local => Ok(format!("http://{host}")),
        _ => Err("SAMENSTAD_MAP_TILES must be https (http only for localhost)".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::tile_origin;

    #[test]
    fn a_tile_url_names_its_origin_or_is_refused_with_the_reason() {
        assert_eq!(
            tile_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
            Ok("https://tile.openstreetmap.org".to_owned())
        );
        assert_eq!(
            tile_origin(
                "https://geo.api.vlaanderen.be/GRB/wmts?layer=grb_bsk&tilematrixset=GoogleMapsVL&TileMatrix={TileMatrix}&TileCol={TileCol}&TileRow={TileRow}"
            ),
            Ok("https://geo.api.vlaanderen.be".to_owned())
        );
        assert_eq!(
            tile_origin("http://localhost:8081/{z}/{x}/{y}.png"),
            Ok("http://localhost:8081".to_owned())
        );
        assert!(tile_origin("http://tiles.example.org/{z}/{x}/{y}.png").is_err());
        assert!(tile_origin("https://tiles.example.org/{z}/{x}.png").is_err());
        assert!(tile_origin("https://{s}.tiles.example.org/{z}/{x}/{y}.png").is_err());
        assert!(tile_origin("https://a.example.org;script-src *//{z}/{x}/{y}").is_err());
    }
}
