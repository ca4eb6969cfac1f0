//! Typed client for the Samenstad API.
//!
//! Works natively (tokio) and in the browser (wasm32, via `fetch`). Error responses
//! (`application/problem+json`) become [`Error::Api`] with the typed [`Problem`].
//!
//! ```no_run
//! # async fn demo() -> Result<(), samenstad_client::Error> {
//! let client = samenstad_client::Client::new("http://127.0.0.1:8080")?;
//! let wijk = client.lookup_wijk(51.0536, 3.7253).await?;
//! println!("{}", wijk.map(|w| w.name).unwrap_or_default());
//! # Ok(()) }
//! ```

mod transport;

use samenstad_types::account::{
    ApiClient, AuditExportQuery, AuditPage, ChangePassword, ClientCredentialsRequest, ClientToken,
    CreateApiClient, CreateOrganisation, DeleteMe, GrantRole, Invitation, InviteMember,
    ListAuditQuery, ListOrganisationsQuery, ListOutboxQuery, LoginRequest, Me, MeExport, Member,
    Organisation, OrganisationPage, OutboxMail, PasswordResetConfirm, PasswordResetRequest,
    RefreshRequest, RegisterRequest, RoleAssignment, Session, SessionInfo, SessionsEnded,
    SetRecognition, TokenRequest, UpdateMe,
};
use samenstad_types::follows::{
    Follow, FollowMode, NewFollow, SetFollowMode, UnsubscribeToken, Unsubscription,
};
use samenstad_types::projects::{
    AddCandidates, CreatePanel, DrawPanel, Panel, PaperBallot, ProjectsQuery, ProposalScores,
    PublishSeed, RejectResidence, RequestResidence, ResidenceRequest, ScoreProposal,
    UpdateProposal, WithdrawMember,
};
use samenstad_types::projects::{
    Ballot, CastBallot, CreateIdea, CreateProjectUpdate, CreateProposal, CreateVote,
    DecideProposal, HideIdea, Idea, IdeaPage, ListIdeasQuery, Programme, Project, Proposal,
    Residence, SetIdeaStatus, SetRoundWijk, VerifyResidence, Vote, VoteResults,
};
use samenstad_types::recognition::{
    DecideRecognition, RecognitionQueueQuery, RecognitionRequest, RequestRecognition,
};
use samenstad_types::signals::{
    CityService, ModerateSignal, NearbyQuery, NewSignal, ReopenSignal, Signal, SignalCategory,
    SignalPage, SignalQuery, SignalRoute, SignalStep,
};
use samenstad_types::subsidies::{
    Advice, Application, ApplicationDraft, ApplicationSummary, ApplicationsQuery, Award,
    BudgetInput, CosignatureLink, CosignatureRequest, CriterionScore, Dashboard, Deadline,
    DeadlineInput, DecisionInput, FinderQuery, NewApplication, PaymentInput, Reason, ReportInput,
    ReportReview, Scheme, SchemeFit, SchemeInput, ScoresInput, YearQuery,
};
use samenstad_types::venue::{
    AddVenueManager, Availability, Booking, BookingSeries, CreateBooking, CreateBookingSeries,
    CreateClosure, CreateVenueChange, DeclineBooking, ListVenuesQuery, RejectVenueChange,
    RoomInput, SetOpeningHours, UpdateVenue, VenueChange, VenueDetail, VenueFeatureCollection,
    VenueManager, VenuePage,
};
use samenstad_types::{
    GeoJsonQuery, Health, ListWijkenQuery, Page, Problem, Wijk, WijkDetail, WijkFeatureCollection,
    WijkPage,
};
use serde::de::DeserializeOwned;
use transport::{Http, Request, Response, pause};

/// A wijk as a choice of wijk shows it: the part of [`Wijk`] that [`Client::wijk_names`] reads.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct WijkName {
    /// The wijk's number.
    pub wijknr: i16,
    /// Its slug.
    pub slug: String,
    /// Its name.
    pub name: String,
}

/// What a call can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The server answered with an error (problem+json).
    #[error("{} {}: {}", .0.status, .0.title, .0.detail.as_deref().unwrap_or(""))]
    Api(Box<Problem>),
    /// The request did not complete (connection, timeout, TLS …).
    #[cfg(not(target_arch = "wasm32"))]
    #[error("request failed: {0}")]
    Http(#[from] reqwest::Error),
    /// The request did not complete (the browser's `fetch` failed: offline, blocked …).
    #[cfg(target_arch = "wasm32")]
    #[error("request failed: {0}")]
    Http(String),
    /// The base URL is not a valid absolute URL.
    #[error("invalid base URL: {0}")]
    BaseUrl(String),
    /// The server answered with something this client does not understand.
    #[error("unexpected response: {0}")]
    Unexpected(String),
}

impl Error {
    /// The HTTP status of an API error.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(p) => Some(p.status),
            _ => None,
        }
    }
}

/// A client bound to one Samenstad server.
#[derive(Debug, Clone)]
pub struct Client {
    /// The server's address, ending in `/`.
    base: String,
    http: Http,
    token: Option<String>,
    retries: u32,
    language: Option<String>,
}

/// Retries of a read or an idempotent write answered 503 (the database is briefly unavailable),
/// by default.
pub const DEFAULT_RETRIES: u32 = 3;

/// How long to wait before retry `attempt` (0, 1, …): the server's `Retry-After` when it gives
/// one (at most 10 s), else 250 ms doubling each time.
fn backoff(attempt: u32, retry_after: Option<u64>) -> std::time::Duration {
    match retry_after {
        Some(s) => std::time::Duration::from_secs(s.min(10)),
        None => std::time::Duration::from_millis(250u64 << attempt.min(6)),
    }
}

/// A list whose pages are chained by a cursor (`next_cursor` → `cursor`).
pub trait Paginated: Clone {
    /// One element of the list.
    type Item;
    /// Asks for the page after `cursor` (`None`: the first page).
    fn set_cursor(&mut self, cursor: Option<String>);
    /// Fetches the page this query names.
    fn fetch(
        &self,
        client: &Client,
    ) -> impl std::future::Future<Output = Result<Page<Self::Item>, Error>>;
}

/// `Paginated` for a list query: its item type and the client method that fetches a page.
macro_rules! paginated {
    ($($query:ty => $item:ty, $method:ident;)+) => {$(
        impl Paginated for $query {
            type Item = $item;
            fn set_cursor(&mut self, cursor: Option<String>) {
                self.cursor = cursor;
            }
            async fn fetch(&self, client: &Client) -> Result<Page<Self::Item>, Error> {
                client.$method(self).await
            }
        }
    )+};
}

paginated! {
    ListVenuesQuery => samenstad_types::venue::Venue, list_venues;
    ListOrganisationsQuery => Organisation, list_organisations;
    ListAuditQuery => samenstad_types::account::AuditEntry, list_audit;
    ListIdeasQuery => Idea, list_ideas;
}

/// The pages of a list, fetched one by one as they are asked for (see [`Client::pages`]).
#[derive(Debug)]
pub struct Pages<'c, Q> {
    client: &'c Client,
    query: Q,
    done: bool,
}

impl<Q: Paginated> Pages<'_, Q> {
    /// The next page, or `None` after the last one.
    pub async fn next_page(&mut self) -> Result<Option<Vec<Q::Item>>, Error> {
        if self.done {
            return Ok(None);
        }
        let page = self.query.fetch(self.client).await?;
        self.done = !page.has_more();
        self.query.set_cursor(page.next_cursor);
        Ok(Some(page.items))
    }

    /// Every remaining item of every remaining page.
    pub async fn collect_all(mut self) -> Result<Vec<Q::Item>, Error> {
        let mut all = Vec::new();
        while let Some(items) = self.next_page().await? {
            all.extend(items);
        }
        Ok(all)
    }
}

impl Client {
    /// A client for the server at `base_url` (e.g. `https://samenstad.gent`).
    pub fn new(base_url: &str) -> Result<Self, Error> {
        Ok(Self {
            base: transport::base(base_url)?,
            http: Http::default(),
            token: None,
            retries: DEFAULT_RETRIES,
            language: None,
        })
    }

    /// A client that uses a preconfigured `reqwest::Client` (timeouts, proxies, TLS).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn with_http(base_url: &str, http: reqwest::Client) -> Result<Self, Error> {
        Ok(Self {
            http: Http { client: http },
            ..Self::new(base_url)?
        })
    }

    /// This client retrying reads and idempotent writes (GET, PUT, DELETE) answered 503 up to
    /// `retries` times, with backoff (0: never retry).
    pub fn with_retries(&self, retries: u32) -> Self {
        Self {
            retries,
            ..self.clone()
        }
    }

    /// This client asking for the server's messages (problem titles, details, field messages)
    /// in `language` (`nl` or `en`, sent as `Accept-Language`).
    pub fn with_language(&self, language: impl Into<String>) -> Self {
        Self {
            language: Some(language.into()),
            ..self.clone()
        }
    }

    /// The pages of a list, starting at the query's cursor:
    /// `client.pages(ListVenuesQuery::default()).collect_all().await` or `.next_page()` in a loop.
    pub fn pages<Q: Paginated>(&self, query: Q) -> Pages<'_, Q> {
        Pages {
            client: self,
            query,
            done: false,
        }
    }

    fn url(&self, segments: &[&str]) -> String {
        transport::join(&self.base, segments)
    }

    async fn send(&self, request: Request) -> Result<Response, Error> {
        let request = match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        };
        let mut request = request.header("Accept", "application/json");
        if let Some(language) = &self.language {
            request = request.header("Accept-Language", language.clone());
        }
        let mut attempt = 0;
        let response = loop {
            let response = self.http.execute(request.clone()).await?;
            let retry = request.method.is_idempotent() && attempt < self.retries;
            if retry && response.status == 503 {
                pause(backoff(attempt, response.retry_after)).await;
                attempt += 1;
                continue;
            }
            break response;
        };
        if (200..300).contains(&response.status) {
            return Ok(response);
        }
        let status = response.status;
        match response.json::<Problem>() {
            Ok(problem) => Err(Error::Api(Box::new(problem))),
            Err(_) => Err(Error::Unexpected(format!(
                "status {status} without a problem body"
            ))),
        }
    }

    async fn get<T: DeserializeOwned>(&self, request: Request) -> Result<T, Error> {
        self.send(request).await?.json::<T>()
    }

    /// This client with an access token for `Authorization: Bearer`.
    pub fn with_token(&self, token: impl Into<String>) -> Self {
        Self {
            token: Some(token.into()),
            ..self.clone()
        }
    }

    /// `POST /api/v1/auth/register`.
    pub async fn register(&self, body: &RegisterRequest) -> Result<Me, Error> {
        self.get(self.http.post(self.url(&["auth", "register"])).json(body))
            .await
    }

    /// `POST /api/v1/auth/verify-email`.
    pub async fn verify_email(&self, token: &str) -> Result<(), Error> {
        let body = TokenRequest {
            token: token.to_owned(),
        };
        self.send(
            self.http
                .post(self.url(&["auth", "verify-email"]))
                .json(&body),
        )
        .await
        .map(|_| ())
    }

    /// `POST /api/v1/auth/login`; in a browser the refresh cookie is set too.
    pub async fn login(&self, email: &str, password: &str) -> Result<Session, Error> {
        let body = LoginRequest {
            email: email.to_owned(),
            password: password.to_owned(),
        };
        self.get(self.http.post(self.url(&["auth", "login"])).json(&body))
            .await
    }

    /// `POST /api/v1/auth/refresh`: with `refresh_token`, or (in a browser) the cookie when `None`.
    pub async fn refresh(&self, refresh_token: Option<&str>) -> Result<Session, Error> {
        let body = RefreshRequest {
            refresh_token: refresh_token.map(str::to_owned),
        };
        self.get(self.http.post(self.url(&["auth", "refresh"])).json(&body))
            .await
    }

    /// `POST /api/v1/auth/logout`.
    pub async fn logout(&self, refresh_token: Option<&str>) -> Result<(), Error> {
        let body = RefreshRequest {
            refresh_token: refresh_token.map(str::to_owned),
        };
        self.send(self.http.post(self.url(&["auth", "logout"])).json(&body))
            .await
            .map(|_| ())
    }

    /// `POST /api/v1/auth/password-reset`: mails a reset link when the address has an account.
    pub async fn request_password_reset(&self, body: &PasswordResetRequest) -> Result<(), Error> {
        self.send(
            self.http
                .post(self.url(&["auth", "password-reset"]))
                .json(body),
        )
        .await
        .map(|_| ())
    }

    /// `POST /api/v1/auth/password-reset/confirm`.
    pub async fn confirm_password_reset(&self, body: &PasswordResetConfirm) -> Result<(), Error> {
        self.send(
            self.http
                .post(self.url(&["auth", "password-reset", "confirm"]))
                .json(body),
        )
        .await
        .map(|_| ())
    }

    /// `GET /api/v1/venues` with filters.
    pub async fn list_venues(&self, query: &ListVenuesQuery) -> Result<VenuePage, Error> {
        self.get(self.http.get(self.url(&["venues"])).query(query))
            .await
    }

    /// `GET /api/v1/venues/{key}` by id or slug; `None` when there is no such venue.
    pub async fn get_venue(&self, key: &str) -> Result<Option<VenueDetail>, Error> {
        not_found_is_none(self.get(self.http.get(self.url(&["venues", key]))).await)
    }

    /// `PUT /api/v1/venues/{id}`: the venue's details; `version` is the one you changed (the
    /// venue's `version`), a 412 problem when someone changed it meanwhile.
    pub async fn update_venue(
        &self,
        id: &str,
        version: &str,
        body: &UpdateVenue,
    ) -> Result<VenueDetail, Error> {
        let request = self
            .http
            .put(self.url(&["venues", id]))
            .header("If-Match", format!("\"{version}\""))
            .json(body);
        self.get(request).await
    }

    /// `PUT /api/v1/venues/{id}/opening-hours` (replaces them), with the venue's `version`.
    pub async fn set_opening_hours(
        &self,
        id: &str,
        version: &str,
        body: &SetOpeningHours,
    ) -> Result<VenueDetail, Error> {
        let request = self
            .http
            .put(self.url(&["venues", id, "opening-hours"]))
            .header("If-Match", format!("\"{version}\""))
            .json(body);
        self.get(request).await
    }

    /// `POST /api/v1/venues/{id}/rooms`.
    pub async fn add_room(&self, venue_id: &str, body: &RoomInput) -> Result<VenueDetail, Error> {
        let url = self.url(&["venues", venue_id, "rooms"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `PUT /api/v1/rooms/{id}`, with the venue's `version`.
    pub async fn update_room(
        &self,
        room_id: &str,
        version: &str,
        body: &RoomInput,
    ) -> Result<VenueDetail, Error> {
        let request = self
            .http
            .put(self.url(&["rooms", room_id]))
            .header("If-Match", format!("\"{version}\""))
            .json(body);
        self.get(request).await
    }

    /// `DELETE /api/v1/rooms/{id}`, with the venue's `version` (only a room never booked).
    pub async fn delete_room(&self, room_id: &str, version: &str) -> Result<VenueDetail, Error> {
        let request = self
            .http
            .delete(self.url(&["rooms", room_id]))
            .header("If-Match", format!("\"{version}\""));
        self.get(request).await
    }

    /// `POST /api/v1/venues/{id}/closures`.
    pub async fn add_closure(
        &self,
        venue_id: &str,
        body: &CreateClosure,
    ) -> Result<VenueDetail, Error> {
        let url = self.url(&["venues", venue_id, "closures"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `DELETE /api/v1/venues/{id}/closures/{closure_id}`.
    pub async fn delete_closure(
        &self,
        venue_id: &str,
        closure_id: &str,
    ) -> Result<VenueDetail, Error> {
        let url = self.url(&["venues", venue_id, "closures", closure_id]);
        self.get(self.http.delete(url)).await
    }

    /// `GET /api/v1/venues/{id}/managers`.
    pub async fn venue_managers(&self, venue_id: &str) -> Result<Vec<VenueManager>, Error> {
        self.get(self.http.get(self.url(&["venues", venue_id, "managers"])))
            .await
    }

    /// `POST /api/v1/venues/{id}/managers`: the account with this e-mail address manages the
    /// venue from now on.
    pub async fn add_venue_manager(
        &self,
        venue_id: &str,
        email: &str,
    ) -> Result<Vec<VenueManager>, Error> {
        let body = AddVenueManager {
            email: email.to_owned(),
        };
        let url = self.url(&["venues", venue_id, "managers"]);
        self.get(self.http.post(url).json(&body)).await
    }

    /// `DELETE /api/v1/venues/{id}/managers/{user_id}`.
    pub async fn remove_venue_manager(
        &self,
        venue_id: &str,
        user_id: &str,
    ) -> Result<Vec<VenueManager>, Error> {
        let url = self.url(&["venues", venue_id, "managers", user_id]);
        self.get(self.http.delete(url)).await
    }

    /// `PUT /api/v1/venues/{id}/photo`: `bytes` of type `content_type` (`image/jpeg`,
    /// `image/png` or `image/webp`, at most 5 MiB).
    pub async fn set_venue_photo(
        &self,
        venue_id: &str,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> Result<VenueDetail, Error> {
        let request = self
            .http
            .put(self.url(&["venues", venue_id, "photo"]))
            .header("Content-Type", content_type)
            .body(bytes);
        self.get(request).await
    }

    /// `DELETE /api/v1/venues/{id}/photo`.
    pub async fn remove_venue_photo(&self, venue_id: &str) -> Result<VenueDetail, Error> {
        let url = self.url(&["venues", venue_id, "photo"]);
        self.get(self.http.delete(url)).await
    }

    /// `GET /api/v1/rooms/{id}/availability`.
    pub async fn room_availability(
        &self,
        room_id: &str,
        from: &str,
        to: &str,
    ) -> Result<Availability, Error> {
        let request = self
            .http
            .get(self.url(&["rooms", room_id, "availability"]))
            .query(&[("from", from), ("to", to)]);
        self.get(request).await
    }

    /// `POST /api/v1/rooms/{id}/bookings` (needs a token); `idempotency_key` makes retries safe.
    pub async fn create_booking(
        &self,
        room_id: &str,
        body: &CreateBooking,
        idempotency_key: Option<&str>,
    ) -> Result<Booking, Error> {
        let mut request = self
            .http
            .post(self.url(&["rooms", room_id, "bookings"]))
            .json(body);
        if let Some(key) = idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        self.get(request).await
    }

    /// `GET /api/v1/bookings`: mine, or with `managed` those of the venues I manage.
    pub async fn list_bookings(&self, managed: bool) -> Result<Vec<Booking>, Error> {
        let scope = if managed { "managed" } else { "mine" };
        self.get(
            self.http
                .get(self.url(&["bookings"]))
                .query(&[("scope", scope)]),
        )
        .await
    }

    /// `POST /api/v1/bookings/{id}/approve`.
    pub async fn approve_booking(&self, id: &str) -> Result<Booking, Error> {
        self.get(self.http.post(self.url(&["bookings", id, "approve"])))
            .await
    }

    /// `POST /api/v1/bookings/{id}/decline` with a reason.
    pub async fn decline_booking(&self, id: &str, reason: &str) -> Result<Booking, Error> {
        let body = DeclineBooking {
            reason: reason.to_owned(),
        };
        self.get(
            self.http
                .post(self.url(&["bookings", id, "decline"]))
                .json(&body),
        )
        .await
    }

    /// `POST /api/v1/bookings/{id}/cancel`.
    pub async fn cancel_booking(&self, id: &str) -> Result<Booking, Error> {
        self.get(self.http.post(self.url(&["bookings", id, "cancel"])))
            .await
    }

    /// `GET /api/v1/venues.geojson` with the finder's filters.
    pub async fn venues_geojson(
        &self,
        query: &ListVenuesQuery,
    ) -> Result<VenueFeatureCollection, Error> {
        self.get(self.http.get(self.url(&["venues.geojson"])).query(query))
            .await
    }

    /// `POST /api/v1/rooms/{id}/booking-series`: a recurring booking (needs a token).
    pub async fn create_booking_series(
        &self,
        room_id: &str,
        body: &CreateBookingSeries,
    ) -> Result<BookingSeries, Error> {
        self.get(
            self.http
                .post(self.url(&["rooms", room_id, "booking-series"]))
                .json(body),
        )
        .await
    }

    /// `GET /api/v1/booking-series/{id}`.
    pub async fn get_booking_series(&self, id: &str) -> Result<BookingSeries, Error> {
        self.get(self.http.get(self.url(&["booking-series", id])))
            .await
    }

    /// `POST /api/v1/booking-series/{id}/approve`.
    pub async fn approve_booking_series(&self, id: &str) -> Result<BookingSeries, Error> {
        self.get(self.http.post(self.url(&["booking-series", id, "approve"])))
            .await
    }

    /// `POST /api/v1/booking-series/{id}/decline`: every requested occurrence, with a reason.
    pub async fn decline_booking_series(
        &self,
        id: &str,
        reason: &str,
    ) -> Result<BookingSeries, Error> {
        let body = DeclineBooking {
            reason: reason.to_owned(),
        };
        let url = self.url(&["booking-series", id, "decline"]);
        self.get(self.http.post(url).json(&body)).await
    }

    /// `POST /api/v1/booking-series/{id}/cancel`.
    pub async fn cancel_booking_series(&self, id: &str) -> Result<BookingSeries, Error> {
        self.get(self.http.post(self.url(&["booking-series", id, "cancel"])))
            .await
    }

    /// `POST /api/v1/venue-changes`: propose to add, change or remove a venue listing.
    pub async fn propose_venue_change(
        &self,
        body: &CreateVenueChange,
    ) -> Result<VenueChange, Error> {
        self.get(self.http.post(self.url(&["venue-changes"])).json(body))
            .await
    }

    /// `GET /api/v1/venue-changes`.
    pub async fn list_venue_changes(&self) -> Result<Vec<VenueChange>, Error> {
        self.get(self.http.get(self.url(&["venue-changes"]))).await
    }

    /// `POST /api/v1/venue-changes/{id}/accept`.
    pub async fn accept_venue_change(&self, id: &str) -> Result<VenueChange, Error> {
        self.get(self.http.post(self.url(&["venue-changes", id, "accept"])))
            .await
    }

    /// `POST /api/v1/venue-changes/{id}/reject`.
    pub async fn reject_venue_change(&self, id: &str, reason: &str) -> Result<VenueChange, Error> {
        let body = RejectVenueChange {
            reason: reason.to_owned(),
        };
        self.get(
            self.http
                .post(self.url(&["venue-changes", id, "reject"]))
                .json(&body),
        )
        .await
    }

    /// `GET /api/v1/me` (needs a token).
    pub async fn me(&self) -> Result<Me, Error> {
        self.get(self.http.get(self.url(&["me"]))).await
    }

    /// `GET /api/v1/health`.
    pub async fn health(&self) -> Result<Health, Error> {
        self.get(self.http.get(self.url(&["health"]))).await
    }

    /// `GET /api/v1/wijken` with filters.
    pub async fn list_wijken(&self, query: &ListWijkenQuery) -> Result<WijkPage, Error> {
        self.get(self.http.get(self.url(&["wijken"])).query(query))
            .await
    }

    /// `GET /api/v1/wijken`, read for a choice of wijk: each wijk's number, slug and name only
    /// (a page that lists the wijken in a select need not decode the rest of each).
    pub async fn wijk_names(&self) -> Result<Vec<WijkName>, Error> {
        #[derive(serde::Deserialize)]
        struct Names {
            items: Vec<WijkName>,
        }
        self.get::<Names>(self.http.get(self.url(&["wijken"])))
            .await
            .map(|names| names.items)
    }

    /// `GET /api/v1/wijken.geojson`: the outlines as published, or simplified for a map
    /// (`query.simplify`, metres; the web app uses [`samenstad_types::wijk::MAP_TOLERANCE_M`]).
    pub async fn wijken_geojson(
        &self,
        query: &GeoJsonQuery,
    ) -> Result<WijkFeatureCollection, Error> {
        self.get(self.http.get(self.url(&["wijken.geojson"])).query(query))
            .await
    }

    /// `GET /api/v1/wijken/{key}` by `wijknr` or slug; `None` when there is no such wijk.
    pub async fn get_wijk(&self, key: &str) -> Result<Option<WijkDetail>, Error> {
        not_found_is_none(self.get(self.http.get(self.url(&["wijken", key]))).await)
    }

    /// `GET /api/v1/wijken/{key}/front-door`: what goes on in the wijk, a few lines of each kind;
    /// `None` when there is no such wijk.
    pub async fn wijk_front_door(
        &self,
        key: &str,
    ) -> Result<Option<samenstad_types::wijk::WijkFrontDoor>, Error> {
        not_found_is_none(
            self.get(self.http.get(self.url(&["wijken", key, "front-door"])))
                .await,
        )
    }

    /// `GET /api/v1/wijken/{key}/contact`: who to contact in the wijk; `None` when the wijk has
    /// no contact yet (204).
    pub async fn wijk_contact(
        &self,
        key: &str,
    ) -> Result<Option<samenstad_types::wijk::WijkContact>, Error> {
        let response = self
            .send(self.http.get(self.url(&["wijken", key, "contact"])))
            .await?;
        if response.status == 204 {
            return Ok(None);
        }
        response.json().map(Some)
    }

    /// `PUT /api/v1/wijken/{key}/contact` (staff of the wijk).
    pub async fn set_wijk_contact(
        &self,
        key: &str,
        body: &samenstad_types::wijk::SetWijkContact,
    ) -> Result<samenstad_types::wijk::WijkContact, Error> {
        self.get(
            self.http
                .put(self.url(&["wijken", key, "contact"]))
                .json(body),
        )
        .await
    }

    /// `DELETE /api/v1/wijken/{key}/contact` (staff of the wijk).
    pub async fn delete_wijk_contact(&self, key: &str) -> Result<(), Error> {
        self.send(self.http.delete(self.url(&["wijken", key, "contact"])))
            .await
            .map(|_| ())
    }

    /// `GET /api/v1/wijken/lookup`: the wijk containing the point; `None` outside every wijk.
    pub async fn lookup_wijk(&self, lat: f64, lon: f64) -> Result<Option<Wijk>, Error> {
        let request = self
            .http
            .get(self.url(&["wijken", "lookup"]))
            .query(&[("lat", lat), ("lon", lon)]);
        not_found_is_none(self.get(request).await)
    }

    /// `GET /api/v1/projects/programmes`: the participatory-budget programmes.
    pub async fn list_programmes(&self) -> Result<Vec<Programme>, Error> {
        self.get(self.http.get(self.url(&["projects", "programmes"])))
            .await
    }

    /// `GET /api/v1/projects/programmes/{key}`; `None` when there is no such programme.
    pub async fn get_programme(&self, key: &str) -> Result<Option<Programme>, Error> {
        not_found_is_none(
            self.get(self.http.get(self.url(&["projects", "programmes", key])))
                .await,
        )
    }

    /// `PUT /api/v1/projects/programmes/{key}/wijken/{wijk}` (programme administrators).
    pub async fn set_round_wijk(
        &self,
        programme: &str,
        wijk: &str,
        body: &SetRoundWijk,
    ) -> Result<Programme, Error> {
        let url = self.url(&["projects", "programmes", programme, "wijken", wijk]);
        self.get(self.http.put(url).json(body)).await
    }

    /// `GET /api/v1/projects/ideas` with filters.
    pub async fn list_ideas(&self, query: &ListIdeasQuery) -> Result<IdeaPage, Error> {
        self.get(self.http.get(self.url(&["projects", "ideas"])).query(query))
            .await
    }

    /// `POST /api/v1/projects/ideas` (needs a token).
    pub async fn create_idea(&self, body: &CreateIdea) -> Result<Idea, Error> {
        self.get(self.http.post(self.url(&["projects", "ideas"])).json(body))
            .await
    }

    /// `GET /api/v1/projects/ideas/{id}` with its history; `None` when there is no such idea.
    pub async fn get_idea(&self, id: &str) -> Result<Option<Idea>, Error> {
        not_found_is_none(
            self.get(self.http.get(self.url(&["projects", "ideas", id])))
                .await,
        )
    }

    /// `POST` (support) or `DELETE` (withdraw) `/api/v1/projects/ideas/{id}/support`.
    pub async fn support_idea(&self, id: &str, support: bool) -> Result<Idea, Error> {
        let url = self.url(&["projects", "ideas", id, "support"]);
        let request = if support {
            self.http.post(url)
        } else {
            self.http.delete(url)
        };
        self.get(request).await
    }

    /// `POST /api/v1/projects/ideas/{id}/status` (staff of the wijk).
    pub async fn set_idea_status(&self, id: &str, body: &SetIdeaStatus) -> Result<Idea, Error> {
        let url = self.url(&["projects", "ideas", id, "status"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `POST /api/v1/projects/ideas/{id}/hide` with a public reason, or `…/show` with `None`.
    pub async fn moderate_idea(&self, id: &str, hide: Option<&str>) -> Result<Idea, Error> {
        let request = match hide {
            Some(reason) => self
                .http
                .post(self.url(&["projects", "ideas", id, "hide"]))
                .json(&HideIdea {
                    reason: reason.to_owned(),
                }),
            None => self.http.post(self.url(&["projects", "ideas", id, "show"])),
        };
        self.get(request).await
    }

    /// `POST /api/v1/projects/proposals` (staff of the wijk).
    pub async fn create_proposal(&self, body: &CreateProposal) -> Result<Proposal, Error> {
        self.get(
            self.http
                .post(self.url(&["projects", "proposals"]))
                .json(body),
        )
        .await
    }

    /// `PUT /api/v1/projects/proposals/{id}` (staff of the wijk, until it is decided).
    pub async fn update_proposal(
        &self,
        id: &str,
        body: &UpdateProposal,
    ) -> Result<Proposal, Error> {
        let url = self.url(&["projects", "proposals", id]);
        self.get(self.http.put(url).json(body)).await
    }

    /// `GET /api/v1/projects/proposals?wijk=`.
    pub async fn list_proposals(&self, wijk: &str) -> Result<Vec<Proposal>, Error> {
        let request = self
            .http
            .get(self.url(&["projects", "proposals"]))
            .query(&[("wijk", wijk)]);
        self.get(request).await
    }

    /// `GET /api/v1/projects/proposals/{id}`; `None` when there is no such proposal.
    pub async fn get_proposal(&self, id: &str) -> Result<Option<Proposal>, Error> {
        not_found_is_none(
            self.get(self.http.get(self.url(&["projects", "proposals", id])))
                .await,
        )
    }

    /// `PUT /api/v1/projects/residents/{user_id}` (staff of the wijk).
    pub async fn verify_residence(
        &self,
        user_id: &str,
        body: &VerifyResidence,
    ) -> Result<Residence, Error> {
        let url = self.url(&["projects", "residents", user_id]);
        self.get(self.http.put(url).json(body)).await
    }

    /// `POST /api/v1/projects/votes` (staff of the wijk).
    pub async fn create_vote(&self, body: &CreateVote) -> Result<Vote, Error> {
        self.get(self.http.post(self.url(&["projects", "votes"])).json(body))
            .await
    }

    /// `GET /api/v1/projects/votes?wijk=`.
    pub async fn list_votes(&self, wijk: &str) -> Result<Vec<Vote>, Error> {
        let request = self
            .http
            .get(self.url(&["projects", "votes"]))
            .query(&[("wijk", wijk)]);
        self.get(request).await
    }

    /// `GET /api/v1/projects/votes/{id}`; `None` when there is no such vote.
    pub async fn get_vote(&self, id: &str) -> Result<Option<Vote>, Error> {
        not_found_is_none(
            self.get(self.http.get(self.url(&["projects", "votes", id])))
                .await,
        )
    }

    /// `PUT /api/v1/projects/votes/{id}/ballot`: cast or change my ballot.
    pub async fn cast_ballot(&self, vote_id: &str, body: &CastBallot) -> Result<Ballot, Error> {
        let url = self.url(&["projects", "votes", vote_id, "ballot"]);
        self.get(self.http.put(url).json(body)).await
    }

    /// `GET /api/v1/projects/votes/{id}/ballot`; `None` when I have not voted.
    pub async fn my_ballot(&self, vote_id: &str) -> Result<Option<Ballot>, Error> {
        let url = self.url(&["projects", "votes", vote_id, "ballot"]);
        not_found_is_none(self.get(self.http.get(url)).await)
    }

    /// `POST /api/v1/projects/votes/{id}/paper-ballots` (staff of the wijk).
    pub async fn enter_paper_ballot(
        &self,
        vote_id: &str,
        body: &CastBallot,
    ) -> Result<Ballot, Error> {
        let url = self.url(&["projects", "votes", vote_id, "paper-ballots"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `GET /api/v1/projects/votes/{id}/paper-ballots` (staff of the wijk); `confirmed` narrows
    /// the list to confirmed or unconfirmed ones.
    pub async fn paper_ballots(
        &self,
        vote_id: &str,
        confirmed: Option<bool>,
    ) -> Result<Vec<PaperBallot>, Error> {
        let mut request = self
            .http
            .get(self.url(&["projects", "votes", vote_id, "paper-ballots"]));
        if let Some(confirmed) = confirmed {
            request = request.query(&[("confirmed", confirmed)]);
        }
        self.get(request).await
    }

    /// `POST /api/v1/projects/votes/{id}/open` (staff of the wijk): opens an upcoming vote now.
    pub async fn open_vote(&self, vote_id: &str) -> Result<Vote, Error> {
        let url = self.url(&["projects", "votes", vote_id, "open"]);
        self.get(self.http.post(url)).await
    }

    /// `POST /api/v1/projects/votes/{id}/close` (staff of the wijk): closes an open vote now.
    pub async fn close_vote(&self, vote_id: &str) -> Result<Vote, Error> {
        let url = self.url(&["projects", "votes", vote_id, "close"]);
        self.get(self.http.post(url)).await
    }

    /// `POST /api/v1/projects/residence-requests`: ask staff of a wijk to verify residence.
    pub async fn request_residence(
        &self,
        body: &RequestResidence,
    ) -> Result<ResidenceRequest, Error> {
        let url = self.url(&["projects", "residence-requests"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `GET /api/v1/projects/residence-requests`: staff see their wijken's queue (or one
    /// wijk's), anyone else their own requests.
    pub async fn list_residence_requests(
        &self,
        wijk: Option<&str>,
        status: Option<&str>,
    ) -> Result<Vec<ResidenceRequest>, Error> {
        let mut request = self.http.get(self.url(&["projects", "residence-requests"]));
        if let Some(wijk) = wijk {
            request = request.query(&[("wijk", wijk)]);
        }
        if let Some(status) = status {
            request = request.query(&[("status", status)]);
        }
        self.get(request).await
    }

    /// `POST /api/v1/projects/residence-requests/{id}/reject` with a reason (staff of the wijk).
    pub async fn reject_residence_request(
        &self,
        id: &str,
        reason: &str,
    ) -> Result<ResidenceRequest, Error> {
        let url = self.url(&["projects", "residence-requests", id, "reject"]);
        let body = RejectResidence {
            reason: reason.to_owned(),
        };
        self.get(self.http.post(url).json(&body)).await
    }

    /// `POST /api/v1/projects/ballots/{id}/confirm` (a second staff member).
    pub async fn confirm_paper_ballot(&self, ballot_id: &str) -> Result<Ballot, Error> {
        let url = self.url(&["projects", "ballots", ballot_id, "confirm"]);
        self.get(self.http.post(url)).await
    }

    /// `GET /api/v1/projects/votes/{id}/results` (after the vote closed).
    pub async fn vote_results(&self, vote_id: &str) -> Result<VoteResults, Error> {
        let url = self.url(&["projects", "votes", vote_id, "results"]);
        self.get(self.http.get(url)).await
    }

    /// `POST /api/v1/projects/proposals/{id}/decision` (staff of the wijk).
    pub async fn decide_proposal(
        &self,
        id: &str,
        body: &DecideProposal,
    ) -> Result<Proposal, Error> {
        let url = self.url(&["projects", "proposals", id, "decision"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `POST /api/v1/projects/votes/{id}/apply` (staff of the wijk, after the close).
    pub async fn apply_vote(&self, vote_id: &str) -> Result<VoteResults, Error> {
        let url = self.url(&["projects", "votes", vote_id, "apply"]);
        self.get(self.http.post(url)).await
    }

    /// `GET /api/v1/projects/projects`, filtered by wijk, round and status (all when empty).
    pub async fn list_projects(&self, query: &ProjectsQuery) -> Result<Vec<Project>, Error> {
        self.get(
            self.http
                .get(self.url(&["projects", "projects"]))
                .query(query),
        )
        .await
    }

    /// `GET /api/v1/projects/projects/{id}` with its updates; `None` when there is no such project.
    pub async fn get_project(&self, id: &str) -> Result<Option<Project>, Error> {
        not_found_is_none(
            self.get(self.http.get(self.url(&["projects", "projects", id])))
                .await,
        )
    }

    /// `POST /api/v1/projects/projects/{id}/updates` (staff of the wijk).
    pub async fn post_project_update(
        &self,
        id: &str,
        body: &CreateProjectUpdate,
    ) -> Result<Project, Error> {
        let url = self.url(&["projects", "projects", id, "updates"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `POST /api/v1/projects/panels` (staff of the wijk).
    pub async fn create_panel(&self, body: &CreatePanel) -> Result<Panel, Error> {
        self.get(self.http.post(self.url(&["projects", "panels"])).json(body))
            .await
    }

    /// `GET /api/v1/projects/panels?wijk=`.
    pub async fn list_panels(&self, wijk: &str) -> Result<Vec<Panel>, Error> {
        let request = self
            .http
            .get(self.url(&["projects", "panels"]))
            .query(&[("wijk", wijk)]);
        self.get(request).await
    }

    /// `GET /api/v1/projects/panels/{id}`; `None` when there is no such panel.
    pub async fn get_panel(&self, id: &str) -> Result<Option<Panel>, Error> {
        not_found_is_none(
            self.get(self.http.get(self.url(&["projects", "panels", id])))
                .await,
        )
    }

    /// `POST /api/v1/projects/panels/{id}/candidates` (staff, before the draw).
    pub async fn add_panel_candidates(
        &self,
        id: &str,
        body: &AddCandidates,
    ) -> Result<Panel, Error> {
        let url = self.url(&["projects", "panels", id, "candidates"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `POST /api/v1/projects/panels/{id}/seed` (staff): publishes the seed the draw will use.
    pub async fn publish_panel_seed(&self, id: &str, seed: &str) -> Result<Panel, Error> {
        let url = self.url(&["projects", "panels", id, "seed"]);
        let body = PublishSeed {
            seed: seed.to_owned(),
        };
        self.get(self.http.post(url).json(&body)).await
    }

    /// `POST /api/v1/projects/panels/{id}/draw` with the published seed (staff).
    pub async fn draw_panel(&self, id: &str, seed: &str) -> Result<Panel, Error> {
        let url = self.url(&["projects", "panels", id, "draw"]);
        let body = DrawPanel {
            seed: seed.to_owned(),
        };
        self.get(self.http.post(url).json(&body)).await
    }

    /// `POST /api/v1/projects/panels/{id}/withdrawals` (staff): a reserve takes the seat.
    pub async fn withdraw_panel_member(&self, id: &str, pseudonym: &str) -> Result<Panel, Error> {
        let url = self.url(&["projects", "panels", id, "withdrawals"]);
        let body = WithdrawMember {
            pseudonym: pseudonym.to_owned(),
        };
        self.get(self.http.post(url).json(&body)).await
    }

    /// `PUT /api/v1/projects/panels/{id}/scores/{proposal_id}` (a sitting member).
    pub async fn score_proposal(
        &self,
        id: &str,
        proposal_id: &str,
        body: &ScoreProposal,
    ) -> Result<ProposalScores, Error> {
        let url = self.url(&["projects", "panels", id, "scores", proposal_id]);
        self.get(self.http.put(url).json(body)).await
    }

    /// `GET /api/v1/projects/panels/{id}/scores`.
    pub async fn panel_scores(&self, id: &str) -> Result<Vec<ProposalScores>, Error> {
        let url = self.url(&["projects", "panels", id, "scores"]);
        self.get(self.http.get(url)).await
    }

    /// `PUT /api/v1/projects/ideas/{id}/image`: `bytes` of type `content_type` (`image/jpeg`,
    /// `image/png` or `image/webp`, at most 5 MiB).
    pub async fn set_idea_image(
        &self,
        id: &str,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> Result<Idea, Error> {
        let request = self
            .http
            .put(self.url(&["projects", "ideas", id, "image"]))
            .header("Content-Type", content_type)
            .body(bytes);
        self.get(request).await
    }

    /// `DELETE /api/v1/projects/ideas/{id}/image`.
    pub async fn remove_idea_image(&self, id: &str) -> Result<Idea, Error> {
        let url = self.url(&["projects", "ideas", id, "image"]);
        self.get(self.http.delete(url)).await
    }

    async fn text(&self, request: Request) -> Result<String, Error> {
        Ok(self.send(request).await?.text())
    }

    /// `GET /api/v1/projects/votes/{id}/election.pb`: a closed vote in the Pabulib format.
    pub async fn vote_election_pb(&self, vote_id: &str) -> Result<String, Error> {
        let url = self.url(&["projects", "votes", vote_id, "election.pb"]);
        self.text(self.http.get(url)).await
    }

    /// `GET /api/v1/projects/panels/{id}/candidates.csv`: the published pool.
    pub async fn panel_candidates_csv(&self, id: &str) -> Result<String, Error> {
        let url = self.url(&["projects", "panels", id, "candidates.csv"]);
        self.text(self.http.get(url)).await
    }

    /// `GET /api/v1/projects/panels/{id}/panel.txt`: the draw, as `samenstad sortition draw` prints it.
    pub async fn panel_txt(&self, id: &str) -> Result<String, Error> {
        let url = self.url(&["projects", "panels", id, "panel.txt"]);
        self.text(self.http.get(url)).await
    }

    /// `GET /api/v1/projects/decisions.atom`: the decisions feed as Atom XML.
    pub async fn decisions_atom(&self) -> Result<String, Error> {
        let url = self.url(&["projects", "decisions.atom"]);
        self.text(self.http.get(url)).await
    }

    /// `GET /api/v1/projects/decisions.json`: the decisions feed (JSON Feed 1.1).
    pub async fn decisions_json(&self) -> Result<serde_json::Value, Error> {
        self.get(self.http.get(self.url(&["projects", "decisions.json"])))
            .await
    }

    /// `GET /api/v1/files/{id}`: an uploaded image's bytes.
    pub async fn file(&self, id: &str) -> Result<Vec<u8>, Error> {
        let response = self.send(self.http.get(self.url(&["files", id]))).await?;
        Ok(response.bytes())
    }

    /// `GET /api/v1/signals/categories`.
    pub async fn signal_categories(&self) -> Result<Vec<SignalCategory>, Error> {
        self.get(self.http.get(self.url(&["signals", "categories"])))
            .await
    }

    /// `GET /api/v1/signals` (public; staff of a signal's service also see its reporter).
    pub async fn list_signals(&self, query: &SignalQuery) -> Result<SignalPage, Error> {
        self.get(self.http.get(self.url(&["signals"])).query(query))
            .await
    }

    /// `GET /api/v1/signals/nearby`: open signals of a category within 250 m.
    pub async fn nearby_signals(&self, query: &NearbyQuery) -> Result<Vec<Signal>, Error> {
        self.get(self.http.get(self.url(&["signals", "nearby"])).query(query))
            .await
    }

    /// `GET /api/v1/feedback`: the feedback table of a wijk or the city over a period.
    pub async fn feedback(
        &self,
        query: &samenstad_types::feedback::FeedbackQuery,
    ) -> Result<samenstad_types::feedback::FeedbackTable, Error> {
        self.get(self.http.get(self.url(&["feedback"])).query(query))
            .await
    }

    /// `GET /api/v1/advisory-councils`.
    pub async fn list_advisory_councils(
        &self,
    ) -> Result<Vec<samenstad_types::councils::AdvisoryCouncil>, Error> {
        self.get(self.http.get(self.url(&["advisory-councils"])))
            .await
    }

    /// `GET /api/v1/advice-requests` (to one council when `query.council` is set).
    pub async fn list_advice_requests(
        &self,
        query: &samenstad_types::councils::AdviceRequestQuery,
    ) -> Result<samenstad_types::councils::AdviceRequestPage, Error> {
        self.get(self.http.get(self.url(&["advice-requests"])).query(query))
            .await
    }

    /// `GET /api/v1/advice-requests/{id}`.
    pub async fn get_advice_request(
        &self,
        id: &str,
    ) -> Result<samenstad_types::councils::AdviceRequest, Error> {
        self.get(self.http.get(self.url(&["advice-requests", id])))
            .await
    }

    /// `POST /api/v1/advice-requests` (staff who speak for the city).
    pub async fn create_advice_request(
        &self,
        body: &samenstad_types::councils::NewAdviceRequest,
    ) -> Result<samenstad_types::councils::AdviceRequest, Error> {
        self.get(self.http.post(self.url(&["advice-requests"])).json(body))
            .await
    }

    /// `POST /api/v1/advice-requests/{id}/advice/{council}` (the council's staff).
    pub async fn publish_advice(
        &self,
        id: &str,
        council: &str,
        body: &samenstad_types::councils::PublishAdvice,
    ) -> Result<samenstad_types::councils::AdviceRequest, Error> {
        self.get(
            self.http
                .post(self.url(&["advice-requests", id, "advice", council]))
                .json(body),
        )
        .await
    }

    /// `PUT /api/v1/advice-requests/{id}/advice/{council}/document` (the council's staff): the
    /// published advice as a PDF.
    pub async fn attach_advice_document(
        &self,
        id: &str,
        council: &str,
        pdf: Vec<u8>,
    ) -> Result<samenstad_types::councils::AdviceRequest, Error> {
        self.get(
            self.http
                .put(self.url(&["advice-requests", id, "advice", council, "document"]))
                .header("Content-Type", "application/pdf")
                .body(pdf),
        )
        .await
    }

    /// `POST /api/v1/advice-requests/{id}/advice/{council}/response` (staff who speak for the
    /// city).
    pub async fn respond_to_advice(
        &self,
        id: &str,
        council: &str,
        body: &samenstad_types::councils::RespondToAdvice,
    ) -> Result<samenstad_types::councils::AdviceRequest, Error> {
        self.get(
            self.http
                .post(self.url(&["advice-requests", id, "advice", council, "response"]))
                .json(body),
        )
        .await
    }

    /// `GET /api/v1/addresses`: addresses of the register that match what was typed.
    pub async fn search_addresses(
        &self,
        query: &samenstad_types::address::AddressQuery,
    ) -> Result<Vec<samenstad_types::address::Address>, Error> {
        self.get(self.http.get(self.url(&["addresses"])).query(query))
            .await
    }

    /// `POST /api/v1/signals` (needs a token).
    pub async fn report_signal(&self, body: &NewSignal) -> Result<Signal, Error> {
        self.get(self.http.post(self.url(&["signals"])).json(body))
            .await
    }

    /// `GET /api/v1/signals/{id}` with its history; `None` when there is no such signal.
    pub async fn get_signal(&self, id: &str) -> Result<Option<Signal>, Error> {
        not_found_is_none(self.get(self.http.get(self.url(&["signals", id]))).await)
    }

    /// `POST /api/v1/signals/{id}/steps` (staff of the signal's service).
    pub async fn signal_step(&self, id: &str, body: &SignalStep) -> Result<Signal, Error> {
        let url = self.url(&["signals", id, "steps"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `POST /api/v1/signals/{id}/moderation` (staff of its service or wijk).
    pub async fn moderate_signal(&self, id: &str, body: &ModerateSignal) -> Result<Signal, Error> {
        let url = self.url(&["signals", id, "moderation"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `POST /api/v1/signals/{id}/reopen` (its reporter).
    pub async fn reopen_signal(&self, id: &str, body: &ReopenSignal) -> Result<Signal, Error> {
        let url = self.url(&["signals", id, "reopen"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `PUT /api/v1/signals/{id}/photo`: `bytes` of type `content_type` (`image/jpeg`,
    /// `image/png` or `image/webp`, at most 10 MiB).
    pub async fn set_signal_photo(
        &self,
        id: &str,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> Result<Signal, Error> {
        let request = self
            .http
            .put(self.url(&["signals", id, "photo"]))
            .header("Content-Type", content_type)
            .body(bytes);
        self.get(request).await
    }

    /// `PUT` (follow) or `DELETE` (stop following) `/api/v1/signals/{id}/follow`.
    pub async fn follow_signal(&self, id: &str, follow: bool) -> Result<(), Error> {
        let url = self.url(&["signals", id, "follow"]);
        let request = if follow {
            self.http.put(url)
        } else {
            self.http.delete(url)
        };
        self.send(request).await.map(drop)
    }

    /// `GET /api/v1/signal-routes`: the routing table of signals.
    pub async fn signal_routes(&self) -> Result<Vec<SignalRoute>, Error> {
        self.get(self.http.get(self.url(&["signal-routes"]))).await
    }

    /// `PUT /api/v1/signal-routes` (administrators): set one line; the table after the change.
    pub async fn put_signal_route(&self, body: &SignalRoute) -> Result<Vec<SignalRoute>, Error> {
        self.get(self.http.put(self.url(&["signal-routes"])).json(body))
            .await
    }

    /// `GET /api/v1/city-services`: the services that answer signals.
    pub async fn list_city_services(&self) -> Result<Vec<CityService>, Error> {
        self.get(self.http.get(self.url(&["city-services"]))).await
    }

    /// `GET /api/v1/subsidies/schemes`.
    pub async fn list_schemes(&self) -> Result<Vec<Scheme>, Error> {
        self.get(self.http.get(self.url(&["subsidies", "schemes"])))
            .await
    }

    /// `GET /api/v1/subsidies/schemes/{key}`; `None` when there is no such scheme.
    pub async fn get_scheme(&self, key: &str) -> Result<Option<Scheme>, Error> {
        not_found_is_none(
            self.get(self.http.get(self.url(&["subsidies", "schemes", key])))
                .await,
        )
    }

    /// `PUT /api/v1/subsidies/schemes/{key}` (programme staff): create or change a scheme.
    pub async fn put_scheme(&self, key: &str, body: &SchemeInput) -> Result<Scheme, Error> {
        let url = self.url(&["subsidies", "schemes", key]);
        self.get(self.http.put(url).json(body)).await
    }

    /// `PUT /api/v1/subsidies/schemes/{key}/budgets/{year}` (programme staff).
    pub async fn put_scheme_budget(
        &self,
        key: &str,
        year: i32,
        budget_cents: i64,
    ) -> Result<Scheme, Error> {
        let year = year.to_string();
        let url = self.url(&["subsidies", "schemes", key, "budgets", &year]);
        self.get(self.http.put(url).json(&BudgetInput { budget_cents }))
            .await
    }

    /// `POST /api/v1/subsidies/schemes/{key}/deadlines` (programme staff).
    pub async fn add_deadline(&self, key: &str, closes_on: &str) -> Result<Deadline, Error> {
        let url = self.url(&["subsidies", "schemes", key, "deadlines"]);
        let body = DeadlineInput {
            closes_on: closes_on.to_owned(),
        };
        self.get(self.http.post(url).json(&body)).await
    }

    /// `POST /api/v1/subsidies/deadlines/{id}/close` (programme staff): send to the jury.
    pub async fn close_deadline(&self, id: &str) -> Result<Deadline, Error> {
        let url = self.url(&["subsidies", "deadlines", id, "close"]);
        self.get(self.http.post(url)).await
    }

    /// `GET /api/v1/subsidies/finder`: categories that fit an amount and a theme.
    pub async fn find_subsidies(&self, query: &FinderQuery) -> Result<Vec<SchemeFit>, Error> {
        let request = self
            .http
            .get(self.url(&["subsidies", "finder"]))
            .query(query);
        self.get(request).await
    }

    /// `POST /api/v1/subsidies/applications`: start a draft.
    pub async fn create_application(&self, body: &NewApplication) -> Result<Application, Error> {
        let url = self.url(&["subsidies", "applications"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `GET /api/v1/subsidies/applications` (`view`: `mine`, `jury` or `all`).
    pub async fn list_applications(
        &self,
        query: &ApplicationsQuery,
    ) -> Result<Vec<ApplicationSummary>, Error> {
        let request = self
            .http
            .get(self.url(&["subsidies", "applications"]))
            .query(query);
        self.get(request).await
    }

    /// `GET /api/v1/subsidies/applications/{id}`; `None` when not found (or not visible).
    pub async fn get_application(&self, id: &str) -> Result<Option<Application>, Error> {
        let url = self.url(&["subsidies", "applications", id]);
        not_found_is_none(self.get(self.http.get(url)).await)
    }

    /// `PUT /api/v1/subsidies/applications/{id}`: save a draft.
    pub async fn save_application(
        &self,
        id: &str,
        body: &ApplicationDraft,
    ) -> Result<Application, Error> {
        let url = self.url(&["subsidies", "applications", id]);
        self.get(self.http.put(url).json(body)).await
    }

    /// `POST /api/v1/subsidies/applications/{id}/submit`.
    pub async fn submit_application(&self, id: &str) -> Result<Application, Error> {
        let url = self.url(&["subsidies", "applications", id, "submit"]);
        self.get(self.http.post(url)).await
    }

    /// `POST /api/v1/subsidies/applications/{id}/withdraw`.
    pub async fn withdraw_application(&self, id: &str, reason: &str) -> Result<Application, Error> {
        let url = self.url(&["subsidies", "applications", id, "withdraw"]);
        let body = Reason {
            reason: reason.to_owned(),
        };
        self.get(self.http.post(url).json(&body)).await
    }

    /// `POST /api/v1/subsidies/applications/{id}/cosignature-links`.
    pub async fn create_cosignature_link(&self, id: &str) -> Result<CosignatureLink, Error> {
        let url = self.url(&["subsidies", "applications", id, "cosignature-links"]);
        self.get(self.http.post(url)).await
    }

    /// `GET /api/v1/subsidies/cosignatures/{token}`.
    pub async fn cosignature_request(&self, token: &str) -> Result<CosignatureRequest, Error> {
        let url = self.url(&["subsidies", "cosignatures", token]);
        self.get(self.http.get(url)).await
    }

    /// `POST /api/v1/subsidies/cosignatures/{token}`: co-sign as the logged-in resident.
    pub async fn cosign(&self, token: &str) -> Result<CosignatureRequest, Error> {
        let url = self.url(&["subsidies", "cosignatures", token]);
        self.get(self.http.post(url)).await
    }

    /// `PUT /api/v1/subsidies/applications/{id}/attachments?name=`: a PDF or image (≤ 10 MiB).
    pub async fn add_attachment(
        &self,
        id: &str,
        name: &str,
        content_type: &str,
        bytes: Vec<u8>,
    ) -> Result<Application, Error> {
        let request = self
            .http
            .put(self.url(&["subsidies", "applications", id, "attachments"]))
            .query(&[("name", name)])
            .header("Content-Type", content_type)
            .body(bytes);
        self.get(request).await
    }

    /// `DELETE /api/v1/subsidies/applications/{id}/attachments/{attachment}`.
    pub async fn remove_attachment(
        &self,
        id: &str,
        attachment: &str,
    ) -> Result<Application, Error> {
        let url = self.url(&["subsidies", "applications", id, "attachments", attachment]);
        self.get(self.http.delete(url)).await
    }

    /// `GET /api/v1/subsidies/attachments/{id}`: the file's bytes.
    pub async fn attachment(&self, id: &str) -> Result<Vec<u8>, Error> {
        let url = self.url(&["subsidies", "attachments", id]);
        Ok(self.send(self.http.get(url)).await?.bytes())
    }

    /// `POST /api/v1/subsidies/applications/{id}/conflict` (jury member).
    pub async fn declare_conflict(&self, id: &str) -> Result<(), Error> {
        let url = self.url(&["subsidies", "applications", id, "conflict"]);
        self.send(self.http.post(url)).await.map(drop)
    }

    /// `PUT /api/v1/subsidies/applications/{id}/scores` (jury member).
    pub async fn score_application(
        &self,
        id: &str,
        body: &ScoresInput,
    ) -> Result<Vec<CriterionScore>, Error> {
        let url = self.url(&["subsidies", "applications", id, "scores"]);
        self.get(self.http.put(url).json(body)).await
    }

    /// `GET /api/v1/subsidies/applications/{id}/advice` (programme staff).
    pub async fn application_advice(&self, id: &str) -> Result<Advice, Error> {
        let url = self.url(&["subsidies", "applications", id, "advice"]);
        self.get(self.http.get(url)).await
    }

    /// `POST /api/v1/subsidies/applications/{id}/decision` (programme staff).
    pub async fn decide_application(
        &self,
        id: &str,
        body: &DecisionInput,
    ) -> Result<Application, Error> {
        let url = self.url(&["subsidies", "applications", id, "decision"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `POST /api/v1/subsidies/applications/{id}/payment` (programme staff).
    pub async fn register_payment(&self, id: &str, reference: &str) -> Result<Application, Error> {
        let url = self.url(&["subsidies", "applications", id, "payment"]);
        let body = PaymentInput {
            reference: reference.to_owned(),
        };
        self.get(self.http.post(url).json(&body)).await
    }

    /// `PUT /api/v1/subsidies/applications/{id}/report` (the applicant, after payment).
    pub async fn submit_report(&self, id: &str, body: &ReportInput) -> Result<Application, Error> {
        let url = self.url(&["subsidies", "applications", id, "report"]);
        self.get(self.http.put(url).json(body)).await
    }

    /// `POST /api/v1/subsidies/applications/{id}/report/review` (programme staff).
    pub async fn review_report(&self, id: &str, body: &ReportReview) -> Result<Application, Error> {
        let url = self.url(&["subsidies", "applications", id, "report", "review"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `GET /api/v1/subsidies/awards`: the public list of grants of a year.
    pub async fn awards(&self, query: &YearQuery) -> Result<Vec<Award>, Error> {
        let request = self
            .http
            .get(self.url(&["subsidies", "awards"]))
            .query(query);
        self.get(request).await
    }

    /// `GET /api/v1/subsidies/awards.csv`.
    pub async fn awards_csv(&self, query: &YearQuery) -> Result<String, Error> {
        let request = self
            .http
            .get(self.url(&["subsidies", "awards.csv"]))
            .query(query);
        self.text(request).await
    }

    /// `GET /api/v1/subsidies/dashboard` (programme staff).
    pub async fn subsidy_dashboard(&self, query: &YearQuery) -> Result<Dashboard, Error> {
        let request = self
            .http
            .get(self.url(&["subsidies", "dashboard"]))
            .query(query);
        self.get(request).await
    }

    /// `GET /api/v1/subsidies/dashboard.csv` (programme staff).
    pub async fn subsidy_dashboard_csv(&self, query: &YearQuery) -> Result<String, Error> {
        let request = self
            .http
            .get(self.url(&["subsidies", "dashboard.csv"]))
            .query(query);
        self.text(request).await
    }

    /// `POST /api/v1/auth/password`: change the password (ends every session).
    pub async fn change_password(&self, body: &ChangePassword) -> Result<(), Error> {
        let url = self.url(&["auth", "password"]);
        self.send(self.http.post(url).json(body)).await.map(drop)
    }

    /// `POST /api/v1/auth/token`: an API client's access token (client credentials grant).
    pub async fn client_token(
        &self,
        client_id: &str,
        client_secret: &str,
    ) -> Result<ClientToken, Error> {
        let body = ClientCredentialsRequest {
            grant_type: "client_credentials".to_owned(),
            client_id: client_id.to_owned(),
            client_secret: client_secret.to_owned(),
        };
        self.get(self.http.post(self.url(&["auth", "token"])).json(&body))
            .await
    }

    /// `PATCH /api/v1/me`: change one's display name or language.
    pub async fn update_me(&self, body: &UpdateMe) -> Result<Me, Error> {
        self.get(self.http.patch(self.url(&["me"])).json(body))
            .await
    }

    /// `GET /api/v1/municipality`: the municipality this server's host serves.
    pub async fn municipality(&self) -> Result<samenstad_types::wijk::Municipality, Error> {
        self.get(self.http.get(self.url(&["municipality"]))).await
    }

    /// `GET /api/v1/map-layer`: the maps' street-level base layer, if configured.
    pub async fn map_layer(&self) -> Result<samenstad_types::wijk::MapLayer, Error> {
        self.get(self.http.get(self.url(&["map-layer"]))).await
    }

    /// `GET /api/v1/me/follows`: what one follows, newest first.
    pub async fn my_follows(&self) -> Result<Vec<Follow>, Error> {
        self.get(self.http.get(self.url(&["me", "follows"]))).await
    }

    /// `POST /api/v1/me/follows`: follow a wijk, idea, signal, vote or council (again: sets the
    /// mode).
    pub async fn follow(&self, body: &NewFollow) -> Result<Follow, Error> {
        self.get(self.http.post(self.url(&["me", "follows"])).json(body))
            .await
    }

    /// `PATCH /api/v1/me/follows/{id}`: at once or in the weekly digest.
    pub async fn set_follow_mode(&self, id: &str, mode: FollowMode) -> Result<Follow, Error> {
        let body = SetFollowMode {
            mode: mode.as_str().to_owned(),
        };
        self.get(
            self.http
                .patch(self.url(&["me", "follows", id]))
                .json(&body),
        )
        .await
    }

    /// `DELETE /api/v1/me/follows/{id}`: stop following.
    pub async fn unfollow(&self, id: &str) -> Result<(), Error> {
        let url = self.url(&["me", "follows", id]);
        self.send(self.http.delete(url)).await.map(drop)
    }

    /// `GET /api/v1/unsubscribe?token=`: what a mail's unsubscribe link stops (no login).
    pub async fn read_unsubscribe(&self, token: &str) -> Result<Unsubscription, Error> {
        let query = UnsubscribeToken {
            token: token.to_owned(),
        };
        self.get(self.http.get(self.url(&["unsubscribe"])).query(&query))
            .await
    }

    /// `POST /api/v1/unsubscribe`: stop what a mail's unsubscribe link names (no login).
    pub async fn unsubscribe(&self, token: &str) -> Result<Unsubscription, Error> {
        let body = UnsubscribeToken {
            token: token.to_owned(),
        };
        self.get(self.http.post(self.url(&["unsubscribe"])).json(&body))
            .await
    }

    /// `DELETE /api/v1/me` with the password: erase one's account (every session ends).
    pub async fn delete_me(&self, password: &str) -> Result<(), Error> {
        let body = DeleteMe {
            password: password.to_owned(),
        };
        self.send(self.http.delete(self.url(&["me"])).json(&body))
            .await
            .map(drop)
    }

    /// `GET /api/v1/me/export`: all personal data of the caller.
    pub async fn export_me(&self) -> Result<MeExport, Error> {
        self.get(self.http.get(self.url(&["me", "export"]))).await
    }

    /// `GET /api/v1/organisations` (one page).
    pub async fn list_organisations(
        &self,
        query: &ListOrganisationsQuery,
    ) -> Result<OrganisationPage, Error> {
        self.get(self.http.get(self.url(&["organisations"])).query(query))
            .await
    }

    /// `POST /api/v1/organisations`: the caller becomes its owner.
    pub async fn create_organisation(
        &self,
        body: &CreateOrganisation,
    ) -> Result<Organisation, Error> {
        self.get(self.http.post(self.url(&["organisations"])).json(body))
            .await
    }

    /// `GET /api/v1/organisations/{id}`; `None` when there is no such organisation.
    pub async fn get_organisation(&self, id: &str) -> Result<Option<Organisation>, Error> {
        let url = self.url(&["organisations", id]);
        not_found_is_none(self.get(self.http.get(url)).await)
    }

    /// `GET /api/v1/organisations/{id}/members` (members only).
    pub async fn list_members(&self, id: &str) -> Result<Vec<Member>, Error> {
        self.get(self.http.get(self.url(&["organisations", id, "members"])))
            .await
    }

    /// `POST /api/v1/organisations/{id}/invitations` (owners): mails an invitation.
    pub async fn invite_member(&self, id: &str, body: &InviteMember) -> Result<Invitation, Error> {
        let url = self.url(&["organisations", id, "invitations"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `POST /api/v1/organisations/invitations/accept` with the mailed token.
    pub async fn accept_invitation(&self, token: &str) -> Result<Organisation, Error> {
        let url = self.url(&["organisations", "invitations", "accept"]);
        let body = TokenRequest {
            token: token.to_owned(),
        };
        self.get(self.http.post(url).json(&body)).await
    }

    /// `DELETE /api/v1/organisations/{id}/members/{user_id}` (owners, or leaving yourself).
    pub async fn remove_member(&self, id: &str, user_id: &str) -> Result<(), Error> {
        let url = self.url(&["organisations", id, "members", user_id]);
        self.send(self.http.delete(url)).await.map(drop)
    }

    /// `POST /api/v1/organisations/{id}/recognition-requests` (owners): ask the city to
    /// recognise the organisation.
    pub async fn request_recognition(
        &self,
        id: &str,
        body: &RequestRecognition,
    ) -> Result<RecognitionRequest, Error> {
        let url = self.url(&["organisations", id, "recognition-requests"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `GET /api/v1/organisations/{id}/recognition-requests`: the organisation's requests,
    /// newest first (its members and staff of its wijk).
    pub async fn organisation_recognition_requests(
        &self,
        id: &str,
    ) -> Result<Vec<RecognitionRequest>, Error> {
        let url = self.url(&["organisations", id, "recognition-requests"]);
        self.get(self.http.get(url)).await
    }

    /// `GET /api/v1/organisations/recognition-requests` (wijk staff): the queue of their wijken.
    pub async fn recognition_queue(
        &self,
        query: &RecognitionQueueQuery,
    ) -> Result<Vec<RecognitionRequest>, Error> {
        let url = self.url(&["organisations", "recognition-requests"]);
        self.get(self.http.get(url).query(query)).await
    }

    /// `POST /api/v1/organisations/recognition-requests/{id}/decision` (staff of the wijk).
    pub async fn decide_recognition(
        &self,
        id: &str,
        body: &DecideRecognition,
    ) -> Result<RecognitionRequest, Error> {
        let url = self.url(&["organisations", "recognition-requests", id, "decision"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `PUT /api/v1/organisations/{id}/recognition` (administrators).
    pub async fn set_recognition(&self, id: &str, recognised: bool) -> Result<Organisation, Error> {
        let url = self.url(&["organisations", id, "recognition"]);
        self.get(self.http.put(url).json(&SetRecognition { recognised }))
            .await
    }

    /// `GET /api/v1/admin/users?email=` (administrators): an account with its roles.
    pub async fn find_user(&self, email: &str) -> Result<Option<Me>, Error> {
        let request = self
            .http
            .get(self.url(&["admin", "users"]))
            .query(&[("email", email)]);
        not_found_is_none(self.get(request).await)
    }

    /// `POST /api/v1/admin/users/{id}/roles` (administrators).
    pub async fn grant_role(
        &self,
        user_id: &str,
        body: &GrantRole,
    ) -> Result<RoleAssignment, Error> {
        let url = self.url(&["admin", "users", user_id, "roles"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `DELETE /api/v1/admin/users/{id}/roles/{role_id}` (administrators).
    pub async fn revoke_role(&self, user_id: &str, role_id: &str) -> Result<(), Error> {
        let url = self.url(&["admin", "users", user_id, "roles", role_id]);
        self.send(self.http.delete(url)).await.map(drop)
    }

    /// `GET /api/v1/admin/api-clients` (administrators).
    pub async fn list_api_clients(&self) -> Result<Vec<ApiClient>, Error> {
        self.get(self.http.get(self.url(&["admin", "api-clients"])))
            .await
    }

    /// `POST /api/v1/admin/api-clients` (administrators); the secret is in the answer, once.
    pub async fn create_api_client(&self, body: &CreateApiClient) -> Result<ApiClient, Error> {
        let url = self.url(&["admin", "api-clients"]);
        self.get(self.http.post(url).json(body)).await
    }

    /// `DELETE /api/v1/admin/api-clients/{id}` (administrators).
    pub async fn revoke_api_client(&self, id: &str) -> Result<(), Error> {
        let url = self.url(&["admin", "api-clients", id]);
        self.send(self.http.delete(url)).await.map(drop)
    }

    /// `GET /api/v1/admin/outbox` (administrators).
    pub async fn list_outbox(&self, query: &ListOutboxQuery) -> Result<Vec<OutboxMail>, Error> {
        let request = self.http.get(self.url(&["admin", "outbox"])).query(query);
        self.get(request).await
    }

    /// `GET /api/v1/audit` (administrators; staff see their wijken).
    pub async fn list_audit(&self, query: &ListAuditQuery) -> Result<AuditPage, Error> {
        self.get(self.http.get(self.url(&["audit"])).query(query))
            .await
    }

    /// `GET /api/v1/me/sessions`: where the account is logged in.
    pub async fn my_sessions(&self) -> Result<Vec<SessionInfo>, Error> {
        self.get(self.http.get(self.url(&["me", "sessions"]))).await
    }

    /// `POST /api/v1/me/sessions/end-others`: sign out everywhere else.
    pub async fn end_other_sessions(&self) -> Result<SessionsEnded, Error> {
        let url = self.url(&["me", "sessions", "end-others"]);
        self.get(self.http.post(url)).await
    }

    /// `DELETE /api/v1/me/sessions/{id}`.
    pub async fn end_session(&self, id: &str) -> Result<(), Error> {
        let url = self.url(&["me", "sessions", id]);
        self.send(self.http.delete(url)).await.map(drop)
    }

    /// `GET /api/v1/audit.csv` (administrators): the newest 10,000 matching entries.
    pub async fn audit_csv(&self, query: &AuditExportQuery) -> Result<String, Error> {
        self.text(self.http.get(self.url(&["audit.csv"])).query(query))
            .await
    }

    /// `GET /api/v1/rooms/{id}/calendar.ics`: a room's bookings as iCalendar.
    pub async fn room_calendar(&self, room_id: &str) -> Result<String, Error> {
        let url = self.url(&["rooms", room_id, "calendar.ics"]);
        self.text(self.http.get(url)).await
    }

    /// `GET /api/v1/wijken/{key}/overview` (staff of the wijk, programme staff).
    pub async fn wijk_overview(
        &self,
        key: &str,
    ) -> Result<samenstad_types::wijk::WijkOverview, Error> {
        self.get(self.http.get(self.url(&["wijken", key, "overview"])))
            .await
    }

    /// `GET /api/v1/wijken/{key}/overview.csv` (staff of the wijk, programme staff).
    pub async fn wijk_overview_csv(&self, key: &str) -> Result<String, Error> {
        self.text(self.http.get(self.url(&["wijken", key, "overview.csv"])))
            .await
    }

    /// `GET /api/v1/open-data`: the DCAT-AP catalogue (JSON-LD).
    pub async fn open_data_catalogue(&self) -> Result<serde_json::Value, Error> {
        self.get(self.http.get(self.url(&["open-data"]))).await
    }

    /// An open-data file as text: `wijken.csv`, `venues.csv`, `rooms.csv`,
    /// `projects/projects.csv`, `projects/projects.geojson`, `projects/ideas.csv`,
    /// `subsidies/deadlines.ics`, `subsidies/awards.csv` (the path under `/api/v1`).
    pub async fn open_data_file(&self, path: &str) -> Result<String, Error> {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        self.text(self.http.get(self.url(&segments))).await
    }
}

fn not_found_is_none<T>(result: Result<T, Error>) -> Result<Option<T>, Error> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(Error::Api(problem)) if problem.status == 404 => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_built_under_api_v1_with_encoded_segments() {
        let client = Client::new("http://localhost:8080").expect("valid");
        assert_eq!(
            client.url(&["wijken", "a b/c"]),
            "http://localhost:8080/api/v1/wijken/a%20b%2Fc"
        );
        let prefixed = Client::new("https://example.org/samenstad").expect("valid");
        assert_eq!(
            prefixed.url(&["health"]),
            "https://example.org/samenstad/api/v1/health"
        );
    }

    #[test]
    fn backoff_doubles_from_a_quarter_second_and_honours_retry_after() {
        let ms = |a, r| backoff(a, r).as_millis();
        assert_eq!([ms(0, None), ms(1, None), ms(2, None)], [250, 500, 1000]);
        assert_eq!((ms(0, Some(2)), ms(0, Some(600))), (2000, 10_000));
    }

    #[test]
    fn a_relative_base_url_is_refused() {
        assert!(matches!(Client::new("/api"), Err(Error::BaseUrl(_))));
    }
}
