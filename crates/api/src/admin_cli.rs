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
    create_user_with(conn, email, name, password_hash, Some(role), (None, None))
        .map(|(created, _)| created)
}

/// What a scoped role given on the command line is scoped to, by key.
#[derive(Debug, Clone, Copy, Default)]
pub struct CliScope<'a> {
    /// For `wijk_staff`: the wijk's number or slug.
    pub wijk: Option<&'a str>,
    /// For `jury_member`: the subsidy scheme's key (`samen-aan-zet` …).
    pub scheme: Option<&'a str>,
    /// For `venue_manager`: the venue's slug or id.
    pub venue: Option<&'a str>,
    /// For `service_staff`: the city service's key (`ivago` …).
    pub service: Option<&'a str>,
    /// For `council_staff`: the advisory council's key (`jeugdraad` …).
    pub council: Option<&'a str>,
}

/// Why the command line cannot grant a role.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// No wijk with this number or slug.
    #[error("no wijk {0}")]
    UnknownWijk(String),
    /// No subsidy scheme with this key.
    #[error("no subsidy scheme {0}")]
    UnknownScheme(String),
    /// No venue with this slug or id.
    #[error("no venue {0}")]
    UnknownVenue(String),
    /// No city service with this key.
    #[error("no city service {0}")]
    UnknownService(String),
    /// No advisory council with this key.
    #[error("no advisory council {0}")]
    UnknownCouncil(String),
    /// Not a role (nor `resident`).
    #[error("no role {0}")]
    UnknownRole(String),
    /// The role and the scope options do not go together.
    #[error("{0}")]
    Scope(&'static str),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] diesel::result::Error),
}

/// Like [`create_user`], for `resident` (no role), `admin`, `programme_admin`, `wijk_staff` of
/// `scope.wijk`, `jury_member` of `scope.scheme` or `venue_manager` of `scope.venue`.
/// (Panel members are drawn by lot, never granted here.) Returns whether the account was
/// created, and its id.
pub fn create_user_scoped(
    conn: &mut PgConnection,
    email: &str,
    name: &str,
    password_hash: &str,
    role: &str,
    scope: CliScope<'_>,
) -> Result<(bool, Uuid), CliError> {
    let role = match role {
        "resident" => None,
        other => Some(Role::parse(other).ok_or_else(|| CliError::UnknownRole(other.to_owned()))?),
    };
    let scope = match (role, scope) {
        (
            None | Some(Role::Admin | Role::ProgrammeAdmin),
            CliScope {
                wijk: None,
                scheme: None,
                venue: None,
                service: None,
                council: None,
            },
        ) => (None, None),
        (
            Some(Role::WijkStaff),
            CliScope {
                wijk: Some(key),
                scheme: None,
                venue: None,
                service: None,
                council: None,
            },
        ) => (
            Some(
                samenstad_db::queries::wijken::wijk_id_by_key(conn, key)?
                    .ok_or_else(|| CliError::UnknownWijk(key.to_owned()))?,
            ),
            None,
        ),
        (
            Some(Role::JuryMember),
            CliScope {
                wijk: None,
                scheme: Some(key),
                venue: None,
                service: None,
                council: None,
            },
        ) => (
            None,
            Some(
                samenstad_db::queries::subsidies::scheme_id_by_key(conn, key)?
                    .ok_or_else(|| CliError::UnknownScheme(key.to_owned()))?,
            ),
        ),
        (
            Some(Role::VenueManager),
            CliScope {
                wijk: None,
                scheme: None,
                venue: Some(key),
                service: None,
                council: None,
            },
        ) => (
            None,
            Some(
                samenstad_db::queries::venues::venue_by_key(conn, key)?
                    .ok_or_else(|| CliError::UnknownVenue(key.to_owned()))?
                    .0
                    .id,
            ),
        ),
        (
            Some(Role::ServiceStaff),
            CliScope {
                wijk: None,
                scheme: None,
                venue: None,
                service: Some(key),
                council: None,
            },
        ) => (
            None,
            Some(
                samenstad_db::queries::signals::service_by_key(conn, key)?
                    .ok_or_else(|| CliError::UnknownService(key.to_owned()))?
                    .id,
            ),
        ),
        (
            Some(Role::CouncilStaff),
            CliScope {
                wijk: None,
                scheme: None,
                venue: None,
                service: None,
                council: Some(key),
            },
        ) => (
            None,
            Some(
                samenstad_db::queries::councils::council_by_key(conn, key)?
                    .ok_or_else(|| CliError::UnknownCouncil(key.to_owned()))?
                    .0
                    .id,
            ),
        ),
        (Some(Role::PanelMember), _) => {
            return Err(CliError::Scope(
                "panel members are drawn by lot, not granted on the command line",
            ));
        }
        _ => {
            return Err(CliError::Scope(
                "--wijk goes with --role wijk_staff, --scheme with jury_member, --venue with venue_manager, --service with service_staff, --council with council_staff, and each of those needs its option",
            ));
        }
    };
    Ok(create_user_with(
        conn,
        email,
        name,
        password_hash,
        role,
        scope,
    )?)
}

fn create_user_with(
    conn: &mut PgConnection,
    email: &str,
    name: &str,
    password_hash: &str,
    role: Option<Role>,
    (wijk_id, scope_id): (Option<Uuid>, Option<Uuid>),
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
            .any(|(r, _)| r.role == role && r.wijk_id == wijk_id && r.scope_id == scope_id)
        {
            let row = RoleRow {
                id: Uuid::now_v7(),
                user_id: user.id,
                role,
                wijk_id,
                scope_id,
                granted_by: None,
                created_at: Utc::now(),
            };
            q::grant_role(conn, &row)?;
            audit::record(
                conn,
                NewAudit::by(None, "role.granted")
                    .on("user", user.id)
                    .details(json!({"role": role, "scope_id": scope_id, "via": "cli"})),
            )?;
        }
        Ok((created, user.id))
    })
}
