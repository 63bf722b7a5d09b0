-- db-scheduler's table (PostgreSQL schema of db-scheduler 16.x), where Axon's DbSchedulerDeadlineManager
-- keeps deadlines: B2B offers' ends and ending-soon notices. Rows are claimed with SELECT … FOR UPDATE
-- SKIP LOCKED (lock-and-fetch polling), so each deadline fires on one node; a row outlives every node's
-- restart, so a deadline whose time passed while all nodes were down fires at the next start.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);

create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
