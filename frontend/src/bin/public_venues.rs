//! The public build of venues and signals (`public-venues.html`): what a first visit of
//! these pages downloads.

samenstad_web::public_build!(Venues, VenueRoutes);
