//! The first HTML of the public pages: their heading and main content, sent inside the web app's
//! page so a phone paints them before the wasm has arrived (the largest paint is then this
//! HTML, issue 18). The web app replaces it with the same content when it starts.
//!
//! The texts are the web app's (`frontend/src/i18n.rs`); the browser test
//! `e2e/web.test.mjs` ("the public pages' first HTML …") checks that each heading sent here is
//! the one the app shows. Dutch, as the app starts; `english` is there for when the app can
//! know the reader's choice before it starts.

use quick_xml::escape::escape;

use crate::cache::WijkenSnapshot;

/// The main content of the public page at `path`, or `None` for a page without (the static
/// "loading" line stays).
pub fn main_content(
    path: &str,
    english: bool,
    municipality: &str,
    wijken: &WijkenSnapshot,
) -> Option<String> {
    let say = |nl: &'static str, en: &'static str| if english { en } else { nl };
    let heading = |text: &str| format!("<h1>{}</h1>", escape(text));
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    Some(match path {
        "/" => home(english, municipality, wijken),
        "/venues" => heading(say(
            "Zoek een zaal of ontmoetingsplek",
            "Find a room or meeting place",
        )),
        "/ideas" => heading(say("Ideeën voor de wijk", "Ideas for the wijk")),
        "/projects" => heading(say(
            "Projecten van het wijkbudget in de stad",
            "Wijkbudget projects across the city",
        )),
        "/subsidies" => heading("Subsidies"),
        "/grants" => heading(say("Toegekende subsidies", "Awarded grants")),
        "/open-data" => heading("Open data"),
        "/signals" => heading(say("Meldingen", "Signals")),
        "/councils" => heading(say("Adviesraden", "Advisory councils")),
        _ => {
            let key = path.strip_prefix("/wijken/")?;
            let wijk = &wijken.find(key)?.wijk;
            format!(
                "<article class=\"wijk\"><h1>{}</h1><p class=\"short-name\">{}</p></article>",
                escape(wijk.name.as_str()),
                escape(wijk.short_name.as_str())
            )
        }
    })
}

/// The home page: the municipality's line and the list of its wijken (the map comes with the
/// app).
fn home(english: bool, municipality: &str, wijken: &WijkenSnapshot) -> String {
    let count = u32::try_from(wijken.wijken.len()).unwrap_or(u32::MAX);
    let items: String = wijken
        .wijken
        .iter()
        .map(|w| {
            format!(
                "<li><a href=\"/wijken/{}\">{}</a></li>",
                escape(w.wijk.slug.as_str()),
                escape(w.wijk.name.as_str())
            )
        })
        .collect();
    let (map, help, list) = if english {
        (
            "Map of the wijken",
            "Choose a wijk on the map or in the list.",
            "All wijken",
        )
    } else {
        (
            "Kaart van de wijken",
            "Kies een wijk op de kaart of in de lijst.",
            "Alle wijken",
        )
    };
    format!(
        "<h1>{}</h1><div class=\"overview\"><section class=\"map-panel\"><h2>{map}</h2>\
         <p class=\"help\">{help}</p></section><section class=\"list-panel\"><h2>{list}</h2>\
         <ul class=\"wijk-list\">{items}</ul></section></div>",
        escape(samenstad_types::web::tagline(english, municipality, count).as_str())
    )
}
