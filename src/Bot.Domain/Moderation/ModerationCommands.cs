using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Model;
using Bot.Domain.Staff;
using Bot.Domain.Text;

namespace Bot.Domain.Moderation;

/// <summary>
/// <c>/rule</c> (manage rules and the ladder), the moderator commands (<c>/warn /timeout /untimeout /kick /ban
/// /unban /purge /infractions /pardon /spam /raid /appeals</c>) and the members' <c>/appeal</c>.
/// The router has already checked permissions and parsed the options; bad patterns are refused here and save nothing.
/// </summary>
public sealed class ModerationCommands(
    IModerationStore store,
    IMessageLog messages,
    IMemberStore members,
    IAuditLog audit,
    Enforcer enforcer,
    Appeals appeals,
    RaidControl raids,
    StaffResolver staff,
    ModerationOptions options) : ICommandHandler
{
    private static readonly Texts T = ModerationText.Texts;

    private static OptionSpec User => new("user", OptionKind.User, "OptionUser");

    private static OptionSpec Reason(bool required = true) => new("reason", OptionKind.Text, "OptionReason", Required: required);

    private static OptionSpec Id => new("id", OptionKind.Integer, "OptionId", Min: 1);

    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("rule", "RuleDescription", Permission.ManageRules, T, Subcommands:
        [
            new("add", "RuleAddDescription", Permission.ManageRules, T,
            [
                new("kind", OptionKind.Choice, "OptionKind", Choices: RuleParser.KindNames),
                new("pattern", OptionKind.Text, "OptionPattern"),
                new("action", OptionKind.Text, "OptionAction", Required: false),
            ]),
            new("list", "RuleListDescription", Permission.ManageRules, T),
            new("remove", "RuleRemoveDescription", Permission.ManageRules, T, [Id]),
            new("mode", "RuleModeDescription", Permission.ManageRules, T, [Id, new("mode", OptionKind.Choice, "OptionMode", Choices: ["enforce", "log"])]),
            new("test", "RuleTestDescription", Permission.ManageRules, T, [Id]),
            new("exempt", "RuleExemptDescription", Permission.ManageRules, T,
            [
                Id,
                new("kind", OptionKind.Choice, "OptionExemptKind", Choices: ["role", "tier", "channel"]),
                new("value", OptionKind.Text, "OptionValue"),
            ]),
            new("ladder", "RuleLadderDescription", Permission.ManageRules, T, [new("ladder", OptionKind.Text, "OptionLadder", Required: false)]),
        ]),
        new("warn", "WarnDescription", Permission.Moderate, T, [User, Reason()]),
        new("timeout", "TimeoutDescription", Permission.Moderate, T, [User, new("duration", OptionKind.Duration, "OptionDuration"), Reason()]),
        new("untimeout", "UntimeoutDescription", Permission.Moderate, T, [User, Reason(required: false)]),
        new("kick", "KickDescription", Permission.Moderate, T, [User, Reason()]),
        new("ban", "BanDescription", Permission.Moderate, T, [User, new("duration", OptionKind.Duration, "OptionDuration", Required: false), Reason()]),
        new("unban", "UnbanDescription", Permission.Moderate, T, [User, Reason(required: false)]),
        new("purge", "PurgeDescription", Permission.Moderate, T, [new("count", OptionKind.Integer, "OptionCount", Min: 1, Max: 100)]),
        new("infractions", "InfractionsDescription", Permission.Moderate, T, [User]),
        new("pardon", "PardonDescription", Permission.Moderate, T, [Id]),
        new("spam", "SpamDescription", Permission.Moderate, T, OnMessage: true),
        new("appeal", "AppealDescription", Permission.Everyone, T, [Id, new("text", OptionKind.Text, "OptionText")]),
        new("appeals", "AppealsDescription", Permission.Moderate, T, Subcommands:
        [
            new("accept", "AppealsAcceptDescription", Permission.Moderate, T, [Id, new("note", OptionKind.Text, "OptionNote", Required: false)]),
            new("deny", "AppealsDenyDescription", Permission.Moderate, T, [Id, new("note", OptionKind.Text, "OptionNote", Required: false)]),
        ]),
        new("raid", "RaidDescription", Permission.Moderate, T, Subcommands:
        [
            new("on", "RaidOnDescription", Permission.Moderate, T),
            new("off", "RaidOffDescription", Permission.Moderate, T),
            new("status", "RaidStatusDescription", Permission.Moderate, T),
        ]),
    ];

    public Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct) => call.Path switch
    {
        "rule add" => AddRuleAsync(call, ct),
        "rule list" => ListRulesAsync(call, ct),
        "rule remove" => RemoveRuleAsync(call, ct),
        "rule mode" => SetModeAsync(call, ct),
        "rule test" => TestRuleAsync(call, ct),
        "rule exempt" => ExemptAsync(call, ct),
        "rule ladder" => LadderAsync(call, ct),
        "warn" => PunishAsync(call, new RuleAction(ActionKind.Warn), ct),
        "timeout" => PunishAsync(call, new RuleAction(ActionKind.Timeout, call.Options.Duration("duration")), ct),
        "kick" => PunishAsync(call, new RuleAction(ActionKind.Kick), ct),
        "ban" => PunishAsync(call, new RuleAction(ActionKind.Ban, call.Options.OptionalDuration("duration")), ct),
        "untimeout" or "unban" => LiftAsync(call, ct),
        "purge" => PurgeAsync(call, ct),
        "infractions" => InfractionsAsync(call, ct),
        "pardon" => PardonAsync(call, ct),
        "spam" => SpamAsync(call, ct),
        "appeal" => AppealAsync(call, ct),
        "appeals accept" or "appeals deny" => DecideAsync(call, ct),
        _ => RaidAsync(call, ct),
    };

    private static IReadOnlyList<BotAction> Answer(CommandCall call, string key, params object?[] args) =>
        [call.Reply(ModerationText.Get(call.Context.Culture, key, args), ephemeral: true)];

    private static IReadOnlyList<BotAction> Refuse(CommandCall call, RuleError error) =>
        [call.Reply(ModerationText.Error(call.Context.Culture, error), ephemeral: true)];

    private async Task<IReadOnlyList<BotAction>> AddRuleAsync(CommandCall call, CancellationToken ct)
    {
        var kind = RuleParser.ParseKind(call.Options.Choice("kind"))!.Value;
        var (pattern, patternError) = RuleParser.ParsePattern(kind, call.Options.Text("pattern"));
        if (patternError is not null)
        {
            return Refuse(call, patternError);
        }

        var (action, actionError) = RuleParser.ParseAction(call.Options.OptionalText("action"));
        if (actionError is not null)
        {
            return Refuse(call, actionError);
        }

        var rule = new ModerationRule(0, call.Community, kind, pattern!, action!, RuleMode.Enforce, RuleExemptions.None, call.Caller.User, call.Context.Now);
        var id = await store.AddRuleAsync(rule, ct);
        rule = rule with { Id = id };
        await audit.RecordAsync(new AuditEntry(call.Community, call.Context.Now, call.Caller.User, "rule-add", null, "/rule add", rule.Describe()), ct);
        return [call.Reply(ModerationText.Get(call.Context.Culture, "RuleAdded", id, rule.Describe()))];
    }

    private async Task<IReadOnlyList<BotAction>> ListRulesAsync(CommandCall call, CancellationToken ct)
    {
        var rules = await store.RulesAsync(call.Community, ct);
        if (rules.Count == 0)
        {
            return Answer(call, "RuleListEmpty");
        }

        var text = new StringBuilder(ModerationText.Get(call.Context.Culture, "RuleListHeader", await enforcer.LadderAsync(call.Community, ct)));
        foreach (var rule in rules)
        {
            text.AppendLine().Append(rule.Describe());
            var e = rule.Exemptions;
            if (!e.IsEmpty)
            {
                text.Append(" [").Append(string.Join(", ", e.Roles.Concat(e.Tiers).Concat(e.Channels.Select(c => "#" + c)))).Append(']');
            }
        }

        return [call.Reply(text.ToString(), ephemeral: true)];
    }

    private async Task<ModerationRule?> FindRuleAsync(CommandCall call, CancellationToken ct)
    {
        var id = call.Options.Integer("id");
        return (await store.RulesAsync(call.Community, ct)).FirstOrDefault(r => r.Id == id);
    }

    private async Task<IReadOnlyList<BotAction>> RemoveRuleAsync(CommandCall call, CancellationToken ct)
    {
        var id = call.Options.Integer("id");
        if (!await store.RemoveRuleAsync(call.Community, id, ct))
        {
            return Answer(call, "UnknownRule", id);
        }

        await audit.RecordAsync(new AuditEntry(call.Community, call.Context.Now, call.Caller.User, "rule-remove", null, "/rule remove", $"#{id}"), ct);
        return Answer(call, "RuleRemoved", id);
    }

    private async Task<IReadOnlyList<BotAction>> SetModeAsync(CommandCall call, CancellationToken ct)
    {
        if (await FindRuleAsync(call, ct) is not { } rule)
        {
            return Answer(call, "UnknownRule", call.Options.Integer("id"));
        }

        rule = rule with { Mode = call.Options.Choice("mode") == "log" ? RuleMode.Log : RuleMode.Enforce };
        await store.UpdateRuleAsync(rule, ct);
        await audit.RecordAsync(new AuditEntry(call.Community, call.Context.Now, call.Caller.User, "rule-mode", null, "/rule mode", rule.Describe()), ct);
        return Answer(call, "RuleModeSet", rule.Id, rule.Describe());
    }

    private async Task<IReadOnlyList<BotAction>> ExemptAsync(CommandCall call, CancellationToken ct)
    {
        if (await FindRuleAsync(call, ct) is not { } rule)
        {
            return Answer(call, "UnknownRule", call.Options.Integer("id"));
        }

        var kind = call.Options.Choice("kind");
        var value = call.Options.Text("value").Trim().TrimStart('#');
        var e = rule.Exemptions;
        e = kind switch
        {
            "role" => e with { Roles = [.. e.Roles.Append(value).Distinct(StringComparer.OrdinalIgnoreCase)] },
            "tier" => e with { Tiers = [.. e.Tiers.Append(value).Distinct(StringComparer.OrdinalIgnoreCase)] },
            _ => e with { Channels = [.. e.Channels.Append(value).Distinct(StringComparer.OrdinalIgnoreCase)] },
        };
        await store.UpdateRuleAsync(rule with { Exemptions = e }, ct);
        await audit.RecordAsync(new AuditEntry(call.Community, call.Context.Now, call.Caller.User, "rule-exempt", null, "/rule exempt", $"#{rule.Id} {kind} {value}"), ct);
        var kindName = ModerationText.Get(call.Context.Culture, "Exempt" + char.ToUpperInvariant(kind[0]) + kind[1..]);
        return Answer(call, "RuleExemptSet", rule.Id, kindName, value);
    }

    private async Task<IReadOnlyList<BotAction>> LadderAsync(CommandCall call, CancellationToken ct)
    {
        var text = call.Options.OptionalText("ladder");
        if (text is not null)
        {
            var reset = text.Equals("default", StringComparison.OrdinalIgnoreCase);
            var (ladder, error) = reset ? (null, null) : EscalationLadder.Parse(text);
            if (error is not null)
            {
                return Refuse(call, error);
            }

            await store.SetLadderAsync(call.Community, ladder?.ToString(), ct);
            await audit.RecordAsync(new AuditEntry(call.Community, call.Context.Now, call.Caller.User, "ladder", null, "/rule ladder", text), ct);
        }

        return Answer(call, "LadderSet", await enforcer.LadderAsync(call.Community, ct));
    }

    // Replays stored messages, oldest first, through a rule set of just this rule (enforced), with fresh flood windows.
    private async Task<IReadOnlyList<BotAction>> TestRuleAsync(CommandCall call, CancellationToken ct)
    {
        if (await FindRuleAsync(call, ct) is not { } rule)
        {
            return Answer(call, "UnknownRule", call.Options.Integer("id"));
        }

        var stored = await messages.RecentAsync(call.Community, options.RuleTestMessages, ct);
        var set = new RuleSet([rule with { Mode = RuleMode.Enforce, Exemptions = RuleExemptions.None }]);
        var windows = new RecentPosts();
        var joined = new Dictionary<UserRef, DateTimeOffset?>();
        var hits = new List<(StoredMessage Message, string Excerpt)>();
        foreach (var message in stored.OrderBy(m => m.At))
        {
            if (!joined.TryGetValue(message.Author, out var joinedAt))
            {
                joined[message.Author] = joinedAt = (await members.GetAsync(call.Community, message.Author, ct))?.JoinedAt;
            }

            var history = windows.Add(call.Community, message.Author, new RecentPost(message.At, message.ChannelId, message.MessageId, RuleSet.HashOf(message.Text)));
            var author = new Member(message.Author, message.Author.Id);
            var facts = new MessageFacts(message.Text, message.ChannelId, author, 0, message.At, joinedAt, null, new HashSet<StaffRole>(), history);
            if (set.Evaluate(facts) is [var hit, ..])
            {
                hits.Add((message, hit.Excerpt));
            }
        }

        var culture = call.Context.Culture;
        var text = new StringBuilder(ModerationText.Get(culture, "RuleTestHeader", rule.Id, hits.Count, stored.Count));
        foreach (var (message, excerpt) in hits.TakeLast(10))
        {
            text.AppendLine().Append(ModerationText.Get(culture, "RuleTestLine", message.At.ToString("u", culture), message.Author.Id, excerpt));
        }

        return [call.Reply(text.ToString(), ephemeral: true)];
    }

    private async Task<IReadOnlyList<BotAction>> PunishAsync(CommandCall call, RuleAction action, CancellationToken ct)
    {
        var user = call.Options.User("user");
        if (await RefuseOnRankAsync(call, user, ct) is { } refused)
        {
            return refused;
        }

        var reason = call.Options.Text("reason");
        var penalty = new Penalty(user, action, "/" + call.Path, reason, Moderator: call.Caller.User);
        var (actions, id) = await enforcer.ApplyAsync(call.Context, penalty, ct);
        var culture = call.Context.Culture;
        var answer = action switch
        {
            { Kind: ActionKind.Warn } => ModerationText.Get(culture, "Warned", user.Id, id),
            { Kind: ActionKind.Timeout, Duration: { } d } => ModerationText.Get(culture, "TimedOut", user.Id, DurationParser.Format(d), id),
            { Kind: ActionKind.Kick } => ModerationText.Get(culture, "Kicked", user.Id, id),
            { Duration: { } d } => ModerationText.Get(culture, "BannedFor", user.Id, DurationParser.Format(d), id),
            _ => ModerationText.Get(culture, "Banned", user.Id, id),
        };
        return [.. actions, call.Reply(answer)];
    }

    /// <summary>Nobody acts on themself or on someone of equal or higher staff rank.</summary>
    private async Task<IReadOnlyList<BotAction>?> RefuseOnRankAsync(CommandCall call, UserRef target, CancellationToken ct)
    {
        if (target == call.Caller.User)
        {
            return Answer(call, "NotOnYourself");
        }

        return await staff.OutranksAsync(call.Community, call.Context.ActorRoles, target, ct) ? null : Answer(call, "OutranksYou", target.Id);
    }

    private async Task<IReadOnlyList<BotAction>> LiftAsync(CommandCall call, CancellationToken ct)
    {
        var user = call.Options.User("user");
        if (user == call.Caller.User)
        {
            return Answer(call, "NotOnYourself");
        }

        var reason = call.Options.OptionalText("reason") ?? "/" + call.Path;
        await audit.RecordAsync(new AuditEntry(call.Community, call.Context.Now, call.Caller.User, call.Path, user, "/" + call.Path, reason), ct);
        var answer = ModerationText.Get(call.Context.Culture, call.Path == "unban" ? "Unbanned" : "Untimed", user.Id);
        return [.. appeals.Lift(call.Community, user, call.Path, reason), call.Reply(answer)];
    }

    private async Task<IReadOnlyList<BotAction>> PurgeAsync(CommandCall call, CancellationToken ct)
    {
        var count = (int)call.Options.Integer("count");
        var channel = call.Invocation.ChannelId;
        var recent = await messages.RecentAsync(call.Community, Math.Max(500, count * 10), ct);
        var doomed = recent.Where(m => m.ChannelId == channel).Take(count).ToList();
        await audit.RecordAsync(new AuditEntry(call.Community, call.Context.Now, call.Caller.User, "purge", null, "/purge", $"{doomed.Count} in #{channel}"), ct);
        var reply = call.Reply(ModerationText.Get(call.Context.Culture, "Purged", doomed.Count), ephemeral: true);
        return doomed.Count == 0 ? [reply] : [new DeleteMessages(call.Community, channel, [.. doomed.Select(m => m.MessageId)], "/purge"), reply];
    }

    private async Task<IReadOnlyList<BotAction>> InfractionsAsync(CommandCall call, CancellationToken ct)
    {
        var user = call.Options.User("user");
        var list = await store.InfractionsAsync(call.Community, user, DateTimeOffset.MinValue, ct);
        var culture = call.Context.Culture;
        if (list.Count == 0)
        {
            return Answer(call, "InfractionsEmpty", user.Id);
        }

        var ladder = await enforcer.LadderAsync(call.Community, ct);
        var counting = list.Where(i => i.Counts && i.At > call.Context.Now - ladder.LongestWindow).Sum(i => i.Points);
        var text = new StringBuilder(ModerationText.Get(culture, "InfractionsHeader", user.Id, counting));
        foreach (var i in list.Take(25))
        {
            var pardoned = i.PardonedAt is null ? string.Empty : ModerationText.Get(culture, "InfractionPardonedMark");
            text.AppendLine().Append(ModerationText.Get(culture, "InfractionLine", i.Id, i.At.ToString("u", culture), i.Action, i.Reason, pardoned));
        }

        return [call.Reply(text.ToString(), ephemeral: true)];
    }

    private async Task<IReadOnlyList<BotAction>> PardonAsync(CommandCall call, CancellationToken ct)
    {
        var id = call.Options.Integer("id");
        if (await store.GetInfractionAsync(call.Community, id, ct) is not { } infraction)
        {
            return Answer(call, "UnknownInfraction", id);
        }

        if (infraction.PardonedAt is not null)
        {
            return Answer(call, "AlreadyPardoned", id);
        }

        if (infraction.User == call.Caller.User)
        {
            return Answer(call, "NotOnYourself");
        }

        var lifted = await appeals.PardonAsync(call.Context, call.Caller.User, infraction, "/pardon", ct);
        return [.. lifted, call.Reply(ModerationText.Get(call.Context.Culture, "Pardoned", id))];
    }

    // Deletes the replied-to message as a moderator's removal, counts it as a strike, and trains the classifier.
    private async Task<IReadOnlyList<BotAction>> SpamAsync(CommandCall call, CancellationToken ct)
    {
        if (call.Invocation.ReplyToMessageId is not { } messageId)
        {
            return Answer(call, "SpamNeedsReply");
        }

        var recent = await messages.RecentAsync(call.Community, 1000, ct);
        var message = recent.FirstOrDefault(m => m.MessageId == messageId && m.ChannelId == call.Invocation.ChannelId)
            ?? recent.FirstOrDefault(m => m.MessageId == messageId);
        if (message is null)
        {
            return Answer(call, "UnknownMessage");
        }

        await store.TrainSpamAsync(call.Community, SpamClassifier.Tokens(message.Text), spam: true, ct);
        var reason = ModerationText.Get(call.Context.Culture, "SpamReason");
        var excerpt = message.Text.Length <= 200 ? message.Text : message.Text[..200] + "…";
        var penalty = new Penalty(message.Author, RuleAction.Delete, "/spam", reason, excerpt, call.Caller.User, (message.ChannelId, message.MessageId));
        var (actions, _) = await enforcer.ApplyAsync(call.Context, penalty, ct);
        return [.. actions, .. Answer(call, "SpamLearned")];
    }

    private async Task<IReadOnlyList<BotAction>> AppealAsync(CommandCall call, CancellationToken ct)
    {
        var (actions, answer) = await appeals.FileAsync(call.Context, call.Caller.User, call.Options.Integer("id"), call.Options.Text("text"), ct);
        return [.. actions, call.Reply(answer, ephemeral: true)];
    }

    private async Task<IReadOnlyList<BotAction>> DecideAsync(CommandCall call, CancellationToken ct)
    {
        var accept = call.Path == "appeals accept";
        var (actions, answer) = await appeals.DecideAsync(call.Context, call.Caller.User, call.Options.Integer("id"), accept, call.Options.OptionalText("note"), ct);
        return [.. actions, call.Reply(answer)];
    }

    private async Task<IReadOnlyList<BotAction>> RaidAsync(CommandCall call, CancellationToken ct)
    {
        var state = await store.GetRaidAsync(call.Community, ct);
        var culture = call.Context.Culture;
        switch (call.Path)
        {
            case "raid on" when !state.Active:
                await store.SaveRaidAsync(call.Community, state with { Active = true, ActiveSince = call.Context.Now, LastBurstAt = call.Context.Now }, ct);
                await audit.RecordAsync(new AuditEntry(call.Community, call.Context.Now, call.Caller.User, "raid-on", null, "/raid on", "by hand"), ct);
                return
                [
                    new RestrictNewMembers(call.Community, true, "/raid on"),
                    new PostToStaff(call.Community, ModerationText.Get(culture, "RaidStartedByHand", call.Caller.User.Id)),
                    RaidControl.CalmCheck(call.Community, call.Context.Now + options.RaidCalmAfter),
                    call.Reply(ModerationText.Get(culture, "RaidStatusOn", call.Context.Now)),
                ];
            case "raid off" when state.Active:
                return [.. await raids.EndAsync(call.Context, state, call.Caller.User, ct), call.Reply(ModerationText.Get(culture, "RaidEnded"))];
            default:
                return [call.Reply(state.Active ? ModerationText.Get(culture, "RaidStatusOn", state.ActiveSince) : ModerationText.Get(culture, "RaidStatusOff"), ephemeral: true)];
        }
    }
}
