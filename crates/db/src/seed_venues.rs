//! Venue reference data: the 15 branches of the city library (real addresses and coordinates)
//! and the venues named in the city's policy documents as clearly marked *sample* data, placed
//! at their wijk (no address is invented). Inserts what is missing; never overwrites.

use chrono::Utc;
use diesel::prelude::*;
use samenstad_types::venue::{LocationPrecision, OpeningKind, VenueOperator, VenueType};
use serde::Deserialize;
use uuid::Uuid;

use crate::DbError;
use crate::queries::venues::{RoomRow, VenueRow};
use crate::queries::wijken;
use crate::schema::{room, venue};

/// The library branches (data.stad.gent).
pub const GENT_LIBRARIES: &str = include_str!("../data/gent/locaties-bibliotheken.geojson");

#[derive(Debug, Deserialize)]
struct Libraries {
    features: Vec<Library>,
}

#[derive(Debug, Deserialize)]
struct Library {
    properties: LibraryProps,
}

#[derive(Debug, Deserialize)]
struct LibraryProps {
    locatie: String,
    afdeling: String,
    geo_point_2d: Point,
}

#[derive(Debug, Deserialize)]
struct Point {
    lat: f64,
    lon: f64,
}

/// (name, type, wijknr, operator, operator name, drop in, room use, target groups, facilities, description)
type Sample = (
    &'static str,
    VenueType,
    i16,
    VenueOperator,
    Option<&'static str>,
    bool,
    bool,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
);

const SAMPLES: &[Sample] = &[
    (
        "Buurtcentrum De Vaart",
        VenueType::Buurtcentrum,
        16,
        VenueOperator::GroepGent,
        Some("Dienst Ontmoeten en Verbinden"),
        true,
        true,
        &[],
        &["kitchen"],
        "Met huispartner Kaffie is Kaffie: een boek lezen, een babbel, Nederlands oefenen, een speel- en leeshoek voor kinderen.",
    ),
    (
        "Buurtcentrum Sluizeken",
        VenueType::Buurtcentrum,
        2,
        VenueOperator::GroepGent,
        Some("Dienst Ontmoeten en Verbinden"),
        true,
        true,
        &[],
        &["buurtsecretariaat", "kitchen", "wifi"],
        "Buurtcentrum met buurtsecretariaat: gratis computer, internet, telefoon, printer en kopieerapparaat voor verenigingen en bewonersgroepen.",
    ),
    (
        "Buurtcentrum Rabot (Bazaar Rabot)",
        VenueType::Buurtcentrum,
        7,
        VenueOperator::GroepGent,
        Some("Dienst Ontmoeten en Verbinden"),
        true,
        true,
        &[],
        &["buurtsecretariaat", "kitchen", "wifi"],
        "Buurtcentrum met buurtsecretariaat.",
    ),
    (
        "Buurtcentrum Macharius",
        VenueType::Buurtcentrum,
        3,
        VenueOperator::GroepGent,
        Some("Dienst Ontmoeten en Verbinden"),
        true,
        true,
        &[],
        &["buurtsecretariaat", "kitchen", "wifi"],
        "Buurtcentrum met buurtsecretariaat.",
    ),
    (
        "Open Huis Watersportbaan",
        VenueType::OpenHuis,
        5,
        VenueOperator::GroepGent,
        Some("Vrijwilligers van het Open Huis"),
        true,
        true,
        &["55+"],
        &["kitchen"],
        "Ontmoetingsplek voor 55-plussers, ook open voor buurtactiviteiten.",
    ),
    (
        "De Meubelfabriek (Meibloemsite)",
        VenueType::TijdelijkeInvulling,
        4,
        VenueOperator::Private,
        Some("25 organisaties"),
        true,
        true,
        &[],
        &[],
        "Tijdelijke invulling met een buurtwerker ter plaatse.",
    ),
    (
        "Bij Pino",
        VenueType::PartnerPlace,
        20,
        VenueOperator::Private,
        Some("KAA Gent Foundation, Samenlevingsopbouw Gent, IN-Gent"),
        true,
        false,
        &[],
        &["kitchen"],
        "Ontmoetingsruimte met koffiebar, weggeefwinkel en doe-het-zelfatelier.",
    ),
    (
        "Toreke",
        VenueType::PartnerPlace,
        7,
        VenueOperator::Private,
        Some("Toreke vzw"),
        true,
        true,
        &[],
        &["kitchen"],
        "Sociaal restaurant dat zijn ruimte uitleent, bijvoorbeeld aan het bewonerscafé Barabot.",
    ),
    (
        "Oud Postjen",
        VenueType::PartnerPlace,
        10,
        VenueOperator::Private,
        None,
        true,
        false,
        &[],
        &["kitchen"],
        "Sociaal restaurant.",
    ),
    (
        "De Koer",
        VenueType::PartnerPlace,
        4,
        VenueOperator::Private,
        None,
        true,
        true,
        &[],
        &["kitchen"],
        "Creatie- en ontmoetingsplek met foyer, gemeenschapsoven, keuken en stadstuin.",
    ),
    (
        "Broederij",
        VenueType::PartnerPlace,
        18,
        VenueOperator::Private,
        Some("Samenlevingsopbouw Gent"),
        true,
        false,
        &[],
        &[],
        "STEK: een warme plek voor mensen in een kwetsbare positie.",
    ),
];

/// Inserts the libraries and sample venues that are missing; returns how many were inserted.
pub fn seed_venues(conn: &mut PgConnection) -> Result<usize, DbError> {
    let libraries: Libraries = serde_json::from_str(GENT_LIBRARIES)
        .map_err(|e| DbError::InvalidData(format!("locaties-bibliotheken.geojson: {e}")))?;
    conn.transaction::<_, DbError, _>(|conn| {
        let gent = wijken::municipality_by_slug(conn, crate::seed::GENT_SLUG)?
            .ok_or_else(|| DbError::InvalidData("seed the wijken first".to_owned()))?;
        let rows = wijken::list_for_municipality(conn, gent.id)?;
        let index = wijken::area_index(&rows)?;
        let existing: Vec<String> = venue::table.select(venue::slug).load(conn)?;
        let now = Utc::now();
        let mut inserted = 0;
        let base = |slug: String,
                    name: String,
                    venue_type: VenueType,
                    lat: f64,
                    lon: f64,
                    wijk_id: Option<Uuid>| VenueRow {
            id: Uuid::now_v7(),
            municipality_id: gent.id,
            wijk_id,
            slug,
            name,
            venue_type,
            operator: VenueOperator::GroepGent,
            operator_name: None,
            street_address: None,
            postal_code: None,
            city: None,
            lat,
            lon,
            location_precision: LocationPrecision::Exact,
            drop_in: false,
            room_use: false,
            target_groups: vec![],
            facilities: vec![],
            accessibility: vec![],
            description: String::new(),
            contact_phone: None,
            contact_email: None,
            website: None,
            is_sample: false,
            source: String::new(),
            lead_time_min_days: 28,
            lead_time_max_days: 183,
            created_at: now,
            updated_at: now,
            photo_id: None,
        };
        for lib in libraries.features {
            let p = lib.properties;
            let name = format!("Bibliotheek Gent – {}", p.afdeling);
            let slug = slug::slugify(&name);
            if existing.contains(&slug) {
                continue;
            }
            let mut row = base(
                slug,
                name,
                VenueType::Bibliotheek,
                p.geo_point_2d.lat,
                p.geo_point_2d.lon,
                index.locate(p.geo_point_2d.lon, p.geo_point_2d.lat),
            );
            row.operator_name = Some("Bibliotheek Gent (Stad Gent)".to_owned());
            row.street_address = Some(p.locatie);
            row.city = Some("Gent".to_owned());
            row.drop_in = true;
            row.source = "data.stad.gent: locaties-bibliotheken".to_owned();
            diesel::insert_into(venue::table)
                .values(&row)
                .execute(conn)?;
            inserted += 1;
        }
        for &(
            name,
            venue_type,
            wijknr,
            operator,
            operator_name,
            drop_in,
            room_use,
            targets,
            facilities,
            description,
        ) in SAMPLES
        {
            let slug = slug::slugify(name);
            if existing.contains(&slug) {
                continue;
            }
            let w = rows
                .iter()
                .find(|w| w.wijknr == wijknr)
                .ok_or_else(|| DbError::InvalidData(format!("no wijk {wijknr}")))?;
            let mut row = base(
                slug,
                name.to_owned(),
                venue_type,
                w.centroid_lat,
                w.centroid_lon,
                Some(w.id),
            );
            row.location_precision = LocationPrecision::Wijk;
            row.operator = operator;
            row.operator_name = operator_name.map(str::to_owned);
            row.drop_in = drop_in;
            row.room_use = room_use;
            row.target_groups = targets.iter().map(|s| (*s).to_owned()).collect();
            row.facilities = facilities.iter().map(|s| (*s).to_owned()).collect();
            row.description = description.to_owned();
            row.is_sample = true;
            row.source =
                "Beleidsnota wijkwerking Stad Gent (voorbeeld, geen geverifieerde vermelding)"
                    .to_owned();
            diesel::insert_into(venue::table)
                .values(&row)
                .execute(conn)?;
            if room_use {
                let room_row = RoomRow {
                    id: Uuid::now_v7(),
                    venue_id: row.id,
                    name: "Polyvalente zaal".to_owned(),
                    capacity: 40,
                    uses: ["meeting", "training", "exhibition", "party", "performance"]
                        .iter()
                        .map(|s| (*s).to_owned())
                        .collect(),
                    facilities: facilities
                        .iter()
                        .filter(|f| **f == "kitchen")
                        .map(|s| (*s).to_owned())
                        .collect(),
                    step_free: false,
                    tariff_recognised_cents: 500,
                    tariff_resident_cents: 1000,
                    tariff_private_cents: 2500,
                    free_for_neighbourhood: venue_type == VenueType::Buurtcentrum,
                    is_sample: true,
                    created_at: now,
                    updated_at: now,
                };
                diesel::insert_into(room::table)
                    .values(&room_row)
                    .execute(conn)?;
            }
            inserted += 1;
        }
        inserted += seed_dendermonde(conn, &existing)?;
        Ok(inserted)
    })
}

/// Dendermonde's Sociaal Huis, a buurtpunt, with its real opening hours (seed 003). Only the
/// town is known as a location: the point is the centre of Dendermonde, no street is stored.
fn seed_dendermonde(conn: &mut PgConnection, existing: &[String]) -> Result<usize, DbError> {
    use crate::queries::venues::OpeningHoursRow;
    use crate::schema::{municipality, opening_hours};
    use chrono::NaiveTime;
    let slug = "sociaal-huis-dendermonde";
    let now = Utc::now();
    let town = match crate::queries::wijken::municipality_by_slug(conn, "dendermonde")? {
        Some(m) => m.id,
        None => {
            let id = Uuid::now_v7();
            diesel::insert_into(municipality::table)
                .values((
                    municipality::id.eq(id),
                    municipality::slug.eq("dendermonde"),
                    municipality::name.eq("Dendermonde"),
                    municipality::nis_code.eq("42006"),
                    municipality::data_attribution.eq("Bron: Stad Dendermonde"),
                ))
                .execute(conn)?;
            id
        }
    };
    // Served locally at http://dendermonde.localhost:8080 (browsers send *.localhost to this
    // machine); its rooms and hours are Dendermonde's.
    diesel::insert_into(crate::schema::municipality_host::table)
        .values((
            crate::schema::municipality_host::host.eq("dendermonde.localhost"),
            crate::schema::municipality_host::municipality_id.eq(town),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    if existing.iter().any(|s| s == slug) {
        return Ok(0);
    }
    crate::set_municipality(conn, town)?;
    let row = VenueRow {
        id: Uuid::now_v7(),
        municipality_id: town,
        wijk_id: None,
        slug: slug.to_owned(),
        name: "Sociaal Huis Dendermonde (buurtpunt)".to_owned(),
        venue_type: VenueType::Buurtpunt,
        operator: VenueOperator::Public,
        operator_name: Some("Buurtopbouwwerk Dendermonde met Groep INTRO vzw".to_owned()),
        street_address: None,
        postal_code: None,
        city: Some("Dendermonde".to_owned()),
        lat: 51.0287,
        lon: 4.1009,
        location_precision: LocationPrecision::Municipality,
        drop_in: true,
        room_use: false,
        target_groups: vec![],
        facilities: vec!["digitale_hulp".to_owned()],
        accessibility: vec![],
        description: "Een warme plek in de buurt: een babbel bij koffie of thee, kleine digitale en administratieve vragen, \
je rechten verkennen, buren leren kennen, een idee of melding over de buurt, huisvuilzakken per stuk. \
Sociaal Huis, Gentsesteenweg, Dendermonde. Buurtzorgwerking 052 37 85 46, buurtopbouwwerk 052 37 85 42."
            .to_owned(),
        contact_phone: Some("052 37 85 42".to_owned()),
        contact_email: None,
        website: None,
        is_sample: false,
        source: "Stad Dendermonde, buurtpunten (seed 003)".to_owned(),
        lead_time_min_days: 28,
        lead_time_max_days: 183,
        created_at: now,
        updated_at: now,
        photo_id: None,
    };
    diesel::insert_into(venue::table)
        .values(&row)
        .execute(conn)?;
    let time = |h: u32, m: u32| NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default();
    let mut hours = Vec::new();
    for day in [1, 3, 5] {
        hours.push((day, time(9, 0), time(12, 0), OpeningKind::WalkIn, None));
    }
    for day in 1..=5 {
        hours.push((
            day,
            time(9, 0),
            time(12, 0),
            OpeningKind::ByAppointment,
            None,
        ));
        hours.push((
            day,
            time(13, 30),
            time(16, 0),
            OpeningKind::ByAppointment,
            None,
        ));
    }
    hours.push((
        2,
        time(16, 0),
        time(19, 0),
        OpeningKind::Conditional,
        Some("Alleen als je je niet kunt vrijmaken tijdens de kantooruren."),
    ));
    for (weekday, opens, closes, kind, condition) in hours {
        let h = OpeningHoursRow {
            id: Uuid::now_v7(),
            venue_id: row.id,
            weekday,
            opens,
            closes,
            kind,
            condition: condition.map(str::to_owned),
        };
        diesel::insert_into(opening_hours::table)
            .values(&h)
            .execute(conn)?;
    }
    Ok(1)
}
