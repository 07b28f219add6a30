-- Statistics and the disclosure report read cases by the day they were accepted: a year's
-- report reads its days, not the whole table.
CREATE INDEX cases_accepted_on ON cases (accepted_on);
