namespace Bot.Adapters.Discord.Gateway;

internal static class GatewayOp
{
    public const int Dispatch = 0;
    public const int Heartbeat = 1;
    public const int Identify = 2;
    public const int Resume = 6;
    public const int Reconnect = 7;
    public const int InvalidSession = 9;
    public const int Hello = 10;
    public const int HeartbeatAck = 11;
}

/// <summary>The gateway intents the features need. Two are privileged and must be enabled in the Developer Portal.</summary>
[Flags]
internal enum GatewayIntents : long
{
    Guilds = 1 << 0,

    /// <summary>Privileged ("Server Members Intent"): joins, leaves, member roles.</summary>
    GuildMembers = 1 << 1,
    GuildModeration = 1 << 2,
    GuildInvites = 1 << 6,
    GuildMessages = 1 << 9,
    GuildMessageReactions = 1 << 10,
    DirectMessages = 1 << 12,

    /// <summary>Privileged ("Message Content Intent"): the text of messages, for rules and FAQ answers.</summary>
    MessageContent = 1 << 15,

    Bot = Guilds | GuildMembers | GuildModeration | GuildInvites | GuildMessages | GuildMessageReactions | DirectMessages | MessageContent,
}

/// <summary>Close codes after which reconnecting cannot help: the process stops with the reason instead.</summary>
internal static class GatewayCloseCodes
{
    public static string? FatalReason(int code) => code switch
    {
        4004 => "Discord rejected the bot token (close 4004 authentication failed). Set a valid Discord:BotToken.",
        4010 => "Discord refused the shard (close 4010 invalid shard). Check Discord:ShardCount and Discord:ShardIds.",
        4011 => "Discord requires more shards (close 4011 sharding required). Raise Discord:ShardCount or leave it empty.",
        4012 => "Discord refused the gateway API version (close 4012).",
        4013 => "Discord refused the intents (close 4013 invalid intents).",
        4014 => "Discord refused privileged intents (close 4014 disallowed intents). Enable 'Server Members Intent' and 'Message Content Intent' on the application's Bot page in the Developer Portal.",
        _ => null,
    };

    /// <summary>Codes after which the session cannot be resumed (a fresh identify is needed).</summary>
    public static bool EndsSession(int code) => code is 4007 or 4009 or 1000 or 1001;
}

/// <summary>The gateway closed for a reason that reconnecting will not fix.</summary>
internal sealed class DiscordGatewayFatalException(int closeCode, string message) : Exception(message)
{
    public int CloseCode { get; } = closeCode;
}
