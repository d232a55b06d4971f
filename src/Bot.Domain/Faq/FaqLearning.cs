using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;
using Bot.Domain.Text;
using Bot.Domain.Tickets;

namespace Bot.Domain.Faq;

/// <summary>
/// The FAQ learns from staff, never on its own: a question members asked (an unanswered one from <c>/faq gaps</c>,
/// a ticket's question, or one typed with <c>/faq learn</c>) becomes a phrasing of an entry only when staff attach
/// it, by one button under <c>/faq gaps</c> (<c>faq:learn:&lt;gap&gt;:&lt;entry&gt;</c>) or one command.
/// </summary>
public sealed class FaqLearning(IFaqStore store, FaqIndexCache indexes, ITicketStore tickets, PermissionTable permissions)
{
    /// <summary>How many unanswered questions get an "attach" button (platforms limit buttons per message).</summary>
    public const int GapButtons = 5;

    private const int LabelLength = 30;

    /// <summary>
    /// Attaches <paramref name="question"/> to entry <paramref name="entryId"/> as a phrasing and forgets it as a gap.
    /// Returns the text to answer staff with.
    /// </summary>
    public async Task<string> AttachAsync(CommunityRef community, long entryId, string question, DateTimeOffset at, CultureInfo culture, CancellationToken ct)
    {
        question = question.Trim();
        if (await store.GetAsync(community, entryId, ct) is not { } entry)
        {
            return FaqText.Get(culture, "NoSuchEntry", entryId);
        }

        var key = FaqText.Key(question);
        if (entry.Questions.Any(q => FaqText.Key(q) == key))
        {
            await store.RemoveGapAsync(community, key, ct);
            return FaqText.Get(culture, "LearnKnown", entryId, question);
        }

        var draft = new FaqDraft([.. entry.Questions, question], entry.Answer, entry.Tags);
        if (FaqEntryParser.Validate(draft) is { } error)
        {
            return FaqText.Get(culture, error);
        }

        await store.UpdateAsync(community, entryId, draft, at, ct);
        await store.RemoveGapAsync(community, key, ct);
        return FaqText.Get(culture, "Learned", question, entryId);
    }

    /// <summary>
    /// The question <c>/faq learn &lt;id&gt;</c> means when none is typed: in a ticket's thread, what the member asked
    /// (the subject they gave, or their first message when the ticket came from the "Talk to staff" button).
    /// </summary>
    public async Task<string?> TicketQuestionAsync(CommunityRef community, string? threadId, CancellationToken ct)
    {
        if (threadId is null || await tickets.FindByThreadAsync(community, threadId, ct) is not { } ticket)
        {
            return null;
        }

        var fromButton = Languages.Supported.Any(tag => TicketText.Get(Languages.Culture(tag), "ButtonSubject") == ticket.Subject);
        if (!fromButton)
        {
            return ticket.Subject;
        }

        var transcript = await tickets.TranscriptAsync(ticket.Id, ct);
        return transcript.FirstOrDefault(m => m.Kind == TicketEntryKind.Member)?.Text;
    }

    /// <summary>"Attach" buttons for the top gaps: each to the entry the matcher finds closest, if any.</summary>
    public async Task<IReadOnlyList<Button>> GapButtonsAsync(CommunityRef community, IReadOnlyList<FaqGap> gaps, CultureInfo culture, CancellationToken ct)
    {
        var index = await indexes.GetAsync(community, store, ct);
        var buttons = new List<Button>();
        foreach (var gap in gaps.Take(GapButtons))
        {
            if (index.Rank(gap.Sample, 1) is [var best])
            {
                var sample = gap.Sample.Length > LabelLength ? gap.Sample[..(LabelLength - 1)] + "…" : gap.Sample;
                buttons.Add(new Button(FaqText.Get(culture, "LearnButton", sample, best.EntryId), $"faq:learn:{gap.Id}:{best.EntryId}"));
            }
        }

        return buttons;
    }

    /// <summary>A press of an "attach" button: only staff who keep the FAQ may.</summary>
    public async Task<IReadOnlyList<BotAction>> OnButtonAsync(EventContext context, ButtonPressed button, CancellationToken ct)
    {
        var parts = button.Data.Split(':');
        if (parts.Length != 4
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var gapId)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var entryId))
        {
            return FeatureResults.None;
        }

        var culture = context.Culture;
        var text = !permissions.Allows(context.ActorRoles, Permission.ManageFaq)
            ? FaqText.Get(culture, "LearnNotPermitted")
            : await store.GetGapAsync(button.Community, gapId, ct) is { } gap
                ? await AttachAsync(button.Community, entryId, gap.Sample, context.Now, culture, ct)
                : FaqText.Get(culture, "LearnGapGone");
        return [new Reply(button.Community, button.ChannelId, text, Ephemeral: true, InteractionId: button.InteractionId)];
    }
}
