using Bot.Domain.Commands;
using Bot.Domain.Staff;
using Bot.Domain.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

using Bot.Adapters.Postgres.Core;

namespace Bot.Adapters.Telegram;

/// <summary>
/// Checks the token (<c>getMe</c>), publishes the command menus and, in webhook mode, registers the webhook.
/// Runs before polling starts; any failure stops the host with a message that names the setting, never the token.
/// </summary>
public sealed partial class TelegramStartup(
    TelegramGateway api,
    TelegramOptions options,
    TelegramBotIdentity identity,
    IServiceScopeFactory scopes,
    TokenRedactor redactor,
    ILogger<TelegramStartup> logger) : IHostedService
{
    /// <summary>The updates the bot asks Telegram for (chat_member must be named: Telegram leaves it out by default).</summary>
    public static readonly UpdateType[] AllowedUpdates =
    [
        UpdateType.Message, UpdateType.EditedMessage, UpdateType.ChatMember, UpdateType.MyChatMember,
        UpdateType.CallbackQuery, UpdateType.MessageReaction,
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        User me;
        try
        {
            me = await api.CallAsync("getMe", (c, t) => c.GetMe(t), cancellationToken);
        }
        catch (ApiRequestException e) when (e.ErrorCode is 401 or 404)
        {
            throw new InvalidOperationException(
                $"Telegram rejected Telegram:BotToken (getMe answered {e.ErrorCode} {redactor.Redact(e.Message)}). Copy the token again from @BotFather.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"Telegram could not be reached at Telegram:ApiBaseUrl to check the bot token: {redactor.Describe(e)}");
        }

        identity.Set(me.Id, me.Username ?? string.Empty);
        LogConnected(me.Username ?? me.FirstName, me.Id, options.Mode);
        await PublishCommandsAsync(cancellationToken);
        if (options is { StaffChatId: { } staff, CommunityChatId: { } home })
        {
            await ConfiguredStaffChat.SeedAsync(
                scopes, UpdateTranslator.Community(home), staff.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        }

        if (options.Mode == TelegramMode.Webhook)
        {
            try
            {
                await api.CallAsync("setWebhook", (c, t) => c.SetWebhook(
                    options.WebhookUrl!, allowedUpdates: AllowedUpdates, secretToken: options.WebhookSecret, cancellationToken: t), cancellationToken);
            }
            catch (ApiRequestException e)
            {
                throw new InvalidOperationException($"Telegram refused Telegram:WebhookUrl: {redactor.Redact(e.Message)}");
            }

            LogWebhookSet(options.WebhookUrl!);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Members see the commands anyone may use; administrators see those plus the staff commands
    /// (Telegram's menu is per audience, not per permission: the router still checks each call).
    /// </summary>
    private async Task PublishCommandsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CommandCatalog>();
        foreach (var language in Languages.Supported)
        {
            var culture = Languages.Culture(language);
            var everyone = catalog.All.Where(s => s.Visibility == Permission.Everyone).Select(s => Menu(s, culture)).ToList();
            var all = catalog.All.Select(s => Menu(s, culture)).ToList();
            // Telegram's language codes are two letters: zh-TW is published for "zh", English as the default.
            var code = language == "en" ? null : language[..2];
            await api.CallAsync("setMyCommands", (c, t) => c.SetMyCommands(everyone, BotCommandScope.Default(), code, t), ct);
            await api.CallAsync("setMyCommands", (c, t) => c.SetMyCommands(all, BotCommandScope.AllChatAdministrators(), code, t), ct);
        }

        LogCommandsPublished(catalog.All.Count());
    }

    private static BotCommand Menu(CommandSpec spec, System.Globalization.CultureInfo culture)
    {
        // Telegram allows 3-256 characters of description.
        var description = spec.Describe(culture);
        description = description.Length switch
        {
            < 3 => description.PadRight(3, '.'),
            > 256 => description[..256],
            _ => description,
        };
        return new BotCommand { Command = spec.Name, Description = description };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to Telegram as @{Username} ({BotId}), receiving updates by {Mode}")]
    private partial void LogConnected(string username, long botId, TelegramMode mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram webhook set to {Url}")]
    private partial void LogWebhookSet(string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Count} commands to Telegram's menus")]
    private partial void LogCommandsPublished(int count);
}
