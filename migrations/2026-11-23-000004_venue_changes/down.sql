DROP TABLE venue_change_request;
