using System.Text.Json.Serialization;

namespace Bot.Adapters.Discord.Json;

/// <summary>Source-generated (de)serialisation of every Discord payload the adapter reads or writes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GatewayFrame))]
[JsonSerializable(typeof(HelloData))]
[JsonSerializable(typeof(IdentifyData))]
[JsonSerializable(typeof(ResumeData))]
[JsonSerializable(typeof(ReadyData))]
[JsonSerializable(typeof(GatewayBotInfo))]
[JsonSerializable(typeof(DiscordGuild))]
[JsonSerializable(typeof(DiscordGuild[]))]
[JsonSerializable(typeof(DiscordUser))]
[JsonSerializable(typeof(DiscordMessage))]
[JsonSerializable(typeof(MessageDeleteData))]
[JsonSerializable(typeof(MessageDeleteBulkData))]
[JsonSerializable(typeof(DiscordMember))]
[JsonSerializable(typeof(MemberRemoveData))]
[JsonSerializable(typeof(ReactionAddData))]
[JsonSerializable(typeof(RoleEventData))]
[JsonSerializable(typeof(DiscordInvite))]
[JsonSerializable(typeof(DiscordInvite[]))]
[JsonSerializable(typeof(DiscordRole))]
[JsonSerializable(typeof(DiscordChannel))]
[JsonSerializable(typeof(DiscordChannel[]))]
[JsonSerializable(typeof(DiscordInteraction))]
[JsonSerializable(typeof(DiscordError))]
[JsonSerializable(typeof(RateLimitBody))]
[JsonSerializable(typeof(MessageBody))]
[JsonSerializable(typeof(InteractionCallback))]
[JsonSerializable(typeof(TimeoutBody))]
[JsonSerializable(typeof(BanBody))]
[JsonSerializable(typeof(CreateRoleBody))]
[JsonSerializable(typeof(CreateThreadBody))]
[JsonSerializable(typeof(CreateDmBody))]
[JsonSerializable(typeof(CreateInviteBody))]
[JsonSerializable(typeof(GuildPatchBody))]
[JsonSerializable(typeof(BulkDeleteBody))]
[JsonSerializable(typeof(ApplicationCommandJson[]))]
internal sealed partial class DiscordJsonContext : JsonSerializerContext;
