//! Tallies of real Pabulib elections against pabutools' outcomes and the official ones, and
//! properties of the rules and the format on random small elections.
#![expect(clippy::expect_used, reason = "tests fail loudly")]

use std::collections::BTreeSet;
use std::path::PathBuf;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Zero;
use proptest::prelude::*;
use samenstad_domain::pabulib::{
    self, Amount, Decimal, Election, ParseErrorKind, Project, VoteType, Voter,
};
use samenstad_domain::tally::{self, GreedyScore};
use serde_json::Value;

const FILES: [&str; 5] = [
    "Netherlands_Amsterdam_166.pb",
    "Netherlands_Amsterdam_304.pb",
    "Poland_Katowice_2023_Zarzecze.pb",
    "Poland_Krakow_2024_Grzegorzki.pb",
    "Poland_Wieliczka_2023_Green_Budget.pb",
];

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/pabulib")
}

fn election(file: &str) -> Election {
    let text = std::fs::read_to_string(data_dir().join(file)).expect("test data is readable");
    pabulib::parse(&text).unwrap_or_else(|error| panic!("{file}: {error}"))
}

fn expected() -> Value {
    let text =
        std::fs::read_to_string(data_dir().join("expected.json")).expect("expected.json exists");
    serde_json::from_str(&text).expect("expected.json is JSON")
}

fn ids(election: &Election, funded: &[usize]) -> Vec<String> {
    funded
        .iter()
        .map(|&p| election.projects[p].id.clone())
        .collect()
}

fn id_set(election: &Election, funded: &[usize]) -> BTreeSet<String> {
    ids(election, funded).into_iter().collect()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .expect("a list of project ids")
        .iter()
        .map(|id| id.as_str().expect("a project id").to_owned())
        .collect()
}

fn official(election: &Election) -> BTreeSet<String> {
    election
        .projects
        .iter()
        .filter(|p| p.selected == Some(true))
        .map(|p| p.id.clone())
        .collect()
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|&id| id.to_owned()).collect()
}

/// Checks a rule against one outcome of expected.json: same projects in the same order, and
/// (redundantly, for a readable failure) the same set.
fn assert_matches_reference(rule: &str, compute: fn(&Election) -> Vec<usize>) {
    let expected = expected();
    for file in FILES {
        let election = election(file);
        let reference = &expected["files"][file][rule];
        let ours = compute(&election);
        assert_eq!(
            id_set(&election, &ours),
            strings(&reference["set"]).into_iter().collect(),
            "{file}: {rule}: funded projects"
        );
        assert_eq!(
            ids(&election, &ours),
            strings(&reference["order"]),
            "{file}: {rule}: selection order"
        );
    }
}

#[test]
fn every_file_parses_with_its_declared_sizes_and_round_trips() {
    for file in FILES {
        let election = election(file);
        let meta = |key: &str| {
            election
                .meta
                .iter()
                .find(|(k, _)| k == key)
                .and_then(|(_, value)| value.parse::<usize>().ok())
        };
        assert_eq!(
            meta("num_projects"),
            Some(election.projects.len()),
            "{file}"
        );
        assert_eq!(meta("num_votes"), Some(election.voters.len()), "{file}");
        let written = pabulib::write(&election);
        assert_eq!(pabulib::parse(&written).as_ref(), Ok(&election), "{file}");
    }
}

#[test]
fn money_ballot_points_and_rankings_are_read_exactly() {
    let krakow = election("Poland_Krakow_2024_Grzegorzki.pb");
    assert_eq!(krakow.budget, Amount::from_cents(153_890_442));
    assert_eq!(krakow.vote_type, VoteType::Ordinal);
    let ranking: Vec<&str> = krakow.voters[0]
        .ballot
        .iter()
        .map(|&(p, _)| krakow.projects[p].id.as_str())
        .collect();
    assert_eq!(ranking, ["BO.D2.11/24", "BO.D2.24/24", "BO.D2.21/24"]);

    let katowice = election("Poland_Katowice_2023_Zarzecze.pb");
    assert_eq!(katowice.vote_type, VoteType::Cumulative);
    let points: Vec<(&str, u64)> = katowice.voters[6]
        .ballot
        .iter()
        .map(|&(p, points)| (katowice.projects[p].id.as_str(), points))
        .collect();
    assert_eq!(points, [("L20/02/X", 2), ("L20/01/X", 1)]);
    assert_eq!(
        katowice.voters[6].extra,
        [
            ("age".to_owned(), "34".to_owned()),
            ("sex".to_owned(), "M".to_owned())
        ]
    );
    // The file's `votes` and `score` columns are the supporters and the points the ballots give.
    for (index, project) in katowice.projects.iter().enumerate() {
        let listed = katowice
            .voters
            .iter()
            .flat_map(|v| &v.ballot)
            .filter(|(p, _)| *p == index);
        let points: u64 = listed.clone().map(|(_, points)| points).sum();
        assert_eq!(project.votes, Some(listed.count() as u64), "{}", project.id);
        assert_eq!(
            project.score.as_ref().map(Decimal::as_str),
            Some(points.to_string().as_str())
        );
    }
}

#[test]
fn greedy_matches_pabutools_on_every_file() {
    assert_matches_reference("greedy_cost_sat", |e| tally::greedy(e, GreedyScore::Votes));
}

#[test]
fn mes_add1_matches_pabutools_on_every_file() {
    assert_matches_reference("mes_add1_cost_sat", tally::mes_add1);
}

#[test]
fn mes_add1_comparison_matches_the_reference_on_every_file() {
    assert_matches_reference("mes_add1_comparison", tally::mes_add1_comparison);
}

#[test]
fn expected_json_records_the_official_outcomes_of_the_files() {
    let expected = expected();
    for file in FILES {
        let election = election(file);
        let recorded = &expected["files"][file]["official_selected"];
        if election.projects.iter().any(|p| p.selected.is_some()) {
            assert_eq!(
                strings(recorded).into_iter().collect::<BTreeSet<_>>(),
                official(&election)
            );
        } else {
            assert!(recorded.is_null(), "{file}");
        }
    }
    assert!(expected["pabutools_version"].is_string());
}

#[test]
fn katowice_greedy_reproduces_the_official_outcome() {
    let katowice = election("Poland_Katowice_2023_Zarzecze.pb");
    for score in [
        GreedyScore::Votes,
        GreedyScore::Points,
        GreedyScore::FileScore,
    ] {
        let funded = tally::greedy(&katowice, score);
        assert_eq!(id_set(&katowice, &funded), official(&katowice), "{score:?}");
    }
    // By points (the file's score), the official ranking; by supporters, two projects swap.
    let by_points = [
        "L20/01/X", "L20/04/X", "L20/02/X", "L20/07/X", "L20/03/X", "L20/09/X",
    ];
    assert_eq!(
        ids(&katowice, &tally::greedy(&katowice, GreedyScore::Points)),
        by_points
    );
}

#[test]
fn krakow_greedy_by_file_score_reproduces_the_official_outcome_and_by_votes_does_not() {
    let krakow = election("Poland_Krakow_2024_Grzegorzki.pb");
    let by_score = tally::greedy(&krakow, GreedyScore::FileScore);
    assert_eq!(id_set(&krakow, &by_score), official(&krakow));
    let by_votes = id_set(&krakow, &tally::greedy(&krakow, GreedyScore::Votes));
    let official = official(&krakow);
    assert_eq!(
        by_votes.difference(&official).collect::<Vec<_>>(),
        ["BO.D2.8/24"]
    );
    assert_eq!(
        official.difference(&by_votes).collect::<Vec<_>>(),
        ["BO.D2.37/24", "BO.D2.40/24"]
    );
}

#[test]
fn wieliczka_mes_add1_stops_at_an_earlier_exhaustive_outcome_than_the_official_one() {
    let wieliczka = election("Poland_Wieliczka_2023_Green_Budget.pb");
    let funded = id_set(&wieliczka, &tally::mes_add1(&wieliczka));
    let official = official(&wieliczka);
    assert_eq!((funded.len(), official.len()), (31, 30));
    assert_eq!(
        funded
            .difference(&official)
            .cloned()
            .collect::<BTreeSet<_>>(),
        set(&["66", "67"])
    );
    assert_eq!(
        official
            .difference(&funded)
            .cloned()
            .collect::<BTreeSet<_>>(),
        set(&["46"])
    );
}

#[test]
fn wieliczka_add1_comparison_reproduces_the_official_outcome() {
    let wieliczka = election("Poland_Wieliczka_2023_Green_Budget.pb");
    let funded = tally::mes_add1_comparison(&wieliczka);
    assert_eq!(id_set(&wieliczka, &funded), official(&wieliczka));
    let cost: u64 = funded
        .iter()
        .map(|&p| wieliczka.projects[p].cost.cents())
        .sum();
    assert_eq!(
        cost, 99_507_900,
        "995 079 zł, as published on equalshares.net"
    );
}

#[test]
fn a_vote_for_an_unknown_project_is_reported_with_its_line() {
    let text = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n\
                a;60\nb;50\nVOTES\nvoter_id;vote\n1;a,b\n2;b,c\n";
    let error = pabulib::parse(text).expect_err("project c does not exist");
    assert_eq!(error.line, 12);
    assert_eq!(error.kind, ParseErrorKind::UnknownProject("c".to_owned()));
    assert_eq!(error.to_string(), "line 12: vote for unknown project `c`");
}

#[test]
fn a_project_listed_twice_in_an_approval_vote_counts_once_with_a_warning_unless_strict() {
    // As in a published 2022 Warsaw district file: pabutools reads it as one approval.
    let text = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n\
                a;60\nb;50\nVOTES\nvoter_id;vote\n1;a,b,a\n2;b\n";
    let (election, warnings) = pabulib::parse_lenient(text).expect("read as pabutools does");
    assert_eq!(election.voters[0].ballot, [(0, 1), (1, 1)]);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].line, 11);
    assert_eq!(
        warnings[0].kind,
        ParseErrorKind::RepeatedProject("a".to_owned())
    );
    let strict = pabulib::parse(text).expect_err("strict refuses it");
    assert_eq!(
        (strict.line, strict.kind),
        (11, ParseErrorKind::RepeatedProject("a".to_owned()))
    );
    // Where points count, a repeat stays an error: which points would be meant?
    let cumulative = text
        .replace("vote_type;approval", "vote_type;cumulative")
        .replace(
            "voter_id;vote\n1;a,b,a\n2;b",
            "voter_id;vote;points\n1;a,b,a;1,1,1\n2;b;1",
        );
    assert!(pabulib::parse_lenient(&cumulative).is_err());
}

#[test]
fn malformed_files_are_refused_with_the_line_and_the_reason() {
    let head = "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n";
    let cases = [
        (
            format!("{head}a;1.005\nVOTES\nvoter_id;vote\n"),
            7,
            "`cost` is not an amount",
        ),
        (
            format!("{head}a;60\na;50\nVOTES\nvoter_id;vote\n"),
            8,
            "duplicate project id `a`",
        ),
        (format!("{head}a;60\n"), 8, "missing the VOTES section"),
        (format!("{head}a;60;x\n"), 7, "expected 2 fields, found 3"),
        (
            format!("{head}a;60\nVOTES\nvoter_id;vote\n1;a,a\n"),
            10,
            "appears twice",
        ),
        (
            "META\nkey;value\nvote_type;approval\nPROJECTS\n".to_owned(),
            4,
            "META lacks `budget`",
        ),
        (
            head.replace("approval", "choose-1"),
            4,
            "unsupported vote_type `choose-1`",
        ),
        (
            format!("{head}a;60\nVOTES\nvoter;vote\n"),
            9,
            "lacks the column `voter_id`",
        ),
    ];
    for (text, line, reason) in cases {
        let error = pabulib::parse(&text).expect_err(reason);
        assert_eq!(error.line, line, "{error}");
        assert!(error.to_string().contains(reason), "{error}");
    }
}

#[test]
fn quoted_fields_with_separators_are_read() {
    let text = "META\nkey;value\nbudget;10\nvote_type;approval\ndescription;\"a;b \"\"c\"\"\"\n\
                PROJECTS\nproject_id;cost;name\nx;5;\"Plac; \"\"Zielony\"\"\"\nVOTES\nvoter_id;vote\n1;x\n";
    let election = pabulib::parse(text).expect("valid");
    assert_eq!(
        election.meta,
        [("description".to_owned(), "a;b \"c\"".to_owned())]
    );
    assert_eq!(election.projects[0].name, "Plac; \"Zielony\"");
    assert_eq!(pabulib::parse(&pabulib::write(&election)), Ok(election));
}

/// A straightforward MES with cost utilities, one exact fraction per voter and every project
/// priced anew each round, and pabutools' add1 loop without shortcuts: the reference for the
/// optimised implementation on random elections.
fn naive_mes_add1(election: &Election) -> Vec<usize> {
    let voters = election.voters.len();
    let budget = BigInt::from(election.budget.cents());
    let cost = |p: usize| BigInt::from(election.projects[p].cost.cents());
    let supporters: Vec<Vec<usize>> = (0..election.projects.len())
        .map(|p| {
            (0..voters)
                .filter(|&v| election.voters[v].ballot.iter().any(|&(q, _)| q == p))
                .collect()
        })
        .collect();
    let candidates: Vec<usize> = (0..election.projects.len())
        .filter(|&p| !supporters[p].is_empty() && !cost(p).is_zero())
        .collect();
    let run = |endowment: BigRational| -> Vec<usize> {
        let mut wallet = vec![endowment; voters];
        let mut funded: Vec<usize> = Vec::new();
        loop {
            let mut best: Option<(BigRational, usize, BigRational)> = None;
            for &p in candidates.iter().filter(|p| !funded.contains(p)) {
                let mut payers = supporters[p].clone();
                payers.sort_by(|&a, &b| wallet[a].cmp(&wallet[b]));
                let mut left = BigRational::from_integer(cost(p));
                let mut count = payers.len();
                for &v in &payers {
                    let share = &left / BigRational::from_integer(count.into());
                    if share <= wallet[v] {
                        let rho = &share / BigRational::from_integer(cost(p));
                        let better = best.as_ref().is_none_or(|(r, q, _)| {
                            rho < *r
                                || (rho == *r && election.projects[p].id < election.projects[*q].id)
                        });
                        if better {
                            best = Some((rho, p, share));
                        }
                        break;
                    }
                    left -= &wallet[v];
                    count -= 1;
                }
            }
            let Some((_, p, share)) = best else {
                return funded;
            };
            for &v in &supporters[p] {
                wallet[v] = if wallet[v] <= share {
                    BigRational::zero()
                } else {
                    &wallet[v] - &share
                };
            }
            funded.push(p);
        }
    };
    if voters == 0 {
        return Vec::new();
    }
    let total = |funded: &[usize]| funded.iter().map(|&p| cost(p)).sum::<BigInt>();
    let mut previous = Vec::new();
    let mut step = BigInt::zero();
    while &step * 100 <= budget {
        let endowment = BigRational::new(&budget + &step * 100 * voters, voters.into());
        let outcome = run(endowment);
        let spent = total(&outcome);
        if spent > budget {
            return previous;
        }
        let exhaustive =
            (0..election.projects.len()).all(|p| outcome.contains(&p) || &spent + cost(p) > budget);
        if exhaustive {
            return outcome;
        }
        previous = outcome;
        step += 1;
    }
    previous
}

fn text() -> impl Strategy<Value = String> {
    let chars = prop::sample::select(vec!['a', 'Z', 'ł', ' ', ';', '"', ',', '7', '.', '\n']);
    prop::collection::vec(chars, 1..8).prop_map(|chars| {
        let text = String::from_iter(chars);
        let text = text.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("none") {
            "x".to_owned()
        } else {
            text.to_owned()
        }
    })
}

prop_compose! {
    fn project(id: String)(
        cost in 0_u64..4_000,
        name in prop_oneof![Just(String::new()), text()],
        category in proptest::option::of(text()),
        votes in proptest::option::of(0_u64..1_000),
        score in proptest::option::of((-50_i32..500, any::<bool>())),
        selected in proptest::option::of(any::<bool>()),
        latitude in proptest::option::of(text()),
        district in proptest::option::of(text()),
    ) -> Project {
        let extra = [("latitude", latitude), ("district", district)]
            .into_iter()
            .filter_map(|(key, value)| value.map(|v| (key.to_owned(), v)))
            .collect();
        Project {
            id: id.clone(),
            cost: Amount::from_cents(cost),
            name,
            category,
            votes,
            score: score.and_then(|(s, half)| Decimal::parse(&if half { format!("{s}.5") } else { s.to_string() })),
            selected,
            extra,
        }
    }
}

fn small_election() -> impl Strategy<Value = Election> {
    let vote_type = prop::sample::select(vec![
        VoteType::Approval,
        VoteType::Cumulative,
        VoteType::Ordinal,
        VoteType::Scoring,
    ]);
    // Ids such as "10" and "9" exercise the code-point order of the tie-breaking.
    let ids = prop::sample::subsequence(
        (1..=12)
            .map(|n| (n * 7 % 13).to_string())
            .collect::<Vec<_>>(),
        1..7,
    )
    .prop_shuffle();
    (
        ids,
        vote_type,
        0_u64..12_000,
        prop::collection::vec((text(), text()), 0..3),
    )
        .prop_flat_map(|(ids, vote_type, budget, meta)| {
            let projects: Vec<_> = ids.iter().cloned().map(project).collect();
            let count = ids.len();
            let ballot = prop::sample::subsequence((0..count).collect::<Vec<_>>(), 0..=count)
                .prop_shuffle()
                .prop_flat_map(move |listed| {
                    let n = listed.len();
                    let points = if matches!(vote_type, VoteType::Cumulative | VoteType::Scoring) {
                        prop::collection::vec(0_u64..5, n).boxed()
                    } else {
                        Just(vec![1; n]).boxed()
                    };
                    points.prop_map(move |points| {
                        listed.iter().copied().zip(points).collect::<Vec<_>>()
                    })
                });
            let voters = prop::collection::vec((ballot, proptest::option::of(text())), 0..25);
            (projects, voters).prop_map(move |(projects, voters)| Election {
                meta: meta
                    .clone()
                    .into_iter()
                    .map(|(k, v)| (format!("k{k}"), v))
                    .collect(),
                budget: Amount::from_cents(budget),
                vote_type,
                projects,
                voters: voters
                    .into_iter()
                    .enumerate()
                    .map(|(i, (ballot, sex))| Voter {
                        id: format!("v{i}"),
                        ballot,
                        extra: sex.map(|s| ("sex".to_owned(), s)).into_iter().collect(),
                    })
                    .collect(),
            })
        })
}

fn cost_of(election: &Election, funded: &[usize]) -> u64 {
    funded
        .iter()
        .map(|&p| election.projects[p].cost.cents())
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn written_elections_parse_back_equal(election in small_election()) {
        prop_assert_eq!(pabulib::parse(&pabulib::write(&election)), Ok(election));
    }

    #[test]
    fn no_rule_exceeds_the_budget(election in small_election()) {
        let budget = election.budget.cents();
        for score in [GreedyScore::Votes, GreedyScore::Points, GreedyScore::FileScore] {
            prop_assert!(cost_of(&election, &tally::greedy(&election, score)) <= budget);
        }
        prop_assert!(cost_of(&election, &tally::mes_add1(&election)) <= budget);
        prop_assert!(cost_of(&election, &tally::mes_add1_comparison(&election)) <= budget);
    }

    #[test]
    fn the_order_of_the_ballots_does_not_change_any_outcome(
        (election, shuffled) in small_election().prop_flat_map(|election| {
            let voters = Just(election.voters.clone()).prop_shuffle();
            (Just(election), voters)
        })
    ) {
        let permuted = Election { voters: shuffled, ..election.clone() };
        prop_assert_eq!(tally::greedy(&election, GreedyScore::Votes), tally::greedy(&permuted, GreedyScore::Votes));
        prop_assert_eq!(tally::greedy(&election, GreedyScore::Points), tally::greedy(&permuted, GreedyScore::Points));
        prop_assert_eq!(tally::mes_add1(&election), tally::mes_add1(&permuted));
        prop_assert_eq!(tally::mes_add1_comparison(&election), tally::mes_add1_comparison(&permuted));
    }

    #[test]
    fn mes_add1_equals_a_naive_exact_implementation(election in small_election()) {
        prop_assert_eq!(tally::mes_add1(&election), naive_mes_add1(&election));
    }
}

/// A deterministic approval election: `projects` projects of 5 000 to 150 000 units, a budget of
/// 1 000 000, and `voters` voters who approve 1 to 6 projects each, popular projects more often.
fn generated_election(projects: usize, voters: usize) -> Election {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |bound: u64| {
        // xorshift64*
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D) % bound
    };
    let projects: Vec<Project> = (0..projects)
        .map(|i| Project {
            id: (i + 1).to_string(),
            cost: Amount::from_cents((5_000 + next(145_001)) * 100),
            name: format!("Project {}", i + 1),
            category: None,
            votes: None,
            score: None,
            selected: None,
            extra: Vec::new(),
        })
        .collect();
    // Project i is drawn with weight 1 / (i + 4): the first ones are the popular ones.
    let weights: Vec<u64> = (0..projects.len())
        .map(|i| 1_000_000 / (i as u64 + 4))
        .collect();
    let total: u64 = weights.iter().sum();
    let voters = (0..voters)
        .map(|v| {
            let wanted = 1 + next(6) as usize;
            let mut ballot: Vec<(usize, u64)> = Vec::new();
            while ballot.len() < wanted.min(projects.len()) {
                let mut ticket = next(total);
                let pick = weights
                    .iter()
                    .position(|&w| {
                        let hit = ticket < w;
                        ticket = ticket.saturating_sub(w);
                        hit
                    })
                    .unwrap_or(0);
                if ballot.iter().all(|&(p, _)| p != pick) {
                    ballot.push((pick, 1));
                }
            }
            Voter {
                id: v.to_string(),
                ballot,
                extra: Vec::new(),
            }
        })
        .collect();
    Election {
        meta: vec![("description".to_owned(), "generated benchmark".to_owned())],
        budget: Amount::from_cents(100_000_000),
        vote_type: VoteType::Approval,
        projects,
        voters,
    }
}

/// `cargo test -p samenstad-domain --test tally -- --ignored --nocapture`; with
/// `SAMENSTAD_BENCH_PB=/tmp/bench/generated.pb` it also writes the election there, so that
/// `python3 scripts/pabutools-reference.py /tmp/bench` times pabutools on the same one.
#[test]
#[ignore = "benchmark"]
fn mes_add1_on_100_projects_and_100_000_voters() {
    let election = generated_election(100, 100_000);
    if let Ok(path) = std::env::var("SAMENSTAD_BENCH_PB") {
        std::fs::write(&path, pabulib::write(&election)).expect("benchmark file is writable");
    }
    let start = std::time::Instant::now();
    let greedy = tally::greedy(&election, GreedyScore::Votes);
    let greedy_time = start.elapsed();
    let start = std::time::Instant::now();
    let mes = tally::mes_add1(&election);
    let mes_time = start.elapsed();
    let start = std::time::Instant::now();
    let compared = tally::mes_add1_comparison(&election);
    let compared_time = start.elapsed();
    // The ids, in order, to compare with the script's output for the same file.
    eprintln!("greedy: {greedy_time:?}: {:?}", ids(&election, &greedy));
    eprintln!("MES+add1: {mes_time:?}: {:?}", ids(&election, &mes));
    eprintln!(
        "add1-comparison: {compared_time:?}: {:?}",
        ids(&election, &compared)
    );
    assert!(cost_of(&election, &mes) <= election.budget.cents());
}
