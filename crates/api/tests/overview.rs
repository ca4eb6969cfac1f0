//! The staff overview of a wijk.

mod common;

use actix_web::http::StatusCode;
use actix_web::test as actix_test;
use chrono::{Days, Utc};
use samenstad_db::testing::TestDb;
use serde_json::json;

use common::*;

#[actix_web::test]
async fn staff_of_a_wijk_follow_its_ideas_grants_and_rooms_month_by_month() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    verified_user(&app, &db, "bewoner@example.org").await;
    let resident = access(&app, "bewoner@example.org").await;
    let staff9 = verified_user(&app, &db, "staf9@example.org").await;
    let staff1 = verified_user(&app, &db, "staf1@example.org").await;
    for (id, nr) in [(&staff9, 9), (&staff1, 1)] {
        let r = post(
            &app,
            &format!("/api/v1/admin/users/{id}/roles"),
            json!({"role": "wijk_staff", "wijknr": nr}),
            Some(&admin),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    let staff9 = access(&app, "staf9@example.org").await;
    let staff1 = access(&app, "staf1@example.org").await;

    // An idea and a €300 grant in wijk 9 this month.
    let r = post(&app, "/api/v1/projects/ideas", json!({"wijk": "9", "title": "Bankjes op het plein", "body": "Meer plaatsen om te zitten en te praten.", "estimated_cost_cents": 250000}), Some(&resident)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let org = post(
        &app,
        "/api/v1/organisations",
        json!({"name": "Vzw Rabot Leeft", "kind": "vzw", "wijknr": 9}),
        Some(&resident),
    )
    .await;
    let start = (Utc::now().date_naive() + Days::new(60)).to_string();
    let draft = json!({
        "scheme": "samen-aan-zet", "category": "forfait", "organisation_id": org.body["id"],
        "title": "Buurtfeest", "description": "Een straatfeest met muziek en soep voor de straat.",
        "themes": ["ontmoeten"], "scope": "wijk", "wijken": [9], "target_groups": [],
        "starts_on": start, "ends_on": start, "location": "", "requested_cents": 30000, "coaching": false,
        "budget_lines": [{"kind": "materials", "description": "Tafels", "amount_cents": 30000}]
    });
    let a = post(
        &app,
        "/api/v1/subsidies/applications",
        draft,
        Some(&resident),
    )
    .await;
    let id = a.body["id"].as_str().expect("id").to_owned();
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/subsidies/applications/{id}/submit"),
            json!({}),
            Some(&resident)
        )
        .await
        .status,
        StatusCode::OK
    );
    let d = post(
        &app,
        &format!("/api/v1/subsidies/applications/{id}/decision"),
        json!({"outcome": "approve", "reason": "Goed plan."}),
        Some(&admin),
    )
    .await;
    assert_eq!(d.status, StatusCode::OK, "{}", d.body);

    assert_eq!(
        get_as(&app, "/api/v1/wijken/9/overview", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get_as(&app, "/api/v1/wijken/9/overview", Some(&resident))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get_as(&app, "/api/v1/wijken/9/overview", Some(&staff1))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let o = get_as(
        &app,
        "/api/v1/wijken/rabot-blaisantvest/overview",
        Some(&staff1),
    )
    .await;
    assert_eq!(
        o.status,
        StatusCode::FORBIDDEN,
        "wijk 7 is not theirs either"
    );
    let o = get_as(&app, "/api/v1/wijken/9/overview", Some(&staff9)).await;
    assert_eq!(o.status, StatusCode::OK, "{}", o.body);
    let b = &o.body;
    assert_eq!(
        b["ideas_by_status"],
        json!([{"key": "submitted", "count": 1, "amount_cents": 250000}])
    );
    assert_eq!(
        (
            b["subsidy_applications"].as_i64(),
            b["subsidies_awarded"].as_i64(),
            b["subsidies_awarded_cents"].as_i64()
        ),
        (Some(1), Some(1), Some(30000))
    );
    let rooms = count(
        &db,
        "SELECT count(*) AS n FROM room r JOIN venue v ON v.id = r.venue_id JOIN wijk w ON w.id = v.wijk_id WHERE w.wijknr = 9",
    );
    assert_eq!(b["rooms"].as_i64(), Some(rooms));
    let months = b["months"].as_array().expect("months");
    assert_eq!(months.len(), 12);
    let now = months.last().expect("this month");
    assert_eq!(now["month"], Utc::now().format("%Y-%m").to_string());
    assert_eq!(
        (
            now["ideas"].as_i64(),
            now["applications"].as_i64(),
            now["awarded_cents"].as_i64()
        ),
        (Some(1), Some(1), Some(30000))
    );
    assert!(
        months[..11].iter().all(|m| m["ideas"] == 0),
        "nothing before this month"
    );

    let csv = actix_test::call_service(
        &app,
        actix_test::TestRequest::get()
            .uri("/api/v1/wijken/9/overview.csv")
            .insert_header(("Authorization", format!("Bearer {staff9}")))
            .to_request(),
    )
    .await;
    assert_eq!(csv.status(), StatusCode::OK);
    let text = String::from_utf8(actix_test::read_body(csv).await.to_vec()).expect("utf-8");
    assert_eq!(text.lines().count(), 13);
    assert!(
        text.ends_with(&format!(
            "{},1,1,300.00,0,0.0\n",
            Utc::now().format("%Y-%m")
        )),
        "{text}"
    );
}
