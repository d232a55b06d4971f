using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace Bot.Adapters.Telegram;

/// <summary>
/// A group's administrators (the staff Telegram knows about), asked for with <c>getChatAdministrators</c>
/// and kept for <see cref="TelegramOptions.AdminCacheDuration"/>, or until a <c>chat_member</c> update
/// shows someone becoming or ceasing to be an administrator.
/// </summary>
public sealed partial class TelegramAdminCache(TelegramGateway api, TelegramOptions options, TimeProvider time, TokenRedactor redactor, ILogger<TelegramAdminCache> logger)
{
    private readonly ConcurrentDictionary<long, (TelegramAdmins Admins, DateTimeOffset FetchedAt)> _cache = new();

    public async Task<TelegramAdmins> GetAsync(long chatId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(chatId, out var entry) && now - entry.FetchedAt < options.AdminCacheDuration)
        {
            return entry.Admins;
        }

        try
        {
            var members = await api.CallAsync("getChatAdministrators", (c, t) => c.GetChatAdministrators(chatId, cancellationToken: t), ct);
            var admins = new TelegramAdmins(
                members.Select(m => m.User.Id).ToHashSet(),
                members.FirstOrDefault(m => m.Status == ChatMemberStatus.Creator)?.User.Id);
            _cache[chatId] = (admins, now);
            return admins;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Without the list nobody is staff for this event; the last known list is better than none.
            LogAdminsUnavailable(chatId, redactor.Describe(e));
            return entry.Admins ?? TelegramAdmins.None;
        }
    }

    public void Invalidate(long chatId) => _cache.TryRemove(chatId, out _);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the administrators of Telegram chat {ChatId}: {Reason}")]
    private partial void LogAdminsUnavailable(long chatId, string reason);
}
