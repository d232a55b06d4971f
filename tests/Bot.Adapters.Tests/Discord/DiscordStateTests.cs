using Bot.Adapters.Discord.Events;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Core;
using Bot.Adapters.Tests.Discord.Fakes;
using Bot.Domain.Actions;
using Bot.Domain.Model;
using Bot.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Bot.Adapters.Tests.Discord;

/// <summary>What the Discord adapter keeps across a restart: the pre-raid verification level and the invite snapshot.</summary>
public sealed class DiscordStateTests : IAsyncLifetime
{
    private static readonly CommunityRef Guild = new(Platform.Discord, "10");
    private NpgsqlDataSource _db = null!;
    private FakeDiscord _fake = null!;

    public async Task InitializeAsync()
    {
        _db = NpgsqlDataSource.Create(await PostgresFixture.CreateDatabaseAsync());
        await new MigrationRunner(_db, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        _fake = await FakeDiscord.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task The_level_before_a_raid_is_restored_by_a_bot_that_restarted_in_between()
    {
        _fake.Rest = r => r.Method == "GET" && r.Path == "/guilds/10" ? new FakeResponse(200, """{"id":"10","verification_level":2}""") : null;
        var state = new PostgresDiscordState(_db, TimeProvider.System);

        await using (var before = DiscordTestServices.Build(_fake, new CapturingLoggerProvider(), new RecordingPipeline(), state: state))
        {
            await before.GetRequiredService<IActionExecutor>().ExecuteAsync(new RestrictNewMembers(Guild, true, "raid"), CancellationToken.None);
        }

        await using (var after = DiscordTestServices.Build(_fake, new CapturingLoggerProvider(), new RecordingPipeline(), state: new PostgresDiscordState(_db, TimeProvider.System)))
        {
            await after.GetRequiredService<IActionExecutor>().ExecuteAsync(new RestrictNewMembers(Guild, false, "calm"), CancellationToken.None);
            await after.GetRequiredService<IActionExecutor>().ExecuteAsync(new RestrictNewMembers(Guild, false, "calm again"), CancellationToken.None);
        }

        var patches = _fake.Requests.Where(r => r.Method == "PATCH").Select(r => (int)r.Json!["verification_level"]!).ToList();
        Assert.Equal([3, 2], patches);
    }

    [Fact]
    public async Task An_invite_snapshot_is_read_back_after_a_restart()
    {
        var state = new PostgresDiscordState(_db, TimeProvider.System);
        await state.SaveInvitesAsync("10", new Dictionary<string, (int, int)> { ["abc"] = (3, 0), ["one"] = (0, 1) }, CancellationToken.None);

        var read = await new PostgresDiscordState(_db, TimeProvider.System).InvitesAsync("10", CancellationToken.None);

        Assert.Equal((3, 0), read!["abc"]);
        Assert.Equal((0, 1), read["one"]);
        Assert.Null(await state.InvitesAsync("11", CancellationToken.None));
    }
}
