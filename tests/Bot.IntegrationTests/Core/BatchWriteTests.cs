using Bot.Adapters.Pipeline;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.IntegrationTests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.IntegrationTests.Core;

/// <summary>
/// The set-based write path (docs/pipeline.md) must leave exactly what event-by-event processing leaves: the same
/// events, once as one batch and once one event per batch, in two communities, end in the same rows.
/// </summary>
public sealed class BatchWriteTests
{
    [Fact]
    public async Task One_batch_leaves_the_same_rows_as_one_event_per_batch()
    {
        var (app, _) = await TestHost.StartAsync();
        await using (app)
        {
            var pipeline = app.Services.GetRequiredService<IEventPipeline>();
            await pipeline.ProcessAsync(Events("together"), default);
            foreach (var chatEvent in Events("apart"))
            {
                await pipeline.ProcessAsync([chatEvent], default);
            }

            foreach (var sql in Snapshots)
            {
                var together = await RowsAsync(app, sql, "together");
                Assert.NotEmpty(together);
                Assert.Equal(together, await RowsAsync(app, sql, "apart"));
            }
        }
    }

    // Messages from two members, a repeat (the tier cooldown reads the batch's own standing), a question the FAQ cannot
    // answer twice (one gap counted twice), a command between messages (pending rows go out before it), a rename.
    private static List<ChatEvent> Events(string name)
    {
        var community = new CommunityRef(Platform.Console, name);
        var at = DateTimeOffset.UtcNow;
        Member alice = new(new UserRef(Platform.Console, "alice"), "Alice", "alice"), bob = new(new UserRef(Platform.Console, "bob"), "Bob", "bob");
        MessagePosted Say(int i, Member who, string text) => new($"{name}:{i}", community, at.AddSeconds(i), "general", $"m{i}", who, text);
        return
        [
            Say(1, alice, "good morning everyone, how is the launch going today"),
            Say(2, bob, "where can I find the schedule for the meetup?"),
            Say(3, alice, "good morning everyone, how is the launch going today"),
            new CommandInvoked($"{name}:4", community, at.AddSeconds(4), "general", alice, "help", string.Empty, "m4"),
            Say(5, bob, "where can I find the schedule for the meetup?"),
            Say(6, alice with { DisplayName = "Alice W" }, "the new release notes look really great to me"),
        ];
    }

    private static readonly string[] Snapshots =
    [
        "select channel_id || '/' || message_id || '/' || user_id || '/' || coalesce(text, '') from messages where community = @c",
        "select user_id || '/' || display_name || '/' || coalesce(username, '') from members where community = @c",
        "select user_id || '/' || round(activity::numeric, 3) || '/' || tier || '/' || coalesce(last_message_hash, 0) from tier_members where community = @c",
        "select message_id || '/' || answered from faq_questions where community = @c",
        "select key || '/' || count from faq_gaps where community = @c",
    ];

    private static async Task<List<string>> RowsAsync(Microsoft.AspNetCore.Builder.WebApplication app, string sql, string community)
    {
        await using var connection = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return [.. (await connection.QueryAsync<string>(sql, new { c = $"console:{community}" })).Order(StringComparer.Ordinal)];
    }
}
