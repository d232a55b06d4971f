using Bot.Adapters.Postgres;
using Bot.Domain.Actions;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Stats;
using Bot.Domain.Suggestions;
using Bot.Domain.Surveys;
using Bot.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.IntegrationTests.Journey;

/// <summary>The weekly report as the host composes it (its metrics and sections), over a real database.</summary>
public sealed class WeeklyReportJourneyTests
{
    private static readonly CommunityRef Community = new(Platform.Console, "weekly");
    private static readonly DateTimeOffset Tuesday = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Sunday = new(2026, 3, 15);

    [Fact]
    public async Task The_weekly_report_shows_satisfaction_from_surveys_and_the_weeks_top_suggestion_topics()
    {
        var (app, _) = await TestHost.StartAsync();
        await using (app)
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var services = scope.ServiceProvider;
                var surveys = services.GetRequiredService<ISurveyStore>();
                var id = await surveys.CreateAsync(new Survey(0, Community, "general", Tuesday, Tuesday.AddDays(7)), default);
                await surveys.RespondAsync(Community, id, new UserRef(Platform.Console, "ann"), 4, Tuesday.AddMinutes(1), default);
                await surveys.RespondAsync(Community, id, new UserRef(Platform.Console, "bea"), 2, Tuesday.AddMinutes(2), default);
                var suggestions = services.GetRequiredService<ISuggestionStore>();
                (string Who, string Topic)[] ideas = [("ann", "events"), ("bea", "events"), ("cid", "pricing")];
                foreach (var (who, topic) in ideas)
                {
                    await suggestions.CreateAsync(new Suggestion(0, Community, new UserRef(Platform.Console, who), "#" + topic, topic, SuggestionStatus.Open, Tuesday), default);
                }

                await services.GetRequiredService<IStatsStore>().RollUpAsync(Community, DateOnly.FromDateTime(Tuesday.UtcDateTime), "UTC", default);
                await services.GetRequiredService<DbSession>().CommitAsync(default);
            }

            await using (var scope = app.Services.CreateAsyncScope())
            {
                var context = new EventContext
                {
                    Event = new TimerFired("t1", Community, Tuesday.AddDays(6), StatsFeature.FeatureName, StatsFeature.TickKey, string.Empty, Tuesday.AddDays(6)),
                    Settings = new CommunitySettings(Community, "en", "UTC", StaffChannelId: "staff"),
                    Now = Tuesday.AddDays(6),
                };
                var actions = await scope.ServiceProvider.GetRequiredService<WeeklyReport>().BuildAsync(context, Sunday, default);

                var report = Assert.IsType<PostToStaff>(Assert.Single(actions)).Text;
                Assert.StartsWith("Weekly community report 2026-03-09–2026-03-15", report, StringComparison.Ordinal);
                Assert.Matches(@"Survey satisfaction \(1–5\)\W+3[.,]0", report);
                Assert.Contains("Hot issues this week (3 suggestion(s) by topic):\n• events: 2\n• pricing: 1", report, StringComparison.Ordinal);
            }
        }
    }
}
