//! The staff overview of a wijk: ideas and projects by status, subsidies applied for and
//! granted, bookings and occupancy of its venues, and the trend of the last 12 months.

use actix_web::{HttpResponse, get, web};
use samenstad_db::PgConnection;
use samenstad_db::queries::overview::{self as q, StatusCount};
use samenstad_types::Problem;
use samenstad_types::account::Role;
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

fn count_view(row: StatusCount) -> OverviewCount {
    OverviewCount {
        key: row.key,
        count: row.count,
        amount_cents: row.amount,
    }
}

/// The overview of one wijk.
pub fn overview_of(conn: &mut PgConnection, wijk: Uuid) -> Result<WijkOverview, AppError> {
    let figures = q::wijk_figures(conn, wijk)?;
    let months = figures.months;
    let bookings = months.iter().map(|m| m.bookings).sum();
    let booked_hours: f64 = months.iter().map(|m| m.booked_hours).sum();
    #[expect(clippy::cast_precision_loss, reason = "room counts are small")]
    let available = figures.rooms.rooms as f64 * figures.rooms.days * HOURS_PER_DAY;
    let occupancy_percent = if available > 0.0 {
        (booked_hours / available * 1000.0).round() / 10.0
    } else {
        0.0
    };
    Ok(WijkOverview {
        wijknr: figures.wijknr,
        name: figures.name,
        ideas_by_status: figures
            .ideas_by_status
            .into_iter()
            .map(count_view)
            .collect(),
        projects_by_status: figures
            .projects_by_status
            .into_iter()
            .map(count_view)
            .collect(),
        subsidy_applications: figures.subsidies.applications,
        subsidies_awarded: figures.subsidies.awarded,
        subsidies_awarded_cents: figures.subsidies.awarded_cents,
        rooms: figures.rooms.rooms,
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
            if !p.is_staff_of(Some(wijk)) && !p.has_role(Role::ProgrammeAdmin) {
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
        (status = 403, description = "Neither staff of the wijk nor programme staff", body = Problem, content_type = "application/problem+json"),
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
        (status = 403, description = "Neither staff of the wijk nor programme staff", body = Problem, content_type = "application/problem+json"),
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
