//! Booking rules without IO: tariff category and price.

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
