-- The answers counted per unit in answer_unit_tallies (0010), rolled up the organisation: a
-- unit's row here counts the answers of its own sheets and of every unit below it. The share
-- of "no" for the city or a unit reads the rows of the units directly below it (a few per
-- bureau) instead of every unit's. Kept by triggers on answer_unit_tallies in the same
-- transaction; when a unit moves (its parent changes in an HR import) everything is rolled
-- up again. Measured in bench/reports.ts (docs/benchmarks.md).
create table answer_rollup_tallies (
  template_id text not null,
  fiscal_year integer not null,
  period text not null,
  unit_id text not null,
  item_id text not null,
  value jsonb not null,
  answers integer not null,
  primary key (template_id, fiscal_year, period, unit_id, item_id, value)
);

-- Each of these units paired with itself and with every unit above it. The register refuses
-- cycles; the depth limit only keeps a corrupt one from looping.
create function tenken_units_up(unit_ids text[]) returns table (unit_id text, counted_in text)
language sql stable as $$
  with recursive chain (unit_id, counted_in, depth) as (
    select id, id, 0 from units where id = any(unit_ids)
    union all
    select c.unit_id, u.parent_id, c.depth + 1
    from chain c join units u on u.id = c.counted_in
    where u.parent_id is not null and c.depth < 32
  )
  select unit_id, counted_in from chain
$$;

create type tenken_rollup_change as (
  template_id text,
  fiscal_year integer,
  period text,
  unit_id text,
  item_id text,
  value jsonb,
  delta integer
);

-- Adds each change to its unit and to every unit above it; grouped first, since an upsert
-- may touch each counter only once per statement.
create function tenken_roll_up_tallies(changes tenken_rollup_change[]) returns void
language plpgsql as $$
begin
  if coalesce(cardinality(changes), 0) = 0 then return; end if;
  insert into answer_rollup_tallies as t (template_id, fiscal_year, period, unit_id, item_id,
                                          value, answers)
  select c.template_id, c.fiscal_year, c.period, up.counted_in, c.item_id, c.value,
         sum(c.delta)
  from unnest(changes) c
    join tenken_units_up(array(select distinct unit_id from unnest(changes))) up
      on up.unit_id = c.unit_id
  group by c.template_id, c.fiscal_year, c.period, up.counted_in, c.item_id, c.value
  having sum(c.delta) <> 0
  on conflict (template_id, fiscal_year, period, unit_id, item_id, value)
    do update set answers = t.answers + excluded.answers;
end $$;

-- A transition table exists only for its own event, so each event has its own function.
create function tenken_roll_up_added_tallies() returns trigger language plpgsql as $$
begin
  perform tenken_roll_up_tallies(array(
    select row(template_id, fiscal_year, period, unit_id, item_id, value,
               answers)::tenken_rollup_change
    from added));
  return null;
end $$;

create function tenken_roll_up_changed_tallies() returns trigger language plpgsql as $$
begin
  perform tenken_roll_up_tallies(array(
    select row(template_id, fiscal_year, period, unit_id, item_id, value,
               -answers)::tenken_rollup_change
    from removed
    union all
    select row(template_id, fiscal_year, period, unit_id, item_id, value,
               answers)::tenken_rollup_change
    from added));
  return null;
end $$;

create function tenken_roll_up_removed_tallies() returns trigger language plpgsql as $$
begin
  perform tenken_roll_up_tallies(array(
    select row(template_id, fiscal_year, period, unit_id, item_id, value,
               -answers)::tenken_rollup_change
    from removed));
  return null;
end $$;

create trigger answer_unit_tallies_roll_up_insert after insert on answer_unit_tallies
  referencing new table as added
  for each statement execute function tenken_roll_up_added_tallies();
create trigger answer_unit_tallies_roll_up_update after update on answer_unit_tallies
  referencing old table as removed new table as added
  for each statement execute function tenken_roll_up_changed_tallies();
create trigger answer_unit_tallies_roll_up_delete after delete on answer_unit_tallies
  referencing old table as removed
  for each statement execute function tenken_roll_up_removed_tallies();

-- Rolls everything up again from the per-unit counts.
create function tenken_recount_answer_rollups() returns void language plpgsql as $$
begin
  delete from answer_rollup_tallies;
  insert into answer_rollup_tallies (template_id, fiscal_year, period, unit_id, item_id, value,
                                     answers)
  select t.template_id, t.fiscal_year, t.period, up.counted_in, t.item_id, t.value,
         sum(t.answers)
  from answer_unit_tallies t
    join tenken_units_up(array(select id from units)) up on up.unit_id = t.unit_id
  group by t.template_id, t.fiscal_year, t.period, up.counted_in, t.item_id, t.value
  having sum(t.answers) <> 0;
end $$;

-- A unit moved to another parent: the units above it are no longer the same.
create function tenken_roll_up_moved_units() returns trigger language plpgsql as $$
begin
  if exists (select 1 from removed o join added n using (id)
             where o.parent_id is distinct from n.parent_id) then
    perform tenken_recount_answer_rollups();
  end if;
  return null;
end $$;
create trigger units_roll_up_update after update on units
  referencing old table as removed new table as added
  for each statement execute function tenken_roll_up_moved_units();

-- Counting everything again (a restore, the reports benchmark) rolls up too.
alter function tenken_recount_report_tables() rename to tenken_recount_signoffs_and_tallies;
create function tenken_recount_report_tables() returns void language plpgsql as $$
begin
  perform tenken_recount_signoffs_and_tallies();
  perform tenken_recount_answer_rollups();
end $$;
select tenken_recount_answer_rollups();
