using Bot.Host.Dashboard;
using Bot.Host.Features;

namespace Bot.Host;

public static class Program
{
    public static async Task Main(string[] args)
    {
        await using var app = Build(args);
        await app.RunAsync();
    }

    /// <summary>The whole bot, feature by feature. Tests build it with <paramref name="configure"/> overrides.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.AddPostgres();
        builder.AddScheduling();
        builder.AddPipeline();
        builder.AddCore();
        builder.AddModeration();
        builder.AddTiering();
        builder.AddInvites();
        builder.AddPrivacy();
        builder.AddEngagement();
        builder.AddStats();
        builder.AddContent();
        builder.AddFaq();
        builder.AddTickets();
        builder.AddDashboard();

        builder.AddTelegram();
        builder.AddDiscord();
        builder.AddConsoleAdapter();

        var app = builder.Build();
        app.MapHealth();
        app.MapMetrics();
        app.MapTelegram();
        app.MapSpending();
        app.MapDashboard();
        return app;
    }
}
