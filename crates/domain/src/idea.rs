//! The public status of an idea: which change staff may record, and what it needs.
//!
//! An idea starts `submitted`. Staff of its wijk then say what became of it, with a reason
//! residents read: talked through in the wijkdialoog (`in_dialogue`, no reason needed), worked
//! into a proposal, merged into another idea, referred to a named city service, or not
//! retained. A handled idea may be corrected to another handled status (with a reason), but
//! never becomes new again. The API sends a refusal as a 400 on the field it names; the staff
//! page offers only the statuses [`next_statuses`] allows.

pub use samenstad_types::projects::IdeaStatus;

/// A change of status as staff ask it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusChange<'a> {
    /// The new status.
    pub to: IdeaStatus,
    /// Why (trimmed; `None` when empty).
    pub reason: Option<&'a str>,
    /// Whether an idea to merge into was named.
    pub merged_into: bool,
    /// The city service it is referred to (trimmed; `None` when empty).
    pub referred_to: Option<&'a str>,
}

/// Why a change of status is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A handled idea cannot become `submitted` again.
    NotNewAgain,
    /// Every status but `submitted` and `in_dialogue` needs a reason.
    ReasonRequired,
    /// `merged` needs the idea it joins.
    MergeTargetRequired,
    /// Only `merged` names an idea to merge into.
    MergeTargetNotAllowed,
    /// `referred` needs the city service.
    ServiceRequired,
    /// Only `referred` names a service.
    ServiceNotAllowed,
    /// The idea to merge into is this idea, of another wijk, or merged itself.
    BadMergeTarget,
}

impl Refusal {
    /// The request field the refusal is about.
    pub fn field(self) -> &'static str {
        match self {
            Self::NotNewAgain => "status",
            Self::ReasonRequired => "reason",
            Self::MergeTargetRequired | Self::MergeTargetNotAllowed | Self::BadMergeTarget => {
                "merged_into"
            }
            Self::ServiceRequired | Self::ServiceNotAllowed => "referred_to",
        }
    }

    /// A machine-readable code (`requires`: another field's value needs this one,
    /// `not_allowed`, `invalid`).
    pub fn code(self) -> &'static str {
        match self {
            Self::ReasonRequired | Self::MergeTargetRequired | Self::ServiceRequired => "requires",
            Self::MergeTargetNotAllowed | Self::ServiceNotAllowed => "not_allowed",
            Self::NotNewAgain | Self::BadMergeTarget => "invalid",
        }
    }

    /// What staff read.
    pub fn message(self) -> &'static str {
        match self {
            Self::NotNewAgain => "a handled idea does not become new again",
            Self::ReasonRequired => "say why; residents read it",
            Self::MergeTargetRequired => "say which idea it joins",
            Self::MergeTargetNotAllowed => "only with status merged",
            Self::ServiceRequired => "say which city service takes it up",
            Self::ServiceNotAllowed => "only with status referred",
            Self::BadMergeTarget => "merge into another, unmerged idea of the same wijk",
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field(), self.message())
    }
}

impl std::error::Error for Refusal {}

/// Whether a status needs a reason residents read.
pub fn needs_reason(status: IdeaStatus) -> bool {
    !matches!(status, IdeaStatus::Submitted | IdeaStatus::InDialogue)
}

/// The statuses staff may give an idea that is `from` now.
pub fn next_statuses(from: IdeaStatus) -> impl Iterator<Item = IdeaStatus> {
    IdeaStatus::ALL
        .iter()
        .copied()
        .filter(move |&to| to != IdeaStatus::Submitted || from == IdeaStatus::Submitted)
}

/// The status an idea that is `from` gets by `change`, or why not.
pub fn transition(from: IdeaStatus, change: StatusChange<'_>) -> Result<IdeaStatus, Refusal> {
    if change.to == IdeaStatus::Submitted && from != IdeaStatus::Submitted {
        return Err(Refusal::NotNewAgain);
    }
    check(change)?;
    Ok(change.to)
}

/// What `change` needs whatever the idea's status is now: a reason, and the idea or service
/// its status names (the API checks this before it looks the idea up).
pub fn check(change: StatusChange<'_>) -> Result<(), Refusal> {
    use IdeaStatus as S;
    if needs_reason(change.to) && change.reason.is_none() {
        return Err(Refusal::ReasonRequired);
    }
    match (change.to, change.merged_into) {
        (S::Merged, false) => return Err(Refusal::MergeTargetRequired),
        (to, true) if to != S::Merged => return Err(Refusal::MergeTargetNotAllowed),
        _ => {}
    }
    match (change.to, change.referred_to) {
        (S::Referred, None) => return Err(Refusal::ServiceRequired),
        (to, Some(_)) if to != S::Referred => return Err(Refusal::ServiceNotAllowed),
        _ => {}
    }
    Ok(())
}

/// An idea can be merged only into another idea of the same wijk that is not merged itself.
pub fn merge_target_fits<Id: PartialEq, Wijk: PartialEq>(
    idea: (&Id, &Wijk),
    target: (&Id, &Wijk, IdeaStatus),
) -> Result<(), Refusal> {
    let (id, wijk) = idea;
    let (target_id, target_wijk, target_status) = target;
    if target_id == id || target_wijk != wijk || target_status == IdeaStatus::Merged {
        return Err(Refusal::BadMergeTarget);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use IdeaStatus as S;

    fn to(status: IdeaStatus) -> StatusChange<'static> {
        StatusChange {
            to: status,
            reason: Some("Besproken op de wijkdialoog."),
            merged_into: status == S::Merged,
            referred_to: (status == S::Referred).then_some("Groendienst"),
        }
    }

    #[test]
    fn a_new_idea_can_get_every_status_and_a_handled_one_every_status_but_new() {
        for &from in S::ALL {
            for &status in S::ALL {
                let result = transition(from, to(status));
                if status == S::Submitted && from != S::Submitted {
                    assert_eq!(result, Err(Refusal::NotNewAgain), "{from} → {status}");
                } else {
                    assert_eq!(result, Ok(status), "{from} → {status}");
                }
            }
            let offered: Vec<_> = next_statuses(from).collect();
            let allowed: Vec<_> = S::ALL
                .iter()
                .copied()
                .filter(|&s| transition(from, to(s)).is_ok())
                .collect();
            assert_eq!(offered, allowed, "the page offers exactly what is allowed");
        }
    }

    #[test]
    fn every_status_after_the_dialogue_needs_a_reason() {
        for &status in S::ALL {
            let change = StatusChange {
                reason: None,
                ..to(status)
            };
            let expected = if needs_reason(status) {
                Err(Refusal::ReasonRequired)
            } else {
                Ok(status)
            };
            assert_eq!(transition(S::Submitted, change), expected, "{status}");
        }
        assert!(!needs_reason(S::InDialogue));
        assert!(needs_reason(S::NotRetained));
    }

    #[test]
    fn merged_names_an_idea_and_referred_a_service_and_nothing_else_does() {
        let merged = StatusChange {
            merged_into: false,
            ..to(S::Merged)
        };
        assert_eq!(
            transition(S::Submitted, merged),
            Err(Refusal::MergeTargetRequired)
        );
        let referred = StatusChange {
            referred_to: None,
            ..to(S::Referred)
        };
        assert_eq!(
            transition(S::InDialogue, referred),
            Err(Refusal::ServiceRequired)
        );
        let stray = StatusChange {
            merged_into: true,
            ..to(S::NotRetained)
        };
        assert_eq!(
            transition(S::Submitted, stray),
            Err(Refusal::MergeTargetNotAllowed)
        );
        let stray = StatusChange {
            referred_to: Some("Groendienst"),
            ..to(S::Proposal)
        };
        assert_eq!(
            transition(S::Submitted, stray),
            Err(Refusal::ServiceNotAllowed)
        );
        assert_eq!(Refusal::ServiceNotAllowed.field(), "referred_to");
        assert_eq!(Refusal::NotNewAgain.code(), "invalid");
    }

    #[test]
    fn an_idea_merges_only_into_another_unmerged_idea_of_its_wijk() {
        assert_eq!(merge_target_fits((&1, &7), (&2, &7, S::Submitted)), Ok(()));
        assert_eq!(
            merge_target_fits((&1, &7), (&1, &7, S::Submitted)),
            Err(Refusal::BadMergeTarget)
        );
        assert_eq!(
            merge_target_fits((&1, &7), (&2, &8, S::Submitted)),
            Err(Refusal::BadMergeTarget)
        );
        assert_eq!(
            merge_target_fits((&1, &7), (&2, &7, S::Merged)),
            Err(Refusal::BadMergeTarget)
        );
    }
}
