//! Subsidy schemes (their rules are data), the scheme finder, and applications: drafts saved as
//! the applicant types, co-signatures through expiring links, attachments, submission (every
//! rule of the scheme checked by `samenstad_domain::subsidy`) and withdrawal.
//!
//! Review, decisions, payments, reports, the public awards and the dashboard are in
//! `subsidy_review`; what both share is in `subsidy_common`.

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::middleware::from_fn;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use samenstad_db::PgConnection;
use samenstad_db::queries::applications::{
    self as apps, AppRow, DraftFields, ListFilter, ListScope, ListedApplication, NewAttachment,
};
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::subsidies::{self as schemes, SchemeFields};
use samenstad_domain::subsidy::{self as rules_check, Action};
use samenstad_types::account::Role;
use samenstad_types::subsidies::{
    ApplicantKind, Application, ApplicationDraft, ApplicationScope, ApplicationStatus,
    ApplicationSummary, ApplicationView, ApplicationsQuery, BudgetInput, CosignatureLink,
    CosignatureRequest, Deadline, DeadlineInput, FinderQuery, NewApplication, Reason, ReviewMode,
    Scheme, SchemeFit, SchemeInput, SchemeRules, SchemeStatus,
};
use samenstad_types::{FieldError, Page, Problem};
use serde_json::json;
use sha2::{Digest, Sha256};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{UserCaller, random_token, token_hash};
use crate::error::AppError;
use crate::gate;
use crate::page;
use crate::principal::{Principal, parse_id};
use crate::query::Query;
use crate::routes::subsidy_common::{
    Access, access, app_row, application_view, deadline_view, draft_of, is_owner,
    is_programme_staff, jury_schemes, organisation_name, owned_for_update, problems_of,
    record_status, require_programme_staff, rules_of, scheme_by_key, scheme_fits, scheme_view,
};
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_schemes)
        .service(get_scheme)
        .service(put_scheme)
        .service(put_budget)
        .service(add_deadline)
        .service(finder)
        .service(create_application)
        .service(list_applications)
        .service(get_application)
        .service(save_application)
        .service(submit_application)
        .service(withdraw_application)
        .service(create_cosign_link)
        .service(get_cosign_request)
        .service(cosign)
        .service(put_attachment)
        .service(delete_attachment)
        .service(get_attachment);
}

/// List subsidy schemes
///
/// Every scheme with its rules, its budgets per year (and how much is used) and its jury
/// deadlines. Archived schemes (e.g. Wijk aan Zet) say which scheme replaced them.
#[utoipa::path(
    tag = "subsidies",
    security(()),
    responses(
        (status = 200, description = "Schemes, active first", body = Vec<Scheme>),
    )
)]
#[get("/subsidies/schemes")]
pub async fn list_schemes(state: web::Data<AppState>) -> Result<web::Json<Vec<Scheme>>, AppError> {
    state
        .with_conn(|conn| {
            schemes::schemes_active_first(conn)?
                .iter()
                .map(|r| scheme_view(conn, r))
                .collect()
        })
        .await
        .map(web::Json)
}

/// Get a subsidy scheme
///
/// One scheme with its rules, budgets and deadlines.
#[utoipa::path(
    tag = "subsidies",
    security(()),
    params(("key" = String, Path, description = "Scheme key, e.g. `samen-aan-zet`")),
    responses(
        (status = 200, description = "The scheme", body = Scheme),
        (status = 404, description = "No such scheme", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/subsidies/schemes/{key}")]
pub async fn get_scheme(
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> Result<web::Json<Scheme>, AppError> {
    let key = key.into_inner();
    state
        .with_conn(move |conn| {
            let row = scheme_by_key(conn, &key)?;
            scheme_view(conn, &row)
        })
        .await
        .map(web::Json)
}

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 60
        && key.split('-').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// Create or change a subsidy scheme
///
/// Programme staff define a scheme as data: themes, who may apply, categories with flat
/// amounts or a maximum and their review (automatic check or jury) and lead time,
/// co-signatures, spending caps per kind of cost, maximum duration, reporting duty and jury
/// criteria with weights. Changes apply to drafts at once and to submitted applications not at
/// all. Audited.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(("key" = String, Path, description = "Scheme key (`a-z`, `0-9`, single dashes; at most 60)", pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 60)),
    request_body = SchemeInput,
    responses(
        (status = 200, description = "The scheme as saved", body = Scheme),
        (status = 400, description = "Invalid rules (each problem names its field)", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not programme staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`replaced_by` names no scheme", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/subsidies/schemes/{key}", wrap = "from_fn(gate::city_role)")]
pub async fn put_scheme(
    caller: UserCaller,
    state: web::Data<AppState>,
    key: web::Path<String>,
    body: web::Json<SchemeInput>,
) -> Result<web::Json<Scheme>, AppError> {
    let key = key.into_inner();
    let body = body.into_inner();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            require_programme_staff(&p)?;
            if !valid_key(&key) {
                return Err(AppError::field(
                    "key",
                    "invalid",
                    "use a-z, 0-9 and single dashes",
                ));
            }
            body.validate()?;
            let mut problems = rules_check::check_rules(&body.rules);
            if SchemeStatus::parse(&body.status).is_none() {
                problems.push(FieldError::new(
                    "status",
                    "invalid",
                    "must be active, test_phase or archived",
                ));
            }
            if !problems.is_empty() {
                return Err(AppError::Validation(problems));
            }
            let rules =
                serde_json::to_value(&body.rules).map_err(|e| AppError::Internal(e.to_string()))?;
            let replaced_by = match body.replaced_by.as_deref() {
                Some(k) => Some(scheme_by_key(conn, k)?.id),
                None => None,
            };
            let existing = schemes::scheme_id_by_key(conn, &key)?;
            if replaced_by.is_some() && replaced_by == existing {
                return Err(AppError::field(
                    "replaced_by",
                    "invalid",
                    "a scheme cannot replace itself",
                ));
            }
            let id = existing.unwrap_or_else(Uuid::now_v7);
            schemes::save_scheme(
                conn,
                id,
                &SchemeFields {
                    key: &key,
                    name: body.name.trim(),
                    owner_service: body.owner_service.trim(),
                    purpose: body.purpose.trim(),
                    status: &body.status,
                    replaced_by,
                    rules: &rules,
                },
            )?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "subsidy_scheme.saved")
                    .on("subsidy_scheme", id)
                    .details(
                        json!({"key": key, "status": body.status, "created": existing.is_none()}),
                    ),
            )?;
            let row = schemes::scheme_by_id(conn, id)?;
            scheme_view(conn, &row)
        })
        .await
        .map(web::Json)
}

/// Set a scheme's budget for a year
///
/// Programme staff set (or change) the annual budget. It cannot go below what is already
/// approved or paid that year. Audited.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(
        ("key" = String, Path, description = "Scheme key"),
        ("year" = i32, Path, description = "Budget year", minimum = 2000, maximum = 2100),
    ),
    request_body = BudgetInput,
    responses(
        (status = 200, description = "The scheme with its budgets", body = Scheme),
        (status = 400, description = "Invalid amount or year", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not programme staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Below what is already granted that year", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put(
    "/subsidies/schemes/{key}/budgets/{year}",
    wrap = "from_fn(gate::city_role)"
)]
pub async fn put_budget(
    caller: UserCaller,
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    body: web::Json<BudgetInput>,
) -> Result<web::Json<Scheme>, AppError> {
    let (key, year) = path.into_inner();
    let body = body.into_inner();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            require_programme_staff(&p)?;
            body.validate()?;
            if !(2000..=2100).contains(&year) {
                return Err(AppError::field(
                    "year",
                    "range",
                    "must be between 2000 and 2100",
                ));
            }
            let scheme = scheme_by_key(conn, &key)?;
            // Lock the year's row (or the scheme, for a new year) against concurrent approvals.
            schemes::lock_budget(conn, scheme.id, year)?;
            let used = schemes::budget_use(conn, scheme.id, year)?;
            if let Err(granted) = rules_check::budget_may_become(&used, body.budget_cents) {
                return Err(AppError::Conflict(format!(
                    "{granted} cents are already granted in {year}"
                )));
            }
            schemes::set_budget(conn, scheme.id, year, body.budget_cents)?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "subsidy_budget.set")
                    .on("subsidy_scheme", scheme.id)
                    .details(json!({"year": year, "budget_cents": body.budget_cents})),
            )?;
            scheme_view(conn, &scheme)
        })
        .await
        .map(web::Json)
}

/// Add a jury deadline
///
/// Programme staff add a deadline to a scheme's calendar. Applications of jury categories go
/// to the next open deadline when they are submitted.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(("key" = String, Path, description = "Scheme key")),
    request_body = DeadlineInput,
    responses(
        (status = 201, description = "The deadline", body = Deadline),
        (status = 400, description = "Not a date, or in the past", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not programme staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The scheme has a deadline on that day", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/subsidies/schemes/{key}/deadlines",
    wrap = "from_fn(gate::city_role)"
)]
pub async fn add_deadline(
    caller: UserCaller,
    state: web::Data<AppState>,
    key: web::Path<String>,
    body: web::Json<DeadlineInput>,
) -> Result<HttpResponse, AppError> {
    let key = key.into_inner();
    let view = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            require_programme_staff(&p)?;
            let closes_on = crate::local_time::day("closes_on", &body.closes_on)?;
            if closes_on < Utc::now().date_naive() {
                return Err(AppError::field(
                    "closes_on",
                    "past",
                    "must be today or later",
                ));
            }
            let scheme = scheme_by_key(conn, &key)?;
            let id = Uuid::now_v7();
            let inserted = schemes::add_deadline(conn, id, scheme.id, closes_on)?;
            if !inserted {
                return Err(AppError::Conflict(format!(
                    "{key} already has a deadline on {closes_on}"
                )));
            }
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "subsidy_deadline.added")
                    .on("subsidy_scheme", scheme.id)
                    .details(json!({"closes_on": closes_on.to_string()})),
            )?;
            Ok(deadline_view(&scheme.key, schemes::deadline(conn, id)?))
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Which subsidy fits my idea?
///
/// Categories of the schemes that take applications which fit an amount and a theme, with
/// what you can ask, how it is reviewed, the earliest start if you apply today and, for jury
/// categories, the next deadline.
#[utoipa::path(
    tag = "subsidies",
    security(()),
    params(FinderQuery),
    responses(
        (status = 200, description = "Fitting categories, smallest amount first", body = Vec<SchemeFit>),
        (status = 400, description = "Negative amount", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/subsidies/finder")]
pub async fn finder(
    state: web::Data<AppState>,
    query: Query<FinderQuery>,
) -> Result<web::Json<Vec<SchemeFit>>, AppError> {
    let q = query.into_inner();
    q.validate()?;
    state
        .with_conn(move |conn| scheme_fits(conn, q.amount_cents, q.theme.as_deref()))
        .await
        .map(web::Json)
}

/// Resolves the organisation the caller applies for: its kind, or `person`.
fn applicant_kind(
    conn: &mut PgConnection,
    p: &Principal,
    organisation_id: Option<&str>,
) -> Result<(Option<Uuid>, ApplicantKind), AppError> {
    let Some(raw) = organisation_id else {
        return Ok((None, ApplicantKind::Person));
    };
    let id: Uuid = raw
        .parse()
        .map_err(|_| AppError::field("organisation_id", "invalid", "must be a UUID"))?;
    apps::organisation_kind_for_member(conn, id, p.user.id)?
        .map(|k| (Some(id), ApplicantKind::from(k)))
        .ok_or_else(|| {
            // Acting for an organisation one is not a member of is not allowed: 403.
            AppError::Forbidden(
                "you can only apply for an organisation you are a member of".to_owned(),
            )
        })
}

/// Writes the draft's fields, wijken and budget lines.
fn store_draft(
    conn: &mut PgConnection,
    id: Uuid,
    p: &Principal,
    draft: &ApplicationDraft,
) -> Result<(), AppError> {
    let (organisation_id, kind) = applicant_kind(conn, p, draft.organisation_id.as_deref())?;
    let date = |field: &str, v: &Option<String>| -> Result<Option<NaiveDate>, AppError> {
        match v.as_deref().filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => crate::local_time::day(field, s).map(Some),
        }
    };
    let starts_on = date("starts_on", &draft.starts_on)?;
    let ends_on = date("ends_on", &draft.ends_on)?;
    if let (Some(s), Some(e)) = (starts_on, ends_on)
        && e < s
    {
        return Err(AppError::field(
            "ends_on",
            "order",
            "the last day comes before the first",
        ));
    }
    let scope = ApplicationScope::parse(&draft.scope)
        .ok_or_else(|| AppError::field("scope", "invalid", "must be wijk, wijken or city"))?;
    let venue_id = match draft.venue_id.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(v) => {
            let id: Uuid = v
                .parse()
                .map_err(|_| AppError::field("venue_id", "invalid", "must be a UUID"))?;
            if !apps::venue_exists(conn, id)? {
                return Err(AppError::field("venue_id", "unknown", "no such venue"));
            }
            Some(id)
        }
    };
    let mut wijknrs = draft.wijken.clone();
    wijknrs.sort_unstable();
    wijknrs.dedup();
    let wijk_ids = apps::wijk_ids(conn, &wijknrs)?;
    if wijk_ids.len() != wijknrs.len() {
        return Err(AppError::field(
            "wijken",
            "unknown",
            "wijk numbers run from 1 to 25",
        ));
    }
    apps::store_draft(
        conn,
        id,
        &DraftFields {
            organisation_id,
            applicant_kind: kind,
            category: draft.category.trim(),
            title: draft.title.trim(),
            description: draft.description.trim(),
            themes: &draft.themes,
            scope,
            target_groups: &draft.target_groups,
            starts_on,
            ends_on,
            venue_id,
            location: draft.location.trim(),
            requested_cents: draft.requested_cents,
            coaching: draft.coaching,
            wijk_ids: &wijk_ids,
            budget_lines: draft
                .budget_lines
                .iter()
                .map(|l| (l.kind.trim(), l.description.trim(), l.amount_cents))
                .collect(),
        },
    )?;
    Ok(())
}

/// Start an application
///
/// Creates a draft for a scheme, as a person or for an organisation the caller is a member
/// of. The draft can be incomplete; `problems` in the answer lists what the scheme's rules
/// still need. Save changes with `PUT` as the applicant types; submit when `problems` is empty.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    request_body = NewApplication,
    responses(
        (status = 201, description = "The draft", body = Application),
        (status = 400, description = "Invalid field (dates, scope, wijken, venue, not a member of the organisation)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The scheme is archived", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/subsidies/applications")]
pub async fn create_application(
    caller: UserCaller,
    state: web::Data<AppState>,
    body: web::Json<NewApplication>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner();
    body.validate()?;
    let view = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let scheme = scheme_by_key(conn, &body.scheme)?;
            if scheme.status == SchemeStatus::Archived {
                return Err(AppError::Conflict(format!(
                    "{} no longer takes applications",
                    scheme.name
                )));
            }
            let id = Uuid::now_v7();
            apps::insert_draft(conn, id, scheme.id, p.user.id)?;
            store_draft(conn, id, &p, &body.draft)?;
            let row = app_row(conn, id, false)?;
            apps::record_created(conn, id, p.user.id, &scheme.key, row.applicant_kind)?;
            application_view(conn, id, Access::Owner)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// The summaries of listed applications; with the jury's weighted average when `with_jury`.
/// Each scheme's rules come with its first application and are read once.
fn summaries(
    lines: Vec<ListedApplication>,
    with_jury: bool,
) -> Result<Vec<ApplicationSummary>, AppError> {
    let mut rules: HashMap<String, SchemeRules> = HashMap::new();
    lines
        .into_iter()
        .map(|mut line| {
            if with_jury && let Some(value) = line.scheme_rules.take() {
                let parsed = serde_json::from_value(value).map_err(|e| {
                    AppError::Internal(format!("scheme {} has bad rules: {e}", line.scheme_key))
                })?;
                rules.insert(line.scheme_key.clone(), parsed);
            }
            summary(line, with_jury.then_some(&rules))
        })
        .collect()
}

/// The summary of a listed application; with the jury's weighted average when the rules of
/// the schemes are given.
fn summary(
    line: ListedApplication,
    rules: Option<&HashMap<String, SchemeRules>>,
) -> Result<ApplicationSummary, AppError> {
    let jury_average = match rules {
        Some(rules) => {
            let rules = rules.get(&line.scheme_key).ok_or_else(|| {
                AppError::Internal(format!(
                    "no rules of scheme {} in the list",
                    line.scheme_key
                ))
            })?;
            let criteria = rules_check::criterion_averages(
                rules,
                line.scores.iter().map(|(c, s)| (c.as_str(), *s)),
            );
            rules_check::weighted_average(&criteria)
        }
        None => None,
    };
    let row = line.row;
    Ok(ApplicationSummary {
        id: row.id.to_string(),
        scheme: line.scheme_key,
        category: row.category,
        title: row.title,
        organisation_name: line.organisation_name,
        status: row.status,
        requested_cents: row.requested_cents,
        decided_cents: row.decided_cents,
        deadline: line.deadline.map(|d| d.to_string()),
        wijken: line.wijknrs,
        jury_average,
        updated_at: row.updated_at.to_rfc3339(),
    })
}

/// List applications
///
/// `view=mine` (default): the caller's own and their organisations' applications.
/// `view=jury`: those assigned to the caller as jury member (deadline sent to the jury, no
/// conflict declared). `view=all`: programme staff see all that are not drafts; wijk staff see
/// those of their wijken. Without `limit` and `cursor` the answer holds up to 1,000
/// applications; with either it is one page, and the `Link` header names the next.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(ApplicationsQuery),
    responses(
        (status = 200, description = "Applications, newest change first", body = Vec<ApplicationSummary>,
            headers(("Link" = String, description = "When paged and more follow: `</api/v1/subsidies/applications?…&cursor=…>; rel=\"next\"`"))),
        (status = 400, description = "Unknown view or status", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`view=all` without a staff role", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/subsidies/applications")]
pub async fn list_applications(
    caller: UserCaller,
    state: web::Data<AppState>,
    query: Query<ApplicationsQuery>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    q.validate()?;
    let paged = q.limit.is_some() || q.cursor.is_some();
    let limit = if paged { page::limit(q.limit) } else { 1000 };
    let after: Option<(DateTime<Utc>, Uuid)> = page::position(q.cursor.as_deref())?;
    let view: ApplicationView =
        AppError::one_of(q.view.as_deref(), "view", "must be mine, jury or all")?
            .unwrap_or(ApplicationView::Mine);
    let status: Option<ApplicationStatus> =
        AppError::one_of(q.status.as_deref(), "status", "not an application status")?;
    let listed = state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            let scheme_id = match q.scheme.as_deref() {
                Some(key) => Some(scheme_by_key(conn, key)?.id),
                None => None,
            };
            let scope = match view {
                ApplicationView::Mine => ListScope::Mine(p.user.id),
                ApplicationView::Jury => ListScope::Jury {
                    user: p.user.id,
                    schemes: jury_schemes(&p),
                },
                ApplicationView::All if is_programme_staff(&p) => ListScope::All,
                ApplicationView::All => {
                    let wijken: Vec<Uuid> = p
                        .roles
                        .iter()
                        .filter(|(r, _)| r.role == Role::WijkStaff)
                        .filter_map(|(r, _)| r.wijk_id)
                        .collect();
                    if wijken.is_empty() {
                        return Err(AppError::Forbidden(
                            "only programme and wijk staff may list all applications".to_owned(),
                        ));
                    }
                    ListScope::Wijken(wijken)
                }
            };
            let with_jury = scope == ListScope::All;
            let filter = ListFilter {
                scope,
                scheme_id,
                status,
                after,
                limit: if paged { limit + 1 } else { limit },
            };
            let lines = page::cut(apps::list(conn, &filter)?, limit, |line| {
                (line.row.updated_at, line.row.id)
            });
            Ok(Page::new(
                summaries(lines.items, with_jury)?,
                lines.next_cursor,
            ))
        })
        .await?;
    let mut response = HttpResponse::Ok();
    if let Some(cursor) = &listed.next_cursor {
        let mut params: Vec<&str> = req
            .query_string()
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("cursor="))
            .collect();
        let cursor = format!("cursor={cursor}");
        params.push(&cursor);
        response.insert_header((
            header::LINK,
            format!("<{}?{}>; rel=\"next\"", req.path(), params.join("&")),
        ));
    }
    Ok(response.json(listed.items))
}

/// Get an application
///
/// For its applicant (and members of the applying organisation), programme staff, staff of its
/// wijken (once submitted) and assigned jury members without a conflict; others get 404.
/// Drafts carry `problems`: what the scheme's rules still need.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Application id (UUID)")),
    responses(
        (status = 200, description = "The application with its timeline", body = Application),
        (status = 404, description = "No such application (or not yours to see)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/subsidies/applications/{id}")]
pub async fn get_application(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Application>, AppError> {
    let id = parse_id(&id, "application")?;
    state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = app_row(conn, id, false)?;
            let a = access(conn, &p, &row)?;
            application_view(conn, id, a)
        })
        .await
        .map(web::Json)
}

/// Save a draft
///
/// Replaces the draft's content (autosave). Only drafts can change; the answer's `problems`
/// list what the scheme's rules still need.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Application id (UUID)")),
    request_body = ApplicationDraft,
    responses(
        (status = 200, description = "The saved draft", body = Application),
        (status = 400, description = "Invalid field", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the applicant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer a draft", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/subsidies/applications/{id}")]
pub async fn save_application(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<ApplicationDraft>,
) -> Result<web::Json<Application>, AppError> {
    let id = parse_id(&id, "application")?;
    let body = body.into_inner();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            owned_for_update(conn, &p, id, Action::Edit, "change the application")?;
            body.validate()?;
            store_draft(conn, id, &p, &body)?;
            application_view(conn, id, Access::Owner)
        })
        .await
        .map(web::Json)
}

/// Submit an application
///
/// Runs every rule of the scheme; any failure answers 400 with one entry per broken rule
/// (field, code, explanation). A jury category goes to the next open deadline. The applicant
/// gets a confirmation mail.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Application id (UUID)")),
    responses(
        (status = 200, description = "Submitted", body = Application),
        (status = 400, description = "Rules not met: every problem with its field", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the applicant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer a draft", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/subsidies/applications/{id}/submit")]
pub async fn submit_application(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Application>, AppError> {
    let id = parse_id(&id, "application")?;
    let url = state.public_url().to_owned();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (row, next) =
                owned_for_update(conn, &p, id, Action::Submit, "submit the application")?;
            let scheme = schemes::scheme_by_id(conn, row.scheme_id)?;
            let rules = rules_of(&scheme)?;
            let draft = draft_of(conn, &row)?;
            let problems = problems_of(conn, &scheme, &rules, &row, &draft)?;
            if !problems.is_empty() {
                // The stored draft breaks the scheme's rules: the submit conflicts with what
                // is saved (the request itself is well formed), and `errors` says what to fix.
                return Err(AppError::ConflictWith(
                    "the application does not meet the scheme's rules yet".to_owned(),
                    problems,
                ));
            }
            let jury = rules_check::category(&rules, &row.category)
                .is_some_and(|c| c.review == ReviewMode::Jury.as_str());
            let deadline = if jury {
                schemes::next_deadline(conn, scheme.id, Utc::now().date_naive())?.map(|(d, _)| d)
            } else {
                None
            };
            apps::set_submitted(conn, id, deadline)?;
            record_status(conn, &url, &row, Some(p.user.id), "applicant", next, None)?;
            application_view(conn, id, Access::Owner)
        })
        .await
        .map(web::Json)
}

/// Withdraw an application
///
/// The applicant withdraws a draft, a submitted or reviewed application, or an approved one
/// that is not paid yet (its amount goes back to the budget).
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Application id (UUID)")),
    request_body = Reason,
    responses(
        (status = 200, description = "Withdrawn", body = Application),
        (status = 400, description = "No reason", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the applicant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Paid, rejected, closed or withdrawn already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/subsidies/applications/{id}/withdraw")]
pub async fn withdraw_application(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<Reason>,
) -> Result<web::Json<Application>, AppError> {
    let id = parse_id(&id, "application")?;
    let body = body.into_inner();
    let url = state.public_url().to_owned();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (row, next) =
                owned_for_update(conn, &p, id, Action::Withdraw, "withdraw the application")?;
            body.validate()?;
            apps::set_status(conn, id, next)?;
            record_status(
                conn,
                &url,
                &row,
                Some(p.user.id),
                "applicant",
                next,
                Some(body.reason.trim()),
            )?;
            application_view(conn, id, Access::Owner)
        })
        .await
        .map(web::Json)
}

/// How long a co-signing link is valid.
const COSIGN_DAYS: i64 = 14;

/// Create a co-signing link
///
/// A bewonersgroep collects the signatures of other residents: the applicant shares this link
/// (valid 14 days); each resident opens it, logs in and signs once. Only for drafts.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Application id (UUID)")),
    responses(
        (status = 201, description = "The link (its token is shown once)", body = CosignatureLink),
        (status = 403, description = "Not the applicant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer a draft", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/subsidies/applications/{id}/cosignature-links")]
pub async fn create_cosign_link(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "application")?;
    let url = state.public_url().to_owned();
    let link = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            owned_for_update(conn, &p, id, Action::Edit, "collect signatures")?;
            let token = random_token();
            let expires_at = Utc::now() + Duration::days(COSIGN_DAYS);
            apps::add_cosign_link(conn, id, &token_hash(&token), expires_at)?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "subsidy_application.cosign_link")
                    .on("subsidy_application", id),
            )?;
            Ok(CosignatureLink {
                url: format!("{url}/subsidies/cosign/{token}"),
                token,
                expires_at: expires_at.to_rfc3339(),
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(link))
}

/// The application behind a valid link: (application row, link expiry).
fn by_token(conn: &mut PgConnection, token: &str) -> Result<(AppRow, DateTime<Utc>), AppError> {
    let (id, expires_at) = apps::cosign_link(conn, &token_hash(token))?
        .ok_or_else(|| AppError::NotFound("no such co-signing link".to_owned()))?;
    if expires_at < Utc::now() {
        return Err(AppError::Conflict(
            "this link has expired; ask the applicant for a new one".to_owned(),
        ));
    }
    Ok((app_row(conn, id, false)?, expires_at))
}

fn cosign_view(
    conn: &mut PgConnection,
    row: &AppRow,
    expires_at: DateTime<Utc>,
) -> Result<CosignatureRequest, AppError> {
    let organisation_name = organisation_name(conn, row.organisation_id)?;
    Ok(CosignatureRequest {
        title: row.title.clone(),
        organisation_name,
        description: row.description.clone(),
        cosignatures: apps::cosignature_count(conn, row.id)?,
        expires_at: expires_at.to_rfc3339(),
    })
}

/// See what a co-signing link is for
///
/// The initiative a resident is asked to co-sign.
#[utoipa::path(
    tag = "subsidies",
    security(()),
    params(("token" = String, Path, description = "The token from the link")),
    responses(
        (status = 200, description = "The initiative", body = CosignatureRequest),
        (status = 404, description = "No such link", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The link has expired", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/subsidies/cosignatures/{token}")]
pub async fn get_cosign_request(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<web::Json<CosignatureRequest>, AppError> {
    let token = token.into_inner();
    state
        .with_conn(move |conn| {
            let (row, expires) = by_token(conn, &token)?;
            cosign_view(conn, &row, expires)
        })
        .await
        .map(web::Json)
}

/// Co-sign an application
///
/// A logged-in resident signs once; the applicant and members of the applying organisation
/// cannot sign their own application. Only while it is a draft.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(("token" = String, Path, description = "The token from the link")),
    responses(
        (status = 200, description = "Signed", body = CosignatureRequest),
        (status = 403, description = "The applicant or a member of the organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such link", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Signed already, expired, or no longer a draft", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/subsidies/cosignatures/{token}")]
pub async fn cosign(
    caller: UserCaller,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<web::Json<CosignatureRequest>, AppError> {
    let token = token.into_inner();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (row, expires) = by_token(conn, &token)?;
            let row = app_row(conn, row.id, true)?;
            if is_owner(conn, &p, &row)? {
                return Err(AppError::Forbidden(
                    "co-signatures come from other residents, not from the applicants".to_owned(),
                ));
            }
            if rules_check::transition(row.status, Action::Cosign).is_err() {
                return Err(AppError::Conflict(
                    "the application was submitted already".to_owned(),
                ));
            }
            if !apps::add_cosignature(conn, row.id, p.user.id)? {
                return Err(AppError::Conflict("you signed this already".to_owned()));
            }
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "subsidy_application.cosigned")
                    .on("subsidy_application", row.id),
            )?;
            cosign_view(conn, &row, expires)
        })
        .await
        .map(web::Json)
}

use crate::upload::FileBytes;

/// The largest attachment (10 MiB).
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;
/// At most this many attachments per application.
pub const MAX_ATTACHMENTS: i64 = 10;
const ATTACHMENT_TYPES: [&str; 4] = ["application/pdf", "image/jpeg", "image/png", "image/webp"];

/// The file name of an upload. Other parameters are refused: the body is the file itself, so a
/// misspelt parameter would otherwise go unnoticed.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AttachmentQuery {
    /// File name to show (1–200 characters, no control characters).
    #[param(pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]{1,200}$")]
    pub name: String,
}

/// Attach a file
///
/// The body is the file itself with its `Content-Type`: a PDF, JPEG, PNG or WebP of at most
/// 10 MiB, whose bytes must be of that type; at most 10 files per application. Only drafts.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Application id (UUID)"),
        AttachmentQuery,
        ("Content-Type" = String, Header, description = "`application/pdf`, `image/jpeg`, `image/png` or `image/webp`"),
    ),
    request_body(
        description = "The file, at most 10 MiB",
        content(
            (FileBytes = "application/pdf"),
            (FileBytes = "image/jpeg"),
            (FileBytes = "image/png"),
            (FileBytes = "image/webp"),
        ),
    ),
    responses(
        (status = 201, description = "The application with the attachment", body = Application),
        (status = 400, description = "Empty body or bad name", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the applicant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer a draft, or 10 files already", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 10 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a PDF or image, or not the declared type", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/subsidies/applications/{id}/attachments")]
pub async fn put_attachment(
    caller: UserCaller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    query: Query<AttachmentQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "application")?;
    let name = query.into_inner().name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 200 || name.chars().any(char::is_control) {
        return Err(AppError::field(
            "name",
            "invalid",
            "1–200 characters, no control characters",
        ));
    }
    let upload = crate::upload::read(
        &req,
        payload,
        &ATTACHMENT_TYPES,
        MAX_ATTACHMENT_BYTES,
        "a PDF (application/pdf) or an image (image/jpeg, image/png, image/webp)",
    )
    .await?;
    let (declared, bytes) = (upload.content_type, upload.bytes);
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let size = i32::try_from(bytes.len()).unwrap_or(i32::MAX);
    let view = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            owned_for_update(conn, &p, id, Action::Edit, "add files")?;
            if apps::attachment_count(conn, id)? >= MAX_ATTACHMENTS {
                return Err(AppError::Conflict(format!(
                    "an application has at most {MAX_ATTACHMENTS} files"
                )));
            }
            apps::add_attachment(
                conn,
                &NewAttachment {
                    application: id,
                    name: &name,
                    sha256: &sha256,
                    content_type: &declared,
                    size,
                    bytes: bytes.as_ref(),
                    created_by: p.user.id,
                },
            )?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "subsidy_application.attachment_added")
                    .on("subsidy_application", id)
                    .details(json!({"bytes": size, "type": declared})),
            )?;
            application_view(conn, id, Access::Owner)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Remove an attachment
///
/// Only from drafts, by the applicant.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "Application id (UUID)"),
        ("attachment" = String, Path, description = "Attachment id (UUID)"),
    ),
    responses(
        (status = 200, description = "The application without it", body = Application),
        (status = 403, description = "Not the applicant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application or attachment", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer a draft", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/subsidies/applications/{id}/attachments/{attachment}")]
pub async fn delete_attachment(
    caller: UserCaller,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<web::Json<Application>, AppError> {
    let (id, attachment) = path.into_inner();
    let id = parse_id(&id, "application")?;
    let attachment = parse_id(&attachment, "attachment")?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            owned_for_update(conn, &p, id, Action::Edit, "remove files")?;
            if !apps::remove_attachment(conn, id, attachment)? {
                return Err(AppError::NotFound("no such attachment".to_owned()));
            }
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "subsidy_application.attachment_removed")
                    .on("subsidy_application", id),
            )?;
            application_view(conn, id, Access::Owner)
        })
        .await
        .map(web::Json)
}

/// Download an attachment
///
/// For everyone who may see the application; served as a download, never cached publicly.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Attachment id (UUID)")),
    responses(
        (status = 200, description = "The file", content(
            (FileBytes = "application/pdf"),
            (FileBytes = "image/jpeg"),
            (FileBytes = "image/png"),
            (FileBytes = "image/webp"),
        )),
        (status = 404, description = "No such attachment (or not yours to see)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/subsidies/attachments/{id}")]
pub async fn get_attachment(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "attachment")?;
    let (name, content_type, bytes) = state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (application, name, content_type, bytes) = apps::attachment_file(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such attachment".to_owned()))?;
            let row = app_row(conn, application, false)?;
            access(conn, &p, &row)
                .map_err(|_| AppError::NotFound("no such attachment".to_owned()))?;
            Ok((name, content_type, bytes))
        })
        .await?;
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{ascii}\""),
        ))
        .body(bytes))
}
