//! The staff overview of a wijk: ideas and projects by status, subsidies applied for and
//! granted, bookings and occupancy of its venues, and the trend of the last 12 months.

use actix_web::{HttpResponse, get, web};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Text, Uuid as SqlUuid};
use samenstad_db::PgConnection;
use samenstad_types::Problem;
use samenstad_types::wijk::{OverviewCount, OverviewMonth, WijkOverview};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::auth::UserCaller;
use crate::csv_export::{self, euro};
use crate::error::AppError;
use crate::principal::{Principal, wijk_id};
use crate::state::AppState;

/// Registers the handlers of this module.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(overview).service(overview_csv);
}

/// Opening hours counted for occupancy: 08:00–22:00.
const HOURS_PER_DAY: f64 = 14.0;

#[derive(QueryableByName)]
struct CountLine {
    #[diesel(sql_type = Text)]
    key: String,
    #[diesel(sql_type = BigInt)]
    count: i64,
    #[diesel(sql_type = BigInt)]
    amount: i64,
}

#[derive(QueryableByName)]
struct Totals {
    #[diesel(sql_type = BigInt)]
    applications: i64,
    #[diesel(sql_type = BigInt)]
    awarded: i64,
    #[diesel(sql_type = BigInt)]
    awarded_cents: i64,
    #[diesel(sql_type = BigInt)]
    rooms: i64,
    #[diesel(sql_type = Double)]
    days: f64,
}

#[derive(QueryableByName)]
struct MonthLine {
    #[diesel(sql_type = Text)]
    month: String,
    #[diesel(sql_type = BigInt)]
    ideas: i64,
    #[diesel(sql_type = BigInt)]
    applications: i64,
    #[diesel(sql_type = BigInt)]
    awarded_cents: i64,
    #[diesel(sql_type = BigInt)]
    bookings: i64,
    #[diesel(sql_type = Double)]
    booked_hours: f64,
}

const GRANTED: &str = "('approved', 'paid', 'report_submitted', 'closed')";

fn counts(conn: &mut PgConnection, sql: &str, wijk: Uuid) -> Result<Vec<OverviewCount>, AppError> {
    let rows: Vec<CountLine> = diesel::sql_query(sql).bind::<SqlUuid, _>(wijk).load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| OverviewCount {
            key: r.key,
            count: r.count,
            amount_cents: r.amount,
        })
        .collect())
}

/// The overview of one wijk.
pub fn overview_of(conn: &mut PgConnection, wijk: Uuid) -> Result<WijkOverview, AppError> {
    let (wijknr, name): (i16, String) = samenstad_db::schema::wijk::table
        .find(wijk)
        .select((
            samenstad_db::schema::wijk::wijknr,
            samenstad_db::schema::wijk::name,
        ))
        .first(conn)?;
    let ideas_by_status = counts(
        conn,
        "SELECT status AS key, count(*) AS count, coalesce(sum(estimated_cost_cents), 0)::bigint AS amount
         FROM idea WHERE wijk_id = $1 AND hidden_reason IS NULL GROUP BY status ORDER BY status",
        wijk,
    )?;
    let projects_by_status = counts(
        conn,
        "SELECT status AS key, count(*) AS count, coalesce(sum(budget_cents), 0)::bigint AS amount
         FROM project WHERE wijk_id = $1 GROUP BY status ORDER BY status",
        wijk,
    )?;
    let totals: Totals = diesel::sql_query(format!(
        "SELECT
           (SELECT count(*) FROM subsidy_application a JOIN subsidy_application_wijk w ON w.application_id = a.id
             WHERE w.wijk_id = $1 AND a.status <> 'draft') AS applications,
           (SELECT count(*) FROM subsidy_application a JOIN subsidy_application_wijk w ON w.application_id = a.id
             WHERE w.wijk_id = $1 AND a.status IN {GRANTED}) AS awarded,
           (SELECT coalesce(sum(a.decided_cents), 0)::bigint FROM subsidy_application a
             JOIN subsidy_application_wijk w ON w.application_id = a.id
             WHERE w.wijk_id = $1 AND a.status IN {GRANTED}) AS awarded_cents,
           (SELECT count(*) FROM room r JOIN venue v ON v.id = r.venue_id WHERE v.wijk_id = $1) AS rooms,
           extract(day FROM date_trunc('month', now()) + interval '1 month'
                            - (date_trunc('month', now()) - interval '11 months'))::float8 AS days"
    ))
    .bind::<SqlUuid, _>(wijk)
    .get_result(conn)?;
    let months: Vec<MonthLine> = diesel::sql_query(format!(
        "SELECT to_char(m, 'YYYY-MM') AS month,
           (SELECT count(*) FROM idea WHERE wijk_id = $1 AND created_at >= m AND created_at < m + interval '1 month') AS ideas,
           (SELECT count(*) FROM subsidy_application a JOIN subsidy_application_wijk w ON w.application_id = a.id
             WHERE w.wijk_id = $1 AND a.submitted_at >= m AND a.submitted_at < m + interval '1 month') AS applications,
           (SELECT coalesce(sum(a.decided_cents), 0)::bigint FROM subsidy_application a
             JOIN subsidy_application_wijk w ON w.application_id = a.id
             WHERE w.wijk_id = $1 AND a.status IN {GRANTED}
               AND a.decided_at >= m AND a.decided_at < m + interval '1 month') AS awarded_cents,
           (SELECT count(*) FROM booking b JOIN room r ON r.id = b.room_id JOIN venue v ON v.id = r.venue_id
             WHERE v.wijk_id = $1 AND b.status IN ('approved', 'completed')
               AND lower(b.during) >= m AND lower(b.during) < m + interval '1 month') AS bookings,
           (SELECT coalesce(sum(extract(epoch FROM upper(b.during) - lower(b.during))) / 3600, 0)::float8
             FROM booking b JOIN room r ON r.id = b.room_id JOIN venue v ON v.id = r.venue_id
             WHERE v.wijk_id = $1 AND b.status IN ('approved', 'completed')
               AND lower(b.during) >= m AND lower(b.during) < m + interval '1 month') AS booked_hours
         FROM generate_series(date_trunc('month', now()) - interval '11 months', date_trunc('month', now()),
                              interval '1 month') AS m
         ORDER BY m"
    ))
    .bind::<SqlUuid, _>(wijk)
    .load(conn)?;
    let bookings = months.iter().map(|m| m.bookings).sum();
    let booked_hours: f64 = months.iter().map(|m| m.booked_hours).sum();
    #[expect(clippy::cast_precision_loss, reason = "room counts are small")]
    let available = totals.rooms as f64 * totals.days * HOURS_PER_DAY;
    let occupancy_percent = if available > 0.0 {
        (booked_hours / available * 1000.0).round() / 10.0
    } else {
        0.0
    };
    Ok(WijkOverview {
        wijknr,
        name,
        ideas_by_status,
        projects_by_status,
        subsidy_applications: totals.applications,
        subsidies_awarded: totals.awarded,
        subsidies_awarded_cents: totals.awarded_cents,
        rooms: totals.rooms,
        bookings,
        booked_hours,
        occupancy_percent,
        months: months
            .into_iter()
            .map(|m| OverviewMonth {
                month: m.month,
                ideas: m.ideas,
                applications: m.applications,
                awarded_cents: m.awarded_cents,
                bookings: m.bookings,
                booked_hours: m.booked_hours,
            })
            .collect(),
    })
}

/// Loads the overview for staff of the wijk or programme staff.
async fn load(state: &AppState, caller: UserCaller, key: String) -> Result<WijkOverview, AppError> {
    state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            let wijk = wijk_id(conn, &key)?;
            if !p.is_staff_of(Some(wijk)) && !p.has_role("programme_admin") {
                return Err(AppError::Forbidden(
                    "only staff of this wijk and programme staff see its overview".to_owned(),
                ));
            }
            overview_of(conn, wijk)
        })
        .await
}

/// Staff overview of a wijk
///
/// For staff of the wijk and programme staff: ideas and projects by status, subsidy
/// applications and grants for the wijk, rooms, bookings and occupancy of its venues, and the
/// last 12 months (ideas, applications, grants, bookings per month). Aggregates only.
#[utoipa::path(
    tag = "wijken",
    security(("bearer" = [])),
    params(("key" = String, Path, description = "Wijk number or slug")),
    responses(
        (status = 200, description = "The overview", body = WijkOverview),
        (status = 400, description = "Unknown wijk", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither staff of the wijk nor programme staff", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/wijken/{key}/overview")]
pub async fn overview(
    caller: UserCaller,
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> Result<web::Json<WijkOverview>, AppError> {
    load(&state, caller, key.into_inner()).await.map(web::Json)
}

/// Staff overview of a wijk as CSV
///
/// The 12 months of the overview, one row each: `month,ideas,applications,awarded_eur,bookings,booked_hours`.
#[utoipa::path(
    tag = "wijken",
    security(("bearer" = [])),
    params(("key" = String, Path, description = "Wijk number or slug")),
    responses(
        (status = 200, description = "CSV", content_type = "text/csv", body = String,
         example = json!("month,ideas,applications,awarded_eur,bookings,booked_hours\n2026-11,3,1,300.00,4,9.0\n")),
        (status = 400, description = "Unknown wijk", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither staff of the wijk nor programme staff", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/wijken/{key}/overview.csv")]
pub async fn overview_csv(
    caller: UserCaller,
    state: web::Data<AppState>,
    key: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let o = load(&state, caller, key.into_inner()).await?;
    csv_export::download(
        &format!("wijk-{}-overview.csv", o.wijknr),
        &[
            "month",
            "ideas",
            "applications",
            "awarded_eur",
            "bookings",
            "booked_hours",
        ],
        o.months.iter().map(|m| {
            vec![
                m.month.clone(),
                m.ideas.to_string(),
                m.applications.to_string(),
                euro(m.awarded_cents),
                m.bookings.to_string(),
                format!("{:.1}", m.booked_hours),
            ]
        }),
    )
}
