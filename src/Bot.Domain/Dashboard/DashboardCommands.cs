using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Staff;

namespace Bot.Domain.Dashboard;

/// <summary>
/// <c>/dashboard</c>: a one-time sign-in link to the web dashboard, sent privately (a member's private chat with the
/// bot), valid for <see cref="DashboardOptions.LinkLifetime"/>. Only the link's hash is stored, and the message
/// carrying it is <see cref="BotAction.Sensitive"/>, so the outbox forgets its text once it is sent.
/// </summary>
public sealed class DashboardCommands(IDashboardStore store, DashboardOptions options) : ICommandHandler
{
    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("dashboard", "DashboardDescription", Permission.OpenDashboard, DashboardText.Texts),
    ];

    public async Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        if (!options.Enabled)
        {
            return [call.Reply(DashboardText.Get(culture, "Disabled"), ephemeral: true)];
        }

        var token = DashboardSecrets.New();
        await store.AddLinkAsync(DashboardSecrets.Hash(token), new DashboardMember(call.Community, call.Caller), call.Context.Now + DashboardOptions.LinkLifetime, ct);
        var text = DashboardText.Get(culture, "Link", options.LoginLink(token), (int)DashboardOptions.LinkLifetime.TotalMinutes);
        if (call.Invocation.IsDirect)
        {
            return [call.Reply(text, ephemeral: true) with { Sensitive = true }];
        }

        // Never in the channel: whoever opens the link first is signed in as the caller.
        return
        [
            new DirectMessage(call.Community, call.Caller.User, text) { Sensitive = true },
            call.Reply(DashboardText.Get(culture, "LinkSentPrivately"), ephemeral: true),
        ];
    }
}
