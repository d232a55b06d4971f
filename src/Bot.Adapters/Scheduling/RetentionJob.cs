using Bot.Domain.Privacy;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Bot.Adapters.Scheduling;

/// <summary>The daily retention run (a clustered Quartz job: one process runs it).</summary>
[DisallowConcurrentExecution]
public sealed partial class RetentionJob(IRetentionStore store, PrivacyOptions options, TimeProvider time, ILogger<RetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("retention", "system");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        foreach (var (kind, rows) in await store.ApplyAsync(RetentionCutoffs.At(time.GetUtcNow(), options), ct))
        {
            LogApplied(kind, rows);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Kind}: {Rows} rows")]
    private partial void LogApplied(string kind, int rows);
}
