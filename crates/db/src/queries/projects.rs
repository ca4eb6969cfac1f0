//! Participatory-budget programmes, rounds, allocations and ideas.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};
use samenstad_types::projects::{
    IdeaChannel, IdeaEventKind, IdeaStatus, ProgrammeStatus, RoundPhase, SelectionMethod,
};
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
    pub status: ProgrammeStatus,
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
    pub phase: RoundPhase,
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
    pub selection_method: SelectionMethod,
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
    /// What the selected proposals of each (round, wijk) cost.
    pub committed: std::collections::HashMap<(Uuid, Uuid), i64>,
}

impl ProgrammeTree {
    /// Every wijk's allocation, in the order of `wijken` (see `samenstad_domain::allocation`).
    pub fn allocations(
        &self,
    ) -> Result<
        Vec<samenstad_domain::allocation::Allocation>,
        samenstad_domain::allocation::AllocationError,
    > {
        use samenstad_domain::allocation::{AllocationInput, AllocationRule, allocate};
        let p = &self.programme;
        let rule = AllocationRule {
            total_cents: u64::try_from(p.total_cents).unwrap_or(0),
            base_cents: u64::try_from(p.base_cents).unwrap_or(0),
            cap_cents: u64::try_from(p.cap_cents).unwrap_or(0),
        };
        let inputs: Vec<AllocationInput> = self
            .wijken
            .iter()
            .map(|(w, _, _, _, population)| AllocationInput {
                population: u64::try_from(*population).unwrap_or(0),
                vulnerability_milli: u64::try_from(w.vulnerability_milli).unwrap_or(0),
            })
            .collect();
        if inputs.is_empty() {
            return Ok(Vec::new());
        }
        allocate(rule, &inputs)
    }
}

/// The allocation of a wijk in a round, as its programme computes it today; `None` when the
/// wijk takes no part in the round.
pub fn allocation_of(
    conn: &mut PgConnection,
    round_id: Uuid,
    wijk_id: Uuid,
) -> QueryResult<Option<i64>> {
    Ok(allocation_and_left(conn, round_id, wijk_id)?.map(|(allocation, _)| allocation))
}

/// The allocation of a wijk in a round and what is left of it after its selected proposals;
/// `None` when the wijk takes no part in the round.
pub fn allocation_and_left(
    conn: &mut PgConnection,
    round_id: Uuid,
    wijk_id: Uuid,
) -> QueryResult<Option<(i64, i64)>> {
    let programme_id: Uuid = programme_round::table
        .find(round_id)
        .select(programme_round::programme_id)
        .first(conn)?;
    let Some(tree) = programme_tree(conn, &programme_id.to_string())? else {
        return Ok(None);
    };
    let Ok(allocations) = tree.allocations() else {
        return Ok(None);
    };
    let committed = tree
        .committed
        .get(&(round_id, wijk_id))
        .copied()
        .unwrap_or(0);
    Ok(tree
        .wijken
        .iter()
        .zip(allocations)
        .find(|((w, ..), _)| w.round_id == round_id && w.wijk_id == wijk_id)
        .map(|(_, a)| {
            let allocation = i64::try_from(a.amount_cents).unwrap_or(i64::MAX);
            (allocation, allocation - committed)
        }))
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
    let mut committed = std::collections::HashMap::<(Uuid, Uuid), i64>::new();
    let selected: Vec<(Uuid, Uuid, i64)> = crate::schema::proposal::table
        .filter(crate::schema::proposal::round_id.eq_any(&round_ids))
        .filter(crate::schema::proposal::status.eq("selected"))
        .select((
            crate::schema::proposal::round_id,
            crate::schema::proposal::wijk_id,
            crate::schema::proposal::cost_cents,
        ))
        .load(conn)?;
    for (r, w, c) in selected {
        *committed.entry((r, w)).or_insert(0) += c;
    }
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
            let committed = committed
                .iter()
                .filter(|((r, _), _)| rounds.iter().any(|x| x.id == *r))
                .map(|(k, v)| (*k, *v))
                .collect();
            ProgrammeTree {
                programme,
                rounds,
                phases,
                wijken,
                committed,
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
    selection_method: SelectionMethod,
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
        .filter(programme::status.eq(ProgrammeStatus::Active))
        .select(round_wijk::round_id)
        .first(conn)
        .optional()
}

/// How a wijk selects its projects in a round.
pub fn selection_method(
    conn: &mut PgConnection,
    round_id: Uuid,
    wijk_id: Uuid,
) -> QueryResult<SelectionMethod> {
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
    pub channel: IdeaChannel,
    pub title: String,
    pub body: String,
    pub estimated_cost_cents: Option<i64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub status: IdeaStatus,
    pub status_reason: Option<String>,
    pub merged_into: Option<Uuid>,
    pub referred_to: Option<String>,
    pub hidden_reason: Option<String>,
    pub image_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// How to reach the submitter of an idea staff entered (never public).
    pub contact: Option<String>,
}

/// An idea-history row.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = idea_event, check_for_backend(diesel::pg::Pg))]
pub struct IdeaEventRow {
    pub id: Uuid,
    pub idea_id: Uuid,
    pub at: DateTime<Utc>,
    pub kind: IdeaEventKind,
    pub status: Option<IdeaStatus>,
    pub reason: Option<String>,
}

/// An idea as listed: the row, its wijk number and slug, round number, organisation name,
/// supporters and whether the caller supports it.
pub type IdeaListed = (IdeaRow, i16, String, Option<i16>, Option<String>, i64, bool);

/// Which hidden ideas a list holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum HiddenIdeas {
    /// All, hidden or not (one idea's page: what the viewer reads of it is decided later).
    #[default]
    Included,
    /// Visible ones, and hidden ones only for their author and staff of their wijk
    /// (`staff_of: None`: of every wijk).
    ShownTo {
        user: Option<Uuid>,
        staff_of: Option<Vec<Uuid>>,
    },
    /// Only hidden ones (the moderation queue).
    Only,
}

/// Filters of the idea board.
#[derive(Debug, Clone, Default)]
pub struct IdeaFilter {
    pub wijk_id: Option<Uuid>,
    pub status: Option<IdeaStatus>,
    /// Ideas this person submitted or supports.
    pub mine_of: Option<Uuid>,
    pub id: Option<Uuid>,
    pub channel: Option<IdeaChannel>,
    /// Submitted at or after.
    pub from: Option<DateTime<Utc>>,
    /// Submitted before.
    pub before: Option<DateTime<Utc>>,
    pub hidden: HiddenIdeas,
    pub offset: i64,
    pub limit: i64,
}

/// Ideas matching the filter, newest first; `viewer` decides `supported`. One statement.
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
        q = q.filter(idea::status.eq(*s));
    }
    if let Some(c) = &f.channel {
        q = q.filter(idea::channel.eq(*c));
    }
    if let Some(t) = f.from {
        q = q.filter(idea::created_at.ge(t));
    }
    if let Some(t) = f.before {
        q = q.filter(idea::created_at.lt(t));
    }
    if let Some(u) = f.mine_of {
        let supported = idea_support::table
            .filter(idea_support::user_id.eq(u))
            .select(idea_support::idea_id);
        q = q.filter(
            idea::author_id
                .eq(u)
                .or(idea::id.eq_any(supported).nullable()),
        );
    }
    if let Some(id) = f.id {
        q = q.filter(idea::id.eq(id));
    }
    match &f.hidden {
        HiddenIdeas::Included | HiddenIdeas::ShownTo { staff_of: None, .. } => {}
        HiddenIdeas::ShownTo {
            user,
            staff_of: Some(wijken),
        } => {
            q = q.filter(
                idea::hidden_reason
                    .is_null()
                    .nullable()
                    .or(idea::author_id.eq(user.unwrap_or(Uuid::nil())))
                    .or(idea::wijk_id.eq_any(wijken.clone()).nullable()),
            );
        }
        HiddenIdeas::Only => q = q.filter(idea::hidden_reason.is_not_null()),
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
    kind: IdeaEventKind,
    status: Option<IdeaStatus>,
    reason: Option<&str>,
) -> QueryResult<()> {
    diesel::insert_into(idea_event::table)
        .values(IdeaEventRow {
            id: Uuid::now_v7(),
            idea_id,
            at: Utc::now(),
            kind,
            status,
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
    pub status: IdeaStatus,
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

#[cfg(all(test, feature = "testing"))]
mod tests {
    use diesel::dsl::sql;
    use diesel::prelude::*;
    use diesel::sql_types::Text;
    use samenstad_types::projects::IdeaStatus;

    use crate::testing::TestDb;

    #[test]
    fn a_vocabulary_column_reads_its_enum_and_refuses_a_value_it_does_not_know() {
        let db = TestDb::new();
        let mut conn = db.conn();
        let read = |conn: &mut PgConnection, literal: &str| {
            diesel::select(sql::<Text>(literal)).get_result::<IdeaStatus>(conn)
        };
        assert_eq!(
            read(&mut conn, "'in_dialogue'").unwrap(),
            IdeaStatus::InDialogue
        );
        let unknown = format!("{:?}", read(&mut conn, "'approved'").unwrap_err());
        assert!(
            unknown.contains(r#"UnknownValue { vocabulary: "IdeaStatus", value: "approved" }"#),
            "{unknown}"
        );
        let written: String = diesel::select(IdeaStatus::NotRetained.into_sql::<Text>().concat(""))
            .get_result(&mut conn)
            .unwrap();
        assert_eq!(written, "not_retained");
    }
}
