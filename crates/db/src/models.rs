//! Row models. They mirror tables; API types live in `samenstad-types` and are mapped here.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use samenstad_types::{Geometry, LatLon, Wijk, WijkDetail};
use uuid::Uuid;

use crate::DbError;
use crate::schema::{municipality, wijk};

/// A municipality row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = municipality, check_for_backend(diesel::pg::Pg))]
pub struct MunicipalityRow {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub nis_code: Option<String>,
    pub data_attribution: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The base URL of its own host name, if it has one.
    pub public_url: Option<String>,
}

/// A wijk row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = wijk, check_for_backend(diesel::pg::Pg))]
pub struct WijkRow {
    pub id: Uuid,
    pub municipality_id: Uuid,
    pub wijknr: i16,
    pub slug: String,
    pub name: String,
    pub short_name: String,
    pub aliases: Vec<String>,
    pub zone: String,
    pub stadsdeel: String,
    pub area_m2: i64,
    pub population_density_2024: i32,
    pub population_estimate: i32,
    pub wijkbudget_round: Option<i16>,
    pub centroid_lat: f64,
    pub centroid_lon: f64,
    pub boundary: serde_json::Value,
    pub uri: Option<String>,
    pub gebiedscode: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The columns of a wijk that the seed writes (everything but ids and timestamps).
#[derive(Debug, Clone, PartialEq, Insertable, AsChangeset)]
#[diesel(table_name = wijk, check_for_backend(diesel::pg::Pg))]
pub struct WijkData {
    pub wijknr: i16,
    pub slug: String,
    pub name: String,
    pub short_name: String,
    pub aliases: Vec<String>,
    pub zone: String,
    pub stadsdeel: String,
    pub area_m2: i64,
    pub population_density_2024: i32,
    pub population_estimate: i32,
    pub wijkbudget_round: Option<i16>,
    pub centroid_lat: f64,
    pub centroid_lon: f64,
    pub boundary: serde_json::Value,
    pub uri: Option<String>,
    pub gebiedscode: Option<String>,
}

impl WijkRow {
    /// The seed-controlled part of the row, to compare with fresh seed data.
    pub fn data(&self) -> WijkData {
        WijkData {
            wijknr: self.wijknr,
            slug: self.slug.clone(),
            name: self.name.clone(),
            short_name: self.short_name.clone(),
            aliases: self.aliases.clone(),
            zone: self.zone.clone(),
            stadsdeel: self.stadsdeel.clone(),
            area_m2: self.area_m2,
            population_density_2024: self.population_density_2024,
            population_estimate: self.population_estimate,
            wijkbudget_round: self.wijkbudget_round,
            centroid_lat: self.centroid_lat,
            centroid_lon: self.centroid_lon,
            boundary: self.boundary.clone(),
            uri: self.uri.clone(),
            gebiedscode: self.gebiedscode.clone(),
        }
    }

    /// Maps the row to the API type.
    pub fn to_wijk(&self, municipality_slug: &str) -> Result<Wijk, DbError> {
        let zone = self.zone.parse().map_err(DbError::InvalidData)?;
        Ok(Wijk {
            wijknr: self.wijknr,
            slug: self.slug.clone(),
            name: self.name.clone(),
            short_name: self.short_name.clone(),
            aliases: self.aliases.clone(),
            zone,
            stadsdeel: self.stadsdeel.clone(),
            area_m2: self.area_m2,
            population_density_2024: self.population_density_2024,
            population_estimate: self.population_estimate,
            wijkbudget_round: self.wijkbudget_round,
            centroid: LatLon {
                lat: self.centroid_lat,
                lon: self.centroid_lon,
            },
            uri: self.uri.clone(),
            municipality: municipality_slug.to_owned(),
        })
    }

    /// Maps the row to the API type with its boundary.
    pub fn to_detail(
        &self,
        municipality_slug: &str,
        attribution: &str,
    ) -> Result<WijkDetail, DbError> {
        let boundary: Geometry = serde_json::from_value(self.boundary.clone())
            .map_err(|e| DbError::InvalidData(format!("boundary of wijk {}: {e}", self.wijknr)))?;
        Ok(WijkDetail {
            wijk: self.to_wijk(municipality_slug)?,
            boundary,
            attribution: attribution.to_owned(),
        })
    }
}
