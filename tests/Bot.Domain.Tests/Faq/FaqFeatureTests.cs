using Bot.Domain.Actions;
using Bot.Domain.Faq;
using Bot.Domain.Staff;
using Bot.Domain.Tests.Tickets;

namespace Bot.Domain.Tests.Faq;

public sealed class FaqFeatureTests
{
    private readonly FakeFaqStore _store = new();
    private readonly FaqOptions _options = new();
    private readonly FaqFeature _feature;

    public FaqFeatureTests()
    {
        _store.Entries[1] = new FaqEntry(1, ["如何重設密碼", "how do I reset my password"], "Settings → Account.", []);
        _store.Entries[2] = new FaqEntry(2, ["如何申請退款", "how do I get a refund"], "Order page → Refund.", []);
        _feature = Feature(_options);
    }

    private FaqFeature Feature(FaqOptions options)
    {
        var indexes = new FaqIndexCache();
        return new FaqFeature(_store, indexes, options, new FaqLearning(_store, indexes, new FakeTicketStore(), new PermissionTable()));
    }

    [Fact]
    public async Task A_confident_question_is_answered_with_feedback_and_staff_buttons()
    {
        var context = TestContext.For(TestContext.Message("alice", "請問要怎麼重設密碼？"));

        var reply = Assert.IsType<Reply>(Assert.Single(await _feature.HandleAsync(context, default)));

        Assert.Equal("Settings → Account.", reply.Text);
        Assert.Equal(["faq:up:1", "faq:down:1", "ticket:open"], reply.Buttons!.Select(b => b.Data));
        Assert.True(context.MessageAnswered);
    }

    [Fact]
    public async Task The_same_answer_is_not_repeated_in_a_channel_within_the_cooldown()
    {
        await _feature.HandleAsync(TestContext.For(TestContext.Message("alice", "how do I reset my password?")), default);

        var soon = TestContext.For(TestContext.Message("bob", "how do I reset my password?", at: TestContext.Start.AddMinutes(5)));
        var later = TestContext.For(TestContext.Message("bob", "how do I reset my password?", at: TestContext.Start + _options.Cooldown + TimeSpan.FromMinutes(1)));
        var elsewhere = TestContext.For(TestContext.Message("bob", "how do I reset my password?", channel: "other", at: TestContext.Start.AddMinutes(5)));

        Assert.Empty(await _feature.HandleAsync(soon, default));
        Assert.Single(await _feature.HandleAsync(later, default));
        Assert.Single(await _feature.HandleAsync(elsewhere, default));
    }

    [Fact]
    public async Task Every_question_is_logged_for_the_answer_rate_with_whether_the_bot_answered()
    {
        await _feature.HandleAsync(TestContext.For(TestContext.Message("alice", "how do I reset my password?")), default);
        await _feature.HandleAsync(TestContext.For(TestContext.Message("bob", "how do I reset my password?", at: TestContext.Start.AddMinutes(5))), default);
        await _feature.HandleAsync(TestContext.For(TestContext.Message("carol", "what is the best pizza topping?")), default);
        await _feature.HandleAsync(TestContext.For(TestContext.Message("dave", "nice weather today")), default);

        Assert.Equal(
            [("alice", (long?)1, true), ("bob", 1, false), ("carol", null, false)],
            _store.Questions.Select(q => (q.User.Id, q.EntryId, q.Answered)));
    }

    [Fact]
    public async Task Filtered_staff_and_switched_off_channels_get_no_answer()
    {
        var filtered = TestContext.For(TestContext.Message("alice", "how do I reset my password?"));
        filtered.MessageFiltered = true;
        var staff = TestContext.For(TestContext.Message("sam", "how do I reset my password?"), roles: StaffRole.Support);
        _store.Off.Add("quiet");
        var quiet = TestContext.For(TestContext.Message("alice", "how do I reset my password?", channel: "quiet"));

        Assert.Empty(await _feature.HandleAsync(filtered, default));
        Assert.Empty(await _feature.HandleAsync(staff, default));
        Assert.Empty(await _feature.HandleAsync(quiet, default));
        Assert.Empty(_store.Answered);
        Assert.Empty(_store.Questions);
    }

    [Fact]
    public async Task An_unanswerable_question_is_kept_as_a_gap_silently_in_chat_and_offers_staff_in_the_help_channel()
    {
        var chat = TestContext.For(TestContext.Message("alice", "what time does the shop open?"));
        var help = TestContext.For(TestContext.Message("alice", "what time does the shop open?", channel: "help"));
        var notAQuestion = TestContext.For(TestContext.Message("alice", "great game last night everyone"));

        Assert.Empty(await _feature.HandleAsync(chat, default));
        var offer = Assert.IsType<Reply>(Assert.Single(await _feature.HandleAsync(help, default)));
        Assert.Empty(await _feature.HandleAsync(notAQuestion, default));

        Assert.Equal("ticket:open", Assert.Single(offer.Buttons!).Data);
        Assert.Equal(2, Assert.Single(_store.Gaps).Value.Count);
    }

    [Fact]
    public async Task Feedback_is_stored_per_member_and_entry()
    {
        await _feature.HandleAsync(TestContext.For(TestContext.Press("alice", "faq:up:1")), default);
        await _feature.HandleAsync(TestContext.For(TestContext.Press("bob", "faq:down:1")), default);
        var gone = await _feature.HandleAsync(TestContext.For(TestContext.Press("bob", "faq:up:99")), default);

        Assert.True(_store.Feedback[(1, "alice")]);
        Assert.False(_store.Feedback[(1, "bob")]);
        Assert.Contains("no longer exists", Assert.IsType<Reply>(Assert.Single(gone)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsure_match_offers_the_top_two_entries_and_a_pick_is_answered_and_recorded_once()
    {
        // Thresholds set so that this half-matching question is unsure, whatever the shipped calibration.
        var feature = Feature(new FaqOptions { Threshold = 0.99, SuggestThreshold = 0.05, Margin = 0 });
        var context = TestContext.For(TestContext.Message("alice", "reset my password, or get a refund?"));

        var offer = Assert.IsType<Reply>(Assert.Single(await feature.HandleAsync(context, default)));
        var pick = TestContext.For(TestContext.Press("alice", "faq:pick:2"));
        var answer = Assert.IsType<Reply>(Assert.Single(await feature.HandleAsync(pick, default)));
        await feature.HandleAsync(TestContext.For(TestContext.Press("alice", "faq:pick:2")), default);

        Assert.Equal("Did you mean…?", offer.Text);
        Assert.Equal(["faq:pick:1", "faq:pick:2", "ticket:open"], offer.Buttons!.Select(b => b.Data).Order());
        Assert.True(context.MessageAnswered);
        Assert.Equal("Order page → Refund.", answer.Text);
        Assert.Equal(["faq:up:2", "faq:down:2", "ticket:open"], answer.Buttons!.Select(b => b.Data));
        Assert.Equal(2, Assert.Single(_store.Choices).EntryId);
        Assert.Equal(1, _store.Entries[2].Chosen);
        Assert.False(Assert.Single(_store.Questions).Answered);
    }

    [Fact]
    public async Task Staff_attach_an_unanswered_question_to_an_entry_with_one_button_and_members_cannot()
    {
        const string question = "I locked myself out, what now?";
        await _feature.HandleAsync(TestContext.For(TestContext.Message("alice", question, channel: "help")), default);
        Assert.Empty(await _feature.HandleAsync(TestContext.For(TestContext.Message("bob", question)), default));

        var refused = await _feature.HandleAsync(TestContext.For(TestContext.Press("bob", "faq:learn:1:1")), default);
        Assert.DoesNotContain(_store.Entries[1].Questions, q => q == question);
        var attached = await _feature.HandleAsync(TestContext.For(TestContext.Press("sam", "faq:learn:1:1"), roles: StaffRole.Support), default);
        var answered = await _feature.HandleAsync(TestContext.For(TestContext.Message("carol", question, channel: "elsewhere")), default);

        Assert.Contains("Only staff", Assert.IsType<Reply>(Assert.Single(refused)).Text, StringComparison.Ordinal);
        Assert.Contains("to FAQ entry #1", Assert.IsType<Reply>(Assert.Single(attached)).Text, StringComparison.Ordinal);
        Assert.Contains(question, _store.Entries[1].Questions);
        Assert.Empty(_store.Gaps);
        Assert.Equal("Settings → Account.", Assert.IsType<Reply>(Assert.Single(answered)).Text);
    }
}
