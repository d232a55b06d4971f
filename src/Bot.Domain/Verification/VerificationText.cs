using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Verification;

/// <summary>Strings of the welcome and verification.</summary>
public static class VerificationText
{
    public static readonly Texts Texts = Texts.For<VerificationOptions>("VerificationStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);
}
