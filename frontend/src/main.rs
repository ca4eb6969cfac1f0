//! The build with every page (`index.html`): staff and administration too.

use leptos::prelude::*;
use leptos_router::components::Routes;
use samenstad_types::web::WebApp;
use samenstad_web::app::{Elsewhere, Shell};
use samenstad_web::routes::{
    CivicRoutes, HomeRoutes, IdeaPageRoutes, IdeaRoutes, ProjectRoutes, ResidentRoutes,
    SignalRoutes, StaffRoutes, SubsidyRoutes, VenuePageRoutes, VenueRoutes, WijkbudgetRoutes,
    WijkenRoutes,
};

fn main() {
    samenstad_web::start(|| {
        view! {
            <Shell>
                <Routes fallback=|| view! { <Elsewhere app=WebApp::Full /> }>
                    <StaffRoutes />
                    <ResidentRoutes />
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
