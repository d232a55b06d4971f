using Bot.Adapters.Discord.Gateway;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Adapters.Tests.Discord;

/// <summary>A quiet shard's saved session is re-dated while the process holds it, so a restart after a quiet spell still resumes.</summary>
public sealed class SessionCheckpointTests
{
    [Fact]
    public async Task A_quiet_shard_keeps_its_saved_session_alive_at_the_same_sequence_once_a_keep_alive_has_passed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        var sessions = new MemoryGatewaySessions(time);
        var checkpoint = new SessionCheckpoint(sessions, "42", 0, 1, time, NullLogger.Instance);

        await checkpoint.StillAliveAsync(CancellationToken.None);
        Assert.Null(await sessions.LoadAsync("42", 0, 1, CancellationToken.None));

        await checkpoint.CommittedAsync("s1", "wss://resume.example", 17, queueEmpty: true, CancellationToken.None);
        var committedAt = time.GetUtcNow();
        time.Advance(SessionCheckpoint.KeepAlive - TimeSpan.FromSeconds(1));
        await checkpoint.StillAliveAsync(CancellationToken.None);
        Assert.Equal(committedAt, (await sessions.LoadAsync("42", 0, 1, CancellationToken.None))!.SavedAt);

        time.Advance(TimeSpan.FromSeconds(1));
        await checkpoint.StillAliveAsync(CancellationToken.None);

        Assert.Equal(new SavedGatewaySession("s1", "wss://resume.example", 17, time.GetUtcNow()), await sessions.LoadAsync("42", 0, 1, CancellationToken.None));
    }
}
