using System.Globalization;
using System.Text;
using Bot.Domain.Rules;

namespace Bot.Domain.Verification;

/// <summary>The greeting a newcomer gets: the welcome with its placeholders filled, the rules, and what to press.</summary>
public static class Welcome
{
    public const string NamePlaceholder = "{name}";
    public const string CommunityPlaceholder = "{community}";

    public static string Fill(string template, string name, string community) =>
        template.Replace(NamePlaceholder, name, StringComparison.OrdinalIgnoreCase).Replace(CommunityPlaceholder, community, StringComparison.OrdinalIgnoreCase);

    public static string Greeting(CultureInfo culture, string? template, string name, string community, PublishedRules? rules, bool verifying, bool raid = false)
    {
        var text = new StringBuilder(Fill(template ?? VerificationText.Get(culture, "DefaultWelcome"), name, community));
        if (rules is not null)
        {
            text.Append("\n\n").Append(RulesText.Render(culture, rules));
        }

        text.Append("\n\n").Append(VerificationText.Get(culture, raid ? "PressToPostRaid" : verifying ? "PressToPost" : "PressToAgree"));
        return text.ToString();
    }
}
