//! After submission: conflicts of interest, jury scores, the decision against the year's
//! budget, payment, final reports, and the rows of the public awards and the dashboard.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use samenstad_domain::subsidy::{self as rules, BudgetRefusal};
use samenstad_types::subsidies::ApplicationStatus;
use uuid::Uuid;

use crate::queries::applications::{self, StatusChange};
use crate::queries::subsidies;
use crate::schema::{
    organisation, subsidy_application, subsidy_budget_line, subsidy_conflict, subsidy_deadline,
    subsidy_report, subsidy_scheme, subsidy_score,
};

/// One jury score: (jury member, criterion, score, comment).
pub type ScoreRow = (Uuid, String, i32, String);

/// Declares the user's conflict of interest on an application and removes their scores.
pub fn declare_conflict(conn: &mut PgConnection, application: Uuid, user: Uuid) -> QueryResult<()> {
    diesel::insert_into(subsidy_conflict::table)
        .values((
            subsidy_conflict::application_id.eq(application),
            subsidy_conflict::user_id.eq(user),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    delete_scores(conn, application, user)
}

fn delete_scores(conn: &mut PgConnection, application: Uuid, user: Uuid) -> QueryResult<()> {
    diesel::delete(
        subsidy_score::table
            .filter(subsidy_score::application_id.eq(application))
            .filter(subsidy_score::user_id.eq(user)),
    )
    .execute(conn)
    .map(|_| ())
}

/// Replaces the user's scores of an application: (criterion, score, comment).
pub fn replace_scores(
    conn: &mut PgConnection,
    application: Uuid,
    user: Uuid,
    scores: &[(&str, i32, &str)],
) -> QueryResult<()> {
    delete_scores(conn, application, user)?;
    diesel::insert_into(subsidy_score::table)
        .values(
            scores
                .iter()
                .map(|(criterion, score, comment)| {
                    (
                        subsidy_score::application_id.eq(application),
                        subsidy_score::user_id.eq(user),
                        subsidy_score::criterion.eq(*criterion),
                        subsidy_score::score.eq(*score),
                        subsidy_score::comment.eq(*comment),
                    )
                })
                .collect::<Vec<_>>(),
        )
        .execute(conn)
        .map(|_| ())
}

/// The scores of an application by jury member and criterion, and the number of declared
/// conflicts.
pub fn scores_of(conn: &mut PgConnection, application: Uuid) -> QueryResult<(Vec<ScoreRow>, i64)> {
    let rows: Vec<ScoreRow> = subsidy_score::table
        .filter(subsidy_score::application_id.eq(application))
        .order((subsidy_score::user_id.asc(), subsidy_score::criterion.asc()))
        .select((
            subsidy_score::user_id,
            subsidy_score::criterion,
            subsidy_score::score,
            subsidy_score::comment,
        ))
        .load(conn)?;
    let conflicts: i64 = subsidy_conflict::table
        .filter(subsidy_conflict::application_id.eq(application))
        .count()
        .get_result(conn)?;
    Ok((rows, conflicts))
}

/// A decision of programme staff on an application awaiting one.
#[derive(Debug, Clone)]
pub struct Decision<'a> {
    pub application_id: Uuid,
    pub scheme_id: Uuid,
    /// Its status before the decision.
    pub from: ApplicationStatus,
    /// `Some(amount)` approves that amount against the budget of `year`; `None` rejects.
    pub grant_cents: Option<i64>,
    pub year: i32,
    pub reason: &'a str,
    pub by: Uuid,
    pub at: DateTime<Utc>,
}

/// Decides: an approval takes the lock of the year's budget row (so concurrent approvals of the
/// scheme are serialised and together never overspend) and is refused when it does not fit;
/// then the application, its timeline and the audit log are written. Runs in the caller's
/// transaction.
pub fn decide(conn: &mut PgConnection, d: &Decision<'_>) -> QueryResult<Result<(), BudgetRefusal>> {
    let status = if let Some(amount) = d.grant_cents {
        let has_budget = subsidies::lock_year_budget(conn, d.scheme_id, d.year)?;
        let used = if has_budget {
            Some(subsidies::budget_use(conn, d.scheme_id, d.year)?)
        } else {
            None
        };
        if let Err(refusal) = rules::grant_fits(d.year, used.as_ref(), amount) {
            return Ok(Err(refusal));
        }
        diesel::update(subsidy_application::table.find(d.application_id))
            .set((
                subsidy_application::status.eq(ApplicationStatus::Approved),
                subsidy_application::decided_cents.eq(amount),
                subsidy_application::budget_year.eq(d.year),
                subsidy_application::decision_reason.eq(d.reason),
                subsidy_application::decided_at.eq(d.at),
                subsidy_application::decided_by.eq(d.by),
                subsidy_application::updated_at.eq(d.at),
            ))
            .execute(conn)?;
        ApplicationStatus::Approved
    } else {
        diesel::update(subsidy_application::table.find(d.application_id))
            .set((
                subsidy_application::status.eq(ApplicationStatus::Rejected),
                subsidy_application::decision_reason.eq(d.reason),
                subsidy_application::decided_at.eq(d.at),
                subsidy_application::decided_by.eq(d.by),
                subsidy_application::updated_at.eq(d.at),
            ))
            .execute(conn)?;
        ApplicationStatus::Rejected
    };
    applications::record_status(
        conn,
        &StatusChange {
            application_id: d.application_id,
            actor: Some(d.by),
            actor_role: "staff",
            from: d.from,
            to: status,
            reason: Some(d.reason),
        },
    )?;
    Ok(Ok(()))
}

/// Registers the payment of the decided amount and moves the application to `status`.
pub fn record_payment(
    conn: &mut PgConnection,
    application: Uuid,
    status: &str,
    paid_cents: Option<i64>,
    reference: &str,
) -> QueryResult<()> {
    let now = Utc::now();
    diesel::update(subsidy_application::table.find(application))
        .set((
            subsidy_application::status.eq(status),
            subsidy_application::paid_cents.eq(paid_cents),
            subsidy_application::paid_at.eq(now),
            subsidy_application::payment_reference.eq(reference),
            subsidy_application::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Stores the final report: the actual cost of each budget line (in their order) and the
/// narrative; a report sent back is replaced and its review cleared.
pub fn save_report(
    conn: &mut PgConnection,
    application: Uuid,
    actual_cents: &[i64],
    narrative: &str,
) -> QueryResult<()> {
    for (i, cents) in actual_cents.iter().enumerate() {
        diesel::update(
            subsidy_budget_line::table.find((application, i32::try_from(i).unwrap_or(0))),
        )
        .set(subsidy_budget_line::actual_cents.eq(cents))
        .execute(conn)?;
    }
    diesel::insert_into(subsidy_report::table)
        .values((
            subsidy_report::application_id.eq(application),
            subsidy_report::narrative.eq(narrative),
        ))
        .on_conflict(subsidy_report::application_id)
        .do_update()
        .set((
            subsidy_report::narrative.eq(narrative),
            subsidy_report::submitted_at.eq(Utc::now()),
            subsidy_report::review.eq(None::<String>),
            subsidy_report::reviewed_at.eq(None::<DateTime<Utc>>),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Stores the review of a final report.
pub fn review_report(
    conn: &mut PgConnection,
    application: Uuid,
    review: &str,
    by: Uuid,
) -> QueryResult<()> {
    diesel::update(subsidy_report::table.find(application))
        .set((
            subsidy_report::review.eq(review),
            subsidy_report::reviewed_at.eq(Utc::now()),
            subsidy_report::reviewed_by.eq(by),
        ))
        .execute(conn)
        .map(|_| ())
}

/// A grant: id, scheme key, organisation, title, amount, decided.
pub type AwardRow = (
    Uuid,
    String,
    Option<String>,
    String,
    Option<i64>,
    Option<DateTime<Utc>>,
);

/// The grants of a budget year (of one scheme, or all), by decision date.
pub fn awards(
    conn: &mut PgConnection,
    year: i32,
    scheme_id: Option<Uuid>,
) -> QueryResult<Vec<AwardRow>> {
    let mut query = subsidy_application::table
        .inner_join(subsidy_scheme::table)
        .left_join(organisation::table)
        .filter(subsidy_application::status.eq_any(ApplicationStatus::COMMITTED))
        .filter(subsidy_application::budget_year.eq(year))
        .order(subsidy_application::decided_at.asc())
        .select((
            subsidy_application::id,
            subsidy_scheme::key,
            organisation::name.nullable(),
            subsidy_application::title,
            subsidy_application::decided_cents,
            subsidy_application::decided_at,
        ))
        .into_boxed();
    if let Some(scheme) = scheme_id {
        query = query.filter(subsidy_application::scheme_id.eq(scheme));
    }
    query.load(conn)
}

/// An application as the dashboard counts it: id, scheme key, status, applicant kind, scope,
/// target groups, deadline, decided amount, budget year, submitted, created.
pub type DashboardLine = (
    Uuid,
    String,
    String,
    String,
    String,
    Vec<String>,
    Option<NaiveDate>,
    Option<i64>,
    Option<i32>,
    Option<DateTime<Utc>>,
    DateTime<Utc>,
);

/// Every application that is not a draft (of one scheme, or all).
pub fn dashboard_lines(
    conn: &mut PgConnection,
    scheme_id: Option<Uuid>,
) -> QueryResult<Vec<DashboardLine>> {
    let mut query = subsidy_application::table
        .inner_join(subsidy_scheme::table)
        .left_join(subsidy_deadline::table)
        .filter(subsidy_application::status.ne("draft"))
        .select((
            subsidy_application::id,
            subsidy_scheme::key,
            subsidy_application::status,
            subsidy_application::applicant_kind,
            subsidy_application::scope,
            subsidy_application::target_groups,
            subsidy_deadline::closes_on.nullable(),
            subsidy_application::decided_cents,
            subsidy_application::budget_year,
            subsidy_application::submitted_at,
            subsidy_application::created_at,
        ))
        .into_boxed();
    if let Some(scheme) = scheme_id {
        query = query.filter(subsidy_application::scheme_id.eq(scheme));
    }
    query.load(conn)
}
