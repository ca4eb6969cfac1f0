DROP TABLE panel_score;
DROP TABLE panel_seat;
DROP TABLE panel_candidate;
DROP TABLE panel;
