//! Text in the XML the API writes (Atom, Open311). XML 1.0 allows no C0 control character but
//! tab, line feed and carriage return, not even escaped; text people typed may hold one (a
//! pasted form feed), and a feed reader then refuses the whole document (found by reading the
//! Atom feed back with feedparser). Each such character becomes U+FFFD.

use std::borrow::Cow;

/// Whether XML 1.0 allows the character (§2.2, `Char`).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The document with every character XML 1.0 forbids replaced by U+FFFD.
pub fn well_formed(xml: &str) -> Cow<'_, str> {
    if xml.chars().all(allowed) {
        Cow::Borrowed(xml)
    } else {
        Cow::Owned(
            xml.chars()
                .map(|c| if allowed(c) { c } else { '\u{FFFD}' })
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::well_formed;

    #[test]
    fn characters_xml_forbids_become_the_replacement_character_and_the_rest_stays() {
        assert_eq!(
            well_formed("<t>Bank\u{1}jes\tén\u{b}</t>"),
            "<t>Bank\u{fffd}jes\tén\u{fffd}</t>"
        );
        assert!(matches!(
            well_formed("<t>gewoon 🌳</t>"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(well_formed("a\u{fffe}b"), "a\u{fffd}b");
    }
}
