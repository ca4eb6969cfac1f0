DROP TABLE idea_support;
DROP TABLE idea_event;
DROP TABLE idea;
DROP TABLE stored_file;
DROP TABLE round_wijk;
DROP TABLE round_phase;
DROP TABLE programme_round;
DROP TABLE programme;
