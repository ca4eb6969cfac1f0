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

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalState {
    /// Written and waiting for a decision.
    Proposed,
    /// Chosen; it became a project.
    Selected,
    /// Not chosen.
    NotSelected,
}

impl ProposalState {
    /// The stored value (`proposed`, `selected`, `not_selected`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::Selected => "selected",
            Self::NotSelected => "not_selected",
        }
    }

    /// Parses a stored value.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "proposed" => Some(Self::Proposed),
            "selected" => Some(Self::Selected),
            "not_selected" => Some(Self::NotSelected),
            _ => None,
        }
    }
}

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
        (decided, _) => Err(Refusal(format!(
            "the proposal is already {}",
            decided.as_str()
        ))),
    }
}

/// Where a public vote stands; it follows from the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteState {
    /// Before it opens.
    Upcoming,
    /// Ballots may be cast.
    Open,
    /// Results are published and may be applied.
    Closed,
}

impl VoteState {
    /// The state at `now` of a vote open from `opens_at` until `closes_at` (exclusive).
    pub fn at<T: PartialOrd>(now: &T, opens_at: &T, closes_at: &T) -> Self {
        if now < opens_at {
            Self::Upcoming
        } else if now < closes_at {
            Self::Open
        } else {
            Self::Closed
        }
    }

    /// The value shown (`upcoming`, `open`, `closed`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Upcoming => "upcoming",
            Self::Open => "open",
            Self::Closed => "closed",
        }
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
}

/// Ballots while open; results, and applying them, once closed. The state does not change.
pub fn vote_transition(state: VoteState, action: VoteAction) -> Result<VoteState, Refusal> {
    match (state, action) {
        (VoteState::Open, VoteAction::CastBallot)
        | (VoteState::Closed, VoteAction::PublishResults | VoteAction::ApplyResult) => Ok(state),
        (_, VoteAction::CastBallot) => Err(Refusal(format!("the vote is {}", state.as_str()))),
        (_, VoteAction::PublishResults | VoteAction::ApplyResult) => Err(Refusal(
            "results are published when the vote closes".to_owned(),
        )),
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
    fn proposal_states_round_trip_through_their_stored_values() {
        for s in [
            ProposalState::Proposed,
            ProposalState::Selected,
            ProposalState::NotSelected,
        ] {
            assert_eq!(ProposalState::parse(s.as_str()), Some(s));
        }
        assert_eq!(ProposalState::parse("withdrawn"), None);
    }

    #[test]
    fn a_vote_is_upcoming_open_then_closed_with_the_close_exclusive() {
        assert_eq!(VoteState::at(&1, &2, &4), VoteState::Upcoming);
        assert_eq!(VoteState::at(&2, &2, &4), VoteState::Open);
        assert_eq!(VoteState::at(&4, &2, &4), VoteState::Closed);
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
}
