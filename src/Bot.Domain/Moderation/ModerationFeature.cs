using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;

namespace Bot.Domain.Moderation;

/// <summary>
/// Auto-moderation: checks every message (and edit) against the community's rules and acts on the harshest
/// enforced hit; scores new members' first messages for spam; ends raid mode on calm (<see cref="RaidWatch"/> starts it);
/// lifts temporary timeouts and bans when their timers fire; handles the appeal buttons. A raid's newcomer check is
/// verification's (<c>Verification.VerificationFeature</c>).
/// </summary>
public sealed class ModerationFeature(
    IModerationStore store,
    IMemberStore members,
    IMessageLog messages,
    IMemberTierLookup tiers,
    IAuditLog audit,
    Enforcer enforcer,
    Appeals appeals,
    RaidControl raids,
    RuleSetCache cache,
    RecentPosts recent,
    PermissionTable permissions,
    ModerationOptions options) : IFeature
{
    public string Name => Enforcer.Feature;

    public int Order => 100;

    public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct) => context.Event switch
    {
        MessagePosted { IsDirect: false } m => CheckAsync(context, m.ChannelId, m.MessageId, m.Author, m.Text, m.At, MentionCount(m), isEdit: false, ct),
        CommandInvoked c when c.AsMessage() is { } m => CheckAsync(context, m.ChannelId, m.MessageId, m.Author, m.Text, m.At, MentionCount(m), isEdit: false, ct),
        CommandInvoked { MessageId: null, InteractionId: not null, IsDirect: false } c => CheckInteractionAsync(context, c, ct),
        MessageEdited e => CheckAsync(context, e.ChannelId, e.MessageId, e.Author, e.Text, e.At, 0, isEdit: true, ct),
        TimerFired { Feature: Enforcer.Feature } t => OnTimerAsync(context, t, ct),
        ButtonPressed b when b.Data.StartsWith(Enforcer.Feature + ":", StringComparison.Ordinal) => OnButtonAsync(context, b, ct),
        _ => FeatureResults.NoneAsync,
    };

    private static int MentionCount(MessagePosted m) =>
        m.MentionedUsers.Distinct().Count()
        + (m.Text.Contains("@everyone", StringComparison.Ordinal) ? 1 : 0) + (m.Text.Contains("@here", StringComparison.Ordinal) ? 1 : 0);

    private async Task<IReadOnlyList<BotAction>> CheckAsync(
        EventContext context, string channel, string messageId, Member author, string text, DateTimeOffset at, int mentions, bool isEdit, CancellationToken ct)
    {
        if (options.ExemptStaff && context.IsStaff)
        {
            return FeatureResults.None;
        }

        var community = context.Community;
        var rules = await store.RulesAsync(community, ct);
        // Edits are not new messages: they do not count toward flood or duplicates. The window is copied out only for
        // rules to read.
        var history = isEdit ? null : recent.Add(community, author.User, new RecentPost(at, channel, messageId, RuleSet.HashOf(text)), copy: rules.Count > 0);
        var record = await members.GetAsync(community, author.User, ct);
        if (rules.Count > 0)
        {
            var tier = rules.Any(r => r.Exemptions.Tiers.Count > 0) ? await tiers.TierOfAsync(community, author.User, ct) : null;
            var facts = new MessageFacts(text, channel, author, mentions, at, record?.JoinedAt, tier, context.ActorRoles, history);
            var hits = cache.For(community, rules).Evaluate(facts);
            if (hits.Count > 0)
            {
                return (await ActOnHitsAsync(context, hits, author.User, channel, messageId, ct)).Actions;
            }
        }

        return isEdit ? FeatureResults.None : await ScoreSpamAsync(context, record, author.User, channel, messageId, text, ct);
    }

    /// <summary>
    /// A platform interaction (a Discord slash command) is no message: nothing can be deleted, so a command that breaks
    /// an enforced rule is refused instead. The penalty and its infraction are the rule's, the command does not run,
    /// and the caller is told why privately. It does not count toward flood or duplicate history, nor for spam scoring.
    /// </summary>
    private async Task<IReadOnlyList<BotAction>> CheckInteractionAsync(EventContext context, CommandInvoked command, CancellationToken ct)
    {
        if (options.ExemptStaff && context.IsStaff)
        {
            return FeatureResults.None;
        }

        var rules = await store.RulesAsync(context.Community, ct);
        if (rules.Count == 0)
        {
            return FeatureResults.None;
        }

        var user = command.Caller.User;
        var text = command.Arguments.Length == 0 ? "/" + command.Name : $"/{command.Name} {command.Arguments}";
        var record = await members.GetAsync(context.Community, user, ct);
        var tier = rules.Any(r => r.Exemptions.Tiers.Count > 0) ? await tiers.TierOfAsync(context.Community, user, ct) : null;
        var mentions = (command.Mentions ?? []).Distinct().Count();
        var facts = new MessageFacts(text, command.ChannelId, command.Caller, mentions, command.At, record?.JoinedAt, tier, context.ActorRoles, null);
        var hits = cache.For(context.Community, rules).Evaluate(facts);
        var (actions, reason) = hits.Count == 0 ? ([], null) : await ActOnHitsAsync(context, hits, user, command.ChannelId, null, ct);
        if (reason is null)
        {
            return actions;
        }

        context.MessageFiltered = true;
        var refusal = new Reply(
            context.Community, command.ChannelId, ModerationText.Get(context.Culture, "CommandRefused", reason),
            Ephemeral: true, InteractionId: command.InteractionId, ThreadId: command.ThreadId, To: user);
        return [refusal, .. actions];
    }

    // Log-mode hits are only audited; the harshest enforced hit is applied (one penalty per message). The reason is
    // the enforced rule's, when its penalty did something; without a message (an interaction) nothing is deleted.
    private async Task<(IReadOnlyList<BotAction> Actions, string? Reason)> ActOnHitsAsync(
        EventContext context, IReadOnlyList<RuleHit> hits, UserRef user, string channel, string? messageId, CancellationToken ct)
    {
        foreach (var logged in hits.Where(h => h.Rule.Mode == RuleMode.Log))
        {
            await audit.RecordAsync(new AuditEntry(context.Community, context.Now, null, "would-act", user, $"rule:{logged.Rule.Id}", $"{logged.Rule.Action}: {logged.Excerpt}"), ct);
        }

        var hit = hits.Where(h => h.Rule.Mode == RuleMode.Enforce).OrderByDescending(h => h.Rule.Action.Severity).FirstOrDefault();
        if (hit is null)
        {
            return (FeatureResults.None, null);
        }

        var rule = hit.Rule;
        var reason = ModerationText.Get(context.Culture, "RuleReason", rule.Id, RuleParser.KindName(rule.Kind));
        var message = rule.Action.Kind == ActionKind.Log || messageId is null ? ((string, string)?)null : (channel, messageId);
        var (actions, _) = await enforcer.ApplyAsync(context, new Penalty(user, rule.Action, $"rule:{rule.Id}", reason, hit.Excerpt, Message: message), ct);
        context.MessageFiltered |= message is not null;
        return (actions, actions.Count > 0 ? reason : null);
    }

    // New members' first messages are scored; a sample of established members' messages teaches what ham looks like.
    private async Task<IReadOnlyList<BotAction>> ScoreSpamAsync(
        EventContext context, MemberRecord? record, UserRef user, string channel, string messageId, string text, CancellationToken ct)
    {
        var community = context.Community;
        var isNew = record?.JoinedAt is { } joined && context.Now - joined < options.NewMemberWindow;
        // Most messages are neither scored nor sampled for training: they need no tokens.
        var sampled = (uint)StringComparer.Ordinal.GetHashCode(messageId) % (uint)options.HamSampleEvery == 0;
        if (!isNew && !sampled)
        {
            return FeatureResults.None;
        }

        var tokens = SpamClassifier.Tokens(text);
        if (tokens.Count == 0)
        {
            return FeatureResults.None;
        }

        if (!isNew)
        {
            await store.TrainSpamAsync(community, tokens, spam: false, ct);
            return FeatureResults.None;
        }

        var posted = await messages.RecentByAuthorAsync(community, user, record!.JoinedAt!.Value, ct);
        if (posted.Count > options.SpamFirstMessages)
        {
            return FeatureResults.None;
        }

        var counts = await store.SpamCountsAsync(community, tokens, ct);
        var score = SpamClassifier.Score(counts, tokens);
        var trained = counts.SpamDocs >= options.SpamMinTraining && counts.HamDocs >= options.SpamMinTraining;
        if (!trained || score < options.SpamThreshold)
        {
            return FeatureResults.None;
        }

        var excerpt = text.Length <= 200 ? text : text[..200] + "…";
        if (options.SpamLearnOnly)
        {
            await audit.RecordAsync(new AuditEntry(community, context.Now, null, "would-act", user, "spam", $"score {score.ToString("0.00", CultureInfo.InvariantCulture)}: {excerpt}"), ct);
            return FeatureResults.None;
        }

        var reason = ModerationText.Get(context.Culture, "SpamReason");
        var (actions, _) = await enforcer.ApplyAsync(context, new Penalty(user, RuleAction.Delete, "spam", reason, excerpt, Message: (channel, messageId)), ct);
        context.MessageFiltered = true;
        return [.. actions, new PostToStaff(community, ModerationText.Get(context.Culture, "SpamFlagged", score, user.Id, excerpt))];
    }

    private async Task<IReadOnlyList<BotAction>> OnTimerAsync(EventContext context, TimerFired timer, CancellationToken ct)
    {
        var community = context.Community;
        if (timer.Key.StartsWith("raid-calm:", StringComparison.Ordinal))
        {
            var state = await store.GetRaidAsync(community, ct);
            if (!state.Active)
            {
                return FeatureResults.None;
            }

            if (!RaidDetector.IsCalm(state, context.Now, options))
            {
                return [RaidControl.CalmCheck(community, state.LastBurstAt!.Value + options.RaidCalmAfter)];
            }

            return await raids.EndAsync(context, state, null, ct);
        }

        // untimeout:… and unban:… carry the infraction id and the member; a pardon or a manual lift has already cancelled them.
        // The member's id comes from the timer: an erased member's infraction holds only their pseudonym.
        if (Enforcer.ParseLiftPayload(timer.Payload) is not { } lift
            || await store.GetInfractionAsync(community, lift.Id, ct) is not { } infraction)
        {
            return FeatureResults.None;
        }

        var (id, userId) = lift;
        var user = userId is null ? infraction.User : new UserRef(community.Platform, userId);
        var what = timer.Key.StartsWith("unban:", StringComparison.Ordinal) ? "unban" : "untimeout";

        // A lift never ends a later sanction of the same kind (a timer left from before lift keys were pseudonymised).
        var later = await store.InfractionsAsync(community, user, infraction.At, ct);
        if (later.Any(i => i.Id > id && i.PardonedAt is null && i.Action.Kind == infraction.Action.Kind && (i.ExpiresAt is not { } end || end > context.Now)))
        {
            return FeatureResults.None;
        }

        await audit.RecordAsync(new AuditEntry(community, context.Now, null, what, infraction.User, "expiry", $"#{id} expired"), ct);
        return what == "unban"
            ? [new UnbanMember(community, user, $"#{id} expired")]
            : [new RemoveTimeout(community, user, $"#{id} expired")];
    }

    private async Task<IReadOnlyList<BotAction>> OnButtonAsync(EventContext context, ButtonPressed pressed, CancellationToken ct)
    {
        var parts = pressed.Data.Split(':', 3);
        var community = context.Community;
        if (parts.Length != 3)
        {
            return FeatureResults.None;
        }

        if (parts[1] is not ("accept" or "deny") || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var appealId))
        {
            return FeatureResults.None;
        }

        if (!permissions.Allows(context.ActorRoles, Permission.Moderate))
        {
            return [new DirectMessage(community, pressed.By.User, ModerationText.Get(context.Culture, "NotPermittedButton"))];
        }

        var (actions, answer) = await appeals.DecideAsync(context, pressed.By.User, appealId, parts[1] == "accept", null, ct);
        return [.. actions, new PostToStaff(community, answer)];
    }
}
