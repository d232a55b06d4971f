using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;

namespace Bot.Domain.LogChannel;

/// <summary>
/// Compact entries in the community's log channel: edits and deletions with the old text (as the message log still
/// holds it, so retention and erasure apply), joins and leaves, and every moderation or staff action recorded in the
/// audit log while the event was handled. Runs last, after every feature that records.
/// </summary>
public sealed class LogChannelFeature(ILogChannelStore store, AuditJournal journal, LogChannelOptions options) : IFeature
{
    /// <summary>Every staff command is audited as "command"; the log shows what the commands did instead.</summary>
    private const string CommandAudit = "command";

    public string Name => "log-channel";

    public int Order => 990;

    public async Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct)
    {
        var audited = journal.Drain(context.Community).Where(e => e.Action != CommandAudit).ToList();
        var relevant = context.Event is MessageEdited or MessageDeleted or MemberJoined or MemberLeft;
        if ((!relevant && audited.Count == 0) || await store.GetAsync(context.Community, ct) is not { } channel)
        {
            return FeatureResults.None;
        }

        var culture = context.Culture;
        var lines = new List<string>();
        switch (context.Event)
        {
            case MessageEdited edited when edited.ChannelId != channel:
                var before = await store.MessageAsync(edited.Community, edited.ChannelId, edited.MessageId, ct);
                await store.UpdateTextAsync(edited.Community, edited.ChannelId, edited.MessageId, edited.Text, ct);
                if (before?.Text != edited.Text)
                {
                    lines.Add(LogChannelText.Get(culture, "Edited", edited.Author.DisplayName, edited.ChannelId,
                        before?.Text is { } old ? Excerpt(old) : LogChannelText.Get(culture, "NotKept"), Excerpt(edited.Text)));
                }

                break;
            case MessageDeleted deleted when deleted.ChannelId != channel:
                var gone = await store.MessageAsync(deleted.Community, deleted.ChannelId, deleted.MessageId, ct);
                lines.Add(gone is null
                    ? LogChannelText.Get(culture, "DeletedUnknown", deleted.ChannelId)
                    : LogChannelText.Get(culture, "Deleted", gone.AuthorName, deleted.ChannelId, gone.Text is { } text ? Excerpt(text) : LogChannelText.Get(culture, "NotKept")));
                break;
            case MemberJoined joined:
                lines.Add(LogChannelText.Get(culture, "Joined", joined.Member.DisplayName, joined.Member.User.Id));
                break;
            case MemberLeft left:
                lines.Add(LogChannelText.Get(culture, "Left", left.User.Id));
                break;
        }

        lines.AddRange(audited.Select(e => Audit(culture, e)));
        return lines.Count == 0 ? FeatureResults.None : [new SendMessage(context.Community, channel, string.Join('\n', lines))];
    }

    private string Audit(CultureInfo culture, AuditEntry entry) => LogChannelText.Get(
        culture, "Audit", entry.Action, entry.Actor?.Id ?? LogChannelText.Get(culture, "TheBot"), entry.Target?.Id ?? "—", entry.Source, Excerpt(entry.Reason)).TrimEnd();

    private string Excerpt(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= options.ExcerptLength ? line : line[..(options.ExcerptLength - 1)] + "…";
    }
}
