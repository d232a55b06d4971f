using Bot.Adapters.Postgres.Batch;
using Bot.Adapters.Postgres.Core;
using Bot.Domain.Model;
using Bot.Domain.Moderation;
using Bot.Domain.Privacy;

namespace Bot.Adapters.Postgres.Moderation;

public sealed class PostgresModerationStore(DbSession db, Pseudonyms pseudonyms, HotCache<CommunityRef, IReadOnlyList<ModerationRule>>? rules = null) : IModerationStore
{
    // Rules are read on every message; a change in this process drops the entry, other processes see it within the TTL.
    private readonly HotCache<CommunityRef, IReadOnlyList<ModerationRule>> _rules = rules ?? new(TimeProvider.System);

    private const string RuleColumns = "id, kind, pattern, action, mode, exempt_roles, exempt_tiers, exempt_channels, created_by, created_at";
    private const string InfractionColumns = "id, user_id, action, points, source, reason, excerpt, moderator_id, at, expires_at, pardoned_at, pardoned_by";
    private const string AppealColumns = "id, infraction_id, user_id, text, at, status, decided_by, decided_at";

    public Task<IReadOnlyList<ModerationRule>> RulesAsync(CommunityRef community, CancellationToken ct) =>
        _rules.GetAsync(community, () => LoadRulesAsync(community, ct));

    private async Task<IReadOnlyList<ModerationRule>> LoadRulesAsync(CommunityRef community, CancellationToken ct) =>
        [.. (await db.QueryAsync<RuleRow>($"select {RuleColumns} from moderation_rules where community = @c order by id", new { c = community.ToString() }, ct))
            .Select(r => r.ToRule(community))];

    public Task<long> AddRuleAsync(ModerationRule rule, CancellationToken ct)
    {
        _rules.Forget(rule.Community);
        return db.ExecuteScalarAsync<long>(
        """
        insert into moderation_rules (community, kind, pattern, action, mode, exempt_roles, exempt_tiers, exempt_channels, created_by, created_at)
        values (@c, @kind, @Pattern, @action, @mode, @roles, @tiers, @channels, @by, @CreatedAt) returning id
        """,
        RuleParameters(rule), ct);
    }

    public async Task<bool> UpdateRuleAsync(ModerationRule rule, CancellationToken ct)
    {
        _rules.Forget(rule.Community);
        return await db.ExecuteAsync(
        """
        update moderation_rules set kind = @kind, pattern = @Pattern, action = @action, mode = @mode,
            exempt_roles = @roles, exempt_tiers = @tiers, exempt_channels = @channels
        where community = @c and id = @Id
        """,
        RuleParameters(rule), ct) > 0;
    }

    public async Task<bool> RemoveRuleAsync(CommunityRef community, long id, CancellationToken ct)
    {
        _rules.Forget(community);
        return await db.ExecuteAsync("delete from moderation_rules where community = @c and id = @id", new { c = community.ToString(), id }, ct) > 0;
    }

    public Task<long> AddInfractionAsync(Infraction i, CancellationToken ct) => db.ExecuteScalarAsync<long>(
        """
        insert into moderation_infractions (community, user_id, action, points, source, reason, excerpt, moderator_id, at, expires_at)
        values (@c, @u, @action, @Points, @Source, @Reason, @Excerpt, @moderator, @At, @ExpiresAt) returning id
        """,
        new { c = i.Community.ToString(), u = i.User.Id, action = i.Action.ToString(), i.Points, i.Source, i.Reason, i.Excerpt, moderator = i.Moderator?.Id, i.At, i.ExpiresAt }, ct);

    public async Task<Infraction?> GetInfractionAsync(CommunityRef community, long id, CancellationToken ct) =>
        (await db.QueryAsync<InfractionRow>($"select {InfractionColumns} from moderation_infractions where community = @c and id = @id", new { c = community.ToString(), id }, ct))
            .Select(r => r.ToInfraction(community)).FirstOrDefault();

    public async Task<IReadOnlyList<Infraction>> InfractionsAsync(CommunityRef community, UserRef user, DateTimeOffset since, CancellationToken ct) =>
        [.. (await db.QueryAsync<InfractionRow>(
            // A member who erased their data and came back still has their pseudonymised strikes.
            $"select {InfractionColumns} from moderation_infractions where community = @c and user_id in (@u, @p) and at >= @since order by at desc, id desc",
            new { c = community.ToString(), u = user.Id, p = pseudonyms.Of(community, user), since = since == DateTimeOffset.MinValue ? DateTimeOffset.UnixEpoch : since }, ct))
            .Select(r => r.ToInfraction(community))];

    public async Task<bool> PardonAsync(CommunityRef community, long id, UserRef by, DateTimeOffset at, CancellationToken ct) => await db.ExecuteAsync(
        "update moderation_infractions set pardoned_at = @at, pardoned_by = @by where community = @c and id = @id and pardoned_at is null",
        new { c = community.ToString(), id, by = by.Id, at }, ct) > 0;

    public Task<long> AddAppealAsync(Appeal appeal, CancellationToken ct) => db.ExecuteScalarAsync<long>(
        "insert into moderation_appeals (community, infraction_id, user_id, text, at, status) values (@c, @InfractionId, @u, @Text, @At, @status) returning id",
        new { c = appeal.Community.ToString(), appeal.InfractionId, u = appeal.User.Id, appeal.Text, appeal.At, status = appeal.Status.ToString() }, ct);

    public async Task<Appeal?> GetAppealAsync(CommunityRef community, long id, CancellationToken ct) =>
        (await db.QueryAsync<AppealRow>($"select {AppealColumns} from moderation_appeals where community = @c and id = @id", new { c = community.ToString(), id }, ct))
            .Select(r => r.ToAppeal(community)).FirstOrDefault();

    public async Task<Appeal?> AppealOfAsync(CommunityRef community, long infractionId, CancellationToken ct) =>
        (await db.QueryAsync<AppealRow>($"select {AppealColumns} from moderation_appeals where community = @c and infraction_id = @infractionId", new { c = community.ToString(), infractionId }, ct))
            .Select(r => r.ToAppeal(community)).FirstOrDefault();

    public async Task<bool> DecideAppealAsync(CommunityRef community, long id, AppealStatus status, UserRef by, DateTimeOffset at, CancellationToken ct) => await db.ExecuteAsync(
        "update moderation_appeals set status = @status, decided_by = @by, decided_at = @at where community = @c and id = @id and status = 'Pending'",
        new { c = community.ToString(), id, status = status.ToString(), by = by.Id, at }, ct) > 0;

    public Task<string?> GetLadderAsync(CommunityRef community, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<string?>("select ladder from moderation_settings where community = @c", new { c = community.ToString() }, ct);

    public Task SetLadderAsync(CommunityRef community, string? ladder, CancellationToken ct) => db.ExecuteAsync(
        "insert into moderation_settings (community, ladder) values (@c, @ladder) on conflict (community) do update set ladder = excluded.ladder",
        new { c = community.ToString(), ladder }, ct);

    public async Task<RaidState> GetRaidAsync(CommunityRef community, CancellationToken ct)
    {
        var rows = await db.QueryAsync<RaidRow>(
            "select active, baseline, minute_start, joins_this, joins_last, active_since, last_burst_at from moderation_raid where community = @c",
            new { c = community.ToString() }, ct);
        return rows.Count == 0 ? RaidState.Initial : rows[0].ToState();
    }

    public Task SaveRaidAsync(CommunityRef community, RaidState s, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into moderation_raid (community, active, baseline, minute_start, joins_this, joins_last, active_since, last_burst_at)
        values (@c, @Active, @BaselinePerMinute, @MinuteStart, @JoinsThisMinute, @JoinsLastMinute, @ActiveSince, @LastBurstAt)
        on conflict (community) do update set active = excluded.active, baseline = excluded.baseline, minute_start = excluded.minute_start,
            joins_this = excluded.joins_this, joins_last = excluded.joins_last, active_since = excluded.active_since, last_burst_at = excluded.last_burst_at
        """,
        new { c = community.ToString(), s.Active, s.BaselinePerMinute, s.MinuteStart, s.JoinsThisMinute, s.JoinsLastMinute, s.ActiveSince, s.LastBurstAt }, ct);

    public async Task<SpamCounts> SpamCountsAsync(CommunityRef community, IReadOnlyCollection<string> tokens, CancellationToken ct)
    {
        var docs = await db.QueryAsync<(int Spam, int Ham)>("select spam, ham from moderation_spam_docs where community = @c", new { c = community.ToString() }, ct);
        var rows = await db.QueryAsync<(string Token, int Spam, int Ham)>(
            "select token, spam, ham from moderation_spam_tokens where community = @c and token = any(@tokens)",
            new { c = community.ToString(), tokens = tokens.ToArray() }, ct);
        var (spam, ham) = docs.Count == 0 ? (0, 0) : docs[0];
        return new SpamCounts(spam, ham, rows.ToDictionary(r => r.Token, r => (r.Spam, r.Ham)));
    }

    /// <summary>
    /// Spam training, summed up in the batch per community and added in one command at its end: the communities'
    /// document counts first (that row serialises concurrent batches before any token row is taken), then the tokens in order.
    /// </summary>
    public static readonly BatchSink<string, SpamTraining> Training = new(
        "moderation_spam", StringComparer.Ordinal, (earlier, later) => earlier.Plus(later), rows =>
        {
            var tokens = rows.SelectMany(r => r.Tokens.Select(t => (r.Community, Token: t.Key, t.Value.Spam, t.Value.Ham)))
                .OrderBy(t => t.Community, StringComparer.Ordinal).ThenBy(t => t.Token, StringComparer.Ordinal).ToList();
            return (
                """
                insert into moderation_spam_docs (community, spam, ham) select * from unnest(@c, @s, @h)
                on conflict (community) do update set spam = moderation_spam_docs.spam + excluded.spam, ham = moderation_spam_docs.ham + excluded.ham;
                insert into moderation_spam_tokens (community, token, spam, ham) select * from unnest(@tc, @tt, @ts, @th)
                on conflict (community, token) do update set spam = moderation_spam_tokens.spam + excluded.spam, ham = moderation_spam_tokens.ham + excluded.ham
                """,
                new
                {
                    c = rows.Select(r => r.Community).ToArray(),
                    s = rows.Select(r => r.Spam).ToArray(),
                    h = rows.Select(r => r.Ham).ToArray(),
                    tc = tokens.Select(t => t.Community).ToArray(),
                    tt = tokens.Select(t => t.Token).ToArray(),
                    ts = tokens.Select(t => t.Spam).ToArray(),
                    th = tokens.Select(t => t.Ham).ToArray(),
                });
        });

    /// <summary>A community's training in one batch: documents and per-token counts.</summary>
    public sealed record SpamTraining(string Community, int Spam, int Ham, IReadOnlyDictionary<string, (int Spam, int Ham)> Tokens)
    {
        public SpamTraining Plus(SpamTraining other)
        {
            var tokens = new Dictionary<string, (int Spam, int Ham)>(Tokens, StringComparer.Ordinal);
            foreach (var (token, (spam, ham)) in other.Tokens)
            {
                var (s, h) = tokens.GetValueOrDefault(token);
                tokens[token] = (s + spam, h + ham);
            }

            return new SpamTraining(Community, Spam + other.Spam, Ham + other.Ham, tokens);
        }
    }

    public Task TrainSpamAsync(CommunityRef community, IReadOnlyCollection<string> tokens, bool spam, CancellationToken ct)
    {
        var (s, h) = spam ? (1, 0) : (0, 1);
        var counts = tokens.Distinct(StringComparer.Ordinal).ToDictionary(t => t, _ => (s, h), StringComparer.Ordinal);
        return db.WriteAsync(Training, community.ToString(), new SpamTraining(community.ToString(), s, h, counts), ct);
    }

    private static object RuleParameters(ModerationRule r) => new
    {
        c = r.Community.ToString(),
        r.Id,
        kind = RuleParser.KindName(r.Kind),
        r.Pattern,
        action = r.Action.ToString(),
        mode = r.Mode.ToString().ToLowerInvariant(),
        roles = r.Exemptions.Roles.ToArray(),
        tiers = r.Exemptions.Tiers.ToArray(),
        channels = r.Exemptions.Channels.ToArray(),
        by = r.CreatedBy.Id,
        r.CreatedAt,
    };

    private static RuleAction ActionOf(string text) =>
        RuleParser.ParseAction(text).Action ?? throw new InvalidOperationException($"Stored action '{text}' no longer parses.");

    // A class rather than a positional record: Npgsql reports text[] columns as System.Array, which only property mapping accepts.
    private sealed class RuleRow
    {
        public long id { get; init; }

        public string kind { get; init; } = string.Empty;

        public string pattern { get; init; } = string.Empty;

        public string action { get; init; } = string.Empty;

        public string mode { get; init; } = string.Empty;

        public string[] exempt_roles { get; init; } = [];

        public string[] exempt_tiers { get; init; } = [];

        public string[] exempt_channels { get; init; } = [];

        public string created_by { get; init; } = string.Empty;

        public DateTime created_at { get; init; }

        public ModerationRule ToRule(CommunityRef community) => new(
            id, community, RuleParser.ParseKind(kind) ?? throw new InvalidOperationException($"Stored rule kind '{kind}' is unknown."),
            pattern, ActionOf(action), mode == "log" ? RuleMode.Log : RuleMode.Enforce,
            new RuleExemptions(exempt_roles, exempt_tiers, exempt_channels), new UserRef(community.Platform, created_by), Utc.Of(created_at));
    }

    private sealed record InfractionRow(
        long id, string user_id, string action, int points, string source, string reason, string? excerpt, string? moderator_id,
        DateTime at, DateTime? expires_at, DateTime? pardoned_at, string? pardoned_by)
    {
        public Infraction ToInfraction(CommunityRef community) => new(
            id, community, new UserRef(community.Platform, user_id), ActionOf(action), points, source, reason, excerpt,
            moderator_id is null ? null : new UserRef(community.Platform, moderator_id), Utc.Of(at), Utc.Of(expires_at), Utc.Of(pardoned_at),
            pardoned_by is null ? null : new UserRef(community.Platform, pardoned_by));
    }

    private sealed record AppealRow(long id, long infraction_id, string user_id, string text, DateTime at, string status, string? decided_by, DateTime? decided_at)
    {
        public Appeal ToAppeal(CommunityRef community) => new(
            id, community, infraction_id, new UserRef(community.Platform, user_id), text, Utc.Of(at), Enum.Parse<AppealStatus>(status),
            decided_by is null ? null : new UserRef(community.Platform, decided_by), Utc.Of(decided_at));
    }

    private sealed record RaidRow(bool active, double baseline, DateTime? minute_start, int joins_this, int joins_last, DateTime? active_since, DateTime? last_burst_at)
    {
        public RaidState ToState() => new(active, baseline, Utc.Of(minute_start), joins_this, joins_last, Utc.Of(active_since), Utc.Of(last_burst_at));
    }
}
