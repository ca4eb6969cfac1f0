//! Subsidy schemes (their rules are data), their jury deadlines and their budgets per year.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::upsert::excluded;
use samenstad_domain::subsidy::{self as rules, Status};
use samenstad_types::subsidies::{ApplicationStatus, SchemeBudget, SchemeRules, SchemeStatus};
use uuid::Uuid;

use crate::schema::{subsidy_application, subsidy_budget, subsidy_deadline, subsidy_scheme};

/// The statuses in which an application holds part of the year's budget, as an SQL list for
/// `status IN …` in hand-written queries (the same as `ApplicationStatus::COMMITTED`).
pub const COMMITTED_STATUSES_SQL: &str = "('approved', 'paid', 'report_submitted', 'closed')";

/// A scheme row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = subsidy_scheme, check_for_backend(diesel::pg::Pg))]
pub struct SchemeRow {
    pub id: Uuid,
    pub key: String,
    pub name: String,
    pub owner_service: String,
    pub purpose: String,
    pub status: SchemeStatus,
    pub replaced_by: Option<Uuid>,
    pub rules: serde_json::Value,
}

impl SchemeRow {
    /// The parsed rules.
    pub fn rules(&self) -> Result<SchemeRules, serde_json::Error> {
        serde_json::from_value(self.rules.clone())
    }
}

/// The fields of a scheme to save.
#[derive(Debug, Clone)]
pub struct SchemeFields<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub owner_service: &'a str,
    pub purpose: &'a str,
    pub status: &'a str,
    pub replaced_by: Option<Uuid>,
    pub rules: &'a serde_json::Value,
}

/// A jury deadline with the number of applications sent to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineRow {
    pub id: Uuid,
    pub scheme_id: Uuid,
    pub closes_on: NaiveDate,
    pub closed_at: Option<DateTime<Utc>>,
    pub applications: i64,
}

/// The scheme with this key.
pub fn scheme_by_key(conn: &mut PgConnection, key: &str) -> QueryResult<Option<SchemeRow>> {
    subsidy_scheme::table
        .filter(subsidy_scheme::key.eq(key))
        .select(SchemeRow::as_select())
        .first(conn)
        .optional()
}

/// The scheme with this id.
pub fn scheme_by_id(conn: &mut PgConnection, id: Uuid) -> QueryResult<SchemeRow> {
    subsidy_scheme::table
        .find(id)
        .select(SchemeRow::as_select())
        .first(conn)
}

/// Every scheme, active ones first, then by name.
pub fn schemes_active_first(conn: &mut PgConnection) -> QueryResult<Vec<SchemeRow>> {
    subsidy_scheme::table
        .order((
            subsidy_scheme::status.eq("archived"),
            subsidy_scheme::name.asc(),
        ))
        .select(SchemeRow::as_select())
        .load(conn)
}

/// Every scheme by name.
pub fn schemes_by_name(conn: &mut PgConnection) -> QueryResult<Vec<SchemeRow>> {
    subsidy_scheme::table
        .order(subsidy_scheme::name.asc())
        .select(SchemeRow::as_select())
        .load(conn)
}

/// The schemes that take applications (not archived).
pub fn open_schemes(conn: &mut PgConnection) -> QueryResult<Vec<SchemeRow>> {
    subsidy_scheme::table
        .filter(subsidy_scheme::status.ne("archived"))
        .select(SchemeRow::as_select())
        .load(conn)
}

/// The id of the scheme with this key.
pub fn scheme_id_by_key(conn: &mut PgConnection, key: &str) -> QueryResult<Option<Uuid>> {
    subsidy_scheme::table
        .filter(subsidy_scheme::key.eq(key))
        .select(subsidy_scheme::id)
        .first(conn)
        .optional()
}

/// Inserts or updates the scheme with this id.
pub fn save_scheme(conn: &mut PgConnection, id: Uuid, s: &SchemeFields<'_>) -> QueryResult<()> {
    diesel::insert_into(subsidy_scheme::table)
        .values((
            subsidy_scheme::id.eq(id),
            subsidy_scheme::key.eq(s.key),
            subsidy_scheme::name.eq(s.name),
            subsidy_scheme::owner_service.eq(s.owner_service),
            subsidy_scheme::purpose.eq(s.purpose),
            subsidy_scheme::status.eq(s.status),
            subsidy_scheme::replaced_by.eq(s.replaced_by),
            subsidy_scheme::rules.eq(s.rules),
        ))
        .on_conflict(subsidy_scheme::id)
        .do_update()
        .set((
            subsidy_scheme::name.eq(excluded(subsidy_scheme::name)),
            subsidy_scheme::owner_service.eq(excluded(subsidy_scheme::owner_service)),
            subsidy_scheme::purpose.eq(excluded(subsidy_scheme::purpose)),
            subsidy_scheme::status.eq(excluded(subsidy_scheme::status)),
            subsidy_scheme::replaced_by.eq(excluded(subsidy_scheme::replaced_by)),
            subsidy_scheme::rules.eq(excluded(subsidy_scheme::rules)),
            subsidy_scheme::updated_at.eq(Utc::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The deadlines of a scheme, earliest first, with their application counts.
pub fn deadlines_of(conn: &mut PgConnection, scheme_id: Uuid) -> QueryResult<Vec<DeadlineRow>> {
    let rows: Vec<(Uuid, NaiveDate, Option<DateTime<Utc>>)> = subsidy_deadline::table
        .filter(subsidy_deadline::scheme_id.eq(scheme_id))
        .order(subsidy_deadline::closes_on.asc())
        .select((
            subsidy_deadline::id,
            subsidy_deadline::closes_on,
            subsidy_deadline::closed_at,
        ))
        .load(conn)?;
    let counts: Vec<(Option<Uuid>, i64)> = subsidy_application::table
        .filter(subsidy_application::scheme_id.eq(scheme_id))
        .filter(subsidy_application::deadline_id.is_not_null())
        .group_by(subsidy_application::deadline_id)
        .select((subsidy_application::deadline_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, closes_on, closed_at)| DeadlineRow {
            id,
            scheme_id,
            closes_on,
            closed_at,
            applications: counts
                .iter()
                .find(|(d, _)| *d == Some(id))
                .map_or(0, |(_, n)| *n),
        })
        .collect())
}

/// One deadline with its application count.
pub fn deadline(conn: &mut PgConnection, id: Uuid) -> QueryResult<DeadlineRow> {
    let (scheme_id, closes_on, closed_at): (Uuid, NaiveDate, Option<DateTime<Utc>>) =
        subsidy_deadline::table
            .find(id)
            .select((
                subsidy_deadline::scheme_id,
                subsidy_deadline::closes_on,
                subsidy_deadline::closed_at,
            ))
            .first(conn)?;
    let applications: i64 = subsidy_application::table
        .filter(subsidy_application::deadline_id.eq(id))
        .count()
        .get_result(conn)?;
    Ok(DeadlineRow {
        id,
        scheme_id,
        closes_on,
        closed_at,
        applications,
    })
}

/// The day a deadline closes.
pub fn deadline_closes_on(conn: &mut PgConnection, id: Uuid) -> QueryResult<NaiveDate> {
    subsidy_deadline::table
        .find(id)
        .select(subsidy_deadline::closes_on)
        .first(conn)
}

/// When a deadline went to the jury (`None`: not yet).
pub fn deadline_closed_at(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<DateTime<Utc>>> {
    subsidy_deadline::table
        .find(id)
        .select(subsidy_deadline::closed_at)
        .first(conn)
}

/// The next deadline of a scheme that is still open on `today`.
pub fn next_deadline(
    conn: &mut PgConnection,
    scheme_id: Uuid,
    today: NaiveDate,
) -> QueryResult<Option<(Uuid, NaiveDate)>> {
    subsidy_deadline::table
        .filter(subsidy_deadline::scheme_id.eq(scheme_id))
        .filter(subsidy_deadline::closes_on.ge(today))
        .filter(subsidy_deadline::closed_at.is_null())
        .order(subsidy_deadline::closes_on.asc())
        .select((subsidy_deadline::id, subsidy_deadline::closes_on))
        .first(conn)
        .optional()
}

/// Adds a deadline; `false` when the scheme has one on that day already.
pub fn add_deadline(
    conn: &mut PgConnection,
    id: Uuid,
    scheme_id: Uuid,
    closes_on: NaiveDate,
) -> QueryResult<bool> {
    diesel::insert_into(subsidy_deadline::table)
        .values((
            subsidy_deadline::id.eq(id),
            subsidy_deadline::scheme_id.eq(scheme_id),
            subsidy_deadline::closes_on.eq(closes_on),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .map(|n| n > 0)
}

/// Locks a deadline for the rest of the transaction: (scheme, closed at), `None` when there
/// is no such deadline.
pub fn deadline_for_update(
    conn: &mut PgConnection,
    id: Uuid,
) -> QueryResult<Option<(Uuid, Option<DateTime<Utc>>)>> {
    subsidy_deadline::table
        .find(id)
        .select((subsidy_deadline::scheme_id, subsidy_deadline::closed_at))
        .for_update()
        .first(conn)
        .optional()
}

/// Marks a deadline as sent to the jury.
pub fn close_deadline(conn: &mut PgConnection, id: Uuid, at: DateTime<Utc>) -> QueryResult<()> {
    diesel::update(subsidy_deadline::table.find(id))
        .set(subsidy_deadline::closed_at.eq(at))
        .execute(conn)
        .map(|_| ())
}

/// The years a scheme has a budget for, in order.
pub fn budget_years(conn: &mut PgConnection, scheme_id: Uuid) -> QueryResult<Vec<i32>> {
    subsidy_budget::table
        .filter(subsidy_budget::scheme_id.eq(scheme_id))
        .order(subsidy_budget::year.asc())
        .select(subsidy_budget::year)
        .load(conn)
}

/// The budget of a scheme in a year (0 without one) with what is approved and paid.
pub fn budget_use(
    conn: &mut PgConnection,
    scheme_id: Uuid,
    year: i32,
) -> QueryResult<SchemeBudget> {
    let budget: i64 = subsidy_budget::table
        .find((scheme_id, year))
        .select(subsidy_budget::budget_cents)
        .first(conn)
        .optional()?
        .unwrap_or(0);
    let rows: Vec<(Status, Option<i64>)> = subsidy_application::table
        .filter(subsidy_application::scheme_id.eq(scheme_id))
        .filter(subsidy_application::budget_year.eq(year))
        .filter(subsidy_application::status.eq_any(ApplicationStatus::COMMITTED))
        .select((
            subsidy_application::status,
            subsidy_application::decided_cents,
        ))
        .load(conn)?;
    Ok(rules::budget_use(year, budget, rows))
}

/// Whether a scheme has a budget row for the year.
pub fn has_budget(conn: &mut PgConnection, scheme_id: Uuid, year: i32) -> QueryResult<bool> {
    subsidy_budget::table
        .find((scheme_id, year))
        .count()
        .get_result::<i64>(conn)
        .map(|n| n > 0)
}

/// Locks the scheme and its budget row of the year (when there is one) against concurrent
/// approvals for the rest of the transaction.
pub fn lock_budget(conn: &mut PgConnection, scheme_id: Uuid, year: i32) -> QueryResult<()> {
    subsidy_scheme::table
        .find(scheme_id)
        .select(subsidy_scheme::id)
        .for_update()
        .first::<Uuid>(conn)?;
    subsidy_budget::table
        .find((scheme_id, year))
        .select(subsidy_budget::year)
        .for_update()
        .first::<i32>(conn)
        .optional()?;
    Ok(())
}

/// Locks the budget row of the year, the lock every approval of the scheme takes; `false`
/// when the scheme has no budget that year.
pub fn lock_year_budget(conn: &mut PgConnection, scheme_id: Uuid, year: i32) -> QueryResult<bool> {
    subsidy_budget::table
        .find((scheme_id, year))
        .select(subsidy_budget::budget_cents)
        .for_update()
        .first::<i64>(conn)
        .optional()
        .map(|b| b.is_some())
}

/// Sets (or changes) a scheme's budget for a year.
pub fn set_budget(
    conn: &mut PgConnection,
    scheme_id: Uuid,
    year: i32,
    budget_cents: i64,
) -> QueryResult<()> {
    diesel::insert_into(subsidy_budget::table)
        .values((
            subsidy_budget::scheme_id.eq(scheme_id),
            subsidy_budget::year.eq(year),
            subsidy_budget::budget_cents.eq(budget_cents),
        ))
        .on_conflict((subsidy_budget::scheme_id, subsidy_budget::year))
        .do_update()
        .set(subsidy_budget::budget_cents.eq(budget_cents))
        .execute(conn)
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sql_list_of_committed_statuses_is_the_api_list() {
        let quoted: Vec<String> = ApplicationStatus::COMMITTED
            .iter()
            .map(|s| format!("'{s}'"))
            .collect();
        assert_eq!(COMMITTED_STATUSES_SQL, format!("({})", quoted.join(", ")));
    }
}
