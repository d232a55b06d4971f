using System.Globalization;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Moderation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Adapters.Telegram;

/// <summary>
/// Raid mode on Telegram (<c>RestrictNewMembers</c>): while it is on, each new member is restricted to
/// reading and greeted with a button; pressing it (only they can) lifts the restriction and removes the greeting —
/// unless a moderator's timeout or ban has been given since (the domain's <see cref="RaidControl.RunningSanctionAsync"/>).
/// </summary>
public sealed partial class NewMemberCheck(
    TelegramStore store, TelegramGateway api, TelegramSettings settings, IServiceScopeFactory scopes, TimeProvider time, TokenRedactor redactor, ILogger<NewMemberCheck> logger)
{
    private const string VerifyPrefix = UpdateTranslator.OwnButtonPrefix + "verify:";

    public Task SetAsync(CommunityRef community, bool enabled, CancellationToken ct) =>
        store.SetNewMemberCheckAsync(community.ToString(), enabled, ct);

    public async Task OnJoinedAsync(MemberJoined joined, CancellationToken ct)
    {
        if (joined.Member.IsPlatformAdmin || !await store.NewMemberCheckAsync(joined.Community.ToString(), ct))
        {
            return;
        }

        var chat = long.Parse(joined.Community.Id, CultureInfo.InvariantCulture);
        var user = long.Parse(joined.Member.User.Id, CultureInfo.InvariantCulture);
        var culture = await settings.CultureAsync(joined.Community, ct);
        try
        {
            await api.CallAsync("restrictChatMember", (c, t) => c.RestrictChatMember(chat, user, Permissions(false), cancellationToken: t), ct);
            var button = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData(
                TelegramText.Get(culture, "NewMemberCheckButton"), VerifyPrefix + joined.Member.User.Id));
            var text = TelegramText.Get(culture, "NewMemberCheck", joined.Member.DisplayName);
            await api.SendAsync("sendMessage", chat, (c, t) => c.SendMessage(chat, text, replyMarkup: button, cancellationToken: t), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCheckFailed(chat, user, redactor.Describe(e));
        }
    }

    public async Task OnButtonAsync(CallbackQuery callback, CancellationToken ct)
    {
        if (callback.Message is not { } greeting || callback.Data?.StartsWith(VerifyPrefix, StringComparison.Ordinal) != true)
        {
            await api.CallAsync("answerCallbackQuery", (c, t) => c.AnswerCallbackQuery(callback.Id, cancellationToken: t), ct);
            return;
        }

        var culture = await settings.CultureAsync(UpdateTranslator.Community(greeting.Chat.Id), ct);
        if (callback.Data[VerifyPrefix.Length..] != callback.From.Id.ToString(CultureInfo.InvariantCulture))
        {
            var notYours = TelegramText.Get(culture, "NewMemberCheckNotYours");
            await api.CallAsync("answerCallbackQuery", (c, t) => c.AnswerCallbackQuery(callback.Id, notYours, showAlert: true, cancellationToken: t), ct);
            return;
        }

        var chat = greeting.Chat.Id;
        if (await RunningSanctionAsync(UpdateTranslator.Community(chat), callback.From.Id, ct) is { } sanction)
        {
            var until = (sanction.ExpiresAt ?? time.GetUtcNow()).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var held = TelegramText.Get(culture, "NewMemberCheckSanctioned", until);
            await api.CallAsync("answerCallbackQuery", (c, t) => c.AnswerCallbackQuery(callback.Id, held, showAlert: true, cancellationToken: t), ct);
            return;
        }

        await api.CallAsync("restrictChatMember", (c, t) => c.RestrictChatMember(chat, callback.From.Id, Permissions(true), cancellationToken: t), ct);
        var passed = TelegramText.Get(culture, "NewMemberCheckPassed");
        await api.CallAsync("answerCallbackQuery", (c, t) => c.AnswerCallbackQuery(callback.Id, passed, cancellationToken: t), ct);
        await api.CallAsync("deleteMessage", (c, t) => c.DeleteMessage(chat, greeting.Id, cancellationToken: t), ct);
        LogCheckPassed(chat, callback.From.Id);
    }

    // The domain decides (RaidControl); this only asks it, reading moderation's records outside any batch.
    private async Task<Infraction?> RunningSanctionAsync(CommunityRef community, long user, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var raids = scope.ServiceProvider.GetRequiredService<RaidControl>();
        return await raids.RunningSanctionAsync(community, new UserRef(Platform.Telegram, user.ToString(CultureInfo.InvariantCulture)), time.GetUtcNow(), ct);
    }

    /// <summary>All false keeps a member to reading; all true lifts every restriction (the group's defaults still apply).</summary>
    public static ChatPermissions Permissions(bool allowed) => new()
    {
        CanSendMessages = allowed,
        CanSendAudios = allowed,
        CanSendDocuments = allowed,
        CanSendPhotos = allowed,
        CanSendVideos = allowed,
        CanSendVideoNotes = allowed,
        CanSendVoiceNotes = allowed,
        CanSendPolls = allowed,
        CanSendOtherMessages = allowed,
        CanAddWebPagePreviews = allowed,
        CanInviteUsers = allowed,
        CanChangeInfo = allowed,
        CanPinMessages = allowed,
        CanManageTopics = allowed,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "New-member check for user {UserId} in chat {ChatId} could not be set up: {Reason}")]
    private partial void LogCheckFailed(long chatId, long userId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} passed the new-member check in chat {ChatId}")]
    private partial void LogCheckPassed(long chatId, long userId);
}
