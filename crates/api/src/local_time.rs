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

/// The day a request names in `field` (`YYYY-MM-DD`): not one is a 400; a day before 1900 or
/// after 2200 a 422 (`calendar`: the form is right, no day of this product is that far).
pub fn day_field(field: &str, value: &str) -> Result<NaiveDate, samenstad_types::FieldError> {
    use samenstad_domain::calendar::{DayRefusal, parse_day};
    parse_day(value).map_err(|refusal| match refusal {
        DayRefusal::Malformed => {
            samenstad_types::FieldError::new(field, "invalid", "must be a date (YYYY-MM-DD)")
        }
        // `samenstad_domain::calendar::{FIRST_YEAR, LAST_YEAR}`
        DayRefusal::OutOfRange => {
            samenstad_types::FieldError::new(field, "calendar", "must be a day from 1900 to 2200")
        }
    })
}

/// [`day_field`] as the request's answer.
pub fn day(field: &str, value: &str) -> Result<NaiveDate, crate::error::AppError> {
    day_field(field, value).map_err(|e| crate::error::AppError::Validation(vec![e]))
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
