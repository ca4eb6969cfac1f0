//! Organisations (bewonersgroepen, verenigingen …): create, list, members, invitations,
//! recognition by staff of the organisation's wijk.

use actix_web::http::header;
use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, delete, get, post, put, web};
use chrono::{Duration, Utc};
use samenstad_db::PgConnection;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::organisations::{self as q, OrganisationRow};
use samenstad_types::Problem;
use samenstad_types::account::{
    CreateOrganisation, Invitation, InviteMember, Member, MemberRole, Organisation,
    OrganisationKind, SetRecognition, TokenRequest,
};
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{UserCaller, token_hash};
use crate::error::AppError;
use crate::gate;
use crate::mail;
use crate::page;
use crate::principal::{Principal, parse_id, wijk_id_of};
use crate::query::Query;
use crate::routes::organisations_common::load_organisation;
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(accept_invitation)
        .service(create_organisation)
        .service(list_organisations)
        .service(get_organisation)
        .service(list_members)
        .service(invite_member)
        .service(remove_member)
        .service(set_recognition);
}

pub use samenstad_types::account::{ListOrganisationsQuery, OrganisationPage};

fn view((row, wijknr): &(OrganisationRow, Option<i16>)) -> Organisation {
    Organisation {
        id: row.id.to_string(),
        name: row.name.clone(),
        kind: row.kind,
        wijknr: *wijknr,
        description: row.description.clone(),
        website: row.website.clone(),
        recognised: row.recognised_at.is_some(),
        recognised_at: row.recognised_at.map(|t| t.to_rfc3339()),
    }
}

fn require_owner(conn: &mut PgConnection, org: Uuid, p: &Principal) -> Result<(), AppError> {
    match q::member_role(conn, org, p.user.id)? {
        Some(MemberRole::Owner) => Ok(()),
        _ if p.is_admin() => Ok(()),
        _ => Err(AppError::Forbidden(
            "only owners of this organisation may do this".to_owned(),
        )),
    }
}

/// Create an organisation
///
/// The caller becomes its owner.
#[utoipa::path(
    tag = "organisations",
    security(("bearer" = [])),
    request_body = CreateOrganisation,
    responses(
        (status = 201, description = "Created", body = Organisation, headers(("Location" = String, description = "URL of the organisation"))),
        (status = 400, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "API clients cannot create organisations", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/organisations")]
pub async fn create_organisation(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<CreateOrganisation>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    body.validate()?;
    let kind = OrganisationKind::parse(&body.kind).ok_or_else(|| {
        AppError::field(
            "kind",
            "invalid",
            "must be bewonersgroep, feitelijke_vereniging, vzw, school or other",
        )
    })?;
    if body
        .website
        .as_deref()
        .is_some_and(|w| !(w.starts_with("https://") || w.starts_with("http://")))
    {
        return Err(AppError::field(
            "website",
            "invalid",
            "must start with http:// or https://",
        ));
    }
    let org = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let wijk_id = body.wijknr.map(|nr| wijk_id_of(conn, nr)).transpose()?;
            let now = Utc::now();
            let row = OrganisationRow {
                id: Uuid::now_v7(),
                name: body.name.trim().to_owned(),
                kind,
                wijk_id,
                description: body.description.unwrap_or_default(),
                website: body.website,
                recognised_at: None,
                recognised_by: None,
                created_at: now,
                updated_at: now,
            };
            q::insert_organisation(conn, &row, p.user.id)?;
            let mut entry =
                NewAudit::by(Some(p.user.id), "organisation.created").on("organisation", row.id);
            entry.wijk_id = wijk_id;
            audit::record(conn, entry)?;
            Ok(view(&(row, body.wijknr)))
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            header::LOCATION,
            format!("/api/v1/organisations/{}", org.id),
        ))
        .json(org))
}

/// List organisations
///
/// Public: name, kind, wijk and recognition of every organisation; members are not shown.
#[utoipa::path(
    tag = "organisations",
    security(()),
    params(ListOrganisationsQuery),
    responses(
        (status = 200, description = "A page of organisations", body = OrganisationPage),
        (status = 400, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organisations")]
pub async fn list_organisations(
    state: web::Data<AppState>,
    query: Query<ListOrganisationsQuery>,
) -> Result<web::Json<OrganisationPage>, AppError> {
    let query = query.into_inner();
    query.validate()?;
    let limit = page::limit(query.limit);
    let after: Option<(String, Uuid)> = page::position(query.cursor.as_deref())?;
    let rows = state
        .with_conn(move |conn| Ok(q::list_organisations(conn, after, limit + 1)?))
        .await?;
    let page = page::cut(rows, limit, |(r, _)| (r.name.clone(), r.id));
    Ok(web::Json(page.map(|row| view(&row))))
}

/// Get an organisation
///
/// Public details of one organisation: name, kind, wijk, website and whether the city recognised it.
#[utoipa::path(
    tag = "organisations",
    security(()),
    params(("id" = String, Path, description = "Organisation id (UUID)")),
    responses(
        (status = 200, description = "The organisation", body = Organisation),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organisations/{id}")]
pub async fn get_organisation(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Organisation>, AppError> {
    let id = parse_id(&id, "organisation")?;
    state
        .with_conn(move |conn| Ok(view(&load_organisation(conn, id)?)))
        .await
        .map(web::Json)
}

/// List the members of an organisation
///
/// Only for members of the organisation and administrators.
#[utoipa::path(
    tag = "organisations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Organisation id (UUID)")),
    responses(
        (status = 200, description = "Members", body = Vec<Member>),
        (status = 403, description = "Not a member", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organisations/{id}/members")]
pub async fn list_members(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Vec<Member>>, AppError> {
    let id = parse_id(&id, "organisation")?;
    state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            load_organisation(conn, id)?;
            if q::member_role(conn, id, p.user.id)?.is_none() && !p.is_admin() {
                return Err(AppError::Forbidden(
                    "only members see the member list".to_owned(),
                ));
            }
            Ok(q::members(conn, id)?
                .into_iter()
                .map(|(user_id, display_name, role)| Member {
                    user_id: user_id.to_string(),
                    display_name,
                    role,
                })
                .collect())
        })
        .await
        .map(web::Json)
}

/// Invite someone to an organisation
///
/// Owners mail an invitation link (valid 7 days) to an address; whoever logs in with that
/// address can accept it.
#[utoipa::path(
    tag = "organisations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Organisation id (UUID)")),
    request_body = InviteMember,
    responses(
        (status = 201, description = "Invitation mailed", body = Invitation),
        (status = 400, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an owner", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/organisations/{id}/invitations")]
pub async fn invite_member(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<InviteMember>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "organisation")?;
    let body = body.into_inner();
    let link = format!(
        "{}/invitations/accept?token={}",
        state.public_url(),
        mail::TOKEN_SLOT
    );
    let links = state.auth.links.clone();
    let invitation = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (org, _) = load_organisation(conn, id)?;
            require_owner(conn, id, &p)?;
            body.validate()?;
            let role = MemberRole::parse(&body.role)
                .ok_or_else(|| AppError::field("role", "invalid", "must be owner or member"))?;
            let email = body.email.trim().to_lowercase();
            let m = mail::organisation_invitation(&org.name, &p.user.display_name, &link);
            let hash = mail::queue_one_time(conn, &links, None, &email, &m)?;
            let (inv_id, expires_at) =
                q::insert_invitation(conn, id, &email, role, &hash, p.user.id, Duration::days(7))?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "organisation.member_invited")
                    .on("organisation", id)
                    .details(json!({"role": role})),
            )?;
            Ok(Invitation {
                id: inv_id.to_string(),
                organisation_id: id.to_string(),
                role,
                expires_at: expires_at.to_rfc3339(),
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(invitation))
}

/// Accept an invitation
///
/// The logged-in person joins the organisation when the invitation was sent to their
/// (verified) e-mail address and is still open.
#[utoipa::path(
    tag = "organisations",
    security(("bearer" = [])),
    request_body = TokenRequest,
    responses(
        (status = 200, description = "Joined; the organisation", body = Organisation),
        (status = 400, description = "The invitation is invalid, used, expired or for another address", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Verify your e-mail address first", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/organisations/invitations/accept")]
pub async fn accept_invitation(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<TokenRequest>,
) -> Result<web::Json<Organisation>, AppError> {
    let body = body.into_inner();
    body.validate()?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            if p.user.email_verified_at.is_none() {
                return Err(AppError::Forbidden(
                    "verify your e-mail address first".to_owned(),
                ));
            }
            let email = p.user.email.clone().unwrap_or_default();
            let (org, role) = q::accept_invitation(
                conn,
                &token_hash(&body.token),
                &email,
                p.user.id,
            )?
            .ok_or_else(|| {
                AppError::field(
                    "token",
                    "unknown",
                    "this invitation is invalid, used, expired or meant for another address",
                )
            })?;
            q::add_member(conn, org, p.user.id, role)?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "organisation.member_joined")
                    .on("organisation", org)
                    .details(json!({"role": role})),
            )?;
            Ok(view(&load_organisation(conn, org)?))
        })
        .await
        .map(web::Json)
}

/// Remove a member
///
/// Owners remove members; anyone may leave. The last owner cannot leave or be removed.
#[utoipa::path(
    tag = "organisations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Organisation id (UUID)"), ("user_id" = String, Path, description = "Account id of the member")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, description = "Not an owner", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or member", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The last owner cannot leave", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/organisations/{id}/members/{user_id}")]
pub async fn remove_member(
    caller: UserCaller,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, member) = path.into_inner();
    let id = parse_id(&id, "organisation")?;
    let member = parse_id(&member, "member")?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            load_organisation(conn, id)?;
            if member != p.user.id {
                require_owner(conn, id, &p)?;
            }
            q::lock(conn, id)?;
            let role = q::member_role(conn, id, member)?
                .ok_or_else(|| AppError::NotFound("no such member".to_owned()))?;
            if role == MemberRole::Owner && q::owner_count(conn, id)? <= 1 {
                return Err(AppError::Conflict(
                    "the last owner cannot leave; make someone else owner first".to_owned(),
                ));
            }
            q::remove_member(conn, id, member)?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "organisation.member_removed")
                    .on("organisation", id)
                    .details(json!({"member": member.to_string()})),
            )
            .map_err(AppError::from)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Recognise an organisation
///
/// Staff of the organisation's wijk (or administrators) mark it recognised (erkend) or not.
#[utoipa::path(
    tag = "organisations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Organisation id (UUID)")),
    request_body = SetRecognition,
    responses(
        (status = 200, description = "The organisation", body = Organisation),
        (status = 403, description = "Not staff of this organisation's wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/organisations/{id}/recognition", wrap = "from_fn(gate::city_role)")]
pub async fn set_recognition(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<SetRecognition>,
) -> Result<web::Json<Organisation>, AppError> {
    let id = parse_id(&id, "organisation")?;
    let recognised = body.into_inner().recognised;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (org, _) = load_organisation(conn, id)?;
            if !p.is_staff_of(org.wijk_id) {
                return Err(AppError::Forbidden(
                    "only staff of this organisation's wijk may recognise it".to_owned(),
                ));
            }
            q::set_recognition(conn, id, recognised.then_some(p.user.id))?;
            let action = if recognised {
                "organisation.recognised"
            } else {
                "organisation.unrecognised"
            };
            let mut entry = NewAudit::by(Some(p.user.id), action).on("organisation", id);
            entry.wijk_id = org.wijk_id;
            audit::record(conn, entry)?;
            Ok(view(&load_organisation(conn, id)?))
        })
        .await
        .map(web::Json)
}
