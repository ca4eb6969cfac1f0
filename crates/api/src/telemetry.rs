//! Structured logs with `tracing`. Requests are logged by method, path (never the query
//! string, which can hold addresses or coordinates; a path holding a one-time token, such as a
//! co-signing link, by its pattern), status and duration.

use std::time::Instant;

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use tracing_subscriber::EnvFilter;

use crate::config::{LogConfig, LogFormat};

/// Installs the global subscriber. Safe to call once per process.
pub fn init(config: &LogConfig) {
    let filter = EnvFilter::try_new(&config.log).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        // Standard output is for what a command prints (OpenAPI, tallies); logs go to stderr.
        .with_writer(std::io::stderr);
    let result = match config.log_format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
    if let Err(e) = result {
        eprintln!("logging already initialised: {e}");
    }
}

/// Middleware: one log line per request.
pub async fn log_request(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let method = req.method().clone();
    let path = loggable_path(req.path(), req.match_pattern().as_deref());
    let res = next.call(req).await?;
    let status = res.status().as_u16();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if status >= 500 {
        tracing::warn!(%method, %path, status, ms, "request");
    } else {
        tracing::info!(%method, %path, status, ms, "request");
    }
    Ok(res)
}

/// `path` as it may be logged: the route's pattern instead when a segment of the API route
/// (`api_pattern`, `{token}`) or of the web page (`:token`) is a one-time token — whoever reads
/// the logs must not be able to follow the link.
pub fn loggable_path(path: &str, api_pattern: Option<&str>) -> String {
    if let Some(pattern) = api_pattern.filter(|p| p.contains("{token}")) {
        return pattern.to_owned();
    }
    // An API path is no page of the web app: no need to match it against every page.
    if path.starts_with("/api/") {
        return path.to_owned();
    }
    match samenstad_types::web::page_of(path) {
        Some((_, page)) if page.contains(":token") => page.to_owned(),
        _ => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn a_one_time_token_in_a_path_is_logged_as_its_pattern() {
        let api = "/api/v1/subsidies/cosignatures/{token}";
        assert_eq!(
            loggable_path("/api/v1/subsidies/cosignatures/Zk3-secret", Some(api)),
            api
        );
        assert_eq!(
            loggable_path("/subsidies/cosign/Zk3-secret", None),
            "/subsidies/cosign/:token"
        );
        assert_eq!(
            loggable_path("/api/v1/venues/de-centrale", Some("/api/v1/venues/{key}")),
            "/api/v1/venues/de-centrale"
        );
        assert_eq!(
            loggable_path("/venues/de-centrale", None),
            "/venues/de-centrale"
        );
    }
}
