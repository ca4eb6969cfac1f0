//! How a participatory-budget programme divides its total over the wijken.
//!
//! Gent's Wijkbudget gave every wijk a base amount of €150,000 and more to wijken with more
//! inhabitants and more social vulnerability, at most €350,000, €6.25 million in all. The
//! city did not publish its formula; this is ours, with every parameter configurable:
//!
//! 1. every wijk gets the **base**;
//! 2. the rest (`total − n × base`) is shared in proportion to a **weight**,
//!    `population × vulnerability index` (an index of 1 is neutral, 1.2 gives a fifth more);
//! 3. a wijk whose amount would pass the **cap** gets the cap, and its excess is shared again
//!    over the other wijken by the same weights, until nobody passes it ("water-filling");
//! 4. amounts are in cents and sum to the total exactly: each wijk gets the floor of its exact
//!    share, the leftover cents go one by one to the largest remainders (ties: the earlier
//!    wijk in the input).
//!
//! Integer arithmetic throughout (u128), so the result is the same on every machine.

use std::fmt;

/// The parameters of a programme's allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllocationRule {
    /// What the programme divides, in cents.
    pub total_cents: u64,
    /// What every wijk gets at least, in cents.
    pub base_cents: u64,
    /// What no wijk gets more than, in cents.
    pub cap_cents: u64,
}

/// One wijk's inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllocationInput {
    /// Inhabitants.
    pub population: u64,
    /// Vulnerability index in thousandths (1000 = neutral).
    pub vulnerability_milli: u64,
}

impl AllocationInput {
    /// `population × vulnerability index` (in thousandths).
    pub fn weight(self) -> u128 {
        u128::from(self.population) * u128::from(self.vulnerability_milli)
    }
}

/// One wijk's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Allocation {
    /// The amount, in cents.
    pub amount_cents: u64,
    /// `population × vulnerability index` in thousandths: the wijk's weight in step 2.
    pub weight: u128,
    /// Whether the cap limited this wijk.
    pub capped: bool,
}

/// Why a rule cannot be applied to these wijken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllocationError {
    /// No wijken.
    Empty,
    /// The base is above the cap.
    BaseAboveCap,
    /// `n × base` is more than the total.
    TotalBelowBases,
    /// `n × cap` is less than the total: the total cannot be spent.
    TotalAboveCaps,
    /// Every weight is zero while there is something to share.
    NoWeight,
}

impl fmt::Display for AllocationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AllocationError::Empty => "there are no wijken to allocate to",
            AllocationError::BaseAboveCap => "the base amount is above the cap",
            AllocationError::TotalBelowBases => {
                "the total is less than the base amount times the number of wijken"
            }
            AllocationError::TotalAboveCaps => {
                "the total is more than the cap times the number of wijken"
            }
            AllocationError::NoWeight => "every wijk has a weight of zero",
        })
    }
}

impl std::error::Error for AllocationError {}

/// Divides `rule.total_cents` over the wijken (see the module documentation), in input order.
pub fn allocate(
    rule: AllocationRule,
    wijken: &[AllocationInput],
) -> Result<Vec<Allocation>, AllocationError> {
    let n = u64::try_from(wijken.len()).map_err(|_| AllocationError::Empty)?;
    if n == 0 {
        return Err(AllocationError::Empty);
    }
    if rule.base_cents > rule.cap_cents {
        return Err(AllocationError::BaseAboveCap);
    }
    let bases = u128::from(rule.base_cents) * u128::from(n);
    let caps = u128::from(rule.cap_cents) * u128::from(n);
    let total = u128::from(rule.total_cents);
    if bases > total {
        return Err(AllocationError::TotalBelowBases);
    }
    if caps < total {
        return Err(AllocationError::TotalAboveCaps);
    }
    let room = u128::from(rule.cap_cents - rule.base_cents);
    let mut capped = vec![false; wijken.len()];
    // Water-filling: cap whoever passes the cap with the current share, then share again.
    let extra = loop {
        let rest = total - bases - room * capped.iter().filter(|c| **c).count() as u128;
        let weight: u128 = wijken
            .iter()
            .zip(&capped)
            .filter(|(_, c)| !**c)
            .map(|(w, _)| w.weight())
            .sum();
        if weight == 0 {
            if rest == 0 {
                break vec![0u128; wijken.len()];
            }
            return Err(AllocationError::NoWeight);
        }
        let over: Vec<usize> = (0..wijken.len())
            .filter(|&i| !capped[i] && rest * wijken[i].weight() > room * weight)
            .collect();
        if over.is_empty() {
            break share(rest, weight, wijken, &capped);
        }
        for i in over {
            capped[i] = true;
        }
    };
    Ok(wijken
        .iter()
        .zip(capped)
        .zip(extra)
        .map(|((w, capped), extra)| Allocation {
            amount_cents: u64::try_from(
                u128::from(rule.base_cents) + if capped { room } else { extra },
            )
            .unwrap_or(u64::MAX),
            weight: w.weight(),
            capped,
        })
        .collect())
}

/// `rest` shared over the uncapped wijken by weight, in whole cents by largest remainder.
fn share(rest: u128, weight: u128, wijken: &[AllocationInput], capped: &[bool]) -> Vec<u128> {
    let exact: Vec<(u128, u128)> = wijken
        .iter()
        .zip(capped)
        .map(|(w, c)| {
            if *c {
                (0, 0)
            } else {
                let n = rest * w.weight();
                (n / weight, n % weight)
            }
        })
        .collect();
    let mut amounts: Vec<u128> = exact.iter().map(|(q, _)| *q).collect();
    let left = rest - amounts.iter().sum::<u128>();
    let mut order: Vec<usize> = (0..wijken.len()).filter(|&i| !capped[i]).collect();
    order.sort_by(|&a, &b| exact[b].1.cmp(&exact[a].1).then(a.cmp(&b)));
    for &i in order
        .iter()
        .take(usize::try_from(left).unwrap_or(usize::MAX))
    {
        amounts[i] += 1;
    }
    amounts
}

#[cfg(test)]
mod tests {
    use super::*;

    const GENT: AllocationRule = AllocationRule {
        total_cents: 625_000_000,
        base_cents: 15_000_000,
        cap_cents: 35_000_000,
    };

    fn wijk(population: u64, vulnerability_milli: u64) -> AllocationInput {
        AllocationInput {
            population,
            vulnerability_milli,
        }
    }

    #[test]
    fn sums_to_the_total_within_base_and_cap() {
        let wijken: Vec<_> = (0..25).map(|i| wijk(3_000 + i * 1_700, 1_000)).collect();
        let out = allocate(GENT, &wijken).expect("allocates");
        assert_eq!(out.iter().map(|a| a.amount_cents).sum::<u64>(), 625_000_000);
        assert!(
            out.iter()
                .all(|a| (15_000_000..=35_000_000).contains(&a.amount_cents))
        );
        assert!(
            out.windows(2)
                .all(|w| w[0].amount_cents <= w[1].amount_cents),
            "more inhabitants never get less"
        );
    }

    #[test]
    fn a_large_wijk_is_capped_and_its_excess_goes_to_the_others() {
        let wijken = [
            wijk(1_000_000, 1_000),
            wijk(1_000, 1_000),
            wijk(1_000, 1_000),
        ];
        let rule = AllocationRule {
            total_cents: 900,
            base_cents: 100,
            cap_cents: 400,
        };
        let out = allocate(rule, &wijken).expect("allocates");
        assert_eq!(
            out.iter().map(|a| a.amount_cents).collect::<Vec<_>>(),
            vec![400, 250, 250]
        );
        assert!(out[0].capped && !out[1].capped);
    }

    #[test]
    fn vulnerability_counts_like_population_and_cents_are_never_lost() {
        let wijken = [wijk(1_000, 1_500), wijk(1_500, 1_000), wijk(1_000, 1_000)];
        let rule = AllocationRule {
            total_cents: 1_000,
            base_cents: 0,
            cap_cents: 1_000,
        };
        let out = allocate(rule, &wijken).expect("allocates");
        assert_eq!(out[0].amount_cents, out[1].amount_cents);
        assert_eq!(out.iter().map(|a| a.amount_cents).sum::<u64>(), 1_000);
        assert_eq!(out[2].amount_cents, 250);
    }

    #[test]
    fn impossible_rules_are_refused() {
        let two = [wijk(1, 1_000), wijk(1, 1_000)];
        let rule = |total_cents, base_cents, cap_cents| AllocationRule {
            total_cents,
            base_cents,
            cap_cents,
        };
        assert_eq!(
            allocate(rule(10, 6, 8), &two),
            Err(AllocationError::TotalBelowBases)
        );
        assert_eq!(
            allocate(rule(20, 1, 8), &two),
            Err(AllocationError::TotalAboveCaps)
        );
        assert_eq!(
            allocate(rule(10, 9, 8), &two),
            Err(AllocationError::BaseAboveCap)
        );
        assert_eq!(allocate(rule(10, 1, 8), &[]), Err(AllocationError::Empty));
        assert_eq!(
            allocate(rule(10, 1, 8), &[wijk(0, 1_000), wijk(5, 0)]),
            Err(AllocationError::NoWeight)
        );
        assert!(allocate(rule(10, 5, 8), &[wijk(0, 1_000), wijk(0, 0)]).is_ok());
    }
}
