-- Sign-in: one password per person, server-side sessions, and failed attempts for throttling.

create table credentials (
  person_id text primary key references people (id),
  -- scrypt$<log2 N>$<r>$<p>$<salt>$<hash>, never returned by any route.
  password_hash text not null,
  -- Set when an administrator resets the password: the person chooses a new one first.
  must_change boolean not null default false,
  changed_at timestamptz not null
);

-- The cookie holds a random token; only its SHA-256 is stored, so a copy of this table
-- cannot be used to sign in.
create table sessions (
  token_hash text primary key,
  person_id text not null references people (id),
  csrf_token text not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_person_idx on sessions (person_id) where revoked_at is null;

-- One row per failed sign-in, keyed by account ("account:<staff number>") and by address
-- ("address:<ip>"); rows older than the throttle window are deleted as new ones arrive.
create table sign_in_failures (
  key text not null,
  failed_at timestamptz not null
);
create index sign_in_failures_key_idx on sign_in_failures (key, failed_at);
