using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Dashboard;

/// <summary>Strings of the web dashboard: the <c>/dashboard</c> replies and every label of its pages.</summary>
public static class DashboardText
{
    public static readonly Texts Texts = Texts.For<DashboardCommands>("DashboardStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);
}
