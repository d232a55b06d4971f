using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Staff;
using Bot.Domain.Tiering;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Domain.Tests.Tiering;

public sealed class ActivityPointsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeTieringStore _store = new();
    private readonly TieringOptions _options = new();
    private readonly TieringFeature _feature;
    private int _messages;

    public ActivityPointsTests() =>
        _feature = new TieringFeature(_store, new TierPoints(_store, _options), _options, PermissionTable.Default, new Bot.Domain.Tests.Tickets.FakeMessageLog());

    [Fact]
    public async Task Hundred_messages_in_a_minute_earn_one_messages_points()
    {
        for (var i = 0; i < 100; i++)
        {
            await PostAsync("alice", $"this is message number {i}");
            _time.Advance(TimeSpan.FromMilliseconds(590));
        }

        Assert.Equal(_options.MessagePoints, Score("alice"), 3);

        _time.Advance(TimeSpan.FromSeconds(2)); // now past the minute since the first
        await PostAsync("alice", "and one more after the minute");
        Assert.Equal(2 * _options.MessagePoints, Score("alice"), 3);
    }

    [Theory]
    [InlineData("你好嗎", 3)]
    [InlineData("今天天氣很好", 6)]
    [InlineData("ok", 1)]
    [InlineData("hello, world! 你好", 4)]
    [InlineData("@bob https://example.com/x thanks", 1)]
    [InlineData("こんにちは", 5)]
    public void Words_count_each_cjk_character_as_a_word(string text, int words) =>
        Assert.Equal(words, MessageScoring.Words(text));

    [Fact]
    public async Task A_short_message_earns_nothing_but_three_chinese_characters_do()
    {
        await PostAsync("alice", "好的");
        Assert.Equal(0, Score("alice"));

        await PostAsync("alice", "好的呀");
        Assert.Equal(_options.MessagePoints, Score("alice"), 3);
    }

    [Fact]
    public async Task A_filtered_message_and_a_repeated_text_earn_nothing()
    {
        await PostAsync("alice", "buy cheap coins here now", filtered: true);
        Assert.Equal(0, Score("alice"));

        await PostAsync("alice", "good morning to everyone");
        _time.Advance(TimeSpan.FromMinutes(5));
        await PostAsync("alice", "Good  morning to EVERYONE");
        Assert.Equal(_options.MessagePoints, Score("alice"), 3);
    }

    [Fact]
    public async Task A_counted_reply_gives_the_replied_member_points_but_not_a_reply_to_oneself()
    {
        await PostAsync("bob", "does anyone know the answer", replyTo: "alice");
        await PostAsync("bob", "and another question right away", replyTo: "alice"); // within the minute: counts for no one
        _time.Advance(TimeSpan.FromMinutes(2));
        await PostAsync("carol", "adding to my own point here", replyTo: "carol");

        Assert.Equal(_options.ReplyPoints, Score("alice"), 3);
        Assert.Equal(_options.MessagePoints, Score("carol"), 3);
    }

    [Fact]
    public async Task A_reaction_counts_once_per_member_and_message_never_for_oneself_and_within_the_daily_limit()
    {
        _options.ReactionsGivenPerDay = 2;
        await ReactAsync("bob", "m1", "alice", "👍");
        await ReactAsync("bob", "m1", "alice", "🎉");
        await ReactAsync("alice", "m2", "alice", "👍");
        await ReactAsync("bob", "m3", "alice", "👍");
        await ReactAsync("bob", "m4", "alice", "👍"); // over bob's two for today

        Assert.Equal(2 * _options.ReactionPoints, Score("alice"), 3);

        _time.Advance(TimeSpan.FromDays(1));
        await ReactAsync("bob", "m5", "alice", "👍");
        Assert.True(Score("alice") > 2.5 * _options.ReactionPoints);
    }

    [Fact]
    public async Task The_first_event_from_a_community_schedules_the_daily_recomputation_once()
    {
        var first = await PostAsync("alice", "hello there friends");
        var second = await PostAsync("bob", "hello there alice");

        var timer = Assert.IsType<ScheduleTimer>(Assert.Single(first));
        Assert.Equal((TieringFeature.TimerFeature, TieringFeature.RecomputeKey, _options.RecomputeCron), (timer.Feature, timer.Key, timer.Cron));
        Assert.Empty(second);
    }

    private double Score(string name) =>
        _store.Standings.TryGetValue(World.User(name), out var s) ? s.DecayedTo(_time.GetUtcNow(), _options.HalfLife).Score : 0;

    private async Task<IReadOnlyList<BotAction>> PostAsync(string author, string text, bool filtered = false, string? replyTo = null)
    {
        var id = $"m{++_messages}";
        var message = new MessagePosted(
            $"e{id}", World.Community, _time.GetUtcNow(), "general", id, World.Member(author), text, ReplyToUser: replyTo is null ? null : World.User(replyTo));
        var context = World.Context(message, _time.GetUtcNow());
        context.MessageFiltered = filtered;
        return await _feature.HandleAsync(context, CancellationToken.None);
    }

    private Task<IReadOnlyList<BotAction>> ReactAsync(string by, string messageId, string author, string emoji) =>
        _feature.HandleAsync(
            World.Context(
                new ReactionAdded($"r{++_messages}", World.Community, _time.GetUtcNow(), "general", messageId, World.User(by), emoji, World.User(author)),
                _time.GetUtcNow()),
            CancellationToken.None);
}
