using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Rules;

namespace Bot.Domain.Verification;

/// <summary>
/// The newcomer's way in: a greeting with the rules and their own "I agree" button on join; while verification is on,
/// their messages are deleted (with one private explanation) until they press it, and after
/// <see cref="VerificationOptions.TimeoutMinutes"/> without pressing they are kicked. Runs before moderation, so a held
/// message is neither judged nor counted.
/// </summary>
public sealed class VerificationFeature(IVerificationStore store, IRulesStore rules, VerificationOptions options, IAuditLog audit) : IFeature
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

    private async Task<IReadOnlyList<BotAction>> OnJoinAsync(EventContext context, MemberJoined joined, CancellationToken ct)
    {
        var settings = await store.GetSettingsAsync(joined.Community, ct);
        var current = await rules.GetAsync(joined.Community, ct);
        var actions = new List<BotAction>();
        var user = joined.Member.User;
        if (settings.Enabled && !joined.Member.IsPlatformAdmin)
        {
            await store.AddNewcomerAsync(joined.Community, user, context.Now, ct);
            actions.Add(new ScheduleTimer(joined.Community, Feature, TimeoutKey(user), context.Now.AddMinutes(options.TimeoutMinutes), user.Id));
        }

        if (joined.ChannelId is { } channel && (settings.Welcome is not null || settings.Enabled || current is not null))
        {
            var culture = context.Culture;
            var text = Welcome.Greeting(culture, settings.Welcome, joined.Member.DisplayName, joined.CommunityName ?? joined.Community.Id, current, settings.Enabled);
            actions.Add(new SendMessage(joined.Community, channel, text, [new(VerificationText.Get(culture, "AgreeButton"), VerificationButtons.Agree(user), Model.ButtonStyle.Success)]));
        }

        return actions;
    }

    private async Task<IReadOnlyList<BotAction>> HoldAsync(EventContext context, MessagePosted message, CancellationToken ct)
    {
        if (await store.HeldAsync(message.Community, message.Author.User, ct) is null)
        {
            return FeatureResults.None;
        }

        context.MessageFiltered = true;
        var actions = new List<BotAction> { new DeleteMessage(message.Community, message.ChannelId, message.MessageId, VerificationText.Get(CultureInfo.InvariantCulture, "HeldReason")) };
        if (await store.MarkExplainedAsync(message.Community, message.Author.User, ct))
        {
            actions.Add(new DirectMessage(message.Community, message.Author.User, VerificationText.Get(context.Culture, "HeldExplanation", options.TimeoutMinutes)));
        }

        return actions;
    }

    private async Task<IReadOnlyList<BotAction>> AgreeAsync(EventContext context, ButtonPressed button, string owner, CancellationToken ct)
    {
        var culture = context.Culture;
        if (button.By.User.Id != owner)
        {
            return [Notice(button, VerificationText.Get(culture, "NotYourButton"))];
        }

        var version = (await rules.GetAsync(button.Community, ct))?.Version ?? 0;
        var changed = await store.VerifyAsync(button.Community, button.By.User, button.By.User, context.Now, version, ct);
        return changed
            ? [new CancelTimer(button.Community, Feature, TimeoutKey(button.By.User)), Notice(button, VerificationText.Get(culture, "Agreed"))]
            : [Notice(button, VerificationText.Get(culture, "AlreadyAgreed"))];
    }

    private async Task<IReadOnlyList<BotAction>> TimeoutAsync(EventContext context, TimerFired timer, CancellationToken ct)
    {
        var user = new UserRef(timer.Community.Platform, timer.Payload);
        var settings = await store.GetSettingsAsync(timer.Community, ct);
        if (!settings.Enabled || await store.GetNewcomerAsync(timer.Community, user, ct) is not { IsVerified: false })
        {
            return FeatureResults.None;
        }

        await store.RemoveAsync(timer.Community, user, ct);
        var reason = VerificationText.Get(context.Culture, "TimeoutReason", options.TimeoutMinutes);
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
