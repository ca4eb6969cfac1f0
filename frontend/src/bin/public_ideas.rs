//! The public build of the board of ideas for the wijkbudget (`public-ideas.html`): what a first
//! visit of the board downloads.

samenstad_web::public_build!(Ideas, IdeaRoutes);
