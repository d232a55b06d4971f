using System.Text.Encodings.Web;
using System.Text.Unicode;
using Bot.Adapters.Postgres.Dashboard;
using Bot.Domain.Commands;
using Bot.Domain.Dashboard;
using Bot.Host.Hosting;
using Microsoft.Extensions.WebEncoders;

namespace Bot.Host.Dashboard;

public static class DashboardSetup
{
    /// <summary>
    /// <c>/dashboard</c> (always declared; it says so when the dashboard is off) and, with <c>Dashboard:Enabled</c>, the
    /// server-rendered staff pages under <c>/dashboard</c>: Razor Pages, anti-forgery on every form.
    /// </summary>
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<DashboardOptions>(DashboardOptions.Section);
        builder.Services.AddScoped<IDashboardStore, PostgresDashboardStore>();
        builder.Services.AddScoped<ICommandHandler, DashboardCommands>();
        if (!IsEnabled(builder.Configuration))
        {
            return builder;
        }

        builder.Services.AddScoped<IDashboardReads, PostgresDashboardReads>();
        builder.Services.AddScoped<StaffSignIn>();
        builder.Services.AddScoped<DashboardServices>();
        builder.Services.AddSingleton<StaffCommandBus>();
        // The pages live in this assembly, which is not the entry assembly when a test hosts the bot.
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Dashboard/Pages").AddApplicationPart(typeof(DashboardSetup).Assembly);
        // Chinese text is written as it is, not as &#x...; escapes (still HTML-encoded where it matters).
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "cb_antiforgery";
            o.Cookie.Path = "/dashboard";
        });
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        if (IsEnabled(app.Configuration))
        {
            app.MapRazorPages();
        }

        return app;
    }

    private static bool IsEnabled(IConfiguration configuration) =>
        string.Equals(configuration[$"{DashboardOptions.Section}:{nameof(DashboardOptions.Enabled)}"], "true", StringComparison.OrdinalIgnoreCase);
}
