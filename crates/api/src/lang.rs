//! Server messages in the reader's language: problem `title`, `detail` and field messages
//! follow `Accept-Language` (Dutch or English; English when the header names neither). The code
//! writes its messages in English; [`translate`] looks the Dutch up in
//! [`crate::messages_nl::NL`], where `{…}` placeholders stand for the parts filled in at run
//! time (a test keeps every message of the code in that table).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::ACCEPT_LANGUAGE;
use actix_web::middleware::Next;

/// A language the server answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Dutch.
    Nl,
    /// English (the code's own).
    #[default]
    En,
}

tokio::task_local! {
    static CURRENT: Lang;
}

/// The language of the request being answered (English outside one).
pub fn current() -> Lang {
    CURRENT.try_with(|l| *l).unwrap_or_default()
}

/// The language an `Accept-Language` value prefers among Dutch and English: the one with the
/// highest weight (`nl-BE`, `nl;q=0.9` count as Dutch); English when it names neither.
pub fn preferred(header: Option<&str>) -> Lang {
    let mut best = (0.0_f32, Lang::En);
    for part in header.unwrap_or_default().split(',') {
        let mut pieces = part.split(';');
        let tag = pieces
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let weight = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let lang = match tag.split('-').next() {
            Some("nl") => Lang::Nl,
            Some("en") => Lang::En,
            _ => continue,
        };
        if weight > best.0 {
            best = (weight, lang);
        }
    }
    best.1
}

/// Middleware: answers the request in the language its `Accept-Language` prefers.
pub async fn scope(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let lang = preferred(
        req.headers()
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    CURRENT.scope(lang, next.call(req)).await
}

/// A message template split at its placeholders.
#[derive(Debug)]
struct Pattern {
    /// The literal parts: one more than there are placeholders.
    literals: Vec<String>,
    /// The placeholders, in order (`{}`, `{0}`, `{field}` …).
    holes: Vec<String>,
    dutch: &'static str,
}

#[derive(Debug, Default)]
struct Table {
    exact: HashMap<&'static str, &'static str>,
    /// Longest literal text first: the most specific template wins.
    patterns: Vec<Pattern>,
}

/// Splits a template into its literal parts and its placeholders (`{{` and `}}` are braces).
fn split(template: &str) -> (Vec<String>, Vec<String>) {
    let (mut literals, mut holes) = (Vec::new(), Vec::new());
    let mut current = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' if chars.peek() == Some(&c) => {
                chars.next();
                current.push(c);
            }
            '{' => {
                let mut hole = String::from("{");
                for c in chars.by_ref() {
                    hole.push(c);
                    if c == '}' {
                        break;
                    }
                }
                holes.push(hole);
                literals.push(std::mem::take(&mut current));
            }
            c => current.push(c),
        }
    }
    literals.push(current);
    (literals, holes)
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Table::default();
        for &(english, dutch) in crate::messages_nl::NL {
            let (literals, holes) = split(english);
            if holes.is_empty() {
                table.exact.insert(english, dutch);
            } else {
                table.patterns.push(Pattern {
                    literals,
                    holes,
                    dutch,
                });
            }
        }
        table
            .patterns
            .sort_by_key(|p| std::cmp::Reverse(p.literals.iter().map(String::len).sum::<usize>()));
        table
    })
}

/// The values a text gives the placeholders of `pattern`, if it is that template.
fn captures(pattern: &Pattern, text: &str) -> Option<Vec<String>> {
    let (first, rest) = pattern.literals.split_first()?;
    let (last, middle) = rest.split_last()?;
    let mut inner = text.strip_prefix(first.as_str())?;
    inner = inner.strip_suffix(last.as_str())?;
    let mut values = Vec::with_capacity(pattern.holes.len());
    for literal in middle {
        if literal.is_empty() {
            return None;
        }
        let at = inner.find(literal.as_str())?;
        values.push(inner[..at].to_owned());
        inner = &inner[at + literal.len()..];
    }
    values.push(inner.to_owned());
    Some(values)
}

/// Fills the Dutch template with the values of the English one's placeholders.
fn fill(pattern: &Pattern, values: &[String]) -> String {
    let named: HashMap<&str, &str> = pattern
        .holes
        .iter()
        .map(String::as_str)
        .zip(values.iter().map(String::as_str))
        .collect();
    let mut positional = pattern
        .holes
        .iter()
        .zip(values)
        .filter(|(h, _)| h.as_str() == "{}")
        .map(|(_, v)| v.as_str());
    let (literals, holes) = split(pattern.dutch);
    let mut out = String::new();
    for (i, literal) in literals.iter().enumerate() {
        out.push_str(literal);
        if let Some(hole) = holes.get(i) {
            let value = if hole == "{}" {
                positional.next()
            } else {
                named.get(hole.as_str()).copied()
            };
            out.push_str(value.unwrap_or(hole));
        }
    }
    out
}

/// `text` in `lang`: the Dutch of an English message the table knows, else `text` itself.
pub fn translate(lang: Lang, text: &str) -> Cow<'_, str> {
    if lang == Lang::En {
        return Cow::Borrowed(text);
    }
    let table = table();
    if let Some(dutch) = table.exact.get(text) {
        return Cow::Borrowed(dutch);
    }
    for pattern in &table.patterns {
        if let Some(values) = captures(pattern, text) {
            return Cow::Owned(fill(pattern, &values));
        }
    }
    Cow::Borrowed(text)
}

/// Whether the table has a Dutch text for this English message template (for the test that
/// keeps every message of the code translated).
pub fn knows(template: &str) -> bool {
    crate::messages_nl::NL
        .iter()
        .any(|(english, _)| *english == template)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_highest_weighted_of_dutch_and_english_wins() {
        assert_eq!(preferred(Some("nl-BE,nl;q=0.9,en;q=0.8")), Lang::Nl);
        assert_eq!(preferred(Some("en-GB,en;q=0.9,nl;q=0.8")), Lang::En);
        assert_eq!(preferred(Some("fr-BE, nl;q=0.5")), Lang::Nl);
        assert_eq!(preferred(Some("fr-BE")), Lang::En);
        assert_eq!(preferred(None), Lang::En);
    }

    #[test]
    fn placeholders_carry_over_in_the_dutch_order() {
        let pattern = Pattern {
            literals: vec!["book at least ".into(), " days ahead".into()],
            holes: vec!["{}".into()],
            dutch: "reserveer minstens {} dagen op voorhand",
        };
        let values = captures(&pattern, "book at least 28 days ahead").expect("matches");
        assert_eq!(
            fill(&pattern, &values),
            "reserveer minstens 28 dagen op voorhand"
        );
        let (literals, holes) = split("`{field}` is not `{value}`; {{x}}");
        assert_eq!(literals, ["`", "` is not `", "`; {x}"]);
        assert_eq!(holes, ["{field}", "{value}"]);
        let named = Pattern {
            literals,
            holes,
            dutch: "`{value}` past niet in `{field}`; {{x}}",
        };
        let values = captures(&named, "`wijk` is not `99`; {x}").expect("matches");
        assert_eq!(fill(&named, &values), "`99` past niet in `wijk`; {x}");
        assert!(captures(&named, "something else").is_none());
    }
}
