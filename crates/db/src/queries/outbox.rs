//! The mail outbox: mails are queued in the transaction of the change that causes them and
//! sent (or marked not sent) by a worker.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use samenstad_types::account::MailStatus;
use uuid::Uuid;

use crate::schema::mail_outbox;

/// An outbox row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = mail_outbox, check_for_backend(diesel::pg::Pg))]
pub struct MailRow {
    pub id: Uuid,
    pub user_id: Option<Uuid>,
    pub to_address: String,
    pub template: String,
    pub subject: String,
    pub body: String,
    pub status: MailStatus,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    /// The page that stops mails like this one (notifications: the `List-Unsubscribe` header).
    pub unsubscribe_url: Option<String>,
}

/// Queues a mail.
pub fn queue(
    conn: &mut PgConnection,
    user_id: Option<Uuid>,
    to: &str,
    template: &str,
    subject: &str,
    body: &str,
) -> QueryResult<Uuid> {
    insert(conn, user_id, to, (template, subject, body), None)
}

/// Queues a notification mail with the page that stops such mails.
pub fn queue_with_unsubscribe(
    conn: &mut PgConnection,
    user_id: Option<Uuid>,
    to: &str,
    template: &str,
    subject: &str,
    body: &str,
    unsubscribe_url: &str,
) -> QueryResult<Uuid> {
    insert(
        conn,
        user_id,
        to,
        (template, subject, body),
        Some(unsubscribe_url),
    )
}

fn insert(
    conn: &mut PgConnection,
    user_id: Option<Uuid>,
    to: &str,
    (template, subject, body): (&str, &str, &str),
    unsubscribe_url: Option<&str>,
) -> QueryResult<Uuid> {
    let id = Uuid::now_v7();
    diesel::insert_into(mail_outbox::table)
        .values((
            mail_outbox::id.eq(id),
            mail_outbox::user_id.eq(user_id),
            mail_outbox::to_address.eq(to),
            mail_outbox::template.eq(template),
            mail_outbox::subject.eq(subject),
            mail_outbox::body.eq(body),
            mail_outbox::unsubscribe_url.eq(unsubscribe_url),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Claims up to `limit` pending mails by marking them `sending` (call in a transaction).
/// Locked rows are skipped, so parallel workers never claim one mail twice; a crash after the
/// claim leaves the mail `sending` (at most once, never twice).
pub fn claim_pending(conn: &mut PgConnection, limit: i64) -> QueryResult<Vec<MailRow>> {
    let mails: Vec<MailRow> = mail_outbox::table
        .filter(mail_outbox::status.eq(MailStatus::Pending))
        .order(mail_outbox::created_at.asc())
        .limit(limit)
        .select(MailRow::as_select())
        .for_update()
        .skip_locked()
        .load(conn)?;
    let ids: Vec<Uuid> = mails.iter().map(|m| m.id).collect();
    diesel::update(mail_outbox::table.filter(mail_outbox::id.eq_any(&ids)))
        .set(mail_outbox::status.eq(MailStatus::Sending))
        .execute(conn)?;
    Ok(mails)
}

/// Records the outcome of a send attempt.
pub fn mark(
    conn: &mut PgConnection,
    id: Uuid,
    status: MailStatus,
    error: Option<&str>,
) -> QueryResult<()> {
    let sent_at = (status == MailStatus::Sent).then(Utc::now);
    diesel::update(mail_outbox::table.find(id))
        .set((
            mail_outbox::status.eq(status),
            mail_outbox::attempts.eq(mail_outbox::attempts + 1),
            mail_outbox::last_error.eq(error),
            mail_outbox::sent_at.eq(sent_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The newest mails (optionally to one address), at most 200.
pub fn list(conn: &mut PgConnection, to: Option<&str>) -> QueryResult<Vec<MailRow>> {
    let mut query = mail_outbox::table
        .order(mail_outbox::created_at.desc())
        .limit(200)
        .select(MailRow::as_select())
        .into_boxed();
    if let Some(to) = to {
        query = query.filter(mail_outbox::to_address.eq(to.to_lowercase()));
    }
    query.load(conn)
}

/// Mails of an account (privacy export).
pub fn of_user(conn: &mut PgConnection, user_id: Uuid) -> QueryResult<Vec<MailRow>> {
    mail_outbox::table
        .filter(mail_outbox::user_id.eq(user_id))
        .order(mail_outbox::created_at.asc())
        .select(MailRow::as_select())
        .load(conn)
}
