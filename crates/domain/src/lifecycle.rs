//! State machines of the wijkbudget: proposal, vote and panel seat. Each is an enum of states,
//! an enum of actions and one pure `transition` that says which change is allowed and, if
//! not, why (`Refusal`). Handlers and the web app ask the same functions.

use std::fmt;

/// Why a transition is not allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(pub String);

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refusal {}

pub use samenstad_types::projects::{ProposalStatus as ProposalState, VoteState};

/// What can happen to a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalAction {
    /// A decision for it (by staff, a panel member or a vote's result).
    Select,
    /// A decision against it.
    Reject,
}

/// A proposal is decided once: only a proposed one can be selected or not.
pub fn proposal_transition(
    state: ProposalState,
    action: ProposalAction,
) -> Result<ProposalState, Refusal> {
    match (state, action) {
        (ProposalState::Proposed, ProposalAction::Select) => Ok(ProposalState::Selected),
        (ProposalState::Proposed, ProposalAction::Reject) => Ok(ProposalState::NotSelected),
        (ProposalState::Withdrawn, _) => Err(Refusal("the proposal was withdrawn".to_owned())),
        (decided @ (ProposalState::Selected | ProposalState::NotSelected), _) => Err(Refusal(
            format!("the proposal is already {}", decided.as_str()),
        )),
    }
}

/// The state at `now` of a vote open from `opens_at` until `closes_at` (exclusive): a vote's
/// state follows from the clock.
pub fn vote_state_at<T: PartialOrd>(now: &T, opens_at: &T, closes_at: &T) -> VoteState {
    if now < opens_at {
        VoteState::Upcoming
    } else if now < closes_at {
        VoteState::Open
    } else {
        VoteState::Closed
    }
}

/// What can be done with a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteAction {
    /// Cast or change a ballot (online or on paper).
    CastBallot,
    /// Publish the results (and the Pabulib file).
    PublishResults,
    /// Turn the result into decisions on the proposals.
    ApplyResult,
    /// Open an upcoming vote now (staff).
    OpenNow,
    /// Close an open vote now (staff).
    CloseNow,
}

/// Ballots while open; results, and applying them, once closed. Staff may open an upcoming vote
/// early and close an open one early; nothing reopens a closed vote.
pub fn vote_transition(state: VoteState, action: VoteAction) -> Result<VoteState, Refusal> {
    match (state, action) {
        (VoteState::Open, VoteAction::CastBallot)
        | (VoteState::Closed, VoteAction::PublishResults | VoteAction::ApplyResult) => Ok(state),
        (VoteState::Upcoming, VoteAction::OpenNow) => Ok(VoteState::Open),
        (VoteState::Open, VoteAction::CloseNow) => Ok(VoteState::Closed),
        (_, VoteAction::CastBallot) => Err(Refusal(format!("the vote is {}", state.as_str()))),
        (_, VoteAction::PublishResults | VoteAction::ApplyResult) => Err(Refusal(
            "results are published when the vote closes".to_owned(),
        )),
        (_, VoteAction::OpenNow) => Err(Refusal(format!(
            "only an upcoming vote can be opened; this one is {}",
            state.as_str()
        ))),
        (_, VoteAction::CloseNow) => Err(Refusal(format!(
            "only an open vote can be closed; this one is {}",
            state.as_str()
        ))),
    }
}

/// Where a seat of a lottery panel stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatState {
    /// A sitting member.
    Member,
    /// An ordered reserve.
    Reserve,
    /// A member who withdrew (and was replaced).
    Withdrawn,
}

impl SeatState {
    /// The state of a stored seat: its kind (`member`, `reserve`) and whether it was withdrawn.
    pub fn of(kind: &str, withdrawn: bool) -> Self {
        match (kind, withdrawn) {
            (_, true) => Self::Withdrawn,
            ("member", false) => Self::Member,
            _ => Self::Reserve,
        }
    }
}

/// What can happen to a seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatAction {
    /// The member steps down.
    Withdraw,
    /// A reserve takes a freed seat.
    Promote,
}

/// Only a sitting member withdraws; only a reserve is promoted.
pub fn seat_transition(state: SeatState, action: SeatAction) -> Result<SeatState, Refusal> {
    match (state, action) {
        (SeatState::Member, SeatAction::Withdraw) => Ok(SeatState::Withdrawn),
        (SeatState::Reserve, SeatAction::Promote) => Ok(SeatState::Member),
        (_, SeatAction::Withdraw) => Err(Refusal("not a sitting member".to_owned())),
        (_, SeatAction::Promote) => Err(Refusal("not a reserve".to_owned())),
    }
}

/// Where a lottery panel stands on a proposal, from its members' votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelOutcome {
    /// Not decided yet: no majority of the seated members, or the quorum not reached.
    Pending,
    /// A majority of the seated members is for it (with the quorum): selected.
    Select,
    /// A majority of the seated members is against it (with the quorum): not selected.
    Reject,
}

/// A panel decides by a majority of its seated members, once at least `quorum` of them voted:
/// more than half of `seated` for it selects, more than half against it rejects; anything
/// else waits. So one member alone never decides a panel of more than one.
pub fn panel_outcome(seated: u32, quorum: u32, votes_for: u32, votes_against: u32) -> PanelOutcome {
    let majority = seated / 2 + 1;
    if seated == 0 || votes_for + votes_against < quorum.max(1) {
        PanelOutcome::Pending
    } else if votes_for >= majority {
        PanelOutcome::Select
    } else if votes_against >= majority {
        PanelOutcome::Reject
    } else {
        PanelOutcome::Pending
    }
}

/// The selected proposals of a wijk never cost more than its allocation: whether one more
/// proposal of `cost` fits next to what is `committed`, and if not, what is left.
pub fn fits_allocation(allocation: i64, committed: i64, cost: i64) -> Result<(), i64> {
    let left = (allocation - committed).max(0);
    if cost <= left { Ok(()) } else { Err(left) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proposed_proposal_is_decided_once() {
        assert_eq!(
            proposal_transition(ProposalState::Proposed, ProposalAction::Select),
            Ok(ProposalState::Selected)
        );
        assert_eq!(
            proposal_transition(ProposalState::Proposed, ProposalAction::Reject),
            Ok(ProposalState::NotSelected)
        );
        assert_eq!(
            proposal_transition(ProposalState::Selected, ProposalAction::Reject),
            Err(Refusal("the proposal is already selected".to_owned()))
        );
        assert_eq!(
            proposal_transition(ProposalState::NotSelected, ProposalAction::Select)
                .map_err(|r| r.to_string()),
            Err("the proposal is already not_selected".to_owned())
        );
    }

    #[test]
    fn a_withdrawn_proposal_cannot_be_decided() {
        for action in [ProposalAction::Select, ProposalAction::Reject] {
            assert_eq!(
                proposal_transition(ProposalState::Withdrawn, action),
                Err(Refusal("the proposal was withdrawn".to_owned()))
            );
        }
    }

    #[test]
    fn a_vote_is_upcoming_open_then_closed_with_the_close_exclusive() {
        assert_eq!(vote_state_at(&1, &2, &4), VoteState::Upcoming);
        assert_eq!(vote_state_at(&2, &2, &4), VoteState::Open);
        assert_eq!(vote_state_at(&4, &2, &4), VoteState::Closed);
    }

    #[test]
    fn ballots_only_while_open_and_results_only_once_closed() {
        assert!(vote_transition(VoteState::Open, VoteAction::CastBallot).is_ok());
        assert_eq!(
            vote_transition(VoteState::Upcoming, VoteAction::CastBallot),
            Err(Refusal("the vote is upcoming".to_owned()))
        );
        assert_eq!(
            vote_transition(VoteState::Closed, VoteAction::CastBallot),
            Err(Refusal("the vote is closed".to_owned()))
        );
        assert!(vote_transition(VoteState::Closed, VoteAction::PublishResults).is_ok());
        assert!(vote_transition(VoteState::Closed, VoteAction::ApplyResult).is_ok());
        assert!(vote_transition(VoteState::Open, VoteAction::PublishResults).is_err());
        assert!(vote_transition(VoteState::Upcoming, VoteAction::ApplyResult).is_err());
    }

    #[test]
    fn staff_open_an_upcoming_vote_and_close_an_open_one_but_never_reopen() {
        assert_eq!(
            vote_transition(VoteState::Upcoming, VoteAction::OpenNow),
            Ok(VoteState::Open)
        );
        assert_eq!(
            vote_transition(VoteState::Open, VoteAction::CloseNow),
            Ok(VoteState::Closed)
        );
        assert_eq!(
            vote_transition(VoteState::Closed, VoteAction::OpenNow),
            Err(Refusal(
                "only an upcoming vote can be opened; this one is closed".to_owned()
            ))
        );
        assert!(vote_transition(VoteState::Open, VoteAction::OpenNow).is_err());
        assert!(vote_transition(VoteState::Upcoming, VoteAction::CloseNow).is_err());
        assert!(vote_transition(VoteState::Closed, VoteAction::CloseNow).is_err());
    }

    #[test]
    fn only_sitting_members_withdraw_and_only_reserves_are_promoted() {
        assert_eq!(SeatState::of("member", false), SeatState::Member);
        assert_eq!(SeatState::of("reserve", false), SeatState::Reserve);
        assert_eq!(SeatState::of("member", true), SeatState::Withdrawn);
        assert_eq!(
            seat_transition(SeatState::Member, SeatAction::Withdraw),
            Ok(SeatState::Withdrawn)
        );
        assert_eq!(
            seat_transition(SeatState::Reserve, SeatAction::Promote),
            Ok(SeatState::Member)
        );
        assert!(seat_transition(SeatState::Withdrawn, SeatAction::Withdraw).is_err());
        assert!(seat_transition(SeatState::Reserve, SeatAction::Withdraw).is_err());
        assert!(seat_transition(SeatState::Member, SeatAction::Promote).is_err());
    }

    #[test]
    fn a_panel_decides_by_a_majority_of_its_seated_members_with_a_quorum() {
        use PanelOutcome::{Pending, Reject, Select};
        // One member of three cannot decide alone, whatever the quorum.
        assert_eq!(panel_outcome(3, 1, 1, 0), Pending);
        assert_eq!(panel_outcome(3, 2, 2, 0), Select);
        assert_eq!(panel_outcome(3, 2, 0, 2), Reject);
        assert_eq!(panel_outcome(3, 2, 1, 1), Pending);
        // A majority of the seated, not of those who voted.
        assert_eq!(panel_outcome(10, 4, 4, 0), Pending);
        assert_eq!(panel_outcome(10, 4, 6, 0), Select);
        assert_eq!(
            panel_outcome(10, 8, 6, 1),
            Pending,
            "quorum of 8 not reached"
        );
        assert_eq!(panel_outcome(10, 8, 6, 2), Select);
        assert_eq!(panel_outcome(1, 1, 1, 0), Select, "a panel of one");
        assert_eq!(panel_outcome(0, 1, 0, 0), Pending);
    }

    #[test]
    fn selections_never_pass_the_allocation() {
        assert_eq!(fits_allocation(250_000, 100_000, 150_000), Ok(()));
        assert_eq!(fits_allocation(250_000, 100_000, 150_001), Err(150_000));
        assert_eq!(fits_allocation(250_000, 300_000, 1), Err(0));
    }
}
