//! Notifications: the text of a mail about one change and of the weekly digest, and when the
//! digest is due. Every mail names what it is about and carries its unsubscribe link.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Timelike, Weekday};

/// The digest goes out on Monday from this hour (local time).
pub const DIGEST_HOUR: u32 = 8;

/// A line of the digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// What it is about (the followed wijk, idea, signal, vote or council).
    pub topic: &'a str,
    /// What happened.
    pub line: &'a str,
    /// Where to read more.
    pub link: &'a str,
}

/// A mail's subject and plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub subject: String,
    pub body: String,
}

fn english(lang: &str) -> bool {
    lang == "en"
}

/// The mail about one change of something followed.
pub fn notice(lang: &str, item: &Line<'_>, unsubscribe: &str) -> Text {
    let Line { topic, line, link } = item;
    if english(lang) {
        Text {
            subject: format!("{topic}: {line}"),
            body: format!(
                "{line}\n\nRead more: {link}\n\nYou get this mail because you follow \u{201c}{topic}\u{201d} on Samenstad.\nNo longer get mails about it: {unsubscribe}\n"
            ),
        }
    } else {
        Text {
            subject: format!("{topic}: {line}"),
            body: format!(
                "{line}\n\nLees meer: {link}\n\nJe krijgt deze mail omdat je \u{201c}{topic}\u{201d} volgt op Samenstad.\nGeen mails meer hierover: {unsubscribe}\n"
            ),
        }
    }
}

/// The weekly digest: the lines grouped by what they are about (in the order each first
/// appears), each line with its link; `unsubscribe` stops every notification.
pub fn digest(lang: &str, name: &str, lines: &[Line<'_>], unsubscribe: &str) -> Text {
    let mut topics: Vec<&str> = Vec::new();
    for l in lines {
        if !topics.contains(&l.topic) {
            topics.push(l.topic);
        }
    }
    let mut groups = String::new();
    for topic in &topics {
        groups.push_str(&format!("\n## {topic}\n"));
        for l in lines.iter().filter(|l| l.topic == *topic) {
            groups.push_str(&format!("- {}\n  {}\n", l.line, l.link));
        }
    }
    let n = lines.len();
    if english(lang) {
        Text {
            subject: format!(
                "Samenstad: your week ({n} {})",
                if n == 1 { "update" } else { "updates" }
            ),
            body: format!(
                "Hello {name},\n\nWhat changed this week in what you follow:\n{groups}\nChoose what you follow, and how often you hear of it, on your account page.\nNo longer get any of these mails: {unsubscribe}\n"
            ),
        }
    } else {
        Text {
            subject: format!(
                "Samenstad: je week ({n} {})",
                if n == 1 { "bericht" } else { "berichten" }
            ),
            body: format!(
                "Dag {name},\n\nDit veranderde deze week in wat je volgt:\n{groups}\nKies wat je volgt, en hoe vaak je erover hoort, op je accountpagina.\nGeen van deze mails meer: {unsubscribe}\n"
            ),
        }
    }
}

/// The Monday of the week whose digest is due at `now` (local time): from Monday `DIGEST_HOUR`
/// on, through the rest of the week (a server that was down on Monday sends it late, once).
pub fn digest_week<Tz: TimeZone>(now: &DateTime<Tz>) -> Option<NaiveDate> {
    let day = now.date_naive();
    let monday = day - chrono::Days::new(u64::from(now.weekday().num_days_from_monday()));
    if now.weekday() == Weekday::Mon && now.hour() < DIGEST_HOUR {
        return None;
    }
    Some(monday)
}

#[cfg(test)]
mod tests {
    use chrono::{FixedOffset, TimeZone};

    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(3600)
            .and_then(|tz| tz.with_ymd_and_hms(y, m, d, h, 0, 0).single())
            .unwrap_or_default()
    }

    #[test]
    fn the_digest_is_due_from_monday_eight_for_the_whole_week() {
        // 2026-12-07 is a Monday.
        assert_eq!(digest_week(&at(2026, 12, 7, 7)), None);
        let monday = NaiveDate::from_ymd_opt(2026, 12, 7);
        assert_eq!(digest_week(&at(2026, 12, 7, 8)), monday);
        assert_eq!(digest_week(&at(2026, 12, 13, 23)), monday);
        // Sunday before: the previous week's Monday.
        assert_eq!(
            digest_week(&at(2026, 12, 6, 12)),
            NaiveDate::from_ymd_opt(2026, 11, 30)
        );
    }

    #[test]
    fn the_digest_groups_lines_by_topic_in_order_with_links_and_the_unsubscribe_link() {
        let lines = [
            Line {
                topic: "Brugse Poort - Rooigem",
                line: "Nieuw idee: Bankjes aan het Pierkespark",
                link: "https://s.test/ideas/1",
            },
            Line {
                topic: "Jeugdraad",
                line: "Advies gevraagd: Wijkbudget 2027",
                link: "https://s.test/advice/2",
            },
            Line {
                topic: "Brugse Poort - Rooigem",
                line: "Nieuwe melding: Sluikstort",
                link: "https://s.test/signals/3",
            },
        ];
        let text = digest("nl", "An", &lines, "https://s.test/unsubscribe?token=t");
        assert_eq!(text.subject, "Samenstad: je week (3 berichten)");
        let wijk = text
            .body
            .find("## Brugse Poort - Rooigem")
            .unwrap_or(usize::MAX);
        let council = text.body.find("## Jeugdraad").unwrap_or(0);
        assert!(wijk < council, "{}", text.body);
        let dump = text
            .body
            .find("Nieuwe melding: Sluikstort")
            .unwrap_or(usize::MAX);
        assert!(
            dump < council,
            "both lines of the wijk under it: {}",
            text.body
        );
        assert!(text.body.contains("https://s.test/signals/3"));
        assert!(
            text.body
                .ends_with("Geen van deze mails meer: https://s.test/unsubscribe?token=t\n")
        );
        let en = digest("en", "An", &lines[..1], "u");
        assert_eq!(en.subject, "Samenstad: your week (1 update)");
    }

    #[test]
    fn a_notice_names_what_is_followed_and_how_to_stop() {
        let line = Line {
            topic: "Jeugdraad",
            line: "Advies gepubliceerd",
            link: "https://s.test/advice/2",
        };
        let text = notice("nl", &line, "https://s.test/unsubscribe?token=t");
        assert_eq!(text.subject, "Jeugdraad: Advies gepubliceerd");
        assert!(
            text.body
                .contains("omdat je \u{201c}Jeugdraad\u{201d} volgt")
        );
        assert!(text.body.contains("https://s.test/unsubscribe?token=t"));
    }
}
