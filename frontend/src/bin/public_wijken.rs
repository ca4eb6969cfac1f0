//! The public build of home, the wijken, advisory councils, feedback, open data (`public-wijken.html`): what a first visit of
//! these pages downloads.

samenstad_web::public_build!(Wijken, WijkenRoutes);
