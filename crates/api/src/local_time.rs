//! Days as Gent lives them (Europe/Brussels): today, the start of a day, the day of a moment.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Brussels;

/// Today in Gent.
pub fn today() -> NaiveDate {
    day_of(Utc::now())
}

/// The day in Gent of the moment `t`.
pub fn day_of(t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&Brussels).date_naive()
}

/// Midnight at the start of a day in Gent.
pub fn midnight(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    Brussels
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

/// A date of birth as sent (`YYYY-MM-DD`): not a date is a 400 on `birth_date`; a date after
/// today or before 1901 a 422 (`past`: the form is right, the day cannot be).
pub fn birth_date(value: &str) -> Result<NaiveDate, crate::error::AppError> {
    use chrono::Datelike;
    let day = NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
        crate::error::AppError::field("birth_date", "invalid", "must be a date, YYYY-MM-DD")
    })?;
    if day.year() > 1900 && day <= today() {
        Ok(day)
    } else {
        Err(crate::error::AppError::field(
            "birth_date",
            "past",
            "must be a past date after 1900",
        ))
    }
}
