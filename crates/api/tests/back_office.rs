//! The staff back office through the API: the allocation guard under concurrency, a panel that
//! decides by majority and quorum after a public seed and its notice, proposals edited until
//! decided, votes opened and closed by staff, the residence queue, the paper-ballot queue and
//! the ideas inbox's filters.

#![expect(clippy::expect_used, reason = "tests fail loudly")]

mod common;

use std::time::Duration;

use actix_web::http::{Method, StatusCode};
use actix_web::test as actix_test;
use chrono::Utc;
use samenstad_api::AppState;
use samenstad_api::app::build_app;
use samenstad_db::testing::TestDb;
use serde_json::{Value, json};

use common::*;

async fn proposal(
    app: &impl TestService,
    token: &str,
    wijk: &str,
    title: &str,
    cents: i64,
    ideas: Value,
) -> Reply {
    post(
        app,
        "/api/v1/projects/proposals",
        json!({"wijk": wijk, "title": title, "summary": "Een voorstel uit de wijkdialoog.",
            "owners": "Buurtwerk", "budget_lines": [{"description": "Uitvoering", "amount_cents": cents}],
            "idea_ids": ideas}),
        Some(token),
    )
    .await
}

fn id_of(r: &Reply) -> String {
    r.body["id"].as_str().expect("id").to_owned()
}

/// Wijk `nr`'s row in the active programme's first round.
async fn round_wijk(app: &impl TestService, nr: i64) -> Value {
    let p = get_as(app, "/api/v1/projects/programmes/wijkbudget", None).await;
    p.body["rounds"]
        .as_array()
        .expect("rounds")
        .iter()
        .flat_map(|r| r["wijken"].as_array().expect("wijken").iter())
        .find(|w| w["wijknr"] == nr)
        .expect("wijk")
        .clone()
}

#[actix_web::test]
async fn twenty_simultaneous_selections_never_pass_the_wijks_allocation() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let before = round_wijk(&app, 2).await;
    let allocation = before["allocation_cents"].as_i64().expect("allocation");
    assert_eq!(before["left_cents"].as_i64(), Some(allocation));
    // Sixteen proposals of a sixteenth fit, the seventeenth does not.
    let cost = allocation / 16;
    let mut ids = Vec::new();
    for i in 0..20 {
        let r = proposal(&app, &admin, "2", &format!("Voorstel {i}"), cost, json!([])).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        ids.push(id_of(&r));
    }
    let state = actix_web::web::Data::new(AppState::new(
        samenstad_db::connect_pool(db.url(), 20, Duration::from_secs(20)),
        samenstad_api::auth::Auth::new(auth_config()),
    ));
    let wide = actix_test::init_service(build_app(state, settings())).await;
    let uris: Vec<String> = ids
        .iter()
        .map(|id| format!("/api/v1/projects/proposals/{id}/decision"))
        .collect();
    let started = std::time::Instant::now();
    let replies = futures_util::future::join_all(uris.iter().map(|uri| {
        post(
            &wide,
            uri,
            json!({"selected": true, "reason": "Gekozen in de wijkdialoog."}),
            Some(&admin),
        )
    }))
    .await;
    println!(
        "20 simultaneous selections took {} ms",
        started.elapsed().as_millis()
    );
    let statuses: Vec<StatusCode> = replies.iter().map(|r| r.status).collect();
    let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let refused: Vec<&Reply> = replies
        .iter()
        .filter(|r| r.status == StatusCode::CONFLICT)
        .collect();
    assert_eq!((ok, refused.len()), (16, 4), "{statuses:?}");
    assert!(
        refused.iter().all(|r| r.body["detail"]
            .as_str()
            .is_some_and(|d| d.contains("allocation") && d.contains("left"))),
        "{:?}",
        refused[0].body
    );
    let committed = count(
        &db,
        "SELECT coalesce(sum(cost_cents), 0)::bigint AS n FROM proposal WHERE status = 'selected'",
    );
    assert_eq!(committed, 16 * cost);
    assert_eq!(
        count(&db, "SELECT count(*) AS n FROM project"),
        16,
        "each selected proposal became one project"
    );
    let after = round_wijk(&app, 2).await;
    assert_eq!(
        (
            after["committed_cents"].as_i64(),
            after["left_cents"].as_i64()
        ),
        (Some(16 * cost), Some(allocation - 16 * cost))
    );
}

/// A panel of three on Drongen (selects by panel) with `quorum`, its three members' tokens and
/// its id, drawn after the seed was published.
async fn panel_of_three(app: &impl TestService, db: &TestDb, admin: &str) -> (String, Vec<String>) {
    let created = post(
        app,
        "/api/v1/projects/panels",
        json!({"wijk": "25", "size": 3, "reserves": 0, "quorum": 2}),
        Some(admin),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["quorum"], 2);
    let id = id_of(&created);
    let mut tokens = Vec::new();
    let mut candidates = Vec::new();
    for (i, name) in ["an", "bo", "cis"].iter().enumerate() {
        let email = format!("{name}@example.org");
        let user = verified_user(app, db, &email).await;
        tokens.push(access(app, &email).await);
        candidates.push(json!({"pseudonym": format!("P-{i}"), "user_id": user, "strata": {}}));
    }
    let r = post(
        app,
        &format!("/api/v1/projects/panels/{id}/candidates"),
        json!({"candidates": candidates}),
        Some(admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let seed = "Drongen wijkpanel 2026";
    let r = post(
        app,
        &format!("/api/v1/projects/panels/{id}/seed"),
        json!({"seed": seed}),
        Some(admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = post(
        app,
        &format!("/api/v1/projects/panels/{id}/draw"),
        json!({"seed": seed}),
        Some(admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    (id, tokens)
}

#[actix_web::test]
async fn a_panel_decides_by_a_majority_of_its_seated_members_once_its_quorum_has_voted() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let bad = post(
        &app,
        "/api/v1/projects/panels",
        json!({"wijk": "25", "size": 3, "reserves": 0, "quorum": 4}),
        Some(&admin),
    )
    .await;
    assert_eq!(
        (bad.status, bad.body["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("quorum")),
        "a quorum above the size: {}",
        bad.body
    );
    let (_, members) = panel_of_three(&app, &db, &admin).await;
    let first = id_of(&proposal(&app, &admin, "25", "Trage wegen", 500_000, json!([])).await);
    let second = id_of(&proposal(&app, &admin, "25", "Bankjes", 200_000, json!([])).await);
    let vote = |token: String, id: String, selected: bool| {
        let app = &app;
        async move {
            post(
                app,
                &format!("/api/v1/projects/proposals/{id}/decision"),
                json!({"selected": selected, "reason": "Mijn stem in het panel."}),
                Some(&token),
            )
            .await
        }
    };
    let tally = |r: &Reply| {
        (
            r.body["status"].as_str().map(str::to_owned),
            r.body["panel_tally"]["votes_for"].as_i64(),
            r.body["panel_tally"]["votes_against"].as_i64(),
        )
    };
    let r = vote(members[0].clone(), first.clone(), true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(tally(&r), (Some("proposed".into()), Some(1), Some(0)));
    let r = vote(members[0].clone(), first.clone(), false).await;
    assert_eq!(
        tally(&r),
        (Some("proposed".into()), Some(0), Some(1)),
        "a member changes their vote; it counts once"
    );
    let r = vote(members[1].clone(), first.clone(), true).await;
    assert_eq!(
        tally(&r),
        (Some("proposed".into()), Some(1), Some(1)),
        "quorum reached, but no majority of the three seated"
    );
    let r = vote(members[2].clone(), first.clone(), true).await;
    assert_eq!(tally(&r), (Some("selected".into()), Some(2), Some(1)));
    assert_eq!(r.body["decision_kind"], "panel");
    assert!(
        r.body["decided_by"].is_null(),
        "the panel's members stay anonymous: {}",
        r.body
    );
    assert!(
        r.body["decision_reason"]
            .as_str()
            .is_some_and(|t| t.contains("2 van de 3")),
        "{}",
        r.body
    );
    assert_eq!(
        vote(members[0].clone(), first.clone(), true).await.status,
        StatusCode::CONFLICT,
        "decided once"
    );
    vote(members[0].clone(), second.clone(), false).await;
    let r = vote(members[2].clone(), second.clone(), false).await;
    assert_eq!(tally(&r), (Some("not_selected".into()), Some(0), Some(2)));
    let staff_says = post(
        &app,
        &format!("/api/v1/projects/proposals/{first}/decision"),
        json!({"selected": false, "reason": "x", "kind": "panel"}),
        Some(&admin),
    )
    .await;
    assert_eq!(
        staff_says.status,
        StatusCode::BAD_REQUEST,
        "reason too short"
    );
}

#[actix_web::test]
async fn the_seed_is_public_for_the_notice_period_before_the_draw() {
    let db = TestDb::new();
    let mut config = auth_config();
    config.panel_seed_notice_s = 3600;
    let app = actix_test::init_service(build_app(state_with(db.url(), config), settings())).await;
    let admin = admin_token(&app, &db).await;
    let created = post(
        &app,
        "/api/v1/projects/panels",
        json!({"wijk": "25", "size": 2, "reserves": 0}),
        Some(&admin),
    )
    .await;
    assert_eq!(created.body["quorum"], 2, "default: a majority of the size");
    let id = id_of(&created);
    let candidates: Vec<Value> = (1..=3)
        .map(|i| json!({"pseudonym": format!("K-{i}"), "strata": {}}))
        .collect();
    post(
        &app,
        &format!("/api/v1/projects/panels/{id}/candidates"),
        json!({"candidates": candidates}),
        Some(&admin),
    )
    .await;
    let published = post(
        &app,
        &format!("/api/v1/projects/panels/{id}/seed"),
        json!({"seed": "lotto 1-2-3"}),
        Some(&admin),
    )
    .await;
    let not_before = published.body["draw_not_before"]
        .as_str()
        .expect("draw_not_before")
        .to_owned();
    let at = chrono::DateTime::parse_from_rfc3339(&not_before).expect("time");
    let wait = at.with_timezone(&Utc) - Utc::now();
    assert!(
        wait > chrono::Duration::minutes(59) && wait <= chrono::Duration::minutes(60),
        "{wait}"
    );
    let early = post(
        &app,
        &format!("/api/v1/projects/panels/{id}/draw"),
        json!({"seed": "lotto 1-2-3"}),
        Some(&admin),
    )
    .await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);
    assert!(
        early.body["detail"]
            .as_str()
            .is_some_and(|d| d.contains(&not_before[..16])),
        "the problem names when the draw may happen: {}",
        early.body
    );
}

#[actix_web::test]
async fn staff_edit_a_proposal_and_its_ideas_until_it_is_decided() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let staff = staff_of(&app, &db, &admin, "wijkregisseur@example.org", 2).await;
    let other = staff_of(&app, &db, &admin, "elders@example.org", 7).await;
    let idea = |title: &'static str| {
        let (app, staff) = (&app, staff.clone());
        async move {
            let r = post(
                app,
                "/api/v1/projects/ideas",
                json!({"title": title, "body": "Kwam binnen op de wijkdialoog.", "wijk": "2",
                    "channel": "event", "submitter_name": "Buurtbewoner"}),
                Some(&staff),
            )
            .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
            id_of(&r)
        }
    };
    let (a, b) = (idea("Zitbanken").await, idea("Bloembakken").await);
    let created = proposal(&app, &staff, "2", "Groener plein", 300_000, json!([a])).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let pid = id_of(&created);
    let uri = format!("/api/v1/projects/proposals/{pid}");
    let edit = json!({"title": "Groener en zitbaar plein", "summary": "Bloembakken en zitbanken op het plein.",
        "owners": "Buurtwerk en Groendienst", "budget_lines": [
            {"description": "Bloembakken", "amount_cents": 150_000},
            {"description": "Zitbanken", "amount_cents": 250_000}], "idea_ids": [b]});
    assert_eq!(
        call(&app, Method::PUT, &uri, Some(edit.clone()), Some(&other))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let bad = call(
        &app,
        Method::PUT,
        &uri,
        Some(json!({"title": "x", "summary": "Te kort", "owners": "", "budget_lines": []})),
        Some(&staff),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let r = call(&app, Method::PUT, &uri, Some(edit.clone()), Some(&staff)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        (
            r.body["title"].as_str(),
            r.body["cost_cents"].as_i64(),
            r.body["budget_lines"].as_array().map(Vec::len)
        ),
        (Some("Groener en zitbaar plein"), Some(400_000), Some(2))
    );
    let linked = get_as(&app, &format!("/api/v1/projects/ideas/{b}"), None).await;
    assert_eq!(linked.body["status"], "proposal");
    let unlinked = get_as(&app, &format!("/api/v1/projects/ideas/{a}"), None).await;
    assert_eq!(
        (
            unlinked.body["status"].as_str(),
            unlinked.body["status_reason"]
                .as_str()
                .is_some_and(|t| t.contains("Niet meer opgenomen"))
        ),
        (Some("in_dialogue"), true),
        "an idea taken out goes back with a reason: {}",
        unlinked.body
    );
    let decided = post(
        &app,
        &format!("{uri}/decision"),
        json!({"selected": true, "reason": "De college besliste.", "kind": "college"}),
        Some(&staff),
    )
    .await;
    assert_eq!(
        (decided.status, decided.body["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("college_date")),
        "{}",
        decided.body
    );
    let decided = post(
        &app,
        &format!("{uri}/decision"),
        json!({"selected": true, "reason": "Het college keurde het goed.", "kind": "college",
            "college_date": "2026-11-20", "college_reference": "2026_CBS_01234"}),
        Some(&staff),
    )
    .await;
    assert_eq!(decided.status, StatusCode::OK, "{}", decided.body);
    assert_eq!(
        (
            decided.body["decision_kind"].as_str(),
            decided.body["college_reference"].as_str(),
            decided.body["decided_by"].as_str()
        ),
        (Some("college"), Some("2026_CBS_01234"), Some("Test"))
    );
    assert_eq!(decided.body["college_date"], "2026-11-20");
    let after = call(&app, Method::PUT, &uri, Some(edit), Some(&staff)).await;
    assert_eq!(after.status, StatusCode::CONFLICT, "{}", after.body);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'proposal.updated'"
        ),
        1
    );
}

#[actix_web::test]
async fn staff_open_and_close_a_vote_whose_budget_fits_what_is_left_and_work_the_paper_queue() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let sofie = staff_of(&app, &db, &admin, "sofie@example.org", 2).await;
    let jens = staff_of(&app, &db, &admin, "jens@example.org", 2).await;
    let other = staff_of(&app, &db, &admin, "elders@example.org", 7).await;
    let r = call(
        &app,
        Method::PUT,
        "/api/v1/projects/programmes/wijkbudget/wijken/2",
        Some(json!({"selection_method": "public_vote", "vulnerability_milli": 1000})),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let left = round_wijk(&app, 2).await["left_cents"]
        .as_i64()
        .expect("left");
    let mut ids = Vec::new();
    for (title, cents) in [("Speelstraat", 400_000), ("Buurtfeest", 300_000)] {
        ids.push(id_of(
            &proposal(&app, &sofie, "2", title, cents, json!([])).await,
        ));
    }
    let body = |budget: i64| {
        json!({"wijk": "2", "ballot_kind": "approval", "budget_cents": budget,
            "opens_at": (Utc::now() + chrono::Duration::days(7)).to_rfc3339(),
            "closes_at": (Utc::now() + chrono::Duration::days(14)).to_rfc3339(), "proposal_ids": ids})
    };
    let over = post(&app, "/api/v1/projects/votes", body(left + 1), Some(&sofie)).await;
    assert_eq!(
        (over.status, over.body["errors"][0]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("budget_cents")),
        "{}",
        over.body
    );
    assert!(
        over.body["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("left")),
        "{}",
        over.body
    );
    let created = post(&app, "/api/v1/projects/votes", body(600_000), Some(&sofie)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["state"], "upcoming");
    let vote = id_of(&created);
    let act = |token: String, what: &'static str| {
        let (app, vote) = (&app, vote.clone());
        async move {
            post(
                app,
                &format!("/api/v1/projects/votes/{vote}/{what}"),
                json!({}),
                Some(&token),
            )
            .await
        }
    };
    assert_eq!(
        act(other.clone(), "open").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        act(sofie.clone(), "close").await.status,
        StatusCode::CONFLICT,
        "an upcoming vote is not closed"
    );
    let opened = act(sofie.clone(), "open").await;
    assert_eq!(
        (opened.status, opened.body["state"].as_str()),
        (StatusCode::OK, Some("open")),
        "{}",
        opened.body
    );
    assert_eq!(
        act(sofie.clone(), "open").await.status,
        StatusCode::CONFLICT
    );

    // Paper ballots: entered by one, confirmed by another, listed as a queue.
    let paper = |token: String, number: &'static str| {
        let (app, vote, choice) = (&app, vote.clone(), ids[0].clone());
        async move {
            post(
                app,
                &format!("/api/v1/projects/votes/{vote}/paper-ballots"),
                json!({"paper_ref": number, "choices": [{"proposal_id": choice}]}),
                Some(&token),
            )
            .await
        }
    };
    let first = paper(sofie.clone(), "P-001").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    assert_eq!(
        paper(jens.clone(), "P-002").await.status,
        StatusCode::CREATED
    );
    let queue_uri = format!("/api/v1/projects/votes/{vote}/paper-ballots?confirmed=false");
    assert_eq!(
        get_as(&app, &queue_uri, Some(&other)).await.status,
        StatusCode::FORBIDDEN
    );
    let queue = get_as(&app, &queue_uri, Some(&jens)).await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
    let rows: Vec<(Option<&str>, Option<bool>, Option<i64>)> = queue
        .body
        .as_array()
        .expect("list")
        .iter()
        .map(|b| {
            (
                b["paper_ref"].as_str(),
                b["entered_by_me"].as_bool(),
                b["cost_cents"].as_i64(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (Some("P-001"), Some(false), Some(400_000)),
            (Some("P-002"), Some(true), Some(400_000))
        ]
    );
    assert_eq!(queue.body[0]["entered_by"], "Test");
    let confirm = post(
        &app,
        &format!("/api/v1/projects/ballots/{}/confirm", id_of(&first)),
        json!({}),
        Some(&jens),
    )
    .await;
    assert_eq!(confirm.status, StatusCode::OK, "{}", confirm.body);
    let confirmed = get_as(
        &app,
        &format!("/api/v1/projects/votes/{vote}/paper-ballots?confirmed=true"),
        Some(&sofie),
    )
    .await;
    assert_eq!(confirmed.body.as_array().map(Vec::len), Some(1));
    assert_eq!(
        get_as(&app, &queue_uri, Some(&sofie))
            .await
            .body
            .as_array()
            .map(Vec::len),
        Some(1),
        "one left to confirm"
    );

    let closed = act(jens.clone(), "close").await;
    assert_eq!(
        (closed.status, closed.body["state"].as_str()),
        (StatusCode::OK, Some("closed"))
    );
    assert_eq!(
        act(jens.clone(), "open").await.status,
        StatusCode::CONFLICT,
        "a closed vote never reopens"
    );
    let results = get_as(
        &app,
        &format!("/api/v1/projects/votes/{vote}/results"),
        None,
    )
    .await;
    assert_eq!(results.status, StatusCode::OK, "{}", results.body);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action IN ('vote.opened', 'vote.closed')"
        ),
        2
    );
}

#[actix_web::test]
async fn residents_ask_to_be_verified_and_staff_of_their_wijk_verify_or_refuse() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let staff = staff_of(&app, &db, &admin, "staff@example.org", 2).await;
    let other = staff_of(&app, &db, &admin, "elders@example.org", 7).await;
    let ann_id = verified_user(&app, &db, "ann@example.org").await;
    let ann = access(&app, "ann@example.org").await;
    let ben_id = verified_user(&app, &db, "ben@example.org").await;
    let ben = access(&app, "ben@example.org").await;
    let uri = "/api/v1/projects/residence-requests";
    let bad = post(
        &app,
        uri,
        json!({"wijk": "2", "birth_date": "2999-01-01"}),
        Some(&ann),
    )
    .await;
    assert_eq!(
        (bad.status, bad.body["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("birth_date")),
        "a date, but not a past one"
    );
    let bad = post(
        &app,
        uri,
        json!({"wijk": "2", "birth_date": "12/05/1980"}),
        Some(&ann),
    )
    .await;
    assert_eq!(
        (bad.status, bad.body["errors"][0]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("birth_date")),
        "not a date"
    );
    let asked = post(
        &app,
        uri,
        json!({"wijk": "2", "birth_date": "1985-03-04"}),
        Some(&ann),
    )
    .await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.body);
    assert_eq!(
        post(
            &app,
            uri,
            json!({"wijk": "2", "birth_date": "1985-03-04"}),
            Some(&ann)
        )
        .await
        .status,
        StatusCode::CONFLICT,
        "one pending request at a time"
    );
    let ben_asked = post(
        &app,
        uri,
        json!({"wijk": "2", "birth_date": "1990-01-01"}),
        Some(&ben),
    )
    .await;
    assert_eq!(ben_asked.status, StatusCode::CREATED);

    assert_eq!(
        get_as(&app, &format!("{uri}?wijk=2"), Some(&other))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get_as(&app, uri, Some(&other))
            .await
            .body
            .as_array()
            .map(Vec::len),
        Some(0),
        "staff of another wijk see nothing of wijk 2"
    );
    let queue = get_as(&app, &format!("{uri}?wijk=2&status=pending"), Some(&staff)).await;
    let who: Vec<&str> = queue
        .body
        .as_array()
        .expect("queue")
        .iter()
        .filter_map(|r| r["user_id"].as_str())
        .collect();
    assert_eq!(who, vec![ann_id.as_str(), ben_id.as_str()], "oldest first");
    assert_eq!(
        get_as(&app, &format!("{uri}?status=maybe"), Some(&staff))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    let own = get_as(&app, uri, Some(&ben)).await;
    assert_eq!(
        own.body.as_array().map(Vec::len),
        Some(1),
        "a resident sees only their own"
    );

    let verified = call(
        &app,
        Method::PUT,
        &format!("/api/v1/projects/residents/{ann_id}"),
        Some(json!({"wijk": "2", "birth_date": "1985-03-04"})),
        Some(&staff),
    )
    .await;
    assert_eq!(verified.status, StatusCode::OK, "{}", verified.body);
    let reject_uri = format!("{uri}/{}/reject", id_of(&ben_asked));
    assert_eq!(
        post(
            &app,
            &reject_uri,
            json!({"reason": "Adres niet in de wijk."}),
            Some(&other)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let refused = post(
        &app,
        &reject_uri,
        json!({"reason": "Adres niet in de wijk."}),
        Some(&staff),
    )
    .await;
    assert_eq!(
        (
            refused.status,
            refused.body["status"].as_str(),
            refused.body["reason"].as_str()
        ),
        (
            StatusCode::OK,
            Some("rejected"),
            Some("Adres niet in de wijk.")
        )
    );
    assert_eq!(
        post(
            &app,
            &reject_uri,
            json!({"reason": "Nog eens."}),
            Some(&staff)
        )
        .await
        .status,
        StatusCode::CONFLICT
    );
    let mine = get_as(&app, uri, Some(&ann)).await;
    assert_eq!(
        mine.body[0]["status"], "verified",
        "verifying closes the request"
    );
    assert_eq!(
        get_as(&app, &format!("{uri}?wijk=2&status=pending"), Some(&staff))
            .await
            .body
            .as_array()
            .map(Vec::len),
        Some(0)
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action LIKE 'residence.%'"
        ),
        4,
        "two requests, one verification, one refusal"
    );

    // Staff of another wijk do not move a verified resident into theirs unless she asks to.
    let move_ann = |token: String| {
        let app = &app;
        let ann_id = ann_id.clone();
        async move {
            call(
                app,
                Method::PUT,
                &format!("/api/v1/projects/residents/{ann_id}"),
                Some(json!({"wijk": "7", "birth_date": "1985-03-04"})),
                Some(&token),
            )
            .await
        }
    };
    let r = move_ann(other.clone()).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let lives_in_2 = format!(
        "SELECT count(*) AS n FROM residence r JOIN wijk w ON w.id = r.wijk_id \
         WHERE r.user_id = '{ann_id}' AND w.wijknr = 2"
    );
    assert_eq!(count(&db, &lives_in_2), 1, "she still lives in wijk 2");
    let asks = post(
        &app,
        uri,
        json!({"wijk": "7", "birth_date": "1985-03-04"}),
        Some(&ann),
    )
    .await;
    assert_eq!(asks.status, StatusCode::CREATED, "{}", asks.body);
    let r = move_ann(other.clone()).await;
    assert_eq!(
        (r.status, r.body["wijknr"].as_i64()),
        (StatusCode::OK, Some(7)),
        "{}",
        r.body
    );
}

#[actix_web::test]
async fn the_ideas_inbox_filters_by_channel_day_and_hidden_and_keeps_contacts_for_staff() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let staff = staff_of(&app, &db, &admin, "staff@example.org", 2).await;
    let other = staff_of(&app, &db, &admin, "elders@example.org", 7).await;
    verified_user(&app, &db, "ann@example.org").await;
    let ann = access(&app, "ann@example.org").await;
    let submit = |token: String, body: Value| {
        let app = &app;
        async move { post(app, "/api/v1/projects/ideas", body, Some(&token)).await }
    };
    let online = submit(ann.clone(), json!({"title": "Fietsenstalling", "body": "Een overdekte stalling bij de school.", "wijk": "2"})).await;
    assert_eq!(online.status, StatusCode::CREATED);
    let with_contact = submit(ann.clone(), json!({"title": "Petanquebaan", "body": "Een baan op het plein voor iedereen.", "wijk": "2", "contact": "0470 00 00 00"})).await;
    assert_eq!(
        (
            with_contact.status,
            with_contact.body["errors"][0]["field"].as_str()
        ),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("contact"))
    );
    let phoned = submit(
        staff.clone(),
        json!({"title": "Petanquebaan", "body": "Een baan op het plein voor iedereen.", "wijk": "2",
        "channel": "phone", "submitter_name": "Mevrouw Claes", "contact": "0470 12 34 56"}),
    )
    .await;
    assert_eq!(phoned.status, StatusCode::CREATED, "{}", phoned.body);
    assert_eq!(phoned.body["contact"], "0470 12 34 56");
    let bad_channel = get_as(&app, "/api/v1/projects/ideas?wijk=2&channel=fax", None).await;
    assert_eq!(bad_channel.status, StatusCode::BAD_REQUEST);
    let bad_day = get_as(&app, "/api/v1/projects/ideas?wijk=2&from=gisteren", None).await;
    assert_eq!(
        (bad_day.status, bad_day.body["errors"][0]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("from"))
    );
    let titles = |r: &Reply| -> Vec<String> {
        r.body["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["title"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    let by_phone = get_as(
        &app,
        "/api/v1/projects/ideas?wijk=2&channel=phone",
        Some(&staff),
    )
    .await;
    assert_eq!(titles(&by_phone), vec!["Petanquebaan"]);
    assert_eq!(by_phone.body["items"][0]["submitter_name"], "Mevrouw Claes");
    let public = get_as(&app, "/api/v1/projects/ideas?wijk=2&channel=phone", None).await;
    assert!(
        public.body["items"][0]["contact"].is_null()
            && public.body["items"][0]["submitter_name"].is_null(),
        "no names or contacts in public: {}",
        public.body
    );
    let today = Utc::now().date_naive();
    let tomorrow = today.succ_opt().expect("tomorrow");
    let same_day = get_as(
        &app,
        &format!("/api/v1/projects/ideas?wijk=2&from={today}&to={today}"),
        None,
    )
    .await;
    assert_eq!(titles(&same_day).len(), 2);
    let later = get_as(
        &app,
        &format!("/api/v1/projects/ideas?wijk=2&from={tomorrow}"),
        None,
    )
    .await;
    assert!(titles(&later).is_empty());

    let online_id = id_of(&online);
    let hidden = post(
        &app,
        &format!("/api/v1/projects/ideas/{online_id}/hide"),
        json!({"reason": "Bevat een naam van een buur."}),
        Some(&staff),
    )
    .await;
    assert_eq!(hidden.status, StatusCode::OK, "{}", hidden.body);
    let only_hidden = get_as(
        &app,
        "/api/v1/projects/ideas?wijk=2&hidden=true",
        Some(&staff),
    )
    .await;
    assert_eq!(titles(&only_hidden), vec!["Fietsenstalling"]);
    assert_eq!(
        get_as(
            &app,
            "/api/v1/projects/ideas?wijk=2&hidden=true",
            Some(&other)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get_as(&app, "/api/v1/projects/ideas?wijk=2&hidden=true", None)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let anonymous = get_as(&app, "/api/v1/projects/ideas?wijk=2", None).await;
    assert_eq!(
        titles(&anonymous),
        vec!["Petanquebaan"],
        "hidden ideas are left out"
    );
    let authors = get_as(&app, "/api/v1/projects/ideas?wijk=2", Some(&ann)).await;
    assert_eq!(
        authors.body["items"].as_array().map(Vec::len),
        Some(2),
        "the author still sees theirs"
    );

    // `mine` holds what the resident submitted and what they support.
    let r = post(
        &app,
        &format!("/api/v1/projects/ideas/{}/support", id_of(&phoned)),
        json!({}),
        Some(&ann),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mine = get_as(&app, "/api/v1/projects/ideas?mine=true", Some(&ann)).await;
    let mut mine = titles(&mine);
    mine.sort();
    assert_eq!(mine, vec!["Fietsenstalling", "Petanquebaan"]);
}

#[actix_web::test]
async fn staff_of_a_wijk_set_its_contact_that_everyone_reads_and_no_one_else_may_change() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let staff = staff_of(&app, &db, &admin, "wijkregie-sth@example.org", 2).await;
    let other = staff_of(&app, &db, &admin, "wijkregie-rabot@example.org", 9).await;
    verified_user(&app, &db, "bewoner@example.org").await;
    let resident = access(&app, "bewoner@example.org").await;
    let uri = "/api/v1/wijken/sluizeken-tolhuis-ham/contact";

    // No contact yet: 204, no body.
    let none = get_as(&app, uri, None).await;
    assert_eq!(none.status, StatusCode::NO_CONTENT, "{}", none.body);

    let contact = json!({"name": "  Wijkregie Sluizeken-Tolhuis-Ham ", "email": "wijkregie.sth@stad.example",
        "phone": "", "office_hours": "Dinsdag 14–16 uur in Buurtcentrum Sluizeken"});
    // Who may not: nobody logged in, a resident, staff of another wijk.
    let put = |token: Option<String>, body: Value| {
        let app = &app;
        async move { call(app, Method::PUT, uri, Some(body), token.as_deref()).await }
    };
    assert_eq!(
        put(None, contact.clone()).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        put(Some(resident.clone()), contact.clone()).await.status,
        StatusCode::FORBIDDEN
    );
    let refused = put(Some(other.clone()), contact.clone()).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert_eq!(
        refused.body["detail"],
        "only staff of this wijk may do this"
    );

    // Bad input: every problem named, nothing kept.
    let bad = put(
        Some(staff.clone()),
        json!({"name": " ", "email": "geen adres", "phone": "bel ons"}),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
    let fields: Vec<&str> = bad.body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["field"].as_str().expect("field"))
        .collect();
    assert!(
        fields.contains(&"name") && fields.contains(&"email") && fields.contains(&"phone"),
        "{fields:?}"
    );
    let unreachable = put(
        Some(staff.clone()),
        json!({"name": "Wijkregie", "email": "  "}),
    )
    .await;
    assert_eq!(unreachable.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        unreachable.body["errors"][0]["message"],
        "give an e-mail address or a phone number"
    );
    assert_eq!(get_as(&app, uri, None).await.status, StatusCode::NO_CONTENT);

    // Staff of the wijk set it: trimmed, the blank phone left out; anyone reads it, by number too.
    let set = put(Some(staff.clone()), contact).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    assert_eq!(set.body["name"], "Wijkregie Sluizeken-Tolhuis-Ham");
    assert_eq!(set.body["phone"], Value::Null);
    let read = get_as(&app, "/api/v1/wijken/2/contact", None).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.body["email"], "wijkregie.sth@stad.example");
    assert_eq!(read.body["wijknr"], 2);
    // Replaced as a whole; an administrator may too.
    let replaced = put(
        Some(admin.clone()),
        json!({"name": "Wijkregie STH", "phone": "+32 9 210 10 10"}),
    )
    .await;
    assert_eq!(replaced.status, StatusCode::OK, "{}", replaced.body);
    assert_eq!(replaced.body["email"], Value::Null);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'wijk.contact_set' AND object_type = 'wijk'"
        ),
        2
    );

    // Removed: the wijk has no contact again; removing twice is a 404.
    let removed = call(&app, Method::DELETE, uri, None, Some(&other)).await;
    assert_eq!(removed.status, StatusCode::FORBIDDEN);
    let removed = call(&app, Method::DELETE, uri, None, Some(&staff)).await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    assert_eq!(get_as(&app, uri, None).await.status, StatusCode::NO_CONTENT);
    assert_eq!(
        call(&app, Method::DELETE, uri, None, Some(&staff))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_as(&app, "/api/v1/wijken/26/contact", None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'wijk.contact_removed'"
        ),
        1
    );
}

#[actix_web::test]
async fn staff_who_may_not_act_on_an_object_are_refused_before_their_body_or_its_state_is_judged() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    // Staff of wijk 9: past the staff gate, but none of the objects below are theirs.
    let outsider = staff_of(&app, &db, &admin, "elders@example.org", 9).await;

    let panel = post(
        &app,
        "/api/v1/projects/panels",
        json!({"wijk": "25", "size": 3, "reserves": 0}),
        Some(&admin),
    )
    .await;
    assert_eq!(panel.status, StatusCode::CREATED, "{}", panel.body);
    let panel = id_of(&panel);
    let open = proposal(&app, &admin, "2", "Bankjes", 2_000_000, json!([])).await;
    let open = id_of(&open);
    let chosen = proposal(&app, &admin, "2", "Speeltuin", 1_000_000, json!([])).await;
    let decided = post(
        &app,
        &format!("/api/v1/projects/proposals/{}/decision", id_of(&chosen)),
        json!({"selected": true, "reason": "Gekozen in de wijkdialoog."}),
        Some(&admin),
    )
    .await;
    let project = decided.body["project_id"]
        .as_str()
        .expect("a project")
        .to_owned();
    let ann_id = verified_user(&app, &db, "ann@example.org").await;
    let ann = access(&app, "ann@example.org").await;
    let idea = post(
        &app,
        "/api/v1/projects/ideas",
        json!({"title": "Bankjes op het plein", "body": "Drie bankjes in de schaduw.", "wijk": "2"}),
        Some(&ann),
    )
    .await;
    let idea = id_of(&idea);
    let asked = post(
        &app,
        "/api/v1/projects/residence-requests",
        json!({"wijk": "2", "birth_date": "1985-03-04"}),
        Some(&ann),
    )
    .await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.body);
    let toreke = get_as(&app, "/api/v1/venues/toreke", None).await;
    let change = post(
        &app,
        "/api/v1/venue-changes",
        json!({"kind": "change", "venue_id": toreke.body["id"], "reason": "Nieuwe uren",
               "proposal": {"description": "Ook op zondag open."}}),
        Some(&ann),
    )
    .await;
    assert_eq!(change.status, StatusCode::CREATED, "{}", change.body);
    let change = id_of(&change);
    let decided_change = post(
        &app,
        "/api/v1/venue-changes",
        json!({"kind": "change", "venue_id": toreke.body["id"], "reason": "Nieuwe naam",
               "proposal": {"name": "Het Toreke"}}),
        Some(&ann),
    )
    .await;
    let decided_change = id_of(&decided_change);
    let r = post(
        &app,
        &format!("/api/v1/venue-changes/{decided_change}/reject"),
        json!({"reason": "De naam blijft."}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let org = post(
        &app,
        "/api/v1/organisations",
        json!({"name": "Bewonersgroep Rabot", "kind": "bewonersgroep", "wijknr": 9}),
        Some(&ann),
    )
    .await;
    let org = id_of(&org);
    let mut scheme = get_as(&app, "/api/v1/subsidies/schemes/samen-aan-zet", None)
        .await
        .body;
    let council = get_as(&app, "/api/v1/advisory-councils", None).await.body[0]["key"]
        .as_str()
        .expect("a council")
        .to_owned();
    let nobody = uuid::Uuid::now_v7();

    let audits = |db: &TestDb| count(db, "SELECT count(*) AS n FROM audit_log");
    let before = audits(&db);
    // Each request's body (or state) is wrong; the one who may act hears that (the last column),
    // the outsider only that it is not theirs.
    let mut cases: Vec<(Method, String, Value, &str, Option<StatusCode>)> = vec![
        (
            Method::POST,
            "/api/v1/projects/proposals".into(),
            json!({"wijk": "2", "title": "x", "summary": "kort", "owners": "", "budget_lines": [], "idea_ids": []}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::PUT,
            format!("/api/v1/projects/proposals/{open}"),
            json!({"title": "x", "summary": "kort", "owners": "", "budget_lines": [], "idea_ids": ["nope"]}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::POST,
            "/api/v1/projects/votes".into(),
            json!({"wijk": "2", "ballot_kind": "raffle", "opens_at": "morgen", "closes_at": "overmorgen", "proposal_ids": [open]}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::POST,
            "/api/v1/projects/panels".into(),
            json!({"wijk": "25", "size": 3, "reserves": 0, "quorum": 9}),
            "admin",
            Some(StatusCode::UNPROCESSABLE_ENTITY),
        ),
        (
            Method::POST,
            format!("/api/v1/projects/panels/{panel}/seed"),
            json!({"seed": "x"}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::POST,
            format!("/api/v1/projects/panels/{panel}/draw"),
            json!({"seed": ""}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::PUT,
            format!("/api/v1/projects/panels/{panel}/scores/{open}"),
            json!({"score": 11, "comment": ""}),
            "admin",
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/projects/proposals/{open}/decision"),
            json!({"selected": true, "reason": "", "kind": "vote"}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::PUT,
            "/api/v1/projects/programmes/wijkbudget/wijken/2".into(),
            json!({"selection_method": "lottery", "vulnerability_milli": 0}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::POST,
            format!("/api/v1/projects/projects/{project}/updates"),
            json!({"body": "x", "photo_url": "http://example.org/foto.jpg"}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::POST,
            format!(
                "/api/v1/projects/residence-requests/{}/reject",
                id_of(&asked)
            ),
            json!({"reason": ""}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::PUT,
            "/api/v1/subsidies/schemes/samen-aan-zet".into(),
            json!({"name": "Samen aan Zet", "owner_service": "Dienst", "purpose": "",
                   "status": "weg", "rules": scheme["rules"].take()}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::PUT,
            "/api/v1/subsidies/schemes/samen-aan-zet/budgets/1900".into(),
            json!({"budget_cents": 100}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::POST,
            format!("/api/v1/subsidies/applications/{nobody}/decision"),
            json!({"outcome": "maybe", "reason": ""}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::POST,
            format!("/api/v1/venue-changes/{change}/reject"),
            json!({"reason": ""}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::POST,
            format!("/api/v1/venue-changes/{decided_change}/reject"),
            json!({"reason": "Toch niet."}),
            "admin",
            Some(StatusCode::CONFLICT),
        ),
        (
            Method::POST,
            format!("/api/v1/venue-changes/{decided_change}/accept"),
            json!({}),
            "admin",
            Some(StatusCode::CONFLICT),
        ),
        (
            Method::POST,
            format!("/api/v1/organisations/{org}/invitations"),
            json!({"email": "geen adres", "role": "baas"}),
            "owner",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::POST,
            "/api/v1/advice-requests".into(),
            json!({"subject": "Een vraag", "question": "Wat vindt de raad hiervan?", "requested_by": "Stad",
                   "documents": ["ftp://example.org"], "deadline": "gisteren", "councils": [council]}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::POST,
            format!("/api/v1/advice-requests/{nobody}/advice/{council}"),
            json!({"text": "kort"}),
            "admin",
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/advice-requests/{nobody}/advice/{council}/response"),
            json!({"response": "followed", "reason": ""}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
    ];
    cases.extend([
        (
            Method::POST,
            format!("/api/v1/projects/panels/{panel}/candidates"),
            json!({"candidates": []}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::POST,
            format!("/api/v1/projects/ideas/{idea}/hide"),
            json!({"reason": ""}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::POST,
            format!("/api/v1/projects/ideas/{idea}/status"),
            json!({"status": "vergeten"}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::PUT,
            format!("/api/v1/projects/residents/{ann_id}"),
            json!({"wijk": "2", "birth_date": "gisteren"}),
            "admin",
            Some(StatusCode::BAD_REQUEST),
        ),
        (
            Method::POST,
            "/api/v1/subsidies/schemes/samen-aan-zet/deadlines".into(),
            json!({"closes_on": "2001-01-01"}),
            "admin",
            Some(StatusCode::UNPROCESSABLE_ENTITY),
        ),
    ]);
    let mut wrong = Vec::new();
    for (method, uri, body, who, theirs) in cases {
        let r = call(
            &app,
            method.clone(),
            &uri,
            Some(body.clone()),
            Some(&outsider),
        )
        .await;
        if r.status != StatusCode::FORBIDDEN {
            wrong.push(format!(
                "{method} {uri} by staff of another wijk: {} {}",
                r.status, r.body
            ));
        }
        if let Some(expected) = theirs {
            let token = if who == "owner" { &ann } else { &admin };
            let r = call(&app, method.clone(), &uri, Some(body), Some(token)).await;
            if r.status != expected {
                wrong.push(format!(
                    "{method} {uri} by the {who}: {} {}",
                    r.status, r.body
                ));
            }
        }
    }
    assert_eq!(wrong, Vec::<String>::new());
    // A proposal names at most 100 ideas (each costs queries).
    let many: Vec<String> = (0..101).map(|_| uuid::Uuid::now_v7().to_string()).collect();
    let r = proposal(&app, &admin, "2", "Alles", 1_000_000, json!(many)).await;
    assert_eq!(
        (r.status, r.body["errors"][0]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("idea_ids")),
        "{}",
        r.body
    );
    assert_eq!(audits(&db), before, "refused requests changed nothing");
}
