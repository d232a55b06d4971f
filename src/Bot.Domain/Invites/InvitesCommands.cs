using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Staff;

namespace Bot.Domain.Invites;

/// <summary><c>/invite</c> (a personal link) and <c>/invites [top|report] [user]</c>.</summary>
public sealed class InvitesCommands(IInviteStore store, IMemberStore members, PermissionTable permissions) : ICommandHandler
{
    private const int TopCount = 10;

    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("invite", "InviteDescription", Permission.Everyone, InvitesText.Texts),
        new("invites", "InvitesDescription", Permission.Everyone, InvitesText.Texts,
        [
            new("view", OptionKind.Choice, "OptionView", Required: false, Choices: ["top", "report"]),
            new("user", OptionKind.User, "OptionUser", Required: false),
        ]),
    ];

    public async Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct)
    {
        if (call.Path == "invite")
        {
            return await InviteAsync(call, ct);
        }

        var text = call.Options.OptionalChoice("view") switch
        {
            "top" => await TopAsync(call, ct),
            "report" => await ReportAsync(call, ct),
            _ => await SummaryAsync(call, ct),
        };
        return [call.Reply(text)];
    }

    private async Task<IReadOnlyList<BotAction>> InviteAsync(CommandCall call, CancellationToken ct)
    {
        if (await store.LinkOfAsync(call.Community, call.Caller.User, ct) is { } existing)
        {
            return [call.Reply(InvitesText.Get(call.Context.Culture, "InviteExisting", existing.Url), ephemeral: true)];
        }

        var correlation = InvitesFeature.CorrelationPrefix + call.Invocation.EventId;
        var invocation = call.Invocation;
        await store.SaveRequestAsync(
            new InviteRequest(correlation, call.Community, call.Caller.User, invocation.ChannelId, invocation.MessageId, invocation.InteractionId, invocation.ThreadId), ct);
        // Telegram limits a link's name to 32 characters.
        var name = call.Caller.DisplayName.Length > 32 ? call.Caller.DisplayName[..32] : call.Caller.DisplayName;
        return [new CreateInviteLink(call.Community, call.Caller.User, name) { Correlation = correlation }];
    }

    private async Task<string> SummaryAsync(CommandCall call, CancellationToken ct)
    {
        var user = call.Options.OptionalUser("user") ?? call.Caller.User;
        var name = user == call.Caller.User ? call.Caller.DisplayName : (await members.GetAsync(call.Community, user, ct))?.DisplayName ?? user.Id;
        var s = await store.SummaryAsync(call.Community, user, ct);
        return InvitesText.Get(call.Context.Culture, "Summary", name, s.Pending, s.Qualified, s.Rewarded, s.Left, s.NotCounted);
    }

    private async Task<string> TopAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var top = await store.TopAsync(call.Community, TopCount, ct);
        if (top.Count == 0)
        {
            return InvitesText.Get(culture, "TopEmpty");
        }

        var text = new StringBuilder(InvitesText.Get(culture, "TopHeader"));
        for (var i = 0; i < top.Count; i++)
        {
            text.Append('\n').Append(InvitesText.Get(culture, "TopLine", i + 1, top[i].DisplayName, top[i].Rewarded, top[i].Pending));
        }

        return text.ToString();
    }

    private async Task<string> ReportAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        if (!permissions.Allows(call.Context.ActorRoles, Permission.ViewStats))
        {
            return InvitesText.Get(culture, "ReportNotPermitted");
        }

        var links = await store.ReportAsync(call.Community, call.Context.Now, ct);
        if (links.Count == 0)
        {
            return InvitesText.Get(culture, "ReportEmpty");
        }

        var text = new StringBuilder(InvitesText.Get(culture, "ReportHeader"));
        foreach (var link in links)
        {
            text.Append('\n').Append(InvitesText.Get(
                culture, "ReportLine", link.Url, link.OwnerName, link.Joins, link.Present7, link.Eligible7, link.Present30, link.Eligible30));
        }

        return text.ToString();
    }
}
