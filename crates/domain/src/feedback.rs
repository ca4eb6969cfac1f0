//! The feedback table: its period, and its lines grouped by theme.

use chrono::{Duration, NaiveDate};
use samenstad_types::feedback::{FeedbackItem, FeedbackTheme};

/// The default look-back, and the longest period.
pub const DEFAULT_DAYS: i64 = 90;
pub const MAX_DAYS: i64 = 366;

/// Why a period is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodError {
    /// `from` after `to`.
    Reversed,
    /// Longer than a year.
    TooLong,
}

impl PeriodError {
    /// What to tell the person.
    pub fn message(self) -> &'static str {
        match self {
            PeriodError::Reversed => "must not be after `to`",
            PeriodError::TooLong => "the period may be at most 366 days",
        }
    }
}

/// The period asked for: `to` defaults to today, `from` to 90 days before `to`.
pub fn period(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), PeriodError> {
    let to = to.unwrap_or(today);
    let from = from.unwrap_or(to - Duration::days(DEFAULT_DAYS));
    if from > to {
        Err(PeriodError::Reversed)
    } else if (to - from).num_days() > MAX_DAYS {
        Err(PeriodError::TooLong)
    } else {
        Ok((from, to))
    }
}

/// The lines grouped by theme (themes in alphabetical order, lines newest first).
pub fn group(mut items: Vec<FeedbackItem>) -> Vec<FeedbackTheme> {
    items.sort_by(|a, b| {
        a.theme
            .cmp(&b.theme)
            .then(b.date.cmp(&a.date))
            .then(a.link.cmp(&b.link))
    });
    let mut themes: Vec<FeedbackTheme> = Vec::new();
    for item in items {
        match themes.last_mut() {
            Some(t) if t.theme == item.theme => t.items.push(item),
            _ => themes.push(FeedbackTheme {
                theme: item.theme.clone(),
                items: vec![item],
            }),
        }
    }
    themes
}

#[cfg(test)]
mod tests {
    use super::*;
    use samenstad_types::feedback::FeedbackKind;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).expect("a day")
    }

    fn item(theme: &str, date: &str) -> FeedbackItem {
        FeedbackItem {
            kind: FeedbackKind::Signal,
            theme: theme.to_owned(),
            title: "t".to_owned(),
            status: "submitted".to_owned(),
            outcome: None,
            response: None,
            responsible: None,
            date: date.to_owned(),
            link: format!("/signals/{theme}{date}"),
        }
    }

    #[test]
    fn the_period_defaults_to_ninety_days_up_to_today_and_is_at_most_a_year() {
        assert_eq!(
            period(None, None, day(4)),
            Ok((day(4) - Duration::days(90), day(4)))
        );
        assert_eq!(
            period(Some(day(1)), Some(day(3)), day(4)),
            Ok((day(1), day(3)))
        );
        assert_eq!(
            period(Some(day(5)), Some(day(3)), day(4)),
            Err(PeriodError::Reversed)
        );
        let long_ago = NaiveDate::from_ymd_opt(2025, 12, 2).expect("a day");
        assert_eq!(
            period(Some(long_ago), None, day(4)),
            Err(PeriodError::TooLong)
        );
    }

    #[test]
    fn lines_are_grouped_by_theme_newest_first() {
        let themes = group(vec![
            item("Zwerfvuil", "2026-12-01"),
            item("Groen", "2026-11-01"),
            item("Zwerfvuil", "2026-12-03"),
        ]);
        assert_eq!(
            themes.iter().map(|t| t.theme.as_str()).collect::<Vec<_>>(),
            ["Groen", "Zwerfvuil"]
        );
        assert_eq!(themes[1].items[0].date, "2026-12-03");
    }
}
