using Bot.Domain.Model;

namespace Bot.Domain.Verification;

/// <summary>The greeting's button: <c>verify:agree:&lt;user id&gt;</c>, so only the newcomer it greets can use it.</summary>
public static class VerificationButtons
{
    public const string AgreePrefix = "verify:agree:";

    public static string Agree(UserRef user) => AgreePrefix + user.Id;

    public static string? OwnerOf(string data) => data.StartsWith(AgreePrefix, StringComparison.Ordinal) && data.Length > AgreePrefix.Length ? data[AgreePrefix.Length..] : null;
}
