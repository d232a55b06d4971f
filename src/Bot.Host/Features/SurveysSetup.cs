using Bot.Adapters.Postgres.Stats;
using Bot.Adapters.Postgres.Surveys;
using Bot.Domain.Commands;
using Bot.Domain.Pipeline;
using Bot.Domain.Surveys;
using Bot.Host.Hosting;

namespace Bot.Host.Features;

public static class SurveysSetup
{
    /// <summary>The periodic community satisfaction survey, <c>/survey</c>; answers feed the satisfaction KPI and <c>survey_satisfaction</c>.</summary>
    public static IHostApplicationBuilder AddSurveys(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<SurveysOptions>(SurveysOptions.Section);
        builder.Services.AddScoped<ISurveyStore, PostgresSurveyStore>();
        builder.Services.AddScoped<SurveyRound>();
        builder.Services.AddScoped<IFeature, SurveysFeature>();
        builder.Services.AddScoped<ICommandHandler, SurveysCommands>();
        builder.Services.AddRollupMetric(SurveyRollupMetrics.Definition, SurveyRollupMetrics.Sql);
        return builder;
    }
}
