DROP TABLE booking;
DROP TABLE room;
DROP TABLE opening_hours;
DROP TABLE venue;
