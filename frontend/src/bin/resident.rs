//! The build with the public pages and a resident's own (`resident.html`): no staff code.

use leptos::prelude::*;
use leptos_router::components::Routes;
use samenstad_types::web::WebApp;
use samenstad_web::app::{Elsewhere, Shell};
use samenstad_web::routes::{
    CivicRoutes, ElsewhereRoutes, HomeRoutes, IdeaRoutes, ResidentRoutes, SignalRoutes,
    SubsidyRoutes, VenueRoutes, WijkbudgetRoutes, WijkenRoutes,
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
                    <SignalRoutes />
                    <IdeaRoutes />
                    <WijkbudgetRoutes />
                    <SubsidyRoutes />
                    <CivicRoutes />
                </Routes>
            </Shell>
        }
    });
}
