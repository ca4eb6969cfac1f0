//! The web app's pages in groups, one per area (`samenstad_types::web`): five public areas, a
//! resident's pages, staff pages. Each build routes only its areas' groups, so the others'
//! code is not in its wasm. The router takes the
//! first route that matches, so a build lists its groups staff first, then resident, then
//! public: `/signals/new` (resident) before `/signals/:id` (public), `/advice/new` (staff)
//! before `/advice/:id`.

use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::path;

use crate::pages::account::{
    AccountPage, ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage, VerifyEmailPage,
};
use crate::pages::ideas::{IdeaBoard, IdeaPage, ProgrammePage};
use crate::pages::panel::PanelPage;
use crate::pages::project::{CityProjectsPage, ProjectPage};
use crate::pages::proposal::ProposalPage;
use crate::pages::subsidies::{ApplyPage, CosignPage, MyApplications, SubsidyFinder};
use crate::pages::subsidy_admin::{DashboardPage, JuryPage, ProgrammeAdminPage};
use crate::pages::subsidy_application::ApplicationPage;
use crate::pages::venues::{ManageBookings, MyBookings, VenueFinder, VenuePage};
use crate::pages::vote::VotePage;
use crate::pages::{home::Home, wijk::WijkPage};
use crate::staff::StaffHome;
use crate::staff::ideas::IdeasInbox;
use crate::staff::panels::PanelsStaffPage;
use crate::staff::programme::ProgrammeStaffPage;
use crate::staff::projects::ProjectsStaffPage;
use crate::staff::proposals::ProposalsStaffPage;
use crate::staff::votes::VotesStaffPage;

/// Public: home (`PublicArea::Home`).
#[component(transparent)]
pub fn HomeRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/") view=Home />
        </ParentRoute>
    }
    .into_inner()
}

/// Public: a wijk's page (`PublicArea::Wijken`).
#[component(transparent)]
pub fn WijkenRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/wijken/:key") view=WijkPage />
        </ParentRoute>
    }
    .into_inner()
}

/// Public: advisory councils and advice, feedback, open data (`PublicArea::Civic`).
#[component(transparent)]
pub fn CivicRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/councils") view=crate::pages::councils::CouncilsPage />
            <Route path=path!("/councils/:key") view=crate::pages::councils::CouncilPage />
            <Route path=path!("/advice/:id") view=crate::pages::councils::AdviceRequestPage />
            <Route path=path!("/feedback") view=crate::pages::feedback::FeedbackPage />
            <Route path=path!("/open-data") view=crate::pages::discover::OpenDataPage />
        </ParentRoute>
    }
    .into_inner()
}

/// Public: the venue finder (`PublicArea::Venues`).
#[component(transparent)]
pub fn VenueRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/venues") view=VenueFinder />
        </ParentRoute>
    }
    .into_inner()
}

/// Public: a venue (`PublicArea::Venue`).
#[component(transparent)]
pub fn VenuePageRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/venues/:key") view=VenuePage />
        </ParentRoute>
    }
    .into_inner()
}

/// Public: signals, on a map and in a list (`PublicArea::Signals`).
#[component(transparent)]
pub fn SignalRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/signals") view=crate::pages::signals::SignalsPage />
            <Route path=path!("/signals/:id") view=crate::pages::signals::SignalPage />
        </ParentRoute>
    }
    .into_inner()
}

/// Public: the board of ideas for the wijkbudget (`PublicArea::Ideas`).
#[component(transparent)]
pub fn IdeaRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/ideas") view=IdeaBoard />
        </ParentRoute>
    }
    .into_inner()
}

/// Public: an idea (`PublicArea::Idea`).
#[component(transparent)]
pub fn IdeaPageRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/ideas/:id") view=IdeaPage />
        </ParentRoute>
    }
    .into_inner()
}

/// Public: the wijkbudget's programme, proposals and panels (`PublicArea::Wijkbudget`).
#[component(transparent)]
pub fn WijkbudgetRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/wijkbudget") view=ProgrammePage />
            <Route path=path!("/panels/:id") view=PanelPage />
            <Route path=path!("/proposals/:id") view=ProposalPage />
        </ParentRoute>
    }
    .into_inner()
}

/// Public: the wijkbudget's projects, on a map and one by one (`PublicArea::Projects`).
#[component(transparent)]
pub fn ProjectRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/projects") view=CityProjectsPage />
            <Route path=path!("/projects/:id") view=ProjectPage />
        </ParentRoute>
    }
    .into_inner()
}

/// Public: subsidies and the grants awarded (`PublicArea::Subsidies`).
#[component(transparent)]
pub fn SubsidyRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/subsidies") view=SubsidyFinder />
            <Route path=path!("/grants") view=crate::pages::discover::GrantsPage />
        </ParentRoute>
    }
    .into_inner()
}

/// A resident's own pages: account, bookings, voting, reporting, applying.
#[component(transparent)]
pub fn ResidentRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/login") view=LoginPage />
            <Route path=path!("/register") view=RegisterPage />
            <Route path=path!("/verify-email") view=VerifyEmailPage />
            <Route path=path!("/forgot-password") view=ForgotPasswordPage />
            <Route path=path!("/reset-password") view=ResetPasswordPage />
            <Route path=path!("/account") view=AccountPage />
            <Route path=path!("/unsubscribe") view=crate::pages::follows::UnsubscribePage />
            <Route path=path!("/organisations") view=crate::pages::organisations::OrganisationsPage />
            <Route path=path!("/organisations/:id") view=crate::pages::organisations::OrganisationPage />
            <Route path=path!("/invitations/accept") view=crate::pages::organisations::AcceptInvitationPage />
            <Route path=path!("/bookings") view=MyBookings />
            <Route path=path!("/votes/:id") view=VotePage />
            <Route path=path!("/signals/new") view=crate::pages::signals::ReportSignalPage />
            <Route path=path!("/subsidies/apply/:scheme") view=ApplyPage />
            <Route path=path!("/subsidies/applications/:id") view=ApplicationPage />
            <Route path=path!("/subsidies/mine") view=MyApplications />
            <Route path=path!("/subsidies/cosign/:token") view=CosignPage />
        </ParentRoute>
    }
    .into_inner()
}

/// Staff and administration pages.
#[component(transparent)]
pub fn StaffRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/venues/:key/manage") view=crate::pages::venue_upkeep::VenueUpkeepPage />
            <Route path=path!("/wijken/:key/overview") view=crate::pages::overview::WijkOverviewPage />
            <Route path=path!("/manage") view=ManageBookings />
            <Route path=path!("/staff") view=StaffHome />
            <Route path=path!("/staff/programme") view=ProgrammeStaffPage />
            <Route path=path!("/staff/ideas") view=IdeasInbox />
            <Route path=path!("/staff/proposals") view=ProposalsStaffPage />
            <Route path=path!("/staff/votes") view=VotesStaffPage />
            <Route path=path!("/staff/panels") view=PanelsStaffPage />
            <Route path=path!("/staff/projects") view=ProjectsStaffPage />
            <Route path=path!("/staff/organisations") view=crate::staff::organisations::RecognitionQueuePage />
            <Route path=path!("/staff/venue-changes") view=crate::staff::venue_changes::VenueChangesPage />
            <Route path=path!("/staff/signals") view=crate::pages::signals::SignalQueuePage />
            <Route path=path!("/staff/contacts") view=crate::staff::contacts::WijkContactsPage />
            <Route path=path!("/advice/new") view=crate::pages::councils::NewAdviceRequestPage />
            <Route path=path!("/admin") view=crate::pages::admin::AdminUsersPage />
            <Route path=path!("/admin/clients") view=crate::pages::admin::AdminClientsPage />
            <Route path=path!("/admin/outbox") view=crate::pages::admin::AdminOutboxPage />
            <Route path=path!("/admin/audit") view=crate::pages::admin::AdminAuditPage />
            <Route path=path!("/admin/signal-routes") view=crate::pages::admin::AdminSignalRoutesPage />
            <Route path=path!("/subsidies/jury") view=JuryPage />
            <Route path=path!("/subsidies/admin") view=ProgrammeAdminPage />
            <Route path=path!("/subsidies/schemes") view=crate::pages::scheme_admin::SchemesPage />
            <Route path=path!("/subsidies/schemes/:key") view=crate::pages::scheme_admin::SchemeEditorPage />
            <Route path=path!("/subsidies/dashboard") view=DashboardPage />
        </ParentRoute>
    }
    .into_inner()
}

/// The pages of other builds that a pattern of this build would take
/// (`samenstad_types::web::SHADOWED`): they load from the server. Listed after the build's own
/// groups and before the public group.
#[component(transparent)]
pub fn ElsewhereRoutes(
    app: samenstad_types::web::WebApp,
) -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet>
            <Route path=path!("/signals/new") view=move || view! { <crate::app::Elsewhere app /> } />
            <Route path=path!("/advice/new") view=move || view! { <crate::app::Elsewhere app /> } />
        </ParentRoute>
    }
    .into_inner()
}
