-- What each submission contained: the sheet's canonical content (src/shared/sheet-content.ts)
-- kept as the exact text whose SHA-256 is the event's content_hash, so a chief can see what
-- changed since the last submission and an auditor can check the text against the chain.
-- The column is part of sheet_events, whose append-only trigger already refuses any change;
-- the chain covers it through content_hash, and verify checks the text against that hash.
-- Submissions made before this migration have no content kept (null).
alter table sheet_events add column content text;
alter table sheet_events add constraint sheet_events_content_submitted
  check (content is null or (type = 'submitted' and content_hash is not null));
