using Bot.Domain.Model;

namespace Bot.Domain.Faq;

/// <summary>
/// An FAQ entry: several ways members ask the question, one answer, tags, and members' verdicts: 👍, 👎, and how
/// often a member picked it from a "Did you mean…?" offer.
/// </summary>
public sealed record FaqEntry(
    long Id,
    IReadOnlyList<string> Questions,
    string Answer,
    IReadOnlyList<string> Tags,
    int Helpful = 0,
    int Unhelpful = 0,
    int Chosen = 0);

/// <summary>An entry as staff write it, before it has an id.</summary>
public sealed record FaqDraft(IReadOnlyList<string> Questions, string Answer, IReadOnlyList<string> Tags);

/// <summary>A question the FAQ could not answer, grouped by its normalised form (<see cref="Key"/>).</summary>
public sealed record FaqGap(long Id, string Key, string Sample, int Count, DateTimeOffset LastAsked);

/// <summary>Why staff input was refused: a key in the FAQ texts and its arguments.</summary>
public sealed record FaqError(string Key, params object[] Args);

/// <summary>Where an answer was last given, for the cooldown.</summary>
public sealed record FaqAnswered(CommunityRef Community, string ChannelId, long EntryId, DateTimeOffset At);

/// <summary>
/// A member's question the FAQ saw, for the answer rate: <see cref="Answered"/> when the bot posted an answer;
/// <see cref="EntryId"/> is the matched entry, also when a cooldown held the answer back.
/// </summary>
public sealed record FaqQuestion(CommunityRef Community, string ChannelId, string MessageId, UserRef User, DateTimeOffset At, long? EntryId, bool Answered);

/// <summary>A member's pick from a "Did you mean…?" offer (<see cref="MessageId"/> is the offer).</summary>
public sealed record FaqChoice(CommunityRef Community, string ChannelId, string MessageId, UserRef User, long EntryId, DateTimeOffset At);
