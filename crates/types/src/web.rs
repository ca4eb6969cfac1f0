//! The web app's pages and which of its builds serves each.
//!
//! The web app is built several times from one crate (`frontend/`), each holding only its
//! pages' code, so a first visit downloads neither the other areas' public pages nor the
//! account and application forms, nor the staff and administration pages:
//!
//! | build | pages |
//! |---|---|
//! | [`WebApp::Public`] ([`PublicArea`]) | what anyone reads, one build per area: home; a wijk; the venue finder; a venue; signals; the idea board; an idea; the wijkbudget's programme, proposals and panels; its projects; subsidies and grants; advisory councils, feedback and open data |
//! | [`WebApp::Resident`] | every public page, plus logging in, the account, bookings, voting, reporting, applying |
//! | [`WebApp::Full`] | everything, the staff and administration pages too |
//!
//! The server answers a page with the build that serves it; a build that is asked for a page of
//! another (a link followed inside the app) loads that page from the server. Both use this table.

/// One of the web app's builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WebApp {
    /// The public pages of one area.
    Public(PublicArea),
    /// Public pages and a resident's own.
    Resident,
    /// Every page.
    Full,
}

/// An area of the public pages, built on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublicArea {
    /// Home: the map and list of the wijken.
    Home,
    /// A wijk's page, its front door (its overview, for the wijk's staff, is a staff page).
    Wijken,
    /// The venue finder.
    Venues,
    /// A venue: its rooms, their week calendars and tariffs (its own build: the finder's map
    /// and filters and a venue's rooms and calendar together passed the 200 KB of a first visit).
    Venue,
    /// Signals: the map and list of what residents reported, and one signal.
    Signals,
    /// The ideas for the wijkbudget: the board.
    Ideas,
    /// An idea, with its wijk's outline and where its round stands (its own build, as a venue).
    Idea,
    /// The wijkbudget's programme (rounds, budgets, votes and panels), its proposals and panels.
    Wijkbudget,
    /// The wijkbudget's projects: on a map of the city, and one with its progress (their own
    /// build: the map and the programme together passed the 200 KB of a first visit).
    Projects,
    /// The subsidy finder and the grants awarded.
    Subsidies,
    /// Advisory councils and their advice, the city's feedback on signals and advice, and the
    /// open-data catalogue (the footer's links).
    Civic,
}

impl WebApp {
    /// The build that answers a path that is no page (with status 404): home's.
    pub const NOT_FOUND: WebApp = WebApp::Public(PublicArea::Home);

    /// Every build.
    pub const ALL: [WebApp; 13] = [
        WebApp::Public(PublicArea::Home),
        WebApp::Public(PublicArea::Wijken),
        WebApp::Public(PublicArea::Venues),
        WebApp::Public(PublicArea::Venue),
        WebApp::Public(PublicArea::Signals),
        WebApp::Public(PublicArea::Ideas),
        WebApp::Public(PublicArea::Idea),
        WebApp::Public(PublicArea::Wijkbudget),
        WebApp::Public(PublicArea::Projects),
        WebApp::Public(PublicArea::Subsidies),
        WebApp::Public(PublicArea::Civic),
        WebApp::Resident,
        WebApp::Full,
    ];

    /// The cookie by which the web app tells the server that a signed-in person uses this
    /// browser, and which build they need: `resident`, or `full` for staff. It holds no secret
    /// (the API checks every request's token); it only picks the build.
    pub const COOKIE: &'static str = "samenstad_app";

    /// The build that serves a page of this build to a visitor with [`WebApp::COOKIE`]'s
    /// `value`: the public builds hold no forms of signed-in people (booking a room, handling
    /// a signal, answering advice …), so a signed-in person gets their pages from the resident
    /// build, and staff get every page from the full one.
    pub fn for_signed_in(self, value: Option<&str>) -> WebApp {
        match (self, value) {
            (WebApp::Public(_) | WebApp::Resident, Some("full")) => WebApp::Full,
            (WebApp::Public(_), Some("resident")) => WebApp::Resident,
            _ => self,
        }
    }

    /// The file name of the build's page in the built web app (`frontend/dist`).
    pub fn index_file(self) -> &'static str {
        match self {
            Self::Public(PublicArea::Home) => "public-home.html",
            Self::Public(PublicArea::Wijken) => "public-wijken.html",
            Self::Public(PublicArea::Venues) => "public-venues.html",
            Self::Public(PublicArea::Venue) => "public-venue.html",
            Self::Public(PublicArea::Signals) => "public-signals.html",
            Self::Public(PublicArea::Ideas) => "public-ideas.html",
            Self::Public(PublicArea::Idea) => "public-idea.html",
            Self::Public(PublicArea::Wijkbudget) => "public-wijkbudget.html",
            Self::Public(PublicArea::Projects) => "public-projects.html",
            Self::Public(PublicArea::Subsidies) => "public-subsidies.html",
            Self::Public(PublicArea::Civic) => "public-civic.html",
            Self::Resident => "resident.html",
            Self::Full => "index.html",
        }
    }
}

/// Public pages by area (`:name` is one path segment).
pub const PUBLIC_AREAS: [(PublicArea, &[&str]); 11] = [
    (PublicArea::Home, &["/"]),
    (PublicArea::Wijken, &["/wijken/:key"]),
    (PublicArea::Venues, &["/venues"]),
    (PublicArea::Venue, &["/venues/:key"]),
    (PublicArea::Signals, &["/signals", "/signals/:id"]),
    (PublicArea::Ideas, &["/ideas"]),
    (PublicArea::Idea, &["/ideas/:id"]),
    (
        PublicArea::Wijkbudget,
        &["/wijkbudget", "/proposals/:id", "/panels/:id"],
    ),
    (PublicArea::Projects, &["/projects", "/projects/:id"]),
    (PublicArea::Subsidies, &["/subsidies", "/grants"]),
    (
        PublicArea::Civic,
        &[
            "/councils",
            "/councils/:key",
            "/advice/:id",
            "/feedback",
            "/open-data",
        ],
    ),
];

/// A resident's own pages.
pub const RESIDENT_PAGES: &[&str] = &[
    "/login",
    "/register",
    "/verify-email",
    "/forgot-password",
    "/reset-password",
    "/account",
    "/unsubscribe",
    "/organisations",
    "/organisations/:id",
    "/invitations/accept",
    "/bookings",
    "/votes/:id",
    "/signals/new",
    "/subsidies/apply/:scheme",
    "/subsidies/applications/:id",
    "/subsidies/mine",
    "/subsidies/cosign/:token",
];

/// Staff and administration pages.
pub const STAFF_PAGES: &[&str] = &[
    "/venues/:key/manage",
    "/wijken/:key/overview",
    "/manage",
    "/staff",
    "/staff/programme",
    "/staff/ideas",
    "/staff/proposals",
    "/staff/votes",
    "/staff/panels",
    "/staff/projects",
    "/staff/organisations",
    "/staff/venue-changes",
    "/staff/signals",
    "/staff/contacts",
    "/advice/new",
    "/admin",
    "/admin/clients",
    "/admin/outbox",
    "/admin/audit",
    "/admin/signal-routes",
    "/subsidies/jury",
    "/subsidies/admin",
    "/subsidies/schemes",
    "/subsidies/schemes/:key",
    "/subsidies/dashboard",
];

/// The line that names the municipality, in Dutch or English: in the web app's header and as
/// the home page's heading (the server sends it in the first HTML too).
pub fn tagline(english: bool, municipality: &str, wijken: u32) -> String {
    match (english, wijken) {
        (false, 0) => format!("Samen stad maken in {municipality}"),
        (true, 0) => format!("Making the city together in {municipality}"),
        (false, n) => format!("Samen stad maken: de {n} wijken van {municipality}"),
        (true, n) => format!("Making the city together: the {n} wijken of {municipality}"),
    }
}

/// Groups thousands: 19264 → "19.264" (Dutch) or "19,264" (English); the web app's and the
/// server's first HTML's one way of writing a count.
pub fn integer(value: i64, english: bool) -> String {
    let sep = if english { ',' } else { '.' };
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

/// `value` with `decimals` decimals (at most 9), rounded half away from zero: `fixed(2.675, 1)`
/// → "2.7". Written with integers, so the web app's builds do not link Rust's float formatting
/// (≈ 5 KB of a first visit's download) for the coordinates of a map or a percentage; the
/// server's first HTML writes a map's outline with it too, so both send the same path.
pub fn fixed(value: f64, decimals: u32) -> String {
    let scale = 10_u64.pow(decimals.min(9));
    let scaled = (value * scale as f64).round();
    let sign = if scaled < 0.0 { "-" } else { "" };
    let units = scaled.abs() as u64;
    let (whole, part) = (units / scale, units % scale);
    match decimals {
        0 => format!("{sign}{whole}"),
        _ => format!(
            "{sign}{whole}.{part:0width$}",
            width = decimals.min(9) as usize
        ),
    }
}

/// Square metres as km² with two decimals: 2665191 → "2,67 km²" (Dutch) or "2.67 km²"
/// (English).
pub fn area_km2(m2: i64, english: bool) -> String {
    let km2 = fixed(m2 as f64 / 1_000_000.0, 2);
    if english {
        format!("{km2} km²")
    } else {
        format!("{} km²", km2.replace('.', ","))
    }
}

/// An amount in cents: "€ 1.800" / "€ 500,01" (Dutch) or "€1,800" / "€500.01" (English), with
/// its cents when `with_cents`; negative "€ -1.800" (Dutch) or "-€1,800" (English).
pub fn money(cents: i64, english: bool, with_cents: bool) -> String {
    let whole = integer((cents / 100).abs(), english);
    let amount = if with_cents {
        let dec = if english { '.' } else { ',' };
        format!("{whole}{dec}{:02}", (cents % 100).abs())
    } else {
        whole
    };
    let minus = if cents < 0 { "-" } else { "" };
    if english {
        format!("{minus}€{amount}")
    } else {
        format!("€ {minus}{amount}")
    }
}

/// Pages whose path a pattern of another area's build would take (`/signals/new` looks like the
/// signal `/signals/:id` to the public build): the builds without them route these paths to
/// the server first (`frontend/src/routes.rs`, `ElsewhereRoutes`).
pub const SHADOWED: &[&str] = &["/signals/new", "/advice/new"];

/// Whether `path` (without query) is the page `pattern`.
fn matches(pattern: &str, path: &str) -> bool {
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    let mut want = pattern.split('/');
    let mut have = path.split('/');
    loop {
        match (want.next(), have.next()) {
            (None, None) => return true,
            (Some(w), Some(h)) if w.starts_with(':') && !h.is_empty() => {}
            (Some(w), Some(h)) if w == h => {}
            _ => return false,
        }
    }
}

/// The build that serves `path`, or `None` for a path that is no page of the web app. A literal
/// page wins over a pattern (`/signals/new` over `/signals/:id`).
pub fn web_app_for(path: &str) -> Option<WebApp> {
    page_of(path).map(|(app, _)| app)
}

/// The page `path` is, with the build that serves it: its pattern (`/venues/:key`), or `None`
/// for a path that is no page. A literal page wins over a pattern.
pub fn page_of(path: &str) -> Option<(WebApp, &'static str)> {
    let areas = PUBLIC_AREAS
        .iter()
        .map(|(area, pages)| (WebApp::Public(*area), *pages))
        .chain([
            (WebApp::Resident, RESIDENT_PAGES),
            (WebApp::Full, STAFF_PAGES),
        ]);
    let find = |literal: bool| {
        areas.clone().find_map(|(app, pages)| {
            pages
                .iter()
                .find(|p| p.contains(':') != literal && matches(p, path))
                .map(|p| (app, *p))
        })
    };
    find(true).or_else(|| find(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_decimals_round_half_away_from_zero_and_keep_the_sign() {
        assert_eq!(fixed(2.675, 1), "2.7");
        assert_eq!(fixed(0.05, 1), "0.1");
        assert_eq!(fixed(-0.25, 1), "-0.3");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(999.96, 1), "1000.0");
        assert_eq!(fixed(51.062_512_3, 5), "51.06251");
        assert_eq!(fixed(1234.5, 0), "1235");
        assert_eq!(fixed(2.665_191, 2), "2.67");
        assert_eq!(fixed(0.0, 2), "0.00");
    }

    fn every_area() -> Vec<&'static [&'static str]> {
        PUBLIC_AREAS
            .iter()
            .map(|(_, pages)| *pages)
            .chain([RESIDENT_PAGES, STAFF_PAGES])
            .collect()
    }

    #[test]
    fn a_signed_in_visitor_gets_public_pages_from_the_build_with_their_forms() {
        let venues = WebApp::Public(PublicArea::Venues);
        assert_eq!(venues.for_signed_in(None), venues);
        assert_eq!(venues.for_signed_in(Some("resident")), WebApp::Resident);
        assert_eq!(venues.for_signed_in(Some("full")), WebApp::Full);
        assert_eq!(venues.for_signed_in(Some("admin")), venues);
        assert_eq!(WebApp::Resident.for_signed_in(Some("full")), WebApp::Full);
        assert_eq!(
            WebApp::Resident.for_signed_in(Some("resident")),
            WebApp::Resident
        );
        assert_eq!(WebApp::Full.for_signed_in(Some("resident")), WebApp::Full);
    }

    #[test]
    fn each_page_is_served_by_its_areas_build() {
        assert_eq!(web_app_for("/"), Some(WebApp::Public(PublicArea::Home)));
        assert_eq!(
            web_app_for("/wijken/brugse-poort-rooigem"),
            Some(WebApp::Public(PublicArea::Wijken))
        );
        assert_eq!(
            web_app_for("/venues"),
            Some(WebApp::Public(PublicArea::Venues))
        );
        assert_eq!(
            web_app_for("/venues/de-centrale/"),
            Some(WebApp::Public(PublicArea::Venue))
        );
        assert_eq!(
            web_app_for("/ideas/0193c1a0"),
            Some(WebApp::Public(PublicArea::Idea))
        );
        assert_eq!(web_app_for("/signals/new"), Some(WebApp::Resident));
        assert_eq!(
            web_app_for("/signals/8d0c"),
            Some(WebApp::Public(PublicArea::Signals))
        );
        assert_eq!(
            web_app_for("/ideas"),
            Some(WebApp::Public(PublicArea::Ideas))
        );
        assert_eq!(
            web_app_for("/grants"),
            Some(WebApp::Public(PublicArea::Subsidies))
        );
        assert_eq!(
            web_app_for("/venues/de-centrale/manage"),
            Some(WebApp::Full)
        );
        assert_eq!(web_app_for("/advice/new"), Some(WebApp::Full));
        assert_eq!(
            web_app_for("/advice/3f2a"),
            Some(WebApp::Public(PublicArea::Civic))
        );
        assert_eq!(web_app_for("/subsidies/schemes"), Some(WebApp::Full));
        assert_eq!(web_app_for("/account"), Some(WebApp::Resident));
        assert_eq!(web_app_for("/nergens"), None);
        assert_eq!(web_app_for("/wijken"), None);
        assert_eq!(web_app_for("/wijken//overview"), None);
        // A wijk's overview is for its staff: no public build holds it.
        assert_eq!(
            web_app_for("/wijken/brugse-poort-rooigem/overview"),
            Some(WebApp::Full)
        );
    }

    #[test]
    fn every_page_a_pattern_of_another_area_would_take_is_known_as_shadowed() {
        let areas = every_area();
        let mut shadowed: Vec<&str> = areas
            .iter()
            .enumerate()
            .flat_map(|(a, pages)| pages.iter().map(move |p| (a, *p)))
            .filter(|(a, page)| {
                !page.contains(':')
                    && areas.iter().enumerate().any(|(b, others)| {
                        b != *a && others.iter().any(|o| o.contains(':') && matches(o, page))
                    })
            })
            .map(|(_, page)| page)
            .collect();
        shadowed.sort_unstable();
        let mut known = SHADOWED.to_vec();
        known.sort_unstable();
        assert_eq!(shadowed, known);
    }

    #[test]
    fn no_page_is_listed_twice() {
        let all: Vec<&str> = every_area().concat();
        let mut unique = all.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), all.len());
    }
}
