//! The public build of the wijkbudget's projects (`public-projects.html`): what a first visit of
//! the projects' map or a project downloads.

samenstad_web::public_build!(Projects, ProjectRoutes);
