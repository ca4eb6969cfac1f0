//! Lottery panels: pool, a draw anyone can re-run, replacement, scores and decisions.

#![expect(clippy::expect_used, reason = "tests fail loudly")]

mod common;

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use samenstad_db::testing::TestDb;
use samenstad_domain::sortition::{Candidate, DrawRequest, Quota, draw, replace};
use serde_json::{Value, json};

use common::*;

fn pool() -> Vec<Candidate> {
    (1..=12)
        .map(|i| Candidate {
            id: format!("K-{i:02}"),
            strata: BTreeMap::from([(
                "gender".to_owned(),
                if i % 2 == 0 { "m" } else { "v" }.to_owned(),
            )]),
        })
        .collect()
}

fn request(seed: &str) -> DrawRequest {
    DrawRequest {
        seed: seed.to_owned(),
        panel_size: 6,
        reserves: 2,
        quotas: ["v", "m"]
            .iter()
            .map(|v| Quota {
                attribute: "gender".into(),
                value: (*v).into(),
                min: 3,
                max: 3,
            })
            .collect(),
    }
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("list")
        .iter()
        .map(|s| s["pseudonym"].as_str().expect("pseudonym").to_owned())
        .collect()
}

#[actix_web::test]
async fn a_panel_is_drawn_from_a_published_seed_anyone_can_rerun_and_its_members_score_and_decide()
{
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let seed = "Drongen 2026-03-12 Lotto 3-17-22-31-40-45";
    // What the draw will give, computed from the public inputs alone.
    let expected = draw(&pool(), &request(seed)).expect("draw");
    let incoming =
        replace(&expected, &expected.members[0], &pool(), &request(seed)).expect("replace");
    let successor = incoming
        .members
        .iter()
        .find(|m| !expected.members.contains(m))
        .expect("a reserve takes the seat")
        .clone();
    let first = verified_user(&app, &db, "lid@example.org").await;
    let second = verified_user(&app, &db, "reserve@example.org").await;
    let outsider = access(&app, "reserve@example.org").await;
    let member = access(&app, "lid@example.org").await;

    let dialogue = post(
        &app,
        "/api/v1/projects/panels",
        json!({"wijk": "2", "size": 6, "reserves": 2}),
        Some(&admin),
    )
    .await;
    assert_eq!(
        dialogue.status,
        StatusCode::CONFLICT,
        "wijk 2 selects by dialogue"
    );
    let body = json!({"wijk": "drongen", "size": 6, "reserves": 2, "quotas": [
        {"attribute": "gender", "value": "v", "min": 3, "max": 3}, {"attribute": "gender", "value": "m", "min": 3, "max": 3}]});
    assert_eq!(
        post(&app, "/api/v1/projects/panels", body.clone(), Some(&member))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let created = post(&app, "/api/v1/projects/panels", body.clone(), Some(&admin)).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(
        post(&app, "/api/v1/projects/panels", body, Some(&admin))
            .await
            .status,
        StatusCode::CONFLICT,
        "one per wijk and round"
    );
    let id = created.body["id"].as_str().expect("id").to_owned();

    let candidates: Vec<Value> = pool()
        .into_iter()
        .map(|c| {
            let user = if c.id == expected.members[0] {
                Some(first.clone())
            } else if c.id == successor {
                Some(second.clone())
            } else {
                None
            };
            json!({"pseudonym": c.id, "user_id": user, "strata": c.strata})
        })
        .collect();
    let add = format!("/api/v1/projects/panels/{id}/candidates");
    let bad = post(
        &app,
        &add,
        json!({"candidates": [{"pseudonym": "Jan Peeters!", "strata": {}}]}),
        Some(&admin),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "pseudonyms, not names");
    let r = post(&app, &add, json!({"candidates": candidates}), Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["candidates"].as_array().map(Vec::len), Some(12));
    assert!(
        !r.body.to_string().contains(&first),
        "accounts are not published"
    );
    let again = post(
        &app,
        &add,
        json!({"candidates": [{"pseudonym": "K-01", "strata": {}}]}),
        Some(&admin),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    let draw_uri = format!("/api/v1/projects/panels/{id}/draw");
    let early = post(&app, &draw_uri, json!({"seed": seed}), Some(&admin)).await;
    assert_eq!(
        early.status,
        StatusCode::CONFLICT,
        "no draw before its seed is public: {}",
        early.body
    );
    let seed_uri = format!("/api/v1/projects/panels/{id}/seed");
    assert_eq!(
        post(&app, &seed_uri, json!({"seed": seed}), Some(&member))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let published = post(&app, &seed_uri, json!({"seed": seed}), Some(&admin)).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    assert_eq!(published.body["seed"], seed);
    assert!(published.body["seed_published_at"].is_string());
    assert!(
        published.body["members"]
            .as_array()
            .is_none_or(Vec::is_empty)
    );
    assert_eq!(
        post(
            &app,
            &seed_uri,
            json!({"seed": "a better one"}),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::CONFLICT,
        "a published seed does not change"
    );
    assert_eq!(
        post(
            &app,
            &add,
            json!({"candidates": [{"pseudonym": "K-98", "strata": {}}]}),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::CONFLICT,
        "the pool closes when the seed is public"
    );
    let other = post(&app, &draw_uri, json!({"seed": "another"}), Some(&admin)).await;
    assert_eq!(
        (other.status, other.body["errors"][0]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("seed")),
        "only the published seed draws"
    );
    let drawn = post(&app, &draw_uri, json!({"seed": seed}), Some(&admin)).await;
    assert_eq!(drawn.status, StatusCode::OK, "{}", drawn.body);
    assert_eq!(
        names(&drawn.body["members"]),
        expected.members,
        "the same panel as anyone re-running the draw"
    );
    assert_eq!(names(&drawn.body["reserve_list"]), expected.reserves);
    assert_eq!(
        (
            drawn.body["seed"].as_str(),
            drawn.body["algorithm"].as_str()
        ),
        (Some(seed), Some("samenstad-sortition-v1"))
    );
    assert_eq!(
        post(&app, &draw_uri, json!({"seed": "another"}), Some(&admin))
            .await
            .status,
        StatusCode::CONFLICT,
        "drawn once"
    );
    assert_eq!(
        post(
            &app,
            &add,
            json!({"candidates": [{"pseudonym": "K-99", "strata": {}}]}),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::CONFLICT,
        "pool closed"
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM role_assignment WHERE role = 'panel_member'"
        ),
        1
    );
    assert_eq!(
        get_as(
            &app,
            &format!("/api/v1/projects/panels/{id}"),
            Some(&member)
        )
        .await
        .body["i_am_member"],
        true
    );

    // Anyone re-runs the draw from the published files with the CLI.
    let text = |uri: String| {
        let app = &app;
        async move {
            let res = actix_web::test::call_service(
                app,
                actix_web::test::TestRequest::get().uri(&uri).to_request(),
            )
            .await;
            assert_eq!(res.status(), StatusCode::OK);
            String::from_utf8(actix_web::test::read_body(res).await.to_vec()).expect("utf-8")
        }
    };
    let dir = std::env::temp_dir().join(format!("samenstad-panel-{id}"));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("candidates.csv"),
        text(format!("/api/v1/projects/panels/{id}/candidates.csv")).await,
    )
    .expect("csv");
    std::fs::write(
        dir.join("panel.txt"),
        text(format!("/api/v1/projects/panels/{id}/panel.txt")).await,
    )
    .expect("txt");
    let verified = std::process::Command::new(env!("CARGO_BIN_EXE_samenstad"))
        .current_dir(&dir)
        .args([
            "sortition",
            "verify",
            "candidates.csv",
            "--seed",
            seed,
            "--panel",
            "6",
            "--reserves",
            "2",
            "--quota",
            "gender=v:3-3",
            "--quota",
            "gender=m:3-3",
            "--expect",
            "panel.txt",
        ])
        .output()
        .expect("run samenstad");
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();

    // A proposal of Drongen; the member scores it, an outsider cannot.
    let proposal = post(&app, "/api/v1/projects/proposals", json!({"wijk": "25", "title": "Trage wegen", "summary": "Wandelpaden tussen de dorpskernen.",
        "owners": "Werkgroep trage wegen", "budget_lines": [{"description": "Aanleg", "amount_cents": 8_000_000}]}), Some(&admin)).await;
    let pid = proposal.body["id"].as_str().expect("id").to_owned();
    let score = format!("/api/v1/projects/panels/{id}/scores/{pid}");
    let put = |token: String, body: Value| {
        let (app, uri) = (&app, score.clone());
        async move {
            call(
                app,
                actix_web::http::Method::PUT,
                &uri,
                Some(body),
                Some(&token),
            )
            .await
        }
    };
    assert_eq!(
        put(outsider.clone(), json!({"score": 7})).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        put(member.clone(), json!({"score": 11})).await.status,
        StatusCode::BAD_REQUEST
    );
    let r = put(
        member.clone(),
        json!({"score": 8, "comment": "Goed voor de fietsers."}),
    )
    .await;
    assert_eq!(
        (
            r.status,
            r.body["average"].as_f64(),
            r.body["scored_by"].as_i64()
        ),
        (StatusCode::OK, Some(8.0), Some(1)),
        "{}",
        r.body
    );
    let r = put(member.clone(), json!({"score": 6})).await;
    assert_eq!(
        (r.body["average"].as_f64(), r.body["scored_by"].as_i64()),
        (Some(6.0), Some(1)),
        "scoring again changes the score"
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'panel.scored'"
        ),
        2,
        "each score is audited"
    );
    let public = get_as(&app, &format!("/api/v1/projects/panels/{id}/scores"), None)
        .await
        .body;
    assert_eq!(public[0]["title"], "Trage wegen");

    // The member withdraws: the reserve that keeps the quotas takes the seat and the role.
    let w = post(
        &app,
        &format!("/api/v1/projects/panels/{id}/withdrawals"),
        json!({"pseudonym": expected.members[0]}),
        Some(&admin),
    )
    .await;
    assert_eq!(w.status, StatusCode::OK, "{}", w.body);
    let seat = w.body["members"]
        .as_array()
        .expect("members")
        .iter()
        .find(|m| m["pseudonym"] == expected.members[0].as_str())
        .expect("seat");
    assert_eq!(
        (seat["withdrawn"].as_bool(), seat["replaced_by"].as_str()),
        (Some(true), Some(successor.as_str()))
    );
    assert_eq!(
        put(member.clone(), json!({"score": 9})).await.status,
        StatusCode::FORBIDDEN,
        "no longer on the panel"
    );
    let decision = format!("/api/v1/projects/proposals/{pid}/decision");
    assert_eq!(
        post(
            &app,
            &decision,
            json!({"selected": true, "reason": "Zo beslist."}),
            Some(&member)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let voted = post(
        &app,
        &decision,
        json!({"selected": true, "reason": "Goed voor de fietsers."}),
        Some(&outsider),
    )
    .await;
    assert_eq!(
        (voted.status, voted.body["status"].as_str()),
        (StatusCode::OK, Some("proposed")),
        "the new member votes, but one of six does not decide: {}",
        voted.body
    );
    assert_eq!(
        voted.body["panel_tally"],
        json!({"seated": 6, "quorum": 4, "votes_for": 1, "votes_against": 0})
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action LIKE 'panel.%'"
        ),
        8,
        "created, candidates added, seed published, drawn, scored twice, replaced, member voted"
    );
}
