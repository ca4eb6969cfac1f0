//! Subsidy applications: drafts, their wijken and budget lines, co-signatures, attachments,
//! their timeline and the lists of applications.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::pg::Pg;
use diesel::prelude::*;
use diesel::sql_types::{Array, Bool, Integer, Jsonb, Nullable, SmallInt, Text, Uuid as SqlUuid};
use samenstad_types::account::OrganisationKind;
use samenstad_types::subsidies::{
    ApplicantKind, ApplicationEvent, ApplicationScope, ApplicationStatus, Attachment, BudgetLine,
};
use uuid::Uuid;

use crate::queries::audit::{self, NewAudit};
use crate::schema::{
    app_user, organisation, organisation_member, stored_file, subsidy_application,
    subsidy_application_wijk, subsidy_attachment, subsidy_budget_line, subsidy_conflict,
    subsidy_cosign_link, subsidy_cosignature, subsidy_deadline, subsidy_event, subsidy_report,
    subsidy_scheme, venue, wijk,
};

/// An application row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = subsidy_application, check_for_backend(diesel::pg::Pg))]
pub struct AppRow {
    pub id: Uuid,
    pub scheme_id: Uuid,
    pub applicant_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub applicant_kind: ApplicantKind,
    pub status: ApplicationStatus,
    pub category: String,
    pub title: String,
    pub description: String,
    pub themes: Vec<String>,
    pub scope: ApplicationScope,
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

/// The checked content of a draft to store.
#[derive(Debug, Clone)]
pub struct DraftFields<'a> {
    pub organisation_id: Option<Uuid>,
    pub applicant_kind: ApplicantKind,
    pub category: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub themes: &'a [String],
    pub scope: ApplicationScope,
    pub target_groups: &'a [String],
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub venue_id: Option<Uuid>,
    pub location: &'a str,
    pub requested_cents: i64,
    pub coaching: bool,
    pub wijk_ids: &'a [Uuid],
    /// (kind, description, amount in cents), in order.
    pub budget_lines: Vec<(&'a str, &'a str, i64)>,
}

/// A status change for the timeline and the audit log.
#[derive(Debug, Clone)]
pub struct StatusChange<'a> {
    pub application_id: Uuid,
    pub actor: Option<Uuid>,
    /// `applicant` or `staff`.
    pub actor_role: &'a str,
    pub from: ApplicationStatus,
    pub to: ApplicationStatus,
    pub reason: Option<&'a str>,
}

/// The final report of an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub narrative: String,
    pub submitted_at: DateTime<Utc>,
    pub review: Option<String>,
}

/// Who sees which applications in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListScope {
    /// The user's own and their organisations' applications.
    Mine(Uuid),
    /// Assigned to the user as jury member of these schemes: the deadline went to the jury,
    /// no draft or withdrawn ones, and no conflict declared.
    Jury { user: Uuid, schemes: Vec<Uuid> },
    /// Every application that is not a draft.
    All,
    /// Applications of these wijken that are not drafts.
    Wijken(Vec<Uuid>),
}

/// Filters of [`list`].
#[derive(Debug, Clone)]
pub struct ListFilter {
    pub scope: ListScope,
    pub scheme_id: Option<Uuid>,
    pub status: Option<ApplicationStatus>,
    /// Only applications after this one in the list's order (`updated_at`, `id`, newest first).
    pub after: Option<(DateTime<Utc>, Uuid)>,
    pub limit: i64,
}

/// One line of a list: the application with its scheme, organisation, deadline, wijken and
/// jury scores.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedApplication {
    pub row: AppRow,
    pub scheme_key: String,
    /// The scheme's rules on the first application of each scheme in the list, `None` on the
    /// others: a list of 1,000 applications would otherwise carry the same document 1,000 times.
    pub scheme_rules: Option<serde_json::Value>,
    pub organisation_name: Option<String>,
    pub deadline: Option<NaiveDate>,
    /// Wijk numbers, ascending.
    pub wijknrs: Vec<i16>,
    /// Every jury score: (criterion, score).
    pub scores: Vec<(String, i32)>,
}

/// Loads an application (locked for the rest of the transaction when `lock`).
pub fn app_row(conn: &mut PgConnection, id: Uuid, lock: bool) -> QueryResult<Option<AppRow>> {
    let q = subsidy_application::table
        .find(id)
        .select(AppRow::as_select());
    if lock {
        q.for_update().first(conn).optional()
    } else {
        q.first(conn).optional()
    }
}

/// Whether the user is a member of the organisation.
pub fn is_member(conn: &mut PgConnection, organisation_id: Uuid, user: Uuid) -> QueryResult<bool> {
    organisation_member::table
        .find((organisation_id, user))
        .count()
        .get_result::<i64>(conn)
        .map(|n| n > 0)
}

/// The kind of the organisation, when the user is one of its members.
pub fn organisation_kind_for_member(
    conn: &mut PgConnection,
    organisation_id: Uuid,
    user: Uuid,
) -> QueryResult<Option<OrganisationKind>> {
    organisation::table
        .inner_join(organisation_member::table)
        .filter(organisation::id.eq(organisation_id))
        .filter(organisation_member::user_id.eq(user))
        .select(organisation::kind)
        .first(conn)
        .optional()
}

/// The name of an organisation.
pub fn organisation_name(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<String>> {
    organisation::table
        .find(id)
        .select(organisation::name)
        .first(conn)
        .optional()
}

/// Whether the venue exists.
pub fn venue_exists(conn: &mut PgConnection, id: Uuid) -> QueryResult<bool> {
    venue::table
        .find(id)
        .count()
        .get_result::<i64>(conn)
        .map(|n| n > 0)
}

/// The ids of the wijken with these numbers (those that exist).
pub fn wijk_ids(conn: &mut PgConnection, wijknrs: &[i16]) -> QueryResult<Vec<Uuid>> {
    wijk::table
        .filter(wijk::wijknr.eq_any(wijknrs))
        .select(wijk::id)
        .load(conn)
}

/// Whether the user declared a conflict of interest on the application.
pub fn is_conflicted(conn: &mut PgConnection, application: Uuid, user: Uuid) -> QueryResult<bool> {
    subsidy_conflict::table
        .find((application, user))
        .count()
        .get_result::<i64>(conn)
        .map(|n| n > 0)
}

/// The wijk ids of an application.
pub fn wijk_ids_of(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<Uuid>> {
    subsidy_application_wijk::table
        .filter(subsidy_application_wijk::application_id.eq(id))
        .select(subsidy_application_wijk::wijk_id)
        .load(conn)
}

/// The wijk numbers of an application, ascending.
pub fn wijknrs_of(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<i16>> {
    subsidy_application_wijk::table
        .inner_join(wijk::table)
        .filter(subsidy_application_wijk::application_id.eq(id))
        .order(wijk::wijknr.asc())
        .select(wijk::wijknr)
        .load(conn)
}

/// The wijk numbers of these applications: (application, wijk number), unordered.
pub fn wijknrs_of_all(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<(Uuid, i16)>> {
    subsidy_application_wijk::table
        .inner_join(wijk::table)
        .filter(subsidy_application_wijk::application_id.eq_any(ids))
        .select((subsidy_application_wijk::application_id, wijk::wijknr))
        .load(conn)
}

/// The budget lines of an application, in order.
pub fn budget_lines_of(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<BudgetLine>> {
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

/// The number of budget lines of an application.
pub fn budget_line_count(conn: &mut PgConnection, id: Uuid) -> QueryResult<i64> {
    subsidy_budget_line::table
        .filter(subsidy_budget_line::application_id.eq(id))
        .count()
        .get_result(conn)
}

/// The number of co-signatures of an application.
pub fn cosignature_count(conn: &mut PgConnection, id: Uuid) -> QueryResult<i32> {
    subsidy_cosignature::table
        .filter(subsidy_cosignature::application_id.eq(id))
        .count()
        .get_result::<i64>(conn)
        .map(|n| i32::try_from(n).unwrap_or(i32::MAX))
}

/// The timeline of an application, oldest first.
pub fn timeline_of(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<ApplicationEvent>> {
    let rows: Vec<(DateTime<Utc>, ApplicationStatus, String, Option<String>)> =
        subsidy_event::table
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

/// The attachments of an application, oldest first.
pub fn attachments_of(conn: &mut PgConnection, id: Uuid) -> QueryResult<Vec<Attachment>> {
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

/// The final report of an application, if any.
pub fn report_of(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<ReportRow>> {
    subsidy_report::table
        .find(id)
        .select((
            subsidy_report::narrative,
            subsidy_report::submitted_at,
            subsidy_report::review,
        ))
        .first::<(String, DateTime<Utc>, Option<String>)>(conn)
        .optional()
        .map(|r| {
            r.map(|(narrative, submitted_at, review)| ReportRow {
                narrative,
                submitted_at,
                review,
            })
        })
}

/// The e-mail address (if any), name and preferred language of an applicant.
pub fn applicant_contact(
    conn: &mut PgConnection,
    user: Uuid,
) -> QueryResult<Option<(Option<String>, String, String)>> {
    app_user::table
        .find(user)
        .select((
            app_user::email,
            app_user::display_name,
            app_user::preferred_language,
        ))
        .first(conn)
        .optional()
}

fn insert_event(
    conn: &mut PgConnection,
    application: Uuid,
    actor: Option<Uuid>,
    role: &str,
    status: ApplicationStatus,
    reason: Option<&str>,
) -> QueryResult<()> {
    diesel::insert_into(subsidy_event::table)
        .values((
            subsidy_event::id.eq(Uuid::now_v7()),
            subsidy_event::application_id.eq(application),
            subsidy_event::actor_id.eq(actor),
            subsidy_event::actor_role.eq(role),
            subsidy_event::status.eq(status),
            subsidy_event::reason.eq(reason),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Records a status change: the timeline entry and the audit row (call in the transaction of
/// the change).
pub fn record_status(conn: &mut PgConnection, c: &StatusChange<'_>) -> QueryResult<()> {
    insert_event(
        conn,
        c.application_id,
        c.actor,
        c.actor_role,
        c.to,
        c.reason,
    )?;
    audit::record(
        conn,
        NewAudit::by(c.actor, &format!("subsidy_application.{}", c.to))
            .on("subsidy_application", c.application_id)
            .details(serde_json::json!({"from": c.from, "to": c.to})),
    )
}

/// Creates an empty draft of a person for a scheme (its content follows with
/// [`store_draft`]).
pub fn insert_draft(
    conn: &mut PgConnection,
    id: Uuid,
    scheme_id: Uuid,
    applicant: Uuid,
) -> QueryResult<()> {
    diesel::insert_into(subsidy_application::table)
        .values((
            subsidy_application::id.eq(id),
            subsidy_application::scheme_id.eq(scheme_id),
            subsidy_application::applicant_id.eq(applicant),
            subsidy_application::applicant_kind.eq(ApplicantKind::Person),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Records the creation of a draft: its first timeline entry and the audit row.
pub fn record_created(
    conn: &mut PgConnection,
    id: Uuid,
    applicant: Uuid,
    scheme_key: &str,
    applicant_kind: ApplicantKind,
) -> QueryResult<()> {
    insert_event(
        conn,
        id,
        Some(applicant),
        "applicant",
        ApplicationStatus::Draft,
        None,
    )?;
    audit::record(
        conn,
        NewAudit::by(Some(applicant), "subsidy_application.created")
            .on("subsidy_application", id)
            .details(serde_json::json!({"scheme": scheme_key, "kind": applicant_kind})),
    )
}

/// Writes the draft's fields and replaces its wijken and budget lines.
pub fn store_draft(conn: &mut PgConnection, id: Uuid, d: &DraftFields<'_>) -> QueryResult<()> {
    diesel::update(subsidy_application::table.find(id))
        .set((
            subsidy_application::organisation_id.eq(d.organisation_id),
            subsidy_application::applicant_kind.eq(d.applicant_kind),
            subsidy_application::category.eq(d.category),
            subsidy_application::title.eq(d.title),
            subsidy_application::description.eq(d.description),
            subsidy_application::themes.eq(d.themes),
            subsidy_application::scope.eq(d.scope),
            subsidy_application::target_groups.eq(d.target_groups),
            subsidy_application::starts_on.eq(d.starts_on),
            subsidy_application::ends_on.eq(d.ends_on),
            subsidy_application::venue_id.eq(d.venue_id),
            subsidy_application::location.eq(d.location),
            subsidy_application::requested_cents.eq(d.requested_cents),
            subsidy_application::coaching.eq(d.coaching),
            subsidy_application::updated_at.eq(Utc::now()),
        ))
        .execute(conn)?;
    diesel::delete(
        subsidy_application_wijk::table.filter(subsidy_application_wijk::application_id.eq(id)),
    )
    .execute(conn)?;
    diesel::insert_into(subsidy_application_wijk::table)
        .values(
            d.wijk_ids
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
            d.budget_lines
                .iter()
                .enumerate()
                .map(|(i, (kind, description, amount))| {
                    (
                        subsidy_budget_line::application_id.eq(id),
                        subsidy_budget_line::position.eq(i32::try_from(i).unwrap_or(0)),
                        subsidy_budget_line::kind.eq(*kind),
                        subsidy_budget_line::description.eq(*description),
                        subsidy_budget_line::amount_cents.eq(*amount),
                    )
                })
                .collect::<Vec<_>>(),
        )
        .execute(conn)?;
    Ok(())
}

/// Marks an application as submitted (to a jury deadline, or none).
pub fn set_submitted(conn: &mut PgConnection, id: Uuid, deadline: Option<Uuid>) -> QueryResult<()> {
    let now = Utc::now();
    diesel::update(subsidy_application::table.find(id))
        .set((
            subsidy_application::status.eq(ApplicationStatus::Submitted),
            subsidy_application::deadline_id.eq(deadline),
            subsidy_application::submitted_at.eq(now),
            subsidy_application::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Sets an application's status.
pub fn set_status(conn: &mut PgConnection, id: Uuid, status: ApplicationStatus) -> QueryResult<()> {
    diesel::update(subsidy_application::table.find(id))
        .set((
            subsidy_application::status.eq(status),
            subsidy_application::updated_at.eq(Utc::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The submitted applications of a deadline.
pub fn submitted_for_deadline(conn: &mut PgConnection, deadline: Uuid) -> QueryResult<Vec<Uuid>> {
    subsidy_application::table
        .filter(subsidy_application::deadline_id.eq(deadline))
        .filter(subsidy_application::status.eq("submitted"))
        .select(subsidy_application::id)
        .load(conn)
}

/// Stores a co-signing link (by the hash of its token).
pub fn add_cosign_link(
    conn: &mut PgConnection,
    application: Uuid,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(subsidy_cosign_link::table)
        .values((
            subsidy_cosign_link::id.eq(Uuid::now_v7()),
            subsidy_cosign_link::application_id.eq(application),
            subsidy_cosign_link::token_hash.eq(token_hash),
            subsidy_cosign_link::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The application and expiry of the link with this token hash.
pub fn cosign_link(
    conn: &mut PgConnection,
    token_hash: &str,
) -> QueryResult<Option<(Uuid, DateTime<Utc>)>> {
    subsidy_cosign_link::table
        .filter(subsidy_cosign_link::token_hash.eq(token_hash))
        .select((
            subsidy_cosign_link::application_id,
            subsidy_cosign_link::expires_at,
        ))
        .first(conn)
        .optional()
}

/// Adds a co-signature; `false` when the user signed already.
pub fn add_cosignature(
    conn: &mut PgConnection,
    application: Uuid,
    user: Uuid,
) -> QueryResult<bool> {
    diesel::insert_into(subsidy_cosignature::table)
        .values((
            subsidy_cosignature::application_id.eq(application),
            subsidy_cosignature::user_id.eq(user),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .map(|n| n > 0)
}

/// The number of attachments of an application.
pub fn attachment_count(conn: &mut PgConnection, application: Uuid) -> QueryResult<i64> {
    subsidy_attachment::table
        .filter(subsidy_attachment::application_id.eq(application))
        .count()
        .get_result(conn)
}

/// A file to attach.
#[derive(Debug, Clone)]
pub struct NewAttachment<'a> {
    pub application: Uuid,
    pub name: &'a str,
    pub sha256: &'a str,
    pub content_type: &'a str,
    pub size: i32,
    pub bytes: &'a [u8],
    pub created_by: Uuid,
}

/// Stores a file and attaches it to the application.
pub fn add_attachment(conn: &mut PgConnection, a: &NewAttachment<'_>) -> QueryResult<()> {
    let file = Uuid::now_v7();
    diesel::insert_into(stored_file::table)
        .values((
            stored_file::id.eq(file),
            stored_file::sha256.eq(a.sha256),
            stored_file::content_type.eq(a.content_type),
            stored_file::size.eq(a.size),
            stored_file::bytes.eq(a.bytes),
            stored_file::created_by.eq(a.created_by),
        ))
        .execute(conn)?;
    diesel::insert_into(subsidy_attachment::table)
        .values((
            subsidy_attachment::id.eq(Uuid::now_v7()),
            subsidy_attachment::application_id.eq(a.application),
            subsidy_attachment::file_id.eq(file),
            subsidy_attachment::name.eq(a.name),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Removes an attachment of the application and its file; `false` when the application has no
/// such attachment.
pub fn remove_attachment(
    conn: &mut PgConnection,
    application: Uuid,
    attachment: Uuid,
) -> QueryResult<bool> {
    let file: Option<Uuid> = subsidy_attachment::table
        .find(attachment)
        .filter(subsidy_attachment::application_id.eq(application))
        .select(subsidy_attachment::file_id)
        .first(conn)
        .optional()?;
    let Some(file) = file else {
        return Ok(false);
    };
    diesel::delete(subsidy_attachment::table.find(attachment)).execute(conn)?;
    diesel::delete(stored_file::table.find(file)).execute(conn)?;
    Ok(true)
}

/// An attachment to download: (application, name, content type, bytes).
pub type AttachmentFile = (Uuid, String, String, Vec<u8>);

/// The attachment with its file.
pub fn attachment_file(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<AttachmentFile>> {
    subsidy_attachment::table
        .inner_join(stored_file::table)
        .filter(subsidy_attachment::id.eq(id))
        .select((
            subsidy_attachment::application_id,
            subsidy_attachment::name,
            stored_file::content_type,
            stored_file::bytes,
        ))
        .first(conn)
        .optional()
}

/// The wijk numbers of `subsidy_application`, ascending (a correlated subquery).
const WIJKNRS: &str = "ARRAY(SELECT w.wijknr FROM subsidy_application_wijk aw \
     JOIN wijk w ON w.id = aw.wijk_id \
     WHERE aw.application_id = subsidy_application.id ORDER BY w.wijknr)";
/// The criteria and scores of the jury scores of `subsidy_application`, in one order.
const SCORE_CRITERIA: &str = "ARRAY(SELECT s.criterion FROM subsidy_score s \
     WHERE s.application_id = subsidy_application.id ORDER BY s.user_id, s.criterion)";
const SCORES: &str = "ARRAY(SELECT s.score FROM subsidy_score s \
     WHERE s.application_id = subsidy_application.id ORDER BY s.user_id, s.criterion)";

/// The scheme's rules on the first row of each scheme in the list's order, NULL on the others.
/// The window is computed before the LIMIT, in the list's own (unique) order.
const FIRST_RULES: &str = "CASE WHEN row_number() OVER (PARTITION BY subsidy_application.scheme_id \
     ORDER BY subsidy_application.updated_at DESC, subsidy_application.id DESC) = 1 \
     THEN subsidy_scheme.rules END";

type ListLine = (
    AppRow,
    String,
    Option<serde_json::Value>,
    Option<String>,
    Option<NaiveDate>,
    Vec<i16>,
    Vec<String>,
    Vec<i32>,
);

/// Applications newest change first, each with its scheme, organisation, deadline, wijken and
/// jury scores: one SQL statement however long the list.
///
/// The statement picks the page's ids first (filters, keyset and `LIMIT` on
/// `subsidy_application_list_idx`) and computes the wijken, scores and first rules of those rows
/// only: a page of 20 out of thousands costs what 20 rows cost.
pub fn list(conn: &mut PgConnection, f: &ListFilter) -> QueryResult<Vec<ListedApplication>> {
    use diesel::dsl::sql;
    let page = page_ids(f);
    let query = subsidy_application::table
        .inner_join(subsidy_scheme::table)
        .left_join(organisation::table)
        .left_join(subsidy_deadline::table)
        .select((
            AppRow::as_select(),
            subsidy_scheme::key,
            sql::<Nullable<Jsonb>>(FIRST_RULES),
            organisation::name.nullable(),
            subsidy_deadline::closes_on.nullable(),
            sql::<Array<SmallInt>>(WIJKNRS),
            sql::<Array<Text>>(SCORE_CRITERIA),
            sql::<Array<Integer>>(SCORES),
        ))
        .filter(subsidy_application::id.eq_any(page))
        .order((
            subsidy_application::updated_at.desc(),
            subsidy_application::id.desc(),
        ));
    let lines: Vec<ListLine> = query.load(conn)?;
    Ok(lines
        .into_iter()
        .map(
            |(
                row,
                scheme_key,
                scheme_rules,
                organisation_name,
                deadline,
                wijknrs,
                criteria,
                scores,
            )| {
                ListedApplication {
                    row,
                    scheme_key,
                    scheme_rules,
                    organisation_name,
                    deadline,
                    wijknrs,
                    scores: criteria.into_iter().zip(scores).collect(),
                }
            },
        )
        .collect())
}

/// The ids of one page of [`list`]: its filters, scope, keyset and limit, in the list's order.
fn page_ids(f: &ListFilter) -> subsidy_application::BoxedQuery<'static, Pg, SqlUuid> {
    use diesel::dsl::sql;
    let mut query = subsidy_application::table
        .select(subsidy_application::id)
        .order((
            subsidy_application::updated_at.desc(),
            subsidy_application::id.desc(),
        ))
        .limit(f.limit)
        .into_boxed();
    if let Some(scheme) = f.scheme_id {
        query = query.filter(subsidy_application::scheme_id.eq(scheme));
    }
    if let Some(s) = &f.status {
        query = query.filter(subsidy_application::status.eq(*s));
    }
    if let Some((updated_at, id)) = f.after {
        query = query.filter(
            sql::<Bool>("(subsidy_application.updated_at, subsidy_application.id) < (")
                .bind::<diesel::sql_types::Timestamptz, _>(updated_at)
                .sql(", ")
                .bind::<SqlUuid, _>(id)
                .sql(")"),
        );
    }
    // The scope as SQL: a subquery on a table outside the query cannot be typed by diesel here.
    match &f.scope {
        ListScope::Mine(user) => {
            query = query.filter(
                sql::<Bool>("(subsidy_application.applicant_id = ")
                    .bind::<SqlUuid, _>(*user)
                    .sql(
                        " OR subsidy_application.organisation_id IN \
                         (SELECT m.organisation_id FROM organisation_member m WHERE m.user_id = ",
                    )
                    .bind::<SqlUuid, _>(*user)
                    .sql("))"),
            );
        }
        ListScope::Jury { user, schemes } => {
            query = query
                .filter(subsidy_application::scheme_id.eq_any(schemes.clone()))
                .filter(subsidy_application::status.ne_all(["draft", "withdrawn"]))
                // Its deadline went to the jury.
                .filter(sql::<Bool>(
                    "EXISTS (SELECT 1 FROM subsidy_deadline d \
                     WHERE d.id = subsidy_application.deadline_id AND d.closed_at IS NOT NULL)",
                ))
                .filter(
                    sql::<Bool>(
                        "NOT EXISTS (SELECT 1 FROM subsidy_conflict c \
                         WHERE c.application_id = subsidy_application.id AND c.user_id = ",
                    )
                    .bind::<SqlUuid, _>(*user)
                    .sql(")"),
                );
        }
        ListScope::All => {
            query = query.filter(subsidy_application::status.ne("draft"));
        }
        ListScope::Wijken(wijken) => {
            query = query
                .filter(subsidy_application::status.ne("draft"))
                .filter(
                    sql::<Bool>(
                        "EXISTS (SELECT 1 FROM subsidy_application_wijk aw \
                         WHERE aw.application_id = subsidy_application.id AND aw.wijk_id = ANY(",
                    )
                    .bind::<Array<SqlUuid>, _>(wijken.clone())
                    .sql("))"),
                );
        }
    }
    query
}
