DELETE FROM role_assignment WHERE role = 'service_staff';
ALTER TABLE role_assignment DROP CONSTRAINT role_assignment_role_check;
ALTER TABLE role_assignment ADD CONSTRAINT role_assignment_role_check
    CHECK (role IN ('admin', 'programme_admin', 'wijk_staff', 'venue_manager', 'jury_member', 'panel_member'));
ALTER TABLE role_assignment DROP CONSTRAINT role_assignment_check1;
ALTER TABLE role_assignment ADD CONSTRAINT role_assignment_check1
    CHECK ((role IN ('venue_manager', 'jury_member', 'panel_member')) = (scope_id IS NOT NULL));
DROP TABLE signal_follow;
DROP TABLE signal_event;
DROP TABLE signal;
DROP TABLE signal_route;
DROP TABLE signal_category;
DROP TABLE city_service;
