//! The subsidy schemes of Gent, as the seed documents and the city's pages describe them
//! (`docs/DESIGN.md` §1 Subsidies). Everything here is data that programme staff can change
//! through the API; values the sources do not give are marked as assumptions.
//!
//! - **Samen aan Zet** (Dienst Ontmoeten en Verbinden with Dienst Welzijn en Gelijke Kansen,
//!   since 1 February 2020): €530,000 a year; flat €150/€300/€500 requested at least 6 weeks
//!   ahead all year; up to €2,000 and up to €5,000 judged by a jury on 6 deadlines a year; a
//!   bewonersgroep adds the signatures of 6 other residents; at most 20% on catering and 20% on
//!   volunteer fees; at most 12 months; a financial report afterwards.
//!   *Assumptions:* the dates of the 6 deadlines (the 15th of every other month from February),
//!   28 days between a deadline and the earliest start of a jury grant, and the jury criteria
//!   (the scheme's three aims plus feasibility).
//! - **Wijk aan Zet** (archived, last call September 2019): up to €2,500, rounds in February and
//!   September, a wijkjury of 9; replaced by Samen aan Zet. Its criteria are the four aims the
//!   documents name (liveability, living together, participation, involvement).
//! - **Fonds Tijdelijke Invullingen** (Dienst Beleidsparticipatie): €300,000 a year for
//!   organisations and residents who use vacant places; "few and open criteria".
//!   *Assumptions:* no per-application maximum below the fund itself, decided by programme
//!   staff without jury, at most 36 months.

use chrono::{Datelike, NaiveDate, Utc};
use diesel::prelude::*;
use samenstad_types::subsidies::{Criterion, SchemeCategory, SchemeRules, SpendingCap};
use uuid::Uuid;

use crate::DbError;
use crate::schema::{subsidy_budget, subsidy_deadline, subsidy_scheme};

/// Key of Samen aan Zet.
pub const SAMEN_AAN_ZET: &str = "samen-aan-zet";

fn category(
    key: &str,
    name: &str,
    description: &str,
    flat: &[i64],
    range: Option<(i64, i64)>,
    review: &str,
    lead_days: i32,
) -> SchemeCategory {
    SchemeCategory {
        key: key.to_owned(),
        name: name.to_owned(),
        description: description.to_owned(),
        flat_amounts_cents: flat.to_vec(),
        min_cents: range.map(|r| r.0),
        max_cents: range.map(|r| r.1),
        review: review.to_owned(),
        lead_days,
    }
}

fn criteria(list: &[(&str, &str, i32)]) -> Vec<Criterion> {
    list.iter()
        .map(|(key, name, weight)| Criterion {
            key: (*key).to_owned(),
            name: (*name).to_owned(),
            weight: *weight,
        })
        .collect()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

fn samen_aan_zet() -> SchemeRules {
    SchemeRules {
        themes: strings(&[
            "ontmoeten",
            "samenleven",
            "emancipatie",
            "welzijn",
            "gelijke_kansen",
            "gezondheid",
        ]),
        applicant_kinds: strings(&["bewonersgroep", "feitelijke_vereniging", "vzw", "other"]),
        categories: vec![
            category(
                "forfait",
                "Forfait €150, €300 of €500",
                "Een vast bedrag voor een kleine activiteit, het hele jaar door aan te vragen, \
                 minstens zes weken vooraf.",
                &[15_000, 30_000, 50_000],
                None,
                "automatic",
                42,
            ),
            category(
                "tot_2000",
                "Tot €2.000",
                "Voor een activiteit of project tot €2.000; een jury adviseert na een van de \
                 zes deadlines per jaar.",
                &[],
                Some((50_001, 200_000)),
                "jury",
                28,
            ),
            category(
                "tot_5000",
                "Tot €5.000",
                "Voor een groter project tot €5.000; een jury adviseert na een van de zes \
                 deadlines per jaar.",
                &[],
                Some((200_001, 500_000)),
                "jury",
                28,
            ),
        ],
        cosignatures_required: 6,
        cosignature_kinds: strings(&["bewonersgroep"]),
        spending_caps: vec![
            SpendingCap {
                kind: "catering".to_owned(),
                max_percent: 20,
            },
            SpendingCap {
                kind: "volunteer_fees".to_owned(),
                max_percent: 20,
            },
        ],
        max_duration_months: 12,
        report_required: true,
        criteria: criteria(&[
            ("ontmoeten", "Brengt mensen samen (ontmoeten)", 3),
            (
                "samenleven",
                "Versterkt het samenleven in de wijk of stad",
                3,
            ),
            ("emancipatie", "Versterkt de deelnemers (emancipatie)", 2),
            ("haalbaarheid", "Haalbaar plan en realistische begroting", 2),
        ]),
    }
}

fn wijk_aan_zet() -> SchemeRules {
    SchemeRules {
        themes: strings(&[
            "leefbaarheid",
            "samenleven",
            "participatie",
            "betrokkenheid",
        ]),
        applicant_kinds: strings(&["bewonersgroep", "feitelijke_vereniging", "vzw"]),
        categories: vec![category(
            "wijkinitiatief",
            "Buurtinitiatief tot €2.500",
            "Een creatief en origineel buurtinitiatief: een wijkkrant, straatfeest, \
             verhalenfestival, buurtfanfare, openluchtboekenmarkt …",
            &[],
            Some((1, 250_000)),
            "jury",
            28,
        )],
        cosignatures_required: 0,
        cosignature_kinds: vec![],
        spending_caps: vec![],
        max_duration_months: 12,
        report_required: true,
        criteria: criteria(&[
            ("leefbaarheid", "Verbetert de leefbaarheid", 1),
            ("samenleven", "Verbetert het samenleven", 1),
            ("participatie", "Verbetert de participatie", 1),
            ("betrokkenheid", "Verbetert de betrokkenheid in de wijk", 1),
        ]),
    }
}

fn tijdelijke_invullingen() -> SchemeRules {
    SchemeRules {
        themes: strings(&[
            "samenleven",
            "cultuur",
            "sport",
            "ondernemen",
            "circulaire_economie",
            "groen",
        ]),
        applicant_kinds: strings(&[
            "bewonersgroep",
            "feitelijke_vereniging",
            "vzw",
            "school",
            "other",
            "person",
        ]),
        categories: vec![category(
            "tijdelijke_invulling",
            "Tijdelijke invulling van een leegstaande plek",
            "Een leegstaand terrein, gebouw of plein tijdelijk gebruiken: snel, licht, \
             omkeerbaar. Hulp bij vergunningen en toelatingen is mogelijk.",
            &[],
            Some((1, 30_000_000)),
            "automatic",
            0,
        )],
        cosignatures_required: 0,
        cosignature_kinds: vec![],
        spending_caps: vec![],
        max_duration_months: 36,
        report_required: true,
        criteria: vec![],
    }
}

struct SeedScheme {
    key: &'static str,
    name: &'static str,
    owner: &'static str,
    purpose: &'static str,
    status: &'static str,
    rules: SchemeRules,
    budget_cents: Option<i64>,
}

fn schemes() -> Vec<SeedScheme> {
    vec![
        SeedScheme {
            key: SAMEN_AAN_ZET,
            name: "Samen aan Zet",
            owner: "Dienst Ontmoeten en Verbinden en Dienst Welzijn en Gelijke Kansen",
            purpose: "Initiatieven die ontmoeten, samenleven en emancipatie stimuleren, op vlak \
                      van samenleven, welzijn, gelijke kansen of gezondheid. Eén breed en \
                      toegankelijk reglement sinds 1 februari 2020, in de plaats van Wijk aan \
                      Zet en de reglementen voor diversiteits- en gezondheidsprojecten.",
            status: "active",
            rules: samen_aan_zet(),
            budget_cents: Some(53_000_000),
        },
        SeedScheme {
            key: "wijk-aan-zet",
            name: "Wijk aan Zet",
            owner: "Dienst Ontmoeten en Verbinden",
            purpose: "Wijksubsidie tot €2.500 voor Gentse bewonersgroepen, twee keer per jaar \
                      (februari en september), beoordeeld door een wijkjury van 9 bewoners, \
                      verenigingen en ambtenaren. Liep 13 jaar; de laatste oproep was in \
                      september 2019. Vervangen door Samen aan Zet.",
            status: "archived",
            rules: wijk_aan_zet(),
            budget_cents: None,
        },
        SeedScheme {
            key: "fonds-tijdelijke-invullingen",
            name: "Fonds Tijdelijke Invullingen",
            owner: "Dienst Beleidsparticipatie",
            purpose: "Voor organisaties en bewoners die leegstaande plekken (terreinen, \
                      gebouwen, pleinen) tijdelijk invullen. De criteria zijn beperkt en open.",
            status: "active",
            rules: tijdelijke_invullingen(),
            budget_cents: Some(30_000_000),
        },
    ]
}

/// The jury deadlines seeded for Samen aan Zet in a year (an assumption; see the module).
pub fn samen_aan_zet_deadlines(year: i32) -> Vec<NaiveDate> {
    [2, 4, 6, 8, 10, 12]
        .iter()
        .filter_map(|m| NaiveDate::from_ymd_opt(year, *m, 15))
        .collect()
}

/// Inserts the schemes that are missing, with budgets and deadlines for this year and the next;
/// returns how many schemes were inserted.
pub fn seed_subsidies(conn: &mut PgConnection) -> Result<usize, DbError> {
    let year = Utc::now().year();
    conn.transaction::<_, DbError, _>(|conn| {
        let existing: Vec<String> = subsidy_scheme::table
            .select(subsidy_scheme::key)
            .load(conn)?;
        let mut ids = Vec::new();
        let mut inserted = 0;
        for s in schemes() {
            if existing.iter().any(|k| k == s.key) {
                continue;
            }
            let id = Uuid::now_v7();
            let rules =
                serde_json::to_value(&s.rules).map_err(|e| DbError::InvalidData(e.to_string()))?;
            diesel::insert_into(subsidy_scheme::table)
                .values((
                    subsidy_scheme::id.eq(id),
                    subsidy_scheme::key.eq(s.key),
                    subsidy_scheme::name.eq(s.name),
                    subsidy_scheme::owner_service.eq(s.owner),
                    subsidy_scheme::purpose.eq(s.purpose),
                    subsidy_scheme::status.eq(s.status),
                    subsidy_scheme::rules.eq(rules),
                ))
                .execute(conn)?;
            if let Some(budget) = s.budget_cents {
                for y in [year, year + 1] {
                    diesel::insert_into(subsidy_budget::table)
                        .values((
                            subsidy_budget::scheme_id.eq(id),
                            subsidy_budget::year.eq(y),
                            subsidy_budget::budget_cents.eq(budget),
                        ))
                        .execute(conn)?;
                }
            }
            if s.key == SAMEN_AAN_ZET {
                for d in samen_aan_zet_deadlines(year)
                    .into_iter()
                    .chain(samen_aan_zet_deadlines(year + 1))
                {
                    diesel::insert_into(subsidy_deadline::table)
                        .values((
                            subsidy_deadline::id.eq(Uuid::now_v7()),
                            subsidy_deadline::scheme_id.eq(id),
                            subsidy_deadline::closes_on.eq(d),
                        ))
                        .execute(conn)?;
                }
            }
            ids.push((s.key, id));
            inserted += 1;
        }
        // Wijk aan Zet was replaced by Samen aan Zet.
        let saz: Option<Uuid> = subsidy_scheme::table
            .filter(subsidy_scheme::key.eq(SAMEN_AAN_ZET))
            .select(subsidy_scheme::id)
            .first(conn)
            .optional()?;
        if ids.iter().any(|(k, _)| *k == "wijk-aan-zet") {
            diesel::update(subsidy_scheme::table.filter(subsidy_scheme::key.eq("wijk-aan-zet")))
                .set(subsidy_scheme::replaced_by.eq(saz))
                .execute(conn)?;
        }
        Ok(inserted)
    })
}
