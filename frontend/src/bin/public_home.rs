//! The public build of home, the map and list of the wijken (`public-home.html`): what a first
//! visit of home downloads. Paths that are no page are answered with it too.

samenstad_web::public_build!(Home, HomeRoutes);
