//! The public build of the venue finder (`public-venues.html`): what a first visit of the finder
//! downloads.

samenstad_web::public_build!(Venues, VenueRoutes);
