//! Loads the real Gent reference data shipped in `data/gent/`. Idempotent: rows are compared
//! with what is stored and only differences are written, so a second run changes nothing.

use std::collections::BTreeMap;

use chrono::Utc;
use diesel::prelude::*;
use samenstad_types::{GENT_ATTRIBUTION, Geometry, Zone};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::DbError;
use crate::models::{MunicipalityRow, WijkData, WijkRow};
use crate::schema::{municipality, wijk};

/// Boundaries of the 25 wijken (data.stad.gent).
pub const GENT_BOUNDARIES: &str = include_str!("../data/gent/stadswijken-gent.geojson");
/// Per-wijk figures (area, density 2024, estimated population, stadsdeel, URI).
pub const GENT_OVERVIEW: &str = include_str!("../data/gent/wijken-gent-overzicht_afgeleid.csv");
/// Short names, zones, wijkbudget rounds and aliases from the city's policy documents.
pub const GENT_META: &str = include_str!("../data/gent/wijken-meta.csv");

/// Slug of the municipality of Gent.
pub const GENT_SLUG: &str = "gent";

/// What a seed run changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeedReport {
    /// Municipality rows inserted or updated.
    pub municipalities_changed: usize,
    /// Wijk rows inserted.
    pub wijken_inserted: usize,
    /// Wijk rows updated because the shipped data differs from what is stored.
    pub wijken_updated: usize,
    /// Wijk rows already equal to the shipped data.
    pub wijken_unchanged: usize,
}

impl SeedReport {
    /// Whether the run wrote anything.
    pub fn changed_anything(&self) -> bool {
        self.municipalities_changed + self.wijken_inserted + self.wijken_updated > 0
    }
}

/// A fingerprint of the shipped seed data (changes when the data changes).
pub fn data_fingerprint() -> String {
    let mut hasher = Sha256::new();
    for part in [GENT_BOUNDARIES, GENT_OVERVIEW, GENT_META] {
        hasher.update(part.as_bytes());
    }
    format!("{:x}", hasher.finalize())
}

#[derive(Debug, Deserialize)]
struct OverviewRecord {
    wijknr: i16,
    wijk: String,
    stadsdeel: String,
    stad_gent_uri: String,
    gebiedscode_gent_in_cijfers: String,
    oppervlakte_m2: i64,
    bevolkingsdichtheid_2024_inw_per_km2: i32,
    bevolking_schatting_afgeleid: i32,
    centroid_lon: f64,
    centroid_lat: f64,
}

#[derive(Debug, Deserialize)]
struct MetaRecord {
    wijknr: i16,
    short_name: String,
    zone: String,
    wijkbudget_round: Option<i16>,
    aliases: String,
}

#[derive(Debug, Deserialize)]
struct BoundaryCollection {
    features: Vec<BoundaryFeature>,
}

#[derive(Debug, Deserialize)]
struct BoundaryFeature {
    properties: BoundaryProperties,
    geometry: Geometry,
}

#[derive(Debug, Deserialize)]
struct BoundaryProperties {
    wijknr: i16,
}

fn read_csv<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> Result<Vec<T>, DbError> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .enumerate()
        .map(|(i, r)| r.map_err(|e| DbError::InvalidData(format!("{name} record {}: {e}", i + 1))))
        .collect()
}

/// The shipped wijken of Gent, joined on `wijknr`, ordered by it.
pub fn gent_wijken() -> Result<Vec<WijkData>, DbError> {
    let overview: Vec<OverviewRecord> =
        read_csv("wijken-gent-overzicht_afgeleid.csv", GENT_OVERVIEW)?;
    let meta: BTreeMap<i16, MetaRecord> = read_csv::<MetaRecord>("wijken-meta.csv", GENT_META)?
        .into_iter()
        .map(|m| (m.wijknr, m))
        .collect();
    let boundaries: BoundaryCollection = serde_json::from_str(GENT_BOUNDARIES)
        .map_err(|e| DbError::InvalidData(format!("stadswijken-gent.geojson: {e}")))?;
    let mut shapes: BTreeMap<i16, Geometry> = BTreeMap::new();
    for feature in boundaries.features {
        shapes.insert(feature.properties.wijknr, feature.geometry);
    }

    let mut out = Vec::with_capacity(overview.len());
    for o in overview {
        let m = meta
            .get(&o.wijknr)
            .ok_or_else(|| DbError::InvalidData(format!("no metadata for wijk {}", o.wijknr)))?;
        let shape = shapes
            .remove(&o.wijknr)
            .ok_or_else(|| DbError::InvalidData(format!("no boundary for wijk {}", o.wijknr)))?;
        let zone: Zone = m.zone.parse().map_err(DbError::InvalidData)?;
        let aliases = m
            .aliases
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect();
        let boundary =
            serde_json::to_value(&shape).map_err(|e| DbError::InvalidData(e.to_string()))?;
        out.push(WijkData {
            wijknr: o.wijknr,
            slug: slug::slugify(&o.wijk),
            name: o.wijk,
            short_name: m.short_name.clone(),
            aliases,
            zone: zone.as_str().to_owned(),
            stadsdeel: o.stadsdeel,
            area_m2: o.oppervlakte_m2,
            population_density_2024: o.bevolkingsdichtheid_2024_inw_per_km2,
            population_estimate: o.bevolking_schatting_afgeleid,
            wijkbudget_round: m.wijkbudget_round,
            centroid_lat: o.centroid_lat,
            centroid_lon: o.centroid_lon,
            boundary,
            uri: Some(o.stad_gent_uri),
            gebiedscode: Some(o.gebiedscode_gent_in_cijfers),
        });
    }
    if let Some(extra) = shapes.keys().next() {
        return Err(DbError::InvalidData(format!(
            "boundary for unknown wijk {extra}"
        )));
    }
    out.sort_by_key(|w| w.wijknr);
    Ok(out)
}

/// A municipality as the seed or an import describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MunicipalityData {
    pub slug: String,
    pub name: String,
    pub nis_code: Option<String>,
    pub data_attribution: String,
}

/// Loads Gent and its wijken in one transaction; writes only what differs.
pub fn seed_gent(conn: &mut PgConnection) -> Result<SeedReport, DbError> {
    let wijken = gent_wijken()?;
    let gent = MunicipalityData {
        slug: GENT_SLUG.to_owned(),
        name: "Gent".to_owned(),
        nis_code: Some("44021".to_owned()),
        data_attribution: GENT_ATTRIBUTION.to_owned(),
    };
    store_areas(conn, &gent, wijken).map(|(report, _)| report)
}

/// Stores a municipality and its areas in one transaction (creating the municipality when it is
/// new); writes only what differs. Areas are matched by number; the file's areas are the
/// municipality's areas, but one no longer in the file is kept (ideas, votes and venues point
/// at it). Returns what changed and the municipality's id.
pub fn store_areas(
    conn: &mut PgConnection,
    data: &MunicipalityData,
    wijken: Vec<WijkData>,
) -> Result<(SeedReport, Uuid), DbError> {
    conn.transaction::<_, DbError, _>(|conn| {
        let mut report = SeedReport::default();
        let now = Utc::now();
        let existing = crate::queries::wijken::municipality_by_slug(conn, &data.slug)?;
        let id = match existing {
            Some(row) => {
                if row.name != data.name
                    || row.nis_code != data.nis_code
                    || row.data_attribution != data.data_attribution
                {
                    diesel::update(municipality::table.find(row.id))
                        .set((
                            municipality::name.eq(&data.name),
                            municipality::nis_code.eq(&data.nis_code),
                            municipality::data_attribution.eq(&data.data_attribution),
                            municipality::updated_at.eq(now),
                        ))
                        .execute(conn)?;
                    report.municipalities_changed += 1;
                }
                row.id
            }
            None => {
                let row = MunicipalityRow {
                    id: Uuid::now_v7(),
                    slug: data.slug.clone(),
                    name: data.name.clone(),
                    nis_code: data.nis_code.clone(),
                    data_attribution: data.data_attribution.clone(),
                    created_at: now,
                    updated_at: now,
                    public_url: None,
                };
                diesel::insert_into(municipality::table)
                    .values(&row)
                    .execute(conn)?;
                report.municipalities_changed += 1;
                row.id
            }
        };
        // Rows the owner writes get the municipality of this transaction (see
        // `crate::set_municipality`), not the first one.
        crate::set_municipality(conn, id)?;

        let stored: BTreeMap<i16, WijkRow> =
            crate::queries::wijken::list_for_municipality(conn, id)?
                .into_iter()
                .map(|w| (w.wijknr, w))
                .collect();
        for data in wijken {
            match stored.get(&data.wijknr) {
                Some(row) if row.data() == data => report.wijken_unchanged += 1,
                Some(row) => {
                    diesel::update(wijk::table.find(row.id))
                        .set((&data, wijk::updated_at.eq(now)))
                        .execute(conn)?;
                    report.wijken_updated += 1;
                }
                None => {
                    diesel::insert_into(wijk::table)
                        .values((
                            wijk::id.eq(Uuid::now_v7()),
                            wijk::municipality_id.eq(id),
                            &data,
                        ))
                        .execute(conn)?;
                    report.wijken_inserted += 1;
                }
            }
        }
        Ok((report, id))
    })
}

/// The areas of an import as stored wijken.
pub fn wijk_data(areas: Vec<samenstad_domain::areas::Area>) -> Result<Vec<WijkData>, DbError> {
    areas
        .into_iter()
        .map(|a| {
            Ok(WijkData {
                wijknr: a.nr,
                slug: a.slug,
                short_name: a.name.clone(),
                stadsdeel: a.name.clone(),
                name: a.name,
                aliases: Vec::new(),
                zone: a.zone,
                area_m2: a.area_m2,
                population_density_2024: a.density,
                population_estimate: a.population,
                wijkbudget_round: None,
                centroid_lat: a.centroid_lat,
                centroid_lon: a.centroid_lon,
                boundary: serde_json::to_value(&a.geometry)
                    .map_err(|e| DbError::InvalidData(e.to_string()))?,
                uri: None,
                gebiedscode: None,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_data_has_25_wijken_with_11_in_round_1_and_14_in_round_2() {
        let wijken = gent_wijken().expect("seed data parses");
        assert_eq!(wijken.len(), 25);
        assert_eq!(
            wijken.iter().map(|w| w.wijknr).collect::<Vec<_>>(),
            (1..=25).collect::<Vec<i16>>()
        );
        assert_eq!(
            wijken
                .iter()
                .filter(|w| w.wijkbudget_round == Some(1))
                .count(),
            11
        );
        assert_eq!(
            wijken
                .iter()
                .filter(|w| w.wijkbudget_round == Some(2))
                .count(),
            14
        );
        let zones = |z: &str| wijken.iter().filter(|w| w.zone == z).count();
        assert_eq!(
            (
                zones("binnenstad"),
                zones("gordel_19e"),
                zones("gordel_20e")
            ),
            (6, 10, 9)
        );
        let slugs: std::collections::BTreeSet<_> = wijken.iter().map(|w| w.slug.as_str()).collect();
        assert_eq!(slugs.len(), 25, "slugs are unique");
        assert!(slugs.contains("sluizeken-tolhuis-ham"));
    }
}
