-- Acting chiefs (代理): who acts as chief of which unit, from which Japan calendar day to
-- which (both included). The table is its own audit trail: a row is never deleted, and the
-- only change it ever takes is being ended early, once.

create table acting_appointments (
  id text primary key,
  unit_id text not null references units (id),
  person_id text not null references people (id),
  starts_on date not null,
  ends_on date not null,
  appointed_by text not null references people (id),
  appointed_at timestamptz not null,
  ended_at timestamptz,
  ended_by text references people (id),
  check (starts_on <= ends_on),
  check ((ended_at is null) = (ended_by is null))
);
create index acting_appointments_unit_idx on acting_appointments (unit_id, ends_on);
create index acting_appointments_person_idx on acting_appointments (person_id, ends_on);

create function tenken_acting_appointment_fixed() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'acting appointments are never deleted'
      using errcode = 'integrity_constraint_violation';
  end if;
  if old.ended_at is not null or new.ended_at is null
     or (new.id, new.unit_id, new.person_id, new.starts_on, new.ends_on, new.appointed_by,
         new.appointed_at)
        is distinct from
        (old.id, old.unit_id, old.person_id, old.starts_on, old.ends_on, old.appointed_by,
         old.appointed_at) then
    raise exception 'acting appointment % can only be ended, once', old.id
      using errcode = 'integrity_constraint_violation';
  end if;
  return new;
end $$;
create trigger acting_appointments_fixed before update or delete on acting_appointments
  for each row execute function tenken_acting_appointment_fixed();
