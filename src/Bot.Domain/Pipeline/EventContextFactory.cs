using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Staff;

namespace Bot.Domain.Pipeline;

/// <summary>Builds the <see cref="EventContext"/>: the community's settings (created with defaults) and the actor's roles.</summary>
public sealed class EventContextFactory(ICommunityStore communities, StaffResolver staff, CommunityOptions defaults, TimeProvider time)
{
    public async Task<EventContext> CreateAsync(ChatEvent chatEvent, CancellationToken ct)
    {
        var settings = await communities.GetAsync(chatEvent.Community, ct);
        if (settings is null)
        {
            settings = new CommunitySettings(chatEvent.Community, defaults.DefaultLanguage, defaults.DefaultTimeZone);
            await communities.SaveAsync(settings, ct);
        }

        var actor = ActorOf(chatEvent);
        var roles = actor is null ? new HashSet<StaffRole>() : await staff.ResolveAsync(chatEvent.Community, actor, ct);
        return new EventContext
        {
            Event = chatEvent,
            Settings = settings,
            Now = time.GetUtcNow(),
            Actor = actor,
            ActorRoles = roles,
        };
    }

    public static Member? ActorOf(ChatEvent chatEvent) => chatEvent switch
    {
        MessagePosted m => m.Author,
        MessageEdited m => m.Author,
        CommandInvoked c => c.Caller,
        ButtonPressed b => b.By,
        MemberJoined j => j.Member,
        _ => null,
    };
}
