//! Open data: a DCAT-AP catalogue (JSON-LD) a portal can harvest, and CSV (plus GeoJSON and
//! iCal where they fit) for every public list.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use chrono::{Datelike, NaiveDate, Utc};
use samenstad_db::queries::open_data as q;
use samenstad_types::GENT_ATTRIBUTION;
use serde_json::{Value, json};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::cache;
use crate::csv_export::{self, euro};
use crate::error::AppError;
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(catalogue)
        .service(wijken_csv)
        .service(venues_csv)
        .service(rooms_csv)
        .service(projects_csv)
        .service(projects_geojson)
        .service(ideas_csv)
        .service(proposals_csv)
        .service(deadlines_ics)
        .service(signals_csv)
        .service(signals_geojson);
}

/// The licence of the published data: Stad Gent's open-data licence (attribution only).
pub const LICENCE_NAME: &str = "Modellicentie Gratis Hergebruik v1.0";
/// The licence's persistent URI (Digitaal Vlaanderen's licence register, as DCAT-AP-VL uses it).
pub const LICENCE_URL: &str =
    "https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0";
/// Where the licence's text is published for people.
pub const LICENCE_PAGE: &str = "https://www.vlaanderen.be/digitaal-vlaanderen/onze-oplossingen/open-data/voorwaarden-voor-het-hergebruik-van-overheidsinformatie/modellicentie-gratis-hergebruik";
/// Gent in GeoNames, the spatial coverage of every dataset.
const GENT_GEONAMES: &str = "http://sws.geonames.org/2797656/";

/// A distribution's media type as the IANA register's IRI and its format as the EU file-type
/// vocabulary's, as DCAT-AP 3 wants them. JSON Feed has no registered media type of its own:
/// it is JSON that conforms to the JSON Feed specification.
fn media_and_format(media: &str) -> (String, &'static str, Option<&'static str>) {
    let (registered, file_type, conforms_to) = match media {
        "text/csv" => ("text/csv", "CSV", None),
        "application/geo+json" => ("application/geo+json", "GEOJSON", None),
        "text/calendar" => ("text/calendar", "ICS", None),
        "application/atom+xml" => ("application/atom+xml", "ATOM", None),
        "application/feed+json" => (
            "application/json",
            "JSON",
            Some("https://www.jsonfeed.org/version/1.1/"),
        ),
        _ => ("application/json", "JSON", None),
    };
    (
        format!("http://www.iana.org/assignments/media-types/{registered}"),
        file_type,
        conforms_to,
    )
}

/// One dataset of the catalogue: identifier, Dutch and English titles, description, keywords,
/// and its distributions as (path, media type, format).
struct Dataset {
    id: &'static str,
    title_nl: &'static str,
    title_en: &'static str,
    description: &'static str,
    keywords: &'static [&'static str],
    distributions: &'static [(&'static str, &'static str, &'static str)],
}

const DATASETS: [Dataset; 10] = [
    Dataset {
        id: "wijken",
        title_nl: "Stadswijken van Gent",
        title_en: "The wijken (neighbourhoods) of Gent",
        description: "The 25 official wijken with number, name, zone, area, population density and boundary.",
        keywords: &["wijk", "grenzen", "Gent"],
        distributions: &[
            ("/api/v1/wijken", "application/json", "JSON"),
            ("/api/v1/wijken.csv", "text/csv", "CSV"),
            ("/api/v1/wijken.geojson", "application/geo+json", "GeoJSON"),
        ],
    },
    Dataset {
        id: "venues",
        title_nl: "Ontmoetingsplekken en buurtcentra",
        title_en: "Meeting places and community centres",
        description: "Buurtcentra, Open Huizen and other places to meet or to book a room, with address, wijk, target groups and accessibility (the seeded list is sample data).",
        keywords: &["buurtcentrum", "Open Huis", "zaal"],
        distributions: &[
            ("/api/v1/venues", "application/json", "JSON"),
            ("/api/v1/venues.csv", "text/csv", "CSV"),
            ("/api/v1/venues.geojson", "application/geo+json", "GeoJSON"),
        ],
    },
    Dataset {
        id: "rooms",
        title_nl: "Zalen te huur",
        title_en: "Rooms for hire",
        description: "Rooms of the venues: capacity, uses, facilities, step-free access and tariffs; each room's bookings as an iCal feed at /api/v1/rooms/{id}/calendar.ics.",
        keywords: &["zaal", "reservatie", "tarief"],
        distributions: &[("/api/v1/rooms.csv", "text/csv", "CSV")],
    },
    Dataset {
        id: "awards",
        title_nl: "Toegekende subsidies",
        title_en: "Awarded grants",
        description: "Grants of Samen aan Zet and the other schemes: scheme, organisation, title, wijken, amount and year. People who applied alone are not named.",
        keywords: &["subsidie", "Samen aan Zet", "buurtinitiatief"],
        distributions: &[
            ("/api/v1/subsidies/awards", "application/json", "JSON"),
            ("/api/v1/subsidies/awards.csv", "text/csv", "CSV"),
        ],
    },
    Dataset {
        id: "subsidy-deadlines",
        title_nl: "Deadlines voor subsidies",
        title_en: "Grant deadlines",
        description: "The jury deadlines of every subsidy scheme.",
        keywords: &["subsidie", "deadline"],
        distributions: &[
            ("/api/v1/subsidies/schemes", "application/json", "JSON"),
            ("/api/v1/subsidies/deadlines.ics", "text/calendar", "iCal"),
        ],
    },
    Dataset {
        id: "projects",
        title_nl: "Wijkbudgetprojecten",
        title_en: "Wijkbudget projects",
        description: "Projects selected in the wijkbudget: wijk, status, budget, amount spent, deadline and place.",
        keywords: &["wijkbudget", "burgerbudget", "project"],
        distributions: &[
            ("/api/v1/projects/projects", "application/json", "JSON"),
            ("/api/v1/projects/projects.csv", "text/csv", "CSV"),
            (
                "/api/v1/projects/projects.geojson",
                "application/geo+json",
                "GeoJSON",
            ),
        ],
    },
    Dataset {
        id: "ideas",
        title_nl: "Ideeën voor de wijk",
        title_en: "Ideas for the wijk",
        description: "Ideas residents submitted to the wijkbudget with their public status (hidden ideas are left out).",
        keywords: &["wijkbudget", "idee", "participatie"],
        distributions: &[
            ("/api/v1/projects/ideas", "application/json", "JSON"),
            ("/api/v1/projects/ideas.csv", "text/csv", "CSV"),
        ],
    },
    Dataset {
        id: "proposals",
        title_nl: "Voorstellen voor het wijkbudget",
        title_en: "Wijkbudget proposals",
        description: "Proposals worked out from the ideas, with their cost, status and the reason of the decision (per wijk as JSON at /api/v1/projects/proposals?wijk=N).",
        keywords: &["wijkbudget", "voorstel", "beslissing"],
        distributions: &[("/api/v1/projects/proposals.csv", "text/csv", "CSV")],
    },
    Dataset {
        id: "decisions",
        title_nl: "Beslissingen in de wijken",
        title_en: "Decisions in the neighbourhoods",
        description: "Idea statuses, decisions on proposals, closed votes (per wijk at /api/v1/projects/votes?wijk=N, each closed vote with its anonymous ballots as a Pabulib .pb file at /api/v1/projects/votes/{id}/election.pb), project progress, grants and venue changes, newest first.",
        keywords: &["beslissing", "stemming", "feed"],
        distributions: &[
            (
                "/api/v1/projects/decisions.atom",
                "application/atom+xml",
                "Atom",
            ),
            (
                "/api/v1/projects/decisions.json",
                "application/feed+json",
                "JSON Feed",
            ),
        ],
    },
    Dataset {
        id: "signals",
        title_nl: "Meldingen in de openbare ruimte",
        title_en: "Signals in the public space",
        description: "Every signal (melding): category, wijk, responsible service, place, channel, status, resolution and dates. Without the description or the reporter.",
        keywords: &["melding", "openbare ruimte", "Open311"],
        distributions: &[
            ("/api/v1/signals.csv", "text/csv", "CSV"),
            ("/api/v1/signals.geojson", "application/geo+json", "GeoJSON"),
        ],
    },
];

/// When each dataset last changed, by identifier (RFC 3339), from one query.
fn modified(
    conn: &mut samenstad_db::PgConnection,
) -> Result<Vec<(String, Option<String>)>, AppError> {
    Ok(q::datasets_modified(conn)?
        .into_iter()
        .map(|r| (r.id, r.at.map(|t| t.to_rfc3339())))
        .collect())
}

/// The catalogue as DCAT-AP JSON-LD; `modified` gives `dct:modified` per dataset identifier.
pub fn catalogue_json(base: &str, modified: &[(String, Option<String>)]) -> Value {
    let licence = json!({
        "@id": LICENCE_URL,
        "@type": "dct:LicenseDocument",
        "dct:title": LICENCE_NAME,
        "foaf:page": {"@id": LICENCE_PAGE, "@type": "foaf:Document"},
    });
    let publisher = json!({"@id": format!("{base}/#publisher"), "@type": "foaf:Agent", "foaf:name": "Stad Gent"});
    let datasets: Vec<Value> = DATASETS
        .iter()
        .map(|d| {
            let distributions: Vec<Value> = d.distributions.iter().map(|(path, media, format)| {
                let (media_iri, file_type, conforms_to) = media_and_format(media);
                let mut dist = json!({
                    "@id": format!("{base}{path}#distribution"),
                    "@type": "dcat:Distribution",
                    "dct:title": format!("{} ({format})", d.title_en),
                    "dcat:accessURL": {"@id": format!("{base}{path}")},
                    "dcat:downloadURL": {"@id": format!("{base}{path}")},
                    "dcat:mediaType": {"@id": media_iri, "@type": "dct:MediaType"},
                    "dct:format": {
                        "@id": format!("http://publications.europa.eu/resource/authority/file-type/{file_type}"),
                        "@type": "dct:MediaTypeOrExtent",
                    },
                    "dct:license": licence,
                });
                if let Some(spec) = conforms_to {
                    dist["dct:conformsTo"] = json!({"@id": spec, "@type": "dct:Standard"});
                }
                dist
            }).collect();
            let mut dataset = json!({
                "@id": format!("{base}/api/v1/open-data#{}", d.id),
                "@type": "dcat:Dataset",
                "dct:identifier": d.id,
                "dct:title": [
                    {"@language": "nl", "@value": d.title_nl},
                    {"@language": "en", "@value": d.title_en},
                ],
                "dct:description": {"@language": "en", "@value": d.description},
                "dcat:keyword": d.keywords,
                "dct:spatial": {"@id": GENT_GEONAMES, "@type": "dct:Location", "skos:prefLabel": "Gent"},
                "dct:publisher": publisher,
                "dcat:contactPoint": {
                    "@id": format!("{base}/#contact"),
                    "@type": ["vcard:Kind", "vcard:Organization"],
                    "vcard:fn": "Samenstad",
                    "vcard:hasURL": {"@id": base},
                },
                "dcat:landingPage": {"@id": format!("{base}/open-data"), "@type": "foaf:Document"},
                "dcat:distribution": distributions,
            });
            if let Some(at) = modified.iter().find(|m| m.0 == d.id).and_then(|m| m.1.clone()) {
                dataset["dct:modified"] = json!({"@value": at, "@type": "xsd:dateTime"});
            }
            dataset
        })
        .collect();
    json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": format!("{base}/api/v1/open-data"),
        "@type": "dcat:Catalog",
        "dct:title": [
            {"@language": "nl", "@value": "Samenstad – open data over de wijken van Gent"},
            {"@language": "en", "@value": "Samenstad – open data on the wijken of Gent"},
        ],
        "dct:description": {"@language": "en", "@value": format!("Datasets of the neighbourhood platform, harvestable by a DCAT-AP portal. {GENT_ATTRIBUTION}.")},
        "dct:publisher": publisher,
        "dct:license": licence,
        "dct:spatial": {"@id": GENT_GEONAMES, "@type": "dct:Location", "skos:prefLabel": "Gent"},
        "foaf:homepage": {"@id": base, "@type": "foaf:Document"},
        "dcat:dataset": datasets,
    })
}

fn internal(e: impl std::fmt::Display) -> AppError {
    AppError::Internal(e.to_string())
}

/// The catalogue as Turtle: the JSON-LD read into triples by a JSON-LD processor and written
/// with the same prefixes.
pub fn catalogue_turtle(catalogue_ld: &Value) -> Result<Vec<u8>, AppError> {
    use oxjsonld::JsonLdParser;
    use oxttl::TurtleSerializer;
    let bytes = serde_json::to_vec(catalogue_ld).map_err(internal)?;
    let mut serializer = TurtleSerializer::new();
    if let Some(context) = catalogue_ld["@context"].as_object() {
        for (prefix, iri) in context {
            if let Some(iri) = iri.as_str() {
                serializer = serializer
                    .with_prefix(prefix.as_str(), iri)
                    .map_err(internal)?;
            }
        }
    }
    // Grouped by subject (Turtle then writes each subject once, with `;` between its predicates).
    let mut triples = JsonLdParser::new()
        .for_slice(&bytes)
        .map(|quad| quad.map(oxrdf::Triple::from))
        .collect::<Result<Vec<_>, _>>()
        .map_err(internal)?;
    triples.sort_by_cached_key(|t| t.subject.to_string());
    let mut writer = serializer.for_writer(Vec::new());
    for triple in &triples {
        writer.serialize_triple(triple).map_err(internal)?;
    }
    writer.finish().map_err(internal)
}

/// Open-data catalogue
///
/// Every public dataset with its formats (JSON, CSV, GeoJSON, iCal, Atom, JSON Feed, Pabulib
/// `.pb`), licence and when it last changed, as DCAT-AP 3.0 (it validates against the official
/// SHACL shapes), so an open-data portal can harvest it: JSON-LD, or Turtle when the request
/// asks for `text/turtle`.
#[utoipa::path(
    tag = "open-data",
    security(()),
    params(("Accept" = Option<String>, Header, description = "`text/turtle` for Turtle; JSON-LD otherwise", example = "text/turtle")),
    responses(
        (status = 200, description = "The catalogue (DCAT-AP 3.0)", content(
            (Object = "application/ld+json",
             example = json!({"@type": "dcat:Catalog", "dcat:dataset": [{"@type": "dcat:Dataset", "dct:identifier": "wijken"}]})),
            (String = "text/turtle",
             example = json!("@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<https://samenstad.example/api/v1/open-data> a dcat:Catalog .\n")),
        )),
    )
)]
#[get("/open-data")]
pub async fn catalogue(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let modified = state.with_replica_conn(|conn| modified(conn)).await?;
    let catalogue = catalogue_json(&state.public_url(), &modified);
    let turtle = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/turtle"));
    let mut response = HttpResponse::Ok();
    response
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .insert_header((header::VARY, "Accept"));
    if turtle {
        Ok(response
            .content_type("text/turtle; charset=utf-8")
            .body(catalogue_turtle(&catalogue)?))
    } else {
        Ok(response.content_type("application/ld+json").json(catalogue))
    }
}

/// Wijken as CSV
///
/// The 25 wijken: number, slug, name, zone, stadsdeel, area, density, estimated population,
/// wijkbudget round and centroid. Bron: Stad Gent – data.stad.gent.
#[utoipa::path(
    tag = "open-data",
    security(()),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv", body = String,
         example = json!("wijknr,slug,name,zone,stadsdeel,area_m2,population_density_2024,population_estimate,wijkbudget_round,lat,lon\n1,binnenstad,Binnenstad,…\n")),
    )
)]
#[get("/wijken.csv")]
pub async fn wijken_csv(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let snapshot = cache::wijken(&state).await?;
    csv_export::download(
        "wijken.csv",
        &[
            "wijknr",
            "slug",
            "name",
            "zone",
            "stadsdeel",
            "area_m2",
            "population_density_2024",
            "population_estimate",
            "wijkbudget_round",
            "lat",
            "lon",
        ],
        snapshot.wijken.iter().map(|d| {
            let w = &d.wijk;
            vec![
                w.wijknr.to_string(),
                w.slug.clone(),
                w.name.clone(),
                serde_json::to_value(w.zone)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                w.stadsdeel.clone(),
                w.area_m2.to_string(),
                w.population_density_2024.to_string(),
                w.population_estimate.to_string(),
                w.wijkbudget_round
                    .map(|r| r.to_string())
                    .unwrap_or_default(),
                w.centroid.lat.to_string(),
                w.centroid.lon.to_string(),
            ]
        }),
    )
}

/// Venues as CSV
///
/// Every venue: slug, name, type, operator, wijk, address, coordinates, drop-in and room use,
/// target groups, accessibility, largest room, and whether it is sample data.
#[utoipa::path(
    tag = "open-data",
    security(()),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv", body = String,
         example = json!("slug,name,venue_type,operator,wijknr,street_address,postal_code,lat,lon,drop_in,room_use,target_groups,accessibility,max_capacity,is_sample\n")),
    )
)]
#[get("/venues.csv")]
pub async fn venues_csv(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let rows = state
        .with_replica_conn(|conn| Ok(q::venue_lines(conn)?))
        .await?;
    csv_export::download(
        "venues.csv",
        &[
            "slug",
            "name",
            "venue_type",
            "operator",
            "wijknr",
            "street_address",
            "postal_code",
            "lat",
            "lon",
            "drop_in",
            "room_use",
            "target_groups",
            "accessibility",
            "max_capacity",
            "is_sample",
        ],
        rows.into_iter().map(|r| {
            vec![
                r.slug,
                r.name,
                r.venue_type,
                r.operator,
                r.wijknr.map(|n| n.to_string()).unwrap_or_default(),
                r.street_address.unwrap_or_default(),
                r.postal_code.unwrap_or_default(),
                r.lat.to_string(),
                r.lon.to_string(),
                r.drop_in.to_string(),
                r.room_use.to_string(),
                r.target_groups.join(" "),
                r.accessibility.join(" "),
                r.max_capacity.to_string(),
                r.is_sample.to_string(),
            ]
        }),
    )
}

/// Rooms as CSV
///
/// Every room: id (for its iCal feed), venue, name, capacity, uses, facilities, step-free
/// access, tariffs per hour (recognised association, resident, private person, in euro) and
/// whether neighbourhood activities use it for free.
#[utoipa::path(
    tag = "open-data",
    security(()),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv", body = String,
         example = json!("id,venue,name,capacity,uses,facilities,step_free,tariff_recognised_eur,tariff_resident_eur,tariff_private_eur,free_for_neighbourhood,calendar\n")),
    )
)]
#[get("/rooms.csv")]
pub async fn rooms_csv(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let base = state.public_url().to_owned();
    let rows = state
        .with_replica_conn(|conn| Ok(q::room_lines(conn)?))
        .await?;
    csv_export::download(
        "rooms.csv",
        &[
            "id",
            "venue",
            "name",
            "capacity",
            "uses",
            "facilities",
            "step_free",
            "tariff_recognised_eur",
            "tariff_resident_eur",
            "tariff_private_eur",
            "free_for_neighbourhood",
            "calendar",
        ],
        rows.into_iter().map(|r| {
            vec![
                r.id.to_string(),
                r.venue_slug,
                r.name,
                r.capacity.to_string(),
                r.uses.join(" "),
                r.facilities.join(" "),
                r.step_free.to_string(),
                euro(i64::from(r.tariff_recognised_cents)),
                euro(i64::from(r.tariff_resident_cents)),
                euro(i64::from(r.tariff_private_cents)),
                r.free_for_neighbourhood.to_string(),
                format!("{base}/api/v1/rooms/{}/calendar.ics", r.id),
            ]
        }),
    )
}

/// Projects as CSV
///
/// Every wijkbudget project: wijk, title, status, budget, spent, deadline, partners, place.
#[utoipa::path(
    tag = "open-data",
    security(()),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv", body = String,
         example = json!("id,wijknr,title,status,budget_eur,spent_eur,deadline,partners,lat,lon\n")),
    )
)]
#[get("/projects/projects.csv")]
pub async fn projects_csv(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let rows = state
        .with_replica_conn(|conn| {
            Ok(samenstad_db::queries::realisation::projects(
                conn,
                &samenstad_db::queries::realisation::ProjectFilter::default(),
            )?)
        })
        .await?;
    csv_export::download(
        "projects.csv",
        &[
            "id",
            "wijknr",
            "title",
            "status",
            "budget_eur",
            "spent_eur",
            "deadline",
            "partners",
            "lat",
            "lon",
        ],
        rows.into_iter().map(|r| {
            vec![
                r.id.to_string(),
                r.wijknr.to_string(),
                r.title,
                r.status.to_string(),
                euro(r.budget_cents),
                euro(r.spent_cents),
                r.deadline.to_string(),
                r.partners.join("; "),
                r.lat.map(|v| v.to_string()).unwrap_or_default(),
                r.lon.map(|v| v.to_string()).unwrap_or_default(),
            ]
        }),
    )
}

/// Projects as GeoJSON
///
/// The projects that have a place, as points with their wijk, title, status, budget and
/// deadline.
#[utoipa::path(
    tag = "open-data",
    security(()),
    responses(
        (status = 200, description = "A GeoJSON FeatureCollection of points", body = Object, content_type = "application/geo+json",
         example = json!({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [3.7351, 51.0731]}, "properties": {"wijknr": 10, "title": "Moestuin", "status": "planned"}}]})),
    )
)]
#[get("/projects/projects.geojson")]
pub async fn projects_geojson(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let rows = state
        .with_replica_conn(|conn| {
            Ok(samenstad_db::queries::realisation::projects(
                conn,
                &samenstad_db::queries::realisation::ProjectFilter::default(),
            )?)
        })
        .await?;
    let features: Vec<Value> = rows
        .into_iter()
        .filter_map(|r| {
            let (lat, lon) = (r.lat?, r.lon?);
            Some(json!({
                "type": "Feature",
                "id": r.id.to_string(),
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "wijknr": r.wijknr, "title": r.title, "status": r.status,
                    "budget_cents": r.budget_cents, "spent_cents": r.spent_cents,
                    "deadline": r.deadline.to_string(),
                },
            }))
        })
        .collect();
    Ok(HttpResponse::Ok()
        .content_type("application/geo+json")
        .json(json!({"type": "FeatureCollection", "features": features})))
}

/// Ideas as CSV
///
/// Every idea that is not hidden: wijk, title, channel, status, estimated cost, place and date.
/// Who submitted it is not published.
#[utoipa::path(
    tag = "open-data",
    security(()),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv", body = String,
         example = json!("id,wijknr,title,channel,status,estimated_cost_eur,lat,lon,created_at\n")),
    )
)]
#[get("/projects/ideas.csv")]
pub async fn ideas_csv(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let rows = state
        .with_replica_conn(|conn| Ok(q::idea_lines(conn)?))
        .await?;
    csv_export::download(
        "ideas.csv",
        &[
            "id",
            "wijknr",
            "title",
            "channel",
            "status",
            "estimated_cost_eur",
            "lat",
            "lon",
            "created_at",
        ],
        rows.into_iter().map(|r| {
            vec![
                r.id.to_string(),
                r.wijknr.to_string(),
                r.title,
                r.channel,
                r.status,
                r.estimated_cost_cents.map(euro).unwrap_or_default(),
                r.lat.map(|v| v.to_string()).unwrap_or_default(),
                r.lon.map(|v| v.to_string()).unwrap_or_default(),
                r.created_at.to_rfc3339(),
            ]
        }),
    )
}

/// Proposals as CSV
///
/// Every wijkbudget proposal: wijk, title, cost, status, the decision's reason and date.
#[utoipa::path(
    tag = "open-data",
    security(()),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv", body = String,
         example = json!("id,wijknr,title,cost_eur,status,decision_reason,decided_at\n")),
    )
)]
#[get("/projects/proposals.csv")]
pub async fn proposals_csv(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let rows = state
        .with_replica_conn(|conn| Ok(q::proposal_lines(conn)?))
        .await?;
    csv_export::download(
        "proposals.csv",
        &[
            "id",
            "wijknr",
            "title",
            "cost_eur",
            "status",
            "decision_reason",
            "decided_at",
        ],
        rows.into_iter().map(|r| {
            vec![
                r.id.to_string(),
                r.wijknr.to_string(),
                r.title,
                euro(r.cost_cents),
                r.status,
                r.decision_reason.unwrap_or_default(),
                r.decided_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            ]
        }),
    )
}

/// Grant deadlines as iCal
///
/// The jury deadlines of every scheme that takes applications, from this year on, as all-day
/// events, to subscribe to in a calendar.
#[utoipa::path(
    tag = "open-data",
    security(()),
    responses(
        (status = 200, description = "iCalendar", content_type = "text/calendar", body = String,
         example = json!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…\r\nEND:VCALENDAR\r\n")),
    )
)]
#[get("/subsidies/deadlines.ics")]
pub async fn deadlines_ics(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    use icalendar::{Calendar, Component, Event, EventLike};
    let from = NaiveDate::from_ymd_opt(Utc::now().year(), 1, 1).unwrap_or_default();
    let rows = state
        .with_replica_conn(move |conn| Ok(q::deadlines_from(conn, from)?))
        .await?;
    let mut calendar = Calendar::new();
    calendar.name("Samenstad – subsidiedeadlines");
    for d in rows {
        calendar.push(
            Event::new()
                .uid(&format!("{}@samenstad", d.id))
                .summary(&format!("Deadline {}", d.scheme))
                .all_day(d.closes_on)
                .done(),
        );
    }
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .body(calendar.done().to_string()))
}

/// Signals as CSV
///
/// Every signal: category, wijk, service, place, channel, status, resolution and dates. The
/// description and the reporter are not published.
#[utoipa::path(
    tag = "open-data",
    security(()),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv", body = String,
         example = json!("id,category,wijknr,service,lat,lon,channel,status,resolution,planned_for,created_at,closed_at\n")),
    )
)]
#[get("/signals.csv")]
pub async fn signals_csv(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let rows = state
        .with_replica_conn(|conn| Ok(samenstad_db::queries::signals::open_data(conn)?))
        .await?;
    csv_export::download(
        "signals.csv",
        &[
            "id",
            "category",
            "wijknr",
            "service",
            "lat",
            "lon",
            "channel",
            "status",
            "resolution",
            "planned_for",
            "created_at",
            "closed_at",
        ],
        rows.into_iter().map(|r| {
            vec![
                r.id.to_string(),
                r.category,
                r.wijknr.map(|n| n.to_string()).unwrap_or_default(),
                r.service,
                r.lat.to_string(),
                r.lon.to_string(),
                r.channel.to_string(),
                r.status.to_string(),
                r.resolution.map(|v| v.to_string()).unwrap_or_default(),
                r.planned_for.map(|d| d.to_string()).unwrap_or_default(),
                r.created_at.to_rfc3339(),
                r.closed_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            ]
        }),
    )
}

/// Signals as GeoJSON
///
/// Every signal as a point with its category, wijk, service, status and dates (no description,
/// no reporter).
#[utoipa::path(
    tag = "open-data",
    security(()),
    responses(
        (status = 200, description = "A GeoJSON FeatureCollection of points", body = Object, content_type = "application/geo+json",
         example = json!({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [3.7125, 51.0625]}, "properties": {"category": "litter", "wijknr": 7, "status": "planned"}}]})),
    )
)]
#[get("/signals.geojson")]
pub async fn signals_geojson(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let rows = state
        .with_replica_conn(|conn| Ok(samenstad_db::queries::signals::open_data(conn)?))
        .await?;
    let features: Vec<Value> = rows
        .into_iter()
        .map(|r| {
            json!({
                "type": "Feature",
                "id": r.id.to_string(),
                "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
                "properties": {
                    "category": r.category, "wijknr": r.wijknr, "service": r.service,
                    "channel": r.channel, "status": r.status, "resolution": r.resolution,
                    "planned_for": r.planned_for.map(|d| d.to_string()),
                    "created_at": r.created_at.to_rfc3339(),
                    "closed_at": r.closed_at.map(|t| t.to_rfc3339()),
                },
            })
        })
        .collect();
    Ok(HttpResponse::Ok()
        .content_type("application/geo+json")
        .json(json!({"type": "FeatureCollection", "features": features})))
}
