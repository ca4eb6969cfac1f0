//! The public build of the wijkbudget's programme, proposals and panels (`public-wijkbudget.html`):
//! what a first visit of these pages downloads.

samenstad_web::public_build!(Wijkbudget, WijkbudgetRoutes);
