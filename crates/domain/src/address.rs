//! Addresses: how one is written on a line, and how a typed search is read.

#[cfg(feature = "transliterate")]
use crate::text::fold;

/// The address on one line: "Driesstraat 99, 9050 Gent", with "bus 3" after the number.
pub fn label(
    street: &str,
    number: &str,
    box_number: Option<&str>,
    postcode: &str,
    municipality: &str,
) -> String {
    match box_number {
        Some(b) => format!("{street} {number} bus {b}, {postcode} {municipality}"),
        None => format!("{street} {number}, {postcode} {municipality}"),
    }
}

/// The postcode of a [`label`]: the four digits after the comma.
pub fn postcode_of(label: &str) -> Option<String> {
    let (_, tail) = label.rsplit_once(", ")?;
    let code: String = tail.chars().take(4).collect();
    (code.len() == 4 && code.chars().all(|c| c.is_ascii_digit())).then_some(code)
}

/// One word of a typed search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A word that starts with a digit (a house number or a postcode): matched as a whole word.
    Number(String),
    /// Another word: matched as the start of a word ("driesstr" finds "Driesstraat").
    Word(String),
}

#[cfg(feature = "transliterate")]
/// The terms of a typed search, folded like the stored search text (no accents, lower case);
/// "bus" is dropped (the box number follows it as a number). At most eight terms.
pub fn terms(query: &str) -> Vec<Term> {
    fold(query)
        .split_whitespace()
        .filter(|w| *w != "bus")
        .take(8)
        .map(|w| {
            if w.starts_with(|c: char| c.is_ascii_digit()) {
                Term::Number(w.to_owned())
            } else {
                Term::Word(w.to_owned())
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_has_the_box_after_the_number_and_gives_its_postcode_back() {
        let l = label("Driesstraat", "99", None, "9050", "Gent");
        assert_eq!(l, "Driesstraat 99, 9050 Gent");
        assert_eq!(postcode_of(&l).as_deref(), Some("9050"));
        let b = label("Sint-Pietersnieuwstraat", "33", Some("2"), "9000", "Gent");
        assert_eq!(b, "Sint-Pietersnieuwstraat 33 bus 2, 9000 Gent");
        assert_eq!(postcode_of("Nowhere"), None);
    }

    #[cfg(feature = "transliterate")]
    #[test]
    fn typed_words_become_numbers_and_word_starts() {
        assert_eq!(
            terms("Driesstr. 99, bus 3 Sint-Amandsberg"),
            vec![
                Term::Word("driesstr".into()),
                Term::Number("99".into()),
                Term::Number("3".into()),
                Term::Word("sint".into()),
                Term::Word("amandsberg".into()),
            ]
        );
        assert_eq!(
            terms("Ëdgar Tinelplein 9000"),
            vec![
                Term::Word("edgar".into()),
                Term::Word("tinelplein".into()),
                Term::Number("9000".into()),
            ]
        );
        assert!(terms("  ,, ").is_empty());
    }
}
