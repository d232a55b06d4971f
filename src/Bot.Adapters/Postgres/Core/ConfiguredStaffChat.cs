using Bot.Domain.Community;
using Bot.Domain.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Adapters.Postgres.Core;

/// <summary>
/// A staff chat named in configuration (<c>Telegram:StaffChatId</c> with <c>Telegram:CommunityChatId</c>, <c>Discord:StaffChannelId</c>
/// with <c>Discord:HomeGuildId</c>) becomes, at start, the configured community's staff chat, as if linked with
/// <c>/staff channel</c>; a staff chat already set there wins. No other community ever gets it.
/// </summary>
public static class ConfiguredStaffChat
{
    public static async Task SeedAsync(IServiceScopeFactory scopes, CommunityRef community, string staffChat, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var communities = services.GetRequiredService<ICommunityStore>();
        var settings = await communities.GetAsync(community, ct);
        if (settings?.StaffChannelId is not null)
        {
            return;
        }

        var defaults = services.GetRequiredService<CommunityOptions>();
        settings ??= new CommunitySettings(community, defaults.DefaultLanguage, defaults.DefaultTimeZone);
        await communities.SaveAsync(settings with { StaffChannelId = staffChat }, ct);
        if (staffChat != community.Id)
        {
            var configuration = new UserRef(community.Platform, "configuration");
            await services.GetRequiredService<ICommunityChatStore>().LinkAsync(
                new CommunityChat(community, staffChat, ChatRole.Staff, string.Empty, configuration, services.GetRequiredService<TimeProvider>().GetUtcNow()), ct);
        }

        await services.GetRequiredService<DbSession>().CommitAsync(ct);
    }
}
