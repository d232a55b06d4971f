using System.Text.Json;

namespace Bot.Adapters.Discord.Json;

internal sealed record DiscordUser(string Id, string Username, string? GlobalName = null, bool? Bot = null);

/// <summary>A guild member; <see cref="Permissions"/> is only present in interactions (the member's permissions in the channel).</summary>
internal sealed record DiscordMember(
    DiscordUser? User = null,
    string? Nick = null,
    string[]? Roles = null,
    DateTimeOffset? JoinedAt = null,
    string? Permissions = null,
    string? GuildId = null);

internal sealed record DiscordRole(string Id, string Name, string Permissions, int Position = 0);

internal sealed record DiscordChannel(
    string Id, int Type, string? Name = null, string? GuildId = null, PermissionOverwrite[]? PermissionOverwrites = null, string? ParentId = null);

/// <summary>A channel's permission overwrite: type 0 a role (the guild id is @everyone), 1 a member.</summary>
internal sealed record PermissionOverwrite(string Id, int Type, string Allow, string Deny);

/// <summary>GUILD_CREATE / GUILD_UPDATE: what the adapter keeps (everything else in the payload is ignored).</summary>
internal sealed record DiscordGuild(
    string Id,
    string? OwnerId = null,
    DiscordRole[]? Roles = null,
    DiscordChannel[]? Channels = null,
    string? SystemChannelId = null,
    int? VerificationLevel = null,
    bool? Unavailable = null,
    string? Name = null,
    int? MemberCount = null,
    int? ApproximateMemberCount = null);

internal sealed record MessageReference(string? MessageId = null, string? ChannelId = null, string? GuildId = null, bool? FailIfNotExists = null);

internal sealed record DiscordMessage(
    string Id,
    string ChannelId,
    string? GuildId = null,
    DiscordUser? Author = null,
    DiscordMember? Member = null,
    string? Content = null,
    DateTimeOffset? Timestamp = null,
    DateTimeOffset? EditedTimestamp = null,
    DiscordUser[]? Mentions = null,
    MessageReference? MessageReference = null,
    DiscordMessage? ReferencedMessage = null,
    string? WebhookId = null);

internal sealed record MessageDeleteData(string Id, string ChannelId, string? GuildId = null);

internal sealed record MessageDeleteBulkData(string[] Ids, string ChannelId, string? GuildId = null);

internal sealed record MemberRemoveData(string GuildId, DiscordUser User);

internal sealed record DiscordEmoji(string? Id = null, string? Name = null);

internal sealed record ReactionAddData(
    string UserId,
    string ChannelId,
    string MessageId,
    DiscordEmoji Emoji,
    string? GuildId = null,
    DiscordMember? Member = null,
    string? MessageAuthorId = null);

internal sealed record RoleEventData(string GuildId, DiscordRole? Role = null, string? RoleId = null);

internal sealed record DiscordInvite(string Code, int Uses = 0, int MaxUses = 0, string? GuildId = null, string? ChannelId = null);

internal sealed record InteractionOption(string Name, int Type, JsonElement? Value = null, InteractionOption[]? Options = null);

internal sealed record InteractionData(
    string? Id = null,
    string? Name = null,
    InteractionOption[]? Options = null,
    string? CustomId = null,
    int? ComponentType = null,
    int? Type = null,
    string? TargetId = null,
    InteractionResolved? Resolved = null);

/// <summary>Objects an interaction refers to: for a message command, the target message; for an attachment option, the file.</summary>
internal sealed record InteractionResolved(Dictionary<string, DiscordMessage>? Messages = null, Dictionary<string, DiscordAttachment>? Attachments = null);

/// <summary>A file uploaded with a slash command; <see cref="Url"/> is on Discord's CDN.</summary>
internal sealed record DiscordAttachment(string Id, string Filename, long Size, string Url, string? ProxyUrl = null, string? ContentType = null);

internal sealed record InteractionMessage(string Id, string ChannelId);

internal sealed record DiscordInteraction(
    string Id,
    string ApplicationId,
    int Type,
    string Token,
    InteractionData? Data = null,
    string? GuildId = null,
    string? ChannelId = null,
    DiscordMember? Member = null,
    DiscordUser? User = null,
    InteractionMessage? Message = null);

internal sealed record DiscordError(int Code = 0, string? Message = null);

internal sealed record RateLimitBody(double RetryAfter = 0, bool Global = false);
