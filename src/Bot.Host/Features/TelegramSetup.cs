using Bot.Adapters.Telegram;
using Bot.Host.Hosting;

namespace Bot.Host.Features;

public static class TelegramSetup
{
    /// <summary>
    /// The Telegram adapter, when <c>Telegram:BotToken</c> is set (without a platform token the console adapter runs
    /// instead). Options are validated at start: a webhook without its secret, or a token Telegram rejects, stops it.
    /// </summary>
    public static IHostApplicationBuilder AddTelegram(this IHostApplicationBuilder builder)
    {
        if (!IsConfigured(builder.Configuration))
        {
            return builder;
        }

        builder.AddFeatureOptions<TelegramOptions>(TelegramOptions.Section);
        builder.Services.AddTelegramAdapter();
        return builder;
    }

    /// <summary><c>POST /telegram/webhook</c>, answering only in webhook mode.</summary>
    public static WebApplication MapTelegram(this WebApplication app)
    {
        if (IsConfigured(app.Configuration))
        {
            app.MapTelegramWebhook();
        }

        return app;
    }

    private static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{TelegramOptions.Section}:{nameof(TelegramOptions.BotToken)}"]);
}
