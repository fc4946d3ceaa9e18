-- Runs once, when the data volume is first initialised (read-only mount of this folder).
CREATE TABLE IF NOT EXISTS events (
    id          bigserial PRIMARY KEY,
    content     jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS events_created_at ON events (created_at);
