//! Wijken: the 25 official neighbourhoods of Gent (and of other municipalities later).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::geojson::{FeatureCollectionType, FeatureType, Geometry};

/// The three zones Gent's wijkwerking distinguishes, and `deelgemeente` for an area of another
/// municipality that is one of its former municipalities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    /// The historic inner city.
    Binnenstad,
    /// The 19th-century belt.
    #[serde(rename = "gordel_19e")]
    Gordel19e,
    /// The 20th-century belt (the former municipalities).
    #[serde(rename = "gordel_20e")]
    Gordel20e,
    /// A former municipality of a merged one (Dendermonde's Baasrode, Grembergen …).
    Deelgemeente,
}

impl Zone {
    /// All zones, in order from the centre outwards.
    pub const ALL: [Zone; 4] = [
        Zone::Binnenstad,
        Zone::Gordel19e,
        Zone::Gordel20e,
        Zone::Deelgemeente,
    ];

    /// The wire name (`binnenstad`, `gordel_19e`, `gordel_20e`, `deelgemeente`).
    pub fn as_str(self) -> &'static str {
        match self {
            Zone::Binnenstad => "binnenstad",
            Zone::Gordel19e => "gordel_19e",
            Zone::Gordel20e => "gordel_20e",
            Zone::Deelgemeente => "deelgemeente",
        }
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Zone {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Zone::ALL
            .into_iter()
            .find(|z| z.as_str() == s)
            .ok_or_else(|| {
                format!("unknown zone `{s}` (expected binnenstad, gordel_19e, gordel_20e or deelgemeente)")
            })
    }
}

/// A WGS84 point.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LatLon {
    /// Latitude in degrees.
    #[cfg_attr(feature = "openapi", schema(example = 51.048013))]
    pub lat: f64,
    /// Longitude in degrees.
    #[cfg_attr(feature = "openapi", schema(example = 3.728703))]
    pub lon: f64,
}

/// A wijk (official neighbourhood), without its boundary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "wijknr": 1, "slug": "binnenstad", "name": "Binnenstad", "short_name": "Binnenstad",
    "aliases": [], "zone": "binnenstad", "stadsdeel": "Binnenstad", "area_m2": 2665191,
    "population_density_2024": 7228, "population_estimate": 19264, "wijkbudget_round": 2,
    "centroid": {"lat": 51.048013, "lon": 3.728703},
    "uri": "https://stad.gent/id/administrative-area/wijk-1", "municipality": "gent"
})))]
pub struct Wijk {
    /// Official number of the wijk within its municipality (Gent: 1–25). Stable key.
    pub wijknr: i16,
    /// URL-friendly ASCII name, unique within the municipality.
    pub slug: String,
    /// Official name.
    pub name: String,
    /// Short name used in everyday speech and in the city's own documents.
    pub short_name: String,
    /// Other spellings and names of (parts of) the wijk, for search.
    pub aliases: Vec<String>,
    /// Zone of the city the wijk lies in.
    pub zone: Zone,
    /// Stadsdeel (district) the wijk belongs to.
    pub stadsdeel: String,
    /// Area in square metres.
    pub area_m2: i64,
    /// Inhabitants per km² in 2024 (Gent in cijfers).
    pub population_density_2024: i32,
    /// Estimated inhabitants: density × area. An estimate, not an official count.
    pub population_estimate: i32,
    /// Wijkbudget round the wijk took part in: 1 (September 2020) or 2 (September 2022).
    pub wijkbudget_round: Option<i16>,
    /// A representative point of the wijk.
    pub centroid: LatLon,
    /// Linked-data URI of the wijk in the city's register.
    pub uri: Option<String>,
    /// Slug of the municipality that owns the wijk.
    pub municipality: String,
}

/// A wijk with its boundary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "wijknr": 1, "slug": "binnenstad", "name": "Binnenstad", "short_name": "Binnenstad",
    "aliases": [], "zone": "binnenstad", "stadsdeel": "Binnenstad", "area_m2": 2665191,
    "population_density_2024": 7228, "population_estimate": 19264, "wijkbudget_round": 2,
    "centroid": {"lat": 51.048013, "lon": 3.728703},
    "uri": "https://stad.gent/id/administrative-area/wijk-1", "municipality": "gent",
    "boundary": {"type": "Polygon", "coordinates": [[[3.7213, 51.0503], [3.7358, 51.0497], [3.7339, 51.0571], [3.7213, 51.0503]]]},
    "attribution": "Bron: Stad Gent – data.stad.gent"
})))]
pub struct WijkDetail {
    /// The wijk.
    #[serde(flatten)]
    pub wijk: Wijk,
    /// Boundary of the wijk (GeoJSON geometry, WGS84).
    pub boundary: Geometry,
    /// Source of the data; show it wherever the data is shown.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Bron: Stad Gent – data.stad.gent")
    )]
    pub attribution: String,
}

/// The list of wijken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "items": [{"wijknr": 1, "slug": "binnenstad", "name": "Binnenstad", "short_name": "Binnenstad",
    "aliases": [], "zone": "binnenstad", "stadsdeel": "Binnenstad", "area_m2": 2665191,
    "population_density_2024": 7228, "population_estimate": 19264, "wijkbudget_round": 2,
    "centroid": {"lat": 51.048013, "lon": 3.728703},
    "uri": "https://stad.gent/id/administrative-area/wijk-1", "municipality": "gent"}],
    "next_cursor": null,
    "attribution": "Bron: Stad Gent – data.stad.gent"
})))]
pub struct WijkPage {
    /// Matching wijken, ordered by `wijknr`.
    pub items: Vec<Wijk>,
    /// Always `null`: all matching wijken fit in one page.
    pub next_cursor: Option<String>,
    /// Source of the data; show it wherever the data is shown.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Bron: Stad Gent – data.stad.gent")
    )]
    pub attribution: String,
}

/// One wijk as a GeoJSON Feature; `id` is the `wijknr`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WijkFeature {
    /// Always `Feature`.
    #[serde(rename = "type")]
    pub kind: FeatureType,
    /// The `wijknr`.
    pub id: i16,
    /// Boundary of the wijk.
    pub geometry: Geometry,
    /// The wijk's attributes.
    pub properties: Wijk,
}

/// All wijken as an RFC 7946 FeatureCollection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "type": "FeatureCollection",
    "features": [{"type": "Feature", "id": 1, "geometry": {"type": "Polygon", "coordinates": [[[3.7213, 51.0503], [3.7358, 51.0497], [3.7339, 51.0571], [3.7213, 51.0503]]]}, "properties": {"wijknr": 1, "slug": "binnenstad", "name": "Binnenstad", "short_name": "Binnenstad",
    "aliases": [], "zone": "binnenstad", "stadsdeel": "Binnenstad", "area_m2": 2665191,
    "population_density_2024": 7228, "population_estimate": 19264, "wijkbudget_round": 2,
    "centroid": {"lat": 51.048013, "lon": 3.728703},
    "uri": "https://stad.gent/id/administrative-area/wijk-1", "municipality": "gent"}}],
    "attribution": "Bron: Stad Gent – data.stad.gent"
})))]
pub struct WijkFeatureCollection {
    /// Always `FeatureCollection`.
    #[serde(rename = "type")]
    pub kind: FeatureCollectionType,
    /// One feature per wijk, ordered by `wijknr`.
    pub features: Vec<WijkFeature>,
    /// Source of the data (a foreign member, allowed by RFC 7946 §6.1).
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Bron: Stad Gent – data.stad.gent")
    )]
    pub attribution: String,
}

/// Filters for the list of wijken.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ListWijkenQuery {
    /// Only wijken in this zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<Zone>,
    /// Only wijken of this wijkbudget round (1 or 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 2, message = "must be 1 or 2"))]
    #[cfg_attr(feature = "openapi", param(example = 1))]
    pub round: Option<i16>,
    /// Text that must occur in the name, short name or an alias; accents and case are ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 100, message = "must be at most 100 characters"))]
    #[cfg_attr(feature = "openapi", param(example = "sint amandsberg"))]
    pub q: Option<String>,
}

/// The tolerance the web app asks `/wijken.geojson` to simplify the outlines with for its maps of
/// all wijken (metres): well under a pixel of a map 1,000 units wide of a city like Gent.
pub const MAP_TOLERANCE_M: u16 = 10;

/// How detailed the outlines of `/wijken.geojson` are.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct GeoJsonQuery {
    /// Simplify each outline for drawing: no point of the original lies further than this many
    /// metres from the simplified outline, and every point kept is one of the original's
    /// (Ramer–Douglas–Peucker). Neighbours are simplified each on their own, so a shared border
    /// may differ by up to this much: for maps, not for analysis. Without it, the outlines as
    /// the city publishes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 1000, message = "must be between 1 and 1000"))]
    #[cfg_attr(feature = "openapi", param(example = 10))]
    pub simplify: Option<u16>,
}

/// A point to locate.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct LookupQuery {
    /// Latitude in WGS84 degrees.
    #[validate(range(min = -90.0, max = 90.0, message = "must be between -90 and 90"))]
    #[cfg_attr(feature = "openapi", param(example = 51.0536))]
    pub lat: f64,
    /// Longitude in WGS84 degrees.
    #[validate(range(min = -180.0, max = 180.0, message = "must be between -180 and 180"))]
    #[cfg_attr(feature = "openapi", param(example = 3.7253))]
    pub lon: f64,
}

/// A group in the staff overview: how many, and an amount where one applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverviewCount {
    /// The status (or other group).
    pub key: String,
    /// How many.
    pub count: i64,
    /// Ideas: estimated cost; projects: budget (cents).
    pub amount_cents: i64,
}

/// One month of a wijk's activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverviewMonth {
    /// `YYYY-MM`.
    pub month: String,
    /// Ideas submitted.
    pub ideas: i64,
    /// Subsidy applications submitted for the wijk.
    pub applications: i64,
    /// Subsidies granted for the wijk (cents).
    pub awarded_cents: i64,
    /// Approved bookings starting that month in the wijk's venues.
    pub bookings: i64,
    /// Their hours.
    pub booked_hours: f64,
}

/// What staff of a wijk follow: ideas and projects by status, subsidies, venue use, and the
/// last 12 months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WijkOverview {
    /// Wijk number.
    pub wijknr: i16,
    /// Name.
    pub name: String,
    /// Ideas (not hidden) by status, with their estimated cost.
    pub ideas_by_status: Vec<OverviewCount>,
    /// Wijkbudget projects by status, with their budget.
    pub projects_by_status: Vec<OverviewCount>,
    /// Subsidy applications for the wijk (not drafts).
    pub subsidy_applications: i64,
    /// Of which granted.
    pub subsidies_awarded: i64,
    /// Granted amount (cents).
    pub subsidies_awarded_cents: i64,
    /// Rooms in the wijk's venues.
    pub rooms: i64,
    /// Approved bookings in the last 12 months.
    pub bookings: i64,
    /// Their hours.
    pub booked_hours: f64,
    /// Booked share of the rooms' hours from 08:00 to 22:00 over the 12 months, in percent.
    pub occupancy_percent: f64,
    /// The last 12 months, oldest first.
    pub months: Vec<OverviewMonth>,
}

/// The municipality the host of the request serves (see `docs/DESIGN.md`, municipalities as
/// tenants).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "slug": "gent", "name": "Gent", "nis_code": "44021", "wijken": 25,
    "attribution": "Bron: Stad Gent, Stadswijken Gent (Modellicentie Gratis Hergebruik v1.0)"})))]
pub struct Municipality {
    /// Its key (`gent`, `dendermonde`).
    pub slug: String,
    /// Its name.
    pub name: String,
    /// Its NIS code, when known.
    pub nis_code: Option<String>,
    /// How many wijken (or deelgemeenten) it has.
    #[cfg_attr(feature = "openapi", schema(minimum = 0))]
    pub wijken: u32,
    /// The attribution of its area data.
    pub attribution: String,
}

/// The street-level base layer of the maps, as the installation configures it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "tiles": "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "attribution": "© OpenStreetMap-bijdragers"})))]
pub struct MapLayer {
    /// Tile URL with `{z}`, `{x}`, `{y}` (or WMTS `{TileMatrix}`, `{TileCol}`, `{TileRow}`,
    /// GoogleMapsCompatible); absent: maps show the wijk outlines only.
    pub tiles: Option<String>,
    /// Attribution to show under a map with tiles.
    pub attribution: Option<String>,
}

/// Who to contact in a wijk: its wijkregisseur, who links residents and the city there, as the
/// city publishes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "wijknr": 2, "name": "Wijkregie Sluizeken-Tolhuis-Ham", "email": "wijkregie.sth@stad.example",
    "phone": "+32 9 210 10 10", "office_hours": "Dinsdag 14–16 uur in Buurtcentrum Sluizeken",
    "updated_at": "2026-12-05T10:00:00Z"})))]
pub struct WijkContact {
    /// The wijk's number.
    pub wijknr: i16,
    /// Who to contact (a person or the wijk's team).
    pub name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// When and where to find them.
    pub office_hours: Option<String>,
    /// When this was last changed (RFC 3339).
    pub updated_at: String,
}

/// A wijk's contact as staff of the wijk set it: a name and an e-mail address or phone number
/// (or both); office hours optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "name": "Wijkregie Sluizeken-Tolhuis-Ham", "email": "wijkregie.sth@stad.example",
    "phone": "+32 9 210 10 10", "office_hours": "Dinsdag 14–16 uur in Buurtcentrum Sluizeken"})))]
pub struct SetWijkContact {
    /// Who to contact: 1 to 120 characters, not only spaces.
    #[validate(length(min = 1, max = 120, message = "must be 1 to 120 characters"))]
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 120, pattern = "[^ ]")
    )]
    pub name: String,
    /// E-mail address (spaces around it are dropped; blank: none).
    #[serde(default)]
    #[validate(length(max = 254, message = "must be an e-mail address"))]
    #[cfg_attr(
        feature = "openapi",
        schema(
            max_length = 254,
            pattern = "^ *([A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+([.][A-Za-z0-9-]+)+)? *$"
        )
    )]
    pub email: Option<String>,
    /// Phone number: digits and `. / ( ) -`, spaces between them, an optional `+` first, 6 to
    /// 30 characters (spaces around it are dropped; blank: none).
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^ *([+]?[0-9./()-][0-9 ./()-]{4,28}[0-9./()-])? *$")
    )]
    pub phone: Option<String>,
    /// When and where to find them: at most 300 characters (blank: none).
    #[serde(default)]
    #[validate(length(max = 300, message = "must be 300 characters at most"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 300))]
    pub office_hours: Option<String>,
}

/// A wijk's front door (`GET /wijken/{key}/front-door`): what goes on in the wijk, a few lines
/// of each kind with what a reader needs to follow the link, as anyone may see it. Each list
/// holds at most five lines; the whole of each is behind its own endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "wijknr": 2,
    "contact": {"wijknr": 2, "name": "Wijkregie Sluizeken-Tolhuis-Ham",
        "email": "wijkregie.sth@stad.example", "phone": "+32 9 210 10 10",
        "office_hours": "Dinsdag 14–16 uur in Buurtcentrum Sluizeken",
        "updated_at": "2026-12-05T10:00:00Z"},
    "venues": [{"slug": "buurtcentrum-sluizeken", "name": "Buurtcentrum Sluizeken",
        "venue_type": "buurtcentrum"}],
    "ideas": [{"id": "0b9c6f52-5d1e-4f0e-9a57-3f1c2d4e5a60", "title": "Meer groen op het plein",
        "status": "submitted"}],
    "signals": [{"id": "5f0e2a1b-8c3d-4e5f-a6b7-c8d9e0f1a2b3",
        "summary": "Losliggende stoeptegels aan de hoek met de Sluizekenstraat",
        "status": "acknowledged"}],
    "projects": [{"id": "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", "title": "Speelstraat Tolhuis",
        "status": "in_realisation"}],
    "vote": {"id": "3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4", "state": "open",
        "opens_at": "2026-11-20T08:00:00Z", "closes_at": "2026-12-10T22:59:59Z"},
    "panel": null,
    "grants": [{"title": "Buurtfeest Ham", "amount_cents": 150000}],
    "deadlines": [{"scheme_key": "samen-aan-zet", "scheme_name": "Samen aan Zet",
        "closes_on": "2027-01-15"}]
})))]
pub struct WijkFrontDoor {
    /// The wijk's number.
    pub wijknr: i16,
    /// Who to contact in the wijk; absent until staff of the wijk set it.
    pub contact: Option<WijkContact>,
    /// Meeting places in the wijk, by name.
    pub venues: Vec<FrontDoorVenue>,
    /// Ideas still in play (submitted, in dialogue, worked into a proposal), newest first;
    /// hidden ideas are left out.
    pub ideas: Vec<FrontDoorIdea>,
    /// Signals not closed, newest first; hidden signals are left out.
    pub signals: Vec<FrontDoorSignal>,
    /// Wijkbudget projects in the wijk, newest first.
    pub projects: Vec<FrontDoorProject>,
    /// The wijk's latest vote (upcoming, open or closed); absent when it never had one.
    pub vote: Option<FrontDoorVote>,
    /// The wijk's latest lottery panel; absent when it never had one.
    pub panel: Option<FrontDoorPanel>,
    /// Grants decided for this year's budget for activities in the wijk, first decided first.
    pub grants: Vec<FrontDoorGrant>,
    /// The next open deadlines of the subsidy schemes (they are city-wide), soonest first.
    pub deadlines: Vec<FrontDoorDeadline>,
}

/// A meeting place on a wijk's front door (`/venues/{slug}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrontDoorVenue {
    /// The venue's slug.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// What kind of place it is.
    pub venue_type: crate::venue::VenueType,
}

/// An idea on a wijk's front door (`/projects/ideas/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrontDoorIdea {
    /// The idea's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where it stands.
    pub status: crate::projects::IdeaStatus,
}

/// A signal on a wijk's front door (`/signals/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrontDoorSignal {
    /// The signal's id.
    pub id: String,
    /// The start of its description (at most 60 characters, cut at a word with "…").
    pub summary: String,
    /// Where it stands.
    pub status: crate::signals::SignalStatus,
}

/// A project on a wijk's front door (`/projects/projects/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrontDoorProject {
    /// The project's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where its realisation stands.
    pub status: crate::projects::ProjectStatus,
}

/// A wijk's vote on its front door (`/projects/votes/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrontDoorVote {
    /// The vote's id.
    pub id: String,
    /// Where it stands in time.
    pub state: crate::projects::VoteState,
    /// When it opens (RFC 3339).
    pub opens_at: String,
    /// When it closes (RFC 3339).
    pub closes_at: String,
}

/// A wijk's lottery panel on its front door (`/projects/panels/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrontDoorPanel {
    /// The panel's id.
    pub id: String,
    /// Whether its members have been drawn.
    pub drawn: bool,
}

/// A grant awarded for the wijk (`/subsidies/awards`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrontDoorGrant {
    /// The application's title.
    pub title: String,
    /// The amount granted, in euro cents.
    pub amount_cents: i64,
}

/// A subsidy scheme's next deadline (`/subsidies/schemes/{key}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrontDoorDeadline {
    /// The scheme's key.
    pub scheme_key: String,
    /// The scheme's name.
    pub scheme_name: String,
    /// The last day to apply (`YYYY-MM-DD`).
    pub closes_on: String,
}
