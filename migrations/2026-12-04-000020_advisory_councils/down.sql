DELETE FROM role_assignment WHERE role = 'council_staff';
ALTER TABLE role_assignment DROP CONSTRAINT role_assignment_role_check;
ALTER TABLE role_assignment ADD CONSTRAINT role_assignment_role_check
    CHECK (role IN ('admin', 'programme_admin', 'wijk_staff', 'venue_manager', 'jury_member', 'panel_member', 'service_staff'));
ALTER TABLE role_assignment DROP CONSTRAINT role_assignment_check1;
ALTER TABLE role_assignment ADD CONSTRAINT role_assignment_check1
    CHECK ((role IN ('venue_manager', 'jury_member', 'panel_member', 'service_staff')) = (scope_id IS NOT NULL));
DROP TABLE advice;
DROP TABLE advice_request;
DROP TABLE advisory_council;
