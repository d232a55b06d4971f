using Bot.Adapters.Postgres.Batch;
using Bot.Adapters.Postgres.Core;
using Bot.Domain.Faq;
using Bot.Domain.Model;

namespace Bot.Adapters.Postgres.Faq;

public sealed class PostgresFaqStore(DbSession db) : IFaqStore
{
    private const string EntryColumns =
        """
        e.id, e.questions, e.answer, e.tags,
        (select count(*) from faq_feedback f where f.entry_id = e.id and f.helpful)::int as helpful,
        (select count(*) from faq_feedback f where f.entry_id = e.id and not f.helpful)::int as unhelpful,
        (select count(*) from faq_choices h where h.entry_id = e.id)::int as chosen
        """;

    // Revisions come from a sequence, so a number is never reused even when the change that took it rolls back.
    private const string Bump =
        """
        insert into faq_revisions (community, revision) values (@c, nextval('faq_revision'))
        on conflict (community) do update set revision = nextval('faq_revision');
        """;

    // Members' verdicts change entries' weights, so they move the revision too; many batches vote on one
    // community's row, so the bump waits for the batch's end (DbSession.DeferIncrement).
    private void BumpLater(CommunityRef community) =>
        db.DeferIncrement($"faq_revisions:{community}", Bump, new { c = community.ToString() });

    // Every message asks for the revision and its channel's switch: read once per batch (a run of messages, see
    // DbSession.DropLoaded), since within a run of messages nothing changes them.
    public async Task<long> RevisionAsync(CommunityRef community, CancellationToken ct)
    {
        var memo = db.Loaded<string, long>("faq_revisions");
        if (!memo.TryGetValue(community.ToString(), out var revision))
        {
            revision = memo[community.ToString()] = await db.QuerySingleOrDefaultAsync<long?>(
                "select revision from faq_revisions where community = @c", new { c = community.ToString() }, ct) ?? 0;
        }

        return revision;
    }

    public async Task<IReadOnlyList<FaqEntry>> ListAsync(CommunityRef community, CancellationToken ct) =>
        [.. (await db.QueryAsync<EntryRow>($"select {EntryColumns} from faq_entries e where e.community = @c order by e.id", new { c = community.ToString() }, ct))
            .Select(r => r.ToEntry())];

    public async Task<FaqEntry?> GetAsync(CommunityRef community, long id, CancellationToken ct) =>
        (await db.QueryAsync<EntryRow>($"select {EntryColumns} from faq_entries e where e.community = @c and e.id = @id", new { c = community.ToString(), id }, ct))
            .FirstOrDefault()?.ToEntry();

    public Task<long> AddAsync(CommunityRef community, FaqDraft draft, UserRef by, DateTimeOffset at, CancellationToken ct) => db.ExecuteScalarAsync<long>(
        $"""
        {Bump}
        insert into faq_entries (community, questions, answer, tags, created_by, created_at, updated_at)
        values (@c, @questions, @Answer, @tags, @by, @at, @at) returning id
        """,
        new { c = community.ToString(), questions = draft.Questions.ToArray(), draft.Answer, tags = draft.Tags.ToArray(), by = by.Id, at }, ct);

    public async Task<bool> UpdateAsync(CommunityRef community, long id, FaqDraft draft, DateTimeOffset at, CancellationToken ct) =>
        await db.ExecuteAsync(
            $"""
            update faq_entries set questions = @questions, answer = @Answer, tags = @tags, updated_at = @at where community = @c and id = @id;
            {Bump}
            """,
            new { c = community.ToString(), id, questions = draft.Questions.ToArray(), draft.Answer, tags = draft.Tags.ToArray(), at }, ct) > 1;

    public async Task<bool> RemoveAsync(CommunityRef community, long id, CancellationToken ct) =>
        await db.ExecuteAsync($"delete from faq_entries where community = @c and id = @id; {Bump}", new { c = community.ToString(), id }, ct) > 1;

    public async Task<bool> RecordFeedbackAsync(CommunityRef community, long id, UserRef user, bool helpful, DateTimeOffset at, CancellationToken ct)
    {
        var recorded = await db.ExecuteAsync(
            """
            insert into faq_feedback (community, entry_id, user_id, helpful, at)
            select community, id, @u, @helpful, @at from faq_entries where community = @c and id = @id
            on conflict (entry_id, user_id) do update set helpful = excluded.helpful, at = excluded.at
            """,
            new { c = community.ToString(), id, u = user.Id, helpful, at }, ct) > 0;
        if (recorded)
        {
            BumpLater(community);
        }

        return recorded;
    }

    public async Task<bool> RecordChoiceAsync(FaqChoice choice, CancellationToken ct)
    {
        var recorded = await db.ExecuteAsync(
            """
            insert into faq_choices (community, channel_id, message_id, user_id, entry_id, at)
            select community, @ChannelId, @MessageId, @u, id, @At from faq_entries where community = @c and id = @EntryId
            on conflict (community, channel_id, message_id, user_id) do nothing
            """,
            new { c = choice.Community.ToString(), choice.ChannelId, choice.MessageId, u = choice.User.Id, choice.EntryId, choice.At }, ct) > 0;
        if (recorded)
        {
            BumpLater(choice.Community);
        }

        return recorded;
    }

    public async Task<IReadOnlyList<FaqSynonym>> SynonymsAsync(CommunityRef community, CancellationToken ct) =>
        [.. (await db.QueryAsync<(string Word, string Canonical)>(
            "select word, canonical from faq_synonyms where community = @c order by key", new { c = community.ToString() }, ct))
            .Select(r => new FaqSynonym(r.Word, r.Canonical))];

    public Task SetSynonymAsync(CommunityRef community, string key, FaqSynonym synonym, UserRef by, DateTimeOffset at, CancellationToken ct) => db.ExecuteAsync(
        $"""
        insert into faq_synonyms (community, key, word, canonical, created_by, created_at) values (@c, @key, @Word, @Canonical, @by, @at)
        on conflict (community, key) do update set word = excluded.word, canonical = excluded.canonical, created_by = excluded.created_by, created_at = excluded.created_at;
        {Bump}
        """,
        new { c = community.ToString(), key, synonym.Word, synonym.Canonical, by = by.Id, at }, ct);

    public async Task<bool> RemoveSynonymAsync(CommunityRef community, string key, CancellationToken ct) =>
        await db.ExecuteAsync($"delete from faq_synonyms where community = @c and key = @key; {Bump}", new { c = community.ToString(), key }, ct) > 1;

    /// <summary>
    /// Unanswered questions, counted up in the batch: one row per question key, added to the stored count in one
    /// statement at the batch's end, in key order (many batches share a common question's row).
    /// </summary>
    public static readonly BatchSink<string, GapCount> Gaps = new(
        "faq_gaps", StringComparer.Ordinal, (earlier, later) => later with { Count = earlier.Count + later.Count, FirstAt = earlier.FirstAt }, rows => (
        """
        insert into faq_gaps (community, key, sample, sample_user_id, count, first_at, last_at)
        select * from unnest(@c, @keys, @samples, @users, @counts, @firstAt, @lastAt)
        on conflict (community, key) do update set count = faq_gaps.count + excluded.count, sample = excluded.sample,
            sample_user_id = excluded.sample_user_id, last_at = excluded.last_at
        """,
        new
        {
            c = rows.Select(r => r.Community).ToArray(),
            keys = rows.Select(r => r.Key).ToArray(),
            samples = rows.Select(r => r.Sample).ToArray(),
            users = rows.Select(r => r.User).ToArray(),
            counts = rows.Select(r => r.Count).ToArray(),
            firstAt = rows.Select(r => r.FirstAt).ToArray(),
            lastAt = rows.Select(r => r.LastAt).ToArray(),
        }));

    public sealed record GapCount(string Community, string Key, string Sample, string User, int Count, DateTime FirstAt, DateTime LastAt);

    public Task RecordGapAsync(CommunityRef community, string key, string sample, UserRef author, DateTimeOffset at, CancellationToken ct)
    {
        return db.WriteAsync(Gaps, $"{community}\n{key}", new GapCount(community.ToString(), key, sample, author.Id, 1, at.UtcDateTime, at.UtcDateTime), ct);
    }

    public async Task<IReadOnlyList<FaqGap>> TopGapsAsync(CommunityRef community, int limit, DateTimeOffset? since, CancellationToken ct) =>
        [.. (await db.QueryAsync<(long Id, string Key, string Sample, int Count, DateTime LastAt)>(
            """
            select id, key, sample, count, last_at from faq_gaps
            where community = @c and (@since::timestamptz is null or last_at >= @since)
            order by count desc, last_at desc limit @limit
            """,
            new { c = community.ToString(), limit, since }, ct)).Select(r => new FaqGap(r.Id, r.Key, r.Sample, r.Count, Utc.Of(r.LastAt)))];

    public async Task<FaqGap?> GetGapAsync(CommunityRef community, long id, CancellationToken ct) =>
        (await db.QueryAsync<(long Id, string Key, string Sample, int Count, DateTime LastAt)>(
            "select id, key, sample, count, last_at from faq_gaps where community = @c and id = @id",
            new { c = community.ToString(), id }, ct)).Select(r => new FaqGap(r.Id, r.Key, r.Sample, r.Count, Utc.Of(r.LastAt))).FirstOrDefault();

    public Task RemoveGapAsync(CommunityRef community, string key, CancellationToken ct) =>
        db.ExecuteAsync("delete from faq_gaps where community = @c and key = @key", new { c = community.ToString(), key }, ct);

    public async Task<bool> IsChannelEnabledAsync(CommunityRef community, string channelId, CancellationToken ct)
    {
        var memo = db.Loaded<(string, string), bool>("faq_channels");
        if (!memo.TryGetValue((community.ToString(), channelId), out var enabled))
        {
            enabled = memo[(community.ToString(), channelId)] = await db.QuerySingleOrDefaultAsync<bool?>(
                "select enabled from faq_channels where community = @c and channel_id = @channelId", new { c = community.ToString(), channelId }, ct) ?? true;
        }

        return enabled;
    }

    public Task SetChannelEnabledAsync(CommunityRef community, string channelId, bool enabled, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into faq_channels (community, channel_id, enabled) values (@c, @channelId, @enabled)
        on conflict (community, channel_id) do update set enabled = excluded.enabled
        """,
        new { c = community.ToString(), channelId, enabled }, ct);

    public async Task<DateTimeOffset?> LastAnsweredAsync(CommunityRef community, string channelId, long entryId, CancellationToken ct) =>
        Utc.Of(await db.QuerySingleOrDefaultAsync<DateTime?>(
            "select at from faq_answered where community = @c and channel_id = @channelId and entry_id = @entryId",
            new { c = community.ToString(), channelId, entryId }, ct));

    public Task MarkAnsweredAsync(FaqAnswered answered, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into faq_answered (community, channel_id, entry_id, at) values (@c, @ChannelId, @EntryId, @At)
        on conflict (community, channel_id, entry_id) do update set at = excluded.at
        """,
        new { c = answered.Community.ToString(), answered.ChannelId, answered.EntryId, answered.At }, ct);

    /// <summary>Questions go out set-based at the end of the batch; the first record of a message stays, as before.</summary>
    public static readonly BatchSink<string, FaqQuestion> Questions = new("faq_questions", StringComparer.Ordinal, (earlier, _) => earlier, rows => (
        """
        insert into faq_questions (community, channel_id, message_id, user_id, at, entry_id, answered)
        select * from unnest(@c, @channels, @ids, @users, @at, @entries, @answered)
        on conflict (community, channel_id, message_id) do nothing
        """,
        new
        {
            c = rows.Select(r => r.Community.ToString()).ToArray(),
            channels = rows.Select(r => r.ChannelId).ToArray(),
            ids = rows.Select(r => r.MessageId).ToArray(),
            users = rows.Select(r => r.User.Id).ToArray(),
            at = rows.Select(r => r.At.UtcDateTime).ToArray(),
            entries = rows.Select(r => r.EntryId).ToArray(),
            answered = rows.Select(r => r.Answered).ToArray(),
        }));

    public Task RecordQuestionAsync(FaqQuestion question, CancellationToken ct)
    {
        return db.WriteAsync(Questions, $"{question.Community}\n{question.ChannelId}\n{question.MessageId}", question, ct);
    }

    // A class rather than a positional record: Npgsql reports text[] columns as System.Array, which Dapper only converts for setters.
    private sealed class EntryRow
    {
        public long Id { get; set; }

        public string[] Questions { get; set; } = [];

        public string Answer { get; set; } = string.Empty;

        public string[] Tags { get; set; } = [];

        public int Helpful { get; set; }

        public int Unhelpful { get; set; }

        public int Chosen { get; set; }

        public FaqEntry ToEntry() => new(Id, Questions, Answer, Tags, Helpful, Unhelpful, Chosen);
    }
}
