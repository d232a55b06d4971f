using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Moderation;
using Bot.Domain.Pipeline;
using Bot.Domain.Rules;

namespace Bot.Domain.Verification;

/// <summary>
/// The newcomer's way in: a greeting with the rules and their own "I agree" button on join; while verification is on,
/// their messages are deleted (with one private explanation) until they press it, and after
/// <see cref="VerificationOptions.TimeoutMinutes"/> without pressing they are kicked. During a raid this is the one
/// newcomer check: it applies whatever <c>/verify</c> says, with <see cref="VerificationOptions.RaidTimeoutMinutes"/>,
/// and the platform keeps the newcomer from posting (<see cref="TimeoutMember"/>) until they press. Runs before
/// moderation, so a held message is neither judged nor counted.
/// </summary>
public sealed class VerificationFeature(IVerificationStore store, IRulesStore rules, VerificationOptions options, IAuditLog audit, RaidControl raids) : IFeature
{
    public const string Feature = "verification";

    public string Name => Feature;

    public int Order => 90;

    public static string TimeoutKey(UserRef user) => "timeout:" + user.Id;

    public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct) => context.Event switch
    {
        MemberJoined joined => OnJoinAsync(context, joined, ct),
        MessagePosted { IsDirect: false } message when !context.IsStaff => HoldAsync(context, message, ct),
        ButtonPressed button when VerificationButtons.OwnerOf(button.Data) is { } owner => AgreeAsync(context, button, owner, ct),
        TimerFired { Feature: Feature } timer when timer.Key.StartsWith("timeout:", StringComparison.Ordinal) => TimeoutAsync(context, timer, ct),
        MemberLeft left => OnLeaveAsync(left, ct),
        _ => FeatureResults.NoneAsync,
    };

    /// <summary>
    /// Lifts a raid newcomer's platform restriction once they are verified, unless a moderator's timeout or ban given since
    /// is running: then nothing is lifted and the sanction's end (UTC, "∞" for a ban) is given to say so.
    /// </summary>
    public static async Task<(RemoveTimeout? Lift, string? SanctionUntil)> LiftRaidHoldAsync(RaidControl raids, CommunityRef community, UserRef user, DateTimeOffset now, CancellationToken ct)
    {
        if (await raids.RunningSanctionAsync(community, user, now, ct) is { } sanction)
        {
            return (null, sanction.ExpiresAt is { } end ? end.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "∞");
        }

        return (new RemoveTimeout(community, user, VerificationText.Get(CultureInfo.InvariantCulture, "RaidHoldLifted")), null);
    }

    private async Task<IReadOnlyList<BotAction>> OnJoinAsync(EventContext context, MemberJoined joined, CancellationToken ct)
    {
        var settings = await store.GetSettingsAsync(joined.Community, ct);
        var current = await rules.GetAsync(joined.Community, ct);
        var actions = new List<BotAction>();
        var user = joined.Member.User;
        var culture = context.Culture;
        var raid = !joined.Member.IsPlatformAdmin && await raids.ActiveAsync(joined.Community, ct);
        var held = raid || (settings.Enabled && !joined.Member.IsPlatformAdmin);
        if (held)
        {
            var until = context.Now.AddMinutes(options.TimeoutFor(raid));
            await store.AddNewcomerAsync(joined.Community, user, context.Now, raid, ct);
            actions.Add(new ScheduleTimer(joined.Community, Feature, TimeoutKey(user), until, user.Id));
            if (raid)
            {
                actions.Add(new TimeoutMember(joined.Community, user, until, VerificationText.Get(CultureInfo.InvariantCulture, "RaidHoldReason")));
            }
        }

        if (settings.Welcome is null && !held && current is null)
        {
            return actions;
        }

        var text = Welcome.Greeting(culture, settings.Welcome, joined.Member.DisplayName, joined.CommunityName ?? joined.Community.Id, current, held, raid);
        Button[] button = [new(VerificationText.Get(culture, "AgreeButton"), VerificationButtons.Agree(user), ButtonStyle.Success)];
        if (joined.ChannelId is { } channel)
        {
            actions.Add(new SendMessage(joined.Community, channel, text, button));
        }
        else if (held)
        {
            // No chat shows the join (a Discord guild without a text channel): the button comes privately, or the wait could not end.
            actions.Add(new DirectMessage(joined.Community, user, text, button));
        }

        return actions;
    }

    private async Task<IReadOnlyList<BotAction>> HoldAsync(EventContext context, MessagePosted message, CancellationToken ct)
    {
        if (await store.HeldAsync(message.Community, message.Author.User, ct) is not { } newcomer)
        {
            return FeatureResults.None;
        }

        context.MessageFiltered = true;
        var actions = new List<BotAction> { new DeleteMessage(message.Community, message.ChannelId, message.MessageId, VerificationText.Get(CultureInfo.InvariantCulture, "HeldReason")) };
        if (await store.MarkExplainedAsync(message.Community, message.Author.User, ct))
        {
            actions.Add(new DirectMessage(message.Community, message.Author.User, VerificationText.Get(context.Culture, "HeldExplanation", options.TimeoutFor(newcomer.Raid))));
        }

        return actions;
    }

    private async Task<IReadOnlyList<BotAction>> AgreeAsync(EventContext context, ButtonPressed button, string owner, CancellationToken ct)
    {
        var culture = context.Culture;
        var user = button.By.User;
        if (user.Id != owner)
        {
            return [Notice(button, VerificationText.Get(culture, "NotYourButton"))];
        }

        // An old raid-check greeting's newcomer was restricted without a record here, so its press always lifts.
        var restricted = VerificationButtons.IsRaidCheck(button.Data) || await store.GetNewcomerAsync(button.Community, user, ct) is { Raid: true, IsVerified: false };
        var version = (await rules.GetAsync(button.Community, ct))?.Version ?? 0;
        var changed = await store.VerifyAsync(button.Community, user, user, context.Now, version, ct);
        var actions = new List<BotAction>();
        if (changed)
        {
            actions.Add(new CancelTimer(button.Community, Feature, TimeoutKey(user)));
        }

        var (lift, sanctionUntil) = restricted ? await LiftRaidHoldAsync(raids, button.Community, user, context.Now, ct) : (null, null);
        if (lift is not null)
        {
            actions.Add(lift);
        }

        actions.Add(Notice(button, sanctionUntil is not null
            ? VerificationText.Get(culture, "Sanctioned", sanctionUntil)
            : VerificationText.Get(culture, changed ? "Agreed" : "AlreadyAgreed")));
        return actions;
    }

    private async Task<IReadOnlyList<BotAction>> TimeoutAsync(EventContext context, TimerFired timer, CancellationToken ct)
    {
        var user = new UserRef(timer.Community.Platform, timer.Payload);
        var settings = await store.GetSettingsAsync(timer.Community, ct);
        if (await store.GetNewcomerAsync(timer.Community, user, ct) is not { IsVerified: false } newcomer || !(settings.Enabled || newcomer.Raid))
        {
            return FeatureResults.None;
        }

        await store.RemoveAsync(timer.Community, user, ct);
        var reason = VerificationText.Get(context.Culture, "TimeoutReason", options.TimeoutFor(newcomer.Raid));
        await audit.RecordAsync(new AuditEntry(timer.Community, context.Now, null, "verify-kick", user, "verification", reason), ct);
        return [new KickMember(timer.Community, user, reason)];
    }

    private async Task<IReadOnlyList<BotAction>> OnLeaveAsync(MemberLeft left, CancellationToken ct)
    {
        if (await store.GetNewcomerAsync(left.Community, left.User, ct) is not { IsVerified: false })
        {
            return FeatureResults.None;
        }

        await store.RemoveAsync(left.Community, left.User, ct);
        return [new CancelTimer(left.Community, Feature, TimeoutKey(left.User))];
    }

    private static Reply Notice(ButtonPressed button, string text) =>
        new(button.Community, button.ChannelId, text, Ephemeral: true, InteractionId: button.InteractionId);
}
