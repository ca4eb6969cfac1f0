//! The address register: finding a place by its address (the report form of a signal, Open311's
//! `address_string`).

use serde::{Deserialize, Serialize};
use validator::Validate;

/// An address of the register, with its point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "2092283", "street": "Driesstraat", "number": "99", "box": null, "postcode": "9050",
    "municipality": "Gent", "label": "Driesstraat 99, 9050 Gent", "lat": 51.0383463, "lon": 3.7445068})))]
pub struct Address {
    /// Its id in the register.
    pub id: String,
    /// Street name.
    pub street: String,
    /// House number.
    pub number: String,
    /// Box (bus) number.
    #[serde(rename = "box")]
    pub box_number: Option<String>,
    /// Postcode.
    pub postcode: String,
    /// Municipality.
    pub municipality: String,
    /// The address as one line: "Driesstraat 99, 9050 Gent".
    pub label: String,
    /// Latitude (WGS84).
    pub lat: f64,
    /// Longitude (WGS84).
    pub lon: f64,
}

/// What to look for.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AddressQuery {
    /// The address as typed so far, 3 to 200 characters: street (or its start), number,
    /// postcode, in any order ("driesstr 99", "9050 driesstraat").
    #[validate(length(min = 3, max = 200, message = "must be 3 to 200 characters"))]
    #[cfg_attr(feature = "openapi", param(example = "driesstraat 99"))]
    pub q: String,
    /// How many, 1–20 (default 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 20, message = "must be 1 to 20"))]
    #[cfg_attr(feature = "openapi", param(example = 8))]
    pub limit: Option<i64>,
}
