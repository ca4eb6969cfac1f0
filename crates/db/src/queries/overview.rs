//! The staff overview of a wijk: counts by status, subsidies, rooms and bookings, by month.

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Double, Text, Uuid as SqlUuid};
use samenstad_types::subsidies::ApplicationStatus;
use uuid::Uuid;

use crate::schema::{subsidy_application, subsidy_application_wijk, wijk};

/// Rows per status: how many, and the sum of their amounts in cents.
#[derive(Debug, Clone, PartialEq, QueryableByName)]
pub struct StatusCount {
    #[diesel(sql_type = Text)]
    pub key: String,
    #[diesel(sql_type = BigInt)]
    pub count: i64,
    #[diesel(sql_type = BigInt)]
    pub amount: i64,
}

/// Rooms of the wijk's venues and the days of the overview's 12 months.
#[derive(Debug, Clone, PartialEq, QueryableByName)]
pub struct RoomDays {
    #[diesel(sql_type = BigInt)]
    pub rooms: i64,
    #[diesel(sql_type = Double)]
    pub days: f64,
}

/// One month of the overview.
#[derive(Debug, Clone, PartialEq, QueryableByName)]
pub struct MonthLine {
    /// `YYYY-MM`.
    #[diesel(sql_type = Text)]
    pub month: String,
    #[diesel(sql_type = BigInt)]
    pub ideas: i64,
    #[diesel(sql_type = BigInt)]
    pub applications: i64,
    #[diesel(sql_type = BigInt)]
    pub awarded_cents: i64,
    #[diesel(sql_type = BigInt)]
    pub bookings: i64,
    #[diesel(sql_type = Double)]
    pub booked_hours: f64,
}

/// Subsidy applications that name the wijk: submitted ones, and the committed grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubsidyTotals {
    pub applications: i64,
    pub awarded: i64,
    pub awarded_cents: i64,
}

/// Everything the overview of one wijk shows.
#[derive(Debug, Clone, PartialEq)]
pub struct WijkFigures {
    pub wijknr: i16,
    pub name: String,
    pub ideas_by_status: Vec<StatusCount>,
    pub projects_by_status: Vec<StatusCount>,
    pub subsidies: SubsidyTotals,
    pub rooms: RoomDays,
    /// The last 12 months, oldest first.
    pub months: Vec<MonthLine>,
}

fn status_counts(conn: &mut PgConnection, sql: &str, wijk: Uuid) -> QueryResult<Vec<StatusCount>> {
    diesel::sql_query(sql).bind::<SqlUuid, _>(wijk).load(conn)
}

/// Applications naming the wijk: submitted (not drafts) and committed grants with their sum.
fn subsidy_totals(conn: &mut PgConnection, wijk: Uuid) -> QueryResult<SubsidyTotals> {
    let of_wijk = || {
        subsidy_application::table
            .inner_join(subsidy_application_wijk::table)
            .filter(subsidy_application_wijk::wijk_id.eq(wijk))
    };
    let applications = of_wijk()
        .filter(subsidy_application::status.ne("draft"))
        .count()
        .get_result(conn)?;
    let (awarded, awarded_cents) = of_wijk()
        .filter(subsidy_application::status.eq_any(ApplicationStatus::COMMITTED))
        .select((
            diesel::dsl::count_star(),
            sql::<BigInt>("coalesce(sum(subsidy_application.decided_cents), 0)::bigint"),
        ))
        .get_result(conn)?;
    Ok(SubsidyTotals {
        applications,
        awarded,
        awarded_cents,
    })
}

/// The figures of the overview of one wijk.
pub fn wijk_figures(conn: &mut PgConnection, wijk: Uuid) -> QueryResult<WijkFigures> {
    let (wijknr, name): (i16, String) = wijk::table
        .find(wijk)
        .select((wijk::wijknr, wijk::name))
        .first(conn)?;
    let ideas_by_status = status_counts(
        conn,
        "SELECT status AS key, count(*) AS count, coalesce(sum(estimated_cost_cents), 0)::bigint AS amount
         FROM idea WHERE wijk_id = $1 AND hidden_reason IS NULL GROUP BY status ORDER BY status",
        wijk,
    )?;
    let projects_by_status = status_counts(
        conn,
        "SELECT status AS key, count(*) AS count, coalesce(sum(budget_cents), 0)::bigint AS amount
         FROM project WHERE wijk_id = $1 GROUP BY status ORDER BY status",
        wijk,
    )?;
    let subsidies = subsidy_totals(conn, wijk)?;
    let rooms: RoomDays = diesel::sql_query(
        "SELECT
           (SELECT count(*) FROM room r JOIN venue v ON v.id = r.venue_id WHERE v.wijk_id = $1) AS rooms,
           extract(day FROM date_trunc('month', now()) + interval '1 month'
                            - (date_trunc('month', now()) - interval '11 months'))::float8 AS days",
    )
    .bind::<SqlUuid, _>(wijk)
    .get_result(conn)?;
    // The committed statuses are bound ($2), so they are the ones of `samenstad_types`.
    let months: Vec<MonthLine> = diesel::sql_query(
        "SELECT to_char(m, 'YYYY-MM') AS month,
           (SELECT count(*) FROM idea WHERE wijk_id = $1 AND created_at >= m AND created_at < m + interval '1 month') AS ideas,
           (SELECT count(*) FROM subsidy_application a JOIN subsidy_application_wijk w ON w.application_id = a.id
             WHERE w.wijk_id = $1 AND a.submitted_at >= m AND a.submitted_at < m + interval '1 month') AS applications,
           (SELECT coalesce(sum(a.decided_cents), 0)::bigint FROM subsidy_application a
             JOIN subsidy_application_wijk w ON w.application_id = a.id
             WHERE w.wijk_id = $1 AND a.status = ANY($2)
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
         ORDER BY m",
    )
    .bind::<SqlUuid, _>(wijk)
    .bind::<Array<Text>, _>(ApplicationStatus::COMMITTED.as_slice())
    .load(conn)?;
    Ok(WijkFigures {
        wijknr,
        name,
        ideas_by_status,
        projects_by_status,
        subsidies,
        rooms,
        months,
    })
}
