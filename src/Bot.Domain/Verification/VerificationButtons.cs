using Bot.Domain.Model;

namespace Bot.Domain.Verification;

/// <summary>The greeting's button: <c>verify:agree:&lt;user id&gt;</c>, so only the newcomer it greets can use it.</summary>
public static class VerificationButtons
{
    public const string AgreePrefix = "verify:agree:";

    /// <summary>Moderation's own raid check, now verification's; greetings already posted still carry it and count as "I agree".</summary>
    public const string RaidCheckPrefix = "moderation:verify:";

    public static string Agree(UserRef user) => AgreePrefix + user.Id;

    public static string? OwnerOf(string data) => After(data, AgreePrefix) ?? After(data, RaidCheckPrefix);

    /// <summary>A press on an old raid-check greeting: that newcomer was restricted by the platform, whatever the records say.</summary>
    public static bool IsRaidCheck(string data) => After(data, RaidCheckPrefix) is not null;

    private static string? After(string data, string prefix) =>
        data.StartsWith(prefix, StringComparison.Ordinal) && data.Length > prefix.Length ? data[prefix.Length..] : null;
}
