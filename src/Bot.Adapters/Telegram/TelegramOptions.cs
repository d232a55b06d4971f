using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Bot.Adapters.Telegram;

public enum TelegramMode
{
    Polling,
    Webhook,
}

/// <summary>Bound from the <c>Telegram</c> section. <see cref="BotToken"/> is a secret: never logged.</summary>
public sealed partial class TelegramOptions : IValidatableObject
{
    public const string Section = "Telegram";

    public const string OfficialApi = "https://api.telegram.org";

    [Required(ErrorMessage = "Telegram:BotToken is required (the token @BotFather gave you).")]
    public string BotToken { get; set; } = string.Empty;

    /// <summary>The Bot API server: the official one, a local Bot API server, or a test fake.</summary>
    [Required]
    [Url(ErrorMessage = "Telegram:ApiBaseUrl must be an absolute http(s) URL.")]
    public string ApiBaseUrl { get; set; } = OfficialApi;

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>The public HTTPS address Telegram posts updates to (ends in <c>/telegram/webhook</c>).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Sent by Telegram in <c>X-Telegram-Bot-Api-Secret-Token</c>; 1-256 of A-Z a-z 0-9 _ -.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// The staff chat of the configured community (<see cref="CommunityChatId"/>), until <c>/staff channel</c> names one;
    /// never used for other groups. A forum supergroup gets one topic per ticket.
    /// </summary>
    public long? StaffChatId { get; set; }

    /// <summary>When not empty, the only chats the bot stays in: it leaves any other group it is added to.</summary>
    public long[] AllowedChats { get; set; } = [];

    /// <summary>The community a private chat with the bot belongs to; when unset, the only group the bot has seen.</summary>
    public long? CommunityChatId { get; set; }

    [Range(0, 50)]
    public int PollTimeoutSeconds { get; set; } = 25;

    /// <summary>How long the chat administrators (the staff) are trusted before being asked for again.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan AdminCacheDuration { get; set; } = TimeSpan.FromMinutes(10);

    [Range(0.01, 100)]
    public double MessagesPerSecondPerChat { get; set; } = 1;

    [Range(1, 1000)]
    public int MessagesPerMinutePerGroup { get; set; } = 20;

    [Range(1, 1000)]
    public int RequestsPerSecond { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(BotToken) && !TokenShape().IsMatch(BotToken))
        {
            yield return new ValidationResult("Telegram:BotToken does not look like a bot token (digits, ':', then letters, digits, '_' or '-').", [nameof(BotToken)]);
        }

        if (StaffChatId is not null && CommunityChatId is null)
        {
            yield return new ValidationResult("Telegram:StaffChatId needs Telegram:CommunityChatId: the staff chat belongs to that community only.", [nameof(StaffChatId)]);
        }

        if (Mode != TelegramMode.Webhook)
        {
            yield break;
        }

        if (!Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult("Telegram:WebhookUrl must be an absolute https:// URL in webhook mode.", [nameof(WebhookUrl)]);
        }

        if (string.IsNullOrEmpty(WebhookSecret))
        {
            yield return new ValidationResult("Telegram:WebhookSecret is required in webhook mode.", [nameof(WebhookSecret)]);
        }
        else if (!SecretShape().IsMatch(WebhookSecret))
        {
            yield return new ValidationResult("Telegram:WebhookSecret must be 1-256 characters of A-Z, a-z, 0-9, '_' or '-'.", [nameof(WebhookSecret)]);
        }
    }

    [GeneratedRegex("^[0-9]+:[A-Za-z0-9_-]+$")]
    private static partial Regex TokenShape();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretShape();
}
