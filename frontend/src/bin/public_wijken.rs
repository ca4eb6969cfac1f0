//! The public build of a wijk's page, its front door (`public-wijken.html`): what a first visit
//! of a wijk's page downloads.

samenstad_web::public_build!(Wijken, WijkenRoutes);
