//! Organisations, their members and invitations.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use samenstad_types::account::{MemberRole, OrganisationKind};
use samenstad_types::recognition::RecognitionStatus;
use uuid::Uuid;

use crate::schema::{
    app_user, organisation, organisation_invitation, organisation_member,
    organisation_recognition_request, wijk,
};

/// An organisation row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = organisation, check_for_backend(diesel::pg::Pg))]
pub struct OrganisationRow {
    pub id: Uuid,
    pub name: String,
    pub kind: OrganisationKind,
    pub wijk_id: Option<Uuid>,
    pub description: String,
    pub website: Option<String>,
    pub recognised_at: Option<DateTime<Utc>>,
    pub recognised_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Stores an organisation and makes `owner` its owner.
pub fn insert_organisation(
    conn: &mut PgConnection,
    row: &OrganisationRow,
    owner: Uuid,
) -> QueryResult<()> {
    diesel::insert_into(organisation::table)
        .values(row)
        .execute(conn)?;
    add_member(conn, row.id, owner, MemberRole::Owner)
}

/// An organisation with the `wijknr` of its wijk.
pub fn organisation_by_id(
    conn: &mut PgConnection,
    id: Uuid,
) -> QueryResult<Option<(OrganisationRow, Option<i16>)>> {
    organisation::table
        .left_join(wijk::table)
        .filter(organisation::id.eq(id))
        .select((OrganisationRow::as_select(), wijk::wijknr.nullable()))
        .first(conn)
        .optional()
}

/// Organisations ordered by name, after `after_name`/`after_id` (keyset pagination).
pub fn list_organisations(
    conn: &mut PgConnection,
    after: Option<(String, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<(OrganisationRow, Option<i16>)>> {
    let mut query = organisation::table
        .left_join(wijk::table)
        .select((OrganisationRow::as_select(), wijk::wijknr.nullable()))
        .order((organisation::name.asc(), organisation::id.asc()))
        .limit(limit)
        .into_boxed();
    if let Some((name, id)) = after {
        query = query.filter(
            organisation::name
                .gt(name.clone())
                .or(organisation::name.eq(name).and(organisation::id.gt(id))),
        );
    }
    query.load(conn)
}

/// Sets or clears the recognition.
pub fn set_recognition(conn: &mut PgConnection, id: Uuid, by: Option<Uuid>) -> QueryResult<()> {
    let now = Utc::now();
    let at = by.map(|_| now);
    diesel::update(organisation::table.find(id))
        .set((
            organisation::recognised_at.eq(at),
            organisation::recognised_by.eq(by),
            organisation::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Adds a member (or makes an existing member an owner); an owner stays an owner (a `member`
/// invitation accepted by an owner does not demote them).
pub fn add_member(
    conn: &mut PgConnection,
    organisation_id: Uuid,
    user_id: Uuid,
    role: MemberRole,
) -> QueryResult<()> {
    let upsert = diesel::insert_into(organisation_member::table)
        .values((
            organisation_member::organisation_id.eq(organisation_id),
            organisation_member::user_id.eq(user_id),
            organisation_member::role.eq(role),
        ))
        .on_conflict((
            organisation_member::organisation_id,
            organisation_member::user_id,
        ))
        .do_update()
        .set(organisation_member::role.eq(role));
    // ON CONFLICT … DO UPDATE … WHERE role <> 'owner'
    diesel::query_dsl::methods::FilterDsl::filter(
        upsert,
        organisation_member::role.ne(MemberRole::Owner),
    )
    .execute(conn)
    .map(|_| ())
}

/// Locks the organisation's row until the caller's transaction ends, so that changes to its
/// owners are made one at a time (two owners leaving at once cannot both be "not the last").
pub fn lock(conn: &mut PgConnection, organisation_id: Uuid) -> QueryResult<()> {
    organisation::table
        .find(organisation_id)
        .select(organisation::id)
        .for_update()
        .first::<Uuid>(conn)
        .optional()
        .map(|_| ())
}

/// The role of an account in an organisation.
pub fn member_role(
    conn: &mut PgConnection,
    organisation_id: Uuid,
    user_id: Uuid,
) -> QueryResult<Option<MemberRole>> {
    organisation_member::table
        .find((organisation_id, user_id))
        .select(organisation_member::role)
        .first(conn)
        .optional()
}

/// Members: (user id, display name, role).
pub fn members(
    conn: &mut PgConnection,
    organisation_id: Uuid,
) -> QueryResult<Vec<(Uuid, String, MemberRole)>> {
    organisation_member::table
        .inner_join(app_user::table)
        .filter(organisation_member::organisation_id.eq(organisation_id))
        .order((
            organisation_member::role.desc(),
            app_user::display_name.asc(),
        ))
        .select((
            app_user::id,
            app_user::display_name,
            organisation_member::role,
        ))
        .load(conn)
}

/// Number of owners.
pub fn owner_count(conn: &mut PgConnection, organisation_id: Uuid) -> QueryResult<i64> {
    organisation_member::table
        .filter(organisation_member::organisation_id.eq(organisation_id))
        .filter(organisation_member::role.eq(MemberRole::Owner))
        .count()
        .get_result(conn)
}

/// Removes a member; returns whether there was one.
pub fn remove_member(
    conn: &mut PgConnection,
    organisation_id: Uuid,
    user_id: Uuid,
) -> QueryResult<bool> {
    diesel::delete(organisation_member::table.find((organisation_id, user_id)))
        .execute(conn)
        .map(|n| n > 0)
}

/// Stores an invitation; returns its id and expiry.
pub fn insert_invitation(
    conn: &mut PgConnection,
    organisation_id: Uuid,
    email: &str,
    role: MemberRole,
    token_hash: &str,
    invited_by: Uuid,
    ttl: Duration,
) -> QueryResult<(Uuid, DateTime<Utc>)> {
    let id = Uuid::now_v7();
    let expires_at = Utc::now() + ttl;
    diesel::insert_into(organisation_invitation::table)
        .values((
            organisation_invitation::id.eq(id),
            organisation_invitation::organisation_id.eq(organisation_id),
            organisation_invitation::email.eq(email),
            organisation_invitation::role.eq(role),
            organisation_invitation::token_hash.eq(token_hash),
            organisation_invitation::invited_by.eq(invited_by),
            organisation_invitation::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok((id, expires_at))
}

/// Accepts an open invitation addressed to `email`: returns (organisation id, role).
pub fn accept_invitation(
    conn: &mut PgConnection,
    token_hash: &str,
    email: &str,
    user_id: Uuid,
) -> QueryResult<Option<(Uuid, MemberRole)>> {
    let now = Utc::now();
    diesel::update(
        organisation_invitation::table
            .filter(organisation_invitation::token_hash.eq(token_hash))
            .filter(organisation_invitation::email.eq(email))
            .filter(organisation_invitation::accepted_at.is_null())
            .filter(organisation_invitation::expires_at.gt(now)),
    )
    .set((
        organisation_invitation::accepted_at.eq(now),
        organisation_invitation::accepted_by.eq(user_id),
    ))
    .returning((
        organisation_invitation::organisation_id,
        organisation_invitation::role,
    ))
    .get_result(conn)
    .optional()
}

/// An invitation as the privacy export shows it: (organisation, role, created, accepted).
pub type InvitationSummary = (Uuid, String, DateTime<Utc>, Option<DateTime<Utc>>);

/// Invitations addressed to an e-mail (for the privacy export).
pub fn invitations_to(conn: &mut PgConnection, email: &str) -> QueryResult<Vec<InvitationSummary>> {
    organisation_invitation::table
        .filter(organisation_invitation::email.eq(email))
        .select((
            organisation_invitation::organisation_id,
            organisation_invitation::role,
            organisation_invitation::created_at,
            organisation_invitation::accepted_at,
        ))
        .load(conn)
}

/// A request for recognition.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = organisation_recognition_request, check_for_backend(diesel::pg::Pg))]
pub struct RecognitionRow {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub motivation: String,
    pub requested_by: Option<Uuid>,
    pub requested_at: DateTime<Utc>,
    pub status: RecognitionStatus,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    pub reason: Option<String>,
}

/// A request with its organisation and the organisation's `wijknr`.
pub type RecognitionLine = (RecognitionRow, OrganisationRow, Option<i16>);

/// Which requests a list holds.
#[derive(Debug, Clone, PartialEq)]
pub enum RecognitionScope {
    /// Every organisation's (administrators).
    All,
    /// Those of organisations in these wijken (their staff).
    Wijken(Vec<Uuid>),
    /// One organisation's, newest first (its members).
    Organisation(Uuid),
}

/// Whether the organisation has an open request.
pub fn has_open_recognition_request(
    conn: &mut PgConnection,
    organisation_id: Uuid,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        organisation_recognition_request::table
            .filter(organisation_recognition_request::organisation_id.eq(organisation_id))
            .filter(organisation_recognition_request::status.eq(RecognitionStatus::Pending)),
    ))
    .get_result(conn)
}

/// Stores a new (pending) request.
pub fn insert_recognition_request(
    conn: &mut PgConnection,
    row: &RecognitionRow,
) -> QueryResult<()> {
    diesel::insert_into(organisation_recognition_request::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Requests in `scope` with `status` (any status when `None`): a queue oldest first, an
/// organisation's history newest first. One query, joined with the organisation and its wijk.
pub fn recognition_requests(
    conn: &mut PgConnection,
    scope: &RecognitionScope,
    status: Option<RecognitionStatus>,
) -> QueryResult<Vec<RecognitionLine>> {
    let mut query = organisation_recognition_request::table
        .inner_join(organisation::table.left_join(wijk::table))
        .select((
            RecognitionRow::as_select(),
            OrganisationRow::as_select(),
            wijk::wijknr.nullable(),
        ))
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(organisation_recognition_request::status.eq(status));
    }
    query = match scope {
        RecognitionScope::All => query.order(organisation_recognition_request::requested_at.asc()),
        RecognitionScope::Wijken(wijken) => query
            .filter(organisation::wijk_id.eq_any(wijken.clone()))
            .order(organisation_recognition_request::requested_at.asc()),
        RecognitionScope::Organisation(id) => query
            .filter(organisation_recognition_request::organisation_id.eq(*id))
            .order(organisation_recognition_request::requested_at.desc()),
    };
    query.limit(500).load(conn)
}

/// A request with its organisation, the request's row locked for the decision (`FOR UPDATE`;
/// the organisation's side of the join may be null and cannot be locked with it).
pub fn recognition_request_for_update(
    conn: &mut PgConnection,
    id: Uuid,
) -> QueryResult<Option<RecognitionLine>> {
    let locked: Option<Uuid> = organisation_recognition_request::table
        .find(id)
        .select(organisation_recognition_request::id)
        .for_update()
        .first(conn)
        .optional()?;
    if locked.is_none() {
        return Ok(None);
    }
    organisation_recognition_request::table
        .inner_join(organisation::table.left_join(wijk::table))
        .filter(organisation_recognition_request::id.eq(id))
        .select((
            RecognitionRow::as_select(),
            OrganisationRow::as_select(),
            wijk::wijknr.nullable(),
        ))
        .first(conn)
        .optional()
}

/// Records the decision on a request, and recognises the organisation when `status` says so.
/// Call inside the transaction that also writes the audit row.
pub fn decide_recognition(
    conn: &mut PgConnection,
    request: &RecognitionRow,
    status: RecognitionStatus,
    by: Uuid,
    reason: Option<&str>,
) -> QueryResult<()> {
    let now = Utc::now();
    diesel::update(organisation_recognition_request::table.find(request.id))
        .set((
            organisation_recognition_request::status.eq(status),
            organisation_recognition_request::decided_by.eq(Some(by)),
            organisation_recognition_request::decided_at.eq(Some(now)),
            organisation_recognition_request::reason.eq(reason),
        ))
        .execute(conn)?;
    if status == RecognitionStatus::Recognised {
        set_recognition(conn, request.organisation_id, Some(by))?;
    }
    Ok(())
}

/// E-mail addresses of an organisation's owners (for mail about the organisation).
pub fn owner_emails(conn: &mut PgConnection, organisation_id: Uuid) -> QueryResult<Vec<String>> {
    organisation_member::table
        .inner_join(app_user::table)
        .filter(organisation_member::organisation_id.eq(organisation_id))
        .filter(organisation_member::role.eq(MemberRole::Owner))
        .select(app_user::email)
        .load::<Option<String>>(conn)
        .map(|emails| emails.into_iter().flatten().collect())
}
