using Bot.Adapters.Postgres.Core;
using Bot.Domain.Model;
using Bot.Domain.Suggestions;

namespace Bot.Adapters.Postgres.Suggestions;

public sealed class PostgresSuggestionStore(DbSession db) : ISuggestionStore
{
    public Task<long> CreateAsync(Suggestion suggestion, CancellationToken ct) => db.ExecuteScalarAsync<long>(
        """
        insert into suggestions (community, user_id, text, topic, status, created_at) values (@c, @u, @Text, @Topic, 'open', @CreatedAt)
        returning id
        """,
        new { c = suggestion.Community.ToString(), u = suggestion.Author.Id, suggestion.Text, suggestion.Topic, suggestion.CreatedAt }, ct);

    public async Task<Suggestion?> GetAsync(CommunityRef community, long id, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string UserId, string Text, string Topic, string Status, DateTime CreatedAt)>(
            "select user_id, text, topic, status, created_at from suggestions where community = @c and id = @id", new { c = community.ToString(), id }, ct);
        return rows is [var r]
            ? new Suggestion(id, community, new UserRef(community.Platform, r.UserId), r.Text, r.Topic, Enum.Parse<SuggestionStatus>(r.Status, ignoreCase: true), Utc.Of(r.CreatedAt))
            : null;
    }

    public async Task<bool> DecideAsync(CommunityRef community, long id, SuggestionStatus status, UserRef by, DateTimeOffset at, CancellationToken ct) =>
        await db.ExecuteAsync(
            """
            update suggestions set status = @status, decided_by = @by, decided_at = @at
            where community = @c and id = @id and status = 'open'
            """,
            new { c = community.ToString(), id, status = status.ToString().ToLowerInvariant(), by = by.Id, at }, ct) > 0;

    public async Task<IReadOnlyList<TopicCount>> TopicsAsync(CommunityRef community, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string Topic, int Count)>(
            """
            select topic, count(*)::int from suggestions
            where community = @c and created_at >= @from and created_at < @to
            group by topic order by count(*) desc, topic limit @limit
            """,
            new { c = community.ToString(), from, to, limit }, ct);
        return [.. rows.Select(r => new TopicCount(r.Topic, r.Count))];
    }
}
