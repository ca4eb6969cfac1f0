//! The build with the public pages (`public.html`): what a first visit downloads.

use leptos::prelude::*;
use leptos_router::components::Routes;
use samenstad_types::web::WebApp;
use samenstad_web::app::{Elsewhere, Shell};
use samenstad_web::routes::{ElsewhereRoutes, PublicRoutes};

fn main() {
    samenstad_web::start(|| {
        view! {
            <Shell>
                <Routes fallback=|| view! { <Elsewhere app=WebApp::Public /> }>
                    <ElsewhereRoutes app=WebApp::Public />
                    <PublicRoutes />
                </Routes>
            </Shell>
        }
    });
}
