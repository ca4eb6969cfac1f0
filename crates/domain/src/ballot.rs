//! The rules of a ballot in a wijk's public vote, shared by the server (which refuses a wrong
//! ballot) and the web app (which shows the running total while the resident chooses).

use std::collections::BTreeMap;
use std::fmt;

pub use samenstad_types::projects::BallotKind;

/// What a vote allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotRules {
    /// The kind.
    pub kind: BallotKind,
    /// The budget a knapsack ballot must fit, in cents.
    pub budget_cents: u64,
    /// Approval: at most this many projects.
    pub max_choices: Option<u32>,
    /// Cumulative: the points to spread.
    pub points: Option<u32>,
    /// Each option on the ballot with its cost in cents.
    pub costs: BTreeMap<String, u64>,
}

/// Why a ballot is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotError {
    /// A choice names a project that is not on the ballot.
    UnknownOption(String),
    /// No project chosen.
    Empty,
    /// More projects than allowed.
    TooManyChoices { chosen: usize, max: u32 },
    /// The chosen projects cost more than the budget.
    OverBudget { cost_cents: u64, budget_cents: u64 },
    /// More points than allowed, or a choice with 0 points.
    BadPoints { given: u64, max: u32 },
}

impl fmt::Display for BallotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownOption(id) => write!(f, "project {id} is not on this ballot"),
            Self::Empty => f.write_str("choose at least one project"),
            Self::TooManyChoices { chosen, max } => {
                write!(f, "{chosen} projects chosen; at most {max} allowed")
            }
            Self::OverBudget {
                cost_cents,
                budget_cents,
            } => write!(
                f,
                "the chosen projects cost €{:.2}, more than the budget of €{:.2}",
                *cost_cents as f64 / 100.0,
                *budget_cents as f64 / 100.0
            ),
            Self::BadPoints { given, max } => {
                write!(
                    f,
                    "{given} points given; spread at most {max}, at least 1 per choice"
                )
            }
        }
    }
}

impl std::error::Error for BallotError {}

/// The cost of the chosen projects (unknown ones count 0).
pub fn cost_of(rules: &BallotRules, choices: &BTreeMap<String, u32>) -> u64 {
    choices.keys().filter_map(|id| rules.costs.get(id)).sum()
}

/// Checks a ballot: `choices` maps each chosen project to its points (1 for approval and
/// knapsack ballots).
pub fn check(rules: &BallotRules, choices: &BTreeMap<String, u32>) -> Result<(), BallotError> {
    if let Some(id) = choices.keys().find(|id| !rules.costs.contains_key(*id)) {
        return Err(BallotError::UnknownOption(id.clone()));
    }
    if choices.is_empty() {
        return Err(BallotError::Empty);
    }
    match rules.kind {
        BallotKind::Approval => match rules.max_choices {
            Some(max) if choices.len() > max as usize => Err(BallotError::TooManyChoices {
                chosen: choices.len(),
                max,
            }),
            _ => Ok(()),
        },
        BallotKind::Knapsack => {
            let cost_cents = cost_of(rules, choices);
            if cost_cents > rules.budget_cents {
                Err(BallotError::OverBudget {
                    cost_cents,
                    budget_cents: rules.budget_cents,
                })
            } else {
                Ok(())
            }
        }
        BallotKind::Cumulative => {
            let max = rules.points.unwrap_or(0);
            let given: u64 = choices.values().map(|p| u64::from(*p)).sum();
            if given > u64::from(max) || choices.values().any(|p| *p == 0) {
                Err(BallotError::BadPoints { given, max })
            } else {
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(kind: BallotKind) -> BallotRules {
        BallotRules {
            kind,
            budget_cents: 10_000,
            max_choices: Some(2),
            points: Some(5),
            costs: [("a", 6_000), ("b", 4_000), ("c", 3_000)]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        }
    }

    fn ballot(choices: &[(&str, u32)]) -> BTreeMap<String, u32> {
        choices.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
    }

    #[test]
    fn knapsack_ballots_must_fit_the_budget() {
        let r = rules(BallotKind::Knapsack);
        assert_eq!(check(&r, &ballot(&[("a", 1), ("b", 1)])), Ok(()));
        assert_eq!(
            check(&r, &ballot(&[("a", 1), ("b", 1), ("c", 1)])),
            Err(BallotError::OverBudget {
                cost_cents: 13_000,
                budget_cents: 10_000
            })
        );
    }

    #[test]
    fn approval_counts_choices_and_cumulative_counts_points() {
        let a = rules(BallotKind::Approval);
        assert!(check(&a, &ballot(&[("a", 1), ("b", 1)])).is_ok());
        assert!(matches!(
            check(&a, &ballot(&[("a", 1), ("b", 1), ("c", 1)])),
            Err(BallotError::TooManyChoices { chosen: 3, max: 2 })
        ));
        let c = rules(BallotKind::Cumulative);
        assert!(check(&c, &ballot(&[("a", 3), ("b", 2)])).is_ok());
        assert!(check(&c, &ballot(&[("a", 3), ("b", 3)])).is_err());
        assert!(check(&c, &ballot(&[("a", 0)])).is_err());
    }

    #[test]
    fn unknown_projects_and_empty_ballots_are_refused() {
        let r = rules(BallotKind::Approval);
        assert_eq!(
            check(&r, &ballot(&[("z", 1)])),
            Err(BallotError::UnknownOption("z".to_owned()))
        );
        assert_eq!(check(&r, &BTreeMap::new()), Err(BallotError::Empty));
    }
}
