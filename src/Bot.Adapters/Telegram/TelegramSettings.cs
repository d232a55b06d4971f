using System.Globalization;
using Bot.Domain.Community;
using Bot.Domain.Model;
using Bot.Domain.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Adapters.Telegram;

/// <summary>
/// What the adapter reads of a community's settings when it acts on its own: the language of its messages
/// and the staff chat (<c>/staff channel</c>; <see cref="TelegramOptions.StaffChatId"/> is set as the configured community's at
/// start, so a stranger's group never falls back to the operator's staff chat).
/// </summary>
public sealed class TelegramSettings(IServiceScopeFactory scopes, IServiceProvider services)
{
    public CultureInfo DefaultCulture => Languages.Culture(services.GetService<CommunityOptions>()?.DefaultLanguage ?? "en");

    public async Task<CultureInfo> CultureAsync(CommunityRef community, CancellationToken ct) =>
        (await GetAsync(community, ct))?.Language is { } language ? Languages.Culture(language) : DefaultCulture;

    public async Task<long?> StaffChatAsync(CommunityRef community, CancellationToken ct) =>
        long.TryParse((await GetAsync(community, ct))?.StaffChannelId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chat)
            ? chat
            : null;

    private async Task<CommunitySettings?> GetAsync(CommunityRef community, CancellationToken ct)
    {
        // A scope of its own: a read outside any pipeline batch, rolled back when the scope ends.
        await using var scope = scopes.CreateAsyncScope();
        return scope.ServiceProvider.GetService<ICommunityStore>() is { } store ? await store.GetAsync(community, ct) : null;
    }
}
