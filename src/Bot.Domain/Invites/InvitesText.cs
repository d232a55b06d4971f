using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Invites;

/// <summary>Strings of invites: links, counts, reward notes.</summary>
public static class InvitesText
{
    public static readonly Texts Texts = Texts.For<InvitesFeature>("InvitesStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);
}
