using System.Text.Json.Serialization;

namespace Bot.Adapters.Discord.Json;

internal sealed record ComponentJson(int Type, ComponentJson[]? Components = null, int? Style = null, string? Label = null, string? CustomId = null);

internal sealed record AllowedMentions(string[] Parse);

internal sealed record AttachmentRef(int Id, string Filename);

/// <summary>The body of a message create/edit, an interaction callback's data or a follow-up.</summary>
internal sealed record MessageBody(
    string? Content = null,
    ComponentJson[]? Components = null,
    MessageReference? MessageReference = null,
    AllowedMentions? AllowedMentions = null,
    int? Flags = null,
    AttachmentRef[]? Attachments = null,
    string? Nonce = null,
    bool? EnforceNonce = null);

internal sealed record InteractionCallback(int Type, MessageBody? Data = null);

/// <summary>PATCH guild member for a timeout; null lifts it, so null must be written.</summary>
internal sealed record TimeoutBody(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? CommunicationDisabledUntil);

internal sealed record BanBody(int DeleteMessageSeconds);

internal sealed record CreateRoleBody(string Name, string Permissions = "0", bool Mentionable = false);

internal sealed record CreateThreadBody(string Name, int Type, int AutoArchiveDuration = 10080);

internal sealed record CreateDmBody(string RecipientId);

internal sealed record CreateInviteBody(int MaxAge, int MaxUses, bool Unique);

internal sealed record GuildPatchBody(int VerificationLevel);

internal sealed record BulkDeleteBody(string[] Messages);

internal sealed record CommandChoiceJson(string Name, string Value);

internal sealed record CommandOptionJson(
    int Type,
    string Name,
    string Description,
    Dictionary<string, string>? DescriptionLocalizations = null,
    bool? Required = null,
    CommandChoiceJson[]? Choices = null,
    long? MinValue = null,
    long? MaxValue = null,
    int[]? ChannelTypes = null,
    CommandOptionJson[]? Options = null);

internal sealed record ApplicationCommandJson(
    string Name,
    string Description,
    Dictionary<string, string>? DescriptionLocalizations = null,
    CommandOptionJson[]? Options = null,
    string? DefaultMemberPermissions = null,
    int[]? Contexts = null,
    int Type = 1);
