//! The rules of a subsidy scheme, checked against an application.
//!
//! The server runs [`check`] when an application is submitted (and shows its result on every
//! draft); the web app runs the same function while the applicant types. Every problem names
//! the field it is about and a stable code, so both can show it next to the field.
//!
//! It also holds the life of an application ([`Status`], [`Action`], [`transition`]) and the
//! guard of the year budget ([`budget_use`], [`grant_fits`]).

use chrono::{Months, NaiveDate};
use samenstad_types::FieldError;
use samenstad_types::subsidies::{
    Advice, ApplicantKind, ApplicationDraft, ApplicationScope, CriterionAdvice, CriterionScore,
    LineKind, ReviewMode, ReviewerScores, SchemeBudget, SchemeCategory, SchemeRules, TargetGroup,
};

/// What the check needs to know besides the rules and the draft.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    /// The scheme's status (`archived` takes no applications).
    pub scheme_status: &'a str,
    /// The applicant's kind: an organisation kind or `person`.
    pub applicant_kind: &'a str,
    /// Confirmed co-signatures.
    pub cosignatures: i32,
    /// Today.
    pub today: NaiveDate,
    /// The next open jury deadline of the scheme (on or after today), if any.
    pub next_deadline: Option<NaiveDate>,
}

fn problem(field: &str, code: &str, message: String) -> FieldError {
    FieldError::new(field, code, message)
}

/// Parses an ISO date.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    crate::calendar::parse_day(value).ok()
}

/// An amount in cents as `€300` or `€12.50` (messages are in English).
pub fn euro(cents: i64) -> String {
    if cents % 100 == 0 {
        format!("€{}", cents / 100)
    } else {
        format!("€{}.{:02}", cents / 100, (cents % 100).abs())
    }
}

/// The category of the draft, if the scheme has it.
pub fn category<'r>(rules: &'r SchemeRules, key: &str) -> Option<&'r SchemeCategory> {
    rules.categories.iter().find(|c| c.key == key)
}

/// Co-signatures the applicant needs under these rules.
pub fn cosignatures_required(rules: &SchemeRules, applicant_kind: &str) -> i32 {
    if rules.cosignature_kinds.iter().any(|k| k == applicant_kind) {
        rules.cosignatures_required
    } else {
        0
    }
}

/// The earliest start for a category when submitted today.
pub fn earliest_start(
    category: &SchemeCategory,
    today: NaiveDate,
    next_deadline: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let from = if category.review == ReviewMode::Jury.as_str() {
        next_deadline?
    } else {
        today
    };
    from.checked_add_days(chrono::Days::new(
        u64::try_from(category.lead_days).unwrap_or(0),
    ))
}

/// Every rule of the scheme the draft breaks; empty when it can be submitted.
pub fn check(rules: &SchemeRules, draft: &ApplicationDraft, ctx: &Context<'_>) -> Vec<FieldError> {
    let mut out = Vec::new();
    if ctx.scheme_status == "archived" {
        out.push(problem(
            "scheme",
            "archived",
            "this scheme no longer takes applications".to_owned(),
        ));
    }
    if !rules
        .applicant_kinds
        .iter()
        .any(|k| k == ctx.applicant_kind)
    {
        out.push(problem(
            "organisation_id",
            "applicant_kind",
            format!(
                "a {} cannot apply; this scheme is for: {}",
                ctx.applicant_kind.replace('_', " "),
                rules.applicant_kinds.join(", ").replace('_', " ")
            ),
        ));
    }
    if draft.title.trim().chars().count() < 3 {
        out.push(problem(
            "title",
            "required",
            "give a title of at least 3 characters".to_owned(),
        ));
    }
    if draft.description.trim().chars().count() < 20 {
        out.push(problem(
            "description",
            "required",
            "describe the initiative in at least 20 characters".to_owned(),
        ));
    }
    check_themes(rules, draft, &mut out);
    check_scope(draft, &mut out);
    let cat = category(rules, &draft.category);
    match cat {
        None => out.push(problem(
            "category",
            "unknown",
            format!(
                "choose one of: {}",
                rules
                    .categories
                    .iter()
                    .map(|c| c.key.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
        Some(cat) => {
            check_amount(cat, draft.requested_cents, &mut out);
            check_dates(rules, cat, draft, ctx, &mut out);
        }
    }
    check_budget(rules, draft, &mut out);
    let needed = cosignatures_required(rules, ctx.applicant_kind);
    if ctx.cosignatures < needed {
        out.push(problem(
            "cosignatures",
            "missing",
            format!(
                "a {} needs the signatures of {needed} other residents; {} so far",
                ctx.applicant_kind.replace('_', " "),
                ctx.cosignatures
            ),
        ));
    }
    out
}

fn check_themes(rules: &SchemeRules, draft: &ApplicationDraft, out: &mut Vec<FieldError>) {
    if draft.themes.is_empty() {
        out.push(problem(
            "themes",
            "required",
            format!("choose at least one theme: {}", rules.themes.join(", ")),
        ));
    } else if let Some(bad) = draft.themes.iter().find(|t| !rules.themes.contains(t)) {
        out.push(problem(
            "themes",
            "unknown",
            format!(
                "`{bad}` is not a theme of this scheme ({})",
                rules.themes.join(", ")
            ),
        ));
    }
    if let Some(bad) = draft
        .target_groups
        .iter()
        .find(|t| TargetGroup::parse(t).is_none())
    {
        out.push(problem(
            "target_groups",
            "unknown",
            format!("`{bad}` is not a target group"),
        ));
    }
}

fn check_scope(draft: &ApplicationDraft, out: &mut Vec<FieldError>) {
    let n = draft.wijken.len();
    let ok = match ApplicationScope::parse(&draft.scope) {
        Some(ApplicationScope::Wijk) => n == 1,
        Some(ApplicationScope::Wijken) => n >= 2,
        Some(ApplicationScope::City) => n == 0,
        None => {
            out.push(problem(
                "scope",
                "invalid",
                format!("must be one of: {}", ApplicationScope::joined(", ")),
            ));
            return;
        }
    };
    if !ok {
        out.push(problem(
            "wijken",
            "scope",
            "choose one wijk for `wijk`, two or more for `wijken`, none for `city`".to_owned(),
        ));
    }
    if draft.wijken.iter().any(|w| !(1..=25).contains(w)) {
        out.push(problem(
            "wijken",
            "unknown",
            "wijk numbers run from 1 to 25".to_owned(),
        ));
    }
}

fn check_amount(cat: &SchemeCategory, requested: i64, out: &mut Vec<FieldError>) {
    if !cat.flat_amounts_cents.is_empty() {
        if !cat.flat_amounts_cents.contains(&requested) {
            out.push(problem(
                "requested_cents",
                "flat_amount",
                format!(
                    "{} grants one of these amounts: {}",
                    cat.name,
                    cat.flat_amounts_cents
                        .iter()
                        .map(|c| euro(*c))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        return;
    }
    if requested <= 0 {
        out.push(problem(
            "requested_cents",
            "required",
            "ask for an amount".to_owned(),
        ));
    }
    if let Some(max) = cat.max_cents
        && requested > max
    {
        out.push(problem(
            "requested_cents",
            "over_maximum",
            format!("{} grants at most {}", cat.name, euro(max)),
        ));
    }
    if let Some(min) = cat.min_cents
        && requested > 0
        && requested < min
    {
        out.push(problem(
            "requested_cents",
            "under_minimum",
            format!(
                "{} starts at {}; choose a smaller category",
                cat.name,
                euro(min)
            ),
        ));
    }
}

fn check_dates(
    rules: &SchemeRules,
    cat: &SchemeCategory,
    draft: &ApplicationDraft,
    ctx: &Context<'_>,
    out: &mut Vec<FieldError>,
) {
    if cat.review == ReviewMode::Jury.as_str() && ctx.next_deadline.is_none() {
        out.push(problem(
            "category",
            "no_deadline",
            format!("{} has no open jury deadline", cat.name),
        ));
    }
    let starts = draft.starts_on.as_deref().map(parse_date);
    let ends = draft.ends_on.as_deref().map(parse_date);
    let starts = match starts {
        Some(Some(d)) => d,
        Some(None) => {
            out.push(problem(
                "starts_on",
                "invalid",
                "must be a date (YYYY-MM-DD)".to_owned(),
            ));
            return;
        }
        None => {
            out.push(problem(
                "starts_on",
                "required",
                "give the first day".to_owned(),
            ));
            return;
        }
    };
    let ends = match ends {
        Some(Some(d)) => d,
        Some(None) => {
            out.push(problem(
                "ends_on",
                "invalid",
                "must be a date (YYYY-MM-DD)".to_owned(),
            ));
            return;
        }
        None => {
            out.push(problem(
                "ends_on",
                "required",
                "give the last day".to_owned(),
            ));
            return;
        }
    };
    if ends < starts {
        out.push(problem(
            "ends_on",
            "order",
            "the last day comes before the first".to_owned(),
        ));
    }
    let months = u32::try_from(rules.max_duration_months).unwrap_or(0);
    if starts
        .checked_add_months(Months::new(months))
        .is_some_and(|limit| ends > limit)
    {
        out.push(problem(
            "ends_on",
            "duration",
            format!("an initiative lasts at most {months} months"),
        ));
    }
    if let Some(earliest) = earliest_start(cat, ctx.today, ctx.next_deadline)
        && starts < earliest
    {
        let from = if cat.review == ReviewMode::Jury.as_str() {
            "the jury deadline"
        } else {
            "submission"
        };
        out.push(problem(
            "starts_on",
            "lead_time",
            format!(
                "{} needs {} days between {from} and the start: start on {earliest} or later",
                cat.name, cat.lead_days
            ),
        ));
    }
}

fn check_budget(rules: &SchemeRules, draft: &ApplicationDraft, out: &mut Vec<FieldError>) {
    if draft.budget_lines.is_empty() {
        out.push(problem(
            "budget_lines",
            "required",
            "list the costs, one line per kind of cost".to_owned(),
        ));
        return;
    }
    for (i, line) in draft.budget_lines.iter().enumerate() {
        if LineKind::parse(&line.kind).is_none() {
            out.push(problem(
                &format!("budget_lines[{i}].kind"),
                "invalid",
                format!("must be one of: {}", LineKind::joined(", ")),
            ));
        }
        if line.amount_cents <= 0 {
            out.push(problem(
                &format!("budget_lines[{i}].amount_cents"),
                "required",
                "give the cost".to_owned(),
            ));
        }
    }
    let total: i64 = draft
        .budget_lines
        .iter()
        .map(|l| l.amount_cents.max(0))
        .sum();
    if draft.requested_cents > total {
        out.push(problem(
            "requested_cents",
            "over_costs",
            format!("you ask more than the costs you list ({})", euro(total)),
        ));
    }
    for cap in &rules.spending_caps {
        let spent: i64 = draft
            .budget_lines
            .iter()
            .filter(|l| l.kind == cap.kind)
            .map(|l| l.amount_cents.max(0))
            .sum();
        // spent / total > max% ⇔ spent × 100 > max × total (integers, no rounding).
        if spent * 100 > i64::from(cap.max_percent) * total {
            out.push(problem(
                "budget_lines",
                &format!("cap_{}", cap.kind),
                format!(
                    "at most {}% of the costs may go to {} ({} of {})",
                    cap.max_percent,
                    cap.kind.replace('_', " "),
                    euro(spent),
                    euro(total)
                ),
            ));
        }
    }
}

/// Categories of these rules that fit an amount and a theme (either may be absent).
pub fn fits<'r>(
    rules: &'r SchemeRules,
    amount_cents: Option<i64>,
    theme: Option<&str>,
) -> Vec<&'r SchemeCategory> {
    if theme.is_some_and(|t| !rules.themes.iter().any(|x| x == t)) {
        return Vec::new();
    }
    rules
        .categories
        .iter()
        .filter(|c| match amount_cents {
            None => true,
            Some(a) if !c.flat_amounts_cents.is_empty() => {
                c.flat_amounts_cents.iter().any(|f| *f >= a)
            }
            Some(a) => c.max_cents.is_none_or(|m| a <= m) && c.min_cents.is_none_or(|m| a >= m),
        })
        .collect()
}

/// Whether the rules themselves make sense (checked when a scheme is saved).
pub fn check_rules(rules: &SchemeRules) -> Vec<FieldError> {
    let mut out = Vec::new();
    let mut keys = std::collections::BTreeSet::new();
    for (i, c) in rules.categories.iter().enumerate() {
        let f = |name: &str| format!("rules.categories[{i}].{name}");
        if !c
            .key
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
        {
            out.push(problem(
                &f("key"),
                "invalid",
                "keys use a-z, 0-9 and _".to_owned(),
            ));
        } else if !keys.insert(c.key.as_str()) {
            out.push(problem(
                &f("key"),
                "duplicate",
                "keys are unique within the scheme".to_owned(),
            ));
        }
        if ReviewMode::parse(&c.review).is_none() {
            out.push(problem(
                &f("review"),
                "invalid",
                "must be automatic or jury".to_owned(),
            ));
        }
        if c.flat_amounts_cents.is_empty() == c.max_cents.is_none() {
            out.push(problem(
                &f("max_cents"),
                "excludes",
                "give either flat amounts or a maximum".to_owned(),
            ));
        }
        if c.flat_amounts_cents.iter().any(|a| *a <= 0)
            || c.max_cents.is_some_and(|m| m <= 0)
            || c.min_cents.is_some_and(|m| m < 0)
        {
            out.push(problem(
                &f("max_cents"),
                "invalid",
                "amounts are positive".to_owned(),
            ));
        } else if c
            .min_cents
            .is_some_and(|m| c.max_cents.is_some_and(|x| m > x))
        {
            out.push(problem(
                &f("min_cents"),
                "order",
                "the minimum is at most the maximum".to_owned(),
            ));
        }
    }
    if rules
        .categories
        .iter()
        .any(|c| c.review == ReviewMode::Jury.as_str())
        && rules.criteria.is_empty()
    {
        out.push(problem(
            "rules.criteria",
            "requires",
            "jury categories need criteria".to_owned(),
        ));
    }
    let mut criteria = std::collections::BTreeSet::new();
    if rules
        .criteria
        .iter()
        .any(|c| !criteria.insert(c.key.as_str()))
    {
        out.push(problem(
            "rules.criteria",
            "duplicate",
            "criterion keys are unique".to_owned(),
        ));
    }
    if rules
        .applicant_kinds
        .iter()
        .chain(&rules.cosignature_kinds)
        .any(|k| ApplicantKind::parse(k).is_none())
    {
        out.push(problem(
            "rules.applicant_kinds",
            "invalid",
            format!("kinds are: {}", ApplicantKind::joined(", ")),
        ));
    }
    if rules
        .spending_caps
        .iter()
        .any(|c| LineKind::parse(&c.kind).is_none())
    {
        out.push(problem(
            "rules.spending_caps",
            "invalid",
            format!("kinds are: {}", LineKind::joined(", ")),
        ));
    }
    out
}

/// Where an application is in its life.
pub use samenstad_types::subsidies::ApplicationStatus as Status;

/// What someone does to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The applicant changes the draft: its content, files or co-signing links.
    Edit,
    /// A resident co-signs the draft.
    Cosign,
    /// The applicant submits the draft.
    Submit,
    /// The applicant withdraws it (an approved grant only while it is not paid).
    Withdraw,
    /// Programme staff send its jury deadline to the jury.
    SendToJury,
    /// A jury member scores it.
    Score,
    /// Programme staff decide. `jury_deadline`: it was submitted to a jury deadline, so while
    /// it is `submitted` it waits for that deadline to go to the jury.
    Decide {
        /// Approve (else reject).
        approve: bool,
        /// It has a jury deadline.
        jury_deadline: bool,
    },
    /// Programme staff register the payment; without a reporting duty that closes the grant.
    Pay {
        /// The scheme asks for a final report.
        report_required: bool,
    },
    /// The applicant submits (or resubmits) the final report.
    SubmitReport,
    /// Programme staff accept the report (closed) or send it back (paid again).
    ReviewReport {
        /// Accepted.
        accepted: bool,
    },
}

/// Why an action is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The application's status does not allow it.
    #[error("the application is {0}")]
    NotNow(Status),
    /// Submitted to a jury deadline that has not gone to the jury yet.
    #[error("this application waits for its jury deadline")]
    AwaitsJury,
}

/// The status an application moves to when `action` is done to it in `state`, or why not.
pub fn transition(state: Status, action: Action) -> Result<Status, Refusal> {
    use Status as S;
    let next = match (state, action) {
        (S::Draft, Action::Edit | Action::Cosign) => S::Draft,
        (S::Draft, Action::Submit) => S::Submitted,
        (S::Draft | S::Submitted | S::InReview | S::Approved, Action::Withdraw) => S::Withdrawn,
        (S::Submitted, Action::SendToJury) => S::InReview,
        (S::InReview, Action::Score) => S::InReview,
        (
            S::Submitted,
            Action::Decide {
                jury_deadline: true,
                ..
            },
        ) => return Err(Refusal::AwaitsJury),
        (S::Submitted | S::InReview, Action::Decide { approve, .. }) => {
            if approve {
                S::Approved
            } else {
                S::Rejected
            }
        }
        (S::Approved, Action::Pay { report_required }) => {
            if report_required {
                S::Paid
            } else {
                S::Closed
            }
        }
        (S::Paid, Action::SubmitReport) => S::ReportSubmitted,
        (S::ReportSubmitted, Action::ReviewReport { accepted }) => {
            if accepted {
                S::Closed
            } else {
                S::Paid
            }
        }
        _ => return Err(Refusal::NotNow(state)),
    };
    Ok(next)
}

/// The use of a scheme's budget in `year`, from its budget (0 without one) and the decided
/// amounts of its applications of that year in committed statuses (others are ignored).
pub fn budget_use(
    year: i32,
    budget_cents: i64,
    decided: impl IntoIterator<Item = (Status, Option<i64>)>,
) -> SchemeBudget {
    let (mut committed, mut paid) = (0, 0);
    for (status, cents) in decided {
        match status {
            Status::Approved => committed += cents.unwrap_or(0),
            s if s.is_committed() => paid += cents.unwrap_or(0),
            _ => {}
        }
    }
    SchemeBudget {
        year,
        budget_cents,
        committed_cents: committed,
        paid_cents: paid,
        remaining_cents: budget_cents - committed - paid,
    }
}

/// Why a grant does not fit the year's budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BudgetRefusal {
    /// The scheme has no budget for the year.
    #[error("the scheme has no budget for {year}")]
    NoBudget {
        /// The year.
        year: i32,
    },
    /// Not enough is left.
    #[error("the {year} budget has {remaining_cents} cents left; this needs {amount_cents}")]
    Insufficient {
        /// The year.
        year: i32,
        /// Left to approve.
        remaining_cents: i64,
        /// Asked for.
        amount_cents: i64,
    },
}

/// Whether granting `amount_cents` fits the year's budget (`None`: the scheme has no budget
/// row for `year`).
pub fn grant_fits(
    year: i32,
    budget: Option<&SchemeBudget>,
    amount_cents: i64,
) -> Result<(), BudgetRefusal> {
    let budget = budget.ok_or(BudgetRefusal::NoBudget { year })?;
    if amount_cents > budget.remaining_cents {
        return Err(BudgetRefusal::Insufficient {
            year,
            remaining_cents: budget.remaining_cents,
            amount_cents,
        });
    }
    Ok(())
}

/// A grant above the requested amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot grant more than was requested")]
pub struct OverRequested;

/// The amount to grant: what was asked for, else the requested amount; never more than was
/// requested.
pub fn amount_to_grant(
    requested_cents: i64,
    asked_cents: Option<i64>,
) -> Result<i64, OverRequested> {
    let amount = asked_cents.unwrap_or(requested_cents);
    if amount > requested_cents {
        Err(OverRequested)
    } else {
        Ok(amount)
    }
}

/// Whether a year's budget may be set to `budget_cents`: never below what is granted already
/// (`Err` carries that amount).
pub fn budget_may_become(used: &SchemeBudget, budget_cents: i64) -> Result<(), i64> {
    let granted = used.committed_cents + used.paid_cents;
    if budget_cents < granted {
        Err(granted)
    } else {
        Ok(())
    }
}

/// The average score of each criterion of the rules that was scored, from (criterion, score)
/// pairs.
pub fn criterion_averages<'s>(
    rules: &SchemeRules,
    scores: impl Iterator<Item = (&'s str, i32)> + Clone,
) -> Vec<CriterionAdvice> {
    rules
        .criteria
        .iter()
        .filter_map(|c| {
            let of_c: Vec<i32> = scores
                .clone()
                .filter(|(k, _)| *k == c.key)
                .map(|(_, s)| s)
                .collect();
            (!of_c.is_empty()).then(|| CriterionAdvice {
                criterion: c.key.clone(),
                name: c.name.clone(),
                weight: c.weight,
                average: f64::from(of_c.iter().sum::<i32>())
                    / f64::from(i32::try_from(of_c.len()).unwrap_or(1)),
            })
        })
        .collect()
}

/// The weighted average of the criterion averages (0–10, two decimals), if any weight counts.
pub fn weighted_average(criteria: &[CriterionAdvice]) -> Option<f64> {
    let weights: i32 = criteria.iter().map(|c| c.weight).sum();
    (weights > 0).then(|| {
        let avg = criteria
            .iter()
            .map(|c| c.average * f64::from(c.weight))
            .sum::<f64>()
            / f64::from(weights);
        (avg * 100.0).round() / 100.0
    })
}

/// The jury's advice from its scores (jury member, criterion, score, comment) and the number of
/// declared conflicts. Members are numbered in the order of their keys, not named.
pub fn advice<M: Ord + Clone>(
    rules: &SchemeRules,
    scores: &[(M, String, i32, String)],
    conflicts: i64,
) -> Advice {
    let mut by_member: std::collections::BTreeMap<M, Vec<CriterionScore>> =
        std::collections::BTreeMap::new();
    for (member, criterion, score, comment) in scores {
        by_member
            .entry(member.clone())
            .or_default()
            .push(CriterionScore {
                criterion: criterion.clone(),
                score: *score,
                comment: comment.clone(),
            });
    }
    let criteria = criterion_averages(rules, scores.iter().map(|s| (s.1.as_str(), s.2)));
    Advice {
        reviewers: i64::try_from(by_member.len()).unwrap_or(0),
        conflicts,
        weighted_average: weighted_average(&criteria),
        criteria,
        scores: by_member
            .into_values()
            .enumerate()
            .map(|(i, scores)| ReviewerScores {
                reviewer: i64::try_from(i).unwrap_or(0) + 1,
                scores,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use samenstad_types::subsidies::{BudgetLine, SpendingCap};

    fn rules() -> SchemeRules {
        SchemeRules {
            themes: vec!["ontmoeten".into()],
            applicant_kinds: vec!["bewonersgroep".into(), "vzw".into()],
            categories: vec![SchemeCategory {
                key: "forfait".into(),
                name: "Forfait".into(),
                description: String::new(),
                flat_amounts_cents: vec![15_000, 30_000, 50_000],
                min_cents: None,
                max_cents: None,
                review: "automatic".into(),
                lead_days: 42,
            }],
            cosignatures_required: 6,
            cosignature_kinds: vec!["bewonersgroep".into()],
            spending_caps: vec![SpendingCap {
                kind: "catering".into(),
                max_percent: 20,
            }],
            max_duration_months: 12,
            report_required: true,
            criteria: vec![],
        }
    }

    fn draft() -> ApplicationDraft {
        ApplicationDraft {
            category: "forfait".into(),
            title: "Buurtfeest".into(),
            description: "Een feest voor de hele straat, met soep.".into(),
            themes: vec!["ontmoeten".into()],
            scope: "wijk".into(),
            wijken: vec![9],
            starts_on: Some("2027-03-01".into()),
            ends_on: Some("2027-03-01".into()),
            requested_cents: 30_000,
            budget_lines: vec![
                BudgetLine {
                    kind: "materials".into(),
                    description: "Tafels".into(),
                    amount_cents: 40_000,
                    actual_cents: None,
                },
                BudgetLine {
                    kind: "catering".into(),
                    description: "Soep".into(),
                    amount_cents: 10_000,
                    actual_cents: None,
                },
            ],
            ..ApplicationDraft::default()
        }
    }

    fn ctx() -> Context<'static> {
        Context {
            scheme_status: "active",
            applicant_kind: "vzw",
            cosignatures: 0,
            today: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default(),
            next_deadline: None,
        }
    }

    fn codes(d: &ApplicationDraft, c: &Context<'_>) -> Vec<String> {
        check(&rules(), d, c)
            .into_iter()
            .map(|p| format!("{}:{}", p.field, p.code))
            .collect()
    }

    #[test]
    fn a_complete_application_passes_and_the_catering_cap_is_exact() {
        assert_eq!(codes(&draft(), &ctx()), Vec::<String>::new());
        let mut d = draft();
        d.budget_lines[1].amount_cents = 10_001;
        assert_eq!(codes(&d, &ctx()), vec!["budget_lines:cap_catering"]);
    }

    #[test]
    fn lead_time_is_counted_from_today() {
        let mut d = draft();
        d.starts_on = Some("2027-02-11".into());
        d.ends_on = d.starts_on.clone();
        assert_eq!(codes(&d, &ctx()), vec!["starts_on:lead_time"]);
        d.starts_on = Some("2027-02-12".into());
        d.ends_on = d.starts_on.clone();
        assert_eq!(codes(&d, &ctx()), Vec::<String>::new());
    }

    #[test]
    fn finder_matches_amount_and_theme() {
        let r = rules();
        assert_eq!(fits(&r, Some(30_000), Some("ontmoeten")).len(), 1);
        assert!(fits(&r, Some(60_000), None).is_empty());
        assert!(fits(&r, None, Some("sport")).is_empty());
    }
}

#[cfg(test)]
mod lifecycle_tests {
    use super::*;
    use proptest::prelude::*;

    const DECIDE: Action = Action::Decide {
        approve: true,
        jury_deadline: false,
    };

    #[test]
    fn every_status_round_trips_and_the_committed_ones_are_granted_money() {
        for &s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        let committed: Vec<&str> = Status::COMMITTED.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            committed,
            ["approved", "paid", "report_submitted", "closed"]
        );
        assert!(Status::Paid.is_committed() && !Status::Submitted.is_committed());
        assert_eq!(Status::parse("pending"), None);
    }

    #[test]
    fn a_grant_goes_from_draft_to_closed() {
        let mut s = Status::Draft;
        for action in [
            Action::Edit,
            Action::Cosign,
            Action::Submit,
            Action::SendToJury,
            Action::Score,
            DECIDE,
            Action::Pay {
                report_required: true,
            },
            Action::SubmitReport,
            Action::ReviewReport { accepted: false },
            Action::SubmitReport,
            Action::ReviewReport { accepted: true },
        ] {
            s = transition(s, action).unwrap_or_else(|r| panic!("{action:?} refused: {r}"));
        }
        assert_eq!(s, Status::Closed);
    }

    #[test]
    fn only_drafts_change_and_only_unpaid_applications_are_withdrawn() {
        assert_eq!(
            transition(Status::Submitted, Action::Edit),
            Err(Refusal::NotNow(Status::Submitted))
        );
        assert_eq!(
            transition(Status::Submitted, Action::Cosign),
            Err(Refusal::NotNow(Status::Submitted))
        );
        for s in [
            Status::Draft,
            Status::Submitted,
            Status::InReview,
            Status::Approved,
        ] {
            assert_eq!(transition(s, Action::Withdraw), Ok(Status::Withdrawn));
        }
        for s in [
            Status::Rejected,
            Status::Paid,
            Status::ReportSubmitted,
            Status::Closed,
            Status::Withdrawn,
        ] {
            assert_eq!(transition(s, Action::Withdraw), Err(Refusal::NotNow(s)));
        }
    }

    #[test]
    fn a_decision_waits_for_the_jury_deadline_and_a_payment_closes_without_report_duty() {
        let jury = Action::Decide {
            approve: false,
            jury_deadline: true,
        };
        assert_eq!(
            transition(Status::Submitted, jury),
            Err(Refusal::AwaitsJury)
        );
        assert_eq!(transition(Status::InReview, jury), Ok(Status::Rejected));
        assert_eq!(transition(Status::Submitted, DECIDE), Ok(Status::Approved));
        assert_eq!(
            transition(Status::Approved, DECIDE),
            Err(Refusal::NotNow(Status::Approved))
        );
        assert_eq!(
            transition(
                Status::Approved,
                Action::Pay {
                    report_required: false
                }
            ),
            Ok(Status::Closed)
        );
        assert_eq!(
            transition(Status::InReview, Action::SubmitReport),
            Err(Refusal::NotNow(Status::InReview))
        );
    }

    #[test]
    fn the_budget_counts_approved_as_committed_and_later_statuses_as_paid() {
        let used = budget_use(
            2026,
            100_000,
            [
                (Status::Approved, Some(30_000)),
                (Status::Paid, Some(20_000)),
                (Status::Closed, Some(5_000)),
                (Status::Rejected, Some(99_000)),
                (Status::Approved, None),
            ],
        );
        assert_eq!(used.committed_cents, 30_000);
        assert_eq!(used.paid_cents, 25_000);
        assert_eq!(used.remaining_cents, 45_000);
        assert_eq!(grant_fits(2026, Some(&used), 45_000), Ok(()));
        assert_eq!(
            grant_fits(2026, Some(&used), 45_001),
            Err(BudgetRefusal::Insufficient {
                year: 2026,
                remaining_cents: 45_000,
                amount_cents: 45_001
            })
        );
        assert_eq!(
            grant_fits(2027, None, 1).map_err(|e| e.to_string()),
            Err("the scheme has no budget for 2027".to_owned())
        );
        assert_eq!(budget_may_become(&used, 55_000), Ok(()));
        assert_eq!(budget_may_become(&used, 54_999), Err(55_000));
    }

    #[test]
    fn a_grant_is_at_most_the_requested_amount() {
        assert_eq!(amount_to_grant(50_000, None), Ok(50_000));
        assert_eq!(amount_to_grant(50_000, Some(20_000)), Ok(20_000));
        assert_eq!(amount_to_grant(50_000, Some(50_001)), Err(OverRequested));
    }

    fn any_status() -> impl Strategy<Value = Status> {
        (0..Status::ALL.len()).prop_map(|i| Status::ALL[i])
    }

    fn any_action() -> impl Strategy<Value = Action> {
        (0..10usize, any::<bool>(), any::<bool>()).prop_map(|(i, a, b)| match i {
            0 => Action::Edit,
            1 => Action::Cosign,
            2 => Action::Submit,
            3 => Action::Withdraw,
            4 => Action::SendToJury,
            5 => Action::Score,
            6 => Action::Decide {
                approve: a,
                jury_deadline: b,
            },
            7 => Action::Pay { report_required: a },
            8 => Action::SubmitReport,
            _ => Action::ReviewReport { accepted: a },
        })
    }

    proptest! {
        #[test]
        fn nothing_leaves_rejected_closed_or_withdrawn(s in any_status(), a in any_action()) {
            if matches!(s, Status::Rejected | Status::Closed | Status::Withdrawn) {
                prop_assert_eq!(transition(s, a), Err(Refusal::NotNow(s)));
            }
        }

        #[test]
        fn grants_that_fit_never_overspend(
            budget in 0..1_000_000i64,
            amounts in proptest::collection::vec(0..200_000i64, 0..30),
        ) {
            let mut granted: Vec<(Status, Option<i64>)> = Vec::new();
            for amount in amounts {
                let used = budget_use(2026, budget, granted.iter().copied());
                if grant_fits(2026, Some(&used), amount).is_ok() {
                    granted.push((Status::Approved, Some(amount)));
                }
            }
            let used = budget_use(2026, budget, granted);
            prop_assert!(used.remaining_cents >= 0);
        }
    }
}
