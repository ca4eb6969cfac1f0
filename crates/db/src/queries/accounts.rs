//! People, roles, sessions, one-time e-mail tokens, API clients and login throttling.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use samenstad_types::account::{ApiScope, MemberRole, Role};
use uuid::Uuid;

use crate::schema::{
    api_client, app_user, email_token, login_throttle, mail_outbox, organisation,
    organisation_invitation, organisation_member, refresh_token, residence, residence_request,
    role_assignment, wijk,
};

/// An account row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = app_user, check_for_backend(diesel::pg::Pg))]
pub struct UserRow {
    pub id: Uuid,
    pub email: Option<String>,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub password_hash: Option<String>,
    pub display_name: String,
    pub preferred_language: String,
    pub status: String,
    pub password_changed_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl UserRow {
    /// A new, active, unverified account.
    pub fn new(email: String, password_hash: String, display_name: String, language: &str) -> Self {
        let now = Utc::now();
        Self {
            id: Uuid::now_v7(),
            email: Some(email),
            email_verified_at: None,
            password_hash: Some(password_hash),
            display_name,
            preferred_language: language.to_owned(),
            status: "active".to_owned(),
            password_changed_at: now,
            created_at: now,
            updated_at: now,
        }
    }

    /// Whether the account can log in and act.
    pub fn is_active(&self) -> bool {
        self.status == "active"
    }
}

/// Inserts an account; a taken e-mail address is a unique violation.
pub fn insert_user(conn: &mut PgConnection, user: &UserRow) -> QueryResult<()> {
    diesel::insert_into(app_user::table)
        .values(user)
        .execute(conn)
        .map(|_| ())
}

/// The account with this (lower-cased) e-mail address.
pub fn user_by_email(conn: &mut PgConnection, email: &str) -> QueryResult<Option<UserRow>> {
    app_user::table
        .filter(app_user::email.eq(email))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// The account with this id.
pub fn user_by_id(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<UserRow>> {
    app_user::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// The account with this id, locked for update.
pub fn user_by_id_for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<UserRow>> {
    app_user::table
        .find(id)
        .select(UserRow::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// Marks the e-mail address verified.
pub fn set_email_verified(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    let now = Utc::now();
    diesel::update(app_user::table.find(id))
        .set((
            app_user::email_verified_at.eq(now),
            app_user::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Replaces the password hash.
pub fn set_password(conn: &mut PgConnection, id: Uuid, hash: &str) -> QueryResult<()> {
    let now = Utc::now();
    diesel::update(app_user::table.find(id))
        .set((
            app_user::password_hash.eq(hash),
            app_user::password_changed_at.eq(now),
            app_user::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Updates name and language.
pub fn update_profile(
    conn: &mut PgConnection,
    id: Uuid,
    display_name: &str,
    language: &str,
) -> QueryResult<()> {
    diesel::update(app_user::table.find(id))
        .set((
            app_user::display_name.eq(display_name),
            app_user::preferred_language.eq(language),
            app_user::updated_at.eq(Utc::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Erases an account: personal values are removed, the row stays (pseudonymous) so audit
/// entries keep pointing at "an erased account"; sessions, tokens, mails, roles, memberships
/// and invitations to the address are deleted.
pub fn erase_user(conn: &mut PgConnection, user: &UserRow) -> QueryResult<()> {
    let id = user.id;
    diesel::delete(refresh_token::table.filter(refresh_token::user_id.eq(id))).execute(conn)?;
    diesel::delete(email_token::table.filter(email_token::user_id.eq(id))).execute(conn)?;
    diesel::delete(mail_outbox::table.filter(mail_outbox::user_id.eq(id))).execute(conn)?;
    diesel::delete(role_assignment::table.filter(role_assignment::user_id.eq(id))).execute(conn)?;
    diesel::delete(organisation_member::table.filter(organisation_member::user_id.eq(id)))
        .execute(conn)?;
    // The residence record and requests hold the birth date; a closed vote's ballots keep only
    // the pseudonymous id.
    diesel::delete(residence::table.filter(residence::user_id.eq(id))).execute(conn)?;
    diesel::delete(residence_request::table.filter(residence_request::user_id.eq(id)))
        .execute(conn)?;
    if let Some(email) = &user.email {
        diesel::delete(mail_outbox::table.filter(mail_outbox::to_address.eq(email)))
            .execute(conn)?;
        diesel::delete(
            organisation_invitation::table.filter(organisation_invitation::email.eq(email)),
        )
        .execute(conn)?;
    }
    diesel::update(app_user::table.find(id))
        .set((
            app_user::email.eq(None::<String>),
            app_user::email_verified_at.eq(None::<DateTime<Utc>>),
            app_user::password_hash.eq(None::<String>),
            app_user::display_name.eq("Verwijderd account"),
            app_user::status.eq("erased"),
            app_user::updated_at.eq(Utc::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// A role assignment row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = role_assignment, check_for_backend(diesel::pg::Pg))]
pub struct RoleRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub role: Role,
    pub wijk_id: Option<Uuid>,
    pub scope_id: Option<Uuid>,
    pub granted_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// The roles of an account with the `wijknr` of wijk-scoped ones.
pub fn roles_of(
    conn: &mut PgConnection,
    user_id: Uuid,
) -> QueryResult<Vec<(RoleRow, Option<i16>)>> {
    role_assignment::table
        .left_join(wijk::table)
        .filter(role_assignment::user_id.eq(user_id))
        .order(role_assignment::created_at.asc())
        .select((RoleRow::as_select(), wijk::wijknr.nullable()))
        .load(conn)
}

/// Whether the scope of a scoped role exists: the venue of a `venue_manager`, the subsidy
/// scheme of a `jury_member`, the panel of a `panel_member` (other roles have no scope).
pub fn scope_exists(conn: &mut PgConnection, role: Role, id: Uuid) -> QueryResult<bool> {
    use crate::schema::{panel, subsidy_scheme, venue};
    use diesel::dsl::exists;
    match role {
        Role::VenueManager => diesel::select(exists(venue::table.find(id))).get_result(conn),
        Role::JuryMember => diesel::select(exists(subsidy_scheme::table.find(id))).get_result(conn),
        Role::PanelMember => diesel::select(exists(panel::table.find(id))).get_result(conn),
        Role::ServiceStaff => {
            diesel::select(exists(crate::schema::city_service::table.find(id))).get_result(conn)
        }
        Role::CouncilStaff => crate::queries::councils::council_exists(conn, id),
        _ => Ok(false),
    }
}

/// Grants a role; an identical existing grant is a unique violation.
pub fn grant_role(conn: &mut PgConnection, row: &RoleRow) -> QueryResult<()> {
    diesel::insert_into(role_assignment::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// Removes a role of a user; returns the removed row.
pub fn revoke_role(
    conn: &mut PgConnection,
    user_id: Uuid,
    id: Uuid,
) -> QueryResult<Option<RoleRow>> {
    diesel::delete(
        role_assignment::table
            .filter(role_assignment::id.eq(id))
            .filter(role_assignment::user_id.eq(user_id)),
    )
    .returning(RoleRow::as_returning())
    .get_result(conn)
    .optional()
}

/// An organisation of an account: (id, name, role, recognised).
pub type MembershipRow = (Uuid, String, MemberRole, bool);

/// The organisations of an account.
pub fn memberships_of(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<MembershipRow>> {
    let rows: Vec<(Uuid, String, MemberRole, Option<DateTime<Utc>>)> = organisation_member::table
        .inner_join(organisation::table)
        .filter(organisation_member::user_id.eq(user_id))
        .order(organisation::name.asc())
        .select((
            organisation::id,
            organisation::name,
            organisation_member::role,
            organisation::recognised_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, role, at)| (id, name, role, at.is_some()))
        .collect())
}

/// A refresh token row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = refresh_token, check_for_backend(diesel::pg::Pg))]
pub struct RefreshRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub family_id: Uuid,
    pub token_hash: String,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub rotated_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Stores a refresh token (its hash).
pub fn insert_refresh(conn: &mut PgConnection, row: &RefreshRow) -> QueryResult<()> {
    diesel::insert_into(refresh_token::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The refresh token with this hash, locked for update.
pub fn refresh_by_hash(conn: &mut PgConnection, hash: &str) -> QueryResult<Option<RefreshRow>> {
    refresh_token::table
        .filter(refresh_token::token_hash.eq(hash))
        .select(RefreshRow::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// Marks a token as used (rotated).
pub fn mark_rotated(conn: &mut PgConnection, id: Uuid) -> QueryResult<()> {
    diesel::update(refresh_token::table.find(id))
        .set(refresh_token::rotated_at.eq(Utc::now()))
        .execute(conn)
        .map(|_| ())
}

/// Revokes every token of a family; returns how many were still live.
pub fn revoke_family(conn: &mut PgConnection, family_id: Uuid) -> QueryResult<usize> {
    diesel::update(
        refresh_token::table
            .filter(refresh_token::family_id.eq(family_id))
            .filter(refresh_token::revoked_at.is_null()),
    )
    .set(refresh_token::revoked_at.eq(Utc::now()))
    .execute(conn)
}

/// Revokes every token of an account.
pub fn revoke_all_for_user(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<usize> {
    diesel::update(
        refresh_token::table
            .filter(refresh_token::user_id.eq(user_id))
            .filter(refresh_token::revoked_at.is_null()),
    )
    .set(refresh_token::revoked_at.eq(Utc::now()))
    .execute(conn)
}

/// A session that is still open: its family, when it began, when its token was last renewed,
/// and when it ends unless renewed.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct OpenSession {
    #[diesel(sql_type = diesel::sql_types::Uuid)]
    pub family_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    pub started_at: DateTime<Utc>,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    pub renewed_at: DateTime<Utc>,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    pub expires_at: DateTime<Utc>,
}

/// The open sessions of an account, newest first: families whose newest token is neither
/// rotated, revoked nor expired.
pub fn open_sessions(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<OpenSession>> {
    diesel::sql_query(
        "SELECT family_id, min(issued_at) AS started_at, max(issued_at) AS renewed_at, \
                max(expires_at) AS expires_at \
         FROM refresh_token WHERE user_id = $1 \
         GROUP BY family_id \
         HAVING bool_or(rotated_at IS NULL AND revoked_at IS NULL AND expires_at > now()) \
         ORDER BY max(issued_at) DESC",
    )
    .bind::<diesel::sql_types::Uuid, _>(user_id)
    .load(conn)
}

/// Ends the sessions of an account except `keep`; returns how many sessions ended.
pub fn end_sessions_except(
    conn: &mut PgConnection,
    user_id: Uuid,
    keep: Option<Uuid>,
) -> QueryResult<usize> {
    let open = open_sessions(conn, user_id)?;
    let ending: Vec<Uuid> = open
        .iter()
        .map(|s| s.family_id)
        .filter(|f| Some(*f) != keep)
        .collect();
    diesel::update(
        refresh_token::table
            .filter(refresh_token::user_id.eq(user_id))
            .filter(refresh_token::family_id.eq_any(&ending))
            .filter(refresh_token::revoked_at.is_null()),
    )
    .set(refresh_token::revoked_at.eq(Utc::now()))
    .execute(conn)?;
    Ok(ending.len())
}

/// Ends one session of an account; returns whether it was open.
pub fn end_session(conn: &mut PgConnection, user_id: Uuid, family_id: Uuid) -> QueryResult<bool> {
    let open = open_sessions(conn, user_id)?
        .iter()
        .any(|s| s.family_id == family_id);
    if open {
        revoke_family(conn, family_id)?;
    }
    Ok(open)
}

/// Sessions of an account (for the privacy export).
pub fn sessions_of(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<RefreshRow>> {
    refresh_token::table
        .filter(refresh_token::user_id.eq(user_id))
        .order(refresh_token::issued_at.asc())
        .select(RefreshRow::as_select())
        .load(conn)
}

/// Stores a one-time e-mail token (its hash).
pub fn insert_email_token(
    conn: &mut PgConnection,
    user_id: Uuid,
    purpose: &str,
    hash: &str,
    ttl: Duration,
) -> QueryResult<()> {
    diesel::insert_into(email_token::table)
        .values((
            email_token::id.eq(Uuid::now_v7()),
            email_token::user_id.eq(user_id),
            email_token::purpose.eq(purpose),
            email_token::token_hash.eq(hash),
            email_token::expires_at.eq(Utc::now() + ttl),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Uses a one-time token: returns its account when it exists, has this purpose, is unused and
/// unexpired, and marks it used.
pub fn take_email_token(
    conn: &mut PgConnection,
    hash: &str,
    purpose: &str,
) -> QueryResult<Option<Uuid>> {
    let now = Utc::now();
    diesel::update(
        email_token::table
            .filter(email_token::token_hash.eq(hash))
            .filter(email_token::purpose.eq(purpose))
            .filter(email_token::used_at.is_null())
            .filter(email_token::expires_at.gt(now)),
    )
    .set(email_token::used_at.eq(now))
    .returning(email_token::user_id)
    .get_result(conn)
    .optional()
}

/// An API client row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = api_client, check_for_backend(diesel::pg::Pg))]
pub struct ApiClientRow {
    pub id: Uuid,
    pub client_id: String,
    pub secret_hash: String,
    pub name: String,
    pub scopes: Vec<ApiScope>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Stores an API client.
pub fn insert_api_client(conn: &mut PgConnection, row: &ApiClientRow) -> QueryResult<()> {
    diesel::insert_into(api_client::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The API client whose secret hashes to `secret_hash` (Open311 clients send the secret as
/// `api_key`).
pub fn api_client_by_secret_hash(
    conn: &mut PgConnection,
    secret_hash: &str,
) -> QueryResult<Option<ApiClientRow>> {
    api_client::table
        .filter(api_client::secret_hash.eq(secret_hash))
        .select(ApiClientRow::as_select())
        .first(conn)
        .optional()
}

/// The API client with this public id.
pub fn api_client_by_client_id(
    conn: &mut PgConnection,
    client_id: &str,
) -> QueryResult<Option<ApiClientRow>> {
    api_client::table
        .filter(api_client::client_id.eq(client_id))
        .select(ApiClientRow::as_select())
        .first(conn)
        .optional()
}

/// The API client with this id.
pub fn api_client_by_id(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<ApiClientRow>> {
    api_client::table
        .find(id)
        .select(ApiClientRow::as_select())
        .first(conn)
        .optional()
}

/// All API clients, newest first.
pub fn list_api_clients(conn: &mut PgConnection) -> QueryResult<Vec<ApiClientRow>> {
    api_client::table
        .order(api_client::created_at.desc())
        .select(ApiClientRow::as_select())
        .load(conn)
}

/// Revokes an API client.
pub fn revoke_api_client(conn: &mut PgConnection, id: Uuid) -> QueryResult<usize> {
    diesel::update(
        api_client::table
            .find(id)
            .filter(api_client::revoked_at.is_null()),
    )
    .set(api_client::revoked_at.eq(Utc::now()))
    .execute(conn)
}

#[derive(QueryableByName)]
struct Attempts {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    failures: i32,
    #[diesel(sql_type = diesel::sql_types::Timestamptz)]
    window_started_at: DateTime<Utc>,
}

/// Counts a login attempt for `key` before its password is checked (a success forgets them with
/// [`clear_failures`]; a new window starts when the old one is over), in one statement, so that
/// parallel guesses cannot all pass a check made before any of them failed. `Some(seconds)`
/// until `key` may try again once it has had `max` attempts in the window.
pub fn count_attempt(
    conn: &mut PgConnection,
    key: &str,
    window: Duration,
    max: i32,
) -> QueryResult<Option<i64>> {
    let now = Utc::now();
    let restart_before = now - window;
    let counted: Attempts = diesel::sql_query(
        "INSERT INTO login_throttle (key_hash, failures, window_started_at) VALUES ($1, 1, $2) \
         ON CONFLICT (key_hash) DO UPDATE SET \
           failures = CASE WHEN login_throttle.window_started_at < $3 THEN 1 ELSE login_throttle.failures + 1 END, \
           window_started_at = CASE WHEN login_throttle.window_started_at < $3 THEN $2 ELSE login_throttle.window_started_at END \
         RETURNING failures, window_started_at",
    )
    .bind::<diesel::sql_types::Text, _>(key)
    .bind::<diesel::sql_types::Timestamptz, _>(now)
    .bind::<diesel::sql_types::Timestamptz, _>(restart_before)
    .get_result(conn)?;
    let ends = counted.window_started_at + window;
    Ok((counted.failures > max && ends > now).then(|| (ends - now).num_seconds().max(1)))
}

/// Forgets the failures of `key` (after a successful login).
pub fn clear_failures(conn: &mut PgConnection, key: &str) -> QueryResult<()> {
    diesel::delete(login_throttle::table.find(key))
        .execute(conn)
        .map(|_| ())
}
