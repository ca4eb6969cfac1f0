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
