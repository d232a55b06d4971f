using Bot.Domain.Text;

namespace Bot.Domain.Privacy;

public static class PrivacyText
{
    public static readonly Texts Texts = Texts.For<PrivacyCommands>("PrivacyStrings");
}
