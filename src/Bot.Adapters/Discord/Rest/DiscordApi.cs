using System.Net.Http.Headers;
using System.Text.Json;
using Bot.Adapters.Discord.Json;
using Bot.Domain.Model;
using static Bot.Adapters.Discord.Rest.DiscordRestClient;

namespace Bot.Adapters.Discord.Rest;

/// <summary>The REST endpoints the bot uses, and nothing else.</summary>
internal sealed class DiscordApi(DiscordRestClient rest)
{
    private static readonly DiscordJsonContext Ctx = DiscordJsonContext.Default;

    public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Get, "/gateway/bot", NoBody, Ctx.GatewayBotInfo, ct);

    /// <summary>
    /// Inside an outbox action the message carries a nonce Discord enforces: a retry of a send whose answer was lost
    /// (timeout, crash before the row was marked) gets the message already created instead of a second one.
    /// </summary>
    public Task<DiscordMessage> CreateMessageAsync(string channelId, MessageBody body, Attachment? file, CancellationToken ct)
    {
        if (Pipeline.OutboxScope.NextMessageKey() is { } nonce)
        {
            body = body with { Nonce = nonce, EnforceNonce = true };
        }

        return rest.SendAsync(HttpMethod.Post, $"/channels/{channelId}/messages", Body(body, file), Ctx.DiscordMessage, ct);
    }

    public Task<DiscordMessage> EditMessageAsync(string channelId, string messageId, MessageBody body, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Patch, $"/channels/{channelId}/messages/{messageId}", DiscordRestClient.Json(body, Ctx.MessageBody), Ctx.DiscordMessage, ct);

    public Task DeleteMessageAsync(string channelId, string messageId, string reason, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Delete, $"/channels/{channelId}/messages/{messageId}", NoBody, ct, reason);

    public Task BulkDeleteAsync(string channelId, string[] messageIds, string reason, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Post, $"/channels/{channelId}/messages/bulk-delete", DiscordRestClient.Json(new BulkDeleteBody(messageIds), Ctx.BulkDeleteBody), ct, reason);

    public Task PinAsync(string channelId, string messageId, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Put, $"/channels/{channelId}/pins/{messageId}", NoBody, ct);

    public Task UnpinAsync(string channelId, string messageId, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Delete, $"/channels/{channelId}/pins/{messageId}", NoBody, ct);

    public Task SetTimeoutAsync(string guildId, string userId, DateTimeOffset? until, string reason, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Patch, $"/guilds/{guildId}/members/{userId}", DiscordRestClient.Json(new TimeoutBody(until), Ctx.TimeoutBody), ct, reason);

    public Task KickAsync(string guildId, string userId, string reason, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Delete, $"/guilds/{guildId}/members/{userId}", NoBody, ct, reason);

    public Task BanAsync(string guildId, string userId, int deleteMessageSeconds, string reason, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Put, $"/guilds/{guildId}/bans/{userId}", DiscordRestClient.Json(new BanBody(deleteMessageSeconds), Ctx.BanBody), ct, reason);

    public Task UnbanAsync(string guildId, string userId, string reason, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Delete, $"/guilds/{guildId}/bans/{userId}", NoBody, ct, reason);

    public Task AddRoleAsync(string guildId, string userId, string roleId, string reason, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Put, $"/guilds/{guildId}/members/{userId}/roles/{roleId}", NoBody, ct, reason);

    public Task RemoveRoleAsync(string guildId, string userId, string roleId, string reason, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Delete, $"/guilds/{guildId}/members/{userId}/roles/{roleId}", NoBody, ct, reason);

    public Task<DiscordRole> CreateRoleAsync(string guildId, string name, string reason, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Post, $"/guilds/{guildId}/roles", DiscordRestClient.Json(new CreateRoleBody(name), Ctx.CreateRoleBody), Ctx.DiscordRole, ct, reason);

    public Task<DiscordChannel> GetChannelAsync(string channelId, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Get, $"/channels/{channelId}", NoBody, Ctx.DiscordChannel, ct);

    public Task<DiscordMember> GetMemberAsync(string guildId, string userId, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Get, $"/guilds/{guildId}/members/{userId}", NoBody, Ctx.DiscordMember, ct);

    /// <summary>The bot leaves a guild (one outside <c>Discord:AllowedGuilds</c>).</summary>
    public Task LeaveGuildAsync(string guildId, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Delete, $"/users/@me/guilds/{guildId}", NoBody, ct);

    public Task<DiscordUser> GetCurrentUserAsync(CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Get, "/users/@me", NoBody, Ctx.DiscordUser, ct);

    /// <summary>The guilds the bot is in (partial: id and name), up to 200, the most Discord lists in one page.</summary>
    public Task<DiscordGuild[]> GetCurrentUserGuildsAsync(CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Get, "/users/@me/guilds", NoBody, Ctx.DiscordGuildArray, ct);

    public Task<DiscordChannel[]> GetGuildChannelsAsync(string guildId, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Get, $"/guilds/{guildId}/channels", NoBody, Ctx.DiscordChannelArray, ct);

    public Task<DiscordGuild> GetGuildAsync(string guildId, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Get, $"/guilds/{guildId}", NoBody, Ctx.DiscordGuild, ct);

    /// <summary>The guild with its approximate member count.</summary>
    public Task<DiscordGuild> GetGuildCountsAsync(string guildId, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Get, $"/guilds/{guildId}?with_counts=true", NoBody, Ctx.DiscordGuild, ct);

    public Task SetVerificationLevelAsync(string guildId, int level, string reason, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Patch, $"/guilds/{guildId}", DiscordRestClient.Json(new GuildPatchBody(level), Ctx.GuildPatchBody), ct, reason);

    /// <summary>A public thread (type 11) without a starter message; visible to whoever sees the channel.</summary>
    public Task<DiscordChannel> CreateThreadAsync(string channelId, string name, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Post, $"/channels/{channelId}/threads", DiscordRestClient.Json(new CreateThreadBody(name, 11), Ctx.CreateThreadBody), Ctx.DiscordChannel, ct);

    public Task<DiscordChannel> OpenDmAsync(string userId, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Post, "/users/@me/channels", DiscordRestClient.Json(new CreateDmBody(userId), Ctx.CreateDmBody), Ctx.DiscordChannel, ct);

    public Task<DiscordInvite[]> GetInvitesAsync(string guildId, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Get, $"/guilds/{guildId}/invites", NoBody, Ctx.DiscordInviteArray, ct);

    /// <summary>A permanent, unlimited invite that is never reused for another request (<c>unique</c>).</summary>
    public Task<DiscordInvite> CreateInviteAsync(string channelId, string reason, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Post, $"/channels/{channelId}/invites", DiscordRestClient.Json(new CreateInviteBody(0, 0, true), Ctx.CreateInviteBody), Ctx.DiscordInvite, ct, reason);

    public Task OverwriteCommandsAsync(string applicationId, ApplicationCommandJson[] commands, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Put, $"/applications/{applicationId}/commands", DiscordRestClient.Json(commands, Ctx.ApplicationCommandJsonArray), ct);

    public Task InteractionCallbackAsync(string interactionId, string token, InteractionCallback callback, Attachment? file, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Post, $"/interactions/{interactionId}/{token}/callback", Body(callback, Ctx.InteractionCallback, file), ct);

    public Task<DiscordMessage> EditOriginalAsync(string applicationId, string token, MessageBody body, Attachment? file, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Patch, $"/webhooks/{applicationId}/{token}/messages/@original", Body(body, file), Ctx.DiscordMessage, ct);

    public Task DeleteOriginalAsync(string applicationId, string token, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Delete, $"/webhooks/{applicationId}/{token}/messages/@original", NoBody, ct);

    public Task<DiscordMessage> FollowUpAsync(string applicationId, string token, MessageBody body, Attachment? file, CancellationToken ct) =>
        rest.SendAsync(HttpMethod.Post, $"/webhooks/{applicationId}/{token}", Body(body, file), Ctx.DiscordMessage, ct);

    private static Func<HttpContent?> Body(MessageBody body, Attachment? file) => Body(body, Ctx.MessageBody, file);

    /// <summary>JSON, or with a file multipart: <c>payload_json</c> plus <c>files[0]</c>.</summary>
    private static Func<HttpContent?> Body<T>(T body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, Attachment? file)
    {
        if (file is null)
        {
            return DiscordRestClient.Json(body, type);
        }

        return () =>
        {
            var form = new MultipartFormDataContent();
            var payload = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, type));
            payload.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            form.Add(payload, "payload_json");
            var bytes = new ByteArrayContent(file.Content);
            bytes.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
            form.Add(bytes, "files[0]", file.FileName);
            return form;
        };
    }
}
