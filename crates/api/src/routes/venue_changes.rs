//! Change requests for venue listings: anyone with an account proposes; staff accept (the change
//! is applied in the same transaction as its audit row) or reject with a reason.

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, web};
use chrono::Utc;
use samenstad_db::PgConnection;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::venues::{self as q, ChangeRequestRow, VenueRow};
use samenstad_types::Problem;
use samenstad_types::account::Role;
use samenstad_types::venue::{
    CreateVenueChange, LocationPrecision, RejectVenueChange, VenueChange, VenueChangeKind,
    VenueChangeStatus, VenueProposal,
};
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::UserCaller;
use crate::error::AppError;
use crate::gate;
use crate::import::{Checker, VenueLine, line_of};
use crate::principal::{Principal, parse_id};
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(create_venue_change)
        .service(list_venue_changes)
        .service(accept_venue_change)
        .service(reject_venue_change);
}

fn overlay(mut line: VenueLine, p: &VenueProposal) -> VenueLine {
    let set = |target: &mut Option<String>, value: &Option<String>| {
        if value.is_some() {
            target.clone_from(value);
        }
    };
    set(&mut line.name, &p.name);
    set(&mut line.venue_type, &p.venue_type);
    set(&mut line.operator, &p.operator);
    set(&mut line.operator_name, &p.operator_name);
    set(&mut line.street, &p.street);
    set(&mut line.postal_code, &p.postal_code);
    set(&mut line.city, &p.city);
    set(&mut line.description, &p.description);
    set(&mut line.phone, &p.phone);
    set(&mut line.email, &p.email);
    set(&mut line.website, &p.website);
    set(&mut line.lat, &p.lat.map(|v| v.to_string()));
    set(&mut line.lon, &p.lon.map(|v| v.to_string()));
    set(&mut line.drop_in, &p.drop_in.map(|v| v.to_string()));
    set(&mut line.room_use, &p.room_use.map(|v| v.to_string()));
    set(
        &mut line.target_groups,
        &p.target_groups.as_ref().map(|v| v.join("|")),
    );
    set(
        &mut line.facilities,
        &p.facilities.as_ref().map(|v| v.join("|")),
    );
    set(
        &mut line.accessibility,
        &p.accessibility.as_ref().map(|v| v.join("|")),
    );
    line
}

fn view(row: &ChangeRequestRow) -> VenueChange {
    VenueChange {
        id: row.id.to_string(),
        kind: row.kind,
        venue_id: row.venue_id.map(|v| v.to_string()),
        proposal: serde_json::from_value(row.proposal.clone()).unwrap_or_default(),
        reason: row.reason.clone(),
        status: row.status,
        decision_reason: row.decision_reason.clone(),
        created_at: row.created_at.to_rfc3339(),
    }
}

fn load_venue(conn: &mut PgConnection, id: Uuid) -> Result<VenueRow, AppError> {
    q::venue_by_id(conn, id)?.ok_or_else(|| AppError::field("venue_id", "unknown", "no such venue"))
}

/// The venue row a proposal leads to (checked like an imported line).
fn proposed_row(
    conn: &mut PgConnection,
    kind: VenueChangeKind,
    current: Option<&VenueRow>,
    proposal: &VenueProposal,
) -> Result<Option<VenueRow>, AppError> {
    if kind == VenueChangeKind::Remove {
        return Ok(None);
    }
    let base = current.map(line_of).unwrap_or_default();
    let mut checker = Checker::load(conn)?;
    checker
        .check(
            &overlay(base, proposal),
            "change request",
            current.map(|v| v.slug.as_str()),
        )
        .map(Some)
        .map_err(|why| AppError::field("proposal", "outcome", &why))
}

/// Propose a change to the venue list
///
/// Add a venue, change a listing or ask to remove one. Staff decide; the proposal is checked
/// at once (name, type, operator, coordinates in a wijk of Gent …) so mistakes show up now.
#[utoipa::path(
    tag = "venues",
    security(("bearer" = [])),
    request_body = CreateVenueChange,
    responses(
        (status = 201, description = "Proposed; staff decide", body = VenueChange),
        (status = 400, description = "Invalid kind, venue or proposal", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/venue-changes")]
pub async fn create_venue_change(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<CreateVenueChange>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    body.validate()?;
    let kind = VenueChangeKind::parse(&body.kind)
        .ok_or_else(|| AppError::field("kind", "invalid", "must be add, change or remove"))?;
    let venue_id = match (kind, body.venue_id.as_deref()) {
        (VenueChangeKind::Add, None) => None,
        (VenueChangeKind::Add, Some(_)) => {
            return Err(AppError::field(
                "venue_id",
                "excludes",
                "a new venue has no id yet",
            ));
        }
        (_, Some(id)) => Some(
            id.parse::<Uuid>()
                .map_err(|_| AppError::field("venue_id", "invalid", "must be a UUID"))?,
        ),
        (_, None) => return Err(AppError::field("venue_id", "requires", "say which venue")),
    };
    let row = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let current = venue_id.map(|id| load_venue(conn, id)).transpose()?;
            proposed_row(conn, kind, current.as_ref(), &body.proposal)?;
            let row = ChangeRequestRow {
                id: Uuid::now_v7(),
                kind,
                venue_id,
                proposal: serde_json::to_value(&body.proposal).unwrap_or_default(),
                reason: body.reason.trim().to_owned(),
                requester_id: Some(p.user.id),
                status: VenueChangeStatus::Pending,
                decided_by: None,
                decided_at: None,
                decision_reason: None,
                created_at: Utc::now(),
            };
            q::insert_change_request(conn, &row)?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "venue_change.requested")
                    .on("venue_change", row.id)
                    .details(json!({"kind": row.kind})),
            )?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created().json(view(&row)))
}

/// List change requests
///
/// Administrators see all; wijk staff those of their wijken (the venue's, or for a new venue the
/// wijk of its proposed place) and their own; others their own.
#[utoipa::path(
    tag = "venues",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Change requests, pending first", body = Vec<VenueChange>),
    )
)]
#[get("/venue-changes")]
pub async fn list_venue_changes(
    caller: UserCaller,
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<VenueChange>>, AppError> {
    let wijken = crate::cache::wijken(&state).await?;
    state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            let staff = p.is_admin() || p.has_role(Role::WijkStaff);
            let scope = p.staff_wijken();
            Ok(
                q::list_change_requests(conn, (!staff).then_some(p.user.id))?
                    .iter()
                    .filter(|(row, venue_wijk)| {
                        let Some(theirs) = &scope else { return true };
                        // A new venue is the wijk's where it is proposed to be.
                        let wijk = venue_wijk.or_else(|| {
                            let place = row.proposal.get("lat").zip(row.proposal.get("lon"))?;
                            let (lat, lon) = (place.0.as_f64()?, place.1.as_f64()?);
                            wijken.index.locate(lon, lat).and_then(|i| wijken.id_at(i))
                        });
                        row.requester_id == Some(p.user.id)
                            || wijk.is_some_and(|w| theirs.contains(&w))
                    })
                    .map(|(row, _)| view(row))
                    .collect(),
            )
        })
        .await
        .map(web::Json)
}

fn require_staff(p: &Principal, wijk_id: Option<Uuid>) -> Result<(), AppError> {
    if p.is_staff_of(wijk_id) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "only staff of this venue's wijk may decide".to_owned(),
        ))
    }
}

/// Accept a change request
///
/// Applies the change (add, change or remove the venue) in one transaction with its audit row.
/// Staff of the venue's wijk or administrators decide.
#[utoipa::path(
    tag = "venues",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Change request id (UUID)")),
    responses(
        (status = 200, description = "Accepted and applied", body = VenueChange),
        (status = 400, description = "The proposal is no longer valid", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of this wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such change request", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already decided, or the venue still has bookings", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/venue-changes/{id}/accept", wrap = "from_fn(gate::city_role)")]
pub async fn accept_venue_change(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<VenueChange>, AppError> {
    let id = parse_id(&id, "change request")?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let mut cr = q::change_request_for_update(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such change request".to_owned()))?;
            let current = cr.venue_id.map(|v| load_venue(conn, v)).transpose()?;
            // Staff of the venue's wijk decide; a change that moves it to another wijk (or a new
            // venue) needs staff of the wijk it lands in as well.
            if let Some(v) = &current {
                require_staff(&p, v.wijk_id)?;
            }
            let proposal: VenueProposal =
                serde_json::from_value(cr.proposal.clone()).unwrap_or_default();
            let proposed = proposed_row(conn, cr.kind, current.as_ref(), &proposal)?;
            let lands_elsewhere = match (&current, &proposed) {
                (None, _) => true,
                (Some(v), Some(r)) => v.wijk_id != r.wijk_id,
                (Some(_), None) => false,
            };
            if lands_elsewhere {
                require_staff(&p, proposed.as_ref().and_then(|r| r.wijk_id))?;
            }
            if cr.status != VenueChangeStatus::Pending {
                return Err(AppError::Conflict(format!(
                    "the change request is already {}",
                    cr.status
                )));
            }
            let venue_id = match (cr.kind, current, proposed) {
                (VenueChangeKind::Add, _, Some(row)) => {
                    q::insert_venue(conn, &row)?;
                    Some(row.id)
                }
                (VenueChangeKind::Change, Some(old), Some(new)) => {
                    let precision = if new.street_address.is_some() {
                        LocationPrecision::Exact
                    } else {
                        old.location_precision
                    };
                    q::update_listing(conn, old.id, &new, precision)?;
                    Some(old.id)
                }
                (VenueChangeKind::Remove, Some(old), _) => {
                    if q::venue_has_bookings(conn, old.id)? {
                        return Err(AppError::Conflict(
                            "the venue still has bookings; cancel or complete them first"
                                .to_owned(),
                        ));
                    }
                    q::delete_venue(conn, old.id)?;
                    None
                }
                _ => {
                    return Err(AppError::Conflict(
                        "the venue of this request no longer exists".to_owned(),
                    ));
                }
            };
            q::decide_change_request(
                conn,
                id,
                VenueChangeStatus::Accepted,
                p.user.id,
                None,
                venue_id.or(cr.venue_id),
            )?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "venue_change.accepted")
                    .on("venue_change", id)
                    .details(json!({"kind": cr.kind, "venue_id": venue_id.map(|v| v.to_string())})),
            )?;
            cr.status = VenueChangeStatus::Accepted;
            cr.venue_id = venue_id.or(cr.venue_id);
            Ok(view(&cr))
        })
        .await
        .map(web::Json)
}

/// Reject a change request
///
/// Staff of the venue's wijk (or administrators) reject a proposal with a reason the requester reads.
#[utoipa::path(
    tag = "venues",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Change request id (UUID)")),
    request_body = RejectVenueChange,
    responses(
        (status = 200, description = "Rejected", body = VenueChange),
        (status = 400, description = "Missing reason", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such change request", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already decided", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/venue-changes/{id}/reject", wrap = "from_fn(gate::city_role)")]
pub async fn reject_venue_change(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<RejectVenueChange>,
) -> Result<web::Json<VenueChange>, AppError> {
    let id = parse_id(&id, "change request")?;
    let body = body.into_inner();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let mut cr = q::change_request_for_update(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such change request".to_owned()))?;
            let current = cr.venue_id.map(|v| load_venue(conn, v)).transpose()?;
            let wijk = match current {
                Some(v) => v.wijk_id,
                // A new venue belongs to the wijk of its proposed location.
                None => {
                    let proposal: VenueProposal =
                        serde_json::from_value(cr.proposal.clone()).unwrap_or_default();
                    proposed_row(conn, VenueChangeKind::Add, None, &proposal)
                        .ok()
                        .flatten()
                        .and_then(|r| r.wijk_id)
                }
            };
            require_staff(&p, wijk)?;
            body.validate()?;
            if cr.status != VenueChangeStatus::Pending {
                return Err(AppError::Conflict(format!(
                    "the change request is already {}",
                    cr.status
                )));
            }
            let reason = body.reason.trim().to_owned();
            q::decide_change_request(
                conn,
                id,
                VenueChangeStatus::Rejected,
                p.user.id,
                Some(&reason),
                cr.venue_id,
            )?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "venue_change.rejected").on("venue_change", id),
            )?;
            cr.status = VenueChangeStatus::Rejected;
            cr.decision_reason = Some(reason);
            Ok(view(&cr))
        })
        .await
        .map(web::Json)
}
