//! API tests through the real app (in-process) and the typed client over a real socket,
//! each against its own PostgreSQL database cloned from a migrated, seeded template.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use actix_web::http::{Method, StatusCode, header};
use actix_web::test as actix_test;
use geo::InteriorPoint;
use samenstad_api::app::build_app;
use samenstad_api::openapi;
use samenstad_db::testing::TestDb;
use samenstad_domain::geometry::to_multipolygon;
use samenstad_types::{
    GeoJsonQuery, ListWijkenQuery, Problem, Wijk, WijkDetail, WijkFeatureCollection, WijkPage, Zone,
};
use serde_json::json;

use common::*;

#[actix_web::test]
async fn list_returns_all_25_wijken_in_order_with_attribution() {
    let db = TestDb::new();
    let app = app(&db).await;
    let (status, headers, body) = get(&app, "/api/v1/wijken").await;
    let page: WijkPage = json(status, &body);
    assert_eq!(
        page.items.iter().map(|w| w.wijknr).collect::<Vec<_>>(),
        (1..=25).collect::<Vec<i16>>()
    );
    assert_eq!(page.attribution, "Bron: Stad Gent – data.stad.gent");
    assert!(page.next_cursor.is_none());
    assert!(headers.contains_key(header::ETAG));
    let muide = &page.items[9];
    assert_eq!(
        (muide.name.as_str(), muide.short_name.as_str()),
        ("Muide - Meulestede - Afrikalaan", "Muide")
    );
    assert_eq!(
        (muide.zone, muide.wijkbudget_round, muide.stadsdeel.as_str()),
        (Zone::Gordel19e, Some(1), "Noordwest")
    );
    assert_eq!(muide.area_m2, 1_505_428);
    assert_eq!(muide.population_estimate, 6716);
}

#[actix_web::test]
async fn list_filters_by_zone_round_and_accent_insensitive_text() {
    let db = TestDb::new();
    let app = app(&db).await;
    let nrs = |page: WijkPage| page.items.iter().map(|w| w.wijknr).collect::<Vec<_>>();
    let (s, _, b) = get(&app, "/api/v1/wijken?zone=binnenstad").await;
    assert_eq!(nrs(json(s, &b)), vec![1, 3, 5, 6, 21, 22]);
    let (s, _, b) = get(&app, "/api/v1/wijken?round=1").await;
    assert_eq!(nrs(json(s, &b)).len(), 11);
    let (s, _, b) = get(&app, "/api/v1/wijken?round=2&zone=gordel_20e").await;
    assert_eq!(nrs(json(s, &b)), vec![8, 12, 23, 24]);
    let (s, _, b) = get(&app, "/api/v1/wijken?q=SINT%20AMANDSB%C3%89RG").await;
    assert_eq!(nrs(json(s, &b)), vec![14]);
    let (s, _, b) = get(&app, "/api/v1/wijken?q=machariuswijk").await;
    assert_eq!(nrs(json(s, &b)), vec![3], "aliases match");
    let (s, _, b) = get(&app, "/api/v1/wijken?q=meulestede").await;
    assert_eq!(nrs(json(s, &b)), vec![10]);
    let (s, _, b) = get(&app, "/api/v1/wijken?q=Brussel").await;
    assert!(nrs(json(s, &b)).is_empty());
}

#[actix_web::test]
async fn invalid_list_filters_get_400_problems() {
    let db = TestDb::new();
    let app = app(&db).await;
    let (s, h, b) = get(&app, "/api/v1/wijken?round=3").await;
    let p = problem(s, &h, &b, StatusCode::BAD_REQUEST);
    assert_eq!(p.errors[0].field, "round");
    let (s, h, b) = get(&app, "/api/v1/wijken?zone=centrum").await;
    problem(s, &h, &b, StatusCode::BAD_REQUEST);
    let (s, h, b) = get(&app, "/api/v1/wijken?round=een").await;
    problem(s, &h, &b, StatusCode::BAD_REQUEST);
    let long = "a".repeat(101);
    let (s, h, b) = get(&app, &format!("/api/v1/wijken?q={long}")).await;
    assert_eq!(
        problem(s, &h, &b, StatusCode::BAD_REQUEST).errors[0].field,
        "q"
    );
}

#[actix_web::test]
async fn a_wijk_is_found_by_number_and_by_slug_with_its_boundary() {
    let db = TestDb::new();
    let app = app(&db).await;
    let (s, _, b) = get(&app, "/api/v1/wijken/2").await;
    let by_nr: WijkDetail = json(s, &b);
    let (s, _, b) = get(&app, "/api/v1/wijken/sluizeken-tolhuis-ham").await;
    let by_slug: WijkDetail = json(s, &b);
    assert_eq!(by_nr, by_slug);
    assert_eq!(by_nr.wijk.name, "Sluizeken - Tolhuis - Ham");
    assert_eq!(by_nr.attribution, "Bron: Stad Gent – data.stad.gent");
    assert!(
        by_nr.boundary.polygons()[0][0].len() > 10,
        "a real boundary"
    );
    for missing in ["0", "26", "-1", "atlantis", "99999999"] {
        let (s, h, b) = get(&app, &format!("/api/v1/wijken/{missing}")).await;
        problem(s, &h, &b, StatusCode::NOT_FOUND);
    }
}

#[actix_web::test]
async fn geojson_is_a_feature_collection_of_25_closed_polygons() {
    let db = TestDb::new();
    let app = app(&db).await;
    let (s, h, b) = get(&app, "/api/v1/wijken.geojson").await;
    assert_eq!(
        h.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()),
        Some("application/geo+json")
    );
    let raw: serde_json::Value = json(s, &b);
    assert_eq!(raw["type"], "FeatureCollection");
    assert_eq!(raw["features"][0]["type"], "Feature");
    let collection: WijkFeatureCollection = serde_json::from_value(raw).expect("typed");
    assert_eq!(collection.features.len(), 25);
    for feature in &collection.features {
        assert_eq!(feature.id, feature.properties.wijknr);
        for polygon in feature.geometry.polygons() {
            for ring in polygon {
                assert!(ring.len() >= 4);
                assert_eq!(
                    ring.first(),
                    ring.last(),
                    "ring of wijk {} is closed",
                    feature.id
                );
                for [lon, lat] in ring {
                    assert!(
                        (3.5..4.0).contains(lon) && (50.9..51.25).contains(lat),
                        "WGS84 lon/lat order"
                    );
                }
            }
        }
    }
}

#[actix_web::test]
async fn geojson_simplified_for_a_map_has_the_same_wijken_with_fewer_points() {
    let db = TestDb::new();
    let app = app(&db).await;
    let read = |s, h: &header::HeaderMap, b: &[u8]| {
        assert_eq!(
            h.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()),
            Some("application/geo+json")
        );
        let etag = h
            .get(header::ETAG)
            .expect("ETag")
            .to_str()
            .expect("ascii")
            .to_owned();
        (json::<WijkFeatureCollection>(s, b), etag)
    };
    let points = |c: &WijkFeatureCollection| -> Vec<usize> {
        c.features
            .iter()
            .map(|f| {
                f.geometry
                    .polygons()
                    .into_iter()
                    .flatten()
                    .map(Vec::len)
                    .sum()
            })
            .collect()
    };
    let (s, h, b) = get(&app, "/api/v1/wijken.geojson").await;
    let (whole, whole_tag) = read(s, &h, &b);
    let (s, h, b) = get(&app, "/api/v1/wijken.geojson?simplify=10").await;
    let (map, map_tag) = read(s, &h, &b);
    let (s, h, b) = get(&app, "/api/v1/wijken.geojson?simplify=100").await;
    let (coarse, coarse_tag) = read(s, &h, &b);
    // The same wijken with the same attributes; each a different representation.
    for c in [&map, &coarse] {
        assert_eq!(
            c.features
                .iter()
                .map(|f| (f.id, &f.properties))
                .collect::<Vec<_>>(),
            whole
                .features
                .iter()
                .map(|f| (f.id, &f.properties))
                .collect::<Vec<_>>()
        );
        for ring in c
            .features
            .iter()
            .flat_map(|f| f.geometry.polygons())
            .flatten()
        {
            assert!(ring.len() >= 4 && ring.first() == ring.last(), "{ring:?}");
        }
    }
    assert!(whole_tag != map_tag && map_tag != coarse_tag);
    // Fewer points in every wijk, fewer still at 100 m: 5,598 in all as published.
    let (all, drawn, few) = (points(&whole), points(&map), points(&coarse));
    assert_eq!(all.iter().sum::<usize>(), 5_598);
    for i in 0..25 {
        assert!(
            few[i] <= drawn[i] && drawn[i] < all[i],
            "wijk {}: {} {} {}",
            i + 1,
            few[i],
            drawn[i],
            all[i]
        );
    }
    assert!(drawn.iter().sum::<usize>() * 3 < 5_598, "{drawn:?}");
    // Bad tolerances are a 400 naming the parameter: out of range says what is allowed, a value
    // that is no whole number says so (in Dutch for a Dutch reader, below).
    let out_of_range = "simplify: must be between 1 and 1000";
    let no_number = "simplify: must be a whole number";
    for (bad, detail) in [
        ("0", out_of_range),
        ("1001", out_of_range),
        ("-5", no_number),
        ("ten", no_number),
        ("2.5", no_number),
        ("", no_number),
    ] {
        let (s, h, b) = get(&app, &format!("/api/v1/wijken.geojson?simplify={bad}")).await;
        let p = problem(s, &h, &b, StatusCode::BAD_REQUEST);
        assert_eq!(p.detail.as_deref(), Some(detail), "{bad}");
        assert_eq!(p.errors[0].field, "simplify");
    }
    let req = actix_test::TestRequest::get()
        .uri("/api/v1/wijken.geojson?simplify=ten")
        .insert_header((header::ACCEPT_LANGUAGE, "nl-BE"))
        .to_request();
    let res = actix_test::call_service(&app, req).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let p: Problem = serde_json::from_slice(&actix_test::read_body(res).await).expect("problem");
    assert_eq!(
        p.detail.as_deref(),
        Some("simplify: moet een geheel getal zijn")
    );
}

#[actix_web::test]
async fn lookup_finds_every_wijk_from_an_interior_point_and_nothing_in_brussels() {
    let db = TestDb::new();
    let app = app(&db).await;
    let (s, _, b) = get(&app, "/api/v1/wijken.geojson").await;
    let collection: WijkFeatureCollection = json(s, &b);
    for feature in &collection.features {
        let point = to_multipolygon(&feature.geometry)
            .interior_point()
            .expect("interior point");
        let (s, _, b) = get(
            &app,
            &format!("/api/v1/wijken/lookup?lat={}&lon={}", point.y(), point.x()),
        )
        .await;
        let found: Wijk = json(s, &b);
        assert_eq!(
            found.wijknr, feature.id,
            "interior point of {}",
            feature.properties.name
        );
    }
    // Landmarks: the Belfort, UZ Gent, Flanders Expo.
    for (lat, lon, name) in [
        (51.05365, 3.72476, "Binnenstad"),
        (51.0237, 3.7251, "Nieuw Gent - UZ"),
        (51.0244, 3.6961, "Sint-Denijs-Westrem - Afsnee"),
    ] {
        let (s, _, b) = get(&app, &format!("/api/v1/wijken/lookup?lat={lat}&lon={lon}")).await;
        assert_eq!(json::<Wijk>(s, &b).name, name);
    }
    let (s, h, b) = get(&app, "/api/v1/wijken/lookup?lat=50.8467&lon=4.3525").await;
    problem(s, &h, &b, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn lookup_rejects_non_numbers_and_out_of_range_coordinates_with_400() {
    let db = TestDb::new();
    let app = app(&db).await;
    for (query, field) in [
        ("lat=abc&lon=3.7", None),
        ("lat=51.05", None),
        ("lon=3.7", None),
        ("lat=&lon=3.7", None),
        ("lat=91&lon=3.7", Some("lat")),
        ("lat=-90.5&lon=3.7", Some("lat")),
        ("lat=51&lon=180.01", Some("lon")),
        ("lat=NaN&lon=3.7", Some("lat")),
        ("lat=51&lon=inf", Some("lon")),
    ] {
        let (s, h, b) = get(&app, &format!("/api/v1/wijken/lookup?{query}")).await;
        let p = problem(s, &h, &b, StatusCode::BAD_REQUEST);
        if let Some(field) = field {
            assert_eq!(
                p.errors.first().map(|e| e.field.as_str()),
                Some(field),
                "{query}"
            );
        }
    }
}

#[actix_web::test]
async fn reads_answer_if_none_match_with_304() {
    let db = TestDb::new();
    let app = app(&db).await;
    for uri in [
        "/api/v1/wijken",
        "/api/v1/wijken?zone=binnenstad",
        "/api/v1/wijken.geojson",
        "/api/v1/wijken.geojson?simplify=10",
        "/api/v1/wijken.geojson?simplify=25",
        "/api/v1/wijken/7",
    ] {
        let (_, headers, _) = get(&app, uri).await;
        let etag = headers.get(header::ETAG).expect("ETag").clone();
        let req = actix_test::TestRequest::get()
            .uri(uri)
            .insert_header((header::IF_NONE_MATCH, etag.clone()))
            .to_request();
        let res = actix_test::call_service(&app, req).await;
        assert_eq!(res.status(), StatusCode::NOT_MODIFIED, "{uri}");
        assert_eq!(res.headers().get(header::ETAG), Some(&etag));
        assert!(actix_test::read_body(res).await.is_empty());
        let req = actix_test::TestRequest::get()
            .uri(uri)
            .insert_header((header::IF_NONE_MATCH, "W/\"other\""))
            .to_request();
        assert_eq!(
            actix_test::call_service(&app, req).await.status(),
            StatusCode::OK
        );
    }
}

#[actix_web::test]
async fn health_is_ok_with_a_database_and_503_without_one() {
    let db = TestDb::new();
    let app = app(&db).await;
    let (s, _, b) = get(&app, "/api/v1/health").await;
    let health: samenstad_types::Health = json(s, &b);
    assert_eq!(
        (health.status.as_str(), health.database.as_str()),
        ("ok", "ok")
    );

    // Nothing listens on port 1: the pool gives up after its timeout and the API says 503.
    let down = actix_test::init_service(build_app(
        state_for("postgres://postgres@127.0.0.1:1/none"),
        settings(),
    ))
    .await;
    let started = Instant::now();
    let (s, h, b) = get(&down, "/api/v1/health").await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "answered within 3 s"
    );
    problem(s, &h, &b, StatusCode::SERVICE_UNAVAILABLE);
    assert!(h.contains_key(header::RETRY_AFTER));
    let (s, h, b) = get(&down, "/api/v1/wijken").await;
    problem(s, &h, &b, StatusCode::SERVICE_UNAVAILABLE);
}

#[actix_web::test]
async fn liveness_is_ok_even_without_a_database_and_never_cached() {
    // Nothing listens on port 1: liveness does not ask the database, so it still answers 200.
    let down = actix_test::init_service(build_app(
        state_for("postgres://postgres@127.0.0.1:1/none"),
        settings(),
    ))
    .await;
    let (s, h, b) = get(&down, "/api/v1/health/live").await;
    let body: serde_json::Value = json(s, &b);
    assert_eq!(body, serde_json::json!({"status": "ok"}));
    assert_eq!(
        h.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let res = call(&down, Method::POST, "/api/v1/health/live", None, None).await;
    assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(header_text(&res.headers, header::ALLOW), "GET");
}

#[actix_web::test]
async fn unknown_api_paths_and_methods_get_problem_json_and_the_web_app_gets_its_page() {
    let db = TestDb::new();
    let app = app(&db).await;
    let (s, h, b) = get(&app, "/api/v1/nothing-here").await;
    problem(s, &h, &b, StatusCode::NOT_FOUND);
    let (s, h, b) = get(&app, "/api/v2/wijken").await;
    problem(s, &h, &b, StatusCode::NOT_FOUND);
    let res = call(&app, Method::DELETE, "/api/v1/wijken/1", None, None).await;
    // The path exists, the method does not: 405 with the methods it has.
    assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(header_text(&res.headers, header::ALLOW), "GET");
    assert_eq!(
        header_text(&res.headers, header::CONTENT_TYPE),
        "application/problem+json"
    );
    let res = call(
        &app,
        Method::PATCH,
        "/api/v1/subsidies/applications/0193c1a0-0000-7000-8000-0000000000e1",
        None,
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(header_text(&res.headers, header::ALLOW), "GET, PUT");

    // A page of the web app, and a path that is none (the web app's page says so, with 404).
    for (path, status) in [
        ("/", StatusCode::OK),
        ("/wijken/binnenstad", StatusCode::OK),
        ("/some/client/route", StatusCode::NOT_FOUND),
    ] {
        let (s, h, b) = get(&app, path).await;
        assert_eq!(s, status, "{path}");
        assert!(
            h.get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .starts_with("text/html")
        );
        assert!(String::from_utf8_lossy(&b).contains("Bron: Stad Gent – data.stad.gent"));
        let csp = h
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'"));
        assert!(
            csp.contains("img-src 'self' data:;"),
            "no tile server: {csp}"
        );
        assert_eq!(
            h.get("x-content-type-options")
                .and_then(|v| v.to_str().ok()),
            Some("nosniff")
        );
    }
    // Without a configured base layer the maps are outlines alone.
    let r = get_as(&app, "/api/v1/map-layer", None).await;
    assert_eq!(r.body, json!({"tiles": null, "attribution": null}));
}

#[actix_web::test]
async fn a_configured_base_layer_reaches_the_maps_and_its_host_alone_joins_the_csp() {
    let db = TestDb::new();
    let mut config = auth_config();
    config.map_tiles = Some("https://tile.openstreetmap.org/{z}/{x}/{y}.png".to_owned());
    config.map_attribution = "© OpenStreetMap-bijdragers".to_owned();
    let app = actix_test::init_service(samenstad_api::app::build_app(
        state_with(db.url(), config.clone()),
        settings(),
    ))
    .await;
    let r = get_as(&app, "/api/v1/map-layer", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.body["tiles"],
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    );
    assert_eq!(r.body["attribution"], "© OpenStreetMap-bijdragers");
    let csp = header_text(
        &r.headers,
        header::HeaderName::from_static("content-security-policy"),
    );
    assert!(
        csp.contains("img-src 'self' data: https://tile.openstreetmap.org;"),
        "{csp}"
    );
    assert!(
        csp.contains("connect-src 'self';"),
        "only images come from there: {csp}"
    );
    // The public URL is http here: no HSTS. Over https it is a year.
    assert!(r.headers.get("strict-transport-security").is_none());
    let mut https = auth_config();
    https.public_url = "https://wijk.gent".to_owned();
    let secure = actix_test::init_service(build_app(state_with(db.url(), https), settings())).await;
    let r = get_as(&secure, "/api/v1/map-layer", None).await;
    assert_eq!(
        header_text(&r.headers, header::STRICT_TRANSPORT_SECURITY),
        "max-age=31536000; includeSubDomains"
    );
    // A template the server cannot use is refused at start, with the reason.
    config.map_tiles = Some("http://tiles.example.org/{z}/{x}/{y}.png".to_owned());
    assert!(config.validate().is_err_and(|e| e.contains("https")));
}

#[actix_web::test]
async fn reference_data_is_sent_precompressed_with_one_etag_for_every_encoding() {
    use std::io::Read as _;
    let db = TestDb::new();
    let app = app(&db).await;
    let fetch = |uri, accept| get_encoded(&app, uri, accept);
    let value = header_text;
    for uri in ["/api/v1/wijken.geojson", "/api/v1/wijken"] {
        let (_, plain_h, plain) = fetch(uri, "identity").await;
        assert_eq!(value(&plain_h, header::CONTENT_ENCODING), "", "{uri}");
        let (_, br_h, br) = fetch(uri, "gzip, deflate, br").await;
        assert_eq!(value(&br_h, header::CONTENT_ENCODING), "br", "{uri}");
        let mut unbr = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut unbr)
            .expect("brotli");
        assert_eq!(unbr, plain, "{uri}: brotli decodes to the same body");
        let (_, gz_h, gz) = fetch(uri, "gzip").await;
        assert_eq!(value(&gz_h, header::CONTENT_ENCODING), "gzip", "{uri}");
        let mut ungz = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut ungz)
            .expect("gzip");
        assert_eq!(ungz, plain, "{uri}: gzip decodes to the same body");
        assert!(
            br.len() * 2 < plain.len(),
            "{uri}: {} of {} bytes",
            br.len(),
            plain.len()
        );
        let etag = value(&plain_h, header::ETAG);
        assert!(!etag.is_empty());
        assert_eq!(value(&br_h, header::ETAG), etag, "{uri}: one ETag");
        assert!(
            value(&br_h, header::VARY).contains("Accept-Encoding"),
            "{uri}"
        );
    }
}

#[actix_web::test]
async fn hashed_assets_are_immutable_and_precompressed_and_index_html_is_revalidated() {
    let db = TestDb::new();
    let dir = std::env::temp_dir().join(format!("samenstad-web-{}", uuid_like()));
    std::fs::create_dir_all(dir.join("assets")).expect("dir");
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).expect("write");
    write("index.html", b"<!doctype html><title>shell</title>");
    for area in [
        "home",
        "wijken",
        "venues",
        "venue",
        "signals",
        "ideas",
        "idea",
        "wijkbudget",
        "projects",
        "subsidies",
        "civic",
    ] {
        write(
            &format!("public-{area}.html"),
            format!("<!doctype html><title>{area}</title>").as_bytes(),
        );
    }
    write("resident.html", b"<!doctype html><title>resident</title>");
    write("assets/app-0123456789abcdef.wasm", b"\0asm raw");
    write("assets/app-0123456789abcdef.wasm.br", b"brotli bytes");
    write("assets/app-0123456789abcdef.wasm.gz", b"gzip bytes");
    write("assets/styles-0123456789abcdef.css", b"body{}");
    let mut settings = settings();
    settings.web_dir = dir.clone();
    let app = actix_test::init_service(build_app(state_for(db.url()), settings)).await;
    let fetch = |uri, accept| get_encoded(&app, uri, accept);
    let text = header_text;
    // The browser that takes brotli gets the .br twin, typed as wasm, cached for a year.
    let wasm = "/assets/app-0123456789abcdef.wasm";
    for (accept, body, encoding) in [
        ("gzip, deflate, br, zstd", &b"brotli bytes"[..], "br"),
        ("gzip", b"gzip bytes", "gzip"),
        ("br;q=0, gzip", b"gzip bytes", "gzip"),
        ("identity", b"\0asm raw", ""),
    ] {
        let (s, h, b) = fetch(wasm, accept).await;
        assert_eq!(s, StatusCode::OK, "{accept}");
        assert_eq!(&b[..], body, "{accept}");
        assert_eq!(text(&h, header::CONTENT_ENCODING), encoding, "{accept}");
        assert_eq!(text(&h, header::CONTENT_TYPE), "application/wasm");
        assert_eq!(
            text(&h, header::CACHE_CONTROL),
            "public, max-age=31536000, immutable"
        );
        assert!(text(&h, header::VARY).contains("Accept-Encoding"));
    }
    let head = actix_test::call_service(
        &app,
        actix_test::TestRequest::default()
            .method(Method::HEAD)
            .uri(wasm)
            .to_request(),
    )
    .await;
    assert_eq!(head.status(), StatusCode::OK, "HEAD of an asset");
    assert_eq!(
        header_text(head.headers(), header::CONTENT_TYPE),
        "application/wasm"
    );
    // Without a twin the file itself, compressed on the fly when that is accepted.
    let (s, h, _) = fetch("/assets/styles-0123456789abcdef.css", "identity").await;
    assert_eq!(s, StatusCode::OK);
    assert!(text(&h, header::CONTENT_TYPE).starts_with("text/css"));
    for missing in [
        "/assets/nothing-0000.js",
        "/assets/..%2Findex.html",
        "/assets/.hidden",
    ] {
        let (s, _, _) = fetch(missing, "br").await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{missing}");
    }
    // Each page gets its build's page (its public area's, a resident's, every page),
    // revalidated on every visit; a path that is no page gets home's build with 404.
    for (path, status, page) in [
        ("/", StatusCode::OK, "home"),
        ("/wijken/rabot-blaisantvest", StatusCode::OK, "wijken"),
        ("/venues", StatusCode::OK, "venues"),
        ("/venues/buurtcentrum-sluizeken", StatusCode::OK, "venue"),
        ("/signals", StatusCode::OK, "signals"),
        ("/projects", StatusCode::OK, "projects"),
        ("/projects/0193", StatusCode::OK, "projects"),
        ("/wijkbudget", StatusCode::OK, "wijkbudget"),
        ("/panels/0193", StatusCode::OK, "wijkbudget"),
        ("/ideas", StatusCode::OK, "ideas"),
        ("/ideas/0193", StatusCode::OK, "idea"),
        ("/grants", StatusCode::OK, "subsidies"),
        ("/councils", StatusCode::OK, "civic"),
        ("/account", StatusCode::OK, "resident"),
        ("/signals/new", StatusCode::OK, "resident"),
        ("/staff/ideas", StatusCode::OK, "shell"),
        (
            "/venues/buurtcentrum-sluizeken/manage",
            StatusCode::OK,
            "shell",
        ),
        ("/nergens/iets", StatusCode::NOT_FOUND, "home"),
    ] {
        let (s, h, b) = fetch(path, "identity").await;
        assert_eq!(s, status, "{path}");
        assert_eq!(
            String::from_utf8_lossy(&b),
            format!("<!doctype html><title>{page}</title>"),
            "{path}"
        );
        assert_eq!(text(&h, header::CACHE_CONTROL), "no-cache", "{path}");
        assert!(
            !text(&h, header::ETAG).is_empty(),
            "{path}: an ETag to revalidate against"
        );
    }
    // A signed-in person (the web app's cookie, no secret) gets the public pages from the
    // build with their forms: the resident build, or for someone with a role every page's;
    // a cache must keep one answer per cookie. A value the server does not know changes nothing.
    for (path, cookie, page) in [
        (
            "/venues/buurtcentrum-sluizeken",
            "samenstad_app=resident",
            "resident",
        ),
        ("/ideas", "samenstad_app=full", "shell"),
        ("/account", "samenstad_app=full", "shell"),
        ("/account", "samenstad_app=resident", "resident"),
        ("/staff/ideas", "samenstad_app=resident", "shell"),
        ("/signals", "samenstad_app=admin", "signals"),
        ("/signals", "other=1; samenstad_app=resident", "resident"),
    ] {
        let res = actix_test::call_service(
            &app,
            actix_test::TestRequest::get()
                .uri(path)
                .insert_header((header::COOKIE, cookie))
                .to_request(),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{path} {cookie}");
        assert!(
            text(res.headers(), header::VARY).contains("Cookie"),
            "{path}: Vary: Cookie"
        );
        assert_eq!(
            String::from_utf8_lossy(&actix_test::read_body(res).await),
            format!("<!doctype html><title>{page}</title>"),
            "{path} {cookie}"
        );
    }
    // Without the builds' pages (an older build), index.html serves every page.
    std::fs::remove_file(dir.join("public-ideas.html")).expect("remove");
    let (s, _, b) = fetch("/ideas", "identity").await;
    assert_eq!(
        (s, &b[..]),
        (StatusCode::OK, &b"<!doctype html><title>shell</title>"[..])
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// GET `uri` with `Accept-Encoding: accept`: status, headers and the body as sent (not decoded).
async fn get_encoded(
    app: &impl TestService,
    uri: &str,
    accept: &str,
) -> (StatusCode, header::HeaderMap, Vec<u8>) {
    let res = actix_test::call_service(
        app,
        actix_test::TestRequest::get()
            .uri(uri)
            .insert_header((header::ACCEPT_ENCODING, accept))
            .to_request(),
    )
    .await;
    let status = res.status();
    let headers = res.headers().clone();
    (status, headers, actix_test::read_body(res).await.to_vec())
}

/// A header's value as text ("" when it is missing).
fn header_text(headers: &header::HeaderMap, name: header::HeaderName) -> String {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

/// A name unique to this test run.
fn uuid_like() -> String {
    format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    )
}

#[actix_web::test]
async fn api_docs_and_the_openapi_document_are_served_by_the_binary() {
    let db = TestDb::new();
    let app = app(&db).await;
    let (s, _, b) = get(&app, "/api/openapi.json").await;
    let served: serde_json::Value = json(s, &b);
    assert_eq!(served["openapi"], "3.1.0");
    assert_eq!(served, serde_json::to_value(openapi()).expect("spec"));
    let (s, h, b) = get(&app, "/api/docs/").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        h.get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .starts_with("text/html")
    );
    assert!(String::from_utf8_lossy(&b).contains("swagger"));
    // Without the slash: redirected to it.
    let (s, h, _) = get(&app, "/api/docs").await;
    assert_eq!(s, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(header_text(&h, header::LOCATION), "/api/docs/");
    // Served over http (the tests): no HSTS; over https it is sent (below).
    assert!(h.get("strict-transport-security").is_none());
    let (s, _, b) = get(&app, "/api/docs/swagger-ui-bundle.js").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        b.len() > 100_000,
        "Swagger UI is bundled, not fetched from a CDN"
    );
}

#[test]
fn openapi_json_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../openapi/openapi.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = samenstad_api::app::openapi_json();
    assert!(
        committed == generated,
        "openapi/openapi.json is stale: regenerate it with `just openapi` and commit the result"
    );
}

#[test]
fn every_operation_is_fully_documented() {
    let spec = serde_json::to_value(openapi()).expect("spec");
    let paths = spec["paths"].as_object().expect("paths");
    assert!(paths.len() >= 5);
    for (path, item) in paths {
        for (method, op) in item.as_object().expect("path item") {
            let at = format!("{method} {path}");
            for field in ["operationId", "summary", "description", "tags", "security"] {
                assert!(!op[field].is_null(), "{at} lacks {field}");
            }
            let responses = op["responses"].as_object().expect("responses");
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{at} documents its success"
            );
            assert!(
                responses.keys().any(|s| s.starts_with('4') || s == "503"),
                "{at} documents errors"
            );
            for (status, response) in responses {
                if path.starts_with("/open311/")
                    && (status.starts_with('4') || status.starts_with('5'))
                {
                    assert!(
                        response["content"]["application/json"]["schema"]["items"]["$ref"]
                            .as_str()
                            .is_some_and(|r| r.ends_with("/Open311Error"))
                            && response["content"]["text/xml"].is_object(),
                        "{at} {status} is Open311's error array, in JSON and XML"
                    );
                } else if status.starts_with('4') || status.starts_with('5') {
                    assert!(
                        response["content"]["application/problem+json"]["schema"]["$ref"]
                            .as_str()
                            .is_some_and(|r| r.ends_with("/Problem")),
                        "{at} {status} is a Problem"
                    );
                }
            }
        }
    }
}

#[actix_web::test]
async fn seeding_again_changes_nothing_and_repairs_edited_rows() {
    use diesel::RunQueryDsl;
    let db = TestDb::new();
    let mut conn = db.conn();
    let again = samenstad_db::seed::seed_gent(&mut conn).expect("seed");
    assert!(!again.changed_anything(), "{again:?}");
    assert_eq!(again.wijken_unchanged, 25);
    diesel::sql_query("UPDATE wijk SET short_name = 'Kapot' WHERE wijknr = 4")
        .execute(&mut conn)
        .expect("edit");
    let repaired = samenstad_db::seed::seed_gent(&mut conn).expect("seed");
    assert_eq!(
        (repaired.wijken_updated, repaired.wijken_unchanged),
        (1, 24)
    );
    assert_eq!(
        samenstad_db::seed_venues::seed_venues(&mut conn).expect("venues"),
        0,
        "venues are not inserted twice"
    );
}

#[actix_web::test]
async fn the_typed_client_works_against_a_real_server_on_a_socket() {
    let db = TestDb::new();
    let (addr, stop) = serve(&db);

    let client = samenstad_client::Client::new(&format!("http://{addr}")).expect("client");
    assert_eq!(client.health().await.expect("health").database, "ok");
    let all = client
        .list_wijken(&ListWijkenQuery::default())
        .await
        .expect("list");
    assert_eq!(all.items.len(), 25);
    let names = client.wijk_names().await.expect("names");
    assert_eq!(
        names
            .iter()
            .map(|n| (n.wijknr, n.slug.as_str(), n.name.as_str()))
            .collect::<Vec<_>>(),
        all.items
            .iter()
            .map(|w| (w.wijknr, w.slug.as_str(), w.name.as_str()))
            .collect::<Vec<_>>(),
        "a choice of wijk reads the same wijken"
    );
    let query = ListWijkenQuery {
        zone: Some(Zone::Gordel20e),
        round: Some(1),
        q: None,
    };
    let outer = client.list_wijken(&query).await.expect("filtered");
    assert_eq!(
        outer.items.iter().map(|w| w.wijknr).collect::<Vec<_>>(),
        vec![11, 14, 16, 19, 25]
    );
    let rabot = client
        .get_wijk("rabot-blaisantvest")
        .await
        .expect("get")
        .expect("exists");
    assert_eq!(rabot.wijk.wijknr, 7);
    assert!(client.get_wijk("26").await.expect("get").is_none());
    let points = |c: &WijkFeatureCollection| -> usize {
        c.features
            .iter()
            .flat_map(|f| f.geometry.polygons())
            .flatten()
            .map(Vec::len)
            .sum()
    };
    let whole = client
        .wijken_geojson(&GeoJsonQuery::default())
        .await
        .expect("geojson");
    let drawn = client
        .wijken_geojson(&GeoJsonQuery { simplify: Some(10) })
        .await
        .expect("simplified");
    assert_eq!((whole.features.len(), drawn.features.len()), (25, 25));
    assert!(
        points(&drawn) * 3 < points(&whole),
        "{} of {}",
        points(&drawn),
        points(&whole)
    );
    let belfort = client
        .lookup_wijk(51.05365, 3.72476)
        .await
        .expect("lookup")
        .expect("in Gent");
    assert_eq!(belfort.slug, "binnenstad");
    assert!(
        client
            .lookup_wijk(50.8467, 4.3525)
            .await
            .expect("lookup")
            .is_none()
    );
    let err = client
        .lookup_wijk(91.0, 3.7)
        .await
        .expect_err("out of range");
    assert_eq!(err.status(), Some(400));
    assert!(matches!(err, samenstad_client::Error::Api(ref p) if p.errors[0].field == "lat"));

    stop.stop(true).await;
}

#[actix_web::test]
async fn the_typed_client_pages_through_a_list_and_retries_when_the_database_is_away() {
    let db = TestDb::new();
    let (addr, stop) = serve(&db);
    let client = samenstad_client::Client::new(&format!("http://{addr}")).expect("client");
    // Gent's 26 venues in pages of 5: six pages, every venue once, in name order.
    let query = samenstad_types::venue::ListVenuesQuery {
        limit: Some(5),
        ..Default::default()
    };
    let mut pages = client.pages(query.clone());
    let mut sizes = Vec::new();
    while let Some(page) = pages.next_page().await.expect("page") {
        sizes.push(page.len());
    }
    assert_eq!(sizes, [5, 5, 5, 5, 5, 1]);
    let all = client.pages(query).collect_all().await.expect("all");
    let mut names: Vec<String> = all.iter().map(|v| v.name.clone()).collect();
    assert_eq!(names.len(), 26);
    names.dedup();
    assert_eq!(names.len(), 26, "no venue twice");
    stop.stop(true).await;

    // A server that is unavailable twice (as the API is while PostgreSQL restarts), then up.
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    let counter = calls.clone();
    let flaky = actix_web::HttpServer::new(move || {
        let counter = counter.clone();
        actix_web::App::new().route(
            "/api/v1/health",
            actix_web::web::get().to(move || {
                let n = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                async move {
                    if n < 2 {
                        actix_web::HttpResponse::ServiceUnavailable()
                            .content_type("application/problem+json")
                            .body(r#"{"type":"/problems/unavailable","title":"Service Unavailable","status":503}"#)
                    } else {
                        actix_web::HttpResponse::Ok().json(serde_json::json!({"status": "ok", "database": "ok", "version": "test"}))
                    }
                }
            }),
        )
    })
    .workers(1)
    .bind(("127.0.0.1", 0))
    .expect("bind");
    let flaky_addr = flaky.addrs()[0];
    let running = flaky.run();
    let handle = running.handle();
    actix_web::rt::spawn(running);
    let client = samenstad_client::Client::new(&format!("http://{flaky_addr}")).expect("client");
    let started = std::time::Instant::now();
    assert_eq!(
        client.health().await.expect("third time lucky").status,
        "ok"
    );
    assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 3);
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(750),
        "250 ms, then 500 ms"
    );
    // Without retries the 503 comes through as a typed problem.
    calls.store(0, std::sync::atomic::Ordering::SeqCst);
    let err = client.with_retries(0).health().await.expect_err("503");
    assert_eq!(err.status(), Some(503));
    handle.stop(true).await;
}

#[actix_web::test]
async fn a_nul_character_in_input_is_a_400_not_a_500() {
    let db = TestDb::new();
    let app = app(&db).await;
    // Found by schemathesis: PostgreSQL text cannot hold U+0000.
    for uri in [
        "/api/v1/projects/projects?wijk=%00",
        "/api/v1/subsidies/awards?scheme=%00",
    ] {
        let (s, h, b) = get(&app, uri).await;
        let p = problem(s, &h, &b, StatusCode::BAD_REQUEST);
        assert!(p.detail.unwrap_or_default().contains("U+0000"), "{uri}");
    }
}

#[actix_web::test]
async fn a_day_at_the_edge_of_the_calendar_is_refused_with_its_field_not_a_crash() {
    let db = TestDb::new();
    let app = app(&db).await;
    // chrono reads `+262143-12-31`; adding a day to it panicked the worker.
    for (uri, field, expected) in [
        (
            "/api/v1/feedback?to=%2B262143-12-31",
            "to",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/feedback?to=-262144-01-01",
            "to",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/projects/ideas?wijk=2&to=%2B262143-12-31",
            "to",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/feedback?to=9999-12-31",
            "to",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/v1/projects/ideas?wijk=2&from=0001-01-01",
            "from",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let r = get_as(&app, uri, None).await;
        assert_eq!(
            (r.status, r.body["errors"][0]["field"].as_str()),
            (expected, Some(field)),
            "{uri}: {}",
            r.body
        );
    }
    let r = get_as(&app, "/api/v1/feedback?to=2200-12-31", None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

/// The log lines the app writes while `f` runs (on this thread: actix tests run on one).
async fn logged_while<F: std::future::Future<Output = ()>>(f: F) -> String {
    #[derive(Clone, Default)]
    struct Lines(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
    impl std::io::Write for Lines {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let lines = Lines::default();
    let writer = lines.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    f.await;
    drop(guard);
    let bytes = lines
        .0
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    String::from_utf8_lossy(&bytes).into_owned()
}

#[actix_web::test]
async fn a_co_signing_link_never_reaches_the_logs() {
    let db = TestDb::new();
    let app = app(&db).await;
    let token = "Qm9vdGhvdXNlLWNvc2lnbi1saW5r";
    let logs = logged_while(async {
        for uri in [
            format!("/api/v1/subsidies/cosignatures/{token}"),
            format!("/subsidies/cosign/{token}"),
            "/api/v1/venues/de-centrale".to_owned(),
        ] {
            get_as(&app, &uri, None).await;
        }
    })
    .await;
    assert!(!logs.contains(token), "{logs}");
    assert!(
        logs.contains("/api/v1/subsidies/cosignatures/{token}")
            && logs.contains("/subsidies/cosign/:token"),
        "logged by their pattern: {logs}"
    );
    assert!(
        logs.contains("/api/v1/venues/de-centrale"),
        "other paths as they are: {logs}"
    );
}
