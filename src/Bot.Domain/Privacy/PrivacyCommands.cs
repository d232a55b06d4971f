using System.Text.Json;
using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Commands;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;

namespace Bot.Domain.Privacy;

/// <summary>
/// <c>/mydata export|erase</c> for members (erase asks for confirmation with a button) and
/// <c>/privacy erase @user</c> for staff. Exports go privately, as a JSON file.
/// </summary>
public sealed class PrivacyCommands(IPersonalDataStore data, IAuditLog audit, Pseudonyms pseudonyms, Moderation.Enforcer enforcer) : ICommandHandler, IFeature
{
    private const string ConfirmErase = "privacy:erase:";

    public string Name => "privacy";

    public int Order => 900;

    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("mydata", "MyDataDescription", Permission.Everyone, PrivacyText.Texts, Subcommands:
        [
            new("export", "MyDataExportDescription", Permission.Everyone, PrivacyText.Texts),
            new("erase", "MyDataEraseDescription", Permission.Everyone, PrivacyText.Texts),
        ]),
        new("privacy", "PrivacyDescription", Permission.ManagePrivacy, PrivacyText.Texts, Subcommands:
        [
            new("erase", "PrivacyEraseDescription", Permission.ManagePrivacy, PrivacyText.Texts,
            [
                new("user", OptionKind.User, "OptionUser"),
            ]),
            new("export", "PrivacyExportDescription", Permission.ManagePrivacy, PrivacyText.Texts,
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
            case "mydata export":
                return [await ExportAsync(call, call.Caller.User, ct), call.Reply(PrivacyText.Texts.Get(culture, "ExportSent"), ephemeral: true)];
            case "privacy export":
                var subject = call.Options.User("user");
                await audit.RecordAsync(new AuditEntry(call.Community, call.Context.Now, call.Caller.User, "privacy-export", subject, "/privacy export", string.Empty), ct);
                var export = await ExportAsync(call, subject, ct);
                return [new DirectMessage(call.Community, call.Caller.User, PrivacyText.Texts.Get(culture, "ExportFor", subject.Id), File: ((DirectMessage)export).File)];
            case "mydata erase":
                return [call.Reply(
                    PrivacyText.Texts.Get(culture, "EraseConfirm"), ephemeral: true,
                    buttons: [new Button(PrivacyText.Texts.Get(culture, "EraseButton"), ConfirmErase + call.Caller.User.Id, ButtonStyle.Danger)])];
            default:
                var target = call.Options.User("user");
                var rows = await EraseAsync(call.Community, target, call.Caller.User, call.Context.Now, "/privacy erase", ct);
                return [call.Reply(PrivacyText.Texts.Get(culture, "Erased", pseudonyms.Of(call.Community, target), rows), ephemeral: true)];
        }
    }

    public async Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct)
    {
        // Only the member themself can confirm their own erasure.
        if (context.Event is not ButtonPressed { Data: var buttonData } press || !buttonData.StartsWith(ConfirmErase, StringComparison.Ordinal)
            || buttonData[ConfirmErase.Length..] != press.By.User.Id)
        {
            return FeatureResults.None;
        }

        var rows = await EraseAsync(press.Community, press.By.User, press.By.User, context.Now, "/mydata erase", ct);
        return [new Reply(press.Community, press.ChannelId, PrivacyText.Texts.Get(context.Culture, "ErasedSelf", rows), Ephemeral: true, InteractionId: press.InteractionId)];
    }

    private async Task<int> EraseAsync(CommunityRef community, UserRef target, UserRef by, DateTimeOffset now, string source, CancellationToken ct)
    {
        // Moderation's pseudonymised record lasts as long as a strike counts on this community's ladder.
        var anonymous = pseudonyms.Of(community, target);
        var decay = (await enforcer.LadderAsync(community, ct)).LongestWindow;
        var rows = await data.EraseAsync(community, target, anonymous, decay, ct);
        var actor = by == target ? new UserRef(by.Platform, anonymous) : by;
        await audit.RecordAsync(new AuditEntry(community, now, actor, "privacy-erase", new UserRef(target.Platform, anonymous), source, $"{rows} rows"), ct);
        return rows;
    }

    private async Task<BotAction> ExportAsync(CommandCall call, UserRef user, CancellationToken ct)
    {
        var tables = await data.ExportAsync(call.Community, user, ct);
        var json = JsonSerializer.SerializeToUtf8Bytes(
            new { community = call.Community.ToString(), user = user.Id, exportedAt = call.Context.Now, data = tables },
            new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return new DirectMessage(call.Community, call.Caller.User, PrivacyText.Texts.Get(call.Context.Culture, "ExportCaption"),
            File: new Attachment($"mydata-{user.Id}.json", "application/json", json));
    }
}
