//! The public build of the subsidy finder and the grants awarded (`public-subsidies.html`): what a first visit of
//! these pages downloads.

samenstad_web::public_build!(Subsidies, SubsidyRoutes);
