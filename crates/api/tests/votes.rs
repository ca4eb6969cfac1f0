//! Proposals, residence, public votes, paper ballots and results, through the real app,
//! PostgreSQL and (for the concurrency test) a real socket.

#![expect(clippy::expect_used, reason = "tests fail loudly")]

mod common;

use actix_web::http::{Method, StatusCode};
use actix_web::test as actix_test;
use chrono::{Duration, Utc};
use diesel::RunQueryDsl;
use samenstad_db::testing::TestDb;
use serde_json::{Value, json};

use common::*;

/// Wijk 2 votes; three proposals of €120k, €100k and €60k; returns (admin, proposal ids).
async fn wijk_with_proposals(app: &impl TestService, db: &TestDb) -> (String, Vec<String>) {
    let admin = admin_token(app, db).await;
    let r = call(
        app,
        Method::PUT,
        "/api/v1/projects/programmes/wijkbudget/wijken/2",
        Some(json!({"selection_method": "public_vote", "vulnerability_milli": 1000})),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let idea = post(
        app,
        "/api/v1/projects/ideas",
        json!({"title": "Speeltuin aan het water", "body": "Een speeltuin voor de kleinsten.", "wijk": "2"}),
        Some(&admin),
    )
    .await;
    let mut ids = Vec::new();
    for (title, cents, ideas) in [
        ("Speeltuin", 12_000_000, vec![idea.body["id"].clone()]),
        ("Buurtmoestuin", 10_000_000, vec![]),
        ("Fietsherstelpunt", 6_000_000, vec![]),
    ] {
        let r = post(
            app,
            "/api/v1/projects/proposals",
            json!({"wijk": "2", "title": title, "summary": "Uitgewerkt met de buurt.", "owners": "Bewonersgroep",
                   "budget_lines": [{"description": "Materiaal", "amount_cents": cents / 2}, {"description": "Uitvoering", "amount_cents": cents / 2}],
                   "idea_ids": ideas}),
            Some(&admin),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        assert_eq!(r.body["cost_cents"], cents);
        ids.push(r.body["id"].as_str().expect("id").to_owned());
    }
    let idea = get_as(
        app,
        &format!(
            "/api/v1/projects/ideas/{}",
            idea.body["id"].as_str().expect("idea")
        ),
        None,
    )
    .await;
    assert_eq!(
        idea.body["status"], "proposal",
        "the idea moved on with its proposal"
    );
    assert!(
        idea.body["status_reason"]
            .as_str()
            .is_some_and(|r| r.contains("Speeltuin"))
    );
    (admin, ids)
}

async fn resident(
    app: &impl TestService,
    db: &TestDb,
    admin: &str,
    email: &str,
    wijk: &str,
    born: &str,
) -> String {
    let id = verified_user(app, db, email).await;
    let r = call(
        app,
        Method::PUT,
        &format!("/api/v1/projects/residents/{id}"),
        Some(json!({"wijk": wijk, "birth_date": born})),
        Some(admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    access(app, email).await
}

fn ballot(ids: &[&String]) -> Value {
    json!({"choices": ids.iter().map(|id| json!({"proposal_id": id})).collect::<Vec<_>>()})
}

async fn open_vote(app: &impl TestService, admin: &str, ids: &[String], extra: Value) -> String {
    let mut body = json!({"wijk": "2", "ballot_kind": "knapsack", "budget_cents": 20_000_000,
        "opens_at": (Utc::now() - Duration::minutes(1)).to_rfc3339(),
        "closes_at": (Utc::now() + Duration::hours(1)).to_rfc3339(), "proposal_ids": ids});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    let r = post(app, "/api/v1/projects/votes", body, Some(admin)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["state"], "open");
    r.body["id"].as_str().expect("id").to_owned()
}

/// A vote of wijk 2 on `ids` that opens tomorrow and closes in a week.
async fn upcoming_vote(app: &impl TestService, admin: &str, ids: &[String]) -> Reply {
    post(
        app,
        "/api/v1/projects/votes",
        json!({"wijk": "2", "ballot_kind": "knapsack", "budget_cents": 20_000_000,
               "opens_at": (Utc::now() + Duration::days(1)).to_rfc3339(),
               "closes_at": (Utc::now() + Duration::days(8)).to_rfc3339(), "proposal_ids": ids}),
        Some(admin),
    )
    .await
}

fn close(db: &TestDb, vote: &str) {
    diesel::sql_query(format!(
        "UPDATE vote SET opens_at = now() - interval '2 hours', closes_at = now() - interval '1 second' WHERE id = '{vote}'"
    ))
    .execute(&mut db.conn())
    .expect("close");
}

#[actix_web::test]
async fn residents_vote_once_with_a_knapsack_ballot_and_results_appear_after_the_close() {
    let db = TestDb::new();
    let app = app(&db).await;
    let (admin, ids) = wijk_with_proposals(&app, &db).await;
    let vote = open_vote(&app, &admin, &ids, json!({})).await;
    let again = post(&app, "/api/v1/projects/votes", json!({"wijk": "2", "ballot_kind": "approval", "opens_at": Utc::now().to_rfc3339(), "closes_at": (Utc::now() + Duration::hours(1)).to_rfc3339(), "proposal_ids": ids}), Some(&admin)).await;
    assert_eq!(
        again.status,
        StatusCode::CONFLICT,
        "one vote per wijk and round"
    );
    let other_wijk = post(&app, "/api/v1/projects/votes", json!({"wijk": "1", "ballot_kind": "approval", "opens_at": Utc::now().to_rfc3339(), "closes_at": (Utc::now() + Duration::hours(1)).to_rfc3339(), "proposal_ids": ids}), Some(&admin)).await;
    assert_eq!(
        other_wijk.status,
        StatusCode::CONFLICT,
        "wijk 1 selects by dialogue: {}",
        other_wijk.body
    );

    let ann = resident(&app, &db, &admin, "ann@example.org", "2", "1980-05-01").await;
    let ben = resident(&app, &db, &admin, "ben@example.org", "2", "1975-01-01").await;
    let cas = resident(&app, &db, &admin, "cas@example.org", "2", "1990-01-01").await;
    let outsider = resident(&app, &db, &admin, "dirk@example.org", "1", "1970-01-01").await;
    let child = resident(
        &app,
        &db,
        &admin,
        "eva@example.org",
        "2",
        &(Utc::now() - Duration::days(365 * 12))
            .format("%Y-%m-%d")
            .to_string(),
    )
    .await;
    verified_user(&app, &db, "fien@example.org").await;
    let unverified = access(&app, "fien@example.org").await;
    let uri = format!("/api/v1/projects/votes/{vote}/ballot");
    let put = |token: String, body: Value| {
        let (app, uri) = (&app, uri.clone());
        async move { call(app, Method::PUT, &uri, Some(body), Some(&token)).await }
    };

    // The rules are the vote's: over budget, unknown projects and the wrong people are refused.
    let over = put(ann.clone(), ballot(&[&ids[0], &ids[1], &ids[2]])).await;
    assert_eq!(
        (over.status, over.body["errors"][0]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("choices"))
    );
    assert!(
        over.body["detail"]
            .as_str()
            .is_some_and(|d| d.contains("budget")),
        "{}",
        over.body
    );
    let unknown = put(ann.clone(), json!({"choices": [{"proposal_id": "nope"}]})).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    for (token, who) in [
        (outsider, "a resident of another wijk"),
        (child, "a 12-year-old"),
        (unverified, "an unverified account"),
    ] {
        assert_eq!(
            put(token, ballot(&[&ids[2]])).await.status,
            StatusCode::FORBIDDEN,
            "{who}"
        );
    }

    // Ann votes, changes her mind: still one ballot.
    let first = put(ann.clone(), ballot(&[&ids[0]])).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let changed = put(ann.clone(), ballot(&[&ids[1], &ids[2]])).await;
    assert_eq!(
        (
            changed.body["id"].as_str(),
            changed.body["cost_cents"].as_i64()
        ),
        (first.body["id"].as_str(), Some(16_000_000))
    );
    assert_eq!(
        get_as(&app, &uri, Some(&ann)).await.body["choices"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert_eq!(
        put(ben.clone(), ballot(&[&ids[0]])).await.status,
        StatusCode::OK
    );
    assert_eq!(
        put(cas.clone(), ballot(&[&ids[0], &ids[2]])).await.status,
        StatusCode::OK
    );

    // Paper: entered by one staff member, counted once a second one confirms.
    verified_user(&app, &db, "staff2@example.org").await;
    diesel::sql_query("INSERT INTO role_assignment (id, user_id, role, wijk_id) SELECT gen_random_uuid(), u.id, 'wijk_staff', w.id FROM app_user u, wijk w WHERE u.email = 'staff2@example.org' AND w.wijknr = 2")
        .execute(&mut db.conn()).expect("role");
    let staff2 = access(&app, "staff2@example.org").await;
    let paper_uri = format!("/api/v1/projects/votes/{vote}/paper-ballots");
    let mut paper_body = ballot(&[&ids[0]]);
    paper_body["paper_ref"] = json!("P-001");
    let paper = post(&app, &paper_uri, paper_body.clone(), Some(&admin)).await;
    assert_eq!(
        (paper.status, paper.body["confirmed"].as_bool()),
        (StatusCode::CREATED, Some(false)),
        "{}",
        paper.body
    );
    assert_eq!(
        post(&app, &paper_uri, paper_body, Some(&staff2))
            .await
            .status,
        StatusCode::CONFLICT,
        "the same paper twice"
    );
    let mut unconfirmed = ballot(&[&ids[1]]);
    unconfirmed["paper_ref"] = json!("P-002");
    assert_eq!(
        post(&app, &paper_uri, unconfirmed, Some(&admin))
            .await
            .status,
        StatusCode::CREATED
    );
    let confirm = format!(
        "/api/v1/projects/ballots/{}/confirm",
        paper.body["id"].as_str().expect("id")
    );
    assert_eq!(
        post(&app, &confirm, json!({}), Some(&admin)).await.status,
        StatusCode::CONFLICT,
        "not by who entered it"
    );
    assert_eq!(
        post(&app, &confirm, json!({}), Some(&ann)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post(&app, &confirm, json!({}), Some(&staff2)).await.body["confirmed"],
        true
    );

    let results = format!("/api/v1/projects/votes/{vote}/results");
    assert_eq!(
        get_as(&app, &results, None).await.status,
        StatusCode::CONFLICT,
        "hidden until the close"
    );
    close(&db, &vote);
    assert_eq!(
        put(ben, ballot(&[&ids[2]])).await.status,
        StatusCode::CONFLICT,
        "closed"
    );
    let r = get_as(&app, &results, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        r.body["ballots"], 4,
        "three online, one confirmed paper ballot: {}",
        r.body
    );
    let rows: Vec<(String, i64, bool)> = r.body["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|x| {
            (
                x["title"].as_str().expect("t").to_owned(),
                x["votes"].as_i64().expect("v"),
                x["funded"].as_bool().expect("f"),
            )
        })
        .collect();
    // Speeltuin (ben, cas, paper: 3 × of €120k) and Fietsherstelpunt (ann, cas: €60k) fit €200k;
    // Buurtmoestuin (ann only) does not fit after them.
    assert_eq!(
        rows,
        vec![
            ("Speeltuin".into(), 3, true),
            ("Fietsherstelpunt".into(), 2, true),
            ("Buurtmoestuin".into(), 1, false),
        ]
    );
    assert_eq!(r.body["funded_cents"], 18_000_000);

    // The same election as a Pabulib file, voters anonymised, counts the same.
    let pb = actix_web::test::call_service(
        &app,
        actix_web::test::TestRequest::get()
            .uri(&format!("/api/v1/projects/votes/{vote}/election.pb"))
            .to_request(),
    )
    .await;
    assert_eq!(pb.status(), StatusCode::OK);
    let text = String::from_utf8(actix_web::test::read_body(pb).await.to_vec()).expect("utf-8");
    assert!(!text.contains('@'), "no e-mail addresses: {text}");
    let election = samenstad_domain::pabulib::parse(&text).expect("a valid .pb file");
    assert_eq!(election.voters.len(), 4);
    assert!(election.voters.iter().all(|v| v.id.starts_with('v')));
    let funded: Vec<&str> = samenstad_domain::tally::mes_add1(&election)
        .into_iter()
        .map(|i| election.projects[i].name.as_str())
        .collect();
    assert_eq!(funded.len(), 2);
    assert!(funded.contains(&"Speeltuin") && funded.contains(&"Fietsherstelpunt"));
}

#[actix_web::test]
async fn a_hundred_simultaneous_ballots_of_one_voter_store_one_ballot() {
    use samenstad_types::projects::{CastBallot, Choice};
    let db = TestDb::new();
    let (addr, stop) = serve(&db);
    let app = app(&db).await;
    let (admin, ids) = wijk_with_proposals(&app, &db).await;
    let vote = open_vote(&app, &admin, &ids, json!({})).await;
    let token = resident(&app, &db, &admin, "gert@example.org", "2", "1985-03-03").await;
    let client = samenstad_client::Client::new(&format!("http://{addr}"))
        .expect("client")
        .with_token(token);
    let tasks: Vec<_> = (0..100)
        .map(|i| {
            let (client, vote, id) = (client.clone(), vote.clone(), ids[i % 3].clone());
            tokio::spawn(async move {
                client
                    .cast_ballot(
                        &vote,
                        &CastBallot {
                            choices: vec![Choice {
                                proposal_id: id,
                                points: 1,
                            }],
                            paper_ref: None,
                        },
                    )
                    .await
            })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        match t.await.expect("task") {
            Ok(_) => ok += 1,
            Err(samenstad_client::Error::Api(p)) => assert_eq!(p.status, 409, "{p:?}"),
            Err(e) => panic!("{e}"),
        }
    }
    assert!(ok >= 1);
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) AS n FROM ballot WHERE vote_id = '{vote}'")
        ),
        1
    );
    let mine = client
        .my_ballot(&vote)
        .await
        .expect("mine")
        .expect("a ballot");
    assert_eq!(mine.choices.len(), 1);
    stop.stop(true).await;
}

#[actix_web::test]
async fn an_applied_vote_and_a_dialogue_decision_start_projects_that_report_progress() {
    let db = TestDb::new();
    let app = app(&db).await;
    let (admin, ids) = wijk_with_proposals(&app, &db).await;
    let vote = open_vote(&app, &admin, &ids, json!({})).await;
    let ann = resident(&app, &db, &admin, "ann@example.org", "2", "1980-05-01").await;
    let r = call(
        &app,
        Method::PUT,
        &format!("/api/v1/projects/votes/{vote}/ballot"),
        Some(ballot(&[&ids[0], &ids[2]])),
        Some(&ann),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let apply = format!("/api/v1/projects/votes/{vote}/apply");
    assert_eq!(
        post(&app, &apply, json!({}), Some(&admin)).await.status,
        StatusCode::CONFLICT,
        "not closed yet"
    );
    close(&db, &vote);
    assert_eq!(
        post(&app, &apply, json!({}), Some(&ann)).await.status,
        StatusCode::FORBIDDEN
    );
    let r = post(&app, &apply, json!({}), Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        post(&app, &apply, json!({}), Some(&admin)).await.status,
        StatusCode::CONFLICT,
        "applied once"
    );
    let statuses: Vec<(String, String)> = get_as(&app, "/api/v1/projects/proposals?wijk=2", None)
        .await
        .body
        .as_array()
        .expect("list")
        .iter()
        .map(|p| {
            (
                p["title"].as_str().expect("t").to_owned(),
                p["status"].as_str().expect("s").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("Speeltuin".into(), "selected".into()),
            ("Buurtmoestuin".into(), "not_selected".into()),
            ("Fietsherstelpunt".into(), "selected".into())
        ]
    );
    let projects = get_as(&app, "/api/v1/projects/projects?wijk=2", None)
        .await
        .body;
    assert_eq!(projects.as_array().map(Vec::len), Some(2));
    let project = projects[0]["id"].as_str().expect("id").to_owned();
    let deadline = chrono::NaiveDate::parse_from_str(
        projects[0]["deadline"].as_str().expect("deadline"),
        "%Y-%m-%d",
    )
    .expect("date");
    assert_eq!(
        deadline,
        Utc::now()
            .date_naive()
            .checked_add_months(chrono::Months::new(24))
            .expect("date"),
        "realised within two years"
    );

    // Progress: staff post updates; spending above the budget is refused.
    let updates = format!("/api/v1/projects/projects/{project}/updates");
    let over = post(
        &app,
        &updates,
        json!({"body": "Alles besteld.", "spent_cents": 99_000_000}),
        Some(&admin),
    )
    .await;
    assert_eq!(
        (over.status, over.body["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("spent_cents"))
    );
    assert_eq!(
        post(&app, &updates, json!({"body": "Gestart."}), Some(&ann))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let bad_photo = post(
        &app,
        &updates,
        json!({"body": "Foto.", "photo_url": "http://example.org/a.jpg"}),
        Some(&admin),
    )
    .await;
    assert_eq!(bad_photo.status, StatusCode::BAD_REQUEST);
    let r = post(&app, &updates, json!({"body": "De werken zijn begonnen.", "status": "in_realisation", "spent_cents": 4_000_000,
        "photo_url": "https://example.org/werf.jpg", "partners": ["Groendienst", " Bewonersgroep "]}), Some(&admin)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        (r.body["status"].as_str(), r.body["spent_cents"].as_i64()),
        (Some("in_realisation"), Some(4_000_000))
    );
    assert_eq!(r.body["partners"], json!(["Groendienst", "Bewonersgroep"]));
    assert_eq!(
        check_refusing(&db, "UPDATE project SET spent_cents = budget_cents + 1"),
        Some("project_spent_within_budget".into()),
        "the database keeps spending within the budget too"
    );
    assert_eq!(r.body["updates"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action IN ('proposal.decided', 'project.updated')"
        ),
        4
    );

    // A wijk that selects by dialogue: staff record the outcome with its reasoning.
    let idea = post(&app, "/api/v1/projects/ideas", json!({"title": "Bankjes", "body": "Bankjes aan de Vrijdagmarkt.", "lat": 51.0574, "lon": 3.7262}), Some(&admin)).await;
    let wijk = idea.body["wijknr"].as_i64().expect("wijk");
    let proposal = post(&app, "/api/v1/projects/proposals", json!({"wijk": wijk.to_string(), "title": "Bankjes op de markt", "summary": "Tien bankjes rond de markt.",
        "owners": "Stad Gent", "budget_lines": [{"description": "Bankjes", "amount_cents": 2_000_000}], "idea_ids": [idea.body["id"]]}), Some(&admin)).await;
    let decision = format!(
        "/api/v1/projects/proposals/{}/decision",
        proposal.body["id"].as_str().expect("id")
    );
    assert_eq!(
        post(
            &app,
            &decision,
            json!({"selected": true, "reason": ""}),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::BAD_REQUEST
    );
    let r = post(
        &app,
        &decision,
        json!({"selected": true, "reason": "Gekozen in de wijkdialoog van 12 maart."}),
        Some(&admin),
    )
    .await;
    assert_eq!(
        (r.status, r.body["status"].as_str()),
        (StatusCode::OK, Some("selected")),
        "{}",
        r.body
    );
    let project = get_as(
        &app,
        &format!(
            "/api/v1/projects/projects/{}",
            r.body["project_id"].as_str().expect("a project")
        ),
        None,
    )
    .await
    .body;
    assert_eq!(
        (project["lat"].as_f64(), project["lon"].as_f64()),
        (Some(51.0574), Some(3.7262)),
        "placed at its idea"
    );
    assert_eq!(
        post(
            &app,
            &decision,
            json!({"selected": false, "reason": "Toch niet."}),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::CONFLICT
    );

    // The decisions reach feed readers, newest first.
    let feed = get_as(&app, "/api/v1/projects/decisions.json", None)
        .await
        .body;
    let titles: Vec<&str> = feed["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["title"].as_str().expect("title"))
        .collect();
    assert!(
        titles[0].contains("Bankjes op de markt") && titles[0].contains("selected"),
        "{titles:?}"
    );
    assert!(titles.iter().any(|t| t.contains("Speeltuin")), "{titles:?}");
    assert!(
        titles.iter().any(|t| t.contains("stemming is gesloten")),
        "{titles:?}"
    );
    let atom = actix_web::test::call_service(
        &app,
        actix_web::test::TestRequest::get()
            .uri("/api/v1/projects/decisions.atom")
            .to_request(),
    )
    .await;
    assert_eq!(
        atom.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/atom+xml; charset=utf-8")
    );
    let xml = String::from_utf8(actix_web::test::read_body(atom).await.to_vec()).expect("utf-8");
    let parsed: atom_syndication::Feed = xml.parse().expect("valid Atom");
    assert_eq!(parsed.entries().len(), titles.len());
}

#[actix_web::test]
async fn a_city_register_verifies_residence_through_an_api_client_with_the_write_scope() {
    let db = TestDb::new();
    let app = app(&db).await;
    let (admin, ids) = wijk_with_proposals(&app, &db).await;
    let vote = open_vote(&app, &admin, &ids, json!({})).await;
    let client = |scopes: Value| {
        let (app, admin) = (&app, admin.clone());
        async move {
            let c = post(
                app,
                "/api/v1/admin/api-clients",
                json!({"name": "Bevolkingsregister", "scopes": scopes}),
                Some(&admin),
            )
            .await;
            assert_eq!(c.status, StatusCode::CREATED, "{}", c.body);
            let t = post(
                app,
                "/api/v1/auth/token",
                json!({"grant_type": "client_credentials",
                "client_id": c.body["client_id"], "client_secret": c.body["client_secret"]}),
                None,
            )
            .await;
            assert_eq!(t.status, StatusCode::OK, "{}", t.body);
            (
                c.body["scopes"].clone(),
                t.body["access_token"].as_str().expect("token").to_owned(),
            )
        }
    };
    let bad = post(
        &app,
        "/api/v1/admin/api-clients",
        json!({"name": "X", "scopes": ["everything"]}),
        Some(&admin),
    )
    .await;
    assert_eq!(
        (bad.status, bad.body["errors"][0]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("scopes"))
    );
    let (scopes, register) = client(json!(["residence:write"])).await;
    assert_eq!(scopes, json!(["read", "residence:write"]));
    let (_, reader) = client(json!([])).await;
    let user = verified_user(&app, &db, "jonas@example.org").await;
    let uri = format!("/api/v1/projects/residents/{user}");
    let body = json!({"wijk": "2", "birth_date": "1999-09-09"});
    assert_eq!(
        call(&app, Method::PUT, &uri, Some(body.clone()), Some(&reader))
            .await
            .status,
        StatusCode::FORBIDDEN,
        "read only"
    );
    let r = call(&app, Method::PUT, &uri, Some(body), Some(&register)).await;
    assert_eq!(
        (r.status, r.body["method"].as_str()),
        (StatusCode::OK, Some("register")),
        "{}",
        r.body
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'residence.verified' AND actor_user_id IS NULL AND actor_client_id IS NOT NULL"
        ),
        1
    );
    let jonas = access(&app, "jonas@example.org").await;
    let cast = call(
        &app,
        Method::PUT,
        &format!("/api/v1/projects/votes/{vote}/ballot"),
        Some(ballot(&[&ids[2]])),
        Some(&jonas),
    )
    .await;
    assert_eq!(
        cast.status,
        StatusCode::OK,
        "the register's word gives the right to vote: {}",
        cast.body
    );
}

#[actix_web::test]
async fn the_typed_client_reads_exports_feeds_and_panel_files_over_a_socket() {
    let db = TestDb::new();
    let (addr, stop) = serve(&db);
    let app = app(&db).await;
    let (admin, ids) = wijk_with_proposals(&app, &db).await;
    let vote = open_vote(&app, &admin, &ids, json!({})).await;
    let ann = resident(&app, &db, &admin, "ann@example.org", "2", "1980-05-01").await;
    let client = samenstad_client::Client::new(&format!("http://{addr}")).expect("client");
    let voter = client.with_token(ann);
    let ballot = samenstad_types::projects::CastBallot {
        choices: vec![samenstad_types::projects::Choice {
            proposal_id: ids[1].clone(),
            points: 1,
        }],
        paper_ref: None,
    };
    voter.cast_ballot(&vote, &ballot).await.expect("cast");
    assert!(
        matches!(client.vote_election_pb(&vote).await, Err(samenstad_client::Error::Api(p)) if p.status == 409),
        "not before the close"
    );
    close(&db, &vote);
    let staff = client.with_token(admin.clone());
    let applied = staff.apply_vote(&vote).await.expect("apply");
    assert_eq!(applied.funded_cents, 10_000_000);
    let pb = client.vote_election_pb(&vote).await.expect("export");
    assert_eq!(
        samenstad_domain::pabulib::parse(&pb)
            .expect("valid .pb")
            .voters
            .len(),
        1
    );
    let feed = client.decisions_json().await.expect("feed");
    assert!(
        feed["items"].as_array().is_some_and(|i| i.len() >= 4),
        "{feed}"
    );
    let atom = client.decisions_atom().await.expect("atom");
    assert!(atom.parse::<atom_syndication::Feed>().is_ok());
    let projects = client
        .list_projects(&samenstad_types::projects::ProjectsQuery {
            wijk: Some("2".into()),
            ..Default::default()
        })
        .await
        .expect("projects");
    assert_eq!(projects.len(), 1);
    let realised = client
        .list_projects(&samenstad_types::projects::ProjectsQuery {
            status: Some("realised".into()),
            ..Default::default()
        })
        .await
        .expect("projects");
    assert!(realised.is_empty(), "none realised yet");

    let panel = staff
        .create_panel(&samenstad_types::projects::CreatePanel {
            wijk: "25".into(),
            size: 2,
            reserves: 1,
            quotas: vec![],
            quorum: None,
        })
        .await
        .expect("panel");
    let candidates = (1..=4)
        .map(|i| samenstad_types::projects::NewCandidate {
            pseudonym: format!("C-{i}"),
            user_id: None,
            strata: Default::default(),
        })
        .collect();
    staff
        .add_panel_candidates(
            &panel.id,
            &samenstad_types::projects::AddCandidates { candidates },
        )
        .await
        .expect("candidates");
    let published = staff
        .publish_panel_seed(&panel.id, "seed")
        .await
        .expect("seed");
    assert_eq!(published.seed.as_deref(), Some("seed"));
    let drawn = staff.draw_panel(&panel.id, "seed").await.expect("draw");
    assert_eq!(drawn.members.len(), 2);
    assert!(
        client
            .panel_candidates_csv(&panel.id)
            .await
            .expect("csv")
            .starts_with("id\nC-1\n")
    );
    let txt = client.panel_txt(&panel.id).await.expect("txt");
    assert_eq!(txt.lines().filter(|l| l.starts_with("member ")).count(), 2);
    stop.stop(true).await;
}

#[actix_web::test]
async fn a_votes_opening_is_mailed_to_verified_residents_following_the_wijk_and_its_close_to_its_followers()
 {
    let db = TestDb::new();
    let app = app(&db).await;
    let (admin, ids) = wijk_with_proposals(&app, &db).await;
    // Ann lives in wijk 2 (verified), Bob's residence is not verified, Cara lives in wijk 3:
    // all three follow wijk 2.
    let ann = resident(&app, &db, &admin, "ann@example.org", "2", "1980-05-01").await;
    verified_user(&app, &db, "bob@example.org").await;
    let bob = access(&app, "bob@example.org").await;
    let cara = resident(&app, &db, &admin, "cara@example.org", "3", "1975-03-02").await;
    for token in [&ann, &bob, &cara] {
        let r = post(
            &app,
            "/api/v1/me/follows",
            json!({"kind": "wijk", "target": "2"}),
            Some(token),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
    let pool = pool(&db);
    let base = "http://samenstad.test";

    let vote = open_vote(&app, &admin, &ids, json!({})).await;
    assert!(samenstad_api::notify::announce_votes(&pool, base).expect("announce") >= 1);
    let opened = |to: &str| {
        count(
            &db,
            &format!(
                "SELECT count(*) AS n FROM mail_outbox WHERE to_address = '{to}' AND template = 'vote_opened'"
            ),
        )
    };
    assert_eq!(
        (
            opened("ann@example.org"),
            opened("bob@example.org"),
            opened("cara@example.org")
        ),
        (1, 0, 0)
    );
    let body = mail_body(&db, "ann@example.org", "vote_opened");
    assert!(
        body.contains("De stemming over het wijkbudget is geopend"),
        "{body}"
    );
    assert!(body.contains(&format!("{base}/votes/{vote}")), "{body}");
    // Announced once, however often the worker looks.
    assert_eq!(
        samenstad_api::notify::announce_votes(&pool, base).expect("announce"),
        0
    );
    assert_eq!(opened("ann@example.org"), 1);

    // Bob follows the vote itself, weekly: its close is a line of his digest.
    let r = post(
        &app,
        "/api/v1/me/follows",
        json!({"kind": "vote", "target": vote, "mode": "weekly"}),
        Some(&bob),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        r.body["title"]
            .as_str()
            .map(|t| t.starts_with("Stemming in ")),
        Some(true),
        "{}",
        r.body
    );
    close(&db, &vote);
    assert_eq!(
        samenstad_api::notify::announce_votes(&pool, base).expect("announce"),
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM mail_outbox WHERE template = 'vote_closed'"
        ),
        0
    );
    assert_eq!(
        samenstad_api::notify::send_digests(&pool, base).expect("digest"),
        1
    );
    let digest = mail_body(&db, "bob@example.org", "digest");
    assert!(
        digest.contains("De stemming is gesloten; de uitslag staat online"),
        "{digest}"
    );
}

#[actix_web::test]
async fn a_votes_page_carries_its_heading_and_period_before_the_app_and_its_results_once_closed() {
    let db = TestDb::new();
    let app = app(&db).await;
    let (admin, ids) = wijk_with_proposals(&app, &db).await;
    let r = upcoming_vote(&app, &admin, &ids).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["state"], "upcoming");
    let vote = r.body["id"].as_str().expect("id").to_owned();
    let page = || async {
        let req = actix_test::TestRequest::get()
            .uri(&format!("/votes/{vote}"))
            .to_request();
        let res = actix_test::call_service(&app, req).await;
        assert_eq!(res.status(), StatusCode::OK);
        String::from_utf8(actix_test::read_body(res).await.to_vec()).expect("utf-8")
    };
    let main = |html: &str| {
        let start = html.find("<main").expect("a <main>");
        html[start..]
            .split("</main>")
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    // Staff open or close the vote now (through the instance: the page's cache is renewed).
    let staff_moves = |action: &'static str| {
        let (app, admin, uri) = (
            &app,
            &admin,
            format!("/api/v1/projects/votes/{vote}/{action}"),
        );
        async move {
            let r = post(app, &uri, json!({}), Some(admin)).await;
            assert_eq!(r.status, StatusCode::OK, "{action}: {}", r.body);
        }
    };
    let heading = "<h1>Stemming – Wijk 2</h1>";
    let upcoming = main(&page().await);
    assert!(upcoming.contains(heading), "{upcoming}");
    assert!(
        upcoming.contains("Budget € 200.000 · open van "),
        "{upcoming}"
    );
    assert!(
        upcoming.contains("<p>De stemming is nog niet open.</p>"),
        "{upcoming}"
    );
    assert!(!upcoming.contains("class=\"loading\""), "{upcoming}");
    // Opened by staff: the heading and period; the ballot is the app's (it depends on who is
    // logged in), so no "not open yet" and no results.
    staff_moves("open").await;
    let open = main(&page().await);
    assert!(open.contains(heading), "{open}");
    assert!(!open.contains("nog niet open"), "{open}");
    assert!(!open.contains("Resultaten"), "{open}");
    // Closed: the results, every proposal with its votes.
    staff_moves("close").await;
    let closed = main(&page().await);
    assert!(
        closed.contains("<h2>Resultaten</h2><p>0 stemmen geteld"),
        "{closed}"
    );
    assert_eq!(
        closed.matches("<tr class=\"not-funded\">").count(),
        ids.len(),
        "{closed}"
    );
    // A vote that does not exist: the app's "loading" line, which the app then replaces.
    let req = actix_test::TestRequest::get()
        .uri("/votes/00000000-0000-4000-8000-000000000000")
        .to_request();
    let res = actix_test::call_service(&app, req).await;
    let body = String::from_utf8(actix_test::read_body(res).await.to_vec()).expect("utf-8");
    assert!(body.contains("class=\"loading\""), "{body}");
}

/// The `field` of every line in `list` (a JSON array).
fn field_of(list: &Value, field: &str) -> Vec<String> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| i[field].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[actix_web::test]
async fn a_wijks_front_door_shows_what_goes_on_there_as_anyone_may_see_it_in_one_answer() {
    let db = TestDb::new();
    let app = app(&db).await;
    let uri = "/api/v1/wijken/sluizeken-tolhuis-ham/front-door";
    let (admin, ids) = wijk_with_proposals(&app, &db).await;
    let bob = resident(&app, &db, &admin, "bob@example.org", "2", "1975-02-01").await;

    // Ideas: one still submitted, one not retained, one hidden; the proposal's idea is in play.
    let idea = |title: &'static str| {
        let app = &app;
        let bob = bob.clone();
        async move {
            let r = post(
                app,
                "/api/v1/projects/ideas",
                json!({"title": title, "body": "Voor de hele buurt, jong en oud.", "wijk": "2"}),
                Some(&bob),
            )
            .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
            r.body["id"].as_str().expect("id").to_owned()
        }
    };
    let kept = idea("Bankjes langs de Oude Beestenmarkt").await;
    let dropped = idea("Een zwembad op het plein").await;
    let hidden = idea("Buurman Jan moet weg").await;
    let r = post(
        &app,
        &format!("/api/v1/projects/ideas/{dropped}/status"),
        json!({"status": "not_retained", "reason": "Past niet in het wijkbudget."}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = post(
        &app,
        &format!("/api/v1/projects/ideas/{hidden}/hide"),
        json!({"reason": "Persoonsgegevens."}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // Signals: one open with a long description, one closed, one hidden.
    let centre = get_as(&app, "/api/v1/wijken/2", None).await.body["centroid"].clone();
    let report = |description: &'static str| {
        let app = &app;
        let bob = bob.clone();
        let centre = centre.clone();
        async move {
            let r = post(
                app,
                "/api/v1/signals",
                json!({"category": "litter", "lat": centre["lat"],
                "lon": centre["lon"], "description": description}),
                Some(&bob),
            )
            .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
            assert_eq!(r.body["wijknr"], 2, "reported in the wijk");
            r.body["id"].as_str().expect("id").to_owned()
        }
    };
    let open = report(
        "Vuilniszakken naast de glasbol aan de hoek van de Sluizekenstraat, al een week lang",
    )
    .await;
    let closed = report("Een hoop grofvuil op de stoep.").await;
    let secret = report("Mijn buurman Jan zet altijd zijn vuilniszakken buiten.").await;
    let r = post(
        &app,
        &format!("/api/v1/signals/{closed}/steps"),
        json!({"action": "close", "resolution": "fixed", "reason": "Opgeruimd op maandagochtend."}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = post(
        &app,
        &format!("/api/v1/signals/{secret}/moderation"),
        json!({"hidden": true, "reason": "Persoonsgegevens."}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // A contact, and a vote that opens tomorrow.
    let r = call(
        &app,
        Method::PUT,
        "/api/v1/wijken/2/contact",
        Some(json!({"name": "Wijkregie STH", "email": "wijkregie.sth@stad.example"})),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = upcoming_vote(&app, &admin, &ids).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let vote = r.body["id"].as_str().expect("vote").to_owned();

    // One answer, the same for anyone: staff too do not see hidden lines in it.
    for token in [None, Some(admin.as_str())] {
        let door = get_as(&app, uri, token).await;
        assert_eq!(door.status, StatusCode::OK, "{}", door.body);
        let d = &door.body;
        assert_eq!(d["wijknr"], 2);
        assert_eq!(d["contact"]["name"], "Wijkregie STH");
        let ideas = field_of(&d["ideas"], "id");
        assert!(ideas.contains(&kept), "a submitted idea: {ideas:?}");
        assert!(
            !ideas.contains(&dropped) && !ideas.contains(&hidden),
            "not retained or hidden: {ideas:?}"
        );
        assert_eq!(
            d["ideas"].as_array().map(Vec::len),
            Some(2),
            "and the proposal's idea: {}",
            d["ideas"]
        );
        assert_eq!(
            field_of(&d["signals"], "id"),
            [open.as_str()],
            "only the open, visible signal"
        );
        let summary = d["signals"][0]["summary"].as_str().expect("summary");
        assert!(
            summary.ends_with('…') && summary.chars().count() <= 60,
            "{summary}"
        );
        assert!(
            summary.starts_with("Vuilniszakken naast de glasbol"),
            "{summary}"
        );
        assert_eq!(d["vote"]["id"], vote.as_str());
        assert_eq!(d["vote"]["state"], "upcoming");
        assert_eq!(d["panel"], Value::Null, "wijk 2 never had a panel");
    }

    // Its venues are the venue finder's first five in the wijk, by name.
    let door = get_as(&app, uri, None).await.body;
    let finder = get_as(&app, "/api/v1/venues?wijk=2&limit=5", None)
        .await
        .body;
    assert_eq!(
        field_of(&door["venues"], "slug"),
        field_of(&finder["items"], "slug")
    );
    assert!(
        !field_of(&door["venues"], "slug").is_empty(),
        "the seed has venues in wijk 2"
    );

    // Deadlines: the schemes' open ones from today on, soonest first, at most five.
    let days = field_of(&door["deadlines"], "closes_on");
    assert!(
        !days.is_empty(),
        "the seed has deadlines this year and the next"
    );
    let mut sorted = days.clone();
    sorted.sort();
    assert_eq!(days, sorted);
    assert!(days.len() <= 5);
    let today = Utc::now()
        .with_timezone(&chrono_tz::Europe::Brussels)
        .date_naive()
        .to_string();
    assert!(days.iter().all(|d| *d >= today), "{days:?}");

    // Bob votes; after the vote, the projects it started are on the door, and the vote is closed.
    diesel::sql_query(format!(
        "UPDATE vote SET opens_at = now() - interval '1 minute' WHERE id = '{vote}'"
    ))
    .execute(&mut db.conn())
    .expect("open");
    let r = call(
        &app,
        Method::PUT,
        &format!("/api/v1/projects/votes/{vote}/ballot"),
        Some(ballot(&[&ids[0], &ids[2]])),
        Some(&bob),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    close(&db, &vote);
    let r = post(
        &app,
        &format!("/api/v1/projects/votes/{vote}/apply"),
        json!({}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let door = get_as(&app, uri, None).await.body;
    assert_eq!(door["vote"]["state"], "closed");
    let listed = get_as(&app, "/api/v1/projects/projects?wijk=2", None)
        .await
        .body;
    let mut on_door = field_of(&door["projects"], "id");
    let mut all = field_of(&listed, "id");
    on_door.sort();
    all.sort();
    assert_eq!(
        on_door.len(),
        2,
        "two proposals selected: {}",
        door["projects"]
    );
    assert_eq!(on_door, all, "the projects of the wijk");

    // By number too; an unknown wijk is a problem.
    assert_eq!(
        get_as(&app, "/api/v1/wijken/2/front-door", None).await.body["wijknr"],
        2
    );
    let missing = get_as(&app, "/api/v1/wijken/26/front-door", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.body["detail"], "no wijk with number or slug `26`");
}

#[actix_web::test]
async fn a_wijks_page_carries_its_figures_and_front_door_before_the_app_and_a_change_at_once() {
    let db = TestDb::new();
    let (app, dir) = app_with_pages(&db).await;
    let admin = admin_token(&app, &db).await;
    let page = || async {
        let req = actix_test::TestRequest::get()
            .uri("/wijken/sluizeken-tolhuis-ham")
            .to_request();
        let res = actix_test::call_service(&app, req).await;
        assert_eq!(res.status(), StatusCode::OK);
        String::from_utf8(actix_test::read_body(res).await.to_vec()).expect("utf-8")
    };
    let before = page().await;
    assert!(before.contains("<dt>Wijknummer</dt><dd>2</dd>"), "{before}");
    assert!(before.contains("<svg class=\"wijk-outline\" viewBox=\"0 0 1000 "));
    assert!(before.contains("<path d=\"M"), "the outline is drawn");
    assert!(before.contains("Nog geen contact bekend voor deze wijk."));
    let venues = get_as(&app, "/api/v1/wijken/2/front-door", None).await.body["venues"].clone();
    for slug in field_of(&venues, "slug") {
        assert!(
            before.contains(&format!("<li><a href=\"/venues/{slug}\">")),
            "{slug}"
        );
    }
    // Staff set the contact; a resident's idea is hidden: the page shows the one, not the other.
    let r = call(
        &app,
        Method::PUT,
        "/api/v1/wijken/2/contact",
        Some(json!({"name": "Wijkregie STH", "phone": "+32 9 210 10 10"})),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let idea = post(&app, "/api/v1/projects/ideas",
        json!({"title": "Bankjes aan het water", "body": "Om even te rusten langs de Leie.", "wijk": "2"}), Some(&admin)).await;
    assert_eq!(idea.status, StatusCode::CREATED, "{}", idea.body);
    let after = page().await;
    assert!(
        after.contains("<p class=\"contact-name\"><strong>Wijkregie STH</strong></p>"),
        "{after}"
    );
    assert!(after.contains("<a href=\"tel:+3292101010\">+32 9 210 10 10</a>"));
    assert!(after.contains("Bankjes aan het water</a> <span class=\"note\">ingediend</span>"));
    let r = post(
        &app,
        &format!(
            "/api/v1/projects/ideas/{}/hide",
            idea.body["id"].as_str().expect("id")
        ),
        json!({"reason": "Dubbel ingediend."}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        !page().await.contains("Bankjes aan het water"),
        "a hidden idea is not on the page"
    );
    let _ = std::fs::remove_dir_all(dir);
}
