//! The public build of the ideas for the wijkbudget: the board and an idea
//! (`public-ideas.html`): what a first visit of these pages downloads.

samenstad_web::public_build!(Ideas, IdeaRoutes);
