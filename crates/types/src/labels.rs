//! Names of vocabulary values as (Dutch, English) pairs: one table for the web app
//! (`frontend/src/labels.rs`, which picks the reader's language) and for the server's first HTML
//! (`crates/api/src/first_html.rs`, Dutch).

use crate::Zone;
use crate::projects::{IdeaStatus, ProjectStatus, VoteState};
use crate::signals::SignalStatus;
use crate::subsidies::{ReviewMode, SchemeStatus};
use crate::venue::VenueType;

/// A (Dutch, English) pair.
pub type Names = (&'static str, &'static str);

/// A zone of the city.
pub fn zone(zone: Zone) -> Names {
    match zone {
        Zone::Binnenstad => ("Binnenstad", "Inner city"),
        Zone::Gordel19e => ("19e-eeuwse gordel", "19th-century belt"),
        Zone::Gordel20e => ("20ste-eeuwse gordel", "20th-century belt"),
        Zone::Deelgemeente => ("Deelgemeente", "Former municipality"),
    }
}

/// A wijkbudget round of a wijk (`None`: the wijk takes part in none): "Ronde 1 (september
/// 2020)" (Dutch) or "Round 1 (September 2020)" (English).
pub fn round_name(round: Option<i16>, english: bool) -> String {
    match (round, english) {
        (Some(1), false) => "Ronde 1 (september 2020)".to_owned(),
        (Some(1), true) => "Round 1 (September 2020)".to_owned(),
        (Some(2), false) => "Ronde 2 (september 2022)".to_owned(),
        (Some(2), true) => "Round 2 (September 2022)".to_owned(),
        (Some(n), false) => format!("Ronde {n}"),
        (Some(n), true) => format!("Round {n}"),
        (None, false) => "Geen".to_owned(),
        (None, true) => "None".to_owned(),
    }
}

/// A type of venue.
pub fn venue_type(kind: VenueType) -> Names {
    use VenueType as V;
    match kind {
        V::Buurtcentrum => ("Buurtcentrum", "Buurtcentrum"),
        V::OpenHuis => ("Open Huis", "Open Huis"),
        V::Buurthuis => ("Buurthuis", "Buurthuis"),
        V::LokaalDienstencentrum => ("Lokaal dienstencentrum", "Local service centre"),
        V::Buurtsecretariaat => ("Buurtsecretariaat", "Buurtsecretariaat"),
        V::Buurtpunt => ("Buurtpunt", "Buurtpunt"),
        V::Bibliotheek => ("Bibliotheek", "Library"),
        V::PartnerPlace => ("Partnerplek", "Partner place"),
        V::TijdelijkeInvulling => ("Tijdelijke invulling", "Temporary use"),
    }
}

/// A theme of a scheme, or `None` for a theme without a name (shown as its key, `_` as space).
pub fn theme(theme: &str) -> Option<Names> {
    Some(match theme {
        "ontmoeten" => ("Ontmoeten", "Meeting people"),
        "samenleven" => ("Samenleven", "Living together"),
        "emancipatie" => ("Emancipatie", "Emancipation"),
        "welzijn" => ("Welzijn", "Well-being"),
        "gelijke_kansen" => ("Gelijke kansen", "Equal opportunities"),
        "gezondheid" => ("Gezondheid", "Health"),
        "cultuur" => ("Cultuur", "Culture"),
        "sport" => ("Sport", "Sport"),
        "ondernemen" => ("Ondernemen", "Enterprise"),
        "circulaire_economie" => ("Circulaire economie", "Circular economy"),
        "groen" => ("Groen", "Greenery"),
        "leefbaarheid" => ("Leefbaarheid", "Liveability"),
        "participatie" => ("Participatie", "Participation"),
        "betrokkenheid" => ("Betrokkenheid", "Involvement"),
        _ => return None,
    })
}

/// How a category is decided.
pub fn review_mode(review: ReviewMode) -> Names {
    match review {
        ReviewMode::Automatic => ("getoetst aan de regels", "checked against the rules"),
        ReviewMode::Jury => ("jury", "jury"),
    }
}

/// The status of a subsidy scheme.
pub fn scheme_status(status: SchemeStatus) -> Names {
    match status {
        SchemeStatus::Active => ("loopt", "open"),
        SchemeStatus::TestPhase => ("testfase", "test phase"),
        SchemeStatus::Archived => ("gearchiveerd", "archived"),
    }
}

/// The public status of an idea.
pub fn idea_status(status: IdeaStatus) -> Names {
    match status {
        IdeaStatus::Submitted => ("ingediend", "submitted"),
        IdeaStatus::InDialogue => ("in wijkdialoog", "in dialogue"),
        IdeaStatus::Proposal => ("uitgewerkt tot voorstel", "worked into a proposal"),
        IdeaStatus::Merged => ("samengevoegd", "merged"),
        IdeaStatus::Referred => (
            "doorverwezen naar het reguliere beleid",
            "referred to regular city policy",
        ),
        IdeaStatus::NotRetained => ("niet weerhouden", "not retained"),
    }
}

/// The status of a project in realisation.
pub fn project_status(status: ProjectStatus) -> Names {
    match status {
        ProjectStatus::Planned => ("gepland", "planned"),
        ProjectStatus::InRealisation => ("in uitvoering", "being realised"),
        ProjectStatus::Realised => ("gerealiseerd", "realised"),
        ProjectStatus::Stopped => ("stopgezet", "stopped"),
    }
}

/// Where a public vote stands in time.
pub fn vote_state(state: VoteState) -> Names {
    match state {
        VoteState::Upcoming => ("nog niet open", "not open yet"),
        VoteState::Open => ("open", "open"),
        VoteState::Closed => ("gesloten", "closed"),
    }
}

/// Where a signal stands.
pub fn signal_status(status: SignalStatus) -> Names {
    match status {
        SignalStatus::Submitted => ("gemeld", "reported"),
        SignalStatus::Acknowledged => ("bekeken door de dienst", "seen by the service"),
        SignalStatus::Planned => ("ingepland", "planned"),
        SignalStatus::Closed => ("afgesloten", "closed"),
    }
}
