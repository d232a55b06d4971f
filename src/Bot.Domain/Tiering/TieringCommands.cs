using System.Globalization;
using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Model;
using Bot.Domain.Staff;
using Bot.Domain.Text;

namespace Bot.Domain.Tiering;

/// <summary><c>/rank</c>, <c>/top</c>, <c>/tiers</c>, <c>/thanks</c>, and the staff's <c>/tier spend|credit|import|link|threshold|channel</c>.</summary>
public sealed class TieringCommands(
    ITieringStore store, TierPoints points, IMemberStore members, TieringOptions options, ISpendingStore spending, SpendingLedger ledger) : ICommandHandler
{
    private const int TopCount = 10;
    private const int MaxCustomerLength = 254; // the longest email address
    private const int UnmatchedListed = 20;
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
            new("import", "TierImportDescription", Permission.ManageTiers, T,
            [
                new("file", OptionKind.File, "OptionSpendingFile", FileTypes: ["csv", "txt"], MaxBytes: options.MaxImportBytes),
                new("columns", OptionKind.Text, "OptionColumns", Required: false),
            ]),
            new("link", "TierLinkDescription", Permission.ManageTiers, T,
            [
                new("user", OptionKind.User, "OptionUser"),
                new("customer", OptionKind.Text, "OptionCustomer"),
            ]),
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
        if (call.Path == "tier import")
        {
            return await ImportAsync(call, ct);
        }

        var text = call.Path switch
        {
            "rank" => await RankAsync(call, ct),
            "top" => await TopAsync(call, ct),
            "tiers" => await TiersAsync(call, ct),
            "thanks" => await ThanksAsync(call, ct),
            "tier spend" => await SpendAsync(call, ct),
            "tier credit" => await CreditAsync(call, ct),
            "tier link" => await LinkAsync(call, ct),
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

    private async Task<IReadOnlyList<BotAction>> ImportAsync(CommandCall call, CancellationToken ct)
    {
        var culture = Culture(call);
        var now = call.Context.Now;
        SpendingColumns? columns = null;
        if (call.Options.OptionalText("columns") is { } typed)
        {
            var (parsed, mappingError) = SpendingColumns.Parse(typed);
            if (mappingError is not null)
            {
                return [call.Reply(TieringText.Get(culture, "ImportFailed", TieringText.Get(culture, mappingError.Key, mappingError.Args)))];
            }

            columns = parsed;
        }

        var saved = await spending.GetColumnsAsync(call.Community, ct);
        var text = Encoding.UTF8.GetString(call.Options.File("file").Content);
        var (file, error) = SpendingCsv.Read(text, columns ?? saved, options.MaxImportRows, call.Context.Settings.Zone, now);
        if (error is not null)
        {
            return [call.Reply(TieringText.Get(culture, "ImportFailed", TieringText.Get(culture, error.Key, error.Args)))];
        }

        if (file!.Columns != saved)
        {
            await spending.SaveColumnsAsync(call.Community, file.Columns, now, ct);
        }

        var batch = await ledger.CreditAsync(call.Community, file.Rows, call.Caller.User, "csv", now, culture, ct);
        return [call.Reply(ImportReport(culture, file, batch.Results, saved), ephemeral: true), .. batch.Promotions];
    }

    private static string ImportReport(CultureInfo culture, SpendingFile file, IReadOnlyList<SpendingResult> results, SpendingColumns? saved)
    {
        var credited = results.Where(r => r.Outcome == SpendingOutcome.Credited).ToList();
        var totals = string.Join(", ", credited.GroupBy(r => r.Row.Currency ?? string.Empty)
            .Select(g => (g.Sum(r => r.Row.Amount).ToString("0.##", CultureInfo.InvariantCulture) + " " + g.Key).TrimEnd()));
        var report = new StringBuilder(TieringText.Get(
            culture, "Imported", credited.Count, credited.Select(r => r.User).Distinct().Count(), totals.Length == 0 ? "0" : totals,
            results.Count(r => r.Outcome == SpendingOutcome.AlreadyRecorded)));
        var unmatched = results.Where(r => r.Outcome == SpendingOutcome.Unmatched).ToList();
        if (unmatched.Count > 0)
        {
            report.Append('\n').Append(TieringText.Get(culture, "ImportUnmatched", unmatched.Count));
            foreach (var result in unmatched.Take(UnmatchedListed))
            {
                report.Append('\n').Append(TieringText.Get(culture, "ImportUnmatchedLine", result.Row.Line, TieringText.Get(culture, result.Reason!.Key, result.Reason.Args)));
            }

            if (unmatched.Count > UnmatchedListed)
            {
                report.Append('\n').Append(TieringText.Get(culture, "ImportUnmatchedMore", unmatched.Count - UnmatchedListed));
            }
        }

        if (file.Columns != saved)
        {
            report.Append('\n').Append(TieringText.Get(culture, "ImportColumnsSaved", file.Columns.ToString()));
        }

        return report.ToString();
    }

    private async Task<string> LinkAsync(CommandCall call, CancellationToken ct)
    {
        var user = call.Options.User("user");
        var customer = call.Options.Text("customer").Trim();
        // A shop's customer key (an email, a customer id) is one word: anything else would never match an import.
        if (customer.Length > MaxCustomerLength || customer.Any(char.IsWhiteSpace))
        {
            return TieringText.Get(Culture(call), "LinkUsage", MaxCustomerLength);
        }

        await spending.LinkAsync(call.Community, customer, user, call.Caller.User, call.Context.Now, ct);
        return TieringText.Get(Culture(call), "Linked", customer, await NameOfAsync(call, user, ct));
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
