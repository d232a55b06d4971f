using Bot.Adapters.Console;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Tests.Discord.Fakes;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Adapters.Tests.Discord;

/// <summary>A private answer that comes after its interaction's 15 minutes goes to the member by DM, never to the channel.</summary>
public sealed class InteractionExpiryTests : IAsyncLifetime
{
    private readonly ConsoleClock _clock = new(TimeProvider.System);
    private DiscordAdapterRun _run = null!;

    public async Task InitializeAsync()
    {
        _run = await DiscordAdapterRun.StartAsync(moreServices: s => s.AddSingleton<TimeProvider>(_clock));
        _run.Fake.Rest = r => r.Path == "/users/@me/channels" ? new FakeResponse(200, """{"id":"631","type":1}""") : null;
        await _run.Gateway.DispatchAsync("GUILD_CREATE", """{"id":"10","owner_id":"99","roles":[{"id":"10","name":"@everyone","permissions":"0"}],"channels":[{"id":"20","type":0}]}""");
    }

    public async Task DisposeAsync() => await _run.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_private_answer_after_the_interaction_expired_goes_by_DM_to_whoever_asked(bool namesTheMember)
    {
        var executor = _run.Services.GetRequiredService<IActionExecutor>();
        _run.Pipeline.OnEvent = async (e, ct) =>
        {
            if (e is CommandInvoked command)
            {
                _clock.Advance(TimeSpan.FromMinutes(16));
                await executor.ExecuteAsync(
                    new Reply(command.Community, command.ChannelId, "your data", Ephemeral: true, InteractionId: command.InteractionId, To: namesTheMember ? command.Caller.User : null),
                    ct);
            }
        };

        await _run.Gateway.DispatchAsync("INTERACTION_CREATE", DiscordBotRun.Slash("4001", "10", "20", "31", "mydata", """[{"name":"export","type":1,"options":[]}]"""));

        var dm = await _run.Fake.WaitForAsync("POST", "/channels/631/messages");
        Assert.Equal("your data", (string)dm.Json!["content"]!);
        Assert.Equal("31", (string)_run.Fake.Requests.Single(r => r.Path == "/users/@me/channels").Json!["recipient_id"]!);
        Assert.DoesNotContain(_run.Fake.Requests, r => r.Path == "/channels/20/messages" || r.Path.StartsWith("/webhooks/", StringComparison.Ordinal)
            || (r.Path.StartsWith("/interactions/4001/", StringComparison.Ordinal) && (int?)r.Json?["type"] == 4));
    }
}
