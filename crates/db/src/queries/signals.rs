//! Signals (meldingen): the city services, the categories and the routing table, the signals
//! with their public history, and who follows them.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::dsl::{count_star, sql};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};
use samenstad_types::follows::{FollowKind, FollowMode};
use samenstad_types::signals::{SignalChannel, SignalResolution, SignalStatus};
use uuid::Uuid;

use crate::queries::follows::{self, Target};

use crate::schema::{
    app_user, city_service, signal, signal_category, signal_event, signal_route, wijk,
};

/// A city service.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = city_service, check_for_backend(diesel::pg::Pg))]
pub struct ServiceRow {
    pub id: Uuid,
    pub key: String,
    pub name: String,
}

/// A category of signals.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = signal_category, check_for_backend(diesel::pg::Pg))]
pub struct CategoryRow {
    pub key: String,
    pub name_nl: String,
    pub name_en: String,
}

/// A signal row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = signal, check_for_backend(diesel::pg::Pg))]
pub struct SignalRow {
    pub id: Uuid,
    pub category: String,
    pub wijk_id: Option<Uuid>,
    pub service_id: Uuid,
    pub lat: f64,
    pub lon: f64,
    pub description: String,
    pub reporter_id: Option<Uuid>,
    pub reporter_name: Option<String>,
    pub reporter_contact: Option<String>,
    pub show_name: bool,
    pub channel: SignalChannel,
    pub entered_by: Option<Uuid>,
    pub status: SignalStatus,
    pub resolution: Option<SignalResolution>,
    pub planned_for: Option<NaiveDate>,
    pub responsible: Option<String>,
    pub duplicate_of: Option<Uuid>,
    pub photo_id: Option<Uuid>,
    pub hidden_reason: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub address: Option<String>,
    pub address_id: Option<String>,
    pub api_client_id: Option<Uuid>,
}

impl SignalRow {
    /// A new signal as reported `now`, not yet looked at; who reported it and how are set by the
    /// caller (`SignalRow { reporter_id: …, ..SignalRow::submitted(…) }`).
    pub fn submitted(
        category: &str,
        service_id: Uuid,
        (lat, lon): (f64, f64),
        description: &str,
        channel: SignalChannel,
        now: DateTime<Utc>,
    ) -> Self {
        SignalRow {
            id: Uuid::now_v7(),
            category: category.to_owned(),
            wijk_id: None,
            service_id,
            lat,
            lon,
            description: description.trim().to_owned(),
            reporter_id: None,
            reporter_name: None,
            reporter_contact: None,
            show_name: false,
            channel,
            entered_by: None,
            status: SignalStatus::Submitted,
            resolution: None,
            planned_for: None,
            responsible: None,
            duplicate_of: None,
            photo_id: None,
            hidden_reason: None,
            closed_at: None,
            created_at: now,
            updated_at: now,
            address: None,
            address_id: None,
            api_client_id: None,
        }
    }
}

/// An entry of a signal's history.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = signal_event, check_for_backend(diesel::pg::Pg))]
pub struct EventRow {
    pub id: Uuid,
    pub signal_id: Uuid,
    pub at: DateTime<Utc>,
    pub status: SignalStatus,
    pub resolution: Option<SignalResolution>,
    pub reason: Option<String>,
    pub actor_id: Option<Uuid>,
    pub by_reporter: bool,
    pub moderation: bool,
}

/// A signal with what its answers show: the service, the wijk number, the number of
/// followers, and the reporting account's name and e-mail address (shown to staff only).
#[derive(Debug, Clone, PartialEq)]
pub struct SignalLine {
    pub row: SignalRow,
    pub service: ServiceRow,
    pub wijknr: Option<i16>,
    pub followers: i64,
    pub account: Option<(String, Option<String>)>,
}

const FOLLOWERS: &str = "(SELECT count(*) FROM follow f WHERE f.signal_id = signal.id)";

type LineTuple = (
    SignalRow,
    ServiceRow,
    Option<i16>,
    i64,
    Option<String>,
    Option<String>,
);

fn line((row, service, wijknr, followers, name, email): LineTuple) -> SignalLine {
    SignalLine {
        row,
        service,
        wijknr,
        followers,
        account: name.map(|n| (n, email)),
    }
}

/// The signals with their service, wijk, followers and reporting account, as one query.
macro_rules! lines {
    () => {
        signal::table
            .inner_join(city_service::table)
            .left_join(wijk::table)
            .left_join(app_user::table)
            .select((
                SignalRow::as_select(),
                ServiceRow::as_select(),
                wijk::wijknr.nullable(),
                sql::<BigInt>(FOLLOWERS),
                app_user::display_name.nullable(),
                app_user::email.nullable(),
            ))
    };
}

/// The categories in the order of the report form.
pub fn categories(conn: &mut PgConnection) -> QueryResult<Vec<CategoryRow>> {
    signal_category::table
        .order(signal_category::position.asc())
        .select(CategoryRow::as_select())
        .load(conn)
}

/// A category's Dutch and English names.
pub fn category_names(conn: &mut PgConnection, key: &str) -> QueryResult<(String, String)> {
    signal_category::table
        .find(key)
        .select((signal_category::name_nl, signal_category::name_en))
        .first(conn)
}

/// Whether a category exists.
pub fn category_exists(conn: &mut PgConnection, key: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(signal_category::table.find(key))).get_result(conn)
}

/// The services, by name.
pub fn services(conn: &mut PgConnection) -> QueryResult<Vec<ServiceRow>> {
    city_service::table
        .order(city_service::name.asc())
        .select(ServiceRow::as_select())
        .load(conn)
}

/// A service by its key.
pub fn service_by_key(conn: &mut PgConnection, key: &str) -> QueryResult<Option<ServiceRow>> {
    city_service::table
        .filter(city_service::key.eq(key))
        .select(ServiceRow::as_select())
        .first(conn)
        .optional()
}

/// The routing table: (category, wijk number or `None` for the default line, service key),
/// by category's position then wijk number (default line first).
pub fn routes(conn: &mut PgConnection) -> QueryResult<Vec<(String, Option<i16>, String)>> {
    signal_route::table
        .inner_join(city_service::table)
        .inner_join(signal_category::table.on(signal_category::key.eq(signal_route::category)))
        .left_join(wijk::table)
        .order((
            signal_category::position.asc(),
            wijk::wijknr.asc().nulls_first(),
        ))
        .select((
            signal_route::category,
            wijk::wijknr.nullable(),
            city_service::key,
        ))
        .load(conn)
}

/// Sets the service of `category` in `wijk_id` (or the default line when `None`).
pub fn put_route(
    conn: &mut PgConnection,
    category: &str,
    wijk_id: Option<Uuid>,
    service_id: Uuid,
    by: Uuid,
) -> QueryResult<()> {
    let same = signal_route::table.filter(signal_route::category.eq(category));
    match wijk_id {
        Some(w) => diesel::delete(same.filter(signal_route::wijk_id.eq(w))).execute(conn)?,
        None => diesel::delete(same.filter(signal_route::wijk_id.is_null())).execute(conn)?,
    };
    diesel::insert_into(signal_route::table)
        .values((
            signal_route::category.eq(category),
            signal_route::wijk_id.eq(wijk_id),
            signal_route::service_id.eq(service_id),
            signal_route::updated_by.eq(Some(by)),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The service that answers signals of `category` in `wijk_id`: the wijk's own line, else the
/// default line of the category.
pub fn route_for(
    conn: &mut PgConnection,
    category: &str,
    wijk_id: Option<Uuid>,
) -> QueryResult<Option<ServiceRow>> {
    let mut q = signal_route::table
        .inner_join(city_service::table)
        .filter(signal_route::category.eq(category))
        .order(signal_route::wijk_id.asc().nulls_last())
        .select(ServiceRow::as_select())
        .into_boxed();
    q = match wijk_id {
        Some(w) => q.filter(
            signal_route::wijk_id
                .eq(w)
                .or(signal_route::wijk_id.is_null()),
        ),
        None => q.filter(signal_route::wijk_id.is_null()),
    };
    q.first(conn).optional()
}

/// Stores a new signal with the first entry of its history; the reporter follows it.
pub fn insert(conn: &mut PgConnection, row: &SignalRow) -> QueryResult<()> {
    diesel::insert_into(signal::table)
        .values(row)
        .execute(conn)?;
    add_event(
        conn,
        &EventRow {
            id: Uuid::now_v7(),
            signal_id: row.id,
            at: row.created_at,
            status: SignalStatus::Submitted,
            resolution: None,
            reason: None,
            actor_id: row.reporter_id.or(row.entered_by),
            by_reporter: row.entered_by.is_none(),
            moderation: false,
        },
    )?;
    if let Some(user) = row.reporter_id {
        follow(conn, row.id, user)?;
    }
    Ok(())
}

/// Adds an entry to a signal's history.
pub fn add_event(conn: &mut PgConnection, event: &EventRow) -> QueryResult<()> {
    diesel::insert_into(signal_event::table)
        .values(event)
        .execute(conn)
        .map(|_| ())
}

/// A signal with its service, wijk, followers and reporting account.
pub fn line_by_id(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<SignalLine>> {
    lines!()
        .filter(signal::id.eq(id))
        .first::<LineTuple>(conn)
        .optional()
        .map(|l| l.map(line))
}

/// The signal row, locked for a change.
pub fn for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<SignalRow>> {
    signal::table
        .find(id)
        .select(SignalRow::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// A signal's history, oldest first.
pub fn history(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<EventRow>> {
    signal_event::table
        .filter(signal_event::signal_id.eq(id))
        .order((signal_event::at.asc(), signal_event::id.asc()))
        .select(EventRow::as_select())
        .load(conn)
}

/// Filters of [`list`].
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub wijk_id: Option<Uuid>,
    pub category: Option<String>,
    pub status: Option<SignalStatus>,
    pub service_id: Option<Uuid>,
    /// Also hidden signals (for staff), else only visible ones.
    pub with_hidden: bool,
    /// Only signals after this one, newest first: (`created_at`, `id`).
    pub after: Option<(DateTime<Utc>, Uuid)>,
    pub limit: i64,
}

/// Signals newest first.
pub fn list(conn: &mut PgConnection, f: &ListFilter) -> QueryResult<Vec<SignalLine>> {
    let mut q = lines!()
        .order((signal::created_at.desc(), signal::id.desc()))
        .limit(f.limit)
        .into_boxed();
    if let Some(w) = f.wijk_id {
        q = q.filter(signal::wijk_id.eq(w));
    }
    if let Some(c) = &f.category {
        q = q.filter(signal::category.eq(c.clone()));
    }
    if let Some(s) = f.status {
        q = q.filter(signal::status.eq(s));
    }
    if let Some(s) = f.service_id {
        q = q.filter(signal::service_id.eq(s));
    }
    if !f.with_hidden {
        q = q.filter(signal::hidden_reason.is_null());
    }
    if let Some((at, id)) = f.after {
        q = q.filter(
            sql::<Bool>("(signal.created_at, signal.id) < (")
                .bind::<diesel::sql_types::Timestamptz, _>(at)
                .sql(", ")
                .bind::<diesel::sql_types::Uuid, _>(id)
                .sql(")"),
        );
    }
    Ok(q.load::<LineTuple>(conn)?.into_iter().map(line).collect())
}

/// Filters of [`open311`]: GeoReport v2's, by time of the request, newest first.
#[derive(Debug, Clone, Default)]
pub struct Open311Filter {
    /// These ids only (overrides every other filter).
    pub ids: Option<Vec<Uuid>>,
    pub categories: Option<Vec<String>>,
    /// `Some(true)`: closed only; `Some(false)`: open only.
    pub closed: Option<bool>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub offset: i64,
    pub limit: i64,
}

/// Visible signals for Open311, newest first.
pub fn open311(conn: &mut PgConnection, f: &Open311Filter) -> QueryResult<Vec<SignalLine>> {
    let mut q = lines!()
        .filter(signal::hidden_reason.is_null())
        .order((signal::created_at.desc(), signal::id.desc()))
        .offset(f.offset)
        .limit(f.limit)
        .into_boxed();
    if let Some(ids) = &f.ids {
        q = q.filter(signal::id.eq_any(ids.clone()));
    } else {
        if let Some(c) = &f.categories {
            q = q.filter(signal::category.eq_any(c.clone()));
        }
        match f.closed {
            Some(true) => q = q.filter(signal::status.eq(SignalStatus::Closed)),
            Some(false) => q = q.filter(signal::status.ne(SignalStatus::Closed)),
            None => {}
        }
        if let Some(from) = f.from {
            q = q.filter(signal::created_at.ge(from));
        }
        if let Some(to) = f.to {
            q = q.filter(signal::created_at.le(to));
        }
    }
    Ok(q.load::<LineTuple>(conn)?.into_iter().map(line).collect())
}

/// The reason of the last step of each signal (not moderation), for Open311's `status_notes`.
pub fn last_reasons(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> QueryResult<std::collections::HashMap<Uuid, String>> {
    let rows: Vec<(Uuid, Option<String>)> = signal_event::table
        .filter(signal_event::signal_id.eq_any(ids))
        .filter(signal_event::moderation.eq(false))
        .distinct_on(signal_event::signal_id)
        .order((
            signal_event::signal_id,
            signal_event::at.desc(),
            signal_event::id.desc(),
        ))
        .select((signal_event::signal_id, signal_event::reason))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, reason)| reason.map(|r| (id, r)))
        .collect())
}

/// How many signals an API client posted since `since`, and the oldest of them.
pub fn client_reported_since(
    conn: &mut PgConnection,
    client: Uuid,
    since: DateTime<Utc>,
) -> QueryResult<(i64, Option<DateTime<Utc>>)> {
    signal::table
        .filter(signal::api_client_id.eq(client))
        .filter(signal::created_at.gt(since))
        .select((count_star(), diesel::dsl::min(signal::created_at)))
        .first(conn)
}

/// Open signals of `category` inside the box (min lat, max lat, min lon, max lon), from the
/// partial GiST index; the caller keeps those within the exact distance.
pub fn open_in_box(
    conn: &mut PgConnection,
    category: &str,
    (lat0, lat1, lon0, lon1): (f64, f64, f64, f64),
) -> QueryResult<Vec<SignalLine>> {
    lines!()
        .filter(signal::category.eq(category))
        .filter(signal::status.ne(SignalStatus::Closed))
        .filter(signal::hidden_reason.is_null())
        .filter(
            sql::<Bool>("point(signal.lon, signal.lat) <@ box(point(")
                .bind::<diesel::sql_types::Double, _>(lon0)
                .sql(", ")
                .bind::<diesel::sql_types::Double, _>(lat0)
                .sql("), point(")
                .bind::<diesel::sql_types::Double, _>(lon1)
                .sql(", ")
                .bind::<diesel::sql_types::Double, _>(lat1)
                .sql("))"),
        )
        .order((signal::created_at.desc(), signal::id.desc()))
        .limit(50)
        .load::<LineTuple>(conn)
        .map(|l| l.into_iter().map(line).collect())
}

/// What a step changes on the signal.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub status: SignalStatus,
    pub resolution: Option<SignalResolution>,
    pub planned_for: Option<NaiveDate>,
    pub responsible: Option<String>,
    pub duplicate_of: Option<Uuid>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// Applies a step and adds it to the history.
pub fn apply(
    conn: &mut PgConnection,
    id: Uuid,
    change: &Change,
    event: &EventRow,
) -> QueryResult<()> {
    diesel::update(signal::table.find(id))
        .set((
            signal::status.eq(change.status),
            signal::resolution.eq(change.resolution),
            signal::planned_for.eq(change.planned_for),
            signal::responsible.eq(change.responsible.as_deref()),
            signal::duplicate_of.eq(change.duplicate_of),
            signal::closed_at.eq(change.closed_at),
            signal::updated_at.eq(event.at),
        ))
        .execute(conn)?;
    add_event(conn, event)
}

/// Gives the signal the stored file `file` as its photo; the previous photo is deleted.
pub fn set_photo(
    conn: &mut PgConnection,
    id: Uuid,
    previous: Option<Uuid>,
    file: Uuid,
) -> QueryResult<()> {
    diesel::update(signal::table.find(id))
        .set((
            signal::photo_id.eq(Some(file)),
            signal::updated_at.eq(Utc::now()),
        ))
        .execute(conn)?;
    if let Some(old) = previous {
        diesel::delete(crate::schema::stored_file::table.find(old)).execute(conn)?;
    }
    Ok(())
}

fn target(signal_id: Uuid) -> Target {
    Target::new(FollowKind::Signal, signal_id)
}

/// `user` follows the signal (again: no change), mailed at once.
pub fn follow(conn: &mut PgConnection, signal_id: Uuid, user: Uuid) -> QueryResult<()> {
    follows::follow(conn, user, target(signal_id), FollowMode::Immediate).map(|_| ())
}

/// `user` no longer follows the signal.
pub fn unfollow(conn: &mut PgConnection, signal_id: Uuid, user: Uuid) -> QueryResult<()> {
    follows::unfollow(conn, user, target(signal_id))
}

/// Whether `user` follows the signal.
pub fn follows(conn: &mut PgConnection, signal_id: Uuid, user: Uuid) -> QueryResult<bool> {
    Ok(follows::find(conn, user, target(signal_id))?.is_some())
}

/// The followers of a duplicate follow the original instead.
pub fn move_followers(conn: &mut PgConnection, from: Uuid, to: Uuid) -> QueryResult<()> {
    follows::move_signal_followers(conn, from, to)
}

/// The signals an account reported (privacy export), oldest first.
pub fn reported_by(conn: &mut PgConnection, user: Uuid) -> QueryResult<Vec<SignalRow>> {
    signal::table
        .filter(signal::reporter_id.eq(user))
        .order(signal::created_at.asc())
        .select(SignalRow::as_select())
        .load(conn)
}

/// How many signals an account reported since `since`, and when the oldest of them was
/// reported (the per-account limit).
pub fn reported_since(
    conn: &mut PgConnection,
    user: Uuid,
    since: DateTime<Utc>,
) -> QueryResult<(i64, Option<DateTime<Utc>>)> {
    signal::table
        .filter(signal::reporter_id.eq(user))
        .filter(signal::entered_by.is_null())
        .filter(signal::created_at.ge(since))
        .select((count_star(), diesel::dsl::min(signal::created_at)))
        .first(conn)
}

/// A signal of the open-data files: no description (free text may hold personal data), no
/// reporter.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct OpenSignal {
    pub id: Uuid,
    pub category: String,
    pub wijknr: Option<i16>,
    pub service: String,
    pub lat: f64,
    pub lon: f64,
    pub channel: SignalChannel,
    pub status: SignalStatus,
    pub resolution: Option<SignalResolution>,
    pub planned_for: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// Every signal for the open-data files, oldest first.
pub fn open_data(conn: &mut PgConnection) -> QueryResult<Vec<OpenSignal>> {
    signal::table
        .inner_join(city_service::table)
        .left_join(wijk::table)
        .filter(signal::hidden_reason.is_null())
        .order((signal::created_at.asc(), signal::id.asc()))
        .select((
            signal::id,
            signal::category,
            wijk::wijknr.nullable(),
            city_service::name,
            signal::lat,
            signal::lon,
            signal::channel,
            signal::status,
            signal::resolution,
            signal::planned_for,
            signal::created_at,
            signal::closed_at,
        ))
        .load(conn)
}

/// What moderation changes on a signal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moderation {
    /// The description with personal data edited out.
    pub description: Option<String>,
    /// Remove the photo.
    pub remove_photo: bool,
    /// Hide (`Some(reason)`) or show (`Some(None)`) the signal; `None` leaves it.
    pub hidden: Option<Option<String>>,
}

/// Applies a moderation and adds it to the history (the photo's file is deleted).
pub fn moderate(
    conn: &mut PgConnection,
    row: &SignalRow,
    m: &Moderation,
    event: &EventRow,
) -> QueryResult<()> {
    if let Some(text) = &m.description {
        diesel::update(signal::table.find(row.id))
            .set(signal::description.eq(text))
            .execute(conn)?;
    }
    if m.remove_photo
        && let Some(file) = row.photo_id
    {
        diesel::update(signal::table.find(row.id))
            .set(signal::photo_id.eq(None::<Uuid>))
            .execute(conn)?;
        diesel::delete(crate::schema::stored_file::table.find(file)).execute(conn)?;
    }
    if let Some(hidden) = &m.hidden {
        diesel::update(signal::table.find(row.id))
            .set(signal::hidden_reason.eq(hidden.as_deref()))
            .execute(conn)?;
    }
    diesel::update(signal::table.find(row.id))
        .set(signal::updated_at.eq(event.at))
        .execute(conn)?;
    add_event(conn, event)
}

/// Whether a hidden signal shows this file.
pub fn is_photo_of_hidden_signal(conn: &mut PgConnection, file: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        signal::table
            .filter(signal::photo_id.eq(file))
            .filter(signal::hidden_reason.is_not_null()),
    ))
    .get_result(conn)
}
