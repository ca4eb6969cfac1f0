//! Administration: roles, API clients, the mail outbox and the audit log. Admins only.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, delete, get, post, web};
use chrono::Utc;
use samenstad_db::queries::accounts::{self as q, ApiClientRow, RoleRow};
use samenstad_db::queries::audit::{self, AuditFilter, NewAudit};
use samenstad_db::queries::outbox;
use samenstad_types::Problem;
use samenstad_types::account::{
    ApiClient, AuditExportQuery, AuditPage, CreateApiClient, GrantRole, ListAuditQuery,
    ListOutboxQuery, Me, OutboxMail, RoleAssignment,
};
use samenstad_types::account::{ApiScope, Role};
use serde::Deserialize;
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{UserCaller, random_token, token_hash};
use crate::error::AppError;
use crate::gate;
use crate::page;
use crate::principal::{Principal, me, parse_id, role_view, wijk_id_of};
use crate::query::Query;
use crate::routes::admin_common::{audit_view, mail_view};
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(find_user)
        .service(grant_role)
        .service(revoke_role)
        .service(create_api_client)
        .service(list_api_clients)
        .service(revoke_api_client)
        .service(list_outbox)
        .service(audit_csv)
        .service(list_audit);
}

fn client_view(row: &ApiClientRow, secret: Option<String>) -> ApiClient {
    ApiClient {
        id: row.id.to_string(),
        client_id: row.client_id.clone(),
        name: row.name.clone(),
        scopes: row.scopes.clone(),
        client_secret: secret,
        revoked: row.revoked_at.is_some(),
    }
}

fn admin(conn: &mut samenstad_db::PgConnection, caller: UserCaller) -> Result<Principal, AppError> {
    let p = Principal::load(conn, caller)?;
    p.require_admin()?;
    Ok(p)
}

/// Lookup of an account by e-mail.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FindUserQuery {
    /// E-mail address of the account.
    pub email: String,
}

/// Find an account by e-mail
///
/// Looks up an account by its e-mail address, with its roles and organisations, to manage its roles.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(FindUserQuery),
    responses(
        (status = 200, description = "The account with its roles", body = Me),
        (status = 400, description = "Missing e-mail", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No account has this address", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/users", wrap = "from_fn(gate::admin)")]
pub async fn find_user(
    caller: UserCaller,
    state: web::Data<AppState>,
    query: Query<FindUserQuery>,
) -> Result<web::Json<Me>, AppError> {
    let email = query.into_inner().email.trim().to_lowercase();
    state
        .with_conn(move |conn| {
            admin(conn, caller)?;
            let user = q::user_by_email(conn, &email)?
                .ok_or_else(|| AppError::NotFound("no account has this address".to_owned()))?;
            let roles = q::roles_of(conn, user.id)?;
            me(conn, &user, &roles)
        })
        .await
        .map(web::Json)
}

/// Grant a role
///
/// `wijk_staff` needs `wijknr`; `venue_manager`, `jury_member` and `panel_member` need `scope_id`.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Account id (UUID)")),
    request_body = GrantRole,
    responses(
        (status = 201, description = "Granted", body = RoleAssignment),
        (status = 400, description = "Unknown role, or a scope that is missing or does not exist", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The account already has this role", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/users/{id}/roles", wrap = "from_fn(gate::admin)")]
pub async fn grant_role(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<GrantRole>,
) -> Result<HttpResponse, AppError> {
    let user_id = parse_id(&id, "account")?;
    let body = body.into_inner();
    let role = Role::parse(&body.role).ok_or_else(|| {
        AppError::field(
            "role",
            "invalid",
            "must be admin, programme_admin, wijk_staff, venue_manager, jury_member, panel_member, service_staff or council_staff",
        )
    })?;
    let needs_wijk = role == Role::WijkStaff;
    let needs_scope = matches!(
        role,
        Role::VenueManager
            | Role::JuryMember
            | Role::PanelMember
            | Role::ServiceStaff
            | Role::CouncilStaff
    );
    if needs_wijk != body.wijknr.is_some() {
        return Err(AppError::field(
            "wijknr",
            if needs_wijk { "requires" } else { "excludes" },
            "is required for wijk_staff and not allowed otherwise",
        ));
    }
    let scope_id = match (needs_scope, body.scope_id.as_deref()) {
        (true, Some(s)) => Some(
            s.parse::<Uuid>()
                .map_err(|_| AppError::field("scope_id", "invalid", "must be a UUID"))?,
        ),
        (false, None) => None,
        (needs, _) => {
            return Err(AppError::field(
                "scope_id",
                if needs { "requires" } else { "excludes" },
                "is required for venue_manager, jury_member, panel_member, service_staff and council_staff, and not allowed otherwise",
            ));
        }
    };
    let assignment = state
        .transaction(move |conn| {
            let p = admin(conn, caller)?;
            q::user_by_id(conn, user_id)?.filter(|u| u.is_active()).ok_or_else(|| AppError::NotFound("no such account".to_owned()))?;
            let wijk_id = body.wijknr.map(|nr| wijk_id_of(conn, nr)).transpose()?;
            if let Some(scope) = scope_id
                && !q::scope_exists(conn, role, scope)?
            {
                return Err(AppError::field(
                    "scope_id",
                    "unknown",
                    match role {
                        Role::VenueManager => "no venue has this id",
                        Role::JuryMember => "no subsidy scheme has this id",
                        Role::ServiceStaff => "no city service has this id",
                        Role::CouncilStaff => "no advisory council has this id",
                        _ => "no panel has this id",
                    },
                ));
            }
            let row = RoleRow { id: Uuid::now_v7(), user_id, role, wijk_id, scope_id, granted_by: Some(p.user.id), created_at: Utc::now() };
            q::grant_role(conn, &row).map_err(|e| match AppError::from(e) {
                AppError::Conflict(_) => AppError::Conflict("the account already has this role".to_owned()),
                other => other,
            })?;
            let mut entry = NewAudit::by(Some(p.user.id), "role.granted")
                .on("user", user_id)
                .details(json!({"role": body.role, "wijknr": body.wijknr, "scope_id": scope_id.map(|s| s.to_string())}));
            entry.wijk_id = wijk_id;
            audit::record(conn, entry)?;
            Ok(role_view(&(row, body.wijknr)))
        })
        .await?;
    Ok(HttpResponse::Created().json(assignment))
}

/// Revoke a role
///
/// Removes one role assignment from an account; it takes effect on the next request of that account.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Account id (UUID)"), ("role_id" = String, Path, description = "Id of the role assignment")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such role assignment", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/admin/users/{id}/roles/{role_id}", wrap = "from_fn(gate::admin)")]
pub async fn revoke_role(
    caller: UserCaller,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (user, role) = path.into_inner();
    let user_id = parse_id(&user, "account")?;
    let role_id = parse_id(&role, "role assignment")?;
    state
        .transaction(move |conn| {
            let p = admin(conn, caller)?;
            let row = q::revoke_role(conn, user_id, role_id)?
                .ok_or_else(|| AppError::NotFound("no such role assignment".to_owned()))?;
            let mut entry = NewAudit::by(Some(p.user.id), "role.revoked")
                .on("user", user_id)
                .details(json!({"role": row.role}));
            entry.wijk_id = row.wijk_id;
            audit::record(conn, entry).map_err(AppError::from)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Create an API client
///
/// Returns the client id and the secret; the secret is shown only in this response and stored
/// only as a hash. The client gets `read` scope.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    request_body = CreateApiClient,
    responses(
        (status = 201, description = "Created; `client_secret` is shown once", body = ApiClient),
        (status = 400, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/api-clients", wrap = "from_fn(gate::admin)")]
pub async fn create_api_client(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<CreateApiClient>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    body.validate()?;
    let mut scopes = vec![ApiScope::Read];
    for given in &body.scopes {
        let scope = ApiScope::parse(given).ok_or_else(|| {
            AppError::field(
                "scopes",
                "invalid",
                &format!(
                    "unknown scope `{given}`; known: {}",
                    ApiScope::ALL
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })?;
        if scope != ApiScope::Read {
            scopes.push(scope);
        }
    }
    scopes.dedup();
    let secret = random_token();
    let secret_hash = token_hash(&secret);
    let client = state
        .transaction(move |conn| {
            let p = admin(conn, caller)?;
            let id = Uuid::now_v7();
            let row = ApiClientRow {
                id,
                client_id: format!("sc_{}", &id.simple().to_string()[20..]),
                secret_hash,
                name: body.name.trim().to_owned(),
                scopes,
                created_by: Some(p.user.id),
                created_at: Utc::now(),
                revoked_at: None,
            };
            q::insert_api_client(conn, &row)?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "api_client.created")
                    .on("api_client", id)
                    .details(json!({"name": row.name})),
            )?;
            Ok(client_view(&row, Some(secret)))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(client))
}

/// List API clients
///
/// All API clients of integrators with their scopes and whether they were revoked; secrets are never shown again.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "All clients (without secrets)", body = Vec<ApiClient>),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/api-clients", wrap = "from_fn(gate::admin)")]
pub async fn list_api_clients(
    caller: UserCaller,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<ApiClient>>, AppError> {
    state
        .with_conn(move |conn| {
            admin(conn, caller)?;
            Ok(q::list_api_clients(conn)?
                .iter()
                .map(|c| client_view(c, None))
                .collect())
        })
        .await
        .map(web::Json)
}

/// Revoke an API client
///
/// Its secret stops working at once; tokens it already has expire within 15 minutes.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Id of the client (UUID)")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such client", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/admin/api-clients/{id}", wrap = "from_fn(gate::admin)")]
pub async fn revoke_api_client(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "API client")?;
    state
        .transaction(move |conn| {
            let p = admin(conn, caller)?;
            q::api_client_by_id(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such API client".to_owned()))?;
            q::revoke_api_client(conn, id)?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "api_client.revoked").on("api_client", id),
            )
            .map_err(AppError::from)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The mail outbox
///
/// The newest 200 mails with their status. A one-time link (e-mail verification, password
/// reset, invitation) shows `{one-time-token}` where its token goes: the token exists only in
/// the mail handed over, never here.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(ListOutboxQuery),
    responses(
        (status = 200, description = "Mails, newest first", body = Vec<OutboxMail>),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/outbox", wrap = "from_fn(gate::admin)")]
pub async fn list_outbox(
    caller: UserCaller,
    state: web::Data<AppState>,
    query: Query<ListOutboxQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    query.validate()?;
    let to = query.to;
    let mails: Vec<OutboxMail> = state
        .with_conn(move |conn| {
            admin(conn, caller)?;
            Ok(outbox::list(conn, to.as_deref())?
                .iter()
                .map(mail_view)
                .collect())
        })
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(mails))
}

/// The filters of the audit log, checked.
fn audit_filter(
    action: Option<String>,
    actor: Option<&str>,
    object_id: Option<String>,
) -> Result<AuditFilter, AppError> {
    Ok(AuditFilter {
        action: action.filter(|a| !a.trim().is_empty()),
        actor: actor
            .filter(|a| !a.trim().is_empty())
            .map(|a| {
                a.trim()
                    .parse()
                    .map_err(|_| AppError::field("actor", "invalid", "must be a UUID"))
            })
            .transpose()?,
        object_id: object_id.filter(|o| !o.trim().is_empty()),
        before_id: None,
    })
}

/// The most entries one CSV download holds.
const AUDIT_CSV_ROWS: i64 = 10_000;

/// The audit log as CSV
///
/// The newest 10,000 entries matching the filters, for a spreadsheet or an archive: id,
/// occurred_at, actor_user_id, actor_client_id, action, object_type, object_id, details (JSON).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(AuditExportQuery),
    responses(
        (status = 200, description = "CSV, newest first", content_type = "text/csv", body = String,
         example = json!("id,occurred_at,actor_user_id,actor_client_id,action,object_type,object_id,details\n42,2026-12-04T09:00:00+00:00,0193…,,role.granted,user,0193…,\"{\"\"role\"\":\"\"jury_member\"\"}\"\n")),
        (status = 400, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/audit.csv", wrap = "from_fn(gate::admin)")]
pub async fn audit_csv(
    caller: UserCaller,
    state: web::Data<AppState>,
    query: Query<AuditExportQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    query.validate()?;
    let filter = audit_filter(query.action, query.actor.as_deref(), query.object_id)?;
    let rows = state
        .with_conn(move |conn| {
            admin(conn, caller)?;
            Ok(audit::list(conn, &filter, AUDIT_CSV_ROWS)?)
        })
        .await?;
    let text = |v: Option<&String>| v.cloned().unwrap_or_default();
    let id = |v: Option<uuid::Uuid>| v.map(|u| u.to_string()).unwrap_or_default();
    crate::csv_export::download(
        "audit.csv",
        &[
            "id",
            "occurred_at",
            "actor_user_id",
            "actor_client_id",
            "action",
            "object_type",
            "object_id",
            "details",
        ],
        rows.into_iter().map(|r| {
            vec![
                r.id.to_string(),
                r.occurred_at.to_rfc3339(),
                id(r.actor_user_id),
                id(r.actor_client_id),
                r.action.clone(),
                text(r.object_type.as_ref()),
                text(r.object_id.as_ref()),
                r.details.to_string(),
            ]
        }),
    )
}

/// The audit log
///
/// Append-only record of logins, failed logins, role changes, client creation, organisation
/// decisions …, newest first, with filters and cursor pagination.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(ListAuditQuery),
    responses(
        (status = 200, description = "A page of entries", body = AuditPage),
        (status = 400, description = "Invalid filter or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/audit", wrap = "from_fn(gate::admin)")]
pub async fn list_audit(
    caller: UserCaller,
    state: web::Data<AppState>,
    query: Query<ListAuditQuery>,
) -> Result<web::Json<AuditPage>, AppError> {
    let query = query.into_inner();
    query.validate()?;
    let limit = page::limit(query.limit);
    let mut filter = audit_filter(query.action, query.actor.as_deref(), query.object_id)?;
    filter.before_id = page::position(query.cursor.as_deref())?;
    let rows = state
        .with_conn(move |conn| {
            admin(conn, caller)?;
            Ok(audit::list(conn, &filter, limit + 1)?)
        })
        .await?;
    let page = page::cut(rows, limit, |last| last.id);
    Ok(web::Json(page.map(|row| audit_view(&row))))
}
