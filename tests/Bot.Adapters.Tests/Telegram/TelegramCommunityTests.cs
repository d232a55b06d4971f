using System.Globalization;
using System.Text.Json.Nodes;
using Bot.IntegrationTests.Support;
using static Bot.Adapters.Tests.Telegram.TelegramJson;

namespace Bot.Adapters.Tests.Telegram;

/// <summary>
/// One community across its chats, end to end through the real Telegram.Bot client and the whole bot: a member
/// group, a separate staff group linked with /staff channel, and a stranger's group that must not reach either.
/// </summary>
public sealed class TelegramCommunityTests : IAsyncLifetime
{
    private const long StaffGroup = -2002;
    private const long StrangerGroup = -3003;
    private const long LogGroup = -4004;
    private const long OwnerId = 7;
    private const long BobId = 8;
    private const long StrangerId = 9;
    private const long ManagerId = 10;
    private static readonly JsonObject Owner = User(OwnerId, "Olivia");
    private static readonly JsonObject Bob = User(BobId, "Bob");
    private static readonly JsonObject Stranger = User(StrangerId, "Mallory");
    private const long SecondGroup = -4004;
    private FakeBotApi _api = null!;
    private TelegramBotRun _bot = null!;
    private string _database = null!;
    private int _update = 100;
    private int _message = 10;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _api.SetAdmins(Group, (OwnerId, "creator"), (ManagerId, "administrator"));
        _api.SetAdmins(StaffGroup, (OwnerId, "creator"));
        _api.SetAdmins(StrangerGroup, (StrangerId, "creator"));
        _api.SetAdmins(LogGroup, (OwnerId, "creator"));
        _database = await PostgresFixture.CreateDatabaseAsync();
        _bot = await TelegramBotRun.StartAsync(_api, _database, settings: new Dictionary<string, string?>
        {
            ["Telegram:StaffChatId"] = null,
            ["Telegram:CommunityChatId"] = null,
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _api.DisposeAsync();
    }

    private JsonObject Say(long chat, JsonObject from, string text, JsonObject? replyTo = null)
    {
        var message = Message(++_message, chat, from, text, replyTo: replyTo);
        if (chat == StaffGroup)
        {
            message["chat"]!["title"] = "Staff";
        }

        _api.Enqueue(MessageUpdate(++_update, message));
        return message;
    }

    private void Press(JsonObject from, long chat, int messageId, string data) =>
        _api.Enqueue(CallbackUpdate(++_update, from, Message(messageId, chat, User(BotId, "Bot"), "card"), data));

    private Task<IReadOnlyList<ApiCall>> SentAsync(long chat, string containing, int count = 1) =>
        _api.WaitForAsync("sendMessage", c => c.Number("chat_id") == chat && c.Text("text")!.Contains(containing, StringComparison.Ordinal), count);

    private string Dump() => string.Join("\n", _api.CallsTo("sendMessage").Select(c => $"{c.Number("chat_id")}: {c.Text("text")}"));

    private async Task LinkStaffGroupAsync()
    {
        Say(Group, Owner, "/staff channel " + StaffGroup.ToString(CultureInfo.InvariantCulture));
        await SentAsync(Group, "Staff channel set to -2002");
    }

    [Fact]
    public async Task A_suggestion_reaches_the_separate_staff_group_and_the_linked_log_chat_gets_an_edited_messages_old_text()
    {
        await LinkStaffGroupAsync();
        // A chat is the community's only once linked by someone who administers both ends; then it can take the log.
        Say(Group, Owner, "/community link " + LogGroup.ToString(CultureInfo.InvariantCulture) + " announcement");
        await SentAsync(Group, "is now part of this community");
        Say(Group, Owner, "/log channel " + LogGroup.ToString(CultureInfo.InvariantCulture));
        await SentAsync(Group, "Log entries now go to");

        var said = Say(Group, Bob, "I love this place");
        await _bot.Seen.WaitForAsync<Bot.Domain.Events.MessagePosted>(m => m.MessageId == said["message_id"]!.ToString());
        var edited = said.DeepClone().AsObject();
        edited["text"] = "I really love this place";
        edited["edit_date"] = Epoch + 60;
        _api.Enqueue(new JsonObject { ["update_id"] = ++_update, ["edited_message"] = edited });
        var entry = Assert.Single(await SentAsync(LogGroup, "I really love this place"));
        Say(Group, Bob, "/suggest Please add an #events calendar");
        var card = Assert.Single(await SentAsync(StaffGroup, "Suggestion #1 [events]"));
        await _api.WaitUntilConfirmedAsync();

        Assert.Contains("“I love this place” → “I really love this place”", entry.Text("text"), StringComparison.Ordinal);
        var buttons = card.Parameters["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(row => row!.AsArray()).Select(b => b!["callback_data"]!.GetValue<string>()).ToList();
        Assert.Equal(["suggest:accepted:1", "suggest:declined:1", "suggest:duplicate:1"], buttons);
        Assert.DoesNotContain(_api.CallsTo("sendMessage"), c => c.Number("chat_id") == Group && c.Text("text")!.Contains("Suggestion #1 [events]", StringComparison.Ordinal));
        Assert.DoesNotContain(_api.CallsTo("sendMessage"), c => c.Number("chat_id") == StaffGroup && c.Text("text")!.Contains("I really love", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ticket_is_answered_from_the_staff_group_privately_closed_and_rated()
    {
        await LinkStaffGroupAsync();

        Say(Group, Bob, "/ticket open my order never arrived");
        var card = (await SentAsync(StaffGroup, "my order never arrived")).Single();
        var cardId = await SentIdAsync(StaffGroup, card.Text("text")!);
        var cardMessage = Message(cardId, StaffGroup, User(BotId, "Bot"), card.Text("text")!);
        // The card's id reaches the ticket as the send's result, after the send: staff answer once it has (people take seconds).
        var cardKnown = cardId.ToString(CultureInfo.InvariantCulture);
        await _bot.Seen.WaitForAsync<Bot.Domain.Events.ActionCompleted>(c => c.MessageId == cardKnown);
        await Task.Delay(300);

        Say(StaffGroup, Owner, "We are on it, sorry!", replyTo: cardMessage);
        var relayed = (await SentAsync(BobId, "We are on it, sorry!")).Single();
        Say(StaffGroup, Owner, "/ticket close found it", replyTo: cardMessage);
        var rating = await _api.WaitForAsync("sendMessage", c => c.Number("chat_id") == BobId && c.Parameters["reply_markup"] is not null);
        var rate = rating[0].Parameters["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(row => row!.AsArray())
            .Select(b => b!["callback_data"]!.GetValue<string>()).Single(d => d.EndsWith(":5", StringComparison.Ordinal));
        Press(Bob, BobId, 5000, rate);
        var thanks = await _api.WaitForAsync("answerCallbackQuery", c => c.Text("text") is not null);

        Assert.Contains("5", thanks[0].Text("text")!, StringComparison.Ordinal);
        Assert.DoesNotContain(_api.CallsTo("sendMessage"), c => c.Number("chat_id") == Group && c.Text("text")!.Contains("We are on it", StringComparison.Ordinal));
        Assert.NotNull(relayed);
    }

    [Fact]
    public async Task A_post_approved_with_the_staff_groups_button_is_published_in_the_community()
    {
        await LinkStaffGroupAsync();
        Say(Group, Owner, "/staff grant " + ManagerId.ToString(CultureInfo.InvariantCulture) + " manager");
        await SentAsync(Group, "manager");

        Say(Group, Owner, "/post new Launch day | The doors open at nine.");
        await SentAsync(Group, "#1");
        Say(Group, Owner, "/post submit 1 now");
        var card = (await _api.WaitForAsync("sendMessage", c => c.Number("chat_id") == StaffGroup && c.Parameters["reply_markup"] is not null)).Single();
        var approve = card.Parameters["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.GetValue<string>();
        var cardId = _api.Sent.Last(s => s.Chat == StaffGroup).MessageId;
        // The card's id is saved on the post as the send's result; a press in that same moment is refused as a
        // concurrent change (retry). A manager takes seconds: press once it is saved.
        var cardKnown = cardId.ToString(CultureInfo.InvariantCulture);
        await _bot.Seen.WaitForAsync<Bot.Domain.Events.ActionCompleted>(c => c.MessageId == cardKnown);
        await Task.Delay(300);
        Press(User(ManagerId, "Max"), StaffGroup, cardId, approve);

        IReadOnlyList<ApiCall> published;
        try
        {
            published = await SentAsync(Group, "The doors open at nine.");
        }
        catch (TimeoutException)
        {
            Assert.Fail(string.Join("\n", _api.Calls.Where(c => c.Method is "answerCallbackQuery" or "sendMessage").Select(c => c.Method + " " + c.Parameters.ToJsonString())) + string.Join("\n", _bot.Logs.Lines.Where(l => l.Contains("Warn", StringComparison.OrdinalIgnoreCase) || l.Contains("xception", StringComparison.Ordinal)).TakeLast(10)));
            throw;
        }


        Assert.StartsWith("post:approve", approve, StringComparison.Ordinal);
        Assert.Single(published);
    }

    [Fact]
    public async Task A_staff_reply_to_a_relayed_member_line_in_the_staff_group_reaches_the_member_privately()
    {
        await LinkStaffGroupAsync();
        Say(Group, Bob, "/ticket open parcel lost");
        var card = (await SentAsync(StaffGroup, "parcel lost")).Single();
        var cardKnown = (await SentIdAsync(StaffGroup, card.Text("text")!)).ToString(CultureInfo.InvariantCulture);
        await _bot.Seen.WaitForAsync<Bot.Domain.Events.ActionCompleted>(c => c.MessageId == cardKnown);

        Say(BobId, Bob, "tracking number 555");
        var line = (await SentAsync(StaffGroup, "tracking number 555")).Single();
        var lineId = await SentIdAsync(StaffGroup, line.Text("text")!);
        // The line's id comes back as the send's result; staff read it before they answer.
        var lineKnown = lineId.ToString(CultureInfo.InvariantCulture);
        await _bot.Seen.WaitForAsync<Bot.Domain.Events.ActionCompleted>(c => c.MessageId == lineKnown);
        Say(StaffGroup, Owner, "Found it at the depot", replyTo: Message(lineId, StaffGroup, User(BotId, "Bot"), line.Text("text")!));
        var relayed = await SentAsync(BobId, "Found it at the depot");

        // Without topics, a relayed line is a reply to the card; staff answered the line, not the card.
        Assert.Equal(cardKnown, line.Parameters["reply_parameters"]?["message_id"]?.ToString());
        Assert.Single(relayed);
        Assert.DoesNotContain(_api.CallsTo("sendMessage"), c => c.Number("chat_id") == Group && c.Text("text")!.Contains("depot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_manager_pressing_approve_the_moment_the_card_appears_publishes_the_post_and_closes_the_card()
    {
        await LinkStaffGroupAsync();
        Say(Group, Owner, "/staff grant " + ManagerId.ToString(CultureInfo.InvariantCulture) + " manager");
        await SentAsync(Group, "manager");
        Say(Group, Owner, "/post new Open house | Come by on Friday.");
        await SentAsync(Group, "#1");
        // The card appears in the staff group at once, but Telegram's answer (its id) reaches the bot only later.
        var answerArrives = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _api.AnswerLate(c => c.Method == "sendMessage" && c.Number("chat_id") == StaffGroup && c.Parameters["reply_markup"] is not null, answerArrives.Task);
        Say(Group, Owner, "/post submit 1 now");
        var card = (await _api.WaitForAsync("sendMessage", c => c.Number("chat_id") == StaffGroup && c.Parameters["reply_markup"] is not null)).Single();
        var approve = card.Parameters["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.GetValue<string>();

        // Pressed as soon as the card exists in the chat, before the send's result came back.
        var cardId = await SentIdAsync(StaffGroup, card.Text("text")!);
        Press(User(ManagerId, "Max"), StaffGroup, cardId, approve);
        var published = await SentAsync(Group, "Come by on Friday.");
        var closed = await _api.WaitForAsync("editMessageText", c => c.Number("chat_id") == StaffGroup && c.Number("message_id") == cardId);
        await _api.WaitForAsync("answerCallbackQuery");
        var cardKnown = cardId.ToString(CultureInfo.InvariantCulture);
        Assert.DoesNotContain(_bot.Seen.All.OfType<Bot.Domain.Events.ActionCompleted>(), c => c.MessageId == cardKnown);
        answerArrives.SetResult();
        await _bot.Seen.WaitForAsync<Bot.Domain.Events.ActionCompleted>(c => c.MessageId == cardKnown);

        Assert.Single(published);
        Assert.Single(closed);
        Assert.DoesNotContain(_api.Calls, c => c.Text("text")?.Contains("at the same moment", StringComparison.Ordinal) == true);
        // The press is answered once: by the manager's notice (the action's result says so), not also by a bare
        // acknowledgement, which would follow the press's actions within moments.
        await _api.WaitUntilConfirmedAsync();
        await Task.Delay(500);
        var answers = _api.CallsTo("answerCallbackQuery");
        Assert.Single(answers);
        Assert.NotNull(answers[0].Text("text"));
    }

    [Fact]
    public async Task The_member_count_is_the_platforms_summed_over_the_communitys_member_groups_not_its_staff_group()
    {
        _api.SetAdmins(SecondGroup, (OwnerId, "creator"));
        _api.SetMemberCount(Group, 120);
        _api.SetMemberCount(SecondGroup, 35);
        _api.SetMemberCount(StaffGroup, 4);
        await LinkStaffGroupAsync();
        Say(Group, Owner, "/community link " + SecondGroup.ToString(CultureInfo.InvariantCulture));
        await SentAsync(Group, "is now part of this community");

        // The hourly stats tick, as Quartz runs it.
        await Microsoft.Extensions.DependencyInjection.ActivatorUtilities
            .CreateInstance<Bot.Adapters.Postgres.Stats.StatsTickJob>(_bot.Services).TickAllAsync(CancellationToken.None);
        var community = Group.ToString(CultureInfo.InvariantCulture);
        var counted = await _bot.Seen.WaitForAsync<Bot.Domain.Events.ActionCompleted>(c => c.Correlation == "stats:members" && c.Community.Id == community);
        long stored = 0;
        for (var waited = 0; waited < 100 && stored == 0; waited++)
        {
            await using var connection = new Npgsql.NpgsqlConnection(_database);
            stored = await Dapper.SqlMapper.ExecuteScalarAsync<long?>(connection, "select max(members) from stats_member_counts where community = 'telegram:' || @community", new { community }) ?? 0;
            await Task.Delay(stored == 0 ? 50 : 0);
        }

        Assert.Equal("155", counted.Value);
        Assert.Equal(155, stored);
        Assert.Contains(_api.CallsTo("getChatMemberCount"), c => c.Number("chat_id") == SecondGroup);
    }

    [Fact]
    public async Task A_strangers_group_cannot_target_this_communitys_chats_nor_reach_its_staff()
    {
        await LinkStaffGroupAsync();

        Say(StrangerGroup, Stranger, "/staff channel " + StaffGroup.ToString(CultureInfo.InvariantCulture));
        var refusedLink = await _api.WaitForAsync("sendMessage", c => c.Text("text")!.Contains("not an administrator of -2002", StringComparison.Ordinal));
        Say(StrangerGroup, Stranger, "/post new Spam | Buy now | | " + Group.ToString(CultureInfo.InvariantCulture));
        var refusedPost = await _api.WaitForAsync("sendMessage", c => c.Text("text")!.Contains(Group.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            && c.Text("text")!.Contains("administrator", StringComparison.Ordinal));
        Say(StrangerGroup, Stranger, "/ticket open hello operator");
        await _bot.Seen.WaitForAsync<Bot.Domain.Events.ActionCompleted>(e => e.Community.Id == StrangerGroup.ToString(CultureInfo.InvariantCulture));

        // The refusals went to the stranger privately; nothing of theirs reached this community's chats.
        Assert.Equal(StrangerId, Assert.Single(refusedLink).Number("chat_id"));
        Assert.Single(refusedPost);
        Assert.DoesNotContain(_api.CallsTo("sendMessage"), c => c.Number("chat_id") is StaffGroup or Group && c.Text("text")!.Contains("hello operator", StringComparison.Ordinal));
        Assert.DoesNotContain(_api.CallsTo("sendMessage"), c => c.Number("chat_id") == -500);
    }

    [Fact]
    public async Task A_command_carrying_a_banned_keyword_is_deleted_and_not_run()
    {
        Say(Group, Owner, "/rule add keyword forbiddenword delete");
        await _api.WaitForAsync("sendMessage", c => c.Text("text")!.Contains("#1", StringComparison.Ordinal));

        var command = Say(Group, Bob, "/rank forbiddenword");
        var deleted = await _api.WaitForAsync("deleteMessage");
        await _api.WaitUntilConfirmedAsync();

        Assert.Equal(command["message_id"]!.GetValue<int>(), deleted[0].Number("message_id"));
        Assert.True(_api.CallsTo("sendMessage").All(c => c.Number("chat_id") != Group || !c.Text("text")!.Contains("point", StringComparison.OrdinalIgnoreCase)), Dump());
    }

    [Fact]
    public async Task An_export_and_infractions_never_appear_in_the_group()
    {
        _api.NotStarted(BobId);
        Say(Group, Bob, "/mydata export");
        var pointer = (await SentAsync(Group, "t.me/" + BotUsername + "?start=")).Single().Text("text")!;
        var token = pointer[(pointer.IndexOf("?start=", StringComparison.Ordinal) + "?start=".Length)..].Split(' ', '\n')[0];
        _api.Started(BobId);
        Say(BobId, Bob, "/start " + token);
        IReadOnlyList<ApiCall> document;
        try
        {
            document = await _api.WaitForAsync("sendDocument", c => c.Number("chat_id") == BobId, seconds: 8);
        }
        catch (TimeoutException)
        {
            Assert.Fail(string.Join("\n", _bot.Logs.Lines.Where(l => l.Contains("Warn", StringComparison.OrdinalIgnoreCase) || l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("xception", StringComparison.Ordinal)).TakeLast(15)));
            throw;
        }


        Say(Group, Owner, "/infractions " + BobId.ToString(CultureInfo.InvariantCulture));
        var infractions = await _api.WaitForAsync("sendMessage", c => c.Number("chat_id") == OwnerId);

        Assert.Single(document);
        Assert.DoesNotContain(_api.CallsTo("sendDocument"), c => c.Number("chat_id") == Group);
        Assert.DoesNotContain("export", pointer, StringComparison.OrdinalIgnoreCase);
        Assert.Single(infractions);
        Assert.Single(_api.CallsTo("sendMessage"), c => c.Number("chat_id") == Group);
    }

    /// <summary>The id the fake gave a sent message; it is recorded as the call is answered, so it may lag the call a moment.</summary>
    private async Task<int> SentIdAsync(long chat, string text)
    {
        for (var waited = 0; waited < 100; waited++)
        {
            if (_api.Sent.FirstOrDefault(s => s.Chat == chat && s.Text == text) is { MessageId: > 0 } sent)
            {
                return sent.MessageId;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no message '{text}' was recorded in chat {chat}");
    }
}
