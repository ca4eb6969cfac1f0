//! A reproducible stratified lottery (sortition) for a wijkpanel.
//!
//! Gent's Wijkbudget drew wijkpanels of 20 people plus reserves from the residents who answered
//! an invitation, with quotas on age, gender, spread, origin, household and education. [`draw`]
//! does the same so that anyone can re-run it: the published seed, the candidates (pseudonymous
//! ids with their strata), the panel size, the number of reserves and the quotas always give the
//! same panel, whatever order the candidates are listed in.
//!
//! # Algorithm `samenstad-sortition-v1`
//!
//! 1. **Pool.** Sort the candidates by id, comparing UTF-8 bytes; an id may appear once. The
//!    pool must hold at least `panel_size + reserves` candidates.
//! 2. **Random numbers.** Number k (k = 0, 1, 2, … over the whole draw) is the first 8 bytes,
//!    read as a big-endian unsigned integer, of SHA-256(seed ‖ k), where seed is the seed's
//!    UTF-8 bytes and k is written as 8 bytes big-endian.
//! 3. **Uniform integer below n.** Take the next number x; if x ≥ 2⁶⁴ − (2⁶⁴ mod n), discard
//!    it and take the next one; otherwise the result is x mod n.
//! 4. **Shuffle.** Fisher–Yates on the sorted pool: for i = len − 1 down to 1, swap positions
//!    i and j, j = uniform integer below i + 1.
//! 5. **Fill.** Walk the shuffled pool and take a candidate into the panel if, with the
//!    candidate taken and the candidates after it still available, every attribute that has a
//!    quota can still be completed (the check below). Stop when the panel is full.
//! 6. **Retry.** If the walk ends before the panel is full, shuffle the *sorted* pool again
//!    (step 4, continuing the stream of numbers) and walk again; after 1000 walks the quotas are
//!    reported infeasible.
//! 7. **Result.** The members in the order they were taken; the reserves are the first
//!    `reserves` candidates of the last shuffle that are not members, in shuffle order.
//!    Reserves need not fit the quotas.
//!
//! **The check** of step 5, per attribute named by a quota, with s the seats still empty after
//! taking the candidate. Candidates are grouped by their value of the attribute: a group per
//! quota value, with the quota's min and max, and one group for every other value and for
//! candidates without the attribute, with min 0 and no max. For a group, t is the number of
//! members taken from it and a the number of its candidates after the current one in the
//! shuffle. The attribute can be completed iff every group has t ≤ max and t + a ≥ min, and
//! Σ max(0, min − t) ≤ s ≤ Σ min(a, max − t). This is exact for one attribute; for several it
//! is a necessary condition only, which is why a walk can end short (step 6). Before the first
//! walk the same check with t = 0, a = pool size and s = `panel_size` rejects quotas that can
//! never be met, with the reason.
//!
//! # Fairness
//!
//! The shuffle is uniform and whether a candidate is taken depends only on their values of the
//! quota attributes and on who came before. Swapping two candidates with the same values
//! therefore maps every shuffle to an equally likely one with their roles swapped: within a
//! stratum everybody has the same chance, and without quotas everybody has the same chance,
//! `panel_size / pool size`. Between strata, the chances follow from the quotas.
//!
//! # Replacing a member
//!
//! [`replace`] puts the first reserve with whom the panel meets every quota in the withdrawn
//! member's place, or the first reserve if there is none; that reserve leaves the reserve list.

use std::{collections::BTreeMap, iter};

use sha2::{Digest, Sha256};

/// The version tag of the algorithm above; it changes whenever a draw's output would.
pub const ALGORITHM: &str = "samenstad-sortition-v1";

/// How many walks (step 6) before the quotas are reported infeasible.
const MAX_WALKS: u32 = 1000;

/// Someone who volunteered for the panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// A unique, preferably pseudonymous, id.
    pub id: String,
    /// Attribute → value, e.g. `"age_band" → "30-44"`, `"gender" → "v"`.
    pub strata: BTreeMap<String, String>,
}

/// How many members with `attribute = value` the panel must have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quota {
    /// The attribute, e.g. `"gender"`.
    pub attribute: String,
    /// The value, e.g. `"v"`.
    pub value: String,
    /// At least this many members.
    pub min: u32,
    /// At most this many members.
    pub max: u32,
}

/// What to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawRequest {
    /// The published seed.
    pub seed: String,
    /// The number of members.
    pub panel_size: u32,
    /// The number of reserves.
    pub reserves: u32,
    /// The quotas; at most one per attribute and value.
    pub quotas: Vec<Quota>,
}

/// The outcome of a draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draw {
    /// Candidate ids of the members, in draw order.
    pub members: Vec<String>,
    /// Candidate ids of the reserves, first to be called first.
    pub reserves: Vec<String>,
    /// The version tag of the algorithm, [`ALGORITHM`].
    pub algorithm: &'static str,
}

/// Why a panel cannot be drawn or a member not replaced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SortitionError {
    /// The pool is smaller than the panel plus the reserves.
    #[error(
        "{needed} candidates are needed for the panel and the reserves, the pool has {available}"
    )]
    NotEnoughCandidates {
        /// `panel_size + reserves`.
        needed: usize,
        /// The size of the pool.
        available: usize,
    },
    /// No panel from this pool meets every quota.
    #[error("the quotas cannot be met: {detail}")]
    QuotasInfeasible {
        /// Which quotas, and why.
        detail: String,
    },
    /// A quota's min is above its max, or an attribute and value have two quotas.
    #[error("the quota for {attribute} = {value} {reason}")]
    InvalidQuota {
        /// The quota's attribute.
        attribute: String,
        /// The quota's value.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Two candidates have the same id.
    #[error("candidate {id} appears more than once")]
    DuplicateCandidate {
        /// The id.
        id: String,
    },
    /// The member to replace is not on the panel.
    #[error("{id} is not a member of the panel")]
    NotAMember {
        /// The id.
        id: String,
    },
    /// There is no reserve left to replace a member with.
    #[error("there are no reserves left")]
    NoReserves,
    /// The draw names someone who is not among the candidates.
    #[error("{id} is not among the candidates")]
    UnknownCandidate {
        /// The id.
        id: String,
    },
}

/// Draws a panel and its reserves; see the [module documentation](self) for the algorithm.
pub fn draw(candidates: &[Candidate], request: &DrawRequest) -> Result<Draw, SortitionError> {
    let pool = sorted_pool(candidates)?;
    let panel_size = request.panel_size as usize;
    let reserves = request.reserves as usize;
    let needed = panel_size.saturating_add(reserves);
    if pool.len() < needed {
        return Err(SortitionError::NotEnoughCandidates {
            needed,
            available: pool.len(),
        });
    }
    let strata = Strata::new(&pool, &quotas_by_attribute(&request.quotas)?);
    strata.check_initially_feasible(panel_size)?;

    let mut stream = Stream::new(&request.seed);
    for _ in 0..MAX_WALKS {
        let mut order: Vec<&Entry> = strata.entries.iter().collect();
        stream.shuffle(&mut order);
        if let Some(taken) = strata.fill(&order, panel_size) {
            let mut draw = Draw {
                members: Vec::new(),
                reserves: Vec::new(),
                algorithm: ALGORITHM,
            };
            // Positions past the end of `taken` were not reached, so not taken.
            for (entry, taken) in order
                .iter()
                .zip(taken.into_iter().chain(iter::repeat(false)))
            {
                if taken {
                    draw.members.push(entry.id.to_owned());
                } else if draw.reserves.len() < reserves {
                    draw.reserves.push(entry.id.to_owned());
                }
            }
            return Ok(draw);
        }
    }
    Err(SortitionError::QuotasInfeasible {
        detail: format!(
            "no walk out of {MAX_WALKS} filled the panel; quotas on different attributes probably \
             exclude each other"
        ),
    })
}

/// Replaces the member `withdrawn_id` by a reserve, as described in the
/// [module documentation](self).
pub fn replace(
    draw: &Draw,
    withdrawn_id: &str,
    candidates: &[Candidate],
    request: &DrawRequest,
) -> Result<Draw, SortitionError> {
    if !draw.members.iter().any(|id| id == withdrawn_id) {
        return Err(SortitionError::NotAMember {
            id: withdrawn_id.to_owned(),
        });
    }
    if draw.reserves.is_empty() {
        return Err(SortitionError::NoReserves);
    }
    let quotas = quotas_by_attribute(&request.quotas)?;
    let by_id: BTreeMap<&str, &Candidate> = sorted_pool(candidates)?
        .into_iter()
        .map(|candidate| (candidate.id.as_str(), candidate))
        .collect();
    let lookup = |id: &String| {
        by_id
            .get(id.as_str())
            .copied()
            .ok_or_else(|| SortitionError::UnknownCandidate { id: id.clone() })
    };
    let stayers = draw
        .members
        .iter()
        .filter(|id| *id != withdrawn_id)
        .map(lookup);
    let stayers = stayers.collect::<Result<Vec<_>, _>>()?;
    let reserves = draw
        .reserves
        .iter()
        .map(lookup)
        .collect::<Result<Vec<_>, _>>()?;
    let chosen = reserves
        .iter()
        .position(|reserve| meets_quotas(&[stayers.as_slice(), &[*reserve]].concat(), &quotas))
        .unwrap_or(0);
    let mut reserves = draw.reserves.clone();
    let substitute = reserves.remove(chosen);
    let members = draw
        .members
        .iter()
        .map(|id| if id == withdrawn_id { &substitute } else { id });
    Ok(Draw {
        members: members.cloned().collect(),
        reserves,
        algorithm: draw.algorithm,
    })
}

/// The quotas by attribute, then value.
type QuotaMap<'q> = BTreeMap<&'q str, BTreeMap<&'q str, &'q Quota>>;

/// Groups the quotas, rejecting a min above the max and a second quota for the same value.
fn quotas_by_attribute(quotas: &[Quota]) -> Result<QuotaMap<'_>, SortitionError> {
    let mut map = QuotaMap::new();
    for quota in quotas {
        let invalid = |reason| SortitionError::InvalidQuota {
            attribute: quota.attribute.clone(),
            value: quota.value.clone(),
            reason,
        };
        if quota.min > quota.max {
            return Err(invalid("has its min above its max"));
        }
        let values = map.entry(quota.attribute.as_str()).or_default();
        if values.insert(quota.value.as_str(), quota).is_some() {
            return Err(invalid("is given twice"));
        }
    }
    Ok(map)
}

/// The candidates sorted by id, refusing duplicates.
fn sorted_pool(candidates: &[Candidate]) -> Result<Vec<&Candidate>, SortitionError> {
    let mut pool: Vec<&Candidate> = candidates.iter().collect();
    pool.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    match pool.windows(2).find_map(|pair| match pair {
        [a, b] if a.id == b.id => Some(a.id.clone()),
        _ => None,
    }) {
        Some(id) => Err(SortitionError::DuplicateCandidate { id }),
        None => Ok(pool),
    }
}

/// Whether these members meet every quota.
fn meets_quotas(members: &[&Candidate], quotas: &QuotaMap<'_>) -> bool {
    quotas.iter().all(|(attribute, values)| {
        values.iter().all(|(value, quota)| {
            let has_value =
                |member: &&&Candidate| member.strata.get(*attribute).is_some_and(|v| v == value);
            let count = members.iter().filter(has_value).count();
            (quota.min as usize..=quota.max as usize).contains(&count)
        })
    })
}

/// A candidate of the pool with their group per quota attribute.
struct Entry<'c> {
    id: &'c str,
    /// The group, per attribute of [`Strata::attributes`], as an index into its tallies.
    groups: Vec<usize>,
}

/// The quota attributes and their groups (the check of the module documentation).
struct Strata<'c> {
    /// Per attribute: its name and its quota values, in the order of its groups (the last
    /// group, everybody else, has no name).
    attributes: Vec<(&'c str, Vec<&'c str>)>,
    /// Per attribute, per group: the tally before the first candidate is taken.
    tallies: Vec<Vec<Tally>>,
    /// The pool, in id order.
    entries: Vec<Entry<'c>>,
}

/// A group of candidates sharing a value of an attribute.
#[derive(Clone, Copy)]
struct Tally {
    min: usize,
    max: usize,
    /// Members taken from the group.
    taken: usize,
    /// Candidates of the group not yet walked past.
    left: usize,
}

impl<'c> Strata<'c> {
    fn new(pool: &[&'c Candidate], quotas: &QuotaMap<'c>) -> Self {
        let attributes: Vec<(&str, Vec<&str>)> = quotas
            .iter()
            .map(|(attribute, values)| (*attribute, values.keys().copied().collect()))
            .collect();
        let mut tallies: Vec<Vec<Tally>> = quotas
            .values()
            .map(|values| {
                let bounded = values
                    .values()
                    .map(|quota| (quota.min as usize, quota.max as usize));
                bounded
                    .chain([(0, usize::MAX)])
                    .map(|(min, max)| Tally {
                        min,
                        max,
                        taken: 0,
                        left: 0,
                    })
                    .collect()
            })
            .collect();
        let entries = pool
            .iter()
            .map(|candidate| Entry {
                id: &candidate.id,
                groups: attributes
                    .iter()
                    .map(|(attribute, values)| {
                        let value = candidate.strata.get(*attribute).map(String::as_str);
                        value
                            .and_then(|value| values.binary_search(&value).ok())
                            .unwrap_or(values.len())
                    })
                    .collect(),
            })
            .collect::<Vec<_>>();
        for entry in &entries {
            adjust(&mut tallies, &entry.groups, |tally| tally.left += 1);
        }
        Self {
            attributes,
            tallies,
            entries,
        }
    }

    /// Rejects quotas that no panel from the pool can meet, saying why.
    fn check_initially_feasible(&self, panel_size: usize) -> Result<(), SortitionError> {
        for ((attribute, values), tallies) in self.attributes.iter().zip(&self.tallies) {
            for (value, tally) in values.iter().zip(tallies) {
                if tally.left < tally.min {
                    return Err(SortitionError::QuotasInfeasible {
                        detail: format!(
                            "{attribute} = {value} needs at least {} members but only {} \
                             candidates have it",
                            tally.min, tally.left
                        ),
                    });
                }
            }
            if !completable(tallies, panel_size) {
                let lower: usize = tallies.iter().map(|tally| tally.min).sum();
                let upper: usize = tallies.iter().map(|tally| tally.left.min(tally.max)).sum();
                return Err(SortitionError::QuotasInfeasible {
                    detail: format!(
                        "the quotas on {attribute} allow between {lower} and {upper} members, \
                         the panel has {panel_size}"
                    ),
                });
            }
        }
        Ok(())
    }

    /// Step 5: walks `order` and says, per position walked, whether that candidate was taken;
    /// `None` if the panel could not be filled.
    fn fill(&self, order: &[&Entry], panel_size: usize) -> Option<Vec<bool>> {
        let mut tallies = self.tallies.clone();
        let mut taken = Vec::with_capacity(order.len());
        let mut members = 0;
        for entry in order {
            if members == panel_size {
                break;
            }
            adjust(&mut tallies, &entry.groups, |tally| {
                tally.left -= 1;
                tally.taken += 1;
            });
            let seats = panel_size - members - 1;
            let take = tallies.iter().all(|groups| completable(groups, seats));
            if take {
                members += 1;
            } else {
                adjust(&mut tallies, &entry.groups, |tally| tally.taken -= 1);
            }
            taken.push(take);
        }
        (members == panel_size).then_some(taken)
    }
}

/// Applies `change` to the tally of each of a candidate's groups.
fn adjust(tallies: &mut [Vec<Tally>], groups: &[usize], change: impl Fn(&mut Tally)) {
    for (attribute, &group) in tallies.iter_mut().zip(groups) {
        if let Some(tally) = attribute.get_mut(group) {
            change(tally);
        }
    }
}

/// Whether an attribute's groups can still be completed with `seats` more members.
fn completable(groups: &[Tally], seats: usize) -> bool {
    let (mut lower, mut upper) = (0usize, 0usize);
    for tally in groups {
        if tally.taken > tally.max || tally.taken + tally.left < tally.min {
            return false;
        }
        lower += tally.min.saturating_sub(tally.taken);
        upper = upper.saturating_add(tally.left.min(tally.max - tally.taken));
    }
    lower <= seats && seats <= upper
}

/// Steps 2–4: the random numbers of a seed.
struct Stream<'s> {
    seed: &'s [u8],
    counter: u64,
}

impl<'s> Stream<'s> {
    fn new(seed: &'s str) -> Self {
        Self {
            seed: seed.as_bytes(),
            counter: 0,
        }
    }

    /// Step 2: the next number.
    fn next_u64(&mut self) -> u64 {
        let digest = Sha256::new()
            .chain_update(self.seed)
            .chain_update(self.counter.to_be_bytes())
            .finalize();
        self.counter += 1;
        let [b0, b1, b2, b3, b4, b5, b6, b7, ..]: [u8; 32] = digest.into();
        u64::from_be_bytes([b0, b1, b2, b3, b4, b5, b6, b7])
    }

    /// Step 3: a uniform integer in `0..bound`, for `bound ≥ 1`.
    fn below(&mut self, bound: u64) -> u64 {
        // 2⁶⁴ mod bound, without leaving u64.
        let excess = (u64::MAX - bound + 1) % bound;
        loop {
            let number = self.next_u64();
            if number <= u64::MAX - excess {
                return number % bound;
            }
        }
    }

    /// Step 4: Fisher–Yates.
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}
