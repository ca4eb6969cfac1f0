//! Signals (meldingen): routing, the service's steps with their reasons, mails, reopening,
//! duplicates within 250 m, following, staff-entered signals, the hourly limit and who may do
//! what.

#![expect(clippy::expect_used, reason = "tests fail loudly")]

mod common;

use actix_web::http::{Method, StatusCode};
use samenstad_db::testing::TestDb;
use serde_json::{Value, json};

use common::*;

/// Rabotplein, and points 240 m and 260 m north of it (1° of latitude ≈ 111,195 m).
const RABOT: (f64, f64) = (51.0625, 3.7125);
const NORTH_240: (f64, f64) = (51.0625 + 240.0 / 111_195.0, 3.7125);
const NORTH_260: (f64, f64) = (51.0625 + 260.0 / 111_195.0, 3.7125);
/// Near Gent-Sint-Pieters, in another wijk.
const SINT_PIETERS: (f64, f64) = (51.0359, 3.7107);

fn litter(at: (f64, f64)) -> Value {
    json!({"category": "litter", "lat": at.0, "lon": at.1,
        "description": "Een hoop vuilniszakken naast de glasbol."})
}

async fn wijknr_at(app: &impl TestService, at: (f64, f64)) -> i64 {
    let r = get_as(
        app,
        &format!("/api/v1/wijken/lookup?lat={}&lon={}", at.0, at.1),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body["wijknr"].as_i64().expect("a wijk")
}

async fn service_id(app: &impl TestService, key: &str) -> String {
    let r = get_as(app, "/api/v1/city-services", None).await;
    r.body
        .as_array()
        .expect("services")
        .iter()
        .find(|s| s["key"] == key)
        .and_then(|s| s["id"].as_str())
        .expect("the service")
        .to_owned()
}

/// A verified account with `service_staff` of the service `key`; its token.
async fn service_staff(
    app: &impl TestService,
    db: &TestDb,
    admin: &str,
    email: &str,
    key: &str,
) -> String {
    let id = verified_user(app, db, email).await;
    let scope = service_id(app, key).await;
    let r = post(
        app,
        &format!("/api/v1/admin/users/{id}/roles"),
        json!({"role": "service_staff", "scope_id": scope}),
        Some(admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    access(app, email).await
}

async fn resident(app: &impl TestService, db: &TestDb, email: &str) -> String {
    verified_user(app, db, email).await;
    access(app, email).await
}

async fn report(app: &impl TestService, token: &str, body: Value) -> Value {
    let r = post(app, "/api/v1/signals", body, Some(token)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        r.headers.get("location").and_then(|v| v.to_str().ok()),
        Some(format!("/api/v1/signals/{}", r.body["id"].as_str().expect("id")).as_str())
    );
    r.body
}

async fn step(app: &impl TestService, token: Option<&str>, id: &str, body: Value) -> Reply {
    post(app, &format!("/api/v1/signals/{id}/steps"), body, token).await
}

fn in_days(days: i64) -> String {
    (chrono::Utc::now().with_timezone(&chrono_tz::Europe::Brussels) + chrono::Duration::days(days))
        .date_naive()
        .to_string()
}

#[actix_web::test]
async fn a_signal_is_routed_answered_step_by_step_mailed_and_reopened_by_its_reporter() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let ivago = service_staff(&app, &db, &admin, "ivago@example.org", "ivago").await;
    let groen = service_staff(&app, &db, &admin, "groen@example.org", "groendienst").await;
    let ann = resident(&app, &db, "ann@example.org").await;
    let bert = resident(&app, &db, "bert@example.org").await;

    let signal = report(&app, &ann, litter(RABOT)).await;
    let id = signal["id"].as_str().expect("id").to_owned();
    assert_eq!(signal["status"], "submitted");
    assert_eq!(signal["service"]["key"], "ivago", "litter goes to IVAGO");
    assert_eq!(signal["wijknr"], wijknr_at(&app, RABOT).await);
    assert_eq!(signal["channel"], "web");
    assert_eq!(signal["followers"], 1, "the reporter follows it");

    // The public sees neither the name nor the reporter; the service sees who reported.
    let public = get_as(&app, &format!("/api/v1/signals/{id}"), None).await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(public.body["reporter_name"], Value::Null);
    assert_eq!(public.body["reporter"], Value::Null);
    assert_eq!(public.body["history"].as_array().map(Vec::len), Some(1));
    let seen = get_as(&app, &format!("/api/v1/signals/{id}"), Some(&ivago)).await;
    assert_eq!(seen.body["reporter"]["contact"], "ann@example.org");
    let other = get_as(&app, &format!("/api/v1/signals/{id}"), Some(&groen)).await;
    assert_eq!(
        other.body["reporter"],
        Value::Null,
        "another service does not"
    );

    // Only staff of the signal's service take a step.
    let ack = json!({"action": "acknowledge", "reason": "We hebben je melding gezien."});
    for (token, status) in [
        (None, StatusCode::UNAUTHORIZED),
        (Some(ann.as_str()), StatusCode::FORBIDDEN),
        (Some(groen.as_str()), StatusCode::FORBIDDEN),
    ] {
        let r = step(&app, token, &id, ack.clone()).await;
        assert_eq!(r.status, status, "{}", r.body);
    }
    let r = step(&app, Some(&ivago), &id, ack.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["status"], "acknowledged");
    let r = step(&app, Some(&ivago), &id, ack.clone()).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);

    // Planning needs a day, today or later.
    let r = step(
        &app,
        Some(&ivago),
        &id,
        json!({"action": "plan", "reason": "Volgende ronde."}),
    )
    .await;
    assert_eq!(problem_field(&r), "planned_for");
    let r = step(
        &app,
        Some(&ivago),
        &id,
        json!({"action": "plan", "reason": "Volgende ronde.", "planned_for": in_days(-1)}),
    )
    .await;
    assert_eq!(problem_field(&r), "planned_for");
    let day = in_days(3);
    let r = step(
        &app,
        Some(&ivago),
        &id,
        json!({"action": "plan", "reason": "De ploeg ruimt dit op bij de volgende ronde.", "planned_for": day}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        (&r.body["status"], &r.body["planned_for"]),
        (&json!("planned"), &json!(day))
    );

    // Closing says how; "not responsible" names who is.
    let r = step(
        &app,
        Some(&ivago),
        &id,
        json!({"action": "close", "resolution": "not_responsible", "reason": "Privéterrein."}),
    )
    .await;
    assert_eq!(problem_field(&r), "responsible");
    let r = step(
        &app,
        Some(&ivago),
        &id,
        json!({"action": "close", "resolution": "fixed", "reason": "Opgeruimd op maandagochtend."}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        (&r.body["status"], &r.body["resolution"]),
        (&json!("closed"), &json!("fixed"))
    );
    assert!(r.body["closed_at"].is_string());
    let r = step(&app, Some(&ivago), &id, ack.clone()).await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "closed stays closed for the service"
    );

    // The reporter was mailed each step.
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM mail_outbox WHERE to_address = 'ann@example.org' AND template = 'signal_changed'"
        ),
        3
    );

    // Only the reporter reopens, with a comment.
    let reopen = json!({"comment": "De zakken liggen er nog altijd."});
    let r = post(
        &app,
        &format!("/api/v1/signals/{id}/reopen"),
        reopen.clone(),
        Some(&bert),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = post(
        &app,
        &format!("/api/v1/signals/{id}/reopen"),
        json!({"comment": ""}),
        Some(&ann),
    )
    .await;
    assert_eq!(problem_field(&r), "comment");
    let r = post(
        &app,
        &format!("/api/v1/signals/{id}/reopen"),
        reopen.clone(),
        Some(&ann),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["status"], "submitted");
    assert_eq!(r.body["closed_at"], Value::Null);
    let history = r.body["history"].as_array().expect("history").clone();
    let statuses: Vec<&str> = history
        .iter()
        .filter_map(|e| e["status"].as_str())
        .collect();
    assert_eq!(
        statuses,
        [
            "submitted",
            "acknowledged",
            "planned",
            "closed",
            "submitted"
        ]
    );
    assert_eq!(history[3]["reason"], "Opgeruimd op maandagochtend.");
    assert_eq!(history[4]["by_reporter"], true);
    let r = post(
        &app,
        &format!("/api/v1/signals/{id}/reopen"),
        reopen.clone(),
        Some(&ann),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "only a closed signal is reopened"
    );

    // Every change is in the audit log.
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) AS n FROM audit_log WHERE object_type = 'signal' AND object_id = '{id}'"
            )
        ),
        5
    );

    // More than 30 days after its closing, it stays closed.
    let r = step(
        &app,
        Some(&ivago),
        &id,
        json!({"action": "close", "resolution": "not_fixed", "reason": "Valt onder het onderhoud van volgend jaar."}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    count(
        &db,
        &format!(
            "WITH u AS (UPDATE signal SET closed_at = now() - interval '31 days' WHERE id = '{id}' RETURNING 1) SELECT count(*) AS n FROM u"
        ),
    );
    let r = post(
        &app,
        &format!("/api/v1/signals/{id}/reopen"),
        reopen,
        Some(&ann),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
}

fn problem_field(r: &Reply) -> String {
    assert_eq!(r.status, refusal_status(&r.body), "{}", r.body);
    r.body["errors"][0]["field"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[actix_web::test]
async fn open_signals_within_250_metres_are_shown_and_a_duplicate_hands_its_followers_over() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let ivago = service_staff(&app, &db, &admin, "ivago@example.org", "ivago").await;
    let ann = resident(&app, &db, "ann@example.org").await;
    let bert = resident(&app, &db, "bert@example.org").await;
    let chris = resident(&app, &db, "chris@example.org").await;

    let first = report(&app, &ann, litter(RABOT)).await;
    let first_id = first["id"].as_str().expect("id").to_owned();
    let near = |at: (f64, f64), category: &str| {
        let app = &app;
        let uri = format!(
            "/api/v1/signals/nearby?category={category}&lat={}&lon={}",
            at.0, at.1
        );
        async move {
            let r = get_as(app, &uri, None).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            r.body
                .as_array()
                .expect("a list")
                .iter()
                .filter_map(|s| s["id"].as_str().map(str::to_owned))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(near(NORTH_240, "litter").await, vec![first_id.clone()]);
    assert!(near(NORTH_260, "litter").await.is_empty(), "not at 260 m");
    assert!(
        near(NORTH_240, "green").await.is_empty(),
        "not another category"
    );

    // Bert reports it again anyway; Chris follows his.
    let second = report(&app, &bert, litter(NORTH_240)).await;
    let second_id = second["id"].as_str().expect("id").to_owned();
    let r = call(
        &app,
        Method::PUT,
        &format!("/api/v1/signals/{second_id}/follow"),
        None,
        Some(&chris),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);

    // A duplicate links another signal that is not itself a duplicate.
    let dup = |of: &str| json!({"action": "close", "resolution": "duplicate", "duplicate_of": of, "reason": "Al gemeld."});
    let r = step(&app, Some(&ivago), &second_id, dup(&second_id)).await;
    assert_eq!(problem_field(&r), "duplicate_of");
    let r = step(
        &app,
        Some(&ivago),
        &second_id,
        json!({"action": "close", "resolution": "duplicate", "reason": "Al gemeld."}),
    )
    .await;
    assert_eq!(problem_field(&r), "duplicate_of");
    let r = step(&app, Some(&ivago), &second_id, dup(&first_id)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["duplicate_of"], json!(first_id));

    // Bert and Chris now follow the original, and are mailed its next change.
    let original = get_as(&app, &format!("/api/v1/signals/{first_id}"), None).await;
    assert_eq!(original.body["followers"], 3);
    let r = step(
        &app,
        Some(&ivago),
        &first_id,
        json!({"action": "acknowledge", "reason": "Gezien."}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    for to in ["ann@example.org", "bert@example.org", "chris@example.org"] {
        assert_eq!(
            count(
                &db,
                &format!(
                    "SELECT count(*) AS n FROM mail_outbox WHERE to_address = '{to}' AND template = 'signal_changed' AND body LIKE '%{first_id}%'"
                )
            ),
            1,
            "{to}"
        );
    }
    // A closed signal is no longer a possible duplicate; unfollowing stops the mails.
    assert_eq!(near(RABOT, "litter").await, vec![first_id.clone()]);
    let r = call(
        &app,
        Method::DELETE,
        &format!("/api/v1/signals/{first_id}/follow"),
        None,
        Some(&chris),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let original = get_as(&app, &format!("/api/v1/signals/{first_id}"), None).await;
    assert_eq!(original.body["followers"], 2);
}

#[actix_web::test]
async fn the_routing_table_sends_a_category_to_the_service_its_wijk_names_and_only_administrators_change_it()
 {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let ann = resident(&app, &db, "ann@example.org").await;
    let routes = get_as(&app, "/api/v1/signal-routes", None).await;
    assert_eq!(
        routes.body.as_array().map(Vec::len),
        Some(8),
        "one line per category"
    );

    let rabot = wijknr_at(&app, RABOT).await;
    assert_ne!(rabot, wijknr_at(&app, SINT_PIETERS).await);
    let line = json!({"category": "litter", "wijknr": rabot, "service": "wegen"});
    let r = call(
        &app,
        Method::PUT,
        "/api/v1/signal-routes",
        Some(line.clone()),
        Some(&ann),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    for (bad, field) in [
        (
            json!({"category": "litter", "wijknr": rabot, "service": "nobody"}),
            "service",
        ),
        (
            json!({"category": "potholes", "wijknr": rabot, "service": "wegen"}),
            "category",
        ),
        (
            json!({"category": "litter", "wijknr": 99, "service": "wegen"}),
            "wijknr",
        ),
    ] {
        let r = call(
            &app,
            Method::PUT,
            "/api/v1/signal-routes",
            Some(bad),
            Some(&admin),
        )
        .await;
        assert_eq!(problem_field(&r), field);
    }
    let r = call(
        &app,
        Method::PUT,
        "/api/v1/signal-routes",
        Some(line.clone()),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body.as_array().map(Vec::len), Some(9));
    // Setting it again changes the line, not the table's length.
    let r = call(
        &app,
        Method::PUT,
        "/api/v1/signal-routes",
        Some(line),
        Some(&admin),
    )
    .await;
    assert_eq!(r.body.as_array().map(Vec::len), Some(9));

    let here = report(&app, &ann, litter(RABOT)).await;
    assert_eq!(here["service"]["key"], "wegen", "the wijk's own line");
    let there = report(&app, &ann, litter(SINT_PIETERS)).await;
    assert_eq!(
        there["service"]["key"], "ivago",
        "the default line elsewhere"
    );

    // The service's queue, and the public list per wijk and category.
    let queue = get_as(&app, "/api/v1/signals?service=wegen", None).await;
    assert_eq!(queue.body["items"].as_array().map(Vec::len), Some(1));
    let listed = get_as(
        &app,
        &format!("/api/v1/signals?wijk={rabot}&category=litter"),
        None,
    )
    .await;
    assert_eq!(listed.body["items"][0]["id"], here["id"]);
    for (uri, expected) in [
        ("/api/v1/signals?status=lost", StatusCode::BAD_REQUEST),
        ("/api/v1/signals?category=potholes", StatusCode::NOT_FOUND),
        ("/api/v1/signals?service=nobody", StatusCode::NOT_FOUND),
        ("/api/v1/signals?limit=0", StatusCode::BAD_REQUEST),
    ] {
        let r = get_as(&app, uri, None).await;
        assert_eq!(r.status, expected, "{uri}: {}", r.body);
    }
    let audit = count(
        &db,
        "SELECT count(*) AS n FROM audit_log WHERE action = 'signal.route_set'",
    );
    assert_eq!(audit, 2);

    // Open data: every signal, without its description or reporter.
    let (status, _, csv) = get(&app, "/api/v1/signals.csv").await;
    assert_eq!(status, StatusCode::OK);
    let text = String::from_utf8(csv).expect("utf-8");
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(
        text.starts_with("id,category,wijknr,service,lat,lon,channel,status,"),
        "{text}"
    );
    assert!(
        !text.contains("vuilniszakken") && !text.contains("ann@example.org"),
        "{text}"
    );
    let (status, _, geojson) = get(&app, "/api/v1/signals.geojson").await;
    assert_eq!(status, StatusCode::OK);
    let geojson: Value = serde_json::from_slice(&geojson).expect("GeoJSON");
    assert_eq!(
        geojson["features"][0]["geometry"]["coordinates"],
        json!([RABOT.1, RABOT.0])
    );
    assert_eq!(geojson["features"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        geojson["features"][0]["properties"].get("description"),
        None
    );
}

#[actix_web::test]
async fn staff_enter_signals_from_other_channels_residents_cannot_and_an_account_reports_ten_an_hour()
 {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let ann = resident(&app, &db, "ann@example.org").await;
    let rabot = wijknr_at(&app, RABOT).await as i16;
    let staff = staff_of(&app, &db, &admin, "wijk@example.org", rabot).await;
    let ivago = service_staff(&app, &db, &admin, "ivago@example.org", "ivago").await;

    let phoned = json!({"category": "litter", "lat": RABOT.0, "lon": RABOT.1, "channel": "phone",
        "description": "Sluikstort aan de achterkant van de sporthal.",
        "reporter_name": "Mevrouw Janssens", "reporter_contact": "09 123 45 67"});
    let r = post(&app, "/api/v1/signals", phoned.clone(), Some(&ann)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let mut named = litter(RABOT);
    named["reporter_name"] = json!("Iemand anders");
    let r = post(&app, "/api/v1/signals", named, Some(&ann)).await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "only staff name a reporter: {}",
        r.body
    );

    let entered = report(&app, &staff, phoned).await;
    assert_eq!(entered["channel"], "phone");
    let id = entered["id"].as_str().expect("id");
    let public = get_as(&app, &format!("/api/v1/signals/{id}"), None).await;
    assert_eq!(public.body["reporter_name"], Value::Null);
    let seen = get_as(&app, &format!("/api/v1/signals/{id}"), Some(&ivago)).await;
    assert_eq!(
        (
            &seen.body["reporter"]["name"],
            &seen.body["reporter"]["contact"]
        ),
        (&json!("Mevrouw Janssens"), &json!("09 123 45 67"))
    );

    // A name shown by choice.
    let mut shown = litter(SINT_PIETERS);
    shown["show_name"] = json!(true);
    let signal = report(&app, &ann, shown).await;
    assert_eq!(
        signal["reporter_name"], "Test",
        "the account's display name"
    );

    // Bad input is named field by field, and nothing is stored.
    let before = count(&db, "SELECT count(*) AS n FROM signal");
    for (body, field) in [
        (
            json!({"category": "litter", "lat": RABOT.0, "lon": RABOT.1, "description": "kort"}),
            "description",
        ),
        (
            json!({"category": "potholes", "lat": RABOT.0, "lon": RABOT.1, "description": "Een put in de weg."}),
            "category",
        ),
        (
            json!({"category": "litter", "lat": 200.0, "lon": RABOT.1, "description": "Een put in de weg."}),
            "lat",
        ),
    ] {
        let r = post(&app, "/api/v1/signals", body, Some(&ann)).await;
        assert_eq!(problem_field(&r), field);
    }
    assert_eq!(count(&db, "SELECT count(*) AS n FROM signal"), before);

    // Ten an hour per account: the eleventh waits.
    for _ in 1..10 {
        report(&app, &ann, litter(SINT_PIETERS)).await;
    }
    let r = post(&app, "/api/v1/signals", litter(SINT_PIETERS), Some(&ann)).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    let wait: i64 = r
        .headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!((3500..=3600).contains(&wait), "{wait}");
    // Staff entering signals are not limited by it.
    report(
        &app,
        &staff,
        json!({"category": "green", "lat": RABOT.0, "lon": RABOT.1, "channel": "buurtsalon",
        "description": "Een boom hangt over het fietspad."}),
    )
    .await;
}

#[actix_web::test]
async fn a_signal_photo_is_kept_without_its_location_and_only_while_the_signal_is_open() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let ivago = service_staff(&app, &db, &admin, "ivago@example.org", "ivago").await;
    let ann = resident(&app, &db, "ann@example.org").await;
    let bert = resident(&app, &db, "bert@example.org").await;
    let id = report(&app, &ann, litter(RABOT)).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let upload = |token: &str, content_type: &str, bytes: Vec<u8>| {
        actix_web::test::TestRequest::put()
            .uri(&format!("/api/v1/signals/{id}/photo"))
            .insert_header(("Authorization", format!("Bearer {token}")))
            .insert_header(("Content-Type", content_type.to_owned()))
            .set_payload(bytes)
            .to_request()
    };
    let send = |req| {
        let app = &app;
        async move {
            let res = actix_web::test::call_service(app, req).await;
            let status = res.status();
            let body: Value =
                serde_json::from_slice(&actix_web::test::read_body(res).await).unwrap_or_default();
            (status, body)
        }
    };
    let original = jpeg_with_location();
    assert_eq!(
        send(upload(&bert, "image/jpeg", original.clone())).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(upload(&ann, "image/jpeg", b"not a picture".to_vec()))
            .await
            .0,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let (status, body) = send(upload(&ann, "image/jpeg", original.clone())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let url = body["photo_url"].as_str().expect("photo_url").to_owned();
    let res = actix_web::test::call_service(
        &app,
        actix_web::test::TestRequest::get().uri(&url).to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let served = actix_web::test::read_body(res).await.to_vec();
    let has = |bytes: &[u8], needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(&original, b"GPSLatitude"));
    assert!(
        !has(&served, b"GPSLatitude") && !has(&served, b"Exif"),
        "the location is gone"
    );
    assert!(
        served.ends_with(&[0x12, 0x34, 0x56, 0xFF, 0xD9]),
        "the picture is kept"
    );
    // Eleven MiB is too large; a closed signal takes no photo.
    let (status, _) = send(upload(&ann, "image/jpeg", vec![0xFF; 11 * 1024 * 1024])).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let r = step(
        &app,
        Some(&ivago),
        &id,
        json!({"action": "close", "resolution": "fixed", "reason": "Opgeruimd."}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        send(upload(&ann, "image/jpeg", original)).await.0,
        StatusCode::CONFLICT
    );
}

#[actix_web::test]
async fn staff_moderate_a_signal_with_a_public_reason_and_a_hidden_one_is_no_longer_public() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let ivago = service_staff(&app, &db, &admin, "ivago@example.org", "ivago").await;
    let groen = service_staff(&app, &db, &admin, "groen@example.org", "groendienst").await;
    let ann = resident(&app, &db, "ann@example.org").await;
    let mut body = litter(RABOT);
    body["description"] = json!("Jan Peeters (0470 12 34 56) dumpt hier elke week zakken.");
    let id = report(&app, &ann, body).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let uri = format!("/api/v1/signals/{id}/moderation");
    let edit = json!({"description": "Iemand dumpt hier elke week zakken.", "reason": "Een naam en een telefoonnummer verwijderd."});
    for (token, status) in [
        (Some(ann.as_str()), StatusCode::FORBIDDEN),
        (Some(groen.as_str()), StatusCode::FORBIDDEN),
        (None, StatusCode::UNAUTHORIZED),
    ] {
        assert_eq!(post(&app, &uri, edit.clone(), token).await.status, status);
    }
    let r = post(&app, &uri, json!({"reason": "Niets."}), Some(&ivago)).await;
    assert_eq!(problem_field(&r), "reason", "nothing to change");
    let r = post(&app, &uri, edit, Some(&ivago)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let public = get_as(&app, &format!("/api/v1/signals/{id}"), None).await;
    assert_eq!(
        public.body["description"],
        "Iemand dumpt hier elke week zakken."
    );
    let last = &public.body["history"][1];
    assert_eq!(
        (&last["moderation"], &last["reason"]),
        (
            &json!(true),
            &json!("Een naam en een telefoonnummer verwijderd.")
        )
    );

    // A neighbour follows it before it is hidden.
    let bo = resident(&app, &db, "bo@example.org").await;
    let follow = format!("/api/v1/signals/{id}/follow");
    let r = call(&app, Method::PUT, &follow, None, Some(&bo)).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    // Hidden: gone from the public page, list, nearby and open data; the service still sees it.
    let r = post(
        &app,
        &uri,
        json!({"hidden": true, "reason": "Geen melding maar een klacht over een buur."}),
        Some(&ivago),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        r.body["hidden_reason"],
        "Geen melding maar een klacht over een buur."
    );
    assert_eq!(
        get_as(&app, &format!("/api/v1/signals/{id}"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_as(&app, &format!("/api/v1/signals/{id}"), Some(&ann))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_as(&app, &format!("/api/v1/signals/{id}"), Some(&ivago))
            .await
            .status,
        StatusCode::OK
    );
    let listed = get_as(&app, "/api/v1/signals", None).await;
    assert_eq!(listed.body["items"].as_array().map(Vec::len), Some(0));
    // Nor is its text in a follower's list, and nobody starts following it.
    let follows = get_as(&app, "/api/v1/me/follows", Some(&bo)).await;
    let title = follows.body[0]["title"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        title.ends_with(": verborgen") && !follows.body.to_string().contains("zakken"),
        "{}",
        follows.body
    );
    let r = call(&app, Method::PUT, &follow, None, Some(&ann)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let queue = get_as(&app, "/api/v1/signals?service=ivago", Some(&ivago)).await;
    assert_eq!(
        queue.body["items"].as_array().map(Vec::len),
        Some(1),
        "the service's queue keeps it"
    );
    let near = get_as(
        &app,
        &format!(
            "/api/v1/signals/nearby?category=litter&lat={}&lon={}",
            RABOT.0, RABOT.1
        ),
        None,
    )
    .await;
    assert_eq!(near.body.as_array().map(Vec::len), Some(0));
    let (_, _, csv) = get(&app, "/api/v1/signals.csv").await;
    assert_eq!(
        String::from_utf8(csv).expect("utf-8").lines().count(),
        1,
        "only the header"
    );
    // Shown again.
    let r = post(
        &app,
        &uri,
        json!({"hidden": false, "reason": "Toch een melding over de openbare ruimte."}),
        Some(&ivago),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        get_as(&app, &format!("/api/v1/signals/{id}"), None)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) AS n FROM audit_log WHERE action = 'signal.moderated' AND object_id = '{id}'"
            )
        ),
        3
    );
}

/// A raw request: (status, headers, body as text). `form` posts it form-encoded.
async fn raw(
    app: &impl TestService,
    method: Method,
    uri: &str,
    form: Option<&str>,
) -> (StatusCode, actix_web::http::header::HeaderMap, String) {
    let mut req = actix_web::test::TestRequest::default()
        .method(method)
        .uri(uri);
    if let Some(form) = form {
        req = req
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload(form.to_owned());
    }
    let res = actix_web::test::call_service(app, req.to_request()).await;
    let (status, headers) = (res.status(), res.headers().clone());
    let body = actix_web::test::read_body(res).await;
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

/// The JSON body of a raw answer.
fn parsed(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or(Value::Null)
}

/// An Open311 error answer: the status, and the standard's array of `{code, description}`.
fn open311_error(
    answer: &(StatusCode, actix_web::http::header::HeaderMap, String),
    status: u16,
) -> String {
    assert_eq!(answer.0.as_u16(), status, "{}", answer.2);
    let errors = parsed(&answer.2);
    let first = &errors.as_array().expect("an array of errors")[0];
    assert_eq!(first["code"], status, "{}", answer.2);
    first["description"]
        .as_str()
        .expect("a description")
        .to_owned()
}

async fn api_client(app: &impl TestService, admin: &str, scopes: Value) -> String {
    let r = post(
        app,
        "/api/v1/admin/api-clients",
        json!({"name": "Gentinfo app", "scopes": scopes}),
        Some(admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.body["client_secret"].as_str().expect("secret").to_owned()
}

#[actix_web::test]
async fn open311_serves_services_and_requests_in_json_and_xml_and_clients_post_with_their_key() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let ivago = service_staff(&app, &db, &admin, "ivago@example.org", "ivago").await;
    let key = api_client(&app, &admin, json!(["signals:write"])).await;
    let read_only = api_client(&app, &admin, json!([])).await;

    // Discovery and the services, in both formats.
    let d = raw(&app, Method::GET, "/open311/v2/discovery.json", None).await;
    assert_eq!(d.0, StatusCode::OK);
    assert_eq!(
        parsed(&d.2)["endpoints"][0]["specification"],
        "http://wiki.open311.org/GeoReport_v2"
    );
    let d = raw(&app, Method::GET, "/open311/v2/discovery.xml", None).await;
    assert!(d.2.contains("<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>"), "{}", d.2);
    assert!(
        d.2.contains(
            "<formats><format>text/xml</format><format>application/json</format></formats>"
        ),
        "{}",
        d.2
    );
    let s = raw(&app, Method::GET, "/open311/v2/services.json", None).await;
    assert_eq!(s.0, StatusCode::OK);
    let services = parsed(&s.2);
    let litter = services
        .as_array()
        .expect("services")
        .iter()
        .find(|s| s["service_code"] == "litter")
        .expect("litter");
    assert_eq!(litter["service_name"], "Zwerfvuil en sluikstort");
    assert_eq!(litter["metadata"], false);
    assert_eq!(litter["type"], "realtime");
    let s = raw(
        &app,
        Method::GET,
        "/open311/v2/services.xml?jurisdiction_id=stad.gent",
        None,
    )
    .await;
    assert_eq!(
        s.1.get("content-type").and_then(|v| v.to_str().ok()),
        Some("text/xml; charset=utf-8")
    );
    assert!(
        s.2.starts_with(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<services><service><service_code>"
        ),
        "{}",
        s.2
    );
    let def = raw(&app, Method::GET, "/open311/v2/services/litter.json", None).await;
    assert_eq!(
        parsed(&def.2),
        json!({"service_code": "litter", "attributes": []})
    );
    // Errors are the standard's arrays, never problem+json.
    open311_error(
        &raw(&app, Method::GET, "/open311/v2/services/nope.json", None).await,
        404,
    );
    open311_error(
        &raw(&app, Method::GET, "/open311/v2/services.csv", None).await,
        404,
    );
    open311_error(
        &raw(
            &app,
            Method::GET,
            "/open311/v2/services.json?jurisdiction_id=brugge.be",
            None,
        )
        .await,
        404,
    );
    open311_error(
        &raw(&app, Method::GET, "/open311/v2/nothing-here", None).await,
        404,
    );
    let wrong_method = raw(&app, Method::DELETE, "/open311/v2/requests.json", None).await;
    open311_error(&wrong_method, 405);
    assert_eq!(
        wrong_method.1.get("allow").and_then(|v| v.to_str().ok()),
        Some("GET, POST")
    );

    // A client posts a request for a resident, form-encoded with its key.
    let form = format!(
        "api_key={key}&jurisdiction_id=stad.gent&service_code=litter&lat={}&long={}&first_name=An&last_name=Peeters&email=an%40example.org&description=Een+hoop+vuilniszakken+naast+de+glasbol.",
        RABOT.0, RABOT.1
    );
    let created = raw(&app, Method::POST, "/open311/v2/requests.json", Some(&form)).await;
    assert_eq!(created.0, StatusCode::CREATED, "{}", created.2);
    let answer = parsed(&created.2);
    let id = answer[0]["service_request_id"]
        .as_str()
        .expect("an id")
        .to_owned();
    assert!(
        answer[0]["service_notice"]
            .as_str()
            .expect("a notice")
            .contains("IVAGO")
    );
    assert_eq!(
        created.1.get("location").and_then(|v| v.to_str().ok()),
        Some(format!("/open311/v2/requests/{id}.json").as_str())
    );
    // It is a signal like any other, in IVAGO's queue; the name and e-mail for staff only.
    let seen = get_as(&app, &format!("/api/v1/signals/{id}"), Some(&ivago)).await;
    assert_eq!(seen.body["channel"], "api");
    assert_eq!(seen.body["service"]["key"], "ivago");
    assert_eq!(seen.body["reporter"]["name"], "An Peeters");
    assert_eq!(seen.body["reporter"]["contact"], "an@example.org");
    assert_eq!(
        get_as(&app, &format!("/api/v1/signals/{id}"), None)
            .await
            .body["reporter"],
        Value::Null
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'signal.reported' AND actor_client_id IS NOT NULL"
        ),
        1
    );
    let xml = raw(&app, Method::POST, "/open311/v2/requests.xml", Some(&form)).await;
    assert_eq!(xml.0, StatusCode::CREATED, "{}", xml.2);
    assert!(
        xml.2
            .contains("<service_requests><request><service_request_id>"),
        "{}",
        xml.2
    );

    // Wrong keys, places and fields are refused, and nothing is stored.
    let before = count(&db, "SELECT count(*) AS n FROM signal");
    let with = |replace: &str, by: &str| form.replace(replace, by);
    let bad_key = raw(
        &app,
        Method::POST,
        "/open311/v2/requests.json",
        Some(&with(&key, "wrong")),
    )
    .await;
    assert!(open311_error(&bad_key, 403).contains("Invalid api_key"));
    open311_error(
        &raw(
            &app,
            Method::POST,
            "/open311/v2/requests.json",
            Some(&with(&key, &read_only)),
        )
        .await,
        403,
    );
    open311_error(
        &raw(
            &app,
            Method::POST,
            "/open311/v2/requests.json",
            Some(&form.replace(&format!("api_key={key}&"), "")),
        )
        .await,
        403,
    );
    let no_place = with(&format!("&lat={}&long={}", RABOT.0, RABOT.1), "");
    assert!(
        open311_error(
            &raw(
                &app,
                Method::POST,
                "/open311/v2/requests.json",
                Some(&no_place)
            )
            .await,
            400
        )
        .contains("place")
    );
    open311_error(
        &raw(
            &app,
            Method::POST,
            "/open311/v2/requests.json",
            Some(&with("service_code=litter", "service_code=nope")),
        )
        .await,
        400,
    );
    open311_error(
        &raw(
            &app,
            Method::POST,
            "/open311/v2/requests.json",
            Some(&format!(
                "{form}&media_url=http%3A%2F%2Fexample.org%2Fa.jpg"
            )),
        )
        .await,
        400,
    );
    open311_error(
        &raw(
            &app,
            Method::POST,
            "/open311/v2/requests.json",
            Some(&format!("{form}&attribute%5Bsize%5D=big")),
        )
        .await,
        400,
    );
    open311_error(
        &raw(
            &app,
            Method::POST,
            "/open311/v2/requests.json",
            Some(&with(
                "description=Een+hoop+vuilniszakken+naast+de+glasbol.",
                "description=kort",
            )),
        )
        .await,
        400,
    );
    let json_body = actix_web::test::TestRequest::post()
        .uri("/open311/v2/requests.json")
        .set_json(json!({"api_key": key}))
        .to_request();
    assert_eq!(
        actix_web::test::call_service(&app, json_body)
            .await
            .status(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(count(&db, "SELECT count(*) AS n FROM signal"), before);

    // The service plans it: open, with the finer state and the reason in status_notes.
    let r = step(
        &app,
        Some(&ivago),
        &id,
        json!({"action": "plan", "planned_for": in_days(3), "reason": "De ploeg komt langs."}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let one = raw(
        &app,
        Method::GET,
        &format!("/open311/v2/requests/{id}.json"),
        None,
    )
    .await;
    let request = &parsed(&one.2)[0];
    assert_eq!(request["status"], "open");
    assert_eq!(request["detailed_status"], "planned");
    assert_eq!(
        request["status_notes"],
        format!("Ingepland voor {}: De ploeg komt langs.", in_days(3))
    );
    assert_eq!(request["agency_responsible"], "IVAGO");
    assert_eq!(request["service_name"], "Zwerfvuil en sluikstort");
    assert_eq!(request["long"], RABOT.1);
    let requested = request["requested_datetime"].as_str().expect("a time");
    assert!(
        chrono::DateTime::parse_from_rfc3339(requested).is_ok()
            && (requested.ends_with("+01:00") || requested.ends_with("+02:00")),
        "{requested}"
    );
    assert!(
        request["expected_datetime"]
            .as_str()
            .expect("expected")
            .starts_with(&format!("{}T00:00:00+0", in_days(3)))
    );
    let one_xml = raw(
        &app,
        Method::GET,
        &format!("/open311/v2/requests/{id}.xml"),
        None,
    )
    .await;
    assert!(
        one_xml.2.contains("<status>open</status>") && one_xml.2.contains("<address/>"),
        "{}",
        one_xml.2
    );

    // Closed as fixed: the status filter sees it.
    let r = step(
        &app,
        Some(&ivago),
        &id,
        json!({"action": "close", "resolution": "fixed", "reason": "Opgeruimd."}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let closed = parsed(
        &raw(
            &app,
            Method::GET,
            "/open311/v2/requests.json?status=closed",
            None,
        )
        .await
        .2,
    );
    assert_eq!(
        closed.as_array().map(|l| l
            .iter()
            .map(|r| r["service_request_id"].clone())
            .collect::<Vec<_>>()),
        Some(vec![json!(id)])
    );
    assert_eq!(closed[0]["status_notes"], "Opgelost: Opgeruimd.");
    let open = parsed(
        &raw(
            &app,
            Method::GET,
            "/open311/v2/requests.json?status=open&service_code=litter,green",
            None,
        )
        .await
        .2,
    );
    assert_eq!(
        open.as_array().map(Vec::len),
        Some(1),
        "the one posted as XML"
    );
    // Pages, ids and dates.
    let all = parsed(
        &raw(&app, Method::GET, "/open311/v2/requests.json", None)
            .await
            .2,
    );
    assert_eq!(all.as_array().map(Vec::len), Some(2));
    let second = parsed(
        &raw(
            &app,
            Method::GET,
            "/open311/v2/requests.json?page=2&page_size=1",
            None,
        )
        .await
        .2,
    );
    assert_eq!(second, json!([all[1].clone()]));
    let by_id = parsed(
        &raw(
            &app,
            Method::GET,
            &format!("/open311/v2/requests.json?service_request_id={id}&status=open"),
            None,
        )
        .await
        .2,
    );
    assert_eq!(
        by_id[0]["service_request_id"], id,
        "the id overrides the other filters"
    );
    let old = parsed(&raw(&app, Method::GET, "/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00%2B01:00", None).await.2);
    assert_eq!(old, json!([]));
    assert!(open311_error(&raw(&app, Method::GET, "/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-12-31T00:00:00Z", None).await, 400).contains("90 days"));
    open311_error(
        &raw(
            &app,
            Method::GET,
            "/open311/v2/requests.json?start_date=yesterday",
            None,
        )
        .await,
        400,
    );
    open311_error(
        &raw(
            &app,
            Method::GET,
            "/open311/v2/requests.json?status=pending",
            None,
        )
        .await,
        400,
    );
    open311_error(
        &raw(
            &app,
            Method::GET,
            &format!("/open311/v2/requests.json?service_request_id={id}&end_date=soon"),
            None,
        )
        .await,
        400,
    );
    open311_error(
        &raw(
            &app,
            Method::GET,
            "/open311/v2/requests.json?page_size=1001",
            None,
        )
        .await,
        400,
    );
    open311_error(
        &raw(
            &app,
            Method::GET,
            "/open311/v2/requests/not-an-id.json",
            None,
        )
        .await,
        404,
    );
    let xml_error = raw(
        &app,
        Method::GET,
        "/open311/v2/requests.xml?status=pending",
        None,
    )
    .await;
    assert!(
        xml_error
            .2
            .contains("<errors><error><code>400</code><description>"),
        "{}",
        xml_error.2
    );
}

#[actix_web::test]
async fn the_address_register_is_imported_and_places_a_signal_by_its_address() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let ann = resident(&app, &db, "ann@example.org").await;
    let file = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../db/data/gent/adressen-bibliotheken.csv"
    ))
    .expect("the extract of the libraries' addresses");
    let mut conn = db.conn();
    let imported = samenstad_api::address_import::import_addresses(
        &mut conn,
        &file,
        "adressen-bibliotheken.csv",
    );
    assert_eq!(
        imported,
        Ok(samenstad_api::import::ImportReport::Imported(15))
    );
    let again = samenstad_api::address_import::import_addresses(
        &mut conn,
        &file,
        "adressen-bibliotheken.csv",
    );
    assert_eq!(
        again,
        Ok(samenstad_api::import::ImportReport::Imported(15)),
        "known addresses are updated"
    );
    assert_eq!(count(&db, "SELECT count(*) AS n FROM address"), 15);

    // Found as one types: the start of the street and the number, accents and case ignored.
    let r = get_as(&app, "/api/v1/addresses?q=DRIESSTR%2099", None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let found = r.body.as_array().expect("addresses");
    assert_eq!(found.len(), 1, "{}", r.body);
    assert_eq!(found[0]["label"], "Driesstraat 99, 9050 Gent");
    // The point, from Lambert 72, is the library's published one (Filiaal Ledeberg).
    let off = samenstad_domain::geometry::distance_m(
        found[0]["lat"].as_f64().expect("lat"),
        found[0]["lon"].as_f64().expect("lon"),
        51.0383463401547,
        3.744506828315358,
    );
    assert!(off < 1.0, "{off} m from the library");
    let makeba = get_as(&app, "/api/v1/addresses?q=makebaplein", None).await;
    assert_eq!(makeba.body[0]["label"], "Miriam Makebaplein 1, 9000 Gent");
    let many = get_as(&app, "/api/v1/addresses?q=gent", None).await;
    assert_eq!(
        many.body.as_array().map(Vec::len),
        Some(8),
        "eight by default"
    );
    let rerum = get_as(
        &app,
        "/api/v1/addresses?q=rerum%20novarum%20186b&limit=3",
        None,
    )
    .await;
    assert_eq!(rerum.body[0]["number"], "186B");
    assert_eq!(
        get_as(&app, "/api/v1/addresses?q=zz", None).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        get_as(&app, "/api/v1/addresses?q=kerkstraat", None)
            .await
            .body,
        json!([])
    );

    // A resident reports at the address: the signal shows it.
    let id = found[0]["id"].as_str().expect("id");
    let mut body = litter((
        found[0]["lat"].as_f64().expect("lat"),
        found[0]["lon"].as_f64().expect("lon"),
    ));
    body["address_id"] = json!(id);
    let signal = report(&app, &ann, body.clone()).await;
    assert_eq!(signal["address"], "Driesstraat 99, 9050 Gent");
    body["address_id"] = json!("9999/Nergensstraat/1");
    let r = post(&app, "/api/v1/signals", body, Some(&ann)).await;
    assert_eq!(problem_field(&r), "address_id");

    // An Open311 client names the place by its address.
    let key = api_client(&app, &admin, json!(["signals:write"])).await;
    let form = format!(
        "api_key={key}&service_code=litter&address_string=Driesstraat+99&description=Een+kapotte+zetel+op+de+stoep."
    );
    let created = raw(&app, Method::POST, "/open311/v2/requests.json", Some(&form)).await;
    assert_eq!(created.0, StatusCode::CREATED, "{}", created.2);
    let request_id = parsed(&created.2)[0]["service_request_id"]
        .as_str()
        .expect("id")
        .to_owned();
    let request = parsed(
        &raw(
            &app,
            Method::GET,
            &format!("/open311/v2/requests/{request_id}.json"),
            None,
        )
        .await
        .2,
    );
    assert_eq!(request[0]["address"], "Driesstraat 99, 9050 Gent");
    assert_eq!(request[0]["zipcode"], "9050");
    assert_eq!(request[0]["lat"], found[0]["lat"]);
    let vague = form.replace("Driesstraat+99", "9000");
    assert!(
        open311_error(
            &raw(
                &app,
                Method::POST,
                "/open311/v2/requests.json",
                Some(&vague)
            )
            .await,
            400
        )
        .contains("several")
    );
}

/// A verified account with `council_staff` of the council `key`; its token.
async fn council_staff(
    app: &impl TestService,
    db: &TestDb,
    admin: &str,
    email: &str,
    key: &str,
) -> String {
    let id = verified_user(app, db, email).await;
    let councils = get_as(app, "/api/v1/advisory-councils", None).await;
    let scope = councils
        .body
        .as_array()
        .expect("councils")
        .iter()
        .find(|c| c["key"] == key)
        .and_then(|c| c["id"].as_str())
        .expect("the council")
        .to_owned();
    let r = post(
        app,
        &format!("/api/v1/admin/users/{id}/roles"),
        json!({"role": "council_staff", "scope_id": scope}),
        Some(admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    access(app, email).await
}

#[actix_web::test]
async fn an_advice_request_is_published_answered_by_its_councils_and_each_advice_gets_the_citys_response()
 {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let ivago = service_staff(&app, &db, &admin, "ivago@example.org", "ivago").await;
    let jeugd = council_staff(&app, &db, &admin, "jeugdraad@example.org", "jeugdraad").await;
    let senioren = council_staff(&app, &db, &admin, "senioren@example.org", "seniorenraad").await;
    let ann = resident(&app, &db, "ann@example.org").await;

    // The ten councils the city names, each with a support contact the administrators set.
    let councils = get_as(&app, "/api/v1/advisory-councils", None).await;
    assert_eq!(councils.body.as_array().map(Vec::len), Some(10));
    let r = call(&app, Method::PUT, "/api/v1/advisory-councils/jeugdraad",
        Some(json!({"description": "Adviseert over jeugdbeleid.", "contact_name": "Sara Claes", "contact_email": "jeugdraad-steun@example.org"})), Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["contact_email"], "jeugdraad-steun@example.org");
    let r = call(
        &app,
        Method::PUT,
        "/api/v1/advisory-councils/jeugdraad",
        Some(json!({"description": "x"})),
        Some(&jeugd),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // A service asks two councils; a resident or a council cannot ask.
    let ask = json!({"subject": "Ontwerp van het wijkbudget 2027", "question": "Hoe kan het wijkbudget meer jongeren en ouderen bereiken?",
        "requested_by": "Dienst Beleidsparticipatie", "documents": ["https://stad.gent/ontwerpnota.pdf"],
        "deadline": in_days(14), "councils": ["jeugdraad", "seniorenraad"]});
    for token in [&ann, &jeugd] {
        assert_eq!(
            post(&app, "/api/v1/advice-requests", ask.clone(), Some(token))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
    }
    let mut too_soon = ask.clone();
    too_soon["deadline"] = json!(in_days(3));
    assert_eq!(
        problem_field(&post(&app, "/api/v1/advice-requests", too_soon, Some(&ivago)).await),
        "deadline"
    );
    let mut unknown = ask.clone();
    unknown["councils"] = json!(["jeugdraad", "schaakraad"]);
    assert_eq!(
        problem_field(&post(&app, "/api/v1/advice-requests", unknown, Some(&ivago)).await),
        "councils[1]"
    );
    let created = post(&app, "/api/v1/advice-requests", ask, Some(&ivago)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let id = created.body["id"].as_str().expect("id").to_owned();
    assert_eq!(created.body["status"], "open");
    assert_eq!(created.body["advice"].as_array().map(Vec::len), Some(2));
    // Public at once, and the council's support contact is mailed.
    let public = get_as(&app, &format!("/api/v1/advice-requests/{id}"), None).await;
    assert_eq!(public.body["subject"], "Ontwerp van het wijkbudget 2027");
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM mail_outbox WHERE template = 'advice_requested' AND to_address = 'jeugdraad-steun@example.org'"
        ),
        1
    );
    let listed = get_as(&app, "/api/v1/advice-requests?council=jeugdraad", None).await;
    assert_eq!(listed.body["items"][0]["id"], id.as_str());
    assert_eq!(
        get_as(&app, "/api/v1/advice-requests?council=cultuurraad", None)
            .await
            .body["items"],
        json!([])
    );

    // Each council publishes its own advice, once; the city cannot respond before.
    let advice = json!({"text": "De Jeugdraad vraagt een apart budget voor projecten van jongeren.", "document_url": "https://jeugdraad.example.org/advies.pdf"});
    let url = format!("/api/v1/advice-requests/{id}/advice/jeugdraad");
    assert_eq!(
        post(
            &app,
            &format!("{url}/response"),
            json!({"response": "followed", "reason": "Goed idee."}),
            Some(&ivago)
        )
        .await
        .status,
        StatusCode::CONFLICT
    );
    for token in [&senioren, &ann, &ivago] {
        assert_eq!(
            post(&app, &url, advice.clone(), Some(token)).await.status,
            StatusCode::FORBIDDEN
        );
    }
    let r = post(&app, &url, advice.clone(), Some(&jeugd)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        post(&app, &url, advice.clone(), Some(&jeugd)).await.status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/advice-requests/{id}/advice/cultuurraad"),
            advice.clone(),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM mail_outbox WHERE template = 'advice_published' AND to_address = 'ivago@example.org'"
        ),
        1
    );
    let r = post(
        &app,
        &format!("/api/v1/advice-requests/{id}/advice/seniorenraad"),
        json!({"text": "De Seniorenraad vraagt ook papieren formulieren."}),
        Some(&senioren),
    )
    .await;
    assert_eq!(
        r.body["status"], "closed",
        "every council asked has answered"
    );

    // The city responds to each advice with its reason, once; a council cannot.
    let answer = json!({"response": "partly_followed", "reason": "Er komt een oproep voor jongeren; een apart budget kan pas vanaf 2028."});
    assert_eq!(
        post(
            &app,
            &format!("{url}/response"),
            answer.clone(),
            Some(&jeugd)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let r = post(
        &app,
        &format!("{url}/response"),
        answer.clone(),
        Some(&ivago),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let jeugdraad = r.body["advice"]
        .as_array()
        .expect("advice")
        .iter()
        .find(|a| a["council"] == "jeugdraad")
        .expect("its advice")
        .clone();
    assert_eq!(jeugdraad["response"], "partly_followed");
    assert_eq!(
        jeugdraad["response_reason"],
        "Er komt een oproep voor jongeren; een apart budget kan pas vanaf 2028."
    );
    assert_eq!(
        post(&app, &format!("{url}/response"), answer, Some(&ivago))
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM mail_outbox WHERE template = 'advice_answered'"
        ),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action IN ('advice_request.published', 'advice.published', 'advice.responded', 'council.updated')"
        ),
        5
    );

    // Deadlines to subscribe to.
    let ics = raw(
        &app,
        Method::GET,
        "/api/v1/advice-requests/deadlines.ics",
        None,
    )
    .await;
    assert_eq!(ics.0, StatusCode::OK);
    assert!(
        ics.2
            .contains("SUMMARY:Deadline advies: Ontwerp van het wijkbudget 2027"),
        "{}",
        ics.2
    );
    assert!(
        ics.2.contains(&format!(
            "DTSTART;VALUE=DATE:{}",
            in_days(14).replace('-', "")
        )),
        "{}",
        ics.2
    );
}

#[actix_web::test]
async fn the_decisions_feed_tells_of_advice_requests_advice_and_the_citys_response() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let ask = json!({"subject": "Toegankelijke buurtcentra", "question": "Wat moet beter in de buurtcentra?",
        "requested_by": "Dienst Buurtwerk", "deadline": in_days(10), "councils": ["saph"]});
    let r = post(&app, "/api/v1/advice-requests", ask, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.body["id"].as_str().expect("id").to_owned();
    let url = format!("/api/v1/advice-requests/{id}/advice/saph");
    assert_eq!(
        post(
            &app,
            &url,
            json!({"text": "Drempels en te smalle deuren in drie buurtcentra."}),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(
        post(
            &app,
            &format!("{url}/response"),
            json!({"response": "followed", "reason": "De deuren worden in 2027 aangepast."}),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::OK
    );
    let feed = raw(&app, Method::GET, "/api/v1/projects/decisions.atom", None).await;
    assert_eq!(feed.0, StatusCode::OK);
    assert!(
        feed.2.contains("Adviesvraag: «Toegankelijke buurtcentra»"),
        "{}",
        feed.2
    );
    assert!(feed.2.contains("Advies van Stedelijke Adviesraad voor Personen met een Handicap (SAPH) over «Toegankelijke buurtcentra»"), "{}", feed.2);
    assert!(
        feed.2.contains("De deuren worden in 2027 aangepast."),
        "{}",
        feed.2
    );
}

#[actix_web::test]
async fn the_feedback_table_groups_a_periods_signals_ideas_and_advice_by_theme_with_their_answers()
{
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let ivago = service_staff(&app, &db, &admin, "ivago@example.org", "ivago").await;
    let ann = resident(&app, &db, "ann@example.org").await;
    let rabot = wijknr_at(&app, RABOT).await;

    // A signal closed with a reason, a hidden one, one in another wijk, an idea, an advice request.
    let fixed = report(&app, &ann, litter(RABOT)).await;
    let id = fixed["id"].as_str().expect("id");
    let r = step(
        &app,
        Some(&ivago),
        id,
        json!({"action": "close", "resolution": "fixed", "reason": "Opgeruimd op maandagochtend."}),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let hidden = report(&app, &ann, json!({"category": "litter", "lat": NORTH_260.0, "lon": NORTH_260.1, "description": "Mijn buurman Jan zet altijd zijn vuilniszakken buiten."})).await;
    let r = post(
        &app,
        &format!(
            "/api/v1/signals/{}/moderation",
            hidden["id"].as_str().expect("id")
        ),
        json!({"hidden": true, "reason": "Persoonsgegevens."}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    report(&app, &ann, litter(SINT_PIETERS)).await;
    let idea = post(&app, "/api/v1/projects/ideas", json!({"title": "Bankjes op het Rabotplein", "body": "Zitplaatsen voor de buurt.", "lat": RABOT.0, "lon": RABOT.1}), Some(&ann)).await;
    assert_eq!(idea.status, StatusCode::CREATED, "{}", idea.body);
    let ask = json!({"subject": "Zitbanken in de wijken", "question": "Waar ontbreken zitbanken?", "requested_by": "Dienst Wegen", "deadline": in_days(10), "councils": ["seniorenraad"]});
    assert_eq!(
        post(&app, "/api/v1/advice-requests", ask, Some(&admin))
            .await
            .status,
        StatusCode::CREATED
    );

    // The wijk's table: its two visible lines under their themes, with the answers.
    let r = get_as(&app, &format!("/api/v1/feedback?wijk={rabot}"), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["wijknr"], rabot);
    let themes: Vec<&str> = r.body["themes"]
        .as_array()
        .expect("themes")
        .iter()
        .map(|t| t["theme"].as_str().expect("theme"))
        .collect();
    assert_eq!(themes, ["Wijkbudget", "Zwerfvuil en sluikstort"]);
    let line = &r.body["themes"][1]["items"];
    assert_eq!(
        line.as_array().map(Vec::len),
        Some(1),
        "the hidden signal is left out: {line}"
    );
    assert_eq!(line[0]["status"], "closed");
    assert_eq!(line[0]["outcome"], "fixed");
    assert_eq!(line[0]["response"], "Opgeruimd op maandagochtend.");
    assert_eq!(line[0]["responsible"], "IVAGO");
    assert_eq!(
        r.body["themes"][0]["items"][0]["title"],
        "Bankjes op het Rabotplein"
    );
    assert!(
        !r.body.to_string().contains("Jan"),
        "nothing of the hidden signal"
    );

    // The city's table has the other wijk's signal and the advice; the CSV has every line.
    let city = get_as(&app, "/api/v1/feedback", None).await;
    let lines: usize = city.body["themes"]
        .as_array()
        .expect("themes")
        .iter()
        .map(|t| t["items"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(lines, 4, "{}", city.body);
    assert!(
        city.body
            .to_string()
            .contains("Advies: Stedelijke Seniorenraad")
    );
    let csv = raw(&app, Method::GET, "/api/v1/feedback.csv", None).await;
    assert_eq!(csv.0, StatusCode::OK);
    assert_eq!(
        csv.2.lines().count(),
        5,
        "a header and four lines: {}",
        csv.2
    );
    assert!(
        csv.2
            .starts_with("theme,kind,date,title,status,outcome,response,responsible,link")
    );

    // Bad input.
    assert_eq!(
        problem_field(&get_as(&app, "/api/v1/feedback?wijk=99", None).await),
        "wijk"
    );
    assert_eq!(
        problem_field(&get_as(&app, "/api/v1/feedback?from=2026-12-10&to=2026-12-01", None).await),
        "from"
    );
    assert_eq!(
        problem_field(&get_as(&app, "/api/v1/feedback?from=2024-01-01&to=2026-12-01", None).await),
        "from"
    );
    assert_eq!(
        problem_field(&get_as(&app, "/api/v1/feedback?from=gisteren", None).await),
        "from"
    );
    let old = get_as(&app, "/api/v1/feedback?from=2025-01-01&to=2025-06-30", None).await;
    assert_eq!(old.body["themes"], json!([]));
}

// ---------------------------------------------------------------------------------------------
// Notifications: following, the weekly digest, immediate mails and the unsubscribe link.

fn token_in(body: &str) -> String {
    let start = body.find("token=").expect("an unsubscribe link") + 6;
    body[start..]
        .split_whitespace()
        .next()
        .expect("token")
        .to_owned()
}

#[actix_web::test]
async fn a_resident_follows_a_wijk_weekly_gets_one_digest_and_its_link_unsubscribes_without_login()
{
    let db = TestDb::new();
    let app = app(&db).await;
    let ann = resident(&app, &db, "ann@example.org").await;
    let bob = resident(&app, &db, "bob@example.org").await;
    let wijk = wijknr_at(&app, RABOT).await.to_string();

    // Bad input: an unknown kind or mode, or a wijk that does not exist.
    let r = post(
        &app,
        "/api/v1/me/follows",
        json!({"kind": "street", "target": wijk}),
        Some(&ann),
    )
    .await;
    assert_eq!(problem_field(&r), "kind");
    let r = post(
        &app,
        "/api/v1/me/follows",
        json!({"kind": "wijk", "target": wijk, "mode": "daily"}),
        Some(&ann),
    )
    .await;
    assert_eq!(problem_field(&r), "mode");
    let r = post(
        &app,
        "/api/v1/me/follows",
        json!({"kind": "wijk", "target": "99"}),
        Some(&ann),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        post(
            &app,
            "/api/v1/me/follows",
            json!({"kind": "wijk", "target": wijk}),
            None
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );

    // Ann follows the wijk by its number, weekly; again sets the mode (200).
    let r = post(
        &app,
        "/api/v1/me/follows",
        json!({"kind": "wijk", "target": wijk, "mode": "immediate"}),
        Some(&ann),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = post(
        &app,
        "/api/v1/me/follows",
        json!({"kind": "wijk", "target": wijk, "mode": "weekly"}),
        Some(&ann),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["mode"], "weekly");
    assert_eq!(r.body["kind"], "wijk");
    assert!(
        r.body["path"]
            .as_str()
            .is_some_and(|p| p.starts_with("/wijken/")),
        "{}",
        r.body
    );
    let follows = get_as(&app, "/api/v1/me/follows", Some(&ann)).await;
    assert_eq!(follows.body.as_array().map(Vec::len), Some(1));
    let follow_id = follows.body[0]["id"].as_str().expect("id").to_owned();
    // Bob cannot see or change Ann's follow.
    let r = call(
        &app,
        Method::PATCH,
        &format!("/api/v1/me/follows/{follow_id}"),
        Some(json!({"mode": "immediate"})),
        Some(&bob),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = call(
        &app,
        Method::DELETE,
        &format!("/api/v1/me/follows/{follow_id}"),
        None,
        Some(&bob),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Bob reports litter and submits an idea in the wijk: two lines wait for Ann, no mail yet.
    let signal = report(&app, &bob, litter(RABOT)).await;
    let idea = post(&app, "/api/v1/projects/ideas",
        json!({"title": "Bankjes op het Rabotplein", "body": "Er is nergens plaats om even te zitten.", "wijk": wijk}), Some(&bob)).await;
    assert_eq!(idea.status, StatusCode::CREATED, "{}", idea.body);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM mail_outbox WHERE to_address = 'ann@example.org' AND template <> 'verify_email'"
        ),
        0
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM notification WHERE sent_at IS NULL"
        ),
        2
    );
    // Bob, who made the changes, hears nothing of them (he follows his signal and idea).
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = 'bob@example.org'"
        ),
        0
    );

    // The privacy exports hold them: Ann's follow and waiting lines, Bob's signal as he gave it.
    let export = get_as(&app, "/api/v1/me/export", Some(&ann)).await;
    assert_eq!(export.body["follows"][0]["kind"], "wijk");
    assert_eq!(export.body["digest_lines_waiting"], 2);
    let export = get_as(&app, "/api/v1/me/export", Some(&bob)).await;
    assert_eq!(
        export.body["signals"][0]["description"],
        "Een hoop vuilniszakken naast de glasbol."
    );
    assert_eq!(
        export.body["follows"].as_array().map(Vec::len),
        Some(2),
        "his signal and idea"
    );

    // The digest: one mail with both lines under the wijk, each with its link; once.
    let pool = pool(&db);
    assert_eq!(
        samenstad_api::notify::send_digests(&pool, "http://samenstad.test").expect("digest"),
        1
    );
    assert_eq!(
        samenstad_api::notify::send_digests(&pool, "http://samenstad.test").expect("digest"),
        0
    );
    let digest = mail_body(&db, "ann@example.org", "digest");
    assert!(
        digest.contains("nieuwe melding: Zwerfvuil en sluikstort"),
        "{digest}"
    );
    assert!(
        digest.contains(&format!(
            "http://samenstad.test/signals/{}",
            signal["id"].as_str().expect("id")
        )),
        "{digest}"
    );
    assert!(
        digest.contains("nieuw idee: Bankjes op het Rabotplein"),
        "{digest}"
    );
    assert!(
        digest.contains(&format!(
            "http://samenstad.test/ideas/{}",
            idea.body["id"].as_str().expect("id")
        )),
        "{digest}"
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM mail_outbox WHERE template = 'digest' AND unsubscribe_url LIKE 'http://samenstad.test/unsubscribe?token=%'"
        ),
        1
    );

    // The digest's link works without logging in: it says what it stops, then stops it.
    let token = token_in(&digest);
    let read = get_as(&app, &format!("/api/v1/unsubscribe?token={token}"), None).await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);
    assert_eq!(read.body["following"], true);
    let mut forged = token.clone();
    forged.pop();
    forged.push(if token.ends_with('A') { 'B' } else { 'A' });
    let r = post(&app, "/api/v1/unsubscribe", json!({"token": forged}), None).await;
    assert_eq!(problem_field(&r), "token");
    let r = post(&app, "/api/v1/unsubscribe", json!({"token": token}), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["following"], false);
    assert_eq!(
        get_as(&app, "/api/v1/me/follows", Some(&ann)).await.body,
        json!([])
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'follow.unsubscribed'"
        ),
        1
    );
    // Again: no change, still 200.
    let r = post(&app, "/api/v1/unsubscribe", json!({"token": token}), None).await;
    assert_eq!(r.status, StatusCode::OK);
    // More news in the wijk reaches nobody.
    report(&app, &bob, litter(NORTH_260)).await;
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM notification WHERE sent_at IS NULL"
        ),
        0
    );
}

#[actix_web::test]
async fn immediate_follows_mail_each_change_and_a_mails_link_stops_only_its_follow() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let ivago = service_staff(&app, &db, &admin, "ivago@example.org", "ivago").await;
    let jeugd = council_staff(&app, &db, &admin, "jeugdraad@example.org", "jeugdraad").await;
    let ann = resident(&app, &db, "ann@example.org").await;
    let bob = resident(&app, &db, "bob@example.org").await;
    let staff = staff_of(&app, &db, &admin, "wijk@example.org", 1).await;

    // Ann follows the Jeugdraad at once.
    let r = post(
        &app,
        "/api/v1/me/follows",
        json!({"kind": "council", "target": "jeugdraad"}),
        Some(&ann),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["title"], "Jeugdraad");
    assert_eq!(r.body["path"], "/councils/jeugdraad");

    // Bob submits an idea in wijk 1 (he follows it), Ann supports it (she follows it now).
    let idea = post(&app, "/api/v1/projects/ideas",
        json!({"title": "Een pleintje zonder auto's", "body": "Het plein is nu een parking.", "wijk": "1"}), Some(&bob)).await;
    assert_eq!(idea.status, StatusCode::CREATED, "{}", idea.body);
    let idea_id = idea.body["id"].as_str().expect("id").to_owned();
    let r = post(
        &app,
        &format!("/api/v1/projects/ideas/{idea_id}/support"),
        json!({}),
        Some(&ann),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mine = get_as(&app, "/api/v1/me/follows", Some(&ann)).await;
    assert_eq!(mine.body.as_array().map(Vec::len), Some(2), "{}", mine.body);

    // Staff of the wijk take the idea into the dialogue: submitter and supporter are mailed.
    let r = post(&app, &format!("/api/v1/projects/ideas/{idea_id}/status"),
        json!({"status": "in_dialogue", "reason": "We bespreken het op de wijkdialoog van 12 januari."}), Some(&staff)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    for to in ["ann@example.org", "bob@example.org"] {
        let body = mail_body(&db, to, "idea_status");
        assert!(body.contains("het idee is nu in dialoog"), "{body}");
        assert!(body.contains("wijkdialoog van 12 januari"), "{body}");
        assert!(
            body.contains(&format!("http://samenstad.test/ideas/{idea_id}")),
            "{body}"
        );
    }

    // A service asks the Jeugdraad for advice: Ann is mailed, with the request's link.
    let ask = json!({"subject": "Speelruimte in de binnenstad", "question": "Waar ontbreekt speelruimte voor tieners?",
        "requested_by": "Dienst Jeugd", "deadline": in_days(14), "councils": ["jeugdraad"]});
    let created = post(&app, "/api/v1/advice-requests", ask, Some(&ivago)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let request = created.body["id"].as_str().expect("id").to_owned();
    let body = mail_body(&db, "ann@example.org", "council_news");
    assert!(
        body.contains("adviesvraag \u{201c}Speelruimte in de binnenstad\u{201d}"),
        "{body}"
    );
    assert!(
        body.contains(&format!("http://samenstad.test/advice/{request}")),
        "{body}"
    );
    assert!(
        body.contains("omdat je \u{201c}Jeugdraad\u{201d} volgt"),
        "{body}"
    );

    // Its link stops only the council: the idea's mails keep coming.
    let token = token_in(&body);
    let r = post(&app, "/api/v1/unsubscribe", json!({"token": token}), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["kind"], "council");
    assert_eq!(r.body["title"], "Jeugdraad");
    let left = get_as(&app, "/api/v1/me/follows", Some(&ann)).await;
    assert_eq!(left.body.as_array().map(Vec::len), Some(1));
    assert_eq!(left.body[0]["kind"], "idea");
    let r = post(
        &app,
        &format!("/api/v1/advice-requests/{request}/advice/jeugdraad"),
        json!({"text": "Vooral rond de Korenmarkt ontbreekt een plek om te sporten."}),
        Some(&jeugd),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM mail_outbox WHERE to_address = 'ann@example.org' AND template = 'council_news'"
        ),
        1
    );

    // Ann changes the idea to the weekly digest on her account page, then stops following it.
    let follow = left.body[0]["id"].as_str().expect("id").to_owned();
    let r = call(
        &app,
        Method::PATCH,
        &format!("/api/v1/me/follows/{follow}"),
        Some(json!({"mode": "weekly"})),
        Some(&ann),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["mode"], "weekly");
    let r = call(
        &app,
        Method::DELETE,
        &format!("/api/v1/me/follows/{follow}"),
        None,
        Some(&ann),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        get_as(&app, "/api/v1/me/follows", Some(&ann)).await.body,
        json!([])
    );
}

#[actix_web::test]
async fn a_council_attaches_its_published_advice_as_a_pdf_that_anyone_downloads() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let ivago = service_staff(&app, &db, &admin, "ivago@example.org", "ivago").await;
    let jeugd = council_staff(&app, &db, &admin, "jeugdraad@example.org", "jeugdraad").await;
    let ann = resident(&app, &db, "ann@example.org").await;
    let ask = json!({"subject": "Pleinen voor tieners", "question": "Welke pleinen missen een plek voor tieners?",
        "requested_by": "Dienst Jeugd", "deadline": in_days(14), "councils": ["jeugdraad"]});
    let created = post(&app, "/api/v1/advice-requests", ask, Some(&ivago)).await;
    let id = created.body["id"].as_str().expect("id").to_owned();
    let url = format!("/api/v1/advice-requests/{id}/advice/jeugdraad");
    let pdf = |text: &str| format!("%PDF-1.4\n% {text}\n%%EOF\n").into_bytes();
    let put = |token: String, content_type: &'static str, body: Vec<u8>| {
        let app = &app;
        let url = format!("{url}/document");
        async move {
            let req = actix_web::test::TestRequest::put()
                .uri(&url)
                .insert_header(("Authorization", format!("Bearer {token}")))
                .insert_header(("Content-Type", content_type))
                .set_payload(body)
                .to_request();
            let res = actix_web::test::call_service(app, req).await;
            let status = res.status();
            let body: Value = serde_json::from_slice(&actix_web::test::read_body(res).await)
                .unwrap_or(Value::Null);
            (status, body)
        }
    };

    // Not before the advice is published.
    assert_eq!(
        put(jeugd.clone(), "application/pdf", pdf("advies")).await.0,
        StatusCode::CONFLICT
    );
    let r = post(
        &app,
        &url,
        json!({"text": "Het Baudelopark en de Blaisantvest missen een plek om te sporten."}),
        Some(&jeugd),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Only the council's staff, only a PDF that is one.
    assert_eq!(
        put(ann.clone(), "application/pdf", pdf("advies")).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        put(jeugd.clone(), "image/png", pdf("advies")).await.0,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(
        put(jeugd.clone(), "application/pdf", b"just text".to_vec())
            .await
            .0,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );

    let (status, body) = put(jeugd.clone(), "application/pdf", pdf("eerste versie")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let first = body["advice"][0]["document_url"]
        .as_str()
        .expect("a link")
        .to_owned();
    let path = first
        .strip_prefix("http://samenstad.test")
        .expect("our own link")
        .to_owned();
    assert!(path.starts_with("/api/v1/files/"), "{first}");
    let (s, h, b) = get(&app, &path).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        h.get("content-type").and_then(|v| v.to_str().ok()),
        Some("application/pdf")
    );
    assert_eq!(b, pdf("eerste versie"));

    // A new version replaces the first (which is gone); after the city's response, no more.
    let (status, body) = put(jeugd.clone(), "application/pdf", pdf("tweede versie")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_ne!(
        body["advice"][0]["document_url"].as_str(),
        Some(first.as_str())
    );
    assert_eq!(get(&app, &path).await.0, StatusCode::NOT_FOUND);
    let r = post(
        &app,
        &format!("{url}/response"),
        json!({"response": "followed", "reason": "Beide parken krijgen een sportplek."}),
        Some(&ivago),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        put(jeugd, "application/pdf", pdf("derde versie")).await.0,
        StatusCode::CONFLICT
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'advice.document_attached'"
        ),
        2
    );
}
