//! Accounts, sessions, roles and the security baseline, through the real app and PostgreSQL.

#![expect(clippy::expect_used, reason = "tests fail loudly")]

mod common;

use std::time::Duration;

use actix_web::http::{Method, StatusCode, header};
use actix_web::test as actix_test;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use diesel::prelude::*;
use jsonwebtoken::{EncodingKey, Header, encode};
use samenstad_api::app::build_app;
use samenstad_db::testing::TestDb;
use serde_json::{Value, json};

use common::*;

#[actix_web::test]
async fn register_verify_login_refresh_and_logout() {
    let db = TestDb::new();
    let app = app(&db).await;
    let r = post(
        &app,
        "/api/v1/auth/register",
        json!({"email": "An@Example.org", "password": PASSWORD, "display_name": "An"}),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(
        (r.body["email"].as_str(), r.body["email_verified"].as_bool()),
        (Some("an@example.org"), Some(false))
    );
    assert_eq!(
        r.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some("/api/v1/me")
    );

    let token = mailed_token(&db, "an@example.org");
    assert_eq!(
        post(
            &app,
            "/api/v1/auth/verify-email",
            json!({"token": token}),
            None
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    let again = post(
        &app,
        "/api/v1/auth/verify-email",
        json!({"token": token}),
        None,
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "a link works once");

    let session = login(&app, "an@example.org", PASSWORD).await;
    assert_eq!(session.status, StatusCode::OK, "{}", session.body);
    let cookie = session
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .expect("cookie")
        .to_owned();
    for part in [
        "samenstad_refresh=",
        "HttpOnly",
        "Secure",
        "SameSite=Strict",
        "Path=/api/v1/auth",
    ] {
        assert!(cookie.contains(part), "{cookie} has {part}");
    }
    assert!(session.body["expires_in"].as_i64().expect("ttl") <= 900);
    let access_token = session.body["access_token"]
        .as_str()
        .expect("access")
        .to_owned();
    let me = get_as(&app, "/api/v1/me", Some(&access_token)).await;
    assert_eq!(
        (me.status, me.body["email_verified"].as_bool()),
        (StatusCode::OK, Some(true))
    );

    // Refresh via the cookie rotates the token.
    let first = session.body["refresh_token"]
        .as_str()
        .expect("refresh")
        .to_owned();
    let req = actix_test::TestRequest::post()
        .uri("/api/v1/auth/refresh")
        .cookie(actix_web::cookie::Cookie::new(
            "samenstad_refresh",
            first.clone(),
        ))
        .to_request();
    let res = actix_test::call_service(&app, req).await;
    assert_eq!(res.status(), StatusCode::OK);
    let rotated: Value = actix_test::read_body_json(res).await;
    let second = rotated["refresh_token"]
        .as_str()
        .expect("rotated")
        .to_owned();
    assert_ne!(first, second);

    // The refresh token in the body.
    let refresh = |token: &str| {
        post(
            &app,
            "/api/v1/auth/refresh",
            json!({"refresh_token": token}),
            None,
        )
    };
    // Presented again at once (a page left while its refresh was under way never got the
    // second token), the first still works: a third token of the same session.
    let again = refresh(&first).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    let third = again.body["refresh_token"].as_str().expect("third");
    assert!(third != first && third != second);

    // Later (20 s after its use), reusing the first token kills the family, including the
    // second token: a copy of it is in other hands.
    {
        use diesel::RunQueryDsl;
        diesel::sql_query(
            "UPDATE refresh_token SET rotated_at = rotated_at - interval '21 seconds' \
             WHERE rotated_at IS NOT NULL",
        )
        .execute(&mut db.conn())
        .expect("backdate");
    }
    let reuse = refresh(&first).await;
    assert_eq!(reuse.status, StatusCode::UNAUTHORIZED);
    let after = refresh(&second).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED, "the family is dead");
    let third = refresh(third).await;
    assert_eq!(third.status, StatusCode::UNAUTHORIZED, "all of it");
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'auth.refresh_reuse_detected'"
        ),
        1
    );

    // Logout ends a fresh session.
    let s2 = login(&app, "an@example.org", PASSWORD).await;
    let t2 = s2.body["refresh_token"]
        .as_str()
        .expect("refresh")
        .to_owned();
    assert_eq!(
        post(
            &app,
            "/api/v1/auth/logout",
            json!({"refresh_token": t2}),
            None
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        post(
            &app,
            "/api/v1/auth/refresh",
            json!({"refresh_token": t2}),
            None
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    // The body is optional: none at all is fine, but a body that is not JSON is refused.
    for (body, status) in [
        ("", StatusCode::NO_CONTENT),
        ("\n", StatusCode::BAD_REQUEST),
        ("not json", StatusCode::BAD_REQUEST),
    ] {
        let req = actix_test::TestRequest::post()
            .uri("/api/v1/auth/logout")
            .insert_header(("content-type", "application/json"))
            .set_payload(body)
            .to_request();
        let res = actix_test::call_service(&app, req).await;
        assert_eq!(res.status(), status, "logout with body {body:?}");
    }
}

#[actix_web::test]
async fn bad_registrations_get_clear_problems() {
    let db = TestDb::new();
    let app = app(&db).await;
    register(&app, "jo@example.org").await;
    // An address with an account gets the answer a new one gets (nobody learns who uses
    // Samenstad); its owner is mailed instead, and nothing else changes.
    let fresh = post(
        &app,
        "/api/v1/auth/register",
        json!({"email": "an@example.org", "password": PASSWORD, "display_name": "Jo"}),
        None,
    )
    .await;
    let dup = post(
        &app,
        "/api/v1/auth/register",
        json!({"email": " JO@example.org ", "password": PASSWORD, "display_name": "Jo"}),
        None,
    )
    .await;
    assert_eq!(dup.status, fresh.status, "{}", dup.body);
    assert_eq!(dup.headers.get("location"), fresh.headers.get("location"));
    let keys = |v: &Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
    assert_eq!(keys(&dup.body), keys(&fresh.body));
    assert_eq!(dup.body["email"], "jo@example.org");
    assert_eq!(dup.body["email_verified"], false);
    assert_eq!(count(&db, "SELECT count(*) AS n FROM app_user"), 2);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM mail_outbox WHERE to_address = 'jo@example.org' AND template = 'account_exists' AND body LIKE '%/forgot-password%'"
        ),
        1
    );
    let bad = post(
        &app,
        "/api/v1/auth/register",
        json!({"email": "geen-adres", "password": "kort", "display_name": ""}),
        None,
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let fields: Vec<&str> = bad.body["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["field"].as_str())
        .collect();
    assert_eq!(fields, vec!["display_name", "email", "password"]);
    let not_json = actix_test::call_service(
        &app,
        actix_test::TestRequest::post()
            .uri("/api/v1/auth/register")
            .insert_header((header::CONTENT_TYPE, "text/plain"))
            .set_payload("x")
            .to_request(),
    )
    .await;
    assert_eq!(not_json.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let huge = json!({"email": "big@example.org", "password": PASSWORD, "display_name": "x".repeat(70 * 1024)});
    let r = post(&app, "/api/v1/auth/register", huge, None).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        r.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        Some("application/problem+json")
    );
    assert_eq!(
        count(&db, "SELECT count(*) AS n FROM app_user"),
        2,
        "nothing stored but Jo's and An's accounts"
    );
}

fn forge(claims: Value, secret: &str, alg: jsonwebtoken::Algorithm) -> String {
    encode(
        &Header::new(alg),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("encode")
}

#[actix_web::test]
async fn every_forged_or_stale_token_gets_401() {
    let db = TestDb::new();
    let app = app(&db).await;
    let id = verified_user(&app, &db, "an@example.org").await;
    let session = login(&app, "an@example.org", PASSWORD).await;
    let good = session.body["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    assert_eq!(
        get_as(&app, "/api/v1/me", Some(&good)).await.status,
        StatusCode::OK
    );
    let now = chrono::Utc::now().timestamp();
    let claims = |f: &dyn Fn(&mut Value)| {
        let mut c = json!({"iss": "samenstad", "aud": "samenstad-api", "sub": id, "exp": now + 600, "iat": now, "nbf": now, "jti": "x1", "typ": "access"});
        f(&mut c);
        c
    };
    let valid_claims = claims(&|_| {});
    assert_eq!(
        get_as(
            &app,
            "/api/v1/me",
            Some(&forge(
                valid_claims.clone(),
                TEST_JWT_SECRET,
                jsonwebtoken::Algorithm::HS256
            ))
        )
        .await
        .status,
        StatusCode::OK,
        "the forging helper makes valid tokens"
    );
    let none_token = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(valid_claims.to_string())
    );
    let mut tampered = good.clone();
    let last = tampered.pop().expect("char");
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    let cases: Vec<(&str, String)> = vec![
        ("alg none", none_token),
        (
            "algorithm swapped to HS512",
            forge(
                valid_claims.clone(),
                TEST_JWT_SECRET,
                jsonwebtoken::Algorithm::HS512,
            ),
        ),
        (
            "wrong secret",
            forge(
                valid_claims.clone(),
                "another-secret-that-is-32-bytes-long!!",
                jsonwebtoken::Algorithm::HS256,
            ),
        ),
        (
            "expired",
            forge(
                claims(&|c| {
                    c["exp"] = json!(now - 120);
                    c["iat"] = json!(now - 1000);
                    c["nbf"] = json!(now - 1000);
                }),
                TEST_JWT_SECRET,
                jsonwebtoken::Algorithm::HS256,
            ),
        ),
        (
            "not yet valid",
            forge(
                claims(&|c| c["nbf"] = json!(now + 300)),
                TEST_JWT_SECRET,
                jsonwebtoken::Algorithm::HS256,
            ),
        ),
        (
            "wrong audience",
            forge(
                claims(&|c| c["aud"] = json!("other-api")),
                TEST_JWT_SECRET,
                jsonwebtoken::Algorithm::HS256,
            ),
        ),
        (
            "wrong issuer",
            forge(
                claims(&|c| c["iss"] = json!("evil")),
                TEST_JWT_SECRET,
                jsonwebtoken::Algorithm::HS256,
            ),
        ),
        (
            "no jti",
            forge(
                claims(&|c| {
                    c.as_object_mut().expect("obj").remove("jti");
                }),
                TEST_JWT_SECRET,
                jsonwebtoken::Algorithm::HS256,
            ),
        ),
        (
            "not an access token",
            forge(
                claims(&|c| c["typ"] = json!("refresh")),
                TEST_JWT_SECRET,
                jsonwebtoken::Algorithm::HS256,
            ),
        ),
        ("tampered signature", tampered),
        (
            "refresh token as access token",
            session.body["refresh_token"]
                .as_str()
                .expect("refresh")
                .to_owned(),
        ),
        ("garbage", "not-a-token".to_owned()),
    ];
    for (name, token) in cases {
        let r = get_as(&app, "/api/v1/me", Some(&token)).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{name}");
        assert!(r.headers.contains_key(header::WWW_AUTHENTICATE), "{name}");
    }
    assert_eq!(
        get_as(&app, "/api/v1/me", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[actix_web::test]
async fn changing_the_password_ends_every_session() {
    let db = TestDb::new();
    let app = app(&db).await;
    verified_user(&app, &db, "an@example.org").await;
    let session = login(&app, "an@example.org", PASSWORD).await;
    let token = session.body["access_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let refresh = session.body["refresh_token"]
        .as_str()
        .expect("refresh")
        .to_owned();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let wrong = post(&app, "/api/v1/auth/password", json!({"current_password": "niet mijn wachtwoord", "new_password": "nieuwe lange zin hier"}), Some(&token)).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let ok = post(
        &app,
        "/api/v1/auth/password",
        json!({"current_password": PASSWORD, "new_password": "nieuwe lange zin hier"}),
        Some(&token),
    )
    .await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", ok.body);
    assert_eq!(
        get_as(&app, "/api/v1/me", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED,
        "old access token"
    );
    assert_eq!(
        post(
            &app,
            "/api/v1/auth/refresh",
            json!({"refresh_token": refresh}),
            None
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login(&app, "an@example.org", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login(&app, "an@example.org", "nieuwe lange zin hier")
            .await
            .status,
        StatusCode::OK
    );
}

#[actix_web::test]
async fn a_password_reset_link_sets_a_new_password_once() {
    let db = TestDb::new();
    let app = app(&db).await;
    verified_user(&app, &db, "an@example.org").await;
    let unknown = post(
        &app,
        "/api/v1/auth/password-reset",
        json!({"email": "niemand@example.org"}),
        None,
    )
    .await;
    assert_eq!(unknown.status, StatusCode::ACCEPTED);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM mail_outbox WHERE to_address = 'niemand@example.org'"
        ),
        0
    );
    assert_eq!(
        post(
            &app,
            "/api/v1/auth/password-reset",
            json!({"email": "AN@example.org"}),
            None
        )
        .await
        .status,
        StatusCode::ACCEPTED
    );
    let token = mailed_token(&db, "an@example.org");
    let r = post(
        &app,
        "/api/v1/auth/password-reset/confirm",
        json!({"token": token, "new_password": "gloednieuwe lange zin"}),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let again = post(
        &app,
        "/api/v1/auth/password-reset/confirm",
        json!({"token": token, "new_password": "nog een andere zin hier"}),
        None,
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "a link works once");
    assert_eq!(
        login(&app, "an@example.org", "gloednieuwe lange zin")
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        login(&app, "an@example.org", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[actix_web::test]
async fn parallel_guesses_get_no_more_tries_than_the_limit() {
    let db = TestDb::new();
    let mut config = auth_config();
    config.login_max_failures = 3;
    let app =
        actix_test::init_service(build_app(state_with_pool(db.url(), 8, config), settings())).await;
    verified_user(&app, &db, "an@example.org").await;
    let replies = futures_util::future::join_all((0..12).map(|i| {
        login(
            &app,
            "an@example.org",
            if i == 11 { PASSWORD } else { "fout" },
        )
    }))
    .await;
    let tried = replies
        .iter()
        .filter(|r| r.status != StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert!(
        tried <= 3,
        "{tried} of 12 simultaneous guesses had their password checked"
    );
}

#[actix_web::test]
async fn failed_logins_are_limited_with_429_and_the_limit_lifts() {
    let db = TestDb::new();
    let mut config = auth_config();
    config.login_max_failures = 3;
    config.login_window_s = 2;
    let app = actix_test::init_service(build_app(state_with(db.url(), config), settings())).await;
    verified_user(&app, &db, "an@example.org").await;
    for _ in 0..3 {
        assert_eq!(
            login(&app, "an@example.org", "fout wachtwoord")
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
    }
    let limited = login(&app, "an@example.org", PASSWORD).await;
    assert_eq!(
        limited.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    let retry: i64 = limited
        .headers
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!((1..=2).contains(&retry));
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action = 'auth.login_failed'"
        ),
        3
    );
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(
        login(&app, "an@example.org", PASSWORD).await.status,
        StatusCode::OK,
        "no permanent lockout"
    );
}

#[actix_web::test]
async fn organisation_routes_refuse_everyone_but_the_right_people_and_change_nothing() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let owner_id = verified_user(&app, &db, "owner@example.org").await;
    let other_id = verified_user(&app, &db, "other@example.org").await;
    let staff2 = staff_of(&app, &db, &admin, "staff2@example.org", 2).await;
    let staff7 = staff_of(&app, &db, &admin, "staff7@example.org", 7).await;
    let owner = access(&app, "owner@example.org").await;
    let other = access(&app, "other@example.org").await;

    let org = post(
        &app,
        "/api/v1/organisations",
        json!({"name": "Bewonersgroep Rabot", "kind": "bewonersgroep", "wijknr": 7}),
        Some(&owner),
    )
    .await;
    assert_eq!(org.status, StatusCode::CREATED, "{}", org.body);
    let org_id = org.body["id"].as_str().expect("id").to_owned();
    assert_eq!(
        post(
            &app,
            "/api/v1/organisations",
            json!({"name": "Anoniem", "kind": "vzw"}),
            None
        )
        .await
        .status,
        StatusCode::UNAUTHORIZED
    );

    let snapshot = |db: &TestDb| {
        (
            count(db, "SELECT count(*) AS n FROM organisation_member"),
            count(db, "SELECT count(*) AS n FROM organisation_invitation"),
            count(
                db,
                "SELECT count(*) AS n FROM organisation WHERE recognised_at IS NOT NULL",
            ),
        )
    };
    let before = snapshot(&db);
    let members = format!("/api/v1/organisations/{org_id}/members");
    let invite = format!("/api/v1/organisations/{org_id}/invitations");
    let remove_owner = format!("/api/v1/organisations/{org_id}/members/{owner_id}");
    let recognition = format!("/api/v1/organisations/{org_id}/recognition");
    for (who, token, expected) in [
        ("anonymous", None, StatusCode::UNAUTHORIZED),
        (
            "other resident",
            Some(other.as_str()),
            StatusCode::FORBIDDEN,
        ),
        (
            "staff of another wijk",
            Some(staff2.as_str()),
            StatusCode::FORBIDDEN,
        ),
    ] {
        assert_eq!(
            get_as(&app, &members, token).await.status,
            expected,
            "{who} lists members"
        );
        assert_eq!(
            post(&app, &invite, json!({"email": "x@example.org"}), token)
                .await
                .status,
            expected,
            "{who} invites"
        );
        assert_eq!(
            call(&app, Method::DELETE, &remove_owner, None, token)
                .await
                .status,
            expected,
            "{who} removes the owner"
        );
        assert_eq!(
            call(
                &app,
                Method::PUT,
                &recognition,
                Some(json!({"recognised": true})),
                token
            )
            .await
            .status,
            expected,
            "{who} recognises"
        );
    }
    assert_eq!(
        call(
            &app,
            Method::PUT,
            &recognition,
            Some(json!({"recognised": true})),
            Some(&owner)
        )
        .await
        .status,
        StatusCode::FORBIDDEN,
        "owners do not recognise themselves"
    );
    assert_eq!(snapshot(&db), before, "refused requests changed nothing");

    assert_eq!(
        get_as(&app, &members, Some(&owner)).await.status,
        StatusCode::OK
    );
    let recognised = call(
        &app,
        Method::PUT,
        &recognition,
        Some(json!({"recognised": true})),
        Some(&staff7),
    )
    .await;
    assert_eq!(
        (recognised.status, recognised.body["recognised"].as_bool()),
        (StatusCode::OK, Some(true))
    );
    let last_owner = call(&app, Method::DELETE, &remove_owner, None, Some(&owner)).await;
    assert_eq!(last_owner.status, StatusCode::CONFLICT);
    let garbage = get_as(&app, "/api/v1/organisations/not-a-uuid", None).await;
    assert_eq!(garbage.status, StatusCode::NOT_FOUND);

    // Invitation: only the invited, verified address can accept.
    let r = post(
        &app,
        &invite,
        json!({"email": "Other@example.org", "role": "member"}),
        Some(&owner),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let token = mailed_token(&db, "other@example.org");
    let wrong = post(
        &app,
        "/api/v1/organisations/invitations/accept",
        json!({"token": token}),
        Some(&staff2),
    )
    .await;
    assert_eq!(
        wrong.status,
        StatusCode::NOT_FOUND,
        "meant for another address"
    );
    let joined = post(
        &app,
        "/api/v1/organisations/invitations/accept",
        json!({"token": token}),
        Some(&other),
    )
    .await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);
    let list = get_as(&app, &members, Some(&other)).await;
    assert_eq!(list.body.as_array().map(Vec::len), Some(2));

    // An owner who accepts a `member` invitation to their own address stays owner.
    let accept = |token: String, who: String| {
        let app = &app;
        async move {
            post(
                app,
                "/api/v1/organisations/invitations/accept",
                json!({"token": token}),
                Some(&who),
            )
            .await
        }
    };
    let r = post(
        &app,
        &invite,
        json!({"email": "owner@example.org", "role": "member"}),
        Some(&owner),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = accept(mailed_token(&db, "owner@example.org"), owner.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let owners = |db: &TestDb| {
        count(
            db,
            &format!(
                "SELECT count(*) AS n FROM organisation_member WHERE organisation_id = '{org_id}' AND role = 'owner'"
            ),
        )
    };
    assert_eq!(owners(&db), 1, "still the owner");
    // Two owners who leave at the same moment: one may, the other is the last.
    let r = post(
        &app,
        &invite,
        json!({"email": "other@example.org", "role": "owner"}),
        Some(&owner),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = accept(mailed_token(&db, "other@example.org"), other.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(owners(&db), 2);
    let wide = actix_test::init_service(build_app(
        state_with_pool(db.url(), 4, auth_config()),
        settings(),
    ))
    .await;
    let leave = |token: String, id: String| {
        let (wide, org_id) = (&wide, &org_id);
        async move {
            call(
                wide,
                Method::DELETE,
                &format!("/api/v1/organisations/{org_id}/members/{id}"),
                None,
                Some(&token),
            )
            .await
        }
    };
    let (a, b) = futures_util::join!(
        leave(owner.clone(), owner_id.clone()),
        leave(other.clone(), other_id.clone())
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::NO_CONTENT, StatusCode::CONFLICT]);
    assert_eq!(owners(&db), 1, "one owner is left");
}

#[actix_web::test]
async fn admin_routes_are_for_admins_only() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let resident_id = verified_user(&app, &db, "an@example.org").await;
    let resident = access(&app, "an@example.org").await;
    let grant = format!("/api/v1/admin/users/{resident_id}/roles");
    for (token, expected) in [
        (None, StatusCode::UNAUTHORIZED),
        (Some(resident.as_str()), StatusCode::FORBIDDEN),
    ] {
        assert_eq!(
            post(&app, &grant, json!({"role": "admin"}), token)
                .await
                .status,
            expected
        );
        assert_eq!(get_as(&app, "/api/v1/audit", token).await.status, expected);
        assert_eq!(
            get_as(&app, "/api/v1/admin/outbox", token).await.status,
            expected
        );
        assert_eq!(
            post(
                &app,
                "/api/v1/admin/api-clients",
                json!({"name": "x"}),
                token
            )
            .await
            .status,
            expected
        );
    }
    assert_eq!(
        count(&db, "SELECT count(*) AS n FROM role_assignment"),
        1,
        "only the admin's own role"
    );
    let bad = post(&app, &grant, json!({"role": "wijk_staff"}), Some(&admin)).await;
    assert_eq!(
        bad.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "wijk_staff needs a wijk"
    );
    let granted = post(
        &app,
        &grant,
        json!({"role": "wijk_staff", "wijknr": 3}),
        Some(&admin),
    )
    .await;
    assert_eq!(granted.status, StatusCode::CREATED);
    let twice = post(
        &app,
        &grant,
        json!({"role": "wijk_staff", "wijknr": 3}),
        Some(&admin),
    )
    .await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);
    let me = get_as(&app, "/api/v1/me", Some(&resident)).await;
    assert_eq!(me.body["roles"][0]["wijknr"], json!(3));
    let role_id = granted.body["id"].as_str().expect("id");
    assert_eq!(
        call(
            &app,
            Method::DELETE,
            &format!("{grant}/{role_id}"),
            None,
            Some(&admin)
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        get_as(&app, "/api/v1/me", Some(&resident)).await.body["roles"],
        json!([]),
        "revocation is immediate"
    );

    // The audit log: filters, pagination, append-only.
    let page = get_as(
        &app,
        "/api/v1/audit?action=role.granted&limit=1",
        Some(&admin),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body["items"].as_array().map(Vec::len), Some(1));
    let cursor = page.body["next_cursor"]
        .as_str()
        .expect("more pages")
        .to_owned();
    let next = get_as(
        &app,
        &format!("/api/v1/audit?action=role.granted&limit=1&cursor={cursor}"),
        Some(&admin),
    )
    .await;
    assert_ne!(next.body["items"][0]["id"], page.body["items"][0]["id"]);
    assert_eq!(
        get_as(&app, "/api/v1/audit?limit=1000", Some(&admin))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    let tamper = diesel::sql_query("UPDATE audit_log SET action = 'x'").execute(&mut db.conn());
    assert!(tamper.is_err(), "audit_log is append-only");
    let all = get_as(&app, "/api/v1/audit?limit=100", Some(&admin))
        .await
        .body
        .to_string();
    assert!(
        !all.contains("an@example.org") && !all.contains(PASSWORD),
        "no e-mail or password in the audit log"
    );

    // A scope that does not exist is refused on its field; nothing is granted.
    for role in ["venue_manager", "jury_member", "panel_member"] {
        let r = post(
            &app,
            &grant,
            json!({"role": role, "scope_id": "0193a0a0-0000-7000-8000-000000000000"}),
            Some(&admin),
        )
        .await;
        assert_eq!(
            (r.status, r.body["errors"][0]["field"].as_str()),
            (StatusCode::NOT_FOUND, Some("scope_id")),
            "{role}: {}",
            r.body
        );
    }
    assert_eq!(count(&db, "SELECT count(*) AS n FROM role_assignment"), 1);

    // The CSV download: the same filters, a header row, admins only.
    let csv = |token: Option<&str>, query: &str| {
        let mut req = actix_web::test::TestRequest::get().uri(&format!("/api/v1/audit.csv{query}"));
        if let Some(t) = token {
            req = req.insert_header(("Authorization", format!("Bearer {t}")));
        }
        req.to_request()
    };
    let res = actix_web::test::call_service(&app, csv(Some(&admin), "?action=role.granted")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/csv; charset=utf-8")
    );
    let body = String::from_utf8(actix_web::test::read_body(res).await.to_vec()).expect("utf-8");
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(
        lines[0],
        "id,occurred_at,actor_user_id,actor_client_id,action,object_type,object_id,details"
    );
    assert_eq!(lines.len(), 3, "the two grants: {body}");
    assert!(lines[1..].iter().all(|l| l.contains(",role.granted,user,")));
    for (token, expected) in [
        (None, StatusCode::UNAUTHORIZED),
        (Some(resident.as_str()), StatusCode::FORBIDDEN),
    ] {
        assert_eq!(
            actix_web::test::call_service(&app, csv(token, ""))
                .await
                .status(),
            expected
        );
    }
    assert_eq!(
        actix_web::test::call_service(&app, csv(Some(&admin), "?actor=nobody"))
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
}

#[actix_web::test]
async fn api_clients_get_read_tokens_with_their_secret_until_revoked() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let created = post(
        &app,
        "/api/v1/admin/api-clients",
        json!({"name": "Wijkwebsite"}),
        Some(&admin),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED);
    let client_id = created.body["client_id"]
        .as_str()
        .expect("client id")
        .to_owned();
    let secret = created.body["client_secret"]
        .as_str()
        .expect("secret shown once")
        .to_owned();
    let listed = get_as(&app, "/api/v1/admin/api-clients", Some(&admin)).await;
    assert!(
        listed.body[0].get("client_secret").is_none(),
        "secrets are not shown again"
    );
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) AS n FROM api_client WHERE secret_hash = '{secret}'")
        ),
        0,
        "stored hashed"
    );

    let form = |secret: &str| {
        format!("grant_type=client_credentials&client_id={client_id}&client_secret={secret}")
    };
    let req = |body: String| {
        actix_test::TestRequest::post()
            .uri("/api/v1/auth/token")
            .insert_header((header::CONTENT_TYPE, "application/x-www-form-urlencoded"))
            .set_payload(body)
            .to_request()
    };
    let res = actix_test::call_service(&app, req(form(&secret))).await;
    assert_eq!(res.status(), StatusCode::OK);
    let token: Value = actix_test::read_body_json(res).await;
    assert_eq!(token["scope"], "read");
    let access_token = token["access_token"].as_str().expect("token");
    assert_eq!(
        get_as(&app, "/api/v1/me", Some(access_token)).await.status,
        StatusCode::FORBIDDEN,
        "clients are not people"
    );
    assert_eq!(
        actix_test::call_service(&app, req(form("wrong")))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    let json_grant = post(
        &app,
        "/api/v1/auth/token",
        json!({"grant_type": "password", "client_id": client_id, "client_secret": secret}),
        None,
    )
    .await;
    assert_eq!(json_grant.status, StatusCode::BAD_REQUEST);
    let id = created.body["id"].as_str().expect("id");
    assert_eq!(
        call(
            &app,
            Method::DELETE,
            &format!("/api/v1/admin/api-clients/{id}"),
            None,
            Some(&admin)
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        actix_test::call_service(&app, req(form(&secret)))
            .await
            .status(),
        StatusCode::UNAUTHORIZED,
        "revoked"
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action IN ('api_client.created', 'api_client.revoked')"
        ),
        2
    );
}

#[actix_web::test]
async fn the_export_holds_everything_and_erasure_leaves_no_personal_value() {
    let db = TestDb::new();
    let app = app(&db).await;
    let id = verified_user(&app, &db, "an@example.org").await;
    let token = access(&app, "an@example.org").await;
    let org = post(
        &app,
        "/api/v1/organisations",
        json!({"name": "Buurtfeest Ledeberg", "kind": "feitelijke_vereniging", "wijknr": 18}),
        Some(&token),
    )
    .await;
    assert_eq!(org.status, StatusCode::CREATED);
    let renamed = call(
        &app,
        Method::PATCH,
        "/api/v1/me",
        Some(json!({"display_name": "An Vermeulen", "preferred_language": "en"})),
        Some(&token),
    )
    .await;
    assert_eq!(renamed.body["display_name"], "An Vermeulen");
    // She asks to be verified as a resident (with her birth date) and follows her wijk.
    let asked = post(
        &app,
        "/api/v1/projects/residence-requests",
        json!({"wijk": "18", "birth_date": "1984-02-29"}),
        Some(&token),
    )
    .await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.body);
    let followed = post(
        &app,
        "/api/v1/me/follows",
        json!({"kind": "wijk", "target": "18", "mode": "weekly"}),
        Some(&token),
    )
    .await;
    assert_eq!(followed.status, StatusCode::CREATED, "{}", followed.body);

    let export = get_as(&app, "/api/v1/me/export", Some(&token)).await;
    assert_eq!(export.status, StatusCode::OK);
    let e = &export.body;
    assert_eq!(e["account"]["email"], "an@example.org");
    assert_eq!(e["account"]["display_name"], "An Vermeulen");
    assert_eq!(e["account"]["preferred_language"], "en");
    assert_eq!(
        e["account"]["organisations"][0]["name"],
        "Buurtfeest Ledeberg"
    );
    assert!(e["email_verified_at"].is_string());
    assert_eq!(e["sessions"].as_array().map(Vec::len), Some(1));
    assert_eq!(e["mails"][0]["template"], "verify_email");
    let actions: Vec<&str> = e["audit"]
        .as_array()
        .expect("audit")
        .iter()
        .filter_map(|a| a["action"].as_str())
        .collect();
    for action in [
        "user.registered",
        "user.email_verified",
        "auth.login",
        "organisation.created",
        "user.updated",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    assert!(
        !export.body.to_string().contains("$argon2"),
        "no password hash"
    );

    let wrong = call(
        &app,
        Method::DELETE,
        "/api/v1/me",
        Some(json!({"password": "fout"})),
        Some(&token),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let erased = call(
        &app,
        Method::DELETE,
        "/api/v1/me",
        Some(json!({"password": PASSWORD})),
        Some(&token),
    )
    .await;
    assert_eq!(erased.status, StatusCode::NO_CONTENT, "{}", erased.body);
    // No personal value anywhere: search every text column of every table.
    let dump = std::process::Command::new("pg_dump")
        .arg("--data-only")
        .arg(db.url())
        .output()
        .expect("pg_dump");
    let dump = String::from_utf8_lossy(&dump.stdout);
    assert!(
        dump.contains(&id),
        "the pseudonymous id stays for the audit log"
    );
    for value in ["an@example.org", "An Vermeulen", "$argon2", "1984-02-29"] {
        assert!(!dump.contains(value), "{value} was erased");
    }
    assert_eq!(
        count(&db, "SELECT count(*) AS n FROM follow"),
        0,
        "what she followed is gone"
    );
    assert_eq!(
        get_as(&app, "/api/v1/me", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login(&app, "an@example.org", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert!(count(&db, "SELECT count(*) AS n FROM audit_log") > 0);
    assert_eq!(
        count(&db, "SELECT count(*) AS n FROM organisation"),
        1,
        "the organisation stays"
    );
}

#[actix_web::test]
async fn the_cli_creates_the_first_admin_with_the_password_from_stdin() {
    use std::io::Write;
    let db = TestDb::new();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_samenstad"))
        .args([
            "admin",
            "create-user",
            "--email",
            "Beheer@Stad.example",
            "--role",
            "admin",
            "--password-stdin",
        ])
        .env("DATABASE_URL", db.url())
        .env("SAMENSTAD_LOG", "warn")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run samenstad");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"beheerder wachtwoord 2026\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .contains("created beheer@stad.example with role admin")
    );
    let app = app(&db).await;
    let session = login(&app, "beheer@stad.example", "beheerder wachtwoord 2026").await;
    assert_eq!(session.status, StatusCode::OK, "{}", session.body);
    assert_eq!(session.body["user"]["roles"][0]["role"], "admin");
    let token = session.body["access_token"].as_str().expect("token");
    assert_eq!(
        get_as(&app, "/api/v1/audit", Some(token)).await.status,
        StatusCode::OK
    );
}

#[actix_web::test]
async fn cors_allows_only_configured_origins() {
    let db = TestDb::new();
    let app = app(&db).await;
    let preflight = |origin: &'static str| {
        actix_test::TestRequest::default()
            .method(Method::OPTIONS)
            .uri("/api/v1/wijken")
            .insert_header((header::ORIGIN, origin))
            .insert_header((header::ACCESS_CONTROL_REQUEST_METHOD, "GET"))
            .to_request()
    };
    let ok = actix_test::call_service(&app, preflight("https://wijk.example")).await;
    assert_eq!(
        ok.headers()
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .and_then(|v| v.to_str().ok()),
        Some("https://wijk.example")
    );
    let refused = actix_test::call_service(&app, preflight("https://evil.example")).await;
    assert!(
        refused
            .headers()
            .get(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .is_none()
    );
}

#[actix_web::test]
async fn the_outbox_goes_out_by_smtp_or_to_a_directory_and_one_time_links_live_only_in_the_mail_sent()
 {
    use std::io::Read;
    let db = TestDb::new();
    let app = app(&db).await;
    register(&app, "an@example.org").await;
    let pool = samenstad_db::connect_pool(db.url(), 2, Duration::from_secs(2));
    let from = "Samenstad <noreply@samenstad.test>".to_owned();
    let delivery =
        |smtp_url: Option<String>, dir: Option<std::path::PathBuf>| samenstad_api::mail::Delivery {
            smtp_url,
            dir,
            from: from.clone(),
            links: link_key(),
        };
    // The outbox holds the verification mail without a live link: nobody who reads the
    // database or the admin outbox can verify the address.
    let queued = count(
        &db,
        "SELECT count(*) AS n FROM mail_outbox WHERE to_address = 'an@example.org' AND body LIKE '%/verify-email?token={one-time-token}%'",
    );
    assert_eq!(queued, 1);
    let admin = admin_token(&app, &db).await;
    let outbox = get_as(&app, "/api/v1/admin/outbox?to=an@example.org", Some(&admin)).await;
    assert_eq!(outbox.status, StatusCode::OK, "{}", outbox.body);
    assert!(
        outbox.body.to_string().contains("token={one-time-token}"),
        "{}",
        outbox.body
    );

    let without = actix_web::rt::spawn(samenstad_api::mail::run_worker(
        pool.clone(),
        delivery(None, None),
    ));
    wait_for(
        &db,
        "SELECT count(*) AS n FROM mail_outbox WHERE status = 'not_sent' AND to_address = 'an@example.org'",
        1,
    )
    .await;
    without.abort();

    // A real SMTP server: Python's DebuggingServer prints every message it receives.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let mut smtp = std::process::Command::new("python3")
        .args([
            "-u",
            "-W",
            "ignore",
            "-m",
            "smtpd",
            "-n",
            "-c",
            "DebuggingServer",
            &format!("127.0.0.1:{port}"),
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 smtpd");
    for _ in 0..50 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    register(&app, "jo@example.org").await;
    let with = actix_web::rt::spawn(samenstad_api::mail::run_worker(
        pool.clone(),
        delivery(Some(format!("smtp://127.0.0.1:{port}")), None),
    ));
    wait_for(&db, "SELECT count(*) AS n FROM mail_outbox WHERE status = 'sent' AND to_address = 'jo@example.org'", 1).await;
    with.abort();
    smtp.kill().expect("stop smtpd");
    smtp.wait().expect("smtpd stopped");
    let mut printed = String::new();
    smtp.stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut printed)
        .expect("read");
    assert!(printed.contains("jo@example.org"), "{printed}");
    assert!(printed.contains("Bevestig je e-mailadres"), "{printed}");
    // Quoted-printable: `token=` is `token=3D` on the wire; the live link is in the mail.
    assert!(
        printed.contains("http://samenstad.test/verify-email?token=3D")
            && !printed.contains("one-time-token"),
        "{printed}"
    );

    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM mail_outbox WHERE to_address = 'an@example.org' AND status = 'not_sent'"
        ),
        1,
        "not sent twice"
    );

    // Without SMTP, a mail directory gets each mail as an .eml file: a password reset there
    // carries a working one-time link.
    let dir = std::env::temp_dir().join(format!("samenstad-mail-{}", uuid::Uuid::new_v4()));
    let r = post(
        &app,
        "/api/v1/auth/password-reset",
        json!({"email": "jo@example.org"}),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    let to_dir = actix_web::rt::spawn(samenstad_api::mail::run_worker(
        pool,
        delivery(None, Some(dir.clone())),
    ));
    wait_for(&db, "SELECT count(*) AS n FROM mail_outbox WHERE template = 'reset_password' AND status = 'sent'", 1).await;
    to_dir.abort();
    let files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the mail directory")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let eml = std::fs::read_to_string(&files[0]).expect("the mail");
    let (head, body) = eml.split_once("\r\n\r\n").expect("headers, then the body");
    assert!(
        head.contains("X-Samenstad-Template: reset_password"),
        "{eml}"
    );
    let body = String::from_utf8(
        quoted_printable::decode(body, quoted_printable::ParseMode::Robust).expect("the body"),
    )
    .expect("UTF-8");
    let reset = token_after(&body, "http://samenstad.test/reset-password?token=");
    let r = post(
        &app,
        "/api/v1/auth/password-reset/confirm",
        json!({"token": reset, "new_password": "gloednieuwe lange zin"}),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) AS n FROM mail_outbox WHERE body LIKE '%{reset}%'")
        ),
        0,
        "no copy of a sent one-time link stays in the outbox"
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}

/// The token that follows `prefix` in a mail as sent.
fn token_after(mail: &str, prefix: &str) -> String {
    let start = mail
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix} in {mail}"))
        + prefix.len();
    mail[start..]
        .split(|c: char| c.is_whitespace())
        .next()
        .expect("a token")
        .to_owned()
}

#[actix_web::test]
async fn the_typed_client_registers_logs_in_refreshes_and_logs_out_over_a_socket() {
    use samenstad_types::account::{Language, RegisterRequest};
    let db = TestDb::new();
    let (addr, stop) = serve(&db);

    let client = samenstad_client::Client::new(&format!("http://{addr}")).expect("client");
    let body = RegisterRequest {
        email: "an@example.org".into(),
        password: PASSWORD.into(),
        display_name: "An".into(),
        preferred_language: Language::En,
    };
    let me = client.register(&body).await.expect("register");
    assert!(!me.email_verified);
    client
        .verify_email(&mailed_token(&db, "an@example.org"))
        .await
        .expect("verify");
    // Registering the address again answers as for a new one (no account enumeration).
    let again = client.register(&body).await.expect("the same answer");
    assert_ne!(again.id, me.id);
    let session = client
        .login("an@example.org", PASSWORD)
        .await
        .expect("login");
    let me = client
        .with_token(&session.access_token)
        .me()
        .await
        .expect("me");
    assert!(me.email_verified);
    assert_eq!(me.preferred_language, Language::En);
    let renewed = client
        .refresh(Some(&session.refresh_token))
        .await
        .expect("refresh");
    assert_ne!(renewed.refresh_token, session.refresh_token);
    client
        .logout(Some(&renewed.refresh_token))
        .await
        .expect("logout");
    let after = client
        .refresh(Some(&renewed.refresh_token))
        .await
        .expect_err("ended");
    assert_eq!(after.status(), Some(401));
    assert_eq!(
        client
            .login("an@example.org", "fout")
            .await
            .expect_err("wrong")
            .status(),
        Some(401)
    );
    stop.stop(true).await;
}

/// Runs `samenstad admin create-user` with `args` and the password on stdin.
fn cli_create_user(db: &TestDb, args: &[&str]) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_samenstad"))
        .args(["admin", "create-user", "--password-stdin"])
        .args(args)
        .env("DATABASE_URL", db.url())
        .env("SAMENSTAD_LOG", "warn")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run samenstad");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"een lange zin als wachtwoord\n")
        .expect("write");
    child.wait_with_output().expect("wait")
}

#[actix_web::test]
async fn the_cli_makes_jury_members_of_a_scheme_and_managers_of_a_venue_and_refuses_a_wrong_scope()
{
    let db = TestDb::new();
    let jury = cli_create_user(
        &db,
        &[
            "--email",
            "jury@example.org",
            "--role",
            "jury_member",
            "--scheme",
            "samen-aan-zet",
        ],
    );
    assert!(
        jury.status.success(),
        "{}",
        String::from_utf8_lossy(&jury.stderr)
    );
    let manager = cli_create_user(
        &db,
        &[
            "--email",
            "zaal@example.org",
            "--role",
            "venue_manager",
            "--venue",
            "buurtcentrum-sluizeken",
        ],
    );
    assert!(
        manager.status.success(),
        "{}",
        String::from_utf8_lossy(&manager.stderr)
    );

    let app = app(&db).await;
    let session = login(&app, "jury@example.org", PASSWORD).await;
    assert_eq!(session.status, StatusCode::OK, "{}", session.body);
    let role = &session.body["user"]["roles"][0];
    assert_eq!(role["role"], "jury_member");
    let schemes = get_as(&app, "/api/v1/subsidies/schemes", None).await;
    let samen_aan_zet = schemes
        .body
        .as_array()
        .expect("schemes")
        .iter()
        .find(|s| s["key"] == "samen-aan-zet")
        .expect("Samen aan Zet");
    assert_eq!(role["scope_id"], samen_aan_zet["id"], "{role}");
    let token = session.body["access_token"].as_str().expect("token");
    let assigned = get_as(
        &app,
        "/api/v1/subsidies/applications?view=jury",
        Some(token),
    )
    .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);

    let session = login(&app, "zaal@example.org", PASSWORD).await;
    let role = &session.body["user"]["roles"][0];
    assert_eq!(role["role"], "venue_manager");
    let venue = get_as(&app, "/api/v1/venues/buurtcentrum-sluizeken", None).await;
    assert_eq!(role["scope_id"], venue.body["id"], "{role} {}", venue.body);

    for (args, says) in [
        (&["--role", "jury_member"][..], "--scheme"),
        (
            &["--role", "wijk_staff", "--scheme", "samen-aan-zet"][..],
            "--wijk",
        ),
        (
            &["--role", "jury_member", "--scheme", "geen-regeling"][..],
            "no subsidy scheme",
        ),
        (
            &["--role", "venue_manager", "--venue", "geen-zaal"][..],
            "no venue",
        ),
        (&["--role", "panel_member"][..], "drawn by lot"),
    ] {
        let out = cli_create_user(&db, &[&["--email", "fout@example.org"][..], args].concat());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success() && stderr.contains(says),
            "{args:?}: {stderr}"
        );
    }
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM app_user WHERE email = 'fout@example.org'"
        ),
        0
    );
}

#[actix_web::test]
async fn an_owner_asks_for_recognition_and_only_staff_of_its_wijk_decide_with_a_reason() {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    verified_user(&app, &db, "owner@example.org").await;
    verified_user(&app, &db, "member@example.org").await;
    let staff2 = staff_of(&app, &db, &admin, "staff2@example.org", 2).await;
    let staff7 = staff_of(&app, &db, &admin, "staff7@example.org", 7).await;
    let owner = access(&app, "owner@example.org").await;
    let member = access(&app, "member@example.org").await;
    let org = post(
        &app,
        "/api/v1/organisations",
        json!({"name": "Buurtwerk Rabot", "kind": "vzw", "wijknr": 7}),
        Some(&owner),
    )
    .await;
    let org_id = org.body["id"].as_str().expect("id").to_owned();
    let invited = post(
        &app,
        &format!("/api/v1/organisations/{org_id}/invitations"),
        json!({"email": "member@example.org"}),
        Some(&owner),
    )
    .await;
    assert_eq!(invited.status, StatusCode::CREATED, "{}", invited.body);
    let token = mailed_token(&db, "member@example.org");
    let joined = post(
        &app,
        "/api/v1/organisations/invitations/accept",
        json!({"token": token}),
        Some(&member),
    )
    .await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);

    let ask = format!("/api/v1/organisations/{org_id}/recognition-requests");
    let motivation =
        json!({"motivation": "Wij organiseren elke maand een buurtfeest en een repair café."});
    let requests = || {
        count(
            &db,
            "SELECT count(*) AS n FROM organisation_recognition_request",
        )
    };
    // Only owners ask; a member, staff and strangers are refused before the body counts.
    for (who, token, expected) in [
        ("anonymous", None, StatusCode::UNAUTHORIZED),
        ("a member", Some(member.as_str()), StatusCode::FORBIDDEN),
        (
            "staff of the wijk",
            Some(staff7.as_str()),
            StatusCode::FORBIDDEN,
        ),
    ] {
        let r = post(&app, &ask, json!({"motivation": ""}), token).await;
        assert_eq!(r.status, expected, "{who}: {}", r.body);
    }
    let short = post(&app, &ask, json!({"motivation": "Graag"}), Some(&owner)).await;
    assert_eq!(
        (short.status, short.body["errors"][0]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("motivation"))
    );
    let extra = post(
        &app,
        &ask,
        json!({"motivation": "Wij organiseren buurtfeesten.", "status": "recognised"}),
        Some(&owner),
    )
    .await;
    assert_eq!(extra.status, StatusCode::BAD_REQUEST, "{}", extra.body);
    assert_eq!(requests(), 0);
    let asked = post(&app, &ask, motivation.clone(), Some(&owner)).await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.body);
    assert_eq!(asked.body["status"], "pending");
    let request_id = asked.body["id"].as_str().expect("id").to_owned();
    let again = post(&app, &ask, motivation.clone(), Some(&owner)).await;
    assert_eq!(
        again.status,
        StatusCode::CONFLICT,
        "one open request at a time"
    );

    // The queue: staff of wijk 7 see it, staff of wijk 2 do not, residents may not look.
    let queue = "/api/v1/organisations/recognition-requests";
    let seen = get_as(&app, queue, Some(&staff7)).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    assert_eq!(seen.body[0]["organisation_name"], "Buurtwerk Rabot");
    assert_eq!(get_as(&app, queue, Some(&staff2)).await.body, json!([]));
    assert_eq!(
        get_as(&app, queue, Some(&owner)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get_as(&app, &format!("{queue}?status=maybe"), Some(&staff7))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    // The organisation's own history: its members and the wijk's staff.
    assert_eq!(
        get_as(&app, &ask, Some(&member)).await.body[0]["id"],
        request_id.as_str()
    );
    assert_eq!(
        get_as(&app, &ask, Some(&staff2)).await.status,
        StatusCode::FORBIDDEN
    );

    // Deciding: staff of another wijk and the owner are refused; a refusal needs a reason.
    let decide = format!("{queue}/{request_id}/decision");
    for token in [&staff2, &owner, &member] {
        let r = post(&app, &decide, json!({"recognised": true}), Some(token)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    }
    let bare = post(
        &app,
        &decide,
        json!({"recognised": false, "reason": " "}),
        Some(&staff7),
    )
    .await;
    assert_eq!(
        (bare.status, bare.body["errors"][0]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("reason"))
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM organisation WHERE recognised_at IS NOT NULL"
        ),
        0
    );
    let refused = post(
        &app,
        &decide,
        json!({"recognised": false, "reason": "Stuur eerst jullie statuten mee."}),
        Some(&staff7),
    )
    .await;
    assert_eq!(refused.status, StatusCode::OK, "{}", refused.body);
    assert_eq!(
        (
            refused.body["status"].as_str(),
            refused.body["reason"].as_str()
        ),
        (Some("refused"), Some("Stuur eerst jullie statuten mee."))
    );
    assert_eq!(
        post(&app, &decide, json!({"recognised": true}), Some(&staff7))
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM mail_outbox WHERE template = 'organisation_recognition_refused' AND to_address = 'owner@example.org'"
        ),
        1,
        "the owner is mailed the reason"
    );

    // Asked again and recognised: the organisation is recognised, audited, and mailed.
    let second = post(
        &app,
        &ask,
        json!({"motivation": "Onze statuten staan nu op de website van de vzw."}),
        Some(&owner),
    )
    .await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.body);
    let second_id = second.body["id"].as_str().expect("id");
    let ok = post(
        &app,
        &format!("{queue}/{second_id}/decision"),
        json!({"recognised": true}),
        Some(&staff7),
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let org = get_as(&app, &format!("/api/v1/organisations/{org_id}"), None).await;
    assert_eq!(org.body["recognised"], true);
    assert_eq!(
        post(&app, &ask, motivation, Some(&owner)).await.status,
        StatusCode::CONFLICT,
        "recognised already"
    );
    assert_eq!(get_as(&app, queue, Some(&staff7)).await.body, json!([]));
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action IN ('organisation.recognition_requested', 'organisation.recognition_refused', 'organisation.recognised')"
        ),
        4
    );
    let history = get_as(&app, &ask, Some(&owner)).await;
    assert_eq!(history.body.as_array().map(Vec::len), Some(2));
    assert_eq!(history.body[0]["status"], "recognised", "newest first");
}

#[actix_web::test]
async fn a_person_sees_their_sessions_and_signs_out_everywhere_else() {
    let db = TestDb::new();
    let app = app(&db).await;
    verified_user(&app, &db, "an@example.org").await;
    let laptop = login(&app, "an@example.org", PASSWORD).await.body;
    let phone = login(&app, "an@example.org", PASSWORD).await.body;
    let tablet = login(&app, "an@example.org", PASSWORD).await.body;
    let token = |s: &Value| s["access_token"].as_str().expect("token").to_owned();
    let refresh = |s: &Value| json!({"refresh_token": s["refresh_token"]});

    let list = get_as(&app, "/api/v1/me/sessions", Some(&token(&laptop))).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let sessions = list.body.as_array().expect("sessions");
    assert_eq!(sessions.len(), 3);
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);
    let current = sessions
        .iter()
        .find(|s| s["current"] == true)
        .expect("current");
    // Renewing keeps the session (same id), it does not add one.
    let renewed = post(&app, "/api/v1/auth/refresh", refresh(&laptop), None).await;
    assert_eq!(renewed.status, StatusCode::OK);
    let laptop = renewed.body;
    let list = get_as(&app, "/api/v1/me/sessions", Some(&token(&laptop))).await;
    assert_eq!(list.body.as_array().expect("sessions").len(), 3);
    let now_current = list
        .body
        .as_array()
        .expect("sessions")
        .iter()
        .find(|s| s["current"] == true)
        .expect("current")
        .clone();
    assert_eq!(now_current["id"], current["id"]);

    // Ending one session (the tablet's) by its id.
    let tablet_id = {
        let mine = get_as(&app, "/api/v1/me/sessions", Some(&token(&tablet))).await;
        mine.body
            .as_array()
            .expect("sessions")
            .iter()
            .find(|s| s["current"] == true)
            .expect("current")["id"]
            .as_str()
            .expect("id")
            .to_owned()
    };
    let r = call(
        &app,
        Method::DELETE,
        &format!("/api/v1/me/sessions/{tablet_id}"),
        None,
        Some(&token(&laptop)),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        post(&app, "/api/v1/auth/refresh", refresh(&tablet), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let r = call(
        &app,
        Method::DELETE,
        &format!("/api/v1/me/sessions/{tablet_id}"),
        None,
        Some(&token(&laptop)),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "already ended");

    // Everywhere else: the phone's session ends, the laptop's stays.
    let ended = post(
        &app,
        "/api/v1/me/sessions/end-others",
        json!({}),
        Some(&token(&laptop)),
    )
    .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
    assert_eq!(ended.body["ended"], 1);
    assert_eq!(
        post(&app, "/api/v1/auth/refresh", refresh(&phone), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        post(&app, "/api/v1/auth/refresh", refresh(&laptop), None)
            .await
            .status,
        StatusCode::OK
    );
    let list = get_as(&app, "/api/v1/me/sessions", Some(&token(&laptop))).await;
    assert_eq!(list.body.as_array().expect("sessions").len(), 1);

    // Another account's session cannot be ended; anonymous callers are refused.
    verified_user(&app, &db, "jo@example.org").await;
    let jo = login(&app, "jo@example.org", PASSWORD).await.body;
    let laptop_id = list.body[0]["id"].as_str().expect("id").to_owned();
    let r = call(
        &app,
        Method::DELETE,
        &format!("/api/v1/me/sessions/{laptop_id}"),
        None,
        Some(&token(&jo)),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        get_as(&app, "/api/v1/me/sessions", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        count(
            &db,
            "SELECT count(*) AS n FROM audit_log WHERE action IN ('auth.sessions_ended', 'auth.session_ended')"
        ),
        2
    );
}

/// What a resident (or anyone) may send: everything else is a staff operation.
const RESIDENT_OPERATIONS: &[&str] = &[
    "POST /api/v1/auth/",
    "DELETE /api/v1/me",
    "PATCH /api/v1/me",
    "POST /api/v1/me/",
    "DELETE /api/v1/me/",
    "PATCH /api/v1/me/",
    "POST /api/v1/unsubscribe",
    "POST /api/v1/organisations",
    "POST /api/v1/organisations/{id}/invitations",
    "POST /api/v1/organisations/invitations/accept",
    "DELETE /api/v1/organisations/{id}/members/{user_id}",
    "POST /api/v1/organisations/{id}/recognition-requests",
    "POST /api/v1/venue-changes",
    "POST /api/v1/rooms/{id}/bookings",
    "POST /api/v1/bookings/{id}/cancel",
    "POST /api/v1/rooms/{id}/booking-series",
    "POST /api/v1/booking-series/{id}/cancel",
    "POST /api/v1/projects/ideas",
    "POST /api/v1/projects/ideas/{id}/support",
    "DELETE /api/v1/projects/ideas/{id}/support",
    "PUT /api/v1/projects/ideas/{id}/image",
    "DELETE /api/v1/projects/ideas/{id}/image",
    "PUT /api/v1/projects/votes/{id}/ballot",
    "POST /api/v1/projects/residence-requests",
    "PUT /api/v1/projects/panels/{id}/scores/{proposal_id}",
    "POST /api/v1/signals",
    "POST /api/v1/signals/{id}/reopen",
    "PUT /api/v1/signals/{id}/follow",
    "DELETE /api/v1/signals/{id}/follow",
    "PUT /api/v1/signals/{id}/photo",
    "POST /api/v1/subsidies/applications",
    "PUT /api/v1/subsidies/applications/{id}",
    "POST /api/v1/subsidies/applications/{id}/submit",
    "POST /api/v1/subsidies/applications/{id}/withdraw",
    "POST /api/v1/subsidies/applications/{id}/cosignature-links",
    "POST /api/v1/subsidies/cosignatures/{token}",
    "PUT /api/v1/subsidies/applications/{id}/attachments",
    "DELETE /api/v1/subsidies/applications/{id}/attachments/{attachment}",
    "PUT /api/v1/subsidies/applications/{id}/report",
    "POST /open311/v2/requests.{format}",
];

#[actix_web::test]
async fn a_resident_gets_403_from_every_staff_operation_whatever_the_body_or_path_holds() {
    let db = TestDb::new();
    let app = app(&db).await;
    verified_user(&app, &db, "bewoner@example.org").await;
    let resident = access(&app, "bewoner@example.org").await;
    let spec = serde_json::to_value(samenstad_api::openapi()).expect("document");
    let mut staff_operations = 0;
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for method in ["post", "put", "patch", "delete"] {
            if item.get(method).is_none() {
                continue;
            }
            let operation = format!("{} {path}", method.to_uppercase());
            if RESIDENT_OPERATIONS
                .iter()
                .any(|r| operation == *r || (r.ends_with('/') && operation.starts_with(r)))
            {
                continue;
            }
            staff_operations += 1;
            // A path the handler could not even parse, and a body that is not JSON or is over
            // the size limit: the gate answers before either is read.
            let uri = path
                .replace("{key}", "no-such-thing")
                .replace(['{', '}'], "");
            let oversized = format!("{{\"text\": \"{}\"}}", "a".repeat(70 * 1024));
            for (token, body) in [
                (None, "{\"not\": json".to_owned()),
                (Some(resident.as_str()), "{\"not\": json".to_owned()),
                (Some(resident.as_str()), oversized),
            ] {
                let req = actix_test::TestRequest::default()
                    .method(Method::from_bytes(method.to_uppercase().as_bytes()).expect("method"))
                    .uri(&uri)
                    .insert_header((header::CONTENT_TYPE, "application/json"))
                    .set_payload(body);
                let req = match token {
                    Some(t) => req.insert_header((header::AUTHORIZATION, format!("Bearer {t}"))),
                    None => req,
                };
                let res = actix_test::call_service(&app, req.to_request()).await;
                let expected = if token.is_some() {
                    StatusCode::FORBIDDEN
                } else {
                    StatusCode::UNAUTHORIZED
                };
                assert_eq!(res.status(), expected, "{operation} as {token:?}");
                assert_eq!(
                    res.headers()
                        .get(header::CONTENT_TYPE)
                        .and_then(|v| v.to_str().ok()),
                    Some("application/problem+json"),
                    "{operation}"
                );
            }
        }
    }
    assert_eq!(staff_operations, 63, "gated staff operations");
}

#[actix_web::test]
async fn the_export_holds_every_kind_of_record_and_erasure_leaves_no_email_name_or_birth_date_in_a_dump()
 {
    let db = TestDb::new();
    let app = app(&db).await;
    let admin = admin_token(&app, &db).await;
    let email = "zoe.privacytest@example.org";
    let name = "Zoë Privacytestpersoon";
    let r = post(&app, "/api/v1/auth/register", json!({"email": email, "password": PASSWORD, "display_name": name, "preferred_language": "nl"}), None).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.body["id"].as_str().expect("id").to_owned();
    let token = mailed_token(&db, email);
    let r = post(
        &app,
        "/api/v1/auth/verify-email",
        json!({"token": token}),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let zoe = access(&app, email).await;

    // One record of many kinds: a residence request and record (with the birth date), an
    // organisation, an idea, a signal, a follow.
    let born = "1987-06-05";
    let steps = [
        post(&app, "/api/v1/projects/residence-requests", json!({"wijk": "2", "birth_date": born}), Some(&zoe)).await,
        call(&app, Method::PUT, &format!("/api/v1/projects/residents/{id}"), Some(json!({"wijk": "2", "birth_date": born})), Some(&admin)).await,
        post(&app, "/api/v1/organisations", json!({"name": "Bewonersgroep Privacyplein", "kind": "bewonersgroep", "wijknr": 2}), Some(&zoe)).await,
        post(&app, "/api/v1/projects/ideas", json!({"title": "Bankjes op het plein", "body": "Drie bankjes in de schaduw van de linde.", "wijk": "2"}), Some(&zoe)).await,
        post(&app, "/api/v1/signals", json!({"category": "litter", "lat": 51.0625, "lon": 3.7125, "description": "Zakken naast de glasbol."}), Some(&zoe)).await,
        post(&app, "/api/v1/me/follows", json!({"kind": "wijk", "target": "2", "mode": "weekly"}), Some(&zoe)).await,
    ];
    for (i, r) in steps.iter().enumerate() {
        assert!(r.status.is_success(), "step {i}: {} {}", r.status, r.body);
    }
    let export = get_as(&app, "/api/v1/me/export", Some(&zoe)).await;
    assert_eq!(export.status, StatusCode::OK, "{}", export.body);
    let tables: Vec<String> = export.body["records"]
        .as_array()
        .expect("records")
        .iter()
        .map(|g| {
            format!(
                "{}.{}",
                g["table"].as_str().unwrap_or(""),
                g["column"].as_str().unwrap_or("")
            )
        })
        .collect();
    for expected in [
        "residence.user_id",
        "residence_request.user_id",
        "organisation_member.user_id",
        "idea.author_id",
        "signal.reporter_id",
        "follow.user_id",
        "mail_outbox.user_id",
    ] {
        assert!(
            tables.iter().any(|t| t == expected),
            "{expected} in {tables:?}"
        );
    }
    let text = export.body.to_string();
    assert!(text.contains(born), "the birth date is exported");
    assert!(!text.contains("token_hash"), "no secrets in the export");
    // The administrator who verified her residence finds that they did, not her birth date.
    let theirs = get_as(&app, "/api/v1/me/export", Some(&admin)).await;
    let verified = theirs.body["records"]
        .as_array()
        .expect("records")
        .iter()
        .find(|g| g["table"] == "residence" && g["column"] == "verified_by")
        .expect("the residence they verified");
    assert!(verified["rows"][0]["verified_at"].is_string(), "{verified}");
    assert!(!theirs.body.to_string().contains(born), "{}", theirs.body);

    // Erase, then look at everything the database holds.
    let r = call(
        &app,
        Method::DELETE,
        "/api/v1/me",
        Some(json!({"password": PASSWORD})),
        Some(&zoe),
    )
    .await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    let dump = std::process::Command::new("pg_dump")
        .args(["--data-only", "--no-owner", db.url()])
        .output()
        .expect("pg_dump");
    assert!(
        dump.status.success(),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
    let dump = String::from_utf8_lossy(&dump.stdout);
    assert!(dump.len() > 10_000, "a real dump");
    for (what, value) in [
        ("e-mail", email),
        ("name", name),
        ("birth date", born),
        ("e-mail's local part", "zoe.privacytest"),
    ] {
        let at: Vec<&str> = dump.lines().filter(|l| l.contains(value)).take(3).collect();
        assert!(at.is_empty(), "the {what} is still stored: {at:#?}");
    }
    // What stays public keeps only the pseudonymous id: the idea and the signal.
    assert!(dump.contains("Bankjes op het plein"));
    assert!(dump.contains(&id));
}

/// Server messages follow `Accept-Language` (issue 18): a Dutch reader gets Dutch titles, field
/// messages and details, an English one (or one who names neither) English.
#[actix_web::test]
async fn problems_speak_the_language_the_reader_asks_for() {
    let db = TestDb::new();
    let app = app(&db).await;
    let ask = |language: Option<&'static str>, uri: &'static str, body: Option<Value>| {
        let app = &app;
        async move {
            let mut req = actix_test::TestRequest::default()
                .method(if body.is_some() {
                    Method::POST
                } else {
                    Method::GET
                })
                .uri(uri);
            if let Some(body) = body {
                req = req.set_json(body);
            }
            if let Some(language) = language {
                req = req.insert_header((header::ACCEPT_LANGUAGE, language));
            }
            let res = actix_test::call_service(app, req.to_request()).await;
            let vary = res
                .headers()
                .get(header::VARY)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            let body: Value =
                serde_json::from_slice(&actix_test::read_body(res).await).expect("problem");
            (body, vary)
        }
    };
    let bad = json!({"email": "geen-adres", "password": "kort", "display_name": ""});
    let (nl, vary) = ask(
        Some("nl-BE,nl;q=0.9,en;q=0.5"),
        "/api/v1/auth/register",
        Some(bad.clone()),
    )
    .await;
    let (en, _) = ask(Some("en-GB"), "/api/v1/auth/register", Some(bad.clone())).await;
    let (none, _) = ask(None, "/api/v1/auth/register", Some(bad)).await;
    assert!(
        vary.as_deref()
            .is_some_and(|v| v.contains("Accept-Language")),
        "{vary:?}"
    );
    assert_eq!(
        (nl["title"].as_str(), en["title"].as_str()),
        (Some("Ongeldige aanvraag"), Some("Bad Request"))
    );
    assert_eq!(none, en, "English when the reader names no language");
    let messages = |p: &Value| {
        p["errors"]
            .as_array()
            .expect("errors")
            .iter()
            .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };
    let (dutch, english) = (messages(&nl), messages(&en));
    assert_eq!(dutch.len(), 3);
    for (d, e) in dutch.iter().zip(&english) {
        assert_ne!(d, e, "`{e}` has no Dutch");
    }
    assert!(
        nl["detail"].as_str().is_some_and(|d| d.contains(&dutch[0])),
        "{nl}"
    );
    // A detail made with values (a pattern), and an unknown path.
    let (nl, _) = ask(Some("nl"), "/api/v1/wijken/lookup?lat=91&lon=3.7", None).await;
    assert_eq!(nl["title"], "Ongeldige aanvraag", "{nl}");
    let (nl, _) = ask(Some("nl"), "/api/v1/bestaat-niet", None).await;
    assert_eq!(nl["title"], "Niet gevonden", "{nl}");
    assert!(
        !nl["detail"].as_str().unwrap_or_default().contains("path"),
        "{nl}"
    );
}
