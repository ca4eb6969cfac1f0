//! Organisations, their members and invitations.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use samenstad_types::account::{MemberRole, OrganisationKind};
use uuid::Uuid;

use crate::schema::{app_user, organisation, organisation_invitation, organisation_member, wijk};

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

/// Adds a member (or changes the role of an existing one).
pub fn add_member(
    conn: &mut PgConnection,
    organisation_id: Uuid,
    user_id: Uuid,
    role: MemberRole,
) -> QueryResult<()> {
    diesel::insert_into(organisation_member::table)
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
        .set(organisation_member::role.eq(role))
        .execute(conn)
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
