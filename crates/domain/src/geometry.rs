//! Point-in-polygon for wijk boundaries, on `geo`.

use geo::{BoundingRect, Coord, Intersects, LineString, MultiPolygon, Point, Polygon, Rect};
use samenstad_types::Geometry;
use samenstad_types::web::fixed;

/// Converts a GeoJSON geometry into a `geo` multipolygon. Rings are closed if they are not.
pub fn to_multipolygon(geometry: &Geometry) -> MultiPolygon<f64> {
    let polygons = geometry
        .polygons()
        .into_iter()
        .filter_map(|rings| {
            let mut rings = rings.iter().map(|ring| {
                LineString::from(
                    ring.iter()
                        .map(|&[x, y]| Coord { x, y })
                        .collect::<Vec<_>>(),
                )
            });
            let exterior = rings.next()?;
            Some(Polygon::new(exterior, rings.collect()))
        })
        .collect::<Vec<_>>();
    MultiPolygon::new(polygons)
}

/// An index of areas (e.g. the wijken of a municipality) that answers "which area holds this
/// point?". With 25 wijken a bounding-box pre-check followed by an exact test is plenty.
#[derive(Debug, Clone, Default)]
pub struct AreaIndex<K> {
    areas: Vec<(K, Rect<f64>, MultiPolygon<f64>)>,
}

impl<K: Copy> AreaIndex<K> {
    /// Builds the index; areas with an empty geometry are skipped.
    pub fn new(areas: impl IntoIterator<Item = (K, MultiPolygon<f64>)>) -> Self {
        let areas = areas
            .into_iter()
            .filter_map(|(key, shape)| shape.bounding_rect().map(|bbox| (key, bbox, shape)))
            .collect();
        Self { areas }
    }

    /// Number of areas in the index.
    pub fn len(&self) -> usize {
        self.areas.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }

    /// The first area whose shape contains or touches the point (`lon`, `lat`). A point on a
    /// border shared by two areas belongs to the one added first.
    pub fn locate(&self, lon: f64, lat: f64) -> Option<K> {
        let point = Point::new(lon, lat);
        self.areas
            .iter()
            .find(|(_, bbox, shape)| bbox.intersects(&point) && shape.intersects(&point))
            .map(|(key, _, _)| *key)
    }
}

/// Width of a map's SVG coordinate system; the height follows from the area's aspect ratio.
pub const MAP_WIDTH: f64 = 1000.0;

/// How a map draws WGS84 in SVG coordinates: equirectangular, longitude scaled by the cosine of
/// the middle latitude (fine at city scale), [`MAP_WIDTH`] wide. One for the web app's maps and
/// the server's first HTML, so an outline sent before the app starts is the one it draws.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapProjection {
    min_lon: f64,
    max_lat: f64,
    scale_x: f64,
    scale_y: f64,
    /// SVG height.
    pub height: f64,
}

impl MapProjection {
    /// The projection that fits all geometries into [`MAP_WIDTH`]. `cos` is the cosine to use:
    /// the web app passes the browser's `Math.cos` (Rust's links about 8 KB of libm into its
    /// wasm), the server `f64::cos`.
    pub fn fit<'a>(
        geometries: impl IntoIterator<Item = &'a Geometry>,
        cos: impl Fn(f64) -> f64,
    ) -> Self {
        let (mut min_lon, mut max_lon, mut min_lat, mut max_lat) =
            (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for geometry in geometries {
            for &[lon, lat] in geometry.polygons().into_iter().flatten().flatten() {
                (min_lon, max_lon) = (min_lon.min(lon), max_lon.max(lon));
                (min_lat, max_lat) = (min_lat.min(lat), max_lat.max(lat));
            }
        }
        if min_lon > max_lon {
            return Self {
                min_lon: 0.0,
                max_lat: 0.0,
                scale_x: 1.0,
                scale_y: 1.0,
                height: MAP_WIDTH,
            };
        }
        let cos = cos(((min_lat + max_lat) / 2.0).to_radians());
        let scale_y = MAP_WIDTH / ((max_lon - min_lon) * cos).max(1e-9);
        Self {
            min_lon,
            max_lat,
            scale_x: scale_y * cos,
            scale_y,
            height: (max_lat - min_lat) * scale_y,
        }
    }

    /// SVG path data of a geometry (one subpath per ring; holes via `fill-rule: evenodd`),
    /// to a tenth of a unit.
    pub fn path(&self, geometry: &Geometry) -> String {
        let mut d = String::new();
        for ring in geometry.polygons().into_iter().flatten() {
            for (i, &[lon, lat]) in ring.iter().enumerate() {
                let (x, y) = self.xy(lon, lat);
                d.push(if i == 0 { 'M' } else { 'L' });
                d.push_str(&fixed(x, 1));
                d.push(',');
                d.push_str(&fixed(y, 1));
            }
            d.push('Z');
        }
        d
    }

    /// SVG coordinates of a WGS84 point.
    pub fn xy(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            (lon - self.min_lon) * self.scale_x,
            (self.max_lat - lat) * self.scale_y,
        )
    }

    /// WGS84 (`lon`, `lat`) of a point in SVG coordinates.
    pub fn lon_lat(&self, x: f64, y: f64) -> (f64, f64) {
        (
            self.min_lon + x / self.scale_x,
            self.max_lat - y / self.scale_y,
        )
    }

    /// SVG width (the `viewBox` width).
    pub fn width(&self) -> f64 {
        MAP_WIDTH
    }

    /// The SVG `viewBox`: [`MAP_WIDTH`] by the height rounded up.
    pub fn view_box(&self) -> String {
        format!(
            "0 0 {} {}",
            fixed(MAP_WIDTH, 0),
            fixed(self.height.ceil(), 0)
        )
    }
}

/// Metres per degree of latitude (and of longitude at the equator), near enough for drawing.
const METRES_PER_DEGREE: f64 = 111_320.0;

/// The geometry with fewer points, for drawing: each ring simplified with Ramer–Douglas–Peucker
/// so that no point of the original lies further than `tolerance_m` metres from it (measured in
/// a local equirectangular plane, fine at city scale). The kept points are original positions;
/// a ring that would keep fewer than four points (a sliver) stays whole. Neighbouring areas are
/// simplified each on their own, so a shared border may differ by up to the tolerance.
pub fn simplify(geometry: &Geometry, tolerance_m: f64) -> Geometry {
    use geo::SimplifyIdx;
    let ring = |ring: &Vec<[f64; 2]>| -> Vec<[f64; 2]> {
        let Some(lat) = ring.first().map(|p| p[1]) else {
            return Vec::new();
        };
        let cos = lat.to_radians().cos();
        let plane = LineString::from(
            ring.iter()
                .map(|&[lon, lat]| Coord {
                    x: lon * cos,
                    y: lat,
                })
                .collect::<Vec<_>>(),
        );
        let kept = plane.simplify_idx(tolerance_m / METRES_PER_DEGREE);
        if kept.len() < 4 {
            return ring.clone();
        }
        kept.into_iter().map(|i| ring[i]).collect()
    };
    let polygon = |rings: &Vec<Vec<[f64; 2]>>| rings.iter().map(ring).collect::<Vec<_>>();
    match geometry {
        Geometry::Polygon { coordinates } => Geometry::Polygon {
            coordinates: polygon(coordinates),
        },
        Geometry::MultiPolygon { coordinates } => Geometry::MultiPolygon {
            coordinates: coordinates.iter().map(polygon).collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x0: f64, y0: f64, size: f64) -> Geometry {
        Geometry::Polygon {
            coordinates: vec![vec![
                [x0, y0],
                [x0 + size, y0],
                [x0 + size, y0 + size],
                [x0, y0 + size],
                [x0, y0],
            ]],
        }
    }

    #[test]
    fn locates_the_area_that_contains_a_point() {
        let index = AreaIndex::new([
            (1, to_multipolygon(&square(0.0, 0.0, 1.0))),
            (2, to_multipolygon(&square(1.0, 0.0, 1.0))),
        ]);
        assert_eq!(index.locate(0.5, 0.5), Some(1));
        assert_eq!(index.locate(1.5, 0.5), Some(2));
        assert_eq!(
            index.locate(1.0, 0.5),
            Some(1),
            "shared border goes to the first area"
        );
        assert_eq!(index.locate(2.5, 0.5), None);
    }

    #[test]
    fn a_hole_is_outside() {
        let with_hole = Geometry::Polygon {
            coordinates: vec![
                vec![[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0], [0.0, 0.0]],
                vec![[1.0, 1.0], [3.0, 1.0], [3.0, 3.0], [1.0, 3.0], [1.0, 1.0]],
            ],
        };
        let index = AreaIndex::new([(7, to_multipolygon(&with_hole))]);
        assert_eq!(index.locate(0.5, 0.5), Some(7));
        assert_eq!(index.locate(2.0, 2.0), None);
    }

    #[test]
    fn multipolygon_parts_all_count() {
        let multi = Geometry::MultiPolygon {
            coordinates: vec![
                vec![vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]],
                vec![vec![[5.0, 5.0], [6.0, 5.0], [6.0, 6.0], [5.0, 5.0]]],
            ],
        };
        let index = AreaIndex::new([(3, to_multipolygon(&multi))]);
        assert_eq!(index.locate(0.9, 0.1), Some(3));
        assert_eq!(index.locate(5.9, 5.1), Some(3));
        assert_eq!(index.locate(3.0, 3.0), None);
    }
}

/// Great-circle distance in metres between two WGS84 points.
pub fn distance_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    use geo::{Distance, Haversine};
    Haversine.distance(Point::new(lon1, lat1), Point::new(lon2, lat2))
}

#[cfg(test)]
mod distance_tests {
    #[test]
    fn belfort_to_sint_pieters_station_is_about_two_kilometres() {
        let d = super::distance_m(51.05365, 3.72476, 51.0359, 3.7107);
        assert!((2_000.0..2_400.0).contains(&d), "{d}");
    }
}

#[cfg(test)]
mod simplify_tests {
    use geo::{Coord, Distance, Euclidean, LineString, Point};
    use samenstad_types::Geometry;

    use super::{METRES_PER_DEGREE, simplify};

    /// Gent's 25 wijken as the city publishes them.
    fn gent() -> Vec<Geometry> {
        let file: serde_json::Value =
            serde_json::from_str(include_str!("../../db/data/gent/stadswijken-gent.geojson"))
                .expect("the seed's GeoJSON");
        file["features"]
            .as_array()
            .expect("features")
            .iter()
            .map(|f| serde_json::from_value(f["geometry"].clone()).expect("a geometry"))
            .collect()
    }

    fn rings(geometry: &Geometry) -> Vec<&Vec<[f64; 2]>> {
        geometry.polygons().into_iter().flatten().collect()
    }

    fn points(geometry: &Geometry) -> usize {
        rings(geometry).iter().map(|r| r.len()).sum()
    }

    #[test]
    fn gents_outlines_keep_their_shape_within_the_tolerance_with_a_fraction_of_the_points() {
        let wijken = gent();
        let before: usize = wijken.iter().map(points).sum();
        assert_eq!(before, 5_598);
        let simple: Vec<Geometry> = wijken.iter().map(|g| simplify(g, 10.0)).collect();
        let after: usize = simple.iter().map(points).sum();
        assert!(after * 3 < before, "{after} of {before} points kept");
        for (whole, drawn) in wijken.iter().zip(&simple) {
            assert_eq!(rings(whole).len(), rings(drawn).len());
            for (ring, kept) in rings(whole).into_iter().zip(rings(drawn)) {
                // Closed, made of the original positions, in their order.
                assert_eq!((kept.first(), kept.last()), (ring.first(), ring.last()));
                let mut rest = ring.iter();
                assert!(kept.iter().all(|p| rest.any(|q| q == p)), "not in order");
                // No original point further than 10 m from the simplified ring.
                let cos = ring[0][1].to_radians().cos();
                let plane = |&[lon, lat]: &[f64; 2]| Coord {
                    x: lon * cos,
                    y: lat,
                };
                let line = LineString::from(kept.iter().map(plane).collect::<Vec<_>>());
                for p in ring {
                    let off = Euclidean.distance(&Point::from(plane(p)), &line) * METRES_PER_DEGREE;
                    assert!(off <= 10.0 + 1e-6, "{off} m off");
                }
            }
        }
        // No tolerance keeps every point; a larger one keeps fewer.
        assert_eq!(
            wijken
                .iter()
                .map(|g| points(&simplify(g, 0.0)))
                .sum::<usize>(),
            before
        );
        let coarse: usize = wijken.iter().map(|g| points(&simplify(g, 100.0))).sum();
        assert!(coarse < after, "{coarse} vs {after}");
    }

    #[test]
    fn a_map_of_gent_is_1000_units_wide_with_north_up_and_every_outline_inside() {
        use super::MapProjection;
        let wijken = gent();
        let map = MapProjection::fit(&wijken, f64::cos);
        // Gent (with its port) is about 17 km across and 23 km from north to south.
        assert_eq!(map.view_box(), "0 0 1000 1237", "{map:?}");
        for g in &wijken {
            for &[lon, lat] in rings(g).into_iter().flatten() {
                let (x, y) = map.xy(lon, lat);
                assert!((0.0..=1000.0).contains(&x) && (0.0..=map.height).contains(&y));
                let (back_lon, back_lat) = map.lon_lat(x, y);
                assert!((back_lon - lon).abs() < 1e-9 && (back_lat - lat).abs() < 1e-9);
            }
        }
        // The Belfort lies north of Sint-Pieters station: a smaller y.
        assert!(map.xy(3.72476, 51.05365).1 < map.xy(3.7107, 51.0359).1);
        let square = Geometry::Polygon {
            coordinates: vec![vec![[3.7, 51.0], [3.8, 51.0], [3.8, 51.1], [3.7, 51.0]]],
        };
        // A tenth of a degree either way at 51.05° N: 1,000 units wide, 1 / cos(51.05°) tall.
        let one = MapProjection::fit([&square], f64::cos);
        assert_eq!(
            one.path(&square),
            "M0.0,1590.7L1000.0,1590.7L1000.0,0.0L0.0,1590.7Z"
        );
        // Nothing to fit: a square frame.
        assert_eq!(MapProjection::fit([], f64::cos).view_box(), "0 0 1000 1000");
    }

    #[test]
    fn a_ring_smaller_than_the_tolerance_stays_whole() {
        let sliver = Geometry::MultiPolygon {
            coordinates: vec![vec![vec![
                [3.7200, 51.0500],
                [3.7201, 51.0500],
                [3.7201, 51.0501],
                [3.7200, 51.0501],
                [3.7200, 51.0500],
            ]]],
        };
        assert_eq!(simplify(&sliver, 1_000.0), sliver);
    }
}
