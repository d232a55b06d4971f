using Bot.Adapters.Postgres.Suggestions;
using Bot.Domain.Commands;
using Bot.Domain.Pipeline;
using Bot.Domain.Stats;
using Bot.Domain.Suggestions;
using Bot.Host.Hosting;

namespace Bot.Host.Features;

public static class SuggestionsSetup
{
    /// <summary>The suggestion box: <c>/suggest</c> to the staff chat with decision buttons; hot issues by topic in the weekly report.</summary>
    public static IHostApplicationBuilder AddSuggestions(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<SuggestionsOptions>(SuggestionsOptions.Section);
        builder.Services.AddSingleton<SuggestionTopics>();
        builder.Services.AddScoped<ISuggestionStore, PostgresSuggestionStore>();
        builder.Services.AddScoped<IFeature, SuggestionsFeature>();
        builder.Services.AddScoped<ICommandHandler, SuggestionsCommands>();
        builder.Services.AddScoped<IWeeklyReportSection, HotIssuesSection>();
        return builder;
    }
}
