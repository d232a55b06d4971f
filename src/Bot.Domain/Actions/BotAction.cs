using System.Text.Json.Serialization;
using Bot.Domain.Model;

namespace Bot.Domain.Actions;

/// <summary>
/// What the bot decided to do. Adapters execute actions against the platform of <see cref="Community"/>.
/// An action with a <see cref="Correlation"/> reports its result back as an <see cref="Events.ActionCompleted"/> event.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$action")]
[JsonDerivedType(typeof(Reply), nameof(Reply))]
[JsonDerivedType(typeof(SendMessage), nameof(SendMessage))]
[JsonDerivedType(typeof(EditMessage), nameof(EditMessage))]
[JsonDerivedType(typeof(DeleteMessage), nameof(DeleteMessage))]
[JsonDerivedType(typeof(DeleteMessages), nameof(DeleteMessages))]
[JsonDerivedType(typeof(TimeoutMember), nameof(TimeoutMember))]
[JsonDerivedType(typeof(RemoveTimeout), nameof(RemoveTimeout))]
[JsonDerivedType(typeof(KickMember), nameof(KickMember))]
[JsonDerivedType(typeof(BanMember), nameof(BanMember))]
[JsonDerivedType(typeof(UnbanMember), nameof(UnbanMember))]
[JsonDerivedType(typeof(GrantRole), nameof(GrantRole))]
[JsonDerivedType(typeof(RevokeRole), nameof(RevokeRole))]
[JsonDerivedType(typeof(PostToStaff), nameof(PostToStaff))]
[JsonDerivedType(typeof(OpenStaffThread), nameof(OpenStaffThread))]
[JsonDerivedType(typeof(DirectMessage), nameof(DirectMessage))]
[JsonDerivedType(typeof(CreateInviteLink), nameof(CreateInviteLink))]
[JsonDerivedType(typeof(RestrictNewMembers), nameof(RestrictNewMembers))]
[JsonDerivedType(typeof(CountMembers), nameof(CountMembers))]
[JsonDerivedType(typeof(ScheduleTimer), nameof(ScheduleTimer))]
[JsonDerivedType(typeof(CancelTimer), nameof(CancelTimer))]
public abstract record BotAction(CommunityRef Community)
{
    public string? Correlation { get; init; }

    /// <summary>Its text is a secret (a sign-in link): once done, the outbox keeps the action without it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Sensitive { get; init; }
}

/// <summary>
/// Answer in the channel of the triggering event. An <see cref="Ephemeral"/> answer is for <see cref="To"/> alone: where
/// the platform cannot show it to them only in the channel, it goes to them privately, never to the channel.
/// </summary>
public sealed record Reply(
    CommunityRef Community,
    string ChannelId,
    string Text,
    string? ReplyToMessageId = null,
    bool Ephemeral = false,
    IReadOnlyList<Button>? Buttons = null,
    Attachment? File = null,
    string? InteractionId = null,
    string? ThreadId = null,
    UserRef? To = null) : BotAction(Community);

/// <summary>
/// A message to a channel. <see cref="Formatted"/> text is already in the platform's own markup (Telegram HTML with
/// its text escaped, Discord markdown) and is sent unchanged; otherwise it is plain text for the adapter to escape.
/// </summary>
public sealed record SendMessage(
    CommunityRef Community,
    string ChannelId,
    string Text,
    IReadOnlyList<Button>? Buttons = null,
    Attachment? File = null,
    bool Pin = false,
    string? ThreadId = null,
    bool Formatted = false) : BotAction(Community);

/// <summary>
/// Replaces a message's text. <see cref="Formatted"/> as for <see cref="SendMessage"/>; <see cref="Pin"/> pins (true) or
/// unpins (false) it as well, and null leaves the pin as it is.
/// </summary>
public sealed record EditMessage(
    CommunityRef Community,
    string ChannelId,
    string MessageId,
    string Text,
    IReadOnlyList<Button>? Buttons = null,
    bool Formatted = false,
    bool? Pin = null) : BotAction(Community);

public sealed record DeleteMessage(
    CommunityRef Community,
    string ChannelId,
    string MessageId,
    string Reason) : BotAction(Community);

/// <summary>Several messages of one channel at once (a purge): adapters use the platform's bulk call where it has one.</summary>
public sealed record DeleteMessages(
    CommunityRef Community,
    string ChannelId,
    IReadOnlyList<string> MessageIds,
    string Reason) : BotAction(Community);

public sealed record TimeoutMember(
    CommunityRef Community,
    UserRef User,
    DateTimeOffset Until,
    string Reason) : BotAction(Community);

public sealed record RemoveTimeout(CommunityRef Community, UserRef User, string Reason) : BotAction(Community);

public sealed record KickMember(CommunityRef Community, UserRef User, string Reason) : BotAction(Community);

/// <summary>Ban; <see cref="Until"/> null is permanent (expiry is a scheduled unban, not the platform's).</summary>
public sealed record BanMember(
    CommunityRef Community,
    UserRef User,
    string Reason,
    DateTimeOffset? Until = null,
    int DeleteMessageSeconds = 0) : BotAction(Community);

public sealed record UnbanMember(CommunityRef Community, UserRef User, string Reason) : BotAction(Community);

/// <summary>Give a named role (tiers, verified); Telegram keeps roles in the bot's records.</summary>
public sealed record GrantRole(CommunityRef Community, UserRef User, string Role, string Reason) : BotAction(Community);

public sealed record RevokeRole(CommunityRef Community, UserRef User, string Role, string Reason) : BotAction(Community);

/// <summary>A message to the community's staff channel, or into one staff thread when <see cref="ThreadId"/> is set.</summary>
public sealed record PostToStaff(
    CommunityRef Community,
    string Text,
    IReadOnlyList<Button>? Buttons = null,
    Attachment? File = null,
    string? ThreadId = null) : BotAction(Community);

/// <summary>Open a thread (Discord) or forum topic (Telegram) in the staff channel; completes with its id.</summary>
public sealed record OpenStaffThread(CommunityRef Community, string Title, string Text) : BotAction(Community);

public sealed record DirectMessage(
    CommunityRef Community,
    UserRef User,
    string Text,
    IReadOnlyList<Button>? Buttons = null,
    Attachment? File = null) : BotAction(Community);

/// <summary>A personal invite link named for its owner; completes with the link.</summary>
public sealed record CreateInviteLink(CommunityRef Community, UserRef ForUser, string Name) : BotAction(Community);

/// <summary>Raid mode: new members may not post until they pass the check (or until it is lifted).</summary>
public sealed record RestrictNewMembers(CommunityRef Community, bool Enabled, string Reason) : BotAction(Community);

/// <summary>
/// Asks the platform how many members the community has (the sum over its member chats; a guild's member count); the
/// number comes back as the result's value. A platform without such a figure completes with no value.
/// </summary>
public sealed record CountMembers(CommunityRef Community) : BotAction(Community);

/// <summary>Persist a one-off (or, with <see cref="Cron"/>, recurring) timer that comes back as <see cref="Events.TimerFired"/>.</summary>
public sealed record ScheduleTimer(
    CommunityRef Community,
    string Feature,
    string Key,
    DateTimeOffset At,
    string Payload = "",
    string? Cron = null,
    string? TimeZone = null) : BotAction(Community);

public sealed record CancelTimer(CommunityRef Community, string Feature, string Key) : BotAction(Community);
