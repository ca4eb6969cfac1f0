//! Text normalisation for search: accent- and case-insensitive matching.

use deunicode::deunicode;

/// Folds text for comparison: transliterates to ASCII ("é" → "e"), lowercases, and turns every
/// run of non-alphanumeric characters (spaces, hyphens, en-dashes …) into one space.
///
/// `fold("Sint-Amandsberg") == fold("sint amandsberg")`.
pub fn fold(text: &str) -> String {
    let ascii = deunicode(text).to_ascii_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether the folded `query` occurs in any of the `candidates` (folded). An empty query matches.
pub fn matches_any<'a>(query: &str, candidates: impl IntoIterator<Item = &'a str>) -> bool {
    let needle = fold(query);
    needle.is_empty() || candidates.into_iter().any(|c| fold(c).contains(&needle))
}

#[cfg(test)]
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
