//! After submission: deadlines sent to the jury, conflicts of interest, scores and the jury's
//! advice, the programme's decision (never beyond the year's budget, also under concurrency),
//! payment, the final report, the public list of awards and the programme dashboard.

use std::collections::BTreeMap;

use actix_web::middleware::from_fn;
use actix_web::{HttpResponse, get, post, put, web};
use chrono::{Datelike, Utc};
use samenstad_db::PgConnection;
use samenstad_db::queries::applications::{self as apps, AppRow};
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::reviews::{self, DashboardLine, Decision};
use samenstad_db::queries::subsidies::{self as schemes, SchemeRow};
use samenstad_domain::subsidy::{self as rules_check, Action};
use samenstad_types::Problem;
use samenstad_types::subsidies::{
    Advice, Application, ApplicationStatus, Award, CriterionScore, Dashboard, DashboardRow,
    Deadline, DecisionInput, DecisionOutcome, PaymentInput, ReportInput, ReportReview,
    SchemeBudgetRow, ScoresInput, YearQuery,
};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::UserCaller;
use crate::csv_export::{self, euro};
use crate::error::AppError;
use crate::gate;
use crate::principal::{Principal, parse_id};
use crate::query::Query;
use crate::routes::subsidy_common::{
    Access, app_row, application_view, deadline_view, for_programme, is_jury_of, jury_assigned,
    next_status, notify_applicant, owned_for_update, record_status, require_programme_staff,
    rules_of, scheme_by_key,
};
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(close_deadline)
        .service(declare_conflict)
        .service(put_scores)
        .service(get_advice)
        .service(decide)
        .service(pay)
        .service(put_report)
        .service(review_report)
        .service(awards)
        .service(awards_csv)
        .service(dashboard)
        .service(dashboard_csv);
}

fn scheme_of(conn: &mut PgConnection, row: &AppRow) -> Result<SchemeRow, AppError> {
    Ok(schemes::scheme_by_id(conn, row.scheme_id)?)
}

/// Send a deadline to the jury
///
/// Programme staff close a deadline: its submitted applications move to `in_review` and are
/// assigned to the scheme's jury members; later submissions go to the next deadline.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Deadline id (UUID)")),
    responses(
        (status = 200, description = "The closed deadline", body = Deadline),
        (status = 403, description = "Not programme staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such deadline", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Closed already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/subsidies/deadlines/{id}/close", wrap = "from_fn(gate::city_role)")]
pub async fn close_deadline(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Deadline>, AppError> {
    let id = parse_id(&id, "deadline")?;
    let url = state.public_url().to_owned();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            require_programme_staff(&p)?;
            let (scheme_id, closed) = schemes::deadline_for_update(conn, id)?
                .ok_or_else(|| AppError::NotFound("no such deadline".to_owned()))?;
            if closed.is_some() {
                return Err(AppError::Conflict(
                    "this deadline went to the jury already".to_owned(),
                ));
            }
            schemes::close_deadline(conn, id, Utc::now())?;
            for app in apps::submitted_for_deadline(conn, id)? {
                let row = app_row(conn, app, true)?;
                let next = next_status(&row, Action::SendToJury, "send it to the jury")?;
                apps::set_status(conn, app, next)?;
                record_status(conn, &url, &row, Some(p.user.id), "staff", next, None)?;
            }
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "subsidy_deadline.closed").on("subsidy_deadline", id),
            )?;
            let scheme = schemes::scheme_by_id(conn, scheme_id)?;
            Ok(deadline_view(&scheme.key, schemes::deadline(conn, id)?))
        })
        .await
        .map(web::Json)
}

/// Loads an application for a jury member of its scheme (assigned, not conflicted), locked.
fn for_jury(conn: &mut PgConnection, p: &Principal, id: Uuid) -> Result<AppRow, AppError> {
    let row = app_row(conn, id, true)?;
    if !is_jury_of(p, row.scheme_id) {
        return Err(AppError::Forbidden(
            "only jury members of this scheme may do this".to_owned(),
        ));
    }
    if !jury_assigned(conn, p, &row)? {
        return Err(AppError::NotFound("no such application".to_owned()));
    }
    Ok(row)
}

/// Declare a conflict of interest
///
/// A jury member who is involved with the applicant steps aside: their scores on it are
/// removed and they no longer see it.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Application id (UUID)")),
    responses(
        (status = 204, description = "Declared"),
        (status = 403, description = "Not a jury member of the scheme", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application assigned to you", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/subsidies/applications/{id}/conflict",
    wrap = "from_fn(gate::city_role)"
)]
pub async fn declare_conflict(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = parse_id(&id, "application")?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            for_jury(conn, &p, id)?;
            reviews::declare_conflict(conn, id, p.user.id)?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "subsidy_application.conflict_declared")
                    .on("subsidy_application", id),
            )?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Score an application
///
/// A jury member scores every criterion of the scheme from 0 to 10 with a comment, while the
/// application is in review. Scoring again replaces the earlier scores.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Application id (UUID)")),
    request_body = ScoresInput,
    responses(
        (status = 200, description = "Your scores as saved", body = Vec<CriterionScore>),
        (status = 400, description = "A criterion missing, unknown, twice, or a score out of 0–10", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a jury member of the scheme", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application assigned to you", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in review (decided already)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put(
    "/subsidies/applications/{id}/scores",
    wrap = "from_fn(gate::city_role)"
)]
pub async fn put_scores(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<ScoresInput>,
) -> Result<web::Json<Vec<CriterionScore>>, AppError> {
    let id = parse_id(&id, "application")?;
    let body = body.into_inner();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = for_jury(conn, &p, id)?;
            body.validate()?;
            if rules_check::transition(row.status, Action::Score).is_err() {
                return Err(AppError::Conflict(format!(
                    "the application is {}; scores are closed",
                    row.status
                )));
            }
            let rules = rules_of(&scheme_of(conn, &row)?)?;
            let mut given: Vec<&str> = body.scores.iter().map(|s| s.criterion.as_str()).collect();
            given.sort_unstable();
            let mut wanted: Vec<&str> = rules.criteria.iter().map(|c| c.key.as_str()).collect();
            wanted.sort_unstable();
            if given != wanted {
                return Err(AppError::field(
                    "scores",
                    "criteria",
                    &format!("score every criterion once: {}", wanted.join(", ")),
                ));
            }
            let scores: Vec<(&str, i32, &str)> = body
                .scores
                .iter()
                .map(|s| (s.criterion.as_str(), s.score, s.comment.trim()))
                .collect();
            reviews::replace_scores(conn, id, p.user.id, &scores)?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "subsidy_application.scored")
                    .on("subsidy_application", id),
            )?;
            Ok(body.scores)
        })
        .await
        .map(web::Json)
}

/// The jury's advice on an application.
fn advice_of(conn: &mut PgConnection, scheme: &SchemeRow, id: Uuid) -> Result<Advice, AppError> {
    let rules = rules_of(scheme)?;
    let (scores, conflicts) = reviews::scores_of(conn, id)?;
    Ok(rules_check::advice(&rules, &scores, conflicts))
}

/// The jury's advice
///
/// For programme staff: the number of reviewers and conflicts, the average per criterion, the
/// weighted average (0–10) and every score with its comment (reviewers numbered, not named).
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Application id (UUID)")),
    responses(
        (status = 200, description = "The advice", body = Advice),
        (status = 403, description = "Not programme staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/subsidies/applications/{id}/advice")]
pub async fn get_advice(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<Advice>, AppError> {
    let id = parse_id(&id, "application")?;
    state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            require_programme_staff(&p)?;
            let row = app_row(conn, id, false)?;
            let scheme = scheme_of(conn, &row)?;
            advice_of(conn, &scheme, id)
        })
        .await
        .map(web::Json)
}

/// Decide on an application
///
/// Programme staff approve (the requested amount or less: a partial approval) or reject, always
/// with a reason the applicant reads. Automatic categories are decided once submitted; jury
/// categories once their deadline went to the jury. An approval counts against this year's
/// budget of the scheme and is refused when it does not fit: concurrent approvals are
/// serialised on the budget row, so together they never overspend.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Application id (UUID)")),
    request_body = DecisionInput,
    responses(
        (status = 200, description = "Decided", body = Application),
        (status = 400, description = "No reason, unknown outcome, or more than requested", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not programme staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not awaiting a decision, still waiting for the jury, or the year's budget does not allow it", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/subsidies/applications/{id}/decision",
    wrap = "from_fn(gate::city_role)"
)]
pub async fn decide(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<DecisionInput>,
) -> Result<web::Json<Application>, AppError> {
    let id = parse_id(&id, "application")?;
    let body = body.into_inner();
    let url = state.public_url().to_owned();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            require_programme_staff(&p)?;
            body.validate()?;
            let approve = match DecisionOutcome::parse(&body.outcome) {
                Some(DecisionOutcome::Approve) => true,
                Some(DecisionOutcome::Reject) => false,
                None => {
                    return Err(AppError::field(
                        "outcome",
                        "invalid",
                        "must be approve or reject",
                    ));
                }
            };
            let row = app_row(conn, id, true)?;
            let action = Action::Decide {
                approve,
                jury_deadline: row.deadline_id.is_some(),
            };
            let next = next_status(&row, action, "decide")?;
            let grant_cents = approve
                .then(|| rules_check::amount_to_grant(row.requested_cents, body.amount_cents))
                .transpose()
                .map_err(|e| AppError::field("amount_cents", "over_requested", &e.to_string()))?;
            let now = Utc::now();
            let reason = body.reason.trim();
            reviews::decide(
                conn,
                &Decision {
                    application_id: id,
                    scheme_id: row.scheme_id,
                    from: row.status,
                    grant_cents,
                    year: now.year(),
                    reason,
                    by: p.user.id,
                    at: now,
                },
            )?
            .map_err(|refusal| AppError::Conflict(refusal.to_string()))?;
            notify_applicant(conn, &url, &row, next.as_str(), Some(reason))?;
            application_view(conn, id, Access::Programme)
        })
        .await
        .map(web::Json)
}

/// Register the payment
///
/// Programme staff record that the granted amount was transferred. Schemes without a reporting
/// duty close the grant here; the others wait for the final report.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Application id (UUID)")),
    request_body = PaymentInput,
    responses(
        (status = 200, description = "Paid", body = Application),
        (status = 400, description = "No reference", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not programme staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not approved", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/subsidies/applications/{id}/payment",
    wrap = "from_fn(gate::city_role)"
)]
pub async fn pay(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<PaymentInput>,
) -> Result<web::Json<Application>, AppError> {
    let id = parse_id(&id, "application")?;
    let body = body.into_inner();
    let url = state.public_url().to_owned();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (row, _) = for_programme(
                conn,
                &p,
                id,
                Action::Pay {
                    report_required: true,
                },
                "register a payment",
            )?;
            body.validate()?;
            let report_required = rules_of(&scheme_of(conn, &row)?)?.report_required;
            let next = next_status(&row, Action::Pay { report_required }, "register a payment")?;
            reviews::record_payment(
                conn,
                id,
                next.as_str(),
                row.decided_cents,
                body.reference.trim(),
            )?;
            record_status(conn, &url, &row, Some(p.user.id), "staff", next, None)?;
            application_view(conn, id, Access::Programme)
        })
        .await
        .map(web::Json)
}

/// Submit the final report
///
/// After payment the applicant reports how it went and the actual cost of every budget line
/// (in the order of the lines). A report sent back by staff can be submitted again.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Application id (UUID)")),
    request_body = ReportInput,
    responses(
        (status = 200, description = "Report submitted", body = Application),
        (status = 400, description = "No narrative, or not one actual cost per line", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the applicant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not paid (or reported already)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/subsidies/applications/{id}/report")]
pub async fn put_report(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<ReportInput>,
) -> Result<web::Json<Application>, AppError> {
    let id = parse_id(&id, "application")?;
    let body = body.into_inner();
    let url = state.public_url().to_owned();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (row, next) = owned_for_update(conn, &p, id, Action::SubmitReport, "report")?;
            body.validate()?;
            if body
                .actual_cents
                .iter()
                .any(|c| !(0..=i64::from(u32::MAX)).contains(c))
            {
                return Err(AppError::field(
                    "actual_cents",
                    "range",
                    "each cost is 0 to 4294967295 cents",
                ));
            }
            let lines = apps::budget_line_count(conn, id)?;
            if i64::try_from(body.actual_cents.len()).unwrap_or(-1) != lines {
                return Err(AppError::field(
                    "actual_cents",
                    "lines",
                    &format!("give the actual cost of each of the {lines} budget lines"),
                ));
            }
            reviews::save_report(conn, id, &body.actual_cents, body.narrative.trim())?;
            apps::set_status(conn, id, next)?;
            record_status(conn, &url, &row, Some(p.user.id), "applicant", next, None)?;
            application_view(conn, id, Access::Owner)
        })
        .await
        .map(web::Json)
}

/// Review the final report
///
/// Programme staff accept the report (the grant is closed) or send it back with what to fix.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Application id (UUID)")),
    request_body = ReportReview,
    responses(
        (status = 200, description = "Reviewed", body = Application),
        (status = 400, description = "No reason", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not programme staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No report to review", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post(
    "/subsidies/applications/{id}/report/review",
    wrap = "from_fn(gate::city_role)"
)]
pub async fn review_report(
    caller: UserCaller,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: web::Json<ReportReview>,
) -> Result<web::Json<Application>, AppError> {
    let id = parse_id(&id, "application")?;
    let body = body.into_inner();
    let url = state.public_url().to_owned();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let (row, next) = for_programme(
                conn,
                &p,
                id,
                Action::ReviewReport {
                    accepted: body.accepted,
                },
                "review the report",
            )?;
            body.validate()?;
            reviews::review_report(conn, id, body.reason.trim(), p.user.id)?;
            apps::set_status(conn, id, next)?;
            record_status(
                conn,
                &url,
                &row,
                Some(p.user.id),
                "staff",
                next,
                Some(body.reason.trim()),
            )?;
            application_view(conn, id, Access::Programme)
        })
        .await
        .map(web::Json)
}

fn year_of(q: &YearQuery) -> Result<i32, AppError> {
    q.validate()?;
    Ok(q.year.unwrap_or_else(|| Utc::now().year()))
}

/// The wijk numbers of each of these applications, ascending.
fn wijknrs_by_application(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> Result<BTreeMap<Uuid, Vec<i16>>, AppError> {
    let mut out: BTreeMap<Uuid, Vec<i16>> = BTreeMap::new();
    for (id, nr) in apps::wijknrs_of_all(conn, ids)? {
        out.entry(id).or_default().push(nr);
    }
    for nrs in out.values_mut() {
        nrs.sort_unstable();
    }
    Ok(out)
}

fn award_list(conn: &mut PgConnection, q: &YearQuery) -> Result<Vec<Award>, AppError> {
    let year = year_of(q)?;
    let scheme_id = match q.scheme.as_deref() {
        Some(key) => Some(scheme_by_key(conn, key)?.id),
        None => None,
    };
    let rows = reviews::awards(conn, year, scheme_id)?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.0).collect();
    let mut wijken = wijknrs_by_application(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|(id, scheme, organisation, title, cents, at)| {
            let nrs = wijken.remove(&id).unwrap_or_default();
            Award {
                id: id.to_string(),
                scheme,
                organisation,
                title,
                wijken: nrs,
                amount_cents: cents.unwrap_or(0),
                year,
                decided_at: at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            }
        })
        .collect())
}

/// Awarded grants
///
/// The public list of grants of a year: scheme, organisation, title, wijken, amount. People
/// who applied alone are not named.
#[utoipa::path(
    tag = "subsidies",
    security(()),
    params(YearQuery),
    responses(
        (status = 200, description = "Grants by decision date", body = Vec<Award>),
        (status = 400, description = "Year out of range", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/subsidies/awards")]
pub async fn awards(
    state: web::Data<AppState>,
    query: Query<YearQuery>,
) -> Result<web::Json<Vec<Award>>, AppError> {
    let q = query.into_inner();
    state
        .with_conn(move |conn| award_list(conn, &q))
        .await
        .map(web::Json)
}

/// Awarded grants as CSV
///
/// The same list as `GET /subsidies/awards`, as CSV (UTF-8, header row, amounts in euro).
#[utoipa::path(
    tag = "subsidies",
    security(()),
    params(YearQuery),
    responses(
        (status = 200, description = "CSV: id, scheme, organisation, title, wijken, amount_eur, year, decided_at", content_type = "text/csv", body = String,
         example = json!("id,scheme,organisation,title,wijken,amount_eur,year,decided_at\n0193…,samen-aan-zet,Buurtcomité Rabot,Buurtfeest,9,300.00,2026,2026-11-30T10:00:00+00:00\n")),
        (status = 400, description = "Year out of range", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/subsidies/awards.csv")]
pub async fn awards_csv(
    state: web::Data<AppState>,
    query: Query<YearQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let list = state.with_conn(move |conn| award_list(conn, &q)).await?;
    csv_export::download(
        "awards.csv",
        &[
            "id",
            "scheme",
            "organisation",
            "title",
            "wijken",
            "amount_eur",
            "year",
            "decided_at",
        ],
        list.into_iter().map(|a| {
            vec![
                a.id,
                a.scheme,
                a.organisation.unwrap_or_default(),
                a.title,
                a.wijken
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" "),
                euro(a.amount_cents),
                a.year.to_string(),
                a.decided_at,
            ]
        }),
    )
}

fn add(map: &mut BTreeMap<String, DashboardRow>, key: &str, awarded: Option<i64>) {
    let e = map.entry(key.to_owned()).or_insert_with(|| DashboardRow {
        key: key.to_owned(),
        applications: 0,
        awarded: 0,
        awarded_cents: 0,
    });
    e.applications += 1;
    if let Some(c) = awarded {
        e.awarded += 1;
        e.awarded_cents += c;
    }
}

fn dashboard_of(conn: &mut PgConnection, q: &YearQuery) -> Result<Dashboard, AppError> {
    let year = year_of(q)?;
    let mut schemes_of_year = schemes::schemes_by_name(conn)?;
    let scheme_id = match q.scheme.as_deref() {
        Some(key) => {
            let scheme = scheme_by_key(conn, key)?;
            schemes_of_year.retain(|s| s.id == scheme.id);
            Some(scheme.id)
        }
        None => None,
    };
    // The year of an application: its budget year once granted, else the year it was
    // submitted, else the year it was started (withdrawn drafts).
    let rows: Vec<DashboardLine> = reviews::dashboard_lines(conn, scheme_id)?
        .into_iter()
        .filter(|r| r.8.or(r.9.map(|t| t.year())).unwrap_or(r.10.year()) == year)
        .collect();
    let ids: Vec<Uuid> = rows.iter().map(|r| r.0).collect();
    let wijken = wijknrs_by_application(conn, &ids)?;
    let mut by_status = BTreeMap::new();
    let mut by_deadline = BTreeMap::new();
    let mut by_kind = BTreeMap::new();
    let mut by_wijk = BTreeMap::new();
    let mut by_group = BTreeMap::new();
    let mut by_scope = BTreeMap::new();
    for (id, _scheme, status, kind, scope, groups, deadline, decided, _, _, _) in &rows {
        let awarded =
            if ApplicationStatus::parse(status).is_some_and(ApplicationStatus::is_committed) {
                *decided
            } else {
                None
            };
        add(&mut by_status, status, awarded);
        if let Some(d) = deadline {
            add(&mut by_deadline, &d.to_string(), awarded);
        }
        add(&mut by_kind, kind, awarded);
        add(&mut by_scope, scope, awarded);
        let nrs = wijken.get(id).map(Vec::as_slice).unwrap_or_default();
        if nrs.is_empty() {
            add(&mut by_wijk, "stad", awarded);
        }
        for n in nrs {
            // Sorts as text: pad so 2 comes before 10.
            add(&mut by_wijk, &format!("{n:02}"), awarded);
        }
        for g in groups {
            add(&mut by_group, g, awarded);
        }
    }
    let mut budgets = Vec::new();
    for s in &schemes_of_year {
        if schemes::has_budget(conn, s.id, year)? {
            budgets.push(SchemeBudgetRow {
                scheme: s.key.clone(),
                budget: schemes::budget_use(conn, s.id, year)?,
            });
        }
    }
    let list = |m: BTreeMap<String, DashboardRow>| m.into_values().collect::<Vec<_>>();
    Ok(Dashboard {
        year,
        budgets,
        by_status: list(by_status),
        by_deadline: list(by_deadline),
        by_applicant_kind: list(by_kind),
        by_wijk: list(by_wijk),
        by_target_group: list(by_group),
        by_scope: list(by_scope),
    })
}

fn require_dashboard_access(conn: &mut PgConnection, caller: UserCaller) -> Result<(), AppError> {
    let p = Principal::load(conn, caller)?;
    require_programme_staff(&p)
}

/// Programme dashboard
///
/// For programme staff: for a year (and optionally one scheme), the budget used, committed and
/// left per scheme; the pipeline per status and per jury deadline; who applies (applicant
/// kinds); where the money goes (per wijk, `stad` for city-wide); per target group; and
/// wijk-focused versus city-wide (per scope). Drafts are not counted.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(YearQuery),
    responses(
        (status = 200, description = "The dashboard", body = Dashboard),
        (status = 400, description = "Year out of range", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not programme staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/subsidies/dashboard")]
pub async fn dashboard(
    caller: UserCaller,
    state: web::Data<AppState>,
    query: Query<YearQuery>,
) -> Result<web::Json<Dashboard>, AppError> {
    let q = query.into_inner();
    state
        .with_conn(move |conn| {
            require_dashboard_access(conn, caller)?;
            dashboard_of(conn, &q)
        })
        .await
        .map(web::Json)
}

/// Programme dashboard as CSV
///
/// The dashboard's groups as rows: `section,key,applications,awarded,awarded_eur`, followed by
/// one row per scheme budget: `budget,<scheme>,<budget in euro>,<granted in euro>,<left in euro>`.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(YearQuery),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv", body = String,
         example = json!("section,key,applications,awarded,awarded_eur\nstatus,approved,3,3,1100.00\n")),
        (status = 400, description = "Year out of range", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not programme staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/subsidies/dashboard.csv")]
pub async fn dashboard_csv(
    caller: UserCaller,
    state: web::Data<AppState>,
    query: Query<YearQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let d = state
        .with_conn(move |conn| {
            require_dashboard_access(conn, caller)?;
            dashboard_of(conn, &q)
        })
        .await?;
    let mut rows = Vec::new();
    for (section, group) in [
        ("status", &d.by_status),
        ("deadline", &d.by_deadline),
        ("applicant_kind", &d.by_applicant_kind),
        ("wijk", &d.by_wijk),
        ("target_group", &d.by_target_group),
        ("scope", &d.by_scope),
    ] {
        rows.extend(group.iter().map(|r| {
            vec![
                section.to_owned(),
                r.key.clone(),
                r.applications.to_string(),
                r.awarded.to_string(),
                euro(r.awarded_cents),
            ]
        }));
    }
    rows.extend(d.budgets.iter().map(|b| {
        vec![
            "budget".to_owned(),
            b.scheme.clone(),
            euro(b.budget.budget_cents),
            euro(b.budget.committed_cents + b.budget.paid_cents),
            euro(b.budget.remaining_cents),
        ]
    }));
    csv_export::download(
        &format!("subsidies-{}.csv", d.year),
        &["section", "key", "applications", "awarded", "awarded_eur"],
        rows,
    )
}
