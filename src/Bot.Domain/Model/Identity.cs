namespace Bot.Domain.Model;

/// <summary>The chat platforms the bot speaks on; <see cref="Console"/> is the local REPL.</summary>
public enum Platform
{
    Console,
    Telegram,
    Discord,
}

/// <summary>A community: a Discord guild or a Telegram group, qualified by platform.</summary>
public readonly record struct CommunityRef(Platform Platform, string Id)
{
    public override string ToString() => $"{Platform.ToString().ToLowerInvariant()}:{Id}";

    public static CommunityRef Parse(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !Enum.TryParse<Platform>(value[..colon], ignoreCase: true, out var platform))
        {
            throw new FormatException($"'{value}' is not a community reference like 'telegram:-100123'.");
        }

        return new CommunityRef(platform, value[(colon + 1)..]);
    }
}

/// <summary>A user on one platform; the same person on two platforms is two users.</summary>
public readonly record struct UserRef(Platform Platform, string Id)
{
    public override string ToString() => $"{Platform.ToString().ToLowerInvariant()}:{Id}";
}

/// <summary>A member as the platform shows them at the time of an event.</summary>
public sealed record Member(
    UserRef User,
    string DisplayName,
    string? Username = null,
    IReadOnlyList<string>? PlatformRoles = null,
    bool IsPlatformAdmin = false,
    bool IsPlatformOwner = false,
    DateTimeOffset? AccountCreatedAt = null)
{
    public IReadOnlyList<string> Roles => PlatformRoles ?? [];
}

/// <summary>
/// A file the bot sends (a chart, a CSV export) or one attached to a command. For an attached file
/// <see cref="Size"/> is the size the platform declared; the content is empty when the adapter did not
/// download it (over the option's limits, of another type, or the download failed).
/// </summary>
public sealed record Attachment(string FileName, string ContentType, byte[] Content, long? Size = null)
{
    public bool IsDownloaded => Content.Length > 0;
}

public enum ButtonStyle
{
    Primary,
    Secondary,
    Success,
    Danger,
}

/// <summary>An inline button; <see cref="Data"/> comes back in <see cref="Events.ButtonPressed"/>.</summary>
public sealed record Button(string Label, string Data, ButtonStyle Style = ButtonStyle.Secondary);
