-- A sheet's events form a hash chain: each event's hash covers its fields and the hash of
-- the event before it, so changing or removing any event breaks every link after it. The
-- database computes the hashes itself (every writer gets the same chain) and refuses to
-- change events, the answer history, or anything of an approved sheet.

alter table sheet_events add column prev_hash text;
alter table sheet_events add column hash text;

-- Every field on its own line; the comment (free text, may hold newlines) by its own hash.
create function tenken_event_hash(
  sheet_id text, seq integer, type text, actor_id text, at timestamptz, comment text,
  content_hash text, prev_hash text
) returns text language sql immutable as $$
  select encode(sha256(convert_to(concat_ws(E'\n',
    sheet_id, seq::text, type, actor_id,
    to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    encode(sha256(convert_to(coalesce(comment, ''), 'UTF8')), 'hex'),
    coalesce(content_hash, ''), coalesce(prev_hash, '')), 'UTF8')), 'hex')
$$;

-- The events already stored, chained in order.
do $$
declare
  event record;
  previous text;
  last_sheet text := null;
begin
  for event in select * from sheet_events order by sheet_id, seq loop
    if last_sheet is distinct from event.sheet_id then previous := null; end if;
    update sheet_events
      set prev_hash = previous,
          hash = tenken_event_hash(event.sheet_id, event.seq, event.type, event.actor_id,
            event.at, event.comment, event.content_hash, previous)
      where sheet_id = event.sheet_id and seq = event.seq
      returning hash into previous;
    last_sheet := event.sheet_id;
  end loop;
end $$;

create function tenken_chain_event() returns trigger language plpgsql as $$
begin
  -- Rows inserted earlier by the same statement are visible here, so a batch chains too.
  select hash into new.prev_hash from sheet_events
    where sheet_id = new.sheet_id and seq < new.seq order by seq desc limit 1;
  new.hash := tenken_event_hash(new.sheet_id, new.seq, new.type, new.actor_id, new.at,
    new.comment, new.content_hash, new.prev_hash);
  return new;
end $$;
create trigger sheet_events_chain before insert on sheet_events
  for each row execute function tenken_chain_event();

create function tenken_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: rows cannot be changed or removed', tg_table_name
    using errcode = 'integrity_constraint_violation';
end $$;
create trigger sheet_events_append_only before update or delete on sheet_events
  for each row execute function tenken_append_only();
create trigger answer_history_append_only before update or delete on answer_history
  for each row execute function tenken_append_only();

-- What was approved stays as it was approved.
create function tenken_approved_answers_fixed() returns trigger language plpgsql as $$
declare
  target text := coalesce(new.sheet_id, old.sheet_id);
begin
  if exists (select 1 from sheets where id = target and state = 'approved') then
    raise exception 'sheet % is approved: its answers cannot change', target
      using errcode = 'integrity_constraint_violation';
  end if;
  return coalesce(new, old);
end $$;
create trigger answers_of_approved_sheets_fixed before insert or update or delete on answers
  for each row execute function tenken_approved_answers_fixed();

create function tenken_approved_sheet_fixed() returns trigger language plpgsql as $$
begin
  if old.state = 'approved' then
    raise exception 'sheet % is approved and cannot change', old.id
      using errcode = 'integrity_constraint_violation';
  end if;
  return coalesce(new, old);
end $$;
create trigger approved_sheets_fixed before update or delete on sheets
  for each row execute function tenken_approved_sheet_fixed();
