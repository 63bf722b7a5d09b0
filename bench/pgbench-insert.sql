-- pgbench custom script (bench/checkout.sh): one single-row INSERT per transaction, autocommit, so the
-- rate is bounded by commits (WAL flushes, fsync on) like an event-store append.
\set n random(1, 1000000000)
INSERT INTO bench_insert (payload) VALUES ('order ' || :n);
