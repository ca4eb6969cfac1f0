DROP TABLE wijk;
DROP TABLE municipality;
