using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Bot.Adapters.Discord.Commands;
using Bot.Adapters.Discord.Gateway;
using Bot.Adapters.Discord.Interactions;
using Bot.Adapters.Discord.Json;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Postgres;
using Bot.Adapters.Reliability;
using Bot.Domain.Commands;
using Bot.Domain.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Discord.Events;

/// <summary>
/// Gateway dispatches into the event pipeline: one ordered, bounded queue per shard (so the receive loop keeps
/// reading heartbeat ACKs while the bot works, and waits when the queue is full), interactions at once on their own
/// (their 3 s clock is running). What is queued is committed in batches that grow with the load (one transaction each), and
/// the actions are left to the sending queues. While the database is away a batch is retried with back-off (the queue waits
/// behind it); a dispatch that keeps failing otherwise is set aside alone.
/// </summary>
internal sealed partial class DiscordEventPump(
    GuildCache guilds,
    DiscordEventTranslator translator,
    InviteTracker invites,
    InteractionResponder responder,
    DiscordAttachments attachments,
    CommandRegistrar registrar,
    IEventPipeline pipeline,
    IServiceScopeFactory scopes,
    DiscordOptions options,
    Rest.DiscordApi api,
    PoisonUpdates poison,
    DatabaseAvailability database,
    TimeProvider time,
    ILogger<DiscordEventPump> logger) : IGatewaySink
{
    private static readonly DiscordJsonContext Ctx = DiscordJsonContext.Default;

    /// <summary>Dispatches waiting per shard before the receive loop waits too.</summary>
    public const int QueueCapacity = 1_000;

    private readonly ConcurrentDictionary<int, Channel<Dispatch>> _queues = new();
    private CancellationToken _stopping;

    /// <summary>
    /// Runs one shard's queue until stopped. Each turn takes the first dispatch waiting and whatever else is queued behind it
    /// already, up to <see cref="DiscordOptions.MaxBatch"/>, without waiting for more: when the shard is quiet a dispatch goes
    /// alone at once, under load the batches grow with the queue. The batch is translated in order and committed as one transaction.
    /// </summary>
    public async Task ConsumeAsync(int shardId, SessionCheckpoint? checkpoint, CancellationToken ct)
    {
        _stopping = ct;
        var reader = Queue(shardId).Reader;
        var taken = new List<Dispatch>(options.MaxBatch);
        while (await WaitAsync(reader, checkpoint, ct))
        {
            taken.Clear();
            while (taken.Count < options.MaxBatch && reader.TryPeek(out var next)
                && (taken.Count == 0 || (!ChangesCaches(taken[0]) && !ChangesCaches(next))) && reader.TryRead(out next))
            {
                taken.Add(next);
            }

            var batch = new List<Translated>(taken.Count);
            foreach (var dispatch in taken)
            {
                try
                {
                    if (await TranslateAsync(dispatch, ct) is { Count: > 0 } events)
                    {
                        batch.Add(new Translated(dispatch, EventText.Clean(events)));
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // Malformed, or a platform look-up that failed: this dispatch alone is skipped, as before the database is involved.
                    LogDispatchFailed(dispatch.Type, dispatch.Origin.Sequence, ex);
                }
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch, ct);
            }

            // Committed or skipped on purpose: a restarted process resumes the session after the batch's last sequence.
            if (checkpoint is not null && taken.LastOrDefault(d => d.Origin.Sequence > 0) is { } last)
            {
                await checkpoint.CommittedAsync(last.Origin.SessionId, last.ResumeUrl, last.Origin.Sequence, reader.Count == 0, ct);
            }
        }
    }

    /// <summary>Waits for the next dispatch; while the shard stays quiet, keeps its saved session alive every so often.</summary>
    private async Task<bool> WaitAsync(ChannelReader<Dispatch> reader, SessionCheckpoint? checkpoint, CancellationToken ct)
    {
        if (checkpoint is null || reader.Count > 0)
        {
            return await reader.WaitToReadAsync(ct);
        }

        while (true)
        {
            using var quiet = new CancellationTokenSource(SessionCheckpoint.KeepAlive, time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, quiet.Token);
            try
            {
                return await reader.WaitToReadAsync(either.Token);
            }
            catch (OperationCanceledException) when (quiet.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                await checkpoint.StillAliveAsync(ct);
            }
        }
    }

    /// <summary>
    /// A dispatch that changes what the caches say (the guild, its roles, its invites) goes alone: the features deciding the
    /// events before it see the caches as they were when those events came, and the ones after it see the change.
    /// </summary>
    private static bool ChangesCaches(Dispatch dispatch) =>
        dispatch.Type is "READY" or "GUILD_CREATE" or "GUILD_UPDATE" or "GUILD_DELETE" or "GUILD_ROLE_CREATE" or "GUILD_ROLE_UPDATE"
            or "GUILD_ROLE_DELETE" or "INVITE_CREATE";

    /// <summary>
    /// Commits the batch's events in one transaction, waiting out a database outage (the queue waits behind it: back-pressure up
    /// to the receive loop). A batch that fails otherwise is committed dispatch by dispatch, so the one at fault is found and,
    /// once it has failed often enough, set aside as poison while the rest commit.
    /// </summary>
    private async Task CommitAsync(IReadOnlyList<Translated> batch, CancellationToken ct)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                await poison.ProcessAsync(batch, t => Describe(t.Dispatch), (part, c) => pipeline.AcceptAsync(Events(part), c), ct);
                database.Succeeded();
                return;
            }
            catch (Exception ex) when (Transient.Is(ex) && !ct.IsCancellationRequested)
            {
                database.Failed(ex);
                await Task.Delay(Backoff.Database.Delay(failures), time, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogCommitFailed(batch.Count, batch[0].Dispatch.Origin.Sequence, batch[^1].Dispatch.Origin.Sequence, ex);
                await Task.Delay(Backoff.Database.Delay(failures), time, ct);
            }
        }
    }

    /// <summary>
    /// A process that resumes a session saved by the one before it gets no READY or GUILD_CREATE, yet the replayed dispatches
    /// need the caches (roles and their permissions, owners, channels, counts, invites): they are read from REST instead.
    /// </summary>
    public async Task LoadCachesAsync(CancellationToken ct)
    {
        guilds.BotUserId = (await api.GetCurrentUserAsync(ct)).Id;
        foreach (var listed in await api.GetCurrentUserGuildsAsync(ct))
        {
            if (!Allowed(listed.Id))
            {
                continue;
            }

            var guild = await api.GetGuildCountsAsync(listed.Id, ct);
            var channels = await api.GetGuildChannelsAsync(listed.Id, ct);
            guilds.Upsert(guild with { Channels = channels, MemberCount = guild.ApproximateMemberCount });
            await invites.LoadAsync(listed.Id, ct);
        }
    }

    private static List<ChatEvent> Events(IReadOnlyList<Translated> part) => [.. part.SelectMany(t => t.Events)];

    public async ValueTask OnDispatchAsync(GatewayShard shard, string type, long sequence, JsonElement data, CancellationToken ct)
    {
        var origin = new DispatchOrigin(shard.SessionId ?? "none", sequence, time.GetUtcNow());
        if (type == "INTERACTION_CREATE")
        {
            var interaction = data.Deserialize(Ctx.DiscordInteraction)!;
            responder.Track(interaction, interaction.Data?.Name is { } name && registrar.IsStaffCommand(name), _stopping);
            _ = Task.Run(() => HandleInteractionAsync(interaction, _stopping), _stopping);
            return;
        }

        await Queue(shard.ShardId).Writer.WriteAsync(new Dispatch(type, data, origin, shard.ResumeUrl?.ToString()), ct);
    }

    private static IncomingUpdate Describe(Dispatch dispatch) =>
        new("discord", $"{dispatch.Origin.SessionId}:{dispatch.Origin.Sequence}:{dispatch.Type}", () => dispatch.Data.GetRawText());

    /// <summary>Keeps the caches in step with the dispatch and translates it; only chat events go on to the pipeline.</summary>
    private async Task<IReadOnlyList<ChatEvent>> TranslateAsync(Dispatch dispatch, CancellationToken ct)
    {
        var data = dispatch.Data;
        switch (dispatch.Type)
        {
            case "READY":
                var ready = data.Deserialize(Ctx.ReadyData)!;
                guilds.BotUserId = ready.User.Id;
                if (ready.Application?.Id is { } applicationId)
                {
                    guilds.ApplicationId = applicationId;
                    await registrar.RegisterAsync(applicationId, ct);
                }

                return [];
            case "GUILD_CREATE" or "GUILD_UPDATE":
                var guild = data.Deserialize(Ctx.DiscordGuild)!;
                if (!Allowed(guild.Id))
                {
                    // Outside Discord:AllowedGuilds: the bot leaves, and nothing from the guild reaches the features.
                    LogNotAllowed(guild.Id);
                    await api.LeaveGuildAsync(guild.Id, ct);
                    return [];
                }

                guilds.Upsert(guild);
                if (dispatch.Type == "GUILD_CREATE" && guild.Unavailable != true)
                {
                    await invites.LoadAsync(guild.Id, ct);
                }

                return [];
            case "GUILD_DELETE":
                var gone = data.Deserialize(Ctx.DiscordGuild)!;
                if (gone.Unavailable != true)
                {
                    guilds.Remove(gone.Id);
                }

                return [];
            case "GUILD_ROLE_CREATE" or "GUILD_ROLE_UPDATE":
                var roleEvent = data.Deserialize(Ctx.RoleEventData)!;
                if (roleEvent.Role is { } role)
                {
                    guilds.SetRole(roleEvent.GuildId, role);
                }

                return [];
            case "GUILD_ROLE_DELETE":
                var roleDeleted = data.Deserialize(Ctx.RoleEventData)!;
                guilds.RemoveRole(roleDeleted.GuildId, roleDeleted.RoleId ?? string.Empty);
                return [];
            case "INVITE_CREATE":
                invites.Created(data.Deserialize(Ctx.DiscordInvite)!);
                return [];
        }

        if (dispatch.Type is "GUILD_MEMBER_ADD" or "GUILD_MEMBER_REMOVE"
            && data.TryGetProperty("guild_id", out var memberGuild) && memberGuild.GetString() is { } counted)
        {
            guilds.CountMember(counted, dispatch.Type == "GUILD_MEMBER_ADD" ? 1 : -1);
        }

        var events = translator.Translate(dispatch.Type, data, dispatch.Origin).Where(e => Allowed(e.Community.Id)).ToList();
        if (events is [MemberJoined joined])
        {
            var (code, certain) = await invites.AttributeJoinAsync(joined.Community.Id, ct);
            events = [joined with { InviteCode = code, InviteCertain = certain }];
        }

        return events;
    }

    private async Task HandleInteractionAsync(DiscordInteraction interaction, CancellationToken ct)
    {
        try
        {
            ChatEvent? chatEvent;
            OptionSpec? fileOption = null;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var catalog = scope.ServiceProvider.GetRequiredService<CommandCatalog>();
                chatEvent = translator.TranslateInteraction(interaction, name => catalog.TryGet(name, out var spec, out _) ? spec : null);
                if (chatEvent is CommandInvoked invoked && DiscordAttachments.HasFiles(interaction))
                {
                    fileOption = CommandFiles.FileOptionOf(catalog, invoked.Name, invoked.Arguments);
                }
            }

            if (chatEvent is CommandInvoked command && DiscordAttachments.HasFiles(interaction))
            {
                // The responder defers the interaction if the download outlasts Discord's 3 seconds.
                chatEvent = command with { Attachments = await attachments.FetchAsync(interaction, fileOption, ct) };
            }

            if (chatEvent is not null && Allowed(chatEvent.Community.Id))
            {
                await pipeline.AcceptAsync([EventText.Clean(chatEvent)], ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogDispatchFailed("INTERACTION_CREATE", 0, ex);
        }
    }

    private bool Allowed(string guildId) => options.AllowedGuilds.Length == 0 || options.AllowedGuilds.Contains(guildId, StringComparer.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord guild {GuildId} is not in Discord:AllowedGuilds: the bot leaves it and ignores its events")]
    private partial void LogNotAllowed(string guildId);

    private Channel<Dispatch> Queue(int shardId) =>
        _queues.GetOrAdd(shardId, _ => Channel.CreateBounded<Dispatch>(
            new BoundedChannelOptions(QueueCapacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait }));

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord dispatch {Type} (sequence {Sequence}) failed; skipped")]
    private partial void LogDispatchFailed(string type, long sequence, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} Discord dispatches (sequences {First}–{Last}) could not be committed; tried again until the one at fault is set aside")]
    private partial void LogCommitFailed(int count, long first, long last, Exception exception);

    private sealed record Dispatch(string Type, JsonElement Data, DispatchOrigin Origin, string? ResumeUrl);

    private sealed record Translated(Dispatch Dispatch, IReadOnlyList<ChatEvent> Events);
}
