using System.Globalization;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Staff;

namespace Bot.Domain.Pipeline;

/// <summary>
/// What every feature knows about the event it handles: the community's settings and language, the
/// actor's staff roles, the time. Features earlier in the order leave notes for later ones
/// (moderation marks a message it removed, so tiering gives it no points and the FAQ does not answer it).
/// </summary>
public sealed class EventContext
{
    public required ChatEvent Event { get; init; }

    public required CommunitySettings Settings { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>The member who caused the event, when there is one.</summary>
    public Member? Actor { get; init; }

    public IReadOnlySet<StaffRole> ActorRoles { get; init; } = new HashSet<StaffRole>();

    public CultureInfo Culture => Text.Languages.Culture(Settings.Language);

    public CommunityRef Community => Event.Community;

    /// <summary>Set by moderation when the message broke a rule and was acted on.</summary>
    public bool MessageFiltered { get; set; }

    /// <summary>Set by a feature that already answered a message (so others stay quiet).</summary>
    public bool MessageAnswered { get; set; }

    public bool IsStaff => ActorRoles.Count > 0;
}
