DROP TABLE ballot;
DROP TABLE vote_option;
DROP TABLE vote;
DROP TABLE residence;
DROP TABLE proposal_idea;
DROP TABLE budget_line;
DROP TABLE proposal;
