//! `samenstad import venues FILE`: the real venue list from CSV or GeoJSON. Every line is
//! checked first; if any line is wrong nothing is imported and every wrong line is reported
//! with its reason. Otherwise all venues are inserted in one transaction with an audit row.

use std::collections::HashSet;

use chrono::Utc;
use diesel::Connection;
use diesel::prelude::*;
use samenstad_db::DbError;
use samenstad_db::PgConnection;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::venues::VenueRow;
use samenstad_db::queries::wijken;
use samenstad_db::schema::venue;
use samenstad_domain::geometry::AreaIndex;
use samenstad_types::venue::{LocationPrecision, VenueOperator, VenueType};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

/// One line of the file, as text (CSV header names = GeoJSON property names).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, Deserialize)]
pub struct VenueLine {
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub venue_type: Option<String>,
    pub operator: Option<String>,
    pub operator_name: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub lat: Option<String>,
    pub lon: Option<String>,
    pub drop_in: Option<String>,
    pub room_use: Option<String>,
    pub target_groups: Option<String>,
    pub facilities: Option<String>,
    pub accessibility: Option<String>,
    pub description: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
}

/// The outcome of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportReport {
    /// Everything was imported.
    Imported(usize),
    /// Nothing was imported: (line number, reason) for every wrong line.
    Rejected(Vec<(usize, String)>),
}

fn text(v: &Option<String>) -> Option<String> {
    v.as_ref()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

fn list(v: &Option<String>) -> Vec<String> {
    text(v)
        .map(|s| {
            s.split('|')
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn boolean(field: &str, v: &Option<String>, errors: &mut Vec<String>) -> bool {
    match text(v).map(|s| s.to_lowercase()).as_deref() {
        None | Some("false" | "nee" | "no" | "0") => false,
        Some("true" | "ja" | "yes" | "1") => true,
        Some(other) => {
            errors.push(format!("{field} `{other}` is not true/false"));
            false
        }
    }
}

/// Parses a file: GeoJSON when it starts with `{`, else CSV with a header row. Line numbers are
/// CSV lines (header = 1) or feature numbers (first = 1).
pub fn parse(content: &str) -> Result<Vec<(usize, VenueLine)>, String> {
    if content.trim_start().starts_with('{') {
        #[derive(Deserialize)]
        struct Collection {
            features: Vec<Feature>,
        }
        #[derive(Deserialize)]
        struct Feature {
            geometry: Option<serde_json::Value>,
            properties: serde_json::Map<String, serde_json::Value>,
        }
        let collection: Collection = serde_json::from_str(content)
            .map_err(|e| format!("not a GeoJSON FeatureCollection: {e}"))?;
        Ok(collection
            .features
            .into_iter()
            .enumerate()
            .map(|(i, f)| {
                let mut props: serde_json::Map<String, serde_json::Value> = f
                    .properties
                    .into_iter()
                    .map(|(k, v)| {
                        (
                            k,
                            serde_json::Value::String(match v {
                                serde_json::Value::String(s) => s,
                                other => other.to_string(),
                            }),
                        )
                    })
                    .collect();
                if let Some(coords) = f
                    .geometry
                    .as_ref()
                    .and_then(|g| g.get("coordinates"))
                    .and_then(|c| c.as_array())
                {
                    props.insert(
                        "lon".into(),
                        serde_json::Value::String(
                            coords.first().map(|v| v.to_string()).unwrap_or_default(),
                        ),
                    );
                    props.insert(
                        "lat".into(),
                        serde_json::Value::String(
                            coords.get(1).map(|v| v.to_string()).unwrap_or_default(),
                        ),
                    );
                }
                (
                    i + 1,
                    serde_json::from_value(serde_json::Value::Object(props)).unwrap_or_default(),
                )
            })
            .collect())
    } else {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(false)
            .from_reader(content.as_bytes());
        let mut lines = Vec::new();
        for (i, record) in reader.deserialize::<VenueLine>().enumerate() {
            let line = i + 2;
            lines.push((line, record.map_err(|e| format!("line {line}: {e}"))?));
        }
        Ok(lines)
    }
}

/// What checking a line needs: Gent's wijken for the point-in-polygon and the taken slugs.
pub struct Checker {
    gent_id: Uuid,
    index: AreaIndex<Uuid>,
    slugs: HashSet<String>,
}

impl Checker {
    /// Loads the wijken of Gent and the venue slugs in use.
    pub fn load(conn: &mut PgConnection) -> Result<Self, DbError> {
        let gent = wijken::municipality_by_slug(conn, samenstad_db::seed::GENT_SLUG)?
            .ok_or_else(|| DbError::InvalidData("seed Gent first".to_owned()))?;
        let index = wijken::area_index(&wijken::list_for_municipality(conn, gent.id)?)?;
        let slugs = venue::table
            .select(venue::slug)
            .load::<String>(conn)?
            .into_iter()
            .collect();
        Ok(Self {
            gent_id: gent.id,
            index,
            slugs,
        })
    }

    /// Checks one line and turns it into a venue row, or says everything that is wrong with it.
    /// `own_slug` is the current slug of a venue being changed (it may keep its name).
    pub fn check(
        &mut self,
        l: &VenueLine,
        source: &str,
        own_slug: Option<&str>,
    ) -> Result<VenueRow, String> {
        let mut errors = Vec::new();
        let name = text(&l.name).unwrap_or_default();
        if !(2..=200).contains(&name.chars().count()) {
            errors.push("name must be 2 to 200 characters".to_owned());
        }
        let given_type = text(&l.venue_type).unwrap_or_default();
        let venue_type = VenueType::parse(&given_type).unwrap_or_else(|| {
            let all: Vec<&str> = VenueType::ALL.iter().map(|t| t.as_str()).collect();
            errors.push(format!(
                "type `{given_type}` is not one of {}",
                all.join(", ")
            ));
            VenueType::Buurtcentrum
        });
        let operator = match text(&l.operator) {
            None => VenueOperator::GroepGent,
            Some(given) => VenueOperator::parse(&given).unwrap_or_else(|| {
                errors.push(format!(
                    "operator `{given}` is not groep_gent, public or private"
                ));
                VenueOperator::GroepGent
            }),
        };
        let lat = text(&l.lat)
            .and_then(|v| v.parse::<f64>().ok())
            .filter(|v| v.is_finite() && (-90.0..=90.0).contains(v));
        let lon = text(&l.lon)
            .and_then(|v| v.parse::<f64>().ok())
            .filter(|v| v.is_finite() && (-180.0..=180.0).contains(v));
        let wijk_id = match (lat, lon) {
            (Some(lat), Some(lon)) => {
                let found = self.index.locate(lon, lat);
                if found.is_none() {
                    errors.push(format!("({lat}, {lon}) lies outside every wijk of Gent"));
                }
                found
            }
            _ => {
                errors.push("lat and lon must be WGS84 numbers".to_owned());
                None
            }
        };
        let drop_in = boolean("drop_in", &l.drop_in, &mut errors);
        let room_use = boolean("room_use", &l.room_use, &mut errors);
        if let Some(email) = text(&l.email).filter(|e| !e.contains('@')) {
            errors.push(format!("email `{email}` is not an e-mail address"));
        }
        if let Some(site) =
            text(&l.website).filter(|w| !(w.starts_with("https://") || w.starts_with("http://")))
        {
            errors.push(format!(
                "website `{site}` must start with http:// or https://"
            ));
        }
        let slug = slug::slugify(&name);
        if errors.is_empty() && own_slug != Some(slug.as_str()) && !self.slugs.insert(slug.clone())
        {
            errors.push(format!("a venue named `{name}` already exists"));
        }
        if !errors.is_empty() {
            return Err(errors.join("; "));
        }
        let now = Utc::now();
        Ok(VenueRow {
            id: Uuid::now_v7(),
            municipality_id: self.gent_id,
            wijk_id,
            slug,
            name,
            venue_type,
            operator,
            operator_name: text(&l.operator_name),
            street_address: text(&l.street),
            postal_code: text(&l.postal_code),
            city: text(&l.city).or_else(|| Some("Gent".to_owned())),
            lat: lat.unwrap_or_default(),
            lon: lon.unwrap_or_default(),
            location_precision: LocationPrecision::Exact,
            drop_in,
            room_use,
            target_groups: list(&l.target_groups),
            facilities: list(&l.facilities),
            accessibility: list(&l.accessibility),
            description: text(&l.description).unwrap_or_default(),
            contact_phone: text(&l.phone),
            contact_email: text(&l.email),
            website: text(&l.website),
            is_sample: false,
            source: source.to_owned(),
            lead_time_min_days: 28,
            lead_time_max_days: 183,
            created_at: now,
            updated_at: now,
            photo_id: None,
        })
    }
}

/// The line form of an existing venue (to merge a proposed change into).
pub fn line_of(v: &VenueRow) -> VenueLine {
    let join = |l: &[String]| Some(l.join("|"));
    VenueLine {
        name: Some(v.name.clone()),
        venue_type: Some(v.venue_type.as_str().to_owned()),
        operator: Some(v.operator.as_str().to_owned()),
        operator_name: v.operator_name.clone(),
        street: v.street_address.clone(),
        postal_code: v.postal_code.clone(),
        city: v.city.clone(),
        lat: Some(v.lat.to_string()),
        lon: Some(v.lon.to_string()),
        drop_in: Some(v.drop_in.to_string()),
        room_use: Some(v.room_use.to_string()),
        target_groups: join(&v.target_groups),
        facilities: join(&v.facilities),
        accessibility: join(&v.accessibility),
        description: Some(v.description.clone()),
        phone: v.contact_phone.clone(),
        email: v.contact_email.clone(),
        website: v.website.clone(),
    }
}

/// Checks every line and imports all of them, or none.
pub fn import_venues(
    conn: &mut PgConnection,
    content: &str,
    source: &str,
) -> Result<ImportReport, String> {
    let lines = match parse(content) {
        Ok(lines) => lines,
        Err(e) => return Ok(ImportReport::Rejected(vec![(0, e)])),
    };
    conn.transaction::<_, DbError, _>(|conn| {
        let mut checker = Checker::load(conn)?;
        let mut rejected = Vec::new();
        let mut venues = Vec::new();
        for (line, l) in &lines {
            match checker.check(l, &format!("import: {source}"), None) {
                Ok(row) => venues.push(row),
                Err(reason) => rejected.push((*line, reason)),
            }
        }
        if !rejected.is_empty() {
            return Ok(ImportReport::Rejected(rejected));
        }
        diesel::insert_into(venue::table)
            .values(&venues)
            .execute(conn)?;
        audit::record(
            conn,
            NewAudit::by(None, "venue.imported")
                .details(json!({"count": venues.len(), "source": source})),
        )?;
        Ok(ImportReport::Imported(venues.len()))
    })
    .map_err(|e| e.to_string())
}
