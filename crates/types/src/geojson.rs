//! The GeoJSON (RFC 7946) shapes the API uses. Coordinates are WGS84 `[longitude, latitude]`.

use serde::{Deserialize, Serialize};

/// A position: `[longitude, latitude]` in WGS84 degrees.
pub type Position = [f64; 2];

/// A GeoJSON geometry of an area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum Geometry {
    /// One outer ring followed by zero or more holes; each ring is closed (first = last).
    Polygon {
        /// Linear rings of `[lon, lat]` positions.
        #[cfg_attr(feature = "openapi", schema(value_type = Vec<Vec<Vec<f64>>>, example = json!([[[3.72, 51.05], [3.73, 51.05], [3.73, 51.06], [3.72, 51.05]]])))]
        coordinates: Vec<Vec<Position>>,
    },
    /// Several polygons.
    MultiPolygon {
        /// Polygons, each a list of linear rings of `[lon, lat]` positions.
        #[cfg_attr(feature = "openapi", schema(value_type = Vec<Vec<Vec<Vec<f64>>>>))]
        coordinates: Vec<Vec<Vec<Position>>>,
    },
}

impl Geometry {
    /// The polygons of this geometry (one for a `Polygon`).
    pub fn polygons(&self) -> Vec<&[Vec<Position>]> {
        match self {
            Geometry::Polygon { coordinates } => vec![coordinates.as_slice()],
            Geometry::MultiPolygon { coordinates } => {
                coordinates.iter().map(Vec::as_slice).collect()
            }
        }
    }
}

/// The constant `type` member of a GeoJSON FeatureCollection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FeatureCollectionType {
    /// `FeatureCollection`
    #[default]
    FeatureCollection,
}

/// The constant `type` member of a GeoJSON Feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FeatureType {
    /// `Feature`
    #[default]
    Feature,
}
