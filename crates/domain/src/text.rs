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
