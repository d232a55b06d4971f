using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Staff;

namespace Bot.Domain.LogChannel;

/// <summary><c>/log channel &lt;channel&gt;</c> and <c>/log off</c> (managers, owners).</summary>
public sealed class LogChannelCommands(ILogChannelStore store) : ICommandHandler
{
    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("log", "LogDescription", Permission.ManageSettings, LogChannelText.Texts, Subcommands:
        [
            new("channel", "LogChannelDescription", Permission.ManageSettings, LogChannelText.Texts,
            [
                new("channel", OptionKind.Channel, "OptionChannel"),
            ]),
            new("off", "LogOffDescription", Permission.ManageSettings, LogChannelText.Texts),
        ]),
    ];

    public async Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        if (call.Path == "log off")
        {
            var had = await store.ClearAsync(call.Community, ct);
            return [call.Reply(LogChannelText.Get(culture, had ? "Off" : "WasOff"))];
        }

        var channel = call.Options.Channel("channel");
        await store.SetAsync(call.Community, channel, call.Caller.User, call.Context.Now, ct);
        return [call.Reply(LogChannelText.Get(culture, "Set", channel))];
    }
}
