using System.Collections.Concurrent;
using Bot.Adapters.Pipeline;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.IntegrationTests.Support;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.IntegrationTests.Reliability;

/// <summary>An action's result (<see cref="ActionCompleted"/>) and its outbox row's done-mark commit together.</summary>
public sealed class CompletionTests
{
    private static readonly CommunityRef Community = new(Platform.Console, "completion");

    [Fact]
    public async Task A_result_that_cannot_be_committed_leaves_its_action_not_done_and_a_replay_delivers_it_once()
    {
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        // The first process runs the action, but the commit of its result keeps failing (as if it died there).
        var (first, firstExecutor) = await TestHost.StartAsync(connectionString, b =>
        {
            Quiet(b);
            b.Services.AddSingleton<Completions>();
            b.Services.AddScoped<IFeature, AskForResult>();
            b.Services.AddScoped<IFeature, ResultCannotCommit>();
        });
        var (second, secondExecutor) = await TestHost.StartAsync(connectionString, b =>
        {
            Quiet(b);
            b.Services.AddSingleton<Completions>();
            b.Services.AddScoped<IFeature, AskForResult>();
        });
        await using (first)
        await using (second)
        {
            await first.Services.GetRequiredService<IEventPipeline>().AcceptAsync(
                [new TimerFired("corr-1", Community, DateTimeOffset.UtcNow, AskForResult.Feature, "k", string.Empty, DateTimeOffset.UtcNow)], default);
            await Eventually.TrueAsync(() => ResultCannotCommit.Attempts >= 2, what: "the first process tried to commit the result");

            // Executed, result not committed: the row is not done, so it is not lost.
            Assert.Single(firstExecutor.Executed);
            Assert.Equal(0, await ScalarAsync(connectionString, "select count(*) from outbox where event_id = 'corr-1' and done_at is not null"));

            // The first process's lease runs out; the second takes the action, runs it again and commits its result.
            await ScalarAsync(connectionString, "with e as (update outbox set lease_until = now() where event_id = 'corr-1' returning 1) select count(*) from e");
            Assert.Equal(1, await second.Services.GetRequiredService<OutboxReplayer>().ReplayAsync(default));
            var completed = second.Services.GetRequiredService<Completions>();
            await Eventually.TrueAsync(() => !completed.Seen.IsEmpty, what: "the result reached the second process's features");
            await Eventually.TrueAsync(
                async () => await ScalarAsync(connectionString, "select count(*) from outbox where event_id = 'corr-1' and done_at is not null") == 1,
                what: "the action marked done with its result");
            // The first process's retry now finds the result handled (its earlier tries were rolled back): it is committed once.
            await Eventually.TrueAsync(
                async () => await ScalarAsync(connectionString, "select count(*) from processed_events where event_id like 'done:%'") == 1);
            await Task.Delay(TimeSpan.FromSeconds(5));

            Assert.Single(secondExecutor.Executed);
            var result = Assert.Single(completed.Seen);
            Assert.Equal("corr:k", result.Correlation);
            Assert.True(result.Succeeded);
        }
    }

    [Fact]
    public async Task A_result_is_committed_with_the_done_mark_of_its_action()
    {
        var (app, executor) = await TestHost.StartAsync(configure: b =>
        {
            Quiet(b);
            b.Services.AddSingleton<Completions>();
            b.Services.AddScoped<IFeature, AskForResult>();
        });
        await using (app)
        {
            var connectionString = app.Configuration.GetConnectionString("Bot")!;
            await app.Services.GetRequiredService<IEventPipeline>().ProcessAsync(
                [new TimerFired("corr-2", Community, DateTimeOffset.UtcNow, AskForResult.Feature, "k", string.Empty, DateTimeOffset.UtcNow)], default);

            var result = Assert.Single(app.Services.GetRequiredService<Completions>().Seen);
            Assert.Equal("sent-1", result.MessageId);
            Assert.Single(executor.Executed);
            Assert.Equal("1 t", await TextAsync(connectionString, "select string_agg(concat_ws(' ', attempts, done_at is not null), ';') from outbox where event_id = 'corr-2'"));
        }
    }

    private static void Quiet(WebApplicationBuilder b) =>
        b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Outbox:ReplayInterval"] = "00:05:00" });

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static async Task<string?> TextAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<string>(sql);
    }

    private sealed class Completions
    {
        public ConcurrentQueue<ActionCompleted> Seen { get; } = new();
    }

    /// <summary>A timer of its own asks for the result of a reply; the result is recorded.</summary>
    private sealed class AskForResult(Completions completions) : IFeature
    {
        public const string Feature = "test-corr";

        public string Name => Feature;

        public int Order => 900;

        public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct)
        {
            switch (context.Event)
            {
                case TimerFired { Feature: Feature } timer:
                    return Task.FromResult<IReadOnlyList<BotAction>>([new Reply(Community, "general", "with a result") { Correlation = "corr:" + timer.Key }]);
                case ActionCompleted { Correlation: ['c', 'o', 'r', 'r', ':', ..] } done:
                    completions.Seen.Enqueue(done);
                    break;
            }

            return FeatureResults.NoneAsync;
        }
    }

    /// <summary>Fails the commit of every result with a transient error, as a database that went away would.</summary>
    private sealed class ResultCannotCommit : IFeature
    {
        private static int _attempts;

        public static int Attempts => Volatile.Read(ref _attempts);

        public string Name => "test-cannot-commit";

        public int Order => 950;

        public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct)
        {
            if (context.Event is ActionCompleted)
            {
                Interlocked.Increment(ref _attempts);
                throw new PostgresException("simulated", "FATAL", "FATAL", "57P01");
            }

            return FeatureResults.NoneAsync;
        }
    }
}
