using System.Globalization;

namespace Bot.Domain.Text;

/// <summary>The languages the bot speaks; a community picks one.</summary>
public static class Languages
{
    public static readonly IReadOnlyList<string> Supported = ["en", "zh-TW"];

    public static bool IsSupported(string tag) => Supported.Contains(tag, StringComparer.OrdinalIgnoreCase);

    public static CultureInfo Culture(string tag) =>
        CultureInfo.GetCultureInfo(Supported.FirstOrDefault(s => s.Equals(tag, StringComparison.OrdinalIgnoreCase)) ?? "en");
}
