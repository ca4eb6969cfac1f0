//! Advisory councils, the advice requests asked of them, their advice and the city's responses.
//! Every change writes its audit row in its transaction.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};
use samenstad_types::councils::{AdviceResponse, CouncilKind};
use uuid::Uuid;

use crate::queries::audit::{self, NewAudit};
use crate::schema::{advice, advice_request, advisory_council};

/// A council.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = advisory_council, check_for_backend(diesel::pg::Pg))]
pub struct CouncilRow {
    pub id: Uuid,
    pub key: String,
    pub name: String,
    pub kind: CouncilKind,
    pub description: String,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub position: i32,
}

/// An advice request.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = advice_request, check_for_backend(diesel::pg::Pg))]
pub struct RequestRow {
    pub id: Uuid,
    pub subject: String,
    pub question: String,
    pub requested_by: String,
    pub documents: Vec<String>,
    pub deadline: NaiveDate,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A council's part of a request.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = advice, check_for_backend(diesel::pg::Pg))]
pub struct AdviceRow {
    pub request_id: Uuid,
    pub council_id: Uuid,
    pub text: Option<String>,
    pub document_url: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub published_by: Option<Uuid>,
    pub response: Option<AdviceResponse>,
    pub response_reason: Option<String>,
    pub responded_at: Option<DateTime<Utc>>,
    pub responded_by: Option<Uuid>,
}

const REQUESTS: &str = "(SELECT count(*) FROM advice a WHERE a.council_id = advisory_council.id)";

/// The councils in the city's order, with how many requests each was asked.
pub fn councils(conn: &mut PgConnection) -> QueryResult<Vec<(CouncilRow, i64)>> {
    advisory_council::table
        .order(advisory_council::position.asc())
        .select((CouncilRow::as_select(), sql::<BigInt>(REQUESTS)))
        .load(conn)
}

/// The council with this key, with its number of requests.
pub fn council_by_key(
    conn: &mut PgConnection,
    key: &str,
) -> QueryResult<Option<(CouncilRow, i64)>> {
    advisory_council::table
        .filter(advisory_council::key.eq(key))
        .select((CouncilRow::as_select(), sql::<BigInt>(REQUESTS)))
        .first(conn)
        .optional()
}

/// Whether a council has this id (the scope of a `council_staff` role).
pub fn council_exists(conn: &mut PgConnection, id: Uuid) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(advisory_council::table.find(id))).get_result(conn)
}

/// Sets a council's description and support contact.
pub fn update_council(
    conn: &mut PgConnection,
    id: Uuid,
    (description, contact_name, contact_email): (&str, Option<&str>, Option<&str>),
    actor: Uuid,
) -> QueryResult<()> {
    diesel::update(advisory_council::table.find(id))
        .set((
            advisory_council::description.eq(description),
            advisory_council::contact_name.eq(contact_name),
            advisory_council::contact_email.eq(contact_email),
        ))
        .execute(conn)?;
    audit::record(
        conn,
        NewAudit::by(Some(actor), "council.updated").on("advisory_council", id),
    )
}

/// Stores a request and asks each council, with its audit row.
pub fn create_request(
    conn: &mut PgConnection,
    row: &RequestRow,
    councils: &[Uuid],
) -> QueryResult<()> {
    diesel::insert_into(advice_request::table)
        .values(row)
        .execute(conn)?;
    let asked: Vec<_> = councils
        .iter()
        .map(|c| (advice::request_id.eq(row.id), advice::council_id.eq(*c)))
        .collect();
    diesel::insert_into(advice::table)
        .values(&asked)
        .execute(conn)?;
    audit::record(
        conn,
        NewAudit::by(row.created_by, "advice_request.published")
            .on("advice_request", row.id)
            .details(serde_json::json!({"councils": councils.len(), "deadline": row.deadline})),
    )
}

/// Requests newest first, to one council or all, after the cursor's (`created_at`, `id`).
pub fn requests(
    conn: &mut PgConnection,
    council: Option<Uuid>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> QueryResult<Vec<RequestRow>> {
    let mut q = advice_request::table
        .select(RequestRow::as_select())
        .order((advice_request::created_at.desc(), advice_request::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some(c) = council {
        q = q.filter(
            advice_request::id.eq_any(
                advice::table
                    .filter(advice::council_id.eq(c))
                    .select(advice::request_id),
            ),
        );
    }
    if let Some((at, id)) = after {
        q = q.filter(
            sql::<Bool>("(advice_request.created_at, advice_request.id) < (")
                .bind::<diesel::sql_types::Timestamptz, _>(at)
                .sql(", ")
                .bind::<diesel::sql_types::Uuid, _>(id)
                .sql(")"),
        );
    }
    q.load(conn)
}

/// The request with this id.
pub fn request_by_id(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<RequestRow>> {
    advice_request::table
        .find(id)
        .select(RequestRow::as_select())
        .first(conn)
        .optional()
}

/// The councils' parts of these requests with the council's key and name, in the councils'
/// order: one query for a whole page.
pub fn advice_of(
    conn: &mut PgConnection,
    requests: &[Uuid],
) -> QueryResult<Vec<(AdviceRow, String, String)>> {
    advice::table
        .inner_join(advisory_council::table)
        .filter(advice::request_id.eq_any(requests))
        .order(advisory_council::position.asc())
        .select((
            AdviceRow::as_select(),
            advisory_council::key,
            advisory_council::name,
        ))
        .load(conn)
}

/// A council's part of a request, locked for a change.
pub fn advice_for_update(
    conn: &mut PgConnection,
    request: Uuid,
    council: Uuid,
) -> QueryResult<Option<AdviceRow>> {
    advice::table
        .find((request, council))
        .select(AdviceRow::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// Publishes a council's advice, with its audit row.
pub fn publish(
    conn: &mut PgConnection,
    (request, council): (Uuid, Uuid),
    (text, document_url): (&str, Option<&str>),
    actor: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(advice::table.find((request, council)))
        .set((
            advice::text.eq(text),
            advice::document_url.eq(document_url),
            advice::published_at.eq(now),
            advice::published_by.eq(actor),
        ))
        .execute(conn)?;
    touch(conn, request, now)?;
    audit::record(
        conn,
        NewAudit::by(Some(actor), "advice.published")
            .on("advice_request", request)
            .details(serde_json::json!({"council": council})),
    )
}

/// Attaches the advice as a stored document (`url` is its link), with its audit row; the
/// previous stored document, if any, is removed.
pub fn set_document(
    conn: &mut PgConnection,
    (request, council): (Uuid, Uuid),
    (url, file, previous): (&str, Uuid, Option<Uuid>),
    actor: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(advice::table.find((request, council)))
        .set(advice::document_url.eq(url))
        .execute(conn)?;
    if let Some(old) = previous.filter(|old| *old != file) {
        diesel::delete(crate::schema::stored_file::table.find(old)).execute(conn)?;
    }
    touch(conn, request, now)?;
    audit::record(
        conn,
        NewAudit::by(Some(actor), "advice.document_attached")
            .on("advice_request", request)
            .details(serde_json::json!({"council": council, "file": file})),
    )
}

/// Records the city's response to a council's advice, with its audit row.
pub fn respond(
    conn: &mut PgConnection,
    (request, council): (Uuid, Uuid),
    (response, reason): (AdviceResponse, &str),
    actor: Uuid,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::update(advice::table.find((request, council)))
        .set((
            advice::response.eq(response),
            advice::response_reason.eq(reason),
            advice::responded_at.eq(now),
            advice::responded_by.eq(actor),
        ))
        .execute(conn)?;
    touch(conn, request, now)?;
    audit::record(
        conn,
        NewAudit::by(Some(actor), "advice.responded")
            .on("advice_request", request)
            .details(serde_json::json!({"council": council, "response": response})),
    )
}

fn touch(conn: &mut PgConnection, request: Uuid, now: DateTime<Utc>) -> QueryResult<()> {
    diesel::update(advice_request::table.find(request))
        .set(advice_request::updated_at.eq(now))
        .execute(conn)
        .map(|_| ())
}

/// The requests whose deadline is on or after `from`, by deadline (the iCal of deadlines).
pub fn deadlines_from(conn: &mut PgConnection, from: NaiveDate) -> QueryResult<Vec<RequestRow>> {
    advice_request::table
        .filter(advice_request::deadline.ge(from))
        .order((advice_request::deadline.asc(), advice_request::id.asc()))
        .limit(500)
        .select(RequestRow::as_select())
        .load(conn)
}

/// The newest advice published or answered, with the council's name and the request's subject
/// (the decisions feed).
pub fn recent_advice(
    conn: &mut PgConnection,
    limit: i64,
) -> QueryResult<Vec<(AdviceRow, String, String)>> {
    advice::table
        .inner_join(advisory_council::table)
        .inner_join(advice_request::table)
        .filter(advice::published_at.is_not_null())
        .order(
            sql::<diesel::sql_types::Timestamptz>(
                "coalesce(advice.responded_at, advice.published_at)",
            )
            .desc(),
        )
        .limit(limit)
        .select((
            AdviceRow::as_select(),
            advisory_council::name,
            advice_request::subject,
        ))
        .load(conn)
}

/// The newest advice requests (the decisions feed).
pub fn recent_requests(conn: &mut PgConnection, limit: i64) -> QueryResult<Vec<RequestRow>> {
    advice_request::table
        .order((advice_request::created_at.desc(), advice_request::id.desc()))
        .limit(limit)
        .select(RequestRow::as_select())
        .load(conn)
}
