//! Subsidies: every scheme rule failed and passed through the API, the budget guard under
//! concurrency, who may see what, and the whole lifecycle from draft to closed grant.

#![expect(clippy::expect_used, reason = "tests fail loudly")]

mod common;

use std::time::Duration;

use actix_web::http::{Method, StatusCode};
use actix_web::test as actix_test;
use chrono::{Days, Months, NaiveDate, Utc};
use samenstad_api::AppState;
use samenstad_api::app::build_app;
use samenstad_db::testing::TestDb;
use serde_json::{Value, json};

use common::*;

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn day(d: NaiveDate) -> String {
    d.to_string()
}

/// A complete €300 flat-rate application of a vzw, starting 60 days from now.
fn valid_draft(org: &str) -> Value {
    let start = today() + Days::new(60);
    json!({
        "category": "forfait",
        "organisation_id": org,
        "title": "Buurtfeest Rabot",
        "description": "Een straatfeest met muziek en soep voor de hele straat.",
        "themes": ["ontmoeten"],
        "scope": "wijk",
        "wijken": [9],
        "target_groups": ["iedereen", "armoede"],
        "starts_on": day(start),
        "ends_on": day(start),
        "venue_id": null,
        "location": "Rabotplein",
        "requested_cents": 30000,
        "coaching": false,
        "budget_lines": [
            {"kind": "materials", "description": "Tenten en tafels", "amount_cents": 40000},
            {"kind": "catering", "description": "Soep", "amount_cents": 10000}
        ]
    })
}

async fn organisation(app: &impl TestService, token: &str, name: &str, kind: &str) -> String {
    let r = post(
        app,
        "/api/v1/organisations",
        json!({"name": name, "kind": kind, "wijknr": 9}),
        Some(token),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.body["id"].as_str().expect("id").to_owned()
}

async fn put(app: &impl TestService, uri: &str, body: Value, token: Option<&str>) -> Reply {
    call(app, Method::PUT, uri, Some(body), token).await
}

async fn draft_for(app: &impl TestService, token: &str, draft: Value) -> String {
    let mut body = draft;
    body["scheme"] = json!("samen-aan-zet");
    let r = post(app, "/api/v1/subsidies/applications", body, Some(token)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.body["id"].as_str().expect("id").to_owned()
}

fn codes(application: &Value) -> Vec<String> {
    application["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            format!(
                "{}:{}",
                p["field"].as_str().unwrap_or(""),
                p["code"].as_str().unwrap_or("")
            )
        })
        .collect()
}

async fn grant(app: &impl TestService, admin: &str, user: &str, role: Value) {
    let r = post(
        app,
        &format!("/api/v1/admin/users/{user}/roles"),
        role,
        Some(admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}

async fn scheme(app: &impl TestService, key: &str) -> Value {
    let r = get_as(app, &format!("/api/v1/subsidies/schemes/{key}"), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body
}

fn next_deadline(scheme: &Value) -> (String, NaiveDate) {
    let d = scheme["deadlines"]
        .as_array()
        .expect("deadlines")
        .iter()
        .find(|d| {
            d["closed_at"].is_null()
                && d["closes_on"]
                    .as_str()
                    .and_then(|s| s.parse::<NaiveDate>().ok())
                    >= Some(today())
        })
        .expect("an open deadline");
    (
        d["id"].as_str().expect("id").to_owned(),
        d["closes_on"]
            .as_str()
            .expect("date")
            .parse()
            .expect("date"),
    )
}

#[actix_web::test]
async fn every_rule_of_samen_aan_zet_fails_with_its_field_and_passes_at_its_boundary() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    verified_user(&app, &db, "vzw@example.org").await;
    let token = access(&app, "vzw@example.org").await;
    let vzw = organisation(&app, &token, "Vzw Rabot Leeft", "vzw").await;
    let group = organisation(&app, &token, "Bewoners Tweebruggen", "bewonersgroep").await;
    let id = draft_for(&app, &token, valid_draft(&vzw)).await;
    let uri = format!("/api/v1/subsidies/applications/{id}");
    let (_, deadline) = next_deadline(&scheme(&app, "samen-aan-zet").await);
    let start = today() + Days::new(60);

    // (what is changed, the failing value, the passing value, the expected problem)
    let jury_start = deadline + Days::new(28);
    let cases: Vec<(&str, Value, Value, &str)> = vec![
        ("title", json!("Ab"), json!("Abc"), "title:required"),
        (
            "description",
            json!("Te kort omschreven"),
            json!("Precies twintig tekens"),
            "description:required",
        ),
        (
            "themes",
            json!([]),
            json!(["samenleven"]),
            "themes:required",
        ),
        (
            "themes",
            json!(["sport"]),
            json!(["ontmoeten", "gezondheid"]),
            "themes:unknown",
        ),
        (
            "target_groups",
            json!(["katten"]),
            json!(["senioren_60"]),
            "target_groups:unknown",
        ),
        (
            "category",
            json!("groot"),
            json!("forfait"),
            "category:unknown",
        ),
        (
            "requested_cents",
            json!(25000),
            json!(50000),
            "requested_cents:flat_amount",
        ),
        (
            "organisation_id",
            json!(null),
            json!(vzw),
            "organisation_id:applicant_kind",
        ),
        (
            "budget_lines",
            json!([]),
            json!([{"kind": "rent", "description": "Zaal", "amount_cents": 30000}]),
            "budget_lines:required",
        ),
        (
            "budget_lines",
            json!([{"kind": "drinks", "description": "x", "amount_cents": 30000}]),
            json!([{"kind": "other", "description": "x", "amount_cents": 30000}]),
            "budget_lines[0].kind:invalid",
        ),
        (
            "budget_lines",
            json!([{"kind": "materials", "description": "x", "amount_cents": 29999}]),
            json!([{"kind": "materials", "description": "x", "amount_cents": 30000}]),
            "requested_cents:over_costs",
        ),
        // Catering and volunteer fees: 20% of the costs exactly passes, one cent more fails.
        (
            "budget_lines",
            json!([{"kind": "materials", "description": "x", "amount_cents": 39999}, {"kind": "catering", "description": "x", "amount_cents": 10001}]),
            json!([{"kind": "materials", "description": "x", "amount_cents": 40000}, {"kind": "catering", "description": "x", "amount_cents": 10000}]),
            "budget_lines:cap_catering",
        ),
        (
            "budget_lines",
            json!([{"kind": "materials", "description": "x", "amount_cents": 39999}, {"kind": "volunteer_fees", "description": "x", "amount_cents": 10001}]),
            json!([{"kind": "materials", "description": "x", "amount_cents": 40000}, {"kind": "volunteer_fees", "description": "x", "amount_cents": 10000}]),
            "budget_lines:cap_volunteer_fees",
        ),
        ("wijken", json!([9, 10]), json!([10]), "wijken:scope"),
        (
            "starts_on",
            json!(day(today() + Days::new(41))),
            json!(day(today() + Days::new(42))),
            "starts_on:lead_time",
        ),
        (
            "ends_on",
            json!(day(start
                .checked_add_months(Months::new(12))
                .expect("date")
                + Days::new(1))),
            json!(day(start
                .checked_add_months(Months::new(12))
                .expect("date"))),
            "ends_on:duration",
        ),
    ];
    for (field, bad, good, expected) in cases {
        let mut draft = valid_draft(&vzw);
        draft[field] = bad.clone();
        let r = put(&app, &uri, draft.clone(), Some(&token)).await;
        assert_eq!(r.status, StatusCode::OK, "{field}={bad}: {}", r.body);
        assert_eq!(codes(&r.body), vec![expected.to_owned()], "{field}={bad}");
        // Submitting explains the same problem, field by field: the saved draft conflicts
        // with the scheme's rules (409), the request itself is well formed.
        let s = post(&app, &format!("{uri}/submit"), json!({}), Some(&token)).await;
        let p = problem(
            s.status,
            &s.headers,
            &serde_json::to_vec(&s.body).expect("json"),
            StatusCode::CONFLICT,
        );
        assert!(
            p.errors
                .iter()
                .any(|e| format!("{}:{}", e.field, e.code) == expected),
            "{expected} in {:?}",
            p.errors
        );
        draft[field] = good.clone();
        let r = put(&app, &uri, draft, Some(&token)).await;
        assert_eq!(
            codes(&r.body),
            Vec::<String>::new(),
            "{field}={good}: {}",
            r.body
        );
    }

    // The jury categories: minimum, maximum and the lead time counted from the deadline.
    let jury = |requested: i64, starts: NaiveDate| {
        let mut d = valid_draft(&vzw);
        d["category"] = json!("tot_2000");
        d["requested_cents"] = json!(requested);
        d["budget_lines"] =
            json!([{"kind": "materials", "description": "x", "amount_cents": 500_000}]);
        d["starts_on"] = json!(day(starts));
        d["ends_on"] = json!(day(starts));
        d
    };
    for (bad, good, expected) in [
        (
            jury(50_000, jury_start),
            jury(50_001, jury_start),
            "requested_cents:under_minimum",
        ),
        (
            jury(200_001, jury_start),
            jury(200_000, jury_start),
            "requested_cents:over_maximum",
        ),
        (
            jury(180_000, jury_start - Days::new(1)),
            jury(180_000, jury_start),
            "starts_on:lead_time",
        ),
    ] {
        let r = put(&app, &uri, bad, Some(&token)).await;
        assert_eq!(codes(&r.body), vec![expected.to_owned()], "{}", r.body);
        let r = put(&app, &uri, good, Some(&token)).await;
        assert_eq!(codes(&r.body), Vec::<String>::new(), "{}", r.body);
    }

    // A bewonersgroep needs 6 co-signatures of other residents, collected through a link.
    let mut as_group = valid_draft(&group);
    as_group["organisation_id"] = json!(group);
    let r = put(&app, &uri, as_group, Some(&token)).await;
    assert_eq!(codes(&r.body), vec!["cosignatures:missing".to_owned()]);
    assert_eq!(r.body["cosignatures_required"], 6);
    let link = post(
        &app,
        &format!("{uri}/cosignature-links"),
        json!({}),
        Some(&token),
    )
    .await;
    assert_eq!(link.status, StatusCode::CREATED, "{}", link.body);
    let t = link.body["token"].as_str().expect("token").to_owned();
    assert!(link.body["url"].as_str().expect("url").ends_with(&t));
    let own = post(
        &app,
        &format!("/api/v1/subsidies/cosignatures/{t}"),
        json!({}),
        Some(&token),
    )
    .await;
    assert_eq!(
        own.status,
        StatusCode::FORBIDDEN,
        "the applicant cannot co-sign"
    );
    for i in 1..=6 {
        let email = format!("buur{i}@example.org");
        verified_user(&app, &db, &email).await;
        let neighbour = access(&app, &email).await;
        let r = post(
            &app,
            &format!("/api/v1/subsidies/cosignatures/{t}"),
            json!({}),
            Some(&neighbour),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.body["cosignatures"], i);
        if i == 5 {
            let r = get_as(&app, &uri, Some(&token)).await;
            assert_eq!(
                codes(&r.body),
                vec!["cosignatures:missing".to_owned()],
                "5 of 6"
            );
            let again = post(
                &app,
                &format!("/api/v1/subsidies/cosignatures/{t}"),
                json!({}),
                Some(&neighbour),
            )
            .await;
            assert_eq!(again.status, StatusCode::CONFLICT, "once per resident");
        }
    }
    let r = get_as(&app, &uri, Some(&token)).await;
    assert_eq!(codes(&r.body), Vec::<String>::new(), "6 of 6: {}", r.body);

    // Schemes are data: a scheme without an open deadline refuses jury applications …
    let mut input = scheme(&app, "samen-aan-zet").await;
    let body = json!({
        "name": "Buurtfonds Test", "owner_service": "Dienst Ontmoeten en Verbinden",
        "purpose": "Test", "status": "test_phase", "rules": input["rules"].take(),
    });
    let r = put(
        &app,
        "/api/v1/subsidies/schemes/buurtfonds-test",
        body.clone(),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut d = jury(180_000, jury_start);
    d["scheme"] = json!("buurtfonds-test");
    let created = post(&app, "/api/v1/subsidies/applications", d, Some(&token)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert!(
        codes(&created.body).contains(&"category:no_deadline".to_owned()),
        "{}",
        created.body
    );
    // … until staff add one.
    let r = post(
        &app,
        "/api/v1/subsidies/schemes/buurtfonds-test/deadlines",
        json!({"closes_on": day(deadline)}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let new_id = created.body["id"].as_str().expect("id");
    let r = get_as(
        &app,
        &format!("/api/v1/subsidies/applications/{new_id}"),
        Some(&token),
    )
    .await;
    assert_eq!(codes(&r.body), Vec::<String>::new(), "{}", r.body);
    // An archived scheme takes no submissions, even of drafts started earlier.
    let mut archived = body.clone();
    archived["status"] = json!("archived");
    let r = put(
        &app,
        "/api/v1/subsidies/schemes/buurtfonds-test",
        archived,
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let s = post(
        &app,
        &format!("/api/v1/subsidies/applications/{new_id}/submit"),
        json!({}),
        Some(&token),
    )
    .await;
    assert_eq!(s.status, StatusCode::CONFLICT);
    assert!(
        s.body["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .any(|e| e["code"] == "archived"),
        "{}",
        s.body
    );
    let r = post(&app, "/api/v1/subsidies/applications", json!({"scheme": "wijk-aan-zet", "category": "wijkinitiatief", "title": "", "description": "", "themes": [], "scope": "wijk", "wijken": [], "target_groups": [], "starts_on": null, "ends_on": null, "location": "", "requested_cents": 0, "coaching": false, "budget_lines": []}), Some(&token)).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "Wijk aan Zet is archived");

    // Bad rules are refused field by field; only programme staff edit schemes.
    let mut bad = body;
    bad["rules"]["categories"][0]["review"] = json!("lottery");
    bad["rules"]["spending_caps"] = json!([{"kind": "drinks", "max_percent": 10}]);
    let r = put(
        &app,
        "/api/v1/subsidies/schemes/buurtfonds-test",
        bad.clone(),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let fields: Vec<&str> = r.body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert!(
        fields.contains(&"rules.categories[0].review") && fields.contains(&"rules.spending_caps"),
        "{fields:?}"
    );
    let r = put(
        &app,
        "/api/v1/subsidies/schemes/buurtfonds-test",
        bad,
        Some(&token),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "a resident is refused before the body is read"
    );
    let r = put(
        &app,
        "/api/v1/subsidies/schemes/samen-aan-zet/budgets/2030",
        json!({"budget_cents": 1}),
        Some(&token),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // The submitted flat-rate application has no deadline and a timeline with its submission.
    let r = put(&app, &uri, valid_draft(&vzw), Some(&token)).await;
    assert_eq!(codes(&r.body), Vec::<String>::new());
    let s = post(&app, &format!("{uri}/submit"), json!({}), Some(&token)).await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.body);
    assert_eq!(s.body["status"], "submitted");
    assert!(s.body["deadline"].is_null());
    let statuses: Vec<&str> = s.body["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .filter_map(|e| e["status"].as_str())
        .collect();
    assert_eq!(statuses, ["draft", "submitted"]);
    let again = put(&app, &uri, valid_draft(&vzw), Some(&token)).await;
    assert_eq!(
        again.status,
        StatusCode::CONFLICT,
        "submitted applications do not change"
    );
}

#[actix_web::test]
async fn twenty_simultaneous_approvals_never_spend_more_than_the_budget() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    verified_user(&app, &db, "vzw@example.org").await;
    let token = access(&app, "vzw@example.org").await;
    let vzw = organisation(&app, &token, "Vzw Rabot Leeft", "vzw").await;
    let year = Utc::now().format("%Y").to_string();
    // €5,000 left: 16 grants of €300 fit (€4,800), the 17th does not.
    let r = put(
        &app,
        &format!("/api/v1/subsidies/schemes/samen-aan-zet/budgets/{year}"),
        json!({"budget_cents": 500_000}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut ids = Vec::new();
    for _ in 0..20 {
        let id = draft_for(&app, &token, valid_draft(&vzw)).await;
        let s = post(
            &app,
            &format!("/api/v1/subsidies/applications/{id}/submit"),
            json!({}),
            Some(&token),
        )
        .await;
        assert_eq!(s.status, StatusCode::OK, "{}", s.body);
        ids.push(id);
    }
    // A server with enough connections that all twenty transactions run at once.
    let state = actix_web::web::Data::new(AppState::new(
        samenstad_db::connect_pool(db.url(), 20, Duration::from_secs(20)),
        samenstad_api::auth::Auth::new(auth_config()),
    ));
    let wide = actix_test::init_service(build_app(state, settings())).await;
    let uris: Vec<String> = ids
        .iter()
        .map(|id| format!("/api/v1/subsidies/applications/{id}/decision"))
        .collect();
    let calls = uris.iter().map(|uri| {
        post(
            &wide,
            uri,
            json!({"outcome": "approve", "reason": "Past in Samen aan Zet."}),
            Some(&admin),
        )
    });
    let replies = futures_util::future::join_all(calls).await;
    let ok = replies
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    let refused = replies
        .iter()
        .filter(|r| r.status == StatusCode::CONFLICT)
        .count();
    assert_eq!(
        (ok, refused),
        (16, 4),
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert!(
        replies
            .iter()
            .filter(|r| r.status == StatusCode::CONFLICT)
            .all(|r| r.body["detail"]
                .as_str()
                .is_some_and(|d| d.contains("budget")))
    );
    let spent = count(
        &db,
        &format!(
            "SELECT coalesce(sum(decided_cents), 0)::bigint AS n FROM subsidy_application WHERE status = 'approved' AND budget_year = {year}"
        ),
    );
    assert_eq!(spent, 480_000);
    let s = scheme(&app, "samen-aan-zet").await;
    let budget = s["budgets"]
        .as_array()
        .expect("budgets")
        .iter()
        .find(|b| b["year"].as_i64() == year.parse::<i64>().ok())
        .expect("this year")
        .clone();
    assert_eq!(
        (
            budget["committed_cents"].as_i64(),
            budget["remaining_cents"].as_i64()
        ),
        (Some(480_000), Some(20_000))
    );
    // The budget cannot be lowered below what is granted.
    let r = put(
        &app,
        &format!("/api/v1/subsidies/schemes/samen-aan-zet/budgets/{year}"),
        json!({"budget_cents": 479_999}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}

#[actix_web::test]
async fn applicants_see_their_own_jury_members_only_what_is_assigned_and_unconflicted_and_staff_their_wijken()
 {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    verified_user(&app, &db, "vzw@example.org").await;
    let owner = access(&app, "vzw@example.org").await;
    let vzw = organisation(&app, &owner, "Vzw Rabot Leeft", "vzw").await;
    let other_id = verified_user(&app, &db, "ander@example.org").await;
    let other = access(&app, "ander@example.org").await;
    let juror_id = verified_user(&app, &db, "jury1@example.org").await;
    let conflicted_id = verified_user(&app, &db, "jury2@example.org").await;
    let staff9_id = verified_user(&app, &db, "staf9@example.org").await;
    let staff1_id = verified_user(&app, &db, "staf1@example.org").await;
    let saz = scheme(&app, "samen-aan-zet").await;
    let scheme_id = saz["id"].as_str().expect("id");
    for id in [&juror_id, &conflicted_id] {
        grant(
            &app,
            &admin,
            id,
            json!({"role": "jury_member", "scope_id": scheme_id}),
        )
        .await;
    }
    grant(
        &app,
        &admin,
        &staff9_id,
        json!({"role": "wijk_staff", "wijknr": 9}),
    )
    .await;
    grant(
        &app,
        &admin,
        &staff1_id,
        json!({"role": "wijk_staff", "wijknr": 1}),
    )
    .await;
    let juror = access(&app, "jury1@example.org").await;
    let conflicted = access(&app, "jury2@example.org").await;
    let staff9 = access(&app, "staf9@example.org").await;
    let staff1 = access(&app, "staf1@example.org").await;

    let (deadline_id, deadline) = next_deadline(&saz);
    let mut draft = valid_draft(&vzw);
    draft["category"] = json!("tot_2000");
    draft["requested_cents"] = json!(180_000);
    draft["budget_lines"] =
        json!([{"kind": "materials", "description": "Podium", "amount_cents": 200_000}]);
    draft["starts_on"] = json!(day(deadline + Days::new(30)));
    draft["ends_on"] = json!(day(deadline + Days::new(31)));
    let id = draft_for(&app, &owner, draft).await;
    let uri = format!("/api/v1/subsidies/applications/{id}");

    // A draft is the applicant's alone.
    for t in [&other, &juror, &staff9] {
        assert_eq!(
            get_as(&app, &uri, Some(t)).await.status,
            StatusCode::NOT_FOUND
        );
    }
    let r = put(&app, &uri, valid_draft(&vzw), Some(&other)).await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "a stranger cannot even see it"
    );
    let mine = get_as(&app, "/api/v1/subsidies/applications", Some(&other)).await;
    assert_eq!(mine.body.as_array().map(Vec::len), Some(0));
    let s = post(&app, &format!("{uri}/submit"), json!({}), Some(&owner)).await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.body);
    assert_eq!(s.body["deadline"], day(deadline));

    // Submitted: staff of wijk 9 read it, staff of wijk 1 do not; neither decides.
    assert_eq!(
        get_as(&app, &uri, Some(&staff9)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        get_as(&app, &uri, Some(&staff1)).await.status,
        StatusCode::NOT_FOUND
    );
    let all9 = get_as(
        &app,
        "/api/v1/subsidies/applications?view=all",
        Some(&staff9),
    )
    .await;
    assert_eq!(all9.body.as_array().map(Vec::len), Some(1));
    let all1 = get_as(
        &app,
        "/api/v1/subsidies/applications?view=all",
        Some(&staff1),
    )
    .await;
    assert_eq!(all1.body.as_array().map(Vec::len), Some(0));
    assert_eq!(
        get_as(
            &app,
            "/api/v1/subsidies/applications?view=all",
            Some(&other)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let d = post(
        &app,
        &format!("{uri}/decision"),
        json!({"outcome": "approve", "reason": "ok"}),
        Some(&staff9),
    )
    .await;
    assert_eq!(d.status, StatusCode::FORBIDDEN);
    let d = post(
        &app,
        &format!("{uri}/decision"),
        json!({"outcome": "approve", "reason": "ok"}),
        Some(&admin),
    )
    .await;
    assert_eq!(
        d.status,
        StatusCode::CONFLICT,
        "it waits for its jury deadline"
    );

    // Before the deadline goes to the jury, jury members see nothing.
    let list = get_as(
        &app,
        "/api/v1/subsidies/applications?view=jury",
        Some(&juror),
    )
    .await;
    assert_eq!(list.body.as_array().map(Vec::len), Some(0));
    assert_eq!(
        get_as(&app, &uri, Some(&juror)).await.status,
        StatusCode::NOT_FOUND
    );
    let r = post(
        &app,
        &format!("/api/v1/subsidies/deadlines/{deadline_id}/close"),
        json!({}),
        Some(&staff9),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = post(
        &app,
        &format!("/api/v1/subsidies/deadlines/{deadline_id}/close"),
        json!({}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["applications"], 1);
    for t in [&juror, &conflicted] {
        let list = get_as(&app, "/api/v1/subsidies/applications?view=jury", Some(t)).await;
        assert_eq!(list.body.as_array().map(Vec::len), Some(1), "{}", list.body);
    }
    // A conflicted jury member steps aside and no longer sees it.
    let r = call(
        &app,
        Method::POST,
        &format!("{uri}/conflict"),
        None,
        Some(&conflicted),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let list = get_as(
        &app,
        "/api/v1/subsidies/applications?view=jury",
        Some(&conflicted),
    )
    .await;
    assert_eq!(list.body.as_array().map(Vec::len), Some(0));
    assert_eq!(
        get_as(&app, &uri, Some(&conflicted)).await.status,
        StatusCode::NOT_FOUND
    );
    let scores = json!({"scores": [
        {"criterion": "ontmoeten", "score": 8, "comment": "Brengt de straat samen"},
        {"criterion": "samenleven", "score": 7, "comment": ""},
        {"criterion": "emancipatie", "score": 5, "comment": ""},
        {"criterion": "haalbaarheid", "score": 9, "comment": "Degelijke begroting"}]});
    let r = put(
        &app,
        &format!("{uri}/scores"),
        scores.clone(),
        Some(&conflicted),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = put(&app, &format!("{uri}/scores"), scores.clone(), Some(&other)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut missing = scores.clone();
    missing["scores"].as_array_mut().expect("array").pop();
    let r = put(&app, &format!("{uri}/scores"), missing, Some(&juror)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "every criterion once");
    let r = put(&app, &format!("{uri}/scores"), scores, Some(&juror)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The advice is for programme staff: (8×3 + 7×3 + 5×2 + 9×2) / 10 = 7.3.
    assert_eq!(
        get_as(&app, &format!("{uri}/advice"), Some(&owner))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let a = get_as(&app, &format!("{uri}/advice"), Some(&admin)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(
        (a.body["reviewers"].as_i64(), a.body["conflicts"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(a.body["weighted_average"].as_f64(), Some(7.3));
    // The applicant never sees jury scores; only programme staff decide.
    let me = get_as(&app, &uri, Some(&owner)).await;
    assert_eq!(me.body["status"], "in_review");
    assert!(!me.body.to_string().contains("Degelijke begroting"));
    let _ = other_id;
}

#[actix_web::test]
async fn a_grant_goes_from_draft_to_closed_with_its_timeline_mails_attachments_and_public_award() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    verified_user(&app, &db, "vzw@example.org").await;
    let owner = access(&app, "vzw@example.org").await;
    let vzw = organisation(&app, &owner, "Vzw Rabot Leeft", "vzw").await;
    verified_user(&app, &db, "persoon@example.org").await;
    let person = access(&app, "persoon@example.org").await;
    let id = draft_for(&app, &owner, valid_draft(&vzw)).await;
    let uri = format!("/api/v1/subsidies/applications/{id}");

    // Attachments: a real PDF is kept; wrong or lying types are refused; only drafts change.
    let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec();
    let app_ref = &app;
    let upload = |bytes: Vec<u8>, ty: &'static str, token: String| {
        let uri = format!("{uri}/attachments?name=begroting.pdf");
        async move {
            let req = actix_test::TestRequest::put()
                .uri(&uri)
                .insert_header(("Content-Type", ty))
                .insert_header(("Authorization", format!("Bearer {token}")))
                .set_payload(bytes)
                .to_request();
            actix_test::call_service(app_ref, req).await.status()
        }
    };
    assert_eq!(
        upload(pdf.clone(), "application/pdf", owner.clone()).await,
        StatusCode::CREATED
    );
    assert_eq!(
        upload(
            b"not a pdf at all".to_vec(),
            "application/pdf",
            owner.clone()
        )
        .await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(
        upload(pdf.clone(), "text/html", owner.clone()).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    assert_eq!(
        upload(pdf.clone(), "application/pdf", person.clone()).await,
        StatusCode::NOT_FOUND
    );
    // A misspelt parameter is refused, not ignored (the body is the file, so nothing else
    // would tell).
    let misspelt = actix_test::TestRequest::put()
        .uri(&format!(
            "{uri}/attachments?name=begroting.pdf&naam=begroting.pdf"
        ))
        .insert_header(("Content-Type", "application/pdf"))
        .insert_header(("Authorization", format!("Bearer {owner}")))
        .set_payload(pdf.clone())
        .to_request();
    assert_eq!(
        actix_test::call_service(&app, misspelt).await.status(),
        StatusCode::BAD_REQUEST
    );
    let r = get_as(&app, &uri, Some(&owner)).await;
    let file = r.body["attachments"][0]["url"]
        .as_str()
        .expect("url")
        .to_owned();
    assert_eq!(r.body["attachments"][0]["name"], "begroting.pdf");
    let got = actix_test::call_service(
        &app,
        actix_test::TestRequest::get()
            .uri(&file)
            .insert_header(("Authorization", format!("Bearer {owner}")))
            .to_request(),
    )
    .await;
    assert_eq!(got.status(), StatusCode::OK);
    assert_eq!(actix_test::read_body(got).await.to_vec(), pdf);
    assert_eq!(
        get_as(&app, &file, Some(&person)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_as(&app, &file, None).await.status,
        StatusCode::UNAUTHORIZED
    );

    let s = post(&app, &format!("{uri}/submit"), json!({}), Some(&owner)).await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.body);
    assert_eq!(
        upload(pdf, "application/pdf", owner.clone()).await,
        StatusCode::CONFLICT
    );
    // Decide: more than requested is refused; a partial approval carries its reason.
    let r = post(
        &app,
        &format!("{uri}/decision"),
        json!({"outcome": "approve", "amount_cents": 30001, "reason": "x"}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = post(&app, &format!("{uri}/decision"), json!({"outcome": "approve", "amount_cents": 15000, "reason": "De tenten betaalt de stad al."}), Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        (
            r.body["status"].as_str(),
            r.body["decided_cents"].as_i64(),
            r.body["partial"].as_bool()
        ),
        (Some("approved"), Some(15000), Some(true))
    );
    let r = post(
        &app,
        &format!("{uri}/decision"),
        json!({"outcome": "reject", "reason": "x"}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "decided once");
    // The applicant reads the decision and its reason, and got a mail for each step.
    let mine = get_as(&app, &uri, Some(&owner)).await;
    assert_eq!(
        mine.body["decision_reason"],
        "De tenten betaalt de stad al."
    );
    wait_for(
        &db,
        "SELECT count(*) AS n FROM mail_outbox WHERE template = 'application_status'",
        2,
    )
    .await;
    // Payment, then the final report, then closing.
    let r = post(
        &app,
        &format!("{uri}/report/review"),
        json!({"accepted": true, "reason": "x"}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "no report yet");
    let r = post(
        &app,
        &format!("{uri}/payment"),
        json!({"reference": "OV-2026-0042"}),
        Some(&admin),
    )
    .await;
    assert_eq!(
        (
            r.status,
            r.body["status"].as_str(),
            r.body["paid_cents"].as_i64()
        ),
        (StatusCode::OK, Some("paid"), Some(15000))
    );
    let r = put(
        &app,
        &format!("{uri}/report"),
        json!({"narrative": "120 buren kwamen.", "actual_cents": [9000]}),
        Some(&owner),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "one actual cost per line"
    );
    // A cost past the documented range is refused, not summed into a wrapped total.
    let r = put(
        &app,
        &format!("{uri}/report"),
        json!({"narrative": "120 buren kwamen.", "actual_cents": [i64::MAX, 1]}),
        Some(&owner),
    )
    .await;
    assert_eq!(
        (r.status, r.body["errors"][0]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("actual_cents")),
        "{}",
        r.body
    );
    let r = put(
        &app,
        &format!("{uri}/report"),
        json!({"narrative": "120 buren kwamen.", "actual_cents": [9000, 6500]}),
        Some(&owner),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["report"]["actual_total_cents"], 15500);
    let r = post(
        &app,
        &format!("{uri}/report/review"),
        json!({"accepted": false, "reason": "Voeg de kassatickets toe."}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.body["status"], "paid", "sent back");
    let r = put(
        &app,
        &format!("{uri}/report"),
        json!({"narrative": "120 buren kwamen; tickets in bijlage.", "actual_cents": [9000, 6500]}),
        Some(&owner),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = post(
        &app,
        &format!("{uri}/report/review"),
        json!({"accepted": true, "reason": "In orde."}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.body["status"], "closed");
    // The database keeps the API's vocabularies and bounds too, behind its back.
    for (sql, constraint) in [
        (
            "UPDATE subsidy_budget_line SET actual_cents = 4294967296",
            "subsidy_budget_line_amounts",
        ),
        (
            "UPDATE subsidy_budget_line SET amount_cents = 100000001",
            "subsidy_budget_line_amounts",
        ),
        (
            "UPDATE subsidy_application SET applicant_kind = 'club'",
            "subsidy_application_applicant_kind",
        ),
        (
            "UPDATE subsidy_event SET status = 'lost'",
            "subsidy_event_status",
        ),
    ] {
        assert_eq!(check_refusing(&db, sql), Some(constraint.into()), "{sql}");
    }
    let statuses: Vec<&str> = r.body["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .filter_map(|e| e["status"].as_str())
        .collect();
    assert_eq!(
        statuses,
        [
            "draft",
            "submitted",
            "approved",
            "paid",
            "report_submitted",
            "paid",
            "report_submitted",
            "closed"
        ]
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) AS n FROM audit_log WHERE object_id = '{id}' AND action LIKE 'subsidy_application.%'"
            )
        ),
        9
    );

    // A person's grant from the fund is listed without their name; withdrawn ones are not.
    let mut own = valid_draft(&vzw);
    own["scheme"] = json!("fonds-tijdelijke-invullingen");
    own["organisation_id"] = json!(null);
    own["category"] = json!("tijdelijke_invulling");
    own["themes"] = json!(["groen"]);
    own["starts_on"] = json!(day(today() + Days::new(5)));
    own["ends_on"] = json!(day(today() + Days::new(5)));
    let r = post(&app, "/api/v1/subsidies/applications", own, Some(&person)).await;
    assert_eq!(codes(&r.body), Vec::<String>::new(), "{}", r.body);
    let pid = r.body["id"].as_str().expect("id").to_owned();
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/subsidies/applications/{pid}/submit"),
            json!({}),
            Some(&person)
        )
        .await
        .status,
        StatusCode::OK
    );
    let r = post(
        &app,
        &format!("/api/v1/subsidies/applications/{pid}/decision"),
        json!({"outcome": "approve", "reason": "Mooi tijdelijk project."}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let withdrawn = draft_for(&app, &owner, valid_draft(&vzw)).await;
    let r = post(
        &app,
        &format!("/api/v1/subsidies/applications/{withdrawn}/withdraw"),
        json!({"reason": "Gaat niet door"}),
        Some(&owner),
    )
    .await;
    assert_eq!(r.body["status"], "withdrawn");

    let awards = get_as(&app, "/api/v1/subsidies/awards", None).await;
    let list = awards.body.as_array().expect("awards");
    assert_eq!(list.len(), 2, "{}", awards.body);
    assert_eq!(
        (
            list[0]["organisation"].as_str(),
            list[0]["amount_cents"].as_i64()
        ),
        (Some("Vzw Rabot Leeft"), Some(15000))
    );
    assert!(list[1]["organisation"].is_null(), "a person is not named");
    // A title a spreadsheet would run as a formula arrives as text.
    diesel::RunQueryDsl::execute(
        diesel::sql_query(
            "UPDATE subsidy_application SET title = '=HYPERLINK(\"https://example.org\")' \
             WHERE organisation_id IS NULL AND decided_cents IS NOT NULL",
        ),
        &mut db.conn(),
    )
    .expect("title");
    let csv = actix_test::call_service(
        &app,
        actix_test::TestRequest::get()
            .uri("/api/v1/subsidies/awards.csv")
            .to_request(),
    )
    .await;
    assert!(
        csv.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/csv"))
    );
    let text = String::from_utf8(actix_test::read_body(csv).await.to_vec()).expect("utf-8");
    assert!(
        text.starts_with("id,scheme,organisation,title,wijken,amount_eur,year,decided_at\n"),
        "{text}"
    );
    assert!(
        text.contains(",samen-aan-zet,Vzw Rabot Leeft,Buurtfeest Rabot,9,150.00,"),
        "{text}"
    );
    assert!(
        text.contains(",\"'=HYPERLINK(\"\"https://example.org\"\")\","),
        "{text}"
    );
    assert!(
        !text.contains("persoon@example.org") && !text.contains("Test"),
        "no personal data: {text}"
    );

    // Grants are in the decisions feed, organisations named, people not.
    let feed = get_as(&app, "/api/v1/projects/decisions.json", None).await;
    let items = feed.body["items"].as_array().expect("items");
    let grant = items
        .iter()
        .find(|i| i["id"] == format!("urn:samenstad:grant-{id}"))
        .expect("the grant is in the feed");
    assert_eq!(
        grant["title"],
        "Samen aan Zet: €150.00 voor «Buurtfeest Rabot» (Vzw Rabot Leeft)"
    );
    assert!(
        items
            .iter()
            .any(|i| i["id"] == format!("urn:samenstad:grant-{pid}"))
    );
    assert!(!feed.body.to_string().contains("persoon@example.org"));

    // The dashboard answers the test-year questions.
    assert_eq!(
        get_as(&app, "/api/v1/subsidies/dashboard", Some(&owner))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let d = get_as(&app, "/api/v1/subsidies/dashboard", Some(&admin)).await;
    assert_eq!(d.status, StatusCode::OK, "{}", d.body);
    let row = |section: &str, key: &str| {
        d.body[section]
            .as_array()
            .expect("section")
            .iter()
            .find(|r| r["key"] == key)
            .cloned()
            .unwrap_or(Value::Null)
    };
    assert_eq!(row("by_applicant_kind", "vzw")["awarded_cents"], 15000);
    assert_eq!(row("by_applicant_kind", "person")["awarded_cents"], 30000);
    assert_eq!(
        row("by_wijk", "09")["applications"],
        3,
        "two grants and a withdrawal in wijk 9"
    );
    assert_eq!(row("by_target_group", "armoede")["awarded"], 2);
    assert_eq!(row("by_status", "withdrawn")["applications"], 1);
    let saz = d.body["budgets"]
        .as_array()
        .expect("budgets")
        .iter()
        .find(|b| b["scheme"] == "samen-aan-zet")
        .expect("saz")
        .clone();
    assert_eq!(
        (saz["paid_cents"].as_i64(), saz["remaining_cents"].as_i64()),
        (Some(15000), Some(53_000_000 - 15000))
    );
    let csv = actix_test::call_service(
        &app,
        actix_test::TestRequest::get()
            .uri("/api/v1/subsidies/dashboard.csv")
            .insert_header(("Authorization", format!("Bearer {admin}")))
            .to_request(),
    )
    .await;
    let text = String::from_utf8(actix_test::read_body(csv).await.to_vec()).expect("utf-8");
    assert!(text.contains("applicant_kind,person,1,1,300.00"), "{text}");
}

#[actix_web::test]
async fn the_finder_matches_an_amount_and_a_theme_and_skips_archived_schemes() {
    let db = TestDb::new();
    let app = app(&db).await;
    let r = get_as(
        &app,
        "/api/v1/subsidies/finder?amount_cents=180000&theme=ontmoeten",
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let fits: Vec<(String, String)> = r
        .body
        .as_array()
        .expect("list")
        .iter()
        .map(|f| {
            (
                f["scheme"].as_str().unwrap_or("").to_owned(),
                f["category"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(fits, [("samen-aan-zet".to_owned(), "tot_2000".to_owned())]);
    assert!(r.body[0]["next_deadline"].is_string());
    let r = get_as(&app, "/api/v1/subsidies/finder?amount_cents=20000", None).await;
    assert_eq!(r.body[0]["category"], "forfait");
    assert_eq!(
        r.body[0]["amount_cents"], 30000,
        "the smallest flat amount that covers it"
    );
    let r = get_as(&app, "/api/v1/subsidies/finder?theme=groen", None).await;
    assert_eq!(r.body.as_array().map(Vec::len), Some(1));
    let r = get_as(&app, "/api/v1/subsidies/finder?amount_cents=-1", None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let schemes = get_as(&app, "/api/v1/subsidies/schemes", None).await;
    let keys: Vec<&str> = schemes
        .body
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|s| s["key"].as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "fonds-tijdelijke-invullingen",
            "samen-aan-zet",
            "wijk-aan-zet"
        ]
    );
    assert_eq!(schemes.body[2]["replaced_by"], "samen-aan-zet");
    assert_eq!(schemes.body[1]["budgets"][0]["budget_cents"], 53_000_000);
    assert_eq!(
        schemes.body[1]["deadlines"].as_array().map(Vec::len),
        Some(12)
    );
}

/// SQL statements started on any connection of this test process (nextest runs every test in
/// a process of its own).
static STATEMENTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn count_statements() -> Option<Box<dyn diesel::connection::Instrumentation>> {
    Some(Box::new(
        |event: diesel::connection::InstrumentationEvent<'_>| {
            if matches!(
                event,
                diesel::connection::InstrumentationEvent::StartQuery { .. }
            ) {
                STATEMENTS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
        },
    ))
}

#[actix_web::test]
async fn a_programme_administrators_list_takes_three_statements_however_many_applications() {
    diesel::connection::set_default_instrumentation(count_statements).expect("instrumentation");
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let staff_id = verified_user(&app, &db, "programma@example.org").await;
    grant(&app, &admin, &staff_id, json!({"role": "programme_admin"})).await;
    let staff = access(&app, "programma@example.org").await;
    verified_user(&app, &db, "vzw@example.org").await;
    let token = access(&app, "vzw@example.org").await;
    let vzw = organisation(&app, &token, "Vzw Rabot Leeft", "vzw").await;
    let mut counts = Vec::new();
    for _ in 0..3 {
        for _ in 0..3 {
            let id = draft_for(&app, &token, valid_draft(&vzw)).await;
            let r = post(
                &app,
                &format!("/api/v1/subsidies/applications/{id}/submit"),
                json!({}),
                Some(&token),
            )
            .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        }
        STATEMENTS.store(0, std::sync::atomic::Ordering::SeqCst);
        let r = get_as(
            &app,
            "/api/v1/subsidies/applications?view=all",
            Some(&staff),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let listed = r.body.as_array().expect("list").len();
        counts.push((listed, STATEMENTS.load(std::sync::atomic::Ordering::SeqCst)));
    }
    // Loading the caller (account, roles) and one query for the list with its schemes,
    // organisations, deadlines, wijken and jury scores; around them BEGIN, entering the
    // municipality (role and setting in one round trip) and COMMIT.
    assert_eq!(counts, [(3, 6), (6, 6), (9, 6)]);
}

#[actix_web::test]
async fn a_paged_application_list_walks_every_application_once_by_its_link_header() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let staff_id = verified_user(&app, &db, "programma@example.org").await;
    grant(&app, &admin, &staff_id, json!({"role": "programme_admin"})).await;
    let staff = access(&app, "programma@example.org").await;
    verified_user(&app, &db, "vzw@example.org").await;
    let token = access(&app, "vzw@example.org").await;
    let vzw = organisation(&app, &token, "Vzw Rabot Leeft", "vzw").await;
    for _ in 0..9 {
        let id = draft_for(&app, &token, valid_draft(&vzw)).await;
        let r = post(
            &app,
            &format!("/api/v1/subsidies/applications/{id}/submit"),
            json!({}),
            Some(&token),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let ids = |body: &Value| -> Vec<String> {
        body.as_array()
            .expect("a list")
            .iter()
            .map(|a| a["id"].as_str().expect("an id").to_owned())
            .collect()
    };
    let whole = get_as(
        &app,
        "/api/v1/subsidies/applications?view=all",
        Some(&staff),
    )
    .await;
    assert_eq!(whole.status, StatusCode::OK, "{}", whole.body);
    assert!(
        whole.headers.get("link").is_none(),
        "an unpaged list has no next page"
    );

    let mut next = Some("/api/v1/subsidies/applications?view=all&limit=4".to_owned());
    let (mut walked, mut sizes) = (Vec::new(), Vec::new());
    while let Some(uri) = next.take() {
        let r = get_as(&app, &uri, Some(&staff)).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
        sizes.push(r.body.as_array().map(Vec::len));
        walked.extend(ids(&r.body));
        next = r.headers.get("link").map(|link| {
            let link = link.to_str().expect("ASCII");
            assert!(link.ends_with(">; rel=\"next\""), "{link}");
            assert!(
                link.contains("view=all") && link.contains("limit=4"),
                "{link}"
            );
            link[1..link.find('>').expect("a target")].to_owned()
        });
    }
    assert_eq!(sizes, [Some(4), Some(4), Some(1)]);
    assert_eq!(
        walked,
        ids(&whole.body),
        "pages in the list's order, each once"
    );

    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("cursor=xyz", "cursor"),
    ] {
        let r = get_as(
            &app,
            &format!("/api/v1/subsidies/applications?view=all&{query}"),
            Some(&staff),
        )
        .await;
        assert_eq!(r.status, refusal_status(&r.body), "{query}: {}", r.body);
        assert_eq!(r.body["errors"][0]["field"], field, "{query}: {}", r.body);
    }
}
