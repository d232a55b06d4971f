using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Staff;

namespace Bot.Domain.Health;

/// <summary>
/// <c>/health</c> (the community's outbox lag, dead letters and poison updates) and <c>/health retry [id]</c> (dead
/// letters back into the outbox), for managers and owners; answered privately.
/// </summary>
public sealed class HealthCommands(IHealthStore store) : ICommandHandler
{
    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("health", "HealthDescription", Permission.ManageSettings, HealthText.Texts, DefaultSubcommand: "show", Subcommands:
        [
            new("show", "HealthShowDescription", Permission.ManageSettings, HealthText.Texts),
            new("retry", "HealthRetryDescription", Permission.ManageSettings, HealthText.Texts,
            [
                new("id", OptionKind.Integer, "OptionId", Required: false, Min: 1),
            ]),
        ]),
    ];

    public async Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        if (call.Path == "health retry")
        {
            var id = call.Options.OptionalInteger("id");
            var count = await store.RetryAsync(call.Community, id, ct);
            return [call.Reply(HealthDigest.Retried(culture, id, count), ephemeral: true)];
        }

        var report = await store.ReportAsync(call.Community, HealthDigest.Latest, ct);
        return [call.Reply(HealthDigest.Report(culture, call.Context.Settings.Zone, report), ephemeral: true)];
    }
}
