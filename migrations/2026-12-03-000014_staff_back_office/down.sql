ALTER TABLE idea DROP COLUMN contact;
DROP TABLE residence_request;
DROP TABLE panel_decision_vote;
UPDATE panel SET seed = NULL WHERE drawn_at IS NULL;
ALTER TABLE panel
    DROP CONSTRAINT panel_check,
    DROP CONSTRAINT panel_quorum_check,
    DROP COLUMN seed_published_at,
    DROP COLUMN quorum,
    ADD CONSTRAINT panel_check CHECK ((seed IS NULL) = (drawn_at IS NULL) AND (seed IS NULL) = (algorithm IS NULL));
ALTER TABLE proposal
    DROP CONSTRAINT proposal_college_check,
    DROP COLUMN college_reference,
    DROP COLUMN college_date,
    DROP COLUMN decided_by,
    DROP COLUMN decision_kind;
