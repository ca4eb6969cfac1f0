//! Helpers shared by the API test binaries: the real app on a fresh database, typed requests.
#![allow(dead_code, reason = "each test binary uses a different subset")]
#![expect(clippy::expect_used, reason = "tests fail loudly")]

use std::path::PathBuf;
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::{StatusCode, header};
use actix_web::{test as actix_test, web};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use samenstad_api::AppState;
use samenstad_api::app::{AppSettings, build_app};
use samenstad_api::config::AuthConfig;
use samenstad_db::testing::TestDb;
use samenstad_types::Problem;
use serde_json::{Value, json};

/// Requests to this origin are Dendermonde's (the seed serves it at `dendermonde.localhost`); a
/// path alone is the default municipality's, Gent's.
pub const DENDERMONDE: &str = "http://dendermonde.localhost";

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
    // Draw a panel right after its seed is published (tests of the notice set their own).
    config.panel_seed_notice_s = 0;
    config
}

pub fn state_with(url: &str, config: AuthConfig) -> web::Data<AppState> {
    let auth = samenstad_api::auth::Auth::new(config);
    web::Data::new(AppState::new(
        samenstad_db::connect_pool(url, 2, Duration::from_millis(1500)),
        auth,
    ))
}

/// The app's state on a pool of `connections`, for tests of simultaneous requests.
pub fn state_with_pool(url: &str, connections: u32, config: AuthConfig) -> web::Data<AppState> {
    web::Data::new(AppState::new(
        samenstad_db::connect_pool(url, connections, Duration::from_secs(10)),
        samenstad_api::auth::Auth::new(config),
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

pub trait TestService:
    Service<actix_http::Request, Response = ServiceResponse<Self::Body>, Error = actix_web::Error>
{
    type Body: MessageBody;
}
impl<S, B> TestService for S
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    type Body = B;
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: header::HeaderMap,
    pub body: Value,
}

pub async fn call(
    app: &impl TestService,
    method: Method,
    uri: &str,
    body: Option<Value>,
    token: Option<&str>,
) -> Reply {
    let mut req = actix_test::TestRequest::default()
        .method(method)
        .uri(uri)
        .peer_addr("10.1.2.3:4567".parse().expect("addr"));
    if let Some(body) = body {
        req = req.set_json(body);
    }
    if let Some(token) = token {
        req = req.insert_header((header::AUTHORIZATION, format!("Bearer {token}")));
    }
    let res = actix_test::call_service(app, req.to_request()).await;
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = actix_test::read_body(res).await;
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap_or(Value::Null)
    };
    Reply {
        status,
        headers,
        body,
    }
}

/// The status of a refused field: 404 when it names something that does not exist (code
/// `unknown`), 422 when fields contradict each other or stored data (`order`, `span`,
/// `requires`, `excludes`, `not_allowed`, `outcome`, `outside`, `past`), 400 for
/// every other rule.
pub fn refusal_status(body: &Value) -> StatusCode {
    match body["errors"][0]["code"].as_str() {
        Some("unknown") => StatusCode::NOT_FOUND,
        Some(
            "order" | "duplicate" | "over_budget" | "over_requested" | "span" | "requires"
            | "excludes" | "not_allowed" | "outcome" | "outside" | "past",
        ) => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::BAD_REQUEST,
    }
}

pub async fn post(app: &impl TestService, uri: &str, body: Value, token: Option<&str>) -> Reply {
    call(app, Method::POST, uri, Some(body), token).await
}

pub async fn get_as(app: &impl TestService, uri: &str, token: Option<&str>) -> Reply {
    call(app, Method::GET, uri, None, token).await
}

pub const PASSWORD: &str = "een lange zin als wachtwoord";

/// The `name` of every entry of a page's `items` (the venue finder), in order.
pub fn names(body: &Value) -> Vec<String> {
    body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|v| v["name"].as_str().expect("name").to_owned())
        .collect()
}

/// What fills in the one-time links of mails in the tests (the server's secret is theirs).
pub fn link_key() -> samenstad_api::auth::LinkKey {
    samenstad_api::auth::LinkKey::new(TEST_JWT_SECRET.as_bytes())
}

/// The token of the newest mail to `to`, taken from its link as the worker sends it (the
/// outbox itself holds no live one-time link).
pub fn mailed_token(db: &TestDb, to: &str) -> String {
    let mut conn = db.conn();
    let mail = samenstad_db::queries::outbox::list(&mut conn, Some(to))
        .expect("outbox")
        .into_iter()
        .next()
        .expect("a mail was queued");
    let body = samenstad_api::mail::sent_body(&mail, &link_key());
    let start = body.find("token=").expect("a link with a token") + 6;
    body[start..]
        .split_whitespace()
        .next()
        .expect("token")
        .to_owned()
}

/// The body of the newest mail of `template` to `to`.
pub fn mail_body(db: &TestDb, to: &str, template: &str) -> String {
    #[derive(QueryableByName)]
    struct Body {
        #[diesel(sql_type = Text)]
        body: String,
    }
    let mail: Body = diesel::sql_query(
        "SELECT body FROM mail_outbox WHERE to_address = $1 AND template = $2 ORDER BY created_at DESC LIMIT 1",
    )
    .bind::<Text, _>(to)
    .bind::<Text, _>(template)
    .get_result(&mut db.conn())
    .expect("a mail was queued");
    mail.body
}

/// A pool on the test database (for the background jobs a test runs itself).
pub fn pool(db: &TestDb) -> samenstad_db::DbPool {
    samenstad_db::connect_pool(db.url(), 1, Duration::from_millis(1500))
}

pub fn count(db: &TestDb, sql: &str) -> i64 {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    diesel::sql_query(sql)
        .get_result::<N>(&mut db.conn())
        .expect("count")
        .n
}

/// The check constraint that refuses `sql` (a write behind the API's back), if one does.
pub fn check_refusing(db: &TestDb, sql: &str) -> Option<String> {
    use diesel::result::{DatabaseErrorKind, Error};
    match diesel::sql_query(sql).execute(&mut db.conn()) {
        Err(Error::DatabaseError(DatabaseErrorKind::CheckViolation, info)) => {
            info.constraint_name().map(str::to_owned)
        }
        Err(e) => panic!("{sql}: {e}"),
        Ok(_) => None,
    }
}

pub async fn register(app: &impl TestService, email: &str) -> String {
    let r = post(app, "/api/v1/auth/register", json!({"email": email, "password": PASSWORD, "display_name": "Test", "preferred_language": "nl"}), None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.body["id"].as_str().expect("id").to_owned()
}

pub async fn verified_user(app: &impl TestService, db: &TestDb, email: &str) -> String {
    let id = register(app, email).await;
    let r = post(
        app,
        "/api/v1/auth/verify-email",
        json!({"token": mailed_token(db, email)}),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    id
}

pub async fn login(app: &impl TestService, email: &str, password: &str) -> Reply {
    post(
        app,
        "/api/v1/auth/login",
        json!({"email": email, "password": password}),
        None,
    )
    .await
}

pub async fn access(app: &impl TestService, email: &str) -> String {
    let r = login(app, email, PASSWORD).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body["access_token"].as_str().expect("token").to_owned()
}

pub fn make_admin(db: &TestDb, email: &str) {
    samenstad_api::admin_cli::create_user(
        &mut db.conn(),
        email,
        "Admin",
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$ZmFrZWhhc2hmYWtlaGFzaGZha2VoYXNo",
        samenstad_types::account::Role::Admin,
    )
    .expect("admin");
}

pub async fn admin_token(app: &impl TestService, db: &TestDb) -> String {
    let email = "admin@samenstad.test";
    verified_user(app, db, email).await;
    make_admin(db, email);
    access(app, email).await
}

pub async fn wait_for(db: &TestDb, sql: &str, expected: i64) {
    for _ in 0..100 {
        if count(db, sql) == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for `{sql}` to be {expected}");
}

/// The real app on a socket (127.0.0.1, a free port) over the test's database: its address and
/// a handle to stop it. Each call is another instance (its own state and caches).
pub fn serve(db: &TestDb) -> (std::net::SocketAddr, actix_web::dev::ServerHandle) {
    let state = state_for(db.url());
    // As `samenstad serve` does: watch the stamp of the reference data kept in memory.
    actix_web::rt::spawn(samenstad_api::cache::watch(state.clone()));
    let server = actix_web::HttpServer::new(move || build_app(state.clone(), settings()))
        .workers(1)
        .bind(("127.0.0.1", 0))
        .expect("bind");
    let addr = server.addrs()[0];
    let running = server.run();
    let stop = running.handle();
    actix_web::rt::spawn(running);
    (addr, stop)
}

/// A verified account with the wijk_staff role for `wijknr`; its access token.
pub async fn staff_of(
    app: &impl TestService,
    db: &TestDb,
    admin: &str,
    email: &str,
    wijknr: i16,
) -> String {
    let id = verified_user(app, db, email).await;
    let r = post(
        app,
        &format!("/api/v1/admin/users/{id}/roles"),
        json!({"role": "wijk_staff", "wijknr": wijknr}),
        Some(admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    access(app, email).await
}

/// A JPEG whose EXIF holds a GPS position (the bytes after SOS are not decoded by the server).
pub fn jpeg_with_location() -> Vec<u8> {
    let exif = b"Exif\0\0MM\0*\0\0\0\x08GPSLatitude 51.0543N 3.7174E";
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(
        &u16::try_from(exif.len() + 2)
            .unwrap_or(u16::MAX)
            .to_be_bytes(),
    );
    out.extend_from_slice(exif);
    out.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
    out.extend_from_slice(&[0x12, 0x34, 0x56, 0xFF, 0xD9]);
    out
}

/// A fresh folder holding the web app's real page template (`frontend/static/index.html`) as
/// every build's page, for tests of what the server writes into it; the caller removes it.
/// The app serving the web app's page template from a directory of its own (removed by the
/// caller), as a public page's first HTML is tested.
pub async fn app_with_pages(
    db: &TestDb,
) -> (
    impl Service<
        actix_http::Request,
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
    >,
    PathBuf,
) {
    let dir = web_dir_with_the_page_template();
    let mut settings = settings();
    settings.web_dir = dir.clone();
    let app = actix_test::init_service(build_app(state_for(db.url()), settings)).await;
    (app, dir)
}

pub fn web_dir_with_the_page_template() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "samenstad-page-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    std::fs::create_dir_all(&dir).expect("dir");
    let template = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../frontend/static/index.html"),
    )
    .expect("the page template");
    for app in samenstad_types::web::WebApp::ALL {
        std::fs::write(dir.join(app.index_file()), &template).expect("page");
    }
    dir
}
