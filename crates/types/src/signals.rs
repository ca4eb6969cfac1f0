//! Signals (meldingen): what residents report in the public space, where it goes (the routing
//! table of categories, wijken and city services) and how the responsible service answers.

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::vocabulary::vocabulary;

vocabulary! {
    /// Where a signal stands.
    pub enum SignalStatus {
        /// Reported; the service has not looked at it yet (also after the reporter reopened it).
        Submitted = "submitted",
        /// The service has seen it.
        Acknowledged = "acknowledged",
        /// The service plans the work for a day (`planned_for`).
        Planned = "planned",
        /// Closed, with a `resolution` and a reason.
        Closed = "closed",
    }
}

vocabulary! {
    /// How a signal was closed.
    pub enum SignalResolution {
        /// The problem was fixed.
        Fixed = "fixed",
        /// Not the city's responsibility; `responsible` names who is.
        NotResponsible = "not_responsible",
        /// Reported before; `duplicate_of` links the original, and the followers move there.
        Duplicate = "duplicate",
        /// Passed on to another service or partner, named in `responsible`.
        Referred = "referred",
        /// Closed without a fix; the reason says why.
        NotFixed = "not_fixed",
    }
}

vocabulary! {
    /// How a signal reached the city.
    pub enum SignalChannel {
        /// Reported by the resident in the web app or through the API.
        Web = "web",
        /// By phone; entered by staff.
        Phone = "phone",
        /// At a buurtpunt; entered by staff.
        Buurtpunt = "buurtpunt",
        /// At a buurtsalon; entered by staff.
        Buurtsalon = "buurtsalon",
        /// Through the city's contact centre (Gentinfo); entered by staff.
        ContactCentre = "contact_centre",
        /// Posted by an API client (another city system or app) through Open311 GeoReport v2.
        Api = "api",
    }
}

vocabulary! {
    /// A step the responsible service takes on a signal.
    pub enum SignalAction {
        /// It has been seen.
        Acknowledge = "acknowledge",
        /// The work is planned for a day.
        Plan = "plan",
        /// It is closed with a resolution.
        Close = "close",
    }
}

/// A category of signals, in the order of the report form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"key": "litter", "name_nl": "Zwerfvuil en sluikstort", "name_en": "Litter and dumping"})))]
pub struct SignalCategory {
    /// Its key.
    pub key: String,
    /// Dutch name.
    pub name_nl: String,
    /// English name.
    pub name_en: String,
}

/// A city service that handles signals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"id": "0193c1a0-0000-7000-8000-0000000000d1", "key": "ivago", "name": "IVAGO"})))]
pub struct CityService {
    /// Id of the service (the scope of a `service_staff` role).
    pub id: String,
    /// Its key.
    pub key: String,
    /// Its name, as residents read it.
    pub name: String,
}

/// One line of the routing table: signals of `category` in wijk `wijknr` (or in every wijk
/// without a line of its own, when `wijknr` is null) go to `service`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"category": "litter", "wijknr": null, "service": "ivago"})))]
#[serde(deny_unknown_fields)]
pub struct SignalRoute {
    /// Category key.
    pub category: String,
    /// Wijk number, or null for every wijk without a line of its own.
    pub wijknr: Option<i16>,
    /// Key of the responsible service.
    pub service: String,
}

/// A resident reports a signal; staff entering one received by phone, at a buurtpunt, a
/// buurtsalon or through the contact centre also give the channel and who reported it.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "category": "litter", "lat": 51.0625, "lon": 3.7125,
    "description": "Een hoop vuilniszakken naast de glasbol aan het Rabotplein.", "show_name": false})))]
#[serde(deny_unknown_fields)]
pub struct NewSignal {
    /// Category key (see `GET /signals/categories`).
    pub category: String,
    /// Latitude (WGS84) of the place.
    #[validate(range(min = -90.0, max = 90.0, message = "must be a latitude"))]
    pub lat: f64,
    /// Longitude (WGS84) of the place.
    #[validate(range(min = -180.0, max = 180.0, message = "must be a longitude"))]
    pub lon: f64,
    /// What is wrong, 10 to 4,000 characters (public; staff can edit out personal data).
    #[validate(length(min = 10, max = 4000, message = "must be 10 to 4000 characters"))]
    pub description: String,
    /// Whether the reporter's name may be shown publicly (default: no; staff always see it).
    #[serde(default)]
    pub show_name: bool,
    /// How it reached the city (default `web`; any other channel is for staff).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<SignalChannel>,
    /// Staff only: the name the reporter gave (never public unless `show_name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 200, message = "must be 1 to 200 characters"))]
    pub reporter_name: Option<String>,
    /// Staff only: how to reach the reporter (never public).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 200, message = "must be 1 to 200 characters"))]
    pub reporter_contact: Option<String>,
    /// The address the point was taken from (an `id` of `GET /addresses`), if any: the signal
    /// shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 200, message = "must be 1 to 200 characters"))]
    pub address_id: Option<String>,
}

/// A step of the responsible service, always with a reason the public reads.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "action": "plan", "planned_for": "2026-12-10", "reason": "De ploeg van IVAGO ruimt dit op bij de volgende ronde."})))]
#[serde(deny_unknown_fields)]
pub struct SignalStep {
    /// The step.
    pub action: SignalAction,
    /// Why, or what happens next: 2 to 2,000 characters, public.
    #[validate(length(min = 2, max = 2000, message = "must be 2 to 2000 characters"))]
    pub reason: String,
    /// `plan`: the day the work is planned (today or later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub planned_for: Option<String>,
    /// `close`: how.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<SignalResolution>,
    /// `close` as `not_responsible` or `referred`: who is responsible, or to whom it went.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 2, max = 200, message = "must be 2 to 200 characters"))]
    pub responsible: Option<String>,
    /// `close` as `duplicate`: the id of the original signal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
}

/// The reporter reopens a closed signal (within 30 days of its closing).
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"comment": "De zakken liggen er nog altijd."})))]
#[serde(deny_unknown_fields)]
pub struct ReopenSignal {
    /// Why it is not done: 2 to 2,000 characters, public.
    #[validate(length(min = 2, max = 2000, message = "must be 2 to 2000 characters"))]
    pub comment: String,
}

/// One entry of a signal's public history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignalEvent {
    /// When (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub at: String,
    /// The status it led to.
    pub status: SignalStatus,
    /// With `closed`: how.
    pub resolution: Option<SignalResolution>,
    /// The reason or comment.
    pub reason: Option<String>,
    /// `true` when the reporter wrote it (a reopening), `false` for the city.
    pub by_reporter: bool,
    /// `true` for moderation: staff edited the description, removed the photo, or hid or showed
    /// the signal (the reason says what and why).
    pub moderation: bool,
}

/// Staff moderate a signal after publication, always with a public reason: edit personal data
/// out of the description, remove the photo, hide or show the signal.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "description": "Een hoop vuilniszakken naast de glasbol.", "remove_photo": true,
    "reason": "Een naam en een nummerplaat verwijderd."})))]
#[serde(deny_unknown_fields)]
pub struct ModerateSignal {
    /// The description with personal data edited out (10 to 4,000 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 10, max = 4000, message = "must be 10 to 4000 characters"))]
    pub description: Option<String>,
    /// Remove the photo.
    #[serde(default)]
    pub remove_photo: bool,
    /// Hide (`true`) or show again (`false`) the whole signal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<bool>,
    /// What was changed and why: 2 to 2,000 characters, public.
    #[validate(length(min = 2, max = 2000, message = "must be 2 to 2000 characters"))]
    pub reason: String,
}

/// Who reported a signal: for staff of its service and its wijk only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignalReporter {
    /// The account's display name, or the name staff entered.
    pub name: Option<String>,
    /// The account's e-mail address, or the contact staff entered.
    pub contact: Option<String>,
}

/// A signal as the public sees it (staff of its service and wijk also see the reporter).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193c1a0-0000-7000-8000-0000000000e1", "category": "litter", "wijknr": 7,
    "lat": 51.0625, "lon": 3.7125, "address": "Rabotstraat 80, 9000 Gent", "description": "Een hoop vuilniszakken naast de glasbol aan het Rabotplein.",
    "channel": "web", "status": "planned", "resolution": null, "planned_for": "2026-12-10",
    "responsible": null, "duplicate_of": null, "photo_url": null, "service": {"id": "0193c1a0-0000-7000-8000-0000000000d1", "key": "ivago", "name": "IVAGO"},
    "reporter_name": null, "reporter": null, "created_at": "2026-12-04T09:00:00+00:00", "updated_at": "2026-12-04T10:00:00+00:00",
    "closed_at": null, "followers": 2, "yours": false, "following": false, "hidden_reason": null, "history": []})))]
pub struct Signal {
    /// Id.
    pub id: String,
    /// Category key.
    pub category: String,
    /// The wijk the point lies in (null outside the wijken).
    pub wijknr: Option<i16>,
    /// Latitude (WGS84).
    pub lat: f64,
    /// Longitude (WGS84).
    pub lon: f64,
    /// The address it was reported at, when the reporter chose one.
    pub address: Option<String>,
    /// What is wrong.
    pub description: String,
    /// How it reached the city.
    pub channel: SignalChannel,
    /// Where it stands.
    pub status: SignalStatus,
    /// How it was closed.
    pub resolution: Option<SignalResolution>,
    /// The planned day (ISO 8601 date).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub planned_for: Option<String>,
    /// Who is responsible instead, or to whom it was referred.
    pub responsible: Option<String>,
    /// The original, for a duplicate.
    pub duplicate_of: Option<String>,
    /// The photo (`/api/v1/files/{id}`), without its metadata.
    pub photo_url: Option<String>,
    /// The responsible service.
    pub service: CityService,
    /// The reporter's name, only when they chose to show it.
    pub reporter_name: Option<String>,
    /// Who reported it: only for staff of its service and its wijk.
    pub reporter: Option<SignalReporter>,
    /// When it was reported (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
    /// When it last changed (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub updated_at: String,
    /// When it was closed (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub closed_at: Option<String>,
    /// How many people follow it.
    pub followers: i64,
    /// Whether the caller reported it (and so may reopen it once it is closed).
    pub yours: bool,
    /// Whether the caller follows it.
    pub following: bool,
    /// Why staff hid it (only staff see hidden signals).
    pub hidden_reason: Option<String>,
    /// Its public history, oldest first (empty in lists).
    pub history: Vec<SignalEvent>,
}

crate::page::page!(
    /// A page of signals.
    SignalPage = Page<Signal>,
    "A page of signals.",
    "Signals, newest first."
);

/// Filters of the list of signals.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct SignalQuery {
    /// Only this wijk (number or slug).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub wijk: Option<String>,
    /// Only this category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub category: Option<String>,
    /// Only signals with this status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<SignalStatus>))]
    pub status: Option<String>,
    /// Only signals of this service (its key): the service's queue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub service: Option<String>,
    /// Page size, 1–100 (default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 100, message = "must be 1 to 100"))]
    #[cfg_attr(feature = "openapi", param(example = 20))]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub cursor: Option<String>,
}

/// Where to look for signals that may be the same as a new one.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct NearbyQuery {
    /// Category key.
    pub category: String,
    /// Latitude (WGS84).
    #[validate(range(min = -90.0, max = 90.0, message = "must be a latitude"))]
    #[cfg_attr(feature = "openapi", param(example = 51.0625))]
    pub lat: f64,
    /// Longitude (WGS84).
    #[validate(range(min = -180.0, max = 180.0, message = "must be a longitude"))]
    #[cfg_attr(feature = "openapi", param(example = 3.7125))]
    pub lon: f64,
}
