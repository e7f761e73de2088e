-- The sheets of each round counted by unit, due date and state, kept by triggers in the
-- transaction that writes them (as the answer tallies of 0010): the completion roll-up of a
-- fiscal year reads a few rows per unit and round instead of every sheet. Overdue still
-- follows from the due date and the day the report is asked for. Measured in
-- bench/reports.ts (docs/benchmarks.md).
create table sheet_state_tallies (
  fiscal_year integer not null,
  template_id text not null,
  period text not null,
  unit_id text not null,
  due_date date not null,
  state text not null,
  sheets integer not null,
  primary key (fiscal_year, template_id, period, unit_id, due_date, state)
);

create type tenken_sheet_count_change as (
  fiscal_year integer,
  template_id text,
  period text,
  unit_id text,
  due_date date,
  state text,
  delta integer
);

-- Grouped first: an upsert may touch each counter only once per statement.
create function tenken_count_sheets(changes tenken_sheet_count_change[]) returns void
language plpgsql as $$
begin
  if coalesce(cardinality(changes), 0) = 0 then return; end if;
  insert into sheet_state_tallies as t (fiscal_year, template_id, period, unit_id, due_date,
                                        state, sheets)
  select fiscal_year, template_id, period, unit_id, due_date, state, sum(delta)
  from unnest(changes)
  group by fiscal_year, template_id, period, unit_id, due_date, state
  having sum(delta) <> 0
  on conflict (fiscal_year, template_id, period, unit_id, due_date, state)
    do update set sheets = t.sheets + excluded.sheets;
end $$;

-- A transition table exists only for its own event, so each event has its own function.
create function tenken_count_added_sheets() returns trigger language plpgsql as $$
begin
  perform tenken_count_sheets(array(
    select row(fiscal_year, template_id, period, unit_id, due_date, state,
               1)::tenken_sheet_count_change
    from added));
  return null;
end $$;

-- Most updates of a sheet (its version, as answers are saved) move no count: only those
-- that change what is counted are.
create function tenken_count_changed_sheets() returns trigger language plpgsql as $$
begin
  perform tenken_count_sheets(array(
    select row(c.fiscal_year, c.template_id, c.period, c.unit_id, c.due_date, c.state,
               c.delta)::tenken_sheet_count_change
    from (select o.fiscal_year, o.template_id, o.period, o.unit_id, o.due_date, o.state,
                 -1 as delta
          from removed o join added n using (id)
          where (o.fiscal_year, o.template_id, o.period, o.unit_id, o.due_date, o.state)
                is distinct from
                (n.fiscal_year, n.template_id, n.period, n.unit_id, n.due_date, n.state)
          union all
          select n.fiscal_year, n.template_id, n.period, n.unit_id, n.due_date, n.state, 1
          from added n join removed o using (id)
          where (o.fiscal_year, o.template_id, o.period, o.unit_id, o.due_date, o.state)
                is distinct from
                (n.fiscal_year, n.template_id, n.period, n.unit_id, n.due_date, n.state)) c));
  return null;
end $$;

create function tenken_count_removed_sheets() returns trigger language plpgsql as $$
begin
  perform tenken_count_sheets(array(
    select row(fiscal_year, template_id, period, unit_id, due_date, state,
               -1)::tenken_sheet_count_change
    from removed));
  return null;
end $$;

create trigger sheets_count_insert after insert on sheets
  referencing new table as added
  for each statement execute function tenken_count_added_sheets();
create trigger sheets_count_update after update on sheets
  referencing old table as removed new table as added
  for each statement execute function tenken_count_changed_sheets();
create trigger sheets_count_delete after delete on sheets
  referencing old table as removed
  for each statement execute function tenken_count_removed_sheets();

create function tenken_recount_sheet_states() returns void language plpgsql as $$
begin
  delete from sheet_state_tallies;
  insert into sheet_state_tallies (fiscal_year, template_id, period, unit_id, due_date, state,
                                   sheets)
  select fiscal_year, template_id, period, unit_id, due_date, state, count(*)
  from sheets
  group by fiscal_year, template_id, period, unit_id, due_date, state;
end $$;

-- Counting everything again (a restore, the reports benchmark) counts the sheets too.
create or replace function tenken_recount_report_tables() returns void language plpgsql as $$
begin
  perform tenken_recount_signoffs_and_tallies();
  perform tenken_recount_answer_rollups();
  perform tenken_recount_sheet_states();
end $$;
select tenken_recount_sheet_states();
