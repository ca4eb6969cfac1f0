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
}
