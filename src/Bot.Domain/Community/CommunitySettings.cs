using System.ComponentModel.DataAnnotations;
using Bot.Domain.Model;

namespace Bot.Domain.Community;

/// <summary>Per-community settings every feature reads: language, time zone, the staff channel.</summary>
public sealed record CommunitySettings(
    CommunityRef Community,
    string Language,
    string TimeZone,
    string? StaffChannelId = null,
    string? HelpChannelId = null)
{
    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}

/// <summary>Bound from the <c>Community</c> section: defaults for a community the bot has not seen before.</summary>
public sealed class CommunityOptions
{
    public const string Section = "Community";

    [Required]
    [RegularExpression("^(en|zh-TW)$", ErrorMessage = "Community:DefaultLanguage must be 'en' or 'zh-TW'.")]
    public string DefaultLanguage { get; set; } = "en";

    [Required]
    public string DefaultTimeZone { get; set; } = "UTC";
}

public interface ICommunityStore
{
    Task<CommunitySettings?> GetAsync(CommunityRef community, CancellationToken ct);

    Task SaveAsync(CommunitySettings settings, CancellationToken ct);
}
