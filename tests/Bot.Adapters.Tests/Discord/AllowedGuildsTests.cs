using Bot.Adapters.Tests.Discord.Fakes;

namespace Bot.Adapters.Tests.Discord;

/// <summary>With <c>Discord:AllowedGuilds</c> set, the bot leaves any other guild and passes nothing of it on.</summary>
public sealed class AllowedGuildsTests : IAsyncLifetime
{
    private DiscordAdapterRun _run = null!;

    public async Task InitializeAsync() => _run = await DiscordAdapterRun.StartAsync(o => o.AllowedGuilds = ["10"]);

    public async Task DisposeAsync() => await _run.DisposeAsync();

    [Fact]
    public async Task A_guild_outside_the_list_is_left_and_its_messages_ignored()
    {
        await _run.Gateway.DispatchAsync("GUILD_CREATE", """{"id":"66","owner_id":"99","roles":[],"channels":[]}""");
        await _run.Gateway.DispatchAsync("MESSAGE_CREATE", """{"id":"900","channel_id":"67","guild_id":"66","author":{"id":"31","username":"bob"},"content":"hello","timestamp":"2026-11-25T08:00:00+00:00"}""");
        await _run.Gateway.DispatchAsync("MESSAGE_CREATE", """{"id":"901","channel_id":"20","guild_id":"10","author":{"id":"31","username":"bob"},"content":"hello","timestamp":"2026-11-25T08:00:00+00:00"}""");

        var allowed = await _run.Pipeline.NextAsync<Bot.Domain.Events.MessagePosted>();

        Assert.Equal("901", allowed.MessageId);
        Assert.Single(_run.Pipeline.Events);
        Assert.Contains(_run.Fake.Requests, r => r.Method == "DELETE" && r.Path == "/users/@me/guilds/66");
        Assert.Contains("not in Discord:AllowedGuilds", _run.Logs.All, StringComparison.Ordinal);
    }
}
