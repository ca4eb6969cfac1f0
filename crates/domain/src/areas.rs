//! The areas (wijken, deelgemeenten) of a municipality, as an import reads them from GeoJSON:
//! what each must have, and what is derived from its boundary (area, centroid, slug).

use geo::{Centroid, GeodesicArea};
use samenstad_types::Geometry;

use crate::geometry::to_multipolygon;

/// One area as a file describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaInput {
    /// Its name (`Sint-Gillis`).
    pub name: String,
    /// Its number, when the file gives one; else its position in the file (from 1).
    pub nr: Option<i64>,
    /// The zone; `deelgemeente` when the file gives none.
    pub zone: Option<String>,
    /// Inhabitants, when known.
    pub population: Option<i64>,
    /// Its boundary, WGS84 `[lon, lat]`.
    pub geometry: Geometry,
}

/// One area as it is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub nr: i16,
    pub slug: String,
    pub name: String,
    pub zone: String,
    pub area_m2: i64,
    pub population: i32,
    /// Inhabitants per km².
    pub density: i32,
    pub centroid_lat: f64,
    pub centroid_lon: f64,
    pub geometry: Geometry,
}

/// Zones an area may be in (Gent's three, and `deelgemeente` for a municipality's former
/// municipalities).
pub const ZONES: [&str; 4] = ["binnenstad", "gordel_19e", "gordel_20e", "deelgemeente"];

/// Checks the areas of a file and derives what is stored; every problem is reported, by the
/// area's position in the file (from 1).
pub fn areas(inputs: Vec<AreaInput>) -> Result<Vec<Area>, Vec<String>> {
    let mut problems = Vec::new();
    let mut out: Vec<Area> = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.into_iter().enumerate() {
        let at = i + 1;
        let name = input.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 200 {
            problems.push(format!(
                "area {at}: a name of 1 to 200 characters is required"
            ));
            continue;
        }
        let nr = input.nr.unwrap_or(at as i64);
        let Ok(nr) = i16::try_from(nr)
            .map_err(|_| ())
            .and_then(|n| if n > 0 { Ok(n) } else { Err(()) })
        else {
            problems.push(format!(
                "area {at} ({name}): number {nr} is not between 1 and 32767"
            ));
            continue;
        };
        let zone = input.zone.unwrap_or_else(|| "deelgemeente".to_owned());
        if !ZONES.contains(&zone.as_str()) {
            problems.push(format!(
                "area {at} ({name}): zone `{zone}` is not one of {}",
                ZONES.join(", ")
            ));
            continue;
        }
        if let Some(problem) = wgs84_problem(&input.geometry) {
            problems.push(format!("area {at} ({name}): {problem}"));
            continue;
        }
        let shape = to_multipolygon(&input.geometry);
        let area_m2 = shape.geodesic_area_unsigned().round() as i64;
        let Some(centroid) = shape.centroid().filter(|_| area_m2 > 0) else {
            problems.push(format!("area {at} ({name}): the boundary encloses no area"));
            continue;
        };
        let population = match input.population.map(i32::try_from) {
            None => 0,
            Some(Ok(p)) if p >= 0 => p,
            Some(_) => {
                problems.push(format!("area {at} ({name}): the population is not a count"));
                continue;
            }
        };
        let density = (f64::from(population) / (area_m2 as f64 / 1_000_000.0)).round() as i32;
        let slug = crate::text::fold(&name).replace(' ', "-");
        if slug.is_empty() {
            problems.push(format!(
                "area {at} ({name}): the name has no letters or digits"
            ));
            continue;
        }
        if let Some(other) = out.iter().find(|a| a.nr == nr || a.slug == slug) {
            problems.push(format!(
                "area {at} ({name}): number {nr} or slug `{slug}` is also area {}'s",
                other.name
            ));
            continue;
        }
        out.push(Area {
            nr,
            slug,
            name,
            zone,
            area_m2,
            population,
            density,
            centroid_lat: centroid.y(),
            centroid_lon: centroid.x(),
            geometry: input.geometry,
        });
    }
    if out.is_empty() && problems.is_empty() {
        problems.push("the file holds no areas".to_owned());
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Why a boundary is not in WGS84 longitude/latitude, if it is not (a Belgian Lambert 72 file
/// has coordinates in the hundred thousands).
fn wgs84_problem(geometry: &Geometry) -> Option<String> {
    let mut rings = 0;
    for polygon in geometry.polygons() {
        for ring in polygon {
            rings += 1;
            if ring.len() < 4 {
                return Some("a ring has fewer than four positions".to_owned());
            }
            if let Some([x, y]) = ring
                .iter()
                .find(|[x, y]| !(-180.0..=180.0).contains(x) || !(-90.0..=90.0).contains(y))
            {
                return Some(format!(
                    "position [{x}, {y}] is not WGS84 longitude/latitude (RFC 7946); \
                     convert Lambert 72 first, e.g. `ogr2ogr -t_srs EPSG:4326`"
                ));
            }
        }
    }
    (rings == 0).then(|| "the boundary has no rings".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(lon: f64, lat: f64, side: f64) -> Geometry {
        Geometry::Polygon {
            coordinates: vec![vec![
                [lon, lat],
                [lon + side, lat],
                [lon + side, lat + side],
                [lon, lat + side],
                [lon, lat],
            ]],
        }
    }

    fn input(name: &str, geometry: Geometry) -> AreaInput {
        AreaInput {
            name: name.to_owned(),
            nr: None,
            zone: None,
            population: Some(5_000),
            geometry,
        }
    }

    #[test]
    fn area_centroid_slug_and_number_come_from_the_file() {
        let got = areas(vec![
            input("Sint-Gillis", square(4.10, 51.02, 0.01)),
            input("Baasrode", square(4.15, 51.03, 0.02)),
        ])
        .expect("valid");
        assert_eq!(got[0].slug, "sint-gillis");
        assert_eq!((got[0].nr, got[1].nr), (1, 2));
        assert_eq!(got[0].zone, "deelgemeente");
        // 0.01° of longitude at 51° N is about 701 m, of latitude about 1,113 m.
        assert!(
            (770_000..790_000).contains(&got[0].area_m2),
            "{}",
            got[0].area_m2
        );
        assert!((got[1].centroid_lon - 4.16).abs() < 1e-9);
        // 5,000 inhabitants on about 0.78 km².
        assert!(
            (6_300..6_500).contains(&got[0].density),
            "{}",
            got[0].density
        );
    }

    #[test]
    fn lambert_coordinates_duplicates_and_empty_names_are_each_reported() {
        let problems = areas(vec![
            input("Oud", square(105_000.0, 190_000.0, 100.0)),
            input("", square(4.1, 51.0, 0.01)),
            input("Mespelare", square(4.1, 51.0, 0.01)),
            input("mespelare", square(4.2, 51.0, 0.01)),
        ])
        .expect_err("invalid");
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].contains("Lambert 72"));
        assert!(problems[1].starts_with("area 2"));
        assert!(problems[2].contains("also area Mespelare's"));
    }
}
