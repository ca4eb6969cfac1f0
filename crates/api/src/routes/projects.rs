//! Participatory budgets: programmes with their rounds and per-wijk allocations, and the ideas
//! residents submit (online, or through staff from paper, phone or a buurtpunt), with support,
//! a public status and reason, and moderation.

use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use samenstad_db::PgConnection;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::follows::{self, Target};
use samenstad_db::queries::organisations as orgs;
use samenstad_db::queries::projects::{
    self as q, HiddenIdeas, IdeaFilter, IdeaRow, IdeaStatusChange, ProgrammeTree,
};
use samenstad_domain::idea;
use samenstad_types::Problem;
use samenstad_types::account::Role;
use samenstad_types::follows::{FollowKind, FollowMode};
use samenstad_types::projects::{
    AllocationRuleView, CreateIdea, HideIdea, Idea, IdeaChannel, IdeaEventKind, IdeaPage,
    IdeaStatus, ListIdeasQuery, Phase, Programme, Round, RoundWijk, SelectionMethod, SetIdeaStatus,
    SetRoundWijk,
};
use serde_json::json;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{MaybeCaller, UserCaller};
use crate::cache;
use crate::error::AppError;
use crate::gate;
use crate::mail;
use crate::notify;
use crate::page;
use crate::principal::{Principal, parse_id, wijk_id};
use crate::query::Query;
use crate::respond;
use crate::routes::ideas_common::{idea_view, load_idea};
use crate::routes::wijkbudget_common::allocations;
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_programmes)
        .service(get_programme)
        .service(set_round_wijk)
        .service(list_ideas)
        .service(create_idea)
        .service(get_idea)
        .service(support_idea)
        .service(withdraw_support)
        .service(set_idea_status)
        .service(hide_idea)
        .service(show_idea);
}

const FORMULA: &str = "Elke wijk krijgt het basisbedrag. Wat overblijft (totaal − aantal wijken × \
basisbedrag) wordt verdeeld in verhouding tot inwoners × kwetsbaarheidsindex (1 is neutraal). Een \
wijk die zo boven het plafond zou komen, krijgt het plafond; het overschot wordt op dezelfde manier \
over de andere wijken verdeeld. Bedragen in centen, de resterende centen naar de grootste resten.";

fn programme_view(tree: &ProgrammeTree, today: NaiveDate) -> Result<Programme, AppError> {
    let p = &tree.programme;
    let allocations = allocations(tree)?;
    let rounds = tree
        .rounds
        .iter()
        .map(|r| {
            let phases: Vec<Phase> = tree
                .phases
                .iter()
                .filter(|ph| ph.round_id == r.id)
                .map(|ph| Phase {
                    phase: ph.phase,
                    starts_on: ph.starts_on.to_string(),
                    ends_on: ph.ends_on.map(|d| d.to_string()),
                })
                .collect();
            let current_phase = tree
                .phases
                .iter()
                .filter(|ph| ph.round_id == r.id && ph.starts_on <= today)
                .max_by_key(|ph| ph.starts_on)
                .map(|ph| ph.phase);
            let wijken = tree
                .wijken
                .iter()
                .zip(&allocations)
                .filter(|((w, ..), _)| w.round_id == r.id)
                .map(|((w, nr, slug, name, population), a)| RoundWijk {
                    wijknr: *nr,
                    slug: slug.clone(),
                    name: name.clone(),
                    selection_method: w.selection_method,
                    population: i64::from(*population),
                    vulnerability_index: f64::from(w.vulnerability_milli) / 1000.0,
                    allocation_cents: i64::try_from(a.amount_cents).unwrap_or(i64::MAX),
                    capped: a.capped,
                    committed_cents: tree
                        .committed
                        .get(&(w.round_id, w.wijk_id))
                        .copied()
                        .unwrap_or(0),
                    left_cents: (i64::try_from(a.amount_cents).unwrap_or(i64::MAX)
                        - tree
                            .committed
                            .get(&(w.round_id, w.wijk_id))
                            .copied()
                            .unwrap_or(0))
                    .max(0),
                })
                .collect();
            Round {
                id: r.id.to_string(),
                number: r.number,
                name: r.name.clone(),
                current_phase,
                phases,
                wijken,
            }
        })
        .collect();
    Ok(Programme {
        id: p.id.to_string(),
        slug: p.slug.clone(),
        name: p.name.clone(),
        status: p.status,
        description: p.description.clone(),
        realisation_months: p.realisation_months,
        proposals_count: p.proposals_count,
        realised_count: p.realised_count,
        allocation: AllocationRuleView {
            total_cents: p.total_cents,
            base_cents: p.base_cents,
            cap_cents: p.cap_cents,
            formula: FORMULA.to_owned(),
        },
        rounds,
    })
}

fn load_programme(conn: &mut PgConnection, key: &str) -> Result<Programme, AppError> {
    let tree = q::programme_tree(conn, key)?
        .ok_or_else(|| AppError::NotFound("no such programme".to_owned()))?;
    programme_view(&tree, Utc::now().date_naive())
}

/// List participatory-budget programmes
///
/// The Wijkbudget and its predecessor the Burgerbudget, with rounds, phases, the wijken of
/// each round, their selection method and their allocation (the formula is in `allocation`).
#[utoipa::path(
    tag = "projects",
    security(()),
    responses(
        (status = 200, description = "Programmes, active first", body = Vec<Programme>),
    )
)]
#[get("/projects/programmes")]
pub async fn list_programmes(
    state: web::Data<AppState>,
) -> Result<web::Json<Vec<Programme>>, AppError> {
    state
        .with_conn(|conn| {
            let today = Utc::now().date_naive();
            q::programme_trees(conn)?
                .iter()
                .map(|tree| programme_view(tree, today))
                .collect()
        })
        .await
        .map(web::Json)
}

/// Get a programme
///
/// One programme by slug or id, with rounds, phases and the allocation per wijk.
#[utoipa::path(
    tag = "projects",
    security(()),
    params(("key" = String, Path, description = "Slug (e.g. `wijkbudget`) or id", example = "wijkbudget")),
    responses(
        (status = 200, description = "The programme", body = Programme),
        (status = 404, description = "No such programme", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/programmes/{key}")]
pub async fn get_programme(
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> Result<web::Json<Programme>, AppError> {
    let key = key.into_inner();
    state
        .with_conn(move |conn| load_programme(conn, &key))
        .await
        .map(web::Json)
}

/// Set a wijk's selection method and vulnerability index
///
/// For programme administrators: how the wijk selects its projects and the vulnerability
/// index its allocation uses. Every wijk's allocation is recomputed; the answer shows them.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(
        ("key" = String, Path, description = "Programme slug or id", example = "wijkbudget"),
        ("wijk" = String, Path, description = "Wijk number or slug", example = "10"),
    ),
    request_body = SetRoundWijk,
    responses(
        (status = 200, description = "The programme with the new allocations", body = Programme),
        (status = 400, description = "Invalid method or index", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a programme administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such programme, or the wijk is not in it", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put(
    "/projects/programmes/{key}/wijken/{wijk}",
    wrap = "from_fn(gate::city_role)"
)]
pub async fn set_round_wijk(
    caller: UserCaller,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    body: web::Json<SetRoundWijk>,
) -> Result<web::Json<Programme>, AppError> {
    let (key, wijk) = path.into_inner();
    let body = body.into_inner();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            if !(p.is_admin() || p.has_role(Role::ProgrammeAdmin)) {
                return Err(AppError::Forbidden(
                    "only programme administrators may do this".to_owned(),
                ));
            }
            body.validate()?;
            let method = SelectionMethod::parse(&body.selection_method).ok_or_else(|| {
                AppError::field(
                    "selection_method",
                    "invalid",
                    "must be dialogue, lottery_panel, public_vote or college_decision",
                )
            })?;
            let tree = q::programme_tree(conn, &key)?
                .ok_or_else(|| AppError::NotFound("no such programme".to_owned()))?;
            let wijk_id = samenstad_db::queries::wijken::wijk_id_by_key(conn, &wijk)?
                .ok_or_else(|| AppError::NotFound("no such wijk".to_owned()))?;
            let changed = q::set_round_wijk(
                conn,
                tree.programme.id,
                wijk_id,
                method,
                body.vulnerability_milli,
            )?;
            if changed == 0 {
                return Err(AppError::NotFound(
                    "this wijk takes part in no round of the programme".to_owned(),
                ));
            }
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "programme.wijk_set")
                    .on("programme", tree.programme.id)
                    .details(
                        json!({"wijk": wijk, "selection_method": body.selection_method,
                        "vulnerability_milli": body.vulnerability_milli, "reason": body.reason}),
                    ),
            )?;
            load_programme(conn, &key)
        })
        .await
        .map(web::Json)
}

/// The account behind an optional token (API clients see the public view).
fn viewer(conn: &mut PgConnection, caller: &MaybeCaller) -> Result<Option<Principal>, AppError> {
    Principal::load_optional(conn, caller)
}

/// List ideas
///
/// The idea board, newest first: filter by wijk, status, channel and submission day (`from`,
/// `to`, both inclusive), or `mine=true` for the ideas the caller submitted or supports. Hidden
/// ideas are left out, except for their author and the wijk's staff; staff of the wijk list only
/// the hidden ones with `hidden=true`.
#[utoipa::path(
    tag = "projects",
    security((), ("bearer" = [])),
    params(ListIdeasQuery),
    responses(
        (status = 200, description = "A page of ideas", body = IdeaPage),
        (status = 400, description = "Invalid filter", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "`mine` without being logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`hidden=true` from someone who is not staff of the wijk", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/ideas")]
pub async fn list_ideas(
    caller: MaybeCaller,
    state: web::Data<AppState>,
    query: Query<ListIdeasQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    query.validate()?;
    let status: Option<IdeaStatus> = AppError::one_of(
        query.status.as_deref(),
        "status",
        "is not a status of an idea",
    )?;
    let channel: Option<IdeaChannel> =
        AppError::one_of(query.channel.as_deref(), "channel", CHANNELS)?;
    let day = |value: &Option<String>, field: &str| -> Result<Option<DateTime<Utc>>, AppError> {
        value
            .as_deref()
            .map(|d| crate::local_time::day(field, d).map(|d| d.and_time(NaiveTime::MIN).and_utc()))
            .transpose()
    };
    let from = day(&query.from, "from")?;
    let before = day(&query.to, "to")?.map(|t| t + chrono::Duration::days(1));
    let offset: i64 = page::position::<u32>(query.cursor.as_deref())?.map_or(0, i64::from);
    let limit = page::limit(query.limit);
    let ideas: IdeaPage = state
        .with_conn(move |conn| {
            let viewer = viewer(conn, &caller)?;
            let mine_of = match (query.mine.unwrap_or(false), &viewer) {
                (false, _) => None,
                (true, Some(v)) => Some(v.user.id),
                (true, None) => {
                    return Err(AppError::Unauthorized(
                        "log in to list your own ideas".to_owned(),
                    ));
                }
            };
            let wijk = query
                .wijk
                .as_deref()
                .map(|w| wijk_id(conn, w))
                .transpose()?;
            let hidden = if query.hidden.unwrap_or(false) {
                let staff =
                    wijk.is_some_and(|w| viewer.as_ref().is_some_and(|v| v.is_staff_of(Some(w))));
                if !staff {
                    return Err(AppError::Forbidden(
                        "only staff of the wijk list its hidden ideas (give `wijk`)".to_owned(),
                    ));
                }
                HiddenIdeas::Only
            } else {
                HiddenIdeas::ShownTo {
                    user: viewer.as_ref().map(|v| v.user.id),
                    staff_of: match &viewer {
                        Some(v) => v.staff_wijken(),
                        None => Some(Vec::new()),
                    },
                }
            };
            let filter = IdeaFilter {
                wijk_id: wijk,
                status,
                mine_of,
                id: None,
                channel,
                from,
                before,
                hidden,
                offset,
                limit: limit + 1,
            };
            let rows = q::list_ideas(conn, &filter, viewer.as_ref().map(|v| v.user.id))?;
            Ok(page::cut(rows, limit, |_| offset + limit).map(|r| idea_view(&r, viewer.as_ref())))
        })
        .await?;
    respond::json(&req, &ideas)
}

/// Submit an idea
///
/// Residents submit online for their wijk (or a point on the map: the wijk follows from it),
/// optionally for an organisation they belong to. Staff of the wijk enter ideas that came in
/// on paper, by phone, at a buurtpunt or an event, with `channel` and the submitter's name.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    request_body = CreateIdea,
    responses(
        (status = 201, description = "Submitted", body = Idea),
        (status = 400, description = "Invalid idea, wijk or point", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a member of the organisation, or not staff of the wijk for another channel", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/ideas")]
pub async fn create_idea(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<CreateIdea>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    body.validate()?;
    let channel = AppError::one_of(body.channel.as_deref(), "channel", CHANNELS)?
        .unwrap_or(IdeaChannel::Online);
    if channel == IdeaChannel::Online && body.contact.is_some() {
        return Err(AppError::field(
            "contact",
            "excludes",
            "a contact is kept only for ideas staff enter for someone else",
        ));
    }
    if channel != IdeaChannel::Online && body.submitter_name.is_none() {
        return Err(AppError::field(
            "submitter_name",
            "requires",
            "give the submitter's name for an idea that came in another way",
        ));
    }
    let organisation_id = body
        .organisation_id
        .as_deref()
        .map(|o| {
            o.parse::<Uuid>()
                .map_err(|_| AppError::field("organisation_id", "invalid", "must be a UUID"))
        })
        .transpose()?;
    // The wijk: named, or found from the point.
    let wijknr = match (&body.wijk, body.lat.zip(body.lon)) {
        (Some(key), _) => key.clone(),
        (None, Some((lat, lon))) => {
            let snapshot = cache::wijken(&state).await?;
            let found = snapshot
                .index
                .locate(lon, lat)
                .and_then(|i| snapshot.wijken.get(i))
                .ok_or_else(|| {
                    AppError::field("lat", "outside", "the point is in none of the wijken")
                })?;
            found.wijk.wijknr.to_string()
        }
        (None, None) => {
            return Err(AppError::field(
                "wijk",
                "requires",
                "give the wijk or a point on the map",
            ));
        }
    };
    if body.lat.is_some() != body.lon.is_some() {
        return Err(AppError::field(
            "lon",
            "requires",
            "lat and lon go together",
        ));
    }
    let base = state.public_url().to_owned();
    let row = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let wijk_id = wijk_id(conn, &wijknr)?;
            let staff_entry = channel != IdeaChannel::Online;
            if staff_entry && !p.is_staff_of(Some(wijk_id)) {
                return Err(AppError::Forbidden(
                    "only staff of the wijk enter ideas that came in another way".to_owned(),
                ));
            }
            if let Some(org) = organisation_id
                && orgs::member_role(conn, org, p.user.id)?.is_none()
                && !staff_entry
            {
                return Err(AppError::Forbidden(
                    "you can only submit for organisations you belong to".to_owned(),
                ));
            }
            let now = Utc::now();
            let row = IdeaRow {
                id: Uuid::now_v7(),
                round_id: q::active_round_of_wijk(conn, wijk_id)?,
                wijk_id,
                author_id: (!staff_entry).then_some(p.user.id),
                organisation_id,
                entered_by: staff_entry.then_some(p.user.id),
                submitter_name: if staff_entry {
                    body.submitter_name.clone()
                } else {
                    None
                },
                channel,
                title: body.title.trim().to_owned(),
                body: body.body.trim().to_owned(),
                estimated_cost_cents: body.estimated_cost_cents,
                lat: body.lat,
                lon: body.lon,
                status: IdeaStatus::Submitted,
                status_reason: None,
                merged_into: None,
                referred_to: None,
                hidden_reason: None,
                image_id: None,
                created_at: now,
                updated_at: now,
                contact: if staff_entry {
                    body.contact.as_deref().map(str::trim).map(str::to_owned)
                } else {
                    None
                },
            };
            q::insert_idea(conn, &row)?;
            q::record_event(conn, row.id, IdeaEventKind::Submitted, None, None)?;
            if !staff_entry {
                follows::follow(conn, p.user.id, idea_target(row.id), FollowMode::Immediate)?;
            }
            notify::tell_followers(
                conn,
                &base,
                Target::new(FollowKind::Wijk, wijk_id),
                (
                    format!("nieuw idee: {}", row.title),
                    format!("new idea: {}", row.title),
                ),
                format!("/ideas/{}", row.id),
                "wijk_news",
                Some(p.user.id),
            )?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "idea.submitted")
                    .on("idea", row.id)
                    .details(json!({"channel": channel})),
            )?;
            load_idea(conn, row.id, Some(&p))
        })
        .await?;
    Ok(HttpResponse::Created().json(row))
}

/// Get an idea
///
/// An idea with its public history: every status it had, when and why.
#[utoipa::path(
    tag = "projects",
    security((), ("bearer" = [])),
    params(("id" = String, Path, description = "Idea id (UUID)")),
    responses(
        (status = 200, description = "The idea", body = Idea),
        (status = 404, description = "No such idea", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/projects/ideas/{id}")]
pub async fn get_idea(
    caller: MaybeCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Idea>, AppError> {
    let id = parse_id(&id, "idea")?;
    state
        .with_conn(move |conn| {
            let viewer = viewer(conn, &caller)?;
            load_idea(conn, id, viewer.as_ref())
        })
        .await
        .map(web::Json)
}

/// Changes an idea's support by the caller and answers the idea.
async fn change_support(
    caller: UserCaller,
    state: &AppState,
    id: &str,
    add: bool,
) -> Result<web::Json<Idea>, AppError> {
    let id = parse_id(id, "idea")?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = q::idea_for_update(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such idea".to_owned()))?;
            if row.hidden_reason.is_some() {
                return Err(AppError::Conflict(
                    "a hidden idea cannot be supported".to_owned(),
                ));
            }
            if add {
                q::add_support(conn, id, p.user.id)?;
                // Supporters hear of the idea's status changes.
                follows::follow(conn, p.user.id, idea_target(id), FollowMode::Immediate)?;
            } else {
                q::remove_support(conn, id, p.user.id)?;
            }
            load_idea(conn, id, Some(&p))
        })
        .await
        .map(web::Json)
}

/// Support an idea
///
/// Counts the caller among the idea's supporters (once; repeating changes nothing).
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Idea id (UUID)")),
    responses(
        (status = 200, description = "The idea with its supporters", body = Idea),
        (status = 404, description = "No such idea", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The idea is hidden", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/ideas/{id}/support")]
pub async fn support_idea(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Idea>, AppError> {
    change_support(caller, &state, &id, true).await
}

/// Withdraw support
///
/// Removes the caller from the idea's supporters (repeating changes nothing).
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Idea id (UUID)")),
    responses(
        (status = 200, description = "The idea with its supporters", body = Idea),
        (status = 404, description = "No such idea", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The idea is hidden", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/projects/ideas/{id}/support")]
pub async fn withdraw_support(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Idea>, AppError> {
    change_support(caller, &state, &id, false).await
}

fn idea_target(id: Uuid) -> Target {
    Target::new(FollowKind::Idea, id)
}

/// Loads an idea for a staff change of the caller, who must be staff of its wijk.
fn staff_idea(
    conn: &mut PgConnection,
    caller: UserCaller,
    id: Uuid,
) -> Result<(Principal, IdeaRow), AppError> {
    let p = Principal::load(conn, caller)?;
    let row = q::idea_for_update(conn, id)?
        .ok_or_else(|| AppError::NotFound("no such idea".to_owned()))?;
    if !p.is_staff_of(Some(row.wijk_id)) {
        return Err(AppError::Forbidden(
            "only staff of the idea's wijk may do this".to_owned(),
        ));
    }
    Ok((p, row))
}

/// Set an idea's status
///
/// Staff of the wijk record what happened to the idea, with a reason residents read: in
/// dialogue, worked into a proposal, merged into another idea, referred to regular city policy
/// (which service), or not retained. The history keeps every step.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Idea id (UUID)")),
    request_body = SetIdeaStatus,
    responses(
        (status = 200, description = "The idea with its new status", body = Idea),
        (status = 400, description = "Invalid status, or a reason, idea or service is missing", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the idea's wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such idea", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/ideas/{id}/status", wrap = "from_fn(gate::city_role)")]
pub async fn set_idea_status(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<SetIdeaStatus>,
) -> Result<web::Json<Idea>, AppError> {
    let id = parse_id(&id, "idea")?;
    let body = body.into_inner();
    let base = state.public_url().to_owned();
    state
        .transaction(move |conn| {
            let (p, row) = staff_idea(conn, caller, id)?;
            body.validate()?;
            let to = IdeaStatus::parse(&body.status).ok_or_else(|| {
                AppError::field("status", "invalid", "is not a status of an idea")
            })?;
            let reason = body
                .reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty());
            let referred_to = body
                .referred_to
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty());
            let merged_into = body
                .merged_into
                .as_deref()
                .map(|m| {
                    m.parse::<Uuid>()
                        .map_err(|_| AppError::field("merged_into", "invalid", "must be a UUID"))
                })
                .transpose()?;
            let change = idea::StatusChange {
                to,
                reason,
                merged_into: merged_into.is_some(),
                referred_to,
            };
            idea::check(change).map_err(refusal)?;
            idea::transition(row.status, change).map_err(refusal)?;
            if let Some(target) = merged_into {
                let other = q::idea_for_update(conn, target)?
                    .ok_or_else(|| AppError::field("merged_into", "unknown", "no such idea"))?;
                idea::merge_target_fits(
                    (&row.id, &row.wijk_id),
                    (&other.id, &other.wijk_id, other.status),
                )
                .map_err(refusal)?;
            }
            q::set_idea_status(
                conn,
                id,
                &IdeaStatusChange {
                    status: to,
                    reason,
                    merged_into,
                    referred_to,
                },
            )?;
            q::record_event(conn, id, IdeaEventKind::Status, Some(to), reason)?;
            let (nl, en) = mail::idea_status_words(to);
            let why = reason.map(|r| format!(" \u{2014} {r}")).unwrap_or_default();
            notify::tell_followers(
                conn,
                &base,
                idea_target(id),
                (
                    format!("het idee is nu {nl}{why}"),
                    format!("the idea is now {en}{why}"),
                ),
                format!("/ideas/{id}"),
                "idea_status",
                Some(p.user.id),
            )?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "idea.status")
                    .on("idea", id)
                    .details(json!({"from": row.status, "to": to})),
            )?;
            load_idea(conn, id, Some(&p))
        })
        .await
        .map(web::Json)
}

/// Hide an idea
///
/// Moderation by staff of the wijk: the title and text are withheld from the public, the
/// public reason is shown instead. The author and staff still see it.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Idea id (UUID)")),
    request_body = HideIdea,
    responses(
        (status = 200, description = "Hidden", body = Idea),
        (status = 400, description = "No reason", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not staff of the idea's wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such idea", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/ideas/{id}/hide", wrap = "from_fn(gate::city_role)")]
pub async fn hide_idea(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<HideIdea>,
) -> Result<web::Json<Idea>, AppError> {
    let id = parse_id(&id, "idea")?;
    moderate(caller, &state, id, Some(body.into_inner())).await
}

/// Show a hidden idea again
///
/// Staff of the wijk undo a moderation; the history keeps both steps.
#[utoipa::path(
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Idea id (UUID)")),
    responses(
        (status = 200, description = "Shown again", body = Idea),
        (status = 403, description = "Not staff of the idea's wijk", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such idea", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/projects/ideas/{id}/show", wrap = "from_fn(gate::city_role)")]
pub async fn show_idea(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Idea>, AppError> {
    let id = parse_id(&id, "idea")?;
    moderate(caller, &state, id, None).await
}

async fn moderate(
    caller: UserCaller,
    state: &AppState,
    id: Uuid,
    hide: Option<HideIdea>,
) -> Result<web::Json<Idea>, AppError> {
    state
        .transaction(move |conn| {
            let (p, _) = staff_idea(conn, caller, id)?;
            if let Some(h) = &hide {
                h.validate()?;
            }
            let reason = hide.map(|h| h.reason.trim().to_owned());
            q::set_hidden_reason(conn, id, reason.as_deref())?;
            let kind = if reason.is_some() {
                IdeaEventKind::Hidden
            } else {
                IdeaEventKind::Shown
            };
            q::record_event(conn, id, kind, None, reason.as_deref())?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), &format!("idea.{kind}")).on("idea", id),
            )?;
            load_idea(conn, id, Some(&p))
        })
        .await
        .map(web::Json)
}

/// A refused change of an idea's status, as a 400 on the field it is about.
fn refusal(r: idea::Refusal) -> AppError {
    AppError::field(r.field(), r.code(), r.message())
}

/// What a request with an unknown idea channel is told.
const CHANNELS: &str = "must be online, paper, phone, buurtpunt or event";
