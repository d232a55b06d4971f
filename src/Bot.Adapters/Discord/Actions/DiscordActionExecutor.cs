using System.Collections.Concurrent;
using Bot.Adapters.Discord.Events;
using Bot.Adapters.Discord.Interactions;
using Bot.Adapters.Discord.Json;
using Bot.Adapters.Discord.Rest;
using Bot.Adapters.Pipeline;
using Bot.Domain.Actions;
using Bot.Domain.Community;
using Bot.Domain.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Adapters.Discord.Actions;

/// <summary>
/// Executes the domain's actions through Discord's REST API. A refusal (4xx) is a failed result; server
/// trouble throws so the pipeline retries. Moderation calls carry the reason into the guild's audit log.
/// </summary>
internal sealed class DiscordActionExecutor(
    DiscordApi api,
    InteractionResponder interactions,
    DiscordRoleMap roles,
    GuildCache guilds,
    InviteTracker invites,
    DiscordOptions options,
    IDiscordState state,
    IServiceScopeFactory scopes,
    TimeProvider time) : IActionExecutor
{
    /// <summary>Discord's longest timeout.</summary>
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(28);

    // HIGH: members must have been in the server 10 minutes (and have a verified e-mail) before they can post.
    private const int RaidVerificationLevel = 3;

    private readonly ConcurrentDictionary<string, string> _dmChannels = new();

    public Platform Platform => Platform.Discord;

    public async Task<ActionResult> ExecuteAsync(BotAction action, CancellationToken ct)
    {
        try
        {
            return await RunAsync(action, action.Community.Id, ct);
        }
        catch (DiscordRestException ex) when (!ex.IsTransient)
        {
            return ActionResult.Failed(ex.Message);
        }
    }

    private async Task<ActionResult> RunAsync(BotAction action, string guild, CancellationToken ct)
    {
        switch (action)
        {
            case Reply reply:
                return await interactions.TryReplyAsync(reply, ct) ?? await ReplyElsewhereAsync(reply, ct);
            case SendMessage send:
                var sent = await SendAsync(send.ThreadId ?? send.ChannelId, send.Text, send.Buttons, send.File, null, ct);
                if (send.Pin && sent.MessageId is { } pinned)
                {
                    await api.PinAsync(sent.ChannelId!, pinned, ct);
                }

                return sent;
            case EditMessage edit:
                // Discord takes its markdown as written, so formatted text and plain text go the same way.
                // An empty button list takes the buttons away (a closed poll); null leaves them as they are.
                var body = MessageRendering.Body(Truncate(edit.Text), edit.Buttons);
                var edited = await api.EditMessageAsync(edit.ChannelId, edit.MessageId, edit.Buttons is { Count: 0 } ? body with { Components = [] } : body, ct);
                if (edit.Pin is { } pin)
                {
                    await (pin ? api.PinAsync(edit.ChannelId, edit.MessageId, ct) : api.UnpinAsync(edit.ChannelId, edit.MessageId, ct));
                }

                return new ActionResult(true, edit.ChannelId, edited.Id);
            case DeleteMessage delete:
                await api.DeleteMessageAsync(delete.ChannelId, delete.MessageId, delete.Reason, ct);
                return ActionResult.Ok;
            case DeleteMessages purge:
                await BulkDeleteAsync(purge, ct);
                return ActionResult.Ok;
            case TimeoutMember timeout:
                var until = timeout.Until - time.GetUtcNow() > MaxTimeout ? time.GetUtcNow() + MaxTimeout : timeout.Until;
                await api.SetTimeoutAsync(guild, timeout.User.Id, until, timeout.Reason, ct);
                return ActionResult.Ok;
            case RemoveTimeout lift:
                await api.SetTimeoutAsync(guild, lift.User.Id, null, lift.Reason, ct);
                return ActionResult.Ok;
            case KickMember kick:
                await api.KickAsync(guild, kick.User.Id, kick.Reason, ct);
                return ActionResult.Ok;
            case BanMember ban:
                await api.BanAsync(guild, ban.User.Id, Math.Clamp(ban.DeleteMessageSeconds, 0, 604_800), ban.Reason, ct);
                return ActionResult.Ok;
            case UnbanMember unban:
                await api.UnbanAsync(guild, unban.User.Id, unban.Reason, ct);
                return ActionResult.Ok;
            case GrantRole grant:
                await api.AddRoleAsync(guild, grant.User.Id, await roles.ResolveAsync(guild, grant.Role, ct), grant.Reason, ct);
                return ActionResult.Ok;
            case RevokeRole revoke:
                await api.RemoveRoleAsync(guild, revoke.User.Id, await roles.ResolveAsync(guild, revoke.Role, ct), revoke.Reason, ct);
                return ActionResult.Ok;
            case PostToStaff post:
                var staffChannel = post.ThreadId ?? await StaffChannelAsync(post.Community, ct);
                return staffChannel is null ? NoStaffChannel() : await SendAsync(staffChannel, post.Text, post.Buttons, post.File, null, ct);
            case OpenStaffThread open:
                if (await StaffChannelAsync(open.Community, ct) is not { } parent)
                {
                    return NoStaffChannel();
                }

                var thread = await api.CreateThreadAsync(parent, open.Title.Length <= 100 ? open.Title : open.Title[..100], ct);
                var first = await SendAsync(thread.Id, open.Text, null, null, null, ct);
                return new ActionResult(true, thread.Id, first.MessageId);
            case DirectMessage dm:
                return await DirectAsync(dm.User.Id, dm.Text, dm.Buttons, dm.File, ct);
            case CreateInviteLink link:
                var inviteChannel = options.InviteChannelId ?? guilds.DefaultInviteChannel(guild);
                if (inviteChannel is null)
                {
                    return ActionResult.Failed("No channel for invite links: set Discord:InviteChannelId.");
                }

                var invite = await api.CreateInviteAsync(inviteChannel, $"Personal invite link for {link.Name}", ct);
                invites.Created(invite with { GuildId = guild });
                return new ActionResult(true, inviteChannel, Value: $"https://discord.gg/{invite.Code}");
            case RestrictNewMembers restrict:
                return await RestrictAsync(guild, restrict, ct);
            default:
                return ActionResult.Failed($"{action.GetType().Name} is not a Discord action.");
        }
    }

    /// <summary>
    /// A reply its interaction cannot carry (expired, or lost in a restart). A private one goes to the member by DM (the
    /// one named, else whoever started the interaction), never to the channel; with nobody to send it to, it is dropped.
    /// </summary>
    private async Task<ActionResult> ReplyElsewhereAsync(Reply reply, CancellationToken ct)
    {
        if (!reply.Ephemeral)
        {
            return await SendAsync(reply.ThreadId ?? reply.ChannelId, reply.Text, reply.Buttons, reply.File, reply.ReplyToMessageId, ct);
        }

        if ((reply.To?.Id ?? interactions.CallerOf(reply.InteractionId)) is { } member)
        {
            return await DirectAsync(member, reply.Text, reply.Buttons, reply.File, ct);
        }

        return reply.InteractionId is null
            ? await SendAsync(reply.ThreadId ?? reply.ChannelId, reply.Text, reply.Buttons, reply.File, reply.ReplyToMessageId, ct)
            : ActionResult.Failed("A private answer whose interaction expired, with nobody to send it to: not posted in the channel.");
    }

    private async Task<ActionResult> DirectAsync(string user, string text, IReadOnlyList<Button>? buttons, Attachment? file, CancellationToken ct)
    {
        if (!_dmChannels.TryGetValue(user, out var dmChannel))
        {
            dmChannel = (await api.OpenDmAsync(user, ct)).Id;
            _dmChannels[user] = dmChannel;
        }

        return await SendAsync(dmChannel, text, buttons, file, null, ct);
    }

    /// <summary>
    /// Raid mode raises the guild's verification level to High (new members wait 10 minutes before they can
    /// post) and restores the previous level when lifted; the previous level is kept in the database, so a restart
    /// in between does not lose it.
    /// </summary>
    private async Task<ActionResult> RestrictAsync(string guild, RestrictNewMembers restrict, CancellationToken ct)
    {
        if (restrict.Enabled)
        {
            var current = (await api.GetGuildAsync(guild, ct)).VerificationLevel ?? 1;
            if (current < RaidVerificationLevel)
            {
                await state.SaveRaidLevelAsync(guild, current, ct);
                await api.SetVerificationLevelAsync(guild, RaidVerificationLevel, restrict.Reason, ct);
            }

            return ActionResult.Ok;
        }

        // Nothing saved: raid mode did not raise the level (it was already high), so there is nothing to restore.
        if (await state.TakeRaidLevelAsync(guild, ct) is { } previous)
        {
            await api.SetVerificationLevelAsync(guild, previous, restrict.Reason, ct);
        }

        return ActionResult.Ok;
    }

    private async Task<ActionResult> SendAsync(string channelId, string text, IReadOnlyList<Button>? buttons, Attachment? file, string? replyTo, CancellationToken ct)
    {
        var chunks = MessageRendering.Split(text);
        string? lastId = null;
        for (var i = 0; i < chunks.Count; i++)
        {
            var last = i == chunks.Count - 1;
            var reference = i == 0 && replyTo is not null ? new MessageReference(replyTo, FailIfNotExists: false) : null;
            var body = MessageRendering.Body(chunks[i], last ? buttons : null, replyTo: reference);
            lastId = (await api.CreateMessageAsync(channelId, body, last ? file : null, ct)).Id;
        }

        return new ActionResult(true, channelId, lastId);
    }

    private async Task<string?> StaffChannelAsync(CommunityRef community, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var settings = await scope.ServiceProvider.GetRequiredService<ICommunityStore>().GetAsync(community, ct);
        // The configured staff channel is the home guild's only: another guild never falls back to it.
        return settings?.StaffChannelId ?? (community.Id == options.HomeGuildId ? options.StaffChannelId : null);
    }

    private static ActionResult NoStaffChannel() =>
        ActionResult.Failed("No staff channel: run /staff channel in it, or set Discord:StaffChannelId.");

    // Discord bulk-deletes 2–100 messages younger than 14 days per call (one older id fails the whole call);
    // the rest go one by one. A margin keeps a message that turns 14 days old in flight out of the bulk call.
    private async Task BulkDeleteAsync(DeleteMessages purge, CancellationToken ct)
    {
        var bulkAfter = time.GetUtcNow() - TimeSpan.FromDays(14) + TimeSpan.FromMinutes(5);
        var recent = purge.MessageIds.Where(id => Snowflake.CreatedAt(id) > bulkAfter).ToList();
        var single = purge.MessageIds.Except(recent).ToList();
        foreach (var batch in recent.Chunk(100))
        {
            if (batch.Length == 1)
            {
                single.Add(batch[0]);
                continue;
            }

            await api.BulkDeleteAsync(purge.ChannelId, batch, purge.Reason, ct);
        }

        foreach (var id in single)
        {
            try
            {
                await api.DeleteMessageAsync(purge.ChannelId, id, purge.Reason, ct);
            }
            catch (DiscordRestException ex) when (ex.Status == 404)
            {
                // Already gone (deleted by its author or another moderator): nothing left to purge.
            }
        }
    }

    private static string Truncate(string text) => text.Length <= MessageRendering.MaxLength ? text : text[..(MessageRendering.MaxLength - 1)] + "…";
}
