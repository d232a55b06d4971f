using System.ComponentModel.DataAnnotations;
using Bot.Adapters.Discord;
using Bot.Adapters.Tests.Discord.Fakes;
using Bot.Domain.Events;
using static Bot.Adapters.Tests.Discord.Fakes.DiscordBotRun;

namespace Bot.Adapters.Tests.Discord;

/// <summary>
/// How the pump batches a shard's dispatches: the real pump and shard against the fake gateway, a recording pipeline. A batch
/// is held open by the first message's handler until the burst behind it has reached the shard's queue (<c>AllTakenAsync</c>).
/// </summary>
public sealed class BatchIngestTests
{
    private const string Guild = """
        {"id":"10","owner_id":"99","roles":[{"id":"10","name":"@everyone","permissions":"0"},{"id":"50","name":"Mods","permissions":"0"}],
         "channels":[{"id":"20","type":0}]}
        """;

    [Fact]
    public async Task A_quiet_shard_commits_a_message_alone_and_a_burst_queued_behind_a_commit_goes_in_one_batch_in_order()
    {
        await using var run = await StartAsync();
        var (held, release) = Hold(run, "1000");

        await run.Gateway.DispatchAsync("MESSAGE_CREATE", Message("999", "10", "20", "31", "quiet"));
        await run.Pipeline.NextAsync<MessagePosted>();
        await run.Gateway.DispatchAsync("MESSAGE_CREATE", Message("1000", "10", "20", "31", "busy"));
        await held.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 1; i <= 120; i++)
        {
            await run.Gateway.DispatchAsync("MESSAGE_CREATE", Message($"{1000 + i}", "10", $"{20 + (i % 3)}", $"{31 + (i % 7)}", $"burst {i}"));
            if (i == 60)
            {
                // Malformed: skipped alone, the batch goes on without it.
                await run.Gateway.DispatchAsync("MESSAGE_CREATE", """{"id":5}""");
            }
        }

        await run.Gateway.AllTakenAsync();
        release.SetResult();
        var posted = await run.Pipeline.WaitForAsync<MessagePosted>(122);

        Assert.Equal([1, 1, 120], run.Pipeline.Batches);
        Assert.Equal(Enumerable.Range(999, 122).Select(i => $"{i}"), posted.Select(m => m.MessageId));
        Assert.Contains("Discord dispatch MESSAGE_CREATE (sequence", run.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_load_batches_grow_up_to_Discord_MaxBatch_and_no_further()
    {
        await using var run = await StartAsync(o => o.MaxBatch = 10);
        var (held, release) = Hold(run, "1000");

        await run.Gateway.DispatchAsync("MESSAGE_CREATE", Message("1000", "10", "20", "31", "busy"));
        await held.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 1; i <= 45; i++)
        {
            await run.Gateway.DispatchAsync("MESSAGE_CREATE", Message($"{1000 + i}", "10", "20", "31", $"burst {i}"));
        }

        await run.Gateway.AllTakenAsync();
        release.SetResult();
        var posted = await run.Pipeline.WaitForAsync<MessagePosted>(46);

        Assert.Equal([1, 10, 10, 10, 10, 5], run.Pipeline.Batches);
        Assert.Equal(Enumerable.Range(1000, 46).Select(i => $"{i}"), posted.Select(m => m.MessageId));
    }

    [Fact]
    public async Task A_dispatch_that_changes_the_caches_ends_a_batch_so_the_messages_after_it_see_the_change_and_those_before_do_not()
    {
        await using var run = await StartAsync();
        var (held, release) = Hold(run, "1000");

        await run.Gateway.DispatchAsync("MESSAGE_CREATE", Moderator("1000"));
        await held.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 1; i <= 10; i++)
        {
            if (i == 6)
            {
                // Mods becomes an administrator role.
                await run.Gateway.DispatchAsync("GUILD_ROLE_UPDATE", """{"guild_id":"10","role":{"id":"50","name":"Mods","permissions":"8"}}""");
            }

            await run.Gateway.DispatchAsync("MESSAGE_CREATE", Moderator($"{1000 + i}"));
        }

        await run.Gateway.AllTakenAsync();
        release.SetResult();
        var posted = await run.Pipeline.WaitForAsync<MessagePosted>(11);

        Assert.Equal([1, 5, 5], run.Pipeline.Batches);
        Assert.Equal([.. Enumerable.Repeat(false, 6), .. Enumerable.Repeat(true, 5)], posted.Select(m => m.Author.IsPlatformAdmin));
    }

    [Fact]
    public async Task An_interaction_does_not_wait_behind_a_batch_that_is_committing()
    {
        await using var run = await StartAsync();
        var (held, release) = Hold(run, "1000");
        await run.Gateway.DispatchAsync("MESSAGE_CREATE", Message("1000", "10", "20", "31", "busy"));
        await held.WaitAsync(TimeSpan.FromSeconds(10));

        await run.Gateway.DispatchAsync("INTERACTION_CREATE", """
            {"id":"556","application_id":"800","type":3,"token":"itok","guild_id":"10","channel_id":"20",
             "member":{"user":{"id":"30","username":"alice"},"roles":[],"permissions":"0"},
             "message":{"id":"600","channel_id":"20"},"data":{"custom_id":"faq:up:12","component_type":2}}
            """);
        // Arrives while the message's batch is still held (the wait would time out otherwise).
        var pressed = await run.Pipeline.NextAsync<ButtonPressed>();
        var batchesMeanwhile = run.Pipeline.Batches;
        release.SetResult();

        Assert.Equal("556", pressed.InteractionId);
        Assert.Equal([1, 1], batchesMeanwhile);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_001)]
    public void Discord_MaxBatch_outside_1_to_1000_is_refused_naming_the_key(int value)
    {
        var options = new DiscordOptions { BotToken = "t", MaxBatch = value };
        var errors = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true));
        Assert.Equal("Discord:MaxBatch must be between 1 and 1000.", Assert.Single(errors).ErrorMessage);
    }

    private static async Task<DiscordAdapterRun> StartAsync(Action<DiscordOptions>? configure = null)
    {
        var run = await DiscordAdapterRun.StartAsync(configure);
        await run.Fake.WaitForAsync("PUT", "/applications/800/commands");
        await run.Gateway.DispatchAsync("GUILD_CREATE", Guild);
        await run.Fake.WaitForAsync("GET", "/guilds/10/invites");
        return run;
    }

    /// <summary>The pipeline stops inside message <paramref name="id"/> (held) until released: what comes meanwhile queues up.</summary>
    private static (Task Held, TaskCompletionSource Release) Hold(DiscordAdapterRun run, string id)
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        run.Pipeline.OnEvent = async (e, ct) =>
        {
            if (e is MessagePosted posted && posted.MessageId == id)
            {
                held.TrySetResult();
                await release.Task.WaitAsync(ct);
            }
        };
        return (held.Task, release);
    }

    private static string Moderator(string id) => $$$"""
        {"id":"{{{id}}}","channel_id":"20","guild_id":"10","content":"hi","timestamp":"2026-11-25T08:00:00+00:00",
         "author":{"id":"31","username":"mod"},"member":{"roles":["50"]}}
        """;
}
