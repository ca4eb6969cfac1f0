//! What the web app calls the values of each vocabulary (statuses, kinds, modes …), in the
//! interface language: one function per vocabulary. An enum of `samenstad-types` is matched
//! exhaustively, so a new value is a compile error here; a vocabulary that is still a string on
//! the wire shows a value this build does not know as the server wrote it, never as "–".

use samenstad_types::Zone;
use samenstad_types::account::{OrganisationKind, Role};
use samenstad_types::projects::{
    BallotKind, DecisionKind, IdeaChannel, IdeaStatus, ProjectStatus, ProposalStatus,
    SelectionMethod, VoteState,
};
use samenstad_types::signals::{SignalChannel, SignalResolution, SignalStatus};
use samenstad_types::subsidies::{
    ApplicantKind, ApplicationScope, ApplicationStatus, LineKind, ReviewMode, SchemeStatus,
    TargetGroup,
};
use samenstad_types::venue::{BookingStatus, OpeningKind, VenueType};

use samenstad_types::labels as names;

use crate::i18n::Lang;

/// The name in `lang` from a (Dutch, English) pair.
fn pick(lang: Lang, (nl, en): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// A zone of the city.
pub fn zone(lang: Lang, zone: Zone) -> &'static str {
    pick(lang, names::zone(zone))
}

/// A role of an account.
pub fn role(lang: Lang, role: Role) -> String {
    let names = match role {
        Role::Admin => ("beheerder", "administrator"),
        Role::ProgrammeAdmin => ("programmabeheerder", "programme administrator"),
        Role::WijkStaff => ("wijkmedewerker", "wijk staff"),
        Role::VenueManager => ("zaalbeheerder", "venue manager"),
        Role::JuryMember => ("jurylid", "jury member"),
        Role::PanelMember => ("lid van een wijkpanel", "panel member"),
        Role::ServiceStaff => ("medewerker van een stadsdienst", "city service staff"),
        Role::CouncilStaff => ("secretaris van een adviesraad", "advisory council staff"),
    };
    pick(lang, names).to_owned()
}

/// The legal kind of an organisation.
pub fn organisation_kind(lang: Lang, kind: OrganisationKind) -> String {
    let names = match kind {
        OrganisationKind::Bewonersgroep => ("bewonersgroep", "residents' group"),
        OrganisationKind::FeitelijkeVereniging => ("feitelijke vereniging", "informal association"),
        OrganisationKind::Vzw => ("vzw", "non-profit association (vzw)"),
        OrganisationKind::School => ("school", "school"),
        OrganisationKind::Other => ("andere", "other"),
    };
    pick(lang, names).to_owned()
}

/// The kind of a venue's opening hours.
pub fn opening_kind(lang: Lang, kind: OpeningKind) -> String {
    let names = match kind {
        OpeningKind::WalkIn => ("vrij binnenlopen", "walk in"),
        OpeningKind::ByAppointment => ("op afspraak", "by appointment"),
        OpeningKind::Conditional => ("onder voorwaarde", "on condition"),
    };
    pick(lang, names).to_owned()
}

/// A type of venue.
pub fn venue_type(lang: Lang, kind: VenueType) -> String {
    pick(lang, names::venue_type(kind)).to_owned()
}

/// The status of a booking.
pub fn booking_status(lang: Lang, status: BookingStatus) -> String {
    let names = match status {
        BookingStatus::Requested => ("aangevraagd", "requested"),
        BookingStatus::Approved => ("goedgekeurd", "approved"),
        BookingStatus::Declined => ("geweigerd", "declined"),
        BookingStatus::Cancelled => ("geannuleerd", "cancelled"),
        BookingStatus::Completed => ("afgerond", "completed"),
    };
    pick(lang, names).to_owned()
}

/// The label of a vocabulary value the server sent as a plain string (chart keys …): the enum's
/// label when this build knows the value, the value itself otherwise.
pub fn named<E: std::str::FromStr>(lang: Lang, name: &str, label: fn(Lang, E) -> String) -> String {
    name.parse::<E>()
        .map_or_else(|_| name.to_owned(), |value| label(lang, value))
}

/// The public status of an idea.
pub fn idea_status(lang: Lang, status: IdeaStatus) -> String {
    pick(lang, names::idea_status(status)).to_owned()
}

/// How an idea reached the city.
pub fn idea_channel(lang: Lang, channel: IdeaChannel) -> String {
    let names = match channel {
        IdeaChannel::Online => ("online", "online"),
        IdeaChannel::Paper => ("op papier", "on paper"),
        IdeaChannel::Phone => ("telefonisch", "by phone"),
        IdeaChannel::Buurtpunt => ("aan een buurtpunt", "at a buurtpunt"),
        IdeaChannel::Event => ("op een activiteit", "at an event"),
    };
    pick(lang, names).to_owned()
}

/// How a wijk selects its projects.
pub fn selection_method(lang: Lang, method: SelectionMethod) -> String {
    let names = match method {
        SelectionMethod::Dialogue => ("wijkdialoog", "dialogue"),
        SelectionMethod::LotteryPanel => ("geloot wijkpanel", "lottery panel"),
        SelectionMethod::PublicVote => ("stemming", "public vote"),
        SelectionMethod::CollegeDecision => ("beslissing van het college", "college decision"),
    };
    pick(lang, names).to_owned()
}

/// The status of a project in realisation.
pub fn project_status(lang: Lang, status: ProjectStatus) -> String {
    pick(lang, names::project_status(status)).to_owned()
}

/// The status of a proposal.
pub fn proposal_status(lang: Lang, status: ProposalStatus) -> String {
    let names = match status {
        ProposalStatus::Proposed => ("voorgesteld", "proposed"),
        ProposalStatus::Selected => ("gekozen", "selected"),
        ProposalStatus::NotSelected => ("niet gekozen", "not selected"),
        ProposalStatus::Withdrawn => ("ingetrokken", "withdrawn"),
    };
    pick(lang, names).to_owned()
}

/// Who decided on a proposal.
pub fn decision_kind(lang: Lang, kind: DecisionKind) -> String {
    let names = match kind {
        DecisionKind::Dialogue => ("wijkdialoog", "wijk dialogue"),
        DecisionKind::College => ("beslissing van het college", "college decision"),
        DecisionKind::Panel => ("geloot wijkpanel", "lottery panel"),
        DecisionKind::Vote => ("stemming", "public vote"),
    };
    pick(lang, names).to_owned()
}

/// The ballot of a public vote.
pub fn ballot_kind(lang: Lang, kind: BallotKind) -> String {
    let names = match kind {
        BallotKind::Knapsack => (
            "binnen het budget kiezen (knapsack)",
            "choose within the budget (knapsack)",
        ),
        BallotKind::Approval => ("goedkeuren (approval)", "approve (approval)"),
        BallotKind::Cumulative => ("punten verdelen (cumulatief)", "spread points (cumulative)"),
    };
    pick(lang, names).to_owned()
}

/// Where a public vote stands in time.
pub fn vote_state(lang: Lang, state: VoteState) -> String {
    pick(lang, names::vote_state(state)).to_owned()
}

/// The status of a subsidy application.
pub fn application_status(lang: Lang, status: ApplicationStatus) -> String {
    use ApplicationStatus as S;
    let names = match status {
        S::Draft => ("ontwerp", "draft"),
        S::Submitted => ("ingediend", "submitted"),
        S::InReview => ("bij de jury", "with the jury"),
        S::Approved => ("goedgekeurd", "approved"),
        S::Rejected => ("geweigerd", "rejected"),
        S::Paid => ("uitbetaald", "paid"),
        S::ReportSubmitted => ("eindverslag ingediend", "final report submitted"),
        S::Closed => ("afgesloten", "closed"),
        S::Withdrawn => ("ingetrokken", "withdrawn"),
    };
    pick(lang, names).to_owned()
}

/// A kind of budget line.
pub fn line_kind(lang: Lang, kind: LineKind) -> String {
    let names = match kind {
        LineKind::Catering => ("Eten en drinken", "Food and drink"),
        LineKind::VolunteerFees => ("Vrijwilligersvergoedingen", "Volunteer fees"),
        LineKind::Materials => ("Materiaal", "Materials"),
        LineKind::Rent => ("Huur", "Rent"),
        LineKind::Communication => ("Communicatie", "Communication"),
        LineKind::Performers => ("Artiesten en sprekers", "Performers and speakers"),
        LineKind::Transport => ("Vervoer", "Transport"),
        LineKind::Other => ("Andere", "Other"),
    };
    pick(lang, names).to_owned()
}

/// A target group of the city's doelgroepenmatrix.
pub fn target_group(lang: Lang, group: TargetGroup) -> String {
    use TargetGroup as G;
    let names = match group {
        G::Kinderen0To11 => ("Kinderen (0–11)", "Children (0–11)"),
        G::Jongeren12To17 => ("Jongeren (12–17)", "Young people (12–17)"),
        G::Studenten => ("Studenten", "Students"),
        G::Senioren60 => ("Senioren (60+)", "Seniors (60+)"),
        G::Migratieachtergrond => (
            "Mensen met een migratieachtergrond",
            "People with a migration background",
        ),
        G::Armoede => ("Mensen in armoede", "People in poverty"),
        G::Beperking => ("Mensen met een beperking", "People with a disability"),
        G::Iedereen => ("Iedereen", "Everyone"),
    };
    pick(lang, names).to_owned()
}

/// Where an initiative takes place.
pub fn scope(lang: Lang, scope: ApplicationScope) -> String {
    let names = match scope {
        ApplicationScope::Wijk => ("Eén wijk", "One wijk"),
        ApplicationScope::Wijken => ("Meerdere wijken", "Several wijken"),
        ApplicationScope::City => ("De hele stad", "The whole city"),
    };
    pick(lang, names).to_owned()
}

/// Who applies: a kind of organisation, or a person.
pub fn applicant_kind(lang: Lang, kind: ApplicantKind) -> String {
    use ApplicantKind as K;
    let names = match kind {
        K::Bewonersgroep => ("bewonersgroep", "residents' group"),
        K::FeitelijkeVereniging => ("feitelijke vereniging", "unincorporated association"),
        K::Vzw => ("vzw", "non-profit (vzw)"),
        K::School => ("school", "school"),
        K::Other => ("andere organisatie", "other organisation"),
        K::Person => ("persoon", "person"),
    };
    pick(lang, names).to_owned()
}

/// A theme of a scheme.
pub fn theme(lang: Lang, theme: &str) -> String {
    match names::theme(theme) {
        Some(names) => pick(lang, names).to_owned(),
        None => theme.replace('_', " "),
    }
}

/// How a category is decided.
pub fn review_mode(lang: Lang, review: ReviewMode) -> String {
    pick(lang, names::review_mode(review)).to_owned()
}

/// The status of a subsidy scheme.
pub fn scheme_status(lang: Lang, status: SchemeStatus) -> String {
    pick(lang, names::scheme_status(status)).to_owned()
}

/// Who moved an application on its timeline.
pub fn event_by(lang: Lang, by: &str) -> String {
    let names = match by {
        "applicant" => ("aanvrager", "applicant"),
        "staff" => ("stad", "city"),
        "jury" => ("jury", "jury"),
        "system" => ("automatisch", "automatic"),
        _ => return by.to_owned(),
    };
    pick(lang, names).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_have_a_dutch_and_an_english_label() {
        assert_eq!(
            booking_status(Lang::Nl, BookingStatus::Requested),
            "aangevraagd"
        );
        assert_eq!(
            booking_status(Lang::En, BookingStatus::Requested),
            "requested"
        );
        assert_eq!(
            application_status(Lang::Nl, ApplicationStatus::InReview),
            "bij de jury"
        );
        assert_eq!(
            application_status(Lang::En, ApplicationStatus::InReview),
            "with the jury"
        );
        assert_eq!(
            idea_status(Lang::Nl, IdeaStatus::InDialogue),
            "in wijkdialoog"
        );
        assert_eq!(
            project_status(Lang::En, ProjectStatus::InRealisation),
            "being realised"
        );
        assert_eq!(
            proposal_status(Lang::Nl, ProposalStatus::NotSelected),
            "niet gekozen"
        );
        assert_eq!(
            idea_channel(Lang::En, IdeaChannel::Buurtpunt),
            "at a buurtpunt"
        );
        assert_eq!(vote_state(Lang::Nl, VoteState::Upcoming), "nog niet open");
        assert_eq!(
            opening_kind(Lang::Nl, OpeningKind::Conditional),
            "onder voorwaarde"
        );
        assert_eq!(role(Lang::Nl, Role::WijkStaff), "wijkmedewerker");
        assert_eq!(zone(Lang::En, Zone::Gordel19e), "19th-century belt");
    }

    #[test]
    fn an_unknown_value_is_shown_as_the_server_wrote_it_not_as_a_dash() {
        assert_eq!(named(Lang::En, "appealed", application_status), "appealed");
        assert_eq!(named(Lang::Nl, "kerk", venue_type), "kerk");
        assert_eq!(event_by(Lang::Nl, "ombudsman"), "ombudsman");
        assert_eq!(named(Lang::En, "by_phone", opening_kind), "by_phone");
        assert_eq!(theme(Lang::Nl, "digitale_inclusie"), "digitale inclusie");
        assert_eq!(
            named(Lang::Nl, "in_dialogue", idea_status),
            "in wijkdialoog"
        );
        assert_eq!(named(Lang::Nl, "on_hold", idea_status), "on_hold");
    }

    #[test]
    fn every_value_the_types_list_has_a_label() {
        type Label = fn(Lang, &str) -> String;
        fn values<E: Copy + std::fmt::Display>(all: &[E]) -> Vec<String> {
            all.iter().map(ToString::to_string).collect()
        }
        let vocabularies: [(Vec<String>, Label); 5] = [
            (values(ApplicantKind::ALL), |l, s| {
                named(l, s, applicant_kind)
            }),
            (values(LineKind::ALL), |l, s| named(l, s, line_kind)),
            (values(ReviewMode::ALL), |l, s| named(l, s, review_mode)),
            (values(ApplicationScope::ALL), |l, s| named(l, s, scope)),
            (values(TargetGroup::ALL), |l, s| named(l, s, target_group)),
        ];
        // "school" and "jury" are the same word in Dutch and English.
        let same_word = ["school", "jury"];
        for (values, label) in vocabularies {
            for value in &values {
                let value = value.as_str();
                let labelled = label(Lang::Nl, value) != value || label(Lang::En, value) != value;
                assert!(
                    labelled || same_word.contains(&value),
                    "{value} has no label"
                );
            }
        }
    }
}

/// A use a room allows (`meeting`, `party` …); the code itself when unknown.
pub fn room_use(lang: Lang, code: &str) -> String {
    let names = match code {
        "meeting" => ("vergadering", "meeting"),
        "training" => ("vorming", "training"),
        "exhibition" => ("tentoonstelling", "exhibition"),
        "theatre" => ("toneel", "theatre"),
        "party" => ("feest", "party"),
        "performance" => ("optreden", "performance"),
        "recurring_service" => ("wekelijkse werking", "recurring activity"),
        other => return other.to_owned(),
    };
    pick(lang, names).to_owned()
}

/// Where a signal stands.
pub fn signal_status(lang: Lang, status: SignalStatus) -> &'static str {
    pick(lang, names::signal_status(status))
}

/// How a signal was closed.
pub fn signal_resolution(lang: Lang, resolution: SignalResolution) -> &'static str {
    pick(
        lang,
        match resolution {
            SignalResolution::Fixed => ("opgelost", "fixed"),
            SignalResolution::NotResponsible => (
                "niet de verantwoordelijkheid van de stad",
                "not the city's responsibility",
            ),
            SignalResolution::Duplicate => ("al eerder gemeld", "reported before"),
            SignalResolution::Referred => ("doorgestuurd", "referred"),
            SignalResolution::NotFixed => ("niet opgelost", "not fixed"),
        },
    )
}

/// How a signal reached the city.
pub fn signal_channel(lang: Lang, channel: SignalChannel) -> &'static str {
    pick(
        lang,
        match channel {
            SignalChannel::Web => ("online", "online"),
            SignalChannel::Phone => ("telefonisch", "by phone"),
            SignalChannel::Buurtpunt => ("aan een buurtpunt", "at a buurtpunt"),
            SignalChannel::Buurtsalon => ("op een buurtsalon", "at a buurtsalon"),
            SignalChannel::ContactCentre => ("via Gentinfo", "through Gentinfo"),
            SignalChannel::Api => (
                "via een andere toepassing (Open311)",
                "through another app (Open311)",
            ),
        },
    )
}

/// How staff entering a signal name its channel in the form's choice.
pub fn signal_channel_entry(lang: Lang, channel: SignalChannel) -> &'static str {
    pick(
        lang,
        match channel {
            SignalChannel::Web => ("Mijn eigen melding", "My own signal"),
            SignalChannel::Phone => ("Telefonisch", "By phone"),
            SignalChannel::Buurtpunt => ("Aan een buurtpunt", "At a buurtpunt"),
            SignalChannel::Buurtsalon => ("Op een buurtsalon", "At a buurtsalon"),
            SignalChannel::ContactCentre => ("Via Gentinfo", "Through Gentinfo"),
            SignalChannel::Api => ("Via een andere toepassing", "Through another app"),
        },
    )
}

/// How the city groups a council.
pub fn council_kind(lang: Lang, kind: samenstad_types::councils::CouncilKind) -> &'static str {
    use samenstad_types::councils::CouncilKind as K;
    pick(
        lang,
        match kind {
            K::Expertise => ("adviesraad met een expertise", "council with an expertise"),
            K::TargetGroup => (
                "adviesraad voor een groep Gentenaars",
                "council for a group of Gentenaars",
            ),
        },
    )
}

/// What the city did with an advice.
pub fn advice_response(
    lang: Lang,
    response: samenstad_types::councils::AdviceResponse,
) -> &'static str {
    use samenstad_types::councils::AdviceResponse as R;
    pick(
        lang,
        match response {
            R::Followed => ("gevolgd", "followed"),
            R::PartlyFollowed => ("gedeeltelijk gevolgd", "partly followed"),
            R::NotFollowed => ("niet gevolgd", "not followed"),
        },
    )
}

/// Where an advice request stands.
pub fn advice_request_status(
    lang: Lang,
    status: samenstad_types::councils::AdviceRequestStatus,
) -> &'static str {
    use samenstad_types::councils::AdviceRequestStatus as S;
    pick(
        lang,
        match status {
            S::Open => ("open", "open"),
            S::Closed => ("afgesloten", "closed"),
        },
    )
}
