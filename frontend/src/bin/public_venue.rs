//! The public build of a venue (`public-venue.html`): what a first visit of a venue's page
//! downloads.

samenstad_web::public_build!(Venue, VenuePageRoutes);
