//! Venues (buurtcentra, Open Huizen, libraries …), rooms, availability and bookings.

use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::geojson::{FeatureCollectionType, FeatureType};
use crate::vocabulary::vocabulary;

vocabulary! {
    /// A type of venue, in the order a finder lists them.
    pub enum VenueType {
        /// A buurtcentrum of the city.
        Buurtcentrum = "buurtcentrum",
        /// An Open Huis.
        OpenHuis = "open_huis",
        /// A buurthuis.
        Buurthuis = "buurthuis",
        /// A lokaal dienstencentrum (local service centre).
        LokaalDienstencentrum = "lokaal_dienstencentrum",
        /// A buurtsecretariaat.
        Buurtsecretariaat = "buurtsecretariaat",
        /// A buurtpunt.
        Buurtpunt = "buurtpunt",
        /// A library.
        Bibliotheek = "bibliotheek",
        /// A partner's place.
        PartnerPlace = "partner_place",
        /// A temporary use of an empty building.
        TijdelijkeInvulling = "tijdelijke_invulling",
    }
}

vocabulary! {
    /// Who runs a venue.
    pub enum VenueOperator {
        /// Stad Gent or OCMW Gent.
        GroepGent = "groep_gent",
        /// Another public body.
        Public = "public",
        /// A private party (the city's disclaimer is shown with it).
        Private = "private",
    }
}

vocabulary! {
    /// How exactly a venue's location is known.
    pub enum LocationPrecision {
        /// The building.
        Exact = "exact",
        /// Only the wijk; the point is the wijk's centre.
        Wijk = "wijk",
        /// Only the town; the point is its centre.
        Municipality = "municipality",
    }
}

vocabulary! {
    /// The kind of a venue's opening hours.
    pub enum OpeningKind {
        /// Anyone may walk in.
        WalkIn = "walk_in",
        /// By appointment.
        ByAppointment = "by_appointment",
        /// Under a condition (see `condition`).
        Conditional = "conditional",
    }
}

vocabulary! {
    /// The tariff a booking is priced at.
    pub enum TariffCategory {
        /// A recognised association (reduced).
        Recognised = "recognised",
        /// Residents and resident groups.
        Resident = "resident",
        /// A private person (e.g. a party).
        Private = "private",
        /// Free (neighbourhood activities of organisations, where the room allows).
        Free = "free",
    }
}

vocabulary! {
    /// What a venue change request asks.
    pub enum VenueChangeKind {
        /// Add a venue.
        Add = "add",
        /// Change a listing.
        Change = "change",
        /// Remove a venue.
        Remove = "remove",
    }
}

vocabulary! {
    /// Where a venue change request stands.
    pub enum VenueChangeStatus {
        /// Awaits staff.
        Pending = "pending",
        /// Accepted and applied.
        Accepted = "accepted",
        /// Rejected, with a reason.
        Rejected = "rejected",
    }
}

vocabulary! {
    /// How a booking series repeats.
    pub enum Recurrence {
        /// Every week.
        Weekly = "weekly",
        /// Every other week.
        Biweekly = "biweekly",
        /// Every month, on the same day.
        Monthly = "monthly",
    }
}

/// The city's disclaimer shown with every privately run venue.
pub const PRIVATE_VENUE_DISCLAIMER: &str = "Dit overzicht is een product van de stedelijke werkgroep ‘Sociale Infrastructuur’, \
is constant aan verandering onderhevig en streeft geen volledigheid na. Het is enkel bedoeld als hulpmiddel voor Gentenaars \
en Gentse verenigingen. De voorwaarden, mogelijkheden en beperkingen van private locaties vallen integraal buiten de \
verantwoordelijkheid van de diensten van de Stad Gent.";

/// Postal address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Address {
    /// Street and number.
    pub street: String,
    /// Postal code.
    pub postal_code: Option<String>,
    /// City.
    pub city: Option<String>,
}

/// A venue as listed by the venue finder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "id": "0193c1a0-0000-7000-8000-0000000000f1", "slug": "bibliotheek-de-krook", "name": "Bibliotheek De Krook (Hoofdbibliotheek)",
    "venue_type": "bibliotheek", "operator": "groep_gent", "operator_name": "Stad Gent",
    "address": {"street": "Miriam Makebaplein 1", "postal_code": "9000", "city": "Gent"}, "city": "Gent",
    "lat": 51.0487, "lon": 3.7287, "location_precision": "exact", "wijknr": 1, "drop_in": true, "room_use": false,
    "target_groups": [], "facilities": [], "accessibility": [], "description": "", "is_sample": false,
    "disclaimer": null, "max_capacity": null, "distance_m": null
})))]
pub struct Venue {
    /// Id.
    pub id: String,
    /// URL-friendly name.
    pub slug: String,
    /// Name.
    pub name: String,
    /// The type of venue.
    pub venue_type: VenueType,
    /// Who runs it: `groep_gent` (Stad Gent / OCMW Gent), `public` (another public body) or
    /// `private`.
    pub operator: VenueOperator,
    /// Who runs it.
    pub operator_name: Option<String>,
    /// Address; only when the location is exact.
    pub address: Option<Address>,
    /// Town or city, also when the address is not known.
    pub city: Option<String>,
    /// Latitude (WGS84).
    pub lat: f64,
    /// Longitude (WGS84).
    pub lon: f64,
    /// `exact` (the building), `wijk` (only the wijk is known; the point is the wijk's centre) or
    /// `municipality` (only the town is known; the point is its centre).
    pub location_precision: LocationPrecision,
    /// The wijk it lies in.
    pub wijknr: Option<i16>,
    /// A place to drop in (for a chat, a coffee …).
    pub drop_in: bool,
    /// Rooms can be used or booked.
    pub room_use: bool,
    /// Target groups, e.g. `55+`.
    pub target_groups: Vec<String>,
    /// Facilities, e.g. `kitchen`, `wifi`.
    pub facilities: Vec<String>,
    /// Accessibility, e.g. `step_free_entrance`, `accessible_toilet`, `hearing_loop`.
    pub accessibility: Vec<String>,
    /// Description.
    pub description: String,
    /// Sample data from the city's policy documents, not a verified listing.
    pub is_sample: bool,
    /// The city's disclaimer, for privately run venues.
    pub disclaimer: Option<String>,
    /// Largest room capacity, when it has rooms.
    pub max_capacity: Option<i32>,
    /// Distance in metres from the `near` point of the search.
    pub distance_m: Option<f64>,
}

impl Venue {
    /// Where the venue is, as a page shows it: street and city, else the municipality (when only
    /// that is known) or `wijk N`.
    pub fn location_line(&self) -> String {
        match (&self.address, self.location_precision) {
            (Some(a), _) => match &a.city {
                Some(city) => format!("{}, {city}", a.street),
                None => a.street.clone(),
            },
            (None, LocationPrecision::Municipality) => self.city.clone().unwrap_or_default(),
            _ => format!(
                "wijk {}",
                self.wijknr.map(|n| n.to_string()).unwrap_or_default()
            ),
        }
    }
}

/// Tariffs of a room per hour, in euro cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tariffs {
    /// Recognised associations (reduced).
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100_000))]
    pub recognised_cents: i32,
    /// Residents and resident groups.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100_000))]
    pub resident_cents: i32,
    /// Private persons (e.g. a party).
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 100_000))]
    pub private_cents: i32,
    /// Neighbourhood activities of organisations are free here.
    pub free_for_neighbourhood: bool,
}

/// A room of a venue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Room {
    /// Id.
    pub id: String,
    /// Venue id.
    pub venue_id: String,
    /// Name.
    pub name: String,
    /// Maximum number of people.
    pub capacity: i32,
    /// Allowed uses: `meeting`, `training`, `exhibition`, `theatre`, `party`, `performance`, `recurring_service`.
    pub uses: Vec<String>,
    /// Facilities, e.g. `kitchen`, `projector`.
    pub facilities: Vec<String>,
    /// Reachable without steps.
    pub step_free: bool,
    /// Tariffs per hour.
    pub tariffs: Tariffs,
    /// Sample data (capacity and tariffs are illustrative).
    pub is_sample: bool,
}

/// Opening hours of one kind on one weekday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpeningHours {
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub weekday: i16,
    /// Opening time (`HH:MM`).
    pub opens: String,
    /// Closing time (`HH:MM`).
    pub closes: String,
    /// `walk_in`, `by_appointment` or `conditional`.
    pub kind: OpeningKind,
    /// For `conditional`: the condition.
    pub condition: Option<String>,
}

/// A venue with its rooms and opening hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VenueDetail {
    /// The venue.
    #[serde(flatten)]
    pub venue: Venue,
    /// Rooms.
    pub rooms: Vec<Room>,
    /// Opening hours.
    pub opening_hours: Vec<OpeningHours>,
    /// Contact telephone number.
    pub contact_phone: Option<String>,
    /// Contact e-mail address.
    pub contact_email: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// Residents book at least this many days ahead.
    pub lead_time_min_days: i32,
    /// … and at most this many days ahead.
    pub lead_time_max_days: i32,
    /// Closures (holidays, works) from today on: no bookings in these periods.
    pub closures: Vec<Closure>,
    /// The venue's photo (`/api/v1/files/{id}`).
    pub photo_url: Option<String>,
    /// The venue's version, also its `ETag`: send it as `If-Match` when changing the venue,
    /// its rooms or its opening hours.
    pub version: String,
}

/// A period in which a venue takes no bookings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Closure {
    /// Id.
    pub id: String,
    /// First day closed (`YYYY-MM-DD`).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub first_day: String,
    /// Last day closed (`YYYY-MM-DD`, inclusive).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub last_day: String,
    /// Why, shown to people who try to book, e.g. `Kerstvakantie`.
    pub reason: String,
}

/// A new closure of a venue.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"first_day": "2027-12-24", "last_day": "2028-01-01", "reason": "Kerstvakantie"})))]
pub struct CreateClosure {
    /// First day closed (`YYYY-MM-DD`), today or later.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub first_day: String,
    /// Last day closed (`YYYY-MM-DD`, inclusive), at most a year after the first.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub last_day: String,
    /// Why, shown to people who try to book.
    #[validate(length(min = 2, max = 200, message = "must be 2 to 200 characters"))]
    pub reason: String,
}

/// A venue's details as its managers keep them (the whole set: fields left out are emptied).
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"name": "Buurtcentrum De Koer", "description": "Buurtcentrum met een grote zaal en een keuken.", "drop_in": true, "room_use": true, "target_groups": ["everyone"], "facilities": ["kitchen", "wifi"], "accessibility": ["step_free"], "contact_phone": "+32 9 123 45 67", "contact_email": "dekoer@example.org", "website": "https://stad.gent/dekoer", "lead_time_min_days": 14, "lead_time_max_days": 183})))]
pub struct UpdateVenue {
    /// Name.
    #[validate(length(min = 2, max = 200, message = "must be 2 to 200 characters"))]
    pub name: String,
    /// Description.
    #[serde(default)]
    #[validate(length(max = 4000, message = "must be at most 4000 characters"))]
    pub description: String,
    /// People can walk in during opening hours.
    #[serde(default)]
    pub drop_in: bool,
    /// Rooms can be booked.
    #[serde(default)]
    pub room_use: bool,
    /// Target groups.
    #[serde(default)]
    #[validate(length(max = 20, message = "at most 20"))]
    pub target_groups: Vec<String>,
    /// Facilities, e.g. `kitchen`, `wifi`.
    #[serde(default)]
    #[validate(length(max = 30, message = "at most 30"))]
    pub facilities: Vec<String>,
    /// Accessibility, e.g. `step_free`, `accessible_toilet`.
    #[serde(default)]
    #[validate(length(max = 20, message = "at most 20"))]
    pub accessibility: Vec<String>,
    /// Contact telephone number.
    #[serde(default)]
    #[validate(length(min = 6, max = 40, message = "must be 6 to 40 characters"))]
    pub contact_phone: Option<String>,
    /// Contact e-mail address.
    #[serde(default)]
    #[validate(email(message = "must be an e-mail address"))]
    pub contact_email: Option<String>,
    /// Website (`https://…`).
    #[serde(default)]
    #[validate(url(message = "must be a web address"))]
    pub website: Option<String>,
    /// Residents book at least this many days ahead (0–365).
    #[validate(range(min = 0, max = 365, message = "must be 0 to 365"))]
    pub lead_time_min_days: i32,
    /// … and at most this many days ahead (1–730, not less than the minimum).
    #[validate(range(min = 1, max = 730, message = "must be 1 to 730"))]
    pub lead_time_max_days: i32,
}

/// A room as its venue's managers keep it.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"name": "Polyvalente zaal", "capacity": 60, "uses": ["meeting", "party"], "facilities": ["kitchen"], "step_free": true, "tariffs": {"recognised_cents": 1000, "resident_cents": 1500, "private_cents": 4000, "free_for_neighbourhood": false}})))]
pub struct RoomInput {
    /// Name.
    #[validate(length(min = 1, max = 200, message = "must be 1 to 200 characters"))]
    pub name: String,
    /// Maximum number of people (1–5000).
    #[validate(range(min = 1, max = 5000, message = "must be 1 to 5000"))]
    pub capacity: i32,
    /// Allowed uses (empty: any): `meeting`, `training`, `exhibition`, `theatre`, `party`,
    /// `performance`, `recurring_service`.
    #[serde(default)]
    pub uses: Vec<String>,
    /// Facilities, e.g. `kitchen`, `projector`.
    #[serde(default)]
    #[validate(length(max = 30, message = "at most 30"))]
    pub facilities: Vec<String>,
    /// Reachable without steps.
    #[serde(default)]
    pub step_free: bool,
    /// Tariffs per hour (each 0 to 100000 cents).
    pub tariffs: Tariffs,
}

/// A venue's weekly opening hours (replaces all of them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"hours": [{"weekday": 1, "opens": "09:00", "closes": "12:00", "kind": "walk_in", "condition": null}]})))]
pub struct SetOpeningHours {
    /// The hours, at most 50; on one weekday, hours of the same kind do not overlap.
    pub hours: Vec<OpeningHours>,
}

/// Someone who manages a venue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VenueManager {
    /// Account id.
    pub user_id: String,
    /// Name shown.
    pub display_name: String,
    /// E-mail address.
    pub email: String,
}

/// Make someone a manager of a venue.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"email": "beheer@dekoer.example.org"})))]
pub struct AddVenueManager {
    /// The e-mail address of an existing, verified account.
    #[validate(email(message = "must be an e-mail address"))]
    pub email: String,
}

crate::page::page!(
    /// A page of venues.
    VenuePage = Page<Venue>,
    "A page of venues.",
    "Venues: by distance with `near`, else by name."
);

/// Filters of the venue finder.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ListVenuesQuery {
    /// Wijk number or slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub wijk: Option<String>,
    /// Venue type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<VenueType>))]
    pub venue_type: Option<String>,
    /// Text in the name or description (accents and case ignored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 100, message = "must be at most 100 characters"))]
    pub q: Option<String>,
    /// Only venues with a room for at least this many people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 10000, message = "must be 1 to 10000"))]
    pub capacity_min: Option<i32>,
    /// Only venues with a room that allows this use.
    #[serde(default, rename = "use", skip_serializing_if = "Option::is_none")]
    pub room_use: Option<String>,
    /// Only venues (or rooms) with this facility.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub facility: Option<String>,
    /// Only venues with a step-free entrance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessible: Option<bool>,
    /// With `available_to`: only venues with a matching room free in this window (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(format = DateTime))]
    pub available_from: Option<String>,
    /// End of the window (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(format = DateTime))]
    pub available_to: Option<String>,
    /// Only venues open at this moment (RFC 3339), by their opening hours in Belgian time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(format = DateTime))]
    pub open_at: Option<String>,
    /// `lat,lon`: sort by distance from this point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        param(
            pattern = r"^\s*-?(?:90(?:\.0+)?|[1-8]?\d(?:\.\d+)?)\s*,\s*-?(?:180(?:\.0+)?|(?:1[0-7]\d|[1-9]?\d)(?:\.\d+)?)\s*$",
            example = "51.0536,3.7253"
        )
    )]
    pub near: Option<String>,
    /// With `near`: only venues within this many metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 100000, message = "must be 1 to 100000"))]
    pub radius_m: Option<i32>,
    /// Page size, 1–100 (default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 100, message = "must be 1 to 100"))]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, message = "must not be empty"))]
    pub cursor: Option<String>,
}

/// The window of an availability query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AvailabilityQuery {
    /// Start (RFC 3339).
    #[cfg_attr(feature = "openapi", param(format = DateTime))]
    pub from: String,
    /// End (RFC 3339); at most 366 days after `from`.
    #[cfg_attr(feature = "openapi", param(format = DateTime))]
    pub to: String,
}

/// A busy interval (no personal data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BusyInterval {
    /// Start (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub start: String,
    /// End (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub end: String,
}

/// When a room is taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Availability {
    /// Room id.
    pub room_id: String,
    /// Window start.
    pub from: String,
    /// Window end.
    pub to: String,
    /// Approved bookings in the window.
    pub busy: Vec<BusyInterval>,
}

/// A booking request.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"purpose": "Bewonersvergadering", "attendees": 25, "start": "2027-01-12T19:00:00+01:00", "end": "2027-01-12T21:00:00+01:00", "room_use": "meeting", "organisation_id": null})))]
pub struct CreateBooking {
    /// What for.
    #[validate(length(min = 2, max = 500, message = "must be 2 to 500 characters"))]
    pub purpose: String,
    /// Number of people (at most the capacity).
    #[validate(range(min = 1, max = 10000, message = "must be 1 to 10000"))]
    pub attendees: i32,
    /// Start (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub start: String,
    /// End (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub end: String,
    /// The use, one of the room's allowed uses.
    pub room_use: String,
    /// Book on behalf of this organisation (you must be a member).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Uuid))]
    pub organisation_id: Option<String>,
}

vocabulary! {
    /// The states of a booking: requested, then approved or declined by a manager; requested or
    /// approved bookings can be cancelled; approved ones are completed once they took place
    /// (`samenstad_domain::booking::transition` says which step is allowed).
    pub enum BookingStatus {
        /// Asked for, waiting for a manager's decision.
        Requested = "requested",
        /// Approved: the room is taken (no other approved booking overlaps it).
        Approved = "approved",
        /// Declined by a manager, with a reason.
        Declined = "declined",
        /// Cancelled by the requester or a manager.
        Cancelled = "cancelled",
        /// Took place.
        Completed = "completed",
    }
}

/// A booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"id": "0193c1a0-0000-7000-8000-0000000000b1", "room_id": "0193c1a0-0000-7000-8000-0000000000a1", "venue_id": "0193c1a0-0000-7000-8000-0000000000f1", "status": "requested", "purpose": "Bewonersvergadering", "attendees": 25, "start": "2027-01-12T18:00:00+00:00", "end": "2027-01-12T20:00:00+00:00", "room_use": "meeting", "organisation_id": null, "tariff_category": "resident", "price_cents": 3000, "decision_reason": null})))]
pub struct Booking {
    /// Id.
    pub id: String,
    /// Room id.
    pub room_id: String,
    /// Venue id.
    pub venue_id: String,
    /// Where the booking stands.
    pub status: BookingStatus,
    /// What for.
    pub purpose: String,
    /// Number of people.
    pub attendees: i32,
    /// Start (RFC 3339, UTC).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub start: String,
    /// End (RFC 3339, UTC).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub end: String,
    /// The use.
    pub room_use: String,
    /// On behalf of this organisation.
    #[cfg_attr(feature = "openapi", schema(format = Uuid))]
    pub organisation_id: Option<String>,
    /// `recognised`, `resident`, `private` or `free`.
    pub tariff_category: TariffCategory,
    /// Price in euro cents.
    pub price_cents: i32,
    /// Why it was declined.
    pub decision_reason: Option<String>,
    /// The series this request is an occurrence of, if any (decided as one).
    #[serde(default)]
    pub series_id: Option<String>,
}

/// A reason for declining.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"reason": "De zaal is die avond in onderhoud."})))]
pub struct DeclineBooking {
    /// Shown to the requester.
    #[validate(length(min = 3, max = 1000, message = "must be 3 to 1000 characters"))]
    pub reason: String,
}

/// A GeoJSON point geometry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type")]
pub enum PointGeometry {
    /// A single position.
    Point {
        /// `[lon, lat]`.
        #[cfg_attr(feature = "openapi", schema(value_type = Vec<f64>, example = json!([3.7287, 51.0487])))]
        coordinates: [f64; 2],
    },
}

/// One venue as a GeoJSON Feature; `id` is the venue id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VenueFeature {
    /// Always `Feature`.
    #[serde(rename = "type")]
    pub kind: FeatureType,
    /// The venue id.
    pub id: String,
    /// Where it is (for `location_precision = wijk` the centre of the wijk).
    pub geometry: PointGeometry,
    /// The venue.
    pub properties: Venue,
}

/// Venues as an RFC 7946 FeatureCollection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VenueFeatureCollection {
    /// Always `FeatureCollection`.
    #[serde(rename = "type")]
    pub kind: FeatureCollectionType,
    /// One feature per venue.
    pub features: Vec<VenueFeature>,
    /// Source of the reference data.
    pub attribution: String,
}

/// Proposed values for a venue listing; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VenueProposal {
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Venue type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<VenueType>))]
    pub venue_type: Option<String>,
    /// `groep_gent`, `public` or `private`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<VenueOperator>))]
    pub operator: Option<String>,
    /// Who runs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator_name: Option<String>,
    /// Street and number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Latitude (WGS84).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude (WGS84).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// A place to drop in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drop_in: Option<bool>,
    /// Rooms can be used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room_use: Option<bool>,
    /// Target groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_groups: Option<Vec<String>>,
    /// Facilities.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facilities: Option<Vec<String>>,
    /// Accessibility.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessibility: Option<Vec<String>>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Phone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// A proposal to add, change or remove a venue listing.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"kind": "add", "venue_id": null, "reason": "Onze parochiezaal is open voor buurtactiviteiten.",
    "proposal": {"name": "Parochiezaal Sint-Jozef", "type": "partner_place", "operator": "private", "street": "Voorbeeldstraat 1", "lat": 51.063, "lon": 3.712}})))]
pub struct CreateVenueChange {
    /// `add`, `change` or `remove`.
    #[cfg_attr(feature = "openapi", schema(value_type = VenueChangeKind))]
    pub kind: String,
    /// The venue to change or remove.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = Uuid))]
    pub venue_id: Option<String>,
    /// New values (for `add`: the whole listing; for `change`: what changes).
    #[serde(default)]
    pub proposal: VenueProposal,
    /// Why; shown to the staff who decide.
    #[validate(length(min = 3, max = 2000, message = "must be 3 to 2000 characters"))]
    pub reason: String,
}

/// A change request and its decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VenueChange {
    /// Id.
    pub id: String,
    /// `add`, `change` or `remove`.
    pub kind: VenueChangeKind,
    /// The venue (for `add`: the new venue once accepted).
    pub venue_id: Option<String>,
    /// Proposed values.
    pub proposal: VenueProposal,
    /// Why.
    pub reason: String,
    /// `pending`, `accepted` or `rejected`.
    pub status: VenueChangeStatus,
    /// Why it was rejected.
    pub decision_reason: Option<String>,
    /// When it was proposed (RFC 3339).
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
}

/// A reason for rejecting a change request.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"reason": "Deze zaal is niet publiek toegankelijk."})))]
pub struct RejectVenueChange {
    /// Shown to the requester.
    #[validate(length(min = 3, max = 1000, message = "must be 3 to 1000 characters"))]
    pub reason: String,
}

/// A recurring booking: the first occurrence plus a rule.
#[samenstad_macros::constraints]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({"purpose": "Naaiatelier", "attendees": 12, "start": "2027-01-12T19:00:00+01:00", "end": "2027-01-12T21:00:00+01:00", "room_use": "recurring_service", "organisation_id": null, "recurrence": "weekly", "until": "2027-03-30"})))]
pub struct CreateBookingSeries {
    /// The first occurrence.
    #[serde(flatten)]
    #[validate(nested)]
    pub first: CreateBooking,
    /// `weekly`, `biweekly` or `monthly`; later occurrences keep the local (Belgian) time of day.
    #[cfg_attr(feature = "openapi", schema(value_type = Recurrence))]
    pub recurrence: String,
    /// Last day an occurrence may fall on (`YYYY-MM-DD`); at most 53 occurrences.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub until: String,
}

/// A booking series with its occurrences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookingSeries {
    /// Id.
    pub id: String,
    /// Room id.
    pub room_id: String,
    /// `weekly`, `biweekly` or `monthly`.
    pub recurrence: Recurrence,
    /// Last day.
    pub until: String,
    /// The occurrences, by start.
    pub occurrences: Vec<Booking>,
}
