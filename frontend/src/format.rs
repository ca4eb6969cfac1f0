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
