DROP TABLE wijk_contact;
