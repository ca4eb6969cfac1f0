//! Municipalities as tenants (issue 20): a second municipality, imported from a small generated
//! GeoJSON file, sees only its own wijken, accounts, ideas, venues, open data and feeds; Gent's
//! staff have no rights there; and the database itself holds every tenant table to its
//! municipality.
#![expect(clippy::expect_used, reason = "tests fail loudly")]

mod common;

use actix_web::http::{Method, StatusCode};
use actix_web::test as actix_test;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use samenstad_api::area_import::{AreaImport, import_wijken};
use samenstad_db::testing::TestDb;
use serde_json::json;

use common::*;

/// Requests to this origin are the generated municipality's.
const TESTGEM: &str = "http://testgem.localhost";

/// Two squares east of Brussels, far from Gent: Noordkant (nr 1) above Zuidkant (nr 2).
fn testgem_areas() -> String {
    let square = |lat: f64| {
        json!({"type": "Polygon", "coordinates": [[[4.40, lat], [4.44, lat], [4.44, lat + 0.02],
            [4.40, lat + 0.02], [4.40, lat]]]})
    };
    json!({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"naam": "Noordkant", "nr": 1, "inwoners": 4200},
         "geometry": square(50.92)},
        {"type": "Feature", "properties": {"naam": "Zuidkant", "nr": 2},
         "geometry": square(50.90)},
    ]})
    .to_string()
}

/// A point in Noordkant, and one in Gent's Binnenstad.
const NOORDKANT: (f64, f64) = (50.93, 4.42);
const BINNENSTAD: (f64, f64) = (51.05365, 3.72476);

fn import_testgem(db: &TestDb) {
    let request = AreaImport {
        municipality: "Testgem".to_owned(),
        hosts: vec!["testgem.localhost".to_owned()],
        ..AreaImport::default()
    };
    let report = import_wijken(
        &mut db.conn(),
        &request,
        &testgem_areas(),
        "testgem.geojson",
    )
    .expect("imported");
    assert_eq!(report.wijken_inserted, 2);
    assert_eq!(
        count(
            db,
            "SELECT count(*) AS n FROM audit_log a JOIN municipality m ON m.id = a.municipality_id \
             WHERE a.action = 'wijken.imported' AND m.name = 'Testgem' \
             AND a.object_id = m.id::text AND (a.details->>'inserted')::int = 2"
        ),
        1,
        "the import is in Testgem's audit log"
    );
}

async fn text(app: &impl TestService, uri: &str, token: Option<&str>) -> (StatusCode, String) {
    let mut req = actix_test::TestRequest::get().uri(uri);
    if let Some(token) = token {
        req = req.insert_header(("Authorization", format!("Bearer {token}")));
    }
    let res = actix_test::call_service(app, req.to_request()).await;
    let status = res.status();
    let body = actix_test::read_body(res).await;
    (status, String::from_utf8_lossy(&body).into_owned())
}

fn lookup(origin: &str, (lat, lon): (f64, f64)) -> String {
    format!("{origin}/api/v1/wijken/lookup?lat={lat}&lon={lon}")
}

#[actix_web::test]
async fn a_second_municipality_sees_only_its_own_wijken_accounts_ideas_venues_open_data_and_feeds()
{
    let db = TestDb::new();
    import_testgem(&db);
    let app = app(&db).await;

    // Which municipality each host serves.
    let town = get_as(&app, &format!("{TESTGEM}/api/v1/municipality"), None).await;
    assert_eq!(
        (&town.body["slug"], &town.body["name"], &town.body["wijken"]),
        (&json!("testgem"), &json!("Testgem"), &json!(2)),
        "{}",
        town.body
    );
    let gent = get_as(&app, "/api/v1/municipality", None).await;
    assert_eq!(
        (&gent.body["name"], &gent.body["wijken"]),
        (&json!("Gent"), &json!(25))
    );

    // Wijken: the list, one wijk, and which wijk holds a point.
    let gent = get_as(&app, "/api/v1/wijken?limit=100", None).await;
    assert_eq!(gent.body["items"].as_array().map(Vec::len), Some(25));
    let ours = get_as(&app, &format!("{TESTGEM}/api/v1/wijken?limit=100"), None).await;
    assert_eq!(ours.status, StatusCode::OK, "{}", ours.body);
    assert_eq!(names(&ours.body), ["Noordkant", "Zuidkant"]);
    assert_eq!(ours.body["items"][0]["zone"], "deelgemeente");
    assert_eq!(ours.body["items"][0]["municipality"], "testgem");
    let one = get_as(&app, &format!("{TESTGEM}/api/v1/wijken/1"), None).await;
    assert_eq!(one.body["name"], "Noordkant", "{}", one.body);
    let found = get_as(&app, &lookup(TESTGEM, NOORDKANT), None).await;
    assert_eq!(found.body["slug"], "noordkant", "{}", found.body);
    for (origin, point) in [("", NOORDKANT), (TESTGEM, BINNENSTAD)] {
        let r = get_as(&app, &lookup(origin, point), None).await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "{origin} {point:?}: {}",
            r.body
        );
    }

    // Accounts are a municipality's: one made in Testgem does not exist in Gent.
    let ann = "ann@example.org";
    let r = post(
        &app,
        &format!("{TESTGEM}/api/v1/auth/register"),
        json!({"email": ann,
        "password": PASSWORD, "display_name": "Ann", "preferred_language": "nl"}),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = post(
        &app,
        &format!("{TESTGEM}/api/v1/auth/verify-email"),
        json!({"token": mailed_token(&db, ann)}),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let login_at = |origin: &'static str| {
        let app = &app;
        async move {
            post(
                app,
                &format!("{origin}/api/v1/auth/login"),
                json!({"email": ann, "password": PASSWORD}),
                None,
            )
            .await
        }
    };
    let at_home = login_at(TESTGEM).await;
    assert_eq!(at_home.status, StatusCode::OK, "{}", at_home.body);
    let ann_token = at_home.body["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    assert_eq!(login_at("").await.status, StatusCode::UNAUTHORIZED);
    let me = get_as(&app, "/api/v1/me", Some(&ann_token)).await;
    assert_eq!(
        me.status,
        StatusCode::UNAUTHORIZED,
        "a Testgem session in Gent"
    );
    let me = get_as(&app, &format!("{TESTGEM}/api/v1/me"), Some(&ann_token)).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.body);

    // Staff rights: Gent's administrator is nobody in Testgem; Testgem's sees only its accounts.
    let gent_admin = admin_token(&app, &db).await;
    let find = |origin: &'static str, email: &'static str, token: String| {
        let app = &app;
        async move {
            get_as(
                app,
                &format!("{origin}/api/v1/admin/users?email={email}"),
                Some(&token),
            )
            .await
            .status
        }
    };
    assert_eq!(
        find(TESTGEM, ann, gent_admin.clone()).await,
        StatusCode::UNAUTHORIZED,
        "Gent's administrator in Testgem"
    );
    assert_eq!(
        find("", ann, gent_admin.clone()).await,
        StatusCode::NOT_FOUND
    );
    let ann_id = me.body["id"].as_str().expect("id").to_owned();
    let r = post(
        &app,
        &format!("/api/v1/admin/users/{ann_id}/roles"),
        json!({"role": "admin"}),
        Some(&gent_admin),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "a Testgem account from Gent: {}",
        r.body
    );
    {
        let mut conn = db.conn();
        let testgem =
            samenstad_db::tenancy::municipality_id(&mut conn, Some("testgem")).expect("testgem");
        samenstad_db::tenancy::as_tenant(&mut conn, testgem, |conn| {
            samenstad_api::admin_cli::create_user_scoped(
                conn,
                "beheer@testgem.example",
                "Beheer",
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$ZmFrZWhhc2hmYWtlaGFzaGZha2VoYXNo",
                "admin",
                samenstad_api::admin_cli::CliScope::default(),
            )
        })
        .expect("Testgem's administrator");
    }
    let r = post(
        &app,
        &format!("{TESTGEM}/api/v1/auth/password-reset"),
        json!({"email": "beheer@testgem.example"}),
        None,
    )
    .await;
    assert!(r.status.is_success(), "{}", r.body);
    let token = mailed_token(&db, "beheer@testgem.example");
    let r = post(
        &app,
        &format!("{TESTGEM}/api/v1/auth/password-reset/confirm"),
        json!({"token": token, "new_password": PASSWORD}),
        None,
    )
    .await;
    assert!(r.status.is_success(), "{}", r.body);
    let r = post(
        &app,
        &format!("{TESTGEM}/api/v1/auth/login"),
        json!({"email": "beheer@testgem.example", "password": PASSWORD}),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let testgem_admin = r.body["access_token"].as_str().expect("token").to_owned();
    assert_eq!(
        find(TESTGEM, ann, testgem_admin.clone()).await,
        StatusCode::OK
    );
    assert_eq!(
        find(TESTGEM, "admin@samenstad.test", testgem_admin.clone()).await,
        StatusCode::NOT_FOUND,
        "Gent's administrator from Testgem"
    );

    // An idea in Testgem is listed, found and exported there only.
    let idea = post(
        &app,
        &format!("{TESTGEM}/api/v1/projects/ideas"),
        json!({"title":
        "Bankjes aan de vijver", "body": "Zitplaatsen voor wie wandelt.", "wijk": "1"}),
        Some(&ann_token),
    )
    .await;
    assert_eq!(idea.status, StatusCode::CREATED, "{}", idea.body);
    let id = idea.body["id"].as_str().expect("id");
    let listed = |origin: &'static str| {
        let app = &app;
        async move {
            let r = get_as(
                app,
                &format!("{origin}/api/v1/projects/ideas?limit=100"),
                None,
            )
            .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            r.body["items"]
                .as_array()
                .expect("items")
                .iter()
                .any(|i| i["title"] == "Bankjes aan de vijver")
        }
    };
    assert!(listed(TESTGEM).await);
    assert!(!listed("").await, "Testgem's idea in Gent's list");
    let idea_uri = format!("/api/v1/projects/ideas/{id}");
    assert_eq!(
        get_as(&app, &idea_uri, None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_as(&app, &format!("{TESTGEM}{idea_uri}"), None)
            .await
            .status,
        StatusCode::OK
    );
    let (_, gent_csv) = text(&app, "/api/v1/projects/ideas.csv", None).await;
    let (_, our_csv) = text(&app, &format!("{TESTGEM}/api/v1/projects/ideas.csv"), None).await;
    assert!(our_csv.contains("Bankjes aan de vijver"), "{our_csv}");
    assert!(!gent_csv.contains("Bankjes aan de vijver"));
    let (_, wijken_csv) = text(&app, &format!("{TESTGEM}/api/v1/wijken.csv"), None).await;
    assert_eq!(
        wijken_csv.lines().count(),
        3,
        "a header and two areas: {wijken_csv}"
    );

    // Venues, their open data and the decisions feed.
    let (_, gent_venues) = text(&app, "/api/v1/venues.csv", None).await;
    let (_, our_venues) = text(&app, &format!("{TESTGEM}/api/v1/venues.csv"), None).await;
    assert_eq!(gent_venues.lines().count(), 27);
    assert_eq!(
        our_venues.lines().count(),
        1,
        "only the header: {our_venues}"
    );
    let huis = "/api/v1/venues/sociaal-huis-dendermonde";
    assert_eq!(get_as(&app, huis, None).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        get_as(&app, &format!("{DENDERMONDE}{huis}"), None)
            .await
            .status,
        StatusCode::OK
    );
    let (status, feed) = text(
        &app,
        &format!("{TESTGEM}/api/v1/projects/decisions.atom"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!feed.contains("<entry>"), "{feed}");
    let (_, catalogue) = text(&app, &format!("{TESTGEM}/api/v1/open-data"), None).await;
    assert!(catalogue.contains("wijken.csv"), "{catalogue}");
}

#[actix_web::test]
async fn the_same_path_on_two_hosts_is_two_answers_and_a_host_nobody_serves_is_404() {
    let db = TestDb::new();
    import_testgem(&db);
    let mut config = auth_config();
    config.default_municipality = String::new();
    let app = actix_test::init_service(samenstad_api::app::build_app(
        state_with(db.url(), config),
        settings(),
    ))
    .await;
    // Twice each, so a kept (public cache) answer of one is never the other's.
    for _ in 0..2 {
        for (origin, expected) in [(TESTGEM, 2), ("http://localhost", 0)] {
            let r = get_as(&app, &format!("{origin}/api/v1/wijken?limit=100"), None).await;
            if expected == 0 {
                assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
                assert_eq!(
                    r.body["detail"], "no municipality is served at `localhost`",
                    "{}",
                    r.body
                );
            } else {
                assert_eq!(r.body["items"].as_array().map(Vec::len), Some(expected));
            }
        }
        let gent = get_as(&app, "http://gent.localhost/api/v1/projects/ideas", None).await;
        assert_eq!(gent.status, StatusCode::NOT_FOUND);
    }
    // Health checks are the platform's.
    let r = call(
        &app,
        Method::GET,
        "http://localhost/api/v1/health",
        None,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn names_of(conn: &mut PgConnection, sql: &str) -> Vec<String> {
    diesel::sql_query(sql)
        .load::<Name>(conn)
        .expect(sql)
        .into_iter()
        .map(|r| r.name)
        .collect()
}

#[actix_web::test]
async fn every_table_but_the_shared_ones_is_a_municipalitys_and_its_policy_holds_it() {
    let db = TestDb::new();
    import_testgem(&db);
    let mut conn = db.conn();
    let shared = samenstad_db::tenancy::PLATFORM_TABLES
        .iter()
        .map(|t| format!("'{t}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let tenant_tables = format!(
        "SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = 'public' AND c.relkind = 'r' \
         AND c.relname NOT IN ({shared}, '__diesel_schema_migrations')"
    );
    assert!(
        names_of(
            &mut conn,
            &format!("SELECT relname AS name FROM ({tenant_tables}) t")
        )
        .len()
            > 60
    );
    let without_column = names_of(
        &mut conn,
        &format!(
            "SELECT t.relname AS name FROM ({tenant_tables}) t WHERE NOT EXISTS (SELECT 1 FROM \
             pg_attribute a WHERE a.attrelid = t.oid AND a.attname = 'municipality_id' \
             AND a.attnotnull)"
        ),
    );
    assert!(
        without_column.is_empty(),
        "no municipality_id: {without_column:?}"
    );
    let unguarded = names_of(
        &mut conn,
        &format!(
            "SELECT t.relname AS name FROM ({tenant_tables}) t JOIN pg_class c ON c.oid = t.oid \
             WHERE NOT c.relrowsecurity OR NOT EXISTS (SELECT 1 FROM pg_policy p WHERE \
             p.polrelid = t.oid AND p.polname = 'municipality_scope') OR NOT \
             has_table_privilege('samenstad_tenant', t.oid, 'SELECT, INSERT, UPDATE, DELETE')"
        ),
    );
    assert!(
        unguarded.is_empty(),
        "no policy or no rights: {unguarded:?}"
    );
    // Constraints in the form a table distributed by municipality (Citus) needs: a natural key
    // unique per municipality; the exclusion constraints (the booking guard) by municipality.
    let global_keys = names_of(
        &mut conn,
        &format!(
            "SELECT i.indexrelid::regclass::text AS name FROM pg_index i \
             JOIN ({tenant_tables}) t ON t.oid = i.indrelid \
             WHERE (i.indisunique OR i.indisexclusion) AND NOT i.indisprimary \
             AND pg_get_indexdef(i.indexrelid) !~ '\\(municipality_id' \
             AND (i.indisexclusion OR NOT EXISTS (SELECT 1 FROM unnest(i.indkey) k(attnum) \
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum \
                  WHERE a.atttypid = 'uuid'::regtype))"
        ),
    );
    assert!(
        global_keys.is_empty(),
        "not per municipality: {global_keys:?}"
    );

    // As a request runs: Testgem sees its two wijken, and cannot write a row of Gent.
    let testgem =
        samenstad_db::tenancy::municipality_id(&mut conn, Some("testgem")).expect("testgem");
    let gent = samenstad_db::tenancy::municipality_id(&mut conn, None).expect("gent");
    let seen: Result<i64, diesel::result::Error> =
        samenstad_db::tenancy::as_tenant(&mut conn, testgem, |conn| {
            Ok(diesel::sql_query("SELECT count(*) AS n FROM wijk")
                .get_result::<Count>(conn)?
                .n)
        });
    assert_eq!(seen.expect("count"), 2);
    let forged: Result<usize, diesel::result::Error> =
        samenstad_db::tenancy::as_tenant(&mut conn, testgem, |conn| {
            diesel::sql_query(
                "UPDATE venue SET name = 'x' WHERE slug = 'sociaal-huis-dendermonde'",
            )
            .execute(conn)?;
            diesel::sql_query(format!(
                "INSERT INTO announcement (kind, subject_id, municipality_id) \
                 VALUES ('vote_opened', gen_random_uuid(), '{gent}')"
            ))
            .execute(conn)
        });
    let err = forged
        .expect_err("a row of Gent written as Testgem")
        .to_string();
    assert!(err.contains("row-level security"), "{err}");
    assert_eq!(
        count(&db, "SELECT count(*) AS n FROM venue WHERE name = 'x'"),
        0,
        "another municipality's venue is not even seen"
    );
}

#[test]
fn a_file_in_lambert_72_or_without_names_imports_nothing_and_says_why() {
    let db = TestDb::new();
    let mut file: serde_json::Value = serde_json::from_str(&testgem_areas()).expect("json");
    file["features"][0]["geometry"]["coordinates"] = json!([[
        [105_000.0, 190_000.0],
        [105_100.0, 190_000.0],
        [105_100.0, 190_100.0],
        [105_000.0, 190_000.0]
    ]]);
    file["features"][1]["properties"] = json!({"nr": 2});
    let lambert = file.to_string();
    let problems = import_wijken(
        &mut db.conn(),
        &AreaImport {
            municipality: "Testgem".to_owned(),
            hosts: vec!["https://testgem.example".to_owned()],
            ..AreaImport::default()
        },
        &lambert,
        "lambert.geojson",
    )
    .expect_err("rejected");
    assert!(
        problems.iter().any(|p| p.contains("--host")),
        "{problems:#?}"
    );
    let problems = import_wijken(
        &mut db.conn(),
        &AreaImport {
            municipality: "Testgem".to_owned(),
            ..AreaImport::default()
        },
        &lambert,
        "lambert.geojson",
    )
    .expect_err("rejected");
    assert!(
        problems.iter().any(|p| p.contains("Lambert 72")),
        "{problems:#?}"
    );
    assert!(
        problems.iter().any(|p| p.starts_with("area 2")),
        "{problems:#?}"
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM municipality WHERE slug = 'testgem'"
        ),
        0
    );
}

#[actix_web::test]
async fn a_page_is_titled_and_described_for_the_municipality_of_its_host() {
    let db = TestDb::new();
    import_testgem(&db);
    let (app, dir) = app_with_pages(&db).await;
    let head = |html: &str| html.split("</head>").next().unwrap_or_default().to_owned();
    // A page with first HTML is titled by its heading; one without by the municipality.
    let (status, home) = text(&app, &format!("{TESTGEM}/"), None).await;
    assert_eq!(status, StatusCode::OK);
    let home = head(&home);
    assert!(
        home.contains("<title>Samen stad maken: de 2 wijken van Testgem – Samenstad</title>"),
        "{home}"
    );
    assert!(
        home.contains(
            "content=\"Samenstad: de 2 wijken van Testgem, wijkbudget, subsidies en buurtlokalen.\""
        ),
        "{home}"
    );
    let (_, login) = text(&app, &format!("{TESTGEM}/login"), None).await;
    let login = head(&login);
    assert!(
        login.contains("<title>Samenstad – de wijken van Testgem</title>"),
        "{login}"
    );
    assert!(!login.contains("Gent") && !home.contains("Gent"), "{login}");
    // The footer names the source of its own data.
    let (_, page) = text(&app, &format!("{TESTGEM}/venues"), None).await;
    let footer = page.split("<footer").nth(1).unwrap_or_default();
    assert!(!footer.contains("Stad Gent"), "{footer}");
    let attribution = get_as(&app, &format!("{TESTGEM}/api/v1/municipality"), None).await;
    let attribution = attribution.body["attribution"]
        .as_str()
        .expect("attribution");
    assert!(
        footer.contains(&format!("<p>{attribution}</p>")),
        "{footer}"
    );
    let (_, gent) = text(&app, "/venues", None).await;
    assert!(
        head(&gent).contains("<title>Zoek een zaal of ontmoetingsplek – Samenstad</title>"),
        "{gent}"
    );
    let _ = std::fs::remove_dir_all(dir);
}
