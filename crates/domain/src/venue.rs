//! The rules of a venue's upkeep: the room uses there are, lead times, tariffs, weekly opening
//! hours and closures. Checked by the server when a manager saves, and by the web app as they
//! type.

use chrono::{NaiveDate, NaiveTime};
use samenstad_types::FieldError;
use samenstad_types::venue::{OpeningKind, Tariffs};

/// The uses a room can allow.
pub const ROOM_USES: [&str; 7] = [
    "meeting",
    "training",
    "exhibition",
    "theatre",
    "party",
    "performance",
    "recurring_service",
];

/// The highest hourly tariff, in cents (€1,000).
pub const MAX_TARIFF_CENTS: i32 = 100_000;

/// The most opening-hour rows a venue has.
pub const MAX_OPENING_HOURS: usize = 50;

/// The longest closure, in days.
pub const MAX_CLOSURE_DAYS: i64 = 366;

/// The lead times make sense: the minimum is not above the maximum.
pub fn check_lead_times(min_days: i32, max_days: i32) -> Vec<FieldError> {
    if min_days > max_days {
        return vec![FieldError::new(
            "lead_time_max_days",
            "range",
            format!("must be at least the minimum, {min_days} days"),
        )];
    }
    Vec::new()
}

/// A room's uses are known ones and its tariffs lie between 0 and [`MAX_TARIFF_CENTS`].
pub fn check_room(uses: &[String], tariffs: &Tariffs) -> Vec<FieldError> {
    let mut out = Vec::new();
    for (i, u) in uses.iter().enumerate() {
        if !ROOM_USES.contains(&u.as_str()) {
            out.push(FieldError::new(
                format!("uses[{i}]"),
                "unknown",
                format!("`{u}` is not a room use; one of {}", ROOM_USES.join(", ")),
            ));
        }
    }
    let rates = [
        ("tariffs.recognised_cents", tariffs.recognised_cents),
        ("tariffs.resident_cents", tariffs.resident_cents),
        ("tariffs.private_cents", tariffs.private_cents),
    ];
    for (field, cents) in rates {
        if !(0..=MAX_TARIFF_CENTS).contains(&cents) {
            out.push(FieldError::new(
                field,
                "range",
                "must be 0 to 100000 cents (€1,000) an hour".to_owned(),
            ));
        }
    }
    out
}

/// One row of weekly opening hours, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hours {
    /// ISO weekday, 1 = Monday.
    pub weekday: i16,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
    pub kind: OpeningKind,
    pub condition: Option<String>,
}

/// Weekly opening hours make sense: at most [`MAX_OPENING_HOURS`] rows, weekdays 1 to 7,
/// opening before closing, a condition exactly for `conditional` hours, and no two rows of the
/// same kind overlapping on one day. Errors point at `hours[i]`.
pub fn check_hours(hours: &[Hours]) -> Vec<FieldError> {
    let mut out = Vec::new();
    if hours.len() > MAX_OPENING_HOURS {
        out.push(FieldError::new(
            "hours",
            "length",
            format!("at most {MAX_OPENING_HOURS} rows"),
        ));
        return out;
    }
    for (i, h) in hours.iter().enumerate() {
        let field = |name: &str| format!("hours[{i}].{name}");
        if !(1..=7).contains(&h.weekday) {
            out.push(FieldError::new(
                field("weekday"),
                "range",
                "must be 1 (Monday) to 7 (Sunday)".to_owned(),
            ));
        }
        if h.opens >= h.closes {
            out.push(FieldError::new(
                field("closes"),
                "order",
                "must be after the opening time".to_owned(),
            ));
        }
        let condition = h.condition.as_deref().map(str::trim).unwrap_or_default();
        match (h.kind == OpeningKind::Conditional, condition.is_empty()) {
            (true, true) => out.push(FieldError::new(
                field("condition"),
                "required",
                "say on what condition the venue is open".to_owned(),
            )),
            (false, false) => out.push(FieldError::new(
                field("condition"),
                "not_allowed",
                "only conditional hours have a condition".to_owned(),
            )),
            _ => {}
        }
        let overlaps = hours[..i].iter().any(|o| {
            o.weekday == h.weekday && o.kind == h.kind && o.opens < h.closes && h.opens < o.closes
        });
        if overlaps {
            out.push(FieldError::new(
                field("opens"),
                "overlap",
                "overlaps other hours of the same kind on that day".to_owned(),
            ));
        }
    }
    out
}

/// A new closure starts today or later, ends on or after its first day and lasts at most
/// [`MAX_CLOSURE_DAYS`].
pub fn check_closure(first: NaiveDate, last: NaiveDate, today: NaiveDate) -> Vec<FieldError> {
    let mut out = Vec::new();
    if first < today {
        out.push(FieldError::new(
            "first_day",
            "past",
            "must be today or later".to_owned(),
        ));
    }
    if last < first {
        out.push(FieldError::new(
            "last_day",
            "order",
            "must be on or after the first day".to_owned(),
        ));
    } else if (last - first).num_days() >= MAX_CLOSURE_DAYS {
        out.push(FieldError::new(
            "last_day",
            "span",
            format!("a closure lasts at most {MAX_CLOSURE_DAYS} days"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }

    fn row(weekday: i16, opens: &str, closes: &str, kind: OpeningKind) -> Hours {
        Hours {
            weekday,
            opens: t(opens),
            closes: t(closes),
            kind,
            condition: None,
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn hours_of_one_kind_may_not_overlap_on_a_day_but_may_touch() {
        let hours = [
            row(1, "09:00", "12:00", OpeningKind::WalkIn),
            row(1, "12:00", "17:00", OpeningKind::WalkIn),
            row(1, "10:00", "11:00", OpeningKind::ByAppointment),
            row(2, "09:00", "12:00", OpeningKind::WalkIn),
            row(1, "16:00", "18:00", OpeningKind::WalkIn),
        ];
        assert_eq!(fields(&check_hours(&hours)), ["hours[4].opens"]);
    }

    #[test]
    fn hours_must_open_before_closing_on_a_real_weekday_with_a_condition_only_when_conditional() {
        let mut conditional = row(8, "18:00", "09:00", OpeningKind::Conditional);
        conditional.condition = Some("  ".to_owned());
        let mut walk_in = row(3, "09:00", "10:00", OpeningKind::WalkIn);
        walk_in.condition = Some("op afspraak".to_owned());
        assert_eq!(
            fields(&check_hours(&[conditional, walk_in])),
            [
                "hours[0].weekday",
                "hours[0].closes",
                "hours[0].condition",
                "hours[1].condition"
            ]
        );
    }

    #[test]
    fn a_closure_starts_today_or_later_and_lasts_at_most_a_year() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let today = d("2027-12-01");
        assert!(check_closure(d("2027-12-24"), d("2028-01-01"), today).is_empty());
        assert!(check_closure(today, today, today).is_empty());
        assert_eq!(
            fields(&check_closure(d("2027-11-30"), d("2027-11-29"), today)),
            ["first_day", "last_day"]
        );
        assert!(check_closure(d("2028-01-01"), d("2028-12-31"), today).is_empty());
        assert_eq!(
            fields(&check_closure(d("2028-01-01"), d("2029-01-01"), today)),
            ["last_day"]
        );
    }

    #[test]
    fn room_uses_are_known_and_tariffs_in_range() {
        let tariffs = Tariffs {
            recognised_cents: -1,
            resident_cents: 1500,
            private_cents: 100_001,
            free_for_neighbourhood: false,
        };
        let uses = ["meeting".to_owned(), "rave".to_owned()];
        assert_eq!(
            fields(&check_room(&uses, &tariffs)),
            [
                "uses[1]",
                "tariffs.recognised_cents",
                "tariffs.private_cents"
            ]
        );
        assert_eq!(fields(&check_lead_times(30, 14)), ["lead_time_max_days"]);
        assert!(check_lead_times(14, 14).is_empty());
    }
}
