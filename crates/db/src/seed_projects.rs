//! The participatory-budget programmes of Gent, as the seed documents describe them
//! (`docs/DESIGN.md` §1 Projects):
//!
//! - **Wijkbudget**: €6.25 million, every wijk between €150,000 and €350,000, projects realised
//!   within two years. Round 1 from September 2020 with 11 wijken (wijkdialoog January–April
//!   2021; Drongen and Muide-Meulestede-Afrikalaan chose with a lottery-drawn wijkpanel),
//!   round 2 from September 2022 with the other 14. Which wijk is in which round comes from
//!   the wijken data (`wijkbudget_round`). Only the dates the documents give are entered.
//! - **Burgerbudget** (2016–2018, archived): 105 proposals put to the vote, 17 realised. Its
//!   total is not in the documents; the Wijkbudget is "five times" it, so €1.25 million.
//!
//! The city's vulnerability index per wijk is not public in the documents: every wijk starts
//! at the neutral 1.0, which staff can change.

use chrono::{NaiveDate, Utc};
use diesel::prelude::*;
use samenstad_types::projects::{ProgrammeStatus, RoundPhase, SelectionMethod};
use uuid::Uuid;

use crate::DbError;
use crate::queries::projects::{PhaseRow, ProgrammeRow, RoundRow, RoundWijkRow};
use crate::schema::{programme, programme_round, round_phase, round_wijk, wijk};

/// Slug of the Wijkbudget programme.
pub const WIJKBUDGET: &str = "wijkbudget";

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, DbError> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| DbError::InvalidData(format!("bad date {y}-{m}-{d}")))
}

/// Inserts the programmes that are missing; returns how many were inserted.
pub fn seed_projects(conn: &mut PgConnection) -> Result<usize, DbError> {
    conn.transaction::<_, DbError, _>(|conn| {
        let existing: Vec<String> = programme::table.select(programme::slug).load(conn)?;
        let mut inserted = 0;
        if !existing.iter().any(|s| s == WIJKBUDGET) {
            seed_wijkbudget(conn)?;
            inserted += 1;
        }
        if !existing.iter().any(|s| s == "burgerbudget") {
            diesel::insert_into(programme::table)
                .values(ProgrammeRow {
                    id: Uuid::now_v7(),
                    slug: "burgerbudget".to_owned(),
                    name: "Burgerbudget".to_owned(),
                    kind: "participatory_budget".to_owned(),
                    status: ProgrammeStatus::Archived,
                    description: "Gents burgerbudget, 2016–2018: bewoners dienden projecten in \
                                  en stemden erover; 105 projecten gingen ter stemming, 17 werden \
                                  geselecteerd en gerealiseerd. Voorganger van het Wijkbudget."
                        .to_owned(),
                    total_cents: 125_000_000,
                    base_cents: 0,
                    cap_cents: 125_000_000,
                    realisation_months: 24,
                    proposals_count: Some(105),
                    realised_count: Some(17),
                    created_at: Utc::now(),
                })
                .execute(conn)?;
            inserted += 1;
        }
        Ok(inserted)
    })
}

fn seed_wijkbudget(conn: &mut PgConnection) -> Result<(), DbError> {
    let programme_id = Uuid::now_v7();
    diesel::insert_into(programme::table)
        .values(ProgrammeRow {
            id: programme_id,
            slug: WIJKBUDGET.to_owned(),
            name: "Wijkbudget".to_owned(),
            kind: "participatory_budget".to_owned(),
            status: ProgrammeStatus::Active,
            description: "Bewoners bedenken, verfijnen en voeren samen projecten uit voor hun \
                          wijk. Elke wijk krijgt tussen 150.000 en 350.000 euro; de projecten \
                          moeten binnen twee jaar gerealiseerd zijn."
                .to_owned(),
            total_cents: 625_000_000,
            base_cents: 15_000_000,
            cap_cents: 35_000_000,
            realisation_months: 24,
            proposals_count: None,
            realised_count: None,
            created_at: Utc::now(),
        })
        .execute(conn)?;
    let rounds = [
        (1i16, "Ronde 1 (vanaf september 2020)"),
        (2, "Ronde 2 (vanaf september 2022)"),
    ];
    let mut ids = Vec::new();
    for (number, name) in rounds {
        let id = Uuid::now_v7();
        diesel::insert_into(programme_round::table)
            .values(RoundRow {
                id,
                programme_id,
                number,
                name: name.to_owned(),
            })
            .execute(conn)?;
        ids.push(id);
    }
    let (r1, r2) = (ids[0], ids[1]);
    let phases = [
        (r1, RoundPhase::CallForIdeas, date(2020, 9, 1)?, None),
        (
            r1,
            RoundPhase::Wijkdialoog,
            date(2021, 1, 1)?,
            Some(date(2021, 4, 30)?),
        ),
        (r2, RoundPhase::CallForIdeas, date(2022, 9, 1)?, None),
    ];
    for (round_id, phase, starts_on, ends_on) in phases {
        diesel::insert_into(round_phase::table)
            .values(PhaseRow {
                round_id,
                phase,
                starts_on,
                ends_on,
            })
            .execute(conn)?;
    }
    let wijken: Vec<(Uuid, i16, Option<i16>)> = wijk::table
        .select((wijk::id, wijk::wijknr, wijk::wijkbudget_round))
        .load(conn)?;
    for (wijk_id, nr, round) in wijken {
        let round_id = match round {
            Some(1) => r1,
            Some(2) => r2,
            _ => continue,
        };
        // Muide-Meulestede-Afrikalaan (10) and Drongen (25) had a lottery-drawn wijkpanel.
        let method = if round == Some(1) && matches!(nr, 10 | 25) {
            SelectionMethod::LotteryPanel
        } else {
            SelectionMethod::Dialogue
        };
        diesel::insert_into(round_wijk::table)
            .values(RoundWijkRow {
                round_id,
                programme_id,
                wijk_id,
                selection_method: method,
                vulnerability_milli: 1000,
            })
            .execute(conn)?;
    }
    Ok(())
}
