-- Indexes for the auditors' reports (src/server/reports/), which read a fiscal year or a
-- round of the whole city at once. Measured in bench/reports.ts (docs/benchmarks.md).

-- A fiscal year, or one round of it, with what the completion roll-up counts carried in the
-- index, so counting a year's sheets by unit and state reads the index alone.
create index sheets_report_idx on sheets (fiscal_year, template_id, period)
  include (unit_id, state, due_date, owner_person_id);

-- When each sheet was handed in and signed off: the waits from submission to sign-off
-- are read from here without visiting the events themselves.
create index sheet_events_signoff_idx on sheet_events (sheet_id) include (type, at)
  where type in ('submitted', 'approved');
