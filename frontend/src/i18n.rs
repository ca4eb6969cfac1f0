//! Dutch first, English second. The choice is kept in localStorage and set on `<html lang>`.

use leptos::prelude::*;
use samenstad_types::Zone;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Nederlands (default).
    Nl,
    /// English.
    En,
}

impl Lang {
    /// BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        match code {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Texts of the interface.
#[derive(Debug, Clone, Copy)]
pub enum T {
    Tagline,
    SwitchLanguage,
    SwitchLanguageLabel,
    MapTitle,
    MapHelp,
    ListTitle,
    SearchLabel,
    SearchPlaceholder,
    NoMatches,
    Loading,
    LoadFailed,
    Zone,
    Stadsdeel,
    Area,
    Population,
    PopulationNote,
    Density,
    Round,
    Aliases,
    WijkNr,
    BackToOverview,
    NotFoundTitle,
    NotFoundText,
    ApiDocs,
    Skip,
    LogIn,
    LogOut,
    Register,
    Email,
    Password,
    NewPassword,
    DisplayName,
    PasswordHint,
    NoAccountYet,
    ForgotPassword,
    CheckYourMail,
    VerifyTitle,
    Verified,
    ResetMailSent,
    SendLink,
    PasswordChanged,
    Save,
    Account,
    Roles,
    Organisations,
    VerifiedMark,
    NotVerifiedMark,
    Venues,
    FindVenue,
    Wijk,
    AnyWijk,
    Type,
    AnyType,
    CapacityMin,
    Use,
    AnyUse,
    Accessible,
    Results,
    NoVenues,
    Sample,
    People,
    Rooms,
    OpeningHours,
    Facilities,
    Location,
    OnlyWijkKnown,
    Book,
    Start,
    DurationHours,
    Attendees,
    Purpose,
    OnBehalfOf,
    Myself,
    Price,
    SendRequest,
    RequestSent,
    LogInToBook,
    MyBookings,
    NoBookings,
    Manage,
    Approve,
    Decline,
    Reason,
    Cancel,
    Busy,
    NearHelp,
    ClearNear,
    Availability,
    PreviousWeek,
    NextWeek,
    SlotBusy,
    SlotFree,
    PickSlot,
    Repeat,
    Once,
    Weekly,
    Biweekly,
    Monthly,
    Until,
    WeekOf,
    NearMe,
    OnlyTownKnown,
    SelectionMethod,
    VulnerabilityIndex,
    Budget,
    IdeaBoard,
    Ideas,
    HowDivided,
    Total,
    BaseAmount,
    Cap,
    AboutWijkbudget,
    AllWijken,
    NoIdeasYet,
    NewIdea,
    LogInToSubmit,
    IdeaTitle,
    IdeaBody,
    ChooseWijk,
    EstimatedCost,
    SubmitIdea,
    CostInvalid,
    HiddenIdea,
    MergedInto,
    HiddenBecause,
    Supporters,
    WithdrawSupport,
    Support,
    History,
    Hidden,
    Shown,
    Submitted,
    Decide,
    Status,
    ReasonForResidents,
    CityService,
    SaveDecision,
    VoteTitle,
    VoteOpen,
    VoteNotOpenYet,
    LogInToVote,
    KnapsackHelp,
    ApprovalHelp,
    CumulativeHelp,
    Chosen,
    CastBallot,
    BallotStored,
    BallotsCounted,
    Funded,
    Proposal,
    Votes,
    Yes,
    No,
    VoteLink,
    Deadline,
    Spent,
    OfBudget,
    Partners,
    Progress,
    ProjectsInWijk,
}

/// The text `key` in `lang`.
pub fn t(lang: Lang, key: T) -> &'static str {
    use Lang::{En, Nl};
    match (key, lang) {
        (T::Tagline, Nl) => "Samen stad maken: de 25 wijken van Gent",
        (T::Tagline, En) => "Making the city together: the 25 wijken of Gent",
        (T::SwitchLanguage, Nl) => "English",
        (T::SwitchLanguage, En) => "Nederlands",
        (T::SwitchLanguageLabel, Nl) => "Switch to English",
        (T::SwitchLanguageLabel, En) => "Schakel over naar Nederlands",
        (T::MapTitle, Nl) => "Kaart van de wijken",
        (T::MapTitle, En) => "Map of the wijken",
        (T::MapHelp, Nl) => "Kies een wijk op de kaart of in de lijst.",
        (T::MapHelp, En) => "Choose a wijk on the map or in the list.",
        (T::ListTitle, Nl) => "Alle wijken",
        (T::ListTitle, En) => "All wijken",
        (T::SearchLabel, Nl) => "Zoek een wijk",
        (T::SearchLabel, En) => "Find a wijk",
        (T::SearchPlaceholder, Nl) => "bv. Sint-Amandsberg, Muide, Rabot",
        (T::SearchPlaceholder, En) => "e.g. Sint-Amandsberg, Muide, Rabot",
        (T::NoMatches, Nl) => "Geen wijk gevonden.",
        (T::NoMatches, En) => "No wijk found.",
        (T::Loading, Nl) => "Laden…",
        (T::Loading, En) => "Loading…",
        (T::LoadFailed, Nl) => "Het laden is mislukt. Probeer het later opnieuw.",
        (T::LoadFailed, En) => "Loading failed. Please try again later.",
        (T::Zone, Nl) => "Zone",
        (T::Zone, En) => "Zone",
        (T::Stadsdeel, Nl) => "Stadsdeel",
        (T::Stadsdeel, En) => "District",
        (T::Area, Nl) => "Oppervlakte",
        (T::Area, En) => "Area",
        (T::Population, Nl) => "Inwoners (schatting)",
        (T::Population, En) => "Inhabitants (estimate)",
        (T::PopulationNote, Nl) => {
            "Geschat als bevolkingsdichtheid 2024 × oppervlakte; geen officiële telling."
        }
        (T::PopulationNote, En) => {
            "Estimated as population density 2024 × area; not an official count."
        }
        (T::Density, Nl) => "Inwoners per km² (2024)",
        (T::Density, En) => "Inhabitants per km² (2024)",
        (T::Round, Nl) => "Wijkbudget",
        (T::Round, En) => "Wijkbudget",
        (T::Aliases, Nl) => "Ook gekend als",
        (T::Aliases, En) => "Also known as",
        (T::WijkNr, Nl) => "Wijknummer",
        (T::WijkNr, En) => "Wijk number",
        (T::BackToOverview, Nl) => "← Alle wijken",
        (T::BackToOverview, En) => "← All wijken",
        (T::NotFoundTitle, Nl) => "Niet gevonden",
        (T::NotFoundTitle, En) => "Not found",
        (T::NotFoundText, Nl) => "Deze pagina of wijk bestaat niet.",
        (T::NotFoundText, En) => "This page or wijk does not exist.",
        (T::ApiDocs, Nl) => "API-documentatie",
        (T::ApiDocs, En) => "API documentation",
        (T::Skip, Nl) => "Naar de inhoud",
        (T::Skip, En) => "Skip to content",
        (T::LogIn, Nl) => "Inloggen",
        (T::LogIn, En) => "Log in",
        (T::LogOut, Nl) => "Uitloggen",
        (T::LogOut, En) => "Log out",
        (T::Register, Nl) => "Account aanmaken",
        (T::Register, En) => "Create an account",
        (T::Email, Nl) => "E-mailadres",
        (T::Email, En) => "E-mail address",
        (T::Password, Nl) => "Wachtwoord",
        (T::Password, En) => "Password",
        (T::NewPassword, Nl) => "Nieuw wachtwoord",
        (T::NewPassword, En) => "New password",
        (T::DisplayName, Nl) => "Naam",
        (T::DisplayName, En) => "Name",
        (T::PasswordHint, Nl) => {
            "Minstens 12 tekens. Een zin van een paar woorden is sterk en makkelijk te onthouden."
        }
        (T::PasswordHint, En) => {
            "At least 12 characters. A sentence of a few words is strong and easy to remember."
        }
        (T::NoAccountYet, Nl) => "Nog geen account? Maak er een aan.",
        (T::NoAccountYet, En) => "No account yet? Create one.",
        (T::ForgotPassword, Nl) => "Wachtwoord vergeten?",
        (T::ForgotPassword, En) => "Forgot your password?",
        (T::CheckYourMail, Nl) => {
            "Je account is aangemaakt. We stuurden je een mail met een link om je e-mailadres te bevestigen."
        }
        (T::CheckYourMail, En) => {
            "Your account was created. We sent you a mail with a link to confirm your e-mail address."
        }
        (T::VerifyTitle, Nl) => "E-mailadres bevestigen",
        (T::VerifyTitle, En) => "Confirm e-mail address",
        (T::Verified, Nl) => "Je e-mailadres is bevestigd.",
        (T::Verified, En) => "Your e-mail address is confirmed.",
        (T::ResetMailSent, Nl) => {
            "Als er een account is met dit adres, krijg je een mail met een link."
        }
        (T::ResetMailSent, En) => {
            "If there is an account with this address, you will get a mail with a link."
        }
        (T::SendLink, Nl) => "Stuur de link",
        (T::SendLink, En) => "Send the link",
        (T::PasswordChanged, Nl) => "Je wachtwoord is gewijzigd. Log opnieuw in.",
        (T::PasswordChanged, En) => "Your password was changed. Log in again.",
        (T::Save, Nl) => "Opslaan",
        (T::Save, En) => "Save",
        (T::Account, Nl) => "Mijn account",
        (T::Account, En) => "My account",
        (T::Roles, Nl) => "Rollen",
        (T::Roles, En) => "Roles",
        (T::Organisations, Nl) => "Organisaties",
        (T::Organisations, En) => "Organisations",
        (T::VerifiedMark, Nl) => "(bevestigd)",
        (T::VerifiedMark, En) => "(confirmed)",
        (T::NotVerifiedMark, Nl) => "(nog niet bevestigd)",
        (T::NotVerifiedMark, En) => "(not confirmed yet)",
        (T::Venues, Nl) => "Zalen en ontmoetingsplekken",
        (T::Venues, En) => "Rooms and meeting places",
        (T::FindVenue, Nl) => "Zoek een zaal of ontmoetingsplek",
        (T::FindVenue, En) => "Find a room or meeting place",
        (T::Wijk, Nl) => "Wijk",
        (T::Wijk, En) => "Wijk",
        (T::AnyWijk, Nl) => "Alle wijken",
        (T::AnyWijk, En) => "All wijken",
        (T::Type, Nl) => "Soort",
        (T::Type, En) => "Type",
        (T::AnyType, Nl) => "Alle soorten",
        (T::AnyType, En) => "All types",
        (T::CapacityMin, Nl) => "Minstens zoveel personen",
        (T::CapacityMin, En) => "At least this many people",
        (T::Use, Nl) => "Gebruik",
        (T::Use, En) => "Use",
        (T::AnyUse, Nl) => "Elk gebruik",
        (T::AnyUse, En) => "Any use",
        (T::Accessible, Nl) => "Toegankelijk zonder trappen",
        (T::Accessible, En) => "Step-free access",
        (T::Results, Nl) => "Resultaten",
        (T::Results, En) => "Results",
        (T::NoVenues, Nl) => "Geen plekken gevonden met deze filters.",
        (T::NoVenues, En) => "No places match these filters.",
        (T::Sample, Nl) => "Voorbeeld uit beleidsdocumenten – niet geverifieerd",
        (T::Sample, En) => "Example from policy documents – not verified",
        (T::People, Nl) => "personen",
        (T::People, En) => "people",
        (T::Rooms, Nl) => "Zalen",
        (T::Rooms, En) => "Rooms",
        (T::OpeningHours, Nl) => "Openingsuren",
        (T::OpeningHours, En) => "Opening hours",
        (T::Facilities, Nl) => "Voorzieningen",
        (T::Facilities, En) => "Facilities",
        (T::Location, Nl) => "Ligging",
        (T::Location, En) => "Location",
        (T::OnlyWijkKnown, Nl) => "Enkel de wijk is gekend; het juiste adres volgt.",
        (T::OnlyWijkKnown, En) => "Only the wijk is known; the exact address will follow.",
        (T::Book, Nl) => "Reserveer deze zaal",
        (T::Book, En) => "Book this room",
        (T::Start, Nl) => "Begin",
        (T::Start, En) => "Start",
        (T::DurationHours, Nl) => "Duur (uren)",
        (T::DurationHours, En) => "Duration (hours)",
        (T::Attendees, Nl) => "Aantal personen",
        (T::Attendees, En) => "Number of people",
        (T::Purpose, Nl) => "Waarvoor?",
        (T::Purpose, En) => "What for?",
        (T::OnBehalfOf, Nl) => "Namens",
        (T::OnBehalfOf, En) => "On behalf of",
        (T::Myself, Nl) => "Mezelf",
        (T::Myself, En) => "Myself",
        (T::Price, Nl) => "Prijs",
        (T::Price, En) => "Price",
        (T::SendRequest, Nl) => "Aanvraag versturen",
        (T::SendRequest, En) => "Send request",
        (T::RequestSent, Nl) => {
            "Je aanvraag is verstuurd. De beheerder beslist; je krijgt een mail."
        }
        (T::RequestSent, En) => "Your request was sent. The manager decides; you will get a mail.",
        (T::LogInToBook, Nl) => "Log in om te reserveren.",
        (T::LogInToBook, En) => "Log in to book.",
        (T::MyBookings, Nl) => "Mijn reservaties",
        (T::MyBookings, En) => "My bookings",
        (T::NoBookings, Nl) => "Nog geen reservaties.",
        (T::NoBookings, En) => "No bookings yet.",
        (T::Manage, Nl) => "Aanvragen beheren",
        (T::Manage, En) => "Manage requests",
        (T::Approve, Nl) => "Goedkeuren",
        (T::Approve, En) => "Approve",
        (T::Decline, Nl) => "Weigeren",
        (T::Decline, En) => "Decline",
        (T::Reason, Nl) => "Reden",
        (T::Reason, En) => "Reason",
        (T::Cancel, Nl) => "Annuleren",
        (T::Cancel, En) => "Cancel",
        (T::Busy, Nl) => "Bezet",
        (T::Busy, En) => "Busy",
        (T::NearHelp, Nl) => "Klik op de kaart om plekken in de buurt van dat punt te zien.",
        (T::NearHelp, En) => "Click on the map to see places near that point.",
        (T::ClearNear, Nl) => "Niet meer op afstand sorteren",
        (T::ClearNear, En) => "Stop sorting by distance",
        (T::Availability, Nl) => "Beschikbaarheid",
        (T::Availability, En) => "Availability",
        (T::PreviousWeek, Nl) => "← Vorige week",
        (T::PreviousWeek, En) => "← Previous week",
        (T::NextWeek, Nl) => "Volgende week →",
        (T::NextWeek, En) => "Next week →",
        (T::SlotBusy, Nl) => "bezet",
        (T::SlotBusy, En) => "busy",
        (T::SlotFree, Nl) => "vrij",
        (T::SlotFree, En) => "free",
        (T::PickSlot, Nl) => "Kies als begin",
        (T::PickSlot, En) => "Pick as start",
        (T::Repeat, Nl) => "Herhalen",
        (T::Repeat, En) => "Repeat",
        (T::Once, Nl) => "Eenmalig",
        (T::Once, En) => "Once",
        (T::Weekly, Nl) => "Elke week",
        (T::Weekly, En) => "Every week",
        (T::Biweekly, Nl) => "Om de twee weken",
        (T::Biweekly, En) => "Every two weeks",
        (T::Monthly, Nl) => "Elke maand",
        (T::Monthly, En) => "Every month",
        (T::Until, Nl) => "Tot en met",
        (T::Until, En) => "Until",
        (T::WeekOf, Nl) => "Week van",
        (T::WeekOf, En) => "Week of",
        (T::NearMe, Nl) => "In mijn buurt",
        (T::NearMe, En) => "Near me",
        (T::OnlyTownKnown, Nl) => "Enkel de gemeente is gekend; het juiste adres volgt.",
        (T::OnlyTownKnown, En) => "Only the town is known; the exact address will follow.",
        (T::SelectionMethod, Nl) => "Selectiemethode",
        (T::SelectionMethod, En) => "Selection method",
        (T::VulnerabilityIndex, Nl) => "Kwetsbaarheidsindex",
        (T::VulnerabilityIndex, En) => "Vulnerability index",
        (T::Budget, Nl) => "Budget",
        (T::Budget, En) => "Budget",
        (T::IdeaBoard, Nl) => "Ideeën voor de wijk",
        (T::IdeaBoard, En) => "Ideas for the wijk",
        (T::Ideas, Nl) => "Wijkbudget: ideeën",
        (T::Ideas, En) => "Wijkbudget: ideas",
        (T::HowDivided, Nl) => "Hoe het budget verdeeld wordt",
        (T::HowDivided, En) => "How the budget is divided",
        (T::Total, Nl) => "Totaal",
        (T::Total, En) => "Total",
        (T::BaseAmount, Nl) => "basisbedrag",
        (T::BaseAmount, En) => "base amount",
        (T::Cap, Nl) => "plafond",
        (T::Cap, En) => "cap",
        (T::AboutWijkbudget, Nl) => "Over het Wijkbudget: rondes en budget per wijk",
        (T::AboutWijkbudget, En) => "About the Wijkbudget: rounds and budget per wijk",
        (T::AllWijken, Nl) => "Alle wijken",
        (T::AllWijken, En) => "All wijken",
        (T::NoIdeasYet, Nl) => "Nog geen ideeën. Wees de eerste!",
        (T::NoIdeasYet, En) => "No ideas yet. Be the first!",
        (T::NewIdea, Nl) => "Een idee indienen",
        (T::NewIdea, En) => "Submit an idea",
        (T::LogInToSubmit, Nl) => "Log in om een idee in te dienen",
        (T::LogInToSubmit, En) => "Log in to submit an idea",
        (T::IdeaTitle, Nl) => "Titel van je idee",
        (T::IdeaTitle, En) => "Title of your idea",
        (T::IdeaBody, Nl) => "Beschrijf je idee",
        (T::IdeaBody, En) => "Describe your idea",
        (T::ChooseWijk, Nl) => "Kies een wijk",
        (T::ChooseWijk, En) => "Choose a wijk",
        (T::EstimatedCost, Nl) => "Geschatte kost (euro)",
        (T::EstimatedCost, En) => "Estimated cost (euro)",
        (T::SubmitIdea, Nl) => "Idee indienen",
        (T::SubmitIdea, En) => "Submit idea",
        (T::CostInvalid, Nl) => "De kost is geen bedrag in euro.",
        (T::CostInvalid, En) => "The cost is not an amount in euro.",
        (T::HiddenIdea, Nl) => "Verborgen idee",
        (T::HiddenIdea, En) => "Hidden idea",
        (T::MergedInto, Nl) => "Samengevoegd met dit idee",
        (T::MergedInto, En) => "Merged into this idea",
        (T::HiddenBecause, Nl) => "Verborgen door de moderatie:",
        (T::HiddenBecause, En) => "Hidden by moderation:",
        (T::Supporters, Nl) => "steunen dit idee",
        (T::Supporters, En) => "support this idea",
        (T::WithdrawSupport, Nl) => "Steun intrekken",
        (T::WithdrawSupport, En) => "Withdraw support",
        (T::Support, Nl) => "Ik steun dit idee",
        (T::Support, En) => "I support this idea",
        (T::History, Nl) => "Wat er met dit idee gebeurde",
        (T::History, En) => "What happened to this idea",
        (T::Hidden, Nl) => "verborgen",
        (T::Hidden, En) => "hidden",
        (T::Shown, Nl) => "opnieuw zichtbaar",
        (T::Shown, En) => "shown again",
        (T::Submitted, Nl) => "ingediend",
        (T::Submitted, En) => "submitted",
        (T::Decide, Nl) => "Beslissen (medewerkers van de wijk)",
        (T::Decide, En) => "Decide (staff of the wijk)",
        (T::Status, Nl) => "Status",
        (T::Status, En) => "Status",
        (T::ReasonForResidents, Nl) => "Reden (bewoners lezen dit)",
        (T::ReasonForResidents, En) => "Reason (residents read this)",
        (T::CityService, Nl) => "Welke stadsdienst neemt het op?",
        (T::CityService, En) => "Which city service takes it up?",
        (T::SaveDecision, Nl) => "Beslissing opslaan",
        (T::SaveDecision, En) => "Save decision",
        (T::VoteTitle, Nl) => "Stemming",
        (T::VoteTitle, En) => "Vote",
        (T::VoteOpen, Nl) => "open van",
        (T::VoteOpen, En) => "open from",
        (T::VoteNotOpenYet, Nl) => "De stemming is nog niet open.",
        (T::VoteNotOpenYet, En) => "The vote is not open yet.",
        (T::LogInToVote, Nl) => "Log in om te stemmen",
        (T::LogInToVote, En) => "Log in to vote",
        (T::KnapsackHelp, Nl) => {
            "Kies de projecten die je wilt; samen mogen ze niet meer kosten dan het budget van de wijk."
        }
        (T::KnapsackHelp, En) => {
            "Choose the projects you want; together they may not cost more than the wijk's budget."
        }
        (T::ApprovalHelp, Nl) => "Kies de projecten die je steunt.",
        (T::ApprovalHelp, En) => "Choose the projects you support.",
        (T::CumulativeHelp, Nl) => "Verdeel je punten over de projecten.",
        (T::CumulativeHelp, En) => "Spread your points over the projects.",
        (T::Chosen, Nl) => "Gekozen:",
        (T::Chosen, En) => "Chosen:",
        (T::CastBallot, Nl) => "Stem uitbrengen",
        (T::CastBallot, En) => "Cast my vote",
        (T::BallotStored, Nl) => "Je stem is bewaard. Je kunt hem wijzigen tot de stemming sluit.",
        (T::BallotStored, En) => "Your vote is stored. You can change it until the vote closes.",
        (T::BallotsCounted, Nl) => "stemmen geteld",
        (T::BallotsCounted, En) => "ballots counted",
        (T::Funded, Nl) => "Gefinancierd",
        (T::Funded, En) => "Funded",
        (T::Proposal, Nl) => "Voorstel",
        (T::Proposal, En) => "Proposal",
        (T::Votes, Nl) => "Stemmen",
        (T::Votes, En) => "Votes",
        (T::Yes, Nl) => "ja",
        (T::Yes, En) => "yes",
        (T::No, Nl) => "nee",
        (T::No, En) => "no",
        (T::VoteLink, Nl) => "Stemming",
        (T::VoteLink, En) => "Vote",
        (T::Deadline, Nl) => "klaar tegen",
        (T::Deadline, En) => "due by",
        (T::Spent, Nl) => "Uitgegeven:",
        (T::Spent, En) => "Spent:",
        (T::OfBudget, Nl) => "van",
        (T::OfBudget, En) => "of",
        (T::Partners, Nl) => "Partners",
        (T::Partners, En) => "Partners",
        (T::Progress, Nl) => "Voortgang",
        (T::Progress, En) => "Progress",
        (T::ProjectsInWijk, Nl) => "Projecten in uitvoering",
        (T::ProjectsInWijk, En) => "Projects being realised",
    }
}

/// Human name of a zone.
pub fn zone_name(lang: Lang, zone: Zone) -> &'static str {
    match (zone, lang) {
        (Zone::Binnenstad, Lang::Nl) => "Binnenstad",
        (Zone::Binnenstad, Lang::En) => "Inner city",
        (Zone::Gordel19e, Lang::Nl) => "19e-eeuwse gordel",
        (Zone::Gordel19e, Lang::En) => "19th-century belt",
        (Zone::Gordel20e, Lang::Nl) => "20ste-eeuwse gordel",
        (Zone::Gordel20e, Lang::En) => "20th-century belt",
    }
}

/// Human text of a wijkbudget round.
pub fn round_name(lang: Lang, round: Option<i16>) -> String {
    match (round, lang) {
        (Some(1), Lang::Nl) => "Ronde 1 (september 2020)".to_owned(),
        (Some(1), Lang::En) => "Round 1 (September 2020)".to_owned(),
        (Some(2), Lang::Nl) => "Ronde 2 (september 2022)".to_owned(),
        (Some(2), Lang::En) => "Round 2 (September 2022)".to_owned(),
        (Some(n), Lang::Nl) => format!("Ronde {n}"),
        (Some(n), Lang::En) => format!("Round {n}"),
        (None, Lang::Nl) => "Geen".to_owned(),
        (None, Lang::En) => "None".to_owned(),
    }
}

const STORAGE_KEY: &str = "samenstad.lang";

fn stored_lang() -> Option<Lang> {
    let storage = window().local_storage().ok()??;
    Lang::from_code(&storage.get_item(STORAGE_KEY).ok()??)
}

/// Provides the language signal to the app and keeps `<html lang>` and storage in step.
pub fn provide_lang() -> RwSignal<Lang> {
    let lang = RwSignal::new(stored_lang().unwrap_or(Lang::Nl));
    provide_context(lang);
    Effect::new(move |_| {
        let code = lang.get().code();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", code);
        }
        if let Ok(Some(storage)) = window().local_storage() {
            let _ = storage.set_item(STORAGE_KEY, code);
        }
    });
    lang
}

/// The language signal provided by [`provide_lang`].
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<RwSignal<Lang>>().unwrap_or_else(|| RwSignal::new(Lang::Nl))
}

/// Human name of a venue type.
pub fn venue_type_name(lang: Lang, kind: &str) -> &'static str {
    match (kind, lang) {
        ("buurtcentrum", _) => "Buurtcentrum",
        ("open_huis", _) => "Open Huis",
        ("buurthuis", _) => "Buurthuis",
        ("lokaal_dienstencentrum", Lang::Nl) => "Lokaal dienstencentrum",
        ("lokaal_dienstencentrum", Lang::En) => "Local service centre",
        ("buurtsecretariaat", _) => "Buurtsecretariaat",
        ("buurtpunt", _) => "Buurtpunt",
        ("bibliotheek", Lang::Nl) => "Bibliotheek",
        ("bibliotheek", Lang::En) => "Library",
        ("partner_place", Lang::Nl) => "Partnerplek",
        ("partner_place", Lang::En) => "Partner place",
        ("tijdelijke_invulling", Lang::Nl) => "Tijdelijke invulling",
        ("tijdelijke_invulling", Lang::En) => "Temporary use",
        _ => "–",
    }
}

/// Human name of a booking status.
pub fn status_name(lang: Lang, status: &str) -> &'static str {
    match (status, lang) {
        ("requested", Lang::Nl) => "aangevraagd",
        ("requested", Lang::En) => "requested",
        ("approved", Lang::Nl) => "goedgekeurd",
        ("approved", Lang::En) => "approved",
        ("declined", Lang::Nl) => "geweigerd",
        ("declined", Lang::En) => "declined",
        ("cancelled", Lang::Nl) => "geannuleerd",
        ("cancelled", Lang::En) => "cancelled",
        ("completed", Lang::Nl) => "afgerond",
        ("completed", Lang::En) => "completed",
        _ => "–",
    }
}

/// The public status of an idea.
pub fn idea_status_name(lang: Lang, status: &str) -> &'static str {
    match (status, lang) {
        ("submitted", Lang::Nl) => "ingediend",
        ("submitted", Lang::En) => "submitted",
        ("in_dialogue", Lang::Nl) => "in wijkdialoog",
        ("in_dialogue", Lang::En) => "in dialogue",
        ("proposal", Lang::Nl) => "uitgewerkt tot voorstel",
        ("proposal", Lang::En) => "worked into a proposal",
        ("merged", Lang::Nl) => "samengevoegd",
        ("merged", Lang::En) => "merged",
        ("referred", Lang::Nl) => "doorverwezen naar het reguliere beleid",
        ("referred", Lang::En) => "referred to regular city policy",
        ("not_retained", Lang::Nl) => "niet weerhouden",
        ("not_retained", Lang::En) => "not retained",
        _ => "–",
    }
}

/// How a wijk selects its projects.
pub fn method_name(lang: Lang, method: &str) -> &'static str {
    match (method, lang) {
        ("dialogue", Lang::Nl) => "wijkdialoog",
        ("dialogue", Lang::En) => "dialogue",
        ("lottery_panel", Lang::Nl) => "geloot wijkpanel",
        ("lottery_panel", Lang::En) => "lottery panel",
        ("public_vote", Lang::Nl) => "stemming",
        ("public_vote", Lang::En) => "public vote",
        ("college_decision", Lang::Nl) => "beslissing van het college",
        ("college_decision", Lang::En) => "college decision",
        _ => "–",
    }
}

/// The status of a project in realisation.
pub fn project_status_name(lang: Lang, status: &str) -> &'static str {
    match (status, lang) {
        ("planned", Lang::Nl) => "gepland",
        ("planned", Lang::En) => "planned",
        ("in_realisation", Lang::Nl) => "in uitvoering",
        ("in_realisation", Lang::En) => "being realised",
        ("realised", Lang::Nl) => "gerealiseerd",
        ("realised", Lang::En) => "realised",
        ("stopped", Lang::Nl) => "stopgezet",
        ("stopped", Lang::En) => "stopped",
        _ => "–",
    }
}
