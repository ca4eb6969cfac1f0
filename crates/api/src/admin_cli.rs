//! `samenstad admin …`: account administration from the command line.

use chrono::Utc;
use diesel::Connection;
use samenstad_db::PgConnection;
use samenstad_db::queries::accounts::{self as q, RoleRow, UserRow};
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_types::account::Role;
use serde_json::json;
use uuid::Uuid;

/// Creates the account (verified) or finds it, and grants `role` if it lacks it, with audit
/// rows in the same transaction. Returns whether the account was created.
pub fn create_user(
    conn: &mut PgConnection,
    email: &str,
    name: &str,
    password_hash: &str,
    role: Role,
) -> Result<bool, diesel::result::Error> {
    create_user_with(conn, email, name, password_hash, Some(role), None).map(|(created, _)| created)
}

/// Why the command line cannot grant a role.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// No wijk with this number or slug.
    #[error("no wijk {0}")]
    UnknownWijk(String),
    /// Not a role (nor `resident`).
    #[error("no role {0}")]
    UnknownRole(String),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
}

/// Like [`create_user`], for any of `resident` (no role), `admin`, `programme_admin` and
/// `wijk_staff` of `wijk` (a number or slug). Returns whether the account was created, and its id.
pub fn create_user_scoped(
    conn: &mut PgConnection,
    email: &str,
    name: &str,
    password_hash: &str,
    role: &str,
    wijk: Option<&str>,
) -> Result<(bool, Uuid), CliError> {
    let wijk_id = match wijk {
        Some(key) => Some(
            samenstad_db::queries::wijken::wijk_id_by_key(conn, key)?
                .ok_or_else(|| CliError::UnknownWijk(key.to_owned()))?,
        ),
        None => None,
    };
    let role = match role {
        "resident" => None,
        other => Some(Role::parse(other).ok_or_else(|| CliError::UnknownRole(other.to_owned()))?),
    };
    Ok(create_user_with(
        conn,
        email,
        name,
        password_hash,
        role,
        wijk_id,
    )?)
}

fn create_user_with(
    conn: &mut PgConnection,
    email: &str,
    name: &str,
    password_hash: &str,
    role: Option<Role>,
    wijk_id: Option<Uuid>,
) -> Result<(bool, Uuid), diesel::result::Error> {
    let email = email.trim().to_lowercase();
    conn.transaction(|conn| {
        let (user, created) = match q::user_by_email(conn, &email)? {
            Some(user) => (user, false),
            None => {
                let mut user = UserRow::new(
                    email.clone(),
                    password_hash.to_owned(),
                    name.to_owned(),
                    "nl",
                );
                user.email_verified_at = Some(Utc::now());
                q::insert_user(conn, &user)?;
                audit::record(
                    conn,
                    NewAudit::by(None, "user.created_by_cli").on("user", user.id),
                )?;
                (user, true)
            }
        };
        let Some(role) = role else {
            return Ok((created, user.id));
        };
        if !q::roles_of(conn, user.id)?
            .iter()
            .any(|(r, _)| r.role == role && r.wijk_id == wijk_id)
        {
            let row = RoleRow {
                id: Uuid::now_v7(),
                user_id: user.id,
                role,
                wijk_id,
                scope_id: None,
                granted_by: None,
                created_at: Utc::now(),
            };
            q::grant_role(conn, &row)?;
            audit::record(
                conn,
                NewAudit::by(None, "role.granted")
                    .on("user", user.id)
                    .details(json!({"role": role, "via": "cli"})),
            )?;
        }
        Ok((created, user.id))
    })
}
