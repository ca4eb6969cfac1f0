-- The application lists are ordered newest change first and paged by (updated_at, id): an
-- index in that order lets a page read its rows in order instead of sorting the whole list.
CREATE INDEX subsidy_application_list_idx ON subsidy_application (updated_at DESC, id DESC);
