//! Point-in-polygon for wijk boundaries, on `geo`.

use geo::{BoundingRect, Coord, Intersects, LineString, MultiPolygon, Point, Polygon, Rect};
use samenstad_types::Geometry;

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
