//! Advice of the advisory councils: when a request may be asked, when a council may publish its
//! advice, when the city may respond, and when a request is open.

use chrono::NaiveDate;
use samenstad_types::councils::AdviceRequestStatus;

/// The least time a council gets to answer: a week (the councils asked for "enough time").
pub const MIN_DAYS: i64 = 7;
/// The furthest deadline: a year.
pub const MAX_DAYS: i64 = 366;

/// Why a step on advice is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The deadline is less than a week away, or more than a year.
    DeadlineOutOfRange,
    /// The deadline has passed: the council can no longer publish.
    DeadlinePassed,
    /// The council published its advice already (it is a public record).
    AlreadyPublished,
    /// There is no advice to respond to yet.
    NotPublished,
    /// The city responded already (it is a public record).
    AlreadyResponded,
}

impl Refusal {
    /// Whether the refusal is a conflict with the state (409) rather than a bad field (400).
    pub fn is_conflict(self) -> bool {
        !matches!(self, Refusal::DeadlineOutOfRange)
    }

    /// What to tell the person.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::DeadlineOutOfRange => {
                "must be 7 to 366 days from today: the councils need time to answer"
            }
            Refusal::DeadlinePassed => "the deadline of this request has passed",
            Refusal::AlreadyPublished => "this council has published its advice already",
            Refusal::NotPublished => "this council has not published its advice yet",
            Refusal::AlreadyResponded => "the city has responded to this advice already",
        }
    }
}

/// A new request's deadline: a week to a year from `today`.
pub fn check_deadline(deadline: NaiveDate, today: NaiveDate) -> Result<(), Refusal> {
    let days = (deadline - today).num_days();
    if (MIN_DAYS..=MAX_DAYS).contains(&days) {
        Ok(())
    } else {
        Err(Refusal::DeadlineOutOfRange)
    }
}

/// A council publishes once, on or before the deadline.
pub fn may_publish(deadline: NaiveDate, today: NaiveDate, published: bool) -> Result<(), Refusal> {
    if published {
        Err(Refusal::AlreadyPublished)
    } else if today > deadline {
        Err(Refusal::DeadlinePassed)
    } else {
        Ok(())
    }
}

/// The city responds once, to published advice.
pub fn may_respond(published: bool, responded: bool) -> Result<(), Refusal> {
    if !published {
        Err(Refusal::NotPublished)
    } else if responded {
        Err(Refusal::AlreadyResponded)
    } else {
        Ok(())
    }
}

/// Open until every council asked has published, or the deadline has passed.
pub fn status(deadline: NaiveDate, today: NaiveDate, all_published: bool) -> AdviceRequestStatus {
    if all_published || today > deadline {
        AdviceRequestStatus::Closed
    } else {
        AdviceRequestStatus::Open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).expect("a day")
    }

    #[test]
    fn a_request_gives_the_councils_a_week_to_a_year() {
        assert_eq!(
            check_deadline(day(10), day(4)),
            Err(Refusal::DeadlineOutOfRange)
        );
        assert_eq!(check_deadline(day(11), day(4)), Ok(()));
        let next_year = NaiveDate::from_ymd_opt(2027, 12, 5).expect("a day");
        assert_eq!(check_deadline(next_year, day(4)), Ok(()));
        let too_far = NaiveDate::from_ymd_opt(2027, 12, 6).expect("a day");
        assert_eq!(
            check_deadline(too_far, day(4)),
            Err(Refusal::DeadlineOutOfRange)
        );
    }

    #[test]
    fn advice_is_published_once_by_the_deadline_and_answered_once() {
        assert_eq!(may_publish(day(20), day(20), false), Ok(()));
        assert_eq!(
            may_publish(day(20), day(21), false),
            Err(Refusal::DeadlinePassed)
        );
        assert_eq!(
            may_publish(day(20), day(10), true),
            Err(Refusal::AlreadyPublished)
        );
        assert_eq!(may_respond(false, false), Err(Refusal::NotPublished));
        assert_eq!(may_respond(true, false), Ok(()));
        assert_eq!(may_respond(true, true), Err(Refusal::AlreadyResponded));
        assert!(
            Refusal::AlreadyResponded.is_conflict() && !Refusal::DeadlineOutOfRange.is_conflict()
        );
    }

    #[test]
    fn a_request_closes_when_everyone_answered_or_the_deadline_passed() {
        assert_eq!(status(day(20), day(10), false), AdviceRequestStatus::Open);
        assert_eq!(status(day(20), day(10), true), AdviceRequestStatus::Closed);
        assert_eq!(status(day(20), day(21), false), AdviceRequestStatus::Closed);
    }
}
