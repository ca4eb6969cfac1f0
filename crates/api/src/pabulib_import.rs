//! `samenstad pabulib import FILE.pb --wijk N`: a real participatory-budgeting election as an
//! archived programme with one round in that wijk, its projects as proposals, a closed public
//! vote and the ballots (anonymous, `source = import`), so its results can be read and compared
//! in the platform. One transaction: all or nothing.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use diesel::prelude::*;
use samenstad_db::PgConnection;
use samenstad_db::queries::audit::{self, NewAudit};
use samenstad_db::queries::wijken::wijk_id_by_key;
use samenstad_db::schema::{
    ballot, budget_line, programme, programme_round, proposal, round_wijk, vote, vote_option,
};
use samenstad_domain::pabulib::{Election, VoteType};
use uuid::Uuid;

/// What an import created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The programme's slug.
    pub programme: String,
    /// The vote, for `GET /api/v1/projects/votes/{id}/results`.
    pub vote_id: Uuid,
    /// Proposals (the file's projects).
    pub proposals: usize,
    /// Ballots (the file's voters).
    pub ballots: usize,
}

fn meta<'a>(e: &'a Election, key: &str) -> Option<&'a str> {
    e.meta
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// A Pabulib date (`03.04.2023`, `2023-04-03` or a bare year) as the start of that day (UTC).
fn date(text: &str) -> Option<DateTime<Utc>> {
    let day = NaiveDate::parse_from_str(text, "%d.%m.%Y")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .ok()
        .or_else(|| {
            text.parse::<i32>()
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
        })?;
    Some(day.and_hms_opt(0, 0, 0)?.and_utc())
}

fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// Imports `election` into the wijk `wijk` (number or slug).
pub fn import(
    conn: &mut PgConnection,
    election: &Election,
    wijk: &str,
    source: &str,
) -> Result<Imported, String> {
    let description = meta(election, "description").unwrap_or(source).to_owned();
    let slug = format!("pabulib-{}", slug::slugify(&description));
    let budget = i64::try_from(election.budget.cents()).map_err(|e| e.to_string())?;
    if budget <= 0 {
        return Err("the election has no budget".to_owned());
    }
    if let Some(p) = election.projects.iter().find(|p| p.cost.cents() == 0) {
        return Err(format!(
            "project {} costs nothing; proposals need a cost",
            p.id
        ));
    }
    conn.transaction::<_, Failed, _>(|conn| {
        let db = |e: diesel::result::Error| e.to_string();
        let wijk_id = wijk_id_by_key(conn, wijk)
            .map_err(db)?
            .ok_or_else(|| Failed(format!("no wijk `{wijk}`")))?;
        let exists: i64 = programme::table
            .filter(programme::slug.eq(&slug))
            .count()
            .get_result(conn)
            .map_err(db)?;
        if exists > 0 {
            return Err(Failed(format!("`{slug}` was imported already")));
        }
        let programme_id = Uuid::now_v7();
        diesel::insert_into(programme::table)
            .values((
                programme::id.eq(programme_id),
                programme::slug.eq(&slug),
                programme::name.eq(cut(&format!("Pabulib: {description}"), 200)),
                programme::kind.eq("participatory_budget"),
                programme::status.eq("archived"),
                programme::description.eq(cut(
                    &format!("Geïmporteerd uit {source} (Pabulib, pabulib.org)."),
                    4000,
                )),
                programme::total_cents.eq(budget),
                programme::base_cents.eq(0i64),
                programme::cap_cents.eq(budget),
            ))
            .execute(conn)
            .map_err(db)?;
        let round_id = Uuid::now_v7();
        diesel::insert_into(programme_round::table)
            .values((
                programme_round::id.eq(round_id),
                programme_round::programme_id.eq(programme_id),
                programme_round::number.eq(1i16),
                programme_round::name.eq(if description.chars().count() >= 2 {
                    cut(&description, 200)
                } else {
                    "Pabulib".to_owned()
                }),
            ))
            .execute(conn)
            .map_err(db)?;
        diesel::insert_into(round_wijk::table)
            .values((
                round_wijk::round_id.eq(round_id),
                round_wijk::programme_id.eq(programme_id),
                round_wijk::wijk_id.eq(wijk_id),
                round_wijk::selection_method.eq("public_vote"),
            ))
            .execute(conn)
            .map_err(db)?;
        let mut ids = Vec::with_capacity(election.projects.len());
        for p in &election.projects {
            let id = Uuid::now_v7();
            let cost = i64::try_from(p.cost.cents()).map_err(|e| Failed(e.to_string()))?;
            let title = if p.name.chars().count() >= 3 {
                cut(&p.name, 160)
            } else {
                format!("Project {}", p.id)
            };
            diesel::insert_into(proposal::table)
                .values((
                    proposal::id.eq(id),
                    proposal::round_id.eq(round_id),
                    proposal::wijk_id.eq(wijk_id),
                    proposal::title.eq(title),
                    proposal::summary
                        .eq(cut(&format!("Pabulib-project {}: {}", p.id, p.name), 5000)),
                    proposal::owners.eq("Pabulib"),
                    proposal::cost_cents.eq(cost),
                ))
                .execute(conn)
                .map_err(db)?;
            diesel::insert_into(budget_line::table)
                .values((
                    budget_line::proposal_id.eq(id),
                    budget_line::position.eq(0i16),
                    budget_line::description.eq("Kostprijs volgens het Pabulib-bestand"),
                    budget_line::amount_cents.eq(cost),
                ))
                .execute(conn)
                .map_err(db)?;
            ids.push(id);
        }
        let closes = meta(election, "date_end")
            .and_then(date)
            .map(|d| d + Duration::days(1))
            .filter(|d| *d < Utc::now())
            .unwrap_or_else(Utc::now);
        let opens = meta(election, "date_begin")
            .and_then(date)
            .filter(|d| *d < closes)
            .unwrap_or(closes - Duration::days(1));
        let (kind, points) = match election.vote_type {
            VoteType::Cumulative | VoteType::Scoring => (
                "cumulative",
                Some(
                    meta(election, "max_sum_points")
                        .and_then(|v| v.parse::<i32>().ok())
                        .unwrap_or(i32::MAX),
                ),
            ),
            _ if meta(election, "max_sum_cost").is_some() => ("knapsack", None),
            _ => ("approval", None),
        };
        let rule = if meta(election, "rule").is_some_and(|r| r.contains("equalshares")) {
            "mes"
        } else {
            "greedy"
        };
        let vote_id = Uuid::now_v7();
        diesel::insert_into(vote::table)
            .values((
                vote::id.eq(vote_id),
                vote::round_id.eq(round_id),
                vote::wijk_id.eq(wijk_id),
                vote::ballot_kind.eq(kind),
                vote::budget_cents.eq(budget),
                vote::points.eq(points),
                vote::rule.eq(rule),
                vote::min_age.eq(0),
                vote::opens_at.eq(opens),
                vote::closes_at.eq(closes),
            ))
            .execute(conn)
            .map_err(db)?;
        let options: Vec<_> = ids
            .iter()
            .map(|p| {
                (
                    vote_option::vote_id.eq(vote_id),
                    vote_option::proposal_id.eq(*p),
                )
            })
            .collect();
        diesel::insert_into(vote_option::table)
            .values(&options)
            .execute(conn)
            .map_err(db)?;
        let ballots: Vec<_> = election
            .voters
            .iter()
            .map(|v| {
                let choices: BTreeMap<String, u64> = v
                    .ballot
                    .iter()
                    .filter_map(|(i, points)| ids.get(*i).map(|id| (id.to_string(), *points)))
                    .collect();
                (
                    ballot::id.eq(Uuid::now_v7()),
                    ballot::vote_id.eq(vote_id),
                    ballot::source.eq("import"),
                    ballot::paper_ref.eq(cut(&v.id, 60)),
                    ballot::choices.eq(serde_json::to_value(choices).unwrap_or_default()),
                )
            })
            .collect();
        for chunk in ballots.chunks(2000) {
            diesel::insert_into(ballot::table)
                .values(chunk)
                .execute(conn)
                .map_err(db)?;
        }
        audit::record(
            conn,
            NewAudit::by(None, "pabulib.imported")
                .on("vote", vote_id)
                .details(serde_json::json!({
                    "programme": slug, "source": source, "wijk": wijk,
                    "proposals": ids.len(), "ballots": ballots.len(), "via": "cli",
                })),
        )
        .map_err(db)?;
        Ok(Imported {
            programme: slug.clone(),
            vote_id,
            proposals: ids.len(),
            ballots: ballots.len(),
        })
    })
    .map_err(|Failed(message)| message)
}

/// A failed import, with the reason.
struct Failed(String);

impl From<diesel::result::Error> for Failed {
    fn from(e: diesel::result::Error) -> Self {
        Self(e.to_string())
    }
}

impl From<String> for Failed {
    fn from(message: String) -> Self {
        Self(message)
    }
}
