//! Several instances over one database, as behind a load balancer: each test runs two real
//! servers on sockets (their own state and caches) and talks to them over HTTP.

#![expect(clippy::expect_used, reason = "tests fail loudly")]

mod common;

use std::time::{Duration, Instant};

use diesel::RunQueryDsl;
use reqwest::StatusCode;
use samenstad_db::testing::TestDb;
use serde_json::{Value, json};

use common::*;

async fn wijk_name(http: &reqwest::Client, base: &str) -> String {
    let r = http
        .get(format!("{base}/api/v1/wijken/1"))
        .send()
        .await
        .expect("GET wijk 1");
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.expect("JSON");
    body["name"].as_str().expect("name").to_owned()
}

#[actix_web::test]
async fn a_session_made_on_one_instance_works_on_another_and_a_change_to_the_wijken_shows_on_both_within_two_seconds()
 {
    let db = TestDb::new();
    let (a, stop_a) = serve(&db);
    let (b, stop_b) = serve(&db);
    let (a, b) = (format!("http://{a}"), format!("http://{b}"));
    let http = reqwest::Client::new();

    // Register and log in on A; the access token and the refresh cookie work on B.
    let r = http
        .post(format!("{a}/api/v1/auth/register"))
        .json(&json!({"email": "an@example.org", "password": PASSWORD, "display_name": "An", "preferred_language": "nl"}))
        .send()
        .await
        .expect("register");
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = http
        .post(format!("{a}/api/v1/auth/login"))
        .json(&json!({"email": "an@example.org", "password": PASSWORD}))
        .send()
        .await
        .expect("login");
    assert_eq!(r.status(), StatusCode::OK);
    let cookie = r
        .headers()
        .get(reqwest::header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("the refresh cookie")
        .to_owned();
    let session: Value = r.json().await.expect("JSON");
    let access = session["access_token"].as_str().expect("access token");
    let me = http
        .get(format!("{b}/api/v1/me"))
        .bearer_auth(access)
        .send()
        .await
        .expect("me on B");
    assert_eq!(me.status(), StatusCode::OK, "a token from A works on B");
    let refreshed = http
        .post(format!("{b}/api/v1/auth/refresh"))
        .header(reqwest::header::COOKIE, &cookie)
        .send()
        .await
        .expect("refresh on B");
    assert_eq!(
        refreshed.status(),
        StatusCode::OK,
        "a session from A refreshes on B"
    );

    // Both instances hold the wijken in memory; an import (here: SQL, as `samenstad seed` or an
    // import writes) renames a wijk, and both show the new name within two seconds.
    assert_eq!(wijk_name(&http, &a).await, "Binnenstad");
    assert_eq!(wijk_name(&http, &b).await, "Binnenstad");
    diesel::sql_query("UPDATE wijk SET name = 'Binnenstad (nieuw)' WHERE wijknr = 1")
        .execute(&mut db.conn())
        .expect("rename");
    let changed = Instant::now();
    for base in [&a, &b] {
        while wijk_name(&http, base).await != "Binnenstad (nieuw)" {
            assert!(
                changed.elapsed() < Duration::from_secs(2),
                "{base} still shows the old name after {:?}",
                changed.elapsed()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    println!(
        "the rename showed on both instances after {:?}",
        changed.elapsed()
    );
    stop_a.stop(true).await;
    stop_b.stop(true).await;
}

#[test]
fn the_server_refuses_to_start_as_a_cluster_without_a_shared_secret() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_samenstad"))
        .arg("serve")
        .env("SAMENSTAD_CLUSTER", "true")
        .env_remove("SAMENSTAD_JWT_SECRET")
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .env("SAMENSTAD_BIND", "127.0.0.1:0")
        .env("SAMENSTAD_LOG", "warn")
        .output()
        .expect("run samenstad serve");
    assert!(!out.status.success(), "it started");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("SAMENSTAD_JWT_SECRET"), "{said}");
}

/// The names of the venues the finder lists for `query`.
async fn finder_names(app: &impl TestService, query: &str) -> Vec<String> {
    let (status, _, body) = get(app, &format!("/api/v1/venues?{query}")).await;
    assert_eq!(status, actix_web::http::StatusCode::OK);
    names(&serde_json::from_slice(&body).expect("JSON"))
}

#[actix_web::test]
async fn public_reads_go_to_the_replica_and_to_the_primary_while_it_does_not_answer() {
    use actix_web::{test as actix_test, web};
    use samenstad_api::app::build_app;
    use samenstad_api::state::AppState;
    let primary = TestDb::new();
    let replica = TestDb::new();
    diesel::sql_query(
        "UPDATE venue SET name = 'Macharius (replica)' WHERE slug = 'buurtcentrum-macharius'",
    )
    .execute(&mut replica.conn())
    .expect("mark the replica");
    let state = |replica_url: &str| {
        web::Data::new(
            AppState::new(
                samenstad_db::connect_pool(primary.url(), 2, Duration::from_millis(1500)),
                samenstad_api::auth::Auth::new(auth_config()),
            )
            .with_replica(samenstad_db::connect_pool_with(
                replica_url,
                2,
                Duration::from_millis(300),
                false,
            )),
        )
    };

    // The finder reads from the replica (a database of its own here, marked by one name).
    let app = actix_test::init_service(build_app(state(replica.url()), settings())).await;
    let names = finder_names(&app, "q=macharius").await;
    assert_eq!(names, ["Macharius (replica)"], "read on the replica");

    // A replica that does not answer: the finder answers from the primary, and after the first
    // failure it does not wait for the replica again.
    let app = actix_test::init_service(build_app(
        state("postgres://postgres@127.0.0.1:1/samenstad"),
        settings(),
    ))
    .await;
    let first = Instant::now();
    let names = finder_names(&app, "q=macharius").await;
    assert_eq!(names, ["Buurtcentrum Macharius"], "read on the primary");
    assert!(
        first.elapsed() < Duration::from_secs(2),
        "{:?}",
        first.elapsed()
    );
    let second = Instant::now();
    finder_names(&app, "q=macharius&capacity_min=1").await;
    assert!(
        second.elapsed() < Duration::from_millis(250),
        "waited for the replica again: {:?}",
        second.elapsed()
    );
}
