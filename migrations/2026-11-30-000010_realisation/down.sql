DROP TABLE project_update;
DROP TABLE project;
ALTER TABLE proposal DROP CONSTRAINT proposal_decided_with_reason;
ALTER TABLE proposal DROP CONSTRAINT proposal_decided_at;
ALTER TABLE proposal DROP COLUMN decided_at;
ALTER TABLE proposal DROP COLUMN decision_reason;
