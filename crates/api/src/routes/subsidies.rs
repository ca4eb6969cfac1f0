//! Subsidy schemes (their rules are data), the scheme finder, and applications: drafts saved as
//! the applicant types, co-signatures through expiring links, attachments, submission (every
//! rule of the scheme checked by `samenstad_domain::subsidy`) and withdrawal.
//!
//! Review, decisions, payments, reports, the public awards and the dashboard are in
//! `subsidy_review`.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use diesel::prelude::*;
use samenstad_db::PgConnection;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::outbox;
use samenstad_db::schema::{
    app_user, organisation, organisation_member, stored_file, subsidy_application,
    subsidy_application_wijk, subsidy_attachment, subsidy_budget, subsidy_budget_line,
    subsidy_conflict, subsidy_cosign_link, subsidy_cosignature, subsidy_deadline, subsidy_event,
    subsidy_report, subsidy_scheme, venue, wijk,
};
use samenstad_domain::subsidy as rules_check;
use samenstad_types::account::Language;
use samenstad_types::subsidies::{
    APPLICATION_STATUSES, Application, ApplicationDraft, ApplicationEvent, ApplicationSummary,
    ApplicationsQuery, Attachment, BudgetInput, BudgetLine, COMMITTED_STATUSES, CosignatureLink,
    CosignatureRequest, Deadline, DeadlineInput, FinderQuery, NewApplication, Reason, Report,
    SCHEME_STATUSES, Scheme, SchemeBudget, SchemeFit, SchemeInput, SchemeRules,
};
use samenstad_types::{FieldError, Problem};
use serde_json::json;
use sha2::{Digest, Sha256};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::auth::{UserCaller, random_token, token_hash};
use crate::error::AppError;
use crate::mail;
use crate::principal::{Principal, parse_id};
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

/// A scheme row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = subsidy_scheme)]
pub(crate) struct SchemeRow {
    pub id: Uuid,
    pub key: String,
    pub name: String,
    pub owner_service: String,
    pub purpose: String,
    pub status: String,
    pub replaced_by: Option<Uuid>,
    pub rules: serde_json::Value,
}

impl SchemeRow {
    /// The parsed rules.
    pub(crate) fn rules(&self) -> Result<SchemeRules, AppError> {
        serde_json::from_value(self.rules.clone())
            .map_err(|e| AppError::Internal(format!("scheme {} has bad rules: {e}", self.key)))
    }
}

/// An application row.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = subsidy_application)]
pub(crate) struct AppRow {
    pub id: Uuid,
    pub scheme_id: Uuid,
    pub applicant_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub applicant_kind: String,
    pub status: String,
    pub category: String,
    pub title: String,
    pub description: String,
    pub themes: Vec<String>,
    pub scope: String,
    pub target_groups: Vec<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub venue_id: Option<Uuid>,
    pub location: String,
    pub requested_cents: i64,
    pub coaching: bool,
    pub deadline_id: Option<Uuid>,
    pub budget_year: Option<i32>,
    pub decided_cents: Option<i64>,
    pub decision_reason: Option<String>,
    pub paid_cents: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
}

pub(crate) fn scheme_by_key(conn: &mut PgConnection, key: &str) -> Result<SchemeRow, AppError> {
    subsidy_scheme::table
        .filter(subsidy_scheme::key.eq(key))
        .select(SchemeRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::NotFound(format!("no scheme `{key}`")))
}

fn scheme_by_id(conn: &mut PgConnection, id: Uuid) -> Result<SchemeRow, AppError> {
    Ok(subsidy_scheme::table
        .find(id)
        .select(SchemeRow::as_select())
        .first(conn)?)
}

/// Loads an application (locked for the rest of the transaction when `lock`).
pub(crate) fn app_row(conn: &mut PgConnection, id: Uuid, lock: bool) -> Result<AppRow, AppError> {
    let q = subsidy_application::table
        .find(id)
        .select(AppRow::as_select());
    let row = if lock {
        q.for_update().first(conn).optional()?
    } else {
        q.first(conn).optional()?
    };
    row.ok_or_else(|| AppError::NotFound("no such application".to_owned()))
}

/// The budget of a scheme in a year with its use: (budget, approved not paid, paid).
pub(crate) fn budget_use(
    conn: &mut PgConnection,
    scheme_id: Uuid,
    year: i32,
) -> Result<SchemeBudget, AppError> {
    let budget: i64 = subsidy_budget::table
        .find((scheme_id, year))
        .select(subsidy_budget::budget_cents)
        .first(conn)
        .optional()?
        .unwrap_or(0);
    let rows: Vec<(String, Option<i64>)> = subsidy_application::table
        .filter(subsidy_application::scheme_id.eq(scheme_id))
        .filter(subsidy_application::budget_year.eq(year))
        .filter(subsidy_application::status.eq_any(COMMITTED_STATUSES))
        .select((
            subsidy_application::status,
            subsidy_application::decided_cents,
        ))
        .load(conn)?;
    let (mut committed, mut paid) = (0, 0);
    for (status, cents) in rows {
        if status == "approved" {
            committed += cents.unwrap_or(0);
        } else {
            paid += cents.unwrap_or(0);
        }
    }
    Ok(SchemeBudget {
        year,
        budget_cents: budget,
        committed_cents: committed,
        paid_cents: paid,
        remaining_cents: budget - committed - paid,
    })
}

fn deadline_views(conn: &mut PgConnection, scheme: &SchemeRow) -> Result<Vec<Deadline>, AppError> {
    let rows: Vec<(Uuid, NaiveDate, Option<DateTime<Utc>>)> = subsidy_deadline::table
        .filter(subsidy_deadline::scheme_id.eq(scheme.id))
        .order(subsidy_deadline::closes_on.asc())
        .select((
            subsidy_deadline::id,
            subsidy_deadline::closes_on,
            subsidy_deadline::closed_at,
        ))
        .load(conn)?;
    let counts: Vec<(Option<Uuid>, i64)> = subsidy_application::table
        .filter(subsidy_application::scheme_id.eq(scheme.id))
        .filter(subsidy_application::deadline_id.is_not_null())
        .group_by(subsidy_application::deadline_id)
        .select((subsidy_application::deadline_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, closes_on, closed_at)| Deadline {
            id: id.to_string(),
            scheme: scheme.key.clone(),
            closes_on: closes_on.to_string(),
            closed_at: closed_at.map(|t| t.to_rfc3339()),
            applications: counts
                .iter()
                .find(|(d, _)| *d == Some(id))
                .map_or(0, |(_, n)| *n),
        })
        .collect())
}

fn scheme_view(conn: &mut PgConnection, row: &SchemeRow) -> Result<Scheme, AppError> {
    let years: Vec<i32> = subsidy_budget::table
        .filter(subsidy_budget::scheme_id.eq(row.id))
        .order(subsidy_budget::year.asc())
        .select(subsidy_budget::year)
        .load(conn)?;
    let budgets = years
        .into_iter()
        .map(|y| budget_use(conn, row.id, y))
        .collect::<Result<Vec<_>, _>>()?;
    let replaced_by = match row.replaced_by {
        Some(id) => Some(scheme_by_id(conn, id)?.key),
        None => None,
    };
    Ok(Scheme {
        id: row.id.to_string(),
        key: row.key.clone(),
        name: row.name.clone(),
        owner_service: row.owner_service.clone(),
        purpose: row.purpose.clone(),
        status: row.status.clone(),
        replaced_by,
        rules: row.rules()?,
        budgets,
        deadlines: deadline_views(conn, row)?,
    })
}

/// Whether the person runs subsidy programmes (programme administrators and administrators).
pub(crate) fn is_programme_staff(p: &Principal) -> bool {
    p.is_admin() || p.has_role("programme_admin")
}

/// Refuses who does not run subsidy programmes.
pub(crate) fn require_programme_staff(p: &Principal) -> Result<(), AppError> {
    if is_programme_staff(p) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "only programme staff may do this".to_owned(),
        ))
    }
}

/// The next jury deadline of a scheme that is still open on `today`.
pub(crate) fn next_deadline(
    conn: &mut PgConnection,
    scheme_id: Uuid,
    today: NaiveDate,
) -> Result<Option<(Uuid, NaiveDate)>, AppError> {
    Ok(subsidy_deadline::table
        .filter(subsidy_deadline::scheme_id.eq(scheme_id))
        .filter(subsidy_deadline::closes_on.ge(today))
        .filter(subsidy_deadline::closed_at.is_null())
        .order(subsidy_deadline::closes_on.asc())
        .select((subsidy_deadline::id, subsidy_deadline::closes_on))
        .first(conn)
        .optional()?)
}

/// How the caller relates to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// The applicant or a member of the applying organisation.
    Owner,
    /// Programme staff: everything.
    Programme,
    /// Staff of one of its wijken: read.
    WijkStaff,
    /// A jury member of its scheme, assigned (its deadline went to the jury) and not conflicted.
    Jury,
}

pub(crate) fn is_owner(
    conn: &mut PgConnection,
    p: &Principal,
    row: &AppRow,
) -> Result<bool, AppError> {
    if row.applicant_id == Some(p.user.id) {
        return Ok(true);
    }
    match row.organisation_id {
        Some(org) => Ok(organisation_member::table
            .find((org, p.user.id))
            .count()
            .get_result::<i64>(conn)?
            > 0),
        None => Ok(false),
    }
}

/// Whether the person sits on the jury of this scheme.
pub(crate) fn is_jury_of(p: &Principal, scheme_id: Uuid) -> bool {
    p.roles
        .iter()
        .any(|(r, _)| r.role == "jury_member" && r.scope_id == Some(scheme_id))
}

/// Whether a jury member may see and score this application: its deadline went to the jury
/// and they declared no conflict.
pub(crate) fn jury_assigned(
    conn: &mut PgConnection,
    p: &Principal,
    row: &AppRow,
) -> Result<bool, AppError> {
    if !is_jury_of(p, row.scheme_id) || row.status == "draft" || row.status == "withdrawn" {
        return Ok(false);
    }
    let Some(deadline) = row.deadline_id else {
        return Ok(false);
    };
    let closed: Option<DateTime<Utc>> = subsidy_deadline::table
        .find(deadline)
        .select(subsidy_deadline::closed_at)
        .first(conn)?;
    let conflicted: i64 = subsidy_conflict::table
        .find((row.id, p.user.id))
        .count()
        .get_result(conn)?;
    Ok(closed.is_some() && conflicted == 0)
}

/// The caller's access, or 404 (an application one may not see does not exist for them).
pub(crate) fn access(
    conn: &mut PgConnection,
    p: &Principal,
    row: &AppRow,
) -> Result<Access, AppError> {
    if is_owner(conn, p, row)? {
        return Ok(Access::Owner);
    }
    if is_programme_staff(p) {
        return Ok(Access::Programme);
    }
    let wijken: Vec<Uuid> = subsidy_application_wijk::table
        .filter(subsidy_application_wijk::application_id.eq(row.id))
        .select(subsidy_application_wijk::wijk_id)
        .load(conn)?;
    if row.status != "draft" && wijken.iter().any(|w| p.is_staff_of(Some(*w))) {
        return Ok(Access::WijkStaff);
    }
    if jury_assigned(conn, p, row)? {
        return Ok(Access::Jury);
    }
    Err(AppError::NotFound("no such application".to_owned()))
}

fn wijknrs_of(conn: &mut PgConnection, id: Uuid) -> Result<Vec<i16>, AppError> {
    Ok(subsidy_application_wijk::table
        .inner_join(wijk::table)
        .filter(subsidy_application_wijk::application_id.eq(id))
        .order(wijk::wijknr.asc())
        .select(wijk::wijknr)
        .load(conn)?)
}

fn lines_of(conn: &mut PgConnection, id: Uuid) -> Result<Vec<BudgetLine>, AppError> {
    let rows: Vec<(String, String, i64, Option<i64>)> = subsidy_budget_line::table
        .filter(subsidy_budget_line::application_id.eq(id))
        .order(subsidy_budget_line::position.asc())
        .select((
            subsidy_budget_line::kind,
            subsidy_budget_line::description,
            subsidy_budget_line::amount_cents,
            subsidy_budget_line::actual_cents,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(kind, description, amount_cents, actual_cents)| BudgetLine {
                kind,
                description,
                amount_cents,
                actual_cents,
            },
        )
        .collect())
}

fn cosignature_count(conn: &mut PgConnection, id: Uuid) -> Result<i32, AppError> {
    let n: i64 = subsidy_cosignature::table
        .filter(subsidy_cosignature::application_id.eq(id))
        .count()
        .get_result(conn)?;
    Ok(i32::try_from(n).unwrap_or(i32::MAX))
}

/// The draft as the API shows it.
pub(crate) fn draft_of(
    conn: &mut PgConnection,
    row: &AppRow,
) -> Result<ApplicationDraft, AppError> {
    Ok(ApplicationDraft {
        category: row.category.clone(),
        organisation_id: row.organisation_id.map(|o| o.to_string()),
        title: row.title.clone(),
        description: row.description.clone(),
        themes: row.themes.clone(),
        scope: row.scope.clone(),
        wijken: wijknrs_of(conn, row.id)?,
        target_groups: row.target_groups.clone(),
        starts_on: row.starts_on.map(|d| d.to_string()),
        ends_on: row.ends_on.map(|d| d.to_string()),
        venue_id: row.venue_id.map(|v| v.to_string()),
        location: row.location.clone(),
        requested_cents: row.requested_cents,
        coaching: row.coaching,
        budget_lines: lines_of(conn, row.id)?,
    })
}

/// What the scheme's rules say of the application today.
pub(crate) fn problems_of(
    conn: &mut PgConnection,
    scheme: &SchemeRow,
    rules: &SchemeRules,
    row: &AppRow,
    draft: &ApplicationDraft,
) -> Result<Vec<FieldError>, AppError> {
    let today = Utc::now().date_naive();
    let next = next_deadline(conn, scheme.id, today)?;
    let ctx = rules_check::Context {
        scheme_status: &scheme.status,
        applicant_kind: &row.applicant_kind,
        cosignatures: cosignature_count(conn, row.id)?,
        today,
        next_deadline: next.map(|(_, d)| d),
    };
    Ok(rules_check::check(rules, draft, &ctx))
}

fn timeline_of(conn: &mut PgConnection, id: Uuid) -> Result<Vec<ApplicationEvent>, AppError> {
    let rows: Vec<(DateTime<Utc>, String, String, Option<String>)> = subsidy_event::table
        .filter(subsidy_event::application_id.eq(id))
        .order((subsidy_event::at.asc(), subsidy_event::id.asc()))
        .select((
            subsidy_event::at,
            subsidy_event::status,
            subsidy_event::actor_role,
            subsidy_event::reason,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(at, status, by, reason)| ApplicationEvent {
            at: at.to_rfc3339(),
            status,
            by,
            reason,
        })
        .collect())
}

fn attachments_of(conn: &mut PgConnection, id: Uuid) -> Result<Vec<Attachment>, AppError> {
    let rows: Vec<(Uuid, String, String, i32)> = subsidy_attachment::table
        .inner_join(stored_file::table)
        .filter(subsidy_attachment::application_id.eq(id))
        .order(subsidy_attachment::created_at.asc())
        .select((
            subsidy_attachment::id,
            subsidy_attachment::name,
            stored_file::content_type,
            stored_file::size,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, content_type, size)| Attachment {
            url: format!("/api/v1/subsidies/attachments/{id}"),
            id: id.to_string(),
            name,
            content_type,
            size,
        })
        .collect())
}

/// The name of the applying organisation, if any.
fn organisation_name(
    conn: &mut PgConnection,
    id: Option<Uuid>,
) -> Result<Option<String>, AppError> {
    match id {
        Some(o) => Ok(organisation::table
            .find(o)
            .select(organisation::name)
            .first(conn)
            .optional()?),
        None => Ok(None),
    }
}

/// The day a jury deadline closes, if the application has one.
fn deadline_date(conn: &mut PgConnection, id: Option<Uuid>) -> Result<Option<String>, AppError> {
    match id {
        Some(d) => Ok(Some(
            subsidy_deadline::table
                .find(d)
                .select(subsidy_deadline::closes_on)
                .first::<NaiveDate>(conn)?
                .to_string(),
        )),
        None => Ok(None),
    }
}

/// The full view of an application for someone with `access` to it.
pub(crate) fn application_view(
    conn: &mut PgConnection,
    id: Uuid,
    access: Access,
) -> Result<Application, AppError> {
    let row = app_row(conn, id, false)?;
    let scheme = scheme_by_id(conn, row.scheme_id)?;
    let rules = scheme.rules()?;
    let draft = draft_of(conn, &row)?;
    let problems = if row.status == "draft" {
        problems_of(conn, &scheme, &rules, &row, &draft)?
    } else {
        Vec::new()
    };
    let organisation_name = organisation_name(conn, row.organisation_id)?;
    let deadline = deadline_date(conn, row.deadline_id)?;
    let report = subsidy_report::table
        .find(id)
        .select((
            subsidy_report::narrative,
            subsidy_report::submitted_at,
            subsidy_report::review,
        ))
        .first::<(String, DateTime<Utc>, Option<String>)>(conn)
        .optional()?
        .map(|(narrative, submitted_at, review)| Report {
            actual_total_cents: draft
                .budget_lines
                .iter()
                .filter_map(|l| l.actual_cents)
                .sum(),
            narrative,
            submitted_at: submitted_at.to_rfc3339(),
            review,
        });
    Ok(Application {
        id: row.id.to_string(),
        scheme: scheme.key.clone(),
        scheme_name: scheme.name.clone(),
        applicant_kind: row.applicant_kind.clone(),
        organisation_name,
        status: row.status.clone(),
        deadline,
        cosignatures: cosignature_count(conn, id)?,
        cosignatures_required: rules_check::cosignatures_required(&rules, &row.applicant_kind),
        problems,
        decided_cents: row.decided_cents,
        partial: row.decided_cents.is_some_and(|d| d < row.requested_cents),
        decision_reason: row.decision_reason.clone(),
        budget_year: row.budget_year,
        paid_cents: row.paid_cents,
        attachments: attachments_of(conn, id)?,
        report,
        editable: access == Access::Owner && row.status == "draft",
        timeline: timeline_of(conn, id)?,
        created_at: row.created_at.to_rfc3339(),
        submitted_at: row.submitted_at.map(|t| t.to_rfc3339()),
        draft,
    })
}

/// Records a status change: the timeline, the audit row and the applicant's mail, all in the
/// caller's transaction.
pub(crate) fn record_status(
    conn: &mut PgConnection,
    state_url: &str,
    row: &AppRow,
    actor: Option<Uuid>,
    role: &str,
    status: &str,
    reason: Option<&str>,
) -> Result<(), AppError> {
    diesel::insert_into(subsidy_event::table)
        .values((
            subsidy_event::id.eq(Uuid::now_v7()),
            subsidy_event::application_id.eq(row.id),
            subsidy_event::actor_id.eq(actor),
            subsidy_event::actor_role.eq(role),
            subsidy_event::status.eq(status),
            subsidy_event::reason.eq(reason),
        ))
        .execute(conn)?;
    audit::record(
        conn,
        NewAudit::by(actor, &format!("subsidy_application.{status}"))
            .on("subsidy_application", row.id)
            .details(json!({"from": row.status, "to": status})),
    )?;
    if let Some(applicant) = row.applicant_id {
        let to: Option<(Option<String>, String, String)> = app_user::table
            .find(applicant)
            .select((
                app_user::email,
                app_user::display_name,
                app_user::preferred_language,
            ))
            .first(conn)
            .optional()?;
        if let Some((Some(email), name, lang)) = to {
            let lang = Language::parse(&lang).unwrap_or_default();
            let link = format!("{state_url}/subsidies/applications/{}", row.id);
            let m = mail::application_status(lang, &name, &row.title, status, reason, &link);
            outbox::queue(
                conn,
                Some(applicant),
                &email,
                m.template,
                &m.subject,
                &m.body,
            )?;
        }
    }
    Ok(())
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
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/subsidies/schemes")]
pub async fn list_schemes(state: web::Data<AppState>) -> Result<web::Json<Vec<Scheme>>, AppError> {
    state
        .with_conn(|conn| {
            let rows: Vec<SchemeRow> = subsidy_scheme::table
                .order((
                    subsidy_scheme::status.eq("archived"),
                    subsidy_scheme::name.asc(),
                ))
                .select(SchemeRow::as_select())
                .load(&mut **conn)?;
            rows.iter().map(|r| scheme_view(conn, r)).collect()
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
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
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
    params(("key" = String, Path, description = "Scheme key (`a-z`, `0-9`, `-`)")),
    request_body = SchemeInput,
    responses(
        (status = 200, description = "The scheme as saved", body = Scheme),
        (status = 400, description = "Invalid rules (each problem names its field)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not programme staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`replaced_by` names no scheme", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/subsidies/schemes/{key}")]
pub async fn put_scheme(
    caller: UserCaller,
    state: web::Data<AppState>,
    key: web::Path<String>,
    body: web::Json<SchemeInput>,
) -> Result<web::Json<Scheme>, AppError> {
    let key = key.into_inner();
    if !valid_key(&key) {
        return Err(AppError::field(
            "key",
            "invalid",
            "use a-z, 0-9 and single dashes",
        ));
    }
    let body = body.into_inner();
    body.validate()?;
    let mut problems = rules_check::check_rules(&body.rules);
    if !SCHEME_STATUSES.contains(&body.status.as_str()) {
        problems.push(FieldError::new(
            "status",
            "invalid",
            "must be active, test_phase or archived",
        ));
    }
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let rules = serde_json::to_value(&body.rules).map_err(|e| AppError::Internal(e.to_string()))?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            require_programme_staff(&p)?;
            let replaced_by = match body.replaced_by.as_deref() {
                Some(k) => Some(scheme_by_key(conn, k)?.id),
                None => None,
            };
            let existing: Option<Uuid> = subsidy_scheme::table
                .filter(subsidy_scheme::key.eq(&key))
                .select(subsidy_scheme::id)
                .first(conn)
                .optional()?;
            if replaced_by.is_some() && replaced_by == existing {
                return Err(AppError::field(
                    "replaced_by",
                    "invalid",
                    "a scheme cannot replace itself",
                ));
            }
            let id = existing.unwrap_or_else(Uuid::now_v7);
            diesel::insert_into(subsidy_scheme::table)
                .values((
                    subsidy_scheme::id.eq(id),
                    subsidy_scheme::key.eq(&key),
                    subsidy_scheme::name.eq(body.name.trim()),
                    subsidy_scheme::owner_service.eq(body.owner_service.trim()),
                    subsidy_scheme::purpose.eq(body.purpose.trim()),
                    subsidy_scheme::status.eq(&body.status),
                    subsidy_scheme::replaced_by.eq(replaced_by),
                    subsidy_scheme::rules.eq(&rules),
                ))
                .on_conflict(subsidy_scheme::id)
                .do_update()
                .set((
                    subsidy_scheme::name.eq(body.name.trim()),
                    subsidy_scheme::owner_service.eq(body.owner_service.trim()),
                    subsidy_scheme::purpose.eq(body.purpose.trim()),
                    subsidy_scheme::status.eq(&body.status),
                    subsidy_scheme::replaced_by.eq(replaced_by),
                    subsidy_scheme::rules.eq(&rules),
                    subsidy_scheme::updated_at.eq(Utc::now()),
                ))
                .execute(conn)?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "subsidy_scheme.saved")
                    .on("subsidy_scheme", id)
                    .details(
                        json!({"key": key, "status": body.status, "created": existing.is_none()}),
                    ),
            )?;
            let row = scheme_by_id(conn, id)?;
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
        ("year" = i32, Path, description = "Budget year"),
    ),
    request_body = BudgetInput,
    responses(
        (status = 200, description = "The scheme with its budgets", body = Scheme),
        (status = 400, description = "Invalid amount or year", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not programme staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Below what is already granted that year", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/subsidies/schemes/{key}/budgets/{year}")]
pub async fn put_budget(
    caller: UserCaller,
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
    body: web::Json<BudgetInput>,
) -> Result<web::Json<Scheme>, AppError> {
    let (key, year) = path.into_inner();
    let body = body.into_inner();
    body.validate()?;
    if !(2000..=2100).contains(&year) {
        return Err(AppError::field(
            "year",
            "range",
            "must be between 2000 and 2100",
        ));
    }
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            require_programme_staff(&p)?;
            let scheme = scheme_by_key(conn, &key)?;
            // Lock the year's row (or the scheme, for a new year) against concurrent approvals.
            subsidy_scheme::table
                .find(scheme.id)
                .select(subsidy_scheme::id)
                .for_update()
                .first::<Uuid>(conn)?;
            subsidy_budget::table
                .find((scheme.id, year))
                .select(subsidy_budget::year)
                .for_update()
                .first::<i32>(conn)
                .optional()?;
            let used = budget_use(conn, scheme.id, year)?;
            if body.budget_cents < used.committed_cents + used.paid_cents {
                return Err(AppError::Conflict(format!(
                    "{} cents are already granted in {year}",
                    used.committed_cents + used.paid_cents
                )));
            }
            diesel::insert_into(subsidy_budget::table)
                .values((
                    subsidy_budget::scheme_id.eq(scheme.id),
                    subsidy_budget::year.eq(year),
                    subsidy_budget::budget_cents.eq(body.budget_cents),
                ))
                .on_conflict((subsidy_budget::scheme_id, subsidy_budget::year))
                .do_update()
                .set(subsidy_budget::budget_cents.eq(body.budget_cents))
                .execute(conn)?;
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
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not programme staff", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The scheme has a deadline on that day", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/subsidies/schemes/{key}/deadlines")]
pub async fn add_deadline(
    caller: UserCaller,
    state: web::Data<AppState>,
    key: web::Path<String>,
    body: web::Json<DeadlineInput>,
) -> Result<HttpResponse, AppError> {
    let key = key.into_inner();
    let closes_on = rules_check::parse_date(&body.closes_on)
        .ok_or_else(|| AppError::field("closes_on", "invalid", "must be a date (YYYY-MM-DD)"))?;
    if closes_on < Utc::now().date_naive() {
        return Err(AppError::field(
            "closes_on",
            "past",
            "must be today or later",
        ));
    }
    let view = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            require_programme_staff(&p)?;
            let scheme = scheme_by_key(conn, &key)?;
            let id = Uuid::now_v7();
            let inserted = diesel::insert_into(subsidy_deadline::table)
                .values((
                    subsidy_deadline::id.eq(id),
                    subsidy_deadline::scheme_id.eq(scheme.id),
                    subsidy_deadline::closes_on.eq(closes_on),
                ))
                .on_conflict_do_nothing()
                .execute(conn)?;
            if inserted == 0 {
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
            deadline_views(conn, &scheme)?
                .into_iter()
                .find(|d| d.id == id.to_string())
                .ok_or_else(|| AppError::Internal("deadline vanished".to_owned()))
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
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/subsidies/finder")]
pub async fn finder(
    state: web::Data<AppState>,
    query: web::Query<FinderQuery>,
) -> Result<web::Json<Vec<SchemeFit>>, AppError> {
    let q = query.into_inner();
    if q.amount_cents.is_some_and(|a| a < 0) {
        return Err(AppError::field(
            "amount_cents",
            "range",
            "must be 0 or more",
        ));
    }
    state
        .with_conn(move |conn| {
            let today = Utc::now().date_naive();
            let rows: Vec<SchemeRow> = subsidy_scheme::table
                .filter(subsidy_scheme::status.ne("archived"))
                .select(SchemeRow::as_select())
                .load(&mut **conn)?;
            let mut out = Vec::new();
            for row in rows {
                let rules = row.rules()?;
                let next = next_deadline(conn, row.id, today)?.map(|(_, d)| d);
                for c in rules_check::fits(&rules, q.amount_cents, q.theme.as_deref()) {
                    let amount = if c.flat_amounts_cents.is_empty() {
                        c.max_cents.unwrap_or(0)
                    } else {
                        q.amount_cents
                            .and_then(|a| {
                                c.flat_amounts_cents
                                    .iter()
                                    .copied()
                                    .filter(|f| *f >= a)
                                    .min()
                            })
                            .unwrap_or_else(|| {
                                c.flat_amounts_cents.iter().copied().max().unwrap_or(0)
                            })
                    };
                    out.push(SchemeFit {
                        scheme: row.key.clone(),
                        scheme_name: row.name.clone(),
                        category: c.key.clone(),
                        category_name: c.name.clone(),
                        amount_cents: amount,
                        review: c.review.clone(),
                        earliest_start: rules_check::earliest_start(c, today, next)
                            .map(|d| d.to_string()),
                        next_deadline: (c.review == "jury")
                            .then(|| next.map(|d| d.to_string()))
                            .flatten(),
                    });
                }
            }
            out.sort_by_key(|f| (f.amount_cents, f.scheme.clone()));
            Ok(out)
        })
        .await
        .map(web::Json)
}

/// Resolves the organisation the caller applies for: its kind, or `person`.
fn applicant_kind(
    conn: &mut PgConnection,
    p: &Principal,
    organisation_id: Option<&str>,
) -> Result<(Option<Uuid>, String), AppError> {
    let Some(raw) = organisation_id else {
        return Ok((None, "person".to_owned()));
    };
    let id: Uuid = raw
        .parse()
        .map_err(|_| AppError::field("organisation_id", "invalid", "must be a UUID"))?;
    let kind: Option<String> = organisation::table
        .inner_join(organisation_member::table)
        .filter(organisation::id.eq(id))
        .filter(organisation_member::user_id.eq(p.user.id))
        .select(organisation::kind)
        .first(conn)
        .optional()?;
    kind.map(|k| (Some(id), k)).ok_or_else(|| {
        AppError::field(
            "organisation_id",
            "not_member",
            "you can only apply for an organisation you are a member of",
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
            Some(s) => rules_check::parse_date(s)
                .map(Some)
                .ok_or_else(|| AppError::field(field, "invalid", "must be a date (YYYY-MM-DD)")),
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
    if !["wijk", "wijken", "city"].contains(&draft.scope.as_str()) {
        return Err(AppError::field(
            "scope",
            "invalid",
            "must be wijk, wijken or city",
        ));
    }
    let venue_id = match draft.venue_id.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(v) => {
            let id: Uuid = v
                .parse()
                .map_err(|_| AppError::field("venue_id", "invalid", "must be a UUID"))?;
            let n: i64 = venue::table.find(id).count().get_result(conn)?;
            if n == 0 {
                return Err(AppError::field("venue_id", "unknown", "no such venue"));
            }
            Some(id)
        }
    };
    let mut wijknrs = draft.wijken.clone();
    wijknrs.sort_unstable();
    wijknrs.dedup();
    let wijk_ids: Vec<Uuid> = wijk::table
        .filter(wijk::wijknr.eq_any(&wijknrs))
        .select(wijk::id)
        .load(conn)?;
    if wijk_ids.len() != wijknrs.len() {
        return Err(AppError::field(
            "wijken",
            "unknown",
            "wijk numbers run from 1 to 25",
        ));
    }
    diesel::update(subsidy_application::table.find(id))
        .set((
            subsidy_application::organisation_id.eq(organisation_id),
            subsidy_application::applicant_kind.eq(&kind),
            subsidy_application::category.eq(draft.category.trim()),
            subsidy_application::title.eq(draft.title.trim()),
            subsidy_application::description.eq(draft.description.trim()),
            subsidy_application::themes.eq(&draft.themes),
            subsidy_application::scope.eq(&draft.scope),
            subsidy_application::target_groups.eq(&draft.target_groups),
            subsidy_application::starts_on.eq(starts_on),
            subsidy_application::ends_on.eq(ends_on),
            subsidy_application::venue_id.eq(venue_id),
            subsidy_application::location.eq(draft.location.trim()),
            subsidy_application::requested_cents.eq(draft.requested_cents),
            subsidy_application::coaching.eq(draft.coaching),
            subsidy_application::updated_at.eq(Utc::now()),
        ))
        .execute(conn)?;
    diesel::delete(
        subsidy_application_wijk::table.filter(subsidy_application_wijk::application_id.eq(id)),
    )
    .execute(conn)?;
    diesel::insert_into(subsidy_application_wijk::table)
        .values(
            wijk_ids
                .iter()
                .map(|w| {
                    (
                        subsidy_application_wijk::application_id.eq(id),
                        subsidy_application_wijk::wijk_id.eq(*w),
                    )
                })
                .collect::<Vec<_>>(),
        )
        .execute(conn)?;
    diesel::delete(subsidy_budget_line::table.filter(subsidy_budget_line::application_id.eq(id)))
        .execute(conn)?;
    diesel::insert_into(subsidy_budget_line::table)
        .values(
            draft
                .budget_lines
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    (
                        subsidy_budget_line::application_id.eq(id),
                        subsidy_budget_line::position.eq(i32::try_from(i).unwrap_or(0)),
                        subsidy_budget_line::kind.eq(l.kind.trim()),
                        subsidy_budget_line::description.eq(l.description.trim()),
                        subsidy_budget_line::amount_cents.eq(l.amount_cents),
                    )
                })
                .collect::<Vec<_>>(),
        )
        .execute(conn)?;
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
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The scheme is archived", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
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
            if scheme.status == "archived" {
                return Err(AppError::Conflict(format!(
                    "{} no longer takes applications",
                    scheme.name
                )));
            }
            let id = Uuid::now_v7();
            diesel::insert_into(subsidy_application::table)
                .values((
                    subsidy_application::id.eq(id),
                    subsidy_application::scheme_id.eq(scheme.id),
                    subsidy_application::applicant_id.eq(p.user.id),
                    subsidy_application::applicant_kind.eq("person"),
                ))
                .execute(conn)?;
            store_draft(conn, id, &p, &body.draft)?;
            let row = app_row(conn, id, false)?;
            diesel::insert_into(subsidy_event::table)
                .values((
                    subsidy_event::id.eq(Uuid::now_v7()),
                    subsidy_event::application_id.eq(id),
                    subsidy_event::actor_id.eq(p.user.id),
                    subsidy_event::actor_role.eq("applicant"),
                    subsidy_event::status.eq("draft"),
                ))
                .execute(conn)?;
            audit::record(
                conn,
                NewAudit::by(Some(p.user.id), "subsidy_application.created")
                    .on("subsidy_application", id)
                    .details(json!({"scheme": scheme.key, "kind": row.applicant_kind})),
            )?;
            application_view(conn, id, Access::Owner)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// The summary rows for a list query.
fn summaries(
    conn: &mut PgConnection,
    rows: Vec<AppRow>,
    with_jury: bool,
) -> Result<Vec<ApplicationSummary>, AppError> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let scheme = scheme_by_id(conn, row.scheme_id)?;
        let organisation_name = organisation_name(conn, row.organisation_id)?;
        let deadline = deadline_date(conn, row.deadline_id)?;
        let jury_average = if with_jury {
            crate::routes::subsidy_review::advice_of(conn, &scheme, row.id)?.weighted_average
        } else {
            None
        };
        out.push(ApplicationSummary {
            id: row.id.to_string(),
            scheme: scheme.key,
            category: row.category.clone(),
            title: row.title.clone(),
            organisation_name,
            status: row.status.clone(),
            requested_cents: row.requested_cents,
            decided_cents: row.decided_cents,
            deadline,
            wijken: wijknrs_of(conn, row.id)?,
            jury_average,
            updated_at: row.updated_at.to_rfc3339(),
        });
    }
    Ok(out)
}

/// List applications
///
/// `view=mine` (default): the caller's own and their organisations' applications.
/// `view=jury`: those assigned to the caller as jury member (deadline sent to the jury, no
/// conflict declared). `view=all`: programme staff see all that are not drafts; wijk staff see
/// those of their wijken.
#[utoipa::path(
    tag = "subsidies",
    security(("bearer" = [])),
    params(ApplicationsQuery),
    responses(
        (status = 200, description = "Applications, newest change first", body = Vec<ApplicationSummary>),
        (status = 400, description = "Unknown view or status", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`view=all` without a staff role", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such scheme", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/subsidies/applications")]
pub async fn list_applications(
    caller: UserCaller,
    state: web::Data<AppState>,
    query: web::Query<ApplicationsQuery>,
) -> Result<web::Json<Vec<ApplicationSummary>>, AppError> {
    let q = query.into_inner();
    let view = q.view.clone().unwrap_or_else(|| "mine".to_owned());
    if !["mine", "jury", "all"].contains(&view.as_str()) {
        return Err(AppError::field(
            "view",
            "invalid",
            "must be mine, jury or all",
        ));
    }
    if q.status
        .as_deref()
        .is_some_and(|s| !APPLICATION_STATUSES.contains(&s))
    {
        return Err(AppError::field(
            "status",
            "invalid",
            "not an application status",
        ));
    }
    state
        .with_conn(move |conn| {
            let p = Principal::load(conn, caller)?;
            let mut query = subsidy_application::table
                .select(AppRow::as_select())
                .order(subsidy_application::updated_at.desc())
                .into_boxed();
            if let Some(key) = q.scheme.as_deref() {
                query =
                    query.filter(subsidy_application::scheme_id.eq(scheme_by_key(conn, key)?.id));
            }
            if let Some(s) = q.status.as_deref() {
                query = query.filter(subsidy_application::status.eq(s.to_owned()));
            }
            match view.as_str() {
                "mine" => {
                    let orgs = organisation_member::table
                        .filter(organisation_member::user_id.eq(p.user.id))
                        .select(organisation_member::organisation_id.nullable());
                    query = query.filter(
                        subsidy_application::applicant_id
                            .eq(p.user.id)
                            .or(subsidy_application::organisation_id.eq_any(orgs)),
                    );
                }
                "jury" => {
                    let schemes: Vec<Uuid> = p
                        .roles
                        .iter()
                        .filter(|(r, _)| r.role == "jury_member")
                        .filter_map(|(r, _)| r.scope_id)
                        .collect();
                    let closed = subsidy_deadline::table
                        .filter(subsidy_deadline::closed_at.is_not_null())
                        .select(subsidy_deadline::id);
                    let conflicted = subsidy_conflict::table
                        .filter(subsidy_conflict::user_id.eq(p.user.id))
                        .select(subsidy_conflict::application_id);
                    query = query
                        .filter(subsidy_application::scheme_id.eq_any(schemes))
                        .filter(subsidy_application::deadline_id.eq_any(closed.nullable()))
                        .filter(subsidy_application::status.ne_all(["draft", "withdrawn"]))
                        .filter(subsidy_application::id.ne_all(conflicted));
                }
                _ => {
                    query = query.filter(subsidy_application::status.ne("draft"));
                    if !is_programme_staff(&p) {
                        let wijken: Vec<Uuid> = p
                            .roles
                            .iter()
                            .filter(|(r, _)| r.role == "wijk_staff")
                            .filter_map(|(r, _)| r.wijk_id)
                            .collect();
                        if wijken.is_empty() {
                            return Err(AppError::Forbidden(
                                "only programme and wijk staff may list all applications"
                                    .to_owned(),
                            ));
                        }
                        let ids = subsidy_application_wijk::table
                            .filter(subsidy_application_wijk::wijk_id.eq_any(wijken))
                            .select(subsidy_application_wijk::application_id);
                        query = query.filter(subsidy_application::id.eq_any(ids));
                    }
                }
            }
            let rows = query.limit(1000).load(&mut **conn)?;
            summaries(conn, rows, view == "all" && is_programme_staff(&p))
        })
        .await
        .map(web::Json)
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
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application (or not yours to see)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
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

/// Loads an application for a change by its owner, in the given statuses.
pub(crate) fn owned_for_update(
    conn: &mut PgConnection,
    p: &Principal,
    id: Uuid,
    statuses: &[&str],
    what: &str,
) -> Result<AppRow, AppError> {
    let row = app_row(conn, id, true)?;
    match access(conn, p, &row)? {
        Access::Owner => {}
        _ => {
            return Err(AppError::Forbidden(format!(
                "only the applicant may {what}"
            )));
        }
    }
    if !statuses.contains(&row.status.as_str()) {
        return Err(AppError::Conflict(format!(
            "the application is {}; you cannot {what} now",
            row.status
        )));
    }
    Ok(row)
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
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the applicant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer a draft", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
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
    body.validate()?;
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            owned_for_update(conn, &p, id, &["draft"], "change the application")?;
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
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the applicant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer a draft", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
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
            let row = owned_for_update(conn, &p, id, &["draft"], "submit the application")?;
            let scheme = scheme_by_id(conn, row.scheme_id)?;
            let rules = scheme.rules()?;
            let draft = draft_of(conn, &row)?;
            let problems = problems_of(conn, &scheme, &rules, &row, &draft)?;
            if !problems.is_empty() {
                return Err(AppError::Validation(problems));
            }
            let jury =
                rules_check::category(&rules, &row.category).is_some_and(|c| c.review == "jury");
            let deadline = if jury {
                next_deadline(conn, scheme.id, Utc::now().date_naive())?.map(|(d, _)| d)
            } else {
                None
            };
            diesel::update(subsidy_application::table.find(id))
                .set((
                    subsidy_application::status.eq("submitted"),
                    subsidy_application::deadline_id.eq(deadline),
                    subsidy_application::submitted_at.eq(Utc::now()),
                    subsidy_application::updated_at.eq(Utc::now()),
                ))
                .execute(conn)?;
            record_status(
                conn,
                &url,
                &row,
                Some(p.user.id),
                "applicant",
                "submitted",
                None,
            )?;
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
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the applicant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Paid, rejected, closed or withdrawn already", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
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
    body.validate()?;
    let url = state.public_url().to_owned();
    state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            let row = owned_for_update(
                conn,
                &p,
                id,
                &["draft", "submitted", "in_review", "approved"],
                "withdraw the application",
            )?;
            diesel::update(subsidy_application::table.find(id))
                .set((
                    subsidy_application::status.eq("withdrawn"),
                    subsidy_application::updated_at.eq(Utc::now()),
                ))
                .execute(conn)?;
            record_status(
                conn,
                &url,
                &row,
                Some(p.user.id),
                "applicant",
                "withdrawn",
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
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the applicant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer a draft", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
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
            owned_for_update(conn, &p, id, &["draft"], "collect signatures")?;
            let token = random_token();
            let expires_at = Utc::now() + Duration::days(COSIGN_DAYS);
            diesel::insert_into(subsidy_cosign_link::table)
                .values((
                    subsidy_cosign_link::id.eq(Uuid::now_v7()),
                    subsidy_cosign_link::application_id.eq(id),
                    subsidy_cosign_link::token_hash.eq(token_hash(&token)),
                    subsidy_cosign_link::expires_at.eq(expires_at),
                ))
                .execute(conn)?;
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
    let link: Option<(Uuid, DateTime<Utc>)> = subsidy_cosign_link::table
        .filter(subsidy_cosign_link::token_hash.eq(token_hash(token)))
        .select((
            subsidy_cosign_link::application_id,
            subsidy_cosign_link::expires_at,
        ))
        .first(conn)
        .optional()?;
    let (id, expires_at) =
        link.ok_or_else(|| AppError::NotFound("no such co-signing link".to_owned()))?;
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
        cosignatures: cosignature_count(conn, row.id)?,
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
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
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
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The applicant or a member of the organisation", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such link", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Signed already, expired, or no longer a draft", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
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
            if row.status != "draft" {
                return Err(AppError::Conflict(
                    "the application was submitted already".to_owned(),
                ));
            }
            let inserted = diesel::insert_into(subsidy_cosignature::table)
                .values((
                    subsidy_cosignature::application_id.eq(row.id),
                    subsidy_cosignature::user_id.eq(p.user.id),
                ))
                .on_conflict_do_nothing()
                .execute(conn)?;
            if inserted == 0 {
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

/// An attachment's bytes, for the OpenAPI document.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct FileBytes(std::marker::PhantomData<Vec<u8>>);

/// The largest attachment (10 MiB).
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;
/// At most this many attachments per application.
pub const MAX_ATTACHMENTS: i64 = 10;
const ATTACHMENT_TYPES: [&str; 4] = ["application/pdf", "image/jpeg", "image/png", "image/webp"];

/// The file name of an upload.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AttachmentQuery {
    /// File name to show (1–200 characters).
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
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the applicant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer a draft, or 10 files already", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 10 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a PDF or image, or not the declared type", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/subsidies/applications/{id}/attachments")]
pub async fn put_attachment(
    caller: UserCaller,
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<String>,
    query: web::Query<AttachmentQuery>,
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
    let declared = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    if !ATTACHMENT_TYPES.contains(&declared.as_str()) {
        return Err(AppError::UnsupportedMediaType(
            "send a PDF (application/pdf) or an image (image/jpeg, image/png, image/webp)"
                .to_owned(),
        ));
    }
    let bytes = payload
        .to_bytes_limited(MAX_ATTACHMENT_BYTES)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?
        .map_err(|e| AppError::BadRequest(format!("cannot read the file: {e}")))?;
    if bytes.is_empty() {
        return Err(AppError::BadRequest("the file is empty".to_owned()));
    }
    if infer::get(&bytes).map(|t| t.mime_type()) != Some(declared.as_str()) {
        return Err(AppError::UnsupportedMediaType(format!(
            "the bytes are not of type {declared}"
        )));
    }
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let size = i32::try_from(bytes.len()).unwrap_or(i32::MAX);
    let view = state
        .transaction(move |conn| {
            let p = Principal::load(conn, caller)?;
            owned_for_update(conn, &p, id, &["draft"], "add files")?;
            let n: i64 = subsidy_attachment::table
                .filter(subsidy_attachment::application_id.eq(id))
                .count()
                .get_result(conn)?;
            if n >= MAX_ATTACHMENTS {
                return Err(AppError::Conflict(format!(
                    "an application has at most {MAX_ATTACHMENTS} files"
                )));
            }
            let file = Uuid::now_v7();
            diesel::insert_into(stored_file::table)
                .values((
                    stored_file::id.eq(file),
                    stored_file::sha256.eq(&sha256),
                    stored_file::content_type.eq(&declared),
                    stored_file::size.eq(size),
                    stored_file::bytes.eq(bytes.as_ref()),
                    stored_file::created_by.eq(p.user.id),
                ))
                .execute(conn)?;
            diesel::insert_into(subsidy_attachment::table)
                .values((
                    subsidy_attachment::id.eq(Uuid::now_v7()),
                    subsidy_attachment::application_id.eq(id),
                    subsidy_attachment::file_id.eq(file),
                    subsidy_attachment::name.eq(&name),
                ))
                .execute(conn)?;
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
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the applicant", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application or attachment", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer a draft", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
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
            owned_for_update(conn, &p, id, &["draft"], "remove files")?;
            let file: Uuid = subsidy_attachment::table
                .find(attachment)
                .filter(subsidy_attachment::application_id.eq(id))
                .select(subsidy_attachment::file_id)
                .first(conn)
                .optional()?
                .ok_or_else(|| AppError::NotFound("no such attachment".to_owned()))?;
            diesel::delete(subsidy_attachment::table.find(attachment)).execute(conn)?;
            diesel::delete(stored_file::table.find(file)).execute(conn)?;
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
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such attachment (or not yours to see)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "The database is unavailable", body = Problem, content_type = "application/problem+json"),
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
            let (application, name, content_type, bytes): (Uuid, String, String, Vec<u8>) =
                subsidy_attachment::table
                    .inner_join(stored_file::table)
                    .filter(subsidy_attachment::id.eq(id))
                    .select((
                        subsidy_attachment::application_id,
                        subsidy_attachment::name,
                        stored_file::content_type,
                        stored_file::bytes,
                    ))
                    .first(&mut **conn)
                    .optional()?
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
