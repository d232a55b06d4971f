using System.Globalization;
using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Model;
using Bot.Domain.Staff;
using Bot.Domain.Text;

namespace Bot.Domain.Tiering;

/// <summary><c>/rank</c>, <c>/top</c>, <c>/tiers</c>, <c>/thanks</c>, and the staff's <c>/tier spend|credit|import|threshold|channel</c>.</summary>
public sealed class TieringCommands(ITieringStore store, TierPoints points, IMemberStore members, TieringOptions options) : ICommandHandler
{
    private const int TopCount = 10;
    private static readonly string[] TierChoices = ["active", "core", "leader"];
    private static readonly Texts T = TieringText.Texts;

    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("rank", "RankDescription", Permission.Everyone, T, [new("user", OptionKind.User, "OptionUser", Required: false)]),
        new("top", "TopDescription", Permission.Everyone, T),
        new("tiers", "TiersDescription", Permission.Everyone, T),
        new("thanks", "ThanksDescription", Permission.Everyone, T,
        [
            new("user", OptionKind.User, "OptionUser"),
            new("reason", OptionKind.Text, "OptionReason", Required: false),
        ]),
        new("tier", "TierDescription", Permission.ManageTiers, T, Subcommands:
        [
            new("spend", "TierSpendDescription", Permission.ManageTiers, T,
            [
                new("user", OptionKind.User, "OptionUser"),
                new("amount", OptionKind.Integer, "OptionAmount", Min: 1, Max: 100_000_000),
            ]),
            new("credit", "TierCreditDescription", Permission.ManageTiers, T,
            [
                new("user", OptionKind.User, "OptionUser"),
                new("points", OptionKind.Integer, "OptionPoints", Min: 1, Max: options.MaxCreditPoints),
                new("reason", OptionKind.Text, "OptionReason"),
            ]),
            new("import", "TierImportDescription", Permission.ManageTiers, T),
            new("threshold", "TierThresholdDescription", Permission.ManageTiers, T,
            [
                new("tier", OptionKind.Choice, "OptionTier", Choices: TierChoices),
                new("points", OptionKind.Integer, "OptionPoints", Min: 1, Max: 1_000_000_000),
            ]),
            new("channel", "TierChannelDescription", Permission.ManageTiers, T,
            [
                new("channel", OptionKind.Channel, "OptionChannel", Required: false),
            ]),
        ]),
    ];

    public async Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct)
    {
        var text = call.Path switch
        {
            "rank" => await RankAsync(call, ct),
            "top" => await TopAsync(call, ct),
            "tiers" => await TiersAsync(call, ct),
            "thanks" => await ThanksAsync(call, ct),
            "tier spend" => await SpendAsync(call, ct),
            "tier credit" => await CreditAsync(call, ct),
            "tier import" => await ImportAsync(call, ct),
            "tier threshold" => await ThresholdAsync(call, ct),
            _ => await ChannelAsync(call, ct),
        };
        return [call.Reply(text)];
    }

    private static CultureInfo Culture(CommandCall call) => call.Context.Culture;

    private async Task<string> NameOfAsync(CommandCall call, UserRef user, CancellationToken ct) =>
        user == call.Caller.User ? call.Caller.DisplayName : (await members.GetAsync(call.Community, user, ct))?.DisplayName ?? user.Id;

    private async Task<string> RankAsync(CommandCall call, CancellationToken ct)
    {
        var culture = Culture(call);
        var now = call.Context.Now;
        var user = call.Options.OptionalUser("user") ?? call.Caller.User;
        var standing = (await store.GetAsync(call.Community, user, forUpdate: false, ct) ?? TierStanding.New(call.Community, user, now))
            .DecayedTo(now, options.HalfLife);
        var thresholds = (await TieringFeature.SettingsAsync(store, call.Community, options, ct)).Thresholds;
        var rank = TieringText.Get(
            culture, "Rank", await NameOfAsync(call, user, ct), TieringText.TierName(culture, standing.Tier), TieringText.Points(standing.Score),
            TieringText.Points(standing.Activity), TieringText.Points(standing.Contribution), TieringText.Points(standing.Spending));
        var next = standing.Tier switch
        {
            Tier.OpinionLeader => TieringText.Get(culture, "RankTop"),
            _ when standing.Tier == Tier.Core && standing.Score >= thresholds.OpinionLeader => TieringText.Get(culture, "RankLeaderReady"),
            _ when standing.Score >= thresholds.Of(standing.Tier + 1) => TieringText.Get(culture, "RankNextSoon", TieringText.TierName(culture, standing.Tier + 1)),
            _ => TieringText.Get(
                culture, standing.Tier == Tier.Core ? "RankNextLeader" : "RankNext",
                TieringText.TierName(culture, standing.Tier + 1), TieringText.Points(thresholds.Of(standing.Tier + 1) - standing.Score)),
        };
        return rank + "\n" + next;
    }

    private async Task<string> TopAsync(CommandCall call, CancellationToken ct)
    {
        var culture = Culture(call);
        var top = await store.TopAsync(call.Community, call.Context.Now, options.HalfLife, TopCount, ct);
        if (top.Count == 0)
        {
            return TieringText.Get(culture, "TopEmpty");
        }

        var text = new StringBuilder(TieringText.Get(culture, "TopHeader"));
        for (var i = 0; i < top.Count; i++)
        {
            text.Append('\n').Append(TieringText.Get(
                culture, "TopLine", i + 1, top[i].DisplayName, TieringText.Points(top[i].Score), TieringText.TierName(culture, top[i].Tier)));
        }

        return text.ToString();
    }

    private async Task<string> TiersAsync(CommandCall call, CancellationToken ct)
    {
        var culture = Culture(call);
        var thresholds = (await TieringFeature.SettingsAsync(store, call.Community, options, ct)).Thresholds;
        var text = new StringBuilder(TieringText.Get(culture, "TiersHeader", TieringText.Points(options.HalfLifeDays)));
        foreach (var tier in Enum.GetValues<Tier>())
        {
            text.Append('\n').Append(TieringText.Get(
                culture, "TierLine", TieringText.TierName(culture, tier), TieringText.Points(thresholds.Of(tier)), TieringText.Get(culture, "Perk" + tier)));
        }

        return text.Append('\n').Append(TieringText.Get(culture, "TiersFooter")).ToString();
    }

    private async Task<string> ThanksAsync(CommandCall call, CancellationToken ct)
    {
        var culture = Culture(call);
        var to = call.Options.User("user");
        if (to == call.Caller.User)
        {
            return TieringText.Get(culture, "ThanksSelf");
        }

        var today = TieringFeature.DayStart(call.Context.Now, call.Context.Settings.Zone);
        if (await store.CountGivenAsync(call.Community, call.Caller.User, PointKind.Thanks, today, ct) >= options.ThanksPerDay)
        {
            return TieringText.Get(culture, "ThanksLimit", options.ThanksPerDay);
        }

        await points.CreditAsync(
            new PointEntry(call.Community, to, call.Context.Now, PointKind.Thanks, options.ThanksPoints, call.Caller.User, null, call.Options.OptionalText("reason")), ct);
        return TieringText.Get(culture, "Thanked", call.Caller.DisplayName, await NameOfAsync(call, to, ct), TieringText.Points(options.ThanksPoints));
    }

    private async Task<string> SpendAsync(CommandCall call, CancellationToken ct)
    {
        var user = call.Options.User("user");
        var amount = call.Options.Integer("amount");
        var earned = amount * options.SpendingPointsPerUnit;
        await points.CreditAsync(
            new PointEntry(call.Community, user, call.Context.Now, PointKind.Spending, earned, call.Caller.User, null, amount.ToString(CultureInfo.InvariantCulture)), ct);
        return TieringText.Get(Culture(call), "SpendRecorded", await NameOfAsync(call, user, ct), amount, TieringText.Points(earned));
    }

    private async Task<string> CreditAsync(CommandCall call, CancellationToken ct)
    {
        var user = call.Options.User("user");
        var credited = call.Options.Integer("points");
        await points.CreditAsync(
            new PointEntry(call.Community, user, call.Context.Now, PointKind.Credit, credited, call.Caller.User, null, call.Options.Text("reason")), ct);
        return TieringText.Get(Culture(call), "Credited", await NameOfAsync(call, user, ct), credited);
    }

    private async Task<string> ImportAsync(CommandCall call, CancellationToken ct)
    {
        var culture = Culture(call);
        var files = call.Invocation.Attachments ?? [];
        if (files.Count != 1)
        {
            return TieringText.Get(culture, "ImportNeedsFile");
        }

        var (rows, error) = SpendingCsv.Parse(Encoding.UTF8.GetString(files[0].Content), options.MaxImportRows);
        if (error is not null)
        {
            return TieringText.Get(culture, "ImportFailed", TieringText.Get(culture, error.Key, error.Args));
        }

        // Every member is resolved before anything is written: a file with one unknown member changes nothing.
        var resolved = new List<(SpendingRow Row, UserRef User)>(rows.Count);
        foreach (var row in rows)
        {
            // A name several members share is refused like an unknown one: the file must name members by id or username.
            if (await members.MatchAsync(call.Community, row.User.TrimStart('@'), ct) is not [var member])
            {
                return TieringText.Get(culture, "ImportFailed", TieringText.Get(culture, "CsvUnknownMember", row.Line, row.User));
            }

            resolved.Add((row, member.User));
        }

        var (imported, skipped, total) = (0, 0, 0m);
        foreach (var (row, user) in resolved)
        {
            var entry = new PointEntry(
                call.Community, user, call.Context.Now, PointKind.Spending, (double)row.Amount * options.SpendingPointsPerUnit, call.Caller.User,
                row.Reference is null ? null : "csv:" + row.Reference, row.Amount.ToString(CultureInfo.InvariantCulture));
            if (await points.CreditAsync(entry, ct) is null)
            {
                skipped++;
                continue;
            }

            imported++;
            total += row.Amount;
        }

        return TieringText.Get(culture, "Imported", imported, skipped, total.ToString(CultureInfo.InvariantCulture));
    }

    private async Task<string> ThresholdAsync(CommandCall call, CancellationToken ct)
    {
        var culture = Culture(call);
        var tier = call.Options.Choice("tier") switch { "active" => Tier.Active, "core" => Tier.Core, _ => Tier.OpinionLeader };
        var score = call.Options.Integer("points");
        var settings = await TieringFeature.SettingsAsync(store, call.Community, options, ct);
        var next = settings.Thresholds.With(tier, score);
        if (!next.IsOrdered)
        {
            var t = settings.Thresholds;
            return TieringText.Get(culture, "ThresholdOrder", TieringText.Points(t.Active), TieringText.Points(t.Core), TieringText.Points(t.OpinionLeader));
        }

        await store.SaveCommunityAsync(settings with { Thresholds = next }, ct);
        return TieringText.Get(culture, "ThresholdSet", TieringText.TierName(culture, tier), score);
    }

    private async Task<string> ChannelAsync(CommandCall call, CancellationToken ct)
    {
        var channel = call.Options.OptionalChannel("channel") ?? call.Invocation.ChannelId;
        var settings = await TieringFeature.SettingsAsync(store, call.Community, options, ct);
        await store.SaveCommunityAsync(settings with { AnnounceChannelId = channel }, ct);
        return TieringText.Get(Culture(call), "AnnounceChannelSet", channel);
    }
}
