using System.Diagnostics;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Telegram;
using Bot.Domain.Actions;
using Bot.Domain.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Bot.Adapters.Tests.Telegram.TelegramJson;

namespace Bot.Adapters.Tests.Telegram;

/// <summary>Actions carried out by the real Telegram.Bot client against the loopback fake.</summary>
public sealed class TelegramExecutorTests : IAsyncLifetime
{
    private static readonly CommunityRef Community = new(Platform.Telegram, Group.ToString(System.Globalization.CultureInfo.InvariantCulture));
    private readonly CapturedLogs _logs = new();
    private FakeBotApi _api = null!;
    private ServiceProvider _services = null!;

    private IActionExecutor Executor => _services.GetRequiredService<IActionExecutor>();

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _services = TelegramServices.Build(TelegramServices.Options(_api), _logs);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task A_reply_is_sent_escaped_as_a_reply_with_its_buttons_and_reports_the_message_id()
    {
        var result = await Executor.ExecuteAsync(
            new Reply(Community, Community.Id, "1 < 2 & ok", "77", Buttons: [new Button("Yes", "faq:up:1")]) { Correlation = "c1" }, CancellationToken.None);

        var call = Assert.Single(_api.CallsTo("sendMessage"));
        Assert.Equal("1 &lt; 2 &amp; ok", call.Text("text"));
        Assert.Equal("html", call.Text("parse_mode"), ignoreCase: true);
        Assert.Equal(77, call.Parameters["reply_parameters"]!["message_id"]!.GetValue<int>());
        Assert.Equal("faq:up:1", call.Parameters["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.GetValue<string>());
        Assert.True(result.Succeeded);
        Assert.Equal(Community.Id, result.ChannelId);
        Assert.Equal("1001", result.MessageId);
    }

    [Fact]
    public async Task An_ephemeral_reply_to_a_press_too_old_to_answer_is_sent_as_a_message()
    {
        _api.FailNext("answerCallbackQuery", 400, "Bad Request: query is too old and response timeout expired or query ID is invalid");

        var result = await Executor.ExecuteAsync(
            new Reply(Community, Community.Id, "Done.", Ephemeral: true, InteractionId: "cb9"), CancellationToken.None);

        Assert.Equal("cb9", Assert.Single(_api.CallsTo("answerCallbackQuery")).Text("callback_query_id"));
        Assert.Equal("Done.", Assert.Single(_api.CallsTo("sendMessage")).Text("text"));
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task A_429_waits_retry_after_and_then_sends_once()
    {
        _api.FailNext("sendMessage", 429, "Too Many Requests: retry after 1", retryAfter: 1);
        var clock = Stopwatch.StartNew();

        var result = await Executor.ExecuteAsync(new SendMessage(Community, Community.Id, "hello"), CancellationToken.None);

        var calls = _api.CallsTo("sendMessage");
        Assert.True(result.Succeeded);
        Assert.Equal(2, calls.Count);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(0.95), $"retried after {(calls[1].At - calls[0].At).TotalMilliseconds} ms");
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95));
        Assert.Contains(_logs.Lines, l => l.Contains("429", StringComparison.Ordinal) && l.Contains("waiting 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleting_a_message_Telegram_refuses_is_a_clean_failure_not_a_crash()
    {
        _api.FailNext("deleteMessage", 400, "Bad Request: message can't be deleted for everyone");

        var result = await Executor.ExecuteAsync(new DeleteMessage(Community, Community.Id, "5", "spam"), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("48 hours", result.Error, StringComparison.Ordinal);
        Assert.Contains(_logs.Lines, l => l.Contains("was not deleted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_purge_deletes_in_calls_of_at_most_100_messages()
    {
        var ids = Enumerable.Range(1, 150).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var result = await Executor.ExecuteAsync(new DeleteMessages(Community, Community.Id, ids, "/purge"), CancellationToken.None);

        Assert.True(result.Succeeded);
        var calls = _api.CallsTo("deleteMessages");
        Assert.Equal([100, 50], calls.Select(c => c.Parameters["message_ids"]!.AsArray().Count));
        Assert.Equal(ids, calls.SelectMany(c => c.Parameters["message_ids"]!.AsArray().Select(n => n!.ToJsonString())));
        Assert.Empty(_api.CallsTo("deleteMessage"));
    }

    [Fact]
    public async Task An_invite_link_is_created_named_and_reported_as_the_value()
    {
        var result = await Executor.ExecuteAsync(
            new CreateInviteLink(Community, new UserRef(Platform.Telegram, "8"), "invite for Bob, a rather long member name") { Correlation = "invite:8" },
            CancellationToken.None);

        var call = Assert.Single(_api.CallsTo("createChatInviteLink"));
        Assert.Equal(32, call.Text("name")!.Length);
        Assert.StartsWith("https://t.me/+link", result.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_thread_in_a_forum_is_a_topic_whose_id_later_posts_go_to()
    {
        _api.StaffChatIsForum = true;

        var opened = await Executor.ExecuteAsync(new OpenStaffThread(Community, "Ticket #4", "Bob needs help"), CancellationToken.None);
        await Executor.ExecuteAsync(new PostToStaff(Community, "Bob wrote again", ThreadId: opened.ChannelId), CancellationToken.None);

        var topic = Assert.Single(_api.CallsTo("createForumTopic"));
        Assert.Equal("Ticket #4", topic.Text("name"));
        var posts = _api.CallsTo("sendMessage");
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.Equal(opened.ChannelId, p.Text("message_thread_id")));
        Assert.Equal(-500, posts[0].Number("chat_id"));
    }

    [Fact]
    public async Task A_staff_thread_without_a_forum_is_a_reply_chain()
    {
        var opened = await Executor.ExecuteAsync(new OpenStaffThread(Community, "Ticket #5", "Help"), CancellationToken.None);
        await Executor.ExecuteAsync(new PostToStaff(Community, "More", ThreadId: opened.ChannelId), CancellationToken.None);

        Assert.Empty(_api.CallsTo("createForumTopic"));
        var posts = _api.CallsTo("sendMessage");
        Assert.Equal(opened.MessageId, posts[1].Parameters["reply_parameters"]!["message_id"]!.ToString());
    }

    [Fact]
    public async Task Timeout_ban_and_kick_use_restrict_ban_and_unban()
    {
        var bob = new UserRef(Platform.Telegram, "8");
        var until = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        await Executor.ExecuteAsync(new TimeoutMember(Community, bob, until, "flood"), CancellationToken.None);
        await Executor.ExecuteAsync(new KickMember(Community, bob, "spam"), CancellationToken.None);

        var restrict = Assert.Single(_api.CallsTo("restrictChatMember"));
        Assert.Equal(until.ToUnixTimeSeconds(), restrict.Number("until_date"));
        // Telegram.Bot leaves false permissions out, and Telegram reads a missing permission as not allowed.
        Assert.DoesNotContain("true", restrict.Parameters["permissions"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(_api.CallsTo("banChatMember"));
        Assert.Equal("true", Assert.Single(_api.CallsTo("unbanChatMember")).Parameters["only_if_banned"]!.ToJsonString());
    }

    [Fact]
    public async Task A_bad_token_stops_start_up_with_a_clear_message_that_does_not_contain_it()
    {
        const string wrong = "999999:WRONG-token-value_abc";
        await using var services = TelegramServices.Build(TelegramServices.Options(_api, wrong), _logs);
        var startup = services.GetServices<IHostedService>().OfType<TelegramStartup>().Single();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => startup.StartAsync(CancellationToken.None));

        Assert.Contains("Telegram:BotToken", error.Message, StringComparison.Ordinal);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("WRONG-token-value_abc", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("WRONG-token-value_abc", _logs.All, StringComparison.Ordinal);
        Assert.Equal(wrong, Assert.Single(_api.CallsTo("getMe")).Token);
    }

    [Fact]
    public async Task An_edit_of_a_formatted_post_keeps_its_html_and_can_unpin_it()
    {
        const string html = "<b>New &amp; better</b>\n\n<i>live</i> 1 &lt; 2";

        var result = await Executor.ExecuteAsync(new EditMessage(Community, Community.Id, "55", html, Formatted: true, Pin: false), CancellationToken.None);

        var edit = Assert.Single(_api.CallsTo("editMessageText"));
        Assert.Equal(html, edit.Text("text"));
        Assert.Equal("html", edit.Text("parse_mode"), ignoreCase: true);
        Assert.Equal(55, edit.Number("message_id"));
        Assert.Equal(55, Assert.Single(_api.CallsTo("unpinChatMessage")).Number("message_id"));
        Assert.Empty(_api.CallsTo("pinChatMessage"));
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task A_plain_edit_is_escaped_and_leaves_the_pin_alone()
    {
        await Executor.ExecuteAsync(new EditMessage(Community, Community.Id, "56", "1 < 2 & <b>"), CancellationToken.None);

        Assert.Equal("1 &lt; 2 &amp; &lt;b&gt;", Assert.Single(_api.CallsTo("editMessageText")).Text("text"));
        Assert.Empty(_api.CallsTo("pinChatMessage"));
        Assert.Empty(_api.CallsTo("unpinChatMessage"));
    }

    [Fact]
    public async Task An_edit_to_the_same_text_still_pins()
    {
        _api.FailNext("editMessageText", 400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same");

        var result = await Executor.ExecuteAsync(new EditMessage(Community, Community.Id, "57", "<b>Same</b>", Formatted: true, Pin: true), CancellationToken.None);

        Assert.True(result.Succeeded);
        var pin = Assert.Single(_api.CallsTo("pinChatMessage"));
        Assert.Equal(57, pin.Number("message_id"));
    }
}
