using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Bot.Adapters.Discord.Commands;
using Bot.Adapters.Discord.Gateway;
using Bot.Adapters.Discord.Interactions;
using Bot.Adapters.Discord.Json;
using Bot.Adapters.Pipeline;
using Bot.Domain.Commands;
using Bot.Domain.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Discord.Events;

/// <summary>
/// Gateway dispatches into the event pipeline: one ordered queue per shard (so the receive loop keeps
/// reading heartbeat ACKs while the bot works), interactions at once on their own (their 3 s clock is running).
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
    TimeProvider time,
    ILogger<DiscordEventPump> logger) : IGatewaySink
{
    private static readonly DiscordJsonContext Ctx = DiscordJsonContext.Default;

    private readonly ConcurrentDictionary<int, Channel<Dispatch>> _queues = new();
    private CancellationToken _stopping;

    /// <summary>Runs one shard's queue until stopped.</summary>
    public async Task ConsumeAsync(int shardId, CancellationToken ct)
    {
        _stopping = ct;
        var queue = Queue(shardId);
        await foreach (var dispatch in queue.Reader.ReadAllAsync(ct))
        {
            try
            {
                await HandleAsync(dispatch, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogDispatchFailed(dispatch.Type, dispatch.Origin.Sequence, ex);
            }
        }
    }

    public void OnDispatch(GatewayShard shard, string type, long sequence, JsonElement data)
    {
        var origin = new DispatchOrigin(shard.SessionId ?? "none", sequence, time.GetUtcNow());
        if (type == "INTERACTION_CREATE")
        {
            var interaction = data.Deserialize(Ctx.DiscordInteraction)!;
            responder.Track(interaction, interaction.Data?.Name is { } name && registrar.IsStaffCommand(name), _stopping);
            _ = Task.Run(() => HandleInteractionAsync(interaction, _stopping), _stopping);
            return;
        }

        Queue(shard.ShardId).Writer.TryWrite(new Dispatch(type, data, origin));
    }

    private async Task HandleAsync(Dispatch dispatch, CancellationToken ct)
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

                return;
            case "GUILD_CREATE" or "GUILD_UPDATE":
                var guild = data.Deserialize(Ctx.DiscordGuild)!;
                if (!Allowed(guild.Id))
                {
                    // Outside Discord:AllowedGuilds: the bot leaves, and nothing from the guild reaches the features.
                    LogNotAllowed(guild.Id);
                    await api.LeaveGuildAsync(guild.Id, ct);
                    return;
                }

                guilds.Upsert(guild);
                if (dispatch.Type == "GUILD_CREATE" && guild.Unavailable != true)
                {
                    await invites.LoadAsync(guild.Id, ct);
                }

                return;
            case "GUILD_DELETE":
                var gone = data.Deserialize(Ctx.DiscordGuild)!;
                if (gone.Unavailable != true)
                {
                    guilds.Remove(gone.Id);
                }

                return;
            case "GUILD_ROLE_CREATE" or "GUILD_ROLE_UPDATE":
                var roleEvent = data.Deserialize(Ctx.RoleEventData)!;
                if (roleEvent.Role is { } role)
                {
                    guilds.SetRole(roleEvent.GuildId, role);
                }

                return;
            case "GUILD_ROLE_DELETE":
                var roleDeleted = data.Deserialize(Ctx.RoleEventData)!;
                guilds.RemoveRole(roleDeleted.GuildId, roleDeleted.RoleId ?? string.Empty);
                return;
            case "INVITE_CREATE":
                invites.Created(data.Deserialize(Ctx.DiscordInvite)!);
                return;
        }

        var events = translator.Translate(dispatch.Type, data, dispatch.Origin).Where(e => Allowed(e.Community.Id)).ToList();
        if (events is [MemberJoined joined])
        {
            var (code, certain) = await invites.AttributeJoinAsync(joined.Community.Id, ct);
            events = [joined with { InviteCode = code, InviteCertain = certain }];
        }

        if (events.Count > 0)
        {
            await pipeline.ProcessAsync(events, ct);
        }
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
                await pipeline.ProcessAsync([chatEvent], ct);
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
        _queues.GetOrAdd(shardId, _ => Channel.CreateUnbounded<Dispatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true }));

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord dispatch {Type} (sequence {Sequence}) failed; skipped")]
    private partial void LogDispatchFailed(string type, long sequence, Exception exception);

    private sealed record Dispatch(string Type, JsonElement Data, DispatchOrigin Origin);
}
