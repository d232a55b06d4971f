using Bot.Adapters.Discord.Rest;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Tests.Discord.Fakes;
using Bot.Domain.Actions;
using Bot.Domain.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Adapters.Tests.Discord;

/// <summary>Discord answering nothing but 429s for a while, then recovering.</summary>
public sealed class RateLimitStormTests : IAsyncLifetime
{
    private static readonly CommunityRef Guild = new(Platform.Discord, "10");
    private DiscordAdapterRun _run = null!;

    private FakeDiscord Fake => _run.Fake;

    private ServiceProvider Services => _run.Services;

    public async Task InitializeAsync() => _run = await DiscordAdapterRun.StartAsync(connect: false);

    public async Task DisposeAsync() => await _run.DisposeAsync();

    [Fact]
    public async Task A_429_storm_is_waited_out_request_by_request_then_left_for_a_later_try_with_the_same_nonce()
    {
        var storm = true;
        Fake.Rest = r => r.Path == "/channels/20/messages" && storm
            ? new FakeResponse(429, """{"message":"You are being rate limited.","retry_after":0.3,"global":false}""",
                new Dictionary<string, string> { ["X-RateLimit-Scope"] = "user", ["X-RateLimit-Bucket"] = "b20" })
            : null;
        var executor = Services.GetRequiredService<IActionExecutor>();
        var send = new SendMessage(Guild, "20", "hello");

        // Not a refusal and not done: it throws, so the outbox keeps the row and tries again after a back-off.
        using (OutboxScope.Enter(77))
        {
            await Assert.ThrowsAsync<DiscordRestException>(() => executor.ExecuteAsync(send, CancellationToken.None));
        }

        var during = Fake.Requests.Where(r => r.Path == "/channels/20/messages").ToList();
        storm = false;
        ActionResult later;
        using (OutboxScope.Enter(77))
        {
            later = await executor.ExecuteAsync(send, CancellationToken.None);
        }

        Assert.Equal(4, during.Count);
        // Each retry waited for retry_after: never a request while the bucket was blocked.
        Assert.All(during.Skip(1).Select((r, i) => r.At - during[i].At), gap => Assert.True(gap >= TimeSpan.FromSeconds(0.28), $"retried after {gap}"));
        Assert.True(later.Succeeded);
        var all = Fake.Requests.Where(r => r.Path == "/channels/20/messages").ToList();
        Assert.Equal(5, all.Count);
        // Every attempt of the action carries the same nonce, enforced: Discord creates the message once.
        Assert.All(all, r => Assert.Equal("77.1", (string?)System.Text.Json.Nodes.JsonNode.Parse(r.Body)!["nonce"]));
        Assert.All(all, r => Assert.True((bool)System.Text.Json.Nodes.JsonNode.Parse(r.Body)!["enforce_nonce"]!));
    }

    [Fact]
    public async Task Presses_of_different_buttons_are_not_queued_behind_each_other()
    {
        var limiter = Services.GetRequiredService<RestRateLimiter>();
        var first = new RestRoute(HttpMethod.Post, "/interactions/1/tok-a/callback");
        using var blocked = new HttpResponseMessage((System.Net.HttpStatusCode)429);
        blocked.Headers.Add("X-RateLimit-Bucket", "interactions");
        blocked.Headers.Add("X-RateLimit-Scope", "shared");
        limiter.RecordTooManyRequests(first, blocked, 5, globalFlag: false);

        var other = limiter.AcquireAsync(new RestRoute(HttpMethod.Post, "/interactions/2/tok-b/callback"), CancellationToken.None);

        (await other.WaitAsync(TimeSpan.FromSeconds(1))).Dispose();
        using var stop = new CancellationTokenSource();
        var again = limiter.AcquireAsync(first, stop.Token);
        await Task.Delay(300);
        Assert.False(again.IsCompleted);
        await stop.CancelAsync();
    }
}
