//! Participatory-budget programmes, rounds, allocations and ideas.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};
use uuid::Uuid;

use crate::schema::{
    idea, idea_event, idea_support, organisation, programme, programme_round, round_phase,
    round_wijk, wijk,
};

/// A programme row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = programme, check_for_backend(diesel::pg::Pg))]
pub struct ProgrammeRow {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub status: String,
    pub description: String,
    pub total_cents: i64,
    pub base_cents: i64,
    pub cap_cents: i64,
    pub realisation_months: i32,
    pub proposals_count: Option<i32>,
    pub realised_count: Option<i32>,
    pub created_at: DateTime<Utc>,
}

/// A round row.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = programme_round, check_for_backend(diesel::pg::Pg))]
pub struct RoundRow {
    pub id: Uuid,
    pub programme_id: Uuid,
    pub number: i16,
    pub name: String,
}

/// A phase row.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = round_phase, check_for_backend(diesel::pg::Pg))]
pub struct PhaseRow {
    pub round_id: Uuid,
    pub phase: String,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
}

/// A wijk of a round.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = round_wijk, check_for_backend(diesel::pg::Pg))]
pub struct RoundWijkRow {
    pub round_id: Uuid,
    pub programme_id: Uuid,
    pub wijk_id: Uuid,
    pub selection_method: String,
    pub vulnerability_milli: i32,
}

/// What a programme's rounds, phases and wijken look like, for its page.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeTree {
    pub programme: ProgrammeRow,
    pub rounds: Vec<RoundRow>,
    pub phases: Vec<PhaseRow>,
    /// Each wijk of the programme with its number, slug, name and population.
    pub wijken: Vec<(RoundWijkRow, i16, String, String, i32)>,
}

/// All programmes, active first, then by name.
pub fn programmes(conn: &mut PgConnection) -> QueryResult<Vec<ProgrammeRow>> {
    programme::table
        .order((programme::status.asc(), programme::name.asc()))
        .select(ProgrammeRow::as_select())
        .load(conn)
}

/// A programme by slug or id with its rounds, phases and wijken.
pub fn programme_tree(conn: &mut PgConnection, key: &str) -> QueryResult<Option<ProgrammeTree>> {
    let mut q = programme::table
        .select(ProgrammeRow::as_select())
        .into_boxed();
    q = match key.parse::<Uuid>() {
        Ok(id) => q.filter(programme::id.eq(id)),
        Err(_) => q.filter(programme::slug.eq(key.to_owned())),
    };
    let Some(programme) = q.first(conn).optional()? else {
        return Ok(None);
    };
    Ok(trees_of(conn, vec![programme])?.pop())
}

/// Every programme with its rounds, phases and wijken, in the order of [`programmes`]: four
/// statements however many programmes there are.
pub fn programme_trees(conn: &mut PgConnection) -> QueryResult<Vec<ProgrammeTree>> {
    let all = programmes(conn)?;
    trees_of(conn, all)
}

/// The trees of `programmes`, in their order.
fn trees_of(
    conn: &mut PgConnection,
    programmes: Vec<ProgrammeRow>,
) -> QueryResult<Vec<ProgrammeTree>> {
    let programme_ids: Vec<Uuid> = programmes.iter().map(|p| p.id).collect();
    let rounds: Vec<RoundRow> = programme_round::table
        .filter(programme_round::programme_id.eq_any(&programme_ids))
        .order(programme_round::number.asc())
        .select(RoundRow::as_select())
        .load(conn)?;
    let round_ids: Vec<Uuid> = rounds.iter().map(|r| r.id).collect();
    let phases: Vec<PhaseRow> = round_phase::table
        .filter(round_phase::round_id.eq_any(&round_ids))
        .order((round_phase::round_id, round_phase::starts_on.asc()))
        .select(PhaseRow::as_select())
        .load(conn)?;
    let wijken: Vec<(RoundWijkRow, i16, String, String, i32)> = round_wijk::table
        .inner_join(wijk::table)
        .filter(round_wijk::programme_id.eq_any(&programme_ids))
        .order(wijk::wijknr.asc())
        .select((
            RoundWijkRow::as_select(),
            wijk::wijknr,
            wijk::slug,
            wijk::name,
            wijk::population_estimate,
        ))
        .load(conn)?;
    Ok(programmes
        .into_iter()
        .map(|programme| {
            let rounds: Vec<RoundRow> = rounds
                .iter()
                .filter(|r| r.programme_id == programme.id)
                .cloned()
                .collect();
            let phases = phases
                .iter()
                .filter(|ph| rounds.iter().any(|r| r.id == ph.round_id))
                .cloned()
                .collect();
            let wijken = wijken
                .iter()
                .filter(|(w, ..)| w.programme_id == programme.id)
                .cloned()
                .collect();
            ProgrammeTree {
                programme,
                rounds,
                phases,
                wijken,
            }
        })
        .collect())
}

/// Sets how a wijk selects its projects and its vulnerability index in every round of a
/// programme; the number of rounds changed (0: the wijk takes part in none).
pub fn set_round_wijk(
    conn: &mut PgConnection,
    programme_id: Uuid,
    wijk_id: Uuid,
    selection_method: &str,
    vulnerability_milli: i32,
) -> QueryResult<usize> {
    diesel::update(
        round_wijk::table
            .filter(round_wijk::programme_id.eq(programme_id))
            .filter(round_wijk::wijk_id.eq(wijk_id)),
    )
    .set((
        round_wijk::selection_method.eq(selection_method),
        round_wijk::vulnerability_milli.eq(vulnerability_milli),
    ))
    .execute(conn)
}

/// The round of the active programme a wijk takes part in, if any.
pub fn active_round_of_wijk(conn: &mut PgConnection, wijk_id: Uuid) -> QueryResult<Option<Uuid>> {
    round_wijk::table
        .inner_join(programme::table.on(programme::id.eq(round_wijk::programme_id)))
        .filter(round_wijk::wijk_id.eq(wijk_id))
        .filter(programme::status.eq("active"))
        .select(round_wijk::round_id)
        .first(conn)
        .optional()
}

/// How a wijk selects its projects in a round.
pub fn selection_method(
    conn: &mut PgConnection,
    round_id: Uuid,
    wijk_id: Uuid,
) -> QueryResult<String> {
    round_wijk::table
        .find((round_id, wijk_id))
        .select(round_wijk::selection_method)
        .first(conn)
}

/// An idea row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = idea, check_for_backend(diesel::pg::Pg))]
pub struct IdeaRow {
    pub id: Uuid,
    pub round_id: Option<Uuid>,
    pub wijk_id: Uuid,
    pub author_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
    pub entered_by: Option<Uuid>,
    pub submitter_name: Option<String>,
    pub channel: String,
    pub title: String,
    pub body: String,
    pub estimated_cost_cents: Option<i64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub status: String,
    pub status_reason: Option<String>,
    pub merged_into: Option<Uuid>,
    pub referred_to: Option<String>,
    pub hidden_reason: Option<String>,
    pub image_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An idea-history row.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = idea_event, check_for_backend(diesel::pg::Pg))]
pub struct IdeaEventRow {
    pub id: Uuid,
    pub idea_id: Uuid,
    pub at: DateTime<Utc>,
    pub kind: String,
    pub status: Option<String>,
    pub reason: Option<String>,
}

/// An idea as listed: the row, its wijk number and slug, round number, organisation name,
/// supporters and whether the caller supports it.
pub type IdeaListed = (IdeaRow, i16, String, Option<i16>, Option<String>, i64, bool);

/// Filters of the idea board.
#[derive(Debug, Clone, Default)]
pub struct IdeaFilter {
    pub wijk_id: Option<Uuid>,
    pub status: Option<String>,
    pub author_id: Option<Uuid>,
    pub id: Option<Uuid>,
    pub offset: i64,
    pub limit: i64,
}

/// Ideas matching the filter, newest first; `viewer` decides `supported`.
pub fn list_ideas(
    conn: &mut PgConnection,
    f: &IdeaFilter,
    viewer: Option<Uuid>,
) -> QueryResult<Vec<IdeaListed>> {
    let mut q = idea::table
        .inner_join(wijk::table)
        .left_join(programme_round::table)
        .left_join(organisation::table)
        .select((
            IdeaRow::as_select(),
            wijk::wijknr,
            wijk::slug,
            programme_round::number.nullable(),
            organisation::name.nullable(),
            sql::<BigInt>("(SELECT count(*) FROM idea_support s WHERE s.idea_id = idea.id)"),
            sql::<Bool>(
                "EXISTS (SELECT 1 FROM idea_support s WHERE s.idea_id = idea.id AND s.user_id = ",
            )
            .bind::<diesel::sql_types::Uuid, _>(viewer.unwrap_or(Uuid::nil()))
            .sql(")"),
        ))
        .order((idea::created_at.desc(), idea::id.desc()))
        .offset(f.offset)
        .limit(f.limit)
        .into_boxed();
    if let Some(w) = f.wijk_id {
        q = q.filter(idea::wijk_id.eq(w));
    }
    if let Some(s) = &f.status {
        q = q.filter(idea::status.eq(s.clone()));
    }
    if let Some(a) = f.author_id {
        q = q.filter(idea::author_id.eq(a));
    }
    if let Some(id) = f.id {
        q = q.filter(idea::id.eq(id));
    }
    q.load(conn)
}

/// An idea's public history, oldest first.
pub fn events_of(conn: &mut PgConnection, idea_id: Uuid) -> QueryResult<Vec<IdeaEventRow>> {
    idea_event::table
        .filter(idea_event::idea_id.eq(idea_id))
        .order((idea_event::at.asc(), idea_event::id.asc()))
        .select(IdeaEventRow::as_select())
        .load(conn)
}

/// An idea, locked for a change.
pub fn idea_for_update(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<IdeaRow>> {
    idea::table
        .find(id)
        .select(IdeaRow::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// Adds a step to an idea's history.
pub fn record_event(
    conn: &mut PgConnection,
    idea_id: Uuid,
    kind: &str,
    status: Option<&str>,
    reason: Option<&str>,
) -> QueryResult<()> {
    diesel::insert_into(idea_event::table)
        .values(IdeaEventRow {
            id: Uuid::now_v7(),
            idea_id,
            at: Utc::now(),
            kind: kind.to_owned(),
            status: status.map(str::to_owned),
            reason: reason.map(str::to_owned),
        })
        .execute(conn)
        .map(|_| ())
}

/// Records that `user` supports `idea`; false if they already did.
pub fn add_support(conn: &mut PgConnection, idea_id: Uuid, user: Uuid) -> QueryResult<bool> {
    diesel::insert_into(idea_support::table)
        .values((
            idea_support::idea_id.eq(idea_id),
            idea_support::user_id.eq(user),
        ))
        .on_conflict_do_nothing()
        .execute(conn)
        .map(|n| n == 1)
}

/// Withdraws `user`'s support; false if there was none.
pub fn remove_support(conn: &mut PgConnection, idea_id: Uuid, user: Uuid) -> QueryResult<bool> {
    diesel::delete(
        idea_support::table
            .filter(idea_support::idea_id.eq(idea_id))
            .filter(idea_support::user_id.eq(user)),
    )
    .execute(conn)
    .map(|n| n == 1)
}

/// Stores a new idea.
pub fn insert_idea(conn: &mut PgConnection, row: &IdeaRow) -> QueryResult<()> {
    diesel::insert_into(idea::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// What staff decided about an idea: its status with the public reason, and the idea it was
/// merged into or the service it was referred to.
#[derive(Debug, Clone, PartialEq)]
pub struct IdeaStatusChange<'a> {
    pub status: &'a str,
    pub reason: Option<&'a str>,
    pub merged_into: Option<Uuid>,
    pub referred_to: Option<&'a str>,
}

/// Sets an idea's status.
pub fn set_idea_status(
    conn: &mut PgConnection,
    id: Uuid,
    change: &IdeaStatusChange<'_>,
) -> QueryResult<()> {
    diesel::update(idea::table.find(id))
        .set((
            idea::status.eq(change.status),
            idea::status_reason.eq(change.reason),
            idea::merged_into.eq(change.merged_into),
            idea::referred_to.eq(change.referred_to),
            idea::updated_at.eq(Utc::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Hides an idea with a public reason, or (`None`) shows it again.
pub fn set_hidden_reason(
    conn: &mut PgConnection,
    id: Uuid,
    reason: Option<&str>,
) -> QueryResult<()> {
    diesel::update(idea::table.find(id))
        .set((
            idea::hidden_reason.eq(reason),
            idea::updated_at.eq(Utc::now()),
        ))
        .execute(conn)
        .map(|_| ())
}
