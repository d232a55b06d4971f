using System.Text.Json;

namespace Bot.Adapters.Discord.Json;

/// <summary>One gateway frame: <c>{"op":0,"d":{…},"s":42,"t":"MESSAGE_CREATE"}</c>.</summary>
internal sealed record GatewayFrame(int Op, JsonElement? D = null, long? S = null, string? T = null);

internal sealed record HelloData(int HeartbeatInterval);

internal sealed record IdentifyProperties(string Os, string Browser, string Device);

internal sealed record IdentifyData(string Token, long Intents, IdentifyProperties Properties, int[] Shard, int LargeThreshold = 250);

internal sealed record ResumeData(string Token, string SessionId, long Seq);

internal sealed record ReadyApplication(string Id);

internal sealed record ReadyData(DiscordUser User, string SessionId, string ResumeGatewayUrl, ReadyApplication? Application = null);

/// <summary><c>GET /gateway/bot</c>.</summary>
internal sealed record GatewayBotInfo(string Url, int Shards, SessionStartLimit SessionStartLimit);

internal sealed record SessionStartLimit(int Total, int Remaining, long ResetAfter, int MaxConcurrency);
