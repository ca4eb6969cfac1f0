//! The account behind a request, with its roles, and the checks every object route uses.

use samenstad_db::PgConnection;
use samenstad_db::queries::accounts::{self as q, RoleRow, UserRow};
use samenstad_types::account::Role;
use samenstad_types::account::{Language, Me, Membership, RoleAssignment};
use uuid::Uuid;

use crate::auth::UserCaller;
use crate::error::AppError;

/// A logged-in, active person and their roles, loaded fresh for each request so a revoked
/// role or an erased account takes effect at once.
#[derive(Debug, Clone)]
pub struct Principal {
    /// The account.
    pub user: UserRow,
    /// Roles with the wijknr of wijk-scoped ones.
    pub roles: Vec<(RoleRow, Option<i16>)>,
}

impl Principal {
    /// Loads the caller; refuses erased accounts and tokens issued before the last password change.
    pub fn load(conn: &mut PgConnection, caller: UserCaller) -> Result<Self, AppError> {
        let user = q::user_by_id(conn, caller.id)?
            .filter(UserRow::is_active)
            .ok_or_else(|| AppError::Unauthorized("the account no longer exists".to_owned()))?;
        if user.password_changed_at.timestamp() > caller.issued_at {
            return Err(AppError::Unauthorized(
                "the password changed; log in again".to_owned(),
            ));
        }
        let roles = q::roles_of(conn, user.id)?;
        Ok(Self { user, roles })
    }

    /// The person behind an optional token; `None` for anonymous callers and API clients (they
    /// see the public view).
    pub fn load_optional(
        conn: &mut PgConnection,
        caller: &crate::auth::MaybeCaller,
    ) -> Result<Option<Self>, AppError> {
        match &caller.0 {
            Some(crate::auth::Caller::User {
                id,
                issued_at,
                session,
            }) => Self::load(
                conn,
                UserCaller {
                    id: *id,
                    issued_at: *issued_at,
                    session: *session,
                },
            )
            .map(Some),
            _ => Ok(None),
        }
    }

    /// Whether the person has this role (any scope).
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.iter().any(|(r, _)| r.role == role)
    }

    /// Whether the person is an administrator.
    pub fn is_admin(&self) -> bool {
        self.has_role(Role::Admin)
    }

    /// Whether the person is staff of this wijk (admins count as staff everywhere).
    pub fn is_staff_of(&self, wijk_id: Option<Uuid>) -> bool {
        self.is_admin()
            || wijk_id.is_some_and(|w| {
                self.roles
                    .iter()
                    .any(|(r, _)| r.role == Role::WijkStaff && r.wijk_id == Some(w))
            })
    }

    /// The wijken the person is staff of (`None` for administrators: all of them).
    pub fn staff_wijken(&self) -> Option<Vec<Uuid>> {
        if self.is_admin() {
            return None;
        }
        Some(
            self.roles
                .iter()
                .filter(|(r, _)| r.role == Role::WijkStaff)
                .filter_map(|(r, _)| r.wijk_id)
                .collect(),
        )
    }

    /// Refuses who is not staff of this wijk.
    pub fn require_staff_of(&self, wijk_id: Uuid) -> Result<(), AppError> {
        if self.is_staff_of(Some(wijk_id)) {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "only staff of this wijk may do this".to_owned(),
            ))
        }
    }

    /// Refuses non-admins.
    pub fn require_admin(&self) -> Result<(), AppError> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "only administrators may do this".to_owned(),
            ))
        }
    }
}

/// The `Me` view of an account.
pub fn me(
    conn: &mut PgConnection,
    user: &UserRow,
    roles: &[(RoleRow, Option<i16>)],
) -> Result<Me, AppError> {
    let organisations = q::memberships_of(conn, user.id)?
        .into_iter()
        .map(|(id, name, role, recognised)| Membership {
            organisation_id: id.to_string(),
            name,
            role,
            recognised,
        })
        .collect();
    Ok(Me {
        id: user.id.to_string(),
        email: user.email.clone().unwrap_or_default(),
        email_verified: user.email_verified_at.is_some(),
        display_name: user.display_name.clone(),
        preferred_language: Language::parse(&user.preferred_language).unwrap_or_default(),
        roles: roles.iter().map(role_view).collect(),
        organisations,
    })
}

/// The API view of a role.
pub fn role_view((row, wijknr): &(RoleRow, Option<i16>)) -> RoleAssignment {
    RoleAssignment {
        id: row.id.to_string(),
        role: row.role,
        wijknr: *wijknr,
        scope_id: row.scope_id.map(|s| s.to_string()),
    }
}

/// Parses a UUID path or body value with a 404 for garbage (the object cannot exist).
pub fn parse_id(value: &str, what: &str) -> Result<Uuid, AppError> {
    value
        .parse()
        .map_err(|_| AppError::NotFound(format!("no {what} with id `{value}`")))
}

/// The wijk with this number or slug, or a field error on `wijk`.
pub fn wijk_id(conn: &mut PgConnection, key: &str) -> Result<Uuid, AppError> {
    samenstad_db::queries::wijken::wijk_id_by_key(conn, key)?
        .ok_or_else(|| AppError::field("wijk", "unknown", "no wijk has this number or slug"))
}

/// The id of the wijk with this number (a 400 on `field` when there is none).
pub fn wijk_id_of(conn: &mut PgConnection, wijknr: i16) -> Result<Uuid, AppError> {
    samenstad_db::queries::wijken::wijk_id_by_key(conn, &wijknr.to_string())?
        .ok_or_else(|| AppError::field("wijknr", "unknown", "no wijk has this number"))
}
