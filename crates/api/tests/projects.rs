//! The wijkbudget: programmes, allocations and ideas, through the real app and PostgreSQL.

#![expect(clippy::expect_used, reason = "tests fail loudly")]

mod common;

use actix_web::http::{Method, StatusCode};
use diesel::RunQueryDsl;
use samenstad_db::testing::TestDb;
use serde_json::{Value, json};

use common::*;

fn wijk(programme: &Value, nr: i64) -> &Value {
    programme["rounds"]
        .as_array()
        .expect("rounds")
        .iter()
        .flat_map(|r| r["wijken"].as_array().expect("wijken"))
        .find(|w| w["wijknr"] == nr)
        .expect("wijk in the programme")
}

fn total(programme: &Value) -> i64 {
    programme["rounds"]
        .as_array()
        .expect("rounds")
        .iter()
        .flat_map(|r| r["wijken"].as_array().expect("wijken"))
        .map(|w| w["allocation_cents"].as_i64().expect("cents"))
        .sum()
}

#[actix_web::test]
async fn the_wijkbudget_divides_its_total_over_25_wijken_in_two_rounds() {
    let db = TestDb::new();
    let app = app(&db).await;
    let all = get_as(&app, "/api/v1/projects/programmes", None).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    let slugs: Vec<&str> = all
        .body
        .as_array()
        .expect("list")
        .iter()
        .map(|p| p["slug"].as_str().expect("slug"))
        .collect();
    assert_eq!(slugs, vec!["wijkbudget", "burgerbudget"], "active first");
    let burger = &all.body[1];
    assert_eq!(
        (
            burger["status"].as_str(),
            burger["proposals_count"].as_i64(),
            burger["realised_count"].as_i64()
        ),
        (Some("archived"), Some(105), Some(17))
    );

    let wb = get_as(&app, "/api/v1/projects/programmes/wijkbudget", None)
        .await
        .body;
    let rounds = wb["rounds"].as_array().expect("rounds");
    assert_eq!(rounds.len(), 2);
    assert_eq!(rounds[0]["wijken"].as_array().map(Vec::len), Some(11));
    assert_eq!(rounds[1]["wijken"].as_array().map(Vec::len), Some(14));
    assert_eq!(
        rounds[0]["current_phase"], "wijkdialoog",
        "the last phase that started"
    );
    assert_eq!(
        total(&wb),
        625_000_000,
        "the allocations add up to €6.25 million"
    );
    for r in rounds {
        for w in r["wijken"].as_array().expect("wijken") {
            let cents = w["allocation_cents"].as_i64().expect("cents");
            assert!((15_000_000..=35_000_000).contains(&cents), "{w}");
        }
    }
    assert_eq!(
        wijk(&wb, 25)["selection_method"],
        "lottery_panel",
        "Drongen"
    );
    assert_eq!(
        wijk(&wb, 10)["selection_method"],
        "lottery_panel",
        "Muide-Meulestede-Afrikalaan"
    );
    assert_eq!(wijk(&wb, 1)["selection_method"], "dialogue");
    // More inhabitants, more budget (with equal vulnerability).
    let (a, b) = (wijk(&wb, 1), wijk(&wb, 3));
    assert!(a["population"].as_i64() > b["population"].as_i64());
    assert!(a["allocation_cents"].as_i64() >= b["allocation_cents"].as_i64());
    assert_eq!(
        get_as(&app, "/api/v1/projects/programmes/nope", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn a_programme_admin_sets_a_wijks_method_and_vulnerability_and_the_allocation_follows() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    verified_user(&app, &db, "bewoner@example.org").await;
    let resident = access(&app, "bewoner@example.org").await;
    let uri = "/api/v1/projects/programmes/wijkbudget/wijken/ledeberg";
    let before = get_as(&app, "/api/v1/projects/programmes/wijkbudget", None)
        .await
        .body;
    let body = json!({"selection_method": "public_vote", "vulnerability_milli": 2000,
        "reason": "De wijkraad vroeg een stemming."});
    assert_eq!(
        call(&app, Method::PUT, uri, Some(body.clone()), Some(&resident))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        call(&app, Method::PUT, uri, Some(body.clone()), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let bad = call(
        &app,
        Method::PUT,
        uri,
        Some(json!({"selection_method": "dice", "vulnerability_milli": 1000})),
        Some(&admin),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        bad.body["errors"][0]["field"], "selection_method",
        "{}",
        bad.body
    );
    let r = call(&app, Method::PUT, uri, Some(body), Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let nr = r.body["rounds"]
        .as_array()
        .expect("rounds")
        .iter()
        .flat_map(|r| r["wijken"].as_array().expect("wijken"))
        .find(|w| w["slug"] == "ledeberg")
        .expect("ledeberg")["wijknr"]
        .as_i64()
        .expect("nr");
    let (old, new) = (wijk(&before, nr), wijk(&r.body, nr));
    assert_eq!(new["selection_method"], "public_vote");
    assert_eq!(new["vulnerability_index"], 2.0);
    assert!(
        new["allocation_cents"].as_i64() > old["allocation_cents"].as_i64(),
        "{old} → {new}"
    );
    assert_eq!(total(&r.body), 625_000_000, "still the whole total");
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'programme.wijk_set' \
             AND details->>'reason' = 'De wijkraad vroeg een stemming.'"
        ),
        1,
        "the reason is kept with the change"
    );
    let short =
        json!({"selection_method": "public_vote", "vulnerability_milli": 2000, "reason": "x"});
    let r = call(&app, Method::PUT, uri, Some(short), Some(&admin)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert_eq!(r.body["errors"][0]["field"], "reason", "{}", r.body);
}

async fn submit(app: &impl TestService, token: &str, body: Value) -> Reply {
    post(app, "/api/v1/projects/ideas", body, Some(token)).await
}

#[actix_web::test]
async fn ideas_are_submitted_supported_decided_with_a_reason_and_moderated() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    verified_user(&app, &db, "an@example.org").await;
    verified_user(&app, &db, "bo@example.org").await;
    let an = access(&app, "an@example.org").await;
    let bo = access(&app, "bo@example.org").await;

    // A point at the Sluizeken (wijk 2) gives the wijk.
    let r = submit(&app, &an, json!({"title": "Moestuin op het pleintje", "body": "Bakken voor de buurt en de school.", "lat": 51.0629, "lon": 3.7282, "estimated_cost_cents": 800_000})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let garden = r.body["id"].as_str().expect("id").to_owned();
    assert_eq!(
        (
            r.body["wijknr"].as_i64(),
            r.body["round"].as_i64(),
            r.body["mine"].as_bool()
        ),
        (Some(2), Some(2), Some(true))
    );
    assert_eq!(r.body["events"][0]["kind"], "submitted");
    let second = submit(
        &app,
        &bo,
        json!({"title": "Samentuin", "body": "Een tuin waar iedereen mag komen.", "wijk": "2"}),
    )
    .await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.body);
    let other = second.body["id"].as_str().expect("id").to_owned();

    // Bad input is refused with the field named.
    for (body, field) in [
        (
            json!({"title": "x", "body": "Een tuin waar iedereen mag komen.", "wijk": "2"}),
            "title",
        ),
        (
            json!({"title": "Tuin", "body": "Een tuin voor iedereen.", "lat": 50.0, "lon": 4.0}),
            "lat",
        ),
        (
            json!({"title": "Tuin", "body": "Een tuin voor iedereen."}),
            "wijk",
        ),
        (
            json!({"title": "Tuin", "body": "Een tuin voor iedereen.", "wijk": "99"}),
            "wijk",
        ),
        (
            json!({"title": "Tuin", "body": "Een tuin voor iedereen.", "wijk": "2", "channel": "paper", "submitter_name": "Mevr. Peeters"}),
            "",
        ),
    ] {
        let r = submit(&app, &an, body).await;
        if field.is_empty() {
            assert_eq!(
                r.status,
                StatusCode::FORBIDDEN,
                "residents do not enter paper ideas: {}",
                r.body
            );
        } else {
            assert_eq!(r.status, refusal_status(&r.body), "{}", r.body);
            assert_eq!(r.body["errors"][0]["field"], field, "{}", r.body);
        }
    }
    // Staff enter an idea that came in on paper.
    let paper = submit(&app, &admin, json!({"title": "Bankjes aan de Vrijdagmarkt", "body": "Meer plekken om te zitten voor ouderen.", "wijk": "1", "channel": "paper", "submitter_name": "Mevr. Peeters"})).await;
    assert_eq!(paper.status, StatusCode::CREATED, "{}", paper.body);
    assert_eq!(
        (paper.body["channel"].as_str(), paper.body["mine"].as_bool()),
        (Some("paper"), Some(false))
    );

    // Support once, idempotently; withdraw.
    let support = format!("/api/v1/projects/ideas/{garden}/support");
    post(&app, &support, json!({}), Some(&bo)).await;
    let r = post(&app, &support, json!({}), Some(&bo)).await;
    assert_eq!(
        (r.body["supporters"].as_i64(), r.body["supported"].as_bool()),
        (Some(1), Some(true)),
        "{}",
        r.body
    );
    let anonymous = get_as(&app, &format!("/api/v1/projects/ideas/{garden}"), None)
        .await
        .body;
    assert_eq!(
        (
            anonymous["supporters"].as_i64(),
            anonymous["supported"].as_bool()
        ),
        (Some(1), Some(false))
    );
    let r = call(&app, Method::DELETE, &support, None, Some(&bo)).await;
    assert_eq!(r.body["supporters"], 0);

    // The board per wijk, newest first.
    let board = get_as(
        &app,
        "/api/v1/projects/ideas?wijk=sluizeken-tolhuis-ham",
        None,
    )
    .await
    .body;
    let titles: Vec<&str> = board["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["title"].as_str().expect("title"))
        .collect();
    assert_eq!(titles, vec!["Samentuin", "Moestuin op het pleintje"]);
    assert_eq!(
        get_as(&app, "/api/v1/projects/ideas?mine=true", Some(&an))
            .await
            .body["items"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(
        get_as(&app, "/api/v1/projects/ideas?mine=true", None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get_as(&app, "/api/v1/projects/ideas?status=maybe", None)
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    let page = get_as(&app, "/api/v1/projects/ideas?limit=1", None)
        .await
        .body;
    assert_eq!(page["items"].as_array().map(Vec::len), Some(1));
    let next = page["next_cursor"].as_str().expect("a next page");
    assert_eq!(
        get_as(
            &app,
            &format!("/api/v1/projects/ideas?limit=1&cursor={next}"),
            None
        )
        .await
        .body["items"][0]["title"],
        "Samentuin"
    );

    // Only staff of the wijk decide, always with a reason.
    let status = |id: &str| format!("/api/v1/projects/ideas/{id}/status");
    verified_user(&app, &db, "staff7@example.org").await;
    diesel::sql_query("INSERT INTO role_assignment (id, user_id, role, wijk_id) SELECT gen_random_uuid(), u.id, 'wijk_staff', w.id FROM app_user u, wijk w WHERE u.email = 'staff7@example.org' AND w.wijknr = 7")
        .execute(&mut db.conn()).expect("role");
    let staff7 = access(&app, "staff7@example.org").await;
    let decision = json!({"status": "referred", "reason": "Valt onder het gewone groenonderhoud.", "referred_to": "Groendienst"});
    assert_eq!(
        post(&app, &status(&garden), decision.clone(), Some(&staff7))
            .await
            .status,
        StatusCode::FORBIDDEN,
        "staff of another wijk"
    );
    assert_eq!(
        post(&app, &status(&garden), decision.clone(), Some(&an))
            .await
            .status,
        StatusCode::FORBIDDEN,
        "the author"
    );
    let r = post(
        &app,
        &status(&garden),
        json!({"status": "not_retained"}),
        Some(&admin),
    )
    .await;
    assert_eq!(
        (r.status, r.body["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("reason")),
        "a status that needs a reason"
    );
    let r = post(
        &app,
        &status(&garden),
        json!({"status": "referred", "reason": "Groendienst neemt het op."}),
        Some(&admin),
    )
    .await;
    assert_eq!(
        (r.status, r.body["errors"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("referred_to"))
    );
    let r = post(
        &app,
        &status(&garden),
        json!({"status": "merged", "reason": "Zelfde plek.", "merged_into": paper.body["id"]}),
        Some(&admin),
    )
    .await;
    assert_eq!(
        (r.status, r.body["errors"][0]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("merged_into")),
        "not into another wijk's idea"
    );
    let r = post(
        &app,
        &status(&garden),
        json!({"status": "merged", "reason": "Zelfde plek, samen verder.", "merged_into": other}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = post(&app, &status(&garden), decision, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let history: Vec<(String, String)> = r.body["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().expect("kind").to_owned(),
                e["status"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        history,
        vec![
            ("submitted".into(), String::new()),
            ("status".into(), "merged".into()),
            ("status".into(), "referred".into())
        ]
    );
    // A handled idea is corrected to another handled status, never made new again.
    let again = post(
        &app,
        &status(&garden),
        json!({"status": "submitted"}),
        Some(&admin),
    )
    .await;
    assert_eq!(
        (
            again.status,
            again.body["errors"][0]["field"].as_str(),
            again.body["errors"][0]["message"].as_str()
        ),
        (
            StatusCode::BAD_REQUEST,
            Some("status"),
            Some("a handled idea does not become new again")
        ),
        "{}",
        again.body
    );
    assert_eq!(
        (
            r.body["referred_to"].as_str(),
            r.body["status_reason"].as_str()
        ),
        (
            Some("Groendienst"),
            Some("Valt onder het gewone groenonderhoud.")
        )
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'idea.status'"
        ),
        2
    );

    // Moderation: hidden from the public with a reason, the author still sees it.
    let r = post(
        &app,
        &format!("/api/v1/projects/ideas/{other}/hide"),
        json!({"reason": "Bevat een telefoonnummer."}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let public = get_as(&app, &format!("/api/v1/projects/ideas/{other}"), None)
        .await
        .body;
    assert_eq!(
        (
            public["title"].as_str(),
            public["body"].as_str(),
            public["hidden_reason"].as_str()
        ),
        (Some(""), Some(""), Some("Bevat een telefoonnummer."))
    );
    assert_eq!(
        get_as(&app, &format!("/api/v1/projects/ideas/{other}"), Some(&bo))
            .await
            .body["title"],
        "Samentuin",
        "the author"
    );
    let board = get_as(&app, "/api/v1/projects/ideas?wijk=2", None)
        .await
        .body;
    assert_eq!(
        board["items"].as_array().map(Vec::len),
        Some(1),
        "hidden ideas leave the public board"
    );
    assert_eq!(
        post(
            &app,
            &format!("/api/v1/projects/ideas/{other}/support"),
            json!({}),
            Some(&an)
        )
        .await
        .status,
        StatusCode::CONFLICT
    );
    let r = post(
        &app,
        &format!("/api/v1/projects/ideas/{other}/show"),
        json!({}),
        Some(&admin),
    )
    .await;
    assert_eq!(r.body["hidden_reason"], Value::Null);
    assert_eq!(
        get_as(&app, "/api/v1/projects/ideas/not-a-uuid", None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get_as(
            &app,
            "/api/v1/projects/ideas/0193c1a0-0000-7000-8000-0000000000d1",
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

#[actix_web::test]
async fn the_typed_client_reads_programmes_and_submits_supports_and_decides_ideas_over_a_socket() {
    use samenstad_types::projects::{CreateIdea, ListIdeasQuery, SetIdeaStatus, SetRoundWijk};
    let db = TestDb::new();
    let (addr, stop) = serve(&db);
    let anon = samenstad_client::Client::new(&format!("http://{addr}")).expect("client");
    let app = app(&db).await;
    let admin = anon.with_token(admin_token(&app, &db).await);
    verified_user(&app, &db, "cis@example.org").await;
    let cis = anon.with_token(access(&app, "cis@example.org").await);

    let programmes = anon.list_programmes().await.expect("programmes");
    assert_eq!(programmes.len(), 2);
    assert!(anon.get_programme("nope").await.expect("get").is_none());
    let drongen = admin
        .set_round_wijk(
            "wijkbudget",
            "25",
            &SetRoundWijk {
                selection_method: "public_vote".into(),
                vulnerability_milli: 1000,
                reason: None,
            },
        )
        .await
        .expect("set");
    assert!(
        drongen.rounds[0]
            .wijken
            .iter()
            .any(|w| w.wijknr == 25 && w.selection_method == "public_vote")
    );

    let idea = cis
        .create_idea(&CreateIdea {
            title: "Speelstraat in de zomer".into(),
            body: "Elke woensdag de straat autovrij voor de kinderen.".into(),
            wijk: Some("drongen".into()),
            ..Default::default()
        })
        .await
        .expect("submit");
    assert_eq!((idea.wijknr, idea.round), (25, Some(1)));
    let refused = anon
        .create_idea(&CreateIdea::default())
        .await
        .expect_err("no token");
    assert!(matches!(refused, samenstad_client::Error::Api(p) if p.status == 401));
    assert_eq!(
        cis.support_idea(&idea.id, true)
            .await
            .expect("support")
            .supporters,
        1
    );
    let decided = admin
        .set_idea_status(
            &idea.id,
            &SetIdeaStatus {
                status: "proposal".into(),
                reason: Some("Uitgewerkt met de buurt tot een voorstel.".into()),
                ..Default::default()
            },
        )
        .await
        .expect("decide");
    assert_eq!(decided.status, "proposal");
    let hidden = admin
        .moderate_idea(&idea.id, Some("Adres van een bewoner."))
        .await
        .expect("hide");
    assert!(hidden.hidden_reason.is_some());
    assert_eq!(
        anon.get_idea(&idea.id)
            .await
            .expect("get")
            .expect("exists")
            .body,
        ""
    );
    admin.moderate_idea(&idea.id, None).await.expect("show");
    let page = anon
        .list_ideas(&ListIdeasQuery {
            wijk: Some("25".into()),
            ..Default::default()
        })
        .await
        .expect("list");
    assert_eq!(page.items.len(), 1);
    assert_eq!(
        page.items[0].status_reason.as_deref(),
        Some("Uitgewerkt met de buurt tot een voorstel.")
    );
    assert_eq!(
        cis.support_idea(&idea.id, false)
            .await
            .expect("withdraw")
            .supporters,
        0
    );
    stop.stop(true).await;
}

fn pabulib_file(name: &str) -> String {
    format!(
        "{}/../domain/tests/data/pabulib/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn the_cli_tallies_a_pabulib_file_offline_and_prints_only_the_funded_ids() {
    let run = |file: &str, rule: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_samenstad"))
            .args(["pabulib", "tally", &pabulib_file(file), "--rule", rule])
            .env_remove("DATABASE_URL")
            .output()
            .expect("run samenstad");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, stdout, stderr) = run("Poland_Katowice_2023_Zarzecze.pb", "greedy");
    assert!(ok, "{stderr}");
    let mut funded: Vec<&str> = stdout.lines().collect();
    funded.sort_unstable();
    assert_eq!(
        funded,
        vec![
            "L20/01/X", "L20/02/X", "L20/03/X", "L20/04/X", "L20/07/X", "L20/09/X"
        ],
        "Katowice 2023's official outcome"
    );
    let (ok, stdout, _) = run("Netherlands_Amsterdam_304.pb", "mes");
    assert!(
        ok && !stdout.is_empty()
            && stdout
                .lines()
                .all(|l| l.chars().all(|c| c.is_ascii_digit())),
        "{stdout}"
    );
    let (ok, stdout, stderr) = run("missing.pb", "greedy");
    assert!(
        !ok && stdout.is_empty() && stderr.contains("missing.pb"),
        "{stderr}"
    );
}

#[test]
fn a_published_sortition_draw_is_verified_and_a_tampered_one_is_not() {
    let dir = std::env::temp_dir().join(format!("samenstad-sortition-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let candidates = dir.join("candidates.csv");
    let mut csv = "id,gender,age_band\n".to_owned();
    for i in 0..40 {
        let gender = if i % 3 == 0 { "m" } else { "v" };
        let age = ["16-29", "30-64", "65+"][i % 3];
        csv.push_str(&format!("c{i:02},{gender},{age}\n"));
    }
    std::fs::write(&candidates, csv).expect("write");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "sortition".to_owned(),
            extra[0].to_owned(),
            candidates.display().to_string(),
            "--seed".into(),
            "Drongen 2026".into(),
            "--panel".into(),
            "10".into(),
            "--reserves".into(),
            "3".into(),
            "--quota".into(),
            "gender=m:4-6".into(),
        ];
        args.extend(extra[1..].iter().map(|s| (*s).to_owned()));
        std::process::Command::new(env!("CARGO_BIN_EXE_samenstad"))
            .args(&args)
            .output()
            .expect("run samenstad")
    };
    let drawn = run(&["draw"]);
    assert!(
        drawn.status.success(),
        "{}",
        String::from_utf8_lossy(&drawn.stderr)
    );
    let panel = String::from_utf8_lossy(&drawn.stdout).into_owned();
    let members: Vec<&str> = panel.lines().filter(|l| l.starts_with("member ")).collect();
    assert_eq!(members.len(), 10);
    assert_eq!(
        panel.lines().filter(|l| l.starts_with("reserve ")).count(),
        3
    );
    let men = members
        .iter()
        .filter(|m| {
            m[7..]
                .trim_start_matches('c')
                .parse::<usize>()
                .is_ok_and(|i| i % 3 == 0)
        })
        .count();
    assert!((4..=6).contains(&men), "the quota holds: {men} men");
    assert_eq!(
        run(&["draw"]).stdout,
        drawn.stdout,
        "the same seed, the same panel"
    );

    let published = dir.join("panel.txt");
    std::fs::write(&published, &panel).expect("write");
    let expect = published.display().to_string();
    let ok = run(&["verify", "--expect", &expect]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let swapped = panel.replacen(members[0], "member c99", 1);
    std::fs::write(&published, swapped).expect("write");
    let bad = run(&["verify", "--expect", &expect]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("member c99"));
    std::fs::remove_dir_all(&dir).ok();
}

#[actix_web::test]
async fn a_pabulib_election_is_imported_into_a_wijk_and_its_results_match_the_official_outcome() {
    let db = TestDb::new();
    let app = app(&db).await;
    let import = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_samenstad"))
            .args([
                "pabulib",
                "import",
                &pabulib_file("Poland_Katowice_2023_Zarzecze.pb"),
                "--wijk",
                "3",
            ])
            .env("DATABASE_URL", db.url())
            .env("SAMENSTAD_LOG", "warn")
            .output()
            .expect("run samenstad")
    };
    let out = import();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(stdout.contains("7 proposals, 637 ballots"), "{stdout}");
    let vote = stdout
        .split("/votes/")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect("the vote id")
        .to_owned();
    let again = import();
    assert!(!again.status.success(), "imported once");
    assert!(String::from_utf8_lossy(&again.stderr).contains("imported already"));
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) AS n FROM audit_log WHERE action = 'pabulib.imported' \
                 AND object_id = '{vote}' AND (details->>'ballots')::int = 637"
            )
        ),
        1,
        "the import is in the audit log, once"
    );

    let results = get_as(
        &app,
        &format!("/api/v1/projects/votes/{vote}/results"),
        None,
    )
    .await;
    assert_eq!(results.status, StatusCode::OK, "{}", results.body);
    assert_eq!(results.body["ballots"], 637);
    let proposals = get_as(&app, "/api/v1/projects/proposals?wijk=3", None)
        .await
        .body;
    let pabulib_id = |proposal: &str| {
        proposals
            .as_array()
            .expect("list")
            .iter()
            .find(|p| p["id"] == proposal)
            .and_then(|p| p["summary"].as_str())
            .and_then(|s| s.strip_prefix("Pabulib-project "))
            .and_then(|s| s.split(':').next())
            .expect("a Pabulib id")
            .to_owned()
    };
    let mut funded: Vec<String> = results.body["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|r| r["funded"] == true)
        .map(|r| pabulib_id(r["proposal_id"].as_str().expect("id")))
        .collect();
    funded.sort();
    assert_eq!(
        funded,
        vec![
            "L20/01/X", "L20/02/X", "L20/03/X", "L20/04/X", "L20/07/X", "L20/09/X"
        ],
        "Katowice 2023's official outcome"
    );
}

/// A 1×1 PNG.
const PNG: [u8; 67] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

#[actix_web::test]
async fn an_idea_gets_a_checked_photo_that_is_served_while_the_idea_is_visible() {
    use actix_web::test::{TestRequest, call_service, read_body};
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    verified_user(&app, &db, "foto@example.org").await;
    verified_user(&app, &db, "ander@example.org").await;
    let author = access(&app, "foto@example.org").await;
    let other = access(&app, "ander@example.org").await;
    let idea = submit(
        &app,
        &author,
        json!({"title": "Muurschildering", "body": "Een fresco op de blinde muur.", "wijk": "4"}),
    )
    .await;
    let id = idea.body["id"].as_str().expect("id").to_owned();
    let upload = |token: &str, content_type: &str, body: Vec<u8>| {
        TestRequest::put()
            .uri(&format!("/api/v1/projects/ideas/{id}/image"))
            .insert_header(("Authorization", format!("Bearer {token}")))
            .insert_header(("Content-Type", content_type.to_owned()))
            .set_payload(body)
            .to_request()
    };
    let status = |res: actix_web::dev::ServiceResponse<_>| res.status();
    assert_eq!(
        status(call_service(&app, upload(&other, "image/png", PNG.to_vec())).await),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        status(call_service(&app, upload(&author, "image/jpeg", PNG.to_vec())).await),
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "not the declared type"
    );
    assert_eq!(
        status(call_service(&app, upload(&author, "text/plain", b"hallo".to_vec())).await),
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let mut big = PNG.to_vec();
    big.resize(6 * 1024 * 1024, 0);
    assert_eq!(
        status(call_service(&app, upload(&author, "image/png", big)).await),
        StatusCode::PAYLOAD_TOO_LARGE
    );
    assert_eq!(
        count(&db, "SELECT count(*) AS n FROM stored_file"),
        0,
        "nothing kept from refused uploads"
    );

    let res = call_service(&app, upload(&author, "image/png", PNG.to_vec())).await;
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = serde_json::from_slice(&read_body(res).await).expect("json");
    let url = body["image_url"].as_str().expect("an image").to_owned();
    let get = |url: String| call_service(&app, TestRequest::get().uri(&url).to_request());
    let res = get(url.clone()).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("image/png")
    );
    assert_eq!(
        res.headers()
            .get("x-content-type-options")
            .and_then(|v| v.to_str().ok()),
        Some("nosniff")
    );
    assert_eq!(read_body(res).await.as_ref(), PNG.as_slice());

    post(
        &app,
        &format!("/api/v1/projects/ideas/{id}/hide"),
        json!({"reason": "Toont een herkenbaar gezicht."}),
        Some(&admin),
    )
    .await;
    assert_eq!(
        get(url.clone()).await.status(),
        StatusCode::NOT_FOUND,
        "not served while hidden"
    );
    assert!(
        get_as(&app, &format!("/api/v1/projects/ideas/{id}"), None)
            .await
            .body["image_url"]
            .is_null()
    );
    post(
        &app,
        &format!("/api/v1/projects/ideas/{id}/show"),
        json!({}),
        Some(&admin),
    )
    .await;
    assert_eq!(get(url.clone()).await.status(), StatusCode::OK);

    let r = call(
        &app,
        Method::DELETE,
        &format!("/api/v1/projects/ideas/{id}/image"),
        None,
        Some(&author),
    )
    .await;
    assert_eq!(
        (r.status, r.body["image_url"].is_null()),
        (StatusCode::OK, true)
    );
    assert_eq!(
        count(&db, "SELECT count(*) AS n FROM stored_file"),
        0,
        "the old photo is removed"
    );
}
