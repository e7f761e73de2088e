-- Sync: a version counter that stamps every change, the devices and the results of their
-- mutations, the history of every accepted answer edit, and the overwrites between devices.

-- One row. Every writing transaction bumps it first and holds its row lock until commit,
-- so versions become visible in increasing order and a pull's cursor never skips a row
-- (a sequence or a timestamp could commit out of order).
create table change_counter (
  id boolean primary key default true check (id),
  version bigint not null
);
insert into change_counter (version) values (0);

alter table sheets add column version bigint not null default 0;
alter table answers add column version bigint not null default 0;
alter table answers add column client_id text;

-- Existing sheets get versions of their own, so a first pull can page through them.
update sheets set version = numbered.n
from (select id, row_number() over (order by id) as n from sheets) as numbered
where sheets.id = numbered.id;
update change_counter set version = (select count(*) from sheets);

create index sheets_version_idx on sheets (version);
create index answers_sheet_idx on answers (sheet_id);

-- Answers cleared since they were set: a pull names them so devices drop them too.
create table cleared_answers (
  sheet_id text not null references sheets (id),
  item_id text not null,
  version bigint not null,
  primary key (sheet_id, item_id)
);

-- A device is one person's database in one browser.
create table sync_clients (
  client_id text primary key,
  person_id text not null references people (id),
  last_seq bigint not null default 0,
  -- What the person could reach at the last pull; a change makes the next pull a reset.
  scope_key text,
  created_at timestamptz not null,
  last_seen_at timestamptz not null
);

create table mutation_results (
  client_id text not null references sync_clients (client_id),
  seq bigint not null,
  name text not null,
  status text not null check (status in ('applied', 'rejected')),
  code text,
  message text,
  overwrite jsonb,
  version bigint not null,
  primary key (client_id, seq)
);
create index mutation_results_version_idx on mutation_results (client_id, version);

-- Every accepted edit of an answer in server order, cleared ones with a null value: the
-- sheet's history. When two devices overwrite each other, both values are here.
create table answer_history (
  version bigint primary key,
  sheet_id text not null references sheets (id),
  item_id text not null,
  answer jsonb,
  actor_id text not null references people (id),
  client_id text not null,
  seq bigint not null,
  at timestamptz not null
);
create index answer_history_item_idx on answer_history (sheet_id, item_id);

-- An edit that replaced a value its device had not seen, written by another device.
create table answer_overwrites (
  version bigint primary key,
  sheet_id text not null references sheets (id),
  item_id text not null,
  replaced jsonb,
  replaced_by text not null references people (id),
  replaced_client_id text not null,
  answer jsonb,
  by_person text not null references people (id),
  client_id text not null,
  at timestamptz not null
);
create index answer_overwrites_people_idx on answer_overwrites (replaced_by, version);
