-- The steps of the demo seeding (app demo/DemoData) that are done: an interrupted seeding goes on
-- from the first step not recorded here at the next start, and a complete one never runs again.
CREATE TABLE demo_seeding (
    step    TEXT        PRIMARY KEY,
    done_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
