//! Residents asking staff of a wijk to verify that they live there (the right to vote in its
//! public votes): one pending request per person; staff verify (through the residence itself,
//! `votes::verify_residence`) or refuse with a reason.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use samenstad_types::projects::{ResidenceRequest, ResidenceRequestStatus};
use serde_json::json;
use uuid::Uuid;

use crate::queries::audit::{self, NewAudit};
use crate::schema::{app_user, residence_request, wijk};

/// Which requests to list.
#[derive(Debug, Clone)]
pub enum RequestsOf {
    /// A resident's own requests.
    User(Uuid),
    /// The requests of these wijken (staff).
    Wijken(Vec<Uuid>),
    /// Every wijk's requests (administrators).
    All,
}

type RequestColumns = (
    Uuid,
    Uuid,
    String,
    i16,
    String,
    NaiveDate,
    ResidenceRequestStatus,
    Option<String>,
    DateTime<Utc>,
);

/// Requests, oldest first for staff (a queue), newest first for a resident; `status` filters.
pub fn requests(
    conn: &mut PgConnection,
    of: &RequestsOf,
    status: Option<ResidenceRequestStatus>,
) -> QueryResult<Vec<ResidenceRequest>> {
    let mut q = residence_request::table
        .inner_join(app_user::table)
        .inner_join(wijk::table)
        .select((
            residence_request::id,
            residence_request::user_id,
            app_user::display_name,
            wijk::wijknr,
            wijk::name,
            residence_request::birth_date,
            residence_request::status,
            residence_request::reason,
            residence_request::created_at,
        ))
        .limit(500)
        .into_boxed();
    q = match of {
        RequestsOf::User(u) => q.filter(residence_request::user_id.eq(*u)).order((
            residence_request::created_at.desc(),
            residence_request::id.desc(),
        )),
        RequestsOf::Wijken(w) => q
            .filter(residence_request::wijk_id.eq_any(w.clone()))
            .order((
                residence_request::created_at.asc(),
                residence_request::id.asc(),
            )),
        RequestsOf::All => q.order((
            residence_request::created_at.asc(),
            residence_request::id.asc(),
        )),
    };
    if let Some(status) = status {
        q = q.filter(residence_request::status.eq(status));
    }
    Ok(q.load::<RequestColumns>(conn)?
        .into_iter()
        .map(
            |(id, user_id, display_name, wijknr, wijk, birth_date, status, reason, at)| {
                ResidenceRequest {
                    id: id.to_string(),
                    user_id: user_id.to_string(),
                    display_name,
                    wijknr,
                    wijk,
                    birth_date: birth_date.to_string(),
                    status,
                    reason,
                    requested_at: at.to_rfc3339(),
                }
            },
        )
        .collect())
}

/// A request by id with its wijk and status, locked for a decision.
pub fn request_for_update(
    conn: &mut PgConnection,
    id: Uuid,
) -> QueryResult<Option<(Uuid, Uuid, ResidenceRequestStatus)>> {
    residence_request::table
        .find(id)
        .select((
            residence_request::user_id,
            residence_request::wijk_id,
            residence_request::status,
        ))
        .for_update()
        .first(conn)
        .optional()
}

/// Whether the resident has a pending request.
pub fn has_pending(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        residence_request::table
            .filter(residence_request::user_id.eq(user_id))
            .filter(residence_request::status.eq(ResidenceRequestStatus::Pending)),
    ))
    .get_result(conn)
}

/// Inserts a pending request with its audit row; false when one is pending already (the
/// unique index decides, so two at once cannot both pass).
pub fn insert_request(
    conn: &mut PgConnection,
    id: Uuid,
    user_id: Uuid,
    wijk_id: Uuid,
    birth_date: NaiveDate,
) -> QueryResult<bool> {
    let inserted = diesel::insert_into(residence_request::table)
        .values((
            residence_request::id.eq(id),
            residence_request::user_id.eq(user_id),
            residence_request::wijk_id.eq(wijk_id),
            residence_request::birth_date.eq(birth_date),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    if inserted == 0 {
        return Ok(false);
    }
    audit::record(
        conn,
        NewAudit::by(Some(user_id), "residence.requested").on("residence_request", id),
    )?;
    Ok(true)
}

/// Whether the resident has asked to be verified in this wijk and is still waiting.
pub fn is_pending(conn: &mut PgConnection, user_id: Uuid, wijk_id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        residence_request::table
            .filter(residence_request::user_id.eq(user_id))
            .filter(residence_request::wijk_id.eq(wijk_id))
            .filter(residence_request::status.eq(ResidenceRequestStatus::Pending)),
    ))
    .get_result(conn)
}

/// Marks the resident's pending request for this wijk verified (when the residence is verified
/// there), in the caller's transaction; a request for another wijk stays for its staff.
pub fn mark_verified(
    conn: &mut PgConnection,
    user_id: Uuid,
    wijk_id: Uuid,
    by: Option<Uuid>,
) -> QueryResult<usize> {
    diesel::update(
        residence_request::table
            .filter(residence_request::user_id.eq(user_id))
            .filter(residence_request::wijk_id.eq(wijk_id))
            .filter(residence_request::status.eq(ResidenceRequestStatus::Pending)),
    )
    .set((
        residence_request::status.eq("verified"),
        residence_request::decided_by.eq(by),
        residence_request::decided_at.eq(Utc::now()),
    ))
    .execute(conn)
}

/// Refuses a pending request with a reason and its audit row.
pub fn reject(conn: &mut PgConnection, id: Uuid, reason: &str, by: Uuid) -> QueryResult<()> {
    diesel::update(residence_request::table.find(id))
        .set((
            residence_request::status.eq("rejected"),
            residence_request::reason.eq(reason),
            residence_request::decided_by.eq(by),
            residence_request::decided_at.eq(Utc::now()),
        ))
        .execute(conn)?;
    audit::record(
        conn,
        NewAudit::by(Some(by), "residence.rejected")
            .on("residence_request", id)
            .details(json!({"reason": reason})),
    )
}
