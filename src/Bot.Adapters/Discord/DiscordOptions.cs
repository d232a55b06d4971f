using System.ComponentModel.DataAnnotations;

using Bot.Adapters.Discord.Gateway;

namespace Bot.Adapters.Discord;

/// <summary>Bound from the <c>Discord</c> section. The adapter is active only when <see cref="BotToken"/> is set.</summary>
public sealed class DiscordOptions : IValidatableObject
{
    public const string Section = "Discord";

    [Required(ErrorMessage = "Discord:BotToken is required for the Discord adapter.")]
    public string BotToken { get; set; } = string.Empty;

    [Required]
    [Url]
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>Total shards across every process; empty takes Discord's recommendation from <c>GET /gateway/bot</c>.</summary>
    [Range(1, 10_000)]
    public int? ShardCount { get; set; }

    /// <summary>The shards this process runs, e.g. <c>0-3</c> or <c>0,2,4</c>; empty runs them all.</summary>
    public string? ShardIds { get; set; }

    /// <summary>Staff channel for guilds that did not set one with <c>/staff channel</c>.</summary>
    public string? StaffChannelId { get; set; }

    /// <summary>Channel for personal invite links; empty uses the guild's system channel or its first text channel.</summary>
    public string? InviteChannelId { get; set; }

    /// <summary>When not empty, the only guild ids the bot stays in: it leaves any other (logged) and ignores its events.</summary>
    public string[] AllowedGuilds { get; set; } = [];

    /// <summary>The guild that direct messages to the bot belong to when it is in more than one.</summary>
    public string? HomeGuildId { get; set; }

    /// <summary>Role name (a tier, "verified") → role id; unmapped names use a guild role of that name, created if missing.</summary>
    public Dictionary<string, string> Roles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Stop calling REST after this many 401/403/429 answers in 10 minutes (Discord bans at 10,000).</summary>
    [Range(10, 9_000)]
    public int InvalidRequestLimit { get; set; } = 2_000;

    /// <summary>Requests per second across all routes (Discord's global limit is 50).</summary>
    [Range(1, 50)]
    public int GlobalRequestsPerSecond { get; set; } = 50;

    /// <summary>How long an interaction waits for the bot's answer before it is deferred (Discord allows 3 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:02.500")]
    public TimeSpan InteractionDeferAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The most dispatches a shard commits in one transaction. A batch is what is queued already when the last one committed,
    /// so a quiet shard commits each dispatch at once and a busy one in batches up to this size. 1 commits one at a time.
    /// </summary>
    [Range(1, Events.DiscordEventPump.QueueCapacity, ErrorMessage = "Discord:MaxBatch must be between {1} and {2}.")]
    public int MaxBatch { get; set; } = 300;

    /// <summary>Hosts files attached to commands are downloaded from (Discord's CDN); an attachment URL elsewhere is refused.</summary>
    public List<string> AttachmentHosts { get; set; } = ["cdn.discordapp.com", "media.discordapp.net"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ShardIds is { Length: > 0 } && ShardRange.TryParse(ShardIds, ShardCount ?? int.MaxValue, out _) is { } error)
        {
            yield return new ValidationResult($"Discord:ShardIds: {error}", [nameof(ShardIds)]);
        }
    }

    /// <summary>Never prints the token.</summary>
    public override string ToString() => $"Discord(api={ApiBaseUrl}, shards={ShardCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "auto"}, ids={ShardIds ?? "all"})";
}
