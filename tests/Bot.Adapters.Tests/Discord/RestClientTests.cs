using System.Globalization;
using Bot.Adapters.Discord;
using Bot.Adapters.Discord.Json;
using Bot.Adapters.Discord.Rest;
using Bot.Adapters.Tests.Discord.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Adapters.Tests.Discord;

public sealed class RestClientTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private FakeDiscord _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeDiscord.StartAsync();

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        Assert.DoesNotContain(DiscordTestServices.Token, _logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bucket_headers_keep_requests_within_the_limit()
    {
        var server = new BucketServer(limit: 2, window: TimeSpan.FromSeconds(1));
        _fake.Rest = server.Answer;
        var api = Api();

        var started = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => api.CreateMessageAsync("42", new MessageBody($"m{i}"), null, CancellationToken.None)));

        Assert.Equal(0, server.Violations);
        Assert.Equal(6, server.Served);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(1.9), "six requests at two a second need three windows");
    }

    [Fact]
    public async Task A_429_waits_retry_after_then_succeeds()
    {
        var calls = 0;
        _fake.Rest = _ => Interlocked.Increment(ref calls) == 1
            ? new FakeResponse(429, """{"message":"You are being rate limited.","retry_after":0.4,"global":false}""", new Dictionary<string, string> { ["X-RateLimit-Scope"] = "shared" })
            : null;

        await Api().CreateMessageAsync("42", new MessageBody("hi"), null, CancellationToken.None);

        var sends = _fake.Requests.Where(r => r.Path == "/channels/42/messages").ToList();
        Assert.Equal(2, sends.Count);
        Assert.True(sends[1].At - sends[0].At >= TimeSpan.FromSeconds(0.35));
    }

    [Fact]
    public async Task Invalid_request_guard_stops_calls_before_the_ban()
    {
        _fake.Rest = _ => new FakeResponse(403, """{"message":"Missing Permissions","code":50013}""");
        var api = Api(o => o.InvalidRequestLimit = 10);

        for (var i = 0; i < 10; i++)
        {
            var refused = await Assert.ThrowsAsync<DiscordRestException>(() => api.KickAsync("1", "2", "spam", CancellationToken.None));
            Assert.Equal(403, refused.Status);
        }

        var guard = await Assert.ThrowsAsync<DiscordRestException>(() => api.KickAsync("1", "2", "spam", CancellationToken.None));
        Assert.Contains("InvalidRequestLimit", guard.Message, StringComparison.Ordinal);
        Assert.Equal(10, _fake.Requests.Count);
    }

    [Fact]
    public async Task Requests_carry_user_agent_authorization_and_encoded_audit_reason()
    {
        await Api().BanAsync("1", "2", 3600, "洗版 spam", CancellationToken.None);

        var request = Assert.Single(_fake.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/guilds/1/bans/2", request.Path);
        Assert.StartsWith("DiscordBot (", request.Headers["User-Agent"], StringComparison.Ordinal);
        Assert.Equal("Bot " + DiscordTestServices.Token, request.Headers["Authorization"]);
        Assert.Equal("洗版 spam", Uri.UnescapeDataString(request.Headers["X-Audit-Log-Reason"]));
        Assert.Equal(3600, (int)request.Json!["delete_message_seconds"]!);
    }

    [Fact]
    public async Task Errors_name_the_route_without_tokens()
    {
        _fake.Rest = _ => new FakeResponse(404, """{"message":"Unknown Webhook","code":10015}""");

        var error = await Assert.ThrowsAsync<DiscordRestException>(() =>
            Api().FollowUpAsync("800", "interaction-token-secret", new MessageBody("x"), null, CancellationToken.None));

        Assert.Contains("/webhooks/:id/:token", error.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown Webhook", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("interaction-token-secret", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task A_global_429_holds_every_route_until_retry_after()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new RestRateLimiter(new DiscordOptions(), time);
        var first = new RestRoute(HttpMethod.Post, "/channels/1/messages");
        using var response = new HttpResponseMessage((System.Net.HttpStatusCode)429);
        response.Headers.Add("X-RateLimit-Scope", "global");
        limiter.RecordTooManyRequests(first, response, 2.0, globalFlag: true);

        var other = limiter.AcquireAsync(new RestRoute(HttpMethod.Delete, "/guilds/9/members/3"), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.False(other.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.6));
        (await other.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();

        // Interaction callbacks are outside the global limit.
        limiter.RecordTooManyRequests(first, response, 2.0, globalFlag: true);
        (await limiter.AcquireAsync(new RestRoute(HttpMethod.Post, "/interactions/5/tok/callback"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task The_global_limit_spreads_requests_over_seconds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new RestRateLimiter(new DiscordOptions { GlobalRequestsPerSecond = 3 }, time);
        for (var i = 0; i < 3; i++)
        {
            (await limiter.AcquireAsync(new RestRoute(HttpMethod.Get, $"/guilds/{i}"), CancellationToken.None)).Dispose();
        }

        var fourth = limiter.AcquireAsync(new RestRoute(HttpMethod.Get, "/guilds/9"), CancellationToken.None);
        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        (await fourth.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Theory]
    [InlineData("POST", "/channels/1/messages", "POST /channels/1/messages", true)]
    [InlineData("DELETE", "/channels/1/messages/99", "DELETE /channels/1/messages/:id", true)]
    [InlineData("PUT", "/guilds/5/members/7/roles/8", "PUT /guilds/5/members/:id/roles/:id", true)]
    [InlineData("POST", "/interactions/5/tok/callback", "POST /interactions/5/:token/callback", false)]
    [InlineData("PATCH", "/webhooks/800/tok/messages/@original", "PATCH /webhooks/800/:token/messages/@original", true)]
    public void Routes_keep_major_parameters(string method, string path, string key, bool global)
    {
        var route = new RestRoute(new HttpMethod(method), path);
        Assert.Equal(key, route.Key);
        Assert.Equal(global, route.IsGlobal);
        Assert.DoesNotContain("tok/", route.Display, StringComparison.Ordinal);
    }

    private DiscordApi Api(Action<DiscordOptions>? configure = null) =>
        DiscordTestServices.Build(_fake, _logs, new RecordingPipeline(), configure).GetRequiredService<DiscordApi>();

    /// <summary>Plays one Discord bucket: a fixed window; a request beyond the limit is a violation (and a 429).</summary>
    private sealed class BucketServer(int limit, TimeSpan window)
    {
        private readonly Lock _lock = new();
        private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
        private int _count;

        public int Violations { get; private set; }

        public int Served { get; private set; }

        public FakeResponse Answer(RecordedRequest request)
        {
            lock (_lock)
            {
                var now = DateTimeOffset.UtcNow;
                if (now - _windowStart >= window)
                {
                    (_windowStart, _count) = (now, 0);
                }

                var resetAfter = (_windowStart + window - now).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
                if (++_count > limit)
                {
                    Violations++;
                    return new FakeResponse(429, $$"""{"retry_after":{{resetAfter}},"global":false}""", new Dictionary<string, string> { ["X-RateLimit-Scope"] = "user" });
                }

                Served++;
                return new FakeResponse(200, """{"id":"1","channel_id":"42"}""", new Dictionary<string, string>
                {
                    ["X-RateLimit-Bucket"] = "abcd",
                    ["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture),
                    ["X-RateLimit-Remaining"] = (limit - _count).ToString(CultureInfo.InvariantCulture),
                    ["X-RateLimit-Reset-After"] = resetAfter,
                });
            }
        }
    }
}
