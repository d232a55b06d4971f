using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Core;
using Bot.Adapters.Postgres.LogChannel;
using Bot.Adapters.Postgres.Privacy;
using Bot.Adapters.Postgres.Surveys;
using Bot.Domain.Privacy;
using Bot.Domain.Surveys;
using Bot.Adapters.Postgres.Polls;
using Bot.Adapters.Postgres.Suggestions;
using Bot.Adapters.Postgres.Verification;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Polls;
using Bot.Domain.Suggestions;
using Bot.Domain.Verification;
using Bot.IntegrationTests.Support;
using Npgsql;

namespace Bot.IntegrationTests.Journey;

/// <summary>The member-journey stores against a real migrated database.</summary>
public sealed class JourneyStoreTests : StoreTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_weekly_hot_issues_count_the_weeks_suggestions_by_topic_in_this_community_only()
    {
        var topics = new SuggestionTopics(new SuggestionsOptions { Topics = { ["events"] = "meetup,活動" } });
        string[] texts = ["more #pricing clarity", "please a meetup in Taipei", "希望多辦線下活動", "#pricing again", "another #pricing note", "just a thought"];
        await InSessionAsync(async db =>
        {
            var store = new PostgresSuggestionStore(db);
            for (var i = 0; i < texts.Length; i++)
            {
                await store.CreateAsync(new Suggestion(0, Community, User($"{i}"), texts[i], topics.Of(texts[i]), SuggestionStatus.Open, T0.AddHours(i)), Ct);
            }

            await store.CreateAsync(new Suggestion(0, Community, User("9"), "#old", "old", SuggestionStatus.Open, T0.AddDays(-8)), Ct);
            await store.CreateAsync(new Suggestion(0, Other, User("9"), "#elsewhere", "elsewhere", SuggestionStatus.Open, T0), Ct);
            return 0;
        });

        var section = await InSessionAsync(db => new HotIssuesSection(new PostgresSuggestionStore(db), new SuggestionsOptions { TopTopics = 2 })
            .BuildAsync(Context(), T0.AddDays(-6), T0.AddDays(1), Ct));

        Assert.Equal("🔥 Hot issues this week (5 suggestion(s) by topic):\n• pricing: 3\n• events: 2", section);
    }

    [Fact]
    public async Task A_suggestion_is_decided_once()
    {
        var id = await InSessionAsync(db => new PostgresSuggestionStore(db).CreateAsync(
            new Suggestion(0, Community, User("1"), "idea", "other", SuggestionStatus.Open, T0), Ct));

        var first = await InSessionAsync(db => new PostgresSuggestionStore(db).DecideAsync(Community, id, SuggestionStatus.Accepted, User("7"), T0, Ct));
        var second = await InSessionAsync(db => new PostgresSuggestionStore(db).DecideAsync(Community, id, SuggestionStatus.Declined, User("7"), T0, Ct));
        var stored = await InSessionAsync(db => new PostgresSuggestionStore(db).GetAsync(Community, id, Ct));

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(SuggestionStatus.Accepted, stored!.Status);
        Assert.Null(await InSessionAsync(db => new PostgresSuggestionStore(db).GetAsync(Other, id, Ct)));
    }

    [Fact]
    public async Task A_member_has_one_vote_per_poll_which_they_may_change()
    {
        var poll = new Poll(0, Community, "Lunch?", ["pizza", "sushi"], User("7"), "-100", null, T0, T0.AddHours(1));
        var id = await InSessionAsync(db => new PostgresPollStore(db).CreateAsync(poll, Ct));

        var first = await InSessionAsync(db => new PostgresPollStore(db).VoteAsync(Community, id, User("1"), 0, T0, Ct));
        var changed = await InSessionAsync(db => new PostgresPollStore(db).VoteAsync(Community, id, User("1"), 1, T0, Ct));
        await InSessionAsync(db => new PostgresPollStore(db).VoteAsync(Community, id, User("2"), 1, T0, Ct));
        var counts = await InSessionAsync(db => new PostgresPollStore(db).CountsAsync(id, 2, Ct));
        var closed = await InSessionAsync(db => new PostgresPollStore(db).CloseAsync(Community, id, T0, Ct));
        var again = await InSessionAsync(db => new PostgresPollStore(db).CloseAsync(Community, id, T0, Ct));
        var stored = await InSessionAsync(db => new PostgresPollStore(db).GetAsync(Community, id, Ct));

        Assert.Null(first);
        Assert.Equal(0, changed);
        Assert.Equal([0, 2], counts);
        Assert.True(closed);
        Assert.False(again);
        Assert.Equal(["pizza", "sushi"], stored!.Options);
        Assert.False(stored.IsOpen);
    }

    [Fact]
    public async Task A_newcomer_is_held_only_while_verification_is_on_and_until_verified()
    {
        var nina = User("5");
        await InSessionAsync(async db =>
        {
            var store = new PostgresVerificationStore(db);
            await store.SetEnabledAsync(Community, true, Ct);
            await store.AddNewcomerAsync(Community, nina, T0, false, Ct);
            return 0;
        });

        var held = await InSessionAsync(db => new PostgresVerificationStore(db).HeldAsync(Community, nina, Ct));
        var explainedFirst = await InSessionAsync(db => new PostgresVerificationStore(db).MarkExplainedAsync(Community, nina, Ct));
        var explainedAgain = await InSessionAsync(db => new PostgresVerificationStore(db).MarkExplainedAsync(Community, nina, Ct));
        await InSessionAsync(async db => { await new PostgresVerificationStore(db).SetEnabledAsync(Community, false, Ct); return 0; });
        var heldWhileOff = await InSessionAsync(db => new PostgresVerificationStore(db).HeldAsync(Community, nina, Ct));
        await InSessionAsync(async db => { await new PostgresVerificationStore(db).SetEnabledAsync(Community, true, Ct); return 0; });
        var verified = await InSessionAsync(db => new PostgresVerificationStore(db).VerifyAsync(Community, nina, nina, T0, 3, Ct));
        var verifiedAgain = await InSessionAsync(db => new PostgresVerificationStore(db).VerifyAsync(Community, nina, nina, T0, 3, Ct));
        var heldAfter = await InSessionAsync(db => new PostgresVerificationStore(db).HeldAsync(Community, nina, Ct));

        Assert.NotNull(held);
        Assert.True(explainedFirst);
        Assert.False(explainedAgain);
        Assert.Null(heldWhileOff);
        Assert.True(verified);
        Assert.False(verifiedAgain);
        Assert.Null(heldAfter);
    }

    [Fact]
    public async Task Retention_clears_survey_comments_and_the_text_the_log_channel_would_quote()
    {
        var ann = User("1");
        var surveyId = await InSessionAsync(async db =>
        {
            await new PostgresMessageLog(db).AppendAsync(new StoredMessage(Community, "-100", "m1", ann, T0, "old words"), Ct);
            var store = new PostgresSurveyStore(db);
            var id = await store.CreateAsync(new Survey(0, Community, "-100", T0, T0.AddDays(7)), Ct);
            await store.RespondAsync(Community, id, ann, 4, T0, Ct);
            return id;
        });
        var commented = await InSessionAsync(db => new PostgresSurveyStore(db).CommentAsync(Community, ann, "more events", T0.AddHours(1), Ct));
        var logged = await InSessionAsync(db => new PostgresLogChannelStore(db).MessageAsync(Community, "-100", "m1", Ct));

        var changed = await new PostgresRetentionStore(DataSource).ApplyAsync(RetentionCutoffs.At(T0.AddDays(91), new PrivacyOptions()), Ct);
        var after = await InSessionAsync(db => new PostgresLogChannelStore(db).MessageAsync(Community, "-100", "m1", Ct));
        await InSessionAsync(async db => { await new PostgresLogChannelStore(db).UpdateTextAsync(Community, "-100", "m1", "edited later", Ct); return 0; });
        var afterEdit = await InSessionAsync(db => new PostgresLogChannelStore(db).MessageAsync(Community, "-100", "m1", Ct));
        await using var connection = await DataSource.OpenConnectionAsync(Ct);
        await using var read = new NpgsqlCommand("select comment, rating from survey_responses", connection);
        await using var reader = await read.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));

        Assert.Equal(surveyId, commented);
        Assert.Equal("old words", logged!.Text);
        Assert.Equal(1, changed["survey comments"]);
        Assert.Null(after!.Text);
        Assert.Null(afterEdit!.Text);
        Assert.True(reader.IsDBNull(0));
        Assert.Equal(4, reader.GetInt16(1));
    }

    private static EventContext Context() => new()
    {
        Event = new MemberLeft("e1", Community, T0, User("1")),
        Settings = new CommunitySettings(Community, "en", "UTC"),
        Now = T0,
    };
}
