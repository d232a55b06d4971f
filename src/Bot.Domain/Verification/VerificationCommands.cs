using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Commands;
using Bot.Domain.Moderation;
using Bot.Domain.Rules;
using Bot.Domain.Staff;

namespace Bot.Domain.Verification;

/// <summary>
/// <c>/welcome set &lt;text&gt;</c> and <c>/welcome</c> (managers, owners): the greeting, with <c>{name}</c> and <c>{community}</c>;
/// <c>/verify on|off</c> and <c>/verify member &lt;user&gt;</c> (moderators): the switch, and verifying someone by hand.
/// </summary>
public sealed class VerificationCommands(IVerificationStore store, IRulesStore rules, VerificationOptions options, IAuditLog audit, RaidControl raids) : ICommandHandler
{
    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("welcome", "WelcomeDescription", Permission.ManageSettings, VerificationText.Texts, Subcommands:
        [
            new("show", "WelcomeShowDescription", Permission.ManageSettings, VerificationText.Texts),
            new("set", "WelcomeSetDescription", Permission.ManageSettings, VerificationText.Texts,
            [
                new("text", OptionKind.Text, "OptionWelcomeText"),
            ]),
        ], DefaultSubcommand: "show"),
        new("verify", "VerifyDescription", Permission.Moderate, VerificationText.Texts, Subcommands:
        [
            new("on", "VerifyOnDescription", Permission.Moderate, VerificationText.Texts),
            new("off", "VerifyOffDescription", Permission.Moderate, VerificationText.Texts),
            new("member", "VerifyMemberDescription", Permission.Moderate, VerificationText.Texts,
            [
                new("user", OptionKind.User, "OptionUser"),
            ]),
        ]),
    ];

    public async Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        switch (call.Path)
        {
            case "welcome show":
                var settings = await store.GetSettingsAsync(call.Community, ct);
                return [call.Reply(settings.Welcome is null
                    ? VerificationText.Get(culture, "NoWelcome")
                    : VerificationText.Get(culture, "WelcomeIs", settings.Welcome, settings.Enabled ? VerificationText.Get(culture, "On") : VerificationText.Get(culture, "Off")), ephemeral: true)];
            case "welcome set":
                var text = RulesText.Lines(call.Options.Text("text"));
                if (text.Length > options.MaxWelcomeLength)
                {
                    return [call.Reply(VerificationText.Get(culture, "WelcomeTooLong", text.Length, options.MaxWelcomeLength), ephemeral: true)];
                }

                await store.SetWelcomeAsync(call.Community, text, ct);
                var preview = Welcome.Fill(text, call.Caller.DisplayName, call.Community.Id);
                return [call.Reply(VerificationText.Get(culture, "WelcomeSet", preview), ephemeral: true)];
            case "verify on" or "verify off":
                var on = call.Path == "verify on";
                await store.SetEnabledAsync(call.Community, on, ct);
                await audit.RecordAsync(new AuditEntry(call.Community, call.Context.Now, call.Caller.User, on ? "verify-on" : "verify-off", null, "/" + call.Path, string.Empty), ct);
                return [call.Reply(on ? VerificationText.Get(culture, "VerifyOn", options.TimeoutMinutes) : VerificationText.Get(culture, "VerifyOff"))];
            default:
                return await VerifyByHandAsync(call, ct);
        }
    }

    /// <summary>A moderator verifies someone; a raid newcomer's platform restriction is lifted too (never a sanction given since).</summary>
    private async Task<IReadOnlyList<BotAction>> VerifyByHandAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var user = call.Options.User("user");
        var version = (await rules.GetAsync(call.Community, ct))?.Version ?? 0;
        var newcomer = await store.GetNewcomerAsync(call.Community, user, ct);
        await store.VerifyAsync(call.Community, user, call.Caller.User, call.Context.Now, version, ct);
        await audit.RecordAsync(new AuditEntry(call.Community, call.Context.Now, call.Caller.User, "verify", user, "/verify member", string.Empty), ct);
        if (newcomer is not { IsVerified: false })
        {
            return [call.Reply(VerificationText.Get(culture, "NotWaiting", user.Id), ephemeral: true)];
        }

        var actions = new List<BotAction> { new CancelTimer(call.Community, VerificationFeature.Feature, VerificationFeature.TimeoutKey(user)) };
        var (lift, sanctionUntil) = newcomer.Raid ? await VerificationFeature.LiftRaidHoldAsync(raids, call.Community, user, call.Context.Now, ct) : (null, null);
        if (lift is not null)
        {
            actions.Add(lift);
        }

        actions.Add(call.Reply(sanctionUntil is null
            ? VerificationText.Get(culture, "VerifiedByHand", user.Id)
            : VerificationText.Get(culture, "VerifiedButSanctioned", user.Id, sanctionUntil)));
        return actions;
    }
}
