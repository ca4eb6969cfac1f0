//! The venue finder, availability, iCal and bookings, through the real app and PostgreSQL.

#![expect(clippy::expect_used, reason = "tests fail loudly")]

mod common;

use std::time::Duration as StdDuration;

use actix_web::http::{Method, StatusCode};
use actix_web::{test as actix_test, web};
use chrono::{Duration, Timelike, Utc};
use samenstad_api::AppState;
use samenstad_api::app::build_app;
use samenstad_db::testing::TestDb;
use serde_json::{Value, json};

use common::*;

async fn venue_id(app: &impl TestService, slug: &str) -> (String, String) {
    let v = get_as(app, &format!("/api/v1/venues/{slug}"), None).await;
    assert_eq!(v.status, StatusCode::OK, "{}", v.body);
    (
        v.body["id"].as_str().expect("id").to_owned(),
        v.body["rooms"][0]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    )
}

/// A two-hour slot at 19:00 UTC, `days` ahead.
fn slot(days: i64) -> (String, String) {
    let start = (Utc::now() + Duration::days(days))
        .with_hour(19)
        .and_then(|t| t.with_minute(0))
        .and_then(|t| t.with_second(0))
        .and_then(|t| t.with_nanosecond(0))
        .expect("time");
    (
        start.to_rfc3339(),
        (start + Duration::hours(2)).to_rfc3339(),
    )
}

fn booking(
    purpose: &str,
    (start, end): &(String, String),
    attendees: i32,
    room_use: &str,
) -> Value {
    json!({"purpose": purpose, "attendees": attendees, "start": start, "end": end, "room_use": room_use})
}

#[actix_web::test]
async fn the_finder_filters_by_what_is_known_about_each_venue() {
    let db = TestDb::new();
    let app = app(&db).await;
    let all = get_as(&app, "/api/v1/venues?limit=100", None).await;
    assert_eq!(all.status, StatusCode::OK);
    let items = all.body["items"].as_array().expect("items");
    assert_eq!(
        items.len(),
        26,
        "15 library branches and 11 sample venues; Dendermonde's buurtpunt is Dendermonde's"
    );
    let krook = items
        .iter()
        .find(|v| v["name"] == "Bibliotheek Gent – Hoofdbibliotheek")
        .expect("main library");
    assert_eq!(
        (
            krook["address"]["street"].as_str(),
            krook["location_precision"].as_str(),
            krook["is_sample"].as_bool()
        ),
        (Some("Miriam Makebaplein 1"), Some("exact"), Some(false))
    );
    assert_eq!(krook["wijknr"], 1, "wijk derived from the coordinates");
    let toreke = items
        .iter()
        .find(|v| v["name"] == "Toreke")
        .expect("sample");
    assert_eq!(
        (
            toreke["is_sample"].as_bool(),
            toreke["location_precision"].as_str()
        ),
        (Some(true), Some("wijk"))
    );
    assert!(toreke["address"].is_null(), "no invented address");
    assert!(
        toreke["disclaimer"]
            .as_str()
            .is_some_and(|d| d.contains("Sociale Infrastructuur")),
        "private venues carry the disclaimer"
    );
    assert!(krook["disclaimer"].is_null());

    let count = |body: &Value| body["items"].as_array().map_or(0, Vec::len);
    assert_eq!(
        count(
            &get_as(&app, "/api/v1/venues?type=bibliotheek&limit=100", None)
                .await
                .body
        ),
        15
    );
    let rabot = get_as(
        &app,
        "/api/v1/venues?wijk=rabot-blaisantvest&limit=100",
        None,
    )
    .await
    .body;
    assert!(
        rabot["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|v| v["wijknr"] == 7)
    );
    assert!(
        names(&rabot).contains(&"Toreke".to_owned())
            && names(&rabot).contains(&"Buurtcentrum Rabot (Bazaar Rabot)".to_owned())
    );
    assert_eq!(
        count(
            &get_as(&app, "/api/v1/venues?capacity_min=40&limit=100", None)
                .await
                .body
        ),
        8
    );
    assert_eq!(
        count(
            &get_as(&app, "/api/v1/venues?capacity_min=41", None)
                .await
                .body
        ),
        0
    );
    assert_eq!(
        count(
            &get_as(&app, "/api/v1/venues?use=party&limit=100", None)
                .await
                .body
        ),
        8
    );
    assert_eq!(
        count(&get_as(&app, "/api/v1/venues?use=theatre", None).await.body),
        0
    );
    assert_eq!(
        count(
            &get_as(&app, "/api/v1/venues?facility=buurtsecretariaat", None)
                .await
                .body
        ),
        3
    );
    assert_eq!(
        names(&get_as(&app, "/api/v1/venues?q=SLUIZEKEN", None).await.body),
        vec!["Buurtcentrum Sluizeken"]
    );

    let geo = actix_test::call_service(
        &app,
        actix_test::TestRequest::get()
            .uri("/api/v1/venues.geojson?type=bibliotheek")
            .to_request(),
    )
    .await;
    assert_eq!(
        geo.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/geo+json")
    );
    let geo: Value = actix_test::read_body_json(geo).await;
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().expect("features");
    assert_eq!(features.len(), 15);
    assert!(features.iter().all(|f| {
        f["geometry"]["type"] == "Point"
            && f["geometry"]["coordinates"][0]
                .as_f64()
                .is_some_and(|lon| (3.5..4.0).contains(&lon))
    }));
    assert_eq!(
        get_as(&app, "/api/v1/venues.geojson?type=zwembad", None)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );

    // Near the Belfort: sorted by distance, and the radius cuts.
    let near = get_as(&app, "/api/v1/venues?near=51.05365,3.72476&limit=100", None)
        .await
        .body;
    let distances: Vec<f64> = near["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|v| v["distance_m"].as_f64().expect("distance"))
        .collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    let within = get_as(
        &app,
        "/api/v1/venues?near=51.05365,3.72476&radius_m=1000&limit=100",
        None,
    )
    .await
    .body;
    let within_d: Vec<f64> = within["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|v| v["distance_m"].as_f64().expect("d"))
        .collect();
    assert!(
        !within_d.is_empty()
            && within_d.len() < distances.len()
            && within_d.iter().all(|d| *d <= 1000.0)
    );

    // Pages of 10 cover everything once.
    let mut seen = Vec::new();
    let mut uri = "/api/v1/venues?limit=10".to_owned();
    loop {
        let page = get_as(&app, &uri, None).await.body;
        seen.extend(names(&page));
        match page["next_cursor"].as_str() {
            Some(c) => uri = format!("/api/v1/venues?limit=10&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 26);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 26);

    // Opening hours in Belgian time: Dendermonde's Sociaal Huis (walk-in Mon/Wed/Fri 9–12,
    // by appointment on weekdays, Tuesday evening on condition).
    let at = |weekday: chrono::Weekday, hour: u32, minute: u32| {
        use chrono::{Datelike, TimeZone};
        let mut day = Utc::now()
            .with_timezone(&chrono_tz::Europe::Brussels)
            .date_naive()
            + Duration::days(1);
        while day.weekday() != weekday {
            day += Duration::days(1);
        }
        let local = chrono_tz::Europe::Brussels
            .from_local_datetime(&day.and_hms_opt(hour, minute, 0).expect("time"))
            .single()
            .expect("unambiguous");
        urlencode(&local.to_rfc3339())
    };
    let huis = vec!["Sociaal Huis Dendermonde (buurtpunt)".to_owned()];
    for (weekday, hour, minute, expected) in [
        (chrono::Weekday::Wed, 10, 0, huis.clone()),
        (chrono::Weekday::Tue, 17, 30, huis.clone()),
        (chrono::Weekday::Sat, 10, 0, vec![]),
        (chrono::Weekday::Mon, 12, 30, vec![]),
    ] {
        let r = get_as(
            &app,
            &format!(
                "{DENDERMONDE}/api/v1/venues?open_at={}",
                at(weekday, hour, minute)
            ),
            None,
        )
        .await;
        assert_eq!(names(&r.body), expected, "{weekday} {hour}:{minute:02}");
    }
    let detail = get_as(
        &app,
        &format!("{DENDERMONDE}/api/v1/venues/sociaal-huis-dendermonde"),
        None,
    )
    .await
    .body;
    assert_eq!(detail["location_precision"], "municipality");
    assert_eq!(
        (detail["city"].as_str(), detail["address"].is_null()),
        (Some("Dendermonde"), true)
    );
    assert_eq!(detail["opening_hours"].as_array().map(Vec::len), Some(14));

    for bad in [
        "open_at=woensdag",
        "type=zwembad",
        "near=abc",
        "near=91,3",
        "radius_m=500",
        "available_from=2027-01-01T10:00:00Z",
        "capacity_min=0",
        "limit=101",
        "wijk=99",
        "cursor=x",
        "available_from=morgen&available_to=overmorgen",
    ] {
        let r = get_as(&app, &format!("/api/v1/venues?{bad}"), None).await;
        // A wijk or page that does not exist is a 404, a field without the one it needs a 422,
        // every other rule a 400.
        let expected = if ["wijk=99", "cursor=x"].contains(&bad) {
            StatusCode::NOT_FOUND
        } else if ["radius_m=500", "available_from=2027-01-01T10:00:00Z"].contains(&bad) {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::BAD_REQUEST
        };
        assert_eq!(r.status, expected, "{bad}: {}", r.body);
    }
    assert_eq!(
        get_as(&app, "/api/v1/venues/nergens", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn booking_rules_prices_decisions_availability_and_ical() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let manager_id = verified_user(&app, &db, "beheer@example.org").await;
    verified_user(&app, &db, "an@example.org").await;
    verified_user(&app, &db, "jo@example.org").await;
    let (venue, room) = venue_id(&app, "open-huis-watersportbaan").await;
    let granted = post(
        &app,
        &format!("/api/v1/admin/users/{manager_id}/roles"),
        json!({"role": "venue_manager", "scope_id": venue}),
        Some(&admin),
    )
    .await;
    assert_eq!(granted.status, StatusCode::CREATED, "{}", granted.body);
    let manager = access(&app, "beheer@example.org").await;
    let an = access(&app, "an@example.org").await;
    let jo = access(&app, "jo@example.org").await;
    let book = format!("/api/v1/rooms/{room}/bookings");
    let when = slot(40);

    for (body, field) in [
        (booking("Te groot", &when, 41, "meeting"), "attendees"),
        (booking("Toneel", &when, 10, "theatre"), "room_use"),
        (booking("Te vroeg", &slot(3), 10, "meeting"), "start"),
        (booking("Te laat", &slot(300), 10, "meeting"), "start"),
        (
            json!({"purpose": "Omgekeerd", "attendees": 5, "start": when.1, "end": when.0, "room_use": "meeting"}),
            "end",
        ),
        (
            json!({"purpose": "Geen tijd", "attendees": 5, "start": "volgende dinsdag", "end": when.1, "room_use": "meeting"}),
            "start",
        ),
    ] {
        let r = post(&app, &book, body, Some(&an)).await;
        assert_eq!(r.status, refusal_status(&r.body), "{field}: {}", r.body);
        assert_eq!(r.body["errors"][0]["field"], field);
    }
    assert_eq!(
        post(&app, &book, booking("Anoniem", &when, 5, "meeting"), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        count(&db, "SELECT count(*) AS n FROM booking"),
        0,
        "nothing stored"
    );

    // A resident pays the resident rate; the same Idempotency-Key replays.
    let req = || {
        actix_test::TestRequest::post()
            .uri(&book)
            .insert_header(("Authorization", format!("Bearer {an}")))
            .insert_header(("Idempotency-Key", "vergadering-1"))
            .set_json(booking("Bewonersvergadering", &when, 25, "meeting"))
    };
    let first = actix_test::call_service(&app, req().to_request()).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = actix_test::read_body_json(first).await;
    assert_eq!(
        (
            first["status"].as_str(),
            first["tariff_category"].as_str(),
            first["price_cents"].as_i64()
        ),
        (Some("requested"), Some("resident"), Some(2000))
    );
    let replay = actix_test::call_service(&app, req().to_request()).await;
    assert_eq!(replay.status(), StatusCode::OK);
    let replay: Value = actix_test::read_body_json(replay).await;
    assert_eq!(replay["id"], first["id"]);
    assert_eq!(count(&db, "SELECT count(*) AS n FROM booking"), 1);
    assert_eq!(
        check_refusing(&db, "UPDATE booking SET idempotency_key = ''"),
        Some("booking_idempotency_key_length".into())
    );

    // A recognised organisation pays the reduced rate; only members may book for it.
    let org = post(
        &app,
        "/api/v1/organisations",
        json!({"name": "Buurtcomité Ekkergem", "kind": "bewonersgroep", "wijknr": 5}),
        Some(&jo),
    )
    .await;
    let org_id = org.body["id"].as_str().expect("org").to_owned();
    assert_eq!(
        call(
            &app,
            Method::PUT,
            &format!("/api/v1/organisations/{org_id}/recognition"),
            Some(json!({"recognised": true})),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::OK
    );
    let mut for_org = booking("Buurtfeest", &slot(41), 30, "party");
    for_org["organisation_id"] = json!(org_id);
    assert_eq!(
        post(&app, &book, for_org.clone(), Some(&an)).await.status,
        StatusCode::FORBIDDEN,
        "not a member"
    );
    let reduced = post(&app, &book, for_org, Some(&jo)).await;
    assert_eq!(
        (
            reduced.body["tariff_category"].as_str(),
            reduced.body["price_cents"].as_i64()
        ),
        (Some("recognised"), Some(1000))
    );

    // Only the venue's manager decides; approval blocks the slot; declining needs a reason.
    let id = first["id"].as_str().expect("id");
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/bookings/{id}/approve"),
            json!({}),
            Some(&jo)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let approved = post(
        &app,
        &format!("/api/v1/bookings/{id}/approve"),
        json!({}),
        Some(&manager),
    )
    .await;
    assert_eq!(
        (approved.status, approved.body["status"].as_str()),
        (StatusCode::OK, Some("approved"))
    );
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/bookings/{id}/approve"),
            json!({}),
            Some(&manager)
        )
        .await
        .status,
        StatusCode::CONFLICT
    );
    let clash = post(
        &app,
        &book,
        booking("Overlap", &when, 5, "meeting"),
        Some(&jo),
    )
    .await;
    assert_eq!(clash.status, StatusCode::CONFLICT);
    assert!(
        clash.body["detail"]
            .as_str()
            .is_some_and(|d| d.contains("already booked from")),
        "{}",
        clash.body
    );
    let other = reduced.body["id"].as_str().expect("id");
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/bookings/{other}/decline"),
            json!({"reason": ""}),
            Some(&manager)
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );
    let declined = post(
        &app,
        &format!("/api/v1/bookings/{other}/decline"),
        json!({"reason": "Die avond is er onderhoud."}),
        Some(&manager),
    )
    .await;
    assert_eq!(
        (
            declined.body["status"].as_str(),
            declined.body["decision_reason"].as_str()
        ),
        (Some("declined"), Some("Die avond is er onderhoud."))
    );
    let mine = get_as(&app, "/api/v1/bookings", Some(&jo)).await.body;
    assert_eq!(
        mine[0]["status"], "declined",
        "the requester sees the decision"
    );
    assert_eq!(
        get_as(&app, "/api/v1/bookings?scope=managed", Some(&manager))
            .await
            .body
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    // A request waiting for a decision heads the inbox, before earlier decided bookings.
    let waiting = post(
        &app,
        &book,
        booking("Repetitie", &slot(60), 5, "meeting"),
        Some(&jo),
    )
    .await;
    assert_eq!(waiting.status, StatusCode::CREATED, "{}", waiting.body);
    let inbox = get_as(&app, "/api/v1/bookings?scope=managed", Some(&manager))
        .await
        .body;
    assert_eq!(
        (inbox[0]["id"].as_str(), inbox[0]["status"].as_str()),
        (waiting.body["id"].as_str(), Some("requested")),
        "{inbox}"
    );
    // Then what is coming, soonest first, and only then what is over: a venue's history never
    // pushes an upcoming booking off the list.
    let shift = |by: &str| {
        diesel::RunQueryDsl::execute(
            diesel::sql_query(format!(
                "UPDATE booking SET during = tstzrange(lower(during) {by} interval '400 days', \
                 upper(during) {by} interval '400 days') WHERE id = '{id}'"
            )),
            &mut db.conn(),
        )
        .expect("moved")
    };
    shift("-");
    let inbox = get_as(&app, "/api/v1/bookings?scope=managed", Some(&manager))
        .await
        .body;
    let order: Vec<&str> = inbox
        .as_array()
        .map(|a| a.iter().filter_map(|b| b["id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        order,
        [waiting.body["id"].as_str().unwrap_or("?"), other, id],
        "{inbox}"
    );
    shift("+");
    assert!(
        count(
            &db,
            "SELECT count(*) AS n FROM mail_outbox WHERE template = 'booking_decision'"
        ) >= 2
    );

    // Availability and iCal show the approved slot, without personal data.
    let (from, to) = (
        Utc::now().to_rfc3339(),
        (Utc::now() + Duration::days(60)).to_rfc3339(),
    );
    let availability = get_as(
        &app,
        &format!(
            "/api/v1/rooms/{room}/availability?from={}&to={}",
            urlencode(&from),
            urlencode(&to)
        ),
        None,
    )
    .await;
    assert_eq!(availability.status, StatusCode::OK, "{}", availability.body);
    assert_eq!(availability.body["busy"].as_array().map(Vec::len), Some(1));
    assert!(
        !availability
            .body
            .to_string()
            .contains("Bewonersvergadering")
    );
    let ics = actix_test::call_service(
        &app,
        actix_test::TestRequest::get()
            .uri(&format!("/api/v1/rooms/{room}/calendar.ics"))
            .to_request(),
    )
    .await;
    assert!(
        ics.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|c| c.starts_with("text/calendar"))
    );
    let text = String::from_utf8(actix_test::read_body(ics).await.to_vec()).expect("utf8");
    let parsed: icalendar::Calendar = text.parse().expect("valid iCalendar");
    let events: Vec<_> = parsed
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    assert_eq!(events.len(), 1);
    assert!(!text.contains("Bewonersvergadering") && !text.contains("an@example.org"));

    // The requester cancels; the slot is free again.
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/bookings/{id}/cancel"),
            json!({}),
            Some(&jo)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/bookings/{id}/cancel"),
            json!({}),
            Some(&an)
        )
        .await
        .body["status"],
        "cancelled"
    );
    assert_eq!(
        post(
            &app,
            &book,
            booking("Nu wel", &when, 5, "meeting"),
            Some(&jo)
        )
        .await
        .status,
        StatusCode::CREATED
    );
    let actions = count(
        &db,
        "SELECT count(*) AS n FROM audit_log WHERE action LIKE 'booking.%'",
    );
    assert_eq!(actions, 7, "requested ×4, approved, declined, cancelled");
}

fn urlencode(s: &str) -> String {
    s.replace('+', "%2B").replace(':', "%3A")
}

#[actix_web::test]
async fn a_room_free_in_the_window_is_found_and_a_booked_one_is_not() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let (_, room) = venue_id(&app, "buurtcentrum-sluizeken").await;
    let when = slot(50);
    let b = post(
        &app,
        &format!("/api/v1/rooms/{room}/bookings"),
        booking("Markt", &when, 30, "exhibition"),
        Some(&admin),
    )
    .await;
    assert_eq!(b.status, StatusCode::CREATED);
    let id = b.body["id"].as_str().expect("id");
    let search = |window: &(String, String)| {
        format!(
            "/api/v1/venues?facility=buurtsecretariaat&available_from={}&available_to={}",
            urlencode(&window.0),
            urlencode(&window.1)
        )
    };
    assert!(
        names(&get_as(&app, &search(&when), None).await.body)
            .contains(&"Buurtcentrum Sluizeken".to_owned()),
        "a request does not block"
    );
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/bookings/{id}/approve"),
            json!({}),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::OK
    );
    let during = names(&get_as(&app, &search(&when), None).await.body);
    assert!(
        !during.contains(&"Buurtcentrum Sluizeken".to_owned()) && during.len() == 2,
        "{during:?}"
    );
    assert!(
        names(&get_as(&app, &search(&slot(51)), None).await.body)
            .contains(&"Buurtcentrum Sluizeken".to_owned())
    );
}

#[actix_web::test]
async fn the_capacity_filter_follows_every_change_to_the_rooms() {
    use diesel::RunQueryDsl;
    let db = TestDb::new();
    // The rooms change behind the API's back (SQL, to test the trigger): without the public
    // cache, which only sees changes made through the API.
    let mut config = auth_config();
    config.public_cache_ms = 0;
    let app = actix_test::init_service(build_app(state_with(db.url(), config), settings())).await;
    let (venue, _) = venue_id(&app, "toreke").await;
    let big = |min: i32| {
        let app = &app;
        async move {
            let body = get_as(
                app,
                &format!("/api/v1/venues?capacity_min={min}&limit=100"),
                None,
            )
            .await
            .body;
            (names(&body), body)
        }
    };
    let sql = |q: String| {
        diesel::sql_query(q)
            .execute(&mut db.conn())
            .expect("room change");
    };
    assert!(
        big(41).await.0.is_empty(),
        "no sample room holds more than 40"
    );
    sql(format!(
        "INSERT INTO room (id, venue_id, name, capacity, uses, tariff_resident_cents) \
         VALUES (gen_random_uuid(), '{venue}', 'Grote zaal', 120, '{{party}}', 2000)"
    ));
    let (found, body) = big(100).await;
    assert_eq!(found, vec!["Toreke".to_owned()]);
    assert_eq!(body["items"][0]["max_capacity"], 120, "{body}");
    sql("UPDATE room SET capacity = 90 WHERE name = 'Grote zaal'".to_owned());
    assert!(
        big(100).await.0.is_empty(),
        "a smaller room no longer qualifies"
    );
    assert_eq!(big(90).await.0, vec!["Toreke".to_owned()]);
    sql("DELETE FROM room WHERE name = 'Grote zaal'".to_owned());
    assert!(
        big(41).await.0.is_empty(),
        "a removed room no longer counts"
    );
    let (all, _) = big(1).await;
    assert!(
        all.contains(&"Toreke".to_owned()),
        "its other room still counts"
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM venue v WHERE max_capacity <> coalesce((SELECT max(capacity) FROM room r WHERE r.venue_id = v.id), 0)"
        ),
        0,
        "the kept maximum equals the rooms' maximum for every venue"
    );
}

#[actix_web::test]
async fn the_finder_keeps_its_answers_briefly_but_shows_a_change_through_the_api_at_once() {
    use diesel::RunQueryDsl;
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let (venue, _) = venue_id(&app, "toreke").await;
    let big = || get_as(&app, "/api/v1/venues?capacity_min=100", None);
    assert!(names(&big().await.body).is_empty());
    // A change behind the API's back (another instance would be the same) is not seen while the
    // answer is kept ...
    diesel::sql_query(format!(
        "INSERT INTO room (id, venue_id, name, capacity, uses, tariff_resident_cents) \
         VALUES (gen_random_uuid(), '{venue}', 'Kelder', 150, '{{party}}', 2000)"
    ))
    .execute(&mut db.conn())
    .expect("a room");
    assert!(names(&big().await.body).is_empty(), "kept for a moment");
    // ... but any change through the API empties the cache, and the next read sees both.
    let r = send(
        &app,
        Method::POST,
        &format!("/api/v1/venues/{venue}/rooms"),
        Some(room_input("Grote zaal", 120, &["party"], 0)),
        Some(&admin),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let found = big().await.body;
    assert_eq!(names(&found), vec!["Toreke".to_owned()]);
    assert_eq!(found["items"][0]["max_capacity"], 150, "{found}");
}

#[actix_web::test]
async fn fifty_simultaneous_approvals_of_one_slot_approve_exactly_one() {
    let db = TestDb::new();
    let state: web::Data<AppState> = web::Data::new(AppState::new(
        samenstad_db::connect_pool(db.url(), 12, StdDuration::from_secs(10)),
        samenstad_api::auth::Auth::new(auth_config()),
    ));
    let app = actix_test::init_service(build_app(state, settings())).await;
    let admin = admin_token(&app, &db).await;
    let (_, room) = venue_id(&app, "buurtcentrum-macharius").await;
    let when = slot(60);
    let mut ids = Vec::new();
    for i in 0..50 {
        let r = post(
            &app,
            &format!("/api/v1/rooms/{room}/bookings"),
            booking(&format!("Aanvraag {i}"), &when, 10, "meeting"),
            Some(&admin),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED);
        ids.push(r.body["id"].as_str().expect("id").to_owned());
    }
    let uris: Vec<String> = ids
        .iter()
        .map(|id| format!("/api/v1/bookings/{id}/approve"))
        .collect();
    let approvals = uris
        .iter()
        .map(|uri| post(&app, uri, json!({}), Some(&admin)));
    let results = futures_util::future::join_all(approvals).await;
    let ok = results
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    let conflict = results
        .iter()
        .filter(|r| r.status == StatusCode::CONFLICT)
        .count();
    assert_eq!(
        (ok, conflict),
        (1, 49),
        "{:?}",
        results.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert!(results.iter().all(|r| r.status.as_u16() < 500));
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM booking WHERE status = 'approved'"
        ),
        1
    );
}

const GOOD_CSV: &str = "name,type,operator,operator_name,street,postal_code,city,lat,lon,drop_in,room_use,target_groups,facilities,accessibility,description,phone,email,website
Testhuis Rabot,buurthuis,groep_gent,Stad Gent,Wondelgemstraat 100,9000,Gent,51.0631,3.7125,ja,ja,55+|jongeren,kitchen,step_free_entrance,Een testhuis.,09 000 00 00,huis@example.org,https://example.org
Testlokaal Ledeberg,partner_place,private,Vzw Test,,,,51.0342,3.7445,true,false,,,,,,,
";

#[actix_web::test]
async fn the_importer_takes_all_good_lines_or_nothing_and_names_every_bad_line() {
    use samenstad_api::import::{ImportReport, import_venues};
    let db = TestDb::new();
    let before = count(&db, "SELECT count(*) AS n FROM venue");
    let bad = format!(
        "{GOOD_CSV}Te ver,buurthuis,groep_gent,,,,,50.8467,4.3525,,,,,,,,,\n,zwembad,gemeente,,,,,abc,3.7,misschien,,,,,,,geen-adres,ftp://x\nBibliotheek Gent – Hoofdbibliotheek,bibliotheek,groep_gent,,,,,51.0487,3.7287,,,,,,,,,\n"
    );
    let report = import_venues(&mut db.conn(), &bad, "bad.csv").expect("runs");
    let ImportReport::Rejected(lines) = report else {
        panic!("bad lines must be rejected")
    };
    assert_eq!(
        lines.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
        vec![4, 5, 6]
    );
    assert!(lines[0].1.contains("outside every wijk"), "{lines:?}");
    for part in [
        "name must be",
        "type `zwembad`",
        "operator `gemeente`",
        "lat and lon",
        "drop_in `misschien`",
        "email `geen-adres`",
        "website `ftp://x`",
    ] {
        assert!(lines[1].1.contains(part), "{part} in {}", lines[1].1);
    }
    assert!(lines[2].1.contains("already exists"));
    assert_eq!(
        count(&db, "SELECT count(*) AS n FROM venue"),
        before,
        "nothing imported"
    );

    assert_eq!(
        import_venues(&mut db.conn(), GOOD_CSV, "good.csv").expect("runs"),
        ImportReport::Imported(2)
    );
    let app = app(&db).await;
    let huis = get_as(&app, "/api/v1/venues/testhuis-rabot", None)
        .await
        .body;
    assert_eq!(
        (huis["wijknr"].as_i64(), huis["address"]["street"].as_str()),
        (Some(7), Some("Wondelgemstraat 100"))
    );
    assert_eq!(huis["target_groups"], json!(["55+", "jongeren"]));
    assert_eq!(huis["accessibility"], json!(["step_free_entrance"]));
    let lokaal = get_as(&app, "/api/v1/venues/testlokaal-ledeberg", None)
        .await
        .body;
    assert_eq!(
        (
            lokaal["wijknr"].as_i64(),
            lokaal["address"].is_null(),
            lokaal["disclaimer"].is_string()
        ),
        (Some(18), true, true)
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'venue.imported'"
        ),
        1
    );

    // GeoJSON through the binary.
    let geojson = json!({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [3.7445, 51.0550]}, "properties": {"name": "Geo Dampoort", "type": "buurtpunt", "operator": "public"}},
    ]});
    let path = std::env::temp_dir().join(format!("venues-{}.geojson", uuid_like()));
    std::fs::write(&path, geojson.to_string()).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_samenstad"))
        .args(["import", "venues", path.to_str().expect("path")])
        .env("DATABASE_URL", db.url())
        .env("SAMENSTAD_LOG", "warn")
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("imported 1 venues"));
    assert_eq!(
        get_as(&app, "/api/v1/venues/geo-dampoort", None).await.body["wijknr"],
        13
    );
    let _ = std::fs::remove_file(path);
}

fn uuid_like() -> String {
    format!(
        "{}-{}",
        std::process::id(),
        Utc::now().timestamp_nanos_opt().unwrap_or_default()
    )
}

#[actix_web::test]
async fn change_requests_are_checked_decided_by_staff_of_the_wijk_and_applied() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    verified_user(&app, &db, "an@example.org").await;
    let staff2 = verified_user(&app, &db, "staff2@example.org").await;
    let staff7 = verified_user(&app, &db, "staff7@example.org").await;
    for (id, nr) in [(&staff2, 2), (&staff7, 7)] {
        assert_eq!(
            post(
                &app,
                &format!("/api/v1/admin/users/{id}/roles"),
                json!({"role": "wijk_staff", "wijknr": nr}),
                Some(&admin)
            )
            .await
            .status,
            StatusCode::CREATED
        );
    }
    let an = access(&app, "an@example.org").await;
    let (staff2, staff7) = (
        access(&app, "staff2@example.org").await,
        access(&app, "staff7@example.org").await,
    );

    let outside = post(&app, "/api/v1/venue-changes", json!({"kind": "add", "reason": "Nieuwe zaal", "proposal": {"name": "Zaal Brussel", "type": "partner_place", "operator": "private", "lat": 50.8467, "lon": 4.3525}}), Some(&an)).await;
    assert_eq!(
        outside.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the listing it leads to breaks a rule"
    );
    assert!(
        outside.body["detail"]
            .as_str()
            .is_some_and(|d| d.contains("outside every wijk"))
    );
    assert_eq!(
        post(
            &app,
            "/api/v1/venue-changes",
            json!({"kind": "remove", "reason": "Weg"}),
            Some(&an)
        )
        .await
        .status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "removing needs the venue: which one?"
    );

    let add = post(&app, "/api/v1/venue-changes", json!({"kind": "add", "reason": "Onze parochiezaal is open voor buurtactiviteiten.",
        "proposal": {"name": "Parochiezaal Sint-Jozef", "type": "partner_place", "operator": "private", "street": "Wondelgemstraat 2", "lat": 51.0631, "lon": 3.7125, "room_use": true}}), Some(&an)).await;
    assert_eq!(
        (add.status, add.body["status"].as_str()),
        (StatusCode::CREATED, Some("pending")),
        "{}",
        add.body
    );
    let add_id = add.body["id"].as_str().expect("id").to_owned();
    assert_eq!(
        get_as(&app, "/api/v1/venues/parochiezaal-sint-jozef", None)
            .await
            .status,
        StatusCode::NOT_FOUND,
        "not before a decision"
    );
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/venue-changes/{add_id}/accept"),
            json!({}),
            Some(&an)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/venue-changes/{add_id}/accept"),
            json!({}),
            Some(&staff2)
        )
        .await
        .status,
        StatusCode::FORBIDDEN,
        "staff of another wijk"
    );
    let accepted = post(
        &app,
        &format!("/api/v1/venue-changes/{add_id}/accept"),
        json!({}),
        Some(&staff7),
    )
    .await;
    assert_eq!(accepted.body["status"], "accepted", "{}", accepted.body);
    let added = get_as(&app, "/api/v1/venues/parochiezaal-sint-jozef", None)
        .await
        .body;
    assert_eq!(
        (
            added["wijknr"].as_i64(),
            added["address"]["street"].as_str()
        ),
        (Some(7), Some("Wondelgemstraat 2"))
    );
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/venue-changes/{add_id}/accept"),
            json!({}),
            Some(&staff7)
        )
        .await
        .status,
        StatusCode::CONFLICT
    );

    let (toreke, _) = venue_id(&app, "toreke").await;
    let change = post(&app, "/api/v1/venue-changes", json!({"kind": "change", "venue_id": toreke, "reason": "Nieuwe uren", "proposal": {"description": "Sociaal restaurant, ook op zondag open."}}), Some(&an)).await;
    let change_id = change.body["id"].as_str().expect("id").to_owned();
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/venue-changes/{change_id}/reject"),
            json!({"reason": ""}),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/venue-changes/{change_id}/accept"),
            json!({}),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::OK
    );
    let toreke_now = get_as(&app, "/api/v1/venues/toreke", None).await.body;
    assert_eq!(
        toreke_now["description"],
        "Sociaal restaurant, ook op zondag open."
    );
    assert_eq!(toreke_now["name"], "Toreke", "unchanged fields stay");

    let (rabot, room) = venue_id(&app, "buurtcentrum-rabot-bazaar-rabot").await;
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/rooms/{room}/bookings"),
            booking("Vergadering", &slot(40), 10, "meeting"),
            Some(&an)
        )
        .await
        .status,
        StatusCode::CREATED
    );
    let remove = post(
        &app,
        "/api/v1/venue-changes",
        json!({"kind": "remove", "venue_id": rabot, "reason": "Gesloten"}),
        Some(&an),
    )
    .await;
    let remove_id = remove.body["id"].as_str().expect("id").to_owned();
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/venue-changes/{remove_id}/accept"),
            json!({}),
            Some(&staff7)
        )
        .await
        .status,
        StatusCode::CONFLICT,
        "bookings first"
    );
    let rejected = post(
        &app,
        &format!("/api/v1/venue-changes/{remove_id}/reject"),
        json!({"reason": "Het buurtcentrum blijft open."}),
        Some(&staff7),
    )
    .await;
    assert_eq!(
        (
            rejected.body["status"].as_str(),
            rejected.body["decision_reason"].as_str()
        ),
        (Some("rejected"), Some("Het buurtcentrum blijft open."))
    );

    // A change that moves a venue to another wijk needs staff of both: staff of wijk 2 cannot
    // take wijk 7's Toreke into their wijk, nor staff of wijk 7 give it away.
    let there = get_as(&app, "/api/v1/venues?wijk=2&limit=1", None)
        .await
        .body["items"][0]
        .clone();
    let in_wijk_2 = (
        there["lat"].as_f64().expect("lat"),
        there["lon"].as_f64().expect("lon"),
    );
    assert_eq!(there["wijknr"], 2);
    let moved = post(
        &app,
        "/api/v1/venue-changes",
        json!({"kind": "change", "venue_id": toreke, "reason": "Verhuisd",
        "proposal": {"lat": in_wijk_2.0, "lon": in_wijk_2.1}}),
        Some(&staff2),
    )
    .await;
    assert_eq!(moved.status, StatusCode::CREATED, "{}", moved.body);
    let accept = format!(
        "/api/v1/venue-changes/{}/accept",
        moved.body["id"].as_str().expect("id")
    );
    for (who, token) in [("staff of wijk 2", &staff2), ("staff of wijk 7", &staff7)] {
        let r = post(&app, &accept, json!({}), Some(token)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}: {}", r.body);
    }
    assert_eq!(
        get_as(&app, "/api/v1/venues/toreke", None).await.body["wijknr"],
        7,
        "Toreke stays in wijk 7"
    );
    let r = post(&app, &accept, json!({}), Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        get_as(&app, "/api/v1/venues/toreke", None).await.body["wijknr"],
        2
    );

    let mine = get_as(&app, "/api/v1/venue-changes", Some(&an)).await.body;
    assert_eq!(mine.as_array().map(Vec::len), Some(3));
    // Staff see the requests of their wijken (Toreke's two are wijk 2's now), administrators all.
    for (who, token, expected) in [
        ("staff of wijk 2", &staff2, 2),
        ("staff of wijk 7", &staff7, 2),
        ("an administrator", &admin, 4),
    ] {
        let listed = get_as(&app, "/api/v1/venue-changes", Some(token))
            .await
            .body;
        assert_eq!(
            listed.as_array().map(Vec::len),
            Some(expected),
            "{who}: {listed}"
        );
    }
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action LIKE 'venue_change.%'"
        ),
        8
    );
    // A pending request comes first, before the newer decided ones.
    let old = post(
        &app,
        "/api/v1/venue-changes",
        json!({"kind": "change", "venue_id": rabot, "reason": "Nieuwe uren",
        "proposal": {"description": "Open op zondag."}}),
        Some(&an),
    )
    .await;
    let newer = post(
        &app,
        "/api/v1/venue-changes",
        json!({"kind": "change", "venue_id": rabot, "reason": "Nieuwe naam",
        "proposal": {"name": "Rabot Bazaar"}}),
        Some(&an),
    )
    .await;
    let r = post(
        &app,
        &format!(
            "/api/v1/venue-changes/{}/reject",
            newer.body["id"].as_str().expect("id")
        ),
        json!({"reason": "De naam blijft."}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let listed = get_as(&app, "/api/v1/venue-changes", Some(&admin))
        .await
        .body;
    assert_eq!(
        (listed[0]["id"].as_str(), listed[0]["status"].as_str()),
        (old.body["id"].as_str(), Some("pending")),
        "{listed}"
    );
}

#[actix_web::test]
async fn a_series_is_requested_approved_and_cancelled_as_one_and_conflicts_are_named_per_occurrence()
 {
    let db = TestDb::new();
    let state: web::Data<AppState> = web::Data::new(AppState::new(
        samenstad_db::connect_pool(db.url(), 8, StdDuration::from_secs(10)),
        samenstad_api::auth::Auth::new(auth_config()),
    ));
    let app = actix_test::init_service(build_app(state, settings())).await;
    let admin = admin_token(&app, &db).await;
    verified_user(&app, &db, "an@example.org").await;
    verified_user(&app, &db, "jo@example.org").await;
    let (an, jo) = (
        access(&app, "an@example.org").await,
        access(&app, "jo@example.org").await,
    );
    let (_, room) = venue_id(&app, "open-huis-watersportbaan").await;
    let first = slot(40);
    let third = {
        let s = chrono::DateTime::parse_from_rfc3339(&first.0).expect("start") + Duration::weeks(2);
        (s.to_rfc3339(), (s + Duration::hours(2)).to_rfc3339())
    };
    let single = post(
        &app,
        &format!("/api/v1/rooms/{room}/bookings"),
        booking("Losse avond", &third, 10, "meeting"),
        Some(&admin),
    )
    .await;
    let single_id = single.body["id"].as_str().expect("id").to_owned();
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/bookings/{single_id}/approve"),
            json!({}),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::OK
    );

    let until = (chrono::DateTime::parse_from_rfc3339(&first.0).expect("start")
        + Duration::weeks(4))
    .date_naive()
    .to_string();
    let mut body = booking("Naaiatelier", &first, 12, "meeting");
    body["recurrence"] = json!("weekly");
    body["until"] = json!(until);
    let series_uri = format!("/api/v1/rooms/{room}/booking-series");
    let refused = post(&app, &series_uri, body.clone(), Some(&an)).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert_eq!(refused.body["errors"].as_array().map(Vec::len), Some(1));
    assert_eq!(refused.body["errors"][0]["field"], "occurrences[2]");
    assert_eq!(
        count(&db, "SELECT count(*) AS n FROM booking_series"),
        0,
        "nothing created"
    );
    let mut bad = body.clone();
    bad["recurrence"] = json!("daily");
    assert_eq!(
        post(&app, &series_uri, bad, Some(&an)).await.status,
        StatusCode::BAD_REQUEST
    );

    assert_eq!(
        post(
            &app,
            &format!("/api/v1/bookings/{single_id}/cancel"),
            json!({}),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::OK
    );
    let ours = post(&app, &series_uri, body.clone(), Some(&an)).await;
    assert_eq!(ours.status, StatusCode::CREATED, "{}", ours.body);
    let occurrences = ours.body["occurrences"].as_array().expect("occurrences");
    assert_eq!(occurrences.len(), 5);
    assert!(
        occurrences
            .iter()
            .all(|o| o["status"] == "requested" && o["price_cents"] == 2000)
    );
    let theirs = post(&app, &series_uri, body, Some(&jo)).await;
    assert_eq!(theirs.status, StatusCode::CREATED, "requests may overlap");

    // Both series approved at the same moment: exactly one wins, the other gets a 409.
    let uris = [
        ours.body["id"].as_str().expect("id"),
        theirs.body["id"].as_str().expect("id"),
    ]
    .map(|id| format!("/api/v1/booking-series/{id}/approve"));
    let results =
        futures_util::future::join_all(uris.iter().map(|u| post(&app, u, json!({}), Some(&admin))))
            .await;
    let statuses: Vec<u16> = results.iter().map(|r| r.status.as_u16()).collect();
    assert_eq!(
        {
            let mut s = statuses.clone();
            s.sort();
            s
        },
        vec![200, 409],
        "{statuses:?}"
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM booking WHERE status = 'approved'"
        ),
        5
    );
    let winner = if statuses[0] == 200 { &ours } else { &theirs };
    let winner_token = if statuses[0] == 200 { &an } else { &jo };
    let id = winner.body["id"].as_str().expect("id");
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/booking-series/{id}/cancel"),
            json!({}),
            Some(if statuses[0] == 200 { &jo } else { &an })
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let cancelled = post(
        &app,
        &format!("/api/v1/booking-series/{id}/cancel"),
        json!({}),
        Some(winner_token),
    )
    .await;
    assert!(
        cancelled.body["occurrences"]
            .as_array()
            .expect("occ")
            .iter()
            .all(|o| o["status"] == "cancelled")
    );
    assert_eq!(
        get_as(
            &app,
            &format!("/api/v1/booking-series/{id}"),
            Some(winner_token)
        )
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM booking WHERE status = 'approved'"
        ),
        0
    );
}

#[actix_web::test]
async fn the_typed_client_finds_books_and_decides_over_a_socket() {
    use samenstad_types::venue::{
        CreateBooking, CreateBookingSeries, CreateVenueChange, ListVenuesQuery, VenueProposal,
    };
    let db = TestDb::new();
    let (addr, stop) = serve(&db);
    let anon = samenstad_client::Client::new(&format!("http://{addr}")).expect("client");
    let app = app(&db).await;
    let admin = anon.with_token(admin_token(&app, &db).await);

    let query = ListVenuesQuery {
        wijk: Some("2".into()),
        capacity_min: Some(30),
        ..Default::default()
    };
    let page = anon.list_venues(&query).await.expect("search");
    assert_eq!(
        page.items
            .iter()
            .map(|v| v.name.as_str())
            .collect::<Vec<_>>(),
        vec!["Buurtcentrum Sluizeken"]
    );
    assert_eq!(
        anon.venues_geojson(&query)
            .await
            .expect("geojson")
            .features
            .len(),
        1
    );
    let venue = anon
        .get_venue("buurtcentrum-sluizeken")
        .await
        .expect("get")
        .expect("exists");
    assert!(anon.get_venue("nergens").await.expect("get").is_none());
    let room = venue.rooms[0].id.clone();
    let (start, end) = slot(45);
    let body = CreateBooking {
        purpose: "Buurtoverleg".into(),
        attendees: 20,
        start: start.clone(),
        end: end.clone(),
        room_use: "meeting".into(),
        organisation_id: None,
    };
    let first = admin
        .create_booking(&room, &body, Some("overleg-1"))
        .await
        .expect("book");
    let again = admin
        .create_booking(&room, &body, Some("overleg-1"))
        .await
        .expect("replay");
    assert_eq!(first.id, again.id, "the Idempotency-Key replays");
    assert_eq!(
        admin
            .approve_booking(&first.id)
            .await
            .expect("approve")
            .status,
        "approved"
    );
    let clash = admin
        .create_booking(
            &room,
            &CreateBooking {
                purpose: "Dubbel".into(),
                ..body.clone()
            },
            None,
        )
        .await
        .expect_err("taken");
    assert_eq!(clash.status(), Some(409));
    let busy = anon
        .room_availability(&room, &start, &end)
        .await
        .expect("availability");
    assert_eq!(busy.busy.len(), 1);
    assert_eq!(admin.list_bookings(true).await.expect("managed").len(), 1);

    let series = CreateBookingSeries {
        first: CreateBooking {
            purpose: "Repair Café".into(),
            start: slot(50).0,
            end: slot(50).1,
            ..body
        },
        recurrence: "biweekly".into(),
        until: (Utc::now() + Duration::days(100)).date_naive().to_string(),
    };
    let created = admin
        .create_booking_series(&room, &series)
        .await
        .expect("series");
    assert!(created.occurrences.len() >= 3);
    assert!(
        admin
            .approve_booking_series(&created.id)
            .await
            .expect("approve")
            .occurrences
            .iter()
            .all(|o| o.status == "approved")
    );
    assert!(
        admin
            .cancel_booking_series(&created.id)
            .await
            .expect("cancel")
            .occurrences
            .iter()
            .all(|o| o.status == "cancelled")
    );

    let change = CreateVenueChange {
        kind: "change".into(),
        venue_id: Some(venue.venue.id.clone()),
        proposal: VenueProposal {
            description: Some("Nu ook met een repair café.".into()),
            ..Default::default()
        },
        reason: "Nieuw aanbod".into(),
    };
    let proposed = admin.propose_venue_change(&change).await.expect("propose");
    assert_eq!(admin.list_venue_changes().await.expect("list").len(), 1);
    assert_eq!(
        admin
            .accept_venue_change(&proposed.id)
            .await
            .expect("accept")
            .status,
        "accepted"
    );
    assert_eq!(
        anon.get_venue("buurtcentrum-sluizeken")
            .await
            .expect("get")
            .expect("exists")
            .venue
            .description,
        "Nu ook met een repair café."
    );
    stop.stop(true).await;
}

/// A request with an optional `If-Match` (the venue's version).
async fn send(
    app: &impl TestService,
    method: Method,
    uri: &str,
    body: Option<Value>,
    token: Option<&str>,
    if_match: Option<&str>,
) -> Reply {
    let mut req = actix_test::TestRequest::default()
        .method(method)
        .uri(uri)
        .peer_addr("10.1.2.3:4567".parse().expect("addr"));
    if let Some(body) = body {
        req = req.set_json(body);
    }
    if let Some(token) = token {
        req = req.insert_header(("Authorization", format!("Bearer {token}")));
    }
    if let Some(version) = if_match {
        req = req.insert_header(("If-Match", format!("\"{version}\"")));
    }
    let res = actix_test::call_service(app, req.to_request()).await;
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = actix_test::read_body(res).await;
    Reply {
        status,
        headers,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    }
}

fn details(name: &str, min: i32, max: i32) -> Value {
    json!({"name": name, "description": "Zaal aan het water.", "drop_in": true, "room_use": true,
        "facilities": ["wifi", "kitchen", "wifi"], "contact_email": "watersport@example.org",
        "website": "https://stad.gent/watersportbaan", "lead_time_min_days": min, "lead_time_max_days": max})
}

fn room_input(name: &str, capacity: i32, uses: &[&str], recognised_cents: i32) -> Value {
    json!({"name": name, "capacity": capacity, "uses": uses, "facilities": ["projector"], "step_free": true,
        "tariffs": {"recognised_cents": recognised_cents, "resident_cents": 1500, "private_cents": 4000, "free_for_neighbourhood": false}})
}

#[actix_web::test]
async fn managers_and_wijk_staff_keep_a_venue_up_to_date_without_lost_updates_and_others_cannot() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let (venue, old_room) = venue_id(&app, "open-huis-watersportbaan").await;
    let detail = get_as(&app, "/api/v1/venues/open-huis-watersportbaan", None).await;
    let wijknr = detail.body["wijknr"].as_i64().expect("wijknr") as i16;
    let version = detail.body["version"].as_str().expect("version").to_owned();
    assert_eq!(
        detail.headers.get("etag").and_then(|v| v.to_str().ok()),
        Some(format!("\"{version}\"").as_str()),
        "the ETag is the version"
    );
    let manager_id = verified_user(&app, &db, "beheer@example.org").await;
    let granted = post(
        &app,
        &format!("/api/v1/admin/users/{manager_id}/roles"),
        json!({"role": "venue_manager", "scope_id": venue}),
        Some(&admin),
    )
    .await;
    assert_eq!(granted.status, StatusCode::CREATED, "{}", granted.body);
    let manager = access(&app, "beheer@example.org").await;
    let staff = staff_of(&app, &db, &admin, "wijk@example.org", wijknr).await;
    let other_wijk = if wijknr == 1 { 2 } else { 1 };
    let foreign_staff = staff_of(&app, &db, &admin, "ander@example.org", other_wijk).await;
    let (elsewhere, _) = venue_id(&app, "buurtcentrum-macharius").await;
    let other_manager_id = verified_user(&app, &db, "elders@example.org").await;
    post(
        &app,
        &format!("/api/v1/admin/users/{other_manager_id}/roles"),
        json!({"role": "venue_manager", "scope_id": elsewhere}),
        Some(&admin),
    )
    .await;
    let other_manager = access(&app, "elders@example.org").await;
    verified_user(&app, &db, "an@example.org").await;
    let resident = access(&app, "an@example.org").await;
    let put_venue = format!("/api/v1/venues/{venue}");
    let audited = |db: &TestDb| {
        count(
            db,
            &format!(
                "SELECT count(*) AS n FROM audit_log WHERE object_type = 'venue' AND object_id = '{venue}'"
            ),
        )
    };

    // Everyone else is refused, and nothing changes.
    for (who, token, status) in [
        ("anonymous", None, StatusCode::UNAUTHORIZED),
        ("a resident", Some(&resident), StatusCode::FORBIDDEN),
        (
            "staff of another wijk",
            Some(&foreign_staff),
            StatusCode::FORBIDDEN,
        ),
        (
            "a manager of another venue",
            Some(&other_manager),
            StatusCode::FORBIDDEN,
        ),
    ] {
        let token = token.map(String::as_str);
        let tries = [
            send(
                &app,
                Method::PUT,
                &put_venue,
                Some(details("Overgenomen", 1, 10)),
                token,
                Some(&version),
            )
            .await,
            send(
                &app,
                Method::PUT,
                &format!("{put_venue}/opening-hours"),
                Some(json!({"hours": []})),
                token,
                Some(&version),
            )
            .await,
            send(
                &app,
                Method::POST,
                &format!("{put_venue}/rooms"),
                Some(room_input("Kelder", 5, &[], 0)),
                token,
                None,
            )
            .await,
            send(
                &app,
                Method::PUT,
                &format!("/api/v1/rooms/{old_room}"),
                Some(room_input("Kelder", 5, &[], 0)),
                token,
                Some(&version),
            )
            .await,
            send(
                &app,
                Method::DELETE,
                &format!("/api/v1/rooms/{old_room}"),
                None,
                token,
                Some(&version),
            )
            .await,
            send(
                &app,
                Method::POST,
                &format!("{put_venue}/closures"),
                Some(
                    json!({"first_day": "2099-01-01", "last_day": "2099-01-02", "reason": "Dicht"}),
                ),
                token,
                None,
            )
            .await,
            send(
                &app,
                Method::GET,
                &format!("{put_venue}/managers"),
                None,
                token,
                None,
            )
            .await,
            send(
                &app,
                Method::POST,
                &format!("{put_venue}/managers"),
                Some(json!({"email": "an@example.org"})),
                token,
                None,
            )
            .await,
            send(
                &app,
                Method::DELETE,
                &format!("{put_venue}/managers/{manager_id}"),
                None,
                token,
                None,
            )
            .await,
            send(
                &app,
                Method::DELETE,
                &format!("{put_venue}/photo"),
                None,
                token,
                None,
            )
            .await,
        ];
        for (i, r) in tries.iter().enumerate() {
            assert_eq!(r.status, status, "{who}, try {i}: {}", r.body);
            assert_eq!(
                r.headers.get("content-type").and_then(|v| v.to_str().ok()),
                Some("application/problem+json")
            );
        }
    }
    let after = get_as(&app, "/api/v1/venues/open-huis-watersportbaan", None).await;
    assert_eq!(after.body["version"], version.as_str(), "nothing changed");
    assert_eq!(audited(&db), 0);

    // No lost updates: a change needs the current version.
    let r = send(
        &app,
        Method::PUT,
        &put_venue,
        Some(details("Watersportbaan", 7, 120)),
        Some(&manager),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::PRECONDITION_REQUIRED, "{}", r.body);
    let r = send(
        &app,
        Method::PUT,
        &put_venue,
        Some(details("Watersportbaan", 7, 120)),
        Some(&manager),
        Some(&version),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["name"], "Watersportbaan");
    assert_eq!(
        r.body["facilities"],
        json!(["wifi", "kitchen"]),
        "doubles dropped"
    );
    assert_eq!(r.body["lead_time_min_days"], 7);
    let v2 = r.body["version"].as_str().expect("version").to_owned();
    assert_ne!(v2, version);
    let stale = send(
        &app,
        Method::PUT,
        &put_venue,
        Some(details("Zaal van Staf", 7, 120)),
        Some(&staff),
        Some(&version),
    )
    .await;
    assert_eq!(
        stale.status,
        StatusCode::PRECONDITION_FAILED,
        "{}",
        stale.body
    );
    assert!(
        stale.body["detail"]
            .as_str()
            .expect("detail")
            .contains("changed")
    );
    let bad = send(
        &app,
        Method::PUT,
        &put_venue,
        Some(details("W", 30, 14)),
        Some(&staff),
        Some(&v2),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let fields: Vec<&str> = bad.body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().expect("field"))
        .collect();
    assert_eq!(fields, ["name", "lead_time_max_days"]);
    let get_now = get_as(&app, "/api/v1/venues/open-huis-watersportbaan", None).await;
    assert_eq!(
        get_now.body["name"], "Watersportbaan",
        "the stale and the bad change left nothing"
    );

    // Rooms with tariffs; unknown uses are named.
    let r = send(
        &app,
        Method::POST,
        &format!("{put_venue}/rooms"),
        Some(room_input("Zaal Zuid", 30, &["meeting", "rave"], 900)),
        Some(&staff),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.body["errors"][0]["field"], "uses[1]");
    let r = send(
        &app,
        Method::POST,
        &format!("{put_venue}/rooms"),
        Some(room_input("Zaal Zuid", 30, &["meeting", "party"], 900)),
        Some(&staff),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let zuid = r.body["rooms"]
        .as_array()
        .expect("rooms")
        .iter()
        .find(|room| room["name"] == "Zaal Zuid")
        .expect("added")
        .clone();
    assert_eq!(zuid["tariffs"]["recognised_cents"], 900);
    assert_eq!(zuid["capacity"], 30);
    let zuid_id = zuid["id"].as_str().expect("id").to_owned();
    let v3 = r.body["version"].as_str().expect("version").to_owned();
    let r = send(
        &app,
        Method::PUT,
        &format!("/api/v1/rooms/{zuid_id}"),
        Some(room_input("Zaal Zuid", 35, &["meeting"], 800)),
        Some(&manager),
        Some(&v2),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::PRECONDITION_FAILED,
        "adding the room moved the version"
    );
    let r = send(
        &app,
        Method::PUT,
        &format!("/api/v1/rooms/{zuid_id}"),
        Some(room_input("Zaal Zuid", 35, &["meeting"], 800)),
        Some(&manager),
        Some(&v3),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v4 = r.body["version"].as_str().expect("version").to_owned();

    // Opening hours: overlaps are named by row.
    let hours = |second: &str| {
        json!({"hours": [
        {"weekday": 1, "opens": "09:00", "closes": "12:00", "kind": "walk_in", "condition": null},
        {"weekday": 1, "opens": second, "closes": "17:00", "kind": "walk_in", "condition": null}]})
    };
    let r = send(
        &app,
        Method::PUT,
        &format!("{put_venue}/opening-hours"),
        Some(hours("11:00")),
        Some(&manager),
        Some(&v4),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.body["errors"][0]["field"], "hours[1].opens");
    let r = send(
        &app,
        Method::PUT,
        &format!("{put_venue}/opening-hours"),
        Some(hours("13:00")),
        Some(&manager),
        Some(&v4),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["opening_hours"].as_array().expect("hours").len(), 2);

    // A closure refuses requests inside it with its reason, single and in a series.
    let first_day = (Utc::now() + Duration::days(40)).date_naive();
    let closure = json!({"first_day": first_day.to_string(), "last_day": (first_day + Duration::days(6)).to_string(), "reason": "Herstelwerken aan de zaal"});
    let r = send(
        &app,
        Method::POST,
        &format!("{put_venue}/closures"),
        Some(json!({"first_day": "2020-01-01", "last_day": "2019-12-31", "reason": "x"})),
        Some(&manager),
        None,
    )
    .await;
    let fields: Vec<&str> = r.body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().expect("field"))
        .collect();
    assert_eq!(fields, ["reason", "first_day", "last_day"], "{}", r.body);
    let r = send(
        &app,
        Method::POST,
        &format!("{put_venue}/closures"),
        Some(closure.clone()),
        Some(&manager),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["closures"][0]["reason"], "Herstelwerken aan de zaal");
    let closure_id = r.body["closures"][0]["id"].as_str().expect("id").to_owned();
    let inside = slot(42);
    let refused = post(
        &app,
        &format!("/api/v1/rooms/{zuid_id}/bookings"),
        booking("Buurtfeest", &inside, 20, "meeting"),
        Some(&resident),
    )
    .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    assert_eq!(refused.body["errors"][0]["field"], "start");
    assert_eq!(refused.body["errors"][0]["code"], "closed");
    assert!(
        refused.body["errors"][0]["message"]
            .as_str()
            .expect("message")
            .contains("Herstelwerken aan de zaal")
    );
    let weekly = {
        let mut b = booking("Naaiatelier", &slot(35), 10, "meeting");
        b["recurrence"] = json!("weekly");
        b["until"] = json!((first_day + Duration::days(20)).to_string());
        b
    };
    let series = post(
        &app,
        &format!("/api/v1/rooms/{zuid_id}/booking-series"),
        weekly,
        Some(&resident),
    )
    .await;
    assert_eq!(series.status, StatusCode::CONFLICT, "{}", series.body);
    assert_eq!(
        series.body["errors"].as_array().expect("errors").len(),
        1,
        "one week falls in the closure"
    );
    assert_eq!(series.body["errors"][0]["code"], "closed");
    // Closing over an approved booking is refused, naming it.
    let approved = post(
        &app,
        &format!("/api/v1/rooms/{zuid_id}/bookings"),
        booking("Vergadering", &slot(60), 20, "meeting"),
        Some(&resident),
    )
    .await;
    let approved_id = approved.body["id"].as_str().expect("id").to_owned();
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/bookings/{approved_id}/approve"),
            json!({}),
            Some(&manager)
        )
        .await
        .status,
        StatusCode::OK
    );
    let over = (Utc::now() + Duration::days(59)).date_naive();
    let r = send(&app, Method::POST, &format!("{put_venue}/closures"), Some(json!({"first_day": over.to_string(), "last_day": (over + Duration::days(2)).to_string(), "reason": "Verlof"})), Some(&manager), None).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .expect("message")
            .contains("Vergadering")
    );
    // Reopened, the request goes through.
    let r = send(
        &app,
        Method::DELETE,
        &format!("{put_venue}/closures/{closure_id}"),
        None,
        Some(&staff),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["closures"], json!([]));
    let ok = post(
        &app,
        &format!("/api/v1/rooms/{zuid_id}/bookings"),
        booking("Buurtfeest", &inside, 20, "meeting"),
        Some(&resident),
    )
    .await;
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    assert_eq!(
        ok.body["price_cents"], 3000,
        "the resident tariff set by the manager, two hours"
    );

    // Managers: staff of the wijk add one by e-mail; the new one can keep the venue.
    let r = send(
        &app,
        Method::POST,
        &format!("{put_venue}/managers"),
        Some(json!({"email": "niemand@example.org"})),
        Some(&staff),
        None,
    )
    .await;
    assert_eq!(
        (r.status, r.body["errors"][0]["field"].as_str()),
        (StatusCode::NOT_FOUND, Some("email"))
    );
    let new_id = verified_user(&app, &db, "nieuw@example.org").await;
    let r = send(
        &app,
        Method::POST,
        &format!("{put_venue}/managers"),
        Some(json!({"email": "Nieuw@Example.org"})),
        Some(&staff),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body.as_array().expect("managers").len(), 2);
    let r = send(
        &app,
        Method::POST,
        &format!("{put_venue}/managers"),
        Some(json!({"email": "nieuw@example.org"})),
        Some(&staff),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let newcomer = access(&app, "nieuw@example.org").await;
    let now = get_as(&app, "/api/v1/venues/open-huis-watersportbaan", None).await;
    let v5 = now.body["version"].as_str().expect("version").to_owned();
    let r = send(
        &app,
        Method::DELETE,
        &format!("/api/v1/rooms/{zuid_id}"),
        None,
        Some(&newcomer),
        Some(&v5),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "a booked room stays: {}",
        r.body
    );
    let r = send(
        &app,
        Method::DELETE,
        &format!("{put_venue}/managers/{new_id}"),
        None,
        Some(&manager),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body.as_array().expect("managers").len(), 1);
    let r = send(
        &app,
        Method::DELETE,
        &format!("/api/v1/rooms/{old_room}"),
        None,
        Some(&newcomer),
        Some(&v5),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "no longer a manager");

    // Every change was audited, with the wijk.
    assert_eq!(audited(&db), 8);
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) AS n FROM audit_log WHERE object_id = '{venue}' AND wijk_id IS NULL"
            )
        ),
        0
    );
}

#[actix_web::test]
async fn a_venue_photo_is_checked_and_kept_without_its_location() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let (venue, _) = venue_id(&app, "open-huis-watersportbaan").await;
    verified_user(&app, &db, "an@example.org").await;
    let resident = access(&app, "an@example.org").await;
    let upload = |token: &str, content_type: &str, bytes: Vec<u8>| {
        actix_test::TestRequest::put()
            .uri(&format!("/api/v1/venues/{venue}/photo"))
            .insert_header(("Authorization", format!("Bearer {token}")))
            .insert_header(("Content-Type", content_type.to_owned()))
            .set_payload(bytes)
            .to_request()
    };
    let original = jpeg_with_location();
    assert_eq!(
        actix_test::call_service(&app, upload(&resident, "image/jpeg", original.clone()))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        actix_test::call_service(&app, upload(&admin, "image/png", original.clone()))
            .await
            .status(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(
        actix_test::call_service(
            &app,
            upload(&admin, "image/jpeg", b"not a picture".to_vec())
        )
        .await
        .status(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let res = actix_test::call_service(&app, upload(&admin, "image/jpeg", original.clone())).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = serde_json::from_slice(&actix_test::read_body(res).await).expect("json");
    let url = body["photo_url"].as_str().expect("photo_url").to_owned();
    let res =
        actix_test::call_service(&app, actix_test::TestRequest::get().uri(&url).to_request()).await;
    assert_eq!(res.status(), StatusCode::OK);
    let served = actix_test::read_body(res).await.to_vec();
    let has = |bytes: &[u8], needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(has(&original, b"GPSLatitude"));
    assert!(
        !has(&served, b"GPSLatitude") && !has(&served, b"Exif"),
        "the location is gone"
    );
    assert_eq!(&served[..2], &[0xFF, 0xD8], "still a JPEG");
    assert!(
        served.ends_with(&[0x12, 0x34, 0x56, 0xFF, 0xD9]),
        "the picture itself is kept"
    );
    let removed = send(
        &app,
        Method::DELETE,
        &format!("/api/v1/venues/{venue}/photo"),
        None,
        Some(&admin),
        None,
    )
    .await;
    assert_eq!(removed.status, StatusCode::OK);
    assert_eq!(removed.body["photo_url"], Value::Null);
    assert_eq!(
        get_as(&app, &url, None).await.status,
        StatusCode::NOT_FOUND,
        "the old file is gone"
    );
}

#[actix_web::test]
async fn managers_are_mailed_new_requests_and_decline_a_series_as_one_with_the_reason_mailed() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let (venue, room) = venue_id(&app, "open-huis-watersportbaan").await;
    let manager_id = verified_user(&app, &db, "beheer@example.org").await;
    post(
        &app,
        &format!("/api/v1/admin/users/{manager_id}/roles"),
        json!({"role": "venue_manager", "scope_id": venue}),
        Some(&admin),
    )
    .await;
    let manager = access(&app, "beheer@example.org").await;
    verified_user(&app, &db, "an@example.org").await;
    let an = access(&app, "an@example.org").await;
    let mails = |db: &TestDb, to: &str, template: &str| {
        count(
            db,
            &format!(
                "SELECT count(*) AS n FROM mail_outbox WHERE to_address = '{to}' AND template = '{template}'"
            ),
        )
    };

    let single = post(
        &app,
        &format!("/api/v1/rooms/{room}/bookings"),
        booking("Vergadering", &slot(40), 10, "meeting"),
        Some(&an),
    )
    .await;
    assert_eq!(single.status, StatusCode::CREATED, "{}", single.body);
    assert_eq!(mails(&db, "beheer@example.org", "booking_requested"), 1);
    let mut weekly = booking("Naaiatelier", &slot(50), 10, "meeting");
    weekly["recurrence"] = json!("weekly");
    weekly["until"] = json!((Utc::now() + Duration::days(71)).date_naive().to_string());
    let series = post(
        &app,
        &format!("/api/v1/rooms/{room}/booking-series"),
        weekly,
        Some(&an),
    )
    .await;
    assert_eq!(series.status, StatusCode::CREATED, "{}", series.body);
    assert_eq!(
        mails(&db, "beheer@example.org", "booking_requested"),
        2,
        "one mail for the whole series"
    );
    let series_id = series.body["id"].as_str().expect("id").to_owned();
    let occurrences = series.body["occurrences"]
        .as_array()
        .expect("occurrences")
        .len();
    assert!(occurrences >= 3);

    // The inbox shows each occurrence with its series, to be decided as one.
    let inbox = get_as(&app, "/api/v1/bookings?scope=managed", Some(&manager)).await;
    let of_series = inbox
        .body
        .as_array()
        .expect("list")
        .iter()
        .filter(|b| b["series_id"] == series_id.as_str())
        .count();
    assert_eq!(of_series, occurrences);

    let decline = format!("/api/v1/booking-series/{series_id}/decline");
    assert_eq!(
        post(&app, &decline, json!({"reason": "Nee"}), Some(&an))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let short = post(&app, &decline, json!({"reason": "x"}), Some(&manager)).await;
    assert_eq!(
        (short.status, short.body["errors"][0]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("reason"))
    );
    let declined = post(
        &app,
        &decline,
        json!({"reason": "De zaal wordt heringericht."}),
        Some(&manager),
    )
    .await;
    assert_eq!(declined.status, StatusCode::OK, "{}", declined.body);
    assert!(
        declined.body["occurrences"]
            .as_array()
            .expect("occurrences")
            .iter()
            .all(|b| b["status"] == "declined"
                && b["decision_reason"] == "De zaal wordt heringericht.")
    );
    assert_eq!(
        mails(&db, "an@example.org", "booking_decision"),
        1,
        "one mail to the requester"
    );
    assert_eq!(
        post(
            &app,
            &decline,
            json!({"reason": "Nog eens"}),
            Some(&manager)
        )
        .await
        .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) AS n FROM audit_log WHERE action = 'booking_series.declined' AND object_id = '{series_id}'"
            )
        ),
        1
    );
}

#[actix_web::test]
async fn text_that_passes_validation_but_breaks_a_rule_of_the_table_is_a_422_not_a_500() {
    let db = TestDb::new();
    let app = app(&db).await;
    verified_user(&app, &db, "an@example.org").await;
    let an = access(&app, "an@example.org").await;
    let venues = get_as(&app, "/api/v1/venues?limit=1", None).await;
    let venue = venues.body["items"][0]["id"]
        .as_str()
        .expect("a venue")
        .to_owned();
    // Three characters as sent; once trimmed, two: the table's check refuses it.
    let r = post(
        &app,
        "/api/v1/venue-changes",
        json!({"kind": "change", "venue_id": venue, "reason": "\t\u{f1}#", "proposal": {}}),
        Some(&an),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.body["type"], "/problems/unprocessable");
    assert_eq!(
        count(&db, "SELECT count(*) AS n FROM venue_change_request"),
        0,
        "nothing stored"
    );
}

#[actix_web::test]
async fn a_venue_page_carries_the_venue_as_it_is_now_right_after_a_change() {
    let db = TestDb::new();
    let (app, dir) = app_with_pages(&db).await;
    let admin = admin_token(&app, &db).await;
    let page = || async {
        let req = actix_test::TestRequest::get()
            .uri("/venues/open-huis-watersportbaan")
            .to_request();
        let res = actix_test::call_service(&app, req).await;
        assert_eq!(res.status(), StatusCode::OK);
        String::from_utf8(actix_test::read_body(res).await.to_vec()).expect("utf-8")
    };
    let before = get_as(&app, "/api/v1/venues/open-huis-watersportbaan", None).await;
    let name = before.body["name"].as_str().expect("name").to_owned();
    let version = before.body["version"].as_str().expect("version").to_owned();
    // Read twice (the second time from the cache): the venue's name is the page's heading and
    // its title.
    for _ in 0..2 {
        let html = page().await;
        assert!(html.contains(&format!("<h1>{name}</h1>")), "{html}");
        assert!(
            html.contains(&format!("<title>{name} – Samenstad</title>")),
            "{html}"
        );
    }
    let r = send(
        &app,
        Method::PUT,
        &format!("/api/v1/venues/{}", before.body["id"].as_str().expect("id")),
        Some(details("Watersportbaan", 7, 120)),
        Some(&admin),
        Some(&version),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The change shows at once, not after the cache's lifetime.
    let after = page().await;
    assert!(after.contains("<h1>Watersportbaan</h1>"), "{after}");
    assert!(
        after.contains("<title>Watersportbaan – Samenstad</title>"),
        "{after}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[actix_web::test]
async fn a_negative_page_size_is_a_400_not_a_crash() {
    let db = TestDb::new();
    let app = app(&db).await;
    for limit in ["-1", "0", "101"] {
        let r = get_as(&app, &format!("/api/v1/venues?limit={limit}"), None).await;
        assert_eq!(
            (r.status, r.body["errors"][0]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("limit")),
            "limit={limit}: {}",
            r.body
        );
    }
}
