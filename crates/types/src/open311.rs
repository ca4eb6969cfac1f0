//! Open311 GeoReport v2 (<http://wiki.open311.org/GeoReport_v2>): the city's signals as the
//! standard shows them to other systems and apps. The field names are the standard's; the JSON
//! follows its XML element for element. `detailed_status` and `resolution` are this server's
//! extension (the standard only knows `open` and `closed`).

use serde::{Deserialize, Serialize};

use crate::signals::{SignalResolution, SignalStatus};
use crate::vocabulary::vocabulary;

vocabulary! {
    /// A request's status in GeoReport v2.
    pub enum Open311Status {
        /// Not closed (submitted, acknowledged or planned; see `detailed_status`).
        Open = "open",
        /// Closed (see `resolution` and `status_notes`).
        Closed = "closed",
    }
}

/// Service discovery: where the endpoint is and what it speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "changeset": "2026-12-04T00:00:00+01:00", "contact": "Stad Gent, Gentinfo: 09 210 10 10",
    "key_service": "Ask the city's administrators for an API client with the scope signals:write; its secret is the api_key.",
    "endpoints": [{"specification": "http://wiki.open311.org/GeoReport_v2", "url": "https://samenstad.gent.be/open311/v2",
        "changeset": "2026-12-04T00:00:00+01:00", "type": "production", "formats": ["text/xml", "application/json"]}]})))]
pub struct Open311Discovery {
    /// When this description last changed (ISO 8601 with a time zone).
    pub changeset: String,
    /// Whom to contact.
    pub contact: String,
    /// How to get an `api_key`.
    pub key_service: String,
    /// The endpoints.
    pub endpoints: Vec<Open311Endpoint>,
}

/// One endpoint of the discovery document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Open311Endpoint {
    /// The specification it implements.
    pub specification: String,
    /// Its base URL.
    pub url: String,
    /// When it last changed.
    pub changeset: String,
    /// `production` or `test`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its media types.
    pub formats: Vec<String>,
}

/// A service: one category of signals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "service_code": "litter", "service_name": "Zwerfvuil en sluikstort", "description": "Litter and dumping",
    "metadata": false, "type": "realtime", "keywords": "zwerfvuil, sluikstort, litter", "group": "signals"})))]
pub struct Open311Service {
    /// The code to post with (the category key).
    pub service_code: String,
    /// Its Dutch name.
    pub service_name: String,
    /// Its English name.
    pub description: String,
    /// Whether it has attributes to fill in (never: a description and a place suffice).
    pub metadata: bool,
    /// `realtime`: a posted request gets its id at once.
    #[serde(rename = "type")]
    pub kind: String,
    /// Words to find it by, comma separated.
    pub keywords: String,
    /// Its group.
    pub group: String,
}

/// The definition of a service: its extra attributes (none here).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"service_code": "litter", "attributes": []})))]
pub struct Open311ServiceDefinition {
    /// The service.
    pub service_code: String,
    /// Its attributes (empty: every service needs only a description and a place).
    pub attributes: Vec<serde_json::Value>,
}

/// A service request: a signal as GeoReport v2 shows it (no personal data).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "service_request_id": "0193c1a0-0000-7000-8000-0000000000e1", "status": "open",
    "status_notes": "Gepland voor 2026-12-10: De ploeg van IVAGO ruimt dit op bij de volgende ronde.",
    "service_name": "Zwerfvuil en sluikstort", "service_code": "litter",
    "description": "Een hoop vuilniszakken naast de glasbol aan het Rabotplein.", "agency_responsible": "IVAGO",
    "service_notice": null, "requested_datetime": "2026-12-04T10:00:00+01:00", "updated_datetime": "2026-12-04T11:00:00+01:00",
    "expected_datetime": "2026-12-10T00:00:00+01:00", "address": "Rabotstraat 80, 9000 Gent", "address_id": null,
    "zipcode": "9000", "lat": 51.0625, "long": 3.7125, "media_url": null, "detailed_status": "planned", "resolution": null})))]
pub struct Open311Request {
    /// Its id.
    pub service_request_id: String,
    /// `open` or `closed`.
    pub status: Open311Status,
    /// The last step's reason, with the finer state (planned for a day, closed as fixed, not
    /// the city's responsibility, duplicate, referred or not fixed).
    pub status_notes: Option<String>,
    /// The service's name.
    pub service_name: String,
    /// The service's code.
    pub service_code: String,
    /// What is wrong.
    pub description: String,
    /// The city service that handles it (or who is responsible instead, when closed so).
    pub agency_responsible: String,
    /// What to expect.
    pub service_notice: Option<String>,
    /// When it was reported (ISO 8601 with a time zone).
    pub requested_datetime: String,
    /// When it last changed.
    pub updated_datetime: String,
    /// The day the work is planned.
    pub expected_datetime: Option<String>,
    /// The address it was reported at.
    pub address: Option<String>,
    /// The address's id in the address register.
    pub address_id: Option<String>,
    /// The postcode.
    pub zipcode: Option<String>,
    /// Latitude (WGS84).
    pub lat: f64,
    /// Longitude (WGS84).
    pub long: f64,
    /// Its photo.
    pub media_url: Option<String>,
    /// Extension: the finer status (`submitted`, `acknowledged`, `planned`, `closed`).
    pub detailed_status: SignalStatus,
    /// Extension: how it was closed.
    pub resolution: Option<SignalResolution>,
}

/// The answer to a posted request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "service_request_id": "0193c1a0-0000-7000-8000-0000000000e1",
    "service_notice": "Doorgestuurd naar IVAGO.", "account_id": null})))]
pub struct Open311Created {
    /// The new request's id.
    pub service_request_id: String,
    /// What happens next.
    pub service_notice: String,
    /// Not used (the reporter's account lives in the client's system).
    pub account_id: Option<String>,
}

/// One error, as GeoReport v2 writes them: an array of these is the body of every error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"code": 403, "description": "Invalid api_key received -- can't proceed with create_request."})))]
pub struct Open311Error {
    /// The HTTP status, or a more specific code.
    pub code: u16,
    /// What went wrong.
    pub description: String,
}

/// Filters of `GET /open311/v2/requests.{format}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct Open311RequestQuery {
    /// Only this jurisdiction (the server serves one: `stad.gent`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction_id: Option<String>,
    /// Comma-separated ids; overrides every other filter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_request_id: Option<String>,
    /// Comma-separated service codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_code: Option<String>,
    /// Requested at or after (ISO 8601 with a time zone); default 90 days before `end_date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        param(format = DateTime, example = "2026-11-01T00:00:00Z")
    )]
    pub start_date: Option<String>,
    /// Requested at or before (ISO 8601 with a time zone); default now. At most 90 days after
    /// `start_date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        param(format = DateTime, example = "2026-12-04T00:00:00Z")
    )]
    pub end_date: Option<String>,
    /// Comma-separated statuses: `open`, `closed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        param(
            pattern = r"^\s*((open|closed)\s*(,\s*(open|closed)\s*)*)?$",
            example = "open"
        )
    )]
    pub status: Option<String>,
    /// Extension: the page, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<u32>, minimum = 1, example = 1))]
    pub page: Option<String>,
    /// Extension: requests per page, 1–1000 (default 1000, the standard's limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<u32>, minimum = 1, maximum = 1000, example = 100))]
    pub page_size: Option<String>,
}

/// A service request posted by an API client (`application/x-www-form-urlencoded`, as the
/// standard says). A place is required: `lat` and `long`, or `address_id`, or an
/// `address_string` that names one address of the register.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "api_key": "the-client-secret", "service_code": "litter", "lat": 51.0625, "long": 3.7125,
    "description": "Een hoop vuilniszakken naast de glasbol aan het Rabotplein.",
    "first_name": "An", "last_name": "Peeters", "email": "an@example.org"})))]
pub struct Open311NewRequest {
    /// The secret of an API client with the scope `signals:write`.
    pub api_key: String,
    /// `stad.gent`, or nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction_id: Option<String>,
    /// The service (category) code.
    pub service_code: String,
    /// Latitude (WGS84), with `long`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = -90.0, maximum = 90.0))]
    pub lat: Option<f64>,
    /// Longitude (WGS84), with `lat`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = -180.0, maximum = 180.0))]
    pub long: Option<f64>,
    /// The address, when no `lat`/`long` are given: it must name one address of the register.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub address_string: Option<String>,
    /// The id of an address of the register (`GET /api/v1/addresses`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub address_id: Option<String>,
    /// What is wrong, 10 to 4,000 characters, no HTML; public.
    #[cfg_attr(feature = "openapi", schema(min_length = 10, max_length = 4000))]
    pub description: String,
    /// The reporter's e-mail address (staff see it; never public).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub email: Option<String>,
    /// The reporter's phone number (staff see it when there is no e-mail address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 200))]
    pub phone: Option<String>,
    /// The reporter's first name (staff see it; never public).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub first_name: Option<String>,
    /// The reporter's last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 100))]
    pub last_name: Option<String>,
    /// The client's device id (accepted, not stored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    /// The reporter's account in the client's system (accepted, not stored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// Not supported: a photo is uploaded to the signal instead (the server fetches no URLs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_url: Option<String>,
}
