//! Dutch first, English second. The choice is kept in localStorage and set on `<html lang>`.

use leptos::prelude::*;

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

/// A text of the interface in both languages. Each text is a constant (`T::Tagline`), so a
/// build links only the texts its pages use (a table looked up at run time kept every text of
/// both languages in every build: issue 18).
#[derive(Debug, Clone, Copy)]
pub struct T {
    nl: &'static str,
    en: &'static str,
}

#[allow(non_upper_case_globals)]
impl T {
    pub const Tagline: T = T {
        nl: "Samen stad maken",
        en: "Making the city together",
    };
    pub const SwitchLanguage: T = T {
        nl: "English",
        en: "Nederlands",
    };
    pub const SwitchLanguageLabel: T = T {
        nl: "Switch to English",
        en: "Schakel over naar Nederlands",
    };
    pub const MapTitle: T = T {
        nl: "Kaart van de wijken",
        en: "Map of the wijken",
    };
    pub const MapHelp: T = T {
        nl: "Kies een wijk op de kaart of in de lijst.",
        en: "Choose a wijk on the map or in the list.",
    };
    pub const ListTitle: T = T {
        nl: "Alle wijken",
        en: "All wijken",
    };
    pub const SearchLabel: T = T {
        nl: "Zoek een wijk",
        en: "Find a wijk",
    };
    pub const SearchPlaceholder: T = T {
        nl: "bv. Sint-Amandsberg, Muide, Rabot",
        en: "e.g. Sint-Amandsberg, Muide, Rabot",
    };
    pub const NoMatches: T = T {
        nl: "Geen wijk gevonden.",
        en: "No wijk found.",
    };
    pub const Loading: T = T {
        nl: "Laden…",
        en: "Loading…",
    };
    pub const LoadFailed: T = T {
        nl: "Het laden is mislukt. Probeer het later opnieuw.",
        en: "Loading failed. Please try again later.",
    };
    pub const Zone: T = T {
        nl: "Zone",
        en: "Zone",
    };
    pub const Stadsdeel: T = T {
        nl: "Stadsdeel",
        en: "District",
    };
    pub const Area: T = T {
        nl: "Oppervlakte",
        en: "Area",
    };
    pub const Population: T = T {
        nl: "Inwoners (schatting)",
        en: "Inhabitants (estimate)",
    };
    pub const PopulationNote: T = T {
        nl: "Geschat als bevolkingsdichtheid 2024 × oppervlakte; geen officiële telling.",
        en: "Estimated as population density 2024 × area; not an official count.",
    };
    pub const Density: T = T {
        nl: "Inwoners per km² (2024)",
        en: "Inhabitants per km² (2024)",
    };
    pub const Round: T = T {
        nl: "Wijkbudget",
        en: "Wijkbudget",
    };
    pub const Aliases: T = T {
        nl: "Ook gekend als",
        en: "Also known as",
    };
    pub const WijkNr: T = T {
        nl: "Wijknummer",
        en: "Wijk number",
    };
    pub const BackToOverview: T = T {
        nl: "← Alle wijken",
        en: "← All wijken",
    };
    pub const NotFoundTitle: T = T {
        nl: "Niet gevonden",
        en: "Not found",
    };
    pub const NotFoundText: T = T {
        nl: "Deze pagina of wijk bestaat niet.",
        en: "This page or wijk does not exist.",
    };
    pub const ApiDocs: T = T {
        nl: "API-documentatie",
        en: "API documentation",
    };
    pub const Skip: T = T {
        nl: "Naar de inhoud",
        en: "Skip to content",
    };
    pub const LogIn: T = T {
        nl: "Inloggen",
        en: "Log in",
    };
    pub const LogOut: T = T {
        nl: "Uitloggen",
        en: "Log out",
    };
    pub const Register: T = T {
        nl: "Account aanmaken",
        en: "Create an account",
    };
    pub const Email: T = T {
        nl: "E-mailadres",
        en: "E-mail address",
    };
    pub const Password: T = T {
        nl: "Wachtwoord",
        en: "Password",
    };
    pub const NewPassword: T = T {
        nl: "Nieuw wachtwoord",
        en: "New password",
    };
    pub const DisplayName: T = T {
        nl: "Naam",
        en: "Name",
    };
    pub const PasswordHint: T = T {
        nl: "Minstens 12 tekens. Een zin van een paar woorden is sterk en makkelijk te onthouden.",
        en: "At least 12 characters. A sentence of a few words is strong and easy to remember.",
    };
    pub const NoAccountYet: T = T {
        nl: "Nog geen account? Maak er een aan.",
        en: "No account yet? Create one.",
    };
    pub const ForgotPassword: T = T {
        nl: "Wachtwoord vergeten?",
        en: "Forgot your password?",
    };
    pub const CheckYourMail: T = T {
        nl: "Je account is aangemaakt. We stuurden je een mail met een link om je e-mailadres te bevestigen.",
        en: "Your account was created. We sent you a mail with a link to confirm your e-mail address.",
    };
    pub const VerifyTitle: T = T {
        nl: "E-mailadres bevestigen",
        en: "Confirm e-mail address",
    };
    pub const Verified: T = T {
        nl: "Je e-mailadres is bevestigd.",
        en: "Your e-mail address is confirmed.",
    };
    pub const ResetMailSent: T = T {
        nl: "Als er een account is met dit adres, krijg je een mail met een link.",
        en: "If there is an account with this address, you will get a mail with a link.",
    };
    pub const SendLink: T = T {
        nl: "Stuur de link",
        en: "Send the link",
    };
    pub const PasswordChanged: T = T {
        nl: "Je wachtwoord is gewijzigd. Log opnieuw in.",
        en: "Your password was changed. Log in again.",
    };
    pub const Save: T = T {
        nl: "Opslaan",
        en: "Save",
    };
    pub const Account: T = T {
        nl: "Mijn account",
        en: "My account",
    };
    pub const Roles: T = T {
        nl: "Rollen",
        en: "Roles",
    };
    pub const Organisations: T = T {
        nl: "Organisaties",
        en: "Organisations",
    };
    pub const VerifiedMark: T = T {
        nl: "(bevestigd)",
        en: "(confirmed)",
    };
    pub const NotVerifiedMark: T = T {
        nl: "(nog niet bevestigd)",
        en: "(not confirmed yet)",
    };
    pub const Venues: T = T {
        nl: "Zalen en ontmoetingsplekken",
        en: "Rooms and meeting places",
    };
    pub const FindVenue: T = T {
        nl: "Zoek een zaal of ontmoetingsplek",
        en: "Find a room or meeting place",
    };
    pub const Wijk: T = T {
        nl: "Wijk",
        en: "Wijk",
    };
    pub const AnyWijk: T = T {
        nl: "Alle wijken",
        en: "All wijken",
    };
    pub const Type: T = T {
        nl: "Soort",
        en: "Type",
    };
    pub const AnyType: T = T {
        nl: "Alle soorten",
        en: "All types",
    };
    pub const CapacityMin: T = T {
        nl: "Minstens zoveel personen",
        en: "At least this many people",
    };
    pub const Use: T = T {
        nl: "Gebruik",
        en: "Use",
    };
    pub const AnyUse: T = T {
        nl: "Elk gebruik",
        en: "Any use",
    };
    pub const Accessible: T = T {
        nl: "Toegankelijk zonder trappen",
        en: "Step-free access",
    };
    pub const Results: T = T {
        nl: "Resultaten",
        en: "Results",
    };
    pub const NoVenues: T = T {
        nl: "Geen plekken gevonden met deze filters.",
        en: "No places match these filters.",
    };
    pub const Sample: T = T {
        nl: "Voorbeeld uit beleidsdocumenten – niet geverifieerd",
        en: "Example from policy documents – not verified",
    };
    pub const People: T = T {
        nl: "personen",
        en: "people",
    };
    pub const Rooms: T = T {
        nl: "Zalen",
        en: "Rooms",
    };
    pub const OpeningHours: T = T {
        nl: "Openingsuren",
        en: "Opening hours",
    };
    pub const Facilities: T = T {
        nl: "Voorzieningen",
        en: "Facilities",
    };
    pub const Location: T = T {
        nl: "Ligging",
        en: "Location",
    };
    pub const OnlyWijkKnown: T = T {
        nl: "Enkel de wijk is gekend; het juiste adres volgt.",
        en: "Only the wijk is known; the exact address will follow.",
    };
    pub const Book: T = T {
        nl: "Reserveer deze zaal",
        en: "Book this room",
    };
    pub const Start: T = T {
        nl: "Begin",
        en: "Start",
    };
    pub const DurationHours: T = T {
        nl: "Duur (uren)",
        en: "Duration (hours)",
    };
    pub const Attendees: T = T {
        nl: "Aantal personen",
        en: "Number of people",
    };
    pub const Purpose: T = T {
        nl: "Waarvoor?",
        en: "What for?",
    };
    pub const OnBehalfOf: T = T {
        nl: "Namens",
        en: "On behalf of",
    };
    pub const Myself: T = T {
        nl: "Mezelf",
        en: "Myself",
    };
    pub const Price: T = T {
        nl: "Prijs",
        en: "Price",
    };
    pub const SendRequest: T = T {
        nl: "Aanvraag versturen",
        en: "Send request",
    };
    pub const RequestSent: T = T {
        nl: "Je aanvraag is verstuurd. De beheerder beslist; je krijgt een mail.",
        en: "Your request was sent. The manager decides; you will get a mail.",
    };
    pub const LogInToBook: T = T {
        nl: "Log in om te reserveren.",
        en: "Log in to book.",
    };
    pub const MyBookings: T = T {
        nl: "Mijn reservaties",
        en: "My bookings",
    };
    pub const NoBookings: T = T {
        nl: "Nog geen reservaties.",
        en: "No bookings yet.",
    };
    pub const Manage: T = T {
        nl: "Aanvragen beheren",
        en: "Manage requests",
    };
    pub const Approve: T = T {
        nl: "Goedkeuren",
        en: "Approve",
    };
    pub const Decline: T = T {
        nl: "Weigeren",
        en: "Decline",
    };
    pub const Reason: T = T {
        nl: "Reden",
        en: "Reason",
    };
    pub const Cancel: T = T {
        nl: "Annuleren",
        en: "Cancel",
    };
    pub const Busy: T = T {
        nl: "Bezet",
        en: "Busy",
    };
    pub const NearHelp: T = T {
        nl: "Klik op de kaart om plekken in de buurt van dat punt te zien.",
        en: "Click on the map to see places near that point.",
    };
    pub const ClearNear: T = T {
        nl: "Niet meer op afstand sorteren",
        en: "Stop sorting by distance",
    };
    pub const Availability: T = T {
        nl: "Beschikbaarheid",
        en: "Availability",
    };
    pub const PreviousWeek: T = T {
        nl: "← Vorige week",
        en: "← Previous week",
    };
    pub const NextWeek: T = T {
        nl: "Volgende week →",
        en: "Next week →",
    };
    pub const SlotBusy: T = T {
        nl: "bezet",
        en: "busy",
    };
    pub const SlotFree: T = T {
        nl: "vrij",
        en: "free",
    };
    pub const PickSlot: T = T {
        nl: "Kies als begin",
        en: "Pick as start",
    };
    pub const Repeat: T = T {
        nl: "Herhalen",
        en: "Repeat",
    };
    pub const Once: T = T {
        nl: "Eenmalig",
        en: "Once",
    };
    pub const Weekly: T = T {
        nl: "Elke week",
        en: "Every week",
    };
    pub const Biweekly: T = T {
        nl: "Om de twee weken",
        en: "Every two weeks",
    };
    pub const Monthly: T = T {
        nl: "Elke maand",
        en: "Every month",
    };
    pub const Until: T = T {
        nl: "Tot en met",
        en: "Until",
    };
    pub const WeekOf: T = T {
        nl: "Week van",
        en: "Week of",
    };
    pub const NearMe: T = T {
        nl: "In mijn buurt",
        en: "Near me",
    };
    pub const OnlyTownKnown: T = T {
        nl: "Enkel de gemeente is gekend; het juiste adres volgt.",
        en: "Only the town is known; the exact address will follow.",
    };
    pub const SelectionMethod: T = T {
        nl: "Selectiemethode",
        en: "Selection method",
    };
    pub const VulnerabilityIndex: T = T {
        nl: "Kwetsbaarheidsindex",
        en: "Vulnerability index",
    };
    pub const Budget: T = T {
        nl: "Budget",
        en: "Budget",
    };
    pub const IdeaBoard: T = T {
        nl: "Ideeën voor de wijk",
        en: "Ideas for the wijk",
    };
    pub const Ideas: T = T {
        nl: "Wijkbudget: ideeën",
        en: "Wijkbudget: ideas",
    };
    pub const HowDivided: T = T {
        nl: "Hoe het budget verdeeld wordt",
        en: "How the budget is divided",
    };
    pub const Total: T = T {
        nl: "Totaal",
        en: "Total",
    };
    pub const BaseAmount: T = T {
        nl: "basisbedrag",
        en: "base amount",
    };
    pub const Cap: T = T {
        nl: "plafond",
        en: "cap",
    };
    pub const AboutWijkbudget: T = T {
        nl: "Over het Wijkbudget: rondes en budget per wijk",
        en: "About the Wijkbudget: rounds and budget per wijk",
    };
    pub const AllWijken: T = T {
        nl: "Alle wijken",
        en: "All wijken",
    };
    pub const NoIdeasYet: T = T {
        nl: "Nog geen ideeën. Wees de eerste!",
        en: "No ideas yet. Be the first!",
    };
    pub const NewIdea: T = T {
        nl: "Een idee indienen",
        en: "Submit an idea",
    };
    pub const LogInToSubmit: T = T {
        nl: "Log in om een idee in te dienen",
        en: "Log in to submit an idea",
    };
    pub const IdeaTitle: T = T {
        nl: "Titel van je idee",
        en: "Title of your idea",
    };
    pub const IdeaBody: T = T {
        nl: "Beschrijf je idee",
        en: "Describe your idea",
    };
    pub const ChooseWijk: T = T {
        nl: "Kies een wijk",
        en: "Choose a wijk",
    };
    pub const EstimatedCost: T = T {
        nl: "Geschatte kost (euro)",
        en: "Estimated cost (euro)",
    };
    pub const SubmitIdea: T = T {
        nl: "Idee indienen",
        en: "Submit idea",
    };
    pub const CostInvalid: T = T {
        nl: "De kost is geen bedrag in euro.",
        en: "The cost is not an amount in euro.",
    };
    pub const HiddenIdea: T = T {
        nl: "Verborgen idee",
        en: "Hidden idea",
    };
    pub const MergedInto: T = T {
        nl: "Samengevoegd met dit idee",
        en: "Merged into this idea",
    };
    pub const HiddenBecause: T = T {
        nl: "Verborgen door de moderatie:",
        en: "Hidden by moderation:",
    };
    pub const Supporters: T = T {
        nl: "steunen dit idee",
        en: "support this idea",
    };
    pub const WithdrawSupport: T = T {
        nl: "Steun intrekken",
        en: "Withdraw support",
    };
    pub const Support: T = T {
        nl: "Ik steun dit idee",
        en: "I support this idea",
    };
    pub const History: T = T {
        nl: "Wat er met dit idee gebeurde",
        en: "What happened to this idea",
    };
    pub const Hidden: T = T {
        nl: "verborgen",
        en: "hidden",
    };
    pub const Shown: T = T {
        nl: "opnieuw zichtbaar",
        en: "shown again",
    };
    pub const Submitted: T = T {
        nl: "ingediend",
        en: "submitted",
    };
    pub const Decide: T = T {
        nl: "Beslissen (medewerkers van de wijk)",
        en: "Decide (staff of the wijk)",
    };
    pub const Status: T = T {
        nl: "Status",
        en: "Status",
    };
    pub const ReasonForResidents: T = T {
        nl: "Reden (bewoners lezen dit)",
        en: "Reason (residents read this)",
    };
    pub const CityService: T = T {
        nl: "Welke stadsdienst neemt het op?",
        en: "Which city service takes it up?",
    };
    pub const SaveDecision: T = T {
        nl: "Beslissing opslaan",
        en: "Save decision",
    };
    pub const VoteTitle: T = T {
        nl: "Stemming",
        en: "Vote",
    };
    pub const VoteOpen: T = T {
        nl: "open van",
        en: "open from",
    };
    pub const VoteNotOpenYet: T = T {
        nl: "De stemming is nog niet open.",
        en: "The vote is not open yet.",
    };
    pub const LogInToVote: T = T {
        nl: "Log in om te stemmen",
        en: "Log in to vote",
    };
    pub const KnapsackHelp: T = T {
        nl: "Kies de projecten die je wilt; samen mogen ze niet meer kosten dan het budget van de wijk.",
        en: "Choose the projects you want; together they may not cost more than the wijk's budget.",
    };
    pub const ApprovalHelp: T = T {
        nl: "Kies de projecten die je steunt.",
        en: "Choose the projects you support.",
    };
    pub const CumulativeHelp: T = T {
        nl: "Verdeel je punten over de projecten.",
        en: "Spread your points over the projects.",
    };
    pub const Chosen: T = T {
        nl: "Gekozen:",
        en: "Chosen:",
    };
    pub const CastBallot: T = T {
        nl: "Stem uitbrengen",
        en: "Cast my vote",
    };
    pub const BallotStored: T = T {
        nl: "Je stem is bewaard. Je kunt hem wijzigen tot de stemming sluit.",
        en: "Your vote is stored. You can change it until the vote closes.",
    };
    pub const BallotsCounted: T = T {
        nl: "stemmen geteld",
        en: "ballots counted",
    };
    pub const Funded: T = T {
        nl: "Gefinancierd",
        en: "Funded",
    };
    pub const Proposal: T = T {
        nl: "Voorstel",
        en: "Proposal",
    };
    pub const Votes: T = T {
        nl: "Stemmen",
        en: "Votes",
    };
    pub const Yes: T = T {
        nl: "ja",
        en: "yes",
    };
    pub const No: T = T {
        nl: "nee",
        en: "no",
    };
    pub const VoteLink: T = T {
        nl: "Stemming",
        en: "Vote",
    };
    pub const Deadline: T = T {
        nl: "klaar tegen",
        en: "due by",
    };
    pub const Spent: T = T {
        nl: "Uitgegeven:",
        en: "Spent:",
    };
    pub const OfBudget: T = T {
        nl: "van",
        en: "of",
    };
    pub const Partners: T = T {
        nl: "Partners",
        en: "Partners",
    };
    pub const Progress: T = T {
        nl: "Voortgang",
        en: "Progress",
    };
    pub const ProjectsInWijk: T = T {
        nl: "Projecten in uitvoering",
        en: "Projects being realised",
    };
    pub const Panel: T = T {
        nl: "Geloot wijkpanel",
        en: "Lottery panel",
    };
    pub const PanelSize: T = T {
        nl: "Leden + reserves",
        en: "Members + reserves",
    };
    pub const Quotas: T = T {
        nl: "Quota",
        en: "Quotas",
    };
    pub const Pool: T = T {
        nl: "Kandidaten",
        en: "Candidates",
    };
    pub const Seed: T = T {
        nl: "Gepubliceerde seed",
        en: "Published seed",
    };
    pub const Members: T = T {
        nl: "Leden",
        en: "Members",
    };
    pub const Reserves: T = T {
        nl: "Reserves",
        en: "Reserves",
    };
    pub const VerifyDraw: T = T {
        nl: "Iedereen kan de loting nagaan met de gepubliceerde kandidatenlijst:",
        en: "Anyone can check the draw with the published candidate list:",
    };
    pub const ScoreProposals: T = T {
        nl: "Voorstellen scoren (leden van het panel)",
        en: "Score the proposals (panel members)",
    };
    pub const ScoreLabel: T = T {
        nl: "Score (0–10)",
        en: "Score (0–10)",
    };
    pub const Comment: T = T {
        nl: "Toelichting",
        en: "Comment",
    };
    pub const SaveScore: T = T {
        nl: "Score bewaren",
        en: "Save score",
    };
    pub const PanelScores: T = T {
        nl: "Scores van het panel",
        en: "The panel's scores",
    };
    pub const ScoredBy: T = T {
        nl: "Gescoord door",
        en: "Scored by",
    };
    pub const AverageScore: T = T {
        nl: "Gemiddelde",
        en: "Average",
    };
    pub const PanelLink: T = T {
        nl: "Geloot wijkpanel",
        en: "Lottery panel",
    };
    pub const IdeaMap: T = T {
        nl: "Kaart van de ideeën (cirkels) en projecten (groen) in de wijk",
        en: "Map of the ideas (circles) and projects (green) in the wijk",
    };
    pub const ToTheProject: T = T {
        nl: "Naar het project",
        en: "To the project",
    };
    pub const CarriedOutBy: T = T {
        nl: "Uitgevoerd door:",
        en: "Carried out by:",
    };
    pub const FromIdeas: T = T {
        nl: "Uitgewerkt uit deze ideeën",
        en: "Worked out from these ideas",
    };
    pub const IdeaNumber: T = T {
        nl: "Idee",
        en: "Idea",
    };
    pub const ProposalsInWijk: T = T {
        nl: "Voorstellen",
        en: "Proposals",
    };
    pub const MoreAboutIt: T = T {
        nl: "meer over dit voorstel",
        en: "more about this proposal",
    };
    pub const AddPhoto: T = T {
        nl: "Foto toevoegen (JPEG, PNG of WebP, hoogstens 5 MB)",
        en: "Add a photo (JPEG, PNG or WebP, at most 5 MB)",
    };
    pub const Subsidies: T = T {
        nl: "Subsidies",
        en: "Subsidies",
    };
    pub const SubsidiesIntro: T = T {
        nl: "De stad steunt initiatieven van bewoners en organisaties met subsidies. Zoek wat bij je idee past en vraag het hier aan.",
        en: "The city supports initiatives of residents and organisations with grants. Find what fits your idea and apply here.",
    };
    pub const SubsidyPages: T = T {
        nl: "Subsidies",
        en: "Subsidies",
    };
    pub const FindSubsidy: T = T {
        nl: "Subsidie zoeken",
        en: "Find a grant",
    };
    pub const MyApplications: T = T {
        nl: "Mijn aanvragen",
        en: "My applications",
    };
    pub const JuryTitle: T = T {
        nl: "Jury",
        en: "Jury",
    };
    pub const ProgrammeAdmin: T = T {
        nl: "Aanvragen behandelen",
        en: "Handle applications",
    };
    pub const Dashboard: T = T {
        nl: "Dashboard",
        en: "Dashboard",
    };
    pub const WhichSubsidyFits: T = T {
        nl: "Welke subsidie past bij mijn idee?",
        en: "Which grant fits my idea?",
    };
    pub const HowMuchNeeded: T = T {
        nl: "Hoeveel heb je nodig? (euro)",
        en: "How much do you need? (euro)",
    };
    pub const NotAnAmount: T = T {
        nl: "Dit is geen bedrag; schrijf bijvoorbeeld 1800 of 1.800,50.",
        en: "This is not an amount; write for example 1800 or 1,800.50.",
    };
    pub const Theme: T = T {
        nl: "Thema",
        en: "Theme",
    };
    pub const AnyTheme: T = T {
        nl: "Alle thema's",
        en: "Any theme",
    };
    pub const NothingFits: T = T {
        nl: "Geen enkele categorie past bij dit bedrag en thema.",
        en: "No category fits this amount and theme.",
    };
    pub const FittingCategories: T = T {
        nl: "Categorieën die passen",
        en: "Categories that fit",
    };
    pub const Scheme: T = T {
        nl: "Regeling",
        en: "Scheme",
    };
    pub const Category: T = T {
        nl: "Categorie",
        en: "Category",
    };
    pub const Amount: T = T {
        nl: "Bedrag",
        en: "Amount",
    };
    pub const Review: T = T {
        nl: "Beoordeling",
        en: "Review",
    };
    pub const EarliestStart: T = T {
        nl: "Vroegste start",
        en: "Earliest start",
    };
    pub const NextDeadline: T = T {
        nl: "Volgende deadline",
        en: "Next deadline",
    };
    pub const UpTo: T = T {
        nl: "tot",
        en: "up to",
    };
    pub const Apply: T = T {
        nl: "Aanvragen",
        en: "Apply",
    };
    pub const AllSchemes: T = T {
        nl: "Alle regelingen",
        en: "All schemes",
    };
    pub const ReplacedBy: T = T {
        nl: "Vervangen door",
        en: "Replaced by",
    };
    pub const BudgetLeftIn: T = T {
        nl: "Nog te verdelen in",
        en: "Left to grant in",
    };
    pub const StartApplication: T = T {
        nl: "Aanvraag starten",
        en: "Start an application",
    };
    pub const WhoMayApply: T = T {
        nl: "Wie mag aanvragen",
        en: "Who may apply",
    };
    pub const SchemeArchived: T = T {
        nl: "Deze regeling is stopgezet en neemt geen aanvragen meer aan.",
        en: "This scheme has ended and takes no more applications.",
    };
    pub const LogInToApply: T = T {
        nl: "Log in om een aanvraag te starten",
        en: "Log in to start an application",
    };
    pub const ChooseCategory: T = T {
        nl: "Kies een categorie",
        en: "Choose a category",
    };
    pub const Applicant: T = T {
        nl: "Aanvrager",
        en: "Applicant",
    };
    pub const AsOrganisation: T = T {
        nl: "Namens",
        en: "On behalf of",
    };
    pub const AsPerson: T = T {
        nl: "Ikzelf, als persoon",
        en: "Myself, as a person",
    };
    pub const PersonNotAllowed: T = T {
        nl: "Bij deze regeling kan je niet als persoon aanvragen, alleen namens een organisatie.",
        en: "This scheme does not take applications from individuals, only from organisations.",
    };
    pub const NoApplicationsYet: T = T {
        nl: "Je hebt nog geen aanvragen.",
        en: "You have no applications yet.",
    };
    pub const TitleLabel: T = T {
        nl: "Titel",
        en: "Title",
    };
    pub const Requested: T = T {
        nl: "Gevraagd",
        en: "Requested",
    };
    pub const Granted: T = T {
        nl: "Toegekend",
        en: "Granted",
    };
    pub const LastChange: T = T {
        nl: "Laatste wijziging",
        en: "Last change",
    };
    pub const Untitled: T = T {
        nl: "(nog zonder titel)",
        en: "(no title yet)",
    };
    pub const CosignTitle: T = T {
        nl: "Mee ondertekenen",
        en: "Co-sign",
    };
    pub const CosignaturesSoFar: T = T {
        nl: "Handtekeningen tot nu toe",
        en: "Signatures so far",
    };
    pub const LinkValidUntil: T = T {
        nl: "Deze link is geldig tot",
        en: "This link is valid until",
    };
    pub const CosignExplain: T = T {
        nl: "Met je handtekening bevestig je als bewoner dat je dit initiatief steunt. Je kan één keer tekenen.",
        en: "With your signature you confirm, as a resident, that you support this initiative. You can sign once.",
    };
    pub const LogInToCosign: T = T {
        nl: "Log in om mee te ondertekenen",
        en: "Log in to co-sign",
    };
    pub const Cosigned: T = T {
        nl: "Bedankt: je handtekening is bewaard.",
        en: "Thank you: your signature is stored.",
    };
    pub const Cosign: T = T {
        nl: "Mee ondertekenen",
        en: "Co-sign",
    };
    pub const Application: T = T {
        nl: "Aanvraag",
        en: "Application",
    };
    pub const NewApplication: T = T {
        nl: "Nieuwe aanvraag",
        en: "New application",
    };
    pub const DraftNotSubmitted: T = T {
        nl: "ontwerp, nog niet ingediend",
        en: "draft, not submitted yet",
    };
    pub const Saved: T = T {
        nl: "Alle wijzigingen zijn bewaard.",
        en: "All changes are saved.",
    };
    pub const Saving: T = T {
        nl: "Bezig met bewaren…",
        en: "Saving…",
    };
    pub const NotSaved: T = T {
        nl: "Niet bewaard:",
        en: "Not saved:",
    };
    pub const StepAbout: T = T {
        nl: "1. Over het initiatief",
        en: "1. About the initiative",
    };
    pub const StepWhere: T = T {
        nl: "2. Waar en wanneer",
        en: "2. Where and when",
    };
    pub const StepBudget: T = T {
        nl: "3. Begroting",
        en: "3. Budget",
    };
    pub const StepCosign: T = T {
        nl: "4. Handtekeningen",
        en: "4. Co-signatures",
    };
    pub const StepFiles: T = T {
        nl: "5. Bijlagen",
        en: "5. Attachments",
    };
    pub const StepCheck: T = T {
        nl: "6. Nakijken en indienen",
        en: "6. Check and submit",
    };
    pub const ApplicantKind: T = T {
        nl: "Soort aanvrager",
        en: "Kind of applicant",
    };
    pub const Description: T = T {
        nl: "Omschrijving: wat, voor wie en waarom",
        en: "Description: what, for whom and why",
    };
    pub const Themes: T = T {
        nl: "Thema's",
        en: "Themes",
    };
    pub const TargetGroups: T = T {
        nl: "Doelgroepen",
        en: "Target groups",
    };
    pub const WantCoaching: T = T {
        nl: "Ik wil graag begeleiding van de stad",
        en: "I would like coaching from the city",
    };
    pub const Where: T = T {
        nl: "Waar",
        en: "Where",
    };
    pub const Wijken: T = T {
        nl: "Wijken",
        en: "Wijken",
    };
    pub const FirstDay: T = T {
        nl: "Eerste dag",
        en: "First day",
    };
    pub const LastDay: T = T {
        nl: "Laatste dag",
        en: "Last day",
    };
    pub const EarliestStartIs: T = T {
        nl: "Vroegste start als je vandaag indient:",
        en: "Earliest start if you submit today:",
    };
    pub const AtMost: T = T {
        nl: "hoogstens",
        en: "at most",
    };
    pub const Months: T = T {
        nl: "maanden",
        en: "months",
    };
    pub const LocationLabel: T = T {
        nl: "Plaats (adres of omschrijving)",
        en: "Place (address or description)",
    };
    pub const BudgetLine: T = T {
        nl: "Kostenlijn",
        en: "Cost line",
    };
    pub const KindOfCost: T = T {
        nl: "Soort kost",
        en: "Kind of cost",
    };
    pub const WhatForLine: T = T {
        nl: "Omschrijving",
        en: "Description",
    };
    pub const AmountEuro: T = T {
        nl: "Bedrag (euro)",
        en: "Amount (euro)",
    };
    pub const RemoveLine: T = T {
        nl: "Verwijder kostenlijn",
        en: "Remove cost line",
    };
    pub const AddLine: T = T {
        nl: "Kostenlijn toevoegen",
        en: "Add a cost line",
    };
    pub const TotalCosts: T = T {
        nl: "Totale kosten",
        en: "Total costs",
    };
    pub const RequestedAmount: T = T {
        nl: "Gevraagd bedrag (euro)",
        en: "Requested amount (euro)",
    };
    pub const ChooseAmount: T = T {
        nl: "Kies een bedrag",
        en: "Choose an amount",
    };
    pub const Between: T = T {
        nl: "Tussen",
        en: "Between",
    };
    pub const BudgetLines: T = T {
        nl: "Begroting",
        en: "Budget",
    };
    pub const NoCosignaturesNeeded: T = T {
        nl: "Deze aanvrager heeft geen handtekeningen van andere bewoners nodig.",
        en: "This applicant needs no signatures of other residents.",
    };
    pub const Of: T = T {
        nl: "van",
        en: "of",
    };
    pub const CosignaturesLower: T = T {
        nl: "handtekeningen",
        en: "signatures",
    };
    pub const CosignHow: T = T {
        nl: "Maak een link en deel die met bewoners: zij openen hem, loggen in en tekenen.",
        en: "Make a link and share it with residents: they open it, log in and sign.",
    };
    pub const MakeCosignLink: T = T {
        nl: "Link maken om mee te ondertekenen",
        en: "Make a link to co-sign",
    };
    pub const RefreshCount: T = T {
        nl: "Aantal vernieuwen",
        en: "Refresh the count",
    };
    pub const ShareThisLink: T = T {
        nl: "Deel deze link",
        en: "Share this link",
    };
    pub const Cosignatures: T = T {
        nl: "Handtekeningen",
        en: "Co-signatures",
    };
    pub const AddAttachment: T = T {
        nl: "Bijlage toevoegen (PDF of afbeelding, hoogstens 10 MB)",
        en: "Add an attachment (PDF or image, at most 10 MB)",
    };
    pub const NoAttachments: T = T {
        nl: "Nog geen bijlagen.",
        en: "No attachments yet.",
    };
    pub const Download: T = T {
        nl: "Downloaden",
        en: "Download",
    };
    pub const Remove: T = T {
        nl: "Verwijderen",
        en: "Remove",
    };
    pub const AllInOrder: T = T {
        nl: "Alles is in orde: je kan indienen.",
        en: "Everything is in order: you can submit.",
    };
    pub const StillToDo: T = T {
        nl: "Nog in orde te brengen:",
        en: "Still to sort out:",
    };
    pub const NotAccepted: T = T {
        nl: "De aanvraag kon niet worden ingediend:",
        en: "The application could not be submitted:",
    };
    pub const SubmitApplication: T = T {
        nl: "Aanvraag indienen",
        en: "Submit the application",
    };
    pub const JuryDeadline: T = T {
        nl: "Jurydeadline",
        en: "Jury deadline",
    };
    pub const Decision: T = T {
        nl: "Beslissing",
        en: "Decision",
    };
    pub const GrantedAmount: T = T {
        nl: "Toegekend bedrag",
        en: "Granted amount",
    };
    pub const PartialOf: T = T {
        nl: "gedeeltelijk: van de",
        en: "partially: of the",
    };
    pub const Outcome: T = T {
        nl: "Uitkomst",
        en: "Outcome",
    };
    pub const Rejected: T = T {
        nl: "geweigerd",
        en: "rejected",
    };
    pub const Paid: T = T {
        nl: "Uitbetaald",
        en: "Paid",
    };
    pub const When: T = T {
        nl: "Wanneer",
        en: "When",
    };
    pub const Planned: T = T {
        nl: "Gepland",
        en: "Planned",
    };
    pub const Actual: T = T {
        nl: "Werkelijk",
        en: "Actual",
    };
    pub const FinalReport: T = T {
        nl: "Eindverslag",
        en: "Final report",
    };
    pub const ActualTotal: T = T {
        nl: "Werkelijke kosten",
        en: "Actual costs",
    };
    pub const ReviewOfReport: T = T {
        nl: "Beoordeling van het verslag",
        en: "Review of the report",
    };
    pub const ForProgrammeStaff: T = T {
        nl: "Voor de programmaploeg",
        en: "For programme staff",
    };
    pub const Withdraw: T = T {
        nl: "Aanvraag intrekken",
        en: "Withdraw the application",
    };
    pub const WhyWithdraw: T = T {
        nl: "Waarom trek je de aanvraag in?",
        en: "Why do you withdraw the application?",
    };
    pub const HowDidItGo: T = T {
        nl: "Hoe is het verlopen?",
        en: "How did it go?",
    };
    pub const ActualCosts: T = T {
        nl: "Wat kostte elke lijn echt? (euro)",
        en: "What did each line really cost? (euro)",
    };
    pub const SubmitReport: T = T {
        nl: "Eindverslag indienen",
        en: "Submit the final report",
    };
    pub const ScoreRange: T = T {
        nl: "geef een score van 0 tot 10",
        en: "give a score from 0 to 10",
    };
    pub const ScoresSaved: T = T {
        nl: "Je scores zijn bewaard.",
        en: "Your scores are saved.",
    };
    pub const JuryScoring: T = T {
        nl: "Scoren (jury)",
        en: "Score (jury)",
    };
    pub const Weight: T = T {
        nl: "gewicht",
        en: "weight",
    };
    pub const SaveScores: T = T {
        nl: "Scores bewaren",
        en: "Save scores",
    };
    pub const ConflictHelp: T = T {
        nl: "Ben je betrokken bij deze aanvrager? Meld dan een belangenconflict: je scores vervallen en je ziet de aanvraag niet meer.",
        en: "Are you involved with this applicant? Declare a conflict of interest: your scores are removed and you no longer see the application.",
    };
    pub const DeclareConflict: T = T {
        nl: "Belangenconflict melden",
        en: "Declare a conflict of interest",
    };
    pub const WaitsForJury: T = T {
        nl: "Wacht op de jury van de deadline van",
        en: "Waits for the jury of the deadline of",
    };
    pub const JuryAdvice: T = T {
        nl: "Advies van de jury",
        en: "The jury's advice",
    };
    pub const ReviewersScored: T = T {
        nl: "Juryleden die scoorden",
        en: "Jury members who scored",
    };
    pub const ConflictsDeclared: T = T {
        nl: "gemelde belangenconflicten",
        en: "conflicts of interest declared",
    };
    pub const Criterion: T = T {
        nl: "Criterium",
        en: "Criterion",
    };
    pub const WeightedAverage: T = T {
        nl: "Gewogen gemiddelde",
        en: "Weighted average",
    };
    pub const AllScores: T = T {
        nl: "Alle scores en toelichtingen",
        en: "All scores and comments",
    };
    pub const Reviewer: T = T {
        nl: "Jurylid",
        en: "Jury member",
    };
    pub const ReasonRequired: T = T {
        nl: "Geef een reden: de aanvrager leest die.",
        en: "Give a reason: the applicant reads it.",
    };
    pub const PartialAmountHelp: T = T {
        nl: "Geef een bedrag groter dan nul en kleiner dan het gevraagde",
        en: "Give an amount above zero and below the requested",
    };
    pub const ApproveFull: T = T {
        nl: "Volledig goedkeuren",
        en: "Approve in full",
    };
    pub const ApprovePartial: T = T {
        nl: "Gedeeltelijk goedkeuren",
        en: "Approve in part",
    };
    pub const RejectApplication: T = T {
        nl: "Weigeren",
        en: "Reject",
    };
    pub const GrantedAmountEuro: T = T {
        nl: "Toegekend bedrag (euro)",
        en: "Granted amount (euro)",
    };
    pub const ReasonForApplicant: T = T {
        nl: "Reden (de aanvrager leest dit)",
        en: "Reason (the applicant reads this)",
    };
    pub const PaymentReference: T = T {
        nl: "Referentie van de overschrijving",
        en: "Reference of the bank transfer",
    };
    pub const RegisterPayment: T = T {
        nl: "Betaling registreren",
        en: "Register the payment",
    };
    pub const AcceptReport: T = T {
        nl: "Verslag aanvaarden",
        en: "Accept the report",
    };
    pub const SendBackReport: T = T {
        nl: "Terugsturen naar de aanvrager",
        en: "Send back to the applicant",
    };
    pub const NotForYou: T = T {
        nl: "Deze pagina is er niet voor jouw rol.",
        en: "This page is not for your role.",
    };
    pub const JuryIntro: T = T {
        nl: "De aanvragen van deadlines die naar de jury gingen. Open er een om te scoren.",
        en: "The applications of deadlines sent to the jury. Open one to score it.",
    };
    pub const NothingToScore: T = T {
        nl: "Er zijn nu geen aanvragen om te scoren.",
        en: "There are no applications to score now.",
    };
    pub const Applications: T = T {
        nl: "Aanvragen",
        en: "Applications",
    };
    pub const AllStatuses: T = T {
        nl: "Alle statussen",
        en: "All statuses",
    };
    pub const NoApplications: T = T {
        nl: "Geen aanvragen.",
        en: "No applications.",
    };
    pub const Handle: T = T {
        nl: "Behandelen",
        en: "Handle",
    };
    pub const OpenApplication: T = T {
        nl: "Volledige aanvraag openen",
        en: "Open the full application",
    };
    pub const JuryAverage: T = T {
        nl: "Jury (gemiddelde)",
        en: "Jury (average)",
    };
    pub const SentToJury: T = T {
        nl: "Naar de jury gestuurd: deadline",
        en: "Sent to the jury: deadline",
    };
    pub const ApplicationsLower: T = T {
        nl: "aanvragen",
        en: "applications",
    };
    pub const JuryDeadlines: T = T {
        nl: "Jurydeadlines",
        en: "Jury deadlines",
    };
    pub const SendToJury: T = T {
        nl: "Naar de jury sturen",
        en: "Send to the jury",
    };
    pub const Year: T = T {
        nl: "Jaar",
        en: "Year",
    };
    pub const DownloadCsv: T = T {
        nl: "CSV downloaden",
        en: "Download CSV",
    };
    pub const WholeCity: T = T {
        nl: "Hele stad",
        en: "Whole city",
    };
    pub const BudgetUse: T = T {
        nl: "Budget",
        en: "Budget",
    };
    pub const Committed: T = T {
        nl: "Toegezegd",
        en: "Committed",
    };
    pub const Left: T = T {
        nl: "Nog vrij",
        en: "Left",
    };
    pub const NoFigures: T = T {
        nl: "nog geen cijfers",
        en: "no figures yet",
    };
    pub const StaffOverview: T = T {
        nl: "Overzicht voor de wijkregie",
        en: "Staff overview",
    };
    pub const IdeasByStatus: T = T {
        nl: "Ideeën per status",
        en: "Ideas by status",
    };
    pub const ProjectsByStatus: T = T {
        nl: "Projecten per status",
        en: "Projects by status",
    };
    pub const SubsidiesForWijk: T = T {
        nl: "Subsidies voor de wijk",
        en: "Subsidies for the wijk",
    };
    pub const VenueUse: T = T {
        nl: "Gebruik van de zalen",
        en: "Use of the rooms",
    };
    pub const BookingsYear: T = T {
        nl: "Goedgekeurde reservaties (12 maanden)",
        en: "Approved bookings (12 months)",
    };
    pub const BookedHours: T = T {
        nl: "Gereserveerde uren",
        en: "Booked hours",
    };
    pub const OccupancyShare: T = T {
        nl: "Bezetting (08–22 u)",
        en: "Occupancy (08:00–22:00)",
    };
    pub const LastTwelveMonths: T = T {
        nl: "De laatste 12 maanden",
        en: "The last 12 months",
    };
    pub const MonthCol: T = T {
        nl: "Maand",
        en: "Month",
    };
    pub const IdeasSubmitted: T = T {
        nl: "Ideeën ingediend",
        en: "Ideas submitted",
    };
    pub const ApplicationsSubmitted: T = T {
        nl: "Aanvragen ingediend",
        en: "Applications submitted",
    };
    pub const GrantedPerMonth: T = T {
        nl: "Toegekend",
        en: "Granted",
    };
    pub const BookingsCol: T = T {
        nl: "Reservaties",
        en: "Bookings",
    };
    pub const ApplicationsCount: T = T {
        nl: "Aanvragen",
        en: "Applications",
    };
    pub const GrantsCount: T = T {
        nl: "Toegekend",
        en: "Granted",
    };
    pub const Pipeline: T = T {
        nl: "Aanvragen",
        en: "Applications",
    };
    pub const ByStatus: T = T {
        nl: "Per status",
        en: "By status",
    };
    pub const ByDeadline: T = T {
        nl: "Per jurydeadline",
        en: "By jury deadline",
    };
    pub const ByApplicantKind: T = T {
        nl: "Wie vraagt aan: per soort aanvrager",
        en: "Who applies: by kind of applicant",
    };
    pub const ByWijk: T = T {
        nl: "Waar: per wijk",
        en: "Where: by wijk",
    };
    pub const ByTargetGroup: T = T {
        nl: "Per doelgroep",
        en: "By target group",
    };
    pub const ByScope: T = T {
        nl: "Wijkgericht of stedelijk",
        en: "Wijk-focused or city-wide",
    };
    pub const AwardedLower: T = T {
        nl: "toegekend",
        en: "granted",
    };
    pub const ApplicationOne: T = T {
        nl: "aanvraag",
        en: "application",
    };
    pub const AboutInitiative: T = T {
        nl: "Over het initiatief",
        en: "About the initiative",
    };
    pub const Attachments: T = T {
        nl: "Bijlagen",
        en: "Attachments",
    };
    pub const Timeline: T = T {
        nl: "Verloop van de aanvraag",
        en: "Timeline of the application",
    };
    pub const CityProjects: T = T {
        nl: "Projecten van het wijkbudget in de stad",
        en: "Wijkbudget projects across the city",
    };
    pub const CityProjectsIntro: T = T {
        nl: "Elk gekozen project van elke wijk, met hoe ver het staat en wat het al kostte.",
        en: "Every selected project of every wijk, how far it is and what it has cost so far.",
    };
    pub const Filters: T = T {
        nl: "Filters",
        en: "Filters",
    };
    pub const RoundLabel: T = T {
        nl: "Ronde",
        en: "Round",
    };
    pub const AllRounds: T = T {
        nl: "Alle rondes",
        en: "All rounds",
    };
    pub const NoProjects: T = T {
        nl: "Geen projecten met deze filters.",
        en: "No projects with these filters.",
    };
    pub const ProjectsCount: T = T {
        nl: "projecten",
        en: "projects",
    };
    pub const StaffArea: T = T {
        nl: "Medewerkers",
        en: "Staff",
    };
    pub const AllProjects: T = T {
        nl: "Projecten",
        en: "Projects",
    };
    pub const IdeaPlace: T = T {
        nl: "Waar? Klik op de kaart (optioneel)",
        en: "Where? Click on the map (optional)",
    };
    pub const IdeaPlaceHelp: T = T {
        nl: "Met het toetsenbord: ga naar de kaart, druk op Enter om een punt in het midden van de wijk te zetten en verplaats het met de pijltjes (25 m per keer).",
        en: "With the keyboard: go to the map, press Enter to put a point in the middle of the wijk and move it with the arrow keys (25 m at a time).",
    };
    pub const RemovePoint: T = T {
        nl: "Punt weghalen",
        en: "Remove the point",
    };
}

/// The text `key` in `lang`.
pub fn t(lang: Lang, key: T) -> &'static str {
    match lang {
        Lang::Nl => key.nl,
        Lang::En => key.en,
    }
}

/// Human text of a wijkbudget round.
pub fn round_name(lang: Lang, round: Option<i16>) -> String {
    samenstad_types::labels::round_name(round, lang == Lang::En)
}

/// The tagline of the municipality this host serves: "Samen stad maken: de 25 wijken van Gent"
/// (the plain tagline while it loads, and without wijken for a municipality that has none).
pub fn tagline(lang: Lang, town: Option<&samenstad_types::wijk::Municipality>) -> String {
    match town {
        Some(m) => samenstad_types::web::tagline(lang == Lang::En, &m.name, m.wijken),
        None if lang == Lang::Nl => FIRST_TAGLINE
            .get()
            .cloned()
            .unwrap_or_else(|| t(lang, T::Tagline).to_owned()),
        None => t(lang, T::Tagline).to_owned(),
    }
}

/// The line naming the municipality that the server sent in the first HTML (in Dutch), shown
/// until the app has loaded the municipality itself, so the line does not change in between.
static FIRST_TAGLINE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Keeps the first HTML's line naming the municipality ([`FIRST_TAGLINE`]).
pub fn remember_first_tagline(text: String) {
    let _ = FIRST_TAGLINE.set(text);
}

/// The footer's line naming the source of the municipality's data, as the server sent it in the
/// first HTML (the default municipality's until then).
static FIRST_ATTRIBUTION: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Keeps the first HTML's line naming the source of the data ([`FIRST_ATTRIBUTION`]).
pub fn remember_first_attribution(text: String) {
    let _ = FIRST_ATTRIBUTION.set(text);
}

/// The footer's attribution as a view text: the loaded municipality's, else the first HTML's.
pub fn town_attribution() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let town = use_context::<Town>();
    move || match town.and_then(|t| t.get().flatten()) {
        Some(m) => m.attribution,
        None => FIRST_ATTRIBUTION
            .get()
            .cloned()
            .unwrap_or_else(|| samenstad_types::GENT_ATTRIBUTION.to_owned()),
    }
}

/// The municipality this host serves, loaded once by the app ([`provide_municipality`]).
pub type Town = LocalResource<Option<samenstad_types::wijk::Municipality>>;

/// Loads the municipality this host serves and provides it to the app.
pub fn provide_municipality() -> Town {
    let town: Town =
        LocalResource::new(|| async { crate::api::client().ok()?.municipality().await.ok() });
    provide_context(town);
    town
}

/// The tagline as a view text, following the language and the loaded municipality.
pub fn town_tagline() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let lang = use_lang();
    let town = use_context::<Town>();
    move || tagline(lang.get(), town.and_then(|t| t.get().flatten()).as_ref())
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

/// A text of the interface that follows the language switch, for use in views.
pub fn tr(key: T) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || t(lang.get(), key)
}
