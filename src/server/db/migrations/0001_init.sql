-- The organisation, the templates, the sheets with their answers, and the sheets' events.

create table units (
  id text primary key,
  code text not null unique,
  name text not null,
  name_en text,
  kind text not null check (kind in ('bureau', 'ward', 'department', 'section', 'office', 'subsection')),
  parent_id text references units (id)
);
create index units_parent_idx on units (parent_id);

create table people (
  id text primary key,
  staff_number text not null unique,
  name text not null,
  unit_id text not null references units (id),
  position text not null,
  employment_type text not null check (employment_type in ('regular', 'reappointed', 'fiscal_year')),
  age_band text not null,
  roles text[] not null,
  active boolean not null default true
);
create index people_unit_idx on people (unit_id);

-- The official seals (公印) of each unit; a seal checklist is filled per seal.
create table seals (
  id text primary key,
  unit_id text not null references units (id),
  name text not null,
  custodian_id text not null references people (id),
  location text not null,
  active boolean not null default true
);
create index seals_unit_idx on seals (unit_id);

-- A template version is never changed once stored; a change is a new version.
create table templates (
  id text not null,
  version integer not null check (version >= 1),
  kind text not null,
  body jsonb not null,
  published_at timestamptz not null default now(),
  primary key (id, version)
);

create table sheets (
  id text primary key,
  template_id text not null,
  template_version integer not null,
  unit_id text not null references units (id),
  owner_kind text not null check (owner_kind in ('person', 'seal', 'workplace')),
  -- The owner for a person's sheet, the custodian for a seal's; null for a workplace's.
  owner_person_id text references people (id),
  seal_id text references seals (id),
  fiscal_year integer not null,
  period text not null,
  due_date date not null,
  state text not null check (state in ('draft', 'submitted', 'returned', 'approved')),
  revision integer not null default 0,
  created_at timestamptz not null default now(),
  foreign key (template_id, template_version) references templates (id, version),
  check ((owner_kind = 'workplace') = (owner_person_id is null)),
  check ((owner_kind = 'seal') = (seal_id is not null))
);
create index sheets_unit_year_idx on sheets (unit_id, fiscal_year);
create index sheets_owner_idx on sheets (owner_person_id);

create table answers (
  sheet_id text not null references sheets (id),
  item_id text not null,
  value jsonb not null,
  comment text,
  action text,
  updated_by text not null references people (id),
  updated_at timestamptz not null default now(),
  primary key (sheet_id, item_id)
);

-- Append-only: every event of a sheet in order.
create table sheet_events (
  sheet_id text not null references sheets (id),
  seq integer not null check (seq >= 1),
  type text not null check (type in ('created', 'answered', 'submitted', 'returned', 'approved')),
  actor_id text not null references people (id),
  at timestamptz not null default now(),
  comment text,
  content_hash text,
  primary key (sheet_id, seq)
);
