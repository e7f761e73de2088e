-- A pull sends every answer of each changed sheet, and the device replaces the sheet's
-- answers with them, so cleared answers need no record of their own.
drop table cleared_answers;
