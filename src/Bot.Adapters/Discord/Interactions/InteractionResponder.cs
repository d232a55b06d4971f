using System.Collections.Concurrent;
using Bot.Adapters.Discord.Actions;
using Bot.Adapters.Discord.Json;
using Bot.Adapters.Discord.Rest;
using Bot.Adapters.Pipeline;
using Bot.Domain.Actions;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Discord.Interactions;

/// <summary>
/// Answers interactions within Discord's 3 seconds: the bot's first reply, if it comes in time, is the
/// response itself (ephemeral when asked); otherwise the interaction is deferred and the reply edits the
/// deferred message, later replies are follow-ups. Tokens live 15 minutes: after that (or when Discord no longer knows
/// the interaction) the reply is not answered here, and the caller is told who asked, so a private answer can go by DM.
/// </summary>
internal sealed partial class InteractionResponder(DiscordApi api, DiscordOptions options, TimeProvider time, ILogger<InteractionResponder> logger)
{
    private const int Ephemeral = 1 << 6;
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    // Kept past the token's life so a late private reply still knows whom to send it to by DM.
    private static readonly TimeSpan Remembered = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Session> _sessions = new();

    /// <summary>Starts the clock on a new interaction. <paramref name="deferEphemeral"/>: whether a deferred answer is private (staff commands).</summary>
    public void Track(DiscordInteraction interaction, bool deferEphemeral, CancellationToken stopping)
    {
        var now = time.GetUtcNow();
        foreach (var expired in _sessions.Where(s => now - s.Value.Created > Remembered).Select(s => s.Key).ToList())
        {
            if (_sessions.TryRemove(expired, out var old))
            {
                old.Timer?.Dispose();
            }
        }

        var caller = interaction.Member?.User?.Id ?? interaction.User?.Id;
        var session = new Session(interaction.Id, interaction.Token, interaction.ApplicationId, interaction.Type == 3, deferEphemeral, now, caller);
        if (_sessions.TryAdd(interaction.Id, session))
        {
            session.Timer = time.CreateTimer(_ => _ = DeferAsync(session, stopping), null, options.InteractionDeferAfter, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Who started the interaction, while the bot remembers it (expired ones too, until they are swept).</summary>
    public string? CallerOf(string? interactionId) =>
        interactionId is not null && _sessions.TryGetValue(interactionId, out var session) ? session.Caller : null;

    /// <summary>Answers the reply's interaction; null when it is unknown or expired (the executor decides where it goes instead).</summary>
    public async Task<ActionResult?> TryReplyAsync(Reply reply, CancellationToken ct)
    {
        if (reply.InteractionId is null || !_sessions.TryGetValue(reply.InteractionId, out var session)
            || time.GetUtcNow() - session.Created >= TokenLifetime)
        {
            return null;
        }

        var chunks = MessageRendering.Split(reply.Text);
        await session.Gate.WaitAsync(ct);
        try
        {
            string? messageId = null;
            for (var i = 0; i < chunks.Count; i++)
            {
                var last = i == chunks.Count - 1;
                var body = MessageRendering.Body(chunks[i], last ? reply.Buttons : null, reply.Ephemeral ? Ephemeral : null);
                var file = last ? reply.File : null;
                try
                {
                    messageId = await AnswerAsync(session, body, reply.Ephemeral, file, ct) ?? messageId;
                }
                catch (DiscordRestException ex) when (ex.Status == 404 && i == 0)
                {
                    // Discord no longer knows the interaction (it expired on its side): nothing was answered yet.
                    LogExpired(session.Id);
                    return null;
                }
            }

            return new ActionResult(true, reply.ChannelId, messageId);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private async Task<string?> AnswerAsync(Session session, MessageBody body, bool ephemeral, Domain.Model.Attachment? file, CancellationToken ct)
    {
        switch (session.State)
        {
            case State.Open:
                session.Timer?.Dispose();
                await api.InteractionCallbackAsync(session.Id, session.Token, new InteractionCallback(4, body), file, ct);
                session.State = State.Answered;
                return null;
            case State.Deferred when !session.IsComponent && ephemeral == session.DeferEphemeral:
                session.State = State.Answered;
                return (await api.EditOriginalAsync(session.ApplicationId, session.Token, body with { Flags = null }, file, ct)).Id;
            case State.Deferred when !session.IsComponent:
                // The deferred "thinking" message cannot change privacy: answer beside it and remove it.
                session.State = State.Answered;
                var followUp = await api.FollowUpAsync(session.ApplicationId, session.Token, body, file, ct);
                await api.DeleteOriginalAsync(session.ApplicationId, session.Token, ct);
                return followUp.Id;
            default:
                return (await api.FollowUpAsync(session.ApplicationId, session.Token, body, file, ct)).Id;
        }
    }

    private async Task DeferAsync(Session session, CancellationToken ct)
    {
        try
        {
            await session.Gate.WaitAsync(ct);
            try
            {
                if (session.State != State.Open)
                {
                    return;
                }

                // 5: "thinking…" for a command; 6: acknowledge a button without changing its message.
                var callback = session.IsComponent
                    ? new InteractionCallback(6)
                    : new InteractionCallback(5, new MessageBody(Flags: session.DeferEphemeral ? Ephemeral : null));
                await api.InteractionCallbackAsync(session.Id, session.Token, callback, null, ct);
                session.State = State.Deferred;
                LogDeferred(session.Id);
            }
            finally
            {
                session.Gate.Release();
            }
        }
        catch (Exception ex) when (ex is DiscordRestException or OperationCanceledException)
        {
            LogDeferFailed(session.Id, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord interaction {InteractionId} had expired; its reply goes elsewhere")]
    private partial void LogExpired(string interactionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Discord interaction {InteractionId} deferred")]
    private partial void LogDeferred(string interactionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord interaction {InteractionId} could not be deferred: {Reason}")]
    private partial void LogDeferFailed(string interactionId, string reason);

    private enum State
    {
        Open,
        Deferred,
        Answered,
    }

    private sealed class Session(string id, string token, string applicationId, bool isComponent, bool deferEphemeral, DateTimeOffset created, string? caller)
    {
        public string? Caller { get; } = caller;

        public string Id { get; } = id;

        public string Token { get; } = token;

        public string ApplicationId { get; } = applicationId;

        public bool IsComponent { get; } = isComponent;

        public bool DeferEphemeral { get; } = deferEphemeral;

        public DateTimeOffset Created { get; } = created;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public State State { get; set; }

        public ITimer? Timer { get; set; }
    }
}
