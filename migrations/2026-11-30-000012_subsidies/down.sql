DROP TABLE subsidy_report, subsidy_score, subsidy_conflict, subsidy_event, subsidy_attachment,
    subsidy_cosignature, subsidy_cosign_link, subsidy_budget_line, subsidy_application_wijk,
    subsidy_application, subsidy_deadline, subsidy_budget, subsidy_scheme;
DELETE FROM stored_file WHERE content_type = 'application/pdf' OR size > 5242880;
ALTER TABLE stored_file DROP CONSTRAINT stored_file_content_type_check;
ALTER TABLE stored_file ADD CONSTRAINT stored_file_content_type_check
    CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp'));
ALTER TABLE stored_file DROP CONSTRAINT stored_file_size_check;
ALTER TABLE stored_file ADD CONSTRAINT stored_file_size_check CHECK (size BETWEEN 1 AND 5242880);
