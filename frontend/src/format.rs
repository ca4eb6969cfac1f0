//! Number formatting per language.

use crate::i18n::Lang;

/// Groups thousands: 19264 → "19.264" (nl) or "19,264" (en).
pub fn integer(value: i64, lang: Lang) -> String {
    let sep = match lang {
        Lang::Nl => '.',
        Lang::En => ',',
    };
    let digits = value.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if value < 0 { format!("-{out}") } else { out }
}

/// Square metres as km² with two decimals: 2665191 → "2,67 km²" (nl) or "2.67 km²" (en).
pub fn area_km2(m2: i64, lang: Lang) -> String {
    let km2 = format!("{:.2}", m2 as f64 / 1_000_000.0);
    match lang {
        Lang::Nl => format!("{} km²", km2.replace('.', ",")),
        Lang::En => format!("{km2} km²"),
    }
}

/// An amount in cents: 180000 → "€ 1.800" (nl) or "€ 1,800" (en); cents only when there are
/// any: 50001 → "€ 500,01".
pub fn euro(cents: i64, lang: Lang) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let whole = integer((cents / 100).abs(), lang);
    let rest = (cents % 100).abs();
    if rest == 0 {
        format!("{sign}€ {whole}")
    } else {
        let dec = match lang {
            Lang::Nl => ',',
            Lang::En => '.',
        };
        format!("{sign}€ {whole}{dec}{rest:02}")
    }
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
