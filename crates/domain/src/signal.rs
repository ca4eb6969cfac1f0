//! The life of a signal (melding): the steps the responsible service takes, the reporter's
//! reopening, and the distance within which an open signal of the same category counts as
//! possibly the same.
//!
//! submitted → acknowledged → planned (a day, today or later) → closed as fixed, not the city's
//! responsibility (naming who is), duplicate (of another signal), referred (to a named service
//! or partner) or not fixed. Every step carries a reason the public reads. A closed signal stays
//! closed for the service; its reporter may reopen it within [`REOPEN_DAYS`] days, with a
//! comment, and it is `submitted` again.

use chrono::{DateTime, Duration, NaiveDate, Utc};
pub use samenstad_types::signals::{SignalAction, SignalResolution, SignalStatus};

use crate::geometry::distance_m;

/// Days after its closing within which the reporter may reopen a signal.
pub const REOPEN_DAYS: i64 = 30;

/// Metres within which an open signal of the same category is shown as possibly the same.
pub const NEARBY_M: f64 = 250.0;

/// Why a step is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The signal is closed; only its reporter can reopen it.
    Closed,
    /// It was acknowledged already.
    AlreadyAcknowledged,
    /// `plan` needs a day.
    DayRequired,
    /// The planned day has passed.
    DayInThePast,
    /// `close` needs a resolution.
    ResolutionRequired,
    /// `not_responsible` and `referred` name who is responsible.
    ResponsibleRequired,
    /// `duplicate` links the original.
    OriginalRequired,
    /// A signal cannot be a duplicate of itself, nor of a duplicate.
    BadOriginal,
    /// Only a closed signal can be reopened.
    NotClosed,
    /// It was closed more than [`REOPEN_DAYS`] days ago.
    TooLateToReopen,
}

impl Refusal {
    /// Whether this is a conflict with the current state (409) rather than a bad field (400).
    pub fn is_conflict(self) -> bool {
        matches!(
            self,
            Self::Closed | Self::AlreadyAcknowledged | Self::NotClosed | Self::TooLateToReopen
        )
    }

    /// The field a bad-field refusal is about.
    pub fn field(self) -> &'static str {
        match self {
            Self::DayRequired | Self::DayInThePast => "planned_for",
            Self::ResolutionRequired => "resolution",
            Self::ResponsibleRequired => "responsible",
            Self::OriginalRequired | Self::BadOriginal => "duplicate_of",
            _ => "action",
        }
    }

    /// What the person reads.
    pub fn message(self) -> &'static str {
        match self {
            Self::Closed => "the signal is closed; only its reporter can reopen it",
            Self::AlreadyAcknowledged => "the signal was acknowledged already",
            Self::DayRequired => "say for which day the work is planned",
            Self::DayInThePast => "the planned day must be today or later",
            Self::ResolutionRequired => "say how the signal is closed",
            Self::ResponsibleRequired => "name who is responsible, or to whom it went",
            Self::OriginalRequired => "link the signal this one repeats",
            Self::BadOriginal => {
                "the original must be another signal that is not itself a duplicate"
            }
            Self::NotClosed => "only a closed signal can be reopened",
            Self::TooLateToReopen => "a signal can be reopened up to 30 days after its closing",
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

/// A step of the service with what it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step<'a> {
    /// The action.
    pub action: SignalAction,
    /// `plan`: the day.
    pub planned_for: Option<NaiveDate>,
    /// `close`: how.
    pub resolution: Option<SignalResolution>,
    /// `close` as not responsible or referred: who.
    pub responsible: Option<&'a str>,
    /// `close` as duplicate: whether an original was given, and whether it is acceptable
    /// (another signal, not itself a duplicate).
    pub original: Option<bool>,
}

/// The status a step of the service leads to, or why it is refused.
pub fn next(
    current: SignalStatus,
    step: &Step<'_>,
    today: NaiveDate,
) -> Result<SignalStatus, Refusal> {
    if current == SignalStatus::Closed {
        return Err(Refusal::Closed);
    }
    match step.action {
        SignalAction::Acknowledge => {
            if current == SignalStatus::Submitted {
                Ok(SignalStatus::Acknowledged)
            } else {
                Err(Refusal::AlreadyAcknowledged)
            }
        }
        SignalAction::Plan => match step.planned_for {
            None => Err(Refusal::DayRequired),
            Some(day) if day < today => Err(Refusal::DayInThePast),
            Some(_) => Ok(SignalStatus::Planned),
        },
        SignalAction::Close => {
            let resolution = step.resolution.ok_or(Refusal::ResolutionRequired)?;
            match resolution {
                SignalResolution::NotResponsible | SignalResolution::Referred
                    if step.responsible.is_none_or(|r| r.trim().is_empty()) =>
                {
                    Err(Refusal::ResponsibleRequired)
                }
                SignalResolution::Duplicate => match step.original {
                    None => Err(Refusal::OriginalRequired),
                    Some(false) => Err(Refusal::BadOriginal),
                    Some(true) => Ok(SignalStatus::Closed),
                },
                _ => Ok(SignalStatus::Closed),
            }
        }
    }
}

/// The seconds to wait before one more report, when `count` reports in the last hour (the
/// oldest at `oldest`) reach `per_hour`; `None` while under the limit.
pub fn hourly_wait(
    count: i64,
    oldest: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    per_hour: i64,
) -> Option<i64> {
    (count >= per_hour).then(|| {
        oldest
            .map(|t| (t + Duration::hours(1) - now).num_seconds().max(1))
            .unwrap_or(3600)
    })
}

/// Whether the reporter may reopen a signal now: it is closed, since at most [`REOPEN_DAYS`].
pub fn may_reopen(
    current: SignalStatus,
    closed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<SignalStatus, Refusal> {
    match (current, closed_at) {
        (SignalStatus::Closed, Some(at)) if now - at <= Duration::days(REOPEN_DAYS) => {
            Ok(SignalStatus::Submitted)
        }
        (SignalStatus::Closed, _) => Err(Refusal::TooLateToReopen),
        _ => Err(Refusal::NotClosed),
    }
}

/// Whether a point lies within [`NEARBY_M`] of another (great-circle distance).
pub fn is_nearby(a: (f64, f64), b: (f64, f64)) -> bool {
    distance_m(a.0, a.1, b.0, b.1) <= NEARBY_M
}

/// A box (min lat, max lat, min lon, max lon) that holds every point within [`NEARBY_M`] of
/// `(lat, lon)`: the pre-filter of the database, refined by [`is_nearby`].
pub fn nearby_box(lat: f64, lon: f64) -> (f64, f64, f64, f64) {
    let dlat = NEARBY_M / 111_000.0 * 1.01;
    let dlon = dlat / lat.to_radians().cos().max(0.01);
    (lat - dlat, lat + dlat, lon - dlon, lon + dlon)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    fn step(action: SignalAction) -> Step<'static> {
        Step {
            action,
            planned_for: None,
            resolution: None,
            responsible: None,
            original: None,
        }
    }

    #[test]
    fn the_service_acknowledges_plans_and_closes_with_what_each_step_needs() {
        let today = day("2026-12-04");
        use SignalStatus::*;
        assert_eq!(
            next(Submitted, &step(SignalAction::Acknowledge), today),
            Ok(Acknowledged)
        );
        assert_eq!(
            next(Acknowledged, &step(SignalAction::Acknowledge), today),
            Err(Refusal::AlreadyAcknowledged)
        );
        let plan = |d: &str| Step {
            planned_for: Some(day(d)),
            ..step(SignalAction::Plan)
        };
        assert_eq!(next(Submitted, &plan("2026-12-04"), today), Ok(Planned));
        assert_eq!(
            next(Planned, &plan("2026-12-09"), today),
            Ok(Planned),
            "re-planned"
        );
        assert_eq!(
            next(Acknowledged, &plan("2026-12-03"), today),
            Err(Refusal::DayInThePast)
        );
        assert_eq!(
            next(Acknowledged, &step(SignalAction::Plan), today),
            Err(Refusal::DayRequired)
        );
        let close = |r: SignalResolution| Step {
            resolution: Some(r),
            ..step(SignalAction::Close)
        };
        assert_eq!(
            next(Planned, &close(SignalResolution::Fixed), today),
            Ok(Closed)
        );
        assert_eq!(
            next(Submitted, &close(SignalResolution::NotFixed), today),
            Ok(Closed)
        );
        assert_eq!(
            next(Submitted, &step(SignalAction::Close), today),
            Err(Refusal::ResolutionRequired)
        );
        for r in [SignalResolution::NotResponsible, SignalResolution::Referred] {
            assert_eq!(
                next(Submitted, &close(r), today),
                Err(Refusal::ResponsibleRequired)
            );
            let named = Step {
                responsible: Some("De Lijn"),
                ..close(r)
            };
            assert_eq!(next(Submitted, &named, today), Ok(Closed));
        }
        assert_eq!(
            next(Submitted, &close(SignalResolution::Duplicate), today),
            Err(Refusal::OriginalRequired)
        );
        let dup = |ok| Step {
            original: Some(ok),
            ..close(SignalResolution::Duplicate)
        };
        assert_eq!(
            next(Submitted, &dup(false), today),
            Err(Refusal::BadOriginal)
        );
        assert_eq!(next(Submitted, &dup(true), today), Ok(Closed));
        for action in [
            SignalAction::Acknowledge,
            SignalAction::Plan,
            SignalAction::Close,
        ] {
            assert_eq!(next(Closed, &step(action), today), Err(Refusal::Closed));
        }
    }

    #[test]
    fn a_reporter_reopens_a_closed_signal_within_thirty_days() {
        let closed: DateTime<Utc> = "2026-11-01T10:00:00Z".parse().expect("time");
        let at = |s: &str| s.parse::<DateTime<Utc>>().expect("time");
        assert_eq!(
            may_reopen(
                SignalStatus::Closed,
                Some(closed),
                at("2026-12-01T10:00:00Z")
            ),
            Ok(SignalStatus::Submitted)
        );
        assert_eq!(
            may_reopen(
                SignalStatus::Closed,
                Some(closed),
                at("2026-12-01T10:00:01Z")
            ),
            Err(Refusal::TooLateToReopen)
        );
        assert_eq!(
            may_reopen(SignalStatus::Planned, None, at("2026-11-02T10:00:00Z")),
            Err(Refusal::NotClosed)
        );
    }

    #[test]
    fn nearby_means_within_250_metres_and_the_box_holds_every_such_point() {
        let here = (51.0625, 3.7125);
        // 1° of latitude is about 111.2 km: 240 m and 260 m north.
        assert!(is_nearby(here, (here.0 + 240.0 / 111_195.0, here.1)));
        assert!(!is_nearby(here, (here.0 + 260.0 / 111_195.0, here.1)));
        let (lat0, lat1, lon0, lon1) = nearby_box(here.0, here.1);
        for bearing in 0..36 {
            let a = f64::from(bearing * 10).to_radians();
            let (dn, de) = (249.0 * a.cos(), 249.0 * a.sin());
            let p = (
                here.0 + dn / 111_195.0,
                here.1 + de / (111_195.0 * here.0.to_radians().cos()),
            );
            assert!(is_nearby(here, p));
            assert!(
                p.0 >= lat0 && p.0 <= lat1 && p.1 >= lon0 && p.1 <= lon1,
                "{p:?}"
            );
        }
    }

    #[test]
    fn the_hourly_limit_says_how_long_to_wait_for_the_oldest_report_to_age_out() {
        let now = Utc::now();
        assert_eq!(hourly_wait(9, Some(now), now, 10), None);
        assert_eq!(
            hourly_wait(10, Some(now - Duration::minutes(50)), now, 10),
            Some(600)
        );
        assert_eq!(hourly_wait(10, None, now, 10), Some(3600));
        assert_eq!(
            hourly_wait(10, Some(now - Duration::hours(2)), now, 10),
            Some(1),
            "at least a second"
        );
    }
}
