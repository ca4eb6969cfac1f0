//! How the web app writes numbers, money and dates, per language: the one place for each.

use crate::i18n::Lang;

/// Groups thousands: 19264 → "19.264" (nl) or "19,264" (en).
pub fn integer(value: i64, lang: Lang) -> String {
    samenstad_types::web::integer(value, lang == Lang::En)
}

/// `value` with `decimals` decimals, written with integers (no float formatting linked).
pub use samenstad_types::web::fixed;

/// Square metres as km² with two decimals: 2665191 → "2,67 km²" (nl) or "2.67 km²" (en).
pub fn area_km2(m2: i64, lang: Lang) -> String {
    samenstad_types::web::area_km2(m2, lang == Lang::En)
}

/// An amount in cents, the one way the web app shows money: 180000 → "€ 1.800" (nl) or
/// "€1,800" (en); cents only when there are any: 50001 → "€ 500,01" / "€500.01". A negative
/// amount reads "€ -1.800" (nl) or "-€1,800" (en), as Dutch and English write them.
pub fn euro(cents: i64, lang: Lang) -> String {
    money(cents, lang, cents % 100 != 0)
}

/// A price in cents, always with its cents: 2000 → "€ 20,00" (nl) or "€20.00" (en). For tariffs
/// and booking prices, where cents are common and a column of prices should line up.
pub fn price(cents: i64, lang: Lang) -> String {
    money(cents, lang, true)
}

fn money(cents: i64, lang: Lang, with_cents: bool) -> String {
    samenstad_types::web::money(cents, lang == Lang::En, with_cents)
}

/// A calendar date as `YYYY-MM-DD`, from a date or an RFC 3339 time (its date as written).
pub fn date(text: &str) -> String {
    text.get(..10).unwrap_or(text).to_owned()
}

/// An RFC 3339 time in the browser's time zone as `YYYY-MM-DD HH:MM`; the text as given when
/// it is not a time.
pub fn date_time(rfc3339: &str) -> String {
    let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    if at.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    format!(
        "{} {:02}:{:02}",
        local_date(&at),
        at.get_hours(),
        at.get_minutes()
    )
}

/// The date of a browser time in the browser's time zone, as `YYYY-MM-DD`.
pub fn local_date(at: &js_sys::Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        at.get_full_year(),
        at.get_month() + 1,
        at.get_date()
    )
}

/// An amount as typed into an input: 180000 → "1800", 50001 → "500.01".
pub fn euro_input(cents: i64) -> String {
    if cents % 100 == 0 {
        (cents / 100).to_string()
    } else {
        format!("{}.{:02}", cents / 100, (cents % 100).abs())
    }
}

/// Reads an amount in euro as people type it, in either language: "1800", "1.800", "1,800",
/// "1800,50", "1800.5", "€ 1.800". A separator followed by one or two digits at the end marks
/// the cents; other separators group thousands. `None` when it is not an amount.
pub fn parse_euro(text: &str) -> Option<i64> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if cleaned.is_empty()
        || !cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let (whole, fraction) = match cleaned.rfind(['.', ',']) {
        Some(at) if (1..=2).contains(&(cleaned.len() - at - 1)) => {
            (&cleaned[..at], &cleaned[at + 1..])
        }
        _ => (cleaned.as_str(), ""),
    };
    let digits: String = whole.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() && fraction.is_empty() {
        return None;
    }
    let euros: i64 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    let cents: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    euros.checked_mul(100)?.checked_add(cents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_euros_are_shown_without_cents() {
        assert_eq!(euro(180_000, Lang::Nl), "€ 1.800");
        assert_eq!(euro(180_000, Lang::En), "€1,800");
        assert_eq!(euro(25_000_000, Lang::Nl), "€ 250.000");
        assert_eq!(euro(0, Lang::Nl), "€ 0");
    }

    #[test]
    fn cents_are_shown_when_there_are_any() {
        assert_eq!(euro(123_450, Lang::Nl), "€ 1.234,50");
        assert_eq!(euro(123_450, Lang::En), "€1,234.50");
        assert_eq!(euro(50_001, Lang::Nl), "€ 500,01");
    }

    #[test]
    fn negative_amounts_put_the_minus_where_each_language_writes_it() {
        assert_eq!(euro(-150_050, Lang::Nl), "€ -1.500,50");
        assert_eq!(euro(-150_000, Lang::En), "-€1,500");
        assert_eq!(euro(-50, Lang::Nl), "€ -0,50");
    }

    #[test]
    fn prices_always_show_their_cents() {
        assert_eq!(price(2_000, Lang::Nl), "€ 20,00");
        assert_eq!(price(2_000, Lang::En), "€20.00");
        assert_eq!(price(123_456, Lang::Nl), "€ 1.234,56");
    }

    #[test]
    fn a_typed_amount_reads_back_as_the_same_cents() {
        for cents in [0, 5, 180_000, 50_001, 123_450] {
            assert_eq!(parse_euro(&euro_input(cents)), Some(cents));
            assert_eq!(parse_euro(&euro(cents, Lang::Nl)), Some(cents));
            assert_eq!(parse_euro(&euro(cents, Lang::En)), Some(cents));
        }
    }

    #[test]
    fn a_date_is_the_calendar_day_of_a_time_or_a_date() {
        assert_eq!(date("2026-02-12T18:00:00Z"), "2026-02-12");
        assert_eq!(date("2026-02-12"), "2026-02-12");
        assert_eq!(date("soon"), "soon");
    }

    #[test]
    fn integers_group_thousands_per_language() {
        assert_eq!(integer(19_264, Lang::Nl), "19.264");
        assert_eq!(integer(19_264, Lang::En), "19,264");
        assert_eq!(integer(-1_000_000, Lang::Nl), "-1.000.000");
    }
}
