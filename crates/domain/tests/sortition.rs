#![expect(clippy::expect_used, reason = "tests fail loudly")]

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use samenstad_domain::sortition::{
    ALGORITHM, Candidate, Draw, DrawRequest, Quota, SortitionError, draw, replace,
};

fn candidate(id: &str, strata: &[(&str, &str)]) -> Candidate {
    Candidate {
        id: id.to_owned(),
        strata: strata
            .iter()
            .map(|(attribute, value)| ((*attribute).to_owned(), (*value).to_owned()))
            .collect(),
    }
}

fn quota(attribute: &str, value: &str, min: u32, max: u32) -> Quota {
    Quota {
        attribute: attribute.to_owned(),
        value: value.to_owned(),
        min,
        max,
    }
}

fn request(seed: &str, panel_size: u32, reserves: u32, quotas: Vec<Quota>) -> DrawRequest {
    DrawRequest {
        seed: seed.to_owned(),
        panel_size,
        reserves,
        quotas,
    }
}

/// `size` candidates `c000`, `c001`, …, alternately "v" and "m".
fn plain_pool(size: usize) -> Vec<Candidate> {
    (0..size)
        .map(|i| candidate(&format!("c{i:03}"), &[("gender", ["v", "m"][i % 2])]))
        .collect()
}

/// 60 candidates, 30 "v" and 30 "m"; only 4 are 65+, the rest spread over three age bands.
fn wijk_pool() -> Vec<Candidate> {
    (0..60)
        .map(|i| {
            let age = if i < 4 {
                "65+"
            } else {
                ["18-29", "30-44", "45-64"][i % 3]
            };
            candidate(
                &format!("w{i:02}"),
                &[("gender", ["v", "m"][i % 2]), ("age_band", age)],
            )
        })
        .collect()
}

/// Panel 20: 9 to 11 of each gender, at least 3 of each age band.
fn wijk_quotas() -> Vec<Quota> {
    let genders = ["v", "m"].map(|gender| quota("gender", gender, 9, 11));
    let ages = ["18-29", "30-44", "45-64", "65+"].map(|age| quota("age_band", age, 3, 20));
    genders.into_iter().chain(ages).collect()
}

/// Members per value of `attribute`.
fn count_by(ids: &[String], pool: &[Candidate], attribute: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for id in ids {
        let candidate = pool
            .iter()
            .find(|candidate| &candidate.id == id)
            .expect("drawn from the pool");
        *counts
            .entry(candidate.strata[attribute].clone())
            .or_default() += 1;
    }
    counts
}

fn distinct(ids: &[String]) -> BTreeSet<&String> {
    ids.iter().collect()
}

#[test]
fn the_same_seed_gives_the_same_panel_and_another_seed_another() {
    let pool = plain_pool(100);
    let first = draw(&pool, &request("gent-2025", 20, 5, vec![])).expect("drawn");
    let again = draw(&pool, &request("gent-2025", 20, 5, vec![])).expect("drawn");
    let other = draw(&pool, &request("gent-2026", 20, 5, vec![])).expect("drawn");

    assert_eq!(first, again);
    assert_eq!(first.members.len(), 20);
    assert_eq!(distinct(&first.members).len(), 20);
    assert_ne!(distinct(&first.members), distinct(&other.members));
    assert_eq!(first.algorithm, ALGORITHM);
}

#[test]
fn the_order_of_the_candidate_list_does_not_change_the_draw() {
    let pool = wijk_pool();
    let request = request("Muide-Meulestede", 20, 5, wijk_quotas());
    let expected = draw(&pool, &request).expect("drawn");

    let mut reversed = pool.clone();
    reversed.reverse();
    let mut rotated = pool.clone();
    rotated.rotate_left(17);
    assert_eq!(draw(&reversed, &request).expect("drawn"), expected);
    assert_eq!(draw(&rotated, &request).expect("drawn"), expected);
}

#[test]
fn every_draw_meets_the_quotas() {
    let pool = wijk_pool();
    for seed in 0..200 {
        let panel = draw(
            &pool,
            &request(&format!("seed-{seed}"), 20, 5, wijk_quotas()),
        )
        .expect("the quotas can be met");
        assert_eq!(distinct(&panel.members).len(), 20);
        for (gender, count) in count_by(&panel.members, &pool, "gender") {
            assert!((9..=11).contains(&count), "seed-{seed}: {count} × {gender}");
        }
        let ages = count_by(&panel.members, &pool, "age_band");
        assert_eq!(ages.len(), 4, "seed-{seed}: {ages:?}");
        assert!(
            ages.values().all(|&count| count >= 3),
            "seed-{seed}: {ages:?}"
        );
    }
}

#[test]
fn quotas_on_two_attributes_that_constrain_each_other_are_met() {
    // Four of the five seniors are men, and the panel has exactly 2 men and 2 seniors: a walk
    // that takes two men early can dead-end, and the draw walks again.
    let pool: Vec<Candidate> = (0..60)
        .map(|i| {
            let gender = if i < 4 { "m" } else { ["v", "m"][i % 2] };
            let age = if i < 5 {
                "65+"
            } else {
                ["18-29", "30-44", "45-64"][i % 3]
            };
            candidate(
                &format!("w{i:02}"),
                &[("gender", gender), ("age_band", age)],
            )
        })
        .collect();
    let quotas = vec![quota("gender", "m", 2, 2), quota("age_band", "65+", 2, 2)];
    for seed in 0..200 {
        let panel = draw(
            &pool,
            &request(&format!("seed-{seed}"), 20, 5, quotas.clone()),
        )
        .expect("the quotas can be met");
        assert_eq!(
            count_by(&panel.members, &pool, "gender")["m"],
            2,
            "seed-{seed}"
        );
        assert_eq!(
            count_by(&panel.members, &pool, "age_band")["65+"],
            2,
            "seed-{seed}"
        );
    }
}

#[test]
fn quotas_that_no_panel_can_meet_are_refused() {
    let pool = wijk_pool();
    let too_many_women_and_men = vec![quota("gender", "v", 15, 20), quota("gender", "m", 15, 20)];
    let Err(SortitionError::QuotasInfeasible { detail }) =
        draw(&pool, &request("s", 20, 0, too_many_women_and_men))
    else {
        panic!("infeasible quotas must be refused");
    };
    assert!(detail.contains("gender"), "{detail}");

    let too_few_seniors = vec![quota("age_band", "65+", 5, 20)];
    assert!(matches!(
        draw(&pool, &request("s", 20, 0, too_few_seniors)),
        Err(SortitionError::QuotasInfeasible { .. })
    ));

    // Each attribute alone can be met, together not: of the 4 seniors only 2 are women.
    let no_men_but_three_seniors =
        vec![quota("gender", "m", 0, 0), quota("age_band", "65+", 3, 20)];
    assert!(matches!(
        draw(&pool, &request("s", 20, 0, no_men_but_three_seniors)),
        Err(SortitionError::QuotasInfeasible { .. })
    ));
}

#[test]
fn a_pool_smaller_than_panel_and_reserves_is_refused() {
    assert_eq!(
        draw(&plain_pool(20), &request("s", 20, 5, vec![])),
        Err(SortitionError::NotEnoughCandidates {
            needed: 25,
            available: 20
        })
    );
}

#[test]
fn duplicate_candidates_and_contradictory_quotas_are_refused() {
    let mut pool = plain_pool(30);
    pool.push(candidate("c007", &[("gender", "v")]));
    assert_eq!(
        draw(&pool, &request("s", 10, 0, vec![])),
        Err(SortitionError::DuplicateCandidate {
            id: "c007".to_owned()
        })
    );
    for quotas in [
        vec![quota("gender", "v", 6, 5)],
        vec![quota("gender", "v", 1, 5), quota("gender", "v", 2, 5)],
    ] {
        assert!(matches!(
            draw(&plain_pool(30), &request("s", 10, 0, quotas)),
            Err(SortitionError::InvalidQuota { .. })
        ));
    }
}

#[test]
fn reserves_are_ordered_disjoint_from_the_members_and_do_not_change_the_panel() {
    let pool = wijk_pool();
    let five = draw(&pool, &request("Drongen", 20, 5, wijk_quotas())).expect("drawn");
    let eight = draw(&pool, &request("Drongen", 20, 8, wijk_quotas())).expect("drawn");

    assert_eq!(five.members, eight.members);
    assert_eq!(five.reserves.len(), 5);
    assert_eq!(eight.reserves[..5], five.reserves[..]);
    assert_eq!(distinct(&eight.reserves).len(), 8);
    assert!(distinct(&eight.reserves).is_disjoint(&distinct(&eight.members)));
}

#[test]
fn a_withdrawn_member_is_replaced_by_the_first_reserve_that_keeps_the_quotas() {
    let pool = wijk_pool();
    let request = request("Drongen", 20, 8, wijk_quotas());
    let before = draw(&pool, &request).expect("drawn");
    let gender_of = |id: &String| {
        let candidate = pool.iter().find(|candidate| &candidate.id == id);
        candidate.expect("in the pool").strata["gender"].clone()
    };
    // With 9 of a gender, withdrawing one of them needs a reserve of the same gender.
    let (scarce, _) = count_by(&before.members, &pool, "gender")
        .into_iter()
        .min_by_key(|(_, count)| *count)
        .expect("two genders");
    let withdrawn = before
        .members
        .iter()
        .find(|id| gender_of(id) == scarce)
        .expect("a member of the scarcer gender");
    let expected = before
        .reserves
        .iter()
        .position(|id| gender_of(id) == scarce)
        .expect("a reserve of that gender");

    let after = replace(&before, withdrawn, &pool, &request).expect("replaced");

    let seat = before.members.iter().position(|id| id == withdrawn);
    assert_eq!(
        after.members[seat.expect("member")],
        before.reserves[expected]
    );
    let mut reserves = before.reserves.clone();
    reserves.remove(expected);
    assert_eq!(after.reserves, reserves);
    assert_eq!(
        count_by(&after.members, &pool, "gender")[&scarce],
        count_by(&before.members, &pool, "gender")[&scarce]
    );
}

#[test]
fn without_a_reserve_that_keeps_the_quotas_the_first_reserve_is_taken() {
    let pool = plain_pool(10); // c000 v, c001 m, c002 v, …
    let request = request("s", 4, 3, vec![quota("gender", "v", 2, 2)]);
    let ids = |ids: &[&str]| ids.iter().map(|id| (*id).to_owned()).collect::<Vec<_>>();
    let before = Draw {
        members: ids(&["c000", "c001", "c002", "c003"]),
        reserves: ids(&["c005", "c007", "c009"]),
        algorithm: ALGORITHM,
    };

    let after = replace(&before, "c002", &pool, &request).expect("replaced");

    assert_eq!(after.members, ids(&["c000", "c001", "c005", "c003"]));
    assert_eq!(after.reserves, ids(&["c007", "c009"]));
    assert_eq!(
        replace(&before, "c004", &pool, &request),
        Err(SortitionError::NotAMember {
            id: "c004".to_owned()
        })
    );
    let no_reserves = Draw {
        reserves: vec![],
        ..before
    };
    assert_eq!(
        replace(&no_reserves, "c002", &pool, &request),
        Err(SortitionError::NoReserves)
    );
}

/// Pearson's statistic for how often each of the `ids` was drawn, `seats` of them per draw,
/// scaled to follow χ² with `ids.len() − 1` degrees of freedom: a draw picks `seats` of `k`
/// without replacement, so a count's variance is `draws·p·(1 − p)` (p = seats / k) and
/// counts are negatively correlated, which together scale Pearson's sum by `(1 − p)·k/(k − 1)`.
fn chi_square(drawn: &BTreeMap<String, u32>, ids: &[&String], draws: u32, seats: u32) -> f64 {
    let k = ids.len() as f64;
    let p = f64::from(seats) / k;
    let expected = f64::from(draws) * p;
    let pearson: f64 = ids
        .iter()
        .map(|id| {
            let observed = f64::from(drawn.get(*id).copied().unwrap_or(0));
            (observed - expected).powi(2) / expected
        })
        .sum();
    pearson / ((1.0 - p) * k / (k - 1.0))
}

const DRAWS: u32 = 10_000;

/// How often each candidate is drawn with the seeds `seed-0` … `seed-9999`.
fn draw_10_000_times(
    pool: &[Candidate],
    panel_size: u32,
    quotas: &[Quota],
) -> BTreeMap<String, u32> {
    let started = Instant::now();
    let mut drawn = BTreeMap::new();
    for seed in 0..DRAWS {
        let request = request(&format!("seed-{seed}"), panel_size, 0, quotas.to_vec());
        for id in draw(pool, &request).expect("drawn").members {
            *drawn.entry(id).or_default() += 1;
        }
    }
    println!("{DRAWS} draws in {:?}", started.elapsed());
    drawn
}

/// 25 women, `p00`–`p24`, and 15 men, `p25`–`p39`.
fn fairness_pool() -> Vec<Candidate> {
    (0..40)
        .map(|i| {
            candidate(
                &format!("p{i:02}"),
                &[("gender", if i < 25 { "v" } else { "m" })],
            )
        })
        .collect()
}

#[test]
fn within_a_stratum_everybody_has_the_same_chance() {
    let pool = fairness_pool();
    let quotas = [quota("gender", "v", 5, 5), quota("gender", "m", 5, 5)];
    let drawn = draw_10_000_times(&pool, 10, &quotas);

    // The 99.99th percentiles of χ² with 24 and 14 degrees of freedom. These seeds give
    // 47.3 for "v" (an upper-tail batch, p ≈ 0.003: seeds 10000–39999 give 22, 16 and 26)
    // and 9.9 for "m".
    for (gender, critical) in [("v", 58.61), ("m", 42.58)] {
        let ids: Vec<&String> = pool
            .iter()
            .filter(|candidate| candidate.strata["gender"] == gender)
            .map(|candidate| &candidate.id)
            .collect();
        let statistic = chi_square(&drawn, &ids, DRAWS, 5);
        println!(
            "gender {gender}: χ² = {statistic:.2} with {} degrees of freedom",
            ids.len() - 1
        );
        assert!(statistic < critical, "gender {gender}: χ² = {statistic:.2}");
    }
}

#[test]
fn without_quotas_everybody_has_the_same_chance() {
    let pool = fairness_pool();
    let drawn = draw_10_000_times(&pool, 10, &[]);

    let ids: Vec<&String> = pool.iter().map(|candidate| &candidate.id).collect();
    let statistic = chi_square(&drawn, &ids, DRAWS, 10);
    println!("χ² = {statistic:.2} with 39 degrees of freedom");
    // The 99.99th percentile of χ² with 39 degrees of freedom.
    assert!(statistic < 80.65, "χ² = {statistic:.2}");
}

#[test]
fn a_fixed_pool_and_seed_give_a_fixed_panel() {
    let pool: Vec<Candidate> = [
        ("anna", "v", "18-29"),
        ("bert", "m", "30-44"),
        ("chloé", "v", "45-64"),
        ("dirk", "m", "65+"),
        ("els", "v", "30-44"),
        ("frank", "m", "18-29"),
        ("greet", "v", "65+"),
        ("hasan", "m", "45-64"),
        ("ilse", "v", "30-44"),
        ("jamal", "m", "18-29"),
        ("karima", "v", "45-64"),
        ("lucas", "m", "30-44"),
    ]
    .iter()
    .map(|(id, gender, age)| candidate(id, &[("gender", gender), ("age_band", age)]))
    .collect();
    let quotas = vec![
        quota("gender", "v", 3, 3),
        quota("gender", "m", 3, 3),
        quota("age_band", "65+", 1, 2),
    ];

    let panel = draw(&pool, &request("Wijkbudget Drongen 2025", 6, 3, quotas)).expect("drawn");

    // Computed with an independent re-implementation of the module documentation. If this
    // changes, so must `ALGORITHM`.
    assert_eq!(ALGORITHM, "samenstad-sortition-v1");
    assert_eq!(
        panel.members,
        ["frank", "lucas", "hasan", "karima", "anna", "greet"]
    );
    assert_eq!(panel.reserves, ["bert", "jamal", "dirk"]);
}
