//! Helpers shared by the API test binaries: the real app on a fresh database, typed requests.
#![allow(dead_code, reason = "each test binary uses a different subset")]
#![expect(clippy::expect_used, reason = "tests fail loudly")]

use std::path::PathBuf;
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::{test as actix_test, web};
use samenstad_api::AppState;
use samenstad_api::app::{AppSettings, build_app};
use samenstad_api::config::AuthConfig;
use samenstad_db::testing::TestDb;
use samenstad_types::Problem;

pub fn settings() -> AppSettings {
    AppSettings {
        web_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../frontend/static"),
        body_limit_bytes: 64 * 1024,
        cors_origins: vec!["https://wijk.example".to_owned()],
    }
}

/// Test auth settings: a known signing secret so tests can forge tokens for the attack suite.
pub const TEST_JWT_SECRET: &str = "test-secret-that-is-at-least-32-bytes-long!";

pub fn auth_config() -> AuthConfig {
    let mut config = AuthConfig::from_env();
    config.jwt_secret = Some(TEST_JWT_SECRET.to_owned());
    config.public_url = "http://samenstad.test".to_owned();
    config
}

pub fn state_with(url: &str, config: AuthConfig) -> web::Data<AppState> {
    let auth = samenstad_api::auth::Auth::new(config);
    web::Data::new(AppState::new(
        samenstad_db::connect_pool(url, 2, Duration::from_millis(1500)),
        auth,
    ))
}

pub fn state_for(url: &str) -> web::Data<AppState> {
    state_with(url, auth_config())
}

/// An in-process app on a database.
pub async fn app(
    db: &TestDb,
) -> impl Service<
    actix_http::Request,
    Response = ServiceResponse<impl MessageBody>,
    Error = actix_web::Error,
> {
    actix_test::init_service(build_app(state_for(db.url()), settings())).await
}

pub async fn get(
    app: &impl Service<
        actix_http::Request,
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
    >,
    uri: &str,
) -> (StatusCode, header::HeaderMap, Vec<u8>) {
    let res =
        actix_test::call_service(app, actix_test::TestRequest::get().uri(uri).to_request()).await;
    let status = res.status();
    let headers = res.headers().clone();
    let body = actix_test::read_body(res).await.to_vec();
    (status, headers, body)
}

pub fn problem(
    status: StatusCode,
    headers: &header::HeaderMap,
    body: &[u8],
    expected: StatusCode,
) -> Problem {
    assert_eq!(status, expected, "body: {}", String::from_utf8_lossy(body));
    assert_eq!(
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        Some("application/problem+json")
    );
    let problem: Problem = serde_json::from_slice(body).expect("problem+json body");
    assert_eq!(problem.status, expected.as_u16());
    problem
}

pub fn json<T: serde::de::DeserializeOwned>(status: StatusCode, body: &[u8]) -> T {
    assert_eq!(
        status,
        StatusCode::OK,
        "body: {}",
        String::from_utf8_lossy(body)
    );
    serde_json::from_slice(body).expect("JSON body")
}
