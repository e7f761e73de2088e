-- What the auditors' reports (src/server/reports/) read, so that a report of the whole city
-- costs about as much as the units and groups it shows rather than the answers behind them:
-- an index over a year's sheets, the sign-offs with their submission times, and the answers
-- handed in counted by round. The counts and sign-offs are kept by triggers in the same
-- transaction as the change (every writer, SQL included, keeps them right), set-based per
-- statement. Measured in bench/reports.ts (docs/benchmarks.md).

-- A fiscal year, or a round of it, with what the completion roll-up counts carried in the
-- index, so counting a year's sheets by unit and state reads the index alone.
create index sheets_report_idx on sheets (fiscal_year, template_id, period)
  include (unit_id, state, due_date, owner_kind);

-- Every sign-off with the submission it approved (the latest before it: an approved sheet
-- is final, so this never changes), for the median wait from submission to sign-off.
create table sheet_signoffs (
  sheet_id text primary key references sheets (id),
  template_id text not null,
  fiscal_year integer not null,
  period text not null,
  unit_id text not null,
  submitted_at timestamptz not null,
  approved_at timestamptz not null
);
create index sheet_signoffs_report_idx on sheet_signoffs (fiscal_year, template_id, period)
  include (unit_id, submitted_at, approved_at);

-- The sign-offs of these sheets that are not recorded yet.
create function tenken_add_signoffs(sheet_ids text[]) returns void language sql as $$
  insert into sheet_signoffs (sheet_id, template_id, fiscal_year, period, unit_id,
                              submitted_at, approved_at)
  select e.sheet_id, s.template_id, s.fiscal_year, s.period, s.unit_id, submitted.at, e.at
  from sheet_events e
    join sheets s on s.id = e.sheet_id
    cross join lateral (select max(x.at) as at from sheet_events x
                        where x.sheet_id = e.sheet_id and x.type = 'submitted' and x.seq < e.seq)
      submitted
  where e.sheet_id = any(sheet_ids) and e.type = 'approved' and submitted.at is not null
  on conflict (sheet_id) do nothing
$$;
create function tenken_record_signoffs() returns trigger language plpgsql as $$
begin
  perform tenken_add_signoffs(array(select sheet_id from added where type = 'approved'));
  return null;
end $$;
create trigger sheet_events_signoffs after insert on sheet_events
  referencing new table as added for each statement execute function tenken_record_signoffs();

-- The answers of sheets handed in (submitted or approved) whose value is an agreement
-- (1–4) or a yes/no/N/A answer, counted per round, unit, item and value; and for people's
-- own sheets, per round, item, value and the person's attributes as the register holds them.
create table answer_unit_tallies (
  template_id text not null,
  fiscal_year integer not null,
  period text not null,
  unit_id text not null,
  item_id text not null,
  value jsonb not null,
  answers integer not null,
  primary key (template_id, fiscal_year, period, unit_id, item_id, value)
);
create table answer_group_tallies (
  template_id text not null,
  fiscal_year integer not null,
  period text not null,
  item_id text not null,
  value jsonb not null,
  age_band text not null,
  employment_type text not null,
  position text not null,
  chief boolean not null,
  answers integer not null,
  primary key (template_id, fiscal_year, period, item_id, value, age_band, employment_type,
               position, chief)
);

-- One answer counted in (+1) or out (−1) of the tallies: its round, unit, item and value,
-- and the attributes of the person whose own sheet it is (null for a seal's or a
-- workplace's sheet, which only the unit tallies count).
create type tenken_tally_change as (
  template_id text,
  fiscal_year integer,
  period text,
  unit_id text,
  item_id text,
  value jsonb,
  age_band text,
  employment_type text,
  position text,
  chief boolean,
  delta integer
);

create function tenken_tallied(value jsonb) returns boolean language sql immutable as $$
  select value in ('1', '2', '3', '4', '"yes"', '"no"', '"na"')
$$;

create function tenken_counted(state text) returns boolean language sql immutable as $$
  select state in ('submitted', 'approved')
$$;

-- Grouped first: an upsert may touch each counter only once per statement.
create function tenken_apply_tallies(changes tenken_tally_change[]) returns void
language plpgsql as $$
begin
  if coalesce(cardinality(changes), 0) = 0 then return; end if;
  insert into answer_unit_tallies as t (template_id, fiscal_year, period, unit_id, item_id,
                                        value, answers)
  select template_id, fiscal_year, period, unit_id, item_id, value, sum(delta)
  from unnest(changes)
  group by template_id, fiscal_year, period, unit_id, item_id, value
  on conflict (template_id, fiscal_year, period, unit_id, item_id, value)
    do update set answers = t.answers + excluded.answers;
  insert into answer_group_tallies as t (template_id, fiscal_year, period, item_id, value,
                                         age_band, employment_type, position, chief, answers)
  select template_id, fiscal_year, period, item_id, value, age_band, employment_type, position,
         chief, sum(delta)
  from unnest(changes)
  where age_band is not null
  group by template_id, fiscal_year, period, item_id, value, age_band, employment_type,
           position, chief
  on conflict (template_id, fiscal_year, period, item_id, value, age_band, employment_type,
               position, chief)
    do update set answers = t.answers + excluded.answers;
end $$;

-- Answers written to, changed on or removed from a sheet handed in: a transition table
-- exists only for its own event, so each event has its own function.
create function tenken_tally_added_answers() returns trigger language plpgsql as $$
begin
  perform tenken_apply_tallies(array(
    select row(s.template_id, s.fiscal_year, s.period, s.unit_id, a.item_id, a.value,
               p.age_band, p.employment_type, p.position, 'chief' = any(p.roles),
               a.delta)::tenken_tally_change
    from (select sheet_id, item_id, value, 1 as delta from added) a
      join sheets s on s.id = a.sheet_id
      left join people p on p.id = s.owner_person_id and s.owner_kind = 'person'
    where tenken_counted(s.state) and tenken_tallied(a.value)));
  return null;
end $$;

create function tenken_tally_changed_answers() returns trigger language plpgsql as $$
begin
  perform tenken_apply_tallies(array(
    select row(s.template_id, s.fiscal_year, s.period, s.unit_id, a.item_id, a.value,
               p.age_band, p.employment_type, p.position, 'chief' = any(p.roles),
               a.delta)::tenken_tally_change
    from (select sheet_id, item_id, value, -1 as delta from removed
          union all
          select sheet_id, item_id, value, 1 from added) a
      join sheets s on s.id = a.sheet_id
      left join people p on p.id = s.owner_person_id and s.owner_kind = 'person'
    where tenken_counted(s.state) and tenken_tallied(a.value)));
  return null;
end $$;

create function tenken_tally_removed_answers() returns trigger language plpgsql as $$
begin
  perform tenken_apply_tallies(array(
    select row(s.template_id, s.fiscal_year, s.period, s.unit_id, a.item_id, a.value,
               p.age_band, p.employment_type, p.position, 'chief' = any(p.roles),
               a.delta)::tenken_tally_change
    from (select sheet_id, item_id, value, -1 as delta from removed) a
      join sheets s on s.id = a.sheet_id
      left join people p on p.id = s.owner_person_id and s.owner_kind = 'person'
    where tenken_counted(s.state) and tenken_tallied(a.value)));
  return null;
end $$;
create trigger answers_tally_insert after insert on answers
  referencing new table as added
  for each statement execute function tenken_tally_added_answers();
create trigger answers_tally_update after update on answers
  referencing old table as removed new table as added
  for each statement execute function tenken_tally_changed_answers();
create trigger answers_tally_delete after delete on answers
  referencing old table as removed
  for each statement execute function tenken_tally_removed_answers();

-- A sheet handed in or returned (or moved to another round, unit or owner): its answers
-- leave the counts the sheet was in and join those it is in now. A sheet is inserted before
-- any answer and its answers are deleted before it, so inserting or deleting one counts nothing.
create function tenken_tally_changed_sheets() returns trigger language plpgsql as $$
begin
  perform tenken_apply_tallies(array(
    select row(s.template_id, s.fiscal_year, s.period, s.unit_id, a.item_id, a.value,
               p.age_band, p.employment_type, p.position, 'chief' = any(p.roles),
               s.delta)::tenken_tally_change
    from (select o.*, -1 as delta from removed o join added n using (id)
          where tenken_counted(o.state)
            and (tenken_counted(n.state), n.template_id, n.fiscal_year, n.period, n.unit_id,
                 n.owner_kind, n.owner_person_id)
                is distinct from
                (true, o.template_id, o.fiscal_year, o.period, o.unit_id, o.owner_kind,
                 o.owner_person_id)
          union all
          select n.*, 1 from added n join removed o using (id)
          where tenken_counted(n.state)
            and (tenken_counted(o.state), o.template_id, o.fiscal_year, o.period, o.unit_id,
                 o.owner_kind, o.owner_person_id)
                is distinct from
                (true, n.template_id, n.fiscal_year, n.period, n.unit_id, n.owner_kind,
                 n.owner_person_id)) s
      join answers a on a.sheet_id = s.id
      left join people p on p.id = s.owner_person_id and s.owner_kind = 'person'
    where tenken_tallied(a.value)));
  return null;
end $$;
create trigger sheets_tally_update after update on sheets
  referencing old table as removed new table as added
  for each statement execute function tenken_tally_changed_sheets();

-- A person's attributes changed (an HR import): their own sheets handed in move from the
-- groups they were counted in to those they belong to now.
create function tenken_tally_changed_people() returns trigger language plpgsql as $$
begin
  perform tenken_apply_tallies(array(
    select row(s.template_id, s.fiscal_year, s.period, s.unit_id, a.item_id, a.value,
               p.age_band, p.employment_type, p.position, 'chief' = any(p.roles),
               p.delta)::tenken_tally_change
    from (select o.*, -1 as delta from removed o join added n using (id)
          where (o.age_band, o.employment_type, o.position, 'chief' = any(o.roles))
                is distinct from
                (n.age_band, n.employment_type, n.position, 'chief' = any(n.roles))
          union all
          select n.*, 1 from added n join removed o using (id)
          where (o.age_band, o.employment_type, o.position, 'chief' = any(o.roles))
                is distinct from
                (n.age_band, n.employment_type, n.position, 'chief' = any(n.roles))) p
      join sheets s on s.owner_person_id = p.id and s.owner_kind = 'person'
      join answers a on a.sheet_id = s.id
    where tenken_counted(s.state) and tenken_tallied(a.value)));
  return null;
end $$;
create trigger people_tally_update after update on people
  referencing old table as removed new table as added
  for each statement execute function tenken_tally_changed_people();

-- Counts everything again from the stored rows: for the data already there now, and for
-- anything loaded with the triggers off (a restore, or the reports benchmark).
create function tenken_recount_report_tables() returns void language plpgsql as $$
begin
  delete from sheet_signoffs;
  perform tenken_add_signoffs(array(select sheet_id from sheet_events where type = 'approved'));
  delete from answer_unit_tallies;
  insert into answer_unit_tallies (template_id, fiscal_year, period, unit_id, item_id, value,
                                   answers)
  select s.template_id, s.fiscal_year, s.period, s.unit_id, a.item_id, a.value, count(*)
  from sheets s join answers a on a.sheet_id = s.id
  where tenken_counted(s.state) and tenken_tallied(a.value)
  group by s.template_id, s.fiscal_year, s.period, s.unit_id, a.item_id, a.value;
  delete from answer_group_tallies;
  insert into answer_group_tallies (template_id, fiscal_year, period, item_id, value, age_band,
                                    employment_type, position, chief, answers)
  select s.template_id, s.fiscal_year, s.period, a.item_id, a.value, p.age_band,
         p.employment_type, p.position, 'chief' = any(p.roles), count(*)
  from sheets s
    join answers a on a.sheet_id = s.id
    join people p on p.id = s.owner_person_id
  where s.owner_kind = 'person' and tenken_counted(s.state) and tenken_tallied(a.value)
  group by s.template_id, s.fiscal_year, s.period, a.item_id, a.value, p.age_band,
           p.employment_type, p.position, 'chief' = any(p.roles);
end $$;
select tenken_recount_report_tables();
