//! The public build of the wijkbudget: ideas, projects, panels, proposals (`public-wijkbudget.html`): what a first visit of
//! these pages downloads.

samenstad_web::public_build!(Wijkbudget, WijkbudgetRoutes);
