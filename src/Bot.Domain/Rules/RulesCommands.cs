using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Commands;
using Bot.Domain.Staff;

namespace Bot.Domain.Rules;

/// <summary>
/// <c>/rules</c> shows the rules to anyone; <c>/rules set &lt;text&gt;</c> (managers, owners) publishes a new version, pinned in
/// every member chat of the community (and in the chat where it is run, unless that is the staff chat or a private one).
/// </summary>
public sealed class RulesCommands(IRulesStore store, RulesPublisher publisher, RulesOptions options, IAuditLog audit) : ICommandHandler
{
    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("rules", "RulesDescription", Permission.Everyone, RulesText.Texts, Subcommands:
        [
            new("show", "RulesShowDescription", Permission.Everyone, RulesText.Texts),
            new("set", "RulesSetDescription", Permission.ManageSettings, RulesText.Texts,
            [
                new("text", OptionKind.Text, "OptionRulesText"),
            ]),
        ], DefaultSubcommand: "show"),
    ];

    public async Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        if (call.Path == "rules show")
        {
            var current = await store.GetAsync(call.Community, ct);
            return [call.Reply(current is null ? RulesText.Get(culture, "NoRules") : RulesText.Render(culture, current))];
        }

        var text = RulesText.Lines(call.Options.Text("text"));
        if (text.Length > options.MaxLength)
        {
            return [call.Reply(RulesText.Get(culture, "TooLong", text.Length, options.MaxLength), ephemeral: true)];
        }

        var invocation = call.Invocation;
        if (!invocation.IsDirect && invocation.ThreadId is null && invocation.ChannelId != call.Context.Settings.StaffChannelId)
        {
            await store.AddChatAsync(call.Community, invocation.ChannelId, ct);
        }

        var rules = await store.SetAsync(call.Community, text, call.Caller.User, call.Context.Now, ct);
        await audit.RecordAsync(new AuditEntry(call.Community, call.Context.Now, call.Caller.User, "rules-set", null, "/rules set", $"v{rules.Version}"), ct);
        var published = await publisher.PublishAsync(call.Community, rules, culture, ct);
        var answer = published.Count == 0 ? RulesText.Get(culture, "SetNoChat", rules.Version) : RulesText.Get(culture, "Set", rules.Version, published.Count);
        return [.. published, call.Reply(answer, ephemeral: true)];
    }
}
