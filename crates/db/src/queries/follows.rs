//! Follows, the lines waiting for the weekly digest, one-time announcements and the key that
//! signs unsubscribe links.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Text, Timestamptz, Uuid as SqlUuid};
use samenstad_types::follows::{FollowKind, FollowMode};
use uuid::Uuid;

use crate::schema::{
    announcement, app_user, digest_run, follow, notification, residence, signing_key,
};

/// What is followed: its kind and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub kind: FollowKind,
    pub id: Uuid,
}

impl Target {
    pub const fn new(kind: FollowKind, id: Uuid) -> Self {
        Self { kind, id }
    }
}

/// A follow row.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = follow, check_for_backend(diesel::pg::Pg))]
pub struct FollowRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub wijk_id: Option<Uuid>,
    pub idea_id: Option<Uuid>,
    pub signal_id: Option<Uuid>,
    pub vote_id: Option<Uuid>,
    pub council_id: Option<Uuid>,
    pub mode: FollowMode,
    pub created_at: DateTime<Utc>,
}

/// A follow with what the follower sees of its target.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct FollowLine {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = Text)]
    pub kind: String,
    #[diesel(sql_type = SqlUuid)]
    pub target: Uuid,
    /// The wijk's slug, the council's key, or the id again (for the page's path).
    #[diesel(sql_type = Text)]
    pub key: String,
    #[diesel(sql_type = Text)]
    pub title: String,
    #[diesel(sql_type = Text)]
    pub mode: String,
    #[diesel(sql_type = Timestamptz)]
    pub created_at: DateTime<Utc>,
}

/// The title and path key of every kind, as SQL over `f` (a follow row); `lang` picks the
/// signal category's name. A signal reads as its category and the first words of its text; a
/// hidden idea or signal (moderated) by its kind alone.
const LINES: &str = "
SELECT f.id,
       CASE WHEN f.wijk_id IS NOT NULL THEN 'wijk' WHEN f.idea_id IS NOT NULL THEN 'idea'
            WHEN f.signal_id IS NOT NULL THEN 'signal' WHEN f.vote_id IS NOT NULL THEN 'vote'
            ELSE 'council' END AS kind,
       coalesce(f.wijk_id, f.idea_id, f.signal_id, f.vote_id, f.council_id) AS target,
       coalesce(w.slug, c.key, coalesce(f.idea_id, f.signal_id, f.vote_id)::text) AS key,
       coalesce(w.name,
                CASE WHEN i.hidden_reason IS NOT NULL
                     THEN CASE WHEN $2 = 'en' THEN 'Hidden idea' ELSE 'Verborgen idee' END
                     ELSE i.title END,
                CASE WHEN $2 = 'en' THEN sc.name_en ELSE sc.name_nl END
                    || ': ' || CASE WHEN s.hidden_reason IS NOT NULL
                                    THEN CASE WHEN $2 = 'en' THEN 'hidden' ELSE 'verborgen' END
                                    ELSE left(s.description, 60) END,
                (CASE WHEN $2 = 'en' THEN 'Vote in ' ELSE 'Stemming in ' END) || vw.name,
                c.name) AS title,
       f.mode, f.created_at
FROM follow f
LEFT JOIN wijk w ON w.id = f.wijk_id
LEFT JOIN idea i ON i.id = f.idea_id
LEFT JOIN signal s ON s.id = f.signal_id
LEFT JOIN signal_category sc ON sc.key = s.category
LEFT JOIN vote v ON v.id = f.vote_id
LEFT JOIN wijk vw ON vw.id = v.wijk_id
LEFT JOIN advisory_council c ON c.id = f.council_id";

/// What `user` follows, newest first, titles in `lang` (`nl` or `en`).
pub fn of_user(conn: &mut PgConnection, user: Uuid, lang: &str) -> QueryResult<Vec<FollowLine>> {
    diesel::sql_query(format!(
        "{LINES} WHERE f.user_id = $1 ORDER BY f.created_at DESC, f.id DESC LIMIT 500"
    ))
    .bind::<SqlUuid, _>(user)
    .bind::<Text, _>(lang)
    .load(conn)
}

/// One follow with its title (of the follower's language).
pub fn line(conn: &mut PgConnection, id: Uuid, lang: &str) -> QueryResult<Option<FollowLine>> {
    diesel::sql_query(format!("{LINES} WHERE f.id = $1"))
        .bind::<SqlUuid, _>(id)
        .bind::<Text, _>(lang)
        .get_result(conn)
        .optional()
}

/// A follow by id.
pub fn by_id(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<FollowRow>> {
    follow::table
        .find(id)
        .select(FollowRow::as_select())
        .first(conn)
        .optional()
}

/// The follow of `user` of `target`, if any.
pub fn find(conn: &mut PgConnection, user: Uuid, target: Target) -> QueryResult<Option<FollowRow>> {
    let query = follow::table
        .filter(follow::user_id.eq(user))
        .select(FollowRow::as_select())
        .into_boxed();
    let query = match target.kind {
        FollowKind::Wijk => query.filter(follow::wijk_id.eq(target.id)),
        FollowKind::Idea => query.filter(follow::idea_id.eq(target.id)),
        FollowKind::Signal => query.filter(follow::signal_id.eq(target.id)),
        FollowKind::Vote => query.filter(follow::vote_id.eq(target.id)),
        FollowKind::Council => query.filter(follow::council_id.eq(target.id)),
    };
    query.first(conn).optional()
}

/// `user` follows `target` (`mode` for a new follow); answers the follow and whether it is new.
/// Following again changes nothing.
pub fn follow(
    conn: &mut PgConnection,
    user: Uuid,
    target: Target,
    mode: FollowMode,
) -> QueryResult<(FollowRow, bool)> {
    let id = Uuid::now_v7();
    let of = |kind: FollowKind| (target.kind == kind).then_some(target.id);
    let inserted = diesel::insert_into(follow::table)
        .values((
            follow::id.eq(id),
            follow::user_id.eq(user),
            follow::wijk_id.eq(of(FollowKind::Wijk)),
            follow::idea_id.eq(of(FollowKind::Idea)),
            follow::signal_id.eq(of(FollowKind::Signal)),
            follow::vote_id.eq(of(FollowKind::Vote)),
            follow::council_id.eq(of(FollowKind::Council)),
            follow::mode.eq(mode),
        ))
        .on_conflict_do_nothing()
        .execute(conn)?;
    let row = find(conn, user, target)?.ok_or(diesel::result::Error::NotFound)?;
    Ok((row, inserted == 1))
}

/// `user` no longer follows `target` (not following: no change).
pub fn unfollow(conn: &mut PgConnection, user: Uuid, target: Target) -> QueryResult<()> {
    if let Some(row) = find(conn, user, target)? {
        delete(conn, row.id)?;
    }
    Ok(())
}

/// Deletes a follow (with the digest lines not yet sent).
pub fn delete(conn: &mut PgConnection, id: Uuid) -> QueryResult<usize> {
    diesel::delete(follow::table.find(id)).execute(conn)
}

/// Deletes every follow of `user`.
pub fn delete_all(conn: &mut PgConnection, user: Uuid) -> QueryResult<usize> {
    diesel::delete(follow::table.filter(follow::user_id.eq(user))).execute(conn)
}

/// Sets how a follow is mailed.
pub fn set_mode(conn: &mut PgConnection, id: Uuid, mode: FollowMode) -> QueryResult<()> {
    diesel::update(follow::table.find(id))
        .set(follow::mode.eq(mode))
        .execute(conn)
        .map(|_| ())
}

/// The followers of a duplicate signal follow the original instead (once each).
pub fn move_signal_followers(conn: &mut PgConnection, from: Uuid, to: Uuid) -> QueryResult<()> {
    diesel::sql_query(
        "UPDATE follow SET signal_id = $2 WHERE signal_id = $1 AND NOT EXISTS
           (SELECT 1 FROM follow g WHERE g.signal_id = $2 AND g.user_id = follow.user_id)",
    )
    .bind::<SqlUuid, _>(from)
    .bind::<SqlUuid, _>(to)
    .execute(conn)?;
    diesel::delete(follow::table.filter(follow::signal_id.eq(from)))
        .execute(conn)
        .map(|_| ())
}

/// How many follow a signal.
pub fn signal_followers(conn: &mut PgConnection, signal: Uuid) -> QueryResult<i64> {
    follow::table
        .filter(follow::signal_id.eq(signal))
        .count()
        .get_result(conn)
}

/// A follower to notify: the follow, the account's address and language, the mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Follower {
    pub follow_id: Uuid,
    pub user_id: Uuid,
    pub email: String,
    pub language: String,
    pub mode: FollowMode,
}

/// The active followers of `target`; with `residents_of`, only those whose residence in that
/// wijk is verified.
pub fn followers(
    conn: &mut PgConnection,
    target: Target,
    residents_of: Option<Uuid>,
) -> QueryResult<Vec<Follower>> {
    let mut query = follow::table
        .inner_join(app_user::table)
        .filter(app_user::status.eq("active"))
        .select((
            follow::id,
            app_user::id,
            app_user::email,
            app_user::preferred_language,
            follow::mode,
        ))
        .order(follow::created_at.asc())
        .into_boxed();
    query = match target.kind {
        FollowKind::Wijk => query.filter(follow::wijk_id.eq(target.id)),
        FollowKind::Idea => query.filter(follow::idea_id.eq(target.id)),
        FollowKind::Signal => query.filter(follow::signal_id.eq(target.id)),
        FollowKind::Vote => query.filter(follow::vote_id.eq(target.id)),
        FollowKind::Council => query.filter(follow::council_id.eq(target.id)),
    };
    if let Some(wijk) = residents_of {
        query = query.filter(diesel::dsl::exists(
            residence::table
                .filter(residence::user_id.eq(follow::user_id))
                .filter(residence::wijk_id.eq(wijk)),
        ));
    }
    let rows: Vec<(Uuid, Uuid, Option<String>, String, FollowMode)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(follow_id, user_id, email, language, mode)| {
            email.map(|email| Follower {
                follow_id,
                user_id,
                email,
                language,
                mode,
            })
        })
        .collect())
}

/// A line for the weekly digest.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = notification, check_for_backend(diesel::pg::Pg))]
pub struct NotificationRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub follow_id: Option<Uuid>,
    pub topic: String,
    pub line: String,
    pub link: String,
    pub created_at: DateTime<Utc>,
}

/// Keeps a line for the follower's digest.
pub fn queue_line(conn: &mut PgConnection, row: &NotificationRow) -> QueryResult<()> {
    diesel::insert_into(notification::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The accounts with lines waiting for a digest.
pub fn users_with_lines(conn: &mut PgConnection) -> QueryResult<Vec<Uuid>> {
    notification::table
        .filter(notification::sent_at.is_null())
        .select(notification::user_id)
        .distinct()
        .load(conn)
}

/// Claims the waiting lines of `user`, oldest first (call in a transaction; lines locked by
/// another machine's digest are skipped).
pub fn claim_lines(conn: &mut PgConnection, user: Uuid) -> QueryResult<Vec<NotificationRow>> {
    notification::table
        .filter(notification::user_id.eq(user))
        .filter(notification::sent_at.is_null())
        .order((notification::created_at.asc(), notification::id.asc()))
        .select(NotificationRow::as_select())
        .for_update()
        .skip_locked()
        .load(conn)
}

/// The lines went out in the digest mail `mail`.
pub fn mark_sent(conn: &mut PgConnection, ids: &[Uuid], mail: Uuid) -> QueryResult<()> {
    diesel::update(notification::table.filter(notification::id.eq_any(ids)))
        .set((
            notification::mail_id.eq(Some(mail)),
            notification::sent_at.eq(Some(Utc::now())),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The lines waiting for `user`'s digest (the account page and the privacy export).
pub fn waiting_lines(conn: &mut PgConnection, user: Uuid) -> QueryResult<i64> {
    notification::table
        .filter(notification::user_id.eq(user))
        .filter(notification::sent_at.is_null())
        .count()
        .get_result(conn)
}

/// Records an announcement; false when it was made already (by this or another machine).
pub fn announce(conn: &mut PgConnection, kind: &str, subject: Uuid) -> QueryResult<bool> {
    diesel::insert_into(announcement::table)
        .values((
            announcement::kind.eq(kind),
            announcement::subject_id.eq(subject),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .map(|n| n == 1)
}

/// A vote whose opening or close is to be announced.
#[derive(Debug, Clone, PartialEq, Eq, QueryableByName)]
pub struct VoteMoment {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    pub wijk_id: Uuid,
    #[diesel(sql_type = Text)]
    pub wijk_name: String,
    #[diesel(sql_type = Timestamptz)]
    pub closes_at: DateTime<Utc>,
}

/// Votes that opened (`closed` false) or closed by `now` and were not announced as such yet.
pub fn unannounced_votes(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    closed: bool,
) -> QueryResult<Vec<VoteMoment>> {
    let (kind, moment) = if closed {
        ("vote_closed", "v.closes_at <= $1")
    } else {
        ("vote_opened", "v.opens_at <= $1 AND v.closes_at > $1")
    };
    diesel::sql_query(format!(
        "SELECT v.id, v.wijk_id, w.name AS wijk_name, v.closes_at FROM vote v
         JOIN wijk w ON w.id = v.wijk_id
         WHERE {moment} AND NOT EXISTS
           (SELECT 1 FROM announcement a WHERE a.kind = $2 AND a.subject_id = v.id)
         ORDER BY v.opens_at"
    ))
    .bind::<Timestamptz, _>(now)
    .bind::<Text, _>(kind)
    .load(conn)
}

/// Records the digest of the week starting `week`; false when it ran already.
pub fn start_digest_week(conn: &mut PgConnection, week: NaiveDate) -> QueryResult<bool> {
    diesel::insert_into(digest_run::table)
        .values((digest_run::week.eq(week), digest_run::mails.eq(0)))
        .on_conflict_do_nothing()
        .execute(conn)
        .map(|n| n == 1)
}

/// How many digests the week's run mailed.
pub fn finish_digest_week(conn: &mut PgConnection, week: NaiveDate, mails: i32) -> QueryResult<()> {
    diesel::update(digest_run::table.find(week))
        .set(digest_run::mails.eq(mails))
        .execute(conn)
        .map(|_| ())
}

/// The installation's secret named `name` (`unsubscribe`).
pub fn signing_secret(conn: &mut PgConnection, name: &str) -> QueryResult<Vec<u8>> {
    signing_key::table
        .find(name)
        .select(signing_key::secret)
        .first(conn)
}

#[derive(QueryableByName)]
struct Found {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

/// The id of what `key` names: a wijk by id, slug or number, a council by id or key, an idea or
/// a signal by id (not when hidden), a vote by id.
pub fn resolve(conn: &mut PgConnection, kind: FollowKind, key: &str) -> QueryResult<Option<Uuid>> {
    let sql = match kind {
        FollowKind::Wijk => {
            "SELECT id FROM wijk WHERE id::text = $1 OR slug = $1 OR wijknr::text = $1"
        }
        FollowKind::Council => "SELECT id FROM advisory_council WHERE id::text = $1 OR key = $1",
        FollowKind::Idea => "SELECT id FROM idea WHERE id::text = $1 AND hidden_reason IS NULL",
        FollowKind::Signal => "SELECT id FROM signal WHERE id::text = $1 AND hidden_reason IS NULL",
        FollowKind::Vote => "SELECT id FROM vote WHERE id::text = $1",
    };
    let found: Option<Found> = diesel::sql_query(format!("{sql} LIMIT 1"))
        .bind::<Text, _>(key.trim().to_lowercase())
        .get_result(conn)
        .optional()?;
    Ok(found.map(|f| f.id))
}

/// Forgets what an erased account followed and the lines of its digests.
pub fn forget(conn: &mut PgConnection, user: Uuid) -> QueryResult<()> {
    diesel::delete(notification::table.filter(notification::user_id.eq(user))).execute(conn)?;
    delete_all(conn, user).map(|_| ())
}

#[derive(QueryableByName)]
struct Titles {
    #[diesel(sql_type = Text)]
    nl: String,
    #[diesel(sql_type = Text)]
    en: String,
}

/// The name of what `target` is, in Dutch and English, as the follow list shows it.
pub fn titles(conn: &mut PgConnection, target: Target) -> QueryResult<(String, String)> {
    let sql = match target.kind {
        FollowKind::Wijk => "SELECT name AS nl, name AS en FROM wijk WHERE id = $1",
        FollowKind::Council => "SELECT name AS nl, name AS en FROM advisory_council WHERE id = $1",
        FollowKind::Idea => "SELECT title AS nl, title AS en FROM idea WHERE id = $1",
        FollowKind::Signal => {
            "SELECT sc.name_nl || ': ' || left(s.description, 60) AS nl,
                    sc.name_en || ': ' || left(s.description, 60) AS en
             FROM signal s JOIN signal_category sc ON sc.key = s.category WHERE s.id = $1"
        }
        FollowKind::Vote => {
            "SELECT 'Stemming in ' || w.name AS nl, 'Vote in ' || w.name AS en
             FROM vote v JOIN wijk w ON w.id = v.wijk_id WHERE v.id = $1"
        }
    };
    let t: Titles = diesel::sql_query(sql)
        .bind::<SqlUuid, _>(target.id)
        .get_result(conn)?;
    Ok((t.nl, t.en))
}
