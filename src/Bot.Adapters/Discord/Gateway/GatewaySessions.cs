using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Discord.Gateway;

/// <summary>A shard's gateway session as last committed: resuming it replays every dispatch after <see cref="Sequence"/>.</summary>
public sealed record SavedGatewaySession(string SessionId, string ResumeUrl, long Sequence, DateTimeOffset SavedAt);

/// <summary>Where each shard's session is kept across a restart, keyed by bot, shard id and shard count.</summary>
public interface IGatewaySessions
{
    Task<SavedGatewaySession?> LoadAsync(string botId, int shardId, int shardCount, CancellationToken ct);

    /// <summary>Saves the session at <paramref name="sequence"/>; within one session a lower sequence never replaces a higher one.</summary>
    Task SaveAsync(string botId, int shardId, int shardCount, string sessionId, string resumeUrl, long sequence, CancellationToken ct);
}

/// <summary>Sessions in memory only, for a bot without a database (adapter tests); the host uses Postgres.</summary>
public sealed class MemoryGatewaySessions(TimeProvider time) : IGatewaySessions
{
    private readonly ConcurrentDictionary<(string, int, int), SavedGatewaySession> _sessions = new();

    public Task<SavedGatewaySession?> LoadAsync(string botId, int shardId, int shardCount, CancellationToken ct) =>
        Task.FromResult(_sessions.GetValueOrDefault((botId, shardId, shardCount)));

    public Task SaveAsync(string botId, int shardId, int shardCount, string sessionId, string resumeUrl, long sequence, CancellationToken ct)
    {
        var saved = new SavedGatewaySession(sessionId, resumeUrl, sequence, time.GetUtcNow());
        _sessions.AddOrUpdate((botId, shardId, shardCount), saved, (_, old) => old.SessionId == sessionId && old.Sequence > sequence ? old with { SavedAt = saved.SavedAt } : saved);
        return Task.CompletedTask;
    }
}

/// <summary>The bot's user id, which Discord puts (base64) in the token's first part; it is public, unlike the rest of the token.</summary>
internal static class DiscordBotId
{
    public static string FromToken(string token)
    {
        var first = token.Split('.')[0];
        var padded = first.Replace('-', '+').Replace('_', '/').PadRight((first.Length + 3) / 4 * 4, '=');
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            return decoded.All(char.IsAsciiDigit) && decoded.Length > 0 ? decoded : first;
        }
        catch (FormatException)
        {
            return first;
        }
    }
}

/// <summary>
/// Records how far one shard's pump has committed, so a restarted process resumes there. Called after each committed (or
/// deliberately skipped) batch: it never runs ahead of a commit, and writes at most every 250 ms unless the queue is empty,
/// so a busy shard costs one upsert per quarter second and a quiet one is saved up to its last dispatch.
/// </summary>
internal sealed partial class SessionCheckpoint(
    IGatewaySessions sessions, string botId, int shardId, int shardCount, TimeProvider time, ILogger logger)
{
    /// <summary>How often a quiet shard's saved session is marked as still alive, well inside the resume window.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);
    private DateTimeOffset _lastSaved = DateTimeOffset.MinValue;
    private (string Session, long Sequence) _saved;
    private string? _resumeUrl;

    public async Task CommittedAsync(string sessionId, string? resumeUrl, long sequence, bool queueEmpty, CancellationToken ct)
    {
        // Dispatches without a sequence (RESUMED) or a session say nothing about how far the session has come.
        if (resumeUrl is null || sequence <= 0 || (sessionId, sequence) == _saved || (!queueEmpty && time.GetUtcNow() - _lastSaved < Every))
        {
            return;
        }

        await SaveAsync(sessionId, resumeUrl, sequence, ct);
    }

    /// <summary>
    /// The shard is quiet but this process still holds its session: the saved one is re-dated (same sequence), so a
    /// restart after a long quiet spell still resumes instead of identifying and losing what came while it was down.
    /// </summary>
    public async Task StillAliveAsync(CancellationToken ct)
    {
        if (_resumeUrl is { } resumeUrl && time.GetUtcNow() - _lastSaved >= KeepAlive)
        {
            await SaveAsync(_saved.Session, resumeUrl, _saved.Sequence, ct);
        }
    }

    private async Task SaveAsync(string sessionId, string resumeUrl, long sequence, CancellationToken ct)
    {
        try
        {
            await sessions.SaveAsync(botId, shardId, shardCount, sessionId, resumeUrl, sequence, ct);
            (_saved, _resumeUrl, _lastSaved) = ((sessionId, sequence), resumeUrl, time.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A lagging checkpoint only means a longer (de-duplicated) replay after a restart.
            LogSaveFailed(shardId, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord shard {ShardId}: could not save the gateway session ({Reason}); a restart replays a little more")]
    private partial void LogSaveFailed(int shardId, string reason);
}
