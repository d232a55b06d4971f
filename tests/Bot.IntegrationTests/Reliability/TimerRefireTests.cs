using System.Collections.Concurrent;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Scheduling;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.IntegrationTests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.IntegrationTests.Reliability;

public sealed class TimerRefireTests
{
    private static readonly CommunityRef Community = new(Platform.Console, "timer-refire");

    [Fact]
    public async Task A_timer_whose_commit_fails_fires_again_with_its_scheduled_time_and_is_processed_once()
    {
        var failing = new FailFirstTimer();
        var (app, _) = await TestHost.StartAsync(configure: b =>
        {
            b.Services.AddSingleton<EventPipeline>();
            b.Services.AddSingleton<IEventPipeline>(s => failing.Around(s.GetRequiredService<EventPipeline>()));
        });
        await using (app)
        {
            var at = DateTimeOffset.UtcNow.AddSeconds(1);
            await app.Services.GetRequiredService<TimerScheduler>().ScheduleAsync(new ScheduleTimer(Community, "test", "unban", at), default);

            await Eventually.TrueAsync(async () => await ScalarAsync(app, "select count(*) from processed_events where event_id like 'timer:test:unban:%'") == 1, TimeSpan.FromSeconds(30));

            var fires = failing.Fires.ToList();
            Assert.True(fires.Count >= 2, $"fired {fires.Count} times");
            // The retry carries the original fire time, so features see the same timer (and dedupe the same event id).
            Assert.Single(fires.Select(f => f.EventId).Distinct());
            Assert.Equal(fires[0].ScheduledFor, fires[^1].ScheduledFor);
            Assert.Equal($"timer:test:unban:{fires[0].ScheduledFor.UtcTicks}", await TextAsync(app, "select event_id from processed_events where event_id like 'timer:test:unban:%'"));
        }
    }

    private static async Task<long> ScalarAsync(Microsoft.AspNetCore.Builder.WebApplication app, string sql)
    {
        await using var connection = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static async Task<string?> TextAsync(Microsoft.AspNetCore.Builder.WebApplication app, string sql)
    {
        await using var connection = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string>(sql);
    }

    /// <summary>The first commit of a timer fails (as a bug or a lost connection would) before anything is written.</summary>
    private sealed class FailFirstTimer
    {
        public ConcurrentQueue<TimerFired> Fires { get; } = new();

        public IEventPipeline Around(IEventPipeline inner) => new Pipeline(this, inner);

        private sealed class Pipeline(FailFirstTimer owner, IEventPipeline inner) : IEventPipeline
        {
            public Task ProcessAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct) => inner.ProcessAsync(events, ct);

            public Task AcceptAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct)
            {
                if (events is [TimerFired fired])
                {
                    owner.Fires.Enqueue(fired);
                    if (owner.Fires.Count == 1)
                    {
                        throw new InvalidOperationException("simulated failure before the commit");
                    }
                }

                return inner.AcceptAsync(events, ct);
            }

            public Task DrainAsync(CancellationToken ct) => inner.DrainAsync(ct);
        }
    }
}
