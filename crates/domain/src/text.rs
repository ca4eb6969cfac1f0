//! Text normalisation for search: accent- and case-insensitive matching.
//!
//! With the default feature `transliterate`, [`fold`] turns any text into ASCII with
//! `deunicode`. The web app leaves that feature off (its tables would add about 200 KB to the
//! wasm): it strips accents with the browser's own Unicode normalisation and calls [`squash`].

/// Folds text for comparison: transliterates to ASCII ("é" → "e"), lowercases, and turns every
/// run of non-alphanumeric characters (spaces, hyphens, en-dashes …) into one space.
///
/// `fold("Sint-Amandsberg") == fold("sint amandsberg")`.
#[cfg(feature = "transliterate")]
pub fn fold(text: &str) -> String {
    squash(&deunicode::deunicode(text))
}

/// Lowercases and turns every run of non-alphanumeric characters into one space (the part of
/// [`fold`] after transliteration).
pub fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Whether the folded `query` occurs in any of the `candidates` (folded). An empty query matches.
#[cfg(feature = "transliterate")]
pub fn matches_any<'a>(query: &str, candidates: impl IntoIterator<Item = &'a str>) -> bool {
    matches_any_with(fold, query, candidates)
}

/// [`matches_any`] with another folding function.
pub fn matches_any_with<'a>(
    fold: impl Fn(&str) -> String,
    query: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> bool {
    let needle = fold(query);
    needle.is_empty() || candidates.into_iter().any(|c| fold(c).contains(&needle))
}

/// The start of `text` for a one-line summary: its whitespace squashed to single spaces and, when
/// longer than `max` characters, cut at the last word boundary within them with "…" added (a
/// first word longer than `max` is cut inside the word).
pub fn summary(text: &str, max: usize) -> String {
    let squashed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if squashed.chars().count() <= max {
        return squashed;
    }
    let head: String = squashed.chars().take(max.saturating_sub(1)).collect();
    let cut = match head.rfind(' ') {
        Some(space) if space > 0 => head[..space].trim_end_matches([',', ';', ':', '.']),
        _ => head.as_str(),
    };
    format!("{cut}…")
}

#[cfg(test)]
mod summary_tests {
    use super::summary;

    #[test]
    fn a_summary_keeps_short_text_and_cuts_long_text_at_a_word() {
        assert_eq!(summary("  Losse\n tegels  ", 60), "Losse tegels");
        assert_eq!(
            summary(
                "Losliggende stoeptegels aan de hoek, vlak bij de school",
                30
            ),
            "Losliggende stoeptegels aan…"
        );
        assert_eq!(summary("Onderdoorgangsverlichting", 10), "Onderdoor…");
        assert!(summary(&"woord ".repeat(40), 60).chars().count() <= 60);
    }
}

#[cfg(all(test, feature = "transliterate"))]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_accents_case_and_punctuation() {
        assert_eq!(fold("Sluizeken–Tolhuis–Ham"), "sluizeken tolhuis ham");
        assert_eq!(fold("  Café  Élan-Vital "), "cafe elan vital");
        assert_eq!(
            fold("Sint-Denijs-Westrem - Afsnee"),
            "sint denijs westrem afsnee"
        );
    }

    #[test]
    fn query_matches_inside_any_candidate() {
        assert!(matches_any("amandsberg", ["Dampoort", "Sint-Amandsberg"]));
        assert!(matches_any("SINT AMANDSBERG", ["Sint-Amandsberg"]));
        assert!(matches_any("", ["x"]));
        assert!(!matches_any("brussel", ["Binnenstad", "Ledeberg"]));
    }
}
