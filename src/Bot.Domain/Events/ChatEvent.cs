using System.Text.Json.Serialization;
using Bot.Domain.Model;

namespace Bot.Domain.Events;

/// <summary>
/// Something that happened in a community, already translated from the platform.
/// <see cref="EventId"/> is the platform's own id (update id, gateway sequence, interaction id)
/// so the pipeline can drop a delivery it has already processed.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$event")]
[JsonDerivedType(typeof(MessagePosted), nameof(MessagePosted))]
[JsonDerivedType(typeof(MessageEdited), nameof(MessageEdited))]
[JsonDerivedType(typeof(MessageDeleted), nameof(MessageDeleted))]
[JsonDerivedType(typeof(MemberJoined), nameof(MemberJoined))]
[JsonDerivedType(typeof(MemberLeft), nameof(MemberLeft))]
[JsonDerivedType(typeof(CommandInvoked), nameof(CommandInvoked))]
[JsonDerivedType(typeof(ReactionAdded), nameof(ReactionAdded))]
[JsonDerivedType(typeof(ButtonPressed), nameof(ButtonPressed))]
[JsonDerivedType(typeof(TimerFired), nameof(TimerFired))]
[JsonDerivedType(typeof(ActionCompleted), nameof(ActionCompleted))]
[JsonDerivedType(typeof(SpendingReported), nameof(SpendingReported))]
public abstract record ChatEvent(string EventId, CommunityRef Community, DateTimeOffset At);

/// <summary>A message in a channel, or (when <see cref="IsDirect"/>) a private message to the bot.</summary>
public sealed record MessagePosted(
    string EventId,
    CommunityRef Community,
    DateTimeOffset At,
    string ChannelId,
    string MessageId,
    Member Author,
    string Text,
    string? ReplyToMessageId = null,
    UserRef? ReplyToUser = null,
    IReadOnlyList<UserRef>? Mentions = null,
    bool IsDirect = false,
    string? ThreadId = null) : ChatEvent(EventId, Community, At)
{
    public IReadOnlyList<UserRef> MentionedUsers => Mentions ?? [];
}

public sealed record MessageEdited(
    string EventId,
    CommunityRef Community,
    DateTimeOffset At,
    string ChannelId,
    string MessageId,
    Member Author,
    string Text) : ChatEvent(EventId, Community, At);

public sealed record MessageDeleted(
    string EventId,
    CommunityRef Community,
    DateTimeOffset At,
    string ChannelId,
    string MessageId) : ChatEvent(EventId, Community, At);

/// <summary>
/// A member joined; <see cref="InviteCode"/> is the link used when the platform tells us. <see cref="ChannelId"/> is
/// the chat where the platform shows the join (the Telegram group, a Discord guild's system channel), and
/// <see cref="CommunityName"/> the community's name there (group title, guild name), when known.
/// </summary>
public sealed record MemberJoined(
    string EventId,
    CommunityRef Community,
    DateTimeOffset At,
    Member Member,
    string? InviteCode = null,
    bool InviteCertain = true,
    string? ChannelId = null,
    string? CommunityName = null) : ChatEvent(EventId, Community, At);

public sealed record MemberLeft(
    string EventId,
    CommunityRef Community,
    DateTimeOffset At,
    UserRef User) : ChatEvent(EventId, Community, At);

/// <summary>
/// A command, as text after the name (<c>/warn @bob spam</c> gives Name "warn", Arguments "@bob spam").
/// Structured platforms (Discord) render their options back into the same text form.
/// </summary>
public sealed record CommandInvoked(
    string EventId,
    CommunityRef Community,
    DateTimeOffset At,
    string ChannelId,
    Member Caller,
    string Name,
    string Arguments,
    string? MessageId = null,
    string? InteractionId = null,
    bool IsDirect = false,
    string? ThreadId = null,
    UserRef? ReplyToUser = null,
    IReadOnlyList<UserRef>? Mentions = null,
    IReadOnlyList<Attachment>? Attachments = null,
    string? ReplyToMessageId = null) : ChatEvent(EventId, Community, At)
{
    /// <summary>
    /// The command as the group message it was typed in, which moderation checks and the message log keeps like any
    /// other; null for a platform interaction (a Discord slash command is no message) and in a private chat.
    /// </summary>
    public MessagePosted? AsMessage() => MessageId is null || IsDirect
        ? null
        : new MessagePosted(
            EventId, Community, At, ChannelId, MessageId, Caller, Arguments.Length == 0 ? "/" + Name : $"/{Name} {Arguments}",
            ReplyToMessageId, ReplyToUser, Mentions, IsDirect: false, ThreadId);
}

public sealed record ReactionAdded(
    string EventId,
    CommunityRef Community,
    DateTimeOffset At,
    string ChannelId,
    string MessageId,
    UserRef By,
    string Emoji,
    UserRef? MessageAuthor = null) : ChatEvent(EventId, Community, At);

public sealed record ButtonPressed(
    string EventId,
    CommunityRef Community,
    DateTimeOffset At,
    string ChannelId,
    string MessageId,
    Member By,
    string Data,
    string? InteractionId = null) : ChatEvent(EventId, Community, At);

/// <summary>Scheduled work (a Quartz trigger) entering the same pipeline as chat events.</summary>
public sealed record TimerFired(
    string EventId,
    CommunityRef Community,
    DateTimeOffset At,
    string Feature,
    string Key,
    string Payload,
    DateTimeOffset ScheduledFor) : ChatEvent(EventId, Community, At);

/// <summary>
/// The result of an action that asked for one (<see cref="Actions.BotAction.Correlation"/>):
/// the invite link created, the message id published, the staff thread opened.
/// </summary>
public sealed record ActionCompleted(
    string EventId,
    CommunityRef Community,
    DateTimeOffset At,
    string Correlation,
    bool Succeeded,
    string? ChannelId = null,
    string? MessageId = null,
    string? Value = null,
    string? Error = null) : ChatEvent(EventId, Community, At);


/// <summary>
/// A purchase the shop reported to the spending webhook (already signature-checked); its event id carries the
/// purchase's idempotency key, so a repeated call is dropped like a redelivered update.
/// </summary>
public sealed record SpendingReported(
    string EventId,
    CommunityRef Community,
    DateTimeOffset At,
    Tiering.SpendingRow Purchase) : ChatEvent(EventId, Community, At);
