-- Rounds (実施回): a template's check for one fiscal year and period, with the units it
-- reaches, who started it and when. A later start of the same round may add units.

create table rounds (
  -- <template id>.<fiscal year>.<period>: the prefix of its sheets' ids (src/shared/rounds.ts).
  id text primary key,
  template_id text not null,
  template_version integer not null,
  fiscal_year integer not null,
  period text not null,
  due_date date not null,
  -- The units whose people, seals or workplaces get a sheet.
  unit_ids text[] not null check (cardinality(unit_ids) > 0),
  -- Null only for a round recorded below from sheets whose creation left no event.
  started_by text references people (id),
  started_at timestamptz not null,
  unique (template_id, fiscal_year, period),
  foreign key (template_id, template_version) references templates (id, version)
);
create index rounds_fiscal_year_idx on rounds (fiscal_year);

-- A sheet's round follows from what the sheet is for, so it is derived rather than stored:
-- it can never disagree with the sheet, and approved sheets, which no statement may
-- update, have one too. No foreign key: sheets written before rounds existed keep working.
alter table sheets add column round_id text
  generated always as (template_id || '.' || fiscal_year::text || '.' || period) stored;
create index sheets_round_idx on sheets (round_id, unit_id);

-- The sheets already stored (the demo city's first round) as rounds of their own.
insert into rounds (id, template_id, template_version, fiscal_year, period, due_date, unit_ids,
                    started_by, started_at)
select s.round_id, min(s.template_id), max(s.template_version), min(s.fiscal_year),
       min(s.period), max(s.due_date), array_agg(distinct s.unit_id order by s.unit_id),
       (select e.actor_id from sheet_events e join sheets f on f.id = e.sheet_id
         where f.round_id = s.round_id and e.type = 'created' order by e.at, e.sheet_id limit 1),
       min(s.created_at)
from sheets s
group by s.round_id;
