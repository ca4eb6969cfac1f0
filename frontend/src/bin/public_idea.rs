//! The public build of an idea (`public-idea.html`): what a first visit of an idea's page
//! downloads.

samenstad_web::public_build!(Idea, IdeaPageRoutes);
