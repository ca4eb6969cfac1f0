//! The build with the public pages and a resident's own (`resident.html`): no staff code.

use leptos::prelude::*;
use leptos_router::components::Routes;
use samenstad_types::web::WebApp;
use samenstad_web::app::{Elsewhere, Shell};
use samenstad_web::routes::{
    CivicRoutes, ElsewhereRoutes, HomeRoutes, IdeaPageRoutes, IdeaRoutes, ProjectRoutes,
    ResidentRoutes, SignalRoutes, SubsidyRoutes, VenuePageRoutes, VenueRoutes, WijkbudgetRoutes,
    WijkenRoutes,
};

fn main() {
    samenstad_web::start(|| {
        view! {
            <Shell>
                <Routes fallback=|| view! { <Elsewhere app=WebApp::Resident /> }>
                    <ResidentRoutes />
                    <ElsewhereRoutes app=WebApp::Resident />
                    <HomeRoutes />
                    <WijkenRoutes />
                    <VenueRoutes />
                    <VenuePageRoutes />
                    <SignalRoutes />
                    <IdeaRoutes />
                    <IdeaPageRoutes />
                    <WijkbudgetRoutes />
                    <ProjectRoutes />
                    <SubsidyRoutes />
                    <CivicRoutes />
                </Routes>
            </Shell>
        }
    });
}
