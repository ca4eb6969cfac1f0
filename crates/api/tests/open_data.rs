//! Open data: the DCAT-AP catalogue and the files it lists.

mod common;

use actix_web::http::StatusCode;
use actix_web::test as actix_test;
use samenstad_db::testing::TestDb;

use common::*;

#[actix_web::test]
async fn every_distribution_in_the_catalogue_is_served_in_its_media_type() {
    let db = TestDb::new();
    let app = app(&db).await;
    let (status, headers, body) = get(&app, "/api/v1/open-data").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers.get("content-type").and_then(|v| v.to_str().ok()),
        Some("application/ld+json")
    );
    let catalogue: serde_json::Value = serde_json::from_slice(&body).expect("JSON-LD");
    assert_eq!(catalogue["@type"], "dcat:Catalog");
    assert_eq!(catalogue["@context"]["dcat"], "http://www.w3.org/ns/dcat#");
    let datasets = catalogue["dcat:dataset"].as_array().expect("datasets");
    let ids: Vec<&str> = datasets
        .iter()
        .filter_map(|d| d["dct:identifier"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "wijken",
            "venues",
            "rooms",
            "awards",
            "subsidy-deadlines",
            "projects",
            "ideas",
            "proposals",
            "decisions",
            "signals"
        ]
    );
    let mut checked = 0;
    for d in datasets {
        assert!(
            d["dcat:distribution"][0]["dct:license"]["dct:title"]
                .as_str()
                .is_some_and(|l| l.contains("Gratis Hergebruik"))
        );
        if ["wijken", "venues", "rooms"].contains(&d["dct:identifier"].as_str().unwrap_or("")) {
            assert!(
                d["dct:modified"]["@value"].is_string(),
                "seeded data has a date: {d}"
            );
        }
        for dist in d["dcat:distribution"].as_array().expect("distributions") {
            let url = dist["dcat:downloadURL"]["@id"].as_str().expect("url");
            let path = url
                .strip_prefix("http://samenstad.test")
                .expect("absolute URL on the public base");
            let media = dist["dcat:mediaType"]["@id"]
                .as_str()
                .and_then(|iri| iri.strip_prefix("http://www.iana.org/assignments/media-types/"))
                .expect("an IANA media type");
            let format = dist["dct:format"]["@id"].as_str().expect("format");
            assert!(
                format.starts_with("http://publications.europa.eu/resource/authority/file-type/"),
                "{format}"
            );
            let (status, headers, body) = get(&app, path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            let served = headers
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            // JSON Feed is JSON (its own media type is not registered at IANA).
            let media = if served.starts_with("application/feed+json") {
                assert_eq!(media, "application/json", "{path}");
                "application/feed+json"
            } else {
                media
            };
            assert!(served.starts_with(media), "{path}: {served} is not {media}");
            assert!(!body.is_empty(), "{path}");
            checked += 1;
        }
    }
    assert_eq!(checked, 21);

    // The files themselves.
    let (_, _, csv) = get(&app, "/api/v1/wijken.csv").await;
    let text = String::from_utf8(csv).expect("utf-8");
    assert_eq!(text.lines().count(), 26, "a header and 25 wijken");
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("1,binnenstad,Binnenstad,")),
        "{text}"
    );
    let (_, _, csv) = get(&app, "/api/v1/rooms.csv").await;
    let text = String::from_utf8(csv).expect("utf-8");
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.contains("/calendar.ics")),
        "{text}"
    );
    let (_, _, ics) = get(&app, "/api/v1/subsidies/deadlines.ics").await;
    let ics = String::from_utf8(ics).expect("utf-8");
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        12,
        "6 deadlines this year and 6 next year"
    );
    assert!(ics.contains("SUMMARY:Deadline Samen aan Zet"));
    let res = actix_test::call_service(
        &app,
        actix_test::TestRequest::get()
            .uri("/api/v1/venues.csv")
            .to_request(),
    )
    .await;
    let text = String::from_utf8(actix_test::read_body(res).await.to_vec()).expect("utf-8");
    assert!(
        text.starts_with("slug,name,venue_type,operator,wijknr,"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 27, "a header and Gent's 26 venues");
}

#[actix_web::test]
async fn the_catalogue_is_served_as_turtle_to_who_asks_and_names_the_licence_by_its_uri() {
    let db = TestDb::new();
    let app = app(&db).await;
    let res = actix_test::call_service(
        &app,
        actix_test::TestRequest::get()
            .uri("/api/v1/open-data")
            .insert_header(("Accept", "text/turtle"))
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/turtle; charset=utf-8")
    );
    assert!(
        res.headers()
            .get("vary")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(", ").any(|h| h == "Accept"))
    );
    let text = String::from_utf8(actix_test::read_body(res).await.to_vec()).expect("utf-8");
    assert!(
        text.contains("@prefix dcat: <http://www.w3.org/ns/dcat#> ."),
        "{text}"
    );
    assert!(
        text.contains("<http://samenstad.test/api/v1/open-data> a dcat:Catalog"),
        "{text}"
    );
    assert!(
        text.contains("<https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0> a dct:LicenseDocument"),
        "{text}"
    );
    assert!(
        text.contains("<http://www.iana.org/assignments/media-types/text/csv> a dct:MediaType"),
        "{text}"
    );
    assert_eq!(text.matches(" a dcat:Dataset").count(), 10, "{text}");
}
