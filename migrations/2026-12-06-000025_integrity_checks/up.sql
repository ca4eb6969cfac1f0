-- Rules the code kept alone, now kept by the database too (an audit of 2026-12-05): a project
-- never spends more than its budget; an application's kind of applicant and a timeline entry's
-- status are the API's vocabularies; a budget line's amounts stay within what the API accepts;
-- an Idempotency-Key is 1 to 200 characters. Expand-only (rolling upgrades): each constraint is
-- added NOT VALID (no long lock while the table is read) and then validated.
ALTER TABLE project ADD CONSTRAINT project_spent_within_budget
    CHECK (spent_cents <= budget_cents) NOT VALID;
ALTER TABLE project VALIDATE CONSTRAINT project_spent_within_budget;

ALTER TABLE subsidy_application ADD CONSTRAINT subsidy_application_applicant_kind
    CHECK (applicant_kind IN ('bewonersgroep', 'feitelijke_vereniging', 'vzw', 'school', 'other', 'person')) NOT VALID;
ALTER TABLE subsidy_application VALIDATE CONSTRAINT subsidy_application_applicant_kind;

ALTER TABLE subsidy_event ADD CONSTRAINT subsidy_event_status
    CHECK (status IN ('draft', 'submitted', 'in_review', 'approved', 'rejected', 'paid',
                      'report_submitted', 'closed', 'withdrawn')) NOT VALID;
ALTER TABLE subsidy_event VALIDATE CONSTRAINT subsidy_event_status;

-- A draft's line may have a kind the scheme does not know (its problems name it), so the kind
-- stays free text; its amounts do not.
ALTER TABLE subsidy_budget_line ADD CONSTRAINT subsidy_budget_line_amounts
    CHECK (amount_cents <= 100000000 AND actual_cents <= 4294967295) NOT VALID;
ALTER TABLE subsidy_budget_line VALIDATE CONSTRAINT subsidy_budget_line_amounts;

ALTER TABLE booking ADD CONSTRAINT booking_idempotency_key_length
    CHECK (length(idempotency_key) BETWEEN 1 AND 200) NOT VALID;
ALTER TABLE booking VALIDATE CONSTRAINT booking_idempotency_key_length;
