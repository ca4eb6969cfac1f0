//! The app shell: header with language switch, routes, footer with the data attribution.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;
use samenstad_types::GENT_ATTRIBUTION;

use crate::i18n::{Lang, T, provide_lang, t};
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
use crate::pages::{home::Home, not_found::NotFound, wijk::WijkPage};
use crate::staff::ideas::IdeasInbox;
use crate::staff::panels::PanelsStaffPage;
use crate::staff::programme::ProgrammeStaffPage;
use crate::staff::projects::ProjectsStaffPage;
use crate::staff::proposals::ProposalsStaffPage;
use crate::staff::votes::VotesStaffPage;
use crate::staff::{StaffHome, is_staff};
use crate::state::provide_session;

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    let lang = provide_lang();
    let session = provide_session();
    crate::i18n::provide_municipality();
    let tagline = crate::i18n::town_tagline();
    let toggle = move |_| lang.update(|l| *l = if *l == Lang::Nl { Lang::En } else { Lang::Nl });
    view! {
        <Router>
            <a class="skip" href="#main">{move || t(lang.get(), T::Skip)}</a>
            <header class="site-header">
                <A href="/" attr:class="brand">"Samenstad"</A>
                <p class="tagline">{tagline}</p>
                <nav class="main-nav" aria-label="Menu">
                    <A href="/venues">{move || t(lang.get(), T::Venues)}</A>
                    <A href="/ideas">{move || t(lang.get(), T::Ideas)}</A>
                    <A href="/projects">{move || t(lang.get(), T::AllProjects)}</A>
                    <A href="/subsidies">{move || t(lang.get(), T::Subsidies)}</A>
                    <A href="/signals">{move || if lang.get() == Lang::Nl { "Meldingen" } else { "Signals" }}</A>
                    <Show when=move || session.me.get().is_some()>
                        <A href="/bookings">{move || t(lang.get(), T::MyBookings)}</A>
                    </Show>
                    <Show when=move || session.me.get().is_some_and(|me| me.roles.iter().any(|r| r.role == "admin" || r.role == "venue_manager"))>
                        <A href="/manage">{move || t(lang.get(), T::Manage)}</A>
                    </Show>
                    <Show when=move || session.me.get().is_some_and(|me| is_staff(&me))>
                        <A href="/staff">{move || t(lang.get(), T::StaffArea)}</A>
                    </Show>
                    <Show when=move || session.me.get().is_some_and(|me| me.roles.iter().any(|r| r.role == "admin"))>
                        <A href="/admin">{move || if lang.get() == Lang::Nl { "Beheer" } else { "Administration" }}</A>
                    </Show>
                </nav>
                <nav class="account-nav" aria-label="Account">
                    {move || match session.me.get() {
                        Some(me) => view! { <A href="/account" attr:class="account-link">{me.display_name}</A> }.into_any(),
                        None => view! { <A href="/login" attr:class="account-link">{move || t(lang.get(), T::LogIn)}</A> }.into_any(),
                    }}
                </nav>
                <button
                    type="button"
                    class="lang-switch"
                    on:click=toggle
                    aria-label=move || t(lang.get(), T::SwitchLanguageLabel)
                    lang=move || if lang.get() == Lang::Nl { "en" } else { "nl" }
                >
                    {move || t(lang.get(), T::SwitchLanguage)}
                </button>
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/wijken/:key") view=WijkPage />
                    <Route path=path!("/wijken/:key/overview") view=crate::pages::overview::WijkOverviewPage />
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
                    <Route path=path!("/venues") view=VenueFinder />
                    <Route path=path!("/venues/:key") view=VenuePage />
                    <Route path=path!("/venues/:key/manage") view=crate::pages::venue_upkeep::VenueUpkeepPage />
                    <Route path=path!("/bookings") view=MyBookings />
                    <Route path=path!("/manage") view=ManageBookings />
                    <Route path=path!("/wijkbudget") view=ProgrammePage />
                    <Route path=path!("/ideas") view=IdeaBoard />
                    <Route path=path!("/ideas/:id") view=IdeaPage />
                    <Route path=path!("/votes/:id") view=VotePage />
                    <Route path=path!("/projects") view=CityProjectsPage />
                    <Route path=path!("/projects/:id") view=ProjectPage />
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
                    <Route path=path!("/signals") view=crate::pages::signals::SignalsPage />
                    <Route path=path!("/feedback") view=crate::pages::feedback::FeedbackPage />
                    <Route path=path!("/councils") view=crate::pages::councils::CouncilsPage />
                    <Route path=path!("/councils/:key") view=crate::pages::councils::CouncilPage />
                    <Route path=path!("/advice/new") view=crate::pages::councils::NewAdviceRequestPage />
                    <Route path=path!("/advice/:id") view=crate::pages::councils::AdviceRequestPage />
                    <Route path=path!("/signals/new") view=crate::pages::signals::ReportSignalPage />
                    <Route path=path!("/signals/:id") view=crate::pages::signals::SignalPage />
                    <Route path=path!("/admin") view=crate::pages::admin::AdminUsersPage />
                    <Route path=path!("/admin/clients") view=crate::pages::admin::AdminClientsPage />
                    <Route path=path!("/admin/outbox") view=crate::pages::admin::AdminOutboxPage />
                    <Route path=path!("/admin/audit") view=crate::pages::admin::AdminAuditPage />
                    <Route path=path!("/admin/signal-routes") view=crate::pages::admin::AdminSignalRoutesPage />
                    <Route path=path!("/panels/:id") view=PanelPage />
                    <Route path=path!("/proposals/:id") view=ProposalPage />
                    <Route path=path!("/subsidies") view=SubsidyFinder />
                    <Route path=path!("/subsidies/apply/:scheme") view=ApplyPage />
                    <Route path=path!("/subsidies/applications/:id") view=ApplicationPage />
                    <Route path=path!("/subsidies/mine") view=MyApplications />
                    <Route path=path!("/subsidies/jury") view=JuryPage />
                    <Route path=path!("/subsidies/admin") view=ProgrammeAdminPage />
                    <Route path=path!("/subsidies/schemes") view=crate::pages::scheme_admin::SchemesPage />
                    <Route path=path!("/subsidies/schemes/:key") view=crate::pages::scheme_admin::SchemeEditorPage />
                    <Route path=path!("/subsidies/dashboard") view=DashboardPage />
                    <Route path=path!("/subsidies/cosign/:token") view=CosignPage />
                </Routes>
            </main>
            <footer class="site-footer">
                <p>{GENT_ATTRIBUTION}</p>
                <p>
                    <A href="/councils">{move || if lang.get() == Lang::Nl { "Adviesraden" } else { "Advisory councils" }}</A>
                    " · "
                    <A href="/feedback">{move || if lang.get() == Lang::Nl { "Terugkoppeling" } else { "Feedback" }}</A>
                    " · "
                    <a href="/api/docs/" rel="external">{move || t(lang.get(), T::ApiDocs)}</a>
                </p>
            </footer>
        </Router>
    }
}

/// Sets the document title.
pub fn set_title(title: &str) {
    leptos::prelude::document().set_title(&format!("{title} – Samenstad"));
}
