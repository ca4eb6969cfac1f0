//! Calendar days as the API writes them: `YYYY-MM-DD` with a four-digit year between
//! [`FIRST_YEAR`] and [`LAST_YEAR`]. chrono alone also reads years such as `+262143`, the edge
//! of its range, where adding a day to the date panics; no day of this product is that far.

use chrono::{Datelike, NaiveDate};

/// The first year a day may have.
pub const FIRST_YEAR: i32 = 1900;
/// The last year a day may have.
pub const LAST_YEAR: i32 = 2200;

/// Why a text is not a day of this product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayRefusal {
    /// Not `YYYY-MM-DD`, or no such day (30 February).
    Malformed,
    /// A day, but before [`FIRST_YEAR`] or after [`LAST_YEAR`].
    OutOfRange,
}

/// The day `value` (`YYYY-MM-DD`) names.
pub fn parse_day(value: &str) -> Result<NaiveDate, DayRefusal> {
    let shaped = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return Err(DayRefusal::Malformed);
    }
    let day = NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| DayRefusal::Malformed)?;
    if (FIRST_YEAR..=LAST_YEAR).contains(&day.year()) {
        Ok(day)
    } else {
        Err(DayRefusal::OutOfRange)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_four_digits_of_year_within_the_range_and_exists() {
        assert_eq!(
            parse_day("2026-12-05"),
            Ok(NaiveDate::from_ymd_opt(2026, 12, 5).unwrap_or_default())
        );
        for malformed in [
            "+262143-12-31",
            "-262144-01-01",
            "2026-2-5",
            "2026-02-30",
            "05-12-2026",
            "",
        ] {
            assert_eq!(
                parse_day(malformed),
                Err(DayRefusal::Malformed),
                "{malformed}"
            );
        }
        for far in ["1899-12-31", "2201-01-01", "0001-01-01", "9999-12-31"] {
            assert_eq!(parse_day(far), Err(DayRefusal::OutOfRange), "{far}");
        }
        assert!(parse_day("1900-01-01").is_ok() && parse_day("2200-12-31").is_ok());
    }
}
