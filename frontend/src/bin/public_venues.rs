//! The public build of the venue finder and a venue (`public-venues.html`): what a first visit of
//! these pages downloads.

samenstad_web::public_build!(Venues, VenueRoutes);
