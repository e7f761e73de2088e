-- Reminders a chief sends about a sheet, one row per person who must act on it (the owner,
-- the seal's custodian, or each active member of a workplace). Each row carries the
-- change-counter version of its sending, so that person's devices pull it once; whether
-- it has been seen is kept on the device. The server only ever adds rows: they are the
-- record of who was reminded, by whom and when.
create table reminders (
  id text primary key,
  sheet_id text not null references sheets (id),
  person_id text not null references people (id),
  sent_by text not null references people (id),
  sent_at timestamptz not null,
  message text check (message is null or length(message) between 1 and 500),
  version bigint not null
);
create index reminders_person_version_idx on reminders (person_id, version);
create index reminders_sheet_idx on reminders (sheet_id, sent_at);

-- The record of who was reminded is kept as it was written.
create trigger reminders_append_only before update or delete on reminders
  for each row execute function tenken_append_only();
