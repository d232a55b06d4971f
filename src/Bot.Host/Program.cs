using Bot.Adapters.Postgres;
using Bot.Host.Dashboard;
using Bot.Host.Features;

namespace Bot.Host;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (PostgresUnavailableException ex)
        {
            // A machine without PostgreSQL or npm: the one line that says what to do, not a stack trace.
            Console.Error.WriteLine(ex.Message);
            return 1;
        }

        await using (app)
        {
            await app.RunAsync();
        }

        return 0;
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
        builder.AddRules();
        builder.AddVerification();
        builder.AddPolls();
        builder.AddSurveys();
        builder.AddSuggestions();
        builder.AddLogChannel();
        builder.AddDeadLetters();
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
