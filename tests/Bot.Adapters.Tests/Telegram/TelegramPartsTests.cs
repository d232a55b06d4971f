using Bot.Adapters.Telegram;
using Bot.Domain.Model;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Adapters.Tests.Telegram;

public sealed class TelegramPartsTests
{
    [Fact]
    public void Html_is_escaped_and_long_text_is_split_within_the_limit()
    {
        Assert.Equal("a &lt;b&gt; &amp; c", TelegramFormatting.Escape("a <b> & c"));

        var lines = string.Join('\n', Enumerable.Range(0, 800).Select(i => $"line {i:000}"));
        var chunks = TelegramFormatting.Chunks(lines);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(c.Length <= TelegramFormatting.MaxMessageLength));
        Assert.Equal(lines, string.Join('\n', chunks));
    }

    [Fact]
    public void Buttons_become_an_inline_keyboard_of_rows_of_three()
    {
        var keyboard = TelegramFormatting.Keyboard([.. Enumerable.Range(1, 4).Select(i => new Button($"B{i}", $"faq:up:{i}"))]);

        Assert.NotNull(keyboard);
        Assert.Equal([3, 1], keyboard.InlineKeyboard.Select(r => r.Count()));
        Assert.Equal("faq:up:4", keyboard.InlineKeyboard.Last().Single().CallbackData);
        Assert.Null(TelegramFormatting.Keyboard([]));
    }

    [Fact]
    public void The_token_and_its_secret_part_are_redacted()
    {
        var redactor = new TokenRedactor(new TelegramOptions { BotToken = "123456:ABC-secret_part" });

        var text = redactor.Redact("POST https://api.telegram.org/bot123456:ABC-secret_part/getMe and ABC-secret_part");

        Assert.DoesNotContain("ABC-secret_part", text, StringComparison.Ordinal);
        Assert.Contains(TokenRedactor.Mask, text, StringComparison.Ordinal);
        Assert.Contains("boom", redactor.Describe(new InvalidOperationException("outer", new HttpRequestException("boom ABC-secret_part"))), StringComparison.Ordinal);
        Assert.DoesNotContain("ABC-secret_part", redactor.Describe(new HttpRequestException("boom ABC-secret_part")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_webhook_secret_must_match_exactly()
    {
        Assert.True(TelegramWebhook.SecretMatches("s3cret-token", "s3cret-token"));
        Assert.False(TelegramWebhook.SecretMatches("s3cret-token", "s3cret-tokeN"));
        Assert.False(TelegramWebhook.SecretMatches("s3cret-token", "s3cret"));
        Assert.False(TelegramWebhook.SecretMatches("s3cret-token", null));
        Assert.False(TelegramWebhook.SecretMatches(null, ""));
    }

    [Fact]
    public void Webhook_mode_without_a_secret_or_https_url_fails_validation()
    {
        var options = new TelegramOptions { BotToken = "1:abc", Mode = TelegramMode.Webhook, WebhookUrl = "http://example.org/hook" };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(e => e.ErrorMessage).ToList();

        Assert.Contains(errors, e => e!.Contains("WebhookSecret", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.Contains("https", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_rate_limiter_keeps_one_message_per_second_per_chat_and_twenty_per_minute_per_group()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new TelegramRateLimiter(new TelegramOptions(), time);

        await limiter.WaitAsync(-100, CancellationToken.None);
        var second = limiter.WaitAsync(-100, CancellationToken.None);
        Assert.False(second.IsCompleted);
        await limiter.WaitAsync(-200, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        await second;

        // 2 sent to group -100 so far; 18 more fit in its minute, the 21st waits for the first to leave the window.
        for (var i = 0; i < 18; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await limiter.WaitAsync(-100, CancellationToken.None);
        }

        time.Advance(TimeSpan.FromSeconds(1));
        var twentyFirst = limiter.WaitAsync(-100, CancellationToken.None);
        Assert.False(twentyFirst.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(40));
        await twentyFirst;
    }

    [Fact]
    public async Task A_pause_holds_back_the_chat_it_names_only()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new TelegramRateLimiter(new TelegramOptions(), time);

        limiter.Pause(-100, TimeSpan.FromSeconds(5));
        var paused = limiter.WaitAsync(-100, CancellationToken.None);
        await limiter.WaitAsync(-200, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(paused.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await paused;
    }
}
