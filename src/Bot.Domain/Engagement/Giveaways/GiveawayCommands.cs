using System.Globalization;
using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;
using Bot.Domain.Text;
using Bot.Domain.Tiering;

namespace Bot.Domain.Engagement.Giveaways;

/// <summary>
/// <c>/giveaway start|end|reroll|verify</c>, the Enter button, the end timer. The seed is drawn at the start,
/// only its hash is shown until the end, and every draw is recomputable with <see cref="VerifiableDraw"/>.
/// </summary>
public sealed class GiveawayCommands(
    IGiveawayStore store,
    IMemberStore members,
    ITierDirectory tiers,
    IAuditLog audit,
    ISeedSource seeds,
    EngagementOptions options) : ICommandHandler
{
    public const string TimerPrefix = "giveaway:";
    public const string CorrelationPrefix = "engagement:giveaway:";
    public const string EnterPrefix = "giveaway:enter:";

    private static readonly Texts T = EngagementText.Texts;

    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("giveaway", "GiveawayDescription", Permission.ManageEvents, T, Subcommands:
        [
            new("start", "GiveawayStartDescription", Permission.ManageEvents, T,
            [
                new("prize", OptionKind.Text, "OptionPrize"),
                new("duration", OptionKind.Duration, "OptionDuration"),
                new("winners", OptionKind.Integer, "OptionWinners", Required: false, Min: 1, Max: options.MaxWinners),
                new("tier", OptionKind.Choice, "OptionTier", Required: false, Choices: TierNames.All),
                new("age", OptionKind.Text, "OptionAge", Required: false),
            ]),
            new("end", "GiveawayEndDescription", Permission.ManageEvents, T, [new("id", OptionKind.Integer, "OptionGiveawayId", Min: 1)]),
            new("reroll", "GiveawayRerollDescription", Permission.ManageEvents, T,
            [
                new("id", OptionKind.Integer, "OptionGiveawayId", Min: 1),
                new("count", OptionKind.Integer, "OptionRerollCount", Required: false, Min: 1, Max: options.MaxWinners),
            ]),
            new("verify", "GiveawayVerifyDescription", Permission.Everyone, T, [new("id", OptionKind.Integer, "OptionGiveawayId", Min: 1)]),
        ]),
    ];

    public Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct) => call.Path switch
    {
        "giveaway start" => StartAsync(call, ct),
        "giveaway end" => EndByStaffAsync(call, ct),
        "giveaway reroll" => RerollAsync(call, ct),
        _ => VerifyAsync(call, ct),
    };

    private async Task<IReadOnlyList<BotAction>> StartAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var prize = call.Options.Text("prize").Trim();
        if (prize.Length is 0 or > 200)
        {
            return [call.Reply(EngagementText.Get(culture, "PrizeLength"), ephemeral: true)];
        }

        var requirements = GiveawayRequirements.None with
        {
            MinTier = call.Options.OptionalChoice("tier") is { } tierName ? TierNames.Parse(tierName) : null,
        };
        if (call.Options.OptionalText("age") is { } age)
        {
            if (!TryParseAge(age, out var accountAge, out var memberAge))
            {
                return [call.Reply(EngagementText.Get(culture, "BadAge", age), ephemeral: true)];
            }

            requirements = requirements with { MinAccountAge = accountAge, MinMembershipAge = memberAge };
        }

        var seed = seeds.NewSeed();
        var now = call.Context.Now;
        var draft = new Giveaway(
            0, call.Community, call.Invocation.ChannelId, null, prize, (int)(call.Options.OptionalInteger("winners") ?? 1), requirements,
            call.Caller.User, now, now + call.Options.Duration("duration"), seed, VerifiableDraw.Commitment(seed));
        var id = await store.CreateAsync(draft, ct);
        var giveaway = draft with { Id = id };
        var post = call.Reply(Announcement(giveaway, call.Context.Settings, culture), buttons: [EnterButton(id, culture)]) with
        {
            Correlation = CorrelationPrefix + id.ToString(CultureInfo.InvariantCulture),
        };
        return [post, new ScheduleTimer(call.Community, EngagementFeature.TimerFeature, TimerPrefix + id, giveaway.EndsAt)];
    }

    private async Task<IReadOnlyList<BotAction>> EndByStaffAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var id = call.Options.Integer("id");
        var giveaway = await store.LockAsync(call.Community, id, ct);
        if (giveaway is null)
        {
            return [call.Reply(EngagementText.Get(culture, "NoSuchGiveaway", id), ephemeral: true)];
        }

        if (giveaway.Ended)
        {
            return [call.Reply(EngagementText.Get(culture, "GiveawayAlreadyEnded", id), ephemeral: true)];
        }

        var actions = await EndAsync(giveaway, call.Context, call.Caller.User, "/giveaway end", ct);
        return [.. actions, new CancelTimer(call.Community, EngagementFeature.TimerFeature, TimerPrefix + id)];
    }

    /// <summary>The end timer: a giveaway already ended by staff stays as it is.</summary>
    public async Task<IReadOnlyList<BotAction>> OnTimerAsync(TimerFired timer, EventContext context, CancellationToken ct)
    {
        if (!long.TryParse(timer.Key.AsSpan(TimerPrefix.Length), CultureInfo.InvariantCulture, out var id)
            || await store.LockAsync(timer.Community, id, ct) is not { Ended: false } giveaway)
        {
            return FeatureResults.None;
        }

        return await EndAsync(giveaway, context, null, "timer", ct);
    }

    private async Task<IReadOnlyList<BotAction>> EndAsync(Giveaway giveaway, EventContext context, UserRef? actor, string source, CancellationToken ct)
    {
        var culture = context.Culture;
        var entrants = await store.EntrantsAsync(giveaway.Community, giveaway.Id, ct);
        var drawn = VerifiableDraw.Order(giveaway.Seed, entrants.Select(e => e.UserId)).Take(giveaway.Winners).ToList();
        await store.SaveDrawAsync(giveaway.Community, giveaway.Id, context.Now, drawn, ct);
        await audit.RecordAsync(new AuditEntry(
            giveaway.Community, context.Now, actor, "giveaway-end", null, source,
            $"#{giveaway.Id} winners: {string.Join(", ", drawn)}; seed {Convert.ToHexStringLower(giveaway.Seed)}"), ct);

        var names = Names(entrants, drawn);
        var result = drawn.Count == 0
            ? EngagementText.Get(culture, "GiveawayEndedNoEntrants", giveaway.Id, giveaway.Prize, Convert.ToHexStringLower(giveaway.Seed), giveaway.Commitment)
            : EngagementText.Get(culture, "GiveawayEnded", giveaway.Id, giveaway.Prize, names, entrants.Count,
                Convert.ToHexStringLower(giveaway.Seed), giveaway.Commitment);
        var actions = new List<BotAction> { new SendMessage(giveaway.Community, giveaway.ChannelId, result) };
        if (giveaway.MessageId is { } post)
        {
            actions.Add(new EditMessage(
                giveaway.Community, giveaway.ChannelId, post,
                EngagementText.Get(culture, "GiveawayClosedPost", giveaway.Id, giveaway.Prize, names.Length == 0 ? "—" : names, giveaway.Commitment),
                Buttons: []));
        }

        return actions;
    }

    private async Task<IReadOnlyList<BotAction>> RerollAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var id = call.Options.Integer("id");
        var giveaway = await store.LockAsync(call.Community, id, ct);
        if (giveaway is null)
        {
            return [call.Reply(EngagementText.Get(culture, "NoSuchGiveaway", id), ephemeral: true)];
        }

        if (!giveaway.Ended)
        {
            return [call.Reply(EngagementText.Get(culture, "GiveawayNotEnded", id), ephemeral: true)];
        }

        var entrants = await store.EntrantsAsync(call.Community, id, ct);
        var order = VerifiableDraw.Order(giveaway.Seed, entrants.Select(e => e.UserId));
        var count = (int)(call.Options.OptionalInteger("count") ?? 1);
        var next = order.Skip(giveaway.DrawnIds.Count).Take(count).ToList();
        if (next.Count == 0)
        {
            return [call.Reply(EngagementText.Get(culture, "NoOneLeft", id), ephemeral: true)];
        }

        await store.SaveDrawAsync(call.Community, id, giveaway.EndedAt!.Value, [.. giveaway.DrawnIds, .. next], ct);
        await audit.RecordAsync(new AuditEntry(
            call.Community, call.Context.Now, call.Caller.User, "giveaway-reroll", null, "/giveaway reroll",
            $"#{id} places {giveaway.DrawnIds.Count + 1}-{giveaway.DrawnIds.Count + next.Count}: {string.Join(", ", next)}"), ct);
        return [call.Reply(EngagementText.Get(culture, "Rerolled", id, giveaway.Prize, Names(entrants, next), giveaway.DrawnIds.Count + 1))];
    }

    private async Task<IReadOnlyList<BotAction>> VerifyAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var id = call.Options.Integer("id");
        var giveaway = await store.GetAsync(call.Community, id, ct);
        if (giveaway is null)
        {
            return [call.Reply(EngagementText.Get(culture, "NoSuchGiveaway", id), ephemeral: true)];
        }

        if (!giveaway.Ended)
        {
            return [call.Reply(EngagementText.Get(culture, "VerifyNotEnded", id, giveaway.Commitment), ephemeral: true)];
        }

        var entrants = await store.EntrantsAsync(call.Community, id, ct);
        var check = Verify(giveaway, entrants.Select(e => e.UserId));
        var canonical = VerifiableDraw.Canonical(entrants.Select(e => e.UserId));
        var file = new Attachment($"giveaway-{id}-entrants.txt", "text/plain", Encoding.UTF8.GetBytes(string.Join('\n', canonical)));
        var text = EngagementText.Get(
            culture, check ? "VerifyMatches" : "VerifyMismatch", id, Convert.ToHexStringLower(giveaway.Seed), giveaway.Commitment,
            entrants.Count, string.Join(", ", giveaway.DrawnIds));
        return [call.Reply(text, file: file)];
    }

    /// <summary>True when the seed matches the commitment and the stored winners are the recomputed first places.</summary>
    public static bool Verify(Giveaway giveaway, IEnumerable<string> entrants) =>
        VerifiableDraw.Matches(giveaway.Seed, giveaway.Commitment)
        && VerifiableDraw.Order(giveaway.Seed, entrants).Take(giveaway.DrawnIds.Count).SequenceEqual(giveaway.DrawnIds, StringComparer.Ordinal);

    public async Task<IReadOnlyList<BotAction>> OnEnterAsync(ButtonPressed press, EventContext context, CancellationToken ct)
    {
        var culture = context.Culture;
        if (!long.TryParse(press.Data.AsSpan(EnterPrefix.Length), CultureInfo.InvariantCulture, out var id)
            || await store.GetAsync(press.Community, id, ct) is not { } giveaway)
        {
            return [EngagementFeature.Answer(press, EngagementText.Get(culture, "NoSuchGiveaway", press.Data[EnterPrefix.Length..]))];
        }

        if (giveaway.Ended || context.Now >= giveaway.EndsAt)
        {
            return [EngagementFeature.Answer(press, EngagementText.Get(culture, "GiveawayClosed", id))];
        }

        var record = await members.GetAsync(press.Community, press.By.User, ct);
        var tier = giveaway.Requirements.MinTier is null ? Tier.Regular : await tiers.GetTierAsync(press.Community, press.By.User, ct);
        if (EntryCheck.Check(giveaway.Requirements, press.By, record, tier, context.Now) is { } refusal)
        {
            return [EngagementFeature.Answer(press, EngagementText.Get(culture, refusal.Key, refusal.Args))];
        }

        var entered = await store.EnterAsync(press.Community, id, new Entrant(press.By.User.Id, press.By.DisplayName), context.Now, ct);
        return [EngagementFeature.Answer(press, EngagementText.Get(culture, entered ? "Entered" : "AlreadyEntered", id, giveaway.Prize))];
    }

    public async Task<IReadOnlyList<BotAction>> OnPostedAsync(ActionCompleted completed, CancellationToken ct)
    {
        if (completed is { Succeeded: true, MessageId: { } messageId }
            && long.TryParse(completed.Correlation.AsSpan(CorrelationPrefix.Length), CultureInfo.InvariantCulture, out var id))
        {
            await store.SetMessageAsync(completed.Community, id, messageId, ct);
        }

        return FeatureResults.None;
    }

    private string Announcement(Giveaway giveaway, CommunitySettings settings, CultureInfo culture)
    {
        var text = new StringBuilder(EngagementText.Get(
            culture, "GiveawayPost", giveaway.Id, giveaway.Prize, giveaway.Winners, EngagementText.Time(giveaway.EndsAt, settings.Zone)));
        var requirements = giveaway.Requirements;
        if (requirements.MinTier is { } tier)
        {
            text.AppendLine().Append(EngagementText.Get(culture, "RequiresTier", TierNames.Of(tier)));
        }

        if (requirements.MinAccountAge is { } account)
        {
            text.AppendLine().Append(EngagementText.Get(culture, "RequiresAccountAge", DurationParser.Format(account)));
        }

        if (requirements.MinMembershipAge is { } membership)
        {
            text.AppendLine().Append(EngagementText.Get(culture, "RequiresMembershipAge", DurationParser.Format(membership)));
        }

        return text.AppendLine().Append(EngagementText.Get(culture, "CommitmentLine", giveaway.Commitment)).ToString();
    }

    private static Button EnterButton(long id, CultureInfo culture) =>
        new(EngagementText.Get(culture, "EnterButton"), EnterPrefix + id.ToString(CultureInfo.InvariantCulture), ButtonStyle.Primary);

    private static string Names(IReadOnlyList<Entrant> entrants, IEnumerable<string> ids)
    {
        var byId = entrants.ToDictionary(e => e.UserId, e => e.DisplayName, StringComparer.Ordinal);
        return string.Join(", ", ids.Select(id => byId.TryGetValue(id, out var name) ? name : id));
    }

    /// <summary><c>account:30d</c> or <c>member:7d</c> (also <c>membership:7d</c>).</summary>
    internal static bool TryParseAge(string text, out TimeSpan? accountAge, out TimeSpan? membershipAge)
    {
        (accountAge, membershipAge) = (null, null);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !DurationParser.TryParse(text[(colon + 1)..], out var age))
        {
            return false;
        }

        switch (text[..colon].Trim().ToLowerInvariant())
        {
            case "account":
                accountAge = age;
                return true;
            case "member" or "membership":
                membershipAge = age;
                return true;
            default:
                return false;
        }
    }
}
