//! Participatory-budgeting tallies of a parsed Pabulib [`Election`]: greedy and the Method of
//! Equal Shares (MES), exact and deterministic, matching the reference implementation pabutools
//! (`greedy_utilitarian_welfare` and `method_of_equal_shares` with `sat_class=Cost_Sat`).
//!
//! Every rule returns the indices into [`Election::projects`] of the funded projects, in the
//! order the rule picked them.
//!
//! # Whom a project satisfies
//! As pabutools' `Cost_Sat`, a voter supports each project their ballot lists, whatever the vote
//! type, and a funded project is worth its cost to each supporter. Cumulative points and ordinal
//! ranks therefore do not weigh in [`GreedyScore::Votes`] nor in MES: an ordinal ballot counts as
//! the approval of every ranked project, a cumulative one as the approval of every project given
//! points. [`GreedyScore::Points`] is the variant that weighs projects by points, and
//! [`GreedyScore::FileScore`] follows the file's own `score` column (Kraków's official rule).
//!
//! A project that costs nothing is worth nothing under `Cost_Sat`, so, like pabutools, MES never
//! funds it, and greedy by [`GreedyScore::Votes`] or [`GreedyScore::Points`] ranks it last (where
//! it always fits).
//!
//! # Tie-breaking
//! Every tie (equal score in greedy, equal price per unit of satisfaction in MES) goes to the
//! project with the smaller id, comparing ids as strings by Unicode code point (`"10"` before
//! `"9"`): pabutools' default `lexico_tie_breaking`, which orders projects by name, and the name
//! pabutools gives a project is its `project_id`.
//!
//! # Arithmetic
//! Money is counted in cents. MES keeps every voter's remaining budget as an exact fraction over
//! one common big-integer denominator, so that sums and comparisons are integer operations; no
//! floating point enters a decision.
//!
//! # Cost
//! Voters with the same payment history share one budget, so the big-integer work per MES round
//! grows with the number of such classes, not of voters; a project's price is recomputed only
//! when its last price (a lower bound, as budgets only shrink) could still beat the round's best.
//! The "add1" completions run MES once per step of one currency unit per voter; they stop early
//! once the endowment is so large that the outcome can no longer change (every voter can pay an
//! equal split of every project they list).

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Zero};

use crate::pabulib::Election;

/// What [`greedy`] ranks the projects by (highest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GreedyScore {
    /// The number of voters who list the project: pabutools' greedy with `Cost_Sat` (its
    /// satisfaction per unit of cost), for every vote type.
    Votes,
    /// The points the project received (cumulative and scoring ballots; approval and ordinal
    /// ballots give 1 point per listed project, so this equals [`GreedyScore::Votes`] there).
    Points,
    /// The file's `score` column, as Kraków's official rule does; projects without a score come
    /// last.
    FileScore,
}

/// Funds projects in the order of `by`, skipping those that no longer fit the budget.
///
/// With [`GreedyScore::Votes`] this is pabutools' `greedy_utilitarian_welfare(instance, profile,
/// sat_class=Cost_Sat)`: its satisfaction per unit of cost is the number of supporters.
pub fn greedy(election: &Election, by: GreedyScore) -> Vec<usize> {
    let projects = &election.projects;
    let mut order: Vec<usize> = (0..projects.len()).collect();
    match by {
        GreedyScore::Votes => {
            let weight: Vec<u128> = supporters(election)
                .iter()
                .map(|voters| count(voters.len()))
                .collect();
            sort_by_weight(election, &mut order, &weight);
        }
        GreedyScore::Points => {
            let mut weight = vec![0_u128; projects.len()];
            for &(project, points) in election.voters.iter().flat_map(|v| &v.ballot) {
                if let Some(total) = weight.get_mut(project) {
                    *total += u128::from(points);
                }
            }
            sort_by_weight(election, &mut order, &weight);
        }
        GreedyScore::FileScore => order.sort_by(|&a, &b| {
            let score = match (&projects[a].score, &projects[b].score) {
                (Some(score_a), Some(score_b)) => score_b.cmp_value(score_a),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            score.then_with(|| projects[a].id.cmp(&projects[b].id))
        }),
    }
    let mut left = election.budget.cents();
    let mut funded = Vec::new();
    for project in order {
        let cost = projects[project].cost.cents();
        if cost <= left {
            left -= cost;
            funded.push(project);
        }
    }
    funded
}

/// Highest weight first; a free project weighs nothing (its `Cost_Sat` satisfaction is 0).
fn sort_by_weight(election: &Election, order: &mut [usize], weight: &[u128]) {
    let projects = &election.projects;
    let key = |project: usize| {
        if projects[project].cost.cents() == 0 {
            0
        } else {
            weight[project]
        }
    };
    order.sort_by(|&a, &b| {
        key(b)
            .cmp(&key(a))
            .then_with(|| projects[a].id.cmp(&projects[b].id))
    });
}

/// The Method of Equal Shares with cost utilities, completed by "add1": pabutools'
/// `exhaustion_by_budget_increase(instance, profile, method_of_equal_shares,
/// {"sat_class": Cost_Sat}, budget_step=<number of voters>)`.
///
/// Every voter starts with an equal share of the budget and MES runs; while the outcome leaves
/// room for another project, every voter gets one more currency unit and MES runs again. The
/// result is the first outcome to which no project can be added without exceeding the budget
/// or, if the next run overspends first, the last outcome that fits (nothing if even the first
/// run overspends, which cannot happen). As in pabutools, the raise stops once every voter got
/// `budget` more units. An election without voters funds nothing.
///
/// In one MES run every voter starts with the same budget. Round after round, the rule funds
/// the project whose cost its supporters can share with the smallest maximal payment per unit
/// of satisfaction (each pays that much per unit, or all they have left); supporters who
/// together have less than the cost make a project unfundable. Ties go to the smaller id.
pub fn mes_add1(election: &Election) -> Vec<usize> {
    add1(election, &Mes::new(election), Stop::AtExhaustiveOutcome)
}

/// Wieliczka's `equalshares/add1-comparison` (Zielony Milion 2023): the rule of the equalshares.net
/// compute tool (repository `equalshares/equalshares-compute-tool`, `js/methodOfEqualSharesWorker.js`:
/// `equalShares` with completion `add1` and comparison `satisfaction`).
///
/// 1. If all projects together fit the budget, MES runs once; otherwise its "add1" completion
///    runs, which differs from [`mes_add1`] in one point: it does not stop at an exhaustive
///    outcome, it keeps giving every voter one more currency unit as long as the next outcome
///    fits the budget, and keeps the last outcome that fits.
/// 2. Comparison step: every voter counts the projects they voted for in the MES outcome and in
///    the greedy outcome ([`greedy`] by [`GreedyScore::Votes`]); the greedy outcome replaces the
///    MES one only if strictly more voters prefer it.
///
/// The compute tool breaks greedy's ties by the order of the project ids in its input, this
/// function by id as everywhere in this module.
pub fn mes_add1_comparison(election: &Election) -> Vec<usize> {
    let mes = Mes::new(election);
    let everything: u128 = election
        .projects
        .iter()
        .map(|p| u128::from(p.cost.cents()))
        .sum();
    let budget = u128::from(election.budget.cents());
    let shares = if everything <= budget {
        mes.run(budget)
    } else {
        add1(election, &mes, Stop::BeforeOverspending)
    };
    let greedy = greedy(election, GreedyScore::Votes);
    let mut preference = vec![0_i64; election.voters.len()];
    for (outcome, vote) in [(&greedy, 1), (&shares, -1)] {
        for &project in outcome {
            for &voter in &mes.supporters[project] {
                preference[voter] += vote;
            }
        }
    }
    let prefer_greedy = preference.iter().filter(|&&p| p > 0).count();
    let prefer_shares = preference.iter().filter(|&&p| p < 0).count();
    if prefer_greedy > prefer_shares {
        greedy
    } else {
        shares
    }
}

/// When the "add1" completion stops raising the voters' budgets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// At the first exhaustive outcome, or before the first one that overspends (pabutools).
    AtExhaustiveOutcome,
    /// Only before the first outcome that overspends (the equalshares.net compute tool).
    BeforeOverspending,
}

fn add1(election: &Election, mes: &Mes<'_>, stop: Stop) -> Vec<usize> {
    let voters = count(election.voters.len());
    let budget = u128::from(election.budget.cents());
    // From this endowment on, MES funds every supported project at an equal split whatever the
    // endowment (see `Mes::settled_endowment`), so later steps repeat this outcome.
    let settled = mes.settled_endowment().saturating_mul(voters);
    let mut previous = Vec::new();
    let mut step: u128 = 0;
    // pabutools raises the budget limit by `voters` units while it is at most budget × (voters + 1).
    while step.saturating_mul(100) <= budget {
        let endowment = budget.saturating_add(step.saturating_mul(100).saturating_mul(voters));
        let outcome = mes.run(endowment);
        let cost = total_cost(election, &outcome);
        if cost > budget {
            return previous;
        }
        let exhaustive =
            stop == Stop::AtExhaustiveOutcome && is_exhaustive(election, &outcome, cost);
        if exhaustive || endowment >= settled {
            return outcome;
        }
        previous = outcome;
        step += 1;
    }
    previous
}

fn total_cost(election: &Election, funded: &[usize]) -> u128 {
    funded
        .iter()
        .map(|&project| u128::from(election.projects[project].cost.cents()))
        .sum()
}

/// No unfunded project fits the money left (pabutools' `Instance.is_exhaustive`).
fn is_exhaustive(election: &Election, funded: &[usize], cost: u128) -> bool {
    let left = u128::from(election.budget.cents()).saturating_sub(cost);
    let mut is_funded = vec![false; election.projects.len()];
    for &project in funded {
        is_funded[project] = true;
    }
    election
        .projects
        .iter()
        .zip(is_funded)
        .all(|(project, funded)| funded || u128::from(project.cost.cents()) > left)
}

/// For each project, the voters who list it (each once).
fn supporters(election: &Election) -> Vec<Vec<usize>> {
    let mut supporters = vec![Vec::new(); election.projects.len()];
    for (voter, ballot) in election.voters.iter().map(|v| &v.ballot).enumerate() {
        for &(project, _) in ballot {
            // A project listed twice in one ballot is the last one pushed.
            if let Some(listed) = supporters.get_mut(project)
                && listed.last() != Some(&voter)
            {
                listed.push(voter);
            }
        }
    }
    supporters
}

fn count(n: usize) -> u128 {
    u128::try_from(n).unwrap_or(u128::MAX)
}

/// The parts of an election MES needs, computed once for all runs of a completion.
struct Mes<'a> {
    election: &'a Election,
    supporters: Vec<Vec<usize>>,
    /// The projects MES can fund: with a positive cost and at least one supporter.
    candidates: Vec<usize>,
}

impl<'a> Mes<'a> {
    fn new(election: &'a Election) -> Self {
        let supporters = supporters(election);
        let candidates = (0..election.projects.len())
            .filter(|&p| election.projects[p].cost.cents() > 0 && !supporters[p].is_empty())
            .collect();
        Self {
            election,
            supporters,
            candidates,
        }
    }

    fn cost(&self, project: usize) -> u64 {
        self.election.projects[project].cost.cents()
    }

    /// A per-voter endowment (cents) from which MES funds every candidate at an equal split.
    ///
    /// If every voter starts with at least the sum of `cost / supporters` over the candidates
    /// they list, no voter ever runs short: each round every candidate costs its supporters
    /// `cost / supporters` apiece, so MES funds all candidates by decreasing number of
    /// supporters, whatever the endowment. Rounding the shares up keeps the bound safe.
    fn settled_endowment(&self) -> u128 {
        let mut need = vec![0_u128; self.election.voters.len()];
        for &project in &self.candidates {
            let voters = &self.supporters[project];
            let share = u128::from(self.cost(project)).div_ceil(count(voters.len()));
            for &voter in voters {
                need[voter] += share;
            }
        }
        need.into_iter().max().unwrap_or(0)
    }

    /// One run of MES in which every voter starts with `endowment / voters` cents.
    fn run(&self, endowment: u128) -> Vec<usize> {
        let voters = self.election.voters.len();
        if voters == 0 {
            return Vec::new();
        }
        let mut wallets = Wallets::new(voters, BigInt::from(endowment));
        let mut open: Vec<Open> = self
            .candidates
            .iter()
            .map(|&project| Open {
                project,
                // Nobody pays less than an equal split of the cost.
                bound: BigRational::new(
                    BigInt::one(),
                    BigInt::from(self.supporters[project].len()),
                ),
                unfundable: false,
            })
            .collect();
        let mut scratch = Scratch::default();
        let mut funded = Vec::new();
        loop {
            // The bounds only grow as the voters spend, so once a bound exceeds the best price
            // found in this round, no later project can beat it.
            open.sort_by(|a, b| a.bound.cmp(&b.bound));
            let mut best: Option<(Offer, usize)> = None;
            for candidate in &mut open {
                if best
                    .as_ref()
                    .is_some_and(|(offer, _)| candidate.bound > offer.price)
                {
                    break;
                }
                let project = candidate.project;
                let Some(offer) =
                    wallets.offer(self.cost(project), &self.supporters[project], &mut scratch)
                else {
                    candidate.unfundable = true;
                    continue;
                };
                candidate.bound = offer.price.clone();
                let better = best.as_ref().is_none_or(|(best, best_project)| {
                    offer.price.cmp(&best.price).then_with(|| {
                        let ids = |p: usize| &self.election.projects[p].id;
                        ids(project).cmp(ids(*best_project))
                    }) == Ordering::Less
                });
                if better {
                    best = Some((offer, project));
                }
            }
            let Some((offer, winner)) = best else {
                return funded;
            };
            wallets.pay(&self.supporters[winner], &offer);
            funded.push(winner);
            open.retain(|candidate| !candidate.unfundable && candidate.project != winner);
        }
    }
}

/// A project MES may still fund.
struct Open {
    project: usize,
    /// A lower bound on the project's price: its price when last computed.
    bound: BigRational,
    /// Its supporters no longer have its cost between them.
    unfundable: bool,
}

/// What funding a project would take now.
struct Offer {
    /// The largest payment asked of one supporter per unit of satisfaction, here per cent of
    /// cost (pabutools' "affordability"): `share / (payers × denominator × cost)`.
    price: BigRational,
    /// The largest payment times `payers`, over the wallets' denominator.
    share: BigInt,
    /// The supporters who pay the largest payment; the others pay all they have.
    payers: usize,
}

/// Marker for a voter who has spent everything.
const BROKE: usize = usize::MAX;

/// The voters' remaining budgets. Voters with the same history of payments have the same budget
/// and share a class; budgets are numerators over one common denominator.
struct Wallets {
    denominator: BigInt,
    class_budget: Vec<BigInt>,
    class_size: Vec<usize>,
    voter_class: Vec<usize>,
}

/// Buffers reused between offers.
#[derive(Default)]
struct Scratch {
    supporters_in_class: Vec<usize>,
    classes: Vec<usize>,
}

impl Wallets {
    /// `voters` wallets of `endowment / voters` cents each.
    fn new(voters: usize, endowment: BigInt) -> Self {
        Self {
            denominator: BigInt::from(voters),
            class_budget: vec![endowment],
            class_size: vec![voters],
            voter_class: vec![0; voters],
        }
    }

    /// The smallest maximal payment at which `supporters` can pay `cost` (each pays it or all
    /// they have left), or `None` if they cannot pay it at all.
    fn offer(&self, cost: u64, supporters: &[usize], scratch: &mut Scratch) -> Option<Offer> {
        scratch
            .supporters_in_class
            .resize(self.class_budget.len(), 0);
        scratch.classes.clear();
        for &voter in supporters {
            let class = self.voter_class[voter];
            if class != BROKE {
                if scratch.supporters_in_class[class] == 0 {
                    scratch.classes.push(class);
                }
                scratch.supporters_in_class[class] += 1;
            }
        }
        scratch
            .classes
            .sort_by(|&a, &b| self.class_budget[a].cmp(&self.class_budget[b]));
        let price = BigInt::from(cost) * &self.denominator;
        let mut paid = BigInt::zero();
        let mut payers: usize = scratch
            .classes
            .iter()
            .map(|&class| scratch.supporters_in_class[class])
            .sum();
        let mut offer = None;
        // From the poorest up: if the rest split what is left equally, can this class afford
        // its part? Then so can every richer class, and that part is the payment.
        for &class in &scratch.classes {
            let share = &price - &paid;
            let budget = &self.class_budget[class];
            if share <= budget * payers {
                let per_cent = BigInt::from(payers) * &self.denominator * cost;
                offer = Some(Offer {
                    price: BigRational::new(share.clone(), per_cent),
                    share,
                    payers,
                });
                break;
            }
            let size = scratch.supporters_in_class[class];
            paid += budget * size;
            payers -= size;
        }
        for &class in &scratch.classes {
            scratch.supporters_in_class[class] = 0;
        }
        offer
    }

    /// Every supporter pays the offer's payment, or all they have if that is less.
    fn pay(&mut self, supporters: &[usize], offer: &Offer) {
        let payers = BigInt::from(offer.payers);
        let common = offer.share.gcd(&payers);
        let scale = &payers / &common;
        // The payment, over the denominator once scaled by `scale`.
        let payment = &offer.share / &common;
        if !scale.is_one() {
            self.denominator *= &scale;
            for (budget, &size) in self.class_budget.iter_mut().zip(&self.class_size) {
                if size > 0 {
                    *budget *= &scale;
                }
            }
        }
        let mut child = vec![BROKE; self.class_budget.len()];
        for &voter in supporters {
            let class = self.voter_class[voter];
            if class == BROKE {
                continue;
            }
            self.class_size[class] -= 1;
            if self.class_budget[class] <= payment {
                self.voter_class[voter] = BROKE;
                continue;
            }
            if child[class] == BROKE {
                let rest = &self.class_budget[class] - &payment;
                child[class] = self.class_budget.len();
                self.class_budget.push(rest);
                self.class_size.push(0);
            }
            self.class_size[child[class]] += 1;
            self.voter_class[voter] = child[class];
        }
    }
}
