using System.Diagnostics;
using Dapper;
using Npgsql;
using Quartz;
using Quartz.Extensibility;

namespace Bot.Adapters.Postgres.Scheduling;

/// <summary>
/// Stores many one-off timers (a durable job and one simple trigger each) straight into Quartz's ADO tables: one
/// <c>insert … select from unnest(…)</c> per table instead of Quartz's checks and inserts per job and trigger (about
/// eight round trips each). It writes what Quartz's <c>ScheduleJobs</c> with <c>Replacing</c> writes, column for
/// column: under Quartz's own cluster lock (the <c>TRIGGER_ACCESS</c> row, taken as Quartz takes it), an existing job
/// updated in place, an existing trigger overwritten in state <c>WAITING</c> keeping its previous fire time and its job
/// data, its node pin and pause record cleared. Values come from the Quartz objects themselves (fire times in
/// ticks, misfire instruction, priority, job class name, job data through the store's serializer).
/// What this does not reproduce it refuses, writing nothing, for the caller to store through Quartz: a trigger using
/// a feature beyond a plain one-off schedule, a paused group (Quartz stores into it paused), or a key now held by a
/// trigger of another type (Quartz moves it between type tables).
/// It does not wake the scheduler thread; <c>TimerScheduler</c> stores a timer due soon through Quartz for that.
/// </summary>
public sealed class QuartzTimerRows(NpgsqlDataSource dataSource, IObjectSerializer serializer)
{
    private const string TriggerType = "SIMPLE";
    private const string Waiting = "WAITING";

    /// <summary>Whether <paramref name="trigger"/> is one this writes exactly as Quartz would.</summary>
    public static bool Handles(IJobDetail job, ITrigger trigger) =>
        trigger is ISimpleTrigger { RepeatCount: 0 } and IOperableTrigger
        && !job.ConcurrentExecutionDisallowed
        && trigger.CalendarName is null
        && trigger.ExecutionGroup is null
        && trigger.PreferredNode.IsNone
        && trigger.RetryPolicy is null
        && trigger.Continuation.IsNone
        && trigger.OverlapPolicy == OverlapPolicy.Default
        && trigger.MisfireThreshold is null
        && trigger.MisfireInstructionCode != 0 // the smart policy, which Quartz maps to its default as it stores
        && trigger.JobDataMap.Count == 0
        && !job.JobDataMap.ContainsKey("QRTZ_JOB_INPUT");

    /// <summary>
    /// Stores every pair in one transaction, or nothing and answers false when the store holds something this does not
    /// reproduce. Keys must be distinct; all jobs in one group.
    /// </summary>
    public async Task<bool> TryStoreAsync(string schedulerName, IReadOnlyList<(IJobDetail Job, IOperableTrigger Trigger)> timers, CancellationToken ct)
    {
        if (timers.Any(t => !Handles(t.Job, t.Trigger) || t.Trigger.JobKey != t.Job.Key
            || t.Trigger.Key.Group != timers[0].Trigger.Key.Group || t.Job.Key.Group != timers[0].Job.Key.Group))
        {
            return false;
        }

        foreach (var (_, trigger) in timers)
        {
            // As QuartzScheduler does before it stores a trigger.
            trigger.Validate();
            if (trigger.ComputeFirstFireTimeUtc(null) is null)
            {
                throw new SchedulerException($"Based on configured schedule, the given trigger '{trigger.Key}' will never fire.");
            }
        }

        var first = timers[0];
        var group = first.Trigger.Key.Group;
        var triggerData = TraceData();
        var rows = new
        {
            name = schedulerName,
            group,
            jobGroup = first.Job.Key.Group,
            jobs = timers.Select(t => t.Job.Key.Name).ToArray(),
            descriptions = timers.Select(t => t.Job.Description).ToArray(),
            classes = timers.Select(t => t.Job.JobType.FullName).ToArray(),
            durable = timers.Select(t => t.Job.Durable).ToArray(),
            nonConcurrent = timers.Select(t => t.Job.ConcurrentExecutionDisallowed).ToArray(),
            updateData = timers.Select(t => t.Job.PersistJobDataAfterExecution).ToArray(),
            recovery = timers.Select(t => t.Job.RequestsRecovery).ToArray(),
            jobData = timers.Select(t => t.Job.JobDataMap.Count == 0 ? null : serializer.Serialize(t.Job.JobDataMap)).ToArray(),
            triggers = timers.Select(t => t.Trigger.Key.Name).ToArray(),
            triggerDescriptions = timers.Select(t => t.Trigger.Description).ToArray(),
            next = timers.Select(t => t.Trigger.NextFireTimeUtc?.UtcTicks).ToArray(),
            previous = timers.Select(t => t.Trigger.PreviousFireTimeUtc?.UtcTicks).ToArray(),
            start = timers.Select(t => t.Trigger.StartTimeUtc.UtcTicks).ToArray(),
            end = timers.Select(t => t.Trigger.EndTimeUtc?.UtcTicks).ToArray(),
            misfire = timers.Select(t => (short)t.Trigger.MisfireInstructionCode).ToArray(),
            priority = timers.Select(t => t.Trigger.Priority).ToArray(),
            retryAttempt = timers.Select(t => t.Trigger.RetryAttempt).ToArray(),
            repeatCount = timers.Select(t => (long)((ISimpleTrigger)t.Trigger).RepeatCount).ToArray(),
            repeatInterval = timers.Select(t => (long)((ISimpleTrigger)t.Trigger).RepeatInterval.TotalMilliseconds).ToArray(),
            timesTriggered = timers.Select(t => (long)((ISimpleTrigger)t.Trigger).TimesTriggered).ToArray(),
            triggerData,
            type = TriggerType,
            state = Waiting,
        };

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(Lock, rows, transaction, cancellationToken: ct));
        // A statement of its own, so that it reads the store as it is once the lock is held.
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(Unusual, rows, transaction, cancellationToken: ct)))
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(Upserts, rows, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// The trigger's job data Quartz would store: the trace context of the current activity (Quartz links a fire back
    /// to where it was scheduled from), or none, in which case a replaced trigger keeps the data it had.
    /// </summary>
    private byte[]? TraceData()
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C, Id: { } id } current)
        {
            return null;
        }

        var map = new JobDataMap { ["QRTZ_TRACEPARENT"] = id };
        if (current.TraceStateString is { Length: > 0 } state)
        {
            map["QRTZ_TRACESTATE"] = state;
        }

        return serializer.Serialize(map);
    }

    // Quartz's lock: the row made if missing, then held to the commit. Checked under it: nothing paused (a pause
    // turns WAITING into PAUSED) and no key held by a trigger of another type.
    private const string Lock =
        """
        insert into qrtz_locks (sched_name, lock_name) values (@name, 'TRIGGER_ACCESS') on conflict do nothing;
        select 1 from qrtz_locks where sched_name = @name and lock_name = 'TRIGGER_ACCESS' for update
        """;

    private const string Unusual =
        """
        select exists (select 1 from qrtz_paused_trigger_grps where sched_name = @name)
            or exists (select 1 from qrtz_paused_job_grps where sched_name = @name)
            or exists (
                select 1 from qrtz_triggers t join unnest(@triggers) k(name) on t.trigger_name = k.name
                where t.sched_name = @name and t.trigger_group = @group and t.trigger_type <> @type)
        """;

    private const string Upserts =
        """
        insert into qrtz_job_details (sched_name, job_name, job_group, description, job_class_name, is_durable, is_nonconcurrent,
            is_update_data, requests_recovery, job_data)
        select @name, j.job_name, @jobGroup, j.description, j.job_class_name, j.is_durable, j.is_nonconcurrent, j.is_update_data,
            j.requests_recovery, j.job_data
        from unnest(@jobs, @descriptions, @classes, @durable, @nonConcurrent, @updateData, @recovery, @jobData)
            j(job_name, description, job_class_name, is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data)
        on conflict (sched_name, job_name, job_group) do update set description = excluded.description,
            job_class_name = excluded.job_class_name, is_durable = excluded.is_durable, is_nonconcurrent = excluded.is_nonconcurrent,
            is_update_data = excluded.is_update_data, requests_recovery = excluded.requests_recovery, job_data = excluded.job_data;

        insert into qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, description, next_fire_time,
            prev_fire_time, trigger_state, trigger_type, start_time, end_time, misfire_instr, job_data, priority, preferred_node_auto,
            retry_attempt)
        select @name, t.trigger_name, @group, t.job_name, @jobGroup, t.description, t.next_fire_time, t.prev_fire_time, @state, @type,
            t.start_time, t.end_time, t.misfire_instr, @triggerData, t.priority, false, t.retry_attempt
        from unnest(@triggers, @jobs, @triggerDescriptions, @next, @previous, @start, @end, @misfire, @priority, @retryAttempt)
            t(trigger_name, job_name, description, next_fire_time, prev_fire_time, start_time, end_time, misfire_instr, priority, retry_attempt)
        on conflict (sched_name, trigger_name, trigger_group) do update set job_name = excluded.job_name, job_group = excluded.job_group,
            description = excluded.description, next_fire_time = excluded.next_fire_time,
            prev_fire_time = coalesce(excluded.prev_fire_time, qrtz_triggers.prev_fire_time), trigger_state = excluded.trigger_state,
            trigger_type = excluded.trigger_type, start_time = excluded.start_time, end_time = excluded.end_time, calendar_name = null,
            misfire_instr = excluded.misfire_instr, priority = excluded.priority,
            job_data = case when @triggerData::bytea is null then qrtz_triggers.job_data else excluded.job_data end,
            execution_group = null, preferred_node = null, preferred_node_auto = false, retry_policy = null, retry_attempt = excluded.retry_attempt, continues_trigger_name = null,
            continues_trigger_group = null, continuation_condition = null, overlap_policy = null, misfire_threshold = null,
            fixed_delay = null, pause_reason = null, paused_by = null, paused_at = null;

        insert into qrtz_simple_triggers (sched_name, trigger_name, trigger_group, repeat_count, repeat_interval, times_triggered)
        select @name, s.trigger_name, @group, s.repeat_count, s.repeat_interval, s.times_triggered
        from unnest(@triggers, @repeatCount, @repeatInterval, @timesTriggered)
            s(trigger_name, repeat_count, repeat_interval, times_triggered)
        on conflict (sched_name, trigger_name, trigger_group) do update set repeat_count = excluded.repeat_count,
            repeat_interval = excluded.repeat_interval, times_triggered = excluded.times_triggered;
        """;
}
