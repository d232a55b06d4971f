using System.Globalization;
using Bot.Domain.Model;
using Bot.Domain.Polls;
using Bot.Domain.Rules;
using Bot.Domain.Suggestions;
using Bot.Domain.Verification;

namespace Bot.Domain.Tests.Journey;

/// <summary>The member journey's pure parts: poll input and rendering, suggestion topics, the welcome, rules correlations.</summary>
public sealed class JourneyParsingTests
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo ZhTw = CultureInfo.GetCultureInfo("zh-TW");

    [Theory]
    [InlineData("Lunch? | pizza | sushi 2h", "Lunch?", "pizza,sushi", 120)]
    [InlineData("Lunch? | pizza | sushi", "Lunch?", "pizza,sushi", null)]
    [InlineData("午餐吃什麼？｜披薩｜壽司｜拉麵 3d", "午餐吃什麼？", "披薩,壽司,拉麵", 4320)]
    [InlineData("When? | at 5 | at 6 | 1d", "When?", "at 5,at 6", 1440)]
    public void A_poll_line_gives_its_question_options_and_duration(string text, string question, string options, int? minutes)
    {
        var (poll, error) = PollInput.Parse(text, 10);

        Assert.Null(error);
        Assert.Equal(question, poll!.Question);
        Assert.Equal(options.Split(','), poll.Options);
        Assert.Equal(minutes is { } m ? TimeSpan.FromMinutes(m) : null, poll.Duration);
    }

    [Theory]
    [InlineData("Only a question", "TooFewOptions")]
    [InlineData("Q | one 2h", "TooFewOptions")]
    [InlineData("Q | a | A", "DuplicateOptions")]
    [InlineData("Q | a | b | c | d", "TooManyOptions")]
    public void A_bad_poll_line_is_refused_with_its_reason(string text, string key)
    {
        var (poll, error) = PollInput.Parse(text, 3);

        Assert.Null(poll);
        Assert.Equal(key, error);
        Assert.False(string.IsNullOrEmpty(PollsText.Get(ZhTw, key, 3)));
    }

    [Fact]
    public void Poll_counts_render_with_shares_and_the_summary_names_every_tied_winner()
    {
        var poll = new Poll(4, new CommunityRef(Platform.Console, "c"), "Lunch?", ["pizza", "sushi", "noodles"], new UserRef(Platform.Console, "sam"),
            "general", "b1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1));

        var text = PollRendering.Text(En, poll, [2, 2, 0], TimeZoneInfo.Utc);
        var summary = PollRendering.Summary(En, poll with { ClosedAt = DateTimeOffset.UnixEpoch }, [2, 2, 0]);

        Assert.Contains("1. pizza — 2 (50%)", text, StringComparison.Ordinal);
        Assert.Contains("3. noodles — 0 (0%)", text, StringComparison.Ordinal);
        Assert.Contains("4 vote(s) · closes 1970-01-01 01:00", text, StringComparison.Ordinal);
        Assert.Equal("Poll #4 is closed: “Lunch?” — pizza, sushi won with 2 of 4 vote(s).", summary);
        Assert.True(PollRendering.TryParseVote(PollRendering.Vote(4, 2), out var id, out var option));
        Assert.Equal((4L, 2), (id, option));
        Assert.False(PollRendering.TryParseVote("poll:vote:x:1", out _, out _));
        Assert.Null(PollRendering.Buttons(poll with { ClosedAt = DateTimeOffset.UnixEpoch }));
    }

    [Theory]
    [InlineData("Please add an #Events calendar", "events")]
    [InlineData("＃定價 太複雜了", "定價")]
    [InlineData("Could we have a MEETUP in Taipei?", "meetups")]
    [InlineData("希望多辦線下活動", "meetups")]
    [InlineData("The bot is slow", "other")]
    public void A_suggestion_takes_its_hashtag_or_the_first_topic_whose_keyword_it_has(string text, string topic)
    {
        var topics = new SuggestionTopics(new SuggestionsOptions { Topics = { ["Meetups"] = "meetup, 活動" } });

        Assert.Equal(topic, topics.Of(text));
    }

    [Fact]
    public void The_welcome_fills_in_the_newcomer_and_the_community_and_carries_the_rules()
    {
        var rules = new PublishedRules(new CommunityRef(Platform.Console, "c"), "Be kind.", 3, new UserRef(Platform.Console, "olga"), DateTimeOffset.UnixEpoch);

        var greeting = Welcome.Greeting(ZhTw, "歡迎 {name} 加入 {Community}！", "小明", "讀書會", rules, verifying: true);
        var plain = Welcome.Greeting(En, null, "Ann", "Readers", null, verifying: false);

        Assert.StartsWith("歡迎 小明 加入 讀書會！\n\n📜 社群規則（第 3 版）\nBe kind.", greeting, StringComparison.Ordinal);
        Assert.EndsWith("在此之前你的訊息會被暫時移除。", greeting, StringComparison.Ordinal);
        Assert.Equal("Welcome to Readers, Ann!\n\nPlease read the rules and press “I agree” below.", plain);
        Assert.Equal("nina", VerificationButtons.OwnerOf(VerificationButtons.Agree(new UserRef(Platform.Console, "nina"))));
        Assert.Null(VerificationButtons.OwnerOf("verify:agree:"));
    }

    [Fact]
    public void Rules_text_takes_escaped_line_breaks_and_a_pin_correlation_round_trips()
    {
        Assert.Equal("Be kind.\nNo spam.", RulesText.Lines("  Be kind.\\nNo spam. "));
        Assert.Equal((2, "-100:5"), RulesPublisher.ParseCorrelation("rules:pin:2:-100:5"));
        Assert.Null(RulesPublisher.ParseCorrelation("rules:pin:x:general"));
        Assert.Null(RulesPublisher.ParseCorrelation("poll:3"));
    }
}
