//! Booking rules without IO: the states a booking goes through, tariff category and price.

pub use samenstad_types::venue::BookingStatus;

/// What someone does to a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BookingAction {
    /// A manager approves (the overlap check is the database's).
    Approve,
    /// A manager declines.
    Decline,
    /// The requester or a manager cancels.
    Cancel,
    /// The booking took place.
    Complete,
}

impl BookingAction {
    /// Every action.
    pub const ALL: [Self; 4] = [Self::Approve, Self::Decline, Self::Cancel, Self::Complete];
}

/// Why an action is not possible in a state (the API answers 409 with this text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BookingRefusal {
    /// Approve or decline what is no longer requested.
    #[error("the booking is already {0}")]
    AlreadyDecided(BookingStatus),
    /// Cancel what is neither requested nor approved.
    #[error("a {0} booking cannot be cancelled")]
    NotCancellable(BookingStatus),
    /// Complete what was not approved.
    #[error("a {0} booking cannot be completed")]
    NotCompletable(BookingStatus),
}

/// The state after `action` in `state`, or why it is refused: requested → approved or declined;
/// requested or approved → cancelled; approved → completed. Declined, cancelled and completed
/// are final.
pub fn transition(
    state: BookingStatus,
    action: BookingAction,
) -> Result<BookingStatus, BookingRefusal> {
    use BookingAction as A;
    use BookingStatus as S;
    match (state, action) {
        (S::Requested, A::Approve) => Ok(S::Approved),
        (S::Requested, A::Decline) => Ok(S::Declined),
        (_, A::Approve | A::Decline) => Err(BookingRefusal::AlreadyDecided(state)),
        (S::Requested | S::Approved, A::Cancel) => Ok(S::Cancelled),
        (_, A::Cancel) => Err(BookingRefusal::NotCancellable(state)),
        (S::Approved, A::Complete) => Ok(S::Completed),
        (_, A::Complete) => Err(BookingRefusal::NotCompletable(state)),
    }
}

/// Who books, as far as the tariff is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Booker {
    /// A person for themselves.
    Person,
    /// An organisation the city has not recognised.
    Organisation,
    /// A recognised (erkende) organisation.
    RecognisedOrganisation,
}

/// The hourly tariffs of a room, in cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoomTariffs {
    /// Recognised associations.
    pub recognised_cents: i32,
    /// Residents and resident groups.
    pub resident_cents: i32,
    /// Private use (e.g. a party).
    pub private_cents: i32,
    /// Organisations' neighbourhood activities are free.
    pub free_for_neighbourhood: bool,
}

/// The tariff category and hourly rate for a booking.
pub fn tariff(tariffs: RoomTariffs, booker: Booker, room_use: &str) -> (&'static str, i32) {
    match booker {
        Booker::Organisation | Booker::RecognisedOrganisation if tariffs.free_for_neighbourhood => {
            ("free", 0)
        }
        Booker::RecognisedOrganisation => ("recognised", tariffs.recognised_cents),
        Booker::Organisation => ("resident", tariffs.resident_cents),
        Booker::Person if room_use == "party" => ("private", tariffs.private_cents),
        Booker::Person => ("resident", tariffs.resident_cents),
    }
}

/// Price of `minutes` at `rate_cents` per hour, rounded up to a whole cent.
pub fn price_cents(rate_cents: i32, minutes: i64) -> i32 {
    let cents = (i64::from(rate_cents) * minutes.max(0) + 59) / 60;
    i32::try_from(cents).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_requested_booking_is_decided_and_final_states_stay_final() {
        use BookingAction as A;
        use BookingStatus as S;
        assert_eq!(transition(S::Requested, A::Approve), Ok(S::Approved));
        assert_eq!(transition(S::Requested, A::Decline), Ok(S::Declined));
        assert_eq!(transition(S::Approved, A::Cancel), Ok(S::Cancelled));
        assert_eq!(transition(S::Approved, A::Complete), Ok(S::Completed));
        assert_eq!(
            transition(S::Approved, A::Approve).map_err(|e| e.to_string()),
            Err("the booking is already approved".to_owned())
        );
        assert_eq!(
            transition(S::Declined, A::Cancel).map_err(|e| e.to_string()),
            Err("a declined booking cannot be cancelled".to_owned())
        );
        for state in [S::Declined, S::Cancelled, S::Completed] {
            for action in BookingAction::ALL {
                assert!(
                    transition(state, action).is_err(),
                    "{state} then {action:?}"
                );
            }
        }
    }

    #[test]
    fn every_state_has_one_name_that_parses_back() {
        for &state in BookingStatus::ALL {
            assert_eq!(BookingStatus::parse(state.as_str()), Some(state));
        }
        assert_eq!(BookingStatus::parse("pending"), None);
    }

    const T: RoomTariffs = RoomTariffs {
        recognised_cents: 500,
        resident_cents: 1000,
        private_cents: 2500,
        free_for_neighbourhood: false,
    };

    #[test]
    fn recognised_organisations_pay_the_reduced_rate_and_parties_the_private_one() {
        assert_eq!(
            tariff(T, Booker::RecognisedOrganisation, "meeting"),
            ("recognised", 500)
        );
        assert_eq!(
            tariff(T, Booker::Organisation, "meeting"),
            ("resident", 1000)
        );
        assert_eq!(tariff(T, Booker::Person, "meeting"), ("resident", 1000));
        assert_eq!(tariff(T, Booker::Person, "party"), ("private", 2500));
        let free = RoomTariffs {
            free_for_neighbourhood: true,
            ..T
        };
        assert_eq!(tariff(free, Booker::Organisation, "meeting"), ("free", 0));
        assert_eq!(tariff(free, Booker::Person, "meeting"), ("resident", 1000));
    }

    #[test]
    fn price_is_pro_rata_and_rounded_up() {
        assert_eq!(price_cents(1000, 120), 2000);
        assert_eq!(price_cents(1000, 90), 1500);
        assert_eq!(price_cents(999, 1), 17);
        assert_eq!(price_cents(0, 600), 0);
    }
}
