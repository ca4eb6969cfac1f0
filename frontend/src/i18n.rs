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
