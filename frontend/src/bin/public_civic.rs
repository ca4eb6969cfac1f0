//! The public build of the advisory councils and their advice, feedback and open data
//! (`public-civic.html`): what a first visit of these pages downloads.

samenstad_web::public_build!(Civic, CivicRoutes);
